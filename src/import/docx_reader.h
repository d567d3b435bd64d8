// DOCX importer: a Word document (Office Open XML WordprocessingML, .docx/.docm/.dotx) read
// into a FlatDocument — the body's paragraphs and tables in reading order, with merged cells
// placed on the table grid. It reads the text a reader sees once every tracked change is
// accepted: inserted text kept, deleted and moved-away text dropped, field results kept and
// field codes dropped, content-control placeholders ("单击或点击此处输入文字。") dropped.
//
// What is read, precisely:
//   - Body paragraphs, including those inside block-level content controls (w:sdt) and custom
//     XML; FlatOrigin.paragraph is the 1-based index among the paragraphs emitted for the body
//     (paragraphs inside tables are not counted). A paragraph whose mark is a tracked deletion
//     is joined to the next one, as Word shows it after accepting the deletion.
//   - Runs: w:t text; w:tab and w:ptab → '\t'; w:br and w:cr → '\n', except that a page or
//     column break (w:br w:type="page"/"column") at the start or end of a paragraph is not
//     read (it ends a page, not a line: Word and LibreOffice put one before 附件 that way);
//     w:noBreakHyphen → '-'; soft hyphens, symbols (w:sym), footnote and comment references,
//     drawings, text boxes and equations (OMML) are not read.
//   - Tables: each w:tc becomes a FlatCell at its grid column; w:gridBefore/w:gridAfter and
//     short rows leave empty (uncovered) cells so that every row has a cell at every column of
//     the table; w:gridSpan (and the legacy w:hMerge) sets column_span and adds covered cells;
//     w:vMerge="restart" starts a vertical merge and each w:vMerge continuation below it is a
//     covered cell that adds one to the origin's row_span (a continuation with nothing open
//     above it starts a merge). Rows deleted as tracked changes are dropped. Cell text is the
//     cell's paragraphs joined by '\n'.
//   - Nested tables are flattened into the text of the cell that holds them: their rows
//     joined by '\n', the grid positions of a row joined by '\t' (covered positions empty, so
//     columns stay aligned). The empty paragraph Word requires after a table at the end of a
//     cell is not read.
//   - List numbering: a numbered paragraph's text starts with the label Word draws for it
//     ("一、", "（二）", "1.2", then the tab, space or nothing w:suff asks for), counted from
//     word/numbering.xml and word/styles.xml as docx_numbering.h describes. Bullets are not
//     read.
//   - Headers, footers, footnotes and comments are not read.
//
// Untrusted input: any bytes give a FlatDocument or a Status, never a crash, an exception or
// an unbounded allocation (zip caps from ZipLimits; XML size, table nesting, grid width and
// cell count capped by DocxLimits).
//
// Pure functions; safe to call from any thread (each call has its own archive). Messages
// follow the language in force (base/lang.h); the English forms are given below.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "import/docx_numbering.h"
#include "import/flat_document.h"
#include "import/zip_archive.h"

namespace jixiao {

struct DocxLimits {
  ZipLimits zip;
  // '<' in the main part, and in the numbering and styles parts (parsed into pugixml's tree,
  // about 64 bytes a tag). Bounds the work and the FlatDocument (about 150 bytes a paragraph);
  // a 500-page report has well under 1,000,000.
  int64_t max_xml_tags = 2'000'000;
  int max_table_depth = 16;       // tables inside tables inside …
  int max_element_depth = 256;    // XML elements the reader descends through
  int max_grid_columns = 1000;    // grid positions in one table row
  int64_t max_cells = 1'000'000;  // grid positions in all the document's tables
};

// Reads the DOCX file `bytes`; `file_name` names it in messages and becomes
// FlatDocument::file. format is "docx".
//
// Errors:
//   - not a zip archive or a damaged one: the ZipArchive message, e.g.
//     InvalidArgument "a.docx: not a zip archive (no PK signature)";
//   - a zip without the main document part: InvalidArgument
//     "a.docx: not a Word document (no word/document.xml)", with what it looks like when that
//     is known: "...; it looks like an Excel workbook";
//   - a zip bomb: Corruption "a.docx: word/document.xml: 314572800 bytes uncompressed, more
//     than the 67108864 allowed";
//   - malformed XML: Corruption "a.docx: word/document.xml: byte 1234: Start-end tags
//     mismatch" (pugixml's offset and description), in the main part, word/numbering.xml or
//     word/styles.xml;
//   - beyond DocxLimits: Corruption "a.docx: word/document.xml: byte 5678: tables nested more
//     than 16 deep".
//
// Example: a document holding the paragraph "一、基本情况" and a 2×2 table whose first row is
// one merged cell "资金" gives blocks {paragraph "一、基本情况" (origin.paragraph 1), table 1:
// row 0 = [{"资金", column 0, column_span 2}, {"", column 1, covered}], row 1 = ...}.
Result<FlatDocument> ReadDocx(std::string_view bytes, const std::string& file_name,
                              const DocxLimits& limits = {});

// Reads the main document part's XML already taken out of a package (for tests and fuzzing).
// `part_name` names the part in messages. Errors as for ReadDocx, plus InvalidArgument
// "<file>: <part>: not a WordprocessingML document (root element <x>)".
Result<FlatDocument> ReadDocxDocumentXml(std::string xml, const std::string& file_name,
                                         const std::string& part_name = "word/document.xml",
                                         const DocxLimits& limits = {});

// The same with the list numbering of the document (for tests and fuzzing); `numbering` may
// be null (no labels) and keeps its counters across calls.
Result<FlatDocument> ReadDocxDocumentXmlWithNumbering(std::string xml, const std::string& file_name,
                                                      DocxNumbering* numbering);

}  // namespace jixiao
