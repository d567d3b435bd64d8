// The server as its users meet it, over real HTTP, on SQLite and on PostgreSQL: logging in
// and the login throttle, reading and editing a package with optimistic concurrency, the live
// check, versions and restores, the workflow with comments, documents, import, evidence,
// starting from last year, deadlines, accounts, tokens, and every kind of bad request
// answered with a clear 4xx and nothing changed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "tests/server_fixture.h"
#include "tests/test_support.h"

namespace jixiao::testing {
namespace {

using nlohmann::json;

class ServerTest : public ::testing::TestWithParam<DbKind> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    JX_REQUIRE_DATABASE(*db_);
    server_ = std::make_unique<TestServer>(db_->url());
    ASSERT_TRUE(server_->error().empty()) << server_->error();
    kx_ = server_->PackageId("科学技术协会", 2024);
    ASSERT_GT(kx_, 0);
  }
  std::string P(const std::string& tail = "") {
    return "/api/v1/packages/" + std::to_string(kx_) + tail;
  }
  int64_t Version(const Session& s) {
    return server_->Send("GET", P(), "", &s).json()["summary"]["version"].get<int64_t>();
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<TestServer> server_;
  int64_t kx_ = 0;
};

TEST_P(ServerTest, LoginSetsAHardenedCookieAndWrongPasswordsAreThrottled) {
  Reply bad = server_->Json("POST", "/api/v1/session",
                            {{"login", "kx-clerk"}, {"password", "nope"}}, nullptr);
  EXPECT_EQ(bad.status, 401);
  EXPECT_NE(bad.body.find("账号或密码错误"), std::string::npos);
  Reply ok =
      server_->Json("POST", "/api/v1/session",
                    {{"login", "kx-clerk"}, {"password", server_->password("kx-clerk")}}, nullptr);
  ASSERT_EQ(ok.status, 200) << ok.body;
  std::string cookie;
  for (const auto& [k, v] : ok.headers) {
    if (k == "Set-Cookie") cookie = v;
  }
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // not behind TLS in the test
  // Five failures for one login, then even the right password waits.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        server_->Json("POST", "/api/v1/session", {{"login", "kx-head"}, {"password", "x"}}, nullptr)
            .status,
        401)
        << i;
  }
  Reply locked =
      server_->Json("POST", "/api/v1/session",
                    {{"login", "kx-head"}, {"password", server_->password("kx-head")}}, nullptr);
  EXPECT_EQ(locked.status, 429);
  server_->Advance(16LL * 60 * 1000);
  EXPECT_FALSE(server_->Login("kx-head").cookie.empty());
}

TEST_P(ServerTest, SessionsExpireAndLogoutEndsThem) {
  Session s = server_->Login("kx-clerk");
  ASSERT_FALSE(s.cookie.empty());
  EXPECT_EQ(server_->Send("GET", "/api/v1/me", "", &s).status, 200);
  server_->Advance(13LL * 3600 * 1000);
  EXPECT_EQ(server_->Send("GET", "/api/v1/me", "", &s).status, 401);
  Session t = server_->Login("kx-clerk");
  EXPECT_EQ(server_->Send("DELETE", "/api/v1/session", "", &t).status, 200);
  EXPECT_EQ(server_->Send("GET", "/api/v1/me", "", &t).status, 401);
}

TEST_P(ServerTest, EditingSavesVersionsAndAStaleSaveIsAConflictThatLosesNothing) {
  Session s = server_->Login("kx-clerk");
  Reply got = server_->Send("GET", P(), "", &s);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json()["package"]["evaluation"]["funds"]["executed"], "124.88");
  EXPECT_EQ(got.json()["summary"]["total"], "99.8");
  Reply saved = server_->Json(
      "PATCH", P(),
      {{"base_version", 1},
       {"patch",
        json::array(
            {{{"op", "replace"}, {"path", "/evaluation/funds/executed"}, {"value", "120.00"}}})}},
      &s);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 2);
  ASSERT_EQ(saved.json()["changes"].size(), 1u);
  EXPECT_EQ(saved.json()["changes"][0]["field"], "自评表 › 预算执行情况 › 全年执行数");
  EXPECT_EQ(saved.json()["changes"][0]["before"], "124.88");
  // The printed 执行率 no longer follows from the figures: the check says so on that cell.
  bool rate_finding = false;
  const json saved_body = saved.json();
  for (const json& f : saved_body["findings"]) {
    if (f["location"]["pointer"] == "/evaluation/funds/execution_rate") rate_finding = true;
  }
  EXPECT_TRUE(rate_finding) << saved.json()["findings"].dump();
  // Someone still on version 1 saves another field over it: 409, the conflict named.
  Reply stale = server_->Json(
      "PATCH", P(),
      {{"base_version", 1},
       {"patch",
        json::array(
            {{{"op", "replace"}, {"path", "/evaluation/funds/executed"}, {"value", "121.00"}}})}},
      &s);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["head_version"], 2);
  EXPECT_EQ(stale.json()["conflicts"], json::array({"/evaluation/funds/executed"}));
  EXPECT_EQ(Version(s), 2);
  EXPECT_EQ(server_->Send("GET", P(), "", &s).json()["package"]["evaluation"]["funds"]["executed"],
            "120.00");
  // Versions, a diff, a restore as a new version.
  Reply versions = server_->Send("GET", P("/versions"), "", &s);
  ASSERT_EQ(versions.status, 200);
  EXPECT_EQ(versions.json()["versions"].size(), 2u);
  Reply diff = server_->Send("GET", P("/diff?from=1&to=2"), "", &s);
  EXPECT_EQ(diff.json()["changes"][0]["after"], "120.00");
  Reply restored = server_->Json("POST", P("/versions/1/restore"), {{"base_version", 2}}, &s);
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(restored.json()["version"], 3);
  EXPECT_EQ(server_->Send("GET", P(), "", &s).json()["package"]["evaluation"]["funds"]["executed"],
            "124.88");
  // Every save is an event with the version's hash.
  Reply events = server_->Send("GET", P("/events"), "", &s);
  ASSERT_EQ(events.status, 200);
  const json list = events.json()["events"];
  ASSERT_GE(list.size(), 3u) << events.body;
  EXPECT_EQ(list.back()["action"], "restore");
  EXPECT_EQ(list.back()["version"], 3);
  EXPECT_EQ(list.back()["version_hash"].get<std::string>().size(), 64u);
}

TEST_P(ServerTest, TheLiveCheckJudgesAnUnsavedEditAndSavesNothing) {
  Session s = server_->Login("kx-clerk");
  Reply checked = server_->Json(
      "POST", P("/check"),
      {{"base_version", 1},
       {"patch",
        json::array(
            {{{"op", "replace"}, {"path", "/evaluation/funds/executed"}, {"value", "100.00"}}})}},
      &s);
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(checked.json()["summary"]["execution_rate"], "78.68");
  EXPECT_EQ(Version(s), 1);
  // An edit that makes the package invalid is a 422 naming the field.
  Reply invalid = server_->Json(
      "POST", P("/check"),
      {{"patch",
        json::array(
            {{{"op", "replace"}, {"path", "/evaluation/funds/executed"}, {"value", "十二"}}})}},
      &s);
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("/evaluation/funds/executed"), std::string::npos) << invalid.body;
  Reply missing = server_->Json(
      "POST", P("/check"),
      {{"patch",
        json::array({{{"op", "replace"}, {"path", "/evaluation/funds/executd"}, {"value", "1"}}})}},
      &s);
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(missing.body.find("第 1 个操作"), std::string::npos) << missing.body;
}

TEST_P(ServerTest, TheWorkflowMovesByRoleAndFreezesTheSubmittedVersion) {
  Session clerk = server_->Login("kx-clerk");
  Session head = server_->Login("kx-head");
  Session reviewer = server_->Login("dept-reviewer");
  Session bureau = server_->Login("bureau");
  Session other = server_->Login("unit2-clerk");
  // The reviewer does not see a draft; the clerk may not submit.
  EXPECT_EQ(server_->Send("GET", P(), "", &reviewer).status, 404);
  EXPECT_EQ(server_->Json("POST", P("/submit"), json::object(), &clerk).status, 403);
  Reply submitted = server_->Json("POST", P("/submit"), {{"version", 1}}, &head);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.json()["status"], "submitted");
  EXPECT_EQ(submitted.json()["submitted_version"], 1);
  // Frozen: the clerk's save is refused while submitted.
  Reply frozen = server_->Json(
      "PATCH", P(),
      {{"base_version", 1},
       {"patch",
        json::array({{{"op", "replace"}, {"path", "/evaluation/grade"}, {"value", "优"}}})}},
      &clerk);
  EXPECT_EQ(frozen.status, 409);
  EXPECT_NE(frozen.body.find("已提交"), std::string::npos);
  // Another unit's clerk: as if it did not exist, on every address.
  EXPECT_EQ(server_->Send("GET", P(), "", &other).status, 404);
  EXPECT_EQ(server_->Send("GET", P("/versions/1"), "", &other).status, 404);
  EXPECT_EQ(server_->Send("GET", "/packages/" + std::to_string(kx_), "", &other).status, 404);
  // The bureau cannot accept before the 主管部门 forwards; a return needs a comment.
  EXPECT_EQ(server_->Json("POST", P("/accept"), json::object(), &bureau).status, 409);
  EXPECT_EQ(server_->Json("POST", P("/return"), json::object(), &reviewer).status, 400);
  Reply returned = server_->Json(
      "POST", P("/return"), {{"comment", "执行率与决算数不一致，请核对后重新提交。"}}, &reviewer);
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json()["status"], "returned");
  // The clerk sees the comment and may edit again.
  Reply comments = server_->Send("GET", P("/comments"), "", &clerk);
  ASSERT_EQ(comments.status, 200);
  ASSERT_EQ(comments.json()["comments"].size(), 1u);
  EXPECT_EQ(comments.json()["comments"][0]["author_role"], "主管部门审核");
  Reply answer = server_->Json(
      "POST", P("/comments"),
      {{"body", "已核对并更正。"}, {"reply_to", comments.json()["comments"][0]["id"]}}, &clerk);
  EXPECT_EQ(answer.status, 201) << answer.body;
  Reply page = server_->Send("GET", "/packages/" + std::to_string(kx_), "", &clerk);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("执行率与决算数不一致"), std::string::npos);
  EXPECT_NE(page.body.find("已退回"), std::string::npos);
  // Resubmit, forward, accept; each step an event.
  ASSERT_EQ(server_->Json("POST", P("/submit"), json::object(), &head).status, 200);
  ASSERT_EQ(server_->Json("POST", P("/forward"), json::object(), &reviewer).status, 200);
  Reply accepted = server_->Json("POST", P("/accept"), {{"comment", "同意。"}}, &bureau);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["status"], "accepted");
  std::vector<std::string> actions;
  const json events = server_->Send("GET", P("/events"), "", &clerk).json()["events"];
  for (const json& e : events) {
    actions.push_back(e["action"]);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "submit", "return", "comment", "submit",
                                               "forward", "accept"}));
}

TEST_P(ServerTest, BadRequestsAreClear4xxAndChangeNothing) {
  Session s = server_->Login("kx-clerk");
  const json good_patch = {
      {"base_version", 1},
      {"patch",
       json::array({{{"op", "replace"}, {"path", "/evaluation/grade"}, {"value", "优"}}})}};
  // No CSRF token; a forged one.
  Session no_csrf{s.cookie, ""};
  EXPECT_EQ(server_->Json("PATCH", P(), good_patch, &no_csrf).status, 403);
  Session forged{s.cookie, "forged"};
  EXPECT_EQ(server_->Json("PATCH", P(), good_patch, &forged).status, 403);
  // Not JSON by its type; malformed; unknown field; wrong type.
  EXPECT_EQ(server_->Send("PATCH", P(), good_patch.dump(), &s, "text/plain").status, 415);
  Reply malformed = server_->Send("PATCH", P(), "{\"base_version\": 1,", &s);
  EXPECT_EQ(malformed.status, 400);
  EXPECT_NE(malformed.body.find("JSON"), std::string::npos);
  Reply unknown = server_->Json("PATCH", P(), {{"base_versoin", 1}, {"patch", json::array()}}, &s);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("base_versoin"), std::string::npos);
  EXPECT_EQ(
      server_->Json("PATCH", P(), {{"base_version", "1"}, {"patch", json::array()}}, &s).status,
      400);
  // Oversized.
  EXPECT_EQ(server_->Send("PATCH", P(), std::string(9u << 20, ' '), &s).status, 413);
  // A bad id, an unknown address.
  EXPECT_EQ(server_->Send("GET", "/api/v1/packages/007", "", &s).status, 404);
  EXPECT_EQ(server_->Send("GET", "/api/v1/nothing", "", &s).status, 404);
  // Not logged in.
  EXPECT_EQ(server_->Send("GET", P()).status, 401);
  EXPECT_EQ(server_->Send("GET", "/").status, 303);
  EXPECT_EQ(Version(s), 1);
}

TEST_P(ServerTest, PagesCarryTheSecurityHeadersAndNoInlineScript) {
  Session s = server_->Login("kx-clerk");
  for (const std::string& path :
       {std::string("/"), "/packages/" + std::to_string(kx_),
        "/packages/" + std::to_string(kx_) + "/history",
        "/packages/" + std::to_string(kx_) + "/import", std::string("/login")}) {
    Reply r = server_->Send("GET", path, "", &s);
    ASSERT_EQ(r.status, 200) << path;
    std::string csp;
    for (const auto& [k, v] : r.headers) {
      if (k == "Content-Security-Policy") csp = v;
    }
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    // Scripts only by src, or JSON data blocks.
    size_t pos = 0;
    while ((pos = r.body.find("<script", pos)) != std::string::npos) {
      const std::string tag = r.body.substr(pos, r.body.find('>', pos) - pos);
      EXPECT_TRUE(tag.find("src=\"/static/app.js?v=") != std::string::npos ||
                  tag.find("type=\"application/json\"") != std::string::npos)
          << path << ": " << tag;
      ++pos;
    }
    EXPECT_EQ(r.body.find(" style=\""), std::string::npos) << path;
  }
  Reply editor = server_->Send("GET", "/packages/" + std::to_string(kx_), "", &s);
  EXPECT_NE(editor.body.find("data-pointer=\"/evaluation/funds/executed\""), std::string::npos);
  EXPECT_NE(editor.body.find("id=\"initial-findings\""), std::string::npos);
}

// Answers are gzip when the client takes it — the editor page from its kept compressed pieces,
// other pages compressed per request, the assets compressed once — and never brotli (httplib's
// own brotli at quality 11 took ~200 ms a page); JSON stays as it is.
TEST_P(ServerTest, AnswersAreGzipWhenAskedForAndNeverBrotli) {
  Session s = server_->Login("kx-clerk");
  auto header = [](const Reply& r, const std::string& name) {
    std::vector<std::string> values;
    for (const auto& [k, v] : r.headers) {
      if (k == name) values.push_back(v);
    }
    return values;
  };
  auto get = [&](const std::string& path, const std::string& accept) {
    return server_->Send("GET", path, "", &s, "application/json", {{"Accept-Encoding", accept}});
  };
  const std::string browser = "gzip, deflate, br, zstd";
  for (const std::string& path :
       {"/packages/" + std::to_string(kx_), "/packages/" + std::to_string(kx_) + "/history",
        std::string("/")}) {
    Reply plain = get(path, "identity");
    Reply gz = get(path, browser);
    Reply br = get(path, "br");
    ASSERT_EQ(plain.status, 200) << path;
    ASSERT_EQ(gz.status, 200) << path;  // the client reads the gzip back (a bad one fails here)
    ASSERT_EQ(br.status, 200) << path;
    EXPECT_TRUE(header(plain, "Content-Encoding").empty()) << path;
    EXPECT_EQ(header(gz, "Content-Encoding"), std::vector<std::string>{"gzip"}) << path;
    EXPECT_TRUE(header(br, "Content-Encoding").empty()) << path;
    EXPECT_EQ(header(gz, "Vary"), std::vector<std::string>{"Accept-Encoding"}) << path;
    EXPECT_EQ(gz.body, plain.body) << path;
    EXPECT_EQ(br.body, plain.body) << path;
  }
  // The editor page of a version just saved (its pieces compressed anew) reads back too.
  Reply saved = server_->Json(
      "PATCH", P(""),
      {{"base_version", 1},
       {"patch",
        {{{"op", "replace"}, {"path", "/evaluation/funds/executed"}, {"value", "124.80"}}}}},
      &s);
  ASSERT_EQ(saved.status, 200) << saved.body;
  Reply after = get("/packages/" + std::to_string(kx_), browser);
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("124.80"), std::string::npos);
  EXPECT_EQ(after.body, get("/packages/" + std::to_string(kx_), "identity").body);
  // The assets: gzip when asked, cached for a day (one Cache-Control, not no-store beside it).
  for (const std::string asset : {"/static/app.js", "/static/app.css"}) {
    Reply gz = get(asset, browser);
    Reply plain = get(asset, "");
    ASSERT_EQ(gz.status, 200) << asset;
    EXPECT_EQ(header(gz, "Content-Encoding"), std::vector<std::string>{"gzip"}) << asset;
    EXPECT_TRUE(header(plain, "Content-Encoding").empty()) << asset;
    EXPECT_EQ(gz.body, plain.body) << asset;
    EXPECT_GT(plain.body.size(), 1000u) << asset;
    EXPECT_EQ(header(gz, "Cache-Control"), std::vector<std::string>{"public, max-age=86400"});
  }
  // JSON, and an error answered by the server for a path it does not have, stay as they are.
  Reply json_answer = get(P(""), browser);
  ASSERT_EQ(json_answer.status, 200);
  EXPECT_TRUE(header(json_answer, "Content-Encoding").empty());
  EXPECT_FALSE(nlohmann::json::parse(json_answer.body, nullptr, false).is_discarded());
  Reply missing = get("/no/such/place", browser);
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("no such address"), std::string::npos);
  Reply not_found = get("/api/v1/packages/999999", browser);
  EXPECT_EQ(not_found.status, 404);
  EXPECT_NE(not_found.body.find("no such package"), std::string::npos);
}

TEST_P(ServerTest, DocumentsOfAnyVersion) {
  Session s = server_->Login("kx-clerk");
  Reply html = server_->Send("GET", P("/documents/html"), "", &s);
  ASSERT_EQ(html.status, 200) << html.body.substr(0, 300);
  EXPECT_NE(html.body.find("124.88"), std::string::npos);
  Reply docx = server_->Send("GET", P("/documents/docx?version=1"), "", &s);
  ASSERT_EQ(docx.status, 200);
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  Reply xlsx = server_->Send("GET", P("/documents/xlsx"), "", &s);
  ASSERT_EQ(xlsx.status, 200);
  // The PDF is drawn by the native writer: no office suite behind the server.
  Reply pdf = server_->Send("GET", P("/documents/pdf"), "", &s);
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.body.rfind("%PDF-1.5", 0), 0u);
  EXPECT_NE(pdf.body.find("/Creator (jixiao)"), std::string::npos);
  EXPECT_EQ(server_->Send("GET", P("/documents/exe"), "", &s).status, 404);
  EXPECT_EQ(server_->Send("GET", P("/documents/html?version=9"), "", &s).status, 404);
}

TEST_P(ServerTest, ImportShowsWhatWasRecognisedBeforeItBecomesAVersion) {
  Session s = server_->Login("kx-clerk");
  Reply docx = server_->Send("GET", P("/documents/docx"), "", &s);
  ASSERT_EQ(docx.status, 200);
  httplib::Client client("127.0.0.1", server_->port());
  client.set_read_timeout(60, 0);
  httplib::Headers headers = {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
  httplib::MultipartFormDataItems preview_items = {
      {"file", docx.body, "kexie-2024.docx", "application/octet-stream"}};
  auto preview = client.Post(P("/import").c_str(), headers, preview_items);
  ASSERT_TRUE(preview);
  ASSERT_EQ(preview->status, 200) << preview->body;
  const json p = json::parse(preview->body);
  EXPECT_EQ(p["format"], "docx");
  EXPECT_EQ(p["recognised"]["fiscal_year"], 2024);
  EXPECT_GT(p["recognised"]["indicators"].get<int>(), 0);
  EXPECT_EQ(Version(s), 1);  // a preview saves nothing
  httplib::MultipartFormDataItems commit_items = {
      {"file", docx.body, "kexie-2024.docx", "application/octet-stream"},
      {"commit", "1", "", ""},
      {"base_version", "1", "", ""}};
  auto committed = client.Post(P("/import").c_str(), headers, commit_items);
  ASSERT_TRUE(committed);
  EXPECT_EQ(committed->status, 200) << committed->body;
  EXPECT_EQ(Version(s), 2);
  // Not a document at all.
  httplib::MultipartFormDataItems junk = {
      {"file", std::string("\x01\x02garbage", 9), "x.docx", ""}};
  auto refused = client.Post(P("/import").c_str(), headers, junk);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
}

TEST_P(ServerTest, EvidenceIsSniffedStoredOnceAndServedAsADownload) {
  Session s = server_->Login("kx-clerk");
  httplib::Client client("127.0.0.1", server_->port());
  httplib::Headers headers = {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
  // A qualitative indicator at full marks without evidence: P910 on its score.
  const std::string qualitative = "/evaluation/indicators/0/children/1/children/0";
  auto p910_on = [&](const std::string& pointer) {
    const json body = server_->Json("POST", P("/check"), {{"patch", json::array()}}, &s).json();
    for (const json& f : body["findings"]) {
      if (f["code"] == "P910" && f["location"]["pointer"] == pointer + "/score") return true;
    }
    return false;
  };
  EXPECT_TRUE(p910_on(qualitative));
  const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  httplib::MultipartFormDataItems items = {{"file", pdf, "活动照片.pdf", "application/pdf"},
                                           {"target", qualitative, "", ""}};
  auto up = client.Post(P("/attachments").c_str(), headers, items);
  ASSERT_TRUE(up);
  ASSERT_EQ(up->status, 201) << up->body;
  const int64_t aid = json::parse(up->body)["id"];
  // The package lists it (a new version), and the indicator is no longer without evidence.
  EXPECT_EQ(json::parse(up->body)["version"], 2);
  const json listed = server_->Send("GET", P(), "", &s).json()["package"]["evidence"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["target"], qualitative);
  EXPECT_EQ(listed[0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_FALSE(p910_on(qualitative));
  // The documents carry the 佐证材料清单: the file and the indicator it supports, in words.
  Reply page = server_->Send("GET", P("/documents/html"), "", &s);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("佐证材料清单"), std::string::npos);
  EXPECT_NE(page.body.find("活动照片.pdf"), std::string::npos);
  Reply docx = server_->Send("GET", P("/documents/docx"), "", &s);
  ASSERT_EQ(docx.status, 200);
  if (testing::Shell("/usr/bin/python3 -c 'import docx' >/dev/null 2>&1") == 0) {
    // Read by python-docx: the last table is the list, one row after its heading row.
    const std::string dir = ::testing::TempDir();
    const std::string file = dir + "/evidence-" + std::to_string(::getpid()) + ".docx";
    std::ofstream(file, std::ios::binary) << docx.body;
    bool ok = false;
    const std::string out = testing::Capture(
        "/usr/bin/python3 -c 'import docx, json, sys; t = docx.Document(sys.argv[1]).tables[-1]; "
        "print(json.dumps([[c.text for c in r.cells] for r in t.rows], ensure_ascii=False))' '" +
            file + "'",
        &ok);
    std::remove(file.c_str());
    ASSERT_TRUE(ok) << out;
    const json rows = json::parse(out);
    ASSERT_EQ(rows.size(), 2u) << out;
    EXPECT_EQ(rows[0][1], "材料名称");
    EXPECT_EQ(rows[1][0], "1");
    EXPECT_EQ(rows[1][1], "活动照片.pdf");
    EXPECT_EQ(rows[1][2].get<std::string>().rfind("绩效指标 › ", 0), 0u) << rows[1][2];
    EXPECT_EQ(rows[1][3], "PDF");
  }
  Reply got = server_->Send("GET", P("/attachments/" + std::to_string(aid)), "", &s);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, pdf);
  bool attachment = false;
  for (const auto& [k, v] : got.headers) {
    if (k == "Content-Disposition" && v.rfind("attachment", 0) == 0) attachment = true;
  }
  EXPECT_TRUE(attachment);
  // HTML named .pdf is refused by its content.
  httplib::MultipartFormDataItems html = {
      {"file", "<html><script>alert(1)</script>", "x.pdf", "application/pdf"}};
  auto refused = client.Post(P("/attachments").c_str(), headers, html);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 415);
  // Another unit cannot fetch it.
  Session other = server_->Login("unit2-clerk");
  EXPECT_EQ(server_->Send("GET", P("/attachments/" + std::to_string(aid)), "", &other).status, 404);
}

TEST_P(ServerTest, ANewYearStartsFromLastYearsPackage) {
  Session s = server_->Login("unit3-clerk");
  Reply created =
      server_->Json("POST", "/api/v1/packages", {{"fiscal_year", 2024}, {"from", "last_year"}}, &s);
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json()["id"];
  Reply got = server_->Send("GET", "/api/v1/packages/" + std::to_string(id), "", &s);
  const json p = got.json()["package"];
  EXPECT_EQ(p["fiscal_year"], 2024);
  EXPECT_TRUE(p["evaluation"]["funds"]["executed"].is_null());
  // The structure and targets are kept, the actuals emptied.
  const json& leaf = p["evaluation"]["indicators"][0]["children"][0]["children"][0];
  EXPECT_EQ(leaf["target"], "≧8次");
  EXPECT_EQ(leaf["actual"], "");
  // Last year's 决算 became this year's prior-year column.
  EXPECT_EQ(p["basic_data"]["expenses"][0]["children"][0]["values"]["prior_final"], "4.13");
  EXPECT_EQ(server_->Json("POST", "/api/v1/packages", {{"fiscal_year", 2024}}, &s).status, 409);
  EXPECT_EQ(server_->Json("POST", "/api/v1/packages", {{"fiscal_year", 2030}}, &s).status, 404);
}

TEST_P(ServerTest, DeadlinesAccountsAndTokens) {
  Session bureau = server_->Login("bureau");
  Session clerk = server_->Login("kx-clerk");
  EXPECT_EQ(
      server_->Json("PUT", "/api/v1/years/2025/deadline", {{"date", "2026-06-30"}}, &clerk).status,
      403);
  Reply set =
      server_->Json("PUT", "/api/v1/years/2025/deadline", {{"date", "2026-06-30"}}, &bureau);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(server_->Send("GET", "/api/v1/years/2025/deadline", "", &clerk).json()["deadline"],
            "2026-06-30");
  EXPECT_EQ(
      server_->Json("PUT", "/api/v1/years/2025/deadline", {{"date", "2026-02-30"}}, &bureau).status,
      400);
  Session admin = server_->Login("admin");
  Reply orgs = server_->Send("GET", "/api/v1/orgs", "", &admin);
  int64_t unit = 0;
  const json org_list = orgs.json()["orgs"];
  for (const json& o : org_list) {
    if (o["kind"] == "unit") unit = o["id"];
  }
  Reply user = server_->Json(
      "POST", "/api/v1/users",
      {{"login", "new-clerk"}, {"name", "新填报人"}, {"role", "clerk"}, {"org_id", unit}}, &admin);
  ASSERT_EQ(user.status, 201) << user.body;
  EXPECT_GE(user.json()["password"].get<std::string>().size(), 16u);
  EXPECT_EQ(server_
                ->Json("POST", "/api/v1/users",
                       {{"login", "new-clerk"}, {"name", "x"}, {"role", "clerk"}, {"org_id", unit}},
                       &admin)
                .status,
            409);
  EXPECT_EQ(server_->Send("GET", "/api/v1/users", "", &clerk).status, 403);
  // A personal access token works without a cookie or CSRF token.
  Reply token = server_->Json("POST", "/api/v1/tokens", {{"name", "脚本"}}, &clerk);
  ASSERT_EQ(token.status, 201);
  Reply me =
      server_->Send("GET", "/api/v1/me", "", nullptr, "application/json",
                    {{"Authorization", "Bearer " + token.json()["token"].get<std::string>()}});
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["user"]["login"], "kx-clerk");
  Reply wrong = server_->Send("GET", "/api/v1/me", "", nullptr, "application/json",
                              {{"Authorization", "Bearer nope"}});
  EXPECT_EQ(wrong.status, 401);
}

INSTANTIATE_TEST_SUITE_P(Engines, ServerTest, ::testing::Values(DbKind::kSqlite, DbKind::kPostgres),
                         DbKindName);

}  // namespace
}  // namespace jixiao::testing
