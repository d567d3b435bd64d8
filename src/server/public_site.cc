// The public site: what the 财政局 has published, readable without logging in — the regions and
// years, each year's list of units, each package's documents (the published version as a web
// page, PDF or Word) and the year's open data (publish/open_data.h). Only 已公开 packages
// exist here: any other answers 404, whoever asks (access.h PubliclyVisible).
#include <fmt/format.h>

#include <map>

#include "publish/open_data.h"
#include "server/dashboard.h"
#include "server/internal.h"
#include "server/page_parts.h"

namespace jixiao::server {

using store::PackageStatus;

namespace {

// The published packages of a region's year, with their units, as the public sees them.
struct PublicYear {
  store::Region region;
  std::vector<store::PackageRow> rows;
  std::map<int64_t, store::Org> orgs;
};

Result<PublicYear> ReadPublicYear(store::Store* store, int64_t region_id, int year) {
  PublicYear y;
  Result<store::Region> region = store->GetRegion(region_id);
  if (!region.ok()) return region.status();
  y.region = *region;
  store::PackageFilter f;
  f.region_id = region_id;
  f.fiscal_year = year;
  f.status = PackageStatus::kPublished;
  Result<std::vector<store::PackageRow>> rows = store->ListPackages(f);
  if (!rows.ok()) return rows.status();
  y.rows = std::move(rows).value();
  Result<std::vector<store::Org>> orgs = store->ListOrgs(region_id);
  if (!orgs.ok()) return orgs.status();
  for (store::Org& o : *orgs) y.orgs.emplace(o.id, std::move(o));
  return y;
}

std::string DateOf(int64_t ms) { return BeijingTime(ms).substr(0, 10); }

// The version the public reads: the one frozen at submission (what was reviewed and accepted).
int64_t PublishedVersion(const store::PackageRow& row) {
  return row.submitted_version > 0 ? row.submitted_version : row.head_version;
}

}  // namespace

void App::Impl::PublicPage(const std::string& name, Ctx& c) {
  if (name == "page.public") {
    Result<std::vector<store::PublishedYear>> years = store->PublishedYears();
    if (!years.ok()) return StatusError(c, years.status());
    std::string html = "<h1>绩效自评公开</h1>";
    html +=
        "<p "
        "class=\"lead\">财政部门公开的部门整体支出绩效自评：每个单位的自评表、自评报告和基础数据，"
        "以及每年的开放数据（CSV 与 datapackage.json）。</p>";
    int64_t region = 0;
    for (const store::PublishedYear& y : *years) {
      if (y.region_id != region) {
        if (region != 0) html += "</ul>";
        region = y.region_id;
        html += fmt::format("<h2>{}</h2><ul class=\"years\">", Html(y.region_name));
      }
      html += fmt::format("<li><a href=\"/public/{}/{}\">{} 年度</a>（{} 个单位）</li>",
                          y.region_id, y.fiscal_year, y.fiscal_year, y.packages);
    }
    if (region != 0) html += "</ul>";
    if (years->empty()) html += "<p class=\"empty\">还没有公开的材料。</p>";
    return Send(c, 200, "绩效自评公开", html);
  }
  if (name == "page.public_year") {
    const int64_t region_id = PathId(c.req, 1);
    const int64_t year = PathId(c.req, 2);
    Result<PublicYear> y = ReadPublicYear(store, region_id, static_cast<int>(year));
    if (!y.ok()) {
      if (y.status().code() == Status::Code::kNotFound) return NotFound(c);
      return StatusError(c, y.status());
    }
    std::string html = fmt::format("<h1>{} {} 年度绩效自评公开</h1>", Html(y->region.name), year);
    html += fmt::format(
        "<p class=\"exports\">开放数据：<a "
        "href=\"/public/{0}/{1}/amounts.csv\">预算与执行（CSV）</a> · "
        "<a href=\"/public/{0}/{1}/scores.csv\">执行率与得分（CSV）</a> · <a "
        "href=\"/public/{0}/{1}/datapackage.json\">datapackage.json</a>（Fiscal Data "
        "Package）</p>",
        region_id, year);
    html +=
        "<div class=\"table-wrap\"><table class=\"list\" id=\"published\"><thead><tr><th "
        "scope=\"col\">单位</th><th scope=\"col\">主管部门</th><th scope=\"col\">自评得分</th><th "
        "scope=\"col\">等级</th><th scope=\"col\">执行率</th><th "
        "scope=\"col\">公开日期</th></tr></thead><tbody>";
    for (const store::PackageRow& r : y->rows) {
      const auto unit = y->orgs.find(r.unit_id);
      std::string department;
      if (unit != y->orgs.end()) {
        const auto d = y->orgs.find(unit->second.parent_id);
        if (d != y->orgs.end()) department = d->second.name;
      }
      html += fmt::format(
          "<tr><td><a href=\"/public/packages/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>"
          "<td>{}</td><td>{}</td></tr>",
          r.id, Html(unit != y->orgs.end() ? unit->second.name : r.summary.unit_name),
          Html(department), Html(r.summary.total), Html(r.summary.grade),
          r.summary.execution_rate.empty() ? "" : Html(r.summary.execution_rate) + "%",
          DateOf(r.published_ms));
    }
    html += "</tbody></table></div>";
    if (y->rows.empty()) html += "<p class=\"empty\">这一年还没有公开的材料。</p>";
    html += "<p><a href=\"/public\">全部年度</a></p>";
    return Send(c, 200, fmt::format("{} 年度绩效自评公开", year), html);
  }
  // page.public_package
  Result<Loaded> l = Load(PathId(c.req, 1));
  if (!l.ok() || !PubliclyVisible(l->row.status)) {
    if (!l.ok() && l.status().code() != Status::Code::kNotFound) {
      return StatusError(c, l.status());
    }
    return NotFound(c);
  }
  const store::PackageRow& r = l->row;
  const std::string unit = l->unit.name;
  std::string html =
      fmt::format("<h1>{} {} 年度部门整体支出绩效自评</h1>", Html(unit), r.fiscal_year);
  html += fmt::format("<p class=\"lead\">自评得分 {} · 等级 {} · 预算执行率 {}% · 公开日期 {}</p>",
                      Html(r.summary.total), Html(r.summary.grade), Html(r.summary.execution_rate),
                      DateOf(r.published_ms));
  const std::string base = fmt::format("/public/packages/{}/documents/", r.id);
  html += fmt::format(
      "<ul class=\"documents\"><li><a href=\"{0}html\">在网页中阅读</a></li><li><a "
      "href=\"{0}pdf\" download>PDF</a></li><li><a href=\"{0}docx\" download>Word（DOCX）</a></li>"
      "</ul>",
      base);
  html += fmt::format("<p><a href=\"/public/{}/{}\">{} 年度的全部单位与开放数据</a></p>",
                      l->unit.region_id, r.fiscal_year, r.fiscal_year);
  Send(c, 200, fmt::format("{} {} 年度绩效自评", unit, r.fiscal_year), html);
}

void App::Impl::PublicApi(const std::string& name, Ctx& c) {
  if (name == "public.document") {
    Result<Loaded> l = Load(PathId(c.req, 1));
    if (!l.ok() || !PubliclyVisible(l->row.status)) {
      if (!l.ok() && l.status().code() != Status::Code::kNotFound) {
        return StatusError(c, l.status());
      }
      return Error(c, 404, "没有这份公开的材料 / no such published package");
    }
    const std::string format = c.req.matches.size() > 2 ? c.req.matches[2].str() : "";
    static const std::map<std::string, std::string> kTypes = {
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"pdf", "application/pdf"},
        {"html", "text/html; charset=utf-8"}};
    const auto type = kTypes.find(format);
    if (type == kTypes.end())
      return Error(c, 404, "文档格式应为 html、pdf 或 docx / unknown format");
    const bool page = format == "html";
    SendDocument(c, *l, PublishedVersion(l->row), format, type->second, !page);
    if (page && c.res.status == 200) {
      // The document carries its own style sheet and no script.
      c.res.headers.erase("Content-Security-Policy");
      c.res.set_header("Content-Security-Policy",
                       "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }
    return;
  }
  // public.data: datapackage.json, amounts.csv, scores.csv of a region's year.
  const int64_t region_id = PathId(c.req, 1);
  const int64_t year = PathId(c.req, 2);
  const std::string file = c.req.matches.size() > 3 ? c.req.matches[3].str() : "";
  if (file != "datapackage.json" && file != "amounts.csv" && file != "scores.csv") {
    return Error(c, 404, "开放数据只有 datapackage.json、amounts.csv 和 scores.csv / no such file");
  }
  Result<PublicYear> y = ReadPublicYear(store, region_id, static_cast<int>(year));
  if (!y.ok()) {
    if (y.status().code() == Status::Code::kNotFound)
      return Error(c, 404, "没有这个地区 / no such region");
    return StatusError(c, y.status());
  }
  std::vector<EvaluatedPtr> keep;  // the packages the entries point into
  std::vector<PublishedEntry> entries;
  for (const store::PackageRow& r : y->rows) {
    Result<Loaded> l = Load(r.id);
    if (!l.ok()) return StatusError(c, l.status());
    Result<EvaluatedPtr> e = VersionEvaluated(*l, PublishedVersion(r));
    if (!e.ok()) return StatusError(c, e.status());
    keep.push_back(*e);
    PublishedEntry p;
    p.unit_id = r.unit_id;
    p.unit_code = l->unit.code;
    p.unit_name = l->unit.name;
    const auto d = y->orgs.find(l->unit.parent_id);
    if (d != y->orgs.end()) p.department = d->second.name;
    p.package = &keep.back()->package;
    p.total = r.summary.total;
    p.grade = r.summary.grade;
    p.execution_rate = r.summary.execution_rate;
    p.published_date = DateOf(r.published_ms);
    entries.push_back(std::move(p));
  }
  const OpenData data = BuildOpenData(y->region.name, fmt::format("region-{}", region_id),
                                      static_cast<int>(year), entries);
  c.res.status = 200;
  if (file == "datapackage.json") {
    c.res.set_content(data.datapackage_json, "application/json; charset=utf-8");
  } else {
    c.res.set_content(file == "amounts.csv" ? data.amounts_csv : data.scores_csv,
                      "text/csv; charset=utf-8");
  }
}

}  // namespace jixiao::server
