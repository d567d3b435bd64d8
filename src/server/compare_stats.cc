// Distributions, outliers and histograms for the comparison pages (see compare.h).
#include <fmt/format.h>

#include <algorithm>

#include "server/compare.h"

namespace jixiao::server {
namespace {

std::string Printed(const Decimal& d) { return d.Rounded(2).Normalized().ToString(); }

}  // namespace

std::optional<Quartiles> QuartilesOf(std::vector<Decimal> values) {
  if (values.size() < 4) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  // The k-th quartile sits at position k·(n − 1)/4: an index and a fraction of 0, ¼, ½ or ¾.
  auto at = [&](size_t k) {
    const size_t whole = k * (n - 1) / 4;
    const int quarters = static_cast<int>(k * (n - 1) % 4);
    Decimal v = values[whole];
    if (quarters > 0) {
      const Decimal fraction = Decimal::FromUnits(quarters * 25, 2);
      v = v + (values[whole + 1] - v) * fraction;
    }
    return v.Rounded(6).Normalized();
  };
  Quartiles q;
  q.q1 = at(1);
  q.median = at(2);
  q.q3 = at(3);
  const Decimal reach = (q.q3 - q.q1) * Decimal::FromUnits(15, 1);
  q.low = (q.q1 - reach).Normalized();
  q.high = (q.q3 + reach).Normalized();
  return q;
}

std::string OutlierReason(const Decimal& value, const Quartiles& q) {
  const Decimal iqr = q.q3 - q.q1;
  if (value < q.low) {
    return fmt::format("低于下限 {}（下四分位数 {} − 1.5 × 四分位距 {}）", Printed(q.low),
                       Printed(q.q1), Printed(iqr));
  }
  if (value > q.high) {
    return fmt::format("高于上限 {}（上四分位数 {} + 1.5 × 四分位距 {}）", Printed(q.high),
                       Printed(q.q3), Printed(iqr));
  }
  return "";
}

Chart Histogram(const std::string& id, const std::string& title, const std::string& unit,
                const std::vector<Decimal>& values, const std::vector<int>& edges) {
  Chart c;
  c.kind = Chart::Kind::kGroupedBars;
  c.id = id;
  c.title = title;
  c.unit = "个";
  std::vector<int64_t> counts(edges.size() + 1, 0);  // below, the buckets, above
  for (const Decimal& v : values) {
    if (v < Decimal::FromInt(edges.front())) {
      ++counts[0];
      continue;
    }
    if (v > Decimal::FromInt(edges.back())) {
      ++counts[edges.size()];
      continue;
    }
    size_t b = 1;
    while (b + 1 < edges.size() && v >= Decimal::FromInt(edges[b])) ++b;
    ++counts[b];
  }
  Chart::Series s;
  s.name = "单位数";
  auto add = [&](std::string label, int64_t n) {
    c.categories.push_back(std::move(label));
    s.values.push_back(Decimal::FromInt(n));
  };
  if (counts[0] > 0) add(fmt::format("<{}{}", edges.front(), unit), counts[0]);
  for (size_t b = 1; b < edges.size(); ++b) {
    add(fmt::format("{}–{}{}", edges[b - 1], edges[b], unit), counts[b]);
  }
  if (counts[edges.size()] > 0) add(fmt::format(">{}{}", edges.back(), unit), counts[edges.size()]);
  c.series.push_back(std::move(s));
  return c;
}

}  // namespace jixiao::server
