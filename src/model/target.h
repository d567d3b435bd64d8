// Typed targets and actuals of 三级 indicators. A unit writes its 年度指标值 and 实际完成值
// as free text: "≧8次", "≥95%", "不低于90%", "8次以上", "≤5天", "80%-90%", "≧2万人次",
// "较为认可". This module reads such text into a comparison, a quantity (the written number,
// its unit, and the 万/亿 multiplier the unit carries) or an ordinal word. It knows nothing
// of scoring; see compute/scoring.h.
//
// Pure functions; never throw; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "base/decimal.h"

namespace jixiao {

// A number with its unit as written: "2万人次" → written 2, unit "万人次", base_unit "人次",
// value 20000; "95%" → written 95, percent, value 95.
struct Quantity {
  Decimal written;
  Decimal value;          // written × multiplier
  Decimal multiplier;     // 1, 10000 (万) or 100000000 (亿)
  std::string unit;       // as written after the number, "余" removed ("万人次", "次", "")
  std::string base_unit;  // unit without the multiplier ("人次")
  bool percent = false;
  bool approximate = false;  // "50000余份", "200余人"
};

// A calendar date as written: 0 for a part that was not written (no year: the fiscal year's;
// no day: some day of the month). Day 31 stands for "the month's last day" whatever the month:
// dates here are only ever compared, never counted.
struct WrittenDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

// The deadline of a date target (完成时限). "9月底前", "6月30日前", "年底前" name one day;
// "9月前" reads two ways — before September begins, or by its end — so the deadline is the
// span [strict, lenient], and an actual inside it cannot be judged.
struct Deadline {
  WrittenDate strict;
  WrittenDate lenient;
};

enum class Comparison {
  kNone,     // empty text
  kAtLeast,  // ≥ / ≧ / >= / 不低于 / 不少于 / 以上, and a bare number
  kAtMost,   // ≤ / ≦ / <= / 不高于 / 不超过 / 以内 / 以下
  kEqual,    // = / 等于
  kRange,    // "80%-90%", "3~5次"
  kWord,     // an ordinal word: "较为认可", "浓厚"
  kDeadline,  // a date target: "9月前", "9月底前", "年底前", "6月30日前", "2024年12月31日前"
  kOnTime,  // "按时", "及时", "按期" (a deadline not written here)
};

struct Target {
  Comparison comparison = Comparison::kNone;
  Quantity quantity;              // the bound (kAtLeast, kAtMost, kEqual) or the lower end (kRange)
  Quantity upper;                 // kRange only
  std::string word;               // kWord only (trimmed)
  Deadline deadline;              // kDeadline only
  bool operator_written = false;  // false when a bare number was read as ≥
  bool ocr_guess = false;         // an OCR artefact ("Q8次") was read as ≥
};

// Reads a 年度指标值. Anything that is not a recognisable comparison or number is a word.
Target ParseTarget(std::string_view text);

struct Actual {
  enum class Kind { kEmpty, kNumber, kWord };
  Kind kind = Kind::kEmpty;
  Quantity quantity;  // kNumber
  std::string word;   // kWord (trimmed)
  // The text is also a date ("8月完成" → {0, 8, 0}; "2024年9月20日" → {2024, 9, 20}); `kind`
  // says what it reads as otherwise, for a target that is not a date.
  bool dated = false;
  WrittenDate date;
};

// Reads a 实际完成值: a date ("8月完成", "2024年9月20日", "12月", "9月底"), a quantity (an
// operator, if present, is ignored) or a word.
Actual ParseActual(std::string_view text);

// Reads a date target ("9月前", "9月底前", "年底前", "年内完成", "上半年", "6月30日前",
// "2024年12月31日前", "9月底前完成"); false when `text` is not one.
bool ParseDeadline(std::string_view text, Deadline* out);

// Whether a dated actual met a deadline. The year of a date that has none is `fiscal_year`
// (0 when unknown: two dates without a year compare within one year; a year on one side only
// cannot be placed). kCannotTell when the actual falls inside the deadline's two readings
// ("9月前" and 9月15日), when a month-only actual straddles a day deadline ("6月" and 6月15日前),
// or when a year is missing; `why_zh` / `why_en` then say which.
enum class DeadlineVerdict { kMet, kNotMet, kCannotTell };
DeadlineVerdict AssessDeadline(const Deadline& deadline, const WrittenDate& actual, int fiscal_year,
                               std::string* why_zh, std::string* why_en);

// "2024年9月20日", "9月", "9月底" (day 31 of a month-only deadline) — for messages.
std::string DateText(const WrittenDate& date);

// Reads "<number>[%][unit]" at the start of `text` (after FoldWidth and trimming); the
// unit runs to the end or to a range separator. Returns the bytes consumed, 0 if no number.
size_t ParseQuantity(std::string_view text, Quantity* out);

}  // namespace jixiao
