// Tests of PrepareForRender on the worked example (both rulebooks) and on small hand-made
// packages: the derived figures, the blank subtotals, that reported inputs stay as they were,
// idempotence, and — the strongest — that the checker finds no arithmetic, ratio, score or
// prose-number error in what prepare computed and wrote.
#include "render/prepare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "check/checker.h"
#include "check/narrative.h"
#include "model/json_locate.h"
#include "model/package_json.h"
#include "model/walk.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }
Cell N(const char* s) { return Cell::Number(D(s)); }

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class PrepareTest : public ::testing::Test {
 protected:
  Package example_ = testing::LoadExample();
  Rulebook lingling_ = testing::LoadRulebook("hunan-lingling");
  Rulebook national_ = testing::LoadRulebook("national");

  static const std::string& Text(const Package& p, int section, int sub = -1) {
    const ReportSection& s = p.report.sections[section];
    return sub < 0 ? s.text : s.subsections[sub].text;
  }
};

TEST_F(PrepareTest, DerivedFiguresUnderTheLinglingRulebook) {
  const PreparedPackage out = PrepareForRender(example_, lingling_);
  const Package& p = out.package;
  const Cell& control = p.basic_data.staffing.control_rate;
  EXPECT_EQ(control.value, D("87.5"));
  EXPECT_TRUE(control.percent);
  EXPECT_EQ(control.Display(), "87.5%");  // the computed value, kept as the unit wrote it
  const Funds& f = p.evaluation.funds;
  EXPECT_EQ(f.execution_rate.Display(), "98.25");  // no '%', as the unit wrote it
  EXPECT_EQ(f.score.Display(), "9.8");             // 1 decimal under hunan-lingling
  EXPECT_EQ(p.evaluation.total_score.value, D("99.8"));
  EXPECT_EQ(p.evaluation.total_score.Display(), "99.8");
  EXPECT_EQ(p.evaluation.grade, "优");
  EXPECT_EQ(p.evaluation.total_weight.Display(), "100");
  // A blank 一级 weight would be the sum of its leaves; the 二级 weights, which the form does
  // not print, stay blank.
  const auto& output = p.evaluation.indicators[0];
  EXPECT_EQ(output.weight.Display(), "50");
  EXPECT_TRUE(output.children[0].weight.blank());
  EXPECT_TRUE(p.evaluation.indicators[1].children[1].weight.blank());
  // Every leaf is at full marks, as the unit wrote them.
  EXPECT_EQ(output.children[0].children[1].score.Display(), "10");  // ≧2万人次 vs 25000
  EXPECT_EQ(output.children[1].children[0].score.Display(), "5");  // 较为认可 = 较为认可
  for (const char* pointer :
       {"/basic_data/staffing/control_rate", "/evaluation/funds/execution_rate",
        "/evaluation/funds/score", "/evaluation/total_score", "/evaluation/grade",
        "/evaluation/indicators/0/children/0/children/1/score"}) {
    EXPECT_TRUE(Contains(out.computed_pointers, pointer)) << pointer;
  }
  // The empty spare row is neither scored nor listed.
  EXPECT_FALSE(
      Contains(out.computed_pointers, "/evaluation/indicators/1/children/0/children/3/score"));
}

TEST_F(PrepareTest, DerivedFiguresUnderTheNationalRulebook) {
  const PreparedPackage out = PrepareForRender(example_, national_);
  EXPECT_EQ(out.package.evaluation.funds.score.Display(), "9.83");
  EXPECT_EQ(out.package.evaluation.total_score.value, D("99.83"));
  EXPECT_EQ(out.package.evaluation.grade, "优");
}

TEST_F(PrepareTest, FillsTheBlankSubtotalRows) {
  const PreparedPackage out = PrepareForRender(example_, lingling_);
  const ExpenseRow& basic = out.package.basic_data.expenses[0];
  const ExpenseRow& projects = out.package.basic_data.expenses[1];
  // 一、部门基本支出: this year's final from the 自评表's split (基本支出 124.88 = 全年执行数);
  // it is not the sum of its 其中 rows, and nothing gives its prior-year or budget figure.
  EXPECT_EQ(basic.at(ExpenseColumn::kFinal).Display(), "124.88");
  EXPECT_TRUE(basic.at(ExpenseColumn::kPriorFinal).blank());
  EXPECT_TRUE(basic.at(ExpenseColumn::kBudget).blank());
  // 二、项目支出小计: the sum of its project rows; its final is 全年执行数 − 基本支出.
  EXPECT_EQ(projects.at(ExpenseColumn::kPriorFinal).Display(), "29.56");
  EXPECT_EQ(projects.at(ExpenseColumn::kBudget).Display(), "37");
  EXPECT_EQ(projects.at(ExpenseColumn::kFinal).Display(), "0.00");
  // The project row itself is a reported input and stays blank.
  EXPECT_TRUE(projects.children[0].at(ExpenseColumn::kFinal).blank());
  for (const char* pointer :
       {"/basic_data/expenses/0/values/final", "/basic_data/expenses/1/values/prior_final",
        "/basic_data/expenses/1/values/budget", "/basic_data/expenses/1/values/final"}) {
    EXPECT_TRUE(Contains(out.computed_pointers, pointer)) << pointer;
  }
  EXPECT_FALSE(Contains(out.computed_pointers, "/basic_data/expenses/0/values/prior_final"));
  // Every pointer names a value of the written package.
  const std::string json = WritePackageJson(out.package);
  for (const std::string& pointer : out.computed_pointers) {
    EXPECT_TRUE(LocateJsonPointer(json, pointer).has_value()) << pointer;
  }
  for (const std::string& pointer : out.generated_sections) {
    EXPECT_TRUE(LocateJsonPointer(json, pointer).has_value()) << pointer;
  }
}

TEST_F(PrepareTest, ReportedInputsAreUnchanged) {
  const PreparedPackage out = PrepareForRender(example_, lingling_);
  const Package& a = example_;
  const Package& b = out.package;
  const auto same = [](const Cell& x, const Cell& y, const std::string& where) {
    EXPECT_EQ(x.kind, y.kind) << where;
    EXPECT_TRUE(x.value.Identical(y.value)) << where << ": " << x.Display() << " → " << y.Display();
    EXPECT_EQ(x.percent, y.percent) << where;
  };
  for (const char* key : {"authorized", "on_payroll", "retired", "total_actual"}) {
    const auto cell = [&](const Package& p) -> const Cell& {
      const Staffing& s = p.basic_data.staffing;
      const std::string k = key;
      return k == "authorized"   ? s.authorized
             : k == "on_payroll" ? s.on_payroll
             : k == "retired"    ? s.retired
                                 : s.total_actual;
    };
    same(cell(a), cell(b), key);
  }
  // Expense cells: a filled cell is never changed; a blank one changes only when listed.
  std::vector<std::pair<const ExpenseRow*, std::string>> ra, rb;
  ForEachExpenseRow(a.basic_data.expenses,
                    [&](const ExpenseVisit& v) { ra.emplace_back(v.row, v.pointer()); });
  ForEachExpenseRow(b.basic_data.expenses,
                    [&](const ExpenseVisit& v) { rb.emplace_back(v.row, v.pointer()); });
  ASSERT_EQ(ra.size(), rb.size());
  for (size_t i = 0; i < ra.size(); ++i) {
    EXPECT_EQ(ra[i].first->label, rb[i].first->label);
    for (ExpenseColumn c : kExpenseColumns) {
      const std::string pointer = ra[i].second + "/values/" + std::string(ExpenseColumnKey(c));
      if (ra[i].first->at(c).blank() && Contains(out.computed_pointers, pointer)) continue;
      same(ra[i].first->at(c), rb[i].first->at(c), pointer);
    }
  }
  const Funds& fa = a.evaluation.funds;
  const Funds& fb = b.evaluation.funds;
  for (const auto& [name, cell] : std::initializer_list<std::pair<const char*, Cell Funds::*>>{
           {"initial_budget", &Funds::initial_budget},
           {"full_year_budget", &Funds::full_year_budget},
           {"executed", &Funds::executed},
           {"weight", &Funds::weight},
           {"general_public", &Funds::general_public},
           {"government_fund", &Funds::government_fund},
           {"special_account", &Funds::special_account},
           {"other_funds", &Funds::other_funds},
           {"basic", &Funds::basic},
           {"project", &Funds::project}}) {
    same(fa.*cell, fb.*cell, name);
  }
  // Indicators: names, targets, actuals, leaf weights and deviations as written.
  std::vector<const Indicator*> ia, ib;
  ForEachIndicator(a.evaluation.indicators, [&](const IndicatorVisit& v) { ia.push_back(v.node); });
  ForEachIndicator(b.evaluation.indicators, [&](const IndicatorVisit& v) { ib.push_back(v.node); });
  ASSERT_EQ(ia.size(), ib.size());
  for (size_t i = 0; i < ia.size(); ++i) {
    EXPECT_EQ(ia[i]->name, ib[i]->name);
    EXPECT_EQ(ia[i]->target, ib[i]->target);
    EXPECT_EQ(ia[i]->actual, ib[i]->actual);
    EXPECT_EQ(ia[i]->deviation, ib[i]->deviation);
    if (ia[i]->is_leaf() || !ia[i]->weight.blank()) same(ia[i]->weight, ib[i]->weight, ia[i]->name);
  }
  EXPECT_EQ(a.evaluation.goals.achieved, b.evaluation.goals.achieved);
  EXPECT_EQ(a.evaluation.unit_name, b.evaluation.unit_name);
  // The report: the cover and every section text prepare did not generate.
  EXPECT_EQ(a.report.cover.title, b.report.cover.title);
  EXPECT_EQ(a.report.cover.date, b.report.cover.date);
  ASSERT_EQ(a.report.sections.size(), b.report.sections.size());
  for (size_t i = 0; i < a.report.sections.size(); ++i) {
    const std::string base = "/report/sections/" + std::to_string(i);
    EXPECT_EQ(a.report.sections[i].title, b.report.sections[i].title);
    if (!Contains(out.generated_sections, base + "/text")) {
      EXPECT_EQ(a.report.sections[i].text, b.report.sections[i].text) << base;
    }
    ASSERT_EQ(a.report.sections[i].subsections.size(), b.report.sections[i].subsections.size());
    for (size_t j = 0; j < a.report.sections[i].subsections.size(); ++j) {
      const std::string sub = base + "/subsections/" + std::to_string(j) + "/text";
      if (Contains(out.generated_sections, sub)) continue;
      EXPECT_EQ(a.report.sections[i].subsections[j].text, b.report.sections[i].subsections[j].text)
          << sub;
    }
  }
}

TEST_F(PrepareTest, PreparingAPreparedPackageChangesNothing) {
  for (const Rulebook* rb : {&lingling_, &national_}) {
    const PreparedPackage once = PrepareForRender(example_, *rb);
    const PreparedPackage twice = PrepareForRender(once.package, *rb);
    EXPECT_EQ(WritePackageJson(once.package), WritePackageJson(twice.package)) << rb->id;
    // The second time, the subtotals and group weights filled the first time are no longer
    // blank: only the recomputed figures (rates, scores, total, grade) are set again.
    std::vector<std::string> refilled = once.computed_pointers;
    std::erase_if(refilled, [](const std::string& ptr) {
      return ptr.find("/values/") != std::string::npos || ptr.ends_with("/weight");
    });
    EXPECT_EQ(refilled, twice.computed_pointers) << rb->id;
    EXPECT_EQ(once.generated_sections, twice.generated_sections) << rb->id;
  }
  const Package corrected =
      *LoadPackageFile(testing::SourceDir() + "/examples/lingling-kexie-2024-corrected.json");
  const PreparedPackage once = PrepareForRender(corrected, lingling_);
  EXPECT_EQ(WritePackageJson(once.package),
            WritePackageJson(PrepareForRender(once.package, lingling_).package));
}

bool InGenerated(const PreparedPackage& out, const Location& loc) {
  return Contains(out.generated_sections, loc.pointer);
}

// The checker, all scopes, on the prepared example: no arithmetic, ratio or score finding at
// all, and no prose-number finding (nor a table/report mismatch) in a generated section. What
// remains is listed in docs/generated-prose.md: blank inputs (C502 for the basic row's prior
// and budget columns, C506, C503, C505), cross-document defects (X702–X705), the unit's own
// 持平 in section 六 (N803) and policy flags.
TEST_F(PrepareTest, TheCheckerFindsNoErrorInWhatPrepareWrote) {
  for (const Rulebook* rb : {&lingling_, &national_}) {
    const PreparedPackage out = PrepareForRender(example_, *rb);
    ASSERT_EQ(out.generated_sections.size(), 6u);
    const std::vector<Diagnostic> found = CheckPackage(out.package, *rb);
    std::string remaining;
    for (const Diagnostic& d : found) {
      remaining += d.code + " " + d.location.pointer + "\n";
      const char letter = d.code[0];
      EXPECT_FALSE(letter == 'A' || letter == 'R' || letter == 'S')
          << rb->id << ": " << d.code << " " << d.message_zh;
      const bool prose_number = d.code >= "N801" && d.code <= "N804";
      if (prose_number || d.code == "X701") {
        EXPECT_FALSE(InGenerated(out, d.location))
            << rb->id << ": " << d.code << " " << d.message_zh;
      }
    }
    SCOPED_TRACE(remaining);
    // The unit's own 持平 in section 六 (not a generated section) is still found.
    EXPECT_TRUE(std::any_of(found.begin(), found.end(), [](const Diagnostic& d) {
      return d.code == "N803" && d.location.pointer == "/report/sections/5/text";
    }));
    // Every comparison in the generated sections is traced to its figures and consistent.
    int consistent_changes = 0;
    for (const ClaimCheck& c : AssessClaims(out.package, *rb)) {
      if (!Contains(out.generated_sections, c.sentence.pointer)) continue;
      EXPECT_TRUE(c.verdict == Verdict::kConsistent || c.verdict == Verdict::kUntraceable)
          << c.sentence.text << " «" << c.stated << "» " << VerdictKey(c.verdict);
      if (c.kind != "amount") {
        EXPECT_EQ(c.verdict, Verdict::kConsistent) << c.sentence.text << " «" << c.stated << "»";
        ++consistent_changes;
      }
    }
    // 支出, 收入, 基本, 人员, 公用, 项目, 三公 and 公务接待: a difference and a percentage each;
    // 出国 and 公务用车 (公车 in the unit's words) are a 持平 each.
    EXPECT_EQ(consistent_changes, 18);
  }
}

// On the corrected example nothing in the report is wrong after preparing either.
TEST_F(PrepareTest, TheCorrectedExampleHasNoProseFindings) {
  const Package corrected =
      *LoadPackageFile(testing::SourceDir() + "/examples/lingling-kexie-2024-corrected.json");
  const PreparedPackage out = PrepareForRender(corrected, lingling_);
  for (const Diagnostic& d : CheckPackage(out.package, lingling_)) {
    EXPECT_TRUE(d.code[0] == 'P' || d.code == "X703") << d.code << " " << d.message_zh;
  }
}

TEST_F(PrepareTest, GeneratedSentencesOfTheExample) {
  const PreparedPackage out = PrepareForRender(example_, lingling_);
  const Package& p = out.package;
  const std::string& spending = Text(p, 0, 1);
  // The unit's 2.… heading, goals paragraph and explanation sentence are kept.
  EXPECT_TRUE(Has(spending, "2.整体支出及预算收支决算情况。2024年度支出决算124.88万元，"));
  EXPECT_TRUE(Has(spending, "1.整体支出绩效目标。本年度目标有四项"));
  EXPECT_TRUE(
      Has(spending, "科普专项经费本年已并入公用经费，属于单位日常经费，并非单独立项的项目。"));
  // Differences in 万元 with their direction and percentage; the reason kept after them.
  EXPECT_TRUE(Has(spending, "比上年减少23.52万元，下降15.85%，原因是人员有所减少"));
  EXPECT_TRUE(Has(spending,
                  "基本支出本年124.88万元，上年118.84万元，比上年增加6.04万元，增长5.08%，原因是"));
  EXPECT_FALSE(Has(spending, "6.04元"));
  EXPECT_FALSE(Has(spending, "减少23.52。"));
  // 三公: a rise of 0.01 is a rise, never 持平.
  EXPECT_TRUE(Has(spending,
                  "“三公”经费本年预算0.68万元、决算0.68万元，上年决算0.67万元，"
                  "比上年增加0.01万元，增长1.49%。"));
  EXPECT_TRUE(Has(spending, "因公出国（境）费本年决算0.00万元，上年决算0.00万元，与上年持平。"));
  EXPECT_FALSE(Has(spending, "决算数与上年持平"));
  // 公用经费 from the table (4.13 / 4.72): the unit's reason for a rise is not kept for a fall.
  EXPECT_TRUE(
      Has(spending, "公用经费本年4.13万元，上年4.72万元，比上年减少0.59万元，下降12.50%。"));
  EXPECT_FALSE(Has(spending, "原因在于原科普专项经费"));
  // Section 二 and 三–五.
  EXPECT_EQ(Text(p, 1, 0),
            "2024年度基本支出决算124.88万元，其中人员经费88.18万元、公用经费4.13万元。");
  EXPECT_TRUE(Has(Text(p, 1, 1),
                  "2024年度项目支出预算37.00万元，决算0.00万元。科普专项经费预算37.00万元。"));
  EXPECT_TRUE(Has(Text(p, 1, 1), "年内该笔经费并入公用经费使用"));
  EXPECT_EQ(Text(p, 2), "本单位2024年度无政府性基金预算支出。");
  EXPECT_EQ(Text(p, 3), "本单位2024年度无国有资本经营预算支出。");
  EXPECT_EQ(Text(p, 4), "本单位2024年度无社会保险基金预算支出。");
  EXPECT_EQ(out.generated_sections,
            (std::vector<std::string>{
                "/report/sections/0/subsections/1/text", "/report/sections/1/subsections/0/text",
                "/report/sections/1/subsections/1/text", "/report/sections/2/text",
                "/report/sections/3/text", "/report/sections/4/text"}));
}

// ---- Hand-made packages ----

Indicator Leaf(const char* name, const char* target, const char* actual, const char* weight,
               const char* score) {
  Indicator leaf;
  leaf.name = name;
  leaf.target = target;
  leaf.actual = actual;
  leaf.weight = N(weight);
  if (score != nullptr) leaf.score = N(score);
  return leaf;
}

Package Scored() {
  Package p;
  p.fiscal_year = 2024;
  p.evaluation.funds.full_year_budget = N("200.00");
  p.evaluation.funds.executed = N("150.00");
  p.evaluation.funds.weight = N("10");
  Indicator output;
  output.name = "产出指标";
  Indicator group;
  group.name = "数量指标";
  group.children = {
      Leaf("培训场次", "≥10次", "8", "20", "20"),          // missed: 20 × 8 ÷ 10 = 16
      Leaf("群众认可度", "认可", "较为认可", "20", "19"),  // one level short: 60–80% → 16
      Leaf("宣传覆盖", "较高", "较高", "20", "17.5"),      // inside 16–20: kept
      Leaf("服务质量", "高", "高", "20", nullptr),         // blank: the band's top
      Leaf("资料发放", "≥100份", "", "10", "10"),          // no actual: left as written
  };
  output.children = {group};
  p.evaluation.indicators = {output};
  return p;
}

TEST_F(PrepareTest, LeafScoresAndTheirTotal) {
  const PreparedPackage out = PrepareForRender(Scored(), lingling_);
  const Evaluation& ev = out.package.evaluation;
  EXPECT_EQ(ev.funds.execution_rate.Display(), "75.00%");
  EXPECT_EQ(ev.funds.score.Display(), "7.5");
  const auto& leaves = ev.indicators[0].children[0].children;
  EXPECT_EQ(leaves[0].score.Display(), "16.00");
  EXPECT_EQ(leaves[1].score.Display(), "16.00");
  EXPECT_EQ(leaves[2].score.Display(), "17.5");  // as the unit wrote it
  EXPECT_EQ(leaves[3].score.Display(), "20.00");
  EXPECT_EQ(leaves[4].score.Display(), "10");  // not assessable: not computed, not listed
  EXPECT_FALSE(
      Contains(out.computed_pointers, "/evaluation/indicators/0/children/0/children/4/score"));
  EXPECT_TRUE(ev.indicators[0].children[0].weight.blank());  // 二级: not printed, not filled
  EXPECT_EQ(ev.indicators[0].weight.Display(), "90");            // 一级: Σ of the leaves
  // 7.5 + 16 + 16 + 17.5 + 20 + 10 (as written) = 87; 良 under [80, 90).
  EXPECT_EQ(ev.total_score.value, D("87"));
  EXPECT_EQ(ev.grade, "良");
  // The total's weight: 10 + 90.
  EXPECT_EQ(ev.total_weight.Display(), "100");
  for (const Diagnostic& d : CheckPackage(out.package, lingling_)) {
    EXPECT_TRUE(d.code != "S302" && d.code != "S303" && d.code != "S306" && d.code != "S307" &&
                d.code != "R202" && d.code != "S301")
        << d.code << " " << d.message_zh;
  }
}

ExpenseRow Row(const char* key, ChildRelation rel, std::array<Cell, 3> values,
               std::vector<ExpenseRow> children = {}) {
  ExpenseRow row;
  row.key = key;
  row.label = key;
  row.children_are = rel;
  row.values = values;
  row.children = std::move(children);
  return row;
}

TEST_F(PrepareTest, SubtotalsFromChildrenAndFromABudgetSplit) {
  Package p;
  p.fiscal_year = 2024;
  const Cell blank = Cell::Blank();
  ExpenseRow vehicles =
      Row("vehicles", ChildRelation::kTotal, {blank, blank, blank},
          {Row("vehicle_purchase", ChildRelation::kNone, {N("1.00"), blank, blank}),
           Row("vehicle_operation", ChildRelation::kNone, {N("2.50"), N("3"), N("2.75")})});
  ExpenseRow three =
      Row("three_public", ChildRelation::kTotal, {blank, N("9.99"), blank},
          {vehicles, Row("reception", ChildRelation::kNone, {N("0.50"), N("1"), N("0.25")})});
  ExpenseRow pub = Row("public_funds", ChildRelation::kParts, {N("20"), N("22"), N("21")});
  ExpenseRow basic = Row("basic", ChildRelation::kParts, {blank, blank, blank}, {pub, three});
  ExpenseRow projects = Row("projects", ChildRelation::kTotal, {blank, blank, blank},
                            {Row("project", ChildRelation::kNone, {blank, blank, blank})});
  p.basic_data.expenses = {basic, projects};
  // The split adds up to the full-year budget, not to the executed figure.
  p.evaluation.funds.full_year_budget = N("100.00");
  p.evaluation.funds.executed = N("90.00");
  p.evaluation.funds.basic = N("80.00");
  p.evaluation.funds.project = N("20.00");

  const PreparedPackage out = PrepareForRender(p, lingling_);
  const auto& e = out.package.basic_data.expenses;
  const ExpenseRow& t = e[0].children[1];
  EXPECT_EQ(t.children[0].at(ExpenseColumn::kPriorFinal).Display(), "3.50");  // nested total
  EXPECT_EQ(t.children[0].at(ExpenseColumn::kBudget).Display(), "3");
  EXPECT_EQ(t.at(ExpenseColumn::kPriorFinal).Display(), "4.00");
  EXPECT_EQ(t.at(ExpenseColumn::kBudget).Display(), "9.99");  // filled by the unit: kept
  EXPECT_EQ(t.at(ExpenseColumn::kFinal).Display(), "3.00");
  // The basic row is not the sum of its parts; its budget comes from the budget split.
  EXPECT_TRUE(e[0].at(ExpenseColumn::kPriorFinal).blank());
  EXPECT_EQ(e[0].at(ExpenseColumn::kBudget).Display(), "80.00");
  EXPECT_TRUE(e[0].at(ExpenseColumn::kFinal).blank());
  EXPECT_EQ(e[1].at(ExpenseColumn::kBudget).Display(), "20.00");
  EXPECT_TRUE(e[1].at(ExpenseColumn::kFinal).blank());
  EXPECT_TRUE(Contains(out.computed_pointers,
                       "/basic_data/expenses/0/children/1/children/0/values/prior_final"));
  EXPECT_FALSE(Contains(out.computed_pointers, "/basic_data/expenses/0/children/1/values/budget"));
}

TEST_F(PrepareTest, BasicFinalIsExecutedLessProjects) {
  Package p;
  p.fiscal_year = 2024;
  const Cell blank = Cell::Blank();
  p.basic_data.expenses = {
      Row("basic", ChildRelation::kParts, {blank, blank, blank}),
      Row("projects", ChildRelation::kTotal, {blank, blank, blank},
          {Row("project", ChildRelation::kNone, {N("5"), N("12.00"), N("11.50")}),
           Row("project", ChildRelation::kNone, {N("1"), N("3.00"), N("2.25")})})};
  p.evaluation.funds.executed = N("60.00");  // no split given
  const PreparedPackage out = PrepareForRender(p, lingling_);
  const auto& e = out.package.basic_data.expenses;
  EXPECT_EQ(e[1].at(ExpenseColumn::kFinal).Display(), "13.75");
  EXPECT_EQ(e[0].at(ExpenseColumn::kFinal).Display(), "46.25");
  EXPECT_TRUE(e[0].at(ExpenseColumn::kBudget).blank());
}

TEST_F(PrepareTest, BuildingControlRates) {
  Package p;
  p.fiscal_year = 2024;
  Building b;
  b.approved_area = N("460");
  b.actual_area = N("500");
  b.area_control_rate = N("108.6");  // wrong: replaced by the computed one
  b.budget_investment = N("39");
  b.actual_investment = N("40.01");
  p.basic_data.buildings = {b};
  const PreparedPackage out = PrepareForRender(p, lingling_);
  const Building& r = out.package.basic_data.buildings[0];
  EXPECT_EQ(r.area_control_rate.Display(), "108.70%");        // 108.6957 → 108.70
  EXPECT_EQ(r.investment_control_rate.Display(), "102.59%");  // 102.5897 → 102.59
  EXPECT_TRUE(Contains(out.computed_pointers, "/basic_data/buildings/0/area_control_rate"));
  EXPECT_EQ(r.actual_area.Display(), "500");
}

}  // namespace
}  // namespace jixiao
