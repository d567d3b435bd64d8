// Tests of WriteXlsx on hand-built RenderDocuments: the workbook is written to a temporary
// file and read back twice — by our own reader (import/xlsx_reader.h: sheets, the texts Excel
// shows, merged ranges) and as raw XML through import/zip_archive.h (formulas and their cached
// values, protection, drop-down lists, merges, print set-up, pictures) — plus the failures,
// with their messages. Independent readers (openpyxl, LibreOffice) are in
// tests/render_xlsx_test.cc.
#include "render/xlsx_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/lang.h"
#include "import/importer.h"
#include "import/xlsx_reader.h"
#include "import/zip_archive.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

Decimal D(const char* text) { return *Decimal::Parse(text); }

TableCell Label(std::string text, bool header = false) {
  TableCell c;
  c.text = std::move(text);
  c.header = header;
  return c;
}

TableCell Span(TableCell c, int rows, int columns) {
  c.row_span = rows;
  c.column_span = columns;
  return c;
}

TableCell Covered() {
  TableCell c;
  c.covered = true;
  return c;
}

TableCell Input(const char* number, int decimals) {
  TableCell c;
  c.role = CellRole::kInput;
  c.number = D(number);
  c.decimals = decimals;
  c.text = c.number->Format(decimals);
  return c;
}

TableCell InputText(std::string text, std::vector<std::string> choices = {}) {
  TableCell c;
  c.role = CellRole::kInput;
  c.text = std::move(text);
  c.choices = std::move(choices);
  c.align = Align::kLeft;
  return c;
}

TableCell Computed(const char* number, int decimals, bool percent, std::string formula) {
  TableCell c;
  c.role = CellRole::kComputed;
  c.number = D(number);
  c.decimals = decimals;
  c.percent = percent;
  c.text = c.number->Format(decimals) + (percent ? "%" : "");
  c.formula = std::move(formula);
  return c;
}

TableRow Row(std::vector<TableCell> cells) {
  TableRow r;
  r.cells = std::move(cells);
  return r;
}

// Two tables: 基础数据表 (title and subtitle above the grid; a vertical and a horizontal merge;
// a percent rate, a plain rate, and a score computed from the percent rate) and 自评表 (one
// title row; two header rows with merges both ways; drop-down words; totals and a grade).
RenderDocument SampleDocument() {
  RenderDocument doc;
  doc.title = "测试单位2024年度部门整体支出绩效自评";
  doc.unit_name = "测试单位";
  doc.fiscal_year = 2024;
  doc.fonts.table.families = {"仿宋_GB2312", "Noto Serif CJK SC"};
  doc.fonts.table.family = "Noto Serif CJK SC";
  doc.fonts.table.size_half_points = 21;
  doc.fonts.table_header = doc.fonts.table;
  doc.fonts.table_header.bold = true;
  doc.fonts.title.families = {"方正小标宋简体", "Noto Serif CJK SC"};

  RenderTable a;
  a.id = "basic_data";
  a.title = "附件1 基础数据表";
  a.subtitle = "填报单位：测试单位　单位：万元";
  a.sheet_name = "基础数据表";
  a.column_widths = {400, 250, 250, 250};
  a.header_rows = 1;
  a.rows.push_back(Row({Label("项目", true), Label("编制数", true), Label("在职人数", true),
                        Label("控制率", true)}));
  a.rows.push_back(Row({Label("人员"), Input("8", 0), Input("7", 0),
                        Computed("87.5", 1, true, "ROUND({1,2}/{1,1}*100,2)")}));
  a.rows.push_back(
      Row({Span(Label("经费"), 2, 1), Label("全年预算数"), Label("全年执行数"), Label("执行率")}));
  a.rows.push_back(Row({Covered(), Input("127.10", 2), Input("124.88", 2),
                        Computed("98.25", 2, false, "ROUND({3,2}/{3,1}*100,2)")}));
  a.rows.push_back(
      Row({Label("说明"), Span(InputText("厉行节约，压减开支。"), 1, 3), Covered(), Covered()}));
  a.rows.push_back(
      Row({Label("得分"), Input("10", 0),
           Computed("8.75", 2, false, "IF(COUNT({1,3},{5,1})<2,\"\",ROUND({1,3}*{5,1}/100,2))"),
           Label("——")}));
  doc.tables.push_back(a);

  RenderTable b;
  b.id = "evaluation";
  b.title = "部门整体支出绩效自评表";
  b.sheet_name = "自评表";
  b.column_widths = {200, 300, 150, 150, 250};
  b.header_rows = 2;
  b.landscape = true;
  const std::vector<std::string> words = {"认可", "较为认可", "一般"};
  b.rows.push_back(Row({Span(Label("指标", true), 1, 2), Covered(), Span(Label("分值", true), 2, 1),
                        Span(Label("得分", true), 2, 1), Span(Label("实际完成值", true), 2, 1)}));
  b.rows.push_back(
      Row({Label("一级指标", true), Label("二级指标", true), Covered(), Covered(), Covered()}));
  b.rows.push_back(Row({Span(Label("产出指标"), 2, 1), Label("数量指标"), Input("50", 0),
                        Input("48.5", 1), InputText("较为认可", words)}));
  b.rows.push_back(Row(
      {Covered(), Label("质量指标"), Input("50", 0), Input("50", 1), InputText("认可", words)}));
  TableCell grade;
  grade.role = CellRole::kComputed;
  grade.text = "优";
  grade.formula = "IF({4,3}>=90,\"优\",IF({4,3}>=80,\"良\",\"中\"))";
  b.rows.push_back(
      Row({Span(Label("总分"), 1, 2), Covered(), Computed("100", 0, false, "SUM({2,2}:{3,2})"),
           Computed("98.5", 1, false, "{2,3}+{3,3}"), grade}));
  doc.tables.push_back(b);
  return doc;
}

// A 1×1 PNG.
const std::string kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00"
    "\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63"
    "\x64\x60\xf8\x5f\x0f\x00\x02\x87\x01\x80\xeb\x47\xba\x92\x00\x00\x00\x00\x49\x45\x4e\x44"
    "\xae\x42\x60\x82",
    70);

class XlsxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jixiao-xlsx-writer-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const char* name) const { return (dir_ / name).string(); }

  // Writes `doc` and returns the file's bytes.
  std::string WriteAndRead(const RenderDocument& doc, const std::vector<std::string>& png = {}) {
    const std::string path = Path("out.xlsx");
    const Status s = WriteXlsx(doc, png, path);
    EXPECT_TRUE(s.ok()) << s.message();
    Result<std::string> bytes = ReadFileBytes(path);
    EXPECT_TRUE(bytes.ok()) << bytes.status().message();
    return bytes.ok() ? *bytes : std::string();
  }

  static std::string Member(const std::string& xlsx, const std::string& name) {
    Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::Open(xlsx, "out.xlsx");
    EXPECT_TRUE(zip.ok()) << zip.status().message();
    if (!zip.ok()) return "";
    Result<std::string> member = (*zip)->Read(name);
    EXPECT_TRUE(member.ok()) << member.status().message();
    return member.ok() ? *member : "";
  }

  fs::path dir_;
};

TEST_F(XlsxWriterTest, OurReaderSeesSheetsTextsAndMerges) {
  const std::string xlsx = WriteAndRead(SampleDocument());
  Result<FlatDocument> flat = ReadXlsx(xlsx, "out.xlsx");
  ASSERT_TRUE(flat.ok()) << flat.status().message();
  ASSERT_EQ(flat->blocks.size(), 2u);  // no charts: no 图表 sheet
  const FlatTable& a = flat->blocks[0].table;
  const FlatTable& b = flat->blocks[1].table;
  EXPECT_EQ(a.name, "基础数据表");
  EXPECT_EQ(b.name, "自评表");

  // 基础数据表: title, subtitle, then the grid from row 3.
  ASSERT_EQ(a.rows.size(), 8u);
  EXPECT_EQ(a.rows[0].cells[0].text, "附件1 基础数据表");
  EXPECT_EQ(a.rows[0].cells[0].column_span, 4);
  EXPECT_EQ(a.rows[1].cells[0].text, "填报单位：测试单位　单位：万元");
  EXPECT_EQ(a.rows[2].cells[3].text, "控制率");
  EXPECT_EQ(a.rows[3].cells[1].text, "8");
  EXPECT_EQ(a.rows[3].cells[3].text, "87.5%");  // 0.875 under "0.0%"
  EXPECT_EQ(a.rows[3].cells[3].origin.cell_ref, "D4");
  EXPECT_EQ(a.rows[4].cells[0].text, "经费");
  EXPECT_EQ(a.rows[4].cells[0].row_span, 2);
  EXPECT_TRUE(a.rows[5].cells[0].covered);
  EXPECT_EQ(a.rows[5].cells[1].text, "127.10");
  EXPECT_EQ(a.rows[5].cells[2].text, "124.88");
  EXPECT_EQ(a.rows[5].cells[3].text, "98.25");
  EXPECT_EQ(a.rows[6].cells[1].text, "厉行节约，压减开支。");
  EXPECT_EQ(a.rows[6].cells[1].column_span, 3);
  EXPECT_TRUE(a.rows[6].cells[3].covered);
  EXPECT_EQ(a.rows[7].cells[2].text, "8.75");
  EXPECT_EQ(a.rows[7].cells[3].text, "——");

  // 自评表: one title row, header merges both ways, totals and the grade.
  ASSERT_EQ(b.rows.size(), 6u);
  EXPECT_EQ(b.rows[0].cells[0].column_span, 5);
  EXPECT_EQ(b.rows[1].cells[0].text, "指标");
  EXPECT_EQ(b.rows[1].cells[0].column_span, 2);
  EXPECT_EQ(b.rows[1].cells[2].row_span, 2);
  EXPECT_EQ(b.rows[2].cells[1].text, "二级指标");
  EXPECT_TRUE(b.rows[2].cells[4].covered);
  EXPECT_EQ(b.rows[3].cells[3].text, "48.5");
  EXPECT_EQ(b.rows[3].cells[4].text, "较为认可");
  EXPECT_EQ(b.rows[4].cells[3].text, "50.0");
  EXPECT_EQ(b.rows[5].cells[2].text, "100");
  EXPECT_EQ(b.rows[5].cells[3].text, "98.5");
  EXPECT_EQ(b.rows[5].cells[4].text, "优");
}

TEST_F(XlsxWriterTest, FormulasCarryA1AddressesAndCachedValues) {
  const std::string xlsx = WriteAndRead(SampleDocument());
  const std::string s1 = Member(xlsx, "xl/worksheets/sheet1.xml");
  // The grid starts on row 3 (title and subtitle above it). A percent cell holds the
  // fraction; a reference to it is brought back to percent units.
  EXPECT_NE(s1.find("<f>IF(ISNUMBER(ROUND(C4/B4*100,2)),ROUND(C4/B4*100,2)/100,ROUND(C4/B4*100,"
                    "2))</f><v>0.875</v>"),
            std::string::npos)
      << s1;
  EXPECT_NE(s1.find("<f>ROUND(C6/B6*100,2)</f><v>98.25</v>"), std::string::npos) << s1;
  // …except where the cell itself is tested (COUNT of an empty cell is 0, of 0*100 is 1).
  EXPECT_NE(s1.find("<f>IF(COUNT(D4,B8)&lt;2,\"\",ROUND((D4*100)*B8/100,2))</f><v>8.75</v>"),
            std::string::npos)
      << s1;
  // Input figures are plain numbers.
  EXPECT_NE(s1.find("<c r=\"B6\" s=\""), std::string::npos);
  EXPECT_NE(s1.find("<v>127.1</v>"), std::string::npos);

  const std::string s2 = Member(xlsx, "xl/worksheets/sheet2.xml");
  EXPECT_NE(s2.find("<f>SUM(C4:C5)</f><v>100</v>"), std::string::npos) << s2;
  EXPECT_NE(s2.find("<f>D4+D5</f><v>98.5</v>"), std::string::npos) << s2;
  EXPECT_NE(s2.find("t=\"str\"><f>IF(D6&gt;=90,\"优\",IF(D6&gt;=80,\"良\",\"中\"))</f><v>优</v>"),
            std::string::npos)
      << s2;
}

TEST_F(XlsxWriterTest, MergesProtectionValidationAndPrintSetUp) {
  const std::string xlsx = WriteAndRead(SampleDocument());
  const std::string s1 = Member(xlsx, "xl/worksheets/sheet1.xml");
  const std::string s2 = Member(xlsx, "xl/worksheets/sheet2.xml");
  for (const char* ref : {"A1:D1", "A2:D2", "A5:A6", "B7:D7"}) {
    EXPECT_NE(s1.find(std::string("<mergeCell ref=\"") + ref + "\""), std::string::npos) << ref;
  }
  EXPECT_NE(s1.find("<mergeCells count=\"4\">"), std::string::npos);
  for (const char* ref : {"A1:E1", "A2:B2", "C2:C3", "D2:D3", "E2:E3", "A4:A5", "A6:B6"}) {
    EXPECT_NE(s2.find(std::string("<mergeCell ref=\"") + ref + "\""), std::string::npos) << ref;
  }
  EXPECT_NE(s2.find("<mergeCells count=\"7\">"), std::string::npos);

  for (const std::string* s : {&s1, &s2}) {
    EXPECT_NE(s->find("<sheetProtection sheet=\"1\""), std::string::npos);
    EXPECT_NE(s->find("<pageSetup paperSize=\"9\""), std::string::npos);
    EXPECT_NE(s->find("fitToHeight=\"0\""), std::string::npos);
    EXPECT_NE(s->find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos);
    EXPECT_NE(s->find("<printOptions horizontalCentered=\"1\"/>"), std::string::npos);
  }
  EXPECT_NE(s1.find("orientation=\"portrait\""), std::string::npos);
  EXPECT_NE(s2.find("orientation=\"landscape\""), std::string::npos);
  // Margins: 28 mm left = 1.1024 in.
  EXPECT_NE(s1.find("<pageMargins left=\"1.10236220472"), std::string::npos) << s1;

  // Drop-down lists on the two word cells, none on sheet 1.
  EXPECT_EQ(s1.find("<dataValidation"), std::string::npos);
  EXPECT_NE(s2.find("<dataValidations count=\"2\">"), std::string::npos);
  EXPECT_NE(s2.find("sqref=\"E4\"><formula1>\"认可,较为认可,一般\"</formula1>"), std::string::npos)
      << s2;
  EXPECT_NE(s2.find("sqref=\"E5\">"), std::string::npos);

  // Header rows repeat on every page.
  const std::string workbook = Member(xlsx, "xl/workbook.xml");
  EXPECT_NE(workbook.find("_xlnm.Print_Titles\" localSheetId=\"0\">'基础数据表'!$3:$3"),
            std::string::npos)
      << workbook;
  EXPECT_NE(workbook.find("_xlnm.Print_Titles\" localSheetId=\"1\">'自评表'!$2:$3"),
            std::string::npos)
      << workbook;

  // Input cells use an unlocked style; styles.xml has exactly the unlocked ones.
  const std::string styles = Member(xlsx, "xl/styles.xml");
  EXPECT_NE(styles.find("<protection locked=\"0\"/>"), std::string::npos);
  // Fonts: the table's chosen family, 10.5 pt.
  EXPECT_NE(styles.find("<sz val=\"10.5\"/>"), std::string::npos) << styles;
  EXPECT_NE(styles.find("<name val=\"Noto Serif CJK SC\"/>"), std::string::npos);

  const std::string core = Member(xlsx, "docProps/core.xml");
  EXPECT_NE(core.find("<dc:title>测试单位2024年度部门整体支出绩效自评</dc:title>"),
            std::string::npos);
  EXPECT_NE(core.find("<dc:creator>测试单位</dc:creator>"), std::string::npos);
}

TEST_F(XlsxWriterTest, ChartsGoOnTheirOwnSheet) {
  RenderDocument doc = SampleDocument();
  doc.charts.resize(3);
  doc.charts[0].id = "budget_execution";
  doc.charts[0].title = "预算与执行（万元）";
  doc.charts[2].id = "scores";
  doc.charts[2].title = "得分";
  // The second chart has no picture and is left out.
  const std::string xlsx = WriteAndRead(doc, {kPng, "", kPng});
  Result<FlatDocument> flat = ReadXlsx(xlsx, "out.xlsx");
  ASSERT_TRUE(flat.ok()) << flat.status().message();
  ASSERT_EQ(flat->blocks.size(), 3u);
  EXPECT_EQ(flat->blocks[2].table.name, "图表");
  EXPECT_FALSE(Member(xlsx, "xl/media/image1.png").empty());
  const std::string drawing = Member(xlsx, "xl/drawings/drawing1.xml");
  EXPECT_NE(drawing.find("descr=\"预算与执行（万元）\""), std::string::npos) << drawing;
  EXPECT_NE(drawing.find("descr=\"得分\""), std::string::npos);
  // 1 px shown 640 px wide.
  EXPECT_NE(drawing.find("<a:ext cx=\"6096000\" cy=\"6096000\"/>"), std::string::npos) << drawing;
}

TEST_F(XlsxWriterTest, AnUnwritablePathIsAnIOErrorNamingIt) {
  const std::string path = Path("no-such-dir/out.xlsx");
  const Status s = WriteXlsx(SampleDocument(), {}, path);
  EXPECT_EQ(s.code(), Status::Code::kIOError);
  EXPECT_EQ(s.message().rfind("cannot write " + path + ": ", 0), 0u) << s.message();
}

TEST_F(XlsxWriterTest, BadTablesAreRefusedNamingTheCellAndNoFileIsLeft) {
  const std::string path = Path("bad.xlsx");
  {
    RenderDocument doc = SampleDocument();
    doc.tables[0].rows[1].cells[3].formula = "ROUND({9,2}/{1,1}*100,2)";
    const Status s = WriteXlsx(doc, {}, path);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(s.message(),
              path +
                  ": sheet \"基础数据表\" cell D4: formula \"ROUND({9,2}/{1,1}*100,2)\" "
                  "refers to {9,2}, outside the grid");
  }
  {
    RenderDocument doc = SampleDocument();
    doc.tables[1].rows[4].cells[2].formula = "{2,2}+{3,0}";  // {3,0} is under 产出指标's merge
    const Status s = WriteXlsx(doc, {}, path);
    EXPECT_EQ(s.message(),
              path +
                  ": sheet \"自评表\" cell C6: formula \"{2,2}+{3,0}\" refers to {3,0}, covered "
                  "by a merge");
  }
  {
    RenderDocument doc = SampleDocument();
    doc.tables[1].rows[4].cells[3].formula = "{2,3}+{3,x}";
    const Status s = WriteXlsx(doc, {}, path);
    EXPECT_EQ(s.message(),
              path + ": sheet \"自评表\" cell D6: malformed reference in formula \"{2,3}+{3,x}\"");
  }
  {
    RenderDocument doc = SampleDocument();
    doc.tables[0].rows[3].cells[0].covered = false;  // under 经费 (A5:A6) but not covered
    const Status s = WriteXlsx(doc, {}, path);
    EXPECT_EQ(s.message(), path +
                               ": sheet \"基础数据表\" cell A6: inside the merge starting at A5 "
                               "but not marked covered");
  }
  {
    RenderDocument doc = SampleDocument();
    doc.tables[0].rows[4].cells[1].column_span = 2;  // D7 stays covered, by nothing
    const Status s = WriteXlsx(doc, {}, path);
    EXPECT_EQ(s.message(),
              path + ": sheet \"基础数据表\" cell D7: marked covered but no merge covers it");
  }
  {
    RenderDocument doc = SampleDocument();
    doc.tables[0].rows[4].cells.pop_back();
    const Status s = WriteXlsx(doc, {}, path);
    EXPECT_EQ(s.message(), path + ": sheet \"基础数据表\" row 7: 3 cells in a grid of 4 columns");
  }
  {
    RenderDocument doc = SampleDocument();
    doc.tables[1].sheet_name = doc.tables[0].sheet_name;
    const Status s = WriteXlsx(doc, {}, path);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(s.message().rfind(path + ": sheet \"基础数据表\": ", 0), 0u) << s.message();
  }
  {
    RenderDocument doc = SampleDocument();
    doc.charts.resize(1);
    doc.charts[0].id = "scores";
    const Status s = WriteXlsx(doc, {"GIF89a"}, path);
    EXPECT_EQ(s.message(), path + ": chart 1 (scores) is not a PNG picture");
  }
  EXPECT_FALSE(fs::exists(path));
}

// The in-memory entry point (what the render fuzz target and atomic writers use): the same
// sheets as the file, no temporary folder left behind, on success or failure.
TEST_F(XlsxWriterTest, BytesInMemoryAreTheSameWorkbookAndLeaveNoTemporaryFolder) {
  const char* saved = std::getenv("TMPDIR");
  const std::string previous = saved != nullptr ? saved : "";
  const fs::path tmp = dir_ / "tmp";
  fs::create_directories(tmp);
  ::setenv("TMPDIR", tmp.c_str(), 1);

  RenderDocument doc = SampleDocument();
  doc.charts.resize(1);
  doc.charts[0].id = "scores";
  const std::string file = WriteAndRead(doc, {kPng});
  Result<std::string> bytes = WriteXlsxBytes(doc, {kPng});
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  for (const char* member :
       {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
        "xl/sharedStrings.xml", "xl/media/image1.png"}) {
    EXPECT_EQ(Member(*bytes, member), Member(file, member)) << member;
  }
  EXPECT_TRUE(fs::is_empty(tmp));

  RenderDocument bad = SampleDocument();
  bad.tables[0].rows[4].cells.pop_back();
  Result<std::string> refused = WriteXlsxBytes(bad, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(refused.status().message(),
            "the Excel workbook: sheet \"基础数据表\" row 7: 3 cells in a grid of 4 columns");
  EXPECT_TRUE(fs::is_empty(tmp));

  if (saved != nullptr) {
    ::setenv("TMPDIR", previous.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
}

// Every message of the writer exists in Chinese too.
TEST_F(XlsxWriterTest, MessagesInChinese) {
  ScopedMessageLanguage zh(Lang::kZh);
  RenderDocument bad = SampleDocument();
  bad.tables[0].rows[4].cells.pop_back();
  EXPECT_EQ(WriteXlsx(bad, {}, Path("bad.xlsx")).message(),
            Path("bad.xlsx") + "：工作表“基础数据表”第 7 行：有 3 个单元格，而网格有 4 列");
  RenderDocument formula = SampleDocument();
  formula.tables[1].rows[4].cells[2].formula = "{2,2}+{3,0}";
  Result<std::string> refused = WriteXlsxBytes(formula, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(
      refused.status().message(),
      "Excel 工作簿：工作表“自评表”单元格 C6：公式“{2,2}+{3,0}”引用了 {3,0}，该位置被合并区域覆盖");
  const std::string path = Path("no-such-dir/out.xlsx");
  EXPECT_EQ(WriteXlsx(SampleDocument(), {}, path).message().rfind("无法写出 " + path + "：", 0),
            0u);
}

}  // namespace
}  // namespace jixiao
