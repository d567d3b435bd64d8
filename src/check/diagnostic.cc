// Diagnostic helpers.
#include "check/diagnostic.h"

namespace jixiao {

std::string_view SeverityKey(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kInconsistency:
      return "inconsistency";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "";
}

std::string_view SeverityName(Severity s, bool zh) {
  if (!zh) return SeverityKey(s);
  switch (s) {
    case Severity::kError:
      return "错误";
    case Severity::kInconsistency:
      return "不一致";
    case Severity::kWarning:
      return "警告";
    case Severity::kInfo:
      return "提示";
  }
  return "";
}

bool HasProblems(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError || d.severity == Severity::kInconsistency) return true;
  }
  return false;
}

}  // namespace jixiao
