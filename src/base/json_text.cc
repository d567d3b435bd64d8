// JSON text written directly (json_text.h).
#include "base/json_text.h"

#include <simdjson.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

namespace jixiao {
namespace {

// The first position at or after `i` holding a byte JSON must escape ('"', '\\', or one below
// 0x20), or s.size(). Sixteen bytes are tested at a time (GCC's vector extensions: SSE2 on
// x86-64, NEON on ARM; little-endian, where the first byte in memory is the lowest).
size_t NextEscaped(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  if constexpr (std::endian::native == std::endian::little) {
    using Bytes = uint8_t __attribute__((vector_size(16)));
    for (; i + 16 <= s.size(); i += 16) {
      Bytes b;
      std::memcpy(&b, p + i, 16);
      const auto hit = (b == '"') | (b == '\\') | (b < 0x20);
      uint64_t halves[2];
      std::memcpy(halves, &hit, 16);
      if (halves[0] != 0) return i + static_cast<size_t>(std::countr_zero(halves[0]) / 8);
      if (halves[1] != 0) return i + 8 + static_cast<size_t>(std::countr_zero(halves[1]) / 8);
    }
  }
  while (i < s.size() && p[i] != '"' && p[i] != '\\' && p[i] >= 0x20) ++i;
  return i;
}

void AppendEscape(std::string* out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      *out += "\\\"";
      break;
    case '\\':
      *out += "\\\\";
      break;
    case '\b':
      *out += "\\b";
      break;
    case '\f':
      *out += "\\f";
      break;
    case '\n':
      *out += "\\n";
      break;
    case '\r':
      *out += "\\r";
      break;
    case '\t':
      *out += "\\t";
      break;
    default:
      *out += "\\u00";
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0xF]);
  }
}

}  // namespace

// simdjson's check follows the Unicode standard's rules, which are nlohmann's decoder's. An
// ASCII start (every key, most figures) is told eight bytes at a time first: simdjson's check
// is dispatched at run time and copies a short text into a padded block, which cost more than
// the text (4 % of a save's server time when every string went to it).
bool IsJsonUtf8(std::string_view s) {
  size_t ascii = 0;
  for (uint64_t w; ascii + 8 <= s.size(); ascii += 8) {
    std::memcpy(&w, s.data() + ascii, 8);
    if (w & 0x8080808080808080u) break;
  }
  while (ascii < s.size() && static_cast<unsigned char>(s[ascii]) < 0x80) ++ascii;
  return ascii == s.size() || simdjson::validate_utf8(s.data() + ascii, s.size() - ascii);
}

void AppendJsonString(std::string* out, std::string_view s) {
  // Valid UTF-8 — nearly every string — needs only its quotes, backslashes and control
  // characters escaped.
  if (IsJsonUtf8(s)) {
    out->reserve(out->size() + s.size() + 2);
    out->push_back('"');
    size_t run = 0;  // start of the bytes not yet copied
    for (size_t i = NextEscaped(s, 0); i < s.size(); i = NextEscaped(s, run)) {
      out->append(s.data() + run, i - run);
      AppendEscape(out, static_cast<unsigned char>(s[i]));
      run = i + 1;
    }
    out->append(s.data() + run, s.size() - run);
    out->push_back('"');
    return;
  }
  // Text that is not valid UTF-8 is rare (names in files typed elsewhere): nlohmann writes it,
  // so its replacements are exactly nlohmann's.
  *out +=
      nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AppendJsonInt(std::string* out, int64_t n) { *out += std::to_string(n); }

void JsonPrettyWriter::Key(std::string_view key) {
  Level& level = stack_.back();
  if (level.count++ > 0) out_->push_back(',');
  NewLine(stack_.size());
  AppendJsonString(out_, key);
  *out_ += ": ";
  after_key_ = true;
}

}  // namespace jixiao
