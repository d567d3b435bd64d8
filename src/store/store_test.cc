// Tests of the server's store (store.h), each run on SQLite and on PostgreSQL with a fresh
// database (test_database.h): migrations, accounts and sessions, packages and their versions
// (stale and concurrent saves), the workflow and its audit trail, comments, evidence,
// deadlines, the integrity check, and a database that cannot be written.
#include "store/store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/mount.h>

#include <atomic>
#include <filesystem>
#include <latch>
#include <thread>

#include "store/schema.h"
#include "store/test_database.h"

namespace jixiao::store {
namespace {

using testing::EngineName;
using testing::EngineTest;
using testing::Must;

constexpr int64_t kNow = 1'700'000'000'000;  // a fixed clock: 2023-11-14
// SHA-256 of "{}" and of "abc" (FIPS 180-2's example).
constexpr char kShaOfBraces[] = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
constexpr char kShaOfAbc[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

std::string Sha256(const std::string& data) {
  if (sodium_init() < 0) std::abort();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

NewVersion V(const std::string& json, const std::string& total = "", const std::string& note = "") {
  NewVersion v;
  v.json = json;
  v.changes = "[]";
  v.note = note;
  v.summary.unit_name = "零陵区科协";
  v.summary.total = total;
  v.summary.grade = total.empty() ? "" : "优";
  v.summary.execution_rate = "98.25";
  v.summary.findings = {1, 2, 3, 4};
  return v;
}

// A region with a 财政局, two 主管部门 and three units, and people in each.
struct World {
  int64_t region = 0, bureau = 0, dept = 0, dept2 = 0, unit = 0, unit2 = 0, unit3 = 0;
  int64_t clerk = 0, head = 0, reviewer = 0, finance = 0;
};

class StoreTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Result<std::unique_ptr<Store>> s = Store::Open(url());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void TearDown() override {
    store_.reset();
    EngineTest::TearDown();
  }

  Store& s() { return *store_; }

  int64_t AddOrg(int64_t region, int64_t parent, OrgKind kind, const std::string& name) {
    Org o;
    o.region_id = region;
    o.parent_id = parent;
    o.kind = kind;
    o.name = name;
    return Must(s().CreateOrg(o));
  }
  int64_t AddUser(const std::string& login, Role role, int64_t org) {
    User u;
    u.login = login;
    u.name = login + " 的名字";
    u.role = role;
    u.org_id = org;
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    return Must(s().CreateUser(u));
  }
  World Seed() {
    World w;
    w.region = Must(s().CreateRegion("零陵区", "hunan-2024"));
    w.bureau = AddOrg(w.region, 0, OrgKind::kBureau, "零陵区财政局");
    w.dept = AddOrg(w.region, w.bureau, OrgKind::kDepartment, "区科协");
    w.dept2 = AddOrg(w.region, w.bureau, OrgKind::kDepartment, "区教育局");
    w.unit = AddOrg(w.region, w.dept, OrgKind::kUnit, "区科协机关");
    w.unit2 = AddOrg(w.region, w.dept, OrgKind::kUnit, "区科技馆");
    w.unit3 = AddOrg(w.region, w.dept2, OrgKind::kUnit, "区一中");
    w.clerk = AddUser("clerk", Role::kClerk, w.unit);
    w.head = AddUser("head", Role::kHead, w.unit);
    w.reviewer = AddUser("reviewer", Role::kDeptReviewer, w.dept);
    w.finance = AddUser("finance", Role::kBureau, w.bureau);
    return w;
  }

  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, MigrationsApplyOnceAndReopenCleanly) {
  EXPECT_EQ(Must(s().SchemaVersion()), LatestSchemaVersion());
  EXPECT_TRUE(Must(s().Empty()));
  const int64_t region = Must(s().CreateRegion("零陵区", "hunan-2024"));
  store_.reset();
  for (int i = 0; i < 2; ++i) {
    Result<std::unique_ptr<Store>> again = Store::Open(url());
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(Must((*again)->SchemaVersion()), LatestSchemaVersion());
    EXPECT_FALSE(Must((*again)->Empty()));
    EXPECT_EQ(Must((*again)->GetRegion(region)).name, "零陵区");
    Lease c = Must((*again)->database().Acquire());
    EXPECT_EQ(Must(c->Run("SELECT COUNT(*) FROM schema_migrations", {})).rows[0].Int(0),
              LatestSchemaVersion());
  }
}

// Two servers starting at once on a new database: both open; the migrations ran once.
TEST_P(StoreTest, ConcurrentOpensMigrateOnce) {
  store_.reset();
  if (GetParam() == Engine::kSqlite) {
    std::filesystem::remove(SqlitePath());
    std::filesystem::remove(SqlitePath() + "-wal");
    std::filesystem::remove(SqlitePath() + "-shm");
  } else {
    ASSERT_TRUE(Admin("DROP DATABASE " + DatabaseName() + " WITH (FORCE)").ok());
    ASSERT_TRUE(Admin("CREATE DATABASE " + DatabaseName()).ok());
  }
  constexpr int kServers = 4;
  std::latch start(kServers);
  std::vector<Status> results(kServers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      Result<std::unique_ptr<Store>> opened = Store::Open(url());
      results[i] = opened.ok() ? Status::Ok() : opened.status();
    });
  }
  for (std::thread& t : threads) t.join();
  for (const Status& r : results) EXPECT_TRUE(r.ok()) << r.ToString();
  store_ = Must(Store::Open(url()));
  Lease c = Must(s().database().Acquire());
  EXPECT_EQ(Must(c->Run("SELECT COUNT(*) FROM schema_migrations", {})).rows[0].Int(0),
            LatestSchemaVersion());
}

TEST_P(StoreTest, RefusesADatabaseFromANewerProgram) {
  {
    Lease c = Must(s().database().Acquire());
    Must(c->Run("INSERT INTO schema_migrations (version, applied_ms) VALUES (?, ?)",
                {LatestSchemaVersion() + 1, kNow}));
  }
  store_.reset();
  Result<std::unique_ptr<Store>> again = Store::Open(url());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(again.status().message(),
            "the database's schema is at version " + std::to_string(LatestSchemaVersion() + 1) +
                ", newer than this program's " + std::to_string(LatestSchemaVersion()) +
                "; run the jixiao that wrote it, or a newer one");
}

TEST_P(StoreTest, OrganisationsNestAsTheHierarchySays) {
  World w = Seed();
  Org unit = Must(s().GetOrg(w.unit));
  EXPECT_EQ(unit.kind, OrgKind::kUnit);
  EXPECT_EQ(unit.parent_id, w.dept);
  EXPECT_EQ(unit.region_id, w.region);
  EXPECT_EQ(Must(s().GetOrg(w.bureau)).parent_id, 0);
  EXPECT_EQ(Must(s().ListOrgs(w.region)).size(), 6u);
  EXPECT_EQ(Must(s().GetRegion(w.region)).rulebook, "hunan-2024");

  EXPECT_EQ(s().GetOrg(999).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(s().GetRegion(999).status().code(), Status::Code::kNotFound);
  Org bad;
  bad.region_id = w.region;
  bad.parent_id = w.unit;  // nothing sits under a unit
  bad.kind = OrgKind::kUnit;
  bad.name = "x";
  EXPECT_EQ(s().CreateOrg(bad).status().code(), Status::Code::kInvalidArgument);
  bad.parent_id = 999;
  EXPECT_EQ(s().CreateOrg(bad).status().code(), Status::Code::kNotFound);
  bad.kind = OrgKind::kBureau;
  bad.parent_id = w.bureau;
  EXPECT_EQ(s().CreateOrg(bad).status().code(), Status::Code::kInvalidArgument);
  bad.region_id = 999;
  bad.parent_id = 0;
  EXPECT_EQ(s().CreateOrg(bad).status().code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, UsersAndTheirLogins) {
  World w = Seed();
  User clerk = Must(s().FindUserByLogin("clerk"));
  EXPECT_EQ(clerk.id, w.clerk);
  EXPECT_EQ(clerk.role, Role::kClerk);
  EXPECT_EQ(clerk.org_id, w.unit);
  EXPECT_EQ(clerk.region_id, w.region);
  EXPECT_EQ(clerk.name, "clerk 的名字");
  EXPECT_FALSE(clerk.disabled);

  User taken;
  taken.login = "clerk";
  taken.name = "另一个";
  taken.org_id = w.unit2;
  Result<int64_t> dup = s().CreateUser(taken);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), Status::Code::kConflict);
  EXPECT_EQ(dup.status().message(), "the login 'clerk' is already taken");
  taken.login = "someone";
  taken.org_id = 999;
  EXPECT_EQ(s().CreateUser(taken).status().code(), Status::Code::kNotFound);

  EXPECT_EQ(s().FindUserByLogin("nobody").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(s().GetUser(999).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(Must(s().ListUsers(w.region)).size(), 4u);
  EXPECT_TRUE(Must(s().ListUsers(999)).empty());

  ASSERT_TRUE(s().SetPassword(w.clerk, "$argon2id$new").ok());
  EXPECT_EQ(Must(s().GetUser(w.clerk)).password_hash, "$argon2id$new");
  EXPECT_EQ(s().SetPassword(999, "x").code(), Status::Code::kNotFound);
  ASSERT_TRUE(s().SetUserDisabled(w.clerk, true).ok());
  EXPECT_TRUE(Must(s().GetUser(w.clerk)).disabled);
  ASSERT_TRUE(s().SetUserDisabled(w.clerk, false).ok());
  EXPECT_FALSE(Must(s().GetUser(w.clerk)).disabled);
  EXPECT_EQ(s().SetUserDisabled(999, true).code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, RoleAndStatusNames) {
  EXPECT_EQ(RoleName(Role::kClerk), "填报人");
  EXPECT_EQ(RoleName(Role::kHead), "单位负责人");
  EXPECT_EQ(RoleName(Role::kDeptReviewer), "主管部门审核");
  EXPECT_EQ(RoleName(Role::kBureau), "财政局");
  EXPECT_EQ(RoleName(Role::kAdmin), "管理员");
  EXPECT_EQ(RoleFromKey("dept_reviewer"), Role::kDeptReviewer);
  EXPECT_EQ(RoleFromKey("root"), std::nullopt);
  EXPECT_EQ(StatusName(PackageStatus::kDraft), "草稿");
  EXPECT_EQ(StatusName(PackageStatus::kSubmitted), "已提交");
  EXPECT_EQ(StatusName(PackageStatus::kReturned), "已退回");
  EXPECT_EQ(StatusName(PackageStatus::kForwarded), "已转报");
  EXPECT_EQ(StatusName(PackageStatus::kAccepted), "已通过");
  EXPECT_EQ(StatusName(PackageStatus::kPublished), "已公开");
  EXPECT_EQ(StatusFromKey("forwarded"), PackageStatus::kForwarded);
  EXPECT_EQ(StatusFromKey("已提交"), std::nullopt);
  EXPECT_EQ(OrgKindKey(OrgKind::kDepartment), "department");
}

TEST_P(StoreTest, SessionsExpire) {
  World w = Seed();
  ASSERT_TRUE(s().CreateSession({"hash-a", w.clerk, "csrf-a", kNow, kNow + 1000}).ok());
  ASSERT_TRUE(s().CreateSession({"hash-b", w.head, "csrf-b", kNow, kNow + 5000}).ok());
  EXPECT_EQ(s().CreateSession({"hash-a", w.head, "x", kNow, kNow + 1}).code(),
            Status::Code::kConflict);

  Session a = Must(s().FindSession("hash-a", kNow + 999));
  EXPECT_EQ(a.user_id, w.clerk);
  EXPECT_EQ(a.csrf, "csrf-a");
  // With its user, in one query: the user the session belongs to, with the region of its org.
  const auto [session, user] = Must(s().FindSessionUser("hash-a", kNow + 999));
  EXPECT_EQ(session.csrf, "csrf-a");
  EXPECT_EQ(user.id, w.clerk);
  EXPECT_EQ(user.role, Role::kClerk);
  EXPECT_GT(user.region_id, 0);
  EXPECT_EQ(a.created_ms, kNow);
  EXPECT_EQ(a.expires_ms, kNow + 1000);
  EXPECT_EQ(s().FindSession("hash-a", kNow + 1000).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(s().FindSession("nothing", kNow).status().code(), Status::Code::kNotFound);

  ASSERT_TRUE(s().DeleteExpiredSessions(kNow + 1000).ok());
  EXPECT_EQ(s().FindSession("hash-a", kNow).status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(s().FindSession("hash-b", kNow + 1000).ok());
  ASSERT_TRUE(s().DeleteSession("hash-b").ok());
  EXPECT_EQ(s().FindSession("hash-b", kNow).status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(s().DeleteSession("hash-b").ok());  // twice is fine
}

TEST_P(StoreTest, DisablingAUserEndsSessionsAndTokens) {
  World w = Seed();
  ASSERT_TRUE(s().CreateSession({"hash-a", w.clerk, "csrf", kNow, kNow + 1000}).ok());
  ASSERT_TRUE(s().CreateApiToken(w.clerk, "token-a", "ci", kNow).ok());
  EXPECT_EQ(Must(s().FindApiTokenUser("token-a")), w.clerk);
  ASSERT_TRUE(s().SetUserDisabled(w.clerk, true).ok());
  EXPECT_EQ(s().FindSession("hash-a", kNow).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(s().FindApiTokenUser("token-a").status().code(), Status::Code::kNotFound);
  ASSERT_TRUE(s().SetUserDisabled(w.clerk, false).ok());
  EXPECT_EQ(s().FindSession("hash-a", kNow).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(Must(s().FindApiTokenUser("token-a")), w.clerk);
}

// A request on a package reads its session and the package's context in one query: the same
// session as FindSessionUser, the same context as GetPackageContext, and no package when there
// is none; no session at all when it has expired or its user is disabled.
TEST_P(StoreTest, ASessionIsReadWithThePackageOfItsRequest) {
  World w = Seed();
  ASSERT_TRUE(s().CreateSession({"hash-a", w.clerk, "csrf-a", kNow, kNow + 1000}).ok());
  ASSERT_TRUE(s().SetDeadline(w.region, 2024, "2025-03-31").ok());
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}", "92.50"), w.clerk, kNow));
  PackageRow other = Must(s().CreatePackage(w.unit3, 2023, V("{}"), w.clerk, kNow));

  Store::SessionWithPackage got = Must(s().FindSessionUserWithPackage("hash-a", kNow, p.id));
  const auto [session, user] = Must(s().FindSessionUser("hash-a", kNow));
  EXPECT_EQ(got.session.csrf, session.csrf);
  EXPECT_EQ(got.session.expires_ms, kNow + 1000);
  EXPECT_EQ(got.user.id, w.clerk);
  EXPECT_EQ(got.user.region_id, user.region_id);
  EXPECT_EQ(got.user.org_id, w.unit);
  ASSERT_TRUE(got.package.has_value());
  Store::PackageContext alone = Must(s().GetPackageContext(p.id));
  EXPECT_EQ(got.package->row.id, p.id);
  EXPECT_EQ(got.package->row.summary.total, "92.50");
  EXPECT_EQ(got.package->row.head_version, 1);
  EXPECT_EQ(got.package->unit.id, w.unit);
  EXPECT_EQ(got.package->unit.parent_id, w.dept);
  EXPECT_EQ(got.package->unit.name, alone.unit.name);
  EXPECT_EQ(got.package->region_rulebook, "hunan-2024");
  EXPECT_EQ(got.package->deadline, "2025-03-31");
  EXPECT_EQ(got.package->head_sha256, kShaOfBraces);
  EXPECT_EQ(got.package->head_sha256, alone.head_sha256);

  // Another unit's package is read too (access is decided by the caller), with its own year.
  got = Must(s().FindSessionUserWithPackage("hash-a", kNow, other.id));
  ASSERT_TRUE(got.package.has_value());
  EXPECT_EQ(got.package->unit.id, w.unit3);
  EXPECT_EQ(got.package->deadline, "");

  // A save moves the head; the next read sees it.
  NewVersion next = V("abc", "88.00");
  ASSERT_EQ(Must(s().SaveVersion(p.id, 1, next, w.clerk, "save", kNow + 1)), 2);
  got = Must(s().FindSessionUserWithPackage("hash-a", kNow + 1, p.id));
  ASSERT_TRUE(got.package.has_value());
  EXPECT_EQ(got.package->row.head_version, 2);
  EXPECT_EQ(got.package->head_sha256, kShaOfAbc);

  got = Must(s().FindSessionUserWithPackage("hash-a", kNow, 999));
  EXPECT_EQ(got.user.id, w.clerk);
  EXPECT_FALSE(got.package.has_value());
  EXPECT_EQ(s().FindSessionUserWithPackage("hash-a", kNow + 1000, p.id).status().code(),
            Status::Code::kNotFound);
  EXPECT_EQ(s().FindSessionUserWithPackage("nothing", kNow, p.id).status().code(),
            Status::Code::kNotFound);
  ASSERT_TRUE(s().SetUserDisabled(w.clerk, true).ok());
  EXPECT_EQ(s().FindSessionUserWithPackage("hash-a", kNow, p.id).status().code(),
            Status::Code::kNotFound);
}

TEST_P(StoreTest, ApiTokens) {
  World w = Seed();
  ASSERT_TRUE(s().CreateApiToken(w.reviewer, "token-hash", "脚本", kNow).ok());
  EXPECT_EQ(Must(s().FindApiTokenUser("token-hash")), w.reviewer);
  EXPECT_EQ(s().FindApiTokenUser("other").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(s().CreateApiToken(w.clerk, "token-hash", "again", kNow).code(),
            Status::Code::kConflict);
}

TEST_P(StoreTest, LoginFailuresAreCounted) {
  for (int64_t at : {kNow, kNow + 10, kNow + 20}) {
    ASSERT_TRUE(s().RecordLoginFailure("login:clerk", at).ok());
  }
  ASSERT_TRUE(s().RecordLoginFailure("ip:10.0.0.1", kNow + 20).ok());
  EXPECT_EQ(Must(s().CountLoginFailures("login:clerk", kNow)), 3);
  EXPECT_EQ(Must(s().CountLoginFailures("login:clerk", kNow + 10)), 2);
  EXPECT_EQ(Must(s().CountLoginFailures("login:clerk", kNow + 21)), 0);
  EXPECT_EQ(Must(s().CountLoginFailures("ip:10.0.0.1", 0)), 1);
  ASSERT_TRUE(s().ClearLoginFailures("login:clerk").ok());
  EXPECT_EQ(Must(s().CountLoginFailures("login:clerk", 0)), 0);
  EXPECT_EQ(Must(s().CountLoginFailures("ip:10.0.0.1", 0)), 1);
  // A day later, the old failures are forgotten when a new one comes.
  ASSERT_TRUE(s().RecordLoginFailure("login:x", kNow + 25LL * 3600 * 1000).ok());
  EXPECT_EQ(Must(s().CountLoginFailures("ip:10.0.0.1", 0)), 0);
}

TEST_P(StoreTest, CreatePackageOncePerUnitAndYear) {
  World w = Seed();
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}", "92.50"), w.clerk, kNow));
  EXPECT_GT(p.id, 0);
  EXPECT_EQ(p.unit_id, w.unit);
  EXPECT_EQ(p.fiscal_year, 2024);
  EXPECT_EQ(p.status, PackageStatus::kDraft);
  EXPECT_EQ(p.head_version, 1);
  EXPECT_EQ(p.submitted_version, 0);
  EXPECT_EQ(p.summary.unit_name, "零陵区科协");
  EXPECT_EQ(p.summary.total, "92.50");
  EXPECT_EQ(p.summary.grade, "优");
  EXPECT_EQ(p.summary.execution_rate, "98.25");
  EXPECT_EQ(p.summary.findings, (std::array<int64_t, 4>{1, 2, 3, 4}));
  EXPECT_EQ(p.updated_ms, kNow);
  EXPECT_EQ(p.submitted_ms, 0);

  Result<PackageRow> dup = s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), Status::Code::kConflict);
  EXPECT_EQ(dup.status().message(),
            "unit " + std::to_string(w.unit) + " already has a package for 2024");
  EXPECT_TRUE(s().CreatePackage(w.unit, 2023, V("{}"), w.clerk, kNow).ok());
  EXPECT_EQ(s().CreatePackage(999, 2024, V("{}"), w.clerk, kNow).status().code(),
            Status::Code::kNotFound);
  EXPECT_EQ(s().CreatePackage(w.dept, 2024, V("{}"), w.clerk, kNow).status().code(),
            Status::Code::kInvalidArgument);

  EXPECT_EQ(Must(s().FindPackage(w.unit, 2024)).id, p.id);
  EXPECT_EQ(s().FindPackage(w.unit, 2022).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(s().GetPackage(999).status().code(), Status::Code::kNotFound);
  Version first = Must(s().GetVersion(p.id, 1));
  EXPECT_EQ(first.json, "{}");
  EXPECT_EQ(first.sha256, kShaOfBraces);
  EXPECT_EQ(first.author_name, "clerk 的名字");
  std::vector<Event> events = Must(s().ListEvents(p.id));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[0].from_status, "");
  EXPECT_EQ(events[0].to_status, "draft");
  EXPECT_EQ(events[0].version, 1);
  EXPECT_EQ(events[0].version_hash, kShaOfBraces);
}

TEST_P(StoreTest, SaveVersionMovesTheHeadOrConflicts) {
  World w = Seed();
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow));
  NewVersion second = V("abc", "88.00", "导入 x.docx");
  second.changes = R"([{"pointer":"/a","before":1,"after":2}])";
  EXPECT_EQ(Must(s().SaveVersion(p.id, 1, second, w.head, "import", kNow + 5)), 2);

  PackageRow after = Must(s().GetPackage(p.id));
  EXPECT_EQ(after.head_version, 2);
  EXPECT_EQ(after.summary.total, "88.00");
  EXPECT_EQ(after.updated_ms, kNow + 5);
  Version v2 = Must(s().GetVersion(p.id, 2));
  EXPECT_EQ(v2.json, "abc");
  EXPECT_EQ(v2.sha256, kShaOfAbc);
  EXPECT_EQ(v2.author_id, w.head);
  EXPECT_EQ(v2.changes, second.changes);
  EXPECT_EQ(v2.note, "导入 x.docx");
  EXPECT_EQ(v2.created_ms, kNow + 5);

  // A save from version 1 again is stale: nothing is written.
  Result<int64_t> stale = s().SaveVersion(p.id, 1, V("stale", "1"), w.clerk, "save", kNow + 9);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), Status::Code::kConflict);
  EXPECT_EQ(stale.status().message(),
            "the package has been saved as version 2 since version 1; reload it and make the "
            "change again");
  PackageRow unchanged = Must(s().GetPackage(p.id));
  EXPECT_EQ(unchanged.head_version, 2);
  EXPECT_EQ(unchanged.summary.total, "88.00");
  EXPECT_EQ(unchanged.updated_ms, kNow + 5);
  EXPECT_EQ(Must(s().ListVersions(p.id)).size(), 2u);
  EXPECT_EQ(Must(s().ListEvents(p.id)).size(), 2u);
  EXPECT_EQ(s().GetVersion(p.id, 3).status().code(), Status::Code::kNotFound);

  EXPECT_EQ(s().SaveVersion(999, 1, V("x"), w.clerk, "save", kNow).status().code(),
            Status::Code::kNotFound);
  EXPECT_EQ(Must(s().SaveVersion(p.id, 2, V("{}"), w.clerk, "restore", kNow + 10)), 3);
}

// A package-like text of `n` entries; entry `edited` reads `value`.
std::string Entries(int n, int edited = -1, const std::string& value = "") {
  std::string out = "{\"indicators\": [";
  for (int i = 0; i < n; ++i) {
    out += fmt::format("{}{{\"name\": \"指标 {}\", \"actual\": \"{}\"}}", i ? ", " : "", i,
                       i == edited ? value : "完成");
  }
  return out + "]}";
}

// Saved over a head whose text it is given, a version is kept as what changed; every version
// reads back exactly, across the whole version every 16th, and a delta that no longer makes
// its hash is refused as corrupt rather than answered.
TEST_P(StoreTest, VersionsAreKeptAsWhatChanged) {
  World w = Seed();
  std::vector<std::string> texts = {Entries(200)};
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V(texts[0]), w.clerk, kNow));
  for (int n = 2; n <= 40; ++n) {
    // One entry changed each time (the one before changed back); version 30 drops a quarter
    // of the entries and 31 brings them back: each is kept whole.
    std::string text = n == 30 ? Entries(150) : Entries(200, n, fmt::format("第 {} 次", n));
    NewVersion v = V(text);
    v.base_json = texts.back();
    v.base_sha256 = Sha256(texts.back());
    ASSERT_EQ(Must(s().SaveVersion(p.id, n - 1, v, w.clerk, "save", kNow + n)), n);
    texts.push_back(text);
  }
  for (int n = 1; n <= 40; ++n) {
    Version v = Must(s().GetVersion(p.id, n));
    EXPECT_EQ(v.json, texts[n - 1]) << "version " << n;
    EXPECT_EQ(v.sha256, Sha256(texts[n - 1])) << "version " << n;
  }
  Lease c = Must(s().database().Acquire());
  QueryResult whole = Must(
      c->Run("SELECT number FROM versions WHERE package_id = ? AND delta_base = 0 ORDER BY number",
             {p.id}));
  std::vector<int64_t> numbers;
  for (const Row& r : whole.rows) numbers.push_back(r.Int(0));
  EXPECT_EQ(numbers, (std::vector<int64_t>{1, 17, 30, 31, 33}));
  QueryResult sizes = Must(c->Run(
      "SELECT MAX(LENGTH(json)) FROM versions WHERE package_id = ? AND delta_base <> 0", {p.id}));
  EXPECT_LT(sizes.rows[0].Int(0), static_cast<int64_t>(texts[0].size() / 10));

  // A save given the wrong text for its base changes nothing.
  NewVersion wrong = V(Entries(200, 1, "改"));
  wrong.base_json = texts[0];
  wrong.base_sha256 = Sha256(texts[0]);
  Result<int64_t> refused = s().SaveVersion(p.id, 40, wrong, w.clerk, "save", kNow + 50);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(refused.status().message(), "the text given as version 40 is not the stored one");
  EXPECT_EQ(Must(s().GetPackage(p.id)).head_version, 40);
  EXPECT_EQ(Must(s().ListVersions(p.id)).size(), 40u);

  // A delta altered in the database: its version and the versions after it in the chain no
  // longer make their hashes.
  Must(c->Run("UPDATE versions SET json = ? WHERE package_id = ? AND number = 20",
              {std::string("X"), p.id}));
  Result<Version> broken = s().GetVersion(p.id, 22);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(broken.status().message(),
            fmt::format("version 22 of package {} cannot be rebuilt from its deltas: the text "
                        "does not match its SHA-256",
                        p.id));
  EXPECT_EQ(Must(s().GetVersion(p.id, 19)).json, texts[18]);
  EXPECT_EQ(Must(s().GetVersion(p.id, 33)).json, texts[32]);

  // The integrity check follows the chains: a delta must be against the version before it.
  EXPECT_TRUE(s().IntegrityCheck().ok());
  Must(c->Run("UPDATE versions SET delta_base = 10 WHERE package_id = ? AND number = 25", {p.id}));
  Status unchained = s().IntegrityCheck();
  EXPECT_EQ(unchained.code(), Status::Code::kCorruption);
  EXPECT_EQ(unchained.message(),
            fmt::format("version 25 of package {} is a delta against version 10, which is not "
                        "the one before it or is missing",
                        p.id));
}

TEST_P(StoreTest, ConcurrentSavesOnOneBaseLetExactlyOneWin) {
  World w = Seed();
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow));
  constexpr int kRounds = 8;
  constexpr int kWriters = 3;
  for (int round = 0; round < kRounds; ++round) {
    const int64_t base = round + 1;
    std::latch start(kWriters);
    std::atomic<int> won{0}, lost{0}, other{0};
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i) {
      writers.emplace_back([&, i] {
        const std::string json =
            "{\"round\":" + std::to_string(round) + ",\"writer\":" + std::to_string(i) + "}";
        start.arrive_and_wait();
        Result<int64_t> r = s().SaveVersion(p.id, base, V(json), w.clerk, "save", kNow + round);
        if (r.ok() && *r == base + 1) {
          ++won;
        } else if (!r.ok() && r.status().code() == Status::Code::kConflict) {
          ++lost;
        } else {
          ++other;
          ADD_FAILURE() << (r.ok() ? "saved as " + std::to_string(*r) : r.status().ToString());
        }
      });
    }
    for (std::thread& t : writers) t.join();
    EXPECT_EQ(won.load(), 1) << "round " << round;
    EXPECT_EQ(lost.load(), kWriters - 1) << "round " << round;
    EXPECT_EQ(other.load(), 0);
  }
  EXPECT_EQ(Must(s().GetPackage(p.id)).head_version, kRounds + 1);
  EXPECT_EQ(Must(s().ListVersions(p.id)).size(), static_cast<size_t>(kRounds + 1));
  EXPECT_EQ(Must(s().ListEvents(p.id)).size(), static_cast<size_t>(kRounds + 1));
  EXPECT_TRUE(s().IntegrityCheck().ok());
}

TEST_P(StoreTest, VersionsAreListedNewestFirstWithoutTheirJson) {
  World w = Seed();
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{\"v\":1}"), w.clerk, kNow));
  Must(s().SaveVersion(p.id, 1, V("{\"v\":2}", "", "第二版"), w.head, "save", kNow + 1));
  Must(s().SaveVersion(p.id, 2, V("{\"v\":3}", "", "恢复自第 1 版"), w.clerk, "restore", kNow + 2));
  std::vector<Version> list = Must(s().ListVersions(p.id));
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].number, 3);
  EXPECT_EQ(list[0].note, "恢复自第 1 版");
  EXPECT_EQ(list[0].author_name, "clerk 的名字");
  EXPECT_EQ(list[1].number, 2);
  EXPECT_EQ(list[1].author_name, "head 的名字");
  EXPECT_EQ(list[1].created_ms, kNow + 1);
  EXPECT_EQ(list[2].number, 1);
  for (const Version& v : list) {
    EXPECT_TRUE(v.json.empty());
    EXPECT_EQ(v.sha256.size(), 64u);
    EXPECT_EQ(v.package_id, p.id);
  }
  EXPECT_EQ(s().ListVersions(999).status().code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, TransitionsMoveOnlyFromTheExpectedStatus) {
  World w = Seed();
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow));
  Must(s().SaveVersion(p.id, 1, V("abc"), w.clerk, "save", kNow + 1));

  ASSERT_TRUE(s().Transition(p.id, PackageStatus::kDraft, PackageStatus::kSubmitted, 2, w.head,
                             "submit", "", kNow + 2)
                  .ok());
  PackageRow submitted = Must(s().GetPackage(p.id));
  EXPECT_EQ(submitted.status, PackageStatus::kSubmitted);
  EXPECT_EQ(submitted.submitted_version, 2);
  EXPECT_EQ(submitted.submitted_ms, kNow + 2);
  EXPECT_EQ(submitted.updated_ms, kNow + 2);

  // From a status the package is no longer in: nothing changes, no event.
  Status wrong = s().Transition(p.id, PackageStatus::kDraft, PackageStatus::kSubmitted, 2, w.head,
                                "submit", "", kNow + 3);
  EXPECT_EQ(wrong.code(), Status::Code::kConflict);
  EXPECT_EQ(wrong.message(), "the package is now submitted, not draft; reload it and try again");
  EXPECT_EQ(Must(s().ListEvents(p.id)).size(), 3u);
  EXPECT_EQ(s().Transition(999, PackageStatus::kDraft, PackageStatus::kSubmitted, 1, w.head,
                           "submit", "", kNow)
                .code(),
            Status::Code::kNotFound);

  // A save after the submission does not move the frozen version.
  Must(s().SaveVersion(p.id, 2, V("{\"later\":1}"), w.clerk, "save", kNow + 4));
  ASSERT_TRUE(s().Transition(p.id, PackageStatus::kSubmitted, PackageStatus::kForwarded, 0,
                             w.reviewer, "forward", "", kNow + 5)
                  .ok());
  EXPECT_EQ(Must(s().GetPackage(p.id)).submitted_version, 2);
  ASSERT_TRUE(s().Transition(p.id, PackageStatus::kForwarded, PackageStatus::kReturned, -1,
                             w.finance, "return", "请补充佐证材料", kNow + 6)
                  .ok());
  PackageRow returned = Must(s().GetPackage(p.id));
  EXPECT_EQ(returned.status, PackageStatus::kReturned);
  EXPECT_EQ(returned.submitted_version, 0);
  EXPECT_EQ(returned.submitted_ms, kNow + 2);

  // Freezing a version that does not exist is refused and rolls back.
  EXPECT_EQ(s().Transition(p.id, PackageStatus::kReturned, PackageStatus::kSubmitted, 9, w.head,
                           "submit", "", kNow + 7)
                .code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(Must(s().GetPackage(p.id)).status, PackageStatus::kReturned);

  std::vector<Event> events = Must(s().ListEvents(p.id));
  ASSERT_EQ(events.size(), 6u);
  const char* actions[] = {"create", "save", "submit", "save", "forward", "return"};
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].action, actions[i]) << i;
    EXPECT_EQ(events[i].package_id, p.id);
    if (i > 0) {
      EXPECT_GT(events[i].id, events[i - 1].id);
    }
  }
  EXPECT_EQ(events[2].from_status, "draft");
  EXPECT_EQ(events[2].to_status, "submitted");
  EXPECT_EQ(events[2].version, 2);
  EXPECT_EQ(events[2].version_hash, kShaOfAbc);
  EXPECT_EQ(events[2].user_name, "head 的名字");
  EXPECT_EQ(events[3].from_status, "submitted");
  EXPECT_EQ(events[3].to_status, "submitted");
  EXPECT_EQ(events[3].version, 3);
  EXPECT_EQ(events[4].version, 2);  // forwarding concerns the frozen version
  EXPECT_EQ(events[4].version_hash, kShaOfAbc);
  EXPECT_EQ(events[5].comment, "请补充佐证材料");
  EXPECT_EQ(events[5].to_status, "returned");
  EXPECT_EQ(events[5].version, 3);  // unfrozen: the head
  EXPECT_EQ(events[5].at_ms, kNow + 6);
}

TEST_P(StoreTest, AppendEventKeepsOrderAndFillsTheHash) {
  World w = Seed();
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow));
  Event e;
  e.package_id = p.id;
  e.at_ms = kNow + 1;
  e.user_id = w.clerk;
  e.action = "attach";
  e.from_status = e.to_status = "draft";
  e.version = 1;
  e.comment = "发票.pdf";
  ASSERT_TRUE(s().AppendEvent(e).ok());
  e.user_id = 0;  // the system
  e.action = "comment";
  e.version = 0;
  ASSERT_TRUE(s().AppendEvent(e).ok());
  std::vector<Event> events = Must(s().ListEvents(p.id));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].action, "attach");
  EXPECT_EQ(events[1].version_hash, kShaOfBraces);
  EXPECT_EQ(events[1].comment, "发票.pdf");
  EXPECT_EQ(events[2].user_id, 0);
  EXPECT_EQ(events[2].user_name, "");
  e.package_id = 999;
  EXPECT_EQ(s().AppendEvent(e).code(), Status::Code::kNotFound);
  EXPECT_EQ(s().ListEvents(999).status().code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, ListPackagesFilters) {
  World w = Seed();
  const int64_t a = Must(s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow)).id;
  const int64_t b = Must(s().CreatePackage(w.unit2, 2024, V("{}"), w.clerk, kNow)).id;
  const int64_t c = Must(s().CreatePackage(w.unit3, 2024, V("{}"), w.clerk, kNow)).id;
  const int64_t d = Must(s().CreatePackage(w.unit, 2023, V("{}"), w.clerk, kNow)).id;
  ASSERT_TRUE(s().Transition(b, PackageStatus::kDraft, PackageStatus::kSubmitted, 1, w.head,
                             "submit", "", kNow)
                  .ok());
  const int64_t other_region = Must(s().CreateRegion("冷水滩区", "hunan-2024"));
  const int64_t other_bureau = AddOrg(other_region, 0, OrgKind::kBureau, "冷水滩区财政局");
  const int64_t other_dept = AddOrg(other_region, other_bureau, OrgKind::kDepartment, "科协");
  const int64_t other_unit = AddOrg(other_region, other_dept, OrgKind::kUnit, "科协机关");
  const int64_t e = Must(s().CreatePackage(other_unit, 2024, V("{}"), w.clerk, kNow)).id;

  auto ids = [&](const PackageFilter& f) {
    std::vector<int64_t> out;
    for (const PackageRow& p : Must(s().ListPackages(f))) out.push_back(p.id);
    return out;
  };
  // The latest year first, then by the unit's name in code-point order: 区一中 (U+533A U+4E00)
  // < 区科协机关 (U+533A U+79D1 U+534F) < 区科技馆 (U+533A U+79D1 U+6280) < 科协机关 (U+79D1).
  PackageFilter f;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{c, a, b, e, d}));
  f = {};
  f.unit_id = w.unit;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{a, d}));
  f = {};
  f.department_id = w.dept;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{a, b, d}));
  f = {};
  f.region_id = w.region;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{c, a, b, d}));
  f.region_id = other_region;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{e}));
  f = {};
  f.fiscal_year = 2023;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{d}));
  f = {};
  f.status = PackageStatus::kSubmitted;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{b}));
  f = {};
  f.department_id = w.dept;
  f.fiscal_year = 2024;
  f.status = PackageStatus::kDraft;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{a}));
  f = {};
  f.unit_id = 999;
  EXPECT_TRUE(ids(f).empty());
}

// A comment on version 1 of `package_id`.
Comment NewComment(int64_t package_id, int64_t author_id, int64_t at_ms, std::string body,
                   int64_t reply_to = 0) {
  Comment c;
  c.package_id = package_id;
  c.version = 1;
  c.author_id = author_id;
  c.at_ms = at_ms;
  c.body = std::move(body);
  c.reply_to = reply_to;
  return c;
}

TEST_P(StoreTest, CommentsThreadAndResolve) {
  World w = Seed();
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow));
  Comment c;
  c.package_id = p.id;
  c.version = 1;
  c.author_id = w.reviewer;
  c.author_role = Role::kAdmin;  // ignored: the account's role is recorded
  c.at_ms = kNow + 1;
  c.target = "/evaluation/funds/executed";
  c.body = "执行数与决算不符";
  const int64_t first = Must(s().AddComment(c));
  Comment reply = NewComment(p.id, w.clerk, kNow + 2, "已改", first);
  const int64_t second = Must(s().AddComment(reply));
  EXPECT_GT(second, first);

  ASSERT_TRUE(s().ResolveComment(first, true).ok());
  std::vector<Comment> list = Must(s().ListComments(p.id));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, first);
  EXPECT_EQ(list[0].author_name, "reviewer 的名字");
  EXPECT_EQ(list[0].author_role, Role::kDeptReviewer);
  EXPECT_EQ(list[0].target, "/evaluation/funds/executed");
  EXPECT_EQ(list[0].body, "执行数与决算不符");
  EXPECT_EQ(list[0].reply_to, 0);
  EXPECT_TRUE(list[0].resolved);
  EXPECT_EQ(list[1].reply_to, first);
  EXPECT_EQ(list[1].author_role, Role::kClerk);
  EXPECT_FALSE(list[1].resolved);
  ASSERT_TRUE(s().ResolveComment(first, false).ok());
  EXPECT_FALSE(Must(s().ListComments(p.id))[0].resolved);

  EXPECT_EQ(s().ResolveComment(999, true).code(), Status::Code::kNotFound);
  PackageRow other = Must(s().CreatePackage(w.unit2, 2024, V("{}"), w.clerk, kNow));
  reply.package_id = other.id;
  EXPECT_EQ(s().AddComment(reply).status().code(), Status::Code::kInvalidArgument);
  reply.reply_to = 999;
  EXPECT_EQ(s().AddComment(reply).status().code(), Status::Code::kNotFound);
  reply.reply_to = 0;
  reply.author_id = 999;
  EXPECT_EQ(s().AddComment(reply).status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(Must(s().ListComments(other.id)).empty());
  EXPECT_EQ(s().ListComments(999).status().code(), Status::Code::kNotFound);
}

// Two servers on one database: what the first keeps of a package's comments, evidence and 整改
// items is read again after the second changes any of them (each change moves the package's
// annotations_stamp in its transaction), and not before (a row written behind the store's back,
// without moving the stamp, stays unseen until the stamp moves).
TEST_P(StoreTest, KeptAnnotationsAreReadAgainWhenAnyServerChangesThem) {
  World w = Seed();
  std::unique_ptr<Store> other = Must(Store::Open(url()));
  ASSERT_TRUE(s().CreateSession({"hash-a", w.clerk, "csrf-a", kNow, kNow + 1000}).ok());
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow));
  PackageRow last_year = Must(s().CreatePackage(w.unit, 2023, V("{}"), w.clerk, kNow));
  PackageRow elsewhere = Must(s().CreatePackage(w.unit3, 2024, V("{}"), w.clerk, kNow));
  ASSERT_TRUE(s().PutBlob(kShaOfAbc, "text/plain", "abc").ok());
  // What the first server shows on the page of `id`.
  const auto page = [&](int64_t id) {
    Store::SessionWithPackage got = Must(s().FindSessionUserWithPackage(
        "hash-a", kNow, id, /*annotations=*/true, /*rectifications=*/true));
    EXPECT_TRUE(got.annotations.has_value() && got.annotations->rectifications.has_value());
    return got.annotations.value_or(Store::Annotations{});
  };
  const auto sizes = [&](int64_t id) {
    Store::Annotations a = page(id);
    size_t notes = 0;
    for (const Rectification& r : a.rectifications.value_or(std::vector<Rectification>{}))
      notes += r.notes.size();
    return std::vector<size_t>{a.comments.size(), a.attachments.size(),
                               a.rectifications ? a.rectifications->size() : 99, notes};
  };
  using Sizes = std::vector<size_t>;
  EXPECT_EQ(sizes(p.id), (Sizes{0, 0, 0, 0}));
  EXPECT_EQ(sizes(last_year.id), (Sizes{0, 0, 0, 0}));
  EXPECT_EQ(sizes(elsewhere.id), (Sizes{0, 0, 0, 0}));
  // Without rectifications the annotations are kept apart (a check or a save asks so).
  Store::SessionWithPackage plain = Must(s().FindSessionUserWithPackage("hash-a", kNow, p.id,
                                                                        /*annotations=*/true));
  ASSERT_TRUE(plain.annotations.has_value());
  EXPECT_FALSE(plain.annotations->rectifications.has_value());

  // A comment, then its resolution.
  const int64_t comment = Must(other->AddComment(NewComment(p.id, w.reviewer, kNow + 1, "请说明")));
  EXPECT_EQ(sizes(p.id), (Sizes{1, 0, 0, 0}));
  EXPECT_FALSE(page(p.id).comments[0].resolved);
  ASSERT_TRUE(other->ResolveComment(comment, true).ok());
  EXPECT_TRUE(page(p.id).comments[0].resolved);
  plain = Must(s().FindSessionUserWithPackage("hash-a", kNow, p.id, /*annotations=*/true));
  ASSERT_EQ(plain.annotations->comments.size(), 1u);
  EXPECT_TRUE(plain.annotations->comments[0].resolved);

  // Evidence added and removed.
  Attachment a;
  a.package_id = p.id;
  a.target = "/indicators/0";
  a.name = "台账.txt";
  a.sha256 = kShaOfAbc;
  a.uploaded_by = w.clerk;
  a.at_ms = kNow + 2;
  const int64_t attachment = Must(other->AddAttachment(a));
  EXPECT_EQ(sizes(p.id), (Sizes{1, 1, 0, 0}));
  ASSERT_TRUE(other->RemoveAttachment(attachment).ok());
  EXPECT_EQ(sizes(p.id), (Sizes{1, 0, 0, 0}));

  // A 整改 item found in last year's package shows on every package of the unit, and so do its
  // notes; another unit's page does not change.
  Rectification r;
  r.package_id = last_year.id;
  r.source = "review";
  r.what = "补充满意度调查";
  r.why = "满意度指标无佐证";
  r.due_date = "2025-06-30";
  r.opened_by = w.finance;
  r.opened_ms = kNow + 3;
  const int64_t item = Must(other->OpenRectification(r));
  EXPECT_EQ(sizes(p.id), (Sizes{1, 0, 1, 0}));
  EXPECT_EQ(sizes(last_year.id), (Sizes{0, 0, 1, 0}));
  RectificationNote answer;
  answer.author_id = w.clerk;
  answer.kind = "answer";
  answer.body = "已补做问卷";
  ASSERT_TRUE(other->AddRectificationNote(item, answer, kNow + 4).ok());
  EXPECT_EQ(sizes(p.id), (Sizes{1, 0, 1, 1}));
  EXPECT_EQ(page(p.id).rectifications->at(0).status, RectificationStatus::kAnswered);
  EXPECT_EQ(sizes(last_year.id), (Sizes{0, 0, 1, 1}));
  EXPECT_EQ(sizes(elsewhere.id), (Sizes{0, 0, 0, 0}));

  // Kept, not read again: a comment inserted without moving the stamp is not seen until the
  // stamp moves.
  {
    Result<Lease> c = s().database().Acquire();
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Run("INSERT INTO comments (package_id, version, author_id, author_role, "
                          "at_ms, target, body, resolved) VALUES (?, 1, ?, 'clerk', ?, '', "
                          "'behind the store', 0)",
                          {p.id, w.clerk, kNow + 5})
                    .ok());
  }
  EXPECT_EQ(sizes(p.id), (Sizes{1, 0, 1, 1}));
  ASSERT_TRUE(other->ResolveComment(comment, false).ok());
  EXPECT_EQ(sizes(p.id), (Sizes{2, 0, 1, 1}));
}

TEST_P(StoreTest, BlobsKeepEveryByte) {
  std::string data;
  for (int i = 0; i < 256; ++i) data.push_back(static_cast<char>(i));
  data += std::string("\0\0%PDF\xff\xfe\x00\x80", 10);
  data += std::string(100000, '\0') + "\xff";
  const std::string sha = Sha256(data);
  ASSERT_TRUE(s().PutBlob(sha, "application/pdf", data).ok());
  EXPECT_EQ(Must(s().GetBlob(sha)), data);
  ASSERT_TRUE(s().PutBlob(sha, "application/pdf", data).ok());  // the same content again
  {
    Lease c = Must(s().database().Acquire());
    QueryResult r = Must(c->Run("SELECT COUNT(*), MAX(size) FROM blobs", {}));
    EXPECT_EQ(r.rows[0].Int(0), 1);
    EXPECT_EQ(r.rows[0].Int(1), static_cast<int64_t>(data.size()));
  }
  const std::string empty_sha = Sha256("");
  ASSERT_TRUE(s().PutBlob(empty_sha, "text/plain", "").ok());
  EXPECT_EQ(Must(s().GetBlob(empty_sha)), "");

  Status wrong = s().PutBlob(kShaOfAbc, "text/plain", "abd");
  EXPECT_EQ(wrong.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(wrong.message(), "the data's SHA-256 is " + Sha256("abd") + ", not " + kShaOfAbc);
  EXPECT_EQ(s().GetBlob(kShaOfAbc).status().code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, AttachmentsPointAtBlobs) {
  World w = Seed();
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow));
  ASSERT_TRUE(s().PutBlob(kShaOfAbc, "text/plain", "abc").ok());
  Attachment a;
  a.package_id = p.id;
  a.target = "/indicators/3";
  a.name = "会议纪要.txt";
  a.mime = "application/octet-stream";  // the blob's type wins
  a.sha256 = kShaOfAbc;
  a.uploaded_by = w.clerk;
  a.at_ms = kNow + 1;
  const int64_t id = Must(s().AddAttachment(a));
  const int64_t id2 = Must(s().AddAttachment(a));
  Attachment got = Must(s().GetAttachment(id));
  EXPECT_EQ(got.package_id, p.id);
  EXPECT_EQ(got.target, "/indicators/3");
  EXPECT_EQ(got.name, "会议纪要.txt");
  EXPECT_EQ(got.mime, "text/plain");
  EXPECT_EQ(got.size, 3);
  EXPECT_EQ(got.sha256, kShaOfAbc);
  EXPECT_EQ(got.uploaded_by, w.clerk);
  EXPECT_EQ(got.at_ms, kNow + 1);
  EXPECT_EQ(Must(s().ListAttachments(p.id)).size(), 2u);

  ASSERT_TRUE(s().RemoveAttachment(id).ok());
  EXPECT_EQ(s().RemoveAttachment(id).code(), Status::Code::kNotFound);
  EXPECT_EQ(s().GetAttachment(id).status().code(), Status::Code::kNotFound);
  std::vector<Attachment> left = Must(s().ListAttachments(p.id));
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, id2);
  EXPECT_EQ(Must(s().GetBlob(kShaOfAbc)), "abc");  // the blob stays

  // Read with the comments in one round trip: the same rows, each from its own columns.
  Comment c = NewComment(p.id, w.clerk, kNow + 3, "请补充佐证");
  c.target = "/report/sections/0/text";
  const int64_t comment = Must(s().AddComment(c));
  Must(s().AddComment(NewComment(p.id, w.clerk, kNow + 4, "已补充", comment)));
  Store::Annotations both = Must(s().ListAnnotations(p.id));
  ASSERT_EQ(both.comments.size(), 2u);
  EXPECT_EQ(both.comments[0].id, comment);
  EXPECT_EQ(both.comments[0].body, "请补充佐证");
  EXPECT_EQ(both.comments[0].target, "/report/sections/0/text");
  EXPECT_EQ(both.comments[0].author_role, Role::kClerk);
  EXPECT_EQ(both.comments[1].reply_to, comment);
  ASSERT_EQ(both.attachments.size(), 1u);
  EXPECT_EQ(both.attachments[0].id, id2);
  EXPECT_EQ(both.attachments[0].name, "会议纪要.txt");
  EXPECT_EQ(both.attachments[0].mime, "text/plain");
  EXPECT_EQ(both.attachments[0].size, 3);
  EXPECT_EQ(both.attachments[0].sha256, kShaOfAbc);
  EXPECT_EQ(both.attachments[0].at_ms, kNow + 1);
  // Read with the session in the same round trip: the same rows; none without the flag or
  // without the package.
  ASSERT_TRUE(s().CreateSession({"hash-a", w.clerk, "csrf-a", kNow, kNow + 1000}).ok());
  Store::SessionWithPackage with =
      Must(s().FindSessionUserWithPackage("hash-a", kNow, p.id, /*annotations=*/true));
  EXPECT_EQ(with.user.id, w.clerk);
  ASSERT_TRUE(with.package.has_value());
  ASSERT_TRUE(with.annotations.has_value());
  ASSERT_EQ(with.annotations->comments.size(), 2u);
  EXPECT_EQ(with.annotations->comments[1].body, "已补充");
  EXPECT_EQ(with.annotations->comments[1].reply_to, comment);
  ASSERT_EQ(with.annotations->attachments.size(), 1u);
  EXPECT_EQ(with.annotations->attachments[0].id, id2);
  EXPECT_EQ(with.annotations->attachments[0].sha256, kShaOfAbc);
  EXPECT_FALSE(Must(s().FindSessionUserWithPackage("hash-a", kNow, p.id)).annotations);
  with = Must(s().FindSessionUserWithPackage("hash-a", kNow, 999, /*annotations=*/true));
  EXPECT_FALSE(with.package.has_value());
  EXPECT_FALSE(with.annotations.has_value());
  EXPECT_EQ(s().FindSessionUserWithPackage("nothing", kNow, p.id, true).status().code(),
            Status::Code::kNotFound);
  Store::Annotations none = Must(s().ListAnnotations(999));
  EXPECT_TRUE(none.comments.empty());
  EXPECT_TRUE(none.attachments.empty());
  EXPECT_TRUE(Must(s().ListAttachments(999, /*package_found=*/true)).empty());
  EXPECT_EQ(s().ListAttachments(999).status().code(), Status::Code::kNotFound);

  a.sha256 = std::string(64, '0');
  EXPECT_EQ(s().AddAttachment(a).status().code(), Status::Code::kNotFound);
  a.sha256 = kShaOfAbc;
  a.package_id = 999;
  EXPECT_EQ(s().AddAttachment(a).status().code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, Deadlines) {
  World w = Seed();
  EXPECT_EQ(Must(s().GetDeadline(w.region, 2024)), "");
  ASSERT_TRUE(s().SetDeadline(w.region, 2024, "2025-03-31").ok());
  EXPECT_EQ(Must(s().GetDeadline(w.region, 2024)), "2025-03-31");
  ASSERT_TRUE(s().SetDeadline(w.region, 2024, "2025-04-15").ok());
  EXPECT_EQ(Must(s().GetDeadline(w.region, 2024)), "2025-04-15");
  EXPECT_EQ(Must(s().GetDeadline(w.region, 2023)), "");
  ASSERT_TRUE(s().SetDeadline(w.region, 2024, "2024-02-29").ok());  // a leap day
  for (const char* bad : {"2025-02-29", "2025-13-01", "2025-4-15", "2025/04/15", "tomorrow"}) {
    Status st = s().SetDeadline(w.region, 2024, bad);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument) << bad;
  }
  EXPECT_EQ(s().SetDeadline(w.region, 2024, "2025/04/15").message(),
            "the deadline '2025/04/15' is not a date as YYYY-MM-DD");
  EXPECT_EQ(Must(s().GetDeadline(w.region, 2024)), "2024-02-29");
  EXPECT_EQ(s().SetDeadline(999, 2024, "2025-03-31").code(), Status::Code::kNotFound);
  ASSERT_TRUE(s().SetDeadline(w.region, 2024, "").ok());
  EXPECT_EQ(Must(s().GetDeadline(w.region, 2024)), "");
}

TEST_P(StoreTest, IntegrityCheck) {
  World w = Seed();
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow));
  EXPECT_TRUE(s().IntegrityCheck().ok());
  // A head that points past the versions is caught.
  {
    Lease c = Must(s().database().Acquire());
    Must(c->Run("UPDATE packages SET head_version = 7 WHERE id = ?", {p.id}));
  }
  Status broken = s().IntegrityCheck();
  EXPECT_EQ(broken.code(), Status::Code::kCorruption);
  EXPECT_EQ(broken.message(),
            "package " + std::to_string(p.id) + " points at a missing version (head 7, frozen 0)");
}

// A database that cannot take writes (a read-only file, a read-only PostgreSQL database):
// reads go on, every write is kUnavailable, and nothing written before is lost.
TEST_P(StoreTest, AReadOnlyDatabaseRefusesWritesAndLosesNothing) {
  World w = Seed();
  PackageRow p = Must(s().CreatePackage(w.unit, 2024, V("{}"), w.clerk, kNow));
  Must(s().SaveVersion(p.id, 1, V("abc", "90.00"), w.clerk, "save", kNow + 1));
  store_.reset();

  std::string read_only_url = url();
  if (GetParam() == Engine::kSqlite) {
    read_only_url = "sqlite:file:" + SqlitePath() + "?mode=ro";
  } else {
    ASSERT_TRUE(
        Admin("ALTER DATABASE " + DatabaseName() + " SET default_transaction_read_only = on").ok());
  }
  {
    Result<std::unique_ptr<Store>> opened = Store::Open(read_only_url);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Store& ro = **opened;
    EXPECT_EQ(Must(ro.GetPackage(p.id)).head_version, 2);
    EXPECT_EQ(Must(ro.GetVersion(p.id, 2)).json, "abc");

    Result<int64_t> saved = ro.SaveVersion(p.id, 2, V("lost?"), w.clerk, "save", kNow + 2);
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(saved.status().code(), Status::Code::kUnavailable) << saved.status().ToString();
    EXPECT_NE(saved.status().message().find("the database cannot be written (read-only)"),
              std::string::npos)
        << saved.status().message();
    EXPECT_EQ(ro.Transition(p.id, PackageStatus::kDraft, PackageStatus::kSubmitted, 2, w.head,
                            "submit", "", kNow + 3)
                  .code(),
              Status::Code::kUnavailable);
    EXPECT_EQ(ro.CreateRegion("x", "y").status().code(), Status::Code::kUnavailable);
    EXPECT_EQ(ro.PutBlob(kShaOfAbc, "text/plain", "abc").code(), Status::Code::kUnavailable);
    EXPECT_EQ(ro.RecordLoginFailure("login:x", kNow).code(), Status::Code::kUnavailable);
  }
  if (GetParam() == Engine::kPostgres) {
    ASSERT_TRUE(
        Admin("ALTER DATABASE " + DatabaseName() + " RESET default_transaction_read_only").ok());
  }

  store_ = Must(Store::Open(url()));
  PackageRow after = Must(s().GetPackage(p.id));
  EXPECT_EQ(after.head_version, 2);
  EXPECT_EQ(after.status, PackageStatus::kDraft);
  EXPECT_EQ(after.summary.total, "90.00");
  EXPECT_EQ(Must(s().ListVersions(p.id)).size(), 2u);
  EXPECT_EQ(Must(s().ListEvents(p.id)).size(), 2u);
  EXPECT_TRUE(s().IntegrityCheck().ok());
  EXPECT_EQ(Must(s().SaveVersion(p.id, 2, V("{}"), w.clerk, "save", kNow + 4)), 3);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         EngineName);

// SQLite on a disk that fills up: the write that does not fit is kUnavailable and rolled back,
// and what was committed before stays readable and intact. Needs a small tmpfs (root).
TEST(SqliteStore, AFullDiskIsUnavailableAndLosesNothing) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("jixiao-store-full-" + testing::RandomHex(8));
  fs::create_directories(dir);
  if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=1024k") != 0) {
    fs::remove_all(dir);
    GTEST_SKIP() << "cannot mount a small tmpfs here (needs root)";
  }
  struct Unmount {
    fs::path dir;
    ~Unmount() {
      ::umount2(dir.c_str(), MNT_DETACH);
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } unmount{dir};

  std::unique_ptr<Store> store = Must(Store::Open("sqlite:" + (dir / "jixiao.db").string()));
  const int64_t region = Must(store->CreateRegion("零陵区", "hunan-2024"));
  Org bureau{0, region, 0, OrgKind::kBureau, "财政局", ""};
  bureau.id = Must(store->CreateOrg(bureau));
  Org dept{0, region, bureau.id, OrgKind::kDepartment, "科协", ""};
  dept.id = Must(store->CreateOrg(dept));
  Org unit{0, region, dept.id, OrgKind::kUnit, "科协机关", ""};
  unit.id = Must(store->CreateOrg(unit));
  User clerk;
  clerk.login = "clerk";
  clerk.name = "填报人";
  clerk.org_id = unit.id;
  clerk.password_hash = "x";
  clerk.id = Must(store->CreateUser(clerk));
  PackageRow p = Must(store->CreatePackage(unit.id, 2024, V("{}"), clerk.id, kNow));

  // Saves of 200 KiB each until the disk is full.
  int64_t head = 1;
  Status failure;
  for (int i = 0; i < 20 && failure.ok(); ++i) {
    std::string json = "\"" + std::string(200 * 1024, static_cast<char>('a' + i)) + "\"";
    Result<int64_t> saved = store->SaveVersion(p.id, head, V(json), clerk.id, "save", kNow + i);
    if (saved.ok()) {
      head = *saved;
    } else {
      failure = saved.status();
    }
  }
  ASSERT_FALSE(failure.ok()) << "the disk never filled";
  EXPECT_EQ(failure.code(), Status::Code::kUnavailable) << failure.ToString();
  EXPECT_NE(failure.message().find("the disk is full"), std::string::npos) << failure.message();

  PackageRow after = Must(store->GetPackage(p.id));
  EXPECT_EQ(after.head_version, head);
  EXPECT_EQ(Must(store->ListVersions(p.id)).size(), static_cast<size_t>(head));
  EXPECT_EQ(Must(store->GetVersion(p.id, head)).sha256, Must(store->ListVersions(p.id))[0].sha256);
  EXPECT_TRUE(store->IntegrityCheck().ok());
  store.reset();

  // Reopened, the committed versions are all there.
  std::unique_ptr<Store> again = Must(Store::Open("sqlite:" + (dir / "jixiao.db").string()));
  EXPECT_EQ(Must(again->GetPackage(p.id)).head_version, head);
}

}  // namespace
}  // namespace jixiao::store
