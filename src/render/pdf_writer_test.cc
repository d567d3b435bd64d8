// The native PDF writer on documents built here: pages read back by poppler (pdftotext,
// pdfinfo), so what is checked is what a reader sees — the header rows on every page of a long
// table, a merged label carried over a page with “（续）”, landscape pages, page numbers, the
// same bytes for the same document — and the errors that name their place. Tests that read
// the PDF back skip where poppler-utils is absent.
#include "render/pdf_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

TableCell Cell(std::string text, bool header = false) {
  TableCell c;
  c.text = std::move(text);
  c.header = header;
  return c;
}

TableCell Covered() {
  TableCell c;
  c.covered = true;
  return c;
}

Block Text(Block::Kind kind, std::string text, int level = 0) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  b.level = level;
  return b;
}

Block TableBlock(int t) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = t;
  return b;
}

RenderDocument Base() {
  RenderDocument doc;
  doc.title = "测试文档";
  doc.unit_name = "测试单位";
  for (FontRole* role : {&doc.fonts.title, &doc.fonts.heading1, &doc.fonts.heading2,
                         &doc.fonts.body, &doc.fonts.table, &doc.fonts.table_header}) {
    role->families = {"Noto Serif CJK SC"};
    role->size_half_points = 24;
  }
  return doc;
}

// A table of `rows` body rows under one header row ("指标名称 | 分值"); the first column of the
// body is one label merged over every row ("产出指标"), the second the row's number.
RenderTable LongTable(int rows) {
  RenderTable t;
  t.id = "long";
  t.title = "长表";
  t.column_widths = {400, 800, 400};
  t.header_rows = 1;
  t.rows.push_back({{Cell("一级指标", true), Cell("指标名称", true), Cell("分值", true)}});
  for (int r = 0; r < rows; ++r) {
    TableRow row;
    if (r == 0) {
      TableCell label = Cell("产出指标");
      label.row_span = rows;
      row.cells.push_back(label);
    } else {
      row.cells.push_back(Covered());
    }
    row.cells.push_back(Cell("第" + std::to_string(r + 1) + "行"));
    row.cells.push_back(Cell(std::to_string(r + 1)));
    t.rows.push_back(row);
  }
  return t;
}

class PdfWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jixiao-pdf-writer-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  static bool HavePoppler() {
    return testing::Shell(
               "command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo "
               ">/dev/null 2>&1") == 0;
  }
  // Writes the document's PDF to a file; its path.
  std::string Written(const RenderDocument& doc) {
    Result<std::string> pdf = WritePdf(doc);
    EXPECT_TRUE(pdf.ok()) << pdf.status().message();
    const std::string path = (dir_ / ("doc" + std::to_string(++count_) + ".pdf")).string();
    EXPECT_TRUE(WriteFileAtomically(path, pdf.ok() ? *pdf : std::string()).ok());
    return path;
  }
  static std::string Run(const std::string& command) {
    bool ok = false;
    std::string out = testing::Capture(command, &ok);
    EXPECT_TRUE(ok) << command;
    return out;
  }
  static int Pages(const std::string& path) {
    return std::atoi(Run("pdfinfo '" + path + "' | sed -n 's/^Pages: *//p'").c_str());
  }
  static std::string PageText(const std::string& path, int page) {
    return Run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
               path + "' -");
  }
  // The page number as pdftotext reads it: "— 1 —" with the spaces dropped (they are narrow
  // gaps, not glyphs, in the PDF).
  static bool Numbered(const std::string& text, int number) {
    return text.find("—" + std::to_string(number) + "—") != std::string::npos ||
           text.find("— " + std::to_string(number) + " —") != std::string::npos;
  }

  fs::path dir_;
  int count_ = 0;
};

TEST_F(PdfWriterTest, TheSameDocumentGivesTheSameBytes) {
  RenderDocument doc = Base();
  doc.cover.title_lines = {"测试单位", "2024年度部门整体支出绩效自评报告"};
  doc.body.push_back(Text(Block::Kind::kHeading, "一、基本情况", 1));
  doc.body.push_back(Text(Block::Kind::kParagraph, "预算执行率为98.25%。"));
  doc.tables.push_back(LongTable(3));
  doc.body.push_back(TableBlock(0));
  Result<std::string> a = WritePdf(doc);
  Result<std::string> b = WritePdf(doc);
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(a->rfind("%PDF-1.5", 0), 0u);
  EXPECT_NE(a->find("%%EOF", a->size() - 8), std::string::npos);
}

TEST_F(PdfWriterTest, ALongTableRepeatsItsHeaderAndCarriesItsLabel) {
  if (!HavePoppler()) GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is absent";
  RenderDocument doc = Base();
  doc.tables.push_back(LongTable(120));
  doc.body.push_back(TableBlock(0));
  const std::string path = Written(doc);
  const int pages = Pages(path);
  ASSERT_GE(pages, 3);
  int rows_seen = 0;
  for (int p = 1; p <= pages; ++p) {
    const std::string text = PageText(path, p);
    EXPECT_NE(text.find("指标名称"), std::string::npos) << "no header on page " << p;
    // The label is printed on its first page, and continued on every later one.
    EXPECT_NE(text.find(p == 1 ? "产出指标" : "产出指标（续）"), std::string::npos)
        << "page " << p << ":\n"
        << text;
    for (int r = 1; r <= 120; ++r) {
      if (text.find("第" + std::to_string(r) + "行\n") != std::string::npos) ++rows_seen;
    }
  }
  EXPECT_EQ(rows_seen, 120) << "every row once, none lost at a page break";
  EXPECT_EQ(PageText(path, 1).find("（续）"), std::string::npos);
}

// A heading row inside the table (the 自评表's indicator headings under its unit row) is
// printed again on every page that continues the rows it heads, under the leading header row.
TEST_F(PdfWriterTest, AHeadingInsideATableRepeatsOverWhatItHeads) {
  if (!HavePoppler()) GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is absent";
  RenderDocument doc = Base();
  RenderTable t = LongTable(100);
  // Row 0 becomes the unit row; a new heading row (1) heads the 100 rows below it.
  TableRow unit;
  unit.cells = {Cell("单位名称", true), Cell("测试单位"), Covered()};
  unit.cells[1].column_span = 2;
  t.rows.insert(t.rows.begin(), unit);
  for (TableCell& c : t.rows[1].cells) c.header = false;
  t.header_rows = 1;
  t.row_headings.push_back({1, 1, static_cast<int>(t.rows.size())});
  doc.tables.push_back(t);
  doc.body.push_back(TableBlock(0));
  const std::string path = Written(doc);
  const int pages = Pages(path);
  ASSERT_GE(pages, 3);
  for (int p = 1; p <= pages; ++p) {
    const std::string text = PageText(path, p);
    EXPECT_NE(text.find("单位名称"), std::string::npos) << "page " << p;
    EXPECT_NE(text.find("指标名称"), std::string::npos) << "page " << p;
  }
}

TEST_F(PdfWriterTest, PagesAreNumberedAfterTheCoverAndALandscapeTableTurnsThePage) {
  if (!HavePoppler()) GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is absent";
  RenderDocument doc = Base();
  doc.cover.title_lines = {"封面标题"};
  doc.body.push_back(Text(Block::Kind::kParagraph, "正文第一页。"));
  RenderTable wide = LongTable(2);
  wide.landscape = true;
  doc.tables.push_back(wide);
  doc.body.push_back(TableBlock(0));
  doc.body.push_back(Text(Block::Kind::kParagraph, "表后的正文。"));
  const std::string path = Written(doc);
  ASSERT_EQ(Pages(path), 4);
  const std::string sizes = Run("pdfinfo -f 1 -l 4 '" + path + "' | grep 'size:'");
  EXPECT_NE(sizes.find("Page    1 size:  595.276 x 841.89"), std::string::npos) << sizes;
  EXPECT_NE(sizes.find("Page    3 size:  841.89 x 595.276"), std::string::npos) << sizes;
  EXPECT_NE(sizes.find("Page    4 size:  595.276 x 841.89"), std::string::npos) << sizes;
  EXPECT_EQ(PageText(path, 1).find("—"), std::string::npos);
  EXPECT_TRUE(Numbered(PageText(path, 2), 1));
  EXPECT_TRUE(Numbered(PageText(path, 3), 2));
  EXPECT_NE(PageText(path, 4).find("表后的正文"), std::string::npos);
}

TEST_F(PdfWriterTest, ParagraphsBreakAcrossPagesAndHeadingsStayWithTheirText) {
  if (!HavePoppler()) GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is absent";
  RenderDocument doc = Base();
  std::string long_text;
  for (int i = 0; i < 60; ++i) long_text += "本单位严格执行预算管理制度，资金使用规范。";
  doc.body.push_back(Text(Block::Kind::kParagraph, long_text));
  doc.body.push_back(Text(Block::Kind::kHeading, "二、绩效目标完成情况", 1));
  doc.body.push_back(Text(Block::Kind::kParagraph, "结尾一句。"));
  const std::string path = Written(doc);
  const int pages = Pages(path);
  ASSERT_GE(pages, 2);
  std::string all;
  for (int p = 1; p <= pages; ++p) {
    const std::string text = PageText(path, p);
    // A heading is never the last line of its page.
    const size_t heading = text.find("二、绩效目标完成情况");
    if (heading != std::string::npos) {
      EXPECT_NE(text.find("结尾一句", heading), std::string::npos) << "page " << p;
    }
    all += text;
  }
  // Every character of the long paragraph is there (pdftotext breaks lines; join them).
  std::string joined;
  for (char c : all) {
    if (c != '\n' && c != '\f') joined += c;
  }
  EXPECT_EQ(joined.find(long_text.substr(0, 60)), joined.find("本单位"));
  size_t count = 0;
  for (size_t at = joined.find("资金使用规范"); at != std::string::npos;
       at = joined.find("资金使用规范", at + 1))
    ++count;
  EXPECT_EQ(count, 60u);
}

TEST_F(PdfWriterTest, ChartsAreDrawnAsText) {
  if (!HavePoppler()) GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is absent";
  RenderDocument doc = Base();
  Chart chart;
  chart.id = "budget";
  chart.title = "预算与执行（万元）";
  chart.categories = {"基本支出", "项目支出"};
  chart.series = {{"预算数", {Decimal::Parse("127.10").value(), Decimal::Parse("37").value()}},
                  {"执行数", {Decimal::Parse("124.88").value(), Decimal::Parse("29.56").value()}}};
  doc.charts.push_back(chart);
  Block b;
  b.kind = Block::Kind::kChart;
  b.chart = 0;
  doc.body.push_back(b);
  const std::string text = PageText(Written(doc), 1);
  for (const char* s : {"预算与执行", "基本支出", "124.88", "29.56"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << " in:\n" << text;
  }
}

TEST_F(PdfWriterTest, AnEmptyDocumentIsOnePage) {
  Result<std::string> pdf = WritePdf(Base());
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  if (!HavePoppler()) GTEST_SKIP() << "poppler-utils (pdfinfo) is absent";
  EXPECT_EQ(Pages(Written(Base())), 1);
}

TEST_F(PdfWriterTest, ErrorsNameTheirPlace) {
  RenderDocument doc = Base();
  doc.tables.push_back(LongTable(2));
  doc.body.push_back(TableBlock(0));
  doc.tables[0].rows[2].cells[1].text = "坏\xff字";
  EXPECT_EQ(WritePdf(doc).status().message(),
            "cannot write the PDF: table 1 (long), row 3, column 2: the text is not UTF-8 at "
            "byte 3");

  doc.tables[0].rows[2].cells[1].text = "好";
  doc.tables[0].rows[1].cells[2].covered = true;
  EXPECT_EQ(WritePdf(doc).status().message(),
            "cannot write the PDF: table 1 (long), row 2, column 3: covered, but no merge "
            "covers it");

  doc.tables[0].rows[1].cells[2].covered = false;
  doc.body.push_back(TableBlock(4));
  EXPECT_EQ(WritePdf(doc).status().message(), "cannot write the PDF: block 2: there is no table 5");
  doc.body.pop_back();

  Chart empty;
  empty.id = "empty";
  doc.charts.push_back(empty);
  Block chart;
  chart.kind = Block::Kind::kChart;
  chart.chart = 0;
  doc.body.push_back(chart);
  const Status s = WritePdf(doc).status();
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.message(), "cannot write the PDF: chart 1 (empty): chart empty: no category");
}

}  // namespace
}  // namespace jixiao
