// The placements of a short funds row that its arithmetic allows (see funds_placement.h).
#include "import/funds_placement.h"

#include <algorithm>
#include <optional>

#include "base/decimal.h"
#include "base/number_text.h"
#include "base/text.h"
#include "import/text_noise.h"

namespace jixiao {
namespace {

bool Has(const std::string& s, std::string_view w) { return s.find(w) != std::string::npos; }

struct Figure {
  bool value = false;  // a number (not an empty marker, not words)
  Decimal number;
  bool percent = false;
};

Figure Read(const std::string& text) {
  Figure f;
  if (IsBlank(text) || IsEmptyMarker(text)) return f;
  const DocumentNumber n = ParseDocumentNumber(text);
  if (!n.ok) return f;
  f.value = true;
  f.number = n.value;
  f.percent = n.percent;
  return f;
}

// Whether a written rate is executed ÷ budget, rounded as it is written.
bool RateHolds(const Figure& rate, const Decimal& executed, const Decimal& budget) {
  if (budget.is_zero()) return executed.is_zero() && rate.number.is_zero();
  const Decimal exact =
      Decimal::Divide(executed * Decimal::FromInt(100), budget, 8, Rounding::kHalfUp);
  const int decimals = rate.number.scale();
  if (exact.RoundsTo(rate.number)) return true;
  // The ratio itself ("1" for 100 %), without '%'.
  if (!rate.percent && rate.number <= Decimal::FromInt(1)) {
    return exact.Rounded(std::max(0, decimals - 2), Rounding::kHalfUp) ==
           rate.number * Decimal::FromInt(100);
  }
  return false;
}

// The rate as a percentage: written ("90%", "90", the ratio "0.9"), else computed from the
// amounts; nullopt when neither can be had.
std::optional<Decimal> RatePercent(const Figure* rate, const Figure* executed,
                                   const Figure* budget) {
  if (rate != nullptr) {
    if (rate->percent || rate->number > Decimal::FromInt(1)) return rate->number;
    return rate->number * Decimal::FromInt(100);
  }
  if (executed == nullptr || budget == nullptr || budget->number.is_zero()) return std::nullopt;
  return Decimal::Divide(executed->number * Decimal::FromInt(100), budget->number, 8,
                         Rounding::kHalfUp);
}

// How the figures, placed at `columns`, stand with their roles and one another.
enum class Fit { kBroken, kUnchecked, kConfirmed };

Fit FitOf(const std::vector<FundsRole>& roles, const std::vector<Figure>& figures,
          const std::vector<int>& columns) {
  const Figure* at[7] = {};
  for (size_t i = 0; i < figures.size(); ++i) {
    const Figure& f = figures[i];
    if (!f.value) continue;
    const FundsRole role = roles[columns[i]];
    switch (role) {
      case FundsRole::kInitial:
      case FundsRole::kFull:
      case FundsRole::kExecuted:
        if (f.percent) return Fit::kBroken;
        break;
      case FundsRole::kWeight:
      case FundsRole::kScore:
        if (f.percent || f.number.sign() < 0 || f.number > Decimal::FromInt(100)) {
          return Fit::kBroken;
        }
        break;
      case FundsRole::kRate:
      case FundsRole::kNone:
        break;
    }
    at[static_cast<int>(role)] = &f;
  }
  const auto get = [&](FundsRole r) { return at[static_cast<int>(r)]; };
  const Figure* weight = get(FundsRole::kWeight);
  const Figure* score = get(FundsRole::kScore);
  const Figure* rate = get(FundsRole::kRate);
  const Figure* executed = get(FundsRole::kExecuted);
  const Figure* budget = get(FundsRole::kFull) ? get(FundsRole::kFull) : get(FundsRole::kInitial);
  if (weight && score && score->number > weight->number) return Fit::kBroken;
  bool confirmed = false;
  if (rate && executed && budget) {
    if (!RateHolds(*rate, executed->number, budget->number)) return Fit::kBroken;
    confirmed = true;
  }
  // The score is the weight times the rate (up to 100 %), as rounded where it is written.
  if (weight && score) {
    if (const std::optional<Decimal> r = RatePercent(rate, executed, budget)) {
      const Decimal capped = Decimal::Min(*r, Decimal::FromInt(100));
      const Decimal expected = Decimal::Divide(weight->number * capped, Decimal::FromInt(100),
                                               8, Rounding::kHalfUp);
      confirmed = confirmed ||
                  expected.RoundsTo(score->number);
    }
  }
  return confirmed ? Fit::kConfirmed : Fit::kUnchecked;
}

}  // namespace

std::vector<FundsRole> FundsRoles(const std::vector<std::string>& header) {
  std::vector<FundsRole> roles;
  for (const std::string& raw : header) {
    const std::string h = FoldWidth(raw);
    FundsRole r = FundsRole::kNone;
    if (Has(h, "分值") || Has(h, "权重")) {
      r = FundsRole::kWeight;
    } else if (Has(h, "得分")) {
      r = FundsRole::kScore;
    } else if (Has(h, "率")) {
      r = FundsRole::kRate;
    } else if (Has(h, "年初")) {
      r = FundsRole::kInitial;
    } else if (Has(h, "执行数")) {
      r = FundsRole::kExecuted;
    } else if (Has(h, "预算")) {
      r = FundsRole::kFull;
    }
    roles.push_back(r);
  }
  return roles;
}

bool IsFundsHeader(const std::vector<FundsRole>& roles) {
  int amounts = 0, figures = 0;
  bool rate_or_weight = false;
  for (FundsRole r : roles) {
    if (r == FundsRole::kNone) continue;
    ++figures;
    amounts += r == FundsRole::kInitial || r == FundsRole::kFull || r == FundsRole::kExecuted;
    rate_or_weight = rate_or_weight || r == FundsRole::kRate || r == FundsRole::kWeight;
  }
  return amounts >= 2 && rate_or_weight && figures <= static_cast<int>(kMostFundsColumns);
}

std::optional<std::vector<int>> PlaceFundsFigures(const std::vector<FundsRole>& roles,
                                                  const std::vector<FundsFigure>& figures) {
  std::vector<int> slots;  // the figure columns
  for (size_t c = 0; c < roles.size(); ++c) {
    if (roles[c] != FundsRole::kNone) slots.push_back(static_cast<int>(c));
  }
  if (figures.empty() || figures.size() >= slots.size() || slots.size() > kMostFundsColumns) {
    return std::nullopt;
  }
  std::vector<Figure> read;
  std::vector<int> now;
  for (const FundsFigure& f : figures) {
    if (f.column < 0 || f.column >= static_cast<int>(roles.size()) ||
        roles[f.column] == FundsRole::kNone) {
      return std::nullopt;  // not all in figure columns: not a row of figures
    }
    read.push_back(Read(f.text));
    now.push_back(f.column);
  }
  const Fit as_aligned = FitOf(roles, read, now);
  if (as_aligned == Fit::kConfirmed) return std::nullopt;
  // Every placement in order (a mask over the slots with as many bits as figures); only one
  // that the arithmetic confirms is taken, over an alignment it does not confirm.
  std::optional<std::vector<int>> found;
  const auto valued = [&](const std::vector<int>& columns) {
    std::vector<int> v;
    for (size_t i = 0; i < read.size(); ++i) v.push_back(read[i].value ? columns[i] : -1);
    return v;
  };
  for (unsigned mask = 0; mask < (1u << slots.size()); ++mask) {
    if (static_cast<size_t>(__builtin_popcount(mask)) != figures.size()) continue;
    std::vector<int> columns;
    for (size_t s = 0; s < slots.size(); ++s) {
      if (mask & (1u << s)) columns.push_back(slots[s]);
    }
    if (FitOf(roles, read, columns) != Fit::kConfirmed) continue;
    if (!found) {
      found = columns;
    } else if (valued(*found) != valued(columns)) {
      return std::vector<int>{};  // two placements fit and disagree
    }
  }
  return found;  // nullopt when none is confirmed
}

}  // namespace jixiao
