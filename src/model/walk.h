// Walking the trees of a package (indicators, expense rows) with the JSON pointer and the
// printed path of every node, so that checks and reports can say exactly where they are.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/package.h"

namespace jixiao {

// A visit is only valid during the callback: it refers to the walker's stacks. The pointer
// and path strings are built on demand, since most visits never need them.
struct IndicatorVisit {
  const Indicator* node = nullptr;
  const Indicator* parent = nullptr;  // nullptr for 一级
  const Indicator* top = nullptr;     // the 一级 indicator this node belongs to
  int depth = 1;                      // 1 = 一级
  const std::vector<const Indicator*>* chain = nullptr;  // 一级 … node
  const std::vector<int>* indices = nullptr;             // index at each level

  std::string pointer() const;  // "/evaluation/indicators/0/children/2"
  std::string path() const;     // "产出指标 › 重点工作任务完成"
};

// Calls `fn` for every indicator in pre-order.
void ForEachIndicator(const std::vector<Indicator>& roots,
                      const std::function<void(const IndicatorVisit&)>& fn);

// Valid during the callback only, like IndicatorVisit.
struct ExpenseVisit {
  const ExpenseRow* row = nullptr;
  const ExpenseRow* parent = nullptr;
  int depth = 1;
  const std::vector<int>* indices = nullptr;

  std::string pointer() const;  // "/basic_data/expenses/0/children/1"
};

// "产出指标 › 重点工作任务完成" for a chain of nodes (empty names print as （空行）).
std::string IndicatorPath(const std::vector<const Indicator*>& chain);

void ForEachExpenseRow(const std::vector<ExpenseRow>& roots,
                       const std::function<void(const ExpenseVisit&)>& fn);

// The first row with this key (pre-order), or nullptr.
const ExpenseRow* FindExpenseRow(const std::vector<ExpenseRow>& roots, std::string_view key);

// A printed label without its numbering and "其中：" prefix: "其中：公用经费" → "公用经费",
// "  1.科普专项经费" → "科普专项经费", "一、部门基本支出" → "部门基本支出".
std::string CleanLabel(std::string_view label);

}  // namespace jixiao
