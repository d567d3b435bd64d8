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

enum class Comparison {
  kNone,     // empty text
  kAtLeast,  // ≥ / ≧ / >= / 不低于 / 不少于 / 以上, and a bare number
  kAtMost,   // ≤ / ≦ / <= / 不高于 / 不超过 / 以内 / 以下
  kEqual,    // = / 等于
  kRange,    // "80%-90%", "3~5次"
  kWord,     // an ordinal word: "较为认可", "浓厚"
};

struct Target {
  Comparison comparison = Comparison::kNone;
  Quantity quantity;              // the bound (kAtLeast, kAtMost, kEqual) or the lower end (kRange)
  Quantity upper;                 // kRange only
  std::string word;               // kWord only (trimmed)
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
};

// Reads a 实际完成值: a quantity (an operator, if present, is ignored) or a word.
Actual ParseActual(std::string_view text);

// Reads "<number>[%][unit]" at the start of `text` (after FoldWidth and trimming); the
// unit runs to the end or to a range separator. Returns the bytes consumed, 0 if no number.
size_t ParseQuantity(std::string_view text, Quantity* out);

}  // namespace jixiao
