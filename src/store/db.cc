// Values read from either engine, the pool of connections and the reading of database URLs
// (see db.h). The engines themselves live in sqlite_db.cc and postgres_db.cc.
#include "store/db.h"

#include <charconv>
#include <condition_variable>
#include <filesystem>
#include <system_error>

namespace jixiao::store {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSqlitePrefix = "sqlite:";
// Idle connections kept for reuse; more than this many returned at once are closed. As many
// as `jixiao serve` has workers by default (64 on a small machine), so a busy server keeps its
// connections — and on PostgreSQL their backends and prepared statements — instead of closing
// and opening one for every burst of requests beyond the cap.
constexpr size_t kMaxIdle = 64;
// The most writes one group commits: enough to take every clerk waiting on a busy server,
// few enough that the first of them does not wait long for the last.
constexpr size_t kMaxGroup = 32;

int64_t ParseInt(std::string_view text) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  (void)end;
  return ec == std::errc() ? v : 0;
}

// The file a "sqlite:" target names: the path itself, or the path part of an SQLite URI
// filename ("file:PATH?mode=ro").
std::string SqliteFilePath(const std::string& target) {
  if (!target.starts_with("file:")) return target;
  std::string path = target.substr(5);
  const size_t query = path.find_first_of("?#");
  if (query != std::string::npos) path.resize(query);
  if (path.starts_with("//")) {  // file://localhost/PATH or file:///PATH
    const size_t slash = path.find('/', 2);
    path = slash == std::string::npos ? "" : path.substr(slash);
  }
  return path;
}

}  // namespace

int64_t Row::Int(size_t i) const {
  const Value& v = values.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* s = std::get_if<std::string>(&v)) return ParseInt(*s);
  if (const auto* b = std::get_if<Bytes>(&v)) return ParseInt(b->data);
  return 0;
}

std::string Row::Text(size_t i) const {
  const Value& v = values.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<Bytes>(&v)) return b->data;
  return "";
}

Result<std::vector<QueryResult>> Connection::RunAll(const std::vector<Statement>& statements) {
  std::vector<QueryResult> out;
  out.reserve(statements.size());
  for (const Statement& st : statements) {
    Result<QueryResult> r = Run(st.sql, st.params);
    if (!r.ok()) return r.status();
    out.push_back(std::move(r).value());
  }
  return out;
}

Lease::~Lease() {
  if (c_ != nullptr && db_ != nullptr) db_->Release(std::move(c_));
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& url) {
  std::unique_ptr<Database> db;
  if (url.starts_with(kSqlitePrefix)) {
    const std::string target = url.substr(kSqlitePrefix.size());
    if (target == ":memory:" || target.starts_with("file::memory:") ||
        target.find("mode=memory") != std::string::npos) {
      return Status::InvalidArgument(
          "database URL '" + url +
          "': an in-memory SQLite database is refused (each connection would see a database of "
          "its own); give a file, as in sqlite:data/jixiao.db");
    }
    const std::string path = SqliteFilePath(target);
    if (path.empty()) {
      return Status::InvalidArgument("database URL '" + url +
                                     "': no file after 'sqlite:'; give one, as in "
                                     "sqlite:data/jixiao.db");
    }
    const fs::path folder = fs::path(path).parent_path();
    if (!folder.empty()) {
      std::error_code ec;
      fs::create_directories(folder, ec);
      if (ec) {
        return Status::IOError("SQLite: cannot create the folder '" + folder.string() +
                               "' for the database: " + ec.message());
      }
    }
    db.reset(new Database(Engine::kSqlite, url, target));
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    db.reset(new Database(Engine::kPostgres, url, url));
  } else {
    return Status::InvalidArgument(
        "database URL '" + url +
        "' names no known database; give sqlite:PATH (a file) or postgresql://… (a libpq "
        "connection URI)");
  }
  Result<std::unique_ptr<Connection>> first = db->Connect();
  if (!first.ok()) return first.status();
  db->Release(std::move(first).value());
  return db;
}

Database::~Database() = default;

Result<std::unique_ptr<Connection>> Database::Connect() {
  return engine_ == Engine::kSqlite ? ConnectSqlite(target_) : ConnectPostgres(target_);
}

Result<Lease> Database::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    while (!idle_.empty()) {
      std::unique_ptr<Connection> c = std::move(idle_.back());
      idle_.pop_back();
      if (c->healthy()) return Lease(this, std::move(c));
    }
  }
  // Opened outside the lock: a slow connect must not hold up threads returning connections.
  Result<std::unique_ptr<Connection>> c = Connect();
  if (!c.ok()) {
    // The database could be opened when the server started; failing now is a passing state
    // (a restarting server, no file handles left), so the caller may try again.
    return Status::Unavailable(c.status().message());
  }
  return Lease(this, std::move(c).value());
}

void Database::Release(std::unique_ptr<Connection> c) {
  if (c == nullptr || !c->healthy()) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(c));
}

struct Database::GroupedWrite {
  explicit GroupedWrite(const std::function<Status(Connection&)>* w) : work(w) {}
  const std::function<Status(Connection&)>* work;
  Status status;
  bool done = false;
  std::condition_variable cv;
};

Status Database::WriteGrouped(const std::function<Status(Connection&)>& work) {
  if (engine_ != Engine::kSqlite) {
    Result<Lease> c = Acquire();
    if (!c.ok()) return c.status();
    Transaction t(c->get());
    if (Status s = t.Begin(); !s.ok()) return s;
    if (Status s = work(**c); !s.ok()) return s;
    return t.Commit();
  }
  // The writers queue; the one at the front takes everyone queued behind it (as LevelDB's
  // writers do), and the others wait until their group is committed or they come first.
  GroupedWrite me(&work);
  std::unique_lock<std::mutex> lock(group_mu_);
  group_.push_back(&me);
  while (!me.done && group_.front() != &me) me.cv.wait(lock);
  if (me.done) return me.status;
  const size_t n = std::min(group_.size(), kMaxGroup);
  std::vector<GroupedWrite*> group(group_.begin(), group_.begin() + static_cast<ptrdiff_t>(n));
  lock.unlock();
  RunGroup(group);
  lock.lock();
  for (size_t i = 0; i < n; ++i) {
    GroupedWrite* w = group_.front();
    group_.pop_front();
    w->done = true;
    if (w != &me) w->cv.notify_one();
  }
  if (!group_.empty()) group_.front()->cv.notify_one();
  return me.status;
}

void Database::RunGroup(const std::vector<GroupedWrite*>& group) {
  // What every write of the group hears when the group as a whole fails.
  const auto fail_all = [&](const Status& s) {
    for (GroupedWrite* w : group) w->status = s;
  };
  Result<Lease> lease = Acquire();
  if (!lease.ok()) return fail_all(lease.status());
  Connection& c = **lease;
  Transaction t(&c);
  if (Status s = t.Begin(); !s.ok()) return fail_all(s);
  const auto run = [](GroupedWrite* w, Connection& on) {
    try {
      return (*w->work)(on);
    } catch (const std::exception& e) {
      return Status::Unavailable(std::string("a grouped write failed: ") + e.what());
    }
  };
  if (group.size() == 1) {
    // Alone: no savepoint; a failed write rolls the transaction back.
    group[0]->status = run(group[0], c);
    if (group[0]->status.ok()) group[0]->status = t.Commit();
    return;
  }
  for (size_t i = 0; i < group.size(); ++i) {
    GroupedWrite* w = group[i];
    Status s = c.RunScript("SAVEPOINT grouped_write");
    if (s.ok()) {
      w->status = run(w, c);
      s = w->status.ok() ? c.RunScript("RELEASE grouped_write")
                         : c.RunScript("ROLLBACK TO grouped_write; RELEASE grouped_write");
    }
    if (!s.ok()) {
      // The transaction itself failed (SQLite rolls it back after a full disk or an I/O
      // error): the writes before this one are lost with it, and those after are not tried.
      for (size_t k = 0; k < group.size(); ++k) {
        if (k != i || group[k]->status.ok()) group[k]->status = s;
      }
      return;
    }
  }
  const Status committed = t.Commit();
  if (!committed.ok()) {
    for (GroupedWrite* w : group) {
      if (w->status.ok()) w->status = committed;
    }
  }
}

std::string PostgresUrlWithDatabase(const std::string& url, const std::string& name) {
  const size_t authority = url.find("://");
  if (authority == std::string::npos) return url;
  const size_t path = url.find_first_of("/?", authority + 3);
  if (path == std::string::npos) return url + "/" + name;
  const size_t query = url.find('?', path);
  return url.substr(0, path) + "/" + name +
         (query == std::string::npos ? std::string() : url.substr(query));
}

}  // namespace jixiao::store
