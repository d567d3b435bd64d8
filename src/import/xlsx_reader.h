// ReadXlsx: an Excel workbook (.xlsx, Office Open XML SpreadsheetML) read into a FlatDocument —
// one FlatTable per worksheet, in the workbook's tab order, each cell holding the text a clerk
// sees in Excel. Formulas are never evaluated: a formula cell contributes the value Excel
// cached when the file was last saved. A formula without a cached value reads as empty and is
// counted in FlatDocument::formulas_without_values (the first few listed in formula_cells);
// the importer has LibreOffice calculate such a workbook (import/importer.h).
//
// What a cell's text is:
//   * strings (shared, inline, formula results): as written; rich-text runs joined, phonetic
//     guides (rPh) dropped, the _xHHHH_ escapes decoded, line breaks as '\n';
//   * booleans "TRUE" / "FALSE"; errors as Excel shows them ("#DIV/0!");
//   * numbers, exactly (never through a double), under the cell's number format:
//       General            "124.88000000000001" → "124.88" (15 significant digits, as Excel
//                          shows; written out without an exponent unless it needs more than
//                          21 integer digits or 20 decimals, then "1.5E+25");
//       0.00 / #,##0.00    127.1 → "127.10" (the format's decimals, no thousands separators;
//                          "0.0#" shows 1 or 2 decimals; a trailing ',' divides by 1,000);
//       0.00% / 0.0% / 0%  0.9825 → "98.25%";
//       dates and times    45292 → "2024年1月1日" (Excel's 1900 system with its fictitious
//                          1900-02-29, or the 1904 system when the workbook says so); a format
//                          that shows only some parts shows only those ("yyyy年m月" →
//                          "2024年1月"); times as "H:MM" or "H:MM:SS", 24-hour;
//     Currency symbols, colours, literal text, padding and parentheses are decorations and are
//     dropped: a negative number always reads "-…". Scientific, fraction and text ("@")
//     formats read as General.
//   * a cell with no value (only a style) or whose text is empty is absent.
//
// The grid of a table: rows are the sheet's rows from the first to the last that holds a cell
// or a merged range, one FlatRow per sheet row; empty rows between them are kept, with no
// cells, up to 20 in a row — a longer run is kept as one empty row, so that work and memory
// follow the cells that exist (a stray cell at A300000 costs one row). Rows spanned by a merge
// are never empty, so row spans line up. Column A is column 0. A row holds cells up to its last
// filled or merged column, with empty cells filling gaps, so `cells[i].column == i`. A merged range
// puts its spans on its top-left cell and a `covered` cell with empty text on every other
// position; a range overlapping an earlier one is ignored, as Excel's repair does.
// Provenance: every cell's origin.cell_ref is its own reference ("B7"), gap and covered cells
// included; a row's origin.cell_ref is the reference of its column-A position ("A7"), which
// gives the sheet row number (the recognizer quotes it).
// Every sheet of the workbook is read, hidden and "veryHidden" ones included (a form's lookup
// lists often live in hidden sheets; the recognizer decides what to use); chart sheets and
// dialog sheets, which hold no cells, give no table. FlatTable.index counts the tables made.
//
// Thread-safe: no shared state; call from any thread. Messages follow the language in force
// (base/lang.h); the English forms are given below.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "import/flat_document.h"

namespace jixiao {

// Caps that keep a hostile workbook from exhausting memory. Cells are counted as the grid
// holds them: gap and covered cells included, and one for each empty row kept.
struct XlsxLimits {
  int64_t max_sheet_cells = 200000;
  int64_t max_workbook_cells = 1000000;
  uint64_t max_text_bytes = 64ull << 20;  // all cell text, after shared strings are copied
};

// Reads the workbook in `bytes`; `file_name` only names it in messages and in
// FlatDocument.file. On success the document has format "xlsx" and one kTable block per
// worksheet. Errors (the message always starts with the file name):
//   not a zip archive or a damaged one   the ZipArchive status (InvalidArgument / Corruption),
//                                        a member beyond the zip bomb caps included;
//   a zip without xl/workbook.xml        InvalidArgument "f: not an Excel workbook (no
//                                        xl/workbook.xml)", or "f: not an Excel workbook: it
//                                        looks like a Word document (word/document.xml)";
//   malformed XML                        Corruption "f: xl/worksheets/sheet1.xml: byte 812:
//                                        Start-end tags mismatch";
//   a malformed cell reference           Corruption "f: xl/worksheets/sheet1.xml: malformed
//                                        cell reference \"B0\"" (also rows, merged ranges,
//                                        shared string indexes, sheet relationships);
//   beyond XlsxLimits                    InvalidArgument "f: sheet \"Sheet1\": more than
//                                        200000 cells; larger sheets are refused".
// Example: a workbook whose sheet 自评表 has B7 = 0.9825 formatted "0.00%" gives
// blocks[0].table.rows[6].cells[1].text == "98.25%" (when row 1 is its first filled row).
Result<FlatDocument> ReadXlsx(std::string_view bytes, const std::string& file_name,
                              const XlsxLimits& limits = {});

// The text Excel shows for the number `value` (the text of a <v> element, e.g. "0.9825" or
// "1.2E-2") under the number format `format_code` (e.g. "0.00%"), by the rules above. A value
// that is not a number is returned unchanged. Example: FormatXlsxNumber("0.9825", "0.00%")
// == "98.25%"; FormatXlsxNumber("45292", "yyyy\"年\"m\"月\"d\"日\"") == "2024年1月1日".
std::string FormatXlsxNumber(std::string_view value, std::string_view format_code,
                             bool date1904 = false);

// The format code of a built-in number format id (0–58, zh-CN locale for the
// locale-dependent ids 27–36 and 50–58), or "" when the id has none.
std::string_view BuiltinXlsxFormat(int id);

}  // namespace jixiao
