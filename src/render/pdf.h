// PDF output: our DOCX converted by LibreOffice (headless), which lays out the pages and embeds
// the fonts (as subsets). jixiao does not lay out pages itself: LibreOffice is what a clerk's
// office suite would do with the same file, so the PDF matches what they see in Writer.
//
// Before converting, render/fonts.h must have resolved the document's fonts (ResolveFonts), so
// that every character has a glyph in a font that is installed; the DOCX then names those fonts.
//
// The conversion is office/libreoffice.h's: a private profile, no shell, a timeout. Safe from any
// thread; conversions in parallel each start their own LibreOffice.
#pragma once

#include <string>

#include "base/status.h"
#include "office/libreoffice.h"

namespace jixiao {

using PdfOptions = LibreOfficeOptions;

// Converts the DOCX bytes to a PDF and returns its bytes. Fails with NotFound when LibreOffice
// is not installed, IOError when it fails, times out or writes no PDF (the message carries the
// end of its output).
Result<std::string> DocxToPdf(const std::string& docx_bytes, const PdfOptions& options = {});

// Converts the DOCX bytes to a PDF written at `pdf_path` (atomically: base/file_io.h). Fails with
// NotFound when LibreOffice is not installed, IOError when it fails, times out or writes no PDF
// (the message carries the end of its output), or when `pdf_path` cannot be written.
Status ConvertDocxToPdf(const std::string& docx_bytes, const std::string& pdf_path,
                        const PdfOptions& options = {});

}  // namespace jixiao
