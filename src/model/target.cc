// Target and actual parsing: operators in symbols and words, quantities with 万/亿 units.
#include "model/target.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "base/number_text.h"
#include "base/text.h"

namespace jixiao {

using namespace std::string_view_literals;  // literal lists of words: sizes known, no strlen

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return BytesAt(s, 0, prefix); }
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && BytesAt(s, s.size() - suffix.size(), suffix);
}

// Prefix operators, longest first where one is a prefix of another.
const std::array<std::pair<std::string_view, Comparison>, 22> kPrefixOps = {{
    {"大于或等于", Comparison::kAtLeast}, {"大于等于", Comparison::kAtLeast},
    {"小于或等于", Comparison::kAtMost},  {"小于等于", Comparison::kAtMost},
    {"不低于", Comparison::kAtLeast},     {"不少于", Comparison::kAtLeast},
    {"不小于", Comparison::kAtLeast},     {"至少", Comparison::kAtLeast},
    {"不高于", Comparison::kAtMost},      {"不超过", Comparison::kAtMost},
    {"不多于", Comparison::kAtMost},      {"不大于", Comparison::kAtMost},
    {">=", Comparison::kAtLeast},         {"<=", Comparison::kAtMost},
    {"≥", Comparison::kAtLeast},          {"≧", Comparison::kAtLeast},
    {"≤", Comparison::kAtMost},           {"≦", Comparison::kAtMost},
    {">", Comparison::kAtLeast},          {"<", Comparison::kAtMost},
    {"==", Comparison::kEqual},           {"=", Comparison::kEqual},
}};

const std::array<std::pair<std::string_view, Comparison>, 6> kSuffixOps = {{
    {"及以上", Comparison::kAtLeast},
    {"以上", Comparison::kAtLeast},
    {"及以下", Comparison::kAtMost},
    {"以下", Comparison::kAtMost},
    {"以内", Comparison::kAtMost},
    {"之内", Comparison::kAtMost},
}};

// Range separators between two quantities.
const std::array<std::string_view, 5> kRangeSeparators = {"-", "~", "～", "至", "—"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Splits the unit into multiplier and base unit.
void SetUnit(std::string unit, Quantity* q) {
  // "余" marks an approximate count ("50000余份", "200余人").
  const std::string_view yu = "余";
  if (StartsWith(unit, yu)) {
    q->approximate = true;
    unit = unit.substr(yu.size());
  }
  q->multiplier = Decimal::FromInt(1);
  q->base_unit = unit;
  if (StartsWith(unit, "万") && unit.size() > std::string_view("万").size()) {
    q->multiplier = Decimal::FromInt(10000);
    q->base_unit = unit.substr(std::string_view("万").size());
  } else if (StartsWith(unit, "亿") && unit.size() > std::string_view("亿").size()) {
    q->multiplier = Decimal::FromInt(100000000);
    q->base_unit = unit.substr(std::string_view("亿").size());
  } else if (unit == "万") {
    q->multiplier = Decimal::FromInt(10000);
    q->base_unit.clear();
  }
  q->unit = std::move(unit);
  q->value = q->written * q->multiplier;
}

// ---- dates ----

bool ConsumePrefix(std::string_view* s, std::string_view prefix) {
  if (!StartsWith(*s, prefix)) return false;
  s->remove_prefix(prefix.size());
  return true;
}
bool ConsumeSuffix(std::string_view* s, std::string_view suffix) {
  if (!EndsWith(*s, suffix)) return false;
  s->remove_suffix(suffix.size());
  return true;
}

// Digits at the start of `s` (at most `max_digits`), consumed; -1 when none.
int ConsumeNumber(std::string_view* s, size_t max_digits) {
  size_t n = 0;
  int value = 0;
  while (n < s->size() && n < max_digits && IsDigit((*s)[n]))
    value = value * 10 + ((*s)[n++] - '0');
  if (n == 0 || (n < s->size() && IsDigit((*s)[n]))) return -1;
  s->remove_prefix(n);
  return value;
}

// "[YYYY年]M月[份][底|末|D日|D号]" filling all of `s`. *month_end for 底/末.
bool ParseCalendarDate(std::string_view s, WrittenDate* out, bool* month_end) {
  WrittenDate d;
  *month_end = false;
  std::string_view rest = TrimBlank(s);
  {
    std::string_view probe = rest;
    const int year = ConsumeNumber(&probe, 4);
    if (year >= 1900 && year <= 2999 && ConsumePrefix(&probe, "年")) {
      d.year = year;
      rest = TrimBlank(probe);
    }
  }
  const int month = ConsumeNumber(&rest, 2);
  if (month < 1 || month > 12 || !ConsumePrefix(&rest, "月")) return false;
  d.month = month;
  ConsumePrefix(&rest, "份");
  rest = TrimBlank(rest);
  if (ConsumePrefix(&rest, "底") || ConsumePrefix(&rest, "末")) {
    *month_end = true;
    d.day = 31;
  } else if (!rest.empty()) {
    const int day = ConsumeNumber(&rest, 2);
    if (day < 1 || day > 31 || !(ConsumePrefix(&rest, "日") || ConsumePrefix(&rest, "号"))) {
      return false;
    }
    d.day = day;
  }
  if (!TrimBlank(rest).empty()) return false;
  *out = d;
  return true;
}

long DateKey(const WrittenDate& d, int year) {
  return static_cast<long>(year) * 10000 + d.month * 100 + d.day;
}

// ParseDeadline of a text already folded (FoldWidth).
bool ParseFoldedDeadline(std::string_view folded, Deadline* out) {
  // Every deadline read below names a year, a quarter, a month or an end: a target naming none
  // (most are figures) is no deadline.
  bool dated = false;
  for (std::string_view w : {"年"sv, "季"sv, "月"sv, "底"sv, "末"sv}) {
    dated = dated || folded.find(w) != std::string_view::npos;
  }
  if (!dated) return false;
  std::string_view s = TrimBlank(folded);
  ConsumePrefix(&s, "截至");
  ConsumePrefix(&s, "截止");
  ConsumePrefix(&s, "于");
  ConsumeSuffix(&s, "完成");
  s = TrimBlank(s);
  const bool before =
      ConsumeSuffix(&s, "之前") || ConsumeSuffix(&s, "以前") || ConsumeSuffix(&s, "前");
  s = TrimBlank(s);
  if (s.empty()) return false;
  // Whole-year and half-year words.
  std::string_view year_word = s;
  int year = 0;
  {
    std::string_view probe = s;
    const int y = ConsumeNumber(&probe, 4);
    if (y >= 1900 && y <= 2999 && ConsumePrefix(&probe, "年")) {
      year = y;
      year_word = TrimBlank(probe);
    }
  }
  for (std::string_view w : {"年底"sv, "年末"sv, "底"sv, "末"sv}) {
    if (year_word == w && (year != 0 || w.size() > std::string_view("底").size())) {
      out->strict = out->lenient = WrittenDate{year, 12, 31};
      return true;
    }
  }
  if (year == 0) {
    for (std::string_view w : {"年内"sv, "年度内"sv, "当年"sv, "本年度内"sv, "本年内"sv}) {
      if (s == w) {
        out->strict = out->lenient = WrittenDate{0, 12, 31};
        return true;
      }
    }
    if (s == "上半年" || s == "年中") {
      out->strict = out->lenient = WrittenDate{0, 6, 31};
      return true;
    }
  }
  // A quarter: "三季度末", "第三季度", "3季度底前" → the quarter's last day.
  {
    std::string_view q = year_word;
    ConsumePrefix(&q, "第");
    int quarter = 0;
    const std::pair<std::string_view, int> kQuarters[] = {
        {"一", 1}, {"二", 2}, {"三", 3}, {"四", 4}, {"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}};
    for (const auto& [word, n] : kQuarters) {
      if (ConsumePrefix(&q, word)) {
        quarter = n;
        break;
      }
    }
    if (quarter != 0 && ConsumePrefix(&q, "季度")) {
      if (!ConsumePrefix(&q, "末")) ConsumePrefix(&q, "底");
      if (q.empty()) {
        out->strict = out->lenient = WrittenDate{year, quarter * 3, 31};
        return true;
      }
    }
  }
  WrittenDate d;
  bool month_end = false;
  if (!ParseCalendarDate(s, &d, &month_end)) return false;
  if (d.day != 0) {  // a day, or a month's end: one deadline
    out->strict = out->lenient = d;
    return true;
  }
  if (!before && d.year == 0) return false;  // "9月" alone: a count of months as likely
  // "9月前": before September begins (day 0 sorts before its 1st), or by its end.
  out->strict = WrittenDate{d.year, d.month, 0};
  out->lenient = WrittenDate{d.year, d.month, 31};
  if (!before) out->strict = out->lenient;
  return true;
}

}  // namespace

bool ParseDeadline(std::string_view raw, Deadline* out) {
  return ParseFoldedDeadline(FoldWidth(raw), out);
}

DeadlineVerdict AssessDeadline(const Deadline& deadline, const WrittenDate& actual, int fiscal_year,
                               std::string* why_zh, std::string* why_en) {
  const int target_year = deadline.lenient.year != 0 ? deadline.lenient.year : fiscal_year;
  const int actual_year = actual.year != 0 ? actual.year : fiscal_year;
  if ((target_year == 0) != (actual_year == 0)) {
    *why_zh = "未知所属年度，无法比较完成时间与时限";
    *why_en = "the year is unknown, so the date cannot be placed against the deadline";
    return DeadlineVerdict::kCannotTell;
  }
  // A month-only actual is some day of that month.
  WrittenDate first = actual, last = actual;
  if (actual.day == 0) first.day = 1, last.day = 31;
  const long lo = DateKey(first, actual_year);
  const long hi = DateKey(last, actual_year);
  const long strict = DateKey(deadline.strict, target_year);
  const long lenient = DateKey(deadline.lenient, target_year);
  if (hi <= strict) return DeadlineVerdict::kMet;
  if (lo > lenient) return DeadlineVerdict::kNotMet;
  if (strict != lenient) {
    *why_zh = fmt::format("“{}月前”可读作{}月1日前或{}月底前，完成时间“{}”介于两者之间，无法判断",
                          deadline.lenient.month, deadline.lenient.month, deadline.lenient.month,
                          DateText(actual));
    *why_en = fmt::format(
        "\"before month {}\" reads as before its 1st or by its end, and {} lies between, so it "
        "cannot be judged",
        deadline.lenient.month, DateText(actual));
  } else {
    *why_zh = fmt::format("完成时间“{}”只写到月份，无法判断是否在 {} 之前", DateText(actual),
                          DateText(deadline.lenient));
    *why_en = fmt::format("the date {} names only the month, so it may fall either side of {}",
                          DateText(actual), DateText(deadline.lenient));
  }
  return DeadlineVerdict::kCannotTell;
}

std::string DateText(const WrittenDate& d) {
  std::string out = d.year != 0 ? fmt::format("{}年", d.year) : "";
  out += fmt::format("{}月", d.month);
  if (d.day == 31) {
    out += "底";
  } else if (d.day > 0) {
    out += fmt::format("{}日", d.day);
  }
  return out;
}

size_t ParseQuantity(std::string_view text, Quantity* out) {
  size_t end = 0;
  while (end < text.size() && (IsDigit(text[end]) || text[end] == '.' || text[end] == ',' ||
                               (end == 0 && (text[end] == '-' || text[end] == '+')))) {
    ++end;
  }
  while (end > 0 && (text[end - 1] == '.' || text[end - 1] == ',')) --end;
  if (end == 0 || !IsDigit(text[end - 1])) return 0;
  const DocumentNumber number = ParseDocumentNumber(text.substr(0, end));
  if (!number.ok) return 0;
  Quantity q;
  q.written = number.value;
  size_t pos = end;
  if (pos < text.size() && text[pos] == '%') {
    q.percent = true;
    ++pos;
  }
  // The unit runs to a range separator or the end.
  size_t unit_end = text.size();
  for (std::string_view sep : kRangeSeparators) {
    const size_t at = text.find(sep, pos);
    if (at != std::string_view::npos && at + sep.size() < text.size() &&
        (IsDigit(text[at + sep.size()]))) {
      unit_end = std::min(unit_end, at);
    }
  }
  std::string unit(TrimBlank(text.substr(pos, unit_end - pos)));
  if (q.percent && !unit.empty()) {
    // "95%以上" is handled by the caller's suffix stripping; anything else stays as unit.
  }
  SetUnit(std::move(unit), &q);
  *out = std::move(q);
  return unit_end;
}

Target ParseTarget(std::string_view raw) {
  Target t;
  std::string folded = FoldWidth(raw);
  std::string_view text = TrimBlank(folded);
  if (text.empty()) return t;
  if (ParseFoldedDeadline(text, &t.deadline)) {
    t.comparison = Comparison::kDeadline;
    t.operator_written = true;
    return t;
  }
  if (FindAsciiDigit(text, 0) == text.size()) {
    for (std::string_view w : {"按时"sv, "及时"sv, "按期"sv, "如期"sv}) {
      if (text.find(w) != std::string_view::npos) {
        t.comparison = Comparison::kOnTime;
        t.word = std::string(text);
        return t;
      }
    }
  }

  std::string_view rest = text;
  for (const auto& [op, cmp] : kPrefixOps) {
    if (StartsWith(rest, op)) {
      t.comparison = cmp;
      t.operator_written = true;
      rest = TrimBlank(rest.substr(op.size()));
      break;
    }
  }
  // An OCR artefact in place of ≧: a letter Q (or 》) right before a digit.
  if (!t.operator_written && rest.size() > 1 && (rest[0] == 'Q' || rest[0] == 'q') &&
      IsDigit(rest[1])) {
    t.comparison = Comparison::kAtLeast;
    t.operator_written = true;
    t.ocr_guess = true;
    rest = rest.substr(1);
  }
  if (!t.operator_written) {
    for (const auto& [suffix, cmp] : kSuffixOps) {
      if (EndsWith(rest, suffix)) {
        t.comparison = cmp;
        t.operator_written = true;
        rest = TrimBlank(rest.substr(0, rest.size() - suffix.size()));
        break;
      }
    }
  }

  Quantity q;
  const size_t used = ParseQuantity(rest, &q);
  if (used == 0) {
    t.comparison = Comparison::kWord;
    t.operator_written = false;
    t.ocr_guess = false;
    t.word = std::string(text);
    return t;
  }
  t.quantity = q;
  std::string_view after = rest.substr(used);
  if (!after.empty()) {
    for (std::string_view sep : kRangeSeparators) {
      if (StartsWith(after, sep)) {
        Quantity upper;
        std::string_view tail = TrimBlank(after.substr(sep.size()));
        if (ParseQuantity(tail, &upper) == tail.size()) {
          // "80-90%": the percent sign and unit of the upper end apply to both.
          if (upper.percent && !t.quantity.percent) t.quantity.percent = true;
          if (t.quantity.unit.empty() && !upper.unit.empty()) SetUnit(upper.unit, &t.quantity);
          t.comparison = Comparison::kRange;
          t.upper = upper;
          return t;
        }
      }
    }
    // Numbers followed by something unreadable: keep it as a word.
    t.comparison = Comparison::kWord;
    t.operator_written = false;
    t.word = std::string(text);
    return t;
  }
  if (!t.operator_written) t.comparison = Comparison::kAtLeast;
  return t;
}

Actual ParseActual(std::string_view raw) {
  Actual a;
  std::string folded = FoldWidth(raw);
  std::string_view text = TrimBlank(folded);
  if (text.empty()) return a;
  {
    std::string_view date = text;
    for (std::string_view lead : {"已于"sv, "已在"sv, "于"sv, "在"sv}) {
      if (ConsumePrefix(&date, lead)) break;
    }
    for (std::string_view tail : {"已完成"sv, "全部完成"sv, "完成"sv, "已办结"sv, "办结"sv}) {
      if (ConsumeSuffix(&date, tail)) break;
    }
    bool month_end = false;
    a.dated = ParseCalendarDate(date, &a.date, &month_end);
  }
  std::string_view rest = text;
  for (const auto& [op, cmp] : kPrefixOps) {
    if (StartsWith(rest, op)) {
      rest = TrimBlank(rest.substr(op.size()));
      break;
    }
  }
  for (const auto& [suffix, cmp] : kSuffixOps) {
    if (EndsWith(rest, suffix)) {
      rest = TrimBlank(rest.substr(0, rest.size() - suffix.size()));
      break;
    }
  }
  Quantity q;
  const size_t used = ParseQuantity(rest, &q);
  if (used == 0 || used != rest.size()) {
    a.kind = Actual::Kind::kWord;
    a.word = std::string(text);
    return a;
  }
  a.kind = Actual::Kind::kNumber;
  a.quantity = q;
  return a;
}

}  // namespace jixiao
