// The demo region a new database is given on first start (server.h SeedDemo): 零陵区's
// finance bureau, one 主管部门 with three units, their packages made from the bundled example,
// and one account per role with a password generated now and printed once.
#include <fmt/format.h>

#include "model/package_json.h"
#include "server/auth.h"
#include "server/internal.h"
#include "server/package_ops.h"

namespace jixiao::server {

namespace {

struct DemoUnit {
  const char* name;
  const char* short_name;
  const char* prefix;  // of its accounts' logins
  int year;
  store::PackageStatus status;
};

}  // namespace

Result<std::vector<std::string>> SeedDemo(store::Store* store, int64_t now_ms) {
  Result<Validated> example = ValidatePackage(kExamplePackage, "examples/lingling-kexie-2024.json");
  if (!example.ok()) return example.status();
  const std::string rulebook =
      example->package.rulebook.empty() ? "national" : example->package.rulebook;
  Result<int64_t> region = store->CreateRegion("永州市零陵区", rulebook);
  if (!region.ok()) return region.status();
  store::Org bureau{0, *region, 0, store::OrgKind::kBureau, "永州市零陵区财政局", "LL-CZ"};
  Result<int64_t> bureau_id = store->CreateOrg(bureau);
  if (!bureau_id.ok()) return bureau_id.status();
  store::Org dept{0,
                  *region,
                  *bureau_id,
                  store::OrgKind::kDepartment,
                  "永州市零陵区科学技术局（主管部门）",
                  "LL-KJ"};
  Result<int64_t> dept_id = store->CreateOrg(dept);
  if (!dept_id.ok()) return dept_id.status();

  std::vector<std::string> lines;
  auto account = [&](const std::string& login, const std::string& name, store::Role role,
                     int64_t org, const std::string& org_name) -> Result<int64_t> {
    const std::string password = GeneratePassword();
    Result<std::string> hash = HashPassword(password);
    if (!hash.ok()) return hash.status();
    store::User u;
    u.login = login;
    u.name = name;
    u.role = role;
    u.org_id = org;
    u.region_id = *region;
    u.password_hash = *hash;
    Result<int64_t> id = store->CreateUser(u);
    if (!id.ok()) return id.status();
    lines.push_back(fmt::format("{}  {}  {}  {}", login, password, store::RoleKey(role), org_name));
    return id;
  };

  // The reviewers first: the demo's accepted package was forwarded and accepted by them.
  int64_t reviewer_id = 0, bureau_user_id = 0;
  for (auto [login, name, role, org, org_name] :
       {std::tuple{"dept-reviewer", "主管部门审核员", store::Role::kDeptReviewer, *dept_id,
                   dept.name},
        std::tuple{"bureau", "财政局绩效科", store::Role::kBureau, *bureau_id, bureau.name},
        std::tuple{"admin", "系统管理员", store::Role::kAdmin, *bureau_id, bureau.name}}) {
    Result<int64_t> id = account(login, name, role, org, org_name);
    if (!id.ok()) return id.status();
    if (role == store::Role::kDeptReviewer) reviewer_id = *id;
    if (role == store::Role::kBureau) bureau_user_id = *id;
  }

  const DemoUnit units[] = {
      {"永州市零陵区科学技术协会", "区科协", "kx", 2024, store::PackageStatus::kDraft},
      {"永州市零陵区科技馆", "区科技馆", "unit2", 2024, store::PackageStatus::kSubmitted},
      {"永州市零陵区科普服务中心", "区科普服务中心", "unit3", 2023,
       store::PackageStatus::kAccepted},
  };
  for (const DemoUnit& d : units) {
    store::Org unit{0, *region, *dept_id, store::OrgKind::kUnit, d.name, ""};
    Result<int64_t> unit_id = store->CreateOrg(unit);
    if (!unit_id.ok()) return unit_id.status();
    Result<int64_t> clerk =
        account(std::string(d.prefix) + "-clerk", std::string(d.short_name) + "填报人",
                store::Role::kClerk, *unit_id, d.name);
    if (!clerk.ok()) return clerk.status();
    Result<int64_t> head =
        account(std::string(d.prefix) + "-head", std::string(d.short_name) + "负责人",
                store::Role::kHead, *unit_id, d.name);
    if (!head.ok()) return head.status();
    // The example as this unit's package: its own name, and the year the demo gives it.
    Package p = example->package;
    if (p.unit.name != d.name) {
      p.unit.name = d.name;
      p.unit.short_name = d.short_name;
      p.evaluation.unit_name = d.name;
      p.report.cover.unit = d.name;
      p.report.cover.title = fmt::format("{}年度{}整体支出绩效自评报告", d.year, d.short_name);
    }
    p.fiscal_year = d.year;
    p.evidence.emplace();  // kept by the server: its evidence is tracked (none attached yet)
    const Evaluation e = EvaluatePackage(p, *RulebookFor(p.rulebook, rulebook));
    store::NewVersion first{WritePackageJson(p), "[]", "演示数据", e.summary, {}};
    Result<store::PackageRow> row = store->CreatePackage(*unit_id, d.year, first, *clerk, now_ms);
    if (!row.ok()) return row.status();
    if (d.status != store::PackageStatus::kDraft) {
      Status s =
          store->Transition(row->id, store::PackageStatus::kDraft, store::PackageStatus::kSubmitted,
                            1, *head, "submit", "", now_ms);
      if (!s.ok()) return s;
    }
    if (d.status == store::PackageStatus::kAccepted) {
      for (auto [from, to, action, by] :
           {std::tuple{store::PackageStatus::kSubmitted, store::PackageStatus::kForwarded,
                       "forward", reviewer_id},
            std::tuple{store::PackageStatus::kForwarded, store::PackageStatus::kAccepted, "accept",
                       bureau_user_id}}) {
        Status s = store->Transition(row->id, from, to, 0, by, action, "", now_ms);
        if (!s.ok()) return s;
      }
    }
  }
  Status deadline = store->SetDeadline(*region, 2024, "2025-07-31");
  if (!deadline.ok()) return deadline;
  return lines;
}

}  // namespace jixiao::server
