// Files on disk, written so that a clerk's data is never lost: every write goes to a temporary
// file in the target's own folder, is flushed to the disk, and only then renamed over the
// target, so a failure (disk full, read-only folder, a killed process) leaves the previous file
// as it was and never a half-written one. Several files that belong together (the formats of one
// `render`) are staged first and renamed together at the end. Also: telling whether two paths
// name the same file (through links), reading a file of bounded size, and the system's reason
// for a failure in the language in force (base/lang.h).
//
// Example:
//   Status s = WriteFileAtomically("out/x.json", json);   // IOError "无法写入
//   out/x.json：磁盘已满"
//
//   StagedFiles files;
//   files.Stage("out/x.docx", docx);
//   files.StageWith("out/x.xlsx", [&](const std::string& tmp) { return WriteXlsx(doc, tmp); });
//   Result<...> done = files.Commit();   // all renamed, or none when staging failed
//
// A StagedFiles belongs to one thread; the free functions are safe from any thread. Temporary
// files are named ".<name>.jixiao-<random>" beside their target. While a write or a StagedFiles
// is under way the calling thread holds SIGINT, SIGTERM and SIGHUP back, so Ctrl-C ends the
// process only after the temporary files are renamed or removed (a SIGKILL cannot be held: it
// may leave a hidden temporary file, never a partial target). A target that is a device or a
// pipe (/dev/null, /dev/stdout) is not replaced: its bytes are staged in the system's temporary
// folder and written into it at the end.
#pragma once

#include <signal.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace jixiao {

// The system's reason for `error` (an errno value) in the language in force: "磁盘空间不足" /
// "No space left on device".
std::string SystemErrorText(int error);

// True when both paths exist and name the same file: the same device and inode, so a symbolic
// or hard link to a file is that file.
bool SameFile(const std::string& a, const std::string& b);

// Writes `bytes` to `path` atomically (see above). IOError naming the path and the system's
// reason; the previous file, if any, is unchanged and no temporary file is left.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// Files written together: each staged to a temporary file beside its target, then all renamed at
// once by Commit. Whatever is not committed is removed when the object ends.
class StagedFiles {
 public:
  StagedFiles() = default;
  ~StagedFiles();
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;

  // Stages `bytes` for `path`. IOError as WriteFileAtomically; the failed one leaves nothing.
  Status Stage(const std::string& path, std::string_view bytes);
  // Stages the file that `write` writes to the temporary path it is given (for writers that
  // write files themselves); the file is then flushed to the disk.
  Status StageWith(const std::string& path,
                   const std::function<Status(const std::string& temporary)>& write);

  struct Outcome {
    std::vector<std::string> written;      // targets now in place, in the order staged
    std::vector<std::string> not_written;  // targets left as they were
    Status status;                         // the first failure, or Ok
  };
  // Renames every staged file over its target, in order; stops at the first failure (the
  // remaining temporary files are removed) and says which targets were written and which not.
  Outcome Commit();
  // Removes every staged temporary file; nothing is replaced.
  void Abandon();

  // The staged targets, in order.
  std::vector<std::string> targets() const;

 private:
  struct Entry {
    std::string target;
    std::string temporary;
  };
  void HoldSignals();
  void ReleaseSignals();
  std::vector<Entry> entries_;
  bool holding_ = false;
  sigset_t saved_mask_{};  // the thread's signal mask before holding
};

// Reads at most `limit` bytes of a regular file. InvalidArgument when `path` is a folder, a
// device, a FIFO or a socket, or larger than `limit` (naming the limit); IOError with the
// system's reason when it cannot be opened or read. Never blocks on a FIFO.
Result<std::string> ReadRegularFile(const std::string& path, size_t limit);

}  // namespace jixiao
