// Policy flags a reviewer raises (DOMAIN.md §4), with thresholds from the rulebook's [policy]:
// low execution unexplained, targets overshot (set too low), every indicator at full marks,
// mostly qualitative evidence, a score rate far above the execution rate, staff above 编制,
// 三公 rising, a satisfaction figure with no survey behind it.
#include <fmt/format.h>

#include "base/text.h"
#include "check/check_context.h"
#include "model/walk.h"
#include "narrative/claims.h"

namespace jixiao::internal {
namespace {

Location Evaluation(std::string table, std::string row, std::string pointer) {
  Location loc;
  loc.document = "evaluation";
  loc.table = std::move(table);
  loc.row = std::move(row);
  loc.pointer = std::move(pointer);
  return loc;
}

}  // namespace

void CheckPolicy(CheckContext& cx) {
  const Package& p = cx.package;
  const Rulebook& rb = cx.rulebook;
  const ExecutionResult& ex = cx.sheet.execution;

  // P901: execution below the threshold needs an explanation in the report.
  if (ex.rate && ex.rate->value < rb.explain_below_percent && Held(p.parts.report) &&
      !(cx.report_words & kWordExecutionRate)) {
    Diagnostic& d =
        cx.Add("P901", Evaluation("funds", "年度资金总额", "/evaluation/funds/execution_rate"));
    d.reported = ex.rate->value.Format(2) + "%";
    d.computed = "≥" + rb.explain_below_percent.ToString() + "%";
    d.message_zh = fmt::format("预算执行率 {} 低于 {}%，报告中没有说明原因。", d.reported,
                               rb.explain_below_percent.ToString());
    d.message_en = fmt::format(
        "The execution rate {} is below {}% and the report does not "
        "explain why.",
        d.reported, rb.explain_below_percent.ToString());
    d.hint_zh = "在报告中说明预算执行率偏低的原因和改进措施。";
    d.hint_en = "Explain the low execution rate and what will be done about it.";
  }

  // P902: a target overshot by far was set too low.
  int assessable = 0, full = 0, qualitative = 0;
  for (const LeafScore& s : cx.sheet.leaves) {
    if (s.method == ScoreMethod::kNotAssessable) continue;
    ++assessable;
    if (s.method == ScoreMethod::kQualitative) ++qualitative;
    if (s.weight && s.indicator->score.has_number() && s.indicator->score.value == *s.weight)
      ++full;
    if (s.method != ScoreMethod::kAtLeast || s.actual.kind != Actual::Kind::kNumber) continue;
    const Decimal target = s.target.quantity.value;
    if (target.sign() <= 0) continue;
    const Decimal actual = s.actual.quantity.unit.empty() &&
                                   s.target.quantity.multiplier != Decimal::FromInt(1) &&
                                   s.actual.quantity.value * s.target.quantity.multiplier <
                                       target * Decimal::FromInt(10)
                               ? s.actual.quantity.value * s.target.quantity.multiplier
                               : s.actual.quantity.value;
    const Decimal pct =
        Decimal::Divide(actual * Decimal::FromInt(100), target, 2, Rounding::kHalfUp);
    if (pct < rb.overshoot_percent) continue;
    Location loc = Evaluation("indicators", s.path, s.pointer + "/target");
    loc.column = "target";
    loc.row_cells = IndicatorRowCells(*s.indicator);
    loc.mark_cell = 1;
    Diagnostic& d = cx.Add("P902", std::move(loc));
    d.reported = std::string(TrimBlank(s.indicator->target));
    d.computed = pct.Normalized().ToString() + "%";
    d.message_zh = fmt::format("“{}”实际完成值为目标的 {}，目标可能定得过低。",
                               TrimBlank(s.indicator->name), d.computed);
    d.message_en = fmt::format("{} reached {} of its target: the target may have been set too low.",
                               TrimBlank(s.indicator->name), d.computed);
    d.hint_zh = "参考历年完成情况合理设定绩效目标。";
    d.hint_en = "Set targets from what past years achieved.";
  }

  // P903: every indicator at full marks.
  if (assessable >= 3 && full == assessable) {
    Diagnostic& d = cx.Add("P903", Evaluation("indicators", "", "/evaluation/indicators"));
    d.reported = fmt::format("{}/{}", full, assessable);
    d.message_zh = fmt::format("全部 {} 项指标均为满分，自评可能偏宽。", assessable);
    d.message_en = fmt::format(
        "All {} indicators have full marks: the self-assessment may be lenient.", assessable);
    d.hint_zh = "逐项对照证据复核得分，并在偏差原因中写明依据。";
    d.hint_en = "Check each score against its evidence and give the basis.";
  }

  // P904: mostly qualitative evidence.
  if (assessable > 0 && Decimal::FromInt(qualitative * 100) >=
                            rb.qualitative_share_percent * Decimal::FromInt(assessable)) {
    Diagnostic& d = cx.Add("P904", Evaluation("indicators", "", "/evaluation/indicators"));
    d.reported = fmt::format("{}/{}", qualitative, assessable);
    d.computed = "<" + rb.qualitative_share_percent.ToString() + "%";
    d.message_zh = fmt::format("{} 项指标中有 {} 项为定性指标（如“较高”“浓厚”），证据偏弱。",
                               assessable, qualitative);
    d.message_en = fmt::format(
        "{} of {} indicators are qualitative (words such as 较高): weak "
        "evidence.",
        qualitative, assessable);
    d.hint_zh = "尽量将指标量化，或写明定性判断的依据。";
    d.hint_en = "Quantify indicators where possible, or state the basis of each judgement.";
  }

  // P910: a qualitative indicator at full marks with no evidence attached to it (or to a group
  // above it). Only packages that keep track of their evidence (kept by the server) are asked.
  if (p.evidence) {
    for (const LeafScore& s : cx.sheet.leaves) {
      if (s.method != ScoreMethod::kQualitative || !s.weight || !s.indicator->score.has_number() ||
          s.indicator->score.value != *s.weight) {
        continue;
      }
      bool evidenced = false;
      for (const Evidence& e : *p.evidence) {
        if (e.target.empty() || e.target.rfind("/evaluation/indicators", 0) != 0) continue;
        if (s.pointer == e.target || s.pointer.rfind(e.target + "/", 0) == 0) evidenced = true;
      }
      if (evidenced) continue;
      Location loc = Evaluation("indicators", s.path, s.pointer + "/score");
      loc.column = "score";
      loc.row_cells = IndicatorRowCells(*s.indicator);
      loc.mark_cell = 4;
      Diagnostic& d = cx.Add("P910", std::move(loc));
      d.reported = s.indicator->score.Display();
      d.message_zh = fmt::format("定性指标“{}”得满分 {}，但没有附佐证材料。",
                                 TrimBlank(s.indicator->name), d.reported);
      d.message_en =
          fmt::format("The qualitative indicator {} has full marks ({}) and no evidence attached.",
                      TrimBlank(s.indicator->name), d.reported);
      d.hint_zh = "上传支撑该判断的佐证材料（如调查问卷汇总、验收报告、照片），或按实际下调得分。";
      d.hint_en =
          "Attach the evidence behind the judgement (a survey summary, an acceptance report, "
          "photos), or lower the score to what can be shown.";
    }
  }

  // P905: the score rate far above the execution rate.
  if (ex.rate && p.evaluation.total_score.has_number()) {
    const Decimal total_weight =
        p.evaluation.total_weight.has_number() ? p.evaluation.total_weight.value : rb.total_weight;
    if (total_weight.sign() > 0) {
      const Decimal rate = Decimal::Divide(p.evaluation.total_score.value * Decimal::FromInt(100),
                                           total_weight, 2, Rounding::kHalfUp);
      if (rate - ex.rate->value > rb.score_above_execution_points) {
        Diagnostic& d = cx.Add("P905", Evaluation("total", "总分", "/evaluation/total_score"));
        d.reported = rate.Normalized().ToString() + "%";
        d.computed = ex.rate->value.Format(2) + "%";
        d.message_zh = fmt::format("得分率 {} 远高于预算执行率 {}。", d.reported, d.computed);
        d.message_en = fmt::format("The score rate {} is far above the execution rate {}.",
                                   d.reported, d.computed);
        d.hint_zh = "复核产出和效益得分是否与资金使用情况相称。";
        d.hint_en = "Check whether the scores are in keeping with how the money was used.";
      }
    }
  }

  // P906: staff above 编制.
  const Staffing& st = p.basic_data.staffing;
  if (st.authorized.has_number() && st.on_payroll.has_number() &&
      st.on_payroll.value > st.authorized.value) {
    Location loc;
    loc.document = "basic_data";
    loc.table = "staffing";
    loc.column = "on_payroll";
    loc.pointer = "/basic_data/staffing/on_payroll";
    Diagnostic& d = cx.Add("P906", std::move(loc));
    d.reported = st.on_payroll.Display();
    d.computed = "≤" + st.authorized.Display();
    d.message_zh =
        fmt::format("实际在职人数 {} 超过编制数 {}。", d.reported, st.authorized.Display());
    d.message_en = fmt::format("Staff on payroll ({}) exceed the authorized posts ({}).",
                               d.reported, st.authorized.Display());
    d.hint_zh = "说明超编原因及整改计划。";
    d.hint_en = "Explain the excess and the plan to correct it.";
  }

  // P907: 三公 rising.
  const ExpenseRow* three = FindExpenseRow(p.basic_data.expenses, "three_public");
  if (three != nullptr) {
    const Cell& prior = three->at(ExpenseColumn::kPriorFinal);
    const Cell& now = rb.three_public_basis == ThreePublicBasis::kFinal
                          ? three->at(ExpenseColumn::kFinal)
                          : three->at(ExpenseColumn::kBudget);
    if (prior.has_number() && now.has_number() && now.value > prior.value) {
      Location loc;
      loc.document = "basic_data";
      loc.table = "expenses";
      loc.row = three->label;
      loc.column = rb.three_public_basis == ThreePublicBasis::kFinal ? "final" : "budget";
      loc.row_cells = ExpenseRowCells(*three);
      loc.mark_cell = rb.three_public_basis == ThreePublicBasis::kFinal ? 3 : 2;
      Diagnostic& d = cx.Add("P907", std::move(loc));
      const Decimal change = now.value - prior.value;
      const Decimal pct =
          Decimal::Divide(change * Decimal::FromInt(100), prior.value, 2, Rounding::kHalfUp);
      d.reported = prior.Display() + " → " + now.Display();
      d.computed = fmt::format("+{}万元 (+{}%)", change.Normalized().ToString(), pct.ToString());
      d.message_zh = fmt::format("“三公”经费由 {} 增至 {} 万元，{}。", prior.Display(),
                                 now.Display(), d.computed);
      d.message_en = fmt::format("The three public expenses rose from {} to {}: {}.",
                                 prior.Display(), now.Display(), d.computed);
      d.hint_zh = "“三公”经费应只减不增；增加时说明原因。";
      d.hint_en = "The three public expenses should not rise; explain any rise.";
    }
  }

  // P908: a satisfaction figure needs a survey behind it.
  // (Without a report, there is no saying whether it mentions one.)
  const bool survey = (cx.report_words & kWordSurvey) || p.parts.report == PartState::kAbsent;
  for (const LeafScore& s : cx.sheet.leaves) {
    if (survey || s.actual.kind != Actual::Kind::kNumber) continue;
    if (!HasWord(s.indicator->name, "满意")) continue;
    Location loc = Evaluation("indicators", s.path, s.pointer + "/actual");
    loc.column = "actual";
    loc.row_cells = IndicatorRowCells(*s.indicator);
    loc.mark_cell = 2;
    Diagnostic& d = cx.Add("P908", std::move(loc));
    d.reported = std::string(TrimBlank(s.indicator->actual));
    d.message_zh = fmt::format("“{}”为 {}，但报告中没有说明满意度调查（问卷、测评等）。",
                               TrimBlank(s.indicator->name), d.reported);
    d.message_en = fmt::format("{} is {}, but the report mentions no satisfaction survey.",
                               TrimBlank(s.indicator->name), d.reported);
    d.hint_zh = "说明满意度的调查方式、样本量和结果。";
    d.hint_en = "State how satisfaction was surveyed, how many answered and the result.";
  }
}

}  // namespace jixiao::internal
