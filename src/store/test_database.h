// Test support for src/store, included by its *_test.cc files only: a fixture that gives each
// test a fresh, empty database on the engine it is instantiated for. SQLite gets a file in a
// temporary folder; PostgreSQL gets a new database (jx_test_<random>) made through the
// maintenance connection JIXIAO_TEST_PG_URL names and dropped afterwards, so tests can run in
// parallel against one cluster (scripts/with-postgres.sh starts one).
//
// Without JIXIAO_TEST_PG_URL the PostgreSQL instances skip, unless JIXIAO_REQUIRE_PG=1, when
// they fail.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>

#include "store/db.h"

namespace jixiao::store::testing {

inline std::string EngineName(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "Sqlite" : "Postgres";
}

inline std::string RandomHex(size_t n) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) out += kHex[rng() % 16];
  return out;
}

// The value of a Result, or the test fails with its status (an exception gtest reports).
template <typename T>
T Must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error("unexpected failure: " + r.status().ToString());
  return std::move(r).value();
}

class EngineTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() /
             ("jixiao-store-" + std::to_string(::getpid()) + "-" + RandomHex(8));
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "jixiao.db").string();
      return;
    }
    const char* pg = std::getenv("JIXIAO_TEST_PG_URL");
    if (pg == nullptr || *pg == '\0') {
      const char* require = std::getenv("JIXIAO_REQUIRE_PG");
      if (require != nullptr && std::string(require) == "1") {
        FAIL() << "JIXIAO_REQUIRE_PG=1 but JIXIAO_TEST_PG_URL is not set";
      }
      GTEST_SKIP() << "PostgreSQL tests skipped: JIXIAO_TEST_PG_URL is not set (make test "
                      "starts a throwaway cluster)";
    }
    admin_url_ = pg;
    Status made = Admin("CREATE DATABASE " + DatabaseName());
    ASSERT_TRUE(made.ok()) << made.ToString();
    made_database_ = true;
    url_ = PostgresUrlWithDatabase(admin_url_, DatabaseName());
  }

  void TearDown() override {
    if (made_database_) {
      Status dropped = Admin("DROP DATABASE IF EXISTS " + DatabaseName() + " WITH (FORCE)");
      EXPECT_TRUE(dropped.ok()) << dropped.ToString();
    }
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  // Runs `sql` on a maintenance connection to the cluster (PostgreSQL only).
  Status Admin(const std::string& sql) {
    Result<std::unique_ptr<Connection>> admin = ConnectPostgres(admin_url_);
    if (!admin.ok()) return admin.status();
    return (*admin)->RunScript(sql);
  }

  // The database this test made (PostgreSQL).
  const std::string& DatabaseName() {
    if (db_name_.empty()) db_name_ = "jx_test_" + RandomHex(16);
    return db_name_;
  }

  const std::string& url() const { return url_; }
  // The SQLite file (SQLite only).
  std::string SqlitePath() const { return (dir_ / "jixiao.db").string(); }

  std::filesystem::path dir_;

 private:
  std::string url_;
  std::string admin_url_;
  std::string db_name_;
  bool made_database_ = false;
};

}  // namespace jixiao::store::testing
