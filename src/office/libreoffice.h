// LibreOffice as a converter: a file handed to `soffice --headless --convert-to` and the
// converted file's bytes taken back. jixiao uses it where a clerk's office suite is the right
// tool: laying out pages for PDF (render/pdf.h) and reading Word 97-2003 and Excel 97-2003
// files, whose binary formats jixiao does not parse itself (import/importer.h).
//
// Each conversion runs `soffice` in a private, temporary directory and user profile (so it
// neither touches nor waits for the user's LibreOffice), with an argument vector (no shell),
// stdin from /dev/null and its output kept for the error message; it is killed (its whole
// process group) after the timeout. Safe from any thread; conversions in parallel each start
// their own LibreOffice.
//
// Interrupts: while at least one conversion runs, SIGINT, SIGTERM and SIGHUP are caught (a
// signal the process ignores stays ignored). When one arrives, every running conversion's
// LibreOffice (its whole process group) is killed, its private directory — the profile and
// the temporary copy of the user's document — is removed, the previous handlers are put back
// and the signal is raised again, so that a process with the default action ends as killed
// by that signal (exit status 128 + signal in a shell). When no conversion runs, the previous
// handlers are in place.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace jixiao {

// How conversions run. A default-constructed LibreOfficeOptions holds the process-wide
// defaults (DefaultLibreOfficeOptions()): every conversion started without options of its own,
// such as the importer's, runs with them.
struct LibreOfficeOptions {
  LibreOfficeOptions();  // the process-wide defaults
  struct BuiltIn {};
  explicit LibreOfficeOptions(BuiltIn) {}  // the values written below, whatever the defaults

  std::string soffice;           // program to run; empty: "soffice" found on PATH
  int timeout_seconds = 300;     // the conversion is killed after this long
  int notice_after_seconds = 2;  // `notice` is called once the conversion has run this long;
                                 // below 0: never
  // Told, once, that a conversion is still running after `notice_after_seconds` (a sentence
  // in the language in force, base/lang.h, without a final newline): "converting x.doc with
  // LibreOffice (reading Word 97-2003 files), 2 s so far; time limit 300 s". Called on the
  // converting thread. Empty: nothing is told.
  std::function<void(std::string_view message)> notice;
};

// Sets the process-wide defaults (the CLI sets them from --office-timeout and prints the
// notice on stderr). Safe from any thread; conversions already running keep their options.
// Until it is called the defaults are the built-in values: soffice from PATH, 300 s, a notice
// after 2 s, nobody to tell it to.
void SetDefaultLibreOfficeOptions(const LibreOfficeOptions& options);
LibreOfficeOptions DefaultLibreOfficeOptions();

// The path of LibreOffice's `soffice` on PATH, or empty.
std::string FindSoffice();

// What to convert and into what.
struct Conversion {
  std::string input_extension;   // "docx", "doc": LibreOffice picks its import filter by it
  std::string filter;            // --convert-to argument: "pdf:writer_pdf_Export"
  std::string output_extension;  // the extension of the file LibreOffice writes: "pdf"
  std::string purpose;           // for messages: "PDF output", "reading Word 97-2003 files"
  std::string package;           // the Debian package that installs what is needed
  // Optional (initialised, so that a brace list of the five above stays complete):
  // `purpose` in Chinese ("读取 Word 97-2003 文件"); empty: named from the extensions for the
  // conversions jixiao makes (.doc, .xls, .odt, .ods to DOCX/XLSX, formulas, PDF), else
  // `purpose`;
  std::string purpose_zh = {};
  // the user's file, for messages ("自评报告.doc"); empty: ".doc file".
  std::string file_name = {};
};

// Converts `bytes` and returns the converted file. Errors:
//   - NotFound "LibreOffice (soffice) is not installed; <purpose> needs it
//     (scripts/install-deps.sh installs <package>)", or "LibreOffice is not at <path>";
//   - IOError when the temporary directory cannot be made or written, LibreOffice fails or
//     writes nothing ("LibreOffice failed to convert … (exit 1): <the end of its output>"),
//     or does not finish within the timeout ("LibreOffice did not finish converting doc to
//     docx within 300 s (the time limit; --office-timeout SECONDS raises it)");
//   - IOError "interrupted by signal N" when a signal arrived and the process has a handler
//     of its own that let it go on (with the default action the process ends instead).
// Messages are in the language in force (base/lang.h).
Result<std::string> ConvertWithLibreOffice(std::string_view bytes, const Conversion& conversion,
                                           const LibreOfficeOptions& options = {});

}  // namespace jixiao
