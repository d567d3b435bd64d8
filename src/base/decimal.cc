// Decimal: exact arithmetic on 128-bit units with overflow turned into an invalid value.
#include "base/decimal.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace jixiao {
namespace {

constexpr int kMaxDigits = 24;  // significant digits accepted by Parse

// num / den truncated toward zero, by the processor's 64-bit division when both fit (a 128-bit
// division is a library call many times dearer, and money seldom needs it).
__int128 Quotient(__int128 num, __int128 den) {
  if (num >= INT64_MIN && num <= INT64_MAX && den >= INT64_MIN && den <= INT64_MAX &&
      !(num == INT64_MIN && den == -1)) {
    return static_cast<int64_t>(num) / static_cast<int64_t>(den);
  }
  return num / den;
}

// q = num / den rounded by `mode`; den != 0.
__int128 RoundDiv(__int128 num, __int128 den, Rounding mode) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const __int128 q = Quotient(num, den);  // truncates toward zero
  const __int128 r = num - q * den;       // same sign as num (one 128-bit division, not two)
  if (r == 0) return q;
  const bool negative = num < 0;
  const __int128 twice = (r < 0 ? -r : r) * 2;  // r < den ≤ 10^38/2, no overflow here
  switch (mode) {
    case Rounding::kTruncate:
      return q;
    case Rounding::kFloor:
      return negative ? q - 1 : q;
    case Rounding::kCeiling:
      return negative ? q : q + 1;
    case Rounding::kHalfUp:
      if (twice >= den) return negative ? q - 1 : q + 1;
      return q;
    case Rounding::kHalfEven:
      if (twice > den || (twice == den && (q % 2 != 0))) return negative ? q - 1 : q + 1;
      return q;
  }
  return q;
}

bool MulOverflow(__int128 a, __int128 b, __int128* out) {
  return __builtin_mul_overflow(a, b, out);
}

// Brings a and b to a common scale; false on overflow.
bool Align(const Decimal& a, const Decimal& b, __int128* ua, __int128* ub, int* scale) {
  *scale = std::max(a.scale(), b.scale());
  return !MulOverflow(a.units(), Pow10(*scale - a.scale()), ua) &&
         !MulOverflow(b.units(), Pow10(*scale - b.scale()), ub);
}

}  // namespace

__int128 Pow10(int n) {
  // Built at compile time: no guard of a function's static to pass on every call.
  static constexpr auto kTable = [] {
    std::array<__int128, 39> t{};
    t[0] = 1;
    for (size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  return kTable[static_cast<size_t>(std::clamp(n, 0, 38))];
}

std::optional<Rounding> ParseRounding(std::string_view name) {
  if (name == "half_up") return Rounding::kHalfUp;
  if (name == "half_even") return Rounding::kHalfEven;
  if (name == "truncate") return Rounding::kTruncate;
  if (name == "floor") return Rounding::kFloor;
  if (name == "ceiling") return Rounding::kCeiling;
  return std::nullopt;
}

std::string_view RoundingName(Rounding mode) {
  switch (mode) {
    case Rounding::kHalfUp:
      return "half_up";
    case Rounding::kHalfEven:
      return "half_even";
    case Rounding::kTruncate:
      return "truncate";
    case Rounding::kFloor:
      return "floor";
    case Rounding::kCeiling:
      return "ceiling";
  }
  return "half_up";
}

Decimal Decimal::Invalid() {
  Decimal d;
  d.valid_ = false;
  return d;
}

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  __int128 units = 0;
  int scale = 0;
  int digits = 0;
  int significant = 0;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    ++digits;
    if (seen_point) ++scale;
    if (units != 0 || c != '0') ++significant;
    if (significant > kMaxDigits || scale > kMaxScale) return std::nullopt;
    units = units * 10 + (c - '0');
  }
  if (digits == 0) return std::nullopt;
  if (seen_point && (scale == 0 || digits == scale)) {
    return std::nullopt;  // "12." and ".5" are not how the forms write numbers
  }
  return Decimal(negative ? -units : units, scale);
}

bool Decimal::is_integer() const { return valid_ && units_ % Pow10(scale_) == 0; }

bool Decimal::RoundsTo(const Decimal& written) const {
  return valid_ && written.valid() && Rounded(written.scale(), Rounding::kHalfUp) == written;
}

Decimal Decimal::Rounded(int decimals, Rounding mode) const {
  if (!valid_) return *this;
  decimals = std::clamp(decimals, 0, kMaxScale);
  if (decimals >= scale_) {
    __int128 u;
    if (MulOverflow(units_, Pow10(decimals - scale_), &u)) return Invalid();
    return Decimal(u, decimals);
  }
  return Decimal(RoundDiv(units_, Pow10(scale_ - decimals), mode), decimals);
}

Decimal Decimal::Normalized() const {
  if (!valid_) return *this;
  int s = scale_;
  // In 64 bits where the units fit (128-bit division by ten is a library call).
  const auto strip = [&s](auto u) {
    while (s > 0 && u % 10 == 0) {
      u /= 10;
      --s;
    }
    return static_cast<__int128>(u);
  };
  const bool fits = units_ >= INT64_MIN && units_ <= INT64_MAX;
  const __int128 u = fits ? strip(static_cast<int64_t>(units_)) : strip(units_);
  return Decimal(u, s);
}

std::string Decimal::ToString() const {
  if (!valid_) return "NaN";
  // At most 39 digits, a point, a sign and leading zeros up to the scale: 64 bytes suffice.
  char buffer[64];
  char* end = buffer + sizeof(buffer);
  char* p = end;
  unsigned __int128 u =
      units_ < 0 ? -static_cast<unsigned __int128>(units_) : static_cast<unsigned __int128>(units_);
  int written = 0;
  const auto digit = [&](auto* v) {
    *--p = static_cast<char>('0' + static_cast<int>(*v % 10));
    *v /= 10;
    if (++written == scale_) *--p = '.';
  };
  // The digits beyond 64 bits first, then the rest in 64 bits (128-bit division by ten is a
  // library call); a value that needed the first loop leaves a nonzero rest for the second.
  while (u > UINT64_MAX) digit(&u);
  uint64_t v = static_cast<uint64_t>(u);
  do {
    digit(&v);
  } while (v != 0 || written <= scale_);
  if (*p == '.') *--p = '0';
  if (units_ < 0) *--p = '-';
  return std::string(p, static_cast<size_t>(end - p));
}

std::string Decimal::Format(int decimals, Rounding mode) const {
  return Rounded(decimals, mode).ToString();
}

std::optional<int64_t> Decimal::ToInt64() const {
  if (!is_integer()) return std::nullopt;
  __int128 v = units_ / Pow10(scale_);
  if (v > INT64_MAX || v < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(v);
}

Decimal Decimal::operator-() const {
  if (!valid_) return *this;
  return Decimal(-units_, scale_);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  if (!a.valid_ || !b.valid_) return Decimal::Invalid();
  __int128 ua, ub, sum;
  if (a.scale_ == b.scale_) {  // most sums are of figures written alike: nothing to align
    if (__builtin_add_overflow(a.units_, b.units_, &sum)) return Decimal::Invalid();
    return Decimal(sum, a.scale_);
  }
  int scale;
  if (!Align(a, b, &ua, &ub, &scale) || __builtin_add_overflow(ua, ub, &sum)) {
    return Decimal::Invalid();
  }
  return Decimal(sum, scale);
}

Decimal operator-(const Decimal& a, const Decimal& b) { return a + (-b); }

Decimal operator*(const Decimal& a, const Decimal& b) {
  if (!a.valid_ || !b.valid_) return Decimal::Invalid();
  __int128 product;
  if (MulOverflow(a.units_, b.units_, &product)) return Decimal::Invalid();
  int scale = a.scale_ + b.scale_;
  if (scale > Decimal::kMaxScale) {
    product = RoundDiv(product, Pow10(scale - Decimal::kMaxScale), Rounding::kHalfEven);
    scale = Decimal::kMaxScale;
  }
  return Decimal(product, scale);
}

namespace {

// a/b = (ua·10^-sa)/(ub·10^-sb) as the integer fraction num/den of the result's units at
// `scale` decimals: units = ua·10^(scale+sb-sa) / ub. False on overflow.
bool DivisionTerms(const Decimal& a, const Decimal& b, int scale, __int128* num, __int128* den) {
  *num = a.units();
  *den = b.units();
  const int shift = scale + b.scale() - a.scale();
  if (shift >= 0) return !MulOverflow(*num, Pow10(shift), num);
  return !MulOverflow(*den, Pow10(-shift), den);
}

}  // namespace

Decimal Decimal::Divide(const Decimal& a, const Decimal& b, int scale, Rounding mode) {
  if (!a.valid_ || !b.valid_ || b.units_ == 0) return Invalid();
  scale = std::clamp(scale, 0, kMaxScale);
  __int128 num, den;
  if (!DivisionTerms(a, b, scale, &num, &den)) return Invalid();
  return Decimal(RoundDiv(num, den, mode), scale);
}

bool Decimal::DivideOutward(const Decimal& a, const Decimal& b, int scale, Decimal* down,
                            Decimal* up) {
  if (!a.valid_ || !b.valid_ || b.units_ == 0) return false;
  scale = std::clamp(scale, 0, kMaxScale);
  __int128 num, den;
  if (!DivisionTerms(a, b, scale, &num, &den)) return false;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const __int128 q = Quotient(num, den);  // truncates toward zero
  const __int128 r = num - q * den;
  // Inexact: the floor is below a negative quotient's truncation, the ceiling above a
  // positive one's (what RoundDiv's kFloor and kCeiling give).
  *down = Decimal(r != 0 && num < 0 ? q - 1 : q, scale);
  *up = Decimal(r != 0 && num > 0 ? q + 1 : q, scale);
  return true;
}

int Decimal::Compare(const Decimal& other) const {
  if (!valid_ || !other.valid_) return 2;
  if (scale_ == other.scale_) return units_ < other.units_ ? -1 : (units_ > other.units_ ? 1 : 0);
  __int128 ua, ub;
  int scale;
  if (!Align(*this, other, &ua, &ub, &scale)) {
    // Only reachable with extreme magnitudes: compare by sign, then by integer parts.
    const __int128 ia = units_ / Pow10(scale_);
    const __int128 ib = other.units_ / Pow10(other.scale_);
    return ia < ib ? -1 : (ia > ib ? 1 : 0);
  }
  return ua < ub ? -1 : (ua > ub ? 1 : 0);
}

Decimal Decimal::HalfUlp() const { return Decimal(5, std::min(scale_ + 1, kMaxScale)); }

}  // namespace jixiao
