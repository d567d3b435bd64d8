// Comparisons for the bureau's side: a distribution of exact decimals (quartiles, the outliers
// beyond 1.5 × the interquartile range, each with the reason in words) and the histogram charts
// of a year's totals and execution rates. The pages that use them are in compare.cc; nothing
// here sums unlike figures (an indicator is only ever compared with the same indicator).
//
// Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "render/document.h"

namespace jixiao::server {

struct Quartiles {
  Decimal q1, median, q3;
  Decimal low, high;  // the fences: q1 − 1.5·IQR and q3 + 1.5·IQR
};

// Quartiles by linear interpolation between closest ranks (the method spreadsheets call
// QUARTILE.INC), exact to 6 decimals; nullopt with fewer than 4 values.
std::optional<Quartiles> QuartilesOf(std::vector<Decimal> values);

// Why `value` is an outlier ("低于下限 80.1（Q1 85.3 − 1.5 × 四分位距 3.5）"), or "" if it is not.
std::string OutlierReason(const Decimal& value, const Quartiles& q);

// A histogram: how many values fall into each of the buckets [edges[i], edges[i+1]) — the last
// bucket includes its upper edge, values below the first edge count in a "<first" bucket and
// above the last in a ">last" bucket (shown only when not empty).
Chart Histogram(const std::string& id, const std::string& title, const std::string& unit,
                const std::vector<Decimal>& values, const std::vector<int>& edges);

}  // namespace jixiao::server
