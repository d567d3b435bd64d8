// The command line never loses a clerk's file, end to end through the binary: no output replaces
// an input (also through a link), writes are whole or not at all (a full disk, a read-only
// folder, a format that cannot be written), rulebooks named by a package are refused when they
// are not small regular files while the other packages of the run go on, and `-` reads standard
// input or writes standard output.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli_run.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using testing::CliRun;
using testing::ReadWhole;
using testing::RunJixiao;
using testing::TempFolder;

std::vector<std::string> Names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The bundled example rendered as a DOCX, as a clerk would have it: TMP/自评.docx.
std::string ClerksDocx(const TempFolder& tmp) {
  const CliRun r = RunJixiao(
      "render examples/lingling-kexie-2024.json --to docx -o '" + (tmp / "made") + "'", tmp);
  EXPECT_EQ(r.code, 0) << r.err;
  const std::string docx = tmp / "自评.docx";
  fs::rename(tmp / "made/lingling-kexie-2024.docx", docx);
  fs::remove_all(tmp / "made");
  return docx;
}

TEST(CliSafety, RenderRefusesToReplaceTheDocumentItReads) {
  TempFolder tmp;
  const std::string docx = ClerksDocx(tmp);
  const std::string before = ReadWhole(docx);
  const CliRun r =
      RunJixiao("render '" + docx + "' --to docx -o '" + tmp.path().string() + "'", tmp);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("就是输入文件 " + docx), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("-o"), std::string::npos) << r.err;
  EXPECT_EQ(ReadWhole(docx), before);
  EXPECT_EQ(Names(tmp.path()), std::vector<std::string>{"自评.docx"});
}

TEST(CliSafety, RenderSeesTheInputThroughALinkedFolder) {
  TempFolder tmp;
  const std::string docx = ClerksDocx(tmp);
  const std::string before = ReadWhole(docx);
  fs::create_directory_symlink(tmp.path(), tmp / "same");
  const CliRun r =
      RunJixiao("--lang en render '" + docx + "' --to html,docx -o '" + (tmp / "same") + "'", tmp);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("is the input " + docx), std::string::npos) << r.err;
  EXPECT_EQ(ReadWhole(docx), before);
  EXPECT_FALSE(fs::exists(tmp / "自评.html"));  // nothing at all was written
}

TEST(CliSafety, RenderToJsonBesideThePackageIsRefused) {
  TempFolder tmp;
  const std::string pkg = tmp / "pkg.json";
  fs::copy_file(testing::ExamplePath(), pkg);
  const std::string before = ReadWhole(pkg);
  const CliRun r =
      RunJixiao("render '" + pkg + "' --to json -o '" + tmp.path().string() + "'", tmp);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(ReadWhole(pkg), before);
}

TEST(CliSafety, ImportRefusesToWriteOverItsInputAlsoThroughASymlink) {
  TempFolder tmp;
  const std::string docx = ClerksDocx(tmp);
  const std::string before = ReadWhole(docx);
  CliRun r = RunJixiao("import '" + docx + "' -o '" + docx + "'", tmp);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(ReadWhole(docx), before);
  fs::create_symlink(docx, tmp / "link.json");
  r = RunJixiao("import '" + docx + "' -o '" + (tmp / "link.json") + "'", tmp);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(ReadWhole(docx), before);
  // A rulebook file given with --rulebook is an input too.
  const std::string rulebook = tmp / "rules.toml";
  fs::copy_file(testing::SourceDir() + "/rulebooks/national.toml", rulebook);
  r = RunJixiao("import '" + docx + "' --rulebook '" + rulebook + "' -o '" + rulebook + "'", tmp);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(ReadWhole(rulebook), ReadWhole(testing::SourceDir() + "/rulebooks/national.toml"));
}

// A tmpfs of `kib` KiB at `at`, or false where the machine does not allow mounting.
bool MountSmallDisk(const std::string& at, int kib) {
  fs::create_directories(at);
  const std::string options = "size=" + std::to_string(kib) + "k";
  return ::mount("tmpfs", at.c_str(), "tmpfs", 0, options.c_str()) == 0;
}

TEST(CliSafety, AFullDiskKeepsThePreviousPackageWholeAndLeavesNoPartialFile) {
  TempFolder tmp;
  const std::string docx = ClerksDocx(tmp);
  const std::string disk = tmp / "disk";
  if (!MountSmallDisk(disk, 16)) GTEST_SKIP() << "this machine does not allow mounting a tmpfs";
  const std::string pkg = disk + "/pkg.json";
  std::ofstream(pkg) << "{\"fiscal_year\": 2024}\n";
  const CliRun r = RunJixiao("import '" + docx + "' -o '" + pkg + "'", tmp);
  const std::string after = ReadWhole(pkg);  // read before the disk goes away
  const std::vector<std::string> names = Names(disk);
  ::umount2(disk.c_str(), MNT_DETACH);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.err.find("无法写入 " + pkg + "：磁盘空间不足"), std::string::npos) << r.err;
  EXPECT_EQ(after, "{\"fiscal_year\": 2024}\n");
  EXPECT_EQ(names, std::vector<std::string>{"pkg.json"});
}

TEST(CliSafety, AReadOnlyFolderLeavesEveryRenderedFileAsItWas) {
  TempFolder tmp;
  const std::string disk = tmp / "ro";
  if (!MountSmallDisk(disk, 4096)) GTEST_SKIP() << "this machine does not allow mounting a tmpfs";
  std::ofstream(disk + "/lingling-kexie-2024.html") << "old page";
  ::mount("tmpfs", disk.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr);
  const CliRun r = RunJixiao(
      "--lang en render examples/lingling-kexie-2024.json --to docx,html -o '" + disk + "'", tmp);
  const std::string page = ReadWhole(disk + "/lingling-kexie-2024.html");
  const std::vector<std::string> names = Names(disk);
  ::umount2(disk.c_str(), MNT_DETACH);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("Read-only file system"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no file was written"), std::string::npos) << r.err;
  EXPECT_EQ(page, "old page");
  EXPECT_EQ(names, std::vector<std::string>{"lingling-kexie-2024.html"});
}

TEST(CliSafety, AFormatThatCannotBeWrittenStopsTheOthersToo) {
  TempFolder tmp;
  const std::string out = tmp / "out";
  fs::create_directories(out + "/lingling-kexie-2024.html");  // a folder where the page goes
  std::ofstream(out + "/lingling-kexie-2024.docx") << "the clerk's old document";
  const CliRun r = RunJixiao(
      "render examples/lingling-kexie-2024.json --to docx,html,json -o '" + out + "'", tmp);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("没有写入任何文件"), std::string::npos) << r.err;
  EXPECT_EQ(ReadWhole(out + "/lingling-kexie-2024.docx"), "the clerk's old document");
  EXPECT_EQ(Names(out),
            (std::vector<std::string>{"lingling-kexie-2024.docx", "lingling-kexie-2024.html"}));
}

// The example naming `rulebook` as its rulebook, written as TMP/name.
std::string PackageNaming(const TempFolder& tmp, const std::string& name,
                          const std::string& rulebook) {
  auto j = nlohmann::ordered_json::parse(ReadWhole(testing::ExamplePath()));
  j["rulebook"] = rulebook;
  return tmp.Put(name, j.dump(2));
}

TEST(CliSafety, RulebooksNamedByAPackageMustBeSmallRegularFiles) {
  TempFolder tmp;
  fs::create_directories(tmp / "folder.toml");
  const std::string fifo = tmp / "pipe.toml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  { std::ofstream big(tmp / "big.toml"); }
  fs::resize_file(tmp / "big.toml", 100u << 20);
  const std::string good = PackageNaming(tmp, "good.json", "hunan-lingling");
  fs::create_symlink("/dev/zero", tmp / "zero.toml");
  fs::create_symlink("/dev/stdin", tmp / "stdin.toml");
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"zero.json", "zero.toml"},    {"stdin.json", "stdin.toml"}, {"folder.json", "folder.toml"},
      {"fifo.json", "pipe.toml"},    {"big.json", "big.toml"},     {"passwd.json", "/etc/passwd"},
      {"devzero.json", "/dev/zero"}, {"up.json", "../rules.toml"}};
  std::string args = "check '" + good + "'";
  for (const auto& [name, rulebook] : bad) args += " '" + PackageNaming(tmp, name, rulebook) + "'";
  args += " '" + good + "'";
  // `timeout`: a rulebook read from a FIFO or a terminal must not hang the run.
  const CliRun r = RunJixiao("--lang en " + args + " </dev/null", tmp);
  EXPECT_EQ(r.code, 2);
  // Both good packages were checked and summed up.
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n') > 10, true) << r.out;
  EXPECT_NE(r.out.find("2 files (8 more unreadable)"), std::string::npos) << r.out;
  for (const auto& [name, rulebook] : bad) {
    EXPECT_NE(r.err.find(tmp / name), std::string::npos) << name << "\n" << r.err;
  }
  EXPECT_NE(r.err.find("device"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Is a directory"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("FIFO"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("104857600"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("a package may name only a bundled id or a file in its own folder"),
            std::string::npos)
      << r.err;
}

TEST(CliSafety, ARulebookPathIsReadRelativeToThePackage) {
  TempFolder tmp;
  tmp.Put("rules/mine.toml", ReadWhole(testing::SourceDir() + "/rulebooks/hunan-lingling.toml"));
  const std::string pkg = PackageNaming(tmp, "pkg.json", "rules/mine.toml");
  const CliRun r = RunJixiao("score '" + pkg + "'", tmp);  // run from the source folder
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST(CliSafety, DashReadsStandardInputAndWritesStandardOutput) {
  TempFolder tmp;
  CliRun r = RunJixiao("--lang en check - < examples/lingling-kexie-2024.json", tmp);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("X702"), std::string::npos);
  const std::string docx = ClerksDocx(tmp);
  r = RunJixiao("import - -o - < '" + docx + "'", tmp);
  EXPECT_EQ(r.code, 0) << r.err;
  const auto package = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(package.is_discarded()) << r.out.substr(0, 200);
  EXPECT_EQ(package["evaluation"]["funds"]["executed"], "124.88");
  EXPECT_NE(r.err.find("已识别"), std::string::npos) << r.err;  // the summary, on stderr
  r = RunJixiao("render examples/lingling-kexie-2024.json --to json -o -", tmp);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out, nullptr, false).is_discarded());
  r = RunJixiao("render examples/lingling-kexie-2024.json --to json,html -o -", tmp);
  EXPECT_EQ(r.code, 2);
}

TEST(CliSafety, VersionSuggestionsAndOptionsOfAnotherCommand) {
  TempFolder tmp;
  CliRun r = RunJixiao("--version", tmp);
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("jixiao ", 0), 0u) << r.out;
  r = RunJixiao("chek examples/lingling-kexie-2024.json", tmp);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "jixiao：没有命令“chek”。您是不是要用“check”？\n");
  r = RunJixiao("--lang en rendr x", tmp);
  EXPECT_EQ(r.err, "jixiao: there is no command \"rendr\". Did you mean \"render\"?\n");
  r = RunJixiao("score examples/lingling-kexie-2024.json --scope tables", tmp);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "jixiao：选项 --scope 不适用于 score 命令；只有 check 命令接受它\n");
  r = RunJixiao("--lang en check examples/lingling-kexie-2024.json --fromat brief", tmp);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "jixiao: there is no option --fromat. Did you mean --format?\n");
  r = RunJixiao("render examples/lingling-kexie-2024.json -o out --format brief", tmp);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("brief"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace jixiao
