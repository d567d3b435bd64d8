// Checks of the 资金 block of the 自评表: required figures, the execution rate and score, and
// the two splits of the year's funds.
#include <fmt/format.h>

#include "check/check_context.h"

namespace jixiao::internal {
namespace {

struct FundsColumn {
  const char* key;
  const Cell Funds::*cell;
  int mark;  // index in the printed row
};

constexpr FundsColumn kRowColumns[] = {
    {"initial_budget", &Funds::initial_budget, 1},
    {"full_year_budget", &Funds::full_year_budget, 2},
    {"executed", &Funds::executed, 3},
    {"weight", &Funds::weight, 4},
    {"execution_rate", &Funds::execution_rate, 5},
    {"score", &Funds::score, 6},
};

Location FundsLocation(const Funds& f, std::string_view column) {
  Location loc;
  loc.document = "evaluation";
  loc.table = "funds";
  loc.row = "年度资金总额";
  loc.column = std::string(column);
  loc.pointer = "/evaluation/funds/" + loc.column;
  loc.row_cells = {"年度资金总额"};
  for (const FundsColumn& c : kRowColumns) {
    loc.row_cells.push_back((f.*(c.cell)).Display());
    if (c.key == column) loc.mark_cell = c.mark;
  }
  return loc;
}

void CheckSplit(CheckContext& cx, const Funds& f, std::initializer_list<FundsColumn> parts,
                std::string_view name_zh, std::string_view name_en) {
  std::optional<Figure> sum;
  const char* first_key = nullptr;
  for (const FundsColumn& part : parts) {
    if (auto fig = FigureOf(f.*(part.cell))) {
      sum = sum ? *sum + *fig : *fig;
      if (!first_key) first_key = part.key;
    }
  }
  if (!sum) return;
  const auto executed = FigureOf(f.executed);
  const auto budget = FigureOf(f.full_year_budget);
  // Forms split either the executed or the full-year figure; either agreement is fine.
  if (!executed || !Disagree(executed->range, sum->range)) return;
  if (budget && !Disagree(budget->range, sum->range)) return;
  Location loc = FundsLocation(f, first_key);
  loc.row = std::string(name_zh);
  loc.row_cells.clear();
  loc.mark_cell = -1;
  Diagnostic& d = cx.Add("A104", std::move(loc));
  d.related.push_back(FundsLocation(f, "executed"));
  d.reported = Shown(sum->value, sum->value.scale());
  d.computed = f.executed.Display();
  d.tolerance = ToleranceText(executed->range, sum->range);
  d.message_zh =
      fmt::format("资金{}各项之和为 {}，与全年执行数 {} 不符。", name_zh, d.reported, d.computed);
  d.message_en = fmt::format("The funds split {} adds up to {}, not to the executed {}.", name_en,
                             d.reported, d.computed);
  d.hint_zh = "分列的各项应合计为全年执行数；补齐或更正各项金额。";
  d.hint_en = "The parts of a split add up to the executed amount; complete or correct them.";
}

}  // namespace

void CheckFunds(CheckContext& cx) {
  const Funds& f = cx.package.evaluation.funds;
  for (const FundsColumn& c : kRowColumns) {
    if ((f.*(c.cell)).has_number()) continue;
    Diagnostic& d = cx.Add("C501", FundsLocation(f, c.key));
    d.message_zh = fmt::format("自评表年度资金的{}未填。", cx.Column(c.key, true));
    d.message_en = fmt::format("Funds: {} is blank.", cx.Column(c.key, false));
    d.hint_zh = "按预算批复和决算数据填写。";
    d.hint_en = "Fill it in from the approved budget and the final accounts.";
  }

  const ExecutionResult& ex = cx.sheet.execution;
  const auto reported_rate = FigureOf(f.execution_rate);
  if (ex.rate && reported_rate && Disagree(reported_rate->range, ex.rate->range)) {
    Diagnostic& d = cx.Add("R202", FundsLocation(f, "execution_rate"));
    d.related.push_back(FundsLocation(f, "executed"));
    d.related.push_back(FundsLocation(f, "full_year_budget"));
    d.reported = f.execution_rate.Display();
    d.computed = Shown(ex.rate->value, cx.rulebook.rate_decimals);
    d.tolerance = ToleranceText(reported_rate->range, ex.rate->range);
    d.message_zh =
        fmt::format("执行率填报 {}，按全年执行数 {} ÷ 全年预算数 {} 计算应为 {}%。", d.reported,
                    f.executed.Display(), f.full_year_budget.Display(), d.computed);
    d.message_en =
        fmt::format("Execution rate: reported {}, but executed {} ÷ full-year budget {} gives {}%.",
                    d.reported, f.executed.Display(), f.full_year_budget.Display(), d.computed);
    d.hint_zh = "执行率 = 全年执行数 ÷ 全年预算数（调整后预算），不是除以年初预算数。";
    d.hint_en = "Execution rate = executed ÷ full-year (adjusted) budget, not the initial budget.";
    // Name the usual slip: dividing by the initial budget.
    const auto initial = FigureOf(f.initial_budget);
    const auto executed = FigureOf(f.executed);
    if (initial && executed) {
      const auto wrong = PercentOf(*executed, *initial);
      if (wrong && !Disagree(reported_rate->range, wrong->range)) {
        d.message_zh += "填报值与“全年执行数 ÷ 年初预算数”相符，分母用错了。";
        d.message_en += " The reported figure matches executed ÷ initial budget: wrong divisor.";
      }
    }
  }

  const auto reported_score = ScoreFigureOf(f.score, cx.rulebook.execution_decimals);
  if (ex.score && reported_score && Disagree(reported_score->range, ex.score_range)) {
    Diagnostic& d = cx.Add("S301", FundsLocation(f, "score"));
    d.related.push_back(FundsLocation(f, "execution_rate"));
    d.reported = f.score.Display();
    d.computed = ex.score->ToString();
    d.tolerance = ToleranceText(reported_score->range, ex.score_range);
    d.message_zh = fmt::format(
        "执行率得分填报 {}，按分值 {} × 执行率 {}%（不超过 {}%）计算应为 {}（评分规则“{}”保留 {} "
        "位小数）。",
        d.reported, ex.weight->ToString(), Shown(ex.rate->value, cx.rulebook.rate_decimals),
        cx.rulebook.execution_cap_percent.ToString(), d.computed, cx.rulebook.id,
        cx.rulebook.execution_decimals);
    d.message_en = fmt::format(
        "Execution score: reported {}, but weight {} × rate {}% (capped at {}%) gives {} "
        "(rulebook {}: {} decimals).",
        d.reported, ex.weight->ToString(), Shown(ex.rate->value, cx.rulebook.rate_decimals),
        cx.rulebook.execution_cap_percent.ToString(), d.computed, cx.rulebook.id,
        cx.rulebook.execution_decimals);
    d.hint_zh = "执行率得分 = 分值 × 执行率（执行率超过上限按上限计）。";
    d.hint_en = "Execution score = weight × execution rate (the rate is capped).";
  }

  CheckSplit(cx, f,
             {{"general_public", &Funds::general_public, 0},
              {"government_fund", &Funds::government_fund, 0},
              {"special_account", &Funds::special_account, 0},
              {"other_funds", &Funds::other_funds, 0}},
             "按收入性质分", "by source");
  CheckSplit(cx, f, {{"basic", &Funds::basic, 0}, {"project", &Funds::project, 0}}, "按支出性质分",
             "by nature");
}

}  // namespace jixiao::internal
