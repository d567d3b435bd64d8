// LibreOffice headless conversions (see libreoffice.h).
//
// Interrupts: the signal handler only records the signal (an atomic store, async-signal-safe).
// Every running conversion polls for it in its waiting loop, and the first thread to see it,
// holding the registry's lock, kills every registered LibreOffice, removes every private
// directory, puts the previous handlers back and raises the signal again. The registry's lock
// is also held while a directory is made and while LibreOffice is started or reaped, so that
// an interrupt never misses a directory or a process, and never kills a reaped process's id.
#include "office/libreoffice.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "base/lang.h"

extern char** environ;

namespace jixiao {
namespace {

namespace fs = std::filesystem;

// ---- process-wide defaults ----

std::mutex& DefaultsMutex() {
  static std::mutex mu;
  return mu;
}

LibreOfficeOptions& Defaults() {
  static LibreOfficeOptions defaults{LibreOfficeOptions::BuiltIn{}};
  return defaults;
}

// ---- interrupts ----

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
constexpr int kSignalCount = sizeof kSignals / sizeof kSignals[0];

// The signal that arrived while conversions ran and is not yet handled; 0 for none.
std::atomic<int> pending_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the handler needs a lock-free atomic");

extern "C" void RecordSignal(int sig) {
  int none = 0;
  pending_signal.compare_exchange_strong(none, sig);
}

// A conversion in progress, as the registry sees it.
struct Running {
  pid_t pid = 0;  // LibreOffice, leader of its own process group; 0 when none runs
  fs::path dir;   // the private directory; empty when there is none (any longer)
  int interrupted_by = 0;
};

// Every conversion in progress, and the handlers that were in place before the first.
class Registry {
 public:
  static Registry& Get() {
    static Registry* registry = new Registry();  // never destroyed: threads may outlive exit
    return *registry;
  }

  std::mutex& mutex() { return mu_; }

  void Add(Running* r) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!installed_) InstallLocked();
    running_.push_back(r);
  }

  // Removes `r`: its process killed and reaped should it still run, its directory removed; the
  // previous handlers are put back when it was the last. A signal recorded until then is
  // handled.
  void Remove(Running* r) {
    std::unique_lock<std::mutex> lock(mu_);
    if (const int sig = pending_signal.load(); sig != 0) HandleLocked(lock, sig);
    KillAndRemoveLocked(r);
    std::erase(running_, r);
    if (running_.empty() && installed_) RestoreLocked();
    lock.unlock();
    // A signal that arrived between the check and the restore was caught and is owed.
    if (const int sig = pending_signal.exchange(0); sig != 0) Reraise(sig);
  }

  // Kills every conversion, removes every private directory, puts the previous handlers back
  // and raises `sig` again; returns only when the process survives it (a handler of its own),
  // with every conversion marked as interrupted. `lock` holds mutex() and still holds it on
  // return.
  void HandleLocked(std::unique_lock<std::mutex>& lock, int sig) {
    for (Running* r : running_) {
      KillAndRemoveLocked(r);
      r->interrupted_by = sig;
    }
    if (installed_) RestoreLocked();
    pending_signal.store(0);
    lock.unlock();
    Reraise(sig);
    lock.lock();
  }

 private:
  Registry() = default;

  static void KillAndRemoveLocked(Running* r) {
    if (r->pid > 0) {
      ::kill(-r->pid, SIGKILL);
      int status = 0;
      while (::waitpid(r->pid, &status, 0) < 0 && errno == EINTR) {
      }
      r->pid = 0;
    }
    if (!r->dir.empty()) {
      std::error_code ec;
      fs::remove_all(r->dir, ec);
      r->dir.clear();
    }
  }

  static void Reraise(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    ::raise(sig);
  }

  void InstallLocked() {
    for (int i = 0; i < kSignalCount; ++i) {
      struct sigaction previous {};
      hooked_[i] = false;
      if (::sigaction(kSignals[i], nullptr, &previous) != 0) continue;
      // A signal the process ignores (nohup, a shell's background job) stays ignored.
      if (!(previous.sa_flags & SA_SIGINFO) && previous.sa_handler == SIG_IGN) continue;
      struct sigaction ours {};
      ours.sa_handler = RecordSignal;
      sigemptyset(&ours.sa_mask);
      ours.sa_flags = SA_RESTART;
      if (::sigaction(kSignals[i], &ours, nullptr) != 0) continue;
      previous_[i] = previous;
      hooked_[i] = true;
    }
    installed_ = true;
  }

  void RestoreLocked() {
    for (int i = 0; i < kSignalCount; ++i) {
      if (hooked_[i]) ::sigaction(kSignals[i], &previous_[i], nullptr);
      hooked_[i] = false;
    }
    installed_ = false;
  }

  std::mutex mu_;
  std::vector<Running*> running_;
  bool installed_ = false;
  bool hooked_[kSignalCount] = {};
  struct sigaction previous_[kSignalCount] = {};
};

// Registers a conversion for its lifetime; on the way out its process is gone and its
// directory removed.
class Registration {
 public:
  Registration() { Registry::Get().Add(&running_); }
  ~Registration() { Registry::Get().Remove(&running_); }
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;
  Running& running() { return running_; }

 private:
  Running running_;
};

// ---- messages ----

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ReadTail(const fs::path& path, size_t max_bytes) {
  std::string s = ReadAll(path);
  if (s.size() > max_bytes) s = "…" + s.substr(s.size() - max_bytes);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// What the conversion is for, in the language in force.
std::string Purpose(const Conversion& c) {
  if (!MessagesInChinese()) return c.purpose;
  if (!c.purpose_zh.empty()) return c.purpose_zh;
  static const struct {
    std::string_view in, out, zh;
  } kKnown[] = {
      {"doc", "docx", "读取 Word 97-2003 文件"}, {"xls", "xlsx", "读取 Excel 97-2003 文件"},
      {"odt", "docx", "读取 OpenDocument 文本"}, {"ods", "xlsx", "读取 OpenDocument 电子表格"},
      {"xlsx", "xlsx", "计算工作簿中的公式"},    {"docx", "pdf", "生成 PDF"},
  };
  for (const auto& k : kKnown) {
    if (c.input_extension == k.in && c.output_extension == k.out) return std::string(k.zh);
  }
  return c.purpose;
}

// The user's file: its name, or ".doc file".
std::string FileName(const Conversion& c) {
  if (!c.file_name.empty()) return c.file_name;
  return TrF(".{} 文件", ".{} file", c.input_extension);
}

// "doc to docx", or "x.doc (doc to docx)" when the file's name is known.
std::string What(const Conversion& c) {
  const std::string formats = TrF("{} 到 {}", "{} to {}", c.input_extension, c.output_extension);
  if (c.file_name.empty()) return formats;
  return TrF("{}（{}）", "{} ({})", c.file_name, formats);
}

std::string Interrupted(int sig) { return TrF("被信号 {} 中断", "interrupted by signal {}", sig); }

// A fresh private directory under the system's temporary directory.
Result<fs::path> MakeWorkDir() {
  std::random_device rd;
  std::error_code ec;
  for (int attempt = 0; attempt < 16; ++attempt) {
    const fs::path dir =
        fs::temp_directory_path(ec) /
        ("jixiao-soffice-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    if (ec) break;
    if (fs::create_directory(dir, ec)) {
      fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
      return dir;
    }
  }
  const std::string reason = ec ? ": " + ec.message() : std::string();
  return Status::IOError(TrF("无法为 LibreOffice 创建临时文件夹{}",
                             "cannot create a temporary directory for LibreOffice{}", reason));
}

// Starts argv in a process group of its own with stdout and stderr to `log`, stdin from
// /dev/null and TMPDIR set to `tmp` (LibreOffice's own temporary files then go where they are
// removed with the rest, also when it is killed). Returns the pid, or the errno of the failure
// as a negative number.
pid_t Spawn(const std::vector<std::string>& argv, const fs::path& log, const fs::path& tmp) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings = {"TMPDIR=" + tmp.string()};
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string_view(*e).substr(0, 7) != "TMPDIR=") env_strings.emplace_back(*e);
  }
  std::vector<char*> env;
  for (std::string& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);  // whatever this thread blocks
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return rc == 0 ? pid : -rc;
}

}  // namespace

LibreOfficeOptions::LibreOfficeOptions() {
  std::lock_guard<std::mutex> lock(DefaultsMutex());
  *this = Defaults();
}

void SetDefaultLibreOfficeOptions(const LibreOfficeOptions& options) {
  std::lock_guard<std::mutex> lock(DefaultsMutex());
  Defaults() = options;
}

LibreOfficeOptions DefaultLibreOfficeOptions() { return LibreOfficeOptions(); }

std::string FindSoffice() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / "soffice";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

Result<std::string> ConvertWithLibreOffice(std::string_view bytes, const Conversion& conversion,
                                           const LibreOfficeOptions& options) {
  const std::string soffice = options.soffice.empty() ? FindSoffice() : options.soffice;
  if (soffice.empty()) {
    return Status::NotFound(
        TrF("未安装 LibreOffice（soffice），{}需要它（scripts/install-deps.sh 会安装 {}）",
            "LibreOffice (soffice) is not installed; {} needs it (scripts/install-deps.sh "
            "installs {})",
            Purpose(conversion), conversion.package));
  }
  if (::access(soffice.c_str(), X_OK) != 0 && soffice.find('/') != std::string::npos) {
    return Status::NotFound(TrF("LibreOffice 不在 {}", "LibreOffice is not at {}", soffice));
  }

  Registration registration;
  Running& running = registration.running();
  Registry& registry = Registry::Get();
  fs::path dir;
  {
    std::unique_lock<std::mutex> lock(registry.mutex());
    Result<fs::path> work = MakeWorkDir();
    if (!work.ok()) return work.status();
    dir = running.dir = *work;
  }

  const fs::path input = dir / ("document." + conversion.input_extension);
  {
    std::ofstream out(input, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status::IOError(TrF("无法写入 {}", "cannot write {}", input.string()));
    std::error_code ec;
    if (!fs::create_directory(dir / "tmp", ec)) {
      return Status::IOError(
          TrF("无法创建 {}：{}", "cannot create {}: {}", (dir / "tmp").string(), ec.message()));
    }
  }
  const fs::path log = dir / "soffice.log";
  const std::vector<std::string> argv = {
      soffice,
      "-env:UserInstallation=file://" + (dir / "profile").string(),
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      conversion.filter,
      "--outdir",
      (dir / "out").string(),
      input.string()};

  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::seconds(options.timeout_seconds);
  bool noticed = options.notice_after_seconds < 0 || !options.notice;
  bool timed_out = false;
  int exit_code = -1;
  {
    std::unique_lock<std::mutex> lock(registry.mutex());
    if (const int sig = pending_signal.load(); sig != 0) registry.HandleLocked(lock, sig);
    if (running.interrupted_by != 0) return Status::IOError(Interrupted(running.interrupted_by));
    const pid_t pid = Spawn(argv, log, dir / "tmp");
    if (pid < 0) {
      return Status::IOError(TrF("无法启动 LibreOffice（{}）：{}",
                                 "cannot start LibreOffice ({}): {}", soffice,
                                 std::strerror(static_cast<int>(-pid))));
    }
    running.pid = pid;
  }
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(registry.mutex());
      if (const int sig = pending_signal.load(); sig != 0) registry.HandleLocked(lock, sig);
      if (running.interrupted_by != 0) {
        return Status::IOError(Interrupted(running.interrupted_by));
      }
      // Whether LibreOffice has ended, without reaping it yet: its process group is killed
      // first, so that nothing it started is left behind, while its id cannot be reused.
      siginfo_t info{};
      const pid_t pid = running.pid;
      const int rc = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
      const int error = rc == 0 ? 0 : errno;
      if (error == ECHILD) {
        // Reaped already, by a process that ignores SIGCHLD: its output tells how it went.
        running.pid = 0;
        exit_code = 0;
        break;
      }
      const bool ended = rc == 0 && info.si_pid == pid;
      const bool expired = std::chrono::steady_clock::now() > deadline;
      if (ended || expired || (error != 0 && error != EINTR)) {
        ::kill(-pid, SIGKILL);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        running.pid = 0;
        timed_out = !ended && expired;
        if (ended && WIFEXITED(status)) exit_code = WEXITSTATUS(status);
        break;
      }
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (!noticed && elapsed >= std::chrono::seconds(options.notice_after_seconds)) {
      noticed = true;
      options.notice(TrF("正在用 LibreOffice 转换 {}（用于{}），已用 {} 秒；超时 {} 秒",
                         "converting {} with LibreOffice ({}), {} s so far; time limit {} s",
                         FileName(conversion), Purpose(conversion), options.notice_after_seconds,
                         options.timeout_seconds));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  if (timed_out) {
    return Status::IOError(
        TrF("LibreOffice 转换 {0} 未能在 {1} 秒内完成（时间上限；可用 --office-timeout 秒数 调高）",
            "LibreOffice did not finish converting {0} within {1} s (the time limit; "
            "--office-timeout SECONDS raises it)",
            What(conversion), options.timeout_seconds));
  }
  const fs::path produced = dir / "out" / ("document." + conversion.output_extension);
  std::error_code ec;
  if (exit_code != 0 || !fs::exists(produced, ec) || fs::file_size(produced, ec) == 0) {
    return Status::IOError(TrF("LibreOffice 转换 {} 失败（退出码 {}）：{}",
                               "LibreOffice failed to convert {} (exit {}): {}", What(conversion),
                               exit_code, ReadTail(log, 400)));
  }
  std::string converted = ReadAll(produced);
  {
    std::lock_guard<std::mutex> lock(registry.mutex());
    if (running.interrupted_by != 0) {
      return Status::IOError(Interrupted(running.interrupted_by));
    }
  }
  return converted;
}

}  // namespace jixiao
