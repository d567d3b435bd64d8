// Score engine: execution score, leaf scores by method, accepted scores, total and grade.
#include "compute/scoring.h"

#include <fmt/format.h>

#include "base/text.h"
#include "model/walk.h"

namespace jixiao {
namespace {

const Decimal kHundred = Decimal::FromInt(100);

// The scorers below take the leaf's score by rvalue reference and move it out only on return,
// so that the target and actual they are given may be the score's own (s.target, s.actual).
LeafScore NotAssessable(LeafScore&& s, std::string zh, std::string en) {
  s.method = ScoreMethod::kNotAssessable;
  s.note_zh = std::move(zh);
  s.note_en = std::move(en);
  return std::move(s);
}

// weight × ratio as a figure; ratio = num ÷ den (both exact here).
Interval Proportional(const Decimal& weight, const Decimal& num, const Decimal& den) {
  auto r = Interval::Divide(Interval::Point(num), Interval::Point(den));
  if (!r) return Interval::Point(Decimal());
  return (Interval::Point(weight) * *r).Max(Decimal()).Min(weight);
}

// Brings a bare actual to the target's units. A bare actual may be in the target's base unit
// ("≧2万人次" vs 25000) or in its written unit ("≧50万元" vs 60): the reading whose ratio to
// the target is nearer 1 is taken, and said in the note.
Decimal AlignActual(const Quantity& target, const Actual& actual, LeafScore* s) {
  const Quantity& a = actual.quantity;
  if (!a.unit.empty() || target.multiplier == Decimal::FromInt(1)) return a.value;
  const Decimal as_base = a.value;
  const Decimal as_written = a.value * target.multiplier;
  const auto distance = [&](const Decimal& x) {
    // max(x/t, t/x) compared through cross-multiplication-free ratios.
    if (x.sign() <= 0 || target.value.sign() <= 0) return Decimal::FromInt(1000000000);
    const Decimal r1 = Decimal::Divide(x, target.value, 6, Rounding::kHalfUp);
    const Decimal r2 = Decimal::Divide(target.value, x, 6, Rounding::kHalfUp);
    return Decimal::Max(r1, r2);
  };
  if (distance(as_written) < distance(as_base)) {
    s->note_zh = fmt::format("实际完成值 {} 未写单位，按“{}”计", a.written.ToString(), target.unit);
    s->note_en =
        fmt::format("actual {} has no unit; read as {}", a.written.ToString(), target.unit);
    return as_written;
  }
  if (!target.base_unit.empty()) {
    s->note_zh =
        fmt::format("实际完成值 {} 未写单位，按“{}”计", a.written.ToString(), target.base_unit);
    s->note_en =
        fmt::format("actual {} has no unit; read as {}", a.written.ToString(), target.base_unit);
  }
  return as_base;
}

LeafScore ScoreQualitative(LeafScore&& s, const Target& target, const Actual& actual,
                           const Rulebook& rulebook) {
  const Decimal& weight = *s.weight;
  if (actual.kind != Actual::Kind::kWord) {
    return NotAssessable(std::move(s), "年度指标值为定性词语，而实际完成值为数字，无法比较",
                         "the target is a word but the actual is a number");
  }
  const int lt = OrdinalLevel(rulebook, target.word);
  const int la = OrdinalLevel(rulebook, actual.word);
  Band band;
  if (lt >= 0 && la >= 0) {
    const int shortfall = la - lt;
    band =
        shortfall <= 0 ? Band::kAchieved : (shortfall == 1 ? Band::kPartial : Band::kNotAchieved);
  } else if (target.word == actual.word) {
    band = Band::kAchieved;
  } else {
    const std::string unknown = lt < 0 ? target.word : actual.word;
    return NotAssessable(
        std::move(s), fmt::format("词语“{}”不在评分规则的等级表中，无法判断达成程度", unknown),
        fmt::format("the word \"{}\" is not on the rulebook's ordinal scale", unknown));
  }
  const ScoreBand& b = band == Band::kAchieved
                           ? rulebook.achieved
                           : (band == Band::kPartial ? rulebook.partial : rulebook.not_achieved);
  s.method = ScoreMethod::kQualitative;
  s.band = band;
  s.met = band == Band::kAchieved;
  s.computed = Interval::Between(Decimal::Divide(weight * b.lo_percent, kHundred,
                                                 rulebook.score_decimals + 4, Rounding::kHalfUp)
                                     .Normalized(),
                                 Decimal::Divide(weight * b.hi_percent, kHundred,
                                                 rulebook.score_decimals + 4, Rounding::kHalfUp)
                                     .Normalized());
  return std::move(s);
}

LeafScore ScoreQuantitative(LeafScore&& s, const Target& target, const Actual& actual,
                            const Rulebook& rulebook) {
  const Decimal& weight = *s.weight;
  if (actual.kind != Actual::Kind::kNumber) {
    return NotAssessable(std::move(s),
                         fmt::format("实际完成值“{}”不是数值，无法与年度指标值比较", actual.word),
                         fmt::format("the actual \"{}\" is not a number", actual.word));
  }
  if (!target.quantity.base_unit.empty() && !actual.quantity.base_unit.empty() &&
      target.quantity.base_unit != actual.quantity.base_unit) {
    return NotAssessable(std::move(s),
                         fmt::format("年度指标值的单位“{}”与实际完成值的单位“{}”不同",
                                     target.quantity.unit, actual.quantity.unit),
                         fmt::format("units differ: target in {}, actual in {}",
                                     target.quantity.unit, actual.quantity.unit));
  }
  const Decimal a = AlignActual(target.quantity, actual, &s);
  const Decimal t = target.quantity.value;
  switch (target.comparison) {
    case Comparison::kAtLeast:
      s.method = ScoreMethod::kAtLeast;
      s.met = a >= t;
      s.computed = s.met || t.sign() <= 0 ? Interval::Point(s.met ? weight : Decimal())
                                          : Proportional(weight, a, t);
      break;
    case Comparison::kAtMost:
      s.method = ScoreMethod::kAtMost;
      s.met = a <= t;
      if (s.met) {
        s.computed = Interval::Point(weight);
      } else if (rulebook.reverse == ReverseVariant::kRatio) {
        s.computed = Proportional(weight, t, a);
      } else if (t.sign() > 0) {
        s.computed = Proportional(weight, t + t - a, t);
      } else {
        s.computed = Interval::Point(Decimal());
      }
      break;
    case Comparison::kEqual: {
      s.method = ScoreMethod::kEqual;
      s.met = a == t;
      if (s.met) {
        s.computed = Interval::Point(weight);
      } else if (t.sign() > 0) {
        const Decimal off = (a - t).Abs();
        s.computed = Proportional(weight, t - off, t);
      } else {
        s.computed = Interval::Point(Decimal());
      }
      break;
    }
    case Comparison::kRange: {
      s.method = ScoreMethod::kRange;
      const Decimal lo = t;
      const Decimal hi = target.upper.value * target.quantity.multiplier;
      s.met = lo <= a && a <= hi;
      if (s.met) {
        s.computed = Interval::Point(weight);
      } else if (a < lo) {
        s.computed = lo.sign() > 0 ? Proportional(weight, a, lo) : Interval::Point(Decimal());
      } else {
        s.computed = a.sign() > 0 ? Proportional(weight, hi, a) : Interval::Point(Decimal());
      }
      break;
    }
    default:
      return NotAssessable(std::move(s), "无法识别年度指标值", "the target cannot be read");
  }
  s.point = s.computed.lo().Rounded(rulebook.score_decimals, rulebook.score_rounding);
  if (!s.computed.is_point()) {
    s.point = s.computed.Mid(rulebook.score_decimals + 4)
                  .Rounded(rulebook.score_decimals, rulebook.score_rounding);
  }
  return std::move(s);
}

bool HasAny(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (FindWord(text, w) != std::string_view::npos) return true;
  }
  return false;
}

// A date target: met → the full weight; missed → the 未达成 band (a self-score inside it is
// consistent); a date that cannot be placed → not assessable, said as such (I625), never guessed.
LeafScore ScoreDeadline(LeafScore&& s, const Target& target, const Actual& actual,
                        const Rulebook& rulebook, int fiscal_year) {
  const Decimal& weight = *s.weight;
  enum { kMet, kNotMet, kUnclear } verdict = kUnclear;
  std::string why_zh, why_en;
  const std::string_view word = actual.word;
  const bool late = HasAny(word, {"未", "延期", "逾期", "滞后", "推迟", "超期", "延迟", "否"});
  const bool on_time = HasAny(word, {"按时", "及时", "按期", "如期"});
  if (actual.dated && target.comparison == Comparison::kDeadline) {
    switch (AssessDeadline(target.deadline, actual.date, fiscal_year, &why_zh, &why_en)) {
      case DeadlineVerdict::kMet:
        verdict = kMet;
        break;
      case DeadlineVerdict::kNotMet:
        verdict = kNotMet;
        break;
      case DeadlineVerdict::kCannotTell:
        break;
    }
  } else if (actual.dated) {  // "按时" and a date: the deadline is not written here
    why_zh = fmt::format("年度指标值“{}”未写明时限，无法判断完成时间“{}”是否按时", target.word,
                         DateText(actual.date));
    why_en = fmt::format("the target \"{}\" names no deadline, so the date {} cannot be judged",
                         target.word, DateText(actual.date));
  } else if (actual.kind == Actual::Kind::kWord && late) {
    verdict = kNotMet;
  } else if (actual.kind == Actual::Kind::kWord &&
             (on_time ||
              (target.comparison == Comparison::kOnTime && HasAny(word, {"完成", "是", "已"})))) {
    verdict = kMet;
  } else {
    why_zh = fmt::format("实际完成值“{}”没有写明完成时间，无法与时限比较",
                         actual.word.empty() ? actual.quantity.written.ToString() : actual.word);
    why_en = "the actual gives no date to compare with the deadline";
  }
  if (verdict == kUnclear) {
    s.deadline_unclear = true;
    return NotAssessable(std::move(s), std::move(why_zh), std::move(why_en));
  }
  s.method = ScoreMethod::kDeadline;
  s.met = verdict == kMet;
  s.band = s.met ? Band::kAchieved : Band::kNotAchieved;
  if (s.met) {
    s.computed = Interval::Point(weight);
    s.point = weight.Rounded(rulebook.score_decimals, rulebook.score_rounding);
  } else {
    const ScoreBand& b = rulebook.not_achieved;
    s.computed = Interval::Between(Decimal::Divide(weight * b.lo_percent, kHundred,
                                                   rulebook.score_decimals + 4, Rounding::kHalfUp)
                                       .Normalized(),
                                   Decimal::Divide(weight * b.hi_percent, kHundred,
                                                   rulebook.score_decimals + 4, Rounding::kHalfUp)
                                       .Normalized());
  }
  return std::move(s);
}

}  // namespace

std::string_view DirectionSourceKey(DirectionSource d) {
  switch (d) {
    case DirectionSource::kNone:
      return "";
    case DirectionSource::kPackage:
      return "package";
    case DirectionSource::kOperator:
      return "operator";
    case DirectionSource::kLibrary:
      return "library";
    case DirectionSource::kDefault:
      return "default";
  }
  return "";
}

std::optional<Decimal> CoefficientFraction(const Cell& coefficient) {
  if (!coefficient.has_number() || !coefficient.value.valid() || coefficient.value.sign() < 0) {
    return std::nullopt;
  }
  const Decimal& v = coefficient.value;
  if (coefficient.percent || v > Decimal::FromInt(1)) {
    return Decimal::Divide(v, kHundred, v.scale() + 2, Rounding::kHalfUp).Normalized();
  }
  return v;
}

bool IsEmptyIndicator(const Indicator& node) {
  return node.is_leaf() && IsBlank(node.name) && IsBlank(node.target) && IsBlank(node.actual) &&
         node.weight.blank() && node.score.blank() && IsBlank(node.deviation);
}

std::string_view ScoreMethodKey(ScoreMethod m) {
  switch (m) {
    case ScoreMethod::kAtLeast:
      return "at_least";
    case ScoreMethod::kAtMost:
      return "at_most";
    case ScoreMethod::kEqual:
      return "equal";
    case ScoreMethod::kRange:
      return "range";
    case ScoreMethod::kQualitative:
      return "qualitative";
    case ScoreMethod::kNotAssessable:
      return "not_assessable";
    case ScoreMethod::kRule:
      return "rule";
    case ScoreMethod::kDeadline:
      return "deadline";
  }
  return "";
}

std::string_view BandKey(Band b) {
  switch (b) {
    case Band::kNone:
      return "";
    case Band::kAchieved:
      return "achieved";
    case Band::kPartial:
      return "partial";
    case Band::kNotAchieved:
      return "not_achieved";
  }
  return "";
}

std::string_view BandName(Band b, bool zh) {
  if (!zh) return BandKey(b);
  switch (b) {
    case Band::kNone:
      return "";
    case Band::kAchieved:
      return "达成";
    case Band::kPartial:
      return "部分达成";
    case Band::kNotAchieved:
      return "未达成";
  }
  return "";
}

LeafScore ScoreLeaf(const Indicator& leaf, const Rulebook& rulebook) {
  return ScoreLeaf(leaf, rulebook, LeafContext{});
}

LeafScore ScoreLeaf(const Indicator& leaf, const Rulebook& rulebook, const LeafContext& context) {
  LeafScore s;
  s.indicator = &leaf;
  if (leaf.weight.has_number() && leaf.weight.value.valid()) s.weight = leaf.weight.value;
  s.coefficient = CoefficientFraction(leaf.coefficient);
  if (s.coefficient && s.weight) s.coefficient_score = *s.weight * *s.coefficient;
  if (IsEmptyIndicator(leaf)) {
    return NotAssessable(std::move(s), "空白指标行", "empty indicator row");
  }
  if (!s.weight) return NotAssessable(std::move(s), "未填分值", "no weight");
  if (IsBlank(leaf.target)) {
    return NotAssessable(std::move(s), "未填年度指标值", "no target");
  }
  if (IsBlank(leaf.actual)) {
    return NotAssessable(std::move(s), "未填实际完成值", "no actual value");
  }
  s.target = ParseTarget(leaf.target);
  s.actual = ParseActual(leaf.actual);
  Target& target = s.target;
  const Actual& actual = s.actual;
  if (target.comparison == Comparison::kDeadline || target.comparison == Comparison::kOnTime) {
    return ScoreDeadline(std::move(s), target, actual, rulebook, context.fiscal_year);
  }
  // The direction: the package's own, else the written operator, else the rulebook's library
  // for a bare target, else ≥.
  const auto set_direction = [&](Direction d) {
    if (d == Direction::kHigherBetter) target.comparison = Comparison::kAtLeast;
    if (d == Direction::kLowerBetter) target.comparison = Comparison::kAtMost;
    if (d == Direction::kEqual) target.comparison = Comparison::kEqual;
  };
  if (target.comparison != Comparison::kWord && target.comparison != Comparison::kRange) {
    if (leaf.direction != Direction::kUnspecified) {
      set_direction(leaf.direction);
      s.direction_source = DirectionSource::kPackage;
    } else if (target.operator_written) {
      s.direction_source = DirectionSource::kOperator;
    } else {
      const std::string unit = target.quantity.percent ? "%" : target.quantity.unit;
      s.library =
          MatchIndicatorLibrary(rulebook, leaf.name, context.groups, unit, &s.library_match);
      if (s.library != nullptr) {
        set_direction(s.library->direction);
        s.direction_source = DirectionSource::kLibrary;
      } else {
        s.direction_source = DirectionSource::kDefault;
      }
    }
    s.direction = target.comparison == Comparison::kAtMost  ? Direction::kLowerBetter
                  : target.comparison == Comparison::kEqual ? Direction::kEqual
                                                            : Direction::kHigherBetter;
  }
  if (target.comparison == Comparison::kWord) {
    return ScoreQualitative(std::move(s), target, actual, rulebook);
  }
  return ScoreQuantitative(std::move(s), target, actual, rulebook);
}

namespace {

// 分值 × 执行率 for one row of six cells. The rate divides by 全年预算数, or by 年初预算数 when the
// form has no 全年预算数 (not applicable) or the method says B/A.
ExecutionResult ScoreFundsCells(const Cell& initial, const Cell& full_year,
                                const Cell& executed_cell, const Cell& weight,
                                const FundsMethod& method, const Rulebook& rulebook) {
  ExecutionResult r;
  r.cap = method.understood && method.capped_at_weight
              ? Decimal::Min(kHundred, rulebook.execution_cap_percent)
              : rulebook.execution_cap_percent;
  if (weight.has_number() && weight.value.valid()) r.weight = weight.value;
  r.by_initial = method.divides_by_initial || full_year.kind == Cell::Kind::kNotApplicable;
  const auto executed = FigureOf(executed_cell);
  const auto budget = FigureOf(r.by_initial ? initial : full_year);
  if (executed && budget) r.rate = PercentOf(*executed, *budget);
  if (!r.rate || !r.weight) return r;
  const Decimal& cap = r.cap;
  const Decimal capped = Decimal::Min(r.rate->value, cap);
  r.score =
      Decimal::Divide(*r.weight * capped, kHundred, Interval::kDivisionScale, Rounding::kHalfEven)
          .Rounded(rulebook.execution_decimals, rulebook.execution_rounding);
  const Interval range = (Interval::Point(*r.weight) * r.rate->range.Min(cap));
  const auto scaled = Interval::Divide(range, Interval::Point(kHundred));
  r.score_range = scaled ? *scaled : Interval::Point(*r.score);
  return r;
}

}  // namespace

ExecutionResult ScoreExecution(const Funds& funds, const Rulebook& rulebook) {
  return ScoreFundsCells(funds.initial_budget, funds.full_year_budget, funds.executed, funds.weight,
                         ReadFundsMethod(funds.method), rulebook);
}

ExecutionResult ScoreFundsRow(const FundsRow& row, const FundsMethod& method,
                              const Rulebook& rulebook) {
  return ScoreFundsCells(row.initial_budget, row.full_year_budget, row.executed, row.weight, method,
                         rulebook);
}

namespace {

// A leaf scored by a rubric rule instead of by its target and actual.
LeafScore ScoreLeafByRule(const Indicator& leaf, const RubricRule& rule, const Rulebook& rulebook,
                          const std::vector<MetricValue>& metrics, RuleScore* rule_score) {
  LeafScore s;
  s.indicator = &leaf;
  if (leaf.weight.has_number() && leaf.weight.value.valid()) s.weight = leaf.weight.value;
  s.target = ParseTarget(leaf.target);
  s.actual = ParseActual(leaf.actual);
  *rule_score = ScoreRule(rule, rulebook, metrics, s.weight);
  s.weight = rule_score->weight;
  s.note_zh = rule_score->note_zh;
  s.note_en = rule_score->note_en;
  if (!rule_score->score) {
    s.method = ScoreMethod::kNotAssessable;
    return s;
  }
  s.method = ScoreMethod::kRule;
  s.met = rule_score->deduction.is_zero();
  s.point = *rule_score->score;
  s.computed = Interval::Point(*rule_score->score);
  return s;
}

size_t CountIndicators(const std::vector<Indicator>& nodes) {
  size_t count = nodes.size();
  for (const Indicator& node : nodes) count += CountIndicators(node.children);
  return count;
}

}  // namespace

ScoreSheet ScorePackage(const Package& package, const Rulebook& rulebook) {
  ScoreSheet sheet;
  // Rubric rules: the metrics once, then each rule, matched or not, for the sheet.
  const std::vector<MetricValue> metrics = EvaluateMetrics(package, rulebook);
  for (const RubricRule& rule : rulebook.rubric.rules) {
    sheet.rules.push_back(ScoreRule(rule, rulebook, metrics));
    sheet.rule_matched.push_back(false);
  }
  sheet.execution = ScoreExecution(package.evaluation.funds, rulebook);
  sheet.funds_method = ReadFundsMethod(package.evaluation.funds.method);
  for (const FundsRow& row : package.evaluation.funds.rows) {
    sheet.fund_rows.push_back(ScoreFundsRow(row, sheet.funds_method, rulebook));
  }
  // Rubric rules: a rule with applies_to = "execution" replaces the [execution] formula.
  if (const RubricRule* rule = ExecutionRule(rulebook)) {
    const size_t index = static_cast<size_t>(rule - rulebook.rubric.rules.data());
    RuleScore& r = sheet.rules[index];
    r = ScoreRule(*rule, rulebook, metrics, sheet.execution.weight);
    sheet.rule_matched[index] = true;
    sheet.execution.weight = r.weight;
    sheet.execution.rate.reset();
    if (r.metric) sheet.execution.rate = Figure::Exact(*r.metric);
    sheet.execution.score = r.score;
    sheet.execution.score_range = Interval::Point(r.score.value_or(Decimal()));
  }
  const Decimal exec = sheet.execution.score.value_or(Decimal());
  Decimal total = exec;
  Interval range = Interval::Point(exec);
  sheet.leaves.reserve(CountIndicators(package.evaluation.indicators));  // leaves and more
  ForEachIndicator(package.evaluation.indicators, [&](const IndicatorVisit& v) {
    if (!v.node->is_leaf() || v.depth < 2) {
      // A childless 一级 indicator is scored as a leaf too.
      if (!(v.node->is_leaf() && v.depth == 1)) return;
    }
    if (IsEmptyIndicator(*v.node)) return;  // reported by completeness checks, not scored
    const RubricRule* rule = RuleForIndicator(rulebook, v.node->name);
    if (rule != nullptr) {
      const size_t index = static_cast<size_t>(rule - rulebook.rubric.rules.data());
      sheet.leaves.push_back(
          ScoreLeafByRule(*v.node, *rule, rulebook, metrics, &sheet.rules[index]));
      sheet.rule_matched[index] = true;
    } else {
      LeafContext context;
      context.fiscal_year = package.fiscal_year;
      for (size_t i = 0; i + 1 < v.chain->size(); ++i) {
        context.groups.push_back((*v.chain)[i]->name);
      }
      sheet.leaves.push_back(ScoreLeaf(*v.node, rulebook, context));
    }
    LeafScore& s = sheet.leaves.back();
    s.path = v.path();
    s.pointer = v.pointer();
    const Cell& reported = v.node->score;
    switch (s.method) {
      case ScoreMethod::kNotAssessable:
        ++sheet.not_assessable;
        range = range + Interval::Between(Decimal(), s.weight.value_or(Decimal()));
        break;
      case ScoreMethod::kQualitative:
      case ScoreMethod::kDeadline: {
        Decimal accepted = s.computed.lo();
        if (reported.has_number() && reported.value.valid()) {
          accepted = Decimal::Min(Decimal::Max(reported.value, s.computed.lo()), s.computed.hi());
        }
        s.accepted = accepted;
        total = total + accepted;
        range = range + s.computed;
        break;
      }
      default:
        s.accepted = s.point;
        total = total + *s.point;
        range = range + s.computed;
        break;
    }
  });
  sheet.total = total;
  sheet.total_range = range;
  sheet.grade = GradeOf(rulebook, total);
  return sheet;
}

}  // namespace jixiao
