// Tests of the cutting of tables glued without separators (import/glued_cells.h), alone and
// through the text reader and the recognizer. The texts are written for these tests.
#include "import/glued_cells.h"

#include <gtest/gtest.h>

#include <string>

#include "import/recognize.h"
#include "import/text_reader.h"

namespace jixiao {
namespace {

using Views = std::vector<std::string_view>;

TEST(GluedCells, FiguresCutByTheRowsArithmetic) {
  // 80.5 ÷ 80.5 = 100 %: only one cut of "80.580.5100%" has its rate right.
  const std::vector<Views> cuts =
      GluedFigureCuts("80.580.5100%", {"全年预算数", "全年执行数", "执行率"});
  ASSERT_EQ(cuts.size(), 1u);
  EXPECT_EQ(cuts[0], (Views{"80.5", "80.5", "100%"}));
  // 15.0 of 30 is 50.0 % (and 5 of 3015.0 is 0.2 %, not 0.0 %).
  const std::vector<Views> half =
      GluedFigureCuts("3015.050.0%", {"年初预算数", "执行数", "执行率"});
  ASSERT_EQ(half.size(), 1u);
  EXPECT_EQ(half[0], (Views{"30", "15.0", "50.0%"}));
  // A whole-percent rate may hold both ways: 12.5 of 25 is 50 %, 5 of 2512.5 rounds to 0 %.
  EXPECT_EQ(GluedFigureCuts("2512.550%", {"年初预算数", "执行数", "执行率"}).size(), 2u);
}

TEST(GluedCells, AmbiguousCutsAreNotChosen) {
  // Without a rate, "1010" is 10 | 10, 1 | 010 (no: a leading zero), 101 | 0 …: several cuts.
  EXPECT_GT(GluedFigureCuts("1010", {"预算数", "执行数"}).size(), 1u);
  // No cut has a rate that follows from its amounts.
  EXPECT_TRUE(GluedFigureCuts("5050.99%", {"全年预算数", "全年执行数", "执行率"}).empty());
  // Not a figure run at all.
  EXPECT_TRUE(GluedFigureCuts("%%", {"全年预算数", "全年执行数", "执行率"}).empty());
}

TEST(GluedCells, LineCutIntoHeaderAndRows) {
  const Views cells = GluedTableCells(
      "某项目自评表项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额80.580.5100%"
      "其中:财政拨款60.560.5100%年度总体目标按期完成全部建设内容并通过验收");
  EXPECT_EQ(cells, (Views{"某项目自评表项目资金(万元)", "全年预算数(A)", "全年执行数(B)",
                          "执行率(B/A)", "年度资金总额", "80.5", "80.5", "100%", "其中:财政拨款",
                          "60.5", "60.5", "100%", "年度总体目标按期完成全部建设内容并通过验收"}));
}

TEST(GluedCells, AmbiguousRunLeftWhole) {
  // 分值 and 得分 without a rate: "1010" could be cut several ways and is not cut.
  const Views cells = GluedTableCells("资金情况预算数执行数分值得分合计20.520.51010");
  ASSERT_GE(cells.size(), 2u);
  EXPECT_EQ(cells.back(), "20.520.51010");
}

TEST(GluedCells, OtherLinesLeftAlone) {
  EXPECT_TRUE(GluedTableCells("全年预算数执行率达到百分之九十五以上").empty());  // two words
  EXPECT_TRUE(GluedTableCells("年初预算数 全年预算数 全年执行数 分值 执行率 得分").empty());
  EXPECT_TRUE(GluedTableCells("本年度预算执行情况良好。").empty());
}

TEST(GluedCells, RecognizedAsTheFunds) {
  Result<FlatDocument> doc = ReadText(
      "2021年度专项资金绩效自评表专项资金名称某项目项目资金(万元)全年预算数(A)全年执行数(B)"
      "执行率(B/A)年度资金总额80.580.5100%其中:财政拨款60.560.5100%年度总体目标按期完成全部建设内容"
      "并通过验收\n",
      "g.txt");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const ImportResult r = Recognize(*doc);
  const Funds& f = r.package.evaluation.funds;
  EXPECT_EQ(f.full_year_budget.Display(), "80.5");
  EXPECT_EQ(f.executed.Display(), "80.5");
  EXPECT_EQ(f.execution_rate.Display(), "100%");
  // The form has no 年初预算数, 分值 or 得分 column.
  EXPECT_EQ(f.initial_budget.kind, Cell::Kind::kNotApplicable);
  EXPECT_EQ(f.score.kind, Cell::Kind::kNotApplicable);
}

// 重庆's block: 全年（调整）预算数 with whatever OCR made of its note, 执行率权重 and 执行率得分 as
// words of their own; a row whose amounts the OCR lost is cut under the last columns, only
// where its score is its weight times its rate (10 × 76 % = 7.6, not 10.7 and 6).
TEST(GluedCells, ChongqingBlockWithItsAmountsLost) {
  const Views cells = GluedTableCells(
      "部门预算执行情况年初预算数全年(If整)预算数全年执行数执行率(%)执行率权重执行率得分(分)"
      "O76%107.6当年绩效目标");
  EXPECT_EQ(cells, (Views{"部门预算执行情况", "年初预算数", "全年(If整)预算数", "全年执行数",
                          "执行率(%)", "执行率权重", "执行率得分(分)", "O", "76%", "10", "7.6",
                          "当年绩效目标"}));
  // Without the arithmetic to confirm them, last columns are not guessed.
  EXPECT_TRUE(GluedFigureCuts("76%107.7", {"年初预算数", "全年预算数", "全年执行数", "执行率",
                                           "执行率权重", "执行率得分"})
                  .empty());
}

// 重庆's block read from text: the one row under the header is the total, whatever the OCR
// left of its label.
TEST(GluedCells, ChongqingBlockRecognizedAsTheFunds) {
  Result<FlatDocument> doc = ReadText(
      "部门整体绩效自评表部门预算执行情况年初预算数全年(调整)预算数全年执行数执行率(%)执行率权重"
      "执行率得分(分)O76%107.6当年绩效目标\n",
      "g.txt");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const ImportResult r = Recognize(*doc);
  const Funds& f = r.package.evaluation.funds;
  EXPECT_EQ(f.execution_rate.Display(), "76%");
  EXPECT_EQ(f.weight.Display(), "10");
  EXPECT_EQ(f.score.Display(), "7.6");
  EXPECT_TRUE(f.full_year_budget.blank());
}

}  // namespace
}  // namespace jixiao
