// Whole packages as texts really arrive — copied out of a PDF (one cell per line, page numbers
// and page headers between the parts), out of a web page (rows with single blanks between the
// cells, the site's chrome around them), or as '|' rows with OCR noise — imported through the
// public API; the figures must land where the tab-separated text puts them. The texts are
// composed for this test in the shapes real published pages have (a made-up unit, our words).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "import/importer.h"
#include "model/walk.h"
#include "present/diagnostic_format.h"

namespace jixiao {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Rows flattened one cell per line, each cell followed by `gap` (a PDF copy: "\n\n" or "\n").
std::string CellPerLine(const Rows& rows, const std::string& gap) {
  std::string out;
  for (const auto& row : rows) {
    for (const std::string& cell : row) out += cell + gap;
  }
  return out;
}

// Rows on one line each, cells separated by one blank (a web copy).
std::string SpaceRows(const Rows& rows) {
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (const std::string& cell : row) line += (line.empty() ? "" : " ") + cell;
    out += line + "\n";
  }
  return out;
}

const Rows kStaffing = {{"财政供养人员情况（人）", "编制数", "2023年实际在职人数", "控制率"},
                        {"12", "11", "91.67%"}};
const Rows kExpenses = {
    {"经费控制情况（万元）", "2022年决算数", "2023年预算数", "2023年决算数"},
    {"一、部门基本支出", "210.40", "220.00", "215.30"},
    {"其中：公用经费", "30.10", "31.00", "29.80"},
    {"三公经费", "1.20", "1.10", "1.05"},
    {"3.公务接待", "1.20", "1.10", "1.05"},
    {"二、项目支出小计", "40.00", "42.00", "41.50"},
    {"1.群众文化活动专项经费", "20.00", "21.00", "20.75"},
};
const Rows kFunds = {
    {"年度预算申请（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"},
    {"年度资金总额", "262.00", "258.00", "256.80", "10", "99.53%", "9.95"},
};
const Rows kIndicators = {
    {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
     "偏差原因分析及改进措施"},
    {"产出指标（50分）", "数量指标", "举办公益展览", "≥6次", "7次", "25", "25"},
    {"开展文化下乡演出", "≥20场", "18场", "5", "4", "汛期取消两场下乡演出"},
    {"效益指标（40分）", "满意度", "群众满意度", "≥90%", "95%", "40", "40"},
    {"总分", "100", "99"},
};

constexpr const char* kReport =
    "2023年度某县文化馆整体支出绩效自评报告\n"
    "单位名称：某县文化馆\n"
    "2024年4月2日\n"
    "一、基本情况\n"
    "县文化馆为公益一类事业单位，核定编制12名，实有干部职工15人，其中在职人员11人，退休人员4人。\n"
    "二、部门整体支出绩效情况\n"
    "全年执行数256.80万元，举办公益展览7次、文化下乡演出18场。\n"
    "三、存在的问题及原因分析\n"
    "汛期有两场下乡演出未能举办。\n";

LoadedPackage Import(const std::string& text, const std::string& name) {
  Result<LoadedPackage> r = LoadPackageBytes(text, name);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : LoadedPackage{};
}

std::vector<const Diagnostic*> Notes(const LoadedPackage& l, const std::string& code) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : l.import.notes) {
    if (d.code == code) out.push_back(&d);
  }
  return out;
}

std::string AllNotes(const LoadedPackage& l) {
  std::string out;
  for (const Diagnostic& d : l.import.notes) out += d.code + " " + d.message_en + "\n";
  return out;
}

const ExpenseRow* Row(const Package& p, const std::string& key) {
  const ExpenseRow* found = nullptr;
  ForEachExpenseRow(p.basic_data.expenses, [&](const ExpenseVisit& v) {
    if (found == nullptr && v.row->key == key) found = v.row;
  });
  return found;
}

std::string Values(const Package& p, const std::string& key) {
  const ExpenseRow* row = Row(p, key);
  if (row == nullptr) return "<no row>";
  return row->at(ExpenseColumn::kPriorFinal).Display() + " " +
         row->at(ExpenseColumn::kBudget).Display() + " " + row->at(ExpenseColumn::kFinal).Display();
}

// Every figure of the composed package, where the tab-separated text would put it.
void ExpectThePackage(const LoadedPackage& l) {
  const Package& p = l.package;
  const Staffing& s = p.basic_data.staffing;
  EXPECT_EQ(s.authorized.Display(), "12");
  EXPECT_EQ(s.on_payroll.Display(), "11");
  EXPECT_EQ(s.control_rate.Display(), "91.67%");
  EXPECT_EQ(Values(p, "basic"), "210.40 220.00 215.30");
  EXPECT_EQ(Values(p, "public_funds"), "30.10 31.00 29.80");
  EXPECT_EQ(Values(p, "three_public"), "1.20 1.10 1.05");
  EXPECT_EQ(Values(p, "reception"), "1.20 1.10 1.05");
  EXPECT_EQ(Values(p, "projects"), "40.00 42.00 41.50");
  EXPECT_EQ(Values(p, "project"), "20.00 21.00 20.75");
  EXPECT_EQ(p.evaluation.unit_name, "某县文化馆");
  const Funds& f = p.evaluation.funds;
  EXPECT_EQ(f.initial_budget.Display(), "262.00");
  EXPECT_EQ(f.full_year_budget.Display(), "258.00");
  EXPECT_EQ(f.executed.Display(), "256.80");
  EXPECT_EQ(f.weight.Display(), "10");
  EXPECT_EQ(f.execution_rate.Display(), "99.53%");
  EXPECT_EQ(f.score.Display(), "9.95");
  const std::vector<Indicator>& tops = p.evaluation.indicators;
  ASSERT_EQ(tops.size(), 2u) << AllNotes(l);
  EXPECT_EQ(tops[0].name, "产出指标");
  EXPECT_EQ(tops[0].weight.Display(), "50");
  ASSERT_EQ(tops[0].children.size(), 1u);
  EXPECT_EQ(tops[0].children[0].name, "数量指标");
  const std::vector<Indicator>& leaves = tops[0].children[0].children;
  ASSERT_EQ(leaves.size(), 2u);
  EXPECT_EQ(leaves[0].name, "举办公益展览");
  EXPECT_EQ(leaves[0].target, "≥6次");
  EXPECT_EQ(leaves[0].actual, "7次");
  EXPECT_EQ(leaves[0].weight.Display(), "25");
  EXPECT_EQ(leaves[0].score.Display(), "25");
  EXPECT_EQ(leaves[1].name, "开展文化下乡演出");
  EXPECT_EQ(leaves[1].target, "≥20场");
  EXPECT_EQ(leaves[1].actual, "18场");
  EXPECT_EQ(leaves[1].weight.Display(), "5");
  EXPECT_EQ(leaves[1].score.Display(), "4");
  EXPECT_EQ(leaves[1].deviation, "汛期取消两场下乡演出");
  EXPECT_EQ(tops[1].name, "效益指标");
  ASSERT_EQ(tops[1].children.size(), 1u);
  EXPECT_EQ(tops[1].children[0].name, "满意度");
  ASSERT_EQ(tops[1].children[0].children.size(), 1u);
  EXPECT_EQ(tops[1].children[0].children[0].actual, "95%");
  EXPECT_EQ(tops[1].children[0].children[0].score.Display(), "40");
  EXPECT_EQ(p.evaluation.total_weight.Display(), "100");
  EXPECT_EQ(p.evaluation.total_score.Display(), "99");
  ASSERT_EQ(p.report.sections.size(), 3u) << AllNotes(l);
  EXPECT_EQ(p.report.sections[0].title, "基本情况");
  EXPECT_EQ(p.report.sections[2].text, "汛期有两场下乡演出未能举办。");
  EXPECT_EQ(p.report.cover.unit, "某县文化馆");
  EXPECT_TRUE(Notes(l, "I603").empty()) << AllNotes(l);
}

// A PDF copy: one cell per line with blank lines between, the empty label cell of the staffing
// values gone, page numbers and the running page header between the parts.
TEST(ImportMessyText, PdfCopyOneCellPerLine) {
  const std::string text = "2023年度部门整体支出绩效评价基础数据表\n\n" +
                           CellPerLine(kStaffing, "\n\n") + CellPerLine(kExpenses, "\n\n") +
                           "\n- 1 -\n\n某县文化馆2023年度部门整体支出绩效自评材料\n\n"
                           "2023年度部门整体支出绩效自评表\n\n预算部门名称\n\n某县文化馆\n\n" +
                           CellPerLine(kFunds, "\n\n") + CellPerLine(kIndicators, "\n\n") +
                           "\n- 2 -\n\n某县文化馆2023年度部门整体支出绩效自评材料\n\n" + kReport +
                           "\n- 3 -\n\n某县文化馆2023年度部门整体支出绩效自评材料\n";
  const LoadedPackage l = Import(text, "pdf.txt");
  ExpectThePackage(l);
  EXPECT_TRUE(Notes(l, "I601").empty()) << AllNotes(l);
  const auto skipped = Notes(l, "I607");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0]->severity, Severity::kInfo);
  EXPECT_EQ(skipped[0]->location.source->line, 74);
  EXPECT_EQ(
      skipped[0]->message_zh,
      "有 6 行不是正文（页码、页眉、网页栏目、换页重复的表头或点线），未导入：第74行“- 1 -”（页码）；"
      "第76行“某县文化馆2023年度部门整体支出绩效自评材料”（页眉）；第175行“- 2 -”（页码）；"
      "第177行“某县文化馆2023年度部门整体支出绩效自评材料”（页眉）；第189行“- 3 -”（页码）；"
      "第191行“某县文化馆2023年度部门整体支出绩效自评材料”（页眉）。");
  // Provenance names the line each figure was read from.
  EXPECT_EQ(l.package.provenance.at("/evaluation/funds/executed").line, 104);
}

// The same without blank lines, a figure broken over two lines and OCR noise in figures.
TEST(ImportMessyText, PdfCopyWithoutBlankLinesAndOcrNoise) {
  Rows funds = kFunds;
  funds[1][5] = "99.\n53%";
  funds[1][1] = "2 6 2.00";
  Rows staffing = kStaffing;
  staffing[1][1] = "l1";
  const std::string text = "2023年度部门整体支出绩效评价基础数据表\n" +
                           CellPerLine(staffing, "\n") + CellPerLine(kExpenses, "\n") +
                           "2023年度部门整体支出绩效自评表\n预算部门名称\n某县文化馆\n" +
                           CellPerLine(funds, "\n") + CellPerLine(kIndicators, "\n") + kReport;
  const LoadedPackage l = Import(text, "ocr.txt");
  ExpectThePackage(l);
  EXPECT_TRUE(Notes(l, "I607").empty());
  // What was written stays in the provenance.
  EXPECT_EQ(l.package.provenance.at("/evaluation/funds/execution_rate").text, "99.\n53%");
  EXPECT_EQ(l.package.provenance.at("/evaluation/funds/initial_budget").text, "2 6 2.00");
  EXPECT_EQ(l.package.provenance.at("/basic_data/staffing/on_payroll").text, "l1");
}

// A web page: the site's chrome around the text, the report first, the tables after it as
// rows with single blanks between the cells, the staffing as label / value pairs.
TEST(ImportMessyText, WebPageSingleSpaceRows) {
  const std::string text =
      std::string(
          "打印本页 关闭窗口\n某县文化馆2023年度部门整体支出绩效自评情况\n"
          "发布时间：2024-04-10 09:30 来源：县财政局 浏览次数：128\n【字体：大 中 小】\n") +
      kReport + "附件1\n2023年度部门整体支出绩效评价基础数据表\n" +
      "编制数 12 实际在职人数 11 控制率 91.67%\n" + SpaceRows(kExpenses) +
      "2023年度部门整体支出绩效自评表\n预算部门名称 某县文化馆\n" + SpaceRows(kFunds) +
      SpaceRows(kIndicators) + "分享到：\n【打印本页】 【关闭窗口】\n";
  const LoadedPackage l = Import(text, "web.html.txt");
  ExpectThePackage(l);
  const auto skipped = Notes(l, "I607");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0]->message_en,
            "5 lines are not content (page numbers, page headers, web page chrome, table headers "
            "repeated on a new page or leader dots) and were left out: line 1 \"打印本页 关闭窗口\" (web page "
            "chrome); line 3 \"发布时间：2024-04-10 "
            "09:30 来源：县财政局 浏览次数：128\" (web page chrome); line 4 \"【字体：大 中 小】\" "
            "(web page chrome); line 33 \"分享到：\" (web page chrome); line 34 \"【打印本页】 "
            "【关闭窗口】\" (web page chrome).");
}

// A sub-row of the funds whose two amounts could stand under any two of the three amount
// headers is not guessed: its lines stay paragraphs, which import names with their lines, and
// the rest of the document is read as before.
TEST(ImportMessyText, AnAmbiguousRowIsNamedNotGuessed) {
  const std::string text = "2023年度部门整体支出绩效评价基础数据表\n" +
                           CellPerLine(kStaffing, "\n") + CellPerLine(kExpenses, "\n") +
                           "2023年度部门整体支出绩效自评表\n预算部门名称\n某县文化馆\n" +
                           CellPerLine(kFunds, "\n") + "其中：上年结转资金\n12.00\n11.50\n" +
                           CellPerLine(kIndicators, "\n") + kReport;
  const LoadedPackage l = Import(text, "ambiguous.txt");
  ExpectThePackage(l);
  const auto unplaced = Notes(l, "I601");
  ASSERT_EQ(unplaced.size(), 3u) << AllNotes(l);
  EXPECT_EQ(unplaced[0]->location.source->line, 54);
  EXPECT_EQ(unplaced[0]->message_zh, "表格之间的段落未能识别，未导入：“其中：上年结转资金”。");
  EXPECT_EQ(unplaced[1]->reported, "12.00");
  EXPECT_EQ(unplaced[2]->location.source->line, 56);
}

// A long paragraph among the tables that mentions the 自评表 is prose, not the table's title: it
// is noted (I601), not taken for a title. Its message quotes its first 30 characters; the
// source keeps it whole, and the text view quotes it once (no 填报 line repeating it).
TEST(ImportMessyText, ALongParagraphAmongTheTablesIsNotedAndQuotedOnce) {
  const std::string prose =
      "本单位在编制本年度部门整体支出绩效自评表的过程中，逐项核对了全年预算数、全年执行数和"
      "各项绩效指标的完成情况，并对照年初设定的目标逐条说明了偏差原因，力求做到数据真实、口径"
      "一致、说明充分，经单位负责人审核后报送财政部门。";
  const std::string text = "2023年度部门整体支出绩效评价基础数据表\n" +
                           CellPerLine(kStaffing, "\n") + CellPerLine(kExpenses, "\n") + prose +
                           "\n2023年度部门整体支出绩效自评表\n预算部门名称\n某县文化馆\n" +
                           CellPerLine(kFunds, "\n") + CellPerLine(kIndicators, "\n") + kReport;
  const LoadedPackage l = Import(text, "long-paragraph.txt");
  ExpectThePackage(l);
  const Diagnostic* note = nullptr;
  for (const Diagnostic* d : Notes(l, "I601")) {
    if (d->reported == prose) note = d;
  }
  ASSERT_NE(note, nullptr) << AllNotes(l);
  EXPECT_EQ(note->message_zh,
            "表格之间的段落未能识别，未导入：“本单位在编制本年度部门整体支出绩效自评表的过程中，逐"
            "项核对了…”。");
  ASSERT_TRUE(note->location.source.has_value());
  EXPECT_EQ(note->location.source->text, prose);
  const std::string shown = FormatDiagnosticText(*note, FormatOptions{true, 2023});
  size_t times = 0;
  for (size_t at = shown.find(prose); at != std::string::npos; at = shown.find(prose, at + 1)) {
    ++times;
  }
  EXPECT_EQ(times, 1u) << shown;
  EXPECT_EQ(shown.find("填报"), std::string::npos) << shown;
}

// '|' rows, a long header cell wrapped onto the next line, OCR noise and full-width digits.
TEST(ImportMessyText, PipeRowsWrappedWithOcrNoise) {
  const std::string text =
      "2023年度部门整体支出绩效评价基础数据表\n"
      "| 财政供养人员情况（人） | 编制数 | 2023年实际在职人数 | 控制率 |\n"
      "| | １２ | l1 | 91.67% |\n"
      "| 经费控制情况（万元） | 2022年决算数 | 2023年预算数 | 2023年决算数 |\n"
      "|---|---|---|---|\n"
      "| 一、部门基本支出 | 210.40 | 220.00 | 215.30 |\n"
      "| 其中：公用经费 | 30.1O | 31.00 | 29.80 |\n"
      "| 三公经费 | 1.20 | 1.10 | 1.05 |\n"
      "| 3.公务接待 | 1.20 | 1.10 | 1.05 |\n"
      "| 二、项目支出小计 | 40.00 | 42.00 | 41.50 |\n"
      "| 1.群众文化活动专项经费 | 20.00 | 21.00 | 20.75 |\n"
      "2023年度部门整体支出绩效自评表\n"
      "| 预算部门名称 | 某县文化馆 |\n"
      "| 年度预算申请（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
      "| 年度资金总额 | 262.OO | 258.00 | 256.80 | 10 | 99.53% | 9.95 |\n"
      "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及\n"
      "改进措施 |\n"
      "| 产出指标（50分） | 数量指标 | 举办公益展览 | =>6次 | 7次 | 25 | 25 | |\n"
      "| | | 开展文化下乡演出 | ≥20场 | 18场 | 5 | 4 | 汛期取消两场下乡演出 |\n"
      "| 效益指标（40分） | 满意度 | 群众满意度 | ≥90% | 95% | 40 | 40 | |\n"
      "| 总分 | 100 | 99 |\n" +
      std::string(kReport);
  const LoadedPackage l = Import(text, "pipes.txt");
  ExpectThePackage(l);
  EXPECT_EQ(l.package.provenance.at("/evaluation/funds/initial_budget").text, " 262.OO ");
  EXPECT_EQ(l.package.provenance.at("/basic_data/staffing/on_payroll").text, " l1 ");
}

}  // namespace
}  // namespace jixiao
