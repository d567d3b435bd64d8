// The render job (see render.h).
#include "render/render.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "base/lang.h"
#include "base/text.h"
#include "model/names.h"
#include "model/package_json.h"
#include "render/compose.h"
#include "render/docx_writer.h"
#include "render/fonts.h"
#include "render/pdf.h"
#include "render/prepare.h"
#include "render/render_writers.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

// "body" → "正文（body）" / "body".
std::string FontRoleName(std::string_view role) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"title", "标题"}, {"heading1", "一级标题"}, {"heading2", "二级标题"},
      {"body", "正文"},  {"table", "表格"},        {"table_header", "表头"}};
  for (const auto& [key, zh] : kNames) {
    if (key == role) return MessagesInChinese() ? std::string(zh) : std::string(role);
  }
  return std::string(role);
}

// A cell or text of package JSON as the documents print it ("" for blank).
std::string ValueText(const nlohmann::ordered_json& j) {
  if (j.is_null()) return "";
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

// A section's text cut into sentences (each with its end mark), for telling which sentences
// the generated prose changed.
std::vector<std::string> Sentences(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    const std::string_view ch = text.substr(i, len);
    i += len;
    if (ch == "\n") {
      if (!TrimBlank(current).empty()) out.emplace_back(TrimBlank(current));
      current.clear();
      continue;
    }
    current += ch;
    if (ch == "。" || ch == "！" || ch == "？" || ch == "；") {
      out.emplace_back(TrimBlank(current));
      current.clear();
    }
  }
  if (!TrimBlank(current).empty()) out.emplace_back(TrimBlank(current));
  return out;
}

// The sentences of `before` and `after` that differ, in order: a sentence replaced by another,
// added, or dropped (a longest common subsequence of sentences).
void DiffSentences(const std::vector<std::string>& before, const std::vector<std::string>& after,
                   const SentenceChange& base, std::vector<SentenceChange>* out) {
  const size_t n = before.size(), m = after.size();
  std::vector<std::pair<std::string, std::string>> changes;
  if (n * m > 4'000'000) {  // too long to align: compare position by position
    for (size_t i = 0; i < std::max(n, m); ++i) {
      const std::string a = i < n ? before[i] : "", b = i < m ? after[i] : "";
      if (a != b) changes.emplace_back(a, b);
    }
  } else {
    std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        lcs[i][j] =
            before[i] == after[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    std::vector<std::string> dropped, added;
    auto flush = [&] {
      const size_t k = std::max(dropped.size(), added.size());
      for (size_t x = 0; x < k; ++x) {
        changes.emplace_back(x < dropped.size() ? dropped[x] : "",
                             x < added.size() ? added[x] : "");
      }
      dropped.clear();
      added.clear();
    };
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && before[i] == after[j]) {
        flush();
        ++i, ++j;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        added.push_back(after[j++]);
      } else {
        dropped.push_back(before[i++]);
      }
    }
    flush();
  }
  for (auto& [a, b] : changes) {
    SentenceChange c = base;
    c.before = std::move(a);
    c.after = std::move(b);
    out->push_back(std::move(c));
  }
}

// What prepare changed relative to the package as given: the figures and sentences that differ.
void DescribeChanges(const Package& input, const PreparedPackage& prepared, RenderResult* r) {
  const auto before = nlohmann::ordered_json::parse(WritePackageJson(input), nullptr, false);
  const auto after =
      nlohmann::ordered_json::parse(WritePackageJson(prepared.package), nullptr, false);
  if (before.is_discarded() || after.is_discarded()) return;
  const bool zh = MessagesInChinese();
  auto at = [](const nlohmann::ordered_json& j, const std::string& pointer) -> std::string {
    try {
      const nlohmann::ordered_json::json_pointer p(pointer);
      return j.contains(p) ? ValueText(j.at(p)) : std::string();
    } catch (const nlohmann::json::exception&) {
      return "";
    }
  };
  for (const std::string& pointer : prepared.computed_pointers) {
    std::string old_value = at(before, pointer), new_value = at(after, pointer);
    if (old_value == new_value) continue;
    r->figure_changes.push_back({pointer, PlaceOfPointer(prepared.package, pointer, zh),
                                 std::move(old_value), std::move(new_value)});
  }
  for (const std::string& pointer : prepared.generated_sections) {
    const std::string old_text = at(before, pointer), new_text = at(after, pointer);
    if (old_text == new_text) continue;
    std::string section = pointer;
    if (section.size() > 5 && section.compare(section.size() - 5, 5, "/text") == 0) {
      section.resize(section.size() - 5);
    }
    SentenceChange base{pointer, PlaceOfPointer(prepared.package, section, zh), "", ""};
    DiffSentences(Sentences(old_text), Sentences(new_text), base, &r->sentence_changes);
  }
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
      return Status::InvalidArgument(
          TrF("没有“{}”这种格式（可用 docx、xlsx、pdf、html、json，用逗号分隔）",
              "unknown format \"{}\" (expected docx, xlsx, pdf, html or json, separated by commas)",
              f));
    }
    if (std::find(out.begin(), out.end(), f) != out.end()) {
      return Status::InvalidArgument(TrF("格式“{}”重复了", "format \"{}\" is given twice", f));
    }
    out.push_back(f);
    start = end + 1;
  }
  return out;
}

Result<PdfEngine> ParsePdfEngine(const std::string& word) {
  if (word == "native") return PdfEngine::kNative;
  if (word == "libreoffice") return PdfEngine::kLibreOffice;
  return Status::InvalidArgument(TrF("没有“{}”这种 PDF 引擎（可用 native、libreoffice）",
                                     "unknown PDF engine \"{}\" (expected native or libreoffice)",
                                     word));
}

bool RendersWithoutDrawing(const std::vector<std::string>& formats, PdfEngine pdf_engine) {
  for (const std::string& f : formats) {
    if (f != "docx" && f != "json" && !(f == "pdf" && pdf_engine == PdfEngine::kLibreOffice)) {
      return false;
    }
  }
  return true;
}

Result<RenderResult> RenderWithoutDrawing(const Package& package, const Rulebook& rulebook,
                                          const Form& form, const std::vector<std::string>& formats,
                                          PdfEngine pdf_engine) {
  return RenderWith(nullptr, package, rulebook, form, formats, pdf_engine);
}

Result<RenderResult> RenderWith(const DrawingWriters* drawing, const Package& package,
                                const Rulebook& rulebook, const Form& form,
                                const std::vector<std::string>& formats, PdfEngine pdf_engine) {
  if (drawing == nullptr && !RendersWithoutDrawing(formats, pdf_engine)) {
    return Status::InvalidArgument(
        TrF("这里只能写出 docx、json 和由 LibreOffice 转换的 pdf（要求：{}）",
            "only docx, json and pdf through LibreOffice can be written here (asked for: {})",
            fmt::join(formats, ", ")));
  }
  const auto wants = [&](std::string_view f) {
    return std::find(formats.begin(), formats.end(), f) != formats.end();
  };
  RenderResult result;
  const PreparedPackage prepared = PrepareForRender(package, rulebook);
  result.computed_figures = prepared.computed_pointers.size();
  result.generated_sections = prepared.generated_sections.size();
  DescribeChanges(package, prepared, &result);
  Result<RenderDocument> composed = ComposeDocument(prepared, rulebook, form);
  if (!composed.ok()) return composed.status();
  RenderDocument doc = std::move(composed).value();

  // Two sets of fonts. The documents a reader opens (DOCX, XLSX, HTML) name the form's fonts in
  // its order of preference (仿宋_GB2312 …): the reader's Word, WPS, Excel or browser supplies
  // them, and the fonts installed on this machine say nothing about that machine's. What jixiao
  // draws itself (the PDF, the charts' pictures) and the DOCX that LibreOffice turns into the
  // PDF need fonts installed here, with every glyph: those are chosen with fontconfig, and only
  // when something is drawn.
  const bool pdf = wants("pdf");
  const bool draws_charts = drawing != nullptr && (wants("xlsx") || wants("html"));
  const DocumentFonts named = doc.fonts;
  if (pdf || draws_charts) {
    const Status fonts = ResolveFonts(&doc);
    if (!fonts.ok()) {
      if (pdf) {
        return Status::InvalidArgument(TrF("PDF 里会出现空白方框，所以没有生成：{}",
                                           "cannot make a PDF without empty boxes: {}",
                                           fonts.message()));
      }
      FallBackFonts(&doc, &result.notes, fonts.message());
    }
  }
  const DocumentFonts installed = doc.fonts;
  const std::pair<const char*, FontRole DocumentFonts::*> roles[] = {
      {"title", &DocumentFonts::title},       {"heading1", &DocumentFonts::heading1},
      {"heading2", &DocumentFonts::heading2}, {"body", &DocumentFonts::body},
      {"table", &DocumentFonts::table},       {"table_header", &DocumentFonts::table_header}};
  for (const auto& [name, role] : roles) {
    const std::string& form_font = (named.*role).chosen();
    const std::string& here = (installed.*role).chosen();
    std::string line = FontRoleName(name) + std::string(Tr("：", ": ")) + form_font;
    if (here != form_font) line += TrF("（本机绘制用 {}）", " (drawn here with {})", here);
    result.fonts.push_back(std::move(line));
  }

  // DOCX holds native charts (render/docx_chart.h): nothing is drawn for it, nor for the PDF
  // LibreOffice makes from it. XLSX carries pictures, HTML SVG.
  std::vector<std::string> png, svg;
  if (draws_charts) {
    drawing->draw_charts(doc, wants("xlsx"), wants("html"), &png, &svg, &result.notes);
  } else {
    for (const Chart& chart : doc.charts) {
      if (const Status data = CheckChartData(chart); !data.ok()) {
        result.notes.push_back(
            TrF("图表 {} 未放入：{}", "chart {} left out: {}", chart.id, data.message()));
      }
    }
  }
  // The PDF first, drawn with the fonts installed here (through a DOCX naming them when
  // LibreOffice makes it); then the documents for readers, naming the form's fonts.
  std::string pdf_bytes;
  if (pdf) {
    Result<std::string> p = std::string();
    if (pdf_engine == PdfEngine::kLibreOffice) {
      Result<std::string> d = WriteDocx(doc);
      p = d.ok() ? DocxToPdf(*d) : d;
    } else {
      p = drawing->write_pdf(doc);
    }
    if (!p.ok()) return p.status();
    pdf_bytes = std::move(p).value();
  }
  doc.fonts = named;
  for (const std::string& format : formats) {
    RenderedFile file;
    file.format = format;
    if (format == "docx") {
      Result<std::string> d = WriteDocx(doc);
      if (!d.ok()) return d.status();
      file.data = std::move(d).value();
    } else if (format == "xlsx") {
      Result<std::string> x = drawing->write_xlsx(doc, png);
      if (!x.ok()) return x.status();
      file.data = std::move(x).value();
    } else if (format == "pdf") {
      file.data = std::move(pdf_bytes);
    } else if (format == "html") {
      file.data = drawing->write_html(doc, svg);
    } else if (format == "json") {
      file.data = WritePackageJson(prepared.package);
    }
    file.bytes = file.data.size();
    result.files.push_back(std::move(file));
  }
  return result;
}

std::vector<std::string> RenderedPaths(const RenderRequest& request) {
  std::vector<std::string> out;
  const fs::path base = fs::path(request.out_dir) / request.basename;
  for (const std::string& format : request.formats) out.push_back(base.string() + "." + format);
  return out;
}

Status WriteRenderedFiles(const RenderRequest& request, RenderResult* result) {
  std::error_code ec;
  fs::create_directories(request.out_dir, ec);
  if (ec) {
    return Status::IOError(TrF("无法建立文件夹 {}：{}", "cannot create {}: {}", request.out_dir,
                               SystemErrorText(ec.value())));
  }
  const std::vector<std::string> paths = RenderedPaths(request);
  StagedFiles staged;
  for (size_t i = 0; i < result->files.size() && i < paths.size(); ++i) {
    Status s = staged.Stage(paths[i], result->files[i].data);
    if (!s.ok()) {
      return Status::IOError(TrF("{}；没有写入任何文件，原有文件保持不变",
                                 "{}; no file was written, "
                                 "the files already there are unchanged",
                                 s.message()));
    }
  }
  const StagedFiles::Outcome done = staged.Commit();
  if (!done.status.ok()) {
    return Status::IOError(
        TrF("{}；已写入：{}；未写入：{}", "{}; written: {}; not written: {}", done.status.message(),
            done.written.empty() ? std::string(Tr("无", "none"))
                                 : fmt::format("{}", fmt::join(done.written, ", ")),
            fmt::format("{}", fmt::join(done.not_written, ", "))));
  }
  for (size_t i = 0; i < result->files.size() && i < paths.size(); ++i) {
    result->files[i].path = paths[i];
    result->files[i].data.clear();
    result->files[i].data.shrink_to_fit();
  }
  return Status::Ok();
}

}  // namespace jixiao
