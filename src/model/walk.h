// Walking the trees of a package (indicators, expense rows) with the JSON pointer and the
// printed path of every node, so that checks and reports can say exactly where they are.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/package.h"

namespace jixiao {

struct IndicatorVisit {
  const Indicator* node = nullptr;
  const Indicator* parent = nullptr;  // nullptr for 一级
  const Indicator* top = nullptr;     // the 一级 indicator this node belongs to
  int depth = 1;                      // 1 = 一级
  std::string pointer;                // "/evaluation/indicators/0/children/2"
  std::string path;                   // "产出指标 › 重点工作任务完成"
};

// Calls `fn` for every indicator in pre-order.
void ForEachIndicator(const std::vector<Indicator>& roots,
                      const std::function<void(const IndicatorVisit&)>& fn);

struct ExpenseVisit {
  const ExpenseRow* row = nullptr;
  const ExpenseRow* parent = nullptr;
  int depth = 1;
  std::string pointer;  // "/basic_data/expenses/0/children/1"
};

void ForEachExpenseRow(const std::vector<ExpenseRow>& roots,
                       const std::function<void(const ExpenseVisit&)>& fn);

// The first row with this key (pre-order), or nullptr.
const ExpenseRow* FindExpenseRow(const std::vector<ExpenseRow>& roots, std::string_view key);

// A printed label without its numbering and "其中：" prefix: "其中：公用经费" → "公用经费",
// "  1.科普专项经费" → "科普专项经费", "一、部门基本支出" → "部门基本支出".
std::string CleanLabel(std::string_view label);

}  // namespace jixiao
