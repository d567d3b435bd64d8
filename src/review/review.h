// The finance bureau's review of many packages at once (`jixiao review`, and later the
// server's dashboard): each package checked and scored, its risk explained as a sum of named
// signals with their evidence (weights and thresholds from the rulebook's [risk]), the
// packages ranked by that risk, and a reproducible 抽评 sample drawn in two parts — the riskiest
// and a seeded random draw from the rest — each entry with its reason. docs/review.md is the
// specification; this module holds no file or terminal code (the CLI does), so the server
// can use the same functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "base/status.h"
#include "check/diagnostic.h"
#include "check/report_date.h"
#include "compute/scoring.h"
#include "model/package.h"
#include "rules/rulebook.h"

namespace jixiao {

// One reason a package is risky: what it adds to the risk, and the evidence in words.
struct RiskSignal {
  std::string key;      // "check_errors", "execution_low", … (docs/review.md)
  std::string name_zh;  // 检查发现的错误
  std::string name_en;  // errors found by check
  Decimal weight;       // added to the risk
  std::string evidence_zh;
  std::string evidence_en;
};

// The names of the signals, in the order they are reported.
const std::vector<std::string>& RiskSignalKeys();

// A package as the review sees it.
struct ReviewedPackage {
  std::string file;   // as given on the command line (or the server's package id)
  std::string error;  // why it could not be read; nothing else is filled then
  std::string unit_name;
  int fiscal_year = 0;
  std::string rulebook;
  std::string total;           // the recomputed 总分 ("99.8"; "" when it cannot be scored)
  std::string grade;           // of that total
  std::string execution_rate;  // the recomputed 执行率 in percent, the rulebook's decimals
  std::array<int64_t, 4> findings{};  // errors, inconsistencies, warnings, notes
  std::vector<RiskSignal> signals;
  Decimal risk;  // the sum of the signals' weights
  // What the year-over-year comparison needs (AddYearOverYear).
  RiskRules rules;
  std::optional<Decimal> total_value;
  std::optional<Decimal> executed;

  bool readable() const { return error.empty(); }
};

// What the review knows beside the package.
struct ReviewOptions {
  std::optional<ReportDate> deadline;  // reports dated after it are late
};

// Checks' findings and the score sheet are the caller's (so a batch can reuse its rulebooks).
ReviewedPackage ReviewPackage(const Package& package, const Rulebook& rulebook,
                              const ScoreSheet& sheet, const std::vector<Diagnostic>& diagnostics,
                              const ReviewOptions& options);

// Adds the year_jump signal to every package whose unit also has a package of the year before
// among `packages` (the same unit name), and sums the risks again.
void AddYearOverYear(std::vector<ReviewedPackage>* packages);

// The indices of the readable packages, riskiest first (then more errors and inconsistencies,
// then by file name), followed by the unreadable ones in file order.
std::vector<size_t> RankByRisk(const std::vector<ReviewedPackage>& packages);

// The 抽评 sample: `risk_part` entries from the top of the ranking (packages with a risk above
// 0 only), then `size − risk_part` drawn at random from the readable packages not yet in it.
// The draw is SplitMix64 seeded with `seed` and a Fisher–Yates draw over the remaining packages
// in ranking order (docs/review.md), so the same packages, ranking and seed give the same
// sample on every machine.
struct SampleEntry {
  size_t index = 0;  // into the packages
  bool by_risk = false;
  std::string reason_zh;
  std::string reason_en;
};
struct Sample {
  uint64_t seed = 0;
  size_t requested = 0;
  size_t risk_part = 0;
  std::vector<SampleEntry> entries;
};
// `risk_share_percent` of the sample (rounded up) comes from the ranking; 50 by default.
Sample DrawSample(const std::vector<ReviewedPackage>& packages, const std::vector<size_t>& ranking,
                  size_t size, uint64_t seed, int risk_share_percent = 50);

// The dashboard as CSV (UTF-8 with a byte-order mark, so that Excel and WPS read the Chinese;
// RFC 4180 quoting), one row per package in ranking order.
std::string ReviewCsv(const std::vector<ReviewedPackage>& packages,
                      const std::vector<size_t>& ranking, const Sample* sample);

// The dashboard as a workbook: 汇总 (one row per package, ranked), 风险信号 (one row per signal
// with its evidence), 抽评样本 (the sample with its reasons and seed) when drawn.
Status WriteReviewXlsx(const std::string& path, const std::vector<ReviewedPackage>& packages,
                       const std::vector<size_t>& ranking, const Sample* sample);

}  // namespace jixiao
