// Quartiles, outliers and histograms of the comparison pages, on exact decimals.
#include "server/compare.h"

#include <gtest/gtest.h>

namespace jixiao::server {
namespace {

std::vector<Decimal> Values(std::initializer_list<const char*> texts) {
  std::vector<Decimal> out;
  for (const char* t : texts) out.push_back(*Decimal::Parse(t));
  return out;
}

TEST(Compare, QuartilesInterpolateBetweenRanksAsSpreadsheetsDo) {
  // QUARTILE.INC of 1..8: 2.75, 4.5, 6.25.
  const auto q = QuartilesOf(Values({"8", "1", "7", "2", "6", "3", "5", "4"}));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->q1.ToString(), "2.75");
  EXPECT_EQ(q->median.ToString(), "4.5");
  EXPECT_EQ(q->q3.ToString(), "6.25");
  EXPECT_EQ(q->low.ToString(), "-2.5");
  EXPECT_EQ(q->high.ToString(), "11.5");
  EXPECT_FALSE(QuartilesOf(Values({"1", "2", "3"})));
}

TEST(Compare, AnOutlierSaysWhichFenceItCrossedAndHow) {
  const auto q = QuartilesOf(Values({"90", "91", "92", "93", "94", "95", "60"}));
  ASSERT_TRUE(q);
  const std::string why = OutlierReason(*Decimal::Parse("60"), *q);
  EXPECT_NE(why.find("低于下限"), std::string::npos) << why;
  EXPECT_NE(why.find("1.5 × 四分位距"), std::string::npos) << why;
  EXPECT_EQ(OutlierReason(*Decimal::Parse("92"), *q), "");
}

TEST(Compare, HistogramCountsEachValueOnce) {
  const Chart c =
      Histogram("t", "分布", "分", Values({"59", "60", "79.9", "80", "100", "101"}), {60, 80, 100});
  ASSERT_EQ(c.categories, (std::vector<std::string>{"<60分", "60–80分", "80–100分", ">100分"}));
  std::vector<std::string> counts;
  for (const Decimal& d : c.series[0].values) counts.push_back(d.ToString());
  EXPECT_EQ(counts, (std::vector<std::string>{"1", "2", "2", "1"}));
}

}  // namespace
}  // namespace jixiao::server
