// Tests of the recognizer: a small package written for this test in the seed's flattened
// layout with header variants, and the seed itself (../shared, skipped when absent) compared
// field by field with the bundled example, which holds the seed's figures.
#include "import/recognize.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/lang.h"
#include "import/importer.h"
#include "import/text_reader.h"
#include "model/walk.h"
#include "tests/package_compare.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

ImportResult RecognizeText(const std::string& text) {
  Result<FlatDocument> doc = ReadText(text, "mini.txt");
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return Recognize(doc.ok() ? *doc : FlatDocument{});
}

// A small package of a made-up unit, in the one-cell-per-line layout, using header variants
// (部门（单位）名称, 自评得分, 年度资金总额 without 年度预算申请, 元 amounts).
const char* kMini =
    "附件1 2023年度部门整体支出绩效评价基础数据表\n"
    "\t财政供养人员情况（人）\n\t编制数\n\t2023年实际在职人数\n\t控制率\n\n"
    "\t\n\t20\n\t18\n\t90%\n\n"
    "\t经费控制情况（元）\n\t2022年决算数\n\t2023年预算数\n\t2023年决算数\n\n"
    "\t三公经费\n\t12,000.00\n\t10,000.00\n\t9,500.00\n\n"
    "\t      3.公务接待\n\t12,000.00\n\t10,000.00\n\t9,500.00\n\n"
    "\t某个未知的行\n\t甲\n\t乙\n\t丙\n\n"
    "\n2023年度部门整体支出绩效自评表\n"
    "\t部门（单位）名称\n\t某县档案馆\n\n"
    "\t年度资金总额\n\t年初预算数\n\t全年预算数\n\t全年执行数\n\t分值\n\t执行率\n\t得分\n\n"
    "\t年度资金总额\n\t200\n\t210.00\n\t199.50\n\t10\n\t95%\n\t9.5\n\n"
    "\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t自评得分\n\t偏差原因"
    "\n\n"
    "\t产出指标（60分）\n\t数量指标\n\t档案数字化\n\t≥1000卷\n\t1200\n\t60\n\t60\n\t　\n\n"
    "\t满意度指标（30分）\n\t服务对象满意度\n\t查档群众满意度\n\t≥90%\n\tabc\n\t30\n\t30\n\t\n\n"
    "\t总分\n\t100\n\t99.5\n"
    "2023年度某县档案馆整体支出绩效自评报告\n"
    "单位名称：某县档案馆\n"
    "2024年3月1日\n"
    "一、基本情况\n（一）单位基本情况\n本馆核定编制20名，实有干部职工25人，其中在职18人，退休7人。"
    "\n"
    "二、一般公共预算支出情况。\n本年支出199.50万元。\n";

TEST(Recognize, MiniPackageWithHeaderVariants) {
  const ImportResult r = RecognizeText(kMini);
  const Package& p = r.package;
  EXPECT_EQ(p.fiscal_year, 2023);
  EXPECT_EQ(p.basic_data.staffing.authorized.Display(), "20");
  EXPECT_EQ(p.basic_data.staffing.control_rate.Display(), "90%");
  EXPECT_EQ(p.basic_data.staffing.retired.Display(), "7");
  EXPECT_EQ(p.basic_data.staffing.total_actual.Display(), "25");
  ASSERT_EQ(p.basic_data.expenses.size(), 1u);
  const ExpenseRow& three = p.basic_data.expenses[0];
  EXPECT_EQ(three.key, "three_public");
  EXPECT_EQ(three.children_are, ChildRelation::kTotal);
  // 元 converted to 万元, exactly.
  EXPECT_EQ(three.at(ExpenseColumn::kPriorFinal).Display(), "1.200000");
  ASSERT_EQ(three.children.size(), 1u);
  EXPECT_EQ(three.children[0].key, "reception");
  EXPECT_EQ(p.evaluation.unit_name, "某县档案馆");
  EXPECT_EQ(p.evaluation.funds.full_year_budget.Display(), "210.00");
  EXPECT_EQ(p.evaluation.funds.execution_rate.Display(), "95%");
  ASSERT_EQ(p.evaluation.indicators.size(), 2u);
  EXPECT_EQ(p.evaluation.indicators[0].name, "产出指标");
  EXPECT_EQ(p.evaluation.indicators[0].weight.Display(), "60");
  EXPECT_EQ(p.evaluation.indicators[1].kind, IndicatorKind::kSatisfaction);
  const Indicator& leaf = p.evaluation.indicators[0].children[0].children[0];
  EXPECT_EQ(leaf.name, "档案数字化");
  EXPECT_EQ(leaf.target, "≥1000卷");
  EXPECT_EQ(leaf.score.Display(), "60");
  EXPECT_EQ(p.evaluation.total_score.Display(), "99.5");
  EXPECT_EQ(p.report.cover.unit, "某县档案馆");
  EXPECT_EQ(p.report.cover.date, "2024年3月1日");
  ASSERT_EQ(p.report.sections.size(), 2u);
  EXPECT_EQ(p.report.sections[1].title, "一般公共预算支出情况");
  EXPECT_EQ(p.report.sections[0].subsections[0].title, "单位基本情况");
  EXPECT_EQ(p.rulebook, "national");  // 满意度 is a 一级 indicator here

  // Nothing dropped silently: the unknown row is reported, and the conversion from 元 noted.
  std::vector<std::string> codes;
  for (const Diagnostic& d : r.notes) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"I605", "I601"}));
  ASSERT_EQ(r.notes.size(), 2u);
  EXPECT_EQ(r.notes[1].location.source->table, "表1");
  EXPECT_EQ(r.notes[1].location.source->row, 6);
  EXPECT_NE(r.notes[1].message_en.find("某个未知的行"), std::string::npos);
  EXPECT_EQ(r.notes[1].message_en.rfind("table 1, row 6: ", 0), 0u) << r.notes[1].message_en;
  // "abc" in 实际完成值 is text (an actual may be a word), kept as written.
  EXPECT_EQ(p.evaluation.indicators[1].children[0].children[0].actual, "abc");

  // Provenance points at the original line.
  const SourceRef& src = p.provenance.at("/evaluation/funds/executed");
  EXPECT_EQ(src.file, "mini.txt");
  EXPECT_EQ(src.table, "表2");
  EXPECT_EQ(src.row, 3);
  EXPECT_EQ(src.column, 4);
  EXPECT_EQ(src.line, 48);
  EXPECT_EQ(src.text, "199.50");
}

// The place of an import note is printed in the language in force; its source stays data.
TEST(Recognize, NotesArePlacedInTheLanguageInForce) {
  ImportResult r = RecognizeText(kMini);
  ASSERT_EQ(r.notes.size(), 2u);
  EXPECT_EQ(r.notes[1].location.table, "table 1");
  EXPECT_EQ(r.notes[1].location.row, "row 6");
  EXPECT_EQ(r.notes[0].location.row, "row 3");  // I605: the header of the expense table
  EXPECT_EQ(r.notes[1].location.source->table, "表1");
  const ScopedMessageLanguage zh(Lang::kZh);
  r = RecognizeText(kMini);
  EXPECT_EQ(r.notes[1].location.table, "表1");
  EXPECT_EQ(r.notes[1].location.row, "第6行");
  EXPECT_EQ(r.recognised.front(), "基础数据表 · 财政供养人员：编制 20，在职 18，控制率 90%");
  EXPECT_EQ(r.rulebook_reason, "满意度为一级指标或未出现，评分规则取 national");
}

// A funds row that stops before 执行率 and 得分 (left blank for jixiao to compute; a
// workbook row ends at its last filled cell) keeps its figures under their own headers.
TEST(Recognize, FundsRowWithBlankTrailingCellsIsNotShifted) {
  std::string text = kMini;
  const std::string full = "\t年度资金总额\n\t200\n\t210.00\n\t199.50\n\t10\n\t95%\n\t9.5\n\n";
  const size_t at = text.find(full);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, full.size(), "\t年度资金总额\n\t200\n\t210.00\n\t199.50\n\t10\n\n");
  const Funds& f = RecognizeText(text).package.evaluation.funds;
  EXPECT_EQ(f.initial_budget.Display(), "200");
  EXPECT_EQ(f.full_year_budget.Display(), "210.00");
  EXPECT_EQ(f.executed.Display(), "199.50");
  EXPECT_EQ(f.weight.Display(), "10");
  EXPECT_EQ(f.execution_rate.kind, Cell::Kind::kBlank);
  EXPECT_EQ(f.score.kind, Cell::Kind::kBlank);
}

// Section numbers past 十 (十一、, （十二）) are headings too; words that merely start with a
// numeral (一是…, 十分…, 三十余人) are not.
TEST(Recognize, HeadingNumeralsPastTen) {
  std::string text = kMini;
  text += "十一、其他需要说明的事项\n一是加强管理。\n十分重要、必须落实。\n";
  for (const char* n : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"}) {
    text += std::string("（") + n + "）事项" + n + "\n";
  }
  text += "（十二）第十二项\n三十余人、二十个单位参加。\n二十、附注\n";
  const Report& report = RecognizeText(text).package.report;
  ASSERT_EQ(report.sections.size(), 4u);
  EXPECT_EQ(report.sections[2].number, "十一");
  EXPECT_EQ(report.sections[2].title, "其他需要说明的事项");
  EXPECT_EQ(report.sections[2].text, "一是加强管理。\n十分重要、必须落实。");
  ASSERT_EQ(report.sections[2].subsections.size(), 12u);
  EXPECT_EQ(report.sections[2].subsections[10].number, "（十一）");
  EXPECT_EQ(report.sections[2].subsections[11].number, "（十二）");
  EXPECT_EQ(report.sections[2].subsections[11].title, "第十二项");
  EXPECT_EQ(report.sections[2].subsections[11].text, "三十余人、二十个单位参加。");
  EXPECT_EQ(report.sections[3].number, "二十");
}

TEST(Recognize, UnreadableFigureIsReported) {
  std::string text = kMini;
  text.replace(text.find("\t199.50\n"), 8, "\t一九九\n");
  const ImportResult r = RecognizeText(text);
  bool found = false;
  for (const Diagnostic& d : r.notes) found |= d.code == "I602";
  EXPECT_TRUE(found);
  EXPECT_TRUE(r.package.evaluation.funds.executed.blank());
}

TEST(Recognize, MissingPartsAreReported) {
  const ImportResult r = RecognizeText("只是一段普通的文字。\n");
  std::vector<std::string> codes;
  for (const Diagnostic& d : r.notes) codes.push_back(d.code);
  // The text is quoted where it is (no title, no numbered sections: not a report), and each
  // part is one note.
  EXPECT_EQ(codes, (std::vector<std::string>{"I601", "I603", "I603", "I603"}));
}

TEST(Recognize, SeedTextGivesTheExamplesFigures) {
  const auto shared = testing::SharedDir();
  if (!shared) GTEST_SKIP() << "seed documents absent (set JIXIAO_SHARED_DIR or put ../shared)";
  Result<LoadedPackage> seed = LoadAnyPackage(*shared + "/seeds/lingling-kexie-2024.txt");
  ASSERT_TRUE(seed.ok()) << seed.status().message();
  EXPECT_EQ(seed->format, DocumentFormat::kText);
  EXPECT_TRUE(seed->import.notes.empty());
  const Package example = testing::LoadExample();
  testing::ExpectSameFigures(seed->package, example, /*exact_scale=*/true);
  testing::ExpectSameReport(seed->package, example, /*texts=*/false);
  // The facts the example keeps: goal 3 names both contests in the score table.
  EXPECT_NE(seed->package.evaluation.goals.planned[2].text.find("机器人"), std::string::npos);
  const std::string& titles = seed->package.report.sections[8].title;
  EXPECT_NE(titles.find("公开"), std::string::npos);
}

}  // namespace
}  // namespace jixiao
