// The store's tables, written once in core SQL for SQLite and PostgreSQL, and the applying of
// their migrations (see schema.h). Amounts and rates are TEXT as printed (never floating
// point); flags are INTEGER 0/1; times are BIGINT milliseconds since 1970 UTC.
#include "store/schema.h"

namespace jixiao::store {
namespace {

// Migrations in order: the first is version 1. Never edit one that has shipped; add another.
constexpr std::string_view kMigrations[] = {
    // 1: the first schema.
    R"sql(
CREATE TABLE regions (
  id {id},
  name TEXT NOT NULL,
  rulebook TEXT NOT NULL
);

CREATE TABLE orgs (
  id {id},
  region_id BIGINT NOT NULL REFERENCES regions (id),
  parent_id BIGINT REFERENCES orgs (id),
  kind TEXT NOT NULL CHECK (kind IN ('bureau', 'department', 'unit')),
  name TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT ''
);
CREATE INDEX orgs_region ON orgs (region_id);
CREATE INDEX orgs_parent ON orgs (parent_id);

CREATE TABLE users (
  id {id},
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('clerk', 'head', 'dept_reviewer', 'bureau', 'admin')),
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_ms);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
  id {id},
  subject TEXT NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (subject, at_ms);
CREATE INDEX login_failures_at ON login_failures (at_ms);

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_ms BIGINT NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE packages (
  id {id},
  unit_id BIGINT NOT NULL REFERENCES orgs (id),
  fiscal_year INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'forwarded',
                                         'accepted', 'published')),
  head_version BIGINT NOT NULL CHECK (head_version >= 1),
  submitted_version BIGINT NOT NULL DEFAULT 0,
  unit_name TEXT NOT NULL DEFAULT '',
  total TEXT NOT NULL DEFAULT '',
  grade TEXT NOT NULL DEFAULT '',
  execution_rate TEXT NOT NULL DEFAULT '',
  n_error BIGINT NOT NULL DEFAULT 0,
  n_inconsistency BIGINT NOT NULL DEFAULT 0,
  n_warning BIGINT NOT NULL DEFAULT 0,
  n_note BIGINT NOT NULL DEFAULT 0,
  updated_ms BIGINT NOT NULL,
  submitted_ms BIGINT NOT NULL DEFAULT 0,
  UNIQUE (unit_id, fiscal_year)
);
CREATE INDEX packages_year ON packages (fiscal_year, status);
CREATE INDEX packages_status ON packages (status);

CREATE TABLE versions (
  package_id BIGINT NOT NULL REFERENCES packages (id),
  number BIGINT NOT NULL CHECK (number >= 1),
  json TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  author_id BIGINT NOT NULL REFERENCES users (id),
  created_ms BIGINT NOT NULL,
  changes TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (package_id, number)
);

CREATE TABLE events (
  id {id},
  package_id BIGINT NOT NULL REFERENCES packages (id),
  at_ms BIGINT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  action TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 0,
  version_hash TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_package ON events (package_id, id);

CREATE TABLE comments (
  id {id},
  package_id BIGINT NOT NULL REFERENCES packages (id),
  version BIGINT NOT NULL DEFAULT 0,
  author_id BIGINT NOT NULL REFERENCES users (id),
  author_role TEXT NOT NULL,
  at_ms BIGINT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  reply_to BIGINT REFERENCES comments (id),
  resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
);
CREATE INDEX comments_package ON comments (package_id, id);

CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  data {blob} NOT NULL
);

CREATE TABLE attachments (
  id {id},
  package_id BIGINT NOT NULL REFERENCES packages (id),
  target TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  uploaded_by BIGINT NOT NULL REFERENCES users (id),
  at_ms BIGINT NOT NULL,
  removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1))
);
CREATE INDEX attachments_package ON attachments (package_id, id);
CREATE INDEX attachments_blob ON attachments (sha256);

CREATE TABLE deadlines (
  region_id BIGINT NOT NULL REFERENCES regions (id),
  fiscal_year INTEGER NOT NULL,
  due_date TEXT NOT NULL,
  PRIMARY KEY (region_id, fiscal_year)
);
)sql",
    // 2: on PostgreSQL, the versions' JSON is stored out of line without compression: compressing
    // every saved version (pglz) took a fifth of the database server's CPU. SQLite stores text
    // as it is already.
    R"sql(
{pg_uncompressed_versions}
)sql",
    // 3: the bureau's side. A package's explained risk (the sum and its signals, JSON, computed
    // by the engine on every save like the other summary columns), when it was first submitted
    // (lateness is judged on that: a package returned and submitted again is not late for it)
    // and when it was published.
    R"sql(
ALTER TABLE packages ADD COLUMN risk TEXT NOT NULL DEFAULT '';
ALTER TABLE packages ADD COLUMN risk_signals TEXT NOT NULL DEFAULT '[]';
ALTER TABLE packages ADD COLUMN published_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE packages ADD COLUMN first_submitted_ms BIGINT NOT NULL DEFAULT 0;
UPDATE packages SET first_submitted_ms = submitted_ms;
CREATE INDEX orgs_region_kind ON orgs (region_id, kind);
)sql",
    // 4: 抽评 and 整改. A year's sample as drawn (its seed kept, so an auditor can draw it again),
    // the reviewer's score per line of a sampled package, and the items a unit must correct
    // with their history (notice, the unit's answers, closing or reopening).
    R"sql(
CREATE TABLE samples (
  id {id},
  region_id BIGINT NOT NULL REFERENCES regions (id),
  fiscal_year INTEGER NOT NULL,
  seed BIGINT NOT NULL,
  requested INTEGER NOT NULL,
  risk_share INTEGER NOT NULL,
  drawn_by BIGINT NOT NULL REFERENCES users (id),
  drawn_ms BIGINT NOT NULL,
  UNIQUE (region_id, fiscal_year)
);

CREATE TABLE sample_entries (
  sample_id BIGINT NOT NULL REFERENCES samples (id),
  package_id BIGINT NOT NULL REFERENCES packages (id),
  position INTEGER NOT NULL,
  by_risk INTEGER NOT NULL CHECK (by_risk IN (0, 1)),
  risk TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (sample_id, package_id)
);
CREATE INDEX sample_entries_package ON sample_entries (package_id);

CREATE TABLE spot_scores (
  package_id BIGINT NOT NULL REFERENCES packages (id),
  pointer TEXT NOT NULL,
  version BIGINT NOT NULL,
  score TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  scorer_id BIGINT NOT NULL REFERENCES users (id),
  at_ms BIGINT NOT NULL,
  PRIMARY KEY (package_id, pointer)
);

CREATE TABLE rectifications (
  id {id},
  package_id BIGINT NOT NULL REFERENCES packages (id),
  source TEXT NOT NULL CHECK (source IN ('review', 'spot_check')),
  target TEXT NOT NULL DEFAULT '',
  what TEXT NOT NULL,
  why TEXT NOT NULL,
  due_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
  opened_by BIGINT NOT NULL REFERENCES users (id),
  opened_ms BIGINT NOT NULL,
  closed_ms BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX rectifications_package ON rectifications (package_id, id);

CREATE TABLE rectification_notes (
  id {id},
  rectification_id BIGINT NOT NULL REFERENCES rectifications (id),
  author_id BIGINT NOT NULL REFERENCES users (id),
  at_ms BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('answer', 'close', 'reopen')),
  body TEXT NOT NULL,
  attachment_id BIGINT REFERENCES attachments (id)
);
CREATE INDEX rectification_notes_item ON rectification_notes (rectification_id, id);
)sql",
    // 5: a number every change to what is said about a package (its comments and evidence, and
    // the 整改 items of its unit with their notes) moves on, in the change's transaction. A
    // server keeps what it last read for a package with the number it was read at, and reads it
    // again only when the number has moved (Store::FindSessionUserWithPackage).
    R"sql(
ALTER TABLE packages ADD COLUMN annotations_stamp BIGINT NOT NULL DEFAULT 0;
)sql",
    // 6: a saved version kept as what changed from the version before it. When `delta_base` is
    // not 0, `json` holds only the changed stretch: the version's text is version delta_base's
    // first `delta_head` bytes, then `json`, then its last `delta_tail` bytes (text_delta.h).
    // Versions saved before this, and every 16th version after, stay whole.
    R"sql(
ALTER TABLE versions ADD COLUMN delta_base BIGINT NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN delta_head BIGINT NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN delta_tail BIGINT NOT NULL DEFAULT 0;
)sql",
};

constexpr std::string_view kCreateMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_ms "
    "BIGINT NOT NULL)";

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
}

}  // namespace

int64_t LatestSchemaVersion() { return static_cast<int64_t>(std::size(kMigrations)); }

const std::vector<std::string_view>& SchemaTables() {
  static const std::vector<std::string_view> tables = {
      "schema_migrations", "regions",    "orgs",        "users",    "sessions",
      "login_failures",    "api_tokens", "packages",    "versions", "events",
      "comments",          "blobs",      "attachments", "deadlines",
      "samples",           "sample_entries", "spot_scores", "rectifications",
      "rectification_notes"};
  return tables;
}

std::string ForEngine(std::string_view sql, Engine engine) {
  std::string out(sql);
  const bool pg = engine == Engine::kPostgres;
  // SQLite's INTEGER PRIMARY KEY is the rowid, numbered automatically.
  ReplaceAll(out, "{id}",
             pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY");
  ReplaceAll(out, "{blob}", pg ? "BYTEA" : "BLOB");
  ReplaceAll(out, "{pg_uncompressed_versions}",
             pg ? "ALTER TABLE versions ALTER COLUMN json SET STORAGE EXTERNAL;" : "");
  return out;
}

Result<int64_t> ReadSchemaVersion(Connection& c) {
  Result<QueryResult> r = c.Run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!r.ok()) return r.status();
  return r->rows.empty() ? 0 : r->rows[0].Int(0);
}

Status Migrate(Connection& c, int64_t now_ms) {
  const int64_t latest = LatestSchemaVersion();
  auto too_new = [&](int64_t have) {
    return Status::InvalidArgument("the database's schema is at version " + std::to_string(have) +
                                   ", newer than this program's " + std::to_string(latest) +
                                   "; run the jixiao that wrote it, or a newer one");
  };
  // Most starts find the schema current and write nothing.
  if (Result<int64_t> have = ReadSchemaVersion(c); have.ok()) {
    if (*have == latest) return Status::Ok();
    if (*have > latest) return too_new(*have);
  }

  // Two PostgreSQL servers creating the table at once may see one of the creations fail
  // (a duplicate catalog row); the second try finds the table there.
  Status created = c.RunScript(kCreateMigrations);
  if (!created.ok() && created.code() != Status::Code::kUnavailable) {
    created = c.RunScript(kCreateMigrations);
  }
  if (!created.ok()) return created;

  Transaction t(&c);
  if (Status s = t.Begin(); !s.ok()) return s;
  if (c.engine() == Engine::kPostgres) {
    // EXCLUSIVE lets readers through but holds back the other starting servers until this
    // transaction ends; they then find the migrations applied.
    if (Status s = c.RunScript("LOCK TABLE schema_migrations IN EXCLUSIVE MODE"); !s.ok()) {
      return s;
    }
  }
  Result<int64_t> have = ReadSchemaVersion(c);
  if (!have.ok()) return have.status();
  if (*have > latest) return too_new(*have);
  for (int64_t v = *have + 1; v <= latest; ++v) {
    Status s = c.RunScript(ForEngine(kMigrations[v - 1], c.engine()));
    if (!s.ok()) {
      if (s.code() == Status::Code::kUnavailable) return s;
      return Status::InvalidArgument("migration " + std::to_string(v) + ": " + s.message());
    }
    Result<QueryResult> r =
        c.Run("INSERT INTO schema_migrations (version, applied_ms) VALUES (?, ?)", {v, now_ms});
    if (!r.ok()) return r.status();
  }
  return t.Commit();
}

}  // namespace jixiao::store
