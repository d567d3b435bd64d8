// DOCX → PDF through LibreOffice headless (see pdf.h).
#include "render/pdf.h"

#include "base/file_io.h"
#include "office/libreoffice.h"

namespace jixiao {

Result<std::string> DocxToPdf(const std::string& docx_bytes, const PdfOptions& options) {
  return ConvertWithLibreOffice(
      docx_bytes,
      Conversion{"docx", "pdf:writer_pdf_Export", "pdf", "PDF output", "libreoffice-writer-nogui"},
      options);
}

Status ConvertDocxToPdf(const std::string& docx_bytes, const std::string& pdf_path,
                        const PdfOptions& options) {
  Result<std::string> pdf = DocxToPdf(docx_bytes, options);
  if (!pdf.ok()) return pdf.status();
  return WriteFileAtomically(pdf_path, *pdf);
}

}  // namespace jixiao
