// jixiao: the command line. `check` finds every inconsistency in packages, `score`
// recomputes the scores; see docs/cli.md for options, output shapes and exit codes.
//
// Exit codes: 0 — done, nothing wrong (warnings and notes may be printed); 1 — `check` found
// an error or an inconsistency; 2 — a file could not be read or parsed, or bad usage.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "compute/scoring.h"
#include "model/package_json.h"
#include "present/diagnostic_format.h"
#include "present/score_format.h"
#include "rules/rulebook.h"

namespace jixiao {
namespace {

struct CommonOptions {
  std::string format = "text";
  std::string lang = "zh";
  std::string rulebook;  // overrides the package's
};

void AddCommon(CLI::App* cmd, CommonOptions* o) {
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  cmd->add_option("--lang", o->lang, "Language of messages")
      ->check(CLI::IsMember({"zh", "en"}))
      ->default_str("zh");
  cmd->add_option("--rulebook", o->rulebook,
                  "Rulebook id (national, hunan-lingling) or TOML file; overrides the package's");
}

// Loads a package and the rulebook that applies to it; prints the failure and returns false.
bool Load(const std::string& path, const CommonOptions& o, Package* package, Rulebook* rulebook) {
  Result<Package> p = LoadPackageFile(path);
  if (!p.ok()) {
    std::cerr << "jixiao: " << p.status().message() << "\n";
    return false;
  }
  const std::string id = !o.rulebook.empty()       ? o.rulebook
                         : !p->rulebook.empty()    ? p->rulebook
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
  *package = std::move(p).value();
  *rulebook = std::move(r).value();
  return true;
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
    if (!Load(file, o, &package, &rulebook)) {
      unreadable = true;
      continue;
    }
    std::vector<Diagnostic> found = CheckPackage(package, rulebook);
    problems = problems || HasProblems(found);
    const FormatOptions fo{o.lang == "zh", package.fiscal_year};
    for (Diagnostic& d : found) {
      d.file = file;
      if (o.format == "json") {
        all.push_back(DiagnosticJson(d, fo));
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

int Main(int argc, char** argv) {
  CLI::App app{"jixiao — 部门整体支出绩效自评: check and score budget units' self-evaluations"};
  app.require_subcommand(1);
  CommonOptions check_options, score_options;
  std::vector<std::string> check_files;
  std::string score_file;

  CLI::App* check = app.add_subcommand(
      "check", "Find every inconsistency in packages (exit 1 when an error or inconsistency)");
  check->add_option("packages", check_files, "Package files (JSON)")->required();
  AddCommon(check, &check_options);

  CLI::App* score = app.add_subcommand("score", "Recompute execution, indicator and total scores");
  score->add_option("package", score_file, "Package file (JSON)")->required();
  AddCommon(score, &score_options);

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
  if (check->parsed()) return RunCheck(check_files, check_options);
  if (score->parsed()) return RunScore(score_file, score_options);
  return 2;
}

}  // namespace
}  // namespace jixiao

int main(int argc, char** argv) { return jixiao::Main(argc, argv); }
