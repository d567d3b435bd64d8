// libFuzzer target for rulebook parsing: any bytes given to ParseRulebook must yield a
// Rulebook or an InvalidArgument, never a crash, a hang or an escaped exception. A rulebook
// that parses is also queried (ordinal level, grade) to exercise what the parser let through.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rules/rulebook.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jixiao::Result<jixiao::Rulebook> rb = jixiao::ParseRulebook(text, "fuzz.toml");
  if (!rb.ok()) {
    // Every failure is an InvalidArgument with a "fuzz.toml:" prefix.
    if (rb.status().code() != jixiao::Status::Code::kInvalidArgument) __builtin_trap();
    if (rb.status().message().rfind("fuzz.toml:", 0) != 0) __builtin_trap();
    return 0;
  }
  jixiao::OrdinalLevel(*rb, text.substr(0, 64));
  for (const char* total : {"0", "59.99", "60", "89.99", "90", "100", "100.01", "-1"}) {
    const std::string grade = jixiao::GradeOf(*rb, *jixiao::Decimal::Parse(total));
    // A validated rulebook grades every total in [0, total_weight].
    const jixiao::Decimal value = *jixiao::Decimal::Parse(total);
    if (value.sign() >= 0 && value <= rb->total_weight && grade.empty()) __builtin_trap();
  }
  return 0;
}
