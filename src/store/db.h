// A connection to the SQL database the server keeps its data in: SQLite (one file, WAL mode,
// foreign keys on, durable commits) or PostgreSQL (through libpq). The store (store.h) writes
// its SQL once, in core SQL both engines accept, with `?` placeholders; the PostgreSQL
// connection numbers them ($1, $2, …) itself. Every statement is prepared and its values are
// bound, never spliced into the text.
//
// A Connection is used by one thread at a time; a Database hands connections out to threads
// (a small pool), so a server thread takes one for a request and gives it back at the end.
//
// Failures are Status values: kUnavailable when the database cannot take a write (read-only,
// disk full, busy past its timeout, connection lost), kConflict for a violated unique or
// foreign-key constraint, kInvalidArgument for SQL the engine refuses (a bug), kIOError when it
// cannot be opened. Messages name the engine and the statement's first words.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/status.h"

namespace jixiao::store {

enum class Engine { kSqlite, kPostgres };

// Binary data, kept apart from text so each engine binds it as a blob (BLOB / BYTEA).
struct Bytes {
  std::string data;
};

// A value bound to a placeholder or read from a column. NULL is std::monostate.
using Value = std::variant<std::monostate, int64_t, std::string, Bytes>;

struct Row {
  std::vector<Value> values;
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values.at(i)); }
  // The column as an integer (0 when NULL; text is parsed).
  int64_t Int(size_t i) const;
  // The column as text or bytes ("" when NULL; an integer is printed).
  std::string Text(size_t i) const;
};

struct QueryResult {
  std::vector<Row> rows;
  int64_t affected = 0;  // rows changed by INSERT / UPDATE / DELETE
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // Runs one statement with its values bound in order to the `?` placeholders. Returns the
  // rows it yields (SELECT, or … RETURNING) and the count of rows it changed.
  virtual Result<QueryResult> Run(std::string_view sql, const std::vector<Value>& params) = 0;
  // Runs statements that do not depend on each other's results, in order, and returns their
  // results in the same order, or the first failure. PostgreSQL sends them together and reads
  // the answers together (libpq's pipeline mode: one round trip to the server instead of one
  // per statement); SQLite, in process, runs them one after another. Outside a transaction
  // each statement is its own, as with Run.
  struct Statement {
    std::string_view sql;
    std::vector<Value> params;
  };
  virtual Result<std::vector<QueryResult>> RunAll(const std::vector<Statement>& statements);
  // Runs several statements with no values (a migration's DDL).
  virtual Status RunScript(std::string_view sql) = 0;
  virtual Status Begin() = 0;  // a transaction in which writes are serialised
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // Whether the connection can still be used (false after a lost PostgreSQL connection).
  virtual bool healthy() const = 0;
  // The engine's own consistency check: SQLite's PRAGMA integrity_check and foreign_key_check;
  // on PostgreSQL, that the server answers and the catalog lists every table. OK or Corruption.
  virtual Status IntegrityCheck() = 0;
};

// A transaction that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Connection* c) : c_(c) {}
  Status Begin() {
    Status s = c_->Begin();
    open_ = s.ok();
    return s;
  }
  Status Commit() {
    open_ = false;
    return c_->Commit();
  }
  ~Transaction() {
    if (open_) (void)c_->Rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  Connection* c_;
  bool open_ = false;
};

class Database;

// A connection borrowed from a Database; returned to its pool when the lease ends.
class Lease {
 public:
  Lease(Database* db, std::unique_ptr<Connection> c) : db_(db), c_(std::move(c)) {}
  Lease(Lease&& o) noexcept : db_(o.db_), c_(std::move(o.c_)) {}
  ~Lease();
  Connection* operator->() { return c_.get(); }
  Connection& operator*() { return *c_; }
  Connection* get() { return c_.get(); }

 private:
  Database* db_;
  std::unique_ptr<Connection> c_;
};

// Where the data lives, as given to `jixiao serve --db`: "sqlite:PATH" (a file; its folder is
// created), "sqlite::memory:" is refused (each connection would see its own database), and
// "postgresql://…" or "postgres://…" (a libpq connection URI).
class Database {
 public:
  // Opens the first connection (so that a wrong URL fails here, not on the first request).
  static Result<std::unique_ptr<Database>> Open(const std::string& url);
  ~Database();

  Engine engine() const { return engine_; }
  const std::string& url() const { return url_; }
  // A connection for this thread: an idle one from the pool, or a new one.
  Result<Lease> Acquire();

  // Runs `work` in a write transaction. On SQLite, writes asked for by several threads at
  // once share one transaction and one commit (group commit: one sync of the log for all of
  // them, instead of each writer syncing in turn while the others wait). Each `work` runs in a
  // savepoint of its own, in the order asked: one that returns an error has its writes undone
  // and that error is its caller's, the others are unaffected. Every caller returns once the
  // commit that made its writes durable is done, or with that commit's error. On PostgreSQL,
  // which groups commits itself, each `work` is a transaction of its own.
  // `work` runs on the connection it is given, possibly on another caller's thread; it uses
  // that connection only and must not throw.
  Status WriteGrouped(const std::function<Status(Connection&)>& work);

 private:
  struct GroupedWrite;
  // Runs `group` in one transaction on a connection of the pool (the leader's part).
  void RunGroup(const std::vector<GroupedWrite*>& group);

  friend class Lease;
  Database(Engine engine, std::string url, std::string target)
      : engine_(engine), url_(std::move(url)), target_(std::move(target)) {}
  Result<std::unique_ptr<Connection>> Connect();
  void Release(std::unique_ptr<Connection> c);

  Engine engine_;
  std::string url_;
  std::string target_;  // the file path (SQLite) or the libpq URI (PostgreSQL)
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
  // The writes waiting for WriteGrouped, oldest first; the first leads the next group.
  std::mutex group_mu_;
  std::deque<GroupedWrite*> group_;
};

// The engines' constructors (sqlite_db.cc, postgres_db.cc).
Result<std::unique_ptr<Connection>> ConnectSqlite(const std::string& path);
Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& uri);

// The libpq URI `url` naming the database `name` instead of its own, for tools that make a
// database beside the maintenance one (the tests, the dashboard benchmark):
// PostgresUrlWithDatabase("postgresql:///postgres?host=/tmp/x", "d") ==
// "postgresql:///d?host=/tmp/x".
std::string PostgresUrlWithDatabase(const std::string& url, const std::string& name);

}  // namespace jixiao::store
