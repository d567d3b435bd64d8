// UTF-8 decoding, blank trimming, width folding and display width.
#include "base/text.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace jixiao {

char32_t NextCodePoint(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const size_t i = *pos;
  const unsigned char b0 = byte(i);
  int len = 0;
  char32_t cp = 0;
  if (b0 < 0x80) {
    *pos = i + 1;
    return b0;
  }
  // The common case of Chinese text first: a well-formed three-byte character.
  if ((b0 & 0xF0) == 0xE0 && text.size() - i >= 3 && (byte(i + 1) & 0xC0) == 0x80 &&
      (byte(i + 2) & 0xC0) == 0x80) {
    const char32_t c = (char32_t{b0} & 0x0F) << 12 | (char32_t{byte(i + 1)} & 0x3F) << 6 |
                       (char32_t{byte(i + 2)} & 0x3F);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
      *pos = i + 3;
      return c;
    }
  }
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  if (i + len > text.size()) {
    *pos = i + 1;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      *pos = i + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  const char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = i + 1;
    return 0xFFFD;
  }
  *pos = i + len;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsBlankCodePoint(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0 ||
         cp == 0xFEFF;
}

namespace {

// Byte length of a blank code point ending at text[end - 1], or 0.
size_t BlankSuffixLength(std::string_view text, size_t end) {
  const auto at = [&](size_t back) { return static_cast<unsigned char>(text[end - back]); };
  if (end >= 1) {
    const unsigned char c = at(1);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
  }
  if (end >= 2 && at(2) == 0xC2 && at(1) == 0xA0) return 2;                   // U+00A0
  if (end >= 3 && at(3) == 0xE3 && at(2) == 0x80 && at(1) == 0x80) return 3;  // U+3000
  if (end >= 3 && at(3) == 0xEF && at(2) == 0xBB && at(1) == 0xBF) return 3;  // U+FEFF
  return 0;
}

}  // namespace

std::string AsciiLowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view TrimBlank(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t next = begin;
    if (!IsBlankCodePoint(NextCodePoint(text, &next))) break;
    begin = next;
  }
  size_t end = text.size();
  while (end > begin) {
    const size_t n = BlankSuffixLength(text, end);
    if (n == 0 || end - n < begin) break;
    end -= n;
  }
  return text.substr(begin, end - begin);
}

bool IsBlank(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (!IsBlankCodePoint(NextCodePoint(text, &pos))) return false;
  }
  return true;
}

char FoldedAt(std::string_view text, size_t pos) {
  if (pos + 3 > text.size()) return 0;
  const auto b0 = static_cast<unsigned char>(text[pos]);
  const auto b1 = static_cast<unsigned char>(text[pos + 1]);
  const auto b2 = static_cast<unsigned char>(text[pos + 2]);
  if (b0 == 0xEF && b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {
    return static_cast<char>(b2 - 0x60);  // U+FF01–U+FF3F → '!'–'_'
  }
  if (b0 == 0xEF && b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {
    return static_cast<char>(b2 - 0x20);  // U+FF40–U+FF5E → '`'–'~'
  }
  if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) return ' ';  // U+3000
  if (b0 == 0xE2 && b1 == 0x88 && b2 == 0x92) return '-';  // U+2212
  return 0;
}

std::string FoldWidth(std::string_view text) {
  // Only three lead bytes start a character that folds (U+2212, U+3000, U+FF01–U+FF5E): runs
  // of other bytes are copied as they are.
  std::string out;
  out.reserve(text.size());
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  size_t copied = 0;  // text[copied, pos) is still to be appended
  size_t pos = 0;
  while (pos < text.size()) {
    // Eight bytes at a time while none of them is E2, E3 or EF (most of a Chinese text).
    constexpr uint64_t kOnes = ~uint64_t{0} / 255;
    const auto has_zero_byte = [&](uint64_t v) { return (v - kOnes) & ~v & (kOnes * 0x80); };
    while (pos + 8 <= text.size()) {
      uint64_t x;
      std::memcpy(&x, text.data() + pos, 8);
      if ((has_zero_byte((x | kOnes) ^ (kOnes * 0xE3)) | has_zero_byte(x ^ (kOnes * 0xEF))) != 0) {
        break;  // E2 or E3 (alike but for the lowest bit), or EF, somewhere in these eight
      }
      pos += 8;
    }
    if (pos >= text.size()) break;
    const unsigned char b0 = byte(pos);
    const char folded = b0 == 0xE2 || b0 == 0xE3 || b0 == 0xEF ? FoldedAt(text, pos) : 0;
    if (folded == 0) {
      ++pos;
      continue;
    }
    out.append(text.substr(copied, pos - copied));
    out.push_back(folded);
    pos += 3;
    copied = pos;
  }
  out.append(text.substr(copied));
  return out;
}

int DisplayWidth(std::string_view text) {
  int width = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = NextCodePoint(text, &pos);
    const auto ea = static_cast<UEastAsianWidth>(
        u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH));
    const auto category = u_charType(static_cast<UChar32>(cp));
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || cp == 0x200B) {
      continue;
    }
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

namespace {

// The character starting at text[pos], for the first-character bitmaps, and how far to step:
// past its continuation bytes when they are there, else one byte (so that a malformed
// sequence never hides the byte after it). A malformed sequence gives some value: that is
// harmless, since a word whose first character is well formed only occurs where the same
// bytes are, and those decode to that character.
struct Lead {
  char32_t cp;
  size_t length;
};

// Inlined: it runs once per character of every text searched.
[[gnu::always_inline]] inline Lead LeadAt(std::string_view text, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto follows = [&](size_t i) { return (byte(i) & 0xC0) == 0x80; };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1};
  const size_t left = text.size() - pos;
  if ((b0 & 0xF0) == 0xE0) {  // CJK and full-width punctuation: the common case
    uint16_t next;  // both continuation bytes tested at once (the mask reads the same either way)
    if (left >= 3 && (std::memcpy(&next, text.data() + pos + 1, 2), (next & 0xC0C0) == 0x8080)) {
      return {(char32_t{b0} & 0x0F) << 12 | (char32_t{byte(pos + 1)} & 0x3F) << 6 |
                  (char32_t{byte(pos + 2)} & 0x3F),
              3};
    }
  } else if ((b0 & 0xE0) == 0xC0) {
    if (left >= 2 && follows(pos + 1)) {
      return {(char32_t{b0} & 0x1F) << 6 | (char32_t{byte(pos + 1)} & 0x3F), 2};
    }
  } else if ((b0 & 0xF8) == 0xF0) {
    if (left >= 4 && follows(pos + 1) && follows(pos + 2) && follows(pos + 3)) {
      return {(char32_t{b0} & 0x07) << 18 | (char32_t{byte(pos + 1)} & 0x3F) << 12 |
                  (char32_t{byte(pos + 2)} & 0x3F) << 6 | (char32_t{byte(pos + 3)} & 0x3F),
              4};
    }
  }
  return {0xFFFD, 1};
}

// The first character of a word, when it is well formed (the bitmaps can only find those).
bool FirstCharacter(std::string_view word, char32_t* cp) {
  if (word.empty()) return false;
  size_t pos = 0;
  *cp = NextCodePoint(word, &pos);
  return *cp != 0xFFFD || word.substr(0, 3) == "\xEF\xBF\xBD";
}

void SetBit(uint64_t* bits, size_t nbits, char32_t cp) {
  const size_t k = cp % nbits;
  bits[k / 64] |= uint64_t{1} << (k % 64);
}

bool BitSet(const uint64_t* bits, size_t nbits, char32_t cp) {
  const size_t k = cp % nbits;
  return (bits[k / 64] >> (k % 64)) & 1;
}

}  // namespace

namespace {

// Sixteen bytes as one vector (GCC's vector extensions: SSE2 on x86-64, NEON on ARM).
using Bytes = uint8_t __attribute__((vector_size(16)));

Bytes Splat(char c) {
  Bytes b;
  for (int k = 0; k < 16; ++k) b[k] = static_cast<uint8_t>(c);
  return b;
}

Bytes Load(const char* at) {
  Bytes b;
  std::memcpy(&b, at, 16);
  return b;
}

// Calls at(pos + k) for each lane k set in `hits` (0xFF or 0 per lane, a comparison's result),
// in order, until it returns true; whether it did. Little-endian only: the first lane in memory
// is the least significant byte.
template <typename Hits, typename At>
bool AnyHit(const Hits& hits, size_t pos, At at) {
  uint64_t halves[2];
  std::memcpy(halves, &hits, 16);
  for (int h = 0; h < 2; ++h) {
    for (uint64_t bits = halves[h]; bits != 0;) {
      const int shift = std::countr_zero(bits) & ~7;
      if (at(pos + static_cast<size_t>(h) * 8 + static_cast<size_t>(shift / 8))) return true;
      bits &= ~(uint64_t{0xFF} << shift);
    }
  }
  return false;
}

}  // namespace

size_t FindWord(std::string_view text, std::string_view word, size_t pos) {
  const size_t n = word.size();
  if (n < 2 || pos > text.size() || std::endian::native != std::endian::little) {
    return text.find(word, pos);
  }
  if (text.size() - pos < n) return std::string_view::npos;
  const size_t last = text.size() - n;  // the last position the word can start at
  const char* data = text.data();
  const Bytes first = Splat(word[0]), final = Splat(word[n - 1]);
  size_t found = std::string_view::npos;
  const auto whole = [&](size_t at) {
    if (!BytesAt(text, at, word)) return false;
    found = at;
    return true;
  };
  // Positions pos…pos+15 all at most `last`: both loads end inside the text.
  for (; pos <= last && last - pos >= 15; pos += 16) {
    if (AnyHit((Load(data + pos) == first) & (Load(data + pos + n - 1) == final), pos, whole)) {
      return found;
    }
  }
  for (; pos <= last; ++pos) {
    if (data[pos] == word[0] && data[pos + n - 1] == word[n - 1] && whole(pos)) return found;
  }
  return std::string_view::npos;
}

bool HasEitherWord(std::string_view text, std::string_view a, std::string_view b) {
  const size_t longer = std::max(a.size(), b.size());
  size_t pos = 0;
  if (a.size() >= 2 && b.size() >= 2 && text.size() >= longer &&
      std::endian::native == std::endian::little) {
    const size_t last = text.size() - longer;  // both words fit from every position up to here
    const char* data = text.data();
    const Bytes a_first = Splat(a[0]), a_final = Splat(a[a.size() - 1]);
    const Bytes b_first = Splat(b[0]), b_final = Splat(b[b.size() - 1]);
    const auto whole = [&](size_t at) { return BytesAt(text, at, a) || BytesAt(text, at, b); };
    for (; pos <= last && last - pos >= 15; pos += 16) {
      const Bytes at = Load(data + pos);
      const auto either = ((at == a_first) & (Load(data + pos + a.size() - 1) == a_final)) |
                          ((at == b_first) & (Load(data + pos + b.size() - 1) == b_final));
      if (AnyHit(either, pos, whole)) return true;
    }
  }
  // The rest (and words of one byte): each word from `pos` on.
  return FindWord(text, a, pos) != std::string_view::npos ||
         FindWord(text, b, pos) != std::string_view::npos;
}

bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> words) {
  // A short text (a gap of a few characters between two words): each byte that starts a word
  // is compared with the words, cheaper than building the bitmap of characters below.
  if (text.size() <= 16) {
    uint64_t starts[4] = {};  // the words' first bytes
    for (std::string_view w : words) {
      if (!w.empty()) starts[static_cast<unsigned char>(w[0]) / 64] |= uint64_t{1} << (w[0] & 63);
    }
    for (size_t pos = 0; pos < text.size(); ++pos) {
      const auto b = static_cast<unsigned char>(text[pos]);
      if (!(starts[b / 64] >> (b % 64) & 1)) continue;
      for (std::string_view w : words) {
        if (!w.empty() && BytesAt(text, pos, w)) return true;
      }
    }
    return false;
  }
  // A small bitmap: built for every call, so it must be cheap to clear.
  constexpr size_t kBits = 256;
  uint64_t may_start[kBits / 64] = {};
  bool scan = false;
  for (std::string_view w : words) {
    char32_t first;
    if (FirstCharacter(w, &first)) {
      SetBit(may_start, kBits, first);
      scan = true;
    } else if (!w.empty() && text.find(w) != std::string_view::npos) {
      return true;
    }
  }
  if (!scan) return false;
  for (size_t pos = 0; pos < text.size();) {
    const Lead lead = LeadAt(text, pos);
    if (BitSet(may_start, kBits, lead.cp)) {
      for (std::string_view w : words) {
        if (!w.empty() && BytesAt(text, pos, w)) return true;
      }
    }
    pos += lead.length;
  }
  return false;
}

WordSet::WordSet(std::initializer_list<std::string_view> words)
    : WordSet(std::vector<std::string_view>(words)) {}

namespace {

bool Continues(unsigned b) { return (b & 0xC0) == 0x80; }

// A position's key. Where a well-formed three-byte character starts: a 16-bit hash of its three
// bytes (b0 | b1 << 8 | b2 << 16), three operations on a four-byte load; characters that share a
// key only make more candidates, each compared with its words anyway. Elsewhere: its two bytes.
constexpr uint32_t kKeyMultiplier = 0x9E3779B1u;
unsigned ThreeByteKey(uint32_t bytes) { return (bytes & 0xFFFFFF) * kKeyMultiplier >> 16; }
unsigned ThreeByteKey(unsigned b0, unsigned b1, unsigned b2) {
  return ThreeByteKey(b0 | b1 << 8 | b2 << 16);
}
unsigned TwoByteKey(unsigned b0, unsigned b1) { return b0 | b1 << 8; }

}  // namespace

WordSet::WordSet(const std::vector<std::string_view>& words) {
  if (words.size() > 64) std::abort();  // a fixed list in the program: a programming error
  std::vector<std::vector<uint8_t>> groups(1024);
  uint8_t index = 0;
  const auto add = [&](unsigned key) {
    starts_[key / 64] |= uint64_t{1} << (key % 64);
    std::vector<uint8_t>& group = groups[key % 1024];
    if (std::find(group.begin(), group.end(), index) == group.end()) group.push_back(index);
  };
  for (std::string_view w : words) {
    index = static_cast<uint8_t>(words_.size());
    words_.emplace_back(w);
    if (w.empty()) continue;
    nonempty_ |= uint64_t{1} << index;
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(w[i]); };
    const unsigned b0 = byte(0);
    if (Continues(b0)) continuation_starts_ = true;
    // The keys a text position where w occurs can have: the position is keyed by its character
    // when it and the next two bytes form a three-byte character, else by its two bytes (any
    // second byte when w has one byte only). See ThreeByteKey and TwoByteKey.
    const bool three_lead = (b0 & 0xF0) == 0xE0;
    if (w.size() >= 3 && three_lead && Continues(byte(1)) && Continues(byte(2))) {
      add(ThreeByteKey(b0, byte(1), byte(2)));
      continue;
    }
    for (unsigned b1 = 0; b1 < 256; ++b1) {
      if (w.size() >= 2 && b1 != byte(1)) continue;
      add(TwoByteKey(b0, b1));
      // A word cut short after a lead byte may stand where a whole character does.
      if (three_lead && Continues(b1) && w.size() <= 2) {
        for (unsigned b2 = 0x80; b2 < 0xC0; ++b2) add(ThreeByteKey(b0, b1, b2));
      }
    }
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    std::stable_sort(groups[g].begin(), groups[g].end(), [&](uint8_t x, uint8_t y) {
      return words_[x].size() > words_[y].size() || (words_[x].size() == words_[y].size() && x < y);
    });
    group_[g] = static_cast<uint16_t>(by_key_.size());
    by_key_.insert(by_key_.end(), groups[g].begin(), groups[g].end());
  }
  // Only a list of many one-byte words could overflow the 16-bit offsets: a programming error.
  if (by_key_.size() > UINT16_MAX) std::abort();
  group_[1024] = static_cast<uint16_t>(by_key_.size());
}

template <typename On>
void WordSet::Candidates(std::string_view text, size_t pos, size_t end, On on) const {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  // The two continuation bytes of a three-byte character are stepped over unless a word may
  // start with one (only a word cut from the middle of a character does).
  const size_t step = continuation_starts_ ? 1 : 3;
  size_t p = pos;
  // Where four bytes can be read at once: one load and one mask tell a three-byte character
  // (little-endian: the first byte is the lowest).
  if constexpr (std::endian::native == std::endian::little) {
    const size_t limit = size >= 4 ? std::min(end, size - 3) : 0;  // four bytes readable
    // Where eight bytes can be read and two positions three apart lie before `end`: two
    // three-byte characters (most of a Chinese text) are told by one load and one mask.
    const size_t pair_limit = step == 3 && size >= 8 && end >= 3 ? std::min(end - 3, size - 7) : 0;
    while (p < limit) {
      if (p < pair_limit) {
        uint64_t w2;
        std::memcpy(&w2, data + p, 8);
        if ((w2 & 0x0000C0C0F0C0C0F0) == 0x00008080E08080E0) {
          const unsigned k1 = ThreeByteKey(static_cast<uint32_t>(w2));
          const unsigned k2 = ThreeByteKey(static_cast<uint32_t>(w2 >> 24));
          if ((starts_[k1 / 64] >> (k1 % 64) & 1) && on(p, k1 % 1024)) return;
          if ((starts_[k2 / 64] >> (k2 % 64) & 1) && on(p + 3, k2 % 1024)) return;
          p += 6;
          continue;
        }
      }
      uint32_t w;
      std::memcpy(&w, data + p, 4);
      // Both keys made, one kept without a branch: Chinese text mixes characters and digits.
      const bool three = (w & 0x00C0C0F0) == 0x008080E0;
      const unsigned key = three ? ThreeByteKey(w) : w & 0xFFFF;  // TwoByteKey(b0, b1)
      const size_t next = p + (three ? step : 1);
      if ((starts_[key / 64] >> (key % 64) & 1) && on(p, key % 1024)) return;
      p = next;
    }
  }
  while (p < end) {
    const unsigned b0 = data[p];
    const unsigned b1 = p + 1 < size ? data[p + 1] : 0;  // a one-byte word may end the text
    unsigned key;
    size_t next;
    if ((b0 & 0xF0) == 0xE0 && p + 2 < size && Continues(b1) && Continues(data[p + 2])) {
      key = ThreeByteKey(b0, b1, data[p + 2]);
      next = p + step;
    } else {
      key = TwoByteKey(b0, b1);
      next = p + 1;
    }
    if ((starts_[key / 64] >> (key % 64) & 1) && on(p, key % 1024)) return;
    p = next;
  }
}

uint64_t WordSet::Find(std::string_view text) const {
  uint64_t found = 0;
  const uint64_t wanted = nonempty_;
  if (wanted == 0) return found;
  Candidates(text, 0, text.size(), [&](size_t p, size_t g) {
    for (size_t k = group_[g]; k < group_[g + 1]; ++k) {
      const size_t i = by_key_[k];
      if (!(found >> i & 1) && BytesAt(text, p, words_[i])) found |= uint64_t{1} << i;
    }
    return found == wanted;
  });
  return found;
}

WordSet::Found WordSet::NextWord(std::string_view text, size_t pos, size_t end) const {
  end = std::min(end, text.size());
  Found found{-1, end};
  Candidates(text, pos, end, [&](size_t p, size_t g) {
    for (size_t k = group_[g]; k < group_[g + 1]; ++k) {  // longest first
      const size_t i = by_key_[k];
      if (BytesAt(text, p, words_[i])) {
        found = Found{static_cast<int>(i), p};
        return true;
      }
    }
    return false;
  });
  return found;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

LineColumn LineColumnAt(std::string_view text, size_t offset) {
  LineColumn lc;
  size_t pos = 0;
  offset = offset > text.size() ? text.size() : offset;
  while (pos < offset) {
    const char32_t cp = NextCodePoint(text, &pos);
    if (cp == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

std::string SheetColumnName(int column) {
  std::string name;
  for (int n = column + 1; n > 0; n = (n - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return name;
}

}  // namespace jixiao
