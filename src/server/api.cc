// The JSON API under /api/v1 (docs/api.md): sessions, packages and their versions, check and
// score, documents, import, the workflow, comments, evidence, deadlines and accounts. Each
// handler parses its request strictly (requests.h), asks access.h, calls the engine through
// package_ops.h and the store, and answers JSON; nothing here checks, scores or lays out.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/decimal.h"
#include "import/importer.h"
#include "import/reading_spec.h"
#include "model/package_json.h"
#include "present/diagnostic_format.h"
#include "render/form.h"
#include "render/render.h"
#include "server/auth.h"
#include "server/evaluated.h"
#include "server/internal.h"
#include "server/package_ops.h"
#include "server/requests.h"
#include "server/sniff.h"

namespace jixiao::server {

using nlohmann::json;
using store::PackageStatus;
using store::Role;

namespace {

// A file name for Content-Disposition's filename* (RFC 5987): UTF-8, percent-encoded.
std::string PercentEncoded(const std::string& s) {
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += fmt::format("%{:02X}", ch);
    }
  }
  return out;
}

json UserJson(const store::User& u) {
  return {{"id", u.id},
          {"login", u.login},
          {"name", u.name},
          {"role", store::RoleKey(u.role)},
          {"role_name", store::RoleName(u.role)},
          {"org_id", u.org_id},
          {"region_id", u.region_id}};
}

json SummaryJson(const store::PackageRow& r) {
  return {{"id", r.id},
          {"unit_id", r.unit_id},
          {"unit_name", r.summary.unit_name},
          {"fiscal_year", r.fiscal_year},
          {"status", store::StatusKey(r.status)},
          {"status_name", store::StatusName(r.status)},
          {"version", r.head_version},
          {"submitted_version", r.submitted_version},
          {"total", r.summary.total},
          {"grade", r.summary.grade},
          {"execution_rate", r.summary.execution_rate},
          {"findings",
           {{"error", r.summary.findings[0]},
            {"inconsistency", r.summary.findings[1]},
            {"warning", r.summary.findings[2]},
            {"note", r.summary.findings[3]}}},
          {"updated_ms", r.updated_ms},
          {"submitted_ms", r.submitted_ms}};
}

json VersionJson(const store::Version& v, bool with_package) {
  json j = {{"number", v.number},
            {"sha256", v.sha256},
            {"author", v.author_name},
            {"author_id", v.author_id},
            {"created_ms", v.created_ms},
            {"note", v.note},
            {"changes", json::parse(v.changes.empty() ? "[]" : v.changes, nullptr, false)}};
  if (j["changes"].is_discarded()) j["changes"] = json::array();
  if (with_package) j["package"] = json::parse(v.json, nullptr, false);
  return j;
}

json EventJson(const store::Event& e) {
  return {{"id", e.id},
          {"at_ms", e.at_ms},
          {"user", e.user_name},
          {"action", e.action},
          {"from", e.from_status},
          {"to", e.to_status},
          {"version", e.version},
          {"version_hash", e.version_hash},
          {"comment", e.comment}};
}

json CommentJson(const store::Comment& c) {
  return {{"id", c.id},
          {"version", c.version},
          {"author", c.author_name},
          {"author_role", store::RoleName(c.author_role)},
          {"at_ms", c.at_ms},
          {"target", c.target},
          {"body", c.body},
          {"reply_to", c.reply_to},
          {"resolved", c.resolved}};
}

json AttachmentJson(const store::Attachment& a) {
  return {{"id", a.id},     {"target", a.target}, {"name", a.name},  {"mime", a.mime},
          {"size", a.size}, {"sha256", a.sha256}, {"at_ms", a.at_ms}};
}

// A package that does not validate: 422 with the message and the JSON pointer it names
// ("package.json:12:5: /evaluation/funds/executed: …"), so the page can mark the field.
void Invalid(Ctx& c, const std::string& message) {
  // The message's parts are separated by ": " or, in Chinese, by "：".
  std::string pointer;
  for (const std::string sep : {": ", "："}) {
    const size_t at = message.find(sep + "/");
    if (at == std::string::npos) continue;
    const size_t start = at + sep.size();
    const size_t end = std::min(message.find(": ", start), message.find("：", start));
    pointer = message.substr(start, end == std::string::npos ? std::string::npos : end - start);
    break;
  }
  App::Impl::Json(c, 422,
                  {{"error", {{"status", 422}, {"message", message}, {"pointer", pointer}}}});
}

// A version saved over the head is stored as what changed from it when `base` is the head's
// text, as its hash says (the store checks the hash again in the statement that saves).
void KeepAsDelta(store::NewVersion* nv, const Evaluated& base, const Loaded& l) {
  if (l.head_sha256.empty() || base.sha256 != l.head_sha256) return;
  nv->base_json = base.canonical;
  nv->base_sha256 = base.sha256;
}

}  // namespace

void App::Impl::SendDocument(Ctx& c, const Loaded& l, int64_t n, const std::string& format,
                             const std::string& type, bool attachment) {
  Result<EvaluatedPtr> stored = VersionEvaluated(l, n);
  if (!stored.ok()) {
    if (stored.status().code() != Status::Code::kNotFound) return StatusError(c, stored.status());
    return Error(c, 404, fmt::format("没有第 {} 版 / no version {}", n, n));
  }
  const Package& package = (*stored)->package;
  std::shared_ptr<const Rulebook> rb = RulebookFor(package.rulebook, l.region_rulebook);
  Result<Form> form = package.form.empty() ? DefaultFormFor(package) : ResolveForm(package.form);
  if (!form.ok()) form = DefaultFormFor(package);
  if (!form.ok()) return StatusError(c, form.status());
  Result<RenderResult> r = RenderToMemory(package, *rb, *form, {format});
  if (!r.ok()) return Error(c, 500, r.status().message());
  const std::string file =
      fmt::format("{}-{}-v{}.{}", package.fiscal_year,
                  package.unit.name.empty() ? "package" : package.unit.name, n, format);
  c.res.status = 200;
  c.res.set_header(
      "Content-Disposition",
      fmt::format("{}; filename=\"package-{}-v{}.{}\"; filename*=UTF-8''{}",
                  attachment ? "attachment" : "inline", l.row.id, n, format, PercentEncoded(file)));
  c.res.set_content(r->files.front().data, type);
}

void App::Impl::Api(const std::string& name, Ctx& c) {
  const int64_t now = app->Now();
  // ---- session
  if (name == "session.create") {
    std::optional<LoginRequest> login = Parsed<LoginRequest>(c, ParseLoginRequest);
    if (!login) return;
    const std::string by_login = "login:" + login->login;
    const std::string by_addr = "addr:" + c.req.remote_addr;
    const int64_t since = now - options->login_window_ms;
    for (const std::string& key : {by_login, by_addr}) {
      Result<int64_t> n = store->CountLoginFailures(key, since);
      if (!n.ok()) return StatusError(c, n.status());
      if (*n >=
          (key == by_login ? options->login_failures_allowed : options->address_failures_allowed)) {
        c.res.set_header("Retry-After", std::to_string(options->login_window_ms / 1000));
        return Error(
            c, 429, "登录失败次数过多，请 15 分钟后再试 / too many failed logins; try again later");
      }
    }
    Result<store::User> user = store->FindUserByLogin(login->login);
    // An unknown login costs a verification too, so that the time of the answer does not tell
    // which logins exist.
    static const std::string kDummyHash = HashPassword("no such account").value();
    const bool ok = VerifyPassword(login->password, user.ok() ? user->password_hash : kDummyHash) &&
                    user.ok() && !user->disabled;
    if (!ok) {
      if (!user.ok() && user.status().code() != Status::Code::kNotFound) {
        return StatusError(c, user.status());
      }
      for (const std::string& key : {by_login, by_addr}) {
        Status s = store->RecordLoginFailure(key, now);
        if (!s.ok()) return StatusError(c, s);
      }
      return Error(c, 401, "账号或密码错误 / wrong login or password");
    }
    (void)store->ClearLoginFailures(by_login);
    const std::string token = RandomToken();
    store::Session s{TokenHash(token), user->id, RandomToken(), now, now + options->session_ms};
    Status created = store->CreateSession(s);
    if (!created.ok()) return StatusError(c, created);
    c.res.set_header(
        "Set-Cookie",
        fmt::format("jx_session={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", token,
                    options->session_ms / 1000, options->secure_cookies ? "; Secure" : ""));
    return Json(c, 200, {{"user", UserJson(*user)}, {"csrf", s.csrf}});
  }
  if (name.rfind("public.", 0) == 0) return PublicApi(name, c);
  if (!c.user) return Error(c, 401, "请先登录 / log in first");
  const store::User& me = *c.user;
  if (name == "session.delete") {
    if (c.session) (void)store->DeleteSession(c.session->token_hash);
    c.res.set_header("Set-Cookie",
                     fmt::format("jx_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
                                 options->secure_cookies ? "; Secure" : ""));
    return Json(c, 200, {{"ok", true}});
  }
  if (name == "me") {
    json j = {{"user", UserJson(me)}};
    if (c.session) j["csrf"] = c.session->csrf;
    return Json(c, 200, j);
  }
  if (name == "tokens.create") {
    std::optional<TokenRequest> t = Parsed<TokenRequest>(c, ParseTokenRequest);
    if (!t) return;
    const std::string token = RandomToken();
    Status s = store->CreateApiToken(me.id, TokenHash(token), t->name, now);
    if (!s.ok()) return StatusError(c, s);
    return Json(c, 201, {{"token", token}, {"name", t->name}});
  }
  // ---- the region
  if (name == "orgs.list") {
    Result<std::vector<store::Org>> orgs = store->ListOrgs(me.region_id);
    if (!orgs.ok()) return StatusError(c, orgs.status());
    json list = json::array();
    for (const store::Org& o : *orgs) {
      list.push_back({{"id", o.id},
                      {"name", o.name},
                      {"kind", store::OrgKindKey(o.kind)},
                      {"parent_id", o.parent_id},
                      {"code", o.code}});
    }
    return Json(c, 200, {{"orgs", list}});
  }
  if (name == "users.list" || name == "users.create") {
    if (!MayAdminister(c.u(), me.region_id))
      return Error(c, 403, "只有管理员可以管理账号 / admins only");
    if (name == "users.list") {
      Result<std::vector<store::User>> users = store->ListUsers(me.region_id);
      if (!users.ok()) return StatusError(c, users.status());
      json list = json::array();
      for (const store::User& u : *users) list.push_back(UserJson(u));
      return Json(c, 200, {{"users", list}});
    }
    std::optional<UserRequest> u = Parsed<UserRequest>(c, ParseUserRequest);
    if (!u) return;
    Result<store::Org> org = store->GetOrg(u->org_id);
    if (!org.ok() || org->region_id != me.region_id)
      return Error(c, 400, "没有这个单位 / no such org");
    const store::Role role = *store::RoleFromKey(u->role);
    const store::OrgKind kind = role == Role::kClerk || role == Role::kHead ? store::OrgKind::kUnit
                                : role == Role::kDeptReviewer ? store::OrgKind::kDepartment
                                                              : store::OrgKind::kBureau;
    if (org->kind != kind) {
      return Error(
          c, 400,
          fmt::format("{}应属于{}，而“{}”不是 / the role does not belong to that kind of org",
                      store::RoleName(role),
                      kind == store::OrgKind::kUnit         ? "预算单位"
                      : kind == store::OrgKind::kDepartment ? "主管部门"
                                                            : "财政局",
                      org->name));
    }
    store::User nu;
    nu.login = u->login;
    nu.name = u->name;
    nu.role = *store::RoleFromKey(u->role);
    nu.org_id = u->org_id;
    nu.region_id = org->region_id;
    const std::string password = u->password.value_or(GeneratePassword());
    Result<std::string> hash = HashPassword(password);
    if (!hash.ok()) return StatusError(c, hash.status());
    nu.password_hash = *hash;
    Result<int64_t> id = store->CreateUser(nu);
    if (!id.ok()) {
      if (id.status().code() == Status::Code::kConflict)
        return Error(c, 409, "账号已存在 / login taken");
      return StatusError(c, id.status());
    }
    nu.id = *id;
    json j = UserJson(nu);
    if (!u->password) j["password"] = password;
    return Json(c, 201, j);
  }
  if (name == "deadline.get" || name == "deadline.put") {
    const int64_t year = PathId(c.req, 1);
    if (year < 2000 || year > 2100) return Error(c, 400, "年度应在 2000–2100 之间 / bad year");
    if (name == "deadline.put") {
      if (!MaySetDeadline(c.u(), me.region_id))
        return Error(c, 403, "只有财政局可以设定截止日期 / bureau only");
      std::optional<DeadlineRequest> d = Parsed<DeadlineRequest>(c, ParseDeadlineRequest);
      if (!d) return;
      Status s = store->SetDeadline(me.region_id, static_cast<int>(year), d->date);
      if (!s.ok()) return StatusError(c, s);
    }
    Result<std::string> d = store->GetDeadline(me.region_id, static_cast<int>(year));
    if (!d.ok()) return StatusError(c, d.status());
    return Json(c, 200, {{"fiscal_year", year}, {"deadline", *d}});
  }
  if (name == "dashboard.get") return DashboardApi(c);
  if (name.rfind("compare.", 0) == 0) return CompareApi(name, c);
  if (name.rfind("sample.", 0) == 0 || name.rfind("spot_check.", 0) == 0 ||
      name.rfind("rectification", 0) == 0) {
    return BureauApi(name, c);
  }
  // ---- packages
  if (name == "packages.list") {
    std::multimap<std::string, std::string> params(c.req.params.begin(), c.req.params.end());
    Result<ListQuery> q = ParseListQuery(params);
    if (!q.ok()) return Error(c, 400, q.status().message());
    store::PackageFilter f;
    f.fiscal_year = q->year;
    if (q->status) f.status = store::StatusFromKey(*q->status);
    switch (me.role) {
      case Role::kClerk:
      case Role::kHead:
        f.unit_id = me.org_id;
        break;
      case Role::kDeptReviewer:
        f.department_id = me.org_id;
        break;
      case Role::kBureau:
        f.region_id = me.region_id;
        break;
      case Role::kAdmin:
        return Json(c, 200, {{"packages", json::array()}});
    }
    if (q->unit) f.unit_id = q->unit;
    Result<std::vector<store::PackageRow>> rows = store->ListPackages(f);
    if (!rows.ok()) return StatusError(c, rows.status());
    std::vector<store::PackageRow> visible;
    for (const store::PackageRow& r : *rows) {
      Result<Loaded> l = Load(r.id);
      if (l.ok() && MaySee(c.u(), l->place)) visible.push_back(r);
    }
    // ?sort=: figures compared as decimals (a blank one last), text by code point.
    auto number = [](const std::string& s) { return Decimal::Parse(s); };
    auto less = [&](const store::PackageRow& a, const store::PackageRow& b) {
      const std::string& k = q->sort;
      if (k == "unit") return a.summary.unit_name < b.summary.unit_name;
      if (k == "year") return a.fiscal_year < b.fiscal_year;
      if (k == "status") return a.status < b.status;
      if (k == "grade") return a.summary.grade < b.summary.grade;
      if (k == "total" || k == "execution_rate") {
        const auto x = number(k == "total" ? a.summary.total : a.summary.execution_rate);
        const auto y = number(k == "total" ? b.summary.total : b.summary.execution_rate);
        if (!x || !y) return x.has_value() && !y.has_value();
        return *x < *y;
      }
      return a.updated_ms < b.updated_ms;
    };
    std::stable_sort(visible.begin(), visible.end(),
                     [&](const store::PackageRow& a, const store::PackageRow& b) {
                       return q->desc ? less(b, a) : less(a, b);
                     });
    json list = json::array();
    for (const store::PackageRow& r : visible) list.push_back(SummaryJson(r));
    return Json(c, 200, {{"packages", list}});
  }
  if (name == "packages.create") {
    std::optional<CreatePackageRequest> req =
        Parsed<CreatePackageRequest>(c, ParseCreatePackageRequest);
    if (!req) return;
    const int64_t unit_id = req->unit_id.value_or(me.org_id);
    Result<store::Org> unit = store->GetOrg(unit_id);
    if (!unit.ok()) return Error(c, 404, "没有这个单位 / no such unit");
    const Answer a = DecideCreate(c.u(), *unit);
    if (a != Answer::kAllow) {
      return Error(c, HttpStatusOf(a),
                   a == Answer::kNotFound ? "没有这个单位 / no such unit"
                                          : "只有本单位填报人可以新建 / clerks only");
    }
    Result<store::Region> region = store->GetRegion(unit->region_id);
    if (!region.ok()) return StatusError(c, region.status());
    Package p;
    std::string note;
    json first_changes = json::array();
    if (req->from == "last_year") {
      Result<store::PackageRow> last = store->FindPackage(unit_id, req->fiscal_year - 1);
      if (!last.ok()) {
        return Error(c, 404,
                     fmt::format("本单位没有 {} 年度的数据包，无法从上年开始 / no package "
                                 "for the year before",
                                 req->fiscal_year - 1));
      }
      Result<json> head = HeadJson(*last);
      if (!head.ok()) return StatusError(c, head.status());
      Result<Validated> v = ValidatePackage(head->dump(), "last-year.json");
      if (!v.ok()) return StatusError(c, v.status());
      p = StartFromLastYear(v->package, req->fiscal_year);
      note = fmt::format("从 {} 年度第 {} 版开始", req->fiscal_year - 1, last->head_version);
      // What the new year changed from last year's package, shown as the first version's changes.
      first_changes = DiffPackages(json::parse(v->canonical), json::parse(WritePackageJson(p)));
    } else if (req->from == "example") {
      Result<Validated> v = ValidatePackage(kExamplePackage, "example.json");
      if (!v.ok()) return StatusError(c, v.status());
      p = v->package.fiscal_year == req->fiscal_year
              ? v->package
              : StartFromLastYear(v->package, req->fiscal_year);
      note = "从示例开始";
    } else {
      p = BlankPackage(unit->name, req->fiscal_year, region->rulebook);
      note = "空白";
    }
    p.evidence.emplace();  // kept by the server: its evidence is tracked (none yet)
    const std::string text = WritePackageJson(p);
    std::shared_ptr<const Rulebook> rb = RulebookFor(p.rulebook, region->rulebook);
    Evaluation e = EvaluatePackage(p, *rb);
    store::NewVersion first{text,
                            first_changes.dump(-1, ' ', false, json::error_handler_t::replace),
                            note,
                            e.summary,
                            {}};
    Result<store::PackageRow> row =
        store->CreatePackage(unit_id, req->fiscal_year, first, me.id, now);
    if (!row.ok()) {
      if (row.status().code() == Status::Code::kConflict) {
        return Error(c, 409,
                     fmt::format("本单位 {} 年度已有数据包 / the unit already has a package "
                                 "for that year",
                                 req->fiscal_year));
      }
      return StatusError(c, row.status());
    }
    return Json(c, 201, SummaryJson(*row));
  }
  // Everything below is about one package.
  const int64_t id = PathId(c.req, 1);
  // The rulebook of the package's region (used when a package names none of the bundled ones).
  auto region_rulebook = [](const Loaded& l) { return l.region_rulebook; };
  // The package's evidence list as the store has it: the server writes it, an edit cannot.
  auto with_evidence = [&](int64_t package_id, json doc) -> Result<json> {
    Result<std::vector<store::Attachment>> as = AttachmentsFirst(c, package_id);
    if (!as.ok()) return as.status();
    json list = json::array();
    for (const store::Attachment& a : *as) {
      list.push_back({{"target", a.target},
                      {"name", a.name},
                      {"mime", a.mime},
                      {"size", a.size},
                      {"sha256", a.sha256}});
    }
    if (doc.is_object()) doc["evidence"] = std::move(list);
    return doc;
  };
  // A new version recording the evidence attached now (the event is the save's).
  auto record_evidence = [&](const Loaded& l, const std::string& action,
                             const std::string& note) -> Result<int64_t> {
    const std::string rulebook = region_rulebook(l);
    for (int attempt = 0;; ++attempt) {
      Result<Loaded> fresh = Load(l.row.id);
      if (!fresh.ok()) return fresh.status();
      Result<EvaluatedPtr> head = VersionEvaluated(*fresh, fresh->row.head_version);
      if (!head.ok()) return head.status();
      Result<json> doc = with_evidence(l.row.id, (*head)->doc);
      if (!doc.ok()) return doc.status();
      Result<Edited> edited = ValidateEdited(*doc);
      if (!edited.ok()) return edited.status();
      EvaluatedPtr e = EvaluateEdited(std::move(edited).value(), rulebook);
      const json changes = DiffPackages((*head)->doc, e->doc);
      store::NewVersion nv{e->canonical,
                           changes.dump(-1, ' ', false, json::error_handler_t::replace), note,
                           e->evaluation.summary, e->sha256};
      KeepAsDelta(&nv, **head, *fresh);
      Result<int64_t> n =
          store->SaveVersion(l.row.id, fresh->row.head_version, nv, me.id, action, now);
      if (n.ok() || n.status().code() != Status::Code::kConflict || attempt == 2) return n;
    }
  };
  // Saves `after_edit` over the head if `base` still is it; answers 409 with the conflicts if
  // not. `base_version` is version `base` when the caller has it already.
  auto save = [&](const Loaded& l, int64_t base, json after_edit, const std::string& action,
                  const std::string& note, EvaluatedPtr base_version = nullptr) {
    Result<json> after_or = with_evidence(l.row.id, std::move(after_edit));
    if (!after_or.ok()) return StatusError(c, after_or.status());
    Result<Edited> edited = ValidateEdited(*after_or);
    if (!edited.ok()) return Invalid(c, edited.status().message());
    Result<EvaluatedPtr> before = base_version;
    if (base_version == nullptr) {
      before = VersionEvaluated(l, base);
      if (!before.ok() && before.status().code() == Status::Code::kNotFound)
        return Error(c, 409, fmt::format("没有第 {} 版 / no version {}", base, base));
    }
    if (!before.ok()) return StatusError(c, before.status());
    const std::string rulebook = region_rulebook(l);
    // 409: what others saved since `base`, and which of it this edit touches too.
    auto conflict = [&](const Loaded& now, const json& ours) {
      // The head is usually evaluated already (by the save that made it).
      const store::PackageRow& row = now.row;
      Result<EvaluatedPtr> head = VersionEvaluated(now, row.head_version);
      json theirs = head.ok() ? DiffPackages((*before)->doc, (*head)->doc) : json::array();
      return Json(c, 409,
                  {{"error",
                    {{"status", 409},
                     {"message", fmt::format("第 {} 版之后已有人保存（现为第 {} 版）；"
                                             "你的修改没有保存，也没有丢失 / saved by "
                                             "someone else since",
                                             base, row.head_version)}}},
                   {"head_version", row.head_version},
                   {"changed_since", theirs},
                   {"conflicts", ConflictingFields(ours, theirs)}});
    };
    if (base != l.row.head_version) {
      return conflict(l, DiffPackages((*before)->doc, json::parse(edited->canonical)));
    }
    EvaluatedPtr after = EvaluateEdited(std::move(edited).value(), rulebook);
    const json changes = DiffPackages((*before)->doc, after->doc);
    if (changes.empty() && action == "save") {
      return Json(c, 200,
                  {{"version", l.row.head_version}, {"changes", changes}, {"unchanged", true}});
    }
    const std::string changes_text = changes.dump(-1, ' ', false, json::error_handler_t::replace);
    store::NewVersion nv{after->canonical, changes_text, note, after->evaluation.summary,
                         after->sha256};
    KeepAsDelta(&nv, **before, l);
    Result<int64_t> n = store->SaveVersion(l.row.id, base, nv, me.id, action, now);
    if (!n.ok()) {
      if (n.status().code() == Status::Code::kConflict) {
        Result<Loaded> again = Load(l.row.id);
        if (again.ok()) return conflict(*again, changes);
      }
      return StatusError(c, n.status());
    }
    // The row as the save left it (a save changes neither the status nor the unit).
    store::PackageRow saved = l.row;
    saved.head_version = *n;
    saved.summary = after->evaluation.summary;
    saved.updated_ms = now;
    // The findings and the score sheet were written once, when evaluated. Members in the order
    // of every other answer (sorted).
    c.res.status = 200;
    SetBody(
        c.res,
        fmt::format("{{\"changes\":{},\"findings\":{},\"score\":{},\"summary\":{},\"version\":{}}}",
                    changes_text, after->evaluation.diagnostics_json, after->evaluation.score_json,
                    SummaryJson(saved).dump(-1, ' ', false, json::error_handler_t::replace), *n),
        "application/json; charset=utf-8");
  };
  if (name == "package.get") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kView);
    if (!l) return;
    // The stored canonical JSON goes into the answer as it is, not parsed and written again.
    Result<std::string> text = VersionJsonText(*l, l->row.head_version);
    if (!text.ok()) return StatusError(c, text.status());
    c.res.status = 200;
    SetBody(
        c.res,
        "{\"summary\":" + SummaryJson(l->row).dump(-1, ' ', false, json::error_handler_t::replace) +
            ",\"package\":" + *text + "}",
        "application/json; charset=utf-8");
    return;
  }
  if (name == "package.patch") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kEdit);
    if (!l) return;
    std::optional<PatchRequest> req = Parsed<PatchRequest>(c, ParsePatchRequest);
    if (!req) return;
    Result<EvaluatedPtr> base = VersionEvaluated(*l, req->base_version);
    if (!base.ok()) {
      if (base.status().code() != Status::Code::kNotFound) return StatusError(c, base.status());
      return Error(
          c, 409,
          fmt::format("没有第 {} 版 / no version {}", req->base_version, req->base_version));
    }
    json after;
    if (req->package) {
      after = std::move(*req->package);
    } else {
      Result<json> patched = ApplyPatch((*base)->doc, req->patch);
      if (!patched.ok()) return Error(c, 422, patched.status().message());
      after = std::move(patched).value();
    }
    return save(*l, req->base_version, std::move(after), "save", "", *base);
  }
  if (name == "package.check") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kView);
    if (!l) return;
    std::optional<CheckRequest> req = Parsed<CheckRequest>(c, ParseCheckRequest);
    if (!req) return;
    const int64_t n = req->base_version > 0 ? req->base_version : l->row.head_version;
    Result<EvaluatedPtr> base = VersionEvaluated(*l, n);
    if (!base.ok()) {
      if (base.status().code() != Status::Code::kNotFound) return StatusError(c, base.status());
      return Error(c, 404, fmt::format("没有第 {} 版 / no version {}", n, n));
    }
    const std::string rulebook = region_rulebook(*l);
    json doc;
    if (req->package) {
      doc = std::move(*req->package);
    } else {
      Result<json> patched = ApplyPatch((*base)->doc, req->patch);
      if (!patched.ok()) return Error(c, 422, patched.status().message());
      doc = std::move(patched).value();
    }
    Result<json> with = with_evidence(l->row.id, std::move(doc));
    if (!with.ok()) return StatusError(c, with.status());
    Result<Edited> edited = ValidateEdited(*with);
    if (!edited.ok()) return Invalid(c, edited.status().message());
    EvaluatedPtr e = EvaluateEdited(std::move(edited).value(), rulebook);
    const store::PackageSummary& s = e->evaluation.summary;
    c.res.status = 200;
    SetBody(c.res,
            fmt::format("{{\"findings\":{},\"score\":{},\"summary\":{},\"version\":{}}}",
                        e->evaluation.diagnostics_json, e->evaluation.score_json,
                        json({{"total", s.total},
                              {"grade", s.grade},
                              {"execution_rate", s.execution_rate},
                              {"findings", s.findings}})
                            .dump(-1, ' ', false, json::error_handler_t::replace),
                        n),
            "application/json; charset=utf-8");
    return;
  }
  if (name == "package.score") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kView);
    if (!l) return;
    Result<EvaluatedPtr> e = VersionEvaluated(*l, l->row.head_version);
    if (!e.ok()) return StatusError(c, e.status());
    c.res.status = 200;
    SetBody(c.res,
            fmt::format("{{\"findings\":{},\"score\":{},\"version\":{}}}",
                        (*e)->evaluation.diagnostics_json, (*e)->evaluation.score_json,
                        l->row.head_version),
            "application/json; charset=utf-8");
    return;
  }
  if (name == "versions.list") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kView);
    if (!l) return;
    Result<std::vector<store::Version>> vs = store->ListVersions(l->row.id);
    if (!vs.ok()) return StatusError(c, vs.status());
    json list = json::array();
    for (const store::Version& v : *vs) list.push_back(VersionJson(v, false));
    return Json(c, 200, {{"versions", list}});
  }
  if (name == "version.get" || name == "version.restore") {
    std::optional<Loaded> l = LoadFor(c, id, name == "version.get" ? Action::kView : Action::kEdit);
    if (!l) return;
    const int64_t n = PathId(c.req, 2);
    Result<store::Version> v = store->GetVersion(l->row.id, n);
    if (!v.ok()) return Error(c, 404, fmt::format("没有第 {} 版 / no version {}", n, n));
    if (name == "version.get") return Json(c, 200, VersionJson(*v, true));
    std::optional<RestoreRequest> req = Parsed<RestoreRequest>(c, ParseRestoreRequest);
    if (!req) return;
    return save(*l, req->base_version, json::parse(v->json), "restore",
                fmt::format("恢复自第 {} 版", n));
  }
  if (name == "versions.diff") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kView);
    if (!l) return;
    Result<int64_t> from = ParseId(c.req.get_param_value("from"));
    Result<int64_t> to = ParseId(c.req.get_param_value("to"));
    if (!from.ok() || !to.ok())
      return Error(c, 400, "需要 from 和 to 两个版本号 / from and to are required");
    Result<store::Version> a = store->GetVersion(l->row.id, *from);
    Result<store::Version> b = store->GetVersion(l->row.id, *to);
    if (!a.ok() || !b.ok()) return Error(c, 404, "没有这个版本 / no such version");
    return Json(c, 200,
                {{"from", *from},
                 {"to", *to},
                 {"changes", DiffPackages(json::parse(a->json), json::parse(b->json))}});
  }
  if (name == "document.get") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kView);
    if (!l) return;
    const std::string format = c.req.matches.size() > 2 ? c.req.matches[2].str() : "";
    static const std::map<std::string, std::string> kTypes = {
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"pdf", "application/pdf"},
        {"html", "text/html; charset=utf-8"},
        {"json", "application/json; charset=utf-8"}};
    auto type = kTypes.find(format);
    if (type == kTypes.end())
      return Error(c, 404, "文档格式应为 docx、xlsx、pdf、html 或 json / unknown format");
    int64_t n = l->row.head_version;
    if (c.req.has_param("version")) {
      Result<int64_t> v = ParseId(c.req.get_param_value("version"));
      if (!v.ok()) return Error(c, 400, "version 应为版本号 / version must be a number");
      n = *v;
    }
    SendDocument(c, *l, n, format, type->second, /*attachment=*/true);
    return;
  }
  if (name == "package.import") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kEdit);
    if (!l) return;
    if (!c.req.has_file("file"))
      return Error(c, 400, "请选择要导入的文件（表单字段 file）/ the form field file is missing");
    const httplib::MultipartFormData file = c.req.get_file_value("file");
    if (file.content.empty())
      return Error(c, 400, fmt::format("{}：文件是空的 / the file is empty", file.filename));
    const bool commit = c.req.has_file("commit") && c.req.get_file_value("commit").content == "1";
    ImportOptions options;
    Result<std::vector<ReadingSpec>> specs = BundledReadingSpecs();
    if (specs.ok()) options.layouts = std::move(specs).value();
    Result<LoadedPackage> imported =
        LoadPackageBytes(file.content, file.filename.empty() ? "upload" : file.filename, options);
    if (!imported.ok()) return Error(c, 422, imported.status().message());
    Package p = std::move(imported->package);
    if (p.fiscal_year == 0) p.fiscal_year = l->row.fiscal_year;
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    const FormatOptions fo{true, p.fiscal_year};
    for (const Diagnostic& d : imported->import.notes) notes.push_back(DiagnosticJson(d, fo));
    Result<json> head = HeadJson(l->row);
    if (!head.ok()) return StatusError(c, head.status());
    const std::string text = WritePackageJson(p);
    const json after = json::parse(text);
    json preview = {{"file", file.filename},
                    {"format", std::string(DocumentFormatName(imported->format))},
                    {"recognised",
                     {{"unit", p.unit.name},
                      {"fiscal_year", p.fiscal_year},
                      {"indicators", p.evaluation.indicators.size()},
                      {"report_sections", p.report.sections.size()},
                      {"expense_rows", p.basic_data.expenses.size()},
                      {"values_placed", p.provenance.size()}}},
                    {"not_placed", notes},
                    {"changes", DiffPackages(*head, after)}};
    if (p.fiscal_year != l->row.fiscal_year) {
      return Error(
          c, 422,
          fmt::format("文件是 {} 年度的，数据包是 {} 年度的 / the file is for another year",
                      p.fiscal_year, l->row.fiscal_year));
    }
    if (!commit) return Json(c, 200, preview);
    Result<int64_t> base =
        ParseId(c.req.has_file("base_version") ? c.req.get_file_value("base_version").content : "");
    if (!base.ok()) return Error(c, 400, "导入需要 base_version / base_version is required");
    return save(*l, *base, after, "import", "导入 " + file.filename);
  }
  if (name == "package.submit" || name == "package.return" || name == "package.forward" ||
      name == "package.accept" || name == "package.publish" || name == "package.unpublish") {
    const std::string action = name.substr(8);
    const Action a = action == "submit"      ? Action::kSubmit
                     : action == "return"    ? Action::kReturn
                     : action == "forward"   ? Action::kForward
                     : action == "publish"   ? Action::kPublish
                     : action == "unpublish" ? Action::kUnpublish
                                             : Action::kAccept;
    std::optional<Loaded> l = LoadFor(c, id, a);
    if (!l) return;
    std::optional<TransitionRequest> req = Parsed<TransitionRequest>(c, ParseTransitionRequest);
    if (!req) return;
    const std::string comment = req->comment;
    if (a == Action::kReturn && comment.empty())
      return Error(c, 400, "退回需要写明审核意见 / a return needs a comment");
    if (req->version && *req->version != l->row.head_version) {
      return Error(c, 409,
                   fmt::format("数据包已更新为第 {} 版，请查看后再操作 / the package changed",
                               l->row.head_version));
    }
    const PackageStatus to = a == Action::kSubmit    ? PackageStatus::kSubmitted
                             : a == Action::kReturn  ? PackageStatus::kReturned
                             : a == Action::kForward ? PackageStatus::kForwarded
                             : a == Action::kPublish ? PackageStatus::kPublished
                                                     : PackageStatus::kAccepted;
    const int64_t freeze = a == Action::kSubmit   ? l->row.head_version
                           : a == Action::kReturn ? -1
                                                  : 0;
    Status s = store->Transition(l->row.id, l->row.status, to, freeze, me.id, action, comment, now);
    if (!s.ok()) return StatusError(c, s);
    if (!comment.empty() && a != Action::kSubmit) {
      store::Comment cm;
      cm.package_id = l->row.id;
      cm.version = l->row.head_version;
      cm.author_id = me.id;
      cm.author_role = me.role;
      cm.at_ms = now;
      cm.body = comment;
      (void)store->AddComment(cm);
    }
    Result<store::PackageRow> row = store->GetPackage(l->row.id);
    if (!row.ok()) return StatusError(c, row.status());
    return Json(c, 200, SummaryJson(*row));
  }
  if (name == "events.list") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kView);
    if (!l) return;
    Result<std::vector<store::Event>> es = store->ListEvents(l->row.id);
    if (!es.ok()) return StatusError(c, es.status());
    json list = json::array();
    for (const store::Event& e : *es) list.push_back(EventJson(e));
    return Json(c, 200, {{"events", list}});
  }
  if (name == "comments.list" || name == "comments.create" || name == "comment.resolve") {
    std::optional<Loaded> l =
        LoadFor(c, id, name == "comments.list" ? Action::kView : Action::kComment);
    if (!l) return;
    if (name == "comments.list") {
      Result<std::vector<store::Comment>> cs = store->ListComments(l->row.id);
      if (!cs.ok()) return StatusError(c, cs.status());
      json list = json::array();
      for (const store::Comment& cm : *cs) list.push_back(CommentJson(cm));
      return Json(c, 200, {{"comments", list}});
    }
    if (name == "comment.resolve") {
      const int64_t cid = PathId(c.req, 2);
      Result<std::vector<store::Comment>> cs = store->ListComments(l->row.id);
      if (!cs.ok()) return StatusError(c, cs.status());
      auto it = std::find_if(cs->begin(), cs->end(),
                             [&](const store::Comment& x) { return x.id == cid; });
      if (it == cs->end()) return Error(c, 404, "没有这条意见 / no such comment");
      Status s = store->ResolveComment(cid, true);
      if (!s.ok()) return StatusError(c, s);
      return Json(c, 200, {{"ok", true}});
    }
    std::optional<CommentRequest> req = Parsed<CommentRequest>(c, ParseCommentRequest);
    if (!req) return;
    store::Comment cm;
    cm.package_id = l->row.id;
    cm.version = l->row.head_version;
    cm.author_id = me.id;
    cm.author_role = me.role;
    cm.at_ms = now;
    cm.target = req->target;
    cm.body = req->body;
    cm.reply_to = req->reply_to.value_or(0);
    Result<int64_t> cid = store->AddComment(cm);
    if (!cid.ok()) return StatusError(c, cid.status());
    cm.id = *cid;
    cm.author_name = me.name;
    store::Event e;
    e.package_id = l->row.id;
    e.at_ms = now;
    e.user_id = me.id;
    e.action = "comment";
    e.from_status = e.to_status = std::string(store::StatusKey(l->row.status));
    e.version = l->row.head_version;
    e.comment = req->body;
    (void)store->AppendEvent(e);
    return Json(c, 201, CommentJson(cm));
  }
  if (name == "attachments.list" || name == "attachment.get") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kView);
    if (!l) return;
    if (name == "attachments.list") {
      Result<std::vector<store::Attachment>> as = store->ListAttachments(l->row.id);
      if (!as.ok()) return StatusError(c, as.status());
      json list = json::array();
      for (const store::Attachment& a : *as) list.push_back(AttachmentJson(a));
      return Json(c, 200, {{"attachments", list}});
    }
    Result<store::Attachment> a = store->GetAttachment(PathId(c.req, 2));
    if (!a.ok() || a->package_id != l->row.id)
      return Error(c, 404, "没有这个附件 / no such attachment");
    Result<std::string> blob = store->GetBlob(a->sha256);
    if (!blob.ok()) return StatusError(c, blob.status());
    c.res.status = 200;
    // Served for download only, never shown inline (an uploaded file is not our page).
    c.res.set_header("Content-Disposition",
                     fmt::format("attachment; filename=\"evidence-{}\"; filename*=UTF-8''{}", a->id,
                                 PercentEncoded(a->name)));
    c.res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
    c.res.set_content(std::move(blob).value(), a->mime);
    return;
  }
  if (name == "attachments.create" || name == "attachment.delete") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kEdit);
    if (!l) return;
    if (name == "attachment.delete") {
      Result<store::Attachment> a = store->GetAttachment(PathId(c.req, 2));
      if (!a.ok() || a->package_id != l->row.id)
        return Error(c, 404, "没有这个附件 / no such attachment");
      Status s = store->RemoveAttachment(a->id);
      if (!s.ok()) return StatusError(c, s);
      Result<int64_t> v = record_evidence(*l, "detach", "删除佐证 " + a->name);
      if (!v.ok()) return StatusError(c, v.status());
      return Json(c, 200, {{"ok", true}, {"version", *v}});
    }
    if (!c.req.has_file("file"))
      return Error(c, 400, "请选择文件（表单字段 file）/ the form field file is missing");
    const httplib::MultipartFormData file = c.req.get_file_value("file");
    const std::string target =
        c.req.has_file("target") ? c.req.get_file_value("target").content : "";
    if (!target.empty() && target[0] != '/')
      return Error(c, 400, "target 应为 JSON 指针 / target must be a JSON pointer");
    Result<Sniffed> kind = SniffEvidence(file.content, file.filename);
    if (!kind.ok()) return Error(c, 415, kind.status().message());
    const std::string sha = Sha256Hex(file.content);
    Status put = store->PutBlob(sha, kind->mime, file.content);
    if (!put.ok()) return StatusError(c, put);
    store::Attachment a;
    a.package_id = l->row.id;
    a.target = target;
    a.name = file.filename.empty() ? "evidence." + kind->ext : file.filename;
    a.mime = kind->mime;
    a.size = static_cast<int64_t>(file.content.size());
    a.sha256 = sha;
    a.uploaded_by = me.id;
    a.at_ms = now;
    Result<int64_t> aid = store->AddAttachment(a);
    if (!aid.ok()) return StatusError(c, aid.status());
    a.id = *aid;
    Result<int64_t> v = record_evidence(*l, "attach", "上传佐证 " + a.name);
    if (!v.ok()) return StatusError(c, v.status());
    json j = AttachmentJson(a);
    j["version"] = *v;
    return Json(c, 201, j);
  }
  Error(c, 404, "没有这个地址 / no such address");
}

}  // namespace jixiao::server
