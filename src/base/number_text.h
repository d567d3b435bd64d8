// Reading numbers as units write them in documents: "124.88", "3,724,055.00", "８７.５％",
// "98.25" in a column that means percent, "−0.5". The result keeps the written decimals (the
// tolerance of every check depends on them) and whether a percent sign was present.
//
// Never throws; a malformed number gives an error with the byte offset in the original text.
// Safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/decimal.h"

namespace jixiao {

struct DocumentNumber {
  bool ok = false;
  Decimal value;            // "87.5%" → 87.5 (percent numbers stay in percent units)
  bool percent = false;     // a '%' or '％' followed the number
  bool grouped = false;     // thousands separators were present
  size_t error_offset = 0;  // byte offset of the first offending character when !ok
  std::string error;        // English description when !ok
};

// Accepts surrounding blanks (space, tab, U+3000), full-width digits and signs, a leading
// '+'/'-', thousands separators in groups of three, and a trailing '%'.
DocumentNumber ParseDocumentNumber(std::string_view text);

}  // namespace jixiao
