// libFuzzer target for the text importer and the recognizer: any bytes are read as a
// flattened document (loose tables, glued cells, run-together reports and all), recognised
// into a package — with no form, and with the bundled form whose layout the document fits, as
// `jixiao import` does (import/reading_spec.h) — written as JSON and read back, without
// crashing; the package written must parse.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/reading_spec.h"
#include "import/recognize.h"
#include "import/text_reader.h"
#include "model/package_json.h"
#include "render/form.h"

namespace {

void RoundTrip(const jixiao::ImportResult& result) {
  const std::string json = jixiao::WritePackageJson(result.package);
  if (!jixiao::ParsePackageJson(json, "again.json").ok()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The bundled forms always load; if they did not, that is the finding.
  static const std::vector<jixiao::ReadingSpec> specs = [] {
    jixiao::Result<std::vector<jixiao::ReadingSpec>> bundled = jixiao::BundledReadingSpecs();
    if (!bundled.ok()) {
      std::fprintf(stderr, "bundled forms: %s\n", bundled.status().message().c_str());
      std::abort();
    }
    return *std::move(bundled);
  }();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  jixiao::Result<jixiao::FlatDocument> doc = jixiao::ReadText(bytes, "fuzz.txt");
  if (!doc.ok()) {
    if (doc.status().message().rfind("fuzz.txt: ", 0) != 0) __builtin_trap();
    return 0;
  }
  RoundTrip(jixiao::Recognize(*doc));
  // The chosen form's wording, or (so that every form's wording is tried) the one the first
  // byte names.
  const std::optional<jixiao::LayoutMatch> match = jixiao::ChooseLayout(specs, *doc);
  const jixiao::ReadingSpec* spec =
      match ? match->spec : (specs.empty() ? nullptr : &specs[data[0] % specs.size()]);
  if (spec != nullptr) RoundTrip(jixiao::Recognize(*doc, spec->rulebook, spec));
  return 0;
}
