// The PostgreSQL connection (db.h) over libpq's C API. Placeholders are numbered here ($1, $2,
// …); values go separately from the text: integers and text as text, binary data in binary
// format. A query (SELECT, INSERT, UPDATE, DELETE, WITH) is prepared the first time a
// connection runs it and executed by name after that (PQprepare, PQexecPrepared), so the
// server parses and plans each of the store's queries once per connection, not per request;
// anything else goes through PQexecParams. Results come back as text: integers are parsed, bytea's
// hex output
// ("\x…") is decoded. SQLSTATEs become Status values here and nowhere else.
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>

#include "store/db.h"
#include "store/sql_text.h"

namespace jixiao::store {
namespace {

// Type OIDs (pg_type.dat), fixed since PostgreSQL 7.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;

// Frees a PGresult when it goes out of scope.
struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// bytea in the server's hex output format ("\x0041ff") as the bytes it stands for.
std::string DecodeBytea(std::string_view text) {
  if (!text.starts_with("\\x")) {
    // The old escape format (bytea_output = 'escape'): let libpq undo it.
    size_t size = 0;
    unsigned char* raw =
        PQunescapeBytea(reinterpret_cast<const unsigned char*>(std::string(text).c_str()), &size);
    std::string out(reinterpret_cast<const char*>(raw), raw != nullptr ? size : 0);
    PQfreemem(raw);
    return out;
  }
  std::string out;
  out.reserve((text.size() - 2) / 2);
  for (size_t i = 2; i + 1 < text.size(); i += 2) {
    const int hi = HexDigit(text[i]);
    const int lo = HexDigit(text[i + 1]);
    out.push_back(static_cast<char>((hi << 4) | lo));
  }
  return out;
}

bool IsUnavailableState(std::string_view state) {
  if (state.starts_with("08")) return true;  // connection exception
  if (state.starts_with("53")) return true;  // insufficient resources: disk full, out of memory
  if (state.starts_with("58")) return true;  // system error: I/O error
  return state == "25006"                    // read_only_sql_transaction
         || state == "57P01"                 // admin_shutdown
         || state == "57P02"                 // crash_shutdown
         || state == "57P03"                 // cannot_connect_now
         || state == "57014"                 // query_canceled (statement_timeout)
         || state == "55P03";                // lock_not_available (lock_timeout)
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  Engine engine() const override { return Engine::kPostgres; }

  Result<QueryResult> Run(std::string_view sql, const std::vector<Value>& params) override {
    Bound b;
    if (Status s = Bind(sql, params, &b); !s.ok()) return s;
    const int n = static_cast<int>(params.size());
    if (Preparable(sql)) {
      Result<std::string> name = PreparedName(sql, b);
      if (!name.ok()) return name.status();
      ResultPtr res(PQexecPrepared(conn_, name->c_str(), n, b.values.data(), b.lengths.data(),
                                   b.formats.data(), /*resultFormat=*/0));
      return Read(res.get(), sql);
    }
    ResultPtr res(PQexecParams(conn_, b.text->text.c_str(), n, b.types.data(), b.values.data(),
                               b.lengths.data(), b.formats.data(), /*resultFormat=*/0));
    return Read(res.get(), sql);
  }

  // In pipeline mode: every statement sent (prepared beforehand, as Run does), one sync, then
  // the answers read in order. A failed statement makes the server skip the rest up to the sync
  // (PGRES_PIPELINE_ABORTED); its own error is the one returned.
  Result<std::vector<QueryResult>> RunAll(const std::vector<Statement>& statements) override {
    bool preparable = statements.size() > 1 && PQtransactionStatus(conn_) == PQTRANS_IDLE;
    for (const Statement& st : statements) preparable = preparable && Preparable(st.sql);
    if (!preparable) return Connection::RunAll(statements);
    std::vector<Bound> bound(statements.size());  // in place: values point into them
    std::vector<std::string> names;
    for (size_t i = 0; i < statements.size(); ++i) {
      if (Status s = Bind(statements[i].sql, statements[i].params, &bound[i]); !s.ok()) return s;
      Result<std::string> name = PreparedName(statements[i].sql, bound[i]);
      if (!name.ok()) return name.status();
      names.push_back(std::move(name).value());
    }
    if (PQenterPipelineMode(conn_) != 1) return Failure(nullptr, statements[0].sql);
    for (size_t i = 0; i < statements.size(); ++i) {
      const Bound& b = bound[i];
      if (PQsendQueryPrepared(conn_, names[i].c_str(), static_cast<int>(b.values.size()),
                              b.values.data(), b.lengths.data(), b.formats.data(),
                              /*resultFormat=*/0) != 1) {
        return EndPipeline(Failure(nullptr, statements[i].sql));
      }
    }
    if (PQpipelineSync(conn_) != 1) return EndPipeline(Failure(nullptr, statements[0].sql));
    std::vector<QueryResult> out;
    out.reserve(statements.size());
    Status first_error = Status::Ok();
    for (const Statement& st : statements) {
      // Each statement's answer is one result followed by a NULL.
      ResultPtr res(PQgetResult(conn_));
      if (res == nullptr) return EndPipeline(Failure(nullptr, st.sql));
      for (ResultPtr more(PQgetResult(conn_)); more != nullptr; more.reset(PQgetResult(conn_))) {
      }
      if (!first_error.ok()) continue;
      if (PQresultStatus(res.get()) == PGRES_PIPELINE_ABORTED) {
        first_error = Status::Unavailable("PostgreSQL: " + FirstWords(st.sql) +
                                          ": skipped after an earlier statement failed");
        continue;
      }
      Result<QueryResult> r = Read(res.get(), st.sql);
      if (!r.ok()) {
        first_error = r.status();
        continue;
      }
      out.push_back(std::move(r).value());
    }
    ResultPtr sync(PQgetResult(conn_));
    if (sync == nullptr || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) {
      return EndPipeline(Failure(sync.get(), statements.back().sql));
    }
    Status ended = EndPipeline(Status::Ok());
    if (!first_error.ok()) return first_error;
    if (!ended.ok()) return ended;
    return out;
  }

  Status RunScript(std::string_view sql) override {
    const std::string text(sql);
    ResultPtr res(PQexec(conn_, text.c_str()));
    Result<QueryResult> r = Read(res.get(), sql);
    return r.ok() ? Status::Ok() : r.status();
  }

  // READ COMMITTED: concurrent writers are serialised by the row locks of their UPDATEs, whose
  // WHERE re-reads the row once the other transaction has committed (the store's
  // `… WHERE head_version = ?` is how a stale save is caught).
  Status Begin() override { return RunScript("BEGIN ISOLATION LEVEL READ COMMITTED"); }
  Status Commit() override { return RunScript("COMMIT"); }
  Status Rollback() override {
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return Status::Ok();
    return RunScript("ROLLBACK");
  }

  // Reads what the server may have sent meanwhile without waiting: a server that restarted or
  // ended this backend has closed the socket, which makes the status CONNECTION_BAD here rather
  // than failing the next request.
  bool healthy() const override {
    if (PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) != PQTRANS_IDLE ||
        PQpipelineStatus(conn_) != PQ_PIPELINE_OFF) {
      return false;
    }
    // A dying backend sends its FATAL message, then closes: the first read takes the message,
    // the second meets the end of the stream.
    for (int i = 0; i < 2; ++i) {
      if (PQconsumeInput(conn_) != 1 || PQstatus(conn_) != CONNECTION_OK) return false;
    }
    return true;
  }

  Status IntegrityCheck() override {
    Result<QueryResult> alive = Run("SELECT 1", {});
    if (!alive.ok()) return alive.status();
    // An index left invalid by a failed build answers no query it should.
    Result<QueryResult> invalid =
        Run("SELECT c.relname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = "
            "i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname "
            "= current_schema() AND NOT (i.indisvalid AND i.indisready)",
            {});
    if (!invalid.ok()) return invalid.status();
    if (!invalid->rows.empty()) {
      std::string names;
      for (const Row& row : invalid->rows) names += (names.empty() ? "" : ", ") + row.Text(0);
      return Status::Corruption("PostgreSQL: invalid indexes: " + names);
    }
    return Status::Ok();
  }

 private:
  // A statement's text as the server takes it ($1, $2, … for ?), its number of placeholders, and
  // the names it was prepared under, one per list of parameter types (a NULL leaves a type to the
  // server, so one text can need more than one).
  struct Text {
    std::string text;
    int count = 0;
    std::vector<std::pair<std::vector<Oid>, std::string>> prepared;
  };

  // A statement's values as libpq takes them, and its Text. `values` points into `numbers` and
  // into the caller's parameters: a Bound is filled where it stays.
  struct Bound {
    Bound() = default;
    Bound(const Bound&) = delete;
    Bound& operator=(const Bound&) = delete;
    Text* text = nullptr;  // in texts_
    std::vector<std::string> numbers;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    std::vector<Oid> types;  // 0: the server infers the type from its use
  };

  // The statement's Text, numbered on first use by this connection: every request runs the same
  // few dozen statements, so each is scanned for its placeholders once, not on every run.
  Text* TextOf(std::string_view sql) {
    auto it = texts_.find(sql);
    if (it != texts_.end()) return &it->second;
    // The store's statements are a fixed set, but a statement built with values in its text
    // would make a new one each time: the cache never holds more than this many.
    if (texts_.size() >= kMaxTexts) {
      texts_.clear();
      // The prepared statements stay on the server under their names; new ones get new names.
    }
    Text t;
    t.text = NumberPlaceholders(sql, &t.count);
    return &texts_.emplace(std::string(sql), std::move(t)).first->second;
  }

  Status Bind(std::string_view sql, const std::vector<Value>& params, Bound* out) {
    Bound& b = *out;
    b.text = TextOf(sql);
    const int count = b.text->count;
    if (count != static_cast<int>(params.size())) {
      return Status::InvalidArgument("PostgreSQL: " + FirstWords(sql) + ": " +
                                     std::to_string(count) + " placeholders but " +
                                     std::to_string(params.size()) + " values");
    }
    b.numbers.resize(params.size());
    b.values.assign(params.size(), nullptr);
    b.lengths.assign(params.size(), 0);
    b.formats.assign(params.size(), 0);
    b.types.assign(params.size(), 0);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (const auto* n = std::get_if<int64_t>(&v)) {
        b.numbers[i] = std::to_string(*n);
        b.values[i] = b.numbers[i].c_str();
        b.types[i] = kInt8Oid;
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        if (s->find('\0') != std::string::npos) {
          return Status::InvalidArgument("PostgreSQL: " + FirstWords(sql) + ": value " +
                                         std::to_string(i + 1) +
                                         " is text holding a NUL byte, which PostgreSQL's text "
                                         "cannot store (binary data goes as Bytes)");
        }
        b.values[i] = s->c_str();
      } else if (const auto* bytes = std::get_if<Bytes>(&v)) {
        b.values[i] = bytes->data.data();
        b.lengths[i] = static_cast<int>(bytes->data.size());
        b.formats[i] = 1;
        b.types[i] = kByteaOid;
      }
    }
    return Status::Ok();
  }

  // The name of the prepared statement for `sql` with these parameter types (a NULL leaves the
  // type to the server), preparing it on first use.
  // A copy: a later statement's Bind may empty texts_.
  Result<std::string> PreparedName(std::string_view sql, const Bound& b) {
    std::vector<std::pair<std::vector<Oid>, std::string>>& names = b.text->prepared;
    for (const auto& [types, name] : names) {
      if (types == b.types) return name;
    }
    std::string name = "jx" + std::to_string(++prepared_count_);
    ResultPtr prepared(PQprepare(conn_, name.c_str(), b.text->text.c_str(),
                                 static_cast<int>(b.types.size()), b.types.data()));
    if (prepared == nullptr || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      return Failure(prepared.get(), sql);
    }
    names.emplace_back(b.types, name);
    return name;
  }

  // Leaves pipeline mode (only possible once every answer has been read; if it cannot, the
  // connection reports itself unhealthy and the pool drops it) and returns `s`.
  Status EndPipeline(Status s) {
    PQexitPipelineMode(conn_);
    return s;
  }

  Result<QueryResult> Read(PGresult* res, std::string_view sql) {
    const ExecStatusType status = res != nullptr ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      QueryResult out;
      const int rows = PQntuples(res);
      const int columns = PQnfields(res);
      out.rows.reserve(rows);
      for (int r = 0; r < rows; ++r) {
        Row row;
        row.values.reserve(columns);
        for (int c = 0; c < columns; ++c) row.values.push_back(Cell(res, r, c));
        out.rows.push_back(std::move(row));
      }
      const char* affected = PQcmdTuples(res);
      if (affected != nullptr && *affected != '\0') {
        std::from_chars(affected, affected + std::strlen(affected), out.affected);
      }
      return out;
    }
    return Failure(res, sql);
  }

  static Value Cell(PGresult* res, int r, int c) {
    if (PQgetisnull(res, r, c)) return std::monostate{};
    const char* text = PQgetvalue(res, r, c);
    const std::string_view value(text, PQgetlength(res, r, c));
    switch (PQftype(res, c)) {
      case kInt8Oid:
      case kInt4Oid:
      case kInt2Oid: {
        int64_t n = 0;
        std::from_chars(value.data(), value.data() + value.size(), n);
        return n;
      }
      case kBoolOid:
        return static_cast<int64_t>(value == "t" ? 1 : 0);
      case kByteaOid:
        return Bytes{DecodeBytea(value)};
      default:
        return std::string(value);
    }
  }

  Status Failure(PGresult* res, std::string_view sql) {
    const std::string where = "PostgreSQL: " + FirstWords(sql) + ": ";
    const char* state_field = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    const std::string state = state_field != nullptr ? state_field : "";
    std::string message;
    if (res != nullptr) {
      const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
      if (primary != nullptr) message = primary;
    }
    if (message.empty()) message = PQerrorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    if (!state.empty()) message += " (SQLSTATE " + state + ")";

    if (PQstatus(conn_) == CONNECTION_BAD) {
      return Status::Unavailable(where + "the connection to the server was lost: " + message);
    }
    if (state.empty()) return Status::Unavailable(where + message);
    if (state == "25006") {
      return Status::Unavailable(where + "the database cannot be written (read-only): " + message);
    }
    if (state.starts_with("53")) {
      return Status::Unavailable(where + "the server is out of resources: " + message);
    }
    if (IsUnavailableState(state)) return Status::Unavailable(where + message);
    if (state.starts_with("23")) return Status::Conflict(where + message);
    // serialization_failure, deadlock_detected: a concurrent transaction won; try again.
    if (state == "40001" || state == "40P01") return Status::Conflict(where + message);
    if (state == "XX001" || state == "XX002") return Status::Corruption(where + message);
    return Status::InvalidArgument(where + message);
  }

  // A statement worth preparing: one of the store's queries, not DDL.
  static bool Preparable(std::string_view sql) {
    const size_t start = sql.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return false;
    for (std::string_view verb : {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"}) {
      if (sql.size() - start > verb.size() &&
          std::equal(
              verb.begin(), verb.end(), sql.begin() + start,
              [](char a, char b) { return a == (b >= 'a' && b <= 'z' ? b - 'a' + 'A' : b); }) &&
          (sql[start + verb.size()] == ' ' || sql[start + verb.size()] == '\n')) {
        return true;
      }
    }
    return false;
  }

  PGconn* conn_;
  // The statements this connection has run, by their text as the store writes it (? for each
  // value), with the names of their prepared statements ("jx1", "jx2", …). Prepared statements
  // live as long as the session: a broken connection is dropped from the pool with them.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static constexpr size_t kMaxTexts = 4096;
  std::unordered_map<std::string, Text, TextHash, std::equal_to<>> texts_;
  int64_t prepared_count_ = 0;
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& uri) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (conn == nullptr) return Status::IOError("PostgreSQL: cannot connect: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    PQfinish(conn);
    // The URI may hold a password, so the message gives libpq's words only.
    return Status::IOError("PostgreSQL: cannot connect: " + why);
  }
  // NOTICEs ("relation already exists, skipping") would go to stderr.
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  auto c = std::make_unique<PostgresConnection>(conn);
  Status s = c->RunScript("SET client_encoding = 'UTF8'");
  if (!s.ok()) return Status::IOError(s.message());
  return std::unique_ptr<Connection>(std::move(c));
}

}  // namespace jixiao::store
