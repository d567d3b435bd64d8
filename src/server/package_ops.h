// What the server does with a package, in the engine's own terms: validate its JSON, apply an
// edit (an RFC 6902 JSON Patch), check and score it under its rulebook, summarise it for the
// store's columns, tell what changed between two versions field by field, and start a new
// year from last year's package. The handlers call these and nothing else of the engine, so
// the server holds no check, score or layout logic of its own.
//
// Pure functions over their arguments (the rulebooks are parsed once and shared); safe from
// any thread.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "check/diagnostic.h"
#include "compute/scoring.h"
#include "model/package.h"
#include "rules/rulebook.h"
#include "store/store.h"

namespace jixiao::server {

// The bundled rulebook `id`, parsed once per process; `fallback` when the package names none
// or names one that is not bundled (a server never reads rulebook paths from packages).
std::shared_ptr<const Rulebook> RulebookFor(const std::string& id, const std::string& fallback);

// The package JSON, validated as `jixiao check` validates a file (docs/package-format.md),
// and written back canonically. The message names the JSON pointer of the first problem.
struct Validated {
  Package package;
  std::string canonical;  // WritePackageJson(package)
};
Result<Validated> ValidatePackage(std::string_view json, const std::string& source_name);

// Applies an RFC 6902 patch to `base` (a package JSON); InvalidArgument naming the failing
// operation ("第 3 个操作（replace /evaluation/funds/executd）：路径不存在").
Result<nlohmann::json> ApplyPatch(nlohmann::json base, const nlohmann::json& patch);

// Everything the engine says about a package: diagnostics (as `check --format json` prints
// them), the score sheet (as `score --format json`), and the store's summary columns.
struct Evaluation {
  std::vector<Diagnostic> diagnostics;
  std::string diagnostics_json;  // a JSON array (text) of DiagnosticJson, as written once
  std::string score_json;        // ScoreJson, written (one line): what the API answers
  store::PackageSummary summary;
};
Evaluation EvaluatePackage(const Package& package, const Rulebook& rulebook);

// What changed from `before` to `after` (two package JSONs), one entry per changed value:
// [{"pointer": "/evaluation/funds/executed", "field": "自评表 › 预算执行情况 › 执行数",
//   "before": "124.88", "after": "124.98"}, …]. Added and removed subtrees are one entry
// each, with the subtree's name ("（新增）" / "（删除）").
nlohmann::json DiffPackages(const nlohmann::json& before, const nlohmann::json& after);
// A readable name of the field at `pointer` in `package` ("自评表 › 产出指标 › 受众人数 ›
// 实际完成值").
std::string FieldName(const nlohmann::json& package, const std::string& pointer);

// The fields both diffs touch (pointers, or one's pointer inside the other's subtree).
std::vector<std::string> ConflictingFields(const nlohmann::json& ours,
                                           const nlohmann::json& theirs);

// A new year's package from last year's: structure, indicators, targets, weights and the unit
// kept; this year's figures, actuals, scores and deviation reasons emptied; the prior-year
// column of the expense table filled from last year's 决算 column; the report's sections kept
// with their text (to be updated). `fiscal_year` is the new year.
Package StartFromLastYear(const Package& last, int fiscal_year);

// An empty package for a unit and year (the bundled form's structure, nothing filled).
Package BlankPackage(const std::string& unit_name, int fiscal_year, const std::string& rulebook);

}  // namespace jixiao::server
