// Format detection and dispatch to the readers and the recognizer.
#include "import/importer.h"

#include <fmt/format.h>

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
#include "office/libreoffice.h"

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
    case DocumentFormat::kDoc:
      return "doc";
    case DocumentFormat::kXls:
      return "xls";
    case DocumentFormat::kEncrypted:
      return "encrypted";
    case DocumentFormat::kOtherCompound:
      return "compound";
  }
  return "";
}

namespace {

constexpr std::string_view kCompoundSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// True when the compound file's bytes hold `name` as a UTF-16LE directory entry name (the
// directory is not parsed: a name anywhere in the file is taken as a hint, which is enough to
// choose between Word, Excel and an encrypted package; LibreOffice reads the file itself).
bool HasStreamName(std::string_view bytes, std::string_view name) {
  std::string wide;
  for (char c : name) {
    wide.push_back(c);
    wide.push_back('\0');
  }
  wide += std::string("\0\0", 2);  // the name's terminating NUL
  return bytes.find(wide) != std::string_view::npos;
}

// A .doc or .xls converted to DOCX/XLSX by LibreOffice, then read.
Result<FlatDocument> ReadLegacyOffice(std::string_view bytes, const std::string& file_name,
                                      bool word) {
  const Conversion conversion =
      word ? Conversion{"doc", "docx:MS Word 2007 XML", "docx",
                        "reading Word 97-2003 (.doc) files", "libreoffice-writer-nogui"}
           : Conversion{"xls", "xlsx:Calc MS Excel 2007 XML", "xlsx",
                        "reading Excel 97-2003 (.xls) files", "libreoffice-calc-nogui"};
  const std::string what = word ? "a Word 97-2003 document (.doc)" : "an Excel 97-2003 workbook (.xls)";
  Result<std::string> converted = ConvertWithLibreOffice(bytes, conversion);
  if (!converted.ok()) {
    if (converted.status().code() == Status::Code::kNotFound) {
      return Status::NotFound(fmt::format("{}: {}: {}; save it as {} in {}, or install LibreOffice",
                                          file_name, what, converted.status().message(),
                                          word ? ".docx" : ".xlsx", word ? "Word" : "Excel"));
    }
    return Status::IOError(
        fmt::format("{}: {}: {}", file_name, what, converted.status().message()));
  }
  Result<FlatDocument> doc =
      word ? ReadDocx(*converted, file_name) : ReadXlsx(*converted, file_name);
  if (!doc.ok()) return doc.status();
  doc->format = word ? "doc" : "xls";
  return doc;
}

}  // namespace

DocumentFormat DetectFormat(std::string_view bytes) {
  if (bytes.substr(0, kCompoundSignature.size()) == kCompoundSignature) {
    if (HasStreamName(bytes, "EncryptedPackage")) return DocumentFormat::kEncrypted;
    if (HasStreamName(bytes, "WordDocument")) return DocumentFormat::kDoc;
    if (HasStreamName(bytes, "Workbook") || HasStreamName(bytes, "Book")) {
      return DocumentFormat::kXls;
    }
    return DocumentFormat::kOtherCompound;
  }
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
    case DocumentFormat::kDoc:
      return ReadLegacyOffice(bytes, file_name, true);
    case DocumentFormat::kXls:
      return ReadLegacyOffice(bytes, file_name, false);
    case DocumentFormat::kEncrypted:
      return Status::InvalidArgument(
          file_name +
          ": a password-protected Office file; open it, remove the password (文件 → 信息 → "
          "保护文档/保护工作簿 → 用密码进行加密, clear it) and save it again");
    case DocumentFormat::kOtherCompound:
      return Status::InvalidArgument(
          file_name + ": an Office 97-2003 file that is neither a Word document nor an Excel "
                      "workbook");
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
