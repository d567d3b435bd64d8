// PrepareHeap, in a child process (it changes the allocator of the process that calls it): large
// blocks come from the heap afterwards, and the heap is advised for huge pages where the kernel
// takes the advice.
#include "base/heap.h"

#include <gtest/gtest.h>
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace jixiao {
namespace {

// Under AddressSanitizer its allocator stands in for glibc's, which PrepareHeap tunes.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kGlibcMalloc = false;
#else
constexpr bool kGlibcMalloc = true;
#endif

// Whether the kernel backs madvised memory with transparent huge pages.
bool KernelTakesHugePageAdvice() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return modes.find("[always]") != std::string::npos ||
         modes.find("[madvise]") != std::string::npos;
}

// Whether the mapping that holds `p` is eligible for huge pages (/proc/self/smaps).
bool EligibleForHugePages(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<uintptr_t>(p);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= at && at < to;
    } else if (inside && line.rfind("THPeligible:", 0) == 0) {
      return line.find('1') != std::string::npos;
    }
  }
  return false;
}

// Runs `body` in a child; its exit status (0 = every expectation held there).
int InChild(int (*body)()) {
  const pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

TEST(PrepareHeap, LargeBlocksComeFromTheAdvisedHeap) {
  if (!kGlibcMalloc) GTEST_SKIP() << "glibc's own malloc is needed";
  static const bool advised = KernelTakesHugePageAdvice();
  const int status = InChild([]() -> int {
    PrepareHeap(size_t{24} << 20);
    // 8 MB: above glibc's default mmap threshold, so without PrepareHeap it is a mapping of its
    // own; now it is carved from the heap.
    void* block = std::malloc(size_t{8} << 20);
    if (block == nullptr) return 1;
    if (mallinfo2().hblkhd != 0) return 2;
    if (advised && !EligibleForHugePages(static_cast<char*>(block) + (size_t{4} << 20))) return 3;
    std::free(block);
    return 0;
  });
  EXPECT_EQ(status, 0) << "1: no memory; 2: the block was mapped apart from the heap; 3: the "
                          "heap is not eligible for huge pages";
}

TEST(PrepareHeap, SmallWorkLeavesTheAllocatorAsItIs) {
  if (!kGlibcMalloc) GTEST_SKIP() << "glibc's own malloc is needed";
  const int status = InChild([]() -> int {
    PrepareHeap(size_t{1} << 20);
    void* block = std::malloc(size_t{8} << 20);
    if (block == nullptr) return 1;
    const bool mapped = mallinfo2().hblkhd != 0;  // the default: a mapping of its own
    std::free(block);
    return mapped ? 0 : 2;
  });
  EXPECT_EQ(status, 0);
}

}  // namespace
}  // namespace jixiao
