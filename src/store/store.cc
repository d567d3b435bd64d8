// The server's data over one Database (see store.h): each method borrows a connection, runs
// core SQL that SQLite and PostgreSQL both accept, and turns rows into the structs of store.h.
// Writes that belong together (a version with its head, summary and event; a transition with
// its event) share one transaction; a stale write is caught by an UPDATE whose WHERE names the
// state it expects, which works alike on both engines.
#include "store/store.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "base/lang.h"
#include "base/sha256.h"
#include "store/schema.h"
#include "store/text_delta.h"

namespace jixiao::store {
namespace {

#define STORE_CAT_(a, b) a##b
#define STORE_CAT(a, b) STORE_CAT_(a, b)
#define STORE_RETURN_IF_ERROR(expr)              \
  do {                                           \
    Status store_status = (expr);                \
    if (!store_status.ok()) return store_status; \
  } while (0)
#define STORE_ASSIGN_OR_RETURN_(tmp, lhs, expr) \
  auto tmp = (expr);                            \
  if (!tmp.ok()) return tmp.status();           \
  lhs = std::move(tmp).value()
// Declares `lhs` from a Result, or returns its failure.
#define STORE_ASSIGN_OR_RETURN(lhs, expr) \
  STORE_ASSIGN_OR_RETURN_(STORE_CAT(store_result_, __LINE__), lhs, expr)

// Failed logins older than this are forgotten when a new one is recorded, so that guessing
// at random names cannot grow the table without end. Throttling looks back far less.
constexpr int64_t kLoginFailureMemoryMs = 24 * 60 * 60 * 1000;

int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// NULL for 0: the optional references (a 财政局's parent, an event without a user).
Value IdOrNull(int64_t id) { return id == 0 ? Value() : Value(id); }

std::optional<OrgKind> OrgKindFromKey(std::string_view key) {
  for (OrgKind k : {OrgKind::kBureau, OrgKind::kDepartment, OrgKind::kUnit}) {
    if (OrgKindKey(k) == key) return k;
  }
  return std::nullopt;
}

// ---- Rows to structs. Each reader goes with the column list it reads.

// The columns of a row from `first` on, for reading a joined row's second part.
Row ColumnsFrom(const Row& r, size_t first) {
  Row out;
  out.values.assign(r.values.begin() + static_cast<std::ptrdiff_t>(first), r.values.end());
  return out;
}

constexpr std::string_view kOrgColumns = "id, region_id, parent_id, kind, name, code";
Org ToOrg(const Row& r) {
  Org o;
  o.id = r.Int(0);
  o.region_id = r.Int(1);
  o.parent_id = r.Int(2);
  o.kind = OrgKindFromKey(r.Text(3)).value_or(OrgKind::kUnit);
  o.name = r.Text(4);
  o.code = r.Text(5);
  return o;
}

constexpr std::string_view kUserSelect =
    "SELECT u.id, u.login, u.name, u.role, u.org_id, o.region_id, u.password_hash, u.disabled "
    "FROM users u JOIN orgs o ON o.id = u.org_id";
User ToUser(const Row& r) {
  User u;
  u.id = r.Int(0);
  u.login = r.Text(1);
  u.name = r.Text(2);
  u.role = RoleFromKey(r.Text(3)).value_or(Role::kClerk);
  u.org_id = r.Int(4);
  u.region_id = r.Int(5);
  u.password_hash = r.Text(6);
  u.disabled = r.Int(7) != 0;
  return u;
}

constexpr std::string_view kPackageColumns =
    "p.id, p.unit_id, p.fiscal_year, p.status, p.head_version, p.submitted_version, p.unit_name, "
    "p.total, p.grade, p.execution_rate, p.n_error, p.n_inconsistency, p.n_warning, p.n_note, "
    "p.updated_ms, p.submitted_ms, p.risk, p.risk_signals, p.published_ms, "
    "p.first_submitted_ms";
constexpr size_t kPackageWidth = 20;
PackageRow ToPackage(const Row& r) {
  PackageRow p;
  p.id = r.Int(0);
  p.unit_id = r.Int(1);
  p.fiscal_year = static_cast<int>(r.Int(2));
  p.status = StatusFromKey(r.Text(3)).value_or(PackageStatus::kDraft);
  p.head_version = r.Int(4);
  p.submitted_version = r.Int(5);
  p.summary.unit_name = r.Text(6);
  p.summary.total = r.Text(7);
  p.summary.grade = r.Text(8);
  p.summary.execution_rate = r.Text(9);
  for (size_t i = 0; i < 4; ++i) p.summary.findings[i] = r.Int(10 + i);
  p.updated_ms = r.Int(14);
  p.submitted_ms = r.Int(15);
  p.summary.risk = r.Text(16);
  p.summary.risk_signals = r.Text(17);
  p.published_ms = r.Int(18);
  p.first_submitted_ms = r.Int(19);
  return p;
}

// Without the JSON when `with_json` is false (the listing).
Version ToVersion(const Row& r, bool with_json) {
  Version v;
  size_t i = 0;
  v.package_id = r.Int(i++);
  v.number = r.Int(i++);
  if (with_json) v.json = r.Text(i++);
  v.sha256 = r.Text(i++);
  v.author_id = r.Int(i++);
  v.author_name = r.Text(i++);
  v.created_ms = r.Int(i++);
  v.changes = r.Text(i++);
  v.note = r.Text(i++);
  return v;
}

constexpr std::string_view kEventSelect =
    "SELECT e.id, e.package_id, e.at_ms, e.user_id, u.name, e.action, e.from_status, "
    "e.to_status, e.version, e.version_hash, e.comment FROM events e LEFT JOIN users u ON u.id = "
    "e.user_id";
Event ToEvent(const Row& r) {
  Event e;
  e.id = r.Int(0);
  e.package_id = r.Int(1);
  e.at_ms = r.Int(2);
  e.user_id = r.Int(3);
  e.user_name = r.Text(4);
  e.action = r.Text(5);
  e.from_status = r.Text(6);
  e.to_status = r.Text(7);
  e.version = r.Int(8);
  e.version_hash = r.Text(9);
  e.comment = r.Text(10);
  return e;
}

// A comment's columns (ToComment reads them in this order) and where they come from.
constexpr std::string_view kCommentColumns =
    "c.id, c.package_id, c.version, c.author_id, u.name, c.author_role, c.at_ms, c.target, "
    "c.body, c.reply_to, c.resolved";
constexpr size_t kCommentColumnCount = 11;
constexpr std::string_view kCommentFrom = " FROM comments c JOIN users u ON u.id = c.author_id";
Comment ToComment(const Row& r) {
  Comment c;
  c.id = r.Int(0);
  c.package_id = r.Int(1);
  c.version = r.Int(2);
  c.author_id = r.Int(3);
  c.author_name = r.Text(4);
  c.author_role = RoleFromKey(r.Text(5)).value_or(Role::kClerk);
  c.at_ms = r.Int(6);
  c.target = r.Text(7);
  c.body = r.Text(8);
  c.reply_to = r.Int(9);
  c.resolved = r.Int(10) != 0;
  return c;
}

// An attachment's columns (ToAttachment reads them in this order).
constexpr std::string_view kAttachmentColumns =
    "id, package_id, target, name, mime, size, sha256, uploaded_by, at_ms";
constexpr size_t kAttachmentColumnCount = 9;
constexpr std::string_view kAttachmentFrom = " FROM attachments";
Attachment ToAttachment(const Row& r) {
  Attachment a;
  a.id = r.Int(0);
  a.package_id = r.Int(1);
  a.target = r.Text(2);
  a.name = r.Text(3);
  a.mime = r.Text(4);
  a.size = r.Int(5);
  a.sha256 = r.Text(6);
  a.uploaded_by = r.Int(7);
  a.at_ms = r.Int(8);
  return a;
}

// ---- Statements shared by several methods.

Status NoPackage(int64_t id) {
  return Status::NotFound(TrF("没有编号为 {} 的材料", "no package {}", id));
}

// kNotFound unless the package exists.
Status CheckPackage(Connection& c, int64_t id) {
  STORE_ASSIGN_OR_RETURN(QueryResult r, c.Run("SELECT id FROM packages WHERE id = ?", {id}));
  return r.rows.empty() ? NoPackage(id) : Status::Ok();
}

// A whole version every this many (1, 17, 33, …): reading a version applies at most 15 deltas,
// found among the 15 versions before it (TextOfDelta).
constexpr int64_t kWholeEvery = 16;

// How version `number` is stored: as a delta against the version before it when the caller
// gave that version's text, the number does not start a chain, and the delta is at most half
// the text (a save that rewrote most of the package is kept whole).
std::optional<TextDelta> StoredDelta(const NewVersion& v, int64_t number) {
  if (v.base_json.empty() || v.base_sha256.empty() || number % kWholeEvery == 1) {
    return std::nullopt;
  }
  TextDelta d = DeltaOf(v.base_json, v.json);
  if (d.middle.size() * 2 > v.json.size()) return std::nullopt;
  return d;
}

// The values of versions' columns (package_id, number, json, sha256, author_id, created_ms,
// changes, note, delta_base, delta_head, delta_tail), appended to `values`.
void AppendVersionValues(std::vector<Value>* values, int64_t package_id, int64_t number,
                         const NewVersion& v, const std::optional<TextDelta>& delta,
                         const std::string& sha, int64_t author_id, int64_t now_ms) {
  values->insert(
      values->end(),
      {package_id, number, delta ? std::string(delta->middle) : v.json, sha, author_id, now_ms,
       v.changes.empty() ? std::string("[]") : v.changes, v.note, delta ? number - 1 : int64_t{0},
       static_cast<int64_t>(delta ? delta->keep_head : 0),
       static_cast<int64_t>(delta ? delta->keep_tail : 0)});
}

constexpr std::string_view kVersionColumns =
    "versions (package_id, number, json, sha256, author_id, created_ms, changes, note, "
    "delta_base, delta_head, delta_tail)";

// Writes version `number` of the package (whole, or as `delta`); returns its SHA-256 (hex).
Result<std::string> InsertVersion(Connection& c, int64_t package_id, int64_t number,
                                  const NewVersion& v, int64_t author_id, int64_t now_ms,
                                  const std::optional<TextDelta>& delta = std::nullopt) {
  std::string sha = v.sha256.empty() ? Sha256Hex(v.json) : v.sha256;
  std::vector<Value> values;
  AppendVersionValues(&values, package_id, number, v, delta, sha, author_id, now_ms);
  STORE_ASSIGN_OR_RETURN(QueryResult r, c.Run("INSERT INTO " + std::string(kVersionColumns) +
                                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                              values));
  (void)r;
  return sha;
}

// The stored columns of a version kept as a delta.
struct StoredDeltaRow {
  int64_t number = 0;
  std::string middle;  // its `json`
  std::string sha256;
  int64_t base = 0, head = 0, tail = 0;
};

// The text of a version stored as a delta: the whole version its chain starts from, each delta
// after it applied in turn, and the result checked against the version's hash. The chain is
// read as the kWholeEvery - 1 versions before this one, a range of the primary key whatever the
// plan (a subquery for where the chain starts let PostgreSQL's generic plan read every version
// of the package).
Result<std::string> TextOfDelta(Connection& c, int64_t package_id, const StoredDeltaRow& row) {
  const int64_t number = row.number;
  STORE_ASSIGN_OR_RETURN(
      QueryResult chain,
      c.Run("SELECT number, json, delta_base, delta_head, delta_tail FROM versions WHERE "
            "package_id = ? AND number >= ? AND number < ? ORDER BY number",
            {package_id, number - (kWholeEvery - 1), number}));
  auto broken = [&](std::string_view why) {
    return Status::Corruption(TrF("材料 {} 第 {} 版的保存差异无法还原：{}",
                                  "version {} of package {} cannot be rebuilt from its deltas: {}",
                                  number, package_id, why));
  };
  // The chain starts at the last whole version.
  size_t first = chain.rows.size();
  while (first > 0 && chain.rows[first - 1].Int(2) != 0) --first;
  if (first == 0) return broken(Tr("它之前没有完整保存的版本", "no whole version before it"));
  --first;
  std::string text = chain.rows[first].Text(1);
  int64_t at = chain.rows[first].Int(0);
  auto apply = [&](int64_t n, int64_t base, const std::string& middle, int64_t head,
                   int64_t tail) -> Status {
    if (base != at || head < 0 || tail < 0) {
      return broken(TrF("第 {} 版的差异依据第 {} 版，而不是第 {} 版",
                        "version {} is a delta against {}, not {}", n, base, at));
    }
    STORE_ASSIGN_OR_RETURN(
        text, ApplyDelta(text, static_cast<size_t>(head), static_cast<size_t>(tail), middle));
    at = n;
    return Status::Ok();
  };
  for (size_t i = first + 1; i < chain.rows.size(); ++i) {
    const Row& r = chain.rows[i];
    STORE_RETURN_IF_ERROR(apply(r.Int(0), r.Int(2), r.Text(1), r.Int(3), r.Int(4)));
  }
  STORE_RETURN_IF_ERROR(apply(number, row.base, row.middle, row.head, row.tail));
  if (Sha256Hex(text) != row.sha256) {
    return broken(Tr("还原的文本与其 SHA-256 不符", "the text does not match its SHA-256"));
  }
  return text;
}

Status InsertEvent(Connection& c, const Event& e) {
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c.Run("INSERT INTO events (package_id, at_ms, user_id, action, from_status, to_status, "
            "version, version_hash, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {e.package_id, e.at_ms, IdOrNull(e.user_id), e.action, e.from_status, e.to_status,
             e.version, e.version_hash, e.comment}));
  (void)r;
  return Status::Ok();
}

Result<std::string> VersionHash(Connection& c, int64_t package_id, int64_t number) {
  STORE_ASSIGN_OR_RETURN(QueryResult r,
                         c.Run("SELECT sha256 FROM versions WHERE package_id = ? AND number = ?",
                               {package_id, number}));
  if (r.rows.empty()) {
    return Status::NotFound(
        TrF("材料 {} 没有第 {} 版", "package {} has no version {}", package_id, number));
  }
  return r.rows[0].Text(0);
}

// The summary's columns, in the order the INSERT and the UPDATE of packages name them.
std::vector<Value> SummaryValues(const PackageSummary& s) {
  return {s.unit_name,   s.total,       s.grade,       s.execution_rate, s.findings[0],
          s.findings[1], s.findings[2], s.findings[3], s.risk,           s.risk_signals};
}

bool ValidDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  const int year = std::stoi(d.substr(0, 4));
  const int month = std::stoi(d.substr(5, 2));
  const int day = std::stoi(d.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

}  // namespace

// ---- Names ------------------------------------------------------------------------------

std::string_view OrgKindKey(OrgKind k) {
  switch (k) {
    case OrgKind::kBureau:
      return "bureau";
    case OrgKind::kDepartment:
      return "department";
    case OrgKind::kUnit:
      return "unit";
  }
  return "unit";
}

std::string_view RoleKey(Role r) {
  switch (r) {
    case Role::kClerk:
      return "clerk";
    case Role::kHead:
      return "head";
    case Role::kDeptReviewer:
      return "dept_reviewer";
    case Role::kBureau:
      return "bureau";
    case Role::kAdmin:
      return "admin";
  }
  return "clerk";
}

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kClerk:
      return "填报人";
    case Role::kHead:
      return "单位负责人";
    case Role::kDeptReviewer:
      return "主管部门审核";
    case Role::kBureau:
      return "财政局";
    case Role::kAdmin:
      return "管理员";
  }
  return "填报人";
}

std::optional<Role> RoleFromKey(std::string_view key) {
  for (Role r : {Role::kClerk, Role::kHead, Role::kDeptReviewer, Role::kBureau, Role::kAdmin}) {
    if (RoleKey(r) == key) return r;
  }
  return std::nullopt;
}

std::string_view StatusKey(PackageStatus s) {
  switch (s) {
    case PackageStatus::kDraft:
      return "draft";
    case PackageStatus::kSubmitted:
      return "submitted";
    case PackageStatus::kReturned:
      return "returned";
    case PackageStatus::kForwarded:
      return "forwarded";
    case PackageStatus::kAccepted:
      return "accepted";
    case PackageStatus::kPublished:
      return "published";
  }
  return "draft";
}

std::string_view StatusName(PackageStatus s) {
  switch (s) {
    case PackageStatus::kDraft:
      return "草稿";
    case PackageStatus::kSubmitted:
      return "已提交";
    case PackageStatus::kReturned:
      return "已退回";
    case PackageStatus::kForwarded:
      return "已转报";
    case PackageStatus::kAccepted:
      return "已通过";
    case PackageStatus::kPublished:
      return "已公开";
  }
  return "草稿";
}

std::optional<PackageStatus> StatusFromKey(std::string_view key) {
  for (PackageStatus s :
       {PackageStatus::kDraft, PackageStatus::kSubmitted, PackageStatus::kReturned,
        PackageStatus::kForwarded, PackageStatus::kAccepted, PackageStatus::kPublished}) {
    if (StatusKey(s) == key) return s;
  }
  return std::nullopt;
}

std::string_view RectificationStatusKey(RectificationStatus s) {
  switch (s) {
    case RectificationStatus::kOpen:
      return "open";
    case RectificationStatus::kAnswered:
      return "answered";
    case RectificationStatus::kClosed:
      return "closed";
  }
  return "open";
}

std::string_view RectificationStatusName(RectificationStatus s) {
  switch (s) {
    case RectificationStatus::kOpen:
      return "待整改";
    case RectificationStatus::kAnswered:
      return "已答复";
    case RectificationStatus::kClosed:
      return "已销号";
  }
  return "待整改";
}

std::optional<RectificationStatus> RectificationStatusFromKey(std::string_view key) {
  for (RectificationStatus s :
       {RectificationStatus::kOpen, RectificationStatus::kAnswered, RectificationStatus::kClosed}) {
    if (RectificationStatusKey(s) == key) return s;
  }
  return std::nullopt;
}

// ---- The store ------------------------------------------------------------------------

Result<std::unique_ptr<Store>> Store::Open(const std::string& url) {
  STORE_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(url));
  {
    STORE_ASSIGN_OR_RETURN(Lease c, db->Acquire());
    STORE_RETURN_IF_ERROR(Migrate(*c, WallClockMs()));
  }
  return std::make_unique<Store>(std::move(db));
}

Result<int64_t> Store::SchemaVersion() {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  return ReadSchemaVersion(*c);
}

Status Store::IntegrityCheck() {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_RETURN_IF_ERROR(c->IntegrityCheck());
  for (std::string_view table : SchemaTables()) {
    Result<QueryResult> r =
        c->Run("SELECT COUNT(*) FROM " + std::string(table) + " WHERE 1 = 0", {});
    if (!r.ok()) {
      if (r.status().code() == Status::Code::kUnavailable) return r.status();
      return Status::Corruption(TrF("表 {} 缺失或不可读：{}",
                                    "table {} is missing or unreadable: {}", table,
                                    r.status().message()));
    }
  }
  STORE_ASSIGN_OR_RETURN(int64_t version, ReadSchemaVersion(*c));
  if (version != LatestSchemaVersion()) {
    return Status::Corruption(TrF("数据库结构是第 {} 版，应为第 {} 版",
                                  "the schema is at version {}, expected {}", version,
                                  LatestSchemaVersion()));
  }
  // Every package's head and frozen version must exist.
  STORE_ASSIGN_OR_RETURN(
      QueryResult missing,
      c->Run("SELECT p.id, p.head_version, p.submitted_version FROM packages p WHERE NOT EXISTS "
             "(SELECT 1 FROM versions v WHERE v.package_id = p.id AND v.number = "
             "p.head_version) OR (p.submitted_version > 0 AND NOT EXISTS (SELECT 1 FROM "
             "versions v WHERE v.package_id = p.id AND v.number = p.submitted_version)) ORDER BY "
             "p.id",
             {}));
  if (!missing.rows.empty()) {
    const Row& r = missing.rows[0];
    return Status::Corruption(TrF("材料 {} 指向不存在的版本（当前第 {} 版，冻结第 {} 版）",
                                  "package {} points at a missing version (head {}, frozen {})",
                                  r.Int(0), r.Int(1), r.Int(2)));
  }
  // Every version kept as a delta must be one against the version before it, which exists.
  STORE_ASSIGN_OR_RETURN(
      QueryResult unchained,
      c->Run("SELECT v.package_id, v.number, v.delta_base FROM versions v WHERE v.delta_base <> "
             "0 AND (v.delta_base <> v.number - 1 OR NOT EXISTS (SELECT 1 FROM versions b WHERE "
             "b.package_id = v.package_id AND b.number = v.delta_base)) ORDER BY v.package_id, "
             "v.number LIMIT 1",
             {}));
  if (!unchained.rows.empty()) {
    const Row& r = unchained.rows[0];
    return Status::Corruption(
        TrF("材料 {} 第 {} 版的差异依据第 {} 版，而那一版不是它的前一版或不存在",
            "version {1} of package {0} is a delta against version {2}, "
            "which is not the one before it or is missing",
            r.Int(0), r.Int(1), r.Int(2)));
  }
  return Status::Ok();
}

Result<bool> Store::Empty() {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r, c->Run("SELECT id FROM regions LIMIT 1", {}));
  return r.rows.empty();
}

// ---- Organisations and people

Result<int64_t> Store::CreateRegion(const std::string& name, const std::string& rulebook) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("INSERT INTO regions (name, rulebook) VALUES (?, ?) RETURNING id", {name, rulebook}));
  return r.rows.at(0).Int(0);
}

Result<Region> Store::GetRegion(int64_t id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r,
                         c->Run("SELECT id, name, rulebook FROM regions WHERE id = ?", {id}));
  if (r.rows.empty()) return Status::NotFound(TrF("没有编号为 {} 的地区", "no region {}", id));
  return Region{r.rows[0].Int(0), r.rows[0].Text(1), r.rows[0].Text(2)};
}

Result<int64_t> Store::CreateOrg(const Org& org) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult region,
                         c->Run("SELECT id FROM regions WHERE id = ?", {org.region_id}));
  if (region.rows.empty()) {
    return Status::NotFound(TrF("没有编号为 {} 的地区", "no region {}", org.region_id));
  }
  if (org.kind == OrgKind::kBureau) {
    if (org.parent_id != 0) {
      return Status::InvalidArgument(
          TrF("财政局“{}”不能有上级", "the 财政局 '{}' cannot have a parent", org.name));
    }
  } else {
    // A 主管部门 sits under the 财政局; a unit under its 主管部门 (or the 财政局 itself).
    STORE_ASSIGN_OR_RETURN(
        QueryResult parent,
        c->Run("SELECT region_id, kind FROM orgs WHERE id = ?", {org.parent_id}));
    if (parent.rows.empty()) {
      return Status::NotFound(TrF("“{}”的上级 {} 不存在", "the parent {} of '{}' does not exist",
                                  org.name, org.parent_id));
    }
    const std::string kind = parent.rows[0].Text(1);
    const bool fits = org.kind == OrgKind::kDepartment ? kind == "bureau" : kind != "unit";
    if (parent.rows[0].Int(0) != org.region_id || !fits) {
      return Status::InvalidArgument(TrF("“{}”（{}）不能放在组织 {}（{}）之下",
                                         "'{}' ({}) cannot sit under organisation {} ({})",
                                         org.name, OrgKindKey(org.kind), org.parent_id, kind));
    }
  }
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("INSERT INTO orgs (region_id, parent_id, kind, name, code) VALUES (?, ?, ?, ?, ?) "
             "RETURNING id",
             {org.region_id, IdOrNull(org.parent_id), std::string(OrgKindKey(org.kind)), org.name,
              org.code}));
  return r.rows.at(0).Int(0);
}

Result<Org> Store::GetOrg(int64_t id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT " + std::string(kOrgColumns) + " FROM orgs WHERE id = ?", {id}));
  if (r.rows.empty())
    return Status::NotFound(TrF("没有编号为 {} 的组织", "no organisation {}", id));
  return ToOrg(r.rows[0]);
}

Result<std::vector<Org>> Store::ListOrgs(int64_t region_id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r, c->Run("SELECT " + std::string(kOrgColumns) +
                                                   " FROM orgs WHERE region_id = ? ORDER BY id",
                                               {region_id}));
  std::vector<Org> out;
  for (const Row& row : r.rows) out.push_back(ToOrg(row));
  return out;
}

Result<int64_t> Store::CreateUser(const User& user) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult org,
                         c->Run("SELECT id FROM orgs WHERE id = ?", {user.org_id}));
  if (org.rows.empty()) {
    return Status::NotFound(TrF("没有编号为 {} 的组织", "no organisation {}", user.org_id));
  }
  Result<QueryResult> r = c->Run(
      "INSERT INTO users (login, name, role, org_id, password_hash, disabled) VALUES (?, "
      "?, ?, ?, ?, ?) RETURNING id",
      {user.login, user.name, std::string(RoleKey(user.role)), user.org_id, user.password_hash,
       int64_t{user.disabled ? 1 : 0}});
  if (!r.ok()) {
    if (r.status().code() == Status::Code::kConflict) {
      return Status::Conflict(
          TrF("登录名“{}”已被使用", "the login '{}' is already taken", user.login));
    }
    return r.status();
  }
  return r->rows.at(0).Int(0);
}

Result<User> Store::GetUser(int64_t id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r, c->Run(std::string(kUserSelect) + " WHERE u.id = ?", {id}));
  if (r.rows.empty()) return Status::NotFound(TrF("没有编号为 {} 的用户", "no user {}", id));
  return ToUser(r.rows[0]);
}

Result<User> Store::FindUserByLogin(const std::string& login) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r,
                         c->Run(std::string(kUserSelect) + " WHERE u.login = ?", {login}));
  if (r.rows.empty()) {
    return Status::NotFound(TrF("没有登录名为“{}”的用户", "no user with the login '{}'", login));
  }
  return ToUser(r.rows[0]);
}

Result<std::vector<User>> Store::ListUsers(int64_t region_id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run(std::string(kUserSelect) + " WHERE o.region_id = ? ORDER BY u.id", {region_id}));
  std::vector<User> out;
  for (const Row& row : r.rows) out.push_back(ToUser(row));
  return out;
}

Status Store::SetPassword(int64_t user_id, const std::string& password_hash) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r, c->Run("UPDATE users SET password_hash = ? WHERE id = ?",
                                               {password_hash, user_id}));
  if (r.affected == 0) return Status::NotFound(TrF("没有编号为 {} 的用户", "no user {}", user_id));
  return Status::Ok();
}

// Disabling also ends the user's sessions, so that enabling again does not revive them.
Status Store::SetUserDisabled(int64_t user_id, bool disabled) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  Transaction t(c.get());
  STORE_RETURN_IF_ERROR(t.Begin());
  STORE_ASSIGN_OR_RETURN(QueryResult r, c->Run("UPDATE users SET disabled = ? WHERE id = ?",
                                               {int64_t{disabled ? 1 : 0}, user_id}));
  if (r.affected == 0) return Status::NotFound(TrF("没有编号为 {} 的用户", "no user {}", user_id));
  if (disabled) {
    STORE_ASSIGN_OR_RETURN(QueryResult d,
                           c->Run("DELETE FROM sessions WHERE user_id = ?", {user_id}));
    (void)d;
  }
  return t.Commit();
}

// ---- Sessions, login throttling, personal access tokens

Status Store::CreateSession(const Session& s) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("INSERT INTO sessions (token_hash, user_id, csrf, created_ms, expires_ms) VALUES (?, "
             "?, ?, ?, ?)",
             {s.token_hash, s.user_id, s.csrf, s.created_ms, s.expires_ms}));
  (void)r;
  return Status::Ok();
}

// A disabled user's sessions are not found either.
Result<Session> Store::FindSession(const std::string& token_hash, int64_t now_ms) {
  Result<std::pair<Session, User>> found = FindSessionUser(token_hash, now_ms);
  if (!found.ok()) return found.status();
  return std::move(found->first);
}

namespace {

// A session with its user; the user's region comes from the user's org, `uo`.
constexpr std::string_view kSessionUserSelect =
    "SELECT s.token_hash, s.user_id, s.csrf, s.created_ms, s.expires_ms, u.id, u.login, u.name, "
    "u.role, u.org_id, uo.region_id, u.password_hash, u.disabled";
constexpr size_t kSessionUserWidth = 13;
Session ToSession(const Row& row) {
  return Session{row.Text(0), row.Int(1), row.Text(2), row.Int(3), row.Int(4)};
}
Status NoSession() {
  return Status::NotFound(
      std::string(Tr("会话不存在或已过期", "no such session, or it has expired")));
}

}  // namespace

Result<std::pair<Session, User>> Store::FindSessionUser(const std::string& token_hash,
                                                        int64_t now_ms) {
  static const std::string sql =
      std::string(kSessionUserSelect) +
      " FROM sessions s JOIN users u ON u.id = s.user_id JOIN orgs uo ON uo.id = u.org_id WHERE "
      "s.token_hash = ? AND s.expires_ms > ? AND u.disabled = 0";
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r, c->Run(sql, {token_hash, now_ms}));
  if (r.rows.empty()) return NoSession();
  const Row& row = r.rows[0];
  return std::pair<Session, User>{ToSession(row), ToUser(ColumnsFrom(row, 5))};
}

Status Store::DeleteSession(const std::string& token_hash) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r,
                         c->Run("DELETE FROM sessions WHERE token_hash = ?", {token_hash}));
  (void)r;
  return Status::Ok();
}

Status Store::DeleteExpiredSessions(int64_t now_ms) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r,
                         c->Run("DELETE FROM sessions WHERE expires_ms <= ?", {now_ms}));
  (void)r;
  return Status::Ok();
}

Status Store::RecordLoginFailure(const std::string& key, int64_t at_ms) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("INSERT INTO login_failures (subject, at_ms) VALUES (?, ?)", {key, at_ms}));
  STORE_ASSIGN_OR_RETURN(QueryResult old, c->Run("DELETE FROM login_failures WHERE at_ms < ?",
                                                 {at_ms - kLoginFailureMemoryMs}));
  (void)r;
  (void)old;
  return Status::Ok();
}

Result<int64_t> Store::CountLoginFailures(const std::string& key, int64_t since_ms) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r, c->Run("SELECT COUNT(*) FROM login_failures WHERE subject = ? AND at_ms >= ?",
                            {key, since_ms}));
  return r.rows.at(0).Int(0);
}

Status Store::ClearLoginFailures(const std::string& key) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r,
                         c->Run("DELETE FROM login_failures WHERE subject = ?", {key}));
  (void)r;
  return Status::Ok();
}

Status Store::CreateApiToken(int64_t user_id, const std::string& token_hash,
                             const std::string& name, int64_t at_ms) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("INSERT INTO api_tokens (token_hash, user_id, name, created_ms) VALUES (?, ?, ?, ?)",
             {token_hash, user_id, name, at_ms}));
  (void)r;
  return Status::Ok();
}

// A disabled user's tokens are not found either.
Result<int64_t> Store::FindApiTokenUser(const std::string& token_hash) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT t.user_id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE "
             "t.token_hash = ? AND u.disabled = 0",
             {token_hash}));
  if (r.rows.empty()) return Status::NotFound(std::string(Tr("令牌无效", "no such token")));
  return r.rows[0].Int(0);
}

// ---- 整改 items: how they are read (here, for the editor page's round trip; the methods are
// under 整改 below).

namespace {

constexpr std::string_view kRectificationSelect =
    "SELECT r.id, r.package_id, p.unit_id, p.fiscal_year, r.source, r.target, r.what, r.why, "
    "r.due_date, r.status, r.opened_by, r.opened_ms, r.closed_ms FROM rectifications r JOIN "
    "packages p ON p.id = r.package_id";

Rectification ToRectification(const Row& row) {
  Rectification r;
  r.id = row.Int(0);
  r.package_id = row.Int(1);
  r.unit_id = row.Int(2);
  r.fiscal_year = static_cast<int>(row.Int(3));
  r.source = row.Text(4);
  r.target = row.Text(5);
  r.what = row.Text(6);
  r.why = row.Text(7);
  r.due_date = row.Text(8);
  r.status = RectificationStatusFromKey(row.Text(9)).value_or(RectificationStatus::kOpen);
  r.opened_by = row.Int(10);
  r.opened_ms = row.Int(11);
  r.closed_ms = row.Int(12);
  return r;
}

// Which 整改 items a read takes: one item, a package's (by id), a unit's (every year, newest
// year first), or the unit's of a package given by its id.
enum class RectificationsOf { kItem, kPackage, kUnit, kPackagesUnit };

// The statements that read those items and their notes, with `value` the item's, package's or
// unit's id. Run together (one round trip on PostgreSQL) and joined by ToRectifications, which
// orders them (no sort node in the statements: see AnnotationsQuery). The SQL is built once: a
// Statement holds a view of it.
std::vector<Connection::Statement> RectificationStatements(RectificationsOf of, int64_t value) {
  struct Sql {
    std::string items, notes;
  };
  static const std::array<Sql, 4> sql = [] {
    std::array<Sql, 4> out;
    const std::string_view where[] = {"r.id = ?", "r.package_id = ?", "p.unit_id = ?",
                                      "p.unit_id = (SELECT unit_id FROM packages WHERE id = ?)"};
    for (size_t i = 0; i < out.size(); ++i) {
      out[i].items = std::string(kRectificationSelect) + " WHERE " + std::string(where[i]);
      out[i].notes =
          "SELECT n.rectification_id, n.id, n.author_id, u.name, n.at_ms, n.kind, n.body, "
          "n.attachment_id FROM rectification_notes n JOIN users u ON u.id = n.author_id JOIN "
          "rectifications r ON r.id = n.rectification_id JOIN packages p ON p.id = "
          "r.package_id WHERE " +
          std::string(where[i]);
    }
    return out;
  }();
  const Sql& s = sql[static_cast<size_t>(of)];
  return {{s.items, {value}}, {s.notes, {value}}};
}

// The items, the latest year first and then oldest first (ids grow with time), each with its
// notes oldest first.
std::vector<Rectification> ToRectifications(const QueryResult& items, const QueryResult& notes) {
  std::vector<Rectification> out;
  out.reserve(items.rows.size());
  for (const Row& row : items.rows) out.push_back(ToRectification(row));
  std::sort(out.begin(), out.end(), [](const Rectification& a, const Rectification& b) {
    return a.fiscal_year != b.fiscal_year ? a.fiscal_year > b.fiscal_year : a.id < b.id;
  });
  std::unordered_map<int64_t, size_t> at;
  for (size_t i = 0; i < out.size(); ++i) at.emplace(out[i].id, i);
  for (const Row& n : notes.rows) {
    auto item = at.find(n.Int(0));
    if (item == at.end()) continue;
    out[item->second].notes.push_back({n.Int(1), n.Int(2), n.Text(3), n.Int(4), n.Text(5),
                                       n.Text(6), n.IsNull(7) ? 0 : n.Int(7)});
  }
  for (Rectification& r : out) {
    std::sort(r.notes.begin(), r.notes.end(),
              [](const RectificationNote& a, const RectificationNote& b) { return a.id < b.id; });
  }
  return out;
}

}  // namespace

// ---- Packages and versions

Result<PackageRow> Store::CreatePackage(int64_t unit_id, int fiscal_year, const NewVersion& first,
                                        int64_t author_id, int64_t now_ms) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  int64_t id = 0;
  {
    Transaction t(c.get());
    STORE_RETURN_IF_ERROR(t.Begin());
    STORE_ASSIGN_OR_RETURN(QueryResult unit,
                           c->Run("SELECT kind FROM orgs WHERE id = ?", {unit_id}));
    if (unit.rows.empty()) {
      return Status::NotFound(TrF("没有编号为 {} 的组织", "no organisation {}", unit_id));
    }
    if (unit.rows[0].Text(0) != OrgKindKey(OrgKind::kUnit)) {
      return Status::InvalidArgument(
          TrF("组织 {} 不是预算单位，不能有绩效材料", "organisation {} is not a unit", unit_id));
    }
    std::vector<Value> values = {unit_id, int64_t{fiscal_year}};
    for (Value& v : SummaryValues(first.summary)) values.push_back(std::move(v));
    values.push_back(now_ms);
    Result<QueryResult> inserted = c->Run(
        "INSERT INTO packages (unit_id, fiscal_year, status, head_version, submitted_version, "
        "unit_name, total, grade, execution_rate, n_error, n_inconsistency, n_warning, n_note, "
        "risk, risk_signals, updated_ms, submitted_ms) VALUES (?, ?, 'draft', 1, 0, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, 0) "
        "RETURNING id",
        values);
    if (!inserted.ok()) {
      if (inserted.status().code() == Status::Code::kConflict) {
        return Status::Conflict(TrF("单位 {} 已有 {} 年度的材料",
                                    "unit {} already has a package for {}", unit_id, fiscal_year));
      }
      return inserted.status();
    }
    id = inserted->rows.at(0).Int(0);
    STORE_ASSIGN_OR_RETURN(std::string sha, InsertVersion(*c, id, 1, first, author_id, now_ms));
    Event e;
    e.package_id = id;
    e.at_ms = now_ms;
    e.user_id = author_id;
    e.action = "create";
    e.to_status = StatusKey(PackageStatus::kDraft);
    e.version = 1;
    e.version_hash = sha;
    STORE_RETURN_IF_ERROR(InsertEvent(*c, e));
    STORE_RETURN_IF_ERROR(t.Commit());
  }
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT " + std::string(kPackageColumns) + " FROM packages p WHERE p.id = ?", {id}));
  if (r.rows.empty()) return NoPackage(id);
  return ToPackage(r.rows[0]);
}

Result<PackageRow> Store::GetPackage(int64_t id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT " + std::string(kPackageColumns) + " FROM packages p WHERE p.id = ?", {id}));
  if (r.rows.empty()) return NoPackage(id);
  return ToPackage(r.rows[0]);
}

namespace {

// One row per comment (kind 0: its columns, then the attachment's as NULL) or attachment
// (kind 1: the comment's columns as NULL, then its own); each is read by ToComment or
// ToAttachment from its own slice. Its two values are the package's id. Unordered: the rows are
// sorted by id as they are read (a sort node is most of what starting such a small query costs
// PostgreSQL, and the editor page runs this on every request).
const std::string& AnnotationsQuery() {
  static const std::string sql = [] {
    std::string comment_nulls;
    std::string attachment_nulls;
    for (size_t i = 0; i < kAttachmentColumnCount; ++i) attachment_nulls += ", NULL";
    for (size_t i = 0; i < kCommentColumnCount; ++i) comment_nulls += "NULL, ";
    return "SELECT 0, " + std::string(kCommentColumns) + attachment_nulls +
           std::string(kCommentFrom) + " WHERE c.package_id = ? UNION ALL SELECT 1, " +
           comment_nulls + std::string(kAttachmentColumns) + std::string(kAttachmentFrom) +
           " WHERE package_id = ? AND removed = 0";
  }();
  return sql;
}

Store::Annotations ToAnnotations(const QueryResult& r) {
  Store::Annotations out;
  for (const Row& row : r.rows) {
    Row part;
    if (row.Int(0) == 0) {
      part.values.assign(row.values.begin() + 1, row.values.begin() + 1 + kCommentColumnCount);
      out.comments.push_back(ToComment(part));
    } else {
      part.values.assign(row.values.begin() + 1 + kCommentColumnCount, row.values.end());
      out.attachments.push_back(ToAttachment(part));
    }
  }
  // Oldest first (ids grow with time).
  std::sort(out.comments.begin(), out.comments.end(),
            [](const Comment& a, const Comment& b) { return a.id < b.id; });
  std::sort(out.attachments.begin(), out.attachments.end(),
            [](const Attachment& a, const Attachment& b) { return a.id < b.id; });
  return out;
}

}  // namespace

namespace {

// A package's context: its columns, its unit's, the region's rulebook, the year's deadline and
// the head version's hash. The joins name the package `p`; GetPackageContext and
// FindSessionUserWithPackage share them.
//
// The head version's hash is a subquery rather than a join: it is then looked up by both keys of
// versions' primary key. As a LEFT JOIN, PostgreSQL's generic plan (the one a prepared statement
// keeps) read it as every version of the package (package_id = $1, from the package's id)
// filtered by number — one row per version ever saved, read on every request.
constexpr std::string_view kPackageContextColumns =
    ", o.id, o.region_id, o.parent_id, o.kind, o.name, o.code, g.rulebook, d.due_date, (SELECT "
    "v.sha256 FROM versions v WHERE v.package_id = p.id AND v.number = p.head_version)";
constexpr std::string_view kPackageContextJoins =
    " JOIN orgs o ON o.id = p.unit_id JOIN regions g ON g.id = o.region_id LEFT JOIN deadlines d "
    "ON d.region_id = o.region_id AND d.fiscal_year = p.fiscal_year";
constexpr size_t kPackageContextWidth = kPackageWidth + 9;  // kPackageColumns + the 9 above
Store::PackageContext ToPackageContext(const Row& row) {
  return Store::PackageContext{ToPackage(row), ToOrg(ColumnsFrom(row, kPackageWidth)),
                               row.Text(kPackageWidth + 6), row.Text(kPackageWidth + 7),
                               row.Text(kPackageWidth + 8)};
}

}  // namespace

Result<Store::PackageContext> Store::GetPackageContext(int64_t id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT " + std::string(kPackageColumns) + std::string(kPackageContextColumns) +
                 " FROM packages p" + std::string(kPackageContextJoins) + " WHERE p.id = ?",
             {id}));
  if (r.rows.empty()) return NoPackage(id);
  return ToPackageContext(r.rows[0]);
}

// The session's columns first, then the package's context from a LEFT JOIN on the package id
// (all NULL when there is no such package). The package's joins are inner joins inside the
// parenthesised join, so a package whose unit or region is missing reads as absent as a whole.
Result<Store::SessionWithPackage> Store::FindSessionUserWithPackage(const std::string& token_hash,
                                                                    int64_t now_ms,
                                                                    int64_t package_id,
                                                                    bool annotations,
                                                                    bool rectifications) {
  // The package's context, then its annotations_stamp.
  static const std::string sql =
      std::string(kSessionUserSelect) + ", " + std::string(kPackageColumns) +
      std::string(kPackageContextColumns) +
      ", p.annotations_stamp FROM sessions s JOIN users u ON u.id = s.user_id JOIN orgs uo ON "
      "uo.id = u.org_id LEFT JOIN (packages p" +
      std::string(kPackageContextJoins) +
      ") ON p.id = ? WHERE s.token_hash = ? AND s.expires_ms > ? AND u.disabled = 0";
  // The statements reading the annotations, and what they read.
  const auto annotation_statements = [&] {
    std::vector<Connection::Statement> out{{AnnotationsQuery(), {package_id, package_id}}};
    if (rectifications) {
      for (Connection::Statement& s :
           RectificationStatements(RectificationsOf::kPackagesUnit, package_id))
        out.push_back(std::move(s));
    }
    return out;
  };
  const auto read_annotations = [&](const std::vector<QueryResult>& r, size_t first) {
    Annotations a = ToAnnotations(r[first]);
    if (rectifications) a.rectifications = ToRectifications(r[first + 1], r[first + 2]);
    return a;
  };
  const std::string key = std::to_string(package_id) + (rectifications ? "+rectifications" : "");
  const std::shared_ptr<const StampedAnnotations> known =
      annotations ? annotations_.Get(key) : nullptr;
  // Known annotations are checked by their stamp rather than read again with the session.
  const bool read_now = annotations && known == nullptr;

  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  std::vector<Connection::Statement> statements{{sql, {package_id, token_hash, now_ms}}};
  if (read_now) {
    for (Connection::Statement& s : annotation_statements()) statements.push_back(std::move(s));
  }
  STORE_ASSIGN_OR_RETURN(std::vector<QueryResult> r, c->RunAll(statements));
  if (r[0].rows.empty()) return NoSession();
  const Row& row = r[0].rows[0];
  SessionWithPackage out{ToSession(row), ToUser(ColumnsFrom(row, 5)), std::nullopt, std::nullopt};
  const Row package = ColumnsFrom(row, kSessionUserWidth);
  if (package.values.size() != kPackageContextWidth + 1 || package.IsNull(0)) return out;
  out.package = ToPackageContext(package);
  if (!annotations) return out;
  const int64_t stamp = package.Int(kPackageContextWidth);
  if (known != nullptr && known->stamp == stamp) {
    out.annotations = known->annotations;
    return out;
  }
  if (read_now) {
    out.annotations = read_annotations(r, 1);
  } else {
    // Changed since they were kept: read after the stamp, so they are at least as new as it.
    STORE_ASSIGN_OR_RETURN(std::vector<QueryResult> again, c->RunAll(annotation_statements()));
    out.annotations = read_annotations(again, 0);
  }
  annotations_.Put(
      key, std::make_shared<const StampedAnnotations>(StampedAnnotations{stamp, *out.annotations}));
  return out;
}

Result<PackageRow> Store::FindPackage(int64_t unit_id, int fiscal_year) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r,
                         c->Run("SELECT " + std::string(kPackageColumns) +
                                    " FROM packages p WHERE p.unit_id = ? AND p.fiscal_year = ?",
                                {unit_id, int64_t{fiscal_year}}));
  if (r.rows.empty()) {
    return Status::NotFound(
        TrF("单位 {} 没有 {} 年度的材料", "unit {} has no package for {}", unit_id, fiscal_year));
  }
  return ToPackage(r.rows[0]);
}

// Sorted here rather than by ORDER BY: the engines collate Chinese names differently (SQLite
// by code point, PostgreSQL by the database's locale), and a list must not change order when
// the database does.
Result<std::vector<PackageRow>> Store::ListPackages(const PackageFilter& f) {
  std::string sql = "SELECT " + std::string(kPackageColumns) +
                    ", o.name FROM packages p JOIN orgs o ON o.id = p.unit_id WHERE 1 = 1";
  std::vector<Value> params;
  if (f.unit_id) {
    sql += " AND p.unit_id = ?";
    params.push_back(*f.unit_id);
  }
  if (f.department_id) {
    sql += " AND o.parent_id = ?";
    params.push_back(*f.department_id);
  }
  if (f.region_id) {
    sql += " AND o.region_id = ?";
    params.push_back(*f.region_id);
  }
  if (f.fiscal_year) {
    sql += " AND p.fiscal_year = ?";
    params.push_back(int64_t{*f.fiscal_year});
  }
  if (f.status) {
    sql += " AND p.status = ?";
    params.push_back(std::string(StatusKey(*f.status)));
  }
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r, c->Run(sql, params));
  std::vector<std::pair<std::string, PackageRow>> named;
  named.reserve(r.rows.size());
  for (const Row& row : r.rows) named.emplace_back(row.Text(kPackageWidth), ToPackage(row));
  std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
    if (a.second.fiscal_year != b.second.fiscal_year) {
      return a.second.fiscal_year > b.second.fiscal_year;  // the latest year first
    }
    return std::tie(a.first, a.second.id) < std::tie(b.first, b.second.id);
  });
  std::vector<PackageRow> out;
  out.reserve(named.size());
  for (auto& [name, row] : named) out.push_back(std::move(row));
  return out;
}

Result<std::vector<DashboardRow>> Store::Dashboard(const DashboardScope& scope) {
  // The unit's columns, its 主管部门's name, then this year's and last year's package (all NULL
  // where there is none).
  auto columns = [](char alias) {
    std::string c(kPackageColumns);
    for (size_t at = c.find("p."); at != std::string::npos; at = c.find("p.", at + 2)) {
      c[at] = alias;
    }
    return c;
  };
  std::string sql =
      "SELECT o.id, o.region_id, o.parent_id, o.kind, o.name, o.code, d.name, " + columns('p') +
      ", " + columns('q') +
      ", (SELECT COUNT(*) FROM rectifications r JOIN packages rp ON rp.id = r.package_id WHERE "
      "rp.unit_id = o.id AND r.status <> 'closed')" +
      " FROM orgs o LEFT JOIN orgs d ON d.id = o.parent_id LEFT JOIN packages p ON p.unit_id = "
      "o.id AND p.fiscal_year = ? LEFT JOIN packages q ON q.unit_id = o.id AND q.fiscal_year = ? "
      "WHERE o.region_id = ? AND o.kind = 'unit'";
  std::vector<Value> params = {int64_t{scope.fiscal_year}, int64_t{scope.fiscal_year} - 1,
                               scope.region_id};
  if (scope.department_id) {
    sql += " AND o.parent_id = ?";
    params.push_back(*scope.department_id);
  }
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r, c->Run(sql, params));
  std::vector<DashboardRow> out;
  out.reserve(r.rows.size());
  for (const Row& row : r.rows) {
    DashboardRow d;
    d.unit = ToOrg(row);
    d.department = row.IsNull(6) ? std::string() : row.Text(6);
    const Row p = ColumnsFrom(row, 7);
    if (!p.IsNull(0)) d.package = ToPackage(p);
    const Row prev = ColumnsFrom(row, 7 + kPackageWidth);
    if (!prev.IsNull(0)) d.previous = ToPackage(prev);
    d.open_rectifications = row.Int(7 + 2 * kPackageWidth);
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const DashboardRow& a, const DashboardRow& b) {
    return std::tie(a.unit.code, a.unit.name, a.unit.id) <
           std::tie(b.unit.code, b.unit.name, b.unit.id);
  });
  return out;
}

Result<std::vector<PublishedYear>> Store::PublishedYears() {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT g.id, g.name, p.fiscal_year, COUNT(*) FROM packages p JOIN orgs o ON o.id = "
             "p.unit_id JOIN regions g ON g.id = o.region_id WHERE p.status = 'published' GROUP "
             "BY g.id, g.name, p.fiscal_year ORDER BY g.id, p.fiscal_year DESC",
             {}));
  std::vector<PublishedYear> out;
  for (const Row& row : r.rows) {
    out.push_back({row.Int(0), row.Text(1), static_cast<int>(row.Int(2)), row.Int(3)});
  }
  return out;
}

Result<int> Store::LatestFiscalYear(int64_t region_id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r,
                         c->Run("SELECT COALESCE(MAX(p.fiscal_year), 0) FROM packages p JOIN orgs "
                                "o ON o.id = p.unit_id WHERE o.region_id = ?",
                                {region_id}));
  return r.rows.empty() ? 0 : static_cast<int>(r.rows[0].Int(0));
}

Result<int64_t> Store::SaveVersion(int64_t package_id, int64_t base_version, const NewVersion& v,
                                   int64_t author_id, const std::string& action, int64_t now_ms) {
  const int64_t number = base_version + 1;
  // The row lock this UPDATE takes serialises concurrent saves; the loser's WHERE no longer
  // matches once the winner has committed, so it changes nothing.
  static constexpr std::string_view kMoveHead =
      "UPDATE packages SET head_version = ?, unit_name = ?, total = ?, grade = ?, "
      "execution_rate = ?, n_error = ?, n_inconsistency = ?, n_warning = ?, n_note = ?, "
      "risk = ?, risk_signals = ?, updated_ms = ? WHERE id = ? AND head_version = ? RETURNING "
      "status";
  // Stored as a delta, the version names the text it was made from by its hash: the head must
  // still be that text.
  const std::optional<TextDelta> delta = StoredDelta(v, number);
  static constexpr std::string_view kBaseIs =
      " AND EXISTS (SELECT 1 FROM versions WHERE package_id = ? AND number = ? AND sha256 = ?)";
  const std::string move_head =
      delta ? std::string(kMoveHead).insert(kMoveHead.find(" RETURNING"), kBaseIs)
            : std::string(kMoveHead);
  std::vector<Value> values = {number};
  for (Value& x : SummaryValues(v.summary)) values.push_back(std::move(x));
  values.insert(values.end(), {now_ms, package_id, base_version});
  if (delta) values.insert(values.end(), {package_id, base_version, v.base_sha256});
  auto stale = [&](Connection& c) -> Status {
    STORE_ASSIGN_OR_RETURN(QueryResult head,
                           c.Run("SELECT head_version FROM packages WHERE id = ?", {package_id}));
    if (head.rows.empty()) return NoPackage(package_id);
    if (delta && head.rows[0].Int(0) == base_version) {
      return Status::InvalidArgument(TrF("给出的第 {} 版文本与保存的不符",
                                         "the text given as version {} is not the stored one",
                                         base_version));
    }
    return Status::Conflict(TrF("材料已被保存到第 {} 版，不再是第 {} 版；请重新打开后再修改",
                                "the package has been saved as version {} since version {}; "
                                "reload it and make the change again",
                                head.rows[0].Int(0), base_version));
  };
  if (db_->engine() == Engine::kPostgres) {
    STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
    // On PostgreSQL the head, the version and the event are one statement (data-modifying
    // WITH, core PostgreSQL), atomic by itself: one round trip to a backend instead of five
    // (BEGIN, three statements, COMMIT). Nothing is inserted when the UPDATE matched no row.
    const std::string sha = v.sha256.empty() ? Sha256Hex(v.json) : v.sha256;
    AppendVersionValues(&values, package_id, number, v, delta, sha, author_id, now_ms);
    values.insert(values.end(), {package_id, now_ms, IdOrNull(author_id), action, number, sha});
    STORE_ASSIGN_OR_RETURN(
        QueryResult moved,
        c->Run("WITH moved AS (" + move_head + "), added AS (INSERT INTO " +
                   std::string(kVersionColumns) +
                   " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM "
                   "moved RETURNING number), logged AS (INSERT INTO events (package_id, at_ms, "
                   "user_id, action, from_status, to_status, version, version_hash, comment) "
                   "SELECT ?, ?, CAST(? AS BIGINT), ?, moved.status, moved.status, ?, ?, '' "
                   "FROM moved RETURNING id) SELECT (SELECT COUNT(*) FROM added), (SELECT "
                   "COUNT(*) FROM logged) FROM moved",
               values));
    if (moved.rows.empty()) return stale(*c);
    return number;
  }
  // On SQLite the three writes are a transaction, committed with the saves of other clerks
  // made at the same moment (Database::WriteGrouped).
  STORE_RETURN_IF_ERROR(db_->WriteGrouped([&](Connection& c) -> Status {
    STORE_ASSIGN_OR_RETURN(QueryResult moved, c.Run(move_head, values));
    if (moved.rows.empty()) return stale(c);
    const std::string status = moved.rows[0].Text(0);
    STORE_ASSIGN_OR_RETURN(std::string sha,
                           InsertVersion(c, package_id, number, v, author_id, now_ms, delta));
    Event e;
    e.package_id = package_id;
    e.at_ms = now_ms;
    e.user_id = author_id;
    e.action = action;
    e.from_status = status;
    e.to_status = status;
    e.version = number;
    e.version_hash = sha;
    return InsertEvent(c, e);
  }));
  return number;
}

Result<Version> Store::GetVersion(int64_t package_id, int64_t number) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT v.package_id, v.number, v.json, v.sha256, v.author_id, u.name, "
             "v.created_ms, v.changes, v.note, v.delta_base, v.delta_head, v.delta_tail FROM "
             "versions v JOIN users u ON u.id = v.author_id WHERE v.package_id = ? AND v.number "
             "= ?",
             {package_id, number}));
  if (r.rows.empty()) {
    STORE_RETURN_IF_ERROR(CheckPackage(*c, package_id));
    return Status::NotFound(
        TrF("材料 {} 没有第 {} 版", "package {} has no version {}", package_id, number));
  }
  Version v = ToVersion(r.rows[0], /*with_json=*/true);
  if (const int64_t base = r.rows[0].Int(9); base != 0) {
    StoredDeltaRow delta{v.number, std::move(v.json), v.sha256,
                         base,     r.rows[0].Int(10), r.rows[0].Int(11)};
    STORE_ASSIGN_OR_RETURN(v.json, TextOfDelta(*c, package_id, delta));
  }
  return v;
}

Result<std::vector<Version>> Store::ListVersions(int64_t package_id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT v.package_id, v.number, v.sha256, v.author_id, u.name, v.created_ms, "
             "v.changes, v.note FROM versions v JOIN users u ON u.id = v.author_id WHERE "
             "v.package_id = ? ORDER BY v.number DESC",
             {package_id}));
  if (r.rows.empty()) STORE_RETURN_IF_ERROR(CheckPackage(*c, package_id));
  std::vector<Version> out;
  for (const Row& row : r.rows) out.push_back(ToVersion(row, /*with_json=*/false));
  return out;
}

// ---- Workflow

Status Store::Transition(int64_t package_id, PackageStatus from, PackageStatus to,
                         int64_t freeze_version, int64_t user_id, const std::string& action,
                         const std::string& comment, int64_t now_ms) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  Transaction t(c.get());
  STORE_RETURN_IF_ERROR(t.Begin());
  std::string sql = "UPDATE packages SET status = ?, updated_ms = ?";
  std::vector<Value> values = {std::string(StatusKey(to)), now_ms};
  if (freeze_version > 0) {
    sql += ", submitted_version = ?";
    values.push_back(freeze_version);
  } else if (freeze_version < 0) {
    sql += ", submitted_version = 0";
  }
  if (to == PackageStatus::kSubmitted) {
    sql +=
        ", submitted_ms = ?, first_submitted_ms = CASE WHEN first_submitted_ms = 0 THEN ? ELSE "
        "first_submitted_ms END";
    values.push_back(now_ms);
    values.push_back(now_ms);
  }
  if (to == PackageStatus::kPublished) {
    sql += ", published_ms = ?";
    values.push_back(now_ms);
  }
  // As in SaveVersion: of two concurrent moves from `from`, the second finds the status
  // changed and moves nothing.
  sql += " WHERE id = ? AND status = ? RETURNING head_version, submitted_version";
  values.push_back(package_id);
  values.push_back(std::string(StatusKey(from)));
  STORE_ASSIGN_OR_RETURN(QueryResult moved, c->Run(sql, values));
  if (moved.rows.empty()) {
    STORE_ASSIGN_OR_RETURN(QueryResult now,
                           c->Run("SELECT status FROM packages WHERE id = ?", {package_id}));
    if (now.rows.empty()) return NoPackage(package_id);
    const PackageStatus current = StatusFromKey(now.rows[0].Text(0)).value_or(from);
    return Status::Conflict(TrF("材料现在是“{}”，不是“{}”；请刷新后再操作",
                                "the package is now {}, not {}; reload it and try again",
                                Tr(StatusName(current), StatusKey(current)),
                                Tr(StatusName(from), StatusKey(from))));
  }
  const int64_t head = moved.rows[0].Int(0);
  const int64_t frozen = moved.rows[0].Int(1);
  if (freeze_version > head) {
    return Status::InvalidArgument(
        TrF("材料 {} 没有第 {} 版", "package {} has no version {}", package_id, freeze_version));
  }
  // The event names the version the move concerns: the frozen one, else the head.
  const int64_t version = frozen > 0 ? frozen : head;
  STORE_ASSIGN_OR_RETURN(std::string sha, VersionHash(*c, package_id, version));
  Event e;
  e.package_id = package_id;
  e.at_ms = now_ms;
  e.user_id = user_id;
  e.action = action;
  e.from_status = StatusKey(from);
  e.to_status = StatusKey(to);
  e.version = version;
  e.version_hash = sha;
  e.comment = comment;
  STORE_RETURN_IF_ERROR(InsertEvent(*c, e));
  return t.Commit();
}

Status Store::AppendEvent(const Event& e) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_RETURN_IF_ERROR(CheckPackage(*c, e.package_id));
  Event filled = e;
  if (filled.version > 0 && filled.version_hash.empty()) {
    STORE_ASSIGN_OR_RETURN(filled.version_hash, VersionHash(*c, e.package_id, e.version));
  }
  return InsertEvent(*c, filled);
}

Result<std::vector<Event>> Store::ListEvents(int64_t package_id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run(std::string(kEventSelect) + " WHERE e.package_id = ? ORDER BY e.id", {package_id}));
  if (r.rows.empty()) STORE_RETURN_IF_ERROR(CheckPackage(*c, package_id));
  std::vector<Event> out;
  for (const Row& row : r.rows) out.push_back(ToEvent(row));
  return out;
}

// ---- Comments

// The author's role is the one the account has when the comment is written.
namespace {

// Moves on the annotations_stamp of a package, or of every package of its unit (the 整改 items
// are shown on each), inside the transaction of the change: any server then reads the
// annotations again (FindSessionUserWithPackage).
Status TouchAnnotations(Connection& c, int64_t package_id, bool whole_unit) {
  return c
      .Run(whole_unit
               ? "UPDATE packages SET annotations_stamp = annotations_stamp + 1 WHERE "
                 "unit_id = (SELECT unit_id FROM packages WHERE id = ?)"
               : "UPDATE packages SET annotations_stamp = annotations_stamp + 1 WHERE id = ?",
           {package_id})
      .status();
}

}  // namespace

Result<int64_t> Store::AddComment(const Comment& cm) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  Transaction t(c.get());
  STORE_RETURN_IF_ERROR(t.Begin());
  STORE_RETURN_IF_ERROR(CheckPackage(*c, cm.package_id));
  STORE_ASSIGN_OR_RETURN(QueryResult author,
                         c->Run("SELECT role FROM users WHERE id = ?", {cm.author_id}));
  if (author.rows.empty()) {
    return Status::NotFound(TrF("没有编号为 {} 的用户", "no user {}", cm.author_id));
  }
  if (cm.reply_to != 0) {
    STORE_ASSIGN_OR_RETURN(QueryResult parent,
                           c->Run("SELECT package_id FROM comments WHERE id = ?", {cm.reply_to}));
    if (parent.rows.empty()) {
      return Status::NotFound(TrF("没有编号为 {} 的意见", "no comment {}", cm.reply_to));
    }
    if (parent.rows[0].Int(0) != cm.package_id) {
      return Status::InvalidArgument(TrF("意见 {} 不属于材料 {}",
                                         "comment {} belongs to another package than {}",
                                         cm.reply_to, cm.package_id));
    }
  }
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("INSERT INTO comments (package_id, version, author_id, author_role, at_ms, target, "
             "body, reply_to, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {cm.package_id, cm.version, cm.author_id, author.rows[0].Text(0), cm.at_ms, cm.target,
              cm.body, IdOrNull(cm.reply_to), int64_t{cm.resolved ? 1 : 0}}));
  STORE_RETURN_IF_ERROR(TouchAnnotations(*c, cm.package_id, /*whole_unit=*/false));
  STORE_RETURN_IF_ERROR(t.Commit());
  return r.rows.at(0).Int(0);
}

Result<std::vector<Comment>> Store::ListComments(int64_t package_id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r, c->Run("SELECT " + std::string(kCommentColumns) + std::string(kCommentFrom) +
                                " WHERE c.package_id = ? ORDER BY c.id",
                            {package_id}));
  if (r.rows.empty()) STORE_RETURN_IF_ERROR(CheckPackage(*c, package_id));
  std::vector<Comment> out;
  for (const Row& row : r.rows) out.push_back(ToComment(row));
  return out;
}

Status Store::ResolveComment(int64_t comment_id, bool resolved) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  Transaction t(c.get());
  STORE_RETURN_IF_ERROR(t.Begin());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r, c->Run("UPDATE comments SET resolved = ? WHERE id = ? RETURNING package_id",
                            {int64_t{resolved ? 1 : 0}, comment_id}));
  if (r.rows.empty()) {
    return Status::NotFound(TrF("没有编号为 {} 的意见", "no comment {}", comment_id));
  }
  STORE_RETURN_IF_ERROR(TouchAnnotations(*c, r.rows[0].Int(0), /*whole_unit=*/false));
  return t.Commit();
}

// ---- Evidence

// The key must be the data's SHA-256: a blob stored under a wrong key could never be found
// again by its content. Storing the same data twice keeps the first.
Status Store::PutBlob(const std::string& sha256, const std::string& mime, const std::string& data) {
  const std::string actual = Sha256Hex(data);
  if (sha256 != actual) {
    return Status::InvalidArgument(TrF("文件内容的 SHA-256 是 {}，不是 {}",
                                       "the data's SHA-256 is {}, not {}", actual, sha256));
  }
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("INSERT INTO blobs (sha256, mime, size, data) VALUES (?, ?, ?, ?) ON CONFLICT "
             "(sha256) DO NOTHING",
             {sha256, mime, static_cast<int64_t>(data.size()), Bytes{data}}));
  (void)r;
  return Status::Ok();
}

Result<std::string> Store::GetBlob(const std::string& sha256) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r,
                         c->Run("SELECT data FROM blobs WHERE sha256 = ?", {sha256}));
  if (r.rows.empty()) return Status::NotFound(TrF("没有文件 {}", "no blob {}", sha256));
  return r.rows[0].Text(0);
}

// The MIME type and size are the blob's, whatever the attachment says.
Result<int64_t> Store::AddAttachment(const Attachment& a) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  Transaction t(c.get());
  STORE_RETURN_IF_ERROR(t.Begin());
  STORE_RETURN_IF_ERROR(CheckPackage(*c, a.package_id));
  STORE_ASSIGN_OR_RETURN(QueryResult blob,
                         c->Run("SELECT mime, size FROM blobs WHERE sha256 = ?", {a.sha256}));
  if (blob.rows.empty()) return Status::NotFound(TrF("没有文件 {}", "no blob {}", a.sha256));
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("INSERT INTO attachments (package_id, target, name, mime, size, sha256, "
             "uploaded_by, at_ms, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id",
             {a.package_id, a.target, a.name, blob.rows[0].Text(0), blob.rows[0].Int(1), a.sha256,
              a.uploaded_by, a.at_ms}));
  STORE_RETURN_IF_ERROR(TouchAnnotations(*c, a.package_id, /*whole_unit=*/false));
  STORE_RETURN_IF_ERROR(t.Commit());
  return r.rows.at(0).Int(0);
}

Result<std::vector<Attachment>> Store::ListAttachments(int64_t package_id, bool package_found) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT " + std::string(kAttachmentColumns) + std::string(kAttachmentFrom) +
                 " WHERE package_id = ? AND removed = 0 ORDER BY id",
             {package_id}));
  if (r.rows.empty() && !package_found) STORE_RETURN_IF_ERROR(CheckPackage(*c, package_id));
  std::vector<Attachment> out;
  for (const Row& row : r.rows) out.push_back(ToAttachment(row));
  return out;
}

Result<Store::Annotations> Store::ListAnnotations(int64_t package_id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r, c->Run(AnnotationsQuery(), {package_id, package_id}));
  return ToAnnotations(r);
}

Result<Attachment> Store::GetAttachment(int64_t id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(QueryResult r,
                         c->Run("SELECT " + std::string(kAttachmentColumns) +
                                    std::string(kAttachmentFrom) + " WHERE id = ? AND removed = 0",
                                {id}));
  if (r.rows.empty()) return Status::NotFound(TrF("没有编号为 {} 的附件", "no attachment {}", id));
  return ToAttachment(r.rows[0]);
}

// The row is kept, marked removed, and so is its blob: an earlier version may still cite it.
Status Store::RemoveAttachment(int64_t id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  Transaction t(c.get());
  STORE_RETURN_IF_ERROR(t.Begin());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("UPDATE attachments SET removed = 1 WHERE id = ? AND removed = 0 RETURNING "
             "package_id",
             {id}));
  if (r.rows.empty()) return Status::NotFound(TrF("没有编号为 {} 的附件", "no attachment {}", id));
  STORE_RETURN_IF_ERROR(TouchAnnotations(*c, r.rows[0].Int(0), /*whole_unit=*/false));
  return t.Commit();
}

// ---- Deadlines

// An empty date removes the year's deadline.
Status Store::SetDeadline(int64_t region_id, int fiscal_year, const std::string& date) {
  if (!date.empty() && !ValidDate(date)) {
    return Status::InvalidArgument(TrF("截止日期“{}”不是有效的 YYYY-MM-DD 日期",
                                       "the deadline '{}' is not a date as YYYY-MM-DD", date));
  }
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  if (date.empty()) {
    STORE_ASSIGN_OR_RETURN(QueryResult r,
                           c->Run("DELETE FROM deadlines WHERE region_id = ? AND fiscal_year = ?",
                                  {region_id, int64_t{fiscal_year}}));
    (void)r;
    return Status::Ok();
  }
  STORE_ASSIGN_OR_RETURN(QueryResult region,
                         c->Run("SELECT id FROM regions WHERE id = ?", {region_id}));
  if (region.rows.empty()) {
    return Status::NotFound(TrF("没有编号为 {} 的地区", "no region {}", region_id));
  }
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("INSERT INTO deadlines (region_id, fiscal_year, due_date) VALUES (?, ?, ?) ON "
             "CONFLICT (region_id, fiscal_year) DO UPDATE SET due_date = excluded.due_date",
             {region_id, int64_t{fiscal_year}, date}));
  (void)r;
  return Status::Ok();
}

Result<std::string> Store::GetDeadline(int64_t region_id, int fiscal_year) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT due_date FROM deadlines WHERE region_id = ? AND fiscal_year = ?",
             {region_id, int64_t{fiscal_year}}));
  return r.rows.empty() ? std::string() : r.rows[0].Text(0);
}

// ---- 抽评

Result<SampleRow> Store::GetSample(int64_t region_id, int fiscal_year) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT s.id, s.seed, s.requested, s.risk_share, s.drawn_by, u.name, s.drawn_ms FROM "
             "samples s JOIN users u ON u.id = s.drawn_by WHERE s.region_id = ? AND "
             "s.fiscal_year = ?",
             {region_id, int64_t{fiscal_year}}));
  if (r.rows.empty()) {
    return Status::NotFound(
        TrF("{} 年度还没有抽取抽评样本", "no sample is drawn for {}", fiscal_year));
  }
  SampleRow out;
  const Row& row = r.rows[0];
  out.id = row.Int(0);
  out.region_id = region_id;
  out.fiscal_year = fiscal_year;
  out.seed = row.Int(1);
  out.requested = static_cast<int>(row.Int(2));
  out.risk_share = static_cast<int>(row.Int(3));
  out.drawn_by = row.Int(4);
  out.drawn_by_name = row.Text(5);
  out.drawn_ms = row.Int(6);
  STORE_ASSIGN_OR_RETURN(
      QueryResult entries,
      c->Run("SELECT package_id, position, by_risk, risk, reason FROM sample_entries WHERE "
             "sample_id = ? ORDER BY position",
             {out.id}));
  for (const Row& e : entries.rows) {
    out.entries.push_back(
        {e.Int(0), static_cast<int>(e.Int(1)), e.Int(2) != 0, e.Text(3), e.Text(4)});
  }
  return out;
}

Result<int64_t> Store::SaveSample(const SampleRow& sample) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  Transaction t(c.get());
  STORE_RETURN_IF_ERROR(t.Begin());
  Result<QueryResult> inserted = c->Run(
      "INSERT INTO samples (region_id, fiscal_year, seed, requested, risk_share, drawn_by, "
      "drawn_ms) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {sample.region_id, int64_t{sample.fiscal_year}, sample.seed, int64_t{sample.requested},
       int64_t{sample.risk_share}, sample.drawn_by, sample.drawn_ms});
  if (!inserted.ok()) {
    if (inserted.status().code() == Status::Code::kConflict) {
      return Status::Conflict(TrF("{} 年度的抽评样本已经抽取，不能重抽",
                                  "the sample for {} is drawn already and is not drawn again",
                                  sample.fiscal_year));
    }
    return inserted.status();
  }
  const int64_t id = inserted->rows.at(0).Int(0);
  for (const SampleEntryRow& e : sample.entries) {
    STORE_RETURN_IF_ERROR(
        c->Run(
             "INSERT INTO sample_entries (sample_id, package_id, position, by_risk, risk, "
             "reason) VALUES (?, ?, ?, ?, ?, ?)",
             {id, e.package_id, int64_t{e.position}, int64_t{e.by_risk ? 1 : 0}, e.risk, e.reason})
            .status());
  }
  STORE_RETURN_IF_ERROR(t.Commit());
  return id;
}

Result<std::vector<SpotScoreRow>> Store::ListSpotScores(int64_t package_id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(
      QueryResult r,
      c->Run("SELECT pointer, version, score, reason, scorer_id, at_ms FROM spot_scores WHERE "
             "package_id = ? ORDER BY pointer",
             {package_id}));
  std::vector<SpotScoreRow> out;
  for (const Row& row : r.rows) {
    out.push_back({row.Text(0), row.Int(1), row.Text(2), row.Text(3), row.Int(4), row.Int(5)});
  }
  return out;
}

Status Store::PutSpotScores(int64_t package_id, int64_t version,
                            const std::vector<SpotScoreRow>& scores, int64_t user_id,
                            int64_t now_ms) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  Transaction t(c.get());
  STORE_RETURN_IF_ERROR(t.Begin());
  STORE_RETURN_IF_ERROR(CheckPackage(*c, package_id));
  STORE_RETURN_IF_ERROR(
      c->Run("DELETE FROM spot_scores WHERE package_id = ?", {package_id}).status());
  for (const SpotScoreRow& s : scores) {
    STORE_RETURN_IF_ERROR(
        c->Run("INSERT INTO spot_scores (package_id, pointer, version, score, reason, scorer_id, "
               "at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
               {package_id, s.pointer, version, s.score, s.reason, user_id, now_ms})
            .status());
  }
  Event e;
  e.package_id = package_id;
  e.at_ms = now_ms;
  e.user_id = user_id;
  e.action = "spot_check";
  e.version = version;
  STORE_ASSIGN_OR_RETURN(e.version_hash, VersionHash(*c, package_id, version));
  e.comment = TrF("抽评 {} 项", "{} lines re-scored", scores.size());
  STORE_RETURN_IF_ERROR(InsertEvent(*c, e));
  return t.Commit();
}

// ---- 整改

Result<std::vector<Rectification>> Store::ListRectifications(int64_t package_id, int64_t unit_id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  const bool by_package = package_id > 0;
  STORE_ASSIGN_OR_RETURN(
      std::vector<QueryResult> r,
      c->RunAll(by_package ? RectificationStatements(RectificationsOf::kPackage, package_id)
                           : RectificationStatements(RectificationsOf::kUnit, unit_id)));
  return ToRectifications(r[0], r[1]);
}

Result<Rectification> Store::GetRectification(int64_t id) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  STORE_ASSIGN_OR_RETURN(std::vector<QueryResult> r,
                         c->RunAll(RectificationStatements(RectificationsOf::kItem, id)));
  std::vector<Rectification> one = ToRectifications(r[0], r[1]);
  if (one.empty()) {
    return Status::NotFound(TrF("没有编号为 {} 的整改事项", "no rectification item {}", id));
  }
  return std::move(one[0]);
}

Result<int64_t> Store::OpenRectification(const Rectification& r) {
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  Transaction t(c.get());
  STORE_RETURN_IF_ERROR(t.Begin());
  STORE_RETURN_IF_ERROR(CheckPackage(*c, r.package_id));
  STORE_ASSIGN_OR_RETURN(
      QueryResult inserted,
      c->Run(
          "INSERT INTO rectifications (package_id, source, target, what, why, due_date, "
          "status, opened_by, opened_ms, closed_ms) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, 0) "
          "RETURNING id",
          {r.package_id, r.source, r.target, r.what, r.why, r.due_date, r.opened_by, r.opened_ms}));
  const int64_t id = inserted.rows.at(0).Int(0);
  Event e;
  e.package_id = r.package_id;
  e.at_ms = r.opened_ms;
  e.user_id = r.opened_by;
  e.action = "rectification_open";
  e.comment = r.what;
  STORE_RETURN_IF_ERROR(InsertEvent(*c, e));
  STORE_RETURN_IF_ERROR(TouchAnnotations(*c, r.package_id, /*whole_unit=*/true));
  STORE_RETURN_IF_ERROR(t.Commit());
  return id;
}

Status Store::AddRectificationNote(int64_t rectification_id, const RectificationNote& note,
                                   int64_t now_ms) {
  // Which states a note applies to, and where it moves the item.
  RectificationStatus to = RectificationStatus::kAnswered;
  std::vector<std::string> from;
  if (note.kind == "answer") {
    from = {"open", "answered"};
  } else if (note.kind == "close") {
    from = {"open", "answered"};
    to = RectificationStatus::kClosed;
  } else if (note.kind == "reopen") {
    from = {"answered", "closed"};
    to = RectificationStatus::kOpen;
  } else {
    return Status::InvalidArgument(
        TrF("没有“{}”这种整改记录", "unknown note kind \"{}\"", note.kind));
  }
  STORE_ASSIGN_OR_RETURN(Lease c, db_->Acquire());
  Transaction t(c.get());
  STORE_RETURN_IF_ERROR(t.Begin());
  STORE_ASSIGN_OR_RETURN(
      QueryResult moved,
      c->Run("UPDATE rectifications SET status = ?, closed_ms = ? WHERE id = ? AND status IN (?, "
             "?) RETURNING package_id",
             {std::string(RectificationStatusKey(to)),
              to == RectificationStatus::kClosed ? now_ms : int64_t{0}, rectification_id, from[0],
              from[1]}));
  if (moved.rows.empty()) {
    STORE_ASSIGN_OR_RETURN(QueryResult now, c->Run("SELECT status FROM rectifications WHERE id = ?",
                                                   {rectification_id}));
    if (now.rows.empty()) {
      return Status::NotFound(
          TrF("没有编号为 {} 的整改事项", "no rectification item {}", rectification_id));
    }
    const RectificationStatus current =
        RectificationStatusFromKey(now.rows[0].Text(0)).value_or(RectificationStatus::kOpen);
    return Status::Conflict(
        TrF("整改事项现在是“{}”，不能{}", "the item is {}; it cannot be {}",
            Tr(RectificationStatusName(current), RectificationStatusKey(current)),
            note.kind == "answer"  ? Tr("答复", "answered")
            : note.kind == "close" ? Tr("销号", "closed")
                                   : Tr("重新打开", "reopened")));
  }
  STORE_RETURN_IF_ERROR(
      c->Run("INSERT INTO rectification_notes (rectification_id, author_id, at_ms, kind, body, "
             "attachment_id) VALUES (?, ?, ?, ?, ?, ?)",
             {rectification_id, note.author_id, now_ms, note.kind, note.body,
              IdOrNull(note.attachment_id)})
          .status());
  Event e;
  e.package_id = moved.rows[0].Int(0);
  e.at_ms = now_ms;
  e.user_id = note.author_id;
  e.action = "rectification_" + note.kind;
  e.comment = note.body;
  STORE_RETURN_IF_ERROR(InsertEvent(*c, e));
  STORE_RETURN_IF_ERROR(TouchAnnotations(*c, e.package_id, /*whole_unit=*/true));
  return t.Commit();
}

}  // namespace jixiao::store
