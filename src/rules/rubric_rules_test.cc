// Tests of the rubric rules of a rulebook (docs/rulebook-format.md, "Rubric rules"): the
// bundled rulebooks that use them, the formula language, and a located message for each new
// construct that is wrong (bad formula, unknown figure or metric, bands out of order, keys of
// another kind, weights that do not add up with the categories).
#include <gtest/gtest.h>

#include <string>

#include "rules/formula.h"
#include "rules/rulebook.h"

namespace jixiao {
namespace {

// A complete rulebook without rubric rules (as rulebook_test.cc's); its last line is 68, so
// the first appended line is 69.
constexpr std::string_view kBase = R"toml([rulebook]
id = "test"
name = "Test"
description = ""

[weights]
layout = "top_level"
execution = 10
output = 50
effect = 30
satisfaction = 10
total = 100

[execution]
cap_percent = 100
decimals = 2
rounding = "half_up"
explain_below_percent = 90

[scores]
decimals = 2
rounding = "half_up"

[rates]
decimals = 2
rounding = "half_up"

[reverse]
variant = "ratio"

[qualitative]
scale = [["高", "好"], ["较高", "较好"], ["一般"], ["差"]]
achieved = [80, 100]
partial = [60, 80]
not_achieved = [0, 60]

[[grades]]
name = "优"
min = 90
max = 100
max_inclusive = true

[[grades]]
name = "良"
min = 80
max = 90
max_inclusive = false

[[grades]]
name = "中"
min = 60
max = 80
max_inclusive = false

[[grades]]
name = "差"
min = 0
max = 60
max_inclusive = false

[three_public]
basis = "final"

[policy]
overshoot_percent = 130
qualitative_share_percent = 40
score_above_execution_points = 10
rough_flat_percent = "5"
)toml";

// kBase with rubric tables appended.
std::string With(std::string_view extra) { return std::string(kBase) + std::string(extra); }

std::string ErrorOf(std::string_view text) {
  Result<Rulebook> rb = ParseRulebook(text, "t.toml");
  if (rb.ok()) return "(parsed without error)";
  EXPECT_EQ(rb.status().code(), Status::Code::kInvalidArgument);
  return rb.status().message();
}

Decimal D(std::string_view text) { return *Decimal::Parse(text); }

constexpr std::string_view kMetric = R"toml(
[[metrics]]
id = "staff_rate"
name = "在职人员控制率"
formula = "staffing.on_payroll ÷ staffing.authorized × 100"
)toml";

// ---------------------------------------------------------------------------------------------
// Bundled rulebooks with rubric rules

TEST(RubricBundled, Hunan2016HasItsCategoriesMetricsAndRules) {
  Result<Rulebook> rb = BundledRulebook("hunan-2016");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->rubric.kind, RubricKind::kDepartment);
  ASSERT_EQ(rb->rubric.categories.size(), 2u);
  EXPECT_EQ(rb->rubric.categories[0].name, "投入");
  EXPECT_EQ(rb->rubric.categories[0].weight, D("10"));
  EXPECT_EQ(rb->rubric.categories[1].name, "过程");
  EXPECT_EQ(rb->rubric.categories[1].weight, D("60"));
  EXPECT_EQ(rb->rubric.metrics.size(), 7u);
  ASSERT_EQ(rb->rubric.rules.size(), 4u);
  const RubricRule& staff = rb->rubric.rules[0];
  EXPECT_EQ(staff.id, "staff_control");
  EXPECT_EQ(staff.kind, RubricRule::Kind::kStep);
  EXPECT_TRUE(staff.deduct_above);
  EXPECT_EQ(staff.threshold, D("100"));
  EXPECT_EQ(staff.deduct, D("0.5"));
  EXPECT_EQ(rb->rubric.metrics[staff.metric].id, "staff_control_rate");
  const RubricRule& completion = rb->rubric.rules[2];
  EXPECT_FALSE(completion.deduct_above);
  EXPECT_EQ(completion.step, D("5"));
  EXPECT_EQ(completion.deduct, D("2"));
  const RubricRule& control = rb->rubric.rules[3];
  EXPECT_EQ(control.kind, RubricRule::Kind::kBands);
  ASSERT_EQ(control.bands.size(), 5u);
  EXPECT_EQ(*control.bands[1].up_to, D("10"));
  EXPECT_EQ(control.bands[1].score, D("4"));
  EXPECT_FALSE(control.bands[4].up_to.has_value());
}

TEST(RubricBundled, RulesFindTheirIndicatorsByName) {
  Result<Rulebook> rb = BundledRulebook("hunan-2016");
  ASSERT_TRUE(rb.ok());
  const RubricRule* three = RuleForIndicator(*rb, "“三公经费”变动率");
  ASSERT_NE(three, nullptr);
  EXPECT_EQ(three->id, "three_public_change");
  ASSERT_NE(RuleForIndicator(*rb, "在职人员\n控制率"), nullptr);
  EXPECT_EQ(RuleForIndicator(*rb, "预算控制率")->id, "budget_control");
  EXPECT_EQ(RuleForIndicator(*rb, "预算完成率")->id, "budget_completion");
  EXPECT_EQ(RuleForIndicator(*rb, "“三公经费”控制率"), nullptr);
  EXPECT_EQ(RuleForIndicator(*rb, "公用经费控制率"), nullptr);
  EXPECT_EQ(RuleForIndicator(*rb, ""), nullptr);
  EXPECT_EQ(ExecutionRule(*rb), nullptr);
}

TEST(RubricBundled, ProjectAndRegionalRulebooks) {
  Result<Rulebook> project = BundledRulebook("national-project");
  ASSERT_TRUE(project.ok()) << project.status().message();
  EXPECT_EQ(project->rubric.kind, RubricKind::kProject);
  EXPECT_EQ(project->execution_weight, D("10"));
  EXPECT_EQ(project->output_weight, D("50"));
  EXPECT_EQ(project->effect_weight, D("30"));
  EXPECT_EQ(project->satisfaction_weight, D("10"));
  EXPECT_EQ(project->satisfaction_layout, SatisfactionLayout::kTopLevel);
  for (const char* id : {"anhui", "guizhou", "chongqing"}) {
    Result<Rulebook> rb = BundledRulebook(id);
    ASSERT_TRUE(rb.ok()) << id << ": " << rb.status().message();
    EXPECT_EQ(rb->rubric.kind, RubricKind::kDepartment) << id;
    EXPECT_EQ(rb->total_weight, D("100")) << id;
  }
  Result<Rulebook> guizhou = BundledRulebook("guizhou");
  const RubricRule* execution = ExecutionRule(*guizhou);
  ASSERT_NE(execution, nullptr);
  EXPECT_EQ(execution->kind, RubricRule::Kind::kProportional);
  EXPECT_EQ(execution->full_at, D("100"));
  EXPECT_EQ(guizhou->rubric.metrics[execution->metric].formula,
            "funds.executed ÷ funds.initial_budget × 100");
}

// ---------------------------------------------------------------------------------------------
// Formulas

std::string FormulaError(std::string_view text) {
  Formula f;
  jixiao::FormulaError error;
  const auto metrics = [](std::string_view id) { return id == "rate" ? 0 : -1; };
  if (ParseFormula(text, metrics, &f, &error)) return "(parsed)";
  return std::to_string(error.character) + ": " + error.message;
}

TEST(RubricFormula, PostfixOrderAndPrecedence) {
  Formula f;
  jixiao::FormulaError error;
  ASSERT_TRUE(ParseFormula(
      "(funds.executed − 1.50) ÷ funds.initial_budget × 100 + rate",
      [](std::string_view) { return 0; }, &f, &error));
  std::string shape;
  for (const FormulaOp& op : f.ops) {
    switch (op.kind) {
      case FormulaOp::Kind::kNumber:
        shape += op.number.ToString();
        break;
      case FormulaOp::Kind::kFigure:
      case FormulaOp::Kind::kMetric:
        shape += op.name;
        break;
      case FormulaOp::Kind::kAdd:
        shape += "+";
        break;
      case FormulaOp::Kind::kSubtract:
        shape += "-";
        break;
      case FormulaOp::Kind::kMultiply:
        shape += "*";
        break;
      case FormulaOp::Kind::kDivide:
        shape += "/";
        break;
      case FormulaOp::Kind::kNegate:
        shape += "neg";
        break;
    }
    shape += " ";
  }
  EXPECT_EQ(shape, "funds.executed 1.50 - funds.initial_budget / 100 * rate + ");
}

TEST(RubricFormula, ErrorsSayWhereReadingStopped) {
  EXPECT_EQ(FormulaError("staffing.on_payroll ÷ ÷ 2"), "23: unexpected \"÷\"");
  EXPECT_EQ(FormulaError("staffing.onpayroll ÷ 2"),
            "1: unknown figure \"staffing.onpayroll\" (did you mean staffing.on_payroll?)");
  EXPECT_EQ(FormulaError("funds.nothing_like_it"), "1: unknown figure \"funds.nothing_like_it\"");
  EXPECT_EQ(FormulaError("2 × later"),
            "5: unknown metric \"later\" (metrics are defined before they are used)");
  EXPECT_EQ(FormulaError("(rate + 1"), "1: \"(\" is never closed");
  EXPECT_EQ(FormulaError("rate 1"), "6: unexpected \"1\"");
  EXPECT_EQ(FormulaError("1.2.3"), "1: \"1.2.3\" is not a decimal number");
  EXPECT_EQ(FormulaError(""), "1: the formula is empty");
  EXPECT_EQ(FormulaError("rate −"), "7: expected a number, a name or \"(\", found the end");
  EXPECT_EQ(FormulaError("rate % 2"), "6: unexpected \"%\"");
  EXPECT_EQ(FormulaError("（rate）× 2"), "(parsed)");
  EXPECT_EQ(FormulaError(std::string(100, '(') + "1" + std::string(100, ')')),
            "65: parentheses nested too deep");
}

TEST(RubricFormula, EveryExpenseRowAndColumnIsAFigure) {
  const std::vector<std::string>& names = FormulaFigureNames();
  EXPECT_EQ(names.size(), 14u + 14u * 3u);
  EXPECT_NE(std::find(names.begin(), names.end(), "expenses.three_public.prior_final"),
            names.end());
}

// ---------------------------------------------------------------------------------------------
// Located errors of the rubric tables (kBase ends on line 68)

TEST(RubricErrors, BadFormulaNamesTheCharacter) {
  EXPECT_EQ(ErrorOf(With(R"toml(
[[metrics]]
id = "rate"
name = "率"
formula = "staffing.on_payroll ÷ ÷ 2"
)toml")),
            "t.toml:73:11: metrics[0].formula: at character 23: unexpected \"÷\"");
}

TEST(RubricErrors, UnknownFigureSuggestsTheNearest) {
  EXPECT_EQ(ErrorOf(With(R"toml(
[[metrics]]
id = "rate"
name = "率"
formula = "expenses.three_public.finl × 2"
)toml")),
            "t.toml:73:11: metrics[0].formula: at character 1: unknown figure "
            "\"expenses.three_public.finl\" (did you mean expenses.three_public.final?)");
}

TEST(RubricErrors, MetricUsedBeforeItIsDefined) {
  EXPECT_EQ(ErrorOf(With(R"toml(
[[metrics]]
id = "twice"
name = "两倍"
formula = "2 × rate"

[[metrics]]
id = "rate"
name = "率"
formula = "funds.executed ÷ funds.full_year_budget"
)toml")),
            "t.toml:73:11: metrics[0].formula: at character 5: unknown metric \"rate\" "
            "(metrics are defined before they are used)");
}

TEST(RubricErrors, RuleNamesAnUnknownMetric) {
  EXPECT_EQ(ErrorOf(With(std::string(kMetric) + R"toml(
[[rules]]
id = "staff"
name = "在职人员控制率"
indicators = ["在职人员控制率"]
category = "投入"
weight = 5
metric = "staff_rat"
kind = "step"
deduct_when = "above"
threshold = 100
step = 1
deduct = "0.5"
count = "whole"
)toml")),
            "t.toml:81:10: rules[0].metric: unknown metric \"staff_rat\" (see [[metrics]])");
}

TEST(RubricErrors, BandsOutOfOrder) {
  EXPECT_EQ(ErrorOf(With(std::string(kMetric) + R"toml(
[[rules]]
id = "control"
name = "预算控制率"
indicators = ["预算控制率"]
category = "过程"
weight = 5
metric = "staff_rate"
kind = "bands"
bands = [{ up_to = 0, score = 5 }, { up_to = 20, score = 3 }, { up_to = 10, score = 4 },
         { score = 0 }]
)toml")),
            "t.toml:83:73: rules[0].bands[2].up_to: 10 is not above the bound 20 of the band "
            "before (list bands by rising bound)");
}

TEST(RubricErrors, BandsNeedABoundExceptTheLast) {
  const std::string head = std::string(kMetric) + R"toml(
[[rules]]
id = "control"
name = "预算控制率"
indicators = ["预算控制率"]
category = "过程"
weight = 5
metric = "staff_rate"
kind = "bands"
)toml";
  EXPECT_EQ(ErrorOf(With(head + "bands = [{ score = 5 }, { score = 0 }]\n")),
            "t.toml:83:10: rules[0].bands[0]: missing up_to: only the last band has no bound");
  EXPECT_EQ(ErrorOf(With(head + "bands = [{ up_to = 0, score = 5 }, { up_to = 9, score = 0 }]\n")),
            "t.toml:83:46: rules[0].bands[1].up_to: the last band has no bound: it takes every "
            "value above the one before it");
  EXPECT_EQ(ErrorOf(With(head + "bands = [{ up_to = 0, score = 6 }, { score = 0 }]\n")),
            "t.toml:83:31: rules[0].bands[0].score: 6 is above the rule's weight 5");
  EXPECT_EQ(ErrorOf(With(head + "bands = [{ score = 0 }]\n")),
            "t.toml:83:9: rules[0].bands: must list at least two bands");
}

TEST(RubricErrors, KeysOfAnotherKindAreRefused) {
  EXPECT_EQ(ErrorOf(With(std::string(kMetric) + R"toml(
[[rules]]
id = "staff"
name = "在职人员控制率"
indicators = ["在职人员控制率"]
category = "投入"
weight = 5
metric = "staff_rate"
kind = "step"
deduct_when = "above"
threshold = 100
step = 1
deduct = "0.5"
count = "whole"
bands = []
)toml")),
            "t.toml:88:9: rules[0].bands: belongs to kind = \"bands\" only");
}

TEST(RubricErrors, StepMustBePositiveAndChoicesKnown) {
  const std::string rule = std::string(kMetric) + R"toml(
[[rules]]
id = "staff"
name = "在职人员控制率"
indicators = ["在职人员控制率"]
category = "投入"
weight = 5
metric = "staff_rate"
kind = "step"
deduct_when = "above"
threshold = 100
step = 1
deduct = "0.5"
count = "whole"
)toml";
  std::string zero = rule;
  zero.replace(zero.find("step = 1"), 8, "step = 0");
  EXPECT_EQ(ErrorOf(With(zero)), "t.toml:85:8: rules[0].step: must be above 0, found 0");
  std::string count = rule;
  count.replace(count.find("\"whole\""), 7, "\"round\"");
  EXPECT_EQ(ErrorOf(With(count)),
            "t.toml:87:9: rules[0].count: \"round\" is not one of whole, started, exact");
  std::string kind = rule;
  kind.replace(kind.find("\"step\""), 6, "\"steps\"");
  EXPECT_EQ(ErrorOf(With(kind)),
            "t.toml:82:8: rules[0].kind: \"steps\" is not one of step, bands, proportional");
}

TEST(RubricErrors, WeightsAddUpWithTheCategories) {
  std::string text = With(R"toml(
[[categories]]
name = "投入"
weight = 10
)toml");
  EXPECT_EQ(ErrorOf(text),
            "t.toml:12:9: weights.total: 100 does not equal execution + output + effect + "
            "satisfaction + categories = 10 + 50 + 30 + 10 + 10 = 110");
  text.replace(text.find("output = 50"), 11, "output = 40");
  EXPECT_EQ(ErrorOf(text), "(parsed without error)");
}

TEST(RubricErrors, CategoriesAndRubricKind) {
  EXPECT_EQ(ErrorOf(With(R"toml(
[[categories]]
name = "投入"
weight = 5

[[categories]]
name = "投入"
weight = 5
)toml")),
            "t.toml:75:8: categories[1].name: \"投入\" is already the name of categories[0]");
  EXPECT_EQ(ErrorOf(With(R"toml(
[rubric]
kind = "programme"
)toml")),
            "t.toml:71:8: rubric.kind: \"programme\" is not one of department, project");
  EXPECT_EQ(ErrorOf("metrics = 3\n" + std::string(kBase)),
            "t.toml:1:11: metrics: expected an array of tables ([[metrics]]), found an integer");
}

TEST(RubricErrors, OneExecutionRuleThatNamesNoIndicators) {
  const std::string rule = R"toml(
[[rules]]
id = "execution"
name = "预算执行率"
applies_to = "execution"
weight = 10
metric = "staff_rate"
kind = "proportional"
full_at = 100
)toml";
  EXPECT_EQ(ErrorOf(With(std::string(kMetric) + rule)), "(parsed without error)");
  std::string second = rule;
  second.replace(second.find("\"execution\"\nname"), 11, "\"execution2\"");
  EXPECT_EQ(ErrorOf(With(std::string(kMetric) + rule + second)),
            "t.toml:87:14: rules[1].applies_to: rules[0] already scores the execution line");
  std::string named = rule;
  named.replace(named.find("weight"), 0, "indicators = [\"预算执行率\"]\n");
  EXPECT_EQ(ErrorOf(With(std::string(kMetric) + named)),
            "t.toml:79:14: rules[0].indicators: a rule with applies_to = \"execution\" scores the "
            "execution line and names no indicators");
}

}  // namespace
}  // namespace jixiao
