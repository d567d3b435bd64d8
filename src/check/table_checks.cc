// Checks of 附件1 基础数据表: staffing ratio, expense rows (totals, "其中" parts, blank
// subtotals, partly filled rows) and building control rates.
#include <fmt/format.h>

#include "check/check_context.h"
#include "model/walk.h"

namespace jixiao::internal {
namespace {

Location StaffingLocation(const Staffing& s, std::string column, int mark) {
  Location loc;
  loc.document = "basic_data";
  loc.table = "staffing";
  loc.column = column;
  loc.pointer = "/basic_data/staffing/" + column;
  loc.row_cells = {"财政供养人员情况", s.authorized.Display(), s.on_payroll.Display(),
                   s.control_rate.Display()};
  loc.mark_cell = mark;
  return loc;
}

std::string Joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

// Whether a child overlaps its siblings and is left out of its parent's Σ: 三公经费 under a
// 基本支出 whose parts also list both 人员经费 and 公用经费 — those two make up the whole of
// 基本支出, so 三公 lies inside them and adding it would count it twice. (Without 人员经费,
// as in the 零陵 form, 公用经费 and 三公 together are still at most 基本支出.)
bool Overlapping(const ExpenseRow& row, const ExpenseRow& child) {
  if (child.key != "three_public") return false;
  bool personnel = false, public_funds = false;
  for (const ExpenseRow& sibling : row.children) {
    personnel = personnel || sibling.key == "personnel";
    public_funds = public_funds || sibling.key == "public_funds";
  }
  return personnel && public_funds;
}

// Σ of the children's figures in a column; nullopt when no child has a number.
std::optional<Figure> ChildrenSum(const ExpenseRow& row, ExpenseColumn column) {
  std::optional<Figure> sum;
  for (const ExpenseRow& child : row.children) {
    if (Overlapping(row, child)) continue;
    if (auto f = FigureOf(child.at(column))) sum = sum ? *sum + *f : *f;
  }
  return sum;
}

// The columns of a subtotal row left blank although its children are filled (C502).
struct BlankColumns {
  std::vector<std::string> zh, en, computed;
  std::optional<ExpenseColumn> first;

  void Add(const CheckContext& cx, ExpenseColumn c, const Figure& sum) {
    if (!first) first = c;
    zh.push_back(cx.Column(ExpenseColumnKey(c), true));
    en.push_back(cx.Column(ExpenseColumnKey(c), false));
    computed.push_back(Shown(sum.value, sum.value.scale()));
  }
};

void CheckTotalRow(CheckContext& cx, const ExpenseVisit& v) {
  const ExpenseRow& row = *v.row;
  BlankColumns blank;
  for (ExpenseColumn c : kExpenseColumns) {
    const auto sum = ChildrenSum(row, c);
    if (!sum) continue;
    const Cell& cell = row.at(c);
    if (cell.blank()) {
      blank.Add(cx, c, *sum);
      continue;
    }
    const auto reported = FigureOf(cell);
    if (!reported || !Disagree(reported->range, sum->range)) continue;
    Diagnostic& d = cx.Add("A101", ExpenseLocation(v, c));
    d.reported = cell.Display();
    d.computed = Shown(sum->value, sum->value.scale());
    d.tolerance = ToleranceText(reported->range, sum->range);
    d.message_zh = fmt::format("“{}”的{}填报 {}，但其组成项之和为 {}。", CleanLabel(row.label),
                               cx.Column(ExpenseColumnKey(c), true), d.reported, d.computed);
    d.message_en =
        fmt::format("{}, {}: reported {}, but its parts add up to {}.", CleanLabel(row.label),
                    cx.Column(ExpenseColumnKey(c), false), d.reported, d.computed);
    d.hint_zh = "核对该行及其各组成项的金额，使合计等于各项之和。";
    d.hint_en = "Check the row and its parts so that the total equals their sum.";
  }
  if (!blank.first) return;
  Diagnostic& d = cx.Add("C502", ExpenseLocation(v, *blank.first));
  d.computed = Joined(blank.computed, " / ");
  d.message_zh = fmt::format("小计行“{}”的{}未填，其组成项合计为 {}。", CleanLabel(row.label),
                             Joined(blank.zh, "、"), Joined(blank.computed, "、"));
  d.message_en =
      fmt::format("The subtotal row {} is blank in {}; its parts add up to {}.",
                  CleanLabel(row.label), Joined(blank.en, ", "), Joined(blank.computed, ", "));
  d.hint_zh = "填写该小计行；它应等于各组成项之和。";
  d.hint_en = "Fill in the subtotal; it equals the sum of its parts.";
}

void CheckPartsRow(CheckContext& cx, const ExpenseVisit& v) {
  const ExpenseRow& row = *v.row;
  BlankColumns blank;
  for (ExpenseColumn c : kExpenseColumns) {
    const auto sum = ChildrenSum(row, c);
    if (!sum) continue;
    const Cell& cell = row.at(c);
    if (cell.blank()) {
      blank.Add(cx, c, *sum);
      continue;
    }
    const auto parent = FigureOf(cell);
    if (!parent) continue;
    bool child_flagged = false;
    for (const ExpenseRow& child : row.children) {
      const auto part = FigureOf(child.at(c));
      if (!part || !(part->range.lo() > parent->range.hi())) continue;
      child_flagged = true;
      Location loc = ExpenseLocation(v, c);
      Diagnostic& d = cx.Add("A102", loc);
      d.reported = child.at(c).Display();
      d.computed = "≤" + cell.Display();
      d.tolerance = ToleranceText(part->range, parent->range);
      d.message_zh = fmt::format("“{}”的{} {} 大于其所属的“{}” {}。", CleanLabel(child.label),
                                 cx.Column(ExpenseColumnKey(c), true), d.reported,
                                 CleanLabel(row.label), cell.Display());
      d.message_en = fmt::format("{} ({}) is {}, more than the row it belongs to, {} ({}).",
                                 CleanLabel(child.label), cx.Column(ExpenseColumnKey(c), false),
                                 d.reported, CleanLabel(row.label), cell.Display());
      d.hint_zh = "“其中”项是所属项的一部分，不能大于所属项；核对两行的金额。";
      d.hint_en = "An 'of which' row is part of its parent and cannot exceed it.";
    }
    if (child_flagged || !(sum->range.lo() > parent->range.hi())) continue;
    Diagnostic& d = cx.Add("A103", ExpenseLocation(v, c));
    d.reported = cell.Display();
    d.computed = "≥" + Shown(sum->value, sum->value.scale());
    d.tolerance = ToleranceText(parent->range, sum->range);
    d.message_zh = fmt::format("“{}”的{} {} 小于其“其中”各项之和 {}。", CleanLabel(row.label),
                               cx.Column(ExpenseColumnKey(c), true), d.reported,
                               Shown(sum->value, sum->value.scale()));
    d.message_en = fmt::format("{}, {}: {} is less than its 'of which' rows together ({}).",
                               CleanLabel(row.label), cx.Column(ExpenseColumnKey(c), false),
                               d.reported, Shown(sum->value, sum->value.scale()));
    d.hint_zh = "“其中”各项之和不能大于所属项；核对各行金额。";
    d.hint_en = "The 'of which' rows together cannot exceed their parent.";
  }
  if (!blank.first) return;
  Diagnostic& d = cx.Add("C502", ExpenseLocation(v, *blank.first));
  d.computed = "≥" + Joined(blank.computed, " / ≥");
  d.message_zh =
      fmt::format("“{}”的{}未填，而其“其中”项已填（应分别不小于 {}）。", CleanLabel(row.label),
                  Joined(blank.zh, "、"), Joined(blank.computed, "、"));
  d.message_en = fmt::format(
      "{} is blank in {} although its 'of which' rows are filled (at "
      "least {}).",
      CleanLabel(row.label), Joined(blank.en, ", "), Joined(blank.computed, ", "));
  d.hint_zh = "填写该行的金额；它应不小于其“其中”各项之和。";
  d.hint_en = "Fill in the row; it is at least the sum of its 'of which' rows.";
}

// A leaf row whose budget is filled but final is not (or the reverse).
void CheckPartlyFilled(CheckContext& cx, const ExpenseVisit& v) {
  const ExpenseRow& row = *v.row;
  const Cell& budget = row.at(ExpenseColumn::kBudget);
  const Cell& final_accounts = row.at(ExpenseColumn::kFinal);
  if (budget.has_number() == final_accounts.has_number()) return;
  if (budget.kind == Cell::Kind::kNotApplicable ||
      final_accounts.kind == Cell::Kind::kNotApplicable)
    return;
  const ExpenseColumn filled = budget.has_number() ? ExpenseColumn::kBudget : ExpenseColumn::kFinal;
  const ExpenseColumn empty = budget.has_number() ? ExpenseColumn::kFinal : ExpenseColumn::kBudget;
  if (row.at(filled).value.is_zero()) return;
  Diagnostic& d = cx.Add("C506", ExpenseLocation(v, empty));
  d.reported = "";
  d.message_zh = fmt::format("“{}”已填{} {}，但{}未填。", CleanLabel(row.label),
                             cx.Column(ExpenseColumnKey(filled), true), row.at(filled).Display(),
                             cx.Column(ExpenseColumnKey(empty), true));
  d.message_en = fmt::format("{} has {} {} but {} is blank.", CleanLabel(row.label),
                             cx.Column(ExpenseColumnKey(filled), false), row.at(filled).Display(),
                             cx.Column(ExpenseColumnKey(empty), false));
  d.hint_zh = filled == ExpenseColumn::kBudget
                  ? "填写决算数；如预算未执行或已并入其他科目，请在报告中说明原因。"
                  : "填写预算数；如无预算安排，请填 0 并说明资金来源。";
  d.hint_en = filled == ExpenseColumn::kBudget
                  ? "Fill in the final figure; if the budget was not spent or was moved, explain "
                    "why in the report."
                  : "Fill in the budget; if none was set, write 0 and explain the funding.";
}

void CheckRate(CheckContext& cx, std::string_view code, const Cell& reported_cell,
               const Figure& numerator, const Figure& denominator, Location loc,
               std::string_view what_zh, std::string_view what_en, std::string_view num_zh,
               std::string_view den_zh, std::string_view num_en, std::string_view den_en) {
  const auto reported = FigureOf(reported_cell);
  const auto rate = PercentOf(numerator, denominator);
  if (!reported || !rate || !Disagree(reported->range, rate->range)) return;
  Diagnostic& d = cx.Add(code, std::move(loc));
  d.reported = reported_cell.Display();
  d.computed = Shown(rate->value, cx.rulebook.rate_decimals) + "%";
  d.tolerance = ToleranceText(reported->range, rate->range);
  d.message_zh =
      fmt::format("{}填报 {}，按{} {} ÷ {} {} 计算应为 {}。", what_zh, d.reported, num_zh,
                  numerator.value.ToString(), den_zh, denominator.value.ToString(), d.computed);
  d.message_en =
      fmt::format("{}: reported {}, but {} {} ÷ {} {} gives {}.", what_en, d.reported, num_en,
                  numerator.value.ToString(), den_en, denominator.value.ToString(), d.computed);
  d.hint_zh = fmt::format("按 {} ÷ {} 重新计算并填写。", num_zh, den_zh);
  d.hint_en = fmt::format("Recompute it as {} ÷ {}.", num_en, den_en);
}

}  // namespace

void CheckStaffing(CheckContext& cx) {
  if (cx.package.kind == PackageKind::kProject) return;  // a project package has no 基础数据表
  const Staffing& s = cx.package.basic_data.staffing;
  for (const auto& [key, cell, mark] :
       {std::tuple{"authorized", &s.authorized, 1}, std::tuple{"on_payroll", &s.on_payroll, 2}}) {
    if (cell->has_number()) continue;
    Diagnostic& d = cx.Add("C501", StaffingLocation(s, key, mark));
    d.message_zh = fmt::format("财政供养人员情况的{}未填。", cx.Column(key, true));
    d.message_en = fmt::format("Staffing: {} is blank.", cx.Column(key, false));
    d.hint_zh = "按机构编制部门核定的数字填写。";
    d.hint_en = "Fill in the figure from the staffing authority.";
  }
  const auto authorized = ExactFigureOf(s.authorized);
  const auto on_payroll = ExactFigureOf(s.on_payroll);
  if (!authorized || !on_payroll) return;
  CheckRate(cx, "R201", s.control_rate, *on_payroll, *authorized,
            StaffingLocation(s, "control_rate", 3), "人员控制率", "Staff control rate",
            "实际在职人数", "编制数", "staff on payroll", "authorized posts");
}

void CheckExpenses(CheckContext& cx) {
  if (cx.package.kind == PackageKind::kProject) return;  // a project package has no 基础数据表
  ForEachExpenseRow(cx.package.basic_data.expenses, [&](const ExpenseVisit& v) {
    switch (v.row->children_are) {
      case ChildRelation::kTotal:
        CheckTotalRow(cx, v);
        break;
      case ChildRelation::kParts:
        CheckPartsRow(cx, v);
        break;
      case ChildRelation::kNone:
        break;
    }
    if (v.row->children.empty()) CheckPartlyFilled(cx, v);
  });
}

void CheckBuildings(CheckContext& cx) {
  if (cx.package.kind == PackageKind::kProject) return;  // a project package has no 基础数据表
  const auto& buildings = cx.package.basic_data.buildings;
  for (size_t i = 0; i < buildings.size(); ++i) {
    const Building& b = buildings[i];
    const std::string base = "/basic_data/buildings/" + std::to_string(i) + "/";
    const std::vector<std::string> cells = {b.name,
                                            b.approved_area.Display(),
                                            b.actual_area.Display(),
                                            b.area_control_rate.Display(),
                                            b.budget_investment.Display(),
                                            b.actual_investment.Display(),
                                            b.investment_control_rate.Display()};
    const auto location = [&](const char* column, int mark) {
      Location loc;
      loc.document = "basic_data";
      loc.table = "buildings";
      loc.row = b.name.empty() ? fmt::format("第{}行", i + 1) : b.name;
      loc.column = column;
      loc.pointer = base + column;
      loc.row_cells = cells;
      loc.mark_cell = mark;
      return loc;
    };
    const auto approved = FigureOf(b.approved_area);
    const auto actual = FigureOf(b.actual_area);
    if (approved && actual) {
      CheckRate(cx, "R203", b.area_control_rate, *actual, *approved,
                location("area_control_rate", 3), "规模控制率", "Area control rate", "实际规模",
                "批复规模", "actual area", "approved area");
    }
    const auto budget = FigureOf(b.budget_investment);
    const auto spent = FigureOf(b.actual_investment);
    if (budget && spent) {
      CheckRate(cx, "R203", b.investment_control_rate, *spent, *budget,
                location("investment_control_rate", 6), "投资概算控制率", "Investment control rate",
                "实际投资", "预算投资", "actual investment", "budgeted investment");
    }
  }
}

}  // namespace jixiao::internal
