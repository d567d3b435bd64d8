// FlatDocument: what every importer (text, DOCX, XLSX) produces and the recognizer reads —
// the document's paragraphs and tables in reading order, with merged cells made explicit and
// every piece carrying where it came from. Importers know file formats and nothing of
// budgets; the recognizer (import/recognize.h) knows budgets and nothing of file formats.
//
// Plain value types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace jixiao {

// Where a piece of a document came from, in the terms of its format.
struct FlatOrigin {
  int line = 0;          // text: 1-based line of the first character; 0 otherwise
  int paragraph = 0;     // DOCX: 1-based body paragraph index (tables' paragraphs not counted)
  std::string cell_ref;  // XLSX: "B7"; empty otherwise
};

// One cell of a table, placed on the table's grid. A merged cell appears once as its origin
// (with its spans) and once per covered grid position as a `covered` cell with empty text,
// so every row has a cell at every column it spans.
struct FlatCell {
  std::string text;      // paragraphs inside the cell joined by '\n'; otherwise as written
  int column = 0;        // 0-based grid column
  int row_span = 1;      // rows the origin covers (DOCX w:vMerge, XLSX merged ranges)
  int column_span = 1;   // columns the origin covers (DOCX w:gridSpan, XLSX merged ranges)
  bool covered = false;  // a position covered by a merge whose origin is above or to the left
  FlatOrigin origin;
  // Text: the cell as written when the reader repaired it (OCR noise in a figure: "1OO%" →
  // text "100%"; stray spaces: "1 2 4.88" → "124.88"; a wrapped header joined); empty when
  // `text` is as written. Provenance quotes this one.
  std::string written;
};

struct FlatRow {
  std::vector<FlatCell> cells;  // in column order
  FlatOrigin origin;
  // Text: a header row the reader supplied for rows that came without one (indicator rows run
  // together on a line, import/indicator_runs.h); the recognizer records the part as a piece.
  bool supplied = false;
  // Text: a row read from a stream of words (import/figure_stream.h) with fewer figures than
  // its header has columns and no way to tell which columns they stand in: cells are the label
  // and the figures in order, and the recognizer places none of them (note I632).
  bool unaligned = false;
};

struct FlatTable {
  std::string name;  // XLSX sheet name; "" for DOCX and text tables
  int index = 0;     // 1-based among the document's tables
  std::vector<FlatRow> rows;
};

struct FlatParagraph {
  std::string text;  // exactly as written (no trimming), line breaks inside as '\n'
  FlatOrigin origin;
};

struct FlatBlock {
  enum class Kind { kParagraph, kTable };
  Kind kind = Kind::kParagraph;
  FlatParagraph paragraph;  // kParagraph
  FlatTable table;          // kTable
};

// Text: a line the reader left out because it is not content — a page number ("第 3 页 共 12
// 页", "- 3 -", "3/12"), a page header repeated beside page numbers, a web page's chrome
// ("打印本页", "【字体：大 中 小】", "发布时间：…", "来源：…"), a table's header repeated at
// the top of the next page, or leader dots left in a table by a text box ("……", "..") — so that it neither breaks a table nor lands in the report. The
// recognizer lists them in one note (I607).
struct FlatSkipped {
  enum class Why { kPageNumber, kPageHeader, kSiteChrome, kRepeatedHeader, kFiller };
  int line = 0;      // 1-based
  std::string text;  // as written, trimmed
  Why why = Why::kPageNumber;
};

struct FlatDocument {
  std::string file;    // as given by the caller, for messages and provenance
  std::string format;  // "text", "docx", "xlsx" ("doc", "xls" when converted by LibreOffice)
  // Text: the encoding the file was read in (TextEncodingName: "UTF-8", "GB18030",
  // "UTF-16LE", …; import/text_encoding.h); empty for DOCX and XLSX, which say their own.
  std::string encoding;
  std::vector<FlatBlock> blocks;
  // XLSX: formula cells whose result the workbook does not hold (written by a program that
  // does not calculate, never opened in Excel since): how many, and the first few as
  // "自评表!G7". Their text is empty.
  int64_t formulas_without_values = 0;
  std::vector<std::string> formula_cells;  // at most kFormulaCellsListed
  // How the document was obtained when not read as it is ("LibreOffice converted it from
  // .doc", "LibreOffice calculated 12 formulas"); empty otherwise.
  std::string conversion;
  // Text: lines left out as not content, in line order (empty for DOCX and XLSX).
  std::vector<FlatSkipped> skipped;
};

inline constexpr size_t kFormulaCellsListed = 5;

}  // namespace jixiao
