// Figure arithmetic: values exactly, ranges outward-rounded.
#include "compute/figure.h"

namespace jixiao {

std::optional<Figure> FigureOf(const Cell& cell) {
  if (!cell.has_number() || !cell.value.valid()) return std::nullopt;
  return Figure::Written(cell.value);
}

std::optional<Figure> ExactFigureOf(const Cell& cell) {
  if (!cell.has_number() || !cell.value.valid()) return std::nullopt;
  return Figure::Exact(cell.value);
}

Figure operator+(const Figure& a, const Figure& b) {
  return Figure{a.value + b.value, a.range + b.range};
}

Figure operator-(const Figure& a, const Figure& b) {
  return Figure{a.value - b.value, a.range - b.range};
}

Figure operator*(const Figure& a, const Figure& b) {
  return Figure{a.value * b.value, a.range * b.range};
}

std::optional<Figure> Ratio(const Figure& a, const Figure& b) {
  auto range = Interval::Divide(a.range, b.range);
  if (!range || b.value.is_zero()) return std::nullopt;
  return Figure{Decimal::Divide(a.value, b.value, Interval::kDivisionScale, Rounding::kHalfEven),
                *range};
}

std::optional<Figure> PercentOf(const Figure& a, const Figure& b) {
  // Multiply first so the only rounding is the division's, at 12 decimals of the percent.
  return Ratio(a * Figure::Exact(Decimal::FromInt(100)), b);
}

}  // namespace jixiao
