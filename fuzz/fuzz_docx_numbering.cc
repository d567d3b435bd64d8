// libFuzzer target for Word list numbering: the input is split at NUL bytes into
// numbering.xml, styles.xml and the main document part; the parts are parsed and the
// document read with the labels. Any bytes must give a FlatDocument or a Status, never a
// crash, a hang or an exception; error messages start with the file name; and reading with
// numbering gives the same blocks as reading without, paragraphs only lengthened by labels.
// Seeds: fuzz/corpus/fuzz_docx_numbering/ (a two-level 一、/（一） list and heading styles).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "import/docx_numbering.h"
#include "import/docx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  size_t begin = 0;
  for (int i = 0; i < 2; ++i) {
    const size_t nul = bytes.find('\0', begin);
    if (nul == std::string_view::npos) break;
    parts.emplace_back(bytes.substr(begin, nul - begin));
    begin = nul + 1;
  }
  if (parts.size() != 2) return 0;
  const std::string document(bytes.substr(begin));
  jixiao::Result<jixiao::DocxNumbering> numbering = jixiao::DocxNumbering::Parse(
      "fuzz.docx", parts[0], "word/numbering.xml", parts[1], "word/styles.xml");
  if (!numbering.ok()) {
    if (numbering.status().message().rfind("fuzz.docx: word/", 0) != 0) std::abort();
    return 0;
  }
  const jixiao::Result<jixiao::FlatDocument> with =
      jixiao::ReadDocxDocumentXmlWithNumbering(document, "fuzz.docx", &*numbering);
  const jixiao::Result<jixiao::FlatDocument> without =
      jixiao::ReadDocxDocumentXml(document, "fuzz.docx");
  if (!with.ok()) {
    // Reading the numbering properties descends into w:numPr, so the depth cap can be met
    // only with numbering; the other way round is a bug.
    if (with.status().message().rfind("fuzz.docx: ", 0) != 0) std::abort();
    return 0;
  }
  if (!without.ok()) std::abort();
  if (with->blocks.size() != without->blocks.size()) std::abort();
  for (size_t i = 0; i < with->blocks.size(); ++i) {
    const jixiao::FlatBlock& a = with->blocks[i];
    const jixiao::FlatBlock& b = without->blocks[i];
    if (a.kind != b.kind) std::abort();
    if (a.kind != jixiao::FlatBlock::Kind::kParagraph) continue;
    if (a.paragraph.text.size() < b.paragraph.text.size()) std::abort();
  }
  return 0;
}
