// Interval: what a written figure stands for, and what can be computed from such figures.
//
// A reviewer's rule (DOMAIN.md §4): a figure written with d decimals stands for the
// interval ±½·10^-d around it; a check flags only when the reported interval and the
// recomputed interval cannot meet. Interval arithmetic here is outward-rounded: bounds are
// exact for + − ×, and division rounds the lower bound down and the upper bound up, so a
// computed interval always contains the true value.
//
// Immutable values; safe from any thread.
#pragma once

#include <optional>
#include <string>

#include "base/decimal.h"

namespace jixiao {

class Interval {
 public:
  // Decimals kept by division results (far below any printed precision).
  static constexpr int kDivisionScale = 12;

  Interval() = default;
  static Interval Point(const Decimal& v) { return Interval(v, v); }
  static Interval Between(const Decimal& lo, const Decimal& hi) { return Interval(lo, hi); }
  // The interval a written figure stands for: "124.88" → [124.875, 124.885].
  static Interval Written(const Decimal& v) { return Interval(v - v.HalfUlp(), v + v.HalfUlp()); }

  const Decimal& lo() const { return lo_; }
  const Decimal& hi() const { return hi_; }
  bool valid() const { return lo_.valid() && hi_.valid() && lo_ <= hi_; }
  bool is_point() const { return lo_ == hi_; }
  bool Contains(const Decimal& v) const { return lo_ <= v && v <= hi_; }
  bool Meets(const Interval& other) const { return lo_ <= other.hi_ && other.lo_ <= hi_; }
  // Distance between the intervals (0 when they meet).
  Decimal Gap(const Interval& other) const;
  // Midpoint rounded half-up to `decimals`; the "point" value shown for a computed figure.
  Decimal Mid(int decimals) const;

  friend Interval operator+(const Interval& a, const Interval& b);
  friend Interval operator-(const Interval& a, const Interval& b);
  friend Interval operator*(const Interval& a, const Interval& b);
  // nullopt when the divisor interval contains zero (the ratio is unbounded).
  static std::optional<Interval> Divide(const Interval& a, const Interval& b);
  Interval Min(const Decimal& cap) const;    // elementwise min(x, cap)
  Interval Max(const Decimal& floor) const;  // elementwise max(x, floor)
  // Both bounds rounded with `mode` to `decimals` (what printing each end would give).
  Interval Rounded(int decimals, Rounding mode) const;

  // "[98.2455, 98.2612]" or "98.25" for a point.
  std::string ToString() const;

 private:
  Interval(const Decimal& lo, const Decimal& hi) : lo_(lo), hi_(hi) {}
  Decimal lo_;
  Decimal hi_;
};

}  // namespace jixiao
