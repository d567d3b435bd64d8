// A basic data table (基础数据表) copied out of a PDF, whose cells run on as one stream of
// words over lines, blank cells dropped and figures broken where the page wrapped them:
//
//   财政供养人员情况 编制数 2018年实际在职人数 控制率
//   143 136 95.
//   10% 经费控制情况 2017年决算数 2018年预算数 2018年决算数 三公经费 29.08 63.46 44.29
//   1、公务用车购置和维护经费 11.86 41.46 39.30 其中:公车购置 29.46 29.46 公车运行维护 11.86
//   12 9.84
//   2、出国经费 …
//
// The table starts on the first line, whose first two words of the table open a block (a
// header of one word on its line is a table of one cell per line, import/loose_tables.h). Two
// blocks are read, in either order: 财政供养人员情况 (a header naming 编制数 and 在职, then
// one figure per column) and 经费控制情况 (a title, then two to four columns of 决算 / 预算,
// then rows: a label and its figures). Each word that is no figure is a label of its own,
// unless it carries on the one before: a word after "、", "和", "及", "与", an open bracket or
// a bare "其中:" ("水费、 电费", "其中: 办公费"). The table ends at a title of
// another part (…指标表, 一级指标, 楼堂馆所, 批复规模, 厉行节约, 得分), at a word of a sentence
// (。，；, or longer than kLongestStreamLabel), after kMostLabelsWithoutFigures labels in a row
// without a figure (prose, not rows), at a row with more figures than columns, or after
// kMostStreamLines lines.
//
// Figures are read as written, with two repairs a PDF's copy calls for: a figure cut at its
// point where the line wrapped ("95." at the end of a line, "10%" opening the next) is joined
// when the row has one figure too many without it; a point left after a figure ("7.50.") is
// dropped. The text as written is kept beside the repair.
//
// A row with fewer figures than columns lost its blank cells: which columns its figures stand
// in is not written. Where the table's own arithmetic tells — the row is one of a 其中 run
// whose other rows are whole, and the row above the run, less the others, leaves exactly one
// way to place the figures (the columns left blank coming to 0) — they are placed so.
// Otherwise the row is `unaligned`: its figures follow its label in order, and nothing may be
// read from their places.
//
// Pure function; linear in the length of the lines read (a 其中 run is summed once per short
// row in it, and runs are short).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

inline constexpr size_t kLongestStreamLabel = 90;  // bytes (30 CJK characters)
inline constexpr size_t kMostLabelsWithoutFigures = 3;
inline constexpr size_t kMostStreamLines = 200;

struct StreamCell {
  std::string text;
  std::string written;  // as written when repaired ("95.\n10%", "7.50."); empty otherwise
};

struct StreamRow {
  std::vector<StreamCell> cells;  // the label (or title) first, then one per column
  size_t line = 0;                // index into the lines read, of the row's first word
  // Fewer figures than columns and no way to tell where they stand: cells are the label and
  // the figures in order.
  bool unaligned = false;
};

struct FigureStreamTable {
  std::string_view before;  // the first line's text before the table (trimmed)
  std::vector<StreamRow> rows;  // header rows and data rows, in order
  size_t lines = 0;             // lines taken, from the first (the last one maybe in part)
  std::string_view rest;        // the text of line `lines - 1` after the table, when any
};

// The table whose header starts on lines[0], or one without rows.
FigureStreamTable ReadFigureStream(const std::vector<std::string_view>& lines);

// Whether a line may open such a table (cheap; ReadFigureStream decides).
bool MayOpenFigureStream(std::string_view line);

}  // namespace jixiao
