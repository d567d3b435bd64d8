// The Word writer checked by independent software: python-docx (/usr/bin/python3) reads the
// tables of a written document with their merges (w:gridSpan, w:vMerge on each w:tc), the
// East-Asian font of every run and the sections; LibreOffice converts it to PDF, and poppler's
// pdfinfo/pdftotext read the pages (A4, one landscape page, no number on the cover, "— 1 —" on
// the first page of the report). Then the example package composed and written as Word imports
// back, through our importer, to the same package. Each part skips, with the reason, where its
// tool is absent.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "import/importer.h"
#include "model/package_json.h"
#include "render/compose.h"
#include "render/docx_writer.h"
#include "render/form.h"
#include "render/prepare.h"
#include "tests/package_compare.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

using testing::Capture;
using testing::Shell;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

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

FontRole Role(std::string family, int size, bool bold) {
  FontRole r;
  r.families = {family, "Noto Serif CJK SC"};
  r.size_half_points = size;
  r.bold = bold;
  return r;
}

// A cover, headings, paragraphs, a chart, a portrait table with a three-row vertical merge and
// a two-column span, and a landscape table.
RenderDocument SampleDocument() {
  RenderDocument doc;
  doc.title = "2024年度部门整体支出绩效自评报告";
  doc.unit_name = "示例科学技术协会";
  doc.fonts.title = Role("方正小标宋简体", 44, false);
  doc.fonts.heading1 = Role("黑体", 32, false);
  doc.fonts.heading2 = Role("楷体_GB2312", 32, true);
  doc.fonts.body = Role("仿宋_GB2312", 32, false);
  doc.fonts.table = Role("宋体", 21, false);
  doc.fonts.table_header = Role("黑体", 21, true);
  doc.cover.title_lines = {"示例科学技术协会", "2024年度部门整体支出绩效自评报告"};
  doc.cover.details = {"单位名称：示例科学技术协会", "报送日期：2025年7月10日"};
  const auto block = [](Block::Kind kind, std::string text, int level = 0) {
    Block b;
    b.kind = kind;
    b.text = std::move(text);
    b.level = level;
    return b;
  };
  doc.body.push_back(block(Block::Kind::kHeading, "一、基本情况", 1));
  doc.body.push_back(block(Block::Kind::kHeading, "（一）单位概况", 2));
  for (int i = 0; i < 30; ++i) {
    doc.body.push_back(block(Block::Kind::kParagraph,
                             "本单位编制8人，实有在职7人，年度预算127.10万元，执行124.88万元，"
                             "执行率98.25%。这是用于排版检查的第" +
                                 std::to_string(i + 1) + "段正文。"));
  }
  Block chart;
  chart.kind = Block::Kind::kChart;
  chart.chart = 0;
  doc.body.push_back(chart);
  doc.body.push_back(block(Block::Kind::kPageBreak, ""));
  Block t0;
  t0.kind = Block::Kind::kTable;
  t0.table = 0;
  doc.body.push_back(t0);
  Block t1 = t0;
  t1.table = 1;
  doc.body.push_back(t1);
  doc.body.push_back(block(Block::Kind::kParagraph, "（完）"));

  RenderTable merged;
  merged.id = "merges";
  merged.title = "附件1 合并单元格表";
  merged.column_widths = {300, 250, 250, 400};
  merged.header_rows = 1;
  TableCell amount = Cell("金额", true);
  amount.column_span = 2;
  TableCell funds = Cell("资金");
  funds.row_span = 3;
  merged.rows = {
      {{Cell("项目", true), amount, Covered(), Cell("备注", true)}, true},
      {{funds, Cell("预算"), Cell("执行"), Cell("a")}, true},
      {{Covered(), Cell("1.00"), Cell("2.00"), Cell("b")}, true},
      {{Covered(), Cell("3.00"), Cell("4.00"), Cell("c")}, true},
  };
  RenderTable wide;
  wide.id = "wide";
  wide.title = "附件2 横向表";
  wide.column_widths = {1200, 1200};
  wide.landscape = true;
  wide.rows = {{{Cell("指标", true), Cell("得分", true)}, true},
               {{Cell("满意度"), Cell("9.80")}, true}};
  doc.tables = {merged, wide};
  Chart c;
  c.id = "budget";
  c.title = "预算与执行";
  c.unit = "万元";
  c.categories = {"基本支出", "项目支出"};
  c.series = {{"预算数", {*Decimal::Parse("100"), *Decimal::Parse("24.88")}},
              {"执行数", {*Decimal::Parse("98.5"), *Decimal::Parse("20.37")}}};
  doc.charts = {c};
  return doc;
}

// What python-docx reads: paragraphs (text, style, each run's w:eastAsia), tables (each w:tc's
// text, grid span and vMerge) and sections.
constexpr const char* kPythonReader = R"PY(
import json, sys
import docx
from docx.oxml.ns import qn
from docx.table import _Cell

d = docx.Document(sys.argv[1])
def fonts(runs):
    out = []
    for r in runs:
        rpr = r._r.rPr
        f = rpr.rFonts if rpr is not None else None
        out.append(None if f is None else [f.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")])
    return out
paragraphs = [{"text": p.text, "style": p.style.name, "fonts": fonts(p.runs)} for p in d.paragraphs]
tables = []
for t in d.tables:
    rows = []
    for tr in t._tbl.tr_lst:
        rows.append([{"text": _Cell(tc, t).text, "span": tc.grid_span, "vmerge": tc.vMerge,
                      "fonts": [f for p in _Cell(tc, t).paragraphs for f in fonts(p.runs)]}
                     for tc in tr.tc_lst])
    tables.append(rows)
sections = [{"landscape": s.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE,
             "width": s.page_width.twips if hasattr(s.page_width, "twips") else int(s.page_width / 635),
             "height": int(s.page_height / 635),
             "left": int(s.left_margin / 635),
             "first_page": s.different_first_page_header_footer} for s in d.sections]
from lxml import etree
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
charts = []
for rel in d.part.rels.values():
    if not rel.reltype.endswith("/chart"):
        continue
    space = etree.fromstring(rel.target_part.blob)
    sers = space.iter(C + "ser")
    charts.append({"content_type": rel.target_part.content_type,
                   "bar_dir": next(space.iter(C + "barDir")).get("val"),
                   "series": [{"name": [v.text for v in ser.find(C + "tx").iter(C + "v")],
                               "categories": [v.text for v in ser.find(C + "cat").iter(C + "v")],
                               "values": [v.text for v in ser.find(C + "val").iter(C + "v")]}
                              for ser in sers]})
json.dump({"paragraphs": paragraphs, "tables": tables, "sections": sections, "charts": charts},
          sys.stdout, ensure_ascii=False)
)PY";

class RenderDocxOffice : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("jixiao-render-docx-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Result<std::string> bytes = WriteDocx(SampleDocument());
    ASSERT_TRUE(bytes.ok()) << bytes.status().message();
    std::ofstream((dir_ / "sample.docx").string(), std::ios::binary) << *bytes;
  }
  static void TearDownTestSuite() {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  static inline fs::path dir_;
};

TEST_F(RenderDocxOffice, PythonDocxReadsMergesFontsAndSections) {
  if (Shell("/usr/bin/python3 -c 'import docx' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "/usr/bin/python3 with python-docx (python3-docx) is absent";
  }
  std::ofstream((dir_ / "read.py").string()) << kPythonReader;
  bool ok = false;
  const std::string out = Capture("/usr/bin/python3 '" + (dir_ / "read.py").string() + "' '" +
                                      (dir_ / "sample.docx").string() + "'",
                                  &ok);
  ASSERT_TRUE(ok) << out;
  const nlohmann::json j = nlohmann::json::parse(out);

  // Every run of every paragraph and cell has the four font slots set to one family.
  int runs = 0;
  const auto check_fonts = [&](const nlohmann::json& fonts, const std::string& where) {
    for (const nlohmann::json& f : fonts) {
      ++runs;
      ASSERT_TRUE(f.is_array()) << where << ": a run without w:rFonts";
      ASSERT_TRUE(f[2].is_string()) << where << ": no w:eastAsia";
      for (int k = 0; k < 4; ++k) EXPECT_EQ(f[k], f[2]) << where;
    }
  };
  std::map<std::string, nlohmann::json> by_text;
  for (const nlohmann::json& p : j["paragraphs"]) {
    check_fonts(p["fonts"], p["text"]);
    by_text[p["text"]] = p;
  }
  EXPECT_EQ(by_text.at("一、基本情况")["style"], "Heading 1");
  EXPECT_EQ(by_text.at("一、基本情况")["fonts"][0][2], "黑体");
  EXPECT_EQ(by_text.at("（一）单位概况")["style"], "Heading 2");
  EXPECT_EQ(by_text.at("（一）单位概况")["fonts"][0][2], "楷体_GB2312");
  EXPECT_EQ(by_text.at("示例科学技术协会")["style"], "Title");
  EXPECT_EQ(by_text.at("示例科学技术协会")["fonts"][0][2], "方正小标宋简体");
  EXPECT_EQ(by_text.at("（完）")["fonts"][0][2], "仿宋_GB2312");

  ASSERT_EQ(j["tables"].size(), 2u);
  const nlohmann::json& t = j["tables"][0];
  ASSERT_EQ(t.size(), 4u);
  for (const nlohmann::json& row : t) {
    for (const nlohmann::json& tc : row) check_fonts(tc["fonts"], tc["text"]);
  }
  std::vector<int> spans;
  for (const nlohmann::json& tc : t[0]) spans.push_back(tc["span"]);
  EXPECT_EQ(spans, (std::vector<int>{1, 2, 1}));
  EXPECT_EQ(t[0][1]["text"], "金额");
  EXPECT_EQ(t[0][1]["fonts"][0][2], "黑体");
  EXPECT_EQ(t[1][0]["text"], "资金");
  EXPECT_EQ(t[1][0]["vmerge"], "restart");
  EXPECT_EQ(t[2][0]["vmerge"], "continue");
  EXPECT_EQ(t[3][0]["vmerge"], "continue");
  EXPECT_TRUE(t[1][1]["vmerge"].is_null());
  EXPECT_EQ(t[3][2]["text"], "4.00");
  EXPECT_EQ(t[3][2]["fonts"][0][2], "宋体");
  EXPECT_GT(runs, 40);

  const nlohmann::json& s = j["sections"];
  ASSERT_EQ(s.size(), 4u);
  EXPECT_TRUE(s[0]["first_page"]);
  EXPECT_FALSE(s[1]["first_page"]);
  EXPECT_EQ(s[0]["landscape"], false);
  EXPECT_EQ(s[2]["landscape"], true);
  EXPECT_EQ(s[3]["landscape"], false);
  EXPECT_EQ(s[1]["height"], 16838);
  EXPECT_EQ(s[2]["height"], 11906);
  EXPECT_EQ(s[1]["left"], 1587);

  // The chart is a native chart part whose cached data python-docx's package reads back.
  ASSERT_EQ(j["charts"].size(), 1u);
  const nlohmann::json& chart = j["charts"][0];
  EXPECT_EQ(chart["content_type"],
            "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
  EXPECT_EQ(chart["bar_dir"], "col");
  ASSERT_EQ(chart["series"].size(), 2u);
  EXPECT_EQ(chart["series"][0]["name"], (nlohmann::json{"预算数"}));
  EXPECT_EQ(chart["series"][1]["categories"], (nlohmann::json{"基本支出", "项目支出"}));
  EXPECT_EQ(chart["series"][0]["values"], (nlohmann::json{"100", "24.88"}));
  EXPECT_EQ(chart["series"][1]["values"], (nlohmann::json{"98.5", "20.37"}));
}

TEST_F(RenderDocxOffice, LibreOfficeConvertsItToPdf) {
  if (Shell("command -v soffice >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "LibreOffice (soffice) is absent; scripts/install-deps.sh installs it";
  }
  const std::string d = dir_.string();
  const int rc = Shell("cd '" + d + "' && soffice -env:UserInstallation=file://" + d +
                       "/profile --headless --convert-to pdf --outdir '" + d +
                       "' sample.docx >/dev/null 2>&1");
  ASSERT_EQ(rc, 0);
  const std::string pdf = ReadAll(dir_ / "sample.pdf");
  ASSERT_GT(pdf.size(), 1000u);
  EXPECT_EQ(pdf.compare(0, 5, "%PDF-"), 0);

  if (Shell("command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "poppler-utils (pdfinfo, pdftotext) are absent; the pages are not checked";
  }
  bool ok = false;
  const std::string info = Capture("pdfinfo -f 1 -l 100 '" + d + "/sample.pdf'", &ok);
  ASSERT_TRUE(ok) << info;
  // Page sizes: A4 portrait, and exactly one landscape page (the wide table).
  int portrait = 0, landscape = 0;
  std::istringstream lines(info);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Page", 0) != 0 || line.find("size:") == std::string::npos) continue;
    double w = 0, h = 0;
    ASSERT_EQ(std::sscanf(line.c_str() + line.find("size:") + 5, "%lf x %lf", &w, &h), 2) << line;
    if (w < h) {
      ++portrait;
      EXPECT_NEAR(w, 595.3, 1.0) << line;
      EXPECT_NEAR(h, 841.9, 1.0) << line;
    } else {
      ++landscape;
      EXPECT_NEAR(w, 841.9, 1.0) << line;
    }
  }
  EXPECT_GE(portrait, 4);  // cover, report (30 paragraphs and a chart), table, the end
  EXPECT_EQ(landscape, 1);
  const auto page_text = [&](int page) {
    bool fine = false;
    const std::string text = Capture(
        fmt::format("pdftotext -layout -f {} -l {} '{}/sample.pdf' -", page, page, d), &fine);
    EXPECT_TRUE(fine);
    std::string packed;  // pdftotext puts spaces between Chinese and Latin text
    for (char c : text) {
      if (c != ' ') packed += c;
    }
    return packed;
  };
  const std::string cover = page_text(1);
  EXPECT_NE(cover.find("2024年度部门整体支出绩效自评报告"), std::string::npos) << cover;
  EXPECT_EQ(cover.find("—"), std::string::npos) << "the cover carries no page number";
  const std::string first = page_text(2);
  EXPECT_NE(first.find("一、基本情况"), std::string::npos) << first;
  EXPECT_NE(first.find("—1—"), std::string::npos) << first;
  // LibreOffice draws the native chart: its title, categories and values printed as text.
  std::string all;
  for (int page = 2; page <= portrait + landscape; ++page) all += page_text(page);
  for (const char* text : {"预算与执行", "基本支出", "项目支出", "24.88", "98.5", "单位：万元"}) {
    EXPECT_NE(all.find(text), std::string::npos) << text << " not in the PDF's text";
  }
}

// The example package prepared (PrepareForRender), composed, written as Word and imported back
// through LoadAnyPackage; compared with the prepared package field by field.
class RenderDocxRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = testing::SourceDir() + "/examples/lingling-kexie-2024-corrected.json";
    Result<Package> pkg = LoadPackageFile(path);
    ASSERT_TRUE(pkg.ok()) << pkg.status().message();
    const Rulebook rb = testing::LoadRulebook(pkg->rulebook.c_str());
    Result<Form> form = BundledForm("lingling-2024");
    ASSERT_TRUE(form.ok()) << form.status().message();
    prepared_ = PrepareForRender(*pkg, rb);
    Result<RenderDocument> doc = ComposeDocument(prepared_, rb, *form);
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    doc_ = std::move(doc).value();
  }

  // Writes the document, imports the bytes and compares with the package field by field.
  void ExpectImportsBack(const RenderDocument& doc) {
    Result<std::string> bytes = WriteDocx(doc);
    ASSERT_TRUE(bytes.ok()) << bytes.status().message();
    const fs::path file =
        fs::temp_directory_path() / ("jixiao-roundtrip-" + std::to_string(::getpid()) + ".docx");
    std::ofstream(file.string(), std::ios::binary) << *bytes;
    Result<LoadedPackage> back = LoadAnyPackage(file.string());
    fs::remove(file);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(back->format, DocumentFormat::kDocx);
    for (const Diagnostic& note : back->import.notes) {
      ADD_FAILURE() << note.code << ": " << note.message_en;
    }
    const Package& expected = prepared_.package;
    const Package& got = back->package;
    testing::ExpectSameFigures(got, expected, /*exact_scale=*/true);
    testing::ExpectSameReport(got, expected, /*texts=*/true);
    EXPECT_EQ(got.basic_data.notes, expected.basic_data.notes);
    EXPECT_EQ(got.basic_data.frugality_measures, expected.basic_data.frugality_measures);
    EXPECT_EQ(got.evaluation.goals.achieved, expected.evaluation.goals.achieved);
    ASSERT_EQ(got.evaluation.goals.planned.size(), expected.evaluation.goals.planned.size());
    for (size_t i = 0; i < expected.evaluation.goals.planned.size(); ++i) {
      EXPECT_EQ(got.evaluation.goals.planned[i].text, expected.evaluation.goals.planned[i].text);
    }
  }

  PreparedPackage prepared_;
  RenderDocument doc_;
};

// In the order the importer reads a package (the seed's order): the tables first, then the
// cover's lines, then the report. Every figure, the cover and every section's text come back.
TEST_F(RenderDocxRoundTrip, TablesThenReportImportBackToTheSamePackage) {
  RenderDocument doc = doc_;
  std::vector<Block> tables, report;
  for (const Block& b : doc.body) {
    (b.kind == Block::Kind::kTable ? tables : report).push_back(b);
  }
  doc.body = tables;
  for (const std::string& line : doc.cover.title_lines) {
    Block b;
    b.text = line;
    b.first_line_indent = false;
    doc.body.push_back(b);
  }
  for (const std::string& line : doc.cover.details) {
    Block b;
    b.text = line;
    b.first_line_indent = false;
    doc.body.push_back(b);
  }
  doc.cover = {};
  doc.body.insert(doc.body.end(), report.begin(), report.end());
  ExpectImportsBack(doc);
}

// In the composer's order (cover, report, then the attachments): the recognizer finds the
// report before the attachments.
TEST_F(RenderDocxRoundTrip, TheComposedExampleImportsBackToTheSamePackage) {
  ExpectImportsBack(doc_);
}

}  // namespace
}  // namespace jixiao
