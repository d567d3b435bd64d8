// Tests of the recognizer on the layouts real documents have, beside the one form it was
// first written for: 经费控制情况 rows in other orders and with rows the model has no name for
// (placed by label, 其中, numbering and indentation; checked without false A101/A103), a
// table of contents before the report, cover variants and where the fiscal year comes from,
// tables that are not recognised, and reports with and without tables around them. The
// inputs are written for these tests in the shapes published pages have (figures made up).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/lang.h"
#include "check/checker.h"
#include "import/recognize.h"
#include "import/text_reader.h"
#include "model/package_json.h"
#include "model/walk.h"
#include "rules/rulebook.h"

namespace jixiao {
namespace {

ImportResult RecognizeText(const std::string& text) {
  Result<FlatDocument> doc = ReadText(text, "layout.txt");
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return Recognize(doc.ok() ? *doc : FlatDocument{});
}

std::vector<std::string> Codes(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> codes;
  for (const Diagnostic& d : ds) codes.push_back(d.code);
  return codes;
}

// None of `absent` is among `codes`.
void ExpectNone(const std::vector<std::string>& codes, std::initializer_list<const char*> absent) {
  for (const char* code : absent) {
    EXPECT_EQ(std::count(codes.begin(), codes.end(), code), 0) << code;
  }
}

// The package's 自评表 is in `state`, and says so through its JSON.
void ExpectEvaluationStateThroughJson(const Package& package, PartState state) {
  const std::string json = WritePackageJson(package);
  EXPECT_NE(json.find("\"evaluation\": \"" + std::string(PartStateKey(state)) + "\""),
            std::string::npos);
  Result<Package> back = ParsePackageJson(json, "parts.json");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->parts.evaluation, state);
}

int Count(const std::vector<Diagnostic>& ds, std::string_view code) {
  int n = 0;
  for (const Diagnostic& d : ds) n += d.code == code;
  return n;
}

// "key(label)[child, child]" for a tree, so a whole placement is one string to compare.
std::string Shape(const std::vector<ExpenseRow>& rows) {
  std::string out;
  for (const ExpenseRow& r : rows) {
    if (!out.empty()) out += " ";
    out += r.key;
    if (!r.children.empty()) out += "[" + Shape(r.children) + "]";
  }
  return out;
}

std::vector<Diagnostic> CheckTables(const Package& p) {
  Result<Rulebook> rb = BundledRulebook("national");
  EXPECT_TRUE(rb.ok()) << rb.status().message();
  return CheckPackage(p, *rb);
}

const char kHeader[] = "| 经费控制情况（万元） | 2022年决算数 | 2023年预算数 | 2023年决算数 |\n";

// 项目支出 before 三公经费; 公用经费 with sub-items the model has names for (办公费, 水电费,
// 差旅费, 会议费, 培训费) and two it has not (运行维护经费, 印刷费); a project whose name
// mentions 公务接待; an item "4.其他" under 三公; a 合计 row. Figures add up.
const char kProjectsFirst[] =
    "| 一、部门基本支出 | 180.00 | 190.00 | 185.00 |\n"
    "|   其中：人员经费 | 140.00 | 150.00 | 146.00 |\n"
    "|   其中：公用经费 | 40.00 | 40.00 | 39.00 |\n"
    "|       办公费 | 8.00 | 8.00 | 7.50 |\n"
    "|       水电费 | 3.00 | 3.20 | 3.10 |\n"
    "|       差旅费 | 5.00 | 5.00 | 4.60 |\n"
    "|       会议费 | 1.00 | 1.00 | 0.80 |\n"
    "|       培训费 | 2.00 | 2.00 | 1.90 |\n"
    "|       运行维护经费 | 6.00 | 6.00 | 5.80 |\n"
    "|       印刷费 | 1.50 | 1.50 | 1.40 |\n"
    "| 二、项目支出小计 | 30.00 | 25.00 | 24.00 |\n"
    "|   1.统计调查专项 | 20.00 | 15.00 | 14.50 |\n"
    "|   2.公务接待保障专项 | 10.00 | 10.00 | 9.50 |\n"
    "|   三公经费 | 3.40 | 3.00 | 2.70 |\n"
    "|     1.公务用车购置及运行维护费 | 2.00 | 2.00 | 1.80 |\n"
    "|         其中：公车购置 | 0 | 0 | 0 |\n"
    "|               公车运行维护 | 2.00 | 2.00 | 1.80 |\n"
    "|     2.因公出国（境）费 | 0 | 0 | 0 |\n"
    "|     3.公务接待费 | 1.00 | 0.80 | 0.70 |\n"
    "|     4.其他 | 0.40 | 0.20 | 0.20 |\n"
    "| 合计 | 210.00 | 215.00 | 209.00 |\n"
    "| 政府采购金额 | —— | 12.00 | 11.00 |\n";

TEST(RecognizeLayout, ProjectsBeforeThreePublicUnknownRowsKept) {
  const ImportResult r = RecognizeText(std::string(kHeader) + kProjectsFirst);
  const std::vector<ExpenseRow>& rows = r.package.basic_data.expenses;
  EXPECT_EQ(Shape(rows),
            "basic[personnel public_funds[office utilities_travel utilities_travel "
            "meetings_training meetings_training other other] "
            "three_public[vehicles[vehicle_purchase vehicle_operation] overseas reception other]] "
            "projects[project project] total procurement");
  // The unknown rows keep their labels and figures.
  const ExpenseRow& public_funds = rows[0].children[1];
  EXPECT_EQ(public_funds.children[5].label, "运行维护经费");
  EXPECT_EQ(public_funds.children[5].at(ExpenseColumn::kFinal).Display(), "5.80");
  EXPECT_EQ(public_funds.children[6].label, "印刷费");
  const ExpenseRow& three = rows[0].children[2];
  EXPECT_EQ(three.children[3].label, "4.其他");
  EXPECT_EQ(three.children[3].at(ExpenseColumn::kBudget).Display(), "0.20");
  EXPECT_EQ(rows[1].children[1].label, "2.公务接待保障专项");  // a project, not 公务接待
  EXPECT_EQ(rows[2].at(ExpenseColumn::kPriorFinal).Display(), "210.00");
  // Nothing left unplaced, nothing taken for the score table's total.
  EXPECT_EQ(Count(r.notes, "I601"), 0) << Codes(r.notes).size();
  EXPECT_TRUE(r.package.evaluation.total_score.blank());
  // Checked as placed: every total adds up (三公 = its four items), no false alarm.
  const std::vector<Diagnostic> found = CheckTables(r.package);
  EXPECT_EQ(Count(found, "A101"), 0);
  EXPECT_EQ(Count(found, "A102"), 0);
  EXPECT_EQ(Count(found, "A103"), 0);
}

// The same rows with 三公经费 first, 公用经费 after it, unindented (as a Word table gives them):
// numbering and 其中 place them.
TEST(RecognizeLayout, ThreePublicFirstWithoutIndentation) {
  const std::string table = std::string(kHeader) +
                            "| 一、部门基本支出 | 180.00 | 190.00 | 185.00 |\n"
                            "| 三公经费 | 3.00 | 2.80 | 2.50 |\n"
                            "| 1.公务用车购置和维护经费 | 2.00 | 2.00 | 1.80 |\n"
                            "| 2.出国经费 | 0 | 0 | 0 |\n"
                            "| 3.公务接待 | 1.00 | 0.80 | 0.70 |\n"
                            "| 其中：公用经费 | 40.00 | 40.00 | 39.00 |\n"
                            "| 其中：办公费 | 8.00 | 8.00 | 7.50 |\n"
                            "| 物业管理费 | 4.00 | 4.00 | 3.90 |\n"
                            "| 二、项目支出小计 | 30.00 | 25.00 | 24.00 |\n"
                            "| 1.统计调查专项 | 30.00 | 25.00 | 24.00 |\n";
  const ImportResult r = RecognizeText(table);
  EXPECT_EQ(Shape(r.package.basic_data.expenses),
            "basic[three_public[vehicles overseas reception] public_funds[office other]] "
            "projects[project]");
  EXPECT_EQ(r.package.basic_data.expenses[0].children[1].children[1].label, "物业管理费");
  const std::vector<Diagnostic> found = CheckTables(r.package);
  EXPECT_EQ(Count(found, "A101"), 0);
  EXPECT_EQ(Count(found, "A103"), 0);
}

// 办公经费 is the 湖南 form's word for 办公费.
TEST(RecognizeLayout, OfficeExpensesByEitherWord) {
  const ImportResult r = RecognizeText(std::string(kHeader) +
                                       "| 公用经费 | 40.00 | 40.00 | 39.00 |\n"
                                       "| 其中:办公经费 | 8.00 | 8.00 | 7.50 |\n"
                                       "| 水费、电费、差旅费 | 4.00 | 4.00 | 3.90 |\n");
  EXPECT_EQ(Shape(r.package.basic_data.expenses), "public_funds[office utilities_travel]");
}

// A 三公 total that does not add up is still found (the placement does not hide errors), and
// an unknown item is summed as such. (Zeros written "0.00": a bare "0" stands for ±0.5.)
TEST(RecognizeLayout, UnknownItemIsSummedUnderItsParent) {
  const std::string table = std::string(kHeader) +
                            "| 三公经费 | 3.40 | 3.00 | 2.90 |\n"
                            "|   1.公务用车购置和维护经费 | 2.00 | 2.00 | 1.80 |\n"
                            "|   2.出国经费 | 0.00 | 0.00 | 0.00 |\n"
                            "|   3.公务接待 | 1.00 | 0.80 | 0.70 |\n"
                            "|   4.其他 | 0.40 | 0.20 | 0.20 |\n";
  const ImportResult r = RecognizeText(table);
  EXPECT_EQ(Shape(r.package.basic_data.expenses),
            "three_public[vehicles overseas reception other]");
  const std::vector<Diagnostic> found = CheckTables(r.package);
  ASSERT_EQ(Count(found, "A101"), 1);  // final: 1.80 + 0 + 0.70 + 0.20 = 2.70, not 2.90
  for (const Diagnostic& d : found) {
    if (d.code != "A101") continue;
    EXPECT_EQ(d.reported, "2.90");
    EXPECT_EQ(d.computed, "2.70");
  }
}

// A row that is neither a known line nor money (no figure, no 费/支出 in its label) is not
// made an expense row: it is reported where it is.
TEST(RecognizeLayout, RowWithoutFiguresIsReportedNotInvented) {
  const std::string table = std::string(kHeader) +
                            "| 三公经费 | 1.00 | 1.00 | 1.00 |\n"
                            "| 填报人：王某 | 审核人：李某 | | |\n";
  const ImportResult r = RecognizeText(table);
  EXPECT_EQ(Shape(r.package.basic_data.expenses), "three_public");
  ASSERT_EQ(Count(r.notes, "I601"), 1);
  for (const Diagnostic& d : r.notes) {
    if (d.code == "I601") {
      EXPECT_NE(d.message_zh.find("填报人：王某"), std::string::npos);
    }
  }
}

// ---- the report: cover, table of contents, fiscal year ----

// A report with a cover of the 岳阳 kind, a table of contents with dot leaders and page
// numbers, and a title that gives the year.
const char kReportWithContents[] =
    "某县统计局2023年度部门整体支出绩效自评报告\n"
    "部门(单位)名称：  某县统计局\n"
    "预 算 编 码：  906017\n"
    "报告日期：2024年5月18日\n"
    "目 录\n"
    "一、基本情况……………………………………1\n"
    "二、一般公共预算支出情况………………………2\n"
    "三、政府性基金预算支出情况……………………3\n"
    "（一）基本支出 PAGEREF _Toc12345 \\h 3\n"
    "四、部门整体支出绩效情况 4\n"
    "一、基本情况\n"
    "本局核定编制12名，实有干部职工15人，其中在职人员11人，退休人员4人。\n"
    "二、一般公共预算支出情况\n"
    "本年支出210.40万元。\n"
    "三、政府性基金预算支出情况\n"
    "无。\n"
    "四、部门整体支出绩效情况\n"
    "全年完成各项统计调查任务。\n";

TEST(RecognizeLayout, TableOfContentsIsSkipped) {
  const ImportResult r = RecognizeText(kReportWithContents);
  const Report& report = r.package.report;
  ASSERT_EQ(report.sections.size(), 4u);
  EXPECT_EQ(report.sections[0].title, "基本情况");
  EXPECT_NE(report.sections[0].text.find("核定编制12名"), std::string::npos);
  EXPECT_EQ(report.sections[3].text, "全年完成各项统计调查任务。");
  ASSERT_EQ(Count(r.notes, "I611"), 1);
  for (const Diagnostic& d : r.notes) {
    if (d.code != "I611") continue;
    EXPECT_EQ(d.message_en,
              "A table of contents begins at line 5 (5 entries) and was skipped; its entries are "
              "not taken for sections of the report.");
  }
  // The cover: the unit after "部门(单位)名称：", the date after "报告日期：", the other field
  // reported (not glued to the title), the year from the title — not from the date.
  EXPECT_EQ(report.cover.unit, "某县统计局");
  EXPECT_EQ(report.cover.date, "2024年5月18日");
  EXPECT_EQ(report.cover.title, "某县统计局2023年度部门整体支出绩效自评报告");
  EXPECT_EQ(Count(r.notes, "I601"), 1);  // 预 算 编 码
  EXPECT_EQ(r.package.fiscal_year, 2023);
  EXPECT_EQ(r.package.provenance.at("/fiscal_year").line, 1);
  EXPECT_EQ(r.package.unit.name, "某县统计局");
}

// The same in a Word document: paragraphs numbered by Word's body count, entries with a tab
// before the page number (as Word's TOC field leaves them), a subsection entry.
TEST(RecognizeLayout, TableOfContentsInAWordDocument) {
  FlatDocument doc;
  doc.file = "report.docx";
  doc.format = "docx";
  const char* paragraphs[] = {"某县统计局部门整体支出绩效自评报告",
                              "（2023年度）",
                              "目　录",
                              "一、基本情况\t1",
                              "（一）单位基本情况\t1",
                              "二、一般公共预算支出情况\t2",
                              "一、基本情况",
                              "（一）单位基本情况",
                              "本局核定编制12名。",
                              "二、一般公共预算支出情况",
                              "本年支出210.40万元。"};
  int n = 0;
  for (const char* text : paragraphs) {
    FlatBlock b;
    b.paragraph.text = text;
    b.paragraph.origin.paragraph = ++n;
    doc.blocks.push_back(b);
  }
  const ImportResult r = Recognize(doc);
  ASSERT_EQ(r.package.report.sections.size(), 2u);
  ASSERT_EQ(r.package.report.sections[0].subsections.size(), 1u);
  EXPECT_EQ(r.package.report.sections[0].subsections[0].text, "本局核定编制12名。");
  EXPECT_EQ(r.package.fiscal_year, 2023);
  EXPECT_EQ(r.package.provenance.at("/fiscal_year").paragraph, 2);
  ASSERT_EQ(Count(r.notes, "I611"), 1);
  for (const Diagnostic& d : r.notes) {
    if (d.code != "I611") continue;
    EXPECT_EQ(d.message_zh, "第3段起是目录（3 个条目），已跳过；其条目不作为报告的部分。");
  }
}

// A word 目录 followed by prose is not a table of contents.
TEST(RecognizeLayout, TheWordContentsAloneIsNotATableOfContents) {
  const ImportResult r = RecognizeText(
      "某县统计局2023年度部门整体支出绩效自评报告\n"
      "一、基本情况\n"
      "目录\n"
      "本局编印统计资料目录一册。\n");
  EXPECT_EQ(Count(r.notes, "I611"), 0);
  ASSERT_EQ(r.package.report.sections.size(), 1u);
  EXPECT_EQ(r.package.report.sections[0].text, "目录\n本局编印统计资料目录一册。");
}

// A 小计 row closing the project block is a subtotal beside it, not one more project (which
// would double 项目支出); a 合计 row of the expense table is not the score table's 总分.
TEST(RecognizeLayout, SubtotalAndTotalRowsKeepTheirMeaning) {
  const std::string table = std::string(kHeader) +
                            "| 二、项目支出 | 30.00 | 25.00 | 24.00 |\n"
                            "| 1.统计调查专项 | 20.00 | 15.00 | 14.50 |\n"
                            "| 2.普查专项 | 10.00 | 10.00 | 9.50 |\n"
                            "| 小计 | 30.00 | 25.00 | 24.00 |\n"
                            "| 合计 | 30.00 | 25.00 | 24.00 |\n";
  const ImportResult r = RecognizeText(table);
  EXPECT_EQ(Shape(r.package.basic_data.expenses), "projects[project project] subtotal total");
  EXPECT_TRUE(r.package.evaluation.total_score.blank());
  EXPECT_EQ(Count(CheckTables(r.package), "A101"), 0);
}

// Other wordings of the same: 上年决算 / 本年预算 / 本年决算 without 数, headings "一．" and "二.".
TEST(RecognizeLayout, HeaderAndHeadingWordings) {
  const ImportResult r = RecognizeText(
      "某县统计局2023年度部门整体支出绩效自评报告\n"
      "一．基本情况\n"
      "本局核定编制12名。\n"
      "二.一般公共预算支出情况\n"
      "本年支出210.40万元。\n"
      "| 项目 | 上年决算 | 本年预算 | 本年决算 |\n"
      "| 三公经费 | 1.20 | 1.00 | 0.90 |\n"
      "| 3.公务接待 | 1.20 | 1.00 | 0.90 |\n");
  ASSERT_EQ(r.package.report.sections.size(), 2u);
  EXPECT_EQ(r.package.report.sections[1].number, "二");
  EXPECT_EQ(r.package.report.sections[1].title, "一般公共预算支出情况");
  EXPECT_EQ(Shape(r.package.basic_data.expenses), "three_public[reception]");
  EXPECT_EQ(r.package.basic_data.expenses[0].at(ExpenseColumn::kPriorFinal).Display(), "1.20");
  EXPECT_EQ(r.package.basic_data.expenses[0].at(ExpenseColumn::kFinal).Display(), "0.90");
  EXPECT_EQ(r.package.parts.basic_data, PartState::kPresent);
}

// Cover variants: each label gives the unit or the date; a year line of its own gives the
// fiscal year when the title has none.
TEST(RecognizeLayout, CoverVariants) {
  const struct {
    const char* line;
    const char* unit;
    const char* date;
  } cases[] = {
      {"部门名称：某市农业农村局", "某市农业农村局", ""},
      {"部门（单位）全称：某区水利局", "某区水利局", ""},
      {"项目单位：某镇人民政府", "某镇人民政府", ""},
      {"单位名称：某县档案馆", "某县档案馆", ""},
      {"报告日期：2022年5月18日", "", "2022年5月18日"},
      {"填报日期 2024年 2月26日", "", "2024年 2月26日"},
  };
  for (const auto& c : cases) {
    const ImportResult r = RecognizeText(std::string("部门整体支出绩效自评报告\n（2023年度）\n") +
                                         c.line + "\n一、基本情况\n本单位编制10名。\n");
    EXPECT_EQ(r.package.report.cover.unit, c.unit) << c.line;
    EXPECT_EQ(r.package.report.cover.date, c.date) << c.line;
    EXPECT_EQ(r.package.report.cover.title, "部门整体支出绩效自评报告") << c.line;
    EXPECT_EQ(r.package.fiscal_year, 2023) << c.line;  // from "（2023年度）", never the date
    EXPECT_EQ(r.package.provenance.at("/fiscal_year").line, 2) << c.line;
    EXPECT_EQ(Count(r.notes, "I612"), 0) << c.line;
    EXPECT_EQ(Count(r.notes, "I601"), 0) << c.line;
  }
}

// The title says 2023, the data table's header 2024: a finding that names both places.
TEST(RecognizeLayout, FiscalYearSourcesThatDisagreeAreNoted) {
  const std::string text =
      "某县统计局2023年度部门整体支出绩效自评报告\n"
      "单位名称：某县统计局\n"
      "一、基本情况\n"
      "本局核定编制12名。\n"
      "| 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |\n"
      "| 三公经费 | 1.00 | 1.00 | 1.00 |\n";
  const ImportResult r = RecognizeText(text);
  EXPECT_EQ(r.package.fiscal_year, 2023);
  ASSERT_EQ(Count(r.notes, "I612"), 1);
  for (const Diagnostic& d : r.notes) {
    if (d.code != "I612") continue;
    EXPECT_EQ(d.message_en,
              "The fiscal year differs between sources: the report's title (line 1) "
              "\"某县统计局2023年度部门整体支出绩效自评报告\" says 2023, but a table header (表1, "
              "row 1) \"2024年预算数\" says 2024; 2023 was taken. Check which is right and "
              "correct the other.");
    EXPECT_EQ(d.location.source->table, "表1");
    ASSERT_EQ(d.related.size(), 1u);
    EXPECT_EQ(d.related[0].source->line, 1);
  }
  // The report comes first and the table after it: both are read.
  EXPECT_EQ(r.package.report.sections.size(), 1u);
  EXPECT_EQ(r.package.basic_data.expenses.size(), 1u);
}

// ---- what is refused, what is imported ----

// A report with a small table inside it (not a part of the package) keeps all its sections,
// and the table is one note saying where it is and why it was not read.
TEST(RecognizeLayout, TableInsideTheReportDoesNotCutIt) {
  const std::string text =
      "某县统计局2023年度部门整体支出绩效自评报告\n"
      "一、基本情况\n"
      "本局核定编制12名。\n"
      "| 联系人 | 联系电话 |\n"
      "| 王某 | 0746-1234567 |\n"
      "二、一般公共预算支出情况\n"
      "本年支出210.40万元。\n";
  const ImportResult r = RecognizeText(text);
  ASSERT_EQ(r.package.report.sections.size(), 2u);
  EXPECT_EQ(r.package.report.sections[1].text, "本年支出210.40万元。");
  ASSERT_EQ(Count(r.notes, "I613"), 1);
  EXPECT_EQ(Count(r.notes, "I601"), 0);
  for (const Diagnostic& d : r.notes) {
    if (d.code != "I613") continue;
    EXPECT_EQ(d.location.source->table, "表1");
    EXPECT_EQ(d.location.source->line, 4);
    EXPECT_NE(d.message_en.find("First row: \"联系人 | 联系电话\""), std::string::npos);
  }
  EXPECT_EQ(r.package.parts.report, PartState::kPresent);
  EXPECT_EQ(r.package.parts.basic_data, PartState::kAbsent);
  EXPECT_EQ(r.package.parts.evaluation, PartState::kAbsent);
}

// The 佐证材料清单 that render prints after the 自评表 is named as such, not as an unknown table.
TEST(RecognizeLayout, TheEvidenceListIsLeftAsideAndSaidSo) {
  const ImportResult r = RecognizeText(
      "某县统计局2023年度部门整体支出绩效自评报告\n"
      "一、基本情况\n"
      "本局核定编制12名。\n"
      "| 序号 | 材料名称 | 对应指标或章节 | 类型 | 大小 | 校验码 |\n"
      "| 1 | 调查报告.pdf | 绩效指标 › 产出指标 | PDF | 1.2 MB | 0123456789ab |\n");
  ASSERT_EQ(Count(r.notes, "I613"), 1);
  for (const Diagnostic& d : r.notes) {
    if (d.code != "I613") continue;
    EXPECT_NE(d.message_zh.find("是佐证材料清单，未导入"), std::string::npos) << d.message_zh;
    EXPECT_NE(d.message_en.find("list of evidence"), std::string::npos) << d.message_en;
    EXPECT_EQ(d.location.source->line, 4);
  }
  EXPECT_EQ(r.package.report.sections.size(), 1u);
}

// A report whose only structure is its title (no numbered sections) is still a report.
TEST(RecognizeLayout, ReportWithTitleButNoNumberedSections) {
  const ImportResult r = RecognizeText(
      "某县统计局2023年度部门整体支出绩效自评报告\n"
      "本局2023年支出210.40万元，全年完成各项统计调查任务。\n");
  EXPECT_EQ(r.package.parts.report, PartState::kPresent);
  ASSERT_EQ(r.package.report.sections.size(), 1u);
  EXPECT_EQ(r.package.report.sections[0].number, "");
  EXPECT_EQ(r.package.fiscal_year, 2023);
}

// Absent parts: one I603 each, recorded in the package.
TEST(RecognizeLayout, AbsentPartsAreOneNoteEach) {
  const ImportResult r =
      RecognizeText(std::string(kHeader) + "| 三公经费 | 1.00 | 1.00 | 1.00 |\n");
  EXPECT_EQ(r.package.parts.basic_data, PartState::kPresent);
  EXPECT_EQ(r.package.parts.evaluation, PartState::kAbsent);
  EXPECT_EQ(r.package.parts.report, PartState::kAbsent);
  EXPECT_EQ(Count(r.notes, "I603"), 2);
  for (const Diagnostic& d : r.notes) {
    if (d.code == "I603") {
      EXPECT_EQ(d.severity, Severity::kInfo);
    }
  }
}

// Reports as web pages give them: the title on one line, after the site's chrome (a long line
// of it ends the cover, so the title falls in the unnumbered opening), the page's dates around
// it. The title gives the fiscal year and the unit; the page's dates give neither.
TEST(RecognizeLayout, TheTitleLineGivesYearAndUnit) {
  const struct {
    const char* text;
    const char* unit;
    int year;
  } cases[] = {
      {"某某县人民政府门户网站 | 首页 | 政务公开 | 法定主动公开内容 | 预算决算 | 部门预算决算公开 | "
       "绩效评价 | 专题专栏\n发布日期：2021-08-03\n某县交通运输局2020年度部门整体支出绩效自评报告\n"
       "一、基本情况\n本局负责全县道路养护。\n",
       "某县交通运输局", 2020},
      {"2021 年某市统计局部门整体支出绩效自评报告\n一、基本情况\n本局负责统计调查。\n",
       "某市统计局", 2021},
      {"某市数据中心2018绩效评价自评报告\n一、基本情况\n中心负责数据汇聚。\n", "某市数据中心",
       2018},
      // A cover's 单位 line wins over the title's name.
      {"某县交通运输局2020年度部门整体支出绩效自评报告\n单位名称：某县公路事务中心\n"
       "一、基本情况\n本局负责全县道路养护。\n",
       "某县公路事务中心", 2020},
  };
  for (const auto& c : cases) {
    const ImportResult r = RecognizeText(c.text);
    EXPECT_EQ(r.package.report.cover.unit, c.unit) << c.text;
    EXPECT_EQ(r.package.fiscal_year, c.year) << c.text;
    // Read from the title, the unit is no cover line: a blank date is then no C501.
    bool date_blank = false;
    for (const Diagnostic& d : CheckTables(r.package)) {
      date_blank = date_blank || d.location.pointer == "/report/cover/date";
    }
    EXPECT_EQ(date_blank, std::string(c.unit) == "某县公路事务中心") << c.text;
  }
  // A date is no fiscal year, and a line of prose naming a body is no unit.
  const ImportResult dated = RecognizeText(
      "本局于2021年7月开展自评，某县交通运输局负责。\n一、基本情况\n无。\n");
  EXPECT_EQ(dated.package.fiscal_year, 0);
  EXPECT_EQ(dated.package.report.cover.unit, "");
}

// Staff counts stated in the report's opening part, with the fillers and spaces the pages
// write; the tables' own figures are never overwritten.
TEST(RecognizeLayout, StaffCountsFromTheReportsProse) {
  const ImportResult r = RecognizeText(
      "某局2021年度部门整体支出绩效自评报告\n一、基本情况\n"
      "我局实有编制数 63 人，2021 年末在职人数 57 人、离 退休人数 94 人。预算编制规范。\n"
      "二、绩效自评情况\n全局在职人员8人。\n");
  const Staffing& st = r.package.basic_data.staffing;
  EXPECT_EQ(st.authorized.Display(), "63");
  EXPECT_EQ(st.on_payroll.Display(), "57");
  EXPECT_EQ(st.retired.Display(), "94");
  EXPECT_TRUE(st.total_actual.blank());  // 实有编制数 is posts, not staff
  const ImportResult posts = RecognizeText(
      "某局2018年度整体支出绩效评价报告\n为做好自评，现报告如下。\n一、部门概况\n"
      "全局在职人员246人，离退休人员85人。行政事业编制共249个，其中行政编13个。\n");
  EXPECT_EQ(posts.package.basic_data.staffing.authorized.Display(), "249");
  EXPECT_EQ(posts.package.basic_data.staffing.on_payroll.Display(), "246");
  EXPECT_EQ(posts.package.basic_data.staffing.retired.Display(), "85");
}

// A 自评表 as a web page gives it when the page is cut after so many characters: the funds,
// the goals, the indicator rows, and the text stops in the 效益 group, inside a row that names
// its 二级 and nothing else. No 总分 row. Figures made up.
const char kCutEvaluation[] =
    "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| 年度资金总额 | 40.00 | 40.00 | 38.00 | 10 | 95.00% | 9.5 |\n"
    "| 年度总体目标 | 预期目标 | 实际完成情况 |\n"
    "| | 修缮村道3公里。 | 修缮村道3公里。 |\n"
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标（50分） | 数量指标 | 修缮村道长度 | ≥3公里 | 3公里 | 25 | 25 |\n"
    "| | 质量指标 | 验收合格率 | 100% | 100% | 25 | 25 |\n"
    "| 效益指标（30分） | 社会效益指标 | 群众出行便利程度 | 明显改善 | 明显改善 | 15 | 15 |\n"
    "| | 可持续影响指标 | | | | | |\n";

TEST(RecognizeLayout, AnEvaluationTheTextStopsInsideIsCut) {
  const ScopedMessageLanguage zh(Lang::kZh);
  const ImportResult r = RecognizeText(kCutEvaluation);
  EXPECT_EQ(r.package.parts.evaluation, PartState::kCut);
  ASSERT_EQ(Count(r.notes, "I626"), 1);
  for (const Diagnostic& d : r.notes) {
    if (d.code == "I626") {
      EXPECT_EQ(d.severity, Severity::kInfo);
      EXPECT_EQ(d.reported, "可持续影响指标");
      EXPECT_NE(d.message_zh.find("最后一行“可持续影响指标”"), std::string::npos) << d.message_zh;
    }
  }
  // The package says so, and keeps saying so through its JSON.
  ExpectEvaluationStateThroughJson(r.package, PartState::kCut);
  // What would have followed the cut is not asked for; what is there is checked as usual.
  Package p = r.package;
  std::vector<std::string> codes = Codes(CheckTables(p));
  ExpectNone(codes, {"C501", "W401", "W402", "W403"});
  p.evaluation.indicators[0].children[0].children[0].score = Cell::Number(*Decimal::Parse("20"));
  codes = Codes(CheckTables(p));
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "S302"), 1);  // 3公里 met: 25, not 20
  p.evaluation.indicators[0].weight = Cell::Number(*Decimal::Parse("60"));
  codes = Codes(CheckTables(p));
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "W401"), 1);  // a group before the cut
}

// The national project form prints spare lines for more indicators ("指标2", "……"); left
// empty, they are no indicators. A line that names one ("指标1工程验收合格率") or holds a figure is.
TEST(RecognizeLayout, TheFormsSpareIndicatorLinesAreNoIndicators) {
  const ImportResult r = RecognizeText(
      "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
      "| 产出指标 | 数量指标 | 指标1修缮村道长度 | 3公里 | 3公里 | 25 | 25 |\n"
      "| | | 指标2 | | | | |\n"
      "| | | …… | | | | |\n"
      "| | 质量指标 | 指标1：验收合格率 | 100% | 100% | 25 | 25 |\n"
      "| | | 指标2： | | | | |\n"
      "| | | 指标3 | 100% | | | |\n"
      "| 总分 | 50 | 50 |\n");
  const std::vector<Indicator>& tops = r.package.evaluation.indicators;
  ASSERT_EQ(tops.size(), 1u);
  ASSERT_EQ(tops[0].children.size(), 2u);
  ASSERT_EQ(tops[0].children[0].children.size(), 1u);
  EXPECT_EQ(tops[0].children[0].children[0].name, "指标1修缮村道长度");
  ASSERT_EQ(tops[0].children[1].children.size(), 2u);  // 指标3 has a target: kept
  EXPECT_EQ(tops[0].children[1].children[1].name, "指标3");
  for (const auto& [pointer, source] : r.package.provenance) {
    EXPECT_NE(pointer.rfind("/evaluation/indicators/0/children/0/children/1", 0), 0u) << pointer;
  }
}

TEST(RecognizeLayout, AnEvaluationThatClosesIsNotCut) {
  // The same table with its 总分 row, or with its last row scored and a report after it: whole.
  const std::string whole = std::string(kCutEvaluation) + "| 总分 | 100 | 74.5 |\n";
  const ImportResult with_total = RecognizeText(whole);
  EXPECT_EQ(with_total.package.parts.evaluation, PartState::kPresent);
  EXPECT_EQ(Count(with_total.notes, "I626"), 0);
  bool total_blank = false;
  std::string scored = kCutEvaluation;
  scored.replace(scored.rfind("| | 可持续影响指标 | | | | | |\n"), std::string::npos,
                 "| | 可持续影响指标 | 设施管护长效性 | 长效 | 长效 | 15 | 15 |\n");
  const ImportResult closed = RecognizeText(scored);
  EXPECT_EQ(closed.package.parts.evaluation, PartState::kPresent);
  for (const Diagnostic& d : CheckTables(closed.package)) {
    total_blank = total_blank || (d.code == "C501" && d.location.pointer == "/evaluation/total_score");
  }
  EXPECT_TRUE(total_blank);  // a closed table without its total is a blank total
  const ImportResult followed =
      RecognizeText(std::string(kCutEvaluation) + "\n一、基本情况\n本单位负责村道修缮。\n");
  EXPECT_EQ(followed.package.parts.evaluation, PartState::kPresent);
}

TEST(RecognizeLayout, AnEvaluationCutInItsGoalsIsCut) {
  const std::string text = std::string(kCutEvaluation).substr(
      0, std::string(kCutEvaluation).find("| 一级指标"));
  const ImportResult r = RecognizeText(text);
  EXPECT_EQ(r.package.parts.evaluation, PartState::kCut);
  for (const Diagnostic& d : CheckTables(r.package)) {
    EXPECT_NE(d.code, "W402") << d.message_en;
    EXPECT_NE(d.code, "C501") << d.message_en;
  }
}

// 成本指标 in the 一级 column with no 分值 of its own, under a 一级 group whose 分值 its leaves do
// not fill yet: a 二级 of that group (the 一级 cell merged away). With a 分值 of its own, or
// after a group that is full, it stays a 一级.
TEST(RecognizeLayout, CostIndicatorsGoUnderTheGroupTheyFill) {
  const std::string head =
      "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
      "| 产出指标（50分） | 数量指标 | 修缮村道长度 | ≥3公里 | 3公里 | 30 | 30 |\n";
  const std::string tail =
      "| 效益指标（40分） | 社会效益指标 | 群众出行便利程度 | 明显改善 | 明显改善 | 40 | 40 |\n"
      "| 总分 | 100 | 100 |\n";
  const ImportResult under =
      RecognizeText(head + "| 成本指标 | | 每公里成本 | ≤5万元 | 4.8万元 | 20 | 20 |\n" + tail);
  const std::vector<Indicator>& tops = under.package.evaluation.indicators;
  ASSERT_EQ(tops.size(), 2u);
  ASSERT_EQ(tops[0].children.size(), 2u);
  EXPECT_EQ(tops[0].children[1].name, "成本指标");
  EXPECT_EQ(tops[0].children[1].children.at(0).name, "每公里成本");
  EXPECT_NE(under.package.provenance.at("/evaluation/indicators/0/children/1/name").text.find(
                "成本指标"),
            std::string::npos);
  for (const char* row : {"| 成本指标（20分） | | 每公里成本 | ≤5万元 | 4.8万元 | 20 | 20 |\n"}) {
    const ImportResult own = RecognizeText(head + row + tail);
    ASSERT_EQ(own.package.evaluation.indicators.size(), 3u);
    EXPECT_EQ(own.package.evaluation.indicators[1].name, "成本指标");
  }
  const std::string full =
      "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
      "| 产出指标（30分） | 数量指标 | 修缮村道长度 | ≥3公里 | 3公里 | 30 | 30 |\n"
      "| 成本指标 | | 每公里成本 | ≤5万元 | 4.8万元 | 20 | 20 |\n" + tail;
  EXPECT_EQ(RecognizeText(full).package.evaluation.indicators.size(), 3u);
}

// A project form saved as text on one line, cut short inside its indicators: the project, the
// fiscal year of its title (not the digits of a file property before it), the goals and the
// cut, with the pieces after the last row listed, not taken for a report.
TEST(RecognizeLayout, AProjectFormOnOneLineCutShort) {
  const ScopedMessageLanguage zh(Lang::kZh);
  const ImportResult r = RecognizeText(
      "某某 zlnb210061 2019-05-22T04:56:35Z 附件: 项目支出绩效自评表 (2023年度) 项目名称 "
      "村道保洁经费 主管部门 101-某镇人民政府 实施单位 101001-某镇人民政府 项目资金 (万元) "
      "年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 60 60 57 10 95% 9.5 "
      "年度总体目标 预期目标 实际完成情况 计划安排保洁资金600000元。 .. 实际使用资金570000元。 "
      "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
      "产出指标(50分) 数量指标 保洁村道里程 ≥40公里 42 25 25 成本指标 保洁单价 ≤1.5万元/公里 "
      "1.36 25 25 效益指标(40分) 社会效益指标 村容村貌改善 明显 明显 20 20 可持续影响\n");
  const Package& p = r.package;
  EXPECT_EQ(p.kind, PackageKind::kProject);
  EXPECT_EQ(p.project.name, "村道保洁经费");
  EXPECT_EQ(p.fiscal_year, 2023);
  ASSERT_EQ(p.evaluation.goals.planned.size(), 1u);
  EXPECT_EQ(p.evaluation.goals.planned[0].text, "计划安排保洁资金600000元。");
  EXPECT_EQ(p.evaluation.goals.achieved, "实际使用资金570000元。");
  EXPECT_EQ(p.parts.evaluation, PartState::kCut);
  ASSERT_EQ(p.evaluation.indicators.size(), 2u);
  EXPECT_EQ(p.evaluation.indicators[0].children.back().name, "成本指标");
  // The last words, where the text stops, are no reason of the row before: they start a row.
  const std::vector<Indicator>& effect = p.evaluation.indicators[1].children.back().children;
  ASSERT_EQ(effect.size(), 2u);
  EXPECT_EQ(effect[0].name, "村容村貌改善");
  EXPECT_EQ(effect[0].deviation, "");
  EXPECT_EQ(effect[1].name, "可持续影响");
  for (const Diagnostic& d : CheckTables(p)) {
    EXPECT_NE(d.severity, Severity::kError) << d.code << " " << d.message_en;
    EXPECT_NE(d.severity, Severity::kInconsistency) << d.code << " " << d.message_en;
  }
}

// A page that stops on the form's spare lines ("指标2" left blank, no 总分 row after): cut, as
// no form ends on a spare line.
TEST(RecognizeLayout, AnEvaluationThatStopsOnASpareLineIsCut) {
  const std::string table =
      "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
      "| 产出指标 | 数量指标 | 指标1修缮村道长度 | 3公里 | 3公里 | 50 | 50 |\n"
      "| 满意度指标 | 服务对象满意度指标 | 指标1村民满意度 | ≥90% | 95% | 10 | 10 |\n";
  const ImportResult cut = RecognizeText(table + "| | | 指标2 | | | | |\n");
  EXPECT_EQ(cut.package.parts.evaluation, PartState::kCut);
  EXPECT_EQ(Count(cut.notes, "I626"), 1);
  const ImportResult whole = RecognizeText(table);
  EXPECT_EQ(whole.package.parts.evaluation, PartState::kPresent);
}

// A project form's funds as 预算数(A) / 执行数(B) / 执行率(B/A) / 得分(20分*执行率): the
// adjusted budget under the bare word, the weight from the 得分 header, a rate written as the
// ratio read as a percentage (I631) — and not when the amounts make the written figure a
// percentage. What follows the funds could not be read (text glued): the table is cut, its
// total not asked for.
TEST(RecognizeLayout, FundsWithBareWordsAndARatio) {
  const ScopedMessageLanguage zh(Lang::kZh);
  const std::string head = "| 预算执行情况 | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率) |\n";
  const ImportResult r = RecognizeText(head + "| 年度财政资金总额 | 1.56 | 1.56 | 1 | 20 |\n" +
                                       "\n二级指标三级指标年初目标值(A)实际完成值(B)得分出标产指总分100\n");
  const Funds& f = r.package.evaluation.funds;
  EXPECT_EQ(f.full_year_budget.Display(), "1.56");
  EXPECT_EQ(f.executed.Display(), "1.56");
  EXPECT_EQ(f.weight.Display(), "20");
  EXPECT_EQ(f.execution_rate.Display(), "100%");
  ASSERT_EQ(Count(r.notes, "I631"), 1);
  EXPECT_EQ(r.package.parts.evaluation, PartState::kCut);
  for (const Diagnostic& d : CheckTables(r.package)) {
    EXPECT_NE(d.code, "R202") << d.message_en;
    EXPECT_NE(d.code, "C501") << d.message_en;
  }
  // 0.0156 of 1.56: the written "1" is 1 %, not a ratio.
  const ImportResult percent = RecognizeText(head + "| 年度财政资金总额 | 1.56 | 0.0156 | 1 | 0.2 |\n");
  EXPECT_EQ(Count(percent.notes, "I631"), 0);
  EXPECT_EQ(percent.package.evaluation.funds.execution_rate.Display(), "1");
}

// A basic data table copied out of a PDF: labels and figures run on over lines, blank cells
// dropped (import/figure_stream.h). Rows land by label; a short row is placed where its 其中 run
// adds up one way only, and a row whose figures cannot be placed is noted (I632), not shifted.
// Figures made up.
TEST(RecognizeLayout, BasicDataRunOnAsAStreamOfWords) {
  const ScopedMessageLanguage zh(Lang::kZh);
  const ImportResult r = RecognizeText(
      "附件3 基础数据表 单位:万元 财政供养人员情况 编制数 2019年实际在职人数 控制率\n"
      "40 38 95.\n"
      "00% 经费控制情况 2018年决算数 2019年预算数 2019年决算数 三公经费 12.50 20 15.10\n"
      "1、公务用车购置和维护经费 6 14 12.10 其中:公车购置 8 8 公车运行维护 6\n"
      "6 4.10\n"
      "2、出国经费 3、公务接待 6.50\n"
      "6 3 公用经费 其中:办公费 5.20 6 5.80. 差旅费 2 2 1.5 部门整体支出预算调整 300 320\n");
  const BasicData& b = r.package.basic_data;
  EXPECT_EQ(r.package.fiscal_year, 2019);
  EXPECT_EQ(b.staffing.authorized.Display(), "40");
  EXPECT_EQ(b.staffing.control_rate.Display(), "95.00%");
  EXPECT_EQ(Shape(b.expenses),
            "three_public[vehicles[vehicle_purchase vehicle_operation] overseas reception] "
            "public_funds[office utilities_travel]");
  const ExpenseRow& purchase = b.expenses[0].children[0].children[0];
  EXPECT_TRUE(purchase.at(ExpenseColumn::kPriorFinal).blank());
  EXPECT_EQ(purchase.at(ExpenseColumn::kBudget).Display(), "8");
  EXPECT_EQ(b.expenses[1].children[0].at(ExpenseColumn::kFinal).Display(), "5.80");
  ASSERT_EQ(Count(r.notes, "I632"), 1);
  for (const Diagnostic& d : r.notes) {
    if (d.code == "I632") {
      EXPECT_NE(d.message_zh.find("“部门整体支出预算调整”一行只有2个数字（300 320），表头有3栏"),
                std::string::npos)
          << d.message_zh;
    }
  }
  // What is wrong is what the table shows: 公用经费 left blank over filled items (C502); no
  // figure out of place makes a sum fail.
  const std::vector<std::string> codes = Codes(CheckTables(r.package));
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "C502"), 1);
  ExpectNone(codes, {"A101", "A103", "A104", "C501"});
}

// 岳阳's tabular report gives its staff as "人员编制" / "实有人数", one value per line: the
// establishment and, with no 在职 column beside it, the staff on the payroll. Figures made up.
TEST(RecognizeLayout, StaffingAsEstablishmentAndActualCount) {
  const ImportResult r =
      RecognizeText("一、部门(单位)基本概况\n\n人员编制\n\n18\n\n实有人数\n\n17\n\n"
                    "职能职责概述\n\n负责全市某项工作。\n");
  const Staffing& s = r.package.basic_data.staffing;
  EXPECT_EQ(s.authorized.Display(), "18");
  EXPECT_EQ(s.on_payroll.Display(), "17");
  EXPECT_TRUE(s.total_actual.blank());
  ExpectNone(Codes(CheckTables(r.package)), {"C501", "A101"});
  // Beside 在职 and 退休, 实有人数 counts both.
  const ImportResult both = RecognizeText(
      "| 编制数 | 在职人数 | 退休人数 | 实有人数 |\n| 18 | 17 | 3 | 20 |\n");
  EXPECT_EQ(both.package.basic_data.staffing.on_payroll.Display(), "17");
  EXPECT_EQ(both.package.basic_data.staffing.total_actual.Display(), "20");
}

// A project table's funds copied out of a PDF with single blanks between cells and the blank
// cells dropped: "年度资金总额: 640 640 640 10 10" is five figures for six columns. The aligner
// alone would put the second 10 under 执行率 (and R202 would blame the unit); the arithmetic puts
// it under 得分 (10 × 100 % = 10), the 执行率 left blank (import/funds_placement.h). A row that
// two placements fit is not guessed. Figures made up.
TEST(RecognizeLayout, ShortFundsRowPlacedByItsArithmetic) {
  const ScopedMessageLanguage zh(Lang::kZh);
  const std::string head =
      "项目支出绩效自评表\n（2022年度）\n项目名称 某镇防汛经费\n项目资金\n（万元）\n"
      "年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分\n";
  const ImportResult r = RecognizeText(head +
                                       "年度资金总额: 640 640 640 10 10\n"
                                       " 其中:本年财政拨款 640 640 640 - -\n"
                                       "   上年结转资金 - -\n");
  const Funds& f = r.package.evaluation.funds;
  EXPECT_EQ(f.executed.Display(), "640");
  EXPECT_EQ(f.weight.Display(), "10");
  EXPECT_TRUE(f.execution_rate.blank());
  EXPECT_EQ(f.score.Display(), "10");
  for (const Diagnostic& d : CheckTables(r.package)) EXPECT_NE(d.code, "R202") << d.message_en;
  EXPECT_EQ(Count(r.notes, "I632"), 0);
  // 100 and 100 may be 年初 and 执行 or 全年 and 执行 (100 % either way): not guessed.
  const ImportResult two = RecognizeText(head + "年度资金总额: 100 100 100% 10\n");
  EXPECT_TRUE(two.package.evaluation.funds.executed.blank());
  EXPECT_TRUE(two.package.evaluation.funds.full_year_budget.blank());
}

// What a page keeps of the tail of a project table: indicator rows run together on one line,
// without the header, the funds or the total (import/indicator_runs.h). Figures made up.
TEST(RecognizeLayout, IndicatorRowsWithoutTheirHeaderAreAPiece) {
  const ScopedMessageLanguage zh(Lang::kZh);
  const ImportResult r = RecognizeText(
      "产出指标数量指标补助发放人数≥120人 20 覆盖村数=8个 20 时效指标资金拨付时间≤30天 20 "
      "效益指标社会效益指标受助对象满意度≥90% 30 合计100 评价结论按期完成。\n");
  EXPECT_EQ(r.package.parts.evaluation, PartState::kPiece);
  EXPECT_EQ(Count(r.notes, "I628"), 1);
  EXPECT_EQ(Count(r.notes, "I626"), 0) << "a piece is not a table cut short";
  const std::vector<Indicator>& tops = r.package.evaluation.indicators;
  ASSERT_EQ(tops.size(), 2u);
  EXPECT_EQ(tops[0].name, "产出指标");
  ASSERT_EQ(tops[0].children.size(), 2u);
  ASSERT_EQ(tops[0].children[0].children.size(), 2u);
  EXPECT_EQ(tops[0].children[0].children[1].name, "覆盖村数");
  EXPECT_EQ(tops[0].children[0].children[1].target, "=8个");
  EXPECT_EQ(tops[0].children[0].children[1].weight.Display(), "20");
  EXPECT_EQ(tops[1].children[0].children[0].name, "受助对象满意度");
  // The part is a piece, through its JSON too.
  ExpectEvaluationStateThroughJson(r.package, PartState::kPiece);
  // Nothing the piece does not show is asked for; no sum is compared.
  Package p = r.package;
  std::vector<std::string> codes = Codes(CheckTables(p));
  ExpectNone(codes, {"C501", "S304", "W401", "W402", "W403"});
  // A row that is complete is checked: a score above its weight, or a target met and marked
  // down.
  Indicator& row = p.evaluation.indicators[0].children[0].children[0];
  row.actual = "130人";
  row.score = Cell::Number(*Decimal::Parse("25"));
  codes = Codes(CheckTables(p));
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "S305"), 1);
  row.score = Cell::Number(*Decimal::Parse("15"));
  codes = Codes(CheckTables(p));
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "S302"), 1);
  // The same rows under the table's own header are a whole table, checked in full.
  const ImportResult whole = RecognizeText(
      "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 分值 |\n"
      "| 产出指标 | 数量指标 | 补助发放人数 | ≥120人 | 20 |\n"
      "| | | 覆盖村数 | =8个 | 20 |\n");
  EXPECT_EQ(Count(whole.notes, "I628"), 0);
  EXPECT_NE(whole.package.parts.evaluation, PartState::kPiece);
}

// A rubric's score table copied out of a PDF, its 分值 in its labels (import/weighted_labels.h):
// no target or actual on any row, no funds block on the form. Figures made up.
TEST(RecognizeLayout, ARubricsScoreTableHasNoFundsBlock) {
  const std::string text =
      "2019 年部门整体支出绩效评价得分表 一级指 标 二级指标 三级指标 得分 部门决 策(20 分) "
      "目标设定(12 分) 依据充分性(6 分)\n"
      "6 目标明确性(6 分)\n"
      "5 预算编制(8 分) 编制科学性(8 分)\n"
      "7 总分 18\n";
  const ImportResult r = RecognizeText(text);
  EXPECT_EQ(r.package.fiscal_year, 2019);
  const std::vector<Indicator>& tops = r.package.evaluation.indicators;
  ASSERT_EQ(tops.size(), 1u);
  EXPECT_EQ(tops[0].name, "部门决策");
  EXPECT_EQ(tops[0].weight.Display(), "20");
  ASSERT_EQ(tops[0].children.size(), 2u);
  EXPECT_EQ(tops[0].children[1].children[0].score.Display(), "7");
  EXPECT_EQ(r.package.evaluation.funds.executed.kind, Cell::Kind::kNotApplicable);
  EXPECT_EQ(r.package.evaluation.total_score.Display(), "18");
  EXPECT_EQ(Count(r.notes, "I626"), 0) << "the table closes with its 总分";
  // Nothing is blank that the form does not have, and rows without targets are not "not
  // assessable"; a score above its weight and groups that do not add up are still found.
  Package p = r.package;
  std::vector<std::string> codes = Codes(CheckTables(p));
  ExpectNone(codes, {"C501", "S304"});
  p.evaluation.indicators[0].children[0].children[0].score = Cell::Number(*Decimal::Parse("7"));
  p.evaluation.indicators[0].children[1].weight = Cell::Number(*Decimal::Parse("9"));
  codes = Codes(CheckTables(p));
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "S305"), 1);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "W401"), 2);
}

// A web page's stamp lines ("[ 索引号 ] …/2021-00230") and a row's amount ("1922.76") hold four
// digits that are no year: the year comes from the title, with nothing to disagree with.
TEST(RecognizeLayout, SerialsAndAmountsAreNoYears) {
  const ImportResult r = RecognizeText(
      "[ 索引号 ] 11500111709318024F/2021-00230 [ 发文字号 ]\n"
      "某区发展改革委2020年度部门整体支出绩效自评报告\n"
      "一、基本情况\n"
      "本委核定编制20名。\n"
      "| 经费控制情况（万元） | 上年决算数 | 本年预算数 | 本年决算数 |\n"
      "| 部门整体支出预算调整 | 1922.76 | 2690.62 | 2000.5 |\n");
  EXPECT_EQ(r.package.fiscal_year, 2020);
  EXPECT_EQ(r.package.provenance.at("/fiscal_year").line, 2);
  EXPECT_EQ(Count(r.notes, "I612"), 0);
  // A run of many digits is no year, and is not added up (it once overflowed).
  EXPECT_EQ(RecognizeText("编号 2066666666666666 与 2019年度部门整体支出绩效自评报告\n"
                          "一、基本情况\n本单位编制10名。\n")
                .package.fiscal_year,
            2019);
  // "2017 年" with a blank before 年 is a year.
  EXPECT_EQ(RecognizeText("2017 年部门整体支出绩效自评报告\n一、基本情况\n本单位编制10名。\n")
                .package.fiscal_year,
            2017);
}

// A report whose title names no year: the year its opening gives its accounts for, and only
// then; a title's year wins without a word of disagreement.
TEST(RecognizeLayout, TheReportsAccountsGiveTheYearWhenNothingElseDoes) {
  const ScopedMessageLanguage zh(Lang::kZh);
  ImportResult r = RecognizeText(
      "部门整体支出绩效评价报告\n"
      "一、基本情况\n"
      "（一）部门收支概况\n"
      "本会2024年工作平稳。\n"
      "2023年度部门决算收入120.50万元，支出118.20万元。\n");
  EXPECT_EQ(r.package.fiscal_year, 2023);
  EXPECT_EQ(r.package.provenance.at("/fiscal_year").line, 5);
  EXPECT_EQ(Count(r.notes, "I612"), 0);
  ASSERT_FALSE(r.recognised.empty());
  bool said = false;
  for (const std::string& line : r.recognised) said = said || line.find("报告正文") != std::string::npos;
  EXPECT_TRUE(said);
  r = RecognizeText(
      "某县文联2022年度部门整体支出绩效评价报告\n"
      "一、基本情况\n"
      "2021年部门决算收入80万元。\n");
  EXPECT_EQ(r.package.fiscal_year, 2022);
  EXPECT_EQ(Count(r.notes, "I612"), 0);
}

// A web page repeats the title under the unit's name: the name is the unit, the repeated title
// the title already.
TEST(RecognizeLayout, AUnitOnALineOfItsOwnAndARepeatedTitle) {
  const ImportResult r = RecognizeText(
      "2019年部门整体支出绩效评价报告\n\n某区城市管理局\n\n某区城市管理局\n\n"
      "2019年部门整体支出绩效评价报告\n\n一、基本情况\n本局编制30名。\n");
  EXPECT_EQ(r.package.report.cover.title, "2019年部门整体支出绩效评价报告");
  EXPECT_EQ(r.package.report.cover.unit, "某区城市管理局");
  EXPECT_EQ(r.package.provenance.at("/report/cover/unit").line, 3);
  EXPECT_EQ(r.package.fiscal_year, 2019);
  // A name under a page's title is no cover: its date is not asked for.
  ExpectNone(Codes(CheckTables(r.package)), {"C501"});
  // A cover that says what its lines are is one.
  const ImportResult cover = RecognizeText(
      "2019年部门整体支出绩效评价报告\n部门名称：某区城市管理局\n一、基本情况\n本局编制30名。\n");
  EXPECT_EQ(Count(CheckTables(cover.package), "C501"), 1);  // 报告日期
}

}  // namespace
}  // namespace jixiao
