// 抽评 (the finance bureau's re-scoring of a sampled package): the reviewer's score for each
// scored line — the 预算执行率 line and every leaf indicator — beside the unit's self score, a
// reason required wherever the two differ, the 抽评 total, its grade and the difference from
// the self-evaluation; and the 抽评结果 document (a form: the lines, totals and grades, with
// the reviewer and the date), rendered by the same writers as the packages' documents.
// docs/spot-check.md is the specification.
//
// Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "base/status.h"
#include "compute/scoring.h"
#include "model/package.h"
#include "render/document.h"
#include "render/form.h"
#include "rules/rulebook.h"

namespace jixiao {

// The pointer of the execution-rate line (the funds' 得分).
inline constexpr const char* kExecutionLine = "/evaluation/funds/score";

// What the reviewer entered for one line.
struct SpotScore {
  std::string pointer;  // kExecutionLine or a leaf indicator's pointer
  Decimal score;
  std::string reason;  // why it differs from the self score
};

struct SpotLine {
  std::string pointer;
  std::string name;  // "预算执行率", "产出指标 › 重点工作任务完成 › …"
  std::optional<Decimal> weight;
  std::optional<Decimal> self;  // the unit's score as reported
  std::optional<Decimal> spot;  // the reviewer's, when entered
  std::string reason;
  bool differs() const { return self && spot && *self != *spot; }
};

struct SpotCheck {
  std::vector<SpotLine> lines;  // the execution line first, then the leaves in tree order
  Decimal self_total;           // as the engine scores the unit's package (the dashboard's total)
  std::string self_grade;
  std::optional<Decimal> spot_total;  // once every line has a 抽评 score
  std::string spot_grade;
  std::optional<Decimal> difference;  // 抽评 − 自评
  int scored = 0;                     // lines with a 抽评 score
};

// The lines of `package` with `scores` applied. Scores naming no line are ignored.
SpotCheck ComputeSpotCheck(const Package& package, const Rulebook& rulebook,
                           const ScoreSheet& sheet, const std::vector<SpotScore>& scores);

// Checks entered scores against the package: every pointer names a line, each score lies in
// [0, the line's 分值], and a score that differs from the self score has a reason.
// InvalidArgument naming the line.
Status ValidateSpotScores(const SpotCheck& lines, const std::vector<SpotScore>& scores);

// The 抽评结果 document: `form`'s page set-up and fonts, a title, who and when, and one table.
struct SpotCheckSigning {
  std::string bureau;         // 财政局 name
  std::string reviewer;       // the reviewer's name
  std::string date;           // "2025年9月4日"
  std::string sample_reason;  // why the package was drawn ("风险排名第 1 …")
};
RenderDocument SpotCheckDocument(const Package& package, const SpotCheck& check,
                                 const SpotCheckSigning& signing, const Form& form);

}  // namespace jixiao
