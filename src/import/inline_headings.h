// A report whose line breaks were lost: a PDF or a web page copied as one long line, its
// numbered headings running on inside it ("…报告如下:一、绩效目标分解下达情况(一)中央下达…二、…").
// The text reader (import/text_reader.h) cuts such a line before each heading so that the
// recognizer finds the report's sections as it would on a text with its line breaks.
//
// A line is cut only when it is long (kShortestRunTogetherReport bytes or more: a whole
// report, not a paragraph), holds at least three headings in the order a report numbers them —
// 一、 first, then each next top heading (二、, 三、 … 二十、) or the next subheading of the
// current one ((一), (二) … in half- or full-width brackets) — and the document has had no
// 一、 heading on a line of its own before it (then its headings are on lines, and a long
// paragraph counting "一、…；二、…" is prose). A numeral right after 第 or another numeral
// ("第一、二季度") or followed by one ("一、二级指标") is not a heading.
//
// Pure functions; linear in the length of the line.
#pragma once

#include <string_view>
#include <vector>

namespace jixiao {

inline constexpr size_t kShortestRunTogetherReport = 600;

// The pieces of `line` cut before each inline heading, trimmed; empty when the line is not cut.
// The text before the first heading is the first piece when not blank — two pieces when it
// starts with the report's title run on into the preamble: cut after the first 报告 among its
// first 80 characters ("…绩效自评报告" / "为规范…"; not "报告如下"). A heading run on into its
// first paragraph after a blank ("(二)机构和人员 本单位编制…") is two pieces, the heading and the
// paragraph, when the title before the blank is short (at most 30 characters) and no sentence.
std::vector<std::string_view> InlineHeadingParts(std::string_view line);

// Whether the trimmed line starts with the top heading "一、" (a heading on a line of its own).
bool StartsWithFirstHeading(std::string_view line);

}  // namespace jixiao
