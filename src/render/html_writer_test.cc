// Tests of render/html_writer.h on a hand-built document: the page is well-formed (read back
// with pugixml), every text is escaped, merges become rowspan / colspan that rebuild the same
// grid, header rows go into <thead>, headings keep their levels, computed cells carry their
// pointer, charts are inline SVG with ids of their own, and nothing refers outside the page.
#include "render/html_writer.h"

#include <gtest/gtest.h>

#include <map>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include "render/charts.h"

namespace jixiao {
namespace {

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

TableCell Number(const char* text, CellRole role = CellRole::kInput, std::string pointer = "") {
  TableCell c;
  c.text = text;
  c.number = Decimal::Parse(text);
  c.align = Align::kRight;
  c.role = role;
  c.pointer = std::move(pointer);
  return c;
}

// 6 rows × 4 columns: two header rows ("项目" spans 2 rows and 2 columns), a 3-row merge in
// the first column of the body, and a total row whose label spans two columns.
//
//   项目 (2×2)      | 金额 (1×2)
//                   | 预算 | 执行
//   基本支出 (3×1) | 人员 | 10.00 | 9.50
//                  | 公用 | 5.00  | 4.80
//                  | <b>&" | 1 | 2
//   合计 (1×2)             | 16.00 | 15.30
RenderTable MergedTable() {
  RenderTable t;
  t.id = "basic_data";
  t.title = "附件1 基础数据表";
  t.subtitle = "单位：万元";
  t.column_widths = {300, 300, 400, 400};
  t.header_rows = 2;
  TableCell project = Cell("项目", true);
  project.row_span = 2;
  project.column_span = 2;
  TableCell amount = Cell("金额", true);
  amount.column_span = 2;
  t.rows.push_back({{project, Covered(), amount, Covered()}});
  t.rows.push_back({{Covered(), Covered(), Cell("预算", true), Cell("执行", true)}});
  TableCell basic = Cell("基本支出");
  basic.row_span = 3;
  t.rows.push_back({{basic, Cell("人员"), Number("10.00"), Number("9.50")}});
  t.rows.push_back({{Covered(), Cell("公用"), Number("5.00"), Number("4.80")}});
  t.rows.push_back({{Covered(), Cell("<b>&\""), Number("1"), Number("2")}});
  TableCell total = Cell("合计");
  total.column_span = 2;
  total.align = Align::kLeft;
  t.rows.push_back({{total, Covered(), Number("16.00", CellRole::kComputed, "/funds/budget"),
                     Number("15.30", CellRole::kComputed, "/funds/executed")}});
  t.rows.back().cant_split = false;
  return t;
}

Chart SmallChart(std::string id) {
  Chart c;
  c.id = std::move(id);
  c.title = "预算与执行";
  c.unit = "万元";
  c.categories = {"基本支出", "项目支出"};
  c.series = {{"预算数", {Decimal::FromInt(10), Decimal::FromInt(20)}},
              {"执行数", {Decimal::FromInt(9), Decimal::FromInt(19)}}};
  return c;
}

Block Heading(int level, std::string text) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.level = level;
  b.text = std::move(text);
  return b;
}

Block Paragraph(std::string text, bool generated = false) {
  Block b;
  b.kind = Block::Kind::kParagraph;
  b.text = std::move(text);
  b.generated = generated;
  return b;
}

Block Ref(Block::Kind kind, int index) {
  Block b;
  b.kind = kind;
  (kind == Block::Kind::kTable ? b.table : b.chart) = index;
  return b;
}

RenderDocument Document() {
  RenderDocument doc;
  doc.title = "零陵区科协 2024 年度绩效自评 <报告> & \"附件\"";
  doc.fonts.body.families = {"仿宋_GB2312", "仿宋", "Noto Serif CJK SC"};
  doc.fonts.heading1.families = {"黑体", "Noto Sans CJK SC"};
  doc.fonts.heading1.size_half_points = 32;
  doc.fonts.title.families = {"方正小标宋简体", "Noto Serif CJK SC"};
  doc.fonts.title.size_half_points = 44;
  doc.fonts.title.bold = true;
  doc.cover.title_lines = {"永州市零陵区科学技术协会", "2024年度部门整体支出绩效自评报告"};
  doc.cover.details = {"报送日期：2025年7月10日"};
  doc.body.push_back(Heading(1, "一、基本情况"));
  doc.body.push_back(Heading(2, "（一）部门职能"));
  doc.body.push_back(Paragraph("本单位负责全区科普工作 <script>alert(1)</script>。"));
  doc.body.push_back(Heading(3, "1. 预算执行"));
  doc.body.push_back(Paragraph("预算执行率为 98.25%，得分 9.83 分。", true));
  doc.body.push_back(Ref(Block::Kind::kChart, 0));
  doc.body.push_back(Ref(Block::Kind::kChart, 1));
  doc.body.push_back(Ref(Block::Kind::kChart, 2));  // its SVG is empty: left out
  Block page_break;
  page_break.kind = Block::Kind::kPageBreak;
  doc.body.push_back(page_break);
  doc.body.push_back(Ref(Block::Kind::kTable, 0));
  doc.tables.push_back(MergedTable());
  doc.charts = {SmallChart("budget_execution"), SmallChart("year_on_year"), SmallChart("none")};
  return doc;
}

std::vector<std::string> ChartSvgs(const RenderDocument& doc) {
  std::vector<std::string> svg;
  for (const Chart& c : doc.charts) {
    Result<std::string> s = ChartSvg(c);
    EXPECT_TRUE(s.ok()) << s.status().message();
    svg.push_back(s.ok() ? *s : "");
  }
  svg.back().clear();
  return svg;
}

struct Page {
  std::string html;
  pugi::xml_document dom;
};

// Writes the page and reads it back as XML; fails the test if it is not well-formed.
void Write(const RenderDocument& doc, const std::vector<std::string>& svg, Page* page) {
  page->html = WriteHtml(doc, svg);
  pugi::xml_parse_result r = page->dom.load_string(page->html.c_str());
  ASSERT_TRUE(r) << r.description() << " at byte " << r.offset << ": "
                 << page->html.substr(r.offset > 60 ? r.offset - 60 : 0, 120);
}

std::string Text(pugi::xml_node node) {
  std::string text;
  for (pugi::xpath_node n : node.select_nodes(".//text()")) text += n.node().value();
  return text;
}

TEST(HtmlWriter, WellFormedPageWithHeadMetadata) {
  Page page;
  RenderDocument doc = Document();
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &page));
  EXPECT_TRUE(page.html.starts_with("<!DOCTYPE html>\n"));
  pugi::xml_node html = page.dom.child("html");
  EXPECT_STREQ(html.attribute("lang").value(), "zh-CN");
  pugi::xml_node head = html.child("head");
  EXPECT_STREQ(head.find_child_by_attribute("meta", "charset", "utf-8").name(), "meta");
  EXPECT_STREQ(
      head.find_child_by_attribute("meta", "name", "viewport").attribute("content").value(),
      "width=device-width, initial-scale=1");
  EXPECT_STREQ(head.child_value("title"), "零陵区科协 2024 年度绩效自评 <报告> & \"附件\"");
  // Only inline style.
  EXPECT_TRUE(head.child("style"));
  EXPECT_FALSE(head.child("link"));
}

// The cover where the body places it, once; first when the body does not say.
TEST(HtmlWriter, TheCoverStandsWhereTheBodyPlacesIt) {
  RenderDocument doc = Document();
  Page first;
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &first));
  pugi::xml_node main = first.dom.child("html").child("body").child("main");
  EXPECT_STREQ(main.first_child().attribute("class").value(), "cover");
  Block cover;
  cover.kind = Block::Kind::kCover;
  doc.body.push_back(cover);
  Page last;
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &last));
  main = last.dom.child("html").child("body").child("main");
  EXPECT_STRNE(main.first_child().attribute("class").value(), "cover");
  EXPECT_STREQ(main.last_child().attribute("class").value(), "cover");
  EXPECT_EQ(main.select_nodes("header[@class='cover']").size(), 1u);
}

TEST(HtmlWriter, EveryTextIsEscaped) {
  Page page;
  RenderDocument doc = Document();
  doc.cover.details.push_back("<i>单位</i> & 'x'");
  doc.tables[0].subtitle = "单位：<万元>";
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &page));
  EXPECT_NE(page.html.find("<td>&lt;b&gt;&amp;&quot;</td>"), std::string::npos);
  EXPECT_EQ(page.html.find("<b>"), std::string::npos);
  EXPECT_EQ(page.html.find("<i>"), std::string::npos);
  EXPECT_EQ(page.html.find("<script"), std::string::npos);
  EXPECT_EQ(page.html.find("<万元>"), std::string::npos);
  // Read back, the texts are the document's.
  pugi::xpath_node cell = page.dom.select_node("//td[. = '<b>&\"']");
  EXPECT_TRUE(cell);
  EXPECT_TRUE(
      page.dom.select_node("//p[. = '本单位负责全区科普工作 <script>alert(1)</script>。']"));
  EXPECT_TRUE(page.dom.select_node("//header//p[. = \"<i>单位</i> & 'x'\"]"));
  EXPECT_TRUE(page.dom.select_node("//p[@class='table-subtitle'][. = '单位：<万元>']"));
}

TEST(HtmlWriter, LineBreaksBecomeBr) {
  RenderDocument doc;
  doc.body.push_back(Paragraph("第一行\n第二行 <x>"));
  Page page;
  ASSERT_NO_FATAL_FAILURE(Write(doc, {}, &page));
  EXPECT_NE(page.html.find("第一行<br/>第二行 &lt;x&gt;"), std::string::npos);
}

// Lays the parsed <table> out as a browser does (rowspan / colspan fill the grid left to
// right, top to bottom) and returns, for each grid position, the text of the cell covering it.
std::vector<std::vector<std::string>> LayOut(pugi::xml_node table, int columns) {
  std::vector<std::vector<std::string>> grid;
  std::vector<std::vector<bool>> taken;
  int r = 0;
  for (pugi::xpath_node tr : table.select_nodes(".//tr")) {
    auto ensure = [&](int rows) {
      while (static_cast<int>(grid.size()) < rows) {
        grid.emplace_back(columns, "?");
        taken.emplace_back(columns, false);
      }
    };
    ensure(r + 1);
    int c = 0;
    for (pugi::xml_node cell : tr.node().children()) {
      while (c < columns && taken[r][c]) ++c;
      int rs = cell.attribute("rowspan").as_int(1), cs = cell.attribute("colspan").as_int(1);
      ensure(r + rs);
      for (int i = r; i < r + rs; ++i) {
        for (int j = c; j < c + cs && j < columns; ++j) {
          EXPECT_FALSE(taken[i][j]) << "overlap at " << i << "," << j;
          taken[i][j] = true;
          grid[i][j] = Text(cell);
        }
      }
      c += cs;
    }
    ++r;
  }
  return grid;
}

TEST(HtmlWriter, MergesBecomeRowspanAndColspanThatRebuildTheGrid) {
  Page page;
  RenderDocument doc = Document();
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &page));
  pugi::xml_node table = page.dom.select_node("//table").node();
  ASSERT_TRUE(table);
  // Covered cells are not written: 2 + 2 + 4 + 3 + 3 + 3 cells.
  std::vector<int> per_row;
  for (pugi::xpath_node tr : table.select_nodes(".//tr")) {
    per_row.push_back(static_cast<int>(tr.node().select_nodes("th|td").size()));
  }
  EXPECT_EQ(per_row, (std::vector<int>{2, 2, 4, 3, 3, 3}));
  EXPECT_TRUE(table.select_node(".//td[@rowspan='3'][. = '基本支出']"));
  EXPECT_TRUE(table.select_node(".//th[@rowspan='2'][@colspan='2'][. = '项目']"));
  EXPECT_TRUE(table.select_node(".//td[@colspan='2'][. = '合计']"));
  EXPECT_EQ(table.select_nodes(".//*[@rowspan]").size(), 2u);
  EXPECT_EQ(table.select_nodes(".//*[@colspan]").size(), 3u);

  // Every grid position of the document is covered by the cell that the document merges it
  // into.
  const RenderTable& t = doc.tables[0];
  std::vector<std::vector<std::string>> expected(t.rows.size(), std::vector<std::string>(4));
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c = 0; c < 4; ++c) {
      const TableCell& cell = t.rows[r].cells[c];
      if (cell.covered) continue;
      for (int i = 0; i < cell.row_span; ++i) {
        for (int j = 0; j < cell.column_span; ++j) expected[r + i][c + j] = cell.text;
      }
    }
  }
  EXPECT_EQ(LayOut(table, 4), expected);
  // Widths in proportion.
  std::vector<std::string> widths;
  for (pugi::xpath_node col : table.select_nodes("colgroup/col")) {
    widths.push_back(col.node().attribute("style").value());
  }
  EXPECT_EQ(widths, (std::vector<std::string>{"width: 21.43%", "width: 21.43%", "width: 28.57%",
                                              "width: 28.57%"}));
}

// An empty row keeps the height of a line of text (table cells take `height` as their least).
TEST(HtmlWriter, EmptyRowsKeepALineOfHeight) {
  Page page;
  RenderDocument doc = Document();
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &page));
  const std::string style = page.dom.select_node("//style").node().child_value();
  const size_t cells = style.find("th, td {");
  ASSERT_NE(cells, std::string::npos) << style;
  const std::string rule = style.substr(cells, style.find('}', cells) - cells);
  EXPECT_NE(rule.find("height: 1.4em"), std::string::npos) << rule;
  EXPECT_NE(style.find("line-height: 1.4;"), std::string::npos) << "a line is 1.4em high";
}

TEST(HtmlWriter, HeaderRowsInTheadInsideAScrollingBox) {
  Page page;
  RenderDocument doc = Document();
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &page));
  pugi::xml_node table = page.dom.select_node("//div[@class='table-wrap']/table").node();
  ASSERT_TRUE(table);
  EXPECT_EQ(table.select_nodes("thead/tr").size(), 2u);
  EXPECT_EQ(table.select_nodes("tbody/tr").size(), 4u);
  EXPECT_EQ(table.select_nodes("thead//td").size(), 0u);
  EXPECT_EQ(table.select_nodes("tbody//th").size(), 0u);
  // The row that may split across pages says so.
  EXPECT_EQ(table.select_nodes("tbody/tr[@class='split']").size(), 1u);
  EXPECT_NE(page.html.find(".table-wrap { overflow-x: auto;"), std::string::npos);
}

namespace {

// A page of the one table `t`.
void WriteOneTable(const RenderTable& t, Page* page) {
  RenderDocument doc;
  doc.tables.push_back(t);
  doc.body.push_back(Ref(Block::Kind::kTable, 0));
  ASSERT_NO_FATAL_FAILURE(Write(doc, {}, page));
}

// A header row whose first cell "指标" is merged over three rows, `under` in the second row
// beneath it.
RenderTable TallHeaderTable(const TableCell& under) {
  RenderTable t;
  t.header_rows = 1;
  TableCell tall = Cell("指标", true);
  tall.row_span = 3;
  t.rows.push_back({{tall, Cell("值", true)}});
  t.rows.push_back({{under, Cell("1")}});
  t.rows.push_back({{Covered(), Cell("2")}});
  return t;
}

}  // namespace

// A merge from the header rows into the body is cut at the <thead>, and goes on below as an
// empty cell without a top border, so that only the header rows repeat on printed pages.
TEST(HtmlWriter, HeaderMergeReachingIntoTheBodyGoesOnBelowTheThead) {
  RenderTable t = TallHeaderTable(Covered());
  t.rows.push_back({{Cell("合计"), Cell("3")}});
  Page page;
  ASSERT_NO_FATAL_FAILURE(WriteOneTable(t, &page));
  EXPECT_EQ(page.dom.select_nodes("//thead/tr").size(), 1u);
  EXPECT_EQ(page.dom.select_nodes("//tbody/tr").size(), 3u);
  EXPECT_FALSE(page.dom.select_node("//thead//th[@rowspan]"));
  pugi::xml_node cont = page.dom.select_node("//tbody/tr[1]/th[@class='cont']").node();
  ASSERT_TRUE(cont);
  EXPECT_EQ(cont.attribute("rowspan").as_int(), 2);
  EXPECT_STREQ(cont.child_value(), "");
  EXPECT_NE(page.html.find("th.cont, td.cont { border-top-style: hidden; }"), std::string::npos);
  // The grid is whole: 合计 is in the first column of the last row.
  pugi::xml_node table = page.dom.select_node("//table").node();
  std::vector<std::vector<std::string>> grid = LayOut(table, 2);
  ASSERT_EQ(grid.size(), 4u);
  EXPECT_EQ(grid[3][0], "合计");
  EXPECT_EQ(grid[2][1], "2");
}

// A table whose merges do not match its grid is written as before: one table, its <thead>
// grown over a merge that reaches below the header rows.
TEST(HtmlWriter, ATableWithBrokenMergesGrowsItsThead) {
  // The second row's first cell is not covered, though the merge covers it.
  RenderTable t = TallHeaderTable(Cell("多余"));
  Page page;
  ASSERT_NO_FATAL_FAILURE(WriteOneTable(t, &page));
  EXPECT_EQ(page.dom.select_nodes("//thead/tr").size(), 3u);
  EXPECT_EQ(page.dom.select_nodes("//tbody/tr").size(), 0u);
}

// Rows that head a later part of the table (the 自评表's indicator headings) start a <table>
// of their own whose <thead> they are, so that a browser prints them again on every page the
// indicators run onto; a label merged from them down the indicators goes on below.
TEST(HtmlWriter, AHeadingInsideATableStartsAPartThatRepeatsIt) {
  RenderTable t;
  t.header_rows = 1;
  t.rows.push_back({{Cell("单位", true), Cell("科协", true)}});
  t.rows.push_back({{Cell("资金"), Cell("100")}});
  TableCell label = Cell("绩效指标", true);
  label.row_span = 3;
  t.rows.push_back({{label, Cell("三级指标", true)}});
  t.rows.push_back({{Covered(), Cell("培训人次")}});
  t.rows.push_back({{Covered(), Cell("满意度")}});
  t.rows.push_back({{Cell("总分"), Cell("95")}});
  t.row_headings.push_back({2, 1, 5});
  Page page;
  ASSERT_NO_FATAL_FAILURE(WriteOneTable(t, &page));
  pugi::xpath_node_set tables = page.dom.select_nodes("//div[@class='table-wrap']/table");
  ASSERT_EQ(tables.size(), 2u);
  pugi::xml_node first = tables[0].node(), second = tables[1].node();
  EXPECT_EQ(first.select_nodes("thead/tr").size(), 1u);
  EXPECT_EQ(first.select_nodes("tbody/tr").size(), 1u);
  EXPECT_STREQ(second.attribute("class").value(), "part");
  ASSERT_EQ(second.select_nodes("thead/tr").size(), 1u);
  EXPECT_EQ(Text(second.select_node("thead/tr/th[2]").node()), "三级指标");
  EXPECT_EQ(second.select_nodes("tbody/tr").size(), 3u);
  EXPECT_EQ(second.select_node("tbody/tr[1]/th[@class='cont']").node().attribute("rowspan")
                .as_int(),
            2);
  EXPECT_NE(page.html.find("table.part { margin-top: -1px; }"), std::string::npos);
  // Both parts together are the table's grid.
  std::vector<std::vector<std::string>> upper = LayOut(first, 2), lower = LayOut(second, 2);
  ASSERT_EQ(upper.size() + lower.size(), 6u);
  EXPECT_EQ(lower[0][0], "绩效指标");
  EXPECT_EQ(lower[1][1], "培训人次");
  EXPECT_EQ(lower[3][0], "总分");
}

// A heading whose rows a merge from above reaches into is no place to cut: one table.
TEST(HtmlWriter, NoPartWhereAMergeCrossesTheCut) {
  RenderTable t;
  TableCell tall = Cell("跨");
  tall.row_span = 2;
  t.rows.push_back({{tall, Cell("a")}});
  t.rows.push_back({{Covered(), Cell("b")}});
  t.row_headings.push_back({1, 1, 2});
  Page page;
  ASSERT_NO_FATAL_FAILURE(WriteOneTable(t, &page));
  EXPECT_EQ(page.dom.select_nodes("//table").size(), 1u);
  EXPECT_TRUE(page.dom.select_node("//td[@rowspan='2'][. = '跨']"));
}

TEST(HtmlWriter, SpansBeyondTheGridAreClamped) {
  RenderTable t;
  TableCell wide = Cell("x");
  wide.row_span = 9;
  wide.column_span = 7;
  t.rows.push_back({{wide, Covered()}});
  t.rows.push_back({{Covered(), Covered()}});
  RenderDocument doc;
  doc.tables.push_back(t);
  doc.body.push_back(Ref(Block::Kind::kTable, 0));
  doc.body.push_back(Ref(Block::Kind::kTable, 5));  // no such table: nothing
  Page page;
  ASSERT_NO_FATAL_FAILURE(Write(doc, {}, &page));
  pugi::xml_node td = page.dom.select_node("//td").node();
  EXPECT_EQ(td.attribute("rowspan").as_int(), 2);
  EXPECT_EQ(td.attribute("colspan").as_int(), 2);
  EXPECT_EQ(page.dom.select_nodes("//table").size(), 1u);
}

TEST(HtmlWriter, HeadingLevels) {
  Page page;
  RenderDocument doc = Document();
  doc.body.push_back(Heading(0, "零级"));
  doc.body.push_back(Heading(9, "九级"));
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &page));
  pugi::xml_node main = page.dom.select_node("//main").node();
  auto texts = [&](const char* tag) {
    std::vector<std::string> out;
    for (pugi::xpath_node n : main.select_nodes((std::string(".//") + tag).c_str())) {
      out.push_back(Text(n.node()));
    }
    return out;
  };
  EXPECT_EQ(texts("h1"), (std::vector<std::string>{"一、基本情况", "零级"}));
  EXPECT_EQ(texts("h2"), (std::vector<std::string>{"（一）部门职能"}));
  EXPECT_EQ(texts("h3"), (std::vector<std::string>{"1. 预算执行"}));
  EXPECT_EQ(texts("h6"), (std::vector<std::string>{"九级"}));
}

TEST(HtmlWriter, GeneratedParagraphsAndComputedCellsAreMarked) {
  Page page;
  RenderDocument doc = Document();
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &page));
  pugi::xpath_node_set generated = page.dom.select_nodes("//p[contains(@class, 'generated')]");
  ASSERT_EQ(generated.size(), 1u);
  EXPECT_EQ(Text(generated.first().node()), "预算执行率为 98.25%，得分 9.83 分。");
  // The marker is for the screen only.
  EXPECT_NE(page.html.find("@media screen { p.generated {"), std::string::npos);

  std::map<std::string, std::string> computed;
  for (pugi::xpath_node n : page.dom.select_nodes("//td[contains(@class, 'computed')]")) {
    computed[Text(n.node())] = n.node().attribute("data-pointer").value();
  }
  EXPECT_EQ(computed, (std::map<std::string, std::string>{{"16.00", "/funds/budget"},
                                                          {"15.30", "/funds/executed"}}));
  // Numbers right-aligned as the document says; the total's label left-aligned.
  EXPECT_EQ(page.dom.select_nodes("//td[contains(@class, 'ar')][contains(@class, 'num')]").size(),
            8u);
  EXPECT_TRUE(page.dom.select_node("//td[@class='al'][. = '合计']"));
}

TEST(HtmlWriter, ChartsAreInlineSvgFiguresWithTheirOwnIds) {
  Page page;
  RenderDocument doc = Document();
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &page));
  pugi::xpath_node_set figures = page.dom.select_nodes("//figure");
  ASSERT_EQ(figures.size(), 2u);  // the third chart's SVG is empty
  for (pugi::xpath_node f : figures) {
    EXPECT_TRUE(f.node().child("svg"));
    EXPECT_STREQ(f.node().child_value("figcaption"), "预算与执行");
    EXPECT_STREQ(f.node().child("svg").child_value("title"), "预算与执行");
  }
  // cairo numbers glyphs from 1 in every chart; in the page every id is unique and every
  // reference points at an id of the page.
  std::set<std::string> ids;
  size_t id_count = 0;
  for (pugi::xpath_node n : page.dom.select_nodes("//*[@id]")) {
    ids.insert(n.node().attribute("id").value());
    ++id_count;
  }
  EXPECT_GT(id_count, 10u);
  EXPECT_EQ(ids.size(), id_count);
  size_t references = 0;
  for (pugi::xpath_node n : page.dom.select_nodes("//*[@href]")) {
    std::string href = n.node().attribute("href").value();
    ASSERT_TRUE(href.starts_with("#")) << href;
    EXPECT_TRUE(ids.count(href.substr(1))) << href;
    ++references;
  }
  EXPECT_GT(references, 10u);
  EXPECT_EQ(page.html.find("xlink:"), std::string::npos);
  EXPECT_EQ(page.html.find("xmlns"), std::string::npos);
  EXPECT_EQ(page.html.find("<?xml"), std::string::npos);
}

TEST(HtmlWriter, HostileSvgIsDisarmed) {
  RenderDocument doc;
  doc.charts.push_back(SmallChart("x"));
  doc.charts.push_back(SmallChart("y"));
  doc.body.push_back(Ref(Block::Kind::kChart, 0));
  doc.body.push_back(Ref(Block::Kind::kChart, 1));
  std::vector<std::string> svg = {
      "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><script>alert(2)</script>"
      "<style>@import url(https://example.com/x.css);</style>"
      "<image href='https://example.com/a.png'/><use xlink:href='//example.com/s.svg#a'/>"
      "<rect id='r' style='fill: url(https://example.com/p#q)'/><use xlink:href='#r'/>"
      "<rect style=\"clip-path: url('#r')\"/>"
      "<foreignObject><div>x</div></foreignObject><a href='https://example.com'>y</a></svg>",
      "not xml <"};
  Page page;
  ASSERT_NO_FATAL_FAILURE(Write(doc, svg, &page));
  EXPECT_EQ(page.dom.select_nodes("//figure").size(), 1u);  // the second is not XML
  for (const char* bad : {"http", "//", "@import", "<script", "onload", "foreignObject"}) {
    EXPECT_EQ(page.html.find(bad), std::string::npos) << bad;
  }
  EXPECT_TRUE(page.dom.select_node("//use[@href='#chart0-r']"));
  EXPECT_TRUE(page.dom.select_node("//rect[@id='chart0-r']"));
  EXPECT_TRUE(page.dom.select_node("//rect[@style=\"clip-path: url('#chart0-r')\"]"));
}

TEST(HtmlWriter, NoExternalReferences) {
  Page page;
  RenderDocument doc = Document();
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &page));
  for (const char* bad :
       {"http", "//", "@import", "<script", "<link", "src=", "url(", "@font-face"}) {
    EXPECT_EQ(page.html.find(bad), std::string::npos) << bad;
  }
}

TEST(HtmlWriter, PrintRulesFromThePageSetUp) {
  Page page;
  RenderDocument doc = Document();
  ASSERT_NO_FATAL_FAILURE(Write(doc, ChartSvgs(doc), &page));
  for (const char* rule :
       {"@page { size: A4; margin: 37mm 26mm 35mm 28mm;", "counter(page)",
        "thead { display: table-header-group; }", "tr { break-inside: avoid;", "@media print {",
        "hr.page-break { border: 0; margin: 0; height: 0; break-after: page;", "max-width: 50em",
        "@page wide { size: A4 landscape;"}) {
    EXPECT_NE(page.html.find(rule), std::string::npos) << rule;
  }
  EXPECT_EQ(page.dom.select_nodes("//hr[@class='page-break']").size(), 1u);

  doc.page.margin_left = 255;
  doc.page.page_numbers = false;
  doc.page.landscape = true;
  ASSERT_NO_FATAL_FAILURE(Write(doc, {}, &page));
  EXPECT_NE(page.html.find("@page { size: A4 landscape; margin: 37mm 26mm 35mm 25.5mm; }"),
            std::string::npos);
  EXPECT_EQ(page.html.find("counter(page)"), std::string::npos);
}

TEST(HtmlWriter, FontStacksFromTheFormThenGeneric) {
  Page page;
  RenderDocument doc = Document();
  doc.fonts.body.family = "Noto Serif CJK SC";  // chosen on this machine: first
  doc.fonts.table.families = {"宋体\"; } body { color: red", "SimSun"};
  ASSERT_NO_FATAL_FAILURE(Write(doc, {}, &page));
  EXPECT_NE(page.html.find("font-family: \"Noto Serif CJK SC\", \"仿宋_GB2312\", \"仿宋\", serif;"),
            std::string::npos);
  EXPECT_NE(page.html.find("h1 { font-family: \"黑体\", \"Noto Sans CJK SC\", sans-serif;"),
            std::string::npos);
  // A hostile family name stays inside its string.
  EXPECT_NE(page.html.find("font-family: \"宋体  body  color: red\", \"SimSun\", serif;"),
            std::string::npos);
  // Sizes in rem on screen, relative to the body; points in print.
  EXPECT_NE(
      page.html.find(".cover-title p { font-family: \"方正小标宋简体\", \"Noto Serif CJK SC\", "
                     "serif; font-size: 1.547rem; font-weight: bold;"),
      std::string::npos);
  EXPECT_NE(page.html.find(".cover-title p { font-size: 22pt; }"), std::string::npos);
}

TEST(HtmlWriter, EmptyDocumentIsStillAPage) {
  Page page;
  ASSERT_NO_FATAL_FAILURE(Write(RenderDocument{}, {}, &page));
  EXPECT_STREQ(page.dom.select_node("//title").node().child_value(), "绩效自评报告");
  EXPECT_TRUE(page.dom.select_node("//body/main"));
}

}  // namespace
}  // namespace jixiao
