// The worked example as the render benchmarks take it (bench/render_docx_bench.cc,
// bench/render_pdf_bench.cc): examples/lingling-kexie-2024-corrected.json prepared with
// PrepareForRender, composed with the lingling-2024 form, its fonts resolved (render/fonts.h)
// and its charts drawn as PNG — loaded once per process.
#pragma once

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "model/package_json.h"
#include "render/charts.h"
#include "render/compose.h"
#include "render/fonts.h"
#include "render/form.h"
#include "render/prepare.h"
#include "rules/rulebook.h"

namespace jixiao {

inline std::string SourceDir() {
  if (const char* env = std::getenv("JIXIAO_SOURCE_DIR")) return env;
  return JIXIAO_SOURCE_DIR;
}

struct Example {
  Package package;
  Rulebook rulebook;
  Form form;
  PreparedPackage prepared;
  RenderDocument doc;
  std::vector<std::string> png;
  std::string error;
};

inline const Example& LoadExample() {
  static const Example* const example = [] {
    auto* e = new Example;
    Result<Package> pkg =
        LoadPackageFile(SourceDir() + "/examples/lingling-kexie-2024-corrected.json");
    if (!pkg.ok()) {
      e->error = pkg.status().message();
      return e;
    }
    e->package = std::move(pkg).value();
    Result<Rulebook> rb = BundledRulebook(e->package.rulebook);
    Result<Form> form = BundledForm("lingling-2024");
    if (!rb.ok() || !form.ok()) {
      e->error = !rb.ok() ? rb.status().message() : form.status().message();
      return e;
    }
    e->rulebook = std::move(rb).value();
    e->form = std::move(form).value();
    e->prepared = PrepareForRender(e->package, e->rulebook);
    Result<RenderDocument> doc = ComposeDocument(e->prepared, e->rulebook, e->form);
    if (!doc.ok()) {
      e->error = doc.status().message();
      return e;
    }
    e->doc = std::move(doc).value();
    if (Status fonts = ResolveFonts(&e->doc); !fonts.ok()) {
      e->error = fonts.message();
      return e;
    }
    for (const Chart& chart : e->doc.charts) {
      Result<std::string> png = ChartPng(chart);
      e->png.push_back(png.ok() ? std::move(png).value() : std::string());
    }
    return e;
  }();
  return *example;
}

}  // namespace jixiao
