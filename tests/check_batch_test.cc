// `jixiao check` over many files: the threads (--jobs) change nothing in what is printed — the
// same diagnostics in the order of the files, the same summary line, the same JSON, the same exit
// code — and an unreadable file among them is named where it stands. A single large package,
// which the light binary checks after running itself again with its allocator readied for huge
// pages (src/cli/main.cc, RerunWithLargePages), prints the same as when it does not.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>

#include "tests/cli_run.h"

namespace jixiao::testing {
namespace {

// Eight packages: the corrected example, the seed as filed (with its findings), and copies of
// both with a changed unit name, so that their diagnostics differ; one broken file in the middle.
std::string MakeBatch(const TempFolder& dir) {
  const std::string clean = ReadWhole(SourceDir() + "/examples/lingling-kexie-2024-corrected.json");
  const std::string filed = ReadWhole(SourceDir() + "/examples/lingling-kexie-2024.json");
  std::string args;
  for (int i = 0; i < 8; ++i) {
    std::string text = i % 2 == 0 ? clean : filed;
    if (i >= 4) {
      nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);
      j["unit"]["name"] = "测试单位" + std::to_string(i);
      text = j.dump(1);
    }
    args += " '" + dir.Put("p" + std::to_string(i) + ".json", text) + "'";
    if (i == 4) args += " '" + dir.Put("broken.json", "{\"schema\": ") + "'";
  }
  return args;
}

TEST(CheckBatch, ThreadsChangeNothingInTheOutput) {
  TempFolder dir;
  const std::string files = MakeBatch(dir);
  for (const std::string format : {"text", "brief", "json"}) {
    const CliRun one =
        RunJixiao("check" + files + " --format " + format + " --jobs 1 --lang en", dir);
    const CliRun four =
        RunJixiao("check" + files + " --format " + format + " --jobs 4 --lang en", dir);
    EXPECT_EQ(one.code, 2) << one.err;  // the broken file
    EXPECT_EQ(four.code, one.code);
    EXPECT_EQ(four.out, one.out) << format;
    EXPECT_EQ(four.err, one.err) << format;
    EXPECT_NE(one.err.find("broken.json"), std::string::npos) << one.err;
    if (format == "json") {
      // The array is the one nlohmann writes, diagnostics of every file in file order.
      const nlohmann::ordered_json all = nlohmann::ordered_json::parse(one.out);
      ASSERT_TRUE(all.is_array());
      ASSERT_FALSE(all.empty());
      EXPECT_EQ(one.out, all.dump(2) + "\n");
      std::string last_file;
      int files_seen = 0;
      for (const auto& d : all) {
        const std::string file = d.value("file", "");
        if (file != last_file) ++files_seen;
        ASSERT_GE(file, last_file) << "out of order";
        last_file = file;
      }
      EXPECT_EQ(files_seen, 8);
    } else {
      EXPECT_NE(one.out.find("8 files (1 more unreadable)"), std::string::npos) << one.out;
    }
  }
}

TEST(CheckBatch, AnEmptyJsonResultIsAnEmptyArray) {
  TempFolder dir;
  const CliRun r = RunJixiao(
      "check examples/lingling-kexie-2024-corrected.json examples/"
      "lingling-kexie-2024-corrected.json --format json --min-severity error --jobs 2",
      dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "[]\n");
}

// 72 files (the same eight and one broken, nine times): one thread and two print the same and
// exit the same, in the files' order.
TEST(CheckBatch, ABigBatchPrintsTheSameOnOneThreadAndOnTwo) {
  TempFolder dir;
  std::string files;
  for (int i = 0; i < 9; ++i) files += MakeBatch(dir);
  const auto run = [&](int jobs) {
    const std::string out = dir / "out.txt", err = dir / "err.txt";
    const std::string cmd = "cd '" + SourceDir() + "' && '" + JIXIAO_BINARY + "' check" + files +
                            " --format brief --lang en --jobs " + std::to_string(jobs) + " >'" +
                            out + "' 2>'" + err + "'";
    const int status = std::system(cmd.c_str());
    return std::make_tuple(WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadWhole(out),
                           ReadWhole(err));
  };
  const auto one = run(1);
  const auto two = run(2);
  EXPECT_EQ(std::get<0>(one), 2);  // the broken files
  EXPECT_EQ(one, two);
  EXPECT_NE(std::get<1>(one).find("72 files (9 more unreadable)"), std::string::npos)
      << std::get<1>(one);
}

// The example with its report's first section repeated until the file is about 60 KB: large
// enough (128 times its size is over 4 MB) for `check` to run again with
// MIMALLOC_LARGE_OS_PAGES=1; with the variable already set it does not. Both print the same and
// exit the same.
TEST(CheckBatch, ALargePackageChecksTheSameWithHugePages) {
  TempFolder dir;
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(ReadWhole(SourceDir() + "/examples/lingling-kexie-2024.json"));
  std::string& text = j["report"]["sections"][0]["text"].get_ref<std::string&>();
  const std::string once = text;
  while (text.size() < 40000) text += "\n" + once;
  const std::string file = dir.Put("large.json", j.dump(1));
  ASSERT_GT(ReadWhole(file).size(), size_t{40000});
  const auto run = [&](const std::string& env) {
    const std::string out = dir / "out.txt", err = dir / "err.txt";
    const std::string cmd = "cd '" + SourceDir() + "' && " + env + " '" + JIXIAO_BINARY +
                            "' check '" + file + "' --format brief --lang en >'" + out + "' 2>'" +
                            err + "'";
    const int status = std::system(cmd.c_str());
    return std::make_tuple(WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadWhole(out),
                           ReadWhole(err));
  };
  const auto readied = run("env -u MIMALLOC_LARGE_OS_PAGES");
  const auto as_set = run("MIMALLOC_LARGE_OS_PAGES=0");
  EXPECT_EQ(std::get<0>(readied), 1);  // the example as filed has findings
  EXPECT_EQ(readied, as_set);
  EXPECT_NE(std::get<1>(readied).find("large.json"), std::string::npos) << std::get<1>(readied);
}

}  // namespace
}  // namespace jixiao::testing
