// Showing a score sheet: the text view of `jixiao score` (execution, every indicator with
// target, actual, weight, reported and recomputed score, total and grade) and its JSON view
// (shape documented in docs/cli.md). Both in Chinese or English.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "check/diagnostic.h"
#include "compute/scoring.h"
#include "model/package.h"
#include "present/diagnostic_format.h"
#include "rules/rulebook.h"

namespace jixiao {

// `notes` are diagnostics about the rulebook fit (weights, layout), shown after the total.
std::string FormatScoreText(const Package& package, const Rulebook& rulebook,
                            const ScoreSheet& sheet, const std::vector<Diagnostic>& notes,
                            const FormatOptions& options);

// The JSON view as compact text (what nlohmann's dump() writes of ScoreJson), written directly:
// the server writes it after every live check and save.
std::string ScoreJsonText(const Package& package, const Rulebook& rulebook, const ScoreSheet& sheet,
                          const std::vector<Diagnostic>& notes, const FormatOptions& options);
// The same as a tree (parsed from that text), for callers that add to it.
nlohmann::ordered_json ScoreJson(const Package& package, const Rulebook& rulebook,
                                 const ScoreSheet& sheet, const std::vector<Diagnostic>& notes,
                                 const FormatOptions& options);

}  // namespace jixiao
