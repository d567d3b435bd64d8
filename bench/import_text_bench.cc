// Benchmark of text import at growing sizes: the package of tests/package_text.h grown to 1, 10
// and 100 MB by repeating its table rows (projects, indicators) and report paragraphs (every
// section long), imported from the bytes in memory as `jixiao import` does (LoadPackageBytes:
// encoding detection, the text reader, the recognizer; writing the JSON is not included). Time
// per MB stays flat when import is linear: the growth table in docs/performance.md comes from
//   build/jixiao_bench --benchmark_filter='BM_ImportText' --benchmark_counters_tabular=true
// BM_ImportTextOneSection puts the whole report in one section (once quadratic: each line
// recounted the section's lines); BM_ImportTextGb18030 reads the text saved as GB18030 (the
// conversion to UTF-8 included); BM_ReadText runs only the text reader (no recognizer).
// BM_WritePackageJsonGrown writes the imported package of each size as package JSON (what
// `jixiao import` does next; its provenance holds one entry per line, once quadratic to write).
#include <benchmark/benchmark.h>
#include <unicode/ucnv.h>

#include <string>

#include "../tests/package_text.h"
#include "import/importer.h"
#include "import/text_reader.h"
#include "model/package_json.h"

namespace jixiao {
namespace {

// The package grown to `megabytes` MB (1, 10 or 100), its report spread over ten sections or
// all in one (the case that was quadratic: 8 MB took minutes).
const std::string& Text(int megabytes, bool one_section = false) {
  static std::string cached[2][3];
  const int i = megabytes >= 100 ? 2 : megabytes >= 10 ? 1 : 0;
  std::string& text = cached[one_section ? 1 : 0][i];
  if (text.empty()) {
    text = testing::RepeatedPackageText(static_cast<size_t>(megabytes) * 1000 * 1000, one_section);
  }
  return text;
}

std::string ToGb18030(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() + 16, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    err = U_ZERO_ERROR;
    const int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                   utf8.data(), static_cast<int32_t>(utf8.size()), &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      out.resize(static_cast<size_t>(n) + 16);
      continue;
    }
    out.resize(U_SUCCESS(err) ? static_cast<size_t>(n) : 0);
    break;
  }
  return out;
}

void Report(benchmark::State& state, size_t bytes) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["s_per_MB"] = benchmark::Counter(
      static_cast<double>(bytes) / 1e6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void Import(benchmark::State& state, const std::string& bytes) {
  size_t lines = 0;
  for (auto _ : state) {
    Result<LoadedPackage> loaded = LoadPackageBytes(bytes, "big.txt");
    if (!loaded.ok()) {
      state.SkipWithError(loaded.status().message().c_str());
      return;
    }
    lines = loaded->package.provenance.size();
    benchmark::DoNotOptimize(loaded->package.report.sections.data());
  }
  Report(state, bytes.size());
  state.counters["placed"] = static_cast<double>(lines);
}

// The package imported from the text of `megabytes` MB, once.
const Package& Imported(int megabytes) {
  static Package cached[3];
  static bool done[3] = {false, false, false};
  const int i = megabytes >= 100 ? 2 : megabytes >= 10 ? 1 : 0;
  if (!done[i]) {
    Result<LoadedPackage> loaded = LoadPackageBytes(Text(megabytes), "big.txt");
    if (loaded.ok()) cached[i] = std::move(loaded->package);
    done[i] = true;
  }
  return cached[i];
}

void BM_WritePackageJsonGrown(benchmark::State& state) {
  const Package& p = Imported(static_cast<int>(state.range(0)));
  if (p.provenance.empty()) {
    state.SkipWithError("the text did not import");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json = WritePackageJson(p);
    bytes = json.size();
    benchmark::DoNotOptimize(json.data());
  }
  Report(state, bytes);
  state.counters["provenance"] = static_cast<double>(p.provenance.size());
}
BENCHMARK(BM_WritePackageJsonGrown)
    ->Arg(1)
    ->Arg(10)
    ->Arg(100)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);

void BM_ImportText(benchmark::State& state) {
  Import(state, Text(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_ImportText)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ImportTextOneSection(benchmark::State& state) {
  Import(state, Text(static_cast<int>(state.range(0)), /*one_section=*/true));
}
BENCHMARK(BM_ImportTextOneSection)
    ->Arg(1)
    ->Arg(10)
    ->Arg(100)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

void BM_ImportTextGb18030(benchmark::State& state) {
  const std::string gb = ToGb18030(Text(static_cast<int>(state.range(0))));
  if (gb.empty()) {
    state.SkipWithError("GB18030 conversion failed");
    return;
  }
  Import(state, gb);
}
BENCHMARK(BM_ImportTextGb18030)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ReadText(benchmark::State& state) {
  const std::string& bytes = Text(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    Result<FlatDocument> doc = ReadText(bytes, "big.txt");
    if (!doc.ok()) {
      state.SkipWithError(doc.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(doc->blocks.data());
  }
  Report(state, bytes.size());
}
BENCHMARK(BM_ReadText)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace jixiao
