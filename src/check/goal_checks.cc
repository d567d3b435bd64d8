// Checks of the 自评表's own text: the sums its 年度总体目标 and its indicators' 实际完成值 and
// 偏差原因 state (an amount and the amounts it is made of, narrative/stated_sums.h) must add up
// (N801).
#include <fmt/format.h>

#include "check/check_context.h"
#include "model/walk.h"
#include "narrative/stated_sums.h"

namespace jixiao::internal {
namespace {

// Where a text of the 自评表 is and how a finding names it: built only for a finding, since
// most texts state no sum that fails.
struct TextPlace {
  std::string pointer;
  std::string_view column;
  std::string column_zh;
  std::string column_en;
  std::string_view table = "goals";
  std::string_view row = "年度总体目标";
};

template <typename Place>
void CheckText(CheckContext& cx, const std::string& text, Place place_of) {
  for (const StatedSum& s : FindStatedSums(text)) {
    if (s.holds) continue;
    const TextPlace place = place_of();
    const std::string& column_zh = place.column_zh;
    const std::string& column_en = place.column_en;
    Location loc;
    loc.document = "evaluation";
    loc.table = std::string(place.table);
    loc.row = std::string(place.row);
    loc.column = std::string(place.column);
    loc.pointer = place.pointer;
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
    CheckText(cx, g.planned[i].text, [&] {
      return TextPlace{fmt::format("/evaluation/goals/planned/{}/text", i), "planned",
                       "年度总体目标的预期目标", "planned goals"};
    });
  }
  CheckText(cx, g.achieved, [] {
    return TextPlace{"/evaluation/goals/achieved", "achieved", "年度总体目标的实际完成情况",
                     "goals achieved"};
  });
  ForEachIndicator(cx.package.evaluation.indicators, [&](const IndicatorVisit& v) {
    if (!v.node->is_leaf()) return;
    const std::string& name = v.node->name;
    // A leaf's text named by its column: "指标“…”的实际完成值", "actual value of indicator …".
    const auto place = [&](std::string_view column, std::string_view zh, std::string_view en) {
      return [&v, &name, column, zh, en] {
        return TextPlace{v.pointer() + "/" + std::string(column),
                         column,
                         "指标“" + name + "”的" + std::string(zh),
                         std::string(en) + " of indicator " + name,
                         "indicators",
                         name};
      };
    };
    CheckText(cx, v.node->actual, place("actual", "实际完成值", "actual value"));
    CheckText(cx, v.node->deviation, place("deviation", "偏差原因", "deviation reason"));
  });
}

}  // namespace jixiao::internal
