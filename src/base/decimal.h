// Decimal: the exact number type for money, rates and scores. jixiao never uses binary
// floating point for these.
//
// A Decimal is units × 10^-scale with a 128-bit `units`. The scale remembers how many
// decimals were *written* ("127.10" has scale 2, "37" has scale 0): the tolerance of a
// reviewer's check depends on it (a figure written with d decimals stands for ±½·10^-d).
// Addition, subtraction and multiplication are exact; division takes the scale and the
// rounding mode of its result. An arithmetic overflow gives an invalid Decimal (like NaN):
// it propagates, compares unequal to everything, and prints "NaN" — it never crashes.
//
// Values are immutable and safe to share between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao {

// How a value is brought to fewer decimals. The forms round half up (98.2533 → 98.25,
// 108.6957 → 108.70); regions may choose another mode in their rulebook.
enum class Rounding {
  kHalfUp,    // ties away from zero ("四舍五入")
  kHalfEven,  // ties to the even neighbour (banker's rounding)
  kTruncate,  // toward zero ("截位")
  kFloor,     // toward −∞ (used for lower bounds of intervals)
  kCeiling,   // toward +∞ (used for upper bounds of intervals)
};

// "half_up", "half_even", "truncate", "floor", "ceiling" ↔ Rounding.
std::optional<Rounding> ParseRounding(std::string_view name);
std::string_view RoundingName(Rounding mode);

class Decimal {
 public:
  static constexpr int kMaxScale = 18;

  Decimal() = default;  // 0, scale 0
  static Decimal FromInt(int64_t value) { return Decimal(value, 0); }
  // units × 10^-scale; scale must be in [0, kMaxScale].
  static Decimal FromUnits(__int128 units, int scale) { return Decimal(units, scale); }
  static Decimal Invalid();

  // Strict syntax: optional '-', ASCII digits, optional '.' and digits ("124.88", "-3",
  // "0.5"). At most 24 significant digits and kMaxScale decimals. Returns nullopt otherwise.
  // Document text (full-width digits, thousands separators, '%') goes through
  // ParseDocumentNumber in base/number_text.h.
  static std::optional<Decimal> Parse(std::string_view text);

  bool valid() const { return valid_; }
  int scale() const { return scale_; }
  __int128 units() const { return units_; }
  int sign() const { return units_ > 0 ? 1 : (units_ < 0 ? -1 : 0); }
  bool is_zero() const { return valid_ && units_ == 0; }
  bool is_integer() const;

  // The value brought to exactly `decimals` decimals (more or fewer) with `mode`.
  Decimal Rounded(int decimals, Rounding mode = Rounding::kHalfUp) const;
  // Whether this value, rounded half up to as many decimals as `written` has, is `written`:
  // how a figure worked out from others is compared with one printed ("4.9165" rounds to a
  // written "4.9"; "0.7599" does not round to "0.75").
  bool RoundsTo(const Decimal& written) const;
  // Trailing zeros removed ("127.10" → "127.1", "37.00" → "37").
  Decimal Normalized() const;
  // The value as written: "127.10", "-0.5", "NaN" when invalid.
  std::string ToString() const;
  // Rounded(decimals, mode).ToString().
  std::string Format(int decimals, Rounding mode = Rounding::kHalfUp) const;
  // Integral value, if the value is an integer that fits.
  std::optional<int64_t> ToInt64() const;

  Decimal operator-() const;
  Decimal Abs() const { return sign() < 0 ? -*this : *this; }
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  // Exact product; the scale is the sum of scales, brought back to kMaxScale (half-even)
  // when it would exceed it.
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  // a ÷ b with `scale` decimals rounded by `mode`; invalid when b is zero.
  static Decimal Divide(const Decimal& a, const Decimal& b, int scale, Rounding mode);
  // Divide(a, b, scale, kFloor) and Divide(a, b, scale, kCeiling) at once, with one division:
  // false where Divide would be invalid.
  static bool DivideOutward(const Decimal& a, const Decimal& b, int scale, Decimal* down,
                            Decimal* up);

  // Numeric comparison, independent of scale ("1.50" == "1.5"). Invalid values compare
  // unequal to everything (Compare returns 2 for them).
  int Compare(const Decimal& other) const;
  friend bool operator==(const Decimal& a, const Decimal& b) { return a.Compare(b) == 0; }
  friend bool operator!=(const Decimal& a, const Decimal& b) { return !(a == b); }
  friend bool operator<(const Decimal& a, const Decimal& b) { return a.Compare(b) == -1; }
  friend bool operator>(const Decimal& a, const Decimal& b) { return a.Compare(b) == 1; }
  friend bool operator<=(const Decimal& a, const Decimal& b) {
    int c = a.Compare(b);
    return c == -1 || c == 0;
  }
  friend bool operator>=(const Decimal& a, const Decimal& b) {
    int c = a.Compare(b);
    return c == 1 || c == 0;
  }
  // Same value *and* same written scale.
  bool Identical(const Decimal& other) const {
    return valid_ == other.valid_ && units_ == other.units_ && scale_ == other.scale_;
  }

  static const Decimal& Min(const Decimal& a, const Decimal& b) { return b < a ? b : a; }
  static const Decimal& Max(const Decimal& a, const Decimal& b) { return a < b ? b : a; }

  // Half of one unit in the last written place: 0.005 for "124.88", 0.5 for "37".
  Decimal HalfUlp() const;

 private:
  Decimal(__int128 units, int scale) : units_(units), scale_(scale) {}
  __int128 units_ = 0;
  int scale_ = 0;
  bool valid_ = true;
};

// 10^n for n in [0, 38]; used by the arithmetic.
__int128 Pow10(int n);

}  // namespace jixiao
