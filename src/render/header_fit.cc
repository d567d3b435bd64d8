// Header cells that fit their columns (header_fit.h): ICU word breaks, then the fewest lines
// that fit, most even first.
#include "render/header_fit.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

namespace jixiao {
namespace {

struct Piece {
  std::string text;
  double width = 0;  // ems
};

bool Wide(UChar32 c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000 || c == 0x33A1 /* ㎡ */;
}

double Width(const icu::UnicodeString& s) {
  double w = 0;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) w += Wide(s.char32At(i)) ? 1 : 0.55;
  return w;
}

bool In(const char16_t* set, UChar32 c) {
  for (const char16_t* p = set; *p != 0; ++p) {
    if (static_cast<UChar32>(*p) == c) return true;
  }
  return false;
}
bool Closing(UChar32 c) { return In(u"）】》」』〉，。、；：！？%％’”", c); }
bool Opening(UChar32 c) { return In(u"（【《「『〈‘“", c); }

// The line's words (ICU word boundaries), with punctuation kept to its word.
std::vector<icu::UnicodeString> Words(const icu::UnicodeString& line) {
  std::vector<icu::UnicodeString> words;
  // One iterator per thread (an iterator is not safe to share; making one loads ICU's rules and
  // was most of a header's time).
  thread_local const std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> made(
        icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  if (!it) {
    for (int32_t i = 0; i < line.length(); i = line.moveIndex32(i, 1)) {
      words.push_back(line.tempSubString(i, line.moveIndex32(i, 1) - i));
    }
    return words;
  }
  it->setText(line);
  int32_t prev = it->first();
  for (int32_t at = it->next(); at != icu::BreakIterator::DONE; prev = at, at = it->next()) {
    icu::UnicodeString word = line.tempSubString(prev, at - prev);
    const bool glue_left =
        !words.empty() &&
        (Closing(word.char32At(0)) ||
         Opening(words.back().char32At(words.back().moveIndex32(words.back().length(), -1))));
    if (glue_left) {
      words.back() += word;
    } else {
      words.push_back(word);
    }
  }
  return words;
}

// Splits the pieces into the fewest lines of at most `capacity` ems, the widest line as narrow
// as possible among those; empty when a piece alone is wider.
std::vector<size_t> Breaks(const std::vector<Piece>& pieces, double capacity) {
  const size_t n = pieces.size();
  struct Best {
    int lines = std::numeric_limits<int>::max();
    double widest = 0;
    size_t from = 0;
  };
  std::vector<Best> best(n + 1);
  best[0].lines = 0;
  for (size_t end = 1; end <= n; ++end) {
    double width = 0;
    for (size_t start = end; start-- > 0;) {
      width += pieces[start].width;
      if (width > capacity + 1e-9) break;
      if (best[start].lines == std::numeric_limits<int>::max()) continue;
      const int lines = best[start].lines + 1;
      const double widest = std::max(best[start].widest, width);
      if (lines < best[end].lines || (lines == best[end].lines && widest < best[end].widest)) {
        best[end] = {lines, widest, start};
      }
    }
  }
  if (best[n].lines == std::numeric_limits<int>::max()) return {};
  std::vector<size_t> starts;
  for (size_t at = n; at > 0; at = best[at].from) starts.push_back(best[at].from);
  std::reverse(starts.begin(), starts.end());
  return starts;
}

std::string Join(const std::vector<Piece>& pieces, const std::vector<size_t>& starts) {
  std::string out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0 && std::find(starts.begin(), starts.end(), i) != starts.end()) out += '\n';
    out += pieces[i].text;
  }
  return out;
}

std::string FitLine(const icu::UnicodeString& line, double capacity) {
  std::string original;
  line.toUTF8String(original);
  if (Width(line) <= capacity + 1e-9 || capacity <= 0) return original;
  std::vector<Piece> words;
  for (const icu::UnicodeString& w : Words(line)) {
    Piece p;
    w.toUTF8String(p.text);
    p.width = Width(w);
    words.push_back(std::move(p));
  }
  if (std::vector<size_t> starts = Breaks(words, capacity); !starts.empty()) {
    return Join(words, starts);
  }
  // A word wider than the column: between any two characters, evenly.
  std::vector<Piece> chars;
  for (int32_t i = 0; i < line.length(); i = line.moveIndex32(i, 1)) {
    icu::UnicodeString c = line.tempSubString(i, line.moveIndex32(i, 1) - i);
    Piece p;
    c.toUTF8String(p.text);
    p.width = Width(c);
    chars.push_back(std::move(p));
  }
  if (std::vector<size_t> starts = Breaks(chars, std::max(capacity, 1.0)); !starts.empty()) {
    return Join(chars, starts);
  }
  return original;
}

}  // namespace

std::string FitHeaderText(std::string_view text, int width_mm10, int size_half_points) {
  if (width_mm10 <= 0 || size_half_points <= 0 || text.empty()) return std::string(text);
  // The cell's text width in ems: the column less 1 mm padding each side, over the font's size,
  // less a sixth of an em: a line that fills the cell to within that is wrapped by pango and by
  // LibreOffice all the same ("批复规模" in a 17 mm column).
  const double em_mm10 = size_half_points / 2.0 * 254.0 / 72.0;
  const double capacity = (width_mm10 - 20) / em_mm10 - 1.0 / 6;
  std::string out;
  size_t start = 0;
  while (true) {
    const size_t end = text.find('\n', start);
    const std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    out += FitLine(icu::UnicodeString::fromUTF8(
                       icu::StringPiece(line.data(), static_cast<int32_t>(line.size()))),
                   capacity);
    if (end == std::string_view::npos) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

namespace {

// Whether a line of the fitted text is one character of a longer line of the original.
bool Orphaned(std::string_view original, std::string_view fitted) {
  size_t start = 0;
  bool broken = false;
  while (start <= fitted.size()) {
    size_t end = fitted.find('\n', start);
    if (end == std::string_view::npos) end = fitted.size();
    const icu::UnicodeString line = icu::UnicodeString::fromUTF8(
        icu::StringPiece(fitted.data() + start, static_cast<int32_t>(end - start)));
    if (line.countChar32() == 1 && fitted.size() > original.size()) broken = true;
    start = end + 1;
  }
  return broken;
}

}  // namespace

FittedHeader FitHeader(std::string_view text, int width_mm10, int size_half_points) {
  FittedHeader out{FitHeaderText(text, width_mm10, size_half_points), 0};
  if (!Orphaned(text, out.text)) return out;
  for (int size = size_half_points - 1; size * 4 >= size_half_points * 3; --size) {
    std::string smaller = FitHeaderText(text, width_mm10, size);
    if (!Orphaned(text, smaller)) return {std::move(smaller), size};
  }
  return out;
}

}  // namespace jixiao
