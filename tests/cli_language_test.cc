// One language: every command and option of `jixiao`, run end to end with `--lang zh` and with
// `--lang en`, prints text of that language only — help, results, notes, errors on standard
// error. In Chinese no English word may appear and in English no Chinese character, except
// what comes from the package itself (the unit's names and sentences, the documents' wording),
// technical names (file names, JSON pointers, option names and values, codes, font and program
// names) and the values a clerk types (formats, rulebook ids).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "base/text.h"
#include "tests/cli_run.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using testing::CliRun;
using testing::ReadWhole;
using testing::RunJixiao;
using testing::TempFolder;

// Everything the documents themselves say: every string of the package and of the prepared
// package, and the wording of the bundled forms.
struct Corpus {
  std::string text;
  std::set<std::string> ascii_words;
};

void CollectStrings(const nlohmann::json& j, std::string* out) {
  if (j.is_string()) {
    *out += j.get<std::string>() + "\n";
  } else if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      *out += key + "\n";
      CollectStrings(value, out);
    }
  } else if (j.is_array()) {
    for (const auto& value : j) CollectStrings(value, out);
  }
}

std::set<std::string> AsciiWords(const std::string& text) {
  std::set<std::string> out;
  static const std::regex word("[A-Za-z]+");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator();
       ++it) {
    out.insert(it->str());
  }
  return out;
}

// Words that may stand in Chinese text: names of programs, formats, fonts and the values of
// options, which are typed as they are.
const std::set<std::string>& TechnicalWords() {
  static const std::set<std::string> words = {
      // programs, formats and fonts
      "jixiao", "JSON", "json", "DOCX", "docx", "XLSX", "xlsx", "PDF", "pdf", "HTML", "html",
      "Word", "Excel", "LibreOffice", "soffice", "OpenDocument", "odt", "ods", "doc", "xls", "TOML",
      "toml", "WPS", "CSV", "csv", "Noto", "Serif", "Sans", "CJK", "SC", "FIFO", "MiB", "KiB", "GB",
      "UTF", "BOM", "U", "E",
      // commands and the values of options, typed as they are
      "check", "score", "import", "claims", "render", "text", "brief", "zh", "en", "error",
      "inconsistency", "warning", "info", "tables", "report", "all", "national", "hunan",
      "lingling", "fonts", "o", "h", "serve", "review", "sqlite", "postgresql", "PATH", "URL",
      "HOST", "PORT", "HTTPS", "Cookie", "Secure", "N", "var", "db", "native", "libreoffice",
      // the documentation's paths: docs/cli.md, tests/golden/…
      "docs", "cli", "md", "diagnostics", "tests", "golden", "txt"};
  return words;
}

// The text with technical tokens removed: paths and file names, JSON pointers, options, codes
// and slugs.
std::string WithoutTechnicalTokens(std::string text, const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    for (size_t at; (at = text.find(p)) != std::string::npos;) text.erase(at, p.size());
  }
  static const std::regex tokens(
      "[A-Za-z0-9_./{}~-]*\\.(json|docx|xlsx|pdf|html|toml|md|txt|doc|xls|test)\\b"  // files
      "|(^|[\\s(（:：“\"])/[A-Za-z0-9_/~.-]*"                                        // pointers
      "|--?[a-z][a-z-]*"                                                             // options
      "|\\b[A-Z][0-9]{3}\\b"                                                         // codes
      "|\\[[a-z0-9-]+\\]"                                                            // slugs
      "|U\\+[0-9A-F]{4,6}");
  return std::regex_replace(text, tokens, " ");
}

bool IsChinese(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0x3400 && c <= 0x9FFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || c == 0x201C || c == 0x201D;
}

// What in `text` is not in `lang`: English words in Chinese text, Chinese characters in English
// text, outside the corpus and the technical tokens.
std::vector<std::string> OtherScript(const std::string& text, bool zh, const Corpus& corpus,
                                     const std::vector<std::string>& paths,
                                     const std::set<std::string>& typed) {
  std::vector<std::string> found;
  const std::string cleaned = WithoutTechnicalTokens(text, paths);
  if (zh) {
    for (const std::string& w : AsciiWords(cleaned)) {
      if (w.size() < 2 && w != "a") continue;
      if (TechnicalWords().count(w) || corpus.ascii_words.count(w) || typed.count(w)) continue;
      found.push_back(w);
    }
    return found;
  }
  size_t i = 0;
  std::string run;
  // A run of Chinese characters is the package's when each of its pieces between punctuation
  // marks (“一（二）”: 一, 二) occurs in the package.
  auto flush = [&] {
    size_t at = 0;
    std::string piece;
    auto piece_done = [&] {
      if (!piece.empty() && corpus.text.find(piece) == std::string::npos) found.push_back(run);
      piece.clear();
    };
    while (at < run.size()) {
      const size_t start = at;
      const char32_t c = NextCodePoint(run, &at);
      const bool punctuation = (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
                               (c >= 0xFF1A && c <= 0xFF20) || c == 0x201C || c == 0x201D;
      if (punctuation) {
        piece_done();
      } else {
        piece += run.substr(start, at - start);
      }
    }
    piece_done();
    run.clear();
  };
  while (i < cleaned.size()) {
    const size_t start = i;
    const char32_t c = NextCodePoint(cleaned, &i);
    if (IsChinese(c)) {
      run += cleaned.substr(start, i - start);
    } else {
      flush();
    }
  }
  flush();
  return found;
}

// The human-readable strings of a JSON output: messages, hints, places, notes, recognised lines.
std::string ReadableStrings(const nlohmann::json& j) {
  static const std::set<std::string> keys = {"message", "hint",  "path",       "place",
                                             "notes",   "fonts", "recognised", "subject"};
  std::string out;
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      if (keys.count(key) && (value.is_string() || value.is_array())) {
        if (value.is_string()) {
          out += value.get<std::string>() + "\n";
        } else {
          for (const auto& v : value) {
            if (v.is_string())
              out += v.get<std::string>() + "\n";
            else
              out += ReadableStrings(v);
          }
        }
      } else {
        out += ReadableStrings(value);
      }
    }
  } else if (j.is_array()) {
    for (const auto& v : j) out += ReadableStrings(v);
  }
  return out;
}

class Language : public ::testing::TestWithParam<bool> {};

TEST_P(Language, EveryCommandAndOptionSpeaksOneLanguage) {
  const bool zh = GetParam();
  TempFolder tmp;
  const std::string example = "examples/lingling-kexie-2024.json";
  const std::string corrected = "examples/lingling-kexie-2024-corrected.json";
  const std::string w = tmp.path().string();

  // The example as a Word document, as a clerk would have it; its prepared package.
  ASSERT_EQ(RunJixiao("render " + example + " --to docx,json -o '" + w + "/doc'", tmp).code, 0);
  const std::string docx = w + "/doc/lingling-kexie-2024.docx";
  Corpus corpus;
  for (const std::string& file :
       {testing::SourceDir() + "/" + example, testing::SourceDir() + "/" + corrected,
        w + "/doc/lingling-kexie-2024.json"}) {
    CollectStrings(nlohmann::json::parse(ReadWhole(file)), &corpus.text);
  }
  for (const auto& e : fs::directory_iterator(testing::SourceDir() + "/forms")) {
    corpus.text += ReadWhole(e.path());
  }
  corpus.ascii_words = AsciiWords(corpus.text);
  tmp.Put("array.json", "[1, 2, 3]\n");
  tmp.Put("broken.json", "{\"fiscal_year\": 2024,\n");
  auto naming = nlohmann::json::parse(ReadWhole(testing::SourceDir() + "/" + example));
  naming["rulebook"] = "/dev/zero";
  tmp.Put("zero.json", naming.dump());
  fs::create_directories(w + "/folder");

  struct Case {
    std::string args;
    bool json = false;  // check only the readable strings of the JSON on stdout
  };
  const std::vector<Case> cases = {
      {"--help"},
      {"check --help"},
      {"score --help"},
      {"import --help"},
      {"claims --help"},
      {"render --help"},
      {"review --help"},
      {"--version"},
      {"check " + example},
      {"check " + example + " " + corrected},
      {"check " + example + " --format brief"},
      {"check " + example + " --format json", true},
      {"check " + example + " --min-severity warning"},
      {"check " + example + " --scope tables"},
      {"check " + example + " --scope report --rulebook national"},
      {"check '" + docx + "'"},
      {"check --explain R202"},
      {"check --explain X702"},
      {"score " + example},
      {"score " + example + " --format json", true},
      {"score " + corrected + " --rulebook national"},
      {"claims " + example},
      {"claims " + example + " --format json", true},
      {"import '" + docx + "' -o '" + w + "/imported.json'"},
      {"import '" + docx + "' -o '" + w + "/imported2.json' --format json --rulebook national",
       true},
      {"render " + example + " --to docx,xlsx,html,json -o '" + w + "/out'"},
      {"render " + example + " --to html -o '" + w + "/out2' --format json", true},
      {"render " + corrected + " --to json -o '" + w + "/out3' --form national-2024"},
      {"render " + example + " --to pdf -o '" + w + "/pdf' --office-timeout 120"},
      // Errors and usage.
      {"check no/such/package.json"},
      {"check '" + w + "/folder'"},
      {"check '" + w + "/array.json'"},
      {"check '" + w + "/broken.json'"},
      {"check '" + w + "/zero.json'"},
      {"check --explain ZZZ"},
      {"chek " + example},
      {"score " + example + " --scope tables"},
      {"check " + example + " --fromat brief"},
      {"check " + example + " --format bogus"},
      {"check " + example + " --office-timeout abc"},
      {"import '" + docx + "'"},
      {"import '" + docx + "' -o '" + docx + "'"},
      {"import " + example + " -o '" + w + "/again.json'"},
      {"render " + example + " --to json,html -o -"},
      {"render " + example + " --to rtf -o '" + w + "/x'"},
      {"score"},
      {""},
  };
  const std::vector<std::string> paths = {w, example, corrected, docx};
  for (const Case& c : cases) {
    const CliRun r = RunJixiao("--lang " + std::string(zh ? "zh" : "en") + " " + c.args, tmp);
    std::string shown = r.err;
    if (c.json) {
      const auto j = nlohmann::json::parse(r.out, nullptr, false);
      ASSERT_FALSE(j.is_discarded()) << c.args << "\n" << r.out.substr(0, 300);
      shown += ReadableStrings(j);
    } else {
      shown += r.out;
    }
    EXPECT_FALSE(shown.empty()) << c.args;
    const std::vector<std::string> other =
        OtherScript(shown, zh, corpus, paths, AsciiWords(c.args));
    std::string list;
    for (const std::string& o : other) list += " «" + o + "»";
    EXPECT_TRUE(other.empty()) << "jixiao --lang " << (zh ? "zh " : "en ") << c.args
                               << "\nprints text of the other language:" << list << "\n"
                               << shown;
  }
}

INSTANTIATE_TEST_SUITE_P(Both, Language, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return std::string(info.param ? "Chinese" : "English");
                         });

}  // namespace
}  // namespace jixiao
