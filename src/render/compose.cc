// The composer: cover, report blocks, the two tables as grids with roles and formulas, charts
// (see compose.h). Everything here is a pure function of the package, the rulebook and the
// form; no state is shared, so it is safe from any thread.
#include "render/compose.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/lang.h"
#include "base/number_text.h"
#include "base/text.h"
#include "compute/scoring.h"
#include "model/target.h"
#include "model/walk.h"
#include "render/header_fit.h"

namespace jixiao {
namespace {

constexpr int kMaxIndicatorLevels = 6;
const Decimal kHundred = Decimal::FromInt(100);

using Vars = std::map<std::string, std::string, std::less<>>;

bool IsIdentifierChar(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

// Replaces each {name} of `vars` in `text`; other braces stay. *any_empty is set when a
// placeholder was replaced by an empty value.
std::string Expand(std::string_view text, const Vars& vars, bool* any_empty = nullptr) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    if (open == std::string_view::npos) break;
    size_t end = open + 1;
    while (end < text.size() && IsIdentifierChar(text[end])) ++end;
    out.append(text.substr(pos, open - pos));
    if (end > open + 1 && end < text.size() && text[end] == '}') {
      const auto it = vars.find(text.substr(open + 1, end - open - 1));
      if (it != vars.end()) {
        if (it->second.empty() && any_empty != nullptr) *any_empty = true;
        out += it->second;
        pos = end + 1;
        continue;
      }
    }
    out += '{';
    pos = open + 1;
  }
  out.append(text.substr(pos));
  return out;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!IsBlank(line)) lines.emplace_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// "（一）" → "一", "一、" → "一", "1." → "1".
std::string BareNumber(std::string_view number) {
  std::string_view t = TrimBlank(number);
  bool changed = true;
  while (changed && !t.empty()) {
    changed = false;
    for (std::string_view mark : {"（", "(", "）", ")", "、", "．", ".", "，", ","}) {
      if (StartsWith(t, mark)) {
        t.remove_prefix(mark.size());
        changed = true;
      }
      if (EndsWith(t, mark)) {
        t.remove_suffix(mark.size());
        changed = true;
      }
    }
    t = TrimBlank(t);
  }
  return std::string(t);
}

std::string Ref(int row, int column) { return fmt::format("{{{},{}}}", row, column); }

// `expr` rounded to `decimals` as the rulebook rounds, in Excel.
std::string RoundFormula(const std::string& expr, int decimals, Rounding mode) {
  switch (mode) {
    case Rounding::kHalfUp:
      return fmt::format("ROUND({},{})", expr, decimals);
    case Rounding::kTruncate:
    case Rounding::kFloor:  // figures here are not negative
      return fmt::format("ROUNDDOWN({},{})", expr, decimals);
    case Rounding::kCeiling:
      return fmt::format("ROUNDUP({},{})", expr, decimals);
    case Rounding::kHalfEven:
      // A tie with an even last kept digit goes toward zero, every other value to nearest.
      return fmt::format("IF(MOD(ABS({0})*10^{1},2)=0.5,ROUNDDOWN({0},{1}),ROUND({0},{1}))", expr,
                         decimals);
  }
  return fmt::format("ROUND({},{})", expr, decimals);
}

// "" until every input is filled: IF(COUNT(a,b)<2,"",expr).
std::string Guarded(const std::vector<std::string>& inputs, const std::string& expr) {
  std::string list;
  for (const std::string& r : inputs) list += (list.empty() ? "" : ",") + r;
  return fmt::format("IF(COUNT({})<{},\"\",{})", list, inputs.size(), expr);
}

// ---- cells ----

TableCell Label(std::string text, Align align = Align::kCenter) {
  TableCell c;
  c.text = std::move(text);
  c.align = align;
  c.role = CellRole::kLabel;
  return c;
}

TableCell Header(std::string text) {
  TableCell c = Label(std::move(text));
  c.header = true;
  return c;
}

TableCell InputText(std::string text, std::string pointer, Align align = Align::kLeft) {
  TableCell c;
  c.text = std::move(text);
  c.align = align;
  c.role = CellRole::kInput;
  c.pointer = std::move(pointer);
  return c;
}

// A figure of the package: its printed text, its number and decimals, or the defaults of the
// column when it is blank.
TableCell Figure(const Cell& cell, std::string pointer, CellRole role, int default_decimals,
                 bool default_percent) {
  TableCell c;
  c.text = cell.Display();
  c.align = Align::kCenter;
  c.role = role;
  c.pointer = std::move(pointer);
  if (cell.has_number() && cell.value.valid()) {
    c.number = cell.value;
    c.decimals = cell.value.scale();
    c.percent = cell.percent;
  } else {
    c.decimals = default_decimals;
    c.percent = default_percent;
  }
  return c;
}

std::optional<Decimal> NumberOf(const Cell& cell) {
  if (cell.has_number() && cell.value.valid()) return cell.value;
  return std::nullopt;
}

// ---- the grid ----

// A rectangular grid filled by origins with spans; every position an origin covers becomes a
// covered cell, every position nothing covers an empty label.
class Grid {
 public:
  explicit Grid(int columns) : columns_(columns) {}

  int columns() const { return columns_; }
  int rows() const { return static_cast<int>(cells_.size()); }

  TableCell& Put(int row, int column, TableCell cell, int row_span = 1, int column_span = 1) {
    if (row < 0 || column < 0 || row_span < 1 || column_span < 1 ||
        column + column_span > columns_) {
      Fail(TrF("单元格 ({}, {}) 跨 {}×{}，放不进 {} 列",
               "cell ({}, {}) with spans {}×{} does not fit {} columns", row, column, row_span,
               column_span, columns_));
      return scratch_;
    }
    Ensure(row + row_span);
    for (int r = row; r < row + row_span; ++r) {
      for (int c = column; c < column + column_span; ++c) {
        if (cells_[r][c].has_value()) {
          Fail(TrF("单元格 ({}, {}) 被放了两次", "cell ({}, {}) is placed twice", r, c));
          return scratch_;
        }
      }
    }
    cell.row_span = row_span;
    cell.column_span = column_span;
    cell.covered = false;
    for (int r = row; r < row + row_span; ++r) {
      for (int c = column; c < column + column_span; ++c) {
        if (r == row && c == column) continue;
        TableCell covered;
        covered.covered = true;
        covered.header = cell.header;
        covered.role = CellRole::kLabel;
        cells_[r][c] = std::move(covered);
      }
    }
    cells_[row][column] = std::move(cell);
    return *cells_[row][column];
  }

  TableCell* At(int row, int column) {
    if (row < 0 || row >= rows() || column < 0 || column >= columns_) return nullptr;
    return cells_[row][column] ? &*cells_[row][column] : nullptr;
  }

  const std::string& error() const { return error_; }

  std::vector<TableRow> TakeRows() {
    std::vector<TableRow> rows;
    for (auto& line : cells_) {
      TableRow row;
      for (auto& cell : line) row.cells.push_back(cell ? std::move(*cell) : Label(""));
      rows.push_back(std::move(row));
    }
    return rows;
  }

 private:
  void Ensure(int rows) {
    while (static_cast<int>(cells_.size()) < rows) {
      cells_.emplace_back(static_cast<size_t>(columns_));
    }
  }
  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

  int columns_;
  std::vector<std::vector<std::optional<TableCell>>> cells_;
  std::string error_;
  TableCell scratch_;
};

// ---- 附件1 基础数据表 ----

// A row of 经费控制情况 as printed: the package's row, or a standard row of the form it lacks.
struct ExpenseLine {
  const ExpenseRow* row = nullptr;  // nullptr for a row added from the form
  std::string key;
  std::string label;
  std::string pointer;  // of the package row; "" for an added one
  int form_index = -1;  // position among the form's standard rows; -1 when not one
  std::vector<ExpenseLine> children;
};

class BasicDataComposer {
 public:
  BasicDataComposer(const Package& p, const Rulebook& rb, const Form& form, const Vars& vars)
      : p_(p), rb_(rb), f_(form.basic_data), vars_(vars), grid_(7) {}

  RenderTable Compose() {
    Staffing();
    Expenses();
    Buildings();
    Frugality();
    Note();
    RenderTable t;
    t.id = "basic_data";
    t.title = Expand(f_.title, vars_);
    t.subtitle = Expand(f_.subtitle, vars_);
    t.sheet_name = f_.sheet_name;
    t.column_widths = f_.column_widths;
    t.header_rows = std::min(f_.header_rows, grid_.rows());
    t.landscape = f_.landscape;
    t.rows = grid_.TakeRows();
    return t;
  }

  const std::string& error() const { return grid_.error(); }

 private:
  // Start columns of k values over the six value columns (k = 3: 1, 3, 5; k = 6: 1 … 6).
  static int ValueColumn(int index, int count) { return 1 + index * (6 / count); }
  static int ValueSpan(int count) { return 6 / count; }

  void Staffing() {
    const int r = grid_.rows();
    const std::vector<std::string>& h = f_.staffing_header;
    grid_.Put(r, 0, Header(Expand(h[0], vars_)), 2, 1);
    for (int i = 0; i < 3; ++i) {
      grid_.Put(r, ValueColumn(i, 3), Header(Expand(h[i + 1], vars_)), 1, ValueSpan(3));
    }
    const struct jixiao::Staffing& s = p_.basic_data.staffing;
    const int v = r + 1;
    const int authorized = ValueColumn(0, 3);
    const int on_payroll = ValueColumn(1, 3);
    grid_.Put(v, authorized,
              Figure(s.authorized, "/basic_data/staffing/authorized", CellRole::kInput, 0, false),
              1, ValueSpan(3));
    grid_.Put(v, on_payroll,
              Figure(s.on_payroll, "/basic_data/staffing/on_payroll", CellRole::kInput, 0, false),
              1, ValueSpan(3));
    TableCell& rate = grid_.Put(v, ValueColumn(2, 3),
                                Figure(s.control_rate, "/basic_data/staffing/control_rate",
                                       CellRole::kComputed, rb_.rate_decimals, f_.rate_percent),
                                1, ValueSpan(3));
    rate.formula = RateFormula(Ref(v, on_payroll), Ref(v, authorized));
  }

  std::string RateFormula(const std::string& numerator, const std::string& denominator) const {
    return Guarded({numerator, denominator},
                   fmt::format("IFERROR({},\"\")",
                               RoundFormula(fmt::format("{}/{}*100", numerator, denominator),
                                            rb_.rate_decimals, rb_.rate_rounding)));
  }

  int FormIndex(std::string_view key) const {
    for (size_t i = 0; i < f_.expense_rows.size(); ++i) {
      if (f_.expense_rows[i].key == key) return static_cast<int>(i);
    }
    return -1;
  }

  std::string FormLabel(std::string_view key) const {
    const int i = FormIndex(key);
    return i >= 0 ? f_.expense_rows[i].label : std::string(key);
  }

  ExpenseLine FromPackage(const ExpenseRow& row, const std::string& pointer) const {
    ExpenseLine line;
    line.row = &row;
    line.key = row.key;
    line.label = IsBlank(row.label) ? FormLabel(row.key) : row.label;
    line.pointer = pointer;
    line.form_index = FormIndex(row.key);
    for (size_t i = 0; i < row.children.size(); ++i) {
      line.children.push_back(
          FromPackage(row.children[i], fmt::format("{}/children/{}", pointer, i)));
    }
    return line;
  }

  static ExpenseLine* Find(std::vector<ExpenseLine>& lines, std::string_view key) {
    for (ExpenseLine& line : lines) {
      if (line.key == key) return &line;
      if (ExpenseLine* found = Find(line.children, key)) return found;
    }
    return nullptr;
  }

  // The package's rows in its order, plus the form's standard rows it lacks, each inserted
  // under its parent before the first sibling that comes later in the form.
  std::vector<ExpenseLine> Lines() const {
    std::vector<ExpenseLine> lines;
    const std::vector<ExpenseRow>& rows = p_.basic_data.expenses;
    for (size_t i = 0; i < rows.size(); ++i) {
      lines.push_back(FromPackage(rows[i], fmt::format("/basic_data/expenses/{}", i)));
    }
    for (size_t i = 0; i < f_.expense_rows.size(); ++i) {
      const FormExpenseRow& standard = f_.expense_rows[i];
      if (Find(lines, standard.key) != nullptr) continue;
      std::vector<ExpenseLine>* siblings = &lines;
      if (!standard.parent.empty()) {
        ExpenseLine* parent = Find(lines, standard.parent);
        if (parent == nullptr) continue;  // cannot happen: parents come first in the form
        siblings = &parent->children;
      }
      ExpenseLine added;
      added.key = standard.key;
      added.label = standard.label;
      added.form_index = static_cast<int>(i);
      auto at = std::find_if(siblings->begin(), siblings->end(), [&](const ExpenseLine& s) {
        return s.form_index < 0 || s.form_index > static_cast<int>(i);
      });
      siblings->insert(at, std::move(added));
    }
    return lines;
  }

  void Expenses() {
    const int r = grid_.rows();
    const std::vector<std::string>& h = f_.expense_header;
    grid_.Put(r, 0, Header(Expand(h[0], vars_)));
    for (int i = 0; i < 3; ++i) {
      grid_.Put(r, ValueColumn(i, 3), Header(Expand(h[i + 1], vars_)), 1, ValueSpan(3));
    }
    for (const ExpenseLine& line : Lines()) EmitExpense(line, 0);
  }

  // Emits a row and its children; returns the row's grid index.
  int EmitExpense(const ExpenseLine& line, int depth) {
    const int r = grid_.rows();
    std::string indent;
    for (int d = 0; d < depth; ++d) indent += f_.label_indent;
    grid_.Put(r, 0, Label(indent + line.label, Align::kLeft));
    for (int k = 0; k < 3; ++k) {
      const Cell cell = line.row != nullptr ? line.row->values[k] : Cell::Blank();
      const std::string pointer =
          line.pointer.empty()
              ? ""
              : fmt::format("{}/values/{}", line.pointer, ExpenseColumnKey(kExpenseColumns[k]));
      grid_.Put(r, ValueColumn(k, 3), Figure(cell, pointer, CellRole::kInput, 2, false), 1,
                ValueSpan(3));
    }
    std::vector<int> child_rows;
    for (const ExpenseLine& child : line.children) {
      child_rows.push_back(EmitExpense(child, depth + 1));
    }
    if (line.row != nullptr && line.row->children_are == ChildRelation::kTotal &&
        !child_rows.empty()) {
      for (int k = 0; k < 3; ++k) SubtotalFormula(line, r, child_rows, k);
    }
    return r;
  }

  // A total row whose children are filled and add up to it becomes SUM of them.
  void SubtotalFormula(const ExpenseLine& line, int row, const std::vector<int>& child_rows,
                       int k) {
    const std::optional<Decimal> total = NumberOf(line.row->values[k]);
    if (!total) return;
    Decimal sum;
    bool any = false;
    for (const ExpenseLine& child : line.children) {
      if (child.row == nullptr) continue;
      if (const auto v = NumberOf(child.row->values[k])) {
        sum = sum + *v;
        any = true;
      }
    }
    if (!any || sum != *total) return;
    const int column = ValueColumn(k, 3);
    std::string refs;
    for (int child_row : child_rows) refs += (refs.empty() ? "" : ",") + Ref(child_row, column);
    TableCell* cell = grid_.At(row, column);
    cell->role = CellRole::kComputed;
    cell->formula = fmt::format("SUM({})", refs);
  }

  void Buildings() {
    const int r = grid_.rows();
    const std::vector<std::string>& h = f_.building_header;
    grid_.Put(r, 0, Header(Expand(h[0], vars_)));
    for (int i = 1; i < 7; ++i) grid_.Put(r, i, Header(Expand(h[i], vars_)));
    const std::vector<Building>& buildings = p_.basic_data.buildings;
    const Building blank;
    const size_t count = std::max<size_t>(1, buildings.size());
    for (size_t i = 0; i < count; ++i) {
      const bool present = i < buildings.size();
      const Building& b = present ? buildings[i] : blank;
      const std::string base = present ? fmt::format("/basic_data/buildings/{}/", i) : "";
      const auto ptr = [&](const char* name) { return present ? base + name : std::string(); };
      const int v = grid_.rows();
      grid_.Put(v, 0, InputText(b.name, ptr("name")));
      grid_.Put(v, 1, Figure(b.approved_area, ptr("approved_area"), CellRole::kInput, 2, false));
      grid_.Put(v, 2, Figure(b.actual_area, ptr("actual_area"), CellRole::kInput, 2, false));
      grid_
          .Put(v, 3,
               Figure(b.area_control_rate, ptr("area_control_rate"), CellRole::kComputed,
                      rb_.rate_decimals, f_.rate_percent))
          .formula = RateFormula(Ref(v, 2), Ref(v, 1));
      grid_.Put(v, 4,
                Figure(b.budget_investment, ptr("budget_investment"), CellRole::kInput, 2, false));
      grid_.Put(v, 5,
                Figure(b.actual_investment, ptr("actual_investment"), CellRole::kInput, 2, false));
      grid_
          .Put(v, 6,
               Figure(b.investment_control_rate, ptr("investment_control_rate"),
                      CellRole::kComputed, rb_.rate_decimals, f_.rate_percent))
          .formula = RateFormula(Ref(v, 5), Ref(v, 4));
    }
  }

  void Frugality() {
    const int r = grid_.rows();
    grid_.Put(r, 0, Label(f_.frugality_label));
    grid_.Put(r, 1, InputText(p_.basic_data.frugality_measures, "/basic_data/frugality_measures"),
              1, 6);
  }

  // 说明: the package's, else the form's; the importer finds it by its leading "说明".
  void Note() {
    const std::string& notes = p_.basic_data.notes;
    TableCell cell;
    if (!IsBlank(notes)) {
      cell = InputText(StartsWith(TrimBlank(notes), "说明") ? notes : "说明：" + notes,
                       "/basic_data/notes");
    } else if (!IsBlank(f_.default_note)) {
      cell = Label(f_.default_note, Align::kLeft);
    } else {
      return;
    }
    grid_.Put(grid_.rows(), 0, std::move(cell), 1, 7);
  }

  const Package& p_;
  const Rulebook& rb_;
  const FormBasicData& f_;
  const Vars& vars_;
  Grid grid_;
};

// ---- 部门整体支出绩效自评表 ----

// The factor compute/scoring.cc applies to a bare actual (no unit) when the target carries a
// 万/亿 multiplier: the reading whose ratio to the target is nearer 1.
Decimal AlignFactor(const Quantity& target, const Actual& actual) {
  const Decimal one = Decimal::FromInt(1);
  const Quantity& a = actual.quantity;
  if (!a.unit.empty() || target.multiplier == one) return one;
  const auto distance = [&](const Decimal& x) {
    if (x.sign() <= 0 || target.value.sign() <= 0) return Decimal::FromInt(1000000000);
    const Decimal r1 = Decimal::Divide(x, target.value, 6, Rounding::kHalfUp);
    const Decimal r2 = Decimal::Divide(target.value, x, 6, Rounding::kHalfUp);
    return Decimal::Max(r1, r2);
  };
  return distance(a.value * target.multiplier) < distance(a.value) ? target.multiplier : one;
}

// The words a qualitative actual may take: for each level of the rulebook's scale (best
// first), the words of the target's family ("认可": 认可, 充分认可 | 较为认可, 较认可 | 基本认可
// | 不认可), or the level's first word when none is of the family; the actual itself is kept.
std::vector<std::string> OrdinalChoices(const Rulebook& rb, std::string_view target,
                                        std::string_view actual) {
  std::string_view stem = TrimBlank(target);
  for (std::string_view prefix :
       {"充分", "非常", "比较", "较为", "基本", "更加", "很", "较", "不", "未"}) {
    if (StartsWith(stem, prefix) && stem.size() > prefix.size()) {
      stem.remove_prefix(prefix.size());
      break;
    }
  }
  std::vector<std::string> choices;
  std::vector<int> level_end;  // index in `choices` after each level's words
  bool family_found = false;
  if (!stem.empty()) {
    for (const std::vector<std::string>& level : rb.ordinal_scale) {
      bool any = false;
      for (const std::string& word : level) {
        if (word.find(stem) != std::string::npos) {
          choices.push_back(word);
          any = true;
        }
      }
      if (!any && !level.empty()) choices.push_back(level.front());
      family_found = family_found || any;
      level_end.push_back(static_cast<int>(choices.size()));
    }
  }
  if (!family_found) return {};
  const std::string a(TrimBlank(actual));
  if (!a.empty() && std::find(choices.begin(), choices.end(), a) == choices.end()) {
    const int level = OrdinalLevel(rb, a);
    const int at = level >= 0 && level < static_cast<int>(level_end.size())
                       ? level_end[level]
                       : static_cast<int>(choices.size());
    choices.insert(choices.begin() + at, a);
  }
  return choices;
}

int TreeDepth(const std::vector<Indicator>& roots) {
  int depth = 0;
  ForEachIndicator(roots, [&](const IndicatorVisit& v) { depth = std::max(depth, v.depth); });
  return depth;
}

// The skeleton of the form as indicators: each 二级 with one empty leaf row.
std::vector<Indicator> Skeleton(const FormEvaluation& f, const Rulebook& rb) {
  std::vector<Indicator> roots;
  for (const FormSkeletonGroup& g : f.skeleton) {
    Indicator top;
    top.name = g.name;
    top.kind = g.kind;
    switch (g.kind) {
      case IndicatorKind::kOutput:
        top.weight = Cell::Number(rb.output_weight);
        break;
      case IndicatorKind::kEffect:
        top.weight = Cell::Number(rb.effect_weight);
        break;
      case IndicatorKind::kSatisfaction:
        top.weight = Cell::Number(rb.satisfaction_weight);
        break;
      default:
        break;
    }
    for (const std::string& name : g.children) {
      Indicator group;
      group.name = name;
      group.children.emplace_back();
      top.children.push_back(std::move(group));
    }
    if (top.children.empty()) top.children.emplace_back();
    roots.push_back(std::move(top));
  }
  return roots;
}

// The label of the row that carries a funds method (Funds::method) in a rendered 自评表.
constexpr const char* kFundsMethodLabel = "得分计算方法";

// The printed label of a funds row given by its key only (a hand-written package).
std::string FundsRowLabel(std::string_view key) {
  if (key == "current_appropriation") return "其中：当年财政拨款";
  if (key == "prior_carryover") return "上年结转资金";
  if (key == "other") return "其他资金";
  if (key == "basic") return "基本支出";
  if (key == "project") return "项目支出";
  return "其他";
}

class EvaluationComposer {
 public:
  EvaluationComposer(const Package& p, const Rulebook& rb, const Form& form, const Vars& vars)
      : p_(p), rb_(rb), f_(form.evaluation), vars_(vars) {}

  Result<RenderTable> Compose() {
    const std::vector<Indicator>& reported = p_.evaluation.indicators;
    from_package_ = !reported.empty();
    skeleton_ = from_package_ ? std::vector<Indicator>() : Skeleton(f_, rb_);
    const std::vector<Indicator>& roots = from_package_ ? reported : skeleton_;
    const int depth = TreeDepth(roots);
    if (depth > kMaxIndicatorLevels) {
      return Status::InvalidArgument(
          TrF("绩效指标树有 {} 级；最多能排 {} 级",
              "the 绩效指标 tree is {} levels deep; at most {} can be laid out", depth,
              kMaxIndicatorLevels));
    }
    levels_ = std::max<int>(static_cast<int>(f_.level_headers.size()), depth);
    columns_ = 1 + levels_ + static_cast<int>(f_.leaf_columns.size());
    funds_start_ = columns_ - static_cast<int>(f_.funds_columns.size());
    grid_.emplace(columns_);

    UnitRow();
    Funds();
    Goals();
    Indicators(roots);
    Total();
    if (!grid_->error().empty()) {
      return Status::InvalidArgument(TrF("自评表排版：{}", "自评表 layout: {}", grid_->error()));
    }

    RenderTable t;
    t.id = "evaluation";
    t.title = Expand(f_.title, vars_);
    t.subtitle = Expand(f_.subtitle, vars_);
    t.sheet_name = f_.sheet_name;
    t.column_widths = Widths();
    t.header_rows = std::min(f_.header_rows, grid_->rows());
    // The indicators' heading row heads every indicator row.
    if (last_leaf_row_ >= first_leaf_row_ && first_leaf_row_ > t.header_rows) {
      t.row_headings.push_back({first_leaf_row_ - 1, 1, last_leaf_row_ + 1});
    }
    t.landscape = f_.landscape;
    t.rows = grid_->TakeRows();
    return t;
  }

 private:
  // Column positions: 0 the section labels, 1 … levels_ the levels, then the leaf columns in
  // the form's order; -1 for a field the form does not print.
  int LeafColumn(std::string_view field) const {
    for (size_t i = 0; i < f_.leaf_columns.size(); ++i) {
      if (f_.leaf_columns[i].field == field) return levels_ + 1 + static_cast<int>(i);
    }
    return -1;
  }
  int Target() const { return LeafColumn("target"); }
  int ActualColumn() const { return LeafColumn("actual"); }
  int WeightColumn() const { return LeafColumn("weight"); }
  int ScoreColumn() const { return LeafColumn("score"); }
  int Deviation() const { return LeafColumn("deviation"); }
  int CoefficientColumn() const { return LeafColumn("coefficient"); }
  // The funds figure columns stand at the right edge, in the form's order.
  int FundsColumn(std::string_view field) const {
    for (size_t i = 0; i < f_.funds_columns.size(); ++i) {
      if (f_.funds_columns[i].field == field) return funds_start_ + static_cast<int>(i);
    }
    return -1;
  }

  std::vector<int> Widths() const {
    const std::vector<int>& w = f_.column_widths;  // label, 3 levels, the leaf columns
    std::vector<int> out(w.begin(), w.begin() + 3);
    for (int extra = 3; extra < levels_; ++extra) out.push_back(w[2]);
    out.insert(out.end(), w.begin() + 3, w.end());
    int total = 0;
    for (int x : w) total += x;
    int widened = 0;
    for (int x : out) widened += x;
    if (widened == total) return out;
    int sum = 0;
    for (int& x : out) {
      x = x * total / widened;
      sum += x;
    }
    out[levels_] += total - sum;  // rounding remainder to the last level column
    return out;
  }

  void UnitRow() {
    const int r = grid_->rows();
    const std::string& name =
        !p_.evaluation.unit_name.empty() ? p_.evaluation.unit_name : p_.unit.name;
    grid_->Put(r, 0, Label(f_.unit_label), 1, levels_);
    grid_->Put(r, levels_, InputText(name, "/evaluation/unit_name"), 1, columns_ - levels_);
  }

  static const Cell& FundsCell(const jixiao::Funds& funds, std::string_view field) {
    static const Cell kBlank;
    const std::pair<std::string_view, const Cell jixiao::Funds::*> fields[] = {
        {"initial_budget", &jixiao::Funds::initial_budget},
        {"full_year_budget", &jixiao::Funds::full_year_budget},
        {"executed", &jixiao::Funds::executed},
        {"weight", &jixiao::Funds::weight},
        {"execution_rate", &jixiao::Funds::execution_rate},
        {"score", &jixiao::Funds::score},
        {"general_public", &jixiao::Funds::general_public},
        {"government_fund", &jixiao::Funds::government_fund},
        {"special_account", &jixiao::Funds::special_account},
        {"other_funds", &jixiao::Funds::other_funds},
        {"basic", &jixiao::Funds::basic},
        {"project", &jixiao::Funds::project}};
    for (const auto& [name, member] : fields) {
      if (name == field) return funds.*member;
    }
    return kBlank;
  }

  // The six cells of a funds row (the total or one under it) at grid row `v`: the three
  // amounts and the 分值 as input, the 执行率 and 得分 computed from the row's own cells. The rate
  // divides by 年初预算数 where the row has no 全年预算数 (a 贵州 form) or the method says B/A;
  // the score is capped at the 分值 where the form's method says so.
  //
  // Only the form's columns are printed (FormEvaluation::funds_columns); a formula is written
  // where the cells it needs are printed too.
  void FundsRowCells(int v, const std::string& base, const std::array<const Cell*, 6>& cells,
                     const FundsMethod& method) {
    const int initial = FundsColumn("initial_budget"), budget = FundsColumn("full_year_budget"),
              executed = FundsColumn("executed"), weight = FundsColumn("weight"),
              rate = FundsColumn("execution_rate"), score = FundsColumn("score");
    if (initial >= 0) {
      grid_->Put(v, initial,
                 Figure(*cells[0], base + "initial_budget", CellRole::kInput, 2, false));
    }
    if (budget >= 0) {
      grid_->Put(v, budget,
                 Figure(*cells[1], base + "full_year_budget", CellRole::kInput, 2, false));
    }
    if (executed >= 0) {
      grid_->Put(v, executed, Figure(*cells[2], base + "executed", CellRole::kInput, 2, false));
    }
    if (weight >= 0) {
      grid_->Put(v, weight, Figure(*cells[3], base + "weight", CellRole::kInput, 0, false));
    }
    const bool by_initial = method.divides_by_initial || budget < 0 ||
                            cells[1]->kind == Cell::Kind::kNotApplicable;
    const int divisor = by_initial ? initial : budget;
    const Decimal cap = method.understood && method.capped_at_weight
                            ? Decimal::Min(Decimal::FromInt(100), rb_.execution_cap_percent)
                            : rb_.execution_cap_percent;
    const bool ratio = executed >= 0 && divisor >= 0;
    const std::string e = ratio ? Ref(v, executed) : "", b = ratio ? Ref(v, divisor) : "";
    if (rate >= 0) {
      TableCell& cell = grid_->Put(v, rate, Figure(*cells[4], base + "execution_rate",
                                                   CellRole::kComputed, rb_.rate_decimals,
                                                   f_.rate_percent));
      if (ratio) {
        cell.formula = Guarded({e, b}, fmt::format("IFERROR({},\"\")",
                                                   RoundFormula(fmt::format("{}/{}*100", e, b),
                                                                rb_.rate_decimals,
                                                                rb_.rate_rounding)));
      }
    }
    if (score >= 0) {
      TableCell& cell = grid_->Put(
          v, score,
          Figure(*cells[5], base + "score", CellRole::kComputed, rb_.execution_decimals, false));
      if (ratio && weight >= 0) {
        const std::string w = Ref(v, weight);
        cell.formula = Guarded(
            {w, e, b},
            fmt::format("IFERROR({},\"\")",
                        RoundFormula(
                            fmt::format("{}*MIN({}/{}*100,{})/100", w, e, b, cap.ToString()),
                            rb_.execution_decimals, rb_.execution_rounding)));
      }
    }
  }

  void Funds() {
    const jixiao::Funds& funds = p_.evaluation.funds;
    const int r = grid_->rows();
    const int split_rows = SplitRows();
    const bool method_row = !funds.method.empty() || !f_.funds_method_label.empty();
    const int sub_rows = static_cast<int>(funds.rows.size()) + (method_row ? 1 : 0);
    const int label_span = funds_start_ - 1;
    grid_->Put(r, 0, Header(f_.funds_label), 2 + sub_rows + split_rows, 1);
    grid_->Put(r, 1, Header(f_.funds_corner), 1, label_span);
    for (size_t i = 0; i < f_.funds_columns.size(); ++i) {
      grid_->Put(r, funds_start_ + static_cast<int>(i), Header(f_.funds_columns[i].header));
    }

    const int v = r + 1;
    grid_->Put(v, 1, Label(f_.funds_total_label), 1, label_span);
    const std::string base = "/evaluation/funds/";
    const FundsMethod method = ReadFundsMethod(funds.method);
    FundsRowCells(v, base,
                  {&funds.initial_budget, &funds.full_year_budget, &funds.executed, &funds.weight,
                   &funds.execution_rate, &funds.score},
                  method);
    if (FundsColumn("score") >= 0) execution_score_ = Ref(v, FundsColumn("score"));
    if (FundsColumn("weight") >= 0) execution_weight_ = Ref(v, FundsColumn("weight"));
    execution_weight_value_ = NumberOf(funds.weight);

    int row = v + 1;
    // The rows under the total (其中：当年财政拨款 …, 基本支出 …), each with its six cells.
    for (size_t i = 0; i < funds.rows.size(); ++i) {
      const FundsRow& sub = funds.rows[i];
      const std::string sub_base = fmt::format("{}rows/{}/", base, i);
      TableCell label = Label(sub.label.empty() ? FundsRowLabel(sub.key) : sub.label, Align::kLeft);
      label.pointer = sub_base + "label";
      grid_->Put(row, 1, std::move(label), 1, label_span);
      FundsRowCells(row, sub_base,
                    {&sub.initial_budget, &sub.full_year_budget, &sub.executed, &sub.weight,
                     &sub.execution_rate, &sub.score},
                    method);
      ++row;
    }
    // The form's own 得分计算方法 (a column on 贵州's form), kept on a row of its own.
    if (method_row) {
      grid_->Put(row, 1,
                 Label(f_.funds_method_label.empty() ? std::string(kFundsMethodLabel)
                                                     : f_.funds_method_label),
                 1, label_span);
      grid_->Put(row, funds_start_, InputText(funds.method, base + "method"), 1,
                 columns_ - funds_start_);
      ++row;
    }
    if (SideBySide()) {
      SplitsSideBySide(row);
      return;
    }
    for (const auto* block : {&f_.income, &f_.spending}) {
      if (block->empty()) continue;
      const std::string& label = block == &f_.income ? f_.income_label : f_.spending_label;
      grid_->Put(row, 1, Label(label), static_cast<int>(block->size()), levels_ - 1);
      for (const FormFundsSplit& split : *block) {
        grid_->Put(row, levels_, Label(split.label));
        grid_->Put(row, levels_ + 1, SplitFigure(split), 1, columns_ - levels_ - 1);
        ++row;
      }
    }
  }

  // 按收入性质 and 按支出性质 stand side by side, as the official forms print them, when the
  // form has both and the table has room for two label-and-figure pairs; else one under the
  // other, each with its label down the left.
  bool SideBySide() const {
    return !f_.income.empty() && !f_.spending.empty() && columns_ - 1 >= 4;
  }
  int SplitRows() const {
    if (SideBySide()) return 1 + static_cast<int>(std::max(f_.income.size(), f_.spending.size()));
    return static_cast<int>(f_.income.size() + f_.spending.size());
  }
  TableCell SplitFigure(const FormFundsSplit& split) const {
    return Figure(FundsCell(p_.evaluation.funds, split.field), "/evaluation/funds/" + split.field,
                  CellRole::kInput, 2, false);
  }

  // Two halves of the columns right of the section label: the income splits on the left, the
  // spending splits on the right, each a label (all but the half's last column) and its figure
  // (the last column); a header row names the two.
  void SplitsSideBySide(int row) {
    const int left = 1, available = columns_ - 1;
    const int right = left + available / 2;
    const struct {
      const std::string* label;
      const std::vector<FormFundsSplit>* splits;
      int first, last;  // the half's columns
    } halves[] = {{&f_.income_label, &f_.income, left, right - 1},
                  {&f_.spending_label, &f_.spending, right, columns_ - 1}};
    const int rows = static_cast<int>(std::max(f_.income.size(), f_.spending.size()));
    for (const auto& half : halves) {
      grid_->Put(row, half.first, Label(*half.label, Align::kLeft), 1,
                 half.last - half.first + 1);
      for (int i = 0; i < rows; ++i) {
        const int r = row + 1 + i;
        if (i >= static_cast<int>(half.splits->size())) {
          grid_->Put(r, half.first, Label(""), 1, half.last - half.first + 1);
          continue;
        }
        const FormFundsSplit& split = (*half.splits)[i];
        grid_->Put(r, half.first, Label(split.label, Align::kLeft), 1, half.last - half.first);
        grid_->Put(r, half.last, SplitFigure(split));
      }
    }
  }

  void Goals() {
    const int r = grid_->rows();
    const int planned_span = levels_ + 1;
    grid_->Put(r, 0, Header(f_.goals_label), 2, 1);
    grid_->Put(r, 1, Header(f_.goals_header[0]), 1, planned_span);
    grid_->Put(r, 1 + planned_span, Header(f_.goals_header[1]), 1, columns_ - 1 - planned_span);
    std::string planned;
    for (const Goal& goal : p_.evaluation.goals.planned) {
      const std::string text =
          IsBlank(goal.number)
              ? goal.text
              : Expand(f_.goal_format, {{"number", goal.number}, {"text", goal.text}});
      planned += (planned.empty() ? "" : "\n") + text;
    }
    grid_->Put(r + 1, 1, InputText(planned, "/evaluation/goals/planned"), 1, planned_span);
    grid_->Put(r + 1, 1 + planned_span,
               InputText(p_.evaluation.goals.achieved, "/evaluation/goals/achieved"), 1,
               columns_ - 1 - planned_span);
  }

  static int LeafRows(const Indicator& node) {
    if (node.is_leaf()) return 1;
    int rows = 0;
    for (const Indicator& child : node.children) rows += LeafRows(child);
    return rows;
  }

  std::string GroupText(const Indicator& node, int depth) const {
    if (depth - 1 >= static_cast<int>(f_.group_formats.size())) return node.name;
    const std::string& format = f_.group_formats[depth - 1];
    // A weight written as a range prints as one ("产出指标（≥60分）"), and reads back so.
    std::string weight = node.weight.Display();
    if (!node.weight.has_number() && node.weight_min.has_number()) {
      weight = node.weight_max.has_number()
                   ? node.weight_min.Display() + "-" + node.weight_max.Display()
                   : "≥" + node.weight_min.Display();
    } else if (!node.weight.has_number()) {
      weight.clear();
    }
    if (format.find("{weight}") != std::string::npos && weight.empty()) return node.name;
    return Expand(format, {{"name", node.name}, {"weight", weight}});
  }

  void Indicators(const std::vector<Indicator>& roots) {
    const int r = grid_->rows();
    int leaf_rows = 0;
    for (const Indicator& root : roots) leaf_rows += LeafRows(root);
    grid_->Put(r, 0, Header(f_.indicators_label), 1 + leaf_rows, 1);
    for (int level = 0; level < levels_; ++level) {
      std::string text = level < static_cast<int>(f_.level_headers.size())
                             ? f_.level_headers[level]
                             : fmt::format("{}级指标", LevelNumeral(level + 1));
      grid_->Put(r, 1 + level, Header(std::move(text)));
    }
    for (size_t i = 0; i < f_.leaf_columns.size(); ++i) {
      grid_->Put(r, levels_ + 1 + static_cast<int>(i), Header(f_.leaf_columns[i].header));
    }
    first_leaf_row_ = r + 1;
    row_ = first_leaf_row_;
    for (size_t i = 0; i < roots.size(); ++i) {
      EmitIndicator(roots[i], 1, fmt::format("/evaluation/indicators/{}", i));
    }
    last_leaf_row_ = row_ - 1;
  }

  static std::string LevelNumeral(int n) {
    static const char* kNumerals[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    return n >= 0 && n < 10 ? kNumerals[n] : std::to_string(n);
  }

  void EmitIndicator(const Indicator& node, int depth, const std::string& pointer) {
    const std::string ptr = from_package_ ? pointer : "";
    if (!node.is_leaf()) {
      grid_->Put(row_, depth, Label(GroupText(node, depth)), LeafRows(node), 1);
      groups_.push_back(node.name);  // a leaf is scored with the names of its groups
      for (size_t i = 0; i < node.children.size(); ++i) {
        EmitIndicator(node.children[i], depth + 1, fmt::format("{}/children/{}", pointer, i));
      }
      groups_.pop_back();
      return;
    }
    const int r = row_++;
    // The name sits in the last level column; the levels between it and its parent are blank.
    // A childless 一级 keeps its own column.
    const int name_column = depth == 1 ? 1 : levels_;
    for (int c = depth; c <= levels_; ++c) {
      if (c != name_column) grid_->Put(r, c, Label(""));
    }
    const auto field = [&](const char* name) { return ptr.empty() ? ptr : ptr + "/" + name; };
    grid_->Put(r, name_column, InputText(node.name, field("name")));
    if (Target() >= 0) {
      grid_->Put(r, Target(), InputText(node.target, field("target"), Align::kCenter));
    }

    // 实际完成值: a number when written as one, else text (with the scale's words).
    TableCell actual = InputText(node.actual, field("actual"), Align::kCenter);
    const DocumentNumber n = ParseDocumentNumber(node.actual);
    if (!IsBlank(node.actual) && n.ok) {
      actual.number = n.value;
      actual.decimals = n.value.scale();
      actual.percent = n.percent;
    } else if (ParseTarget(node.target).comparison == Comparison::kWord) {
      actual.choices = OrdinalChoices(rb_, node.target, node.actual);
    }
    const bool numeric_actual = actual.number.has_value() && ActualColumn() >= 0;
    if (ActualColumn() >= 0) grid_->Put(r, ActualColumn(), std::move(actual));
    grid_->Put(r, WeightColumn(), Figure(node.weight, field("weight"), CellRole::kInput, 0, false));
    if (CoefficientColumn() >= 0) {
      grid_->Put(r, CoefficientColumn(),
                 Figure(node.coefficient, field("coefficient"), CellRole::kInput, 2, false));
    }
    if (const auto w = NumberOf(node.weight)) weight_sum_ = weight_sum_ + *w;
    any_leaf_weight_ = any_leaf_weight_ || node.weight.has_number();

    TableCell score =
        Figure(node.score, field("score"), CellRole::kInput, rb_.score_decimals, false);
    ScoreFormula(node, r, numeric_actual, &score);
    grid_->Put(r, ScoreColumn(), std::move(score));
    if (Deviation() >= 0) grid_->Put(r, Deviation(), InputText(node.deviation, field("deviation")));
  }

  // Quantitative scores are derived (a formula when the actual is a plain number and the
  // method has one); qualitative and unassessable ones are the unit's own (input).
  void ScoreFormula(const Indicator& node, int r, bool numeric_actual, TableCell* cell) const {
    const LeafScore s = ScoreLeaf(node, rb_, LeafContext{p_.fiscal_year, groups_});
    const bool quantitative = s.method == ScoreMethod::kAtLeast ||
                              s.method == ScoreMethod::kAtMost || s.method == ScoreMethod::kEqual ||
                              s.method == ScoreMethod::kRange;
    if (!quantitative) return;
    cell->role = CellRole::kComputed;
    if (!numeric_actual || s.actual.kind != Actual::Kind::kNumber) return;
    const Decimal t = s.target.quantity.value;
    const Decimal a = s.actual.quantity.value;
    if (t.sign() <= 0) return;
    const std::string w = Ref(r, WeightColumn());
    const std::string a_ref = Ref(r, ActualColumn());
    const Decimal k = AlignFactor(s.target.quantity, s.actual);
    const std::string actual =
        k == Decimal::FromInt(1) ? a_ref : fmt::format("{}*{}", a_ref, k.ToString());
    const std::string target = t.ToString();
    std::string expr;
    switch (s.method) {
      case ScoreMethod::kAtLeast:
        expr = fmt::format("MAX(0,MIN({0},{0}*{1}/{2}))", w, actual, target);
        break;
      case ScoreMethod::kAtMost:
        if (a.sign() <= 0) return;
        expr = rb_.reverse == ReverseVariant::kRatio
                   ? fmt::format("MAX(0,MIN({0},{0}*{2}/{1}))", w, actual, target)
                   : fmt::format("MAX(0,MIN({0},{0}*(2*{2}-{1})/{2}))", w, actual, target);
        break;
      case ScoreMethod::kEqual:
        expr = fmt::format("MAX(0,MIN({0},{0}*({2}-ABS({1}-{2}))/{2}))", w, actual, target);
        break;
      default:
        return;  // a range needs a piecewise formula: the figure stands alone
    }
    cell->formula = Guarded({w, a_ref}, RoundFormula(expr, rb_.score_decimals, rb_.score_rounding));
  }

  void Total() {
    const Evaluation& e = p_.evaluation;
    const int r = grid_->rows();
    grid_->Put(r, 0, Label(f_.total_label), 1, std::min(WeightColumn(), ScoreColumn()));
    const bool any_leaf = last_leaf_row_ >= first_leaf_row_;
    const auto column_range = [&](int column) {
      return fmt::format("{}:{}", Ref(first_leaf_row_, column), Ref(last_leaf_row_, column));
    };

    TableCell weight =
        Figure(e.total_weight, "/evaluation/total_weight", CellRole::kInput, 0, false);
    const Decimal sum = execution_weight_value_.value_or(Decimal()) + weight_sum_;
    if (weight.number && any_leaf && any_leaf_weight_ && *weight.number == sum) {
      weight.role = CellRole::kComputed;
      weight.formula = execution_weight_.empty()
                           ? fmt::format("SUM({})", column_range(WeightColumn()))
                           : fmt::format("{}+SUM({})", execution_weight_,
                                         column_range(WeightColumn()));
    }
    grid_->Put(r, WeightColumn(), std::move(weight));

    TableCell score = Figure(e.total_score, "/evaluation/total_score", CellRole::kComputed,
                             rb_.score_decimals, false);
    // The funds' 得分 (when the form prints it) and the leaves' 得分.
    std::string total_expr = execution_score_, scores = execution_score_;
    if (any_leaf) {
      const std::string sum = fmt::format("SUM({})", column_range(ScoreColumn()));
      total_expr = total_expr.empty() ? sum : fmt::format("{}+{}", total_expr, sum);
      scores = scores.empty() ? column_range(ScoreColumn())
                              : fmt::format("{},{}", scores, column_range(ScoreColumn()));
    }
    // Blank while no score at all is filled in.
    score.formula = fmt::format("IF(COUNT({})=0,\"\",{})", scores,
                                RoundFormula(total_expr, rb_.score_decimals, rb_.score_rounding));
    grid_->Put(r, ScoreColumn(), std::move(score));
    if (total_expr.empty()) grid_->At(r, ScoreColumn())->formula.clear();

    // The columns right of the 得分 (the 偏差 column) are left blank on the 总分 row.
    const int after = std::max(WeightColumn(), ScoreColumn()) + 1;
    if (after < columns_) grid_->Put(r, after, Label(""), 1, columns_ - after);
    if (!f_.grade_label.empty()) Grade(r);
  }

  // The 等级 on a row of its own under the 总分 row: the form's label where 总分 stands, the
  // grade across the rest, computed in XLSX from the 总分 by the rulebook's bands.
  void Grade(int total_row) {
    const Evaluation& e = p_.evaluation;
    const int r = total_row + 1;
    const int label_span = std::min(WeightColumn(), ScoreColumn());
    grid_->Put(r, 0, Label(f_.grade_label), 1, label_span);
    if (e.grade.empty()) {
      grid_->Put(r, label_span, Label(""), 1, columns_ - label_span);
      return;
    }
    TableCell grade = InputText(e.grade, "/evaluation/grade", Align::kCenter);
    grade.role = CellRole::kComputed;
    if (!rb_.grades.empty()) {
      // Grades best first: the first band whose minimum the total reaches.
      const std::string total = Ref(total_row, ScoreColumn());
      std::string formula = "\"\"";
      for (auto it = rb_.grades.rbegin(); it != rb_.grades.rend(); ++it) {
        formula =
            fmt::format("IF({}>={},\"{}\",{})", total, it->min.ToString(), it->name, formula);
      }
      grade.formula = Guarded({total}, formula);
    }
    grid_->Put(r, label_span, std::move(grade), 1, columns_ - label_span);
  }

  const Package& p_;
  const Rulebook& rb_;
  const FormEvaluation& f_;
  const Vars& vars_;
  bool from_package_ = true;
  std::vector<std::string> groups_;  // names of the groups above the indicator being emitted
  std::vector<Indicator> skeleton_;
  int levels_ = 3;
  int columns_ = 9;
  int funds_start_ = 3;  // the first funds figure column
  std::optional<Grid> grid_;
  int first_leaf_row_ = 0;
  int last_leaf_row_ = -1;
  int row_ = 0;  // the next leaf row
  std::string execution_score_;
  std::string execution_weight_;
  std::optional<Decimal> execution_weight_value_;
  Decimal weight_sum_;
  bool any_leaf_weight_ = false;
};

// ---- charts ----

Decimal NoValue() { return Decimal::Invalid(); }

bool AllMissing(const Chart& chart) {
  for (const Chart::Series& s : chart.series) {
    for (const Decimal& v : s.values) {
      if (v.valid()) return false;
    }
  }
  return true;
}

// Σ plus − Σ minus of the rows' cells in column k; invalid when any of them is not a number.
Decimal CategoryValue(const std::vector<ExpenseRow>& rows, const FormChartCategory& c,
                      ExpenseColumn k) {
  Decimal value;
  for (const auto* list : {&c.plus, &c.minus}) {
    for (const std::string& key : *list) {
      const ExpenseRow* row = FindExpenseRow(rows, key);
      if (row == nullptr || !row->at(k).has_number()) return NoValue();
      value = list == &c.plus ? value + row->at(k).value : value - row->at(k).value;
    }
  }
  return value;
}

struct LeafSums {
  Decimal weight, score;
  bool any_weight = false, any_score = false;
};

void SumLeaves(const Indicator& node, LeafSums* sums) {
  if (node.is_leaf()) {
    if (node.weight.has_number()) {
      sums->weight = sums->weight + node.weight.value;
      sums->any_weight = true;
    }
    if (node.score.has_number()) {
      sums->score = sums->score + node.score.value;
      sums->any_score = true;
    }
    return;
  }
  for (const Indicator& child : node.children) SumLeaves(child, sums);
}

std::optional<Chart> ComposeChart(const FormChart& fc, const Package& p, const Vars& vars) {
  Chart chart;
  chart.kind = fc.kind;
  chart.id = fc.id;
  chart.title = Expand(fc.title, vars);
  chart.unit = fc.unit;
  for (const std::string& name : fc.series) chart.series.push_back({Expand(name, vars), {}});
  const auto value = [](const Cell& c) { return c.has_number() ? c.value : NoValue(); };
  if (fc.id == "budget_execution") {
    const Funds& f = p.evaluation.funds;
    chart.categories = fc.labels;
    chart.series[0].values = {value(f.initial_budget), value(f.full_year_budget),
                              value(f.executed)};
  } else if (fc.id == "year_on_year") {
    for (const FormChartCategory& c : fc.categories) {
      chart.categories.push_back(c.label);
      chart.series[0].values.push_back(
          CategoryValue(p.basic_data.expenses, c, ExpenseColumn::kPriorFinal));
      chart.series[1].values.push_back(
          CategoryValue(p.basic_data.expenses, c, ExpenseColumn::kFinal));
    }
  } else if (fc.id == "scores") {
    // The 二级 groups (the 一级 ones when the tree has no 二级 groups).
    std::vector<const Indicator*> groups;
    ForEachIndicator(p.evaluation.indicators, [&](const IndicatorVisit& v) {
      if (v.depth == 2 && !v.node->is_leaf()) groups.push_back(v.node);
    });
    if (groups.empty()) {
      for (const Indicator& top : p.evaluation.indicators) {
        if (!top.is_leaf()) groups.push_back(&top);
      }
    }
    for (const Indicator* g : groups) {
      LeafSums sums;
      SumLeaves(*g, &sums);
      chart.categories.push_back(g->name);
      chart.series[0].values.push_back(sums.any_weight ? sums.weight : NoValue());
      chart.series[1].values.push_back(sums.any_score ? sums.score : NoValue());
    }
  }
  if (AllMissing(chart)) return std::nullopt;
  return chart;
}

// ---- the report ----

// A section to print: the package's, the outline's, or both.
struct SectionLine {
  const ReportSection* section = nullptr;
  const FormSection* outline = nullptr;
  std::string pointer;  // of the package section; "" when only in the outline
  int outline_index = -1;
};

// The package's sections in its order, with the outline's missing ones inserted before the
// first section that comes later in the outline.
std::vector<SectionLine> MergeSections(const std::vector<ReportSection>* sections,
                                       const std::string& pointer,
                                       const std::vector<FormSection>* outline) {
  std::vector<SectionLine> lines;
  std::vector<bool> matched(outline != nullptr ? outline->size() : 0, false);
  if (sections != nullptr) {
    for (size_t i = 0; i < sections->size(); ++i) {
      SectionLine line;
      line.section = &(*sections)[i];
      line.pointer = fmt::format("{}/{}", pointer, i);
      const std::string number = BareNumber(line.section->number);
      for (size_t k = 0; k < matched.size(); ++k) {
        if (!matched[k] && BareNumber((*outline)[k].number) == number) {
          line.outline = &(*outline)[k];
          line.outline_index = static_cast<int>(k);
          matched[k] = true;
          break;
        }
      }
      lines.push_back(line);
    }
  }
  for (size_t k = 0; k < matched.size(); ++k) {
    if (matched[k]) continue;
    SectionLine line;
    line.outline = &(*outline)[k];
    line.outline_index = static_cast<int>(k);
    auto at = std::find_if(lines.begin(), lines.end(), [&](const SectionLine& l) {
      return l.outline_index > static_cast<int>(k);
    });
    lines.insert(at, line);
  }
  return lines;
}

class ReportComposer {
 public:
  ReportComposer(const PreparedPackage& prepared, const Form& form, RenderDocument* doc,
                 const std::vector<std::pair<std::string, int>>* chart_places)
      : p_(prepared.package),
        f_(form.report),
        doc_(doc),
        generated_(prepared.generated_sections.begin(), prepared.generated_sections.end()),
        chart_places_(chart_places) {}

  void Compose() {
    for (const SectionLine& line :
         MergeSections(&p_.report.sections, "/report/sections", &f_.sections)) {
      Emit(line, 1);
      const std::string number =
          BareNumber(line.section != nullptr ? line.section->number : line.outline->number);
      for (const auto& [after, chart] : *chart_places_) {
        if (BareNumber(after) == number) ChartBlock(chart);
      }
    }
  }

  void ChartBlock(int chart) {
    Block b;
    b.kind = Block::Kind::kChart;
    b.chart = chart;
    b.align = Align::kCenter;
    b.first_line_indent = false;
    doc_->body.push_back(b);
  }

 private:
  void Emit(const SectionLine& line, int level) {
    const ReportSection* s = line.section;
    const FormSection* o = line.outline;
    const std::string number = s != nullptr ? s->number : o->number;
    // A package section without a title takes the outline's; one the outline does not know
    // keeps its own, blank as it is.
    const std::string title =
        s != nullptr && (!IsBlank(s->title) || o == nullptr) ? s->title : o->title;
    const size_t format = std::min<size_t>(level, f_.heading_formats.size()) - 1;
    Block heading;
    heading.kind = Block::Kind::kHeading;
    heading.level = level;
    heading.align = Align::kLeft;
    heading.first_line_indent = true;
    heading.text =
        Expand(f_.heading_formats[format], {{"n", BareNumber(number)}, {"title", title}});
    doc_->body.push_back(heading);

    const bool generated = s != nullptr && generated_.count(line.pointer + "/text") > 0;
    const std::vector<std::string> lines =
        s != nullptr ? SplitLines(s->text) : std::vector<std::string>();
    for (const std::string& text : lines) Paragraph(text, generated);
    const std::vector<SectionLine> subsections =
        MergeSections(s != nullptr ? &s->subsections : nullptr, line.pointer + "/subsections",
                      o != nullptr ? &o->subsections : nullptr);
    if (lines.empty() && subsections.empty()) Paragraph(f_.empty_text, false);
    for (const SectionLine& sub : subsections) Emit(sub, level + 1);
  }

  void Paragraph(const std::string& text, bool generated) {
    if (text.empty()) return;
    Block b;
    b.kind = Block::Kind::kParagraph;
    b.text = text;
    b.align = Align::kJustify;
    b.first_line_indent = true;
    b.generated = generated;
    doc_->body.push_back(std::move(b));
  }

  const Package& p_;
  const FormReport& f_;
  RenderDocument* doc_;
  std::set<std::string> generated_;
  const std::vector<std::pair<std::string, int>>* chart_places_;
};

Vars DocumentVars(const Package& p, const Form& form) {
  Vars vars;
  std::string unit = p.report.cover.unit;
  if (IsBlank(unit)) unit = p.unit.name;
  if (IsBlank(unit)) unit = p.evaluation.unit_name;
  vars["unit"] = unit;
  vars["short_unit"] = !IsBlank(p.unit.short_name) ? p.unit.short_name : unit;
  const int year = p.fiscal_year;
  vars["year"] = year > 0 ? std::to_string(year) : "";
  vars["prior_year"] = year > 0 ? std::to_string(year - 1) : "";
  vars["next_year"] = year > 0 ? std::to_string(year + 1) : "";
  vars["date"] = p.report.cover.date;
  vars["title"] = !IsBlank(p.report.cover.title) ? p.report.cover.title
                                                 : Expand(form.cover.default_title, vars);
  return vars;
}

// Cover lines with their placeholders expanded; a line whose placeholders are all empty is
// left out (no "单位名称：" without a unit), and so is a blank one.
std::vector<std::string> CoverLines(const std::vector<std::string>& templates, const Vars& vars) {
  std::vector<std::string> lines;
  for (const std::string& t : templates) {
    int placeholders = 0;
    int empty = 0;
    for (const auto& [name, value] : vars) {
      if (t.find("{" + name + "}") == std::string::npos) continue;
      ++placeholders;
      empty += value.empty() ? 1 : 0;
    }
    if (placeholders > 0 && empty == placeholders) continue;
    const std::string line = Expand(t, vars);
    if (!IsBlank(line)) lines.push_back(line);
  }
  return lines;
}

// Each line broken once, before the first of `words` found after its start.
std::vector<std::string> BreakTitleLines(const std::vector<std::string>& lines,
                                         const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    size_t at = std::string::npos;
    for (const std::string& word : words) {
      const size_t found = line.find(word);
      if (found != std::string::npos && found > 0 && !IsBlank(line.substr(0, found))) {
        at = found;
        break;
      }
    }
    if (at == std::string::npos) {
      out.push_back(line);
    } else {
      out.push_back(line.substr(0, at));
      out.push_back(line.substr(at));
    }
  }
  return out;
}

// ---- 佐证材料清单 ----

// What an evidence file is attached to, in the words of the tables: an indicator by its path
// ("产出指标 › 数量指标 › 科普活动场次"), the goals, a report section by its heading, or the
// package as a whole; a pointer it cannot follow is shown as it is.
std::string EvidenceTargetName(const Package& p, const std::string& pointer) {
  if (pointer.empty()) return "整个数据包";
  std::vector<std::string> tokens;
  for (size_t pos = 1; pos <= pointer.size();) {
    size_t next = pointer.find('/', pos);
    if (next == std::string::npos) next = pointer.size();
    tokens.push_back(pointer.substr(pos, next - pos));
    pos = next + 1;
  }
  auto index = [&](size_t i) -> std::optional<size_t> {
    if (i >= tokens.size() || tokens[i].empty() || tokens[i].size() > 6 ||
        tokens[i].find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    return static_cast<size_t>(std::stoul(tokens[i]));
  };
  // Follows tokens[first], [first + 2], … (indices, with `link` between them) down a tree of
  // nodes, naming each node on the way; nullopt when an index leads nowhere.
  auto walk = [&](const auto& roots, size_t first, std::string_view link, auto children,
                  auto name) -> std::optional<std::string> {
    const auto* level = &roots;
    std::string path;
    for (size_t i = first;; i += 2) {
      std::optional<size_t> k = index(i);
      if (!k || *k >= level->size()) return std::nullopt;
      const auto& node = (*level)[*k];
      path += (path.empty() ? "" : " › ") + name(node);
      if (i + 2 >= tokens.size() || tokens[i + 1] != link) return path;
      level = &(node.*children);
    }
  };
  std::optional<std::string> named;
  if (tokens.size() >= 3 && tokens[0] == "evaluation" && tokens[1] == "indicators") {
    named = walk(p.evaluation.indicators, 2, "children", &Indicator::children,
                 [](const Indicator& node) { return node.name; });
    if (named) return "绩效指标 › " + *named;
  } else if (tokens.size() >= 2 && tokens[0] == "evaluation" && tokens[1] == "goals") {
    return "年度总体目标";
  } else if (tokens.size() >= 3 && tokens[0] == "report" && tokens[1] == "sections") {
    named = walk(p.report.sections, 2, "subsections", &ReportSection::subsections,
                 [](const ReportSection& section) {
                   // "一、基本情况", "（一）单位职能", "1.科普活动": the separator the number's
                   // form takes.
                   const std::string& n = section.number;
                   const bool closed = EndsWith(n, "）") || EndsWith(n, ")") ||
                                       EndsWith(n, "、") || EndsWith(n, ".");
                   const bool arabic =
                       !n.empty() && n.find_first_not_of("0123456789") == std::string::npos;
                   return n +
                          (n.empty() || section.title.empty() || closed ? ""
                           : arabic                                      ? "."
                                                                         : "、") +
                          section.title;
                 });
    if (named) return "自评报告 › " + *named;
  }
  return pointer;
}

// The kind of a file as a clerk names it, from the type its content was sniffed as.
std::string EvidenceKind(const std::string& mime) {
  if (mime == "application/pdf") return "PDF";
  if (mime.rfind("image/", 0) == 0) return "图片";
  if (mime == "application/ofd") return "OFD";
  if (mime.find("wordprocessing") != std::string::npos || mime == "application/msword")
    return "Word";
  if (mime.find("spreadsheet") != std::string::npos || mime == "application/vnd.ms-excel")
    return "Excel";
  if (mime.find("presentation") != std::string::npos || mime == "application/vnd.ms-powerpoint")
    return "PPT";
  return mime.empty() ? "——" : mime;
}

// A size as printed: "512 B", "12.3 KB", "1.5 MB" (rounded half up, integers only).
std::string EvidenceSize(int64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  const int64_t kb10 = (bytes * 10 + 512) / 1024;  // tenths of a KB
  if (kb10 < 10240) return fmt::format("{}.{} KB", kb10 / 10, kb10 % 10);
  const int64_t mb10 = (bytes * 10 + 524288) / 1048576;
  return fmt::format("{}.{} MB", mb10 / 10, mb10 % 10);
}

// 佐证材料清单: one row for each file the package lists, in its order, printed after the 自评表.
RenderTable EvidenceTable(const Package& p, const Vars& vars) {
  RenderTable t;
  t.id = "evidence";
  t.title = "佐证材料清单";
  t.subtitle = vars.at("unit").empty() ? "" : "填报单位：" + vars.at("unit");
  t.sheet_name = "佐证材料";
  // 156 mm, the text width of an A4 page with the official margins; the short columns fit
  // "Excel", "47.1 KB" and twelve hex digits on one line.
  t.column_widths = {100, 430, 420, 150, 190, 270};
  t.header_rows = 1;
  TableRow head;
  for (const char* h :
       {"序号", "材料名称", "对应指标或章节", "类型", "大小", "校验码"}) {
    head.cells.push_back(Header(h));
  }
  t.rows.push_back(std::move(head));
  const std::vector<Evidence>& list = *p.evidence;
  for (size_t i = 0; i < list.size(); ++i) {
    const Evidence& e = list[i];
    const std::string at = fmt::format("/evidence/{}", i);
    TableRow row;
    row.cells.push_back(Label(std::to_string(i + 1)));
    TableCell name = Label(e.name, Align::kLeft);
    name.pointer = at + "/name";
    row.cells.push_back(std::move(name));
    TableCell target = Label(EvidenceTargetName(p, e.target), Align::kLeft);
    target.pointer = at + "/target";
    row.cells.push_back(std::move(target));
    row.cells.push_back(Label(EvidenceKind(e.mime)));
    row.cells.push_back(Label(EvidenceSize(e.size), Align::kRight));
    // The first 12 hex digits of its SHA-256: enough to match a file to its line, short enough
    // to print.
    row.cells.push_back(Label(e.sha256.substr(0, 12)));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

namespace {

// Every header cell broken into lines that fit its columns (render/header_fit.h).
void FitHeaders(RenderDocument* doc) {
  const int size = doc->fonts.table_header.size_half_points;
  for (RenderTable& table : doc->tables) {
    if (table.column_widths.empty()) continue;
    for (TableRow& row : table.rows) {
      for (size_t c = 0; c < row.cells.size(); ++c) {
        TableCell& cell = row.cells[c];
        // Only the form's own headings: labels such as an indicator group's name are the
        // package's words, read back as written.
        if (!cell.header || cell.covered) continue;
        int width = 0;
        for (size_t k = c;
             k < c + static_cast<size_t>(cell.column_span) && k < table.column_widths.size(); ++k)
          width += table.column_widths[k];
        FittedHeader fitted = FitHeader(cell.text, width, size);
        cell.text = std::move(fitted.text);
        cell.size_half_points = fitted.size_half_points;
      }
    }
  }
}

}  // namespace

Result<RenderDocument> ComposeDocument(const PreparedPackage& prepared, const Rulebook& rulebook,
                                       const Form& form) {
  const Package& p = prepared.package;
  const Vars vars = DocumentVars(p, form);

  RenderDocument doc;
  doc.form_id = form.id;
  doc.title = vars.at("title");
  doc.unit_name = !p.unit.name.empty() ? p.unit.name : vars.at("unit");
  doc.fiscal_year = p.fiscal_year;
  doc.page = form.page;
  doc.fonts = form.fonts;
  doc.cover.title_lines =
      BreakTitleLines(CoverLines(form.cover.title_lines, vars), form.cover.title_break_before);
  doc.cover.details = CoverLines(form.cover.details, vars);

  // Charts first, so the report knows where each one goes.
  std::vector<std::pair<std::string, int>> in_report;  // (section number, chart index)
  std::vector<int> at_end;
  std::set<std::string> outline_numbers;
  for (const FormSection& s : form.report.sections) outline_numbers.insert(BareNumber(s.number));
  for (const ReportSection& s : p.report.sections) outline_numbers.insert(BareNumber(s.number));
  for (const FormChart& fc : form.charts) {
    std::optional<Chart> chart = ComposeChart(fc, p, vars);
    if (!chart) continue;
    const int index = static_cast<int>(doc.charts.size());
    doc.charts.push_back(std::move(*chart));
    if (!fc.after_section.empty() && outline_numbers.count(BareNumber(fc.after_section)) > 0) {
      in_report.emplace_back(fc.after_section, index);
    } else {
      at_end.push_back(index);
    }
  }

  ReportComposer report(prepared, form, &doc, &in_report);
  report.Compose();
  std::vector<Block> report_blocks = std::move(doc.body);
  doc.body.clear();

  BasicDataComposer basic(p, rulebook, form, vars);
  RenderTable basic_table = basic.Compose();
  if (!basic.error().empty()) {
    return Status::InvalidArgument(
        TrF("基础数据表排版：{}", "基础数据表 layout: {}", basic.error()));
  }
  Result<RenderTable> evaluation = EvaluationComposer(p, rulebook, form, vars).Compose();
  if (!evaluation.ok()) return evaluation.status();

  // The parts in the form's order, each on a new page; the cover is a page of its own.
  const auto page_break = [&doc] {
    if (doc.body.empty() || doc.body.back().kind == Block::Kind::kCover) return;
    Block block;
    block.kind = Block::Kind::kPageBreak;
    doc.body.push_back(block);
  };
  const auto table_part = [&](RenderTable* table) {
    page_break();
    Block block;
    block.kind = Block::Kind::kTable;
    block.table = static_cast<int>(doc.tables.size());
    block.align = Align::kCenter;
    block.first_line_indent = false;
    doc.body.push_back(block);
    doc.tables.push_back(std::move(*table));
  };
  for (const std::string& part : form.parts) {
    if (part == "cover") {
      if (!HasCover(doc)) continue;
      Block block;
      block.kind = Block::Kind::kCover;
      doc.body.push_back(block);
    } else if (part == "report") {
      if (!report_blocks.empty()) page_break();
      doc.body.insert(doc.body.end(), std::make_move_iterator(report_blocks.begin()),
                      std::make_move_iterator(report_blocks.end()));
    } else if (part == "basic_data") {
      table_part(&basic_table);
    } else if (part == "evaluation") {
      table_part(&evaluation.value());
    }
  }
  // The 附件 list of evidence, when the package lists any (packages kept by the server).
  if (p.evidence && !p.evidence->empty()) {
    RenderTable evidence_table = EvidenceTable(p, vars);
    table_part(&evidence_table);
  }
  if (!at_end.empty()) {
    Block page_break;
    page_break.kind = Block::Kind::kPageBreak;
    doc.body.push_back(page_break);
    for (int index : at_end) report.ChartBlock(index);
  }
  FitHeaders(&doc);
  return doc;
}

}  // namespace jixiao
