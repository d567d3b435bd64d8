// Figure: a value jixiao works with, together with the interval it stands for. A reported
// cell "124.88" is the figure 124.88 with range [124.875, 124.885]; a count "8" is exact;
// a derived figure carries the range that follows from its inputs' ranges. Checks compare
// ranges (flag only when they cannot meet); printing uses the value.
//
// Immutable values; safe from any thread.
#pragma once

#include <optional>

#include "base/decimal.h"
#include "base/interval.h"
#include "model/package.h"

namespace jixiao {

struct Figure {
  Decimal value;
  Interval range;

  static Figure Exact(const Decimal& v) { return Figure{v, Interval::Point(v)}; }
  static Figure Written(const Decimal& v) { return Figure{v, Interval::Written(v)}; }
};

// A number cell as a written figure (its range is ±½ of its last written decimal); nullopt
// for blank and not-applicable cells.
std::optional<Figure> FigureOf(const Cell& cell);
// A number cell that counts something (persons, weights): exact.
std::optional<Figure> ExactFigureOf(const Cell& cell);

Figure operator+(const Figure& a, const Figure& b);
Figure operator-(const Figure& a, const Figure& b);
Figure operator*(const Figure& a, const Figure& b);
// a ÷ b × 100 (a percentage); nullopt when b's range contains 0.
std::optional<Figure> PercentOf(const Figure& a, const Figure& b);
// a ÷ b; nullopt when b's range contains 0.
std::optional<Figure> Ratio(const Figure& a, const Figure& b);

}  // namespace jixiao
