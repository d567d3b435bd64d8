// Interval arithmetic with outward rounding.
#include "base/interval.h"

namespace jixiao {

Decimal Interval::Gap(const Interval& other) const {
  if (Meets(other)) return Decimal();
  return hi_ < other.lo_ ? other.lo_ - hi_ : lo_ - other.hi_;
}

Decimal Interval::Mid(int decimals) const {
  return Decimal::Divide(lo_ + hi_, Decimal::FromInt(2), decimals, Rounding::kHalfUp);
}

Interval operator+(const Interval& a, const Interval& b) {
  return Interval(a.lo_ + b.lo_, a.hi_ + b.hi_);
}

Interval operator-(const Interval& a, const Interval& b) {
  return Interval(a.lo_ - b.hi_, a.hi_ - b.lo_);
}

Interval operator*(const Interval& a, const Interval& b) {
  const Decimal p[] = {a.lo_ * b.lo_, a.lo_ * b.hi_, a.hi_ * b.lo_, a.hi_ * b.hi_};
  Decimal lo = p[0], hi = p[0];
  for (const Decimal& x : p) {
    if (!x.valid()) return Interval(Decimal::Invalid(), Decimal::Invalid());
    lo = Decimal::Min(lo, x);
    hi = Decimal::Max(hi, x);
  }
  return Interval(lo, hi);
}

std::optional<Interval> Interval::Divide(const Interval& a, const Interval& b) {
  if (!b.valid() || !a.valid() || b.Contains(Decimal())) return std::nullopt;
  const Decimal* ends_a[] = {&a.lo_, &a.hi_};
  const Decimal* ends_b[] = {&b.lo_, &b.hi_};
  std::optional<Decimal> lo, hi;
  for (const Decimal* x : ends_a) {
    for (const Decimal* y : ends_b) {
      const Decimal down = Decimal::Divide(*x, *y, kDivisionScale, Rounding::kFloor);
      const Decimal up = Decimal::Divide(*x, *y, kDivisionScale, Rounding::kCeiling);
      if (!down.valid() || !up.valid()) return std::nullopt;
      lo = lo ? Decimal::Min(*lo, down) : down;
      hi = hi ? Decimal::Max(*hi, up) : up;
    }
  }
  return Interval(*lo, *hi);
}

Interval Interval::Min(const Decimal& cap) const {
  return Interval(Decimal::Min(lo_, cap), Decimal::Min(hi_, cap));
}

Interval Interval::Max(const Decimal& floor) const {
  return Interval(Decimal::Max(lo_, floor), Decimal::Max(hi_, floor));
}

Interval Interval::Rounded(int decimals, Rounding mode) const {
  return Interval(lo_.Rounded(decimals, mode), hi_.Rounded(decimals, mode));
}

std::string Interval::ToString() const {
  if (is_point()) return lo_.Normalized().ToString();
  return "[" + lo_.Normalized().ToString() + ", " + hi_.Normalized().ToString() + "]";
}

}  // namespace jixiao
