// Tree walkers and label cleaning.
#include "model/walk.h"

#include "base/text.h"

namespace jixiao {
namespace {

void WalkIndicators(const std::vector<Indicator>& nodes, const IndicatorVisit& parent_visit,
                    const std::string& base,
                    const std::function<void(const IndicatorVisit&)>& fn) {
  for (size_t i = 0; i < nodes.size(); ++i) {
    IndicatorVisit v;
    v.node = &nodes[i];
    v.parent = parent_visit.node;
    v.top = parent_visit.top ? parent_visit.top : &nodes[i];
    v.depth = parent_visit.depth + 1;
    v.pointer = base + "/" + std::to_string(i);
    const std::string name =
        nodes[i].name.empty() ? "（空行）" : std::string(TrimBlank(nodes[i].name));
    v.path = parent_visit.path.empty() ? name : parent_visit.path + " › " + name;
    fn(v);
    WalkIndicators(nodes[i].children, v, v.pointer + "/children", fn);
  }
}

void WalkExpenses(const std::vector<ExpenseRow>& rows, const ExpenseRow* parent, int depth,
                  const std::string& base, const std::function<void(const ExpenseVisit&)>& fn) {
  for (size_t i = 0; i < rows.size(); ++i) {
    ExpenseVisit v;
    v.row = &rows[i];
    v.parent = parent;
    v.depth = depth;
    v.pointer = base + "/" + std::to_string(i);
    fn(v);
    WalkExpenses(rows[i].children, &rows[i], depth + 1, v.pointer + "/children", fn);
  }
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

void ForEachIndicator(const std::vector<Indicator>& roots,
                      const std::function<void(const IndicatorVisit&)>& fn) {
  IndicatorVisit root;
  root.depth = 0;
  WalkIndicators(roots, root, "/evaluation/indicators", fn);
}

void ForEachExpenseRow(const std::vector<ExpenseRow>& roots,
                       const std::function<void(const ExpenseVisit&)>& fn) {
  WalkExpenses(roots, nullptr, 1, "/basic_data/expenses", fn);
}

const ExpenseRow* FindExpenseRow(const std::vector<ExpenseRow>& roots, std::string_view key) {
  for (const ExpenseRow& row : roots) {
    if (row.key == key) return &row;
    if (const ExpenseRow* found = FindExpenseRow(row.children, key)) return found;
  }
  return nullptr;
}

std::string CleanLabel(std::string_view label) {
  std::string_view s = TrimBlank(label);
  for (std::string_view prefix : {"其中：", "其中:", "其中"}) {
    if (StartsWith(s, prefix)) {
      s = TrimBlank(s.substr(prefix.size()));
      break;
    }
  }
  // Leading numbering: "1." "1、" "2.（" "一、" "（一）".
  static const std::string_view kNumerals[] = {"一", "二", "三", "四", "五",
                                               "六", "七", "八", "九", "十"};
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0) {
    for (std::string_view n : kNumerals) {
      if (StartsWith(s, n)) {
        i = n.size();
        break;
      }
    }
  }
  if (i > 0) {
    std::string_view rest = s.substr(i);
    for (std::string_view sep : {".", "、", "．"}) {
      if (StartsWith(rest, sep)) return std::string(TrimBlank(rest.substr(sep.size())));
    }
  }
  return std::string(s);
}

}  // namespace jixiao
