// Import picks the form by the document's layout (import/reading_spec.h, ImportOptions in
// import/importer.h, forms' [import] tables in docs/form-format.md):
//  * a header wording known only to a form file is read with `--form` and not without it —
//    a new region is a new form file, not new code — and so is the form's unit of money;
//  * among the bundled forms, a 贵州 table is read as guizhou-2021 and the worked example as
//    lingling-2024, each said in a note I630 with the words found; a document with none of
//    the signature words names no form;
//  * `render` without `--form` prints a package in the form it names.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "import/importer.h"
#include "render/form.h"
#include "tests/cli_run.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

std::string ReadSource(const std::string& relative) {
  std::ifstream in(testing::SourceDir() + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A form of our own: the 101号 form with another id and an [import] table naming funds
// headers no built-in wording knows (计划安排数, 实际支出数) and amounts in 元.
std::string TestForm() {
  std::string text = ReadSource("forms/national-101-2021.toml");
  text = text.substr(0, text.find("\n[import]"));
  const std::string id = "id = \"national-101-2021\"";
  text.replace(text.find(id), id.size(), "id = \"test-wording\"");
  text += R"(
[import]
signature = ["计划安排数", "实际支出数"]
money_unit = "元"

[import.funds_columns]
initial_budget = ["计划安排数"]
executed = ["实际支出数"]
weight = ["分值"]
score = ["得分"]
)";
  return text;
}

// A 自评表 whose funds header says 计划安排数 / 实际支出数 and states no unit.
constexpr const char* kDocument =
    "部门整体支出绩效自评表\n"
    "\n"
    "部门（单位）名称 | 测试单位\n"
    "年度资金 | 计划安排数 | 实际支出数 | 分值 | 得分\n"
    "年度资金总额 | 1000000.00 | 950000.00 | 10 | 9.5\n"
    "\n"
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
    "| 产出指标 | 数量指标 | 培训人次 | ≥100人次 | 120 | 90 | 90\n";

TEST(ImportForms, ParsesTheImportTable) {
  Result<Form> form = ParseForm(TestForm(), "test.toml");
  ASSERT_TRUE(form.ok()) << form.status().message();
  const ReadingSpec& spec = form->reading;
  EXPECT_EQ(spec.form_id, "test-wording");
  EXPECT_EQ(spec.rulebook, "national");
  EXPECT_EQ(spec.money_unit, "元");
  ASSERT_EQ(spec.funds_columns.size(), 4u);
  bool found = false;
  for (const auto& [field, words] : spec.funds_columns) {
    if (field != "initial_budget") continue;
    found = true;
    EXPECT_EQ(words, std::vector<std::string>{"计划安排数"});
  }
  EXPECT_TRUE(found);
}

TEST(ImportForms, ImportTableErrorsNameTheKey) {
  std::string text = TestForm();
  text += "\n[import.leaf_columns]\ntargets = [\"指标值\"]\n";
  Result<Form> form = ParseForm(text, "test.toml");
  ASSERT_FALSE(form.ok());
  EXPECT_NE(form.status().message().find("import.leaf_columns.targets"), std::string::npos)
      << form.status().message();
  std::string unit = TestForm();
  unit.replace(unit.find("money_unit = \"元\""), 19, "money_unit = \"千元\"");
  form = ParseForm(unit, "test.toml");
  ASSERT_FALSE(form.ok());
  EXPECT_NE(form.status().message().find("import.money_unit"), std::string::npos)
      << form.status().message();
}

// The library: the form's wording is read only when its spec is given.
TEST(ImportForms, WordingOfAFormFileIsReadWithItOnly) {
  Result<Form> form = ParseForm(TestForm(), "test.toml");
  ASSERT_TRUE(form.ok()) << form.status().message();

  Result<LoadedPackage> plain = LoadPackageBytes(kDocument, "doc.txt", ImportOptions{});
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_TRUE(plain->package.evaluation.funds.executed.blank())
      << "without the form, 实际支出数 means nothing: "
      << plain->package.evaluation.funds.executed.Display();
  EXPECT_TRUE(plain->package.form.empty());

  ImportOptions with;
  with.layouts = {form->reading};
  with.form_given = true;
  Result<LoadedPackage> read = LoadPackageBytes(kDocument, "doc.txt", with);
  ASSERT_TRUE(read.ok()) << read.status().message();
  const Funds& f = read->package.evaluation.funds;
  // 元 by the form's money_unit, converted to 万元 exactly.
  EXPECT_EQ(f.initial_budget.value, *Decimal::Parse("100"));
  EXPECT_EQ(f.executed.value, *Decimal::Parse("95"));
  EXPECT_EQ(f.weight.value, *Decimal::Parse("10"));
  EXPECT_EQ(f.score.value, *Decimal::Parse("9.5"));
  EXPECT_EQ(read->package.form, "test-wording");
  EXPECT_EQ(read->package.rulebook, "national");
  ASSERT_FALSE(read->import.notes.empty());
  EXPECT_EQ(read->import.notes.front().code, "I630");
  EXPECT_NE(read->import.notes.front().message_zh.find("由 --form 指定"), std::string::npos)
      << read->import.notes.front().message_zh;
}

// The command line: `import --form FILE` reads it; without it the funds are not read.
TEST(ImportForms, CommandLineFormOverrides) {
  testing::TempFolder dir;
  const std::string doc = dir.Put("doc.txt", kDocument);
  const std::string form = dir.Put("test.toml", TestForm());
  testing::CliRun plain =
      testing::RunJixiao("import '" + doc + "' -o '" + (dir / "plain.json") + "'", dir);
  ASSERT_EQ(plain.code, 0) << plain.err;
  const nlohmann::json a = nlohmann::json::parse(testing::ReadWhole(dir / "plain.json"));
  EXPECT_FALSE(a.contains("form")) << a.dump();
  EXPECT_TRUE(!a["evaluation"]["funds"].contains("executed") ||
              a["evaluation"]["funds"]["executed"].is_null())
      << a["evaluation"]["funds"].dump();

  testing::CliRun given = testing::RunJixiao(
      "import '" + doc + "' -o '" + (dir / "given.json") + "' --form '" + form + "'", dir);
  ASSERT_EQ(given.code, 0) << given.err;
  EXPECT_NE(given.out.find("I630"), std::string::npos) << given.out;
  const nlohmann::json b = nlohmann::json::parse(testing::ReadWhole(dir / "given.json"));
  EXPECT_EQ(b["form"], "test-wording");
  EXPECT_EQ(b["evaluation"]["funds"]["executed"], "95.000000");  // 950000.00 元, exactly

  // A form that cannot be read stops the import, naming it.
  testing::CliRun missing = testing::RunJixiao(
      "import '" + doc + "' -o '" + (dir / "x.json") + "' --form no-such-form", dir);
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("no-such-form"), std::string::npos) << missing.err;
}

ImportOptions Bundled() {
  ImportOptions options;
  Result<std::vector<ReadingSpec>> specs = BundledReadingSpecs();
  EXPECT_TRUE(specs.ok()) << specs.status().message();
  if (specs.ok()) options.layouts = *specs;
  return options;
}

// The corpus's 贵州 table: guizhou-2021 by its (A)/(B) headers and 得分计算方法.
TEST(ImportForms, ChoosesGuizhouForAGuizhouTable) {
  std::string text = ReadSource("tests/corpus/guizhou-suiyang-taibai-2021-dept.txt");
  text = text.substr(text.find('\n') + 1);  // the 来源 line
  Result<LoadedPackage> p = LoadPackageBytes(text, "guizhou.txt", Bundled());
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->package.form, "guizhou-2021");
  EXPECT_EQ(p->package.rulebook, "guizhou");
  ASSERT_FALSE(p->import.notes.empty());
  const Diagnostic& note = p->import.notes.front();
  EXPECT_EQ(note.code, "I630");
  EXPECT_NE(note.message_zh.find("版式 guizhou-2021：表格含 年初预算数(A)、全年执行数(B)、得分计算方法"),
            std::string::npos)
      << note.message_zh;
  // The figures are those the built-in wording reads too.
  EXPECT_EQ(p->package.evaluation.funds.executed.value, *Decimal::Parse("1268.72"));
}

// The worked example's text: lingling-2024 (区级预算部门名称 and the splits by source).
TEST(ImportForms, ChoosesLinglingForTheWorkedExample) {
  const std::optional<std::string> shared = testing::SharedDir();
  if (!shared) GTEST_SKIP() << "no shared folder with the seed";
  std::ifstream in(*shared + "/seeds/lingling-kexie-2024.txt", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Result<LoadedPackage> p = LoadPackageBytes(ss.str(), "seed.txt", Bundled());
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->package.form, "lingling-2024");
  EXPECT_EQ(p->package.rulebook, "hunan-lingling");
  EXPECT_EQ(p->package.evaluation.funds.executed.value, *Decimal::Parse("124.88"));
}

// No signature word in any table: no form, no note, the rulebook chosen as before.
TEST(ImportForms, NoSignatureNoForm) {
  const std::string text =
      "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
      "| 产出指标 | 数量指标 | 培训人次 | ≥100人次 | 120 | 90 | 90\n";
  Result<LoadedPackage> p = LoadPackageBytes(text, "t.txt", Bundled());
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_TRUE(p->package.form.empty());
  for (const Diagnostic& d : p->import.notes) EXPECT_NE(d.code, "I630");
  EXPECT_EQ(p->package.rulebook, "national");
}

// `render` without --form uses the form the package names.
TEST(ImportForms, RenderUsesThePackagesForm) {
  testing::TempFolder dir;
  testing::CliRun r = testing::RunJixiao(
      "render tests/fixtures/forms/guizhou-2021.json --to json -o '" + dir.path().string() + "'",
      dir);
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("guizhou-2021"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace jixiao
