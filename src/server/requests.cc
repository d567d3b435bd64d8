// The API's request readers: a strict JSON body (no duplicate keys, bounded depth), then its
// fields checked one by one, the first problem becoming the request's InvalidArgument.
#include "server/requests.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <set>
#include <utility>
#include <vector>

#include "base/text.h"
#include "check/codes.h"

namespace jixiao::server {

namespace {

using json = nlohmann::json;
using Names = std::initializer_list<std::string_view>;

// "<zh> / <en>".
Status Invalid(std::string_view zh, std::string_view en) {
  std::string message(zh);
  message += " / ";
  message += en;
  return Status::InvalidArgument(std::move(message));
}

// User text in a message: quoted and escaped as a JSON string, at most 64 bytes of it (cut at
// a character boundary, then "…"); broken UTF-8 shows as U+FFFD.
std::string Quote(std::string_view text) {
  constexpr size_t kShown = 64;
  std::string shown(text.substr(0, kShown));
  const bool cut = text.size() > kShown;
  if (cut) {
    while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) {
      shown.pop_back();
    }
    if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
  }
  std::string quoted = json(shown).dump(-1, ' ', false, json::error_handler_t::replace);
  if (cut) quoted.insert(quoted.size() - 1, "…");
  return quoted;
}

// The known name at most two edits from `name` (and not wholly different from it), or "".
std::string_view Nearest(std::string_view name, Names known) {
  if (name.size() > 64) return {};
  std::string_view nearest;
  size_t best = 3;
  for (std::string_view k : known) {
    const size_t d = EditDistance(name, k);
    if (d < best && d < k.size()) {
      best = d;
      nearest = k;
    }
  }
  return nearest;
}

// "a、b、c" and "a, b, c"; with `quoted`, each name in double quotes.
std::string JoinNames(Names names, std::string_view separator, bool quoted) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += separator;
    if (quoted) out += '"';
    out += n;
    if (quoted) out += '"';
  }
  return out;
}

bool IsOneOf(std::string_view value, Names names) {
  return std::find(names.begin(), names.end(), value) != names.end();
}

// "unknown field "x" (did you mean "y"?)" in both languages, for fields (JSON) or parameters
// (the query string).
Status Unknown(std::string_view prefix_zh, std::string_view prefix_en, std::string_view what_zh,
               std::string_view what_en, std::string_view name, Names known) {
  const std::string_view nearest = Nearest(name, known);
  if (!nearest.empty()) {
    return Invalid(fmt::format("{}未知{} {}（您是不是要写 \"{}\"？）", prefix_zh, what_zh,
                               Quote(name), nearest),
                   fmt::format("{}unknown {} {} (did you mean \"{}\"?)", prefix_en, what_en,
                               Quote(name), nearest));
  }
  return Invalid(fmt::format("{}未知{} {}（可用的{}：{}）", prefix_zh, what_zh, Quote(name),
                             what_zh, JoinNames(known, "、", false)),
                 fmt::format("{}unknown {} {} (known {}s: {})", prefix_en, what_en, Quote(name),
                             what_en, JoinNames(known, ", ", false)));
}

// The kind of a JSON value, as messages name it.
std::string_view TypeZh(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "空值（null）";
    case json::value_t::boolean:
      return "布尔值";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "整数";
    case json::value_t::number_float:
      return "带小数点或指数的数";
    case json::value_t::string:
      return "字符串";
    case json::value_t::array:
      return "数组";
    case json::value_t::object:
      return "对象";
    default:
      return "其他值";
  }
}
std::string_view TypeEn(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    case json::value_t::number_float:
      return "a number with a fraction or an exponent";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "another value";
  }
}

// ---- The body ------------------------------------------------------------------------------

// Records where nlohmann::json's parser stopped, for the message of a body that is not JSON.
class ErrorSax : public json::json_sax_t {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& e) override {
    position_ = position;
    what_ = e.what();
    last_token_ = last_token;
    return false;
  }

  size_t position() const { return position_; }
  // nlohmann's description without its prefix and without the token it last read (which is
  // whatever the client sent, broken UTF-8 included): "syntax error while parsing value -
  // invalid literal; expected end of input".
  std::string description() const {
    std::string_view what = what_;
    const size_t colon = what.find(": ");
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
    // The description before "; last read" is nlohmann's own words, so the first occurrence
    // is the real one; the token printed after it is exactly `last_token_`.
    constexpr std::string_view kLastRead = "; last read: '";
    std::string out;
    const size_t last_read = what.find(kLastRead);
    if (last_read == std::string_view::npos) {
      out = what;
    } else {
      out = what.substr(0, last_read);
      const size_t after = last_read + kLastRead.size() + last_token_.size() + 1;
      if (after < what.size()) out += what.substr(after);
    }
    // Whatever happens above, the message must stay valid UTF-8 without control characters.
    std::string clean;
    for (size_t pos = 0; pos < out.size();) {
      const char32_t cp = NextCodePoint(out, &pos);
      if (cp >= 0x20 && cp != 0x7F) AppendUtf8(cp, &clean);
    }
    return clean;
  }

 private:
  size_t position_ = 0;
  std::string what_;
  std::string last_token_;
};

struct Body {
  json value;
  std::vector<std::string> keys;  // the top-level object's keys, as written
};

Result<Body> ParseBody(std::string_view text) {
  if (text.empty()) return Invalid("请求体为空", "the request body is empty");
  Body body;
  std::vector<std::set<std::string>> open;  // the keys of each object being read
  std::string duplicate;
  bool duplicated = false;
  bool too_deep = false;
  const json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        open.emplace_back();
        too_deep = too_deep || depth >= kMaxBodyDepth;
        break;
      case json::parse_event_t::array_start:
        too_deep = too_deep || depth >= kMaxBodyDepth;
        break;
      case json::parse_event_t::key: {
        const std::string& key = parsed.get_ref<const std::string&>();
        if (!open.empty() && !open.back().insert(key).second && !duplicated) {
          duplicated = true;
          duplicate = key;
        }
        if (depth == 1) body.keys.push_back(key);
        break;
      }
      case json::parse_event_t::object_end:
        if (!open.empty()) open.pop_back();
        break;
      default:
        break;
    }
    return true;
  };
  body.value = json::parse(text, callback, /*allow_exceptions=*/false);
  if (body.value.is_discarded()) {
    ErrorSax sax;
    json::sax_parse(text, &sax);
    return Invalid(fmt::format("请求体不是有效的 JSON：第 {} 字节有误", sax.position()),
                   fmt::format("the request body is not valid JSON: error at byte {} ({})",
                               sax.position(), sax.description()));
  }
  if (too_deep) {
    return Invalid(fmt::format("请求体嵌套超过 {} 层", kMaxBodyDepth),
                   fmt::format("the request body nests deeper than {} levels", kMaxBodyDepth));
  }
  if (duplicated) {
    return Invalid(fmt::format("字段 {} 重复出现", Quote(duplicate)),
                   fmt::format("field {} appears more than once", Quote(duplicate)));
  }
  if (!body.value.is_object()) {
    return Invalid(
        fmt::format("请求体应为 JSON 对象，实际为{}", TypeZh(body.value)),
        fmt::format("the request body must be a JSON object, not {}", TypeEn(body.value)));
  }
  return body;
}

// ---- Fields --------------------------------------------------------------------------------

// What a string field may hold.
struct TextRule {
  size_t min_bytes = 1;  // 1: non-empty
  size_t max_bytes = 200;
  enum Controls { kNoControls, kLineBreaks, kAnyBytes } controls = kNoControls;
};

constexpr TextRule kLine200{1, 200, TextRule::kNoControls};
constexpr TextRule kSecret200{1, 200, TextRule::kAnyBytes};

// The offset of the first control character (C0, DEL or C1) in `text`, other than tab, CR and
// LF when `line_breaks`; npos when there is none.
size_t FindControl(std::string_view text, bool line_breaks) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (line_breaks && (c == '\t' || c == '\n' || c == '\r')) continue;
    if (c < 0x20 || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return i;
    }
  }
  return std::string_view::npos;
}

// Whether `text` is a JSON pointer (RFC 6901): "" or "/…", every '~' followed by '0' or '1'.
// Fills the reason in both languages when not.
bool CheckPointer(std::string_view text, std::string* zh, std::string* en) {
  if (!text.empty() && text[0] != '/') {
    *zh = "应以 \"/\" 开头";
    *en = "it must start with \"/\"";
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '~' && (i + 1 == text.size() || (text[i + 1] != '0' && text[i + 1] != '1'))) {
      *zh = "\"~\" 后只能是 0 或 1";
      *en = "\"~\" must be followed by 0 or 1";
      return false;
    }
  }
  return true;
}

// The fields of one object, read one at a time; the first problem is kept and every later
// call returns false at once. `prefix_zh`/`prefix_en` put a location before each message
// ("patch[2]：").
class Fields {
 public:
  explicit Fields(json* object, std::string prefix_zh = "", std::string prefix_en = "")
      : object_(*object), prefix_zh_(std::move(prefix_zh)), prefix_en_(std::move(prefix_en)) {}

  const Status& status() const { return status_; }

  bool Fail(std::string_view zh, std::string_view en) {
    if (status_.ok()) {
      status_ = Invalid(prefix_zh_ + std::string(zh), prefix_en_ + std::string(en));
    }
    return false;
  }

  // Every key is one of `known`. `order` lists the keys as written (else the object's own,
  // sorted order), so that the first unknown one written is named.
  bool OnlyKnown(Names known, const std::vector<std::string>* order = nullptr) {
    if (!status_.ok()) return false;
    auto check = [&](const std::string& key) {
      if (IsOneOf(key, known)) return true;
      status_ = Unknown(prefix_zh_, prefix_en_, "字段", "field", key, known);
      return false;
    };
    if (order != nullptr) {
      for (const std::string& key : *order) {
        if (!check(key)) return false;
      }
    } else {
      for (const auto& item : object_.items()) {
        if (!check(item.key())) return false;
      }
    }
    return true;
  }

  // The member `key`, or nullptr when it is missing.
  json* Find(std::string_view key) {
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  bool Has(std::string_view key) const { return object_.contains(key); }

  bool Missing(std::string_view key) {
    return Fail(fmt::format("缺少字段 \"{}\"", key), fmt::format("missing field \"{}\"", key));
  }

  bool WrongType(std::string_view key, const json& value, std::string_view zh,
                 std::string_view en) {
    return Fail(fmt::format("字段 \"{}\" 应为{}，实际为{}", key, zh, TypeZh(value)),
                fmt::format("field \"{}\" must be {}, not {}", key, en, TypeEn(value)));
  }

  // A string member checked against `rule`. A missing optional member leaves `out` as it is.
  bool Text(std::string_view key, bool required, TextRule rule, std::string* out) {
    if (!status_.ok()) return false;
    const json* v = Find(key);
    if (v == nullptr) return !required || Missing(key);
    if (!v->is_string()) return WrongType(key, *v, "字符串", "a string");
    const std::string& s = v->get_ref<const std::string&>();
    if (s.empty() && rule.min_bytes > 0) {
      return Fail(fmt::format("字段 \"{}\" 不能为空", key),
                  fmt::format("field \"{}\" must not be empty", key));
    }
    if (s.size() < rule.min_bytes) {
      return Fail(
          fmt::format("字段 \"{}\" 至少应有 {} 字节，实际 {} 字节", key, rule.min_bytes, s.size()),
          fmt::format("field \"{}\" must have at least {} bytes, not {}", key, rule.min_bytes,
                      s.size()));
    }
    if (s.size() > rule.max_bytes) {
      return Fail(
          fmt::format("字段 \"{}\" 超过 {} 字节（实际 {} 字节）", key, rule.max_bytes, s.size()),
          fmt::format("field \"{}\" is longer than {} bytes ({})", key, rule.max_bytes, s.size()));
    }
    if (rule.controls == TextRule::kNoControls && FindControl(s, false) != std::string_view::npos) {
      return Fail(fmt::format("字段 \"{}\" 不能含控制字符", key),
                  fmt::format("field \"{}\" must not contain control characters", key));
    }
    if (rule.controls == TextRule::kLineBreaks && FindControl(s, true) != std::string_view::npos) {
      return Fail(fmt::format("字段 \"{}\" 不能含制表符和换行以外的控制字符", key),
                  fmt::format("field \"{}\" must not contain control characters other than tab "
                              "and line breaks",
                              key));
    }
    *out = s;
    return true;
  }

  // A string member that must be one of `values`.
  bool OneOf(std::string_view key, bool required, Names values, std::string* out) {
    std::string s;
    if (!Text(key, required, TextRule{0, size_t{1} << 20, TextRule::kAnyBytes}, &s)) return false;
    if (!Has(key)) return true;
    if (!IsOneOf(s, values)) {
      return Fail(fmt::format("字段 \"{}\" 应为 {} 之一，实际为 {}", key,
                              JoinNames(values, "、", true), Quote(s)),
                  fmt::format("field \"{}\" must be one of {}, not {}", key,
                              JoinNames(values, ", ", true), Quote(s)));
    }
    *out = std::move(s);
    return true;
  }

  // An integer member in [lo, hi]. A missing optional member leaves `out` as it is.
  bool Integer(std::string_view key, bool required, int64_t lo, int64_t hi, int64_t* out) {
    if (!status_.ok()) return false;
    const json* v = Find(key);
    if (v == nullptr) return !required || Missing(key);
    if (!v->is_number_integer()) return WrongType(key, *v, "整数", "an integer");
    // Non-negative numbers come as unsigned; one beyond int64 is out of range too.
    const bool in_range =
        v->is_number_unsigned()
            ? v->get<uint64_t>() <= static_cast<uint64_t>(hi) &&
                  v->get<uint64_t>() >= static_cast<uint64_t>(std::max<int64_t>(lo, 0))
            : v->get<int64_t>() >= lo && v->get<int64_t>() <= hi;
    if (!in_range) {
      const std::string shown = v->dump();
      return Fail(fmt::format("字段 \"{}\" 应在 {} 到 {} 之间，实际为 {}", key, lo, hi, shown),
                  fmt::format("field \"{}\" must be from {} to {}, not {}", key, lo, hi, shown));
    }
    *out = v->is_number_unsigned() ? static_cast<int64_t>(v->get<uint64_t>()) : v->get<int64_t>();
    return true;
  }

  bool OptionalInteger(std::string_view key, int64_t lo, int64_t hi, std::optional<int64_t>* out) {
    int64_t value = 0;
    if (!Integer(key, false, lo, hi, &value)) return false;
    if (Has(key)) *out = value;
    return true;
  }

  // A JSON pointer string member; `what` says why it is read (for its message).
  bool Pointer(std::string_view key, std::string* out) {
    if (!Text(key, true, TextRule{0, size_t{1} << 20, TextRule::kAnyBytes}, out)) return false;
    std::string zh, en;
    if (!CheckPointer(*out, &zh, &en)) {
      return Fail(
          fmt::format("字段 \"{}\" 不是有效的 JSON 指针（{}）：{}", key, zh, Quote(*out)),
          fmt::format("field \"{}\" is not a valid JSON pointer ({}): {}", key, en, Quote(*out)));
    }
    return true;
  }

 private:
  json& object_;
  std::string prefix_zh_, prefix_en_;
  Status status_;
};

// ---- JSON Patch ----------------------------------------------------------------------------

const Names kPatchOps = {"add", "remove", "replace", "move", "copy", "test"};

Status CheckPatchOperation(json* op, size_t index) {
  const std::string where = fmt::format("patch[{}]", index);
  if (!op->is_object()) {
    return Invalid(fmt::format("{} 应为对象，实际为{}", where, TypeZh(*op)),
                   fmt::format("{} must be an object, not {}", where, TypeEn(*op)));
  }
  Fields f(op, where + "：", where + ": ");
  std::string name, path, from;
  if (!f.OnlyKnown({"op", "path", "value", "from"}) || !f.OneOf("op", true, kPatchOps, &name) ||
      !f.Pointer("path", &path)) {
    return f.status();
  }
  if ((name == "add" || name == "replace" || name == "test") && !f.Has("value")) {
    return Invalid(fmt::format("{}：操作 \"{}\" 缺少字段 \"value\"", where, name),
                   fmt::format("{}: operation \"{}\" needs field \"value\"", where, name));
  }
  if (name == "move" || name == "copy") {
    if (!f.Has("from")) {
      return Invalid(fmt::format("{}：操作 \"{}\" 缺少字段 \"from\"", where, name),
                     fmt::format("{}: operation \"{}\" needs field \"from\"", where, name));
    }
    if (!f.Pointer("from", &from)) return f.status();
    // RFC 6902 §4.4: a location cannot be moved into one of its children.
    if (name == "move" && path.size() > from.size() && path.compare(0, from.size(), from) == 0 &&
        path[from.size()] == '/') {
      return Invalid(
          fmt::format("{}：不能把 {} 移动到它自己的内部 {}", where, Quote(from), Quote(path)),
          fmt::format("{}: cannot move {} into its own child {}", where, Quote(from), Quote(path)));
    }
  }
  return Status::Ok();
}

// The "patch" or "package" of a PatchRequest or a CheckRequest.
Result<PatchRequest> ParseChanges(std::string_view text, bool version_required) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  PatchRequest r;
  if (!f.OnlyKnown({"base_version", "patch", "package"}, &body->keys) ||
      !f.Integer("base_version", version_required, 1, kMaxId, &r.base_version)) {
    return f.status();
  }
  json* patch = f.Find("patch");
  json* package = f.Find("package");
  if (patch != nullptr && package != nullptr) {
    return Invalid("只能给出 \"patch\" 或 \"package\" 之一",
                   "give either \"patch\" or \"package\", not both");
  }
  if (patch == nullptr && package == nullptr) {
    return Invalid("缺少字段 \"patch\"（或 \"package\"）",
                   "missing field \"patch\" (or \"package\")");
  }
  if (package != nullptr) {
    if (!package->is_object()) {
      f.WrongType("package", *package, "对象", "an object");
      return f.status();
    }
    r.package = std::move(*package);
    return r;
  }
  if (!patch->is_array()) {
    f.WrongType("patch", *patch, "数组", "an array");
    return f.status();
  }
  if (patch->size() > kMaxPatchOperations) {
    return Invalid(
        fmt::format("字段 \"patch\" 有 {} 个操作，最多 {} 个", patch->size(), kMaxPatchOperations),
        fmt::format("field \"patch\" has {} operations; at most {} are allowed", patch->size(),
                    kMaxPatchOperations));
  }
  for (size_t i = 0; i < patch->size(); ++i) {
    if (Status s = CheckPatchOperation(&(*patch)[i], i); !s.ok()) return s;
  }
  r.patch = std::move(*patch);
  return r;
}

// ---- Dates ---------------------------------------------------------------------------------

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// "YYYY-MM-DD", a real date in 2000..2200.
bool ParseDate(std::string_view text, int* year, int* month, int* day) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int fields[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (int i = 0; i < lengths[f]; ++i) {
      const char c = text[starts[f] + i];
      if (c < '0' || c > '9') return false;
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (fields[0] < 2000 || fields[0] > 2200 || fields[1] < 1 || fields[1] > 12) return false;
  const int days = kDays[fields[1] - 1] + (fields[1] == 2 && IsLeapYear(fields[0]) ? 1 : 0);
  if (fields[2] < 1 || fields[2] > days) return false;
  *year = fields[0];
  *month = fields[1];
  *day = fields[2];
  return true;
}

// Digits only, no leading zero, at most `max_digits`: the value; nullopt otherwise.
std::optional<int64_t> PlainNumber(std::string_view text, size_t max_digits) {
  if (text.empty() || text.size() > max_digits || text[0] == '0') return std::nullopt;
  int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

// ---- The requests ----------------------------------------------------------------------------

Result<LoginRequest> ParseLoginRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  LoginRequest r;
  if (f.OnlyKnown({"login", "password"}, &body->keys) &&
      f.Text("login", true, kLine200, &r.login) &&
      f.Text("password", true, kSecret200, &r.password)) {
    return r;
  }
  return f.status();
}

Result<PatchRequest> ParsePatchRequest(std::string_view body) { return ParseChanges(body, true); }

Result<CheckRequest> ParseCheckRequest(std::string_view body) { return ParseChanges(body, false); }

Result<TransitionRequest> ParseTransitionRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  TransitionRequest r;
  if (f.OnlyKnown({"comment", "version"}, &body->keys) &&
      f.Text("comment", false, TextRule{0, 4000, TextRule::kLineBreaks}, &r.comment) &&
      f.OptionalInteger("version", 1, kMaxId, &r.version)) {
    return r;
  }
  return f.status();
}

Result<CommentRequest> ParseCommentRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  CommentRequest r;
  if (!f.OnlyKnown({"body", "target", "reply_to"}, &body->keys) ||
      !f.Text("body", true, TextRule{1, 8000, TextRule::kLineBreaks}, &r.body) ||
      !f.Text("target", false, TextRule{0, 1000, TextRule::kAnyBytes}, &r.target) ||
      !f.OptionalInteger("reply_to", 1, kMaxId, &r.reply_to)) {
    return f.status();
  }
  constexpr std::string_view kCode = "code:";
  if (r.target.rfind(kCode, 0) == 0) {
    const std::string_view code = std::string_view(r.target).substr(kCode.size());
    if (FindCode(code) == nullptr) {
      return Invalid(
          fmt::format("字段 \"target\" 中的诊断代码 {} 不存在", Quote(code)),
          fmt::format("field \"target\" names no known diagnostic code: {}", Quote(code)));
    }
  } else if (!r.target.empty()) {
    std::string zh, en;
    if (r.target[0] != '/') {
      return Invalid(fmt::format("字段 \"target\" 应为 JSON 指针或 \"code:\" 加诊断代码，实际为 {}",
                                 Quote(r.target)),
                     fmt::format("field \"target\" must be a JSON pointer or \"code:\" and a "
                                 "diagnostic code, not {}",
                                 Quote(r.target)));
    }
    if (!CheckPointer(r.target, &zh, &en)) {
      return Invalid(
          fmt::format("字段 \"target\" 不是有效的 JSON 指针（{}）：{}", zh, Quote(r.target)),
          fmt::format("field \"target\" is not a valid JSON pointer ({}): {}", en,
                      Quote(r.target)));
    }
  }
  return r;
}

Result<CreatePackageRequest> ParseCreatePackageRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  CreatePackageRequest r;
  int64_t year = 0;
  if (f.OnlyKnown({"unit_id", "fiscal_year", "from"}, &body->keys) &&
      f.OptionalInteger("unit_id", 1, kMaxId, &r.unit_id) &&
      f.Integer("fiscal_year", true, 2000, 2100, &year) &&
      f.OneOf("from", false, {"last_year", "blank", "example"}, &r.from)) {
    r.fiscal_year = static_cast<int>(year);
    return r;
  }
  return f.status();
}

Result<RestoreRequest> ParseRestoreRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  RestoreRequest r;
  if (f.OnlyKnown({"base_version"}, &body->keys) &&
      f.Integer("base_version", true, 1, kMaxId, &r.base_version)) {
    return r;
  }
  return f.status();
}

Result<DeadlineRequest> ParseDeadlineRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  DeadlineRequest r;
  if (!f.OnlyKnown({"date"}, &body->keys) ||
      !f.Text("date", true, TextRule{1, 200, TextRule::kAnyBytes}, &r.date)) {
    return f.status();
  }
  if (!ParseDate(r.date, &r.year, &r.month, &r.day)) {
    return Invalid(
        fmt::format("字段 \"date\" 不是有效的日期：{}（应为 YYYY-MM-DD）", Quote(r.date)),
        fmt::format("field \"date\" is not a valid date: {} (expected YYYY-MM-DD)", Quote(r.date)));
  }
  return r;
}

Result<TokenRequest> ParseTokenRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  TokenRequest r;
  if (f.OnlyKnown({"name"}, &body->keys) &&
      f.Text("name", true, TextRule{1, 100, TextRule::kNoControls}, &r.name)) {
    return r;
  }
  return f.status();
}

Result<UserRequest> ParseUserRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  UserRequest r;
  std::string password;
  if (f.OnlyKnown({"login", "name", "role", "org_id", "password"}, &body->keys) &&
      f.Text("login", true, kLine200, &r.login) && f.Text("name", true, kLine200, &r.name) &&
      f.OneOf("role", true, {"clerk", "head", "dept_reviewer", "bureau", "admin"}, &r.role) &&
      f.Integer("org_id", true, 1, kMaxId, &r.org_id) &&
      f.Text("password", false, TextRule{8, 200, TextRule::kAnyBytes}, &password)) {
    if (f.Has("password")) r.password = std::move(password);
    return r;
  }
  return f.status();
}

Result<int64_t> ParseId(std::string_view text) {
  const std::optional<int64_t> id = PlainNumber(text, 16);
  if (!id || *id > kMaxId) {
    return Invalid(
        fmt::format("{} 不是有效的编号（应为 1 到 {} 之间、不以 0 开头的十进制数）", Quote(text),
                    kMaxId),
        fmt::format(
            "{} is not a valid id (expected a decimal number from 1 to {} without leading zeros)",
            Quote(text), kMaxId));
  }
  return *id;
}

Result<ListQuery> ParseListQuery(const std::multimap<std::string, std::string>& params) {
  static const Names kParams = {"year", "status", "unit", "sort"};
  static const Names kStatuses = {"draft",     "submitted", "returned",
                                  "forwarded", "accepted",  "published"};
  static const Names kSorts = {"unit",  "year",           "status", "total",
                               "grade", "execution_rate", "updated"};
  ListQuery q;
  for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
    const std::string& key = it->first;
    const std::string& value = it->second;
    if (!IsOneOf(key, kParams)) return Unknown("", "", "参数", "parameter", key, kParams);
    if (const size_t n = params.count(key); n > 1) {
      return Invalid(fmt::format("参数 \"{}\" 出现了 {} 次", key, n),
                     fmt::format("parameter \"{}\" is given {} times", key, n));
    }
    if (value.empty()) {
      return Invalid(fmt::format("参数 \"{}\" 的值为空", key),
                     fmt::format("parameter \"{}\" has an empty value", key));
    }
    if (key == "year") {
      const std::optional<int64_t> year = PlainNumber(value, 4);
      if (!year || *year < 2000 || *year > 2100) {
        return Invalid(
            fmt::format("参数 \"year\" 应为 2000 到 2100 之间的年份，实际为 {}", Quote(value)),
            fmt::format("parameter \"year\" must be a year from 2000 to 2100, not {}",
                        Quote(value)));
      }
      q.year = static_cast<int>(*year);
    } else if (key == "status") {
      if (!IsOneOf(value, kStatuses)) {
        return Invalid(fmt::format("参数 \"status\" 应为 {} 之一，实际为 {}",
                                   JoinNames(kStatuses, "、", false), Quote(value)),
                       fmt::format("parameter \"status\" must be one of {}, not {}",
                                   JoinNames(kStatuses, ", ", false), Quote(value)));
      }
      q.status = value;
    } else if (key == "unit") {
      const Result<int64_t> unit = ParseId(value);
      if (!unit.ok()) {
        return Invalid(fmt::format("参数 \"unit\" 不是有效的编号：{}", Quote(value)),
                       fmt::format("parameter \"unit\" is not a valid id: {}", Quote(value)));
      }
      q.unit = *unit;
    } else {  // sort
      const bool desc = value[0] == '-';
      const std::string_view field = std::string_view(value).substr(desc ? 1 : 0);
      if (!IsOneOf(field, kSorts)) {
        return Invalid(fmt::format("参数 \"sort\" 应为 {} 之一（前加 \"-\" 为降序），实际为 {}",
                                   JoinNames(kSorts, "、", false), Quote(value)),
                       fmt::format("parameter \"sort\" must be one of {} (a leading \"-\" for "
                                   "descending order), not {}",
                                   JoinNames(kSorts, ", ", false), Quote(value)));
      }
      q.sort = std::string(field);
      q.desc = desc;
    }
  }
  return q;
}

Result<SampleRequest> ParseSampleRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  SampleRequest r;
  std::optional<int64_t> share;
  if (!f.OnlyKnown({"size", "seed", "risk_share"}, &body->keys) ||
      !f.Integer("size", true, 1, 1000, &r.size) ||
      !f.OptionalInteger("seed", 0, kMaxId, &r.seed) ||
      !f.OptionalInteger("risk_share", 0, 100, &share)) {
    return f.status();
  }
  if (share) r.risk_share = *share;
  return r;
}

Result<SpotCheckRequest> ParseSpotCheckRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  if (!f.OnlyKnown({"scores"}, &body->keys)) return f.status();
  json* scores = f.Find("scores");
  if (scores == nullptr) return Invalid("缺少字段 \"scores\"", "field \"scores\" is missing");
  if (!scores->is_array() || scores->size() > 1000) {
    return Invalid("字段 \"scores\" 应为数组（至多 1000 项）",
                   "field \"scores\" must be an array of at most 1000 entries");
  }
  SpotCheckRequest r;
  for (size_t i = 0; i < scores->size(); ++i) {
    json& item = (*scores)[i];
    const std::string where = fmt::format("scores[{}]", i);
    if (!item.is_object()) {
      return Invalid(fmt::format("{} 应为对象", where), fmt::format("{} must be an object", where));
    }
    Fields g(&item, where + "：", where + ": ");
    SpotScoreInput in;
    std::string score;
    json* number = g.Find("score");
    if (number != nullptr && number->is_number()) *number = number->dump();
    if (!g.OnlyKnown({"pointer", "score", "reason"}) || !g.Pointer("pointer", &in.pointer) ||
        !g.Text("score", true, TextRule{1, 40, TextRule::kAnyBytes}, &score) ||
        !g.Text("reason", false, TextRule{0, 2000, TextRule::kLineBreaks}, &in.reason)) {
      return g.status();
    }
    const std::optional<Decimal> d = Decimal::Parse(score);
    if (!d || !d->valid() || d->scale() > 6) {
      return Invalid(fmt::format("{}：score 应为至多 6 位小数的数，实际为 {}", where, Quote(score)),
                     fmt::format("{}: score must be a number with at most 6 decimals, not {}",
                                 where, Quote(score)));
    }
    in.score = *d;
    r.scores.push_back(std::move(in));
  }
  return r;
}

Result<RectificationRequest> ParseRectificationRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  RectificationRequest r;
  std::string source;
  if (!f.OnlyKnown({"what", "why", "due_date", "target", "source"}, &body->keys) ||
      !f.Text("what", true, TextRule{1, 2000, TextRule::kLineBreaks}, &r.what) ||
      !f.Text("why", true, TextRule{1, 4000, TextRule::kLineBreaks}, &r.why) ||
      !f.Text("due_date", true, TextRule{1, 40, TextRule::kAnyBytes}, &r.due_date) ||
      (f.Has("target") && !f.Pointer("target", &r.target)) ||
      !f.OneOf("source", false, {"review", "spot_check"}, &source)) {
    return f.status();
  }
  if (!source.empty()) r.source = source;
  int y = 0, m = 0, d = 0;
  if (!ParseDate(r.due_date, &y, &m, &d)) {
    return Invalid(
        fmt::format("字段 \"due_date\" 不是有效的日期：{}（应为 YYYY-MM-DD）", Quote(r.due_date)),
        fmt::format("field \"due_date\" is not a valid date: {} (expected YYYY-MM-DD)",
                    Quote(r.due_date)));
  }
  return r;
}

Result<RectificationNoteRequest> ParseRectificationNoteRequest(std::string_view text) {
  Result<Body> body = ParseBody(text);
  if (!body.ok()) return body.status();
  Fields f(&body->value);
  RectificationNoteRequest r;
  if (!f.OnlyKnown({"kind", "body", "attachment_id"}, &body->keys) ||
      !f.OneOf("kind", true, {"answer", "close", "reopen"}, &r.kind) ||
      !f.Text("body", true, TextRule{1, 4000, TextRule::kLineBreaks}, &r.body) ||
      !f.OptionalInteger("attachment_id", 1, kMaxId, &r.attachment_id)) {
    return f.status();
  }
  return r;
}

Result<DashboardQuery> ParseDashboardQuery(const std::multimap<std::string, std::string>& params) {
  static const Names kParams = {"year", "status", "dept", "q", "sort", "format"};
  static const Names kStatuses = {"not_started", "not_submitted", "late",
                                  "draft",       "submitted",     "returned",
                                  "forwarded",   "accepted",      "published"};
  static const Names kSorts = {"unit",  "department",     "status",   "submitted", "total",
                               "grade", "execution_rate", "findings", "risk"};
  static const Names kFormats = {"json", "csv", "xlsx"};
  DashboardQuery q;
  for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
    const std::string& key = it->first;
    const std::string& value = it->second;
    if (!IsOneOf(key, kParams)) return Unknown("", "", "参数", "parameter", key, kParams);
    if (const size_t n = params.count(key); n > 1) {
      return Invalid(fmt::format("参数 \"{}\" 出现了 {} 次", key, n),
                     fmt::format("parameter \"{}\" is given {} times", key, n));
    }
    // A form sends its empty fields: an empty filter is no filter.
    if (value.empty()) continue;
    auto one_of = [&](const Names& names) -> Status {
      if (IsOneOf(value, names)) return Status::Ok();
      return Invalid(fmt::format("参数 \"{}\" 应为 {} 之一，实际为 {}", key,
                                 JoinNames(names, "、", false), Quote(value)),
                     fmt::format("parameter \"{}\" must be one of {}, not {}", key,
                                 JoinNames(names, ", ", false), Quote(value)));
    };
    if (key == "year") {
      const std::optional<int64_t> year = PlainNumber(value, 4);
      if (!year || *year < 2000 || *year > 2100) {
        return Invalid(
            fmt::format("参数 \"year\" 应为 2000 到 2100 之间的年份，实际为 {}", Quote(value)),
            fmt::format("parameter \"year\" must be a year from 2000 to 2100, not {}",
                        Quote(value)));
      }
      q.year = static_cast<int>(*year);
    } else if (key == "status") {
      if (Status s = one_of(kStatuses); !s.ok()) return s;
      q.status = value;
    } else if (key == "dept") {
      const Result<int64_t> dept = ParseId(value);
      if (!dept.ok()) {
        return Invalid(fmt::format("参数 \"dept\" 不是有效的编号：{}", Quote(value)),
                       fmt::format("parameter \"dept\" is not a valid id: {}", Quote(value)));
      }
      q.dept = *dept;
    } else if (key == "q") {
      if (value.size() > 100) {
        return Invalid("参数 \"q\" 超过 100 字节", "parameter \"q\" is longer than 100 bytes");
      }
      q.text = value;
    } else if (key == "format") {
      if (Status s = one_of(kFormats); !s.ok()) return s;
      q.format = value;
    } else {  // sort
      const bool desc = value[0] == '-';
      const std::string field = value.substr(desc ? 1 : 0);
      if (!IsOneOf(field, kSorts)) {
        return Invalid(fmt::format("参数 \"sort\" 应为 {} 之一（前加 \"-\" 为降序），实际为 {}",
                                   JoinNames(kSorts, "、", false), Quote(value)),
                       fmt::format("parameter \"sort\" must be one of {} (a leading \"-\" for "
                                   "descending order), not {}",
                                   JoinNames(kSorts, ", ", false), Quote(value)));
      }
      q.sort = field;
      q.desc = desc;
    }
  }
  return q;
}

}  // namespace jixiao::server
