// Excel (XLSX) writer: a RenderDocument's tables → a workbook written with libxlsxwriter, one
// sheet per table in the official layout (merged ranges from the grid), computed cells as
// formulas with their cached results (so viewers without a calculation engine show the
// figures), input cells unlocked and every other cell protected, drop-down validation for
// ordinal words, and print set-up (A4, orientation, margins, header rows repeated, fit to one
// page wide). Charts go on a sheet of their own as PNG pictures.
//
// Safe from any thread (libxlsxwriter keeps no global state); writes one file.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "render/document.h"

namespace jixiao {

// Writes the workbook to `path`. `chart_png[i]` is the PNG of doc.charts[i]; missing or empty
// ones are left out. Returns IOError naming the path when the file cannot be written.
Status WriteXlsx(const RenderDocument& doc, const std::vector<std::string>& chart_png,
                 const std::string& path);

}  // namespace jixiao
