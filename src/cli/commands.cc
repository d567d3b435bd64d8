// The commands of `jixiao` that need no renderer (see cli.h): check, score, claims, import and
// --explain; render is in render_command.cc, review in review_command.cc. Each loads its input
// (a package or a document, a file or standard input), calls the engine and prints the result
// in the language in force. Nothing an output replaces may be an input: outputs are compared
// with every input by identity before anything is written, and every file is written
// atomically (base/file_io.h).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "base/file_io.h"
#include "base/heap.h"
#include "base/lang.h"
#include "check/checker.h"
#include "check/codes.h"
#include "check/narrative.h"
#include "cli/cli.h"
#include "cli/command_support.h"
#include "compute/scoring.h"
#include "import/importer.h"
#include "model/package_json.h"
#include "present/diagnostic_format.h"
#include "present/score_format.h"
#include "present/text_table.h"
#include "render/form.h"
#include "rules/rulebook.h"

namespace jixiao::cli {
namespace {

namespace fs = std::filesystem;

// Standard input, read once (a run reads it for one input only).
Result<std::string> ReadStandardInput() {
  std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (std::cin.bad()) {
    return Status::IOError(TrF("无法读取标准输入", "cannot read standard input"));
  }
  return bytes;
}

// Points each diagnostic at the original document where the package was imported from one.
void AttachSources(const Package& package, std::vector<Diagnostic>* diagnostics) {
  if (package.provenance.empty()) return;
  for (Diagnostic& d : *diagnostics) {
    if (d.location.source || d.location.pointer.empty()) continue;
    if (d.location.text_line >= 0) {
      auto it =
          package.provenance.find(d.location.pointer + "/" + std::to_string(d.location.text_line));
      if (it != package.provenance.end()) {
        d.location.source = it->second;
        continue;
      }
    }
    // The value itself, or else the nearest thing recorded under the same row or node.
    std::string prefix = d.location.pointer;
    while (!prefix.empty()) {
      auto it = package.provenance.find(prefix);
      if (it == package.provenance.end()) it = package.provenance.lower_bound(prefix + "/");
      if (it != package.provenance.end() && it->first.rfind(prefix, 0) == 0) {
        d.location.source = it->second;
        break;
      }
      prefix.resize(prefix.rfind('/'));
    }
  }
}

// Where a document stands in the package: the data table, the 自评表, the report, the rest.
int DocumentRank(const std::string& document) {
  if (document == "basic_data") return 0;
  if (document == "evaluation") return 1;
  if (document == "report") return 2;
  return 3;
}

// The place of a package JSON key in the printed documents: tables in the order the forms
// print them, columns left to right, a row's own cells before its children.
int KeyRank(std::string_view key) {
  static constexpr std::string_view kOrder[] = {
      // package and documents
      "unit", "basic_data", "evaluation", "report",
      // 基础数据表
      "staffing", "expenses", "buildings", "frugality_measures", "notes", "authorized",
      "on_payroll", "control_rate", "retired", "total_actual", "key", "label", "values",
      "prior_final", "budget", "final", "name", "approved_area", "actual_area", "area_control_rate",
      "budget_investment", "actual_investment", "investment_control_rate",
      // 自评表
      "unit_name", "funds", "goals", "indicators", "total_weight", "total_score", "grade",
      "initial_budget", "full_year_budget", "executed", "target", "actual", "weight",
      "execution_rate", "score", "deviation", "general_public", "government_fund",
      "special_account", "other_funds", "basic", "project", "planned", "achieved", "text",
      // report
      "cover", "sections", "title", "date", "number",
      // nested rows come after the row's own cells
      "children", "subsections"};
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    if (kOrder[i] == key) return static_cast<int>(i);
  }
  return static_cast<int>(std::size(kOrder));
}

// JSON pointers in document order: array indices as numbers, keys by KeyRank.
bool PointerBefore(std::string_view a, std::string_view b) {
  while (!a.empty() && !b.empty()) {
    const size_t ea = std::min(a.find('/', 1), a.size());
    const size_t eb = std::min(b.find('/', 1), b.size());
    const std::string_view ta = a.substr(1, ea - 1), tb = b.substr(1, eb - 1);
    if (ta != tb) {
      const bool na = !ta.empty() && ta.find_first_not_of("0123456789") == std::string::npos;
      const bool nb = !tb.empty() && tb.find_first_not_of("0123456789") == std::string::npos;
      if (na && nb) return ta.size() != tb.size() ? ta.size() < tb.size() : ta < tb;
      const int ra = KeyRank(ta), rb = KeyRank(tb);
      return ra != rb ? ra < rb : ta < tb;
    }
    a.remove_prefix(ea);
    b.remove_prefix(eb);
  }
  return a.size() < b.size();
}

// The diagnostics in the order they are read: errors, then inconsistencies, warnings and
// notes; each in document order. The diagnostics stay where they are (a diagnostic is a dozen
// strings; moving them was 1.6 % of a batch check).
std::vector<Diagnostic*> SortedForReading(std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic*> order;
  order.reserve(diagnostics.size());
  for (Diagnostic& d : diagnostics) order.push_back(&d);
  std::stable_sort(order.begin(), order.end(), [](const Diagnostic* x, const Diagnostic* y) {
    if (x->severity != y->severity) return x->severity < y->severity;
    const int rx = DocumentRank(x->location.document);
    const int ry = DocumentRank(y->location.document);
    if (rx != ry) return rx < ry;
    if (x->location.pointer != y->location.pointer) {
      return PointerBefore(x->location.pointer, y->location.pointer);
    }
    if (x->location.text_line != y->location.text_line) {
      return x->location.text_line < y->location.text_line;
    }
    return x->location.span_begin < y->location.span_begin;
  });
  return order;
}

int ShownSeverities(const std::string& min_severity) {
  return min_severity == "error"           ? 0
         : min_severity == "inconsistency" ? 1
         : min_severity == "warning"       ? 2
                                           : 3;
}

// "JSON 数据包" / "package JSON" …: a format as a clerk knows it.
std::string FormatName(DocumentFormat f) {
  switch (f) {
    case DocumentFormat::kJson:
      return std::string(Tr("数据包 JSON", "package JSON"));
    case DocumentFormat::kText:
      return std::string(Tr("纯文本", "plain text"));
    case DocumentFormat::kDocx:
      return std::string(Tr("Word 文档 .docx", "Word document .docx"));
    case DocumentFormat::kXlsx:
      return std::string(Tr("Excel 工作簿 .xlsx", "Excel workbook .xlsx"));
    case DocumentFormat::kDoc:
      return std::string(Tr("Word 97-2003 文档 .doc", "Word 97-2003 document .doc"));
    case DocumentFormat::kXls:
      return std::string(Tr("Excel 97-2003 工作簿 .xls", "Excel 97-2003 workbook .xls"));
    case DocumentFormat::kOdt:
      return std::string(Tr("OpenDocument 文本 .odt", "OpenDocument text .odt"));
    case DocumentFormat::kOds:
      return std::string(Tr("OpenDocument 表格 .ods", "OpenDocument spreadsheet .ods"));
    default:
      return std::string(DocumentFormatName(f));
  }
}

}  // namespace

// The helpers of command_support.h.

Result<std::shared_ptr<const Rulebook>> RulebookCache::Get(const std::string& id, bool given,
                                                           const std::string& path) {
  const bool beside_package = !given && path != kStdinName && !IsBundledRulebook(id);
  const std::string key =
      beside_package ? fs::path(path).parent_path().string() + '\0' + id : std::string(id);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  // The message names the package and the rulebook it names.
  Result<Rulebook> r = beside_package ? ResolveRulebookForPackage(id, path) : ResolveRulebook(id);
  if (!r.ok()) return r.status();
  auto shared = std::make_shared<const Rulebook>(std::move(r).value());
  cache_.emplace(key, shared);
  return shared;
}

// A document (not a package) is read as `import` reads it: in the layout of the bundled form
// that fits it best (ImportOptions::layouts).
Result<ImportOptions> CommandImportOptions(const Options& o) {
  ImportOptions options;
  options.rulebook = o.rulebook;
  options.layouts_source = [] { return BundledReadingSpecs(); };
  return options;
}

bool Load(const std::string& path, const Options& o, const ImportOptions& import_options,
          RulebookCache* rulebooks, Loaded* out, std::string* error) {
  Result<LoadedPackage> p = Status::Ok();
  if (path == kStdinName) {
    Result<std::string> bytes = ReadStandardInput();
    p = bytes.ok()
            ? LoadPackageBytes(*bytes, Tr("标准输入", "standard input").data(), import_options)
            : Result<LoadedPackage>(bytes.status());
  } else {
    p = LoadAnyPackage(path, import_options);
  }
  if (!p.ok()) {
    *error = p.status().message();
    return false;
  }
  std::string id;
  if (!o.rulebook.empty()) {
    id = o.rulebook;
    out->rulebook_reason = Tr("由 --rulebook 指定", "given by --rulebook");
  } else if (p->format != DocumentFormat::kJson && !p->package.rulebook.empty()) {
    id = p->package.rulebook;
    out->rulebook_reason = Tr("导入时按表格版式选定", "chosen by the form's layout on import");
  } else if (!p->package.rulebook.empty()) {
    id = p->package.rulebook;
    out->rulebook_reason = Tr("数据包指定", "named by the package");
  } else {
    id = "national";
    out->rulebook_reason = Tr("数据包未指定，用默认规则", "the package names none; the default");
  }
  Result<std::shared_ptr<const Rulebook>> r = rulebooks->Get(id, !o.rulebook.empty(), path);
  if (!r.ok()) {
    *error = r.status().message();
    return false;
  }
  out->package = std::move(p->package);
  out->rulebook = std::move(r).value();
  out->format = p->format;
  out->import = std::move(p->import);
  return true;
}

bool Load(const std::string& path, const Options& o, Loaded* out) {
  Result<ImportOptions> options = CommandImportOptions(o);
  if (!options.ok()) {
    PrintError(options.status().message());
    return false;
  }
  RulebookCache rulebooks;
  std::string error;
  if (Load(path, o, *options, &rulebooks, out, &error)) return true;
  PrintError(error);
  return false;
}

std::string CountText(const std::array<size_t, 4>& counts) {
  static constexpr std::array<const char*, 4> kZh = {"错误", "不一致", "警告", "提示"};
  static constexpr std::array<const char*, 4> kEnOne = {"error", "inconsistency", "warning",
                                                        "note"};
  static constexpr std::array<const char*, 4> kEnMany = {"errors", "inconsistencies", "warnings",
                                                         "notes"};
  std::string out;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == 0) continue;
    if (!out.empty()) out += std::string(Tr("、", ", "));
    out += MessagesInChinese()
               ? fmt::format("{} 个{}", counts[i], kZh[i])
               : fmt::format("{} {}", counts[i], counts[i] == 1 ? kEnOne[i] : kEnMany[i]);
  }
  return out;
}

bool OutputIsNoInput(const std::string& output, const std::vector<std::string>& inputs) {
  for (const std::string& input : inputs) {
    if (input.empty() || input == kStdinName || !SameFile(output, input)) continue;
    PrintError(
        TrF("输出文件 {} 就是输入文件 {}，写入会覆盖它；没有写入任何文件。请用 -o 指定另一个位置。",
            "the output {} is the input {}: writing it would replace it, so nothing was "
            "written. Give another place with -o.",
            output, input));
    return false;
  }
  return true;
}

std::vector<std::string> InputFiles(const std::string& file, const Options& o,
                                    const std::string& form) {
  std::vector<std::string> inputs = {file};
  for (const std::string& maybe_path : {o.rulebook, form}) {
    if (!maybe_path.empty() && fs::exists(maybe_path)) inputs.push_back(maybe_path);
  }
  return inputs;
}

int RunExplain(const std::string& code) {
  const CodeInfo* info = FindCode(code);
  if (info == nullptr) {
    PrintError(TrF("没有诊断代码 {}（代码表见 docs/diagnostics.md）",
                   "unknown diagnostic code {} (docs/diagnostics.md)", code));
    return 2;
  }
  std::cout << info->code << " " << info->slug << " — "
            << (MessagesInChinese() ? info->title_zh : info->title_en) << "\n\n"
            << ExplainCode(code) << "\n";
  return 0;
}

namespace {

// One file of a check run, as its thread left it: what to print, and what the summary counts.
struct CheckedFile {
  bool done = false;
  std::string error;               // unreadable: why
  std::string text;                // text or brief output
  std::vector<std::string> json;   // each diagnostic as JSON (indented as an array element)
  std::array<size_t, 4> counts{};  // by severity, shown or not
  size_t hidden = 0;               // below --min-severity
  bool problems = false;           // an error or an inconsistency
  std::string rulebook;            // "hunan-lingling（数据包指定）"
};

// Checks one file (on any thread): everything is kept in `out`, nothing printed.
void CheckOneFile(const std::string& file, const Options& o, const ImportOptions& import_options,
                  RulebookCache* rulebooks, CheckedFile* out) {
  const bool zh = MessagesInChinese();
  Loaded loaded;
  if (!Load(file, o, import_options, rulebooks, &loaded, &out->error)) return;
  CheckOptions scope;
  scope.tables = o.scope != "report";
  scope.report = o.scope != "tables";
  std::vector<Diagnostic> found = CheckPackage(
      loaded.package, *loaded.rulebook, ScorePackage(loaded.package, *loaded.rulebook), scope);
  AttachSources(loaded.package, &found);
  // What the import noted comes first (the sort is stable); a package file has no notes.
  found.insert(found.begin(), std::make_move_iterator(loaded.import.notes.begin()),
               std::make_move_iterator(loaded.import.notes.end()));
  out->problems = HasProblems(found);
  out->rulebook = fmt::format("{}{}{}{}", loaded.rulebook->id, zh ? "（" : " (",
                              loaded.rulebook_reason, zh ? "）" : ")");
  const FormatOptions fo{zh, loaded.package.fiscal_year};
  const int shown = ShownSeverities(o.min_severity);
  for (Diagnostic* shown_next : SortedForReading(found)) {
    Diagnostic& d = *shown_next;
    ++out->counts[static_cast<size_t>(d.severity)];
    if (static_cast<int>(d.severity) > shown) {
      ++out->hidden;
      continue;
    }
    d.file = file;
    if (o.format == "json") {
      // As nlohmann's dump(2) writes an element of an array: two spaces further in.
      std::string element = "  " + DiagnosticJson(d, fo).dump(2);
      for (size_t at = element.find('\n'); at != std::string::npos;
           at = element.find('\n', at + 3)) {
        element.insert(at + 1, "  ");
      }
      out->json.push_back(std::move(element));
    } else if (o.format == "brief") {
      out->text += FormatDiagnosticBrief(d, fo);
    } else {
      out->text += FormatDiagnosticText(d, fo);
    }
  }
}

}  // namespace

// The files are checked on every core (--jobs), each taking the next file; the output is
// printed as it becomes ready, in the order of the files, so that it is the same with any
// number of threads. Each rulebook is parsed once for the run.
int RunCheck(const std::vector<std::string>& files, const Options& o) {
  if (files.size() == 1) PrepareHeapFor(files[0]);  // a batch's packages are small each
  const bool zh = MessagesInChinese();
  Result<ImportOptions> import_options = CommandImportOptions(o);
  if (!import_options.ok()) {
    PrintError(import_options.status().message());
    return 2;
  }
  RulebookCache rulebooks;
  bool problems = false;
  size_t unreadable = 0;
  std::array<size_t, 4> counts{};
  size_t hidden = 0;
  std::map<std::string, size_t> rulebook_counts;  // "hunan-lingling（数据包指定）" → packages
  std::vector<std::string> rulebook_order;
  size_t json_elements = 0;
  if (o.format == "json") std::cout << "[";

  std::vector<CheckedFile> results(files.size());
  std::mutex print_mu;
  size_t next_to_print = 0;
  // Prints every finished file from next_to_print on, in order (under print_mu).
  auto print_ready = [&] {
    for (; next_to_print < results.size() && results[next_to_print].done; ++next_to_print) {
      CheckedFile& r = results[next_to_print];
      if (!r.error.empty()) {
        std::cout.flush();
        PrintError(r.error);
        ++unreadable;
      } else {
        problems = problems || r.problems;
        for (size_t k = 0; k < counts.size(); ++k) counts[k] += r.counts[k];
        hidden += r.hidden;
        if (rulebook_counts[r.rulebook]++ == 0) rulebook_order.push_back(r.rulebook);
        std::cout << r.text;
        for (const std::string& element : r.json) {
          std::cout << (json_elements++ == 0 ? "\n" : ",\n") << element;
        }
      }
      // The memory goes as soon as the file is printed. Not `r = CheckedFile{}`: assigning a
      // short string keeps the long one's buffer (libstdc++), and a batch of 10,000 files kept
      // every file's output to the end (28 MB, a page fault every 4 KB).
      std::exchange(r, CheckedFile{});
      r.done = true;
    }
  };
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      CheckedFile r;
      CheckOneFile(files[i], o, *import_options, &rulebooks, &r);
      std::lock_guard<std::mutex> lock(print_mu);
      results[i] = std::move(r);
      results[i].done = true;
      print_ready();
    }
  };
  // Standard input is read by one thread, once.
  const bool reads_stdin =
      std::find(files.begin(), files.end(), std::string(kStdinName)) != files.end();
  const unsigned jobs = reads_stdin  ? 1u
                        : o.jobs > 0 ? static_cast<unsigned>(o.jobs)
                                     : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::min<size_t>(jobs, files.size()); ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();

  if (o.format == "json") {
    std::cout << (json_elements == 0 ? "]\n" : "\n]\n");
  } else {
    // One line: what was found, and under which rules.
    std::string line;
    const size_t checked = files.size() - unreadable;
    if (files.size() > 1) {
      line += TrF("{} 个文件", "{} files", checked);
      if (unreadable > 0)
        line += TrF("（另有 {} 个无法读取）", " ({} more unreadable)", unreadable);
      line += std::string(Tr("；", "; "));
    }
    const std::string found = CountText(counts);
    line += found.empty() ? std::string(Tr("没有发现问题", "no problems found"))
                          : TrF("共 {}", "{}", found);
    if (hidden > 0) {
      line += TrF("（{} 条低于 --min-severity，未显示）", " ({} below --min-severity not shown)",
                  hidden);
    }
    if (!rulebook_order.empty()) {
      line += std::string(Tr("；评分规则 ", "; rulebook "));
      for (size_t i = 0; i < rulebook_order.size(); ++i) {
        if (i > 0) line += std::string(Tr("、", ", "));
        line += rulebook_order[i];
        if (rulebook_order.size() > 1) {
          line += fmt::format(" ×{}", rulebook_counts[rulebook_order[i]]);
        }
      }
    }
    if (checked > 0 || unreadable == 0) std::cout << line << (zh ? "。\n" : ".\n");
  }
  if (unreadable > 0) return 2;
  return problems ? 1 : 0;
}

int RunScore(const std::string& file, const Options& o) {
  PrepareHeapFor(file);
  Loaded loaded;
  if (!Load(file, o, &loaded)) return 2;
  const ScoreSheet sheet = ScorePackage(loaded.package, *loaded.rulebook);
  std::vector<Diagnostic> notes;
  for (Diagnostic& d : CheckPackage(loaded.package, *loaded.rulebook, sheet)) {
    if (d.code == "W403" || d.code == "W404") notes.push_back(std::move(d));
  }
  const FormatOptions fo{MessagesInChinese(), loaded.package.fiscal_year};
  if (o.format == "json") {
    nlohmann::ordered_json j = ScoreJson(loaded.package, *loaded.rulebook, sheet, notes, fo);
    j["file"] = file;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << FormatScoreText(loaded.package, *loaded.rulebook, sheet, notes, fo);
  }
  return 0;
}

size_t HeapEstimateFor(const std::string& file) {
  if (file == kStdinName) return 0;
  // A Word or Excel file unpacks to some 15 times its size in XML, read into a document and a
  // package about 10 times that (a 120 KB, 200-page report: 16 MB); a package JSON's model is a
  // few times its text.
  std::error_code ec;
  const uintmax_t size = fs::file_size(file, ec);
  if (ec) return 0;
  return static_cast<size_t>(std::min<uintmax_t>(size, uintmax_t{1} << 40) * 128);
}

void PrepareHeapFor(const std::string& file) {
#ifndef JIXIAO_MIMALLOC  // mimalloc is readied before the process starts (cli/main.cc)
  PrepareHeap(HeapEstimateFor(file));
#else
  (void)file;
#endif
}

int RunImport(const std::string& file, const std::string& output, const std::string& form_arg,
              const Options& o) {
  if (output != kStdinName && !OutputIsNoInput(output, InputFiles(file, o, form_arg))) return 2;
  // The layouts to read the document in: the form given, else every bundled form.
  ImportOptions options;
  options.rulebook = o.rulebook;
  if (!form_arg.empty()) {
    Result<Form> form = ResolveForm(form_arg);
    if (!form.ok()) {
      PrintError(form.status().message());
      return 2;
    }
    options.layouts.push_back(std::move(form->reading));
    options.form_given = true;
  } else {
    Result<std::vector<ReadingSpec>> bundled = BundledReadingSpecs();
    if (!bundled.ok()) {
      PrintError(bundled.status().message());
      return 2;
    }
    options.layouts = std::move(bundled).value();
  }
  Result<LoadedPackage> loaded = Status::Ok();
  PrepareHeapFor(file);
  if (file == kStdinName) {
    Result<std::string> bytes = ReadStandardInput();
    loaded = bytes.ok() ? LoadPackageBytes(*bytes, Tr("标准输入", "standard input").data(), options)
                        : Result<LoadedPackage>(bytes.status());
  } else {
    loaded = LoadAnyPackage(file, options);
  }
  if (!loaded.ok()) {
    PrintError(loaded.status().message());
    return 2;
  }
  if (loaded->format == DocumentFormat::kJson) {
    PrintError(TrF("{} 已经是数据包（JSON），无需导入",
                   "{}: already a package (JSON); nothing to import", file));
    return 2;
  }
  const ImportResult& im = loaded->import;
  const bool zh = MessagesInChinese();
  const FormatOptions fo{zh, loaded->package.fiscal_year};
  std::vector<Diagnostic> notes = std::move(loaded->import.notes);  // im.notes not read again
  for (Diagnostic& d : notes) d.file = file;
  // With the package on standard output, the summary goes to standard error.
  std::ostream& summary = output == kStdinName ? std::cerr : std::cout;
  if (o.format == "json") {
    nlohmann::ordered_json j = {{"file", file},
                                {"format", DocumentFormatName(loaded->format)},
                                {"encoding", im.encoding},
                                {"output", output},
                                {"rulebook", loaded->package.rulebook},
                                {"form", loaded->package.form},
                                {"recognised", im.recognised},
                                {"notes", nlohmann::ordered_json::array()}};
    for (const Diagnostic& d : notes) j["notes"].push_back(DiagnosticJson(d, fo));
    summary << j.dump(2) << "\n";
  } else {
    std::string format = FormatName(loaded->format);
    if (!im.encoding.empty()) format += std::string(Tr("，", ", ")) + im.encoding;
    summary << TrF("导入 {}（{}）", "Importing {} ({})", file, format) << "\n";
    for (const std::string& line : im.recognised) summary << "  " << line << "\n";
    summary << "  "
            << TrF("评分规则：{}（{}）", "rulebook: {} ({})", loaded->package.rulebook,
                   im.rulebook_reason)
            << "\n";
    // The form chosen (I630) is no part left unread.
    const bool all_read = std::all_of(notes.begin(), notes.end(),
                                      [](const Diagnostic& d) { return d.code == "I630"; });
    if (all_read) summary << Tr("全部内容已识别。", "Everything was recognised.") << "\n";
    if (!notes.empty()) {
      summary << "\n";
      for (const Diagnostic& d : notes) summary << FormatDiagnosticText(d, fo);
    }
  }
  const std::string json = WritePackageJson(loaded->package);
  KeepUntilExit(std::move(loaded));  // `im` is not read after this
  KeepUntilExit(std::move(notes));
  if (output == kStdinName) {
    std::cout << json;
    std::cout.flush();
    return std::cout ? 0 : 2;
  }
  const Status written = WriteFileAtomically(output, json);
  if (!written.ok()) {
    PrintError(written.message());
    return 2;
  }
  if (o.format != "json") summary << TrF("已写入 {}", "Wrote {}", output) << "\n";
  return 0;
}

// Every numeric statement of the report with its verdict. Spans only, not whole sentences.
int RunClaims(const std::string& file, const Options& o) {
  PrepareHeapFor(file);
  Loaded loaded;
  if (!Load(file, o, &loaded)) return 2;
  const bool zh = MessagesInChinese();
  const std::vector<ClaimCheck> claims = AssessClaims(loaded.package, *loaded.rulebook);
  if (o.format == "json") {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const ClaimCheck& c : claims) {
      all.push_back({{"section", c.sentence.section},
                     {"pointer", c.sentence.pointer},
                     {"span", {c.sentence.offset + c.begin, c.sentence.offset + c.end}},
                     {"kind", c.kind},
                     {"subject", SubjectName(c.subject, zh)},
                     {"stated", c.stated},
                     {"expected", c.expected},
                     {"fact", c.fact_pointer},
                     {"verdict", VerdictKey(c.verdict)}});
    }
    std::cout << all.dump(2) << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  rows.push_back({zh ? "部分" : "section", zh ? "类型" : "kind", zh ? "对象" : "subject",
                  zh ? "报告所述" : "stated", zh ? "按数据" : "expected", zh ? "结论" : "verdict"});
  for (const ClaimCheck& c : claims) {
    rows.push_back({c.sentence.section, ClaimKindName(c.kind, zh),
                    std::string(SubjectName(c.subject, zh)), c.stated, c.expected,
                    VerdictName(c.verdict, zh)});
  }
  std::cout << RenderTextTable(rows);
  return 0;
}

}  // namespace jixiao::cli
