// Word 97-2003 (.doc), Excel 97-2003 (.xls) and OpenDocument (.odt, .ods) files: told apart by
// content, refused with a clear message when they cannot be read (password-protected, neither
// Word nor Excel, LibreOffice missing), and otherwise read through LibreOffice. The files are
// made by LibreOffice itself from the worked example's rendered DOCX and XLSX, as a unit on
// the old formats or on an ODF office suite would hand them in, and must import back to the
// same package. The LibreOffice parts skip, saying why, when it is not installed.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "import/importer.h"
#include "office/libreoffice.h"
#include "render/docx_writer.h"
#include "render/xlsx_writer.h"
#include "tests/example_documents.h"
#include "tests/package_compare.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

// The first bytes of an OLE compound file whose directory names `stream`.
std::string CompoundFile(const std::string& stream) {
  std::string bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  bytes.resize(1024, '\0');
  for (char c : std::string("Root Entry")) bytes += {c, '\0'};
  bytes += std::string(4, '\0');
  for (char c : stream) bytes += {c, '\0'};
  bytes += std::string(64, '\0');
  return bytes;
}

TEST(LegacyOffice, CompoundFilesAreToldApartByTheirStreams) {
  EXPECT_EQ(DetectFormat(CompoundFile("WordDocument")), DocumentFormat::kDoc);
  EXPECT_EQ(DetectFormat(CompoundFile("Workbook")), DocumentFormat::kXls);
  EXPECT_EQ(DetectFormat(CompoundFile("Book")), DocumentFormat::kXls);
  EXPECT_EQ(DetectFormat(CompoundFile("EncryptedPackage")), DocumentFormat::kEncrypted);
  EXPECT_EQ(DetectFormat(CompoundFile("PowerPoint Document")), DocumentFormat::kOtherCompound);
  EXPECT_EQ(DetectFormat(std::string("\xD0\xCF\x11\xE0", 4)), DocumentFormat::kText);
  EXPECT_EQ(DocumentFormatName(DocumentFormat::kDoc), "doc");
  EXPECT_EQ(DocumentFormatName(DocumentFormat::kXls), "xls");
  EXPECT_EQ(DocumentFormatName(DocumentFormat::kOdt), "odt");
  EXPECT_EQ(DocumentFormatName(DocumentFormat::kOds), "ods");
}

TEST(LegacyOffice, UnreadableCompoundFilesAreRefusedWithTheReason) {
  Result<FlatDocument> doc = ReadDocument(CompoundFile("EncryptedPackage"), "a.docx");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "a.docx: a password-protected Office file; open it, remove the password (文件 → 信息 "
            "→ 保护文档/保护工作簿 → 用密码进行加密, clear it) and save it again");
  doc = ReadDocument(CompoundFile("PowerPoint Document"), "a.ppt");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "a.ppt: an Office 97-2003 file that is neither a Word document nor an Excel workbook");
}

TEST(LegacyOffice, WithoutLibreOfficeTheMessageSaysWhatToDo) {
  const fs::path empty =
      fs::temp_directory_path() / ("jixiao-nopath-" + std::to_string(::getpid()));
  fs::create_directories(empty);
  Result<FlatDocument> doc = [&] {
    testing::PathOverride path(empty.string());
    return ReadDocument(CompoundFile("WordDocument"), "old.doc");
  }();
  fs::remove_all(empty);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(doc.status().message(),
            "old.doc: a Word 97-2003 document (.doc): LibreOffice (soffice) is not installed; "
            "reading Word 97-2003 (.doc) files needs it (scripts/install-deps.sh installs "
            "libreoffice-writer-nogui); save it as .docx in Word, or install LibreOffice");
}

class LegacyOfficeRoundTrip : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (FindSoffice().empty()) {
      skip_ = "LibreOffice (soffice) is absent; scripts/install-deps.sh installs it";
      return;
    }
    Result<testing::ComposedExample> example = testing::ComposeCorrectedExample();
    ASSERT_TRUE(example.ok()) << example.status().message();
    prepared_ = new PreparedPackage(example->prepared);
    const RenderDocument* doc = &example->document;

    dir_ = fs::temp_directory_path() / ("jixiao-legacy-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Result<std::string> docx = WriteDocx(*doc);
    ASSERT_TRUE(docx.ok()) << docx.status().message();
    std::ofstream(dir_ / "example.docx", std::ios::binary) << *docx;
    ASSERT_TRUE(WriteXlsx(*doc, {}, (dir_ / "example.xlsx").string()).ok());
  }
  static void TearDownTestSuite() {
    if (!dir_.empty()) fs::remove_all(dir_);
    delete prepared_;
    prepared_ = nullptr;
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
  }

  // example.docx or example.xlsx saved by LibreOffice with `filter` ("doc:MS Word 97");
  // returns the new file's path (each test makes only the file it reads).
  static std::string Convert(const std::string& filter, const std::string& source) {
    const std::string d = dir_.string();
    EXPECT_EQ(std::system(("cd '" + d + "' && soffice -env:UserInstallation=file://" + d +
                           "/profile --headless --convert-to '" + filter + "' --outdir '" + d +
                           "' " + source + " >/dev/null 2>&1")
                              .c_str()),
              0);
    return (dir_ / fs::path(source).replace_extension(filter.substr(0, filter.find(':')))).string();
  }

  // A document converted from example.docx imports to the package it was composed from.
  static void ExpectDocumentBack(const std::string& path, DocumentFormat format) {
    Result<LoadedPackage> back = LoadAnyPackage(path);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(back->format, format);
    for (const Diagnostic& note : back->import.notes) {
      ADD_FAILURE() << note.code << ": " << note.message_en;
    }
    const Package& expected = prepared_->package;
    testing::ExpectSameFigures(back->package, expected, /*exact_scale=*/true);
    testing::ExpectSameReport(back->package, expected, /*texts=*/true);
    EXPECT_EQ(back->package.evaluation.goals.achieved, expected.evaluation.goals.achieved);
  }

  // A workbook converted from example.xlsx gives the figures of both tables back, as the XLSX
  // does (testing::WorkbookPart).
  static void ExpectWorkbookBack(const std::string& path, DocumentFormat format) {
    Result<LoadedPackage> back = LoadAnyPackage(path);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(back->format, format);
    ASSERT_EQ(back->import.notes.size(), 1u) << back->import.notes[1].message_en;
    EXPECT_EQ(back->import.notes[0].code, "I603");  // no report in a workbook
    const Package expected = testing::WorkbookPart(prepared_->package);
    testing::ExpectSameFigures(back->package, expected, /*exact_scale=*/false);
    EXPECT_EQ(back->package.evaluation.goals.achieved, expected.evaluation.goals.achieved);
  }

  static inline std::string skip_;
  static inline fs::path dir_;
  static inline PreparedPackage* prepared_ = nullptr;
};

TEST_F(LegacyOfficeRoundTrip, WordDocImportsToTheSamePackage) {
  const std::string doc = Convert("doc:MS Word 97", "example.docx");
  std::ifstream in(doc, std::ios::binary);
  char magic[8] = {};
  in.read(magic, 8);
  ASSERT_EQ(std::string(magic, 8), std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
      << "LibreOffice did not write a Word 97-2003 file";
  ExpectDocumentBack(doc, DocumentFormat::kDoc);
}

TEST_F(LegacyOfficeRoundTrip, ExcelXlsImportsTheTablesFigures) {
  ExpectWorkbookBack(Convert("xls:MS Excel 97", "example.xlsx"), DocumentFormat::kXls);
}

TEST_F(LegacyOfficeRoundTrip, OpenDocumentTextImportsToTheSamePackage) {
  ExpectDocumentBack(Convert("odt", "example.docx"), DocumentFormat::kOdt);
}

TEST_F(LegacyOfficeRoundTrip, OpenDocumentSpreadsheetImportsTheTablesFigures) {
  ExpectWorkbookBack(Convert("ods", "example.xlsx"), DocumentFormat::kOds);
}

}  // namespace
}  // namespace jixiao
