// Who may do what (access.h).
#include "server/access.h"

namespace jixiao::server {

using store::PackageStatus;
using store::Role;

bool MaySee(const store::User* user, const PackagePlace& place) {
  if (user == nullptr || user->disabled) return false;
  switch (user->role) {
    case Role::kClerk:
    case Role::kHead:
      return user->org_id == place.unit_id;
    case Role::kDeptReviewer:
      // Its own units, once a package has left the unit: a draft is the unit's alone.
      return user->org_id == place.department_id && place.status != PackageStatus::kDraft;
    case Role::kBureau:
      return user->region_id == place.region_id && place.status != PackageStatus::kDraft;
    case Role::kAdmin:
      return false;  // accounts and units, not packages
  }
  return false;
}

Answer Decide(const store::User* user, const PackagePlace& place, Action action) {
  if (!MaySee(user, place)) return Answer::kNotFound;
  const PackageStatus s = place.status;
  const bool editable = s == PackageStatus::kDraft || s == PackageStatus::kReturned;
  switch (action) {
    case Action::kView:
    case Action::kComment:
      return Answer::kAllow;
    case Action::kEdit:
    case Action::kCreate:
      if (user->role != Role::kClerk) return Answer::kForbidden;
      return editable ? Answer::kAllow : Answer::kWrongStatus;
    case Action::kSubmit:
      if (user->role != Role::kHead) return Answer::kForbidden;
      return editable ? Answer::kAllow : Answer::kWrongStatus;
    case Action::kForward:
      if (user->role != Role::kDeptReviewer) return Answer::kForbidden;
      return s == PackageStatus::kSubmitted ? Answer::kAllow : Answer::kWrongStatus;
    case Action::kReturn:
      if (user->role == Role::kDeptReviewer) {
        return s == PackageStatus::kSubmitted ? Answer::kAllow : Answer::kWrongStatus;
      }
      if (user->role == Role::kBureau) {
        return s == PackageStatus::kSubmitted || s == PackageStatus::kForwarded
                   ? Answer::kAllow
                   : Answer::kWrongStatus;
      }
      return Answer::kForbidden;
    case Action::kAccept:
      if (user->role != Role::kBureau) return Answer::kForbidden;
      return s == PackageStatus::kForwarded ? Answer::kAllow : Answer::kWrongStatus;
    case Action::kPublish:
      if (user->role != Role::kBureau) return Answer::kForbidden;
      return s == PackageStatus::kAccepted ? Answer::kAllow : Answer::kWrongStatus;
    case Action::kUnpublish:
      if (user->role != Role::kBureau) return Answer::kForbidden;
      return s == PackageStatus::kPublished ? Answer::kAllow : Answer::kWrongStatus;
    case Action::kSpotCheck:
      // Whether the package is in the year's sample is the handler's question (409).
      return user->role == Role::kBureau ? Answer::kAllow : Answer::kForbidden;
    case Action::kRectify:
      return user->role == Role::kBureau || user->role == Role::kDeptReviewer ? Answer::kAllow
                                                                              : Answer::kForbidden;
    case Action::kAnswer:
      return user->role == Role::kClerk || user->role == Role::kHead ? Answer::kAllow
                                                                     : Answer::kForbidden;
  }
  return Answer::kForbidden;
}

Answer DecideCreate(const store::User* user, const store::Org& unit) {
  if (user == nullptr || user->disabled) return Answer::kNotFound;
  if (user->org_id != unit.id || unit.kind != store::OrgKind::kUnit) {
    return user->region_id == unit.region_id && user->role != Role::kClerk &&
                   user->role != Role::kHead
               ? Answer::kForbidden
               : Answer::kNotFound;
  }
  return user->role == Role::kClerk ? Answer::kAllow : Answer::kForbidden;
}

bool MayAdminister(const store::User* user, int64_t region_id) {
  return user != nullptr && !user->disabled && user->role == Role::kAdmin &&
         user->region_id == region_id;
}

bool MaySetDeadline(const store::User* user, int64_t region_id) {
  return user != nullptr && !user->disabled &&
         (user->role == Role::kAdmin || user->role == Role::kBureau) &&
         user->region_id == region_id;
}

int HttpStatusOf(Answer a) {
  switch (a) {
    case Answer::kAllow:
      return 200;
    case Answer::kNotFound:
      return 404;
    case Answer::kForbidden:
      return 403;
    case Answer::kWrongStatus:
      return 409;
  }
  return 500;
}

std::optional<store::DashboardScope> DashboardScopeFor(const store::User* user, int fiscal_year) {
  if (user == nullptr || user->disabled) return std::nullopt;
  store::DashboardScope scope;
  scope.region_id = user->region_id;
  scope.fiscal_year = fiscal_year;
  if (user->role == Role::kDeptReviewer) {
    scope.department_id = user->org_id;
    return scope;
  }
  if (user->role == Role::kBureau) return scope;
  return std::nullopt;
}

bool MayDrawSample(const store::User* user, int64_t region_id) {
  return user != nullptr && !user->disabled && user->role == Role::kBureau &&
         user->region_id == region_id;
}

bool PubliclyVisible(store::PackageStatus status) { return status == PackageStatus::kPublished; }

}  // namespace jixiao::server
