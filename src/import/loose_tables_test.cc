// Tests of the tables rebuilt from texts copied out of PDFs and web pages
// (import/loose_tables.h), through the text reader: one cell per line, rows on one line with
// single blanks, label / value pairs, wrapped '|' rows, split figures, page furniture between
// the parts. The inputs are written for these tests in the shapes real published pages have.
#include "import/loose_tables.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "import/text_reader.h"

namespace jixiao {
namespace {

FlatDocument Read(const std::string& text) {
  Result<FlatDocument> r = ReadText(text, "t.txt");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : FlatDocument{};
}

std::vector<std::string> Cells(const FlatRow& row) {
  std::vector<std::string> out;
  for (const FlatCell& c : row.cells) out.push_back(c.text);
  return out;
}

using Strings = std::vector<std::string>;

// The 自评表's funds, one cell per line with blank lines between (a PDF copy).
TEST(LooseTables, OneCellPerLineFunds) {
  const FlatDocument d = Read(
      "部门整体支出绩效自评表\n\n年度预算申请（万元）\n\n年初预算数\n\n全年预算数\n\n全年执行数\n\n"
      "分值\n\n执行率\n\n得分\n\n年度资金总额\n\n153.53\n\n127.10\n\n124.88\n\n10\n\n"
      "98.25%\n\n9.8\n\n其中：当年财政拨款\n\n150.00\n\n123.57\n\n121.35\n\n98.20%\n\n"
      "上年结转资金\n\n3.53\n\n3.53\n\n3.53\n\n100%"
      "\n\n一、基本情况\n\n本单位是公益一类事业单位。\n");
  ASSERT_EQ(d.blocks.size(), 4u);
  EXPECT_EQ(d.blocks[0].paragraph.text, "部门整体支出绩效自评表");
  const FlatTable& t = d.blocks[1].table;
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(Cells(t.rows[0]), (Strings{"年度预算申请（万元）", "年初预算数", "全年预算数",
                                       "全年执行数", "分值", "执行率", "得分"}));
  EXPECT_EQ(Cells(t.rows[1]),
            (Strings{"年度资金总额", "153.53", "127.10", "124.88", "10", "98.25%", "9.8"}));
  // Sub-rows with neither 分值 nor 得分: the percentage stays under 执行率.
  EXPECT_EQ(Cells(t.rows[2]),
            (Strings{"其中：当年财政拨款", "150.00", "123.57", "121.35", "", "98.20%", ""}));
  EXPECT_EQ(Cells(t.rows[3]), (Strings{"上年结转资金", "3.53", "3.53", "3.53", "", "100%", ""}));
  EXPECT_EQ(t.rows[1].origin.line, 17);
  EXPECT_EQ(t.rows[1].cells[6].origin.line, 29);
  EXPECT_EQ(t.rows[1].cells[6].column, 6);
  EXPECT_EQ(d.blocks[2].paragraph.text, "一、基本情况");
}

// Indicators, one cell per line without blank lines; the merged 一级 / 二级 cells appear
// once, the empty 偏差原因 cells not at all, and the header's last word is wrapped.
TEST(LooseTables, OneCellPerLineIndicators) {
  const FlatDocument d = Read(
      "一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n偏差原因分析及\n改进措施\n"
      "产出指标（50分）\n数量指标\n举办公益展览\n≥6次\n7次\n25\n25\n"
      "开展文化下乡演出\n≥20场\n18场\n5\n4\n受汛期影响两场演出取消\n"
      "质量指标\n展览合格率\n≥95%\n100%\n20\n20\n"
      "效益指标（40分）\n满意度\n群众满意度\n≥90%\n95.\n10%\n40\n40\n"
      "总分\n100\n94\n");
  ASSERT_EQ(d.blocks.size(), 1u);
  const FlatTable& t = d.blocks[0].table;
  ASSERT_EQ(t.rows.size(), 6u);
  EXPECT_EQ(t.rows[0].cells[7].text, "偏差原因分析及\n改进措施");
  EXPECT_EQ(Cells(t.rows[1]), (Strings{"产出指标（50分）", "数量指标", "举办公益展览", "≥6次",
                                       "7次", "25", "25", ""}));
  EXPECT_EQ(Cells(t.rows[2]), (Strings{"", "", "开展文化下乡演出", "≥20场", "18场", "5", "4",
                                       "受汛期影响两场演出取消"}));
  EXPECT_EQ(Cells(t.rows[3]),
            (Strings{"", "质量指标", "展览合格率", "≥95%", "100%", "20", "20", ""}));
  // "95." and "10%" are one figure, written over two lines.
  EXPECT_EQ(Cells(t.rows[4]), (Strings{"效益指标（40分）", "满意度", "群众满意度", "≥90%", "95.10%",
                                       "40", "40", ""}));
  EXPECT_EQ(t.rows[4].cells[4].written, "95.\n10%");
  EXPECT_EQ(t.rows[5].cells[2].text, "总分");
  EXPECT_EQ(t.rows[5].cells[5].text, "100");
  EXPECT_EQ(t.rows[5].cells[6].text, "94");
}

// A table's last figure written over two lines: both lines are the table's; neither is left
// behind as a paragraph.
TEST(LooseTables, ASplitFigureEndsTheTable) {
  const FlatDocument d = Read("财政供养人员情况\n编制数\n实际在职人数\n控制率\n143\n136\n95.\n10%\n"
                              "一、基本情况\n本单位有在职人员136人。\n");
  ASSERT_EQ(d.blocks.size(), 3u);
  ASSERT_EQ(d.blocks[0].kind, FlatBlock::Kind::kTable);
  EXPECT_EQ(Cells(d.blocks[0].table.rows.back()),
            (Strings{"", "143", "136", "95.10%"}));
  EXPECT_EQ(d.blocks[1].paragraph.text, "一、基本情况");
}

// Rows on one line, cells separated by single blanks, under a header on one line or one word
// per line; the staffing as label / value pairs on one line.
TEST(LooseTables, SingleSpaceRowsAndPairs) {
  const FlatDocument d = Read(
      "编制数 8 实际在职人数 7 控制率 87.5%\n"
      "项目 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
      "年度资金总额 153.53 127.10 124.88 10 98.25% 9.8\n"
      "其中：当年财政拨款 150.00 123.57 121.35 — 98.20% —\n"
      "编制 1 个，实有 3 人。\n");
  ASSERT_EQ(d.blocks.size(), 3u);
  const FlatTable& staff = d.blocks[0].table;
  ASSERT_EQ(staff.rows.size(), 2u);
  EXPECT_EQ(Cells(staff.rows[0]), (Strings{"编制数", "实际在职人数", "控制率"}));
  EXPECT_EQ(Cells(staff.rows[1]), (Strings{"8", "7", "87.5%"}));
  const FlatTable& funds = d.blocks[1].table;
  ASSERT_EQ(funds.rows.size(), 3u);
  EXPECT_EQ(funds.rows[0].cells[0].text, "项目");
  EXPECT_EQ(Cells(funds.rows[1]),
            (Strings{"年度资金总额", "153.53", "127.10", "124.88", "10", "98.25%", "9.8"}));
  EXPECT_EQ(Cells(funds.rows[2]),
            (Strings{"其中：当年财政拨款", "150.00", "123.57", "121.35", "—", "98.20%", "—"}));
  EXPECT_EQ(d.blocks[2].paragraph.text, "编制 1 个，实有 3 人。");  // prose untouched

  // The label on its line, the figures on the next.
  const FlatDocument e = Read(
      "年度预算申请\n年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n"
      "年度资金总额\n262.00 258.00 256.80 10 99.53% 9.95\n");
  ASSERT_EQ(e.blocks.size(), 1u);
  EXPECT_EQ(Cells(e.blocks[0].table.rows[1]),
            (Strings{"年度资金总额", "262.00", "258.00", "256.80", "10", "99.53%", "9.95"}));
}

// One label and one value per line: 人员编制 / 21 (and a unit name) become rows.
TEST(LooseTables, PairsOnePerLine) {
  const FlatDocument d = Read(
      "预算部门名称\n\n某县文化馆\n\n编制数\n\n12\n\n实际在职人数\n\n11\n\n控制率\n\n91.67%\n");
  ASSERT_EQ(d.blocks.size(), 2u);
  EXPECT_EQ(Cells(d.blocks[0].table.rows[0]), (Strings{"预算部门名称", "某县文化馆"}));
  const FlatTable& t = d.blocks[1].table;
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Cells(t.rows[0]), (Strings{"编制数", "实际在职人数", "控制率"}));
  EXPECT_EQ(Cells(t.rows[1]), (Strings{"12", "11", "91.67%"}));
  EXPECT_EQ(t.rows[1].cells[2].origin.line, 15);
  EXPECT_EQ(d.blocks[1].table.index, 2);
}

// A row whose figures could stand under other headers as well is not guessed: it and what
// follows stay paragraphs.
TEST(LooseTables, UnsureRowsStayParagraphs) {
  const FlatDocument d = Read(
      "项目\n年初预算数\n全年预算数\n全年执行数\n"
      "基本支出\n100.00\n98.00\n97.50\n"
      "项目支出\n40.00\n39.00\n"
      "其他支出\n5.00\n4.80\n4.80\n");
  ASSERT_GE(d.blocks.size(), 2u);
  const FlatTable& t = d.blocks[0].table;
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Cells(t.rows[1]), (Strings{"基本支出", "100.00", "98.00", "97.50"}));
  ASSERT_EQ(d.blocks[1].kind, FlatBlock::Kind::kParagraph);
  EXPECT_EQ(d.blocks[1].paragraph.text, "项目支出");
  EXPECT_EQ(d.blocks.size(), 1u + 7u);
}

// A header row made of single-blank words, then rows: a 1 2 4.88 with stray blanks inside a
// row is not joined (the blanks could separate cells) and the row, too long, is not guessed.
TEST(LooseTables, StrayBlanksInARowAreNotGuessed) {
  const FlatDocument d = Read(
      "项目 年初预算数 全年预算数 全年执行数\n"
      "年度资金总额 1 2 4.88 127.10 124.88\n");
  ASSERT_EQ(d.blocks.size(), 2u);
  EXPECT_EQ(d.blocks[1].kind, FlatBlock::Kind::kParagraph);
  // One cell per line, the same figure is one cell, repaired.
  const FlatDocument e = Read("项目\n年初预算数\n全年预算数\n年度资金总额\n1 2 4.88\n12O.00\n");
  ASSERT_EQ(e.blocks.size(), 1u);
  const FlatRow& row = e.blocks[0].table.rows[1];
  EXPECT_EQ(Cells(row), (Strings{"年度资金总额", "124.88", "120.00"}));
  EXPECT_EQ(row.cells[1].written, "1 2 4.88");
  EXPECT_EQ(row.cells[2].written, "12O.00");
}

// A '|' row whose long header cell wrapped onto the next line is one row; OCR noise in its
// cells is repaired, the written text kept.
TEST(LooseTables, WrappedPipeRow) {
  const FlatDocument d = Read(
      "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及\n"
      "改进措施 |\n"
      "| 产出指标 | 数量指标 | 举办公益展览 | =>6次 | 7次 | 25 | 2 5 | |\n"
      "| | 质量指标 | 展览合格率 | ≥9O% | 1OO% | 25 | 25 | |\n"
      "| | 时效指标 | 按时开展 | 1O月前 | IO月 | 5 | 5 | |\n");
  ASSERT_EQ(d.blocks.size(), 1u);
  const FlatTable& t = d.blocks[0].table;
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0].cells.size(), 8u);
  EXPECT_EQ(t.rows[0].cells[7].text, " 偏差原因分析及\n改进措施 ");
  EXPECT_EQ(t.rows[1].cells[3].text, "≥6次");
  EXPECT_EQ(t.rows[1].cells[3].written, " =>6次 ");
  EXPECT_EQ(t.rows[1].cells[6].text, "25");
  EXPECT_EQ(t.rows[2].cells[4].text, "100%");
  EXPECT_EQ(t.rows[2].cells[4].written, " 1OO% ");
  EXPECT_EQ(t.rows[2].cells[3].text, "≥90%");
  EXPECT_EQ(t.rows[3].cells[3].text, "10月前");
  EXPECT_EQ(t.rows[3].cells[4].text, " IO月 ");  // no real digit: a word, left alone
  EXPECT_EQ(t.rows[3].cells[4].written, "");
}

// Page numbers, a running page header and site chrome between the parts of a table neither
// break it nor stay in the text; they are listed with their reasons.
TEST(LooseTables, PageFurnitureDoesNotBreakATable) {
  const FlatDocument d = Read(
      "打印本页 关闭窗口\n"
      "某县文化馆2023年度整体支出绩效自评表\n"
      "一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n"
      "产出指标\n数量指标\n举办公益展览\n≥6次\n7次\n25\n25\n"
      "\n- 1 -\n\n某县文化馆2023年度整体支出绩效自评表\n"
      "开展文化下乡演出\n≥20场\n22场\n5\n5\n"
      "\n- 2 -\n\n某县文化馆2023年度整体支出绩效自评表\n"
      "分享到：\n");
  ASSERT_EQ(d.blocks.size(), 2u);
  EXPECT_EQ(d.blocks[0].paragraph.text, "某县文化馆2023年度整体支出绩效自评表");
  const FlatTable& t = d.blocks[1].table;
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[2].cells[2].text, "开展文化下乡演出");
  ASSERT_EQ(d.skipped.size(), 6u);
  EXPECT_EQ(d.skipped[0].line, 1);
  EXPECT_EQ(d.skipped[0].why, FlatSkipped::Why::kSiteChrome);
  EXPECT_EQ(d.skipped[1].line, 18);
  EXPECT_EQ(d.skipped[1].text, "- 1 -");
  EXPECT_EQ(d.skipped[1].why, FlatSkipped::Why::kPageNumber);
  EXPECT_EQ(d.skipped[2].line, 20);
  EXPECT_EQ(d.skipped[2].why, FlatSkipped::Why::kPageHeader);
  EXPECT_EQ(d.skipped[5].text, "分享到：");
}

// A PDF repeats a long table's header on every page: the rows go on in the same table, and
// the repeated header (with its label column's header) is listed as left out.
TEST(LooseTables, HeaderRepeatedOnTheNextPage) {
  const FlatDocument d = Read(
      "经费控制情况（万元）\n2022年决算数\n2023年预算数\n2023年决算数\n"
      "一、部门基本支出\n210.40\n220.00\n215.30\n"
      "- 1 -\n"
      "经费控制情况（万元）\n2022年决算数\n2023年预算数\n2023年决算数\n"
      "二、项目支出小计\n40.00\n42.00\n41.50\n");
  ASSERT_EQ(d.blocks.size(), 1u);
  const FlatTable& t = d.blocks[0].table;
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(Cells(t.rows[2]), (Strings{"二、项目支出小计", "40.00", "42.00", "41.50"}));
  ASSERT_EQ(d.skipped.size(), 5u);
  EXPECT_EQ(d.skipped[0].why, FlatSkipped::Why::kPageNumber);
  EXPECT_EQ(d.skipped[1].line, 10);
  EXPECT_EQ(d.skipped[1].text, "经费控制情况（万元）");
  EXPECT_EQ(d.skipped[1].why, FlatSkipped::Why::kRepeatedHeader);
  EXPECT_EQ(d.skipped[4].text, "2023年决算数");
}

// Prose is never read as a table, even with header words and figures in it.
TEST(LooseTables, ProseStaysProse) {
  const std::string text =
      "一、基本情况\n本年度年初预算数为153.53万元，全年执行数124.88万元，执行率98.25%。\n"
      "分值\n得分\n二、绩效情况\n我单位全年完成各项任务。\n";
  const FlatDocument d = Read(text);
  for (const FlatBlock& b : d.blocks) EXPECT_EQ(b.kind, FlatBlock::Kind::kParagraph);
  EXPECT_EQ(d.blocks.size(), 6u);
}

// Many rows, one cell per line: read in time linear in their number.
TEST(LooseTables, ManyRowsStayLinear) {
  std::string text = "一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n";
  text += "产出指标\n数量指标\n";
  for (int i = 0; i < 20000; ++i) text += "举办公益展览\n≥6次\n7次\n5\n5\n";
  const FlatDocument d = Read(text);
  ASSERT_EQ(d.blocks.size(), 1u);
  EXPECT_EQ(d.blocks[0].table.rows.size(), 20001u);

  // A long run of header words (read as headers of at most 16 columns, each seen again as a
  // repeat of the one before), then figures that could stand in any of the columns: read once,
  // not once per header word, and left as paragraphs.
  std::string words;
  for (int i = 0; i < 20000; ++i) words += "分值\n";
  for (int i = 0; i < 20000; ++i) words += "5\n";
  const FlatDocument w = Read(words);
  EXPECT_EQ(w.blocks.size(), 40000u);
}

// A project table whose line breaks were lost: everything on one line, cells separated by
// single blanks. The title stays one paragraph; the funds and the indicators become tables.
TEST(LooseTables, WholeTableOnOneLine) {
  const FlatDocument d = Read(
      "项目支出绩效自评表 (2023年度) 项目名称 乡村道路养护 主管部门 某镇人民政府 "
      "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
      "年度资金总额 80.00 80.00 76.00 10 95% 9.5 "
      "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
      "产出指标 数量指标 路面修补面积 ≥3000平方米 3200平方米 20 20 "
      "时效指标 雨后清障完成时限 ≤2天 2天 10 10 成本指标 养护单价 ≤6.5万元/公里 6.1万元/公里 10 10 "
      "产出指标 数量指标 养护道路里程 ≥12公里 12.5公里 20 20\n");
  ASSERT_FALSE(d.blocks.empty());
  EXPECT_EQ(d.blocks[0].paragraph.text, "项目支出绩效自评表 (2023年度)");
  const FlatTable* funds = nullptr;
  const FlatTable* indicators = nullptr;
  for (const FlatBlock& b : d.blocks) {
    if (b.kind != FlatBlock::Kind::kTable) continue;
    for (const FlatRow& row : b.table.rows) {
      if (!row.cells.empty() && row.cells[0].text == "年度资金总额") funds = &b.table;
      for (const FlatCell& c : row.cells) {
        if (c.text == "养护道路里程") indicators = &b.table;
      }
    }
  }
  ASSERT_NE(funds, nullptr);
  ASSERT_NE(indicators, nullptr);
  bool funds_row = false;
  for (const FlatRow& row : funds->rows) {
    if (Cells(row) == Strings{"年度资金总额", "80.00", "80.00", "76.00", "10", "95%", "9.5"}) {
      funds_row = true;
    }
  }
  EXPECT_TRUE(funds_row);
  const FlatRow& last = indicators->rows.back();
  const Strings cells = Cells(last);
  ASSERT_GE(cells.size(), 4u);
  EXPECT_EQ(cells[cells.size() - 1], "20");
  EXPECT_NE(std::find(cells.begin(), cells.end(), "≥12公里"), cells.end());
  EXPECT_NE(std::find(cells.begin(), cells.end(), "12.5公里"), cells.end());
}

// A Word project form saved as text without its line breaks (安徽's layout): the 项目名称 /
// 主管部门 / 实施单位 pairs, funds sub-rows the unit left without figures, the 年度总体目标
// texts with a text box's leader dots between them, and the indicators.
TEST(LooseTables, ProjectFormRunTogether) {
  const FlatDocument d = Read(
      "附件: 项目支出绩效自评表 (2023年度) 项目名称 村道保洁经费 主管部门 101-某镇人民政府 "
      "实施单位 101001-某镇人民政府 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 "
      "得分 年度资金总额: 60 60 57 10 95% 9.5 其中:本年财政拨款 60 60 57 上年结转资金 其他资金 "
      "年度总体目标 预期目标 实际完成情况 计划安排保洁资金600000元,用于保洁员报酬480000元,"
      "保洁工具120000元。 .. .......... 实际使用资金570000元,用于保洁员报酬480000元,"
      "保洁工具90000元。 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
      "偏差原因分析及改进措施 产出指标(50分) 数量指标 保洁村道里程 ≥40公里 42 25 25 "
      "成本指标 保洁单价 ≤1.5万元/公里 1.36 25 25 效益指标(40分) 社会效益指标 村容村貌改善 "
      "明显 明显 40 40\n");
  std::vector<const FlatTable*> tables;
  for (const FlatBlock& b : d.blocks) {
    if (b.kind == FlatBlock::Kind::kTable) tables.push_back(&b.table);
  }
  ASSERT_EQ(tables.size(), 4u);
  ASSERT_EQ(tables[0]->rows.size(), 3u);
  EXPECT_EQ(Cells(tables[0]->rows[0]), (Strings{"项目名称", "村道保洁经费"}));
  EXPECT_EQ(Cells(tables[0]->rows[2]), (Strings{"实施单位", "101001-某镇人民政府"}));
  // The sub-rows without figures are rows of the funds, not paragraphs after it.
  ASSERT_EQ(tables[1]->rows.size(), 5u);
  EXPECT_EQ(Cells(tables[1]->rows[3]), (Strings{"上年结转资金", "", "", "", "", "", ""}));
  EXPECT_EQ(Cells(tables[1]->rows[4])[0], "其他资金");
  // The goals: a header row and the two texts, the leader dots left out and listed.
  ASSERT_EQ(tables[2]->rows.size(), 2u);
  EXPECT_EQ(Cells(tables[2]->rows[0]), (Strings{"年度总体目标", "预期目标", "实际完成情况"}));
  EXPECT_EQ(tables[2]->rows[1].cells[1].text.rfind("计划安排保洁资金600000元", 0), 0u);
  EXPECT_EQ(tables[2]->rows[1].cells[2].text.rfind("实际使用资金570000元", 0), 0u);
  ASSERT_EQ(d.skipped.size(), 2u);
  EXPECT_EQ(d.skipped[0].text, "..");
  EXPECT_EQ(d.skipped[0].why, FlatSkipped::Why::kFiller);
  // 成本指标 stands where a 一级 name would; the recognizer decides its level (by the weights).
  const Strings last = Cells(tables[3]->rows.back());
  EXPECT_EQ(last[0], "效益指标(40分)");
  EXPECT_EQ(last[2], "村容村貌改善");
}

// Goals written as numbered lines: the achieved ones start again at 1. Numbering that restarts
// twice (or never) cannot be split, and the lines stay paragraphs.
TEST(LooseTables, GoalsAsNumberedLines) {
  const std::string head =
      "年度总体目标\n预期目标\n实际完成情况\n";
  const std::string indicators =
      "一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n"
      "产出指标\n数量指标\n培训人次\n≥200人次\n230人次\n50\n50\n";
  const FlatDocument d = Read(head +
                              "1.开展技能培训不少于200人次；\n2.组织送教下乡4场。\n"
                              "1.完成技能培训230人次；\n2.送教下乡5场。\n" +
                              indicators);
  ASSERT_GE(d.blocks.size(), 2u);
  ASSERT_EQ(d.blocks[0].kind, FlatBlock::Kind::kTable);
  const FlatTable& goals = d.blocks[0].table;
  ASSERT_EQ(goals.rows.size(), 2u);
  EXPECT_EQ(goals.rows[1].cells[1].text, "1.开展技能培训不少于200人次；\n2.组织送教下乡4场。");
  EXPECT_EQ(goals.rows[1].cells[2].text, "1.完成技能培训230人次；\n2.送教下乡5场。");
  const FlatDocument unsure =
      Read(head + "开展技能培训。\n组织送教下乡。\n完成技能培训。\n" + indicators);
  ASSERT_FALSE(unsure.blocks.empty());
  EXPECT_EQ(unsure.blocks[0].kind, FlatBlock::Kind::kParagraph);
  EXPECT_EQ(unsure.blocks[0].paragraph.text, "年度总体目标");
}

// Cells one per line with blank lines between (湖南's data table from a web page): the form's
// lines the unit left blank ("1、业务工作经费", "……") do not end the table when figures follow
// them; the funds splits written as label and amount in one cell are rows of the funds.
TEST(LooseTables, BlankLinesOfTheFormAndSplitsInOneCell) {
  const FlatDocument d = Read(
      "经费控制情况(万元)\n\n2022年决算数\n\n2023年预算数\n\n2023年决算数\n\n"
      "项目支出:\n\n874.20\n\n308.17\n\n1025.20\n\n1、业务工作经费\n\n\n\n\n\n\n\n"
      "2、运行维护经费\n\n\n\n\n\n\n\n……\n\n\n\n\n\n\n\n公用经费\n\n118.31\n\n85.76\n\n"
      "193.42\n\n附件二\n\n年度预算申请\n\n年初预算数\n\n全年预算数\n\n全年执行数\n\n分值\n\n"
      "执行率\n\n得分\n\n年度资金总额\n\n861.10\n\n2030.12\n\n2030.12\n\n10\n\n100%\n\n10\n\n"
      "按收入性质分:2030.12\n\n其中: 一般公共预算:1325.68\n\n纳入专户管理的非税收入拨款:\n\n"
      "其他资金:704.44\n\n年度总体目标\n");
  std::vector<const FlatTable*> tables;
  for (const FlatBlock& b : d.blocks) {
    if (b.kind == FlatBlock::Kind::kTable) tables.push_back(&b.table);
  }
  ASSERT_EQ(tables.size(), 2u);
  ASSERT_EQ(tables[0]->rows.size(), 6u);
  EXPECT_EQ(Cells(tables[0]->rows[2]), (Strings{"1、业务工作经费", "", "", ""}));
  EXPECT_EQ(Cells(tables[0]->rows[5]), (Strings{"公用经费", "118.31", "85.76", "193.42"}));
  ASSERT_EQ(tables[1]->rows.size(), 6u);
  EXPECT_EQ(tables[1]->rows[3].cells[0].text, "其中: 一般公共预算:1325.68");
  EXPECT_EQ(tables[1]->rows[5].cells[0].text, "其他资金:704.44");
  EXPECT_EQ(d.blocks.back().paragraph.text, "年度总体目标");
}

// A web table flattened to one cell per line, each line ending with " |" and an empty cell a
// "|" alone (四川's project form: 年初预算 / 调整后预算数 / 预算执行数 / 预算执行率 / 权重 / 得分 /
// 原因; indicators with 指标性质 and 度量单位 in cells of their own).
TEST(LooseTables, OneCellPerLineWithTrailingBars) {
  const FlatDocument d = Read(
      "项目支出绩效自评表(2022年度) |\n|\n预算执行情况(10分) |\n年度预算数(万元) |\n年初预算 |\n"
      "调整后预算数 |\n预算执行数 |\n预算执行率 |\n权重 |\n得分 |\n原因 |\n"
      "总额 |\n50.00 |\n60.00 |\n54.00 |\n90.00% |\n10 |\n9 |\n增加了下乡场次 |\n"
      "其中:财政资金 |\n50.00 |\n60.00 |\n54.00 |\n90.00% |\n/ |\n/ |\n"
      "其他资金 |\n|\n|\n|\n|\n/ |\n/ |\n"
      "一级指标 |\n二级指标 |\n三级指标 |\n指标性质 |\n指标值 |\n度量单位 |\n完成值 |\n权重 |\n"
      "得分 |\n未完成原因分析 |\n"
      "产出指标 |\n数量指标 |\n下乡演出场次 |\n≥ |\n20 |\n场 |\n|\n50 |\n|\n|\n"
      "效益指标 |\n社会效益指标 |\n群众满意度 |\n≥ |\n90 |\n% |\n95 |\n40 |\n40 |\n|\n"
      "合计 |\n100 |\n|\n|\n评价结论 |\n全年任务均已完成。 |\n");
  std::vector<const FlatTable*> tables;
  for (const FlatBlock& b : d.blocks) {
    if (b.kind == FlatBlock::Kind::kTable) tables.push_back(&b.table);
  }
  ASSERT_EQ(tables.size(), 2u);
  const FlatTable& funds = *tables[0];
  ASSERT_EQ(funds.rows.size(), 4u);
  EXPECT_EQ(Cells(funds.rows[0]), (Strings{"年度预算数(万元)", "年初预算", "调整后预算数",
                                           "预算执行数", "预算执行率", "权重", "得分", "原因"}));
  EXPECT_EQ(Cells(funds.rows[1]),
            (Strings{"总额", "50.00", "60.00", "54.00", "90.00%", "10", "9", "增加了下乡场次"}));
  EXPECT_EQ(Cells(funds.rows[2]),
            (Strings{"其中:财政资金", "50.00", "60.00", "54.00", "90.00%", "/", "/", ""}));
  EXPECT_EQ(Cells(funds.rows[3]), (Strings{"其他资金", "", "", "", "", "/", "/", ""}));
  const FlatTable& ind = *tables[1];
  ASSERT_EQ(ind.rows.size(), 4u);
  EXPECT_EQ(Cells(ind.rows[1]),
            (Strings{"产出指标", "数量指标", "下乡演出场次", "≥", "20", "场", "", "50", "", ""}));
  EXPECT_EQ(Cells(ind.rows[2]), (Strings{"效益指标", "社会效益指标", "群众满意度", "≥", "90", "%",
                                         "95", "40", "40", ""}));
  // The 合计 row: the weight under 权重, the cells written empty after it end the table.
  EXPECT_EQ(Cells(ind.rows[3]), (Strings{"", "", "合计", "", "", "", "", "100", "", ""}));
  EXPECT_EQ(d.blocks.back().paragraph.text, "全年任务均已完成。 |");
  // An empty cell keeps what was written.
  EXPECT_EQ(ind.rows[1].cells[6].written, "|");
}

}  // namespace
}  // namespace jixiao
