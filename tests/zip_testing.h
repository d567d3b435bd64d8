// Test helpers for zip archives, shared by the DOCX and XLSX reader tests: a libzip source of
// `size` bytes of `fill`, produced on demand so that a zip-bomb member is never held in memory,
// and an archive built in memory from named members.
#pragma once

#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

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

using Members = std::vector<std::pair<std::string, std::string>>;

// The members zipped (deflated) in memory by libzip.
inline std::string Zip(const Members& members) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr);
  for (const auto& [name, data] : members) {
    zip_source_t* s = zip_source_buffer(archive, data.data(), data.size(), 0);
    EXPECT_GE(zip_file_add(archive, name.c_str(), s, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(archive), 0);
  std::string out;
  zip_stat_t st;
  zip_source_stat(buffer, &st);
  out.resize(st.size);
  zip_source_open(buffer);
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

}  // namespace jixiao::testing
