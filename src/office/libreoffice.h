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
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace jixiao {

struct LibreOfficeOptions {
  std::string soffice;        // program to run; empty: "soffice" found on PATH
  int timeout_seconds = 300;  // the conversion is killed after this long
};

// The path of LibreOffice's `soffice` on PATH, or empty.
std::string FindSoffice();

// What to convert and into what.
struct Conversion {
  std::string input_extension;   // "docx", "doc": LibreOffice picks its import filter by it
  std::string filter;            // --convert-to argument: "pdf:writer_pdf_Export"
  std::string output_extension;  // the extension of the file LibreOffice writes: "pdf"
  std::string purpose;           // for messages: "PDF output", "reading Word 97-2003 files"
  std::string package;           // the Debian package that installs what is needed
};

// Converts `bytes` and returns the converted file. Errors:
//   - NotFound "LibreOffice (soffice) is not installed; <purpose> needs it
//     (scripts/install-deps.sh installs <package>)", or "LibreOffice is not at <path>";
//   - IOError when the temporary directory cannot be made or written, LibreOffice fails or
//     writes nothing ("LibreOffice failed to convert … (exit 1): <the end of its output>"),
//     or does not finish within the timeout.
Result<std::string> ConvertWithLibreOffice(std::string_view bytes, const Conversion& conversion,
                                           const LibreOfficeOptions& options = {});

}  // namespace jixiao
