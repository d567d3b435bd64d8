// Tests of the Word writer on hand-built RenderDocuments: the result is read back with our own
// DOCX reader (import/docx_reader.h: paragraphs, cell texts, merges on the grid) and its parts
// are inspected with pugixml (fonts on every run, page set-up and sections, table markup,
// pictures, styles, footers), plus the exact error messages for text XML cannot hold and for
// grids whose merges do not match, and byte-for-byte determinism.
#include "render/docx_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "base/lang.h"
#include "import/docx_reader.h"
#include "import/zip_archive.h"

namespace jixiao {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// ---------------------------------------------------------------------------------------------
// Fixtures.

TableCell Cell(std::string text, bool header = false, Align align = Align::kCenter) {
  TableCell c;
  c.text = std::move(text);
  c.header = header;
  c.align = align;
  return c;
}
TableCell Covered() {
  TableCell c;
  c.covered = true;
  return c;
}

// A 4 × 4 table: a header row whose 金额 spans two columns, and 资金 merged over three rows.
RenderTable MergedTable() {
  RenderTable t;
  t.id = "merges";
  t.title = "附件1 合并单元格表";
  t.subtitle = "单位：万元";
  t.column_widths = {300, 250, 250, 400};
  t.header_rows = 1;
  TableCell amount = Cell("金额", true);
  amount.column_span = 2;
  TableCell funds = Cell("资金", false, Align::kLeft);
  funds.row_span = 3;
  t.rows = {
      {{Cell("项目", true), amount, Covered(), Cell("备注", true)}, true},
      {{funds, Cell("预算", false, Align::kRight), Cell("执行"), Cell("a")}, true},
      {{Covered(), Cell("1.00", false, Align::kRight), Cell("2.00"), Cell("b")}, false},
      {{Covered(), Cell("3.00", false, Align::kRight), Cell("4.00"), Cell("c\nd")}, true},
  };
  return t;
}

RenderTable LandscapeTable() {
  RenderTable t;
  t.id = "wide";
  t.title = "附件2 横向表";
  t.column_widths = {1200, 1200};
  t.header_rows = 1;
  t.landscape = true;
  t.rows = {{{Cell("指标", true), Cell("得分", true)}, true},
            {{Cell("满意度"), Cell("9.80")}, true}};
  return t;
}

Block Heading(std::string text, int level) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.text = std::move(text);
  b.level = level;
  return b;
}
Block Paragraph(std::string text, bool indent = true) {
  Block b;
  b.text = std::move(text);
  b.first_line_indent = indent;
  return b;
}
Block TableBlock(int table) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = table;
  return b;
}
Block ChartBlock(int chart) {
  Block b;
  b.kind = Block::Kind::kChart;
  b.chart = chart;
  return b;
}
Block PageBreak() {
  Block b;
  b.kind = Block::Kind::kPageBreak;
  return b;
}

FontRole Role(std::vector<std::string> families, std::string family, int size, bool bold) {
  FontRole r;
  r.families = std::move(families);
  r.family = std::move(family);
  r.size_half_points = size;
  r.bold = bold;
  return r;
}

RenderDocument SampleDocument() {
  RenderDocument doc;
  doc.form_id = "test";
  doc.title = "2024年度部门整体支出绩效自评报告";
  doc.unit_name = "示例科学技术协会";
  doc.fiscal_year = 2024;
  doc.fonts.title = Role({"方正小标宋简体", "宋体"}, "", 44, false);
  doc.fonts.heading1 = Role({"黑体"}, "", 32, false);
  doc.fonts.heading2 = Role({"楷体_GB2312", "楷体"}, "楷体", 32, true);
  doc.fonts.body = Role({"仿宋_GB2312", "仿宋"}, "", 32, false);
  doc.fonts.table = Role({"宋体"}, "", 21, false);
  doc.fonts.table_header = Role({"黑体"}, "", 21, false);
  doc.cover.title_lines = {"示例科学技术协会", "2024年度部门整体支出绩效自评报告"};
  doc.cover.details = {"单位名称：示例科学技术协会", "报送日期：2025年7月10日"};
  doc.body = {
      Heading("一、基本情况", 1),
      Heading("（一）单位概况", 2),
      Paragraph("本单位编制8人，实有在职7人。"),
      Paragraph("第一行\n第二行\t制表 <&> \"引号\"", false),
      ChartBlock(0),
      PageBreak(),
      Heading("二、附表", 1),
      Heading("1. 三级标题", 3),
      TableBlock(0),
      TableBlock(1),
      Paragraph("（完）"),
  };
  doc.tables = {MergedTable(), LandscapeTable()};
  Chart chart;
  chart.id = "budget";
  chart.title = "预算与执行";
  chart.unit = "万元";
  chart.categories = {"基本支出", "项目支出"};
  chart.series = {{"预算数", {*Decimal::Parse("100"), *Decimal::Parse("24.88")}},
                  {"执行数", {*Decimal::Parse("98.5"), Decimal::Invalid()}}};
  doc.charts = {chart};
  return doc;
}

std::string Write(const RenderDocument& doc) {
  Result<std::string> bytes = WriteDocx(doc);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  return bytes.ok() ? std::move(bytes).value() : std::string();
}

std::string Part(const std::string& docx, const std::string& name) {
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::Open(docx, "out.docx");
  EXPECT_TRUE(zip.ok()) << zip.status().message();
  if (!zip.ok()) return "";
  Result<std::string> part = (*zip)->Read(name);
  EXPECT_TRUE(part.ok()) << part.status().message();
  return part.ok() ? std::move(part).value() : std::string();
}

bool HasPart(const std::string& docx, const std::string& name) {
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::Open(docx, "out.docx");
  return zip.ok() && (*zip)->Has(name);
}

struct Xml {
  pugi::xml_document doc;
  explicit Xml(const std::string& text) {
    const pugi::xml_parse_result r = doc.load_string(text.c_str());
    EXPECT_TRUE(r) << r.description();
  }
  pugi::xpath_node_set All(const char* xpath) const { return doc.select_nodes(xpath); }
  pugi::xml_node One(const char* xpath) const { return doc.select_node(xpath).node(); }
};

std::string Attr(pugi::xml_node n, const char* name) { return n.attribute(name).value(); }

// The texts of the non-empty paragraphs our reader reads.
std::vector<std::string> ParagraphTexts(const FlatDocument& flat) {
  std::vector<std::string> out;
  for (const FlatBlock& b : flat.blocks) {
    if (b.kind == FlatBlock::Kind::kParagraph && !b.paragraph.text.empty()) {
      out.push_back(b.paragraph.text);
    }
  }
  return out;
}

std::vector<const FlatTable*> Tables(const FlatDocument& flat) {
  std::vector<const FlatTable*> out;
  for (const FlatBlock& b : flat.blocks) {
    if (b.kind == FlatBlock::Kind::kTable) out.push_back(&b.table);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Read back with our reader.

TEST(DocxWriter, ReadsBackThroughOurReader) {
  const std::string docx = Write(SampleDocument());
  Result<FlatDocument> flat = ReadDocx(docx, "out.docx");
  ASSERT_TRUE(flat.ok()) << flat.status().message();
  EXPECT_THAT(ParagraphTexts(*flat),
              ElementsAre("示例科学技术协会", "2024年度部门整体支出绩效自评报告",
                          "单位名称：示例科学技术协会", "报送日期：2025年7月10日", "一、基本情况",
                          "（一）单位概况", "本单位编制8人，实有在职7人。",
                          "第一行\n第二行\t制表 <&> \"引号\"", "二、附表", "1. 三级标题",
                          "附件1 合并单元格表", "单位：万元", "附件2 横向表", "（完）"));

  const std::vector<const FlatTable*> tables = Tables(*flat);
  ASSERT_EQ(tables.size(), 2u);
  const FlatTable& t = *tables[0];
  ASSERT_EQ(t.rows.size(), 4u);
  for (const FlatRow& row : t.rows) ASSERT_EQ(row.cells.size(), 4u);
  // Header: 金额 spans columns 2–3.
  EXPECT_EQ(t.rows[0].cells[0].text, "项目");
  EXPECT_EQ(t.rows[0].cells[1].text, "金额");
  EXPECT_EQ(t.rows[0].cells[1].column_span, 2);
  EXPECT_TRUE(t.rows[0].cells[2].covered);
  EXPECT_EQ(t.rows[0].cells[3].text, "备注");
  // 资金 spans rows 2–4.
  EXPECT_EQ(t.rows[1].cells[0].text, "资金");
  EXPECT_EQ(t.rows[1].cells[0].row_span, 3);
  EXPECT_EQ(t.rows[1].cells[0].column_span, 1);
  EXPECT_TRUE(t.rows[2].cells[0].covered);
  EXPECT_TRUE(t.rows[3].cells[0].covered);
  EXPECT_FALSE(t.rows[1].cells[1].covered);
  EXPECT_EQ(t.rows[2].cells[1].text, "1.00");
  EXPECT_EQ(t.rows[3].cells[2].text, "4.00");
  EXPECT_EQ(t.rows[3].cells[3].text, "c\nd");  // two paragraphs in the cell

  const FlatTable& wide = *tables[1];
  ASSERT_EQ(wide.rows.size(), 2u);
  EXPECT_EQ(wide.rows[1].cells[0].text, "满意度");
  EXPECT_EQ(wide.rows[1].cells[1].text, "9.80");
}

TEST(DocxWriter, ALargerMergeAndSpanInsideTheBody) {
  // A merge two columns wide and two rows tall in the middle of the grid.
  RenderDocument doc;
  RenderTable t;
  t.column_widths = {200, 200, 200, 200};
  TableCell block = Cell("块");
  block.row_span = 2;
  block.column_span = 2;
  t.rows = {{{Cell("a"), block, Covered(), Cell("b")}, true},
            {{Cell("c"), Covered(), Covered(), Cell("d")}, true},
            {{Cell("e"), Cell("f"), Cell("g"), Cell("h")}, true}};
  doc.tables = {t};
  doc.body = {TableBlock(0)};
  const std::string docx = Write(doc);
  Result<FlatDocument> flat = ReadDocx(docx, "out.docx");
  ASSERT_TRUE(flat.ok()) << flat.status().message();
  ASSERT_EQ(Tables(*flat).size(), 1u);
  const FlatTable& read = *Tables(*flat)[0];
  ASSERT_EQ(read.rows.size(), 3u);
  EXPECT_EQ(read.rows[0].cells[1].text, "块");
  EXPECT_EQ(read.rows[0].cells[1].row_span, 2);
  EXPECT_EQ(read.rows[0].cells[1].column_span, 2);
  EXPECT_TRUE(read.rows[1].cells[1].covered);
  EXPECT_TRUE(read.rows[1].cells[2].covered);
  EXPECT_EQ(read.rows[1].cells[3].text, "d");
  EXPECT_EQ(read.rows[2].cells[2].text, "g");
  // The continuation cell spans two grid columns, as its origin does.
  Xml xml(Part(docx, "word/document.xml"));
  const pugi::xml_node row1 = xml.One("//w:tbl/w:tr[2]");
  ASSERT_TRUE(row1);
  const pugi::xml_node cont = row1.select_node("w:tc[2]").node();
  EXPECT_EQ(Attr(cont.select_node("w:tcPr/w:gridSpan").node(), "w:val"), "2");
  EXPECT_TRUE(cont.select_node("w:tcPr/w:vMerge").node());
  EXPECT_EQ(Attr(cont.select_node("w:tcPr/w:vMerge").node(), "w:val"), "");
  EXPECT_EQ(row1.select_nodes("w:tc").size(), 3u);
}

// ---------------------------------------------------------------------------------------------
// Fonts, paragraphs, styles.

TEST(DocxWriter, EveryRunCarriesItsRolesFontInAllFourSlots) {
  const std::string docx = Write(SampleDocument());
  Xml xml(Part(docx, "word/document.xml"));
  const pugi::xpath_node_set runs = xml.All("//w:r");
  ASSERT_GT(runs.size(), 20u);
  for (const pugi::xpath_node& r : runs) {
    const pugi::xml_node fonts = r.node().select_node("w:rPr/w:rFonts").node();
    ASSERT_TRUE(fonts) << "a run without w:rFonts";
    const std::string east = Attr(fonts, "w:eastAsia");
    EXPECT_FALSE(east.empty());
    EXPECT_EQ(Attr(fonts, "w:ascii"), east);
    EXPECT_EQ(Attr(fonts, "w:hAnsi"), east);
    EXPECT_EQ(Attr(fonts, "w:cs"), east);
    EXPECT_TRUE(r.node().select_node("w:rPr/w:sz").node());
    EXPECT_TRUE(r.node().select_node("w:rPr/w:szCs").node());
  }
  const auto run_of = [&](const std::string& text) {
    const std::string xpath = "//w:r[w:t='" + text + "']";
    return xml.One(xpath.c_str());
  };
  const auto font = [](pugi::xml_node run) {
    return Attr(run.select_node("w:rPr/w:rFonts").node(), "w:eastAsia");
  };
  const auto size = [](pugi::xml_node run) {
    return Attr(run.select_node("w:rPr/w:sz").node(), "w:val");
  };
  const auto bold = [](pugi::xml_node run) {
    return static_cast<bool>(run.select_node("w:rPr/w:b").node());
  };
  // The first candidate when no family was chosen; the chosen family otherwise.
  EXPECT_EQ(font(run_of("示例科学技术协会")), "方正小标宋简体");
  EXPECT_EQ(size(run_of("示例科学技术协会")), "44");
  EXPECT_EQ(font(run_of("单位名称：示例科学技术协会")), "仿宋_GB2312");
  EXPECT_EQ(font(run_of("一、基本情况")), "黑体");
  EXPECT_FALSE(bold(run_of("一、基本情况")));
  EXPECT_EQ(font(run_of("（一）单位概况")), "楷体");
  EXPECT_TRUE(bold(run_of("（一）单位概况")));
  EXPECT_EQ(font(run_of("1. 三级标题")), "仿宋_GB2312");
  EXPECT_TRUE(bold(run_of("1. 三级标题")));
  EXPECT_EQ(font(run_of("本单位编制8人，实有在职7人。")), "仿宋_GB2312");
  EXPECT_EQ(size(run_of("本单位编制8人，实有在职7人。")), "32");
  EXPECT_EQ(font(run_of("项目")), "黑体");  // header cell
  EXPECT_TRUE(bold(run_of("项目")));
  EXPECT_EQ(font(run_of("1.00")), "宋体");
  EXPECT_EQ(size(run_of("1.00")), "21");
  EXPECT_FALSE(bold(run_of("1.00")));
  EXPECT_EQ(font(run_of("附件1 合并单元格表")), "宋体");
  EXPECT_EQ(size(run_of("附件1 合并单元格表")), "32");
}

// The font table describes every family the runs name once, with the role's other candidates
// as w:altName for a reader that lacks it, Chinese names marked GB2312 and 黑体 as sans.
TEST(DocxWriter, TheFontTableGivesEachNamedFamilyItsAlternates) {
  const std::string docx = Write(SampleDocument());
  EXPECT_THAT(Part(docx, "[Content_Types].xml"), HasSubstr("/word/fontTable.xml"));
  EXPECT_THAT(Part(docx, "word/_rels/document.xml.rels"), HasSubstr("Target=\"fontTable.xml\""));
  Xml xml(Part(docx, "word/fontTable.xml"));
  std::map<std::string, pugi::xml_node> fonts;
  for (const pugi::xpath_node& f : xml.All("/w:fonts/w:font")) {
    EXPECT_TRUE(fonts.emplace(Attr(f.node(), "w:name"), f.node()).second)
        << "named twice: " << Attr(f.node(), "w:name");
  }
  std::vector<std::string> names,
      expected = {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体", "宋体"};
  for (const auto& [name, node] : fonts) names.push_back(name);  // sorted by the map
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(names, expected);
  const pugi::xml_node body = fonts.at("仿宋_GB2312");
  EXPECT_EQ(Attr(body.child("w:altName"), "w:val"), "仿宋");
  EXPECT_EQ(Attr(body.child("w:charset"), "w:val"), "86");
  EXPECT_EQ(Attr(body.child("w:family"), "w:val"), "roman");
  EXPECT_EQ(Attr(fonts.at("楷体").child("w:altName"), "w:val"), "楷体_GB2312");
  EXPECT_FALSE(fonts.at("黑体").child("w:altName"));
  EXPECT_EQ(Attr(fonts.at("黑体").child("w:family"), "w:val"), "swiss");
}

TEST(DocxWriter, BodyParagraphsHaveTheIndentAndFixedSpacing) {
  const std::string docx = Write(SampleDocument());
  Xml xml(Part(docx, "word/document.xml"));
  const pugi::xml_node p = xml.One("//w:p[w:r/w:t='本单位编制8人，实有在职7人。']");
  ASSERT_TRUE(p);
  const pugi::xml_node spacing = p.select_node("w:pPr/w:spacing").node();
  EXPECT_EQ(Attr(spacing, "w:line"), "560");
  EXPECT_EQ(Attr(spacing, "w:lineRule"), "exact");
  const pugi::xml_node ind = p.select_node("w:pPr/w:ind").node();
  EXPECT_EQ(Attr(ind, "w:firstLineChars"), "200");
  EXPECT_EQ(Attr(ind, "w:firstLine"), "640");  // two 16-point characters
  EXPECT_EQ(Attr(p.select_node("w:pPr/w:jc").node(), "w:val"), "both");
  // first_line_indent = false: no indent; '\n' is a w:br and '\t' a w:tab in one run.
  const pugi::xml_node plain = xml.One("//w:p[w:r/w:t='第一行']");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain.select_node("w:pPr/w:ind").node());
  EXPECT_EQ(plain.select_nodes("w:r").size(), 1u);
  EXPECT_EQ(plain.select_nodes("w:r/w:br").size(), 1u);
  EXPECT_EQ(plain.select_nodes("w:r/w:tab").size(), 1u);
  // Headings: their style, kept with the next paragraph.
  const pugi::xml_node h = xml.One("//w:p[w:r/w:t='（一）单位概况']");
  EXPECT_EQ(Attr(h.select_node("w:pPr/w:pStyle").node(), "w:val"), "Heading2");
  EXPECT_TRUE(h.select_node("w:pPr/w:keepNext").node());
  EXPECT_EQ(Attr(h.select_node("w:pPr/w:spacing").node(), "w:line"), "560");
  // The cover's title lines use the Title style, centred.
  const pugi::xml_node title = xml.One("//w:p[w:r/w:t='示例科学技术协会']");
  EXPECT_EQ(Attr(title.select_node("w:pPr/w:pStyle").node(), "w:val"), "Title");
  EXPECT_EQ(Attr(title.select_node("w:pPr/w:jc").node(), "w:val"), "center");
}

TEST(DocxWriter, StylesGiveHeadingsOutlineLevels) {
  const std::string docx = Write(SampleDocument());
  Xml xml(Part(docx, "word/styles.xml"));
  const pugi::xml_node normal = xml.One("//w:style[@w:styleId='Normal']");
  ASSERT_TRUE(normal);
  EXPECT_EQ(Attr(normal, "w:default"), "1");
  EXPECT_TRUE(xml.One("//w:style[@w:styleId='Title']"));
  for (int level = 1; level <= 3; ++level) {
    const std::string xpath = "//w:style[@w:styleId='Heading" + std::to_string(level) + "']";
    const pugi::xml_node h = xml.One(xpath.c_str());
    ASSERT_TRUE(h) << level;
    EXPECT_EQ(Attr(h.select_node("w:name").node(), "w:val"), "heading " + std::to_string(level));
    EXPECT_EQ(Attr(h.select_node("w:pPr/w:outlineLvl").node(), "w:val"), std::to_string(level - 1));
  }
  EXPECT_EQ(Attr(xml.One("//w:style[@w:styleId='Heading1']/w:rPr/w:rFonts"), "w:eastAsia"), "黑体");
  const pugi::xml_node defaults = xml.One("//w:docDefaults/w:rPrDefault/w:rPr/w:rFonts");
  EXPECT_EQ(Attr(defaults, "w:eastAsia"), "仿宋_GB2312");
}

// ---------------------------------------------------------------------------------------------
// Pages and sections.

TEST(DocxWriter, PageSetupCoverAndLandscapeSection) {
  const std::string docx = Write(SampleDocument());
  Xml xml(Part(docx, "word/document.xml"));
  const pugi::xpath_node_set sections = xml.All("//w:sectPr");
  // The cover; the report up to the landscape table; the landscape table; the rest.
  ASSERT_EQ(sections.size(), 4u);
  const auto sect = [&](size_t i) { return sections[i].node(); };
  for (size_t i = 0; i < 4; ++i) {
    const pugi::xml_node margins = sect(i).child("w:pgMar");
    EXPECT_EQ(Attr(margins, "w:top"), "2098");     // 37 mm
    EXPECT_EQ(Attr(margins, "w:bottom"), "1984");  // 35 mm
    EXPECT_EQ(Attr(margins, "w:left"), "1587");    // 28 mm
    EXPECT_EQ(Attr(margins, "w:right"), "1474");   // 26 mm
    EXPECT_EQ(sect(i).select_nodes("w:footerReference[@w:type='default']").size(), 1u);
  }
  const auto size = [&](size_t i) {
    const pugi::xml_node s = sect(i).child("w:pgSz");
    return Attr(s, "w:w") + "x" + Attr(s, "w:h") + Attr(s, "w:orient");
  };
  EXPECT_EQ(size(0), "11906x16838");
  EXPECT_EQ(size(1), "11906x16838");
  EXPECT_EQ(size(2), "16838x11906landscape");
  EXPECT_EQ(size(3), "11906x16838");
  // The cover: a title page whose footer is the empty one.
  EXPECT_TRUE(sect(0).child("w:titlePg"));
  EXPECT_EQ(sect(0).select_nodes("w:footerReference[@w:type='first']").size(), 1u);
  for (size_t i = 1; i < 4; ++i) EXPECT_FALSE(sect(i).child("w:titlePg")) << i;
  // Numbering restarts at 1 after the cover, and only there.
  EXPECT_EQ(Attr(sect(1).child("w:pgNumType"), "w:start"), "1");
  EXPECT_FALSE(sect(2).child("w:pgNumType"));
  // The cover's section rides on its last detail; the final one closes the body.
  EXPECT_EQ(std::string(sect(0).parent().parent().select_node("w:r/w:t").node().text().get()),
            "报送日期：2025年7月10日");
  EXPECT_STREQ(sect(3).parent().name(), "w:body");
  // The landscape section holds exactly the landscape table.
  const pugi::xml_node wide_title = xml.One("//w:p[w:r/w:t='附件2 横向表']");
  const pugi::xml_node end_of_portrait = sect(1).parent().parent();
  const pugi::xml_node end_of_landscape = sect(2).parent().parent();
  EXPECT_EQ(end_of_portrait.next_sibling(), wide_title);
  EXPECT_STREQ(end_of_landscape.previous_sibling().name(), "w:tbl");
}

// A cover the body places after the tables (零陵's order): the sections before it end where
// it starts, it is a title page of its own, and the report after it numbers from 1 again.
TEST(DocxWriter, ACoverInTheMiddleIsASectionOfItsOwn) {
  RenderDocument doc = SampleDocument();
  Block cover;
  cover.kind = Block::Kind::kCover;
  doc.body = {TableBlock(0), cover, Heading("一、基本情况", 1), Paragraph("正文。")};
  Xml xml(Part(Write(doc), "word/document.xml"));
  const pugi::xpath_node_set sections = xml.All("//w:sectPr");
  // The table; the cover; the report.
  ASSERT_EQ(sections.size(), 3u);
  const auto sect = [&](size_t i) { return sections[i].node(); };
  EXPECT_FALSE(sect(0).child("w:titlePg"));
  EXPECT_FALSE(sect(0).child("w:pgNumType"));
  EXPECT_TRUE(sect(1).child("w:titlePg"));
  EXPECT_EQ(Attr(sect(2).child("w:pgNumType"), "w:start"), "1");
  // The cover's section rides on its last detail, right after the table's closing paragraph.
  const pugi::xml_node cover_end = sect(1).parent().parent();
  EXPECT_EQ(std::string(cover_end.select_node("w:r/w:t").node().text().get()),
            "报送日期：2025年7月10日");
  const pugi::xml_node first_title = xml.One("//w:p[w:r/w:t='示例科学技术协会']");
  EXPECT_EQ(sect(0).parent().parent().next_sibling(), first_title);
  // The cover is printed once, where the body puts it.
  EXPECT_EQ(xml.All("//w:p[w:r/w:t='示例科学技术协会']").size(), 1u);
  EXPECT_EQ(xml.One("//w:body").first_child().name(), std::string("w:p"));  // the table title
}

// Rows that head a later part of a table (the 自评表's indicator heading) start a w:tbl of their
// own, marked to repeat, joined to the part above by a point-high paragraph; a label merged from
// the heading row down is written as two merges with no border between them.
TEST(DocxWriter, AHeadingInsideATableStartsAPartThatRepeatsIt) {
  RenderTable t;
  t.id = "evaluation";
  t.column_widths = {300, 300};
  t.header_rows = 1;
  TableCell indicators = Cell("绩效指标");
  indicators.row_span = 4;
  t.rows = {{{Cell("单位名称"), Cell("示例单位")}, true}, {{Cell("资金"), Cell("153.53")}, true},
            {{indicators, Cell("一级指标", true)}, true}, {{Covered(), Cell("产出指标")}, true},
            {{Covered(), Cell("效益指标")}, true},        {{Covered(), Cell("满意度指标")}, true},
            {{Cell("总分"), Cell("100")}, true}};
  t.row_headings = {{2, 1, 6}};
  RenderDocument doc = SampleDocument();
  doc.tables = {t};
  doc.body = {TableBlock(0)};
  Xml xml(Part(Write(doc), "word/document.xml"));
  const pugi::xpath_node_set tables = xml.All("//w:tbl");
  ASSERT_EQ(tables.size(), 2u);
  const pugi::xml_node first = tables[0].node(), second = tables[1].node();
  EXPECT_EQ(first.select_nodes("w:tr").size(), 2u);
  EXPECT_EQ(second.select_nodes("w:tr").size(), 5u);
  EXPECT_TRUE(first.select_node("w:tr[1]/w:trPr/w:tblHeader"));
  EXPECT_FALSE(first.select_node("w:tr[2]/w:trPr/w:tblHeader"));
  EXPECT_TRUE(second.select_node("w:tr[1]/w:trPr/w:tblHeader"));
  EXPECT_FALSE(second.select_node("w:tr[2]/w:trPr/w:tblHeader"));
  // Joined by one paragraph a point high.
  const pugi::xml_node joint = first.next_sibling();
  EXPECT_STREQ(joint.name(), "w:p");
  EXPECT_EQ(joint.next_sibling(), second);
  EXPECT_EQ(Attr(joint.child("w:pPr").child("w:spacing"), "w:line"), "20");
  // 绩效指标: alone in the heading row (no bottom border), then a merge over the three rows
  // below it (no top border), and the 总分 row after them.
  const pugi::xml_node heading_cell = second.select_node("w:tr[1]/w:tc[1]").node();
  EXPECT_FALSE(heading_cell.child("w:tcPr").child("w:vMerge"));
  EXPECT_EQ(Attr(heading_cell.child("w:tcPr").child("w:tcBorders").child("w:bottom"), "w:val"),
            "nil");
  const pugi::xml_node below = second.select_node("w:tr[2]/w:tc[1]").node();
  EXPECT_EQ(Attr(below.child("w:tcPr").child("w:vMerge"), "w:val"), "restart");
  EXPECT_EQ(Attr(below.child("w:tcPr").child("w:tcBorders").child("w:top"), "w:val"), "nil");
  EXPECT_TRUE(second.select_node("w:tr[4]/w:tc[1]/w:tcPr/w:vMerge[not(@w:val)]"));
  EXPECT_FALSE(second.select_node("w:tr[5]/w:tc[1]/w:tcPr/w:vMerge"));
  // Read back as one document: every cell's text once.
  EXPECT_EQ(xml.All("//w:t[.='绩效指标']").size(), 1u);
}

TEST(DocxWriter, FooterHoldsThePageField) {
  const std::string docx = Write(SampleDocument());
  Xml footer(Part(docx, "word/footer1.xml"));
  EXPECT_EQ(std::string(footer.One("//w:instrText").text().get()), " PAGE ");
  EXPECT_EQ(footer.All("//w:fldChar").size(), 3u);
  std::string text;
  for (const pugi::xpath_node& t : footer.All("//w:t")) text += t.node().text().get();
  EXPECT_EQ(text, "— 1 —");
  EXPECT_EQ(Attr(footer.One("//w:p/w:pPr/w:jc"), "w:val"), "center");
  Xml first(Part(docx, "word/footer2.xml"));
  EXPECT_EQ(first.All("//w:t").size(), 0u);
  Xml rels(Part(docx, "word/_rels/document.xml.rels"));
  EXPECT_EQ(Attr(rels.One("//*[@Id='rId3']"), "Target"), "footer1.xml");
  EXPECT_EQ(Attr(rels.One("//*[@Id='rId4']"), "Target"), "footer2.xml");
}

TEST(DocxWriter, WithoutPageNumbersThereAreNoFooters) {
  RenderDocument doc = SampleDocument();
  doc.page.page_numbers = false;
  const std::string docx = Write(doc);
  EXPECT_FALSE(HasPart(docx, "word/footer1.xml"));
  Xml xml(Part(docx, "word/document.xml"));
  EXPECT_EQ(xml.All("//w:footerReference").size(), 0u);
  EXPECT_EQ(xml.All("//w:titlePg").size(), 0u);
  EXPECT_THAT(Part(docx, "[Content_Types].xml"), Not(HasSubstr("footer")));
}

TEST(DocxWriter, ALandscapeDocumentHasNoExtraSections) {
  RenderDocument doc = SampleDocument();
  doc.page.landscape = true;
  doc.cover = {};
  const std::string docx = Write(doc);
  Xml xml(Part(docx, "word/document.xml"));
  ASSERT_EQ(xml.All("//w:sectPr").size(), 1u);
  EXPECT_EQ(Attr(xml.One("//w:sectPr/w:pgSz"), "w:orient"), "landscape");
  EXPECT_EQ(Attr(xml.One("//w:sectPr/w:pgSz"), "w:w"), "16838");
}

TEST(DocxWriter, PageBreaksRideOnTheNextParagraph) {
  const std::string docx = Write(SampleDocument());
  Xml xml(Part(docx, "word/document.xml"));
  const pugi::xml_node h = xml.One("//w:p[w:r/w:t='二、附表']");
  EXPECT_TRUE(h.select_node("w:pPr/w:pageBreakBefore").node());
  EXPECT_EQ(xml.All("//w:pageBreakBefore").size(), 1u);
  EXPECT_EQ(xml.All("//w:br[@w:type='page']").size(), 0u);

  // Before a table without a caption: a page-break run. Before a new section: nothing.
  RenderDocument doc = SampleDocument();
  doc.tables[0].title.clear();
  doc.tables[0].subtitle.clear();
  doc.body = {Paragraph("前"), PageBreak(), TableBlock(0), PageBreak(), TableBlock(1)};
  Xml second(Part(Write(doc), "word/document.xml"));
  EXPECT_EQ(second.All("//w:br[@w:type='page']").size(), 1u);
  EXPECT_EQ(second.All("//w:pageBreakBefore").size(), 0u);
  EXPECT_EQ(Attr(second.One("//w:r[w:br]/w:rPr/w:rFonts"), "w:eastAsia"), "仿宋_GB2312");
}

TEST(DocxWriter, ATableWithoutRowsIsOnlyItsCaption) {
  RenderDocument doc = SampleDocument();
  doc.tables[0].rows.clear();
  doc.body = {Paragraph("前"), TableBlock(0), Paragraph("后")};
  const std::string docx = Write(doc);
  Xml xml(Part(docx, "word/document.xml"));
  EXPECT_EQ(xml.All("//w:tbl").size(), 0u);
  Result<FlatDocument> flat = ReadDocx(docx, "out.docx");
  ASSERT_TRUE(flat.ok()) << flat.status().message();
  EXPECT_THAT(ParagraphTexts(*flat),
              ElementsAre("示例科学技术协会", "2024年度部门整体支出绩效自评报告",
                          "单位名称：示例科学技术协会", "报送日期：2025年7月10日", "前",
                          "附件1 合并单元格表", "单位：万元", "后"));
}

// ---------------------------------------------------------------------------------------------
// Tables.

TEST(DocxWriter, TableMarkup) {
  const std::string docx = Write(SampleDocument());
  Xml xml(Part(docx, "word/document.xml"));
  const pugi::xml_node tbl = xml.One("//w:tbl");
  ASSERT_TRUE(tbl);
  std::vector<std::string> grid;
  for (const pugi::xpath_node& col : tbl.select_nodes("w:tblGrid/w:gridCol")) {
    grid.push_back(Attr(col.node(), "w:w"));
  }
  EXPECT_THAT(grid, ElementsAre("1701", "1417", "1417", "2268"));
  EXPECT_EQ(Attr(tbl.select_node("w:tblPr/w:tblW").node(), "w:w"), "6803");
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    const std::string xpath = std::string("w:tblPr/w:tblBorders/w:") + side;
    const pugi::xml_node b = tbl.select_node(xpath.c_str()).node();
    EXPECT_EQ(Attr(b, "w:val"), "single") << side;
    EXPECT_EQ(Attr(b, "w:sz"), "4") << side;
  }
  const pugi::xpath_node_set rows = tbl.select_nodes("w:tr");
  ASSERT_EQ(rows.size(), 4u);
  const auto row = [&](size_t i) { return rows[i].node(); };
  EXPECT_TRUE(row(0).select_node("w:trPr/w:tblHeader").node());
  EXPECT_FALSE(row(1).select_node("w:trPr/w:tblHeader").node());
  EXPECT_TRUE(row(1).select_node("w:trPr/w:cantSplit").node());
  EXPECT_FALSE(row(2).select_node("w:trPr/w:cantSplit").node());  // cant_split = false
  // Covered cells to the right of a span are not written.
  EXPECT_EQ(row(0).select_nodes("w:tc").size(), 3u);
  const pugi::xml_node amount = row(0).select_node("w:tc[2]").node();
  EXPECT_EQ(Attr(amount.select_node("w:tcPr/w:gridSpan").node(), "w:val"), "2");
  EXPECT_EQ(Attr(amount.select_node("w:tcPr/w:tcW").node(), "w:w"), "2834");
  // The vertical merge: restart on the origin, continuation below.
  const auto vmerge = [&](size_t r) {
    return row(r).select_node("w:tc[1]/w:tcPr/w:vMerge").node();
  };
  EXPECT_EQ(Attr(vmerge(1), "w:val"), "restart");
  for (size_t r = 2; r < 4; ++r) {
    ASSERT_TRUE(vmerge(r)) << r;
    EXPECT_FALSE(vmerge(r).attribute("w:val")) << r;
    EXPECT_EQ(row(r).select_nodes("w:tc").size(), 4u);
  }
  // Vertically centred cells; text aligned per the cell.
  for (const pugi::xpath_node& tc : tbl.select_nodes("w:tr/w:tc")) {
    EXPECT_EQ(Attr(tc.node().select_node("w:tcPr/w:vAlign").node(), "w:val"), "center");
  }
  EXPECT_EQ(Attr(row(1).select_node("w:tc[1]/w:p/w:pPr/w:jc").node(), "w:val"), "left");
  EXPECT_EQ(Attr(row(1).select_node("w:tc[2]/w:p/w:pPr/w:jc").node(), "w:val"), "right");
  EXPECT_EQ(Attr(row(1).select_node("w:tc[3]/w:p/w:pPr/w:jc").node(), "w:val"), "center");
  // Title above the table, kept with it.
  const pugi::xml_node title = tbl.previous_sibling().previous_sibling();
  EXPECT_EQ(std::string(title.select_node("w:r/w:t").node().text().get()), "附件1 合并单元格表");
  EXPECT_TRUE(title.select_node("w:pPr/w:keepNext").node());
  EXPECT_EQ(Attr(title.select_node("w:pPr/w:jc").node(), "w:val"), "center");
}

TEST(DocxWriter, TablesWithoutWidthsShareTheTextWidth) {
  RenderDocument doc;
  RenderTable t;
  t.rows = {{{Cell("a"), Cell("b")}, true}};
  doc.tables = {t};
  doc.body = {TableBlock(0)};
  Xml xml(Part(Write(doc), "word/document.xml"));
  // (11906 − 1587 − 1474) / 2
  EXPECT_EQ(xml.All("//w:gridCol[@w:w='4422']").size(), 2u);
}

// ---------------------------------------------------------------------------------------------
// Charts.

TEST(DocxWriter, ChartsAreNativeChartParts) {
  const std::string docx = Write(SampleDocument());
  EXPECT_FALSE(HasPart(docx, "word/media/chart1.png"));
  Xml types(Part(docx, "[Content_Types].xml"));
  EXPECT_EQ(Attr(types.One("//*[@PartName='/word/charts/chart1.xml']"), "ContentType"),
            "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
  Xml rels(Part(docx, "word/_rels/document.xml.rels"));
  const pugi::xml_node rel = rels.One("//*[@Target='charts/chart1.xml']");
  ASSERT_TRUE(rel);
  EXPECT_EQ(Attr(rel, "Type"),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart");
  Xml xml(Part(docx, "word/document.xml"));
  const pugi::xml_node data = xml.One("//wp:inline/a:graphic/a:graphicData");
  EXPECT_EQ(Attr(data, "uri"), "http://schemas.openxmlformats.org/drawingml/2006/chart");
  EXPECT_EQ(Attr(data.child("c:chart"), "r:id"), Attr(rel, "Id"));
  // 640 px at 96 dpi is wider than the text: the text width, 16:9.
  const pugi::xml_node extent = xml.One("//wp:inline/wp:extent");
  EXPECT_EQ(Attr(extent, "cx"), std::to_string((11906 - 1587 - 1474) * 635));
  EXPECT_EQ(Attr(extent, "cy"), std::to_string((11906 - 1587 - 1474) * 635 * 360 / 640));
  EXPECT_EQ(Attr(xml.One("//wp:docPr"), "descr"), "预算与执行");
  EXPECT_EQ(Attr(xml.One("//w:drawing/../../w:pPr/w:jc"), "w:val"), "center");
}

TEST(DocxWriter, AChartPartHoldsItsDataExactly) {
  Xml chart(Part(Write(SampleDocument()), "word/charts/chart1.xml"));
  EXPECT_EQ(Attr(chart.One("//c:barChart/c:barDir"), "val"), "col");
  EXPECT_EQ(Attr(chart.One("//c:barChart/c:grouping"), "val"), "clustered");
  EXPECT_EQ(std::string(chart.One("/c:chartSpace/c:chart/c:title//a:t").text().get()),
            "预算与执行");
  EXPECT_EQ(std::string(chart.One("//c:valAx/c:title//a:t").text().get()), "单位：万元");
  const pugi::xpath_node_set series = chart.All("//c:ser");
  ASSERT_EQ(series.size(), 2u);
  const auto texts = [](pugi::xml_node node, const char* xpath) {
    std::vector<std::string> out;
    for (const pugi::xpath_node& n : node.select_nodes(xpath)) out.push_back(n.node().text().get());
    return out;
  };
  const pugi::xml_node budget = series[0].node();
  const pugi::xml_node spent = series[1].node();
  EXPECT_THAT(texts(budget, "c:tx//c:v"), ElementsAre("预算数"));
  EXPECT_EQ(std::string(budget.select_node("c:tx/c:strRef/c:f").node().text().get()),
            "Sheet1!$B$1");
  EXPECT_THAT(texts(budget, "c:cat//c:v"), ElementsAre("基本支出", "项目支出"));
  EXPECT_EQ(std::string(budget.select_node("c:cat/c:strRef/c:f").node().text().get()),
            "Sheet1!$A$2:$A$3");
  EXPECT_THAT(texts(budget, "c:val//c:v"), ElementsAre("100", "24.88"));
  EXPECT_EQ(std::string(spent.select_node("c:val/c:numRef/c:f").node().text().get()),
            "Sheet1!$C$2:$C$3");
  // No value is no point; the count stays.
  EXPECT_THAT(texts(spent, "c:val//c:v"), ElementsAre("98.5"));
  EXPECT_EQ(Attr(spent.select_node("c:val//c:ptCount").node(), "val"), "2");
  EXPECT_EQ(Attr(spent.select_node("c:val//c:pt").node(), "idx"), "0");
  // The colours of every format; values printed on the bars.
  EXPECT_EQ(Attr(budget.select_node("c:spPr/a:solidFill/a:srgbClr").node(), "val"), "1F4E79");
  EXPECT_EQ(Attr(spent.select_node("c:spPr/a:solidFill/a:srgbClr").node(), "val"), "8FAADC");
  EXPECT_EQ(Attr(budget.select_node("c:dLbls/c:showVal").node(), "val"), "1");
  // Two series: a legend. Every text in the table font, Latin and East-Asian.
  EXPECT_TRUE(chart.One("//c:legend"));
  for (const pugi::xpath_node& ea : chart.All("//a:ea")) {
    EXPECT_EQ(Attr(ea.node(), "typeface"), "宋体");
  }
  EXPECT_GT(chart.All("//a:ea").size(), 4u);
}

TEST(DocxWriter, HorizontalBarsRunTopDownWithTheValueAxisBelow) {
  RenderDocument doc = SampleDocument();
  doc.charts[0].kind = Chart::Kind::kHorizontalBars;
  doc.charts[0].series.pop_back();
  doc.charts[0].unit.clear();
  Xml chart(Part(Write(doc), "word/charts/chart1.xml"));
  EXPECT_EQ(Attr(chart.One("//c:barChart/c:barDir"), "val"), "bar");
  EXPECT_EQ(Attr(chart.One("//c:catAx/c:scaling/c:orientation"), "val"), "maxMin");
  EXPECT_EQ(Attr(chart.One("//c:catAx/c:axPos"), "val"), "l");
  EXPECT_EQ(Attr(chart.One("//c:valAx/c:crosses"), "val"), "max");
  EXPECT_FALSE(chart.One("//c:legend"));         // one series
  EXPECT_FALSE(chart.One("//c:valAx/c:title"));  // no unit
}

TEST(DocxWriter, AChartWithoutDataIsLeftOut) {
  for (const bool no_categories : {true, false}) {
    RenderDocument doc = SampleDocument();
    if (no_categories) {
      doc.charts[0].categories.clear();
    } else {
      doc.charts[0].series[0].values.pop_back();
    }
    const std::string docx = Write(doc);
    EXPECT_FALSE(HasPart(docx, "word/charts/chart1.xml"));
    EXPECT_THAT(Part(docx, "[Content_Types].xml"), Not(HasSubstr("chart")));
    Xml xml(Part(docx, "word/document.xml"));
    EXPECT_EQ(xml.All("//w:drawing").size(), 0u);
  }
}

// ---------------------------------------------------------------------------------------------
// The package.

TEST(DocxWriter, PackagePartsAndProperties) {
  const std::string docx = Write(SampleDocument());
  Xml types(Part(docx, "[Content_Types].xml"));
  for (const char* part : {"/word/document.xml", "/word/styles.xml", "/word/settings.xml",
                           "/word/footer1.xml", "/docProps/core.xml", "/docProps/app.xml"}) {
    const std::string xpath = std::string("//*[@PartName='") + part + "']";
    EXPECT_TRUE(types.One(xpath.c_str())) << part;
  }
  Xml root(Part(docx, "_rels/.rels"));
  EXPECT_EQ(Attr(root.One("//*[@Id='rId1']"), "Target"), "word/document.xml");
  Xml core(Part(docx, "docProps/core.xml"));
  EXPECT_EQ(std::string(core.One("//dc:title").text().get()), "2024年度部门整体支出绩效自评报告");
  EXPECT_EQ(std::string(core.One("//dc:creator").text().get()), "示例科学技术协会");
  Xml app(Part(docx, "docProps/app.xml"));
  EXPECT_EQ(std::string(app.One("//Company").text().get()), "示例科学技术协会");
}

TEST(DocxWriter, SameInputSameBytesWithFixedTimestamps) {
  const std::string a = Write(SampleDocument());
  const std::string b = Write(SampleDocument());
  EXPECT_EQ(a, b);
  // Every local file header: MS-DOS time 00:00, date 1980-01-01, sizes in the header.
  const auto u16 = [&](size_t at) {
    return static_cast<unsigned>(static_cast<unsigned char>(a[at])) |
           static_cast<unsigned>(static_cast<unsigned char>(a[at + 1])) << 8;
  };
  const auto u32 = [&](size_t at) { return u16(at) | u16(at + 2) << 16; };
  size_t at = 0;
  int members = 0;
  while (at + 30 <= a.size() && a.compare(at, 4, "PK\x03\x04") == 0) {
    EXPECT_EQ(u16(at + 10), 0u) << members;
    EXPECT_EQ(u16(at + 12), 0x21u) << members;
    EXPECT_EQ(u16(at + 6) & 8u, 0u) << members;  // no data descriptor
    at += 30 + u16(at + 26) + u16(at + 28) + u32(at + 18);
    ++members;
  }
  EXPECT_EQ(members, 12);  // 9 parts, 2 footers, 1 chart
  EXPECT_EQ(a.compare(at, 4, "PK\x01\x02"), 0);
}

TEST(DocxWriter, AnEmptyDocumentIsStillAWordDocument) {
  const std::string docx = Write(RenderDocument{});
  Result<FlatDocument> flat = ReadDocx(docx, "empty.docx");
  ASSERT_TRUE(flat.ok()) << flat.status().message();
  EXPECT_TRUE(flat->blocks.empty());
}

// ---------------------------------------------------------------------------------------------
// Errors.

std::string Error(const RenderDocument& doc) {
  Result<std::string> r = WriteDocx(doc);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  return r.status().message();
}

TEST(DocxWriter, RejectsTextXmlCannotHold) {
  RenderDocument doc = SampleDocument();
  doc.tables[0].rows[2].cells[1].text = "1\x01";
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: table 1 (merges), row 3, column 2: character U+0001 "
            "at byte 1 is not allowed in XML");

  doc = SampleDocument();
  doc.body[2].text = "\x1b[0m";
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: body block 3 (paragraph): character U+001B at byte 0 "
            "is not allowed in XML");

  doc = SampleDocument();
  doc.body[0].text = "一、\xe5\x9f";  // truncated
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: body block 1 (heading): invalid UTF-8 at byte 6");

  doc = SampleDocument();
  doc.cover.details[1] = "\xef\xbf\xbf";  // U+FFFF
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: cover detail 2: character U+FFFF at byte 0 is not "
            "allowed in XML");

  doc = SampleDocument();
  doc.tables[1].title = "\xed\xa0\x80";  // a surrogate
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: table 2 (wide), title: invalid UTF-8 at byte 0");

  doc = SampleDocument();
  doc.fonts.body.family = "仿宋\x7f\x02";
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: the body font's name: character U+0002 at byte 7 is "
            "not allowed in XML");

  // Tabs, line feeds and carriage returns are allowed.
  doc = SampleDocument();
  doc.body[2].text = "a\tb\r\nc";
  EXPECT_TRUE(WriteDocx(doc).ok());
}

TEST(DocxWriter, RejectsGridsWhoseMergesDoNotMatch) {
  RenderDocument doc = SampleDocument();
  doc.tables[0].rows[3].cells[0].covered = false;  // the merge covers it
  EXPECT_EQ(
      Error(doc),
      "cannot write the Word document: table 1 (merges), row 4, column 1: not marked covered, "
      "but inside the merge at row 2, column 1");

  doc = SampleDocument();
  doc.tables[0].rows[1].cells[0].row_span = 2;  // leaves row 4's covered cell without a merge
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: table 1 (merges), row 4, column 1: covered, but no "
            "merge covers it");

  doc = SampleDocument();
  doc.tables[0].rows[0].cells[3].column_span = 2;
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: table 1 (merges), row 1, column 4: a merge of 1 rows "
            "× 2 columns does not fit the 4 × 4 grid");

  doc = SampleDocument();
  doc.tables[0].rows[1].cells[1].column_span = 2;  // over 执行, which is not covered
  EXPECT_EQ(
      Error(doc),
      "cannot write the Word document: table 1 (merges), row 2, column 3: not marked covered, "
      "but inside the merge at row 2, column 2");

  doc = SampleDocument();
  doc.tables[0].rows[2].cells.pop_back();
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: table 1 (merges), row 3: 3 cells where the grid has 4 "
            "columns");

  doc = SampleDocument();
  doc.tables[0].column_widths.pop_back();
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: table 1 (merges): 3 column widths for 4 grid columns");

  doc = SampleDocument();
  doc.body[8].table = 5;
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: body block 9 (table): no table 6 (the document has "
            "2)");

  doc = SampleDocument();
  doc.charts[0].categories[1] = "项目\x01";
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: chart 1 (budget), category 2: character U+0001 at "
            "byte 6 is not allowed in XML");
  doc = SampleDocument();
  doc.charts[0].series[1].name = "\xff";
  EXPECT_EQ(Error(doc),
            "cannot write the Word document: chart 1 (budget), series 2: invalid UTF-8 at byte 0");
}

// The same refusals in Chinese.
TEST(DocxWriter, MessagesInChinese) {
  ScopedMessageLanguage zh(Lang::kZh);
  RenderDocument doc = SampleDocument();
  doc.tables[0].rows[2].cells[1].text = "1\x01";
  EXPECT_EQ(
      Error(doc),
      "无法写出 Word 文档：表 1（merges），第 3 行第 2 列：字符 U+0001（第 1 字节）不能出现在 "
      "XML 中");
  doc = SampleDocument();
  doc.body[0].text = "一、\xe5\x9f";
  EXPECT_EQ(Error(doc), "无法写出 Word 文档：正文第 1 块（标题）：第 6 字节处不是有效的 UTF-8");
  doc = SampleDocument();
  doc.tables[0].rows[2].cells.pop_back();
  EXPECT_EQ(Error(doc),
            "无法写出 Word 文档：表 1（merges），第 3 行：有 3 个单元格，而网格有 4 列");
}

}  // namespace
}  // namespace jixiao
