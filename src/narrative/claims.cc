// Sentence splitting and claim extraction: a left-to-right scan keeping the latest subject,
// year and column keyword seen, attaching them to every figure that follows.
#include "narrative/claims.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

#include "base/number_text.h"
#include "base/text.h"

namespace jixiao {

using namespace std::string_view_literals;  // literal lists of words: sizes known, no strlen

namespace {

// Whether `word` stands at s[pos] (pos <= s.size()).
bool At(std::string_view s, size_t pos, std::string_view word) { return BytesAt(s, pos, word); }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The byte length of a sentence end at text[pos] (。！？；, three bytes each in UTF-8), or 0.
size_t SentenceEndAt(std::string_view text, size_t pos) {
  if (pos + 3 > text.size()) return 0;
  const auto b = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  if (b(0) == 0xE3) return b(1) == 0x80 && b(2) == 0x82 ? 3 : 0;  // 。U+3002
  if (b(0) == 0xEF && b(1) == 0xBC) {
    return b(2) == 0x81 || b(2) == 0x9F || b(2) == 0x9B ? 3 : 0;  // ！U+FF01 ？U+FF1F ；U+FF1B
  }
  return 0;
}

// Where the next sentence break at or after `pos` starts — a line break, an ASCII ';', or one of
// 。！？； (SentenceEndAt) — or text.size(). Sixteen positions at a time with GCC's vector
// extensions (SSE2 on x86-64, NEON on ARM): the marks' lead bytes E3 and EF also begin 、，：
// （）and most other punctuation, so looking for a lead byte alone stops every few characters.
size_t NextBreak(std::string_view text, size_t pos) {
  const char* data = text.data();
  if constexpr (std::endian::native == std::endian::little) {
    using Bytes = uint8_t __attribute__((vector_size(16)));
    const auto all = [](uint8_t v) {
      Bytes b;
      for (int k = 0; k < 16; ++k) b[k] = v;
      return b;
    };
    const Bytes newline = all('\n'), semicolon = all(';'), e3 = all(0xE3), x80 = all(0x80),
                x82 = all(0x82), ef = all(0xEF), bc = all(0xBC), x81 = all(0x81), x9f = all(0x9F),
                x9b = all(0x9B);
    for (; pos + 18 <= text.size(); pos += 16) {
      Bytes b0, b1, b2;
      std::memcpy(&b0, data + pos, 16);
      std::memcpy(&b1, data + pos + 1, 16);
      std::memcpy(&b2, data + pos + 2, 16);
      const auto hit = (b0 == newline) | (b0 == semicolon) |
                       ((b0 == e3) & (b1 == x80) & (b2 == x82)) |
                       ((b0 == ef) & (b1 == bc) & ((b2 == x81) | (b2 == x9f) | (b2 == x9b)));
      uint64_t halves[2];
      std::memcpy(halves, &hit, 16);
      if (halves[0] != 0) return pos + static_cast<size_t>(std::countr_zero(halves[0]) / 8);
      if (halves[1] != 0) return pos + 8 + static_cast<size_t>(std::countr_zero(halves[1]) / 8);
    }
  }
  for (; pos < text.size(); ++pos) {
    if (data[pos] == '\n' || data[pos] == ';' || SentenceEndAt(text, pos) > 0) return pos;
  }
  return text.size();
}

void SplitInto(const ReportSection& section, const std::string& label, const std::string& base,
               std::vector<Sentence>* out) {
  const std::string_view text = section.text;
  const std::string pointer = base + "/text";
  size_t start = 0;
  int lines = 0;  // line breaks before `start` (a piece never holds one: they end pieces)
  const auto flush = [&](size_t end) {
    const std::string_view piece = text.substr(start, end - start);
    // Trim leading blanks but keep offsets exact; a piece of blanks only is no sentence.
    size_t lead = 0;
    while (lead < piece.size()) {
      size_t next = lead;
      if (!IsBlankCodePoint(NextCodePoint(piece, &next))) break;
      lead = next;
    }
    if (lead == piece.size()) return;
    out->push_back(
        Sentence{piece.substr(lead), label, pointer, static_cast<int>(start + lead), lines});
  };
  for (size_t pos = NextBreak(text, 0); pos < text.size(); pos = NextBreak(text, start)) {
    if (text[pos] == '\n') {
      flush(pos);
      ++lines;
      start = pos + 1;
    } else if (text[pos] == ';') {
      flush(pos + 1);
      start = pos + 1;
    } else {  // 。！？；
      flush(pos + 3);
      start = pos + 3;
    }
  }
  flush(text.size());
  for (size_t i = 0; i < section.subsections.size(); ++i) {
    const ReportSection& sub = section.subsections[i];
    SplitInto(sub, label + sub.number, base + "/subsections/" + std::to_string(i), out);
  }
}

struct Keyword {
  std::string_view word;
  Subject subject;
};

// Longest first where one is a prefix of another.
constexpr std::array<Keyword, 26> kSubjects = {{
    {"收入支出决算", Subject::kTotalSpending},
    {"收支决算", Subject::kTotalSpending},
    {"支出决算", Subject::kTotalSpending},
    {"一般公共预算财政拨款", Subject::kAppropriation},
    {"财政拨款收入", Subject::kAppropriation},
    {"基本支出", Subject::kBasic},
    {"人员经费", Subject::kPersonnel},
    {"公用经费", Subject::kPublicFunds},
    {"项目支出", Subject::kProjects},
    {"三公", Subject::kThreePublic},
    {"出国", Subject::kOverseas},
    {"公务用车", Subject::kVehicles},
    {"公车", Subject::kVehicles},
    {"公务接待", Subject::kReception},
    {"核定编制", Subject::kAuthorized},
    {"编制数", Subject::kAuthorized},
    {"编制人数", Subject::kAuthorized},
    {"在职人员", Subject::kOnPayroll},
    {"在职", Subject::kOnPayroll},
    {"退休人员", Subject::kRetired},
    {"退休", Subject::kRetired},
    {"实有", Subject::kTotalStaff},
    {"财政供养人员", Subject::kOnPayroll},
    {"年初预算", Subject::kInitialBudget},
    {"全年预算", Subject::kFullYearBudget},
    {"调整后预算", Subject::kFullYearBudget},
}};

constexpr std::array<std::string_view, 7> kCurrentWords = {"本年度", "本年",       "今年", "当年",
                                                           "本期",   "本单位年度", "年底"};
constexpr std::array<std::string_view, 6> kPriorWords = {"上年度", "上一年度", "上年",
                                                         "去年",   "上期",     "同期"};

struct DirectionWord {
  std::string_view word;
  int direction;
  bool flat;
  bool roughly;
};
constexpr std::array<DirectionWord, 14> kDirections = {{
    {"多出", 1, false, false},
    {"高出", 1, false, false},
    {"超出", 1, false, false},
    {"基本持平", 0, true, true},
    {"持平", 0, true, false},
    {"与上年相同", 0, true, false},
    {"与去年相同", 0, true, false},
    {"增加", 1, false, false},
    {"增长", 1, false, false},
    {"上升", 1, false, false},
    {"提高", 1, false, false},
    {"减少", -1, false, false},
    {"下降", -1, false, false},
    {"降低", -1, false, false},
}};

// Words of change whose amount follows them, found by looking back from the amount (the
// claim words above fill the word table).
constexpr std::pair<std::string_view, int> kChangeWords[] = {
    {"增收", 1},  {"减收", -1}, {"增支", 1}, {"减支", -1}, {"超收", 1},
    {"短收", -1}, {"节支", -1}, {"多支", 1}, {"节约", -1},
};

// The last bytes of a list of words: a text position whose byte before it is none of them ends
// none of the words (most numbers are turned away by this one lookup before the words).
template <typename Words, typename WordOf>
constexpr std::array<bool, 256> LastBytes(const Words& words, WordOf word_of) {
  std::array<bool, 256> out{};
  for (const auto& w : words) out[static_cast<unsigned char>(word_of(w).back())] = true;
  return out;
}
constexpr std::array<bool, 256> kChangeLastByte =
    LastBytes(kChangeWords, [](const auto& w) { return w.first; });

// "差值为0.9万元", "相差3人": a difference with no direction.
constexpr std::string_view kDifferenceWords[] = {"差值为", "差额为", "差值",
                                                 "差额",   "相差",   "差异"};
constexpr std::array<bool, 256> kDifferenceLastByte =
    LastBytes(kDifferenceWords, [](std::string_view w) { return w; });

// Whether s[end] ends a word whose last byte is in `last` (end > 0).
bool MayEndAt(std::string_view s, size_t end, const std::array<bool, 256>& last) {
  return end > 0 && last[static_cast<unsigned char>(s[end - 1])];
}

// Units after a number, longest first.
constexpr std::array<std::string_view, 22> kUnits = {
    "万元", "亿元", "千元", "万人次", "万次", "万人", "人次", "场次", "元", "%",  "％",
    "人",   "名",   "个",   "次",     "场",   "份",   "件",   "所",   "家", "项", "届"};

// Every word ExtractClaims looks for, compiled into one WordSet: at each character, one bitmap
// lookup says whether a word may start there, and only then is it compared with the words
// starting with that character (longest first).
enum class WordKind { kClause, kSubject, kCurrent, kPrior, kBudget, kFinal, kDirection };
struct Word {
  WordKind kind;
  int index;  // into kSubjects or kDirections
};

struct Vocabulary {
  std::vector<Word> words;  // what word i of `set` is
  WordSet set;
};

Vocabulary BuildVocabulary() {
  std::vector<std::string_view> texts;
  std::vector<Word> words;
  const auto add = [&](std::string_view w, WordKind kind, size_t i) {
    texts.push_back(w);
    words.push_back(Word{kind, static_cast<int>(i)});
  };
  add("，", WordKind::kClause, 0);
  add("：", WordKind::kClause, 0);
  add(",", WordKind::kClause, 0);
  for (size_t i = 0; i < kSubjects.size(); ++i) add(kSubjects[i].word, WordKind::kSubject, i);
  for (std::string_view w : kCurrentWords) add(w, WordKind::kCurrent, 0);
  for (std::string_view w : kPriorWords) add(w, WordKind::kPrior, 0);
  add("预算", WordKind::kBudget, 0);
  add("决算", WordKind::kFinal, 0);
  for (size_t i = 0; i < kDirections.size(); ++i) {
    add(kDirections[i].word, WordKind::kDirection, i);
  }
  return Vocabulary{std::move(words), WordSet(texts)};
}

const Vocabulary& ClaimWords() {
  static const Vocabulary vocabulary = BuildVocabulary();
  return vocabulary;
}

// The year a number written before 年 names: its value when it is four ASCII digits, else -1.
int FourDigitYear(std::string_view number) {
  if (number.size() != 4) return -1;
  int year = 0;
  for (char c : number) {
    if (c < '0' || c > '9') return -1;
    year = year * 10 + (c - '0');
  }
  return year;
}

}  // namespace

bool IsMoneyUnit(std::string_view unit) {
  return unit == "万元" || unit == "元" || unit == "亿元" || unit == "千元";
}

Decimal WanPerUnit(std::string_view unit) {
  if (unit == "元") return Decimal::FromUnits(1, 4);    // 0.0001
  if (unit == "千元") return Decimal::FromUnits(1, 1);  // 0.1
  if (unit == "亿元") return Decimal::FromInt(10000);
  return Decimal::FromInt(1);
}

std::string_view SubjectName(Subject s, bool zh) {
  switch (s) {
    case Subject::kNone:
      return zh ? "（未知）" : "(unknown)";
    case Subject::kTotalSpending:
      return zh ? "收入支出决算" : "total spending";
    case Subject::kAppropriation:
      return zh ? "财政拨款收入" : "appropriations";
    case Subject::kBasic:
      return zh ? "基本支出" : "basic expenditure";
    case Subject::kPersonnel:
      return zh ? "人员经费" : "personnel costs";
    case Subject::kPublicFunds:
      return zh ? "公用经费" : "public operating costs";
    case Subject::kProjects:
      return zh ? "项目支出" : "project expenditure";
    case Subject::kThreePublic:
      return zh ? "三公经费" : "three public expenses";
    case Subject::kOverseas:
      return zh ? "因公出国（境）费" : "official travel abroad";
    case Subject::kVehicles:
      return zh ? "公务用车购置及运行费" : "official vehicles";
    case Subject::kReception:
      return zh ? "公务接待费" : "official reception";
    case Subject::kAuthorized:
      return zh ? "编制数" : "authorized posts";
    case Subject::kOnPayroll:
      return zh ? "在职人数" : "staff on payroll";
    case Subject::kRetired:
      return zh ? "退休人数" : "retired staff";
    case Subject::kTotalStaff:
      return zh ? "实有人数" : "staff in total";
    case Subject::kInitialBudget:
      return zh ? "年初预算数" : "initial budget";
    case Subject::kFullYearBudget:
      return zh ? "全年预算数" : "full-year budget";
  }
  return "";
}

namespace {

bool EndsAt(std::string_view s, size_t end, std::string_view word) {
  return end >= word.size() && At(s, end - word.size(), word);
}

struct RateWord {
  std::string_view word;
  Rate rate;
};
// Longest first where one ends another. "控制率" alone takes its subject from the sentence.
constexpr std::array<RateWord, 16> kRateWords = {{
    {"财政供养人员控制率", Rate::kStaffControl},
    {"人员编制控制率", Rate::kStaffControl},
    {"公用经费控制率", Rate::kPublicFundsControl},
    {"编制控制率", Rate::kStaffControl},
    {"人员控制率", Rate::kStaffControl},
    {"经费控制率", Rate::kThreePublicControl},  // "三公经费" / "“三公”经费": checked below
    {"预算执行率", Rate::kExecution},
    {"支出执行率", Rate::kExecution},
    {"资金执行率", Rate::kExecution},
    {"预算调整率", Rate::kAdjustment},
    {"调整幅度", Rate::kAdjustment},
    {"调减幅度", Rate::kAdjustment},
    {"调增幅度", Rate::kAdjustment},
    {"执行率", Rate::kExecution},
    {"调整率", Rate::kAdjustment},
    {"控制率", Rate::kNone},
}};

// The rate a percentage written at s[begin] is named as: its name right before it, with at
// most a few words between ("执行率为", "控制率达到", "调减幅度：").
Rate RateBefore(std::string_view s, size_t begin, Subject subject, bool* down) {
  static constexpr std::string_view kFillers[] = {"达到", "高达", "只有", "仅为", "为", "达",
                                                  "是",   "：",   ":",    "了",   "约", "仅"};
  size_t end = begin;
  for (int strips = 0; strips < 3; ++strips) {
    bool stripped = false;
    for (std::string_view f : kFillers) {
      if (EndsAt(s, end, f)) {
        end -= f.size();
        stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  for (const RateWord& r : kRateWords) {
    if (!EndsAt(s, end, r.word)) continue;
    const size_t at = end - r.word.size();
    *down = r.word == "调减幅度";
    if (r.word == "经费控制率") {
      // "三公经费控制率", "“三公”经费控制率"; another 经费 is no rate we know.
      const bool three = EndsAt(s, at, "三公") || EndsAt(s, at, "三公”") || EndsAt(s, at, "三公\"");
      if (three) return Rate::kThreePublicControl;
      return EndsAt(s, at, "公用") ? Rate::kPublicFundsControl : Rate::kNone;
    }
    if (r.rate != Rate::kNone) return r.rate;
    switch (subject) {  // a bare 控制率
      case Subject::kAuthorized:
      case Subject::kOnPayroll:
      case Subject::kTotalStaff:
        return Rate::kStaffControl;
      case Subject::kPublicFunds:
        return Rate::kPublicFundsControl;
      case Subject::kThreePublic:
        return Rate::kThreePublicControl;
      default:
        return Rate::kNone;
    }
  }
  return Rate::kNone;
}

// Whether a count written at s[begin] belongs to the staff subject named at s[subject_end]:
// only a few words may stand between ("实有人员17人", "在职人数为7人"), and no clause break,
// list mark or "中" ("在职人员中党员5人" counts party members; "退休10人、离休0人" counts 离休).
bool CountBelongs(std::string_view s, size_t subject_end, size_t begin) {
  if (begin < subject_end || begin - subject_end > 12) return false;
  const std::string_view gap = s.substr(subject_end, begin - subject_end);
  return !ContainsAny(gap, {"，"sv, "、"sv, "中"sv, "："sv, ","sv, "；"sv, "和"sv, "及"sv});
}

bool IsStaff(Subject s) {
  return s == Subject::kAuthorized || s == Subject::kOnPayroll || s == Subject::kRetired ||
         s == Subject::kTotalStaff;
}

// The budget adjustment a sentence states, if any: "调减为", "调增至", "调整为" after an amount
// (from it to the next amount), or "调减" / "调增" before an amount (the change). Only in a
// sentence about a budget.
void FindAdjustment(std::string_view s, const KnownWords& known, SentenceClaims* claims) {
  if (!(known.budget ? *known.budget : HasWord(s, "预算"))) return;
  static constexpr std::pair<std::string_view, int> kWords[] = {
      {"调减", -1}, {"调增", 1}, {"调整", 0}};
  size_t best = std::string_view::npos;
  int direction = 0;
  for (const auto& [w, dir] : kWords) {
    for (size_t at = FindWord(s, w); at != std::string_view::npos;
         at = FindWord(s, w, at + w.size())) {
      const size_t after = at + w.size();
      const bool to = At(s, after, "为") || At(s, after, "至") || At(s, after, "到");
      const bool amount = dir != 0 && after < s.size() && IsDigit(s[after]);
      if (!to && !amount) continue;
      if (at < best) {
        best = at;
        direction = dir;
      }
      break;
    }
  }
  if (best == std::string_view::npos) return;
  AdjustmentClaim a;
  a.direction = direction;
  a.begin = static_cast<int>(best);
  a.end = static_cast<int>(best + 6);
  for (size_t i = 0; i < claims->mentions.size(); ++i) {
    const Mention& m = claims->mentions[i];
    if (!IsMoneyUnit(m.unit)) continue;
    if (m.end <= a.begin) {
      a.from = i;
    } else if (!a.to && m.begin >= a.end) {
      a.to = i;
    }
  }
  // "调减26.43万元": the amount right after the word is the change, not the new budget.
  if (a.to && claims->mentions[*a.to].begin == a.end) {
    a.change = a.to;
    a.to.reset();
  }
  claims->adjustment = a;
}

size_t TextBytes(const std::vector<ReportSection>& sections) {
  size_t bytes = 0;
  for (const ReportSection& s : sections) bytes += s.text.size() + TextBytes(s.subsections);
  return bytes;
}

}  // namespace

std::vector<Sentence> SplitSentences(const Report& report) {
  std::vector<Sentence> out;
  // Room for sentences of ~64 bytes (20 Chinese characters), so that the vector seldom grows.
  out.reserve(TextBytes(report.sections) / 64 + 16);
  for (size_t i = 0; i < report.sections.size(); ++i) {
    SplitInto(report.sections[i], report.sections[i].number,
              "/report/sections/" + std::to_string(i), &out);
  }
  return out;
}

SentenceClaims ExtractClaims(const Sentence& sentence, int fiscal_year, const KnownWords& known) {
  SentenceClaims claims;
  const std::string_view s = sentence.text;
  // Only a figure or a word of sameness makes a claim: most sentences have neither.
  const size_t first_digit = FindAsciiDigit(s, 0);
  if (first_digit == s.size() &&
      !(known.sameness ? *known.sameness : HasEitherWord(s, "持平", "相同"))) {
    return claims;
  }
  const Vocabulary& vocabulary = ClaimWords();
  Subject subject = Subject::kNone;
  Year year = Year::kUnknown;
  Year clause_year = Year::kUnknown;
  Column column = Column::kUnknown;
  size_t subject_end = 0;          // where the latest subject's word ends
  bool subject_in_clause = false;  // the subject was named in the current clause
  size_t clause_start = 0;
  // The words seen so far: a comparison after both columns and no earlier year is between
  // the columns.
  bool saw_budget = false, saw_final = false, saw_prior = false;
  size_t pos = 0;
  size_t digit = first_digit;  // the first digit at or after pos
  while (pos < s.size()) {
    // Left to right: the next word before the next digit, else the number at that digit.
    if (digit < pos) digit = FindAsciiDigit(s, pos);
    const WordSet::Found found = vocabulary.set.NextWord(s, pos, digit);
    pos = found.at;
    if (found.word >= 0) {
      const Word* word = &vocabulary.words[found.word];
      const std::string_view word_text = vocabulary.set.word(found.word);
      switch (word->kind) {
        case WordKind::kClause:
          // The year said in a clause holds for that clause.
          clause_year = Year::kUnknown;
          subject_in_clause = false;
          clause_start = pos + word_text.size();
          break;
        case WordKind::kSubject: {
          const Keyword& k = kSubjects[word->index];
          const bool budget_word =
              k.subject == Subject::kInitialBudget || k.subject == Subject::kFullYearBudget;
          // "项目支出年初预算为37万元": after a subject in its clause, 年初预算 names the column.
          const bool column_only = budget_word && subject_in_clause && subject != Subject::kNone &&
                                   subject != Subject::kInitialBudget &&
                                   subject != Subject::kFullYearBudget;
          // "预算编制" is budgeting, not posts.
          if (!column_only &&
              !(k.subject == Subject::kAuthorized && pos >= 6 && At(s, pos - 6, "预算"))) {
            subject_in_clause = true;
            subject = k.subject;
            subject_end = pos + word_text.size();
          }
          if (k.subject == Subject::kInitialBudget || k.subject == Subject::kFullYearBudget) {
            column = Column::kBudget;
            saw_budget = true;
          }
          break;
        }
        case WordKind::kCurrent:
          year = clause_year = Year::kCurrent;
          break;
        case WordKind::kPrior:
          // "比上年减少…", "较上年", "上年同期": the year compared with, not the year of
          // the figures that follow.
          if (!(EndsAt(s, pos, "比") || EndsAt(s, pos, "较") || EndsAt(s, pos, "同") ||
                EndsAt(s, pos, "于") || EndsAt(s, pos, "上年"))) {
            year = clause_year = Year::kPrior;
          }
          saw_prior = true;
          break;
        case WordKind::kBudget:
          column = Column::kBudget;
          saw_budget = true;
          break;
        case WordKind::kFinal:
          column = Column::kFinal;
          saw_final = true;
          break;
        case WordKind::kDirection: {
          const DirectionWord& d = kDirections[word->index];
          size_t after = pos + d.word.size();
          if (At(s, after, "了")) after += 3;
          const bool with_amount = !d.flat && after < s.size() && IsDigit(s[after]);
          if (d.flat || with_amount) {  // a direction without an amount is a reason, not a claim
            DirectionClaim claim;
            claim.direction = d.direction;
            claim.roughly = d.roughly;
            claim.word = std::string(d.word);
            claim.begin = static_cast<int>(pos);
            claim.end = static_cast<int>(pos + d.word.size());
            claim.subject = subject;
            claim.between_columns = saw_budget && saw_final && !saw_prior;
            if (with_amount) claim.amount = claims.mentions.size();  // the next mention
            claims.directions.push_back(claim);
            pos = after;
            continue;
          }
          break;
        }
      }
      pos += word_text.size();
      continue;
    }
    if (pos == s.size()) break;
    // A number.
    const size_t begin = pos;
    while (pos < s.size() && (IsDigit(s[pos]) || s[pos] == ',' ||
                              (s[pos] == '.' && pos + 1 < s.size() && IsDigit(s[pos + 1])))) {
      ++pos;
    }
    const std::string_view number = s.substr(begin, pos - begin);
    // Years, dates, ordinals and list numbers are not figures.
    if (At(s, pos, "年")) {
      const int written = FourDigitYear(number);
      if (written >= 0 && written == fiscal_year) {
        year = clause_year = Year::kCurrent;
      } else if (written >= 0 && written == fiscal_year - 1) {
        year = clause_year = Year::kPrior;
        saw_prior = true;
      }
      pos += 3;
      continue;
    }
    const bool ordinal = begin >= 3 && At(s, begin - 3, "第");
    // "1." and "1、" number a list: a figure is never followed by them.
    const bool listed = At(s, pos, ".") || At(s, pos, "、") || At(s, pos, "．") ||
                        (begin >= 3 && At(s, begin - 3, "（") && At(s, pos, "）")) ||
                        (begin >= 1 && s[begin - 1] == '(' && At(s, pos, ")"));
    if (ordinal || listed || At(s, pos, "月") || At(s, pos, "日") || At(s, pos, "届") ||
        At(s, pos, "号")) {
      continue;
    }
    const DocumentNumber parsed = ParseDocumentNumber(number);
    if (!parsed.ok) continue;
    // "比上年增收1284万元", "减支9240万元": the amount after these is a difference too.
    const size_t word_end = EndsAt(s, begin, "了") ? begin - 3 : begin;
    for (const auto& [w, dir] : kChangeWords) {
      if (!MayEndAt(s, word_end, kChangeLastByte)) break;  // none of them ends here
      if (!EndsAt(s, word_end, w)) continue;
      const size_t at = word_end - w.size();
      DirectionClaim claim;
      claim.direction = dir;
      claim.word = std::string(w);
      claim.begin = static_cast<int>(at);
      claim.end = static_cast<int>(at + w.size());
      claim.subject = subject;
      claim.between_columns = saw_budget && saw_final && !saw_prior;
      claim.amount = claims.mentions.size();
      claims.directions.push_back(claim);
      break;
    }
    Mention m;
    m.value = parsed.value;
    m.begin = static_cast<int>(begin);
    if (MayEndAt(s, begin, kDifferenceLastByte)) {
      for (std::string_view w : kDifferenceWords) {
        if (EndsAt(s, begin, w)) m.is_difference = true;
      }
    }
    if (At(s, pos, "余") || At(s, pos, "多")) {
      m.approximate = true;
      pos += 3;
    }
    // A unit may stand a blank apart ("减少2 万元").
    size_t unit_at = pos;
    while (unit_at < s.size() && unit_at - pos < 3 && s[unit_at] == ' ') ++unit_at;
    for (std::string_view u : kUnits) {
      if (At(s, unit_at, u)) {
        m.unit = std::string(u == "％" ? "%" : u);
        pos = unit_at + u.size();
        break;
      }
    }
    m.end = static_cast<int>(pos);
    m.subject = subject;
    // "完成年初预算数60999万元的40.4%": the base of a ratio, not a fact stated on its own.
    m.ratio_base = At(s, pos, "的") && pos + 3 < s.size() && IsDigit(s[pos + 3]);
    // "其中：事业收入100万元": a clause with a label of its own that is no subject we know
    // does not inherit the subject before it.
    if (!subject_in_clause && subject != Subject::kNone && begin > clause_start) {
      const std::string_view label = s.substr(clause_start, begin - clause_start);
      if (ContainsAny(label, {"收入"sv, "支出"sv, "费"sv, "资金"sv, "款"sv, "金额"sv})) {
        m.subject = Subject::kNone;
      }
    }
    m.subject_near = subject != Subject::kNone && CountBelongs(s, subject_end, begin);
    if ((m.unit == "人" || m.unit == "名") && IsStaff(subject) && !m.subject_near) {
      m.subject = Subject::kNone;
    }
    m.year = clause_year != Year::kUnknown ? clause_year
                                           : (year != Year::kUnknown ? year : Year::kUnknown);
    m.column = column;
    if (!claims.directions.empty() && claims.directions.back().amount == claims.mentions.size()) {
      m.is_difference = true;
      m.direction = claims.directions.back().direction;
      claims.directions.back().end = m.end;
    } else if (m.unit == "%") {
      bool down = false;
      m.rate = RateBefore(s, begin, subject, &down);
      m.adjusted_down = down;
      const size_t from = begin > 30 ? begin - 30 : 0;
      m.on_initial = m.rate != Rate::kNone &&
                     FindWord(s.substr(from, begin - from), "年初") != std::string_view::npos;
      // "科普项目预算执行率为95%", "专项经费执行率": a project's or a fund's rate, not the
      // department's — unless the clause says it is the whole (整体, 部门).
      if (m.rate == Rate::kExecution) {
        size_t clause = 0;
        for (std::string_view w : {"，"sv, "；"sv, "："sv, ","sv, "。"sv}) {
          const size_t at = s.rfind(w, begin);
          if (at != std::string_view::npos && at < begin) clause = std::max(clause, at + w.size());
        }
        const std::string_view before = s.substr(clause, begin - clause);
        const auto has = [&](std::string_view w) {
          return FindWord(before, w) != std::string_view::npos;
        };
        if ((has("项目") || has("专项") || has("经费")) && !has("整体") && !has("部门")) {
          m.rate = Rate::kNone;
        }
      }
    }
    if (claims.mentions.empty()) claims.mentions.reserve(4);  // a sentence seldom states more
    claims.mentions.push_back(std::move(m));
  }
  FindAdjustment(s, known, &claims);
  return claims;
}

}  // namespace jixiao
