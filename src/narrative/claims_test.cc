// Tests of claim extraction on phrasings written for these tests: amounts with and without
// units, subjects, years and columns, direction words with and without amounts, numbers that
// are not figures (years, dates, ordinals, list numbers), and sentence splitting.
#include "narrative/claims.h"

#include <gtest/gtest.h>

#include <random>

namespace jixiao {
namespace {

SentenceClaims Extract(const std::string& text, int year = 2024) {
  Sentence s;
  s.text = text;
  return ExtractClaims(s, year);
}

std::string Span(const std::string& text, const Mention& m) {
  return text.substr(m.begin, m.end - m.begin);
}

TEST(Claims, AmountsWithUnitsSubjectsAndYears) {
  const std::string t = "本年度基本支出230.50万元，上年度基本支出210.00万元。";
  const SentenceClaims c = Extract(t);
  ASSERT_EQ(c.mentions.size(), 2u);
  EXPECT_EQ(c.mentions[0].value.ToString(), "230.50");
  EXPECT_EQ(c.mentions[0].unit, "万元");
  EXPECT_EQ(c.mentions[0].subject, Subject::kBasic);
  EXPECT_EQ(c.mentions[0].year, Year::kCurrent);
  EXPECT_EQ(c.mentions[1].year, Year::kPrior);
  EXPECT_EQ(Span(t, c.mentions[1]), "210.00万元");
}

TEST(Claims, WrittenYearsDecideTheYear) {
  const SentenceClaims c = Extract("2024年公用经费12.3万元，2023年公用经费10万元。");
  ASSERT_EQ(c.mentions.size(), 2u);
  EXPECT_EQ(c.mentions[0].year, Year::kCurrent);
  EXPECT_EQ(c.mentions[1].year, Year::kPrior);
  EXPECT_EQ(c.mentions[0].subject, Subject::kPublicFunds);
}

TEST(Claims, SubjectCarriesAcrossClauses) {
  const SentenceClaims c = Extract("财政拨款收入本年为88万元，上年为90万元。");
  ASSERT_EQ(c.mentions.size(), 2u);
  EXPECT_EQ(c.mentions[1].subject, Subject::kAppropriation);
  EXPECT_EQ(c.mentions[1].year, Year::kPrior);
}

TEST(Claims, BudgetAndFinalColumns) {
  const SentenceClaims c = Extract("“三公”经费预算数为1.2万元，决算数为1.1万元。");
  ASSERT_EQ(c.mentions.size(), 2u);
  EXPECT_EQ(c.mentions[0].column, Column::kBudget);
  EXPECT_EQ(c.mentions[1].column, Column::kFinal);
  EXPECT_EQ(c.mentions[0].subject, Subject::kThreePublic);
}

TEST(Claims, PartsOfThreePublic) {
  const SentenceClaims c =
      Extract("其中因公出国（境）费0万元，公务用车购置及运行费0.5万元，公务接待费0.3万元。");
  ASSERT_EQ(c.mentions.size(), 3u);
  EXPECT_EQ(c.mentions[0].subject, Subject::kOverseas);
  EXPECT_EQ(c.mentions[1].subject, Subject::kVehicles);
  EXPECT_EQ(c.mentions[2].subject, Subject::kReception);
}

TEST(Claims, DirectionWordsWithAmounts) {
  for (const auto& [text, direction] :
       {std::pair{"比上年增加3.5万元", 1}, std::pair{"较上年减少了2万元", -1},
        std::pair{"同比下降1.2%", -1}, std::pair{"增长10%", 1}, std::pair{"多出0.8万元", 1},
        std::pair{"降低4.00万元", -1}}) {
    const SentenceClaims c = Extract(text);
    ASSERT_EQ(c.directions.size(), 1u) << text;
    EXPECT_EQ(c.directions[0].direction, direction) << text;
    ASSERT_TRUE(c.directions[0].amount.has_value()) << text;
    EXPECT_TRUE(c.mentions[*c.directions[0].amount].is_difference) << text;
  }
}

TEST(Claims, DifferenceWithoutUnitOrWithWrongUnit) {
  SentenceClaims c = Extract("上年148.40万元，减少23.52。");
  ASSERT_EQ(c.mentions.size(), 2u);
  EXPECT_TRUE(c.mentions[1].is_difference);
  EXPECT_EQ(c.mentions[1].unit, "");
  c = Extract("增加6.04元");
  EXPECT_EQ(c.mentions[0].unit, "元");
}

TEST(Claims, FlatWords) {
  for (const char* text : {"与上年相比持平。", "较上年基本持平。", "支出与上年相同。"}) {
    const SentenceClaims c = Extract(text);
    ASSERT_EQ(c.directions.size(), 1u) << text;
    EXPECT_EQ(c.directions[0].direction, 0) << text;
    EXPECT_FALSE(c.directions[0].amount.has_value()) << text;
  }
  EXPECT_TRUE(Extract("较上年基本持平。").directions[0].roughly);
}

TEST(Claims, DirectionWithoutAmountIsAReasonNotAClaim) {
  const SentenceClaims c = Extract("主要是人员减少，导致基本经费增加。");
  EXPECT_TRUE(c.directions.empty());
}

TEST(Claims, NumbersThatAreNotFigures) {
  const SentenceClaims c =
      Extract("（1）2024年9月25日举办第8届大赛，1.开展活动，1、宣传，共发放资料3000余份。");
  ASSERT_EQ(c.mentions.size(), 1u);
  EXPECT_EQ(c.mentions[0].value.ToString(), "3000");
  EXPECT_TRUE(c.mentions[0].approximate);
  EXPECT_EQ(c.mentions[0].unit, "份");
}

TEST(Claims, StaffCounts) {
  const SentenceClaims c = Extract("核定编制12名，实有人员15人，其中在职11人、退休4人。");
  ASSERT_EQ(c.mentions.size(), 4u);
  EXPECT_EQ(c.mentions[0].subject, Subject::kAuthorized);
  EXPECT_EQ(c.mentions[1].subject, Subject::kTotalStaff);
  EXPECT_EQ(c.mentions[2].subject, Subject::kOnPayroll);
  EXPECT_EQ(c.mentions[3].subject, Subject::kRetired);
  // "预算编制" is budgeting, not posts.
  EXPECT_EQ(Extract("认真做好预算编制工作，安排10万元。").mentions[0].subject, Subject::kNone);
}

TEST(Claims, SentencesWithPlaceAndLine) {
  Report r;
  r.sections.push_back(ReportSection{"一", "基本情况", "第一句。第二句！\n第三句；第四句", {}});
  r.sections[0].subsections.push_back(ReportSection{"（一）", "小节", "小节一句。", {}});
  const std::vector<Sentence> s = SplitSentences(r);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0].text, "第一句。");
  EXPECT_EQ(s[1].text, "第二句！");
  EXPECT_EQ(s[2].text, "第三句；");
  EXPECT_EQ(s[2].line, 1);
  EXPECT_EQ(s[3].text, "第四句");
  EXPECT_EQ(s[3].offset, static_cast<int>(std::string("第一句。第二句！\n第三句；").size()));
  EXPECT_EQ(s[4].section, "一（一）");
  EXPECT_EQ(s[4].pointer, "/report/sections/0/subsections/0/text");
  EXPECT_EQ(s[0].pointer, "/report/sections/0/text");
}

// SplitSentences against a plain splitter written here (byte by byte: a line break ends the
// sentence before it, ';' and 。！？； end the one they close, blanks before a sentence are not
// part of it) on random texts of marks, look-alike punctuation sharing their lead bytes (、，：
// （）) and broken bytes, long enough for the 16-byte blocks and their tails.
TEST(Claims, SentencesSplitAsAPlainByteLoopSplitsThem) {
  const std::vector<std::string> pieces = {"字", "句",   "。",       "！",       "？", "；", ";",
                                           "\n", "、",   "，",       "：",       "（", "）", " ",
                                           "　", "\xe3", "\xef\xbc", "\xe3\x80", "a",  "1"};
  const auto plain = [](const std::string& text) {
    struct Piece {
      std::string text;
      int offset, line;
    };
    std::vector<Piece> out;
    size_t start = 0;
    int line = 0, start_line = 0;
    const auto flush = [&](size_t end) {
      size_t lead = start;
      while (lead < end) {
        if (text[lead] == ' ' || text[lead] == '\t' || text[lead] == '\r') {
          ++lead;
        } else if (text.compare(lead, 3, "　") == 0 && lead + 3 <= end) {
          lead += 3;
        } else {
          break;
        }
      }
      if (lead < end)
        out.push_back({text.substr(lead, end - lead), static_cast<int>(lead), start_line});
    };
    for (size_t i = 0; i < text.size();) {
      const auto mark = [&](const char* m) { return text.compare(i, 3, m) == 0; };
      if (text[i] == '\n') {
        flush(i);
        start = i + 1;
        start_line = ++line;
        i = start;
      } else if (text[i] == ';') {
        flush(i + 1);
        start = ++i;
        start_line = line;
      } else if (i + 3 <= text.size() && (mark("。") || mark("！") || mark("？") || mark("；"))) {
        flush(i + 3);
        start = i += 3;
        start_line = line;
      } else {
        ++i;
      }
    }
    flush(text.size());
    return out;
  };
  std::mt19937 rng(5);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t n = rng() % 60;
    for (size_t i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    Report r;
    r.sections.push_back(ReportSection{"一", "", text, {}});
    const std::vector<Sentence> got = SplitSentences(r);
    const auto want = plain(text);
    ASSERT_EQ(got.size(), want.size()) << text;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].text, want[i].text) << text;
      EXPECT_EQ(got[i].offset, want[i].offset) << text;
      EXPECT_EQ(got[i].line, want[i].line) << text;
    }
  }
}

// Shapes of real budget prose: 增收 / 减支 state a difference; "完成年初预算数X的P%" makes X the
// base of a ratio; "比上年" names the year compared with, not the year of what follows; a
// clause with a label of its own (事业收入) does not inherit the subject before it; a ';'
// ends a sentence; a unit may stand a blank apart.
TEST(Claims, ShapesOfRealBudgetProse) {
  Report r;
  r.sections.push_back(ReportSection{
      "一",
      "",
      "收入24627万元，完成年初预算数60999万元的40.4%，比上年减收1070万元，下降4.2%;"
      "其中：财政拨款收入100万元，事业收入20万元。公务接待费30万元，比上年减少2 万元。",
      {}});
  const auto sentences = SplitSentences(r);
  ASSERT_EQ(sentences.size(), 3u);
  const SentenceClaims a = ExtractClaims(sentences[0], 2024);
  ASSERT_EQ(a.mentions.size(), 5u);          // 24627, 60999, 40.4%, 1070, 4.2%
  EXPECT_TRUE(a.mentions[1].ratio_base);     // 60999
  EXPECT_TRUE(a.mentions[3].is_difference);  // 1070 after 减收
  EXPECT_EQ(a.mentions[3].direction, -1);
  ASSERT_EQ(a.directions.size(), 2u);  // 减收, 下降
  const SentenceClaims b = ExtractClaims(sentences[1], 2024);
  ASSERT_EQ(b.mentions.size(), 2u);
  EXPECT_EQ(b.mentions[0].subject, Subject::kAppropriation);
  EXPECT_EQ(b.mentions[1].subject, Subject::kNone);  // 事业收入 is its own label
  const SentenceClaims c = ExtractClaims(sentences[2], 2024);
  ASSERT_EQ(c.mentions.size(), 2u);
  EXPECT_EQ(c.mentions[0].year, Year::kUnknown);  // not the year before: 比上年 follows
  EXPECT_EQ(c.mentions[1].unit, "万元");          // "2 万元"
  EXPECT_TRUE(c.mentions[1].is_difference);
}

}  // namespace
}  // namespace jixiao
