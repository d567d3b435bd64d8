// Formula parsing: a recursive-descent reader of the rulebook's arithmetic, emitting postfix.
#include "rules/formula.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/lang.h"
#include "base/text.h"

namespace jixiao {
namespace {

constexpr std::string_view kExpenseKeys[] = {
    "basic",        "public_funds", "office",           "utilities_travel",  "meetings_training",
    "three_public", "vehicles",     "vehicle_purchase", "vehicle_operation", "overseas",
    "reception",    "projects",     "procurement",      "basic_adjustment"};
constexpr std::string_view kExpenseColumns[] = {"prior_final", "budget", "final"};

std::vector<std::string> BuildFigureNames() {
  std::vector<std::string> names = {
      "staffing.authorized",   "staffing.on_payroll",   "staffing.retired",
      "staffing.total_actual", "funds.initial_budget",  "funds.full_year_budget",
      "funds.executed",        "funds.weight",          "funds.general_public",
      "funds.government_fund", "funds.special_account", "funds.other_funds",
      "funds.basic",           "funds.project"};
  for (std::string_view key : kExpenseKeys) {
    for (std::string_view column : kExpenseColumns) {
      names.push_back(fmt::format("expenses.{}.{}", key, column));
    }
  }
  return names;
}

class Parser {
 public:
  Parser(std::string_view text, const std::function<int(std::string_view)>& metric_index,
         Formula* out)
      : text_(text), metric_index_(metric_index), out_(out) {}

  bool Run(FormulaError* error) {
    Skip();
    if (pos_ >= text_.size()) return Fail(error, Tr("公式为空", "the formula is empty"));
    if (!Expression(error)) return false;
    Skip();
    if (pos_ < text_.size()) {
      return Fail(error, TrF("意外的“{}”", "unexpected \"{}\"", CurrentSymbol()));
    }
    return true;
  }

 private:
  // The code point at pos_ as text; empty at the end.
  std::string CurrentSymbol() const {
    size_t next = pos_;
    NextCodePoint(text_, &next);
    return std::string(text_.substr(pos_, next - pos_));
  }

  bool Fail(FormulaError* error, std::string_view message) const {
    size_t count = 0;
    for (size_t p = 0; p < pos_ && p < text_.size(); ++count) NextCodePoint(text_, &p);
    error->character = count + 1;
    error->message = std::string(message);
    return false;
  }

  void Skip() {
    while (pos_ < text_.size()) {
      if (text_[pos_] == ' ' || text_[pos_] == '\t') {
        ++pos_;
      } else if (text_.substr(pos_, 3) == "\u3000") {
        pos_ += 3;
      } else {
        break;
      }
    }
  }

  // Consumes one of `symbols` at pos_; its index, or -1.
  int Take(std::initializer_list<std::string_view> symbols) {
    Skip();
    int i = 0;
    for (std::string_view s : symbols) {
      if (text_.substr(pos_, s.size()) == s) {
        pos_ += s.size();
        return i;
      }
      ++i;
    }
    return -1;
  }

  void Emit(FormulaOp::Kind kind) {
    FormulaOp op;
    op.kind = kind;
    out_->ops.push_back(std::move(op));
  }

  bool Expression(FormulaError* error) {
    if (!Term(error)) return false;
    for (;;) {
      const int op = Take({"+", "-", "−"});
      if (op < 0) return true;
      if (!Term(error)) return false;
      Emit(op == 0 ? FormulaOp::Kind::kAdd : FormulaOp::Kind::kSubtract);
    }
  }

  bool Term(FormulaError* error) {
    if (!Factor(error)) return false;
    for (;;) {
      const int op = Take({"*", "×", "/", "÷"});
      if (op < 0) return true;
      if (!Factor(error)) return false;
      Emit(op < 2 ? FormulaOp::Kind::kMultiply : FormulaOp::Kind::kDivide);
    }
  }

  bool Factor(FormulaError* error) {
    if (++depth_ > 64) return Fail(error, Tr("括号嵌套过深", "parentheses nested too deep"));
    const bool ok = FactorInner(error);
    --depth_;
    return ok;
  }

  bool FactorInner(FormulaError* error) {
    Skip();
    if (Take({"-", "−"}) >= 0) {
      if (!Factor(error)) return false;
      Emit(FormulaOp::Kind::kNegate);
      return true;
    }
    const size_t open_at = pos_;
    const int open = Take({"(", "（"});
    if (open >= 0) {
      if (!Expression(error)) return false;
      if (Take({")", "）"}) < 0) {
        Skip();
        if (pos_ < text_.size()) {
          return Fail(error, TrF("意外的“{}”，应为“)”", "unexpected \"{}\", expected \")\"",
                                 CurrentSymbol()));
        }
        pos_ = open_at;
        return Fail(error, Tr("“(”没有闭合", "\"(\" is never closed"));
      }
      return true;
    }
    if (pos_ >= text_.size()) {
      return Fail(error, Tr("应为数、名称或“(”，却已到结尾",
                            "expected a number, a name or \"(\", found the end"));
    }
    const char c = text_[pos_];
    if ((c >= '0' && c <= '9') || c == '.') return Number(error);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return Name(error);
    return Fail(error, TrF("意外的“{}”", "unexpected \"{}\"", CurrentSymbol()));
  }

  bool Number(FormulaError* error) {
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           ((text_[pos_] >= '0' && text_[pos_] <= '9') || text_[pos_] == '.')) {
      ++pos_;
    }
    const std::string_view written = text_.substr(start, pos_ - start);
    const std::optional<Decimal> value = Decimal::Parse(written);
    if (!value) {
      pos_ = start;
      return Fail(error, TrF("“{}”不是小数", "\"{}\" is not a decimal number", written));
    }
    FormulaOp op;
    op.kind = FormulaOp::Kind::kNumber;
    op.number = *value;
    out_->ops.push_back(std::move(op));
    return true;
  }

  bool Name(FormulaError* error) {
    const size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '.') {
        ++pos_;
      } else {
        break;
      }
    }
    const std::string name(text_.substr(start, pos_ - start));
    FormulaOp op;
    op.name = name;
    if (name.find('.') != std::string::npos) {
      const std::vector<std::string>& known = FormulaFigureNames();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string nearest;
        size_t best = 3;
        for (const std::string& k : known) {
          const size_t d = EditDistance(name, k);
          if (d < best) best = d, nearest = k;
        }
        pos_ = start;
        return Fail(error, nearest.empty()
                               ? TrF("未知的数据项“{}”", "unknown figure \"{}\"", name)
                               : TrF("未知的数据项“{}”（是否应为 {}？）",
                                     "unknown figure \"{}\" (did you mean {}?)", name, nearest));
      }
      op.kind = FormulaOp::Kind::kFigure;
    } else {
      op.metric = metric_index_(name);
      if (op.metric < 0) {
        pos_ = start;
        return Fail(error,
                    TrF("未知的指标量“{}”（指标量须先定义后使用）",
                        "unknown metric \"{}\" (metrics are defined before they are used)", name));
      }
      op.kind = FormulaOp::Kind::kMetric;
    }
    out_->ops.push_back(std::move(op));
    return true;
  }

  std::string_view text_;
  const std::function<int(std::string_view)>& metric_index_;
  Formula* out_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

bool ParseFormula(std::string_view text, const std::function<int(std::string_view)>& metric_index,
                  Formula* out, FormulaError* error) {
  out->ops.clear();
  return Parser(text, metric_index, out).Run(error);
}

const std::vector<std::string>& FormulaFigureNames() {
  static const std::vector<std::string> names = BuildFigureNames();
  return names;
}

}  // namespace jixiao
