// Tests of the DOCX importer. Three kinds of fixtures:
//   - documents written at test time by independent software: python-docx running
//     tests/fixtures/docx/make_docx.py and bench/make_docx_fixture.py (with python-docx's own
//     reading of the same file, bench/peer_docx.py --dump, as an oracle), and LibreOffice
//     converting tests/fixtures/docx/merged_table.html; skipped with a message when
//     /usr/bin/python3 lacks python-docx or soffice is absent;
//   - packages built here with libzip around hand-written WordprocessingML, for what those
//     programs cannot write (fields, tracked changes, content controls, w:gridBefore, …);
//   - bad input, with the exact messages: empty, random and truncated bytes, zips that are
//     not Word documents, broken XML, hostile nesting and zip bombs.
#include "import/docx_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "base/text.h"
#include "tests/test_support.h"
#include "tests/zip_testing.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// ---------------------------------------------------------------------------------------------
// Helpers.

std::string ReadFileOrEmpty(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int Shell(const std::string& command) { return std::system(command.c_str()); }

bool HavePythonDocx() {
  return fs::exists("/usr/bin/python3") &&
         Shell("/usr/bin/python3 -c 'import docx' >/dev/null 2>&1") == 0;
}

bool HaveSoffice() { return Shell("command -v soffice >/dev/null 2>&1") == 0; }

// A directory of its own under the system temp dir, removed at the end of the scope.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("jixiao-docx-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Builds a zip archive in memory with libzip.
class ZipBuilder {
 public:
  ZipBuilder() {
    zip_error_init(&error_);
    source_ = zip_source_buffer_create(nullptr, 0, 0, &error_);
    zip_source_keep(source_);
    archive_ = zip_open_from_source(source_, ZIP_TRUNCATE, &error_);
  }
  ~ZipBuilder() {
    if (archive_ != nullptr) zip_discard(archive_);
    zip_source_free(source_);
    zip_error_fini(&error_);
  }

  ZipBuilder& Add(const std::string& name, std::string bytes) {
    const std::string& kept = kept_.emplace_back(std::move(bytes));
    zip_source_t* s = zip_source_buffer(archive_, kept.data(), kept.size(), 0);
    EXPECT_GE(zip_file_add(archive_, name.c_str(), s, ZIP_FL_ENC_UTF_8), 0) << name;
    return *this;
  }
  // A member stored without compression, so that tests can damage its bytes in place.
  ZipBuilder& AddStored(const std::string& name, std::string bytes) {
    Add(name, std::move(bytes));
    const zip_int64_t index = zip_name_locate(archive_, name.c_str(), 0);
    zip_set_file_compression(archive_, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    return *this;
  }
  ZipBuilder& AddZeros(const std::string& name, uint64_t size) {
    zip_source_t* s = testing::FilledSource(archive_, size, 0);
    const zip_int64_t index = zip_file_add(archive_, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    EXPECT_GE(index, 0) << name;
    zip_set_file_compression(archive_, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
    return *this;
  }
  std::string Finish() {
    EXPECT_EQ(zip_close(archive_), 0) << zip_strerror(archive_);
    archive_ = nullptr;
    std::string out;
    zip_stat_t st;
    EXPECT_EQ(zip_source_stat(source_, &st), 0);
    EXPECT_EQ(zip_source_open(source_), 0);
    out.resize(st.size);
    EXPECT_EQ(zip_source_read(source_, out.data(), out.size()),
              static_cast<zip_int64_t>(out.size()));
    zip_source_close(source_);
    return out;
  }

 private:
  zip_error_t error_;
  zip_source_t* source_ = nullptr;
  zip_t* archive_ = nullptr;
  std::deque<std::string> kept_;
};

constexpr const char* kWordMain =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

std::string ContentTypes(const std::string& part, const std::string& type) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
         R"(<Default Extension="rels" )"
         R"(ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
         R"(<Default Extension="xml" ContentType="application/xml"/>)"
         R"(<Override PartName="/)" +
         part + R"(" ContentType=")" + type + R"("/></Types>)";
}

std::string Relationships(const std::string& target) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
         R"(<Relationship Id="rId1" )"
         R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/)"
         R"(officeDocument" Target=")" +
         target + R"("/></Relationships>)";
}

constexpr const char* kNamespaces =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
    R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" )"
    R"(xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" )"
    R"(xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" )"
    R"(xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" )"
    R"(mc:Ignorable="w14")";

std::string DocumentXml(const std::string& body) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") +
         "<w:document " + kNamespaces + "><w:body>" + body + "</w:body></w:document>";
}

// A DOCX package whose body is `body` (WordprocessingML with the w: prefix).
std::string Docx(const std::string& body) {
  return ZipBuilder()
      .Add("[Content_Types].xml", ContentTypes("word/document.xml", kWordMain))
      .Add("_rels/.rels", Relationships("word/document.xml"))
      .Add("word/document.xml", DocumentXml(body))
      .Finish();
}

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

// The document as lines: "p<N> <text>" for paragraphs, "t<N> r<R>: a | b[2x1] | ~" for table
// rows (rows × columns after an origin's text when not 1×1, "~" for a covered position).
std::string Dump(const FlatDocument& doc) {
  std::string out;
  for (const FlatBlock& b : doc.blocks) {
    if (b.kind == FlatBlock::Kind::kParagraph) {
      out += "p" + std::to_string(b.paragraph.origin.paragraph) + " " + Escape(b.paragraph.text) +
             "\n";
      continue;
    }
    for (size_t r = 0; r < b.table.rows.size(); ++r) {
      out += "t" + std::to_string(b.table.index) + " r" + std::to_string(r) + ":";
      const std::vector<FlatCell>& cells = b.table.rows[r].cells;
      for (size_t c = 0; c < cells.size(); ++c) {
        out += c == 0 ? " " : " | ";
        if (cells[c].covered) {
          out += "~";
          continue;
        }
        out += Escape(cells[c].text);
        if (cells[c].row_span != 1 || cells[c].column_span != 1) {
          out += "[" + std::to_string(cells[c].row_span) + "x" +
                 std::to_string(cells[c].column_span) + "]";
        }
      }
      out += "\n";
    }
  }
  return out;
}

// The grid invariants of a well-formed table: rows of equal length, cell i at column i,
// covered cells empty, and the covered positions exactly those inside an origin's rectangle.
void ExpectWellFormedTable(const FlatTable& table) {
  ASSERT_FALSE(table.rows.empty());
  const size_t width = table.rows[0].cells.size();
  std::vector<std::vector<int>> cover(table.rows.size(), std::vector<int>(width, 0));
  for (size_t r = 0; r < table.rows.size(); ++r) {
    ASSERT_EQ(table.rows[r].cells.size(), width) << "row " << r;
    for (size_t c = 0; c < width; ++c) {
      const FlatCell& cell = table.rows[r].cells[c];
      EXPECT_EQ(cell.column, static_cast<int>(c)) << "row " << r;
      EXPECT_EQ(cell.origin.paragraph, 0);
      if (cell.covered) {
        EXPECT_EQ(cell.text, "") << "row " << r << " column " << c;
        continue;
      }
      for (int dr = 0; dr < cell.row_span; ++dr) {
        for (int dc = 0; dc < cell.column_span; ++dc) {
          ASSERT_LT(r + dr, table.rows.size());
          ASSERT_LT(c + dc, width);
          ++cover[r + dr][c + dc];
        }
      }
    }
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    for (size_t c = 0; c < width; ++c) {
      EXPECT_EQ(cover[r][c], 1) << "row " << r << " column " << c;
    }
  }
}

void ExpectWellFormed(const FlatDocument& doc) {
  int tables = 0;
  for (const FlatBlock& b : doc.blocks) {
    if (b.kind == FlatBlock::Kind::kTable) {
      EXPECT_EQ(b.table.index, ++tables);
      EXPECT_EQ(b.table.name, "");
      ExpectWellFormedTable(b.table);
    }
  }
}

// Reads a hand-written body and returns its dump ("" and a failure when it does not read).
std::string ReadBody(const std::string& body) {
  Result<FlatDocument> doc = ReadDocx(Docx(body), "t.docx");
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  if (!doc.ok()) return "";
  EXPECT_EQ(doc->file, "t.docx");
  EXPECT_EQ(doc->format, "docx");
  ExpectWellFormed(*doc);
  return Dump(*doc);
}

std::string P(const std::string& text) { return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"; }

std::string Tc(const std::string& props, const std::string& text) {
  return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + P(text) + "</w:tc>";
}

// ---------------------------------------------------------------------------------------------
// Documents written by python-docx.

class DocxPythonDocx : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HavePythonDocx()) {
      GTEST_SKIP() << "/usr/bin/python3 with python-docx is needed for this test "
                      "(apt-get install python3-docx)";
    }
  }
  TempDir dir_;
};

TEST_F(DocxPythonDocx, ParagraphsMergedCellsBreaksTabsAndNestedTable) {
  const std::string script = testing::SourceDir() + "/tests/fixtures/docx/make_docx.py";
  ASSERT_EQ(Shell("/usr/bin/python3 '" + script + "' '" + dir_.path().string() + "'"), 0);
  const std::string bytes = ReadFileOrEmpty(dir_.path() / "basic.docx");
  Result<FlatDocument> doc = ReadDocx(bytes, "basic.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ExpectWellFormed(*doc);
  EXPECT_EQ(Dump(*doc),
            "p1 部门整体支出绩效自评报告\n"
            "p2 一、基本情况\\t（一）单位概况\n"
            "p3 第一行\\n第二行\n"
            "p4 \n"
            "t1 r0: 项目[1x2] | ~ | 预算数 | 执行数\n"
            "t1 r1: 资金[3x1] | 年初预算数 | 153.53 | 124.88\\n万元\\n第二段\n"
            "t1 r2: ~ | 合计[2x2] | ~ | a\\tb\n"
            // The cell holds an empty paragraph, then the nested table (the paragraph Word
            // requires after it is not read).
            "t1 r3: ~ | ~ | ~ | \\n甲\\t乙\\n丙\\t丁\n"
            "p5 表后段落\n"
            "t2 r0: 编制数 | 8\n"
            "t2 r1: 实际在职人数 | 7\n"
            "p6 结束\n");
}

// Numbered by the styles of python-docx's template (Word's own numbering definitions): List
// Number and List Number 2 are separate lists, each counting on across the plain paragraph.
TEST_F(DocxPythonDocx, ParagraphsNumberedByTheirStyle) {
  const std::string script = testing::SourceDir() + "/tests/fixtures/docx/make_docx.py";
  ASSERT_EQ(Shell("/usr/bin/python3 '" + script + "' '" + dir_.path().string() + "'"), 0);
  Result<FlatDocument> doc =
      ReadDocx(ReadFileOrEmpty(dir_.path() / "numbered.docx"), "numbered.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Dump(*doc),
            "p1 工作开展情况\n"
            "p2 1.\\t开展科普活动10次。\n"
            "p3 1.\\t其中线上活动4次。\n"
            "p4 2.\\t线下活动6次。\n"
            "p5 2.\\t培训基层科普员。\n"
            "p6 以上为主要工作。\n"
            "p7 3.\\t完成年度目标。\n");
}

// Compares with python-docx's own reading of a realistic report (bench/make_docx_fixture.py):
// every body paragraph and every grid position, a covered position standing for its origin's
// text as python-docx repeats merged cells.
TEST_F(DocxPythonDocx, AgreesWithPythonDocxOnAReport) {
  const std::string source = testing::SourceDir();
  const fs::path file = dir_.path() / "report.docx";
  const fs::path json = dir_.path() / "report.json";
  ASSERT_EQ(
      Shell("/usr/bin/python3 '" + source + "/bench/make_docx_fixture.py' '" + file.string() + "'"),
      0);
  ASSERT_EQ(Shell("/usr/bin/python3 '" + source + "/bench/peer_docx.py' --dump '" + file.string() +
                  "' > '" + json.string() + "'"),
            0);
  const nlohmann::json peer = nlohmann::json::parse(ReadFileOrEmpty(json));
  Result<FlatDocument> doc = ReadDocx(ReadFileOrEmpty(file), "report.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ExpectWellFormed(*doc);

  std::vector<std::string> paragraphs;
  std::vector<const FlatTable*> tables;
  for (const FlatBlock& b : doc->blocks) {
    if (b.kind == FlatBlock::Kind::kParagraph) paragraphs.push_back(b.paragraph.text);
    if (b.kind == FlatBlock::Kind::kTable) tables.push_back(&b.table);
  }
  EXPECT_EQ(paragraphs, peer["paragraphs"].get<std::vector<std::string>>());
  ASSERT_EQ(tables.size(), peer["tables"].size());
  ASSERT_EQ(tables.size(), 2u);
  int merged = 0;
  for (size_t t = 0; t < tables.size(); ++t) {
    const FlatTable& table = *tables[t];
    const nlohmann::json& rows = peer["tables"][t];
    ASSERT_EQ(table.rows.size(), rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      ASSERT_EQ(table.rows[r].cells.size(), rows[r].size()) << "table " << t << " row " << r;
      for (size_t c = 0; c < rows[r].size(); ++c) {
        // The origin of (r, c): the cell whose rectangle holds it.
        std::string text;
        for (size_t orow = 0; orow <= r; ++orow) {
          for (const FlatCell& cell : table.rows[orow].cells) {
            if (!cell.covered && cell.column <= static_cast<int>(c) &&
                static_cast<int>(c) < cell.column + cell.column_span &&
                static_cast<int>(r) < static_cast<int>(orow) + cell.row_span) {
              text = cell.text;
            }
          }
        }
        merged += table.rows[r].cells[c].covered ? 1 : 0;
        EXPECT_EQ(text, rows[r][c].get<std::string>()) << "table " << t << " r" << r << " c" << c;
      }
    }
  }
  EXPECT_GT(merged, 50);
}

// ---------------------------------------------------------------------------------------------
// A document converted from HTML by LibreOffice.

TEST(DocxLibreOffice, HtmlTableWithRowspanColspanAndBreaks) {
  if (!HaveSoffice()) GTEST_SKIP() << "soffice (LibreOffice) is needed for this test";
  TempDir dir;
  const std::string html = testing::SourceDir() + "/tests/fixtures/docx/merged_table.html";
  const std::string profile = "/tmp/jixiao-lo-" + std::to_string(getpid());
  const std::string command = "timeout 180 soffice -env:UserInstallation=file://" + profile +
                              " --headless --convert-to 'docx:MS Word 2007 XML' --outdir '" +
                              dir.path().string() + "' '" + html + "' > '" +
                              (dir.path() / "soffice.log").string() + "' 2>&1";
  const int rc = Shell(command);
  std::error_code ec;
  fs::remove_all(profile, ec);
  ASSERT_EQ(rc, 0) << ReadFileOrEmpty(dir.path() / "soffice.log");
  const std::string bytes = ReadFileOrEmpty(dir.path() / "merged_table.docx");
  ASSERT_FALSE(bytes.empty()) << ReadFileOrEmpty(dir.path() / "soffice.log");
  Result<FlatDocument> doc = ReadDocx(bytes, "merged_table.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ExpectWellFormed(*doc);
  EXPECT_EQ(Dump(*doc),
            "p1 部门整体支出绩效自评表\n"
            "t1 r0: 项目[1x2] | ~ | 年初预算数 | 全年执行数\n"
            "t1 r1: 资金[3x1] | 一般公共预算 | 153.53 | 124.88\n"
            "t1 r2: ~ | 其他资金 | 无[2x2] | ~\n"
            "t1 r3: ~ | 合计\\n（万元） | ~ | ~\n"
            "t1 r4: 总分 | 100 | 得分 | 99.8\n"
            "p2 第一行\\n第二行\n");
}

// ---------------------------------------------------------------------------------------------
// Hand-written WordprocessingML.

TEST(DocxRuns, TabsBreaksHyphensAndWhatIsNotRead) {
  EXPECT_EQ(ReadBody("<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t>"
                     "<w:cr/><w:t>d</w:t><w:br w:type=\"page\"/><w:noBreakHyphen/>"
                     "<w:softHyphen/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/>"
                     "<w:ptab w:relativeTo=\"margin\" w:alignment=\"right\" w:leader=\"none\"/>"
                     "<w:t>e</w:t><w:footnoteReference w:id=\"1\"/>"
                     "<w:endnoteReference w:id=\"2\"/><w:commentReference w:id=\"0\"/>"
                     "<w:lastRenderedPageBreak/><w:drawing><wps:txbx><w:p><w:r><w:t>box</w:t>"
                     "</w:r></w:p></wps:txbx></w:drawing></w:r>"
                     "<m:oMath><m:r><m:t>x=1</m:t></m:r></m:oMath></w:p>"),
            "p1 a\\tb\\nc\\nd\\n-\\te\n");
}

// A page break ends a page, not a line: at a paragraph's start or end (where Word and
// LibreOffice put the one before 附件) it is not read; between text it is a line break.
TEST(DocxRuns, PageBreaksAtTheEdgesOfAParagraphAreNotRead) {
  EXPECT_EQ(ReadBody("<w:p><w:r><w:t>无。</w:t><w:br w:type=\"page\"/></w:r></w:p>"
                     "<w:p><w:r><w:br w:type=\"column\"/><w:br w:type=\"page\"/>"
                     "<w:t>附件</w:t><w:br w:type=\"page\"/><w:t>续</w:t></w:r></w:p>"
                     "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
                     "<w:p><w:r><w:br/></w:r></w:p>"),
            "p1 无。\np2 附件\\n续\np3 \np4 \\n\n");
}

TEST(DocxRuns, WhitespaceAndEntitiesKept) {
  EXPECT_EQ(ReadBody("<w:p><w:r><w:t xml:space=\"preserve\">  两个空格 </w:t><w:t> </w:t>"
                     "<w:t>&lt;&amp;&gt;&#x2267;</w:t><w:t><![CDATA[<x>]]></w:t></w:r></w:p>"
                     "<w:p/><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>"),
            "p1   两个空格  <&>≧<x>\np2 \np3 \n");
}

TEST(DocxFields, ResultKeptCodeDropped) {
  EXPECT_EQ(
      ReadBody(
          // A PAGE field: code, separator, result.
          "<w:p><w:r><w:t>第</w:t></w:r>"
          "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
          "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
          "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
          "<w:r><w:t>3</w:t></w:r>"
          "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>页</w:t></w:r></w:p>"
          // A field nested in another field's code, and one in its result.
          "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>IF </w:instrText>"
          "<w:fldChar w:fldCharType=\"begin\"/><w:instrText>DATE</w:instrText>"
          "<w:fldChar w:fldCharType=\"separate\"/><w:t>hidden</w:t>"
          "<w:fldChar w:fldCharType=\"end\"/><w:instrText> = 1 </w:instrText>"
          "<w:fldChar w:fldCharType=\"separate\"/><w:t>结果</w:t>"
          "<w:fldChar w:fldCharType=\"begin\"/><w:instrText>SEQ</w:instrText>"
          "<w:fldChar w:fldCharType=\"separate\"/><w:t>7</w:t>"
          "<w:fldChar w:fldCharType=\"end\"/><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
          // A field without a result, and stray separators and ends.
          "<w:p><w:r><w:fldChar w:fldCharType=\"separate\"/><w:fldChar w:fldCharType=\"end\"/>"
          "<w:t>a</w:t><w:fldChar w:fldCharType=\"begin\"/><w:instrText>TOC</w:instrText>"
          "<w:fldChar w:fldCharType=\"end\"/><w:t>b</w:t></w:r></w:p>"
          // A simple field.
          "<w:p><w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>12</w:t></w:r></w:fldSimple>"
          "</w:p>"
          // A field spanning paragraphs (a table of contents).
          "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>TOC \\o</w:instrText>"
          "<w:fldChar w:fldCharType=\"separate\"/><w:t>一、基本情况</w:t></w:r></w:p>"
          "<w:p><w:r><w:t>二、支出</w:t><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"),
      "p1 第3页\np2 结果7\np3 ab\np4 12\np5 一、基本情况\np6 二、支出\n");
}

TEST(DocxFields, UnfinishedFieldCodeInACellDoesNotHideTheRest) {
  EXPECT_EQ(ReadBody("<w:tbl><w:tr><w:tc><w:p><w:r><w:fldChar w:fldCharType=\"begin\"/>"
                     "<w:instrText>X</w:instrText><w:t>no</w:t></w:r></w:p></w:tc>" +
                     Tc("", "b") + "</w:tr></w:tbl>" + P("after")),
            "t1 r0:  | b\np1 after\n");
}

TEST(DocxTrackedChanges, InsertionsKeptDeletionsAndMovesAwayDropped) {
  EXPECT_EQ(
      ReadBody("<w:p><w:r><w:t>预算</w:t></w:r>"
               "<w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>执行</w:t></w:r></w:ins>"
               "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>调整</w:delText></w:r></w:del>"
               "<w:moveFrom w:id=\"3\"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>"
               "<w:moveTo w:id=\"4\"><w:r><w:t>数</w:t></w:r></w:moveTo></w:p>"
               // A paragraph whose mark is deleted joins the next one.
               "<w:p><w:pPr><w:rPr><w:del w:id=\"5\" w:author=\"a\"/></w:rPr></w:pPr>"
               "<w:r><w:t>上半</w:t></w:r></w:p>" +
               P("下半") +
               // A wholly deleted paragraph disappears.
               "<w:p><w:pPr><w:rPr><w:del w:id=\"6\" w:author=\"a\"/></w:rPr></w:pPr>"
               "<w:del w:id=\"7\"><w:r><w:delText>全删</w:delText></w:r></w:del></w:p>" +
               P("末") +
               // A deleted table row is dropped.
               "<w:tbl><w:tr>" + Tc("", "保留") +
               "</w:tr>"
               "<w:tr><w:trPr><w:del w:id=\"8\" w:author=\"a\"/></w:trPr>" +
               Tc("", "删除行") + "</w:tr><w:tr>" + Tc("", "也保留") + "</w:tr></w:tbl>"),
      "p1 预算执行数\np2 上半下半\np3 末\nt1 r0: 保留\nt1 r1: 也保留\n");
}

// A long run of paragraphs whose marks are deleted joins into one paragraph, each piece copied
// once (the held-back text is appended to, not inserted before every next paragraph).
TEST(DocxTrackedChanges, ALongRunOfJoinedParagraphs) {
  std::string body, expected;
  for (int i = 0; i < 30000; ++i) {
    body += "<w:p><w:pPr><w:rPr><w:del w:id=\"" + std::to_string(i) +
            "\" w:author=\"a\"/></w:rPr></w:pPr><w:r><w:t>" + std::to_string(i * 7919) +
            "</w:t></w:r></w:p>";
    expected += std::to_string(i * 7919);
  }
  body += P("尾");
  Result<FlatDocument> doc = ReadDocx(Docx(body), "t.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->blocks.size(), 1u);
  EXPECT_TRUE(doc->blocks[0].paragraph.text == expected + "尾");
}

TEST(DocxMarkup, BookmarksCommentsProofingHyperlinksSmartTagsCustomXml) {
  EXPECT_EQ(ReadBody("<w:bookmarkStart w:id=\"0\" w:name=\"_Toc1\"/>"
                     "<w:p><w:bookmarkStart w:id=\"1\" w:name=\"b\"/>"
                     "<w:commentRangeStart w:id=\"0\"/><w:proofErr w:type=\"spellStart\"/>"
                     "<w:r><w:t>绩效</w:t></w:r><w:proofErr w:type=\"spellEnd\"/>"
                     "<w:bookmarkEnd w:id=\"1\"/><w:commentRangeEnd w:id=\"0\"/>"
                     "<w:hyperlink r:id=\"rId9\" "
                     "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                     "relationships\"><w:r><w:t>自评</w:t></w:r></w:hyperlink>"
                     "<w:smartTag w:uri=\"u\" w:element=\"e\"><w:smartTagPr/>"
                     "<w:r><w:t>报告</w:t></w:r></w:smartTag>"
                     "<w:customXml w:element=\"x\"><w:r><w:t>。</w:t></w:r></w:customXml>"
                     "<w:dir w:val=\"ltr\"><w:bdo w:val=\"ltr\"><w:r><w:t>!</w:t></w:r></w:bdo>"
                     "</w:dir></w:p><w:bookmarkEnd w:id=\"0\"/>"
                     "<w:customXml w:element=\"block\">" +
                     P("块") + "</w:customXml>"),
            "p1 绩效自评报告。!\np2 块\n");
}

TEST(DocxContentControls, BlockInlineRowAndCellLevel) {
  EXPECT_EQ(
      ReadBody("<w:sdt><w:sdtPr><w:alias w:val=\"单位\"/></w:sdtPr>"
               "<w:sdtEndPr/><w:sdtContent>" +
               P("零陵区科协") + P("第二段") +
               "</w:sdtContent></w:sdt>"
               "<w:p><w:r><w:t>得分：</w:t></w:r><w:sdt><w:sdtPr/><w:sdtContent>"
               "<w:r><w:t>99.8</w:t></w:r></w:sdtContent></w:sdt></w:p>"
               "<w:tbl><w:sdt><w:sdtContent><w:tr>" +
               Tc("", "a") + "<w:sdt><w:sdtContent>" + Tc("", "b") +
               "</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>"
               "<w:customXml><w:tr><w:customXml>" +
               Tc("", "c") + "</w:customXml>" + Tc("", "d") + "</w:tr></w:customXml></w:tbl>"),
      "p1 零陵区科协\np2 第二段\np3 得分：99.8\nt1 r0: a | b\nt1 r1: c | d\n");
}

TEST(DocxContentControls, PlaceholderTextIsNotRead) {
  EXPECT_EQ(ReadBody("<w:p><w:r><w:t>单位名称：</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/>"
                     "</w:sdtPr><w:sdtContent><w:r><w:t>单击或点击此处输入文字。</w:t></w:r>"
                     "</w:sdtContent></w:sdt></w:p>"
                     "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>" +
                     P("单击此处输入文字。") + "</w:sdtContent></w:sdt>" + P("后")),
            "p1 单位名称：\np2 \np3 后\n");
}

TEST(DocxMarkup, AlternateContentReadsTheFallback) {
  EXPECT_EQ(ReadBody("<w:p><w:r><w:t>a</w:t></w:r><mc:AlternateContent>"
                     "<mc:Choice Requires=\"w14\"><w:r><w:t>choice</w:t></w:r></mc:Choice>"
                     "<mc:Fallback><w:r><w:t>b</w:t></w:r></mc:Fallback></mc:AlternateContent>"
                     "<w:r><mc:AlternateContent><mc:Choice Requires=\"w14\"><w:t>x</w:t>"
                     "</mc:Choice><mc:Fallback><w:t>c</w:t></mc:Fallback></mc:AlternateContent>"
                     "</w:r><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>jī</w:t></w:r></w:rt>"
                     "<w:rubyBase><w:r><w:t>基</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>"),
            "p1 abc基\n");
}

TEST(DocxTables, GridBeforeGridAfterAndShortRows) {
  EXPECT_EQ(ReadBody("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
                     "<w:tr>" +
                     Tc("", "a") + Tc("", "b") + Tc("", "c") +
                     "</w:tr>"
                     "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/>"
                     "</w:trPr>" +
                     Tc("", "中") +
                     "</w:tr>"
                     "<w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" +
                     Tc("", "右") + "</w:tr><w:tr>" + Tc("", "短") + "</w:tr></w:tbl>"),
            "t1 r0: a | b | c\n"
            "t1 r1:  | 中 | \n"
            "t1 r2:  |  | 右\n"
            "t1 r3: 短 |  | \n");
}

TEST(DocxTables, VerticalMergesUnderHorizontalSpansAndOrphans) {
  const std::string restart = "<w:vMerge w:val=\"restart\"/>";
  const std::string cont = "<w:vMerge/>";
  const std::string span2 = "<w:gridSpan w:val=\"2\"/>";
  EXPECT_EQ(ReadBody("<w:tbl><w:tr>" + Tc(cont, "孤") + Tc(span2 + restart, "块") +
                     "</w:tr><w:tr>" + Tc(cont, "x") +
                     Tc(span2 + "<w:vMerge w:val=\"continue\"/>", "hidden") + "</w:tr><w:tr>" +
                     Tc(restart, "新") + Tc("", "1") + Tc(cont, "2") + "</w:tr></w:tbl>"),
            // An orphan continuation starts a merge; a continuation that does not cover
            // exactly its origin's columns ("2" under the second column of 块) starts one too.
            "t1 r0: 孤[2x1] | 块[2x2] | ~\n"
            "t1 r1: ~ | ~ | ~\n"
            "t1 r2: 新 | 1 | 2\n");
}

TEST(DocxTables, LegacyHorizontalMerge) {
  EXPECT_EQ(ReadBody("<w:tbl><w:tr>" + Tc("<w:hMerge w:val=\"restart\"/>", "合并") +
                     Tc("<w:hMerge/>", "x") + Tc("", "c") + "</w:tr><w:tr>" + Tc("", "1") +
                     Tc("", "2") + Tc("", "3") + "</w:tr></w:tbl>"),
            "t1 r0: 合并[1x2] | ~ | c\nt1 r1: 1 | 2 | 3\n");
  // Widening a cell that starts a vertical merge widens the merge (found by fuzz_docx: the
  // widened cell was used after the row's cells had moved).
  EXPECT_EQ(ReadBody("<w:tbl><w:tr>" + Tc("", "a") +
                     Tc("<w:hMerge w:val=\"restart\"/><w:vMerge w:val=\"restart\"/>", "块") +
                     Tc("<w:hMerge/>", "") + Tc("<w:hMerge/>", "") + "</w:tr><w:tr>" + Tc("", "b") +
                     Tc("<w:gridSpan w:val=\"3\"/><w:vMerge/>", "") + "</w:tr></w:tbl>"),
            "t1 r0: a | 块[2x3] | ~ | ~\nt1 r1: b | ~ | ~ | ~\n");
}

TEST(DocxTables, NestedTablesFlattenIntoTheCell) {
  const std::string inner = "<w:tbl><w:tr>" + Tc("<w:gridSpan w:val=\"2\"/>", "标题") +
                            "</w:tr><w:tr>" + Tc("", "甲") + Tc("", "乙") + "</w:tr></w:tbl>";
  EXPECT_EQ(ReadBody("<w:tbl><w:tr><w:tc>" + P("上") + inner + "<w:p/></w:tc><w:tc>" + inner +
                     P("下") + "</w:tc></w:tr></w:tbl>"),
            "t1 r0: 上\\n标题\\t\\n甲\\t乙 | 标题\\t\\n甲\\t乙\\n下\n");
}

TEST(DocxTables, EmptyTableIsSkippedAndIndexesStayDense) {
  EXPECT_EQ(ReadBody("<w:tbl><w:tblPr/></w:tbl><w:tbl><w:tr>" + Tc("", "1") + "</w:tr></w:tbl>"),
            "t1 r0: 1\n");
}

TEST(DocxNamespaces, PrefixesAreResolvedNotAssumed) {
  // The default namespace and a prefix other than w:, and a w: element in a foreign
  // namespace that must not be read.
  const std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<body><p><r><t>默认</t></r></p>)"
      R"(<ww:p xmlns:ww="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<ww:r><ww:t>前缀</ww:t><w:t xmlns:w="urn:other">外来</w:t></ww:r></ww:p>)"
      R"(</body></document>)";
  Result<FlatDocument> doc = ReadDocxDocumentXml(xml, "ns.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Dump(*doc), "p1 默认\np2 前缀\n");
}

TEST(DocxNamespaces, StrictOpenXml) {
  const std::string xml =
      R"(<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main">)"
      R"(<w:body><w:p><w:r><w:t>严格</w:t></w:r></w:p></w:body></w:document>)";
  Result<FlatDocument> doc = ReadDocxDocumentXml(xml, "strict.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Dump(*doc), "p1 严格\n");
}

TEST(DocxNamespaces, Utf16DocumentPart) {
  const std::string utf8 = DocumentXml(P("十六位"));
  std::u16string wide;
  for (size_t pos = 0; pos < utf8.size();) {
    const char32_t cp = NextCodePoint(utf8, &pos);
    wide.push_back(static_cast<char16_t>(cp));
  }
  std::string bytes = "\xFF\xFE";
  for (char16_t c : wide) {
    bytes.push_back(static_cast<char>(c & 0xFF));
    bytes.push_back(static_cast<char>(c >> 8));
  }
  Result<FlatDocument> doc = ReadDocxDocumentXml(bytes, "u16.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Dump(*doc), "p1 十六位\n");
}

TEST(DocxPackage, MainPartFoundThroughTheRelationships) {
  const std::string bytes =
      ZipBuilder()
          .Add("[Content_Types].xml", ContentTypes("word/main.xml", kWordMain))
          .Add("_rels/.rels", Relationships("/word/main.xml"))
          .Add("word/main.xml", DocumentXml(P("主文档")))
          .Add("word/document.xml", DocumentXml(P("不是这个")))
          .Finish();
  Result<FlatDocument> doc = ReadDocx(bytes, "rels.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Dump(*doc), "p1 主文档\n");
}

TEST(DocxPackage, FallsBackToWordDocumentXml) {
  // No relationships, no content types; and relationships naming a missing part.
  Result<FlatDocument> bare =
      ReadDocx(ZipBuilder().Add("word/document.xml", DocumentXml(P("裸"))).Finish(), "a.docx");
  ASSERT_TRUE(bare.ok()) << bare.status().message();
  EXPECT_EQ(Dump(*bare), "p1 裸\n");
  Result<FlatDocument> dangling = ReadDocx(ZipBuilder()
                                               .Add("_rels/.rels", Relationships("word/gone.xml"))
                                               .Add("_rels/broken.rels", "<not xml")
                                               .Add("Word/Document.xml", DocumentXml(P("大小写")))
                                               .Finish(),
                                           "b.docx");
  ASSERT_TRUE(dangling.ok()) << dangling.status().message();
  EXPECT_EQ(Dump(*dangling), "p1 大小写\n");
}

// ---------------------------------------------------------------------------------------------
// Bad input.

TEST(DocxErrors, NotAZip) {
  EXPECT_EQ(ReadDocx("", "empty.docx").status().message(),
            "empty.docx: not a zip archive (no PK signature)");
  std::mt19937 rng(7);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  noise[0] = 'x';
  const Result<FlatDocument> r = ReadDocx(noise, "noise.docx");
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "noise.docx: not a zip archive (no PK signature)");
}

TEST(DocxErrors, TruncatedZip) {
  const std::string whole = Docx(P("内容") + P("更多内容"));
  const Result<FlatDocument> r = ReadDocx(whole.substr(0, whole.size() / 2), "cut.docx");
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(r.status().message(), "cut.docx: damaged zip archive: no end of central directory");
  // Random bytes after a zip signature.
  std::mt19937 rng(11);
  std::string noise = "PK\x03\x04";
  for (int i = 0; i < 2000; ++i) noise.push_back(static_cast<char>(rng()));
  EXPECT_EQ(ReadDocx(noise, "pk.docx").status().message(),
            "pk.docx: damaged zip archive: no end of central directory");
}

// A member whose bytes do not match its CRC-32 must not be read as if whole.
TEST(DocxErrors, CrcMismatchIsCorruption) {
  std::string bytes = ZipBuilder().AddStored("word/document.xml", DocumentXml(P("文档"))).Finish();
  const size_t at = bytes.find("文档");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'X';
  const Result<FlatDocument> r = ReadDocx(bytes, "crc.docx");
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_THAT(r.status().message(), HasSubstr("crc.docx: word/document.xml: "));
  EXPECT_EQ(r.status().message(), "crc.docx: word/document.xml: damaged member: CRC mismatch");
}

TEST(DocxErrors, ZipWithoutDocument) {
  const Result<FlatDocument> r =
      ReadDocx(ZipBuilder().Add("readme.txt", "hello").Finish(), "other.zip");
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "other.zip: not a Word document (no word/document.xml)");
}

TEST(DocxErrors, OtherOfficeFilesSayWhatTheyLookLike) {
  const std::string xlsx =
      ZipBuilder()
          .Add("[Content_Types].xml",
               ContentTypes("xl/workbook.xml",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet."
                            "main+xml"))
          .Add("_rels/.rels", Relationships("xl/workbook.xml"))
          .Add("xl/workbook.xml", "<workbook/>")
          .Finish();
  EXPECT_EQ(ReadDocx(xlsx, "表.xlsx").status().message(),
            "表.xlsx: not a Word document (no word/document.xml); it looks like an Excel "
            "workbook");
  const std::string pptx = ZipBuilder()
                               .Add("_rels/.rels", Relationships("ppt/presentation.xml"))
                               .Add("ppt/presentation.xml", "<p/>")
                               .Finish();
  EXPECT_EQ(ReadDocx(pptx, "p.pptx").status().message(),
            "p.pptx: not a Word document (no word/document.xml); it looks like a PowerPoint "
            "presentation");
  const std::string odt = ZipBuilder()
                              .Add("mimetype", "application/vnd.oasis.opendocument.text")
                              .Add("content.xml", "<office:document-content/>")
                              .Finish();
  EXPECT_EQ(ReadDocx(odt, "r.odt").status().message(),
            "r.odt: not a Word document (no word/document.xml); it looks like an OpenDocument "
            "text (.odt); save it as .docx");
}

TEST(DocxErrors, WorkbookWrittenByOpenpyxl) {
  if (Shell("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "/usr/bin/python3 with openpyxl is needed for this test";
  }
  TempDir dir;
  const fs::path file = dir.path() / "book.xlsx";
  ASSERT_EQ(Shell("/usr/bin/python3 -c 'import openpyxl, sys; b = openpyxl.Workbook(); "
                  "b.active[\"A1\"] = 153.53; b.save(sys.argv[1])' '" +
                  file.string() + "'"),
            0);
  EXPECT_EQ(ReadDocx(ReadFileOrEmpty(file), "book.xlsx").status().message(),
            "book.xlsx: not a Word document (no word/document.xml); it looks like an Excel "
            "workbook");
}

TEST(DocxErrors, BrokenXml) {
  const std::string bytes =
      ZipBuilder().Add("word/document.xml", DocumentXml("<w:p><w:r><w:t>x</w:r></w:p>")).Finish();
  const Result<FlatDocument> r = ReadDocx(bytes, "bad.docx");
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  // pugixml points at the name of the closing tag that does not match.
  const size_t offset = DocumentXml("<w:p><w:r><w:t>x</w:r></w:p>").find("</w:r>") + 2;
  EXPECT_EQ(r.status().message(), "bad.docx: word/document.xml: byte " + std::to_string(offset) +
                                      ": Start-end tags mismatch");
  EXPECT_EQ(ReadDocxDocumentXml("", "e.docx").status().message(),
            "e.docx: word/document.xml: byte 0: No document element found");
}

TEST(DocxErrors, NotWordprocessingMl) {
  const Result<FlatDocument> r =
      ReadDocx(ZipBuilder().Add("word/document.xml", "<html><body/></html>").Finish(), "h.docx");
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "h.docx: word/document.xml: not a WordprocessingML document (root element <html>)");
}

// 64 tables each inside the cell of the one before.
std::string NestedTables(int depth) {
  std::string xml;
  for (int i = 0; i < depth; ++i) xml += "<w:tbl><w:tr><w:tc>";
  xml += P("底");
  for (int i = 0; i < depth; ++i)
    xml += std::string(i > 0 ? "<w:p/>" : "") + "</w:tc></w:tr></w:tbl>";
  return xml;
}

TEST(DocxErrors, HostileNesting) {
  const std::string deep = DocumentXml(NestedTables(64));
  const Result<FlatDocument> r = ReadDocxDocumentXml(deep, "deep.docx");
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  // The 17th table's name starts one byte after its '<'.
  std::string prefix = DocumentXml("");
  prefix = prefix.substr(0, prefix.find("</w:body>"));
  for (int i = 0; i < 16; ++i) prefix += "<w:tbl><w:tr><w:tc>";
  EXPECT_EQ(r.status().message(), "deep.docx: word/document.xml: byte " +
                                      std::to_string(prefix.size() + 1) +
                                      ": tables nested more than 16 deep");
  // Sixteen levels read.
  Result<FlatDocument> ok = ReadDocxDocumentXml(DocumentXml(NestedTables(16)), "ok.docx");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  ASSERT_EQ(ok->blocks.size(), 1u);
  EXPECT_EQ(ok->blocks[0].table.rows[0].cells[0].text, "底");

  // Inline containers nested 100,000 deep.
  std::string links;
  for (int i = 0; i < 100000; ++i) links += "<w:hyperlink>";
  links += "<w:r><w:t>x</w:t></w:r>";
  for (int i = 0; i < 100000; ++i) links += "</w:hyperlink>";
  const Result<FlatDocument> h =
      ReadDocxDocumentXml(DocumentXml("<w:p>" + links + "</w:p>"), "links.docx");
  EXPECT_EQ(h.status().code(), Status::Code::kCorruption);
  EXPECT_THAT(h.status().message(), HasSubstr(": elements nested more than 256 deep"));
}

TEST(DocxErrors, GridAndCellCaps) {
  const Result<FlatDocument> wide = ReadDocx(
      Docx("<w:tbl><w:tr>" + Tc("<w:gridSpan w:val=\"2000000000\"/>", "宽") + "</w:tr></w:tbl>"),
      "wide.docx");
  EXPECT_EQ(wide.status().code(), Status::Code::kCorruption);
  EXPECT_THAT(wide.status().message(), HasSubstr(": a table row wider than 1000 grid columns"));
  EXPECT_THAT(ReadDocx(Docx("<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"999\"/></w:trPr>" +
                            Tc("<w:gridSpan w:val=\"2\"/>", "x") + "</w:tr></w:tbl>"),
                       "before.docx")
                  .status()
                  .message(),
              HasSubstr("wider than 1000 grid columns"));

  DocxLimits limits;
  limits.max_cells = 10;
  std::string rows;
  for (int i = 0; i < 3; ++i) rows += "<w:tr>" + Tc("", "a") + Tc("", "b") + "</w:tr>";
  rows += "<w:tr>" + Tc("<w:gridSpan w:val=\"5\"/>", "宽") + "</w:tr>";
  // 6 cells, then 5, then the padding of 3 rows × 3 positions.
  const Result<FlatDocument> many =
      ReadDocx(Docx("<w:tbl>" + rows + "</w:tbl>"), "many.docx", limits);
  EXPECT_THAT(many.status().message(), HasSubstr(": more than 10 table cells"));
  limits.max_cells = 20;
  const Result<FlatDocument> fits =
      ReadDocx(Docx("<w:tbl>" + rows + "</w:tbl>"), "many.docx", limits);
  ASSERT_TRUE(fits.ok()) << fits.status().message();
  ExpectWellFormed(*fits);

  limits.max_xml_tags = 50;
  EXPECT_EQ(ReadDocx(Docx("<w:tbl>" + rows + "</w:tbl>"), "tags.docx", limits).status().message(),
            "tags.docx: word/document.xml: more than 50 XML tags, too many to read");
}

TEST(DocxZipBomb, MemberBeyondTheSizeCapIsNotInflated) {
  // 300 MiB of zeros deflate to about 300 KB; produced by a callback, never held in memory.
  const std::string bomb =
      ZipBuilder()
          .Add("[Content_Types].xml", ContentTypes("word/document.xml", kWordMain))
          .AddZeros("word/document.xml", 300ull << 20)
          .Finish();
  EXPECT_LT(bomb.size(), 1u << 20);
  const Result<FlatDocument> r = ReadDocx(bomb, "bomb.docx");
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(r.status().message(),
            "bomb.docx: word/document.xml: 314572800 bytes uncompressed, more than the "
            "67108864 allowed");
}

TEST(DocxZipBomb, RatioBeyondTheCap) {
  const std::string bomb = ZipBuilder().AddZeros("word/document.xml", 8ull << 20).Finish();
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bomb.data(), bomb.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  ASSERT_NE(archive, nullptr);
  zip_stat_t st;
  ASSERT_EQ(zip_stat_index(archive, 0, 0, &st), 0);
  const uint64_t ratio = st.size / st.comp_size;
  zip_discard(archive);
  zip_error_fini(&error);
  EXPECT_EQ(ReadDocx(bomb, "ratio.docx").status().message(),
            "ratio.docx: word/document.xml: compressed " + std::to_string(ratio) +
                ":1, beyond the 200:1 allowed (a zip bomb?)");
  // With the caps of the caller's choosing.
  DocxLimits limits;
  limits.zip.max_ratio = 100000;
  limits.zip.max_member_bytes = 1 << 20;
  EXPECT_EQ(ReadDocx(bomb, "small.docx", limits).status().message(),
            "small.docx: word/document.xml: 8388608 bytes uncompressed, more than the 1048576 "
            "allowed");
}

}  // namespace
}  // namespace jixiao
