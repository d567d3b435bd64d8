// Benchmark of the package JSON format on the bundled example (examples/lingling-kexie-2024.json,
// 24 KB): writing the canonical text (WritePackageJson, what every save and import does),
// reading it (ParsePackageJson), and reading an already parsed value (PackageFromJson, what the
// server does after a JSON Patch). As a reference in the same run, nlohmann's own round trip of
// the same text: parse into an ordered_json tree and dump it with the same indentation — the
// work WritePackageJson did before it wrote the text directly.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "model/package_json.h"

namespace jixiao {
namespace {

std::string SourceDir() {
  if (const char* env = std::getenv("JIXIAO_SOURCE_DIR")) return env;
  return JIXIAO_SOURCE_DIR;
}

const Package& Example() {
  static const Package p = [] {
    Result<Package> r = LoadPackageFile(SourceDir() + "/examples/lingling-kexie-2024.json");
    if (!r.ok()) std::abort();
    return std::move(r).value();
  }();
  return p;
}

void BM_WritePackageJson(benchmark::State& state) {
  const Package& p = Example();
  size_t bytes = 0;
  for (auto _ : state) {
    std::string text = WritePackageJson(p);
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_WritePackageJson)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

// The reference: a tree built and dumped, as the writer used to.
void BM_OrderedJsonTreeAndDump(benchmark::State& state) {
  const nlohmann::ordered_json tree = nlohmann::ordered_json::parse(WritePackageJson(Example()));
  for (auto _ : state) {
    nlohmann::ordered_json copy = tree;  // building a tree of the same shape
    std::string text = copy.dump(2);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_OrderedJsonTreeAndDump)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

void BM_ParsePackageJson(benchmark::State& state) {
  const std::string text = WritePackageJson(Example());
  for (auto _ : state) {
    Result<Package> p = ParsePackageJson(text, "example.json");
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_ParsePackageJson)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

void BM_PackageFromJson(benchmark::State& state) {
  const nlohmann::json value = nlohmann::json::parse(WritePackageJson(Example()));
  for (auto _ : state) {
    Result<Package> p = PackageFromJson(value, "example.json");
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_PackageFromJson)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

// The value a save keeps for diffs and patches: parsed from the canonical text, as the server
// did, against built from the package (PackageJsonTree), as it does now.
void BM_CanonicalValueParsed(benchmark::State& state) {
  const std::string text = WritePackageJson(Example());
  for (auto _ : state) {
    nlohmann::json value = nlohmann::json::parse(text);
    benchmark::DoNotOptimize(value);
  }
}
BENCHMARK(BM_CanonicalValueParsed)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

void BM_CanonicalValueBuilt(benchmark::State& state) {
  for (auto _ : state) {
    nlohmann::json value = PackageJsonTree(Example());
    benchmark::DoNotOptimize(value);
  }
}
BENCHMARK(BM_CanonicalValueBuilt)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

}  // namespace
}  // namespace jixiao
