// Benchmarks of `check` + `score`: 10,000 package variants generated from the bundled example
// (figures, scores, actuals, weights and texts perturbed by a seeded generator), checked and
// scored in memory, on one thread and on two, and the same including reading each package from
// its JSON text. Reports packages per second (`make bench`; figures in docs/performance.md).
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "check/checker.h"
#include "compute/scoring.h"
#include "model/package_json.h"
#include "model/walk.h"
#include "rules/rulebook.h"

namespace jixiao {
namespace {

constexpr int kVariants = 10000;

std::string SourceDir() {
  if (const char* env = std::getenv("JIXIAO_SOURCE_DIR")) return env;
  return JIXIAO_SOURCE_DIR;
}

Decimal RandomMoney(std::mt19937& rng) {
  std::uniform_int_distribution<int> cents(0, 20000);
  return Decimal::FromUnits(cents(rng), 2);
}

// One variant: a handful of random edits, some of which break consistency on purpose.
Package Variant(const Package& base, std::mt19937& rng) {
  Package p = base;
  std::uniform_int_distribution<int> pick(0, 9);
  Funds& f = p.evaluation.funds;
  if (pick(rng) < 3) f.execution_rate = Cell::Number(Decimal::FromUnits(9000 + pick(rng) * 97, 2));
  if (pick(rng) < 3) f.executed = Cell::Number(RandomMoney(rng));
  if (pick(rng) < 2) f.score = Cell::Number(Decimal::FromUnits(90 + pick(rng), 1));
  std::vector<Indicator*> leaves;
  std::function<void(std::vector<Indicator>&)> collect = [&](std::vector<Indicator>& nodes) {
    for (Indicator& n : nodes) {
      if (n.is_leaf()) leaves.push_back(&n);
      collect(n.children);
    }
  };
  collect(p.evaluation.indicators);
  for (Indicator* leaf : leaves) {
    switch (pick(rng)) {
      case 0:
        leaf->actual = std::to_string(pick(rng) + 3);
        break;
      case 1:
        leaf->score = Cell::Number(Decimal::FromInt(pick(rng)));
        break;
      case 2:
        leaf->actual = "一般";
        break;
      default:
        break;
    }
  }
  std::function<void(std::vector<ExpenseRow>&)> touch = [&](std::vector<ExpenseRow>& rows) {
    for (ExpenseRow& r : rows) {
      if (pick(rng) == 0) r.at(ExpenseColumn::kFinal) = Cell::Number(RandomMoney(rng));
      touch(r.children);
    }
  };
  touch(p.basic_data.expenses);
  if (pick(rng) == 0)
    p.evaluation.total_score = Cell::Number(Decimal::FromUnits(900 + pick(rng), 1));
  return p;
}

struct Corpus {
  std::vector<Package> packages;
  std::vector<std::string> json;
  Rulebook rulebook;
  size_t diagnostics = 0;
};

const Corpus& GetCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    Result<Package> base = LoadPackageFile(SourceDir() + "/examples/lingling-kexie-2024.json");
    if (!base.ok()) {
      fprintf(stderr, "%s\n", base.status().message().c_str());
      std::abort();
    }
    c.rulebook = BundledRulebook("hunan-lingling").value();
    std::mt19937 rng(20241231);
    c.packages.reserve(kVariants);
    for (int i = 0; i < kVariants; ++i) c.packages.push_back(Variant(*base, rng));
    for (const Package& p : c.packages) c.json.push_back(WritePackageJson(p));
    return c;
  }();
  return corpus;
}

// Scores and checks packages [begin, end) of the corpus; returns the diagnostics found.
size_t CheckRange(const Corpus& c, size_t begin, size_t end, const CheckOptions& options) {
  size_t found = 0;
  for (size_t i = begin; i < end; ++i) {
    const Package& p = c.packages[i];
    const ScoreSheet sheet = ScorePackage(p, c.rulebook);
    const auto diagnostics = CheckPackage(p, c.rulebook, sheet, options);
    found += diagnostics.size();
    benchmark::DoNotOptimize(sheet.total);
  }
  return found;
}

// check + score of every variant, in memory, on one thread: the table checks
// (state.range(0) == 0) or every check including the prose, the cross-document and the
// policy checks (1). Packages per second of CPU time.
void BM_CheckAndScore(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  CheckOptions options;
  options.report = state.range(0) == 1;
  state.SetLabel(options.report ? "all checks" : "table checks");
  size_t found = 0;
  for (auto _ : state) found += CheckRange(c, 0, c.packages.size(), options);
  state.counters["packages_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * kVariants, benchmark::Counter::kIsRate);
  state.counters["diagnostics_per_package"] =
      static_cast<double>(found) / (static_cast<double>(state.iterations()) * kVariants);
}
BENCHMARK(BM_CheckAndScore)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// CPU time of the calling thread, in seconds.
double ThreadCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The same on several cores: each iteration checks the variants on state.range(1)
// std::threads (the checker is thread-safe: pure functions over const inputs). Packages per
// second of wall-clock time, all threads together; `cores_used` is the threads' CPU time over
// the wall-clock time (below the thread count when other processes take the cores).
void BM_CheckAndScoreThreads(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  CheckOptions options;
  options.report = state.range(0) == 1;
  const auto threads = static_cast<size_t>(state.range(1));
  state.SetLabel(options.report ? "all checks" : "table checks");
  std::vector<size_t> found(threads);
  std::vector<double> cpu(threads);
  const auto wall_start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    std::vector<std::thread> workers;
    // Each thread takes the next 50 packages until none are left, so that a thread slowed
    // down (by another process, or by where its packages lie in memory) does not leave the
    // other one waiting at the end.
    std::atomic<size_t> next{0};
    for (size_t t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        const double cpu_start = ThreadCpuSeconds();
        constexpr size_t kShare = 50;
        for (size_t begin; (begin = next.fetch_add(kShare)) < c.packages.size();) {
          found[t] += CheckRange(c, begin, std::min(begin + kShare, c.packages.size()), options);
        }
        cpu[t] += ThreadCpuSeconds() - cpu_start;
      });
    }
    for (std::thread& w : workers) w.join();
  }
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_start;
  const double checked = static_cast<double>(state.iterations()) * kVariants;
  state.counters["packages_per_s"] = benchmark::Counter(checked, benchmark::Counter::kIsRate);
  state.counters["diagnostics_per_package"] =
      static_cast<double>(std::accumulate(found.begin(), found.end(), size_t{0})) / checked;
  state.counters["cores_used"] = std::accumulate(cpu.begin(), cpu.end(), 0.0) / wall.count();
}
BENCHMARK(BM_CheckAndScoreThreads)
    ->Args({0, 2})
    ->Args({1, 2})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
// The same, reading each package from its JSON text first.
void BM_ReadCheckAndScore(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  for (auto _ : state) {
    for (const std::string& text : c.json) {
      Result<Package> p = ParsePackageJson(text, "bench.json");
      const ScoreSheet sheet = ScorePackage(*p, c.rulebook);
      const auto diagnostics = CheckPackage(*p, c.rulebook, sheet);
      benchmark::DoNotOptimize(diagnostics.size());
    }
  }
  state.counters["packages_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * kVariants, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadCheckAndScore)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace jixiao

BENCHMARK_MAIN();
