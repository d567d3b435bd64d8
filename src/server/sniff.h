// The type of an uploaded 佐证材料 (evidence file), decided by its content and never by its
// name: the server stores and serves a file under the MIME type found here, so a page, a
// script or a program renamed "报告.pdf" is refused rather than served back to a browser.
//
// Accepted: PDF, PNG, JPEG, GIF, WebP, Word / Excel / PowerPoint (DOCX, XLSX, PPTX, and the
// Office 97–2003 DOC, XLS, PPT) and OFD (the Chinese fixed-layout e-document format).
// Refused: everything else (HTML, SVG, XML, text, scripts, executables, a plain zip, an empty
// file), and Office documents that carry macros (DOCM, XLSM, a DOC or XLS with a VBA project).
//
// A pure function of its arguments; safe from any thread. Untrusted input: any bytes give a
// result or a Status, never a crash; a zip is read through import/zip_archive.h (its caps on
// members apply) and only its directory is looked at.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace jixiao::server {

struct Sniffed {
  std::string mime;  // "application/pdf", "image/png", …
  std::string ext;   // the extension the content calls for, lowercase, no dot: "pdf", "docx"
};

// What `bytes` are, by content:
//   "%PDF-" at the start                       → application/pdf, pdf
//   the PNG signature                          → image/png, png
//   FF D8 FF                                   → image/jpeg, jpg
//   "GIF87a" or "GIF89a"                       → image/gif, gif
//   "RIFF" <size> "WEBP"                       → image/webp, webp
//   a zip with word/document.xml               → application/vnd.openxmlformats-officedocument
//                                                .wordprocessingml.document, docx
//   a zip with xl/workbook.xml                 → ….spreadsheetml.sheet, xlsx
//   a zip with ppt/presentation.xml            → ….presentationml.presentation, pptx
//   a zip with OFD.xml                         → application/ofd, ofd
//   an OLE2 file, a WordDocument stream at its root
//                                              → application/msword, doc
//   … a Workbook or Book stream                → application/vnd.ms-excel, xls
//   … a PowerPoint Document stream             → application/vnd.ms-powerpoint, ppt
// (and no VBA project: a zip's vbaProject.bin, a compound file's Macros, _VBA_PROJECT_CUR or
// VBA storage).
// `file_name` is only for messages (cleaned of control characters and broken UTF-8, and
// shortened). Errors, all InvalidArgument, Chinese then " / " then English:
//   "<name>：文件为空 / <name>: the file is empty"
//   "<name>：不支持的佐证材料类型（只接受 PDF、图片、Word、Excel、PowerPoint、OFD） / <name>:
//    unsupported type of evidence (only PDF, images, Word, Excel, PowerPoint and OFD are
//    accepted)" — for anything not in the table, a plain zip and an unknown OLE2 file included
//   "<name>：文件已损坏，无法读取其中的目录 / <name>: the file is damaged; its directory cannot
//    be read" — for a zip or an OLE2 file whose directory is broken
//   "<name>：含有宏的文档不能作为佐证材料，请另存为不含宏的格式 / <name>: documents with macros
//    are not accepted as evidence; save it without macros"
// Example: SniffEvidence("<html>…", "x.pdf") fails with "x.pdf：不支持的佐证材料类型（…）…";
// SniffEvidence("%PDF-1.7\n…", "scan.jpg") gives {"application/pdf", "pdf"}.
Result<Sniffed> SniffEvidence(std::string_view bytes, std::string_view file_name);

}  // namespace jixiao::server
