// Writing JSON text directly, for the hot paths that would otherwise build an nlohmann tree only
// to write it out (the findings of every live check, the canonical package JSON of every save
// and import). The output is byte for byte what
// nlohmann::json's dump() writes for the same values (compact or indented, UTF-8 kept, invalid UTF-8
// replaced by U+FFFD as error_handler_t::replace does), so either may produce a document and a
// reader cannot tell which; json_text_test.cc compares the two.
//
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

// Whether `s` is UTF-8 as nlohmann's writer takes it (no overlong forms, surrogates or code
// points above U+10FFFF); AppendJsonString replaces what is not by U+FFFD.
bool IsJsonUtf8(std::string_view s);

// Appends `s` as a JSON string, quotes included.
void AppendJsonString(std::string* out, std::string_view s);

// Appends an integer.
void AppendJsonInt(std::string* out, int64_t n);

// A JSON object written member by member: {"a":1,"b":"x"}.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }
  // The key, then the caller appends exactly one value.
  std::string* Key(std::string_view key) {
    if (!first_) out_->push_back(',');
    first_ = false;
    AppendJsonString(out_, key);
    out_->push_back(':');
    return out_;
  }
  void String(std::string_view key, std::string_view value) { AppendJsonString(Key(key), value); }
  void Int(std::string_view key, int64_t value) { AppendJsonInt(Key(key), value); }
  void Close() { out_->push_back('}'); }

 private:
  std::string* out_;
  bool first_ = true;
};

// A member (key and value) in one call, for a writer W with Key, String and Int; W derives from
// JsonMemberCalls<W> and says `using JsonMemberCalls<W>::String, JsonMemberCalls<W>::Int;`.
template <class W>
class JsonMemberCalls {
 public:
  void String(std::string_view key, std::string_view s) {
    Self().Key(key);
    Self().String(s);
  }
  void Int(std::string_view key, int64_t n) {
    Self().Key(key);
    Self().Int(n);
  }

 private:
  W& Self() { return static_cast<W&>(*this); }
};

// JSON with line breaks and indentation exactly as nlohmann's dump(indent) writes it: a
// member or element a line, `"key": value`, and `{}` / `[]` for empty containers. Values are
// written in order through the calls; the caller nests Begin/End correctly.
class JsonPrettyWriter : public JsonMemberCalls<JsonPrettyWriter> {
 public:
  using JsonMemberCalls::Int;
  using JsonMemberCalls::String;
  explicit JsonPrettyWriter(std::string* out, int indent = 2) : out_(out), indent_(indent) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // The next value is this member's.
  void Key(std::string_view key);

  void String(std::string_view s) {
    BeforeValue();
    AppendJsonString(out_, s);
  }
  void Int(int64_t n) {
    BeforeValue();
    AppendJsonInt(out_, n);
  }
  void Null() {
    BeforeValue();
    *out_ += "null";
  }

 private:
  struct Level {
    bool object = false;
    int count = 0;
  };
  void NewLine(size_t depth) {
    out_->push_back('\n');
    out_->append(depth * static_cast<size_t>(indent_), ' ');
  }
  // Where a value goes: after its key in an object, on a line of its own in an array.
  void BeforeValue() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!stack_.empty()) {
      if (stack_.back().count++ > 0) out_->push_back(',');
      NewLine(stack_.size());
    }
  }
  void Open(char c) {
    BeforeValue();
    out_->push_back(c);
    stack_.push_back({c == '{', 0});
  }
  void Close(char c) {
    const Level level = stack_.back();
    stack_.pop_back();
    if (level.count > 0) NewLine(stack_.size());
    out_->push_back(c);
  }

  std::string* out_;
  int indent_;
  std::vector<Level> stack_;
  bool after_key_ = false;
};

}  // namespace jixiao
