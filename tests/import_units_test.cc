// Units of money on import: a table in 元 — said above it (单位：元), in its header
// (经费控制情况（元）), in one column's header (预算数（元）), in a note below it, or in the cell
// itself — is converted to 万元 exactly and noted (I605); a table whose unit is said nowhere is
// taken as 万元 and noted when its figures look like 元 (I606). Text written for this test (the
// package of tests/package_text.h with its expense table in 元), and a workbook and a Word
// document made by independent software (openpyxl, python-docx under /usr/bin/python3; skipped
// with the reason when absent). The workbook also has a stray cell far down (A300000).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/lang.h"
#include "import/importer.h"
#include "model/walk.h"
#include "tests/package_text.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

// The package's expense table (header and rows, up to 政府采购金额) in 元, thousands
// separators included.
constexpr const char* kYuanExpenses =
    "\t经费控制情况\n\t2022年决算数\n\t2023年预算数\n\t2023年决算数\n\n"
    "\t一、部门基本支出\n\t2,104,000.00\n\t2,200,000.00\n\t2,153,000.00\n\n"
    "\t其中：公用经费\n\t301,000.00\n\t310,000.00\n\t298,000.00\n\n"
    "\t三公经费\n\t12,000.00\n\t11,000.00\n\t10,500.00\n\n"
    "\t      3.公务接待\n\t12,000.00\n\t11,000.00\n\t10,500.00\n\n"
    "\t二、项目支出小计\n\t400,000.00\n\t420,000.00\n\t415,000.00\n\n"
    "\t  1.群众文化活动专项经费\n\t3,724,055.00\n\t210,000.00\n\t207,500.00\n\n";

// The package text with its expense table replaced by `expenses`, and `above` inserted as a
// paragraph right before it (splitting the staffing part off into a table of its own).
std::string PackageWith(const std::string& expenses, const std::string& above = "",
                        const std::string& below = "") {
  std::string text = testing::PackageText();
  const size_t from = text.find("\t经费控制情况（万元）");
  const size_t to = text.find("\t政府采购金额");
  EXPECT_NE(from, std::string::npos);
  EXPECT_NE(to, std::string::npos);
  text.replace(from, to - from, (above.empty() ? "" : above + "\n") + expenses);
  if (!below.empty()) {
    const size_t title = text.find("\n2023年度部门整体支出绩效自评表");
    text.insert(title + 1, below + "\n");
  }
  return text;
}

LoadedPackage Import(const std::string& text) {
  Result<LoadedPackage> r = LoadPackageBytes(text, "units.txt");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : LoadedPackage{};
}

const ExpenseRow* Row(const Package& p, const std::string& key) {
  const ExpenseRow* found = nullptr;
  ForEachExpenseRow(p.basic_data.expenses, [&](const ExpenseVisit& v) {
    if (found == nullptr && v.row->key == key) found = v.row;
  });
  return found;
}

std::string Value(const Package& p, const std::string& key, ExpenseColumn c) {
  const ExpenseRow* row = Row(p, key);
  return row == nullptr ? "<no row>" : row->at(c).Display();
}

std::vector<const Diagnostic*> Notes(const LoadedPackage& l, const std::string& code) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : l.import.notes) {
    if (d.code == code) out.push_back(&d);
  }
  return out;
}

TEST(ImportUnits, AUnitLineAboveTheTableConvertsEveryAmountExactly) {
  for (const char* line : {"单位：元", "单位:元", "（单位：元）", "金额单位：元",
                           "编制单位：某县文化馆        金额单位：元"}) {
    const LoadedPackage l = Import(PackageWith(kYuanExpenses, line));
    const Package& p = l.package;
    EXPECT_EQ(Value(p, "project", ExpenseColumn::kPriorFinal), "372.405500") << line;
    EXPECT_EQ(Value(p, "basic", ExpenseColumn::kBudget), "220.000000") << line;
    EXPECT_EQ(Value(p, "reception", ExpenseColumn::kFinal), "1.050000") << line;
    const auto notes = Notes(l, "I605");
    ASSERT_EQ(notes.size(), 1u) << line;
    EXPECT_EQ(notes[0]->severity, Severity::kInfo);
    EXPECT_EQ(notes[0]->location.source->table, "表2");
    EXPECT_EQ(notes[0]->message_zh,
              std::string("表2“经费控制情况”的金额以元填写（“") + line +
                  "”），已换算为万元（除以 10000，数字不作舍入）：2022年决算数、2023年预算数、"
                  "2023年决算数，共 18 个数；如 2,104,000.00 元 → 210.400000 万元。")
        << line;
    EXPECT_EQ(
        notes[0]->message_en,
        std::string("table 2, the expense table: the amounts are in yuan (\"") + line +
            "\") and were converted to 10,000 yuan (divided by 10,000 exactly): 2022年决算数, "
            "2023年预算数, 2023年决算数, 18 figures; e.g. 2,104,000.00 yuan → 210.400000.")
        << line;
    EXPECT_TRUE(Notes(l, "I606").empty()) << line;
    // The line stating the unit is used, not reported as unrecognised.
    EXPECT_TRUE(Notes(l, "I601").empty()) << line << ": " << l.import.notes[0].message_en;
  }
}

TEST(ImportUnits, TheHeaderOrOneColumnSaysYuan) {
  std::string header = kYuanExpenses;
  header.replace(header.find("\t经费控制情况"), std::string("\t经费控制情况").size(),
                 "\t经费控制情况（元）");
  LoadedPackage l = Import(PackageWith(header));
  EXPECT_EQ(Value(l.package, "project", ExpenseColumn::kPriorFinal), "372.405500");
  ASSERT_EQ(Notes(l, "I605").size(), 1u);
  EXPECT_NE(Notes(l, "I605")[0]->message_zh.find("（表头“经费控制情况（元）”）"),
            std::string::npos);

  // Only the budget column says 元: it alone is converted; the others, whose unit is said
  // nowhere, are taken as 万元 — and look like 元, which is said too.
  std::string column = kYuanExpenses;
  column.replace(column.find("\t2023年预算数"), std::string("\t2023年预算数").size(),
                 "\t2023年预算数（元）");
  l = Import(PackageWith(column));
  EXPECT_EQ(Value(l.package, "project", ExpenseColumn::kBudget), "21.000000");
  EXPECT_EQ(Value(l.package, "project", ExpenseColumn::kPriorFinal), "3724055.00");
  const auto converted = Notes(l, "I605");
  ASSERT_EQ(converted.size(), 1u);
  EXPECT_NE(converted[0]->message_zh.find("（列标题“2023年预算数（元）”），已换算为万元（除以 "
                                          "10000，数字不作舍入）：2023年预算数（元），共 6 个数"),
            std::string::npos)
      << converted[0]->message_zh;
  const auto unknown = Notes(l, "I606");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0]->severity, Severity::kWarning);
  EXPECT_EQ(unknown[0]->reported, "2,104,000.00");
  EXPECT_EQ(unknown[0]->location.source->row, 4);
  EXPECT_EQ(unknown[0]->location.source->column, 2);
  EXPECT_EQ(unknown[0]->message_zh,
            "表1“经费控制情况”没有注明金额单位，已按万元导入；但“2,104,000.00”等 12 个数像是以元"
            "为单位。请核对：如果是元，请在表格上方注明“单位：元”（或在列标题写“金额（元）”）后"
            "重新导入；如果确是万元，请注明“单位：万元”。");
  EXPECT_EQ(unknown[0]->message_en,
            "table 1, the expense table: no unit of money is stated, so the figures were taken as "
            "10,000 yuan, but \"2,104,000.00\" and 11 more look like yuan. Check them: if they are "
            "in yuan, state the unit above the table or in the column header and import again; if "
            "they are in 10,000 yuan, state that.");
}

TEST(ImportUnits, ANoteBelowTheTableSaysYuan) {
  const LoadedPackage l = Import(PackageWith(kYuanExpenses, "", "说明：本表金额单位为元。"));
  EXPECT_EQ(Value(l.package, "public_funds", ExpenseColumn::kFinal), "29.800000");
  const auto notes = Notes(l, "I605");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0]->message_zh.find("（表下说明“说明：本表金额单位为元。”）"), std::string::npos)
      << notes[0]->message_zh;
  EXPECT_EQ(l.package.basic_data.notes, "说明：本表金额单位为元。");
}

TEST(ImportUnits, WanStatedOrSmallFiguresStayAsTheyAre) {
  // 万元 stated: as before, no note.
  LoadedPackage l =
      Import(PackageWith("\t经费控制情况\n\t2022年决算数\n\t2023年预算数\n\t2023年决算数\n\n"
                         "\t三公经费\n\t1.20\n\t1.10\n\t1.05\n\n",
                         "单位：万元"));
  EXPECT_EQ(Value(l.package, "three_public", ExpenseColumn::kPriorFinal), "1.20");
  EXPECT_TRUE(Notes(l, "I605").empty());
  EXPECT_TRUE(Notes(l, "I606").empty());
  // No unit, figures that look like 万元: nothing to say.
  l = Import(testing::PackageText());
  EXPECT_TRUE(l.import.notes.empty()) << l.import.notes[0].message_en;
}

TEST(ImportUnits, ACellThatSaysYuanIsConvertedAlone) {
  const LoadedPackage l = Import(
      PackageWith("\t经费控制情况（万元）\n\t2022年决算数\n\t2023年预算数\n\t2023年决算数\n\n"
                  "\t三公经费\n\t1.20\n\t11,000元\n\t1.05万元\n\n"));
  EXPECT_EQ(Value(l.package, "three_public", ExpenseColumn::kPriorFinal), "1.20");
  EXPECT_EQ(Value(l.package, "three_public", ExpenseColumn::kBudget), "1.1000");
  EXPECT_EQ(Value(l.package, "three_public", ExpenseColumn::kFinal), "1.05");
  const auto notes = Notes(l, "I605");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0]->message_zh.find("（1 个单元格自带“元”）"), std::string::npos)
      << notes[0]->message_zh;
}

TEST(ImportUnits, TheFundsInYuanSplitsIncluded) {
  std::string text = testing::PackageText();
  const auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("（万元）\n\t\n\t年初预算数", "（元）\n\t\n\t年初预算数");
  replace("\t262.00\n\t258.00\n\t256.80\n\t10\n\t99.53\n\t9.95",
          "\t2,620,000.00\n\t2,580,000.00\n\t2,568,000.00\n\t10\n\t99.53\n\t9.95");
  // A split of the funds, in the row after the total as the forms have it.
  replace("\t9.95\n\n", "\t9.95\n\n\t\n\t其中：一般公共预算：2,568,000.00\n\n");
  const LoadedPackage l = Import(text);
  const Funds& f = l.package.evaluation.funds;
  EXPECT_EQ(f.initial_budget.Display(), "262.000000");
  EXPECT_EQ(f.executed.Display(), "256.800000");
  EXPECT_EQ(f.general_public.Display(), "256.800000");
  EXPECT_EQ(f.weight.Display(), "10");  // 分值, 执行率 and 得分 are not money
  EXPECT_EQ(f.execution_rate.Display(), "99.53");
  EXPECT_EQ(f.score.Display(), "9.95");
  const auto notes = Notes(l, "I605");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0]->message_zh.find("年初预算数、全年预算数、全年执行数、资金分列，共 4 个数"),
            std::string::npos)
      << notes[0]->message_zh;
  EXPECT_NE(notes[0]->message_en.find("the splits by source and kind, 4 figures"),
            std::string::npos)
      << notes[0]->message_en;
}

// ---------------------------------------------------------------------------------------------
// Files made by other software.

class ImportUnitsOffice : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 is absent";
    dir_ = fs::temp_directory_path() / ("jixiao-units-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  // Runs a Python script; false (with the output kept for the message) when it fails.
  bool Python(const std::string& script, const std::string& module) {
    if (std::system(("/usr/bin/python3 -c 'import " + module + "' 2>/dev/null").c_str()) != 0) {
      missing_ = module;
      return false;
    }
    const fs::path file = dir_ / "make.py";
    std::ofstream(file) << script;
    return std::system(("cd '" + dir_.string() + "' && /usr/bin/python3 make.py").c_str()) == 0;
  }

  fs::path dir_;
  std::string missing_;
};

TEST_F(ImportUnitsOffice, AnOpenpyxlWorkbookInYuanWithAStrayCellFarDown) {
  const std::string script = R"(
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "基础数据表"
ws.append(["附件1 2023年度部门整体支出绩效评价基础数据表"])
ws.append(["单位：元"])
ws.append(["经费控制情况", "2022年决算数", "2023年预算数", "2023年决算数"])
for label, a, b, c in [("一、部门基本支出", 2104000, 2200000, 2153000),
                       ("三公经费", 12000, 11000, 10500),
                       ("      3.公务接待", 12000, 11000, 10500),
                       ("二、项目支出小计", 400000, 420000, 415000),
                       ("  1.群众文化活动专项经费", 3724055, 210000, 207500),
                       ("政府采购金额", None, None, None)]:
    ws.append([label, a, b, c])
    for cell in ws[ws.max_row][1:]:
        cell.number_format = "#,##0.00"
ws["A300000"] = "制表人：张三"
wb.save("yuan.xlsx")
)";
  if (!Python(script, "openpyxl")) {
    if (!missing_.empty()) GTEST_SKIP() << "python3-" << missing_ << " is absent";
    FAIL() << "the script failed";
  }
  Result<LoadedPackage> l = LoadAnyPackage((dir_ / "yuan.xlsx").string());
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->format, DocumentFormat::kXlsx);
  EXPECT_EQ(Value(l->package, "project", ExpenseColumn::kPriorFinal), "372.405500");
  EXPECT_EQ(Value(l->package, "reception", ExpenseColumn::kFinal), "1.050000");
  const auto converted = Notes(*l, "I605");
  ASSERT_EQ(converted.size(), 1u);
  EXPECT_NE(converted[0]->message_zh.find("基础数据表“经费控制情况”的金额以元填写（“单位：元”）"),
            std::string::npos)
      << converted[0]->message_zh;
  EXPECT_EQ(converted[0]->location.source->row, 3);  // the header, in sheet rows
  // The stray cell is read (not refused for the 300,000 rows above it) and named by its row.
  const auto unplaced = Notes(*l, "I601");
  ASSERT_EQ(unplaced.size(), 1u);
  EXPECT_EQ(unplaced[0]->location.source->row, 300000);
  EXPECT_EQ(unplaced[0]->message_en,
            "基础数据表, row 300000: content not recognised and not imported: \"制表人：张三\".");
}

TEST_F(ImportUnitsOffice, APythonDocxDocumentWithAUnitLineAboveItsTable) {
  const std::string script = R"(
import docx
d = docx.Document()
d.add_paragraph("附件1 2023年度部门整体支出绩效评价基础数据表")
d.add_paragraph("金额单位：元")
rows = [("经费控制情况", "2022年决算数", "2023年预算数", "2023年决算数"),
        ("一、部门基本支出", "2,104,000.00", "2,200,000.00", "2,153,000.00"),
        ("三公经费", "12,000.00", "11,000.00", "10,500.00"),
        ("      3.公务接待", "12,000.00", "11,000.00", "10,500.00")]
t = d.add_table(rows=len(rows), cols=4)
for r, row in enumerate(rows):
    for c, text in enumerate(row):
        t.cell(r, c).text = text
d.save("yuan.docx")
)";
  if (!Python(script, "docx")) {
    if (!missing_.empty()) GTEST_SKIP() << "python3-" << missing_ << " is absent";
    FAIL() << "the script failed";
  }
  Result<LoadedPackage> l = LoadAnyPackage((dir_ / "yuan.docx").string());
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->format, DocumentFormat::kDocx);
  EXPECT_EQ(Value(l->package, "basic", ExpenseColumn::kPriorFinal), "210.400000");
  EXPECT_EQ(Value(l->package, "three_public", ExpenseColumn::kFinal), "1.050000");
  const auto converted = Notes(*l, "I605");
  ASSERT_EQ(converted.size(), 1u);
  EXPECT_NE(converted[0]->message_en.find("(\"金额单位：元\")"), std::string::npos)
      << converted[0]->message_en;
  EXPECT_TRUE(Notes(*l, "I601").empty());
}

}  // namespace
}  // namespace jixiao
