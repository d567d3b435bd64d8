// XmlPull: a cursor over the text; each Next() reads one construct. Text is decoded only when
// asked for (AppendText, attribute_value), so skipped elements cost a scan.
#include "import/xml_pull.h"

#include <cstring>
#include <utility>

#include "base/text.h"

namespace jixiao {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where a name ends: blank, '/', '>' (and '=' inside a tag).
bool EndsName(char c) { return IsSpace(c) || c == '/' || c == '>' || c == '='; }

// The entity or character reference at raw[at] ('&') as pugixml decodes it — &lt; &gt; &amp;
// &quot; &apos;, "&#" decimal digits ";" and "&#x" hexadecimal digits ";" (the value taken
// modulo 2^32) — appended to `out`; its length, or 0 when it is none of these (then it is
// kept as written).
size_t Reference(std::string_view raw, size_t at, std::string* out) {
  const std::string_view rest = raw.substr(at + 1);
  for (const auto& [name, c] : {std::pair<std::string_view, char>{"lt;", '<'},
                                {"gt;", '>'},
                                {"amp;", '&'},
                                {"quot;", '"'},
                                {"apos;", '\''}}) {
    if (rest.substr(0, name.size()) == name) {
      out->push_back(c);
      return name.size() + 1;
    }
  }
  if (rest.empty() || rest[0] != '#') return 0;
  const bool hex = rest.size() > 1 && rest[1] == 'x';
  size_t i = hex ? 2 : 1;
  if (i < rest.size() && rest[i] == ';') return 0;
  uint32_t value = 0;
  for (; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c >= '0' && c <= '9') {
      value = value * (hex ? 16 : 10) + static_cast<uint32_t>(c - '0');
    } else if (hex && ((c | ' ') >= 'a' && (c | ' ') <= 'f')) {
      value = value * 16 + static_cast<uint32_t>((c | ' ') - 'a' + 10);
    } else if (c == ';') {
      AppendUtf8(value, out);  // as pugixml writes it, whatever the value
      return i + 2;
    } else {
      return 0;
    }
  }
  return 0;
}

// What Decode reads: text (entities, line ends), CDATA (line ends only) or an attribute value
// (entities; line ends, tabs and newlines as spaces).
enum class Raw { kText, kCdata, kAttribute };

// Appends `raw` decoded as `kind` says.
void Decode(std::string_view raw, Raw kind, std::string* out) {
  const bool attribute = kind == Raw::kAttribute;
  size_t from = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '&' && kind != Raw::kCdata) {
      std::string decoded;
      const size_t length = Reference(raw, i, &decoded);
      if (length == 0) continue;  // kept as written: copied with what follows
      out->append(raw.substr(from, i - from));
      out->append(decoded);
      i += length - 1;
      from = i + 1;
    } else if (c == '\r' || (attribute && (c == '\n' || c == '\t'))) {
      out->append(raw.substr(from, i - from));
      out->push_back(attribute ? ' ' : '\n');
      if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      from = i + 1;
    }
  }
  out->append(raw.substr(from));
}

// Whether Decode would change `raw` (an entity or a character it rewrites).
bool NeedsDecoding(std::string_view raw, Raw kind) {
  const bool attribute = kind == Raw::kAttribute;
  for (const char c : raw) {
    if ((c == '&' && kind != Raw::kCdata) || c == '\r' || (attribute && (c == '\n' || c == '\t'))) {
      return true;
    }
  }
  return false;
}

// `raw` decoded as `kind` says, appended to `out`; copied whole when nothing changes.
void AppendDecoded(std::string_view raw, Raw kind, std::string* out) {
  if (NeedsDecoding(raw, kind)) {
    Decode(raw, kind, out);
  } else {
    out->append(raw);
  }
}

}  // namespace

XmlPull::XmlPull(std::string_view xml) : text_(xml) {
  if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool XmlPull::NeedsConversion(std::string_view xml) {
  if (xml.size() >= 2 &&
      ((xml[0] == '\xFE' && xml[1] == '\xFF') || (xml[0] == '\xFF' && xml[1] == '\xFE'))) {
    return true;
  }
  for (size_t i = 0; i < xml.size() && i < 4; ++i) {
    if (xml[i] == '\0') return true;
  }
  const size_t start = xml.size() >= 3 && xml.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  if (xml.substr(start, 5) != "<?xml") return false;
  const size_t end = xml.find("?>", start);
  const std::string_view declaration =
      xml.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  const size_t at = declaration.find("encoding");
  if (at == std::string_view::npos) return false;
  size_t q = declaration.find_first_of("\"'", at);
  if (q == std::string_view::npos) return false;
  const size_t close = declaration.find(declaration[q], q + 1);
  if (close == std::string_view::npos) return false;
  const std::string name = AsciiLowered(declaration.substr(q + 1, close - q - 1));
  return name != "utf-8" && name != "utf8";
}

XmlPull::Event XmlPull::Fail(size_t offset, std::string what) {
  error_ = std::move(what);
  error_offset_ = offset;
  return event_ = Event::kError;
}

bool XmlPull::Find(std::string_view what, size_t from, size_t* at) const {
  const size_t found = text_.find(what, from);
  if (found == std::string_view::npos) return false;
  *at = found;
  return true;
}

XmlPull::Event XmlPull::Next() {
  if (started_ && (event_ == Event::kDone || event_ == Event::kError)) return event_;
  started_ = true;
  if (self_closing_) {
    self_closing_ = false;
    name_ = open_.back();
    open_.pop_back();
    return event_ = Event::kEnd;
  }
  const char* const data = text_.data();
  const size_t size = text_.size();
  while (true) {
    if (pos_ >= size) {
      if (!open_.empty()) {
        return Fail(size, "the text ends inside <" + std::string(open_.back()) + ">");
      }
      if (!seen_root_) return Fail(0, "no document element");
      return event_ = Event::kDone;
    }
    if (data[pos_] != '<') {
      const void* lt = std::memchr(data + pos_, '<', size - pos_);
      const size_t end =
          lt == nullptr ? size : static_cast<size_t>(static_cast<const char*>(lt) - data);
      const size_t begin = pos_;
      pos_ = end;
      if (open_.empty()) continue;  // text outside the root element
      chars_ = text_.substr(begin, end - begin);
      cdata_ = false;
      return event_ = Event::kText;
    }
    if (pos_ + 1 >= size) return Fail(pos_, "unterminated tag");
    const char c = data[pos_ + 1];
    if (c == '/') return EndTag();
    if (c == '?') {
      size_t close;
      if (!Find("?>", pos_ + 2, &close)) return Fail(pos_, "unterminated processing instruction");
      pos_ = close + 2;
      continue;
    }
    if (c == '!') {
      const std::string_view rest = text_.substr(pos_);
      if (rest.substr(0, 4) == "<!--") {
        size_t close;
        if (!Find("-->", pos_ + 4, &close)) return Fail(pos_, "unterminated comment");
        pos_ = close + 3;
        continue;
      }
      if (rest.substr(0, 9) == "<![CDATA[") {
        size_t close;
        if (!Find("]]>", pos_ + 9, &close)) return Fail(pos_, "unterminated CDATA section");
        const size_t begin = pos_ + 9;
        pos_ = close + 3;
        if (open_.empty()) continue;
        chars_ = text_.substr(begin, close - begin);
        cdata_ = true;
        return event_ = Event::kText;
      }
      if (!SkipDeclaration()) return Fail(pos_, "unterminated declaration");
      continue;
    }
    return StartTag();
  }
}

bool XmlPull::SkipDeclaration() {
  int brackets = 0;
  char quote = 0;
  for (size_t i = pos_ + 2; i < text_.size(); ++i) {
    const char c = text_[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++brackets;
    } else if (c == ']') {
      --brackets;
    } else if (c == '>' && brackets <= 0) {
      pos_ = i + 1;
      return true;
    }
  }
  return false;
}

XmlPull::Event XmlPull::StartTag() {
  const char* const data = text_.data();
  const size_t size = text_.size();
  size_t p = pos_ + 1;
  const size_t name_begin = p;
  while (p < size && !EndsName(data[p])) ++p;
  if (p == name_begin) return Fail(pos_, "a '<' that begins no tag");
  name_ = text_.substr(name_begin, p - name_begin);
  offset_ = name_begin;
  attributes_.clear();
  while (true) {
    while (p < size && IsSpace(data[p])) ++p;
    if (p >= size) return Fail(name_begin, "unterminated start tag <" + std::string(name_) + ">");
    if (data[p] == '>') {
      ++p;
      break;
    }
    if (data[p] == '/') {
      if (p + 1 < size && data[p + 1] == '>') {
        p += 2;
        self_closing_ = true;
        break;
      }
      return Fail(p, "a '/' inside the start tag <" + std::string(name_) + ">");
    }
    const size_t attr_begin = p;
    while (p < size && !EndsName(data[p])) ++p;
    if (p == attr_begin) return Fail(p, "a malformed attribute in <" + std::string(name_) + ">");
    const std::string_view attr = text_.substr(attr_begin, p - attr_begin);
    while (p < size && IsSpace(data[p])) ++p;
    if (p >= size || data[p] != '=') {
      return Fail(p, "attribute " + std::string(attr) + " without a value");
    }
    ++p;
    while (p < size && IsSpace(data[p])) ++p;
    if (p >= size || (data[p] != '"' && data[p] != '\'')) {
      return Fail(p, "attribute " + std::string(attr) + " without quotes");
    }
    const char quote = data[p];
    const void* close = std::memchr(data + p + 1, quote, size - p - 1);
    if (close == nullptr) return Fail(p, "unterminated value of attribute " + std::string(attr));
    const size_t value_end = static_cast<size_t>(static_cast<const char*>(close) - data);
    attributes_.push_back({attr, text_.substr(p + 1, value_end - p - 1)});
    p = value_end + 1;
  }
  seen_root_ = true;
  open_.push_back(name_);
  pos_ = p;
  return event_ = Event::kStart;
}

XmlPull::Event XmlPull::EndTag() {
  const size_t size = text_.size();
  size_t p = pos_ + 2;
  const size_t name_begin = p;
  while (p < size && !EndsName(text_[p])) ++p;
  const std::string_view name = text_.substr(name_begin, p - name_begin);
  while (p < size && IsSpace(text_[p])) ++p;
  if (p >= size || text_[p] != '>') return Fail(name_begin, "unterminated end tag");
  if (open_.empty() || open_.back() != name) {
    return Fail(name_begin, "end tag </" + std::string(name) + "> does not match its start tag");
  }
  open_.pop_back();
  name_ = name;
  offset_ = name_begin;
  pos_ = p + 1;
  return event_ = Event::kEnd;
}

std::string XmlPull::attribute_value(size_t i) const {
  std::string out;
  AppendDecoded(attributes_[i].raw, Raw::kAttribute, &out);
  return out;
}

bool XmlPull::FindAttribute(std::string_view local, std::string* value) const {
  for (size_t i = 0; i < attributes_.size(); ++i) {
    std::string_view name = attributes_[i].name;
    const size_t colon = name.find(':');
    if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
    if (name == local) {
      *value = attribute_value(i);
      return true;
    }
  }
  return false;
}

void XmlPull::AppendText(std::string* out) const {
  AppendDecoded(chars_, cdata_ ? Raw::kCdata : Raw::kText, out);
}

bool XmlPull::SkipTo(int depth) {
  while (this->depth() > depth) {
    const Event e = Next();
    if (e == Event::kDone || e == Event::kError) return false;
  }
  return true;
}

bool XmlPull::ReadToEnd() {
  while (true) {
    const Event e = Next();
    if (e == Event::kDone) return true;
    if (e == Event::kError) return false;
  }
}

}  // namespace jixiao
