// LibreOffice headless conversions (see libreoffice.h).
#include "office/libreoffice.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace jixiao {
namespace {

namespace fs = std::filesystem;

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
  return Status::IOError("cannot create a temporary directory for LibreOffice" +
                         (ec ? ": " + ec.message() : std::string()));
}

// Runs argv with stdout and stderr to `log`; waits at most `timeout` seconds (then kills the
// process group). Returns the exit status, or -1 when it could not run or was killed.
int Run(const std::vector<std::string>& argv, const fs::path& log, int timeout, bool* timed_out) {
  *timed_out = false;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      *timed_out = true;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

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
    return Status::NotFound("LibreOffice (soffice) is not installed; " + conversion.purpose +
                            " needs it (scripts/install-deps.sh installs " + conversion.package +
                            ")");
  }
  if (::access(soffice.c_str(), X_OK) != 0 && soffice.find('/') != std::string::npos) {
    return Status::NotFound("LibreOffice is not at " + soffice);
  }
  Result<fs::path> work = MakeWorkDir();
  if (!work.ok()) return work.status();
  const fs::path dir = *work;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};

  const fs::path input = dir / ("document." + conversion.input_extension);
  {
    std::ofstream out(input, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status::IOError("cannot write " + input.string());
  }
  bool timed_out = false;
  const fs::path log = dir / "soffice.log";
  const int rc = Run({soffice, "-env:UserInstallation=file://" + (dir / "profile").string(),
                      "--headless", "--norestore", "--nolockcheck", "--convert-to",
                      conversion.filter, "--outdir", (dir / "out").string(), input.string()},
                     log, options.timeout_seconds, &timed_out);
  const std::string what = conversion.input_extension + " to " + conversion.output_extension;
  if (timed_out) {
    return Status::IOError("LibreOffice did not finish converting " + what + " within " +
                           std::to_string(options.timeout_seconds) + " s");
  }
  const fs::path produced = dir / "out" / ("document." + conversion.output_extension);
  std::error_code ec;
  if (rc != 0 || !fs::exists(produced, ec) || fs::file_size(produced, ec) == 0) {
    return Status::IOError("LibreOffice failed to convert " + what + " (exit " +
                           std::to_string(rc) + "): " + ReadTail(log, 400));
  }
  return ReadAll(produced);
}

}  // namespace jixiao
