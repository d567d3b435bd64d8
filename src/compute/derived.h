// Derived figures (DOMAIN.md §2): every rate and change a reader of the package expects,
// computed exactly from the reported figures — staff control rate, execution rate, budget
// adjustment, 公用经费 and 三公 control rates, the 三公 change (on the rulebook's basis),
// building control rates, procurement execution, and the year-on-year change of every
// expense row. Each is kept exact (value) and shown rounded as the rulebook prints rates.
//
// Pure function; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "compute/figure.h"
#include "model/package.h"
#include "rules/rulebook.h"

namespace jixiao {

struct DerivedFigure {
  std::string key;      // "staff_control_rate", "yoy:/basic_data/expenses/0/children/1" …
  std::string name_zh;  // "人员控制率"
  std::string name_en;
  std::string formula;  // "实际在职人数 ÷ 编制数"
  Figure value;         // percent for rates, 万元 for amounts
  bool percent = false;
  std::string shown;  // rounded per rulebook, with "%" for rates
};

// The figures that can be computed (those whose inputs are filled), in a fixed order.
std::vector<DerivedFigure> DeriveFigures(const Package& package, const Rulebook& rulebook);

}  // namespace jixiao
