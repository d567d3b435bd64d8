// The code catalogue is complete: every code has a section in docs/diagnostics.md and in its
// Chinese version docs/diagnostics.zh.md (translated: no English sentence left in it), is
// pinned by at least one test (a golden file or a unit test that names it), and every code
// documented exists. `check --explain` prints the section in the language in force.
#include "check/codes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/lang.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Codes, AreUniqueAndWellFormed) {
  std::set<std::string_view> seen;
  for (const CodeInfo& c : AllCodes()) {
    EXPECT_TRUE(seen.insert(c.code).second) << c.code;
    EXPECT_EQ(c.code.size(), 4u) << c.code;
    EXPECT_FALSE(c.slug.empty());
    EXPECT_FALSE(c.title_zh.empty());
    EXPECT_FALSE(c.title_en.empty());
    EXPECT_EQ(FindCode(c.code), &c);
  }
  EXPECT_EQ(FindCode("Z999"), nullptr);
}

// Every code has its "### CODE slug" heading in docs/NAME (what ExplainCode looks up), and
// every "### " heading there names a code that exists.
void ExpectEveryCodeIn(const std::string& name) {
  const std::string doc = ReadAll(fs::path(testing::SourceDir()) / "docs" / name);
  ASSERT_FALSE(doc.empty()) << "docs/" << name;
  for (const CodeInfo& c : AllCodes()) {
    const std::string heading = "### " + std::string(c.code) + " " + std::string(c.slug) + "\n";
    EXPECT_NE(doc.find(heading), std::string::npos) << "docs/" << name << " lacks: " << heading;
  }
  // And nothing is documented that does not exist.
  std::istringstream lines(doc);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("### ", 0) != 0) continue;
    const std::string code = line.substr(4, 4);
    EXPECT_NE(FindCode(code), nullptr) << "docs/" << name << " documents an unknown code: " << line;
  }
}

TEST(Codes, EveryCodeIsDocumented) { ExpectEveryCodeIn("diagnostics.md"); }

TEST(Codes, EveryCodeIsDocumentedInChinese) { ExpectEveryCodeIn("diagnostics.zh.md"); }

// The "### " headings of a document, in order.
std::vector<std::string> Headings(const std::string& doc) {
  std::vector<std::string> out;
  std::istringstream lines(doc);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("### ", 0) == 0) out.push_back(line);
  }
  return out;
}

TEST(Codes, ChineseDocumentHasTheSameSectionsInTheSameOrder) {
  const fs::path docs = fs::path(testing::SourceDir()) / "docs";
  EXPECT_EQ(Headings(ReadAll(docs / "diagnostics.zh.md")),
            Headings(ReadAll(docs / "diagnostics.md")));
}

// Words of 4 or more ASCII letters a Chinese text may hold: names of formats and programs,
// rulebook names, and the codes' slugs (the headings; `--explain` looks them up).
bool AllowedAsciiWord(std::string_view word) {
  static const std::set<std::string_view> kAllowed = {
      "JSON",  "DOCX", "XLSX",   "PDF",      "HTML",          "LibreOffice",
      "Excel", "Word", "jixiao", "national", "hunan-lingling"};
  if (kAllowed.count(word)) return true;
  for (const CodeInfo& c : AllCodes()) {
    if (c.slug == word) return true;
  }
  return false;
}

// The ASCII words of a Chinese text that look like untranslated English: a run of 4 or more
// ASCII letters in a word that is not an identifier. Identifiers are what a reader types or
// looks up, as they are: anything between backquotes without a space (`code`, `/evaluation/
// funds`, `tests/golden/check-seed.test`, `"I601"`), a command line in backquotes
// (`jixiao check --explain CODE`), an option (--lang), a path or a JSON pointer (a word with
// a slash), a key of a rulebook or a JSON field (a word with a dot or an underscore:
// policy.overshoot_percent, location.source), and the words AllowedAsciiWord lets through.
std::vector<std::string> UntranslatedWords(std::string_view text) {
  std::string rest;
  // Identifiers in backquotes.
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '`') {
      const size_t close = text.find('`', i + 1);
      if (close != std::string_view::npos) {
        const std::string_view inside = text.substr(i + 1, close - i - 1);
        const bool identifier = inside.find_first_of(" \t\n") == std::string_view::npos;
        const bool command = inside.rfind("jixiao ", 0) == 0;
        if (identifier || command) {
          rest += ' ';
        } else {
          rest += inside;
        }
        i = close + 1;
        continue;
      }
    }
    rest += text[i++];
  }
  // Words: runs of printable ASCII, cut at spaces and at every non-ASCII character.
  std::vector<std::string> found;
  auto ascii_word = [](unsigned char ch) { return ch > 0x20 && ch < 0x7f && ch != '`'; };
  for (size_t i = 0; i < rest.size();) {
    if (!ascii_word(static_cast<unsigned char>(rest[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < rest.size() && ascii_word(static_cast<unsigned char>(rest[j]))) ++j;
    std::string word = rest.substr(i, j - i);
    i = j;
    // Punctuation around a word is not part of it.
    const std::string_view punct = "()[]{},;:!?'\"<>*.";
    while (!word.empty() && punct.find(word.front()) != std::string_view::npos) word.erase(0, 1);
    while (!word.empty() && punct.find(word.back()) != std::string_view::npos) word.pop_back();
    int run = 0, longest = 0;
    for (char ch : word) {
      const bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
      run = letter ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    if (longest < 4) continue;
    if (word.rfind("--", 0) == 0) continue;                        // an option
    if (word.find_first_of("/._") != std::string::npos) continue;  // path, pointer, key
    if (AllowedAsciiWord(word)) continue;
    found.push_back(word);
  }
  return found;
}

TEST(Codes, UntranslatedWordsAreFound) {
  EXPECT_EQ(UntranslatedWords("The report states \"增加6.04元\"."),
            (std::vector<std::string>{"report", "states"}));
  EXPECT_EQ(UntranslatedWords("*inconsistency.* 某行"),
            (std::vector<std::string>{"inconsistency"}));
  EXPECT_EQ(UntranslatedWords("`an untranslated phrase` 在引号中"),
            (std::vector<std::string>{"untranslated", "phrase"}));
  EXPECT_TRUE(
      UntranslatedWords("对应测试：`tests/golden/check-seed.test`（`\"I601\"`）。").empty());
  EXPECT_TRUE(UntranslatedWords("`jixiao check --explain CODE`，`--lang zh`，JSON 指针 "
                                "/evaluation/funds，policy.overshoot_percent，评分规则“national”")
                  .empty());
  EXPECT_TRUE(UntranslatedWords("### R202 execution-rate-mismatch").empty());
  // Every English section would be caught if it were left in the Chinese document.
  for (const CodeInfo& c : AllCodes()) {
    EXPECT_GE(UntranslatedWords(ExplainCode(c.code, false)).size(), 3u) << c.code;
  }
  EXPECT_TRUE(UntranslatedWords("min（执行率, 上限），在 Excel 中打开；3 个；+1.49%").empty());
}

// The Chinese document is Chinese: no line of it (headings, tables, sections, examples)
// holds an English word outside identifiers.
TEST(Codes, ChineseDocumentIsTranslated) {
  const std::string doc = ReadAll(fs::path(testing::SourceDir()) / "docs" / "diagnostics.zh.md");
  ASSERT_FALSE(doc.empty());
  std::istringstream lines(doc);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    for (const std::string& word : UntranslatedWords(line)) {
      ADD_FAILURE() << "docs/diagnostics.zh.md:" << number << ": untranslated \"" << word
                    << "\" in: " << line;
    }
  }
}

// What `--explain` prints: the compiled-in section, in the language asked for or in force.
TEST(Codes, ExplainInBothLanguages) {
  for (const CodeInfo& c : AllCodes()) {
    const std::string en = ExplainCode(c.code, false);
    const std::string zh = ExplainCode(c.code, true);
    EXPECT_FALSE(en.empty()) << c.code;
    ASSERT_FALSE(zh.empty()) << c.code;
    // A Chinese section of its own, not the English fallback.
    EXPECT_NE(zh, en) << c.code << " has no section in docs/diagnostics.zh.md (compiled in)";
    for (const std::string& word : UntranslatedWords(zh)) {
      ADD_FAILURE() << c.code << ": untranslated \"" << word << "\" in its Chinese section";
    }
    // Both name the same severity first, each in its own words (check/diagnostic.cc).
    EXPECT_EQ(en.rfind("*" + std::string(SeverityKey(c.severity)) + ".*", 0), 0u) << en;
    EXPECT_EQ(zh.rfind("*" + std::string(SeverityName(c.severity, true)) + "。*", 0), 0u) << zh;
    // Neither carries its heading or a following one.
    EXPECT_EQ(zh.find("### "), std::string::npos) << c.code;
    EXPECT_EQ(en.find("### "), std::string::npos) << c.code;
    // The language in force picks one.
    {
      ScopedMessageLanguage lang(Lang::kZh);
      EXPECT_EQ(ExplainCode(c.code), zh);
    }
    {
      ScopedMessageLanguage lang(Lang::kEn);
      EXPECT_EQ(ExplainCode(c.code), en);
    }
  }
  EXPECT_EQ(ExplainCode("Z999", true), "");
  EXPECT_EQ(ExplainCode("Z999", false), "");
  // The first lines of one section, as `check --explain R202` prints them.
  EXPECT_EQ(
      ExplainCode("R202", true).rfind("*不一致。* 填报的执行率不等于 全年执行数 ÷ 全年预算数", 0),
      0u);
}

TEST(Codes, EveryCodeIsPinnedByATest) {
  std::string corpus;
  const fs::path root(testing::SourceDir());
  for (const auto& e : fs::recursive_directory_iterator(root / "tests" / "golden")) {
    if (e.path().extension() == ".test") corpus += ReadAll(e.path());
  }
  for (const auto& e : fs::directory_iterator(root / "tests")) {
    const std::string name = e.path().filename().string();
    if (name.size() > 8 && name.substr(name.size() - 8) == "_test.cc" && name != "codes_test.cc") {
      corpus += ReadAll(e.path());
    }
  }
  for (const auto& e : fs::recursive_directory_iterator(root / "src")) {
    const std::string name = e.path().filename().string();
    if (name.size() > 8 && name.substr(name.size() - 8) == "_test.cc") corpus += ReadAll(e.path());
  }
  for (const CodeInfo& c : AllCodes()) {
    // A golden file shows "CODE [slug]"; a unit test asserts the code in quotes.
    const std::string golden = std::string(c.code) + " [" + std::string(c.slug) + "]";
    const std::string unit = "\"" + std::string(c.code) + "\"";
    EXPECT_TRUE(corpus.find(golden) != std::string::npos || corpus.find(unit) != std::string::npos)
        << c.code << " is not pinned by any test";
  }
}

}  // namespace
}  // namespace jixiao
