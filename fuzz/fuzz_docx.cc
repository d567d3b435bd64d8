// libFuzzer target for the DOCX importer: any bytes must give a FlatDocument or a Status,
// never a crash, a hang or an exception. Input that starts like a zip goes through ReadDocx
// (package, relationships, zip caps); anything else is taken as the main document part's XML
// (ReadDocxDocumentXml), so that mutations reach the body walk without first having to keep a
// deflate stream and its CRC intact. Checks the invariants every reader result must hold:
//   - error messages start with the file name;
//   - paragraphs numbered 1, 2, … and tables 1, 2, … in order;
//   - every table rectangular, cell i at column i, covered cells empty, and each grid
//     position either an origin or covered by exactly one origin's rectangle.
// Seeds: fuzz/corpus/fuzz_docx/ (python-docx output and hand-written WordprocessingML).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "import/docx_reader.h"
#include "import/zip_archive.h"

namespace {

void CheckTable(const jixiao::FlatTable& table) {
  if (table.rows.empty()) std::abort();
  const size_t width = table.rows[0].cells.size();
  std::vector<int> cover(table.rows.size() * width, 0);
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (table.rows[r].cells.size() != width) std::abort();
    for (size_t c = 0; c < width; ++c) {
      const jixiao::FlatCell& cell = table.rows[r].cells[c];
      if (cell.column != static_cast<int>(c)) std::abort();
      if (cell.covered) {
        if (!cell.text.empty() || cell.row_span != 1 || cell.column_span != 1) std::abort();
        continue;
      }
      if (cell.row_span < 1 || cell.column_span < 1) std::abort();
      if (r + cell.row_span > table.rows.size() || c + cell.column_span > width) std::abort();
      for (int dr = 0; dr < cell.row_span; ++dr) {
        for (int dc = 0; dc < cell.column_span; ++dc) ++cover[(r + dr) * width + c + dc];
      }
    }
  }
  for (int n : cover) {
    if (n != 1) std::abort();
  }
}

void Check(const jixiao::Result<jixiao::FlatDocument>& doc) {
  if (!doc.ok()) {
    if (doc.status().message().rfind("fuzz.docx: ", 0) != 0) std::abort();
    return;
  }
  if (doc->format != "docx" || doc->file != "fuzz.docx") std::abort();
  int paragraphs = 0;
  int tables = 0;
  for (const jixiao::FlatBlock& b : doc->blocks) {
    if (b.kind == jixiao::FlatBlock::Kind::kParagraph) {
      if (b.paragraph.origin.paragraph != ++paragraphs) std::abort();
    } else {
      if (b.table.index != ++tables) std::abort();
      CheckTable(b.table);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (jixiao::LooksLikeZip(bytes)) {
    Check(jixiao::ReadDocx(bytes, "fuzz.docx"));
  } else {
    Check(jixiao::ReadDocxDocumentXml(std::string(bytes), "fuzz.docx"));
  }
  return 0;
}
