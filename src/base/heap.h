// The allocator made ready for a command that builds tens of megabytes of small objects in one
// go and then exits: importing, checking or rendering a long document (cli's PrepareHeapFor).
// glibc's malloc hands such a process its memory 4 KB at a time, each page a fault on first touch
// (about 4,900 of them in the import of a 200-page report, an eighth of its time), and maps every
// large buffer afresh as it grows. After PrepareHeap, large buffers come from the heap (and what is
// freed stays there to be reused until exit), and the heap's first `bytes` are backed by
// transparent huge pages (madvise MADV_HUGEPAGE, which the kernel honours in its default "madvise"
// mode): 2 MB a fault.
//
// Call once, early, from the main thread; it changes the process's allocator settings. Does
// nothing below 4 MB (a small input touches too little for it to pay), where the C library is
// not glibc, or where the kernel refuses the advice. It acts on glibc's malloc only: the light
// `jixiao`, whose allocator is mimalloc, runs itself again with mimalloc's own setting instead
// (RerunWithLargePages, cli/main.cc).
#pragma once

#include <cstddef>

namespace jixiao {

// Below this, PrepareHeap does nothing.
constexpr size_t kSmallestHeapToPrepare = size_t{4} << 20;

void PrepareHeap(size_t bytes);

}  // namespace jixiao
