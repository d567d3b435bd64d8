// Tests for a basic data table run on as a stream of words (import/figure_stream.h). The
// inputs have the shape a PDF's copy gives (blank cells dropped, figures wrapped at their
// point); units, labels and figures are made up.
#include "import/figure_stream.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jixiao {
namespace {

std::string Row(const StreamRow& r) {
  std::string s;
  for (size_t i = 0; i < r.cells.size(); ++i) s += (i ? "|" : "") + r.cells[i].text;
  return s + (r.unaligned ? " (unaligned)" : "");
}

std::vector<std::string> Rows(const FigureStreamTable& t) {
  std::vector<std::string> rows;
  for (const StreamRow& r : t.rows) rows.push_back(Row(r));
  return rows;
}

const std::vector<std::string_view> kStream = {
    "附件2 基础数据表 单位:万元 财政供养人员情况 编制数 2019年实际在职人数 控制率",
    "40 38 95.",
    "00% 经费控制情况 2018年决算数 2019年预算数 2019年决算数 三公经费 12.50 20 15.10",
    "1、公务用车购置和维护经费 6 14 12.10 其中:公车购置 8 8 公车运行维护 6",
    "6 4.10",
    "2、出国经费",
    "3、公务接待 6.50",
    "6 3 公用经费 其中:办公费 5.20 6 5.80. 差旅费 2 2 1.5 政府采购金额 3 4 4.2 "
    "部门整体支出预算调整 300 320 部门整体支出绩效评价指标表 一级指标 得分",
    "投入",
};

TEST(FigureStream, RebuildsTheRowsOfBothBlocks) {
  const FigureStreamTable t = ReadFigureStream(kStream);
  EXPECT_EQ(t.before, "附件2 基础数据表 单位:万元");
  EXPECT_EQ(Rows(t), (std::vector<std::string>{
                         "财政供养人员情况|编制数|2019年实际在职人数|控制率",
                         "|40|38|95.00%",
                         "经费控制情况|2018年决算数|2019年预算数|2019年决算数",
                         "三公经费|12.50|20|15.10",
                         "1、公务用车购置和维护经费|6|14|12.10",
                         "其中:公车购置||8|8",
                         "公车运行维护|6|6|4.10",
                         "2、出国经费|||",
                         "3、公务接待|6.50|6|3",
                         "公用经费|||",
                         "其中:办公费|5.20|6|5.80",
                         "差旅费|2|2|1.5",
                         "政府采购金额|3|4|4.2",
                         "部门整体支出预算调整|300|320 (unaligned)",
                     }));
  // The repairs keep what was written.
  EXPECT_EQ(t.rows[1].cells[3].written, "95.\n00%");
  EXPECT_EQ(t.rows[10].cells[3].written, "5.80.");
  EXPECT_EQ(t.rows[3].cells[1].written, "");
  // Where each row starts, and what is left of the last line.
  EXPECT_EQ(t.rows[0].line, 0u);
  EXPECT_EQ(t.rows[1].line, 1u);
  EXPECT_EQ(t.rows[7].line, 5u);
  EXPECT_EQ(t.lines, 8u);
  EXPECT_EQ(t.rest, "部门整体支出绩效评价指标表 一级指标 得分");
}

// A figure cut at its point is joined only when the row has one figure too many without it.
TEST(FigureStream, JoinsAFigureCutAtItsPointOnlyWhenTheRowAsksForIt) {
  const FigureStreamTable t = ReadFigureStream(
      {"财政供养人员情况 编制数 实际在职人数 控制率", "40 38 95.", "10% 以下为说明。"});
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Row(t.rows[1]), "|40|38|95.10%");
  // Three figures for three columns: "95." is a figure with a point left after it.
  const FigureStreamTable whole =
      ReadFigureStream({"人员情况 编制数 在职人数 控制率", "40 38 95.", "结束语。"});
  ASSERT_EQ(whole.rows.size(), 2u);
  EXPECT_EQ(Row(whole.rows[1]), "|40|38|95");
  EXPECT_EQ(whole.rows[1].cells[3].written, "95.");
  EXPECT_EQ(whole.lines, 2u);
  EXPECT_EQ(whole.rest, "");
}

// A short row is placed only when exactly one placement makes its 其中 run add up to the row
// above it; otherwise it is unaligned.
TEST(FigureStream, PlacesAShortRowOnlyWhereTheArithmeticTellsOneWay) {
  const auto read = [](std::string_view rows) {
    return Rows(ReadFigureStream({"经费控制情况 上年决算数 本年预算数 本年决算数", rows}));
  };
  // 8 / 8 fits only the last two columns (the first, 6 − 6, is 0).
  EXPECT_EQ(read("公务用车 6 14 12 其中:购置 8 8 运行维护 6 6 4")[2], "其中:购置||8|8");
  // The short row last in its run.
  EXPECT_EQ(read("公务用车 6 14 12 其中:运行维护 6 6 4 购置 8 8")[3], "购置||8|8");
  // Nothing adds up: unaligned.
  EXPECT_EQ(read("公务用车 6 14 12 其中:购置 7 8 运行维护 6 6 4")[2], "其中:购置|7|8 (unaligned)");
  // Two ways add up (a 0 fits a column left blank as well): unaligned.
  EXPECT_EQ(read("公务用车 0 6 14 其中:购置 0 8 运行维护 0 6 6")[2], "其中:购置|0|8 (unaligned)");
  // No 其中 run: unaligned, whatever the arithmetic.
  EXPECT_EQ(read("公务用车 6 14 12 1、购置 8 8 2、运行维护 6 6 4")[2], "1、购置|8|8 (unaligned)");
  // The row above the run is not whole: unaligned.
  EXPECT_EQ(read("公用经费 其中:办公费 5 6 差旅费 2 2 1")[2], "其中:办公费|5|6 (unaligned)");
}

// The blocks may come in either order; a label broken by a blank is joined where it cannot
// end; labels without figures at the end are not rows.
TEST(FigureStream, ReadsLabelsAndBlocksAsTheyCome) {
  const FigureStreamTable t = ReadFigureStream({
      "经费控制情况（万元） 2022年 决算数 2023年 预算数 2023年 决算数 一、基本支出 210 220 215",
      "其中: 人员经费 150 160 158 水费、 电费 3 3 3 财政供养人员情况 编制数 实有人数 12 11",
      "二、 三、 四、 五、",
  });
  EXPECT_EQ(Rows(t), (std::vector<std::string>{
                         "经费控制情况（万元）|2022年决算数|2023年预算数|2023年决算数",
                         "一、基本支出|210|220|215",
                         "其中:人员经费|150|160|158",
                         "水费、电费|3|3|3",
                         "财政供养人员情况|编制数|实有人数",
                         "|12|11",
                     }));
  EXPECT_EQ(t.lines, 2u);
  EXPECT_EQ(t.rest, "");
}

// Prose after the table: more than kMostLabelsWithoutFigures labels in a row without a figure
// end it before the first of them; a row with more figures than columns ends it before its
// label.
TEST(FigureStream, EndsWhereRowsStop) {
  const FigureStreamTable prose = ReadFigureStream(
      {"经费控制情况 上年决算数 本年预算数 本年决算数 三公经费 1 2 3 本单位 本年度 支出 情况 如下"});
  EXPECT_EQ(prose.rows.size(), 2u);
  EXPECT_EQ(prose.rest, "本单位 本年度 支出 情况 如下");
  const FigureStreamTable many = ReadFigureStream(
      {"经费控制情况 上年决算数 本年预算数 本年决算数 三公经费 1 2 3 公用经费 1 2 3 4 5"});
  EXPECT_EQ(many.rows.size(), 2u);
  EXPECT_EQ(many.rest, "公用经费 1 2 3 4 5");
}

// What is not such a table: a header of one word on its line (one cell per line, read by
// import/loose_tables.h), a header with no figures after it, a sentence naming the words, a
// single figure.
TEST(FigureStream, LeavesOtherTextAlone) {
  EXPECT_TRUE(ReadFigureStream({"经费控制情况", "上年决算数", "本年预算数", "三公经费", "1", "2"})
                  .rows.empty());
  EXPECT_TRUE(ReadFigureStream({"经费控制情况 上年决算数 本年预算数 三公经费"}).rows.empty());
  EXPECT_TRUE(ReadFigureStream({"本单位经费控制情况良好，编制数与在职人数相符。"}).rows.empty());
  EXPECT_TRUE(ReadFigureStream({"经费控制情况 上年决算数 本年预算数 三公经费 1"}).rows.empty());
  EXPECT_TRUE(ReadFigureStream({}).rows.empty());
  EXPECT_TRUE(ReadFigureStream({"财政供养人员情况 编制数 在职人数 控制率 40 38"}).rows.empty());
}

}  // namespace
}  // namespace jixiao
