// `jixiao serve`: the web application. Units fill, check and submit their package; the
// 主管部门 and the 财政局 read, return, forward and accept it. Pages are rendered here in
// Chinese (pages.cc) and every action is a JSON endpoint under /api/v1 (api.cc) described in
// docs/api.md; the engine is reached only through package_ops.h and the data only through
// store::Store, so the process keeps no state another server would need (sessions, locks and
// evidence live in the database).
//
// An App is built once and mounted on an httplib::Server, whose worker threads call its
// handlers concurrently; the App itself is immutable after construction.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace jixiao::server {

struct ServerOptions {
  std::string db_url = "sqlite:var/jixiao.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  bool secure_cookies = false;    // `Secure` on cookies: set behind TLS
  size_t max_body = 8u << 20;     // JSON bodies
  size_t max_upload = 20u << 20;  // one uploaded document or evidence file
  int64_t session_ms = 12LL * 3600 * 1000;
  int login_failures_allowed = 5;     // per login name, in login_window_ms
  int address_failures_allowed = 20;  // per client address (several people behind one NAT)
  int64_t login_window_ms = 15LL * 60 * 1000;
  int threads = 0;                  // worker threads; 0: eight per core, at least 64
  std::function<int64_t()> now_ms;  // the clock; the system's when empty
};

// One endpoint: what the role matrix test iterates over. `path` uses {id}, {n}, {cid}, {aid},
// {fmt}, {year}, {action} for its parameters.
struct Endpoint {
  std::string method;  // GET, POST, PUT, PATCH, DELETE
  std::string path;    // "/api/v1/packages/{id}"
  std::string name;    // "package.get"
  bool page = false;   // an HTML page (answers unauthenticated users with a redirect to /login)
};
const std::vector<Endpoint>& Endpoints();

class App {
 public:
  App(store::Store* store, ServerOptions options);
  ~App();
  // Registers every endpoint and the static assets on `http`, with the size limits, the
  // security headers and the error handler.
  void Mount(httplib::Server* http);
  int64_t Now() const;
  store::Store& store() { return *store_; }
  const ServerOptions& options() const { return options_; }

  struct Impl;

 private:
  store::Store* store_;
  ServerOptions options_;
  std::unique_ptr<Impl> impl_;
};

// The demo region made on first start: a 财政局, a 主管部门, three units (the bundled example
// as 科协's FY2024 draft and two more made from it) and one account per role, each with a
// password generated now. Returns the accounts as "login  password  role  org" lines, to be
// printed once.
Result<std::vector<std::string>> SeedDemo(store::Store* store, int64_t now_ms);

// Opens the store, seeds the demo region when the database is new (printing the logins on
// `out`), and serves until SIGINT/SIGTERM. Returns the process exit code.
int Serve(const ServerOptions& options, std::ostream& out, std::ostream& err);

}  // namespace jixiao::server
