#include "store/text_delta.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "base/lang.h"

namespace jixiao::store {
namespace {

std::string Made(std::string_view base, const TextDelta& d) {
  Result<std::string> out = ApplyDelta(base, d.keep_head, d.keep_tail, d.middle);
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? *out : std::string();
}

bool StartsACharacter(std::string_view s, size_t at) {
  return at >= s.size() || (static_cast<unsigned char>(s[at]) & 0xC0) != 0x80;
}

// What each delta keeps, and that it makes the text back.
TEST(TextDelta, KeepsWhatDidNotChangeAndNeverCutsACharacter) {
  struct Case {
    std::string base, text;
    size_t head, tail;
    std::string middle;
  };
  const Case cases[] = {
      {"执行数 124.88 万元", "执行数 124.98 万元", 14, 8, "9"},
      // 经 (E7 BB 8F) and 绩 (E7 BB A9) share their first two bytes: the head stops before them.
      {"预算经费", "预算绩效", 6, 0, "绩效"},
      // 员 (E5 91 98) and 单 (E5 8D 95) share their first byte: the head keeps 人 only.
      {"人员数", "人单数", 3, 3, "单"},
  };
  for (const Case& c : cases) {
    const TextDelta d = DeltaOf(c.base, c.text);
    EXPECT_EQ(d.keep_head, c.head) << c.text;
    EXPECT_EQ(d.keep_tail, c.tail) << c.text;
    EXPECT_EQ(d.middle, c.middle) << c.text;
    EXPECT_EQ(Made(c.base, d), c.text);
  }
}

TEST(TextDelta, EdgeCases) {
  for (const auto& [base, text] :
       std::vector<std::pair<std::string, std::string>>{{"", ""},
                                                        {"", "新增"},
                                                        {"删除", ""},
                                                        {"相同", "相同"},
                                                        {"aaa", "aaaa"},
                                                        {"aaaa", "aaa"},
                                                        {"abcabc", "abc"},
                                                        {"x", "y"}}) {
    const TextDelta d = DeltaOf(base, text);
    EXPECT_LE(d.keep_head + d.keep_tail, std::min(base.size(), text.size())) << base << "→" << text;
    EXPECT_EQ(Made(base, d), text) << base << "→" << text;
  }
  EXPECT_EQ(DeltaOf("相同", "相同").middle, "");
  EXPECT_EQ(DeltaOf("相同", "相同").keep_head, 6u);
}

// Random edits of a package-like text (ASCII keys and figures, Chinese prose): the delta always
// makes the text back, its cuts never split a character, and a small edit stores little.
TEST(TextDelta, RandomEditsMakeTheTextBack) {
  std::mt19937 rng(20261207);
  const std::vector<std::string> pieces = {"{\"name\":", "\"区科协\"", "124.88", ",",
                                           "万元",       "，完成率",   "100%",   "\n  ",
                                           "“",          "”",          "0",      "；"};
  for (int round = 0; round < 2000; ++round) {
    std::string base;
    const int n = static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) base += pieces[rng() % pieces.size()];
    // Replace or remove up to three stretches, each cut at a character's start.
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 3);
    size_t inserted = 0;
    for (int e = 0; e < edits; ++e) {
      size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
      while (!StartsACharacter(text, at)) --at;
      size_t end = at + rng() % 12;
      if (end > text.size()) end = text.size();
      while (!StartsACharacter(text, end)) ++end;
      const std::string put = rng() % 2 ? pieces[rng() % pieces.size()] : std::string();
      text.replace(at, end - at, put);
      inserted = put.size();
    }
    const TextDelta d = DeltaOf(base, text);
    ASSERT_EQ(Made(base, d), text) << "round " << round;
    EXPECT_TRUE(StartsACharacter(text, d.keep_head)) << "round " << round;
    EXPECT_TRUE(StartsACharacter(text, text.size() - d.keep_tail)) << "round " << round;
    EXPECT_TRUE(StartsACharacter(base, d.keep_head)) << "round " << round;
    EXPECT_TRUE(StartsACharacter(base, base.size() - d.keep_tail)) << "round " << round;
    EXPECT_LE(d.keep_head + d.keep_tail, std::min(base.size(), text.size()));
    // One edit stores at most what it put in.
    if (edits == 1) {
      EXPECT_LE(d.middle.size(), inserted) << "round " << round;
    }
  }
}

TEST(TextDelta, RefusesADeltaThatDoesNotFitItsBase) {
  ScopedMessageLanguage english(Lang::kEn);
  Result<std::string> r = ApplyDelta("abc", 2, 2, "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(r.status().message(),
            "a stored delta keeps 2 bytes at the head and 2 at the tail of a 3-byte base");
  EXPECT_FALSE(ApplyDelta("abc", 4, 0, "").ok());
  EXPECT_TRUE(ApplyDelta("abc", 3, 0, "d").ok());
}

}  // namespace
}  // namespace jixiao::store
