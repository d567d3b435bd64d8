// LocateJsonPointer: one iterative pass over the text, tracking the path of the value being
// scanned and comparing it with the pointer's reference tokens.
#include "model/json_locate.h"

#include <vector>

#include "base/text.h"

namespace jixiao {
namespace {

// Splits and unescapes an RFC 6901 pointer; false when malformed.
bool SplitPointer(std::string_view pointer, std::vector<std::string>* tokens) {
  if (pointer.empty()) return true;
  if (pointer[0] != '/') return false;
  std::string token;
  for (size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens->push_back(std::move(token));
      token.clear();
    } else if (pointer[i] == '~') {
      if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
        return false;
      }
      token.push_back(pointer[i + 1] == '0' ? '~' : '/');
      ++i;
    } else {
      token.push_back(pointer[i]);
    }
  }
  return true;
}

// True when `token` is the canonical array index `index` ("0", "17"; never "01" or "-").
bool IsIndex(const std::string& token, size_t index) {
  if (token.empty() || token.size() > 19) return false;
  if (token.size() > 1 && token[0] == '0') return false;
  size_t value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  return value == index;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  size_t pos() const { return pos_; }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void advance() { ++pos_; }

  void SkipBom() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  void SkipSpace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  // Consumes `c` (after blanks); false when something else is there.
  bool Expect(char c) {
    SkipSpace();
    if (at_end() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  // Scans the string starting at the current '"'. Decodes it into *out when out != nullptr.
  bool String(std::string* out) {
    if (at_end() || text_[pos_] != '"') return false;
    ++pos_;
    while (pos_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (!Escape(out)) return false;
        continue;
      }
      if (c < 0x80) {
        if (out) out->push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      const size_t start = pos_;
      const char32_t cp = NextCodePoint(text_, &pos_);
      if (cp == 0xFFFD && text_.substr(start, 3) != "\xEF\xBF\xBD") return false;
      if (out) out->append(text_.substr(start, pos_ - start));
    }
    return false;
  }

  // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  bool Number() {
    if (!at_end() && peek() == '-') advance();
    if (at_end()) return false;
    if (peek() == '0') {
      advance();
    } else if (!Digits()) {
      return false;
    }
    if (!at_end() && peek() == '.') {
      advance();
      if (!Digits()) return false;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      advance();
      if (!at_end() && (peek() == '+' || peek() == '-')) advance();
      if (!Digits()) return false;
    }
    return true;
  }

  bool Literal() {
    for (std::string_view word : {"true", "false", "null"}) {
      if (text_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        return true;
      }
    }
    return false;
  }

 private:
  bool Digits() {
    const size_t start = pos_;
    while (!at_end() && peek() >= '0' && peek() <= '9') advance();
    return pos_ > start;
  }

  // Reads "XXXX" after "\u"; -1 when malformed.
  long Hex4() {
    if (pos_ + 4 > text_.size()) return -1;
    long value = 0;
    for (int i = 0; i < 4; ++i) {
      const int d = HexDigit(text_[pos_ + i]);
      if (d < 0) return -1;
      value = value * 16 + d;
    }
    pos_ += 4;
    return value;
  }

  // At a backslash inside a string.
  bool Escape(std::string* out) {
    ++pos_;
    if (at_end()) return false;
    const char e = text_[pos_++];
    char plain = 0;
    switch (e) {
      case '"':
      case '\\':
      case '/':
        plain = e;
        break;
      case 'b':
        plain = '\b';
        break;
      case 'f':
        plain = '\f';
        break;
      case 'n':
        plain = '\n';
        break;
      case 'r':
        plain = '\r';
        break;
      case 't':
        plain = '\t';
        break;
      case 'u': {
        long cp = Hex4();
        if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (text_.substr(pos_, 2) != "\\u") return false;
          pos_ += 2;
          const long low = Hex4();
          if (low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (out) AppendUtf8(static_cast<char32_t>(cp), out);
        return true;
      }
      default:
        return false;
    }
    if (out) out->push_back(plain);
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// An open object or array on the path being scanned.
struct Frame {
  bool object;
  bool on_path;  // the path to this container equals the pointer's first tokens
  size_t index;  // number of the member or element being scanned
};

}  // namespace

std::optional<size_t> LocateJsonPointer(std::string_view json_text, std::string_view pointer) {
  std::vector<std::string> tokens;
  if (!SplitPointer(pointer, &tokens)) return std::nullopt;

  Scanner scan(json_text);
  scan.SkipBom();
  std::vector<Frame> stack;
  std::optional<size_t> found;
  bool value_on_path = true;  // the value about to be scanned lies on the pointer's path
  std::string key;

  // Reads "key": after '{' or ',' in the object on top of the stack and decides whether the
  // member's value lies on the path.
  const auto member = [&]() -> bool {
    Frame& top = stack.back();
    const size_t depth = stack.size() - 1;
    const bool compare = top.on_path && depth < tokens.size();
    key.clear();
    scan.SkipSpace();
    if (!scan.String(compare ? &key : nullptr)) return false;
    if (!scan.Expect(':')) return false;
    value_on_path = compare && key == tokens[depth];
    return true;
  };
  const auto element = [&]() {
    const Frame& top = stack.back();
    const size_t depth = stack.size() - 1;
    value_on_path = top.on_path && depth < tokens.size() && IsIndex(tokens[depth], top.index);
  };

  bool expect_value = true;
  while (true) {
    if (expect_value) {
      scan.SkipSpace();
      if (scan.at_end()) return std::nullopt;
      if (value_on_path && stack.size() == tokens.size()) found = scan.pos();
      const char c = scan.peek();
      if (c == '{' || c == '[') {
        scan.advance();
        stack.push_back(Frame{c == '{', value_on_path, 0});
        scan.SkipSpace();
        if (!scan.at_end() && scan.peek() == (c == '{' ? '}' : ']')) {
          scan.advance();
          stack.pop_back();
          expect_value = false;
        } else if (c == '{') {
          if (!member()) return std::nullopt;
        } else {
          element();
        }
        continue;
      }
      bool ok;
      if (c == '"') {
        ok = scan.String(nullptr);
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        ok = scan.Number();
      } else {
        ok = scan.Literal();
      }
      if (!ok) return std::nullopt;
      expect_value = false;
      continue;
    }
    // After a complete value.
    scan.SkipSpace();
    if (stack.empty()) {
      if (!scan.at_end()) return std::nullopt;
      return found;
    }
    if (scan.at_end()) return std::nullopt;
    Frame& top = stack.back();
    const char c = scan.peek();
    scan.advance();
    if (c == ',') {
      ++top.index;
      if (top.object) {
        if (!member()) return std::nullopt;
      } else {
        element();
      }
      expect_value = true;
    } else if (c == (top.object ? '}' : ']')) {
      stack.pop_back();
    } else {
      return std::nullopt;
    }
  }
}

std::string JsonPointerToken(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace jixiao
