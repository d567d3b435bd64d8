// Tests for indicator rows run together on one line (import/indicator_runs.h).
#include "import/indicator_runs.h"

#include <gtest/gtest.h>

#include <string>

namespace jixiao {
namespace {

std::string Row(const IndicatorRunRow& r) {
  return std::string(r.level1) + "|" + std::string(r.level2) + "|" + std::string(r.name) + "|" +
         std::string(r.target) + "|" + std::string(r.weight);
}

// The tail of a project table as a page keeps it: groups glued to the names where they change,
// and the 合计 and 评价结论 after the rows. Figures made up.
TEST(IndicatorRuns, ReadsTheRowsOfATailAndLeavesWhatFollows) {
  const IndicatorRun run = ReadIndicatorRun(
      "产出指标数量指标补助发放人数≥120人 20 覆盖村数=8个 20 时效指标资金拨付时间≤30天 20 "
      "效益指标社会效益指标受助对象满意度≥90% 30 合计100 评价结论按期完成。");
  ASSERT_EQ(run.rows.size(), 4u);
  EXPECT_EQ(Row(run.rows[0]), "产出指标|数量指标|补助发放人数|≥120人|20");
  EXPECT_EQ(Row(run.rows[1]), "||覆盖村数|=8个|20");
  EXPECT_EQ(Row(run.rows[2]), "|时效指标|资金拨付时间|≤30天|20");
  EXPECT_EQ(Row(run.rows[3]), "效益指标|社会效益指标|受助对象满意度|≥90%|30");
  EXPECT_EQ(run.before, "");
  EXPECT_EQ(run.after, "合计100 评价结论按期完成。");
}

TEST(IndicatorRuns, TextBeforeTheRunIsKeptApart) {
  const IndicatorRun run = ReadIndicatorRun(
      "（续表） 满意度指标服务对象满意度指标群众满意度＞85% 5分 投诉件数＜3件 5分");
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.before, "（续表）");
  EXPECT_EQ(Row(run.rows[0]), "满意度指标|服务对象满意度指标|群众满意度|＞85%|5分");
  EXPECT_EQ(Row(run.rows[1]), "||投诉件数|＜3件|5分");
  EXPECT_EQ(run.after, "");
}

// A sentence that quotes a target and a figure is no run: it does not open with a group, or
// holds one row only, or its "weight" is not a 分值.
TEST(IndicatorRuns, SentencesAndSingleRowsAreNoRun) {
  for (const char* line : {
           "产出指标数量指标培训人次≥200人次 10",                     // one row
           "验收合格率≥95% 10 群众满意度≥90% 10",                      // no group opens it
           "产出指标数量指标培训人次≥200人次 120 满意度≥90% 10",        // 120 is no 分值
           "产出指标数量指标培训人次≥200人次 10.125 满意度≥90% 10",     // three decimals
           "产出指标数量指标完成率≥95%，较上年提高 10 满意度≥90% 10",   // a sentence's comma
           "产出指标数量指标完成率≥九成 10 满意度≥90% 10",              // no figure after ≥
           "产出指标数量指标完成率≥95%以上的乡镇 10 满意度≥90% 10",     // a unit of 6 characters
           "产出指标数量指标2个村≥95% 10 满意度≥90% 10",                // a figure in the name
           "",
           "指标",
       }) {
    EXPECT_TRUE(ReadIndicatorRun(line).rows.empty()) << line;
  }
}

TEST(IndicatorRuns, ARunStopsAtTheFirstPairThatIsNotARow) {
  const IndicatorRun run = ReadIndicatorRun(
      "产出指标质量指标合格率=100% 25 及时率=100% 25 另有说明 25 满意度≥90% 25");
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.after, "另有说明 25 满意度≥90% 25");
}

}  // namespace
}  // namespace jixiao
