// Formula: the small arithmetic language of a rulebook's [[metrics]] (docs/rulebook-format.md,
// "Formulas"). A formula combines the package's figures (named by dotted paths such as
// `staffing.on_payroll` or `expenses.three_public.final`), metrics defined before it, and
// decimal numbers with + − × ÷ and parentheses. It is parsed once, when the rulebook is loaded,
// into a postfix program; compute/deductions.h evaluates it, exactly, on a package.
//
// Pure functions and immutable values; safe from any thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.h"

namespace jixiao {

struct FormulaOp {
  enum class Kind { kNumber, kFigure, kMetric, kAdd, kSubtract, kMultiply, kDivide, kNegate };
  Kind kind = Kind::kNumber;
  Decimal number;    // kNumber
  std::string name;  // kFigure: the figure's path; kMetric: the metric's id
  int metric = -1;   // kMetric: index into the rulebook's metrics
};

// A parsed formula, in postfix order: "a - b / 2" is a, b, 2, ÷, −.
struct Formula {
  std::vector<FormulaOp> ops;
};

// Where a formula is wrong: the code point (counted from 1) where reading stopped, and why, in
// the language in force.
struct FormulaError {
  size_t character = 0;
  std::string message;
};

// Parses `text`. `metric_index` gives the index of a metric id defined before this formula, or
// -1. Names with a '.' are figures and must be one of FormulaFigureNames(); other names are
// metrics. Returns false and fills *error on the first problem:
//   "unexpected \")\""                   "expected a number, a name or \"(\", found the end"
//   "unknown figure \"staffing.onpayroll\" (did you mean staffing.on_payroll?)"
//   "unknown metric \"rate\" (metrics are defined before they are used)"
//   "\"1.2.3\" is not a decimal number"   "\"(\" is never closed"
// Operators: + - (also −), * (also ×), / (also ÷); parentheses ( ) or （ ）.
bool ParseFormula(std::string_view text, const std::function<int(std::string_view)>& metric_index,
                  Formula* out, FormulaError* error);

// Every figure name a formula may use, in documentation order.
const std::vector<std::string>& FormulaFigureNames();

}  // namespace jixiao
