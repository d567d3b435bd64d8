// The year's dashboard (see dashboard.h).
#include "server/dashboard.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "base/civil_date.h"
#include "base/csv.h"
#include "server/access.h"

namespace jixiao::server {

using nlohmann::json;
using store::PackageStatus;

namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000;
constexpr int64_t kBeijingOffsetMs = 8 * 3600 * 1000;

std::optional<Decimal> Number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::optional<Decimal> d = Decimal::Parse(text);
  if (!d || !d->valid()) return std::nullopt;
  return d;
}

std::string Printed(const Decimal& d) { return d.Normalized().ToString(); }

// The order of the states on the page and in the counts.
const std::vector<std::pair<std::string, std::string>>& States() {
  static const std::vector<std::pair<std::string, std::string>> states = {
      {"not_started", "未开始"}, {"not_submitted", "未提交"}, {"draft", "草稿"},
      {"submitted", "已提交"},   {"returned", "已退回"},      {"forwarded", "已转报"},
      {"accepted", "已通过"},    {"published", "已公开"}};
  return states;
}

size_t StateRank(const std::string& key) {
  const auto& states = States();
  for (size_t i = 0; i < states.size(); ++i) {
    if (states[i].first == key) return i;
  }
  return states.size();
}

int64_t TotalFindings(const DashboardEntry& e) {
  if (!e.visible || !e.row.package) return -1;
  int64_t n = 0;
  for (int64_t k : e.row.package->summary.findings) n += k;
  return n;
}

std::string Field(const DashboardEntry& e, std::string (*get)(const store::PackageRow&)) {
  return e.visible && e.row.package ? get(*e.row.package) : std::string();
}
std::string TotalOf(const store::PackageRow& p) { return p.summary.total; }
std::string GradeOf(const store::PackageRow& p) { return p.summary.grade; }
std::string RateOf(const store::PackageRow& p) { return p.summary.execution_rate; }

std::string SignalsText(const DashboardEntry& e) {
  std::string out;
  for (const json& s : e.signals) {
    if (!out.empty()) out += "；";
    out += fmt::format("{}（+{}）：{}", s.value("name", ""), s.value("weight", ""),
                       s.value("evidence", ""));
  }
  return out;
}

}  // namespace

int64_t DeadlineEndMs(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return 0;
  }
  const int64_t y = std::stoll(date.substr(0, 4));
  const int64_t m = std::stoll(date.substr(5, 2));
  const int64_t d = std::stoll(date.substr(8, 2));
  if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
  return (DaysFromCivil(y, m, d) + 1) * kDayMs - kBeijingOffsetMs;
}

std::string BeijingTime(int64_t ms) {
  if (ms <= 0) return "";
  const std::time_t t = static_cast<std::time_t>((ms + kBeijingOffsetMs) / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min);
}

std::vector<DashboardEntry> BuildDashboard(std::vector<store::DashboardRow> rows,
                                           const store::User& viewer, const std::string& deadline,
                                           const RiskRules& rules, int64_t now_ms) {
  const int64_t due = DeadlineEndMs(deadline);
  std::vector<DashboardEntry> out;
  out.reserve(rows.size());
  for (store::DashboardRow& row : rows) {
    DashboardEntry e;
    e.row = std::move(row);
    const std::optional<store::PackageRow>& p = e.row.package;
    if (p) {
      const PackagePlace place{e.row.unit.id, e.row.unit.parent_id, e.row.unit.region_id,
                               p->status};
      e.visible = MaySee(&viewer, place);
    }
    if (!p) {
      e.status_key = "not_started";
    } else if (!e.visible) {
      e.status_key = "not_submitted";
    } else {
      e.status_key = std::string(store::StatusKey(p->status));
    }
    e.status_name = States()[StateRank(e.status_key)].second;

    // Lateness is judged on the first submission: a package returned and submitted again is
    // not late for that.
    const int64_t first = p ? p->first_submitted_ms : 0;
    if (due > 0 && first > due) {
      e.late = true;
      e.late_text = fmt::format("逾期 {} 天提交", (first - due + kDayMs - 1) / kDayMs);
    } else if (due > 0 && first == 0 && now_ms > due) {
      e.late = true;
      e.late_text = "逾期未提交";
    }
    if (e.visible) {
      json stored = json::parse(p->summary.risk_signals, nullptr, false);
      if (stored.is_array()) e.signals = std::move(stored);
      e.risk = Number(p->summary.risk).value_or(Decimal::FromInt(0));
      // The jump from last year's total, when last year's package has left the unit.
      const std::optional<store::PackageRow>& last = e.row.previous;
      const std::optional<Decimal> now_total = Number(p->summary.total);
      const std::optional<Decimal> last_total = last && last->status != PackageStatus::kDraft
                                                    ? Number(last->summary.total)
                                                    : std::nullopt;
      if (now_total && last_total && rules.year_jump_weight.sign() > 0) {
        const Decimal moved = *now_total - *last_total;
        const Decimal size = moved.sign() < 0 ? -moved : moved;
        if (size > rules.year_jump_points) {
          e.signals.push_back(
              {{"key", "year_jump"},
               {"name", "与上年相比变动过大"},
               {"weight", Printed(rules.year_jump_weight)},
               {"evidence", fmt::format("总分 {} → {}（{}年 → {}年），变动超过 {} 分",
                                        last->summary.total, p->summary.total, last->fiscal_year,
                                        p->fiscal_year, Printed(rules.year_jump_points))}});
          e.risk = e.risk + rules.year_jump_weight;
        }
      }
    }
    if (e.late && rules.late_weight.sign() > 0) {
      e.signals.push_back(
          {{"key", "late"},
           {"name", "逾期提交"},
           {"weight", Printed(rules.late_weight)},
           {"evidence", first > 0 ? fmt::format("截止日期 {}，{} 首次提交（{}）", deadline,
                                                BeijingTime(first), e.late_text)
                                  : fmt::format("截止日期 {}，至今未提交", deadline)}});
      e.risk = e.risk + rules.late_weight;
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<DashboardEntry> FilterAndSort(std::vector<DashboardEntry> entries,
                                          const DashboardQuery& q) {
  std::vector<DashboardEntry> kept;
  kept.reserve(entries.size());
  for (DashboardEntry& e : entries) {
    if (q.status) {
      if (*q.status == "late" ? !e.late : e.status_key != *q.status) continue;
    }
    if (!q.text.empty() && e.row.unit.name.find(q.text) == std::string::npos &&
        e.row.unit.code.find(q.text) == std::string::npos) {
      continue;
    }
    kept.push_back(std::move(e));
  }
  // -1: a before b; 1: after; 0: tie. Missing figures go last whichever the direction.
  auto decimals = [](const std::optional<Decimal>& a, const std::optional<Decimal>& b) {
    if (!a || !b) return a ? -2 : b ? 2 : 0;
    return a->Compare(*b);
  };
  auto compare = [&](const DashboardEntry& a, const DashboardEntry& b) -> int {
    const std::string& s = q.sort;
    if (s == "unit") return a.row.unit.name.compare(b.row.unit.name);
    if (s == "department") return a.row.department.compare(b.row.department);
    if (s == "status") {
      return static_cast<int>(StateRank(a.status_key)) - static_cast<int>(StateRank(b.status_key));
    }
    if (s == "submitted") {
      const int64_t x = a.row.package ? a.row.package->first_submitted_ms : 0;
      const int64_t y = b.row.package ? b.row.package->first_submitted_ms : 0;
      if (x == 0 || y == 0) return x ? -2 : y ? 2 : 0;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (s == "total") return decimals(Number(Field(a, TotalOf)), Number(Field(b, TotalOf)));
    if (s == "grade") return Field(a, GradeOf).compare(Field(b, GradeOf));
    if (s == "execution_rate") {
      return decimals(Number(Field(a, RateOf)), Number(Field(b, RateOf)));
    }
    if (s == "findings") {
      const int64_t x = TotalFindings(a), y = TotalFindings(b);
      if (x < 0 || y < 0) return x >= 0 ? -2 : y >= 0 ? 2 : 0;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return a.risk.Compare(b.risk);  // risk
  };
  std::stable_sort(kept.begin(), kept.end(), [&](const DashboardEntry& a, const DashboardEntry& b) {
    const int c = compare(a, b);
    if (c == 2 || c == -2) return c < 0;  // a missing figure: last in both directions
    return q.desc ? c > 0 : c < 0;
  });
  return kept;
}

DashboardCounts CountDashboard(const std::vector<DashboardEntry>& entries) {
  DashboardCounts counts;
  std::vector<int64_t> n(States().size() + 1, 0);
  for (const DashboardEntry& e : entries) {
    ++n[StateRank(e.status_key)];
    counts.late += e.late ? 1 : 0;
    ++counts.total;
  }
  for (size_t i = 0; i < States().size(); ++i) {
    if (n[i] > 0) counts.by_status.emplace_back(States()[i].first, n[i]);
  }
  return counts;
}

json DashboardJson(int year, const std::string& deadline,
                   const std::vector<DashboardEntry>& entries) {
  json units = json::array();
  for (const DashboardEntry& e : entries) {
    json u = {{"unit_id", e.row.unit.id},
              {"unit", e.row.unit.name},
              {"code", e.row.unit.code},
              {"department", e.row.department},
              {"status", e.status_key},
              {"status_name", e.status_name},
              {"late", e.late},
              {"late_text", e.late_text},
              {"risk", Printed(e.risk)},
              {"signals", e.signals},
              {"open_rectifications", e.row.open_rectifications}};
    if (e.visible) {
      const store::PackageRow& p = *e.row.package;
      u["package_id"] = p.id;
      u["first_submitted"] = BeijingTime(p.first_submitted_ms);
      u["total"] = p.summary.total;
      u["grade"] = p.summary.grade;
      u["execution_rate"] = p.summary.execution_rate;
      u["findings"] = {{"error", p.summary.findings[0]},
                       {"inconsistency", p.summary.findings[1]},
                       {"warning", p.summary.findings[2]},
                       {"note", p.summary.findings[3]}};
    }
    units.push_back(std::move(u));
  }
  const DashboardCounts counts = CountDashboard(entries);
  json by_status = json::object();
  for (const auto& [key, n] : counts.by_status) by_status[key] = n;
  return {{"fiscal_year", year},
          {"deadline", deadline},
          {"counts", {{"total", counts.total}, {"late", counts.late}, {"by_status", by_status}}},
          {"units", units}};
}

namespace {

const std::vector<std::string>& Header() {
  static const std::vector<std::string> header = {
      "单位",      "单位编码", "主管部门", "状态", "首次提交时间", "是否逾期", "自评得分", "等级",
      "执行率(%)", "错误",     "不一致",   "警告", "提示",         "风险分",   "风险信号"};
  return header;
}

std::vector<ListCell> Cells(const DashboardEntry& e) {
  std::vector<ListCell> c = {ListCell::Text(e.row.unit.name), ListCell::Text(e.row.unit.code),
                             ListCell::Text(e.row.department), ListCell::Text(e.status_name)};
  const store::PackageRow* p = e.visible ? &*e.row.package : nullptr;
  c.push_back(ListCell::Text(p ? BeijingTime(p->first_submitted_ms) : ""));
  c.push_back(ListCell::Text(e.late_text));
  c.push_back(ListCell::Number(p ? p->summary.total : ""));
  c.push_back(ListCell::Text(p ? p->summary.grade : ""));
  c.push_back(ListCell::Number(p ? p->summary.execution_rate : ""));
  for (size_t k = 0; k < 4; ++k) {
    c.push_back(ListCell::Number(p ? std::to_string(p->summary.findings[k]) : ""));
  }
  c.push_back(ListCell::Number(Printed(e.risk)));
  c.push_back(ListCell::Wrapped(SignalsText(e)));
  return c;
}

}  // namespace

std::string DashboardCsv(const std::vector<DashboardEntry>& entries) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& fields) {
    for (size_t k = 0; k < fields.size(); ++k) out += (k > 0 ? "," : "") + CsvField(fields[k]);
    out += "\r\n";
  };
  line(Header());
  for (const DashboardEntry& e : entries) {
    std::vector<std::string> fields;
    for (ListCell& c : Cells(e)) fields.push_back(std::move(c.text));
    line(fields);
  }
  return out;
}

std::vector<ListSheet> DashboardSheets(int year, const std::string& deadline,
                                       const std::vector<DashboardEntry>& entries) {
  ListSheet summary;
  summary.name = "汇总";
  summary.caption = {fmt::format("{} 年度部门整体支出绩效自评 · 截止日期 {}", year,
                                 deadline.empty() ? "未设定" : deadline)};
  summary.header = Header();
  summary.widths = {30, 12, 26, 8, 17, 14, 9, 6, 10, 6, 7, 6, 6, 7, 80};
  ListSheet signals;
  signals.name = "风险信号";
  signals.header = {"单位", "单位编码", "信号", "名称", "权重", "依据"};
  signals.widths = {30, 12, 22, 22, 7, 90};
  for (const DashboardEntry& e : entries) {
    summary.rows.push_back(Cells(e));
    for (const json& s : e.signals) {
      signals.rows.push_back(
          {ListCell::Text(e.row.unit.name), ListCell::Text(e.row.unit.code),
           ListCell::Text(s.value("key", "")), ListCell::Text(s.value("name", "")),
           ListCell::Number(s.value("weight", "")), ListCell::Wrapped(s.value("evidence", ""))});
    }
  }
  return {summary, signals};
}

}  // namespace jixiao::server
