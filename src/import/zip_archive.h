// ZipArchive: reading the members of an Office Open XML package (DOCX, XLSX) from memory,
// safely (our parser of the zip container, zlib's inflate: zip_archive.cc). Untrusted input: a
// corrupt archive, a member that does not exist, or a zip bomb (a member or a total beyond the size
// caps, or a member that inflates beyond the ratio cap) gives a Status naming the file and the
// member — never a crash or an unbounded allocation.
//
// Not thread-safe: one archive per thread. Messages follow the language in force (base/lang.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace jixiao {

struct ZipLimits {
  uint64_t max_member_bytes = 64ull << 20;  // one member, uncompressed
  uint64_t max_total_bytes = 256ull << 20;  // all members read from one archive
  uint64_t max_ratio = 200;                 // uncompressed ÷ compressed, for members > 1 MiB
  uint64_t max_members = 10000;
};

class ZipArchive {
 public:
  // Opens `bytes` (which must outlive the archive) and reads its central directory. Errors:
  // InvalidArgument "<file>: not a zip archive (...)" or Corruption "<file>: damaged zip
  // archive: ..." / "<file>: the archive has N members, more than the M allowed".
  static Result<std::unique_ptr<ZipArchive>> Open(std::string_view bytes, std::string file,
                                                  ZipLimits limits = {});
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool Has(const std::string& member) const;
  std::vector<std::string> Members() const;
  // The member's bytes. NotFound "<file>: no member <name>"; Corruption on bomb caps or a
  // damaged member (its data outside the file, a CRC mismatch, encrypted, a compression method
  // other than stored or deflate).
  Result<std::string> Read(const std::string& member);

 private:
  struct Entry {  // from the central directory
    std::string name;
    uint16_t flags = 0;
    uint16_t method = 0;
    uint32_t crc = 0;
    uint64_t compressed = 0;
    uint64_t size = 0;
    uint64_t local = 0;  // offset of the local header
  };
  ZipArchive(std::string_view bytes, std::string file, ZipLimits limits)
      : bytes_(bytes), file_(std::move(file)), limits_(limits) {}
  std::string_view bytes_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> index_;  // name → the first entry with it
  std::string file_;
  ZipLimits limits_;
  uint64_t total_read_ = 0;
};

// True when the bytes start like a zip archive ("PK\x03\x04").
bool LooksLikeZip(std::string_view bytes);

}  // namespace jixiao
