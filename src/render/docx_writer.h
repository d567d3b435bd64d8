// Word (DOCX) writer: a RenderDocument → the bytes of a .docx (WordprocessingML in a zip,
// written with pugixml and render/zip_writer.h). A4 with the form's margins; cover page; headings and body
// with the East-Asian font set on every run (w:eastAsia as well as w:ascii/w:hAnsi); page
// numbers in the footer; tables with merged cells (w:vMerge, w:gridSpan), header rows repeated
// on every page (w:tblHeader) and rows kept on one page (w:cantSplit); charts as native Word
// charts (render/docx_chart.h).
//
// Pure function of its inputs; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "render/document.h"

namespace jixiao {

// A chart without data to draw (CheckChartData) is left out. Fails with InvalidArgument naming
// the place (see docx_writer.cc), or IOError when the zip cannot be built.
Result<std::string> WriteDocx(const RenderDocument& doc);

}  // namespace jixiao
