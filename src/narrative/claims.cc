// Sentence splitting and claim extraction: a left-to-right scan keeping the latest subject,
// year and column keyword seen, attaching them to every figure that follows.
#include "narrative/claims.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>

#include "base/number_text.h"
#include "base/text.h"

namespace jixiao {
namespace {

bool At(std::string_view s, size_t pos, std::string_view word) {
  return s.compare(pos, word.size(), word) == 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void SplitInto(const ReportSection& section, const std::string& label, const std::string& base,
               std::vector<Sentence>* out) {
  const std::string& text = section.text;
  const std::string pointer = base + "/text";
  size_t start = 0;
  int lines_before = 0;  // newlines in text[0, counted)
  size_t counted = 0;
  const auto flush = [&](size_t end) {
    const std::string_view piece = std::string_view(text).substr(start, end - start);
    if (!IsBlank(piece)) {
      // Trim leading blanks but keep offsets exact.
      size_t lead = 0;
      while (lead < piece.size()) {
        size_t next = lead;
        if (!IsBlankCodePoint(NextCodePoint(piece, &next))) break;
        lead = next;
      }
      const size_t at = start + lead;
      lines_before += static_cast<int>(std::count(text.begin() + counted, text.begin() + at, '\n'));
      counted = at;
      const int line = lines_before;
      out->push_back(
          Sentence{std::string(piece.substr(lead)), label, pointer, static_cast<int>(at), line});
    }
  };
  // Sentence ends: 。！？； (three bytes each in UTF-8) and line breaks.
  for (size_t pos = 0; pos < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c == '\n') {
      flush(pos);
      start = ++pos;
      continue;
    }
    if ((c == 0xE3 || c == 0xEF) && pos + 2 < text.size()) {
      const std::string_view three = std::string_view(text).substr(pos, 3);
      if (three == "。" || three == "！" || three == "？" || three == "；") {
        pos += 3;
        flush(pos);
        start = pos;
        continue;
      }
    }
    ++pos;
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
constexpr std::array<Keyword, 22> kSubjects = {{
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

// Units after a number, longest first.
constexpr std::array<std::string_view, 22> kUnits = {
    "万元", "亿元", "千元", "万人次", "万次", "万人", "人次", "场次", "元", "%",  "％",
    "人",   "名",   "个",   "次",     "场",   "份",   "件",   "所",   "家", "项", "届"};

// Every word ExtractClaims looks for, indexed by its first code point, so that a character
// that starts no word costs one lookup and a character that does is compared only with the
// words it may start (longest first).
enum class WordKind { kClause, kSubject, kCurrent, kPrior, kBudget, kFinal, kDirection };
struct Word {
  std::string_view text;
  WordKind kind;
  int index;  // into kSubjects or kDirections
};

const std::vector<Word>* WordsStartingWith(char32_t cp) {
  // A bit per code point of the Basic Multilingual Plane: may it start a word?
  static std::array<uint64_t, 1024> may_start{};
  static const std::unordered_map<char32_t, std::vector<Word>> index = [] {
    std::unordered_map<char32_t, std::vector<Word>> m;
    const auto add = [&](std::string_view w, WordKind kind, int i) {
      size_t pos = 0;
      m[NextCodePoint(w, &pos)].push_back(Word{w, kind, i});
    };
    add("，", WordKind::kClause, 0);
    add("：", WordKind::kClause, 0);
    add(",", WordKind::kClause, 0);
    for (size_t i = 0; i < kSubjects.size(); ++i) {
      add(kSubjects[i].word, WordKind::kSubject, static_cast<int>(i));
    }
    for (std::string_view w : kCurrentWords) add(w, WordKind::kCurrent, 0);
    for (std::string_view w : kPriorWords) add(w, WordKind::kPrior, 0);
    add("预算", WordKind::kBudget, 0);
    add("决算", WordKind::kFinal, 0);
    for (size_t i = 0; i < kDirections.size(); ++i) {
      add(kDirections[i].word, WordKind::kDirection, static_cast<int>(i));
    }
    for (auto& [cp, words] : m) {
      std::stable_sort(words.begin(), words.end(),
                       [](const Word& x, const Word& y) { return x.text.size() > y.text.size(); });
      if (cp < 0x10000) may_start[cp >> 6] |= uint64_t{1} << (cp & 63);
    }
    return m;
  }();
  if (cp >= 0x10000 || !(may_start[cp >> 6] >> (cp & 63) & 1)) return nullptr;
  const auto it = index.find(cp);
  return it == index.end() ? nullptr : &it->second;
}

}  // namespace

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
  }
  return "";
}

std::vector<Sentence> SplitSentences(const Report& report) {
  std::vector<Sentence> out;
  for (size_t i = 0; i < report.sections.size(); ++i) {
    SplitInto(report.sections[i], report.sections[i].number,
              "/report/sections/" + std::to_string(i), &out);
  }
  return out;
}

SentenceClaims ExtractClaims(const Sentence& sentence, int fiscal_year) {
  SentenceClaims claims;
  const std::string& s = sentence.text;
  // Only a figure or a word of sameness makes a claim: most sentences have neither.
  if (s.find_first_of("0123456789") == std::string::npos && s.find("持平") == std::string::npos &&
      s.find("相同") == std::string::npos) {
    return claims;
  }
  const std::string current_year = fmt::format("{}年", fiscal_year);
  const std::string prior_year = fmt::format("{}年", fiscal_year - 1);
  Subject subject = Subject::kNone;
  Year year = Year::kUnknown;
  Year clause_year = Year::kUnknown;
  Column column = Column::kUnknown;
  size_t pos = 0;
  while (pos < s.size()) {
    if (!IsDigit(s[pos])) {
      size_t next = pos;
      // The common case inline: a three-byte character (CJK and full-width punctuation).
      const unsigned char b0 = static_cast<unsigned char>(s[pos]);
      char32_t cp;
      if ((b0 & 0xF0) == 0xE0 && pos + 2 < s.size() &&
          (static_cast<unsigned char>(s[pos + 1]) & 0xC0) == 0x80 &&
          (static_cast<unsigned char>(s[pos + 2]) & 0xC0) == 0x80) {
        cp = (char32_t{b0} & 0x0F) << 12 |
             (char32_t{static_cast<unsigned char>(s[pos + 1])} & 0x3F) << 6 |
             (char32_t{static_cast<unsigned char>(s[pos + 2])} & 0x3F);
        next = pos + 3;
      } else {
        cp = NextCodePoint(s, &next);
      }
      const std::vector<Word>* words = WordsStartingWith(cp);
      const Word* word = nullptr;
      if (words != nullptr) {
        for (const Word& w : *words) {
          if (At(s, pos, w.text)) {
            word = &w;
            break;
          }
        }
      }
      if (word == nullptr) {
        pos = next;
        continue;
      }
      switch (word->kind) {
        case WordKind::kClause:
          // The year said in a clause holds for that clause.
          clause_year = Year::kUnknown;
          break;
        case WordKind::kSubject: {
          const Keyword& k = kSubjects[word->index];
          // "预算编制" is budgeting, not posts.
          if (!(k.subject == Subject::kAuthorized && pos >= 6 && At(s, pos - 6, "预算"))) {
            subject = k.subject;
          }
          break;
        }
        case WordKind::kCurrent:
          year = clause_year = Year::kCurrent;
          break;
        case WordKind::kPrior:
          year = clause_year = Year::kPrior;
          break;
        case WordKind::kBudget:
          column = Column::kBudget;
          break;
        case WordKind::kFinal:
          column = Column::kFinal;
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
            if (with_amount) claim.amount = claims.mentions.size();  // the next mention
            claims.directions.push_back(claim);
            pos = after;
            continue;
          }
          break;
        }
      }
      pos += word->text.size();
      continue;
    }
    // A number.
    const size_t begin = pos;
    while (pos < s.size() && (IsDigit(s[pos]) || s[pos] == ',' ||
                              (s[pos] == '.' && pos + 1 < s.size() && IsDigit(s[pos + 1])))) {
      ++pos;
    }
    const std::string_view number = std::string_view(s).substr(begin, pos - begin);
    // Years, dates, ordinals and list numbers are not figures.
    if (At(s, pos, "年")) {
      if (number == std::string_view(current_year).substr(0, 4)) {
        year = clause_year = Year::kCurrent;
      } else if (number == std::string_view(prior_year).substr(0, 4)) {
        year = clause_year = Year::kPrior;
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
    Mention m;
    m.value = parsed.value;
    m.begin = static_cast<int>(begin);
    if (At(s, pos, "余") || At(s, pos, "多")) {
      m.approximate = true;
      pos += 3;
    }
    for (std::string_view u : kUnits) {
      if (At(s, pos, u)) {
        m.unit = std::string(u == "％" ? "%" : u);
        pos += u.size();
        break;
      }
    }
    m.end = static_cast<int>(pos);
    m.subject = subject;
    m.year = clause_year != Year::kUnknown ? clause_year
                                           : (year != Year::kUnknown ? year : Year::kUnknown);
    m.column = column;
    if (!claims.directions.empty() && claims.directions.back().amount == claims.mentions.size()) {
      m.is_difference = true;
      m.direction = claims.directions.back().direction;
      claims.directions.back().end = m.end;
    }
    claims.mentions.push_back(std::move(m));
  }
  return claims;
}

}  // namespace jixiao
