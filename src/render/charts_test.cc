// Tests of render/charts.h: the SVG is XML with the title and one filled bar per present value,
// the axis has 4 to 6 round ticks, the PNG has the requested size, bad charts are refused, and
// the bars are where their values say (read back from the PNG's pixels).
#include "render/charts.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "base/lang.h"

namespace jixiao {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }

// The first two fills of the palette.
constexpr unsigned kSeries0 = 0x1F4E79;
constexpr unsigned kSeries1 = 0x8FAADC;
constexpr unsigned kGrid = 0xD9D9D9;

Chart BudgetChart() {
  Chart c;
  c.id = "budget_execution";
  c.title = "预算与执行（万元）";
  c.unit = "万元";
  c.categories = {"基本支出", "项目支出", "合计"};
  c.series = {{"预算数", {D("98.25"), D("30.5"), D("128.75")}},
              {"执行数", {D("97.10"), Decimal::Invalid(), D("127.10")}}};
  return c;
}

Chart OneSeries(std::vector<Decimal> values, Chart::Kind kind = Chart::Kind::kGroupedBars) {
  Chart c;
  c.kind = kind;
  c.id = "one";
  c.title = "单一系列";
  for (size_t i = 0; i < values.size(); ++i) c.categories.push_back("类别" + std::to_string(i));
  c.series = {{"数值", std::move(values)}};
  return c;
}

// "fill:rgb(12.156863%,30.588235%,47.45098%)" (cairo's SVG colour) → 0x1F4E79; -1 if absent.
long StyleColour(const std::string& style, const char* property) {
  std::string key = std::string(property) + ":rgb(";
  size_t at = style.find(key);
  if (at == std::string::npos) return -1;
  double r = 0, g = 0, b = 0;
  if (std::sscanf(style.c_str() + at + key.size(), "%lf%%,%lf%%,%lf%%", &r, &g, &b) != 3) {
    return -1;
  }
  auto byte = [](double pct) { return static_cast<long>(std::lround(pct * 255 / 100)); };
  return (byte(r) << 16) | (byte(g) << 8) | byte(b);
}

// Number of <path> elements of the SVG filled (or stroked) with each colour.
std::map<long, int> PathColours(const pugi::xml_document& svg, const char* property) {
  std::map<long, int> count;
  for (pugi::xpath_node n : svg.select_nodes("//path")) {
    long colour = StyleColour(n.node().attribute("style").value(), property);
    if (colour >= 0) ++count[colour];
  }
  return count;
}

pugi::xml_document ParseSvg(const std::string& text) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_string(text.c_str());
  EXPECT_TRUE(parsed) << parsed.description() << " at " << parsed.offset;
  return doc;
}

TEST(ChartsSvg, IsXmlWithTitleAndOneBarPerPresentValue) {
  Result<std::string> svg = ChartSvg(BudgetChart());
  ASSERT_TRUE(svg.ok()) << svg.status().message();
  pugi::xml_document doc = ParseSvg(*svg);
  pugi::xml_node root = doc.child("svg");
  ASSERT_TRUE(root);
  EXPECT_STREQ(root.child_value("title"), "预算与执行（万元）");
  EXPECT_STREQ(root.attribute("aria-label").value(), "预算与执行（万元）");
  EXPECT_STREQ(root.attribute("width").value(), "640px");
  EXPECT_STREQ(root.attribute("viewBox").value(), "0 0 640 360");
  std::map<long, int> fills = PathColours(doc, "fill");
  // Three budget bars and two execution bars (one value missing), plus a legend swatch each.
  EXPECT_EQ(fills[kSeries0], 3 + 1);
  EXPECT_EQ(fills[kSeries1], 2 + 1);
}

TEST(ChartsSvg, OneSeriesHasNoLegendAndMissingValuesNoBar) {
  Result<std::string> svg = ChartSvg(OneSeries({D("1"), Decimal::Invalid(), D("3")}));
  ASSERT_TRUE(svg.ok()) << svg.status().message();
  pugi::xml_document doc = ParseSvg(*svg);
  EXPECT_EQ(PathColours(doc, "fill")[kSeries0], 2);
}

TEST(ChartsSvg, HorizontalBars) {
  Chart c;
  c.kind = Chart::Kind::kHorizontalBars;
  c.id = "scores";
  c.title = "各类指标得分";
  c.unit = "分";
  c.categories = {"预算执行", "产出指标", "效益指标", "满意度指标"};
  c.series = {{"权重", {D("10"), D("40"), D("40"), D("10")}},
              {"得分", {D("9.93"), D("38.5"), Decimal::Invalid(), D("9.8")}}};
  Result<std::string> svg = ChartSvg(c);
  ASSERT_TRUE(svg.ok()) << svg.status().message();
  pugi::xml_document doc = ParseSvg(*svg);
  std::map<long, int> fills = PathColours(doc, "fill");
  EXPECT_EQ(fills[kSeries0], 4 + 1);
  EXPECT_EQ(fills[kSeries1], 3 + 1);
  EXPECT_STREQ(doc.child("svg").child_value("title"), "各类指标得分");
}

TEST(ChartsSvg, TitleIsEscaped) {
  Chart c = OneSeries({D("1")});
  c.title = "A<B & \"C\"";
  Result<std::string> svg = ChartSvg(c);
  ASSERT_TRUE(svg.ok());
  pugi::xml_document doc = ParseSvg(*svg);
  EXPECT_STREQ(doc.child("svg").child_value("title"), "A<B & \"C\"");
}

// The axis: one grid line per tick, 0 included; the maximum is the smallest m·10^k
// (m ∈ {1, 2, 2.5, 5}) that covers the values in at most five intervals.
int GridLines(std::vector<Decimal> values, Chart::Kind kind = Chart::Kind::kGroupedBars) {
  Result<std::string> svg = ChartSvg(OneSeries(std::move(values), kind));
  EXPECT_TRUE(svg.ok());
  if (!svg.ok()) return -1;
  return PathColours(ParseSvg(*svg), "stroke")[kGrid];
}

TEST(ChartsAxis, FourToSixRoundTicks) {
  EXPECT_EQ(GridLines({D("98.25")}), 6);                             // 0, 20, …, 100
  EXPECT_EQ(GridLines({D("100")}), 6);                               // 0, 20, …, 100
  EXPECT_EQ(GridLines({D("101")}), 6);                               // 0, 25, …, 125
  EXPECT_EQ(GridLines({D("1234"), D("17")}), 6);                     // 0, 250, …, 1250
  EXPECT_EQ(GridLines({D("7")}), 5);                                 // 0, 2, …, 8
  EXPECT_EQ(GridLines({D("0.37")}), 5);                              // 0, 0.1, …, 0.4
  EXPECT_EQ(GridLines({D("120"), D("-30")}), 5);                     // -50, 0, 50, 100, 150
  EXPECT_EQ(GridLines({Decimal::Invalid()}), 6);                     // nothing: 0, 0.2, …, 1
  EXPECT_EQ(GridLines({D("40")}, Chart::Kind::kHorizontalBars), 5);  // 0, 10, …, 40
}

// ---------------------------------------------------------------------------------------------
// Any values give a sane axis: a bounded number of ticks (asserted before anything is drawn, so
// that an axis gone wrong fails here instead of allocating a label per tick), 0 among them, the
// values covered, labels short enough to read and rising; and the chart draws with one grid line
// per tick.

// Code points of UTF-8 text.
size_t Characters(const std::string& text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

double Value(const Decimal& d) { return std::strtod(d.ToString().c_str(), nullptr); }

// The axis of a one-series chart of `values`, checked for sanity; its labels.
std::vector<std::string> SaneAxis(const std::vector<Decimal>& values,
                                  Chart::Kind kind = Chart::Kind::kGroupedBars) {
  const Chart chart = OneSeries(values, kind);
  const ChartAxis axis = ValueAxis(chart);
  // Each count alone first: their sum may overflow on a broken axis.
  if (axis.below < 0 || axis.above < 0 || axis.below > 5 || axis.above > 5 ||
      axis.intervals() < 1 || axis.intervals() > 5) {
    ADD_FAILURE() << "axis of " << axis.intervals() << " intervals (" << axis.below << " below 0, "
                  << axis.above << " above)";
    return {};
  }
  EXPECT_GE(axis.intervals(), 3);
  const std::vector<std::string> labels = axis.TickLabels();
  EXPECT_EQ(labels.size(), static_cast<size_t>(axis.intervals() + 1));
  EXPECT_EQ(labels.at(axis.below), "0");
  for (size_t i = 0; i < labels.size(); ++i) {
    EXPECT_LE(Characters(labels[i]), 12u) << labels[i];
    if (i > 0) {
      EXPECT_LT(axis.TickValue(static_cast<int>(i) - 1), axis.TickValue(static_cast<int>(i)))
          << labels[i - 1] << " then " << labels[i];
    }
  }
  EXPECT_EQ(axis.TickValue(axis.below), 0);
  const double lo = axis.TickValue(0), hi = axis.TickValue(axis.intervals());
  for (const Decimal& v : values) {
    if (!v.valid()) continue;
    EXPECT_LE(lo, Value(v)) << v.ToString() << " below the axis " << labels.front();
    EXPECT_GE(hi, Value(v)) << v.ToString() << " above the axis " << labels.back();
  }
  // One grid line per tick, and a PNG too.
  Result<std::string> svg = ChartSvg(chart);
  EXPECT_TRUE(svg.ok()) << svg.status().message();
  if (svg.ok()) {
    EXPECT_EQ(PathColours(ParseSvg(*svg), "stroke")[kGrid], axis.intervals() + 1);
  }
  ChartStyle small;
  small.scale = 1;
  EXPECT_TRUE(ChartPng(chart, small).ok());
  return labels;
}

using Labels = std::vector<std::string>;

// The case that ate 7 GB: a negative 全年预算数 beside the positive 年初预算数 and 执行数. The
// step counts of a tiny step (7.7·10^18 up and 6.4·10^18 down) overflowed int64 when added,
// and the wrapped sum passed for "at most five".
TEST(ChartsAxis, NegativeBudgetBesidePositiveFigures) {
  EXPECT_EQ(SaneAxis({D("153.53"), D("-127.10"), D("124.88")}),
            (Labels{"-200", "-100", "0", "100", "200"}));
  EXPECT_EQ(SaneAxis({D("153.53"), D("-127.10"), D("124.88")}, Chart::Kind::kHorizontalBars),
            (Labels{"-200", "-100", "0", "100", "200"}));
  EXPECT_EQ(SaneAxis({D("-0.5"), D("80")}), (Labels{"-20", "0", "20", "40", "60", "80"}));
}

TEST(ChartsAxis, MixedSignsOfEqualSize) {
  EXPECT_EQ(SaneAxis({D("50"), D("-50")}), (Labels{"-50", "-25", "0", "25", "50"}));
  EXPECT_EQ(SaneAxis({D("-1000000000000000"), D("1000000000000000")}),
            (Labels{"-1×10¹⁵", "-5×10¹⁴", "0", "5×10¹⁴", "1×10¹⁵"}));
  EXPECT_EQ(SaneAxis({D("-0.000000000000001"), D("0.000000000000001")}),
            (Labels{"-1×10⁻¹⁵", "-5×10⁻¹⁶", "0", "5×10⁻¹⁶", "1×10⁻¹⁵"}));
}

TEST(ChartsAxis, OnlyNegative) {
  EXPECT_EQ(SaneAxis({D("-127.10"), D("-50")}), (Labels{"-150", "-100", "-50", "0"}));
  EXPECT_EQ(SaneAxis({D("-0.000000000000000001")}),
            (Labels{"-1×10⁻¹⁸", "-8×10⁻¹⁹", "-6×10⁻¹⁹", "-4×10⁻¹⁹", "-2×10⁻¹⁹", "0"}));
}

TEST(ChartsAxis, Zero) {
  const Labels zero_to_one{"0", "0.2", "0.4", "0.6", "0.8", "1"};
  EXPECT_EQ(SaneAxis({D("0"), D("0.00"), Decimal::Invalid()}), zero_to_one);
  EXPECT_EQ(SaneAxis({D("0.000000000000000000")}), zero_to_one);
  EXPECT_EQ(SaneAxis({D("0"), D("124.88")}), (Labels{"0", "25", "50", "75", "100", "125"}));
}

TEST(ChartsAxis, AllEqual) {
  EXPECT_EQ(SaneAxis({D("7"), D("7"), D("7")}), (Labels{"0", "2", "4", "6", "8"}));
  EXPECT_EQ(SaneAxis({D("-127.10"), D("-127.10")}), (Labels{"-150", "-100", "-50", "0"}));
  // The smallest Decimal: steps below Decimal's 18 decimals, still 5 intervals (not one).
  EXPECT_EQ(SaneAxis({D("0.000000000000000001"), D("0.000000000000000001")}),
            (Labels{"0", "2×10⁻¹⁹", "4×10⁻¹⁹", "6×10⁻¹⁹", "8×10⁻¹⁹", "1×10⁻¹⁸"}));
}

TEST(ChartsAxis, TenToTheFifteenth) {
  EXPECT_EQ(SaneAxis({D("1000000000000000")}),
            (Labels{"0", "2×10¹⁴", "4×10¹⁴", "6×10¹⁴", "8×10¹⁴", "1×10¹⁵"}));
  EXPECT_EQ(SaneAxis({D("999999999999999999999999")}),  // 24 digits, the most Parse takes
            (Labels{"0", "2×10²³", "4×10²³", "6×10²³", "8×10²³", "1×10²⁴"}));
  // Up to 12 characters the labels stay plain.
  EXPECT_EQ(SaneAxis({D("90000000000")}), (Labels{"0", "20000000000", "40000000000", "60000000000",
                                                  "80000000000", "100000000000"}));
}

TEST(ChartsAxis, TenToTheMinusFifteenth) {
  EXPECT_EQ(SaneAxis({D("0.000000000000001")}),
            (Labels{"0", "2×10⁻¹⁶", "4×10⁻¹⁶", "6×10⁻¹⁶", "8×10⁻¹⁶", "1×10⁻¹⁵"}));
  EXPECT_EQ(SaneAxis({D("0.0000003")}), (Labels{"0", "0.0000001", "0.0000002", "0.0000003"}));
}

TEST(ChartsAxis, OneHugeBesideOneTiny) {
  EXPECT_EQ(SaneAxis({D("1000000000000000"), D("0.000000000000001")}),
            (Labels{"0", "2×10¹⁴", "4×10¹⁴", "6×10¹⁴", "8×10¹⁴", "1×10¹⁵"}));
  EXPECT_EQ(SaneAxis({D("1000000000000000"), D("-0.000000000000001")}),
            (Labels{"-2.5×10¹⁴", "0", "2.5×10¹⁴", "5×10¹⁴", "7.5×10¹⁴", "1×10¹⁵"}));
  EXPECT_EQ(SaneAxis({D("-0.000000000000000001"), D("999999999999999999999999")}),
            (Labels{"-2.5×10²³", "0", "2.5×10²³", "5×10²³", "7.5×10²³", "1×10²⁴"}));
}

// The extremes of Decimal's 128-bit units, which sums of figures can reach.
TEST(ChartsAxis, ExtremesOfDecimal) {
  const __int128 max = ~(static_cast<unsigned __int128>(1) << 127);  // 2^127 − 1 ≈ 1.7·10^38
  const __int128 min = -max - 1;
  EXPECT_EQ(SaneAxis({Decimal::FromUnits(max, 0), Decimal::FromUnits(min, 0)}),
            (Labels{"-2×10³⁸", "-1×10³⁸", "0", "1×10³⁸", "2×10³⁸"}));
  EXPECT_EQ(SaneAxis({Decimal::FromUnits(max, 18)}),  // 1.7·10^20
            (Labels{"0", "5×10¹⁹", "1×10²⁰", "1.5×10²⁰", "2×10²⁰"}));
  EXPECT_EQ(SaneAxis({Decimal::FromUnits(min, 18), Decimal::FromUnits(1, 18)}),
            (Labels{"-2×10²⁰", "-1.5×10²⁰", "-1×10²⁰", "-5×10¹⁹", "0", "5×10¹⁹"}));
}

// The value printed on a bar: as written while it is short, m×10ⁿ beyond 16 characters (before,
// "1000000000000000.00" ran over the neighbouring bars and off the picture).
TEST(ChartsValueLabels, AsWrittenOrPowersOfTenWhenLong) {
  EXPECT_EQ(ChartValueLabel(D("124.88")), "124.88");
  EXPECT_EQ(ChartValueLabel(D("-127.10")), "-127.10");
  EXPECT_EQ(ChartValueLabel(D("0.00")), "0.00");
  EXPECT_EQ(ChartValueLabel(Decimal::Invalid()), "—");
  EXPECT_EQ(ChartValueLabel(D("123456789.123456")), "123456789.123456");  // 16 characters
  EXPECT_EQ(ChartValueLabel(D("1234567890.123456")), "≈1.23457×10⁹");
  EXPECT_EQ(ChartValueLabel(D("1000000000000000.00")), "1×10¹⁵");
  EXPECT_EQ(ChartValueLabel(D("-0.000000000000001")), "-1×10⁻¹⁵");
  EXPECT_EQ(ChartValueLabel(D("0.000000000000000005")), "5×10⁻¹⁸");
  EXPECT_EQ(ChartValueLabel(D("12345600000000000")), "1.23456×10¹⁶");
  EXPECT_EQ(ChartValueLabel(D("123456789012345678.9")), "≈1.23457×10¹⁷");
  EXPECT_EQ(ChartValueLabel(D("999999999999999999999999")), "≈1×10²⁴");
  EXPECT_EQ(ChartValueLabel(D("-0.000000000000000001")), "-1×10⁻¹⁸");
  const __int128 max = ~(static_cast<unsigned __int128>(1) << 127);
  EXPECT_EQ(ChartValueLabel(Decimal::FromUnits(max, 0)), "≈1.70141×10³⁸");
  EXPECT_EQ(ChartValueLabel(Decimal::FromUnits(-max - 1, 18)), "≈-1.70141×10²⁰");
}

TEST(ChartsSvg, Deterministic) {
  Result<std::string> a = ChartSvg(BudgetChart());
  Result<std::string> b = ChartSvg(BudgetChart());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  Result<std::string> pa = ChartPng(BudgetChart());
  Result<std::string> pb = ChartPng(BudgetChart());
  ASSERT_TRUE(pa.ok() && pb.ok());
  EXPECT_EQ(*pa, *pb);
}

TEST(ChartsErrors, SeriesLengthMismatch) {
  Chart c = BudgetChart();
  c.series[1].values.pop_back();
  Result<std::string> svg = ChartSvg(c);
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(svg.status().message(),
            "chart budget_execution: series 执行数 has 2 values for 3 categories");
  Result<std::string> png = ChartPng(c);
  ASSERT_FALSE(png.ok());
  EXPECT_EQ(png.status().code(), Status::Code::kInvalidArgument);
}

TEST(ChartsErrors, NoCategoryAndBadSize) {
  Chart c;
  c.id = "empty";
  Result<std::string> svg = ChartSvg(c);
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.status().message(), "chart empty: no category");
  ChartStyle style;
  style.scale = 0;
  Result<std::string> png = ChartPng(OneSeries({D("1")}), style);
  ASSERT_FALSE(png.ok());
  EXPECT_EQ(png.status().code(), Status::Code::kInvalidArgument);
}

// ---------------------------------------------------------------------------------------------
// PNG.

uint32_t BigEndian32(const std::string& s, size_t at) {
  auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(s[at + i])); };
  return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

TEST(ChartsPng, SignatureAndSizeTimesScale) {
  ChartStyle style;
  style.width = 300;
  style.height = 200;
  style.scale = 1.5;
  Result<std::string> png = ChartPng(BudgetChart(), style);
  ASSERT_TRUE(png.ok()) << png.status().message();
  ASSERT_GT(png->size(), 33u);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png->substr(12, 4), "IHDR");
  EXPECT_EQ(BigEndian32(*png, 16), 450u);
  EXPECT_EQ(BigEndian32(*png, 20), 300u);

  Result<std::string> standard = ChartPng(BudgetChart());
  ASSERT_TRUE(standard.ok());
  EXPECT_EQ(BigEndian32(*standard, 16), 1280u);
  EXPECT_EQ(BigEndian32(*standard, 20), 720u);
}

// A decoded PNG: rows of 0xRRGGBB.
struct Image {
  int width = 0, height = 0;
  std::vector<uint32_t> pixels;
  uint32_t at(int x, int y) const { return pixels[static_cast<size_t>(y) * width + x]; }
};

struct Reader {
  const std::string* data;
  size_t offset = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* out, unsigned int length) {
  Reader* r = static_cast<Reader*>(closure);
  if (r->offset + length > r->data->size()) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(r->data->data() + r->offset, length, reinterpret_cast<char*>(out));
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

Image Decode(const std::string& png) {
  Reader reader{&png};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(ReadPng, &reader);
  Image image;
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
    cairo_surface_t* rgb = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, cairo_image_surface_get_width(s), cairo_image_surface_get_height(s));
    cairo_t* cr = cairo_create(rgb);
    cairo_set_source_surface(cr, s, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(rgb);
    image.width = cairo_image_surface_get_width(rgb);
    image.height = cairo_image_surface_get_height(rgb);
    const unsigned char* data = cairo_image_surface_get_data(rgb);
    int stride = cairo_image_surface_get_stride(rgb);
    for (int y = 0; y < image.height; ++y) {
      const uint32_t* row = reinterpret_cast<const uint32_t*>(data + y * stride);
      for (int x = 0; x < image.width; ++x) image.pixels.push_back(row[x] & 0xFFFFFF);
    }
    cairo_surface_destroy(rgb);
  }
  cairo_surface_destroy(s);
  return image;
}

// A run of columns [first, last] holding the colour, and the number of its pixels in the
// middle column.
struct Bar {
  int first, last, middle_height, top, bottom;
};

// The solid rectangles of `colour`, left to right, found column by column.
std::vector<Bar> VerticalBars(const Image& image, uint32_t colour) {
  std::vector<Bar> bars;
  auto column_has = [&](int x) {
    for (int y = 0; y < image.height; ++y) {
      if (image.at(x, y) == colour) return true;
    }
    return false;
  };
  for (int x = 0; x < image.width; ++x) {
    if (!column_has(x)) continue;
    int first = x;
    while (x + 1 < image.width && column_has(x + 1)) ++x;
    Bar bar{first, x, 0, image.height, -1};
    int mid = (first + x) / 2;
    for (int y = 0; y < image.height; ++y) {
      if (image.at(mid, y) != colour) continue;
      ++bar.middle_height;
      bar.top = std::min(bar.top, y);
      bar.bottom = std::max(bar.bottom, y);
    }
    bars.push_back(bar);
  }
  return bars;
}

TEST(ChartsPixels, OneBarIsASolidRectangleOfTheSeriesColour) {
  ChartStyle style;
  style.scale = 1;
  Result<std::string> png = ChartPng(OneSeries({D("100")}), style);
  ASSERT_TRUE(png.ok());
  Image image = Decode(*png);
  ASSERT_EQ(image.width, 640);
  ASSERT_EQ(image.height, 360);
  std::vector<Bar> bars = VerticalBars(image, kSeries0);
  ASSERT_EQ(bars.size(), 1u);
  const Bar& bar = bars[0];
  // Centred in the plot, wide and tall, and solid: every pixel inside is the series colour.
  int centre = (bar.first + bar.last) / 2;
  EXPECT_NEAR(centre, 640 / 2, 30);
  EXPECT_GE(bar.last - bar.first + 1, 40);
  EXPECT_GE(bar.middle_height, 360 / 2);
  EXPECT_EQ(bar.bottom - bar.top + 1, bar.middle_height);
  for (int y = bar.top; y <= bar.bottom; ++y) {
    for (int x = bar.first + 1; x < bar.last; ++x) {
      ASSERT_EQ(image.at(x, y), kSeries0) << x << "," << y;
    }
  }
  // Outside it: not the series colour.
  EXPECT_NE(image.at(centre, bar.top - 3), kSeries0);
  EXPECT_NE(image.at(centre, bar.bottom + 3), kSeries0);
  EXPECT_NE(image.at(bar.first - 3, (bar.top + bar.bottom) / 2), kSeries0);
}

TEST(ChartsPixels, BarHeightsAreProportionalToTheValues) {
  ChartStyle style;
  style.scale = 1;
  Result<std::string> png =
      ChartPng(OneSeries({D("100"), D("50"), Decimal::Invalid(), D("25")}), style);
  ASSERT_TRUE(png.ok());
  std::vector<Bar> bars = VerticalBars(Decode(*png), kSeries0);
  ASSERT_EQ(bars.size(), 3u);
  // Same baseline, heights 4 : 2 : 1 (to a pixel of antialiasing), equal widths.
  EXPECT_NEAR(bars[0].bottom, bars[1].bottom, 1);
  EXPECT_NEAR(bars[0].bottom, bars[2].bottom, 1);
  EXPECT_NEAR(bars[0].middle_height, 2 * bars[1].middle_height, 2);
  EXPECT_NEAR(bars[0].middle_height, 4 * bars[2].middle_height, 4);
  EXPECT_EQ(bars[0].last - bars[0].first, bars[2].last - bars[2].first);
  // The missing third category leaves a gap of two group widths between bars 2 and 3.
  int group = bars[1].first - bars[0].first;
  EXPECT_NEAR(bars[2].first - bars[1].first, 2 * group, 2);
}

TEST(ChartsPixels, ScaledPngIsTheSameDrawingTwiceAsLarge) {
  Chart chart = OneSeries({D("100"), D("50")});
  ChartStyle one;
  one.scale = 1;
  ChartStyle two;
  two.scale = 2;
  Result<std::string> a = ChartPng(chart, one);
  Result<std::string> b = ChartPng(chart, two);
  ASSERT_TRUE(a.ok() && b.ok());
  std::vector<Bar> small = VerticalBars(Decode(*a), kSeries0);
  std::vector<Bar> large = VerticalBars(Decode(*b), kSeries0);
  ASSERT_EQ(small.size(), 2u);
  ASSERT_EQ(large.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_NEAR(large[i].first, 2 * small[i].first, 2);
    EXPECT_NEAR(large[i].middle_height, 2 * small[i].middle_height, 3);
  }
}

TEST(ChartsPixels, HorizontalBarLengthsAreProportionalToTheValues) {
  ChartStyle style;
  style.scale = 1;
  Result<std::string> png =
      ChartPng(OneSeries({D("40"), D("10")}, Chart::Kind::kHorizontalBars), style);
  ASSERT_TRUE(png.ok());
  Image image = Decode(*png);
  // Row by row: the length of the series-colour run of each bar.
  std::vector<int> lengths;
  int previous = 0;
  for (int y = 0; y < image.height; ++y) {
    int run = 0;
    for (int x = 0; x < image.width; ++x) run += image.at(x, y) == kSeries0;
    if (run > 0 && previous == 0) lengths.push_back(0);
    if (run > 0) lengths.back() = std::max(lengths.back(), run);
    previous = run;
  }
  ASSERT_EQ(lengths.size(), 2u);
  EXPECT_NEAR(lengths[0], 4 * lengths[1], 4);
}

TEST(ChartsErrors, MessagesInChinese) {
  ScopedMessageLanguage zh(Lang::kZh);
  Chart c = BudgetChart();
  c.series[1].values.pop_back();
  EXPECT_EQ(ChartSvg(c).status().message(),
            "图表 budget_execution：系列 执行数 有 2 个数值，而类别有 3 个");
  Chart empty;
  empty.id = "empty";
  EXPECT_EQ(ChartPng(empty).status().message(), "图表 empty：没有类别");
  ChartStyle style;
  style.width = 8;
  EXPECT_EQ(ChartSvg(BudgetChart(), style).status().message(),
            "图表 budget_execution：尺寸 8×360（缩放 2）超出范围");
}

}  // namespace
}  // namespace jixiao
