// Checks of the 自评表's own text: the sums its 年度总体目标 and its indicators' 实际完成值 and
// 偏差原因 state (an amount and the amounts it is made of, narrative/stated_sums.h) must add up
// (N801).
#include <fmt/format.h>

#include "check/check_context.h"
#include "model/walk.h"
#include "narrative/stated_sums.h"

namespace jixiao::internal {
namespace {

void CheckText(CheckContext& cx, const std::string& text, const std::string& pointer,
               std::string_view column, std::string_view column_zh, std::string_view column_en,
               std::string_view table = "goals", std::string_view row = "年度总体目标") {
  for (const StatedSum& s : FindStatedSums(text)) {
    if (s.holds) continue;
    Location loc;
    loc.document = "evaluation";
    loc.table = std::string(table);
    loc.row = std::string(row);
    loc.column = std::string(column);
    loc.pointer = pointer;
    Diagnostic& d = cx.Add("N801", std::move(loc));
    std::string parts;
    for (const StatedAmount& a : s.parts) parts += (parts.empty() ? "" : " + ") + a.written();
    d.reported = s.total.written();
    d.computed = s.sum.ToString() + s.total.unit;
    d.message_zh =
        s.whole ? fmt::format("{}写明总额 {}，但所列各项 {} 合计为 {}。", column_zh, d.reported,
                              parts, d.computed)
                : fmt::format("{}写明总额 {}，但其中所列各项 {} 合计为 {}，超过总额。", column_zh,
                              d.reported, parts, d.computed);
    d.message_en =
        s.whole ? fmt::format("The {} state a total of {}, but the parts listed, {}, add up to {}.",
                              column_en, d.reported, parts, d.computed)
                : fmt::format("The {} state a total of {}, but the parts named, {}, add up to {}, "
                              "more than the total.",
                              column_en, d.reported, parts, d.computed);
    d.hint_zh = "核对总额和各分项金额，使分项之和等于总额。";
    d.hint_en = "Check the total and its parts so that the parts add up to it.";
  }
}

}  // namespace

void CheckGoals(CheckContext& cx) {
  const Goals& g = cx.package.evaluation.goals;
  for (size_t i = 0; i < g.planned.size(); ++i) {
    CheckText(cx, g.planned[i].text, fmt::format("/evaluation/goals/planned/{}/text", i), "planned",
              "年度总体目标的预期目标", "planned goals");
  }
  CheckText(cx, g.achieved, "/evaluation/goals/achieved", "achieved", "年度总体目标的实际完成情况",
            "goals achieved");
  ForEachIndicator(cx.package.evaluation.indicators, [&](const IndicatorVisit& v) {
    if (!v.node->is_leaf()) return;
    const std::string base = v.pointer();
    CheckText(cx, v.node->actual, base + "/actual", "actual",
              "指标“" + v.node->name + "”的实际完成值",
              "actual value of indicator " + v.node->name, "indicators", v.node->name);
    CheckText(cx, v.node->deviation, base + "/deviation", "deviation",
              "指标“" + v.node->name + "”的偏差原因",
              "deviation reason of indicator " + v.node->name, "indicators", v.node->name);
  });
}

}  // namespace jixiao::internal
