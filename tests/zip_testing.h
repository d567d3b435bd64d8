// Test helper: a libzip source of `size` bytes of `fill`, produced on demand so that a zip-bomb
// member is never held in memory. Shared by the DOCX and XLSX reader tests.
#pragma once

#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace jixiao::testing {

namespace zip_internal {

struct Filled {
  uint64_t size = 0;
  char fill = 0;
  uint64_t offset = 0;
};

inline zip_int64_t FilledCallback(void* state, void* data, zip_uint64_t len,
                                  zip_source_cmd_t cmd) {
  auto* f = static_cast<Filled*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      f->offset = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const uint64_t n = std::min<uint64_t>(len, f->size - f->offset);
      std::memset(data, f->fill, n);
      f->offset += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = f->size;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(*st);
    }
    case ZIP_SOURCE_ERROR: {
      auto* e = static_cast<int*>(data);
      e[0] = e[1] = 0;
      return 2 * sizeof(int);
    }
    case ZIP_SOURCE_FREE:
      delete f;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

}  // namespace zip_internal

// A source for zip_file_add; libzip frees it (and its state) when the archive is closed.
inline zip_source_t* FilledSource(zip_t* archive, uint64_t size, char fill) {
  return zip_source_function(archive, zip_internal::FilledCallback,
                             new zip_internal::Filled{size, fill, 0});
}

}  // namespace jixiao::testing
