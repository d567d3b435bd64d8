// Excel (XLSX) writer: a RenderDocument's tables → a workbook written with libxlsxwriter, one
// sheet per table in the official layout (merged ranges from the grid), computed cells as
// formulas with their cached results (so viewers without a calculation engine show the
// figures), input cells unlocked and every other cell protected, drop-down validation for
// ordinal words, and print set-up (A4, orientation, margins, header rows repeated, fit to one
// page wide). Charts go on a sheet of their own as PNG pictures.
//
// Safe from any thread (libxlsxwriter keeps no global state); writes one file, or returns
// the bytes.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "render/document.h"

namespace jixiao {

// Writes the workbook to `path`. `chart_png[i]` is the PNG of doc.charts[i]; missing or empty
// ones are left out. Returns IOError naming the path when the file cannot be written, and
// InvalidArgument naming the path, the sheet and the cell when a table cannot be laid out (no
// file is left then).
Status WriteXlsx(const RenderDocument& doc, const std::vector<std::string>& chart_png,
                 const std::string& path);

// The same workbook as bytes, in memory for the caller: libxlsxwriter writes it in a private
// temporary folder that is removed before returning. The same failures, the workbook named "the
// Excel workbook" ("Excel 工作簿") instead of a path.
Result<std::string> WriteXlsxBytes(const RenderDocument& doc,
                                   const std::vector<std::string>& chart_png);

}  // namespace jixiao
