// The printed names of the forms' documents, tables and columns, in Chinese (as the official
// forms word them) and English, keyed by the stable keys that diagnostics and JSON use.
#pragma once

#include <string>
#include <string_view>

#include "model/package.h"

namespace jixiao {

// "basic_data" → "附件1 基础数据表" / "basic data table"; unknown keys are returned as given.
std::string DocumentName(std::string_view key, bool zh);
// "expenses" → "经费控制情况" / "expense control"
std::string TableName(std::string_view key, bool zh);
// "final" → "2024年决算数" / "2024 final accounts"; year-dependent columns use fiscal_year.
std::string ColumnName(std::string_view key, int fiscal_year, bool zh);

// The printed place of the value at a JSON pointer into `package`, from the document down to the
// column: "/evaluation/funds/execution_rate" → "部门整体支出绩效自评表 › 年度资金 › 执行率";
// "/report/sections/0/subsections/1/text" → "自评报告 › 一、基本情况 › （二）部门整体支出情况".
// Rows and indicators are named by their labels as printed. A pointer that leads nowhere in the
// package is returned as given.
std::string PlaceOfPointer(const Package& package, std::string_view pointer, bool zh);

}  // namespace jixiao
