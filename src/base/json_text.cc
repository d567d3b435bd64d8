// JSON text written directly (json_text.h).
#include "base/json_text.h"

#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

namespace jixiao {
namespace {

// The length of the valid UTF-8 sequence at s[i], or 0 when it is not one (overlong forms,
// surrogates and code points above U+10FFFF are invalid, as nlohmann's decoder has them).
size_t Utf8Length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(i + 1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

bool IsJsonUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void AppendJsonString(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t start = out->size();
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size();) {
    // Eight plain ASCII bytes at once: none at or above 0x80, below 0x20, '"' or '\\'.
    if (i + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, bytes + i, 8);
      constexpr uint64_t kOnes = 0x0101010101010101, kHigh = 0x8080808080808080;
      const auto has_zero = [&](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
      if (((w | (w - kOnes * 0x20)) & kHigh) == 0 && !has_zero(w ^ (kOnes * '"')) &&
          !has_zero(w ^ (kOnes * '\\'))) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = bytes[i];
    // A three-byte character whose lead allows neither an overlong form nor a surrogate
    // (E1–EC, EE, EF: most of Chinese) needs only its continuation bytes checked.
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < s.size() && (bytes[i + 1] & 0xC0) == 0x80 &&
        (bytes[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    if (c >= 0x80) {
      // One pass: a multi-byte sequence is checked where it stands.
      const size_t n = Utf8Length(s, i);
      if (n == 0) {
        // Text that is not valid UTF-8 is rare (names in files typed elsewhere): nlohmann
        // writes it, so its replacements are exactly nlohmann's.
        out->resize(start);
        *out += nlohmann::json(std::string(s))
                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      i += n;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out->append(s.data() + run, i - run);
    run = ++i;
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
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
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
