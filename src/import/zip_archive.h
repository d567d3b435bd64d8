// ZipArchive: reading the members of an Office Open XML package (DOCX, XLSX) from memory,
// safely. Untrusted input: a corrupt archive, a member that does not exist, or a zip bomb
// (a member or a total beyond the size caps, or a member that inflates beyond the ratio cap)
// gives a Status naming the file and the member — never a crash or an unbounded allocation.
//
// Not thread-safe: one archive per thread. Messages follow the language in force (base/lang.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct zip;
struct zip_source;

namespace jixiao {

struct ZipLimits {
  uint64_t max_member_bytes = 64ull << 20;  // one member, uncompressed
  uint64_t max_total_bytes = 256ull << 20;  // all members read from one archive
  uint64_t max_ratio = 200;                 // uncompressed ÷ compressed, for members > 1 MiB
  uint64_t max_members = 10000;
};

class ZipArchive {
 public:
  // Opens `bytes` (which must outlive the archive). Errors: InvalidArgument "<file>: not a
  // zip archive (...)" or Corruption "<file>: ...".
  static Result<std::unique_ptr<ZipArchive>> Open(std::string_view bytes, std::string file,
                                                  ZipLimits limits = {});
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool Has(const std::string& member) const;
  std::vector<std::string> Members() const;
  // The member's bytes. NotFound "<file>: no member <name>"; Corruption on bomb caps or a
  // damaged member.
  Result<std::string> Read(const std::string& member);

 private:
  ZipArchive(zip* archive, std::string file, ZipLimits limits)
      : archive_(archive), file_(std::move(file)), limits_(limits) {}
  zip* archive_;
  std::string file_;
  ZipLimits limits_;
  uint64_t total_read_ = 0;
};

// True when the bytes start like a zip archive ("PK\x03\x04").
bool LooksLikeZip(std::string_view bytes);

}  // namespace jixiao
