// The catalogue of diagnostic codes. A code never changes meaning once released; a retired
// code is never reused. Every code here has an entry in docs/diagnostics.md and at least one
// test (tests/codes_test.cc enforces both).
//
// Letters: A arithmetic, R ratios, S scores, W weights and layout, C completeness,
// I import.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "check/diagnostic.h"

namespace jixiao {

struct CodeInfo {
  std::string_view code;      // "A101"
  std::string_view slug;      // "total-mismatch"
  Severity severity;          // default severity
  std::string_view title_zh;  // one line
  std::string_view title_en;
};

// Every code, in order.
const std::vector<CodeInfo>& AllCodes();
// The entry of a code; nullptr when unknown.
const CodeInfo* FindCode(std::string_view code);

}  // namespace jixiao

namespace jixiao {

// What a code means, why it matters and how to fix it: its section of docs/diagnostics.zh.md
// when `zh`, else of docs/diagnostics.md (both compiled into the binary), without the heading;
// a section missing from the Chinese document falls back to the English one; "" for an
// unknown code.
std::string ExplainCode(std::string_view code, bool zh);
// The same in the language in force (base/lang.h: MessagesInChinese(); the library default is
// English, the command line's is Chinese).
std::string ExplainCode(std::string_view code);

}  // namespace jixiao
