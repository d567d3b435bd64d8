// Tests of Decimal: parsing, written scale, rounding modes, exact arithmetic, overflow.
#include "base/decimal.h"

#include <gtest/gtest.h>

#include <random>

namespace jixiao {
namespace {

Decimal D(const char* s) {
  auto d = Decimal::Parse(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Decimal::Invalid());
}

TEST(Decimal, ParseKeepsWrittenScale) {
  EXPECT_EQ(D("127.10").scale(), 2);
  EXPECT_EQ(D("127.10").ToString(), "127.10");
  EXPECT_EQ(D("37").scale(), 0);
  EXPECT_EQ(D("0.680").ToString(), "0.680");
  EXPECT_EQ(D("-3.5").ToString(), "-3.5");
  EXPECT_EQ(D("+3.5").ToString(), "3.5");
  EXPECT_EQ(D("000.5").ToString(), "0.5");
  EXPECT_EQ(D("-0.05").ToString(), "-0.05");
}

TEST(Decimal, ParseRejectsMalformed) {
  for (const char* bad : {"", "-", "+", ".", "12.", ".5", "1.2.3", "1,000", "12a", " 1", "1 ",
                          "--1", "1e5", "０", "0x10", "1.0000000000000000000"}) {
    EXPECT_FALSE(Decimal::Parse(bad).has_value()) << bad;
  }
  EXPECT_TRUE(Decimal::Parse("123456789012345678901234").has_value());
  EXPECT_FALSE(Decimal::Parse("1234567890123456789012345").has_value());
  EXPECT_TRUE(Decimal::Parse("0.000000000000000001").has_value());
}

TEST(Decimal, RoundsToAsWritten) {
  const auto d = [](const char* t) { return *Decimal::Parse(t); };
  EXPECT_TRUE(d("4.9165").RoundsTo(d("4.9")));
  EXPECT_TRUE(d("7.6").RoundsTo(d("7.60")));
  EXPECT_TRUE(d("0.755").RoundsTo(d("0.76")));  // half up
  EXPECT_FALSE(d("0.7599").RoundsTo(d("0.75")));
  EXPECT_FALSE(d("10").RoundsTo(d("7.6")));
  EXPECT_FALSE(Decimal::Invalid().RoundsTo(d("0")));
}

TEST(Decimal, NumericEqualityIgnoresScale) {
  EXPECT_EQ(D("1.50"), D("1.5"));
  EXPECT_FALSE(D("1.50").Identical(D("1.5")));
  EXPECT_TRUE(D("1.50").Identical(D("1.50")));
  EXPECT_LT(D("98.25"), D("98.2533"));
  EXPECT_GT(D("-1"), D("-1.01"));
  EXPECT_LE(D("2"), D("2.000"));
}

TEST(Decimal, RoundingHalfUpMatchesTheForms) {
  EXPECT_EQ(D("108.6957").Format(2), "108.70");
  EXPECT_EQ(D("102.5897").Format(2), "102.59");
  EXPECT_EQ(D("98.2533").Format(2), "98.25");
  EXPECT_EQ(D("9.8253").Format(1), "9.8");
  EXPECT_EQ(D("9.8253").Format(2), "9.83");
  EXPECT_EQ(D("0.125").Format(2), "0.13");
  EXPECT_EQ(D("-0.125").Format(2), "-0.13");  // ties away from zero
  EXPECT_EQ(D("87.5").Format(2), "87.50");
}

TEST(Decimal, RoundingModes) {
  EXPECT_EQ(D("0.125").Format(2, Rounding::kHalfEven), "0.12");
  EXPECT_EQ(D("0.135").Format(2, Rounding::kHalfEven), "0.14");
  EXPECT_EQ(D("0.1251").Format(2, Rounding::kHalfEven), "0.13");
  EXPECT_EQ(D("9.89").Format(1, Rounding::kTruncate), "9.8");
  EXPECT_EQ(D("-9.89").Format(1, Rounding::kTruncate), "-9.8");
  EXPECT_EQ(D("9.81").Format(1, Rounding::kCeiling), "9.9");
  EXPECT_EQ(D("-9.81").Format(1, Rounding::kCeiling), "-9.8");
  EXPECT_EQ(D("-9.81").Format(1, Rounding::kFloor), "-9.9");
  EXPECT_EQ(D("9.80").Format(1, Rounding::kCeiling), "9.8");
}

TEST(Decimal, RoundingNames) {
  for (Rounding r : {Rounding::kHalfUp, Rounding::kHalfEven, Rounding::kTruncate, Rounding::kFloor,
                     Rounding::kCeiling}) {
    EXPECT_EQ(ParseRounding(RoundingName(r)), r);
  }
  EXPECT_FALSE(ParseRounding("half-up").has_value());
}

TEST(Decimal, ExactArithmetic) {
  EXPECT_EQ((D("124.88") - D("118.84")).ToString(), "6.04");
  EXPECT_EQ((D("148.40") - D("124.88")).ToString(), "23.52");
  EXPECT_EQ((D("88.18") + D("36.70")).ToString(), "124.88");
  EXPECT_EQ((D("0.1") + D("0.2")).ToString(), "0.3");
  EXPECT_EQ((D("10") * D("0.982533")).ToString(), "9.825330");
  EXPECT_EQ((D("1.5") * D("-2")).ToString(), "-3.0");
}

TEST(Decimal, Division) {
  EXPECT_EQ(Decimal::Divide(D("7"), D("8"), 4, Rounding::kHalfUp).ToString(), "0.8750");
  EXPECT_EQ(Decimal::Divide(D("12488"), D("127.10"), 2, Rounding::kHalfUp).ToString(), "98.25");
  EXPECT_EQ(Decimal::Divide(D("1"), D("3"), 6, Rounding::kHalfUp).ToString(), "0.333333");
  EXPECT_EQ(Decimal::Divide(D("2"), D("3"), 6, Rounding::kTruncate).ToString(), "0.666666");
  EXPECT_EQ(Decimal::Divide(D("-2"), D("3"), 2, Rounding::kFloor).ToString(), "-0.67");
  EXPECT_EQ(Decimal::Divide(D("-2"), D("3"), 2, Rounding::kCeiling).ToString(), "-0.66");
  EXPECT_EQ(Decimal::Divide(D("1.000"), D("0.001"), 0, Rounding::kHalfUp).ToString(), "1000");
  EXPECT_FALSE(Decimal::Divide(D("1"), D("0.00"), 2, Rounding::kHalfUp).valid());
}

TEST(Decimal, DivideOutwardGivesTheFloorAndTheCeiling) {
  Decimal down, up;
  ASSERT_TRUE(Decimal::DivideOutward(D("-2"), D("3"), 2, &down, &up));
  EXPECT_EQ(down.ToString(), "-0.67");
  EXPECT_EQ(up.ToString(), "-0.66");
  ASSERT_TRUE(Decimal::DivideOutward(D("2"), D("-3"), 2, &down, &up));
  EXPECT_EQ(down.ToString(), "-0.67");
  EXPECT_EQ(up.ToString(), "-0.66");
  ASSERT_TRUE(Decimal::DivideOutward(D("6"), D("3"), 1, &down, &up));
  EXPECT_EQ(down.ToString(), "2.0");
  EXPECT_EQ(up.ToString(), "2.0");
  EXPECT_FALSE(Decimal::DivideOutward(D("1"), D("0.0"), 2, &down, &up));
  EXPECT_FALSE(Decimal::DivideOutward(D("999999999999999999999999"), D("0.000000000000000001"), 18,
                                      &down, &up));
  // Against the two divisions it replaces, on every sign, size and scale.
  std::mt19937_64 rng(42);
  const auto random = [&rng] {
    __int128 units = static_cast<__int128>(rng() % 2001) - 1000;
    if (rng() % 2) units *= static_cast<__int128>(rng() >> (rng() % 64));
    return Decimal::FromUnits(units, static_cast<int>(rng() % 19));
  };
  for (int i = 0; i < 50000; ++i) {
    const Decimal a = random(), b = random();
    const int scale = static_cast<int>(rng() % 21) - 1;  // clamped like Divide's
    const Decimal floor = Decimal::Divide(a, b, scale, Rounding::kFloor);
    const Decimal ceiling = Decimal::Divide(a, b, scale, Rounding::kCeiling);
    const bool ok = Decimal::DivideOutward(a, b, scale, &down, &up);
    ASSERT_EQ(ok, floor.valid()) << a.ToString() << " / " << b.ToString();
    if (!ok) continue;
    EXPECT_EQ(down.ToString(), floor.ToString()) << a.ToString() << " / " << b.ToString();
    EXPECT_EQ(up.ToString(), ceiling.ToString()) << a.ToString() << " / " << b.ToString();
  }
}

// ToString and Normalized take 64-bit steps where the units fit: on both sides of that line
// they must give what plain 128-bit arithmetic gives.
TEST(Decimal, WritingAndNormalizingAgreeWith128BitArithmetic) {
  const auto plain_string = [](__int128 units, int scale) {
    unsigned __int128 u =
        units < 0 ? -static_cast<unsigned __int128>(units) : static_cast<unsigned __int128>(units);
    std::string digits;
    do {
      digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
      u /= 10;
    } while (u != 0);
    if (static_cast<int>(digits.size()) <= scale) {
      digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    }
    if (scale > 0) digits.insert(digits.size() - static_cast<size_t>(scale), ".");
    return (units < 0 ? "-" : "") + digits;
  };
  std::mt19937_64 rng(128);
  const __int128 edges[] = {0,
                            1,
                            -1,
                            10,
                            INT64_MAX,
                            INT64_MIN,
                            static_cast<__int128>(INT64_MAX) + 1,
                            static_cast<__int128>(INT64_MIN) - 1,
                            static_cast<__int128>(UINT64_MAX),
                            static_cast<__int128>(UINT64_MAX) + 1,
                            static_cast<__int128>(UINT64_MAX) * 10};
  for (int i = 0; i < 20000; ++i) {
    __int128 units = i < static_cast<int>(std::size(edges))
                         ? edges[i]
                         : static_cast<__int128>(rng()) * static_cast<__int128>(rng() % 1000000);
    if (i >= static_cast<int>(std::size(edges)) && rng() % 2) units = -units;
    if (rng() % 3 == 0) units *= 1000;  // trailing zeros to strip
    const int scale = static_cast<int>(rng() % 19);
    const Decimal d = Decimal::FromUnits(units, scale);
    ASSERT_EQ(d.ToString(), plain_string(units, scale));
    __int128 u = units;
    int s = scale;
    while (s > 0 && u % 10 == 0) {
      u /= 10;
      --s;
    }
    EXPECT_EQ(d.Normalized().ToString(), plain_string(u, s));
  }
}

TEST(Decimal, OverflowGivesInvalidNotCrash) {
  const Decimal big = D("999999999999999999999999");
  const Decimal product = big * big;
  EXPECT_FALSE(product.valid());
  EXPECT_EQ(product.ToString(), "NaN");
  EXPECT_FALSE((product + D("1")).valid());
  EXPECT_NE(product, product);
  EXPECT_FALSE(product < D("1"));
  EXPECT_FALSE(Decimal::Divide(big, D("0.000000000000000001"), 18, Rounding::kHalfUp).valid());
}

TEST(Decimal, HelpersAndConversions) {
  EXPECT_EQ(D("127.10").Normalized().ToString(), "127.1");
  EXPECT_EQ(D("37.00").Normalized().ToString(), "37");
  EXPECT_EQ(D("124.88").HalfUlp().ToString(), "0.005");
  EXPECT_EQ(D("37").HalfUlp().ToString(), "0.5");
  EXPECT_EQ(D("8.00").ToInt64(), 8);
  EXPECT_FALSE(D("8.5").ToInt64().has_value());
  EXPECT_TRUE(D("10.0").is_integer());
  EXPECT_EQ(D("-2.5").Abs().ToString(), "2.5");
  EXPECT_EQ(Decimal::FromUnits(12345, 2).ToString(), "123.45");
  EXPECT_EQ(Decimal().ToString(), "0");
  EXPECT_EQ(D("1.5").Rounded(4).ToString(), "1.5000");
}

}  // namespace
}  // namespace jixiao
