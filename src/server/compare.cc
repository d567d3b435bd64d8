// Comparison pages: one unit across its years (money, execution, scores, each indicator's target
// and actual year by year) and the units of a year (the distribution of totals and execution
// rates, the outliers with their reasons, one indicator across the units that report it).
// Charts are images served beside the page — SVG shown in it, PNG for download — drawn by
// render/charts.h. docs/server.md describes the pages.
#include "server/compare.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "render/charts.h"
#include "server/dashboard.h"
#include "server/internal.h"
#include "server/package_ops.h"
#include "server/page_parts.h"

namespace jixiao::server {

using nlohmann::json;

namespace {

std::string Printed(const std::optional<Decimal>& d) { return d ? d->Normalized().ToString() : ""; }
std::optional<Decimal> Amount(const Cell& c) {
  if (!c.has_number() || !c.value.valid()) return std::nullopt;
  return c.value;
}

// Both images of a chart: the SVG shown, the PNG offered for download.
std::string ChartFigure(const std::string& base, const std::string& title) {
  return fmt::format(
      "<figure class=\"chart\"><img src=\"{0}.svg\" alt=\"{1}\" width=\"640\" height=\"360\">"
      "<figcaption>{1} · <a href=\"{0}.png\" download>PNG</a></figcaption></figure>",
      Html(base), Html(title));
}

void SendChart(Ctx& c, const Chart& chart, const std::string& format) {
  Result<std::string> bytes = format == "png" ? ChartPng(chart) : ChartSvg(chart);
  if (!bytes.ok()) return App::Impl::Error(c, 500, bytes.status().message());
  c.res.status = 200;
  c.res.set_content(*bytes, format == "png" ? "image/png" : "image/svg+xml");
}

}  // namespace

// The unit's packages the user may see, oldest year first, each evaluated at the version that
// counts (the frozen one once submitted, else the head).
Result<std::vector<App::Impl::UnitYear>> App::Impl::UnitYears(Ctx& c, const Loaded& l) {
  store::PackageFilter f;
  f.unit_id = l.row.unit_id;
  Result<std::vector<store::PackageRow>> rows = store->ListPackages(f);
  if (!rows.ok()) return rows.status();
  std::vector<UnitYear> out;
  for (const store::PackageRow& r : *rows) {
    Result<Loaded> each = Load(r.id);
    if (!each.ok() || !MaySee(c.u(), each->place)) continue;
    Result<EvaluatedPtr> e =
        VersionEvaluated(*each, r.submitted_version > 0 ? r.submitted_version : r.head_version);
    if (!e.ok()) return e.status();
    out.push_back({r, *e});
  }
  std::sort(out.begin(), out.end(), [](const UnitYear& a, const UnitYear& b) {
    return a.row.fiscal_year < b.row.fiscal_year;
  });
  return out;
}

static Chart UnitChart(const std::vector<App::Impl::UnitYear>& years, const std::string& which) {
  Chart chart;
  chart.kind = Chart::Kind::kGroupedBars;
  for (const auto& y : years) chart.categories.push_back(std::to_string(y.row.fiscal_year));
  if (which == "money") {
    chart.id = "money";
    chart.title = "预算与执行（万元）";
    chart.unit = "万元";
    const std::pair<const char*, Cell Funds::*> series[] = {
        {"年初预算数", &Funds::initial_budget},
        {"全年预算数", &Funds::full_year_budget},
        {"全年执行数", &Funds::executed}};
    for (const auto& [name, member] : series) {
      Chart::Series s;
      s.name = name;
      for (const auto& y : years) {
        s.values.push_back(
            Amount(y.evaluated->package.evaluation.funds.*member).value_or(Decimal::Invalid()));
      }
      chart.series.push_back(std::move(s));
    }
  } else {
    chart.id = "scores";
    chart.title = "自评得分";
    chart.unit = "分";
    Chart::Series s;
    s.name = "自评得分";
    for (const auto& y : years) {
      s.values.push_back(Decimal::Parse(y.row.summary.total).value_or(Decimal::Invalid()));
    }
    chart.series.push_back(std::move(s));
  }
  return chart;
}

// The values of the year's visible packages: totals and execution rates, with their units.
struct YearValues {
  std::vector<std::pair<const DashboardEntry*, Decimal>> totals, rates;
};
static YearValues ValuesOf(const std::vector<DashboardEntry>& entries) {
  YearValues v;
  for (const DashboardEntry& e : entries) {
    if (!e.visible || !e.row.package) continue;
    const store::PackageSummary& s = e.row.package->summary;
    if (auto t = Decimal::Parse(s.total); t && t->valid()) v.totals.emplace_back(&e, *t);
    if (auto r = Decimal::Parse(s.execution_rate); r && r->valid()) v.rates.emplace_back(&e, *r);
  }
  return v;
}

static std::vector<Decimal> Only(const std::vector<std::pair<const DashboardEntry*, Decimal>>& v) {
  std::vector<Decimal> out;
  for (const auto& [e, d] : v) out.push_back(d);
  return out;
}

Result<std::vector<DashboardEntry>> App::Impl::YearEntries(Ctx& c, int year) {
  std::optional<store::DashboardScope> scope = DashboardScopeFor(c.u(), year);
  if (!scope) return Status::NotFound("no dashboard");
  Result<std::vector<store::DashboardRow>> rows = store->Dashboard(*scope);
  if (!rows.ok()) return rows.status();
  Result<std::string> deadline = store->GetDeadline(c.user->region_id, year);
  if (!deadline.ok()) return deadline.status();
  Result<store::Region> region = store->GetRegion(c.user->region_id);
  if (!region.ok()) return region.status();
  const auto rulebook = RulebookFor(region->rulebook, "national");
  return BuildDashboard(std::move(rows).value(), *c.user, *deadline, rulebook->risk, app->Now());
}

void App::Impl::CompareApi(const std::string& name, Ctx& c) {
  const std::string which = c.req.matches.size() > 2 ? c.req.matches[2].str() : "";
  const std::string format = c.req.matches.size() > 3 ? c.req.matches[3].str() : "";
  if (format != "svg" && format != "png")
    return Error(c, 404, "图表格式应为 svg 或 png / svg or png");
  if (name == "compare.unit_chart") {
    std::optional<Loaded> l = LoadFor(c, PathId(c.req, 1), Action::kView);
    if (!l) return;
    if (which != "money" && which != "scores") return Error(c, 404, "没有这个图表 / no such chart");
    Result<std::vector<UnitYear>> years = UnitYears(c, *l);
    if (!years.ok()) return StatusError(c, years.status());
    return SendChart(c, UnitChart(*years, which), format);
  }
  const int64_t year = PathId(c.req, 1);
  if (year < 2000 || year > 2100) return Error(c, 400, "年度应在 2000–2100 之间 / bad year");
  if (!DashboardScopeFor(c.u(), static_cast<int>(year))) {
    return Error(c, 403, "只有主管部门和财政局比较各单位 / the reviewers'");
  }
  if (which != "totals" && which != "rates") return Error(c, 404, "没有这个图表 / no such chart");
  Result<std::vector<DashboardEntry>> entries = YearEntries(c, static_cast<int>(year));
  if (!entries.ok()) return StatusError(c, entries.status());
  const YearValues v = ValuesOf(*entries);
  const Chart chart = which == "totals"
                          ? Histogram("totals", fmt::format("{} 年度自评得分的分布", year), "分",
                                      Only(v.totals), {60, 70, 80, 90, 95, 100})
                          : Histogram("rates", fmt::format("{} 年度预算执行率的分布", year), "%",
                                      Only(v.rates), {0, 60, 80, 90, 95, 100});
  SendChart(c, chart, format);
}

void App::Impl::ComparePage(const std::string& name, Ctx& c) {
  if (name == "page.compare_unit") {
    Result<Loaded> l = LoadFirst(c, PathId(c.req, 1));
    if (!l.ok() || !MaySee(c.u(), l->place)) return NotFound(c);
    Result<std::vector<UnitYear>> years = UnitYears(c, *l);
    if (!years.ok()) return StatusError(c, years.status());
    std::string html = fmt::format("<h1>{} · 历年比较</h1>", Html(l->unit.name));
    html +=
        "<div class=\"table-wrap\"><table class=\"list\" id=\"years\"><thead><tr><th>年度</th>"
        "<th>状态</th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>执行率</th>"
        "<th>自评得分</th><th>等级</th></tr></thead><tbody>";
    for (const UnitYear& y : *years) {
      const Funds& f = y.evaluated->package.evaluation.funds;
      html += fmt::format(
          "<tr><td><a href=\"/packages/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
          "<td>{}</td><td>{}</td><td>{}</td></tr>",
          y.row.id, y.row.fiscal_year, StatusBadge(y.row.status), Printed(Amount(f.initial_budget)),
          Printed(Amount(f.full_year_budget)), Printed(Amount(f.executed)),
          y.row.summary.execution_rate.empty() ? "" : Html(y.row.summary.execution_rate) + "%",
          Html(y.row.summary.total), Html(y.row.summary.grade));
    }
    html += "</tbody></table></div>";
    const std::string base = fmt::format("/packages/{}/compare/", l->row.id);
    html += "<div class=\"charts\">" + ChartFigure(base + "money", "预算与执行（万元）") +
            ChartFigure(base + "scores", "自评得分") + "</div>";
    // Each indicator, year by year: the same indicator (by its path) only.
    std::vector<std::string> paths;
    std::map<std::string, std::map<int, std::string>> cells;
    for (const UnitYear& y : *years) {
      const ScoreSheet sheet = ScorePackage(
          y.evaluated->package, *RulebookFor(y.evaluated->package.rulebook, l->region_rulebook));
      for (const LeafScore& leaf : sheet.leaves) {
        if (leaf.indicator == nullptr || IsEmptyIndicator(*leaf.indicator)) continue;
        if (!cells.count(leaf.path)) paths.push_back(leaf.path);
        cells[leaf.path][y.row.fiscal_year] =
            fmt::format("{} / {}（{} 分）", Html(leaf.indicator->target),
                        Html(leaf.indicator->actual), Html(leaf.indicator->score.Display()));
      }
    }
    html +=
        "<h2>各指标的目标值与实际完成值</h2><div class=\"table-wrap\"><table class=\"list\" "
        "id=\"indicators\"><thead><tr><th>指标</th>";
    for (const UnitYear& y : *years) html += fmt::format("<th>{}</th>", y.row.fiscal_year);
    html += "</tr></thead><tbody>";
    for (const std::string& p : paths) {
      html += "<tr><th scope=\"row\">" + Html(p) + "</th>";
      for (const UnitYear& y : *years) {
        auto it = cells[p].find(y.row.fiscal_year);
        html += "<td>" + (it == cells[p].end() ? std::string("—") : it->second) + "</td>";
      }
      html += "</tr>";
    }
    html += "</tbody></table></div><p class=\"note\">每格为“年度指标值 / 实际完成值（得分）”。</p>";
    return Send(c, 200, l->unit.name + " · 历年比较", html);
  }
  // page.compare_year
  const int64_t year = PathId(c.req, 1);
  if (year < 2000 || year > 2100 || !DashboardScopeFor(c.u(), static_cast<int>(year))) {
    return NotFound(c);
  }
  Result<std::vector<DashboardEntry>> entries = YearEntries(c, static_cast<int>(year));
  if (!entries.ok()) return StatusError(c, entries.status());
  const YearValues v = ValuesOf(*entries);
  std::string html = fmt::format("<h1>{} 年度 · 单位间比较</h1>", year);
  html += fmt::format(
      "<p class=\"lead\">{} 个单位中，{} "
      "份可看的材料有自评得分。异常值按四分位距判断：低于“下四分位数 − "
      "1.5 × 四分位距”或高于“上四分位数 + 1.5 × 四分位距”。</p>",
      entries->size(), v.totals.size());
  const std::string base = fmt::format("/compare/years/{}/charts/", year);
  html += "<div class=\"charts\">" + ChartFigure(base + "totals", "自评得分的分布") +
          ChartFigure(base + "rates", "预算执行率的分布") + "</div>";
  html +=
      "<h2>异常值</h2><div class=\"table-wrap\"><table class=\"list\" id=\"outliers\"><thead>"
      "<tr><th>单位</th><th>指标</th><th>数值</th><th>理由</th></tr></thead><tbody>";
  int outliers = 0;
  for (const auto& [label, values] :
       {std::pair{"自评得分", &v.totals}, std::pair{"预算执行率（%）", &v.rates}}) {
    const std::optional<Quartiles> q = QuartilesOf(Only(*values));
    if (!q) continue;
    for (const auto& [e, d] : *values) {
      const std::string why = OutlierReason(d, *q);
      if (why.empty()) continue;
      ++outliers;
      html += fmt::format(
          "<tr><td><a href=\"/packages/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
          e->row.package->id, Html(e->row.unit.name), label, d.Normalized().ToString(), Html(why));
    }
  }
  html += "</tbody></table></div>";
  if (outliers == 0) {
    html += v.totals.size() < 4 ? "<p class=\"empty\">少于 4 份材料，不判断异常值。</p>"
                                : "<p class=\"empty\">没有异常值。</p>";
  }
  // One indicator across the units that report it (by its name).
  std::set<std::string> names;
  std::vector<std::pair<const DashboardEntry*, EvaluatedPtr>> packages;
  for (const DashboardEntry& e : *entries) {
    if (!e.visible || !e.row.package) continue;
    Result<Loaded> l = Load(e.row.package->id);
    if (!l.ok()) continue;
    const store::PackageRow& r = e.row.package.value();
    Result<EvaluatedPtr> ev =
        VersionEvaluated(*l, r.submitted_version > 0 ? r.submitted_version : r.head_version);
    if (!ev.ok()) continue;
    packages.emplace_back(&e, *ev);
    std::function<void(const std::vector<Indicator>&)> walk = [&](const auto& list) {
      for (const Indicator& i : list) {
        if (i.is_leaf()) {
          if (!IsEmptyIndicator(i)) names.insert(i.name);
        } else {
          walk(i.children);
        }
      }
    };
    walk((*ev)->package.evaluation.indicators);
  }
  const std::string chosen = c.req.has_param("indicator") ? c.req.get_param_value("indicator") : "";
  html += fmt::format(
      "<h2>同一指标在各单位</h2><form method=\"get\" class=\"filters\"><div class=\"field\"><label "
      "for=\"c-indicator\">指标</label><select id=\"c-indicator\" name=\"indicator\"><option "
      "value=\"\">（选择）</option>");
  for (const std::string& n : names) {
    html += fmt::format("<option{}>{}</option>", n == chosen ? " selected" : "", Html(n));
  }
  html += "</select></div><button type=\"submit\">比较</button></form>";
  if (!chosen.empty()) {
    html +=
        "<div class=\"table-wrap\"><table class=\"list\" id=\"indicator\"><thead><tr><th>单位"
        "</th><th>分值</th><th>年度指标值</th><th>实际完成值</th><th>得分</th></tr></thead><tbody>";
    for (const auto& entry : packages) {
      const auto& e = entry.first;
      std::function<void(const std::vector<Indicator>&)> walk = [&](const auto& list) {
        for (const Indicator& i : list) {
          if (!i.is_leaf()) {
            walk(i.children);
          } else if (i.name == chosen) {
            html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                                Html(e->row.unit.name), Html(i.weight.Display()), Html(i.target),
                                Html(i.actual), Html(i.score.Display()));
          }
        }
      };
      walk(entry.second->package.evaluation.indicators);
    }
    html += "</tbody></table></div>";
  }
  Send(c, 200, fmt::format("{} 年度 · 单位间比较", year), html);
}

}  // namespace jixiao::server
