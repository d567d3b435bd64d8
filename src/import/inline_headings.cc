// Inline headings: one left-to-right pass over the line, looking at each character only for
// the next heading expected (the next top number, or the next subheading number).
#include "import/inline_headings.h"

#include <array>
#include <string>

#include "base/text.h"

namespace jixiao {
namespace {

constexpr std::array<std::string_view, 20> kNumerals = {
    "一",   "二",   "三",   "四",   "五",   "六",   "七",   "八",   "九",   "十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"};

bool IsNumeral(char32_t cp) {
  for (char32_t n : {U'一', U'二', U'三', U'四', U'五', U'六', U'七', U'八', U'九', U'十', U'百',
                     U'第', U'两', U'零'}) {
    if (cp == n) return true;
  }
  return false;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The length of the top heading marker "<numeral>、" at s, or 0.
size_t TopMarker(std::string_view s, size_t numeral) {
  const std::string marker = std::string(kNumerals[numeral]) + "、";
  if (!StartsWith(s, marker)) return 0;
  size_t pos = marker.size();
  if (pos < s.size() && IsNumeral(NextCodePoint(s, &pos))) return 0;  // 一、二级指标
  return marker.size();
}

// The length of the subheading marker "(<numeral>)" / "（<numeral>）" at s, or 0.
size_t SubMarker(std::string_view s, size_t numeral) {
  for (std::string_view open : {"(", "（"}) {
    if (!StartsWith(s, open)) continue;
    const std::string_view rest = s.substr(open.size());
    if (!StartsWith(rest, kNumerals[numeral])) continue;
    const std::string_view after = rest.substr(kNumerals[numeral].size());
    for (std::string_view close : {")", "）"}) {
      if (StartsWith(after, close)) return open.size() + kNumerals[numeral].size() + close.size();
    }
  }
  return 0;
}

// Where the report's title ends in the text before the first heading: right after the first
// 报告 among its first kLongestTitle characters (not "报告如下", which is the preamble's), or 0.
constexpr int kLongestTitle = 80;
size_t TitleEnd(std::string_view head) {
  size_t pos = 0;
  for (int n = 0; n < kLongestTitle && pos < head.size(); ++n) {
    if (StartsWith(head.substr(pos), "报告")) {
      const size_t end = pos + std::string_view("报告").size();
      return StartsWith(head.substr(end), "如下") ? 0 : end;
    }
    NextCodePoint(head, &pos);
  }
  return 0;
}

// A heading run on into its first paragraph ("(二)设置机构及人员情况 我局成立于…"): the heading
// ends at the first blank after its marker when what comes before is a short title (at most
// kLongestHeading characters, no sentence punctuation) and something follows. `marker` is the
// length of the heading's number. Appends the heading, then the body when cut.
constexpr int kLongestHeading = 30;
void AppendHeadingAndBody(std::string_view part, size_t marker,
                          std::vector<std::string_view>* parts) {
  size_t pos = marker;
  int chars = 0;
  while (pos < part.size() && chars <= kLongestHeading) {
    size_t next = pos;
    const char32_t cp = NextCodePoint(part, &next);
    if (cp == U' ' || cp == U'\u3000') {
      const std::string_view body = TrimBlank(part.substr(pos));
      if (chars >= 2 && !body.empty()) {
        parts->push_back(TrimBlank(part.substr(0, pos)));
        parts->push_back(body);
        return;
      }
      break;
    }
    if (cp == U'。' || cp == U'，' || cp == U'；' || cp == U'：' || cp == U':' || cp == U',') break;
    ++chars;
    pos = next;
  }
  parts->push_back(part);
}

}  // namespace

bool StartsWithFirstHeading(std::string_view line) { return TopMarker(TrimBlank(line), 0) > 0; }

std::vector<std::string_view> InlineHeadingParts(std::string_view line) {
  const std::string_view t = TrimBlank(line);
  if (t.size() < kShortestRunTogetherReport) return {};
  std::vector<size_t> cuts;
  std::vector<size_t> markers;  // the length of each cut's heading number
  size_t next_top = 0;  // index in kNumerals of the next top heading
  size_t next_sub = 0;  // of the next subheading (after a top heading only)
  char32_t before = 0;  // the code point before position i
  for (size_t i = 0; i < t.size();) {
    size_t next = i;
    const char32_t cp = NextCodePoint(t, &next);
    if (!IsNumeral(before)) {
      const std::string_view here = t.substr(i);
      size_t used = 0;
      if (next_top < kNumerals.size() && (used = TopMarker(here, next_top)) > 0) {
        cuts.push_back(i);
        ++next_top;
        next_sub = 0;
      } else if (next_top > 0 && next_sub < kNumerals.size() &&
                 (used = SubMarker(here, next_sub)) > 0) {
        cuts.push_back(i);
        ++next_sub;
      }
      if (used > 0) {
        markers.push_back(used);
        before = 0;
        i += used;
        continue;
      }
    }
    before = cp;
    i = next;
  }
  if (cuts.size() < 3) return {};
  std::vector<std::string_view> parts;
  const std::string_view head = TrimBlank(t.substr(0, cuts[0]));
  // The title runs on into the preamble ("…绩效自评报告为规范…"): cut after its 报告.
  const size_t title_end = TitleEnd(head);
  if (title_end > 0 && title_end < head.size()) {
    parts.push_back(TrimBlank(head.substr(0, title_end)));
    parts.push_back(TrimBlank(head.substr(title_end)));
  } else if (!head.empty()) {
    parts.push_back(head);
  }
  for (size_t k = 0; k < cuts.size(); ++k) {
    const size_t end = k + 1 < cuts.size() ? cuts[k + 1] : t.size();
    AppendHeadingAndBody(TrimBlank(t.substr(cuts[k], end - cuts[k])), markers[k], &parts);
  }
  return parts;
}

}  // namespace jixiao
