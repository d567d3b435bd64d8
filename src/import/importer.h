// The import front door: detects a file's format by its content (not its name) and turns
// any supported file into a package — package JSON directly; plain text, Word (DOCX) and
// Excel (XLSX) through their readers and the recognizer; Word 97-2003 (.doc), Excel 97-2003
// (.xls) and OpenDocument (.odt, .ods) converted to DOCX/XLSX by LibreOffice first
// (office/libreoffice.h), when it is installed.
//
// Example:
//   Result<LoadedPackage> p = LoadAnyPackage("seed.txt");   // or x.docx, x.xlsx, x.json
//   p->package.evaluation.funds.executed  // 124.88, with provenance "seed.txt 表2 …"
//
// Safe from any thread (each call reads its own file). Messages follow the language in force
// (base/lang.h); file names are kept as given, in messages and in the package's provenance
// (a relative path stays relative).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "import/flat_document.h"
#include "import/recognize.h"
#include "model/package.h"

namespace jixiao {

enum class DocumentFormat {
  kJson,
  kText,
  kDocx,
  kXlsx,
  kOtherZip,
  kDoc,            // Word 97-2003: an OLE compound file with a WordDocument stream
  kXls,            // Excel 97-2003: an OLE compound file with a Workbook (or Book) stream
  kEncrypted,      // a password-protected Office file (EncryptedPackage)
  kOtherCompound,  // any other OLE compound file (.ppt, .msg, …)
  kOdt,            // OpenDocument text: a zip whose "mimetype" member says so
  kOds,            // OpenDocument spreadsheet
};
// "json", "text", "docx", "xlsx", "zip", "doc", "xls", "encrypted", "compound", "odt", "ods"
std::string_view DocumentFormatName(DocumentFormat f);

// The largest file read (memory is a few times the file's size while it is imported).
inline constexpr uint64_t kMaxDocumentBytes = 256ull << 20;

// By content: '{' after an optional BOM and blanks → JSON, and so is a file that holds exactly
// one other JSON value (an array, a string, a number: "JSON, but not a package"); a zip holding
// word/document.xml → DOCX, xl/workbook.xml → XLSX, a "mimetype" member of an OpenDocument text
// or spreadsheet → kOdt / kOds, other zips → kOtherZip; the OLE compound file signature
// (D0 CF 11 E0 A1 B1 1A E1) → kDoc, kXls, kEncrypted or kOtherCompound by the stream names
// its directory holds; anything else → text.
DocumentFormat DetectFormat(std::string_view bytes);

// Reads a text, DOCX or XLSX file's bytes into a FlatDocument; a .doc, .xls, .odt or .ods
// through LibreOffice (its origins are those of the converted file: Word paragraph numbers,
// sheet cells). Errors: InvalidArgument for JSON ("x: a package JSON file, not a document";
// "x: JSON, but not a package (an array; …)"), unknown zips, password-protected files and
// other compound files ("x.doc: a password-protected Office file; …"), text whose encoding
// cannot be told (import/text_encoding.h); NotFound when a .doc/.xls needs LibreOffice and it
// is not installed ("x.doc: a Word 97-2003 document (.doc): …; save it as .docx, or install
// …"); IOError when LibreOffice fails on it.
Result<FlatDocument> ReadDocument(std::string_view bytes, const std::string& file_name);

struct LoadedPackage {
  Package package;
  DocumentFormat format = DocumentFormat::kJson;
  ImportResult import;  // empty for JSON packages; its package is moved into `package`
};

// How a document is imported: the rulebook to record, and the forms whose layouts it may be
// in (their reading specs, import/reading_spec.h).
struct ImportOptions {
  std::string rulebook;  // "" → the chosen form's rulebook, else chosen by the layout
  // The candidates: the document is read with the best one's wording (ChooseLayout), and the
  // package names that form (Package::form) with a note I630 saying why. Empty: no form.
  std::vector<ReadingSpec> layouts;
  // Where the candidates come from when `layouts` is empty: called when a document (not a
  // package JSON) is read, and only then — parsing the bundled forms costs a few milliseconds
  // that a run reading only packages need not spend.
  std::function<Result<std::vector<ReadingSpec>>()> layouts_source;
  // `--form`: `layouts` holds that one form, used whatever its signature finds.
  bool form_given = false;
};

// Reads any supported file. `rulebook_for_import` is recorded in imported packages (empty:
// chosen by the form's layout). IOError when unreadable; InvalidArgument for a folder, a file
// larger than kMaxDocumentBytes, JSON that is not an object ("x: JSON, but not a package (a
// number; …)") and a document in which no part of a package is found; InvalidArgument/
// Corruption when the content is malformed, naming the place.
Result<LoadedPackage> LoadAnyPackage(const std::string& path,
                                     const std::string& rulebook_for_import = "");

// The same for bytes already read (standard input, an upload): `path` names them in messages
// and in the package's import record. Time and memory are linear in the size of the bytes.
// Example: LoadPackageBytes(text, "seed.txt")->package.evaluation.funds.executed  // 124.88
Result<LoadedPackage> LoadPackageBytes(std::string_view bytes, const std::string& path,
                                       const std::string& rulebook_for_import = "");

// The same with a choice of layout (ImportOptions). Example: with every bundled form's spec
// among `layouts`, a 贵州 table comes back with package.form == "guizhou-2021", its rulebook
// "guizhou" and a note I630 "版式 guizhou-2021：表格含 年初预算数(A)、全年执行数(B)…（4/4）".
Result<LoadedPackage> LoadAnyPackage(const std::string& path, const ImportOptions& options);
Result<LoadedPackage> LoadPackageBytes(std::string_view bytes, const std::string& path,
                                       const ImportOptions& options);

// Reads a whole file of at most kMaxDocumentBytes; IOError "cannot read <path>: <reason>",
// InvalidArgument "<path>: a folder, not a file; …" and "<path>: larger than 256 MB; …".
Result<std::string> ReadFileBytes(const std::string& path);

}  // namespace jixiao
