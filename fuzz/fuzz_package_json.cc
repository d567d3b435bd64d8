// libFuzzer target for the package JSON reader: any bytes must give a Package or a Status,
// never a crash, a hang or an exception. Also checks three invariants:
//   - a package that reads writes canonically and reads back to the same text;
//   - every error message starts with the source name and a line:column;
//   - LocateJsonPointer agrees with nlohmann::json on whether the text is well-formed JSON
//     (except for numbers beyond the range of a double, which only nlohmann rejects).
// Each input is tried as given and after a package head, so that mutations reach the reader
// of the fields, not only the schema check.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "model/json_locate.h"
#include "model/package_json.h"

namespace {

void Check(std::string_view text) {
  const jixiao::Result<jixiao::Package> r = jixiao::ParsePackageJson(text, "fuzz.json");
  if (r.ok()) {
    const std::string once = jixiao::WritePackageJson(*r);
    const jixiao::Result<jixiao::Package> again = jixiao::ParsePackageJson(once, "again.json");
    if (!again.ok() || jixiao::WritePackageJson(*again) != once) std::abort();
  } else if (r.status().message().rfind("fuzz.json:", 0) != 0) {
    std::abort();
  }
  // nlohmann::json stops at a NUL byte; LocateJsonPointer and ParsePackageJson reject it.
  // LocateJsonPointer checks only the syntax of numbers; nlohmann::json also rejects those
  // beyond the range of a double (error 406).
  const bool located = jixiao::LocateJsonPointer(text, "").has_value();
  const bool has_nul = text.find('\0') != std::string_view::npos;
  int nlohmann_error = 0;
  try {
    (void)nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    nlohmann_error = e.id;
  }
  if (has_nul) {
    if (located) std::abort();
  } else if (located != (nlohmann_error == 0) && !(located && nlohmann_error == 406)) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Check(text);
  Check(std::string(R"({"schema": "jixiao.package/1", )") + std::string(text));
  return 0;
}
