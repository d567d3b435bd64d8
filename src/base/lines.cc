// Joining a cell's wrapped lines; the blank-separated words of a line.
#include "base/lines.h"

#include "base/text.h"

namespace jixiao {
namespace {

// Calls `each` with every line of `text` trimmed (the last one too, when empty).
template <typename Each>
void ForEachTrimmedLine(std::string_view text, Each each) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    each(TrimBlank(text.substr(start, end - start)));
    if (end == text.size()) break;
    start = end + 1;
  }
}

}  // namespace

std::string JoinTrimmedLines(std::string_view text) {
  std::string out;
  ForEachTrimmedLine(text, [&](std::string_view line) { out += line; });
  return out;
}

std::string TrimmedNonEmptyLines(std::string_view text) {
  std::string out;
  ForEachTrimmedLine(text, [&](std::string_view line) {
    if (line.empty()) return;
    if (!out.empty()) out += '\n';
    out += line;
  });
  return out;
}

std::vector<BlankSeparatedWord> BlankSeparatedWords(std::string_view line) {
  std::vector<BlankSeparatedWord> out;
  size_t i = 0;
  while (i < line.size()) {
    size_t next = i;
    if (IsBlankCodePoint(NextCodePoint(line, &next))) {
      i = next;
      continue;
    }
    const size_t start = i;
    while (i < line.size()) {
      next = i;
      if (IsBlankCodePoint(NextCodePoint(line, &next))) break;
      i = next;
    }
    out.push_back({line.substr(start, i - start), start});
  }
  return out;
}

}  // namespace jixiao
