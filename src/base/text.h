// UTF-8 text utilities for the documents units write: decoding code points, trimming the
// blanks Word leaves (ASCII space, tab, U+3000 ideographic space, NBSP), folding full-width
// ASCII (０-９, ％, （）…) to ASCII, and the display width of a string in a terminal
// (CJK characters take two columns) for underlining a cell under a quoted row.
//
// Pure functions; safe from any thread. Invalid UTF-8 never crashes: a bad byte decodes as
// U+FFFD and advances one byte.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace jixiao {

// Decodes the code point at text[*pos] and advances *pos past it.
char32_t NextCodePoint(std::string_view text, size_t* pos);
void AppendUtf8(char32_t cp, std::string* out);

bool IsBlankCodePoint(char32_t cp);  // space, tab, CR, LF, U+3000, U+00A0, U+FEFF
// Removes leading and trailing blanks.
std::string_view TrimBlank(std::string_view text);
// True when the text is empty or only blanks.
bool IsBlank(std::string_view text);

// Full-width ASCII forms (U+FF01–U+FF5E) to ASCII, U+3000 to space, and the minus and dash
// look-alikes that stand for a minus sign (U+2212, U+FF0D) to '-'. Other text is unchanged.
std::string FoldWidth(std::string_view text);

// Terminal columns the text occupies: East-Asian wide and full-width characters count 2,
// combining marks 0, everything else 1.
int DisplayWidth(std::string_view text);

// Whether any of `words` occurs in `text`, in one pass over the text: a position is compared
// with a word only when it holds the word's first character.
bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> words);

// Levenshtein distance over bytes (insertions, deletions, substitutions), for the "did you
// mean …?" of error messages on short names.
size_t EditDistance(std::string_view a, std::string_view b);

// Byte offset → 1-based line and column (column counted in code points).
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn LineColumnAt(std::string_view text, size_t offset);

}  // namespace jixiao
