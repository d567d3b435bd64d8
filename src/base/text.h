// UTF-8 text utilities for the documents units write: decoding code points, trimming the
// blanks Word leaves (ASCII space, tab, U+3000 ideographic space, NBSP), folding full-width
// ASCII (０-９, ％, （）…) to ASCII, and the display width of a string in a terminal
// (CJK characters take two columns) for underlining a cell under a quoted row.
//
// Pure functions; safe from any thread. Invalid UTF-8 never crashes: a bad byte decodes as
// U+FFFD and advances one byte.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

// Whether `word` occurs in `text` at byte `pos` (pos <= text.size()). Inlined without a call to
// memcmp for words of up to 16 bytes (a few Chinese characters): the text checks compare words
// at positions millions of times, where a call costs more than the comparison.
inline bool BytesAt(std::string_view text, size_t pos, std::string_view word) {
  const size_t n = word.size();
  if (text.size() - pos < n) return false;
  const char* a = text.data() + pos;
  const char* b = word.data();
  // Two loads of each, overlapping when n is not a power of two, compared at once.
  const auto same = [&](auto width) {
    decltype(width) a0, a1, b0, b1;
    std::memcpy(&a0, a, sizeof a0);
    std::memcpy(&b0, b, sizeof b0);
    std::memcpy(&a1, a + n - sizeof a1, sizeof a1);
    std::memcpy(&b1, b + n - sizeof b1, sizeof b1);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  };
  if (n >= 8) return n <= 16 ? same(uint64_t{}) : std::memcmp(a, b, n) == 0;
  if (n >= 4) return same(uint32_t{});
  if (n >= 2) return same(uint16_t{});
  return n == 0 || a[0] == b[0];
}

// The position of the first ASCII digit at or after `pos`, or text.size(): eight bytes at a
// time (Chinese text is mostly bytes of 0x80 and above, and digits are few).
inline size_t FindAsciiDigit(std::string_view text, size_t pos) {
  constexpr uint64_t kOnes = ~uint64_t{0} / 255;  // 0x0101…01
  const char* data = text.data();
  for (; pos + 8 <= text.size(); pos += 8) {
    uint64_t x;
    std::memcpy(&x, data + pos, 8);
    // A byte's high bit is set in `hit` when it is below 0x80 and strictly between '/' and ':'
    // (one of '0'…'9'): seven-bit sums and differences that cannot carry into the next byte.
    const uint64_t low = x & (kOnes * 127);
    const uint64_t hit =
        (kOnes * (127 + ':') - low) & ~x & (low + kOnes * (127 - '/')) & (kOnes * 128);
    if (hit != 0) {
      // The lowest byte in memory order: the least significant on little-endian machines.
      if constexpr (std::endian::native == std::endian::little) {
        return pos + static_cast<size_t>(std::countr_zero(hit) / 8);
      } else {
        break;  // found in this block: the byte loop below finds it
      }
    }
  }
  while (pos < text.size() && !(text[pos] >= '0' && text[pos] <= '9')) ++pos;
  return pos;
}

// The first position at or after `pos` where `word` starts in `text`, or npos: exactly
// std::string_view::find's answer. Sixteen positions at a time are tested by the word's first and
// last bytes together (GCC's vector extensions: SSE2 on x86-64, NEON on ARM) and only those
// holding both are compared whole. `find` calls memchr for the first byte, which in Chinese
// text is the lead byte of one character in a few and stops the scan every few bytes.
size_t FindWord(std::string_view text, std::string_view word, size_t pos = 0);
inline bool HasWord(std::string_view text, std::string_view word) {
  return FindWord(text, word) != std::string_view::npos;
}
// Whether `a` or `b` occurs in `text`, in one pass of FindWord's kind.
bool HasEitherWord(std::string_view text, std::string_view a, std::string_view b);

// Decodes the code point at text[*pos] and advances *pos past it.
char32_t NextCodePoint(std::string_view text, size_t* pos);
void AppendUtf8(char32_t cp, std::string* out);

bool IsBlankCodePoint(char32_t cp);  // space, tab, CR, LF, U+3000, U+00A0, U+FEFF
// Removes leading and trailing blanks.
std::string_view TrimBlank(std::string_view text);
// `text` with A–Z made a–z and every other byte as it is (names that are case-insensitive in
// their formats: file extensions, zip part names, encodings, HTTP codings).
std::string AsciiLowered(std::string_view text);
// True when the text is empty or only blanks.
bool IsBlank(std::string_view text);

// Full-width ASCII forms (U+FF01–U+FF5E) to ASCII, U+3000 to space, and the minus and dash
// look-alikes that stand for a minus sign (U+2212, U+FF0D) to '-'. Other text is unchanged.
std::string FoldWidth(std::string_view text);
// The ASCII character FoldWidth folds the three bytes at text[pos] to, or 0 when they are not
// one it folds. FoldWidth folds each such character where it stands, left to right; no
// folded character has an ASCII byte inside it, so the character at an ASCII byte or at one
// this names is where FoldWidth's pass stands too.
char FoldedAt(std::string_view text, size_t pos);

// Terminal columns the text occupies: East-Asian wide and full-width characters count 2,
// combining marks 0, everything else 1.
int DisplayWidth(std::string_view text);

// Whether any of `words` occurs in `text` (as std::string_view::find would find it), in one
// pass over the text: a position is compared with a word only when it holds the word's first
// character. Empty words are ignored.
bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> words);

// A fixed list of up to 64 words compiled once for searching many texts, in one pass that
// compares a position with a word only when a bitmap says one may start there (one lookup per
// character, by the character when it is a three-byte one — most Chinese characters and marks —
// else by its first two bytes; the continuation bytes of a character are stepped over when no
// word starts with one): which of the words occur in a text, or where the next one starts. The
// answers are exactly what comparing the bytes gives (std::string_view::find), on any bytes,
// invalid UTF-8 included.
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
  std::string_view word(size_t i) const { return words_[i]; }

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
  // Calls on(p, group) at each position p in [pos, end) where the bitmap says a word may start,
  // until it returns true.
  template <typename On>
  void Candidates(std::string_view text, size_t pos, size_t end, On on) const;

  std::vector<std::string> words_;
  uint64_t nonempty_ = 0;             // the words that can occur at all
  bool continuation_starts_ = false;  // a word starts with a continuation byte (80–BF)
  // 65,536 bits by a position's key: a 16-bit hash of the character's three bytes where a
  // well-formed three-byte character starts, else the first two bytes (b0 | b1 << 8); see
  // text.cc. A word sets the key of every position it can start at.
  uint64_t starts_[1024] = {};
  // Word indices grouped by key mod 1024, longest first in each group: group g is
  // by_key_[group_[g], group_[g + 1]).
  std::vector<uint8_t> by_key_;
  uint16_t group_[1025] = {};
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
