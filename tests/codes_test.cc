// The code catalogue is complete: every code has a section in docs/diagnostics.md and is
// pinned by at least one test (a golden file or a unit test that names it), and every code
// documented exists.
#include "check/codes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

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

TEST(Codes, EveryCodeIsDocumented) {
  const std::string doc = ReadAll(fs::path(testing::SourceDir()) / "docs" / "diagnostics.md");
  ASSERT_FALSE(doc.empty());
  for (const CodeInfo& c : AllCodes()) {
    const std::string heading = "### " + std::string(c.code) + " " + std::string(c.slug) + "\n";
    EXPECT_NE(doc.find(heading), std::string::npos) << "docs/diagnostics.md lacks: " << heading;
  }
  // And nothing is documented that does not exist.
  std::istringstream lines(doc);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("### ", 0) != 0) continue;
    const std::string code = line.substr(4, 4);
    EXPECT_NE(FindCode(code), nullptr) << "documented but unknown: " << line;
  }
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
