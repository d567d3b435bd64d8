// The workbooks WriteXlsx makes, read by independent software and by our importer. Two
// workbooks: a hand-built grid whose formulas take every shape the composer writes, and the
// worked example (examples/lingling-kexie-2024-corrected.json) composed with its form
// (render/compose.h), charts included.
//  * openpyxl (/usr/bin/python3): load_workbook(data_only=True) must show, for every computed
//    cell, the cell's figure as the cached value, and every label and input as written;
//    load_workbook() the formulas, the sheet protection, unlocked input cells (and only
//    those), number formats, the merged ranges and the print set-up;
//  * LibreOffice (soffice, headless, private profile): converts the workbook to PDF, and
//    RECALCULATES it — the cached values are stripped from a copy, LibreOffice computes every
//    formula and saves the workbook, and each result must equal the figure in the document, so
//    a wrong formula, a wrong address or a wrong percent scale fails here;
//  * LoadAnyPackage (import/importer.h): the example's workbook imports back to the package
//    it was composed from, field by field.
// The openpyxl and LibreOffice parts skip, saying why, when /usr/bin/python3 with openpyxl or
// LibreOffice is missing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "import/importer.h"
#include "model/package_json.h"
#include "render/charts.h"
#include "render/compose.h"
#include "render/document.h"
#include "render/form.h"
#include "render/prepare.h"
#include "render/xlsx_writer.h"
#include "rules/rulebook.h"
#include "tests/package_compare.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

constexpr char kExample[] = "/examples/lingling-kexie-2024-corrected.json";

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

stripped = 0
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w",
                                                          zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename.startswith("xl/worksheets/sheet"):
            text = data.decode("utf-8")
            text, n = re.subn(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", text)
            stripped += n
            text = text.replace(' t="str"><f>', '><f>')
            data = text.encode("utf-8")
        dst.writestr(item, data)
assert stripped > 0
)PY";

// What openpyxl reads from a workbook.
struct Dump {
  std::map<std::string, std::vector<std::string>> sheets;  // name → the "sheet" line's fields
  std::vector<std::string> merges;                         // "sheet!A1:B2", sorted
  std::map<std::string, std::vector<std::string>> cells;   // "sheet!A1" → the "cell" fields
};

struct CellCounts {
  int computed = 0;  // formulas checked
  int inputs = 0;    // unlocked cells checked
};

// Every written cell of every table of `doc`, against what openpyxl read from the workbook:
// the text of labels, the number of figures (a fraction in percent cells), the formula and its
// value in computed cells — cached by us, or computed by LibreOffice when `recalculated` —
// and, in our own workbook, which cells are locked and their number formats.
CellCounts CheckCells(const RenderDocument& doc, const Dump& dump, bool recalculated) {
  CellCounts n;
  for (const RenderTable& t : doc.tables) {
    for (size_t r = 0; r < t.rows.size(); ++r) {
      for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
        const TableCell& cell = t.rows[r].cells[c];
        if (cell.covered || (cell.text.empty() && !cell.number && cell.formula.empty())) continue;
        const std::string where = t.sheet_name + "!" + SheetCell(t, r, c);
        const auto it = dump.cells.find(where);
        if (it == dump.cells.end()) {
          ADD_FAILURE() << where << " (" << cell.text << ") was not read back";
          continue;
        }
        const std::vector<std::string>& f = it->second;
        if (f.size() != 7u) {
          ADD_FAILURE() << where << ": " << f.size() << " fields";
          continue;
        }
        const bool computed = cell.role == CellRole::kComputed && !cell.formula.empty();
        if (!recalculated) {
          EXPECT_EQ(f[5], cell.role == CellRole::kInput ? "0" : "1") << where << " locked";
          if (cell.number) {
            EXPECT_EQ(f[6],
                      std::string(cell.decimals ? "0." + std::string(cell.decimals, '0') : "0") +
                          (cell.percent ? "%" : ""))
                << where;
          }
        }
        n.inputs += cell.role == CellRole::kInput;
        if (computed) {
          ++n.computed;
          EXPECT_EQ(f[3].rfind("=", 0), 0u) << where << ": no formula";
        }
        const std::string how = computed ? " = " + f[3] + (recalculated ? " (LibreOffice)" : "")
                                         : std::string(" (not a formula)");
        if (cell.number) {
          EXPECT_NEAR(ParseDouble(f[4]), Expected(cell), 1e-12) << where << how;
        } else {
          std::string text = cell.text;
          std::replace(text.begin(), text.end(), '\n', ' ');
          EXPECT_EQ(f[4], text.empty() ? "None" : text) << where << how;
        }
      }
    }
  }
  return n;
}

class RenderXlsx : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("jixiao-render-xlsx-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    doc_ = new RenderDocument(Document());
    write_status_ = new Status(WriteXlsx(*doc_, {}, (dir_ / "out.xlsx").string()));
    WriteExample();
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
  // The worked example (corrected), prepared (render/prepare.h), composed with its form and
  // written with its charts to example.xlsx.
  static void WriteExample() {
    example_status_ = new Status();
    Result<Package> package = LoadPackageFile(testing::SourceDir() + kExample);
    Result<Rulebook> rulebook =
        package.ok() ? BundledRulebook(package->rulebook) : Result<Rulebook>(package.status());
    Result<Form> form = package.ok() ? DefaultFormFor(*package) : Result<Form>(package.status());
    for (const Status* s : {&package.status(), &rulebook.status(), &form.status()}) {
      if (!s->ok()) {
        *example_status_ = *s;
        return;
      }
    }
    prepared_ = new PreparedPackage(PrepareForRender(*package, *rulebook));
    Result<RenderDocument> doc = ComposeDocument(*prepared_, *rulebook, *form);
    if (!doc.ok()) {
      *example_status_ = doc.status();
      return;
    }
    example_ = new RenderDocument(std::move(doc).value());
    std::vector<std::string> png;
    for (const Chart& chart : example_->charts) {
      Result<std::string> p = ChartPng(chart);
      png.push_back(p.ok() ? *p : "");
    }
    *example_status_ = WriteXlsx(*example_, png, (dir_ / "example.xlsx").string());
  }

  static void TearDownTestSuite() {
    fs::remove_all(dir_);
    delete doc_;
    delete write_status_;
    delete example_;
    delete prepared_;
    delete example_status_;
  }
  void SetUp() override {
    ASSERT_TRUE(write_status_->ok()) << write_status_->message();
    ASSERT_TRUE(example_status_->ok()) << example_status_->message();
  }

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

  // The workbook `name`.xlsx, its cached values stripped, recalculated and saved by
  // LibreOffice, as openpyxl reads it.
  static Dump Recalculated(const std::string& name) {
    const std::string d = dir_.string();
    std::ofstream(d + "/strip.py") << kStripScript;
    EXPECT_TRUE(Sh("/usr/bin/python3 '" + d + "/strip.py' '" + d + "/" + name + ".xlsx' '" + d +
                   "/bare-" + name + ".xlsx'"));
    EXPECT_TRUE(Sh(Soffice() + "--convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir '" + d +
                   "/recalc' bare-" + name + ".xlsx >/dev/null 2>&1"));
    const std::string out = d + "/recalc/bare-" + name + ".xlsx";
    EXPECT_TRUE(fs::exists(out)) << "LibreOffice did not save " << out;
    return ReadWithOpenpyxl(out);
  }

  static inline fs::path dir_;
  static inline RenderDocument* doc_ = nullptr;
  static inline Status* write_status_ = nullptr;
  static inline RenderDocument* example_ = nullptr;
  static inline PreparedPackage* prepared_ = nullptr;
  static inline Status* example_status_ = nullptr;
  static inline std::string no_python_;
  static inline std::string no_office_;
};

TEST_F(RenderXlsx, OpenpyxlReadsCachedValuesFormulasProtectionAndMerges) {
  if (!no_python_.empty()) GTEST_SKIP() << no_python_;
  const Dump dump = ReadWithOpenpyxl((dir_ / "out.xlsx").string());
  ASSERT_EQ(dump.sheets.size(), 1u);
  ASSERT_TRUE(dump.sheets.count("自评表"));
  const std::vector<std::string>& sheet = dump.sheets.at("自评表");
  ASSERT_EQ(sheet.size(), 8u);
  EXPECT_EQ(sheet[2], "1");          // protected
  EXPECT_EQ(sheet[3], "landscape");  // orientation
  EXPECT_EQ(sheet[4], "9");          // A4
  EXPECT_EQ(sheet[5], "1");          // fit to pages:
  EXPECT_EQ(sheet[6], "1");          // one page wide (1 when absent, the default)
  EXPECT_EQ(sheet[7], "0");          // as many pages tall as needed
  EXPECT_EQ(dump.merges,
            (std::vector<std::string>{"自评表!A1:G1", "自评表!A2:G2", "自评表!B7:D7"}));

  const CellCounts n = CheckCells(*doc_, dump, /*recalculated=*/false);
  EXPECT_EQ(n.computed, 9);
  EXPECT_EQ(n.inputs, 8);
  // Spot checks of the addresses: two title rows above the grid.
  const auto formula = [&](const char* cell) { return dump.cells.at(cell).at(3); };
  const std::string rate = "IF(COUNT(D4,C4)<2,\"\",IFERROR(ROUND(D4/C4*100,2),\"\"))";
  EXPECT_EQ(formula("自评表!F4"), "=IF(ISNUMBER(" + rate + ")," + rate + "/100," + rate + ")");
  EXPECT_EQ(formula("自评表!G4"),
            "=IF(COUNT(E4,F4)<2,\"\",IFERROR(ROUND(E4*MIN((F4*100),100)/100,1),\"\"))");
  EXPECT_EQ(formula("自评表!E7"), "=SUM(E4:E5)");
  EXPECT_EQ(formula("自评表!B7"), "=IF(G7>=90,\"优\",IF(G7>=80,\"良\",IF(G7>=60,\"中\",\"差\")))");
}

TEST_F(RenderXlsx, LibreOfficeRecalculatesTheSameFigures) {
  if (!no_office_.empty()) GTEST_SKIP() << no_office_;
  const CellCounts n = CheckCells(*doc_, Recalculated("out"), /*recalculated=*/true);
  EXPECT_EQ(n.computed, 9);
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

// The worked example: every figure and formula of both tables read back by openpyxl, and
// LibreOffice's recalculation of the composer's formulas agrees with the package's figures.
TEST_F(RenderXlsx, ExampleCachedValuesAreThePackagesFigures) {
  if (!no_python_.empty()) GTEST_SKIP() << no_python_;
  const Dump dump = ReadWithOpenpyxl((dir_ / "example.xlsx").string());
  ASSERT_EQ(dump.sheets.size(), example_->tables.size() + 1);  // and 图表
  EXPECT_TRUE(dump.sheets.count("图表"));
  for (const RenderTable& t : example_->tables) {
    ASSERT_TRUE(dump.sheets.count(t.sheet_name)) << t.sheet_name;
    EXPECT_EQ(dump.sheets.at(t.sheet_name)[2], "1") << t.sheet_name << " protected";
  }
  const CellCounts n = CheckCells(*example_, dump, /*recalculated=*/false);
  EXPECT_GT(n.computed, 10);
  EXPECT_GT(n.inputs, 20);
}

TEST_F(RenderXlsx, ExampleRecalculatedByLibreOfficeGivesThePackagesFigures) {
  if (!no_office_.empty()) GTEST_SKIP() << no_office_;
  const CellCounts n = CheckCells(*example_, Recalculated("example"), /*recalculated=*/true);
  EXPECT_GT(n.computed, 10);
}

// The workbook imported back (import/importer.h) is the prepared package it was made from:
// every figure of 基础数据表 and 自评表, field by field. A workbook carries no report, and 退休
// and 实有 live in the report's prose; Excel keeps numbers without their written decimals.
TEST_F(RenderXlsx, ExampleImportsBackToThePreparedPackage) {
  Result<LoadedPackage> loaded = LoadAnyPackage((dir_ / "example.xlsx").string());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->format, DocumentFormat::kXlsx);
  ASSERT_EQ(loaded->import.notes.size(), 1u) << loaded->import.notes[1].message_en;
  EXPECT_EQ(loaded->import.notes[0].code, "I603");  // no report in a workbook
  const Package expected = testing::WorkbookPart(prepared_->package);
  testing::ExpectSameFigures(loaded->package, expected, /*exact_scale=*/false);
  EXPECT_EQ(loaded->package.basic_data.frugality_measures, expected.basic_data.frugality_measures);
  EXPECT_EQ(loaded->package.evaluation.goals.achieved, expected.evaluation.goals.achieved);
  ASSERT_EQ(loaded->package.evaluation.goals.planned.size(),
            expected.evaluation.goals.planned.size());
  for (size_t i = 0; i < expected.evaluation.goals.planned.size(); ++i) {
    EXPECT_EQ(loaded->package.evaluation.goals.planned[i].text,
              expected.evaluation.goals.planned[i].text);
  }
}

}  // namespace
}  // namespace jixiao
