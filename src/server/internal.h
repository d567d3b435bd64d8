// What the server's handlers share (api.cc, pages.cc, server.cc): the request context with the
// logged-in user, answering JSON and errors, loading a package with the access decision, and
// the embedded assets. Internal to src/server.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "review/spot_check.h"
#include "server/access.h"
#include "server/evaluated.h"
#include "server/server.h"
#include "store/store.h"

namespace jixiao::server {

// A request after authentication.
struct Ctx {
  const httplib::Request& req;
  httplib::Response& res;
  std::optional<store::User> user;
  std::optional<store::Session> session;  // when logged in by cookie
  bool by_token = false;                  // by a personal access token (no CSRF needed)
  // The package of the request's path read with the session (Authenticate), for the first
  // LoadFirst of that id: nullopt inside when there is no such package.
  std::optional<std::pair<int64_t, std::optional<store::Store::PackageContext>>> prefetched;
  // That package's comments and evidence, when the request asked for them with the session.
  std::optional<std::pair<int64_t, store::Store::Annotations>> prefetched_annotations;
  const store::User* u() const { return user ? &*user : nullptr; }
};

// Sets the answer's body by moving `body` in (httplib's set_content copies it; a page is
// ~150 KB) and its Content-Type, as set_content does.
inline void SetBody(httplib::Response& res, std::string&& body, const char* content_type) {
  res.body = std::move(body);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", content_type);
}

// A package loaded for a request, with its place for the access decision.
struct Loaded {
  store::PackageRow row;
  PackagePlace place;
  store::Org unit;
  std::string region_rulebook;  // the rulebook of the unit's region ("national" when unset)
  std::string deadline;         // the region's deadline for the package's year, or ""
  std::string head_sha256;      // the hash of the head version's JSON
};

struct App::Impl {
  App* app;
  store::Store* store;
  const ServerOptions* options;

  // ---- answering
  static void Json(Ctx& c, int status, const nlohmann::json& body);
  // {"error": {"status": 404, "message": "…"}} with the message in Chinese then English.
  static void Error(Ctx& c, int status, const std::string& message);
  // A Status from the store or the engine as an HTTP answer: NotFound 404, InvalidArgument 400,
  // Conflict 409, Unavailable 503, anything else 500.
  static void StatusError(Ctx& c, const Status& s);

  // ---- authentication: fills c.user from the session cookie or a bearer token. False (and the
  // answer written) when a state-changing request lacks its CSRF token or JSON content type.
  // A request on package `package_id` (> 0) reads that package with the session, in the same
  // query, into c.prefetched; access is still decided by LoadFor or the page. With
  // `annotations` (a request that shows or checks them), its comments and evidence too, in the
  // same round trip, into c.prefetched_annotations; with `rectifications` as well, the unit's
  // 整改 items into them.
  void Authenticate(Ctx& c, int64_t package_id, bool annotations, bool rectifications);
  bool CheckWrite(Ctx& c, bool json_body, bool csrf);

  // ---- packages: loads the package `id` and decides `action`; on refusal writes the answer
  // (404 for a package the user may not see) and returns nullopt.
  std::optional<Loaded> LoadFor(Ctx& c, int64_t id, Action action);
  Result<Loaded> Load(int64_t id);
  // The request's first load of package `id`: what Authenticate read with the session if it was
  // that package (taken, so that a later Load reads afresh), else Load(id).
  Result<Loaded> LoadFirst(Ctx& c, int64_t id);
  // Package `id`'s comments and evidence, or its evidence alone: what Authenticate read if it
  // was that package (taken, as LoadFirst does), else read now. For a package already found.
  Result<store::Store::Annotations> AnnotationsFirst(Ctx& c, int64_t id);
  Result<std::vector<store::Attachment>> AttachmentsFirst(Ctx& c, int64_t id);
  Result<nlohmann::json> HeadJson(const store::PackageRow& row);
  // Version `number` of the package as the engine sees it (evaluated.h). The head version is
  // found by the hash loaded with the package, without reading its JSON again, when this
  // process has evaluated it. NotFound when the package has no such version.
  Result<EvaluatedPtr> VersionEvaluated(const Loaded& l, int64_t number);
  // The canonical JSON of version `number`, from what the process knows of the head if it can.
  Result<std::string> VersionJsonText(const Loaded& l, int64_t number);

  // ---- handlers
  void Api(const std::string& name, Ctx& c);
  void Page(const std::string& name, Ctx& c);
  // Version `n` of the package rendered as `format` (docx, xlsx, pdf, html, json) with the
  // content type `type`, as a download or (`attachment` false) to be shown.
  void SendDocument(Ctx& c, const Loaded& l, int64_t n, const std::string& format,
                    const std::string& type, bool attachment);
  // The public site (public_site.cc): no login; only 已公开 packages exist there.
  void PublicPage(const std::string& name, Ctx& c);
  void PublicApi(const std::string& name, Ctx& c);
  // The bureau's side (bureau.cc): the year's dashboard as a page and as JSON/CSV/XLSX; the
  // 抽评 sample, re-scoring and its document; 整改 items.
  void DashboardPage(Ctx& c);
  void DashboardApi(Ctx& c);
  void BureauApi(const std::string& name, Ctx& c);
  // Comparisons (compare.cc): a unit across its years, the units of a year, and their charts.
  struct UnitYear {
    store::PackageRow row;
    EvaluatedPtr evaluated;
  };
  Result<std::vector<UnitYear>> UnitYears(Ctx& c, const Loaded& l);
  Result<std::vector<struct DashboardEntry>> YearEntries(Ctx& c, int year);
  void ComparePage(const std::string& name, Ctx& c);
  void CompareApi(const std::string& name, Ctx& c);
  void SamplePage(Ctx& c);
  void SpotCheckPage(Ctx& c, const Loaded& l);
  // The package page's 整改 part: this package's items and the unit's still-open ones of earlier
  // years, with the forms the user may send. The unit's items are `prefetched` when read with
  // the session already, else read here.
  std::string RectificationSection(Ctx& c, const Loaded& l, const nlohmann::json& head,
                                   const std::vector<store::Rectification>* prefetched);
  // The package's 抽评 lines with the scores entered (the version frozen at submission), and that
  // version as evaluated.
  Result<SpotCheck> SpotCheckOf(const Loaded& l, std::shared_ptr<const Evaluated>* evaluated);
};

// The assets compiled into the binary (web/app.css, web/app.js).
extern const char kAppCss[];
extern const char kAppJs[];
// The bundled example package (examples/lingling-kexie-2024.json) for the demo region.
extern const char kExamplePackage[];

// The request body parsed by `parse`, or the 400 answered.
template <typename T, typename F>
std::optional<T> Parsed(Ctx& c, F parse) {
  Result<T> r = parse(c.req.body);
  if (!r.ok()) {
    App::Impl::Error(c, 400, r.status().message());
    return std::nullopt;
  }
  return std::move(r).value();
}

// HTML-escaped text.
std::string Html(std::string_view s);
// A path parameter as an id (requests.h ParseId), or 0 when it is not one.
int64_t PathId(const httplib::Request& req, size_t index);

}  // namespace jixiao::server
