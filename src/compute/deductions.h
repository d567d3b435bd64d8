// Deductions: scores the rules of an older rubric (a rulebook's [[metrics]] and [[rules]],
// docs/rulebook-format.md "Rubric rules") on a package. A metric is computed exactly from the
// package's figures by its formula (在职人员控制率 = 在职 ÷ 编制 × 100); a rule turns it into a
// score: full marks on the good side of a threshold and a deduction per step beyond it
// (−0.5 per point over 100%), or the score of the band it falls in (预算控制率 0 / ≤10% / …),
// never below 0 and never above the weight. A metric whose figures are blank, or that divides
// by zero, is not computable, and the rule is then 无法评价 (not assessable), never a silent 0.
//
// Pure functions of (package, rulebook); safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.h"
#include "model/package.h"
#include "rules/rulebook.h"

namespace jixiao {

// The value of a figure a formula names ("staffing.on_payroll", "expenses.three_public.final"):
// nullopt when the package leaves it blank or not applicable, or has no such row.
std::optional<Decimal> FormulaFigure(const Package& package, std::string_view name);

struct MetricValue {
  std::optional<Decimal> value;  // exact up to 12 decimals after a division
  std::string why_zh;            // when not computable: what is missing
  std::string why_en;
};

// Every metric of the rulebook, in its order (a metric may use those before it).
std::vector<MetricValue> EvaluateMetrics(const Package& package, const Rulebook& rulebook);
// One formula, with the metrics already evaluated.
MetricValue EvaluateFormula(const Formula& formula, const Package& package,
                            const std::vector<MetricValue>& metrics);

struct RuleScore {
  const RubricRule* rule = nullptr;
  std::optional<Decimal> metric;  // the metric's value
  Decimal weight;                 // full marks used: the indicator's 分值, else the rule's
  std::optional<Decimal> score;   // rounded per the rulebook's [scores]; nullopt: 无法评价
  Decimal deduction;              // weight − unrounded score
  std::string note_zh;            // how the score came about, or why there is none
  std::string note_en;
};

// Scores `rule` with `metrics` (from EvaluateMetrics). `weight` is the 分值 the package gives the
// indicator the rule scores; the rule's own weight when nullopt.
RuleScore ScoreRule(const RubricRule& rule, const Rulebook& rulebook,
                    const std::vector<MetricValue>& metrics,
                    const std::optional<Decimal>& weight = std::nullopt);

}  // namespace jixiao
