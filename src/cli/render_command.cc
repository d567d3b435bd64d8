// `jixiao render`: the package's documents in the official layout (render/render.h), with what
// rendering computed and changed. In jixiao-full with every writer; in the light `jixiao` (built
// with JIXIAO_CLI_LIGHT) for the formats written without drawing (docx, json, pdf through
// LibreOffice), which it renders itself rather than handing them to jixiao-full.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/lang.h"
#include "check/checker.h"
#include "cli/cli.h"
#include "cli/command_support.h"
#include "compute/scoring.h"
#include "render/form.h"
#include "render/render.h"

namespace jixiao::cli {

namespace fs = std::filesystem;

// Writes the package's documents in the official layout.
int RunRender(const std::string& file, const std::string& formats, const std::string& out_dir,
              const std::string& form_arg, const Options& o) {
  PrepareHeapFor(file);
  Result<std::vector<std::string>> wanted = ParseRenderFormats(formats);
  if (!wanted.ok()) {
    PrintError(TrF("--to：{}", "--to: {}", wanted.status().message()));
    return 2;
  }
  const bool to_stdout = out_dir == kStdinName;
  if (to_stdout && wanted->size() != 1) {
    PrintError(
        Tr("-o - 只能写一种格式到标准输出；请用 --to 只选一种（例如 --to json）",
           "-o - writes one format to standard output; choose one with --to (e.g. --to json)"));
    return 2;
  }
  Result<PdfEngine> engine = ParsePdfEngine(o.pdf_engine);
  if (!engine.ok()) {
    PrintError(TrF("--pdf-engine：{}", "--pdf-engine: {}", engine.status().message()));
    return 2;
  }
  RenderRequest request;
  request.formats = *wanted;
  request.pdf_engine = *engine;
  request.out_dir = out_dir;
  request.basename = file == kStdinName ? std::string("package") : fs::path(file).stem().string();
  if (!to_stdout) {
    for (const std::string& path : RenderedPaths(request)) {
      if (!OutputIsNoInput(path, InputFiles(file, o, form_arg))) return 2;
    }
  }
  Loaded loaded;
  if (!Load(file, o, &loaded)) return 2;
  // --form, else the form the package names (as import recorded it), else by rulebook and year.
  Result<Form> form = !form_arg.empty()             ? ResolveForm(form_arg)
                      : loaded.package.form.empty() ? DefaultFormFor(loaded.package)
                      : file == kStdinName          ? ResolveForm(loaded.package.form)
                                           : ResolveFormForPackage(loaded.package.form, file);
  if (!form.ok()) {
    PrintError(form.status().message());
    return 2;
  }
  const bool zh = MessagesInChinese();
  // The first line says when the package contradicts itself: rendering does not repair inputs.
  std::vector<Diagnostic> problems = CheckPackage(loaded.package, *loaded.rulebook,
                                                  ScorePackage(loaded.package, *loaded.rulebook));
  std::array<size_t, 4> counts{};
  for (const Diagnostic& d : problems) {
    if (d.severity == Severity::kError || d.severity == Severity::kInconsistency) {
      ++counts[static_cast<size_t>(d.severity)];
    }
  }
  std::ostream& out = to_stdout ? std::cerr : std::cout;
  if (o.format != "json" && HasProblems(problems)) {
    out << TrF("注意：数据包有 {}；排版不会修正相互矛盾的填报数，请先运行 jixiao check {}。",
               "Warning: the package has {}; rendering does not repair figures that contradict "
               "each other. Run jixiao check {} first.",
               CountText(counts), file)
        << "\n";
  }
#ifdef JIXIAO_CLI_LIGHT
  Result<RenderResult> r = RenderWithoutDrawing(loaded.package, *loaded.rulebook, *form,
                                                request.formats, request.pdf_engine);
#else
  Result<RenderResult> r =
      RenderToMemory(loaded.package, *loaded.rulebook, *form, request.formats, request.pdf_engine);
#endif
  if (r.ok() && !to_stdout) {
    const Status written = WriteRenderedFiles(request, &*r);
    if (!written.ok()) r = written;
  }
  if (!r.ok()) {
    PrintError(TrF("{}：{}", "{}: {}", file, r.status().message()));
    return 2;
  }
  if (to_stdout) {
    std::cout << r->files.front().data;
    std::cout.flush();
  }
  if (o.format == "json") {
    nlohmann::ordered_json j = {{"file", file},
                                {"form", form->id},
                                {"rulebook", loaded.rulebook->id},
                                {"problems", counts[0] + counts[1]},
                                {"computed_figures", r->computed_figures},
                                {"generated_sections", r->generated_sections},
                                {"changed_figures", nlohmann::ordered_json::array()},
                                {"changed_sentences", nlohmann::ordered_json::array()},
                                {"fonts", r->fonts},
                                {"notes", r->notes},
                                {"files", nlohmann::ordered_json::array()}};
    for (const FigureChange& c : r->figure_changes) {
      j["changed_figures"].push_back(
          {{"pointer", c.pointer}, {"place", c.place}, {"before", c.before}, {"after", c.after}});
    }
    for (const SentenceChange& c : r->sentence_changes) {
      j["changed_sentences"].push_back(
          {{"pointer", c.pointer}, {"place", c.place}, {"before", c.before}, {"after", c.after}});
    }
    for (const RenderedFile& f : r->files) {
      j["files"].push_back({{"format", f.format}, {"path", f.path}, {"bytes", f.bytes}});
    }
    out << j.dump(2) << "\n";
    return 0;
  }
  const std::string blank = std::string(Tr("（空）", "(blank)"));
  out << TrF("排版 {}（版式 {}，评分规则 {}）", "Rendering {} (form {}, rulebook {})", file,
             form->id, loaded.rulebook->id)
      << "\n";
  out << "  "
      << TrF("按评分规则计算的数字 {} 个，其中 {} 个与数据包不同：",
             "{} derived figures computed; changed from the package: {}", r->computed_figures,
             r->figure_changes.size())
      << "\n";
  for (const FigureChange& c : r->figure_changes) {
    out << "    " << c.place << (zh ? "：" : ": ") << (c.before.empty() ? blank : c.before) << " → "
        << (c.after.empty() ? blank : c.after) << "\n";
  }
  out << "  "
      << TrF("由数据生成文字的章节 {} 个，改动的句子 {} 句：",
             "{} report sections with generated figures; sentences changed: {}",
             r->generated_sections, r->sentence_changes.size())
      << "\n";
  for (const SentenceChange& c : r->sentence_changes) {
    out << "    " << c.place << (zh ? "：" : ": ")
        << (c.before.empty() ? std::string(Tr("（新增）", "(added)")) : c.before) << " → "
        << (c.after.empty() ? std::string(Tr("（删去）", "(dropped)")) : c.after) << "\n";
  }
  out << "  " << Tr("字体：", "fonts: ");
  for (size_t i = 0; i < r->fonts.size(); ++i) out << (i ? Tr("，", ", ") : "") << r->fonts[i];
  out << "\n";
  for (const std::string& note : r->notes) out << "  " << Tr("注意：", "note: ") << note << "\n";
  for (const RenderedFile& f : r->files) {
    if (to_stdout) continue;
    out << TrF("已写入 {}（{} 字节）", "Wrote {} ({} bytes)", f.path, f.bytes) << "\n";
  }
  return 0;
}

}  // namespace jixiao::cli
