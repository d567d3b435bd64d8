// Tests of the database layer (db.h): URLs, placeholders, values, and each engine's connection
// on the same statements (binary data, NULL, constraint failures, transactions, the pool).
#include "store/db.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "store/schema.h"
#include "store/sql_text.h"
#include "store/test_database.h"

namespace jixiao::store {
namespace {

using testing::EngineName;
using testing::EngineTest;
using testing::Must;

TEST(DbUrl, RefusesInMemorySqlite) {
  Result<std::unique_ptr<Database>> db = Database::Open("sqlite::memory:");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(db.status().message(),
            "database URL 'sqlite::memory:': an in-memory SQLite database is refused (each "
            "connection would see a database of its own); give a file, as in "
            "sqlite:data/jixiao.db");
  EXPECT_FALSE(Database::Open("sqlite:file::memory:?cache=shared").ok());
}

TEST(DbUrl, RefusesUnknownSchemes) {
  Result<std::unique_ptr<Database>> db = Database::Open("mysql://localhost/jixiao");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(db.status().message(),
            "database URL 'mysql://localhost/jixiao' names no known database; give sqlite:PATH "
            "(a file) or postgresql://… (a libpq connection URI)");
  EXPECT_EQ(Database::Open("jixiao.db").status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Database::Open("").status().code(), Status::Code::kInvalidArgument);
}

TEST(DbUrl, RefusesSqliteWithoutFile) {
  Result<std::unique_ptr<Database>> db = Database::Open("sqlite:");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().message(),
            "database URL 'sqlite:': no file after 'sqlite:'; give one, as in "
            "sqlite:data/jixiao.db");
}

TEST(DbUrl, CreatesTheSqliteFolder) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("jixiao-db-url-" + testing::RandomHex(8));
  const fs::path file = dir / "a" / "b" / "jixiao.db";
  Result<std::unique_ptr<Database>> db = Database::Open("sqlite:" + file.string());
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->engine(), Engine::kSqlite);
  EXPECT_TRUE(fs::exists(file));
  db = Status::NotFound("closed");
  fs::remove_all(dir);
}

TEST(DbUrl, ReportsAnUnreachablePostgres) {
  Result<std::unique_ptr<Database>> db =
      Database::Open("postgresql:///nothing?host=/nonexistent-jixiao-socket-dir&port=1");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Status::Code::kIOError);
  EXPECT_TRUE(db.status().message().starts_with("PostgreSQL: cannot connect: "))
      << db.status().message();
}

TEST(SqlText, NumbersPlaceholdersOutsideQuotes) {
  int n = 0;
  EXPECT_EQ(NumberPlaceholders("SELECT ? || '?' FROM t WHERE a = ?", &n),
            "SELECT $1 || '?' FROM t WHERE a = $2");
  EXPECT_EQ(n, 2);
  EXPECT_EQ(NumberPlaceholders("SELECT 'it''s ?', \"odd?name\", ? -- why?\n, ?", &n),
            "SELECT 'it''s ?', \"odd?name\", $1 -- why?\n, $2");
  EXPECT_EQ(n, 2);
  EXPECT_EQ(NumberPlaceholders("SELECT /* ? */ $$a?b$$, $x$?$x$, ?", &n),
            "SELECT /* ? */ $$a?b$$, $x$?$x$, $1");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(NumberPlaceholders("SELECT 1", &n), "SELECT 1");
  EXPECT_EQ(n, 0);
  EXPECT_EQ(NumberPlaceholders("SELECT '?", &n), "SELECT '?");  // unterminated: left alone
  EXPECT_EQ(n, 0);
}

TEST(SqlText, FirstWords) {
  EXPECT_EQ(FirstWords("  INSERT\n  INTO users (login) VALUES (?)"), "INSERT INTO users");
  EXPECT_EQ(FirstWords("COMMIT"), "COMMIT");
  EXPECT_EQ(FirstWords(""), "");
}

TEST(DbRow, IntAndText) {
  Row r{{std::monostate{}, int64_t{42}, std::string("17"), std::string("x"), Bytes{"7"}}};
  EXPECT_TRUE(r.IsNull(0));
  EXPECT_EQ(r.Int(0), 0);
  EXPECT_EQ(r.Text(0), "");
  EXPECT_EQ(r.Int(1), 42);
  EXPECT_EQ(r.Text(1), "42");
  EXPECT_EQ(r.Int(2), 17);
  EXPECT_EQ(r.Int(3), 0);
  EXPECT_EQ(r.Text(4), "7");
  EXPECT_EQ(r.Int(4), 7);
}

TEST(Db, PostgresUrlWithDatabase) {
  EXPECT_EQ(PostgresUrlWithDatabase("postgresql:///postgres?host=/tmp/x&port=5", "d"),
            "postgresql:///d?host=/tmp/x&port=5");
  EXPECT_EQ(PostgresUrlWithDatabase("postgres://u:p@h:5432/db", "d"), "postgres://u:p@h:5432/d");
  EXPECT_EQ(PostgresUrlWithDatabase("postgresql://h", "d"), "postgresql://h/d");
  EXPECT_EQ(PostgresUrlWithDatabase("postgresql://h?sslmode=off", "d"),
            "postgresql://h/d?sslmode=off");
}

// ---- Each engine's connection

class ConnectionTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = Must(Database::Open(url()));
    Lease c = Must(db_->Acquire());
    Status s = c->RunScript(ForEngine(
        "CREATE TABLE t (id {id}, name TEXT UNIQUE, n BIGINT, data {blob})", c->engine()));
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  void TearDown() override {
    db_.reset();
    EngineTest::TearDown();
  }
  std::unique_ptr<Database> db_;
};

TEST_P(ConnectionTest, RoundTripsEveryKindOfValue) {
  Lease c = Must(db_->Acquire());
  std::string binary;
  for (int i = 0; i < 256; ++i) binary.push_back(static_cast<char>(i));
  binary += std::string("\0\0\xff\x00", 4);
  QueryResult in =
      Must(c->Run("INSERT INTO t (name, n, data) VALUES (?, ?, ?) RETURNING id",
                  {std::string("绩效 ?'\""), int64_t{-9007199254740993}, Bytes{binary}}));
  EXPECT_EQ(in.affected, 1);
  ASSERT_EQ(in.rows.size(), 1u);
  const int64_t id = in.rows[0].Int(0);
  Must(c->Run("INSERT INTO t (name, n, data) VALUES (?, ?, ?)", {Value(), Value(), Bytes{""}}));

  QueryResult out = Must(c->Run("SELECT name, n, data FROM t WHERE id = ?", {id}));
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_EQ(out.rows[0].Text(0), "绩效 ?'\"");
  EXPECT_EQ(out.rows[0].Int(1), -9007199254740993);
  ASSERT_TRUE(std::holds_alternative<Bytes>(out.rows[0].values[2]));
  EXPECT_EQ(std::get<Bytes>(out.rows[0].values[2]).data, binary);

  QueryResult nulls = Must(c->Run("SELECT name, n, data FROM t WHERE name IS NULL", {}));
  ASSERT_EQ(nulls.rows.size(), 1u);
  EXPECT_TRUE(nulls.rows[0].IsNull(0));
  EXPECT_TRUE(nulls.rows[0].IsNull(1));
  ASSERT_TRUE(std::holds_alternative<Bytes>(nulls.rows[0].values[2]));  // empty, not NULL
  EXPECT_EQ(nulls.rows[0].Text(2), "");

  QueryResult changed = Must(c->Run("UPDATE t SET n = 1", {}));
  EXPECT_EQ(changed.affected, 2);
  EXPECT_EQ(Must(c->Run("SELECT COUNT(*) FROM t", {})).rows[0].Int(0), 2);
}

TEST_P(ConnectionTest, ConstraintFailureIsConflict) {
  Lease c = Must(db_->Acquire());
  Must(c->Run("INSERT INTO t (name) VALUES (?)", {std::string("a")}));
  Result<QueryResult> again = c->Run("INSERT INTO t (name) VALUES (?)", {std::string("a")});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Status::Code::kConflict) << again.status().ToString();
  const std::string engine = GetParam() == Engine::kSqlite ? "SQLite" : "PostgreSQL";
  EXPECT_TRUE(again.status().message().starts_with(engine + ": INSERT INTO t: "))
      << again.status().message();
}

TEST_P(ConnectionTest, RefusesWrongValueCountsAndBadSql) {
  Lease c = Must(db_->Acquire());
  Result<QueryResult> r = c->Run("SELECT ? FROM t", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(r.status().message().ends_with(": SELECT ? FROM: 1 placeholders but 0 values"))
      << r.status().message();
  r = c->Run("SELEKT 1", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
}

// Statements sent together (a pipeline on PostgreSQL) answer in order, each with its own
// values; a failing one is the answer and the statements after it change nothing; the
// connection is usable afterwards, also inside a transaction.
TEST_P(ConnectionTest, RunsIndependentStatementsTogether) {
  Lease c = Must(db_->Acquire());
  Must(c->Run("INSERT INTO t (name, n) VALUES (?, ?), (?, ?)",
              {std::string("a"), int64_t{1}, std::string("b"), int64_t{22}}));
  std::vector<QueryResult> r = Must(c->RunAll(
      {{"SELECT n FROM t WHERE name = ?", {std::string("b")}},
       {"SELECT name FROM t WHERE n = ? ORDER BY name", {int64_t{1}}},
       {"INSERT INTO t (name, n) VALUES (?, ?) RETURNING n", {std::string("c"), int64_t{333}}}}));
  ASSERT_EQ(r.size(), 3u);
  ASSERT_EQ(r[0].rows.size(), 1u);
  EXPECT_EQ(r[0].rows[0].Int(0), 22);
  ASSERT_EQ(r[1].rows.size(), 1u);
  EXPECT_EQ(r[1].rows[0].Text(0), "a");
  ASSERT_EQ(r[2].rows.size(), 1u);
  EXPECT_EQ(r[2].rows[0].Int(0), 333);
  EXPECT_EQ(r[2].affected, 1);

  Result<std::vector<QueryResult>> failed =
      c->RunAll({{"SELECT n FROM t WHERE name = ?", {std::string("a")}},
                 {"INSERT INTO t (name) VALUES (?)", {std::string("a")}},
                 {"INSERT INTO t (name) VALUES (?)", {std::string("d")}}});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), Status::Code::kConflict) << failed.status().ToString();
  EXPECT_TRUE(failed.status().message().starts_with(
      std::string(GetParam() == Engine::kSqlite ? "SQLite" : "PostgreSQL") + ": INSERT INTO t: "))
      << failed.status().message();
  EXPECT_TRUE(c->healthy());
  EXPECT_EQ(Must(c->Run("SELECT COUNT(*) FROM t", {})).rows[0].Int(0), 3);

  {
    Transaction t(c.get());
    ASSERT_TRUE(t.Begin().ok());
    r = Must(c->RunAll(
        {{"INSERT INTO t (name) VALUES (?)", {std::string("e")}}, {"SELECT COUNT(*) FROM t", {}}}));
    EXPECT_EQ(r[1].rows[0].Int(0), 4);
  }  // rolled back
  EXPECT_EQ(
      Must(c->RunAll({{"SELECT COUNT(*) FROM t", {}}, {"SELECT ?", {int64_t{5}}}}))[0].rows[0].Int(
          0),
      3);
  EXPECT_TRUE(c->healthy());
}

TEST_P(ConnectionTest, RollbackDiscardsAndCommitKeeps) {
  Lease c = Must(db_->Acquire());
  {
    Transaction t(c.get());
    ASSERT_TRUE(t.Begin().ok());
    Must(c->Run("INSERT INTO t (name) VALUES (?)", {std::string("gone")}));
  }  // rolled back
  {
    Transaction t(c.get());
    ASSERT_TRUE(t.Begin().ok());
    Must(c->Run("INSERT INTO t (name) VALUES (?)", {std::string("kept")}));
    ASSERT_TRUE(t.Commit().ok());
  }
  QueryResult r = Must(c->Run("SELECT name FROM t", {}));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].Text(0), "kept");
  EXPECT_TRUE(c->healthy());
  EXPECT_TRUE(c->IntegrityCheck().ok());
}

TEST_P(ConnectionTest, PoolReusesReturnedConnections) {
  Connection* first = nullptr;
  {
    Lease a = Must(db_->Acquire());
    Lease b = Must(db_->Acquire());  // a second one while the first is out
    EXPECT_NE(a.get(), b.get());
    first = a.get();
  }
  Lease again = Must(db_->Acquire());
  Lease other = Must(db_->Acquire());
  EXPECT_TRUE(again.get() == first || other.get() == first);
}

// Writes asked for at once: each lands or fails alone, and every one that returned OK is there.
// The first write holds its group open while the others queue behind it, so they are committed
// together (on SQLite) with failures among them: a write that inserts and then fails, and one
// that breaks a UNIQUE constraint.
TEST_P(ConnectionTest, GroupedWritesLandOrFailEachAlone) {
  constexpr int kThreads = 12;
  std::atomic<int> started{0};
  std::vector<Status> results(kThreads);
  std::vector<std::thread> threads;
  Must(Must(db_->Acquire())->Run("INSERT INTO t (name) VALUES (?)", {std::string("taken")}));
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ++started;
      results[i] = db_->WriteGrouped([&, i](Connection& c) -> Status {
        if (i == 0) {
          // The leader waits until the others have asked (they queue behind it).
          while (started.load() < kThreads) std::this_thread::yield();
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        const std::string name = i % 4 == 3 ? "taken" : "w" + std::to_string(i);
        Result<QueryResult> r = c.Run("INSERT INTO t (name, n) VALUES (?, ?)", {name, i});
        if (!r.ok()) return r.status();
        if (i % 4 == 2) return Status::InvalidArgument("changed its mind");  // row undone
        return Status::Ok();
      });
    });
  }
  for (std::thread& t : threads) t.join();
  Lease c = Must(db_->Acquire());
  for (int i = 0; i < kThreads; ++i) {
    const int64_t rows =
        Must(c->Run("SELECT COUNT(*) FROM t WHERE name = ?", {"w" + std::to_string(i)}))
            .rows[0]
            .Int(0);
    if (i % 4 == 3) {
      EXPECT_EQ(results[i].code(), Status::Code::kConflict) << i << results[i].ToString();
    } else if (i % 4 == 2) {
      EXPECT_EQ(results[i].code(), Status::Code::kInvalidArgument) << i;
      EXPECT_EQ(rows, 0) << i;
    } else {
      EXPECT_TRUE(results[i].ok()) << i << results[i].ToString();
      EXPECT_EQ(rows, 1) << i;
    }
  }
  EXPECT_EQ(Must(c->Run("SELECT COUNT(*) FROM t", {})).rows[0].Int(0), 1 + kThreads / 2);
  EXPECT_TRUE(c->IntegrityCheck().ok());
}

// A connection handed back inside a transaction is closed, not reused half-way through.
TEST_P(ConnectionTest, PoolDropsAConnectionLeftInATransaction) {
  {
    Lease c = Must(db_->Acquire());
    ASSERT_TRUE(c->Begin().ok());
    Must(c->Run("INSERT INTO t (name) VALUES (?)", {std::string("never committed")}));
    EXPECT_FALSE(c->healthy());
  }
  // Reused, the connection would see its own uncommitted row (and on SQLite still hold the
  // write lock, so the INSERT below would time out).
  Lease c = Must(db_->Acquire());
  EXPECT_EQ(Must(c->Run("SELECT COUNT(*) FROM t", {})).rows[0].Int(0), 0);
  Must(c->Run("INSERT INTO t (name) VALUES (?)", {std::string("after")}));
}

// A PostgreSQL backend that goes away (a restarted server, a terminated backend): a connection
// idle in the pool is replaced on the next Acquire; one in use fails kUnavailable and is not
// handed out again.
TEST_P(ConnectionTest, ALostConnectionIsUnavailableAndReplaced) {
  if (GetParam() != Engine::kPostgres) GTEST_SKIP() << "only PostgreSQL connections get lost";
  auto backend = [](Lease& c) {
    return Must(c->Run("SELECT pg_backend_pid()", {})).rows[0].Int(0);
  };
  auto terminate = [&](int64_t pid) {
    // The timeout makes it wait until the backend has gone.
    Status s = Admin("SELECT pg_terminate_backend(" + std::to_string(pid) + ", 5000)");
    ASSERT_TRUE(s.ok()) << s.ToString();
  };
  int64_t idle_pid = 0;
  {
    Lease c = Must(db_->Acquire());
    idle_pid = backend(c);
  }
  terminate(idle_pid);
  {
    Lease c = Must(db_->Acquire());
    EXPECT_NE(backend(c), idle_pid);
  }

  Lease c = Must(db_->Acquire());
  terminate(backend(c));
  Result<QueryResult> r = c->Run("SELECT 1", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable) << r.status().ToString();
  EXPECT_FALSE(c->healthy());
}

INSTANTIATE_TEST_SUITE_P(Engines, ConnectionTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace
}  // namespace jixiao::store
