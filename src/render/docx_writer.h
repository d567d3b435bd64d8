// Word (DOCX) writer: a RenderDocument → the bytes of a .docx (WordprocessingML in a zip,
// written with libzip + pugixml). A4 with the form's margins; cover page; headings and body
// with the East-Asian font set on every run (w:eastAsia as well as w:ascii/w:hAnsi); page
// numbers in the footer; tables with merged cells (w:vMerge, w:gridSpan), header rows repeated
// on every page (w:tblHeader) and rows kept on one page (w:cantSplit); charts as PNG pictures.
//
// Pure function of its inputs; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "render/document.h"

namespace jixiao {

// `chart_png[i]` is the PNG of doc.charts[i] (render/charts.h); a chart whose PNG is missing or
// empty is left out. Fails only when the zip cannot be built (InvalidArgument / IOError).
Result<std::string> WriteDocx(const RenderDocument& doc, const std::vector<std::string>& chart_png);

}  // namespace jixiao
