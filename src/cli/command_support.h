// What the command files share (commands.cc defines it; render_command.cc and
// review_command.cc use it): loading an input with its rulebook — each rulebook parsed once in a
// run of many files —, the counts of findings in words, and the refusal to write over an
// input. Kept apart from cli.h so that the command line (main.cc) needs none of the engine.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "cli/cli.h"
#include "import/importer.h"
#include "model/package.h"
#include "rules/rulebook.h"

namespace jixiao::cli {

// Hands a large result the command has finished with to the end of the process instead of
// freeing it: the process exits right after, and the kernel takes the memory back at once,
// where freeing a 200-page document's package and notes string by string was 8 % of its
// import. The value stays reachable (from a never-freed list), so leak checkers see no leak.
template <typename T>
void KeepUntilExit(T&& value) {
  static auto* const kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

// The bytes reading the input `file` is expected to build: about 128 times its size (a 200-page
// report: 16 MB; a package of a few dozen KB: a few MB); 0 for "-", standard input, whose size
// is not known in advance, and for a file that cannot be measured.
size_t HeapEstimateFor(const std::string& file);

// Readies glibc's allocator (base/heap.h) for the input `file` when HeapEstimateFor(file) is
// large enough for it to pay, so that a 200-page report is read with huge pages and a package
// of a few dozen KB is left alone. Call from the main thread before any other starts. In the
// light `jixiao`, whose allocator is mimalloc, it does nothing: main.cc has mimalloc readied the
// same way when the process starts (RerunWithLargePages).
void PrepareHeapFor(const std::string& file);

// The rulebooks of a run, each parsed once however many packages name it; safe to share
// between threads. A rulebook file named by packages is kept per folder of the packages and
// per name, since a name is read relative to the package that gives it.
class RulebookCache {
 public:
  // The rulebook `id` for the package at `path` ("-": standard input). `given`: the id comes
  // from --rulebook (read as given, not beside the package).
  Result<std::shared_ptr<const Rulebook>> Get(const std::string& id, bool given,
                                              const std::string& path);

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const Rulebook>> cache_;
};

// What the run needs of an input: the package and how its rulebook was chosen.
struct Loaded {
  Package package;
  std::shared_ptr<const Rulebook> rulebook;
  DocumentFormat format = DocumentFormat::kJson;
  ImportResult import;
  std::string rulebook_reason;  // "数据包指定" / "named by the package", …
};

// The name standard input goes by in messages and in the package's import record.
inline constexpr const char* kStdinName = "-";

// How the commands read a document that is not a package: in the layout of the bundled form
// that fits it best, with --rulebook if given.
Result<ImportOptions> CommandImportOptions(const Options& o);

// Loads a package (JSON, or a document imported on the fly; "-" is standard input) and the
// rulebook that applies to it. On failure returns false with the message in `*error`.
bool Load(const std::string& path, const Options& o, const ImportOptions& import_options,
          RulebookCache* rulebooks, Loaded* out, std::string* error);
// The same for a command of one input: prints the failure.
bool Load(const std::string& path, const Options& o, Loaded* out);

// "1 个错误、2 个不一致、6 个警告、3 个提示" / "1 error, 2 inconsistencies, 6 warnings, 3 notes";
// only the severities that occur.
std::string CountText(const std::array<size_t, 4>& counts);

// Refuses an output that is one of the inputs (the same file, also through a link). Prints the
// refusal and returns false.
bool OutputIsNoInput(const std::string& output, const std::vector<std::string>& inputs);

// The files a package run reads besides the package: a rulebook or form given as a path.
std::vector<std::string> InputFiles(const std::string& file, const Options& o,
                                    const std::string& form = "");

}  // namespace jixiao::cli
