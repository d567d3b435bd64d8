// Who may do what: the one place the server decides whether a user may see a package, edit
// it, move it through the workflow, comment on it, or administer the region. Handlers ask
// here and nowhere else, and the role-matrix test (server_matrix_test.cc) reads the same
// rules, so an endpoint cannot be added without its answer for every role.
//
// The answers, as HTTP says them: a package the user may not see does not exist for them
// (404, never 403 — a unit never learns that another unit has a draft); one they may see but
// not change answers 403; a change the package's status does not allow answers 409.
//
// Pure functions; safe from any thread.
#pragma once

#include <optional>

#include "store/store.h"

namespace jixiao::server {

enum class Action {
  kView,       // read the package, its versions, history, documents, comments, evidence
  kEdit,       // save, import, restore a version, attach or remove evidence
  kCreate,     // start a package for a unit and year
  kSubmit,     // 单位负责人: 草稿/已退回 → 已提交
  kReturn,     // 主管部门 (已提交) or 财政局 (已提交/已转报) → 已退回
  kForward,    // 主管部门: 已提交 → 已转报
  kAccept,     // 财政局: 已转报 → 已通过
  kComment,    // write a comment, answer one, mark one resolved
  kPublish,    // 财政局: 已通过 → 已公开 (the public site shows it)
  kUnpublish,  // 财政局: 已公开 → 已通过 (taken off the public site)
  kSpotCheck,  // 财政局: re-score a sampled package (抽评) and read its result
  kRectify,    // 主管部门 or 财政局: open a 整改 item, close or reopen it
  kAnswer,     // the unit (填报人, 单位负责人): answer a 整改 item
};

// Where the package sits: its unit, the unit's 主管部门 and region.
struct PackagePlace {
  int64_t unit_id = 0;
  int64_t department_id = 0;
  int64_t region_id = 0;
  store::PackageStatus status = store::PackageStatus::kDraft;
};

enum class Answer { kAllow, kNotFound, kForbidden, kWrongStatus };

// Whether `user` (nullptr: not logged in) may see the package at all.
bool MaySee(const store::User* user, const PackagePlace& place);
// The answer for `action` on the package.
Answer Decide(const store::User* user, const PackagePlace& place, Action action);
// Whether `user` may create a package for `unit` (a store::Org of kind kUnit).
Answer DecideCreate(const store::User* user, const store::Org& unit);
// Whether the user administers accounts and units of `region_id` (管理员 of that region).
bool MayAdminister(const store::User* user, int64_t region_id);
// Whether the user sets the region's deadlines (财政局 or 管理员 of that region).
bool MaySetDeadline(const store::User* user, int64_t region_id);

// The units whose year a user oversees on the dashboard: a 主管部门审核's units, or every unit
// of a 财政局's region; nullopt for the other roles (a unit has its own list, not a dashboard).
std::optional<store::DashboardScope> DashboardScopeFor(const store::User* user, int fiscal_year);

// Whether the user draws the region's 抽评 sample and sees it (财政局 of that region).
bool MayDrawSample(const store::User* user, int64_t region_id);

// Whether anyone, logged in or not, may read the package on the public site: 已公开 only.
bool PubliclyVisible(store::PackageStatus status);

// The HTTP status of an answer: 200, 404, 403, 409.
int HttpStatusOf(Answer a);

}  // namespace jixiao::server
