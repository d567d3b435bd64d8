// Field-by-field comparison of two packages' figures and structure (prose aside), for tests
// that import the same package from different documents.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "model/package.h"
#include "model/walk.h"

namespace jixiao::testing {

// `exact_scale`: figures must also keep their written decimals ("127.10"); Excel stores
// numbers without them, so workbook imports compare values only.
inline void ExpectSameFigures(const Package& a, const Package& b, bool exact_scale) {
  const auto same = [&](const Cell& x, const Cell& y, const std::string& where) {
    EXPECT_EQ(x.kind, y.kind) << where;
    EXPECT_TRUE(exact_scale ? x.value.Identical(y.value) : x.value == y.value)
        << where << ": " << x.Display() << " vs " << y.Display();
    EXPECT_EQ(x.percent, y.percent) << where;
  };
  EXPECT_EQ(a.fiscal_year, b.fiscal_year);
  EXPECT_EQ(a.rulebook, b.rulebook);
  const Staffing& sa = a.basic_data.staffing;
  const Staffing& sb = b.basic_data.staffing;
  same(sa.authorized, sb.authorized, "authorized");
  same(sa.on_payroll, sb.on_payroll, "on_payroll");
  same(sa.control_rate, sb.control_rate, "control_rate");
  same(sa.retired, sb.retired, "retired");
  same(sa.total_actual, sb.total_actual, "total_actual");
  std::vector<const ExpenseRow*> ra, rb;
  ForEachExpenseRow(a.basic_data.expenses, [&](const ExpenseVisit& v) { ra.push_back(v.row); });
  ForEachExpenseRow(b.basic_data.expenses, [&](const ExpenseVisit& v) { rb.push_back(v.row); });
  ASSERT_EQ(ra.size(), rb.size());
  for (size_t i = 0; i < ra.size(); ++i) {
    EXPECT_EQ(ra[i]->key, rb[i]->key);
    EXPECT_EQ(ra[i]->label, rb[i]->label);
    EXPECT_EQ(ra[i]->children_are, rb[i]->children_are) << ra[i]->label;
    EXPECT_EQ(ra[i]->children.size(), rb[i]->children.size()) << ra[i]->label;
    for (int c = 0; c < 3; ++c) same(ra[i]->values[c], rb[i]->values[c], ra[i]->label);
  }
  ASSERT_EQ(a.basic_data.buildings.size(), b.basic_data.buildings.size());
  const Funds& fa = a.evaluation.funds;
  const Funds& fb = b.evaluation.funds;
  for (const auto& [name, cell] : std::initializer_list<std::pair<const char*, Cell Funds::*>>{
           {"initial_budget", &Funds::initial_budget},
           {"full_year_budget", &Funds::full_year_budget},
           {"executed", &Funds::executed},
           {"weight", &Funds::weight},
           {"execution_rate", &Funds::execution_rate},
           {"score", &Funds::score},
           {"general_public", &Funds::general_public},
           {"government_fund", &Funds::government_fund},
           {"special_account", &Funds::special_account},
           {"other_funds", &Funds::other_funds},
           {"basic", &Funds::basic},
           {"project", &Funds::project}}) {
    same(fa.*cell, fb.*cell, name);
  }
  // The rows under 年度资金总额 and the form's 得分计算方法.
  EXPECT_EQ(fa.method, fb.method);
  EXPECT_EQ(fa.rows.size(), fb.rows.size());
  for (size_t i = 0; i < fa.rows.size() && i < fb.rows.size(); ++i) {
    const FundsRow& x = fa.rows[i];
    const FundsRow& y = fb.rows[i];
    EXPECT_EQ(x.key, y.key) << "funds row " << i;
    EXPECT_EQ(x.label, y.label) << "funds row " << i;
    for (const auto& [name, cell] : std::initializer_list<std::pair<const char*, Cell FundsRow::*>>{
             {"initial_budget", &FundsRow::initial_budget},
             {"full_year_budget", &FundsRow::full_year_budget},
             {"executed", &FundsRow::executed},
             {"weight", &FundsRow::weight},
             {"execution_rate", &FundsRow::execution_rate},
             {"score", &FundsRow::score}}) {
      same(x.*cell, y.*cell, x.label + " " + name);
    }
  }
  EXPECT_EQ(a.evaluation.unit_name, b.evaluation.unit_name);
  ASSERT_EQ(a.evaluation.goals.planned.size(), b.evaluation.goals.planned.size());
  std::vector<IndicatorVisit> ia, ib;
  std::vector<std::string> pa, pb;
  ForEachIndicator(a.evaluation.indicators, [&](const IndicatorVisit& v) {
    pa.push_back(v.path());
    ia.push_back(v);
  });
  ForEachIndicator(b.evaluation.indicators, [&](const IndicatorVisit& v) {
    pb.push_back(v.path());
    ib.push_back(v);
  });
  EXPECT_EQ(pa, pb);
  ASSERT_EQ(ia.size(), ib.size());
  for (size_t i = 0; i < ia.size(); ++i) {
    const Indicator& x = *ia[i].node;
    const Indicator& y = *ib[i].node;
    EXPECT_EQ(KindOf(x), KindOf(y)) << pa[i];
    same(x.weight, y.weight, pa[i] + " weight");
    same(x.score, y.score, pa[i] + " score");
    EXPECT_EQ(x.target, y.target) << pa[i];
    EXPECT_EQ(x.actual, y.actual) << pa[i];
  }
  same(a.evaluation.total_weight, b.evaluation.total_weight, "total_weight");
  same(a.evaluation.total_score, b.evaluation.total_score, "total_score");
}

// The report: cover, section numbers, titles and subsections; with `texts`, every section's
// text exactly.
inline void ExpectSameReport(const Package& a, const Package& b, bool texts) {
  EXPECT_EQ(a.report.cover.unit, b.report.cover.unit);
  EXPECT_EQ(a.report.cover.date, b.report.cover.date);
  EXPECT_EQ(a.report.cover.title, b.report.cover.title);
  ASSERT_EQ(a.report.sections.size(), b.report.sections.size());
  for (size_t i = 0; i < a.report.sections.size(); ++i) {
    const ReportSection& x = a.report.sections[i];
    const ReportSection& y = b.report.sections[i];
    EXPECT_EQ(x.number, y.number);
    EXPECT_EQ(x.title, y.title);
    ASSERT_EQ(x.subsections.size(), y.subsections.size()) << x.title;
    if (texts) {
      EXPECT_EQ(x.text, y.text) << x.title;
    }
    for (size_t k = 0; k < x.subsections.size(); ++k) {
      EXPECT_EQ(x.subsections[k].title, y.subsections[k].title);
      if (texts) {
        EXPECT_EQ(x.subsections[k].text, y.subsections[k].text) << x.subsections[k].title;
      }
    }
  }
}

// What a workbook rendered from `prepared` (render/xlsx_writer.h) can give back: a workbook
// carries no report, and 退休 and 实有 live in the report's prose; the form prints a group's
// 分值 only on 一级 cells ("产出指标（50分）"), so the weights PrepareForRender fills in for
// deeper groups (重点工作任务完成 30) have no cell to come back from.
inline Package WorkbookPart(Package prepared) {
  prepared.report = Report{};
  prepared.basic_data.staffing.retired = Cell::Blank();
  prepared.basic_data.staffing.total_actual = Cell::Blank();
  const std::function<void(std::vector<Indicator>&)> blank_group_weights =
      [&](std::vector<Indicator>& nodes) {
        for (Indicator& node : nodes) {
          if (node.is_leaf()) continue;
          node.weight = Cell::Blank();
          blank_group_weights(node.children);
        }
      };
  for (Indicator& top : prepared.evaluation.indicators) blank_group_weights(top.children);
  return prepared;
}

}  // namespace jixiao::testing
