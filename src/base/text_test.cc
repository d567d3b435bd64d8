// Tests of the UTF-8 helpers.
#include "base/text.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(Text, TrimBlankIncludingIdeographicSpace) {
  EXPECT_EQ(TrimBlank("　0.67　"), "0.67");
  EXPECT_EQ(TrimBlank(" \t≧8次 \n"), "≧8次");
  EXPECT_EQ(TrimBlank("　　"), "");
  EXPECT_TRUE(IsBlank("　 \t"));
  EXPECT_FALSE(IsBlank("　x"));
}

TEST(Text, FoldWidth) {
  EXPECT_EQ(FoldWidth("８７．５％（一）"), "87.5%(一)");
  EXPECT_EQ(FoldWidth("a　b"), "a b");
  EXPECT_EQ(FoldWidth("−1"), "-1");
}

TEST(Text, DisplayWidth) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("三公经费"), 8);
  EXPECT_EQ(DisplayWidth("0.68万元"), 8);
  EXPECT_EQ(DisplayWidth("（空）"), 6);
}

TEST(Text, DecodingSurvivesInvalidUtf8) {
  const std::string bad =
      "a\xe4\xb8"
      "b\xff";
  size_t pos = 0;
  EXPECT_EQ(NextCodePoint(bad, &pos), U'a');
  EXPECT_EQ(NextCodePoint(bad, &pos), 0xFFFDu);
  EXPECT_EQ(pos, 2u);
  // Overlong encodings and surrogates are rejected.
  const std::string overlong = "\xc0\xaf";
  pos = 0;
  EXPECT_EQ(NextCodePoint(overlong, &pos), 0xFFFDu);
  const std::string surrogate = "\xed\xa0\x80";
  pos = 0;
  EXPECT_EQ(NextCodePoint(surrogate, &pos), 0xFFFDu);
  EXPECT_EQ(DisplayWidth(bad), 5);
}

TEST(Text, Utf8RoundTrip) {
  std::string s;
  for (char32_t cp : {U'a', U'é', U'万', U'𠀀'}) AppendUtf8(cp, &s);
  size_t pos = 0;
  EXPECT_EQ(NextCodePoint(s, &pos), U'a');
  EXPECT_EQ(NextCodePoint(s, &pos), U'é');
  EXPECT_EQ(NextCodePoint(s, &pos), U'万');
  EXPECT_EQ(NextCodePoint(s, &pos), U'𠀀');
  EXPECT_EQ(pos, s.size());
}

TEST(Text, LineColumn) {
  const std::string t = "ab\n万c\nd";
  EXPECT_EQ(LineColumnAt(t, 0).line, 1);
  const LineColumn lc = LineColumnAt(t, 6);  // after 万
  EXPECT_EQ(lc.line, 2);
  EXPECT_EQ(lc.column, 2);
}

}  // namespace
}  // namespace jixiao
