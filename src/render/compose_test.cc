// Tests of the composer on the worked example (corrected and defective) and on variants:
// every table is a rectangular grid whose merges neither overrun nor overlap; the 自评表's
// group cells span exactly their leaf rows whatever the tree's shape; every formula refers to
// numeric cells of its own table and, evaluated by a small evaluator written here (ROUND,
// ROUNDDOWN, MIN, MAX, SUM, COUNT, IF, IFERROR, ABS, MOD, + - * / ^ and comparisons, on the
// cells' exact numbers), gives the number the cell shows; the report keeps the package's
// sections and supplies the outline's missing ones; and our own importer reads the composed
// tables and report back to the same package.
#include "render/compose.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "base/lang.h"
#include "base/text.h"
#include "import/recognize.h"
#include "model/walk.h"
#include "tests/package_compare.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

// ---------------------------------------------------------------------------------------
// A test-only formula evaluator over a RenderTable.

struct Value {
  enum class Kind { kNumber, kText, kBlank, kError };
  Kind kind = Kind::kBlank;
  Decimal number;
  std::string text;

  static Value Number(Decimal d) { return Value{Kind::kNumber, d, ""}; }
  static Value Text(std::string t) { return Value{Kind::kText, Decimal(), std::move(t)}; }
  static Value Error(std::string why) { return Value{Kind::kError, Decimal(), std::move(why)}; }
};

class Evaluator {
 public:
  explicit Evaluator(const RenderTable& table) : table_(table) {}

  // Evaluates `formula`; the cells it refers to are appended to *refs.
  Value Evaluate(const std::string& formula, std::vector<std::pair<int, int>>* refs) {
    text_ = formula;
    pos_ = 0;
    refs_ = refs;
    error_.clear();
    std::unique_ptr<Node> node = ParseExpression();
    if (error_.empty() && pos_ != text_.size()) error_ = "trailing text at " + std::to_string(pos_);
    if (!error_.empty()) return Value::Error("parse: " + error_ + " in " + formula);
    return Eval(*node);
  }

 private:
  struct Node {
    enum class Kind { kNumber, kText, kRef, kRange, kCall, kUnary, kBinary };
    Kind kind;
    Decimal number;
    std::string text;  // text, function name, operator
    int row = 0, column = 0, row2 = 0, column2 = 0;
    std::vector<std::unique_ptr<Node>> args;
  };
  using NodePtr = std::unique_ptr<Node>;

  void Skip() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  bool Eat(std::string_view s) {
    Skip();
    if (text_.compare(pos_, s.size(), s) == 0) {
      pos_ += s.size();
      return true;
    }
    return false;
  }
  void Fail(std::string why) {
    if (error_.empty()) error_ = std::move(why) + " at " + std::to_string(pos_);
  }

  NodePtr Make(Node::Kind kind) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    return n;
  }

  NodePtr ParseExpression() {
    NodePtr left = ParseAdditive();
    for (std::string_view op : {"<=", ">=", "<>", "=", "<", ">"}) {
      if (Eat(op)) {
        NodePtr n = Make(Node::Kind::kBinary);
        n->text = std::string(op);
        n->args.push_back(std::move(left));
        n->args.push_back(ParseAdditive());
        return n;
      }
    }
    return left;
  }
  NodePtr ParseAdditive() {
    NodePtr left = ParseTerm();
    while (error_.empty()) {
      std::string op = Eat("+") ? "+" : (Eat("-") ? "-" : "");
      if (op.empty()) break;
      NodePtr n = Make(Node::Kind::kBinary);
      n->text = op;
      n->args.push_back(std::move(left));
      n->args.push_back(ParseTerm());
      left = std::move(n);
    }
    return left;
  }
  NodePtr ParseTerm() {
    NodePtr left = ParsePower();
    while (error_.empty()) {
      std::string op = Eat("*") ? "*" : (Eat("/") ? "/" : "");
      if (op.empty()) break;
      NodePtr n = Make(Node::Kind::kBinary);
      n->text = op;
      n->args.push_back(std::move(left));
      n->args.push_back(ParsePower());
      left = std::move(n);
    }
    return left;
  }
  NodePtr ParsePower() {
    NodePtr left = ParseUnary();
    while (error_.empty() && Eat("^")) {
      NodePtr n = Make(Node::Kind::kBinary);
      n->text = "^";
      n->args.push_back(std::move(left));
      n->args.push_back(ParseUnary());
      left = std::move(n);
    }
    return left;
  }
  NodePtr ParseUnary() {
    if (Eat("-")) {
      NodePtr n = Make(Node::Kind::kUnary);
      n->text = "-";
      n->args.push_back(ParseUnary());
      return n;
    }
    return ParsePrimary();
  }
  bool ParseRef(int* row, int* column) {
    if (!Eat("{")) return false;
    size_t end = text_.find('}', pos_);
    if (end == std::string::npos) {
      Fail("unclosed reference");
      return false;
    }
    const std::string inside = text_.substr(pos_, end - pos_);
    if (std::sscanf(inside.c_str(), "%d,%d", row, column) != 2) Fail("bad reference " + inside);
    pos_ = end + 1;
    return true;
  }
  NodePtr ParsePrimary() {
    Skip();
    if (pos_ >= text_.size()) {
      Fail("unexpected end");
      return Make(Node::Kind::kText);
    }
    int row = 0, column = 0;
    if (ParseRef(&row, &column)) {
      NodePtr n = Make(Node::Kind::kRef);
      n->row = row;
      n->column = column;
      refs_->emplace_back(row, column);
      if (Eat(":")) {
        n->kind = Node::Kind::kRange;
        if (!ParseRef(&n->row2, &n->column2)) Fail("range without an end");
        for (int r = std::min(row, n->row2); r <= std::max(row, n->row2); ++r) {
          for (int c = std::min(column, n->column2); c <= std::max(column, n->column2); ++c) {
            if (r != row || c != column) refs_->emplace_back(r, c);
          }
        }
      }
      return n;
    }
    if (Eat("(")) {
      NodePtr inner = ParseExpression();
      if (!Eat(")")) Fail("missing )");
      return inner;
    }
    if (Eat("\"")) {
      const size_t end = text_.find('"', pos_);
      NodePtr n = Make(Node::Kind::kText);
      n->text = text_.substr(pos_, end - pos_);
      pos_ = end == std::string::npos ? text_.size() : end + 1;
      return n;
    }
    const char c = text_[pos_];
    if ((c >= '0' && c <= '9') || c == '.') {
      size_t end = pos_;
      while (end < text_.size() &&
             ((text_[end] >= '0' && text_[end] <= '9') || text_[end] == '.')) {
        ++end;
      }
      NodePtr n = Make(Node::Kind::kNumber);
      std::optional<Decimal> d = Decimal::Parse(text_.substr(pos_, end - pos_));
      if (!d) Fail("bad number");
      n->number = d.value_or(Decimal());
      pos_ = end;
      return n;
    }
    if (c >= 'A' && c <= 'Z') {
      size_t end = pos_;
      while (end < text_.size() && text_[end] >= 'A' && text_[end] <= 'Z') ++end;
      NodePtr n = Make(Node::Kind::kCall);
      n->text = text_.substr(pos_, end - pos_);
      pos_ = end;
      static const std::set<std::string> kKnown = {"ROUND",   "ROUNDDOWN", "ROUNDUP", "MIN",
                                                   "MAX",     "SUM",       "COUNT",   "IF",
                                                   "IFERROR", "ABS",       "MOD"};
      if (kKnown.count(n->text) == 0) Fail("unknown function " + n->text);
      if (!Eat("(")) Fail("function without (");
      if (!Eat(")")) {
        do {
          n->args.push_back(ParseExpression());
        } while (error_.empty() && Eat(","));
        if (!Eat(")")) Fail("missing ) after arguments");
      }
      return n;
    }
    Fail(std::string("unexpected character ") + c);
    return Make(Node::Kind::kText);
  }

  Value Cell(int row, int column) const {
    if (row < 0 || row >= static_cast<int>(table_.rows.size()) || column < 0 ||
        column >= static_cast<int>(table_.rows[row].cells.size())) {
      return Value::Error("reference outside the grid");
    }
    const TableCell& cell = table_.rows[row].cells[column];
    if (cell.number) return Value::Number(*cell.number);
    if (cell.text.empty()) return Value{};
    return Value::Text(cell.text);
  }

  // The values an argument stands for: a range's cells, or one value.
  std::vector<Value> Values(const Node& n, bool* from_cells) {
    std::vector<Value> out;
    *from_cells = n.kind == Node::Kind::kRange || n.kind == Node::Kind::kRef;
    if (n.kind == Node::Kind::kRange) {
      for (int r = std::min(n.row, n.row2); r <= std::max(n.row, n.row2); ++r) {
        for (int c = std::min(n.column, n.column2); c <= std::max(n.column, n.column2); ++c) {
          out.push_back(Cell(r, c));
        }
      }
      return out;
    }
    out.push_back(Eval(n));
    return out;
  }

  static std::optional<Decimal> AsNumber(const Value& v) {
    if (v.kind == Value::Kind::kNumber) return v.number;
    if (v.kind == Value::Kind::kBlank) return Decimal();
    return std::nullopt;
  }

  Value Eval(const Node& n) {
    switch (n.kind) {
      case Node::Kind::kNumber:
        return Value::Number(n.number);
      case Node::Kind::kText:
        return Value::Text(n.text);
      case Node::Kind::kRef:
        return Cell(n.row, n.column);
      case Node::Kind::kRange:
        return Value::Error("a range outside a function");
      case Node::Kind::kUnary: {
        const Value v = Eval(*n.args[0]);
        if (v.kind == Value::Kind::kError) return v;
        const auto x = AsNumber(v);
        return x ? Value::Number(-*x) : Value::Error("#VALUE!");
      }
      case Node::Kind::kBinary:
        return Binary(n);
      case Node::Kind::kCall:
        return Call(n);
    }
    return Value::Error("?");
  }

  Value Binary(const Node& n) {
    const Value a = Eval(*n.args[0]);
    const Value b = Eval(*n.args[1]);
    if (a.kind == Value::Kind::kError) return a;
    if (b.kind == Value::Kind::kError) return b;
    const std::string& op = n.text;
    if (op == "=" || op == "<>" || op == "<" || op == ">" || op == "<=" || op == ">=") {
      const auto x = AsNumber(a), y = AsNumber(b);
      if (!x || !y) return Value::Error("comparison of text");
      const int c = x->Compare(*y);
      const bool r = op == "="    ? c == 0
                     : op == "<>" ? c != 0
                     : op == "<"  ? c < 0
                     : op == ">"  ? c > 0
                     : op == "<=" ? c <= 0
                                  : c >= 0;
      return Value::Number(Decimal::FromInt(r ? 1 : 0));
    }
    const auto x = AsNumber(a), y = AsNumber(b);
    if (!x || !y) return Value::Error("#VALUE!");
    if (op == "+") return Value::Number(*x + *y);
    if (op == "-") return Value::Number(*x - *y);
    if (op == "*") return Value::Number((*x * *y).Rounded(14, Rounding::kHalfEven));
    if (op == "/") {
      if (y->is_zero()) return Value::Error("#DIV/0!");
      return Value::Number(Decimal::Divide(*x, *y, 14, Rounding::kHalfEven));
    }
    if (op == "^") {
      const auto e = y->ToInt64();
      if (!e || *e < 0 || *e > 18) return Value::Error("bad exponent");
      Decimal r = Decimal::FromInt(1);
      for (int64_t i = 0; i < *e; ++i) r = r * *x;
      return Value::Number(r);
    }
    return Value::Error("operator " + op);
  }

  Value Call(const Node& n) {
    const std::string& f = n.text;
    if (f == "IF") {
      if (n.args.size() != 3) return Value::Error("IF arity");
      const Value c = Eval(*n.args[0]);
      if (c.kind == Value::Kind::kError) return c;
      const auto x = AsNumber(c);
      if (!x) return Value::Error("IF condition");
      return Eval(*n.args[x->is_zero() ? 2 : 1]);
    }
    if (f == "IFERROR") {
      if (n.args.size() != 2) return Value::Error("IFERROR arity");
      const Value v = Eval(*n.args[0]);
      return v.kind == Value::Kind::kError ? Eval(*n.args[1]) : v;
    }
    // The others evaluate every argument.
    std::vector<std::vector<Value>> args;
    std::vector<bool> from_cells;
    for (const auto& a : n.args) {
      bool cells = false;
      args.push_back(Values(*a, &cells));
      from_cells.push_back(cells);
      for (const Value& v : args.back()) {
        if (v.kind == Value::Kind::kError) return v;
      }
    }
    if (f == "SUM" || f == "MIN" || f == "MAX" || f == "COUNT") {
      std::vector<Decimal> numbers;
      for (size_t i = 0; i < args.size(); ++i) {
        for (const Value& v : args[i]) {
          if (v.kind == Value::Kind::kNumber) {
            numbers.push_back(v.number);
          } else if (!from_cells[i] && f != "COUNT") {
            const auto x = AsNumber(v);
            if (!x) return Value::Error("#VALUE!");
            numbers.push_back(*x);
          }
        }
      }
      if (f == "COUNT")
        return Value::Number(Decimal::FromInt(static_cast<int64_t>(numbers.size())));
      Decimal r;
      for (size_t i = 0; i < numbers.size(); ++i) {
        if (f == "SUM") r = r + numbers[i];
        if (f == "MIN") r = i == 0 ? numbers[i] : Decimal::Min(r, numbers[i]);
        if (f == "MAX") r = i == 0 ? numbers[i] : Decimal::Max(r, numbers[i]);
      }
      return Value::Number(r);
    }
    std::vector<Decimal> x;
    for (const auto& a : args) {
      if (a.size() != 1) return Value::Error(f + ": a range argument");
      const auto d = AsNumber(a[0]);
      if (!d) return Value::Error("#VALUE!");
      x.push_back(*d);
    }
    if ((f == "ROUND" || f == "ROUNDDOWN" || f == "ROUNDUP" || f == "MOD") && x.size() != 2) {
      return Value::Error(f + " arity");
    }
    if (f == "ROUND") return Value::Number(x[0].Rounded(*x[1].ToInt64(), Rounding::kHalfUp));
    if (f == "ROUNDDOWN") {
      return Value::Number(x[0].Rounded(*x[1].ToInt64(), Rounding::kTruncate));
    }
    if (f == "ROUNDUP") {
      return Value::Number(
          x[0].Rounded(*x[1].ToInt64(), x[0].sign() < 0 ? Rounding::kFloor : Rounding::kCeiling));
    }
    if (f == "ABS" && x.size() == 1) return Value::Number(x[0].Abs());
    if (f == "MOD") {
      if (x[1].is_zero()) return Value::Error("#DIV/0!");
      const Decimal q = Decimal::Divide(x[0], x[1], 0, Rounding::kFloor);
      return Value::Number(x[0] - q * x[1]);
    }
    return Value::Error(f + " arity");
  }

  const RenderTable& table_;
  std::string text_;
  size_t pos_ = 0;
  std::vector<std::pair<int, int>>* refs_ = nullptr;
  std::string error_;
};

// ---------------------------------------------------------------------------------------
// Shared checks.

std::string Where(const RenderTable& t, size_t r, size_t c) {
  return t.id + " (" + std::to_string(r) + ", " + std::to_string(c) + ")";
}

// Every row has one cell per column; each origin's span stays inside the grid and covers only
// `covered` cells; each covered cell is covered by exactly one origin.
void ExpectRectangular(const RenderTable& t) {
  const size_t columns = t.column_widths.size();
  ASSERT_GT(columns, 0u) << t.id;
  ASSERT_FALSE(t.rows.empty()) << t.id;
  EXPECT_LE(t.header_rows, static_cast<int>(t.rows.size()));
  std::vector<std::vector<int>> cover(t.rows.size(), std::vector<int>(columns, 0));
  for (size_t r = 0; r < t.rows.size(); ++r) {
    ASSERT_EQ(t.rows[r].cells.size(), columns) << t.id << " row " << r;
    for (size_t c = 0; c < columns; ++c) {
      const TableCell& cell = t.rows[r].cells[c];
      if (cell.covered) {
        EXPECT_TRUE(cell.text.empty()) << Where(t, r, c);
        EXPECT_TRUE(cell.formula.empty()) << Where(t, r, c);
        continue;
      }
      ASSERT_GE(cell.row_span, 1) << Where(t, r, c);
      ASSERT_GE(cell.column_span, 1) << Where(t, r, c);
      ASSERT_LE(r + cell.row_span, t.rows.size()) << Where(t, r, c) << " row span overruns";
      ASSERT_LE(c + cell.column_span, columns) << Where(t, r, c) << " column span overruns";
      for (size_t rr = r; rr < r + cell.row_span; ++rr) {
        for (size_t cc = c; cc < c + cell.column_span; ++cc) {
          if (rr == r && cc == c) continue;
          EXPECT_TRUE(t.rows[rr].cells[cc].covered)
              << Where(t, rr, cc) << " inside the span of " << Where(t, r, c) << " is an origin";
          ++cover[rr][cc];
        }
      }
    }
  }
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c = 0; c < columns; ++c) {
      if (t.rows[r].cells[c].covered) {
        EXPECT_EQ(cover[r][c], 1) << Where(t, r, c) << " is covered by " << cover[r][c]
                                  << " origins";
      }
    }
  }
}

// Every numeric cell has its decimals and a figure's text; every formula is on a computed
// cell, refers only to numeric cells of the grid, and evaluates to the cell's own number.
// Returns the number of formulas evaluated.
int ExpectFormulasHold(const RenderTable& t) {
  Evaluator evaluator(t);
  int evaluated = 0;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
      const TableCell& cell = t.rows[r].cells[c];
      if (cell.number) {
        EXPECT_NE(cell.role, CellRole::kLabel) << Where(t, r, c);
        EXPECT_GE(cell.decimals, 0) << Where(t, r, c);
        EXPECT_FALSE(cell.text.empty()) << Where(t, r, c);
      }
      if (cell.formula.empty()) continue;
      EXPECT_EQ(cell.role, CellRole::kComputed) << Where(t, r, c);
      std::vector<std::pair<int, int>> refs;
      const Value v = evaluator.Evaluate(cell.formula, &refs);
      if (v.kind == Value::Kind::kError) {
        ADD_FAILURE() << Where(t, r, c) << " " << cell.formula << ": " << v.text;
        continue;
      }
      EXPECT_FALSE(refs.empty()) << Where(t, r, c) << " " << cell.formula;
      for (const auto& [rr, cc] : refs) {
        if (!(rr >= 0 && rr < static_cast<int>(t.rows.size()) && cc >= 0 &&
              cc < static_cast<int>(t.column_widths.size()))) {
          ADD_FAILURE() << Where(t, r, c) << " refers outside the grid: " << cell.formula;
          continue;
        }
        const TableCell& ref = t.rows[rr].cells[cc];
        EXPECT_FALSE(ref.covered) << Where(t, r, c) << " refers to covered " << Where(t, rr, cc);
        EXPECT_NE(ref.role, CellRole::kLabel)
            << Where(t, r, c) << " refers to label " << Where(t, rr, cc) << " " << ref.text;
        EXPECT_TRUE(ref.number.has_value() || ref.text.empty())
            << Where(t, r, c) << " refers to text " << Where(t, rr, cc) << " " << ref.text;
        EXPECT_FALSE(rr == static_cast<int>(r) && cc == static_cast<int>(c))
            << Where(t, r, c) << " refers to itself";
      }
      switch (v.kind) {
        case Value::Kind::kNumber:
          if (!cell.number) {
            ADD_FAILURE() << Where(t, r, c) << " " << cell.formula << " = " << v.number.ToString()
                          << " but the cell is blank";
            break;
          }
          EXPECT_EQ(v.number.Compare(*cell.number), 0)
              << Where(t, r, c) << " " << cell.formula << " = " << v.number.ToString()
              << ", the cell shows " << cell.text;
          break;
        case Value::Kind::kText:
          if (v.text.empty()) {
            EXPECT_FALSE(cell.number.has_value()) << Where(t, r, c) << " " << cell.formula;
          } else {
            EXPECT_EQ(v.text, cell.text) << Where(t, r, c) << " " << cell.formula;
          }
          break;
        default:
          EXPECT_FALSE(cell.number.has_value()) << Where(t, r, c) << " " << cell.formula;
          break;
      }
      ++evaluated;
    }
  }
  return evaluated;
}

const TableCell* FindByPointer(const RenderTable& t, const std::string& pointer) {
  for (const TableRow& row : t.rows) {
    for (const TableCell& cell : row.cells) {
      if (cell.pointer == pointer) return &cell;
    }
  }
  return nullptr;
}

// (row, column) of the first origin whose text is `text`.
// A cell's text without the line breaks that fit a header to its columns (render/header_fit.h).
std::string Unbroken(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '\n'), text.end());
  return text;
}

// The cell whose text is `text`, read unbroken.
std::pair<int, int> FindText(const RenderTable& t, const std::string& text) {
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
      if (!t.rows[r].cells[c].covered && Unbroken(t.rows[r].cells[c].text) == Unbroken(text)) {
        return {static_cast<int>(r), static_cast<int>(c)};
      }
    }
  }
  return {-1, -1};
}

int LeafRows(const Indicator& node) {
  if (node.is_leaf()) return 1;
  int n = 0;
  for (const Indicator& c : node.children) n += LeafRows(c);
  return n;
}

// Below the 一级指标 header, the group cells of each level appear in tree order, each spanning
// exactly its leaf rows, and each leaf's name sits in the last level column.
void ExpectTreeLayout(const RenderTable& t, const std::vector<Indicator>& roots) {
  const auto [header, first_level] = FindText(t, "一级指标");
  ASSERT_GE(header, 0);
  // The heading row heads the indicator rows, up to the total row (repeated on later pages).
  ASSERT_EQ(t.row_headings.size(), 1u);
  EXPECT_EQ(t.row_headings[0].first, header);
  EXPECT_EQ(t.row_headings[0].count, 1);
  const auto total = FindText(t, "总分");
  ASSERT_GE(total.first, 0);
  EXPECT_EQ(t.row_headings[0].until, total.first);
  int row = header + 1;
  int levels = 0;
  while (first_level + levels < static_cast<int>(t.column_widths.size()) &&
         Unbroken(t.rows[header].cells[first_level + levels].text).find("级指标") !=
             std::string::npos) {
    ++levels;
  }
  std::function<void(const Indicator&, int)> walk = [&](const Indicator& node, int depth) {
    if (node.is_leaf()) {
      const int column = depth == 1 ? first_level : first_level + levels - 1;
      EXPECT_EQ(t.rows[row].cells[column].text, node.name) << "row " << row;
      ++row;
      return;
    }
    const TableCell& cell = t.rows[row].cells[first_level + depth - 1];
    EXPECT_FALSE(cell.covered) << node.name;
    EXPECT_EQ(cell.text.rfind(node.name, 0), 0u) << cell.text << " vs " << node.name;
    EXPECT_EQ(cell.row_span, LeafRows(node)) << node.name;
    EXPECT_EQ(cell.column_span, 1) << node.name;
    for (const Indicator& child : node.children) walk(child, depth + 1);
  };
  for (const Indicator& root : roots) walk(root, 1);
  // The indicator label spans the header and every leaf row; the total row follows.
  EXPECT_EQ(t.rows[header].cells[0].row_span, row - header);
  EXPECT_EQ(t.rows[row].cells[0].text, "总分");
}

struct Fixture {
  Package package;
  Rulebook rulebook;
  Form form;
};

Package LoadPackage(const std::string& name) {
  Result<Package> p = LoadPackageFile(testing::SourceDir() + "/examples/" + name);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? std::move(p).value() : Package{};
}

Form LoadForm(const char* id) {
  Result<Form> f = BundledForm(id);
  EXPECT_TRUE(f.ok()) << f.status().message();
  return f.ok() ? std::move(f).value() : Form{};
}

// Composes a package as the renderer does: prepared first.
PreparedPackage Prepared(const Package& p, const Rulebook& rb) { return PrepareForRender(p, rb); }

RenderDocument Compose(const Package& p, const Rulebook& rb, const Form& form,
                       std::vector<std::string> generated = {}) {
  PreparedPackage prepared = Prepared(p, rb);
  if (!generated.empty()) prepared.generated_sections = std::move(generated);
  Result<RenderDocument> doc = ComposeDocument(prepared, rb, form);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : RenderDocument{};
}

// The package as laid out, without preparing it (the composer must not need it).
RenderDocument ComposeAsReported(const Package& p, const Rulebook& rb, const Form& form) {
  Result<RenderDocument> doc = ComposeDocument(PreparedPackage{p, {}, {}}, rb, form);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : RenderDocument{};
}

// ---------------------------------------------------------------------------------------

class ComposeExample : public ::testing::TestWithParam<const char*> {};

TEST_P(ComposeExample, GridsAreRectangularAndFormulasHold) {
  const Package p = LoadPackage(GetParam());
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const Form form = LoadForm("lingling-2024");
  for (const RenderDocument& doc : {Compose(p, rb, form), ComposeAsReported(p, rb, form)}) {
    ASSERT_EQ(doc.tables.size(), 2u);
    int formulas = 0;
    for (const RenderTable& t : doc.tables) {
      ExpectRectangular(t);
      formulas += ExpectFormulasHold(t);
    }
    // 控制率, 2 building rates, 执行率, 执行率得分, 5 quantitative scores, 总分 at least.
    EXPECT_GE(formulas, 11) << GetParam();
    ExpectTreeLayout(doc.tables[1], p.evaluation.indicators);
  }
}

TEST_P(ComposeExample, CellsCarryPointersNumbersAndRoles) {
  const Package p = LoadPackage(GetParam());
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const RenderDocument doc = Compose(p, rb, LoadForm("lingling-2024"));
  ASSERT_EQ(doc.tables.size(), 2u);
  const RenderTable& basic = doc.tables[0];
  const RenderTable& eval = doc.tables[1];
  EXPECT_EQ(basic.column_widths.size(), 7u);
  EXPECT_EQ(eval.column_widths.size(), 9u);
  EXPECT_EQ(basic.sheet_name, "基础数据表");
  EXPECT_EQ(basic.title, "附件1 2024年度部门整体支出绩效评价基础数据表");
  EXPECT_EQ(eval.title, "2024年度部门整体支出绩效自评表");

  const TableCell* executed = FindByPointer(eval, "/evaluation/funds/executed");
  ASSERT_NE(executed, nullptr);
  EXPECT_EQ(executed->role, CellRole::kInput);
  EXPECT_EQ(executed->text, "124.88");
  EXPECT_EQ(executed->number->ToString(), "124.88");
  EXPECT_EQ(executed->decimals, 2);
  const TableCell* rate = FindByPointer(eval, "/evaluation/funds/execution_rate");
  ASSERT_NE(rate, nullptr);
  EXPECT_EQ(rate->role, CellRole::kComputed);
  EXPECT_EQ(rate->text, "98.25");
  EXPECT_FALSE(rate->percent);
  EXPECT_NE(rate->formula.find("ROUND("), std::string::npos) << rate->formula;
  const TableCell* score = FindByPointer(eval, "/evaluation/funds/score");
  ASSERT_NE(score, nullptr);
  EXPECT_EQ(score->text, "9.8");
  EXPECT_NE(score->formula.find(",1)"), std::string::npos) << score->formula;  // 1 decimal
  const TableCell* control = FindByPointer(basic, "/basic_data/staffing/control_rate");
  ASSERT_NE(control, nullptr);
  EXPECT_EQ(control->text, "87.5%");  // as prepared: 2 decimals, no trailing zeros
  EXPECT_TRUE(control->percent);
  EXPECT_EQ(control->role, CellRole::kComputed);

  // Qualitative actuals offer the words of their scale, best first, the actual among them.
  const TableCell* recognition =
      FindByPointer(eval, "/evaluation/indicators/0/children/1/children/0/actual");
  ASSERT_NE(recognition, nullptr);
  EXPECT_EQ(recognition->text, "较为认可");
  ASSERT_FALSE(recognition->choices.empty());
  EXPECT_EQ(recognition->choices.front(), "认可");
  EXPECT_NE(std::find(recognition->choices.begin(), recognition->choices.end(), "较为认可"),
            recognition->choices.end());
  EXPECT_EQ(recognition->choices.back(), "不认可");
  EXPECT_FALSE(recognition->number.has_value());
  // A numeric actual is a number; a quantitative score is computed, a qualitative one is input.
  const TableCell* audience =
      FindByPointer(eval, "/evaluation/indicators/0/children/0/children/1/actual");
  ASSERT_NE(audience, nullptr);
  EXPECT_EQ(audience->number->ToString(), "25000");
  EXPECT_TRUE(audience->choices.empty());
  EXPECT_EQ(FindByPointer(eval, "/evaluation/indicators/0/children/0/children/1/score")->role,
            CellRole::kComputed);
  EXPECT_EQ(FindByPointer(eval, "/evaluation/indicators/0/children/1/children/0/score")->role,
            CellRole::kInput);

  // Labels carry no pointer; every input or computed figure that the package has, does.
  for (const RenderTable* t : {&basic, &eval}) {
    for (const TableRow& row : t->rows) {
      for (const TableCell& cell : row.cells) {
        if (cell.role == CellRole::kLabel) {
          EXPECT_TRUE(cell.pointer.empty()) << cell.text;
        }
        if (cell.number && cell.role != CellRole::kLabel) {
          EXPECT_FALSE(cell.pointer.empty()) << t->id << " " << cell.text;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, ComposeExample,
                         ::testing::Values("lingling-kexie-2024-corrected.json",
                                           "lingling-kexie-2024.json"));

// A package that lists evidence gets the 佐证材料清单 after the 自评表: one row a file, each with
// what it supports in the tables' words; without evidence, no such table.
TEST(ComposeEvidence, TheListFollowsTheEvaluationTable) {
  Package p = LoadPackage("lingling-kexie-2024-corrected.json");
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const Form form = LoadForm("lingling-2024");
  p.evidence.emplace();
  EXPECT_EQ(Compose(p, rb, form).tables.size(), 2u);  // an empty list prints nothing

  ASSERT_FALSE(p.evaluation.indicators.empty());
  const Indicator& group = p.evaluation.indicators[0];
  ASSERT_FALSE(group.children.empty());
  ASSERT_FALSE(p.report.sections.empty());
  p.evidence->push_back({"/evaluation/indicators/0/children/0", "活动照片.jpg", "image/jpeg",
                         310000, std::string(64, 'a')});
  p.evidence->push_back(
      {"/report/sections/0", "年度工作总结.pdf", "application/pdf", 900, std::string(64, 'b')});
  p.evidence->push_back({"", "会议纪要.docx",
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                         3 * 1048576 / 2, std::string(64, 'c')});
  p.evidence->push_back({"/evaluation/indicators/99", "x.png", "image/png", 1, "0123"});
  const RenderDocument doc = Compose(p, rb, form);
  ASSERT_EQ(doc.tables.size(), 3u);
  const RenderTable& t = doc.tables[2];
  ExpectRectangular(t);
  EXPECT_EQ(t.id, "evidence");
  EXPECT_EQ(t.title, "佐证材料清单");
  EXPECT_EQ(t.sheet_name, "佐证材料");
  EXPECT_EQ(t.header_rows, 1);
  ASSERT_EQ(t.rows.size(), 5u);
  auto row = [&](size_t r) {
    std::vector<std::string> texts;
    for (const TableCell& c : t.rows[r].cells) texts.push_back(c.text);
    return texts;
  };
  EXPECT_EQ(row(0)[1], "材料名称");
  const std::string first_path = "绩效指标 › " + group.name + " › " + group.children[0].name;
  EXPECT_EQ(row(1), (std::vector<std::string>{"1", "活动照片.jpg", first_path, "图片", "302.7 KB",
                                              "aaaaaaaaaaaa"}));
  const ReportSection& s0 = p.report.sections[0];
  EXPECT_EQ(row(2)[2], "自评报告 › " + s0.number + "、" + s0.title);
  EXPECT_EQ(row(2)[3], "PDF");
  EXPECT_EQ(row(2)[4], "900 B");
  EXPECT_EQ(row(3)[2], "整个数据包");
  EXPECT_EQ(row(3)[3], "Word");
  EXPECT_EQ(row(3)[4], "1.5 MB");
  EXPECT_EQ(row(4)[2], "/evaluation/indicators/99");  // a pointer that leads nowhere, as it is
  EXPECT_EQ(t.rows[1].cells[1].pointer, "/evidence/0/name");
  // The table is a block of the body after the 自评表's.
  int tables_seen = 0;
  for (const Block& b : doc.body) {
    if (b.kind == Block::Kind::kTable) {
      EXPECT_EQ(b.table, tables_seen++);
    }
  }
  EXPECT_EQ(tables_seen, 3);
}

// The evaluator is a real check: a computed cell whose number disagrees with its formula is
// reported.
TEST(ComposeFormulas, AWrongCachedNumberIsCaught) {
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  RenderDocument doc = ComposeAsReported(LoadPackage("lingling-kexie-2024-corrected.json"), rb,
                                         LoadForm("lingling-2024"));
  RenderTable& t = doc.tables[1];
  for (TableRow& row : t.rows) {
    for (TableCell& cell : row.cells) {
      if (cell.pointer == "/evaluation/total_score") cell.number = *Decimal::Parse("99.9");
    }
  }
  EXPECT_NONFATAL_FAILURE(ExpectFormulasHold(t), "= 99.80, the cell shows 99.8");
}

// Rates round as the rulebook says: 78.5 ÷ 80 = 98.125% is 98.13 (half up), 98.12 (truncate)
// and 98.12 (half even), and each formula gives exactly that.
TEST(ComposeFormulas, RoundingFollowsTheRulebook) {
  const struct {
    Rounding mode;
    const char* rate;
    const char* function;
  } cases[] = {{Rounding::kHalfUp, "98.13", "ROUND("},
               {Rounding::kTruncate, "98.12", "ROUNDDOWN("},
               {Rounding::kHalfEven, "98.12", "MOD("}};
  for (const auto& c : cases) {
    Rulebook rb = testing::LoadRulebook("hunan-lingling");
    rb.rate_rounding = c.mode;
    Package p = LoadPackage("lingling-kexie-2024-corrected.json");
    Funds& f = p.evaluation.funds;
    f.full_year_budget = Cell::Number(*Decimal::Parse("80"));
    f.executed = Cell::Number(*Decimal::Parse("78.5"));
    f.execution_rate = Cell::Number(*Decimal::Parse(c.rate));
    f.score = Cell::Number(*Decimal::Parse("9.8"));  // 10 × 98.125% = 9.8125
    const RenderDocument doc = ComposeAsReported(p, rb, LoadForm("lingling-2024"));
    const TableCell* rate = FindByPointer(doc.tables[1], "/evaluation/funds/execution_rate");
    ASSERT_NE(rate, nullptr);
    EXPECT_NE(rate->formula.find(c.function), std::string::npos) << rate->formula;
    ExpectFormulasHold(doc.tables[1]);
    // And the neighbouring value is refused.
    RenderTable wrong = doc.tables[1];
    for (TableRow& row : wrong.rows) {
      for (TableCell& cell : row.cells) {
        if (cell.pointer == "/evaluation/funds/execution_rate") {
          cell.number = *Decimal::Parse(c.mode == Rounding::kHalfUp ? "98.12" : "98.13");
        }
      }
    }
    EXPECT_NONFATAL_FAILURE(ExpectFormulasHold(wrong), "the cell shows");
  }
}

TEST(ComposeBasicData, ExpenseRowsInPackageOrderWithTheirLabels) {
  const Package p = LoadPackage("lingling-kexie-2024-corrected.json");
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const RenderDocument doc = ComposeAsReported(p, rb, LoadForm("lingling-2024"));
  const RenderTable& t = doc.tables[0];
  const auto [header, column] = FindText(t, "经费控制情况（万元）");
  ASSERT_GE(header, 0);
  EXPECT_EQ(t.rows[header].cells[1].text, "2023年决算数");
  EXPECT_EQ(t.rows[header].cells[3].text, "2024年预算数");
  EXPECT_EQ(t.rows[header].cells[5].text, "2024年决算数");
  std::vector<std::string> expected;
  ForEachExpenseRow(p.basic_data.expenses,
                    [&](const ExpenseVisit& v) { expected.push_back(v.row->label); });
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(std::string(TrimBlank(t.rows[header + 1 + i].cells[0].text)), expected[i]);
  }
  EXPECT_EQ(t.rows[header + 1 + expected.size()].cells[0].text,
            "楼堂馆所控制情况\n（2024年完工项目）");
  // 三公经费 = Σ its children: a SUM; 一、部门基本支出 has parts, not a total: an input.
  const TableCell* three = FindByPointer(t, "/basic_data/expenses/0/children/1/values/final");
  ASSERT_NE(three, nullptr);
  EXPECT_EQ(three->role, CellRole::kComputed);
  EXPECT_EQ(three->formula.rfind("SUM(", 0), 0u) << three->formula;
  EXPECT_EQ(FindByPointer(t, "/basic_data/expenses/0/values/final")->role, CellRole::kInput);
  // A total that its children do not add up to keeps its reported figure as an input.
  Package bad = p;
  bad.basic_data.expenses[0].children[1].values[2] = Cell::Number(*Decimal::Parse("0.70"));
  const RenderDocument bad_doc = ComposeAsReported(bad, rb, LoadForm("lingling-2024"));
  const TableCell* kept =
      FindByPointer(bad_doc.tables[0], "/basic_data/expenses/0/children/1/values/final");
  EXPECT_EQ(kept->role, CellRole::kInput);
  EXPECT_TRUE(kept->formula.empty());
  EXPECT_EQ(kept->text, "0.70");
}

TEST(ComposeBasicData, StandardRowsThePackageLacksAreAddedInTheFormsOrder) {
  Package p = LoadPackage("lingling-kexie-2024-corrected.json");
  std::vector<ExpenseRow>& rows = p.basic_data.expenses;
  // Drop 政府采购金额 (top level) and 公用经费 with its children (under 基本支出).
  rows.erase(std::remove_if(rows.begin(), rows.end(),
                            [](const ExpenseRow& r) { return r.key == "procurement"; }),
             rows.end());
  rows[0].children.erase(rows[0].children.begin());
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const RenderDocument doc = ComposeAsReported(p, rb, LoadForm("lingling-2024"));
  const RenderTable& t = doc.tables[0];
  ExpectRectangular(t);
  ExpectFormulasHold(t);
  const auto [header, column] = FindText(t, "经费控制情况（万元）");
  std::vector<std::string> labels;
  for (int r = header + 1; t.rows[r].cells[0].text.rfind("楼堂馆所", 0) != 0; ++r) {
    labels.emplace_back(TrimBlank(t.rows[r].cells[0].text));
  }
  const std::vector<std::string> expected = {"一、部门基本支出",
                                             "其中：公用经费",
                                             "其中：办公费",
                                             "水费、电费、差旅费",
                                             "会议费、培训费",
                                             "三公经费",
                                             "1.公务用车购置和维护经费",
                                             "其中：公车购置",
                                             "公车运行维护",
                                             "2.出国经费",
                                             "3.公务接待",
                                             "二、项目支出小计",
                                             "1.科普专项经费",
                                             "政府采购金额",
                                             "部门基本支出预算调整"};
  EXPECT_EQ(labels, expected);
  // An added row is not in the package: blank, no pointer.
  const int added = header + 1 + 13;
  EXPECT_TRUE(t.rows[added].cells[1].text.empty());
  EXPECT_TRUE(t.rows[added].cells[1].pointer.empty());
  EXPECT_EQ(t.rows[added].cells[1].role, CellRole::kInput);
}

TEST(ComposeEvaluation, SatisfactionAsLevelOneWithTheNationalForm) {
  // The corrected example converted to the national layout: 满意度 leaves 效益 and becomes a
  // 一级指标 of its own (效益 30, 满意度 10).
  Package p = LoadPackage("lingling-kexie-2024-corrected.json");
  p.rulebook = "national";
  Indicator& effect = p.evaluation.indicators[1];
  ASSERT_EQ(effect.children.back().name, "满意度");
  Indicator satisfaction = effect.children.back();
  effect.children.pop_back();
  effect.weight = Cell::Number(Decimal::FromInt(30));
  satisfaction.name = "满意度指标";
  satisfaction.weight = Cell::Number(Decimal::FromInt(10));
  Indicator second;
  second.name = "服务对象满意度指标";
  second.children = satisfaction.children;
  satisfaction.children = {second};
  p.evaluation.indicators.push_back(satisfaction);
  // National: the 执行率得分 prints 2 decimals (10 × 98.2533% = 9.83).
  p.evaluation.funds.score = Cell::Number(*Decimal::Parse("9.83"));
  p.evaluation.total_score = Cell::Number(*Decimal::Parse("99.83"));
  const Rulebook rb = testing::LoadRulebook("national");
  const Form form = LoadForm("national-2024");
  const RenderDocument doc = Compose(p, rb, form);
  ASSERT_EQ(doc.tables.size(), 2u);
  const RenderTable& t = doc.tables[1];
  EXPECT_EQ(doc.form_id, "national-2024");
  EXPECT_TRUE(t.landscape);
  EXPECT_EQ(t.title, "附件2 2024年度部门整体支出绩效自评表");
  ExpectRectangular(t);
  EXPECT_GE(ExpectFormulasHold(t), 8);
  ExpectTreeLayout(t, p.evaluation.indicators);
  const auto [row, column] = FindText(t, "满意度指标\n（10分）");
  ASSERT_GE(row, 0) << "满意度 is not a 一级 cell";
  EXPECT_EQ(column, 1);
  EXPECT_EQ(t.rows[row].cells[column].row_span, 1);
  EXPECT_EQ(t.rows[row].cells[column + 1].text, "服务对象满意度指标");
  EXPECT_EQ(t.rows[row].cells[column + 2].text, "服务对象满意度");
  EXPECT_EQ(FindText(t, "效益指标\n（30分）").second, 1);
  const auto [unit_row, unit_column] = FindText(t, "部门（单位）名称");
  EXPECT_EQ(unit_row, 0);
}

TEST(ComposeEvaluation, AnyDepthAndShape) {
  // A fourth level under one 二级, a childless 一级 (scored as a leaf), and a 二级 leaf.
  Package p = LoadPackage("lingling-kexie-2024-corrected.json");
  Indicator& output = p.evaluation.indicators[0];
  Indicator deep = output.children[0].children[0];
  Indicator third;
  third.name = "分项活动";
  third.children = {deep, deep};
  third.children[1].name = "第二项活动";
  third.children[1].weight = Cell::Number(Decimal::FromInt(0));  // the total stays 100
  third.children[1].score = Cell::Number(Decimal::FromInt(0));
  output.children[0].children[0] = third;
  Indicator lone;
  lone.name = "单列指标";
  lone.target = "≧1次";
  lone.actual = "1";
  lone.weight = Cell::Number(Decimal::FromInt(0));
  lone.score = Cell::Number(Decimal::FromInt(0));
  p.evaluation.indicators.push_back(lone);
  Indicator shallow = lone;
  shallow.name = "二级即末级";
  p.evaluation.indicators[1].children.push_back(shallow);
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const RenderDocument doc = ComposeAsReported(p, rb, LoadForm("lingling-2024"));
  const RenderTable& t = doc.tables[1];
  EXPECT_EQ(t.column_widths.size(), 10u);  // four level columns
  int total = 0, form_total = 0;
  for (int w : t.column_widths) total += w;
  for (int w : LoadForm("lingling-2024").evaluation.column_widths) form_total += w;
  EXPECT_EQ(total, form_total);  // the same overall width
  EXPECT_EQ(FindText(t, "四级指标").second, 4);
  ExpectRectangular(t);
  ExpectFormulasHold(t);
  ExpectTreeLayout(t, p.evaluation.indicators);
}

// 按收入性质 and 按支出性质 side by side, each split a label and its figure; the grade on a row of
// its own under 总分, the 偏差 column of the 总分 row left blank.
TEST(ComposeEvaluation, SplitsSideBySideAndTheGradeOnARowOfItsOwn) {
  Package p = LoadPackage("lingling-kexie-2024-corrected.json");
  p.evaluation.grade = "优";
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const Form form = LoadForm("lingling-2024");
  const RenderTable t = Compose(p, rb, form).tables[1];
  ExpectRectangular(t);
  const auto [income_row, income_column] = FindText(t, "按收入性质分：");
  const auto [spending_row, spending_column] = FindText(t, "按支出性质分：");
  ASSERT_GE(income_row, 0);
  EXPECT_EQ(spending_row, income_row);
  EXPECT_EQ(income_column, 1);
  EXPECT_GT(spending_column, income_column);
  const auto [general_row, general_column] = FindText(t, "一般公共预算");
  const auto [basic_row, basic_column] = FindText(t, "基本支出");
  EXPECT_EQ(general_row, income_row + 1);
  EXPECT_EQ(basic_row, general_row);
  EXPECT_EQ(basic_column, spending_column);
  // Each figure stands in the last column of its half, right of its label.
  const TableCell& general = t.rows[general_row].cells[spending_column - 1];
  EXPECT_EQ(general.pointer, "/evaluation/funds/general_public");
  EXPECT_EQ(general.text, p.evaluation.funds.general_public.Display());
  const TableCell& basic = t.rows[basic_row].cells.back();
  EXPECT_EQ(basic.pointer, "/evaluation/funds/basic");
  EXPECT_EQ(basic.text, p.evaluation.funds.basic.Display());
  // Four income splits, two spending ones: the spending half is blank below them.
  const auto [other_row, other_column] = FindText(t, "其他资金");
  EXPECT_EQ(other_row, income_row + 4);
  EXPECT_EQ(t.rows[other_row].cells[spending_column].text, "");

  const auto [total_row, total_column] = FindText(t, "总分");
  const auto [grade_row, grade_column] = FindText(t, "自评等级");
  ASSERT_GE(total_row, 0);
  EXPECT_EQ(grade_row, total_row + 1);
  EXPECT_EQ(grade_row, static_cast<int>(t.rows.size()) - 1);
  EXPECT_EQ(t.rows[grade_row].cells[grade_column].column_span,
            t.rows[total_row].cells[total_column].column_span);
  const TableCell& grade = t.rows[grade_row].cells[t.rows[total_row].cells[0].column_span];
  EXPECT_EQ(grade.text, p.evaluation.grade);
  EXPECT_EQ(grade.pointer, "/evaluation/grade");
  EXPECT_EQ(t.rows[total_row].cells.back().text, "");

  // A form with one block of splits keeps it down the left; one with no grade label, no row.
  Form one = form;
  one.evaluation.spending.clear();
  one.evaluation.grade_label.clear();
  const RenderTable u = Compose(p, rb, one).tables[1];
  ExpectRectangular(u);
  const auto [label_row, label_column] = FindText(u, "按收入性质分：");
  EXPECT_EQ(u.rows[label_row].cells[label_column].row_span, 4);
  EXPECT_EQ(FindText(u, "一般公共预算").first, label_row);
  EXPECT_LT(FindText(u, "自评等级").first, 0);
  EXPECT_EQ(FindText(u, "总分").first, static_cast<int>(u.rows.size()) - 1);
}

TEST(ComposeEvaluation, DeeperThanSixLevelsIsRefused) {
  Package p;
  Indicator* node = &p.evaluation.indicators.emplace_back();
  for (int i = 0; i < 6; ++i) node = &node->children.emplace_back();
  const Rulebook rb = testing::LoadRulebook("national");
  Result<RenderDocument> doc =
      ComposeDocument(PreparedPackage{p, {}, {}}, rb, LoadForm("national-2024"));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "the 绩效指标 tree is 7 levels deep; at most 6 can be laid out");
  ScopedMessageLanguage zh(Lang::kZh);
  EXPECT_EQ(
      ComposeDocument(PreparedPackage{p, {}, {}}, rb, LoadForm("national-2024")).status().message(),
      "绩效指标树有 7 级；最多能排 6 级");
}

TEST(ComposeEvaluation, EmptyPackageGetsTheFormsSkeleton) {
  Package p;
  p.fiscal_year = 2024;
  const Rulebook rb = testing::LoadRulebook("national");
  const RenderDocument doc = ComposeAsReported(p, rb, LoadForm("national-2024"));
  ASSERT_EQ(doc.tables.size(), 2u);
  for (const RenderTable& t : doc.tables) {
    ExpectRectangular(t);
    ExpectFormulasHold(t);
  }
  const RenderTable& t = doc.tables[1];
  const auto [output_row, c1] = FindText(t, "产出指标\n（50分）");
  ASSERT_GE(output_row, 0);
  EXPECT_EQ(t.rows[output_row].cells[c1].row_span, 4);  // 数量 质量 时效 成本
  const auto [satisfaction_row, c2] = FindText(t, "满意度指标\n（10分）");
  ASSERT_GE(satisfaction_row, 0);
  EXPECT_EQ(t.rows[satisfaction_row].cells[c2 + 1].text, "服务对象满意度指标");
  // Nothing to chart, and every outline section printed with 无。
  EXPECT_TRUE(doc.charts.empty());
  int headings = 0, empty = 0;
  for (const Block& b : doc.body) {
    headings += b.kind == Block::Kind::kHeading;
    empty += b.kind == Block::Kind::kParagraph && b.text == "无。";
  }
  EXPECT_EQ(headings, 14);  // 10 sections, 4 subsections
  EXPECT_EQ(empty, 12);     // sections without subsections and every subsection
}

TEST(ComposeReport, SectionsHeadingsAndGeneratedParagraphs) {
  Package p = LoadPackage("lingling-kexie-2024-corrected.json");
  // The package lacks 三 and 十: the outline supplies them in place.
  std::vector<ReportSection>& sections = p.report.sections;
  sections.erase(sections.begin() + 9);
  sections.erase(sections.begin() + 2);
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const RenderDocument doc = ComposeAsReported(p, rb, LoadForm("lingling-2024"));
  std::vector<std::string> level1;
  for (const Block& b : doc.body) {
    if (b.kind == Block::Kind::kHeading && b.level == 1) level1.push_back(b.text);
  }
  ASSERT_EQ(level1.size(), 10u);
  EXPECT_EQ(level1[0], "一、基本情况");
  EXPECT_EQ(level1[2], "三、政府性基金预算支出情况");
  EXPECT_EQ(level1[9], "十、其他需要说明的情况");
  // The supplied section says 无。
  for (size_t i = 0; i + 1 < doc.body.size(); ++i) {
    if (doc.body[i].text == "三、政府性基金预算支出情况") {
      EXPECT_EQ(doc.body[i + 1].kind, Block::Kind::kParagraph);
      EXPECT_EQ(doc.body[i + 1].text, "无。");
      EXPECT_EQ(doc.body[i + 2].text, "四、国有资本经营预算支出情况");
    }
  }
  // One paragraph per line; the generated ones marked.
  const RenderDocument generated =
      Compose(LoadPackage("lingling-kexie-2024-corrected.json"), rb, LoadForm("lingling-2024"),
              {"/report/sections/0/subsections/1/text"});
  bool in_generated = false;
  int marked = 0, unmarked = 0;
  for (const Block& b : generated.body) {
    if (b.kind == Block::Kind::kHeading) in_generated = b.text == "（二）单位整体支出规模";
    if (b.kind != Block::Kind::kParagraph) continue;
    EXPECT_EQ(b.generated, in_generated) << b.text;
    (b.generated ? marked : unmarked) += 1;
  }
  EXPECT_EQ(marked, 7);
  EXPECT_GT(unmarked, 10);
  // Cover.
  // The title on two lines, broken before 绩效自评报告 (cover.title_break_before).
  EXPECT_EQ(generated.cover.title_lines,
            (std::vector<std::string>{"2024年度零陵区科协整体支出", "绩效自评报告"}));
  EXPECT_EQ(generated.title, "2024年度零陵区科协整体支出绩效自评报告");
  EXPECT_EQ(generated.cover.details,
            (std::vector<std::string>{"单位名称：永州市零陵区科学技术协会", "2025年7月10日"}));
  // Body order, as the form's parts say: 附件1, the 自评表 on a new page, the cover, the report
  // (no page break after the cover, a page of its own), then the charts placed at the end.
  const auto kinds = [](const RenderDocument& doc) {
    std::vector<Block::Kind> out;
    for (const Block& b : doc.body) {
      if (b.kind == Block::Kind::kParagraph) continue;
      if (b.kind == Block::Kind::kHeading && !out.empty() && out.back() == b.kind) continue;
      out.push_back(b.kind);
    }
    return out;
  };
  using K = Block::Kind;
  EXPECT_EQ(kinds(generated),
            (std::vector<K>{K::kTable, K::kPageBreak, K::kTable, K::kCover, K::kHeading,
                            K::kPageBreak, K::kChart, K::kChart, K::kChart}));
  EXPECT_EQ(generated.tables[0].id, "basic_data");
  EXPECT_EQ(generated.tables[1].id, "evaluation");
  // The same with the parts in another order: the cover first, the report, then the tables.
  Form report_first = LoadForm("lingling-2024");
  report_first.parts = {"cover", "report", "evaluation", "basic_data"};
  report_first.cover.title_break_before.clear();
  const RenderDocument other =
      Compose(LoadPackage("lingling-kexie-2024-corrected.json"), rb, report_first);
  EXPECT_EQ(kinds(other), (std::vector<K>{K::kCover, K::kHeading, K::kPageBreak, K::kTable,
                                          K::kPageBreak, K::kTable, K::kPageBreak, K::kChart,
                                          K::kChart, K::kChart}));
  EXPECT_EQ(other.tables[0].id, "evaluation");
  EXPECT_EQ(other.cover.title_lines,
            std::vector<std::string>{"2024年度零陵区科协整体支出绩效自评报告"});
}

TEST(ComposeReport, CoverWithoutDateOrTitle) {
  Package p = LoadPackage("lingling-kexie-2024-corrected.json");
  p.report.cover = Cover{};
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const RenderDocument doc = ComposeAsReported(p, rb, LoadForm("lingling-2024"));
  EXPECT_EQ(doc.title, "2024年度区科协整体支出绩效自评报告");  // the form's default title
  EXPECT_EQ(doc.cover.details,
            std::vector<std::string>{"单位名称：永州市零陵区科学技术协会"});  // no date line
}

// Found by fuzz_render: a section without a title whose number the form's outline does not
// know (here 十一, past the outline's 十) dereferenced the missing outline section.
TEST(ComposeReport, UntitledSectionOutsideTheOutline) {
  Package p = LoadPackage("lingling-kexie-2024-corrected.json");
  ReportSection extra;
  extra.number = "十一";
  extra.text = "补充说明。";
  p.report.sections.push_back(extra);
  ReportSection unnumbered;
  unnumbered.text = "没有编号也没有标题。";
  ReportSection untitled_sub;
  untitled_sub.number = "（九）";
  untitled_sub.text = "子节。";
  unnumbered.subsections.push_back(untitled_sub);
  p.report.sections.push_back(unnumbered);
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const RenderDocument doc = ComposeAsReported(p, rb, LoadForm("lingling-2024"));
  std::vector<std::string> texts;
  for (const Block& b : doc.body) {
    if (b.kind == Block::Kind::kHeading || b.kind == Block::Kind::kParagraph) {
      texts.push_back(b.text);
    }
  }
  const auto at = std::find(texts.begin(), texts.end(), "补充说明。");
  ASSERT_NE(at, texts.end());
  EXPECT_EQ(*(at - 1), "十一、");
  EXPECT_EQ(*(at + 1), "、");
  EXPECT_EQ(*(at + 2), "没有编号也没有标题。");
  EXPECT_EQ(*(at + 3), "（九）");
  EXPECT_EQ(*(at + 4), "子节。");
}

TEST(ComposeCharts, DataFromTheTablesAndMissingChartsLeftOut) {
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const RenderDocument doc = ComposeAsReported(LoadPackage("lingling-kexie-2024-corrected.json"),
                                               rb, LoadForm("lingling-2024"));
  ASSERT_EQ(doc.charts.size(), 3u);
  const Chart& yoy = doc.charts[1];
  EXPECT_EQ(yoy.id, "year_on_year");
  ASSERT_EQ(yoy.categories.size(), 5u);
  EXPECT_EQ(yoy.categories[1], "人员经费");
  EXPECT_EQ(yoy.series[0].name, "2023年决算数");
  EXPECT_EQ(yoy.series[0].values[1].ToString(), "94.32");  // 118.84 − 24.52
  EXPECT_EQ(yoy.series[1].values[1].ToString(), "88.18");  // 124.88 − 36.70
  const Chart& scores = doc.charts[2];
  EXPECT_EQ(scores.kind, Chart::Kind::kHorizontalBars);
  EXPECT_EQ(scores.categories,
            (std::vector<std::string>{"重点工作任务完成", "履职目标实现", "履职效益", "满意度"}));
  EXPECT_EQ(scores.series[0].values[0].ToString(), "30");

  Package p = LoadPackage("lingling-kexie-2024-corrected.json");
  p.evaluation.funds = Funds{};
  p.basic_data.expenses.clear();
  const RenderDocument fewer = ComposeAsReported(p, rb, LoadForm("lingling-2024"));
  ASSERT_EQ(fewer.charts.size(), 1u);
  EXPECT_EQ(fewer.charts[0].id, "scores");
}

// ---------------------------------------------------------------------------------------
// Read back by our importer: the composed tables and report as a flat document (the tables
// first, then the cover and the report, the order the recognizer reads the seed in).

FlatDocument Flatten(const RenderDocument& doc) {
  FlatDocument flat;
  flat.file = "composed";
  flat.format = "text";
  int index = 0;
  const auto paragraph = [&](const std::string& text) {
    FlatBlock b;
    b.kind = FlatBlock::Kind::kParagraph;
    b.paragraph.text = text;
    flat.blocks.push_back(std::move(b));
  };
  for (const RenderTable& t : doc.tables) {
    paragraph(t.title);
    FlatBlock b;
    b.kind = FlatBlock::Kind::kTable;
    b.table.index = ++index;
    for (const TableRow& row : t.rows) {
      FlatRow flat_row;
      for (size_t c = 0; c < row.cells.size(); ++c) {
        FlatCell cell;
        cell.text = row.cells[c].text;
        cell.column = static_cast<int>(c);
        cell.row_span = row.cells[c].row_span;
        cell.column_span = row.cells[c].column_span;
        cell.covered = row.cells[c].covered;
        flat_row.cells.push_back(std::move(cell));
      }
      b.table.rows.push_back(std::move(flat_row));
    }
    flat.blocks.push_back(std::move(b));
  }
  for (const std::string& line : doc.cover.title_lines) paragraph(line);
  for (const std::string& line : doc.cover.details) paragraph(line);
  for (const Block& b : doc.body) {
    if (b.kind == Block::Kind::kHeading || b.kind == Block::Kind::kParagraph) paragraph(b.text);
  }
  return flat;
}

class ComposeReadBack : public ::testing::TestWithParam<const char*> {};

TEST_P(ComposeReadBack, OurImporterReadsTheSamePackage) {
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const Package reported = LoadPackage(GetParam());
  // As reported, and as prepared (derived figures filled, numeric prose generated).
  for (Package p : {reported, PrepareForRender(reported, rb).package}) {
    p.evaluation.grade = "优";  // on a row of its own, read back from there
    const RenderDocument doc = ComposeAsReported(p, rb, LoadForm("lingling-2024"));
    // The Lingling form prints no 二级 weights (they are the sums of their leaves), so the
    // weights PrepareForRender fills in there are not read back.
    for (Indicator& top : p.evaluation.indicators) {
      for (Indicator& group : top.children) {
        if (!group.is_leaf()) group.weight = Cell::Blank();
      }
    }
    const ImportResult imported = Recognize(Flatten(doc), "hunan-lingling");
    for (const Diagnostic& note : imported.notes) {
      ADD_FAILURE() << note.code << " " << note.message_zh;
    }
    testing::ExpectSameFigures(p, imported.package, /*exact_scale=*/true);
    testing::ExpectSameReport(p, imported.package, /*texts=*/true);
    EXPECT_EQ(imported.package.evaluation.goals.achieved, p.evaluation.goals.achieved);
    EXPECT_EQ(imported.package.evaluation.grade, p.evaluation.grade);
    ASSERT_EQ(imported.package.evaluation.goals.planned.size(), p.evaluation.goals.planned.size());
    for (size_t i = 0; i < p.evaluation.goals.planned.size(); ++i) {
      EXPECT_EQ(imported.package.evaluation.goals.planned[i].number,
                p.evaluation.goals.planned[i].number);
      EXPECT_EQ(imported.package.evaluation.goals.planned[i].text,
                p.evaluation.goals.planned[i].text);
    }
    EXPECT_EQ(imported.package.basic_data.notes, p.basic_data.notes);
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, ComposeReadBack,
                         ::testing::Values("lingling-kexie-2024-corrected.json",
                                           "lingling-kexie-2024.json"));

}  // namespace
}  // namespace jixiao
