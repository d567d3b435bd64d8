// Tests of Interval: the written-figure rule and outward-rounded arithmetic.
#include "base/interval.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace jixiao
