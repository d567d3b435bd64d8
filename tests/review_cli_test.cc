// `jixiao review` end to end through the binary: a folder of packages (one unreadable), the
// workbook read back by openpyxl (an independent reader), the CSV, a sample drawn again with the
// same seed, and usage errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli_run.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

using testing::CliRun;
using testing::ReadWhole;
using testing::RunJixiao;
using testing::TempFolder;

TEST(ReviewCli, RanksWritesAndDrawsAgain) {
  TempFolder dir;
  namespace fs = std::filesystem;
  fs::create_directories(dir.path() / "in" / "sub");
  fs::copy_file(testing::ExamplePath(), dir.path() / "in" / "a.json");
  fs::copy_file(testing::SourceDir() + "/examples/lingling-kexie-2024-corrected.json",
                dir.path() / "in" / "sub" / "b.json");
  dir.Put("in/broken.json", "{\"schema\": ");
  dir.Put("in/notes.md", "not a package");  // not a package file: not read
  const std::string args = "review '" + (dir / "in") + "' -o '" + (dir / "out/summary.xlsx") +
                           "' --sample 2 --seed 11 --deadline 2025-06-30";
  CliRun r = RunJixiao(args, dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("1. 风险 17 永州市零陵区科学技术协会  2024"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("审阅 3 个文件（1 个无法读取）"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("随机种子 11"), std::string::npos) << r.out;

  const std::string csv = ReadWhole(dir.path() / "out" / "summary.csv");
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF排名,文件,单位", 0), 0u);
  const size_t a = csv.find("\r\n1,");
  const size_t b = csv.find("\r\n2,");
  const size_t broken = csv.find("broken.json");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(broken, std::string::npos);
  EXPECT_LT(a, b);
  EXPECT_LT(b, broken);  // the unreadable last, with its reason
  EXPECT_NE(csv.find("a.json", a), std::string::npos);

  // The workbook as another program reads it.
  bool ok = false;
  const std::string read = testing::Capture(
      "/usr/bin/python3 -c 'import openpyxl,sys; wb = openpyxl.load_workbook(sys.argv[1]); "
      "print(wb.sheetnames); s = wb[\"汇总\"]; print(s[\"A2\"].value, s[\"F2\"].value, "
      "s[\"H2\"].value, s[\"M2\"].value); print(wb[\"抽评样本\"][\"B3\"].value)' '" +
          (dir / "out/summary.xlsx") + "' 2>/dev/null",
      &ok);
  if (!ok) GTEST_SKIP() << "python3-openpyxl is absent under /usr/bin/python3";
  EXPECT_EQ(read, "['汇总', '风险信号', '抽评样本']\n1 99.8 98.25 17\n风险\n");

  // The same files and seed: the same sample.
  CliRun again = RunJixiao(args, dir);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(ReadWhole(dir.path() / "out" / "summary.csv"), csv);
}

TEST(ReviewCli, UsageErrors) {
  TempFolder dir;
  CliRun r = RunJixiao("review examples -o '" + (dir / "s.xlsx") + "' --deadline 2025-13-40", dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--deadline 应为 年-月-日"), std::string::npos) << r.err;
  r = RunJixiao("review '" + (dir / "nothing-here") + "' -o '" + (dir / "s.xlsx") + "'", dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("找不到"), std::string::npos) << r.err;
  dir.Put("empty/readme.md", "x");
  r = RunJixiao("review '" + (dir / "empty") + "' -o '" + (dir / "s.xlsx") + "'", dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("没有找到数据包"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace jixiao
