// Tests of target and actual parsing on the phrasings units use.
#include "model/target.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(Target, AtLeastWithUnit) {
  const Target t = ParseTarget("　≧8次 ");
  EXPECT_EQ(t.comparison, Comparison::kAtLeast);
  EXPECT_TRUE(t.operator_written);
  EXPECT_EQ(t.quantity.value.ToString(), "8");
  EXPECT_EQ(t.quantity.unit, "次");
}

TEST(Target, WanMultiplier) {
  const Target t = ParseTarget("≧2万人次");
  EXPECT_EQ(t.comparison, Comparison::kAtLeast);
  EXPECT_EQ(t.quantity.written.ToString(), "2");
  EXPECT_EQ(t.quantity.value.ToString(), "20000");
  EXPECT_EQ(t.quantity.unit, "万人次");
  EXPECT_EQ(t.quantity.base_unit, "人次");
  const Target y = ParseTarget("≥1.5亿元");
  EXPECT_EQ(y.quantity.value.ToString(), "150000000.0");
  EXPECT_EQ(y.quantity.base_unit, "元");
}

TEST(Target, OperatorSpellings) {
  struct Case {
    const char* text;
    Comparison cmp;
    const char* value;
  } cases[] = {
      {"≥95%", Comparison::kAtLeast, "95"},
      {">=95%", Comparison::kAtLeast, "95"},
      {"＞＝95%", Comparison::kAtLeast, "95"},
      {"不低于90%", Comparison::kAtLeast, "90"},
      {"不少于3次", Comparison::kAtLeast, "3"},
      {"8次以上", Comparison::kAtLeast, "8"},
      {"95%及以上", Comparison::kAtLeast, "95"},
      {"≤5%", Comparison::kAtMost, "5"},
      {"≦5天", Comparison::kAtMost, "5"},
      {"<=5", Comparison::kAtMost, "5"},
      {"不超过10万元", Comparison::kAtMost, "100000"},
      {"3天以内", Comparison::kAtMost, "3"},
      {"=100%", Comparison::kEqual, "100"},
      {"100%", Comparison::kAtLeast, "100"},
      {"1", Comparison::kAtLeast, "1"},
      {"Q8次", Comparison::kAtLeast, "8"},
  };
  for (const Case& c : cases) {
    const Target t = ParseTarget(c.text);
    EXPECT_EQ(t.comparison, c.cmp) << c.text;
    EXPECT_EQ(t.quantity.value.ToString(), c.value) << c.text;
  }
  EXPECT_FALSE(ParseTarget("1").operator_written);
  EXPECT_TRUE(ParseTarget("Q8次").ocr_guess);
  EXPECT_TRUE(ParseTarget("100%").quantity.percent);
}

TEST(Target, Ranges) {
  Target t = ParseTarget("80%-90%");
  EXPECT_EQ(t.comparison, Comparison::kRange);
  EXPECT_EQ(t.quantity.value.ToString(), "80");
  EXPECT_EQ(t.upper.value.ToString(), "90");
  EXPECT_TRUE(t.quantity.percent);
  t = ParseTarget("3~5次");
  EXPECT_EQ(t.comparison, Comparison::kRange);
  EXPECT_EQ(t.quantity.unit, "次");
  EXPECT_EQ(t.upper.value.ToString(), "5");
  t = ParseTarget("80-90%");
  EXPECT_EQ(t.comparison, Comparison::kRange);
  EXPECT_TRUE(t.quantity.percent);
}

TEST(Target, Words) {
  for (const char* w : {"较为认可", "浓厚", "较高", "较为明显", "显著提升", "2024年底前完成"}) {
    const Target t = ParseTarget(w);
    if (std::string(w) == "2024年底前完成") {
      // A deadline (it was once read as "≥ 2024" with the unit 年底前完成).
      EXPECT_EQ(t.comparison, Comparison::kDeadline);
      EXPECT_EQ(t.deadline.lenient.year, 2024);
      EXPECT_EQ(t.deadline.lenient.month, 12);
      EXPECT_EQ(t.deadline.lenient.day, 31);
      continue;
    }
    EXPECT_EQ(t.comparison, Comparison::kWord) << w;
    EXPECT_EQ(t.word, w);
  }
  EXPECT_EQ(ParseTarget("　").comparison, Comparison::kNone);
  EXPECT_EQ(ParseTarget("≥abc").comparison, Comparison::kWord);
}

TEST(Actual, NumbersAndWords) {
  Actual a = ParseActual("25000");
  EXPECT_EQ(a.kind, Actual::Kind::kNumber);
  EXPECT_EQ(a.quantity.value.ToString(), "25000");
  EXPECT_TRUE(a.quantity.unit.empty());
  a = ParseActual("　100%");
  EXPECT_TRUE(a.quantity.percent);
  a = ParseActual("2.5万人次");
  EXPECT_EQ(a.quantity.value.ToString(), "25000.0");
  a = ParseActual("50000余份");
  EXPECT_TRUE(a.quantity.approximate);
  EXPECT_EQ(a.quantity.unit, "份");
  a = ParseActual("较为认可");
  EXPECT_EQ(a.kind, Actual::Kind::kWord);
  EXPECT_EQ(ParseActual("").kind, Actual::Kind::kEmpty);
  EXPECT_EQ(ParseActual("10次左右x1").kind, Actual::Kind::kNumber);
  EXPECT_EQ(ParseActual("≥10次").quantity.value.ToString(), "10");
}

}  // namespace
}  // namespace jixiao
