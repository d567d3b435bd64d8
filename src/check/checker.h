// The checker: runs every check on a package under a rulebook and returns all diagnostics
// found, in document order (data table, then self-evaluation table, then report). Never
// throws; a half-filled package gives completeness diagnostics, not failures.
//
// Example:
//   Result<Package> p = LoadPackageFile("examples/lingling-kexie-2024.json");
//   Result<Rulebook> r = BundledRulebook("hunan-lingling");
//   std::vector<Diagnostic> found = CheckPackage(*p, *r);   // C502 ×2, C506, C505 …
//
// Safe to call from several threads on different (or the same, const) packages.
#pragma once

#include <vector>

#include "check/diagnostic.h"
#include "compute/scoring.h"
#include "model/package.h"
#include "rules/rulebook.h"

namespace jixiao {

// Which checks run. The table checks (arithmetic, ratios, scores, weights, completeness)
// are cheap; the checks of the prose, across the documents and by policy read the whole
// report and cost several times more.
struct CheckOptions {
  bool tables = true;  // A, R, S, W, C codes
  bool report = true;  // N, X, P codes
  // Keep the reading of the report (its sentences, their claims and words: a pure function of
  // the report's text and the fiscal year) in a small process-wide cache keyed by that text,
  // and use it again when the same report is checked again. For the server, where one edit of a
  // table after another leaves the report as it was; a batch of different packages gains
  // nothing from it.
  bool remember_report = false;
};

std::vector<Diagnostic> CheckPackage(const Package& package, const Rulebook& rulebook);
// The same with a score sheet already computed for (package, rulebook).
std::vector<Diagnostic> CheckPackage(const Package& package, const Rulebook& rulebook,
                                     const ScoreSheet& sheet, const CheckOptions& options = {});

}  // namespace jixiao
