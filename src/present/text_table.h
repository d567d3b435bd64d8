// Plain-text tables for the terminal that stay aligned with Chinese text: columns are padded
// by display width (a CJK character takes two columns), not by bytes.
#pragma once

#include <string>
#include <vector>

namespace jixiao {

// Pads `text` with spaces to `width` display columns (no truncation).
std::string PadRight(const std::string& text, int width);

// Renders rows (the first may be a header) with two spaces between columns; each line is
// prefixed by `indent`. Trailing spaces are trimmed.
std::string RenderTextTable(const std::vector<std::vector<std::string>>& rows,
                            const std::string& indent = "");

}  // namespace jixiao
