// Tests of joining a cell's wrapped lines (base/lines.h).
#include "base/lines.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace jixiao {
namespace {

TEST(Lines, JoinTrimmedLines) {
  EXPECT_EQ(JoinTrimmedLines("偏差原因分析及\n 改进措施 "), "偏差原因分析及改进措施");
  EXPECT_EQ(JoinTrimmedLines("\u3000年初\n\n预算数\n"), "年初预算数");
  EXPECT_EQ(JoinTrimmedLines(""), "");
  EXPECT_EQ(JoinTrimmedLines("\n"), "");
}

TEST(Lines, TrimmedNonEmptyLines) {
  EXPECT_EQ(TrimmedNonEmptyLines(" 1：修缮村道 \n\n\u30002：清理河道\n"), "1：修缮村道\n2：清理河道");
  EXPECT_EQ(TrimmedNonEmptyLines("\n \n"), "");
  EXPECT_EQ(TrimmedNonEmptyLines("一行"), "一行");
}

TEST(Lines, BlankSeparatedWords) {
  const std::vector<BlankSeparatedWord> words = BlankSeparatedWords(" 部门决 策(25\u3000分)\t5 ");
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[0].text, "部门决");
  EXPECT_EQ(words[0].at, 1u);
  EXPECT_EQ(words[1].text, "策(25");
  EXPECT_EQ(words[2].text, "分)");
  EXPECT_EQ(words[2].at, std::string_view(" 部门决 策(25\u3000").size());
  EXPECT_EQ(words[3].text, "5");
  EXPECT_TRUE(BlankSeparatedWords(" \u3000 ").empty());
  EXPECT_TRUE(BlankSeparatedWords("").empty());
}

}  // namespace
}  // namespace jixiao
