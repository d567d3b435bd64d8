// Checks of the 绩效指标 tree: each leaf's score against the recomputed point or band, empty
// rows, missing deviation reasons and units; the weights of every level against their
// children and against the rulebook, including where 满意度 sits; the total and the grade.
#include <fmt/format.h>

#include "base/text.h"
#include "check/check_context.h"
#include "model/target.h"
#include "model/walk.h"

namespace jixiao::internal {
namespace {

Location IndicatorLocation(const Indicator& node, std::string path, const std::string& pointer,
                           std::string_view column) {
  Location loc;
  loc.document = "evaluation";
  loc.table = "indicators";
  loc.row = std::move(path);
  loc.column = std::string(column);
  loc.pointer = pointer + (column.empty() ? "" : "/" + loc.column);
  loc.row_cells = IndicatorRowCells(node);
  if (column == "target") loc.mark_cell = 1;
  if (column == "actual") loc.mark_cell = 2;
  if (column == "weight") loc.mark_cell = 3;
  if (column == "score") loc.mark_cell = 4;
  return loc;
}

Location IndicatorLocation(const IndicatorVisit& v, std::string_view column) {
  return IndicatorLocation(*v.node, v.path(), v.pointer(), column);
}

Location LeafLocation(const LeafScore& s, std::string_view column) {
  return IndicatorLocation(*s.indicator, s.path, s.pointer, column);
}

// A group's weight as printed, or else the sum of its children's.
std::optional<Decimal> EffectiveWeight(const Indicator& node) {
  if (node.weight.has_number() && node.weight.value.valid()) return node.weight.value;
  std::optional<Decimal> sum;
  for (const Indicator& child : node.children) {
    if (auto w = EffectiveWeight(child)) sum = sum ? *sum + *w : *w;
  }
  return sum;
}

// How the computed score came about, for the message.
std::string Reasoning(const LeafScore& s, bool zh) {
  const Target& t = s.target;
  const std::string target =
      t.quantity.written.ToString() + (t.quantity.percent ? "%" : "") + t.quantity.unit;
  const std::string actual = std::string(TrimBlank(s.indicator->actual));
  if (s.method == ScoreMethod::kRule) return zh ? s.note_zh : s.note_en;  // rubric rules
  if (s.met) {
    return zh ? fmt::format("实际完成值已达到年度指标值，应得满分 {}", s.weight->ToString())
              : fmt::format("the actual meets the target, which earns the full weight {}",
                            s.weight->ToString());
  }
  switch (s.method) {
    case ScoreMethod::kAtLeast:
      return zh ? fmt::format("未达到年度指标值，分值 {} × 实际 {} ÷ 目标 {}", s.weight->ToString(),
                              actual, target)
                : fmt::format("the target is missed: weight {} × actual {} ÷ target {}",
                              s.weight->ToString(), actual, target);
    case ScoreMethod::kAtMost:
      if (s.direction_source == DirectionSource::kLibrary && s.library != nullptr) {
        return zh ? fmt::format(
                        "年度指标值未写比较符，按评分规则指标库“{}”视为上限；超过上限 {}，"
                        "按反向指标公式计算",
                        s.library->id, target)
                  : fmt::format(
                        "the target has no operator and the rulebook's indicator library entry "
                        "\"{}\" makes it a ceiling; above the ceiling {}: the reverse formula",
                        s.library->id, target);
      }
      return zh ? fmt::format("超过上限 {}，按评分规则的反向指标公式计算", target)
                : fmt::format("above the ceiling {}: the rulebook's reverse formula", target);
    default:
      return zh ? "偏离年度指标值，按评分规则计算" : "off the target: by the rulebook";
  }
}

// 得分系数 (flat lists): a coefficient above 1 (S315), and 得分 against 权重 × 系数 (S314).
void CheckCoefficient(CheckContext& cx, const LeafScore& s, int decimals) {
  const Indicator& node = *s.indicator;
  if (!s.coefficient) return;
  const std::string name = std::string(TrimBlank(node.name));
  if (*s.coefficient > Decimal::FromInt(1)) {
    Diagnostic& d = cx.Add("S315", LeafLocation(s, "coefficient"));
    d.location.mark_cell = -1;
    d.reported = node.coefficient.Display();
    d.computed = "0–1";
    d.message_zh = fmt::format("“{}”的得分系数 {} 超过 1（100%）。", name, d.reported);
    d.message_en = fmt::format("{}: the score coefficient {} is above 1 (100%).", name, d.reported);
    d.hint_zh = "得分系数在 0 到 1（0% 到 100%）之间。";
    d.hint_en = "A score coefficient lies between 0 and 1 (0% and 100%).";
    return;
  }
  const auto reported = ScoreFigureOf(node.score, cx.ScoreDecimals(decimals));
  if (!reported || !s.weight) return;
  // The coefficient as written stands for ±½ of its last decimal.
  const Cell& c = node.coefficient;
  const Interval written = Interval::Written(c.value);
  const bool scaled = c.percent || c.value > Decimal::FromInt(1);
  Interval fraction = written;
  if (scaled) {
    fraction = Interval::Divide(written, Interval::Point(Decimal::FromInt(100))).value_or(written);
  }
  const Interval expected = Interval::Point(*s.weight) * fraction;
  if (!Disagree(reported->range, expected)) return;
  Diagnostic& d = cx.Add("S314", LeafLocation(s, "score"));
  d.reported = node.score.Display();
  d.computed = Shown(*s.coefficient_score, decimals);
  d.tolerance = ToleranceText(reported->range, expected);
  d.message_zh = fmt::format("“{}”得分填报 {}，而权重 {} × 得分系数 {} = {}。", name, d.reported,
                             s.weight->ToString(), c.Display(), d.computed);
  d.message_en =
      fmt::format("{}: the score is reported as {}, but weight {} × coefficient {} = {}.", name,
                  d.reported, s.weight->ToString(), c.Display(), d.computed);
  d.hint_zh = "得分 = 权重 × 得分系数；更正得分或得分系数。";
  d.hint_en = "Score = weight × coefficient; correct one of them.";
}

}  // namespace

void CheckIndicators(CheckContext& cx) {
  const int decimals = cx.rulebook.score_decimals;
  // Empty rows and group-level problems come from the tree; leaf scores from the sheet.
  ForEachIndicator(cx.package.evaluation.indicators, [&](const IndicatorVisit& v) {
    if (!IsEmptyIndicator(*v.node) || v.depth == 1 || OnCutPath(cx.package, v.node)) return;
    Diagnostic& d = cx.Add("C503", IndicatorLocation(v, ""));
    const std::string path = v.path();
    const std::string parent = path.substr(0, path.rfind(" › "));
    d.location.row = parent;
    d.message_zh = fmt::format("“{}”下有一行空白指标。", parent);
    d.message_en = fmt::format("There is an empty indicator row under {}.", parent);
    d.hint_zh = "删除空行，或补填指标名称、年度指标值、实际完成值、分值和得分。";
    d.hint_en = "Delete the row or fill in the indicator, target, actual, weight and score.";
  });

  // A rubric's score table (得分表) has no target or actual on any row: its rows are judged
  // against the rubric's 评分标准, not assessed from a target, and say nothing to assess.
  bool targets_on_form = false;
  for (const LeafScore& s : cx.sheet.leaves) {
    targets_on_form = targets_on_form || !IsBlank(s.indicator->target) ||
                      !IsBlank(s.indicator->actual);
  }
  for (const LeafScore& s : cx.sheet.leaves) {
    const Indicator& node = *s.indicator;
    // The row a cut 自评表 stops in: what it lacks is not there, not left blank.
    if (node.score.blank() && OnCutPath(cx.package, &node)) continue;
    const std::string name = std::string(TrimBlank(node.name));
    const auto reported = ScoreFigureOf(node.score, cx.ScoreDecimals(decimals));

    if (reported && s.weight && reported->value > *s.weight) {
      Diagnostic& d = cx.Add("S305", LeafLocation(s, "score"));
      d.reported = node.score.Display();
      d.computed = "≤" + s.weight->ToString();
      d.message_zh =
          fmt::format("“{}”得分 {} 超过其分值 {}。", name, d.reported, s.weight->ToString());
      d.message_en = fmt::format("{}: the score {} exceeds the weight {}.", name, d.reported,
                                 s.weight->ToString());
      d.hint_zh = "得分不能超过分值。";
      d.hint_en = "A score cannot exceed its weight.";
    }

    CheckCoefficient(cx, s, decimals);

    if (s.deadline_unclear) {  // a date that cannot be placed: said, not guessed
      Diagnostic& d = cx.Add("I625", LeafLocation(s, "actual"));
      d.reported = std::string(TrimBlank(node.actual));
      d.computed = "无法判断";
      d.message_zh = fmt::format("“{}”的完成时间无法判断是否在时限内：{}。", name, s.note_zh);
      d.message_en = fmt::format("{}: whether the date meets the deadline cannot be told: {}.",
                                 name, s.note_en);
      d.hint_zh = "写明完成的具体日期（如“2024年9月20日”）或把时限写到日（如“9月30日前”）。";
      d.hint_en = "Write the exact completion date, or a deadline to the day (9月30日前).";
      continue;
    }

    // A piece of a 自评表 asks nothing of its rows: a row without its actual or score (the
    // columns the piece does not show) is not left blank.
    const bool piece = EvaluationIsPiece(cx.package);
    if (s.method == ScoreMethod::kNotAssessable) {
      const bool no_actual = IsBlank(node.actual);
      if (piece && (no_actual || node.score.blank())) continue;
      if (!targets_on_form && !node.score.blank()) continue;
      Diagnostic& d = cx.Add("S304", LeafLocation(s, no_actual ? "actual" : "target"));
      d.reported = node.score.Display();
      d.computed = "无法评价";
      d.message_zh = fmt::format("“{}”无法评价：{}。", name, s.note_zh);
      d.message_en = fmt::format("{} cannot be assessed: {}.", name, s.note_en);
      d.hint_zh = "补填或更正年度指标值、实际完成值和分值，使两者可以比较。";
      d.hint_en = "Fill in or correct the target, the actual and the weight so they compare.";
      // A score left blank on a row that carries a 分值 is missing, whether or not it can be
      // recomputed (a line with no 分值 either is a name only: nothing was asked of it).
      if (node.score.blank() && node.weight.has_number()) {
        Diagnostic& blank = cx.Add("C501", LeafLocation(s, "score"));
        blank.computed = "无法评价";
        blank.message_zh = fmt::format("“{}”的得分未填。", name);
        blank.message_en = fmt::format("{}: the score is blank.", name);
        blank.hint_zh = "填写自评得分。";
        blank.hint_en = "Fill in the self-assessed score.";
      }
      continue;
    }

    if (node.score.blank()) {
      if (piece) continue;
      Diagnostic& d = cx.Add("C501", LeafLocation(s, "score"));
      d.computed = s.point ? s.point->Normalized().ToString() : ShownRange(s.computed, decimals);
      d.message_zh = fmt::format("“{}”的得分未填（复算为 {}）。", name, d.computed);
      d.message_en = fmt::format("{}: the score is blank (recomputed: {}).", name, d.computed);
      d.hint_zh = "填写自评得分。";
      d.hint_en = "Fill in the self-assessed score.";
    } else if (reported && Disagree(reported->range, s.computed)) {
      if (s.method == ScoreMethod::kDeadline) {
        Diagnostic& d = cx.Add("S313", LeafLocation(s, "score"));
        d.reported = node.score.Display();
        d.computed = ShownRange(s.computed, decimals);
        d.tolerance = ToleranceText(reported->range, s.computed);
        d.message_zh = fmt::format("时限指标“{}”目标“{}”、完成“{}”，{}，得分应为 {}，填报 {}。",
                                   name, TrimBlank(node.target), TrimBlank(node.actual),
                                   s.met ? "已按时完成" : "未按时完成", d.computed, d.reported);
        d.message_en = fmt::format(
            "Deadline indicator {}: target \"{}\", done \"{}\", {}, so the score is {}; "
            "reported {}.",
            name, TrimBlank(node.target), TrimBlank(node.actual), s.met ? "on time" : "late",
            d.computed, d.reported);
        d.hint_zh = s.met ? "按时完成应得满分。" : "未按时完成的，按评分规则“未达成”档次给分。";
        d.hint_en = s.met ? "Done on time earns the full weight."
                          : "Done late: score within the rulebook's not-achieved band.";
      } else if (s.method == ScoreMethod::kQualitative) {
        Diagnostic& d = cx.Add("S303", LeafLocation(s, "score"));
        d.reported = node.score.Display();
        d.computed = ShownRange(s.computed, decimals);
        d.tolerance = ToleranceText(reported->range, s.computed);
        d.message_zh =
            fmt::format("定性指标“{}”目标“{}”、实际“{}”，属{}，得分应在 {} 之间，填报 {}。", name,
                        TrimBlank(node.target), TrimBlank(node.actual), BandName(s.band, true),
                        d.computed, d.reported);
        d.message_en = fmt::format(
            "Qualitative indicator {}: target \"{}\", actual \"{}\" is {}, so the score lies in "
            "{}; "
            "reported {}.",
            name, TrimBlank(node.target), TrimBlank(node.actual), BandName(s.band, false),
            d.computed, d.reported);
        d.hint_zh = "按评价档次的分值区间给分，或补充证据说明实际达到的程度。";
        d.hint_en = "Score within the band of the level reached, or give evidence of a higher one.";
      } else {
        Diagnostic& d = cx.Add("S302", LeafLocation(s, "score"));
        d.reported = node.score.Display();
        d.computed = s.point->Normalized().ToString();
        d.tolerance = ToleranceText(reported->range, s.computed);
        d.message_zh = fmt::format("“{}”得分填报 {}，复算应为 {}（{}）。", name, d.reported,
                                   d.computed, Reasoning(s, true));
        d.message_en = fmt::format("{}: reported score {}, recomputed {} ({}).", name, d.reported,
                                   d.computed, Reasoning(s, false));
        d.hint_zh = "按评分规则重新计算得分，或更正实际完成值。";
        d.hint_en = "Recompute the score by the rulebook, or correct the actual value.";
      }
    }

    // A score below the weight needs a deviation analysis.
    const bool below = (reported && s.weight && reported->value < *s.weight) || !s.met;
    if (below && IsBlank(node.deviation)) {
      Diagnostic& d = cx.Add("C504", LeafLocation(s, "deviation"));
      d.location.mark_cell = -1;
      d.reported = node.score.Display();
      d.message_zh = fmt::format("“{}”未得满分或未达目标，但未填写偏差原因分析及改进措施。", name);
      d.message_en = fmt::format(
          "{} falls short of full marks or of its target, but gives no "
          "deviation analysis.",
          name);
      d.hint_zh = "说明未完成的原因和下一步改进措施。";
      d.hint_en = "Explain why the target was missed and what will be done.";
    }

    // A counted target without a unit ("1" rather than "1项").
    const Target& t = s.target;
    if ((t.comparison == Comparison::kAtLeast || t.comparison == Comparison::kAtMost ||
         t.comparison == Comparison::kEqual) &&
        !t.quantity.percent && t.quantity.unit.empty()) {
      Diagnostic& d = cx.Add("C505", LeafLocation(s, "target"));
      d.reported = std::string(TrimBlank(node.target));
      d.message_zh = fmt::format("“{}”的年度指标值“{}”没有计量单位。", name, d.reported);
      d.message_en = fmt::format("{}: the target \"{}\" has no unit.", name, d.reported);
      d.hint_zh = "写明计量单位，如“次”“项”“人次”“%”。";
      d.hint_en = "Write the unit, e.g. 次, 项, 人次 or %.";
    }
  }
}

void CheckWeights(CheckContext& cx) {
  // The groups of a piece are not whole: the rows around it are not there.
  if (EvaluationIsPiece(cx.package)) return;
  const Evaluation& ev = cx.package.evaluation;
  const Rulebook& rb = cx.rulebook;
  // Each group against its children.
  ForEachIndicator(ev.indicators, [&](const IndicatorVisit& v) {
    const Indicator& node = *v.node;
    if (node.is_leaf() || !node.weight.has_number()) return;
    if (OnCutPath(cx.package, &node)) return;  // its children after the cut are not there
    std::optional<Decimal> sum;
    for (const Indicator& child : node.children) {
      if (auto w = EffectiveWeight(child)) sum = sum ? *sum + *w : *w;
    }
    if (!sum || *sum == node.weight.value) return;
    Location loc = IndicatorLocation(v, "weight");
    loc.row_cells = {node.name, node.weight.Display()};
    loc.mark_cell = 1;
    Diagnostic& d = cx.Add("W401", std::move(loc));
    d.reported = node.weight.Display();
    d.computed = sum->ToString();
    d.message_zh = fmt::format("“{}”分值为 {}，其下级指标分值之和为 {}。", TrimBlank(node.name),
                               d.reported, d.computed);
    d.message_en = fmt::format("{} has weight {}, but its children's weights add up to {}.",
                               TrimBlank(node.name), d.reported, d.computed);
    d.hint_zh = "调整下级指标分值，使其合计等于上级指标分值。";
    d.hint_en = "Adjust the children's weights so they add up to the group's.";
  });

  // A group whose weight is a range ("≥60"): its children's weights must add up inside it.
  ForEachIndicator(ev.indicators, [&](const IndicatorVisit& v) {
    const Indicator& node = *v.node;
    if (node.is_leaf() || node.weight.has_number() || !node.weight_min.has_number()) return;
    std::optional<Decimal> sum;
    for (const Indicator& child : node.children) {
      if (auto w = EffectiveWeight(child)) sum = sum ? *sum + *w : *w;
    }
    if (!sum) return;
    const bool below = *sum < node.weight_min.value;
    const bool above = node.weight_max.has_number() && *sum > node.weight_max.value;
    if (!below && !above) return;
    const std::string range =
        node.weight_max.has_number()
            ? fmt::format("{}–{}", node.weight_min.Display(), node.weight_max.Display())
            : "≥" + node.weight_min.Display();
    Location loc = IndicatorLocation(v, "weight");
    loc.row_cells = {node.name, range};
    loc.mark_cell = 1;
    Diagnostic& d = cx.Add("W405", std::move(loc));
    d.reported = sum->ToString();
    d.computed = range;
    d.message_zh = fmt::format("“{}”的分值规定为 {}，其下级指标分值之和为 {}，不在此范围内。",
                               TrimBlank(node.name), range, d.reported);
    d.message_en = fmt::format("{} must weigh {}, but its children's weights add up to {}.",
                               TrimBlank(node.name), range, d.reported);
    d.hint_zh = "调整下级指标分值，使其合计落在规定的范围内。";
    d.hint_en = "Adjust the children's weights so their sum falls within the range.";
  });

  // The whole: execution weight + Σ 一级 = total weight (not when the 自评表 is cut: the
  // groups after the cut, and the rest of the one cut through, are not there).
  const bool cut = cx.package.parts.evaluation == PartState::kCut;
  std::optional<Decimal> sum;
  if (ev.funds.weight.has_number()) sum = ev.funds.weight.value;
  for (const Indicator& top : ev.indicators) {
    if (auto w = EffectiveWeight(top)) sum = sum ? *sum + *w : *w;
  }
  const Decimal expected = ev.total_weight.has_number() ? ev.total_weight.value : rb.total_weight;
  if (sum && *sum != expected && !cut) {
    Location loc;
    loc.document = "evaluation";
    loc.table = "total";
    loc.row = "总分";
    loc.column = "total_weight";
    loc.pointer = "/evaluation/total_weight";
    loc.row_cells = {"总分", ev.total_weight.Display(), ev.total_score.Display()};
    loc.mark_cell = 1;
    Diagnostic& d = cx.Add("W402", std::move(loc));
    d.reported = expected.ToString();
    d.computed = sum->ToString();
    d.message_zh =
        fmt::format("执行率分值与各一级指标分值合计为 {}，不等于总分 {}。", d.computed, d.reported);
    d.message_en = fmt::format(
        "The execution weight and the top-level weights add up to {}, "
        "not to the total {}.",
        d.computed, d.reported);
    d.hint_zh = "各项分值之和应等于总分（通常为 100 分）。";
    d.hint_en = "The weights must add up to the total (usually 100).";
  }

  // Against the rulebook: where 满意度 sits, and the weight of each kind.
  Decimal output, effect_excl, satisfaction;
  bool has_output = false, has_effect = false, has_satisfaction = false;
  std::optional<Location> misplaced;
  const Indicator* misplaced_node = nullptr;
  int misplaced_depth = 0;
  const auto remember = [&](const IndicatorVisit& v) {
    misplaced = IndicatorLocation(v, "");
    misplaced_node = v.node;
    misplaced_depth = v.depth;
  };
  ForEachIndicator(ev.indicators, [&](const IndicatorVisit& v) {
    const IndicatorKind kind = KindOf(*v.node);
    if (v.depth == 1) {
      const Decimal w = EffectiveWeight(*v.node).value_or(Decimal());
      if (kind == IndicatorKind::kOutput) output = output + w, has_output = true;
      if (kind == IndicatorKind::kEffect) effect_excl = effect_excl + w, has_effect = true;
      if (kind == IndicatorKind::kSatisfaction) {
        satisfaction = satisfaction + w, has_satisfaction = true;
        if (rb.satisfaction_layout == SatisfactionLayout::kUnderEffect && !misplaced) remember(v);
      }
    } else if (v.depth == 2 && kind == IndicatorKind::kSatisfaction &&
               KindOf(*v.top) == IndicatorKind::kEffect) {
      const Decimal w = EffectiveWeight(*v.node).value_or(Decimal());
      satisfaction = satisfaction + w, has_satisfaction = true;
      effect_excl = effect_excl - w;
      if (rb.satisfaction_layout == SatisfactionLayout::kTopLevel && !misplaced) remember(v);
    }
  });
  if (misplaced) {
    Diagnostic& d = cx.Add("W404", *misplaced);
    d.location.row_cells.clear();
    const bool under = misplaced_depth == 2;
    d.reported = under ? "under_effect" : "top_level";
    d.computed = under ? "top_level" : "under_effect";
    d.message_zh = under ? fmt::format(
                               "满意度指标“{}”位于效益指标之下（二级），而评分规则“{}”将满意度作为"
                               "一级指标（分值 {}），效益指标应为 {} 分。",
                               TrimBlank(misplaced_node->name), rb.id,
                               rb.satisfaction_weight.ToString(), rb.effect_weight.ToString())
                         : fmt::format(
                               "满意度指标“{}”是一级指标，而评分规则“{}”将满意度放在效益指标之下"
                               "（效益指标共 {} 分，含满意度 {} 分）。",
                               TrimBlank(misplaced_node->name), rb.id, rb.effect_weight.ToString(),
                               rb.satisfaction_weight.ToString());
    d.message_en = under
                       ? fmt::format(
                             "The satisfaction indicator {} sits under the effect indicators, but "
                             "rulebook {} makes satisfaction a top-level indicator (weight {}) and "
                             "gives effect {}.",
                             TrimBlank(misplaced_node->name), rb.id,
                             rb.satisfaction_weight.ToString(), rb.effect_weight.ToString())
                       : fmt::format(
                             "The satisfaction indicator {} is top-level, but rulebook {} puts it "
                             "under the effect indicators (effect {} including satisfaction {}).",
                             TrimBlank(misplaced_node->name), rb.id, rb.effect_weight.ToString(),
                             rb.satisfaction_weight.ToString());
    d.hint_zh = "按所在地区的自评表样式调整指标层级，或选用与表样一致的评分规则（--rulebook）。";
    d.hint_en = "Rearrange the tree as the region's form does, or choose the matching rulebook.";
  }
  const Decimal expected_effect = rb.satisfaction_layout == SatisfactionLayout::kUnderEffect
                                      ? rb.effect_weight - rb.satisfaction_weight
                                      : rb.effect_weight;
  struct Expectation {
    bool present;
    Decimal found;
    Decimal expected;
    const char* zh;
    const char* en;
  };
  const Expectation expectations[] = {
      {ev.funds.weight.has_number(), ev.funds.weight.value, rb.execution_weight, "预算执行率",
       "budget execution"},
      {has_output, output, rb.output_weight, "产出指标", "output indicators"},
      {has_effect, effect_excl, expected_effect, "效益指标（不含满意度）",
       "effect indicators (without satisfaction)"},
      {has_satisfaction, satisfaction, rb.satisfaction_weight, "满意度指标",
       "satisfaction indicators"},
  };
  // The kind of the group a cut 自评表 stops in weighs only what came before the cut.
  const IndicatorKind cut_kind =
      cut && !ev.indicators.empty() ? KindOf(ev.indicators.back()) : IndicatorKind::kUnspecified;
  for (const Expectation& e : expectations) {
    if (!e.present || e.found == e.expected) continue;
    if (cut_kind != IndicatorKind::kUnspecified &&
        ((cut_kind == IndicatorKind::kOutput && &e == &expectations[1]) ||
         (cut_kind == IndicatorKind::kEffect && (&e == &expectations[2] || &e == &expectations[3])) ||
         (cut_kind == IndicatorKind::kSatisfaction && &e == &expectations[3]))) {
      continue;
    }
    Location loc;
    loc.document = "evaluation";
    loc.table = "indicators";
    loc.row = e.zh;
    loc.column = "weight";
    loc.pointer = "/evaluation/indicators";
    Diagnostic& d = cx.Add("W403", std::move(loc));
    d.reported = e.found.ToString();
    d.computed = e.expected.ToString();
    d.message_zh = fmt::format("{}分值合计为 {}，评分规则“{}”规定为 {}。", e.zh, d.reported, rb.id,
                               d.computed);
    d.message_en = fmt::format("The {} weigh {} in total; rulebook {} sets {}.", e.en, d.reported,
                               rb.id, d.computed);
    d.hint_zh = "核对所在地区的分值设置，或选用相应的评分规则。";
    d.hint_en = "Check the region's weights, or choose the matching rulebook.";
  }
}

void CheckTotal(CheckContext& cx) {
  if (EvaluationIsPiece(cx.package)) return;  // a piece has no 总分 row
  const Evaluation& ev = cx.package.evaluation;
  Location loc;
  loc.document = "evaluation";
  loc.table = "total";
  loc.row = "总分";
  loc.column = "total_score";
  loc.pointer = "/evaluation/total_score";
  loc.row_cells = {"总分", ev.total_weight.Display(), ev.total_score.Display()};
  loc.mark_cell = 2;
  // A form that scores nothing (no 分值 or 得分 on its funds row) has no total to fill in.
  if (ev.total_score.blank() && ev.funds.score.kind == Cell::Kind::kNotApplicable) return;
  if (!ev.total_score.has_number()) {
    // A 自评表 the document stops inside has no 总分 row to fill: the import said so (I626).
    if (cx.package.parts.evaluation == PartState::kCut) return;
    Diagnostic& d = cx.Add("C501", loc);
    d.computed = cx.sheet.total.ToString();
    d.message_zh = fmt::format("总分得分未填（复算为 {}）。", d.computed);
    d.message_en = fmt::format("The total score is blank (recomputed: {}).", d.computed);
    d.hint_zh = "填写总分：执行率得分与各指标得分之和。";
    d.hint_en = "Fill in the total: the execution score plus the indicator scores.";
    return;
  }
  // The reported total against the reported parts (pure arithmetic). The total adds the
  // scores as written, so it is compared with their exact sum, not within a tolerance: at the
  // total's decimals the sum must be it (99.9 against parts adding up to 99.8 is wrong even
  // where the parts' rounding could admit it); a total written with fewer decimals than the
  // sum must be the sum rounded by the rulebook's mode.
  const int decimals = cx.rulebook.score_decimals;
  std::optional<Figure> sum = ScoreFigureOf(ev.funds.score, cx.rulebook.execution_decimals);
  ForEachIndicator(ev.indicators, [&](const IndicatorVisit& v) {
    if (!v.node->is_leaf()) return;
    if (auto f = ScoreFigureOf(v.node->score, decimals)) sum = sum ? *sum + *f : *f;
  });
  const auto reported = ScoreFigureOf(ev.total_score, decimals);
  const auto differs = [&](const Decimal& total, const Decimal& exact) {
    const int d = total.scale();
    return exact.scale() <= d ? exact != total
                              : exact.Rounded(d, cx.rulebook.score_rounding) != total;
  };
  if (sum && reported && differs(reported->value, sum->value)) {
    Diagnostic& d = cx.Add("S306", loc);
    d.reported = ev.total_score.Display();
    d.computed = Shown(sum->value, sum->value.scale());
    d.message_zh =
        fmt::format("总分填报 {}，执行率得分与各指标得分之和为 {}。", d.reported, d.computed);
    d.message_en = fmt::format(
        "The total is reported as {}, but the execution score and the "
        "indicator scores add up to {}.",
        d.reported, d.computed);
    d.hint_zh = "总分 = 执行率得分 + 各三级指标得分之和。";
    d.hint_en = "Total = execution score + the sum of the indicator scores.";
  }
  const std::string grade = std::string(TrimBlank(ev.grade));
  if (!grade.empty() && reported) {
    const std::string expected = GradeOf(cx.rulebook, reported->value);
    if (!expected.empty() && expected != grade) {
      Location gl = loc;
      gl.column = "grade";
      gl.pointer = "/evaluation/grade";
      gl.row_cells.push_back(grade);
      gl.mark_cell = 3;
      Diagnostic& d = cx.Add("S307", std::move(gl));
      d.reported = grade;
      d.computed = expected;
      d.message_zh = fmt::format("等级填报“{}”，按总分 {} 应为“{}”。", grade,
                                 ev.total_score.Display(), expected);
      d.message_en = fmt::format("The grade is reported as {}, but a total of {} is {}.", grade,
                                 ev.total_score.Display(), expected);
      d.hint_zh = "按评分规则的等级区间确定等级。";
      d.hint_en = "Take the grade from the rulebook's bands.";
    }
  }
}

}  // namespace jixiao::internal
