// Rulebook: a region's scoring and checking rules, loaded from TOML (rulebooks/*.toml,
// specified in docs/rulebook-format.md). Regions differ in weights, decimals, rounding, the
// ≤-target formula, the ordinal scale of qualitative words and the grade bands, so none of
// these are code. Two rulebooks are bundled into the binary: "national" (财预〔2020〕10号
// defaults) and "hunan-lingling" (the form of the worked example).
//
// A loaded Rulebook is immutable and may be shared between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.h"
#include "base/status.h"
#include "model/package.h"
#include "rules/formula.h"

namespace jixiao {

// Where 满意度 sits in the indicator tree.
enum class SatisfactionLayout {
  kTopLevel,     // 一级指标 of its own (national: 产出 50 / 效益 30 / 满意度 10)
  kUnderEffect,  // 二级 under 效益 (Lingling: 产出 50 / 效益 40, of which 满意度 10)
};

// Score of a ≤ target ("lower is better") that was missed.
enum class ReverseVariant {
  kRatio,                 // 分值 × target ÷ actual
  kLinearToZeroAtDouble,  // 分值 × (2·target − actual) ÷ target, not below 0
};

// Basis of the 三公经费 year-on-year comparison.
enum class ThreePublicBasis {
  kFinal,   // 本年决算 vs 上年决算 (default)
  kBudget,  // 本年预算 vs 上年决算
};

// A score band of a qualitative indicator, as percents of its weight: [lo, hi].
struct ScoreBand {
  Decimal lo_percent;
  Decimal hi_percent;
};

// A day of the year without the year ("05-31" in a rulebook): month 1–12, day valid in that
// month (02-29 allowed).
struct MonthDay {
  int month = 1;
  int day = 1;
  friend bool operator<(const MonthDay& a, const MonthDay& b) {
    return a.month != b.month ? a.month < b.month : a.day < b.day;
  }
};

// A grade: [min, max) — or [min, max] when max_inclusive — of the total score.
struct GradeBand {
  std::string name;  // 优 / 良 / 中 / 差
  Decimal min;
  Decimal max;
  bool max_inclusive = false;
};

// ==== Rubric rules: package kind, categories, metrics and deduction rules ===================
// (docs/rulebook-format.md, "Rubric rules"). Optional tables, for rubrics other than today's:
// the older 湖南 rubric (投入 / 过程 / 产出 / 效益 with deductions) and project tables.

// What a rulebook scores: a department's 部门整体 table or a project's 项目支出 table.
enum class RubricKind { kDepartment, kProject };
std::string_view RubricKindKey(RubricKind k);  // "department", "project"

// A 一级指标 of an older rubric that the [weights] table has no name for (投入, 过程).
struct RubricCategory {
  std::string name;  // "投入"
  Decimal weight;    // 10
};

// A figure computed from the package's figures by a formula ([[metrics]]).
struct RubricMetric {
  std::string id;       // "staff_control_rate"
  std::string name;     // "在职人员控制率"
  std::string formula;  // as written
  Formula parsed;       // names resolved to figures and earlier metrics
};

// One band of a banded rule: the metric up to `up_to` (inclusive) earns `score`; the last band
// has no bound and takes everything above the one before it.
struct RuleBand {
  std::optional<Decimal> up_to;
  Decimal score;
};

// How many steps an excess makes: complete steps only, every step begun, or the exact ratio.
enum class StepCount { kWhole, kStarted, kExact };

// A deduction rule ([[rules]]): scores the indicator rows it names from a metric, instead of
// from their target and actual.
struct RubricRule {
  enum class Kind { kStep, kBands, kProportional };
  std::string id;    // "staff_control"
  std::string name;  // "在职人员控制率", as the rubric prints it
  // What it scores: indicator rows (by name), or the funds block's 执行率得分.
  bool scores_execution = false;
  std::vector<std::string> matches;  // indicator names it scores (a row whose name contains one)
  std::string category;              // the 一级指标 it belongs to ("投入"); may be empty
  Decimal weight;                    // full marks
  int metric = -1;                   // index into Rulebook::metrics
  Kind kind = Kind::kStep;
  // kStep: full marks while the metric is on the good side of `threshold`; each `step` beyond
  // it takes `deduct` points, down to 0.
  bool deduct_above = true;  // true: the metric must stay at or below the threshold
  Decimal threshold;
  Decimal step;
  Decimal deduct;
  StepCount count = StepCount::kWhole;
  // kBands, `up_to` strictly increasing
  std::vector<RuleBand> bands;
  // kProportional: weight × metric ÷ full_at, never above the weight ("按完成比例计算得分，
  // 满分为止"; 执行率 × 分值 with full_at 100).
  Decimal full_at;
};

struct RubricRules {
  RubricKind kind = RubricKind::kDepartment;  // [rubric] kind
  std::vector<RubricCategory> categories;     // [[categories]]
  std::vector<RubricMetric> metrics;          // [[metrics]], in the order written
  std::vector<RubricRule> rules;              // [[rules]]
};
// ==== end of rubric rules ==================================================================

// An entry of the indicator library ([[indicator_library]]): indicators whose *bare* target
// ("100%", "3%", no ≥ or ≤ written) means another direction than ≥ — 人员控制率, 预算调整率,
// 结转结余率, 成本 … — recognised by name, by the group they sit in (二级 成本指标) and by the
// target's unit. A written operator and a package's own `direction` always win over it.
struct IndicatorPattern {
  std::string id;                   // "staff_control"
  std::vector<std::string> names;   // any of them contained in the indicator's name
  std::vector<std::string> groups;  // or in the name of a group above it
  std::vector<std::string> except;  // but none of these in the indicator's name
  std::vector<std::string> units;  // the target's unit ("%" for a percent) contains one; empty: any
  Direction direction = Direction::kLowerBetter;
};

// [risk] (optional, every key optional): how `review` ranks packages for 抽评
// (docs/review.md). A package's risk is the sum of the weights of the signals it shows; each
// signal is named with its evidence. Weights and thresholds are ≥ 0.
struct RiskRules {
  Decimal error_weight = Decimal::FromInt(3);          // per error `check` finds
  Decimal inconsistency_weight = Decimal::FromInt(2);  // per inconsistency
  // per qualitative indicator with full marks and no evidence (P910)
  Decimal unevidenced_full_marks_weight = Decimal::FromInt(2);
  // the indicators' score rate above the execution rate by more than `…_points`
  Decimal score_above_execution_weight = Decimal::FromInt(5);
  Decimal score_above_execution_points = Decimal::FromInt(5);
  // execution rate under `low_percent`, or above `high_percent`
  Decimal execution_low_weight = Decimal::FromInt(4);
  Decimal execution_low_percent = Decimal::FromInt(80);
  Decimal execution_high_weight = Decimal::FromInt(4);
  Decimal execution_high_percent = Decimal::FromInt(100);
  // 全年预算数 differing from 年初预算数 by more than `adjustment_percent` of it, with no word
  // of the adjustment (调整, 追加, 调减, 调增, 调剂) in the report
  Decimal adjustment_weight = Decimal::FromInt(3);
  Decimal adjustment_percent = Decimal::FromInt(20);
  // against the same unit's package of the year before (when reviewed together): the total
  // score moved by more than `jump_points`, or the money executed by more than `jump_percent`
  Decimal year_jump_weight = Decimal::FromInt(2);
  Decimal year_jump_points = Decimal::FromInt(10);
  Decimal year_jump_percent = Decimal::FromInt(50);
  // the report dated after the deadline (review --deadline)
  Decimal late_weight = Decimal::FromInt(3);
};

struct Rulebook {
  std::string id;           // "national", "hunan-lingling"
  std::string name;         // human title
  std::string description;  // what the rulebook is for, where it differs from the defaults
  std::string source;       // file path or "bundled:<id>", for messages

  // [weights]
  SatisfactionLayout satisfaction_layout = SatisfactionLayout::kTopLevel;
  Decimal execution_weight;     // 10
  Decimal output_weight;        // 50
  Decimal effect_weight;        // 30 (national) or 40 (Lingling, 满意度 included)
  Decimal satisfaction_weight;  // 10
  Decimal total_weight;         // 100

  // [execution]: 执行率得分 = 分值 × min(执行率, cap)
  Decimal execution_cap_percent;  // 100
  int execution_decimals = 2;
  Rounding execution_rounding = Rounding::kHalfUp;
  Decimal explain_below_percent;  // execution under this needs an explanation (90)

  // [scores]: indicator scores and totals
  int score_decimals = 2;
  Rounding score_rounding = Rounding::kHalfUp;

  // [rates]: printed rates (执行率, 控制率 …), in percent
  int rate_decimals = 2;
  Rounding rate_rounding = Rounding::kHalfUp;

  // [reverse]
  ReverseVariant reverse = ReverseVariant::kRatio;

  // [[indicator_library]]: what a bare target means on the indicators it names.
  std::vector<IndicatorPattern> indicator_library;

  // [qualitative]: ordinal scale, best level first; each level lists its words.
  std::vector<std::vector<std::string>> ordinal_scale;
  ScoreBand achieved;      // actual ≥ target: 80–100
  ScoreBand partial;       // one level short: 60–80
  ScoreBand not_achieved;  // further: 0–60

  // [[grades]], best first
  std::vector<GradeBand> grades;

  // [three_public]
  ThreePublicBasis three_public_basis = ThreePublicBasis::kFinal;

  // [policy]: thresholds of the flags a reviewer raises
  Decimal overshoot_percent;             // actual ≥ this % of target: target set too low (130)
  Decimal qualitative_share_percent;     // this share of qualitative indicators or more (40)
  Decimal score_above_execution_points;  // score rate this far above execution rate (10)
  Decimal rough_flat_percent;            // "基本持平" tolerates a change up to this % (5)
  // An expense row's 本年决算 above this % of its 本年预算 is spending above budget (P909);
  // optional in the file, 100 when absent.
  Decimal over_budget_percent = Decimal::FromInt(100);

  // [dates] (optional): the window in which the report is submitted, as month and day of the
  // year after the fiscal year; a cover date outside it is implausible (C508). Absent: no
  // window on that side.
  std::optional<MonthDay> submit_from;
  std::optional<MonthDay> submit_until;

  // [risk] (optional): the defaults above when absent.
  RiskRules risk;

  // Rubric rules (optional tables; see the section above).
  RubricRules rubric;
};

// Parses a rulebook from TOML text; `source_name` prefixes error messages
// ("rulebooks/x.toml:12:3: weights.output: expected a decimal string or an integer, found a
// boolean"; every message form is listed in docs/rulebook-format.md).
// Returns InvalidArgument on any syntax error, missing key, wrong type or bad value.
Result<Rulebook> ParseRulebook(std::string_view toml_text, const std::string& source_name);
// Reads and parses a file, which must be a regular file of at most 1 MiB (base/toml_reader.h:
// a device, a FIFO, a socket or a folder is refused without being read, and nothing blocks);
// IOError "cannot read <path>: <why>" otherwise.
Result<Rulebook> LoadRulebookFile(const std::string& path);
// A rulebook bundled into the binary ("national", "hunan-lingling"); NotFound otherwise.
Result<Rulebook> BundledRulebook(std::string_view id);
std::vector<std::string> BundledRulebookIds();
// Whether `id` names a bundled rulebook (and is read as one, never as a file).
bool IsBundledRulebook(std::string_view id);
// `--rulebook` argument: a bundled id, or else a path to a TOML file (relative to the working
// directory), read as LoadRulebookFile reads it. A bare name (no '/', no '.') that is neither
// gives an IOError that lists the bundled ids.
Result<Rulebook> ResolveRulebook(const std::string& id_or_path);
// The rulebook a package names (its "rulebook" field), for the package read from
// `package_path`. The package is data from anyone, so: a bundled id comes first (a file of the
// same name beside the package does not shadow it); anything else is a path, taken relative to
// the package's folder (not the working directory), and read as LoadRulebookFile reads it.
// Every failure names the package and the value it gives, and keeps the code of the failure
// (IOError for a file that cannot be read, InvalidArgument for a malformed rulebook or an empty
// value):
//   "in/p.json names rulebook \"/dev/zero\": cannot read /dev/zero: is a device, not a
//   regular file"
//   "in/p.json names rulebook \"rules.toml\": in/rules.toml:3:1: weights.outptu: unknown key
//   (did you mean output?)"
// Example: for "in/2024/p.json" naming "../rules/x.toml", in/rules/x.toml is read.
Result<Rulebook> ResolveRulebookForPackage(const std::string& id_or_path,
                                           const std::string& package_path);

// Level of an ordinal word on the rulebook's scale (0 = best), by the longest listed word
// contained in `word` (a tie in length goes to the better level); -1 when none occurs.
int OrdinalLevel(const Rulebook& rulebook, std::string_view word);
// The library entry of an indicator named `name` under the groups `groups` (一级 first) whose
// target has the unit `unit` ("%" for a percent, "" when none is written: it contradicts no
// entry): the entry with the longest pattern found in the name — or, failing any, in a group's
// name — that has none of its `except` words in the name and, if it lists units, one contained
// in `unit`. nullptr when none; *matched is the pattern found ("人员控制率", "成本指标").
const IndicatorPattern* MatchIndicatorLibrary(const Rulebook& rulebook, std::string_view name,
                                              const std::vector<std::string>& groups,
                                              std::string_view unit, std::string* matched);
// The grade of a total score; "" when no band contains it.
std::string GradeOf(const Rulebook& rulebook, const Decimal& total);
// The rule that scores an indicator of this name: the first rule with a listed name contained
// in `indicator_name` (blanks ignored); nullptr when none.
const RubricRule* RuleForIndicator(const Rulebook& rulebook, std::string_view indicator_name);
// The rule with applies_to = "execution", which scores the funds block's 执行率得分; nullptr when
// none (the [execution] table's formula then applies).
const RubricRule* ExecutionRule(const Rulebook& rulebook);

}  // namespace jixiao
