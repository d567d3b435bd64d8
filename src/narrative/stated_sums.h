// Sums stated in prose: a sentence that gives an amount and then what it is made of
// ("申请资金90万元：设备30万元，安装30万元，培训30万元"; "共支出2,026,400元，用于：……") states
// that the parts add up to the amount. This reads such statements and says whether they hold,
// rounding-aware, so that a goal text or a report whose own figures do not add up is found.
//
// What counts as a stated sum (anything else is left alone, as not a claim that parts add up):
//   - an amount of money (元, 万元, 亿元, 千元), not approximate (余, 多, 约, 左右), followed
//     directly by "：", "，用于：", "用于", "，其中", "其中", "包括" — the first three introduce
//     the whole breakdown (the parts must add up to the amount), the last ones a selection
//     ("其中" may name only some of the parts: they must not exceed the amount);
//   - then at least two further amounts of money, up to the sentence end, with no other
//     figure among them (a count, a rate, a year), no nested total (合计, 共计, 总计, 其中
//     again), no comparison (增, 减, 比, 较, 上年) and no per-unit amount (每, 人均, 平均);
//     amounts in brackets are remarks, not parts; or a bare list of figures joined by 、 to
//     the sentence's end ("共支出89.97万元，其中30、30、29.99"), in the total's unit unless the
//     last figure names another ("30、30、29.99万元").
// The amounts are compared in 元, each taken as written to the finest precision the statement
// uses (a list that writes 29.99 writes 30 for 30.00), rounding half up: the stated amount
// stands for [a − h, a + h) and the sum of n parts for [s − n·h, s + n·h).
//
// Pure functions; byte offsets refer to the text given. Safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.h"
#include "narrative/claims.h"

namespace jixiao {

struct StatedAmount {
  Decimal value;     // as written, in its unit
  std::string unit;  // "元", "万元", "亿元", "千元"
  int begin = 0, end = 0;  // byte span in the text (number and unit)
  std::string written() const { return value.ToString() + unit; }
};

struct StatedSum {
  StatedAmount total;
  std::vector<StatedAmount> parts;
  bool whole = true;  // the parts are the whole breakdown ("：", "用于"); false for "其中", "包括"
  Decimal sum;        // of the parts, in the total's unit (exact)
  bool holds = true;  // whole: the parts can add up to the total; else: they do not exceed it
};

// Every stated sum of `text` (split into sentences at 。！？；and line breaks), in order.
std::vector<StatedSum> FindStatedSums(std::string_view text);
// The stated sum of one sentence whose claims are already read (ExtractClaims), if it has one.
std::optional<StatedSum> StatedSumIn(std::string_view sentence, const SentenceClaims& claims);

}  // namespace jixiao
