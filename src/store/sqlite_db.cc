// The SQLite connection (db.h) over the sqlite3 C API: one file in WAL mode, foreign keys on,
// every commit synced to disk, writers waiting up to five seconds for one another. Statements
// are prepared once per connection and kept; SQLite's result codes become Status values here
// and nowhere else.
//
// SQLite lets one writer in at a time and makes the others poll (its busy handler sleeps 1, 2,
// 5, … 100 ms between tries), so under a burst of saves a writer could sleep far longer than
// the write it waits for takes. The connections of one process to one file therefore queue on
// a mutex of their own before they ask SQLite for the write lock: a waiting writer starts the
// moment the previous one commits. The busy timeout still covers other processes.
#include <sqlite3.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "store/db.h"
#include "store/sql_text.h"

namespace jixiao::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// What a failure means to the caller, from SQLite's primary result code.
Status ToStatus(sqlite3* db, int rc, std::string_view sql) {
  const std::string engine_text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string where = "SQLite: " + FirstWords(sql) + ": ";
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return Status::Conflict(where + engine_text);
    case SQLITE_READONLY:
      return Status::Unavailable(where +
                                 "the database cannot be written (read-only): " + engine_text);
    case SQLITE_FULL:
      return Status::Unavailable(where + "the disk is full: " + engine_text);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable(where +
                                 "the database is locked by another connection: " + engine_text);
    case SQLITE_IOERR:
      return Status::Unavailable(where + "the disk failed to read or write: " + engine_text);
    case SQLITE_CANTOPEN:
      return Status::Unavailable(where + "cannot open the database file: " + engine_text);
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return Status::Unavailable(where + "access denied: " + engine_text);
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
    case SQLITE_INTERRUPT:
      return Status::Unavailable(where + engine_text);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(where + engine_text);
    default:
      return Status::InvalidArgument(where + engine_text);
  }
}

// The writers' queue of one database file, shared by this process's connections to it.
std::shared_ptr<std::timed_mutex> WriterQueue(const std::string& path) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<std::timed_mutex>> queues;
  std::lock_guard<std::mutex> lock(mu);
  std::weak_ptr<std::timed_mutex>& slot = queues[path];
  std::shared_ptr<std::timed_mutex> queue = slot.lock();
  if (!queue) {
    queue = std::make_shared<std::timed_mutex>();
    slot = queue;
  }
  return queue;
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::shared_ptr<std::timed_mutex> writers)
      : db_(db), writers_(std::move(writers)) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
    if (writing_) writers_->unlock();
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Engine engine() const override { return Engine::kSqlite; }

  Result<QueryResult> Run(std::string_view sql, const std::vector<Value>& params) override {
    Result<sqlite3_stmt*> prepared = Prepare(sql);
    if (!prepared.ok()) return prepared.status();
    sqlite3_stmt* stmt = *prepared;
    // A write outside a transaction queues like a transaction does.
    std::unique_lock<std::timed_mutex> queued;
    if (!writing_ && !sqlite3_stmt_readonly(stmt)) {
      queued = std::unique_lock<std::timed_mutex>(*writers_, std::defer_lock);
      if (!queued.try_lock_for(std::chrono::milliseconds(kBusyTimeoutMs))) return Busy(sql);
    }
    // Leaves the statement ready for its next use whichever way this returns.
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};

    const int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
      return Status::InvalidArgument("SQLite: " + FirstWords(sql) + ": " +
                                     std::to_string(expected) + " placeholders but " +
                                     std::to_string(params.size()) + " values");
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i) + 1;
      int rc = SQLITE_OK;
      const Value& v = params[i];
      if (const auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, at, *n);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        // The values outlive the statement's use: bindings are cleared before Run returns.
        rc = sqlite3_bind_text64(stmt, at, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (const auto* b = std::get_if<Bytes>(&v)) {
        // data() is never null, so an empty value is an empty blob, not NULL.
        rc = sqlite3_bind_blob64(stmt, at, b->data.data(), b->data.size(), SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt, at);
      }
      if (rc != SQLITE_OK) return ToStatus(db_, rc, sql);
    }

    QueryResult out;
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return ToStatus(db_, rc, sql);
      Row row;
      row.values.reserve(columns);
      for (int c = 0; c < columns; ++c) row.values.push_back(Column(stmt, c));
      out.rows.push_back(std::move(row));
    }
    if (!sqlite3_stmt_readonly(stmt)) out.affected = sqlite3_changes64(db_);
    return out;
  }

  Status RunScript(std::string_view sql) override {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);  // sqlite3_errmsg says the same
    return rc == SQLITE_OK ? Status::Ok() : ToStatus(db_, rc, sql);
  }

  // IMMEDIATE takes the write lock at once (waiting up to the busy timeout), so two writers
  // never both read a state and then fail to upgrade.
  // The process's other writers are queued first (see the top of this file).
  Status Begin() override {
    if (!writing_) {
      if (!writers_->try_lock_for(std::chrono::milliseconds(kBusyTimeoutMs))) {
        return Busy("BEGIN IMMEDIATE");
      }
      writing_ = true;
    }
    Status s = RunScript("BEGIN IMMEDIATE");
    if (!s.ok()) LeaveQueue();
    return s;
  }

  Status Commit() override {
    Status s = RunScript("COMMIT");
    // A failed COMMIT may leave the transaction open (SQLITE_BUSY); end it so the connection
    // goes back to the pool clean.
    if (!s.ok() && sqlite3_get_autocommit(db_) == 0) (void)RunScript("ROLLBACK");
    LeaveQueue();
    return s;
  }

  Status Rollback() override {
    // SQLite may already have rolled back after an I/O error or a full disk.
    Status s = sqlite3_get_autocommit(db_) != 0 ? Status::Ok() : RunScript("ROLLBACK");
    LeaveQueue();
    return s;
  }

  bool healthy() const override { return db_ != nullptr && sqlite3_get_autocommit(db_) != 0; }

  Status IntegrityCheck() override {
    Result<QueryResult> integrity = Run("PRAGMA integrity_check", {});
    if (!integrity.ok()) return integrity.status();
    std::string problems;
    for (const Row& row : integrity->rows) {
      const std::string line = row.Text(0);
      if (line == "ok") continue;
      if (!problems.empty()) problems += "; ";
      problems += line;
    }
    if (!problems.empty()) return Status::Corruption("SQLite: integrity_check: " + problems);
    // Rows: table, rowid, parent table, foreign key index.
    Result<QueryResult> foreign = Run("PRAGMA foreign_key_check", {});
    if (!foreign.ok()) return foreign.status();
    for (const Row& row : foreign->rows) {
      if (!problems.empty()) problems += "; ";
      problems += "row " + row.Text(1) + " of " + row.Text(0) + " points at a missing row of " +
                  row.Text(2);
    }
    if (!problems.empty()) return Status::Corruption("SQLite: foreign_key_check: " + problems);
    return Status::Ok();
  }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return ToStatus(db_, rc, sql);
    if (stmt == nullptr) return Status::InvalidArgument("SQLite: empty statement");
    for (const char* p = tail; p != nullptr && p < key.data() + key.size(); ++p) {
      if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
        sqlite3_finalize(stmt);
        return Status::InvalidArgument("SQLite: " + FirstWords(sql) +
                                       ": more than one statement given to Run");
      }
    }
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  static Value Column(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER:
        return static_cast<int64_t>(sqlite3_column_int64(stmt, c));
      case SQLITE_BLOB: {
        const void* data = sqlite3_column_blob(stmt, c);
        const int size = sqlite3_column_bytes(stmt, c);
        return Bytes{std::string(static_cast<const char*>(data), data ? size : 0)};
      }
      case SQLITE_NULL:
        return std::monostate{};
      default: {  // TEXT, and FLOAT (which the schema never stores) as SQLite prints it
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        const int size = sqlite3_column_bytes(stmt, c);
        return std::string(text != nullptr ? text : "", text != nullptr ? size : 0);
      }
    }
  }

  void LeaveQueue() {
    if (writing_) writers_->unlock();
    writing_ = false;
  }

  // What a writer hears after waiting for the others as long as SQLite's busy timeout.
  static Status Busy(std::string_view sql) {
    return Status::Unavailable("SQLite: " + FirstWords(sql) +
                               ": the database is locked by another connection: other writes "
                               "of this server took longer than the busy timeout");
  }

  sqlite3* db_;
  std::shared_ptr<std::timed_mutex> writers_;
  bool writing_ = false;  // this connection holds writers_ (between Begin and Commit/Rollback)
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

Result<std::unique_ptr<Connection>> ConnectSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  // "file:PATH?mode=ro" and other SQLite URI filenames open as their parameters say.
  if (path.starts_with("file:")) flags |= SQLITE_OPEN_URI;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status::IOError("SQLite: cannot open '" + path + "': " + why);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto c = std::make_unique<SqliteConnection>(db, WriterQueue(path));
  auto fail = [&](const std::string& why) {
    return Status::IOError("SQLite: cannot open '" + path + "': " + why);
  };
  // WAL lets readers go on while one writer writes. Switching a new file to it needs the file
  // to itself, and SQLite does not wait for that (no busy handler), so several connections
  // opening a new database at once retry here. A read-only file keeps its mode.
  if (sqlite3_db_readonly(db, "main") != 1) {
    std::string mode;
    for (int waited_ms = 0;; waited_ms += 10) {
      mode.clear();
      const int wal = sqlite3_exec(
          db, "PRAGMA journal_mode = WAL",
          [](void* out, int, char** values, char**) {
            if (values[0] != nullptr) *static_cast<std::string*>(out) = values[0];
            return 0;
          },
          &mode, nullptr);
      if (wal == SQLITE_OK) break;
      if ((wal & 0xff) != SQLITE_BUSY || waited_ms >= kBusyTimeoutMs) {
        return fail(sqlite3_errmsg(db));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (mode != "wal") return fail("cannot use WAL mode here (journal_mode stays '" + mode + "')");
  }
  // synchronous=FULL syncs the log on every commit, so a committed save survives a power cut.
  for (const char* pragma : {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"}) {
    if (sqlite3_exec(db, pragma, nullptr, nullptr, nullptr) != SQLITE_OK) {
      return fail(sqlite3_errmsg(db));
    }
  }
  return std::unique_ptr<Connection>(std::move(c));
}

}  // namespace jixiao::store
