// The 资金 block of the 自评表 as other regions' forms print it, read from the three kinds of
// documents: rows under 年度资金总额 (其中：当年财政拨款 / 上年结转资金 / 其他资金, as 安徽 and the
// national 2021 template print them; 基本支出 / 项目支出 with 年初预算数(A), 全年执行数(B) and a
// 得分计算方法 column, as 贵州 prints them), and a workbook whose 年度资金总额 label cells are not
// merged (its figures stay under their headers; a row that does not fit them is note I622 and
// no figure is shifted). Workbooks and Word files are made by openpyxl and python-docx under
// /usr/bin/python3 (skipped, saying why, when absent). Figures are made up, shaped like the
// published tables.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/lang.h"
#include "import/importer.h"
#include "import/recognize.h"
#include "import/text_reader.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

std::vector<const Diagnostic*> Notes(const ImportResult& r, std::string_view code) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : r.notes) {
    if (d.code == code) out.push_back(&d);
  }
  return out;
}

// The six cells of a row as displayed, for one comparison per row.
template <typename Row>
std::vector<std::string> Cells(const Row& r) {
  return {r.initial_budget.Display(), r.full_year_budget.Display(), r.executed.Display(),
          r.weight.Display(),         r.execution_rate.Display(),   r.score.Display()};
}

using Strings = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// Text: one cell per line, rows separated by blank lines (the seed's layout).

const char* kAnhuiText =
    "2023年度部门整体支出绩效自评表\n"
    "\t部门（单位）名称\n\t某县农业农村局\n\n"
    "\t年度预算申请（万元）\n\t\n\t年初预算数\n\t全年预算数\n\t全年执行数\n\t分值\n\t执行率\n\t得分"
    "\n\n"
    "\t\n\t年度资金总额\n\t1520.00\n\t1683.40\n\t1598.27\n\t10\n\t94.94%\n\t9.49\n\n"
    "\t\n\t其中：当年财政拨款\n\t1420.00\n\t1563.40\n\t1502.11\n\t—\n\t96.08%\n\t—\n\n"
    "\t\n\t上年结转资金\n\t60.00\n\t80.00\n\t68.16\n\t—\n\t85.20%\n\t—\n\n"
    "\t\n\t其他资金\n\t40.00\n\t40.00\n\t28.00\n\t—\n\t70.00%\n\t—\n\n"
    "\t年度总体目标\n\t预期目标\n\t实际完成情况\n\n"
    "\t\n\t1：完成高标准农田建设1.2万亩\n\t完成1.25万亩\n\n";

TEST(ImportFunds, TextRowsUnderTheTotalKeepTheirOwnCells) {
  Result<FlatDocument> doc = ReadText(kAnhuiText, "anhui.txt");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const ImportResult r = Recognize(*doc);
  const Funds& f = r.package.evaluation.funds;
  EXPECT_EQ(Cells(f), (Strings{"1520.00", "1683.40", "1598.27", "10", "94.94%", "9.49"}));
  ASSERT_EQ(f.rows.size(), 3u);
  EXPECT_EQ(f.rows[0].key, "current_appropriation");
  EXPECT_EQ(f.rows[0].label, "其中：当年财政拨款");
  EXPECT_EQ(Cells(f.rows[0]), (Strings{"1420.00", "1563.40", "1502.11", "——", "96.08%", "——"}));
  EXPECT_EQ(f.rows[1].key, "prior_carryover");
  EXPECT_EQ(Cells(f.rows[1]), (Strings{"60.00", "80.00", "68.16", "——", "85.20%", "——"}));
  EXPECT_EQ(f.rows[2].key, "other");
  EXPECT_EQ(Cells(f.rows[2]), (Strings{"40.00", "40.00", "28.00", "——", "70.00%", "——"}));
  EXPECT_EQ(r.package.provenance.at("/evaluation/funds/rows/1/executed").text, "68.16");
  EXPECT_TRUE(Notes(r, "I601").empty()) << r.notes[0].message_en;
  EXPECT_TRUE(Notes(r, "I622").empty());
  EXPECT_EQ(r.package.evaluation.goals.planned.size(), 1u);  // the funds block ended
}

// A row whose figures start one cell early (no blank under the header's label column) fits no
// header column on a text table either way it could be aligned: a note, nothing read.
TEST(ImportFunds, TextRowThatFitsNoHeaderIsANote) {
  const ScopedMessageLanguage en(Lang::kEn);
  std::string text = kAnhuiText;
  const std::string row = "\t\n\t上年结转资金\n\t60.00\n\t80.00\n\t68.16\n\t—\n\t85.20%\n\t—\n\n";
  text.replace(text.find(row), row.size(),
               "\t\n\t上年结转资金\n\t60.00\n\t80.00\n\t68.16\n\t—\n\t85.20%\n\t—\n\t9\n\t8\n\n");
  Result<FlatDocument> doc = ReadText(text, "anhui.txt");
  ASSERT_TRUE(doc.ok());
  const ImportResult r = Recognize(*doc);
  const auto notes = Notes(r, "I622");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->message_en,
            "The funds row \"上年结转资金\" does not fit the columns of its header (row 2); it was "
            "not read. Put each figure under its column (the label cells may be merged) and "
            "import again.");
  // The other rows are read; the misfit is not guessed at.
  ASSERT_EQ(r.package.evaluation.funds.rows.size(), 2u);
  EXPECT_EQ(r.package.evaluation.funds.rows[1].key, "other");
}

// A row we have no name for (四川's tables print 单位资金) is kept with its label, and said so.
TEST(ImportFunds, ARowWithAnUnknownLabelIsKept) {
  const ScopedMessageLanguage zh(Lang::kZh);
  std::string text = kAnhuiText;
  const std::string other = "\t其他资金\n";
  text.replace(text.find(other), other.size(), "\t单位资金\n");
  Result<FlatDocument> doc = ReadText(text, "anhui.txt");
  ASSERT_TRUE(doc.ok());
  const ImportResult r = Recognize(*doc);
  const Funds& f = r.package.evaluation.funds;
  ASSERT_EQ(f.rows.size(), 3u);
  EXPECT_EQ(f.rows[2].key, "");
  EXPECT_EQ(f.rows[2].label, "单位资金");
  EXPECT_EQ(Cells(f.rows[2]), (Strings{"40.00", "40.00", "28.00", "——", "70.00%", "——"}));
  const auto notes = Notes(r, "I623");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->message_zh,
            "年度资金下的“单位资金”行不是已知的分项（当年财政拨款、上年结转资金、其他资金、基本"
            "支出、项目支出），已按原标签保留，计入按资金来源分列的各行。");
}

// An unreadable figure in a known row ("8?.00": an OCR slip that cannot be repaired, unlike
// "8O.00", which the text reader reads as 80.00) is that cell's I602, and the row and those
// below it are still read.
TEST(ImportFunds, AnUnreadableFigureInARowIsItsCellsNote) {
  std::string text = kAnhuiText;
  const std::string figure = "\t80.00\n";
  text.replace(text.find(figure), figure.size(), "\t8?.00\n");
  Result<FlatDocument> doc = ReadText(text, "anhui.txt");
  ASSERT_TRUE(doc.ok());
  const ImportResult r = Recognize(*doc);
  const Funds& f = r.package.evaluation.funds;
  ASSERT_EQ(f.rows.size(), 3u);
  EXPECT_EQ(Cells(f.rows[1]), (Strings{"60.00", "", "68.16", "——", "85.20%", "——"}));
  const auto notes = Notes(r, "I602");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->reported, "8?.00");
  EXPECT_EQ(f.rows[2].key, "other");
}

// ---------------------------------------------------------------------------------------------
// Files made by other software.

class ImportFundsOffice : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 is absent";
    dir_ = fs::temp_directory_path() / ("jixiao-funds-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  // Runs a Python script; false (with `missing_` set when the module is absent) on failure.
  bool Python(const std::string& script, const std::string& module) {
    if (std::system(("/usr/bin/python3 -c 'import " + module + "' 2>/dev/null").c_str()) != 0) {
      missing_ = module;
      return false;
    }
    std::ofstream(dir_ / "make.py") << script;
    return std::system(("cd '" + dir_.string() + "' && /usr/bin/python3 make.py").c_str()) == 0;
  }

  fs::path dir_;
  std::string missing_;
};

// The 安徽 / national-2021 layout in a workbook whose 年度资金总额 label is one cell (B) with
// an empty C beside it, under a header whose label column spans B:C. Before the fix the whole
// row was read one column to the left (年初预算数 blank, 全年预算数 1520.00, …), silently.
const char* kAnhuiWorkbook = R"(
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "自评表"
ws["A1"] = "2023年度部门整体支出绩效自评表"
ws.merge_cells("A1:I1")
ws["A2"] = "部门（单位）名称"
ws.merge_cells("A2:C2")
ws["D2"] = "某县农业农村局"
ws.merge_cells("D2:I2")
ws["A3"] = "年度预算申请（万元）"
ws.merge_cells("A3:A7")
ws.merge_cells("B3:C3")
for col, text in zip("DEFGHI", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
    ws[col + "3"] = text
rows = [("年度资金总额", 1520, 1683.4, 1598.27, 10, 0.9494, 9.49),
        ("其中：当年财政拨款", 1420, 1563.4, 1502.11, "—", 0.9608, "—"),
        ("上年结转资金", 60, 80, 68.16, "—", 0.852, "—"),
        ("其他资金", 40, 40, 28, "—", 0.7, "—")]
for i, (label, a, b, c, w, rate, score) in enumerate(rows):
    r = str(4 + i)
    ws["B" + r] = label          # not merged with C: C stays empty
    for col, v in zip("DEF", (a, b, c)):
        ws[col + r] = v
        ws[col + r].number_format = "0.00"
    ws["G" + r] = w
    ws["H" + r] = rate
    ws["H" + r].number_format = "0.00%"
    ws["I" + r] = score
{extra}
wb.save("anhui.xlsx")
)";

std::string AnhuiWorkbook(const std::string& extra) {
  std::string script = kAnhuiWorkbook;
  script.replace(script.find("{extra}"), 7, extra);
  return script;
}

TEST_F(ImportFundsOffice, UnmergedLabelCellsKeepTheFiguresUnderTheirHeaders) {
  if (!Python(AnhuiWorkbook(""), "openpyxl")) {
    if (!missing_.empty()) GTEST_SKIP() << "python3-" << missing_ << " is absent";
    FAIL() << "the script failed";
  }
  Result<LoadedPackage> l = LoadAnyPackage((dir_ / "anhui.xlsx").string());
  ASSERT_TRUE(l.ok()) << l.status().message();
  const Funds& f = l->package.evaluation.funds;
  EXPECT_EQ(Cells(f), (Strings{"1520.00", "1683.40", "1598.27", "10", "94.94%", "9.49"}));
  EXPECT_EQ(l->package.provenance.at("/evaluation/funds/initial_budget").column, 4);  // D
  ASSERT_EQ(f.rows.size(), 3u);
  EXPECT_EQ(f.rows[0].label, "其中：当年财政拨款");
  EXPECT_EQ(Cells(f.rows[0]), (Strings{"1420.00", "1563.40", "1502.11", "——", "96.08%", "——"}));
  EXPECT_EQ(Cells(f.rows[2]), (Strings{"40.00", "40.00", "28.00", "——", "70.00%", "——"}));
  EXPECT_EQ(l->package.provenance.at("/evaluation/funds/rows/2/executed").row, 7);
  EXPECT_TRUE(Notes(l->import, "I622").empty());
  EXPECT_TRUE(Notes(l->import, "I601").empty()) << l->import.notes[0].message_en;
}

// The unit typed the 上年结转资金 figures one column early (from C): that row fits no header; it
// is a note naming the row, and no figure of it lands in a neighbour's column.
TEST_F(ImportFundsOffice, ARowOneColumnEarlyIsANoteNotAShift) {
  const std::string extra = R"(
for col, v in zip("CDEFGH", (60, 80, 68.16, "—", 0.852, "—")):
    ws[col + "6"] = v
ws["I6"] = None
)";
  if (!Python(AnhuiWorkbook(extra), "openpyxl")) {
    if (!missing_.empty()) GTEST_SKIP() << "python3-" << missing_ << " is absent";
    FAIL() << "the script failed";
  }
  const ScopedMessageLanguage zh(Lang::kZh);
  Result<LoadedPackage> l = LoadAnyPackage((dir_ / "anhui.xlsx").string());
  ASSERT_TRUE(l.ok()) << l.status().message();
  const auto notes = Notes(l->import, "I622");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->severity, Severity::kWarning);
  EXPECT_EQ(notes[0]->location.source->row, 6);
  EXPECT_EQ(notes[0]->location.source->table, "自评表");
  EXPECT_EQ(notes[0]->message_zh,
            "年度资金行“上年结转资金”的数字与表头（第3行）的栏目对不上，该行未导入；请把各数字放在"
            "对应的栏目下（标签单元格可合并），再导入。");
  const Funds& f = l->package.evaluation.funds;
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.rows[0].key, "current_appropriation");
  EXPECT_EQ(f.rows[1].key, "other");
  EXPECT_EQ(f.initial_budget.Display(), "1520.00");
}

// 贵州's layout in a Word table: 年初预算数（A）, 全年执行数（B）, 分值, 得分 and 得分计算方法; no
// 全年预算数 and no 执行率 column (both not applicable), the method kept and read (I620).
const char* kGuizhouDocument = R"(
import docx
d = docx.Document()
d.add_paragraph("2023年度部门整体支出绩效自评表")
rows = [("部门（单位）名称", "某镇人民政府", "", "", "", "", ""),
        ("部门（单位）总体资金（万元）", "资金来源", "年初预算数（A）", "全年执行数（B）", "分值（10分）",
         "得分", "得分计算方法"),
        ("", "年度资金总额：", "1051.00", "1053.48", "10", "10", "{method}"),
        ("", "基本支出", "836.40", "802.15", "10", "10", ""),
        ("", "项目支出", "214.60", "251.33", "10", "10", ""),
        ("", "其他", "", "", "", "", "")]
t = d.add_table(rows=len(rows), cols=7)
for r, row in enumerate(rows):
    for c, text in enumerate(row):
        if text:
            t.cell(r, c).text = text
t.cell(0, 1).merge(t.cell(0, 6))
t.cell(1, 0).merge(t.cell(5, 0))
d.save("guizhou.docx")
)";

std::string GuizhouDocument(const std::string& method) {
  std::string script = kGuizhouDocument;
  script.replace(script.find("{method}"), 8, method);
  return script;
}

TEST_F(ImportFundsOffice, AGuizhouTableWithoutFullYearBudgetAndRateColumns) {
  if (!Python(GuizhouDocument("执行率×该指标分值，最高不得超过分值上限。"), "docx")) {
    if (!missing_.empty()) GTEST_SKIP() << "python3-" << missing_ << " is absent";
    FAIL() << "the script failed";
  }
  const ScopedMessageLanguage zh(Lang::kZh);
  Result<LoadedPackage> l = LoadAnyPackage((dir_ / "guizhou.docx").string());
  ASSERT_TRUE(l.ok()) << l.status().message();
  const Funds& f = l->package.evaluation.funds;
  EXPECT_EQ(Cells(f), (Strings{"1051.00", "——", "1053.48", "10", "——", "10"}));
  EXPECT_EQ(f.method, "执行率×该指标分值，最高不得超过分值上限。");
  ASSERT_EQ(f.rows.size(), 3u);
  EXPECT_EQ(f.rows[0].key, "basic");
  EXPECT_EQ(Cells(f.rows[0]), (Strings{"836.40", "——", "802.15", "10", "——", "10"}));
  EXPECT_EQ(f.rows[1].key, "project");
  EXPECT_EQ(f.rows[2].key, "other");  // printed empty, kept empty
  EXPECT_EQ(Cells(f.rows[2]), (Strings{"", "——", "", "", "——", ""}));
  const auto read = Notes(l->import, "I620");
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0]->severity, Severity::kInfo);
  EXPECT_EQ(read[0]->message_zh,
            "表内得分计算方法“执行率×该指标分值，最高不得超过分值上限。”读作：得分 = 分值 × "
            "执行率，最高为分值；年度资金各行按此计分。");
  EXPECT_TRUE(Notes(l->import, "I621").empty());
  EXPECT_TRUE(Notes(l->import, "I622").empty());
}

TEST_F(ImportFundsOffice, AMethodWeCannotReadIsKeptAndNoted) {
  if (!Python(GuizhouDocument("按预算执行进度综合评定"), "docx")) {
    if (!missing_.empty()) GTEST_SKIP() << "python3-" << missing_ << " is absent";
    FAIL() << "the script failed";
  }
  const ScopedMessageLanguage en(Lang::kEn);
  Result<LoadedPackage> l = LoadAnyPackage((dir_ / "guizhou.docx").string());
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->package.evaluation.funds.method, "按预算执行进度综合评定");
  const auto notes = Notes(l->import, "I621");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->severity, Severity::kInfo);
  EXPECT_EQ(notes[0]->message_en,
            "The form's scoring method \"按预算执行进度综合评定\" was not understood and is kept "
            "as written; the funds are scored by the rulebook (weight × execution rate, the rate "
            "capped as the rulebook says).");
}

}  // namespace
}  // namespace jixiao
