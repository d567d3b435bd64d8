// The server's data: regions and their organisations (财政局 → 主管部门 → 单位), accounts and
// sessions, one package per unit and fiscal year with every saved version, the workflow's
// audit events, reviewers' comments, evidence files (content-addressed blobs) and each year's
// deadline. One schema (docs/server.md) for SQLite and PostgreSQL, written in core SQL and
// applied by numbered migrations when the store opens; nothing is kept in the process, so
// several servers can share one PostgreSQL database.
//
// Every method takes a connection from the Database for its own use, so a Store is safe to
// call from any number of threads. Writes that belong together run in one transaction.
// Failures are Status values (db.h): kNotFound for an id that does not exist, kConflict for a
// stale version or a duplicate, kUnavailable when the database cannot take the write.
//
// Times are milliseconds since 1970-01-01 UTC, given by the caller (tests pass a fixed clock).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/lru_cache.h"
#include "base/status.h"
#include "store/db.h"

namespace jixiao::store {

// ---- Organisations and people -------------------------------------------------------------

enum class OrgKind { kBureau, kDepartment, kUnit };  // 财政局, 主管部门, 预算单位
std::string_view OrgKindKey(OrgKind k);              // "bureau", "department", "unit"

struct Org {
  int64_t id = 0;
  int64_t region_id = 0;
  int64_t parent_id = 0;  // the 主管部门 of a unit, the 财政局 of a 主管部门; 0 for a 财政局
  OrgKind kind = OrgKind::kUnit;
  std::string name;
  std::string code;  // 单位编码, may be empty
};

struct Region {
  int64_t id = 0;
  std::string name;
  std::string rulebook;  // the rulebook id packages of this region are scored under
};

// 填报人, 单位负责人, 主管部门审核, 财政局, 管理员.
enum class Role { kClerk, kHead, kDeptReviewer, kBureau, kAdmin };
std::string_view RoleKey(Role r);   // "clerk", "head", "dept_reviewer", "bureau", "admin"
std::string_view RoleName(Role r);  // "填报人", …
std::optional<Role> RoleFromKey(std::string_view key);

struct User {
  int64_t id = 0;
  std::string login;
  std::string name;
  Role role = Role::kClerk;
  int64_t org_id = 0;  // the unit (clerk, head), 主管部门 (reviewer) or 财政局 (bureau, admin)
  int64_t region_id = 0;      // of the org
  std::string password_hash;  // argon2id encoded string
  bool disabled = false;
};

struct Session {
  std::string token_hash;  // hex of the token's hash; the token itself is never stored
  int64_t user_id = 0;
  std::string csrf;  // the CSRF token for forms and API writes of this session
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
};

// ---- Packages -------------------------------------------------------------------------------

// 草稿, 已提交, 已退回, 已转报 (主管部门 forwarded it), 已通过 (财政局 accepted it), 已公开.
enum class PackageStatus { kDraft, kSubmitted, kReturned, kForwarded, kAccepted, kPublished };
std::string_view StatusKey(PackageStatus s);   // "draft", "submitted", …
std::string_view StatusName(PackageStatus s);  // "草稿", …
std::optional<PackageStatus> StatusFromKey(std::string_view key);

// The figures queries need, computed by the engine when a version is saved.
struct PackageSummary {
  std::string unit_name;       // as the package names it
  std::string total;           // the 自评 total score as printed ("" when it cannot be scored)
  std::string grade;           // "优", …
  std::string execution_rate;  // "98.25"
  std::array<int64_t, 4> findings{};  // errors, inconsistencies, warnings, notes
  std::string risk;                   // the sum of the risk signals' weights ("12"); docs/review.md
  std::string risk_signals = "[]";    // a JSON array of {key, name, weight, evidence}
};

struct PackageRow {
  int64_t id = 0;
  int64_t unit_id = 0;
  int fiscal_year = 0;
  PackageStatus status = PackageStatus::kDraft;
  int64_t head_version = 0;  // the latest version's number (1, 2, …)
  int64_t submitted_version =
      0;  // the frozen version while submitted/forwarded/accepted; 0 otherwise
  PackageSummary summary;
  int64_t updated_ms = 0;
  int64_t submitted_ms = 0;        // when last submitted, 0 if never
  int64_t published_ms = 0;        // when last published, 0 if never
  int64_t first_submitted_ms = 0;  // when first submitted, 0 if never
};

struct Version {
  int64_t package_id = 0;
  int64_t number = 0;
  std::string json;    // the package JSON (canonical, as WritePackageJson writes it)
  std::string sha256;  // hex of the JSON's SHA-256
  int64_t author_id = 0;
  std::string author_name;
  int64_t created_ms = 0;
  std::string changes;  // a JSON array of {"pointer","before","after"}: what this save changed
  std::string note;     // "导入 x.docx", "恢复自第 3 版", "" …
};

// An entry of the append-only audit trail of a package: a save, a transition, an import.
struct Event {
  int64_t id = 0;
  int64_t package_id = 0;
  int64_t at_ms = 0;
  int64_t user_id = 0;
  std::string user_name;
  std::string action;  // "create", "save", "restore", "import", "submit", "return", "forward",
                       // "accept", "attach", "detach", "comment"
  std::string from_status, to_status;  // status keys; equal when the status did not change
  int64_t version = 0;
  std::string version_hash;
  std::string comment;
};

struct Comment {
  int64_t id = 0;
  int64_t package_id = 0;
  int64_t version = 0;  // the version it was written on
  int64_t author_id = 0;
  std::string author_name;
  Role author_role = Role::kClerk;
  int64_t at_ms = 0;
  std::string
      target;  // a JSON pointer ("/evaluation/funds/executed"), "code:X701", or "" (the package)
  std::string body;
  int64_t reply_to = 0;  // the comment this answers, 0 for a new thread
  bool resolved = false;
};

struct Attachment {
  int64_t id = 0;
  int64_t package_id = 0;
  std::string target;  // the JSON pointer of an indicator, a goal or a report section
  std::string name;    // the file name as uploaded
  std::string mime;    // sniffed from the content
  int64_t size = 0;
  std::string sha256;  // the blob's key
  int64_t uploaded_by = 0;
  int64_t at_ms = 0;
};

// Ask for the packages a user may list.
struct PackageFilter {
  std::optional<int64_t> unit_id;        // one unit
  std::optional<int64_t> department_id;  // the units under one 主管部门
  std::optional<int64_t> region_id;      // every unit of a region
  std::optional<int> fiscal_year;
  std::optional<PackageStatus> status;
};

// The year's dashboard: every unit in scope, with its package of the year and of the year before
// (either may be absent).
struct DashboardScope {
  int64_t region_id = 0;
  std::optional<int64_t> department_id;  // only the units under this 主管部门
  int fiscal_year = 0;
};
struct DashboardRow {
  Org unit;
  std::string department;  // the 主管部门's name
  std::optional<PackageRow> package;
  std::optional<PackageRow> previous;  // the year before's
  int64_t open_rectifications = 0;     // 整改 items of the unit, any year, not yet closed
};

// A region's year on the public site: how many of its packages are published.
struct PublishedYear {
  int64_t region_id = 0;
  std::string region_name;
  int fiscal_year = 0;
  int64_t packages = 0;
};

// ---- 抽评 and 整改

// A year's 抽评 sample as drawn: the seed is kept so the draw can be repeated and shown.
struct SampleEntryRow {
  int64_t package_id = 0;
  int position = 0;  // 1, 2, …
  bool by_risk = false;
  std::string risk;    // the package's risk when drawn
  std::string reason;  // why it was drawn
};
struct SampleRow {
  int64_t id = 0;
  int64_t region_id = 0;
  int fiscal_year = 0;
  int64_t seed = 0;  // the SplitMix64 seed (docs/review.md), as a signed 64-bit value
  int requested = 0;
  int risk_share = 50;  // percent of the sample taken from the top of the risk ranking
  int64_t drawn_by = 0;
  std::string drawn_by_name;
  int64_t drawn_ms = 0;
  std::vector<SampleEntryRow> entries;
};

// A reviewer's 抽评 score for one line of a package (review/spot_check.h).
struct SpotScoreRow {
  std::string pointer;
  int64_t version = 0;  // the version re-scored
  std::string score;    // exact decimal as text
  std::string reason;
  int64_t scorer_id = 0;
  int64_t at_ms = 0;
};

// A 整改 item: what a unit must correct, why, by when; its notes are its history.
enum class RectificationStatus { kOpen, kAnswered, kClosed };
std::string_view RectificationStatusKey(RectificationStatus s);   // "open", "answered", "closed"
std::string_view RectificationStatusName(RectificationStatus s);  // 待整改, 已答复, 已销号
std::optional<RectificationStatus> RectificationStatusFromKey(std::string_view key);
struct RectificationNote {
  int64_t id = 0;
  int64_t author_id = 0;
  std::string author_name;
  int64_t at_ms = 0;
  std::string kind;  // "answer", "close", "reopen"
  std::string body;
  int64_t attachment_id = 0;  // evidence attached to an answer, 0 if none
};
struct Rectification {
  int64_t id = 0;
  int64_t package_id = 0;
  int64_t unit_id = 0;  // read with it
  int fiscal_year = 0;  // of the package it was found in
  std::string source;   // "review" or "spot_check"
  std::string target;   // a JSON pointer in the package, or ""
  std::string what;
  std::string why;
  std::string due_date;  // YYYY-MM-DD
  RectificationStatus status = RectificationStatus::kOpen;
  int64_t opened_by = 0;
  int64_t opened_ms = 0;
  int64_t closed_ms = 0;
  std::vector<RectificationNote> notes;  // oldest first (ListRectifications fills them)
};

// A new version to save: the JSON (already validated), what it changed, and the summary.
struct NewVersion {
  std::string json;
  std::string changes;  // JSON array, as in Version::changes
  std::string note;
  PackageSummary summary;
  // Hex SHA-256 of `json` when the caller has computed it already (it is not checked); the
  // store computes it when empty.
  std::string sha256;
  // The text of the version this one is saved over, and its hex SHA-256, when the caller holds
  // them (SaveVersion): the version is then stored as what changed from it (text_delta.h), not
  // whole, unless it starts a new chain (every 16th version is whole) or most of it changed.
  // The statement that saves checks the hash against the stored version; the text must be
  // that version's exactly.
  std::string_view base_json = {};
  std::string base_sha256 = {};
};

class Store {
 public:
  // Opens the database at `url` (db.h) and applies every migration it has not had yet.
  static Result<std::unique_ptr<Store>> Open(const std::string& url);
  explicit Store(std::unique_ptr<Database> db) : db_(std::move(db)) {}

  Database& database() { return *db_; }
  // The schema version after Open (the number of migrations applied).
  Result<int64_t> SchemaVersion();
  // The engine's consistency check on one connection (db.h).
  Status IntegrityCheck();
  // True when the store holds no region yet (first start: the server seeds the demo).
  Result<bool> Empty();

  // ---- Organisations and people
  Result<int64_t> CreateRegion(const std::string& name, const std::string& rulebook);
  Result<Region> GetRegion(int64_t id);
  Result<int64_t> CreateOrg(const Org& org);  // id, parent, kind, name, code, region
  Result<Org> GetOrg(int64_t id);
  Result<std::vector<Org>> ListOrgs(int64_t region_id);
  Result<int64_t> CreateUser(const User& user);  // kConflict when the login is taken
  Result<User> GetUser(int64_t id);
  Result<User> FindUserByLogin(const std::string& login);  // kNotFound
  Result<std::vector<User>> ListUsers(int64_t region_id);
  Status SetPassword(int64_t user_id, const std::string& password_hash);
  Status SetUserDisabled(int64_t user_id, bool disabled);

  // ---- Sessions, login throttling, personal access tokens
  Status CreateSession(const Session& session);
  // The session with this token hash if it has not expired at `now_ms`, else kNotFound.
  Result<Session> FindSession(const std::string& token_hash, int64_t now_ms);
  // The same with the session's user, in one query (every request asks for both).
  Result<std::pair<Session, User>> FindSessionUser(const std::string& token_hash, int64_t now_ms);
  Status DeleteSession(const std::string& token_hash);
  Status DeleteExpiredSessions(int64_t now_ms);
  // Failed logins are recorded by key (the login name, and the client address).
  Status RecordLoginFailure(const std::string& key, int64_t at_ms);
  Result<int64_t> CountLoginFailures(const std::string& key, int64_t since_ms);
  Status ClearLoginFailures(const std::string& key);
  Status CreateApiToken(int64_t user_id, const std::string& token_hash, const std::string& name,
                        int64_t at_ms);
  Result<int64_t> FindApiTokenUser(const std::string& token_hash);  // the user id, or kNotFound

  // ---- Packages and versions
  // A new package with its first version; kConflict when the unit already has one that year.
  Result<PackageRow> CreatePackage(int64_t unit_id, int fiscal_year, const NewVersion& first,
                                   int64_t author_id, int64_t now_ms);
  Result<PackageRow> GetPackage(int64_t id);
  // The package with what every request about it needs, in one query: its unit, its region's
  // rulebook and the deadline set for its year ("" when none).
  struct PackageContext {
    PackageRow row;
    Org unit;
    std::string region_rulebook;
    std::string deadline;
    std::string head_sha256;  // of the head version's JSON, to find what is known of it
  };
  Result<PackageContext> GetPackageContext(int64_t id);
  // A package's comments (oldest first) and its evidence (as ListAttachments).
  struct Annotations {
    std::vector<Comment> comments;
    std::vector<Attachment> attachments;
    // When asked for (FindSessionUserWithPackage's `rectifications`): the 整改 items of the
    // package's unit, every year, as ListRectifications(0, unit) gives them.
    std::optional<std::vector<Rectification>> rectifications;
  };
  // FindSessionUser and GetPackageContext in one query, for a request on one package: the
  // session and its user, and the package's context (nullopt when there is no such package).
  // kNotFound when there is no such session. Reading the package does not decide access.
  // With `annotations`, the package's comments and evidence (ListAnnotations), for a request that
  // will show or check them once access is granted; with `rectifications` as well, the unit's
  // 整改 items and their notes (the editor page shows them). They are read in the same round trip
  // (one pipeline on PostgreSQL) the first time; after that this Store keeps them with the
  // package's annotations_stamp, which every change to them moves on in its own transaction,
  // and reads them again (a second round trip) only when the session's query finds the stamp
  // moved: by this process or by any other sharing the database.
  struct SessionWithPackage {
    Session session;
    User user;
    std::optional<PackageContext> package;
    std::optional<Annotations> annotations;
  };
  Result<SessionWithPackage> FindSessionUserWithPackage(const std::string& token_hash,
                                                        int64_t now_ms, int64_t package_id,
                                                        bool annotations = false,
                                                        bool rectifications = false);
  Result<PackageRow> FindPackage(int64_t unit_id, int fiscal_year);
  Result<std::vector<PackageRow>> ListPackages(const PackageFilter& filter);
  // One query; ordered by unit code, then name, then id (sorted here, as ListPackages).
  Result<std::vector<DashboardRow>> Dashboard(const DashboardScope& scope);
  // Every region and year with published packages; regions by id, the latest year first.
  Result<std::vector<PublishedYear>> PublishedYears();
  // 抽评: the year's sample (kNotFound when none is drawn), drawing it once (kConflict when one
  // is), the reviewer's scores of a package (replaced as a whole, with an event).
  Result<SampleRow> GetSample(int64_t region_id, int fiscal_year);
  Result<int64_t> SaveSample(const SampleRow& sample);
  Result<std::vector<SpotScoreRow>> ListSpotScores(int64_t package_id);
  Status PutSpotScores(int64_t package_id, int64_t version, const std::vector<SpotScoreRow>& scores,
                       int64_t user_id, int64_t now_ms);
  // 整改: items of one package, or of every package of a unit (all years, newest first), with
  // their notes (items and notes read in one round trip); opening one; a note that moves it (answer
  // → answered, close → closed, reopen → open; kConflict when the item is not in a state the note
  // applies to).
  Result<std::vector<Rectification>> ListRectifications(int64_t package_id, int64_t unit_id);
  Result<Rectification> GetRectification(int64_t id);
  Result<int64_t> OpenRectification(const Rectification& r);
  Status AddRectificationNote(int64_t rectification_id, const RectificationNote& note,
                              int64_t now_ms);
  // The latest fiscal year any unit of the region has a package for; 0 when none has.
  Result<int> LatestFiscalYear(int64_t region_id);
  // Saves a new version if `base_version` is still the head, else kConflict (nothing written).
  // Writes the version, moves the head, updates the summary and appends an event `action`
  // ("save", "restore", "import") in one transaction. Returns the new version's number.
  Result<int64_t> SaveVersion(int64_t package_id, int64_t base_version, const NewVersion& v,
                              int64_t author_id, const std::string& action, int64_t now_ms);
  Result<Version> GetVersion(int64_t package_id, int64_t number);
  // Every version without its JSON (number, author, time, changes, note), newest first.
  Result<std::vector<Version>> ListVersions(int64_t package_id);

  // ---- Workflow: moves the status from `from` to `to` if it is still `from` (else kConflict),
  // sets or clears the frozen version, appends the event. `freeze_version` > 0 freezes that
  // version (submit); 0 keeps the frozen one (forward, accept); -1 unfreezes it (return).
  Status Transition(int64_t package_id, PackageStatus from, PackageStatus to,
                    int64_t freeze_version, int64_t user_id, const std::string& action,
                    const std::string& comment, int64_t now_ms);
  Status AppendEvent(const Event& e);
  Result<std::vector<Event>> ListEvents(int64_t package_id);  // oldest first

  // ---- Comments
  Result<int64_t> AddComment(const Comment& c);
  Result<std::vector<Comment>> ListComments(int64_t package_id);  // oldest first
  Status ResolveComment(int64_t comment_id, bool resolved);

  // ---- Evidence: blobs by SHA-256, attachments pointing at them
  Status PutBlob(const std::string& sha256, const std::string& mime, const std::string& data);
  Result<std::string> GetBlob(const std::string& sha256);
  Result<int64_t> AddAttachment(const Attachment& a);
  // NotFound for a package that does not exist, unless the caller has found it already
  // (`package_found`: an empty list is then the answer, without asking whether it exists).
  Result<std::vector<Attachment>> ListAttachments(int64_t package_id, bool package_found = false);
  // A package's Annotations, read in one round trip, for a caller that has found the package
  // already: a package that does not exist simply has none.
  Result<Annotations> ListAnnotations(int64_t package_id);
  Result<Attachment> GetAttachment(int64_t id);
  Status RemoveAttachment(int64_t id);

  // ---- Each year's deadline (YYYY-MM-DD), set by the 财政局
  Status SetDeadline(int64_t region_id, int fiscal_year, const std::string& date);
  Result<std::string> GetDeadline(int64_t region_id, int fiscal_year);  // "" when none

 private:
  // A package's annotations as last read by this process, with the package's annotations_stamp
  // they were read at (schema.cc, migration 5).
  struct StampedAnnotations {
    int64_t stamp = 0;
    Annotations annotations;
  };
  static constexpr size_t kRememberedAnnotations = 1024;

  std::unique_ptr<Database> db_;
  LruCache<StampedAnnotations> annotations_{kRememberedAnnotations};
};

}  // namespace jixiao::store
