// Format detection and dispatch to the readers and the recognizer.
#include "import/importer.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/text.h"
#include "import/docx_reader.h"
#include "import/text_reader.h"
#include "import/xlsx_reader.h"
#include "import/zip_archive.h"
#include "model/package_json.h"

namespace jixiao {

std::string_view DocumentFormatName(DocumentFormat f) {
  switch (f) {
    case DocumentFormat::kJson:
      return "json";
    case DocumentFormat::kText:
      return "text";
    case DocumentFormat::kDocx:
      return "docx";
    case DocumentFormat::kXlsx:
      return "xlsx";
    case DocumentFormat::kOtherZip:
      return "zip";
  }
  return "";
}

DocumentFormat DetectFormat(std::string_view bytes) {
  if (LooksLikeZip(bytes)) {
    // The central directory lists member names in the clear; look for the telling parts.
    if (bytes.find("word/document.xml") != std::string_view::npos) return DocumentFormat::kDocx;
    if (bytes.find("xl/workbook.xml") != std::string_view::npos) return DocumentFormat::kXlsx;
    return DocumentFormat::kOtherZip;
  }
  std::string_view rest = bytes;
  if (rest.substr(0, 3) == "\xef\xbb\xbf") rest.remove_prefix(3);
  rest = TrimBlank(rest);
  if (!rest.empty() && rest.front() == '{') return DocumentFormat::kJson;
  return DocumentFormat::kText;
}

Result<FlatDocument> ReadDocument(std::string_view bytes, const std::string& file_name) {
  switch (DetectFormat(bytes)) {
    case DocumentFormat::kDocx:
      return ReadDocx(bytes, file_name);
    case DocumentFormat::kXlsx:
      return ReadXlsx(bytes, file_name);
    case DocumentFormat::kText:
      return ReadText(bytes, file_name);
    case DocumentFormat::kJson:
      return Status::InvalidArgument(file_name + ": a package JSON file, not a document");
    case DocumentFormat::kOtherZip:
      return Status::InvalidArgument(file_name +
                                     ": a zip archive that is neither a Word nor an Excel file");
  }
  return Status::InvalidArgument(file_name + ": unknown format");
}

Result<std::string> ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path + ": " + std::strerror(errno));
  return ss.str();
}

Result<LoadedPackage> LoadAnyPackage(const std::string& path,
                                     const std::string& rulebook_for_import) {
  Result<std::string> bytes = ReadFileBytes(path);
  if (!bytes.ok()) return bytes.status();
  LoadedPackage loaded;
  loaded.format = DetectFormat(*bytes);
  if (loaded.format == DocumentFormat::kJson) {
    Result<Package> p = ParsePackageJson(*bytes, path);
    if (!p.ok()) return p.status();
    loaded.package = std::move(p).value();
    return loaded;
  }
  Result<FlatDocument> doc = ReadDocument(*bytes, path);
  if (!doc.ok()) return doc.status();
  loaded.import = Recognize(*doc, rulebook_for_import);
  int missing = 0;
  for (const Diagnostic& d : loaded.import.notes) missing += d.code == "I603";
  if (missing == 3) {
    return Status::InvalidArgument(
        path + ": not a self-evaluation package (no 基础数据表, 自评表 or 自评报告 was found)");
  }
  loaded.package = loaded.import.package;
  return loaded;
}

}  // namespace jixiao
