// libFuzzer target for the zip container reader (import/zip_archive.h): any bytes open to an
// archive or a Status naming the file; every member listed reads to its bytes or a Status naming
// the member — never a crash, a hang or an unbounded allocation (the caps are small here).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "import/zip_archive.h"

namespace {

void Require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  jixiao::ZipLimits limits;
  limits.max_member_bytes = 1 << 20;
  limits.max_total_bytes = 4 << 20;
  limits.max_members = 1000;
  jixiao::Result<std::unique_ptr<jixiao::ZipArchive>> zip =
      jixiao::ZipArchive::Open(bytes, "fuzz.zip", limits);
  if (!zip.ok()) {
    Require(zip.status().message().rfind("fuzz.zip: ", 0) == 0);
    return 0;
  }
  for (const std::string& name : (*zip)->Members()) {
    Require((*zip)->Has(name));
    jixiao::Result<std::string> member = (*zip)->Read(name);
    if (member.ok()) {
      Require(member->size() <= limits.max_member_bytes);
    } else {
      Require(member.status().message().rfind("fuzz.zip: ", 0) == 0);
    }
  }
  return 0;
}
