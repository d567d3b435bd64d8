// Benchmark of ReadXlsx: one realistic workbook (three sheets of ~2,000 rows × 10 columns of
// Chinese text, money, percents and merges) read into a FlatDocument from memory, repeatedly.
// The workbook is the file named by JIXIAO_BENCH_XLSX, else one generated once with openpyxl
// (tests/fixtures/xlsx/make_fixtures.py bench) at /tmp/jixiao-bench.xlsx. bench/compare_xlsx.sh
// sets the same file for this benchmark and for openpyxl (bench/peer_xlsx.py) and prints the
// ratio. The main() is bench/check_bench.cc's.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "import/xlsx_reader.h"

namespace jixiao {
namespace {

struct Workbook {
  std::string path;
  std::string bytes;
  std::string error;  // why there is no workbook, or ""
};

const Workbook& GetWorkbook() {
  static const Workbook workbook = [] {
    Workbook w;
    if (const char* env = std::getenv("JIXIAO_BENCH_XLSX")) {
      w.path = env;
    } else {
      w.path = "/tmp/jixiao-bench.xlsx";
      if (!std::filesystem::exists(w.path)) {
        const char* source = std::getenv("JIXIAO_SOURCE_DIR");
        const std::string script = std::string(source != nullptr ? source : JIXIAO_SOURCE_DIR) +
                                   "/tests/fixtures/xlsx/make_fixtures.py";
        const std::string command = "/usr/bin/python3 " + script + " bench " + w.path;
        if (std::system(command.c_str()) != 0) {
          w.error = "cannot generate " + w.path +
                    " (needs /usr/bin/python3 with openpyxl); "
                    "set JIXIAO_BENCH_XLSX to an .xlsx file";
          return w;
        }
      }
    }
    std::ifstream in(w.path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    w.bytes = ss.str();
    if (!in || w.bytes.empty()) w.error = "cannot read " + w.path;
    return w;
  }();
  return workbook;
}

void BM_ReadXlsx(benchmark::State& state) {
  const Workbook& w = GetWorkbook();
  if (!w.error.empty()) {
    state.SkipWithError(w.error.c_str());
    return;
  }
  size_t cells = 0;
  for (auto _ : state) {
    Result<FlatDocument> d = ReadXlsx(w.bytes, w.path);
    if (!d.ok()) {
      state.SkipWithError(d.status().message().c_str());
      return;
    }
    cells = 0;
    for (const FlatBlock& b : d->blocks) {
      for (const FlatRow& r : b.table.rows) cells += r.cells.size();
    }
    benchmark::DoNotOptimize(cells);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * w.bytes.size()));
  state.counters["cells"] = static_cast<double>(cells);
  state.counters["cells_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * static_cast<double>(cells),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadXlsx)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace jixiao
