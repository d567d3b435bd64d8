// jixiao: the command line. `check` finds every inconsistency in packages, `score`
// recomputes the scores; see docs/cli.md for options, output shapes and exit codes.
//
// Exit codes: 0 — done, nothing wrong (warnings and notes may be printed); 1 — `check` found
// an error or an inconsistency; 2 — a file could not be read or parsed, or bad usage.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "check/codes.h"
#include "check/narrative.h"
#include "compute/scoring.h"
#include "import/importer.h"
#include "model/package_json.h"
#include "present/diagnostic_format.h"
#include "present/score_format.h"
#include "present/text_table.h"
#include "render/form.h"
#include "render/render.h"
#include "rules/rulebook.h"

namespace jixiao {
namespace {

struct CommonOptions {
  std::string scope = "all";
  std::string min_severity = "info";
  std::string format = "text";
  std::string lang = "zh";
  std::string rulebook;  // overrides the package's
};

void AddCommon(CLI::App* cmd, CommonOptions* o) {
  cmd->add_option("--format", o->format, "Output format (brief: one line per diagnostic)")
      ->check(CLI::IsMember({"text", "json", "brief"}))
      ->default_str("text");
  cmd->add_option("--lang", o->lang, "Language of messages")
      ->check(CLI::IsMember({"zh", "en"}))
      ->default_str("zh");
  cmd->add_option(
         "--min-severity", o->min_severity,
         "Show only diagnostics at least this severe (error, inconsistency, warning, info)")
      ->check(CLI::IsMember({"error", "inconsistency", "warning", "info"}))
      ->default_str("info");
  cmd->add_option("--scope", o->scope,
                  "Which checks: tables (arithmetic, ratios, scores, weights, completeness), "
                  "report (prose, across documents, policy) or all")
      ->check(CLI::IsMember({"tables", "report", "all"}))
      ->default_str("all");
  cmd->add_option("--rulebook", o->rulebook,
                  "Rulebook id (national, hunan-lingling) or TOML file; overrides the package's");
}

// Loads a package (JSON, or a document imported on the fly) and the rulebook that applies
// to it; prints the failure and returns false. `notes` receives what an import could not place.
bool Load(const std::string& path, const CommonOptions& o, Package* package, Rulebook* rulebook,
          std::vector<Diagnostic>* notes = nullptr) {
  Result<LoadedPackage> p = LoadAnyPackage(path, o.rulebook);
  if (!p.ok()) {
    std::cerr << "jixiao: " << p.status().message() << "\n";
    return false;
  }
  if (notes != nullptr) *notes = p->import.notes;
  const std::string id = !o.rulebook.empty()            ? o.rulebook
                         : !p->package.rulebook.empty() ? p->package.rulebook
                                                        : std::string("national");
  Result<Rulebook> r = ResolveRulebook(id);
  if (!r.ok()) {
    if (o.rulebook.empty()) {
      std::cerr << "jixiao: " << path << " names rulebook \"" << id
                << "\": " << r.status().message() << "\n";
    } else {
      std::cerr << "jixiao: " << r.status().message() << "\n";
    }
    return false;
  }
  *package = std::move(p->package);
  *rulebook = std::move(r).value();
  return true;
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

// Diagnostics about how the package fits its rulebook: shown as notes by `score`.
std::vector<Diagnostic> RulebookNotes(const std::vector<Diagnostic>& all) {
  std::vector<Diagnostic> notes;
  for (const Diagnostic& d : all) {
    if (d.code == "W403" || d.code == "W404") notes.push_back(d);
  }
  return notes;
}

int RunCheck(const std::vector<std::string>& files, const CommonOptions& o) {
  bool problems = false;
  bool unreadable = false;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const std::string& file : files) {
    Package package;
    Rulebook rulebook;
    std::vector<Diagnostic> found;
    if (!Load(file, o, &package, &rulebook, &found)) {
      unreadable = true;
      continue;
    }
    CheckOptions scope;
    scope.tables = o.scope != "report";
    scope.report = o.scope != "tables";
    std::vector<Diagnostic> checked =
        CheckPackage(package, rulebook, ScorePackage(package, rulebook), scope);
    AttachSources(package, &checked);
    found.insert(found.end(), checked.begin(), checked.end());
    problems = problems || HasProblems(found);
    const FormatOptions fo{o.lang == "zh", package.fiscal_year};
    const int shown = o.min_severity == "error"           ? 0
                      : o.min_severity == "inconsistency" ? 1
                      : o.min_severity == "warning"       ? 2
                                                          : 3;
    for (Diagnostic& d : found) {
      if (static_cast<int>(d.severity) > shown) continue;
      d.file = file;
      if (o.format == "json") {
        all.push_back(DiagnosticJson(d, fo));
      } else if (o.format == "brief") {
        std::cout << FormatDiagnosticBrief(d, fo);
      } else {
        std::cout << FormatDiagnosticText(d, fo);
      }
    }
  }
  if (o.format == "json") std::cout << all.dump(2) << "\n";
  if (unreadable) return 2;
  return problems ? 1 : 0;
}

int RunScore(const std::string& file, const CommonOptions& o) {
  Package package;
  Rulebook rulebook;
  if (!Load(file, o, &package, &rulebook)) return 2;
  const ScoreSheet sheet = ScorePackage(package, rulebook);
  const std::vector<Diagnostic> notes = RulebookNotes(CheckPackage(package, rulebook, sheet));
  const FormatOptions fo{o.lang == "zh", package.fiscal_year};
  if (o.format == "json") {
    nlohmann::ordered_json j = ScoreJson(package, rulebook, sheet, notes, fo);
    j["file"] = file;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << FormatScoreText(package, rulebook, sheet, notes, fo);
  }
  return 0;
}

int RunImport(const std::string& file, const std::string& output, const CommonOptions& o) {
  Result<LoadedPackage> loaded = LoadAnyPackage(file, o.rulebook);
  if (!loaded.ok()) {
    std::cerr << "jixiao: " << loaded.status().message() << "\n";
    return 2;
  }
  if (loaded->format == DocumentFormat::kJson) {
    std::cerr << "jixiao: " << file << ": already a package (JSON); nothing to import\n";
    return 2;
  }
  const ImportResult& im = loaded->import;
  const bool zh = o.lang == "zh";
  const FormatOptions fo{zh, loaded->package.fiscal_year};
  std::vector<Diagnostic> notes = im.notes;
  for (Diagnostic& d : notes) d.file = file;
  if (o.format == "json") {
    nlohmann::ordered_json j = {{"file", file},
                                {"format", DocumentFormatName(loaded->format)},
                                {"output", output},
                                {"rulebook", loaded->package.rulebook},
                                {"recognised", im.recognised},
                                {"notes", nlohmann::ordered_json::array()}};
    for (const Diagnostic& d : notes) j["notes"].push_back(DiagnosticJson(d, fo));
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << (zh ? "导入 " : "Importing ") << file << " (" << DocumentFormatName(loaded->format)
              << ")\n";
    for (const std::string& line : im.recognised) std::cout << "  " << line << "\n";
    std::cout << "  " << (zh ? "评分规则：" : "rulebook: ") << loaded->package.rulebook << "（"
              << im.rulebook_reason << "）\n";
    if (notes.empty()) {
      std::cout << (zh ? "全部内容已识别。\n" : "Everything was recognised.\n");
    } else {
      std::cout << "\n";
      for (const Diagnostic& d : notes) std::cout << FormatDiagnosticText(d, fo);
    }
  }
  const std::string json = WritePackageJson(loaded->package);
  std::ofstream out(output, std::ios::binary);
  out << json;
  out.close();
  if (!out) {
    std::cerr << "jixiao: cannot write " << output << "\n";
    return 2;
  }
  if (o.format != "json") std::cout << (zh ? "已写入 " : "Wrote ") << output << "\n";
  return 0;
}

// Every numeric statement of the report with its verdict. Spans only, not whole sentences.
int RunClaims(const std::string& file, const CommonOptions& o) {
  Package package;
  Rulebook rulebook;
  if (!Load(file, o, &package, &rulebook)) return 2;
  const bool zh = o.lang == "zh";
  const std::vector<ClaimCheck> claims = AssessClaims(package, rulebook);
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
    rows.push_back({c.sentence.section, c.kind, std::string(SubjectName(c.subject, zh)), c.stated,
                    c.expected, std::string(VerdictKey(c.verdict))});
  }
  std::cout << RenderTextTable(rows);
  return 0;
}

// Writes the package's documents in the official layout.
int RunRender(const std::string& file, const std::string& formats, const std::string& out_dir,
              const std::string& form_arg, const CommonOptions& o) {
  Result<std::vector<std::string>> wanted = ParseRenderFormats(formats);
  if (!wanted.ok()) {
    std::cerr << "jixiao: --to: " << wanted.status().message() << "\n";
    return 2;
  }
  Package package;
  Rulebook rulebook;
  if (!Load(file, o, &package, &rulebook)) return 2;
  Result<Form> form = form_arg.empty() ? DefaultFormFor(package) : ResolveForm(form_arg);
  if (!form.ok()) {
    std::cerr << "jixiao: " << form.status().message() << "\n";
    return 2;
  }
  RenderRequest request;
  request.formats = *wanted;
  request.out_dir = out_dir;
  request.basename = std::filesystem::path(file).stem().string();
  Result<RenderResult> r = RenderPackage(package, rulebook, *form, request);
  if (!r.ok()) {
    std::cerr << "jixiao: " << file << ": " << r.status().message() << "\n";
    return 2;
  }
  const bool zh = o.lang == "zh";
  if (o.format == "json") {
    nlohmann::ordered_json j = {{"file", file},
                                {"form", form->id},
                                {"rulebook", rulebook.id},
                                {"computed_figures", r->computed_figures},
                                {"generated_sections", r->generated_sections},
                                {"fonts", r->fonts},
                                {"notes", r->notes},
                                {"files", nlohmann::ordered_json::array()}};
    for (const RenderedFile& f : r->files) {
      j["files"].push_back({{"format", f.format}, {"path", f.path}, {"bytes", f.bytes}});
    }
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << (zh ? "排版 " : "Rendering ") << file << (zh ? "（版式 " : " (form ") << form->id
            << (zh ? "，评分规则 " : ", rulebook ") << rulebook.id << (zh ? "）\n" : ")\n");
  std::cout << "  " << (zh ? "计算得出的数字：" : "derived figures computed: ")
            << r->computed_figures << "\n  "
            << (zh ? "由数据生成文字的章节：" : "report sections with generated figures: ")
            << r->generated_sections << "\n  " << (zh ? "字体：" : "fonts: ");
  for (size_t i = 0; i < r->fonts.size(); ++i) std::cout << (i ? ", " : "") << r->fonts[i];
  std::cout << "\n";
  for (const std::string& note : r->notes)
    std::cout << "  " << (zh ? "注意：" : "note: ") << note << "\n";
  for (const RenderedFile& f : r->files) {
    std::cout << (zh ? "已写入 " : "Wrote ") << f.path << " (" << f.bytes << " bytes)\n";
  }
  return 0;
}

int Main(int argc, char** argv) {
  CLI::App app{"jixiao — 部门整体支出绩效自评: check and score budget units' self-evaluations"};
  app.require_subcommand(1);
  CommonOptions check_options, score_options;
  std::vector<std::string> check_files;
  std::string score_file;

  CLI::App* check = app.add_subcommand(
      "check", "Find every inconsistency in packages (exit 1 when an error or inconsistency)");
  std::string explain;
  check->add_option("packages", check_files,
                    "Package files (JSON) or documents (text, DOCX, XLSX)");
  check->add_option("--explain", explain, "Print what a diagnostic code means and how to fix it");
  AddCommon(check, &check_options);

  CLI::App* score = app.add_subcommand("score", "Recompute execution, indicator and total scores");
  score->add_option("package", score_file, "Package file (JSON) or document (text, DOCX, XLSX)")
      ->required();
  AddCommon(score, &score_options);

  CommonOptions import_options;
  std::string import_file, import_output;
  CLI::App* import = app.add_subcommand(
      "import", "Read a text, Word (DOCX) or Excel (XLSX) document into a package JSON file");
  import->add_option("document", import_file, "The document; its format is told by content")
      ->required();
  import->add_option("-o,--output", import_output, "The package JSON to write")->required();
  AddCommon(import, &import_options);

  CommonOptions claims_options;
  std::string claims_file;
  CLI::App* claims = app.add_subcommand(
      "claims", "List every figure and comparison the report states, with its verdict");
  claims->add_option("package", claims_file, "Package file (JSON) or document")->required();
  AddCommon(claims, &claims_options);

  CommonOptions render_options;
  std::string render_file, render_formats = "docx,xlsx,pdf,html", render_dir, render_form;
  CLI::App* render = app.add_subcommand(
      "render", "Write the package's documents in the official layout (Word, Excel, PDF, HTML)");
  render->add_option("package", render_file, "Package file (JSON) or document")->required();
  render
      ->add_option("--to", render_formats,
                   "Formats, separated by commas: docx, xlsx, pdf, html, json")
      ->default_str("docx,xlsx,pdf,html");
  render->add_option("-o,--output-dir", render_dir, "Folder to write the files into")->required();
  render->add_option("--form", render_form,
                     "Form id (lingling-2024, national-2024) or TOML file; default: the bundled "
                     "form for the package's rulebook and year");
  AddCommon(render, &render_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  if (check->parsed() && !explain.empty()) {
    const CodeInfo* info = FindCode(explain);
    if (info == nullptr) {
      std::cerr << "jixiao: unknown diagnostic code " << explain << " (docs/diagnostics.md)\n";
      return 2;
    }
    std::cout << info->code << " " << info->slug << " — " << info->title_zh << " / "
              << info->title_en << "\n\n"
              << ExplainCode(explain) << "\n";
    return 0;
  }
  if (check->parsed() && check_files.empty()) {
    std::cerr << "jixiao: check needs at least one package (or --explain CODE)\n";
    return 2;
  }
  if (check->parsed()) return RunCheck(check_files, check_options);
  if (score->parsed()) return RunScore(score_file, score_options);
  if (import->parsed()) return RunImport(import_file, import_output, import_options);
  if (claims->parsed()) return RunClaims(claims_file, claims_options);
  if (render->parsed()) {
    return RunRender(render_file, render_formats, render_dir, render_form, render_options);
  }
  return 2;
}

}  // namespace
}  // namespace jixiao

int main(int argc, char** argv) { return jixiao::Main(argc, argv); }
