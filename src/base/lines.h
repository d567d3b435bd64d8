// The lines of a cell: Word and web tables wrap a cell's text over several lines ("偏差原因分析及"
// / "改进措施"), and readers compare or keep it either as one run of words or line by line;
// a line of a PDF's text is read word by word.
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

// Each line trimmed of its blanks (base/text.h TrimBlank), joined with nothing between:
// "偏差原因分析及\n 改进措施" → "偏差原因分析及改进措施".
std::string JoinTrimmedLines(std::string_view text);
// Each line trimmed, empty lines dropped, the rest joined with '\n' (prose cells such as goals).
std::string TrimmedNonEmptyLines(std::string_view text);

// The words of a line copied out of a PDF or a web page, as its blanks (IsBlankCodePoint:
// spaces, tabs, U+3000 …) separate them, each with the byte offset where it starts.
struct BlankSeparatedWord {
  std::string_view text;
  size_t at;
};
std::vector<BlankSeparatedWord> BlankSeparatedWords(std::string_view line);

}  // namespace jixiao
