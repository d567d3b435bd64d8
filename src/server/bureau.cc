// The bureau's side of the web application: the year's dashboard of a 主管部门 or the 财政局
// (page and API; the logic is dashboard.h's). docs/server.md describes it.
#include <fmt/format.h>

#include <ctime>
#include <map>

#include "render/list_workbook.h"
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
      "<p class=\"exports\">导出当前列表：<a href=\"{}\" download>Excel（XLSX）</a> · <a "
      "href=\"{}\" download>CSV</a></p>",
      Html(Link(year, q, "format", "xlsx", api)), Html(Link(year, q, "format", "csv", api)));

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
          heading("risk", "风险分");
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
        "</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        e.row.unit.id,
        p ? fmt::format("<a href=\"/packages/{}\">{}</a>", p->id, Html(e.row.unit.name))
          : Html(e.row.unit.name),
        Html(e.row.department), Html(e.status_key), Html(e.status_name),
        p ? BeijingTime(p->first_submitted_ms) : "",
        e.late ? "<span class=\"late\">" + Html(e.late_text) + "</span>" : "",
        p ? Html(p->summary.total) : "", p ? Html(p->summary.grade) : "",
        p && !p->summary.execution_rate.empty() ? Html(p->summary.execution_rate) + "%" : "",
        p ? FindingCounts(p->summary) : "", signals);
  }
  html += "</tbody></table></div>";
  if (entries.empty()) html += "<p class=\"empty\">没有符合条件的单位。</p>";
  Send(c, 200, fmt::format("{} 年度汇总", year), html);
}

}  // namespace jixiao::server
