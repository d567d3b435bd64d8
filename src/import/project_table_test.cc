// Tests of project tables (项目支出绩效自评表): a table that names a 项目名称, its 主管部门 and
// 实施单位 makes a project package, read from text and from DOCX alike; the project rulebook is
// chosen for it, with the reason; it scores under national-project; and the checks that only
// make sense for a department (基础数据表 rows, 三公, the report's ten sections) stay silent.
#include <gtest/gtest.h>
#include <zip.h>

#include <deque>
#include <string>
#include <vector>

#include "base/lang.h"
#include "check/checker.h"
#include "compute/scoring.h"
#include "import/importer.h"
#include "import/recognize.h"
#include "import/text_reader.h"
#include "model/package_json.h"

namespace jixiao {
namespace {

// The national 2021 template of a project table, one row per line, tabs between cells. The
// layout is that of published 项目支出绩效自评表 (a 安徽 town's 2022 table among them); the
// project and its figures are made up for this test.
const std::vector<std::vector<std::string>> kRows = {
    {"项目名称", "农村实用技术培训"},
    {"主管部门", "某县科学技术协会", "实施单位", "某县科普服务中心"},
    {"项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"},
    {"年度资金总额", "20.00", "20.00", "19.20", "10", "96.00%", "9.6"},
    {"年度总体目标", "预期目标", "实际完成情况"},
    {"", "举办培训8期，培训农民400人次。", "举办培训9期，培训农民430人次。"},
    {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
     "偏差原因分析及改进措施"},
    {"产出指标（50分）", "数量指标", "举办培训期数", "≥8期", "9期", "25", "25", ""},
    {"", "质量指标", "培训合格率", "≥90%", "95%", "25", "25", ""},
    {"效益指标（30分）", "社会效益指标", "受训农民增收技能掌握率", "≥80%", "72%", "30", "27",
     "部分学员年龄偏大，掌握较慢；下年增加实操课时。"},
    {"满意度指标（10分）", "服务对象满意度指标", "受训农民满意度", "≥90%", "96%", "10", "10", ""},
    {"总分", "100", "96.6"},
};

std::string TextDocument() {
  std::string text = "2023年度项目支出绩效自评表\n";
  // One row per line, each cell after a tab, a blank line ending the row (as Word saves it).
  for (const auto& row : kRows) {
    for (const std::string& cell : row) text += "\t" + (cell.empty() ? "\u3000" : cell);
    text += "\n\n";
  }
  return text;
}

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

std::string Paragraph(const std::string& text) {
  return "<w:p><w:r><w:t xml:space=\"preserve\">" + Escape(text) + "</w:t></w:r></w:p>";
}

// The same table as a Word document, built with libzip around hand-written WordprocessingML.
std::string DocxDocument() {
  std::string body = Paragraph("2023年度项目支出绩效自评表") + "<w:tbl>";
  for (const auto& row : kRows) {
    body += "<w:tr>";
    for (const std::string& cell : row) body += "<w:tc>" + Paragraph(cell) + "</w:tc>";
    body += "</w:tr>";
  }
  body += "</w:tbl>";
  const std::string document =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      "<w:body>" +
      body + "</w:body></w:document>";
  const std::string types =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
      "</Types>";
  const std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
      "</Relationships>";
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(source);
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  const std::pair<const char*, const std::string*> members[] = {
      {"[Content_Types].xml", &types}, {"_rels/.rels", &rels}, {"word/document.xml", &document}};
  for (const auto& [name, bytes] : members) {
    zip_source_t* s = zip_source_buffer(archive, bytes->data(), bytes->size(), 0);
    EXPECT_GE(zip_file_add(archive, name, s, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(archive), 0);
  zip_stat_t st;
  EXPECT_EQ(zip_source_stat(source, &st), 0);
  EXPECT_EQ(zip_source_open(source), 0);
  std::string out(st.size, '\0');
  EXPECT_EQ(zip_source_read(source, out.data(), out.size()), static_cast<zip_int64_t>(st.size));
  zip_source_close(source);
  zip_source_free(source);
  zip_error_fini(&error);
  return out;
}

ImportResult Import(const std::string& bytes, const std::string& name) {
  Result<FlatDocument> doc = ReadDocument(bytes, name);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return Recognize(doc.ok() ? *doc : FlatDocument{});
}

void ExpectProjectPackage(const ImportResult& r) {
  const Package& p = r.package;
  EXPECT_EQ(p.kind, PackageKind::kProject);
  EXPECT_EQ(p.project.name, "农村实用技术培训");
  EXPECT_EQ(p.project.department, "某县科学技术协会");
  EXPECT_EQ(p.project.implementing_unit, "某县科普服务中心");
  EXPECT_EQ(p.evaluation.unit_name, "某县科普服务中心");
  EXPECT_EQ(p.unit.name, "某县科普服务中心");
  EXPECT_EQ(p.fiscal_year, 2023);
  EXPECT_EQ(p.rulebook, "national-project");
  EXPECT_EQ(p.evaluation.funds.executed.Display(), "19.20");
  EXPECT_EQ(p.evaluation.funds.score.Display(), "9.6");
  ASSERT_EQ(p.evaluation.indicators.size(), 3u);
  EXPECT_EQ(p.evaluation.indicators[2].name, "满意度指标");
  EXPECT_EQ(p.evaluation.total_score.Display(), "96.6");
  EXPECT_EQ(p.provenance.at("/project/name").text, "农村实用技术培训");
  for (const Diagnostic& d : r.notes) {
    EXPECT_NE(d.code, "I601") << d.message_en;  // every cell placed
    EXPECT_EQ(d.message_en.find("basic data table"), std::string::npos) << d.message_en;
  }
}

TEST(ProjectTable, RecognisedFromText) {
  ScopedMessageLanguage lang(Lang::kEn);
  const ImportResult r = Import(TextDocument(), "project.txt");
  ExpectProjectPackage(r);
  EXPECT_EQ(r.rulebook_reason,
            "the table names a 项目名称, so it is a project's table and the rulebook is "
            "national-project");
  ASSERT_FALSE(r.recognised.empty());
  EXPECT_EQ(r.recognised[0],
            "project self-evaluation table · project: 农村实用技术培训 (department "
            "某县科学技术协会, implemented by 某县科普服务中心)");
}

// 四川's project form: the funds header says 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率
// under a two-cell label, the total row is labelled 总额 alone, and its last cell (under 原因)
// holds the form's instructions. Pipe rows, as a web page copies them; figures made up.
TEST(ProjectTable, SichuanFundsTotalUnder原因Column) {
  const std::string text =
      "部门预算项目支出绩效自评表(2023年度) | |||\n"
      "项目名称 | 某县档案数字化补助项目 | |||\n"
      "主管部门 | 某县档案局 | 实施单位 | 某县档案馆 | ||\n"
      "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 "
      "| 权重 | 得分 | 原因 | |\n"
      "总额 | 5.00 | 6.20 | 6.00 | 96.77% | 10 | 9.68 | 执行率低于90%的须说明原因。 | |\n"
      "其中:财政资金 | 5.00 | 6.20 | 6.00 | 96.77% | / | / | ||\n";
  const ImportResult r = Import(text, "project.txt");
  const Funds& f = r.package.evaluation.funds;
  EXPECT_EQ(f.initial_budget.Display(), "5.00");
  EXPECT_EQ(f.full_year_budget.Display(), "6.20");
  EXPECT_EQ(f.executed.Display(), "6.00");
  EXPECT_EQ(f.execution_rate.Display(), "96.77%");
  EXPECT_EQ(f.weight.Display(), "10");
  EXPECT_EQ(f.score.Display(), "9.68");
  for (const Diagnostic& d : r.notes) EXPECT_NE(d.code, "I622") << d.message_en;
}

// The same form's 原因 cell is where a budget changed during the year is explained: the form's
// own instructions there explain nothing (X702); a reason does.
TEST(ProjectTable, SichuanBudgetChangeExplainedOnlyByTheInstructions) {
  ScopedMessageLanguage lang(Lang::kZh);
  const std::string head =
      "项目名称 | 某县档案数字化补助项目 | |||\n"
      "主管部门 | 某县档案局 | 实施单位 | 某县档案馆 | ||\n"
      "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 "
      "| 权重 | 得分 | 原因 | |\n";
  const auto x702 = [](const Package& p) -> const Diagnostic* {
    static std::vector<Diagnostic> found;
    found = CheckPackage(p, *BundledRulebook("national-project"));
    for (const Diagnostic& d : found) {
      if (d.code == "X702") return &d;
    }
    return nullptr;
  };
  const ImportResult instructions = Import(
      head + "总额 | 0.00 | 4.80 | 4.80 | 100.00% | 10 | 10 | 1.执行率不足90%的须写明原因；"
             "2.年度中间追加预算的，须另行说明理由。 | |\n",
      "p.txt");
  EXPECT_TRUE(instructions.package.evaluation.funds.asks_reason);
  const Diagnostic* d = x702(instructions.package);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->message_zh,
            "全年预算数 4.80 与年初预算数 0.00 不同（调整 4.8万元），但资金栏的原因只有表样的填表"
            "说明。");
  const ImportResult reason = Import(
      head + "总额 | 0.00 | 4.80 | 4.80 | 100.00% | 10 | 10 | 年中新增档案扫描任务，追加预算4.80万元。 | |\n",
      "p.txt");
  EXPECT_EQ(x702(reason.package), nullptr);
  // The reason survives the package's JSON.
  Result<Package> back = ParsePackageJson(WritePackageJson(reason.package), "p.json");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->evaluation.funds.reason, "年中新增档案扫描任务，追加预算4.80万元。");
  EXPECT_TRUE(back->evaluation.funds.asks_reason);
}

TEST(ProjectTable, RecognisedFromDocx) {
  ScopedMessageLanguage lang(Lang::kZh);
  const ImportResult r = Import(DocxDocument(), "project.docx");
  ExpectProjectPackage(r);
  EXPECT_EQ(r.rulebook_reason,
            "表中有“项目名称”，是项目支出绩效自评表，评分规则取 national-project");
}

TEST(ProjectTable, ARulebookGivenOnTheCommandLineStillWins) {
  Result<FlatDocument> doc = ReadDocument(TextDocument(), "project.txt");
  ASSERT_TRUE(doc.ok());
  const ImportResult r = Recognize(*doc, "national");
  EXPECT_EQ(r.package.kind, PackageKind::kProject);
  EXPECT_EQ(r.package.rulebook, "national");
}

TEST(ProjectTable, ADepartmentTableStaysADepartmentPackage) {
  std::string text = TextDocument();
  const std::string project_rows =
      "\t项目名称\t农村实用技术培训\n\n"
      "\t主管部门\t某县科学技术协会\t实施单位\t某县科普服务中心\n\n";
  ASSERT_NE(text.find(project_rows), std::string::npos);
  text.replace(text.find(project_rows), project_rows.size(), "\t部门（单位）名称\t某县档案馆\n\n");
  const ImportResult r = Import(text, "department.txt");
  EXPECT_EQ(r.package.kind, PackageKind::kDepartment);
  EXPECT_EQ(r.package.rulebook, "national");
  EXPECT_EQ(r.package.evaluation.unit_name, "某县档案馆");
  EXPECT_TRUE(r.package.project.name.empty());
}

TEST(ProjectTable, AProjectListHeaderIsNoProjectRow) {
  // 项目名称 heading a column of figures is a list of projects, not a project's table.
  const std::string text =
      "\t项目名称\t预算数\t执行数\n\n"
      "\t科普专项经费\t37.00\t36.50\n\n";
  const ImportResult r = Import(text, "list.txt");
  EXPECT_EQ(r.package.kind, PackageKind::kDepartment);
  const std::string figures = "\t项目名称\t37.00\n\n";
  EXPECT_EQ(Import(figures, "figure.txt").package.kind, PackageKind::kDepartment);
  // A 主管部门 row without a 项目名称 is no project's table.
  const std::string department =
      "\t主管部门\t某县科学技术协会\n\n"
      "\t年度资金总额\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\n"
      "\t年度资金总额\t20.00\t20.00\t19.20\t10\t96.00%\t9.6\n\n";
  const ImportResult d = Import(department, "department.txt");
  EXPECT_EQ(d.package.kind, PackageKind::kDepartment);
  EXPECT_TRUE(d.package.project.department.empty());
  EXPECT_EQ(d.package.evaluation.funds.executed.Display(), "19.20");
}

TEST(ProjectTable, ScoredUnderTheProjectRulebookWithoutDepartmentChecks) {
  const ImportResult r = Import(TextDocument(), "project.txt");
  const Rulebook rb = *BundledRulebook("national-project");
  const ScoreSheet sheet = ScorePackage(r.package, rb);
  EXPECT_EQ(sheet.execution.score->ToString(), "9.60");
  ASSERT_EQ(sheet.leaves.size(), 4u);
  EXPECT_EQ(sheet.leaves[2].point->ToString(), "27.00");  // 30 × 72 ÷ 80
  EXPECT_EQ(sheet.total.ToString(), "96.60");
  EXPECT_EQ(sheet.grade, "优");
  const std::vector<Diagnostic> found = CheckPackage(r.package, rb);
  for (const Diagnostic& d : found) {
    EXPECT_NE(d.location.document, "basic_data") << d.code << " " << d.message_en;
    EXPECT_NE(d.code, "C507") << d.message_en;  // the department report's ten sections
    EXPECT_NE(d.code, "X702") << d.message_en;
    EXPECT_NE(d.code, "W403") << d.message_en;  // 50 / 30 / 10 / 10 are the project weights
    EXPECT_NE(d.code, "S302") << d.message_en;
  }
  // The same package called a department package that holds a data table gets its blanks.
  Package department = r.package;
  department.kind = PackageKind::kDepartment;
  department.parts.basic_data = PartState::kPresent;
  bool staffing_blank = false;
  for (const Diagnostic& d : CheckPackage(department, rb)) {
    staffing_blank = staffing_blank || (d.code == "C501" && d.location.document == "basic_data");
  }
  EXPECT_TRUE(staffing_blank);
}

int CountCode(const std::vector<Diagnostic>& ds, std::string_view code) {
  int n = 0;
  for (const Diagnostic& d : ds) n += d.code == code;
  return n;
}

// A page that begins inside the previous project's table (its last indicator, its 合计, its
// conclusion) and then gives a whole project: the tail is dropped, not added to the project
// named after it (its 90 points would make the total wrong). Pipe rows; figures made up.
TEST(ProjectTable, TheTailOfAnUnnamedProjectBeforeANamedOneIsDropped) {
  ScopedMessageLanguage lang(Lang::kEn);
  const std::string text =
      "一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 权重 | 得分 | |\n"
      "产出指标 | 数量指标 | 配发设备台数 | ≥20台 | 20台 | 90 | 90 | |\n"
      "合计 | 100 | ||||||\n"
      "评价结论 | 已按计划完成。 | ||||||\n"
      "部门预算项目支出绩效自评表(2023年度) | ||||||||\n"
      "项目名称 | 某县档案数字化补助项目 | |||||||\n"
      "主管部门 | 某县档案局 | 实施单位 | 某县档案馆 | |||||\n"
      "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 "
      "| 权重 | 得分 | 原因 | |\n"
      "总额 | 5.00 | 5.00 | 5.00 | 100.00% | 10 | 10 | | |\n"
      "一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 权重 | 得分 | |\n"
      "产出指标 | 数量指标 | 扫描档案卷数 | ≥300卷 | 320卷 | 90 | 90 | |\n"
      "合计 | 100 | 100 | |||||\n";
  const ImportResult r = Import(text, "two.txt");
  const Package& p = r.package;
  EXPECT_EQ(p.project.name, "某县档案数字化补助项目");
  ASSERT_EQ(p.evaluation.indicators.size(), 1u);
  ASSERT_EQ(p.evaluation.indicators[0].children.size(), 1u);
  ASSERT_EQ(p.evaluation.indicators[0].children[0].children.size(), 1u);
  EXPECT_EQ(p.evaluation.indicators[0].children[0].children[0].name, "扫描档案卷数");
  EXPECT_EQ(p.evaluation.total_score.Display(), "100");
  EXPECT_EQ(p.provenance.count("/evaluation/indicators/0/children/0/children/1/name"), 0u);
  ASSERT_EQ(CountCode(r.notes, "I627"), 1);
  for (const Diagnostic& d : r.notes) {
    if (d.code != "I627") continue;
    EXPECT_NE(d.message_en.find("belongs to another project, whose name is not in the file"),
              std::string::npos)
        << d.message_en;
  }
  const Rulebook rb = *BundledRulebook("national-project");
  for (const Diagnostic& d : CheckPackage(p, rb)) {
    EXPECT_NE(d.code, "S306") << d.message_en;
    EXPECT_NE(d.code, "C501") << d.message_en;
  }
}

// Two whole projects in one file: the package holds the first; the second is said, not mixed in.
TEST(ProjectTable, ASecondNamedProjectIsLeftOut) {
  ScopedMessageLanguage lang(Lang::kEn);
  std::string text = TextDocument();
  text += "\t项目名称\t农机推广补助\n\n"
          "\t项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\n"
          "\t年度资金总额\t8.00\t8.00\t4.00\t10\t50.00%\t5\n\n";
  const ImportResult r = Import(text, "two.txt");
  ExpectProjectPackage(r);
  ASSERT_EQ(CountCode(r.notes, "I627"), 1);
  for (const Diagnostic& d : r.notes) {
    if (d.code == "I627") {
      EXPECT_NE(d.message_en.find("the later one's tables were not imported"), std::string::npos);
    }
  }
}

TEST(ProjectTable, KindAndProjectRoundTripThroughJson) {
  const ImportResult r = Import(TextDocument(), "project.txt");
  const std::string json = WritePackageJson(r.package);
  EXPECT_NE(json.find("\"kind\": \"project\""), std::string::npos);
  Result<Package> back = ParsePackageJson(json, "p.json");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->kind, PackageKind::kProject);
  EXPECT_EQ(back->project.department, "某县科学技术协会");
  EXPECT_EQ(WritePackageJson(*back), json);
  // A package without the field is a department package, and is written without it.
  Result<Package> plain = ParsePackageJson(R"({"schema": "jixiao.package/1"})", "d.json");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->kind, PackageKind::kDepartment);
  EXPECT_EQ(WritePackageJson(*plain).find("\"kind\""), std::string::npos);
  ScopedMessageLanguage lang(Lang::kEn);
  Result<Package> bad =
      ParsePackageJson(R"({"schema": "jixiao.package/1", "kind": "programme"})", "b.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("/kind"), std::string::npos) << bad.status().message();
}

}  // namespace
}  // namespace jixiao
