// Zip archives made in memory, for the Office files we write (render/docx_writer.h): members
// stored or deflated by zlib, in the order added, with a fixed MS-DOS timestamp, so that the same
// members always give the same bytes. zlib is all it needs (libzip would bring libcrypto, GnuTLS
// and libbz2 with it: a few milliseconds of loading for every `jixiao render`). Its reader is
// import/zip_archive.h.
//
// The format written (PKWARE APPNOTE 6.3): for each member a local header with the CRC-32 and
// both sizes (no data descriptor), names in UTF-8 (general purpose bit 11), version needed 2.0;
// then the central directory and its end record. No ZIP64: an archive or member at or above
// 4 GiB, or more than 65,535 members, is refused with a clear error.
//
// Not thread-safe per object; separate writers are independent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace jixiao {

class ZipWriter {
 public:
  // `what` names the document in errors ("the Word document").
  explicit ZipWriter(std::string what) : what_(std::move(what)) {}

  // Adds a member; `compress`: deflated at zlib's fastest level (XML), else stored (already
  // compressed). IOError when zlib fails (memory) or a limit above is passed.
  Status Add(std::string_view name, std::string_view data, bool compress);

  // The archive's bytes; the writer is empty afterwards.
  Result<std::string> Finish();

 private:
  struct Entry {
    std::string name;
    uint32_t crc = 0;
    uint32_t compressed = 0;
    uint32_t size = 0;
    uint16_t method = 0;
    uint32_t offset = 0;
  };
  static void PutCommonFields(const Entry& e, std::string* out);
  Status Error(std::string_view detail) const;

  std::string what_;
  std::string out_;
  std::vector<Entry> entries_;
};

}  // namespace jixiao
