// Preparing a package for rendering: the derived figures of DOMAIN.md §2–§3 computed into a
// copy of the package (each printed with the rulebook's decimals and rounding), the blank
// subtotal rows of 经费控制情况 filled, and the report's numeric sentences generated
// (render/prose.h). Reported inputs are never touched: only derived cells and blank subtotals
// are set, and every one of them is listed in computed_pointers.
#include "render/prepare.h"

#include <fmt/format.h>

#include <functional>

#include "compute/figure.h"
#include "compute/scoring.h"
#include "model/walk.h"
#include "render/prose.h"

namespace jixiao {
namespace {

std::optional<Decimal> Number(const Cell& cell) {
  if (!cell.has_number() || !cell.value.valid()) return std::nullopt;
  return cell.value;
}

class Preparer {
 public:
  Preparer(const Rulebook& rb, PreparedPackage* out) : rb_(rb), out_(out), p_(out->package) {}

  void Run() {
    Staffing();
    Expenses();
    Buildings();
    Execution();
    Indicators();
    Totals();
    Prose();
  }

 private:
  // A derived figure the unit wrote with the same value as the computed one keeps the way it
  // was written ("87.5%" for 87.50, "99.8" for 99.80, "10" for 10.00), as the official forms
  // print them; a blank or different one is replaced by the computed figure at the rulebook's
  // decimals. Either way the figure is the computed one.
  void Set(Cell* cell, Cell value, std::string pointer) {
    const bool same = cell->has_number() && value.has_number() && cell->value == value.value &&
                      cell->percent == value.percent;
    if (!same) *cell = value;
    out_->computed_pointers.push_back(std::move(pointer));
  }

  // A percent cell with the rulebook's rate decimals.
  Cell Rate(const Decimal& percent) const {
    return Cell::Number(percent.Rounded(rb_.rate_decimals, rb_.rate_rounding), true);
  }

  // 控制率 = 在职 ÷ 编制 (counts: exact).
  void Staffing() {
    auto& s = p_.basic_data.staffing;
    const auto on_payroll = ExactFigureOf(s.on_payroll);
    const auto authorized = ExactFigureOf(s.authorized);
    if (!on_payroll || !authorized) return;
    if (const auto rate = PercentOf(*on_payroll, *authorized)) {
      Set(&s.control_rate, Rate(rate->value), "/basic_data/staffing/control_rate");
    }
  }

  // Blank subtotal cells: total rows (三公, 公务用车, 项目支出小计 …) from their children, then
  // 一、部门基本支出 and 二、项目支出小计 from the 自评表's split of the year's money.
  void Expenses() {
    FillTotals(&p_.basic_data.expenses, "/basic_data/expenses");
    FillFromFunds();
  }

  void FillTotals(std::vector<ExpenseRow>* rows, const std::string& base) {
    for (size_t i = 0; i < rows->size(); ++i) {
      ExpenseRow& row = (*rows)[i];
      const std::string pointer = fmt::format("{}/{}", base, i);
      FillTotals(&row.children, pointer + "/children");  // children first: nested totals
      if (row.children_are != ChildRelation::kTotal) continue;
      for (ExpenseColumn c : kExpenseColumns) {
        if (!row.at(c).blank()) continue;
        std::optional<Decimal> sum;
        for (const ExpenseRow& child : row.children) {
          if (const auto v = Number(child.at(c))) sum = sum ? *sum + *v : *v;
        }
        if (sum) Set(&row.at(c), Cell::Number(*sum), Pointer(pointer, c));
      }
    }
  }

  static std::string Pointer(const std::string& row, ExpenseColumn c) {
    return fmt::format("{}/values/{}", row, ExpenseColumnKey(c));
  }

  // The first row with `key`, and its pointer.
  std::pair<ExpenseRow*, std::string> Find(std::string_view key) {
    std::pair<ExpenseRow*, std::string> found{nullptr, ""};
    std::function<void(std::vector<ExpenseRow>*, const std::string&)> walk =
        [&](std::vector<ExpenseRow>* rows, const std::string& base) {
          for (size_t i = 0; i < rows->size() && found.first == nullptr; ++i) {
            const std::string pointer = fmt::format("{}/{}", base, i);
            if ((*rows)[i].key == key) {
              found = {&(*rows)[i], pointer};
              return;
            }
            walk(&(*rows)[i].children, pointer + "/children");
          }
        };
    walk(&p_.basic_data.expenses, "/basic_data/expenses");
    return found;
  }

  // The 自评表 splits the year's money 按支出性质 into 基本支出 and 项目支出. When the split
  // adds up to the 全年执行数 it is the final accounts' split; when it adds up to the 全年预算数
  // it is the budget's. The table's 本年决算 column of 一、部门基本支出 and 二、项目支出小计 is
  // then filled from it (a missing half is the total less the other half), and in any case one
  // of the two from the other (全年执行数 = 基本支出 + 项目支出). The budget column is filled only
  // from a budget split: the table's 本年预算数 may be the initial budget, so the identity is
  // not assumed there. The prior-year column of 一、部门基本支出 has no source and stays blank.
  void FillFromFunds() {
    const Funds& f = p_.evaluation.funds;
    const std::pair<ExpenseRow*, std::string> basic_row = Find("basic");
    const std::pair<ExpenseRow*, std::string> projects_row = Find("projects");
    ExpenseRow* basic = basic_row.first;
    ExpenseRow* projects = projects_row.first;
    const std::string& basic_ptr = basic_row.second;
    const std::string& projects_ptr = projects_row.second;
    const auto fb = Number(f.basic);
    const auto fp = Number(f.project);
    std::optional<Decimal> split;
    if (fb || fp) split = fb.value_or(Decimal()) + fp.value_or(Decimal());
    const auto executed = Number(f.executed);
    const auto budget = Number(f.full_year_budget);
    const bool of_executed = split && executed && *split == *executed;
    const bool of_budget = split && budget && *split == *budget && !of_executed;

    const auto fill = [&](ExpenseRow* row, const std::string& pointer, ExpenseColumn c,
                          std::optional<Decimal> value) {
      if (row == nullptr || !value || !row->at(c).blank() || value->sign() < 0) return;
      Set(&row->at(c), Cell::Number(*value), Pointer(pointer, c));
    };
    const auto from_split = [&](ExpenseColumn c, const Decimal& whole) {
      fill(basic, basic_ptr, c, fb ? fb : std::optional<Decimal>(whole - *fp));
      fill(projects, projects_ptr, c, fp ? fp : std::optional<Decimal>(whole - *fb));
    };
    if (of_executed) from_split(ExpenseColumn::kFinal, *executed);
    if (of_budget) from_split(ExpenseColumn::kBudget, *budget);
    if (executed && basic != nullptr && projects != nullptr) {
      const auto b = Number(basic->at(ExpenseColumn::kFinal));
      const auto pr = Number(projects->at(ExpenseColumn::kFinal));
      if (b && !pr) fill(projects, projects_ptr, ExpenseColumn::kFinal, *executed - *b);
      if (pr && !b) fill(basic, basic_ptr, ExpenseColumn::kFinal, *executed - *pr);
    }
  }

  // 规模控制率 = 实际 ÷ 批复, 投资概算控制率 = 实际 ÷ 预算.
  void Buildings() {
    auto& buildings = p_.basic_data.buildings;
    for (size_t i = 0; i < buildings.size(); ++i) {
      Building& b = buildings[i];
      const std::string base = fmt::format("/basic_data/buildings/{}/", i);
      const auto rate = [&](const Cell& num, const Cell& den, Cell* out, const char* key) {
        const auto a = FigureOf(num);
        const auto d = FigureOf(den);
        if (!a || !d) return;
        if (const auto r = PercentOf(*a, *d)) Set(out, Rate(r->value), base + key);
      };
      rate(b.actual_area, b.approved_area, &b.area_control_rate, "area_control_rate");
      rate(b.actual_investment, b.budget_investment, &b.investment_control_rate,
           "investment_control_rate");
    }
  }

  // 执行率 (percent sign as the unit wrote it) and 执行率得分.
  void Execution() {
    Funds& f = p_.evaluation.funds;
    FillExecution(ScoreExecution(f, rb_), "/evaluation/funds/", &f.execution_rate, &f.score);
    // Each row under the total has its own rate and score (under the form's method).
    const FundsMethod method = ReadFundsMethod(f.method);
    for (size_t i = 0; i < f.rows.size(); ++i) {
      FundsRow& row = f.rows[i];
      FillExecution(ScoreFundsRow(row, method, rb_), fmt::format("/evaluation/funds/rows/{}/", i),
                    &row.execution_rate, &row.score);
    }
  }

  // A rate cell the form does not have (not applicable, 贵州) stays so; a row not scored ("/"
  // in its 分值) keeps its 得分 cell.
  void FillExecution(const ExecutionResult& ex, const std::string& base, Cell* rate_cell,
                     Cell* score_cell) {
    if (ex.rate && rate_cell->kind != Cell::Kind::kNotApplicable) {
      Cell rate = Rate(ex.rate->value);
      if (rate_cell->has_number()) rate.percent = rate_cell->percent;
      Set(rate_cell, rate, base + "execution_rate");
    }
    if (ex.score) Set(score_cell, Cell::Number(*ex.score), base + "score");
  }

  // Leaf scores (scored leaves as ScorePackage takes them), then blank group weights.
  void Indicators() { WalkIndicators(&p_.evaluation.indicators, "/evaluation/indicators", 1); }

  // Returns the node's 分值: as given, else the sum of its children's. Only a 一级 group's
  // blank 分值 is filled in, because only it is printed ("产出指标（50分）"); a deeper group's
  // sum is used for its parent and not written.
  std::optional<Decimal> WalkIndicators(std::vector<Indicator>* nodes, const std::string& base,
                                        int depth) {
    std::optional<Decimal> total;
    for (size_t i = 0; i < nodes->size(); ++i) {
      Indicator& node = (*nodes)[i];
      const std::string pointer = fmt::format("{}/{}", base, i);
      std::optional<Decimal> weight;
      if (node.is_leaf()) {
        if (!IsEmptyIndicator(node)) ScoreLeafCell(&node, pointer);
        weight = Number(node.weight);
      } else {
        groups_.push_back(node.name);
        const std::optional<Decimal> sum =
            WalkIndicators(&node.children, pointer + "/children", depth + 1);
        groups_.pop_back();
        weight = Number(node.weight);
        if (!weight && sum) {
          weight = sum;
          // A weight written as a range ("≥60") stays a range.
          if (depth == 1 && node.weight_min.blank()) {
            Set(&node.weight, Cell::Number(*sum), pointer + "/weight");
          }
        }
      }
      if (weight) total = total ? *total + *weight : *weight;
    }
    return total;
  }

  // A quantitative leaf gets its computed score; a qualitative one keeps the unit's score when
  // it lies inside the band of the level reached, else the band's top; a leaf that cannot be
  // assessed keeps whatever the unit wrote (its problem is for the checks to report).
  void ScoreLeafCell(Indicator* leaf, const std::string& pointer) {
    const LeafScore s = ScoreLeaf(*leaf, rb_, LeafContext{p_.fiscal_year, groups_});
    const int decimals = rb_.score_decimals;
    std::optional<Decimal> score;
    switch (s.method) {
      case ScoreMethod::kNotAssessable:
        return;
      case ScoreMethod::kQualitative:
      case ScoreMethod::kDeadline: {  // a band (a late date) or a point (on time)
        const Decimal& lo = s.computed.lo();
        const Decimal& hi = s.computed.hi();
        const Decimal top = hi.Rounded(decimals, Rounding::kFloor);
        if (const auto reported = Number(leaf->score);
            reported && lo <= *reported && *reported <= hi) {
          score = reported->Rounded(decimals, rb_.score_rounding);
          if (*score < lo || *score > hi) score = top;
        } else {
          score = top;
        }
        break;
      }
      default:
        score = s.point;
        break;
    }
    if (score) Set(&leaf->score, Cell::Number(*score), pointer + "/score");
  }

  // 总分 = 执行率得分 + Σ leaf scores as they now stand; 等级 from it; 总分's 分值 when blank.
  void Totals() {
    Evaluation& ev = p_.evaluation;
    std::optional<Decimal> total = Number(ev.funds.score);
    ForEachIndicator(ev.indicators, [&](const IndicatorVisit& v) {
      if (!v.node->is_leaf()) return;
      if (const auto s = Number(v.node->score)) total = total ? *total + *s : *s;
    });
    if (total) {
      const Decimal rounded = total->Rounded(rb_.score_decimals, rb_.score_rounding);
      Set(&ev.total_score, Cell::Number(rounded), "/evaluation/total_score");
      const std::string grade = GradeOf(rb_, rounded);
      if (!grade.empty()) {
        ev.grade = grade;
        out_->computed_pointers.push_back("/evaluation/grade");
      }
    }
    if (ev.total_weight.blank()) {
      std::optional<Decimal> sum = Number(ev.funds.weight);
      for (const Indicator& top : ev.indicators) {
        const auto w = Number(top.weight);
        sum = sum && w ? std::optional<Decimal>(*sum + *w) : std::nullopt;
      }
      if (sum) Set(&ev.total_weight, Cell::Number(*sum), "/evaluation/total_weight");
    }
  }

  // The generated paragraphs, from the figures as now filled in.
  void Prose() {
    const std::vector<ProseParagraph> paragraphs = WriteProse(CollectProseFigures(p_), rb_);
    SplicedReport spliced = SpliceProse(p_.report, p_.fiscal_year, paragraphs);
    p_.report = std::move(spliced.report);
    out_->generated_sections = std::move(spliced.generated_sections);
  }

  const Rulebook& rb_;
  PreparedPackage* out_;
  Package& p_;
  std::vector<std::string> groups_;  // names of the groups above the node being walked
};

}  // namespace

PreparedPackage PrepareForRender(const Package& reported, const Rulebook& rulebook) {
  PreparedPackage out;
  out.package = reported;
  Preparer(rulebook, &out).Run();
  return out;
}

}  // namespace jixiao
