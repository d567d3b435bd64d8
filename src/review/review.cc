// The review of many packages (review.h): signals, ranking, the 抽评 sample, CSV and XLSX.
#include "review/review.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <numeric>

#include "base/csv.h"
#include "base/lang.h"
#include "base/text.h"

namespace jixiao {
namespace {

const Decimal kHundred = Decimal::FromInt(100);

std::string Pct(const Decimal& d) { return d.Format(2) + "%"; }

RiskSignal Signal(std::string key, std::string name_zh, std::string name_en, const Decimal& weight,
                  std::string evidence_zh, std::string evidence_en) {
  return RiskSignal{std::move(key), std::move(name_zh),     std::move(name_en),
                    weight,         std::move(evidence_zh), std::move(evidence_en)};
}

// The codes of `severity` among the findings, each once, with their counts: "R202×2、S306".
std::string CodesOf(const std::vector<Diagnostic>& diagnostics, Severity severity) {
  std::map<std::string, int> counts;
  for (const Diagnostic& d : diagnostics)
    if (d.severity == severity) ++counts[d.code];
  std::string out;
  for (const auto& [code, n] : counts) {
    if (!out.empty()) out += ", ";
    out += n > 1 ? fmt::format("{}×{}", code, n) : code;
  }
  return out;
}

// Whether the report speaks of a budget adjustment anywhere.
bool ReportMentionsAdjustment(const Report& report) {
  static const char* const kWords[] = {"调整", "追加", "调减", "调增", "调剂"};
  for (const ReportSection& s : report.sections) {
    for (const char* w : kWords) {
      if (s.text.find(w) != std::string::npos || s.title.find(w) != std::string::npos) return true;
    }
  }
  return false;
}

// The indicators' own score rate: Σ accepted leaf scores ÷ Σ their weights, in percent.
std::optional<Decimal> IndicatorScoreRate(const ScoreSheet& sheet) {
  Decimal scores;
  Decimal weights;
  for (const LeafScore& leaf : sheet.leaves) {
    if (!leaf.accepted || !leaf.weight || leaf.weight->sign() <= 0) continue;
    scores = scores + *leaf.accepted;
    weights = weights + *leaf.weight;
  }
  if (weights.sign() <= 0) return std::nullopt;
  return Decimal::Divide(scores * kHundred, weights, 2, Rounding::kHalfUp);
}

int DateKey(const ReportDate& d) { return d.year * 10000 + d.month * 100 + d.day; }

std::string DateText(const ReportDate& d) {
  return d.day > 0 ? fmt::format("{}-{:02}-{:02}", d.year, d.month, d.day)
                   : fmt::format("{}-{:02}", d.year, d.month);
}

// SplitMix64 (Steele, Lea, Flood 2014): a tiny generator whose output is fixed by its seed on
// every platform, unlike the standard library's distributions.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound), bound > 0: draws above the largest multiple of `bound` are
  // rejected, so that no value is favoured.
  uint64_t Below(uint64_t bound) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x = Next();
    while (x >= limit) x = Next();
    return x % bound;
  }

 private:
  uint64_t state_;
};

std::string SignalsText(const ReviewedPackage& p, bool zh) {
  std::string out;
  for (const RiskSignal& s : p.signals) {
    if (!out.empty()) out += zh ? "；" : "; ";
    out += (zh ? s.name_zh : s.name_en) + " +" + s.weight.Normalized().ToString() +
           (zh ? "（" + s.evidence_zh + "）" : " (" + s.evidence_en + ")");
  }
  return out;
}

const SampleEntry* SampleOf(const Sample* sample, size_t index) {
  if (sample == nullptr) return nullptr;
  for (const SampleEntry& e : sample->entries)
    if (e.index == index) return &e;
  return nullptr;
}

}  // namespace

const std::vector<std::string>& RiskSignalKeys() {
  static const std::vector<std::string> keys = {
      "check_errors",  "check_inconsistencies", "unevidenced_full_marks", "score_above_execution",
      "execution_low", "execution_high",        "budget_adjusted",        "year_jump",
      "late"};
  return keys;
}

ReviewedPackage ReviewPackage(const Package& package, const Rulebook& rulebook,
                              const ScoreSheet& sheet, const std::vector<Diagnostic>& diagnostics,
                              const ReviewOptions& options) {
  ReviewedPackage out;
  const RiskRules& r = rulebook.risk;
  out.rules = r;
  out.unit_name = std::string(
      TrimBlank(package.unit.name.empty() ? package.evaluation.unit_name : package.unit.name));
  out.fiscal_year = package.fiscal_year;
  out.rulebook = rulebook.id;
  for (const Diagnostic& d : diagnostics) ++out.findings[static_cast<size_t>(d.severity)];
  if (!sheet.leaves.empty() || sheet.execution.score) {
    out.total = sheet.total.Normalized().ToString();
    out.total_value = sheet.total;
  }
  out.grade = sheet.grade;
  const std::optional<Figure>& rate = sheet.execution.rate;
  if (rate) out.execution_rate = rate->value.Format(rulebook.rate_decimals, rulebook.rate_rounding);
  const Funds& funds = package.evaluation.funds;
  if (funds.executed.has_number()) out.executed = funds.executed.value;

  // Findings of `check`.
  for (const auto& [severity, weight, key, zh, en] :
       {std::tuple{Severity::kError, r.error_weight, "check_errors", "检查发现的错误",
                   "errors found by check"},
        std::tuple{Severity::kInconsistency, r.inconsistency_weight, "check_inconsistencies",
                   "检查发现的不一致", "inconsistencies found by check"}}) {
    const int64_t n = out.findings[static_cast<size_t>(severity)];
    if (n == 0 || weight.sign() == 0) continue;
    const std::string codes = CodesOf(diagnostics, severity);
    out.signals.push_back(Signal(key, zh, en, weight * Decimal::FromInt(n),
                                 fmt::format("{} 处：{}", n, codes),
                                 fmt::format("{} found: {}", n, codes)));
  }
  // Full marks on qualitative indicators with no evidence (P910).
  std::vector<std::string> unevidenced;
  for (const Diagnostic& d : diagnostics) {
    if (d.code != "P910") continue;
    const LeafScore* leaf = nullptr;
    // The finding points at the indicator's score: "…/children/0/score".
    const std::string& at = d.location.pointer;
    for (const LeafScore& l : sheet.leaves)
      if (!l.pointer.empty() && at.rfind(l.pointer, 0) == 0 &&
          (at.size() == l.pointer.size() || at[l.pointer.size()] == '/'))
        leaf = &l;
    unevidenced.push_back(leaf != nullptr && leaf->indicator != nullptr
                              ? std::string(TrimBlank(leaf->indicator->name))
                              : d.location.pointer);
  }
  if (!unevidenced.empty() && r.unevidenced_full_marks_weight.sign() > 0) {
    std::string names;
    for (const std::string& n : unevidenced) names += (names.empty() ? "" : "、") + n;
    out.signals.push_back(Signal("unevidenced_full_marks", "定性指标满分无佐证",
                                 "qualitative full marks without evidence",
                                 r.unevidenced_full_marks_weight *
                                     Decimal::FromInt(static_cast<int64_t>(unevidenced.size())),
                                 fmt::format("{} 项：{}", unevidenced.size(), names),
                                 fmt::format("{}: {}", unevidenced.size(), names)));
  }
  // The indicators' score rate above the execution rate (the provincial platforms' red mark).
  if (const std::optional<Decimal> score_rate = IndicatorScoreRate(sheet);
      score_rate && rate && *score_rate - rate->value > r.score_above_execution_points &&
      r.score_above_execution_weight.sign() > 0) {
    const Decimal gap = *score_rate - rate->value;
    out.signals.push_back(Signal(
        "score_above_execution", "指标得分率高于预算执行率",
        "indicator score rate above the execution rate", r.score_above_execution_weight,
        fmt::format("指标得分率 {}，预算执行率 {}，高 {} 个百分点（阈值 {}）", Pct(*score_rate),
                    Pct(rate->value), gap.Format(2),
                    r.score_above_execution_points.Normalized().ToString()),
        fmt::format("indicator score rate {}, execution rate {}: {} points above (threshold {})",
                    Pct(*score_rate), Pct(rate->value), gap.Format(2),
                    r.score_above_execution_points.Normalized().ToString())));
  }
  // Execution out of the expected range.
  if (rate && rate->value < r.execution_low_percent && r.execution_low_weight.sign() > 0) {
    out.signals.push_back(Signal("execution_low", "预算执行率偏低", "execution rate low",
                                 r.execution_low_weight,
                                 fmt::format("执行率 {}，低于 {}%", Pct(rate->value),
                                             r.execution_low_percent.Normalized().ToString()),
                                 fmt::format("execution rate {}, under {}%", Pct(rate->value),
                                             r.execution_low_percent.Normalized().ToString())));
  }
  if (rate && rate->value > r.execution_high_percent && r.execution_high_weight.sign() > 0) {
    out.signals.push_back(Signal("execution_high", "预算执行率超过", "execution rate above",
                                 r.execution_high_weight,
                                 fmt::format("执行率 {}，高于 {}%", Pct(rate->value),
                                             r.execution_high_percent.Normalized().ToString()),
                                 fmt::format("execution rate {}, above {}%", Pct(rate->value),
                                             r.execution_high_percent.Normalized().ToString())));
  }
  // A budget adjusted by much with no word of it in the report.
  if (funds.initial_budget.has_number() && funds.full_year_budget.has_number() &&
      funds.initial_budget.value.sign() > 0 && r.adjustment_weight.sign() > 0) {
    const Decimal change = funds.full_year_budget.value - funds.initial_budget.value;
    const Decimal share = Decimal::Divide((change.sign() < 0 ? -change : change) * kHundred,
                                          funds.initial_budget.value, 2, Rounding::kHalfUp);
    if (share > r.adjustment_percent && !ReportMentionsAdjustment(package.report)) {
      out.signals.push_back(Signal(
          "budget_adjusted", "预算调整幅度大且未说明", "budget adjusted much, not explained",
          r.adjustment_weight,
          fmt::format("年初预算 {}，全年预算 {}，调整 {}（阈值 {}%），报告未提及调整",
                      funds.initial_budget.Display(), funds.full_year_budget.Display(), Pct(share),
                      r.adjustment_percent.Normalized().ToString()),
          fmt::format("initial budget {}, full-year budget {}: changed by {} (threshold {}%); "
                      "the report says nothing of it",
                      funds.initial_budget.Display(), funds.full_year_budget.Display(), Pct(share),
                      r.adjustment_percent.Normalized().ToString())));
    }
  }
  // A report dated after the deadline.
  if (options.deadline && r.late_weight.sign() > 0) {
    const std::optional<ReportDate> dated = ReadReportDate(package.report.cover.date);
    // A date with no day counts from its month's first day: late only when the whole month is.
    if (dated && DateKey(*dated) > DateKey(*options.deadline) &&
        !(dated->day == 0 && dated->year * 100 + dated->month ==
                                 options.deadline->year * 100 + options.deadline->month)) {
      out.signals.push_back(Signal(
          "late", "报告日期晚于截止日期", "report dated after the deadline", r.late_weight,
          fmt::format("报告日期 {}，截止日期 {}", DateText(*dated), DateText(*options.deadline)),
          fmt::format("report dated {}, deadline {}", DateText(*dated),
                      DateText(*options.deadline))));
    }
  }
  for (const RiskSignal& s : out.signals) out.risk = out.risk + s.weight;
  return out;
}

void AddYearOverYear(std::vector<ReviewedPackage>* packages) {
  std::map<std::pair<std::string, int>, size_t> by_unit_year;
  for (size_t i = 0; i < packages->size(); ++i) {
    const ReviewedPackage& p = (*packages)[i];
    if (p.readable() && !p.unit_name.empty())
      by_unit_year.emplace(std::pair(p.unit_name, p.fiscal_year), i);
  }
  for (ReviewedPackage& p : *packages) {
    if (!p.readable() || p.unit_name.empty() || p.rules.year_jump_weight.sign() == 0) continue;
    auto prior_it = by_unit_year.find({p.unit_name, p.fiscal_year - 1});
    if (prior_it == by_unit_year.end()) continue;
    const ReviewedPackage& prior = (*packages)[prior_it->second];
    std::vector<std::string> zh, en;
    if (p.total_value && prior.total_value) {
      const Decimal move = *p.total_value - *prior.total_value;
      if ((move.sign() < 0 ? -move : move) > p.rules.year_jump_points) {
        zh.push_back(fmt::format("总分 {} → {}", prior.total, p.total));
        en.push_back(fmt::format("total {} → {}", prior.total, p.total));
      }
    }
    if (p.executed && prior.executed && prior.executed->sign() > 0) {
      const Decimal move = *p.executed - *prior.executed;
      const Decimal share = Decimal::Divide((move.sign() < 0 ? -move : move) * kHundred,
                                            *prior.executed, 2, Rounding::kHalfUp);
      if (share > p.rules.year_jump_percent) {
        zh.push_back(fmt::format("执行数 {} → {} 万元（变动 {}）",
                                 prior.executed->Normalized().ToString(),
                                 p.executed->Normalized().ToString(), Pct(share)));
        en.push_back(fmt::format("executed {} → {} (changed by {})",
                                 prior.executed->Normalized().ToString(),
                                 p.executed->Normalized().ToString(), Pct(share)));
      }
    }
    if (zh.empty()) continue;
    std::string ezh = fmt::format("与 {} 年相比：", p.fiscal_year - 1);
    std::string een = fmt::format("against {}: ", p.fiscal_year - 1);
    for (size_t i = 0; i < zh.size(); ++i) {
      ezh += (i > 0 ? "；" : "") + zh[i];
      een += (i > 0 ? "; " : "") + en[i];
    }
    p.signals.push_back(Signal("year_jump", "与上年相比变化异常", "unusual change from last year",
                               p.rules.year_jump_weight, ezh, een));
    p.risk = p.risk + p.rules.year_jump_weight;
  }
}

std::vector<size_t> RankByRisk(const std::vector<ReviewedPackage>& packages) {
  std::vector<size_t> order(packages.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const ReviewedPackage& x = packages[a];
    const ReviewedPackage& y = packages[b];
    if (x.readable() != y.readable()) return x.readable();
    if (!x.readable()) return x.file < y.file;
    if (x.risk != y.risk) return y.risk < x.risk;
    const int64_t xe = x.findings[0] + x.findings[1];
    const int64_t ye = y.findings[0] + y.findings[1];
    if (xe != ye) return xe > ye;
    return x.file < y.file;
  });
  return order;
}

Sample DrawSample(const std::vector<ReviewedPackage>& packages, const std::vector<size_t>& ranking,
                  size_t size, uint64_t seed, int risk_share_percent) {
  Sample sample;
  sample.seed = seed;
  sample.requested = size;
  std::vector<size_t> readable;
  for (size_t i : ranking)
    if (packages[i].readable()) readable.push_back(i);
  size = std::min(size, readable.size());
  const size_t share = static_cast<size_t>(std::clamp(risk_share_percent, 0, 100));
  const size_t wanted = (size * share + 99) / 100;
  size_t rank = 0;
  std::vector<bool> taken(packages.size(), false);
  for (size_t i : readable) {
    ++rank;
    if (sample.entries.size() >= wanted || packages[i].risk.sign() <= 0) break;
    const ReviewedPackage& p = packages[i];
    const std::string risk = p.risk.Normalized().ToString();
    sample.entries.push_back(
        {i, true, fmt::format("风险排名第 {}，风险分 {}：{}", rank, risk, SignalsText(p, true)),
         fmt::format("risk rank {}, risk {}: {}", rank, risk, SignalsText(p, false))});
    taken[i] = true;
  }
  sample.risk_part = sample.entries.size();
  // The rest at random: a partial Fisher–Yates shuffle of the packages not taken, in ranking
  // order, the j-th draw choosing among the last (n − j) positions.
  std::vector<size_t> pool;
  for (size_t i : readable)
    if (!taken[i]) pool.push_back(i);
  SplitMix64 rng(seed);
  const size_t draws = std::min(size - sample.entries.size(), pool.size());
  for (size_t j = 0; j < draws; ++j) {
    const size_t k = j + static_cast<size_t>(rng.Below(pool.size() - j));
    std::swap(pool[j], pool[k]);
    sample.entries.push_back(
        {pool[j], false,
         fmt::format("随机抽取第 {} 个（种子 {}，从其余 {} 个中）", j + 1, seed, pool.size()),
         fmt::format("random draw {} (seed {}, from the other {})", j + 1, seed, pool.size())});
  }
  return sample;
}

std::string ReviewCsv(const std::vector<ReviewedPackage>& packages,
                      const std::vector<size_t>& ranking, const Sample* sample) {
  const bool zh = MessagesInChinese();
  std::string out = "\xEF\xBB\xBF";
  const std::vector<std::string> header =
      zh ? std::vector<std::string>{"排名",          "文件",     "单位", "年度",
                                    "评分规则",      "总分",     "等级", "执行率(%)",
                                    "错误",          "不一致",   "警告", "提示",
                                    "风险分",        "风险信号", "抽评", "抽评理由",
                                    "无法读取的原因"}
         : std::vector<std::string>{"rank",
                                    "file",
                                    "unit",
                                    "year",
                                    "rulebook",
                                    "total",
                                    "grade",
                                    "execution rate (%)",
                                    "errors",
                                    "inconsistencies",
                                    "warnings",
                                    "notes",
                                    "risk",
                                    "signals",
                                    "sampled",
                                    "sample reason",
                                    "unreadable because"};
  for (size_t i = 0; i < header.size(); ++i) out += (i > 0 ? "," : "") + CsvField(header[i]);
  out += "\r\n";
  size_t rank = 0;
  for (size_t i : ranking) {
    const ReviewedPackage& p = packages[i];
    const SampleEntry* s = SampleOf(sample, i);
    std::vector<std::string> f = {
        p.readable() ? std::to_string(++rank) : "",
        p.file,
        p.unit_name,
        p.fiscal_year > 0 ? std::to_string(p.fiscal_year) : "",
        p.rulebook,
        p.total,
        p.grade,
        p.execution_rate,
        p.readable() ? std::to_string(p.findings[0]) : "",
        p.readable() ? std::to_string(p.findings[1]) : "",
        p.readable() ? std::to_string(p.findings[2]) : "",
        p.readable() ? std::to_string(p.findings[3]) : "",
        p.readable() ? p.risk.Normalized().ToString() : "",
        SignalsText(p, zh),
        s == nullptr ? "" : (s->by_risk ? (zh ? "风险" : "risk") : (zh ? "随机" : "random")),
        s == nullptr ? "" : (zh ? s->reason_zh : s->reason_en),
        p.error};
    for (size_t k = 0; k < f.size(); ++k) out += (k > 0 ? "," : "") + CsvField(f[k]);
    out += "\r\n";
  }
  return out;
}

namespace {

// The workbook, sheet by sheet; the first libxlsxwriter error stops it.
class ReviewWorkbook {
 public:
  ReviewWorkbook(const std::string& path) : path_(path) {
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    workbook_ = workbook_new_opt(path.c_str(), &options);
  }
  ~ReviewWorkbook() {
    if (workbook_ != nullptr) lxw_workbook_free(workbook_);
  }
  ReviewWorkbook(const ReviewWorkbook&) = delete;
  ReviewWorkbook& operator=(const ReviewWorkbook&) = delete;

  Status Write(const std::vector<ReviewedPackage>& packages, const std::vector<size_t>& ranking,
               const Sample* sample) {
    if (workbook_ == nullptr) {
      return Status::IOError(TrF("无法写出 {}：libxlsxwriter 无法新建工作簿",
                                 "cannot write {}: libxlsxwriter could not start a workbook",
                                 path_));
    }
    const bool zh = MessagesInChinese();
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_text_wrap(header_);
    format_set_bg_color(header_, 0xDDEBF7);
    format_set_border(header_, LXW_BORDER_THIN);
    wrap_ = workbook_add_format(workbook_);
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    number2_ = workbook_add_format(workbook_);
    format_set_num_format(number2_, "0.00");

    // 汇总
    lxw_worksheet* ws = workbook_add_worksheet(workbook_, zh ? "汇总" : "Summary");
    Header(ws,
           zh ? std::vector<std::string>{"排名", "文件", "单位", "年度", "评分规则", "总分", "等级",
                                         "执行率(%)", "错误", "不一致", "警告", "提示", "风险分",
                                         "风险信号", "抽评"}
              : std::vector<std::string>{"rank", "file", "unit", "year", "rulebook", "total",
                                         "grade", "execution rate (%)", "errors", "inconsistencies",
                                         "warnings", "notes", "risk", "signals", "sampled"});
    const double widths[] = {6, 28, 30, 7, 14, 8, 6, 11, 6, 7, 6, 6, 7, 70, 8};
    for (int c = 0; c < 15; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);
    lxw_row_t row = 1;
    int64_t rank = 0;
    for (size_t i : ranking) {
      const ReviewedPackage& p = packages[i];
      const SampleEntry* s = SampleOf(sample, i);
      if (p.readable()) Number(ws, row, 0, std::to_string(++rank));
      Text(ws, row, 1, p.file);
      if (!p.readable()) {
        Text(ws, row, 13, (zh ? "无法读取：" : "unreadable: ") + p.error);
        ++row;
        continue;
      }
      Text(ws, row, 2, p.unit_name);
      if (p.fiscal_year > 0) Number(ws, row, 3, std::to_string(p.fiscal_year));
      Text(ws, row, 4, p.rulebook);
      Number(ws, row, 5, p.total, number2_);
      Text(ws, row, 6, p.grade);
      Number(ws, row, 7, p.execution_rate, number2_);
      for (int k = 0; k < 4; ++k) Number(ws, row, 8 + k, std::to_string(p.findings[k]));
      Number(ws, row, 12, p.risk.Normalized().ToString());
      Text(ws, row, 13, SignalsText(p, zh), wrap_);
      if (s != nullptr)
        Text(ws, row, 14, s->by_risk ? (zh ? "风险" : "risk") : (zh ? "随机" : "random"));
      ++row;
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (row > 1) worksheet_autofilter(ws, 0, 0, row - 1, 14);

    // 风险信号
    ws = workbook_add_worksheet(workbook_, zh ? "风险信号" : "Signals");
    Header(ws, zh ? std::vector<std::string>{"文件", "单位", "年度", "信号", "名称", "权重", "依据"}
                  : std::vector<std::string>{"file", "unit", "year", "signal", "name", "weight",
                                             "evidence"});
    const double signal_widths[] = {28, 30, 7, 22, 26, 7, 80};
    for (int c = 0; c < 7; ++c) worksheet_set_column(ws, c, c, signal_widths[c], nullptr);
    row = 1;
    for (size_t i : ranking) {
      const ReviewedPackage& p = packages[i];
      for (const RiskSignal& s : p.signals) {
        Text(ws, row, 0, p.file);
        Text(ws, row, 1, p.unit_name);
        Number(ws, row, 2, std::to_string(p.fiscal_year));
        Text(ws, row, 3, s.key);
        Text(ws, row, 4, zh ? s.name_zh : s.name_en);
        Number(ws, row, 5, s.weight.Normalized().ToString());
        Text(ws, row, 6, zh ? s.evidence_zh : s.evidence_en, wrap_);
        ++row;
      }
    }
    worksheet_freeze_panes(ws, 1, 0);

    if (sample != nullptr) {
      ws = workbook_add_worksheet(workbook_, zh ? "抽评样本" : "Sample");
      Text(
          ws, 0, 0,
          zh ? fmt::format("抽取 {} 个（风险排名 {} 个，随机 {} 个）；随机种子 {}（以相同文件和种子"
                           "运行 jixiao review --sample {} --seed {} 可重现）",
                           sample->entries.size(), sample->risk_part,
                           sample->entries.size() - sample->risk_part, sample->seed,
                           sample->requested, sample->seed)
             : fmt::format("{} drawn ({} by risk rank, {} at random); seed {} (jixiao review "
                           "--sample {} --seed {} on the same files draws them again)",
                           sample->entries.size(), sample->risk_part,
                           sample->entries.size() - sample->risk_part, sample->seed,
                           sample->requested, sample->seed));
      lxw_worksheet* sws = ws;
      const std::vector<std::string> h =
          zh ? std::vector<std::string>{"序号", "方式", "文件",   "单位",
                                        "年度", "总分", "风险分", "理由"}
             : std::vector<std::string>{"no.",  "how",   "file", "unit",
                                        "year", "total", "risk", "reason"};
      for (size_t c = 0; c < h.size(); ++c) Text(sws, 1, static_cast<lxw_col_t>(c), h[c], header_);
      const double sample_widths[] = {6, 8, 28, 30, 7, 8, 7, 90};
      for (int c = 0; c < 8; ++c) worksheet_set_column(sws, c, c, sample_widths[c], nullptr);
      row = 2;
      for (size_t k = 0; k < sample->entries.size(); ++k) {
        const SampleEntry& e = sample->entries[k];
        const ReviewedPackage& p = packages[e.index];
        Number(sws, row, 0, std::to_string(k + 1));
        Text(sws, row, 1, e.by_risk ? (zh ? "风险" : "risk") : (zh ? "随机" : "random"));
        Text(sws, row, 2, p.file);
        Text(sws, row, 3, p.unit_name);
        Number(sws, row, 4, std::to_string(p.fiscal_year));
        Number(sws, row, 5, p.total, number2_);
        Number(sws, row, 6, p.risk.Normalized().ToString());
        Text(sws, row, 7, zh ? e.reason_zh : e.reason_en, wrap_);
        ++row;
      }
    }
    if (!status_.ok()) return status_;
    const lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    if (error != LXW_NO_ERROR) {
      return Status::IOError(
          TrF("无法写出 {}：{}", "cannot write {}: {}", path_, lxw_strerror(error)));
    }
    return Status::Ok();
  }

 private:
  void Header(lxw_worksheet* ws, const std::vector<std::string>& names) {
    for (size_t c = 0; c < names.size(); ++c)
      Text(ws, 0, static_cast<lxw_col_t>(c), names[c], header_);
  }
  void Note(lxw_error e) {
    if (e != LXW_NO_ERROR && status_.ok()) {
      status_ =
          Status::IOError(TrF("无法写出 {}：{}", "cannot write {}: {}", path_, lxw_strerror(e)));
    }
  }
  void Text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& text,
            lxw_format* format = nullptr) {
    if (!text.empty()) Note(worksheet_write_string(ws, r, c, text.c_str(), format));
  }
  // An exact decimal written as the number nearest to it (what a spreadsheet cell holds).
  void Number(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& decimal,
              lxw_format* format = nullptr) {
    if (decimal.empty()) return;
    double value = 0;
    const auto [end, ec] = std::from_chars(decimal.data(), decimal.data() + decimal.size(), value);
    if (ec != std::errc() || end != decimal.data() + decimal.size()) return Text(ws, r, c, decimal);
    Note(worksheet_write_number(ws, r, c, value, format));
  }

  std::string path_;
  lxw_workbook* workbook_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* wrap_ = nullptr;
  lxw_format* number2_ = nullptr;
  Status status_ = Status::Ok();
};

}  // namespace

Status WriteReviewXlsx(const std::string& path, const std::vector<ReviewedPackage>& packages,
                       const std::vector<size_t>& ranking, const Sample* sample) {
  return ReviewWorkbook(path).Write(packages, ranking, sample);
}

}  // namespace jixiao
