// Tests of the page furniture, site chrome and OCR repairs of import/text_noise.h: what is
// taken out or repaired, and the look-alikes that must be left as they are.
#include "import/text_noise.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

using Why = FlatSkipped::Why;

TEST(TextNoise, PageNumbers) {
  for (const char* line :
       {"第 3 页 共 12 页", "第3页/共12页", "第３页，共１２页", "- 3 -", "— 12 —", "3/12",
        "  12 / 12  ", "共12页 第3页", "第 7 页", "Page 3 of 12"}) {
    EXPECT_EQ(NotContent(line), Why::kPageNumber) << line;
  }
  // Figures, dates and headings stay: a bare number, a fraction larger than one, a date.
  for (const char* line : {"3", "12/3", "-3", "2024/5/18", "第三页", "第3部分", "3/12万元",
                           "\t- 3 -", "一、基本情况"}) {
    EXPECT_EQ(NotContent(line), std::nullopt) << line;
  }
}

TEST(TextNoise, SiteChrome) {
  for (const char* line :
       {"打印本页", "【打印本页】 【关闭窗口】", "打印本页 | 关闭窗口", "【字体：大 中 小】",
        "发布时间：2024-04-10 09:30 来源：县财政局 浏览次数：128", "来源：财务科", "浏览次数：56",
        "分享到：", "扫一扫在手机打开当前页", "[ 打印 ]"}) {
    EXPECT_EQ(NotContent(line), Why::kSiteChrome) << line;
  }
  for (const char* line : {"资金来源：一般公共预算", "打印机购置费", "关闭",
                           "本单位关闭窗口单位2个", "来源于上级补助"}) {
    // "关闭" alone is a chrome word; the others are content.
    EXPECT_EQ(NotContent(line) == Why::kSiteChrome, std::string(line) == "关闭") << line;
  }
}

TEST(TextNoise, FiguresRepairedOnlyWhenCertain) {
  EXPECT_EQ(RepairFigure("1OO%"), "100%");
  EXPECT_EQ(RepairFigure("9O.5"), "90.5");
  EXPECT_EQ(RepairFigure("l0"), "10");
  EXPECT_EQ(RepairFigure("12I.5"), "121.5");
  EXPECT_EQ(RepairFigure("1 2 4.88"), "124.88");
  EXPECT_EQ(RepairFigure("95 %"), "95%");
  EXPECT_EQ(RepairFigure("1 0 万元"), "10万元");
  EXPECT_EQ(RepairFigure("3 人"), std::nullopt);           // read as it is: blanks around a figure
  EXPECT_EQ(RepairFigure("１２ ４.８８"), std::nullopt);   // "12" is two digits: maybe two cells
  EXPECT_EQ(RepairFigure("153.53 127.10"), std::nullopt);  // two figures
  EXPECT_EQ(RepairFigure("8 7"), std::nullopt);
  // A whole cell (a tab or '|' cell): its digits are one figure, its figures are not.
  EXPECT_EQ(RepairFigure("8 7", /*delimited=*/true), "87");
  EXPECT_EQ(RepairFigure("2 5", /*delimited=*/true), "25");
  EXPECT_EQ(RepairFigure("12 4.88", /*delimited=*/true), "124.88");
  EXPECT_EQ(RepairFigure("153.53 127.10", /*delimited=*/true), std::nullopt);
  EXPECT_EQ(RepairFigure("98% 9.8", /*delimited=*/true), std::nullopt);
  EXPECT_EQ(RepairFigure("124.88"), std::nullopt);  // nothing to repair
  EXPECT_EQ(RepairFigure("IO"), std::nullopt);      // no digit: a word
  EXPECT_EQ(RepairFigure("Total 1O"), std::nullopt);
  EXPECT_EQ(RepairFigure("编制 1 个"), std::nullopt);
}

TEST(TextNoise, TargetsRepairedOnlyWhenCertain) {
  EXPECT_EQ(RepairTarget("=<5%"), "≤5%");
  EXPECT_EQ(RepairTarget("＝＜5%"), "≤5%");
  EXPECT_EQ(RepairTarget("=>9O%"), "≥90%");
  EXPECT_EQ(RepairTarget("≥9O%"), "≥90%");
  EXPECT_EQ(RepairTarget("1OO%"), "100%");
  // Q stands for ≥ or ≤: not certain here (model/target.h reads it and says it guessed).
  EXPECT_EQ(RepairTarget("Q95%"), std::nullopt);
  EXPECT_EQ(RepairTarget("≥95%"), std::nullopt);
  EXPECT_EQ(RepairTarget("<=3%"), std::nullopt);  // read as written
  EXPECT_EQ(RepairTarget("≥IO项"), std::nullopt);
}

TEST(TextNoise, FiguresAndMarkers) {
  EXPECT_TRUE(IsFigure(" 124.88万元 "));
  EXPECT_TRUE(IsFigure("３,７２４,０５５.００"));
  EXPECT_TRUE(IsFigure("98.25%"));
  EXPECT_FALSE(IsFigure("7次"));
  EXPECT_TRUE(IsEmptyMarker("——"));
  EXPECT_FALSE(IsEmptyMarker("无"));
  EXPECT_EQ(Compact(" 年 初　预算数（万元）\n"), "年初预算数(万元)");
}

}  // namespace
}  // namespace jixiao
