// libFuzzer target for indicator targets and actuals: any target/actual text pair (split at
// the first NUL byte) is read and scored under both bundled rulebooks without crashing, and a
// score, when there is one, lies within [0, weight].
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "compute/scoring.h"
#include "model/target.h"
#include "rules/rulebook.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const jixiao::Rulebook national = jixiao::BundledRulebook("national").value();
  static const jixiao::Rulebook lingling = jixiao::BundledRulebook("hunan-lingling").value();
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const size_t split = all.find('\0');
  jixiao::Indicator leaf;
  leaf.name = "fuzz";
  leaf.target = std::string(all.substr(0, split));
  leaf.actual = split == std::string_view::npos ? "" : std::string(all.substr(split + 1));
  leaf.weight = jixiao::Cell::Number(jixiao::Decimal::FromInt(10));
  (void)jixiao::ParseTarget(leaf.target);
  (void)jixiao::ParseActual(leaf.actual);
  for (const jixiao::Rulebook* rb : {&national, &lingling}) {
    const jixiao::LeafScore s = jixiao::ScoreLeaf(leaf, *rb);
    if (s.method == jixiao::ScoreMethod::kNotAssessable) continue;
    if (s.computed.valid() &&
        (s.computed.lo().sign() < 0 || s.computed.hi() > jixiao::Decimal::FromInt(10))) {
      __builtin_trap();
    }
  }
  return 0;
}
