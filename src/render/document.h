// RenderDocument: the package laid out for output — what the writers (DOCX, XLSX, HTML, and
// PDF through DOCX) turn into files. It is the mirror image of import/flat_document.h: the
// composer (render/compose.h) builds it from a package, its rulebook and a form (render/form.h),
// with every derived figure already computed and every generated sentence already written;
// writers know file formats and nothing of budgets, and never compute a figure.
//
// Tables are rectangular grids. A merged cell appears once as its origin (with its spans) and
// once per covered grid position as a `covered` cell, exactly as FlatCell does, so a writer can
// emit DOCX w:vMerge / w:gridSpan, HTML rowspan / colspan and XLSX merged ranges from the same
// grid without reconstructing the tree.
//
// Plain value types; safe to share between threads once built.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.h"
#include "base/status.h"

namespace jixiao {

enum class Align { kLeft, kCenter, kRight, kJustify };

// A typographic role (title, body, table…). `families` lists the form's candidates in order
// of preference (e.g. 仿宋_GB2312, 仿宋, Noto Serif CJK SC); `family` is the one chosen on this
// machine by render/fonts.h (the first installed that has every character), empty until then.
// Writers use `family` when set, else the first candidate: render/render.h sets it only for
// what jixiao draws (PDF, chart pictures), so DOCX, XLSX and HTML name the form's first choice.
struct FontRole {
  std::vector<std::string> families;
  std::string family;
  int size_half_points = 32;  // 16 pt (三号) = 32 half-points
  bool bold = false;

  const std::string& chosen() const;
};

struct DocumentFonts {
  FontRole title;     // cover and report title (方正小标宋 / 宋体)
  FontRole heading1;  // 一、… (黑体)
  FontRole heading2;  // （一）… (楷体)
  FontRole body;      // body text (仿宋)
  FontRole table;     // table cells
  FontRole table_header;
};

// Page set-up, lengths in millimetres × 10 (A4 portrait = 2100 × 2970).
struct PageSetup {
  int width = 2100;
  int height = 2970;
  bool landscape = false;
  int margin_top = 370;  // GB/T 9704 official-document margins
  int margin_bottom = 350;
  int margin_left = 280;
  int margin_right = 260;
  bool page_numbers = true;  // "— 1 —" centred in the footer
};

// What a table cell holds, for XLSX protection and for readers of the output.
enum class CellRole {
  kLabel,     // printed wording of the form (headers, row labels)
  kInput,     // a reported figure or text the unit fills in (unlocked in XLSX)
  kComputed,  // a derived figure: rate, subtotal, score, total, grade (formula in XLSX)
};

struct TableCell {
  std::string text;  // exactly as printed ("98.25", "87.5%", "——", "优", "较为认可")
  int row_span = 1;
  int column_span = 1;
  bool covered = false;      // covered by a merge whose origin is above or to the left
  bool header = false;       // part of the header rows (bold, repeated on every page)
  int size_half_points = 0;  // a smaller size than the role's, to fit the column; 0: the role's
  Align align = Align::kCenter;
  CellRole role = CellRole::kLabel;

  // Numeric content for XLSX: written as a number, not text. `decimals` is the printed
  // precision (number format "0.00"); `percent` when printed with '%' (the value is in percent
  // units, 87.5 for 87.5%).
  std::optional<Decimal> number;
  int decimals = 2;
  bool percent = false;

  // kComputed only: the XLSX formula, with other cells of the same table referenced as
  // {row,column} (0-based grid positions), e.g. "ROUND({5,3}/{5,2}*100,2)". The writer turns
  // the references into A1 addresses and stores `number` as the cached result.
  std::string formula;

  // kInput ordinal words: the words a drop-down offers (XLSX data validation).
  std::vector<std::string> choices;

  // JSON pointer of the package value shown ("/evaluation/funds/executed"); empty for labels.
  std::string pointer;
};

struct TableRow {
  std::vector<TableCell> cells;  // one per grid column, covered positions included
  bool cant_split = true;        // keep the row on one page
};

// Rows that head the rows below them, inside a table: [first, first + count) heads the rows
// from first + count up to `until` (exclusive). A page that continues those rows prints the
// heading rows again under the table's leading header rows (the 自评表's 一级指标 / 二级指标 / …
// row over the indicators). The PDF writer repeats them under the leading header rows; the DOCX
// and HTML writers start a table of their own at them (Word, LibreOffice and browsers repeat a
// table's leading rows only; render/table_grid.h: TableParts).
struct RowHeading {
  int first = 0;
  int count = 1;
  int until = 0;
};

struct RenderTable {
  std::string id;        // "basic_data", "evaluation"
  std::string title;     // printed above the table ("附件1", "部门整体支出绩效自评表")
  std::string subtitle;  // e.g. "填报单位：…　单位：万元"
  std::string sheet_name;                // XLSX sheet ("基础数据表", "自评表")
  std::vector<int> column_widths;        // mm × 10, one per grid column
  int header_rows = 0;                   // leading rows repeated on every page
  std::vector<RowHeading> row_headings;  // rows repeated on pages that continue what they head
  std::vector<TableRow> rows;
  bool landscape = false;  // printed on a landscape page
};

// A chart: a native chart in DOCX (render/docx_chart.h), drawn by render/charts.h as SVG in HTML,
// PNG in XLSX and vectors in the native PDF.
struct Chart {
  enum class Kind { kGroupedBars, kHorizontalBars };
  Kind kind = Kind::kGroupedBars;
  std::string id;     // "budget_execution", "year_on_year", "scores"
  std::string title;  // "预算与执行（万元）"
  std::string unit;   // "万元", "分"
  std::vector<std::string> categories;
  struct Series {
    std::string name;
    std::vector<Decimal> values;  // one per category; an invalid Decimal is "no value"
  };
  std::vector<Series> series;
};

// One block of the report body, in reading order.
//
// kCover places the cover (RenderDocument::cover) on a page of its own, where the form puts it
// (零陵 prints the 附件 tables first, then the cover and the report); page numbers start again
// at 1 after it. A body without a kCover block prints the cover first (CoverInBody).
struct Block {
  enum class Kind { kParagraph, kHeading, kTable, kChart, kPageBreak, kCover };
  Kind kind = Kind::kParagraph;
  std::string text;  // kParagraph, kHeading: the whole text, e.g. "一、基本情况"
  int level = 0;     // kHeading: 1 (一、), 2 (（一）), 3 (1.)
  Align align = Align::kJustify;
  bool first_line_indent = true;  // kParagraph: two-character indent
  bool generated = false;         // kParagraph written by jixiao from the figures
  int table = -1;                 // kTable: index into RenderDocument::tables
  int chart = -1;                 // kChart: index into RenderDocument::charts
};

struct RenderCover {
  // e.g. {"永州市零陵区科学技术协会", "2024年度部门整体支出绩效自评报告"}
  std::vector<std::string> title_lines;
  std::vector<std::string> details;  // e.g. {"单位名称：…", "报送日期：2025年7月10日"}
};

struct RenderDocument {
  std::string form_id;  // the form it was laid out with, e.g. "lingling-2024"
  std::string title;    // document title (metadata, HTML <title>)
  std::string unit_name;
  int fiscal_year = 0;
  PageSetup page;
  DocumentFonts fonts;
  RenderCover cover;
  std::vector<Block> body;  // the parts in the form's order (report, tables, the cover)
  std::vector<RenderTable> tables;
  std::vector<Chart> charts;
};

// Whether the cover has anything to print, and whether the body says where it goes (a kCover
// block); a cover with lines and no such block is printed first.
bool HasCover(const RenderDocument& doc);

// Whether a family reads as sans-serif by its name (黑体, 微软雅黑, "Noto Sans CJK SC",
// "MS Gothic"): what a writer tells a reader's program about a font it may lack.
bool FontLooksSans(std::string_view family);
bool CoverInBody(const RenderDocument& doc);

// Whether a chart has data to draw: InvalidArgument when it has no category or a series whose
// length differs from the categories' ("chart budget_execution: series 执行数 has 2 values for 3
// categories"). Every writer of charts (render/charts.h, render/docx_chart.h) checks this first.
Status CheckChartData(const Chart& chart);

// The fill of series i (0xRRGGBB), the same in every format: sober colours that stay distinct
// when printed in grey (dark blue, light steel blue, ochre, dark grey, teal, brick), repeating.
unsigned ChartSeriesRgb(size_t series);

}  // namespace jixiao
