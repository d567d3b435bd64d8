// Evaluations kept per version hash (evaluated.h).
#include "server/evaluated.h"

#include "base/lru_cache.h"
#include "model/package_json.h"
#include "server/auth.h"

namespace jixiao::server {
namespace {

using nlohmann::json;

// About 1 MB an entry for the example (the parsed JSON dominates): enough for the versions
// being edited and viewed at once on one server, small beside its memory.
constexpr size_t kCapacity = 128;

LruCache<Evaluated>& Cache() {
  static LruCache<Evaluated> cache(kCapacity);
  return cache;
}

std::string Key(const std::string& sha256, const std::string& region_rulebook) {
  return sha256 + '\n' + region_rulebook;
}

// Fills the evaluation of `e` (its package, canonical text and hash already there) and keeps it.
EvaluatedPtr Finish(std::shared_ptr<Evaluated> e, const std::string& key,
                    const std::string& region_rulebook) {
  std::shared_ptr<const Rulebook> rb = RulebookFor(e->package.rulebook, region_rulebook);
  e->evaluation = EvaluatePackage(e->package, *rb);
  EvaluatedPtr done = std::move(e);
  Cache().Put(key, done);
  return done;
}

}  // namespace

Result<EvaluatedPtr> EvaluateStored(const std::string& canonical, const std::string& sha256,
                                    const std::string& region_rulebook) {
  const std::string key = Key(sha256, region_rulebook);
  if (EvaluatedPtr found = Cache().Get(key)) return found;
  auto e = std::make_shared<Evaluated>();
  e->doc = json::parse(canonical, nullptr, false);
  if (e->doc.is_discarded()) {
    return Status::Corruption("stored package JSON " + sha256.substr(0, 12) + " does not parse");
  }
  Result<Package> p = PackageFromJson(e->doc, "package.json");
  if (!p.ok()) {
    return Status::Corruption("stored package " + sha256.substr(0, 12) + ": " +
                              p.status().message());
  }
  e->package = std::move(p).value();
  e->canonical = canonical;
  e->sha256 = sha256;
  return Finish(std::move(e), key, region_rulebook);
}

EvaluatedPtr FindEvaluated(const std::string& sha256, const std::string& region_rulebook) {
  return Cache().Get(Key(sha256, region_rulebook));
}

Result<Edited> ValidateEdited(const json& doc) {
  Result<Package> p = PackageFromJson(doc, "package.json");
  if (!p.ok()) return p.status();
  Edited e{std::move(p).value(), "", ""};
  e.canonical = WritePackageJson(e.package);
  e.sha256 = Sha256Hex(e.canonical);
  return e;
}

EvaluatedPtr EvaluateEdited(Edited edited, const std::string& region_rulebook) {
  const std::string key = Key(edited.sha256, region_rulebook);
  if (EvaluatedPtr found = Cache().Get(key)) return found;
  auto e = std::make_shared<Evaluated>();
  // The canonical form, not the document sent: it is what is stored and what diffs compare
  // (the value of the canonical text, built from the package rather than parsed from it).
  e->doc = PackageJsonTree(edited.package);
  e->package = std::move(edited.package);
  e->canonical = std::move(edited.canonical);
  e->sha256 = std::move(edited.sha256);
  return Finish(std::move(e), key, region_rulebook);
}

EvaluationCacheStats EvaluationCacheCounts() {
  return {Cache().size(), Cache().hits(), Cache().misses()};
}

}  // namespace jixiao::server
