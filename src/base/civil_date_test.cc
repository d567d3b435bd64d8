#include "base/civil_date.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(CivilDate, KnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1970, 1, 2), 1);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);     // after a leap day of a 400-year
  EXPECT_EQ(DaysFromCivil(2025, 6, 30), 20269);    // a reporting deadline
  EXPECT_EQ(DaysFromCivil(1899, 12, 30), -25569);  // Excel's day 0
}

TEST(CivilDate, RoundTripsEveryDayOverFourCenturies) {
  for (int64_t z = DaysFromCivil(1800, 1, 1); z <= DaysFromCivil(2200, 12, 31); ++z) {
    const CivilDate c = CivilFromDays(z);
    ASSERT_EQ(DaysFromCivil(c.year, c.month, c.day), z);
    ASSERT_GE(c.month, 1);
    ASSERT_LE(c.month, 12);
    ASSERT_GE(c.day, 1);
    ASSERT_LE(c.day, 31);
  }
  const CivilDate leap = CivilFromDays(DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(leap.year, 2024);
  EXPECT_EQ(leap.month, 2);
  EXPECT_EQ(leap.day, 29);
  EXPECT_EQ(DaysFromCivil(2023, 3, 1) - DaysFromCivil(2023, 2, 28), 1);  // no 29th in 2023
}

}  // namespace
}  // namespace jixiao
