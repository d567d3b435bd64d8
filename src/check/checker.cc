// The checker: runs the check families in document order.
#include "check/checker.h"

#include "check/check_context.h"
#include "check/narrative.h"

namespace jixiao {

std::vector<Diagnostic> CheckPackage(const Package& package, const Rulebook& rulebook,
                                     const ScoreSheet& sheet) {
  std::vector<Diagnostic> out;
  out.reserve(16);
  internal::CheckContext cx{package, rulebook, sheet, &out};
  internal::CheckStaffing(cx);
  internal::CheckExpenses(cx);
  internal::CheckBuildings(cx);
  internal::CheckFunds(cx);
  internal::CheckIndicators(cx);
  internal::CheckWeights(cx);
  internal::CheckTotal(cx);
  internal::CheckReport(cx);
  internal::CheckCrossDocument(cx);
  NarrativeDiagnostics(package, AssessClaims(package, rulebook), &out);
  internal::CheckPolicy(cx);
  return out;
}

std::vector<Diagnostic> CheckPackage(const Package& package, const Rulebook& rulebook) {
  return CheckPackage(package, rulebook, ScorePackage(package, rulebook));
}

}  // namespace jixiao
