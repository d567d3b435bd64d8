// Target and actual parsing: operators in symbols and words, quantities with 万/亿 units.
#include "model/target.h"

#include <array>
#include <utility>

#include "base/number_text.h"
#include "base/text.h"

namespace jixiao {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
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

}  // namespace

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
