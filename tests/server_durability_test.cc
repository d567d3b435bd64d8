// Durability of the real `jixiao serve` process, on SQLite and on PostgreSQL: it is killed with
// SIGKILL in the middle of a burst of saves and comments; after a restart every save and comment
// the server acknowledged is there, with its content, and the database passes its integrity
// check. And a database that cannot be written answers 503 with a clear message and loses
// nothing. And a second server asked for a port in use refuses to start.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>

#include "tests/cli_run.h"
#include "tests/server_fixture.h"

namespace jixiao::testing {
namespace {

using nlohmann::json;

// A `jixiao serve` child process, its demo passwords read from its standard output.
class ServeProcess {
 public:
  ServeProcess(const std::string& url, const std::filesystem::path& dir) {
    port_ = FreePort();
    const std::string out = (dir / ("serve-" + std::to_string(port_) + ".out")).string();
    std::string cmd = fmt(JIXIAO_BINARY) + " serve --db " + fmt(url) +
                      " --listen 127.0.0.1:" + std::to_string(port_) + " >" + fmt(out) + " 2>&1";
    pid_ = fork();
    if (pid_ == 0) {
      setpgid(0, 0);
      execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // Ready when /healthz answers.
    for (int i = 0; i < 600; ++i) {
      httplib::Client c("127.0.0.1", port_);
      c.set_connection_timeout(0, 200000);
      auto r = c.Get("/healthz");
      if (r && r->status == 200) {
        ready_ = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    output_ = ReadWhole(out);
    std::istringstream in(output_);
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("  ", 0) != 0) continue;
      std::istringstream words(line);
      std::string login, password;
      words >> login >> password;
      passwords_[login] = password;
    }
  }
  ~ServeProcess() { Kill(SIGTERM); }
  void Kill(int signal) {
    if (pid_ <= 0) return;
    kill(-pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  bool ready() const { return ready_; }
  int port() const { return port_; }
  const std::string& output() const { return output_; }
  std::map<std::string, std::string>& passwords() { return passwords_; }
  const std::string& last_login() const { return last_login_; }

  Session Login(const std::string& login, const std::string& password) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    auto r = c.Post("/api/v1/session", json({{"login", login}, {"password", password}}).dump(),
                    "application/json");
    Session s;
    last_login_ = r ? std::to_string(r->status) + " " + r->body : httplib::to_string(r.error());
    if (!r || r->status != 200) return s;
    const std::string cookie = r->get_header_value("Set-Cookie");
    s.cookie = cookie.substr(0, cookie.find(';'));
    s.csrf = json::parse(r->body).value("csrf", "");
    return s;
  }

 private:
  static std::string fmt(const std::string& s) { return "'" + s + "'"; }
  // A port nothing listens on: bound by the kernel's choice, then closed for the child to take.
  // (Not through httplib::Server, whose destructor leaves the socket listening: connections
  // would then be shared between it and the child.)
  static int FreePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    int port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port = ntohs(addr.sin_port);
    }
    close(fd);
    return port;
  }
  pid_t pid_ = -1;
  int port_ = 0;
  bool ready_ = false;
  std::string output_;
  std::string last_login_;
  std::map<std::string, std::string> passwords_;
};

httplib::Headers Auth(const Session& s) { return {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}; }

class DurabilityTest : public ::testing::TestWithParam<DbKind> {};

TEST_P(DurabilityTest, EveryAcknowledgedWriteSurvivesSigkill) {
  TestDatabase db(GetParam());
  JX_REQUIRE_DATABASE(db);
  TempFolder scratch;
  std::map<std::string, std::string> passwords;
  int64_t package = 0;
  struct Ack {
    int64_t version;
    std::string value;
  };
  std::vector<Ack> saves;
  std::vector<std::pair<int64_t, std::string>> comments;
  std::mutex mu;
  {
    ServeProcess server(db.url(), scratch.path());
    ASSERT_TRUE(server.ready()) << server.output();
    passwords = server.passwords();
    Session s = server.Login("kx-clerk", passwords["kx-clerk"]);
    ASSERT_FALSE(s.cookie.empty()) << server.last_login() << "\n" << server.output();
    httplib::Client c("127.0.0.1", server.port());
    c.set_read_timeout(60, 0);
    auto list = c.Get("/api/v1/packages", Auth(s));
    ASSERT_TRUE(list && list->status == 200)
        << (list ? std::to_string(list->status) + " " + list->body
                 : httplib::to_string(list.error()));
    const json packages = json::parse(list->body)["packages"];
    for (const json& p : packages) {
      if (p["fiscal_year"] == 2024) package = p["id"];
    }
    ASSERT_GT(package, 0);
    const std::string base = "/api/v1/packages/" + std::to_string(package);
    std::atomic<bool> stop{false};
    // One writer saves a figure again and again, each on the version it was told of.
    std::thread saver([&] {
      httplib::Client w("127.0.0.1", server.port());
      w.set_read_timeout(10, 0);
      int64_t version = 1;
      for (int i = 0; !stop; ++i) {
        const std::string value = std::to_string(100 + i) + ".00";
        json body = {
            {"base_version", version},
            {"patch",
             json::array(
                 {{{"op", "replace"}, {"path", "/evaluation/funds/executed"}, {"value", value}}})}};
        auto r = w.Patch(base.c_str(), Auth(s), body.dump(), "application/json");
        if (!r) break;  // the server is gone
        if (r->status != 200) continue;
        version = json::parse(r->body)["version"];
        std::lock_guard<std::mutex> lock(mu);
        saves.push_back({version, value});
      }
    });
    // Two more write comments.
    std::vector<std::thread> commenters;
    for (int t = 0; t < 2; ++t) {
      commenters.emplace_back([&, t] {
        httplib::Client w("127.0.0.1", server.port());
        w.set_read_timeout(10, 0);
        for (int i = 0; !stop; ++i) {
          const std::string text = "意见 " + std::to_string(t) + "-" + std::to_string(i);
          auto r = w.Post((base + "/comments").c_str(), Auth(s), json({{"body", text}}).dump(),
                          "application/json");
          if (!r) break;
          if (r->status != 201) continue;
          std::lock_guard<std::mutex> lock(mu);
          comments.emplace_back(json::parse(r->body)["id"].get<int64_t>(), text);
        }
      });
    }
    // Let the burst run, then kill the server without warning.
    for (int i = 0; i < 100; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      std::lock_guard<std::mutex> lock(mu);
      if (saves.size() >= 20 && comments.size() >= 20) break;
    }
    server.Kill(SIGKILL);
    stop = true;
    saver.join();
    for (std::thread& t : commenters) t.join();
  }
  ASSERT_FALSE(saves.empty());
  ASSERT_FALSE(comments.empty());
  // Restart on the same database: nothing acknowledged is missing.
  ServeProcess again(db.url(), scratch.path());
  ASSERT_TRUE(again.ready()) << again.output();
  EXPECT_TRUE(again.passwords().empty()) << "the demo was seeded twice";
  Session s = again.Login("kx-clerk", passwords["kx-clerk"]);
  ASSERT_FALSE(s.cookie.empty());
  httplib::Client c("127.0.0.1", again.port());
  c.set_read_timeout(60, 0);
  const std::string base = "/api/v1/packages/" + std::to_string(package);
  for (const Ack& a : saves) {
    auto r = c.Get((base + "/versions/" + std::to_string(a.version)).c_str(), Auth(s));
    ASSERT_TRUE(r && r->status == 200)
        << "version " << a.version << " was acknowledged and is lost";
    EXPECT_EQ(json::parse(r->body)["package"]["evaluation"]["funds"]["executed"], a.value);
  }
  auto listed = c.Get((base + "/comments").c_str(), Auth(s));
  ASSERT_TRUE(listed && listed->status == 200);
  std::map<int64_t, std::string> stored;
  const json listed_comments = json::parse(listed->body)["comments"];
  for (const json& cm : listed_comments) stored[cm["id"]] = cm["body"];
  for (const auto& [id, text] : comments)
    EXPECT_EQ(stored[id], text) << "comment " << id << " lost";
  again.Kill(SIGTERM);
  Result<std::unique_ptr<store::Store>> st = store::Store::Open(db.url());
  ASSERT_TRUE(st.ok()) << st.status().message();
  Status integrity = (*st)->IntegrityCheck();
  EXPECT_TRUE(integrity.ok()) << integrity.message();
  std::cout << "acknowledged before SIGKILL: " << saves.size() << " saves, " << comments.size()
            << " comments; all present after restart\n";
}

// A database the server cannot write: reads go on, writes answer 503 and change nothing.
TEST_P(DurabilityTest, AReadOnlyDatabaseAnswers503AndLosesNothing) {
  TestDatabase db(GetParam());
  JX_REQUIRE_DATABASE(db);
  TempFolder scratch;
  std::map<std::string, std::string> passwords;
  {
    ServeProcess first(db.url(), scratch.path());
    ASSERT_TRUE(first.ready()) << first.output();
    passwords = first.passwords();
  }
  std::string url = db.url();
  if (GetParam() == DbKind::kSqlite) {
    // The file opened read-only (as a copy kept for reading is served): an SQLite URI filename.
    url = "sqlite:file:" + db.url().substr(7) + "?mode=ro";
  } else {
    // The database set read-only (as a standby, or one whose owner revoked writes).
    Result<std::unique_ptr<store::Database>> admin =
        store::Database::Open(std::getenv("JIXIAO_TEST_PG_URL"));
    ASSERT_TRUE(admin.ok());
    Result<store::Lease> c = (*admin)->Acquire();
    ASSERT_TRUE(c.ok());
    const size_t slash = db.url().find(":///") + 4;
    const std::string name = db.url().substr(slash, db.url().find('?') - slash);
    ASSERT_TRUE(
        (*c)->Run("ALTER DATABASE " + name + " SET default_transaction_read_only = on", {}).ok());
  }
  ServeProcess server(url, scratch.path());
  ASSERT_TRUE(server.ready()) << server.output();
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(60, 0);
  // Logging in writes a session: refused with 503, clearly.
  auto login = c.Post("/api/v1/session",
                      json({{"login", "kx-clerk"}, {"password", passwords["kx-clerk"]}}).dump(),
                      "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 503) << login->body;
  EXPECT_NE(login->body.find("数据库暂时不能写入"), std::string::npos) << login->body;
  server.Kill(SIGTERM);
  // Nothing was lost: the demo's packages are all there.
  Result<std::unique_ptr<store::Store>> st = store::Store::Open(db.url());
  ASSERT_TRUE(st.ok()) << st.status().message();
  Result<std::vector<store::PackageRow>> rows = (*st)->ListPackages({});
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(rows->size(), 3u);
  EXPECT_TRUE((*st)->IntegrityCheck().ok());
}

// A second `jixiao serve` asked for the port a running one listens on stops with a message
// naming it, and the running one goes on answering. (With SO_REUSEPORT, httplib's default, the
// second bound the port too and took a share of the connections without a word; `timeout` ends it
// then, and the exit status shows it.)
TEST(ServeProcessTest, ASecondServerOnTheSamePortRefusesToStart) {
  TestDatabase first_db(DbKind::kSqlite), second_db(DbKind::kSqlite);
  TempFolder scratch;
  ServeProcess first(first_db.url(), scratch.path());
  ASSERT_TRUE(first.ready()) << first.output();
  const std::string address = "127.0.0.1:" + std::to_string(first.port());
  // `timeout` only ends a second server that did start (it answers 124 then).
  const std::string err = scratch / "second.stderr";
  const int status =
      std::system(("timeout 60 '" + std::string(JIXIAO_BINARY) + "' serve --db '" +
                   second_db.url() + "' --listen " + address + " >/dev/null 2>'" + err + "'")
                      .c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  const std::string message = ReadWhole(err);
  EXPECT_NE(code, 124) << "the second server started on " << address;
  EXPECT_EQ(code, 2) << message;
  EXPECT_NE(message.find("cannot listen on " + address), std::string::npos) << message;
  httplib::Client c("127.0.0.1", first.port());
  auto r = c.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

INSTANTIATE_TEST_SUITE_P(Engines, DurabilityTest,
                         ::testing::Values(DbKind::kSqlite, DbKind::kPostgres), DbKindName);

}  // namespace
}  // namespace jixiao::testing
