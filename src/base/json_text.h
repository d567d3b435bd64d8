// Writing JSON text directly, for the hot paths that would otherwise build an nlohmann tree only
// to write it out (the findings of every live check). The output is byte for byte what
// nlohmann::json's dump() writes for the same values (no indentation, UTF-8 kept, invalid UTF-8
// replaced by U+FFFD as error_handler_t::replace does), so either may produce a document and a
// reader cannot tell which; json_text_test.cc compares the two.
//
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao {

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

}  // namespace jixiao
