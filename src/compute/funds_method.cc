// Reading a form's 得分计算方法 (see funds_method.h).
#include "compute/funds_method.h"

#include "base/text.h"

namespace jixiao {
namespace {

// The text without blanks, full-width forms folded ("执行率 × 该指标分值" → "执行率×该指标分值").
std::string Compact(std::string_view text) {
  const std::string folded = FoldWidth(text);
  std::string out;
  size_t pos = 0;
  while (pos < folded.size()) {
    const size_t start = pos;
    const char32_t cp = NextCodePoint(folded, &pos);
    if (!IsBlankCodePoint(cp)) out.append(folded, start, pos - start);
  }
  return out;
}

bool Has(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

}  // namespace

FundsMethod ReadFundsMethod(std::string_view text) {
  FundsMethod m;
  const std::string t = Compact(text);
  if (t.empty()) return m;
  m.present = true;
  // 执行率 times the 分值, written with ×, *, x, X, · or in words (乘以).
  const bool product = Has(t, "执行率") && Has(t, "分值") &&
                       ContainsAny(t, {"×", "*", "x", "X", "·", "乘", "✕", "╳"});
  if (!product) return m;
  m.understood = true;
  m.capped_at_weight = ContainsAny(t, {"不得超过分值", "不超过分值", "不得超过该指标分值",
                                       "以分值为限", "分值上限", "最高得分为分值", "满分为止"});
  m.divides_by_initial = ContainsAny(t, {"B/A", "B÷A", "/年初预算", "÷年初预算"});
  m.how_zh = "得分 = 分值 × 执行率";
  m.how_en = "score = weight × execution rate";
  if (m.divides_by_initial) {
    m.how_zh += "（执行率 = 全年执行数 ÷ 年初预算数）";
    m.how_en += " (rate = executed ÷ initial budget)";
  }
  if (m.capped_at_weight) {
    m.how_zh += "，最高为分值";
    m.how_en += ", at most the weight";
  } else {
    m.how_zh += "，执行率上限按评分规则";
    m.how_en += ", the rate capped as the rulebook says";
  }
  return m;
}

}  // namespace jixiao
