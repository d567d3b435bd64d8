// Native Word charts (see docx_chart.h).
#include "render/docx_chart.h"

#include <fmt/format.h>

#include <string>

#include "base/text.h"

namespace jixiao {
namespace {

constexpr const char* kNsA = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr const char* kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kSheet = "Sheet1";
constexpr unsigned kCategoryAxis = 50010;
constexpr unsigned kValueAxis = 50020;
// Text sizes in hundredths of a point.
constexpr int kTitleSize = 1200;
constexpr int kTextSize = 900;
constexpr unsigned kTextRgb = 0x222222;
constexpr unsigned kMutedRgb = 0x555555;
constexpr unsigned kGridRgb = 0xD9D9D9;
constexpr unsigned kAxisRgb = 0x444444;

pugi::xml_node Add(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

// Appends <name val="value"/>.
template <typename T>
pugi::xml_node Val(pugi::xml_node parent, const char* name, T value) {
  pugi::xml_node n = parent.append_child(name);
  n.append_attribute("val") = value;
  return n;
}

std::string Hex(unsigned rgb) { return fmt::format("{:06X}", rgb & 0xFFFFFFu); }

void SolidFill(pugi::xml_node parent, unsigned rgb) {
  Val(Add(parent, "a:solidFill"), "a:srgbClr", Hex(rgb).c_str());
}

// <c:spPr> with a line of `rgb` (or none).
void Line(pugi::xml_node sp_pr, const unsigned* rgb) {
  pugi::xml_node ln = Add(sp_pr, "a:ln");
  if (rgb == nullptr) {
    Add(ln, "a:noFill");
    return;
  }
  ln.append_attribute("w") = 9525;  // 0.75 pt
  SolidFill(ln, *rgb);
}

// The run properties of every text: size, colour, bold, the font for Latin and East-Asian text.
void RunProperties(pugi::xml_node rpr, std::string_view font, int size, unsigned rgb, bool bold) {
  rpr.append_attribute("lang") = "zh-CN";
  rpr.append_attribute("sz") = size;
  rpr.append_attribute("b") = bold ? 1 : 0;
  SolidFill(rpr, rgb);
  const std::string face(font);
  for (const char* script : {"a:latin", "a:ea", "a:cs"}) {
    Add(rpr, script).append_attribute("typeface") = face.c_str();
  }
}

// <c:txPr>: the text properties of an axis, the data labels or the legend.
void TextProperties(pugi::xml_node parent, std::string_view font, unsigned rgb) {
  pugi::xml_node tx = Add(parent, "c:txPr");
  Add(tx, "a:bodyPr");
  Add(tx, "a:lstStyle");
  pugi::xml_node p = Add(tx, "a:p");
  RunProperties(Add(Add(p, "a:pPr"), "a:defRPr"), font, kTextSize, rgb, false);
  Add(p, "a:endParaRPr").append_attribute("lang") = "zh-CN";
}

// <c:title> holding `text`, horizontal: the chart's title (bold) or the value axis's unit.
void Title(pugi::xml_node parent, const std::string& text, std::string_view font, int size,
           unsigned rgb, bool bold) {
  pugi::xml_node title = Add(parent, "c:title");
  pugi::xml_node rich = Add(Add(title, "c:tx"), "c:rich");
  pugi::xml_node body = Add(rich, "a:bodyPr");
  body.append_attribute("rot") = 0;
  body.append_attribute("vert") = "horz";
  Add(rich, "a:lstStyle");
  pugi::xml_node p = Add(rich, "a:p");
  RunProperties(Add(Add(p, "a:pPr"), "a:defRPr"), font, size, rgb, bold);
  pugi::xml_node run = Add(p, "a:r");
  RunProperties(Add(run, "a:rPr"), font, size, rgb, bold);
  Add(run, "a:t").text().set(text.c_str());
  Val(title, "c:overlay", 0);
}

// <c:strRef> or <c:numRef>: the data sheet's range and its cached points.
void StrRef(pugi::xml_node parent, const std::string& range,
            const std::vector<std::string>& texts) {
  pugi::xml_node ref = Add(parent, "c:strRef");
  Add(ref, "c:f").text().set(range.c_str());
  pugi::xml_node cache = Add(ref, "c:strCache");
  Val(cache, "c:ptCount", static_cast<unsigned>(texts.size()));
  for (size_t i = 0; i < texts.size(); ++i) {
    pugi::xml_node pt = Add(cache, "c:pt");
    pt.append_attribute("idx") = static_cast<unsigned>(i);
    Add(pt, "c:v").text().set(texts[i].c_str());
  }
}

void NumRef(pugi::xml_node parent, const std::string& range, const std::vector<Decimal>& values) {
  pugi::xml_node ref = Add(parent, "c:numRef");
  Add(ref, "c:f").text().set(range.c_str());
  pugi::xml_node cache = Add(ref, "c:numCache");
  Add(cache, "c:formatCode").text().set("General");
  Val(cache, "c:ptCount", static_cast<unsigned>(values.size()));
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i].valid()) continue;  // no point: a gap
    pugi::xml_node pt = Add(cache, "c:pt");
    pt.append_attribute("idx") = static_cast<unsigned>(i);
    Add(pt, "c:v").text().set(values[i].ToString().c_str());
  }
}

// Sheet1!$A$2:$A$4 style ranges of the data sheet Word would make for the chart.
std::string Range(int column, size_t first_row, size_t last_row) {
  const std::string col = SheetColumnName(column);
  if (first_row == last_row) return fmt::format("{}!${}${}", kSheet, col, first_row);
  return fmt::format("{}!${}${}:${}${}", kSheet, col, first_row, col, last_row);
}

void Series(pugi::xml_node bar_chart, const Chart& chart, size_t s, std::string_view font) {
  const Chart::Series& series = chart.series[s];
  const size_t n = chart.categories.size();
  pugi::xml_node ser = Add(bar_chart, "c:ser");
  Val(ser, "c:idx", static_cast<unsigned>(s));
  Val(ser, "c:order", static_cast<unsigned>(s));
  const int column = static_cast<int>(s) + 1;
  StrRef(Add(ser, "c:tx"), Range(column, 1, 1), {series.name});
  pugi::xml_node sp_pr = Add(ser, "c:spPr");
  SolidFill(sp_pr, ChartSeriesRgb(s));
  Line(sp_pr, nullptr);
  Val(ser, "c:invertIfNegative", 0);
  pugi::xml_node labels = Add(ser, "c:dLbls");
  Add(labels, "c:spPr").append_child("a:noFill");
  Line(labels.child("c:spPr"), nullptr);
  TextProperties(labels, font, kTextRgb);
  Val(labels, "c:dLblPos", "outEnd");
  Val(labels, "c:showLegendKey", 0);
  Val(labels, "c:showVal", 1);
  Val(labels, "c:showCatName", 0);
  Val(labels, "c:showSerName", 0);
  Val(labels, "c:showPercent", 0);
  Val(labels, "c:showBubbleSize", 0);
  StrRef(Add(ser, "c:cat"), Range(0, 2, n + 1), chart.categories);
  NumRef(Add(ser, "c:val"), Range(column, 2, n + 1), series.values);
}

void Axes(pugi::xml_node plot, const Chart& chart, std::string_view font) {
  const bool horizontal = chart.kind == Chart::Kind::kHorizontalBars;
  pugi::xml_node cat = Add(plot, "c:catAx");
  Val(cat, "c:axId", kCategoryAxis);
  // Horizontal bars: the first category on top (Office counts from the bottom otherwise).
  Val(Add(cat, "c:scaling"), "c:orientation", horizontal ? "maxMin" : "minMax");
  Val(cat, "c:delete", 0);
  Val(cat, "c:axPos", horizontal ? "l" : "b");
  pugi::xml_node fmt_node = Add(cat, "c:numFmt");
  fmt_node.append_attribute("formatCode") = "General";
  fmt_node.append_attribute("sourceLinked") = 0;
  Val(cat, "c:majorTickMark", "none");
  Val(cat, "c:minorTickMark", "none");
  Val(cat, "c:tickLblPos", "low");
  Line(Add(cat, "c:spPr"), &kAxisRgb);
  TextProperties(cat, font, kTextRgb);
  Val(cat, "c:crossAx", kValueAxis);
  Val(cat, "c:crosses", "autoZero");
  Val(cat, "c:auto", 1);
  Val(cat, "c:lblAlgn", "ctr");
  Val(cat, "c:lblOffset", 100);
  Val(cat, "c:noMultiLvlLbl", 0);

  pugi::xml_node val = Add(plot, "c:valAx");
  Val(val, "c:axId", kValueAxis);
  Val(Add(val, "c:scaling"), "c:orientation", "minMax");
  Val(val, "c:delete", 0);
  Val(val, "c:axPos", horizontal ? "b" : "l");
  Line(Add(Add(val, "c:majorGridlines"), "c:spPr"), &kGridRgb);
  if (!chart.unit.empty()) Title(val, "单位：" + chart.unit, font, kTextSize, kMutedRgb, false);
  pugi::xml_node num = Add(val, "c:numFmt");
  num.append_attribute("formatCode") = "General";
  num.append_attribute("sourceLinked") = 1;
  Val(val, "c:majorTickMark", "none");
  Val(val, "c:minorTickMark", "none");
  Val(val, "c:tickLblPos", "nextTo");
  Line(Add(val, "c:spPr"), nullptr);
  TextProperties(val, font, kMutedRgb);
  Val(val, "c:crossAx", kCategoryAxis);
  // Below the bars whichever way the categories run.
  Val(val, "c:crosses", horizontal ? "max" : "autoZero");
  Val(val, "c:crossBetween", "between");
}

}  // namespace

void BuildDocxChartPart(const Chart& chart, std::string_view font, pugi::xml_document* xml) {
  const bool horizontal = chart.kind == Chart::Kind::kHorizontalBars;
  pugi::xml_node space = Add(*xml, "c:chartSpace");
  space.append_attribute("xmlns:c") = kNsChart;
  space.append_attribute("xmlns:a") = kNsA;
  space.append_attribute("xmlns:r") = kNsR;
  Val(space, "c:date1904", 0);
  Val(space, "c:lang", "zh-CN");
  Val(space, "c:roundedCorners", 0);

  pugi::xml_node chart_node = Add(space, "c:chart");
  if (!chart.title.empty()) Title(chart_node, chart.title, font, kTitleSize, kTextRgb, true);
  Val(chart_node, "c:autoTitleDeleted", chart.title.empty() ? 1 : 0);
  pugi::xml_node plot = Add(chart_node, "c:plotArea");
  Add(plot, "c:layout");
  pugi::xml_node bars = Add(plot, "c:barChart");
  Val(bars, "c:barDir", horizontal ? "bar" : "col");
  Val(bars, "c:grouping", "clustered");
  Val(bars, "c:varyColors", 0);
  for (size_t s = 0; s < chart.series.size(); ++s) Series(bars, chart, s, font);
  Val(bars, "c:gapWidth", 80);
  Val(bars, "c:axId", kCategoryAxis);
  Val(bars, "c:axId", kValueAxis);
  Axes(plot, chart, font);
  pugi::xml_node plot_sp = Add(plot, "c:spPr");
  Add(plot_sp, "a:noFill");
  Line(plot_sp, nullptr);

  if (chart.series.size() > 1) {
    pugi::xml_node legend = Add(chart_node, "c:legend");
    Val(legend, "c:legendPos", "b");
    Val(legend, "c:overlay", 0);
    TextProperties(legend, font, kTextRgb);
  }
  Val(chart_node, "c:plotVisOnly", 1);
  Val(chart_node, "c:dispBlanksAs", "gap");

  pugi::xml_node space_sp = Add(space, "c:spPr");
  SolidFill(space_sp, 0xFFFFFF);
  Line(space_sp, nullptr);
  TextProperties(space, font, kTextRgb);
}

}  // namespace jixiao
