// The render job's writers that draw — charts as PNG and SVG (cairo, pango), the native PDF,
// XLSX (libxlsxwriter), HTML with its SVG charts — behind a table of functions, so that the job
// itself (render/render.cc: prepare, compose, fonts, DOCX, JSON, PDF through LibreOffice) links
// without them. render/render_drawing.cc fills the table and defines RenderToMemory with it; the
// light `jixiao` binary calls RenderWithoutDrawing and never links the drawing libraries.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "render/document.h"
#include "render/render.h"

namespace jixiao {

struct DrawingWriters {
  // Every chart of the document drawn as PNG (`png`) and/or SVG (`svg`): one string per chart,
  // empty for a chart left out, with a note saying why.
  void (*draw_charts)(const RenderDocument& doc, bool png, bool svg,
                      std::vector<std::string>* png_out, std::vector<std::string>* svg_out,
                      std::vector<std::string>* notes);
  Result<std::string> (*write_xlsx)(const RenderDocument& doc, const std::vector<std::string>& png);
  Result<std::string> (*write_pdf)(const RenderDocument& doc);
  std::string (*write_html)(const RenderDocument& doc, const std::vector<std::string>& svg);
};

// RenderToMemory with the given writers; `drawing` null allows only the formats for which
// RendersWithoutDrawing holds (InvalidArgument otherwise).
Result<RenderResult> RenderWith(const DrawingWriters* drawing, const Package& package,
                                const Rulebook& rulebook, const Form& form,
                                const std::vector<std::string>& formats, PdfEngine pdf_engine);

}  // namespace jixiao
