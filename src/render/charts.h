// Charts: a Chart (render/document.h) drawn with cairo, text laid out with pango, to SVG (for
// HTML) or PNG (for DOCX and XLSX) from the same drawing code. Grouped vertical bars (budget
// vs execution, this year vs last by spending type) and horizontal bars (scores by indicator
// group), with the values printed on the bars, axis ticks at round numbers and a legend.
// Values are exact decimals; they become doubles only as pixel positions.
//
// Safe from any thread (each call owns its cairo surface).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "render/document.h"

typedef struct _cairo cairo_t;  // as <cairo.h> declares it

namespace jixiao {

struct ChartStyle {
  int width = 640;  // CSS pixels (SVG) or pixels (PNG, drawn at `scale`)
  int height = 360;
  double scale = 2.0;                            // PNG only: device pixels per pixel
  std::string font_family = "Noto Sans CJK SC";  // pango family for every text
};

// The value axis of a chart: ticks at the multiples of a round step m·10^k (m ∈ {1, 2, 2.5, 5}),
// 0 among them, from the first multiple at or below the smallest value to the first at or above
// the largest. The step is the smallest that covers the values in at most five intervals, so any
// values — negative, zero, all equal, 10^15 beside 10^-15, the extremes of Decimal — give 3 to 5
// intervals. Exposed so that tests can pin it.
struct ChartAxis {
  int step_digits = 2;  // the step is step_digits · 10^step_power, step_digits ∈ {1, 2, 25, 5}
  int step_power = -1;
  int below = 0;  // intervals below 0
  int above = 5;  // intervals above 0

  int intervals() const { return below + above; }
  // The labels of the intervals() + 1 ticks, lowest first, exact and without trailing zeros
  // ("-50", "0", "0.25"). When one of them would take more than 12 characters, every tick but 0
  // is written m×10ⁿ instead ("2.5×10¹⁴", "-1×10⁻¹⁶").
  std::vector<std::string> TickLabels() const;
  // The value of tick i (0 = the lowest) as a drawing coordinate.
  double TickValue(int i) const;
};

// The text printed on a bar for `value`: the value as written ("124.88", "-0.5"); one longer
// than 16 characters as m×10ⁿ, exact when six significant digits hold it ("1×10¹⁵",
// "5×10⁻¹⁸"), else rounded half up to six and marked ≈ ("≈1.23457×10¹⁷"); "—" when invalid.
std::string ChartValueLabel(const Decimal& value);

// The axis for the chart's present values (an invalid Decimal is no value; 0 is always on the
// axis; with no value other than 0 the axis runs from 0 to 1).
ChartAxis ValueAxis(const Chart& chart);

// Returns the SVG document text, or InvalidArgument when the chart has no category or a series
// whose length differs from the categories' ("chart budget_execution: series 执行数 has 2 values
// for 3 categories"), or when the style is outside 16–10000 px or scale (0, 8]. The text is
// drawn as glyph outlines; the title is also in an SVG <title> and the root's aria-label.
// Deterministic: the same chart gives the same bytes. IOError only if cairo fails (memory).
Result<std::string> ChartSvg(const Chart& chart, const ChartStyle& style = {});
// Returns the PNG bytes (width × scale by height × scale pixels, RGB); same failures.
Result<std::string> ChartPng(const Chart& chart, const ChartStyle& style = {});
// Draws the chart on `cr` as vectors (text as glyphs), in a box of style.width × style.height
// user units at the current origin (render/pdf_writer.h scales it to the page). The same
// InvalidArgument as ChartSvg, checked before anything is drawn; `scale` is not used.
Status DrawChart(cairo_t* cr, const Chart& chart, const ChartStyle& style = {});

}  // namespace jixiao
