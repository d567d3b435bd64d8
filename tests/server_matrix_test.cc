// The role matrix: every endpoint of the server (server::Endpoints()) × every role × the
// package's own unit, another unit of the region and another region, each answered as
// designed (docs/server.md, "Who may do what"). The expectations are one table below; an
// endpoint without a row fails the test, so a new endpoint cannot be added without deciding
// who may call it. Requests that change something each run on a fresh copy of the database.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "server/auth.h"
#include "tests/cli_run.h"
#include "tests/server_fixture.h"
#include "tests/test_support.h"

namespace jixiao::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Public (not logged in), 填报人, 单位负责人, 主管部门审核, 财政局, 管理员.
enum Subject { kPublic, kClerk, kHead, kReviewer, kBureau, kAdmin, kSubjects };
const char* const kSubjectNames[kSubjects] = {"public",   "clerk",  "head",
                                              "reviewer", "bureau", "admin"};

struct Expect {
  const char* name;
  bool package_scoped;       // about one package: other units and other regions get 404
  int draft[kSubjects];      // on the unit's draft (科协 2024)
  int submitted[kSubjects];  // on a submitted package (科技馆 2024)
};

// The designed answers. 303: a page sends the visitor to /login.
const Expect kExpect[] = {
    // name                 scoped  draft: P    C    H    R    B    A     submitted: P C H R B A
    {"page.home", false, {303, 200, 200, 200, 200, 200}, {303, 200, 200, 200, 200, 200}},
    {"page.login", false, {200, 200, 200, 200, 200, 200}, {200, 200, 200, 200, 200, 200}},
    {"page.package", true, {303, 200, 200, 404, 404, 404}, {303, 200, 200, 200, 200, 404}},
    {"page.history", true, {303, 200, 200, 404, 404, 404}, {303, 200, 200, 200, 200, 404}},
    {"page.import", true, {303, 200, 200, 404, 404, 404}, {303, 200, 200, 200, 200, 404}},
    {"page.admin", false, {303, 404, 404, 404, 404, 200}, {303, 404, 404, 404, 404, 200}},
    {"page.public", false, {200, 200, 200, 200, 200, 200}, {200, 200, 200, 200, 200, 200}},
    {"page.public_year", false, {200, 200, 200, 200, 200, 200}, {200, 200, 200, 200, 200, 200}},
    {"page.public_package", true, {404, 404, 404, 404, 404, 404}, {404, 404, 404, 404, 404, 404}},
    {"public.document", true, {404, 404, 404, 404, 404, 404}, {404, 404, 404, 404, 404, 404}},
    {"public.data", false, {200, 200, 200, 200, 200, 200}, {200, 200, 200, 200, 200, 200}},
    {"page.sample", false, {303, 404, 404, 404, 200, 404}, {303, 404, 404, 404, 200, 404}},
    {"page.spot_check", true, {303, 404, 404, 404, 404, 404}, {303, 404, 404, 404, 409, 404}},
    {"sample.get", false, {401, 403, 403, 403, 404, 403}, {401, 403, 403, 403, 404, 403}},
    {"sample.create", false, {401, 403, 403, 403, 201, 403}, {401, 403, 403, 403, 201, 403}},
    {"spot_check.get", true, {401, 403, 403, 404, 404, 404}, {401, 403, 403, 403, 409, 404}},
    {"spot_check.put", true, {401, 403, 403, 404, 404, 404}, {401, 403, 403, 403, 409, 404}},
    {"spot_check.document", true, {401, 403, 403, 404, 404, 404}, {401, 403, 403, 403, 409, 404}},
    {"rectifications.list", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"rectifications.create", true, {401, 403, 403, 404, 404, 404}, {401, 403, 403, 201, 201, 404}},
    {"rectification.note", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 403, 403, 404}},
    {"page.compare_unit", true, {303, 200, 200, 404, 404, 404}, {303, 200, 200, 200, 200, 404}},
    {"compare.unit_chart", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"page.compare_year", false, {303, 404, 404, 200, 200, 404}, {303, 404, 404, 200, 200, 404}},
    {"compare.year_chart", false, {401, 403, 403, 200, 200, 403}, {401, 403, 403, 200, 200, 403}},
    {"page.dashboard", false, {303, 404, 404, 200, 200, 404}, {303, 404, 404, 200, 200, 404}},
    {"session.create", false, {401, 200, 200, 200, 200, 200}, {401, 200, 200, 200, 200, 200}},
    {"session.delete", false, {401, 200, 200, 200, 200, 200}, {401, 200, 200, 200, 200, 200}},
    {"me", false, {401, 200, 200, 200, 200, 200}, {401, 200, 200, 200, 200, 200}},
    {"tokens.create", false, {401, 201, 201, 201, 201, 201}, {401, 201, 201, 201, 201, 201}},
    {"packages.list", false, {401, 200, 200, 200, 200, 200}, {401, 200, 200, 200, 200, 200}},
    {"packages.create", true, {401, 201, 403, 403, 403, 403}, {401, 201, 403, 403, 403, 403}},
    {"package.get", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"package.patch", true, {401, 200, 403, 404, 404, 404}, {401, 409, 403, 403, 403, 404}},
    {"package.check", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"package.score", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"versions.list", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"version.get", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"version.restore", true, {401, 200, 403, 404, 404, 404}, {401, 409, 403, 403, 403, 404}},
    {"versions.diff", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"document.get", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"package.import", true, {401, 200, 403, 404, 404, 404}, {401, 409, 403, 403, 403, 404}},
    {"package.submit", true, {401, 403, 200, 404, 404, 404}, {401, 403, 409, 403, 403, 404}},
    {"package.return", true, {401, 403, 403, 404, 404, 404}, {401, 403, 403, 200, 200, 404}},
    {"package.forward", true, {401, 403, 403, 404, 404, 404}, {401, 403, 403, 200, 403, 404}},
    {"package.accept", true, {401, 403, 403, 404, 404, 404}, {401, 403, 403, 403, 409, 404}},
    {"package.publish", true, {401, 403, 403, 404, 404, 404}, {401, 403, 403, 403, 409, 404}},
    {"package.unpublish", true, {401, 403, 403, 404, 404, 404}, {401, 403, 403, 403, 409, 404}},
    {"events.list", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"comments.list", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"comments.create", true, {401, 201, 201, 404, 404, 404}, {401, 201, 201, 201, 201, 404}},
    {"comment.resolve", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"attachments.list", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"attachments.create", true, {401, 201, 403, 404, 404, 404}, {401, 409, 403, 403, 403, 404}},
    {"attachment.get", true, {401, 200, 200, 404, 404, 404}, {401, 200, 200, 200, 200, 404}},
    {"attachment.delete", true, {401, 200, 403, 404, 404, 404}, {401, 409, 403, 403, 403, 404}},
    {"deadline.get", false, {401, 200, 200, 200, 200, 200}, {401, 200, 200, 200, 200, 200}},
    {"deadline.put", false, {401, 403, 403, 403, 200, 200}, {401, 403, 403, 403, 200, 200}},
    {"dashboard.get", false, {401, 403, 403, 200, 200, 403}, {401, 403, 403, 200, 200, 403}},
    {"orgs.list", false, {401, 200, 200, 200, 200, 200}, {401, 200, 200, 200, 200, 200}},
    {"users.list", false, {401, 403, 403, 403, 403, 200}, {401, 403, 403, 403, 403, 200}},
    {"users.create", false, {401, 403, 403, 403, 403, 201}, {401, 403, 403, 403, 403, 201}},
};

const Expect* ExpectFor(const std::string& name) {
  for (const Expect& e : kExpect) {
    if (name == e.name) return &e;
  }
  return nullptr;
}

// One target package and the people around it.
struct Target {
  int64_t package = 0;
  int64_t unit = 0;
  int64_t comment = 0;
  int64_t attachment = 0;
  int64_t rectification = 0;
  bool submitted = false;
  std::string logins[kSubjects];  // own unit / department / region
};

// Everything the cells need from the template database.
struct World {
  Target draft, submitted;
  std::string other_unit[2];    // clerk, head of a third unit of the region
  std::string other_region[5];  // clerk, head, reviewer, bureau, admin of region B
  std::map<std::string, std::string> passwords;
  std::map<std::string, int64_t> orgs;  // login → its org
};

const char* const kPassword = "matrix-password-1";

class MatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("jx-matrix-" + RandomSuffix());
    fs::create_directories(dir_);
    const std::string url = "sqlite:" + (dir_ / "template.db").string();
    {
      TestServer server(url);
      ASSERT_TRUE(server.error().empty()) << server.error();
      store::Store& s = server.store();
      world_.draft.package = server.PackageId("科学技术协会", 2024);
      world_.submitted.package = server.PackageId("科技馆", 2024);
      world_.submitted.submitted = true;
      const char* roles[] = {"", "-clerk", "-head"};
      for (int i = 1; i <= 2; ++i) {
        world_.draft.logins[i] = std::string("kx") + roles[i];
        world_.submitted.logins[i] = std::string("unit2") + roles[i];
      }
      for (Target* t : {&world_.draft, &world_.submitted}) {
        t->logins[kReviewer] = "dept-reviewer";
        t->logins[kBureau] = "bureau";
        t->logins[kAdmin] = "admin";
        Result<store::PackageRow> row = s.GetPackage(t->package);
        ASSERT_TRUE(row.ok());
        t->unit = row->unit_id;
        store::Comment c;
        c.package_id = t->package;
        c.version = 1;
        c.author_id = s.FindUserByLogin(t->logins[kClerk])->id;
        c.at_ms = server.now();
        c.body = "请补充佐证材料。";
        t->comment = *s.AddComment(c);
        const std::string pdf = "%PDF-1.4\n%%EOF\n";
        ASSERT_TRUE(s.PutBlob(jixiao::Sha256Hex(pdf), "application/pdf", pdf).ok());
        store::Attachment a;
        a.package_id = t->package;
        a.name = "证明.pdf";
        a.mime = "application/pdf";
        a.size = static_cast<int64_t>(pdf.size());
        a.sha256 = jixiao::Sha256Hex(pdf);
        a.uploaded_by = c.author_id;
        a.at_ms = server.now();
        t->attachment = *s.AddAttachment(a);
        store::Rectification r;
        r.package_id = t->package;
        r.source = "review";
        r.what = "补充佐证材料";
        r.why = "定性指标满分无佐证";
        r.due_date = "2025-09-30";
        r.opened_by = s.FindUserByLogin("bureau")->id;
        r.opened_ms = server.now();
        t->rectification = *s.OpenRectification(r);
      }
      world_.other_unit[0] = "unit3-clerk";
      world_.other_unit[1] = "unit3-head";
      // Region B: its own bureau, 主管部门, unit and one account per role.
      const int64_t region = *s.CreateRegion("另一个区", "national");
      const int64_t bureau =
          *s.CreateOrg({0, region, 0, store::OrgKind::kBureau, "乙区财政局", ""});
      const int64_t dept =
          *s.CreateOrg({0, region, bureau, store::OrgKind::kDepartment, "乙区主管部门", ""});
      const int64_t unit = *s.CreateOrg({0, region, dept, store::OrgKind::kUnit, "乙区某单位", ""});
      const std::string hash = *server::HashPassword(kPassword);
      const std::pair<store::Role, int64_t> b_roles[] = {{store::Role::kClerk, unit},
                                                         {store::Role::kHead, unit},
                                                         {store::Role::kDeptReviewer, dept},
                                                         {store::Role::kBureau, bureau},
                                                         {store::Role::kAdmin, bureau}};
      for (int i = 0; i < 5; ++i) {
        store::User u;
        u.login = "b-" + std::string(store::RoleKey(b_roles[i].first));
        u.name = u.login;
        u.role = b_roles[i].first;
        u.org_id = b_roles[i].second;
        u.region_id = region;
        u.password_hash = hash;
        ASSERT_TRUE(s.CreateUser(u).ok());
        world_.other_region[i] = u.login;
        world_.passwords[u.login] = kPassword;
      }
      {
        // Region B's unit has a submitted 2024 package too (its bureau has something to sample).
        const store::PackageRow theirs = *s.GetPackage(world_.submitted.package);
        store::NewVersion first;
        first.json = s.GetVersion(theirs.id, 1)->json;
        first.summary = theirs.summary;
        const int64_t clerk = s.FindUserByLogin("b-clerk")->id;
        const store::PackageRow row = *s.CreatePackage(unit, 2024, first, clerk, server.now());
        ASSERT_TRUE(s.Transition(row.id, store::PackageStatus::kDraft,
                                 store::PackageStatus::kSubmitted, 1, clerk, "submit", "",
                                 server.now())
                        .ok());
      }
      for (const char* login : {"kx-clerk", "kx-head", "unit2-clerk", "unit2-head", "unit3-clerk",
                                "unit3-head", "dept-reviewer", "bureau", "admin"}) {
        world_.passwords[login] = server.password(login);
      }
      // A session per account, with a known token, so that cells need not log in.
      Result<std::vector<store::Org>> orgs = s.ListOrgs(region);
      for (const auto& [login, password] : world_.passwords) {
        Result<store::User> u = s.FindUserByLogin(login);
        ASSERT_TRUE(u.ok()) << login;
        world_.orgs[login] = u->org_id;
        ASSERT_TRUE(s.CreateSession({server::TokenHash("tok-" + login), u->id, "csrf-" + login,
                                     server.now(), server.now() + 100LL * 24 * 3600 * 1000})
                        .ok());
      }
      now_ = server.now();
    }
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // A copy of the template database for one cell.
  static std::string FreshCopy() {
    const fs::path cell = dir_ / ("cell-" + std::to_string(++cells_));
    fs::create_directories(cell);
    for (const char* suffix : {"", "-wal", "-shm"}) {
      const fs::path from = dir_ / (std::string("template.db") + suffix);
      if (fs::exists(from)) fs::copy_file(from, cell / (std::string("jixiao.db") + suffix));
    }
    return "sqlite:" + (cell / "jixiao.db").string();
  }

  static fs::path dir_;
  static World world_;
  static int cells_;
  static int64_t now_;
};

fs::path MatrixTest::dir_;
World MatrixTest::world_;
int MatrixTest::cells_ = 0;
int64_t MatrixTest::now_ = 0;

std::string PathFor(const server::Endpoint& e, const Target& t) {
  std::string p = e.path;
  auto put = [&](const std::string& key, const std::string& value) {
    const size_t at = p.find(key);
    if (at != std::string::npos) p.replace(at, key.size(), value);
  };
  put("{id}", std::to_string(t.package));
  put("{n}", "1");
  put("{cid}", std::to_string(t.comment));
  put("{aid}", std::to_string(t.attachment));
  put("{rid}", std::to_string(t.rectification));
  if (e.name == "compare.unit_chart" || e.name == "compare.year_chart") {
    put("{action}", e.name == "compare.unit_chart" ? "scores" : "totals");
    put("{fmt}", "svg");
  }
  put("{fmt}", "html");
  put("{year}", "2024");
  put("{region}", "1");
  put("{file}", "datapackage.json");
  if (e.name == "versions.diff") p += "?from=1&to=1";
  return p;
}

// Sends the request of endpoint `e` as `login` ("" for the public) on package `t`.
int Call(int port, const server::Endpoint& e, const Target& t, const std::string& login,
         const World& world) {
  const std::map<std::string, std::string>& passwords = world.passwords;
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(60, 0);
  httplib::Headers headers;
  if (!login.empty() && e.name != "session.create") {
    headers.emplace("Cookie", "jx_session=tok-" + login);
    headers.emplace("X-CSRF-Token", "csrf-" + login);
  }
  const std::string path = PathFor(e, t);
  json body = json::object();
  const std::string& n = e.name;
  if (n == "session.create") {
    auto it = passwords.find(login);
    body = {{"login", login.empty() ? "nobody" : login},
            {"password", it == passwords.end() ? "wrong-password" : it->second}};
  } else if (n == "tokens.create") {
    body = {{"name", "matrix"}};
  } else if (n == "packages.create") {
    body = {{"unit_id", t.unit}, {"fiscal_year", 2025}, {"from", "blank"}};
  } else if (n == "package.patch") {
    body = {{"base_version", 1},
            {"patch",
             json::array({{{"op", "replace"}, {"path", "/evaluation/grade"}, {"value", "优"}}})}};
  } else if (n == "package.check") {
    body = {{"patch", json::array()}};
  } else if (n == "version.restore") {
    body = {{"base_version", 1}};
  } else if (n == "package.return" || n == "package.accept" || n == "package.forward" ||
             n == "package.submit") {
    body = {{"comment", "请核对。"}};
  } else if (n == "comments.create") {
    body = {{"body", "已核对。"}};
  } else if (n == "sample.create") {
    body = {{"size", 1}, {"seed", 7}};
  } else if (n == "spot_check.put") {
    body = {{"scores", json::array()}};
  } else if (n == "rectifications.create") {
    body = {{"what", "更正全年执行数"}, {"why", "与决算不符"}, {"due_date", "2025-09-30"}};
  } else if (n == "rectification.note") {
    body = {{"kind", "answer"}, {"body", "已更正。"}};
  } else if (n == "deadline.put") {
    body = {{"date", "2025-07-31"}};
  } else if (n == "users.create") {
    // A 财政局 account at the caller's own org (an admin's is its region's 财政局).
    auto org = world.orgs.find(login);
    body = {{"login", "new-" + RandomSuffix()},
            {"name", "新人"},
            {"role", "bureau"},
            {"org_id", org == world.orgs.end() ? 1 : org->second}};
  }
  const std::string text = body.dump();
  httplib::Result r = [&] {
    if (n == "package.import" || n == "attachments.create") {
      const std::string content =
          n == "attachments.create" ? std::string("%PDF-1.4\n%%EOF\n")
                                    : ReadWhole(SourceDir() + "/examples/lingling-kexie-2024.json");
      httplib::MultipartFormDataItems items = {
          {"file", content, n == "attachments.create" ? "x.pdf" : "package.json", ""}};
      return client.Post(path.c_str(), headers, items);
    }
    if (e.method == "DELETE") return client.Delete(path.c_str(), headers);
    if (e.method == "POST") return client.Post(path.c_str(), headers, text, "application/json");
    if (e.method == "PUT") return client.Put(path.c_str(), headers, text, "application/json");
    if (e.method == "PATCH") return client.Patch(path.c_str(), headers, text, "application/json");
    return client.Get(path.c_str(), headers);
  }();
  return r ? r->status : -1;
}

TEST_F(MatrixTest, EveryEndpointHasItsDesignedAnswer) {
  // The table covers exactly the endpoints the server has.
  std::set<std::string> names;
  for (const server::Endpoint& e : server::Endpoints()) {
    names.insert(e.name);
    EXPECT_NE(ExpectFor(e.name), nullptr) << "no row in the role matrix for endpoint " << e.name;
  }
  for (const Expect& x : kExpect)
    EXPECT_TRUE(names.count(x.name)) << "a row for no endpoint: " << x.name;

  // GET requests change nothing: one server answers all of them.
  TestServer shared(FreshCopy(), now_, /*seed=*/false);
  ASSERT_TRUE(shared.error().empty()) << shared.error();
  int cells = 0;
  for (const server::Endpoint& e : server::Endpoints()) {
    const Expect* x = ExpectFor(e.name);
    if (x == nullptr) continue;
    for (const Target* t : {&world_.draft, &world_.submitted}) {
      const int* want = t->submitted ? x->submitted : x->draft;
      // (subject, login, expected) for the package's own people, another unit and another region.
      std::vector<std::tuple<std::string, std::string, int>> cases;
      for (int s = 0; s < kSubjects; ++s)
        cases.emplace_back(kSubjectNames[s], t->logins[s], want[s]);
      for (int i = 0; i < 2; ++i) {
        const int own = want[i == 0 ? kClerk : kHead];
        cases.emplace_back(std::string("other unit ") + kSubjectNames[i == 0 ? kClerk : kHead],
                           world_.other_unit[i], x->package_scoped ? 404 : own);
      }
      for (int i = 0; i < 5; ++i) {
        const int own = want[kClerk + i];
        cases.emplace_back(std::string("other region ") + kSubjectNames[kClerk + i],
                           world_.other_region[i], x->package_scoped ? 404 : own);
      }
      for (const auto& [subject, login, expected] : cases) {
        int got;
        if (e.method == "GET") {
          got = Call(shared.port(), e, *t, login, world_);
        } else {
          TestServer cell(FreshCopy(), now_, /*seed=*/false);
          ASSERT_TRUE(cell.error().empty()) << cell.error();
          got = Call(cell.port(), e, *t, login, world_);
        }
        ++cells;
        EXPECT_EQ(got, expected) << e.method << " " << e.path << " (" << e.name << ") as "
                                 << subject << " (" << (login.empty() ? "not logged in" : login)
                                 << ") on the " << (t->submitted ? "submitted" : "draft")
                                 << " package";
      }
    }
  }
  EXPECT_GT(cells, 800);
}

}  // namespace
}  // namespace jixiao::testing
