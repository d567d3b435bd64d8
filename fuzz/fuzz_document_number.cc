// libFuzzer target for number reading: ParseDocumentNumber and Decimal::Parse on any bytes
// never crash, and what they accept prints back and re-parses to the same value; rounding and
// arithmetic on accepted values never crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/decimal.h"
#include "base/interval.h"
#include "base/number_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using jixiao::Decimal;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const jixiao::DocumentNumber n = jixiao::ParseDocumentNumber(text);
  if (!n.ok) {
    if (n.error.empty() || n.error_offset > size) __builtin_trap();
    return 0;
  }
  const std::string printed = n.value.ToString();
  const auto again = Decimal::Parse(printed);
  if (!again || !again->Identical(n.value)) __builtin_trap();
  for (int d = 0; d <= 6; ++d) {
    for (auto mode :
         {jixiao::Rounding::kHalfUp, jixiao::Rounding::kHalfEven, jixiao::Rounding::kTruncate}) {
      const Decimal r = n.value.Rounded(d, mode);
      if (r.valid() && r.scale() != d) __builtin_trap();
    }
  }
  const Decimal sum = n.value + n.value;
  const Decimal product = n.value * n.value;
  const Decimal quotient =
      Decimal::Divide(n.value, Decimal::FromInt(7), 12, jixiao::Rounding::kHalfUp);
  (void)sum.ToString();
  (void)product.ToString();
  (void)quotient.ToString();
  const auto ratio = jixiao::Interval::Divide(jixiao::Interval::Written(n.value),
                                              jixiao::Interval::Written(Decimal::FromInt(3)));
  if (ratio && ratio->valid() && ratio->lo() > ratio->hi()) __builtin_trap();
  return 0;
}
