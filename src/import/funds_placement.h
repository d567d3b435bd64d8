// Where the figures of a funds row stand when the text dropped its blank cells: "年度资金总额:
// 880 880 880 10 10" under 年初预算数 / 全年预算数(A) / 全年执行数(B) / 分值 / 执行率(B/A) / 得分 —
// five figures for six columns, and which one was left blank is not written. The loose-table
// reader (import/loose_tables.h) aligns cells by their kind only, so a bare "10" may land under
// 执行率; this tells the placements that the row's own arithmetic allows:
//   - an amount has no '%'; a 分值 or 得分 is at most 100 and has no '%'; a 得分 is at most its
//     分值;
//   - a written 执行率 is 执行数 ÷ 预算数 (全年, else 年初), rounded as it is written (a '%', a
//     percentage without one, or the ratio itself: "100%", "100", "1").
// A placement is taken only when the arithmetic confirms it — its written rate is 执行数 ÷ 预算数,
// or its 得分 is 分值 × the rate (written, or from the amounts; up to 100 %) as rounded where it
// is written — not merely when nothing contradicts it: leaving 执行数 blank would silence any
// rate. Empty markers ("-", "—", "/") take a column and carry no figure.
//
// Pure functions; each row costs at most C(columns, figures) placements (a funds header has at
// most kMostFundsColumns figure columns).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace jixiao {

inline constexpr size_t kMostFundsColumns = 8;

enum class FundsRole { kNone, kInitial, kFull, kExecuted, kWeight, kRate, kScore };

// The role of each header cell, by its words: 年初… → initial, …执行数 → executed, …预算… →
// full, 分值 / 权重 → weight, …率 → rate, 得分 → score; kNone otherwise.
std::vector<FundsRole> FundsRoles(const std::vector<std::string>& header);

// Whether the header is one whose rows this applies to: two amounts or more and a rate or a
// weight, and at most kMostFundsColumns figure columns.
bool IsFundsHeader(const std::vector<FundsRole>& roles);

struct FundsFigure {
  std::string text;  // as the cell holds it
  int column = 0;    // where the alignment put it
};

// What to do with a row whose `figures` (in order, in figure columns) are fewer than the
// header's figure columns:
//   - nullopt: keep the columns they have (the arithmetic confirms them, or no placement is
//     confirmed: then the row is as its alignment reads it, and the checks say what is wrong);
//   - a list of columns, one per figure: the one placement the arithmetic confirms (placements
//     differing only in where empty markers stand are one);
//   - an empty list: several confirmed placements disagree: the row cannot be placed.
std::optional<std::vector<int>> PlaceFundsFigures(const std::vector<FundsRole>& roles,
                                                  const std::vector<FundsFigure>& figures);

}  // namespace jixiao
