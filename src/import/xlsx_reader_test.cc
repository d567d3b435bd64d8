// Tests of ReadXlsx and FormatXlsxNumber. Three kinds of input:
//  * workbooks written at test time by independent software — openpyxl (/usr/bin/python3) and
//    LibreOffice (soffice, converting the openpyxl workbook so formulas get cached values, a
//    CSV file and an HTML table with rowspan/colspan) — by tests/fixtures/xlsx/make_fixtures.py;
//    these tests skip, saying why, when openpyxl or soffice is missing;
//  * workbooks whose XML is written here and zipped with libzip, for what those programs never
//    write (inline strings, rich text with phonetic runs, errors, the 1904 date system,
//    scientific notation, prefixed namespaces, hostile references and sizes);
//  * bad input, with the exact messages.
#include "import/xlsx_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/test_support.h"
#include "tests/zip_testing.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Helpers.

std::string ReadFileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using testing::Members;
using testing::Zip;

constexpr char kMain[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRel[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string Worksheet(const std::string& sheet_data, const std::string& after = "") {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"") + kMain +
         "\"><sheetData>" + sheet_data + "</sheetData>" + after + "</worksheet>";
}

struct Book {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, worksheet XML
  std::string shared_strings;                               // <si> elements, or ""
  std::string number_formats;                               // <numFmt> elements
  std::string cell_xfs = "<xf numFmtId=\"0\"/>";
  std::string workbook_pr;
  Members extra;
};

// A minimal but complete workbook, as Excel lays one out.
std::string Xlsx(const Book& book) {
  std::string sheets, rels, types;
  for (size_t i = 0; i < book.sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    sheets += "<sheet name=\"" + book.sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n +
              "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + kRel +
            "/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
  }
  rels += std::string("<Relationship Id=\"rIdS\" Type=\"") + kRel +
          "/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rIdY\" Type=\"" +
          kRel + "/styles\" Target=\"styles.xml\"/>";
  Members m = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels",
       std::string("<?xml version=\"1.0\"?><Relationships "
                   "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"rId1\" Type=\"") +
           kRel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", std::string("<?xml version=\"1.0\"?><workbook xmlns=\"") + kMain +
                              "\" xmlns:r=\"" + kRel + "\">" + book.workbook_pr + "<sheets>" +
                              sheets + "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
           rels + "</Relationships>"},
      {"xl/sharedStrings.xml", std::string("<?xml version=\"1.0\"?><sst xmlns=\"") + kMain + "\">" +
                                   book.shared_strings + "</sst>"},
      {"xl/styles.xml", std::string("<?xml version=\"1.0\"?><styleSheet xmlns=\"") + kMain +
                            "\"><numFmts>" + book.number_formats + "</numFmts><cellXfs>" +
                            book.cell_xfs + "</cellXfs></styleSheet>"},
  };
  for (size_t i = 0; i < book.sheets.size(); ++i) {
    m.emplace_back("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", book.sheets[i].second);
  }
  for (const auto& e : book.extra) m.push_back(e);
  return Zip(m);
}

std::string OneSheet(const std::string& sheet_data, const std::string& after = "") {
  Book book;
  book.sheets = {{"Sheet1", Worksheet(sheet_data, after)}};
  return Xlsx(book);
}

// "B7" → the cell (or nullptr) of a table whose first row is sheet row `first_row`; found by
// the row's own reference ("A7") when a long run of empty rows was kept as one.
const FlatCell* At(const FlatTable& t, const std::string& ref, int first_row = 1) {
  size_t i = 0;
  int column = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    column = column * 26 + (ref[i++] - 'A' + 1);
  }
  const int row = std::stoi(ref.substr(i));
  size_t r = static_cast<size_t>(row - first_row);
  if (r >= t.rows.size() || t.rows[r].origin.cell_ref != "A" + ref.substr(i)) {
    r = t.rows.size();
    for (size_t k = 0; k < t.rows.size(); ++k) {
      if (t.rows[k].origin.cell_ref == "A" + ref.substr(i)) r = k;
    }
  }
  if (r >= t.rows.size() || static_cast<size_t>(column - 1) >= t.rows[r].cells.size()) {
    return nullptr;
  }
  return &t.rows[r].cells[static_cast<size_t>(column - 1)];
}

std::string TextAt(const FlatTable& t, const std::string& ref, int first_row = 1) {
  const FlatCell* c = At(t, ref, first_row);
  return c == nullptr ? "<absent>" : c->text;
}

const FlatTable& Table(const FlatDocument& d, size_t i) { return d.blocks.at(i).table; }

// Every row's cells as "text|text|…" ("~" for a covered cell), for whole-grid comparisons.
std::vector<std::string> Grid(const FlatTable& t) {
  std::vector<std::string> rows;
  for (const FlatRow& r : t.rows) {
    std::string line;
    for (size_t i = 0; i < r.cells.size(); ++i) {
      if (i > 0) line += '|';
      line += r.cells[i].covered ? "~" : r.cells[i].text;
    }
    rows.push_back(line);
  }
  return rows;
}

// Checks the invariants every table must keep.
void ExpectWellFormed(const FlatDocument& d) {
  for (const FlatBlock& b : d.blocks) {
    ASSERT_EQ(b.kind, FlatBlock::Kind::kTable);
    for (const FlatRow& r : b.table.rows) {
      for (size_t i = 0; i < r.cells.size(); ++i) {
        EXPECT_EQ(r.cells[i].column, static_cast<int>(i))
            << b.table.name << " " << r.origin.cell_ref;
        if (r.cells[i].covered) {
          EXPECT_EQ(r.cells[i].text, "");
        }
      }
    }
  }
}

Result<FlatDocument> Read(const std::string& bytes, const XlsxLimits& limits = {}) {
  Result<FlatDocument> d = ReadXlsx(bytes, "t.xlsx", limits);
  if (d.ok()) ExpectWellFormed(*d);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Number formats.

TEST(XlsxNumberFormat, GeneralDropsFloatTailsAndExponents) {
  EXPECT_EQ(FormatXlsxNumber("124.88000000000001", "General"), "124.88");
  EXPECT_EQ(FormatXlsxNumber("0.30000000000000004", "General"), "0.3");
  // 15 significant digits, as Excel's formula bar shows it (the cell itself would show as
  // many as the column is wide).
  EXPECT_EQ(FormatXlsxNumber("6.039999999999992", "General"), "6.03999999999999");
  EXPECT_EQ(FormatXlsxNumber("127.1", "General"), "127.1");
  EXPECT_EQ(FormatXlsxNumber("37", ""), "37");
  EXPECT_EQ(FormatXlsxNumber("1.2E-2", "General"), "0.012");
  EXPECT_EQ(FormatXlsxNumber("1.25e3", "General"), "1250");
  EXPECT_EQ(FormatXlsxNumber("-0", "General"), "0");
  EXPECT_EQ(FormatXlsxNumber("-0.5", "General"), "-0.5");
  EXPECT_EQ(FormatXlsxNumber("123456789012345678", "General"), "123456789012346000");
  EXPECT_EQ(FormatXlsxNumber("1.5E+25", "General"), "1.5E+25");
  EXPECT_EQ(FormatXlsxNumber("1E-30", "General"), "1E-30");
  EXPECT_EQ(FormatXlsxNumber(" 7 ", "General"), "7");
  EXPECT_EQ(FormatXlsxNumber("9.9999999999999999E-1", "General"), "1");
  // Not numbers: returned as written.
  EXPECT_EQ(FormatXlsxNumber("abc", "0.00"), "abc");
  EXPECT_EQ(FormatXlsxNumber("", "0.00"), "");
  EXPECT_EQ(FormatXlsxNumber("1e99999999", "0.00"), "1e99999999");
  EXPECT_EQ(FormatXlsxNumber("1.2.3", "General"), "1.2.3");
}

TEST(XlsxNumberFormat, PercentShowsTheFormatsDecimals) {
  EXPECT_EQ(FormatXlsxNumber("0.9825", "0.00%"), "98.25%");
  EXPECT_EQ(FormatXlsxNumber("0.982533438237608", "0.00%"), "98.25%");
  EXPECT_EQ(FormatXlsxNumber("9.825E-1", "0.00%"), "98.25%");
  EXPECT_EQ(FormatXlsxNumber("1.2E-2", "0.00%"), "1.20%");
  EXPECT_EQ(FormatXlsxNumber("0.875", "0.0%"), "87.5%");
  EXPECT_EQ(FormatXlsxNumber("1", "0%"), "100%");
  EXPECT_EQ(FormatXlsxNumber("1.086957", "0.00%"), "108.70%");
  EXPECT_EQ(FormatXlsxNumber("1.025897", "0.00%"), "102.59%");
  EXPECT_EQ(FormatXlsxNumber("0.98245", "0.00%"), "98.25%");  // half up, on the decimal
  EXPECT_EQ(FormatXlsxNumber("-0.05", "0.00%"), "-5.00%");
  EXPECT_EQ(FormatXlsxNumber("-0.001", "0%"), "0%");  // no negative zero
  EXPECT_EQ(FormatXlsxNumber("0.5", BuiltinXlsxFormat(9)), "50%");
  EXPECT_EQ(FormatXlsxNumber("0.5", BuiltinXlsxFormat(10)), "50.00%");
  EXPECT_EQ(FormatXlsxNumber("0.98", "0.00%;[Red]-0.00%"), "98.00%");
}

TEST(XlsxNumberFormat, FixedDecimalsWithoutSeparators) {
  EXPECT_EQ(FormatXlsxNumber("127.1", "0.00"), "127.10");
  EXPECT_EQ(FormatXlsxNumber("3724055", "#,##0.00"), "3724055.00");
  EXPECT_EQ(FormatXlsxNumber("1.005", "0.00"), "1.01");  // Excel shows 1.01
  EXPECT_EQ(FormatXlsxNumber("2.5", "0"), "3");
  EXPECT_EQ(FormatXlsxNumber("124.875", "0.0#"), "124.88");
  EXPECT_EQ(FormatXlsxNumber("124.8", "0.0#"), "124.8");
  EXPECT_EQ(FormatXlsxNumber("124", "0.0#"), "124.0");
  EXPECT_EQ(FormatXlsxNumber("0.004", "0.00"), "0.00");
  EXPECT_EQ(FormatXlsxNumber("-23.52", "0.00;[Red]-0.00"), "-23.52");
  EXPECT_EQ(FormatXlsxNumber("-23.52", "#,##0.00_);(#,##0.00)"), "-23.52");
  EXPECT_EQ(FormatXlsxNumber("-23.5", "0.00;(0)"), "-24");  // the negative section's decimals
  EXPECT_EQ(FormatXlsxNumber("1234567", "#,##0,"), "1235");
  EXPECT_EQ(FormatXlsxNumber("0.5", "\"¥\"#,##0.00"), "0.50");
  EXPECT_EQ(FormatXlsxNumber("12", "0.00\"万元\""), "12.00");
  EXPECT_EQ(FormatXlsxNumber("0", BuiltinXlsxFormat(43)), "0.00");
  EXPECT_EQ(FormatXlsxNumber("1234.5", BuiltinXlsxFormat(4)), "1234.50");
  EXPECT_EQ(FormatXlsxNumber("1E+30", "0.00"), "1E+30");
  // Read as General: text, fractions, scientific.
  EXPECT_EQ(FormatXlsxNumber("12.5", "@"), "12.5");
  EXPECT_EQ(FormatXlsxNumber("0.5", "# ?/?"), "0.5");
  EXPECT_EQ(FormatXlsxNumber("12345", "0.00E+00"), "12345");
}

TEST(XlsxNumberFormat, Dates) {
  const std::string_view date = BuiltinXlsxFormat(14);
  EXPECT_EQ(FormatXlsxNumber("45292", "yyyy\"年\"m\"月\"d\"日\""), "2024年1月1日");
  EXPECT_EQ(FormatXlsxNumber("45657", date), "2024年12月31日");
  EXPECT_EQ(FormatXlsxNumber("45657", "mm-dd-yy"), "2024年12月31日");
  EXPECT_EQ(FormatXlsxNumber("45657", "[$-804]yyyy/m/d;@"), "2024年12月31日");
  // The 1900 system counts a 29 February 1900 that never was.
  EXPECT_EQ(FormatXlsxNumber("1", date), "1900年1月1日");
  EXPECT_EQ(FormatXlsxNumber("59", date), "1900年2月28日");
  EXPECT_EQ(FormatXlsxNumber("60", date), "1900年2月29日");
  EXPECT_EQ(FormatXlsxNumber("61", date), "1900年3月1日");
  EXPECT_EQ(FormatXlsxNumber("0", date), "1900年1月0日");
  EXPECT_EQ(FormatXlsxNumber("2958465", date), "9999年12月31日");
  // The 1904 system.
  EXPECT_EQ(FormatXlsxNumber("0", date, true), "1904年1月1日");
  EXPECT_EQ(FormatXlsxNumber("43830", date, true), "2024年1月1日");
  // Only the parts the format shows; times, 24-hour.
  EXPECT_EQ(FormatXlsxNumber("45292", "yyyy\"年\"m\"月\""), "2024年1月");
  EXPECT_EQ(FormatXlsxNumber("45292", BuiltinXlsxFormat(28)), "1月1日");
  EXPECT_EQ(FormatXlsxNumber("45306.3958333333", "yyyy-mm-dd h:mm"), "2024年1月15日 9:30");
  EXPECT_EQ(FormatXlsxNumber("45306.3958333333", BuiltinXlsxFormat(22)), "2024年1月15日 9:30");
  EXPECT_EQ(FormatXlsxNumber("0.75", "h:mm:ss AM/PM"), "18:00:00");
  EXPECT_EQ(FormatXlsxNumber("0.5", BuiltinXlsxFormat(32)), "12:00");
  EXPECT_EQ(FormatXlsxNumber("1.5", "[h]:mm"), "36:00");
  EXPECT_EQ(FormatXlsxNumber("6.94444444444444E-4", "mm:ss"), "01:00");
  EXPECT_EQ(FormatXlsxNumber("45292.999999999", "yyyy/m/d h:mm:ss"), "2024年1月2日 0:00:00");
  // Not shown as dates by Excel either ("########"): General.
  EXPECT_EQ(FormatXlsxNumber("-1", date), "-1");
  EXPECT_EQ(FormatXlsxNumber("3000000", date), "3000000");
}

TEST(XlsxNumberFormat, BuiltinIds) {
  EXPECT_EQ(BuiltinXlsxFormat(0), "General");
  EXPECT_EQ(BuiltinXlsxFormat(10), "0.00%");
  EXPECT_EQ(BuiltinXlsxFormat(49), "@");
  EXPECT_EQ(BuiltinXlsxFormat(31), "yyyy\"年\"m\"月\"d\"日\"");
  EXPECT_EQ(BuiltinXlsxFormat(23), "");
  EXPECT_EQ(BuiltinXlsxFormat(164), "");
}

// ---------------------------------------------------------------------------------------------
// Hand-built workbooks.

TEST(XlsxReader, SharedInlineAndFormulaStrings) {
  Book book;
  book.shared_strings =
      "<si><t>项目</t></si>"
      "<si><r><rPr><b/></rPr><t>全年</t></r><r><t xml:space=\"preserve\">预算数 </t></r>"
      "<rPh sb=\"0\" eb=\"2\"><t>ぜんねん</t></rPh></si>"
      "<si><t>年度预_x000D_\n算申请</t></si>"
      "<si><t xml:space=\"preserve\"> </t></si>"
      "<si><t></t></si>"
      "<si><t>a_x005F_x0041_b &amp; &lt;c&gt;</t></si>";
  book.sheets = {
      {"表",
       Worksheet(
           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
           "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
           "<c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row>"
           "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>内联</t></is></c>"
           "<c r=\"B2\" t=\"inlineStr\"><is><r><t>富</t></r><r><t>文本</t></r></is></c>"
           "<c r=\"C2\" t=\"str\"><f>\"执行率\"&amp;TEXT(B3,\"0.00%\")</f><v>执行率98.25%</v></c>"
           "<c r=\"D2\" t=\"str\"><f>A1</f><v></v></c>"
           "<c r=\"E2\" t=\"inlineStr\"><is><t>x<![CDATA[<y>]]></t></is></c></row>")}};
  Result<FlatDocument> d = Read(Xlsx(book));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->file, "t.xlsx");
  EXPECT_EQ(d->format, "xlsx");
  const FlatTable& t = Table(*d, 0);
  EXPECT_EQ(t.name, "表");
  EXPECT_EQ(t.index, 1);
  EXPECT_EQ(TextAt(t, "A1"), "项目");
  EXPECT_EQ(TextAt(t, "B1"), "全年预算数 ");  // runs joined, the phonetic guide dropped
  EXPECT_EQ(TextAt(t, "C1"), "年度预\n算申请");
  EXPECT_EQ(TextAt(t, "D1"), " ");
  EXPECT_EQ(TextAt(t, "E1"), "");  // an empty string: an empty gap cell
  EXPECT_EQ(TextAt(t, "F1"), "a_x0041_b & <c>");
  EXPECT_EQ(TextAt(t, "A2"), "内联");
  EXPECT_EQ(TextAt(t, "B2"), "富文本");
  EXPECT_EQ(TextAt(t, "C2"), "执行率98.25%");
  EXPECT_EQ(TextAt(t, "E2"), "x<y>");
  EXPECT_EQ(t.rows[1].cells.size(), 5u);
  EXPECT_EQ(At(t, "B1")->origin.cell_ref, "B1");
  EXPECT_EQ(t.rows[1].origin.cell_ref, "A2");
}

TEST(XlsxReader, BooleansErrorsAndCachedValues) {
  Result<FlatDocument> d = Read(OneSheet(
      "<row r=\"1\"><c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><f>1&gt;2</f><v>0</v></c>"
      "<c r=\"C1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c><c r=\"D1\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"E1\"><f>SUM(1,2)</f><v>3</v></c><c r=\"F1\"><f>SUM(1,2)</f></c>"
      "<c r=\"G1\" s=\"0\"/><c r=\"H1\" t=\"d\"><v>2024-03-01T00:00:00</v></c>"
      "<c r=\"I1\" t=\"d\"><v>2024-03-01T08:05:09Z</v></c></row>"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(
      Grid(Table(*d, 0)),
      std::vector<std::string>({"TRUE|FALSE|#DIV/0!|#N/A|3|||2024年3月1日|2024年3月1日 8:05:09"}));
}

TEST(XlsxReader, NumberFormatsFromStyles) {
  Book book;
  book.number_formats =
      "<numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00_ \"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>";
  book.cell_xfs =
      "<xf numFmtId=\"0\"/><xf numFmtId=\"10\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
      "<xf numFmtId=\"166\"/><xf numFmtId=\"14\"/><xf numFmtId=\"9\" applyNumberFormat=\"1\"/>"
      "<xf numFmtId=\"2\"/>";
  book.sheets = {
      {"s",
       Worksheet(
           "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0.9825</v></c><c r=\"B1\" s=\"2\"><v>0.875</v></c>"
           "<c r=\"C1\" s=\"3\"><v>3724055</v></c><c r=\"D1\" s=\"4\"><v>45292</v></c>"
           "<c r=\"E1\" s=\"5\"><v>45657</v></c><c r=\"F1\" s=\"6\"><v>1</v></c>"
           "<c r=\"G1\" s=\"7\"><v>127.1</v></c><c r=\"H1\" s=\"99\"><v>124.88000000000001</v></c>"
           "<c r=\"I1\"><v>0.1</v></c><c r=\"J1\" t=\"n\" s=\"1\"><v>9.825E-1</v></c>"
           "<c r=\"K1\" s=\"1\"><v>1.2E-2</v></c><c r=\"L1\" s=\"7\"><v>1.271E2</v></c></row>")}};
  Result<FlatDocument> d = Read(Xlsx(book));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(Grid(Table(*d, 0)),
            std::vector<std::string>({"98.25%|87.5%|3724055.00|2024年1月1日|2024年12月31日|100%|"
                                      "127.10|124.88|0.1|98.25%|1.20%|127.10"}));
}

TEST(XlsxReader, Date1904System) {
  Book book;
  book.workbook_pr = "<workbookPr date1904=\"1\"/>";
  book.cell_xfs = "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>";
  book.sheets = {{"s", Worksheet("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>43830</v></c>"
                                 "<c r=\"B1\" s=\"1\"><v>0</v></c><c r=\"C1\"><v>43830</v></c>"
                                 "</row>")}};
  Result<FlatDocument> d = Read(Xlsx(book));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(Grid(Table(*d, 0)), std::vector<std::string>({"2024年1月1日|1904年1月1日|43830"}));
  book.workbook_pr = "<workbookPr date1904=\"false\"/>";
  d = Read(Xlsx(book));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(TextAt(Table(*d, 0), "A1"), "2019年12月31日");
}

TEST(XlsxReader, GridRowsGapsAndMerges) {
  // Rows 1-2 empty (dropped), 3 filled, 4 absent and 5 only styled (kept empty), 6 filled
  // from column C, 7 covered by a merge only, 8 styled only (dropped).
  Result<FlatDocument> d =
      Read(OneSheet("<row r=\"2\"><c r=\"A2\" s=\"0\"/></row>"
                    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>一级指标</t></is></c>"
                    "<c r=\"B3\" t=\"inlineStr\"><is><t>二级指标</t></is></c>"
                    "<c r=\"C3\" t=\"inlineStr\"><is><t>hidden by the merge</t></is></c></row>"
                    "<row r=\"5\"><c r=\"B5\" s=\"0\"/></row>"
                    "<row r=\"6\"><c r=\"C6\"><v>50</v></c><c r=\"E6\"><v>40</v></c></row>"
                    "<row r=\"8\"><c r=\"F8\" s=\"0\"/></row>",
                    "<mergeCells count=\"3\"><mergeCell ref=\"B3:C3\"/><mergeCell ref=\"A6:B7\"/>"
                    "<mergeCell ref=\"D1:D1\"/></mergeCells>"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  const FlatTable& t = Table(*d, 0);
  EXPECT_EQ(Grid(t), std::vector<std::string>({"一级指标|二级指标|~", "", "", "|~|50||40", "~|~"}));
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[0].origin.cell_ref, "A3");
  EXPECT_EQ(t.rows[1].origin.cell_ref, "A4");
  EXPECT_TRUE(t.rows[1].cells.empty());
  EXPECT_EQ(t.rows[4].origin.cell_ref, "A7");
  const FlatCell* b3 = At(t, "B3", 3);
  EXPECT_EQ(b3->column_span, 2);
  EXPECT_EQ(b3->row_span, 1);
  EXPECT_FALSE(b3->covered);
  const FlatCell* c3 = At(t, "C3", 3);
  EXPECT_TRUE(c3->covered);
  EXPECT_EQ(c3->origin.cell_ref, "C3");
  const FlatCell* a6 = At(t, "A6", 3);
  EXPECT_EQ(a6->row_span, 2);
  EXPECT_EQ(a6->column_span, 2);
  EXPECT_EQ(a6->text, "");
  EXPECT_EQ(At(t, "B7", 3)->origin.cell_ref, "B7");
  EXPECT_EQ(At(t, "E6", 3)->origin.cell_ref, "E6");
}

TEST(XlsxReader, OverlappingMergeIsIgnored) {
  Result<FlatDocument> d = Read(OneSheet(
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c><c r=\"C1\"><v>3</v></c>"
      "</row>",
      "<mergeCells><mergeCell ref=\"A1:B1\"/><mergeCell ref=\"B1:C1\"/>"
      "<mergeCell ref=\"C2:C1\"/></mergeCells>"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(Grid(Table(*d, 0)), std::vector<std::string>({"1|~|3", "||~"}));
  EXPECT_EQ(At(Table(*d, 0), "C1")->row_span, 2);  // "C2:C1" is C1:C2
}

TEST(XlsxReader, CellsAndRowsWithoutReferences) {
  Result<FlatDocument> d =
      Read(OneSheet("<row><c><v>1</v></c><c><v>2</v></c></row>"
                    "<row><c r=\"C2\"><v>3</v></c><c><v>4</v></c></row>"
                    "<row r=\"4\"><c><v>5</v></c></row><row><c><v>6</v></c></row>"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(Grid(Table(*d, 0)), std::vector<std::string>({"1|2", "||3|4", "", "5", "6"}));
}

TEST(XlsxReader, DuplicateCellLaterWins) {
  Result<FlatDocument> d =
      Read(OneSheet("<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>2</v></c><c "
                    "r=\"B1\"><v>3</v></c></row>"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(Grid(Table(*d, 0)), std::vector<std::string>({"2|3"}));
}

TEST(XlsxReader, PrefixedNamespacesAbsoluteTargetsAndTabOrder) {
  // As the .NET Open XML SDK writes: "x:" prefixes, absolute targets, and relationships listed
  // in another order than the tabs. Also a chart sheet (no table) and an empty sheet.
  const std::string x = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string sheet = "<x:worksheet xmlns:x=\"" + x +
                            "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\">"
                            "<x:is><x:t>第二</x:t></x:is></x:c></x:row></x:sheetData>"
                            "</x:worksheet>";
  const std::string rels =
      std::string(
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"R2\" Type=\"") +
      kRel +
      "/worksheet\" Target=\"/xl/worksheets/b.xml\"/>"
      "<Relationship Id=\"R1\" Type=\"" +
      kRel +
      "/worksheet\" Target=\"/xl/worksheets/a.xml\"/>"
      "<Relationship Id=\"R3\" Type=\"" +
      kRel +
      "/chartsheet\" Target=\"chartsheets/c.xml\"/>"
      "<Relationship Id=\"R4\" Type=\"" +
      kRel +
      "/worksheet\" Target=\"./worksheets/../e.xml\"/>"
      "<Relationship Id=\"R5\" Type=\"" +
      kRel +
      "/sharedStrings\" Target=\"/xl/ss.xml\"/>"
      "</Relationships>";
  const std::string workbook =
      "<x:workbook xmlns:x=\"" + x + "\" xmlns:r=\"" + kRel +
      "\"><x:sheets><x:sheet name=\"一\" sheetId=\"1\" r:id=\"R1\"/>"
      "<x:sheet name=\"图\" sheetId=\"3\" r:id=\"R3\"/>"
      "<x:sheet name=\"空\" sheetId=\"4\" r:id=\"R4\" state=\"veryHidden\"/>"
      "<x:sheet name=\"二\" sheetId=\"2\" r:id=\"R2\" state=\"hidden\"/></x:sheets></x:workbook>";
  const std::string a = "<x:worksheet xmlns:x=\"" + x +
                        "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c>"
                        "</x:row></x:sheetData></x:worksheet>";
  const std::string bytes =
      Zip({{"xl/workbook.xml", workbook},
           {"xl/_rels/workbook.xml.rels", rels},
           {"xl/worksheets/a.xml", a},
           {"xl/worksheets/b.xml", sheet},
           {"xl/e.xml", "<worksheet xmlns=\"" + x + "\"/>"},
           {"xl/chartsheets/c.xml", "<chartsheet/>"},
           {"xl/ss.xml", "<x:sst xmlns:x=\"" + x + "\"><x:si><x:t>第一</x:t></x:si></x:sst>"}});
  Result<FlatDocument> d = Read(bytes);
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->blocks.size(), 3u);
  EXPECT_EQ(Table(*d, 0).name, "一");
  EXPECT_EQ(Table(*d, 0).index, 1);
  EXPECT_EQ(TextAt(Table(*d, 0), "A1"), "第一");
  EXPECT_EQ(Table(*d, 1).name, "空");
  EXPECT_EQ(Table(*d, 1).index, 2);
  EXPECT_TRUE(Table(*d, 1).rows.empty());
  EXPECT_EQ(Table(*d, 2).name, "二");
  EXPECT_EQ(Table(*d, 2).index, 3);
  EXPECT_EQ(TextAt(Table(*d, 2), "A1"), "第二");
}

TEST(XlsxReader, WorkbookFoundThroughPackageRelationships) {
  const std::string bytes = Zip(
      {{"_rels/.rels",
        std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    "relationships\"><Relationship Id=\"r\" Type=\"") +
            kRel + "/officeDocument\" Target=\"/book/Workbook2.xml\"/></Relationships>"},
       {"book/Workbook2.xml", std::string("<workbook xmlns:r=\"") + kRel +
                                  "\"><sheets><sheet name=\"S\" r:id=\"a\"/></sheets></workbook>"},
       {"book/_rels/Workbook2.xml.rels",
        std::string("<Relationships><Relationship Id=\"a\" Type=\"") + kRel +
            "/worksheet\" Target=\"Sheet%201.xml\"/></Relationships>"},
       {"book/Sheet 1.xml",
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>"
        "</worksheet>"}});
  Result<FlatDocument> d = Read(bytes);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(Grid(Table(*d, 0)), std::vector<std::string>({"1"}));
}

// ---------------------------------------------------------------------------------------------
// Limits.

TEST(XlsxReader, RefusesSheetsBeyondTheCellLimit) {
  // A merge covering the whole sheet: refused before anything is allocated for it.
  Result<FlatDocument> d =
      Read(OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
                    "<mergeCells><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(d.status().message(),
            "t.xlsx: sheet \"Sheet1\": more than 200000 cells; larger sheets are refused");
  // Two cells a million rows apart: the empty rows between are one row, not a million.
  d =
      Read(OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                    "<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(Grid(Table(*d, 0)), std::vector<std::string>({"1", "", "1"}));
  // The last column of the last row is fine.
  d = Read(OneSheet("<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(Table(*d, 0).rows.size(), 1u);
  EXPECT_EQ(Table(*d, 0).rows[0].cells.size(), 16384u);
  EXPECT_EQ(Table(*d, 0).rows[0].cells.back().origin.cell_ref, "XFD1048576");
  EXPECT_EQ(Table(*d, 0).rows[0].cells.back().text, "1");

  XlsxLimits small;
  small.max_sheet_cells = 5;
  d = Read(OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"E1\"><v>1</v></c></row>"), small);
  EXPECT_TRUE(d.ok()) << d.status().message();
  d = Read(OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"F1\"><v>1</v></c></row>"), small);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "t.xlsx: sheet \"Sheet1\": more than 5 cells; larger sheets are refused");
}

// A form of twenty filled rows with one stray cell far down (A300000): read, sized by the
// cells that exist; a short run of empty rows is kept row by row, a long one as one row, and
// every row names its own sheet row.
TEST(XlsxReader, AStrayCellFarDownCostsOneRow) {
  std::string rows;
  for (int r = 1; r <= 20; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
            std::to_string(r) + "</v></c><c r=\"B" + std::to_string(r) + "\"><v>1</v></c></row>";
  }
  rows += "<row r=\"23\"><c r=\"A23\"><v>23</v></c></row>";  // two empty rows before it
  rows += "<row r=\"300000\"><c r=\"A300000\" t=\"inlineStr\"><is><t>stray</t></is></c></row>";
  XlsxLimits tight;
  tight.max_sheet_cells = 100;  // 20 × 2 + 2 + 1 + 1 + 1: far below the 300,000 rows
  Result<FlatDocument> d = Read(OneSheet(rows), tight);
  ASSERT_TRUE(d.ok()) << d.status().message();
  const FlatTable& t = Table(*d, 0);
  ASSERT_EQ(t.rows.size(), 25u);
  EXPECT_EQ(t.rows[20].origin.cell_ref, "A21");
  EXPECT_TRUE(t.rows[20].cells.empty());
  EXPECT_EQ(t.rows[22].origin.cell_ref, "A23");
  EXPECT_EQ(t.rows[23].origin.cell_ref, "A24");  // the long run, kept as one empty row
  EXPECT_TRUE(t.rows[23].cells.empty());
  EXPECT_EQ(t.rows[24].origin.cell_ref, "A300000");
  EXPECT_EQ(TextAt(t, "A300000"), "stray");
}

TEST(XlsxReader, RefusesWorkbooksBeyondTheTotalLimits) {
  Book book;
  const std::string row = "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"D1\"><v>1</v></c></row>";
  book.sheets = {{"a", Worksheet(row)}, {"b", Worksheet(row)}, {"c", Worksheet(row)}};
  XlsxLimits limits;
  limits.max_workbook_cells = 10;
  Result<FlatDocument> d = Read(Xlsx(book), limits);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "t.xlsx: more than 10 cells in all; larger workbooks are refused");

  // One long shared string referenced by many cells: the copies are counted.
  Book text;
  text.shared_strings = "<si><t>" + std::string(1000, 'x') + "</t></si>";
  std::string cells;
  for (int i = 1; i <= 100; ++i) {
    cells += "<row r=\"" + std::to_string(i) + "\"><c t=\"s\"><v>0</v></c></row>";
  }
  text.sheets = {{"s", Worksheet(cells)}};
  limits = XlsxLimits();
  limits.max_text_bytes = 50000;
  d = Read(Xlsx(text), limits);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "t.xlsx: the cells hold more than 50000 bytes of text; larger workbooks are refused");
  EXPECT_TRUE(Read(Xlsx(text)).ok());
}

// ---------------------------------------------------------------------------------------------
// Bad input.

void ExpectError(const Result<FlatDocument>& d, Status::Code code, const std::string& message) {
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), code);
  EXPECT_EQ(d.status().message(), message);
}

TEST(XlsxReader, NotAZip) {
  ExpectError(ReadXlsx("", "empty.xlsx"), Status::Code::kInvalidArgument,
              "empty.xlsx: not a zip archive (no PK signature)");
  std::string random;
  uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245 + 12345;
    random += static_cast<char>(x >> 24);
  }
  ExpectError(ReadXlsx(random, "random.xlsx"), Status::Code::kInvalidArgument,
              "random.xlsx: not a zip archive (no PK signature)");
  // An old binary .xls (OLE2 compound file).
  ExpectError(ReadXlsx(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + random, "old.xls"),
              Status::Code::kInvalidArgument, "old.xls: not a zip archive (no PK signature)");
}

TEST(XlsxReader, TruncatedZip) {
  const std::string whole = OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  ExpectError(ReadXlsx(whole.substr(0, whole.size() / 2), "cut.xlsx"), Status::Code::kCorruption,
              "cut.xlsx: damaged zip archive: no end of central directory");
  ExpectError(ReadXlsx(whole.substr(0, whole.size() - 10), "cut.xlsx"), Status::Code::kCorruption,
              "cut.xlsx: damaged zip archive: no end of central directory");
}

TEST(XlsxReader, NoWorkbook) {
  ExpectError(ReadXlsx(Zip({{"readme.txt", "hello"}}), "a.xlsx"), Status::Code::kInvalidArgument,
              "a.xlsx: not an Excel workbook (no xl/workbook.xml)");
  // An OpenDocument spreadsheet.
  ExpectError(ReadXlsx(Zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                            {"content.xml", "<office:document-content/>"}}),
                       "a.ods"),
              Status::Code::kInvalidArgument, "a.ods: not an Excel workbook (no xl/workbook.xml)");
  // The package relationship names a part that is not a workbook.
  ExpectError(
      ReadXlsx(
          Zip({{"_rels/.rels", std::string("<Relationships><Relationship Id=\"r\" Type=\"") + kRel +
                                   "/officeDocument\" Target=\"ppt/presentation.xml\"/>"
                                   "</Relationships>"},
               {"ppt/presentation.xml", "<p:presentation xmlns:p=\"p\"/>"}}),
          "a.pptx"),
      Status::Code::kInvalidArgument, "a.pptx: not an Excel workbook (no xl/workbook.xml)");
}

TEST(XlsxReader, WordDocument) {
  const std::string docx =
      Zip({{"[Content_Types].xml", "<Types/>"},
           {"_rels/.rels", std::string("<Relationships><Relationship Id=\"rId1\" Type=\"") + kRel +
                               "/officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
           {"word/document.xml",
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            "<w:body><w:p><w:r><w:t>自评报告</w:t></w:r></w:p></w:body></w:document>"}});
  ExpectError(
      ReadXlsx(docx, "报告.docx"), Status::Code::kInvalidArgument,
      "报告.docx: not an Excel workbook: it looks like a Word document (word/document.xml)");
}

TEST(XlsxReader, BrokenXml) {
  ExpectError(Read(OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c>")), Status::Code::kCorruption,
              "t.xlsx: xl/worksheets/sheet1.xml: byte 161: Start-end tags mismatch");
  Book book;
  book.shared_strings = "<si><t>a</si>";
  book.sheets = {{"s", Worksheet("")}};
  ExpectError(Read(Xlsx(book)), Status::Code::kCorruption,
              "t.xlsx: xl/sharedStrings.xml: byte 102: Start-end tags mismatch");
  book = Book();
  book.sheets = {{"s", ""}};
  ExpectError(Read(Xlsx(book)), Status::Code::kCorruption,
              "t.xlsx: xl/worksheets/sheet1.xml: byte 0: No document element found");
  book.sheets = {{"s", Worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row")}};
  ExpectError(Read(Xlsx(book)), Status::Code::kCorruption,
              "t.xlsx: xl/worksheets/sheet1.xml: byte 170: Error parsing start element tag");
  // pugixml expands no DTD entities (no "billion laughs"); an unknown one stays as written.
  book.sheets = {{"s", Worksheet("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&bogus;</v></c></row>")}};
  Result<FlatDocument> d = Read(Xlsx(book));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(TextAt(Table(*d, 0), "A1"), "&bogus;");
}

TEST(XlsxReader, MalformedReferences) {
  for (const char* ref : {"1A", "A0", "A01", "XFE1", "A1048577", "AAAA1", "", "A1B", "A-1"}) {
    ExpectError(
        Read(OneSheet(std::string("<row r=\"1\"><c r=\"") + ref + "\"><v>1</v></c></row>")),
        Status::Code::kCorruption,
        std::string("t.xlsx: xl/worksheets/sheet1.xml: malformed cell reference \"") + ref + "\"");
  }
  for (const char* row : {"0", "x", "1048577", "-1", "99999999999"}) {
    ExpectError(
        Read(OneSheet(std::string("<row r=\"") + row + "\"><c><v>1</v></c></row>")),
        Status::Code::kCorruption,
        std::string("t.xlsx: xl/worksheets/sheet1.xml: malformed row number \"") + row + "\"");
  }
  ExpectError(Read(OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
                            "<mergeCells><mergeCell ref=\"A1:B\"/></mergeCells>")),
              Status::Code::kCorruption,
              "t.xlsx: xl/worksheets/sheet1.xml: malformed merged range \"A1:B\"");
  // A long value is cut in the message.
  ExpectError(Read(OneSheet("<row r=\"1\"><c r=\"" + std::string(38, 'A') + "一二\"/></row>")),
              Status::Code::kCorruption,
              "t.xlsx: xl/worksheets/sheet1.xml: malformed cell reference \"" +
                  std::string(38, 'A') + "…\"");
  ExpectError(Read(OneSheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>")),
              Status::Code::kCorruption,
              "t.xlsx: xl/worksheets/sheet1.xml: row 1: more than 16384 cells");
}

TEST(XlsxReader, BadSharedStringIndexes) {
  Book book;
  book.shared_strings = "<si><t>a</t></si>";
  book.sheets = {{"s", Worksheet("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>1</v></c></row>")}};
  ExpectError(Read(Xlsx(book)), Status::Code::kCorruption,
              "t.xlsx: xl/worksheets/sheet1.xml: cell B3: shared string 1 does not exist "
              "(xl/sharedStrings.xml has 1)");
  book.sheets = {{"s", Worksheet("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>-1</v></c></row>")}};
  ExpectError(Read(Xlsx(book)), Status::Code::kCorruption,
              "t.xlsx: xl/worksheets/sheet1.xml: cell B3: shared string index \"-1\" is not a "
              "number");
}

TEST(XlsxReader, BrokenPartGraph) {
  Book book;
  book.sheets = {{"s", Worksheet("")}};
  std::string bytes = Xlsx(book);
  // A sheet whose relationship is missing, and one whose part is missing.
  const std::string workbook = std::string("<workbook xmlns:r=\"") + kRel +
                               "\"><sheets><sheet name=\"甲\" r:id=\"rId9\"/></sheets></workbook>";
  const std::string rels = std::string("<Relationships><Relationship Id=\"rId9\" Type=\"") + kRel +
                           "/worksheet\" Target=\"worksheets/nine.xml\"/></Relationships>";
  ExpectError(Read(Zip({{"xl/workbook.xml", workbook}})), Status::Code::kCorruption,
              "t.xlsx: no xl/_rels/workbook.xml.rels: the sheets cannot be located");
  ExpectError(Read(Zip({{"xl/workbook.xml", workbook},
                        {"xl/_rels/workbook.xml.rels", "<Relationships/>"}})),
              Status::Code::kCorruption,
              "t.xlsx: xl/workbook.xml: sheet \"甲\" refers to relationship \"rId9\", which "
              "xl/_rels/workbook.xml.rels does not define");
  ExpectError(Read(Zip({{"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels}})),
              Status::Code::kCorruption, "t.xlsx: sheet \"甲\": no member xl/worksheets/nine.xml");
}

TEST(XlsxReader, ZipBomb) {
  // A valid workbook whose sheet is 65 MiB of zeros (about 65 KiB deflated).
  Book book;
  book.sheets = {{"s", ""}};
  std::string small = Xlsx(book);
  zip_error_t error;
  zip_error_init(&error);
  // libzip owns (and, after the rewrite, frees) the original buffer: give it a malloc'd copy.
  void* copy = std::malloc(small.size());
  std::memcpy(copy, small.data(), small.size());
  zip_source_t* src = zip_source_buffer_create(copy, small.size(), 1, &error);
  zip_source_keep(src);
  zip_t* archive = zip_open_from_source(src, 0, &error);
  ASSERT_NE(archive, nullptr);
  zip_source_t* bomb = testing::FilledSource(archive, 65ull << 20, '0');
  ASSERT_NE(bomb, nullptr);
  ASSERT_GE(zip_file_add(archive, "xl/worksheets/sheet1.xml", bomb, ZIP_FL_OVERWRITE), 0);
  ASSERT_EQ(zip_close(archive), 0);
  zip_stat_t st;
  zip_source_stat(src, &st);
  std::string bytes(st.size, '\0');
  zip_source_open(src);
  zip_source_read(src, bytes.data(), bytes.size());
  zip_source_close(src);
  zip_source_free(src);
  EXPECT_LT(bytes.size(), 1u << 20);
  ExpectError(ReadXlsx(bytes, "bomb.xlsx"), Status::Code::kCorruption,
              "bomb.xlsx: xl/worksheets/sheet1.xml: 68157440 bytes uncompressed, more than the "
              "67108864 allowed");
}

// ---------------------------------------------------------------------------------------------
// Workbooks written by openpyxl and LibreOffice.

bool Succeeds(const std::string& command) { return std::system(command.c_str()) == 0; }

// The fixture directory, made once per test run; the reason to skip when it cannot be.
struct Fixtures {
  fs::path dir;
  std::string openpyxl_missing;     // why the openpyxl fixtures are absent, or ""
  std::string libreoffice_missing;  // why the LibreOffice fixtures are absent, or ""

  Fixtures() {
    dir = fs::temp_directory_path() / ("jixiao-xlsx-test-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const std::string script = testing::SourceDir() + "/tests/fixtures/xlsx/make_fixtures.py";
    if (!Succeeds("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1")) {
      openpyxl_missing =
          "/usr/bin/python3 cannot import openpyxl (apt-get install python3-openpyxl)";
      libreoffice_missing = openpyxl_missing;
      return;
    }
    if (!Succeeds("/usr/bin/python3 " + script + " openpyxl " + dir.string())) {
      openpyxl_missing = script + " openpyxl failed";
      libreoffice_missing = openpyxl_missing;
      return;
    }
    if (!Succeeds("command -v soffice >/dev/null 2>&1")) {
      libreoffice_missing = "soffice (LibreOffice) is not on PATH";
    } else if (!Succeeds("/usr/bin/python3 " + script + " libreoffice " + dir.string())) {
      libreoffice_missing = script + " libreoffice failed";
    }
  }
  ~Fixtures() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

const Fixtures& GetFixtures() {
  static const Fixtures fixtures;
  return fixtures;
}

Result<FlatDocument> ReadFixture(const fs::path& path) {
  EXPECT_TRUE(fs::exists(path)) << path;
  return Read(ReadFileBytes(path));
}

// The first sheet of the workbook make_fixtures.py writes, as both programs save it.
void ExpectSelfEvaluationSheet(const FlatDocument& d) {
  const FlatTable& t = Table(d, 0);
  EXPECT_EQ(t.name, "自评表");
  EXPECT_EQ(t.index, 1);
  EXPECT_EQ(Grid(t), std::vector<std::string>({
                         "零陵区科学技术协会2024年度部门整体支出绩效自评表|~|~|~|~|~",
                         "项目|年初预算数|全年预算数|全年执行数|执行率|得分",
                         "资金|153.53|127.10|124.88|98.25%|9.8",
                         "87.5%|100%|98.26%|98.25%|108.70%",
                         "",
                         "年度\n总体目标|完成科普活动≧8次|~|~",
                         "|~|~|~",
                         "2024年12月31日|2025年3月1日|2024年1月15日 9:30|2024年6月",
                         "124.88|0.3|3724055.00|-23.52|0|6.04",
                     }));
  EXPECT_EQ(At(t, "A1")->column_span, 6);
  EXPECT_EQ(At(t, "B6")->row_span, 2);
  EXPECT_EQ(At(t, "B6")->column_span, 3);
  EXPECT_EQ(At(t, "D7")->origin.cell_ref, "D7");
  EXPECT_EQ(t.rows[8].origin.cell_ref, "A9");
  const FlatTable& data = Table(d, 1);
  EXPECT_EQ(data.name, "基础数据表");
  EXPECT_EQ(Grid(data), std::vector<std::string>({"编制数|8", "实际在职人数|7", "控制率|87.50%"}));
  EXPECT_EQ(Table(d, 2).name, "选项");  // a hidden sheet is read too
  EXPECT_EQ(Grid(Table(d, 2)), std::vector<std::string>({"较为认可"}));
}

TEST(XlsxOpenpyxl, WorkbookWithoutCachedFormulaValues) {
  const Fixtures& f = GetFixtures();
  if (!f.openpyxl_missing.empty()) GTEST_SKIP() << f.openpyxl_missing;
  Result<FlatDocument> d = ReadFixture(f.dir / "openpyxl.xlsx");
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->blocks.size(), 4u);
  ExpectSelfEvaluationSheet(*d);
  // openpyxl stores formulas without results: those cells read as empty, never evaluated.
  EXPECT_EQ(Table(*d, 3).name, "计算");
  EXPECT_EQ(Grid(Table(*d, 3)),
            std::vector<std::string>({"全年预算数|127.1", "全年执行数|124.88", "执行率"}));
}

TEST(XlsxLibreOffice, RecalculatedWorkbookHasCachedFormulaValues) {
  const Fixtures& f = GetFixtures();
  if (!f.libreoffice_missing.empty()) GTEST_SKIP() << f.libreoffice_missing;
  Result<FlatDocument> d = ReadFixture(f.dir / "lo" / "openpyxl.xlsx");
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->blocks.size(), 4u);
  ExpectSelfEvaluationSheet(*d);
  EXPECT_EQ(Grid(Table(*d, 3)),
            std::vector<std::string>({"全年预算数|127.1", "全年执行数|124.88", "执行率|98.25%",
                                      "|9.8", "|#DIV/0!", "|6.04", "|执行率98.25%", "|FALSE"}));
}

TEST(XlsxLibreOffice, ConvertedCsv) {
  const Fixtures& f = GetFixtures();
  if (!f.libreoffice_missing.empty()) GTEST_SKIP() << f.libreoffice_missing;
  Result<FlatDocument> d = ReadFixture(f.dir / "lo" / "table.xlsx");
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->blocks.size(), 1u);
  // LibreOffice reads "37.00" and "3,724,055.00" as General numbers and "98.25%" as 0.9825 in
  // a 0.00% format.
  EXPECT_EQ(
      Grid(Table(*d, 0)),
      std::vector<std::string>({"项目|年初预算数|全年预算数|执行率", "科普专项经费|37|37|98.25%",
                                "办公费\n（含水电）|4.72|3724055|100.00%"}));
}

TEST(XlsxLibreOffice, ConvertedHtmlTableWithSpans) {
  const Fixtures& f = GetFixtures();
  if (!f.libreoffice_missing.empty()) GTEST_SKIP() << f.libreoffice_missing;
  Result<FlatDocument> d = ReadFixture(f.dir / "lo" / "merged.xlsx");
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->blocks.size(), 1u);
  const FlatTable& t = Table(*d, 0);
  EXPECT_EQ(Grid(t), std::vector<std::string>(
                         {"一级指标|二级指标|~|分值", "~|数量|质量|50", "产出|合计|~|~"}));
  EXPECT_EQ(At(t, "A1")->row_span, 2);
  EXPECT_EQ(At(t, "B1")->column_span, 2);
  EXPECT_EQ(At(t, "B3")->column_span, 3);
}

}  // namespace
}  // namespace jixiao
