// Deductions: formula evaluation over package figures, and step and band rules.
#include "compute/deductions.h"

#include <fmt/format.h>

#include "base/interval.h"
#include "model/walk.h"

namespace jixiao {
namespace {

std::optional<Decimal> NumberOf(const Cell& cell) {
  if (!cell.has_number() || !cell.value.valid()) return std::nullopt;
  return cell.value;
}

std::optional<ExpenseColumn> ColumnNamed(std::string_view name) {
  for (ExpenseColumn c : kExpenseColumns) {
    if (ExpenseColumnKey(c) == name) return c;
  }
  return std::nullopt;
}

// A metric printed for a note: to the rulebook's rate decimals, trailing zeros kept.
std::string Shown(const Decimal& value, const Rulebook& rb) {
  return value.Rounded(rb.rate_decimals, rb.rate_rounding).ToString();
}

// The score of `s` from its unrounded value: capped at the weight, rounded as [scores] says.
RuleScore Finish(RuleScore s, Decimal raw, const Rulebook& rulebook) {
  raw = Decimal::Min(raw, s.weight);
  s.deduction = s.weight - raw;
  s.score = raw.Rounded(rulebook.score_decimals, rulebook.score_rounding);
  return s;
}

}  // namespace

std::optional<Decimal> FormulaFigure(const Package& package, std::string_view name) {
  const auto rest = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (name.substr(0, prefix.size()) != prefix) return std::nullopt;
    return name.substr(prefix.size());
  };
  if (auto field = rest("staffing.")) {
    const Staffing& s = package.basic_data.staffing;
    if (*field == "authorized") return NumberOf(s.authorized);
    if (*field == "on_payroll") return NumberOf(s.on_payroll);
    if (*field == "retired") return NumberOf(s.retired);
    if (*field == "total_actual") return NumberOf(s.total_actual);
    return std::nullopt;
  }
  if (auto field = rest("funds.")) {
    const Funds& f = package.evaluation.funds;
    const struct {
      std::string_view key;
      const Cell* cell;
    } cells[] = {{"initial_budget", &f.initial_budget},
                 {"full_year_budget", &f.full_year_budget},
                 {"executed", &f.executed},
                 {"weight", &f.weight},
                 {"general_public", &f.general_public},
                 {"government_fund", &f.government_fund},
                 {"special_account", &f.special_account},
                 {"other_funds", &f.other_funds},
                 {"basic", &f.basic},
                 {"project", &f.project}};
    for (const auto& c : cells) {
      if (c.key == *field) return NumberOf(*c.cell);
    }
    return std::nullopt;
  }
  if (auto field = rest("expenses.")) {
    const size_t dot = field->rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const auto column = ColumnNamed(field->substr(dot + 1));
    const ExpenseRow* row = FindExpenseRow(package.basic_data.expenses, field->substr(0, dot));
    if (!column || row == nullptr) return std::nullopt;
    return NumberOf(row->at(*column));
  }
  return std::nullopt;
}

MetricValue EvaluateFormula(const Formula& formula, const Package& package,
                            const std::vector<MetricValue>& metrics) {
  MetricValue out;
  std::vector<Decimal> stack;
  const auto fail = [&](std::string zh, std::string en) {
    out.value.reset();
    out.why_zh = std::move(zh);
    out.why_en = std::move(en);
    return out;
  };
  for (const FormulaOp& op : formula.ops) {
    switch (op.kind) {
      case FormulaOp::Kind::kNumber:
        stack.push_back(op.number);
        continue;
      case FormulaOp::Kind::kFigure: {
        const std::optional<Decimal> v = FormulaFigure(package, op.name);
        if (!v) return fail(fmt::format("{} 未填", op.name), fmt::format("{} is blank", op.name));
        stack.push_back(*v);
        continue;
      }
      case FormulaOp::Kind::kMetric: {
        if (op.metric < 0 || op.metric >= static_cast<int>(metrics.size())) {
          return fail(fmt::format("{} 未定义", op.name), fmt::format("{} is undefined", op.name));
        }
        const MetricValue& m = metrics[op.metric];
        if (!m.value) return fail(m.why_zh, m.why_en);
        stack.push_back(*m.value);
        continue;
      }
      case FormulaOp::Kind::kNegate:
        if (stack.empty()) return fail("公式有误", "malformed formula");
        stack.back() = -stack.back();
        continue;
      default:
        break;
    }
    if (stack.size() < 2) return fail("公式有误", "malformed formula");
    const Decimal b = stack.back();
    stack.pop_back();
    const Decimal a = stack.back();
    Decimal r;
    switch (op.kind) {
      case FormulaOp::Kind::kAdd:
        r = a + b;
        break;
      case FormulaOp::Kind::kSubtract:
        r = a - b;
        break;
      case FormulaOp::Kind::kMultiply:
        r = a * b;
        break;
      default:  // kDivide
        if (b.is_zero()) return fail("除数为 0", "division by zero");
        r = Decimal::Divide(a, b, Interval::kDivisionScale, Rounding::kHalfEven);
        break;
    }
    if (!r.valid()) return fail("数值超出范围", "a value out of range");
    stack.back() = r;
  }
  if (stack.size() != 1) return fail("公式有误", "malformed formula");
  out.value = stack.back().Normalized();
  return out;
}

std::vector<MetricValue> EvaluateMetrics(const Package& package, const Rulebook& rulebook) {
  std::vector<MetricValue> values;
  values.reserve(rulebook.rubric.metrics.size());
  for (const RubricMetric& m : rulebook.rubric.metrics) {
    values.push_back(EvaluateFormula(m.parsed, package, values));
  }
  return values;
}

RuleScore ScoreRule(const RubricRule& rule, const Rulebook& rulebook,
                    const std::vector<MetricValue>& metrics, const std::optional<Decimal>& weight) {
  RuleScore s;
  s.rule = &rule;
  s.weight = weight.value_or(rule.weight);
  const RubricMetric* metric =
      rule.metric >= 0 && rule.metric < static_cast<int>(rulebook.rubric.metrics.size())
          ? &rulebook.rubric.metrics[rule.metric]
          : nullptr;
  const MetricValue* value = rule.metric >= 0 && rule.metric < static_cast<int>(metrics.size())
                                 ? &metrics[rule.metric]
                                 : nullptr;
  if (metric == nullptr || value == nullptr || !value->value) {
    const std::string name = metric ? metric->name : rule.name;
    s.note_zh = fmt::format("{}无法计算：{}", name, value ? value->why_zh : "未定义");
    s.note_en = fmt::format("{} cannot be computed: {}", name, value ? value->why_en : "undefined");
    return s;
  }
  const Decimal m = *value->value;
  s.metric = m;
  const std::string shown = Shown(m, rulebook);
  Decimal raw = s.weight;
  if (rule.kind == RubricRule::Kind::kStep) {
    const Decimal excess = rule.deduct_above ? m - rule.threshold : rule.threshold - m;
    const char* side_zh = rule.deduct_above ? "超过" : "低于";
    const char* side_en = rule.deduct_above ? "above" : "below";
    if (excess.sign() <= 0) {
      s.note_zh = fmt::format("{} {}，未{} {}，得满分", metric->name, shown, side_zh,
                              rule.threshold.ToString());
      s.note_en = fmt::format("{} {} is not {} {}: full marks", metric->name, shown, side_en,
                              rule.threshold.ToString());
    } else {
      Decimal steps;
      switch (rule.count) {
        case StepCount::kWhole:
          steps = Decimal::Divide(excess, rule.step, 0, Rounding::kTruncate);
          break;
        case StepCount::kStarted:
          steps = Decimal::Divide(excess, rule.step, 0, Rounding::kTruncate);
          if (steps * rule.step < excess) steps = steps + Decimal::FromInt(1);
          break;
        case StepCount::kExact:
          steps = Decimal::Divide(excess, rule.step, Interval::kDivisionScale, Rounding::kHalfEven);
          break;
      }
      const Decimal deduction = steps * rule.deduct;
      raw = Decimal::Max(s.weight - deduction, Decimal());
      const std::string by =
          excess.Rounded(rulebook.rate_decimals, rulebook.rate_rounding).Normalized().ToString();
      if (steps.is_zero()) {
        s.note_zh = fmt::format("{} {}，{} {} 仅 {}，不足一档（{}），不扣分", metric->name, shown,
                                side_zh, rule.threshold.ToString(), by, rule.step.ToString());
        s.note_en = fmt::format("{} {} is {} {} by {}, less than one step of {}: no deduction",
                                metric->name, shown, side_en, rule.threshold.ToString(), by,
                                rule.step.ToString());
        return Finish(s, raw, rulebook);
      }
      s.note_zh = fmt::format(
          "{} {}，{} {} 达 {}，每 {} 扣 {} 分，计 {} 档，扣 {} 分", metric->name, shown, side_zh,
          rule.threshold.ToString(),
          excess.Rounded(rulebook.rate_decimals, rulebook.rate_rounding).Normalized().ToString(),
          rule.step.ToString(), rule.deduct.ToString(), steps.Rounded(4).Normalized().ToString(),
          (s.weight - raw).Normalized().ToString());
      s.note_en = fmt::format(
          "{} {} is {} {} by {}; {} per {} for {} step(s) deducts {}", metric->name, shown, side_en,
          rule.threshold.ToString(),
          excess.Rounded(rulebook.rate_decimals, rulebook.rate_rounding).Normalized().ToString(),
          rule.deduct.ToString(), rule.step.ToString(), steps.Rounded(4).Normalized().ToString(),
          (s.weight - raw).Normalized().ToString());
    }
  } else if (rule.kind == RubricRule::Kind::kProportional) {
    const Decimal capped = Decimal::Min(Decimal::Max(m, Decimal()), rule.full_at);
    raw = Decimal::Divide(s.weight * capped, rule.full_at, Interval::kDivisionScale,
                          Rounding::kHalfEven);
    s.note_zh =
        fmt::format("{} {}，按比例计分：{} × min({}, {}) ÷ {}", metric->name, shown,
                    s.weight.ToString(), shown, rule.full_at.ToString(), rule.full_at.ToString());
    s.note_en =
        fmt::format("{} {}, scored in proportion: {} × min({}, {}) ÷ {}", metric->name, shown,
                    s.weight.ToString(), shown, rule.full_at.ToString(), rule.full_at.ToString());
  } else {
    const RuleBand* hit = &rule.bands.back();
    for (const RuleBand& band : rule.bands) {
      if (band.up_to && m <= *band.up_to) {
        hit = &band;
        break;
      }
    }
    // A band's score is out of the rule's weight; an indicator weighted otherwise scales it.
    raw = s.weight == rule.weight || rule.weight.is_zero()
              ? hit->score
              : Decimal::Divide(hit->score * s.weight, rule.weight, Interval::kDivisionScale,
                                Rounding::kHalfEven);
    const size_t index = static_cast<size_t>(hit - rule.bands.data());
    const std::string band_zh =
        hit->up_to
            ? (index == 0 ? fmt::format("≤ {}", hit->up_to->ToString())
                          : fmt::format("{} < x ≤ {}", rule.bands[index - 1].up_to->ToString(),
                                        hit->up_to->ToString()))
            : fmt::format("> {}", rule.bands[index - 1].up_to->ToString());
    s.note_zh = fmt::format("{} {}，在 {} 档，得 {} 分", metric->name, shown, band_zh,
                            raw.Normalized().ToString());
    s.note_en = fmt::format("{} {} is in the band {}: {} points", metric->name, shown, band_zh,
                            raw.Normalized().ToString());
  }
  return Finish(s, raw, rulebook);
}

}  // namespace jixiao
