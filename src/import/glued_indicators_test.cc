// Tests for 重庆's flat indicator list with its cells glued (import/glued_indicators.h). The
// rows are made up, in the shape OCR of a sharing site's preview gives them.
#include "import/glued_indicators.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jixiao {
namespace {

std::string Row(const GluedListRow& r) {
  std::string s;
  for (size_t i = 0; i < r.size(); ++i) s += (i ? "|" : "") + r[i];
  return s;
}

// The header's words scrambled ("年成值全完值"), rows of every kind of value, a row over a
// page break (the site's "2、" opening the next line and the form's label 绩效指标 before it),
// and the document ending inside a row.
const std::vector<std::string_view> kList = {
    "1、完成了年度任务。指标名称计量单位指标性质年初指标值调整指标值年成值全完值得分系数(%)"
    "指标权重(分)指标得分(分)是否核心指标人员控制率%定量指标100%95%100%33否预算调整率%5%0100%"
    "22是宣传活动次数次30次35次100%1010是服务质量好好80%54否绩效指标",
    "2、信息公开及时性高高100%11否稿件数量篇1200篇1180篇98.33%54.9否公共",
};

TEST(GluedIndicators, RowsToldByHowTheyEnd) {
  const GluedIndicatorList l = ReadGluedIndicatorList(kList, /*to_end=*/true);
  EXPECT_EQ(l.before, "1、完成了年度任务。");
  EXPECT_EQ(l.header_written.substr(0, 12), "指标名称");
  ASSERT_EQ(l.rows.size(), 6u);
  EXPECT_EQ(Row(l.rows[0]), "人员控制率|%|定量指标|100%||95%|100%|3|3|否");
  // "5%0100%": a result of 0, then the coefficient.
  EXPECT_EQ(Row(l.rows[1]), "预算调整率|%||5%||0|100%|2|2|是");
  // "1010" is 10 and 10; the unit is the values' own.
  EXPECT_EQ(Row(l.rows[2]), "宣传活动次数|次||30次||35次|100%|10|10|是");
  // "54" under 80 %: 5 × 80 % = 4.
  EXPECT_EQ(Row(l.rows[3]), "服务质量|||好||好|80%|5|4|否");
  // Over the page break.
  EXPECT_EQ(Row(l.rows[4]), "信息公开及时性|||高||高|100%|1|1|否");
  // "54.9" under 98.33 %: 5 × 98.33 % = 4.9165, written 4.9.
  EXPECT_EQ(Row(l.rows[5]), "稿件数量|篇||1200篇||1180篇|98.33%|5|4.9|否");
  EXPECT_EQ(l.row_lines, (std::vector<size_t>{0, 0, 0, 0, 1, 1}));
  EXPECT_EQ(l.cut, "公共");
  EXPECT_EQ(l.lines, 2u);
}

// Not at the end of the document: what follows the last row is text, on the line it stands.
TEST(GluedIndicators, TextAfterTheListStays) {
  const GluedIndicatorList l = ReadGluedIndicatorList(
      {"指标名称得分系数指标权重指标得分是否核心指标甲率%90%92%100%22否乙率%90%91%100%22否",
       "二、存在的问题。"},
      /*to_end=*/false);
  ASSERT_EQ(l.rows.size(), 2u);
  EXPECT_EQ(l.cut, "");
  EXPECT_EQ(l.lines, 1u);
  EXPECT_EQ(l.rest, "");
  const GluedIndicatorList with_rest = ReadGluedIndicatorList(
      {"指标名称得分系数指标权重指标得分是否核心指标甲率%90%92%100%22否以上为自评。"},
      /*to_end=*/true);
  ASSERT_EQ(with_rest.rows.size(), 1u);
  EXPECT_EQ(with_rest.cut, "");
  EXPECT_EQ(with_rest.rest, "以上为自评。");
}

// A weight and score that cut more than one way, or no way, end the list: never guessed.
TEST(GluedIndicators, WeightAndScoreNotGuessed) {
  // "105" under 50 %: 10 and 5 (10 × 50 % = 5); 1 and 05 is no cut. One way: read.
  EXPECT_EQ(ReadGluedIndicatorList({"指标名称得分系数权重得分是否核心指标甲率%90%45%50%105否"}, false)
                .rows.size(),
            1u);
  // "1212" under 100 % is 12 and 12; "112" under 100 % cuts no way (1 and 12 is a score over
  // its weight, 11 and 2 is not 11 × 100 %): the list ends before that row.
  const GluedIndicatorList l =
      ReadGluedIndicatorList({"指标名称得分系数权重得分是否核心指标甲率%90%90%100%1212否乙率%"
                              "90%90%100%112否"},
                             false);
  ASSERT_EQ(l.rows.size(), 1u);
  EXPECT_EQ(l.rest, "乙率%90%90%100%112否");
}

// What is not such a list: no header, a header without 得分系数, a sentence where the rows
// should be.
TEST(GluedIndicators, LeavesOtherTextAlone) {
  EXPECT_TRUE(ReadGluedIndicatorList({"甲率%90%92%100%22否"}, true).rows.empty());
  EXPECT_TRUE(
      ReadGluedIndicatorList({"指标名称权重得分是否核心指标甲率%90%92%100%22否"}, true).rows.empty());
  EXPECT_TRUE(ReadGluedIndicatorList({"指标名称得分系数权重得分是否核心指标。本年度完成了任务。"}, true)
                  .rows.empty());
  EXPECT_TRUE(ReadGluedIndicatorList({}, true).rows.empty());
}

}  // namespace
}  // namespace jixiao
