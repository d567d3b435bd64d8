// ParseDocumentNumber: width folding, grouping validation, percent sign.
#include "base/number_text.h"

#include <algorithm>
#include <vector>

#include "base/lang.h"
#include "base/text.h"

namespace jixiao {
namespace {

DocumentNumber Fail(size_t offset, std::string_view message) {
  DocumentNumber r;
  r.error_offset = offset;
  r.error = std::string(message);
  return r;
}

}  // namespace

DocumentNumber ParseDocumentNumber(std::string_view text) {
  // The common case first, without allocating: plain ASCII digits with at most a point
  // ("124.88", "17"). What the general reading below makes of such a text is the same.
  if (!text.empty() && std::all_of(text.begin(), text.end(),
                                   [](char c) { return (c >= '0' && c <= '9') || c == '.'; })) {
    if (auto value = Decimal::Parse(text)) {
      DocumentNumber r;
      r.ok = true;
      r.value = *value;
      return r;
    }
  }
  // Fold code point by code point so that offsets refer to the original bytes.
  std::string plain;           // ASCII digits, sign, '.', ','
  std::vector<size_t> origin;  // byte offset in `text` of each char of `plain`
  bool percent = false;
  size_t percent_at = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    char32_t cp = NextCodePoint(text, &pos);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
    if (cp == 0x2212) cp = '-';
    if (IsBlankCodePoint(cp)) {
      if (!plain.empty() || percent) {
        // Blanks may only trail; anything after them is checked below.
        size_t rest = pos;
        while (rest < text.size()) {
          const size_t at = rest;
          if (!IsBlankCodePoint(NextCodePoint(text, &rest))) {
            return Fail(at, Tr("数字后面有多余的文字", "unexpected text after the number"));
          }
        }
        break;
      }
      continue;
    }
    if (percent) return Fail(start, Tr("“%”后面有多余的文字", "unexpected text after '%'"));
    if (cp == '%') {
      if (plain.empty()) return Fail(start, "'%' without a number");
      percent = true;
      percent_at = start;
      continue;
    }
    if ((cp >= '0' && cp <= '9') || cp == '.' || cp == ',' || cp == '-' || cp == '+') {
      plain.push_back(static_cast<char>(cp));
      origin.push_back(start);
      continue;
    }
    return Fail(start, Tr("不是数字中的字符", "not a number character"));
  }
  (void)percent_at;
  if (plain.empty()) return Fail(0, Tr("没有数字", "no number"));

  // Thousands separators: groups of exactly three digits before the point.
  bool grouped = false;
  std::string digits;
  const size_t point = plain.find('.');
  const size_t int_end = point == std::string::npos ? plain.size() : point;
  size_t since_comma = 0;
  bool seen_digit = false;
  for (size_t i = 0; i < plain.size(); ++i) {
    const char c = plain[i];
    if (c == ',') {
      if (i > int_end || !seen_digit || (grouped && since_comma != 3) ||
          (!grouped && since_comma > 3)) {
        return Fail(origin[i], Tr("千分位逗号的位置不对", "misplaced thousands separator"));
      }
      grouped = true;
      since_comma = 0;
      continue;
    }
    if ((c == '-' || c == '+') && i != 0)
      return Fail(origin[i], Tr("正负号在数字中间", "sign inside the number"));
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (i < int_end) ++since_comma;
    }
    digits.push_back(c);
  }
  if (grouped && since_comma != 3) {
    return Fail(origin[int_end == plain.size() ? plain.size() - 1 : int_end],
                Tr("千分位逗号的位置不对", "misplaced thousands separator"));
  }
  auto value = Decimal::Parse(digits);
  if (!value) {
    // Find the first character that makes it malformed, for the offset.
    size_t bad = 0;
    const size_t second_point = plain.find('.', point == std::string::npos ? 0 : point + 1);
    if (point != std::string::npos && second_point != std::string::npos) {
      bad = origin[second_point];
    } else if (point != std::string::npos && point + 1 == plain.size()) {
      bad = origin[point];
    } else if (plain[0] == '.' || ((plain[0] == '-' || plain[0] == '+') && plain.size() == 1)) {
      bad = origin[0];
    }
    return Fail(bad, Tr("数字格式不对或太长（最多 24 位，小数最多 18 位）",
                        "malformed or too long number (at most 24 digits and 18 decimals)"));
  }
  DocumentNumber r;
  r.ok = true;
  r.value = *value;
  r.percent = percent;
  r.grouped = grouped;
  return r;
}

}  // namespace jixiao
