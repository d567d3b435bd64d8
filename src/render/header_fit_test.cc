#include "render/header_fit.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

// 12 pt (24 half points): 1 em is 4.23 mm. A column holds `ems` when it is that wide plus the
// 2 × 1 mm padding and the sixth of an em kept free.
constexpr int kSize = 24;
int ColumnFor(double ems) { return static_cast<int>(20 + (ems + 1.0 / 6) * 42.34 + 1); }

TEST(FitHeaderText, BreaksBetweenWordsIntoEvenLines) {
  EXPECT_EQ(FitHeaderText("全年预算数", ColumnFor(4), kSize), "全年\n预算数");
  EXPECT_EQ(FitHeaderText("一级指标", ColumnFor(2), kSize), "一级\n指标");
  EXPECT_EQ(FitHeaderText("实际完成值", ColumnFor(4), kSize), "实际\n完成值");
  EXPECT_EQ(FitHeaderText("2024年实际在职人数", ColumnFor(7), kSize), "2024年实际\n在职人数");
  EXPECT_EQ(FitHeaderText("偏差原因分析及改进措施", ColumnFor(6), kSize),
            "偏差原因分析\n及改进措施");
}

TEST(FitHeaderText, LeavesWhatFitsAndKeepsPunctuationWithItsWord) {
  EXPECT_EQ(FitHeaderText("分值", ColumnFor(2), kSize), "分值");
  EXPECT_EQ(FitHeaderText("全年预算数", ColumnFor(5), kSize), "全年预算数");
  const std::string fitted = FitHeaderText("预算投资（万元）", ColumnFor(4), kSize);
  EXPECT_EQ(fitted, "预算投资\n（万元）");
  // No line starts with a closing bracket or ends with an opening one.
  for (const char* text : {"批复规模（㎡）", "执行率（%）", "项目支出（万元）"}) {
    const std::string f = FitHeaderText(text, ColumnFor(3), kSize);
    EXPECT_EQ(f.find("\n）"), std::string::npos) << f;
    EXPECT_EQ(f.find("（\n"), std::string::npos) << f;
  }
  // Lines the form broke are fitted one by one; nothing changes without a width or a size.
  EXPECT_EQ(FitHeaderText("年初\n预算数", ColumnFor(3), kSize), "年初\n预算数");
  EXPECT_EQ(FitHeaderText("全年预算数", 0, kSize), "全年预算数");
  EXPECT_EQ(FitHeaderText("全年预算数", ColumnFor(2), 0), "全年预算数");
}

// A line that fills the cell to within a sixth of an em is wrapped by pango and LibreOffice
// anyway ("批复/规/模" in the 零陵 基础数据表's 17 mm column at 五号): broken between words first.
TEST(FitHeaderText, ALineThatOnlyJustFitsIsBrokenBetweenWords) {
  EXPECT_EQ(FitHeaderText("批复规模", 170, 21), "批复\n规模");
  EXPECT_EQ(FitHeaderText("批复规模", 180, 21), "批复规模");
}

TEST(FitHeaderText, AWordWiderThanTheColumnIsCutEvenly) {
  EXPECT_EQ(FitHeaderText("规模控制率", ColumnFor(3), kSize).find('\n') != std::string::npos, true);
  const std::string cut = FitHeaderText("控制率", ColumnFor(1), kSize);
  EXPECT_EQ(cut, "控\n制\n率");
}

TEST(FitHeader, ShrinksRatherThanLeaveOneCharacterOfAWord) {
  // "执行率" in a column that holds 2.5 ems: "执行/率" at 12 pt, one line at 10 pt.
  const FittedHeader f = FitHeader("执行率", ColumnFor(2.5), kSize);
  EXPECT_EQ(f.text, "执行率");
  EXPECT_GE(f.size_half_points, 18);
  EXPECT_LT(f.size_half_points, kSize);
  // What fits, or breaks between whole words, keeps the font's size.
  EXPECT_EQ(FitHeader("全年预算数", ColumnFor(4), kSize).size_half_points, 0);
  EXPECT_EQ(FitHeader("分值", ColumnFor(4), kSize).size_half_points, 0);
}

}  // namespace
}  // namespace jixiao
