// Tests of the checks of indicator scoring rules: each new code fires on a wrong case and stays
// silent on a right one — S313 (a deadline indicator's score), S314 (得分 ≠ 权重 × 得分系数),
// S315 (得分系数 above 1), W405 (children's weights outside a group's range), I625 (a date that
// cannot be judged: an info note, not a guess) — and a bare 预算调整率 target scored as a
// ceiling raises no S302 when the unit scored it so.
#include <gtest/gtest.h>

#include <algorithm>

#include "check/checker.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }

int Count(const std::vector<Diagnostic>& ds, const std::string& code) {
  return static_cast<int>(
      std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; }));
}

const Diagnostic* Find(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const Diagnostic& d : ds) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

Indicator Leaf(const char* name, const char* target, const char* actual, const char* weight,
               const char* score) {
  Indicator i;
  i.name = name;
  i.target = target;
  i.actual = actual;
  i.weight = Cell::Number(D(weight));
  i.score = Cell::Number(D(score));
  i.deviation = "无";
  return i;
}

class IndicatorRulesChecks : public ::testing::Test {
 protected:
  // A package of one 一级 group holding `leaves` under one 二级.
  Package WithLeaves(std::vector<Indicator> leaves) {
    Package p;
    p.fiscal_year = 2024;
    Indicator top;
    top.name = "产出指标";
    Indicator mid;
    mid.name = "时效指标";
    mid.children = std::move(leaves);
    top.children.push_back(std::move(mid));
    p.evaluation.indicators.push_back(std::move(top));
    return p;
  }
  std::vector<Diagnostic> Check(const Package& p) { return CheckPackage(p, national_); }
  Rulebook national_ = testing::LoadRulebook("national");
};

TEST_F(IndicatorRulesChecks, DeadlineScore) {
  // On time, full marks: silent.
  auto found = Check(WithLeaves({Leaf("资料报送", "9月底前", "2024年9月20日", "5", "5")}));
  EXPECT_EQ(Count(found, "S313"), 0);
  EXPECT_EQ(Count(found, "S302"), 0);
  EXPECT_EQ(Count(found, "S304"), 0);
  // On time, scored 4: S313.
  found = Check(WithLeaves({Leaf("资料报送", "9月底前", "2024年9月20日", "5", "4")}));
  const Diagnostic* d = Find(found, "S313");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->computed, "5");
  EXPECT_EQ(d->location.pointer, "/evaluation/indicators/0/children/0/children/0/score");
  // Late, full marks: S313 with the band.
  found = Check(WithLeaves({Leaf("资料报送", "9月底前", "2024年10月12日", "5", "5")}));
  d = Find(found, "S313");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->computed, "[0, 3]");
  // Late, scored inside the band: silent.
  found = Check(WithLeaves({Leaf("资料报送", "9月底前", "2024年10月12日", "5", "2")}));
  EXPECT_EQ(Count(found, "S313"), 0);
}

TEST_F(IndicatorRulesChecks, DeadlineThatCannotBeToldIsAnInfoNote) {
  auto found = Check(WithLeaves({Leaf("资料报送", "9月前", "2024年9月15日", "5", "5")}));
  const Diagnostic* d = Find(found, "I625");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::kInfo);
  EXPECT_EQ(d->location.column, "actual");
  EXPECT_EQ(Count(found, "S304"), 0) << "said once, as an info note";
  // A date that can be told: no note.
  found = Check(WithLeaves({Leaf("资料报送", "9月前", "2024年8月15日", "5", "5")}));
  EXPECT_EQ(Count(found, "I625"), 0);
}

TEST_F(IndicatorRulesChecks, LibraryCeilingIsNotReportedAsAMissedFloor) {
  // 预算调整率 3%, actual 1.8%, full marks: right under the library's ≤.
  auto found = Check(WithLeaves({Leaf("预算调整率", "3%", "1.8%", "3", "3")}));
  EXPECT_EQ(Count(found, "S302"), 0);
  // 4% is over the ceiling: 3 × 3 ÷ 4 = 2.25, not 3.
  found = Check(WithLeaves({Leaf("预算调整率", "3%", "4%", "3", "3")}));
  const Diagnostic* d = Find(found, "S302");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->computed, "2.25");
}

TEST_F(IndicatorRulesChecks, CoefficientScore) {
  Indicator right = Leaf("政府采购执行率", "100%", "85%", "4", "3.4");
  right.coefficient = Cell::Number(D("85"), true);
  auto found = Check(WithLeaves({right}));
  EXPECT_EQ(Count(found, "S314"), 0);
  EXPECT_EQ(Count(found, "S315"), 0);
  EXPECT_EQ(Count(found, "S302"), 0);

  Indicator wrong = right;
  wrong.coefficient = Cell::Number(D("80"), true);  // 4 × 80% = 3.2, reported 3.4
  found = Check(WithLeaves({wrong}));
  const Diagnostic* d = Find(found, "S314");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->computed, "3.20");
  EXPECT_EQ(d->reported, "3.4");
  EXPECT_EQ(d->location.pointer, "/evaluation/indicators/0/children/0/children/0/score");

  Indicator fraction = right;
  fraction.coefficient = Cell::Number(D("0.85"));
  EXPECT_EQ(Count(Check(WithLeaves({fraction})), "S314"), 0);

  Indicator above = right;
  above.coefficient = Cell::Number(D("120"), true);
  found = Check(WithLeaves({above}));
  d = Find(found, "S315");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::kError);
  EXPECT_EQ(d->reported, "120%");
  EXPECT_EQ(Count(found, "S314"), 0);
}

TEST_F(IndicatorRulesChecks, GroupWeightRange) {
  Package p = WithLeaves({Leaf("完成道路巡查", "≥240次", "252次", "30", "30"),
                          Leaf("巡查问题办结率", "≥95%", "97%", "25", "25")});
  Indicator& top = p.evaluation.indicators[0];
  top.weight_min = Cell::Number(D("60"));
  // 55 is below ≥60.
  auto found = Check(p);
  const Diagnostic* d = Find(found, "W405");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->reported, "55");
  EXPECT_EQ(d->computed, "≥60");
  EXPECT_EQ(d->location.pointer, "/evaluation/indicators/0/weight");
  EXPECT_EQ(Count(found, "W401"), 0) << "a range is not a weight";
  // 65 is inside an open range; 65 is above 60–62.
  top.children[0].children[1].weight = Cell::Number(D("35"));
  top.children[0].children[1].score = Cell::Number(D("35"));
  EXPECT_EQ(Count(Check(p), "W405"), 0);
  top.weight_max = Cell::Number(D("62"));
  found = Check(p);
  d = Find(found, "W405");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->computed, "60–62");
}

}  // namespace
}  // namespace jixiao
