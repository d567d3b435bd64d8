// Inputs that are not documents, and the names an import records: a folder says it is a
// folder; JSON that is not an object says "JSON, but not a package" instead of going to the
// recognizer; the package's provenance keeps a file name as it was given (a relative path stays
// relative), for text, Word, and a file LibreOffice converts first (an .odt; skipped with the
// reason where LibreOffice or python3-docx is absent).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/lang.h"
#include "import/importer.h"
#include "office/libreoffice.h"
#include "tests/package_text.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

class ImportInputs : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jixiao-inputs-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // A path to `file` relative to the current folder, as a clerk would type it.
  static std::string Relative(const fs::path& file) {
    return fs::relative(file, fs::current_path()).string();
  }
  // Every file name the import recorded: provenance and notes.
  static void ExpectRecordedAs(const LoadedPackage& l, const std::string& given) {
    ASSERT_FALSE(l.package.provenance.empty());
    for (const auto& [pointer, ref] : l.package.provenance) {
      EXPECT_EQ(ref.file, given) << pointer;
    }
    for (const Diagnostic& d : l.import.notes) {
      if (d.location.source) {
        EXPECT_EQ(d.location.source->file, given) << d.code;
      }
    }
  }
  fs::path dir_;
};

TEST_F(ImportInputs, AFolderSaysItIsAFolder) {
  const std::string folder = dir_.string();
  Result<LoadedPackage> r = LoadAnyPackage(folder);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), folder +
                                      ": a folder, not a file; name the file inside it to "
                                      "import (e.g. " +
                                      folder + "/report.docx)");
  const ScopedMessageLanguage zh(Lang::kZh);
  EXPECT_EQ(LoadAnyPackage(folder).status().message(),
            folder + "：这是一个文件夹，不是文件；请给出文件夹里要导入的文件（如 " + folder +
                "/自评报告.docx）");
}

TEST_F(ImportInputs, JsonThatIsNotAnObjectIsNotAPackage) {
  const struct {
    const char* json;
    const char* en;
    const char* zh;
  } cases[] = {
      {"[1, 2, 3]\n", "an array", "数组"},
      {"  42", "a number", "数字"},
      {"\xef\xbb\xbf\"预算\"", "a string", "字符串"},
      {"-0.5e3", "a number", "数字"},
      {"true", "a boolean", "布尔值"},
  };
  for (const auto& c : cases) {
    Result<LoadedPackage> r = LoadPackageBytes(c.json, "x.json");
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.status().message(), std::string("x.json: JSON, but not a package (") + c.en +
                                        "; a package is a JSON object {…})");
    const ScopedMessageLanguage zh(Lang::kZh);
    EXPECT_EQ(LoadPackageBytes(c.json, "x.json").status().message(),
              std::string("x.json：是 JSON，但不是绩效自评数据包（内容是") + c.zh +
                  "，数据包应是一个 JSON 对象 {…}）");
  }
  // Text that merely starts like JSON is text.
  Result<LoadedPackage> text = LoadPackageBytes("[1] 号文件\n" + testing::PackageText(), "t.txt");
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(text->format, DocumentFormat::kText);
}

TEST_F(ImportInputs, FileNamesAreRecordedAsGiven) {
  const fs::path file = dir_ / "自评材料.txt";
  std::ofstream(file, std::ios::binary) << testing::PackageText();
  const std::string given = Relative(file);
  ASSERT_TRUE(fs::path(given).is_relative()) << given;
  Result<LoadedPackage> l = LoadAnyPackage(given);
  ASSERT_TRUE(l.ok()) << l.status().message();
  ExpectRecordedAs(*l, given);
}

TEST_F(ImportInputs, FileNamesAreRecordedAsGivenForWordAndLibreOffice) {
  if (!fs::exists("/usr/bin/python3") ||
      std::system("/usr/bin/python3 -c 'import docx' 2>/dev/null") != 0) {
    GTEST_SKIP() << "python3-docx is absent";
  }
  std::ofstream(dir_ / "make.py") << R"(
import docx
d = docx.Document()
d.add_paragraph("附件1 2023年度部门整体支出绩效评价基础数据表")
rows = [("经费控制情况（万元）", "2022年决算数", "2023年预算数", "2023年决算数"),
        ("三公经费", "1.20", "1.10", "1.05"), ("      3.公务接待", "1.20", "1.10", "1.05")]
t = d.add_table(rows=len(rows), cols=4)
for r, row in enumerate(rows):
    for c, text in enumerate(row):
        t.cell(r, c).text = text
d.add_paragraph("一、基本情况")
d.add_paragraph("本年度三公经费1.05万元。")
d.save("p.docx")
)";
  ASSERT_EQ(std::system(("cd '" + dir_.string() + "' && /usr/bin/python3 make.py").c_str()), 0);
  const std::string docx = Relative(dir_ / "p.docx");
  Result<LoadedPackage> l = LoadAnyPackage(docx);
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->format, DocumentFormat::kDocx);
  ExpectRecordedAs(*l, docx);

  if (FindSoffice().empty()) GTEST_SKIP() << "LibreOffice (soffice) is absent";
  const std::string d = dir_.string();
  ASSERT_EQ(std::system(("cd '" + d + "' && soffice -env:UserInstallation=file://" + d +
                         "/profile --headless --convert-to odt p.docx >/dev/null 2>&1")
                            .c_str()),
            0);
  const std::string odt = Relative(dir_ / "p.odt");
  l = LoadAnyPackage(odt);
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->format, DocumentFormat::kOdt);
  ExpectRecordedAs(*l, odt);
  for (const std::string& line : l->import.recognised) {
    EXPECT_EQ(line.find(fs::temp_directory_path().string()), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace jixiao
