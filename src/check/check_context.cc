// Shared check machinery.
#include "check/check_context.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>

#include "base/text.h"
#include "check/codes.h"
#include "model/names.h"

namespace jixiao::internal {

uint32_t SentenceWords(std::string_view sentence) {
  struct Entry {
    std::string_view word;
    uint32_t bits;
  };
  static constexpr Entry kEntries[] = {
      {"调整", kWordAdjustment | kWordExplanation},
      {"未进行", kWordDenial},
      {"没有", kWordDenial},
      {"未作", kWordDenial},
      {"未做", kWordDenial},
      {"无调整", kWordDenial},
      {"未调整", kWordDenial},
      {"不存在", kWordDenial},
      {"项目支出", kWordProjectSpending},
      {"并入", kWordExplanation},
      {"合并", kWordExplanation},
      {"未执行", kWordExplanation},
      {"取消", kWordExplanation},
      {"执行率", kWordExecutionRate},
      {"问卷", kWordSurvey},
      {"调查", kWordSurvey},
      {"调研", kWordSurvey},
      {"测评", kWordSurvey},
      {"走访", kWordSurvey},
      {"座谈", kWordSurvey},
      {"、", kWordList},
      {"个", kWordCounter},
      {"所", kWordCounter},
      {"家", kWordCounter},
      {"项", kWordCounter},
      {"类", kWordCounter},
      {"支", kWordCounter},
      {"座", kWordCounter},
      {"处", kWordCounter},
      {"构成", kWordMadeOf},
      {"组成", kWordMadeOf},
      {"结余", kWordBalance},
      {"结转", kWordBalance},
      {"年初预算", kWordBudgets},
      {"全年预算", kWordBudgets},
      {"调整后预算", kWordBudgets},
      {"追加", kWordBudgets},
      {"其中", kWordOfWhich},
      {"用于", kWordIntroduces},
      {"包括", kWordIntroduces},
      {"：", kWordIntroduces},
      {":", kWordIntroduces},
      {"持平", kWordSameness},
      {"相同", kWordSameness},
      {"预算", kWordBudget},
  };
  static const WordSet kWords = [] {
    std::vector<std::string_view> words;
    for (const Entry& e : kEntries) words.push_back(e.word);
    return WordSet(words);
  }();
  uint32_t bits = 0;
  for (uint64_t found = kWords.Find(sentence); found != 0; found &= found - 1) {
    bits |= kEntries[std::countr_zero(found)].bits;
  }
  return bits;
}

Diagnostic& CheckContext::Add(std::string_view code, Location location) {
  Diagnostic& d = out->emplace_back();
  d.code = std::string(code);
  const CodeInfo* info = FindCode(code);
  d.severity = info ? info->severity : Severity::kError;
  d.location = std::move(location);
  return d;
}

std::string CheckContext::Column(std::string_view key, bool zh) const {
  return ColumnName(key, package.fiscal_year, zh);
}

namespace {

// Walks the indicator tree (depth bounded by the model's levels), noting whether any written
// score has decimals and whether one is a part of its weight.
void NoteScores(const Indicator& node, bool& decimals, bool& partial) {
  if (node.score.has_number() && node.score.value.valid()) {
    if (node.score.value.scale() > 0) decimals = true;
    if (node.weight.has_number() && node.weight.value.valid() && node.score.value > Decimal() &&
        node.score.value < node.weight.value) {
      partial = true;
    }
  }
  for (const Indicator& child : node.children) NoteScores(child, decimals, partial);
}

}  // namespace

bool ScoredInWholePoints(const Evaluation& evaluation) {
  bool decimals = false;
  bool partial = false;
  const Funds& f = evaluation.funds;
  auto note = [&](const Cell& score, const Cell& weight) {
    if (!score.has_number() || !score.value.valid()) return;
    if (score.value.scale() > 0) decimals = true;
    if (weight.has_number() && weight.value.valid() && score.value > Decimal() &&
        score.value < weight.value) {
      partial = true;
    }
  };
  note(f.score, f.weight);
  for (const FundsRow& row : f.rows) note(row.score, row.weight);
  note(evaluation.total_score, evaluation.total_weight);
  for (const Indicator& top : evaluation.indicators) NoteScores(top, decimals, partial);
  return partial && !decimals;
}

Interval ScoreRange(const Cell& score, int rulebook_decimals) {
  const int decimals = std::max(score.value.scale(), rulebook_decimals);
  return Interval::Written(score.value.Rounded(decimals));
}

std::optional<Figure> ScoreFigureOf(const Cell& score, int rulebook_decimals) {
  if (!score.has_number() || !score.value.valid()) return std::nullopt;
  return Figure{score.value, ScoreRange(score, rulebook_decimals)};
}

bool Disagree(const Interval& reported, const Interval& computed) {
  if (!reported.valid() || !computed.valid()) return false;
  return !reported.Meets(computed);
}

std::string ToleranceText(const Interval& reported, const Interval& computed) {
  const Decimal width = (reported.hi() - reported.lo()) + (computed.hi() - computed.lo());
  // Two decimals beyond the reported figure's, rounded up: a readable, honest bound.
  const int decimals = std::min(reported.lo().scale(), Decimal::kMaxScale - 2) + 1;
  return "±" + Decimal::Divide(width, Decimal::FromInt(2), decimals, Rounding::kCeiling)
                   .Normalized()
                   .ToString();
}

std::string Shown(const Decimal& value, int decimals) {
  return value.Rounded(decimals, Rounding::kHalfUp).ToString();
}

std::string ShownRange(const Interval& range, int decimals) {
  const std::string lo = range.lo().Rounded(decimals, Rounding::kHalfUp).Normalized().ToString();
  const std::string hi = range.hi().Rounded(decimals, Rounding::kHalfUp).Normalized().ToString();
  if (lo == hi) return lo;
  return fmt::format("[{}, {}]", lo, hi);
}

Location ExpenseLocation(const ExpenseVisit& v, ExpenseColumn column) {
  Location loc;
  loc.document = "basic_data";
  loc.table = "expenses";
  loc.row = v.row->label;
  loc.column = std::string(ExpenseColumnKey(column));
  loc.pointer = v.pointer() + "/values/" + loc.column;
  loc.row_cells = ExpenseRowCells(*v.row);
  loc.mark_cell = static_cast<int>(column) + 1;
  return loc;
}

std::vector<std::string> ExpenseRowCells(const ExpenseRow& row) {
  return {row.label, row.values[0].Display(), row.values[1].Display(), row.values[2].Display()};
}

std::vector<std::string> IndicatorRowCells(const Indicator& node) {
  return {node.name, node.target, node.actual, node.weight.Display(), node.score.Display()};
}

bool OnCutPath(const Package& package, const Indicator* node) {
  if (package.parts.evaluation != PartState::kCut) return false;
  const std::vector<Indicator>* level = &package.evaluation.indicators;
  while (!level->empty()) {
    const Indicator* last = &level->back();
    if (last == node) return true;
    level = &last->children;
  }
  return false;
}

}  // namespace jixiao::internal
