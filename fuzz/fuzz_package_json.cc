// libFuzzer target for the package JSON reader: any bytes must give a Package or a Status,
// never a crash, a hang or an exception. Also checks four invariants:
//   - a package that reads writes canonically and reads back to the same text;
//   - every error message starts with the source name and a line:column;
//   - LocateJsonPointer agrees with nlohmann::json on whether the text is well-formed JSON
//     (except for numbers beyond the range of a double, which only nlohmann rejects);
//   - PackageFromJson over nlohmann's parse of the text agrees with ParsePackageJson.
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

bool has_nul_byte(std::string_view text) { return text.find('\0') != std::string_view::npos; }

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
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    nlohmann_error = e.id;
  }
  // PackageFromJson (the server's reader of a patched document) on the same value agrees with
  // the text reader: the same verdict, the same canonical text. nlohmann keeps the last of
  // repeated keys where the text reader refuses them, so those are left out.
  if (nlohmann_error == 0 && !has_nul_byte(text)) {
    const std::string why = r.ok() ? "" : r.status().message();
    const bool repeated = why.find("重复") != std::string::npos ||
                          why.find("repeated key") != std::string::npos;
    if (!repeated) {
      const jixiao::Result<jixiao::Package> v = jixiao::PackageFromJson(value, "fuzz.json");
      if (v.ok() != r.ok()) std::abort();
      if (v.ok() && jixiao::WritePackageJson(*v) != jixiao::WritePackageJson(*r)) std::abort();
    }
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
