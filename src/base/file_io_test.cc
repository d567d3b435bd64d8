#include "base/file_io.h"

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/lang.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Put(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// The names in a folder, sorted.
std::vector<std::string> Names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class FileIo : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jixiao-file-io-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!mounted_.empty()) ::umount2(mounted_.c_str(), MNT_DETACH);
    fs::remove_all(dir_);
  }
  // A tmpfs of `kib` KiB at dir_/name, or empty where the machine does not allow mounting.
  fs::path SmallDisk(const std::string& name, int kib) {
    const fs::path at = dir_ / name;
    fs::create_directories(at);
    const std::string options = "size=" + std::to_string(kib) + "k";
    if (::mount("tmpfs", at.c_str(), "tmpfs", 0, options.c_str()) != 0) return {};
    mounted_ = at.string();
    return at;
  }
  fs::path dir_;
  std::string mounted_;
};

TEST_F(FileIo, WritesAndReplacesAFileLeavingNoTemporaryFile) {
  const fs::path p = dir_ / "x.json";
  ASSERT_TRUE(WriteFileAtomically(p.string(), "first").ok());
  ASSERT_TRUE(WriteFileAtomically(p.string(), "second").ok());
  EXPECT_EQ(Slurp(p), "second");
  EXPECT_EQ(Names(dir_), std::vector<std::string>{"x.json"});
}

TEST_F(FileIo, KeepsTheModeOfTheFileItReplaces) {
  const fs::path p = dir_ / "x.json";
  Put(p, "old");
  ::chmod(p.c_str(), 0640);
  ASSERT_TRUE(WriteFileAtomically(p.string(), "new").ok());
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST_F(FileIo, WritesThroughASymbolicLinkAndKeepsTheLink) {
  const fs::path real = dir_ / "real.json";
  const fs::path link = dir_ / "link.json";
  Put(real, "old");
  fs::create_symlink(real, link);
  ASSERT_TRUE(WriteFileAtomically(link.string(), "new").ok());
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Slurp(real), "new");
}

TEST_F(FileIo, AFullDiskLeavesThePreviousFileIntactAndNoPartialFile) {
  const fs::path disk = SmallDisk("disk", 64);
  if (disk.empty()) GTEST_SKIP() << "this machine does not allow mounting a small tmpfs";
  const fs::path p = disk / "pkg.json";
  Put(p, "{\"valid\": true}");
  const std::string big(256 * 1024, 'x');
  ScopedMessageLanguage en(Lang::kEn);
  const Status s = WriteFileAtomically(p.string(), big);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "cannot write " + p.string() + ": No space left on device");
  EXPECT_EQ(Slurp(p), "{\"valid\": true}");
  EXPECT_EQ(Names(disk), std::vector<std::string>{"pkg.json"});
  ScopedMessageLanguage zh(Lang::kZh);
  EXPECT_EQ(WriteFileAtomically(p.string(), big).message(),
            "无法写入 " + p.string() + "：磁盘空间不足");
}

TEST_F(FileIo, AReadOnlyFolderGivesTheSystemsReason) {
  const fs::path disk = SmallDisk("ro", 64);
  if (disk.empty()) GTEST_SKIP() << "this machine does not allow mounting a small tmpfs";
  Put(disk / "pkg.json", "old");
  ASSERT_EQ(::mount("tmpfs", disk.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr), 0);
  ScopedMessageLanguage en(Lang::kEn);
  const Status s = WriteFileAtomically((disk / "pkg.json").string(), "new");
  EXPECT_NE(s.message().find("Read-only file system"), std::string::npos) << s.message();
  EXPECT_EQ(Slurp(disk / "pkg.json"), "old");
}

TEST_F(FileIo, StagedFilesAreRenamedTogetherOrNotAtAll) {
  Put(dir_ / "a.docx", "old a");
  {
    StagedFiles files;
    ASSERT_TRUE(files.Stage((dir_ / "a.docx").string(), "new a").ok());
    ASSERT_TRUE(files.Stage((dir_ / "a.html").string(), "new html").ok());
    EXPECT_EQ(Slurp(dir_ / "a.docx"), "old a");  // nothing replaced before Commit
    // Abandoned when the object ends.
  }
  EXPECT_EQ(Names(dir_), std::vector<std::string>{"a.docx"});
  StagedFiles files;
  ASSERT_TRUE(files.Stage((dir_ / "a.docx").string(), "new a").ok());
  ASSERT_TRUE(files
                  .StageWith((dir_ / "a.xlsx").string(),
                             [](const std::string& tmp) {
                               Put(tmp, "sheet");
                               return Status::Ok();
                             })
                  .ok());
  const StagedFiles::Outcome done = files.Commit();
  EXPECT_TRUE(done.status.ok());
  EXPECT_EQ(done.written.size(), 2u);
  EXPECT_TRUE(done.not_written.empty());
  EXPECT_EQ(Slurp(dir_ / "a.docx"), "new a");
  EXPECT_EQ(Slurp(dir_ / "a.xlsx"), "sheet");
  EXPECT_EQ(Names(dir_), (std::vector<std::string>{"a.docx", "a.xlsx"}));
}

// A pipe (as /dev/null or /dev/stdout are devices) is written into, not replaced by a file,
// and no temporary file is left beside it.
TEST_F(FileIo, AStreamTargetIsWrittenIntoNotReplaced) {
  const fs::path fifo = dir_ / "out.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = Slurp(fifo); });
  const Status s = WriteFileAtomically(fifo.string(), "{\"a\": 1}");
  reader.join();
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(received, "{\"a\": 1}");
  struct stat st {};
  ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_EQ(Names(dir_), std::vector<std::string>{"out.fifo"});
}

TEST_F(FileIo, AWriterThatFailsLeavesNothing) {
  StagedFiles files;
  const Status s = files.StageWith((dir_ / "a.xlsx").string(), [](const std::string& tmp) {
    Put(tmp, "half");
    return Status::IOError("the writer failed");
  });
  EXPECT_EQ(s.message(), "the writer failed");
  EXPECT_TRUE(Names(dir_).empty());
}

TEST_F(FileIo, ATargetThatIsAFolderIsRefused) {
  fs::create_directories(dir_ / "out.json");
  ScopedMessageLanguage en(Lang::kEn);
  EXPECT_EQ(WriteFileAtomically((dir_ / "out.json").string(), "x").message(),
            "cannot write " + (dir_ / "out.json").string() + ": Is a directory");
}

TEST_F(FileIo, SigtermWhileFilesAreStagedEndsTheProcessOnlyAfterTheyAreRemoved) {
  const fs::path target = dir_ / "a.docx";
  Put(target, "old");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    StagedFiles files;
    if (!files.Stage(target.string(), "new").ok()) ::_exit(3);
    ::kill(::getpid(), SIGTERM);  // held until the files are dealt with
    files.Abandon();              // the signal ends the process here
    ::_exit(4);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
  EXPECT_EQ(Names(dir_), std::vector<std::string>{"a.docx"});
  EXPECT_EQ(Slurp(target), "old");
}

TEST_F(FileIo, SameFileSeesThroughLinks) {
  Put(dir_ / "a.docx", "x");
  fs::create_symlink(dir_ / "a.docx", dir_ / "link.docx");
  fs::create_hard_link(dir_ / "a.docx", dir_ / "hard.docx");
  Put(dir_ / "b.docx", "x");
  EXPECT_TRUE(SameFile((dir_ / "a.docx").string(), (dir_ / "link.docx").string()));
  EXPECT_TRUE(SameFile((dir_ / "a.docx").string(), (dir_ / "hard.docx").string()));
  EXPECT_TRUE(SameFile((dir_ / "a.docx").string(), (dir_ / "." / "a.docx").string()));
  EXPECT_FALSE(SameFile((dir_ / "a.docx").string(), (dir_ / "b.docx").string()));
  EXPECT_FALSE(SameFile((dir_ / "a.docx").string(), (dir_ / "absent.docx").string()));
}

TEST_F(FileIo, ReadRegularFileRefusesWhatIsNotARegularFileOfBoundedSize) {
  ScopedMessageLanguage en(Lang::kEn);
  EXPECT_EQ(ReadRegularFile("/dev/zero", 1024).status().message(),
            "cannot read /dev/zero: is a device, not a regular file");
  EXPECT_EQ(ReadRegularFile(dir_.string(), 1024).status().message(),
            "cannot read " + dir_.string() + ": Is a directory");
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(ReadRegularFile(fifo.string(), 1024).status().message(),
            "cannot read " + fifo.string() + ": is a pipe (FIFO), not a regular file");
  const fs::path big = dir_ / "big";
  { std::ofstream out(big, std::ios::binary); }
  fs::resize_file(big, 100u << 20);  // sparse: 100 MB without writing them
  EXPECT_EQ(ReadRegularFile(big.string(), 1 << 20).status().message(),
            "cannot read " + big.string() + ": is larger than 1 MiB (104857600 bytes)");
  {
    ScopedMessageLanguage zh(Lang::kZh);
    EXPECT_EQ(ReadRegularFile(dir_.string(), 1024).status().message(),
              "无法读取 " + dir_.string() + "：是文件夹，不是文件");
  }
  Put(dir_ / "ok.toml", "id = \"x\"\n");
  EXPECT_EQ(*ReadRegularFile((dir_ / "ok.toml").string(), 1024), "id = \"x\"\n");
  EXPECT_EQ(ReadRegularFile((dir_ / "absent").string(), 1024).status().message(),
            "cannot read " + (dir_ / "absent").string() + ": No such file or directory");
}

}  // namespace
}  // namespace jixiao
