// Tables that arrive without tabs or bars — copied out of a PDF or a web page — rebuilt from
// the paragraphs the text reader made of them (import/text_reader.h). Three shapes:
//   - one cell per line (blank lines between cells or not): a header is a run of at least two
//     header words (年初预算数, 全年执行数, 分值, 执行率, 得分, 一级指标 … 偏差原因分析及改进措施,
//     编制数, 实际在职人数, 2023年预算数, 批复规模 …; a word wrapped over two or three lines is
//     joined), with the line before it as the label column's header when the first word is a
//     figure column ("年度预算申请（万元）", "经费控制情况（万元）");
//   - a row on one line, cells separated by single blanks ("年度资金总额 153.53 127.10 124.88
//     10 98.25% 9.8"), under such a header or under a table row made of header words;
//   - label / value pairs ("编制数 8 实际在职人数 7", or one per line; "预算部门名称\n某单位"):
//     the staffing labels become a header row and their values the row below it.
// Rows are rebuilt by what the cells are, against the kind of each column (a figure column
// takes only figures or empty markers; 分值/得分 prefer whole numbers, 执行率 a percentage;
// 一级/二级指标 take names like 产出指标 / 数量指标; 年度指标值 and 实际完成值 take anything):
// one alignment of the run (over windows of 2048 cells, overlapping by a row or more), cheapest
// in skipped columns, so that a row whose label is missing or whose merged cells left no line
// still puts every figure under its own header.
// A header repeated at the top of the next page does not start a new table: it is left out
// and listed in FlatDocument::skipped. A row whose cells could as well stand in other columns
// ends the table: it and what follows
// stay paragraphs (the recognizer names them), never a guess. A figure split over two lines
// ("95." / "10%") is joined; OCR noise in figure cells is repaired (import/text_noise.h), the
// written text kept in FlatCell::written.
//
// Linear in the number of paragraphs (the alignment is over at most a dozen columns).
#pragma once

#include <string_view>
#include <vector>

#include "import/flat_document.h"

namespace jixiao {

// Replaces runs of paragraphs that form such tables by tables, in place. Other blocks are left
// as they are, except that rows rebuilt right under a table whose last row is a header row are
// appended to that table.
void RebuildLooseTables(FlatDocument* doc);

// Whether a line runs a whole table together, cells separated by single blanks and no line
// breaks (a line too long to be one row holding at least three header words), and its cells
// (the blank-separated words), which the text reader then reads one per line.
bool HoldsRunTogetherTable(std::string_view line);
std::vector<std::string_view> RunTogetherCells(std::string_view line);

}  // namespace jixiao
