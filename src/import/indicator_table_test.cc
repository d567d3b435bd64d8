// Tests of reading the 绩效指标 table: part boundaries come from the table's structure, never
// from a word inside an indicator's name (厉行节约…, 合计…, …编制数…, …决算数与预算数…), in
// text, DOCX and XLSX alike; flat lists with 权重 and 得分系数 (重庆); group weights written as
// a range (产出指标 ≥60); and the JSON round trip of what they add to the package.
//
// The tables are composed for these tests in the shapes published self-evaluations use (the
// seed's one-cell-per-line text, a Word table with merged group cells, a sheet with merged
// ranges); the unit, the indicators and the figures are made up.
#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

#include "check/checker.h"
#include "compute/scoring.h"
#include "import/docx_reader.h"
#include "import/recognize.h"
#include "import/text_reader.h"
#include "import/xlsx_reader.h"
#include "model/package_json.h"
#include "model/walk.h"
#include "rules/rulebook.h"
#include "tests/zip_testing.h"

namespace jixiao {
namespace {

// A table as rows of cells. "^" is a cell merged with the one above (a group's name spans its
// rows); ">" is a cell merged with the one on its left.
using Rows = std::vector<std::vector<std::string>>;

constexpr const char* kUp = "^";
constexpr const char* kLeft = ">";

// ---- text: the seed's layout, one cell per line after a tab, a blank line after a row ----

std::string TextTable(const Rows& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (const std::string& cell : row) {
      if (cell == kLeft) continue;  // a merged cell is not repeated when text is copied out
      out += "\t" + (cell == kUp ? std::string() : cell) + "\n";
    }
    out += "\n";
  }
  return out;
}

// ---- DOCX: a w:tbl with vMerge for "^" and gridSpan for ">" ----

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string DocxParagraph(const std::string& text) {
  return "<w:p><w:r><w:t xml:space=\"preserve\">" + XmlEscape(text) + "</w:t></w:r></w:p>";
}

std::string DocxTable(const Rows& rows) {
  std::string xml = "<w:tbl><w:tblGrid>";
  for (size_t c = 0; c < rows[0].size(); ++c) xml += "<w:gridCol w:w=\"1200\"/>";
  xml += "</w:tblGrid>";
  for (size_t r = 0; r < rows.size(); ++r) {
    xml += "<w:tr>";
    const auto& row = rows[r];
    for (size_t c = 0; c < row.size(); ++c) {
      if (row[c] == kLeft) continue;
      size_t span = 1;
      while (c + span < row.size() && row[c + span] == kLeft) ++span;
      std::string pr;
      if (span > 1) pr += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
      const bool below_merges =
          r + 1 < rows.size() && c < rows[r + 1].size() && rows[r + 1][c] == kUp;
      if (row[c] == kUp) {
        pr += "<w:vMerge/>";
      } else if (below_merges) {
        pr += "<w:vMerge w:val=\"restart\"/>";
      }
      xml += "<w:tc>" + (pr.empty() ? "" : "<w:tcPr>" + pr + "</w:tcPr>") +
             DocxParagraph(row[c] == kUp ? "" : row[c]) + "</w:tc>";
    }
    xml += "</w:tr>";
  }
  return xml + "</w:tbl>";
}

std::string DocumentXml(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document "
         "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
         body + "</w:body></w:document>";
}

// ---- XLSX: inline strings, numbers as numbers, merged ranges ----

using testing::Members;
using testing::Zip;

std::string ColumnName(size_t c) { return std::string(1, static_cast<char>('A' + c)); }

bool PlainNumber(const std::string& s) {
  if (s.empty()) return false;
  for (char ch : s) {
    if (!((ch >= '0' && ch <= '9') || ch == '.')) return false;
  }
  return true;
}

// A workbook of one sheet: `title` in A1, the table from row 2.
std::string XlsxSheet(const std::string& title, const Rows& rows) {
  constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  constexpr const char* kRel =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + XmlEscape(title) + "</t></is></c></row>";
  std::vector<std::string> merges;
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::string n = std::to_string(r + 2);
    data += "<row r=\"" + n + "\">";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& v = rows[r][c];
      const std::string ref = ColumnName(c) + n;
      if (v == kUp || v == kLeft) continue;
      // The extent of a merge that starts here.
      size_t down = 0, right = 0;
      while (r + down + 1 < rows.size() && rows[r + down + 1][c] == kUp) ++down;
      while (c + right + 1 < rows[r].size() && rows[r][c + right + 1] == kLeft) ++right;
      if (down > 0 || right > 0) {
        merges.push_back(ref + ":" + ColumnName(c + right) + std::to_string(r + 2 + down));
      }
      if (v.empty()) continue;
      if (PlainNumber(v)) {
        data += "<c r=\"" + ref + "\"><v>" + v + "</v></c>";
      } else {
        data += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + XmlEscape(v) + "</t></is></c>";
      }
    }
    data += "</row>";
  }
  std::string merge_xml;
  if (!merges.empty()) {
    merge_xml = "<mergeCells count=\"" + std::to_string(merges.size()) + "\">";
    for (const std::string& m : merges) merge_xml += "<mergeCell ref=\"" + m + "\"/>";
    merge_xml += "</mergeCells>";
  }
  const std::string sheet =
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"") + kMain +
      "\"><sheetData>" + data + "</sheetData>" + merge_xml + "</worksheet>";
  return Zip({
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels",
       std::string("<?xml version=\"1.0\"?><Relationships "
                   "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"rId1\" Type=\"") +
           kRel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", std::string("<?xml version=\"1.0\"?><workbook xmlns=\"") + kMain +
                              "\" xmlns:r=\"" + kRel +
                              "\"><sheets><sheet name=\"自评表\" sheetId=\"1\" "
                              "r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       std::string("<?xml version=\"1.0\"?><Relationships "
                   "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"rId1\" Type=\"") +
           kRel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet},
  });
}

// ---- the tables ----

const std::vector<std::string> kTreeHeader = {
    "一级指标",   "二级指标", "三级指标", "年度指标值",
    "实际完成值", "分值",     "得分",     "偏差原因分析及改进措施"};

// Twelve indicators of a made-up 街道办事处 (FY2024). The fifth is named with 厉行节约, the
// sixth begins with 合计, the seventh holds 决算数 and 预算数, the eighth 编制数, the
// eleventh begins with 说明: each of those words starts another part when it heads a row of
// its own, and none may end this table.
Rows TwelveIndicators() {
  return {
      kTreeHeader,
      {"产出指标（50分）", "数量指标", "组织政策宣讲活动", "≥12次", "15次", "5", "5", ""},
      {kUp, kUp, "开展业务培训", "≥4期", "4期", "5", "5", ""},
      {kUp, kUp, "发放宣传资料", "≥3000份", "3200份", "5", "5", ""},
      {kUp, "质量指标", "档案归档合格率", "≥98%", "99%", "5", "5", ""},
      {kUp, kUp, "厉行节约制度执行率", "100%", "100%", "5", "5", ""},
      {kUp, kUp, "合计完成整改事项", "≥20项", "22项", "5", "5", ""},
      {kUp, "时效指标", "年度决算数与预算数比对", "年底前", "12月", "5", "5", ""},
      {kUp, kUp, "在编人员不超编制数", "100%", "100%", "5", "5", ""},
      {kUp, "成本指标", "人均办公成本", "0.5万元", "0.46万元", "10", "10", ""},
      {"效益指标（40分）", "社会效益", "群众办事便利度", "较为明显", "较为明显", "10", "10", ""},
      {kUp, kUp, "说明会参与人次", "≥500人次", "620人次", "10", "10", ""},
      {kUp, "满意度", "服务对象满意度", "≥90%", "95%", "20", "20", ""},
      {"总分", kLeft, kLeft, kLeft, kLeft, "100", "100", ""},
  };
}

const std::vector<std::string> kTwelveNames = {
    "组织政策宣讲活动",   "开展业务培训",     "发放宣传资料",           "档案归档合格率",
    "厉行节约制度执行率", "合计完成整改事项", "年度决算数与预算数比对", "在编人员不超编制数",
    "人均办公成本",       "群众办事便利度",   "说明会参与人次",         "服务对象满意度"};

std::vector<std::string> LeafNames(const Package& p) {
  std::vector<std::string> names;
  ForEachIndicator(p.evaluation.indicators, [&](const IndicatorVisit& v) {
    if (v.node->is_leaf()) names.push_back(v.node->name);
  });
  return names;
}

int CountCode(const ImportResult& r, const std::string& code) {
  int n = 0;
  for (const Diagnostic& d : r.notes) n += d.code == code;
  return n;
}

std::string NotesText(const ImportResult& r) {
  std::string out;
  for (const Diagnostic& d : r.notes) out += d.code + " " + d.message_zh + "\n";
  return out;
}

ImportResult FromText(const std::string& text) {
  Result<FlatDocument> doc = ReadText(text, "t.txt");
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return Recognize(doc.ok() ? *doc : FlatDocument{});
}

const char* kTitle = "2024年度部门整体支出绩效自评表";

void ExpectTwelve(const ImportResult& r) {
  EXPECT_EQ(LeafNames(r.package), kTwelveNames) << NotesText(r);
  EXPECT_EQ(CountCode(r, "I601"), 0) << NotesText(r);
  EXPECT_EQ(r.package.evaluation.total_score.Display(), "100");
  EXPECT_EQ(r.package.evaluation.total_weight.Display(), "100");
  EXPECT_EQ(r.package.basic_data.frugality_measures, "");
  ASSERT_EQ(r.package.evaluation.indicators.size(), 2u);
  EXPECT_EQ(r.package.evaluation.indicators[0].children.size(), 4u);
  EXPECT_EQ(r.package.evaluation.indicators[0].weight.Display(), "50");
  // The leaf after 厉行节约 keeps its figures.
  const Indicator& sixth = r.package.evaluation.indicators[0].children[1].children[2];
  EXPECT_EQ(sixth.target, "≥20项");
  EXPECT_EQ(sixth.score.Display(), "5");
}

TEST(IndicatorTable, WordsInIndicatorNamesDoNotEndTheTableText) {
  const std::string text = std::string(kTitle) + "\n" + TextTable(TwelveIndicators());
  ExpectTwelve(FromText(text));
}

TEST(IndicatorTable, WordsInIndicatorNamesDoNotEndTheTableDocx) {
  const std::string body = DocxParagraph(kTitle) + DocxTable(TwelveIndicators());
  Result<FlatDocument> doc = ReadDocxDocumentXml(DocumentXml(body), "t.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ExpectTwelve(Recognize(*doc));
}

TEST(IndicatorTable, WordsInIndicatorNamesDoNotEndTheTableXlsx) {
  Result<FlatDocument> doc = ReadXlsx(XlsxSheet(kTitle, TwelveIndicators()), "t.xlsx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ExpectTwelve(Recognize(*doc));
}

// A heading row that is not a data row still ends the table: the 基础数据表 part after the
// indicators in the same sheet is read as its own.
TEST(IndicatorTable, AHeadingRowStillStartsTheNextPart) {
  Rows rows = TwelveIndicators();
  rows.insert(rows.end() - 1,
              {"厉行节约保障措施", "严格执行公务接待标准，压减会议数量。", "", "", "", "", "", ""});
  Result<FlatDocument> doc = ReadXlsx(XlsxSheet(kTitle, rows), "t.xlsx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const ImportResult r = Recognize(*doc);
  EXPECT_EQ(LeafNames(r.package).size(), 12u);
  EXPECT_EQ(r.package.basic_data.frugality_measures, "严格执行公务接待标准，压减会议数量。");
  EXPECT_EQ(r.package.evaluation.total_score.Display(), "100");
}

// The header of an expense table right below the indicators (one sheet holding both): its
// "2024年决算数" cells read as numbers with a long unit, yet the row is a header, not an
// indicator.
TEST(IndicatorTable, AnExpenseHeaderBelowTheIndicatorsIsNotAnIndicator) {
  Rows rows = TwelveIndicators();
  rows.insert(rows.end() - 1,
              {"项目", "2023年决算数", "2024年预算数", "2024年决算数", "", "", "", ""});
  rows.insert(rows.end() - 1, {"其中：公用经费", "4.72", "4.50", "4.13", "", "", "", ""});
  Result<FlatDocument> doc = ReadXlsx(XlsxSheet(kTitle, rows), "t.xlsx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const ImportResult r = Recognize(*doc);
  EXPECT_EQ(LeafNames(r.package).size(), 12u) << NotesText(r);
  ASSERT_FALSE(r.package.basic_data.expenses.empty()) << NotesText(r);
}

// 重庆's flat list: 指标名称, 计量单位, 指标性质, 年初指标值, 调整指标值, 全年完成值,
// 得分系数(%), 指标权重(分), 指标得分(分), 是否核心指标.
Rows ChongqingList() {
  return {
      {"指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数(%)",
       "指标权重(分)", "指标得分(分)", "是否核心指标"},
      {"财政供养人员控制率", "%", "定量指标", "100%", "", "94%", "100%", "3", "3", "否"},
      {"预算调整率", "%", "定量指标", "3%", "", "1.8%", "100%", "3", "3", "否"},
      {"结转结余率", "%", "定量指标", "2%", "", "0.6%", "100%", "3", "3", "是"},
      {"公用经费控制率", "%", "定量指标", "100%", "", "96%", "100%", "3", "3", "是"},
      {"政府采购执行率", "%", "定量指标", "100%", "", "85%", "85%", "4", "3.4", "是"},
      {"组织宣传活动次数", "次", "定量指标", "30", "36", "38", "100%", "10", "10", "是"},
      {"资金使用合规性", "", "定性指标", "好", "", "好", "100%", "5", "5", "否"},
      {"合计", "", "", "", "", "", "", "31", "30.4", ""},
  };
}

void ExpectChongqing(const ImportResult& r) {
  const auto& tops = r.package.evaluation.indicators;
  ASSERT_EQ(tops.size(), 7u) << NotesText(r);
  EXPECT_EQ(tops[0].name, "财政供养人员控制率");
  EXPECT_TRUE(tops[0].is_leaf());
  EXPECT_EQ(tops[0].target, "100%");
  EXPECT_EQ(tops[0].actual, "94%");
  EXPECT_EQ(tops[0].coefficient.Display(), "100%");
  EXPECT_EQ(tops[0].weight.Display(), "3");
  EXPECT_EQ(tops[4].coefficient.Display(), "85%");
  EXPECT_EQ(tops[4].score.Display(), "3.4");
  // The adjusted target stands; a bare number takes the 计量单位.
  EXPECT_EQ(tops[5].target, "36次");
  EXPECT_EQ(tops[5].actual, "38次");
  EXPECT_EQ(tops[6].target, "好");
  EXPECT_EQ(r.package.evaluation.total_score.Display(), "30.4");
  EXPECT_EQ(CountCode(r, "I601"), 0) << NotesText(r);
  EXPECT_EQ(CountCode(r, "I602"), 0) << NotesText(r);
}

TEST(IndicatorTable, FlatListWithCoefficientText) {
  ExpectChongqing(FromText(std::string(kTitle) + "\n" + TextTable(ChongqingList())));
}

TEST(IndicatorTable, FlatListWithCoefficientXlsx) {
  Result<FlatDocument> doc = ReadXlsx(XlsxSheet(kTitle, ChongqingList()), "t.xlsx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ExpectChongqing(Recognize(*doc));
}

// The flat list imported, scored and checked: the bare 控制率/调整率/结余率 targets are
// ceilings (the library), the adjusted target stands, 得分 = 权重 × 得分系数 holds; a wrong
// coefficient is S314, one above 100% S315.
TEST(IndicatorTable, FlatListScoresAndChecksEndToEnd) {
  Result<Rulebook> rb = BundledRulebook("national");
  ASSERT_TRUE(rb.ok());
  const auto codes_of = [&](const Rows& rows, const std::string& code) {
    const ImportResult r = FromText(std::string(kTitle) + "\n" + TextTable(rows));
    int n = 0;
    for (const Diagnostic& d : CheckPackage(r.package, *rb)) n += d.code == code;
    return n;
  };
  const Rows right = ChongqingList();
  const ImportResult r = FromText(std::string(kTitle) + "\n" + TextTable(right));
  const ScoreSheet sheet = ScorePackage(r.package, *rb);
  ASSERT_EQ(sheet.leaves.size(), 7u);
  const std::vector<std::string> sources = {"library", "library", "library", "library",
                                            "default", "default", ""};
  for (size_t i = 0; i < sheet.leaves.size(); ++i) {
    EXPECT_EQ(DirectionSourceKey(sheet.leaves[i].direction_source), sources[i]) << i;
  }
  EXPECT_TRUE(sheet.leaves[1].met) << "预算调整率 1.8% under 3%";
  EXPECT_EQ(sheet.leaves[4].point->ToString(), "3.40");
  EXPECT_TRUE(sheet.leaves[5].met) << "38次 against the adjusted 36次";
  EXPECT_EQ(sheet.total.ToString(), "30.40");  // no 执行率 row in this list
  for (const char* code : {"S302", "S303", "S304", "S314", "S315"}) {
    EXPECT_EQ(codes_of(right, code), 0) << code;
  }
  Rows wrong = right;
  wrong[5][6] = "80%";  // 4 × 80% = 3.2, scored 3.4
  EXPECT_EQ(codes_of(wrong, "S314"), 1);
  wrong = right;
  wrong[2][6] = "120%";
  EXPECT_EQ(codes_of(wrong, "S315"), 1);
}

// Group weights written as a range: in the group's own cell, or in the 分值 column of a row
// that names only the group.
TEST(IndicatorTable, GroupWeightAsARange) {
  const Rows rows = {
      kTreeHeader,
      {"产出指标（≥60分）", "数量指标", "完成道路巡查", "≥240次", "252次", "30", "30", ""},
      {kUp, "质量指标", "巡查问题办结率", "≥95%", "97%", "30", "30", ""},
      {"效益指标", "", "", "", "", "不低于20分", "", ""},
      {kUp, "社会效益", "群众投诉下降", "较为明显", "较为明显", "20", "20", ""},
      {"满意度指标(10分以上)", "满意度", "辖区居民满意度", "≥90%", "92%", "10", "10", ""},
  };
  const ImportResult r = FromText(std::string(kTitle) + "\n" + TextTable(rows));
  const auto& tops = r.package.evaluation.indicators;
  ASSERT_EQ(tops.size(), 3u) << NotesText(r);
  EXPECT_EQ(tops[0].name, "产出指标");
  EXPECT_TRUE(tops[0].weight.blank());
  EXPECT_EQ(tops[0].weight_min.Display(), "60");
  EXPECT_TRUE(tops[0].weight_max.blank());
  EXPECT_EQ(tops[1].weight_min.Display(), "20");
  EXPECT_EQ(tops[1].children.size(), 1u);
  EXPECT_EQ(tops[1].children[0].children.size(), 1u);
  EXPECT_EQ(tops[2].name, "满意度指标");
  EXPECT_EQ(tops[2].weight_min.Display(), "10");
  EXPECT_EQ(CountCode(r, "I602"), 0) << NotesText(r);
  EXPECT_EQ(CountCode(r, "I601"), 0) << NotesText(r);
}

TEST(IndicatorTable, RangeAndCoefficientSurviveTheJsonRoundTrip) {
  Package p;
  p.fiscal_year = 2024;
  Indicator output;
  output.name = "产出指标";
  output.weight_min = Cell::Number(*Decimal::Parse("60"));
  output.weight_max = Cell::Number(*Decimal::Parse("70"));
  Indicator leaf;
  leaf.name = "政府采购执行率";
  leaf.target = "100%";
  leaf.actual = "85%";
  leaf.weight = Cell::Number(*Decimal::Parse("4"));
  leaf.coefficient = Cell::Number(*Decimal::Parse("85"), true);
  leaf.score = Cell::Number(*Decimal::Parse("3.4"));
  output.children.push_back(leaf);
  p.evaluation.indicators.push_back(output);
  const std::string json = WritePackageJson(p);
  EXPECT_NE(json.find("\"weight_min\": \"60\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"coefficient\": \"85%\""), std::string::npos) << json;
  Result<Package> back = ParsePackageJson(json, "p.json");
  ASSERT_TRUE(back.ok()) << back.status().message();
  const Indicator& g = back->evaluation.indicators[0];
  EXPECT_EQ(g.weight_min.Display(), "60");
  EXPECT_EQ(g.weight_max.Display(), "70");
  EXPECT_TRUE(g.weight.blank());
  EXPECT_EQ(g.children[0].coefficient.Display(), "85%");
  EXPECT_EQ(WritePackageJson(*back), json);
  // Without them nothing is written.
  Package plain;
  plain.evaluation.indicators.push_back(Indicator{});
  EXPECT_EQ(WritePackageJson(plain).find("coefficient"), std::string::npos);
}

// A total row with one figure under 权重 and its 得分 blank (四川's 合计 | 100 | |): the figure
// is the total weight, the total score stays blank.
TEST(IndicatorTable, TotalWithOnlyTheWeight) {
  const ImportResult r = FromText(
      "\t一级指标\t二级指标\t三级指标\t指标值\t完成值\t权重\t得分\n\n"
      "\t产出指标\t数量指标\t下乡演出场次\t≥20场\t22场\t60\t60\n\n"
      "\t效益指标\t社会效益指标\t群众满意度\t≥90%\t95%\t40\t40\n\n"
      "\t合计\t\t\t\t\t100\t\n\n");
  EXPECT_EQ(r.package.evaluation.total_weight.Display(), "100") << NotesText(r);
  EXPECT_TRUE(r.package.evaluation.total_score.blank())
      << r.package.evaluation.total_score.Display();
}

}  // namespace
}  // namespace jixiao
