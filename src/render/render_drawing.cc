// RenderToMemory and RenderPackage with every writer (render.h): the drawing writers of
// render/render_writers.h filled with cairo's charts, the native PDF, libxlsxwriter's workbook and
// the HTML page. Linked into jixiao-full and the server, not into the light `jixiao`.
#include <utility>

#include "base/lang.h"
#include "render/charts.h"
#include "render/html_writer.h"
#include "render/pdf_writer.h"
#include "render/render.h"
#include "render/render_writers.h"
#include "render/xlsx_writer.h"

namespace jixiao {
namespace {

void DrawCharts(const RenderDocument& doc, bool png, bool svg, std::vector<std::string>* png_out,
                std::vector<std::string>* svg_out, std::vector<std::string>* notes) {
  ChartStyle style;
  style.font_family = doc.fonts.table.chosen();
  for (const Chart& chart : doc.charts) {
    Status left_out = CheckChartData(chart);
    std::string png_bytes, svg_text;
    if (left_out.ok() && png) {
      Result<std::string> p = ChartPng(chart, style);
      if (p.ok()) {
        png_bytes = std::move(p).value();
      } else {
        left_out = p.status();
      }
    }
    if (left_out.ok() && svg) {
      Result<std::string> s = ChartSvg(chart, style);
      if (s.ok()) {
        svg_text = std::move(s).value();
      } else {
        left_out = s.status();
      }
    }
    if (!left_out.ok()) {
      notes->push_back(
          TrF("图表 {} 未放入：{}", "chart {} left out: {}", chart.id, left_out.message()));
    }
    if (png) png_out->push_back(std::move(png_bytes));
    if (svg) svg_out->push_back(std::move(svg_text));
  }
}

constexpr DrawingWriters kDrawingWriters = {&DrawCharts, &WriteXlsxBytes, &WritePdf, &WriteHtml};

}  // namespace

Result<RenderResult> RenderToMemory(const Package& package, const Rulebook& rulebook,
                                    const Form& form, const std::vector<std::string>& formats,
                                    PdfEngine pdf_engine) {
  return RenderWith(&kDrawingWriters, package, rulebook, form, formats, pdf_engine);
}

Result<RenderResult> RenderPackage(const Package& package, const Rulebook& rulebook,
                                   const Form& form, const RenderRequest& request) {
  Result<RenderResult> r =
      RenderToMemory(package, rulebook, form, request.formats, request.pdf_engine);
  if (!r.ok()) return r;
  Status written = WriteRenderedFiles(request, &*r);
  if (!written.ok()) return written;
  return r;
}

}  // namespace jixiao
