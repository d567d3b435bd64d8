// Indicator rows run together on one line, without the table's header: what a web page keeps
// of a 项目支出绩效自评表 when it shows only the tail of the table ("产出指标数量指标足额保障率
// =100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 效益指标经济效益指标结余率
// ≤5% 22.5 合计100 评价结论…"). Each row is an indicator's name, glued to the 一级 and 二级
// group names that open it when the group changes, its target (an operator — =, ≥, ≤, >, < in
// either width — a figure and a short unit), a blank and its 分值 (a figure from 0 to 100, at
// most two decimals, with or without 分), then a blank.
//
// Only such pairs make a row: a name without an operator, a target that is not a figure or a
// pair without its 分值 ends the run, and what follows (合计, the 评价结论 text) stays text.
// A run is at least two rows and opens with a group name, so that a sentence of a report that
// quotes a target and a figure is never read as one.
//
// Pure function; linear in the length of the line.
#pragma once

#include <string_view>
#include <vector>

namespace jixiao {

struct IndicatorRunRow {
  std::string_view level1;  // "产出指标", or empty when the row stays in the group above
  std::string_view level2;  // "数量指标", or empty
  std::string_view name;    // "足额保障率"
  std::string_view target;  // "=100%"
  std::string_view weight;  // "22.5"
};

struct IndicatorRun {
  std::string_view before;  // the line's text before the run (trimmed; may be empty)
  std::vector<IndicatorRunRow> rows;
  std::string_view after;  // the rest of the line (trimmed; may be empty)
};

inline constexpr size_t kFewestRunRows = 2;

// The run `line` holds, or an empty run (no rows) when it holds none.
IndicatorRun ReadIndicatorRun(std::string_view line);

}  // namespace jixiao
