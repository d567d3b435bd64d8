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

namespace {

// Both ends the same number written the same way (a point such as a unit's factor).
bool SameEnds(const Decimal& lo, const Decimal& hi) {
  return lo.valid() && hi.valid() && lo.units() == hi.units() && lo.scale() == hi.scale();
}

}  // namespace

Interval operator*(const Interval& a, const Interval& b) {
  // A point factor (a unit's scale, 100 for a percent) gives two distinct products, not four;
  // the ends are picked as the general case below picks them (the first on a tie).
  const bool b_point = SameEnds(b.lo_, b.hi_);
  if (b_point || SameEnds(a.lo_, a.hi_)) {
    const Decimal first = a.lo_ * b.lo_;
    const Decimal second = b_point ? a.hi_ * b.lo_ : a.lo_ * b.hi_;
    if (!first.valid() || !second.valid()) return Interval(Decimal::Invalid(), Decimal::Invalid());
    return Interval(Decimal::Min(first, second), Decimal::Max(first, second));
  }
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
      Decimal down, up;
      if (!Decimal::DivideOutward(*x, *y, kDivisionScale, &down, &up)) return std::nullopt;
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
