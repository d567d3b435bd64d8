// libFuzzer target for the native PDF writer: any package (fuzz/package_input.h: package JSON,
// or "<pointer>=<text>" lines patching the bundled example) is prepared, laid out with the
// bundled form for its rulebook and year, and drawn to PDF by render/pdf_writer.h in memory,
// fonts as the form names them (pango falls back for what a font lacks; the glyph check is
// render.h's, not the writer's). scripts/run-fuzz.sh runs it with -rss_limit_mb and
// -malloc_limit_mb, so unbounded layout work (a table row taller than any page, a paragraph of
// a million characters) is a finding.
//
// Invariants checked (std::abort on violation):
//   - compose and the writer fail only with InvalidArgument (text that is not UTF-8, …);
//   - a written PDF starts with "%PDF-1.5", ends with "%%EOF", and carries /Lang (zh-CN) (the
//     catalog edit found the structure it expects and kept the cross-references);
//   - the same document written twice gives the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "package_input.h"
#include "render/pdf_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::optional<fuzzing::Composed> composed = fuzzing::Compose(data, size);
  if (!composed || !composed->doc) return 0;
  const jixiao::RenderDocument& doc = *composed->doc;
  jixiao::Result<std::string> pdf = jixiao::WritePdf(doc);
  if (!pdf.ok()) {
    fuzzing::Require(pdf.status().code() == jixiao::Status::Code::kInvalidArgument);
    return 0;
  }
  fuzzing::Require(fuzzing::StartsWith(*pdf, "%PDF-1.5"));
  fuzzing::Require(pdf->find("%%EOF", pdf->size() > 8 ? pdf->size() - 8 : 0) != std::string::npos);
  fuzzing::Require(pdf->find("/Lang (zh-CN)") != std::string::npos);
  jixiao::Result<std::string> again = jixiao::WritePdf(doc);
  fuzzing::Require(again.ok() && *again == *pdf);
  return 0;
}
