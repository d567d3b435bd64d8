// libFuzzer target for the whole `check` / `score` pipeline: any bytes that parse as a package
// are scored and checked under both bundled rulebooks, and every diagnostic is rendered as
// text and JSON, without crashing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check/checker.h"
#include "compute/scoring.h"
#include "model/package_json.h"
#include "present/diagnostic_format.h"
#include "present/score_format.h"
#include "rules/rulebook.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const jixiao::Rulebook national = jixiao::BundledRulebook("national").value();
  static const jixiao::Rulebook lingling = jixiao::BundledRulebook("hunan-lingling").value();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jixiao::Result<jixiao::Package> p = jixiao::ParsePackageJson(text, "fuzz.json");
  if (!p.ok()) return 0;
  for (const jixiao::Rulebook* rb : {&national, &lingling}) {
    const jixiao::ScoreSheet sheet = jixiao::ScorePackage(*p, *rb);
    const auto found = jixiao::CheckPackage(*p, *rb, sheet);
    const jixiao::FormatOptions options{true, p->fiscal_year};
    for (const jixiao::Diagnostic& d : found) {
      (void)jixiao::FormatDiagnosticText(d, options);
      (void)jixiao::DiagnosticJson(d, options).dump();
    }
    (void)jixiao::FormatScoreText(*p, *rb, sheet, found, options);
    (void)jixiao::ScoreJson(*p, *rb, sheet, found, options).dump();
  }
  return 0;
}
