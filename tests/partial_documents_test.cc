// Partial documents through the command line: a report-only, a table-only and a 自评表-only
// text are checked for what they hold. When what they hold is clean, `check` exits 0 with
// one info note (I603) per absent part and no "field blank" error for the parts that are not
// there; when the part that is there has a real problem, `check` finds it and exits 1. The
// imported package records the absent parts ("parts") and reads back the same.
#include <gtest/gtest.h>

#include <string>

#include "tests/cli_run.h"

namespace jixiao {
namespace {

using testing::CliRun;
using testing::RunJixiao;
using testing::TempFolder;

int Occurrences(const std::string& text, const std::string& word) {
  int n = 0;
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
  return n;
}

// A report of ten sections, in the shape published reports have (own words, made-up figures).
std::string Report(const std::string& date_line) {
  return "某县统计局2023年度部门整体支出绩效自评报告\n"
         "部门（单位）名称：某县统计局\n" +
         date_line +
         "一、基本情况\n"
         "（一）单位基本情况\n"
         "本局核定编制12名，实有干部职工15人，其中在职人员11人，退休人员4人。\n"
         "（二）支出情况\n"
         "2023年支出合计210.40万元，全年完成各项统计调查任务。\n"
         "二、一般公共预算支出情况\n"
         "本年基本支出150.20万元，项目支出60.20万元。\n"
         "三、政府性基金预算支出情况\n无。\n"
         "四、国有资本经营预算支出情况\n无。\n"
         "五、社会保险基金预算支出情况\n无。\n"
         "六、部门整体支出绩效情况\n各项统计调查按期完成，数据按时发布。\n"
         "七、存在的问题及原因分析\n个别调查项目进度偏慢。\n"
         "八、下一步改进措施\n提前安排调查计划。\n"
         "九、绩效自评结果拟应用和公开情况\n在本局网站公开。\n"
         "十、其他需要说明的情况\n无。\n";
}

// A basic data table whose figures agree.
std::string DataTable(const std::string& control_rate) {
  return "附件1 2023年度部门整体支出绩效评价基础数据表\n"
         "| 财政供养人员情况（人） | 编制数 | 2023年实际在职人数 | 控制率 |\n"
         "| | 12 | 11 | " +
         control_rate +
         " |\n"
         "| 经费控制情况（万元） | 2022年决算数 | 2023年预算数 | 2023年决算数 |\n"
         "| 一、部门基本支出 | 140.00 | 152.00 | 150.20 |\n"
         "| 其中：公用经费 | 20.00 | 22.00 | 21.50 |\n"
         "| 三公经费 | 1.20 | 1.00 | 0.90 |\n"
         "| 3.公务接待 | 1.20 | 1.00 | 0.90 |\n"
         "| 二、项目支出小计 | 60.00 | 62.00 | 60.20 |\n"
         "| 1.统计调查专项 | 60.00 | 62.00 | 60.20 |\n";
}

class PartialDocuments : public ::testing::Test {
 protected:
  CliRun Check(const std::string& name, const std::string& text) {
    const std::string path = tmp_.Put(name, text);
    return RunJixiao("--lang en check '" + path + "'", tmp_);
  }
  TempFolder tmp_;
};

TEST_F(PartialDocuments, ReportOnlyClean) {
  const CliRun r = Check("report.txt", Report("报告日期：2024年3月12日\n"));
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(Occurrences(r.out, " error "), 0) << r.out;
  EXPECT_EQ(Occurrences(r.out, "info I603"), 2) << r.out;
  EXPECT_EQ(Occurrences(r.out, "C501"), 0) << r.out;
}

TEST_F(PartialDocuments, ReportOnlyWithARealProblem) {
  // No date on the cover, and section 七 left out.
  std::string text = Report("");
  const size_t at = text.find("七、");
  text.erase(at, text.find("八、") - at);
  const CliRun r = Check("report.txt", text);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(Occurrences(r.out, "error C501"), 1) << r.out;  // the cover's date, nothing else
  EXPECT_NE(r.out.find("The report's cover has no date."), std::string::npos) << r.out;
  EXPECT_EQ(Occurrences(r.out, "C507"), 1) << r.out;
}

TEST_F(PartialDocuments, TableOnlyClean) {
  const CliRun r = Check("table.txt", DataTable("91.67%"));
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(Occurrences(r.out, " error "), 0) << r.out;
  EXPECT_EQ(Occurrences(r.out, "info I603"), 2) << r.out;
  EXPECT_EQ(Occurrences(r.out, "C507"), 0) << r.out;
}

TEST_F(PartialDocuments, TableOnlyWithAWrongRate) {
  const CliRun r = Check("table.txt", DataTable("95%"));  // 11 ÷ 12 = 91.67%
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(Occurrences(r.out, "R201"), 1) << r.out;
  EXPECT_EQ(Occurrences(r.out, "C501"), 0) << r.out;
}

// The 自评表 alone, national weights, one indicator short of its target and explained.
std::string ScoreTable(const std::string& total_score) {
  return "2023年度部门整体支出绩效自评表\n"
         "| 部门（单位）名称 | 某县统计局 |\n"
         "| 年度资金总额 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
         "| 年度资金总额 | 200.00 | 210.00 | 199.50 | 10 | 95.00% | 9.50 |\n"
         "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |\n"
         "| 产出指标（50分） | 数量指标 | 完成统计调查项目 | ≥12项 | 11项 | 50 | 45.83 | "
         "一项调查因上级部署调整推迟至次年 |\n"
         "| 效益指标（30分） | 社会效益 | 统计数据按时发布率 | 100% | 100% | 30 | 30 | |\n"
         "| 满意度指标（10分） | 服务对象满意度 | 数据使用单位满意度 | ≥90% | 95% | 10 | 10 | |\n"
         "| 总分 | 100 | " +
         total_score + " |\n";
}

TEST_F(PartialDocuments, ScoreTableOnlyClean) {
  const CliRun r = Check("score.txt", ScoreTable("95.33"));
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(Occurrences(r.out, " error "), 0) << r.out;
  EXPECT_EQ(Occurrences(r.out, "info I603"), 2) << r.out;
}

TEST_F(PartialDocuments, ScoreTableOnlyWithAWrongTotal) {
  const CliRun r = Check("score.txt", ScoreTable("99.50"));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(Occurrences(r.out, "S306"), 1) << r.out;  // the total score
  EXPECT_EQ(Occurrences(r.out, "C501"), 0) << r.out;
}

// The imported package says which parts are absent, and a package read back keeps it.
TEST_F(PartialDocuments, ImportRecordsAbsentParts) {
  const std::string path = tmp_.Put("report.txt", Report("报告日期：2024年3月12日\n"));
  const std::string json = tmp_ / "report.json";
  CliRun r = RunJixiao("--lang en import '" + path + "' -o '" + json + "'", tmp_);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string written = testing::ReadWhole(json);
  EXPECT_NE(written.find("\"parts\": {\n    \"basic_data\": \"absent\",\n    \"evaluation\": "
                         "\"absent\",\n    \"report\": \"present\"\n  }"),
            std::string::npos)
      << written;
  r = RunJixiao("--lang en check '" + json + "'", tmp_);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(Occurrences(r.out, "C501"), 0) << r.out;
}

// A hand-made package states its parts or not; a value other than present/absent is refused
// at its place.
TEST_F(PartialDocuments, PartsInAHandMadePackage) {
  const std::string base = R"({"schema": "jixiao.package/1", "rulebook": "national", )";
  std::string path = tmp_.Put("p.json", base + R"("parts": {"report": "gone"}})");
  CliRun r = RunJixiao("--lang en check '" + path + "'", tmp_);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "jixiao: " + path +
                       ":1:76: /parts/report: unknown value \"gone\"; expected \"present\", "
                       "\"absent\", \"cut\" or \"piece\"\n");
  // Without "parts" every part is present and checked: the report's blank cover is an error.
  path = tmp_.Put("q.json", base + R"("fiscal_year": 2023})");
  r = RunJixiao("--lang en check '" + path + "'", tmp_);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("The report's cover has no date."), std::string::npos) << r.out;
  // The same package with the report absent is not blamed for it.
  path = tmp_.Put("s.json", base + R"("fiscal_year": 2023, "parts": {"report": "absent"}})");
  r = RunJixiao("--lang en check '" + path + "'", tmp_);
  EXPECT_EQ(r.out.find("The report's cover has no date."), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("C507"), std::string::npos) << r.out;
}

// Nothing recognisable at all: refused, saying what was looked for.
TEST_F(PartialDocuments, NothingRecognisableIsRefusedNamingWhatWasLookedFor) {
  const std::string path = tmp_.Put("notes.txt", "会议记录\n今天讨论了下周的工作安排。\n");
  const CliRun r =
      RunJixiao("--lang en import '" + path + "' -o '" + (tmp_ / "x.json") + "'", tmp_);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "jixiao: " + path +
                       ": not a self-evaluation package: the file holds no table; no basic data "
                       "table (a header with 编制数, or 预算数 and 决算数), no self-evaluation "
                       "table (a header with 年初预算数 and 执行数, or 一级指标 and 三级指标) and "
                       "no report (numbered sections 一、…, or a title with 报告) was found\n");
}

// A form's header words are there but their table cannot be read (cells run together, as OCR
// of a preview gives them): refused, saying where the words are and why nothing was read.
TEST_F(PartialDocuments, HeaderWordsWithoutATableAreRefusedSayingWhere) {
  const std::string path = tmp_.Put(
      "glued.txt",
      "某单位自评表\n"
      "指标名称计量单位指标性质年初指标值实际完成值得分系数(%)指标权重(分)指标得分(分)"
      "某某完成率%定量指标100%98%100%55\n");
  const CliRun r =
      RunJixiao("--lang en import '" + path + "' -o '" + (tmp_ / "x.json") + "'", tmp_);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "jixiao: " + path +
                       ": not imported: line 2 holds the header words of a self-evaluation form "
                       "(指标名称, 实际完成值, 得分系数, 指标权重), but its cells run together "
                       "without separators (OCR, or a copy that lost the table's structure) and "
                       "which column each figure belongs to cannot be told, so no table was read; "
                       "import the original Word, Excel or PDF file, or separate the table's "
                       "cells with tabs\n");
}

}  // namespace
}  // namespace jixiao
