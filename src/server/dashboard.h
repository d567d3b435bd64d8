// The year's dashboard of a 主管部门 or the 财政局: every unit in its scope with the state of its
// package (未开始, 未提交, 已提交, 已退回, 已转报, 已通过, 已公开), when it was first submitted
// against the year's deadline, the self score, grade, execution rate, findings by severity and the
// explained risk (docs/review.md: the signals stored with each version, plus those that need
// other rows — late submission and the jump from last year's total). Filtered, sorted and
// exported as JSON, CSV and XLSX. The page (pages.cc) and the API (api.cc) both use this.
//
// What a viewer may not see stays hidden: a reviewer sees a unit's draft only as 未提交, with
// no figures (access.h decides, as for every other page).
//
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "render/list_workbook.h"
#include "rules/rulebook.h"
#include "server/requests.h"
#include "store/store.h"

namespace jixiao::server {

struct DashboardEntry {
  store::DashboardRow row;
  bool visible = false;     // the viewer may open the package (its figures are shown)
  std::string status_key;   // a package status, or not_started / not_submitted
  std::string status_name;  // 未开始, 未提交, 草稿, …
  bool late = false;        // first submitted after the deadline, or not yet and it has passed
  std::string late_text;    // "逾期 3 天提交", "逾期未提交", ""
  Decimal risk = Decimal::FromInt(0);
  nlohmann::json signals = nlohmann::json::array();  // [{key, name, weight, evidence}]
};

// The end of a deadline day ("2025-07-31": 2025-08-01 00:00 北京时间) in ms since 1970 UTC;
// 0 when `date` is not a date.
int64_t DeadlineEndMs(const std::string& date);

// The entries of `rows` (Store::Dashboard) as `viewer` sees them.
std::vector<DashboardEntry> BuildDashboard(std::vector<store::DashboardRow> rows,
                                           const store::User& viewer, const std::string& deadline,
                                           const RiskRules& rules, int64_t now_ms);

// Those matching the query's status and text filters, in its order (ties in unit order).
std::vector<DashboardEntry> FilterAndSort(std::vector<DashboardEntry> entries,
                                          const DashboardQuery& query);

// How many units are in each state (status_key → count), and how many are late.
struct DashboardCounts {
  std::vector<std::pair<std::string, int64_t>> by_status;  // in workflow order, zeros left out
  int64_t late = 0;
  int64_t total = 0;
};
DashboardCounts CountDashboard(const std::vector<DashboardEntry>& entries);

// The answers of the API (docs/api.md).
nlohmann::json DashboardJson(int year, const std::string& deadline,
                             const std::vector<DashboardEntry>& entries);
// UTF-8 with a byte-order mark (Excel and WPS read the Chinese), RFC 4180 quoting.
std::string DashboardCsv(const std::vector<DashboardEntry>& entries);
// 汇总 (one row a unit) and 风险信号 (one row a signal with its evidence).
std::vector<ListSheet> DashboardSheets(int year, const std::string& deadline,
                                       const std::vector<DashboardEntry>& entries);

// Beijing time as "2025-07-30 16:05" ("" for 0).
std::string BeijingTime(int64_t ms);

}  // namespace jixiao::server
