// A package version as the engine sees it, evaluated once per process. A stored version never
// changes and is named by the SHA-256 of its canonical JSON, so what the engine says about it
// (its diagnostics, score sheet and summary, and the JSON written from them) is computed once
// and shared by the pages, checks and saves that ask again, until the least recently used
// entries make room. An edit not stored yet (a live check, a save) is named the same way once
// written canonically, so saving what was just checked does not evaluate it twice.
//
// Safe from any thread; the entries are immutable.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"
#include "model/package.h"
#include "server/package_ops.h"

namespace jixiao::server {

struct Evaluated {
  std::string canonical;  // WritePackageJson(package), as the store keeps it
  std::string sha256;     // hex, of `canonical`
  nlohmann::json doc;     // `canonical`, parsed
  Package package;
  Evaluation evaluation;  // under RulebookFor(package.rulebook, the region's rulebook)
};
using EvaluatedPtr = std::shared_ptr<const Evaluated>;

// A stored version: `canonical` is its JSON and `sha256` its hash, as the store has them;
// `region_rulebook` the rulebook of the package's region (used when the package names none).
// Corruption when the stored JSON does not read as a package.
Result<EvaluatedPtr> EvaluateStored(const std::string& canonical, const std::string& sha256,
                                    const std::string& region_rulebook);

// The evaluation of the version whose JSON has hash `sha256`, if this process has it.
EvaluatedPtr FindEvaluated(const std::string& sha256, const std::string& region_rulebook);

// An edited document (a version with a JSON Patch applied, or a whole package sent) validated
// as a package and written canonically, not evaluated yet.
struct Edited {
  Package package;
  std::string canonical;  // WritePackageJson(package)
  std::string sha256;     // hex, of `canonical`
};
// InvalidArgument naming the pointer of the first problem when `doc` is not a package.
Result<Edited> ValidateEdited(const nlohmann::json& doc);
// Its evaluation, found or computed.
EvaluatedPtr EvaluateEdited(Edited edited, const std::string& region_rulebook);

// How often an evaluation was found rather than computed (for tests and the log).
struct EvaluationCacheStats {
  size_t entries = 0, hits = 0, misses = 0;
};
EvaluationCacheStats EvaluationCacheCounts();

}  // namespace jixiao::server
