// 重庆's flat indicator list with its cells glued together, as a document-sharing site's OCR of
// a Word preview gives it: "指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数(%)
// 指标权重(分)指标得分(分)是否核心指标财政供养人员控制率%定量指标100%92%100%22否“三公经费
// 变动率%100%22否…". The header is told by 指标名称, 得分系数 and 是否核心指标 (its other words
// may be scrambled: "年成值全完值"); each row by how it ends: the 得分系数 with its '%', the 权重
// and the 得分 glued ("22" is 2 and 2, "1010" is 10 and 10), then 是 or 否.
//
// A row is read from its end back:
//   - 权重 and 得分 are cut where 得分 = 权重 × 得分系数 (as rounded where the score is
//     written), a 权重 of at most 100; a run that cuts no way or several ways ends the list;
//   - before the coefficient, up to three values glued at the end of the text: a percentage
//     ("92%"), a figure with a unit of one or two characters ("12次", "2859篇"), a bare figure
//     ("0"), or a word of judgement written twice ("高高", "好好": target and result). One value
//     is the result, two the target and the result, three the target, the adjusted target and
//     the result;
//   - what is left is the name, the 计量单位 ('%', or the values' unit) and 指标性质 (定量指标 /
//     定性指标), each taken off the end when there; the form's left label "绩效指标" before a
//     name is not part of it.
// The rows run on over lines; a line that carries them on may open with a sharing site's page
// number ("3、"), which is not content. The list ends at text that is not a row (a sentence, a
// run of kLongestGluedRow bytes with no row's end); when the document ends inside a row, its
// name is the row cut through (`cut`), so that the recognizer records the table as cut.
//
// The header the list comes with is supplied in the form's words (the written one is kept as
// `header_written`). Pure function; linear in the length of the lines read.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

inline constexpr size_t kLongestGluedRow = 200;  // bytes
inline constexpr size_t kMostGluedListLines = 40;

// 指标名称, 计量单位, 指标性质, 年初指标值, 调整指标值, 全年完成值, 得分系数(%), 指标权重(分),
// 指标得分(分), 是否核心指标.
inline constexpr size_t kGluedListColumns = 10;
using GluedListRow = std::array<std::string, kGluedListColumns>;

struct GluedIndicatorList {
  std::string_view before;          // the first line's text before the header (trimmed)
  std::string_view header_written;  // the header as written
  std::vector<GluedListRow> rows;
  std::vector<size_t> row_lines;    // the line (index into the lines read) each row ends on
  size_t lines = 0;                 // lines taken, from the first (the last one maybe in part)
  std::string_view rest;            // what follows the list on its last line, when not cut
  std::string cut;                  // the name of the row the document ends in, or empty
};

// The header's words as the form writes them.
const GluedListRow& GluedListHeader();

// The list whose header is on lines[0], or one without rows. `to_end`: the lines reach the
// end of the document.
GluedIndicatorList ReadGluedIndicatorList(const std::vector<std::string_view>& lines,
                                          bool to_end);

}  // namespace jixiao
