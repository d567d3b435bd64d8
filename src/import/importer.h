// The import front door: detects a file's format by its content (not its name) and turns
// any supported file into a package — package JSON directly; plain text, Word (DOCX) and
// Excel (XLSX) through their readers and the recognizer.
//
// Example:
//   Result<LoadedPackage> p = LoadAnyPackage("seed.txt");   // or x.docx, x.xlsx, x.json
//   p->package.evaluation.funds.executed  // 124.88, with provenance "seed.txt 表2 …"
//
// Safe from any thread (each call reads its own file).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "import/flat_document.h"
#include "import/recognize.h"
#include "model/package.h"

namespace jixiao {

enum class DocumentFormat { kJson, kText, kDocx, kXlsx, kOtherZip };
std::string_view DocumentFormatName(DocumentFormat f);  // "json", "text", "docx", "xlsx", "zip"

// By content: '{' after an optional BOM and blanks → JSON; a zip holding word/document.xml →
// DOCX, xl/workbook.xml → XLSX, other zips → kOtherZip; anything else → text.
DocumentFormat DetectFormat(std::string_view bytes);

// Reads a text, DOCX or XLSX file's bytes into a FlatDocument (InvalidArgument for JSON and
// unknown zips).
Result<FlatDocument> ReadDocument(std::string_view bytes, const std::string& file_name);

struct LoadedPackage {
  Package package;
  DocumentFormat format = DocumentFormat::kJson;
  ImportResult import;  // empty for JSON packages
};

// Reads any supported file. `rulebook_for_import` is recorded in imported packages (empty:
// chosen by the form's layout). IOError when unreadable; InvalidArgument/Corruption when the
// content is malformed, naming the place.
Result<LoadedPackage> LoadAnyPackage(const std::string& path,
                                     const std::string& rulebook_for_import = "");

// Reads a whole file; IOError "cannot read <path>: <reason>".
Result<std::string> ReadFileBytes(const std::string& path);

}  // namespace jixiao
