// Benchmark of the year's dashboard at the size of a large city: 3,000 units under 30 主管部门,
// each with a package for 2022, 2023 and 2024 (9,000 packages, statuses and figures varied,
// a third carrying risk signals), in a real database — an SQLite file, and a new database on the
// PostgreSQL server JIXIAO_TEST_PG_URL names (`bash scripts/with-postgres.sh build/jixiao_bench
// --benchmark_filter=Dashboard`); without it the PostgreSQL cases report an error and skip.
//
//   BM_DashboardQuery   Store::Dashboard: the one query (units, their 2024 and 2023 packages)
//   BM_DashboardAnswer  what GET /api/v1/years/2024/dashboard does after authentication: the
//                       query, the entries as the 财政局 sees them (risk signals read, lateness,
//                       the jump from last year), sorted by risk, and the JSON answer written
//   BM_DashboardCsv     the same with the CSV written instead
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>

#include "server/dashboard.h"
#include "store/db.h"
#include "store/store.h"

namespace jixiao {
namespace {

constexpr int kDepartments = 30;
constexpr int kUnitsPerDepartment = 100;
constexpr int64_t kNow = 1757000000000LL;  // 2025-09-04

// Fills the database: one region, its 财政局, the departments and units, three years of
// packages. Direct inserts in one transaction (the store's own writes would cost a commit each).
Status Fill(store::Store& s, int64_t* region) {
  Result<int64_t> r = s.CreateRegion("基准市", "national");
  if (!r.ok()) return r.status();
  *region = *r;
  Result<int64_t> bureau = s.CreateOrg({0, *r, 0, store::OrgKind::kBureau, "基准市财政局", ""});
  if (!bureau.ok()) return bureau.status();
  Result<store::Lease> c = s.database().Acquire();
  if (!c.ok()) return c.status();
  store::Transaction t(c->get());
  if (Status st = t.Begin(); !st.ok()) return st;
  std::mt19937_64 rng(42);
  const char* statuses[] = {"draft", "submitted", "returned", "forwarded", "accepted", "published"};
  int64_t next_org = 1000;
  for (int d = 0; d < kDepartments; ++d) {
    const int64_t dept = next_org++;
    Result<store::QueryResult> q = (*c)->Run(
        "INSERT INTO orgs (id, region_id, parent_id, kind, name, code) VALUES (?, ?, ?, "
        "'department', ?, ?)",
        {dept, *r, *bureau, fmt::format("第{}主管部门", d + 1), fmt::format("D{:03}", d + 1)});
    if (!q.ok()) return q.status();
    for (int u = 0; u < kUnitsPerDepartment; ++u) {
      const int64_t unit = next_org++;
      q = (*c)->Run(
          "INSERT INTO orgs (id, region_id, parent_id, kind, name, code) VALUES (?, ?, ?, "
          "'unit', ?, ?)",
          {unit, *r, dept, fmt::format("第{}部门所属第{}单位", d + 1, u + 1),
           fmt::format("D{:03}U{:03}", d + 1, u + 1)});
      if (!q.ok()) return q.status();
      for (int year : {2022, 2023, 2024}) {
        const std::string status = statuses[rng() % 6];
        const int total10 = 700 + static_cast<int>(rng() % 300);  // 70.0 … 99.9
        const int rate100 = 7000 + static_cast<int>(rng() % 3500);
        const bool risky = rng() % 3 == 0;
        const std::string signals =
            risky
                ? R"([{"key":"check_errors","name":"检查发现的错误","weight":"6","evidence":"2 处：A101, S302"},{"key":"execution_low","name":"执行率过低","weight":"4","evidence":"执行率 71.20%，低于 80%"}])"
                : "[]";
        const int64_t submitted = status == "draft" ? 0 : kNow - int64_t(rng() % 90) * 86400000;
        q = (*c)->Run(
            "INSERT INTO packages (unit_id, fiscal_year, status, head_version, submitted_version, "
            "unit_name, total, grade, execution_rate, n_error, n_inconsistency, n_warning, "
            "n_note, updated_ms, submitted_ms, risk, risk_signals, first_submitted_ms) VALUES "
            "(?, ?, ?, 3, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
            {unit, int64_t{year}, status, int64_t{status == "draft" ? 0 : 3},
             fmt::format("第{}部门所属第{}单位", d + 1, u + 1),
             fmt::format("{}.{}", total10 / 10, total10 % 10),
             total10 >= 900   ? "优"
             : total10 >= 800 ? "良"
                              : "中",
             fmt::format("{}.{:02}", rate100 / 100, rate100 % 100), int64_t(risky ? 2 : 0),
             int64_t(rng() % 3), int64_t(rng() % 5), kNow, submitted,
             std::string(risky ? "10" : "0"), signals, submitted});
        if (!q.ok()) return q.status();
      }
    }
  }
  if (Status st = t.Commit(); !st.ok()) return st;
  return s.SetDeadline(*r, 2024, "2025-07-31");
}

// A filled database per engine, made once per process.
struct Fixture {
  std::unique_ptr<store::Store> store;
  int64_t region = 0;
  std::string error;
  std::filesystem::path dir;
  std::string admin, name;
  ~Fixture() {
    store.reset();
    if (!dir.empty()) std::filesystem::remove_all(dir);
    if (!admin.empty() && !name.empty()) {
      Result<std::unique_ptr<store::Database>> db = store::Database::Open(admin);
      if (db.ok()) {
        Result<store::Lease> c = (*db)->Acquire();
        if (c.ok()) (void)(*c)->Run("DROP DATABASE IF EXISTS " + name, {});
      }
    }
  }
};

Fixture& Get(bool postgres) {
  static Fixture fixtures[2];
  Fixture& f = fixtures[postgres ? 1 : 0];
  if (f.store || !f.error.empty()) return f;
  std::string url;
  if (postgres) {
    const char* pg = std::getenv("JIXIAO_TEST_PG_URL");
    if (pg == nullptr || *pg == '\0') {
      f.error = "JIXIAO_TEST_PG_URL is not set (bash scripts/with-postgres.sh build/jixiao_bench)";
      return f;
    }
    f.admin = pg;
    f.name = fmt::format("jx_bench_dashboard_{}", std::random_device{}() % 1000000);
    Result<std::unique_ptr<store::Database>> db = store::Database::Open(f.admin);
    if (!db.ok()) {
      f.error = db.status().message();
      return f;
    }
    Result<store::Lease> c = (*db)->Acquire();
    if (!c.ok() || !(*c)->Run("CREATE DATABASE " + f.name, {}).ok()) {
      f.error = "cannot create the benchmark's database";
      return f;
    }
    url = store::PostgresUrlWithDatabase(f.admin, f.name);
  } else {
    f.dir = std::filesystem::temp_directory_path() /
            fmt::format("jx-bench-dashboard-{}", std::random_device{}() % 1000000);
    std::filesystem::create_directories(f.dir);
    url = "sqlite:" + (f.dir / "jixiao.db").string();
  }
  Result<std::unique_ptr<store::Store>> s = store::Store::Open(url);
  if (!s.ok()) {
    f.error = s.status().message();
    return f;
  }
  f.store = std::move(s).value();
  if (Status st = Fill(*f.store, &f.region); !st.ok()) {
    f.error = st.message();
    f.store.reset();
  }
  return f;
}

store::User Bureau(int64_t region) {
  store::User u;
  u.id = 1;
  u.role = store::Role::kBureau;
  u.region_id = region;
  u.org_id = 0;
  return u;
}

void BM_DashboardQuery(benchmark::State& state) {
  Fixture& f = Get(state.range(0) == 1);
  if (!f.store) return state.SkipWithError(f.error.c_str());
  size_t units = 0;
  for (auto _ : state) {
    Result<std::vector<store::DashboardRow>> rows =
        f.store->Dashboard({f.region, std::nullopt, 2024});
    if (!rows.ok()) return state.SkipWithError(rows.status().message().c_str());
    units = rows->size();
    benchmark::DoNotOptimize(rows);
  }
  state.counters["units"] = static_cast<double>(units);
}

void Answer(benchmark::State& state, bool csv) {
  Fixture& f = Get(state.range(0) == 1);
  if (!f.store) return state.SkipWithError(f.error.c_str());
  const store::User viewer = Bureau(f.region);
  const RiskRules rules;
  server::DashboardQuery q;
  size_t bytes = 0;
  for (auto _ : state) {
    Result<std::vector<store::DashboardRow>> rows =
        f.store->Dashboard({f.region, std::nullopt, 2024});
    if (!rows.ok()) return state.SkipWithError(rows.status().message().c_str());
    Result<std::string> deadline = f.store->GetDeadline(f.region, 2024);
    std::vector<server::DashboardEntry> entries = server::FilterAndSort(
        server::BuildDashboard(std::move(rows).value(), viewer, *deadline, rules, kNow), q);
    const std::string out = csv ? server::DashboardCsv(entries)
                                : server::DashboardJson(2024, *deadline, entries).dump();
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
void BM_DashboardAnswer(benchmark::State& state) { Answer(state, false); }
void BM_DashboardCsv(benchmark::State& state) { Answer(state, true); }

// 0: SQLite, 1: PostgreSQL.
BENCHMARK(BM_DashboardQuery)->ArgName("postgres")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DashboardAnswer)->ArgName("postgres")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DashboardCsv)->ArgName("postgres")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace jixiao
