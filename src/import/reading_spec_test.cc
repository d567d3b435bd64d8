// Reading specs: a header → a field, a funds row label → a key, and the choice of a layout by
// signature words (import/reading_spec.h).
#include "import/reading_spec.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

ReadingSpec Spec(std::string id, std::vector<std::string> signature) {
  ReadingSpec s;
  s.form_id = std::move(id);
  for (const std::string& w : signature) s.signature.push_back(FoldWording(w));
  return s;
}

FlatDocument Table(std::vector<std::vector<std::string>> rows) {
  FlatDocument doc;
  FlatBlock block;
  block.kind = FlatBlock::Kind::kTable;
  for (const auto& texts : rows) {
    FlatRow row;
    for (const std::string& t : texts) {
      FlatCell c;
      c.text = t;
      c.column = static_cast<int>(row.cells.size());
      row.cells.push_back(c);
    }
    block.table.rows.push_back(row);
  }
  doc.blocks.push_back(block);
  return doc;
}

TEST(ReadingSpec, FoldsAsTheRecognizerDoes) {
  EXPECT_EQ(FoldWording("年初预算数\n（A）"), "年初预算数(A)");
  EXPECT_EQ(FoldWording("  全年执行数（B） "), "全年执行数(B)");
}

TEST(ReadingSpec, ColumnByTheFormsWording) {
  ReadingSpec s;
  s.funds_columns = {{"initial_budget", {"计划安排数"}}, {"executed", {"执行数"}}};
  const std::vector<std::string> keys = {"资金来源", "计划安排数", "全年执行数", "实际支出数"};
  EXPECT_EQ(SpecColumn(&s, s.funds_columns, "initial_budget", keys), 1);
  EXPECT_EQ(SpecColumn(&s, s.funds_columns, "executed", keys), 2);  // contained in 全年执行数
  // A wording that is a whole cell wins over one contained in an earlier cell.
  s.funds_columns[1].second = {"执行数", "实际支出数"};
  EXPECT_EQ(SpecColumn(&s, s.funds_columns, "executed", keys), 3);
  EXPECT_EQ(SpecColumn(&s, s.funds_columns, "score", keys), -1);
  EXPECT_EQ(SpecColumn(nullptr, s.funds_columns, "initial_budget", keys), -1);
}

TEST(ReadingSpec, FundsRowKeyIgnoresQizhong) {
  ReadingSpec s;
  s.funds_rows = {{"current_appropriation", {"其中:本年财政拨款"}}, {"other", {"自筹资金"}}};
  EXPECT_EQ(SpecFundsRowKey(&s, "其中:本年财政拨款"), "current_appropriation");
  EXPECT_EQ(SpecFundsRowKey(&s, "本年财政拨款"), "current_appropriation");
  EXPECT_EQ(SpecFundsRowKey(&s, "其中自筹资金"), "other");
  EXPECT_EQ(SpecFundsRowKey(&s, "上年结转资金"), "");
  EXPECT_EQ(SpecFundsRowKey(nullptr, "本年财政拨款"), "");
}

TEST(ReadingSpec, ChoosesTheLargestShareThenTheMostWords) {
  const FlatDocument doc =
      Table({{"部门（单位）名称", "某单位"},
             {"年度资金", "资金来源", "年初预算数（A）", "全年执行数（B）", "分值", "得分"},
             {"得分计算方法", "执行率×分值"}});
  const std::vector<ReadingSpec> specs = {
      Spec("wide", {"部门（单位）名称", "年度资金总额", "偏差原因分析及改进措施"}),
      Spec("guizhou", {"年初预算数（A）", "全年执行数（B）", "得分计算方法", "资金来源"}),
      Spec("three", {"年初预算数(A)", "全年执行数(B)", "得分计算方法"}),
      Spec("none", {"区级预算部门名称"}),
      Spec("few", {"得分计算方法", "得分系数", "权重"})};
  const std::optional<LayoutMatch> m = ChooseLayout(specs, doc);
  ASSERT_TRUE(m.has_value());
  // guizhou and three both find all their words; guizhou finds more.
  EXPECT_EQ(m->spec->form_id, "guizhou");
  EXPECT_EQ(m->found.size(), 4u);
  EXPECT_EQ(m->found[0], "年初预算数(A)");
  EXPECT_EQ(MatchLayout(specs[0], doc).found.size(), 1u);
  EXPECT_TRUE(MatchLayout(specs[3], doc).found.empty());
  // Fewer than half of a form's words is no sign of its layout: 1 of 3 is not a candidate.
  EXPECT_EQ(MatchLayout(specs[4], doc).found.size(), 1u);
  EXPECT_FALSE(ChooseLayout({specs[0], specs[4]}, doc).has_value());
}

TEST(ReadingSpec, NoWordFoundNoChoice) {
  const FlatDocument doc = Table({{"一级指标", "二级指标", "三级指标"}});
  EXPECT_FALSE(ChooseLayout({Spec("a", {"得分系数"}), Spec("b", {})}, doc).has_value());
  // Paragraphs are not tables: a title alone chooses nothing.
  FlatDocument prose;
  FlatBlock p;
  p.paragraph.text = "得分系数";
  prose.blocks.push_back(p);
  EXPECT_FALSE(ChooseLayout({Spec("a", {"得分系数"})}, prose).has_value());
}

TEST(ReadingSpec, EachFormFindsItsWordsInOnePassOverTheCells) {
  // Full-width wording folds before it is compared; cells of ASCII alone are still compared
  // when a form's word is ASCII; each form's words come back in the form's order.
  const FlatDocument doc =
      Table({{"123.45", "ＫＰＩ", "年初预算数\n（Ａ）"}, {"B-2", "得分系数", "98.25%"}});
  const std::vector<ReadingSpec> specs = {Spec("a", {"得分系数", "年初预算数(A)", "自评得分"}),
                                          Spec("b", {"B-2", "KPI"}), Spec("c", {"98.25"})};
  const LayoutMatch a = MatchLayout(specs[0], doc);
  EXPECT_EQ(a.found, (std::vector<std::string>{"得分系数", "年初预算数(A)"}));
  EXPECT_EQ(a.total, 3u);
  EXPECT_EQ(MatchLayout(specs[1], doc).found, (std::vector<std::string>{"B-2", "KPI"}));
  EXPECT_EQ(MatchLayout(specs[2], doc).found, (std::vector<std::string>{"98.25"}));
  const std::optional<LayoutMatch> best = ChooseLayout(specs, doc);
  ASSERT_TRUE(best.has_value());
  EXPECT_EQ(best->spec->form_id, "b");  // 2 of 2 before 1 of 1 and 2 of 3
}

}  // namespace
}  // namespace jixiao
