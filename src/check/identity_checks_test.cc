// Tests of the identity checks: the unit each document names (X706), the year in the report's
// titles (X707), the report's date (C508), negative figures (A105), money spent without a
// budget (A106) and spending above budget (P909) — each with a case that fires and one that
// must stay silent — and the rulebook keys they read ([dates], policy.over_budget_percent).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "check/checker.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Blanks the budget column of every row, as a form without budget figures has it.
void BlankBudgets(std::vector<ExpenseRow>& rows) {
  for (ExpenseRow& row : rows) {
    row.at(ExpenseColumn::kBudget) = Cell::Blank();
    BlankBudgets(row.children);
  }
}

constexpr const char* kIdentityCodes[] = {"X706", "X707", "C508", "A105", "A106", "P909"};

class IdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Package> p =
        LoadPackageFile(testing::SourceDir() + "/examples/lingling-kexie-2024-corrected.json");
    ASSERT_TRUE(p.ok()) << p.status().message();
    package_ = std::move(p).value();
  }
  // The diagnostics of `code` the package raises now.
  std::vector<Diagnostic> Found(const std::string& code) {
    std::vector<Diagnostic> out;
    for (Diagnostic& d : CheckPackage(package_, rulebook_)) {
      if (d.code == code) out.push_back(std::move(d));
    }
    return out;
  }
  ExpenseRow& Row(std::initializer_list<int> path) {
    ExpenseRow* row = &package_.basic_data.expenses[*path.begin()];
    for (auto it = path.begin() + 1; it != path.end(); ++it) row = &row->children[*it];
    return *row;
  }

  Package package_;
  Rulebook rulebook_ = testing::LoadRulebook("hunan-lingling");
};

TEST_F(IdentityTest, CorrectedExampleRaisesNone) {
  for (const char* code : kIdentityCodes) EXPECT_TRUE(Found(code).empty()) << code;
}

// ---- X706 ----

TEST_F(IdentityTest, LongAndShortFormsOfTheSameUnitAreSilent) {
  package_.unit.name = "永州市零陵区科学技术协会";
  package_.report.cover.unit = "单位名称：零陵区科协（盖章）";
  package_.evaluation.unit_name = "区科协";
  package_.report.cover.title = "2024年度零陵区科协部门整体支出绩效自评报告";
  EXPECT_TRUE(Found("X706").empty());
  package_.evaluation.unit_name = "零陵区科学技术协会";
  package_.report.cover.unit = "填报单位:永州市零陵区科协";
  EXPECT_TRUE(Found("X706").empty());
}

TEST_F(IdentityTest, OtherShortFormsAreSilent) {
  const std::pair<const char*, const char*> same[] = {
      {"永州市零陵区住房和城乡建设局", "零陵区住建局"},
      {"中共永州市零陵区委员会组织部", "区委组织部"},
      {"中国人民政治协商会议永州市零陵区委员会", "零陵区政协"},
      {"永州市零陵区人民政府办公室", "零陵区政府办"},
      {"永州市零陵区市场监督管理局", "区市场监管局"},
      {"零陵区人力资源和社会保障局", "零陵区人社局"},
      {"石岩头镇人民政府", "石岩头镇"},
  };
  for (const auto& [long_form, short_form] : same) {
    package_.unit.name = long_form;
    package_.evaluation.unit_name = short_form;
    package_.report.cover.unit = short_form;
    package_.report.cover.title = "";
    EXPECT_TRUE(Found("X706").empty()) << long_form << " / " << short_form;
  }
}

TEST_F(IdentityTest, AnotherUnitsNameIsX706) {
  package_.report.cover.unit = "零陵区文化馆";
  const auto found = Found("X706");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::kInconsistency);
  EXPECT_EQ(found[0].location.pointer, "/report/cover/unit");
  ASSERT_EQ(found[0].related.size(), 1u);
  EXPECT_EQ(found[0].related[0].pointer, "/unit/name");
  EXPECT_EQ(found[0].reported, "零陵区文化馆");
  EXPECT_EQ(found[0].computed, "永州市零陵区科学技术协会");
  EXPECT_NE(found[0].message_en.find("The report cover's unit"), std::string::npos);
}

TEST_F(IdentityTest, TheSameUnitOfAnotherDistrictIsX706) {
  package_.evaluation.unit_name = "永州市冷水滩区科学技术协会";
  const auto found = Found("X706");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].location.pointer, "/evaluation/unit_name");
}

TEST_F(IdentityTest, TheTitleNamesAnotherUnit) {
  package_.report.cover.title = "2024年度零陵区文化馆整体支出绩效自评报告";
  const auto found = Found("X706");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].location.pointer, "/report/cover/title");
  EXPECT_EQ(found[0].reported, "零陵区文化馆");
}

TEST_F(IdentityTest, NamesThatDoNotReadAsNamesAreSilent) {
  package_.report.cover.unit = "（盖章）";
  package_.evaluation.unit_name = "2024年度部门整体支出绩效自评报告";
  package_.report.cover.title = "部门整体支出绩效自评报告";
  EXPECT_TRUE(Found("X706").empty());
  // The absent report is not read.
  package_.report.cover.unit = "零陵区文化馆";
  package_.parts.report = PartState::kAbsent;
  EXPECT_TRUE(Found("X706").empty());
}

// ---- X707 ----

TEST_F(IdentityTest, TheTitlesYearIsTheFiscalYear) {
  package_.report.cover.title = "零陵区科协2024年部门整体支出绩效自评报告";
  EXPECT_TRUE(Found("X707").empty());
  package_.report.cover.title = "2023年度零陵区科协整体支出绩效自评报告";
  auto found = Found("X707");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].location.pointer, "/report/cover/title");
  EXPECT_EQ(found[0].reported, "2023");
  EXPECT_EQ(found[0].computed, "2024");
}

TEST_F(IdentityTest, ASectionTitleNamingAnotherYear) {
  package_.report.sections[5].title = "2023年度部门整体支出绩效情况";
  auto found = Found("X707");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].location.pointer, "/report/sections/5/title");
  // A year in prose, a plan for next year, a range: nothing to say.
  package_.report.sections[5].title = "部门整体支出绩效情况";
  package_.report.sections[5].text = "2023年度部门整体支出绩效评价得分为95分。";
  package_.report.sections[7].title = "2025年度绩效工作计划";
  package_.report.sections[8].title = "2022-2024年度绩效自评结果";
  package_.report.sections[6].title = "2023年度绩效自评发现问题整改情况";
  EXPECT_TRUE(Found("X707").empty());
  package_.fiscal_year = 0;
  package_.report.cover.title = "2023年度零陵区科协整体支出绩效自评报告";
  EXPECT_TRUE(Found("X707").empty());
}

// ---- C508 ----

TEST_F(IdentityTest, ADateAfterTheYearIsSilent) {
  for (const char* date :
       {"2025年7月10日", "2025-07-10", "2025.7.10", "2025/07/10", "二〇二五年七月十日",
        "报告日期：2025年3月", "2025年 7 月 10 日", "2024年12月1", "七月", ""}) {
    package_.report.cover.date = date;
    EXPECT_TRUE(Found("C508").empty()) << date;
  }
}

TEST_F(IdentityTest, ADateBeforeTheYearEndsIsC508) {
  package_.report.cover.date = "2024年12月1日";
  auto found = Found("C508");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::kError);
  EXPECT_EQ(found[0].location.pointer, "/report/cover/date");
  EXPECT_EQ(found[0].computed, "> 2024-12-31");
  package_.report.cover.date = "2024-12-31";
  EXPECT_EQ(Found("C508").size(), 1u);
  package_.report.cover.date = "二〇二四年十二月三十一日";
  EXPECT_EQ(Found("C508").size(), 1u);
}

TEST_F(IdentityTest, AnImpossibleDateIsC508) {
  for (const char* date : {"2025年2月30日", "2025-13-01", "2025.4.31", "2025年0月5日"}) {
    package_.report.cover.date = date;
    EXPECT_EQ(Found("C508").size(), 1u) << date;
  }
  package_.report.cover.date = "2028年2月29日";  // a leap year
  EXPECT_TRUE(Found("C508").empty());
}

TEST_F(IdentityTest, TheRulebooksWindow) {
  Result<Rulebook> rb = ParseRulebook(R"(
[rulebook]
id = "window"
name = "window"
description = ""
[weights]
layout = "under_effect"
execution = 10
output = 50
effect = 40
satisfaction = 10
total = 100
[execution]
cap_percent = 100
decimals = 1
rounding = "half_up"
explain_below_percent = 90
[scores]
decimals = 2
rounding = "half_up"
[rates]
decimals = 2
rounding = "half_up"
[reverse]
variant = "ratio"
[qualitative]
scale = [["高"], ["较高"]]
achieved = [80, 100]
partial = [60, 80]
not_achieved = [0, 60]
[[grades]]
name = "优"
min = 0
max = 100
max_inclusive = true
[three_public]
basis = "final"
[policy]
overshoot_percent = 130
qualitative_share_percent = 40
score_above_execution_points = 10
rough_flat_percent = 5
over_budget_percent = "110.5"
[dates]
submit_from = "03-01"
submit_until = "06-30"
)",
                                      "window.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  ASSERT_TRUE(rb->submit_from.has_value());
  EXPECT_EQ(rb->submit_from->month, 3);
  EXPECT_EQ(rb->submit_from->day, 1);
  ASSERT_TRUE(rb->submit_until.has_value());
  EXPECT_EQ(rb->submit_until->month, 6);
  EXPECT_EQ(rb->submit_until->day, 30);
  EXPECT_EQ(rb->over_budget_percent, D("110.5"));
  rulebook_ = *rb;
  package_.report.cover.date = "2025年6月30日";
  EXPECT_TRUE(Found("C508").empty());
  package_.report.cover.date = "2025年7月10日";
  auto found = Found("C508");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].computed, "≤ 2025-06-30");
  package_.report.cover.date = "2025年2月28日";
  found = Found("C508");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].computed, "≥ 2025-03-01");
}

TEST_F(IdentityTest, DefaultsAndErrorsOfTheNewRulebookKeys) {
  // The bundled rulebooks set no window and flag spending above 100%.
  EXPECT_FALSE(rulebook_.submit_from.has_value());
  EXPECT_FALSE(rulebook_.submit_until.has_value());
  EXPECT_EQ(rulebook_.over_budget_percent, D("100"));
  // A copy of the national file with a [dates] table appended.
  const auto with = [](const std::string& extra) {
    std::string text = ReadAll(testing::SourceDir() + "/rulebooks/national.toml");
    return ParseRulebook(text + extra, "x.toml");
  };
  EXPECT_TRUE(with("[dates]\n").ok());
  auto r = with("[dates]\nsubmit_from = \"3-1\"\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(
                "dates.submit_from: \"3-1\" is not a month and day (\"MM-DD\", such as \"05-31\")"),
            std::string::npos)
      << r.status().message();
  r = with("[dates]\nsubmit_until = \"02-30\"\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("dates.submit_until: \"02-30\" is not a month and day"),
            std::string::npos);
  r = with("[dates]\nsubmit_from = 5\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("dates.submit_from: expected a string, found an integer"),
            std::string::npos)
      << r.status().message();
  r = with("[dates]\nsubmit_from = \"07-01\"\nsubmit_until = \"06-30\"\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("dates.submit_until: 06-30 is before submit_from 07-01"),
            std::string::npos)
      << r.status().message();
  r = with("[dates]\nsubmit_form = \"07-01\"\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("unknown key (did you mean submit_from?)"), std::string::npos)
      << r.status().message();
}

// ---- A105 ----

TEST_F(IdentityTest, NegativeFiguresAreA105) {
  package_.basic_data.staffing.on_payroll = Cell::Number(D("-7"));
  Row({0, 0}).at(ExpenseColumn::kFinal) = Cell::Number(D("-36.70"));
  package_.evaluation.funds.executed = Cell::Number(D("-124.88"));
  package_.evaluation.indicators[0].children[0].children[0].score = Cell::Number(D("-10"));
  const auto found = Found("A105");
  std::vector<std::string> pointers;
  for (const Diagnostic& d : found) pointers.push_back(d.location.pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{
                          "/basic_data/staffing/on_payroll",
                          "/basic_data/expenses/0/children/0/values/final",
                          "/evaluation/funds/executed",
                          "/evaluation/indicators/0/children/0/children/0/score",
                      }));
  EXPECT_EQ(found[0].severity, Severity::kError);
  EXPECT_EQ(found[1].reported, "-36.70");
}

TEST_F(IdentityTest, AdjustmentsMayBeNegative) {
  // The example's 部门基本支出预算调整 is -26.43 already; a row labelled as a reduction too.
  Row({1, 0}).label = "项目支出调减";
  Row({1, 0}).at(ExpenseColumn::kFinal) = Cell::Number(D("-5"));
  EXPECT_TRUE(Found("A105").empty());
}

// ---- A106 ----

TEST_F(IdentityTest, SpendingAgainstABudgetOfZeroIsA106) {
  package_.evaluation.funds.full_year_budget = Cell::Number(D("0"));
  auto found = Found("A106");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::kInconsistency);
  EXPECT_EQ(found[0].location.pointer, "/evaluation/funds/full_year_budget");
  EXPECT_EQ(found[0].computed, "124.88");
  // Blank, with the initial budget blank too.
  package_.evaluation.funds.full_year_budget = Cell::Blank();
  package_.evaluation.funds.initial_budget = Cell::Blank();
  EXPECT_EQ(Found("A106").size(), 1u);
}

TEST_F(IdentityTest, ABudgetOrNoSpendingIsSilent) {
  // A blank full-year budget beside an initial one.
  package_.evaluation.funds.full_year_budget = Cell::Blank();
  EXPECT_TRUE(Found("A106").empty());
  // No full-year column: the initial budget is the budget.
  package_.evaluation.funds.full_year_budget = Cell::NotApplicable();
  EXPECT_TRUE(Found("A106").empty());
  package_.evaluation.funds.initial_budget = Cell::Number(D("0"));
  auto found = Found("A106");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].location.pointer, "/evaluation/funds/initial_budget");
  // Nothing spent.
  package_.evaluation.funds.executed = Cell::Number(D("0"));
  EXPECT_TRUE(Found("A106").empty());
}

TEST_F(IdentityTest, AFundsRowWithoutBudgetIsA106) {
  FundsRow row;
  row.key = "prior_carryover";
  row.label = "上年结转资金";
  row.initial_budget = Cell::Number(D("0"));
  row.full_year_budget = Cell::Number(D("0"));
  row.executed = Cell::Number(D("3.5"));
  package_.evaluation.funds.rows.push_back(row);
  auto found = Found("A106");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].location.pointer, "/evaluation/funds/rows/0/full_year_budget");
}

// ---- P909 ----

TEST_F(IdentityTest, SpendingAboveBudgetIsP909) {
  Row({0, 1, 2}).at(ExpenseColumn::kFinal) = Cell::Number(D("0.75"));  // 公务接待 0.68 → 0.75
  const auto found = Found("P909");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::kWarning);
  EXPECT_EQ(found[0].location.pointer, "/basic_data/expenses/0/children/1/children/2/values/final");
  EXPECT_EQ(found[0].computed, "110.29%");  // 0.75 ÷ 0.68 = 110.294…
  // Under a threshold of 110.5 it is allowed.
  rulebook_.over_budget_percent = D("110.5");
  EXPECT_TRUE(Found("P909").empty());
}

TEST_F(IdentityTest, SpendingWithoutBudgetIsP909) {
  Row({0, 1, 1}).at(ExpenseColumn::kFinal) = Cell::Number(D("1.2"));  // 出国经费, budget blank
  auto found = Found("P909");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].message_en.find("with no budget"), std::string::npos);
  // A form without any budget figure has nothing to compare with.
  BlankBudgets(package_.basic_data.expenses);
  EXPECT_TRUE(Found("P909").empty());
}

}  // namespace
}  // namespace jixiao
