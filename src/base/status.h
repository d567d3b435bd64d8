// Status and Result<T>: the error channel for operations that fail (a file that cannot be
// read, a document that is not JSON, a rulebook that is malformed). Problems in the user's
// *data* are not Status: they are Diagnostics (see check/diagnostic.h).
//
// A Status carries a code and a message that already names where the failure happened
// ("examples/x.json:12:5: ..."). Values are cheap to copy; safe to use from any thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace jixiao {

class Status {
 public:
  // kConflict: the request was made against a state that has since changed (a stale version).
  // kUnavailable: a service the operation needs cannot take it now (a read-only or full
  // database, a lost connection); trying again later may succeed.
  enum class Code { kOk, kNotFound, kIOError, kInvalidArgument, kCorruption, kConflict, kUnavailable };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status Unavailable(std::string msg) { return Status(Code::kUnavailable, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "ok", or the message prefixed by the kind of failure.
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a failed Status. `ok()` tells which; `value()` on a failed Result is a
// programming error (checked by assertion in debug builds).
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace jixiao
