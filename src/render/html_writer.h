// HTML writer: a RenderDocument → one self-contained page for publication: inline CSS and SVG,
// no scripts, fonts or images fetched from anywhere (no external requests), readable on a phone
// (tables scroll sideways inside their own box), printable (A4 @page rules, header rows
// repeated), tables with the same merges as the official form (rowspan / colspan).
//
// Pure function of its inputs; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "render/document.h"

namespace jixiao {

// `chart_svg[i]` is the SVG of doc.charts[i] (render/charts.h); missing or empty ones are left
// out. Every text is HTML-escaped.
std::string WriteHtml(const RenderDocument& doc, const std::vector<std::string>& chart_svg);

}  // namespace jixiao
