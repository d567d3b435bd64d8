// PDF output: our DOCX converted by LibreOffice (headless), which lays out the pages and embeds
// the fonts (as subsets). jixiao does not lay out pages itself: LibreOffice is what a clerk's
// office suite would do with the same file, so the PDF matches what they see in Writer.
//
// Before converting, render/fonts.h must have resolved the document's fonts (ResolveFonts), so
// that every character has a glyph in a font that is installed; the DOCX then names those fonts.
//
// Each conversion runs `soffice` in a private, temporary user profile (so it neither touches nor
// waits for the user's LibreOffice) with an argument vector (no shell). Safe from any thread;
// conversions in parallel each start their own LibreOffice.
#pragma once

#include <string>

#include "base/status.h"

namespace jixiao {

struct PdfOptions {
  std::string soffice;        // program to run; empty: "soffice" found on PATH
  int timeout_seconds = 300;  // the conversion is killed after this long
};

// The path of LibreOffice's `soffice` on PATH, or empty.
std::string FindSoffice();

// Converts the DOCX bytes to a PDF written at `pdf_path`. Fails with NotFound when LibreOffice
// is not installed, IOError when it fails, times out or writes no PDF (the message carries the
// end of its output), or when `pdf_path` cannot be written.
Status ConvertDocxToPdf(const std::string& docx_bytes, const std::string& pdf_path,
                        const PdfOptions& options = {});

}  // namespace jixiao
