// Reading spec: how one form's tables are read back. A form (render/form.h) lays a package
// out; its [import] table (docs/form-format.md) says, for the other direction, which header
// wordings stand for which field (with their synonyms), which row labels under 年度资金总额
// stand for which funds row, the unit of money when the document states none, and the
// signature words that tell this layout from the others. The recognizer (import/recognize.h)
// consults a spec in a few narrow places — a header cell → a field, a funds row label → a
// key, a goals header → a column, a table with no stated unit → the unit — BEFORE its own
// built-in wording, so that a new region's wording is a new form file, not new code.
//
// Choosing a layout: ChooseLayout scores each candidate spec by the share of its signature
// words found in the document's table cells and keeps the best, saying which words it found.
//
// All words are kept folded as the recognizer folds cell text (FoldWording: lines joined,
// full-width ASCII made half-width), so "年初预算数（A）" matches "年初预算数(A)". Pure
// functions; a ReadingSpec is a value, safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/flat_document.h"

namespace jixiao {

// For each field or key, the wordings that name it (folded), in the form's order.
using SpecWords = std::vector<std::pair<std::string, std::vector<std::string>>>;

struct ReadingSpec {
  std::string form_id;  // the form this spec belongs to ("guizhou-2021")
  std::string source;   // where the form came from ("bundled:guizhou-2021", a path)
  std::string rulebook;  // the form's rulebook
  int year = 0;          // the form's year
  // Words whose presence in the document's tables marks this layout ("年初预算数(A)").
  std::vector<std::string> signature;
  std::string money_unit;  // "万元", "元", or "" (the recognizer's own assumption)
  // funds field (initial_budget … score) → header wordings
  SpecWords funds_columns;
  // funds row key (current_appropriation, prior_carryover, other, basic, project) → labels
  SpecWords funds_rows;
  // goals column (planned, achieved) → header wordings
  SpecWords goals_columns;
  // indicator leaf field (target, actual, weight, score, deviation, coefficient) → wordings
  SpecWords leaf_columns;
};

// The fields and keys each table of a spec may name.
const std::vector<std::string>& SpecFundsFields();
const std::vector<std::string>& SpecFundsRowKeys();
const std::vector<std::string>& SpecGoalsFields();
const std::vector<std::string>& SpecLeafFields();

// Lines trimmed and joined, full-width ASCII folded: the form in which words are compared.
std::string FoldWording(std::string_view text);

// The first of `keys` (folded header cells) that holds one of the wordings `table` lists for
// `field`; -1 when there is no spec, the spec lists none for the field, or none is found.
// A wording that is a whole cell wins over one contained in a longer cell.
// Example: keys {"资金来源", "计划安排数", "实际支出数"}, funds_columns initial_budget =
// ["计划安排数"] → 1.
int SpecColumn(const ReadingSpec* spec, const SpecWords& table, std::string_view field,
               const std::vector<std::string>& keys);
// The funds row key whose wordings the folded label holds (its "其中" prefix ignored); "" when
// none does or there is no spec.
std::string SpecFundsRowKey(const ReadingSpec* spec, std::string_view folded_label);

// How well a document's tables fit one spec's signature.
struct LayoutMatch {
  const ReadingSpec* spec = nullptr;
  std::vector<std::string> found;  // the signature words found, in the spec's order
  size_t total = 0;                // the spec's signature words
};
LayoutMatch MatchLayout(const ReadingSpec& spec, const FlatDocument& document);

// The best of `candidates` for the document: the highest share of signature words found,
// then the most words found, then the earliest candidate. Only a candidate with at least half
// of its signature words in the document counts; nullopt when there is none.
std::optional<LayoutMatch> ChooseLayout(const std::vector<ReadingSpec>& candidates,
                                        const FlatDocument& document);

}  // namespace jixiao
