// UTF-8 decoding, blank trimming, width folding and display width.
#include "base/text.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <vector>

namespace jixiao {

char32_t NextCodePoint(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const size_t i = *pos;
  const unsigned char b0 = byte(i);
  int len = 0;
  char32_t cp = 0;
  if (b0 < 0x80) {
    *pos = i + 1;
    return b0;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  if (i + len > text.size()) {
    *pos = i + 1;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      *pos = i + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  const char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = i + 1;
    return 0xFFFD;
  }
  *pos = i + len;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsBlankCodePoint(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0 ||
         cp == 0xFEFF;
}

namespace {

// Byte length of a blank code point ending at text[end - 1], or 0.
size_t BlankSuffixLength(std::string_view text, size_t end) {
  const auto at = [&](size_t back) { return static_cast<unsigned char>(text[end - back]); };
  if (end >= 1) {
    const unsigned char c = at(1);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
  }
  if (end >= 2 && at(2) == 0xC2 && at(1) == 0xA0) return 2;                   // U+00A0
  if (end >= 3 && at(3) == 0xE3 && at(2) == 0x80 && at(1) == 0x80) return 3;  // U+3000
  if (end >= 3 && at(3) == 0xEF && at(2) == 0xBB && at(1) == 0xBF) return 3;  // U+FEFF
  return 0;
}

}  // namespace

std::string_view TrimBlank(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t next = begin;
    if (!IsBlankCodePoint(NextCodePoint(text, &next))) break;
    begin = next;
  }
  size_t end = text.size();
  while (end > begin) {
    const size_t n = BlankSuffixLength(text, end);
    if (n == 0 || end - n < begin) break;
    end -= n;
  }
  return text.substr(begin, end - begin);
}

bool IsBlank(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (!IsBlankCodePoint(NextCodePoint(text, &pos))) return false;
  }
  return true;
}

std::string FoldWidth(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const char32_t cp = NextCodePoint(text, &pos);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));
    } else if (cp == 0x3000) {
      out.push_back(' ');
    } else if (cp == 0x2212) {
      out.push_back('-');
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

int DisplayWidth(std::string_view text) {
  int width = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = NextCodePoint(text, &pos);
    const auto ea = static_cast<UEastAsianWidth>(
        u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH));
    const auto category = u_charType(static_cast<UChar32>(cp));
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || cp == 0x200B) {
      continue;
    }
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> words) {
  // First bytes of the words: most positions are rejected on one byte.
  bool first[256] = {};
  for (std::string_view w : words) {
    if (!w.empty()) first[static_cast<unsigned char>(w[0])] = true;
  }
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (!first[static_cast<unsigned char>(text[pos])]) continue;
    for (std::string_view w : words) {
      if (!w.empty() && text.compare(pos, w.size(), w) == 0) return true;
    }
  }
  return false;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

LineColumn LineColumnAt(std::string_view text, size_t offset) {
  LineColumn lc;
  size_t pos = 0;
  offset = offset > text.size() ? text.size() : offset;
  while (pos < offset) {
    const char32_t cp = NextCodePoint(text, &pos);
    if (cp == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

}  // namespace jixiao
