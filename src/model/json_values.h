// Two views of a parsed JSON value with one interface, so that the package reader
// (package_json.cc) is written once and reads either:
//   - TreeValue: a value of an nlohmann::json tree (a document after a JSON Patch, and the
//     strict reader whose messages name every error);
//   - SimdValue: a value of a simdjson DOM (the fast reader of package files: simdjson's parser
//     is several times faster than building an nlohmann tree, which matters when a bureau
//     reviews thousands of packages).
// Both are cheap handles (a pointer, or simdjson's tape reference) and never own the data.
// simdjson keeps a key written twice in one object, which the strict reader refuses: the
// package reader finds it as it checks each object's keys.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "base/text.h"

namespace jixiao {

class TreeValue {
 public:
  explicit TreeValue(const nlohmann::json& value) : value_(&value) {}

  bool is_object() const { return value_->is_object(); }
  bool is_array() const { return value_->is_array(); }
  bool is_string() const { return value_->is_string(); }
  bool is_null() const { return value_->is_null(); }
  // nlohmann gives a non-negative integer as unsigned, a negative one as signed.
  bool is_number_unsigned() const { return value_->is_number_unsigned(); }
  bool is_number_signed() const { return value_->is_number_integer(); }
  bool is_number_float() const { return value_->is_number_float(); }
  uint64_t unsigned_value() const { return value_->get<uint64_t>(); }
  int64_t signed_value() const { return value_->get<int64_t>(); }
  std::string_view str() const { return value_->get_ref<const std::string&>(); }
  size_t size() const { return value_->size(); }

  std::optional<TreeValue> Find(std::string_view key) const {
    const auto it = value_->find(key);
    if (it == value_->end()) return std::nullopt;
    return TreeValue(*it);
  }
  // f(key, value) for each member of an object; stops when f returns false.
  template <typename F>
  bool ForEachMember(F f) const {
    for (const auto& [key, member] : value_->items()) {
      if (!f(std::string_view(key), TreeValue(member))) return false;
    }
    return true;
  }
  // f(index, value) for each element of an array; stops when f returns false.
  template <typename F>
  bool ForEachElement(F f) const {
    size_t i = 0;
    for (const auto& element : *value_) {
      if (!f(i++, TreeValue(element))) return false;
    }
    return true;
  }

 private:
  const nlohmann::json* value_;
};

class SimdValue {
 public:
  explicit SimdValue(simdjson::dom::element value) : value_(value) {}

  bool is_object() const { return value_.type() == simdjson::dom::element_type::OBJECT; }
  bool is_array() const { return value_.type() == simdjson::dom::element_type::ARRAY; }
  bool is_string() const { return value_.type() == simdjson::dom::element_type::STRING; }
  bool is_null() const { return value_.type() == simdjson::dom::element_type::NULL_VALUE; }
  // simdjson gives an integer as signed when it fits in int64_t, else as unsigned.
  bool is_number_unsigned() const { return value_.type() == simdjson::dom::element_type::UINT64; }
  bool is_number_signed() const { return value_.type() == simdjson::dom::element_type::INT64; }
  bool is_number_float() const { return value_.type() == simdjson::dom::element_type::DOUBLE; }
  uint64_t unsigned_value() const {
    uint64_t v = 0;
    return value_.get_uint64().get(v) == simdjson::SUCCESS ? v : 0;
  }
  int64_t signed_value() const {
    int64_t v = 0;
    return value_.get_int64().get(v) == simdjson::SUCCESS ? v : 0;
  }
  std::string_view str() const {
    std::string_view s;
    return value_.get_string().get(s) == simdjson::SUCCESS ? s : std::string_view();
  }
  size_t size() const {
    if (is_array()) {
      simdjson::dom::array a;
      return value_.get_array().get(a) ? 0 : a.size();
    }
    simdjson::dom::object o;
    return value_.get_object().get(o) ? 0 : o.size();
  }

  // A linear search: the reader's objects have at most a few dozen keys. Each key is compared
  // by its length first, then its bytes in place: no key or value is made for a key passed by.
  std::optional<SimdValue> Find(std::string_view key) const {
    simdjson::dom::object o;
    if (value_.get_object().get(o)) return std::nullopt;
    for (auto field = o.begin(), end = o.end(); field != end; ++field) {
      if (field.key_length() == key.size() &&
          BytesAt(std::string_view(field.key_c_str(), key.size()), 0, key)) {
        return SimdValue(field.value());
      }
    }
    return std::nullopt;
  }
  template <typename F>
  bool ForEachMember(F f) const {
    simdjson::dom::object o;
    if (value_.get_object().get(o)) return true;
    for (const simdjson::dom::key_value_pair field : o) {
      if (!f(field.key, SimdValue(field.value))) return false;
    }
    return true;
  }
  template <typename F>
  bool ForEachElement(F f) const {
    simdjson::dom::array a;
    if (value_.get_array().get(a)) return true;
    size_t i = 0;
    for (const simdjson::dom::element element : a) {
      if (!f(i++, SimdValue(element))) return false;
    }
    return true;
  }

 private:
  simdjson::dom::element value_;
};

}  // namespace jixiao
