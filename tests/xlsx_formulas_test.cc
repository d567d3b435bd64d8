// Workbooks whose formulas hold no saved result, as programs that write formulas without
// calculating them leave them: the worked example's workbook (render/xlsx_writer.h, formulas
// for every computed cell) loaded and saved by openpyxl, which drops the cached values.
//  * with LibreOffice, the importer has it calculate the workbook and reads the results: the
//    package comes back whole, and the import summary says LibreOffice calculated;
//  * without it (PATH without soffice), the formulas' cells are blank, the figures typed
//    beside them still land in their own columns (a funds row whose 执行率 and 得分 are blank
//    is not shifted), and note I604 says how many formulas and which cells.
// Skips, saying why, without /usr/bin/python3 + openpyxl, or (the first part) LibreOffice.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/lang.h"
#include "import/importer.h"
#include "import/xlsx_reader.h"
#include "office/libreoffice.h"
#include "render/xlsx_writer.h"
#include "tests/example_documents.h"
#include "tests/package_compare.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

class XlsxFormulas : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (std::system("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") != 0) {
      skip_ =
          "/usr/bin/python3 with openpyxl is absent (scripts/install-deps.sh installs "
          "python3-openpyxl)";
      return;
    }
    Result<testing::ComposedExample> example = testing::ComposeCorrectedExample();
    ASSERT_TRUE(example.ok()) << example.status().message();
    prepared_ = new PreparedPackage(example->prepared);
    const RenderDocument* doc = &example->document;
    dir_ = fs::temp_directory_path() / ("jixiao-formulas-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    const std::string d = dir_.string();
    ASSERT_TRUE(WriteXlsx(*doc, {}, d + "/example.xlsx").ok());
    ASSERT_EQ(std::system(("/usr/bin/python3 -c \"import openpyxl, sys; "
                           "openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])\" '" +
                           d + "/example.xlsx' '" + d + "/bare.xlsx'")
                              .c_str()),
              0);
  }
  static void TearDownTestSuite() {
    if (!dir_.empty()) fs::remove_all(dir_);
    delete prepared_;
    prepared_ = nullptr;
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
  }

  static std::string Bare() { return (dir_ / "bare.xlsx").string(); }

  static inline std::string skip_;
  static inline fs::path dir_;
  static inline PreparedPackage* prepared_ = nullptr;
};

TEST_F(XlsxFormulas, TheReaderCountsFormulasWithoutResults) {
  const auto read = [](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return ReadXlsx(bytes, path.filename().string());
  };
  Result<FlatDocument> bare = read(dir_ / "bare.xlsx");
  ASSERT_TRUE(bare.ok()) << bare.status().message();
  EXPECT_GT(bare->formulas_without_values, 10);
  ASSERT_EQ(bare->formula_cells.size(), kFormulaCellsListed);
  EXPECT_EQ(bare->formula_cells[0], "基础数据表!F3");  // 控制率
  // Our own workbook caches every result (a formula giving "" is cached as an empty string).
  Result<FlatDocument> cached = read(dir_ / "example.xlsx");
  ASSERT_TRUE(cached.ok()) << cached.status().message();
  EXPECT_EQ(cached->formulas_without_values, 0);
  EXPECT_TRUE(cached->formula_cells.empty());
}

TEST_F(XlsxFormulas, LibreOfficeCalculatesThemAndThePackageComesBack) {
  if (FindSoffice().empty()) {
    GTEST_SKIP() << "LibreOffice (soffice) is absent; scripts/install-deps.sh installs it";
  }
  const ScopedMessageLanguage zh(Lang::kZh);  // the summary line checked below is Chinese
  Result<LoadedPackage> loaded = LoadAnyPackage(Bare());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->format, DocumentFormat::kXlsx);
  ASSERT_EQ(loaded->import.notes.size(), 1u) << loaded->import.notes[1].message_en;
  EXPECT_EQ(loaded->import.notes[0].code, "I603");  // no report in a workbook
  bool said = false;
  for (const std::string& line : loaded->import.recognised) {
    said = said || line.find("个公式没有保存计算结果（如 基础数据表!") != std::string::npos;
  }
  EXPECT_TRUE(said) << "the import summary does not say LibreOffice calculated the formulas";
  testing::ExpectSameFigures(loaded->package, testing::WorkbookPart(prepared_->package),
                             /*exact_scale=*/false);
}

TEST_F(XlsxFormulas, WithoutLibreOfficeTheCellsAreBlankAndNoted) {
  Result<LoadedPackage> loaded = [&] {
    testing::PathOverride path((dir_ / "no-such-dir").string());
    return LoadAnyPackage(Bare());
  }();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const Diagnostic* note = nullptr;
  for (const Diagnostic& d : loaded->import.notes) {
    if (d.code == "I604") note = &d;
  }
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->severity, Severity::kWarning);
  EXPECT_EQ(note->location.table, "基础数据表");
  ASSERT_TRUE(note->location.source.has_value());
  EXPECT_EQ(note->location.source->file, Bare());
  // "19 个公式单元格没有保存计算结果（基础数据表!F3、…、基础数据表!B16…），已按空白导入。…"
  EXPECT_NE(note->message_zh.find(" 个公式单元格没有保存计算结果（基础数据表!F3、"),
            std::string::npos)
      << note->message_zh;
  EXPECT_NE(note->message_zh.find("…），已按空白导入。"), std::string::npos) << note->message_zh;
  EXPECT_NE(note->message_en.find(" formula cells hold no saved result (基础数据表!F3, "),
            std::string::npos)
      << note->message_en;

  // The typed figures are in their own columns; the computed ones are blank.
  const Funds& funds = loaded->package.evaluation.funds;
  const Funds& expected = prepared_->package.evaluation.funds;
  EXPECT_EQ(funds.initial_budget.value, expected.initial_budget.value);
  EXPECT_EQ(funds.full_year_budget.value, expected.full_year_budget.value);
  EXPECT_EQ(funds.executed.value, expected.executed.value);
  EXPECT_EQ(funds.weight.value, expected.weight.value);
  EXPECT_EQ(funds.execution_rate.kind, Cell::Kind::kBlank);
  EXPECT_EQ(funds.score.kind, Cell::Kind::kBlank);
  EXPECT_EQ(loaded->package.basic_data.staffing.control_rate.kind, Cell::Kind::kBlank);
  EXPECT_EQ(loaded->package.basic_data.staffing.authorized.value,
            prepared_->package.basic_data.staffing.authorized.value);
}

}  // namespace
}  // namespace jixiao
