// Tests of the cutting of a report run together on one line (import/inline_headings.h), alone
// and through the text reader. The texts are written for these tests.
#include "import/inline_headings.h"

#include <gtest/gtest.h>

#include <string>

#include "import/text_reader.h"

namespace jixiao {
namespace {

// Enough prose to make a line as long as a whole report.
std::string Filler() {
  std::string s;
  for (int k = 0; k < 12; ++k) s += "本年度按计划推进各项工作并完成任务,";
  return s;
}

TEST(InlineHeadings, CutsBeforeEachHeadingInOrder) {
  const std::string line =
      "某县某局2022年项目自评报告依照有关规定开展自评,报告如下:一、项目概况(一)资金来源" +
      Filler() + "(二)资金使用情况" + Filler() + "二、绩效目标完成情况" + Filler() +
      "三、问题和改进措施无。";
  const std::vector<std::string_view> parts = InlineHeadingParts(line);
  ASSERT_EQ(parts.size(), 7u);
  // The title, cut from the preamble after its 报告 (not after "报告如下").
  EXPECT_EQ(parts[0], "某县某局2022年项目自评报告");
  EXPECT_EQ(parts[1], "依照有关规定开展自评,报告如下:");
  EXPECT_EQ(parts[2], "一、项目概况");
  EXPECT_EQ(parts[3].substr(0, std::string_view("(一)资金来源").size()), "(一)资金来源");
  EXPECT_EQ(parts[4].substr(0, std::string_view("(二)").size()), "(二)");
  EXPECT_EQ(parts[5].substr(0, std::string_view("二、绩效目标完成情况").size()),
            "二、绩效目标完成情况");
  EXPECT_EQ(parts[6], "三、问题和改进措施无。");
}

// As a PDF copies it: each heading's title, a blank, then its first paragraph on the same run.
TEST(InlineHeadings, AHeadingRunOnIntoItsParagraphIsCutAfterItsTitle) {
  const std::string line = "一、单位概况 (一)主要职责 " + Filler() +
                           "(二)机构和人员 本单位编制 12 人,在职 11 人。" + Filler() +
                           "二、目标完成情况 " + Filler();
  const std::vector<std::string_view> parts = InlineHeadingParts(line);
  ASSERT_EQ(parts.size(), 7u);
  EXPECT_EQ(parts[0], "一、单位概况");
  EXPECT_EQ(parts[1], "(一)主要职责");
  EXPECT_EQ(parts[2].substr(0, 6), "本年");
  EXPECT_EQ(parts[3], "(二)机构和人员");
  EXPECT_EQ(parts[4].substr(0, std::string_view("本单位编制 12 人").size()), "本单位编制 12 人");
  EXPECT_EQ(parts[5], "二、目标完成情况");
  // A title that is a sentence is not a heading's: it stays whole.
  const std::string sentence = "一、本年度各项工作均已完成，具体如下 " + Filler() + "二、甲" +
                               Filler() + "三、乙" + Filler();
  const std::vector<std::string_view> whole = InlineHeadingParts(sentence);
  ASSERT_EQ(whole.size(), 3u);
  EXPECT_EQ(whole[0].substr(0, std::string_view("一、本年度各项工作均已完成，具体如下 本").size()),
            "一、本年度各项工作均已完成，具体如下 本");
}

TEST(InlineHeadings, SubheadingsRestartUnderEachHeading) {
  const std::string line =
      "一、甲" + Filler() + "（一）乙" + Filler() + "二、丙（一）丁" + Filler();
  const std::vector<std::string_view> parts = InlineHeadingParts(line);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[2], "二、丙");
  EXPECT_EQ(parts[3].substr(0, std::string_view("（一）丁").size()), "（一）丁");
}

TEST(InlineHeadings, LeavesOtherLinesAlone) {
  // Short: a paragraph, not a whole report.
  EXPECT_TRUE(InlineHeadingParts("一、甲(一)乙(二)丙").empty());
  // Only two headings.
  EXPECT_TRUE(InlineHeadingParts("一、甲" + Filler() + "二、乙" + Filler()).empty());
  // Numerals after 第 or before another numeral are not headings; out of order neither.
  EXPECT_TRUE(InlineHeadingParts(Filler() + "第一、二季度" + Filler() + "一、二级指标" + Filler() +
                                 "三、四" + Filler())
                  .empty());
  EXPECT_TRUE(InlineHeadingParts(Filler() + "二、甲三、乙四、丙" + Filler()).empty());
}

TEST(InlineHeadings, TextReaderCutsTheRunTogetherReport) {
  const std::string text =
      "附件2\n某县2021年某项目绩效自评报告按照要求开展自评如下:一、基本情况(一)项目概况" +
      Filler() + "二、绩效目标完成情况" + Filler() + "三、存在问题无\n";
  Result<FlatDocument> d = ReadText(text, "r.txt");
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->blocks.size(), 7u);
  EXPECT_EQ(d->blocks[1].paragraph.text, "某县2021年某项目绩效自评报告");
  EXPECT_EQ(d->blocks[3].paragraph.text, "一、基本情况");
  EXPECT_EQ(d->blocks[3].paragraph.origin.line, 2);
  EXPECT_EQ(d->blocks[6].paragraph.text, "三、存在问题无");
}

TEST(InlineHeadings, TextReaderKeepsProseWhenHeadingsStandOnLines) {
  const std::string prose = "一、问题" + Filler() + "二、原因" + Filler() + "三、措施" + Filler();
  const std::string text = "一、基本情况\n本单位情况如下。\n二、存在问题\n" + prose + "\n";
  Result<FlatDocument> d = ReadText(text, "r.txt");
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->blocks.size(), 4u);
  EXPECT_EQ(d->blocks[3].paragraph.text, prose);
}

}  // namespace
}  // namespace jixiao
