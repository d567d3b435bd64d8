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

// ---- the rows under 年度资金总额 ----

constexpr FundsColumn kTotalAmounts[] = {
    {"initial_budget", &Funds::initial_budget, 1},
    {"full_year_budget", &Funds::full_year_budget, 2},
    {"executed", &Funds::executed, 3},
};

struct RowColumn {
  const char* key;
  const Cell FundsRow::*cell;
  int mark;
};

constexpr RowColumn kSubRowColumns[] = {
    {"initial_budget", &FundsRow::initial_budget, 1},
    {"full_year_budget", &FundsRow::full_year_budget, 2},
    {"executed", &FundsRow::executed, 3},
    {"weight", &FundsRow::weight, 4},
    {"execution_rate", &FundsRow::execution_rate, 5},
    {"score", &FundsRow::score, 6},
};

std::string RowLabel(const FundsRow& row, size_t i) {
  return row.label.empty() ? (row.key.empty() ? fmt::format("第{}行", i + 1) : row.key) : row.label;
}

Location RowLocation(const FundsRow& row, size_t i, std::string_view column) {
  Location loc;
  loc.document = "evaluation";
  loc.table = "funds";
  loc.row = RowLabel(row, i);
  loc.column = std::string(column);
  loc.pointer = fmt::format("/evaluation/funds/rows/{}/{}", i, column);
  loc.row_cells = {loc.row};
  for (const RowColumn& c : kSubRowColumns) {
    loc.row_cells.push_back((row.*(c.cell)).Display());
    if (c.key == column) loc.mark_cell = c.mark;
  }
  return loc;
}

// Rows by source (当年财政拨款, 上年结转, 其他 and rows we have no name for) and by nature
// (基本支出, 项目支出) are two splits of the same total.
bool ByNature(const FundsRow& row) { return row.key == "basic" || row.key == "project"; }

// Σ of a split's amounts = the total's, column by column (A104).
void CheckRowSums(CheckContext& cx, const Funds& f, bool nature) {
  for (size_t k = 0; k < std::size(kTotalAmounts); ++k) {
    const FundsColumn& total_column = kTotalAmounts[k];
    const RowColumn& row_column = kSubRowColumns[k];
    const auto total = FigureOf(f.*(total_column.cell));
    if (!total) continue;
    std::optional<Figure> sum;
    int parts = 0;
    bool complete = true;  // a row left blank is C515's, not a sum that does not meet
    size_t first = 0;
    for (size_t i = 0; i < f.rows.size(); ++i) {
      if (ByNature(f.rows[i]) != nature) continue;
      const Cell& cell = f.rows[i].*(row_column.cell);
      const auto fig = FigureOf(cell);
      if (!fig) {
        // An empty row (贵州 prints 其他 with nothing in it) is no part of the split.
        const FundsRow& r = f.rows[i];
        const bool empty_row = !r.initial_budget.has_number() && !r.full_year_budget.has_number() &&
                               !r.executed.has_number();
        complete = complete && (empty_row || cell.kind == Cell::Kind::kNotApplicable);
        continue;
      }
      if (parts++ == 0) first = i;
      sum = sum ? *sum + *fig : *fig;
    }
    // One row alone is no split (a form may print 其中：当年财政拨款 only, the other sources
    // left out), but it is a part of the total: more than the total is wrong all the same.
    if (!complete || parts == 0 || !Disagree(total->range, sum->range)) continue;
    const bool lone_part = parts == 1;
    if (lone_part && sum->range.hi() < total->range.lo()) continue;
    Diagnostic& d = cx.Add("A104", RowLocation(f.rows[first], first, row_column.key));
    d.related.push_back(FundsLocation(f, total_column.key));
    d.reported = Shown(sum->value, sum->value.scale());
    d.computed = (f.*(total_column.cell)).Display();
    d.tolerance = ToleranceText(total->range, sum->range);
    const std::string column_zh = cx.Column(row_column.key, true);
    const std::string column_en = cx.Column(row_column.key, false);
    if (lone_part) {
      const std::string label = RowLabel(f.rows[first], first);
      d.message_zh = fmt::format("年度资金总额下“{}”行的{}为 {}，大于年度资金总额的 {}。", label,
                                 column_zh, d.reported, d.computed);
      d.message_en = fmt::format("The funds row \"{}\" has {} {}, more than the total's {}.",
                                 label, column_en, d.reported, d.computed);
    } else {
      d.message_zh = fmt::format("年度资金总额下{}各行的{}之和为 {}，与年度资金总额的 {} 不符。",
                                 nature ? "按支出性质分列" : "按资金来源分列", column_zh,
                                 d.reported, d.computed);
      d.message_en =
          fmt::format("The funds rows {} add up to {} ({}), not to the total's {}.",
                      nature ? "by nature" : "by source", d.reported, column_en, d.computed);
    }
    d.hint_zh = "各分项行是年度资金总额的组成部分，应合计为总额；更正分项或总额。";
    d.hint_en = "The rows under the total are its parts and add up to it; correct them.";
  }
}

void CheckFundsRows(CheckContext& cx) {
  const Funds& f = cx.package.evaluation.funds;
  if (f.rows.empty()) return;
  const int decimals = cx.rulebook.rate_decimals;
  for (size_t i = 0; i < f.rows.size() && i < cx.sheet.fund_rows.size(); ++i) {
    const FundsRow& row = f.rows[i];
    const ExecutionResult& ex = cx.sheet.fund_rows[i];
    const std::string label = RowLabel(row, i);
    // A row with figures but without the two its rate needs.
    const bool any = row.initial_budget.has_number() || row.full_year_budget.has_number() ||
                     row.executed.has_number();
    const Cell& divisor = ex.by_initial ? row.initial_budget : row.full_year_budget;
    if (any && (!row.executed.has_number() || !divisor.has_number())) {
      const char* missing = !row.executed.has_number() ? "executed"
                            : ex.by_initial            ? "initial_budget"
                                                       : "full_year_budget";
      Diagnostic& d = cx.Add("C515", RowLocation(row, i, missing));
      d.message_zh = fmt::format("年度资金“{}”行的{}未填，无法计算该行执行率。", label,
                                 cx.Column(missing, true));
      d.message_en = fmt::format(
          "Funds row \"{}\": {} is blank, so its execution rate cannot be "
          "computed.",
          label, cx.Column(missing, false));
      d.hint_zh = "按预算批复和决算数据补齐该行。";
      d.hint_en = "Complete the row from the approved budget and the final accounts.";
    }
    const auto rate = FigureOf(row.execution_rate);
    if (ex.rate && rate && Disagree(rate->range, ex.rate->range)) {
      Diagnostic& d = cx.Add("S308", RowLocation(row, i, "execution_rate"));
      d.related.push_back(RowLocation(row, i, "executed"));
      d.reported = row.execution_rate.Display();
      d.computed = Shown(ex.rate->value, decimals);
      d.tolerance = ToleranceText(rate->range, ex.rate->range);
      d.message_zh =
          fmt::format("年度资金“{}”行执行率填报 {}，按该行全年执行数 {} ÷ {} {} 计算应为 {}%。",
                      label, d.reported, row.executed.Display(),
                      ex.by_initial ? "年初预算数" : "全年预算数", divisor.Display(), d.computed);
      d.message_en = fmt::format(
          "Funds row \"{}\": execution rate reported {}, but its executed {} ÷ {} {} gives {}%.",
          label, d.reported, row.executed.Display(),
          ex.by_initial ? "initial budget" : "full-year budget", divisor.Display(), d.computed);
      d.hint_zh = "每行的执行率按该行自己的执行数和预算数计算。";
      d.hint_en = "Each row's rate follows from that row's own executed amount and budget.";
    }
    const auto score = ScoreFigureOf(row.score, cx.ScoreDecimals(cx.rulebook.execution_decimals));
    if (ex.score && score && Disagree(score->range, ex.score_range)) {
      Diagnostic& d = cx.Add("S309", RowLocation(row, i, "score"));
      d.related.push_back(RowLocation(row, i, "weight"));
      d.reported = row.score.Display();
      d.computed = ex.score->ToString();
      d.tolerance = ToleranceText(score->range, ex.score_range);
      d.message_zh = fmt::format(
          "年度资金“{}”行得分填报 {}，按该行分值 {} × 执行率 {}%（不超过 {}%）计算应为 {}。", label,
          d.reported, ex.weight->ToString(), Shown(ex.rate->value, decimals), ex.cap.ToString(),
          d.computed);
      d.message_en = fmt::format(
          "Funds row \"{}\": score reported {}, but its weight {} × rate {}% (capped at {}%) "
          "gives {}.",
          label, d.reported, ex.weight->ToString(), Shown(ex.rate->value, decimals),
          ex.cap.ToString(), d.computed);
      if (cx.sheet.funds_method.understood) {
        d.message_zh += fmt::format("（表内得分计算方法读作：{}）", cx.sheet.funds_method.how_zh);
        d.message_en +=
            fmt::format(" (the form's method read as: {})", cx.sheet.funds_method.how_en);
      }
      d.hint_zh = "每行得分 = 该行分值 × 该行执行率（执行率超过上限按上限计）。";
      d.hint_en = "A row's score = its weight × its own execution rate (the rate is capped).";
    }
  }
  CheckRowSums(cx, f, /*nature=*/false);
  CheckRowSums(cx, f, /*nature=*/true);

  // When the rows carry parts of the score, their 分值 add up to the total's. A form that
  // scores every row on the total's full scale (贵州: 10 each) is not a split of it.
  const auto total_weight = ExactFigureOf(f.weight);
  if (!total_weight) return;
  std::optional<Figure> sum;
  bool all_full_scale = true;
  size_t first = 0;
  int weighted = 0;
  for (size_t i = 0; i < f.rows.size(); ++i) {
    const auto w = ExactFigureOf(f.rows[i].weight);
    if (!w) continue;
    if (weighted++ == 0) first = i;
    sum = sum ? *sum + *w : *w;
    all_full_scale = all_full_scale && w->value == total_weight->value;
  }
  if (weighted == 0 || all_full_scale || sum->value == total_weight->value) return;
  Diagnostic& d = cx.Add("S310", RowLocation(f.rows[first], first, "weight"));
  d.related.push_back(FundsLocation(f, "weight"));
  d.reported = sum->value.ToString();
  d.computed = f.weight.Display();
  d.message_zh = fmt::format("年度资金各分项行的分值之和为 {}，与年度资金总额的分值 {} 不符。",
                             d.reported, d.computed);
  d.message_en = fmt::format("The funds rows' weights add up to {}, not to the total's weight {}.",
                             d.reported, d.computed);
  d.hint_zh = "分项行分担总分值时，各行分值之和应等于总额行的分值。";
  d.hint_en = "When the rows share the total's weight, their weights add up to it.";
}

}  // namespace

void CheckFunds(CheckContext& cx) {
  const Funds& f = cx.package.evaluation.funds;
  for (const FundsColumn& c : kRowColumns) {
    if ((f.*(c.cell)).has_number()) continue;
    // A form without the column — 全年预算数 or 执行率 (贵州), 年初预算数, 分值 and 得分 (湖南's
    // 县级专项资金 form, which scores nothing): the importer marks the cell not applicable.
    if ((f.*(c.cell)).kind == Cell::Kind::kNotApplicable) continue;
    // A piece of a 自评表 (some indicator rows) does not show its funds block.
    if (EvaluationIsPiece(cx.package)) break;
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
    const Cell& divisor = ex.by_initial ? f.initial_budget : f.full_year_budget;
    d.message_zh = fmt::format("执行率填报 {}，按全年执行数 {} ÷ {} {} 计算应为 {}%。", d.reported,
                               f.executed.Display(), ex.by_initial ? "年初预算数" : "全年预算数",
                               divisor.Display(), d.computed);
    d.message_en =
        fmt::format("Execution rate: reported {}, but executed {} ÷ {} {} gives {}%.", d.reported,
                    f.executed.Display(), ex.by_initial ? "initial budget" : "full-year budget",
                    divisor.Display(), d.computed);
    d.hint_zh = "执行率 = 全年执行数 ÷ 全年预算数（调整后预算），不是除以年初预算数。";
    d.hint_en = "Execution rate = executed ÷ full-year (adjusted) budget, not the initial budget.";
    // Name the usual slip: dividing by the initial budget.
    const auto initial = FigureOf(f.initial_budget);
    const auto executed = FigureOf(f.executed);
    if (initial && executed && !ex.by_initial) {
      const auto wrong = PercentOf(*executed, *initial);
      if (wrong && !Disagree(reported_rate->range, wrong->range)) {
        d.message_zh += "填报值与“全年执行数 ÷ 年初预算数”相符，分母用错了。";
        d.message_en += " The reported figure matches executed ÷ initial budget: wrong divisor.";
      }
    }
  }

  const auto reported_score =
      ScoreFigureOf(f.score, cx.ScoreDecimals(cx.rulebook.execution_decimals));
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
        ex.cap.ToString(), d.computed, cx.rulebook.id, cx.rulebook.execution_decimals);
    d.message_en = fmt::format(
        "Execution score: reported {}, but weight {} × rate {}% (capped at {}%) gives {} "
        "(rulebook {}: {} decimals).",
        d.reported, ex.weight->ToString(), Shown(ex.rate->value, cx.rulebook.rate_decimals),
        ex.cap.ToString(), d.computed, cx.rulebook.id, cx.rulebook.execution_decimals);
    d.hint_zh = "执行率得分 = 分值 × 执行率（执行率超过上限按上限计）。";
    d.hint_en = "Execution score = weight × execution rate (the rate is capped).";
  }

  CheckFundsRows(cx);

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
