// UTF-8 text utilities for the documents units write: decoding code points, trimming the
// blanks Word leaves (ASCII space, tab, U+3000 ideographic space, NBSP), folding full-width
// ASCII (０-９, ％, （）…) to ASCII, and the display width of a string in a terminal
// (CJK characters take two columns) for underlining a cell under a quoted row.
//
// Pure functions; safe from any thread. Invalid UTF-8 never crashes: a bad byte decodes as
// U+FFFD and advances one byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

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

// Whether any of `words` occurs in `text` (as std::string_view::find would find it), in one
// pass over the text: a position is compared with a word only when it holds the word's first
// character. Empty words are ignored.
bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> words);

// A fixed list of up to 64 words compiled once for searching many texts, in one pass that
// steps from character to character and compares a position with a word only when a bitmap
// of the words' first characters says one may start there (one lookup per character):
// which of the words occur in a text, or where the next one starts. The answers are exactly
// what comparing the bytes gives (std::string_view::find), on any bytes, invalid UTF-8
// included.
//
// Example:
//   static const WordSet kSurvey({"问卷", "调查"});
//   kSurvey.Find("开展问卷调查")   // 0b11
//
// Build once (a function-local `static const` is the usual place); a built set is immutable
// and safe to use from any thread. More than 64 words is a programming error (aborts).
class WordSet {
 public:
  // Empty words never occur.
  WordSet(std::initializer_list<std::string_view> words);
  explicit WordSet(const std::vector<std::string_view>& words);

  size_t size() const { return words_.size(); }
  std::string_view word(size_t i) const { return words_[i].text; }

  // Bit i is set when word i occurs in `text`.
  uint64_t Find(std::string_view text) const;

  // The first word occurring at a position in [pos, end) of `text` (it may run past `end`):
  // its index (the longest word there; among equally long ones, the earliest in the list) and
  // its position. {-1, end} when there is none.
  struct Found {
    int word;
    size_t at;
  };
  Found NextWord(std::string_view text, size_t pos, size_t end) const;

 private:
  struct Word {
    std::string text;
    char32_t first;  // first character, for the words found through the bitmap
  };
  std::vector<Word> words_;
  // Words whose first character is malformed UTF-8 cannot be found through the bitmap: they
  // are compared byte by byte instead.
  uint64_t searched_ = 0;
  uint64_t nonempty_ = 0;     // the words that can occur at all
  uint64_t filter_[64] = {};  // 4096 bits: may a character (code point mod 4096) start a word?
  // The other words' indices grouped by first character mod 256, longest first in each group:
  // group g is by_first_[group_[g], group_[g + 1]).
  std::vector<uint8_t> by_first_;
  uint16_t group_[257] = {};
};

// Levenshtein distance over bytes (insertions, deletions, substitutions), for the "did you
// mean …?" of error messages on short names.
size_t EditDistance(std::string_view a, std::string_view b);

// Byte offset → 1-based line and column (column counted in code points).
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn LineColumnAt(std::string_view text, size_t offset);

// A spreadsheet's name of 0-based column `column`: "A", "B", …, "Z", "AA", ….
std::string SheetColumnName(int column);

}  // namespace jixiao
