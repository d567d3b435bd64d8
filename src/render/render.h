// Rendering a package: the whole job behind `jixiao render` — prepare the package (every derived
// figure computed, numeric sentences generated: render/prepare.h), lay it out with a form
// (render/compose.h), choose installed fonts that have every glyph for what is drawn here (the
// PDF and the charts' pictures: render/fonts.h), draw the charts (render/charts.h) and write the
// requested formats. DOCX, XLSX and HTML name the form's own fonts (仿宋_GB2312 …), which the
// reader's Word, WPS, Excel or browser supplies:
//   docx  Word, written directly (render/docx_writer.h)
//   xlsx  Excel with formulas and cached results (render/xlsx_writer.h)
//   pdf   drawn by the native writer (render/pdf_writer.h), or, with PdfEngine::kLibreOffice,
//         the DOCX converted by LibreOffice (render/pdf.h)
//   html  one self-contained page (render/html_writer.h)
//   json  the prepared package in package JSON (what the documents show, as data)
// Files are named <basename>.<ext> in the output directory, which is created when missing; they
// are made in memory first and written together, atomically (base/file_io.h).
// The writers that draw (xlsx, native pdf, html) are linked only where RenderToMemory is used
// (render/render_drawing.cc); RenderWithoutDrawing writes docx, json and LibreOffice's pdf
// without them, for the light `jixiao` binary.
//
// Safe from any thread; two jobs writing the same files race like any two programs would (each
// file is whole, one job's or the other's).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "model/package.h"
#include "render/form.h"
#include "rules/rulebook.h"

namespace jixiao {

inline constexpr const char* kRenderFormats[] = {"docx", "xlsx", "pdf", "html", "json"};

// Who makes the PDF: the native writer (milliseconds, no other program), or LibreOffice from our
// DOCX (what a clerk's office suite would print; seconds, needs libreoffice-writer).
enum class PdfEngine { kNative, kLibreOffice };
// "native" / "libreoffice"; InvalidArgument naming the word otherwise.
Result<PdfEngine> ParsePdfEngine(const std::string& word);

struct RenderRequest {
  std::vector<std::string> formats;  // any of kRenderFormats, in any order, no repeats
  std::string out_dir;
  std::string basename;  // file name without extension
  PdfEngine pdf_engine = PdfEngine::kNative;
};

struct RenderedFile {
  std::string format;
  std::string path;  // where it was written; empty while it is only in memory
  size_t bytes = 0;
  std::string data;  // the file's bytes (RenderToMemory); emptied once written by RenderPackage
};

// A derived figure that prepare recomputed and that differs from what the package held.
struct FigureChange {
  std::string pointer;  // "/evaluation/funds/execution_rate"
  std::string place;  // "部门整体支出绩效自评表 › 年度资金 › 执行率" (language in force)
  std::string before;  // as the package had it ("" when blank)
  std::string after;   // as the documents print it
};

// A sentence of the report that the generated prose replaced, added or dropped.
struct SentenceChange {
  std::string pointer;  // the section's text: "/report/sections/0/subsections/1/text"
  std::string place;  // "自评报告 › 一、基本情况 › （二）部门整体支出情况"
  std::string before;  // "" for a sentence added
  std::string after;   // "" for a sentence dropped
};

struct RenderResult {
  std::vector<RenderedFile> files;  // in the order of the request
  std::vector<std::string> fonts;   // "body (正文): Noto Serif CJK SC" per role
  std::vector<std::string> notes;  // what the user should know (a font fell back, a chart left out)
  size_t computed_figures = 0;     // derived figures filled in or replaced by prepare
  size_t generated_sections = 0;   // report sections whose figures were generated
  std::vector<FigureChange> figure_changes;      // the computed figures that differ from the input
  std::vector<SentenceChange> sentence_changes;  // the generated sentences that differ
};

// Splits "docx,xlsx" into formats; InvalidArgument naming an unknown or repeated format.
Result<std::vector<std::string>> ParseRenderFormats(const std::string& list);

// Renders every requested format into memory (RenderedFile::data), writing nothing. Fails with:
// InvalidArgument when the package cannot be laid out, or when PDF is requested and a role of
// the form has no installed font with every character (the message names each character, where
// it occurs and what to do); with PdfEngine::kLibreOffice, NotFound when LibreOffice is absent
// and IOError when it fails. Without PDF, a role whose candidates all lack a glyph keeps its first
// installed candidate and the missing characters go to `notes`.
Result<RenderResult> RenderToMemory(const Package& package, const Rulebook& rulebook,
                                    const Form& form, const std::vector<std::string>& formats,
                                    PdfEngine pdf_engine = PdfEngine::kNative);

// Whether every format is written without drawing: docx, json, and pdf through LibreOffice.
bool RendersWithoutDrawing(const std::vector<std::string>& formats, PdfEngine pdf_engine);
// RenderToMemory for such formats (InvalidArgument for any other), linking none of the drawing
// libraries (cairo, pango, libxlsxwriter).
Result<RenderResult> RenderWithoutDrawing(const Package& package, const Rulebook& rulebook,
                                          const Form& form, const std::vector<std::string>& formats,
                                          PdfEngine pdf_engine = PdfEngine::kNative);

// The files' paths in the request's folder: <out_dir>/<basename>.<format>, in request order.
std::vector<std::string> RenderedPaths(const RenderRequest& request);

// Renders and writes the files together (base/file_io.h's StagedFiles): each to a temporary file
// beside its target, then all renamed at the end, so a failure leaves every previous file as it
// was and none half-written. Errors as RenderToMemory, or IOError naming the file that could
// not be written and the system's reason; when renaming fails part-way the message also says
// which files were written and which were not.
Result<RenderResult> RenderPackage(const Package& package, const Rulebook& rulebook,
                                   const Form& form, const RenderRequest& request);

// Writes rendered files (with their data) into the request's folder as RenderPackage does,
// setting each file's path and clearing its data.
Status WriteRenderedFiles(const RenderRequest& request, RenderResult* result);

}  // namespace jixiao
