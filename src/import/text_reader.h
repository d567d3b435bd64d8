// The text importer: reads a package flattened to plain text (as Word's "save as text" or a
// copy-paste leaves it) into a FlatDocument. It understands the layouts real files have
// (DOMAIN.md §6):
//   - the "one cell per line" flattening: each cell on its own line starting with a tab, a
//     blank line ending a table row, lines without a tab continuing the cell above
//     ("楼堂馆所控制情况\n（2024年完工项目）");
//   - several tab-separated cells on one line;
//   - '|'-separated rows ("| 编制数 | 8 |"), Markdown separator rows skipped;
//   - rows whose cells are separated by runs of two or more spaces;
// and everything else as paragraphs, one per line. Word's "[bookmark: …]" markers are
// dropped; all other text is kept exactly (cells are not trimmed: the recognizer decides).
// Text copied out of PDFs and web pages is read too:
//   - tables one cell per line without tabs, rows on one line with single blanks between the
//     cells, and label / value pairs, rebuilt from the paragraphs by header words and by what
//     each cell is (import/loose_tables.h); a row that could be read more than one way stays
//     paragraphs;
//   - a '|' row whose long cell wrapped onto the next lines, joined back into one row;
//   - OCR noise in table cells ("1OO%", "1 2 4.88", "=<5%"), repaired where one reading is
//     possible, with the written text kept in FlatCell::written (import/text_noise.h);
//   - page numbers, page headers and site chrome, left out and listed in
//     FlatDocument::skipped with their reasons.
// The file may be UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark or
// GB18030/GBK: it is converted to UTF-8 first (import/text_encoding.h) and
// FlatDocument::encoding says which it was. Time and memory are linear in the file's size.
//
// Never throws. Pure function; safe from any thread. Messages follow the language in force.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "import/flat_document.h"

namespace jixiao {

// Errors: InvalidArgument "<file>: empty file", and DecodeText's for binary input and text
// whose encoding cannot be told ("<file>: byte <offset>: …; save the file as UTF-8 …").
Result<FlatDocument> ReadText(std::string_view bytes, const std::string& file_name);

}  // namespace jixiao
