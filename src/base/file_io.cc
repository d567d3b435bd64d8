// Atomic and staged writes, file identity, bounded reads (see file_io.h).
#include "base/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>

#include "base/lang.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

struct ErrorText {
  int error;
  const char* zh;
};

constexpr ErrorText kErrorTexts[] = {
    {ENOSPC, "磁盘空间不足"},
    {EDQUOT, "超出磁盘配额"},
    {EROFS, "文件系统是只读的"},
    {EACCES, "没有权限"},
    {EPERM, "不允许此操作"},
    {ENOENT, "文件不存在"},
    {ENOTDIR, "路径中有一段不是文件夹"},
    {EISDIR, "是文件夹，不是文件"},
    {EEXIST, "文件已存在"},
    {EIO, "读写出错"},
    {EFBIG, "文件太大"},
    {ENAMETOOLONG, "路径过长"},
    {ELOOP, "符号链接层数过多"},
    {EMFILE, "打开的文件过多"},
    {ENFILE, "系统打开的文件过多"},
    {EXDEV, "不能跨文件系统改名"},
    {EBUSY, "文件正被占用"},
    {ETXTBSY, "文件正被占用"},
    {EINVAL, "参数无效"},
    {ENOMEM, "内存不足"},
};

// Writes all of `bytes`, retrying after interrupts; false with errno set on failure.
bool WriteAll(int fd, std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

// Flushes the folder's entry list, so that a rename survives a power cut. Best effort: some file
// systems refuse to open or sync a folder.
void SyncFolder(const std::string& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string FolderOf(const std::string& path) {
  const std::string parent = fs::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

// The file a write to `path` should replace: through a symbolic link to its target, so the link
// stays a link.
std::string ResolveTarget(const std::string& path) {
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(path, ec))) {
    const fs::path resolved = fs::weakly_canonical(path, ec);
    if (!ec) return resolved.string();
  }
  return path;
}

Status WriteFailure(const std::string& path, int error) {
  return Status::IOError(
      TrF("无法写入 {}：{}", "cannot write {}: {}", path, SystemErrorText(error)));
}

// Creates an empty temporary file beside `target` (mode as a new file under the umask, or the
// target's own mode when it exists) and returns its descriptor and name.
// Whether `target` exists and is neither a regular file nor a folder: a device (/dev/null,
// /dev/stdout), a pipe or a socket, which is written into, never replaced.
bool IsStream(const std::string& target) {
  struct stat existing {};
  return ::stat(target.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode) &&
         !S_ISDIR(existing.st_mode);
}

Result<std::pair<int, std::string>> CreateTemporaryBeside(const std::string& target) {
  const fs::path t(target);
  // A stream's folder (/dev) is no place for a file: its temporary goes to the system's.
  std::error_code ec;
  const std::string folder =
      IsStream(target) ? fs::temp_directory_path(ec).string() : FolderOf(target);
  struct stat existing {};
  const bool exists = ::stat(target.c_str(), &existing) == 0 && !IsStream(target);
  if (exists && S_ISDIR(existing.st_mode)) return WriteFailure(target, EISDIR);
  std::random_device rd;
  static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string suffix;
    for (int i = 0; i < 8; ++i) suffix += kLetters[rd() % (sizeof(kLetters) - 1)];
    const std::string name =
        (fs::path(folder) / ("." + t.filename().string() + ".jixiao-" + suffix)).string();
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return WriteFailure(target, errno);
    }
    if (exists) ::fchmod(fd, existing.st_mode & 07777);
    return std::make_pair(fd, name);
  }
  return WriteFailure(target, EEXIST);
}

// Flushes and closes `fd`; on failure removes `temporary` and returns the failure for `target`.
Status FinishTemporary(int fd, const std::string& temporary, const std::string& target) {
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    const int error = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    return WriteFailure(target, error);
  }
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return WriteFailure(target, error);
  }
  return Status::Ok();
}

// Why a file of this type is not read; "" for a regular file.
std::string NotRegular(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return SystemErrorText(EISDIR);
  if (S_ISCHR(mode) || S_ISBLK(mode)) {
    return std::string(Tr("是设备文件，不是普通文件", "is a device, not a regular file"));
  }
  if (S_ISFIFO(mode)) {
    return std::string(Tr("是管道（FIFO），不是普通文件", "is a pipe (FIFO), not a regular file"));
  }
  if (S_ISSOCK(mode)) {
    return std::string(Tr("是套接字，不是普通文件", "is a socket, not a regular file"));
  }
  return std::string(Tr("不是普通文件", "is not a regular file"));
}

// "1 MiB", "64 KiB" or "1000 bytes".
std::string SizeText(size_t bytes) {
  constexpr size_t kKiB = 1024;
  constexpr size_t kMiB = kKiB * kKiB;
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  if (bytes >= kKiB && bytes % kKiB == 0) return fmt::format("{} KiB", bytes / kKiB);
  return TrF("{} 字节", "{} bytes", bytes);
}

Status CannotRead(const std::string& path, std::string_view why) {
  return Status::IOError(TrF("无法读取 {}：{}", "cannot read {}: {}", path, why));
}

Status TooLarge(const std::string& path, size_t limit, std::string_view size) {
  return CannotRead(path, TrF("超过 {}{}", "is larger than {}{}", SizeText(limit), size));
}

// Copies the temporary's bytes into a stream target (IsStream) and removes the temporary.
Status CopyInto(const std::string& temporary, const std::string& target) {
  const int in = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
  const int out = in < 0 ? -1 : ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
  int error = in < 0 || out < 0 ? errno : 0;
  char buffer[65536];
  while (error == 0) {
    const ssize_t n = ::read(in, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = n < 0 ? errno : 0;
      break;
    }
    if (!WriteAll(out, std::string_view(buffer, static_cast<size_t>(n)))) error = errno;
  }
  if (in >= 0) ::close(in);
  if (out >= 0 && ::close(out) != 0 && error == 0) error = errno;
  ::unlink(temporary.c_str());
  return error == 0 ? Status::Ok() : WriteFailure(target, error);
}

Status RenameOver(const std::string& temporary, const std::string& target) {
  if (IsStream(target)) return CopyInto(temporary, target);
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return WriteFailure(target, error);
  }
  SyncFolder(FolderOf(target));
  return Status::Ok();
}

}  // namespace

std::string SystemErrorText(int error) {
  if (MessagesInChinese()) {
    for (const ErrorText& e : kErrorTexts) {
      if (e.error == error) return e.zh;
    }
    return fmt::format("系统错误 {}", error);
  }
  return std::generic_category().message(error);
}

bool SameFile(const std::string& a, const std::string& b) {
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  StagedFiles files;
  Status s = files.Stage(path, bytes);
  if (!s.ok()) return s;
  return files.Commit().status;
}

StagedFiles::~StagedFiles() { Abandon(); }

void StagedFiles::HoldSignals() {
  if (holding_) return;
  sigset_t hold;
  sigemptyset(&hold);
  sigaddset(&hold, SIGINT);
  sigaddset(&hold, SIGTERM);
  sigaddset(&hold, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &hold, &saved_mask_);
  holding_ = true;
}

void StagedFiles::ReleaseSignals() {
  if (!holding_) return;
  holding_ = false;
  pthread_sigmask(SIG_SETMASK, &saved_mask_, nullptr);  // a held signal is delivered here
}

Status StagedFiles::Stage(const std::string& path, std::string_view bytes) {
  return StageWith(path, [&](const std::string& temporary) -> Status {
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) return WriteFailure(path, errno);
    if (!WriteAll(fd, bytes)) {
      const int error = errno;
      ::close(fd);
      return WriteFailure(path, error);
    }
    if (::close(fd) != 0) return WriteFailure(path, errno);
    return Status::Ok();
  });
}

Status StagedFiles::StageWith(const std::string& path,
                              const std::function<Status(const std::string& temporary)>& write) {
  HoldSignals();
  const std::string target = ResolveTarget(path);
  Result<std::pair<int, std::string>> created = CreateTemporaryBeside(target);
  if (!created.ok()) {
    if (entries_.empty()) ReleaseSignals();
    return created.status();
  }
  const auto [fd, temporary] = *created;
  ::close(fd);
  Status written = write(temporary);
  if (written.ok()) {
    const int again = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
    written = again < 0 ? WriteFailure(path, errno) : FinishTemporary(again, temporary, path);
  }
  if (!written.ok()) {
    ::unlink(temporary.c_str());
    if (entries_.empty()) ReleaseSignals();
    return written;
  }
  entries_.push_back({target, temporary});
  return Status::Ok();
}

StagedFiles::Outcome StagedFiles::Commit() {
  Outcome out;
  size_t i = 0;
  for (; i < entries_.size(); ++i) {
    Status s = RenameOver(entries_[i].temporary, entries_[i].target);
    if (!s.ok()) {
      out.status = s;
      break;
    }
    out.written.push_back(entries_[i].target);
  }
  for (; i < entries_.size(); ++i) {
    ::unlink(entries_[i].temporary.c_str());
    out.not_written.push_back(entries_[i].target);
  }
  entries_.clear();
  ReleaseSignals();
  return out;
}

void StagedFiles::Abandon() {
  for (const Entry& e : entries_) ::unlink(e.temporary.c_str());
  entries_.clear();
  ReleaseSignals();
}

std::vector<std::string> StagedFiles::targets() const {
  std::vector<std::string> out;
  for (const Entry& e : entries_) out.push_back(e.target);
  return out;
}

Result<std::string> ReadRegularFile(const std::string& path, size_t limit) {
  // The type is checked before opening (a device is not even opened) and again on the opened
  // descriptor (the path may have been replaced in between).
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return CannotRead(path, SystemErrorText(errno));
  if (std::string why = NotRegular(st.st_mode); !why.empty()) return CannotRead(path, why);
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return CannotRead(path, SystemErrorText(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::fstat(fd, &st) != 0) return CannotRead(path, SystemErrorText(errno));
  if (std::string why = NotRegular(st.st_mode); !why.empty()) return CannotRead(path, why);
  if (st.st_size < 0 || static_cast<uintmax_t>(st.st_size) > limit) {
    return TooLarge(path, limit,
                    TrF("（{} 字节）", " ({} bytes)", static_cast<intmax_t>(st.st_size)));
  }
  // At most one byte more than allowed is read: a file that grew is refused, not read whole.
  std::string text(static_cast<size_t>(st.st_size) + 1, '\0');
  size_t size = 0;
  while (size < text.size()) {
    const ssize_t n = ::read(fd, text.data() + size, text.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return CannotRead(path, SystemErrorText(errno));
    if (n == 0) break;
    size += static_cast<size_t>(n);
    if (size > limit) return TooLarge(path, limit, "");
    if (size == text.size()) text.resize(std::min(size * 2, limit + 1));
  }
  text.resize(size);
  return text;
}

}  // namespace jixiao
