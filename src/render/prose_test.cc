// Tests of the prose generator on hand-made figures and reports: the wording of increases,
// decreases, equality, a prior year of zero, empty budget types, rounding, units; reading
// figures from the tables and the report; and splicing into sections (reasons kept or
// dropped, unit prose kept, sections found by title, idempotence). Each generated sentence is
// also read back with the claim extractor, so that the checks understand what it says.
#include "render/prose.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "narrative/claims.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }
ProseAmount A(const char* s) { return ProseAmount{D(s), "test"}; }
Cell N(const char* s) { return Cell::Number(D(s)); }

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const ProseParagraph* Topic(const std::vector<ProseParagraph>& ps, ProseTopic t) {
  for (const ProseParagraph& p : ps) {
    if (p.topic == t) return &p;
  }
  return nullptr;
}

// Every "元" in the text is part of "万元".
bool OnlyWan(const std::string& text) {
  for (size_t at = text.find("元"); at != std::string::npos; at = text.find("元", at + 1)) {
    if (at < 3 || text.compare(at - 3, 3, "万") != 0) return false;
  }
  return true;
}

class ProseTest : public ::testing::Test {
 protected:
  ProseFigures Figures() const {
    ProseFigures f;
    f.fiscal_year = 2024;
    return f;
  }
  std::string Basic(const char* now, const char* before) {
    ProseFigures f = Figures();
    f.basic.current = A(now);
    if (before != nullptr) f.basic.prior = A(before);
    const auto ps = WriteProse(f, rb_);
    const ProseParagraph* p = Topic(ps, ProseTopic::kBasic);
    return p ? p->text : "";
  }
  Rulebook rb_ = testing::LoadRulebook("hunan-lingling");
};

TEST_F(ProseTest, Increase) {
  EXPECT_EQ(Basic("124.88", "118.84"),
            "基本支出本年124.88万元，上年118.84万元，比上年增加6.04万元，增长5.08%。");
}

TEST_F(ProseTest, Decrease) {
  EXPECT_EQ(Basic("124.88", "148.4"),
            "基本支出本年124.88万元，上年148.40万元，比上年减少23.52万元，下降15.85%。");
}

TEST_F(ProseTest, EqualIsFlatNeverRoughlyFlat) {
  EXPECT_EQ(Basic("0.68", "0.680"), "基本支出本年0.68万元，上年0.68万元，与上年持平。");
  // A change of 0.01 is a change.
  const std::string small = Basic("0.68", "0.67");
  EXPECT_TRUE(Has(small, "比上年增加0.01万元，增长1.49%")) << small;
  EXPECT_FALSE(Has(small, "持平"));
}

TEST_F(ProseTest, PriorYearZeroHasNoPercentage) {
  EXPECT_EQ(Basic("5", "0"), "基本支出本年5.00万元，上年0.00万元，比上年增加5.00万元。");
  EXPECT_EQ(Basic("0", "0"), "基本支出本年0.00万元，上年0.00万元，与上年持平。");
}

TEST_F(ProseTest, NoPriorYearNoComparison) {
  EXPECT_EQ(Basic("5.5", nullptr), "基本支出本年5.50万元。");
}

TEST_F(ProseTest, PercentagesRoundHalfUpToTheRulebooksDecimals) {
  // 1.01 ÷ 200 = 0.505%: half up gives 0.51 (half even would give 0.50).
  EXPECT_TRUE(Has(Basic("201.01", "200"), "增长0.51%"));
  Rulebook one = rb_;
  one.rate_decimals = 1;
  ProseFigures f = Figures();
  f.basic.current = A("201.01");
  f.basic.prior = A("200");
  EXPECT_TRUE(Has(Topic(WriteProse(f, one), ProseTopic::kBasic)->text, "增长0.5%"));
  // A change too small for the percentage's decimals says so instead of "0.00%".
  EXPECT_TRUE(Has(Basic("10000.01", "10000"), "增加0.01万元，变动幅度不足0.01%"));
}

TEST_F(ProseTest, EmptyBudgetTypesSayNone) {
  ProseFigures f = Figures();
  auto ps = WriteProse(f, rb_);
  const ProseParagraph* fund = Topic(ps, ProseTopic::kGovernmentFund);
  ASSERT_NE(fund, nullptr);
  EXPECT_EQ(fund->text, "本单位2024年度无政府性基金预算支出。");
  EXPECT_TRUE(fund->presumed);  // blank cell: presumed
  EXPECT_EQ(Topic(ps, ProseTopic::kStateCapital)->text, "本单位2024年度无国有资本经营预算支出。");
  EXPECT_EQ(Topic(ps, ProseTopic::kSocialInsurance)->text,
            "本单位2024年度无社会保险基金预算支出。");
  f.government_fund = A("0");
  ps = WriteProse(f, rb_);
  fund = Topic(ps, ProseTopic::kGovernmentFund);
  EXPECT_EQ(fund->text, "本单位2024年度无政府性基金预算支出。");
  EXPECT_FALSE(fund->presumed);  // a written 0: known
  f.government_fund = A("12.3");
  EXPECT_EQ(Topic(WriteProse(f, rb_), ProseTopic::kGovernmentFund)->text,
            "本单位2024年度政府性基金预算支出12.30万元。");
  // Nothing known about a topic: no paragraph at all.
  EXPECT_EQ(Topic(WriteProse(Figures(), rb_), ProseTopic::kThreePublic), nullptr);
  EXPECT_EQ(Topic(WriteProse(Figures(), rb_), ProseTopic::kProjectList), nullptr);
}

TEST_F(ProseTest, ThreePublicOnTheRulebooksBasis) {
  ProseFigures f = Figures();
  f.three_public = {A("0.68"), A("0.70"), A("0.67")};
  f.reception = {A("0.68"), std::nullopt, A("0.67")};
  const std::string final_basis = Topic(WriteProse(f, rb_), ProseTopic::kThreePublic)->text;
  EXPECT_EQ(final_basis,
            "“三公”经费本年预算0.70万元、决算0.68万元，上年决算0.67万元，比上年增加0.01万元，"
            "增长1.49%。其中，公务接待费本年决算0.68万元，上年决算0.67万元，比上年增加0.01万元，"
            "增长1.49%。");
  Rulebook budget = rb_;
  budget.three_public_basis = ThreePublicBasis::kBudget;
  const std::string budget_basis = Topic(WriteProse(f, budget), ProseTopic::kThreePublic)->text;
  EXPECT_TRUE(Has(budget_basis,
                  "本年决算0.68万元、预算0.70万元，上年决算0.67万元，"
                  "本年预算比上年决算增加0.03万元，增长4.48%。"))
      << budget_basis;
}

// The claim extractor reads each generated sentence as meant: subject, year and the
// difference — so that the checks trace it.
TEST_F(ProseTest, GeneratedSentencesReadBackAsMeant) {
  ProseFigures f = Figures();
  f.spending = {A("124.88"), std::nullopt, A("148.40")};
  const std::string text = Topic(WriteProse(f, rb_), ProseTopic::kSpending)->text;
  EXPECT_EQ(text,
            "2024年度支出决算124.88万元，上年（2023年）为148.40万元，比上年减少23.52万元，"
            "下降15.85%。");
  Sentence s;
  s.text = text;
  const SentenceClaims c = ExtractClaims(s, 2024);
  ASSERT_EQ(c.mentions.size(), 4u);
  EXPECT_EQ(c.mentions[0].subject, Subject::kTotalSpending);
  EXPECT_EQ(c.mentions[0].year, Year::kCurrent);
  EXPECT_EQ(c.mentions[1].year, Year::kPrior);
  EXPECT_EQ(c.mentions[1].value, D("148.40"));
  EXPECT_TRUE(c.mentions[2].is_difference);
  EXPECT_EQ(c.mentions[2].direction, -1);
  ASSERT_EQ(c.directions.size(), 2u);
  EXPECT_EQ(c.directions[1].subject, Subject::kTotalSpending);

  ProseFigures g = Figures();
  g.basic.current = A("124.88");
  g.personnel.current = A("88.18");
  g.public_funds.current = A("36.70");
  const std::string breakdown = Topic(WriteProse(g, rb_), ProseTopic::kBasicBreakdown)->text;
  Sentence b;
  b.text = breakdown;  // a view of `breakdown` where Sentence holds a view
  EXPECT_EQ(breakdown,
            "2024年度基本支出决算124.88万元，其中人员经费88.18万元、公用经费36.70万元。");
  const SentenceClaims bc = ExtractClaims(b, 2024);
  ASSERT_EQ(bc.mentions.size(), 3u);
  EXPECT_EQ(bc.mentions[0].subject, Subject::kBasic);
  EXPECT_EQ(bc.mentions[1].subject, Subject::kPersonnel);
  EXPECT_EQ(bc.mentions[2].subject, Subject::kPublicFunds);
  EXPECT_EQ(bc.mentions[2].column, Column::kFinal);
}

// ---- Reading the figures ----

Package Reported() {
  Package p;
  p.fiscal_year = 2024;
  p.evaluation.funds.executed = N("124.88");
  p.evaluation.funds.general_public = N("124.88");
  ExpenseRow pub;
  pub.key = "public_funds";
  pub.label = "其中：公用经费";
  pub.values = {N("4.72"), N("4.13"), N("4.13")};
  ExpenseRow basic;
  basic.key = "basic";
  basic.label = "一、部门基本支出";
  basic.children_are = ChildRelation::kParts;
  basic.values = {Cell::Blank(), Cell::Blank(), N("124.88")};
  basic.children = {pub};
  p.basic_data.expenses = {basic};
  ReportSection one;
  one.number = "一";
  one.title = "基本情况";
  ReportSection two;
  two.number = "（二）";
  two.title = "部门整体支出情况";
  // Amounts in 元 with separators, and one figure that differs from the table.
  two.text =
      "本年度支出决算为1,248,800.00元，上年为1,484,000元，同比减少235,200元。\n"
      "人员经费本年为88.18万元，上年为94.32万元。公用经费本年为36.70万元。";
  one.subsections = {two};
  p.report.sections = {one};
  return p;
}

TEST_F(ProseTest, TablesFirstThenTheUnitsOwnStatementsInWan) {
  const ProseFigures f = CollectProseFigures(Reported());
  ASSERT_TRUE(f.spending.current && f.spending.prior);
  EXPECT_EQ(f.spending.current->source, "/evaluation/funds/executed");
  EXPECT_EQ(f.spending.prior->value, D("148.4"));  // 1,484,000元 in 万元
  EXPECT_EQ(f.spending.prior->source, "/report/sections/0/subsections/0/text");
  EXPECT_EQ(f.personnel.current->value, D("88.18"));
  EXPECT_EQ(f.public_funds.current->value, D("4.13"));  // the table wins over the report
  EXPECT_EQ(f.basic.current->source, "/basic_data/expenses/0/values/final");
  EXPECT_FALSE(f.basic.prior.has_value());
  const auto noted = [&](const std::string& part) {
    return std::any_of(f.notes.begin(), f.notes.end(),
                       [&](const std::string& n) { return Has(n, part); });
  };
  EXPECT_TRUE(noted("公用经费本年决算：表中 4.13万元"));
  EXPECT_TRUE(noted("报告中 36.70万元"));
  EXPECT_TRUE(noted("基本支出本年决算 124.88万元 不等于人员经费 88.18万元 与公用经费 4.13万元"));
  // 元 in, 万元 out.
  for (const ProseParagraph& p : WriteProse(f, rb_)) EXPECT_TRUE(OnlyWan(p.text)) << p.text;
  EXPECT_EQ(Topic(WriteProse(f, rb_), ProseTopic::kSpending)->text,
            "2024年度支出决算124.88万元，上年（2023年）为148.40万元，比上年减少23.52万元，"
            "下降15.85%。");
}

TEST_F(ProseTest, PersonnelFromBasicLessPublicFundsWhenNobodyStatesIt) {
  Package p = Reported();
  p.report.sections.clear();
  const ProseFigures f = CollectProseFigures(p);
  ASSERT_TRUE(f.personnel.current.has_value());
  EXPECT_EQ(f.personnel.current->value, D("120.75"));
  EXPECT_EQ(f.personnel.current->source, "derived:基本支出 − 公用经费");
}

// ---- Splicing ----

Report TwoSectionReport(std::string spending, std::string fund) {
  Report r;
  ReportSection one;
  one.number = "一";
  one.title = "基本情况";
  ReportSection unit;
  unit.number = "（一）";
  unit.title = "单位基本情况";
  unit.text = "核定编制8名，在职7人。";
  ReportSection money;
  money.number = "（二）";
  money.title = "单位整体支出规模";
  money.text = std::move(spending);
  one.subsections = {unit, money};
  ReportSection three;
  three.number = "三";
  three.title = "政府性基金预算支出情况";
  three.text = std::move(fund);
  ReportSection six;
  six.number = "六";
  six.title = "部门整体支出绩效情况";
  six.text = "支出较上年减少5万元。";
  r.sections = {one, three, six};
  return r;
}

std::vector<ProseParagraph> Paragraphs() {
  ProseFigures f;
  f.fiscal_year = 2024;
  f.spending = {A("124.88"), std::nullopt, A("148.40")};
  f.public_funds = {A("4.13"), std::nullopt, A("4.72")};
  return WriteProse(f, testing::LoadRulebook("hunan-lingling"));
}

TEST_F(ProseTest, SpliceReplacesMoneySentencesAndKeepsTheRest) {
  const Report r = TwoSectionReport(
      "1.目标。全年完成科普活动10场次。\n"
      "2.收支情况。本年度支出决算为124.88万元，上年为148.40万元，同比减少23.52，"
      "主要原因是人员减少。科普经费已并入日常经费。\n"
      "公用经费本年36.70万元，上年24.52万元，多出12.18万元，原因在于专项经费并入。",
      "本单位没有政府性基金预算支出。");
  const SplicedReport out = SpliceProse(r, 2024, Paragraphs());
  const std::string& text = out.report.sections[0].subsections[1].text;
  EXPECT_EQ(text,
            "1.目标。全年完成科普活动10场次。\n"
            "2.收支情况。2024年度支出决算124.88万元，上年（2023年）为148.40万元，比上年减少"
            "23.52万元，下降15.85%，主要原因是人员减少。科普经费已并入日常经费。\n"
            "公用经费本年4.13万元，上年4.72万元，比上年减少0.59万元，下降12.50%。");
  // The reason for a rise is not kept for a fall, and that is noted.
  EXPECT_EQ(std::count_if(out.notes.begin(), out.notes.end(),
                          [](const std::string& n) { return Has(n, "原因在于专项经费并入"); }),
            1);
  EXPECT_EQ(out.report.sections[1].text, "本单位2024年度无政府性基金预算支出。");
  // Sections prepare does not cover are untouched, even with money in them.
  EXPECT_EQ(out.report.sections[2].text, "支出较上年减少5万元。");
  EXPECT_EQ(out.report.sections[0].subsections[0].text, "核定编制8名，在职7人。");
  EXPECT_EQ(out.generated_sections,
            (std::vector<std::string>{"/report/sections/0/subsections/1/text",
                                      "/report/sections/1/text"}));
  // Splicing again changes nothing.
  const SplicedReport again = SpliceProse(out.report, 2024, Paragraphs());
  EXPECT_EQ(again.report.sections[0].subsections[1].text, text);
  EXPECT_EQ(again.report.sections[1].text, out.report.sections[1].text);
  EXPECT_EQ(again.generated_sections, out.generated_sections);
}

TEST_F(ProseTest, SpliceKeepsALeadingReasonAndDropsDuplicates) {
  const Report r = TwoSectionReport(
      "由于人员调出，本年支出决算124.88万元，比上年减少23.52万元。\n"
      "支出决算本年124.88万元，原因是严控开支。",
      "");
  const SplicedReport out = SpliceProse(r, 2024, Paragraphs());
  EXPECT_EQ(out.report.sections[0].subsections[1].text,
            "2024年度支出决算124.88万元，上年（2023年）为148.40万元，比上年减少23.52万元，"
            "下降15.85%，由于人员调出。\n"
            "原因是严控开支。\n"
            "公用经费本年4.13万元，上年4.72万元，比上年减少0.59万元，下降12.50%。");
  // An empty section gets the paragraph as its whole text.
  EXPECT_EQ(out.report.sections[1].text, "本单位2024年度无政府性基金预算支出。");
}

TEST_F(ProseTest, APresumedNoneYieldsToTheUnitsFigures) {
  const Report r = TwoSectionReport("", "本单位政府性基金预算支出3.5万元，用于科普场馆建设。");
  const SplicedReport out = SpliceProse(r, 2024, Paragraphs());
  EXPECT_EQ(out.report.sections[1].text, "本单位政府性基金预算支出3.5万元，用于科普场馆建设。");
  EXPECT_EQ(out.generated_sections,
            (std::vector<std::string>{"/report/sections/0/subsections/1/text"}));
}

TEST_F(ProseTest, SectionsAreFoundByTitleNotPosition) {
  Report r = TwoSectionReport("支出决算124.88万元。", "无。");
  // Another template: numbered differently, 三 before 一, and no 四/五.
  std::swap(r.sections[0], r.sections[1]);
  r.sections[1].number = "1";
  r.sections[1].subsections[1].number = "(2)";
  r.sections[1].subsections[1].title = "预算收支情况";
  const SplicedReport out = SpliceProse(r, 2024, Paragraphs());
  EXPECT_TRUE(Has(out.report.sections[1].subsections[1].text, "比上年减少23.52万元"));
  EXPECT_EQ(out.report.sections[0].text, "本单位2024年度无政府性基金预算支出。");
  // 二 (for the 公用经费 of 基本支出), 四 and 五 are missing: left out and noted.
  EXPECT_EQ(std::count_if(out.notes.begin(), out.notes.end(),
                          [](const std::string& n) { return Has(n, "没有找到"); }),
            3);
}

TEST_F(ProseTest, ProjectSentencesAreRecognisedByTheProjectsName) {
  ProseFigures f;
  f.fiscal_year = 2024;
  f.projects = {A("0"), A("37"), std::nullopt};
  f.project_rows = {{"科普专项经费", {A("0"), A("37"), std::nullopt}},
                    {"学会能力提升", {std::nullopt, A("5.5"), std::nullopt}}};
  const auto ps = WriteProse(f, rb_);
  const ProseParagraph* list = Topic(ps, ProseTopic::kProjectList);
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->text,
            "2024年度项目支出预算37.00万元，决算0.00万元。科普专项经费预算37.00万元，决算0.00万元。"
            "学会能力提升预算5.50万元。");
  Report r;
  ReportSection two;
  two.number = "二";
  two.title = "一般公共预算支出情况";
  ReportSection projects;
  projects.number = "（二）";
  projects.title = "项目支出情况";
  projects.text = "科普专项经费年初安排37万元。该经费年内并入公用经费。";
  two.subsections = {projects};
  r.sections = {two};
  const SplicedReport out = SpliceProse(r, 2024, ps);
  const std::string expected = list->text + "该经费年内并入公用经费。";
  EXPECT_EQ(out.report.sections[0].subsections[0].text, expected);
  EXPECT_EQ(SpliceProse(out.report, 2024, ps).report.sections[0].subsections[0].text, expected);
}

}  // namespace
}  // namespace jixiao
