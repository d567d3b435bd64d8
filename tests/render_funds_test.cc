// The rows under 年度资金总额 in the rendered 自评表: the worked example given an 安徽-style block
// (其中：当年财政拨款 / 上年结转资金 / 其他资金) or a 贵州-style one (基本支出 / 项目支出 with no
// 全年预算数 and no 执行率, and the form's 得分计算方法), prepared, laid out in the 零陵 and the
// national form, written as Word and as Excel, and imported back: the same package, rows,
// method and all (Excel keeps numbers without their written decimals). The HTML and the JSON
// carry the rows too.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "import/importer.h"
#include "model/package_json.h"
#include "render/compose.h"
#include "render/docx_writer.h"
#include "render/form.h"
#include "render/html_writer.h"
#include "render/prepare.h"
#include "render/xlsx_writer.h"
#include "tests/package_compare.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

Cell N(const char* s, bool pct = false) { return Cell::Number(*Decimal::Parse(s), pct); }

FundsRow Row(const char* key, const char* label, const char* initial, const char* full_year,
             const char* executed) {
  FundsRow r;
  r.key = key;
  r.label = label;
  r.initial_budget = N(initial);
  r.full_year_budget = N(full_year);
  r.executed = N(executed);
  r.weight = Cell::NotApplicable();  // printed "—": the total row carries the score
  r.score = Cell::NotApplicable();
  return r;
}

Package Example() {
  Result<Package> p =
      LoadPackageFile(testing::SourceDir() + "/examples/lingling-kexie-2024-corrected.json");
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? *p : Package{};
}

// The example's funds (153.53 / 127.10 / 124.88) split by source.
Package Anhui() {
  Package p = Example();
  p.evaluation.funds.rows = {
      Row("current_appropriation", "其中：当年财政拨款", "148.53", "122.10", "120.38"),
      Row("prior_carryover", "上年结转资金", "5.00", "5.00", "4.50"),
      Row("other", "其他资金", "0.00", "0.00", "0.00")};
  return p;
}

// The same money on 贵州's form: 年初预算数 and 全年执行数 only, each row scored on the full 10.
Package Guizhou() {
  Package p = Example();
  Funds& f = p.evaluation.funds;
  f.full_year_budget = Cell::NotApplicable();
  f.execution_rate = Cell::NotApplicable();
  f.method = "执行率×该指标分值，最高不得超过分值上限。";
  FundsRow basic = Row("basic", "基本支出", "116.53", "0", "124.88");
  FundsRow project = Row("project", "项目支出", "37.00", "0", "0.00");
  for (FundsRow* r : {&basic, &project}) {
    r->full_year_budget = Cell::NotApplicable();
    r->execution_rate = Cell::NotApplicable();
    r->weight = N("10");
    r->score = Cell::Blank();  // filled by PrepareForRender
  }
  f.rows = {basic, project};
  return p;
}

class RenderFunds : public ::testing::TestWithParam<const char*> {
 protected:
  // Prepares and lays out `p` in the form of the test's parameter.
  RenderDocument Compose(const Package& p) {
    rb_ = testing::LoadRulebook(p.rulebook.c_str());
    prepared_ = PrepareForRender(p, rb_);
    Result<Form> form = BundledForm(GetParam());
    EXPECT_TRUE(form.ok()) << form.status().message();
    Result<RenderDocument> doc = ComposeDocument(prepared_, rb_, *form);
    EXPECT_TRUE(doc.ok()) << doc.status().message();
    return doc.ok() ? *doc : RenderDocument{};
  }

  // Writes `bytes` to a file named `name`, imports it, and keeps only the notes other than
  // I603 (a workbook has no report) and I620 (the method read, said on every import).
  LoadedPackage ImportBytes(const std::string& bytes, const std::string& name) {
    const fs::path file =
        fs::temp_directory_path() / ("jixiao-funds-" + std::to_string(::getpid()) + name);
    std::ofstream(file.string(), std::ios::binary) << bytes;
    Result<LoadedPackage> back = LoadAnyPackage(file.string());
    fs::remove(file);
    EXPECT_TRUE(back.ok()) << back.status().message();
    if (!back.ok()) return LoadedPackage{};
    for (const Diagnostic& note : back->import.notes) {
      if (note.code == "I603" || note.code == "I620") continue;
      ADD_FAILURE() << note.code << ": " << note.message_en;
    }
    return *back;
  }

  void ExpectRoundTrip(const Package& p) {
    const RenderDocument doc = Compose(p);
    ASSERT_EQ(prepared_.package.evaluation.funds.rows.size(), p.evaluation.funds.rows.size());

    Result<std::string> docx = WriteDocx(doc);
    ASSERT_TRUE(docx.ok()) << docx.status().message();
    const LoadedPackage from_docx = ImportBytes(*docx, ".docx");
    testing::ExpectSameFigures(from_docx.package, prepared_.package, /*exact_scale=*/true);

    Result<std::string> xlsx = WriteXlsxBytes(doc, {});
    ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
    const LoadedPackage from_xlsx = ImportBytes(*xlsx, ".xlsx");
    testing::ExpectSameFigures(from_xlsx.package, testing::WorkbookPart(prepared_.package),
                               /*exact_scale=*/false);

    const std::string html = WriteHtml(doc, {});
    for (const FundsRow& row : p.evaluation.funds.rows) {
      EXPECT_NE(html.find(row.label), std::string::npos) << row.label;
    }
    const Result<Package> json = ParsePackageJson(WritePackageJson(prepared_.package), "p.json");
    ASSERT_TRUE(json.ok()) << json.status().message();
    testing::ExpectSameFigures(*json, prepared_.package, /*exact_scale=*/true);
  }

  Rulebook rb_;
  PreparedPackage prepared_;
};

TEST_P(RenderFunds, RowsBySourceComeBack) {
  ExpectRoundTrip(Anhui());
  // The rows' rates were computed on their own figures.
  const Funds& f = prepared_.package.evaluation.funds;
  EXPECT_EQ(f.rows[0].execution_rate.value.ToString(), "98.59");  // 120.38 ÷ 122.10
  EXPECT_EQ(f.rows[1].execution_rate.value.ToString(), "90.00");
  EXPECT_TRUE(f.rows[2].execution_rate.blank());  // 0 ÷ 0
}

TEST_P(RenderFunds, AGuizhouBlockWithItsMethodComesBack) {
  ExpectRoundTrip(Guizhou());
  const Funds& f = prepared_.package.evaluation.funds;
  // Not applicable stays so; the scores follow the method (capped at the 分值).
  EXPECT_EQ(f.execution_rate.kind, Cell::Kind::kNotApplicable);
  EXPECT_EQ(f.score.Display(), "8.1");  // 124.88 ÷ 153.53 = 81.34% × 10, 零陵's 1 decimal
  EXPECT_EQ(f.rows[0].score.Display(), "10.0");  // 124.88 ÷ 116.53 = 107.17%, capped
  EXPECT_EQ(f.rows[1].score.Display(), "0.0");
}

INSTANTIATE_TEST_SUITE_P(Forms, RenderFunds, ::testing::Values("lingling-2024", "national-2024"),
                         [](const auto& info) {
                           return std::string(info.param) == "lingling-2024" ? "Lingling"
                                                                             : "National";
                         });

}  // namespace
}  // namespace jixiao
