// `jixiao import` and `check` on bad input, end to end through the binary: each case gives a
// clear message naming the file (and the part and byte where there is one) and exit 2.
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

class ImportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jixiao-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // A zip with the given members, written by libzip.
  std::string Zip(const std::string& name,
                  const std::vector<std::pair<std::string, std::string>>& members) {
    const std::string path = (dir_ / name).string();
    int error = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    EXPECT_NE(z, nullptr);
    for (const auto& [member, data] : members) {
      zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
      EXPECT_GE(zip_file_add(z, member.c_str(), src, ZIP_FL_OVERWRITE), 0);
    }
    EXPECT_EQ(zip_close(z), 0);
    return path;
  }

  // Runs jixiao; returns the exit code and fills stderr.
  int Jixiao(const std::string& args, std::string* err) {
    const std::string err_file = (dir_ / "stderr").string();
    const std::string cmd = std::string("'") + JIXIAO_BINARY + "' --lang en " + args +
                            " >/dev/null 2>'" + err_file + "'";
    const int status = std::system(cmd.c_str());
    std::ifstream in(err_file);
    std::stringstream ss;
    ss << in.rdbuf();
    *err = ss.str();
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  int Import(const std::string& path, std::string* err) {
    return Jixiao("import '" + path + "' -o '" + (dir_ / "out.json").string() + "'", err);
  }

  fs::path dir_;
};

TEST_F(ImportCli, EmptyFile) {
  std::string err;
  const std::string path = Write("empty.docx", "");
  EXPECT_EQ(Import(path, &err), 2);
  EXPECT_EQ(err, "jixiao: " + path + ": empty file\n");
}

TEST_F(ImportCli, BinaryGarbage) {
  std::string err;
  const std::string path = Write("garbage.xlsx", std::string("\x7f"
                                                             "ELF\0\0\x01",
                                                             7));
  EXPECT_EQ(Import(path, &err), 2);
  EXPECT_EQ(err,
            "jixiao: " + path + ": byte 4: not UTF-8 text (a NUL byte; is this a binary file?)\n");
}

TEST_F(ImportCli, DamagedZip) {
  std::string err;
  const std::string path = Write("damaged.docx", std::string("PK\x03\x04") + std::string(200, 'x'));
  EXPECT_EQ(Import(path, &err), 2);
  EXPECT_NE(err.find(path + ": "), std::string::npos) << err;
  EXPECT_NE(err.find("zip"), std::string::npos) << err;
}

TEST_F(ImportCli, TruncatedZip) {
  std::string err;
  const std::string good = Zip("whole.docx", {{"word/document.xml", std::string(4000, 'a')}});
  std::ifstream in(good, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  const std::string path = Write("truncated.docx", bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(Import(path, &err), 2);
  EXPECT_NE(err.find(path + ": "), std::string::npos) << err;
}

TEST_F(ImportCli, ZipThatIsNeitherWordNorExcel) {
  std::string err;
  const std::string path = Zip("photos.zip", {{"a.txt", "hello"}});
  EXPECT_EQ(Import(path, &err), 2);
  EXPECT_EQ(err, "jixiao: " + path + ": a zip archive that is neither a Word nor an Excel file\n");
}

TEST_F(ImportCli, BrokenXmlInWord) {
  std::string err;
  const std::string path = Zip("broken.docx", {{"word/document.xml", "<w:document><w:body><w:p>"}});
  EXPECT_EQ(Import(path, &err), 2);
  EXPECT_NE(err.find(path + ": word/document.xml: byte "), std::string::npos) << err;
}

TEST_F(ImportCli, BrokenXmlInExcel) {
  std::string err;
  const std::string path = Zip("broken.xlsx", {{"xl/workbook.xml", "<workbook><sheets>"}});
  EXPECT_EQ(Import(path, &err), 2);
  EXPECT_NE(err.find(path + ": xl/workbook.xml: byte "), std::string::npos) << err;
}

TEST_F(ImportCli, CheckAndScoreReportTheSameErrors) {
  std::string err;
  const std::string path = Zip("photos.zip", {{"a.txt", "hello"}});
  EXPECT_EQ(Jixiao("check '" + path + "'", &err), 2);
  EXPECT_NE(err.find("neither a Word nor an Excel file"), std::string::npos);
  EXPECT_EQ(Jixiao("score '" + path + "'", &err), 2);
  EXPECT_NE(err.find("neither a Word nor an Excel file"), std::string::npos);
}

}  // namespace
}  // namespace jixiao
