// Shared machinery of the checks (internal to check/): adding a diagnostic with its catalogue
// severity, comparing a reported cell with a computed figure under the rounding-aware rule,
// and quoting table rows for the human view.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/interval.h"
#include "check/diagnostic.h"
#include "compute/figure.h"
#include "compute/scoring.h"
#include "model/package.h"
#include "model/walk.h"
#include "narrative/claims.h"
#include "rules/rulebook.h"

namespace jixiao::internal {

// The words of the report the cross-document and policy checks ask about, as bits. Each
// sentence's bits are found once, in one pass over it (SentenceWords), and shared through the
// context. No word contains a sentence end or a line break, so a word occurs in the report
// exactly when it occurs in one of its sentences.
enum ReportWord : uint32_t {
  kWordAdjustment = 1 << 0,       // 调整
  kWordDenial = 1 << 1,           // 未进行 没有 未作 未做 无调整 未调整 不存在
  kWordProjectSpending = 1 << 2,  // 项目支出
  kWordExplanation = 1 << 3,      // 并入 合并 调整 未执行 取消
  kWordExecutionRate = 1 << 4,    // 执行率
  kWordSurvey = 1 << 5,           // 问卷 调查 调研 测评 走访 座谈
  // The shapes the statement checks read (statement_checks.cc):
  kWordList = 1 << 6,         // 、
  kWordCounter = 1 << 7,      // 个 所 家 项 类 支 座 处
  kWordMadeOf = 1 << 8,       // 构成 组成
  kWordBalance = 1 << 9,      // 结余 结转
  kWordBudgets = 1 << 10,     // 年初预算 全年预算 调整后预算 追加
  kWordOfWhich = 1 << 11,     // 其中
  kWordIntroduces = 1 << 12,  // 用于 包括 ： :
  // What ExtractClaims looks for in a whole sentence (KnownWords):
  kWordSameness = 1 << 13,  // 持平 相同
  kWordBudget = 1 << 14,    // 预算
};
// The ReportWord bits of the words occurring in `sentence`.
uint32_t SentenceWords(std::string_view sentence);

struct CheckContext {
  const Package& package;
  const Rulebook& rulebook;
  const ScoreSheet& sheet;
  std::vector<Diagnostic>* out;
  const std::vector<Sentence>& sentences;     // the report's, split once
  const std::vector<SentenceClaims>& claims;  // what each sentence states, read once
  const std::vector<uint32_t>& words;         // the ReportWord bits of each sentence
  uint32_t report_words = 0;                  // the ReportWord bits of the whole report
  // The self-evaluation is scored in whole points (ScoredInWholePoints): an integer score then
  // stands for the whole point it was rounded to, not for the rulebook's decimals.
  bool whole_points = false;

  // The decimals a reported score is read at, at least: the rulebook's, or none on a table
  // scored in whole points.
  int ScoreDecimals(int rulebook_decimals) const { return whole_points ? 0 : rulebook_decimals; }
  // Appends a diagnostic with the catalogue's severity for `code`.
  Diagnostic& Add(std::string_view code, Location location);
  std::string Column(std::string_view key, bool zh) const;
};

// True when the table shows that it rounds its scores to whole points: every score written in
// it (执行率得分, indicators, 总分) has no decimals, and at least one of them is a part of its
// weight (0 < score < 分值) — a partial score written whole. A table of full marks only, or one
// with a single decimal score anywhere, is read at the rulebook's decimals.
bool ScoredInWholePoints(const Evaluation& evaluation);
// The range a reported *score* stands for. Scores are printed to the rulebook's decimals,
// with trailing zeros often dropped: "10" under a 2-decimal rulebook is 10.00, so a score is
// read at max(written decimals, rulebook decimals).
Interval ScoreRange(const Cell& score, int rulebook_decimals);
// A score cell as a figure with ScoreRange; nullopt for blank and not-applicable cells.
std::optional<Figure> ScoreFigureOf(const Cell& score, int rulebook_decimals);
// True when the reported figure's range and the computed range cannot meet.
bool Disagree(const Interval& reported, const Interval& computed);
// "±0.015": how far apart the two points may be before the ranges stop meeting.
std::string ToleranceText(const Interval& reported, const Interval& computed);
// A computed value printed for a reviewer: with `decimals` decimals, half up.
std::string Shown(const Decimal& value, int decimals);
// A range printed as "[a, b]" (each end with `decimals`), or a point when both ends agree.
std::string ShownRange(const Interval& range, int decimals);

// The printed row of an expense table entry: label, then the three columns.
std::vector<std::string> ExpenseRowCells(const ExpenseRow& row);
// The Location of an expense row's cell in a column, with its printed row.
Location ExpenseLocation(const ExpenseVisit& v, ExpenseColumn column);
// Whether `node` is one the cut of a cut 自评表 (PartState::kCut) runs through: the last
// 一级 group and, down its last children, the row cut. They are not asked to be complete (their
// weights need not add up, the row cut need not have a score). False when the 自评表 is whole.
bool OnCutPath(const Package& package, const Indicator* node);
// Whether the 自评表 is a piece (PartState::kPiece): some rows without the table's head. Its
// rows are checked where complete; blanks are not asked for and no sum is compared.
inline bool EvaluationIsPiece(const Package& package) {
  return package.parts.evaluation == PartState::kPiece;
}

// The printed row of a leaf indicator: name, target, actual, weight, score.
std::vector<std::string> IndicatorRowCells(const Indicator& node);

}  // namespace jixiao::internal

namespace jixiao::internal {

// The checks, one family per file.
void CheckStaffing(CheckContext& cx);       // table_checks.cc
void CheckExpenses(CheckContext& cx);       // table_checks.cc
void CheckBuildings(CheckContext& cx);      // table_checks.cc
void CheckFunds(CheckContext& cx);          // funds_checks.cc
void CheckGoals(CheckContext& cx);          // goal_checks.cc
void CheckIndicators(CheckContext& cx);     // indicator_checks.cc
void CheckWeights(CheckContext& cx);        // indicator_checks.cc
void CheckTotal(CheckContext& cx);          // indicator_checks.cc
void CheckReport(CheckContext& cx);         // report_checks.cc
void CheckCrossDocument(CheckContext& cx);  // cross_checks.cc
void CheckIdentity(CheckContext& cx);       // identity_checks.cc
void CheckStatements(CheckContext& cx);     // statement_checks.cc
void CheckPolicy(CheckContext& cx);         // policy_checks.cc

}  // namespace jixiao::internal
