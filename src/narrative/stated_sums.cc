// Sums stated in prose: an amount and the amounts it is said to be made of (stated_sums.h).
#include "narrative/stated_sums.h"

#include <optional>

#include "base/number_text.h"
#include "base/text.h"
#include "narrative/claims.h"

namespace jixiao {

using namespace std::string_view_literals;  // literal lists of words: sizes known, no strlen

namespace {

bool At(std::string_view s, size_t pos, std::string_view w) {
  return pos <= s.size() && BytesAt(s, pos, w);
}

// 元 per unit of money; nullopt for a unit that is not money.
std::optional<Decimal> YuanPer(std::string_view unit) {
  if (unit == "元") return Decimal::FromInt(1);
  if (unit == "千元") return Decimal::FromInt(1000);
  if (unit == "万元") return Decimal::FromInt(10000);
  if (unit == "亿元") return Decimal::FromInt(100000000);
  return std::nullopt;
}

// How the breakdown is introduced after the total: the bytes it takes and whether it is the
// whole breakdown; 0 bytes when the amount introduces none.
struct Connector {
  size_t bytes = 0;
  bool whole = true;
};

Connector ConnectorAt(std::string_view s, size_t pos) {
  const size_t start = pos;
  while (At(s, pos, " ") || At(s, pos, "\u3000")) pos += At(s, pos, " ") ? 1 : 3;
  if (At(s, pos, "：") || At(s, pos, ":")) {
    const size_t after = pos + (At(s, pos, ":") ? 1 : 3);
    return {after - start, !(At(s, after, "其中") || At(s, after, "包括"))};
  }
  if (At(s, pos, "，") || At(s, pos, ",")) pos += At(s, pos, ",") ? 1 : 3;
  for (std::string_view w : {"用于"sv, "其中"sv, "包括"sv}) {
    if (!At(s, pos, w)) continue;
    size_t after = pos + w.size();
    if (At(s, after, "：")) after += 3;
    if (At(s, after, ":")) after += 1;
    return {after - start, w == "用于"};
  }
  return {};
}

// Words after which the amounts are no plain list of parts.
constexpr std::string_view kNotAList[] = {
    "合计", "共计", "总计", "其中", "增", "减",   "比", "较",
    "上年", "每",   "人均", "平均", "约", "左右", "：", ":",
};

// The sentences of `text`: [begin, end) byte ranges, split at 。！？；and line breaks.
std::vector<std::pair<size_t, size_t>> Sentences(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t begin = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t stop = 0;
    if (text[pos] == '\n') stop = 1;
    for (std::string_view end : {"。"sv, "！"sv, "？"sv, "；"sv}) {
      if (At(text, pos, end)) stop = end.size();
    }
    if (stop == 0) {
      ++pos;
      continue;
    }
    if (pos > begin) out.emplace_back(begin, pos);
    pos += stop;
    begin = pos;
  }
  if (pos > begin) out.emplace_back(begin, pos);
  return out;
}

// How many brackets are open at byte offset `at` of `s`.
// Byte by byte: the brackets' bytes (ASCII, or EF BC 88 / 89) only ever stand for them.
int DepthAt(std::string_view s, size_t at) {
  int depth = 0;
  const size_t end = std::min(at, s.size());
  for (size_t i = 0; i < end; ++i) {
    int step = 0;
    if (s[i] == '(') {
      step = 1;
    } else if (s[i] == ')') {
      step = -1;
    } else if (s[i] == '\xEF' && i + 2 < s.size() && s[i + 1] == '\xBC') {
      step = s[i + 2] == '\x88' ? 1 : (s[i + 2] == '\x89' ? -1 : 0);
    }
    if (step > 0) {
      ++depth;
    } else if (step < 0 && depth > 0) {
      --depth;
    }
  }
  return depth;
}

// A bare list of figures after the connector, "30、30、29.99" (a 、 after a figure is read as a
// list number by the claims, so the figures are read here): each part with the list's unit if
// its last figure has one ("30、30、29.99万元"), else the total's. Empty unless the list runs to
// the sentence's end and has at least two figures.
std::vector<StatedAmount> BareList(std::string_view s, size_t from, size_t offset,
                                   const std::string& total_unit) {
  std::vector<StatedAmount> parts;
  size_t pos = from;
  const auto skip_blanks = [&] {
    while (At(s, pos, " ") || At(s, pos, "\u3000")) pos += At(s, pos, " ") ? 1 : 3;
  };
  std::string unit = total_unit;
  while (true) {
    skip_blanks();
    const size_t begin = pos;
    while (pos < s.size() && ((s[pos] >= '0' && s[pos] <= '9') || s[pos] == '.')) ++pos;
    if (pos == begin) return {};
    const DocumentNumber n = ParseDocumentNumber(s.substr(begin, pos - begin));
    if (!n.ok) return {};
    StatedAmount a;
    a.value = n.value;
    a.begin = static_cast<int>(offset + begin);
    a.end = static_cast<int>(offset + pos);
    parts.push_back(a);
    skip_blanks();
    if (At(s, pos, "、")) {
      pos += 3;
      continue;
    }
    for (std::string_view u : {"万元"sv, "亿元"sv, "千元"sv, "元"sv}) {
      if (At(s, pos, u)) {
        unit = std::string(u);
        pos += u.size();
        parts.back().end = static_cast<int>(offset + pos);
        break;
      }
    }
    skip_blanks();
    break;
  }
  if (pos != s.size() || parts.size() < 2) return {};
  for (StatedAmount& a : parts) a.unit = unit;
  return parts;
}

StatedAmount AmountOf(const Mention& m, size_t offset) {
  StatedAmount a;
  a.value = m.value;
  a.unit = m.unit;
  a.begin = static_cast<int>(offset) + m.begin;
  a.end = static_cast<int>(offset) + m.end;
  return a;
}

// The stated sum that starts at money mention `i` of the sentence, if it is one.
std::optional<StatedSum> SumAt(std::string_view s, size_t offset, const SentenceClaims& claims,
                               size_t i) {
  const std::vector<Mention>& ms = claims.mentions;
  const Mention& total = ms[i];
  if (!YuanPer(total.unit) || total.approximate || total.is_difference ||
      DepthAt(s, total.begin) > 0) {
    return std::nullopt;
  }
  // "约50万元", "近50万元", "超过50万元", "50万元左右": not an amount to add up to.
  for (std::string_view w : {"约"sv, "近"sv, "超"sv, "逾"sv, "过"sv}) {
    if (total.begin >= static_cast<int>(w.size()) && At(s, total.begin - w.size(), w)) {
      return std::nullopt;
    }
  }
  if (At(s, total.end, "左右")) return std::nullopt;
  const Connector c = ConnectorAt(s, total.end);
  if (c.bytes == 0) return std::nullopt;
  const size_t from = total.end + c.bytes;
  for (std::string_view w : kNotAList) {
    if (FindWord(s, w, from) != std::string_view::npos) return std::nullopt;
  }
  StatedSum sum;
  sum.total = AmountOf(total, offset);
  sum.whole = c.whole;
  const Decimal total_yuan = total.value * *YuanPer(total.unit);
  Decimal h = total.value.HalfUlp() * *YuanPer(total.unit);
  Decimal parts_yuan;
  for (const StatedAmount& a : BareList(s, from, offset, total.unit)) {
    sum.parts.push_back(a);
    const Decimal per = *YuanPer(a.unit);
    parts_yuan = parts_yuan + a.value * per;
    const Decimal part_h = a.value.HalfUlp() * per;
    if (part_h < h) h = part_h;
  }
  for (size_t j = sum.parts.empty() ? i + 1 : ms.size(); j < ms.size(); ++j) {
    const Mention& m = ms[j];
    if (DepthAt(s, m.begin) > 0) continue;  // a remark in brackets
    const auto per = YuanPer(m.unit);
    if (!per || m.approximate || m.is_difference) return std::nullopt;
    sum.parts.push_back(AmountOf(m, offset));
    parts_yuan = parts_yuan + m.value * *per;
    const Decimal part_h = m.value.HalfUlp() * *per;
    if (part_h < h) h = part_h;
  }
  if (sum.parts.size() < 2) return std::nullopt;
  sum.sum =
      Decimal::Divide(parts_yuan, *YuanPer(total.unit), parts_yuan.scale() + 8, Rounding::kHalfUp)
          .Normalized();
  // Rounded half up, a written figure a stands for [a − h, a + h); n parts for [s − n·h, s + n·h).
  const Decimal n = Decimal::FromInt(static_cast<int64_t>(sum.parts.size()));
  const Decimal sum_lo = parts_yuan - n * h;
  const Decimal sum_hi = parts_yuan + n * h;
  const Decimal total_lo = total_yuan - h;
  const Decimal total_hi = total_yuan + h;
  if (sum.whole) {
    sum.holds = total_lo < sum_hi && sum_lo < total_hi;
  } else {
    sum.holds = sum_lo < total_hi;
  }
  return sum;
}

}  // namespace

std::optional<StatedSum> StatedSumIn(std::string_view sentence, const SentenceClaims& claims) {
  if (FindWord(sentence, "元") == std::string_view::npos) return std::nullopt;
  for (size_t i = 0; i < claims.mentions.size(); ++i) {
    if (auto sum = SumAt(sentence, 0, claims, i)) return sum;  // the parts run to the end
  }
  return std::nullopt;
}

std::vector<StatedSum> FindStatedSums(std::string_view text) {
  std::vector<StatedSum> out;
  // A stated sum has an amount of money: most texts (an indicator's 实际完成值) have none.
  if (FindWord(text, "元") == std::string_view::npos) return out;
  for (const auto& [begin, end] : Sentences(text)) {
    Sentence sentence;
    sentence.text = text.substr(begin, end - begin);
    if (FindWord(sentence.text, "元") == std::string_view::npos) continue;
    const SentenceClaims claims = ExtractClaims(sentence, 0);
    for (size_t i = 0; i < claims.mentions.size(); ++i) {
      if (auto sum = SumAt(sentence.text, begin, claims, i)) {
        out.push_back(std::move(*sum));
        break;  // the parts run to the sentence's end
      }
    }
  }
  return out;
}

}  // namespace jixiao
