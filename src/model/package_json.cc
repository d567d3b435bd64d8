// Package JSON: a strict reader, written once over two DOMs (simdjson's for valid files, fast;
// nlohmann::json built by our own SAX handler, which rejects repeated keys, to name an error), that
// locates its errors with LocateJsonPointer; and a canonical writer.
#include "model/package_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/file_io.h"
#include "base/json_text.h"
#include "base/lang.h"
#include "base/number_text.h"
#include "base/text.h"
#include "model/json_locate.h"
#include "model/json_values.h"

namespace jixiao {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Expense rows, indicators and report sections nest; real forms use three or four levels.
// The limit keeps the recursive reader's stack bounded on hostile input.
constexpr int kMaxTreeDepth = 64;

// Longest quoted value or token in a message, in code points.
constexpr size_t kMaxQuoted = 40;

std::string_view CellTypeMessage() {
  return Tr(R"(应为数字字符串（如 "124.88"）、null 或 "n/a")",
            R"(expected a number string like "124.88", null or "n/a")");
}
std::string_view FloatMessage() {
  return Tr(R"(小数请写成字符串（"124.88"），这样才能保留所写的小数位数)",
            R"(write decimals as strings ("124.88") so their written decimals are kept)");
}

// ---- text helpers for messages ----

// Keeps at most `max` code points of `text`; true when something was cut.
bool Truncate(std::string* text, size_t max) {
  size_t pos = 0;
  size_t count = 0;
  while (pos < text->size() && count < max) {
    NextCodePoint(*text, &pos);
    ++count;
  }
  if (pos >= text->size()) return false;
  text->resize(pos);
  return true;
}

// Replaces bytes that are not UTF-8 by U+FFFD, so that messages are always valid text.
std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const char32_t cp = NextCodePoint(text, &pos);
    if (cp == 0xFFFD) {
      AppendUtf8(0xFFFD, &out);
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

// `text` as a JSON string literal for a message, cut to kMaxQuoted code points ("…" marks a cut).
std::string Quote(std::string_view text) {
  std::string cut(text);
  const bool truncated = Truncate(&cut, kMaxQuoted);
  if (truncated) cut += "…";
  return json(ValidUtf8(cut)).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string RepeatedKeyMessage(std::string_view key) {
  return TrF("键 {} 重复；一个对象中每个键只能出现一次",
             "repeated key {}; a key may appear only once in an object", Quote(key));
}

// nlohmann's English description of a syntax error told in Chinese: what went wrong, what was
// expected there and the text last read.
std::string SyntaxMessageZh(const std::string& en) {
  std::string problem = "无法继续读取";
  if (en.find("unexpected end of input") != std::string::npos) {
    problem = "文件在此处意外结束";
  } else if (en.find("control character") != std::string::npos) {
    problem = "字符串中有未转义的控制字符（如换行，请写成 \\n）";
  } else if (en.find("UTF-8") != std::string::npos) {
    problem = "不是有效的 UTF-8 编码";
  } else if (en.find("surrogate") != std::string::npos) {
    problem = "\\u 转义的代理对不完整";
  } else if (en.find("escape") != std::string::npos) {
    problem = "字符串中有无效的转义";
  } else if (en.find("number overflow") != std::string::npos) {
    problem = "数字超出范围";
  } else if (en.find("invalid number") != std::string::npos) {
    problem = "数字格式不对";
  } else if (en.find("invalid literal") != std::string::npos) {
    problem = "这里不是 JSON 的值（字符串要加双引号）";
  } else if (en.find("unexpected '") != std::string::npos) {
    const size_t at = en.find("unexpected '") + 12;
    problem = fmt::format("此处不应出现“{}”", en.substr(at, en.find('\'', at) - at));
  } else if (en.find("unexpected string literal") != std::string::npos) {
    problem = "此处不应出现字符串（是否漏了逗号？）";
  } else if (en.find("unexpected number literal") != std::string::npos) {
    problem = "此处不应出现数字（是否漏了逗号？）";
  }
  std::string out = "JSON 语法错误：" + problem;
  const size_t expected = en.find("; expected ");
  if (expected != std::string::npos) {
    std::string what = en.substr(expected + 11);
    if (what == "string literal") what = "字符串（加双引号的键）";
    if (what == "value") what = "一个值";
    out += "；此处应为" + what;
  }
  const size_t last = en.find("last read: '");
  if (last != std::string::npos) {
    const size_t begin = last + 12;
    size_t end = en.rfind("'; expected ");
    if (end == std::string::npos || end < begin) end = en.rfind('\'');
    if (end != std::string::npos && end > begin) {
      out += fmt::format("（最后读到：{}）", en.substr(begin, end - begin));
    }
  }
  return out;
}

// nlohmann's description without its "[json.exception.parse_error.101] parse error at line 1,
// column 4: " prefix (we give our own location, in code points), with an over-long
// "last read: '…'" token shortened to its end.
std::string SyntaxMessage(std::string_view what) {
  if (what.substr(0, 1) == "[") {
    const size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  if (what.substr(0, 20) == "parse error at line ") {
    const size_t colon = what.find(": ");
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  }
  std::string message = ValidUtf8(what);
  constexpr std::string_view kLastRead = "last read: '";
  const size_t open = message.find(kLastRead);
  if (open != std::string::npos) {
    const size_t begin = open + kLastRead.size();
    size_t end = message.rfind("'; expected ");
    if (end == std::string::npos || end < begin) end = message.size() - 1;
    if (end >= begin) {
      const std::string_view token = std::string_view(message).substr(begin, end - begin);
      // Keep the last kMaxQuoted code points: the error is at the end of the token.
      std::vector<size_t> starts;
      size_t pos = 0;
      while (pos < token.size()) {
        starts.push_back(pos);
        NextCodePoint(token, &pos);
      }
      if (starts.size() > kMaxQuoted) {
        const std::string tail =
            "…" + std::string(token.substr(starts[starts.size() - kMaxQuoted]));
        message.replace(begin, end - begin, tail);
      }
    }
  }
  return MessagesInChinese() ? SyntaxMessageZh(message) : message;
}

// Each built in one string, without temporaries: a package's reading makes a few hundred.
std::string ChildPointer(const std::string& parent, std::string_view key) {
  std::string escaped;
  if (std::any_of(key.begin(), key.end(), [](char c) { return c == '~' || c == '/'; })) {
    escaped = JsonPointerToken(key);
    key = escaped;
  }
  std::string out;
  out.reserve(parent.size() + 1 + key.size());
  out.append(parent).append(1, '/').append(key);
  return out;
}

std::string ChildPointer(const std::string& parent, size_t index) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, index);
  std::string out;
  out.reserve(parent.size() + 1 + static_cast<size_t>(end - digits));
  out.append(parent).append(1, '/').append(digits, end);
  return out;
}

// ---- parsing the text into a tree ----

// Builds the nlohmann::json tree like nlohmann's own DOM parser, but stops at a repeated key
// (nlohmann would silently keep the last one, dropping data someone typed) and records where
// a syntax error happened.
class StrictDomBuilder {
 public:
  explicit StrictDomBuilder(json* root) : root_(root) {}

  bool null() { return Add(json(nullptr)) != nullptr; }
  bool boolean(bool v) { return Add(json(v)) != nullptr; }
  bool number_integer(json::number_integer_t v) { return Add(json(v)) != nullptr; }
  bool number_unsigned(json::number_unsigned_t v) { return Add(json(v)) != nullptr; }
  bool number_float(json::number_float_t v, const json::string_t&) {
    return Add(json(v)) != nullptr;
  }
  bool string(json::string_t& v) { return Add(json(std::move(v))) != nullptr; }
  bool binary(json::binary_t& v) { return Add(json::binary(std::move(v))) != nullptr; }
  bool start_object(std::size_t) {
    stack_.push_back(Add(json::object()));
    return true;
  }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) {
    stack_.push_back(Add(json::array()));
    return true;
  }
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  bool key(json::string_t& k) {
    if (stack_.back()->contains(k)) {
      duplicate_ = ChildPointer(PointerOfTop(), k);
      duplicate_key_ = k;
      return false;
    }
    key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) {
    // For a number overflow, `position` is the end of the number; otherwise it counts the
    // offending character (1-based).
    if (ex.id == 406 && position >= last_token.size()) {
      error_offset_ = position - last_token.size();
    } else {
      error_offset_ = position > 0 ? position - 1 : 0;
    }
    error_ = SyntaxMessage(ex.what());
    return false;
  }

  // The pointer and the name of the first repeated key, if any.
  const std::optional<std::string>& duplicate() const { return duplicate_; }
  const std::string& duplicate_key() const { return duplicate_key_; }
  const std::optional<std::string>& error() const { return error_; }
  size_t error_offset() const { return error_offset_; }

 private:
  // Places a complete value (or a container about to be filled) and returns where it is.
  // Pointers stay valid while the container is open: its parent does not grow meanwhile.
  json* Add(json value) {
    if (stack_.empty()) {
      *root_ = std::move(value);
      return root_;
    }
    json* top = stack_.back();
    if (top->is_array()) {
      top->push_back(std::move(value));
      return &top->back();
    }
    json& slot = (*top)[key_];
    slot = std::move(value);
    return &slot;
  }

  // The JSON pointer of the innermost open container (only needed for a repeated key).
  std::string PointerOfTop() const {
    std::string pointer;
    for (size_t i = 1; i < stack_.size(); ++i) {
      const json* parent = stack_[i - 1];
      if (parent->is_array()) {
        pointer = ChildPointer(pointer, parent->size() - 1);
      } else {
        for (const auto& [name, value] : parent->items()) {
          if (&value == stack_[i]) {
            pointer = ChildPointer(pointer, name);
            break;
          }
        }
      }
    }
    return pointer;
  }

  json* root_;
  std::vector<json*> stack_;
  std::string key_;
  std::optional<std::string> duplicate_;
  std::string duplicate_key_;
  std::optional<std::string> error_;
  size_t error_offset_ = 0;
};

// ---- the tree into a Package ----

// Reads the tree into a Package, stopping at the first error. Each Read* returns false after
// recording the error; the pointer of the value being read is passed down for messages.
// V is TreeValue or SimdValue (model/json_values.h).
template <typename V>
class PackageReader {
 public:
  PackageReader(std::string_view text, const std::string& source_name)
      : text_(text), source_name_(source_name) {}

  const Status& status() const { return status_; }

  // Records an error at the value of `locate` (or its nearest existing ancestor).
  bool FailAt(const std::string& locate, const std::string& pointer, std::string_view message) {
    std::string at = locate;
    std::optional<size_t> offset = LocateJsonPointer(text_, at);
    while (!offset && !at.empty()) {
      at.resize(at.rfind('/'));
      offset = LocateJsonPointer(text_, at);
    }
    return FailAtOffset(offset.value_or(0), pointer, message);
  }
  bool Fail(const std::string& pointer, std::string_view message) {
    return FailAt(pointer, pointer, message);
  }
  bool FailAtOffset(size_t offset, const std::string& pointer, std::string_view message) {
    const LineColumn lc = LineColumnAt(text_, offset);
    if (pointer.empty()) {
      status_ = Status::InvalidArgument(
          TrF("{}:{}:{}：{}", "{}:{}:{}: {}", source_name_, lc.line, lc.column, message));
    } else {
      status_ = Status::InvalidArgument(TrF("{}:{}:{}：{}：{}", "{}:{}:{}: {}: {}", source_name_,
                                            lc.line, lc.column, ValidUtf8(pointer), message));
    }
    return false;
  }

  bool ReadPackage(const V& root, Package* out) {
    if (!root.is_object()) {
      return Fail("", Tr(R"(应为一个数据包对象（{"schema": "jixiao.package/1", ...}）)",
                         R"(expected a package object ({"schema": "jixiao.package/1", ...}))"));
    }
    const std::optional<V> schema = Find(root, "schema");
    if (!schema) {
      return FailAt("", "/schema",
                    TrF(R"(缺少；应为 "{}")", R"(missing; expected "{}")", kPackageSchema));
    }
    if (!schema->is_string()) {
      return Fail("/schema", TrF(R"(应为 "{}")", R"(expected "{}")", kPackageSchema));
    }
    if (schema->str() != kPackageSchema) {
      return Fail("/schema",
                  TrF(R"(不支持的格式 {}；应为 "{}")", R"(unsupported schema {}; expected "{}")",
                      Quote(schema->str()), kPackageSchema));
    }
    if (!CheckKeys(root, "",
                   {"schema", "rulebook", "form", "kind", "project", "fiscal_year", "unit",
                    "basic_data", "evaluation", "report", "parts", "evidence", "provenance"})) {
      return false;
    }
    out->schema = kPackageSchema;
    if (!ReadString(root, "", "rulebook", &out->rulebook)) return false;
    if (!ReadString(root, "", "form", &out->form)) return false;
    // Package kind: absent means a department package.
    if (!ReadEnum(root, "", "kind", std::array{PackageKind::kDepartment, PackageKind::kProject},
                  &PackageKindKey, &out->kind)) {
      return false;
    }
    if (const std::optional<V> v = Find(root, "project")) {
      if (!CheckKeys(*v, "/project", {"name", "department", "implementing_unit"}) ||
          !ReadString(*v, "/project", "name", &out->project.name) ||
          !ReadString(*v, "/project", "department", &out->project.department) ||
          !ReadString(*v, "/project", "implementing_unit", &out->project.implementing_unit)) {
        return false;
      }
    }
    if (!ReadInt(root, "", "fiscal_year", Tr("应为整数，如 2024", "expected an integer like 2024"),
                 &out->fiscal_year)) {
      return false;
    }
    if (const std::optional<V> v = Find(root, "unit")) {
      if (!ReadUnit(*v, "/unit", &out->unit)) return false;
    }
    if (const std::optional<V> v = Find(root, "basic_data")) {
      if (!ReadBasicData(*v, "/basic_data", &out->basic_data)) return false;
    }
    if (const std::optional<V> v = Find(root, "evaluation")) {
      if (!ReadEvaluation(*v, "/evaluation", &out->evaluation)) return false;
    }
    if (const std::optional<V> v = Find(root, "report")) {
      if (!ReadReport(*v, "/report", &out->report)) return false;
    }
    if (const std::optional<V> v = Find(root, "parts")) {
      if (!ReadParts(*v, "/parts", &out->parts)) return false;
    }
    if (const std::optional<V> v = Find(root, "evidence")) {
      if (!ReadEvidence(*v, "/evidence", out)) return false;
    }
    if (const std::optional<V> v = Find(root, "provenance")) {
      if (!ReadProvenance(*v, "/provenance", &out->provenance)) return false;
    }
    return true;
  }

  // "evidence": the files attached, each {"target", "name", "mime", "size", "sha256"}.
  bool ReadEvidence(const V& v, const std::string& p, Package* out) {
    if (!v.is_array()) return Fail(p, Tr("应为数组", "expected an array"));
    out->evidence.emplace();
    return v.ForEachElement([&](size_t i, const V& item) {
      const std::string q = p + "/" + std::to_string(i);
      Evidence e;
      int size = 0;
      if (!CheckKeys(item, q, {"target", "name", "mime", "size", "sha256"}) ||
          !ReadString(item, q, "target", &e.target) || !ReadString(item, q, "name", &e.name) ||
          !ReadString(item, q, "mime", &e.mime) ||
          !ReadInt(item, q, "size", Tr("应为字节数（整数）", "expected a number of bytes"),
                   &size) ||
          !ReadString(item, q, "sha256", &e.sha256)) {
        return false;
      }
      if (size < 0)
        return Fail(q + "/size", Tr("应为字节数（整数）", "expected a number of bytes"));
      e.size = size;
      out->evidence->push_back(std::move(e));
      return true;
    });
  }

  // "parts": which parts the source document held; a missing key is "present".
  bool ReadParts(const V& v, const std::string& p, PartStates* out) {
    static constexpr std::array<PartState, 4> kStates = {PartState::kPresent, PartState::kAbsent,
                                                         PartState::kCut, PartState::kPiece};
    return CheckKeys(v, p, {"basic_data", "evaluation", "report"}) &&
           ReadEnum(v, p, "basic_data", kStates, &PartStateKey, &out->basic_data) &&
           ReadEnum(v, p, "evaluation", kStates, &PartStateKey, &out->evaluation) &&
           ReadEnum(v, p, "report", kStates, &PartStateKey, &out->report);
  }

 private:
  // `value` must be an object whose keys are all in `known`.
  bool CheckKeys(const V& value, const std::string& pointer,
                 std::initializer_list<std::string_view> known) {
    if (!value.is_object()) return Fail(pointer, Tr("应为 JSON 对象", "expected an object"));
    // The object's keys come sorted; report the unknown key written first (among the first
    // few found, so that a hostile file with many cannot make this quadratic).
    std::optional<std::string_view> first;
    size_t first_offset = 0;
    int found = 0;
    // A known key met twice (simdjson keeps both; the strict reader refuses them): every object
    // the reader takes passes here, so no repeated key goes through unseen.
    uint64_t seen = 0;
    std::optional<std::string_view> repeated;
    value.ForEachMember([&](std::string_view name, const V&) {
      size_t index = 0;
      for (std::string_view k : known) {
        // Most keys of one length differ in their first letter: no call to memcmp for them.
        if (k.size() == name.size() && (k.empty() || k[0] == name[0]) && k == name) break;
        ++index;
      }
      if (index < known.size()) {
        if (index < 64) {  // one bit a key (the lists have at most 15)
          if (seen >> index & 1) repeated = repeated.value_or(name);
          seen |= uint64_t{1} << index;
        }
        return true;
      }
      const size_t offset =
          LocateJsonPointer(text_, ChildPointer(pointer, name)).value_or(text_.size());
      if (!first || offset < first_offset) {
        first = name;
        first_offset = offset;
      }
      return ++found < 8;
    });
    if (!first && repeated) {
      return Fail(ChildPointer(pointer, *repeated), RepeatedKeyMessage(*repeated));
    }
    if (!first) return true;
    const std::string name(*first);
    // A near miss is most likely a typo of that key; otherwise list them all.
    std::string_view nearest;
    size_t best = 3;
    if (name.size() <= 64) {
      for (std::string_view k : known) {
        const size_t d = EditDistance(name, k);
        if (d < best && 2 * d < k.size()) {
          best = d;
          nearest = k;
        }
      }
    }
    if (!nearest.empty()) {
      return Fail(ChildPointer(pointer, name),
                  TrF(R"(没有键 {}；您是不是要写 "{}"？)", R"(unknown key {}; did you mean "{}"?)",
                      Quote(name), nearest));
    }
    std::string list;
    for (std::string_view k : known) {
      if (!list.empty()) list += ", ";
      list += k;
    }
    return Fail(
        ChildPointer(pointer, name),
        TrF("没有键 {}；可用的键：{}", "unknown key {}; expected one of: {}", Quote(name), list));
  }

  // Optional string member; left unchanged when missing.
  bool ReadString(const V& object, const std::string& pointer, std::string_view key,
                  std::string* out) {
    const std::optional<V> v = Find(object, key);
    if (!v) return true;
    if (!v->is_string())
      return Fail(ChildPointer(pointer, key), Tr("应为字符串", "expected a string"));
    *out = v->str();
    return true;
  }

  bool IntValue(const V& v, const std::string& pointer, std::string_view message, int* out) {
    if (v.is_number_unsigned()) {
      const auto u = v.unsigned_value();
      if (u > static_cast<uint64_t>(INT_MAX)) return Fail(pointer, message);
      *out = static_cast<int>(u);
      return true;
    }
    if (v.is_number_signed()) {
      const auto i = v.signed_value();
      if (i < INT_MIN || i > INT_MAX) return Fail(pointer, message);
      *out = static_cast<int>(i);
      return true;
    }
    return Fail(pointer, message);
  }

  bool ReadInt(const V& object, const std::string& pointer, std::string_view key,
               std::string_view message, int* out) {
    const std::optional<V> v = Find(object, key);
    if (!v) return true;
    return IntValue(*v, ChildPointer(pointer, key), message, out);
  }

  // Optional array member; *out is empty when missing.
  bool FindArray(const V& object, const std::string& pointer, std::string_view key,
                 std::optional<V>* out) {
    *out = Find(object, key);
    if (*out && !(*out)->is_array()) {
      return Fail(ChildPointer(pointer, key), Tr("应为数组", "expected an array"));
    }
    return true;
  }

  // Reads the optional array `key` of `object` into `out`, one element by `read_one`
  // (element, its pointer, where to put it).
  template <typename T, typename ReadOne>
  bool ReadArray(const V& object, const std::string& pointer, std::string_view key,
                 std::vector<T>* out, ReadOne read_one) {
    std::optional<V> array;
    if (!FindArray(object, pointer, key, &array)) return false;
    if (!array) return true;
    const std::string array_pointer = ChildPointer(pointer, key);
    out->resize(array->size());
    return array->ForEachElement([&](size_t i, const V& item) {
      return read_one(item, ChildPointer(array_pointer, i), &(*out)[i]);
    });
  }

  // `pointer_of()` gives the cell's JSON pointer, made only for a message: a valid package has
  // thousands of cells and no message.
  template <typename PointerOf>
  bool CellValue(const V& v, PointerOf pointer_of, Cell* out) {
    if (v.is_null()) {
      *out = Cell::Blank();
      return true;
    }
    if (v.is_number_unsigned()) {
      *out = Cell::Number(Decimal::FromUnits(v.unsigned_value(), 0));
      return true;
    }
    if (v.is_number_signed()) {
      *out = Cell::Number(Decimal::FromUnits(v.signed_value(), 0));
      return true;
    }
    if (v.is_number_float()) return Fail(pointer_of(), FloatMessage());
    if (!v.is_string()) return Fail(pointer_of(), CellTypeMessage());
    const std::string_view s = v.str();
    if (s.empty()) {
      *out = Cell::Blank();
      return true;
    }
    if (s == "n/a" || s == "——" || s == "—" || s == "－－") {
      *out = Cell::NotApplicable();
      return true;
    }
    const DocumentNumber number = ParseDocumentNumber(s);
    if (!number.ok) {
      const std::string pointer = pointer_of();
      const std::string message =
          TrF("{} 不是数字：{}", "{} is not a number: {}", Quote(s), number.error);
      // Point at the offending character when the string is written without escapes, so that
      // its bytes in the file are its decoded bytes.
      const std::optional<size_t> at = LocateJsonPointer(text_, pointer);
      if (at && text_.substr(*at + 1, s.size()) == s &&
          text_.substr(*at + 1 + s.size(), 1) == "\"") {
        return FailAtOffset(*at + 1 + number.error_offset, pointer, message);
      }
      return Fail(pointer, message);
    }
    *out = Cell::Number(number.value, number.percent);
    return true;
  }

  // Optional cell member; left unchanged (blank) when missing.
  bool ReadCell(const V& object, const std::string& pointer, std::string_view key, Cell* out) {
    const std::optional<V> v = Find(object, key);
    if (!v) return true;
    return CellValue(
        *v, [&] { return ChildPointer(pointer, key); }, out);
  }

  // Optional enumeration member named by `key_of`; "" and a missing member give the value whose
  // key is "".
  template <typename E, size_t N>
  bool ReadEnum(const V& object, const std::string& pointer, std::string_view key,
                const std::array<E, N>& values, std::string_view (*key_of)(E), E* out) {
    const std::optional<V> v = Find(object, key);
    if (!v) return true;
    if (v->is_string()) {
      const std::string_view s = v->str();
      for (E e : values) {
        if (key_of(e) == s) {
          *out = e;
          return true;
        }
      }
    }
    // A message only from here on.
    const std::string child = ChildPointer(pointer, key);
    std::string expected;
    size_t named = 0;  // the values that have a name ("" stands for "not given")
    for (E e : values) named += !key_of(e).empty();
    size_t listed = 0;
    for (E e : values) {
      if (key_of(e).empty()) continue;
      ++listed;
      if (!expected.empty()) expected += listed == named ? Tr(" 或 ", " or ") : Tr("、", ", ");
      expected += fmt::format(R"("{}")", key_of(e));
    }
    if (!v->is_string()) return Fail(child, TrF("应为 {}", "expected {}", expected));
    return Fail(child, TrF("没有值 {}；应为 {}", "unknown value {}; expected {}", Quote(v->str()),
                           expected));
  }

  bool CheckDepth(int depth, const std::string& pointer) {
    if (depth <= kMaxTreeDepth) return true;
    return Fail(pointer, TrF("嵌套超过 {} 层", "nested deeper than {} levels", kMaxTreeDepth));
  }

  bool ReadUnit(const V& v, const std::string& p, Unit* out) {
    return CheckKeys(v, p, {"name", "short_name"}) && ReadString(v, p, "name", &out->name) &&
           ReadString(v, p, "short_name", &out->short_name);
  }

  bool ReadStaffing(const V& v, const std::string& p, Staffing* out) {
    return CheckKeys(v, p,
                     {"authorized", "on_payroll", "control_rate", "retired", "total_actual"}) &&
           ReadCell(v, p, "authorized", &out->authorized) &&
           ReadCell(v, p, "on_payroll", &out->on_payroll) &&
           ReadCell(v, p, "control_rate", &out->control_rate) &&
           ReadCell(v, p, "retired", &out->retired) &&
           ReadCell(v, p, "total_actual", &out->total_actual);
  }

  bool ReadExpenseRow(const V& v, const std::string& p, int depth, ExpenseRow* out) {
    if (!CheckDepth(depth, p)) return false;
    if (!CheckKeys(v, p, {"key", "label", "children_are", "values", "children"})) return false;
    if (!ReadString(v, p, "key", &out->key) || !ReadString(v, p, "label", &out->label)) {
      return false;
    }
    static constexpr std::array<ChildRelation, 3> kRelations = {
        ChildRelation::kNone, ChildRelation::kParts, ChildRelation::kTotal};
    if (!ReadEnum(v, p, "children_are", kRelations, &ChildRelationKey, &out->children_are)) {
      return false;
    }
    if (const std::optional<V> values = Find(v, "values")) {
      const std::string vp = ChildPointer(p, "values");
      if (!CheckKeys(*values, vp, {"prior_final", "budget", "final"})) return false;
      for (ExpenseColumn c : kExpenseColumns) {
        if (!ReadCell(*values, vp, ExpenseColumnKey(c), &out->at(c))) return false;
      }
    }
    if (!ReadArray(v, p, "children", &out->children,
                   [&](const V& item, const std::string& ip, auto* o) {
                     return ReadExpenseRow(item, ip, depth + 1, o);
                   })) {
      return false;
    }
    return true;
  }

  bool ReadBuilding(const V& v, const std::string& p, Building* out) {
    return CheckKeys(v, p,
                     {"name", "approved_area", "actual_area", "area_control_rate",
                      "budget_investment", "actual_investment", "investment_control_rate"}) &&
           ReadString(v, p, "name", &out->name) &&
           ReadCell(v, p, "approved_area", &out->approved_area) &&
           ReadCell(v, p, "actual_area", &out->actual_area) &&
           ReadCell(v, p, "area_control_rate", &out->area_control_rate) &&
           ReadCell(v, p, "budget_investment", &out->budget_investment) &&
           ReadCell(v, p, "actual_investment", &out->actual_investment) &&
           ReadCell(v, p, "investment_control_rate", &out->investment_control_rate);
  }

  bool ReadBasicData(const V& v, const std::string& p, BasicData* out) {
    if (!CheckKeys(v, p, {"staffing", "expenses", "buildings", "frugality_measures", "notes"})) {
      return false;
    }
    if (const std::optional<V> s = Find(v, "staffing")) {
      if (!ReadStaffing(*s, ChildPointer(p, "staffing"), &out->staffing)) return false;
    }
    if (!ReadArray(v, p, "expenses", &out->expenses,
                   [&](const V& item, const std::string& ip, auto* o) {
                     return ReadExpenseRow(item, ip, 1, o);
                   })) {
      return false;
    }
    if (!ReadArray(v, p, "buildings", &out->buildings,
                   [&](const V& item, const std::string& ip, auto* o) {
                     return ReadBuilding(item, ip, o);
                   })) {
      return false;
    }
    return ReadString(v, p, "frugality_measures", &out->frugality_measures) &&
           ReadString(v, p, "notes", &out->notes);
  }

  bool ReadFundsRow(const V& v, const std::string& p, FundsRow* out) {
    return CheckKeys(v, p,
                     {"key", "label", "initial_budget", "full_year_budget", "executed", "weight",
                      "execution_rate", "score"}) &&
           ReadString(v, p, "key", &out->key) && ReadString(v, p, "label", &out->label) &&
           ReadCell(v, p, "initial_budget", &out->initial_budget) &&
           ReadCell(v, p, "full_year_budget", &out->full_year_budget) &&
           ReadCell(v, p, "executed", &out->executed) && ReadCell(v, p, "weight", &out->weight) &&
           ReadCell(v, p, "execution_rate", &out->execution_rate) &&
           ReadCell(v, p, "score", &out->score);
  }

  // "reason": present (even "") when the form has a 原因 column beside the funds.
  bool ReadReason(const V& v, const std::string& p, Funds* out) {
    out->asks_reason = Find(v, "reason").has_value();
    return ReadString(v, p, "reason", &out->reason);
  }

  bool ReadFunds(const V& v, const std::string& p, Funds* out) {
    return CheckKeys(v, p,
                     {"initial_budget", "full_year_budget", "executed", "weight", "execution_rate",
                      "score", "general_public", "government_fund", "special_account",
                      "other_funds", "basic", "project", "rows", "method", "reason"}) &&
           ReadArray(v, p, "rows", &out->rows,
                     [&](const V& item, const std::string& ip, auto* o) {
                       return ReadFundsRow(item, ip, o);
                     }) &&
           ReadString(v, p, "method", &out->method) && ReadReason(v, p, out) &&
           ReadCell(v, p, "initial_budget", &out->initial_budget) &&
           ReadCell(v, p, "full_year_budget", &out->full_year_budget) &&
           ReadCell(v, p, "executed", &out->executed) && ReadCell(v, p, "weight", &out->weight) &&
           ReadCell(v, p, "execution_rate", &out->execution_rate) &&
           ReadCell(v, p, "score", &out->score) &&
           ReadCell(v, p, "general_public", &out->general_public) &&
           ReadCell(v, p, "government_fund", &out->government_fund) &&
           ReadCell(v, p, "special_account", &out->special_account) &&
           ReadCell(v, p, "other_funds", &out->other_funds) &&
           ReadCell(v, p, "basic", &out->basic) && ReadCell(v, p, "project", &out->project);
  }

  bool ReadGoals(const V& v, const std::string& p, Goals* out) {
    if (!CheckKeys(v, p, {"planned", "achieved"})) return false;
    const auto read_goal = [&](const V& g, const std::string& gp, Goal* goal) {
      return CheckKeys(g, gp, {"number", "text"}) && ReadString(g, gp, "number", &goal->number) &&
             ReadString(g, gp, "text", &goal->text);
    };
    if (!ReadArray(v, p, "planned", &out->planned, read_goal)) return false;
    return ReadString(v, p, "achieved", &out->achieved);
  }

  bool ReadIndicator(const V& v, const std::string& p, int depth, Indicator* out) {
    if (!CheckDepth(depth, p)) return false;
    if (!CheckKeys(v, p,
                   {"name", "kind", "direction", "target", "actual", "weight", "weight_min",
                    "weight_max", "coefficient", "score", "deviation", "children"})) {
      return false;
    }
    static constexpr std::array<IndicatorKind, 5> kKinds = {
        IndicatorKind::kUnspecified, IndicatorKind::kOutput, IndicatorKind::kEffect,
        IndicatorKind::kSatisfaction, IndicatorKind::kOther};
    static constexpr std::array<Direction, 4> kDirections = {
        Direction::kUnspecified, Direction::kHigherBetter, Direction::kLowerBetter,
        Direction::kEqual};
    if (!ReadString(v, p, "name", &out->name) ||
        !ReadEnum(v, p, "kind", kKinds, &IndicatorKindKey, &out->kind) ||
        !ReadEnum(v, p, "direction", kDirections, &DirectionKey, &out->direction) ||
        !ReadString(v, p, "target", &out->target) || !ReadString(v, p, "actual", &out->actual) ||
        !ReadCell(v, p, "weight", &out->weight) || !ReadCell(v, p, "score", &out->score) ||
        !ReadString(v, p, "deviation", &out->deviation) ||
        !ReadCell(v, p, "weight_min", &out->weight_min) ||
        !ReadCell(v, p, "weight_max", &out->weight_max) ||
        !ReadCell(v, p, "coefficient", &out->coefficient)) {
      return false;
    }
    if (!ReadArray(v, p, "children", &out->children,
                   [&](const V& item, const std::string& ip, auto* o) {
                     return ReadIndicator(item, ip, depth + 1, o);
                   })) {
      return false;
    }
    return true;
  }

  bool ReadEvaluation(const V& v, const std::string& p, Evaluation* out) {
    if (!CheckKeys(v, p,
                   {"unit_name", "funds", "goals", "indicators", "total_weight", "total_score",
                    "grade"})) {
      return false;
    }
    if (!ReadString(v, p, "unit_name", &out->unit_name)) return false;
    if (const std::optional<V> f = Find(v, "funds")) {
      if (!ReadFunds(*f, ChildPointer(p, "funds"), &out->funds)) return false;
    }
    if (const std::optional<V> g = Find(v, "goals")) {
      if (!ReadGoals(*g, ChildPointer(p, "goals"), &out->goals)) return false;
    }
    if (!ReadArray(v, p, "indicators", &out->indicators,
                   [&](const V& item, const std::string& ip, auto* o) {
                     return ReadIndicator(item, ip, 1, o);
                   })) {
      return false;
    }
    return ReadCell(v, p, "total_weight", &out->total_weight) &&
           ReadCell(v, p, "total_score", &out->total_score) &&
           ReadString(v, p, "grade", &out->grade);
  }

  bool ReadSection(const V& v, const std::string& p, int depth, ReportSection* out) {
    if (!CheckDepth(depth, p)) return false;
    if (!CheckKeys(v, p, {"number", "title", "text", "subsections"}) ||
        !ReadString(v, p, "number", &out->number) || !ReadString(v, p, "title", &out->title) ||
        !ReadString(v, p, "text", &out->text)) {
      return false;
    }
    if (!ReadArray(v, p, "subsections", &out->subsections,
                   [&](const V& item, const std::string& ip, auto* o) {
                     return ReadSection(item, ip, depth + 1, o);
                   })) {
      return false;
    }
    return true;
  }

  bool ReadReport(const V& v, const std::string& p, Report* out) {
    if (!CheckKeys(v, p, {"cover", "sections"})) return false;
    if (const std::optional<V> c = Find(v, "cover")) {
      const std::string cp = ChildPointer(p, "cover");
      if (!CheckKeys(*c, cp, {"title", "unit", "date"}) ||
          !ReadString(*c, cp, "title", &out->cover.title) ||
          !ReadString(*c, cp, "unit", &out->cover.unit) ||
          !ReadString(*c, cp, "date", &out->cover.date)) {
        return false;
      }
    }
    if (!ReadArray(v, p, "sections", &out->sections,
                   [&](const V& item, const std::string& ip, auto* o) {
                     return ReadSection(item, ip, 1, o);
                   })) {
      return false;
    }
    return true;
  }

  bool ReadSourceRef(const V& v, const std::string& p, SourceRef* out) {
    if (!CheckKeys(v, p, {"file", "table", "row", "column", "line", "paragraph", "span", "text"}) ||
        !ReadString(v, p, "file", &out->file) || !ReadString(v, p, "table", &out->table) ||
        !ReadInt(v, p, "row", Tr("应为整数", "expected an integer"), &out->row) ||
        !ReadInt(v, p, "column", Tr("应为整数", "expected an integer"), &out->column) ||
        !ReadInt(v, p, "line", Tr("应为整数", "expected an integer"), &out->line) ||
        !ReadInt(v, p, "paragraph", Tr("应为整数", "expected an integer"), &out->paragraph)) {
      return false;
    }
    if (const std::optional<V> span = Find(v, "span")) {
      const std::string sp = ChildPointer(p, "span");
      const std::string_view kSpanMessage =
          Tr("应为 [起, 止] 两个整数", "expected [begin, end], two integers");
      if (!span->is_array() || span->size() != 2) return Fail(sp, kSpanMessage);
      int* const ends[2] = {&out->span_begin, &out->span_end};
      if (!span->ForEachElement([&](size_t i, const V& end) {
            return IntValue(end, ChildPointer(sp, i), kSpanMessage, ends[i]);
          })) {
        return false;
      }
    }
    return ReadString(v, p, "text", &out->text);
  }

  bool ReadProvenance(const V& v, const std::string& p, std::map<std::string, SourceRef>* out) {
    if (!v.is_object()) return Fail(p, Tr("应为 JSON 对象", "expected an object"));
    // Its keys are the package's pointers, not a known list: a repeated one is found by sorting.
    std::vector<std::string_view> keys;
    v.ForEachMember([&](std::string_view pointer, const V&) {
      keys.push_back(pointer);
      return true;
    });
    std::sort(keys.begin(), keys.end());
    if (const auto twice = std::adjacent_find(keys.begin(), keys.end()); twice != keys.end()) {
      return Fail(ChildPointer(p, *twice), RepeatedKeyMessage(*twice));
    }
    return v.ForEachMember([&](std::string_view pointer, const V& ref) {
      const std::string rp = ChildPointer(p, pointer);
      if (!pointer.empty() && pointer[0] != '/') {
        return Fail(
            rp, TrF(R"(键 {} 不是 JSON 指针（应以 "/" 开头）)",
                    R"(key {} is not a JSON pointer (it must start with "/"))", Quote(pointer)));
      }
      return ReadSourceRef(ref, rp, &(*out)[std::string(pointer)]);
    });
  }

  static std::optional<V> Find(const V& object, std::string_view key) { return object.Find(key); }

  std::string_view text_;
  const std::string& source_name_;
  Status status_;
};

// ---- writing ----
// TreeWriter builds, through the calls JsonPrettyWriter takes, the value nlohmann's parser gives
// for the text JsonPrettyWriter writes: non-negative integers unsigned as the parser has them,
// text that is not UTF-8 with the writer's U+FFFD replacements.
class TreeWriter : public JsonMemberCalls<TreeWriter> {
 public:
  using JsonMemberCalls::Int;
  using JsonMemberCalls::String;
  explicit TreeWriter(json* root) : root_(root) {}
  void BeginObject() { stack_.push_back(Place(json::object())); }
  void EndObject() { stack_.pop_back(); }
  void BeginArray() { stack_.push_back(Place(json::array())); }
  void EndArray() { stack_.pop_back(); }
  void Key(std::string_view key) { key_ = key; }
  void String(std::string_view s) {
    if (IsJsonUtf8(s)) {
      Place(std::string(s));
    } else {
      std::string text;
      AppendJsonString(&text, s);
      Place(json::parse(text));
    }
  }
  void Int(int64_t n) {
    if (n >= 0) {
      Place(static_cast<uint64_t>(n));
    } else {
      Place(n);
    }
  }
  void Null() { Place(nullptr); }

 private:
  // Puts `value` where the next value goes and returns it there.
  json* Place(json value) {
    if (stack_.empty()) {
      *root_ = std::move(value);
      return root_;
    }
    json& parent = *stack_.back();
    if (parent.is_object()) return &(parent[key_] = std::move(value));
    parent.push_back(std::move(value));
    return &parent.back();
  }

  json* root_;
  std::vector<json*> stack_;
  std::string key_;
};

// The canonical text is written directly (base/json_text.h), in the same bytes nlohmann's
// dump(2) of the equivalent tree gave: no tree is built for a text that is written once.

template <class W>
void WriteCell(W& w, const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::kBlank:
      return w.Null();
    case Cell::Kind::kNotApplicable:
      return w.String("n/a");
    case Cell::Kind::kNumber:
      return w.String(cell.value.ToString() + (cell.percent ? "%" : ""));
  }
  w.Null();
}
template <class W>
void WriteCell(W& w, std::string_view key, const Cell& cell) {
  w.Key(key);
  WriteCell(w, cell);
}

template <class W>
void WriteExpense(W& w, const ExpenseRow& row) {
  w.BeginObject();
  w.String("key", row.key);
  w.String("label", row.label);
  if (row.children_are != ChildRelation::kNone) {
    w.String("children_are", ChildRelationKey(row.children_are));
  }
  w.Key("values");
  w.BeginObject();
  for (ExpenseColumn c : kExpenseColumns) WriteCell(w, ExpenseColumnKey(c), row.at(c));
  w.EndObject();
  if (!row.children.empty()) {
    w.Key("children");
    w.BeginArray();
    for (const ExpenseRow& child : row.children) WriteExpense(w, child);
    w.EndArray();
  }
  w.EndObject();
}

template <class W>
void WriteIndicator(W& w, const Indicator& indicator) {
  const bool leaf = indicator.children.empty();
  w.BeginObject();
  w.String("name", indicator.name);
  if (indicator.kind != IndicatorKind::kUnspecified) {
    w.String("kind", IndicatorKindKey(indicator.kind));
  }
  if (indicator.direction != Direction::kUnspecified) {
    w.String("direction", DirectionKey(indicator.direction));
  }
  if (leaf || !indicator.target.empty()) w.String("target", indicator.target);
  if (leaf || !indicator.actual.empty()) w.String("actual", indicator.actual);
  WriteCell(w, "weight", indicator.weight);
  // A range weight and a 得分系数 only when the form has them.
  if (!indicator.weight_min.blank()) WriteCell(w, "weight_min", indicator.weight_min);
  if (!indicator.weight_max.blank()) WriteCell(w, "weight_max", indicator.weight_max);
  if (!indicator.coefficient.blank()) WriteCell(w, "coefficient", indicator.coefficient);
  if (leaf || !indicator.score.blank()) WriteCell(w, "score", indicator.score);
  if (leaf || !indicator.deviation.empty()) w.String("deviation", indicator.deviation);
  if (!leaf) {
    w.Key("children");
    w.BeginArray();
    for (const Indicator& child : indicator.children) WriteIndicator(w, child);
    w.EndArray();
  }
  w.EndObject();
}

template <class W>
void WriteSection(W& w, const ReportSection& section) {
  w.BeginObject();
  w.String("number", section.number);
  w.String("title", section.title);
  w.String("text", section.text);
  w.Key("subsections");
  w.BeginArray();
  for (const ReportSection& sub : section.subsections) WriteSection(w, sub);
  w.EndArray();
  w.EndObject();
}

template <class W>
void WriteSourceRef(W& w, const SourceRef& ref) {
  w.BeginObject();
  w.String("file", ref.file);
  w.String("table", ref.table);
  w.Int("row", ref.row);
  w.Int("column", ref.column);
  w.Int("line", ref.line);
  w.Int("paragraph", ref.paragraph);
  w.Key("span");
  w.BeginArray();
  w.Int(ref.span_begin);
  w.Int(ref.span_end);
  w.EndArray();
  w.String("text", ref.text);
  w.EndObject();
}

}  // namespace

// The fast way through a package that is valid, which is what almost every file is: simdjson's
// parser (several times faster than building an nlohmann tree) and the same reader over its
// DOM. Anything it does not accept — a syntax error, a repeated key, a value the reader refuses —
// gives nullopt, and the caller reads the text again the strict, slower way, which names the
// error exactly as it always has. Both ways accept the same texts (pinned by the tests and by
// fuzz_package_json, which compares this reader with PackageFromJson).
std::optional<Package> ReadValidPackage(std::string_view text, const std::string& source_name) {
  // One parser per thread keeps its buffers between files; a very large text gets its own, so
  // that a thread does not hold on to its memory afterwards.
  constexpr size_t kKeptParserCapacity = size_t{8} << 20;
  thread_local simdjson::dom::parser kept;
  std::optional<simdjson::dom::parser> own;
  simdjson::dom::parser* parser = &kept;
  if (text.size() > kKeptParserCapacity) parser = &own.emplace();
  simdjson::dom::element root;
  if (parser->parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) return std::nullopt;
  // A repeated key is found by the reader (CheckKeys, ReadProvenance) and sends the text to the
  // strict reader like any other error.
  PackageReader<SimdValue> reader(text, source_name);
  Package package;
  if (!reader.ReadPackage(SimdValue(root), &package)) return std::nullopt;
  return package;
}

Result<Package> ParsePackageJson(std::string_view text, const std::string& source_name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  PackageReader<TreeValue> reader(text, source_name);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    reader.FailAtOffset(
        0, "",
        Tr(R"(文件没有内容；应为一个数据包对象（{"schema": "jixiao.package/1", ...}）)",
           R"(empty document; expected a package object ({"schema": "jixiao.package/1", ...}))"));
    return reader.status();
  }
  // nlohmann::json takes a NUL byte for the end of the input; here it is an error, usually the
  // sign of a UTF-16 file.
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
    reader.FailAtOffset(0, "",
                        Tr("文本是 UTF-16 编码；数据包必须是 UTF-8",
                           "the text is UTF-16; a package must be UTF-8"));
    return reader.status();
  }
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    reader.FailAtOffset(
        nul, "",
        Tr("NUL 字节；数据包必须是 UTF-8 文本（字符串中请写 \\u0000）",
           "NUL byte; a package must be UTF-8 text (write \\u0000 inside a string)"));
    return reader.status();
  }
  if (std::optional<Package> package = ReadValidPackage(text, source_name)) {
    return std::move(*package);
  }
  json root;
  StrictDomBuilder builder(&root);
  try {
    json::sax_parse(text.data(), text.data() + text.size(), &builder, json::input_format_t::json,
                    /*strict=*/true, /*ignore_comments=*/false);
  } catch (const std::exception& e) {
    // nlohmann reports through parse_error(); this is a last resort (e.g. out of memory).
    return Status::InvalidArgument(
        TrF("{}：无法解析：{}", "{}: cannot parse: {}", source_name, ValidUtf8(e.what())));
  }
  if (builder.error()) {
    reader.FailAtOffset(builder.error_offset(), "", *builder.error());
    return reader.status();
  }
  if (builder.duplicate()) {
    reader.Fail(*builder.duplicate(), RepeatedKeyMessage(builder.duplicate_key()));
    return reader.status();
  }
  Package package;
  if (!reader.ReadPackage(TreeValue(root), &package)) return reader.status();
  return package;
}

Result<Package> PackageFromJson(const json& root, const std::string& source_name) {
  PackageReader<TreeValue> reader("", source_name);
  Package package;
  if (reader.ReadPackage(TreeValue(root), &package)) return package;
  // The error again over the text, where it has a line and a column.
  Result<Package> again =
      ParsePackageJson(root.dump(-1, ' ', false, json::error_handler_t::replace), source_name);
  if (!again.ok()) return again.status();
  return reader.status();
}

Result<Package> LoadPackageFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Status::IOError(
        TrF("无法读取 {}：{}", "cannot read {}: {}", path, SystemErrorText(errno)));
  }
  std::string text;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  const int error = errno;
  std::fclose(file);
  if (failed) {
    return Status::IOError(
        TrF("无法读取 {}：{}", "cannot read {}: {}", path, SystemErrorText(error)));
  }
  return ParsePackageJson(text, path);
}

namespace {

// The package through a writer: JsonPrettyWriter for the canonical text, TreeWriter for the
// value that text parses to.
template <class W>
void WritePackage(W& w, const Package& package) {
  w.BeginObject();
  w.String("schema", kPackageSchema);  // the format written, whatever package.schema says
  w.String("rulebook", package.rulebook);
  // The form: written when the package names one, so other packages read as before.
  if (!package.form.empty()) w.String("form", package.form);
  // Package kind: written for a project package only, so department packages read as before.
  if (package.kind == PackageKind::kProject) {
    w.String("kind", PackageKindKey(package.kind));
    w.Key("project");
    w.BeginObject();
    w.String("name", package.project.name);
    w.String("department", package.project.department);
    w.String("implementing_unit", package.project.implementing_unit);
    w.EndObject();
  }
  w.Int("fiscal_year", package.fiscal_year);
  w.Key("unit");
  w.BeginObject();
  w.String("name", package.unit.name);
  w.String("short_name", package.unit.short_name);
  w.EndObject();

  const BasicData& basic = package.basic_data;
  w.Key("basic_data");
  w.BeginObject();
  const Staffing& staffing = basic.staffing;
  w.Key("staffing");
  w.BeginObject();
  WriteCell(w, "authorized", staffing.authorized);
  WriteCell(w, "on_payroll", staffing.on_payroll);
  WriteCell(w, "control_rate", staffing.control_rate);
  WriteCell(w, "retired", staffing.retired);
  WriteCell(w, "total_actual", staffing.total_actual);
  w.EndObject();
  w.Key("expenses");
  w.BeginArray();
  for (const ExpenseRow& row : basic.expenses) WriteExpense(w, row);
  w.EndArray();
  w.Key("buildings");
  w.BeginArray();
  for (const Building& b : basic.buildings) {
    w.BeginObject();
    w.String("name", b.name);
    WriteCell(w, "approved_area", b.approved_area);
    WriteCell(w, "actual_area", b.actual_area);
    WriteCell(w, "area_control_rate", b.area_control_rate);
    WriteCell(w, "budget_investment", b.budget_investment);
    WriteCell(w, "actual_investment", b.actual_investment);
    WriteCell(w, "investment_control_rate", b.investment_control_rate);
    w.EndObject();
  }
  w.EndArray();
  w.String("frugality_measures", basic.frugality_measures);
  w.String("notes", basic.notes);
  w.EndObject();

  const Evaluation& evaluation = package.evaluation;
  const Funds& f = evaluation.funds;
  w.Key("evaluation");
  w.BeginObject();
  w.String("unit_name", evaluation.unit_name);
  w.Key("funds");
  w.BeginObject();
  WriteCell(w, "initial_budget", f.initial_budget);
  WriteCell(w, "full_year_budget", f.full_year_budget);
  WriteCell(w, "executed", f.executed);
  WriteCell(w, "weight", f.weight);
  WriteCell(w, "execution_rate", f.execution_rate);
  WriteCell(w, "score", f.score);
  WriteCell(w, "general_public", f.general_public);
  WriteCell(w, "government_fund", f.government_fund);
  WriteCell(w, "special_account", f.special_account);
  WriteCell(w, "other_funds", f.other_funds);
  WriteCell(w, "basic", f.basic);
  WriteCell(w, "project", f.project);
  // Written only when present, so that a package of a one-row form reads as before.
  if (!f.rows.empty()) {
    w.Key("rows");
    w.BeginArray();
    for (const FundsRow& row : f.rows) {
      w.BeginObject();
      w.String("key", row.key);
      w.String("label", row.label);
      WriteCell(w, "initial_budget", row.initial_budget);
      WriteCell(w, "full_year_budget", row.full_year_budget);
      WriteCell(w, "executed", row.executed);
      WriteCell(w, "weight", row.weight);
      WriteCell(w, "execution_rate", row.execution_rate);
      WriteCell(w, "score", row.score);
      w.EndObject();
    }
    w.EndArray();
  }
  if (!f.method.empty()) w.String("method", f.method);
  if (f.asks_reason) w.String("reason", f.reason);
  w.EndObject();
  w.Key("goals");
  w.BeginObject();
  w.Key("planned");
  w.BeginArray();
  for (const Goal& g : evaluation.goals.planned) {
    w.BeginObject();
    w.String("number", g.number);
    w.String("text", g.text);
    w.EndObject();
  }
  w.EndArray();
  w.String("achieved", evaluation.goals.achieved);
  w.EndObject();
  w.Key("indicators");
  w.BeginArray();
  for (const Indicator& i : evaluation.indicators) WriteIndicator(w, i);
  w.EndArray();
  WriteCell(w, "total_weight", evaluation.total_weight);
  WriteCell(w, "total_score", evaluation.total_score);
  w.String("grade", evaluation.grade);
  w.EndObject();

  const Report& report = package.report;
  w.Key("report");
  w.BeginObject();
  w.Key("cover");
  w.BeginObject();
  w.String("title", report.cover.title);
  w.String("unit", report.cover.unit);
  w.String("date", report.cover.date);
  w.EndObject();
  w.Key("sections");
  w.BeginArray();
  for (const ReportSection& section : report.sections) WriteSection(w, section);
  w.EndArray();
  w.EndObject();

  // Written only when a part is absent: a package that has them all reads as before.
  if (!package.parts.all_present()) {
    w.Key("parts");
    w.BeginObject();
    w.String("basic_data", PartStateKey(package.parts.basic_data));
    w.String("evaluation", PartStateKey(package.parts.evaluation));
    w.String("report", PartStateKey(package.parts.report));
    w.EndObject();
  }

  // Written only for a package that keeps track of its evidence.
  if (package.evidence) {
    w.Key("evidence");
    w.BeginArray();
    for (const Evidence& e : *package.evidence) {
      w.BeginObject();
      w.String("target", e.target);
      w.String("name", e.name);
      w.String("mime", e.mime);
      w.Int("size", e.size);
      w.String("sha256", e.sha256);
      w.EndObject();
    }
    w.EndArray();
  }

  // The map's keys are unique and sorted, so the object is written in the map's order.
  w.Key("provenance");
  w.BeginObject();
  for (const auto& [pointer, ref] : package.provenance) {
    w.Key(pointer);
    WriteSourceRef(w, ref);
  }
  w.EndObject();
  w.EndObject();
}

}  // namespace

std::string WritePackageJson(const Package& package) {
  std::string out;
  out.reserve(32768);
  JsonPrettyWriter w(&out);
  WritePackage(w, package);
  out.push_back('\n');
  return out;
}

json PackageJsonTree(const Package& package) {
  json root;
  TreeWriter w(&root);
  WritePackage(w, package);
  return root;
}

}  // namespace jixiao
