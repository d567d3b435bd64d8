// LibreOffice conversions under stress, with a fake `soffice`: a shell script written by the
// test that records its arguments and process ids, starts a child of its own (as soffice
// starts soffice.bin) and sleeps, or converts after a pause. The tests check that a timeout
// and an interrupt (SIGTERM, SIGINT, in one conversion or in several threads) leave no process
// and no private directory behind, that the process ends as killed by the signal, that a
// process's own handlers are back once no conversion runs, and that a slow conversion says so.
// Each test runs with TMPDIR set to a folder of its own, so that leftovers are seen. Real
// LibreOffice is not needed.
#include "office/libreoffice.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/lang.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;
using std::chrono::steady_clock;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// True while `pid` runs (a zombie has ended and counts as gone).
bool Alive(pid_t pid) {
  if (pid <= 0 || ::kill(pid, 0) != 0) return false;
  const std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  const size_t paren = stat.rfind(')');
  return paren == std::string::npos || paren + 2 >= stat.size() || stat[paren + 2] != 'Z';
}

// Waits, generously, until `done` holds; false when it never did.
template <typename Predicate>
bool WaitFor(Predicate done, int limit_seconds = 30) {
  const auto deadline = steady_clock::now() + seconds(limit_seconds);
  while (!done()) {
    if (steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

pid_t ReadPid(const fs::path& path) {
  const std::string text = ReadFile(path);
  return text.empty() ? 0 : static_cast<pid_t>(std::atoi(text.c_str()));
}

// What is left in the test's temporary folder: the jixiao-soffice-* directories, and the
// temporary files LibreOffice makes in TMPDIR.
std::vector<std::string> Leftovers(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    out.push_back(entry.path().filename().string());
  }
  return out;
}

Conversion DocToDocx() {
  return Conversion{"doc",
                    "docx:MS Word 2007 XML",
                    "docx",
                    "reading Word 97-2003 files",
                    "libreoffice-writer-nogui",
                    "",
                    ""};
}

// A fake soffice recording into `record_dir`: soffice.pid (its own id), soffice.args (one
// argument a line), child.pid (the `sleep` it starts, written last). Like LibreOffice, it
// keeps a temporary file in TMPDIR while it runs. With `convert_after`
// >= 0 it writes the converted file after that many seconds and exits 0; else it waits for
// its child, which sleeps for five minutes.
fs::path WriteFakeSoffice(const fs::path& dir, const std::string& name, const fs::path& record_dir,
                          int convert_after = -1) {
  fs::create_directories(record_dir);
  const fs::path script = dir / name;
  std::ofstream out(script);
  out << "#!/bin/sh\n"
      << "rec='" << record_dir.string() << "'\n"
      << "echo $$ > \"$rec/soffice.pid\"\n"
      << "touch \"${TMPDIR:-/tmp}/lu$$.tmp\"\n"  // as LibreOffice does, removed on a clean exit
      << "printf '%s\\n' \"$@\" > \"$rec/soffice.args\"\n";
  if (convert_after >= 0) {
    out << "sleep " << convert_after << "\n"
        << "outdir=''; prev=''; input=''\n"
        << "for a in \"$@\"; do\n"
        << "  if [ \"$prev\" = --outdir ]; then outdir=\"$a\"; fi\n"
        << "  prev=\"$a\"; input=\"$a\"\n"
        << "done\n"
        << "mkdir -p \"$outdir\"\n"
        << "base=$(basename \"$input\"); base=${base%.*}\n"
        << "printf 'converted:' > \"$outdir/$base.docx\"\n"
        << "cat \"$input\" >> \"$outdir/$base.docx\"\n"
        << "rm -f \"${TMPDIR:-/tmp}/lu$$.tmp\"\n"
        << "echo 0 > \"$rec/child.pid\"\n";
  } else {
    out << "sleep 300 &\n"
        << "echo $! > \"$rec/child.pid\"\n"
        << "wait\n";
  }
  out.close();
  fs::permissions(script, fs::perms::owner_all);
  return script;
}

// The private directory and profile named on the fake soffice's command line.
fs::path ProfileOf(const fs::path& record_dir) {
  std::istringstream args(ReadFile(record_dir / "soffice.args"));
  std::string line;
  const std::string prefix = "-env:UserInstallation=file://";
  while (std::getline(args, line)) {
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
  }
  return {};
}

class LibreOfficeInterrupt : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("jixiao-office-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    tmp_ = root_ / "tmp";
    fs::create_directories(tmp_);
    if (const char* old = std::getenv("TMPDIR")) old_tmpdir_ = old;
    had_tmpdir_ = std::getenv("TMPDIR") != nullptr;
    ::setenv("TMPDIR", tmp_.c_str(), 1);
  }

  void TearDown() override {
    // The fake soffice processes this test started, should any have outlived it.
    for (const fs::path& record : records_) {
      for (const char* file : {"soffice.pid", "child.pid"}) {
        const pid_t pid = ReadPid(record / file);
        if (pid > 0 && Alive(pid)) ::kill(pid, SIGKILL);
      }
    }
    if (had_tmpdir_) {
      ::setenv("TMPDIR", old_tmpdir_.c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  fs::path Record(const std::string& name) {
    records_.push_back(root_ / name);
    return records_.back();
  }

  // Both processes of a fake soffice started (their ids written).
  static bool Started(const fs::path& record) {
    return WaitFor([&] { return ReadPid(record / "child.pid") > 0; });
  }

  // Both processes of a fake soffice gone.
  static void ExpectGone(const fs::path& record) {
    const pid_t soffice = ReadPid(record / "soffice.pid");
    const pid_t child = ReadPid(record / "child.pid");
    ASSERT_GT(soffice, 0);
    ASSERT_GT(child, 0);
    EXPECT_TRUE(WaitFor([&] { return !Alive(soffice) && !Alive(child); }, 10))
        << "fake soffice " << soffice << " or its child " << child << " still runs";
  }

  // Runs `body` in a forked process, sends it `sig` once every record shows a started fake
  // soffice, and returns its wait status.
  int RunAndSignal(const std::function<void()>& body, const std::vector<fs::path>& records,
                   int sig) {
    const pid_t child = ::fork();
    if (child == 0) {
      body();
      ::_exit(3);  // the conversions ended without the signal
    }
    for (const fs::path& record : records) {
      if (!Started(record)) ADD_FAILURE() << "the fake soffice of " << record << " never started";
    }
    ::kill(child, sig);
    int status = 0;
    const bool ended = WaitFor([&] { return ::waitpid(child, &status, WNOHANG) == child; }, 60);
    if (!ended) {
      ADD_FAILURE() << "the process did not end after the signal";
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
    }
    return status;
  }

  fs::path root_;
  fs::path tmp_;
  std::vector<fs::path> records_;
  std::string old_tmpdir_;
  bool had_tmpdir_ = false;
};

TEST_F(LibreOfficeInterrupt, TimeoutNamesTheLimitAndLeavesNothingBehind) {
  const fs::path record = Record("record");
  LibreOfficeOptions options;
  options.soffice = WriteFakeSoffice(root_, "soffice", record).string();
  options.timeout_seconds = 1;
  Result<std::string> r = ConvertWithLibreOffice("document bytes", DocToDocx(), options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_EQ(r.status().message(),
            "LibreOffice did not finish converting doc to docx within 1 s (the time limit; "
            "--office-timeout SECONDS raises it)");
  ExpectGone(record);
  const fs::path profile = ProfileOf(record);
  ASSERT_FALSE(profile.empty());
  EXPECT_FALSE(fs::exists(profile));
  EXPECT_FALSE(fs::exists(profile.parent_path()));  // with the copy of the document
  EXPECT_TRUE(Leftovers(tmp_).empty());
}

TEST_F(LibreOfficeInterrupt, TimeoutMessageInChineseNamesTheFile) {
  const fs::path record = Record("record");
  LibreOfficeOptions options;
  options.soffice = WriteFakeSoffice(root_, "soffice", record).string();
  options.timeout_seconds = 1;
  Conversion conversion = DocToDocx();
  conversion.file_name = "自评报告.doc";
  ScopedMessageLanguage zh(Lang::kZh);
  Result<std::string> r = ConvertWithLibreOffice("document bytes", conversion, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "LibreOffice 转换 自评报告.doc（doc 到 docx） 未能在 1 秒内完成（时间上限；可用 "
            "--office-timeout 秒数 调高）");
  ExpectGone(record);
  EXPECT_TRUE(Leftovers(tmp_).empty());
}

TEST_F(LibreOfficeInterrupt, ASlowConversionSaysOnceThatItRuns) {
  const fs::path record = Record("record");
  LibreOfficeOptions options;
  options.soffice = WriteFakeSoffice(root_, "soffice", record, /*convert_after=*/3).string();
  options.timeout_seconds = 120;
  options.notice_after_seconds = 1;
  std::vector<std::string> notices;
  options.notice = [&](std::string_view message) { notices.emplace_back(message); };
  Conversion conversion = DocToDocx();
  conversion.file_name = "report.doc";
  Result<std::string> r = ConvertWithLibreOffice("bytes", conversion, options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, "converted:bytes");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0],
            "converting report.doc with LibreOffice (reading Word 97-2003 files), 1 s so far; "
            "time limit 120 s");
  EXPECT_TRUE(Leftovers(tmp_).empty());
}

TEST_F(LibreOfficeInterrupt, NoticeInChineseAndNoneForAQuickConversion) {
  LibreOfficeOptions options;
  options.timeout_seconds = 120;
  options.notice_after_seconds = 1;
  std::vector<std::string> notices;
  options.notice = [&](std::string_view message) { notices.emplace_back(message); };
  options.soffice = WriteFakeSoffice(root_, "soffice-slow", Record("slow"), 2).string();
  {
    ScopedMessageLanguage zh(Lang::kZh);
    Result<std::string> r = ConvertWithLibreOffice("x", DocToDocx(), options);
    ASSERT_TRUE(r.ok()) << r.status().message();
  }
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0],
            "正在用 LibreOffice 转换 .doc 文件（用于读取 Word 97-2003 文件），已用 1 秒；超时 "
            "120 秒");
  notices.clear();
  options.notice_after_seconds = 60;  // far longer than the quick conversion takes
  options.soffice = WriteFakeSoffice(root_, "soffice-quick", Record("quick"), 0).string();
  Result<std::string> r = ConvertWithLibreOffice("x", DocToDocx(), options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(notices.empty());
}

TEST_F(LibreOfficeInterrupt, DefaultOptionsReachConversionsWithoutOptions) {
  const LibreOfficeOptions saved = DefaultLibreOfficeOptions();
  EXPECT_EQ(LibreOfficeOptions(LibreOfficeOptions::BuiltIn{}).timeout_seconds, 300);
  EXPECT_EQ(LibreOfficeOptions(LibreOfficeOptions::BuiltIn{}).notice_after_seconds, 2);
  LibreOfficeOptions defaults = saved;
  defaults.soffice = WriteFakeSoffice(root_, "soffice", Record("record")).string();
  defaults.timeout_seconds = 1;
  SetDefaultLibreOfficeOptions(defaults);
  EXPECT_EQ(LibreOfficeOptions().timeout_seconds, 1);
  Result<std::string> r = ConvertWithLibreOffice("bytes", DocToDocx());  // no options
  SetDefaultLibreOfficeOptions(saved);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("within 1 s"), std::string::npos) << r.status().message();
  EXPECT_EQ(DefaultLibreOfficeOptions().timeout_seconds, saved.timeout_seconds);
}

TEST_F(LibreOfficeInterrupt, SigtermEndsTheProcessAndTheConversion) {
  const fs::path record = Record("record");
  const fs::path soffice = WriteFakeSoffice(root_, "soffice", record);
  const int status = RunAndSignal(
      [&] {
        LibreOfficeOptions options;
        options.soffice = soffice.string();
        options.timeout_seconds = 120;
        ConvertWithLibreOffice("the clerk's document", DocToDocx(), options);
      },
      {record}, SIGTERM);
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << status;
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
  ExpectGone(record);
  EXPECT_FALSE(fs::exists(ProfileOf(record).parent_path()));
  EXPECT_TRUE(Leftovers(tmp_).empty());
}

TEST_F(LibreOfficeInterrupt, SigintEndsConversionsInSeveralThreads) {
  const std::vector<fs::path> records = {Record("a"), Record("b")};
  const fs::path soffice_a = WriteFakeSoffice(root_, "soffice-a", records[0]);
  const fs::path soffice_b = WriteFakeSoffice(root_, "soffice-b", records[1]);
  const int status = RunAndSignal(
      [&] {
        std::vector<std::thread> threads;
        for (const fs::path& soffice : {soffice_a, soffice_b}) {
          threads.emplace_back([soffice] {
            LibreOfficeOptions options;
            options.soffice = soffice.string();
            options.timeout_seconds = 120;
            ConvertWithLibreOffice("bytes", DocToDocx(), options);
          });
        }
        for (std::thread& t : threads) t.join();
      },
      records, SIGINT);
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << status;
  EXPECT_EQ(WTERMSIG(status), SIGINT);
  for (const fs::path& record : records) ExpectGone(record);
  EXPECT_TRUE(Leftovers(tmp_).empty());
}

std::atomic<int> own_handler_calls{0};
extern "C" void OwnHandler(int) { own_handler_calls.fetch_add(1); }

// A process with a SIGTERM handler of its own keeps it: it runs after the cleanup, and the
// conversion reports the interrupt instead of ending the process.
TEST_F(LibreOfficeInterrupt, AHandlerOfTheProcessRunsAfterTheCleanupAndIsKept) {
  struct sigaction own {
  }, previous_term{}, previous_hup{}, ignore{};
  own.sa_handler = OwnHandler;
  sigemptyset(&own.sa_mask);
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ASSERT_EQ(::sigaction(SIGTERM, &own, &previous_term), 0);
  ASSERT_EQ(::sigaction(SIGHUP, &ignore, &previous_hup), 0);
  own_handler_calls = 0;

  const fs::path record = Record("record");
  LibreOfficeOptions options;
  options.soffice = WriteFakeSoffice(root_, "soffice", record).string();
  options.timeout_seconds = 120;
  options.notice_after_seconds = 0;
  bool hooked_while_running = false;
  bool hup_still_ignored = false;
  options.notice = [&](std::string_view) {
    struct sigaction now {};
    ::sigaction(SIGTERM, nullptr, &now);
    hooked_while_running = now.sa_handler != OwnHandler;
    ::sigaction(SIGHUP, nullptr, &now);
    hup_still_ignored = now.sa_handler == SIG_IGN;
  };
  Result<std::string> r = Status::Ok();
  std::thread converter([&] { r = ConvertWithLibreOffice("bytes", DocToDocx(), options); });
  const bool started = Started(record);
  if (started) ::kill(::getpid(), SIGTERM);
  converter.join();
  ASSERT_TRUE(started);

  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "interrupted by signal " + std::to_string(SIGTERM));
  EXPECT_EQ(own_handler_calls.load(), 1);
  EXPECT_TRUE(hooked_while_running);
  EXPECT_TRUE(hup_still_ignored);
  struct sigaction after {};
  ::sigaction(SIGTERM, nullptr, &after);
  EXPECT_TRUE(after.sa_handler == OwnHandler);
  ::sigaction(SIGHUP, nullptr, &after);
  EXPECT_TRUE(after.sa_handler == SIG_IGN);
  ExpectGone(record);
  EXPECT_TRUE(Leftovers(tmp_).empty());

  ::sigaction(SIGTERM, &previous_term, nullptr);
  ::sigaction(SIGHUP, &previous_hup, nullptr);
}

// After a conversion the process's handlers are the ones it had.
TEST_F(LibreOfficeInterrupt, HandlersAreRestoredAfterAConversion) {
  struct sigaction own {
  }, previous{};
  own.sa_handler = OwnHandler;
  sigemptyset(&own.sa_mask);
  ASSERT_EQ(::sigaction(SIGINT, &own, &previous), 0);
  LibreOfficeOptions options;
  options.soffice = WriteFakeSoffice(root_, "soffice", Record("record"), 0).string();
  ASSERT_TRUE(ConvertWithLibreOffice("x", DocToDocx(), options).ok());
  struct sigaction after {};
  ::sigaction(SIGINT, nullptr, &after);
  EXPECT_TRUE(after.sa_handler == OwnHandler);
  ::sigaction(SIGINT, &previous, nullptr);
}

// A process that ignores SIGCHLD has its children reaped by the system: the conversion is
// judged by its output.
TEST_F(LibreOfficeInterrupt, AProcessIgnoringSigchldStillGetsItsConversion) {
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ASSERT_EQ(::sigaction(SIGCHLD, &ignore, &previous), 0);
  LibreOfficeOptions options;
  options.soffice = WriteFakeSoffice(root_, "soffice", Record("record"), 0).string();
  Result<std::string> r = ConvertWithLibreOffice("x", DocToDocx(), options);
  ::sigaction(SIGCHLD, &previous, nullptr);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, "converted:x");
  EXPECT_TRUE(Leftovers(tmp_).empty());
}

TEST(LibreOfficeMessages, MissingSofficeInBothLanguages) {
  LibreOfficeOptions options;
  options.soffice = "/nonexistent/soffice";
  Result<std::string> r = ConvertWithLibreOffice("x", DocToDocx(), options);
  EXPECT_EQ(r.status().message(), "LibreOffice is not at /nonexistent/soffice");
  ScopedMessageLanguage zh(Lang::kZh);
  r = ConvertWithLibreOffice("x", DocToDocx(), options);
  EXPECT_EQ(r.status().message(), "LibreOffice 不在 /nonexistent/soffice");
}

}  // namespace
}  // namespace jixiao
