// Native Word charts: a Chart (render/document.h) as a DrawingML chart part
// (word/charts/chartN.xml, the c:chartSpace of ECMA-376 Part 1, §21.2). Word, WPS and
// LibreOffice draw it themselves — as vectors, at any size, in the document's fonts — and a
// clerk can restyle it or read its figures; nothing is rasterised when a document is written.
//
// What the part holds:
//   - a clustered bar chart: columns (Chart::Kind::kGroupedBars) or horizontal bars
//     (kHorizontalBars, the first category on top, the value axis below);
//   - one series per Chart::Series, filled with the colour every format uses
//     (ChartSeriesRgb), its values printed at the end of the bars;
//   - the categories and values as the chart's own cache (c:strCache / c:numCache) with the
//     references of a data sheet laid out as Word lays one out (categories in column A, series in
//     B, C, … with their names in row 1), so that the numbers travel with the document; a value
//     is written exactly as the Decimal is written ("124.88"); an invalid Decimal is no point;
//   - the title above the plot, "单位：<unit>" as the value axis's title (as render/charts.h prints
//     it), the legend below the plot when there are two series or more;
//   - every text in `font_family` (Latin and East-Asian), the title in bold.
// No embedded workbook: Office draws the chart from its cache (editing its data asks for the
// sheet, which is not there).
//
// Pure function of its inputs; safe from any thread.
#pragma once

#include <pugixml.hpp>
#include <string_view>

#include "render/document.h"

namespace jixiao {

// The content type and the relationship type of a chart part.
inline constexpr const char* kDocxChartContentType =
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
inline constexpr const char* kDocxChartRelationship =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
// The namespace of c:chartSpace, and the a:graphicData uri that places a chart in a document.
inline constexpr const char* kNsChart = "http://schemas.openxmlformats.org/drawingml/2006/chart";

// Builds the chart part into `xml` (empty on entry). The chart's data must pass CheckChartData
// and its texts must be text XML can hold (render/docx_writer.cc checks both before).
void BuildDocxChartPart(const Chart& chart, std::string_view font_family, pugi::xml_document* xml);

}  // namespace jixiao
