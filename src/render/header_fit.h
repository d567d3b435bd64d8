// Header cells that fit their columns: where a table's heading ("全年预算数", "2024年实际在职人数")
// is wider than its column, the composer breaks it into lines itself, at word boundaries (ICU's
// dictionary-based word breaks for Chinese) and in lines as even as the words allow, rather
// than leaving Word, LibreOffice or pango to cut it wherever the line runs out ("全年预算/数",
// "执行/率"). No line starts with closing punctuation or ends with opening punctuation. A word
// wider than the column alone is cut between characters, evenly.
//
// When even that leaves a line of one character cut from a longer word ("执行/率"), FitHeader
// tries sizes down to three quarters of the font's.
//
// Widths are estimated in ems of the cell's font: a CJK or full-width character is 1 em, any
// other 0.55 em; the column loses its cell padding (1 mm each side) and a sixth of an em first.
#pragma once

#include <string>
#include <string_view>

namespace jixiao {

// `text` with '\n' inserted where it must break to fit a column `width_mm10` (mm × 10) wide in
// a font of `size_half_points`; unchanged when it fits, or when the column or the font is not
// positive. Lines already broken by '\n' are fitted one by one.
std::string FitHeaderText(std::string_view text, int width_mm10, int size_half_points);

// A header's text and size: at the font's size when FitHeaderText breaks it only between words
// and leaves no line of a single character cut from a longer word ("执行/率"); else the largest
// size down to three quarters of the font's, in half points, at which it does; else the font's
// size with FitHeaderText's lines.
struct FittedHeader {
  std::string text;
  int size_half_points = 0;
};
FittedHeader FitHeader(std::string_view text, int width_mm10, int size_half_points);

}  // namespace jixiao
