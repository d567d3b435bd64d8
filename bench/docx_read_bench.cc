// Benchmark of the DOCX importer: ReadDocx on one realistic report (about ten pages: 100
// paragraphs of Chinese prose and two 40-row tables with merged cells), from the bytes in
// memory to the FlatDocument. The file is $JIXIAO_BENCH_DOCX, or else one written by
// bench/make_docx_fixture.py (python-docx) into the temp dir. bench/compare_docx.sh runs this
// and python-docx (bench/peer_docx.py) on the same file and prints the ratio.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "import/docx_reader.h"

namespace jixiao {
namespace {

std::string BenchSourceDir() {
  if (const char* env = std::getenv("JIXIAO_SOURCE_DIR")) return env;
  return JIXIAO_SOURCE_DIR;
}

// The benchmark's file: its path, or "" when none can be had.
std::string BenchDocxPath() {
  if (const char* env = std::getenv("JIXIAO_BENCH_DOCX"); env != nullptr && *env != '\0') {
    return env;
  }
  const std::string path = "/tmp/jixiao-bench-report-" + std::to_string(getuid()) + ".docx";
  if (std::ifstream(path).good()) return path;
  const std::string command = "/usr/bin/python3 '" + BenchSourceDir() +
                              "/bench/make_docx_fixture.py' '" + path + "' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0 ? path : "";
}

void BM_ReadDocx(benchmark::State& state) {
  const std::string path = BenchDocxPath();
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string docx = bytes.str();
  if (path.empty() || docx.empty()) {
    state.SkipWithError("no DOCX: set JIXIAO_BENCH_DOCX or install python3-docx");
    return;
  }
  size_t paragraphs = 0;
  size_t cells = 0;
  for (auto _ : state) {
    Result<FlatDocument> doc = ReadDocx(docx, path);
    if (!doc.ok()) {
      state.SkipWithError(doc.status().message().c_str());
      return;
    }
    paragraphs = 0;
    cells = 0;
    for (const FlatBlock& b : doc->blocks) {
      if (b.kind == FlatBlock::Kind::kParagraph) ++paragraphs;
      for (const FlatRow& row : b.table.rows) cells += row.cells.size();
    }
    benchmark::DoNotOptimize(doc->blocks.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * docx.size()));
  state.counters["files_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["paragraphs"] = static_cast<double>(paragraphs);
  state.counters["cells"] = static_cast<double>(cells);
}
BENCHMARK(BM_ReadDocx)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

}  // namespace
}  // namespace jixiao
