// The workbooks WriteXlsx makes, read by independent software:
//  * openpyxl (/usr/bin/python3): load_workbook(data_only=True) must show, for every computed
//    cell, the cell's figure as the cached value; load_workbook() the formulas, the sheet
//    protection, unlocked input cells (and only those), the merged ranges and the print set-up;
//  * LibreOffice (soffice, headless, private profile): converts the workbook to PDF, and
//    RECALCULATES it — the cached values are stripped from a copy, LibreOffice computes every
//    formula and writes the sheets as CSV, and each result must equal the figure the composer
//    computed, so a wrong formula or a wrong address fails here.
// Each part skips, saying why, when /usr/bin/python3 with openpyxl or LibreOffice is missing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "import/importer.h"
#include "render/document.h"
#include "render/xlsx_writer.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

bool Sh(const std::string& command) { return std::system(command.c_str()) == 0; }

std::string ColumnName(int col) {
  std::string name;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return name;
}

// ---------------------------------------------------------------------------------------------
// The document under test: a 自评表-like grid whose figures depend on each other through
// formulas of every shape the composer writes — rates in percent cells and in plain cells,
// a score from a percent rate, MIN against a cap, sums of sums, ROUND to 1 and 2 decimals, and
// a grade from the total — so LibreOffice's recalculation exercises the percent rescaling and
// the title-row offset.

Decimal D(const char* text) { return *Decimal::Parse(text); }

TableCell Text(std::string text, bool header = false) {
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
TableCell Number(CellRole role, const char* value, int decimals, bool percent = false,
                 std::string formula = "") {
  TableCell c;
  c.role = role;
  c.number = D(value);
  c.decimals = decimals;
  c.percent = percent;
  c.text = c.number->Format(decimals) + (percent ? "%" : "");
  c.formula = std::move(formula);
  return c;
}
TableCell InBlank() {
  TableCell c;
  c.role = CellRole::kInput;
  return c;
}
TableCell In(const char* value, int decimals) { return Number(CellRole::kInput, value, decimals); }
TableCell Calc(const char* value, int decimals, std::string formula, bool percent = false) {
  return Number(CellRole::kComputed, value, decimals, percent, std::move(formula));
}

RenderDocument Document() {
  RenderDocument doc;
  doc.title = "测试单位2024年度部门整体支出绩效自评";
  doc.unit_name = "测试单位";
  doc.fonts.table.families = {"Noto Serif CJK SC"};
  doc.fonts.table_header = doc.fonts.table;
  doc.fonts.title.families = {"Noto Serif CJK SC"};

  RenderTable t;
  t.id = "evaluation";
  t.title = "部门整体支出绩效自评表";
  t.subtitle = "单位：万元";
  t.sheet_name = "自评表";
  t.column_widths = {300, 200, 200, 200, 150, 150, 150};
  t.header_rows = 1;
  t.landscape = true;
  const auto row = [&](std::vector<TableCell> cells) {
    TableRow r;
    r.cells = std::move(cells);
    t.rows.push_back(std::move(r));
  };
  // 0
  row({Text("项目", true), Text("年初预算数", true), Text("全年预算数", true),
       Text("全年执行数", true), Text("分值", true), Text("执行率", true), Text("得分", true)});
  // The composer's guard: "" until every input holds a number.
  const auto guarded = [](const std::string& inputs, int count, const std::string& expr) {
    return "IF(COUNT(" + inputs + ")<" + std::to_string(count) + ",\"\",IFERROR(" + expr +
           ",\"\"))";
  };
  // 1: 执行率 printed with '%', the score from it (the guard tests the bare cell, the formula
  // uses its value in percent units), capped at the weight.
  row({Text("年度资金总额"), In("153.53", 2), In("127.10", 2), In("124.88", 2), In("10", 0),
       Calc("98.25", 2, guarded("{1,3},{1,2}", 2, "ROUND({1,3}/{1,2}*100,2)"), true),
       Calc("9.8", 1, guarded("{1,4},{1,5}", 2, "ROUND({1,4}*MIN({1,5},100)/100,1)"))});
  // 2: a rate over 100 printed without '%', its score capped.
  row({Text("项目支出"), In("30", 2), In("40", 2), In("43.48", 2), In("5", 0),
       Calc("108.70", 2, guarded("{2,3},{2,2}", 2, "ROUND({2,3}/{2,2}*100,2)")),
       Calc("5.00", 2, guarded("{2,4},{2,5}", 2, "ROUND({2,4}*MIN({2,5},100)/100,2)"))});
  // 3: 预算调整率 (negative) in a percent cell, from two inputs.
  row({Text("预算调整率"), Text(""), Text(""), Text(""), Text(""),
       Calc("-17.21", 2, "ROUND(({1,2}-{1,1})/{1,1}*100,2)", true), Text("——")});
  // 4: totals: sums over ranges (one term is itself a formula), and the grade.
  TableCell grade;
  grade.role = CellRole::kComputed;
  grade.text = "差";
  grade.formula = "IF({4,6}>=90,\"优\",IF({4,6}>=80,\"良\",IF({4,6}>=60,\"中\",\"差\")))";
  row({Text("合计"), grade, Covered(), Covered(), Calc("15", 0, "SUM({1,4}:{2,4})"), Text(""),
       Calc("14.8", 1, "ROUND(SUM({1,6}:{2,6}),1)")});
  t.rows[4].cells[1].column_span = 3;
  // 5: inputs not filled in: the percent rate stays blank (no #VALUE! from the rescaling).
  TableCell blank_rate = Calc("0", 2, guarded("{5,2},{5,1}", 2, "ROUND({5,2}/{5,1}*100,2)"), true);
  blank_rate.number.reset();
  blank_rate.text.clear();
  row({Text("政府采购"), InBlank(), InBlank(), InBlank(), Text(""), blank_rate, Text("")});
  doc.tables.push_back(t);
  return doc;
}

// The sheet cell ("F4") of grid position {r,c}: the title and subtitle rows come first.
std::string SheetCell(const RenderTable& t, int r, int c) {
  const int title_rows = (t.title.empty() ? 0 : 1) + (t.subtitle.empty() ? 0 : 1);
  return ColumnName(c) + std::to_string(r + title_rows + 1);
}

// What a reader must find in a computed numeric cell: the figure, as a fraction when the cell
// is a percent cell (xlsx_writer.h).
double Expected(const TableCell& cell) {
  std::string text = cell.number->ToString() + (cell.percent ? "e-2" : "");
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!line.empty() && line.back() == sep) out.push_back("");
  return out;
}

double ParseDouble(const std::string& s) {
  double v = std::nan("");
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// openpyxl prints one line per fact, tab-separated:
//   sheet  NAME  PROTECTED  ORIENTATION  PAPER  FIT_TO_PAGE  FIT_WIDTH  FIT_HEIGHT
//   merge  NAME  RANGE
//   cell   NAME  COORD  FORMULA  CACHED  LOCKED  NUMBER_FORMAT
constexpr char kOpenpyxlScript[] = R"PY(
import sys
import openpyxl

path = sys.argv[1]
formulas = openpyxl.load_workbook(path)
values = openpyxl.load_workbook(path, data_only=True)
for ws in formulas.worksheets:
    wv = values[ws.title]
    ps = ws.page_setup
    print("\t".join(["sheet", ws.title, str(int(bool(ws.protection.sheet))),
                     str(ps.orientation), str(ps.paperSize),
                     str(int(bool(ws.sheet_properties.pageSetUpPr.fitToPage))),
                     str(1 if ps.fitToWidth is None else ps.fitToWidth), str(ps.fitToHeight)]))
    for rng in ws.merged_cells.ranges:
        print("\t".join(["merge", ws.title, rng.coord]))
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            f = c.value if c.data_type == "f" else ""
            v = wv[c.coordinate].value
            print("\t".join(["cell", ws.title, c.coordinate, str(f).replace("\n", " "),
                             repr(v) if isinstance(v, float) else str(v).replace("\n", " "),
                             str(int(bool(c.protection.locked))), c.number_format]))
)PY";

// Copies the workbook without the cached results of formulas, so that LibreOffice has to
// compute them.
constexpr char kStripScript[] = R"PY(
import re
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w",
                                                          zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename.startswith("xl/worksheets/sheet"):
            text = data.decode("utf-8")
            text, n = re.subn(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", text)
            assert n > 0, item.filename
            text = text.replace(' t="str"><f>', '><f>')
            data = text.encode("utf-8")
        dst.writestr(item, data)
)PY";

// What openpyxl reads from a workbook.
struct Dump {
  std::map<std::string, std::vector<std::string>> sheets;  // name → the "sheet" line's fields
  std::vector<std::string> merges;                         // "sheet!A1:B2", sorted
  std::map<std::string, std::vector<std::string>> cells;   // "sheet!A1" → the "cell" fields
};

class RenderXlsx : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("jixiao-render-xlsx-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    doc_ = new RenderDocument(Document());
    write_status_ = new Status(WriteXlsx(*doc_, {}, (dir_ / "out.xlsx").string()));
    if (!fs::exists("/usr/bin/python3")) {
      no_python_ = "/usr/bin/python3 is absent";
    } else if (!Sh("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1")) {
      no_python_ = "/usr/bin/python3 has no openpyxl (python3-openpyxl)";
    }
    if (!no_python_.empty()) {
      no_office_ = no_python_ + " (needed to strip the cached values)";
    } else if (!Sh("command -v soffice >/dev/null 2>&1")) {
      no_office_ = "LibreOffice (soffice) is absent; scripts/install-deps.sh installs it";
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(dir_);
    delete doc_;
    delete write_status_;
  }
  void SetUp() override { ASSERT_TRUE(write_status_->ok()) << write_status_->message(); }

  static std::string Soffice() {
    const std::string d = dir_.string();
    return "cd '" + d + "' && timeout 300 soffice -env:UserInstallation=file://" + d +
           "/profile --headless ";
  }

  // Runs kOpenpyxlScript on the workbook at `path`.
  static Dump ReadWithOpenpyxl(const std::string& path) {
    Dump dump;
    const std::string script = (dir_ / "dump.py").string();
    std::ofstream(script) << kOpenpyxlScript;
    const std::string out = path + ".tsv";
    EXPECT_TRUE(Sh("/usr/bin/python3 '" + script + "' '" + path + "' > '" + out + "'"));
    std::ifstream in(out);
    for (std::string line; std::getline(in, line);) {
      const std::vector<std::string> f = Split(line, '\t');
      EXPECT_GE(f.size(), 3u) << line;
      if (f.size() < 3) continue;
      if (f[0] == "sheet") dump.sheets[f[1]] = f;
      if (f[0] == "merge") dump.merges.push_back(f[1] + "!" + f[2]);
      if (f[0] == "cell") dump.cells[f[1] + "!" + f[2]] = f;
    }
    std::sort(dump.merges.begin(), dump.merges.end());
    return dump;
  }

  static inline fs::path dir_;
  static inline RenderDocument* doc_ = nullptr;
  static inline Status* write_status_ = nullptr;
  static inline std::string no_python_;
  static inline std::string no_office_;
};

TEST_F(RenderXlsx, OpenpyxlReadsCachedValuesFormulasProtectionAndMerges) {
  if (!no_python_.empty()) GTEST_SKIP() << no_python_;
  const Dump dump = ReadWithOpenpyxl((dir_ / "out.xlsx").string());
  auto cells = dump.cells;
  const auto& sheets = dump.sheets;
  const auto& merges = dump.merges;
  const RenderTable& t = doc_->tables[0];
  ASSERT_EQ(sheets.size(), 1u);
  ASSERT_TRUE(sheets.count("自评表"));
  const std::vector<std::string>& sheet = sheets.at("自评表");
  ASSERT_EQ(sheet.size(), 8u);
  EXPECT_EQ(sheet[2], "1");          // protected
  EXPECT_EQ(sheet[3], "landscape");  // orientation
  EXPECT_EQ(sheet[4], "9");          // A4
  EXPECT_EQ(sheet[5], "1");          // fit to pages:
  EXPECT_EQ(sheet[6], "1");          // one page wide (1 when absent, the default)
  EXPECT_EQ(sheet[7], "0");          // as many pages tall as needed
  EXPECT_EQ(merges, (std::vector<std::string>{"自评表!A1:G1", "自评表!A2:G2", "自评表!B7:D7"}));

  int computed = 0, inputs = 0;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
      const TableCell& cell = t.rows[r].cells[c];
      const std::string where = "自评表!" + SheetCell(t, r, c);
      if (cell.covered || (cell.text.empty() && cell.formula.empty())) continue;
      ASSERT_TRUE(cells.count(where)) << where;
      const std::vector<std::string>& f = cells[where];
      ASSERT_EQ(f.size(), 7u) << where;
      EXPECT_EQ(f[5], cell.role == CellRole::kInput ? "0" : "1") << where << " locked";
      if (cell.role == CellRole::kInput) ++inputs;
      if (cell.role != CellRole::kComputed) continue;
      ++computed;
      EXPECT_EQ(f[3].rfind("=", 0), 0u) << where << ": no formula";
      if (cell.number) {
        EXPECT_NEAR(ParseDouble(f[4]), Expected(cell), 1e-12) << where << " " << f[3];
        EXPECT_EQ(f[6], std::string(cell.decimals ? "0." + std::string(cell.decimals, '0') : "0") +
                            (cell.percent ? "%" : ""))
            << where;
      } else {
        EXPECT_EQ(f[4], cell.text.empty() ? "None" : cell.text) << where;
      }
    }
  }
  EXPECT_EQ(computed, 9);
  EXPECT_EQ(inputs, 8);
  // Spot checks of the addresses: two title rows above the grid.
  const std::string rate = "IF(COUNT(D4,C4)<2,\"\",IFERROR(ROUND(D4/C4*100,2),\"\"))";
  EXPECT_EQ(cells["自评表!F4"][3], "=IF(ISNUMBER(" + rate + ")," + rate + "/100," + rate + ")");
  EXPECT_EQ(cells["自评表!G4"][3],
            "=IF(COUNT(E4,F4)<2,\"\",IFERROR(ROUND(E4*MIN((F4*100),100)/100,1),\"\"))");
  EXPECT_EQ(cells["自评表!E7"][3], "=SUM(E4:E5)");
  EXPECT_EQ(cells["自评表!B7"][3], "=IF(G7>=90,\"优\",IF(G7>=80,\"良\",IF(G7>=60,\"中\",\"差\")))");
}

TEST_F(RenderXlsx, LibreOfficeRecalculatesTheSameFigures) {
  if (!no_office_.empty()) GTEST_SKIP() << no_office_;
  const std::string d = dir_.string();
  std::ofstream(d + "/strip.py") << kStripScript;
  ASSERT_TRUE(
      Sh("/usr/bin/python3 '" + d + "/strip.py' '" + d + "/out.xlsx' '" + d + "/bare.xlsx'"));
  // LibreOffice loads the workbook without cached results, computes every formula and saves
  // the results with the formulas; openpyxl reads them in full precision.
  ASSERT_TRUE(Sh(Soffice() + "--convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir '" + d +
                 "/recalc' bare.xlsx >/dev/null 2>&1"));
  ASSERT_TRUE(fs::exists(d + "/recalc/bare.xlsx"));
  const Dump dump = ReadWithOpenpyxl(d + "/recalc/bare.xlsx");
  const RenderTable& t = doc_->tables[0];
  int checked = 0;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
      const TableCell& cell = t.rows[r].cells[c];
      if (cell.covered || cell.role != CellRole::kComputed) continue;
      const std::string where = "自评表!" + SheetCell(t, r, c);
      const auto it = dump.cells.find(where);
      ASSERT_NE(it, dump.cells.end()) << where << ": LibreOffice computed nothing";
      const std::vector<std::string>& f = it->second;
      ASSERT_EQ(f.size(), 7u) << where;
      EXPECT_EQ(f[3].rfind("=", 0), 0u) << where << ": the formula was lost";
      if (cell.number) {
        EXPECT_NEAR(ParseDouble(f[4]), Expected(cell), 1e-12)
            << where << " = " << f[3] << ": LibreOffice computed " << f[4];
      } else {
        EXPECT_EQ(f[4], cell.text.empty() ? "None" : cell.text) << where << " = " << f[3];
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 9);
}

TEST_F(RenderXlsx, LibreOfficeConvertsTheWorkbookToPdf) {
  if (!no_office_.empty()) GTEST_SKIP() << no_office_;
  const std::string d = dir_.string();
  ASSERT_TRUE(Sh(Soffice() + "--convert-to pdf --outdir '" + d + "/pdf' out.xlsx >/dev/null 2>&1"));
  Result<std::string> pdf = ReadFileBytes(d + "/pdf/out.pdf");
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_GT(pdf->size(), 1000u);
}

}  // namespace
}  // namespace jixiao
