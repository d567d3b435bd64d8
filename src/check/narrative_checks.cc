// Prose checks: facts of the tables by subject, year and column; verdicts on the report's
// amounts, differences, percentage changes and "持平" claims; diagnostics for the wrong ones.
#include <fmt/format.h>

#include <deque>
#include <map>
#include <optional>
#include <tuple>

#include "base/interval.h"
#include "check/codes.h"
#include "check/narrative.h"
#include "compute/figure.h"
#include "model/walk.h"

namespace jixiao {
namespace {

// A fact of the tables: a figure and the cell it stands in.
struct Fact {
  Figure figure;
  std::string pointer;
  bool derived = false;  // worked out from other cells (a sum), not a cell of its own
};

std::optional<Fact> CellFact(const Cell& cell, std::string pointer) {
  if (auto f = FigureOf(cell)) return Fact{*f, std::move(pointer)};
  return std::nullopt;
}

// The subjects whose facts stand in the expense table, by row key.
struct ExpenseSubject {
  Subject subject;
  std::string_view key;
};
constexpr ExpenseSubject kExpenseSubjects[] = {
    {Subject::kBasic, "basic"},         {Subject::kPublicFunds, "public_funds"},
    {Subject::kProjects, "projects"},   {Subject::kThreePublic, "three_public"},
    {Subject::kOverseas, "overseas"},   {Subject::kVehicles, "vehicles"},
    {Subject::kReception, "reception"},
};

std::string_view ExpenseKeyOf(Subject subject) {
  for (const ExpenseSubject& e : kExpenseSubjects) {
    if (e.subject == subject) return e.key;
  }
  return "";
}

// The expense rows with those keys, in pre-order, with their pointers: found in one walk.
struct KeyedRow {
  const ExpenseRow* row;
  std::string pointer;
};

std::vector<KeyedRow> KeyedRows(const Package& p) {
  std::vector<KeyedRow> rows;
  ForEachExpenseRow(p.basic_data.expenses, [&](const ExpenseVisit& v) {
    for (const ExpenseSubject& e : kExpenseSubjects) {
      if (v.row->key == e.key) {
        rows.push_back(KeyedRow{v.row, v.pointer()});
        break;
      }
    }
  });
  return rows;
}

// The first row with the key (pre-order) that has the fact in a column, with the pointer: its
// cell, or for a row that totals its children, their sum.
std::optional<Fact> ExpenseFact(const std::vector<KeyedRow>& rows, std::string_view key,
                                ExpenseColumn column) {
  for (const KeyedRow& r : rows) {
    if (r.row->key != key) continue;
    if (auto fact = CellFact(r.row->at(column),
                             r.pointer + "/values/" + std::string(ExpenseColumnKey(column)))) {
      return fact;
    }
    if (r.row->children_are != ChildRelation::kTotal) continue;
    std::optional<Figure> children_sum;
    for (const ExpenseRow& child : r.row->children) {
      if (auto f = FigureOf(child.at(column)))
        children_sum = children_sum ? *children_sum + *f : *f;
    }
    if (children_sum) return Fact{*children_sum, r.pointer + "/children", true};
  }
  return std::nullopt;
}

// The fact of the tables a statement about `subject` in a year and column is checked against.
// `rows` are the package's KeyedRows.
std::optional<Fact> FactOf(const Package& p, const std::vector<KeyedRow>& rows, Subject subject,
                           Year year, Column column) {
  const bool prior = year == Year::kPrior;
  const ExpenseColumn ec =
      prior ? ExpenseColumn::kPriorFinal
            : (column == Column::kBudget ? ExpenseColumn::kBudget : ExpenseColumn::kFinal);
  const Funds& f = p.evaluation.funds;
  const Staffing& s = p.basic_data.staffing;
  // Without a data table, staff counts are the report's own (read from its prose): no table
  // to check the report against.
  const bool staff_table = Held(p.parts.basic_data);
  switch (subject) {
    case Subject::kTotalSpending:
      if (prior) {
        // The year before's total is what its 基本 and 项目 rows add up to.
        const auto basic = ExpenseFact(rows, "basic", ec);
        const auto projects = ExpenseFact(rows, "projects", ec);
        if (!basic || !projects) return std::nullopt;
        return Fact{basic->figure + projects->figure,
                    "/basic_data/expenses/" + std::string(ExpenseColumnKey(ec)), true};
      }
      return column == Column::kBudget
                 ? CellFact(f.full_year_budget, "/evaluation/funds/full_year_budget")
                 : CellFact(f.executed, "/evaluation/funds/executed");
    case Subject::kAppropriation:
      if (prior) return std::nullopt;
      return CellFact(f.general_public, "/evaluation/funds/general_public");
    case Subject::kBasic:
      if (auto fact = ExpenseFact(rows, ExpenseKeyOf(subject), ec)) return fact;
      if (!prior && column != Column::kBudget) return CellFact(f.basic, "/evaluation/funds/basic");
      return std::nullopt;
    case Subject::kProjects:
      if (auto fact = ExpenseFact(rows, ExpenseKeyOf(subject), ec)) return fact;
      if (!prior && column != Column::kBudget)
        return CellFact(f.project, "/evaluation/funds/project");
      return std::nullopt;
    case Subject::kPublicFunds:
    case Subject::kThreePublic:
    case Subject::kOverseas:
    case Subject::kVehicles:
    case Subject::kReception:
      return ExpenseFact(rows, ExpenseKeyOf(subject), ec);
    case Subject::kAuthorized:
      if (!staff_table) return std::nullopt;
      return CellFact(s.authorized, "/basic_data/staffing/authorized");
    case Subject::kOnPayroll:
      if (!staff_table) return std::nullopt;
      return CellFact(s.on_payroll, "/basic_data/staffing/on_payroll");
    case Subject::kRetired:
      if (!staff_table) return std::nullopt;
      return CellFact(s.retired, "/basic_data/staffing/retired");
    case Subject::kTotalStaff:
      if (!staff_table) return std::nullopt;
      return CellFact(s.total_actual, "/basic_data/staffing/total_actual");
    case Subject::kInitialBudget:
      if (prior) return std::nullopt;
      return CellFact(f.initial_budget, "/evaluation/funds/initial_budget");
    case Subject::kFullYearBudget:
      if (prior) return std::nullopt;
      return CellFact(f.full_year_budget, "/evaluation/funds/full_year_budget");
    case Subject::kPersonnel:
    case Subject::kNone:
      return std::nullopt;
  }
  return std::nullopt;
}

bool IsMoney(const std::string& unit) { return IsMoneyUnit(unit); }
bool IsStaffSubject(Subject s) {
  return s == Subject::kAuthorized || s == Subject::kOnPayroll || s == Subject::kRetired ||
         s == Subject::kTotalStaff;
}

Figure Stated(const Mention& m) { return StatedFigure(m); }

std::string Wan(const Decimal& v) { return v.Normalized().ToString() + "万元"; }

std::string Shown(const Decimal& v, int decimals) {
  return v.Rounded(decimals, Rounding::kHalfUp).Normalized().ToString();
}

// A figure the report restates against the fact in the tables. At the same precision it must
// be the same number ("124.89" is not "124.88", though their rounding intervals touch); at
// another it must round to it — the two half-open intervals [v − h, v + h) overlap
// ("1,248,800元" and "125万元" are both 124.88万元). A fact worked out from several cells
// stands for the interval its parts give.
Verdict Restated(const Figure& stated, const Fact& truth) {
  const Figure& t = truth.figure;
  if (truth.derived) {
    if (!stated.range.Meets(t.range)) return Verdict::kDiffersFromTable;
    return stated.value == t.value ? Verdict::kConsistent : Verdict::kRounding;
  }
  if (stated.value == t.value) return Verdict::kConsistent;
  if (stated.value.scale() == t.value.scale()) return Verdict::kDiffersFromTable;
  const bool overlap = stated.range.lo() < t.range.hi() && t.range.lo() < stated.range.hi();
  return overlap ? Verdict::kRounding : Verdict::kDiffersFromTable;
}

// The facts of the tables a report states, each looked up once per package (most
// statements are about a handful of subjects).
class Facts {
 public:
  explicit Facts(const Package& p) : p_(p) {}

  const std::optional<Fact>& Of(Subject subject, Year year, Column column) {
    // FactOf tells only the prior year from the rest, and the budget from the rest.
    const int slot = year == Year::kPrior ? 0 : (column == Column::kBudget ? 1 : 2);
    const int key = static_cast<int>(subject) * 3 + slot;
    for (const auto& [k, fact] : known_) {
      if (k == key) return fact;
    }
    if (!rows_) rows_ = KeyedRows(p_);
    known_.emplace_back(key, FactOf(p_, *rows_, subject, year, column));
    return known_.back().second;
  }
  const std::vector<KeyedRow>& Rows() {
    if (!rows_) rows_ = KeyedRows(p_);
    return *rows_;
  }

 private:
  const Package& p_;
  std::optional<std::vector<KeyedRow>> rows_;              // walked at the first fact looked up
  std::deque<std::pair<int, std::optional<Fact>>> known_;  // stable references
};

// The direction of a change follows the figures as written: 0.67 → 0.68 is a rise, even
// though both could round from 0.675 (the magnitude checks use the intervals).
int SignOf(const Figure& f) { return f.value.sign(); }

// The two figures a comparison refers to: in the sentence before `before`, the latest
// current-year and prior-year amounts of the subject; else the tables' finals.
struct Bases {
  Figure current, prior;
  std::string pointer;  // the table cell, when taken from the tables
  bool found = false;
};

Bases FindBases(Facts& facts, const SentenceClaims& c, size_t before, Subject subject,
                const std::string& unit_hint, bool between_columns) {
  Bases b;
  if (between_columns) {
    // The final accounts against the budget of the year: "决算数与预算数持平".
    const Mention* fin = nullptr;
    const Mention* bud = nullptr;
    for (size_t i = 0; i < before && i < c.mentions.size(); ++i) {
      const Mention& m = c.mentions[i];
      if (m.is_difference || m.unit == "%" || m.year == Year::kPrior) continue;
      if (subject != Subject::kNone && m.subject != subject && m.subject != Subject::kNone)
        continue;
      if (!unit_hint.empty() && IsMoney(unit_hint) != IsMoney(m.unit)) continue;
      if (m.column == Column::kFinal) fin = &m;
      if (m.column == Column::kBudget) bud = &m;
    }
    if (fin && bud) {
      b.current = Stated(*fin);
      b.prior = Stated(*bud);
      b.found = true;
      return b;
    }
    const auto& ff = facts.Of(subject, Year::kCurrent, Column::kFinal);
    const auto& fb = facts.Of(subject, Year::kCurrent, Column::kBudget);
    if (ff && fb) {
      b.current = ff->figure;
      b.prior = fb->figure;
      b.pointer = ff->pointer;
      b.found = true;
    }
    return b;
  }
  const Mention* cur = nullptr;  // the latest of each year
  const Mention* pri = nullptr;
  for (size_t i = 0; i < before && i < c.mentions.size(); ++i) {
    const Mention& m = c.mentions[i];
    if (m.is_difference || m.unit == "%" || m.ratio_base) continue;
    if (subject != Subject::kNone && m.subject != subject && m.subject != Subject::kNone) continue;
    if (!unit_hint.empty() && IsMoney(unit_hint) != IsMoney(m.unit)) continue;
    (m.year == Year::kPrior ? pri : cur) = &m;
  }
  if (cur && pri) {
    b.current = Stated(*cur);
    b.prior = Stated(*pri);
    b.found = true;
    return b;
  }
  const auto& fc = facts.Of(subject, Year::kCurrent, Column::kFinal);
  const auto& fp = facts.Of(subject, Year::kPrior, Column::kFinal);
  if (fc && fp) {
    b.current = fc->figure;
    b.prior = fp->figure;
    b.pointer = fc->pointer;
    b.found = true;
  }
  return b;
}

// The fact a stated rate is checked against: the rate printed in the tables, if any (a
// restatement of it must be the same number), and the rate the tables' figures give (a
// rate printed nowhere must round from it). `why` names the figures, for the message.
struct RateTruth {
  std::optional<Fact> printed;
  std::optional<Figure> computed;
  std::string pointer;  // the cell the rate comes from
  std::string why;      // "124.88 ÷ 127.10"
};

std::string Plain(const Figure& f) { return f.value.Normalized().ToString(); }

RateTruth TruthOfRate(const Package& p, const std::vector<KeyedRow>& rows, const Mention& m) {
  RateTruth t;
  const Funds& f = p.evaluation.funds;
  const auto ratio = [&](const std::optional<Figure>& a, const std::optional<Figure>& b) {
    if (a && b) {
      t.computed = PercentOf(*a, *b);
      if (t.computed) t.why = Plain(*a) + " ÷ " + Plain(*b);
    }
  };
  switch (m.rate) {
    case Rate::kExecution: {
      // The department's rate only: not a project's, nor a part of the spending.
      const bool whole = m.subject == Subject::kNone || m.subject == Subject::kTotalSpending ||
                         m.subject == Subject::kAppropriation ||
                         m.subject == Subject::kInitialBudget ||
                         m.subject == Subject::kFullYearBudget;
      if (!whole) return t;
      if (m.on_initial) {
        ratio(FigureOf(f.executed), FigureOf(f.initial_budget));
        t.pointer = "/evaluation/funds/initial_budget";
        return t;
      }
      t.printed = CellFact(f.execution_rate, "/evaluation/funds/execution_rate");
      ratio(FigureOf(f.executed), FigureOf(f.full_year_budget));
      t.pointer = "/evaluation/funds/execution_rate";
      return t;
    }
    case Rate::kStaffControl: {
      if (!Held(p.parts.basic_data)) return t;
      const Staffing& s = p.basic_data.staffing;
      t.printed = CellFact(s.control_rate, "/basic_data/staffing/control_rate");
      const auto on = ExactFigureOf(s.on_payroll);
      const auto posts = ExactFigureOf(s.authorized);
      ratio(on, posts);
      t.pointer = "/basic_data/staffing/control_rate";
      return t;
    }
    case Rate::kPublicFundsControl:
    case Rate::kThreePublicControl: {
      const std::string_view key =
          m.rate == Rate::kPublicFundsControl ? "public_funds" : "three_public";
      const auto final_fact = ExpenseFact(rows, key, ExpenseColumn::kFinal);
      const auto budget_fact = ExpenseFact(rows, key, ExpenseColumn::kBudget);
      if (final_fact && budget_fact) {
        ratio(final_fact->figure, budget_fact->figure);
        t.pointer = final_fact->pointer;
      }
      return t;
    }
    case Rate::kAdjustment: {
      const auto initial = FigureOf(f.initial_budget);
      const auto full = FigureOf(f.full_year_budget);
      if (initial && full) {
        Figure change = *full - *initial;
        if (change.value.sign() < 0) change = Figure::Exact(Decimal::FromInt(0)) - change;
        t.computed = PercentOf(change, *initial);
        if (t.computed) t.why = "|" + Plain(*full) + " − " + Plain(*initial) + "| ÷ " + Plain(*initial);
        t.pointer = "/evaluation/funds/full_year_budget";
      }
      return t;
    }
    case Rate::kNone:
      break;
  }
  return t;
}

// The verdict on a stated rate. A rate printed in the tables that agrees with their figures
// must be restated as printed; otherwise the stated rate must round from the figures.
Verdict RateVerdict(const Mention& m, const RateTruth& t) {
  if (!t.printed && !t.computed) return Verdict::kUntraceable;
  const Figure stated = Figure::Written(m.value.sign() < 0 ? -m.value : m.value);
  const bool meets_computed = t.computed && stated.range.Meets(t.computed->range);
  if (t.printed) {
    const bool printed_right = !t.computed || t.printed->figure.range.Meets(t.computed->range);
    const Verdict v = Restated(stated, *t.printed);
    if (v != Verdict::kDiffersFromTable) return v;
    if (!printed_right && meets_computed) return Verdict::kRounding;
    return Verdict::kRateMisstated;
  }
  return meets_computed ? (stated.value == t.computed->value ? Verdict::kConsistent
                                                             : Verdict::kRounding)
                        : Verdict::kRateMisstated;
}

// The verdict on a budget adjustment stated in words ("全年预算由年初的153.53万元调减为127.10
// 万元，减少26.43万元"), and what the tables give: its amounts against the 年初 and 全年 budgets
// (as restatements), its direction and its change (rounding-aware). nullopt when the sentence
// is about something else (a project, the 三公) or the tables lack the budgets.
std::optional<std::pair<Verdict, std::string>> JudgeAdjustment(const Package& p,
                                                               const SentenceClaims& c,
                                                               const AdjustmentClaim& a) {
  const Funds& f = p.evaluation.funds;
  const auto initial = CellFact(f.initial_budget, "/evaluation/funds/initial_budget");
  const auto full = CellFact(f.full_year_budget, "/evaluation/funds/full_year_budget");
  if (!initial || !full) return std::nullopt;
  const auto whole = [](Subject s) {
    return s == Subject::kNone || s == Subject::kInitialBudget || s == Subject::kFullYearBudget ||
           s == Subject::kTotalSpending || s == Subject::kAppropriation;
  };
  for (std::optional<size_t> i : {a.from, a.to, a.change}) {
    if (i && !whole(c.mentions[*i].subject)) return std::nullopt;
  }
  // The change: "调减26.43万元", or the first amount after a direction word that follows.
  const Mention* change = a.change ? &c.mentions[*a.change] : nullptr;
  int change_direction = a.direction;
  if (change == nullptr) {
    for (const DirectionClaim& d : c.directions) {
      if (d.begin < a.begin || !d.amount || *d.amount >= c.mentions.size()) continue;
      const Mention& m = c.mentions[*d.amount];
      if (!IsMoney(m.unit)) continue;
      change = &m;
      change_direction = d.direction;
      break;
    }
  }
  if (!a.from && !a.to && change == nullptr) return std::nullopt;
  const Figure diff = full->figure - initial->figure;
  const int sign = SignOf(diff);
  bool wrong = false;
  if (a.from && Restated(Stated(c.mentions[*a.from]), *initial) == Verdict::kDiffersFromTable)
    wrong = true;
  if (a.to && Restated(Stated(c.mentions[*a.to]), *full) == Verdict::kDiffersFromTable)
    wrong = true;
  if (a.direction != 0 && sign != a.direction) wrong = true;
  if (change != nullptr) {
    const Interval magnitude =
        sign >= 0 ? diff.range : Interval::Between(-diff.range.hi(), -diff.range.lo());
    if (!Stated(*change).range.Meets(magnitude)) wrong = true;
    if (change_direction != 0 && sign != 0 && change_direction != sign) wrong = true;
  }
  const std::string expected =
      fmt::format("{} → {}，{}{}", Wan(initial->figure.value), Wan(full->figure.value),
                  sign < 0 ? "调减" : sign > 0 ? "调增" : "未调整", Wan(diff.value.Abs()));
  return std::make_pair(wrong ? Verdict::kAdjustmentMisstated : Verdict::kConsistent, expected);
}

}  // namespace

std::string VerdictName(Verdict v, bool zh) {
  switch (v) {
    case Verdict::kConsistent:
      return zh ? "一致" : "consistent";
    case Verdict::kRounding:
      return zh ? "按四舍五入一致" : "consistent by rounding";
    case Verdict::kNumberError:
      return zh ? "数字错误" : "number error";
    case Verdict::kUnitError:
      return zh ? "单位错误" : "unit error";
    case Verdict::kUnitMissing:
      return zh ? "缺少单位" : "unit missing";
    case Verdict::kDirectionError:
      return zh ? "增减方向错误" : "direction error";
    case Verdict::kDiffersFromTable:
      return zh ? "与表格不符" : "differs from the tables";
    case Verdict::kRateMisstated:
      return zh ? "比率与表中不符" : "rate misstated";
    case Verdict::kAdjustmentMisstated:
      return zh ? "预算调整与表中不符" : "adjustment misstated";
    case Verdict::kChangeAndPercent:
      return zh ? "增减额与增减率矛盾" : "difference and percentage disagree";
    case Verdict::kUntraceable:
      return zh ? "无从核对" : "untraceable";
  }
  return "";
}

std::string ClaimKindName(std::string_view kind, bool zh) {
  static const std::tuple<std::string_view, const char*, const char*> kNames[] = {
      {"amount", "金额", "amount"},
      {"difference", "差额", "difference"},
      {"percent_change", "变动率", "percent change"},
      {"flat", "持平", "no change"},
      {"rate", "比率", "rate"},
      {"adjustment", "预算调整", "adjustment"},
      {"change_and_percent", "增减额与增减率", "difference and percentage"},
  };
  for (const auto& [key, name_zh, name_en] : kNames) {
    if (key == kind) return zh ? name_zh : name_en;
  }
  return std::string(kind);
}

std::string_view VerdictKey(Verdict v) {
  switch (v) {
    case Verdict::kConsistent:
      return "consistent";
    case Verdict::kRounding:
      return "consistent_by_rounding";
    case Verdict::kNumberError:
      return "number_error";
    case Verdict::kUnitError:
      return "unit_error";
    case Verdict::kUnitMissing:
      return "unit_missing";
    case Verdict::kDirectionError:
      return "direction_error";
    case Verdict::kDiffersFromTable:
      return "differs_from_table";
    case Verdict::kRateMisstated:
      return "rate_misstated";
    case Verdict::kAdjustmentMisstated:
      return "adjustment_misstated";
    case Verdict::kChangeAndPercent:
      return "change_and_percent_disagree";
    case Verdict::kUntraceable:
      return "untraceable";
  }
  return "";
}

bool IsWrong(Verdict v) {
  return v == Verdict::kNumberError || v == Verdict::kUnitError || v == Verdict::kDirectionError ||
         v == Verdict::kUnitMissing || v == Verdict::kDiffersFromTable ||
         v == Verdict::kRateMisstated || v == Verdict::kAdjustmentMisstated ||
         v == Verdict::kChangeAndPercent;
}

std::vector<ClaimCheck> AssessClaims(const Package& p, const Rulebook& rulebook) {
  const std::vector<Sentence> sentences = SplitSentences(p.report);
  std::vector<SentenceClaims> claims;
  for (const Sentence& s : sentences) claims.push_back(ExtractClaims(s, p.fiscal_year));
  return AssessClaims(p, rulebook, sentences, claims);
}

std::vector<ClaimCheck> AssessClaims(const Package& p, const Rulebook& rulebook,
                                     const std::vector<Sentence>& sentences,
                                     const std::vector<SentenceClaims>& all_claims,
                                     bool wrong_only) {
  std::vector<ClaimCheck> out;
  Facts facts(p);
  for (size_t k = 0; k < sentences.size(); ++k) {
    const Sentence& sentence = sentences[k];
    const SentenceClaims& c = all_claims[k];
    if (c.mentions.empty() && c.directions.empty()) continue;
    const size_t first = out.size();
    // A statement is judged first; only the kept ones are written out (quoted, with what the
    // facts give).
    const auto keep = [&](Verdict verdict) { return !wrong_only || IsWrong(verdict); };
    const auto write = [&](int begin, int end, const char* kind, Subject subject,
                           Verdict verdict) -> ClaimCheck& {
      ClaimCheck& check = out.emplace_back();
      check.sentence = sentence;
      check.begin = begin;
      check.end = end;
      check.kind = kind;
      check.subject = subject;
      check.stated = sentence.text.substr(begin, end - begin);
      check.verdict = verdict;
      return check;
    };
    // A budget adjustment stated in words is judged as a whole (below), its amounts included.
    const AdjustmentClaim* adjustment = c.adjustment ? &*c.adjustment : nullptr;
    const auto in_adjustment = [&](size_t i) {
      return adjustment != nullptr &&
             (adjustment->from == i || adjustment->to == i || adjustment->change == i);
    };
    // Amounts against the tables.
    for (size_t i = 0; i < c.mentions.size(); ++i) {
      const Mention& m = c.mentions[i];
      if (in_adjustment(i)) continue;
      if (m.rate != Rate::kNone) {
        const RateTruth truth = TruthOfRate(p, facts.Rows(), m);
        const Verdict verdict = RateVerdict(m, truth);
        if (!keep(verdict)) continue;
        ClaimCheck& check = write(m.begin, m.end, "rate", m.subject, verdict);
        check.fact_pointer = truth.pointer;
        if (truth.printed) {
          check.expected = truth.printed->figure.value.Normalized().ToString() + "%";
        } else if (truth.computed) {
          check.expected = Shown(truth.computed->value, 2) + "% (" + truth.why + ")";
        }
        continue;
      }
      if (m.is_difference || m.unit == "%" || m.ratio_base) continue;
      // A budget named in a sentence about revenue or another fund is not the 自评表's.
      if ((m.subject == Subject::kInitialBudget || m.subject == Subject::kFullYearBudget) &&
          (!m.subject_near || sentence.text.find("收入") != std::string_view::npos ||
           sentence.text.find("基金") != std::string_view::npos ||
           sentence.text.find("国有资本") != std::string_view::npos)) {
        continue;
      }
      const bool staff = IsStaffSubject(m.subject) && (m.unit == "人" || m.unit == "名");
      if (!IsMoney(m.unit) && !staff && !m.unit.empty()) continue;
      if (m.unit.empty() && !staff) continue;
      const std::optional<Fact>& fact = facts.Of(m.subject, m.year, m.column);
      Verdict verdict = Verdict::kUntraceable;
      if (fact) {
        // Counts of persons are exact; amounts stand for their written intervals.
        if (staff) {
          verdict = m.value == fact->figure.value ? Verdict::kConsistent
                                                  : Verdict::kDiffersFromTable;
        } else if (const Verdict v = Restated(Stated(m), *fact); v != Verdict::kDiffersFromTable) {
          verdict = v;
        } else if (IsMoney(m.unit) && m.unit != "万元" &&
                   Restated(Figure::Written(m.value), *fact) != Verdict::kDiffersFromTable) {
          verdict = Verdict::kUnitError;
        } else {
          verdict = Verdict::kDiffersFromTable;
        }
      }
      if (!keep(verdict)) continue;
      ClaimCheck& check = write(m.begin, m.end, "amount", m.subject, verdict);
      if (fact) {
        check.fact_pointer = fact->pointer;
        check.expected = staff ? fact->figure.value.ToString() : Wan(fact->figure.value);
      }
    }
    if (adjustment != nullptr) {
      if (auto judged = JudgeAdjustment(p, c, *adjustment); judged && keep(judged->first)) {
        ClaimCheck& check = write(adjustment->begin, adjustment->end, "adjustment",
                                  Subject::kFullYearBudget, judged->first);
        check.fact_pointer = "/evaluation/funds/full_year_budget";
        check.expected = judged->second;
        // The span: from the first amount to the last one judged.
        for (std::optional<size_t> i : {adjustment->from, adjustment->to, adjustment->change}) {
          if (!i) continue;
          check.begin = std::min(check.begin, c.mentions[*i].begin);
          check.end = std::max(check.end, c.mentions[*i].end);
        }
        check.stated = sentence.text.substr(check.begin, check.end - check.begin);
      }
    }
    // Comparisons.
    const Mention* last_change = nullptr;  // the amount of the comparison just before
    size_t last_change_index = 0;
    for (const DirectionClaim& d : c.directions) {
      if (adjustment != nullptr && d.begin > adjustment->begin) continue;  // judged above
      const Mention* amount =
          d.amount && *d.amount < c.mentions.size() ? &c.mentions[*d.amount] : nullptr;
      const Mention* change = last_change;
      last_change = amount != nullptr && IsMoney(amount->unit) ? amount : nullptr;
      if (last_change != nullptr) last_change_index = *d.amount;
      const size_t before = d.amount ? *d.amount : c.mentions.size();
      const std::string unit_hint = amount ? (amount->unit == "%" ? "" : amount->unit) : "";
      Bases b = FindBases(facts, c, before, d.subject,
                          amount && amount->unit != "%" ? unit_hint : "", d.between_columns);
      // "减少23.52万元，下降15.85%": the percentage is the difference over the base year.
      if (amount != nullptr && amount->unit == "%" && change != nullptr) {
        std::optional<Figure> base;
        if (b.found) {
          base = b.prior;
        } else {
          const Mention* prior = nullptr;
          const Mention* current = nullptr;
          for (size_t i = 0; i < last_change_index; ++i) {
            const Mention& m = c.mentions[i];
            if (!IsMoney(m.unit) || m.is_difference || m.ratio_base) continue;
            (m.year == Year::kPrior ? prior : current) = &m;
          }
          if (prior != nullptr) {
            base = Stated(*prior);
          } else if (current != nullptr) {
            base = change->direction >= 0 ? Stated(*current) - Stated(*change)
                                          : Stated(*current) + Stated(*change);
          }
        }
        const auto implied = base ? PercentOf(Stated(*change), *base) : std::nullopt;
        if (implied && implied->range.lo().sign() >= 0 &&
            !Figure::Written(amount->value).range.Meets(implied->range) &&
            keep(Verdict::kChangeAndPercent)) {
          ClaimCheck& check =
              write(d.begin, d.end, "change_and_percent", d.subject, Verdict::kChangeAndPercent);
          check.begin = std::min(check.begin, change->begin);
          check.stated = sentence.text.substr(check.begin, check.end - check.begin);
          check.fact_pointer = b.pointer;
          check.expected = fmt::format("{} ÷ {} = {}%", Wan(Stated(*change).value),
                                       Wan(base->value), Shown(implied->value, 2));
        }
      }
      if (!b.found) {
        if (!keep(Verdict::kUntraceable)) continue;
        write(d.begin, d.end,
              amount ? (amount->unit == "%" ? "percent_change" : "difference") : "flat", d.subject,
              Verdict::kUntraceable);
        continue;
      }
      const Figure diff = b.current - b.prior;
      const auto pct = PercentOf(diff, b.prior);
      const int sign = SignOf(diff);
      if (amount == nullptr) {
        bool flat = sign == 0;
        if (!flat && d.roughly && pct) {
          flat = pct->value.Abs() <= rulebook.rough_flat_percent;
        }
        const Verdict verdict = flat ? Verdict::kConsistent : Verdict::kDirectionError;
        if (!keep(verdict)) continue;
        ClaimCheck& check = write(d.begin, d.end, "flat", d.subject, verdict);
        check.fact_pointer = b.pointer;
        const std::string change =
            fmt::format("{}{} ({}%)", diff.value.sign() >= 0 ? "+" : "", Wan(diff.value),
                        pct ? (pct->value.sign() >= 0 ? "+" : "") + Shown(pct->value, 2) : "—");
        check.expected =
            fmt::format("{} → {}, {}", Wan(b.prior.value), Wan(b.current.value), change);
        continue;
      }
      if (amount->unit == "%") {
        Verdict verdict;
        if (!pct) {
          verdict = Verdict::kUntraceable;
        } else if (sign != 0 && sign != d.direction) {
          verdict = Verdict::kDirectionError;
        } else {
          const Figure stated = Figure::Written(amount->value);
          const Interval expected = pct->range.lo().sign() >= 0
                                        ? pct->range
                                        : Interval::Between(-pct->range.hi(), -pct->range.lo());
          verdict = stated.range.Meets(expected) ? Verdict::kConsistent : Verdict::kNumberError;
        }
        if (!keep(verdict)) continue;
        ClaimCheck& check = write(d.begin, d.end, "percent_change", d.subject, verdict);
        check.fact_pointer = b.pointer;
        check.expected = pct ? Shown(pct->value.Abs(), 2) + "%" : "—";
        continue;
      }
      const Interval magnitude = diff.value.sign() >= 0
                                     ? diff.range
                                     : Interval::Between(-diff.range.hi(), -diff.range.lo());
      const Figure as_written = Figure::Written(amount->value);  // read in 万元
      Verdict verdict;
      if (sign != d.direction) {
        verdict = Verdict::kDirectionError;
      } else if (amount->unit.empty()) {
        verdict = as_written.range.Meets(magnitude) ? Verdict::kUnitMissing : Verdict::kNumberError;
      } else if (const Figure stated = Stated(*amount); stated.range.Meets(magnitude)) {
        verdict = stated.value == diff.value.Abs() ? Verdict::kConsistent : Verdict::kRounding;
      } else if (IsMoney(amount->unit) && as_written.range.Meets(magnitude)) {
        verdict = Verdict::kUnitError;
      } else {
        verdict = Verdict::kNumberError;
      }
      if (!keep(verdict)) continue;
      ClaimCheck& check = write(d.begin, d.end, "difference", d.subject, verdict);
      check.fact_pointer = b.pointer;
      check.expected = (sign > 0 ? "增加" : sign < 0 ? "减少" : "持平") + Wan(diff.value.Abs());
    }
    // In the order the sentence states them.
    std::stable_sort(out.begin() + static_cast<long>(first), out.end(),
                     [](const ClaimCheck& a, const ClaimCheck& b) { return a.begin < b.begin; });
  }
  return out;
}

Figure StatedFigure(const Mention& m) {
  const Figure written = Figure::Written(m.value);
  // 万元, the tables' unit, needs no scaling (× 1 would give the same figure).
  if (m.unit == "万元" || !IsMoneyUnit(m.unit)) return written;
  return written * Figure::Exact(WanPerUnit(m.unit));
}

Location SentenceLocation(const Package& p, const Sentence& s, int begin, int end) {
  Location loc;
  loc.document = "report";
  loc.table = "sections";
  loc.section = s.section;
  loc.row = s.section;
  loc.pointer = s.pointer;
  loc.sentence = s.text;
  loc.span_begin = begin;
  loc.span_end = end;
  loc.text_line = s.line;
  (void)p;
  return loc;
}

void NarrativeDiagnostics(const Package& p, const std::vector<ClaimCheck>& claims,
                          std::vector<Diagnostic>* out) {
  // A figure that differs from the tables is one diagnostic per fact, listing every sentence.
  std::map<std::string, size_t> by_fact;
  for (const ClaimCheck& c : claims) {
    const char* code = nullptr;
    switch (c.verdict) {
      case Verdict::kNumberError:
        code = "N801";
        break;
      case Verdict::kUnitError:
        code = "N802";
        break;
      case Verdict::kDirectionError:
        code = "N803";
        break;
      case Verdict::kUnitMissing:
        code = "N804";
        break;
      case Verdict::kDiffersFromTable:
        code = "X701";
        break;
      case Verdict::kRateMisstated:
        code = "N805";
        break;
      case Verdict::kAdjustmentMisstated:
        code = "N806";
        break;
      case Verdict::kChangeAndPercent:
        code = "N807";
        break;
      default:
        break;
    }
    if (code == nullptr) continue;
    Location loc = SentenceLocation(p, c.sentence, c.begin, c.end);
    if (std::string_view(code) == "X701") {
      const std::string key = c.fact_pointer + "|" + c.stated;
      if (auto it = by_fact.find(key); it != by_fact.end()) {
        (*out)[it->second].related.push_back(std::move(loc));
        continue;
      }
      by_fact[key] = out->size();
    }
    Diagnostic& d = out->emplace_back();
    d.code = code;
    d.severity = FindCode(code)->severity;
    d.location = std::move(loc);
    d.reported = c.stated;
    d.computed = c.expected;
    const std::string subject_zh(SubjectName(c.subject, true));
    const std::string subject_en(SubjectName(c.subject, false));
    if (!c.fact_pointer.empty()) {
      Location table;
      table.pointer = c.fact_pointer;
      table.document = c.fact_pointer.rfind("/evaluation", 0) == 0 ? "evaluation" : "basic_data";
      table.table = c.fact_pointer.find("staffing") != std::string::npos ? "staffing"
                    : c.fact_pointer.find("funds") != std::string::npos  ? "funds"
                                                                         : "expenses";
      table.row = subject_zh;
      d.related.push_back(std::move(table));
    }
    switch (c.verdict) {
      case Verdict::kNumberError:
        d.message_zh = fmt::format("报告中“{}”的{}与其比较的两个数不符，按数据应为“{}”。", c.stated,
                                   subject_zh, c.expected);
        d.message_en = fmt::format(
            "The report states \"{}\" for {}, but the figures compared "
            "give {}.",
            c.stated, subject_en, c.expected);
        d.hint_zh = "按本年数与上年数重新计算差额或变动率。";
        d.hint_en =
            "Recompute the difference or the rate from this year's and last year's figures.";
        break;
      case Verdict::kUnitError:
        d.message_zh = fmt::format("报告中“{}”的单位有误：按数据应为“{}”。", c.stated, c.expected);
        d.message_en = fmt::format(
            "The report states \"{}\": the number is right only in another "
            "unit ({}).",
            c.stated, c.expected);
        d.hint_zh = "金额单位应与表中一致（万元）。";
        d.hint_en = "Write the amount in the tables' unit (万元).";
        break;
      case Verdict::kDirectionError:
        d.message_zh = fmt::format("报告称{}“{}”，但数据为 {}。", subject_zh, c.stated, c.expected);
        d.message_en = fmt::format("The report says {} was \"{}\", but the figures are {}.",
                                   subject_en, c.stated, c.expected);
        d.hint_zh = "按实际变动写明增加或减少及其金额和比例。";
        d.hint_en = "Say whether it rose or fell, by how much and by what percentage.";
        break;
      case Verdict::kUnitMissing:
        d.message_zh = fmt::format("报告中“{}”没有写单位（应为“{}”）。", c.stated, c.expected);
        d.message_en =
            fmt::format("The report states \"{}\" without a unit ({}).", c.stated, c.expected);
        d.hint_zh = "为金额写明单位（万元）。";
        d.hint_en = "Write the unit (万元).";
        break;
      case Verdict::kDiffersFromTable:
        d.message_zh =
            fmt::format("报告中{}为“{}”，而表中为 {}。", subject_zh, c.stated, c.expected);
        d.message_en = fmt::format("The report gives {} as \"{}\", but the tables give {}.",
                                   subject_en, c.stated, c.expected);
        d.hint_zh = "同一数据在表和报告中应一致；核对口径并更正其中之一，口径不同时在报告中说明。";
        d.hint_en =
            "The same fact must agree in the tables and the report; correct one, or "
            "explain a different basis.";
        break;
      case Verdict::kRateMisstated:
        d.message_zh = fmt::format("报告中的比率“{}”与表中数据不符：应为 {}。", c.stated, c.expected);
        d.message_en =
            fmt::format("The report states the rate \"{}\", but the tables give {}.", c.stated,
                        c.expected);
        d.hint_zh = "比率应按表中数据计算并与表中所填一致（执行率 = 全年执行数 ÷ 全年预算数）。";
        d.hint_en =
            "Compute the rate from the tables' figures and state it as the tables print it "
            "(execution rate = executed ÷ full-year budget).";
        break;
      case Verdict::kChangeAndPercent:
        d.message_zh = fmt::format("报告中“{}”的增减额与增减率互相矛盾：按增减额应为 {}。",
                                   c.stated, c.expected);
        d.message_en = fmt::format(
            "The report states \"{}\": the difference and the percentage disagree ({}).",
            c.stated, c.expected);
        d.hint_zh = "增减率 = 增减额 ÷ 上年数；核对二者。";
        d.hint_en = "Percentage = difference ÷ the base year's figure: check both.";
        break;
      case Verdict::kAdjustmentMisstated:
        d.message_zh = fmt::format("报告所述预算调整“{}”与表中不符：表中为 {}。", c.stated,
                                   c.expected);
        d.message_en = fmt::format(
            "The report states the budget adjustment as \"{}\", but the tables give {}.",
            c.stated, c.expected);
        d.hint_zh = "预算调整应写明年初预算数、全年预算数、调增或调减及其金额，并与自评表一致。";
        d.hint_en =
            "State the initial and the full-year budget, whether it went up or down and by how "
            "much, as the score table gives them.";
        break;
      default:
        break;
    }
  }
}

}  // namespace jixiao
