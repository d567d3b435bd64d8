// Tests of Interval: the written-figure rule and outward-rounded arithmetic.
#include "base/interval.h"

#include <gtest/gtest.h>

#include <random>

namespace jixiao {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }

TEST(Interval, WrittenFigureStandsForHalfUlp) {
  const Interval i = Interval::Written(D("124.88"));
  EXPECT_EQ(i.lo().ToString(), "124.875");
  EXPECT_EQ(i.hi().ToString(), "124.885");
  EXPECT_EQ(Interval::Written(D("37")).ToString(), "[36.5, 37.5]");
}

TEST(Interval, MeetsAndGap) {
  const Interval a = Interval::Written(D("0.68"));
  const Interval b = Interval::Written(D("0.67")) + Interval::Written(D("0.01"));
  EXPECT_TRUE(a.Meets(b));
  const Interval c = Interval::Written(D("0.70"));
  EXPECT_FALSE(a.Meets(c));
  EXPECT_EQ(a.Gap(c).ToString(), "0.010");
  EXPECT_TRUE(a.Gap(b).is_zero());
}

TEST(Interval, ExecutionRateOfTheExample) {
  const auto rate = Interval::Divide(Interval::Written(D("124.88")) * Interval::Point(D("100")),
                                     Interval::Written(D("127.10")));
  ASSERT_TRUE(rate.has_value());
  EXPECT_TRUE(rate->Meets(Interval::Written(D("98.25"))));
  EXPECT_FALSE(rate->Meets(Interval::Written(D("98.52"))));
  EXPECT_LE(rate->lo(), D("98.2533"));
  EXPECT_GE(rate->hi(), D("98.2533"));
}

TEST(Interval, DivisionByAnIntervalContainingZero) {
  EXPECT_FALSE(Interval::Divide(Interval::Point(D("1")), Interval::Written(D("0"))).has_value());
  EXPECT_FALSE(Interval::Divide(Interval::Point(D("1")), Interval::Point(D("0.00"))).has_value());
}

TEST(Interval, DivisionRoundsOutward) {
  const auto third = Interval::Divide(Interval::Point(D("1")), Interval::Point(D("3")));
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->lo().ToString(), "0.333333333333");
  EXPECT_EQ(third->hi().ToString(), "0.333333333334");
}

TEST(Interval, ProductWithNegativeBounds) {
  const Interval p = Interval::Between(D("-1"), D("2")) * Interval::Between(D("-3"), D("1"));
  EXPECT_EQ(p.lo().ToString(), "-6");
  EXPECT_EQ(p.hi().ToString(), "3");
}

TEST(Interval, MinMaxAndRounding) {
  const Interval i = Interval::Between(D("98"), D("102"));
  EXPECT_EQ(i.Min(D("100")).ToString(), "[98, 100]");
  EXPECT_EQ(i.Max(D("99")).ToString(), "[99, 102]");
  EXPECT_EQ(Interval::Between(D("9.8246"), D("9.8261")).Rounded(1, Rounding::kHalfUp).ToString(),
            "9.8");
  EXPECT_EQ(Interval::Between(D("1"), D("2")).Mid(1).ToString(), "1.5");
}

// Decimals of every sign, size and scale (0 to 18 decimals, up to 30 digits, so that some
// products overflow), from a seeded generator.
Decimal RandomDecimal(std::mt19937_64& rng) {
  const int scale = static_cast<int>(rng() % 19);
  __int128 units = static_cast<__int128>(rng() % 2000) - 1000;
  if (rng() % 3 == 0) units *= static_cast<__int128>(rng() % 1000000007);
  if (rng() % 5 == 0) units *= static_cast<__int128>(rng());
  return Decimal::FromUnits(units, scale);
}

// The ends as the product of every pair of ends, the first of equal ones kept: what the
// product with a point factor (two products) must agree with.
Interval ProductOfFourEnds(const Interval& a, const Interval& b) {
  const Decimal p[] = {a.lo() * b.lo(), a.lo() * b.hi(), a.hi() * b.lo(), a.hi() * b.hi()};
  Decimal lo = p[0], hi = p[0];
  for (const Decimal& x : p) {
    if (!x.valid()) return Interval::Between(Decimal::Invalid(), Decimal::Invalid());
    lo = Decimal::Min(lo, x);
    hi = Decimal::Max(hi, x);
  }
  return Interval::Between(lo, hi);
}

void ExpectSameEnds(const Interval& got, const Interval& want) {
  ASSERT_EQ(got.lo().valid(), want.lo().valid());
  if (!want.lo().valid()) return;
  EXPECT_EQ(got.lo().ToString(), want.lo().ToString());  // value and scale
  EXPECT_EQ(got.hi().ToString(), want.hi().ToString());
}

TEST(Interval, ProductAgreesWithTheFourEndProducts) {
  std::mt19937_64 rng(20261207);
  for (int i = 0; i < 20000; ++i) {
    const Decimal x = RandomDecimal(rng), y = RandomDecimal(rng);
    const Interval wide = Interval::Between(Decimal::Min(x, y), Decimal::Max(x, y));
    const Decimal c = RandomDecimal(rng);
    const Interval point = Interval::Point(c);
    // Equal ends written differently ("2" and "2.0") are no point to the short cut.
    const Interval rewritten = Interval::Between(c, c * Decimal::FromUnits(10, 1));
    for (const auto& [a, b] :
         {std::pair{wide, point}, std::pair{point, wide}, std::pair{point, point},
          std::pair{wide, wide}, std::pair{wide, rewritten}, std::pair{rewritten, wide}}) {
      SCOPED_TRACE(a.ToString() + " × " + b.ToString());
      ExpectSameEnds(a * b, ProductOfFourEnds(a, b));
    }
  }
}

TEST(Interval, DivisionAgreesWithFloorAndCeilingDivisions) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const Decimal x = RandomDecimal(rng), y = RandomDecimal(rng);
    const Decimal u = RandomDecimal(rng), v = RandomDecimal(rng);
    const Interval a = Interval::Between(Decimal::Min(x, y), Decimal::Max(x, y));
    const Interval b =
        i % 2 ? Interval::Point(u) : Interval::Between(Decimal::Min(u, v), Decimal::Max(u, v));
    SCOPED_TRACE(a.ToString() + " ÷ " + b.ToString());
    const std::optional<Interval> got = Interval::Divide(a, b);
    // Every end of a over every end of b, rounded down for the low end and up for the high.
    std::optional<Decimal> lo, hi;
    bool defined = b.valid() && a.valid() && !b.Contains(Decimal());
    for (const Decimal* p : {&a.lo(), &a.hi()}) {
      for (const Decimal* q : {&b.lo(), &b.hi()}) {
        if (!defined) break;
        const Decimal down = Decimal::Divide(*p, *q, Interval::kDivisionScale, Rounding::kFloor);
        const Decimal up = Decimal::Divide(*p, *q, Interval::kDivisionScale, Rounding::kCeiling);
        if (!down.valid() || !up.valid()) {
          defined = false;
          break;
        }
        lo = lo ? Decimal::Min(*lo, down) : down;
        hi = hi ? Decimal::Max(*hi, up) : up;
      }
    }
    ASSERT_EQ(got.has_value(), defined);
    if (!defined) continue;
    ExpectSameEnds(*got, Interval::Between(*lo, *hi));
  }
}

}  // namespace
}  // namespace jixiao
