// Tests of the deduction rules (compute/deductions.h) under the bundled hunan-2016 and guizhou
// rulebooks: each rule at, just past and far past its threshold, metrics that cannot be
// computed, indicator weights other than the rule's, and whole packages scored.
#include "compute/deductions.h"

#include <gtest/gtest.h>

#include "compute/scoring.h"

namespace jixiao {
namespace {

Decimal D(std::string_view text) { return *Decimal::Parse(text); }
Cell N(std::string_view text) { return Cell::Number(D(text)); }

const Rulebook& Hunan2016() {
  static const Rulebook rb = *BundledRulebook("hunan-2016");
  return rb;
}

const RubricRule& Rule(std::string_view id) {
  for (const RubricRule& r : Hunan2016().rubric.rules) {
    if (r.id == id) return r;
  }
  ADD_FAILURE() << "no rule " << id;
  return Hunan2016().rubric.rules.front();
}

// The Lingling figures of DOMAIN.md: 8 posts, 7 on payroll; 三公 0.67 → 0.68; funds 153.53 /
// 127.10 / 124.88.
Package Figures() {
  Package p;
  p.basic_data.staffing.authorized = N("8");
  p.basic_data.staffing.on_payroll = N("7");
  ExpenseRow three;
  three.key = "three_public";
  three.label = "“三公”经费";
  three.at(ExpenseColumn::kPriorFinal) = N("0.67");
  three.at(ExpenseColumn::kBudget) = N("0.68");
  three.at(ExpenseColumn::kFinal) = N("0.68");
  p.basic_data.expenses.push_back(three);
  p.evaluation.funds.initial_budget = N("153.53");
  p.evaluation.funds.full_year_budget = N("127.10");
  p.evaluation.funds.executed = N("124.88");
  return p;
}

// The score of rule `id` on `p`, as text ("4.5"), or "无法评价: why".
std::string Score(const Package& p, std::string_view id,
                  std::optional<Decimal> weight = std::nullopt) {
  const std::vector<MetricValue> metrics = EvaluateMetrics(p, Hunan2016());
  const RuleScore s = ScoreRule(Rule(id), Hunan2016(), metrics, weight);
  if (!s.score) return "无法评价: " + s.note_en;
  return s.score->Normalized().ToString();
}

std::string Staff(std::string_view authorized, std::string_view on_payroll) {
  Package p = Figures();
  p.basic_data.staffing.authorized = N(authorized);
  p.basic_data.staffing.on_payroll = N(on_payroll);
  return Score(p, "staff_control");
}

TEST(Deductions, StaffControlRateMinusHalfAPointPerPointOver100) {
  EXPECT_EQ(Staff("8", "7"), "5");        // 87.5%
  EXPECT_EQ(Staff("100", "100"), "5");    // at 100%
  EXPECT_EQ(Staff("200", "201"), "5");    // 100.5%: no whole point over
  EXPECT_EQ(Staff("100", "101"), "4.5");  // one point over
  EXPECT_EQ(Staff("100", "107"), "1.5");  // seven points
  EXPECT_EQ(Staff("8", "9"), "0");        // 112.5%: −6, floored at 0
  EXPECT_EQ(Staff("10", "30"), "0");      // 300%
}

std::string ThreePublic(std::string_view prior, std::string_view now) {
  Package p = Figures();
  p.basic_data.expenses[0].at(ExpenseColumn::kPriorFinal) = N(prior);
  p.basic_data.expenses[0].at(ExpenseColumn::kFinal) = N(now);
  return Score(p, "three_public_change");
}

TEST(Deductions, ThreePublicChangeMinus08PerPointAbove0) {
  EXPECT_EQ(ThreePublic("10.00", "9.00"), "5");     // −10%
  EXPECT_EQ(ThreePublic("10.00", "10.00"), "5");    // at 0
  EXPECT_EQ(ThreePublic("10.00", "10.05"), "5");    // +0.5%: no whole point
  EXPECT_EQ(ThreePublic("10.00", "10.10"), "4.2");  // +1%
  EXPECT_EQ(ThreePublic("0.67", "0.68"), "4.2");    // +1.49%: the seed's 三公
  EXPECT_EQ(ThreePublic("10.00", "10.60"), "0.2");  // +6%: −4.8
  EXPECT_EQ(ThreePublic("10.00", "20.00"), "0");    // +100%
}

std::string Completion(std::string_view full, std::string_view executed) {
  Package p = Figures();
  p.evaluation.funds.full_year_budget = N(full);
  p.evaluation.funds.executed = N(executed);
  return Score(p, "budget_completion");
}

TEST(Deductions, BudgetCompletionMinus2Per5PercentUnder) {
  EXPECT_EQ(Completion("100", "100"), "5");
  EXPECT_EQ(Completion("127.10", "124.88"), "5");  // 98.25%
  EXPECT_EQ(Completion("100", "95.01"), "5");      // 4.99 under
  EXPECT_EQ(Completion("100", "95"), "3");         // one 5% step
  EXPECT_EQ(Completion("100", "92.8"), "3");       // 7.2 under: one whole step, as published
  EXPECT_EQ(Completion("100", "90"), "1");         // two steps
  EXPECT_EQ(Completion("100", "50"), "0");         // ten steps: −20, floored
}

std::string Control(std::string_view initial, std::string_view full) {
  Package p = Figures();
  p.evaluation.funds.initial_budget = N(initial);
  p.evaluation.funds.full_year_budget = N(full);
  return Score(p, "budget_control");
}

TEST(Deductions, BudgetControlRateBands) {
  EXPECT_EQ(Control("153.53", "127.10"), "5");  // −17.2%: budget cut, no 追加
  EXPECT_EQ(Control("100", "100"), "5");        // 0
  EXPECT_EQ(Control("100", "100.01"), "4");     // just above 0
  EXPECT_EQ(Control("100", "110"), "4");        // 10% (含)
  EXPECT_EQ(Control("100", "110.01"), "3");
  EXPECT_EQ(Control("100", "120"), "3");
  EXPECT_EQ(Control("100", "130"), "2");     // 30% (含)
  EXPECT_EQ(Control("100", "130.01"), "0");  // above 30%
  EXPECT_EQ(Control("100", "300"), "0");
}

TEST(Deductions, AnIndicatorWeightedOtherwiseKeepsTheDeductionsOrScalesTheBand) {
  Package p = Figures();
  p.basic_data.staffing.authorized = N("100");
  p.basic_data.staffing.on_payroll = N("101");
  EXPECT_EQ(Score(p, "staff_control", D("3")), "2.5");  // 3 − 0.5
  p.evaluation.funds.initial_budget = N("100");
  p.evaluation.funds.full_year_budget = N("110");
  EXPECT_EQ(Score(p, "budget_control", D("4")), "3.2");  // 4 of 5, out of 4
}

TEST(Deductions, MissingFiguresAndZeroDivisorsAreNotAssessable) {
  Package p = Figures();
  p.basic_data.staffing.authorized = Cell::Blank();
  EXPECT_EQ(Score(p, "staff_control"),
            "无法评价: 在职人员控制率 cannot be computed: staffing.authorized is blank");
  p.basic_data.staffing.authorized = N("0");
  EXPECT_EQ(Score(p, "staff_control"),
            "无法评价: 在职人员控制率 cannot be computed: division by zero");
  p.basic_data.expenses.clear();
  EXPECT_EQ(Score(p, "three_public_change"),
            "无法评价: “三公经费”变动率 cannot be computed: expenses.three_public.final is blank");
  // A metric built on another that cannot be computed says why, from the bottom.
  p.evaluation.funds.initial_budget = Cell::NotApplicable();
  EXPECT_EQ(Score(p, "budget_control"),
            "无法评价: 预算控制率 cannot be computed: funds.initial_budget is blank");
}

TEST(Deductions, MetricsAreExact) {
  const std::vector<MetricValue> m = EvaluateMetrics(Figures(), Hunan2016());
  ASSERT_EQ(m.size(), 7u);
  EXPECT_EQ(m[0].value->ToString(), "87.5");
  EXPECT_EQ(m[1].value->ToString(), "1.4925373134");   // 0.01 ÷ 0.67 × 100, 12 decimals
  EXPECT_EQ(m[3].value->ToString(), "-26.43");         // 追加
  EXPECT_EQ(m[4].value->ToString(), "2.22");           // 年末结余
  EXPECT_EQ(m[5].value->ToString(), "98.2533438238");  // 预算完成率
  EXPECT_EQ(m[6].value->ToString(), "-17.2148765714");
}

// A package in the older Hunan layout: 投入 / 过程 / 产出 / 效益.
Indicator Leaf(std::string name, std::string target, std::string actual, std::string_view weight,
               std::string_view score) {
  Indicator i;
  i.name = std::move(name);
  i.target = std::move(target);
  i.actual = std::move(actual);
  i.weight = N(weight);
  i.score = N(score);
  return i;
}

Indicator Group(std::string name, std::string_view weight, std::vector<Indicator> children) {
  Indicator i;
  i.name = std::move(name);
  i.weight = N(weight);
  i.children = std::move(children);
  return i;
}

Package Hunan2016Package() {
  Package p = Figures();
  p.rulebook = "hunan-2016";
  p.evaluation.indicators = {
      Group("投入", "10",
            {Group("预算配置", "10",
                   {Leaf("在职人员控制率", "≤100%", "87.5%", "5", "5"),
                    Leaf("“三公经费”变动率", "≤0", "1.49%", "5", "5")})}),
      Group("过程", "60",
            {Group("预算执行", "10",
                   {Leaf("预算完成率", "100%", "98.25%", "5", "5"),
                    Leaf("预算控制率", "0", "0", "5", "5")}),
             Group("预算管理", "50", {Leaf("管理制度健全性", "100%", "100%", "50", "50")})}),
      Group("产出", "15",
            {Group("职责履行", "15", {Leaf("实际完成率", "≥95%", "100%", "15", "15")})}),
      Group(
          "效益", "15",
          {Group("履职效益", "15", {Leaf("社会公众或服务对象满意度", "≥90%", "81%", "15", "15")})}),
  };
  p.evaluation.total_weight = N("100");
  p.evaluation.total_score = N("100");
  return p;
}

TEST(Deductions, AWholePackageUnderHunan2016) {
  const ScoreSheet sheet = ScorePackage(Hunan2016Package(), Hunan2016());
  ASSERT_EQ(sheet.leaves.size(), 7u);
  EXPECT_EQ(sheet.leaves[0].method, ScoreMethod::kRule);
  EXPECT_EQ(sheet.leaves[0].point->ToString(), "5.00");
  EXPECT_TRUE(sheet.leaves[0].met);
  EXPECT_EQ(sheet.leaves[1].method, ScoreMethod::kRule);  // the seed's 三公: +1.49%
  EXPECT_EQ(sheet.leaves[1].point->ToString(), "4.20");
  EXPECT_FALSE(sheet.leaves[1].met);
  EXPECT_EQ(sheet.leaves[1].note_en,
            "“三公经费”变动率 1.49 is above 0 by 1.49; 0.8 per 1 for 1 step(s) deducts 0.8");
  EXPECT_EQ(sheet.leaves[2].point->ToString(), "5.00");  // 98.25%: no whole 5% step
  EXPECT_EQ(sheet.leaves[3].point->ToString(), "5.00");  // budget cut: no 追加
  EXPECT_EQ(sheet.leaves[3].note_zh, "预算控制率 -17.21，在 ≤ 0 档，得 5 分");
  EXPECT_EQ(sheet.leaves[4].method, ScoreMethod::kAtLeast);  // judged rows keep their method
  EXPECT_EQ(sheet.leaves[6].point->ToString(), "13.50");     // 81% of ≥90%: 15 × 0.9
  EXPECT_EQ(sheet.total.ToString(), "97.70");                // 5+4.2+5+5+50+15+13.5
  EXPECT_EQ(sheet.grade, "优");
  EXPECT_FALSE(sheet.execution.score.has_value());  // no funds 分值 in this layout
  ASSERT_EQ(sheet.rules.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_TRUE(sheet.rule_matched[i]) << i;
}

TEST(Deductions, RulesThatMatchNoRowAreListedButNotCounted) {
  Package p = Hunan2016Package();
  p.basic_data.staffing.on_payroll = N("9");  // 112.5%: the rule alone would give 0
  p.evaluation.indicators[0].children[0].children.pop_back();  // no 三公 row
  const ScoreSheet sheet = ScorePackage(p, Hunan2016());
  EXPECT_EQ(sheet.leaves[0].point->ToString(), "0.00");
  EXPECT_FALSE(sheet.rule_matched[1]);
  ASSERT_TRUE(sheet.rules[1].score.has_value());
  EXPECT_EQ(sheet.rules[1].score->ToString(), "4.20");
  EXPECT_EQ(sheet.total.ToString(), "88.50");  // 0+5+5+50+15+13.5
  EXPECT_EQ(sheet.grade, "良");
}

TEST(Deductions, GuizhouRateOnTheInitialBudgetCappedAtTheWeight) {
  const Rulebook rb = *BundledRulebook("guizhou");
  Package p;
  p.evaluation.funds.initial_budget = N("200.00");
  p.evaluation.funds.executed = N("190.00");
  p.evaluation.funds.weight = N("10");
  ScoreSheet sheet = ScorePackage(p, rb);
  ASSERT_TRUE(sheet.execution.score.has_value());
  EXPECT_EQ(sheet.execution.score->ToString(), "9.50");
  EXPECT_EQ(sheet.execution.rate->value.ToString(), "95");
  p.evaluation.funds.executed = N("230.00");  // 115%: capped at the 分值
  sheet = ScorePackage(p, rb);
  EXPECT_EQ(sheet.execution.score->ToString(), "10.00");
  p.evaluation.funds.executed = N("123.45");  // 61.725% → 6.1725 → 6.17
  sheet = ScorePackage(p, rb);
  EXPECT_EQ(sheet.execution.score->ToString(), "6.17");
  p.evaluation.funds.initial_budget = Cell::Blank();
  sheet = ScorePackage(p, rb);
  EXPECT_FALSE(sheet.execution.score.has_value());
  EXPECT_EQ(sheet.rules[0].note_en,
            "预算执行率（全年执行数 ÷ 年初预算数） cannot be computed: funds.initial_budget is "
            "blank");
}

// A small department package in the national layout, for the regional rulebooks: funds 100 /
// 100 / 95 (分值 10), 产出 ≥10次 done 8 times (50 × 0.8 = 40), 效益 and 满意度 met.
Package NationalLayoutPackage() {
  Package p;
  p.evaluation.funds.initial_budget = N("100.00");
  p.evaluation.funds.full_year_budget = N("100.00");
  p.evaluation.funds.executed = N("95.00");
  p.evaluation.funds.weight = N("10");
  p.evaluation.indicators = {
      Group("产出指标", "50",
            {Group("数量指标", "50", {Leaf("举办活动", "≥10次", "8次", "50", "40")})}),
      Group("效益指标", "30",
            {Group("社会效益指标", "30", {Leaf("政策知晓率", "≥90%", "92%", "30", "30")})}),
      Group("满意度指标", "10",
            {Group("服务对象满意度指标", "10", {Leaf("群众满意度", "≥90%", "95%", "10", "10")})}),
  };
  return p;
}

TEST(Deductions, RegionalRulebooksLoadAndScoreAPackage) {
  for (const char* id : {"anhui", "chongqing", "guizhou", "national-project"}) {
    Result<Rulebook> rb = BundledRulebook(id);
    ASSERT_TRUE(rb.ok()) << id;
    const ScoreSheet sheet = ScorePackage(NationalLayoutPackage(), *rb);
    ASSERT_TRUE(sheet.execution.score.has_value()) << id;
    EXPECT_EQ(sheet.execution.score->ToString(), "9.50") << id;
    ASSERT_EQ(sheet.leaves.size(), 3u) << id;
    EXPECT_EQ(sheet.leaves[0].point->ToString(), "40.00") << id;
    EXPECT_EQ(sheet.total.ToString(), "89.50") << id;
    EXPECT_EQ(sheet.grade, "良") << id;
  }
  // Guizhou's rate stands on the 年初预算数: a 全年预算数 raised to 120 changes nothing there,
  // and lowers the national rate to 95 ÷ 120.
  Package raised = NationalLayoutPackage();
  raised.evaluation.funds.full_year_budget = N("120.00");
  EXPECT_EQ(ScorePackage(raised, *BundledRulebook("guizhou")).execution.score->ToString(), "9.50");
  EXPECT_EQ(ScorePackage(raised, *BundledRulebook("anhui")).execution.score->ToString(), "7.92");
}

}  // namespace
}  // namespace jixiao
