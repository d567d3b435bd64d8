// The round trip of each form beside 零陵's (forms/*.toml): a composed fixture package per form
// (tests/fixtures/forms/<form>.json — the worked example's unit, basic data and report, its
// 自评表 re-cut for the form: 满意度指标 a 一级指标 of its own, the form's funds block, 重庆's
// 得分系数), prepared under the form's rulebook, laid out in the form, written as Word and as
// Excel, and imported back with every bundled form as a candidate layout:
//  * the import chooses the same form (note I630, the package's `form`) and its rulebook;
//  * the same figures come back (Excel keeps numbers without their written decimals);
//  * the package scores the same (ScorePackage: the execution score, each leaf, the total).
// python-docx and openpyxl (/usr/bin/python3) read the files too: the form's own column
// headers are in the 自评表 and the workbook's cached 总分 is the package's; those parts skip,
// saying why, when python3 lacks the module.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "compute/scoring.h"
#include "import/importer.h"
#include "model/package_json.h"
#include "render/compose.h"
#include "render/docx_writer.h"
#include "render/form.h"
#include "render/prepare.h"
#include "render/xlsx_writer.h"
#include "rules/rulebook.h"
#include "tests/package_compare.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

using testing::Capture;
using testing::Shell;

// Every cell text of every table of a DOCX (python-docx), or of the 自评表 sheet of an XLSX
// (openpyxl, cached values), as a JSON array of rows of strings.
constexpr const char* kPythonReader = R"PY(
import json, sys
path = sys.argv[1]
rows = []
if path.endswith(".docx"):
    import docx
    for t in docx.Document(path).tables:
        for r in t.rows:
            rows.append([c.text for c in r.cells])
else:
    import openpyxl
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[sys.argv[2]]
    for r in ws.iter_rows(values_only=True):
        rows.append(["" if v is None else str(v) for v in r])
json.dump(rows, sys.stdout, ensure_ascii=False)
)PY";

class FormRoundTrip : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    Result<Package> p = LoadPackageFile(testing::SourceDir() + "/tests/fixtures/forms/" +
                                        GetParam() + ".json");
    ASSERT_TRUE(p.ok()) << p.status().message();
    fixture_ = *p;
    ASSERT_EQ(fixture_.form, GetParam());
    Result<Form> form = BundledForm(fixture_.form);
    ASSERT_TRUE(form.ok()) << form.status().message();
    form_ = *form;
    ASSERT_EQ(fixture_.rulebook, form_.rulebook) << "a fixture is scored under its form's rulebook";
    rb_ = testing::LoadRulebook(fixture_.rulebook.c_str());
    prepared_ = PrepareForRender(fixture_, rb_);
    Result<RenderDocument> doc = ComposeDocument(prepared_, rb_, form_);
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    doc_ = *doc;
    Result<std::vector<ReadingSpec>> specs = BundledReadingSpecs();
    ASSERT_TRUE(specs.ok()) << specs.status().message();
    options_.layouts = *specs;
    dir_ = fs::temp_directory_path() /
           ("jixiao-form-round-trip-" + std::to_string(::getpid()) + "-" + GetParam());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Writes the bytes beside the test and imports them, choosing among the bundled forms.
  LoadedPackage Import(const std::string& bytes, const std::string& name) {
    const fs::path file = dir_ / name;
    std::ofstream(file.string(), std::ios::binary) << bytes;
    Result<LoadedPackage> back = LoadAnyPackage(file.string(), options_);
    EXPECT_TRUE(back.ok()) << back.status().message();
    return back.ok() ? *back : LoadedPackage{};
  }

  // The form chosen, said in I630, and the form's rulebook taken.
  void ExpectFormChosen(const LoadedPackage& back) {
    EXPECT_EQ(back.package.form, form_.id);
    EXPECT_EQ(back.package.rulebook, form_.rulebook);
    bool said = false;
    for (const Diagnostic& note : back.import.notes) {
      if (note.code != "I630") continue;
      said = true;
      EXPECT_NE(note.message_zh.find("版式 " + form_.id), std::string::npos) << note.message_zh;
      EXPECT_NE(note.message_zh.find(std::to_string(form_.reading.signature.size()) + "/" +
                                     std::to_string(form_.reading.signature.size())),
                std::string::npos)
          << "every signature word of the form is in its own layout: " << note.message_zh;
    }
    EXPECT_TRUE(said) << "no I630 note";
  }

  // The same scores: the execution score, each funds row, each leaf and the total.
  void ExpectSameScores(const Package& back) {
    Result<Rulebook> rb = BundledRulebook(back.rulebook);
    ASSERT_TRUE(rb.ok()) << rb.status().message();
    const ScoreSheet a = ScorePackage(prepared_.package, rb_);
    const ScoreSheet b = ScorePackage(back, *rb);
    EXPECT_EQ(a.total, b.total) << a.total.ToString() << " vs " << b.total.ToString();
    EXPECT_EQ(a.grade, b.grade);
    EXPECT_EQ(a.execution.score.has_value(), b.execution.score.has_value());
    if (a.execution.score && b.execution.score) {
      EXPECT_EQ(*a.execution.score, *b.execution.score);
    }
    ASSERT_EQ(a.fund_rows.size(), b.fund_rows.size());
    ASSERT_EQ(a.leaves.size(), b.leaves.size());
    for (size_t i = 0; i < a.fund_rows.size(); ++i) {
      EXPECT_EQ(a.fund_rows[i].score.has_value(), b.fund_rows[i].score.has_value()) << i;
      if (a.fund_rows[i].score && b.fund_rows[i].score) {
        EXPECT_EQ(*a.fund_rows[i].score, *b.fund_rows[i].score) << i;
      }
    }
    for (size_t i = 0; i < a.leaves.size(); ++i) {
      EXPECT_EQ(a.leaves[i].accepted.has_value(), b.leaves[i].accepted.has_value()) << i;
      if (a.leaves[i].accepted && b.leaves[i].accepted) {
        EXPECT_EQ(*a.leaves[i].accepted, *b.leaves[i].accepted) << i;
      }
      EXPECT_EQ(a.leaves[i].coefficient.has_value(), b.leaves[i].coefficient.has_value()) << i;
    }
  }

  // The form's own column headers, read by python from the written file.
  void ExpectHeadersRead(const std::string& bytes, const std::string& name,
                         const std::string& module) {
    if (Shell("/usr/bin/python3 -c 'import " + module + "' >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "/usr/bin/python3 with " << module << " is absent";
    }
    const fs::path file = dir_ / name;
    std::ofstream(file.string(), std::ios::binary) << bytes;
    std::ofstream((dir_ / "read.py").string()) << kPythonReader;
    bool ok = false;
    const std::string out = Capture("/usr/bin/python3 '" + (dir_ / "read.py").string() + "' '" +
                                        file.string() + "' '" + form_.evaluation.sheet_name + "'",
                                    &ok);
    ASSERT_TRUE(ok) << out;
    const nlohmann::json rows = nlohmann::json::parse(out);
    std::string all;
    for (const auto& row : rows) {
      for (const auto& cell : row) {
        // A heading may be broken into lines to fit its column: read it whole.
        std::string text = cell.get<std::string>();
        text.erase(std::remove(text.begin(), text.end(), '\n'), text.end());
        all += text + "\n";
      }
    }
    for (const FormColumn& c : form_.evaluation.funds_columns) {
      EXPECT_NE(all.find(c.header), std::string::npos) << name << " lacks " << c.header;
    }
    for (const FormColumn& c : form_.evaluation.leaf_columns) {
      EXPECT_NE(all.find(c.header), std::string::npos) << name << " lacks " << c.header;
    }
    if (module == "openpyxl") {
      // The 总分 row's cached score is the package's total.
      bool found = false;
      const Decimal total = *NumberOfCell(prepared_.package.evaluation.total_score);
      for (const auto& row : rows) {
        if (row.empty() || row[0].get<std::string>() != form_.evaluation.total_label) continue;
        for (const auto& cell : row) {
          const auto v = Decimal::Parse(cell.get<std::string>());
          found = found || (v && *v == total);
        }
      }
      EXPECT_TRUE(found) << "no 总分 " << total.ToString() << " in " << out;
    }
  }

  static std::optional<Decimal> NumberOfCell(const Cell& c) {
    if (c.has_number()) return c.value;
    return Decimal::FromInt(-1);
  }

  Package fixture_;
  Form form_;
  Rulebook rb_;
  PreparedPackage prepared_;
  RenderDocument doc_;
  ImportOptions options_;
  fs::path dir_;
};

TEST_P(FormRoundTrip, WordComesBackInTheSameFormWithTheSameFiguresAndScores) {
  Result<std::string> docx = WriteDocx(doc_);
  ASSERT_TRUE(docx.ok()) << docx.status().message();
  const LoadedPackage back = Import(*docx, "form.docx");
  ExpectFormChosen(back);
  testing::ExpectSameFigures(back.package, prepared_.package, /*exact_scale=*/true);
  ExpectSameScores(back.package);
  ExpectHeadersRead(*docx, "read.docx", "docx");
}

TEST_P(FormRoundTrip, ExcelComesBackInTheSameFormWithTheSameFiguresAndScores) {
  Result<std::string> xlsx = WriteXlsxBytes(doc_, {});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  const LoadedPackage back = Import(*xlsx, "form.xlsx");
  ExpectFormChosen(back);
  testing::ExpectSameFigures(back.package, testing::WorkbookPart(prepared_.package),
                             /*exact_scale=*/false);
  ExpectSameScores(back.package);
  ExpectHeadersRead(*xlsx, "read.xlsx", "openpyxl");
}

// The package's JSON keeps the form, and a package naming it renders in it by default.
TEST_P(FormRoundTrip, PackageNamesItsForm) {
  const Result<Package> json = ParsePackageJson(WritePackageJson(fixture_), "p.json");
  ASSERT_TRUE(json.ok()) << json.status().message();
  EXPECT_EQ(json->form, GetParam());
  Result<Form> named = ResolveFormForPackage(json->form, "p.json");
  ASSERT_TRUE(named.ok()) << named.status().message();
  EXPECT_EQ(named->id, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Forms, FormRoundTrip,
                         ::testing::Values("national-101-2021", "anhui-2022", "guizhou-2021",
                                           "chongqing-2021"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name;
                           for (const char* c = info.param; *c; ++c) {
                             if (*c != '-') name += *c;
                           }
                           return name;
                         });

}  // namespace
}  // namespace jixiao
