// Tests of how indicators are scored beyond the written operator: the rulebook's indicator
// library for bare targets (人员控制率 100%, 预算调整率 3%, 结转结余率 2%, 成本 under 成本指标),
// date targets against dated actuals (met / not met / cannot tell), and 得分系数.
#include <gtest/gtest.h>

#include "compute/scoring.h"
#include "model/target.h"
#include "present/score_format.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }

Indicator Leaf(const char* name, const char* target, const char* actual, const char* weight,
               const char* score = "") {
  Indicator i;
  i.name = name;
  i.target = target;
  i.actual = actual;
  if (*weight) i.weight = Cell::Number(D(weight));
  if (*score) i.score = Cell::Number(D(score));
  return i;
}

class IndicatorRulesTest : public ::testing::Test {
 protected:
  Rulebook national_ = testing::LoadRulebook("national");
  Rulebook lingling_ = testing::LoadRulebook("hunan-lingling");
  LeafContext fy2024_{2024, {}};
};

// ---- the library ----

TEST_F(IndicatorRulesTest, BareTargetsOnLowerIsBetterNamesAreCeilings) {
  struct Case {
    const char* name;
    const char* target;
    const char* actual;
    const char* entry;
    const char* match;
    bool met;
    const char* point;
  } cases[] = {
      {"财政供养人员控制率", "100%", "94%", "staff_control", "财政供养人员控制率", true, "3.00"},
      {"在职人员控制率", "100%", "105%", "staff_control", "在职人员控制率", false, "2.86"},
      {"预算调整率", "3%", "1.8%", "budget_adjustment", "预算调整率", true, "3.00"},
      {"预算调整率", "3%", "4%", "budget_adjustment", "预算调整率", false, "2.25"},
      {"结转结余率", "2%", "0.6%", "carryover", "结转结余率", true, "3.00"},
      {"公用经费控制率", "100%", "96%", "public_funds_control", "公用经费控制率", true, "3.00"},
      {"“三公”经费控制率", "100%", "92%", "three_public_control", "“三公”经费控制率", true, "3.00"},
  };
  for (const Case& c : cases) {
    const LeafScore s = ScoreLeaf(Leaf(c.name, c.target, c.actual, "3"), national_, fy2024_);
    SCOPED_TRACE(c.name + std::string(" ") + c.actual);
    EXPECT_EQ(s.method, ScoreMethod::kAtMost);
    EXPECT_EQ(s.direction, Direction::kLowerBetter);
    EXPECT_EQ(s.direction_source, DirectionSource::kLibrary);
    ASSERT_NE(s.library, nullptr);
    EXPECT_EQ(s.library->id, c.entry);
    EXPECT_EQ(s.library_match, c.match);
    EXPECT_EQ(s.met, c.met);
    EXPECT_EQ(s.point->ToString(), c.point);
  }
}

TEST_F(IndicatorRulesTest, CostByNameOrByItsGroup) {
  // By name: 人均办公成本 0.5万元, actual 0.46万元: met.
  LeafScore s = ScoreLeaf(Leaf("人均办公成本", "0.5万元", "0.46万元", "10"), national_, fy2024_);
  EXPECT_EQ(s.direction_source, DirectionSource::kLibrary);
  EXPECT_EQ(s.library_match, "成本");
  EXPECT_TRUE(s.met);
  // By the 二级 group 成本指标: 单次培训费用 ≤ budgeted.
  LeafContext under_cost{2024, {"产出指标", "成本指标"}};
  s = ScoreLeaf(Leaf("单次培训费用", "2000元", "2400元", "10"), national_, under_cost);
  EXPECT_EQ(s.direction_source, DirectionSource::kLibrary);
  EXPECT_EQ(s.library_match, "成本指标");
  EXPECT_FALSE(s.met);
  EXPECT_EQ(s.point->ToString(), "8.33");  // 10 × 2000 ÷ 2400
  // 成本节约率 is excluded: still ≥.
  s = ScoreLeaf(Leaf("成本节约率", "5%", "6%", "10"), national_, under_cost);
  EXPECT_EQ(s.direction_source, DirectionSource::kDefault);
  EXPECT_EQ(s.method, ScoreMethod::kAtLeast);
}

TEST_F(IndicatorRulesTest, UnknownNamesAndWrittenOperatorsKeepTodaysMeaning) {
  // A name the library does not know: a bare number is a floor.
  LeafScore s = ScoreLeaf(Leaf("档案归档合格率", "98%", "99%", "5"), national_, fy2024_);
  EXPECT_EQ(s.method, ScoreMethod::kAtLeast);
  EXPECT_EQ(s.direction_source, DirectionSource::kDefault);
  EXPECT_EQ(s.library, nullptr);
  // A written operator wins over the library.
  s = ScoreLeaf(Leaf("预算调整率", "≥3%", "1.8%", "3"), national_, fy2024_);
  EXPECT_EQ(s.method, ScoreMethod::kAtLeast);
  EXPECT_EQ(s.direction_source, DirectionSource::kOperator);
  EXPECT_FALSE(s.met);
  // The package's own direction wins over both.
  Indicator leaf = Leaf("预算调整率", "3%", "1.8%", "3");
  leaf.direction = Direction::kHigherBetter;
  s = ScoreLeaf(leaf, national_, fy2024_);
  EXPECT_EQ(s.direction_source, DirectionSource::kPackage);
  EXPECT_EQ(s.method, ScoreMethod::kAtLeast);
  // A unit the entry does not list: 人员控制率 in 人 is not a rate.
  s = ScoreLeaf(Leaf("人员控制率", "20人", "18人", "3"), national_, fy2024_);
  EXPECT_EQ(s.direction_source, DirectionSource::kDefault);
}

TEST_F(IndicatorRulesTest, ScoreOutputSaysWhereTheDirectionCameFrom) {
  Package p;
  p.fiscal_year = 2024;
  p.evaluation.indicators.push_back(Leaf("预算调整率", "3%", "1.8%", "3", "3"));
  p.evaluation.indicators.push_back(Leaf("档案归档合格率", "98%", "99%", "5", "5"));
  const ScoreSheet sheet = ScorePackage(p, national_);
  const auto json = ScoreJson(p, national_, sheet, {}, FormatOptions{});
  const auto& first = json["indicators"][0];
  EXPECT_EQ(first["direction"], "lower");
  EXPECT_EQ(first["direction_source"], "library");
  EXPECT_EQ(first["library_entry"], "budget_adjustment");
  EXPECT_EQ(first["library_match"], "预算调整率");
  EXPECT_EQ(first["computed_score"], "3");
  const auto& second = json["indicators"][1];
  EXPECT_EQ(second["direction"], "higher");
  EXPECT_EQ(second["direction_source"], "default");
  EXPECT_FALSE(second.contains("library_entry"));
  const std::string text = FormatScoreText(p, national_, sheet, {}, FormatOptions{});
  EXPECT_NE(text.find("预算调整率: 年度指标值未写比较符，按评分规则指标库“budget_adjustment”（匹配“"
                      "预算调整率”）按 ≤ 计"),
            std::string::npos)
      << text;
}

// ---- dates ----

TEST_F(IndicatorRulesTest, DeadlinesAgainstDatedActuals) {
  struct Case {
    const char* target;
    const char* actual;
    ScoreMethod method;
    bool met;
  } cases[] = {
      {"9月前", "8月完成", ScoreMethod::kDeadline, true},
      {"9月底前", "2024年9月20日", ScoreMethod::kDeadline, true},
      {"9月底前", "10月", ScoreMethod::kDeadline, false},
      {"年底前", "12月", ScoreMethod::kDeadline, true},
      {"年底前", "2025年1月", ScoreMethod::kDeadline, false},
      {"6月30日前", "2024年6月28日", ScoreMethod::kDeadline, true},
      {"6月30日前", "7月", ScoreMethod::kDeadline, false},
      {"2024年12月31日前", "11月", ScoreMethod::kDeadline, true},
      {"按时", "按时完成", ScoreMethod::kDeadline, true},
      {"及时", "未及时报送", ScoreMethod::kDeadline, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.target) + " / " + c.actual);
    const LeafScore s =
        ScoreLeaf(Leaf("完成时限", c.target, c.actual, "5", "5"), national_, fy2024_);
    EXPECT_EQ(s.method, c.method) << s.note_zh;
    EXPECT_EQ(s.met, c.met);
    if (c.met) {
      EXPECT_EQ(s.computed.lo().ToString(), "5");
      EXPECT_EQ(s.computed.hi().ToString(), "5");
    } else {
      EXPECT_EQ(s.computed.lo().Normalized().ToString(), "0");
      EXPECT_EQ(s.computed.hi().Normalized().ToString(), "3");  // the 未达成 band: 0–60%
    }
  }
}

TEST_F(IndicatorRulesTest, DeadlinesThatCannotBeToldAreNotGuessed) {
  struct Case {
    const char* target;
    const char* actual;
    int fiscal_year;
    const char* why;
  } cases[] = {
      {"9月前", "2024年9月15日", 2024, "可读作9月1日前或9月底前"},
      {"6月15日前", "6月", 2024, "只写到月份"},
      {"年底前", "2024年11月", 0, "未知所属年度"},
      {"按时", "2024年8月", 2024, "未写明时限"},
      {"9月底前", "已完成", 2024, "没有写明完成时间"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.target) + " / " + c.actual);
    const LeafScore s = ScoreLeaf(Leaf("完成时限", c.target, c.actual, "5"), national_,
                                  LeafContext{c.fiscal_year, {}});
    EXPECT_EQ(s.method, ScoreMethod::kNotAssessable);
    EXPECT_TRUE(s.deadline_unclear);
    EXPECT_NE(s.note_zh.find(c.why), std::string::npos) << s.note_zh;
  }
}

TEST(Deadline, Parsing) {
  Deadline d;
  ASSERT_TRUE(ParseDeadline("9月前", &d));
  EXPECT_EQ(d.strict.month, 9);
  EXPECT_EQ(d.strict.day, 0);
  EXPECT_EQ(d.lenient.day, 31);
  ASSERT_TRUE(ParseDeadline("9月底前完成", &d));
  EXPECT_EQ(d.strict.day, 31);
  EXPECT_EQ(d.lenient.day, 31);
  ASSERT_TRUE(ParseDeadline("２０２４年１２月３１日前", &d));
  EXPECT_EQ(d.lenient.year, 2024);
  EXPECT_EQ(d.lenient.day, 31);
  ASSERT_TRUE(ParseDeadline("年底前", &d));
  EXPECT_EQ(d.lenient.month, 12);
  ASSERT_TRUE(ParseDeadline("上半年", &d));
  EXPECT_EQ(d.lenient.month, 6);
  ASSERT_TRUE(ParseDeadline("第三季度末前", &d));
  EXPECT_EQ(d.lenient.month, 9);
  EXPECT_EQ(d.lenient.day, 31);
  ASSERT_TRUE(ParseDeadline("2024年4季度", &d));
  EXPECT_EQ(d.lenient.year, 2024);
  EXPECT_EQ(d.lenient.month, 12);
  EXPECT_FALSE(ParseDeadline("第三季度工作", &d));
  // Not dates: counts and rates keep their meaning.
  EXPECT_FALSE(ParseDeadline("9月", &d));
  EXPECT_FALSE(ParseDeadline("≥8次", &d));
  EXPECT_FALSE(ParseDeadline("3个月内", &d));
  EXPECT_EQ(ParseTarget("≤3个月").comparison, Comparison::kAtMost);
  EXPECT_EQ(ParseTarget("9月底前").comparison, Comparison::kDeadline);
  EXPECT_EQ(ParseTarget("按时完成").comparison, Comparison::kOnTime);
  const Actual a = ParseActual("已于2024年9月20日完成");
  EXPECT_TRUE(a.dated);
  EXPECT_EQ(a.date.year, 2024);
  EXPECT_EQ(a.date.month, 9);
  EXPECT_EQ(a.date.day, 20);
  EXPECT_FALSE(ParseActual("12个月").dated);
  EXPECT_EQ(ParseActual("12个月").kind, Actual::Kind::kNumber);
}

// ---- 得分系数 ----

TEST_F(IndicatorRulesTest, CoefficientTimesWeight) {
  Indicator leaf = Leaf("政府采购执行率", "100%", "85%", "4", "3.4");
  leaf.coefficient = Cell::Number(D("85"), true);
  LeafScore s = ScoreLeaf(leaf, national_, fy2024_);
  ASSERT_TRUE(s.coefficient);
  EXPECT_EQ(s.coefficient->ToString(), "0.85");
  EXPECT_EQ(s.coefficient_score->Normalized().ToString(), "3.4");
  EXPECT_EQ(s.point->ToString(), "3.40");
  leaf.coefficient = Cell::Number(D("0.8"));
  s = ScoreLeaf(leaf, national_, fy2024_);
  EXPECT_EQ(s.coefficient_score->Normalized().ToString(), "3.2");
  leaf.coefficient = Cell::Number(D("100"));  // a percent column written without the sign
  s = ScoreLeaf(leaf, national_, fy2024_);
  EXPECT_EQ(s.coefficient->Normalized().ToString(), "1");
}

}  // namespace
}  // namespace jixiao
