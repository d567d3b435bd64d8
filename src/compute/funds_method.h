// The 得分计算方法 a form prints beside its funds block (贵州: "执行率×该指标分值，最高不得超过分值
// 上限"), read into the rule the score engine applies, and the rows of the funds table scored
// one by one. A method text is *understood* when it names the product of 执行率 and 分值 (in any
// of the ways forms write "×"); then the score is 分值 × 执行率, capped at the 分值 when the text
// says so ("最高不得超过分值", "不超过分值上限", "以分值为限") and otherwise at the rulebook's cap.
// A text we cannot read that way is kept and reported, and the rulebook's rule applies.
//
// Which budget the rate divides by follows the form: 全年执行数 ÷ 全年预算数, or ÷ 年初预算数 on a
// form without a 全年预算数 column (the importer marks that cell not applicable) or whose method
// says B/A (年初预算数(A), 全年执行数(B)).
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace jixiao {

struct FundsMethod {
  bool present = false;             // the form printed a method
  bool understood = false;          // … and it is one we read
  bool capped_at_weight = false;    // the score never exceeds the 分值 (rate capped at 100%)
  bool divides_by_initial = false;  // the text itself says 执行数 ÷ 年初预算数 (B/A)
  std::string how_zh;  // what it was read as: "得分 = 分值 × 执行率，最高为分值"
  std::string how_en;
};

// Reads a printed 得分计算方法; an empty or blank text is "not present".
FundsMethod ReadFundsMethod(std::string_view text);

}  // namespace jixiao
