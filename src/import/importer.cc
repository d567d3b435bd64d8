// Format detection and dispatch to the readers and the recognizer.
#include "import/importer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "base/file_io.h"
#include "base/lang.h"
#include "base/text.h"
#include "check/codes.h"
#include "import/docx_reader.h"
#include "import/reading_spec.h"
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
    case DocumentFormat::kOdt:
      return "odt";
    case DocumentFormat::kOds:
      return "ods";
  }
  return "";
}

namespace {

// Where a document that yielded nothing holds the forms' header words all the same (three or
// more in one paragraph): its cells run together in a way no reader could cut (OCR, a copy
// with the separators lost). The first such paragraph, and the words in the order found.
struct HeaderWordsFound {
  int line = 0;       // text: 1-based line; else 0
  int paragraph = 0;  // DOCX: 1-based paragraph; else 0
  std::vector<std::string_view> words;
};

std::optional<HeaderWordsFound> HeaderWordsWithoutTable(const FlatDocument& doc) {
  // Longest first where one holds another.
  static constexpr std::string_view kWords[] = {
      // Not 执行率 nor 完成率: indicators are named so.
      "年初预算数", "全年执行数", "全年预算数", "一级指标", "二级指标", "三级指标", "年度指标值",
      "实际完成值", "指标名称",   "得分系数",   "指标权重", "编制数",   "决算数"};
  constexpr size_t kFewest = 3, kListed = 6;
  for (const FlatBlock& b : doc.blocks) {
    if (b.kind != FlatBlock::Kind::kParagraph) continue;
    const std::string& t = b.paragraph.text;
    std::vector<std::pair<size_t, std::string_view>> found;
    for (std::string_view w : kWords) {
      const size_t at = t.find(w);
      if (at != std::string::npos) found.emplace_back(at, w);
    }
    if (found.size() < kFewest) continue;
    std::sort(found.begin(), found.end());
    HeaderWordsFound h;
    h.line = b.paragraph.origin.line;
    h.paragraph = b.paragraph.origin.paragraph;
    for (size_t k = 0; k < found.size() && k < kListed; ++k) h.words.push_back(found[k].second);
    return h;
  }
  return std::nullopt;
}

constexpr std::string_view kCompoundSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// The text after an optional UTF-8 byte order mark and blanks.
std::string_view JsonBody(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xef\xbb\xbf") bytes.remove_prefix(3);
  return TrimBlank(bytes);
}

// JSON: an object ('{' first: a package, or a malformed one the JSON reader reports), or any
// other JSON value that the whole file holds exactly (an array, a string, a number, true,
// false, null) — not a package, but not a document either.
bool IsJson(std::string_view bytes) {
  const std::string_view body = JsonBody(bytes);
  if (body.empty()) return false;
  const char c = body.front();
  if (c == '{') return true;
  if (c != '[' && c != '"' && c != '-' && !(c >= '0' && c <= '9') && c != 't' && c != 'f' &&
      c != 'n') {
    return false;
  }
  return nlohmann::json::accept(body);
}

// What a JSON value that is not an object is, for the message.
std::string_view JsonKind(std::string_view bytes) {
  switch (JsonBody(bytes).front()) {
    case '[':
      return Tr("数组", "an array");
    case '"':
      return Tr("字符串", "a string");
    case 't':
    case 'f':
      return Tr("布尔值", "a boolean");
    case 'n':
      return Tr("null", "null");
    default:
      return Tr("数字", "a number");
  }
}

Status JsonNotAPackage(std::string_view bytes, const std::string& file_name) {
  return Status::InvalidArgument(
      TrF("{}：是 JSON，但不是绩效自评数据包（内容是{}，数据包应是一个 JSON 对象 {{…}}）",
          "{}: JSON, but not a package ({}; a package is a JSON object {{…}})", file_name,
          JsonKind(bytes)));
}

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

// A file jixiao reads by having LibreOffice convert it to DOCX or XLSX first.
struct Converted {
  DocumentFormat format;
  Conversion conversion;
  bool word;              // read as DOCX (else XLSX)
  std::string_view what;  // for messages and the import summary, in English
  std::string_view zh;    // the same in Chinese
};

const Converted* ConvertedFormat(DocumentFormat format) {
  static const Converted kConverted[] = {
      {DocumentFormat::kDoc,
       {"doc", "docx:MS Word 2007 XML", "docx", "reading Word 97-2003 (.doc) files",
        "libreoffice-writer-nogui"},
       true,
       "a Word 97-2003 document (.doc)",
       "Word 97-2003 文档（.doc）"},
      {DocumentFormat::kXls,
       {"xls", "xlsx:Calc MS Excel 2007 XML", "xlsx", "reading Excel 97-2003 (.xls) files",
        "libreoffice-calc-nogui"},
       false,
       "an Excel 97-2003 workbook (.xls)",
       "Excel 97-2003 工作簿（.xls）"},
      {DocumentFormat::kOdt,
       {"odt", "docx:MS Word 2007 XML", "docx", "reading OpenDocument text (.odt) files",
        "libreoffice-writer-nogui"},
       true,
       "an OpenDocument text (.odt)",
       "OpenDocument 文本（.odt）"},
      {DocumentFormat::kOds,
       {"ods", "xlsx:Calc MS Excel 2007 XML", "xlsx",
        "reading OpenDocument spreadsheet (.ods) files", "libreoffice-calc-nogui"},
       false,
       "an OpenDocument spreadsheet (.ods)",
       "OpenDocument 电子表格（.ods）"},
  };
  for (const Converted& c : kConverted) {
    if (c.format == format) return &c;
  }
  return nullptr;
}

// The file converted to DOCX/XLSX by LibreOffice, then read.
Result<FlatDocument> ReadConverted(std::string_view bytes, const std::string& file_name,
                                   const Converted& how) {
  Conversion conversion = how.conversion;
  conversion.file_name = file_name;  // named in LibreOffice's notice and errors
  Result<std::string> converted = ConvertWithLibreOffice(bytes, conversion);
  const std::string_view what = Tr(how.zh, how.what);
  if (!converted.ok()) {
    if (converted.status().code() == Status::Code::kNotFound) {
      return Status::NotFound(TrF("{0}：{1}：{2}；请在 {4} 中把它另存为 {3}，或安装 LibreOffice",
                                  "{0}: {1}: {2}; save it as {3} in {4}, or install LibreOffice",
                                  file_name, what, converted.status().message(),
                                  how.word ? ".docx" : ".xlsx", how.word ? "Word" : "Excel"));
    }
    return Status::IOError(
        TrF("{}：{}：{}", "{}: {}: {}", file_name, what, converted.status().message()));
  }
  Result<FlatDocument> doc =
      how.word ? ReadDocx(*converted, file_name) : ReadXlsx(*converted, file_name);
  if (!doc.ok()) return doc.status();
  doc->format = how.conversion.input_extension;
  doc->conversion = TrF("LibreOffice 将 {}转换为 .{} 后读取",
                        "LibreOffice converted {} to .{}, which was then read", what,
                        how.conversion.output_extension);
  return doc;
}

Status TooLarge(const std::string& path) {
  return Status::InvalidArgument(TrF("{}：文件超过 {} MB，不予读取；请确认是否选错了文件",
                                     "{}: larger than {} MB; larger files are refused", path,
                                     kMaxDocumentBytes >> 20));
}

// The I604 note for a workbook read with formulas whose results it does not hold.
Diagnostic FormulasWithoutValues(const FlatDocument& doc) {
  Diagnostic d;
  d.code = "I604";
  const CodeInfo* info = FindCode(d.code);
  d.severity = info ? info->severity : Severity::kWarning;
  d.location.document = "source";
  SourceRef where;
  where.file = doc.file;
  const bool more = doc.formulas_without_values > static_cast<int64_t>(doc.formula_cells.size());
  const std::string cells =
      fmt::format("{}{}", fmt::join(doc.formula_cells, "、"), more ? "…" : "");
  const std::string cells_en =
      fmt::format("{}{}", fmt::join(doc.formula_cells, ", "), more ? ", …" : "");
  where.text = cells;
  const size_t bang =
      doc.formula_cells.empty() ? std::string::npos : doc.formula_cells.front().rfind('!');
  if (bang != std::string::npos) where.table = doc.formula_cells.front().substr(0, bang);
  d.location.table = where.table;
  d.location.source = where;
  d.reported = cells;
  d.message_zh = fmt::format(
      "{} 个公式单元格没有保存计算结果（{}），已按空白导入。请在 Excel、WPS 或 LibreOffice 中"
      "打开并保存后再导入，或安装 LibreOffice 由 jixiao 计算。",
      doc.formulas_without_values, cells);
  d.message_en = fmt::format(
      "{} formula cells hold no saved result ({}) and were imported as blank. Open and save the "
      "workbook in Excel, WPS or LibreOffice and import it again, or install LibreOffice for "
      "jixiao to calculate them.",
      doc.formulas_without_values, cells_en);
  return d;
}

// A workbook whose formulas have no saved results is calculated by LibreOffice (when it is
// installed) and the calculated copy read; otherwise, or when LibreOffice fails on it, the
// workbook is read as it is and the formulas' cells are empty (LoadAnyPackage notes them).
Result<FlatDocument> ReadXlsxCalculated(std::string_view bytes, const std::string& file_name) {
  Result<FlatDocument> doc = ReadXlsx(bytes, file_name);
  if (!doc.ok() || doc->formulas_without_values == 0 || FindSoffice().empty()) return doc;
  Conversion conversion{"xlsx", "xlsx:Calc MS Excel 2007 XML", "xlsx", "calculating formulas",
                        "libreoffice-calc-nogui"};
  conversion.file_name = file_name;
  Result<std::string> calculated = ConvertWithLibreOffice(bytes, conversion);
  if (!calculated.ok()) return doc;
  Result<FlatDocument> again = ReadXlsx(*calculated, file_name);
  if (!again.ok() || again->formulas_without_values != 0) return doc;
  again->conversion = TrF("{} 个公式没有保存计算结果（如 {}），已由 LibreOffice 计算后读取",
                          "{} formulas held no saved result (e.g. {}); LibreOffice calculated "
                          "them before reading",
                          doc->formulas_without_values, doc->formula_cells.front());
  return again;
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
    // OpenDocument: the first member is "mimetype", stored, holding the media type.
    const std::string_view head = bytes.substr(0, 200);
    if (head.find("mimetypeapplication/vnd.oasis.opendocument.text") != std::string_view::npos) {
      return DocumentFormat::kOdt;
    }
    if (head.find("mimetypeapplication/vnd.oasis.opendocument.spreadsheet") !=
        std::string_view::npos) {
      return DocumentFormat::kOds;
    }
    return DocumentFormat::kOtherZip;
  }
  if (IsJson(bytes)) return DocumentFormat::kJson;
  return DocumentFormat::kText;
}

Result<FlatDocument> ReadDocument(std::string_view bytes, const std::string& file_name) {
  const DocumentFormat format = DetectFormat(bytes);
  switch (format) {
    case DocumentFormat::kDocx:
      return ReadDocx(bytes, file_name);
    case DocumentFormat::kXlsx:
      return ReadXlsxCalculated(bytes, file_name);
    case DocumentFormat::kText:
      return ReadText(bytes, file_name);
    case DocumentFormat::kJson:
      if (JsonBody(bytes).front() != '{') return JsonNotAPackage(bytes, file_name);
      return Status::InvalidArgument(TrF("{}：这是数据包 JSON 文件，不是需要导入的文档",
                                         "{}: a package JSON file, not a document", file_name));
    case DocumentFormat::kOtherZip:
      return Status::InvalidArgument(
          TrF("{}：是 zip 压缩包，但既不是 Word 文档也不是 Excel 工作簿",
              "{}: a zip archive that is neither a Word nor an Excel file", file_name));
    case DocumentFormat::kDoc:
    case DocumentFormat::kXls:
    case DocumentFormat::kOdt:
    case DocumentFormat::kOds:
      return ReadConverted(bytes, file_name, *ConvertedFormat(format));
    case DocumentFormat::kEncrypted:
      return Status::InvalidArgument(
          TrF("{}：这是设置了打开密码的 Office 文件；请打开它，取消密码（文件 → 信息 → "
              "保护文档/保护工作簿 → 用密码进行加密，清空密码）后重新保存",
              "{}: a password-protected Office file; open it, remove the password (文件 → 信息 → "
              "保护文档/保护工作簿 → 用密码进行加密, clear it) and save it again",
              file_name));
    case DocumentFormat::kOtherCompound:
      return Status::InvalidArgument(
          TrF("{}：是 Office 97-2003 文件，但既不是 Word 文档也不是 Excel 工作簿",
              "{}: an Office 97-2003 file that is neither a Word document nor an Excel "
              "workbook",
              file_name));
  }
  return Status::InvalidArgument(TrF("{}：无法识别的文件格式", "{}: unknown format", file_name));
}

Result<std::string> ReadFileBytes(const std::string& path) {
  auto cannot_read = [&path](int error) {
    return Status::IOError(
        TrF("无法读取 {}：{}", "cannot read {}: {}", path, SystemErrorText(error)));
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cannot_read(errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) return cannot_read(errno);
  if (S_ISDIR(st.st_mode)) {
    return Status::InvalidArgument(
        TrF("{}：这是一个文件夹，不是文件；请给出文件夹里要导入的文件（如 {}/自评报告.docx）",
            "{}: a folder, not a file; name the file inside it to import (e.g. {}/report.docx)",
            path, path));
  }
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > kMaxDocumentBytes) {
    return TooLarge(path);
  }
  // Read straight into the string, growing it up to the limit: a device or a pipe has no size
  // to check beforehand. A regular file is read to the size it had when opened: once that many
  // bytes are in, no second read asks for an end of file (one system call fewer a file, in a
  // batch `check` of thousands).
  std::string bytes;
  size_t size = 0;
  const bool regular = S_ISREG(st.st_mode);
  const size_t expected = regular ? static_cast<size_t>(st.st_size) : 0;
  bytes.resize(regular ? expected + 1 : size_t{1} << 16);
  while (!(regular && size == expected && expected > 0)) {
    if (size == bytes.size()) {
      if (size > kMaxDocumentBytes) return TooLarge(path);
      bytes.resize(std::min<size_t>(size * 2, kMaxDocumentBytes + 1));
    }
    const ssize_t got = ::read(fd, bytes.data() + size, bytes.size() - size);
    if (got < 0) {
      if (errno == EINTR) continue;
      return cannot_read(errno);
    }
    if (got == 0) break;
    size += static_cast<size_t>(got);
  }
  if (size > kMaxDocumentBytes) return TooLarge(path);
  bytes.resize(size);
  return bytes;
}

namespace {

// I630: the form chosen for the document, and why.
Diagnostic FormChosen(const ReadingSpec& spec, const std::optional<LayoutMatch>& match, bool given,
                      const std::string& file_name) {
  Diagnostic d;
  d.code = "I630";
  d.severity = Severity::kInfo;
  d.file = file_name;
  d.location.document = "source";
  d.location.pointer = "/form";
  std::string words_zh, words_en;
  size_t found = 0, total = spec.signature.size();
  if (match) {
    found = match->found.size();
    for (const std::string& w : match->found) {
      words_zh += (words_zh.empty() ? "" : "、") + w;
      words_en += (words_en.empty() ? "" : ", ") + w;
    }
  }
  if (given) {
    d.message_zh = found > 0 ? fmt::format("版式 {}：由 --form 指定（表格含 {}，{}/{}）",
                                           spec.form_id, words_zh, found, total)
                             : fmt::format("版式 {}：由 --form 指定", spec.form_id);
    d.message_en = found > 0 ? fmt::format("form {}: given by --form (the tables hold {}, {}/{})",
                                           spec.form_id, words_en, found, total)
                             : fmt::format("form {}: given by --form", spec.form_id);
  } else {
    d.message_zh = fmt::format("版式 {}：表格含 {}（{}/{}），按此版式读表并记入数据包",
                               spec.form_id, words_zh, found, total);
    d.message_en = fmt::format(
        "form {}: the tables hold {} ({}/{}); read in its layout and recorded in the package",
        spec.form_id, words_en, found, total);
  }
  return d;
}

}  // namespace

Result<LoadedPackage> LoadPackageBytes(std::string_view bytes, const std::string& file_name,
                                       const std::string& rulebook_for_import) {
  ImportOptions options;
  options.rulebook = rulebook_for_import;
  return LoadPackageBytes(bytes, file_name, options);
}

Result<LoadedPackage> LoadPackageBytes(std::string_view bytes, const std::string& file_name,
                                       const ImportOptions& options) {
  const std::string& rulebook_for_import = options.rulebook;
  LoadedPackage loaded;
  loaded.format = DetectFormat(bytes);
  if (loaded.format == DocumentFormat::kJson) {
    if (JsonBody(bytes).front() != '{') return JsonNotAPackage(bytes, file_name);
    Result<Package> p = ParsePackageJson(bytes, file_name);
    if (!p.ok()) return p.status();
    loaded.package = std::move(p).value();
    return loaded;
  }
  Result<FlatDocument> doc = ReadDocument(bytes, file_name);
  if (!doc.ok()) return doc.status();
  // The layout: the form given, else the best fit among the candidates, else none.
  std::vector<ReadingSpec> sourced;
  if (options.layouts.empty() && options.layouts_source) {
    Result<std::vector<ReadingSpec>> layouts = options.layouts_source();
    if (!layouts.ok()) return layouts.status();
    sourced = std::move(layouts).value();
  }
  const std::vector<ReadingSpec>& candidates = sourced.empty() ? options.layouts : sourced;
  const ReadingSpec* spec = nullptr;
  std::optional<LayoutMatch> match;
  if (options.form_given && !candidates.empty()) {
    spec = &candidates.front();
    match = MatchLayout(*spec, *doc);
  } else if ((match = ChooseLayout(candidates, *doc))) {
    spec = match->spec;
  }
  // Without --rulebook, a form's layout brings its rulebook (a project table keeps the
  // project rulebook).
  loaded.import = Recognize(*doc, rulebook_for_import, spec);
  if (spec != nullptr) {
    Package& p = loaded.import.package;
    p.form = spec->form_id;
    if (rulebook_for_import.empty() && p.kind != PackageKind::kProject && !spec->rulebook.empty()) {
      p.rulebook = spec->rulebook;
      loaded.import.rulebook_reason =
          TrF("版式 {} 的评分规则", "the rulebook of form {}", spec->form_id);
    }
    loaded.import.notes.insert(loaded.import.notes.begin(),
                               FormChosen(*spec, match, options.form_given, file_name));
  }
  int missing = 0;
  for (const Diagnostic& d : loaded.import.notes) missing += d.code == "I603";
  if (missing == 3) {
    // Nothing at all was recognised: say what was looked for (and how many tables were there,
    // none of them recognised), so that a near miss can be told from an unrelated file.
    int tables = 0;
    for (const FlatBlock& b : doc->blocks) tables += b.kind == FlatBlock::Kind::kTable;
    if (const std::optional<HeaderWordsFound> h = HeaderWordsWithoutTable(*doc)) {
      // The words of a form are there, their table is not: say where, and why it is not read.
      const std::string where = h->line > 0        ? TrF("第 {} 行", "line {}", h->line)
                                : h->paragraph > 0 ? TrF("第 {} 段", "paragraph {}", h->paragraph)
                                                   : std::string(Tr("正文中", "the text"));
      return Status::InvalidArgument(TrF(
          "{}：未能导入：{}有自评材料的表头文字（{}），但各单元格连在一起、没有分隔（OCR "
          "识别或复制时"
          "丢失了表格结构），无法判断各数字属于哪一栏，因此没有读出表格；请改用原始的 Word、Excel "
          "或 PDF 文件，或把表格各栏用制表符分开后再导入",
          "{}: not imported: {} holds the header words of a self-evaluation form ({}), but its "
          "cells run together without separators (OCR, or a copy that lost the table's "
          "structure) and which column each figure belongs to cannot be told, so no table was "
          "read; import the original Word, Excel or PDF file, or separate the table's cells "
          "with tabs",
          file_name, where, fmt::format("{}", fmt::join(h->words, std::string(Tr("、", ", "))))));
    }
    return Status::InvalidArgument(
        TrF("{}：不是部门整体支出绩效自评材料：{}没有找到基础数据表（含“编制数”或“预算数”与“决算数”"
            "的表头）、自评表（含“年初预算数”与“执行数”或“一级指标”与“三级指标”的表头）或自评报告"
            "（编号的部分“一、…”，或含“报告”的标题）",
            "{}: not a self-evaluation package: {}no basic data table (a header with 编制数, or "
            "预算数 and 决算数), no self-evaluation table (a header with 年初预算数 and 执行数, or "
            "一级指标 and 三级指标) and no report (numbered sections 一、…, or a title with 报告) "
            "was found",
            file_name,
            tables == 0 ? Tr("文件中没有表格，", "the file holds no table; ")
                        : TrF("文件中的 {} 个表格都未能识别，",
                              "none of its {} tables was recognised; ", tables)));
  }
  if (!doc->conversion.empty()) loaded.import.recognised.push_back(doc->conversion);
  if (doc->formulas_without_values > 0) {
    loaded.import.notes.push_back(FormulasWithoutValues(*doc));
  }
  loaded.package = std::move(loaded.import.package);
  return loaded;
}

Result<LoadedPackage> LoadAnyPackage(const std::string& path,
                                     const std::string& rulebook_for_import) {
  Result<std::string> bytes = ReadFileBytes(path);
  if (!bytes.ok()) return bytes.status();
  return LoadPackageBytes(*bytes, path, rulebook_for_import);
}

Result<LoadedPackage> LoadAnyPackage(const std::string& path, const ImportOptions& options) {
  Result<std::string> bytes = ReadFileBytes(path);
  if (!bytes.ok()) return bytes.status();
  return LoadPackageBytes(*bytes, path, options);
}

}  // namespace jixiao
