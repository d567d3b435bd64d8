// Width-aware text tables.
#include "present/text_table.h"

#include <algorithm>

#include "base/text.h"

namespace jixiao {

std::string PadRight(const std::string& text, int width) {
  const int w = DisplayWidth(text);
  return w >= width ? text : text + std::string(static_cast<size_t>(width - w), ' ');
}

std::string RenderTextTable(const std::vector<std::vector<std::string>>& rows,
                            const std::string& indent) {
  std::vector<int> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = indent;
    for (size_t i = 0; i < row.size(); ++i) {
      line += i + 1 < row.size() ? PadRight(row[i], widths[i]) + "  " : row[i];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace jixiao
