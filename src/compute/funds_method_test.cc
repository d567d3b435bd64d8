// Tests of the funds block's scoring: a form's 得分计算方法 read (or not) into a rule, each row
// under 年度资金总额 scored on its own figures, and 贵州's form without 全年预算数 (rate =
// 全年执行数 ÷ 年初预算数, the score capped at the 分值).
#include "compute/funds_method.h"

#include <gtest/gtest.h>

#include "compute/scoring.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

Cell N(const char* s, bool pct = false) { return Cell::Number(*Decimal::Parse(s), pct); }

TEST(FundsMethod, ReadsTheWaysFormsWriteTheProduct) {
  const FundsMethod guizhou = ReadFundsMethod("执行率×该指标分值，最高不得超过分值上限。");
  EXPECT_TRUE(guizhou.present);
  EXPECT_TRUE(guizhou.understood);
  EXPECT_TRUE(guizhou.capped_at_weight);
  EXPECT_FALSE(guizhou.divides_by_initial);
  EXPECT_EQ(guizhou.how_zh, "得分 = 分值 × 执行率，最高为分值");
  EXPECT_EQ(guizhou.how_en, "score = weight × execution rate, at most the weight");

  // Half-width asterisk, spaces, full-width letters: the same rule.
  const FundsMethod ascii = ReadFundsMethod(" 执行率 * 该指标分值,最高不得超过分值上限 ");
  EXPECT_TRUE(ascii.understood);
  EXPECT_TRUE(ascii.capped_at_weight);

  const FundsMethod ba = ReadFundsMethod("执行率（B/A）×分值");
  EXPECT_TRUE(ba.understood);
  EXPECT_FALSE(ba.capped_at_weight);
  EXPECT_TRUE(ba.divides_by_initial);
  EXPECT_EQ(ba.how_zh,
            "得分 = 分值 × 执行率（执行率 = 全年执行数 ÷ 年初预算数），执行率上限按评分规则");

  const FundsMethod vague = ReadFundsMethod("按预算执行进度综合评定");
  EXPECT_TRUE(vague.present);
  EXPECT_FALSE(vague.understood);
  EXPECT_TRUE(vague.how_zh.empty());

  EXPECT_FALSE(ReadFundsMethod("").present);
  EXPECT_FALSE(ReadFundsMethod(" \u3000 ").present);
}

class FundsScoring : public ::testing::Test {
 protected:
  Rulebook rb_ = testing::LoadRulebook("national");  // 2 decimals, half up, cap 100%
};

// A row of the 安徽 layout: rate = 全年执行数 ÷ 全年预算数, score = 分值 × rate.
TEST_F(FundsScoring, ARowIsScoredOnItsOwnFigures) {
  FundsRow row;
  row.initial_budget = N("1420.00");
  row.full_year_budget = N("1563.40");
  row.executed = N("1502.11");
  row.weight = N("6");
  const ExecutionResult r = ScoreFundsRow(row, FundsMethod{}, rb_);
  ASSERT_TRUE(r.rate);
  EXPECT_EQ(r.rate->value.Rounded(2, Rounding::kHalfUp).ToString(), "96.08");
  EXPECT_FALSE(r.by_initial);
  ASSERT_TRUE(r.score);
  EXPECT_EQ(r.score->ToString(), "5.76");  // 6 × 96.0797…% = 5.7648
  // A row not scored ("—" in its 分值) has a rate and no score.
  row.weight = Cell::NotApplicable();
  const ExecutionResult unscored = ScoreFundsRow(row, FundsMethod{}, rb_);
  EXPECT_TRUE(unscored.rate);
  EXPECT_FALSE(unscored.score);
}

// 贵州: no 全年预算数 column (not applicable): the rate divides by 年初预算数, and the method
// caps the score at the 分值 even under a rulebook that lets the rate count up to 120%.
TEST_F(FundsScoring, WithoutFullYearBudgetTheRateDividesByTheInitialBudget) {
  rb_.execution_cap_percent = Decimal::FromInt(120);
  Funds f;
  f.initial_budget = N("1051.00");
  f.full_year_budget = Cell::NotApplicable();
  f.executed = N("1053.48");
  f.weight = N("10");
  f.execution_rate = Cell::NotApplicable();
  f.method = "执行率×该指标分值，最高不得超过分值上限。";
  FundsRow basic;
  basic.key = "basic";
  basic.initial_budget = N("836.40");
  basic.full_year_budget = Cell::NotApplicable();
  basic.executed = N("802.15");
  basic.weight = N("10");
  FundsRow project = basic;
  project.key = "project";
  project.initial_budget = N("214.60");
  project.executed = N("251.33");
  f.rows = {basic, project};
  Package p;
  p.evaluation.funds = f;
  const ScoreSheet sheet = ScorePackage(p, rb_);
  EXPECT_TRUE(sheet.funds_method.understood);
  ASSERT_TRUE(sheet.execution.score);
  EXPECT_TRUE(sheet.execution.by_initial);
  EXPECT_EQ(sheet.execution.rate->value.Rounded(2, Rounding::kHalfUp).ToString(), "100.24");
  EXPECT_EQ(sheet.execution.cap.ToString(), "100");
  EXPECT_EQ(sheet.execution.score->ToString(), "10.00");  // not 10.02: capped at the 分值
  ASSERT_EQ(sheet.fund_rows.size(), 2u);
  EXPECT_EQ(sheet.fund_rows[0].score->ToString(), "9.59");   // 802.15 ÷ 836.40 = 95.905%
  EXPECT_EQ(sheet.fund_rows[1].score->ToString(), "10.00");  // 117.12%, capped
  EXPECT_EQ(sheet.total.ToString(), "10.00");  // the total row's score, not the rows' sum

  // Without the method the rulebook's cap (120%) applies.
  p.evaluation.funds.method.clear();
  const ScoreSheet rulebook = ScorePackage(p, rb_);
  EXPECT_EQ(rulebook.fund_rows[1].score->ToString(), "11.71");
  EXPECT_EQ(rulebook.execution.score->ToString(), "10.02");
}

}  // namespace
}  // namespace jixiao
