// The render job (see render.h).
#include "render/render.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "model/package_json.h"
#include "render/charts.h"
#include "render/compose.h"
#include "render/docx_writer.h"
#include "render/fonts.h"
#include "render/html_writer.h"
#include "render/pdf.h"
#include "render/prepare.h"
#include "render/xlsx_writer.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

bool Wants(const RenderRequest& r, std::string_view format) {
  return std::find(r.formats.begin(), r.formats.end(), format) != r.formats.end();
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Status::IOError("cannot write " + path);
  return Status::Ok();
}

size_t FileSize(const std::string& path) {
  std::error_code ec;
  const auto n = fs::file_size(path, ec);
  return ec ? 0 : static_cast<size_t>(n);
}

// Without PDF, a role with no complete font keeps its first installed candidate; the caller
// hears which characters it lacks.
void FallBackFonts(RenderDocument* doc, std::vector<std::string>* notes, const std::string& why) {
  for (FontRole* role : {&doc->fonts.title, &doc->fonts.heading1, &doc->fonts.heading2,
                         &doc->fonts.body, &doc->fonts.table, &doc->fonts.table_header}) {
    if (!role->family.empty()) continue;
    for (const std::string& candidate : role->families) {
      if (CheckGlyphs(candidate, "").installed) {
        role->family = candidate;
        break;
      }
    }
  }
  notes->push_back(why);
}

}  // namespace

Result<std::vector<std::string>> ParseRenderFormats(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const std::string f = list.substr(start, end - start);
    if (std::find(std::begin(kRenderFormats), std::end(kRenderFormats), f) ==
        std::end(kRenderFormats)) {
      return Status::InvalidArgument("unknown format \"" + f +
                                     "\" (expected docx, xlsx, pdf, html or json, separated by "
                                     "commas)");
    }
    if (std::find(out.begin(), out.end(), f) != out.end()) {
      return Status::InvalidArgument("format \"" + f + "\" is given twice");
    }
    out.push_back(f);
    start = end + 1;
  }
  return out;
}

Result<RenderResult> RenderPackage(const Package& package, const Rulebook& rulebook,
                                   const Form& form, const RenderRequest& request) {
  RenderResult result;
  const PreparedPackage prepared = PrepareForRender(package, rulebook);
  result.computed_figures = prepared.computed_pointers.size();
  result.generated_sections = prepared.generated_sections.size();
  Result<RenderDocument> composed = ComposeDocument(prepared, rulebook, form);
  if (!composed.ok()) return composed.status();
  RenderDocument doc = std::move(composed).value();

  const bool pdf = Wants(request, "pdf");
  const Status fonts = ResolveFonts(&doc);
  if (!fonts.ok()) {
    if (pdf) {
      return Status::InvalidArgument("cannot make a PDF without empty boxes: " + fonts.message());
    }
    FallBackFonts(&doc, &result.notes, fonts.message());
  }
  const std::pair<const char*, const FontRole*> roles[] = {
      {"title", &doc.fonts.title},       {"heading1", &doc.fonts.heading1},
      {"heading2", &doc.fonts.heading2}, {"body", &doc.fonts.body},
      {"table", &doc.fonts.table},       {"table_header", &doc.fonts.table_header}};
  for (const auto& [name, role] : roles) {
    result.fonts.push_back(std::string(name) + ": " + role->chosen());
  }

  std::vector<std::string> png, svg;
  const bool need_png = Wants(request, "docx") || pdf || Wants(request, "xlsx");
  ChartStyle style;
  style.font_family = doc.fonts.table.chosen();
  for (const Chart& chart : doc.charts) {
    if (need_png) {
      Result<std::string> p = ChartPng(chart, style);
      png.push_back(p.ok() ? std::move(p).value() : std::string());
      if (!p.ok())
        result.notes.push_back("chart " + chart.id + " left out: " + p.status().message());
    }
    if (Wants(request, "html")) {
      Result<std::string> s = ChartSvg(chart, style);
      svg.push_back(s.ok() ? std::move(s).value() : std::string());
    }
  }

  std::error_code ec;
  fs::create_directories(request.out_dir, ec);
  if (ec) return Status::IOError("cannot create " + request.out_dir + ": " + ec.message());
  const fs::path base = fs::path(request.out_dir) / request.basename;

  std::string docx;
  if (Wants(request, "docx") || pdf) {
    Result<std::string> d = WriteDocx(doc, png);
    if (!d.ok()) return d.status();
    docx = std::move(d).value();
  }
  for (const std::string& format : request.formats) {
    const std::string path = base.string() + "." + format;
    Status s;
    if (format == "docx") {
      s = WriteFile(path, docx);
    } else if (format == "xlsx") {
      s = WriteXlsx(doc, png, path);
    } else if (format == "pdf") {
      s = ConvertDocxToPdf(docx, path);
    } else if (format == "html") {
      s = WriteFile(path, WriteHtml(doc, svg));
    } else if (format == "json") {
      s = WriteFile(path, WritePackageJson(prepared.package));
    }
    if (!s.ok()) return s;
    result.files.push_back({format, path, FileSize(path)});
  }
  return result;
}

}  // namespace jixiao
