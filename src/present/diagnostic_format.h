// Showing diagnostics: the human view (a ledger-style chain — where, the quoted row with the
// cell underlined, the message, reported/computed/tolerance, the hint) and the JSON view
// (docs/cli.md describes its stable shape). Both in Chinese or English.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "check/diagnostic.h"

namespace jixiao {

struct FormatOptions {
  bool zh = true;
  int fiscal_year = 0;  // names the year columns ("2024年决算数")
};

// "附件1 基础数据表 › 经费控制情况 › 三公经费 › 2024年决算数"
std::string LocationPath(const Location& location, const FormatOptions& options);

// One diagnostic on one line: "FILE: SEVERITY CODE [slug] PATH (POINTER) «span»", where the
// span is the underlined words of a sentence or the marked cell.
std::string FormatDiagnosticBrief(const Diagnostic& d, const FormatOptions& options);

// One diagnostic as text, ending with a blank line.
std::string FormatDiagnosticText(const Diagnostic& d, const FormatOptions& options);

// "seed.txt › 表2 › 第3行 › 第5列 › 第156行: “98.25”"; empty when there is no source.
std::string SourceText(const SourceRef& source, bool zh);

// The JSON view of one diagnostic (docs/cli.md), appended as text: the one writer of it. What
// the server sends after every live check, so written directly rather than built as a tree.
void AppendDiagnosticJson(std::string* out, const Diagnostic& d, const FormatOptions& options);
// The same as trees, for callers that add to them (parsed from that text).
nlohmann::ordered_json LocationJson(const Location& location, const FormatOptions& options);
nlohmann::ordered_json DiagnosticJson(const Diagnostic& d, const FormatOptions& options);

}  // namespace jixiao
