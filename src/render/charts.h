// Charts: a Chart (render/document.h) drawn with cairo, text laid out with pango, to SVG (for
// HTML) or PNG (for DOCX and XLSX) from the same drawing code. Grouped vertical bars (budget
// vs execution, this year vs last by spending type) and horizontal bars (scores by indicator
// group), with the values printed on the bars, axis ticks at round numbers and a legend.
// Values are exact decimals; they become doubles only as pixel positions.
//
// Safe from any thread (each call owns its cairo surface).
#pragma once

#include <string>

#include "base/status.h"
#include "render/document.h"

namespace jixiao {

struct ChartStyle {
  int width = 640;  // CSS pixels (SVG) or pixels (PNG, drawn at `scale`)
  int height = 360;
  double scale = 2.0;                            // PNG only: device pixels per pixel
  std::string font_family = "Noto Sans CJK SC";  // pango family for every text
};

// Returns the SVG document text, or InvalidArgument when the chart has no category or a series
// whose length differs from the categories' ("chart budget_execution: series 执行数 has 2 values
// for 3 categories"), or when the style is outside 16–10000 px or scale (0, 8]. The text is
// drawn as glyph outlines; the title is also in an SVG <title> and the root's aria-label.
// Deterministic: the same chart gives the same bytes. IOError only if cairo fails (memory).
Result<std::string> ChartSvg(const Chart& chart, const ChartStyle& style = {});
// Returns the PNG bytes (width × scale by height × scale pixels, RGB); same failures.
Result<std::string> ChartPng(const Chart& chart, const ChartStyle& style = {});

}  // namespace jixiao
