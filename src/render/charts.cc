// Charts (see charts.h): one drawing routine onto a cairo context, used with an SVG surface and
// an image surface. Text is laid out by pango so that Chinese labels render with a CJK font;
// in the SVG the glyphs become outlines, so the page needs no web font.
//
// Layout, in user units (CSS pixels):
//   title (bold, centred) / legend row (only with two series or more) / unit label at the top
//   left of the plot / the plot with its value axis and grid lines / category labels.
// The value axis runs from 0 (or a round minimum below the smallest negative value) to a round
// maximum of the form m·10^k with m ∈ {1, 2, 2.5, 5}, with 3 to 5 intervals (4 to 6 ticks,
// 0 included); the tick values are computed with Decimal and printed exactly.
//
// Thread-safety: every call creates its own surfaces, cairo context and pango layouts; pango's
// default font map is per thread.
#include "render/charts.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string_view>

namespace jixiao {
namespace {

struct Rgb {
  double r, g, b;
};

constexpr Rgb FromHex(unsigned hex) {
  return {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0};
}

// Sober fills that stay distinct when printed in grey: dark blue, light steel blue, ochre,
// dark grey, teal, brick.
constexpr unsigned kPalette[] = {0x1F4E79, 0x8FAADC, 0xBF9000, 0x595959, 0x2E7D6F, 0x9E480E};
constexpr Rgb kText = FromHex(0x222222);
constexpr Rgb kMuted = FromHex(0x555555);
constexpr Rgb kAxis = FromHex(0x444444);
constexpr Rgb kGrid = FromHex(0xD9D9D9);
constexpr Rgb kBackground = FromHex(0xFFFFFF);

Rgb SeriesColour(size_t i) {
  return FromHex(kPalette[i % (sizeof(kPalette) / sizeof(kPalette[0]))]);
}

void SetColour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// The Decimal as a pixel quantity. Only for geometry; every printed value comes from the
// Decimal's own text.
double ToDouble(const Decimal& d) {
  if (!d.valid()) return 0;
  return std::strtod(d.ToString().c_str(), nullptr);
}

// ---------------------------------------------------------------------------------------------
// The value axis.

struct Axis {
  Decimal lo, hi, step;
  int intervals = 1;
};

// m·10^k with m = m10/10.
Decimal Step(int m10, int k) {
  if (k >= 0) return Decimal::FromUnits(m10 * Pow10(k), 1);
  return Decimal::FromUnits(m10, 1 - k);
}

// The smallest step m·10^k (m ∈ {1, 2, 2.5, 5}) that covers [lo, hi] (lo ≤ 0 ≤ hi) in at most
// five intervals. Consecutive candidates differ by at most a factor of two, so the chosen step
// needs at least three intervals.
Axis NiceAxis(const Decimal& min_value, const Decimal& max_value) {
  Decimal lo = Decimal::Min(min_value, Decimal()), hi = Decimal::Max(max_value, Decimal());
  if (lo.is_zero() && hi.is_zero()) hi = Decimal::FromInt(1);
  for (int k = -Decimal::kMaxScale + 1; k <= 30; ++k) {
    for (int m10 : {10, 20, 25, 50}) {
      Decimal step = Step(m10, k);
      Decimal up = Decimal::Divide(hi, step, 0, Rounding::kCeiling);
      Decimal down = Decimal::Divide(-lo, step, 0, Rounding::kCeiling);
      if (!up.valid() || !down.valid()) continue;
      std::optional<int64_t> n_up = up.ToInt64(), n_down = down.ToInt64();
      if (!n_up || !n_down || *n_up + *n_down > 5) continue;
      Axis axis;
      axis.step = step;
      axis.hi = step * Decimal::FromInt(*n_up);
      axis.lo = -(step * Decimal::FromInt(*n_down));
      axis.intervals = static_cast<int>(*n_up + *n_down);
      return axis;
    }
  }
  Axis axis;  // unreachable for values that Decimal can hold
  axis.hi = hi;
  axis.lo = lo;
  axis.step = hi - lo;
  return axis;
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

constexpr std::string_view kMissing = "—";

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

struct Range {
  Decimal min, max;
};

Range ValueRange(const Chart& chart) {
  Range range{Decimal(), Decimal()};
  for (const Chart::Series& s : chart.series) {
    for (const Decimal& v : s.values) {
      if (!v.valid()) continue;
      range.min = Decimal::Min(range.min, v);
      range.max = Decimal::Max(range.max, v);
    }
  }
  return range;
}

std::vector<LayoutPtr> TickLabels(cairo_t* cr, const ChartStyle& style, const Axis& axis,
                                  double* widest, double* tallest) {
  std::vector<LayoutPtr> labels;
  *widest = *tallest = 0;
  for (int i = 0; i <= axis.intervals; ++i) {
    Decimal v = axis.lo + axis.step * Decimal::FromInt(i);
    labels.push_back(
        MakeLayout(cr, style.font_family, FontKind::kSmall, v.Normalized().ToString()));
    Size size = Measure(labels.back().get());
    *widest = std::max(*widest, size.w);
    *tallest = std::max(*tallest, size.h);
  }
  return labels;
}

void DrawValueLabel(cairo_t* cr, const ChartStyle& style, std::string_view text, double cx,
                    double y, bool above, Rgb colour) {
  LayoutPtr label = MakeLayout(cr, style.font_family, FontKind::kValue, text);
  Size size = Measure(label.get());
  DrawAt(cr, label.get(), cx - size.w / 2, above ? y - size.h - 2 : y + 2, colour);
}

void DrawGroupedBars(cairo_t* cr, const Chart& chart, const ChartStyle& style) {
  double top = DrawHeader(cr, chart, style);
  Axis axis = NiceAxis(ValueRange(chart).min, ValueRange(chart).max);
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

  const double lo = ToDouble(axis.lo), hi = ToDouble(axis.hi);
  auto y_of = [&](double v) { return f.bottom - (v - lo) / (hi - lo) * (f.bottom - f.top); };

  // Grid lines and tick labels.
  cairo_set_line_width(cr, 1);
  for (int i = 0; i <= axis.intervals; ++i) {
    double y = std::round(y_of(lo + (hi - lo) * i / axis.intervals)) + 0.5;
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
        DrawValueLabel(cr, style, kMissing, cx, zero_y, true, kMuted);
        continue;
      }
      double y = y_of(ToDouble(v));
      SetColour(cr, SeriesColour(s));
      cairo_rectangle(cr, x + 1, std::min(y, zero_y), bar_w - 2, std::fabs(zero_y - y));
      cairo_fill(cr);
      DrawValueLabel(cr, style, v.ToString(), cx, y, v.sign() >= 0, kText);
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
  Axis axis = NiceAxis(ValueRange(chart).min, ValueRange(chart).max);
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

  const double lo = ToDouble(axis.lo), hi = ToDouble(axis.hi);
  auto x_of = [&](double v) { return f.left + (v - lo) / (hi - lo) * (f.right - f.left); };

  cairo_set_line_width(cr, 1);
  for (int i = 0; i <= axis.intervals; ++i) {
    double x = std::round(x_of(lo + (hi - lo) * i / axis.intervals)) + 0.5;
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
      std::string_view text = kMissing;
      std::string value_text;
      double end = zero_x;
      bool positive = true;
      if (v.valid()) {
        end = x_of(ToDouble(v));
        SetColour(cr, SeriesColour(s));
        cairo_rectangle(cr, std::min(end, zero_x), y + 1, std::fabs(end - zero_x), bar_h - 2);
        cairo_fill(cr);
        value_text = v.ToString();
        text = value_text;
        positive = v.sign() >= 0;
      }
      LayoutPtr label = MakeLayout(cr, style.font_family, FontKind::kValue, text);
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
  std::string name = chart.id.empty() ? chart.title : chart.id;
  if (chart.categories.empty()) {
    return Status::InvalidArgument(fmt::format("chart {}: no category", name));
  }
  for (const Chart::Series& s : chart.series) {
    if (s.values.size() != chart.categories.size()) {
      return Status::InvalidArgument(
          fmt::format("chart {}: series {} has {} values for {} categories", name, s.name,
                      s.values.size(), chart.categories.size()));
    }
  }
  if (style.width < 16 || style.height < 16 || style.width > 10000 || style.height > 10000 ||
      !(style.scale > 0 && style.scale <= 8)) {
    return Status::InvalidArgument(fmt::format("chart {}: size {}×{} at scale {} is out of range",
                                               name, style.width, style.height, style.scale));
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

std::string EscapeXml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    }
  }
  return out;
}

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
    return Status::IOError(
        fmt::format("chart {}: cairo: {}", chart.id, cairo_status_to_string(status)));
  }
  return AddTitle(RenumberSurfaces(svg), chart);
}

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
  std::string png;
  if (status == CAIRO_STATUS_SUCCESS) {
    cairo_surface_flush(surface);
    status = cairo_surface_write_to_png_stream(surface, AppendToString, &png);
  }
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Status::IOError(
        fmt::format("chart {}: cairo: {}", chart.id, cairo_status_to_string(status)));
  }
  return png;
}

}  // namespace jixiao
