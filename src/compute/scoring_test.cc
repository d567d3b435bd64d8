// Tests of the score engine: each method, qualitative bands, not-assessable cases, the
// execution score under both bundled rulebooks, and the example's total and grade.
#include "compute/scoring.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace jixiao {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }

Indicator Leaf(const char* target, const char* actual, const char* weight, const char* score = "") {
  Indicator i;
  i.name = "测试指标";
  i.target = target;
  i.actual = actual;
  if (*weight) i.weight = Cell::Number(D(weight));
  if (*score) i.score = Cell::Number(D(score));
  return i;
}

class ScoringTest : public ::testing::Test {
 protected:
  Rulebook lingling_ = testing::LoadRulebook("hunan-lingling");
  Rulebook national_ = testing::LoadRulebook("national");
};

TEST_F(ScoringTest, AtLeastMetIsFullMarks) {
  const LeafScore s = ScoreLeaf(Leaf("≧8次", "10", "10"), lingling_);
  EXPECT_EQ(s.method, ScoreMethod::kAtLeast);
  EXPECT_TRUE(s.met);
  EXPECT_EQ(s.point->ToString(), "10.00");
}

TEST_F(ScoringTest, AtLeastMissedIsProportional) {
  const LeafScore s = ScoreLeaf(Leaf("≧8次", "6次", "10"), lingling_);
  EXPECT_FALSE(s.met);
  EXPECT_EQ(s.point->ToString(), "7.50");
  const LeafScore t = ScoreLeaf(Leaf("≥95%", "90%", "10"), lingling_);
  EXPECT_EQ(t.point->ToString(), "9.47");  // 10 × 90/95 = 9.4737
}

TEST_F(ScoringTest, WanUnitsAndBareActual) {
  const LeafScore s = ScoreLeaf(Leaf("≧2万人次", "25000", "10"), lingling_);
  EXPECT_TRUE(s.met);
  EXPECT_NE(s.note_zh.find("人次"), std::string::npos);
  const LeafScore m = ScoreLeaf(Leaf("≧2万人次", "15000", "10"), lingling_);
  EXPECT_EQ(m.point->ToString(), "7.50");
  const LeafScore money = ScoreLeaf(Leaf("≥50万元", "40", "10"), lingling_);
  EXPECT_EQ(money.point->ToString(), "8.00");  // 40 read as 40万元, nearer the target
  const LeafScore explicit_unit = ScoreLeaf(Leaf("≧2万人次", "1.5万人次", "10"), lingling_);
  EXPECT_EQ(explicit_unit.point->ToString(), "7.50");
}

TEST_F(ScoringTest, AtMostVariants) {
  const LeafScore met = ScoreLeaf(Leaf("≤5天", "4天", "10"), lingling_);
  EXPECT_TRUE(met.met);
  EXPECT_EQ(met.point->ToString(), "10.00");
  const LeafScore ratio = ScoreLeaf(Leaf("≤5天", "8天", "10"), lingling_);
  EXPECT_EQ(ratio.point->ToString(), "6.25");  // 10 × 5/8
  Rulebook linear = lingling_;
  linear.reverse = ReverseVariant::kLinearToZeroAtDouble;
  EXPECT_EQ(ScoreLeaf(Leaf("≤5天", "8天", "10"), linear).point->ToString(), "4.00");
  EXPECT_EQ(ScoreLeaf(Leaf("≤5天", "12天", "10"), linear).point->ToString(), "0.00");
}

TEST_F(ScoringTest, EqualAndRange) {
  EXPECT_EQ(ScoreLeaf(Leaf("=100%", "100%", "5"), lingling_).point->ToString(), "5.00");
  EXPECT_EQ(ScoreLeaf(Leaf("=100%", "90%", "10"), lingling_).point->ToString(), "9.00");
  EXPECT_EQ(ScoreLeaf(Leaf("80%-90%", "85%", "10"), lingling_).point->ToString(), "10.00");
  EXPECT_EQ(ScoreLeaf(Leaf("80%-90%", "60%", "10"), lingling_).point->ToString(), "7.50");
  EXPECT_EQ(ScoreLeaf(Leaf("80%-90%", "100%", "10"), lingling_).point->ToString(), "9.00");
}

TEST_F(ScoringTest, DirectionOverride) {
  Indicator i = Leaf("5", "8", "10");
  i.direction = Direction::kLowerBetter;
  EXPECT_EQ(ScoreLeaf(i, lingling_).method, ScoreMethod::kAtMost);
}

TEST_F(ScoringTest, QualitativeBands) {
  LeafScore s = ScoreLeaf(Leaf("较为认可", "较为认可", "5"), lingling_);
  EXPECT_EQ(s.method, ScoreMethod::kQualitative);
  EXPECT_EQ(s.band, Band::kAchieved);
  EXPECT_EQ(s.computed.ToString(), "[4, 5]");
  s = ScoreLeaf(Leaf("较为认可", "认可", "5"), lingling_);  // better than the target
  EXPECT_EQ(s.band, Band::kAchieved);
  s = ScoreLeaf(Leaf("较高", "一般", "10"), lingling_);
  EXPECT_EQ(s.band, Band::kPartial);
  EXPECT_EQ(s.computed.ToString(), "[6, 8]");
  s = ScoreLeaf(Leaf("高", "较差", "10"), lingling_);
  EXPECT_EQ(s.band, Band::kNotAchieved);
  EXPECT_EQ(s.computed.ToString(), "[0, 6]");
}

TEST_F(ScoringTest, NotAssessableIsNeverZero) {
  for (const auto& [target, actual, weight] :
       {std::tuple{"≧8次", "", "10"}, std::tuple{"", "10", "10"}, std::tuple{"≧8次", "10", ""},
        std::tuple{"≧8次", "较多", "10"}, std::tuple{"较高", "10", "10"},
        std::tuple{"奇特", "古怪", "10"}, std::tuple{"≧8次", "8场", "10"}}) {
    const LeafScore s = ScoreLeaf(Leaf(target, actual, weight), lingling_);
    EXPECT_EQ(s.method, ScoreMethod::kNotAssessable) << target << " / " << actual;
    EXPECT_FALSE(s.note_zh.empty());
    EXPECT_FALSE(s.note_en.empty());
    EXPECT_FALSE(s.point.has_value());
  }
}

TEST_F(ScoringTest, ExecutionScoreByRulebook) {
  Funds f;
  f.full_year_budget = Cell::Number(D("127.10"));
  f.executed = Cell::Number(D("124.88"));
  f.weight = Cell::Number(D("10"));
  const ExecutionResult l = ScoreExecution(f, lingling_);
  EXPECT_EQ(l.rate->value.Format(2), "98.25");
  EXPECT_EQ(l.score->ToString(), "9.8");
  const ExecutionResult n = ScoreExecution(f, national_);
  EXPECT_EQ(n.score->ToString(), "9.83");
  EXPECT_TRUE(n.score_range.Contains(D("9.8253")));
  // Over-execution is capped at 100%.
  f.executed = Cell::Number(D("130.00"));
  EXPECT_EQ(ScoreExecution(f, national_).score->ToString(), "10.00");
  f.full_year_budget = Cell::Blank();
  EXPECT_FALSE(ScoreExecution(f, national_).score.has_value());
}

TEST_F(ScoringTest, ExampleTotalAndGrade) {
  const Package p = testing::LoadExample();
  const ScoreSheet l = ScorePackage(p, lingling_);
  EXPECT_EQ(l.execution.score->ToString(), "9.8");
  EXPECT_EQ(l.total.Normalized().ToString(), "99.8");
  EXPECT_EQ(l.grade, "优");
  EXPECT_EQ(l.leaves.size(), 10u);  // the empty row is not scored
  EXPECT_EQ(l.not_assessable, 0);
  EXPECT_EQ(l.total_range.lo().Normalized().ToString(), "90.8");
  const ScoreSheet n = ScorePackage(p, national_);
  EXPECT_EQ(n.execution.score->ToString(), "9.83");
  EXPECT_EQ(n.total.Normalized().ToString(), "99.83");
}

TEST_F(ScoringTest, AcceptedQualitativeScoreIsClampedIntoItsBand) {
  Package p = testing::LoadExample();
  // 上级部门对单位工作的认可程度: band [4, 5]; a self-score of 3 is accepted as 4.
  p.evaluation.indicators[0].children[1].children[0].score = Cell::Number(D("3"));
  const ScoreSheet s = ScorePackage(p, lingling_);
  EXPECT_EQ(s.leaves[3].accepted->ToString(), "4");
  EXPECT_EQ(s.total.Normalized().ToString(), "98.8");
}

TEST_F(ScoringTest, MissingActualCountsAsNotAssessable) {
  Package p = testing::LoadExample();
  p.evaluation.indicators[0].children[0].children[0].actual = "";
  const ScoreSheet s = ScorePackage(p, lingling_);
  EXPECT_EQ(s.not_assessable, 1);
  EXPECT_EQ(s.total.Normalized().ToString(), "89.8");
  EXPECT_FALSE(s.leaves[0].accepted.has_value());
}

}  // namespace
}  // namespace jixiao
