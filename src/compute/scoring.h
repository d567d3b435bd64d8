// The score engine: recomputes the 执行率得分, every 三级 indicator's score, the total and the
// grade under a rulebook (DOMAIN.md §3). Quantitative indicators get a point score;
// qualitative ones (ordinal words) get an *interval* — the band of their evaluation level
// (达成 / 部分达成 / 未达成) — because a self-score anywhere inside it is consistent. An
// indicator without an actual, a target or a weight is 无法评价 (not assessable), never a
// silent 0.
//
// Reported scores are read, never overwritten: a ScoreSheet holds what jixiao computes and,
// for the total, the score it *accepts* for each indicator (the recomputed point, or the
// reported score clamped into its band).
//
// Pure functions of (package, rulebook); safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/interval.h"
#include "compute/deductions.h"
#include "compute/figure.h"
#include "compute/funds_method.h"
#include "model/package.h"
#include "model/target.h"
#include "rules/rulebook.h"

namespace jixiao {

enum class ScoreMethod {
  kAtLeast,        // ≥ target: met → full, else 分值 × actual ÷ target
  kAtMost,         // ≤ target: met → full, else by the rulebook's reverse variant
  kEqual,          // = target: met → full, else 分值 × (1 − |actual − target| ÷ target)
  kRange,          // within [lo, hi] → full, else proportional to the nearer end
  kQualitative,    // ordinal words: the band of the level reached
  kNotAssessable,  // 无法评价
  kRule,           // scored by a rulebook rule from the package's figures (compute/deductions.h)
  kDeadline,  // a date target (9月前, 年底前, 按时): met → full, missed → the 未达成 band
};
std::string_view ScoreMethodKey(ScoreMethod m);  // "at_least", …, "not_assessable"

enum class Band { kNone, kAchieved, kPartial, kNotAchieved };
std::string_view BandKey(Band b);            // "", "achieved", "partial", "not_achieved"
std::string_view BandName(Band b, bool zh);  // "达成" / "部分达成" / "未达成"

// Where a leaf's score direction came from.
enum class DirectionSource {
  kNone,      // a word, a date or a range: no direction applies
  kPackage,   // the indicator's own "direction"
  kOperator,  // the operator written in the target (≥, ≤, 不高于, 以内 …)
  kLibrary,   // a bare target on an indicator the rulebook's library names
  kDefault,   // a bare target on an indicator the library does not know: ≥
};
std::string_view DirectionSourceKey(DirectionSource s);  // "", "package", "operator", …

// What a leaf is scored with beside the rulebook.
struct LeafContext {
  int fiscal_year = 0;              // the year of dates written without one
  std::vector<std::string> groups;  // names of the groups above the leaf, 一级 first
};

struct LeafScore {
  const Indicator* indicator = nullptr;
  std::string path;  // "产出指标 › 重点工作任务完成 › 积极开展各类科普活动"
  std::string pointer;  // "/evaluation/indicators/0/children/0/children/0"
  ScoreMethod method = ScoreMethod::kNotAssessable;
  Band band = Band::kNone;
  bool met = false;
  std::optional<Decimal> weight;
  Target target;                    // the 年度指标值 as read
  Actual actual;                    // the 实际完成值 as read
  Interval computed;                // point for quantitative methods, band for qualitative
  std::optional<Decimal> point;     // quantitative: computed score rounded per rulebook
  std::optional<Decimal> accepted;  // the score counted in the total
  std::string note_zh;              // why not assessable, or an assumption that was made
  std::string note_en;
  Direction direction = Direction::kUnspecified;  // the direction scored with
  DirectionSource direction_source = DirectionSource::kNone;
  const IndicatorPattern* library = nullptr;  // kLibrary: the rulebook's entry
  std::string library_match;                  // kLibrary: the pattern found ("人员控制率")
  bool deadline_unclear = false;  // kNotAssessable because a date cannot be judged (I625)
  // 得分系数 (flat lists): the coefficient as a fraction, and 权重 × 系数.
  std::optional<Decimal> coefficient;
  std::optional<Decimal> coefficient_score;
};

struct ExecutionResult {
  std::optional<Figure> rate;     // 执行率 in percent, from 全年执行数 ÷ 全年预算数
  std::optional<Decimal> weight;  // 分值
  std::optional<Decimal> score;   // 分值 × min(rate, cap), rounded per rulebook
  Interval score_range;           // the same from the inputs' written ranges
  // The rate divides by 年初预算数: the form has no 全年预算数 (the cell is not applicable) or
  // its 得分计算方法 says so (see compute/funds_method.h).
  bool by_initial = false;
  Decimal cap;  // the rate's cap in percent: the rulebook's, or 100 under a method capped at 分值
};

struct ScoreSheet {
  ExecutionResult execution;
  FundsMethod funds_method;                // the form's 得分计算方法 as read
  std::vector<ExecutionResult> fund_rows;  // one per Funds::rows entry, same order
  std::vector<LeafScore> leaves;  // in tree order
  Decimal total;                  // execution score + Σ accepted indicator scores
  Interval total_range;           // execution score + Σ computed (无法评价 counts [0, 分值])
  int not_assessable = 0;
  std::string grade;  // grade of `total`
  // Every rule of the rulebook's [[rules]], in its order, whether or not an indicator row of
  // the package matched it (only matched ones count in the total, as the leaves they score).
  std::vector<RuleScore> rules;
  std::vector<bool> rule_matched;
};

// A leaf row with nothing filled in (forms keep spare rows).
bool IsEmptyIndicator(const Indicator& node);
// Scores one leaf. `path` and `pointer` of the result are left empty.
LeafScore ScoreLeaf(const Indicator& leaf, const Rulebook& rulebook);
LeafScore ScoreLeaf(const Indicator& leaf, const Rulebook& rulebook, const LeafContext& context);
// A 得分系数 as a fraction: "0.8" → 0.8, "80%" → 0.8, "80" (over 1, no sign) → 0.8; nullopt when
// blank or negative.
std::optional<Decimal> CoefficientFraction(const Cell& coefficient);
ExecutionResult ScoreExecution(const Funds& funds, const Rulebook& rulebook);
// One row of the funds table under the form's method (ReadFundsMethod(funds.method)).
ExecutionResult ScoreFundsRow(const FundsRow& row, const FundsMethod& method,
                              const Rulebook& rulebook);
ScoreSheet ScorePackage(const Package& package, const Rulebook& rulebook);

}  // namespace jixiao
