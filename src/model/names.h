// The printed names of the forms' documents, tables and columns, in Chinese (as the official
// forms word them) and English, keyed by the stable keys that diagnostics and JSON use.
#pragma once

#include <string>
#include <string_view>

namespace jixiao {

// "basic_data" → "附件1 基础数据表" / "basic data table"; unknown keys are returned as given.
std::string DocumentName(std::string_view key, bool zh);
// "expenses" → "经费控制情况" / "expense control"
std::string TableName(std::string_view key, bool zh);
// "final" → "2024年决算数" / "2024 final accounts"; year-dependent columns use fiscal_year.
std::string ColumnName(std::string_view key, int fiscal_year, bool zh);

}  // namespace jixiao
