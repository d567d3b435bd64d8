// The web application's frame (server.h): the endpoint table, mounting it on cpp-httplib with
// size limits and security headers, authentication by session cookie or personal access
// token, CSRF and content-type checks on every change, errors as JSON, and `jixiao serve`.
#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <regex>
#include <thread>

#include "base/xml_escape.h"
#include "server/auth.h"
#include "server/http_encoding.h"
#include "server/internal.h"
#include "server/requests.h"

namespace jixiao::server {

using nlohmann::json;

const std::vector<Endpoint>& Endpoints() {
  static const std::vector<Endpoint> endpoints = {
      // Pages
      {"GET", "/", "page.home", true},
      {"GET", "/login", "page.login", true},
      {"GET", "/packages/{id}", "page.package", true},
      {"GET", "/packages/{id}/history", "page.history", true},
      {"GET", "/packages/{id}/import", "page.import", true},
      {"GET", "/admin", "page.admin", true},
      {"GET", "/dashboard", "page.dashboard", true},
      {"GET", "/sample", "page.sample", true},
      {"GET", "/packages/{id}/compare", "page.compare_unit", true},
      {"GET", "/packages/{id}/compare/{action}.{fmt}", "compare.unit_chart"},
      {"GET", "/compare/years/{year}", "page.compare_year", true},
      {"GET", "/compare/years/{year}/charts/{action}.{fmt}", "compare.year_chart"},
      {"GET", "/packages/{id}/spot-check", "page.spot_check", true},
      {"GET", "/public", "page.public", true},
      {"GET", "/public/{region}/{year}", "page.public_year", true},
      {"GET", "/public/packages/{id}", "page.public_package", true},
      {"GET", "/public/packages/{id}/documents/{fmt}", "public.document"},
      {"GET", "/public/{region}/{year}/{file}", "public.data"},
      // Session
      {"POST", "/api/v1/session", "session.create"},
      {"DELETE", "/api/v1/session", "session.delete"},
      {"GET", "/api/v1/me", "me"},
      {"POST", "/api/v1/tokens", "tokens.create"},
      // Packages
      {"GET", "/api/v1/packages", "packages.list"},
      {"POST", "/api/v1/packages", "packages.create"},
      {"GET", "/api/v1/packages/{id}", "package.get"},
      {"PATCH", "/api/v1/packages/{id}", "package.patch"},
      {"POST", "/api/v1/packages/{id}/check", "package.check"},
      {"GET", "/api/v1/packages/{id}/score", "package.score"},
      {"GET", "/api/v1/packages/{id}/versions", "versions.list"},
      {"GET", "/api/v1/packages/{id}/versions/{n}", "version.get"},
      {"POST", "/api/v1/packages/{id}/versions/{n}/restore", "version.restore"},
      {"GET", "/api/v1/packages/{id}/diff", "versions.diff"},
      {"GET", "/api/v1/packages/{id}/documents/{fmt}", "document.get"},
      {"POST", "/api/v1/packages/{id}/import", "package.import"},
      {"POST", "/api/v1/packages/{id}/submit", "package.submit"},
      {"POST", "/api/v1/packages/{id}/return", "package.return"},
      {"POST", "/api/v1/packages/{id}/forward", "package.forward"},
      {"POST", "/api/v1/packages/{id}/accept", "package.accept"},
      {"POST", "/api/v1/packages/{id}/publish", "package.publish"},
      {"POST", "/api/v1/packages/{id}/unpublish", "package.unpublish"},
      {"GET", "/api/v1/packages/{id}/events", "events.list"},
      {"GET", "/api/v1/packages/{id}/comments", "comments.list"},
      {"POST", "/api/v1/packages/{id}/comments", "comments.create"},
      {"POST", "/api/v1/packages/{id}/comments/{cid}/resolve", "comment.resolve"},
      {"GET", "/api/v1/packages/{id}/attachments", "attachments.list"},
      {"POST", "/api/v1/packages/{id}/attachments", "attachments.create"},
      {"GET", "/api/v1/packages/{id}/attachments/{aid}", "attachment.get"},
      {"DELETE", "/api/v1/packages/{id}/attachments/{aid}", "attachment.delete"},
      // The region
      {"GET", "/api/v1/years/{year}/deadline", "deadline.get"},
      {"PUT", "/api/v1/years/{year}/deadline", "deadline.put"},
      {"GET", "/api/v1/years/{year}/dashboard", "dashboard.get"},
      {"GET", "/api/v1/years/{year}/sample", "sample.get"},
      {"POST", "/api/v1/years/{year}/sample", "sample.create"},
      {"GET", "/api/v1/packages/{id}/spot-check", "spot_check.get"},
      {"PUT", "/api/v1/packages/{id}/spot-check", "spot_check.put"},
      {"GET", "/api/v1/packages/{id}/spot-check/documents/{fmt}", "spot_check.document"},
      {"GET", "/api/v1/packages/{id}/rectifications", "rectifications.list"},
      {"POST", "/api/v1/packages/{id}/rectifications", "rectifications.create"},
      {"POST", "/api/v1/packages/{id}/rectifications/{rid}/notes", "rectification.note"},
      {"GET", "/api/v1/orgs", "orgs.list"},
      {"GET", "/api/v1/users", "users.list"},
      {"POST", "/api/v1/users", "users.create"},
  };
  return endpoints;
}

namespace {

// "/api/v1/packages/{id}" → "/api/v1/packages/([0-9]+)".
std::string PatternOf(const std::string& path) {
  static const std::regex param(R"(\{(id|n|cid|aid|rid|year|region)\})");
  static const std::regex word(R"(\{(fmt|action)\})");
  static const std::regex file(R"(\{file\})");
  std::string p = std::regex_replace(path, param, "([0-9]+)");
  p = std::regex_replace(p, file, "([a-z]+\\.[a-z]+)");
  return std::regex_replace(p, word, "([a-z]+)");
}

// Security headers on every answer. The policy allows only our own scripts and styles (no
// inline script), no framing, no plugins.
void SecurityHeaders(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("Cache-Control", "no-store");
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    const size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 &&
        part[name.size()] == '=') {
      return part.substr(name.size() + 1);
    }
    pos = end + 1;
  }
  return "";
}

volatile std::sig_atomic_t g_stop = 0;
httplib::Server* g_server = nullptr;

}  // namespace

// ---- answering ------------------------------------------------------------------------------

void App::Impl::Json(Ctx& c, int status, const json& body) {
  c.res.status = status;
  SetBody(c.res, body.dump(-1, ' ', false, json::error_handler_t::replace),
          "application/json; charset=utf-8");
}

void App::Impl::Error(Ctx& c, int status, const std::string& message) {
  Json(c, status, {{"error", {{"status", status}, {"message", message}}}});
}

void App::Impl::StatusError(Ctx& c, const Status& s) {
  switch (s.code()) {
    case Status::Code::kNotFound:
      return Error(c, 404, "不存在 / not found");
    case Status::Code::kInvalidArgument:
      return Error(c, 400, s.message());
    case Status::Code::kConflict:
      return Error(c, 409, s.message());
    case Status::Code::kUnavailable:
      return Error(c, 503,
                   "数据库暂时不能写入，什么也没有改变；请稍后再试 / the database cannot take "
                   "changes now; nothing was changed, try again later (" +
                       s.message() + ")");
    default:
      return Error(c, 500, s.ToString());
  }
}

// ---- authentication ---------------------------------------------------------------------------

void App::Impl::Authenticate(Ctx& c, int64_t package_id, bool annotations, bool rectifications) {
  const std::string auth = c.req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) {
    Result<int64_t> uid = store->FindApiTokenUser(TokenHash(auth.substr(7)));
    if (!uid.ok()) return;
    Result<store::User> user = store->GetUser(*uid);
    if (user.ok() && !user->disabled) {
      c.user = std::move(user).value();
      c.by_token = true;
    }
    return;
  }
  const std::string token = CookieValue(c.req, "jx_session");
  if (token.empty()) return;
  if (package_id > 0) {
    Result<store::Store::SessionWithPackage> found = store->FindSessionUserWithPackage(
        TokenHash(token), app->Now(), package_id, annotations, rectifications);
    if (!found.ok() || found->user.disabled) return;
    c.session = std::move(found->session);
    c.user = std::move(found->user);
    c.prefetched.emplace(package_id, std::move(found->package));
    if (found->annotations)
      c.prefetched_annotations.emplace(package_id, *std::move(found->annotations));
    return;
  }
  Result<std::pair<store::Session, store::User>> found =
      store->FindSessionUser(TokenHash(token), app->Now());
  if (!found.ok() || found->second.disabled) return;
  c.session = std::move(found->first);
  c.user = std::move(found->second);
}

bool App::Impl::CheckWrite(Ctx& c, bool json_body, bool csrf) {
  if (json_body) {
    const std::string type = c.req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0) {
      Error(c, 415, "请求体应为 JSON（Content-Type: application/json）/ the body must be JSON");
      return false;
    }
  }
  if (!csrf || c.by_token || !c.session) return true;  // not logged in: the handler answers 401
  const std::string sent = c.req.get_header_value("X-CSRF-Token");
  if (sent.empty() || !ConstantTimeEquals(sent, c.session->csrf)) {
    Error(c, 403, "缺少或错误的 CSRF 令牌，请刷新页面后重试 / missing or wrong CSRF token");
    return false;
  }
  return true;
}

// ---- packages ---------------------------------------------------------------------------------

namespace {

Loaded FromContext(store::Store::PackageContext&& found) {
  Loaded l{
      std::move(found.row),
      {},
      std::move(found.unit),
      found.region_rulebook.empty() ? std::string("national") : std::move(found.region_rulebook),
      std::move(found.deadline),
      std::move(found.head_sha256)};
  l.place = PackagePlace{l.unit.id, l.unit.parent_id, l.unit.region_id, l.row.status};
  return l;
}

}  // namespace

Result<Loaded> App::Impl::Load(int64_t id) {
  Result<store::Store::PackageContext> found = store->GetPackageContext(id);
  if (!found.ok()) return found.status();
  return FromContext(std::move(found).value());
}

Result<Loaded> App::Impl::LoadFirst(Ctx& c, int64_t id) {
  if (!c.prefetched || c.prefetched->first != id) return Load(id);
  std::optional<store::Store::PackageContext> found = std::move(c.prefetched->second);
  c.prefetched.reset();
  if (!found) return Status::NotFound(fmt::format("package {}", id));
  return FromContext(std::move(*found));
}

Result<store::Store::Annotations> App::Impl::AnnotationsFirst(Ctx& c, int64_t id) {
  if (!c.prefetched_annotations || c.prefetched_annotations->first != id)
    return store->ListAnnotations(id);
  store::Store::Annotations found = std::move(c.prefetched_annotations->second);
  c.prefetched_annotations.reset();
  return found;
}

Result<std::vector<store::Attachment>> App::Impl::AttachmentsFirst(Ctx& c, int64_t id) {
  if (!c.prefetched_annotations || c.prefetched_annotations->first != id)
    return store->ListAttachments(id, /*package_found=*/true);
  std::vector<store::Attachment> found = std::move(c.prefetched_annotations->second.attachments);
  c.prefetched_annotations.reset();
  return found;
}

std::optional<Loaded> App::Impl::LoadFor(Ctx& c, int64_t id, Action action) {
  if (!c.user) {
    Error(c, 401, "请先登录 / log in first");
    return std::nullopt;
  }
  Result<Loaded> l = id > 0 ? LoadFirst(c, id) : Result<Loaded>(Status::NotFound("package"));
  if (!l.ok()) {
    if (l.status().code() == Status::Code::kNotFound) {
      Error(c, 404, "没有这个数据包 / no such package");
    } else {
      StatusError(c, l.status());
    }
    return std::nullopt;
  }
  const Answer a = Decide(c.u(), l->place, action);
  switch (a) {
    case Answer::kAllow:
      return std::move(l).value();
    case Answer::kNotFound:
      Error(c, 404, "没有这个数据包 / no such package");
      break;
    case Answer::kForbidden:
      Error(c, 403,
            fmt::format("{}不能这样操作这个数据包 / your role may not do this",
                        store::RoleName(c.user->role)));
      break;
    case Answer::kWrongStatus:
      Error(c, 409,
            fmt::format("数据包状态为“{}”，不能这样操作 / not allowed in this status",
                        store::StatusName(l->row.status)));
      break;
  }
  return std::nullopt;
}

Result<json> App::Impl::HeadJson(const store::PackageRow& row) {
  Result<store::Version> v = store->GetVersion(row.id, row.head_version);
  if (!v.ok()) return v.status();
  json j = json::parse(v->json, nullptr, false);
  if (j.is_discarded())
    return Status::Corruption(fmt::format("package {} version {}", row.id, v->number));
  return j;
}

Result<EvaluatedPtr> App::Impl::VersionEvaluated(const Loaded& l, int64_t number) {
  if (number == l.row.head_version && !l.head_sha256.empty()) {
    if (EvaluatedPtr known = FindEvaluated(l.head_sha256, l.region_rulebook)) return known;
  }
  Result<store::Version> v = store->GetVersion(l.row.id, number);
  if (!v.ok()) return v.status();
  return EvaluateStored(v->json, v->sha256, l.region_rulebook);
}

Result<std::string> App::Impl::VersionJsonText(const Loaded& l, int64_t number) {
  // The head is what is read again and again: it is evaluated once and kept (VersionEvaluated),
  // so that later reads need no second round trip to the database for its text. An older
  // version is read from the store each time, and so is a head that does not evaluate (its text
  // is still the answer).
  if (number == l.row.head_version && !l.head_sha256.empty()) {
    if (Result<EvaluatedPtr> head = VersionEvaluated(l, number); head.ok())
      return (*head)->canonical;
  }
  Result<store::Version> v = store->GetVersion(l.row.id, number);
  if (!v.ok()) return v.status();
  return std::move(v->json);
}

// ---- the App ------------------------------------------------------------------------------------

App::App(store::Store* store, ServerOptions options)
    : store_(store), options_(std::move(options)), impl_(std::make_unique<Impl>()) {
  impl_->app = this;
  impl_->store = store_;
  impl_->options = &options_;
}

App::~App() = default;

int64_t App::Now() const {
  if (options_.now_ms) return options_.now_ms();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void App::Mount(httplib::Server* http) {
  http->set_payload_max_length(options_.max_upload + (1u << 20));
  http->set_keep_alive_max_count(1000);
  http->set_keep_alive_timeout(5);
  // Headers and body go out in two writes; without TCP_NODELAY a small answer waits for the
  // client's delayed ACK (about 40 ms).
  http->set_tcp_nodelay(true);
  http->set_read_timeout(30, 0);
  http->set_write_timeout(30, 0);
  Impl* impl = impl_.get();
  for (const Endpoint& e : Endpoints()) {
    const std::string pattern = PatternOf(e.path);
    const std::string name = e.name;
    const bool page = e.page;
    const bool json_body = e.method != "GET" && e.method != "DELETE" && name != "package.import" &&
                           name != "attachments.create";
    const size_t limit = json_body ? options_.max_body : options_.max_upload;
    const std::string method = e.method;
    // Whether the path's first number is a package's id, read with the session.
    const bool on_package =
        e.path.rfind("/api/v1/packages/{id}", 0) == 0 || e.path.rfind("/packages/{id}", 0) == 0;
    // The requests that show or check the package's comments and evidence get them with the
    // session (kept by the store and checked by the package's stamp, or read in the same round
    // trip); the editor page, which also shows the unit's 整改 items, gets those too.
    const bool annotations =
        name == "page.package" || name == "package.check" || name == "package.patch";
    const bool rectifications = name == "page.package";
    auto answer = [impl, name, page, json_body, limit, method, on_package, annotations,
                   rectifications](const httplib::Request& req, httplib::Response& res) {
      SecurityHeaders(res);
      Ctx c{req, res, std::nullopt, std::nullopt, false, std::nullopt, std::nullopt};
      if (req.body.size() > limit) {
        return Impl::Error(
            c, 413,
            fmt::format("请求体超过 {} 字节的上限 / the body is larger than {} bytes", limit,
                        limit));
      }
      impl->Authenticate(c, on_package ? PathId(req, 1) : 0, annotations, rectifications);
      // Logging in needs no CSRF token (it is what gives one; a stale cookie must not block it).
      if (method != "GET" && !impl->CheckWrite(c, json_body, name != "session.create")) return;
      if (page) return impl->Page(name, c);
      impl->Api(name, c);
    };
    auto handler = [answer](const httplib::Request& req, httplib::Response& res) {
      answer(req, res);
      EncodeAnswer(req, res);
    };
    if (method == "GET") http->Get(pattern, handler);
    if (method == "POST") http->Post(pattern, handler);
    if (method == "PUT") http->Put(pattern, handler);
    if (method == "PATCH") http->Patch(pattern, handler);
    if (method == "DELETE") http->Delete(pattern, handler);
  }
  // The assets: compressed once, at the best level, for the clients that take gzip, and sent
  // from memory without a copy; cached by browsers for a day (a new build changes their URLs'
  // version), instead of SecurityHeaders' no-store.
  auto asset = [](std::string_view text, const char* type) {
    auto plain = std::make_shared<const std::string>(text);
    auto gzipped = std::make_shared<const std::string>(Gzip(text, 9));
    return [plain, gzipped, type](const httplib::Request& req, httplib::Response& res) {
      SecurityHeaders(res);
      res.headers.erase("Cache-Control");
      res.set_header("Cache-Control", "public, max-age=86400");
      res.set_header("Vary", "Accept-Encoding");
      if (AcceptsGzip(req.get_header_value("Accept-Encoding"))) {
        return SetEncodedBody(res, gzipped, type, "gzip");
      }
      SetEncodedBody(res, plain, type, "");
    };
  };
  http->Get("/static/app.css", asset(kAppCss, "text/css; charset=utf-8"));
  http->Get("/static/app.js", asset(kAppJs, "text/javascript; charset=utf-8"));
  http->Get("/healthz", [impl](const httplib::Request& req, httplib::Response& res) {
    SecurityHeaders(res);
    Result<int64_t> v = impl->store->SchemaVersion();
    res.status = v.ok() ? 200 : 503;
    res.set_content(v.ok() ? "ok\n" : v.status().message() + "\n", "text/plain; charset=utf-8");
    EncodeAnswer(req, res);
  });
  http->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // An answer a handler made (its body may be in a content provider: http_encoding.h) has its
    // Content-Type; only httplib's own errors (no route, a body over the limit) have none.
    if (!res.body.empty() || res.has_header("Content-Type")) return;
    SecurityHeaders(res);
    Ctx c{req, res, std::nullopt, std::nullopt, false, std::nullopt, std::nullopt};
    const int status = res.status;
    Impl::Error(c, status,
                status == 404   ? "没有这个地址 / no such address"
                : status == 413 ? "请求体过大 / the body is too large"
                : status == 405 ? "不支持这个方法 / method not allowed"
                                : "请求无法处理 / the request cannot be handled");
  });
  http->set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        SecurityHeaders(res);
        Ctx c{req, res, std::nullopt, std::nullopt, false, std::nullopt, std::nullopt};
        Impl::Error(c, 500, "服务器内部错误 / internal error: " + what);
      });
}

int64_t PathId(const httplib::Request& req, size_t index) {
  if (index >= req.matches.size()) return 0;
  Result<int64_t> id = ParseId(req.matches[index].str());
  return id.ok() ? *id : 0;
}

std::string Html(std::string_view s) { return XmlEscaped(s); }

// ---- jixiao serve -------------------------------------------------------------------------------

int Serve(const ServerOptions& options, std::ostream& out, std::ostream& err) {
  if (options.db_url.rfind("sqlite:", 0) == 0) {
    const std::filesystem::path file = options.db_url.substr(7);
    if (file.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(file.parent_path(), ec);
    }
  }
  Result<std::unique_ptr<store::Store>> store = store::Store::Open(options.db_url);
  if (!store.ok()) {
    err << "jixiao serve: " << store.status().message() << "\n";
    return 2;
  }
  App app(store->get(), options);
  Result<bool> empty = (*store)->Empty();
  if (!empty.ok()) {
    err << "jixiao serve: " << empty.status().message() << "\n";
    return 2;
  }
  if (*empty) {
    Result<std::vector<std::string>> logins = SeedDemo(store->get(), app.Now());
    if (!logins.ok()) {
      err << "jixiao serve: " << logins.status().message() << "\n";
      return 2;
    }
    out << "已创建演示地区。以下账号的密码只显示这一次，请记下 / demo region created; these "
           "passwords are shown once:\n";
    for (const std::string& line : *logins) out << "  " << line << "\n";
    out.flush();
  }
  httplib::Server http;
  // cpp-httplib gives each keep-alive connection a worker for as long as it stays open, so the
  // pool must exceed the connections expected (browsers keep a few each); idle workers cost a
  // stack and nothing else.
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(64, 8 * static_cast<int>(std::thread::hardware_concurrency()));
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // cpp-httplib listens with a queue of 5 connections not yet accepted (CPPHTTPLIB_LISTEN_BACKLOG,
  // compiled into Debian's library). More arriving at once — a few browsers opening pages, or
  // clients whose kept-alive connections the server closed together — overflow it, and the
  // kernel drops them: each waits for its TCP to try again, 200 ms to a second later, and a
  // benchmark's p99 shows it. The listening socket, seen here when httplib makes it, is given
  // the system's limit once bound (listen() again on a listening socket only changes the queue).
  // Its options are SO_REUSEADDR alone — a restart binds at once while the last run's
  // connections linger in TIME_WAIT — not httplib's default SO_REUSEPORT, under which a second
  // `jixiao serve` on the same port started without a word and took a share of the connections.
  socket_t listening = INVALID_SOCKET;
  http.set_socket_options([&listening](socket_t sock) {
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening = sock;
  });
  app.Mount(&http);
  if (!http.bind_to_port(options.host, options.port)) {
    err << fmt::format("jixiao serve: cannot listen on {}:{}\n", options.host, options.port);
    return 2;
  }
  if (listening != INVALID_SOCKET && ::listen(listening, SOMAXCONN) != 0) {
    err << fmt::format("jixiao serve: cannot lengthen the queue of connections on {}:{}\n",
                       options.host, options.port);
    return 2;
  }
  out << fmt::format("jixiao 在 http://{}:{}/ 提供服务（数据库 {}）；按 Ctrl-C 停止 / serving\n",
                     options.host, options.port, options.db_url);
  out.flush();
  g_server = &http;
  std::signal(SIGINT, [](int) {
    g_stop = 1;
    if (g_server) g_server->stop();
  });
  std::signal(SIGTERM, [](int) {
    g_stop = 1;
    if (g_server) g_server->stop();
  });
  const bool ok = http.listen_after_bind();
  g_server = nullptr;
  return ok || g_stop ? 0 : 2;
}

}  // namespace jixiao::server
