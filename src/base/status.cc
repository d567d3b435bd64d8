// Status: printing.
#include "base/status.h"

namespace jixiao {

std::string Status::ToString() const {
  switch (code_) {
    case Code::kOk:
      return "ok";
    case Code::kNotFound:
      return "not found: " + message_;
    case Code::kIOError:
      return "I/O error: " + message_;
    case Code::kInvalidArgument:
      return "invalid: " + message_;
    case Code::kCorruption:
      return "corrupt: " + message_;
    case Code::kConflict:
      return "conflict: " + message_;
    case Code::kUnavailable:
      return "unavailable: " + message_;
  }
  return message_;
}

}  // namespace jixiao
