// The native PDF writer: draws a composed RenderDocument (render/document.h, the same the DOCX,
// XLSX and HTML writers take) on cairo's PDF surface, text laid out by pango. No office suite:
// the example package becomes a PDF in milliseconds (render/pdf.h keeps LibreOffice's
// conversion of our DOCX as the other engine, `render --pdf-engine libreoffice`).
//
// The pages follow the DOCX writer's layout (render/docx_writer.h), so both engines print the
// same document:
//   - A4 with the form's margins; the cover alone on the first page, unnumbered; the report
//     numbered from 1 ("— 1 —", centred in the footer, 四号 in the body font); a landscape
//     table on landscape pages of its own.
//   - Paragraphs and headings at a fixed 28-point line pitch, justified, with the two-character
//     first-line indent; Chinese line breaking by pango. A heading is never the last line of a
//     page (it moves to the next with two lines of what follows).
//   - Tables centred, with borders, merged cells (row and column spans), text wrapped in its
//     cell and centred vertically; rows are never split; a row that does not fit starts a new
//     page, on which the header rows are repeated and a merged label cell that continues from
//     the page before is printed again, marked “（续）”. Every row is at least one text line
//     high, empty or not. A table's title and subtitle stay with its first rows.
//   - Charts as vectors (render/charts.h), centred, scaled to the text width.
//   - Text is text: fonts are embedded as subsets with their ToUnicode maps (pdftotext and
//     copy-paste give the characters); the document carries its title, author (the unit),
//     creator and language (zh-CN). The creation date is fixed, so the same document always
//     gives the same bytes.
//
// The fonts are the roles' chosen families (render/fonts.h's ResolveFonts must have run for
// every glyph to exist; pango would otherwise substitute).
//
// Errors (InvalidArgument), naming the place with 1-based numbers: text that is not UTF-8
// ("cannot write the PDF: table 1 (basic_data), row 3, column 2: the text is not UTF-8 at byte
// 4"), table grids whose merges do not match their covered cells (render/table_grid.h), blocks
// naming a table or chart that does not exist, a chart that cannot be drawn. IOError only when
// cairo fails (memory).
//
// Pure function of its input; safe from any thread (each call owns its surface).
#pragma once

#include <string>

#include "base/status.h"
#include "render/document.h"

namespace jixiao {

// The PDF's bytes.
Result<std::string> WritePdf(const RenderDocument& doc);

}  // namespace jixiao
