// The `jixiao` command's parts, shared between its files: the commands themselves
// (commands.cc: check, score, claims, import, render — each a thin shell over the engine) and
// the command line (main.cc: the options of each command, help and usage errors in the
// language in force, suggestions for mistyped words).
//
// Every text goes through base/lang.h: `--lang zh` (the default) prints everything in Chinese,
// `--lang en` everything in English; names from a package stay as the unit wrote them.
// Exit codes: 0 done; 1 `check` found an error or an inconsistency; 2 a file could not be read
// or written, or bad usage (docs/cli.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::cli {

// The options a command may take; each command registers only those that apply to it.
struct Options {
  std::string format = "text";        // text | json (| brief for check)
  std::string min_severity = "info";  // check
  std::string scope = "all";          // check
  std::string rulebook;               // overrides the package's
  int office_timeout = 300;           // seconds LibreOffice may take for one conversion
  std::string pdf_engine = "native";  // render: native | libreoffice
  int jobs = 0;                       // check: threads; 0: one per core
};

// Prints "jixiao：<message>" (or "jixiao: <message>") to standard error.
void PrintError(std::string_view message);

int RunCheck(const std::vector<std::string>& files, const Options& o);
int RunExplain(const std::string& code);
int RunScore(const std::string& file, const Options& o);
int RunClaims(const std::string& file, const Options& o);
// `form`: a form id or TOML file whose layout the document is read in (--form); "" to choose
// among the bundled forms by the document's layout.
int RunImport(const std::string& file, const std::string& output, const std::string& form,
              const Options& o);
int RunRender(const std::string& file, const std::string& formats, const std::string& out_dir,
              const std::string& form, const Options& o);

// `review`: the options beyond the inputs (docs/cli.md).
struct ReviewCommandOptions {
  std::string output;    // the workbook; the CSV goes beside it
  std::string rulebook;  // overrides every package's
  std::string deadline;  // YYYY-MM-DD, or ""
  int sample = 0;        // the 抽评 sample's size; 0 draws none
  uint64_t seed = 0;
  bool seed_given = false;  // else a seed is drawn from the system and printed
  int jobs = 0;             // threads; 0: one per core
};
int RunReview(const std::vector<std::string>& inputs, const ReviewCommandOptions& o);

// The version printed by `jixiao --version`.
std::string VersionText();

// The word among `candidates` nearest to `word` by edit distance, when it is close enough to
// be a likely typo (at most a third of its letters wrong); empty otherwise.
std::string Nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace jixiao::cli
