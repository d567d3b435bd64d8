// A table whose cells were glued together without any separator, as document-sharing sites
// (taowenge, 1wenmi, yzwku, wenku …) give the text of a Word file: "…项目资金(万元)全年预算数(A)
// 全年执行数(B)执行率(B/A)年度资金总额194.9194.9100%其中:…194.9194.9100%其他资金…". The cells
// are cut again by what is known of the forms, for the text reader (import/text_reader.h) to
// hand on one cell per line to the loose-table reader (import/loose_tables.h):
//   - a funds header is three or more of the forms' header words glued (年初预算数, 全年预算数,
//     调整后预算数, 预算数, 全年执行数, 执行数, 执行率, 分值, 得分, 权重), each with its "(A)",
//     "(B/A)" or other bracketed note;
//   - after it, rows of a label (words without a digit, at most kLongestGluedLabel characters)
//     and a run of glued figures ("194.9194.9100%"), which is cut into as many figures as the
//     header has columns (or fewer: a sub-row leaves its last cells empty). A figure has no
//     leading zero, at most four decimals, a '%' only in the rate column. When the header has
//     a rate and the amounts it is the ratio of, only cuts whose rate is 执行数 ÷ 预算数 (as
//     rounded where it is written) count; without a rate, a cut counts only when it is the
//     only one possible. When several cuts remain, the run is left whole (the recognizer then
//     says it could not read the figure), never guessed.
//   - the rows end at a label that is too long or has no figures after it, or after
//     kMostGluedRows rows; what follows stays one piece.
//
// Pure functions; linear in the length of the line (a figure run is cut only when at most
// kLongestGluedRun characters long, its cuts tried at most a fixed number of times, and at most
// kMostGluedRows runs are cut).
#pragma once

#include <string_view>
#include <vector>

namespace jixiao {

inline constexpr size_t kFewestGluedWords = 3;  // two may meet in a sentence
inline constexpr int kLongestGluedLabel = 40;
inline constexpr size_t kLongestGluedRun = 40;
inline constexpr int kMostGluedRows = 32;  // a funds block has a handful; the rest stays whole

// The cells of `line` when it holds a glued funds header, in order: the text before the
// header (when not blank), the header's words, then each row's label and figures, then the
// rest of the line (when not blank). Empty when the line holds no glued header.
std::vector<std::string_view> GluedTableCells(std::string_view line);

// The ways `run` (digits, '.' and '%', glued) can be cut into figures under `columns` header
// words (each a word of the list above, compact), as lists of pieces — every consistent cut
// into the greatest number of figures that gives one. Exposed for tests.
std::vector<std::vector<std::string_view>> GluedFigureCuts(
    std::string_view run, const std::vector<std::string_view>& columns);

}  // namespace jixiao
