// A real jixiao server for the server tests: a fresh database (an SQLite file, or a new
// database in the throwaway PostgreSQL cluster that `make test` starts and names in
// JIXIAO_TEST_PG_URL), the demo region seeded, and the App served by cpp-httplib on a free
// loopback port in a thread of the test. Requests go through a real HTTP client.
//
// PostgreSQL instances skip when JIXIAO_TEST_PG_URL is not set, and fail then when
// JIXIAO_REQUIRE_PG=1 (make test sets both).
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "server/server.h"
#include "store/store.h"

namespace jixiao::testing {

enum class DbKind { kSqlite, kPostgres };

inline std::string DbKindName(const ::testing::TestParamInfo<DbKind>& info) {
  return info.param == DbKind::kSqlite ? "Sqlite" : "Postgres";
}

inline std::string RandomSuffix() {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  return std::to_string(gen() % 1000000000000ULL);
}

// A database made for one test and dropped after it.
class TestDatabase {
 public:
  // Empty url() (and the test skipped or failed by the caller) when PostgreSQL is not set up.
  explicit TestDatabase(DbKind kind) : kind_(kind) {
    if (kind == DbKind::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() / ("jx-server-" + RandomSuffix());
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "jixiao.db").string();
      return;
    }
    const char* admin = std::getenv("JIXIAO_TEST_PG_URL");
    if (admin == nullptr || *admin == '\0') return;
    admin_ = admin;
    name_ = "jx_server_" + RandomSuffix();
    Result<std::unique_ptr<store::Database>> db = store::Database::Open(admin_);
    if (!db.ok()) {
      error_ = db.status().message();
      return;
    }
    Result<store::Lease> c = (*db)->Acquire();
    if (!c.ok()) {
      error_ = c.status().message();
      return;
    }
    Result<store::QueryResult> r = (*c)->Run("CREATE DATABASE " + name_, {});
    if (!r.ok()) {
      error_ = r.status().message();
      return;
    }
    url_ = WithDatabase(admin_, name_);
  }
  ~TestDatabase() {
    if (kind_ == DbKind::kSqlite) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
      return;
    }
    if (name_.empty() || url_.empty()) return;
    Result<std::unique_ptr<store::Database>> db = store::Database::Open(admin_);
    if (!db.ok()) return;
    Result<store::Lease> c = (*db)->Acquire();
    if (!c.ok()) return;
    (void)(*c)->Run("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", {});
  }
  const std::string& url() const { return url_; }
  const std::string& error() const { return error_; }
  const std::filesystem::path& dir() const { return dir_; }

  // "postgresql:///postgres?host=…" → "postgresql:///NAME?host=…" (also with a host part).
  static std::string WithDatabase(const std::string& url, const std::string& name) {
    const size_t scheme = url.find("://");
    const size_t path = url.find('/', scheme + 3);
    const size_t query = url.find('?', scheme + 3);
    if (path == std::string::npos || (query != std::string::npos && path > query)) {
      return url.substr(0, query) + "/" + name +
             (query == std::string::npos ? "" : url.substr(query));
    }
    return url.substr(0, path + 1) + name + (query == std::string::npos ? "" : url.substr(query));
  }

 private:
  DbKind kind_;
  std::filesystem::path dir_;
  std::string admin_, name_, url_, error_;
};

// Skips (or fails, under JIXIAO_REQUIRE_PG=1) a PostgreSQL test that has no cluster.
#define JX_REQUIRE_DATABASE(db)                                                                \
  do {                                                                                         \
    if (!(db).error().empty()) FAIL() << "cannot prepare the test database: " << (db).error(); \
    if ((db).url().empty()) {                                                                  \
      const char* require = std::getenv("JIXIAO_REQUIRE_PG");                                  \
      if (require != nullptr && std::string(require) == "1") {                                 \
        FAIL() << "JIXIAO_REQUIRE_PG=1 but JIXIAO_TEST_PG_URL is not set";                     \
      }                                                                                        \
      GTEST_SKIP() << "PostgreSQL tests skipped: JIXIAO_TEST_PG_URL is not set (make test "    \
                      "starts a throwaway cluster)";                                           \
    }                                                                                          \
  } while (0)

// A logged-in client: its cookie and CSRF token.
struct Session {
  std::string cookie;  // "jx_session=…"
  std::string csrf;
};

struct Reply {
  int status = 0;
  std::string body;
  httplib::Headers headers;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

class TestServer {
 public:
  // Seeds the demo region into `url` (unless `seed` is false: a database seeded before) and
  // serves it. The clock starts at `now_ms` and is moved by Advance().
  explicit TestServer(const std::string& url, int64_t now_ms = 1751500000000LL, bool seed = true)
      : now_(now_ms) {
    Result<std::unique_ptr<store::Store>> s = store::Store::Open(url);
    if (!s.ok()) {
      error_ = s.status().message();
      return;
    }
    store_ = std::move(s).value();
    Result<std::vector<std::string>> logins =
        seed ? server::SeedDemo(store_.get(), now_ms)
             : Result<std::vector<std::string>>(std::vector<std::string>{});
    if (!logins.ok()) {
      error_ = logins.status().message();
      return;
    }
    for (const std::string& line : *logins) {
      std::istringstream in(line);
      std::string login, password;
      in >> login >> password;
      passwords_[login] = password;
    }
    server::ServerOptions o;
    o.db_url = url;
    o.now_ms = [this] { return now_.load(); };
    app_ = std::make_unique<server::App>(store_.get(), o);
    http_.new_task_queue = [] { return new httplib::ThreadPool(8); };
    app_->Mount(&http_);
    port_ = http_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~TestServer() {
    http_.stop();
    if (thread_.joinable()) thread_.join();
  }
  const std::string& error() const { return error_; }
  store::Store& store() { return *store_; }
  int port() const { return port_; }
  const std::string& password(const std::string& login) { return passwords_[login]; }
  void Advance(int64_t ms) { now_ += ms; }
  int64_t now() const { return now_.load(); }

  Reply Send(const std::string& method, const std::string& path, const std::string& body = "",
             const Session* session = nullptr, const std::string& type = "application/json",
             httplib::Headers extra = {}) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(60, 0);
    httplib::Headers headers = std::move(extra);
    if (session) {
      headers.emplace("Cookie", session->cookie);
      if (!session->csrf.empty()) headers.emplace("X-CSRF-Token", session->csrf);
    }
    httplib::Result r = [&] {
      if (method == "POST") return client.Post(path.c_str(), headers, body, type.c_str());
      if (method == "PUT") return client.Put(path.c_str(), headers, body, type.c_str());
      if (method == "PATCH") return client.Patch(path.c_str(), headers, body, type.c_str());
      if (method == "DELETE") return client.Delete(path.c_str(), headers, body, type.c_str());
      return client.Get(path.c_str(), headers);
    }();
    Reply reply;
    if (!r) return reply;
    reply.status = r->status;
    reply.body = r->body;
    reply.headers = r->headers;
    return reply;
  }
  Reply Json(const std::string& method, const std::string& path, const nlohmann::json& body,
             const Session* session) {
    return Send(method, path, body.dump(), session);
  }

  // Logs in through the API; an empty cookie when it fails.
  Session Login(const std::string& login) {
    Reply r =
        Json("POST", "/api/v1/session", {{"login", login}, {"password", password(login)}}, nullptr);
    Session s;
    if (r.status != 200) return s;
    for (const auto& [name, value] : r.headers) {
      if (name == "Set-Cookie" && value.rfind("jx_session=", 0) == 0) {
        s.cookie = value.substr(0, value.find(';'));
      }
    }
    s.csrf = r.json().value("csrf", "");
    return s;
  }

  // The id of the package of the unit whose name contains `unit_word` for `year`.
  int64_t PackageId(const std::string& unit_word, int year) {
    Result<std::vector<store::PackageRow>> rows = store_->ListPackages({});
    if (!rows.ok()) return 0;
    for (const store::PackageRow& r : *rows) {
      if (r.fiscal_year == year && r.summary.unit_name.find(unit_word) != std::string::npos) {
        return r.id;
      }
    }
    return 0;
  }

 private:
  std::atomic<int64_t> now_;
  std::string error_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<server::App> app_;
  httplib::Server http_;
  std::thread thread_;
  int port_ = 0;
  std::map<std::string, std::string> passwords_;
};

}  // namespace jixiao::testing
