// Tests for a rubric's score table whose 分值 stand in its labels (import/weighted_labels.h).
#include "import/weighted_labels.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jixiao {
namespace {

std::string Row(const std::array<std::string, 5>& r) {
  return r[0] + "|" + r[1] + "|" + r[2] + "|" + r[3] + "|" + r[4];
}

// As a PDF gives it: the header's words broken by blanks, labels broken over blanks and lines,
// each score at the start of the next line. Figures made up.
const std::vector<std::string_view> kTable = {
    "2019 年部门整体支出绩效评价得分表 一级指 标 二级指标 三级指标 得分 部门决 策(20 分) "
    "目标设定(12 分) 依据充分性(6 分)",
    "6 目标明确性(6 分)",
    "5 预算编制(8 分) 编制科学性(8 分)",
    "7 部门管 理(30 分) 资金管理(18 分) 资金使用合规性（10 分）",
    "10 财务监控有效性(8 分)",
    "8 资产管理(12 分) 资产配置合理性(12 分)",
    "11 以上为决策和管理部分的得分。",
};

TEST(WeightedLabels, RebuildsTheTreeByTheLabelsWeights) {
  const WeightedScoreTable t = ReadWeightedScoreTable(kTable, /*to_end=*/false);
  ASSERT_EQ(t.rows.size(), 6u);
  EXPECT_EQ(t.before, "2019 年部门整体支出绩效评价得分表");
  EXPECT_EQ(Row(t.rows[0]), "部门决策(20分)|目标设定(12分)|依据充分性|6|6");
  EXPECT_EQ(Row(t.rows[1]), "||目标明确性|6|5");
  EXPECT_EQ(Row(t.rows[2]), "|预算编制(8分)|编制科学性|8|7");
  EXPECT_EQ(Row(t.rows[3]), "部门管理(30分)|资金管理(18分)|资金使用合规性|10|10");
  EXPECT_EQ(Row(t.rows[4]), "||财务监控有效性|8|8");
  EXPECT_EQ(Row(t.rows[5]), "|资产管理(12分)|资产配置合理性|12|11");
  EXPECT_EQ(t.row_lines, (std::vector<size_t>{1, 2, 3, 4, 5, 6}));
  // The sentence after the last score stays text.
  EXPECT_EQ(t.lines, 7u);
  EXPECT_EQ(t.rest, "以上为决策和管理部分的得分。");
}

TEST(WeightedLabels, TheDocumentEndingInsideALabelGivesTheRowCutThrough) {
  std::vector<std::string_view> lines(kTable.begin(), kTable.end() - 1);
  lines.push_back("11 项目管理(20 分) 实施规范(10 分) 招标采购合规........");
  WeightedScoreTable t = ReadWeightedScoreTable(lines, /*to_end=*/true);
  ASSERT_EQ(t.rows.size(), 7u);
  EXPECT_EQ(Row(t.rows[6]), "项目管理(20分)|实施规范(10分)|招标采购合规||");
  EXPECT_EQ(t.lines, 7u);
  EXPECT_EQ(t.rest, "");
  // Not at the document's end, the open label is not a row: it stays text.
  t = ReadWeightedScoreTable(lines, /*to_end=*/false);
  ASSERT_EQ(t.rows.size(), 6u);
  EXPECT_EQ(t.lines, 7u);
  EXPECT_EQ(t.rest, "项目管理(20 分) 实施规范(10 分) 招标采购合规........");
}

// What does not fit the weights ends the table; fewer than two rows is no table.
TEST(WeightedLabels, WhatDoesNotFitEndsTheTable) {
  // 资金管理 (18) overruns 部门管理 (10): the table ends before 部门管理.
  const std::vector<std::string_view> overrun = {
      "一级指标 二级指标 三级指标 得分 部门决策(12 分) 目标设定(12 分) 依据充分性(6 分)",
      "6 目标明确性(6 分)", "5 部门管理(10 分) 资金管理(18 分) 资金使用(18 分)", "10"};
  WeightedScoreTable t = ReadWeightedScoreTable(overrun, false);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.lines, 3u);
  EXPECT_EQ(t.rest, "部门管理(10 分) 资金管理(18 分) 资金使用(18 分)");
  // A 三级指标 straight under a 一级 group, a figure with no label, no header: nothing.
  for (const std::vector<std::string_view>& lines : std::vector<std::vector<std::string_view>>{
           {"一级指标 二级指标 三级指标 得分 部门决策(12 分) 依据充分性(6 分)", "6 明确性(6 分)",
            "5"},
           {"一级指标 二级指标 三级指标 得分 5 部门决策(12 分)"},
           {"一级指标 二级指标 得分 部门决策(12 分) 目标(12 分) 依据(6 分)", "6 明确性(6 分)", "5"},
           {"三级指标"},
           {""},
       }) {
    EXPECT_TRUE(ReadWeightedScoreTable(lines, true).rows.empty()) << lines[0];
  }
}

}  // namespace
}  // namespace jixiao
