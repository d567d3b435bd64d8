// A rubric's score table (得分表 / 评分表) copied out of a PDF, whose 分值 stand in its labels
// and whose cells run on over lines: "…得分表 一级指 标 二级指标 三级指标 得分 部门决 策(25 分)
// 目标任务(15 分) 相关性(5 分)\n5 明确性(5 分)\n5 …". After the header (一级指标, 二级指标,
// 三级指标, 得分, blanks inside the words allowed) comes a stream of labels "name(N 分)" — a
// label may be broken by blanks and lines, "部门决 策(25 分)" — and bare figures: a label
// followed by a figure is a 三级指标 with its 分值 and 得分; a label followed by another label is
// a group. Groups nest by their 分值: a group takes the labels after it until theirs add up to
// its own, so "部门决策(25) 目标任务(15) 相关性(5) 5 明确性(5) 5 合理性(5) 5 预算编制(10) …"
// puts 目标任务 and 预算编制 under 部门决策. The rows come out as a table of 一级指标, 二级指标,
// 三级指标, 分值 and 得分, a group's name (with its 分值, "部门决策(25分)") on the row of its
// first 三级指标. "总分 N" (or "合计 N") once every group is full is the last row.
//
// What does not fit ends the table, and the rest stays text: a 三级指标 that is not under a
// 二级 group, a group under a 二级 group, labels whose 分值 overrun their group's, a figure with
// no label before it, a label that does not close within kLongestWeightedLabel bytes or holds
// a sentence's 。. When the document ends inside a label, the label is the row cut through
// (name only, leader dots dropped), so that the recognizer records the table as cut.
//
// Pure function; linear in the length of the lines read.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

inline constexpr size_t kLongestWeightedLabel = 120;  // bytes, blanks left out
inline constexpr size_t kFewestWeightedRows = 2;
inline constexpr size_t kMostWeightedLines = 400;  // lines one table may run over

struct WeightedScoreTable {
  std::string_view before;  // the first line's text before the header (trimmed)
  std::array<std::string, 5> header;  // the header as written, then "分值" for the labels' 分值
  std::vector<std::array<std::string, 5>> rows;  // 一级, 二级, 三级, 分值, 得分
  std::vector<size_t> row_lines;                 // the line (index into `lines`) of each row
  size_t lines = 0;        // lines taken whole, from the first
  std::string_view rest;   // the text of line `lines` after the table, when it took part of it
};

// The table that starts on lines[0], or one without rows. `to_end`: lines reach the end of the
// document (a label open at the end is a row cut through).
WeightedScoreTable ReadWeightedScoreTable(const std::vector<std::string_view>& lines,
                                          bool to_end);

}  // namespace jixiao
