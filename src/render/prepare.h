// Preparing a package for rendering: a copy of the package in which every derived figure is
// the computed one and the numeric sentences of the report are generated from the figures, so
// that the documents jixiao writes are right by construction (no figure typed twice).
//
// What is filled in (each printed with the rulebook's decimals and rounding):
//   - 基础数据表: 控制率; blank subtotal rows (一、部门基本支出, 二、项目支出小计, 三公经费, 公务用车)
//     from their children where the children are given; building control rates;
//   - 自评表: 执行率, 执行率得分, leaf scores that the rulebook can compute from target and actual
//     (a qualitative leaf keeps the unit's self-score when it lies inside its band, else the
//     band's top), group weights, 总分 and 等级;
//   - report: the generated paragraphs of render/prose.h replace the figure-bearing paragraphs
//     of the sections they cover; the unit's own prose (functions, achievements, problems,
//     measures, reasons) is kept as written.
// Reported figures that are not derived (budgets, spending, staff counts, actuals) are never
// changed. Pure function of its inputs; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "model/package.h"
#include "rules/rulebook.h"

namespace jixiao {

struct PreparedPackage {
  Package package;  // ready to lay out
  // JSON pointers of the values that were filled in or replaced ("/evaluation/funds/score"),
  // and the report sections whose figures were generated ("/report/sections/1/text").
  std::vector<std::string> computed_pointers;
  std::vector<std::string> generated_sections;
};

PreparedPackage PrepareForRender(const Package& reported, const Rulebook& rulebook);

}  // namespace jixiao
