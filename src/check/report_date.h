// The report's date as the checks read it (C508): "2025年7月10日", "2025-07-10", "2025.7.10",
// "二〇二五年七月十日", "2025年7月", with an optional label ("报告日期："). Strict: what does not
// read as a date is nullopt, never a guess. Used by `review` to compare a report's date with the
// bureau's deadline.
#pragma once

#include <optional>
#include <string_view>

namespace jixiao {

struct ReportDate {
  int year = 0;
  int month = 0;
  int day = 0;  // 0 when the date gives only year and month
};
std::optional<ReportDate> ReadReportDate(std::string_view written);

}  // namespace jixiao
