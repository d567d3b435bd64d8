// What a copy out of a PDF or a web page adds to a text that is not the document's content,
// and the figures such a copy (or OCR) garbles — told apart line by line for the text reader
// (import/text_reader.h):
//   - page numbers ("第 3 页 共 12 页", "- 3 -", "3/12") and site chrome ("打印本页", "关闭窗口",
//     "【字体：大 中 小】", "发布时间：…", "来源：…", "浏览次数：…", "分享到"), which the reader
//     leaves out and lists (FlatDocument::skipped);
//   - figures and targets with OCR noise, repaired only where one reading is possible: 'O'/'o'
//     for 0 and 'l'/'I' for 1 between digits ("1OO%" → "100%"), blanks inside a number or
//     before its unit ("1 2 4.88" → "124.88", "1 0 万元" → "10万元"), "=<" / "=>" for ≤ / ≥
//     before a figure. A 'Q' in place of ≥ is left as written: model/target.h reads it and says it
//     guessed. Prose is never touched: these functions are applied to table cells only.
//
// Pure functions; safe from any thread. Each is linear in the length of its text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "import/flat_document.h"

namespace jixiao {

// Why a line (untrimmed, one line of the text) is not content by its own wording, or nullopt.
// Page headers are told by repetition, by the reader.
std::optional<FlatSkipped::Why> NotContent(std::string_view line);

// The text with every blank (space, U+3000, tab, line break) removed, full-width forms folded.
std::string Compact(std::string_view text);

// Whether `text` (trimmed) is a figure as the recognizer reads one: a number, with thousands
// separators, a '%', or one of the units 万元 / 元 / 分 / 人 after it.
bool IsFigure(std::string_view text);

// Whether `text` (trimmed) is an empty marker: "——", "—", "/", "-", "－", "--".
bool IsEmptyMarker(std::string_view text);

// The figure `text` stands for when it is one only after an unambiguous repair (see above), or
// nullopt (already a figure, or not one however read). `delimited`: the text is a whole cell
// whose edges are known (a tab or '|' cell), so digits apart are one figure ("8 7" → "87")
// unless a piece before the last is a figure of its own ("153.53 127.10"); otherwise (a line
// that may hold several cells) only when every piece before the last is one digit and the
// figure has a decimal point, a '%' or a unit ("1 2 4.88" → "124.88"; "8 7" is left alone).
std::optional<std::string> RepairFigure(std::string_view text, bool delimited = false);

// A target or actual value ("≥95%", "=<5%", "≥9O%", "7 次") repaired the same way; nullopt
// when nothing needs repairing or the repair is not certain.
std::optional<std::string> RepairTarget(std::string_view text);

}  // namespace jixiao
