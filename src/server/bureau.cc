// The bureau's side of the web application: the year's dashboard of a 主管部门 or the 财政局
// (page and API; the logic is dashboard.h's). docs/server.md describes it.
#include <fmt/format.h>

#include <ctime>
#include <map>
#include <random>

#include "render/docx_writer.h"
#include "render/fonts.h"
#include "render/list_workbook.h"
#include "render/pdf_writer.h"
#include "review/review.h"
#include "review/spot_check.h"
#include "server/dashboard.h"
#include "server/internal.h"
#include "server/package_ops.h"
#include "server/page_parts.h"

namespace jixiao::server {

using nlohmann::json;
using store::Role;

namespace {

// The request's query parameters as ParseDashboardQuery takes them.
std::multimap<std::string, std::string> Params(const httplib::Request& req) {
  return {req.params.begin(), req.params.end()};
}

// A link to the dashboard with `query` and one parameter changed ("" removes it).
std::string Link(int year, const DashboardQuery& q, const std::string& key,
                 const std::string& value, const std::string& base = "/dashboard") {
  std::map<std::string, std::string> p;
  if (base == "/dashboard") p["year"] = std::to_string(year);
  if (q.status) p["status"] = *q.status;
  if (q.dept) p["dept"] = std::to_string(*q.dept);
  if (!q.text.empty()) p["q"] = q.text;
  p["sort"] = (q.desc ? "-" : "") + q.sort;
  if (value.empty()) {
    p.erase(key);
  } else {
    p[key] = value;
  }
  std::string out = base;
  char sep = '?';
  for (const auto& [k, v] : p) {
    out += sep + k + "=" + httplib::detail::encode_query_param(v);
    sep = '&';
  }
  return out;
}

int CurrentYear(int64_t now_ms) {
  const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

}  // namespace

void App::Impl::DashboardApi(Ctx& c) {
  const int64_t year = PathId(c.req, 1);
  if (year < 2000 || year > 2100) return Error(c, 400, "年度应在 2000–2100 之间 / bad year");
  std::optional<store::DashboardScope> scope = DashboardScopeFor(c.u(), static_cast<int>(year));
  if (!scope) {
    return Error(c, 403, "只有主管部门和财政局有年度汇总 / the dashboard is the reviewers'");
  }
  Result<DashboardQuery> q = ParseDashboardQuery(Params(c.req));
  if (!q.ok()) return Error(c, 400, q.status().message());
  if (q->year && *q->year != year) {
    return Error(c, 400, "年度已在路径中给出 / the year is given in the path");
  }
  if (q->dept && c.user->role == Role::kBureau) scope->department_id = q->dept;
  Result<std::vector<store::DashboardRow>> rows = store->Dashboard(*scope);
  if (!rows.ok()) return StatusError(c, rows.status());
  Result<std::string> deadline = store->GetDeadline(c.user->region_id, static_cast<int>(year));
  if (!deadline.ok()) return StatusError(c, deadline.status());
  Result<store::Region> region = store->GetRegion(c.user->region_id);
  if (!region.ok()) return StatusError(c, region.status());
  const auto rulebook = RulebookFor(region->rulebook, "national");
  std::vector<DashboardEntry> entries = FilterAndSort(
      BuildDashboard(std::move(rows).value(), *c.user, *deadline, rulebook->risk, app->Now()), *q);
  const std::string file = fmt::format("dashboard-{}", year);
  if (q->format == "csv") {
    c.res.status = 200;
    c.res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"");
    c.res.set_content(DashboardCsv(entries), "text/csv; charset=utf-8");
    return;
  }
  if (q->format == "xlsx") {
    Result<std::string> bytes =
        ListWorkbookBytes(DashboardSheets(static_cast<int>(year), *deadline, entries));
    if (!bytes.ok()) return StatusError(c, bytes.status());
    c.res.status = 200;
    c.res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".xlsx\"");
    c.res.set_content(*bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return;
  }
  Json(c, 200, DashboardJson(static_cast<int>(year), *deadline, entries));
}

void App::Impl::DashboardPage(Ctx& c) {
  const store::User& me = *c.user;
  Result<DashboardQuery> parsed = ParseDashboardQuery(Params(c.req));
  if (!parsed.ok()) {
    return Send(c, 400, "参数有误",
                "<h1>参数有误</h1><p>" + Html(parsed.status().message()) +
                    "</p><p><a href=\"/dashboard\">回到年度汇总</a></p>");
  }
  DashboardQuery q = *parsed;
  int year = q.year.value_or(0);
  if (year == 0) {
    Result<int> latest = store->LatestFiscalYear(me.region_id);
    if (!latest.ok()) return StatusError(c, latest.status());
    year = *latest > 0 ? *latest : CurrentYear(app->Now()) - 1;
  }
  std::optional<store::DashboardScope> scope = DashboardScopeFor(c.u(), year);
  if (!scope) return NotFound(c);
  if (q.dept && me.role == Role::kBureau) scope->department_id = q.dept;
  Result<std::vector<store::DashboardRow>> rows = store->Dashboard(*scope);
  if (!rows.ok()) return StatusError(c, rows.status());
  Result<std::string> deadline = store->GetDeadline(me.region_id, year);
  if (!deadline.ok()) return StatusError(c, deadline.status());
  Result<store::Region> region = store->GetRegion(me.region_id);
  if (!region.ok()) return StatusError(c, region.status());
  const auto rulebook = RulebookFor(region->rulebook, "national");
  const std::vector<DashboardEntry> all =
      BuildDashboard(std::move(rows).value(), me, *deadline, rulebook->risk, app->Now());
  const DashboardCounts counts = CountDashboard(all);
  const std::vector<DashboardEntry> entries = FilterAndSort(all, q);

  std::string html = fmt::format("<h1>{} 年度汇总</h1>", year);
  html += fmt::format(
      "<p class=\"lead\">截止日期：{}。共 {} 个单位{}。风险分是具名信号的权重之和，每个信号都写明"
      "依据（评分规则的 [risk] 表）。</p>",
      deadline->empty() ? "未设定" : Html(*deadline), counts.total,
      counts.late > 0 ? fmt::format("，<a href=\"{}\">{} 个逾期</a>",
                                    Html(Link(year, q, "status", "late")), counts.late)
                      : "");
  // The states, each a filter.
  html += "<ul class=\"chips\" aria-label=\"按状态筛选\">";
  html += fmt::format("<li><a href=\"{}\"{}>全部 {}</a></li>", Html(Link(year, q, "status", "")),
                      q.status ? "" : " aria-current=\"true\"", counts.total);
  for (const auto& [key, n] : counts.by_status) {
    const std::string label = key == "not_started"     ? "未开始"
                              : key == "not_submitted" ? "未提交"
                                                       : "";
    std::string name = label;
    if (name.empty()) {
      name = std::string(store::StatusName(store::StatusFromKey(key).value()));
    }
    html += fmt::format("<li><a href=\"{}\"{}>{} {}</a></li>", Html(Link(year, q, "status", key)),
                        q.status == key ? " aria-current=\"true\"" : "", Html(name), n);
  }
  html += "</ul>";

  // Filters: a plain GET form (works without the script).
  html += fmt::format(
      "<form method=\"get\" action=\"/dashboard\" class=\"filters\" role=\"search\">"
      "<div class=\"field\"><label for=\"f-year\">年度</label><input id=\"f-year\" name=\"year\" "
      "inputmode=\"numeric\" size=\"5\" value=\"{}\"></div>",
      year);
  if (me.role == Role::kBureau) {
    Result<std::vector<store::Org>> orgs = store->ListOrgs(me.region_id);
    if (!orgs.ok()) return StatusError(c, orgs.status());
    html +=
        "<div class=\"field\"><label for=\"f-dept\">主管部门</label><select id=\"f-dept\" "
        "name=\"dept\"><option value=\"\">全部</option>";
    for (const store::Org& o : *orgs) {
      if (o.kind != store::OrgKind::kDepartment) continue;
      html += fmt::format("<option value=\"{}\"{}>{}</option>", o.id,
                          q.dept == o.id ? " selected" : "", Html(o.name));
    }
    html += "</select></div>";
  }
  html += fmt::format(
      "<div class=\"field\"><label for=\"f-q\">单位名称或编码</label><input id=\"f-q\" name=\"q\" "
      "value=\"{}\"></div><input type=\"hidden\" name=\"status\" value=\"{}\"><input "
      "type=\"hidden\" name=\"sort\" value=\"{}\"><button type=\"submit\">筛选</button></form>",
      Html(q.text), Html(q.status.value_or("")), Html((q.desc ? "-" : "") + q.sort));
  const std::string api = fmt::format("/api/v1/years/{}/dashboard", year);
  html += fmt::format(
      "<p class=\"exports\"><a href=\"/compare/years/{}\">单位间比较（分布、异常值、同一指标）</a> "
      "· "
      "导出当前列表：<a href=\"{}\" download>Excel（XLSX）</a> · <a "
      "href=\"{}\" download>CSV</a></p>",
      year, Html(Link(year, q, "format", "xlsx", api)), Html(Link(year, q, "format", "csv", api)));

  // The table; each heading sorts by its column (again: the other direction).
  auto heading = [&](const std::string& key, const std::string& label) {
    const bool current = q.sort == key;
    const std::string next = current && q.desc ? key : "-" + key;
    return fmt::format(
        "<th scope=\"col\"{}><a href=\"{}\">{}{}</a></th>",
        current ? (q.desc ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"") : "",
        Html(Link(year, q, "sort", next)), label, current ? (q.desc ? " ▼" : " ▲") : "");
  };
  html += "<div class=\"table-wrap\"><table class=\"list\" id=\"dashboard\"><thead><tr>";
  html += heading("unit", "单位") + heading("department", "主管部门") + heading("status", "状态") +
          heading("submitted", "首次提交") + "<th scope=\"col\">逾期</th>" +
          heading("total", "自评得分") + heading("grade", "等级") +
          heading("execution_rate", "执行率") + heading("findings", "发现的问题") +
          "<th scope=\"col\">待整改</th>" + heading("risk", "风险分");
  html += "</tr></thead><tbody>";
  for (const DashboardEntry& e : entries) {
    const store::PackageRow* p = e.visible ? &*e.row.package : nullptr;
    std::string signals;
    if (!e.signals.empty()) {
      signals = "<details><summary>" + Html(e.risk.Normalized().ToString()) + "</summary><ul>";
      for (const json& s : e.signals) {
        signals += fmt::format("<li><strong>{}</strong>（+{}）：{}</li>", Html(s.value("name", "")),
                               Html(s.value("weight", "")), Html(s.value("evidence", "")));
      }
      signals += "</ul></details>";
    } else {
      signals = p ? "0" : "";
    }
    html += fmt::format(
        "<tr data-unit=\"{}\"><td>{}</td><td>{}</td><td><span class=\"status status-{}\">{}</span>"
        "</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>",
        e.row.unit.id,
        p ? fmt::format("<a href=\"/packages/{}\">{}</a>", p->id, Html(e.row.unit.name))
          : Html(e.row.unit.name),
        Html(e.row.department), Html(e.status_key), Html(e.status_name),
        p ? BeijingTime(p->first_submitted_ms) : "",
        e.late ? "<span class=\"late\">" + Html(e.late_text) + "</span>" : "",
        p ? Html(p->summary.total) : "", p ? Html(p->summary.grade) : "",
        p && !p->summary.execution_rate.empty() ? Html(p->summary.execution_rate) + "%" : "",
        p ? FindingCounts(p->summary) : "",
        e.row.open_rectifications > 0 ? std::to_string(e.row.open_rectifications) : "", signals);
  }
  html += "</tbody></table></div>";
  if (entries.empty()) html += "<p class=\"empty\">没有符合条件的单位。</p>";
  Send(c, 200, fmt::format("{} 年度汇总", year), html);
}

}  // namespace jixiao::server

// ---- 抽评 and 整改 ------------------------------------------------------------------------

namespace jixiao::server {

using nlohmann::json;
using store::Role;

namespace {

const char* const kSampledStatuses[] = {"submitted", "forwarded", "accepted", "published"};

bool Sampleable(const DashboardEntry& e) {
  if (!e.visible || !e.row.package) return false;
  const std::string key(store::StatusKey(e.row.package->status));
  for (const char* s : kSampledStatuses) {
    if (key == s) return true;
  }
  return false;
}

json SampleJson(const store::SampleRow& s, const std::map<int64_t, std::string>& units) {
  json entries = json::array();
  for (const store::SampleEntryRow& e : s.entries) {
    const auto unit = units.find(e.package_id);
    entries.push_back({{"position", e.position},
                       {"package_id", e.package_id},
                       {"unit", unit == units.end() ? "" : unit->second},
                       {"by_risk", e.by_risk},
                       {"risk", e.risk},
                       {"reason", e.reason}});
  }
  return {{"fiscal_year", s.fiscal_year},
          {"seed", s.seed},
          {"requested", s.requested},
          {"risk_share", s.risk_share},
          {"drawn_by", s.drawn_by_name},
          {"drawn", BeijingTime(s.drawn_ms)},
          {"entries", entries}};
}

std::string DateZh(int64_t ms) {
  const std::string t = BeijingTime(ms);
  if (t.size() < 10) return "";
  return fmt::format("{}年{}月{}日", t.substr(0, 4), std::stoi(t.substr(5, 2)),
                     std::stoi(t.substr(8, 2)));
}

std::string Printed(const std::optional<Decimal>& d) { return d ? d->Normalized().ToString() : ""; }

}  // namespace

// The package names of a region's year, by package id (for the sample's table).
static std::map<int64_t, std::string> PackageUnits(store::Store* store, int64_t region_id,
                                                   int year) {
  std::map<int64_t, std::string> out;
  Result<std::vector<store::DashboardRow>> rows = store->Dashboard({region_id, std::nullopt, year});
  if (!rows.ok()) return out;
  for (const store::DashboardRow& r : *rows) {
    if (r.package) out[r.package->id] = r.unit.name;
  }
  return out;
}

Result<SpotCheck> App::Impl::SpotCheckOf(const Loaded& l, std::shared_ptr<const Evaluated>* out) {
  const int64_t version =
      l.row.submitted_version > 0 ? l.row.submitted_version : l.row.head_version;
  Result<EvaluatedPtr> e = VersionEvaluated(l, version);
  if (!e.ok()) return e.status();
  Result<std::vector<store::SpotScoreRow>> rows = store->ListSpotScores(l.row.id);
  if (!rows.ok()) return rows.status();
  std::vector<SpotScore> scores;
  for (const store::SpotScoreRow& r : *rows) {
    std::optional<Decimal> d = Decimal::Parse(r.score);
    if (d) scores.push_back({r.pointer, *d, r.reason});
  }
  const Package& package = (*e)->package;
  const auto rb = RulebookFor(package.rulebook, l.region_rulebook);
  const ScoreSheet sheet = ScorePackage(package, *rb);
  if (out != nullptr) *out = *e;
  return ComputeSpotCheck(package, *rb, sheet, scores);
}

// Whether the package is in its year's sample; the entry when it is.
static std::optional<store::SampleEntryRow> InSample(store::Store* store, const Loaded& l) {
  Result<store::SampleRow> s = store->GetSample(l.place.region_id, l.row.fiscal_year);
  if (!s.ok()) return std::nullopt;
  for (const store::SampleEntryRow& e : s->entries) {
    if (e.package_id == l.row.id) return e;
  }
  return std::nullopt;
}

json SpotCheckJson(const SpotCheck& check) {
  json lines = json::array();
  for (const SpotLine& l : check.lines) {
    lines.push_back({{"pointer", l.pointer},
                     {"name", l.name},
                     {"weight", Printed(l.weight)},
                     {"self", Printed(l.self)},
                     {"spot", Printed(l.spot)},
                     {"reason", l.reason}});
  }
  return {{"lines", lines},
          {"scored", check.scored},
          {"self_total", Printed(check.self_total)},
          {"self_grade", check.self_grade},
          {"spot_total", Printed(check.spot_total)},
          {"spot_grade", check.spot_grade},
          {"difference", Printed(check.difference)}};
}

void App::Impl::BureauApi(const std::string& name, Ctx& c) {
  const store::User& me = *c.user;
  const int64_t now = app->Now();
  if (name == "sample.get" || name == "sample.create") {
    const int64_t year = PathId(c.req, 1);
    if (year < 2000 || year > 2100) return Error(c, 400, "年度应在 2000–2100 之间 / bad year");
    if (!MayDrawSample(c.u(), me.region_id)) {
      return Error(c, 403, "只有财政局抽取和查看抽评样本 / the bureau's");
    }
    if (name == "sample.create") {
      std::optional<SampleRequest> req = Parsed<SampleRequest>(c, ParseSampleRequest);
      if (!req) return;
      Result<std::vector<store::DashboardRow>> rows =
          store->Dashboard({me.region_id, std::nullopt, static_cast<int>(year)});
      if (!rows.ok()) return StatusError(c, rows.status());
      Result<std::string> deadline = store->GetDeadline(me.region_id, static_cast<int>(year));
      if (!deadline.ok()) return StatusError(c, deadline.status());
      Result<store::Region> region = store->GetRegion(me.region_id);
      if (!region.ok()) return StatusError(c, region.status());
      const auto rulebook = RulebookFor(region->rulebook, "national");
      const std::vector<DashboardEntry> entries =
          BuildDashboard(std::move(rows).value(), me, *deadline, rulebook->risk, now);
      // The packages that left their units, as `jixiao review` sees files.
      std::vector<ReviewedPackage> packages;
      std::vector<const DashboardEntry*> of;
      for (const DashboardEntry& e : entries) {
        if (!Sampleable(e)) continue;
        ReviewedPackage p;
        p.file = e.row.unit.code + " " + e.row.unit.name;
        p.unit_name = e.row.unit.name;
        p.fiscal_year = static_cast<int>(year);
        p.risk = e.risk;
        p.findings = e.row.package->summary.findings;
        for (const json& s : e.signals) {
          RiskSignal r;
          r.key = s.value("key", "");
          r.name_zh = r.name_en = s.value("name", "");
          r.weight = Decimal::Parse(s.value("weight", "0")).value_or(Decimal::FromInt(0));
          r.evidence_zh = r.evidence_en = s.value("evidence", "");
          p.signals.push_back(std::move(r));
        }
        packages.push_back(std::move(p));
        of.push_back(&e);
      }
      if (packages.empty()) {
        return Error(c, 409, "这一年还没有已提交的材料可供抽评 / nothing submitted to sample");
      }
      uint64_t seed = 0;
      if (req->seed) {
        seed = static_cast<uint64_t>(*req->seed);
      } else {
        std::random_device rd;
        seed = ((uint64_t{rd()} << 32) | rd()) & ((uint64_t{1} << 53) - 1);
      }
      const std::vector<size_t> ranking = RankByRisk(packages);
      const Sample drawn = DrawSample(packages, ranking, static_cast<size_t>(req->size), seed,
                                      static_cast<int>(req->risk_share));
      store::SampleRow row;
      row.region_id = me.region_id;
      row.fiscal_year = static_cast<int>(year);
      row.seed = static_cast<int64_t>(seed);
      row.requested = static_cast<int>(req->size);
      row.risk_share = static_cast<int>(req->risk_share);
      row.drawn_by = me.id;
      row.drawn_ms = now;
      int position = 0;
      for (const SampleEntry& e : drawn.entries) {
        row.entries.push_back({of[e.index]->row.package->id, ++position, e.by_risk,
                               of[e.index]->risk.Normalized().ToString(), e.reason_zh});
      }
      Result<int64_t> saved = store->SaveSample(row);
      if (!saved.ok()) return StatusError(c, saved.status());
    }
    Result<store::SampleRow> s = store->GetSample(me.region_id, static_cast<int>(year));
    if (!s.ok()) return StatusError(c, s.status());
    return Json(c, name == "sample.create" ? 201 : 200,
                SampleJson(*s, PackageUnits(store, me.region_id, static_cast<int>(year))));
  }

  const int64_t id = PathId(c.req, 1);
  if (name == "spot_check.get" || name == "spot_check.put" || name == "spot_check.document") {
    std::optional<Loaded> l = LoadFor(c, id, Action::kSpotCheck);
    if (!l) return;
    const std::optional<store::SampleEntryRow> entry = InSample(store, *l);
    if (!entry) {
      return Error(c, 409,
                   "这份材料不在本年度的抽评样本中 / the package is not in its year's sample");
    }
    std::shared_ptr<const Evaluated> evaluated;
    Result<SpotCheck> check = SpotCheckOf(*l, &evaluated);
    if (!check.ok()) return StatusError(c, check.status());
    if (name == "spot_check.put") {
      std::optional<SpotCheckRequest> req = Parsed<SpotCheckRequest>(c, ParseSpotCheckRequest);
      if (!req) return;
      std::vector<SpotScore> scores;
      for (const SpotScoreInput& in : req->scores) {
        scores.push_back({in.pointer, in.score, in.reason});
      }
      if (Status s = ValidateSpotScores(*check, scores); !s.ok()) {
        return Error(c, 400, s.message());
      }
      std::vector<store::SpotScoreRow> rows;
      for (const SpotScore& s : scores) {
        rows.push_back({s.pointer, 0, s.score.Normalized().ToString(), s.reason, me.id, now});
      }
      const int64_t version =
          l->row.submitted_version > 0 ? l->row.submitted_version : l->row.head_version;
      if (Status s = store->PutSpotScores(l->row.id, version, rows, me.id, now); !s.ok()) {
        return StatusError(c, s);
      }
      check = SpotCheckOf(*l, nullptr);
      if (!check.ok()) return StatusError(c, check.status());
      return Json(c, 200, SpotCheckJson(*check));
    }
    if (name == "spot_check.get") return Json(c, 200, SpotCheckJson(*check));
    // The 抽评结果 document.
    const std::string format = c.req.matches.size() > 2 ? c.req.matches[2].str() : "";
    if (format != "docx" && format != "pdf") {
      return Error(c, 404, "抽评结果文档的格式应为 docx 或 pdf / docx or pdf");
    }
    const Package& package = evaluated->package;
    Result<Form> form = package.form.empty() ? DefaultFormFor(package) : ResolveForm(package.form);
    if (!form.ok()) form = DefaultFormFor(package);
    if (!form.ok()) return StatusError(c, form.status());
    Result<store::Org> bureau = store->GetOrg(me.org_id);
    SpotCheckSigning signing{bureau.ok() ? bureau->name : "", me.name, DateZh(now), entry->reason};
    RenderDocument doc = SpotCheckDocument(package, *check, signing, *form);
    // The DOCX names the form's fonts for the reader's Word; the PDF is drawn with installed ones.
    if (format == "pdf") {
      if (Status s = ResolveFonts(&doc); !s.ok()) return Error(c, 500, s.message());
    }
    Result<std::string> bytes = format == "pdf" ? WritePdf(doc) : WriteDocx(doc);
    if (!bytes.ok()) return Error(c, 500, bytes.status().message());
    c.res.status = 200;
    c.res.set_header("Content-Disposition",
                     fmt::format("attachment; filename=\"spot-check-{}.{}\"", l->row.id, format));
    c.res.set_content(*bytes, format == "pdf" ? "application/pdf"
                                              : "application/vnd.openxmlformats-officedocument."
                                                "wordprocessingml.document");
    return;
  }

  // 整改
  const bool listing = name == "rectifications.list";
  std::optional<Loaded> l =
      LoadFor(c, id, name == "rectifications.create" ? Action::kRectify : Action::kView);
  if (!l) return;
  auto item_json = [](const store::Rectification& r) {
    json notes = json::array();
    for (const store::RectificationNote& n : r.notes) {
      notes.push_back({{"kind", n.kind},
                       {"author", n.author_name},
                       {"at", BeijingTime(n.at_ms)},
                       {"body", n.body},
                       {"attachment_id", n.attachment_id}});
    }
    return json{{"id", r.id},
                {"package_id", r.package_id},
                {"fiscal_year", r.fiscal_year},
                {"source", r.source},
                {"target", r.target},
                {"what", r.what},
                {"why", r.why},
                {"due_date", r.due_date},
                {"status", store::RectificationStatusKey(r.status)},
                {"status_name", store::RectificationStatusName(r.status)},
                {"opened", BeijingTime(r.opened_ms)},
                {"closed", BeijingTime(r.closed_ms)},
                {"notes", notes}};
  };
  if (listing) {
    // This package's items, and the unit's items of earlier years still open (reminders).
    Result<std::vector<store::Rectification>> all = store->ListRectifications(0, l->row.unit_id);
    if (!all.ok()) return StatusError(c, all.status());
    json items = json::array(), carried = json::array();
    for (const store::Rectification& r : *all) {
      if (r.package_id == l->row.id) {
        items.push_back(item_json(r));
      } else if (r.fiscal_year < l->row.fiscal_year &&
                 r.status != store::RectificationStatus::kClosed) {
        carried.push_back(item_json(r));
      }
    }
    return Json(c, 200, {{"items", items}, {"carried", carried}});
  }
  if (name == "rectifications.create") {
    std::optional<RectificationRequest> req =
        Parsed<RectificationRequest>(c, ParseRectificationRequest);
    if (!req) return;
    store::Rectification r;
    r.package_id = l->row.id;
    r.source = req->source;
    r.target = req->target;
    r.what = req->what;
    r.why = req->why;
    r.due_date = req->due_date;
    r.opened_by = me.id;
    r.opened_ms = now;
    Result<int64_t> made = store->OpenRectification(r);
    if (!made.ok()) return StatusError(c, made.status());
    Result<store::Rectification> got = store->GetRectification(*made);
    if (!got.ok()) return StatusError(c, got.status());
    return Json(c, 201, item_json(*got));
  }
  // rectification.note: an answer by the unit, closing or reopening by a reviewer.
  const int64_t rid = PathId(c.req, 2);
  Result<store::Rectification> item = store->GetRectification(rid);
  if (!item.ok() || item->package_id != l->row.id) {
    return Error(c, 404, "没有这个整改事项 / no such item");
  }
  std::optional<RectificationNoteRequest> req =
      Parsed<RectificationNoteRequest>(c, ParseRectificationNoteRequest);
  if (!req) return;
  const Answer answer =
      Decide(c.u(), l->place, req->kind == "answer" ? Action::kAnswer : Action::kRectify);
  if (answer != Answer::kAllow) {
    return Error(c, HttpStatusOf(answer),
                 req->kind == "answer" ? "整改事项由单位答复 / the unit answers"
                                       : "整改事项由审核方销号或重新打开 / the reviewers close it");
  }
  if (req->attachment_id) {
    Result<store::Attachment> a = store->GetAttachment(*req->attachment_id);
    if (!a.ok() || a->package_id != l->row.id) {
      return Error(c, 400, "attachment_id 不是这份材料的佐证材料 / not this package's evidence");
    }
  }
  store::RectificationNote note;
  note.author_id = me.id;
  note.kind = req->kind;
  note.body = req->body;
  note.attachment_id = req->attachment_id.value_or(0);
  if (Status s = store->AddRectificationNote(rid, note, now); !s.ok()) return StatusError(c, s);
  Result<store::Rectification> got = store->GetRectification(rid);
  if (!got.ok()) return StatusError(c, got.status());
  return Json(c, 200, item_json(*got));
}

}  // namespace jixiao::server

namespace jixiao::server {

void App::Impl::SamplePage(Ctx& c) {
  const store::User& me = *c.user;
  if (!MayDrawSample(c.u(), me.region_id)) return NotFound(c);
  int year = 0;
  if (c.req.has_param("year")) {
    Result<int64_t> y = ParseId(c.req.get_param_value("year"));
    if (!y.ok() || *y < 2000 || *y > 2100) return NotFound(c);
    year = static_cast<int>(*y);
  } else {
    Result<int> latest = store->LatestFiscalYear(me.region_id);
    if (!latest.ok()) return StatusError(c, latest.status());
    year = *latest > 0 ? *latest : CurrentYear(app->Now()) - 1;
  }
  std::string html = fmt::format("<h1>{} 年度抽评样本</h1>", year);
  Result<store::SampleRow> s = store->GetSample(me.region_id, year);
  if (!s.ok() && s.status().code() != Status::Code::kNotFound) return StatusError(c, s.status());
  const std::string api = fmt::format("/api/v1/years/{}/sample", year);
  if (!s.ok()) {
    html +=
        "<p class=\"lead\">样本分两部分抽取并各自记下理由：按风险排名抽取一部分（风险分是具名信号"
        "之和），其余从剩下的已提交材料中随机抽取。随机种子会保存，审计时可以用同样的种子重现这次"
        "抽取。每个年度只抽一次。</p>";
    html += ApiForm(
        api, "POST", "reload",
        "<div class=\"field\"><label for=\"s-size\">抽取数量</label><input id=\"s-size\" "
        "name=\"size\" data-type=\"int\" inputmode=\"numeric\" value=\"2\" required></div>"
        "<div class=\"field\"><label for=\"s-share\">按风险抽取的比例（%）</label><input "
        "id=\"s-share\" name=\"risk_share\" data-type=\"int\" inputmode=\"numeric\" "
        "value=\"50\"></div><div class=\"field\"><label for=\"s-seed\">随机种子（可空：由系统"
        "生成并保存）</label><input id=\"s-seed\" name=\"seed\" data-type=\"int\" "
        "inputmode=\"numeric\"></div>",
        "抽取样本", "sample-draw");
    return Send(c, 200, fmt::format("{} 年度抽评样本", year), html);
  }
  html += fmt::format(
      "<p class=\"lead\" id=\"sample-seed\">{} 于 {} 抽取 {} 个（按风险 {}%）；随机种子 "
      "<strong>{}</strong>：以同样的材料和种子重抽，得到同样的样本。</p>",
      Html(s->drawn_by_name), BeijingTime(s->drawn_ms), s->entries.size(), s->risk_share, s->seed);
  html +=
      "<div class=\"table-wrap\"><table class=\"list\" id=\"sample\"><thead><tr><th>序号</th>"
      "<th>方式</th><th>单位</th><th>风险分</th><th>抽取理由</th><th>抽评</th></tr></thead><tbody>";
  const std::map<int64_t, std::string> units = PackageUnits(store, me.region_id, year);
  for (const store::SampleEntryRow& e : s->entries) {
    std::string progress = "未开始";
    Result<Loaded> l = Load(e.package_id);
    if (l.ok()) {
      Result<SpotCheck> check = SpotCheckOf(*l, nullptr);
      if (check.ok() && check->scored > 0) {
        progress = check->spot_total
                       ? fmt::format("抽评 {}（{}），差异 {}", Printed(check->spot_total),
                                     Html(check->spot_grade), Printed(check->difference))
                       : fmt::format("已评 {}/{}", check->scored, check->lines.size());
      }
    }
    const auto unit = units.find(e.package_id);
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a "
        "href=\"/packages/{}/spot-check\">{}</a></td></tr>",
        e.position, e.by_risk ? "风险" : "随机",
        Html(unit == units.end() ? std::string() : unit->second), Html(e.risk), Html(e.reason),
        e.package_id, Html(progress));
  }
  html += "</tbody></table></div>";
  Send(c, 200, fmt::format("{} 年度抽评样本", year), html);
}

void App::Impl::SpotCheckPage(Ctx& c, const Loaded& l) {
  if (Decide(c.u(), l.place, Action::kSpotCheck) != Answer::kAllow) return NotFound(c);
  const std::optional<store::SampleEntryRow> entry = InSample(store, l);
  const std::string unit = l.row.summary.unit_name.empty() ? l.unit.name : l.row.summary.unit_name;
  std::string html = fmt::format("<h1>{} {} 年度 · 抽评</h1>", Html(unit), l.row.fiscal_year);
  if (!entry) {
    html += fmt::format(
        "<p>这份材料不在 {} 年度的抽评样本中。<a href=\"/sample?year={}\">抽评样本</a></p>",
        l.row.fiscal_year, l.row.fiscal_year);
    return Send(c, 409, "不在抽评样本中", html);
  }
  Result<SpotCheck> check = SpotCheckOf(l, nullptr);
  if (!check.ok()) return StatusError(c, check.status());
  html += fmt::format("<p class=\"lead\">抽取理由：{}</p>", Html(entry->reason));
  html += fmt::format(
      "<p id=\"spot-summary\">自评得分 <strong>{}</strong>（{}） · 抽评得分 <strong>{}</strong>"
      "（{}） · 差异 <strong>{}</strong> · 已评 {}/{} 项</p>",
      Printed(check->self_total), Html(check->self_grade),
      check->spot_total ? Printed(check->spot_total) : "—",
      check->spot_total ? Html(check->spot_grade) : "—",
      check->difference ? Printed(check->difference) : "—", check->scored, check->lines.size());
  std::string rows;
  int n = 0;
  for (const SpotLine& line : check->lines) {
    ++n;
    rows += fmt::format(
        "<tr data-line=\"{0}\"><td>{1}</td><td class=\"name\">{2}</td><td>{3}</td><td>{4}</td>"
        "<td><input name=\"score\" aria-label=\"{2} 抽评得分\" inputmode=\"decimal\" size=\"6\" "
        "value=\"{5}\"></td><td><textarea name=\"reason\" aria-label=\"{2} 理由\" "
        "rows=\"1\">{6}</textarea></td></tr>",
        Html(line.pointer), n, Html(line.name), Printed(line.weight), Printed(line.self),
        Printed(line.spot), Html(line.reason));
  }
  html += fmt::format(
      "<form class=\"api\" id=\"spot-check\" data-api=\"/api/v1/packages/{}/spot-check\" "
      "data-method=\"PUT\" data-body=\"lines\" data-next=\"reload\"><div "
      "class=\"table-wrap\"><table class=\"list\"><thead><tr><th>序号</th><th>评价内容</th>"
      "<th>分值</th><th>自评得分</th><th>抽评得分</th><th>理由（与自评不同时必填）</th></tr>"
      "</thead><tbody>{}</tbody></table></div><button type=\"submit\">保存抽评得分</button>"
      "<p class=\"form-error\" role=\"alert\"></p></form>",
      l.row.id, rows);
  html += fmt::format(
      "<p class=\"exports\">抽评结果表：<a href=\"/api/v1/packages/{0}/spot-check/documents/docx\" "
      "download>Word</a> · <a href=\"/api/v1/packages/{0}/spot-check/documents/pdf\" "
      "download>PDF</a> · <a href=\"/packages/{0}\">材料</a> · <a "
      "href=\"/sample?year={1}\">抽评样本</a></p>",
      l.row.id, l.row.fiscal_year);
  Send(c, 200, fmt::format("抽评 · {} {} 年度", unit, l.row.fiscal_year), html);
}

std::string App::Impl::RectificationSection(Ctx& c, const Loaded& l, const json& head,
                                            const std::vector<store::Rectification>* prefetched) {
  Result<std::vector<store::Rectification>> all =
      prefetched ? Result<std::vector<store::Rectification>>(*prefetched)
                 : store->ListRectifications(0, l.row.unit_id);
  if (!all.ok()) return "";
  const bool reviewer = Decide(c.u(), l.place, Action::kRectify) == Answer::kAllow;
  const bool unit = Decide(c.u(), l.place, Action::kAnswer) == Answer::kAllow;
  std::string items;
  for (const store::Rectification& r : *all) {
    const bool here = r.package_id == l.row.id;
    const bool carried = !here && r.fiscal_year < l.row.fiscal_year &&
                         r.status != store::RectificationStatus::kClosed;
    if (!here && !carried) continue;
    std::string notes;
    for (const store::RectificationNote& n : r.notes) {
      const char* kind = n.kind == "answer" ? "答复" : n.kind == "close" ? "销号" : "重新打开";
      notes += fmt::format("<li><span class=\"meta\">{} · {} · {}</span> {}</li>", kind,
                           Html(n.author_name), BeijingTime(n.at_ms), Html(n.body));
    }
    std::string forms;
    const std::string api =
        fmt::format("/api/v1/packages/{}/rectifications/{}/notes", r.package_id, r.id);
    auto note_form = [&](const char* kind, const char* label, const char* button) {
      return ApiForm(api, "POST", "reload",
                     fmt::format("<input type=\"hidden\" name=\"kind\" value=\"{0}\"><div "
                                 "class=\"field\"><label for=\"r-{1}-{0}\">{2}</label><textarea "
                                 "id=\"r-{1}-{0}\" name=\"body\" rows=\"2\" required></textarea>"
                                 "</div>",
                                 kind, r.id, label),
                     button, "rectification-note");
    };
    if (here && unit && r.status != store::RectificationStatus::kClosed) {
      forms += note_form("answer", "整改情况", "提交答复");
    }
    if (here && reviewer && r.status != store::RectificationStatus::kClosed) {
      forms += note_form("close", "销号意见", "销号");
    }
    if (here && reviewer && r.status != store::RectificationStatus::kOpen) {
      forms += note_form("reopen", "重新打开的理由", "重新打开");
    }
    items += fmt::format(
        "<li class=\"rectification status-{}\" data-id=\"{}\"><p><strong>{}</strong> <span "
        "class=\"badge\">{}</span>{} · 期限 {}{}</p><p>原因：{}</p><ul class=\"notes\">{}</ul>{}"
        "</li>",
        store::RectificationStatusKey(r.status), r.id, Html(r.what),
        store::RectificationStatusName(r.status),
        carried ? fmt::format(" · 来自 {} 年度", r.fiscal_year) : "", Html(r.due_date),
        r.target.empty() || !here ? "" : " · " + Html(FieldName(head, r.target)), Html(r.why),
        notes, forms);
  }
  std::string html = "<section id=\"rectifications\"><h2>整改事项</h2>";
  html += items.empty() ? "<p class=\"empty\">没有整改事项。</p>"
                        : "<ul class=\"rectifications\">" + items + "</ul>";
  if (reviewer) {
    html += ApiForm(
        fmt::format("/api/v1/packages/{}/rectifications", l.row.id), "POST", "reload",
        "<div class=\"field\"><label for=\"rx-what\">需要整改的问题</label><textarea "
        "id=\"rx-what\" name=\"what\" rows=\"2\" required></textarea></div><div "
        "class=\"field\"><label for=\"rx-why\">依据</label><textarea id=\"rx-why\" name=\"why\" "
        "rows=\"2\" required></textarea></div><div class=\"field\"><label "
        "for=\"rx-due\">整改期限</label><input id=\"rx-due\" name=\"due_date\" type=\"date\" "
        "required></div><div class=\"field\"><label for=\"rx-source\">来源</label><select "
        "id=\"rx-source\" name=\"source\"><option value=\"review\">审核</option><option "
        "value=\"spot_check\">抽评</option></select></div>",
        "下发整改通知", "rectification-open");
  }
  return html + "</section>";
}

}  // namespace jixiao::server
