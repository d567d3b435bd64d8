// Word and Excel files of the seed package made by independent software: the seed's text is
// imported, tests/fixtures/office/package_to_html.py lays the package out as the official
// form in HTML (merged cells as rowspan/colspan), LibreOffice converts that HTML to DOCX and
// XLSX, and jixiao imports both back. Each must give the same package as the text, field by
// field. Skips (with the reason) where the seed, /usr/bin/python3 or LibreOffice is absent.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "compute/scoring.h"
#include "import/importer.h"
#include "model/package_json.h"
#include "rules/rulebook.h"
#include "tests/package_compare.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

bool Sh(const std::string& command) { return std::system(command.c_str()) == 0; }

class OfficeFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto shared = testing::SharedDir();
    if (!shared) {
      skip_ = "the seed documents (../shared or JIXIAO_SHARED_DIR) are absent";
      return;
    }
    if (!fs::exists("/usr/bin/python3")) {
      skip_ = "/usr/bin/python3 is absent";
      return;
    }
    if (!Sh("command -v soffice >/dev/null 2>&1")) {
      skip_ = "LibreOffice (soffice) is absent; scripts/install-deps.sh installs it";
      return;
    }
    dir_ = fs::temp_directory_path() / ("jixiao-office-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Result<LoadedPackage> text = LoadAnyPackage(*shared + "/seeds/lingling-kexie-2024.txt");
    ASSERT_TRUE(text.ok()) << text.status().message();
    text_ = new Package(text->package);
    const std::string json = (dir_ / "seed.json").string();
    std::ofstream(json) << WritePackageJson(*text_);
    const std::string script = testing::SourceDir() + "/tests/fixtures/office/package_to_html.py";
    const std::string d = dir_.string();
    ASSERT_TRUE(Sh("/usr/bin/python3 '" + script + "' '" + json + "' '" + d + "/seed.html'"));
    ASSERT_TRUE(Sh("/usr/bin/python3 '" + script + "' '" + json + "' '" + d +
                   "/seed-tables.html' --tables-only"));
    const std::string soffice =
        "cd '" + d + "' && soffice -env:UserInstallation=file://" + d + "/profile --headless ";
    ASSERT_TRUE(Sh(soffice + "--convert-to 'docx:MS Word 2007 XML' --outdir '" + d +
                   "' seed.html >/dev/null 2>&1"));
    ASSERT_TRUE(Sh(soffice +
                   "--infilter='HTML (StarCalc)' --convert-to 'xlsx:Calc MS Excel 2007 XML' " +
                   "--outdir '" + d + "' seed-tables.html >/dev/null 2>&1"));
  }

  static void TearDownTestSuite() {
    if (!dir_.empty()) fs::remove_all(dir_);
    delete text_;
    text_ = nullptr;
  }

  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
  }

  static inline std::string skip_;
  static inline fs::path dir_;
  static inline Package* text_ = nullptr;
};

TEST_F(OfficeFixture, WordMadeByLibreOfficeImportsToTheSamePackage) {
  Result<LoadedPackage> docx = LoadAnyPackage((dir_ / "seed.docx").string());
  ASSERT_TRUE(docx.ok()) << docx.status().message();
  EXPECT_EQ(docx->format, DocumentFormat::kDocx);
  EXPECT_TRUE(docx->import.notes.empty()) << docx->import.notes.front().message_en;
  testing::ExpectSameFigures(docx->package, *text_, /*exact_scale=*/true);
  testing::ExpectSameReport(docx->package, *text_, /*texts=*/true);
  EXPECT_EQ(docx->package.evaluation.goals.planned[2].text,
            text_->evaluation.goals.planned[2].text);
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const ScoreSheet sheet = ScorePackage(docx->package, rb);
  EXPECT_EQ(sheet.total.Normalized().ToString(), "99.8");
  EXPECT_EQ(sheet.grade, "优");
  // Provenance names the Word table and cell.
  const SourceRef& src = docx->package.provenance.at("/evaluation/funds/executed");
  EXPECT_EQ(src.table, "表3");
  EXPECT_GT(src.row, 0);
  EXPECT_EQ(src.text, "124.88");
}

TEST_F(OfficeFixture, ExcelMadeByLibreOfficeImportsToTheSameTables) {
  Result<LoadedPackage> xlsx = LoadAnyPackage((dir_ / "seed-tables.xlsx").string());
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  EXPECT_EQ(xlsx->format, DocumentFormat::kXlsx);
  // A workbook holds the two tables; the report stays in Word.
  ASSERT_EQ(xlsx->import.notes.size(), 1u);
  EXPECT_EQ(xlsx->import.notes[0].code, "I603");
  Package expected = *text_;
  expected.report = Report{};
  // 退休 and 实有 come from the report's prose, which a workbook does not carry.
  expected.basic_data.staffing.retired = Cell::Blank();
  expected.basic_data.staffing.total_actual = Cell::Blank();
  // Excel keeps numbers, not their written decimals ("127.10" is stored as 127.1).
  testing::ExpectSameFigures(xlsx->package, expected, /*exact_scale=*/false);
  EXPECT_EQ(xlsx->package.basic_data.notes, text_->basic_data.notes);
  const SourceRef& src = xlsx->package.provenance.at("/evaluation/funds/executed");
  EXPECT_FALSE(src.table.empty());
  EXPECT_EQ(src.text, "124.88");
}

}  // namespace
}  // namespace jixiao
