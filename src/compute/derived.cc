// Derived figures from the reported ones.
#include "compute/derived.h"

#include <fmt/format.h>

#include "model/walk.h"

namespace jixiao {
namespace {

class Deriver {
 public:
  Deriver(const Rulebook& rb, std::vector<DerivedFigure>* out) : rb_(rb), out_(out) {}

  void Rate(std::string key, std::string zh, std::string en, std::string formula, const Cell& num,
            const Cell& den, bool exact = false) {
    const auto a = exact ? ExactFigureOf(num) : FigureOf(num);
    const auto b = exact ? ExactFigureOf(den) : FigureOf(den);
    if (!a || !b) return;
    const auto r = PercentOf(*a, *b);
    if (!r) return;
    Add(std::move(key), std::move(zh), std::move(en), std::move(formula), *r, true);
  }

  void Change(std::string key, std::string zh, std::string en, const Cell& from, const Cell& to) {
    const auto a = FigureOf(from);
    const auto b = FigureOf(to);
    if (!a || !b) return;
    const Figure diff = *b - *a;
    Add(key + ":amount", zh + "变动额", en + " change", "本年 − 上年", diff, false);
    if (const auto pct = PercentOf(diff, *a)) {
      Add(key + ":rate", zh + "变动率", en + " rate of change", "(本年 − 上年) ÷ 上年", *pct, true);
    }
  }

  void Add(std::string key, std::string zh, std::string en, std::string formula, Figure value,
           bool percent) {
    DerivedFigure f;
    f.key = std::move(key);
    f.name_zh = std::move(zh);
    f.name_en = std::move(en);
    f.formula = std::move(formula);
    f.value = value;
    f.percent = percent;
    f.shown = percent ? value.value.Format(rb_.rate_decimals, rb_.rate_rounding) + "%"
                      : value.value.Normalized().ToString();
    out_->push_back(std::move(f));
  }

 private:
  const Rulebook& rb_;
  std::vector<DerivedFigure>* out_;
};

}  // namespace

std::vector<DerivedFigure> DeriveFigures(const Package& p, const Rulebook& rb) {
  std::vector<DerivedFigure> out;
  Deriver d(rb, &out);
  const Staffing& s = p.basic_data.staffing;
  const Funds& f = p.evaluation.funds;
  d.Rate("staff_control_rate", "人员控制率", "staff control rate", "实际在职人数 ÷ 编制数",
         s.on_payroll, s.authorized, /*exact=*/true);
  if (f.full_year_budget.kind == Cell::Kind::kNotApplicable) {  // a form without 全年预算数
    d.Rate("execution_rate", "预算执行率", "execution rate", "全年执行数 ÷ 年初预算数", f.executed,
           f.initial_budget);
  } else {
    d.Rate("execution_rate", "预算执行率", "execution rate", "全年执行数 ÷ 全年预算数", f.executed,
           f.full_year_budget);
  }
  // Each row under 年度资金总额 (其中：当年财政拨款, 基本支出 …) has its own rate.
  for (size_t i = 0; i < f.rows.size(); ++i) {
    const FundsRow& r = f.rows[i];
    const std::string label = r.label.empty() ? r.key : CleanLabel(r.label);
    const bool by_initial = r.full_year_budget.kind == Cell::Kind::kNotApplicable;
    d.Rate(fmt::format("funds_row:{}:execution_rate", i), label + "执行率",
           label + " execution rate",
           by_initial ? "全年执行数 ÷ 年初预算数" : "全年执行数 ÷ 全年预算数", r.executed,
           by_initial ? r.initial_budget : r.full_year_budget);
  }
  if (const auto a = FigureOf(f.initial_budget), b = FigureOf(f.full_year_budget); a && b) {
    d.Add("budget_adjustment", "预算调整额", "budget adjustment", "全年预算数 − 年初预算数",
          *b - *a, false);
    if (const auto r = PercentOf(*b - *a, *a)) {
      d.Add("budget_adjustment_rate", "预算调整率", "budget adjustment rate",
            "(全年预算数 − 年初预算数) ÷ 年初预算数", *r, true);
    }
  }
  const auto row = [&](std::string_view key) { return FindExpenseRow(p.basic_data.expenses, key); };
  if (const ExpenseRow* r = row("public_funds")) {
    d.Rate("public_funds_control_rate", "公用经费控制率", "public funds control rate",
           "本年决算 ÷ 本年预算", r->at(ExpenseColumn::kFinal), r->at(ExpenseColumn::kBudget));
  }
  if (const ExpenseRow* r = row("three_public")) {
    d.Rate("three_public_control_rate", "三公经费控制率", "three public control rate",
           "本年决算 ÷ 本年预算", r->at(ExpenseColumn::kFinal), r->at(ExpenseColumn::kBudget));
    const Cell& now = rb.three_public_basis == ThreePublicBasis::kFinal
                          ? r->at(ExpenseColumn::kFinal)
                          : r->at(ExpenseColumn::kBudget);
    d.Change("three_public_change", "三公经费", "three public expenses",
             r->at(ExpenseColumn::kPriorFinal), now);
  }
  if (const ExpenseRow* r = row("procurement")) {
    d.Rate("procurement_rate", "政府采购执行率", "procurement execution rate", "实际 ÷ 预算",
           r->at(ExpenseColumn::kFinal), r->at(ExpenseColumn::kBudget));
  }
  for (size_t i = 0; i < p.basic_data.buildings.size(); ++i) {
    const Building& b = p.basic_data.buildings[i];
    const std::string name = b.name.empty() ? fmt::format("楼堂馆所{}", i + 1) : b.name;
    d.Rate(fmt::format("building:{}:area", i), name + "规模控制率", "area control rate",
           "实际规模 ÷ 批复规模", b.actual_area, b.approved_area);
    d.Rate(fmt::format("building:{}:investment", i), name + "投资概算控制率",
           "investment control rate", "实际投资 ÷ 预算投资", b.actual_investment,
           b.budget_investment);
  }
  ForEachExpenseRow(p.basic_data.expenses, [&](const ExpenseVisit& v) {
    if (v.row->key == "three_public") return;  // given above, on the rulebook's basis
    d.Change("yoy:" + v.pointer(), CleanLabel(v.row->label), CleanLabel(v.row->label),
             v.row->at(ExpenseColumn::kPriorFinal), v.row->at(ExpenseColumn::kFinal));
  });
  return out;
}

}  // namespace jixiao
