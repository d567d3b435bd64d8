// Tests of the UTF-8 helpers.
#include "base/text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace jixiao {
namespace {

TEST(Text, TrimBlankIncludingIdeographicSpace) {
  EXPECT_EQ(TrimBlank("　0.67　"), "0.67");
  EXPECT_EQ(TrimBlank(" \t≧8次 \n"), "≧8次");
  EXPECT_EQ(TrimBlank("　　"), "");
  EXPECT_TRUE(IsBlank("　 \t"));
  EXPECT_FALSE(IsBlank("　x"));
}

TEST(Text, FoldWidth) {
  EXPECT_EQ(FoldWidth("８７．５％（一）"), "87.5%(一)");
  EXPECT_EQ(FoldWidth("a　b"), "a b");
  EXPECT_EQ(FoldWidth("−1"), "-1");
}

TEST(Text, DisplayWidth) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("三公经费"), 8);
  EXPECT_EQ(DisplayWidth("0.68万元"), 8);
  EXPECT_EQ(DisplayWidth("（空）"), 6);
}

TEST(Text, DecodingSurvivesInvalidUtf8) {
  const std::string bad =
      "a\xe4\xb8"
      "b\xff";
  size_t pos = 0;
  EXPECT_EQ(NextCodePoint(bad, &pos), U'a');
  EXPECT_EQ(NextCodePoint(bad, &pos), 0xFFFDu);
  EXPECT_EQ(pos, 2u);
  // Overlong encodings and surrogates are rejected.
  const std::string overlong = "\xc0\xaf";
  pos = 0;
  EXPECT_EQ(NextCodePoint(overlong, &pos), 0xFFFDu);
  const std::string surrogate = "\xed\xa0\x80";
  pos = 0;
  EXPECT_EQ(NextCodePoint(surrogate, &pos), 0xFFFDu);
  EXPECT_EQ(DisplayWidth(bad), 5);
}

TEST(Text, Utf8RoundTrip) {
  std::string s;
  for (char32_t cp : {U'a', U'é', U'万', U'𠀀'}) AppendUtf8(cp, &s);
  size_t pos = 0;
  EXPECT_EQ(NextCodePoint(s, &pos), U'a');
  EXPECT_EQ(NextCodePoint(s, &pos), U'é');
  EXPECT_EQ(NextCodePoint(s, &pos), U'万');
  EXPECT_EQ(NextCodePoint(s, &pos), U'𠀀');
  EXPECT_EQ(pos, s.size());
}

TEST(Text, LineColumn) {
  const std::string t = "ab\n万c\nd";
  EXPECT_EQ(LineColumnAt(t, 0).line, 1);
  const LineColumn lc = LineColumnAt(t, 6);  // after 万
  EXPECT_EQ(lc.line, 2);
  EXPECT_EQ(lc.column, 2);
}

TEST(Text, WordSetFindsWhichWordsOccur) {
  const WordSet words({"问卷", "调查", "执行率", "", "abc"});
  EXPECT_EQ(words.size(), 5u);
  EXPECT_EQ(words.Find("开展问卷调查。"), 0b00011u);
  EXPECT_EQ(words.Find("预算执行率为95%"), 0b00100u);
  EXPECT_EQ(words.Find("xabcx执行"), 0b10000u);
  EXPECT_EQ(words.Find(""), 0u);  // the empty word never occurs
  EXPECT_TRUE(ContainsAny("没有调整", {"未做", "调整"}));
  EXPECT_FALSE(ContainsAny("没有调整", {"未做", ""}));
}

// BytesAt against std::string_view::compare at every position and every word length up to 20
// (the inlined loads of 2, 4 and 8 bytes, overlapping, and the memcmp beyond 16).
TEST(Text, BytesAtAgreesWithCompare) {
  std::mt19937 rng(11);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const size_t size = rng() % 40;
    for (size_t i = 0; i < size; ++i) text.push_back("ab\xe8\xb0\x83"[rng() % 5]);
    for (size_t pos = 0; pos <= text.size(); ++pos) {
      for (size_t n = 0; n <= 20; ++n) {
        // A word taken from the text where it fits (so that it matches), else random bytes.
        std::string word;
        if (rng() % 2 == 0 && pos + n <= text.size()) {
          word = text.substr(pos, n);
          if (n > 0 && rng() % 3 == 0) word[rng() % n] ^= 1;  // one byte off
        } else {
          for (size_t i = 0; i < n; ++i) word.push_back("ab\xe8\xb0\x83"[rng() % 5]);
        }
        const bool expected = text.size() - pos >= word.size() &&
                              std::string_view(text).compare(pos, word.size(), word) == 0;
        EXPECT_EQ(BytesAt(text, pos, word), expected) << round << " at " << pos << " n " << n;
      }
    }
  }
}

// NextCodePoint against the rules it implements, written out plainly: the sequence's length
// from its lead byte, continuation bytes, no overlong forms, surrogates or values past
// U+10FFFF; anything else is U+FFFD and one byte. Random bytes around every lead.
TEST(Text, NextCodePointAgreesWithThePlainRules) {
  const auto reference = [](std::string_view t, size_t* pos) -> char32_t {
    const auto b = [&](size_t i) { return static_cast<unsigned char>(t[i]); };
    const size_t i = *pos;
    const unsigned char b0 = b(i);
    const int len = b0 < 0x80                 ? 1
                    : b0 >= 0xC0 && b0 < 0xE0 ? 2
                    : b0 >= 0xE0 && b0 < 0xF0 ? 3
                    : b0 >= 0xF0 && b0 < 0xF8 ? 4
                                              : 0;
    *pos = i + 1;
    if (len == 1) return b0;
    if (len == 0 || i + len > t.size()) return 0xFFFD;
    char32_t cp = b0 & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) {
      if ((b(i + k) & 0xC0) != 0x80) return 0xFFFD;
      cp = cp << 6 | (b(i + k) & 0x3F);
    }
    const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    *pos = i + len;
    return cp;
  };
  std::mt19937 rng(3);
  const unsigned char interesting[] = {0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0,
                                       0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0};
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t size = 1 + rng() % 6;
    for (size_t i = 0; i < size; ++i) {
      text.push_back(static_cast<char>(rng() % 2 ? interesting[rng() % std::size(interesting)]
                                                 : static_cast<unsigned char>(rng())));
    }
    for (size_t start = 0; start < text.size(); ++start) {
      size_t got = start, want = start;
      EXPECT_EQ(NextCodePoint(text, &got), reference(text, &want)) << round << " at " << start;
      EXPECT_EQ(got, want) << round << " at " << start;
    }
  }
}

// FindAsciiDigit against a byte loop, from every position of texts mixing digits with the
// bytes around them ('/', ':', Chinese and high bytes).
TEST(Text, FindAsciiDigitAgreesWithAByteLoop) {
  std::mt19937 rng(5);
  const std::string alphabet = "09/:a\xe8\xb0\x83\xb0\xb9\xff";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const size_t size = rng() % 40;
    for (size_t i = 0; i < size; ++i) {
      text.push_back(rng() % 4 == 0 ? alphabet[rng() % alphabet.size()]
                                    : alphabet[2 + rng() % (alphabet.size() - 2)]);
    }
    for (size_t pos = 0; pos <= text.size(); ++pos) {
      size_t expected = pos;
      while (expected < text.size() && !(text[expected] >= '0' && text[expected] <= '9')) {
        ++expected;
      }
      EXPECT_EQ(FindAsciiDigit(text, pos), expected) << round << " from " << pos;
    }
  }
}

// A maker of random texts of `n` pieces drawn from `pieces` by `rng`.
auto RandomTexts(std::vector<std::string> pieces, std::mt19937* rng) {
  return [pieces = std::move(pieces), rng](size_t n) {
    std::string t;
    for (size_t i = 0; i < n; ++i) t += pieces[(*rng)() % pieces.size()];
    return t;
  };
}

// FindWord against std::string_view::find: random texts of Chinese, ASCII and broken bytes (long
// enough for several 16-byte blocks and a tail), words cut from them or made up, every start.
TEST(Text, FindWordAgreesWithFind) {
  std::mt19937 rng(11);
  const auto random_text = RandomTexts({"调", "整", "执行率", "，", "。", "a", "1", " ", "（",
                                        "\xe6", "\x89", "\xff", "\xe6\x89", "\n", "整整"},
                                       &rng);
  size_t found = 0;
  for (int round = 0; round < 4000; ++round) {
    const std::string text = random_text(rng() % 40);
    std::string word;
    if (rng() % 2 == 0 && !text.empty()) {
      const size_t at = rng() % text.size();
      word = text.substr(at, rng() % 20);
    } else {
      word = random_text(rng() % 4);
    }
    for (size_t pos = 0; pos <= text.size() + 1; ++pos) {
      const size_t expected = std::string_view(text).find(word, pos);
      ASSERT_EQ(FindWord(text, word, pos), expected)
          << "text \"" << text << "\" word \"" << word << "\" from " << pos;
      found += expected != std::string_view::npos;
    }
  }
  EXPECT_GT(found, 10000u);  // the rounds find words, not only miss them
}

TEST(Text, AsciiLoweredChangesOnlyAsciiCapitals) {
  EXPECT_EQ(AsciiLowered("GZip, X-GZIP;Q=0"), "gzip, x-gzip;q=0");
  EXPECT_EQ(AsciiLowered(".DOCX"), ".docx");
  EXPECT_EQ(AsciiLowered("执行率ÀÉ@[`{"), "执行率ÀÉ@[`{");  // not Latin-1, not the bytes around A–Z
  EXPECT_EQ(AsciiLowered(std::string("A\0B", 3)), std::string("a\0b", 3));
  EXPECT_EQ(AsciiLowered(""), "");
}

// HasEitherWord against two calls of find, on texts and words made as above.
TEST(Text, HasEitherWordAgreesWithFind) {
  std::mt19937 rng(13);
  const auto random_text = RandomTexts(
      {"调", "整", "持平", "相同", "，", "a", "1", "\xe6", "\x89", "\xe6\x89", "\n"}, &rng);
  size_t found = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(rng() % 40);
    const auto word = [&] {
      if (rng() % 2 == 0 && !text.empty()) return text.substr(rng() % text.size(), 1 + rng() % 11);
      return random_text(1 + rng() % 2);
    };
    const std::string a = word(), b = word();
    const bool expected = text.find(a) != std::string::npos || text.find(b) != std::string::npos;
    ASSERT_EQ(HasEitherWord(text, a, b), expected)
        << "text \"" << text << "\" words \"" << a << "\", \"" << b << "\"";
    found += expected;
  }
  EXPECT_GT(found, 5000u);
  EXPECT_LT(found, 19000u);  // and miss them
}

// Random texts of CJK, ASCII, full-width and malformed bytes; words cut from them anywhere
// (mid-character too). WordSet and ContainsAny must answer exactly as find does.
TEST(Text, WordSearchAgreesWithFindOnAnyBytes) {
  const std::vector<std::string> pieces = {"调",
                                           "整",
                                           "问",
                                           "卷",
                                           "执行率",
                                           "，",
                                           "。",
                                           "a",
                                           "1",
                                           " ",
                                           "（",
                                           "１",
                                           "\xe6",
                                           "\x89",
                                           "\xff",
                                           "\xc3\xa9",
                                           "\xf0\x9f\x98\x80",
                                           "\xe6\x89",
                                           "\xef\xbf\xbd",
                                           "\n"};
  std::mt19937 rng(7);
  const auto random_text = [&](size_t n) {
    std::string t;
    for (size_t i = 0; i < n; ++i) t += pieces[rng() % pieces.size()];
    return t;
  };
  for (int round = 0; round < 3000; ++round) {
    const std::string text = random_text(rng() % 30);
    std::vector<std::string> words;
    for (int k = 0; k < 4; ++k) {
      if (rng() % 2 == 0 && !text.empty()) {
        const size_t at = rng() % text.size();
        words.push_back(text.substr(at, 1 + rng() % 7));
      } else {
        words.push_back(random_text(1 + rng() % 3));
      }
    }
    const WordSet set({words[0], words[1], words[2], words[3]});
    uint64_t expected = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      if (!words[i].empty() && text.find(words[i]) != std::string::npos) expected |= 1u << i;
    }
    EXPECT_EQ(set.Find(text), expected) << round;
    for (size_t pos = 0; pos <= text.size(); ++pos) {
      for (size_t end : {text.size(), pos + 4}) {
        // The first position in [pos, end) where a word occurs, and the longest word there.
        WordSet::Found expected_next{-1, std::min(end, text.size())};
        for (size_t at = pos; at < std::min(end, text.size()) && expected_next.word < 0; ++at) {
          for (size_t i = 0; i < words.size(); ++i) {
            if (words[i].empty() || text.compare(at, words[i].size(), words[i]) != 0) continue;
            if (expected_next.word < 0 || words[i].size() > words[expected_next.word].size()) {
              expected_next = WordSet::Found{static_cast<int>(i), at};
            }
          }
        }
        const WordSet::Found next = set.NextWord(text, pos, end);
        EXPECT_EQ(next.word, expected_next.word) << round << " from " << pos << " to " << end;
        EXPECT_EQ(next.at, expected_next.at) << round << " from " << pos << " to " << end;
      }
    }
    EXPECT_EQ(ContainsAny(text, {words[0], words[1], words[2], words[3]}), expected != 0) << round;
  }
}

// FoldWidth against a plain decoding fold, on the same kind of random bytes.
TEST(Text, FoldWidthAgreesWithDecodingFold) {
  const auto reference = [](std::string_view text) {
    std::string out;
    size_t pos = 0;
    while (pos < text.size()) {
      const size_t start = pos;
      const char32_t cp = NextCodePoint(text, &pos);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));
      } else if (cp == 0x3000) {
        out.push_back(' ');
      } else if (cp == 0x2212) {
        out.push_back('-');
      } else {
        out.append(text.substr(start, pos - start));
      }
    }
    return out;
  };
  const std::vector<std::string> pieces = {
      "（", "）",   "１",   "％",       "～",       "｀",           "　",           "−",   "万",
      "a",  "\xef", "\xbc", "\xe3\x80", "\xe2\x88", "\xef\xbc\x80", "\xef\xbd\x9f", "\xff"};
  std::mt19937 rng(11);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (size_t i = rng() % 12; i > 0; --i) text += pieces[rng() % pieces.size()];
    EXPECT_EQ(FoldWidth(text), reference(text)) << round;
  }
}

TEST(Text, SheetColumnNames) {
  EXPECT_EQ(SheetColumnName(0), "A");
  EXPECT_EQ(SheetColumnName(25), "Z");
  EXPECT_EQ(SheetColumnName(26), "AA");
  EXPECT_EQ(SheetColumnName(701), "ZZ");
  EXPECT_EQ(SheetColumnName(702), "AAA");
  EXPECT_EQ(SheetColumnName(16383), "XFD");  // the last column of Excel
}

}  // namespace
}  // namespace jixiao
