// Tests of the checker: the example's own findings, and one injected error at a time, each
// found with its code, its cell and the reported and recomputed values.
#include "check/checker.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/test_support.h"

namespace jixiao {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }

int Count(const std::vector<Diagnostic>& ds, const std::string& code) {
  return static_cast<int>(
      std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; }));
}

std::vector<std::string> Codes(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> codes;
  for (const Diagnostic& d : ds) codes.push_back(d.code);
  return codes;
}

const Diagnostic* Find(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const Diagnostic& d : ds) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

class CheckerTest : public ::testing::Test {
 protected:
  std::vector<Diagnostic> Check(const Package& p) { return CheckPackage(p, lingling_); }
  // Checks the example and keeps the result alive for the pointers Find returns.
  const std::vector<Diagnostic>& Checked() {
    last_ = Check(example_);
    return last_;
  }
  std::vector<Diagnostic> last_;
  // The example's findings before any injection.
  std::vector<std::string> baseline_ = {"C502", "C502", "C506", "C503", "C505", "X702", "X703",
                                        "X704", "X705", "N804", "N802", "X701", "X701", "N803",
                                        "N803", "P902", "P903", "P904", "P907", "P908"};
  Package example_ = testing::LoadExample();
  Rulebook lingling_ = testing::LoadRulebook("hunan-lingling");
  Rulebook national_ = testing::LoadRulebook("national");

  ExpenseRow& Row(std::initializer_list<int> path) {
    ExpenseRow* row = &example_.basic_data.expenses[*path.begin()];
    for (auto it = path.begin() + 1; it != path.end(); ++it) row = &row->children[*it];
    return *row;
  }
  Indicator& Leaf(int a, int b, int c) {
    return example_.evaluation.indicators[a].children[b].children[c];
  }
};

TEST_F(CheckerTest, ExampleHasOnlyItsKnownFindings) {
  const auto found = Check(example_);
  // The example keeps the seed's figures and claims, so it has the seed's defects.
  EXPECT_EQ(Codes(found), baseline_);
  EXPECT_TRUE(HasProblems(found));
  const Diagnostic* blank = Find(found, "C502");
  ASSERT_NE(blank, nullptr);
  EXPECT_EQ(blank->location.row, "一、部门基本支出");
  EXPECT_EQ(blank->computed, "≥5.39 / ≥4.81 / ≥4.81");
  EXPECT_EQ(found[1].location.row, "二、项目支出小计");
  EXPECT_EQ(found[1].computed, "29.56 / 37");
  EXPECT_EQ(found[2].location.pointer, "/basic_data/expenses/1/children/0/values/final");
}

TEST_F(CheckerTest, ExecutionRateChanged) {
  example_.evaluation.funds.execution_rate = Cell::Number(D("98.52"));
  const auto found = Check(example_);
  const Diagnostic* d = Find(found, "R202");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::kInconsistency);
  EXPECT_EQ(d->location.pointer, "/evaluation/funds/execution_rate");
  EXPECT_EQ(d->reported, "98.52");
  EXPECT_EQ(d->computed, "98.25");
  EXPECT_EQ(d->location.mark_cell, 5);
  EXPECT_TRUE(HasProblems(found));
}

TEST_F(CheckerTest, ExecutionRateOnInitialBudgetIsNamed) {
  example_.evaluation.funds.execution_rate = Cell::Number(D("81.34"));  // 124.88 / 153.53
  const Diagnostic* d = Find(Checked(), "R202");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message_zh.find("分母用错了"), std::string::npos);
}

TEST_F(CheckerTest, RoundingAwareExecutionRate) {
  example_.evaluation.funds.execution_rate = Cell::Number(D("98.3"));  // 98.2533 rounds to 98.3
  EXPECT_EQ(Find(Checked(), "R202"), nullptr);
  example_.evaluation.funds.execution_rate = Cell::Number(D("98.4"));
  EXPECT_NE(Find(Checked(), "R202"), nullptr);
}

TEST_F(CheckerTest, ThreePublicChildChanged) {
  Row({0, 1, 2}).at(ExpenseColumn::kFinal) = Cell::Number(D("0.78"));  // 公务接待
  const auto found = Check(example_);
  const Diagnostic* d = Find(found, "A101");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.row, "三公经费");
  EXPECT_EQ(d->location.pointer, "/basic_data/expenses/0/children/1/values/final");
  EXPECT_EQ(d->reported, "0.68");
  EXPECT_EQ(d->computed, "0.78");
  EXPECT_EQ(d->tolerance, "±0.01");
}

TEST_F(CheckerTest, PartExceedsParent) {
  Row({0}).at(ExpenseColumn::kFinal) = Cell::Number(D("4.00"));
  const auto found = Check(example_);
  const Diagnostic* d = Find(found, "A102");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->reported, "4.13");
  EXPECT_EQ(d->computed, "≤4.00");
}

TEST_F(CheckerTest, PartsTogetherExceedParent) {
  Row({0}).at(ExpenseColumn::kFinal) = Cell::Number(D("4.50"));
  const Diagnostic* d = Find(Checked(), "A103");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->computed, "≥4.81");
}

TEST_F(CheckerTest, StaffControlRate) {
  example_.basic_data.staffing.control_rate = Cell::Number(D("85.7"), true);
  const Diagnostic* d = Find(Checked(), "R201");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->reported, "85.7%");
  EXPECT_EQ(d->computed, "87.50%");
}

TEST_F(CheckerTest, BuildingRates) {
  Building& b = example_.basic_data.buildings[0];
  b.approved_area = Cell::Number(D("1000"));
  b.actual_area = Cell::Number(D("1100"));
  b.area_control_rate = Cell::Number(D("100"), true);
  b.budget_investment = Cell::Number(D("500"));
  b.actual_investment = Cell::Number(D("480"));
  b.investment_control_rate = Cell::Number(D("96"), true);
  const auto found = Check(example_);
  const Diagnostic* d = Find(found, "R203");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.column, "area_control_rate");
  EXPECT_EQ(d->computed, "110.00%");
  EXPECT_EQ(Count(found, "R203"), 1);
}

TEST_F(CheckerTest, ExecutionScore) {
  example_.evaluation.funds.score = Cell::Number(D("9.5"));
  const Diagnostic* d = Find(Checked(), "S301");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->computed, "9.8");
  EXPECT_EQ(d->reported, "9.5");
}

// A table whose every score is a whole number, one of them a part of its weight, is scored in
// whole points: 10 for 9.825 and 8 for 7.875 are the rounding that precision implies.
TEST_F(CheckerTest, ScoresWrittenInWholePoints) {
  example_.evaluation.funds.score = Cell::Number(D("10"));  // 10 × 98.25% = 9.825
  Leaf(0, 0, 0).actual = "6.3";                             // ≧8次, 10 × 6.3 ÷ 8 = 7.875
  Leaf(0, 0, 0).score = Cell::Number(D("8"));
  example_.evaluation.total_score = Cell::Number(D("98"));
  const auto found = Check(example_);
  EXPECT_EQ(Count(found, "S301"), 0);
  EXPECT_EQ(Count(found, "S302"), 0);
  EXPECT_EQ(Count(found, "S306"), 0);

  // A score far from its point is still found in whole points.
  Leaf(0, 0, 1).actual = "15000";  // ≧2万人次: 7.5, reported 10
  const auto off = Check(example_);
  ASSERT_EQ(Count(off, "S302"), 1);
  EXPECT_EQ(Find(off, "S302")->location.pointer,
            "/evaluation/indicators/0/children/0/children/1/score");
}

// One score written with decimals anywhere shows the table keeps the rulebook's decimals.
TEST_F(CheckerTest, OneDecimalScoreKeepsTheRulebooksPrecision) {
  example_.evaluation.funds.score = Cell::Number(D("10"));
  Leaf(0, 0, 0).actual = "6.3";
  Leaf(0, 0, 0).score = Cell::Number(D("8"));
  example_.evaluation.total_score = Cell::Number(D("98.0"));
  const auto found = Check(example_);
  EXPECT_EQ(Count(found, "S301"), 1);
  EXPECT_EQ(Count(found, "S302"), 1);
}

// Full marks everywhere is no sign of whole-point rounding: 10 for 9.825 is a finding.
TEST_F(CheckerTest, FullMarksAloneKeepTheRulebooksPrecision) {
  example_.evaluation.funds.score = Cell::Number(D("10"));
  example_.evaluation.total_score = Cell::Number(D("100"));
  const Diagnostic* d = Find(Checked(), "S301");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->computed, "9.8");
}

TEST_F(CheckerTest, FundsSplit) {
  example_.evaluation.funds.general_public = Cell::Number(D("120.88"));
  const Diagnostic* d = Find(Checked(), "A104");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->reported, "120.88");
  EXPECT_EQ(d->computed, "124.88");
}

TEST_F(CheckerTest, IndicatorScoreOffItsPoint) {
  Leaf(0, 0, 0).actual = "6";  // ≧8次, weight 10, reported 10
  const auto found = Check(example_);
  const Diagnostic* d = Find(found, "S302");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->computed, "7.5");
  EXPECT_EQ(d->location.pointer, "/evaluation/indicators/0/children/0/children/0/score");
  EXPECT_NE(Find(found, "C504"), nullptr) << "a missed target needs a deviation reason";
}

TEST_F(CheckerTest, QualitativeScoreOutsideItsBand) {
  Leaf(0, 1, 0).score = Cell::Number(D("3"));  // band [4, 5]
  const Diagnostic* d = Find(Checked(), "S303");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->computed, "[4, 5]");
}

TEST_F(CheckerTest, NotAssessable) {
  Leaf(0, 0, 1).actual = "";
  const Diagnostic* d = Find(Checked(), "S304");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.column, "actual");
  EXPECT_EQ(d->computed, "无法评价");
}

// A row that cannot be assessed and whose 得分 is blank: the blank is its own finding (C501);
// a row with no 分值 either (a name alone) is asked nothing.
TEST_F(CheckerTest, NotAssessableWithABlankScore) {
  Leaf(0, 0, 1).actual = "";
  Leaf(0, 0, 1).score = Cell::Blank();
  std::vector<Diagnostic> found = Check(example_);
  ASSERT_NE(Find(found, "S304"), nullptr);
  const Diagnostic* d = Find(found, "C501");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.pointer, "/evaluation/indicators/0/children/0/children/1/score");
  Leaf(0, 0, 1).weight = Cell::Blank();
  found = Check(example_);
  for (const Diagnostic& f : found) {
    EXPECT_FALSE(f.code == "C501" &&
                 f.location.pointer == "/evaluation/indicators/0/children/0/children/1/score");
  }
}

TEST_F(CheckerTest, ScoreAboveWeight) {
  Leaf(0, 1, 0).score = Cell::Number(D("6"));
  const auto found = Check(example_);
  EXPECT_NE(Find(found, "S305"), nullptr);
  EXPECT_EQ(Find(found, "S305")->severity, Severity::kError);
}

TEST_F(CheckerTest, TotalAndGrade) {
  example_.evaluation.total_score = Cell::Number(D("98.8"));
  example_.evaluation.grade = "良";
  const auto found = Check(example_);
  const Diagnostic* t = Find(found, "S306");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->computed, "99.8");
  const Diagnostic* g = Find(found, "S307");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->computed, "优");
}

TEST_F(CheckerTest, GroupAndTotalWeights) {
  Leaf(0, 0, 0).weight = Cell::Number(D("15"));
  Leaf(0, 0, 0).score = Cell::Number(D("15"));
  const auto found = Check(example_);
  const Diagnostic* w = Find(found, "W401");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->reported, "50");
  EXPECT_EQ(w->computed, "55");
  EXPECT_EQ(Find(found, "W402"), nullptr) << "the printed group weights still add up to 100";
}

TEST_F(CheckerTest, TotalWeight) {
  example_.evaluation.total_weight = Cell::Number(D("90"));
  const Diagnostic* t = Find(Checked(), "W402");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->reported, "90");
  EXPECT_EQ(t->computed, "100");
}

TEST_F(CheckerTest, IntegerScoresAreReadAtTheRulebooksDecimals) {
  Leaf(0, 0, 0).actual = "6";  // ≧8次: 10 × 6/8 = 7.5
  Leaf(0, 0, 0).score = Cell::Number(D("7"));
  Leaf(0, 0, 0).deviation = "场地受限";
  const auto found = Check(example_);
  const Diagnostic* d = Find(found, "S302");
  ASSERT_NE(d, nullptr) << "7 is 7.00 under a 2-decimal rulebook, not 7 ± 0.5";
  EXPECT_EQ(d->tolerance, "±0.005");
}

TEST_F(CheckerTest, NationalRulebookReportsTheLayout) {
  const auto found = CheckPackage(example_, national_);
  const Diagnostic* d = Find(found, "W404");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->reported, "under_effect");
  EXPECT_EQ(Find(found, "W403"), nullptr) << "weights agree once 满意度 is counted apart";
}

TEST_F(CheckerTest, WeightDiffersFromRulebook) {
  example_.evaluation.indicators[0].weight = Cell::Number(D("60"));
  const Diagnostic* d = Find(Checked(), "W403");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->reported, "60");
  EXPECT_EQ(d->computed, "50");
}

TEST_F(CheckerTest, RequiredValues) {
  example_.evaluation.funds.full_year_budget = Cell::Blank();
  example_.basic_data.staffing.authorized = Cell::Blank();
  example_.report.cover.date = "";
  const auto found = Check(example_);
  EXPECT_EQ(Count(found, "C501"), 3);
}

// A report without any cover (neither unit nor date: it arrived from its text on) is not
// judged for the cover's blanks; one that shows the unit but not the date still is.
TEST_F(CheckerTest, ReportWithoutCoverIsNotBlank) {
  example_.report.cover.unit = "";
  example_.report.cover.date = "";
  for (const Diagnostic& d : Check(example_)) {
    EXPECT_FALSE(d.code == "C501" && d.location.table == "cover") << d.message_en;
  }
  example_.report.cover.unit = "某县农业农村局";
  const auto found = Check(example_);
  ASSERT_EQ(Count(found, "C501"), 1);
  EXPECT_EQ(Find(found, "C501")->location.pointer, "/report/cover/date");
}

TEST_F(CheckerTest, ReportSections) {
  example_.report.sections.erase(example_.report.sections.begin() + 6);  // 七
  const Diagnostic* d = Find(Checked(), "C507");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.section, "七");
}

TEST_F(CheckerTest, EmptyPackageNeverCrashes) {
  const auto found = Check(Package{});
  EXPECT_TRUE(HasProblems(found));
  EXPECT_NE(Find(found, "C501"), nullptr);
  EXPECT_NE(Find(found, "C507"), nullptr);
}

}  // namespace
}  // namespace jixiao

namespace jixiao {
namespace {

class PolicyTest : public ::testing::Test {
 protected:
  Package corrected_ = [] {
    Result<Package> p =
        LoadPackageFile(testing::SourceDir() + "/examples/lingling-kexie-2024-corrected.json");
    EXPECT_TRUE(p.ok());
    return p.ok() ? std::move(p).value() : Package{};
  }();
  Rulebook rb_ = testing::LoadRulebook("hunan-lingling");
  bool Has(const std::string& code) {
    for (const Diagnostic& d : CheckPackage(corrected_, rb_)) {
      if (d.code == code) return true;
    }
    return false;
  }
};

TEST_F(PolicyTest, LowExecutionUnexplained) {
  EXPECT_FALSE(Has("P901"));
  corrected_.evaluation.funds.executed = Cell::Number(*Decimal::Parse("100.00"));
  EXPECT_TRUE(Has("P901"));
}

TEST_F(PolicyTest, ScoreFarAboveExecution) {
  EXPECT_FALSE(Has("P905"));
  corrected_.evaluation.funds.executed = Cell::Number(*Decimal::Parse("100.00"));  // 78.68%
  EXPECT_TRUE(Has("P905"));
}

TEST_F(PolicyTest, StaffOverEstablishment) {
  EXPECT_FALSE(Has("P906"));
  corrected_.basic_data.staffing.on_payroll = Cell::Number(*Decimal::Parse("9"));
  EXPECT_TRUE(Has("P906"));
}

// A sum stated in the goals that does not add up (N801 at the goal), and one that does (silent).
TEST_F(CheckerTest, GoalTextWhosePartsDoNotAddUp) {
  example_.evaluation.goals.achieved =
      "全年使用资金12.5万元：活动经费6万元，宣传材料4万元，设备维护2.8万元。";
  const auto found = Check(example_);
  const Diagnostic* d = Find(found, "N801");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.pointer, "/evaluation/goals/achieved");
  EXPECT_EQ(d->reported, "12.5万元");
  EXPECT_EQ(d->computed, "12.8万元");
  example_.evaluation.goals.achieved =
      "全年使用资金12.8万元：活动经费6万元，宣传材料4万元，设备维护2.8万元。";
  EXPECT_EQ(Codes(Check(example_)), baseline_);
}

// The report's numbered goals are read whatever width their marks are written in: the
// example's （1）…（4） rewritten as (1), （１） and a mix give the same finding on the goal the
// report leaves items out of; goals whose marks are not numbers are not read.
TEST_F(CheckerTest, GoalMarksInAnyWidth) {
  const auto goal_findings = [&](const Package& p) {
    std::vector<std::string> out;
    for (const Diagnostic& d : Check(p)) {
      if (d.code == "X704") out.push_back(d.location.pointer + " " + d.reported);
    }
    return out;
  };
  const std::vector<std::string> baseline = goal_findings(example_);
  ASSERT_EQ(baseline.size(), 1u);
  ReportSection& listing = example_.report.sections[0].subsections[1];
  ASSERT_NE(listing.text.find("（1）"), std::string::npos);
  const auto rewritten = [&](const std::vector<std::string>& marks) {
    Package p = example_;
    std::string& text = p.report.sections[0].subsections[1].text;
    for (size_t n = 1; n <= marks.size(); ++n) {
      const std::string wide = "（" + std::to_string(n) + "）";
      const size_t at = text.find(wide);
      if (at != std::string::npos) text.replace(at, wide.size(), marks[n - 1]);
    }
    return p;
  };
  EXPECT_EQ(goal_findings(rewritten({"(1)", "(2)", "(3)", "(4)"})), baseline);
  EXPECT_EQ(goal_findings(rewritten({"（１）", "（２）", "（３）", "（４）"})), baseline);
  EXPECT_EQ(goal_findings(rewritten({"(1）", "（2)", "(３)", "（4）"})), baseline);
  // Marks that are not goal numbers: nothing is read, nothing is found.
  EXPECT_TRUE(goal_findings(rewritten({"（一）", "（二）", "（三）", "（四）"})).empty());
  EXPECT_TRUE(goal_findings(rewritten({"(01)", "(02)", "(03)", "(04)"})).empty());
}

// A remembered reading of the report gives exactly the findings of a fresh one: for the report
// seen before, for a changed report (not mistaken for the old one), for the same report under
// another fiscal year, and after the package it was first read from is gone.
TEST_F(PolicyTest, RememberedReportReadsAsAFreshOne) {
  CheckOptions remember;
  remember.remember_report = true;
  const auto codes = [](const std::vector<Diagnostic>& found) {
    std::vector<std::string> out;
    for (const Diagnostic& d : found) {
      out.push_back(d.code + " " + d.location.pointer + " " + d.location.section + " " +
                    d.message_en + " " + d.message_zh);
    }
    return out;
  };
  const auto same = [&](const Package& p) {
    const ScoreSheet sheet = ScorePackage(p, rb_);
    const auto fresh = codes(CheckPackage(p, rb_, sheet));
    EXPECT_EQ(codes(CheckPackage(p, rb_, sheet, remember)), fresh);
    EXPECT_EQ(codes(CheckPackage(p, rb_, sheet, remember)), fresh);  // the second from the cache
    return fresh;
  };
  {
    Package first = corrected_;
    same(first);
  }  // the package the reading came from is gone; the reading owns its texts
  same(corrected_);
  ASSERT_FALSE(corrected_.report.sections.empty());
  Package changed = corrected_;
  changed.report.sections[0].text += "本年度预算执行率为50.00%。";
  const auto with_claim = same(changed);
  EXPECT_NE(with_claim, same(corrected_));
  Package next_year = corrected_;
  next_year.fiscal_year += 1;
  same(next_year);
}

}  // namespace
}  // namespace jixiao
