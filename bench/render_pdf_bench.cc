// Benchmark of the worked example to PDF (bench/render_example.h), both engines in the same run:
//   BM_WritePdf             the native writer (render/pdf_writer.h) on the composed document;
//   BM_RenderPdfFull        PrepareForRender + ComposeDocument + ResolveFonts + WritePdf:
//                           everything `jixiao render --to pdf` does in memory;
//   BM_RenderPdfLibreOffice the other engine, the peer: WriteDocx + LibreOffice's conversion
//                           (render/pdf.h; `--pdf-engine libreoffice`), a few iterations only.
//                           Skipped where LibreOffice is absent.
// Each reports pages (pdfinfo's count is what tests/render_pdf_test.cc checks; here the pages
// are counted from the PDF's page objects) and pages per second.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

#include "render/docx_writer.h"
#include "render/pdf.h"
#include "render/pdf_writer.h"
#include "render_example.h"

namespace jixiao {
namespace {

// The pages of a PDF: its "/Type /Page" objects (not "/Type /Pages"), written with or without
// the space (cairo writes it, LibreOffice does not).
int CountPages(std::string_view pdf) {
  int pages = 0;
  for (std::string_view key : {std::string_view("/Type /Page"), std::string_view("/Type/Page")}) {
    for (size_t at = pdf.find(key); at != std::string_view::npos; at = pdf.find(key, at + 1)) {
      if (at + key.size() >= pdf.size() || pdf[at + key.size()] != 's') ++pages;
    }
  }
  return pages;
}

void Report(benchmark::State& state, const std::string& pdf) {
  const int pages = CountPages(pdf);
  state.counters["pages"] = pages;
  state.counters["pdf_bytes"] = static_cast<double>(pdf.size());
  state.counters["pages_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * pages, benchmark::Counter::kIsRate);
}

// Runs `make_pdf` (the example → PDF bytes) once per iteration and reports the last PDF's
// pages; skips with the reason when the example cannot be loaded or a PDF is not made.
template <typename MakePdf>
void RunPdf(benchmark::State& state, MakePdf make_pdf) {
  const Example& e = LoadExample();
  if (!e.error.empty()) {
    state.SkipWithError(e.error.c_str());
    return;
  }
  std::string pdf;
  for (auto _ : state) {
    Result<std::string> r = make_pdf(e);
    if (!r.ok()) {
      state.SkipWithError(r.status().message().c_str());
      return;
    }
    pdf = std::move(r).value();
    benchmark::DoNotOptimize(pdf.data());
  }
  Report(state, pdf);
}

void BM_WritePdf(benchmark::State& state) {
  RunPdf(state, [](const Example& e) { return WritePdf(e.doc); });
}
BENCHMARK(BM_WritePdf)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_RenderPdfFull(benchmark::State& state) {
  RunPdf(state, [](const Example& e) -> Result<std::string> {
    const PreparedPackage prepared = PrepareForRender(e.package, e.rulebook);
    Result<RenderDocument> doc = ComposeDocument(prepared, e.rulebook, e.form);
    if (!doc.ok()) return doc.status();
    if (Status fonts = ResolveFonts(&*doc); !fonts.ok()) return fonts;
    return WritePdf(*doc);
  });
}
BENCHMARK(BM_RenderPdfFull)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_RenderPdfLibreOffice(benchmark::State& state) {
  if (FindSoffice().empty()) {
    state.SkipWithError("LibreOffice (soffice) is absent");
    return;
  }
  RunPdf(state, [](const Example& e) -> Result<std::string> {
    Result<std::string> docx = WriteDocx(e.doc);
    if (!docx.ok()) return docx.status();
    return DocxToPdf(*docx);
  });
}
BENCHMARK(BM_RenderPdfLibreOffice)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace jixiao
