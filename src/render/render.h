// Rendering a package: the whole job behind `jixiao render` — prepare the package (every derived
// figure computed, numeric sentences generated: render/prepare.h), lay it out with a form
// (render/compose.h), choose fonts that have every glyph (render/fonts.h), draw the charts
// (render/charts.h) and write the requested formats:
//   docx  Word, written directly (render/docx_writer.h)
//   xlsx  Excel with formulas and cached results (render/xlsx_writer.h)
//   pdf   the DOCX converted by LibreOffice (render/pdf.h)
//   html  one self-contained page (render/html_writer.h)
//   json  the prepared package in package JSON (what the documents show, as data)
// Files are named <basename>.<ext> in the output directory, which is created when missing.
//
// Safe from any thread; two jobs writing the same files race like any two programs would.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "model/package.h"
#include "render/form.h"
#include "rules/rulebook.h"

namespace jixiao {

inline constexpr const char* kRenderFormats[] = {"docx", "xlsx", "pdf", "html", "json"};

struct RenderRequest {
  std::vector<std::string> formats;  // any of kRenderFormats, in any order, no repeats
  std::string out_dir;
  std::string basename;  // file name without extension
};

struct RenderedFile {
  std::string format;
  std::string path;
  size_t bytes = 0;
};

struct RenderResult {
  std::vector<RenderedFile> files;  // in the order of the request
  std::vector<std::string> fonts;   // "body (正文): Noto Serif CJK SC" per role
  std::vector<std::string> notes;  // what the user should know (a font fell back, a chart left out)
  size_t computed_figures = 0;     // derived figures filled in or replaced by prepare
  size_t generated_sections = 0;   // report sections whose figures were generated
};

// Splits "docx,xlsx" into formats; InvalidArgument naming an unknown or repeated format.
Result<std::vector<std::string>> ParseRenderFormats(const std::string& list);

// Renders. Fails (without writing the files that come after the failure) with:
// InvalidArgument when the package cannot be laid out, or when PDF is requested and a role of
// the form has no installed font with every character (the message lists them); NotFound when
// PDF is requested and LibreOffice is absent; IOError when a file cannot be written.
// Without PDF, a role whose candidates all lack a glyph keeps its first installed candidate and
// the missing characters go to `notes`.
Result<RenderResult> RenderPackage(const Package& package, const Rulebook& rulebook,
                                   const Form& form, const RenderRequest& request);

}  // namespace jixiao
