// The inputs of the render fuzz targets (fuzz_render.cc, fuzz_pdf.cc): a package, given as
// package JSON, or — when the input starts with '/' — as lines "<JSON pointer>=<text>" that
// replace values of the bundled example (examples/lingling-kexie-2024.json, read next to this
// source file; "=null" blanks a value), so that mutations spend their time on figures and words
// rather than on JSON syntax. Compose() reads it, prepares it (render/prepare.h) and lays it out
// with the bundled form for its rulebook and year (render/compose.h), checking that compose
// fails only with InvalidArgument.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "model/package_json.h"
#include "render/compose.h"
#include "render/form.h"
#include "render/prepare.h"
#include "rules/rulebook.h"

namespace fuzzing {

inline void Require(bool condition) {
  if (!condition) std::abort();
}

inline bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::string_view(s).substr(0, prefix.size()) == prefix;
}

// The bundled example as JSON, or nullopt when it cannot be read (the patch inputs are then
// ignored).
inline const std::optional<nlohmann::ordered_json>& Example() {
  static const std::optional<nlohmann::ordered_json> example =
      []() -> std::optional<nlohmann::ordered_json> {
    const std::filesystem::path path = std::filesystem::path(__FILE__).parent_path().parent_path() /
                                       "examples" / "lingling-kexie-2024.json";
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
  }();
  return example;
}

// The example with each "<pointer>=<text>" line applied to a value it has; other lines are
// skipped.
inline std::optional<std::string> Patched(std::string_view lines) {
  if (!Example()) return std::nullopt;
  nlohmann::ordered_json j = *Example();
  size_t start = 0;
  while (start < lines.size()) {
    size_t end = lines.find('\n', start);
    if (end == std::string_view::npos) end = lines.size();
    const std::string_view line = lines.substr(start, end - start);
    start = end + 1;
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    try {
      const nlohmann::ordered_json::json_pointer pointer{std::string(line.substr(0, eq))};
      if (!j.contains(pointer)) continue;
      nlohmann::ordered_json& target = j[pointer];
      if (target.is_structured()) continue;
      const std::string_view value = line.substr(eq + 1);
      if (value == "null") {
        target = nullptr;
      } else {
        target = std::string(value);
      }
    } catch (const nlohmann::json::exception&) {
      continue;  // not a pointer
    }
  }
  // Invalid UTF-8 in a patched value: dump() replaces it, so the package stays readable JSON.
  return j.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

struct Composed {
  jixiao::PreparedPackage prepared;
  std::optional<jixiao::RenderDocument> doc;  // nullopt when compose refused the package
};

// The input's package prepared and composed; nullopt when the input is not a package.
inline std::optional<Composed> Compose(const uint8_t* data, size_t size) {
  static const jixiao::Rulebook national = jixiao::BundledRulebook("national").value();
  static const jixiao::Rulebook lingling = jixiao::BundledRulebook("hunan-lingling").value();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<std::string> patched;
  if (!text.empty() && text.front() == '/') {
    patched = Patched(text);
    if (!patched) return std::nullopt;
    text = *patched;
  }
  jixiao::Result<jixiao::Package> package = jixiao::ParsePackageJson(text, "fuzz.json");
  if (!package.ok()) return std::nullopt;
  const jixiao::Rulebook& rulebook = package->rulebook == "hunan-lingling" ? lingling : national;
  jixiao::Result<jixiao::Form> form = jixiao::DefaultFormFor(*package);
  Require(form.ok());
  Composed out;
  out.prepared = jixiao::PrepareForRender(*package, rulebook);
  jixiao::Result<jixiao::RenderDocument> doc =
      jixiao::ComposeDocument(out.prepared, rulebook, *form);
  if (doc.ok()) {
    out.doc = std::move(doc).value();
  } else {
    Require(doc.status().code() == jixiao::Status::Code::kInvalidArgument);
  }
  return out;
}

}  // namespace fuzzing
