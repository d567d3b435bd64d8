// Statements of the report checked against each other, not only against the tables: a count
// against the names it lists (N808), the same fact stated twice with different figures
// (N809), parts against the total they are said to make and stated balances (N810), and staff
// figures composed wrongly (N811). Each fires only on a statement it can read whole: a list
// ending in 等, an approximate figure or a figure whose subject is not named in its own clause
// is left alone.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "base/text.h"
#include "check/check_context.h"
#include "check/narrative.h"
#include "compute/figure.h"
#include "narrative/stated_sums.h"

namespace jixiao::internal {

using namespace std::string_view_literals;  // literal lists of words: sizes known, no strlen

namespace {

bool At(std::string_view s, size_t pos, std::string_view w) {
  return pos <= s.size() && BytesAt(s, pos, w);
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsMoney(const std::string& unit) { return IsMoneyUnit(unit); }
Figure InWan(const Mention& m) { return StatedFigure(m); }

std::string Wan(const Decimal& v) { return v.Normalized().ToString() + "万元"; }

// ---- N808: a count against the names listed with it ----

// A count written in Chinese numerals (一 … 九十九, 两), its byte length; nullopt otherwise.
std::optional<std::pair<int, size_t>> ChineseCount(std::string_view s, size_t pos) {
  static constexpr std::string_view kDigits[] = {"零", "一", "二", "三", "四",
                                                 "五", "六", "七", "八", "九"};
  const auto digit_at = [&](size_t at) -> int {
    if (At(s, at, "两")) return 2;
    for (int d = 1; d <= 9; ++d) {
      if (At(s, at, kDigits[d])) return d;
    }
    return -1;
  };
  size_t at = pos;
  int value = 0;
  const int first = digit_at(at);
  if (first > 0) {
    at += 3;
    value = first;
  }
  if (At(s, at, "十")) {
    at += 3;
    value = (first > 0 ? first : 1) * 10;
    if (const int unit = digit_at(at); unit > 0) {
      value += unit;
      at += 3;
    }
  }
  if (value == 0) return std::nullopt;
  return std::make_pair(value, at - pos);
}

constexpr std::string_view kCounters[] = {"个", "所", "家", "项", "类", "支", "座", "处"};
static_assert(
    [] {
      for (std::string_view c : kCounters) {
        if (c.size() != 3) return false;  // ListClaims reads them as three-byte characters
      }
      return true;
    }(),
    "every counter is one three-byte UTF-8 character");

// A three-byte character as one number: ListClaims compares each of a sentence's characters
// with the counters as numbers (comparing them as strings was 6 % of a package's checks).
constexpr uint32_t ThreeBytes(std::string_view c) {
  return static_cast<uint32_t>(static_cast<unsigned char>(c[0])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(c[1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(c[2]));
}
constexpr std::array<uint32_t, std::size(kCounters)> kCounterBytes = [] {
  std::array<uint32_t, std::size(kCounters)> out{};
  for (size_t i = 0; i < out.size(); ++i) out[i] = ThreeBytes(kCounters[i]);
  return out;
}();
// The counters' last bytes: a character whose last byte is none of them is no counter (most
// characters of a sentence are turned away by this one lookup).
constexpr std::array<bool, 256> kCounterLastByte = [] {
  std::array<bool, 256> out{};
  for (std::string_view c : kCounters) out[static_cast<unsigned char>(c[2])] = true;
  return out;
}();

// The names of a list ("办公室、学会工作部和普及工作部"): split at 、, and the last piece once
// at its joining word (以及 before 和). `all` splits at every joining word.
// Empty when it is no list of names (a figure inside, a name too long, fewer than two).
std::vector<std::string_view> ListItems(std::string_view text, bool all) {
  std::vector<std::string_view> items;
  size_t start = 0;
  for (size_t at = FindWord(text, "、");; at = FindWord(text, "、", start)) {
    items.push_back(TrimBlank(text.substr(start, at == std::string_view::npos ? at : at - start)));
    if (at == std::string_view::npos) break;
    start = at + 3;
  }
  if (items.size() < 2) return {};
  // Not 及 or 与 alone: they end too many words (普及, 涉及, 参与).
  static constexpr std::string_view kJoiners[] = {"以及", "和"};
  const auto split = [&](std::string_view piece, std::vector<std::string_view>* out) {
    for (std::string_view j : kJoiners) {
      const size_t at = FindWord(piece, j);
      if (at == std::string_view::npos || at == 0 || at + j.size() >= piece.size()) continue;
      out->push_back(piece.substr(0, at));
      out->push_back(piece.substr(at + j.size()));
      return;
    }
    out->push_back(piece);
  };
  if (all) {
    std::vector<std::string_view> split_all;
    std::vector<std::string_view> parts, next;
    for (std::string_view item : items) {
      parts.assign(1, item);
      for (bool again = true; again;) {
        again = false;
        next.clear();
        for (std::string_view p : parts) {
          const size_t before = next.size();
          split(p, &next);
          again |= next.size() > before + 1;
        }
        parts.swap(next);
      }
      split_all.insert(split_all.end(), parts.begin(), parts.end());
    }
    items = std::move(split_all);
  } else {
    const std::string_view last = items.back();
    items.pop_back();
    split(last, &items);
  }
  for (std::string_view item : items) {
    if (item.empty() || item.size() > 45) return {};  // a name, not a clause
    if (std::any_of(item.begin(), item.end(), IsDigit)) return {};
    for (std::string_view w : {"，"sv, "："sv, "。"sv, "（"sv, "）"sv, "("sv, ")"sv}) {
      if (HasWord(item, w)) return {};
    }
  }
  return items;
}

struct ListClaim {
  int count = 0;
  int begin = 0, end = 0;  // the count and its counter
  std::string_view list;   // views the sentence
};

// The count written right before s[end] (arabic or Chinese numerals), with where it begins.
std::optional<std::pair<int, size_t>> CountBefore(std::string_view s, size_t end) {
  size_t begin = end;
  while (begin > 0 && IsDigit(s[begin - 1]) && end - begin < 4) --begin;
  if (begin < end) {
    if (begin > 0 && (IsDigit(s[begin - 1]) || s[begin - 1] == '.')) return std::nullopt;
    int value = 0;
    for (size_t i = begin; i < end; ++i) value = value * 10 + (s[i] - '0');
    return std::make_pair(value, begin);
  }
  // Chinese numerals: at most three characters (九十九).
  for (size_t chars = 3; chars >= 1; --chars) {
    if (end < 3 * chars) continue;
    const size_t from = end - 3 * chars;
    const auto count = ChineseCount(s, from);
    if (count && from + count->second == end) return std::make_pair(count->first, from);
  }
  return std::nullopt;
}

// The counts of a sentence that name their members: "内设办公室、学会工作部和普及工作部3个股室"
// (the list before, in the same clause) and "下设3个股室：办公室、…" / "直属事业单位10个，分别是…"
// (the list after, to the sentence's end or a closing bracket). Found from the counters (个,
// 所 …), the count read back from each.
std::vector<ListClaim> ListClaims(std::string_view s) {
  std::vector<ListClaim> out;
  if (!HasWord(s, "、")) return out;
  // One pass over the sentence's three-byte characters, each compared with every counter (all
  // of them three bytes of UTF-8).
  for (size_t counter_at = 0, next = 1; counter_at + 3 <= s.size(); counter_at = next++) {
    const auto lead = static_cast<unsigned char>(s[counter_at]);
    if (lead < 0xE0 || lead > 0xEF) continue;
    const auto last = static_cast<unsigned char>(s[counter_at + 2]);
    // A well-formed character: no other can start in its last two bytes.
    if ((s[counter_at + 1] & 0xC0) == 0x80 && (last & 0xC0) == 0x80) next = counter_at + 3;
    if (!kCounterLastByte[last]) continue;
    const auto counter_it =
        std::find(kCounterBytes.begin(), kCounterBytes.end(), ThreeBytes(s.substr(counter_at, 3)));
    if (counter_it == kCounterBytes.end()) continue;
    const std::string_view counter = kCounters[counter_it - kCounterBytes.begin()];
    {
      const auto count = CountBefore(s, counter_at);
      if (!count) continue;
      const size_t pos = count->second;
      ListClaim claim;
      claim.count = count->first;
      claim.begin = static_cast<int>(pos);
      claim.end = static_cast<int>(counter_at + counter.size());
      // The list after: past the noun (a few characters) to a colon, 分别是 / 分别为 / 包括 /
      // 即, or an opening bracket.
      std::string_view after;
      size_t noun_end = claim.end;
      for (int chars = 0; chars < 8 && noun_end < s.size(); ++chars) {
        bool opener = false;
        for (std::string_view w :
             {"：", ":", "（", "(", "，分别是", "，分别为", "分别是", "分别为", "，包括", "，即"}) {
          if (At(s, noun_end, w)) {
            const size_t from = noun_end + w.size();
            size_t to = s.size();
            for (std::string_view end : {"）"sv, ")"sv, "。"sv, "；"sv}) {
              const size_t at = FindWord(s, end, from);
              if (at != std::string_view::npos) to = std::min(to, at);
            }
            after = s.substr(from, to - from);
            opener = true;
            break;
          }
        }
        if (opener || At(s, noun_end, "，") || At(s, noun_end, "、")) break;
        NextCodePoint(s, &noun_end);
      }
      // The list before: the clause up to the count.
      size_t clause = 0;
      for (size_t at = pos; at > 0 && clause == 0; --at) {
        // Every delimiter starts with one of these bytes ("，：；（）" with 0xEF).
        const char first = s[at - 1];
        if (first != ':' && first != ',' && first != '\xEF') continue;
        for (std::string_view w : {"，"sv, "："sv, "；"sv, ":"sv, ","sv, "（"sv, "）"sv}) {
          if (At(s, at - 1, w) && at - 1 + w.size() <= pos) {
            clause = at - 1 + w.size();
            break;
          }
        }
      }
      const std::string_view before = s.substr(clause, pos - clause);
      const std::string_view list = !after.empty() ? after : before;
      if (!HasWord(list, "、") || HasWord(list, "等") || HasWord(list, "如") ||
          HasWord(list, "其中"))
        continue;
      claim.list = list;
      out.push_back(std::move(claim));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ListClaim& a, const ListClaim& b) { return a.begin < b.begin; });
  return out;
}

void CheckListCounts(CheckContext& cx, const Sentence& sentence) {
  for (const ListClaim& c : ListClaims(sentence.text)) {
    const std::vector<std::string_view> once = ListItems(c.list, false);
    if (once.empty()) continue;
    std::string_view repeated;
    // The first name may carry the clause's verb ("单位内设办公室"): it repeats a later name
    // that ends it.
    for (size_t i = 0; i < once.size() && repeated.empty(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        const std::string_view a = once[j];
        const std::string_view b = once[i];
        const bool ends = j == 0 && a.size() > b.size() && b.size() >= 6 &&
                          a.compare(a.size() - b.size(), b.size(), b) == 0;
        if (a == b || ends) repeated = b;
      }
    }
    const int n = static_cast<int>(once.size());
    if (c.count == n && repeated.empty()) continue;
    // The count may also be of the names split at every joining word.
    if (c.count == static_cast<int>(ListItems(c.list, true).size()) && repeated.empty()) continue;
    Diagnostic& d = cx.Add("N808", SentenceLocation(cx.package, sentence, c.begin, c.end));
    d.reported = std::string(sentence.text.substr(c.begin, c.end - c.begin));
    d.computed = std::to_string(n);
    std::string names;
    for (std::string_view item : once) {
      if (!names.empty()) names += "、";
      names += item;
    }
    if (!repeated.empty()) {
      d.message_zh =
          fmt::format("报告称“{}”，所列名称“{}”中“{}”重复出现。", d.reported, names, repeated);
      d.message_en = fmt::format(
          "The report says \"{}\", and among the names listed ({}) \"{}\" "
          "appears twice.",
          d.reported, names, repeated);
    } else {
      d.message_zh = fmt::format("报告称“{}”，但所列名称有 {} 个：{}。", d.reported, n, names);
      d.message_en =
          fmt::format("The report says \"{}\", but it lists {} names: {}.", d.reported, n, names);
    }
    d.hint_zh = "核对个数与所列名称，使二者一致，不重复列出。";
    d.hint_en = "Make the count and the names listed agree, each name once.";
  }
}

// ---- N809: the same fact stated twice ----

struct Stated {
  const Sentence* sentence;
  const Mention* mention;
};

// Whether s[pos] stands inside brackets (a breakdown: "局本级187人(在职在编139人、…)").
// The nearest bracket before it, of either width, decides: one backward pass.
bool InBrackets(std::string_view s, size_t pos) {
  const size_t end = std::min(pos, s.size());
  for (size_t at = end; at > 0; --at) {
    const size_t i = at - 1;
    if (s[i] == '(') return true;
    if (s[i] == ')') return false;
    if (s[i] == '\xEF' && i + 3 <= end) {  // （ and ） are EF BC 88 and EF BC 89
      if (BytesAt(s, i, "（")) return true;
      if (BytesAt(s, i, "）")) return false;
    }
  }
  return false;
}

void CheckRestatements(CheckContext& cx) {
  // (subject, prior year, budget column, staff count) → the first statement, and whether a
  // finding has been made of it: a few keys a report, looked up in a flat list.
  struct First {
    std::tuple<int, bool, bool, bool> key;
    Stated stated;
    bool reported = false;
  };
  std::vector<First> firsts;
  for (size_t k = 0; k < cx.sentences.size(); ++k) {
    const SentenceClaims& c = cx.claims[k];
    // A sentence that names a subject twice breaks it down by part of the unit ("局本级在职139人
    // …，环卫处在职132人"): its figures are not restatements of one fact.
    std::array<int, 32> named{};  // by Subject
    for (const Mention& m : c.mentions) {
      if (m.subject_near && !m.is_difference) ++named[static_cast<size_t>(m.subject) % 32];
    }
    for (size_t i = 0; i < c.mentions.size(); ++i) {
      const Mention& m = c.mentions[i];
      // Broad subjects (财政拨款, 支出决算, 年初 / 全年预算) are named for revenue and spending,
      // for every fund and for totals and parts alike: two of their figures need not be one
      // fact.
      const bool broad =
          m.subject == Subject::kAppropriation || m.subject == Subject::kTotalSpending ||
          m.subject == Subject::kInitialBudget || m.subject == Subject::kFullYearBudget;
      if (m.subject == Subject::kNone || broad || !m.subject_near || m.is_difference ||
          m.approximate || m.ratio_base || m.rate != Rate::kNone ||
          named[static_cast<size_t>(m.subject) % 32] > 1) {
        continue;
      }
      if (c.adjustment &&
          (c.adjustment->from == i || c.adjustment->to == i || c.adjustment->change == i)) {
        continue;
      }
      const bool staff = m.unit == "人" || m.unit == "名";
      const bool staff_subject =
          m.subject == Subject::kAuthorized || m.subject == Subject::kOnPayroll ||
          m.subject == Subject::kRetired || m.subject == Subject::kTotalStaff;
      if (staff != staff_subject) continue;
      if (!staff && !IsMoney(m.unit)) continue;
      if (InBrackets(cx.sentences[k].text, m.begin)) continue;  // the dearest test last
      const auto key = std::make_tuple(static_cast<int>(m.subject), m.year == Year::kPrior,
                                       m.column == Column::kBudget, staff);
      const auto it =
          std::find_if(firsts.begin(), firsts.end(), [&](const First& f) { return f.key == key; });
      if (it == firsts.end()) {
        firsts.push_back(First{key, Stated{&cx.sentences[k], &m}});
        continue;
      }
      if (it->reported) continue;
      const Mention& was = *it->stated.mention;
      const bool differ = staff ? was.value != m.value : !InWan(was).range.Meets(InWan(m).range);
      if (!differ) continue;
      it->reported = true;
      const Sentence& s = cx.sentences[k];
      Diagnostic& d = cx.Add("N809", SentenceLocation(cx.package, s, m.begin, m.end));
      d.related.push_back(SentenceLocation(cx.package, *it->stated.sentence, was.begin, was.end));
      d.reported = std::string(s.text.substr(m.begin, m.end - m.begin));
      d.computed = std::string(it->stated.sentence->text.substr(was.begin, was.end - was.begin));
      const std::string what_zh(SubjectName(m.subject, true));
      const std::string what_en(SubjectName(m.subject, false));
      d.message_zh = fmt::format("报告对{}前后说法不一：先写“{}”，后写“{}”。", what_zh, d.computed,
                                 d.reported);
      d.message_en = fmt::format("The report states {} twice, first as \"{}\", then as \"{}\".",
                                 what_en, d.computed, d.reported);
      d.hint_zh = "同一数据在报告中只应有一个数；核对后统一。";
      d.hint_en = "One fact has one figure throughout the report: check it and make them agree.";
    }
  }
}

// ---- N810: stated parts and balances ----

// The amount of money stated right after `word` in s (a few characters between at most), as the
// index of its mention.
std::optional<size_t> AmountAfter(std::string_view s, const SentenceClaims& c,
                                  std::string_view word, size_t from = 0) {
  const size_t at = FindWord(s, word, from);
  if (at == std::string_view::npos) return std::nullopt;
  const size_t end = at + word.size();
  for (size_t i = 0; i < c.mentions.size(); ++i) {
    const Mention& m = c.mentions[i];
    if (static_cast<size_t>(m.begin) < end) continue;
    if (static_cast<size_t>(m.begin) - end > 12 || !IsMoney(m.unit) || m.approximate ||
        m.is_difference) {
      return std::nullopt;
    }
    const std::string_view gap = s.substr(end, m.begin - end);
    if (HasWord(gap, "，") || HasWord(gap, "、") || HasWord(gap, "。")) return std::nullopt;
    return i;
  }
  return std::nullopt;
}

void AddBalance(CheckContext& cx, const Sentence& s, int begin, int end, std::string reported,
                std::string computed, std::string what_zh, std::string what_en) {
  Diagnostic& d = cx.Add("N810", SentenceLocation(cx.package, s, begin, end));
  d.reported = std::move(reported);
  d.computed = std::move(computed);
  d.message_zh =
      fmt::format("报告中{}不平衡：写明 {}，而各部分得出 {}。", what_zh, d.reported, d.computed);
  d.message_en = fmt::format(
      "The report's figures for {} do not balance: it states {}, but its parts give {}.", what_en,
      d.reported, d.computed);
  d.hint_zh = "核对各部分与总数，使其相加相符。";
  d.hint_en = "Check the parts and the total so that they add up.";
}

void CheckBalances(CheckContext& cx, const Sentence& sentence, const SentenceClaims& c,
                   uint32_t words) {
  const std::string_view s = sentence.text;
  // "合计124.88万元，由人员经费88.18万元和公用经费36.70万元两部分构成".
  for (std::string_view made : {"构成"sv, "组成"sv}) {
    if (!(words & kWordMadeOf)) break;
    const size_t made_at = FindWord(s, made);
    if (made_at == std::string_view::npos) continue;
    const size_t by = s.rfind("由", made_at);
    if (by == std::string_view::npos) continue;
    const Mention* total = nullptr;
    std::vector<const Mention*> parts;
    for (const Mention& m : c.mentions) {
      if (!IsMoney(m.unit) || m.is_difference) continue;
      if (static_cast<size_t>(m.end) <= by)
        total = &m;
      else if (static_cast<size_t>(m.end) <= made_at)
        parts.push_back(&m);
    }
    if (total == nullptr || parts.size() < 2 || total->approximate) break;
    if (HasWord(s.substr(by, made_at - by), "等")) break;
    Figure sum = InWan(*parts[0]);
    std::string written = std::string(s.substr(parts[0]->begin, parts[0]->end - parts[0]->begin));
    bool approximate = parts[0]->approximate;
    for (size_t i = 1; i < parts.size(); ++i) {
      sum = sum + InWan(*parts[i]);
      written += " + " + std::string(s.substr(parts[i]->begin, parts[i]->end - parts[i]->begin));
      approximate |= parts[i]->approximate;
    }
    if (!approximate && !sum.range.Meets(InWan(*total).range)) {
      AddBalance(cx, sentence, total->begin, static_cast<int>(made_at + made.size()),
                 std::string(s.substr(total->begin, total->end - total->begin)),
                 written + " = " + Wan(sum.value), "总数与其构成", "total and its parts");
    }
    break;
  }
  // 收入 = 支出 + 结余结转.
  if (words & kWordBalance) {
    const auto income = AmountAfter(s, c, "收入");
    const auto spent = AmountAfter(s, c, "支出");
    auto left = AmountAfter(s, c, "结余结转");
    if (!left) left = AmountAfter(s, c, "结转结余");
    if (!left) left = AmountAfter(s, c, "结余");
    if (income && spent && left && *income != *spent) {
      const Figure sum = InWan(c.mentions[*spent]) + InWan(c.mentions[*left]);
      const Mention& in = c.mentions[*income];
      if (!sum.range.Meets(InWan(in).range)) {
        AddBalance(cx, sentence, in.begin, c.mentions[*left].end,
                   "收入" + std::string(s.substr(in.begin, in.end - in.begin)),
                   "支出 + 结余结转 = " + Wan(sum.value), "收入、支出与结余结转",
                   "income, spending and balance");
      }
    }
  }
  // 年初预算 + 追加 (− 调减) = 全年预算.
  if (words & kWordBudgets) {
    const auto initial = AmountAfter(s, c, "年初预算");
    std::optional<size_t> full = AmountAfter(s, c, "全年预算");
    if (!full) full = AmountAfter(s, c, "调整后预算");
    std::optional<size_t> added = AmountAfter(s, c, "追加");
    int sign = 1;
    if (!added) added = AmountAfter(s, c, "调增");
    if (!added) {
      added = AmountAfter(s, c, "调减");
      sign = -1;
    }
    if (initial && full && added && *initial != *added && *full != *added) {
      const Figure a = InWan(c.mentions[*initial]);
      const Figure b = InWan(c.mentions[*added]);
      const Figure sum = sign > 0 ? a + b : a - b;
      const Mention& f = c.mentions[*full];
      if (!sum.range.Meets(InWan(f).range)) {
        AddBalance(cx, sentence, c.mentions[*initial].begin, f.end,
                   "全年预算" + std::string(s.substr(f.begin, f.end - f.begin)),
                   std::string(sign > 0 ? "年初 + 追加 = " : "年初 − 调减 = ") + Wan(sum.value),
                   "年初预算、追加与全年预算", "initial budget, additions and full-year budget");
      }
    }
  }
  // An amount and what it is made of ("…124.88万元，其中人员经费88.18万元、公用经费36.70万元").
  if (!(words & (kWordIntroduces | kWordOfWhich))) return;
  if (const std::optional<StatedSum> found = StatedSumIn(s, c); found && !found->holds) {
    const StatedSum& sum = *found;
    std::string parts;
    for (const StatedAmount& a : sum.parts) parts += (parts.empty() ? "" : " + ") + a.written();
    AddBalance(cx, sentence, sum.total.begin, sum.parts.back().end, sum.total.written(),
               parts + " = " + sum.sum.ToString() + sum.total.unit,
               sum.whole ? "总数与所列各项" : "总数与其中各项", "total and the parts it lists");
  }
}

// ---- N811: staff composed wrongly ----

void CheckComposition(CheckContext& cx, const Sentence& sentence, const SentenceClaims& c) {
  const std::string_view s = sentence.text;
  const size_t of_which = FindWord(s, "其中");
  if (of_which == std::string_view::npos) return;
  const Mention* whole = nullptr;
  std::vector<const Mention*> parts;
  // The parts: the counts of persons listed right after 其中, a short label apart each and
  // in the same clause ("其中在职7人、退休10人、离休1人"), none in brackets.
  size_t last_end = of_which;
  for (const Mention& m : c.mentions) {
    if (m.unit != "人" && m.unit != "名") continue;
    if (static_cast<size_t>(m.begin) < of_which) {
      if (m.subject_near &&
          (m.subject == Subject::kAuthorized || m.subject == Subject::kTotalStaff))
        whole = &m;
      continue;
    }
    if (whole == nullptr || static_cast<size_t>(m.begin) - last_end > 21 || m.approximate ||
        InBrackets(s, m.begin)) {
      break;
    }
    // A new clause ("，另有协管员2人") is no longer the list after 其中.
    const std::string_view gap = s.substr(last_end, m.begin - last_end);
    if (HasWord(gap, "，") || HasWord(gap, ",") || HasWord(gap, "；") || HasWord(gap, "另")) break;
    parts.push_back(&m);
    last_end = m.end;
  }
  if (whole == nullptr || parts.empty() || whole->approximate) return;
  const std::string written(s.substr(whole->begin, whole->end - whole->begin));
  // 编制 counts posts: retired people hold none ("编制8名，其中退休3人").
  if (whole->subject == Subject::kAuthorized) {
    for (const Mention* p : parts) {
      const size_t from = p->begin >= 15 ? p->begin - 15 : 0;
      const std::string_view before = s.substr(from, p->begin - from);
      if (!(HasWord(before, "退休") || HasWord(before, "离休"))) continue;
      Diagnostic& d = cx.Add("N811", SentenceLocation(cx.package, sentence, whole->begin, p->end));
      d.reported = written;
      d.computed = std::string(s.substr(p->begin, p->end - p->begin));
      d.message_zh =
          fmt::format("报告把退休（离休）人员计入编制：“编制{}”其中“{}”。", written, d.computed);
      d.message_en = fmt::format(
          "The report counts retired people within the establishment: \"{}\" posts, of which "
          "\"{}\" retired.",
          written, d.computed);
      d.hint_zh = "编制数只含在编在职人员；退休、离休人员另行列明。";
      d.hint_en = "Posts count serving staff only; state retired people separately.";
      return;
    }
    return;
  }
  // 实有 is at least its parts (在职 + 退休 …).
  Decimal sum = Decimal::FromInt(0);
  for (const Mention* p : parts) sum = sum + p->value;
  if (sum > whole->value) {
    const Mention* last = parts.back();
    Diagnostic& d = cx.Add("N811", SentenceLocation(cx.package, sentence, whole->begin, last->end));
    d.reported = written;
    d.computed = sum.ToString() + "人";
    d.message_zh = fmt::format("报告称实有人员“{}”，但其中各类人员合计 {}。", written, d.computed);
    d.message_en = fmt::format(
        "The report gives \"{}\" in total, but the groups within it add up "
        "to {}.",
        written, d.computed);
    d.hint_zh = "实有人数应等于在职、退休等各类人员之和。";
    d.hint_en = "The total must equal the serving, retired and other groups together.";
  }
}

}  // namespace

void CheckStatements(CheckContext& cx) {
  for (size_t k = 0; k < cx.sentences.size(); ++k) {
    const Sentence& s = cx.sentences[k];
    const uint32_t words = cx.words[k];
    if ((words & kWordList) && (words & kWordCounter)) CheckListCounts(cx, s);
    if (cx.claims[k].mentions.empty()) continue;
    CheckBalances(cx, s, cx.claims[k], words);
    if (words & kWordOfWhich) CheckComposition(cx, s, cx.claims[k]);
  }
  CheckRestatements(cx);
}

}  // namespace jixiao::internal
