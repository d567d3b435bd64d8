// Page furniture, site chrome and OCR repairs of figures, by the wording of one line or cell.
#include "import/text_noise.h"

#include <array>
#include <vector>

#include "base/number_text.h"
#include "base/text.h"

namespace jixiao {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Longer than any figure, page number or chrome line: never one of them, not examined.
constexpr size_t kLongestExamined = 240;

// "12", at most 4 digits.
bool SmallNumber(std::string_view s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

// `c` (compact: no blanks, folded) is a page number: "第3页共12页", "第3页/共12页",
// "第3页,共12页", "共12页第3页", "第3页", "-3-", "—3—", "3/12", "Page3of12".
bool IsPageNumber(std::string_view c) {
  std::string_view s = c;
  const auto number = [&]() -> std::string_view {
    size_t n = 0;
    while (n < s.size() && n < 5 && IsDigit(s[n])) ++n;
    const std::string_view d = s.substr(0, n);
    s.remove_prefix(n);
    return d;
  };
  const auto eat = [&](std::string_view w) {
    if (!StartsWith(s, w)) return false;
    s.remove_prefix(w.size());
    return true;
  };
  // 第N页 [sep] 共M页, or 共M页 第N页.
  {
    s = c;
    if (eat("第") && !number().empty() && eat("页")) {
      if (s.empty()) return true;
      eat("/") || eat(",") || eat("，") || eat("、");
      if (eat("共") && !number().empty() && eat("页") && s.empty()) return true;
    }
    s = c;
    if (eat("共") && !number().empty() && eat("页")) {
      eat("/") || eat(",") || eat("，");
      if (eat("第") && !number().empty() && eat("页") && s.empty()) return true;
    }
  }
  // -N-, —N—, –N–.
  for (std::string_view dash : {"-", "—", "–", "－"}) {
    s = c;
    if (eat(dash) && !number().empty() && eat(dash) && s.empty()) return true;
  }
  // N/M with N ≤ M.
  {
    const size_t slash = c.find('/');
    if (slash != std::string_view::npos) {
      const std::string_view a = c.substr(0, slash), b = c.substr(slash + 1);
      if (SmallNumber(a) && SmallNumber(b) && ToInt(a) >= 1 && ToInt(a) <= ToInt(b)) return true;
    }
  }
  // Page N of M.
  s = c;
  if ((eat("Page") || eat("page")) && !number().empty()) {
    if (s.empty()) return true;
    if (eat("of") && !number().empty() && s.empty()) return true;
  }
  return false;
}

// The leads of a web page's chrome lines (compact: no blanks, folded, so "：" is ':').
constexpr std::array<std::string_view, 27> kChromeLeads = {
    "【字体",  "[字体",     "字体:",     "字号:",     "【字号",    "发布时间:", "发布日期:",
    "来源:",   "信息来源:", "文章来源:", "稿件来源:", "浏览次数",  "阅读次数",  "点击次数",
    "点击数:", "访问次数",  "浏览量:",   "阅读量:",   "责任编辑:", "分享到",    "上一篇:",
    "下一篇:", "【打印",    "[打印",     "【关闭",    "[关闭",     "扫一扫",
};

// Lines that are one of these words alone, or several of them (brackets dropped).
constexpr std::array<std::string_view, 14> kChromeWords = {
    "打印本页", "关闭窗口", "打印", "关闭",     "收藏",     "收藏本页", "返回顶部",
    "打印此页", "关闭本页", "分享", "【打印】", "【关闭】", "[打印]",   "[关闭]",
};

bool IsChromeWord(std::string_view w) {
  if (StartsWith(w, "【") && EndsWith(w, "】") && w.size() > 6) w = w.substr(3, w.size() - 6);
  if (StartsWith(w, "[") && EndsWith(w, "]") && w.size() > 2) w = w.substr(1, w.size() - 2);
  for (std::string_view c : kChromeWords) {
    if (w == c) return true;
  }
  return false;
}

bool IsChrome(std::string_view trimmed, std::string_view compact) {
  for (std::string_view lead : kChromeLeads) {
    if (StartsWith(compact, lead)) return true;
  }
  // "【打印本页】 【关闭窗口】", "打印本页 | 关闭窗口": every word a chrome word.
  const std::string folded = FoldWidth(trimmed);
  size_t words = 0;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && (folded[i] == ' ' || folded[i] == '|')) ++i;
    size_t j = i;
    while (j < folded.size() && folded[j] != ' ' && folded[j] != '|') ++j;
    if (j == i) break;
    if (!IsChromeWord(std::string_view(folded).substr(i, j - i))) return false;
    ++words;
    i = j;
  }
  return words > 0;
}

// Units a figure cell may carry after its number (as the recognizer's ReadCell drops them).
constexpr std::array<std::string_view, 4> kFigureUnits = {"万元", "元", "分", "人"};

std::string_view WithoutUnit(std::string_view t) {
  for (std::string_view unit : kFigureUnits) {
    if (t.size() > unit.size() && EndsWith(t, unit)) return t.substr(0, t.size() - unit.size());
  }
  return t;
}

bool IsLookAlike(char c) { return c == 'O' || c == 'o' || c == 'l' || c == 'I'; }
bool IsNumberChar(char c) { return IsDigit(c) || c == '.' || c == ','; }

// Replaces O/o/l/I by 0/1 in every run of digits, separators and look-alikes that holds at
// least one real digit; `changed` says whether any was replaced.
std::string ReplaceLookAlikes(std::string_view s, bool* changed) {
  std::string out(s);
  size_t i = 0;
  while (i < out.size()) {
    if (!IsNumberChar(out[i]) && !IsLookAlike(out[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool digit = false;
    while (j < out.size() && (IsNumberChar(out[j]) || IsLookAlike(out[j]))) {
      digit = digit || IsDigit(out[j]);
      ++j;
    }
    // A look-alike touching a Latin letter outside the run is part of a word ("Total").
    const bool word_before = i > 0 && ((out[i - 1] >= 'A' && out[i - 1] <= 'Z') ||
                                       (out[i - 1] >= 'a' && out[i - 1] <= 'z'));
    const bool word_after =
        j < out.size() && ((out[j] >= 'A' && out[j] <= 'Z') || (out[j] >= 'a' && out[j] <= 'z'));
    if (digit && !word_before && !word_after) {
      for (size_t k = i; k < j; ++k) {
        if (!IsLookAlike(out[k])) continue;
        out[k] = (out[k] == 'O' || out[k] == 'o') ? '0' : '1';
        *changed = true;
      }
    }
    i = j;
  }
  return out;
}

// "1 2 4.88" → "124.88", "95 %" → "95%", "95 .10" → "95.10", "1 0 万元" → "10万元": blanks
// inside a figure, removed only when the pieces cannot be figures of their own: each piece is
// '%', a unit or starts with '.', or follows a piece of one digit and the figure has a decimal
// point, a '%' or a unit ("8 7" may be two cells, "1 2 4.88" hardly).
std::optional<std::string> JoinPieces(std::string_view folded, bool delimited) {
  std::vector<std::string_view> pieces;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t j = i;
    while (j < folded.size() && folded[j] != ' ') ++j;
    if (j > i) pieces.push_back(folded.substr(i, j - i));
    i = j;
  }
  if (pieces.size() < 2) return std::nullopt;
  const std::string_view last = pieces.back();
  bool marked = last.find('.') != std::string_view::npos || last.back() == '%';
  for (std::string_view u : kFigureUnits) marked = marked || EndsWith(last, u);
  if (!marked && !delimited) return std::nullopt;
  std::string out(pieces[0]);
  for (size_t k = 1; k < pieces.size(); ++k) {
    const std::string_view p = pieces[k];
    bool unit = p == "%";
    for (std::string_view u : kFigureUnits) unit = unit || p == u;
    const std::string_view before = pieces[k - 1];
    const bool one_digit = before.size() == 1 && IsDigit(before[0]);
    // In a cell whose edges are known, digits apart are one figure unless a piece before the
    // last is a whole figure of its own ("153.53 127.10", "98% 9.8").
    const bool joinable =
        delimited && before.find('.') == std::string_view::npos && before.back() != '%';
    if (!unit && p[0] != '.' && !one_digit && !joinable) return std::nullopt;
    out += p;
  }
  return out;
}

}  // namespace

std::string Compact(std::string_view text) {
  const std::string folded = FoldWidth(text);
  std::string out;
  out.reserve(folded.size());
  size_t pos = 0;
  while (pos < folded.size()) {
    const size_t at = pos;
    const char32_t cp = NextCodePoint(folded, &pos);
    if (!IsBlankCodePoint(cp)) out.append(folded, at, pos - at);
  }
  return out;
}

namespace {

// Whether a trimmed line may be a page number or chrome, by a cheap look (most lines are not):
// a page number has a digit and no sentence in it, chrome starts with one of its leads' first
// characters.
bool MayBeNotContent(std::string_view t) {
  if (t.find("。") != std::string_view::npos) return false;
  for (char c : t) {
    if (c >= '0' && c <= '9') return true;
  }
  if (t.find("\xef\xbc") != std::string_view::npos) return true;  // full-width digits, ［ …
  for (std::string_view lead :
       {"【", "[",  "字", "发", "来", "信", "文", "稿", "浏", "阅", "点", "访", "责", "分",
        "上", "下", "扫", "打", "关", "收", "返", "P",  "p",  "第", "共", "-",  "—",  "–"}) {
    if (StartsWith(t, lead)) return true;
  }
  return false;
}

}  // namespace

std::optional<FlatSkipped::Why> NotContent(std::string_view line) {
  if (line.empty() || line.size() > kLongestExamined + 16 || line.front() == '\t') {
    return std::nullopt;
  }
  const std::string_view t = TrimBlank(line);
  if (t.empty() || t.size() > kLongestExamined || !MayBeNotContent(t)) return std::nullopt;
  const std::string c = Compact(t);
  if (IsPageNumber(c)) return FlatSkipped::Why::kPageNumber;
  if (IsChrome(t, c)) return FlatSkipped::Why::kSiteChrome;
  return std::nullopt;
}

bool IsEmptyMarker(std::string_view text) {
  const std::string_view t = TrimBlank(text);
  return t == "——" || t == "—" || t == "/" || t == "／" || t == "-" || t == "－" || t == "--" ||
         t == "－－";
}

bool IsFigure(std::string_view text) {
  const std::string_view t = TrimBlank(text);
  if (t.empty() || t.size() > kLongestExamined) return false;
  return ParseDocumentNumber(WithoutUnit(t)).ok;
}

std::optional<std::string> RepairFigure(std::string_view text, bool delimited) {
  const std::string_view t = TrimBlank(text);
  if (t.empty() || t.size() > kLongestExamined || IsFigure(t)) return std::nullopt;
  std::string folded = FoldWidth(t);
  // U+3000 folds to ' '; other blanks inside (tabs, NBSP) make it no figure.
  bool changed = false;
  std::string s = ReplaceLookAlikes(folded, &changed);
  if (s.find(' ') != std::string::npos) {
    std::optional<std::string> joined = JoinPieces(s, delimited);
    if (!joined) return std::nullopt;
    s = std::move(*joined);
    changed = true;
  }
  if (!changed || !IsFigure(s)) return std::nullopt;
  return s;
}

std::optional<std::string> RepairTarget(std::string_view text) {
  const std::string_view t = TrimBlank(text);
  if (t.empty() || t.size() > kLongestExamined) return std::nullopt;
  std::string out;
  std::string_view rest = t;
  bool changed = false;
  const std::string folded_head = FoldWidth(t.substr(0, std::min<size_t>(t.size(), 6)));
  if (StartsWith(folded_head, "=<")) {
    out = "≤";
    changed = true;
  } else if (StartsWith(folded_head, "=>")) {
    out = "≥";
    changed = true;
  }
  if (changed) {
    // Skip the two characters as written (each ASCII or a 3-byte full-width form).
    for (int k = 0; k < 2; ++k) {
      size_t pos = 0;
      NextCodePoint(rest, &pos);
      rest.remove_prefix(pos);
    }
  }
  // The figure right after the comparator: look-alikes between digits.
  for (std::string_view op : {"≥", "≤", "≧", "≦", ">", "<", "=", "＞", "＜", "＝"}) {
    if (StartsWith(rest, op)) {
      out += op;
      rest.remove_prefix(op.size());
      break;
    }
  }
  size_t n = 0;
  while (n < rest.size() && (IsNumberChar(rest[n]) || IsLookAlike(rest[n]))) ++n;
  bool replaced = false;
  const std::string number = ReplaceLookAlikes(rest.substr(0, n), &replaced);
  // "≥9O%" is a figure once repaired; "≥IO项" has no digit and is left alone.
  if (replaced && n > 0 && (n == rest.size() || !(rest[n] >= 'A' && rest[n] <= 'z'))) {
    out += number;
    changed = true;
  } else {
    out += rest.substr(0, n);
  }
  out += rest.substr(n);
  if (!changed) return std::nullopt;
  return out;
}

}  // namespace jixiao
