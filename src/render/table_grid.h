// Table grids: which merge covers each position of a RenderTable's grid, checked once for every
// writer that draws tables cell by cell (render/docx_writer.h, render/pdf_writer.h). A table is
// a rectangular grid in which a merge appears once as its origin (with its spans) and once per
// other position it covers as a `covered` cell (render/document.h); BuildTableGrid checks that
// this holds and records, for every position, the origin that owns it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/status.h"
#include "render/document.h"

namespace jixiao {

struct Grid {
  int rows = 0;
  int columns = 0;
  std::vector<int> owner;  // per position r*columns+c: the position of the merge's origin
  int at(int r, int c) const { return owner[static_cast<size_t>(r) * columns + c]; }
};

// "table 2 (evaluation)" / "表 2（evaluation）": a table named for messages, 1-based; and a
// chart the same way ("chart 1 (budget_execution)"), for the writers' errors.
std::string TableName(const RenderDocument& doc, size_t t);
std::string ChartName(const RenderDocument& doc, size_t c);

// Fills `grid` for doc.tables[t]. InvalidArgument naming the place with 1-based numbers ("table
// 1 (basic_data), row 3, column 2: covered, but no merge covers it") when the column widths or
// a row's cells do not match the grid's columns, or the merges do not match their covered cells
// (outside the grid, overlapping, a covered cell no merge covers, an uncovered one inside one).
Status BuildTableGrid(const RenderDocument& doc, size_t t, Grid* grid);

// Whether no merge crosses the boundary above grid row `r`.
bool CutBefore(const Grid& grid, int r);

// A table whose rows head a later part of it (RenderTable::row_headings, the 自评表's 一级指标 /
// 二级指标 … row) is written by the DOCX and HTML writers as one table per part, so that the
// heading rows are the leading rows repeated on the pages that part runs onto (Word,
// LibreOffice and browsers repeat only a table's leading rows). A part starts only where no
// merge reaches across; a merge from a part's heading rows into its body is the writer's to
// carry on.
struct TablePart {
  int first = 0;       // its first row
  int end = 0;         // one past its last row
  int header_end = 0;  // rows [first, header_end) are its heading rows
};
std::vector<TablePart> TableParts(const RenderTable& table, const Grid& grid);

}  // namespace jixiao
