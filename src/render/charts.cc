// Charts (see charts.h): one drawing routine onto a cairo context, used with an SVG surface and
// an image surface. Text is laid out by pango so that Chinese labels render with a CJK font;
// in the SVG the glyphs become outlines, so the page needs no web font.
//
// Layout, in user units (CSS pixels):
//   title (bold, centred) / legend row (only with two series or more) / unit label at the top
//   left of the plot / the plot with its value axis and grid lines / category labels.
// The value axis (ChartAxis in charts.h) has its ticks at the multiples of a round step m·10^k
// with m ∈ {1, 2, 2.5, 5}, 0 among them, at most 5 intervals whatever the values; it is
// computed on checked 128-bit integers and its labels are printed exactly, in m×10ⁿ form when
// a plain label would be too long to read.
//
// The PNG is encoded by libspng from cairo's pixels (RGB, deflate level 3, the "up" filter): a
// chart is flat areas of a few colours, and cairo's own writer (libpng at its default level,
// every filter tried) took about a third of a whole `jixiao render` (docs/performance.md).
//
// Thread-safety: every call creates its own surfaces, cairo context and pango layouts; pango's
// default font map is per thread.
#include "render/charts.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>
#include <spng.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "base/lang.h"
#include "base/xml_escape.h"

namespace jixiao {
namespace {

struct Rgb {
  double r, g, b;
};

constexpr Rgb FromHex(unsigned hex) {
  return {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0};
}

constexpr Rgb kText = FromHex(0x222222);
constexpr Rgb kMuted = FromHex(0x555555);
constexpr Rgb kAxis = FromHex(0x444444);
constexpr Rgb kGrid = FromHex(0xD9D9D9);
constexpr Rgb kBackground = FromHex(0xFFFFFF);

Rgb SeriesColour(size_t i) { return FromHex(ChartSeriesRgb(i)); }

void SetColour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// The Decimal as a pixel quantity. Only for geometry; every printed value comes from the
// Decimal's own text.
double ToDouble(const Decimal& d) {
  if (!d.valid()) return 0;
  return std::strtod(d.ToString().c_str(), nullptr);
}

// ---------------------------------------------------------------------------------------------
// The value axis. All of its arithmetic is on unsigned 128-bit integers with every product and
// quotient checked, so that no value a Decimal can hold (up to ±2^127 units, 0 to 18 decimals)
// makes it overflow; counts are capped, never summed past the cap.

using Magnitude = unsigned __int128;

constexpr std::string_view kMissing = "—";  // printed for a value that is not there

constexpr Magnitude kMagnitudeMax = ~Magnitude{0};
constexpr int kMaxIntervals = 5;
constexpr int kTooMany = kMaxIntervals + 1;  // any count above five
// Steps from 10^-40 to 5·10^40 bracket every Decimal: the smallest nonzero one is 10^-18, the
// largest below 2^127 ≈ 1.7·10^38.
constexpr int kMinPower = -40, kMaxPower = 40;
constexpr size_t kMaxPlainLabel = 12;  // characters; longer tick labels are written m×10ⁿ
constexpr size_t kMaxPlainValue = 16;  // the same for the values printed on the bars
constexpr size_t kValueDigits = 6;     // significant digits of a value written m×10ⁿ

// |units| of a Decimal, INT128_MIN included.
Magnitude MagnitudeOf(const Decimal& d) {
  const __int128 u = d.units();
  return u < 0 ? Magnitude{0} - static_cast<Magnitude>(u) : static_cast<Magnitude>(u);
}

// 10^n for n in [0, 38] as an unsigned 128-bit integer.
Magnitude PowerOfTen(int n) { return static_cast<Magnitude>(Pow10(n)); }

// How many steps of digits·10^power it takes to reach units·10^-scale from 0 (the ceiling of
// the quotient), or kTooMany when that is more than five.
int StepsToReach(Magnitude units, int scale, int digits, int power) {
  if (units == 0) return 0;
  const int e = power + scale;  // units ÷ (digits·10^e)
  Magnitude quotient = 0;
  if (e >= 0) {
    // digits·10^e > units whenever it does not fit: one step reaches the value.
    if (e > 38 || PowerOfTen(e) > kMagnitudeMax / static_cast<Magnitude>(digits)) return 1;
    const Magnitude divisor = PowerOfTen(e) * static_cast<Magnitude>(digits);
    quotient = units / divisor + (units % divisor != 0 ? 1 : 0);
  } else {
    // units·10^-e ≥ 10^39 when it does not fit: far more than five steps of at most 25.
    if (-e > 38 || units > kMagnitudeMax / PowerOfTen(-e)) return kTooMany;
    const Magnitude scaled = units * PowerOfTen(-e);
    quotient = scaled / static_cast<Magnitude>(digits) +
               (scaled % static_cast<Magnitude>(digits) != 0 ? 1 : 0);
  }
  return quotient > static_cast<Magnitude>(kMaxIntervals) ? kTooMany : static_cast<int>(quotient);
}

// The smallest step m·10^k (m ∈ {1, 2, 2.5, 5}) that covers [lo, hi] (lo ≤ 0 ≤ hi, not both 0)
// in at most five intervals. Consecutive candidates differ by at most a factor of two, and
// halving the step at most doubles each count, so the chosen step takes at least three
// intervals (the first candidate, 10^-40, takes far more than five for any nonzero Decimal).
ChartAxis NiceAxis(const Decimal& lo, const Decimal& hi) {
  const Magnitude lo_units = MagnitudeOf(lo), hi_units = MagnitudeOf(hi);
  for (int power = kMinPower; power <= kMaxPower; ++power) {
    // 2.5·10^k is written 25·10^(k-1) so that the digits stay integers.
    const std::pair<int, int> candidates[] = {{1, power}, {2, power}, {25, power - 1}, {5, power}};
    for (const auto& [digits, p] : candidates) {
      const int up = StepsToReach(hi_units, hi.scale(), digits, p);
      const int down = StepsToReach(lo_units, lo.scale(), digits, p);
      if (up + down > kMaxIntervals) continue;  // each is at most kTooMany: no overflow
      ChartAxis axis;
      axis.step_digits = digits;
      axis.step_power = p;
      axis.below = down;
      axis.above = up;
      return axis;
    }
  }
  ChartAxis axis;  // unreachable: 10^40 covers every Decimal in one interval each way
  axis.step_digits = 1;
  axis.step_power = kMaxPower;
  axis.below = lo_units != 0 ? 1 : 0;
  axis.above = 1;
  return axis;
}

// A tick as an integer times a power of ten, the integer without trailing zeros (0 for 0).
struct TickNumber {
  int64_t digits = 0;
  int power = 0;
};

TickNumber TickAt(const ChartAxis& axis, int i) {
  TickNumber t{static_cast<int64_t>(i - axis.below) * axis.step_digits, axis.step_power};
  if (t.digits == 0) return {0, 0};
  while (t.digits % 10 == 0) {
    t.digits /= 10;
    ++t.power;
  }
  return t;
}

// "-0.025", "250000": the exact value, no exponent.
std::string PlainText(TickNumber t) {
  if (t.digits == 0) return "0";
  std::string digits = std::to_string(t.digits < 0 ? -t.digits : t.digits);
  if (t.power >= 0) {
    digits.append(static_cast<size_t>(t.power), '0');
  } else {
    const size_t decimals = static_cast<size_t>(-t.power);
    if (digits.size() <= decimals) digits.insert(0, decimals - digits.size() + 1, '0');
    digits.insert(digits.size() - decimals, ".");
  }
  return t.digits < 0 ? "-" + digits : digits;
}

// m×10ⁿ: `digits` are the significant digits (no leading or trailing zeros), the first of them
// standing for 10^exponent ("25", 14 → "2.5×10¹⁴"). With `markup`, the exponent is a pango span
// ("2.5×10<span …>14</span>"), drawn in the chart's own font whether or not it has superscript
// digits.
std::string ScientificText(bool negative, std::string_view digits, int exponent, bool markup) {
  std::string text = negative ? "-" : "";
  text += digits.substr(0, 1);
  if (digits.size() > 1) {
    text += '.';
    text += digits.substr(1);
  }
  text += "×10";
  const std::string power = std::to_string(exponent);
  // About two thirds of the 11 px label (size in 1024ths of a point), raised by a third of it.
  if (markup) return text + "<span size=\"5760\" rise=\"4096\">" + power + "</span>";
  static constexpr std::string_view kSuperscript[] = {"⁰", "¹", "²", "³", "⁴",
                                                      "⁵", "⁶", "⁷", "⁸", "⁹"};
  for (char c : power) text += c == '-' ? std::string_view("⁻") : kSuperscript[c - '0'];
  return text;
}

std::string ScientificText(TickNumber t, bool markup) {
  if (t.digits == 0) return "0";
  const std::string digits = std::to_string(t.digits < 0 ? -t.digits : t.digits);
  return ScientificText(t.digits < 0, digits, t.power + static_cast<int>(digits.size()) - 1,
                        markup);
}

// The text on a bar (see ChartValueLabel in charts.h).
std::string ValueText(const Decimal& v, bool markup) {
  if (!v.valid()) return std::string(kMissing);
  std::string plain = v.ToString();
  if (plain.size() <= kMaxPlainValue) return plain;
  Magnitude units = MagnitudeOf(v);
  int scale = v.scale();
  while (units != 0 && units % 10 == 0) {
    units /= 10;
    --scale;
  }
  if (units == 0) return "0";  // unreachable: a zero is short
  std::string digits;
  for (Magnitude u = units; u != 0; u /= 10) digits.insert(digits.begin(), char('0' + int(u % 10)));
  int exponent = static_cast<int>(digits.size()) - 1 - scale;
  bool rounded = false;
  if (digits.size() > kValueDigits) {
    // Half up to kValueDigits significant digits; 9.999995 becomes 10.0000, one more power.
    rounded = true;
    const bool up = digits[kValueDigits] >= '5';
    digits.resize(kValueDigits);
    for (size_t i = digits.size(); up && i-- > 0;) {
      if (digits[i] != '9') {
        ++digits[i];
        break;
      }
      digits[i] = '0';
      if (i == 0) {
        digits.insert(digits.begin(), '1');
        digits.pop_back();
        ++exponent;
      }
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  }
  return (rounded ? "≈" : "") + ScientificText(v.sign() < 0, digits, exponent, markup);
}

bool NeedsScientific(const ChartAxis& axis) {
  for (int i = 0; i <= axis.intervals(); ++i) {
    if (PlainText(TickAt(axis, i)).size() > kMaxPlainLabel) return true;
  }
  return false;
}

// The tick labels as drawn (pango markup).
std::vector<std::string> TickMarkup(const ChartAxis& axis) {
  const bool scientific = NeedsScientific(axis);
  std::vector<std::string> labels;
  for (int i = 0; i <= axis.intervals(); ++i) {
    const TickNumber t = TickAt(axis, i);
    labels.push_back(scientific ? ScientificText(t, true) : PlainText(t));
  }
  return labels;
}

// ---------------------------------------------------------------------------------------------
// Text.

using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

enum class FontKind { kTitle, kLabel, kValue, kSmall };

LayoutPtr MakeLayout(cairo_t* cr, const std::string& family, FontKind kind, std::string_view text) {
  LayoutPtr layout(pango_cairo_create_layout(cr), g_object_unref);
  // Unhinted metrics, so that the layout is the same on the SVG and the scaled PNG surface.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango_layout_get_context(layout.get()), options);
  cairo_font_options_destroy(options);
  pango_layout_context_changed(layout.get());

  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, family.c_str());
  double px = 12;
  switch (kind) {
    case FontKind::kTitle:
      px = 16;
      pango_font_description_set_weight(desc, PANGO_WEIGHT_BOLD);
      break;
    case FontKind::kLabel:
      px = 12;
      break;
    case FontKind::kValue:
      px = 11;
      break;
    case FontKind::kSmall:
      px = 11;
      break;
  }
  pango_font_description_set_absolute_size(desc, px * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), desc);
  pango_font_description_free(desc);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

// A layout of pango markup (the tick and value labels: plain digits, or m×10ⁿ).
LayoutPtr MakeMarkupLayout(cairo_t* cr, const std::string& family, FontKind kind,
                           const std::string& markup) {
  LayoutPtr layout = MakeLayout(cr, family, kind, "");
  pango_layout_set_markup(layout.get(), markup.c_str(), static_cast<int>(markup.size()));
  return layout;
}

struct Size {
  double w = 0, h = 0;
};

Size Measure(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return {static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE};
}

// Wraps the layout to `width` (centred lines), at most `max_lines` lines, ellipsized beyond.
void Wrap(PangoLayout* layout, double width, int max_lines, PangoAlignment align) {
  pango_layout_set_width(layout, static_cast<int>(std::max(width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, align);
  pango_layout_set_height(layout, -max_lines);
  pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
}

// Draws the layout with its top-left corner at (x, y).
void DrawAt(cairo_t* cr, PangoLayout* layout, double x, double y, Rgb colour) {
  SetColour(cr, colour);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

// ---------------------------------------------------------------------------------------------
// Drawing.

struct Frame {
  double left, top, right, bottom;  // the plot rectangle
};

void DrawLegend(cairo_t* cr, const Chart& chart, const ChartStyle& style, double y,
                double* bottom) {
  if (chart.series.size() < 2) {
    *bottom = y;
    return;
  }
  constexpr double kSwatch = 12, kGap = 6, kSpacing = 18;
  std::vector<LayoutPtr> names;
  double total = 0, height = kSwatch;
  for (const Chart::Series& s : chart.series) {
    names.push_back(MakeLayout(cr, style.font_family, FontKind::kLabel, s.name));
    Size size = Measure(names.back().get());
    total += kSwatch + kGap + size.w;
    height = std::max(height, size.h);
  }
  total += kSpacing * static_cast<double>(chart.series.size() - 1);
  double x = std::max(8.0, (style.width - total) / 2);
  for (size_t i = 0; i < chart.series.size(); ++i) {
    Size size = Measure(names[i].get());
    SetColour(cr, SeriesColour(i));
    cairo_rectangle(cr, x, y + (height - kSwatch) / 2, kSwatch, kSwatch);
    cairo_fill(cr);
    DrawAt(cr, names[i].get(), x + kSwatch + kGap, y + (height - size.h) / 2, kText);
    x += kSwatch + kGap + size.w + kSpacing;
  }
  *bottom = y + height;
}

// Everything above the plot: background, title, legend, unit. Returns the y below them.
double DrawHeader(cairo_t* cr, const Chart& chart, const ChartStyle& style) {
  SetColour(cr, kBackground);
  cairo_paint(cr);
  double y = 10;
  if (!chart.title.empty()) {
    LayoutPtr title = MakeLayout(cr, style.font_family, FontKind::kTitle, chart.title);
    Wrap(title.get(), style.width - 20, 2, PANGO_ALIGN_CENTER);
    DrawAt(cr, title.get(), 10, y, kText);
    y += Measure(title.get()).h + 6;
  }
  double legend_bottom = y;
  DrawLegend(cr, chart, style, y, &legend_bottom);
  if (legend_bottom > y) y = legend_bottom + 6;
  return y;
}

// The unit label ("单位：万元") at the top left, above the plot. Returns its height.
double DrawUnit(cairo_t* cr, const Chart& chart, const ChartStyle& style, double x, double y) {
  if (chart.unit.empty()) return 0;
  LayoutPtr unit = MakeLayout(cr, style.font_family, FontKind::kSmall, "单位：" + chart.unit);
  DrawAt(cr, unit.get(), x, y, kMuted);
  return Measure(unit.get()).h + 4;
}

std::vector<LayoutPtr> TickLabels(cairo_t* cr, const ChartStyle& style, const ChartAxis& axis,
                                  double* widest, double* tallest) {
  std::vector<LayoutPtr> labels;
  *widest = *tallest = 0;
  for (const std::string& markup : TickMarkup(axis)) {
    labels.push_back(MakeMarkupLayout(cr, style.font_family, FontKind::kSmall, markup));
    Size size = Measure(labels.back().get());
    *widest = std::max(*widest, size.w);
    *tallest = std::max(*tallest, size.h);
  }
  return labels;
}

void DrawValueLabel(cairo_t* cr, const ChartStyle& style, const std::string& markup, double cx,
                    double y, bool above, Rgb colour) {
  LayoutPtr label = MakeMarkupLayout(cr, style.font_family, FontKind::kValue, markup);
  Size size = Measure(label.get());
  DrawAt(cr, label.get(), cx - size.w / 2, above ? y - size.h - 2 : y + 2, colour);
}

void DrawGroupedBars(cairo_t* cr, const Chart& chart, const ChartStyle& style) {
  double top = DrawHeader(cr, chart, style);
  const ChartAxis axis = ValueAxis(chart);
  double tick_w = 0, tick_h = 0;
  std::vector<LayoutPtr> ticks = TickLabels(cr, style, axis, &tick_w, &tick_h);

  const size_t n_cat = chart.categories.size();
  const size_t n_series = chart.series.size();
  Frame f;
  f.left = 12 + tick_w + 6;
  f.right = style.width - 16.0;
  double unit_h = DrawUnit(cr, chart, style, 12, top);
  // Room above the highest bar for its value label.
  f.top = top + unit_h + 16;

  // Category labels: wrapped to the width of their group, at most two lines.
  const double group_w = (f.right - f.left) / static_cast<double>(n_cat);
  std::vector<LayoutPtr> cat_labels;
  double cat_h = 0;
  for (const std::string& c : chart.categories) {
    cat_labels.push_back(MakeLayout(cr, style.font_family, FontKind::kLabel, c));
    Wrap(cat_labels.back().get(), group_w - 4, 2, PANGO_ALIGN_CENTER);
    cat_h = std::max(cat_h, Measure(cat_labels.back().get()).h);
  }
  f.bottom = style.height - 8 - cat_h - 6;
  if (f.bottom < f.top + 20) f.bottom = f.top + 20;
  if (f.right < f.left + 20) f.right = f.left + 20;

  // lo < 0 < hi or lo = 0 < hi or lo < 0 = hi: never an empty range.
  const double lo = axis.TickValue(0), hi = axis.TickValue(axis.intervals());
  auto y_of = [&](double v) { return f.bottom - (v - lo) / (hi - lo) * (f.bottom - f.top); };

  // Grid lines and tick labels.
  cairo_set_line_width(cr, 1);
  for (int i = 0; i <= axis.intervals(); ++i) {
    double y = std::round(y_of(axis.TickValue(i))) + 0.5;
    SetColour(cr, kGrid);
    cairo_move_to(cr, f.left, y);
    cairo_line_to(cr, f.right, y);
    cairo_stroke(cr);
    Size size = Measure(ticks[i].get());
    DrawAt(cr, ticks[i].get(), f.left - 6 - size.w, y - size.h / 2, kMuted);
  }

  // Bars: 70% of the group, split between the series, at most 56 px each.
  const double inner = group_w * 0.7;
  const double bar_w = std::min(56.0, inner / static_cast<double>(n_series ? n_series : 1));
  const double zero_y = y_of(0);
  for (size_t c = 0; c < n_cat; ++c) {
    double group_x = f.left + group_w * static_cast<double>(c);
    double bars_x = group_x + (group_w - bar_w * static_cast<double>(n_series)) / 2;
    for (size_t s = 0; s < n_series; ++s) {
      const Decimal& v = chart.series[s].values[c];
      double x = bars_x + bar_w * static_cast<double>(s);
      double cx = x + bar_w / 2;
      if (!v.valid()) {
        DrawValueLabel(cr, style, std::string(kMissing), cx, zero_y, true, kMuted);
        continue;
      }
      double y = y_of(ToDouble(v));
      SetColour(cr, SeriesColour(s));
      cairo_rectangle(cr, x + 1, std::min(y, zero_y), bar_w - 2, std::fabs(zero_y - y));
      cairo_fill(cr);
      DrawValueLabel(cr, style, ValueText(v, true), cx, y, v.sign() >= 0, kText);
    }
    DrawAt(cr, cat_labels[c].get(), group_x + 2, f.bottom + 6, kText);
  }

  // Zero line.
  SetColour(cr, kAxis);
  double y0 = std::round(zero_y) + 0.5;
  cairo_move_to(cr, f.left, y0);
  cairo_line_to(cr, f.right, y0);
  cairo_stroke(cr);
}

void DrawHorizontalBars(cairo_t* cr, const Chart& chart, const ChartStyle& style) {
  double top = DrawHeader(cr, chart, style);
  const ChartAxis axis = ValueAxis(chart);
  double tick_w = 0, tick_h = 0;
  std::vector<LayoutPtr> ticks = TickLabels(cr, style, axis, &tick_w, &tick_h);

  const size_t n_cat = chart.categories.size();
  const size_t n_series = chart.series.size();

  // Category labels on the left: at most a third of the width, two lines.
  const double label_max = style.width / 3.0;
  std::vector<LayoutPtr> cat_labels;
  double label_w = 0;
  for (const std::string& c : chart.categories) {
    cat_labels.push_back(MakeLayout(cr, style.font_family, FontKind::kLabel, c));
    label_w = std::max(label_w, Measure(cat_labels.back().get()).w);
  }
  label_w = std::min(std::ceil(label_w), label_max);
  for (LayoutPtr& label : cat_labels) Wrap(label.get(), label_w, 2, PANGO_ALIGN_RIGHT);

  Frame f;
  f.left = 12 + label_w + 8;
  f.right = style.width - 48.0;  // room for the value printed after the longest bar
  double unit_h = DrawUnit(cr, chart, style, 12, top);
  f.top = top + unit_h + 4;
  f.bottom = style.height - 8 - tick_h - 4;
  if (f.bottom < f.top + 20) f.bottom = f.top + 20;
  if (f.right < f.left + 20) f.right = f.left + 20;

  const double lo = axis.TickValue(0), hi = axis.TickValue(axis.intervals());
  auto x_of = [&](double v) { return f.left + (v - lo) / (hi - lo) * (f.right - f.left); };

  cairo_set_line_width(cr, 1);
  for (int i = 0; i <= axis.intervals(); ++i) {
    double x = std::round(x_of(axis.TickValue(i))) + 0.5;
    SetColour(cr, kGrid);
    cairo_move_to(cr, x, f.top);
    cairo_line_to(cr, x, f.bottom);
    cairo_stroke(cr);
    Size size = Measure(ticks[i].get());
    DrawAt(cr, ticks[i].get(), x - size.w / 2, f.bottom + 4, kMuted);
  }

  const double band_h = (f.bottom - f.top) / static_cast<double>(n_cat);
  const double bar_h = std::min(28.0, band_h * 0.7 / static_cast<double>(n_series ? n_series : 1));
  const double zero_x = x_of(0);
  for (size_t c = 0; c < n_cat; ++c) {
    double band_y = f.top + band_h * static_cast<double>(c);
    double bars_y = band_y + (band_h - bar_h * static_cast<double>(n_series)) / 2;
    for (size_t s = 0; s < n_series; ++s) {
      const Decimal& v = chart.series[s].values[c];
      double y = bars_y + bar_h * static_cast<double>(s);
      double end = zero_x;
      bool positive = true;
      if (v.valid()) {
        end = x_of(ToDouble(v));
        SetColour(cr, SeriesColour(s));
        cairo_rectangle(cr, std::min(end, zero_x), y + 1, std::fabs(end - zero_x), bar_h - 2);
        cairo_fill(cr);
        positive = v.sign() >= 0;
      }
      LayoutPtr label =
          MakeMarkupLayout(cr, style.font_family, FontKind::kValue, ValueText(v, true));
      Size size = Measure(label.get());
      double lx = positive ? end + 3 : end - 3 - size.w;
      DrawAt(cr, label.get(), lx, y + (bar_h - size.h) / 2, v.valid() ? kText : kMuted);
    }
    Size size = Measure(cat_labels[c].get());
    DrawAt(cr, cat_labels[c].get(), 12, band_y + (band_h - size.h) / 2, kText);
  }

  SetColour(cr, kAxis);
  double x0 = std::round(zero_x) + 0.5;
  cairo_move_to(cr, x0, f.top);
  cairo_line_to(cr, x0, f.bottom);
  cairo_stroke(cr);
}

Status Validate(const Chart& chart, const ChartStyle& style) {
  if (Status s = CheckChartData(chart); !s.ok()) return s;
  const std::string& name = chart.id.empty() ? chart.title : chart.id;
  if (style.width < 16 || style.height < 16 || style.width > 10000 || style.height > 10000 ||
      !(style.scale > 0 && style.scale <= 8)) {
    return Status::InvalidArgument(TrF("图表 {}：尺寸 {}×{}（缩放 {}）超出范围",
                                       "chart {}: size {}×{} at scale {} is out of range", name,
                                       style.width, style.height, style.scale));
  }
  return Status::Ok();
}

void Draw(cairo_t* cr, const Chart& chart, const ChartStyle& style) {
  if (chart.kind == Chart::Kind::kHorizontalBars) {
    DrawHorizontalBars(cr, chart, style);
  } else {
    DrawGroupedBars(cr, chart, style);
  }
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string EscapeXml(std::string_view text) { return XmlEscaped(text); }

// Cairo numbers the SVG group of each surface from a process-wide counter ("surface17"), so
// the same chart would come out differently on each call. The surfaces are renumbered in the
// order they first appear (in ids and in "#surfaceN" references alike).
std::string RenumberSurfaces(const std::string& svg) {
  static constexpr std::string_view kWord = "surface";
  std::map<std::string, int> numbers;
  std::string out;
  out.reserve(svg.size());
  size_t at = 0;
  while (true) {
    size_t hit = svg.find(kWord, at);
    if (hit == std::string::npos) break;
    size_t digits = hit + kWord.size();
    size_t end = digits;
    while (end < svg.size() && svg[end] >= '0' && svg[end] <= '9') ++end;
    bool token = end > digits && hit > 0 && (svg[hit - 1] == '"' || svg[hit - 1] == '#') &&
                 end < svg.size() && (svg[end] == '"' || svg[end] == ')');
    out.append(svg, at, digits - at);
    if (token) {
      auto [it, added] = numbers.emplace(svg.substr(digits, end - digits), 0);
      if (added) it->second = static_cast<int>(numbers.size());
      out += std::to_string(it->second);
      at = end;
    } else {
      at = digits;
    }
  }
  out.append(svg, at, std::string::npos);
  return out;
}

// Cairo writes text as glyph outlines; the title also goes into an SVG <title> (and the root's
// aria-label) so that the chart can be found and read by text.
std::string AddTitle(std::string svg, const Chart& chart) {
  size_t open = svg.find("<svg");
  if (open == std::string::npos) return svg;
  size_t close = svg.find('>', open);
  if (close == std::string::npos) return svg;
  std::string title = EscapeXml(chart.title);
  svg.insert(close + 1, "\n<title>" + title + "</title>");
  svg.insert(close, " role=\"img\" aria-label=\"" + title + "\"");
  return svg;
}

}  // namespace

std::vector<std::string> ChartAxis::TickLabels() const {
  const bool scientific = NeedsScientific(*this);
  std::vector<std::string> labels;
  for (int i = 0; i <= intervals(); ++i) {
    const TickNumber t = TickAt(*this, i);
    labels.push_back(scientific ? ScientificText(t, false) : PlainText(t));
  }
  return labels;
}

double ChartAxis::TickValue(int i) const {
  const TickNumber t = TickAt(*this, i);
  return std::strtod(fmt::format("{}e{}", t.digits, t.power).c_str(), nullptr);
}

std::string ChartValueLabel(const Decimal& value) { return ValueText(value, false); }

ChartAxis ValueAxis(const Chart& chart) {
  Decimal lo, hi;  // 0 and 0
  for (const Chart::Series& s : chart.series) {
    for (const Decimal& v : s.values) {
      if (!v.valid()) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo.is_zero() && hi.is_zero()) hi = Decimal::FromInt(1);
  return NiceAxis(lo, hi);
}

Result<std::string> ChartSvg(const Chart& chart, const ChartStyle& style) {
  if (Status st = Validate(chart, style); !st.ok()) return st;
  std::string svg;
  cairo_surface_t* surface =
      cairo_svg_surface_create_for_stream(AppendToString, &svg, style.width, style.height);
  cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
  cairo_t* cr = cairo_create(surface);
  Draw(cr, chart, style);
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Status::IOError(TrF("图表 {}：cairo 绘图失败：{}", "chart {}: cairo: {}", chart.id,
                               cairo_status_to_string(status)));
  }
  return AddTitle(RenumberSurfaces(svg), chart);
}

Status DrawChart(cairo_t* cr, const Chart& chart, const ChartStyle& style) {
  if (Status st = Validate(chart, style); !st.ok()) return st;
  cairo_save(cr);
  // The chart paints its background: only inside its box.
  cairo_rectangle(cr, 0, 0, style.width, style.height);
  cairo_clip(cr);
  Draw(cr, chart, style);
  cairo_restore(cr);
  return Status::Ok();
}

namespace {

// 8-bit RGB rows, top to bottom, as a PNG.
Result<std::string> EncodePng(const Chart& chart, const std::vector<unsigned char>& rgb, int w,
                              int h) {
  std::unique_ptr<spng_ctx, void (*)(spng_ctx*)> ctx(spng_ctx_new(SPNG_CTX_ENCODER), spng_ctx_free);
  int error = ctx ? 0 : SPNG_EMEM;
  spng_ihdr ihdr = {};
  ihdr.width = static_cast<uint32_t>(w);
  ihdr.height = static_cast<uint32_t>(h);
  ihdr.bit_depth = 8;
  ihdr.color_type = SPNG_COLOR_TYPE_TRUECOLOR;
  if (error == 0) error = spng_set_option(ctx.get(), SPNG_ENCODE_TO_BUFFER, 1);
  if (error == 0) error = spng_set_option(ctx.get(), SPNG_IMG_COMPRESSION_LEVEL, 3);
  if (error == 0) error = spng_set_option(ctx.get(), SPNG_FILTER_CHOICE, SPNG_FILTER_CHOICE_UP);
  if (error == 0) error = spng_set_ihdr(ctx.get(), &ihdr);
  if (error == 0) {
    error =
        spng_encode_image(ctx.get(), rgb.data(), rgb.size(), SPNG_FMT_PNG, SPNG_ENCODE_FINALIZE);
  }
  size_t size = 0;
  void* buffer = error == 0 ? spng_get_png_buffer(ctx.get(), &size, &error) : nullptr;
  if (buffer == nullptr || error != 0) {
    std::free(buffer);
    return Status::IOError(TrF("图表 {}：PNG 编码失败：{}", "chart {}: PNG encoding: {}", chart.id,
                               spng_strerror(error)));
  }
  std::string png(static_cast<const char*>(buffer), size);
  std::free(buffer);
  return png;
}

}  // namespace

Result<std::string> ChartPng(const Chart& chart, const ChartStyle& style) {
  if (Status st = Validate(chart, style); !st.ok()) return st;
  int w = static_cast<int>(std::lround(style.width * style.scale));
  int h = static_cast<int>(std::lround(style.height * style.scale));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, style.scale, style.scale);
  Draw(cr, chart, style);
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  std::vector<unsigned char> rgb;
  if (status == CAIRO_STATUS_SUCCESS) {
    cairo_surface_flush(surface);
    status = cairo_surface_status(surface);
  }
  if (status == CAIRO_STATUS_SUCCESS) {
    // CAIRO_FORMAT_RGB24: one native-endian 32-bit word a pixel, 0x00RRGGBB.
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    rgb.resize(static_cast<size_t>(w) * static_cast<size_t>(h) * 3);
    unsigned char* out = rgb.data();
    for (int y = 0; y < h; ++y) {
      const unsigned char* row = data + static_cast<size_t>(y) * static_cast<size_t>(stride);
      for (int x = 0; x < w; ++x) {
        uint32_t pixel;
        std::memcpy(&pixel, row + 4 * static_cast<size_t>(x), 4);
        *out++ = static_cast<unsigned char>(pixel >> 16);
        *out++ = static_cast<unsigned char>(pixel >> 8);
        *out++ = static_cast<unsigned char>(pixel);
      }
    }
  }
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Status::IOError(TrF("图表 {}：cairo 绘图失败：{}", "chart {}: cairo: {}", chart.id,
                               cairo_status_to_string(status)));
  }
  return EncodePng(chart, rgb, w, h);
}

}  // namespace jixiao
