// Diagnostics: problems found in the user's *data* (not failures of an operation — those are
// Status). Checks collect every problem of a package in one run and never throw. Each
// diagnostic has a stable code (catalogued in check/codes.h and docs/diagnostics.md), a
// severity, an exact location, the reported and the recomputed value, the tolerance used,
// and a message and fix hint in Chinese and English that a finance clerk can act on.
//
// Plain value types; safe to copy between threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/package.h"

namespace jixiao {

enum class Severity {
  kError,          // the package is wrong or unusable as it stands
  kInconsistency,  // two figures that must agree do not
  kWarning,        // incomplete or doubtful; a reviewer will ask
  kInfo,           // worth knowing; no action required
};

std::string_view SeverityKey(Severity s);  // "error", "inconsistency", "warning", "info"
std::string_view SeverityName(Severity s, bool zh);

// Where a diagnostic points. `document`, `table` and `column` are stable keys (named for
// people by present/names.h); `row` is the row's printed label. `pointer` is the JSON
// pointer of the value in the package, the link every tool can follow.
struct Location {
  std::string document;  // "basic_data" | "evaluation" | "report" | "package"
  std::string table;     // "staffing", "expenses", "buildings", "funds", "goals",
                         // "indicators", "total"; for the report: "cover" or "sections"
  std::string row;       // printed row label, e.g. "三公经费", or an indicator's path
  std::string column;    // "prior_final", "budget", "final", "target", "actual", "weight",
                         // "score", "execution_rate", …
  std::string pointer;   // "/basic_data/expenses/0/children/1/values/final"
  std::string section;   // report section path, e.g. "一（二）"
  // The row as printed (label, then cells) and the cell to underline, for the human view.
  std::vector<std::string> row_cells;
  int mark_cell = -1;
  // For prose: the sentence and the byte span [span_begin, span_end) inside it.
  std::string sentence;
  int span_begin = -1;
  int span_end = -1;
  int text_line = -1;  // 0-based line of the section text the sentence is on
  // Where the value came from in the original document, for imported packages.
  std::optional<SourceRef> source;
};

struct Diagnostic {
  std::string code;  // stable, e.g. "A101"
  Severity severity = Severity::kWarning;
  Location location;
  std::vector<Location> related;  // other places the same fact appears
  std::string reported;           // the value as the unit wrote it ("" when none)
  std::string computed;           // what jixiao recomputes: a point "98.25" or a range "[8, 10]"
  std::string tolerance;          // the tolerance applied, e.g. "±0.005"
  std::string message_zh;
  std::string message_en;
  std::string hint_zh;
  std::string hint_en;
  std::string file;  // the package file, filled by the CLI

  const std::string& message(bool zh) const { return zh ? message_zh : message_en; }
  const std::string& hint(bool zh) const { return zh ? hint_zh : hint_en; }
};

// True when any diagnostic is an error or an inconsistency (`jixiao check` exits 1).
bool HasProblems(const std::vector<Diagnostic>& diagnostics);

}  // namespace jixiao
