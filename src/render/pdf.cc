// DOCX → PDF through LibreOffice headless (see pdf.h).
#include "render/pdf.h"

#include <fstream>

#include "office/libreoffice.h"

namespace jixiao {

Status ConvertDocxToPdf(const std::string& docx_bytes, const std::string& pdf_path,
                        const PdfOptions& options) {
  Result<std::string> pdf = ConvertWithLibreOffice(
      docx_bytes,
      Conversion{"docx", "pdf:writer_pdf_Export", "pdf", "PDF output", "libreoffice-writer-nogui"},
      options);
  if (!pdf.ok()) return pdf.status();
  std::ofstream out(pdf_path, std::ios::binary);
  out.write(pdf->data(), static_cast<std::streamsize>(pdf->size()));
  if (!out) return Status::IOError("cannot write " + pdf_path);
  return Status::Ok();
}

}  // namespace jixiao
