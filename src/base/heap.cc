// PrepareHeap: mallopt, then one block as large as asked taken from the heap, advised and given
// back to the heap (not to the system: the trim threshold is above it).
#include "base/heap.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

namespace jixiao {

void PrepareHeap(size_t bytes) {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  constexpr size_t kHugePage = size_t{2} << 20;
  // glibc's ceiling for the mmap threshold on 64-bit systems.
  constexpr size_t kLargestFromHeap = size_t{32} << 20;
  if (bytes < kSmallestHeapToPrepare) return;
  bytes = std::min(bytes, kLargestFromHeap - kHugePage);
  if (mallopt(M_MMAP_THRESHOLD, static_cast<int>(kLargestFromHeap)) == 0) return;
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kLargestFromHeap));
  void* block = std::malloc(bytes);
  if (block == nullptr) return;
  const auto begin = reinterpret_cast<uintptr_t>(block);
  const uintptr_t first = (begin + kHugePage - 1) / kHugePage * kHugePage;
  const uintptr_t last = (begin + bytes) / kHugePage * kHugePage;
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  std::free(block);
#else
  (void)bytes;
#endif
}

}  // namespace jixiao
