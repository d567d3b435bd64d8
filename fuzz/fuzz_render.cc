// libFuzzer target for the render pipeline: any package is prepared (render/prepare.h), laid
// out with the bundled form for its rulebook and year (render/compose.h), its charts drawn as
// PNG and SVG (render/charts.h), and written as DOCX, XLSX, HTML and package JSON — all in
// memory (no PDF, no LibreOffice; XLSX through WriteXlsxBytes' private temporary folder).
// Nothing may crash, hang or allocate without bound: scripts/run-fuzz.sh runs it with
// -rss_limit_mb and -malloc_limit_mb, so a blow-up such as the chart axis that once made 1.8
// billion tick labels is a finding.
//
// Two kinds of input:
//   - package JSON, as given (the seeds and the package JSON fuzzer's corpus);
//   - when the input starts with '/', lines "<JSON pointer>=<text>" that replace values of the
//     bundled example (examples/lingling-kexie-2024.json, read next to this source file), e.g.
//     "/evaluation/funds/full_year_budget=-127.10"; "=null" blanks the value. Every such input
//     is a well-formed package, so the mutations spend their time on figures and words rather
//     than on JSON syntax.
//
// Invariants checked (std::abort on violation):
//   - compose fails only with InvalidArgument; so do the DOCX and XLSX writers (text XML cannot
//     hold, a sheet name Excel refuses), never with a crash or an IOError for lack of memory;
//   - every chart's axis has 3 to 5 intervals with 0 on it, and covers the chart's values;
//   - a written DOCX and XLSX start as zips do, the HTML is one page, the prepared package
//     reads back.
// Charts are drawn small (320×180, scale 1) to keep executions fast: the axis and the layout
// code are the same at every size.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/package_json.h"
#include "package_input.h"
#include "render/charts.h"
#include "render/compose.h"
#include "render/docx_writer.h"
#include "render/form.h"
#include "render/html_writer.h"
#include "render/prepare.h"
#include "render/xlsx_writer.h"
#include "rules/rulebook.h"

namespace {

using fuzzing::Require;
using fuzzing::StartsWith;

double Value(const jixiao::Decimal& d) { return std::strtod(d.ToString().c_str(), nullptr); }

void CheckAxis(const jixiao::Chart& chart) {
  const jixiao::ChartAxis axis = jixiao::ValueAxis(chart);
  Require(axis.below >= 0 && axis.above >= 0 && axis.below <= 5 && axis.above <= 5);
  Require(axis.intervals() >= 3 && axis.intervals() <= 5);
  Require(axis.TickValue(axis.below) == 0);
  const double lo = axis.TickValue(0), hi = axis.TickValue(axis.intervals());
  for (const jixiao::Chart::Series& s : chart.series) {
    for (const jixiao::Decimal& v : s.values) {
      if (!v.valid()) continue;
      // Doubles only round the values' own text: allow for that.
      const double x = Value(v);
      Require(lo <= x + 1e-9 * (x < 0 ? -x : x) && x - 1e-9 * (x < 0 ? -x : x) <= hi);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::optional<fuzzing::Composed> composed = fuzzing::Compose(data, size);
  if (!composed) return 0;
  const jixiao::PreparedPackage& prepared = composed->prepared;
  std::optional<jixiao::RenderDocument>& doc = composed->doc;
  if (!doc) return 0;

  jixiao::ChartStyle style;
  style.width = 320;
  style.height = 180;
  style.scale = 1;
  std::vector<std::string> png, svg;
  for (const jixiao::Chart& chart : doc->charts) {
    CheckAxis(chart);
    jixiao::Result<std::string> p = jixiao::ChartPng(chart, style);
    jixiao::Result<std::string> s = jixiao::ChartSvg(chart, style);
    Require(p.ok() == s.ok());
    if (!p.ok()) Require(p.status().code() == jixiao::Status::Code::kInvalidArgument);
    png.push_back(p.ok() ? std::move(p).value() : std::string());
    svg.push_back(s.ok() ? std::move(s).value() : std::string());
  }

  jixiao::Result<std::string> docx = jixiao::WriteDocx(*doc);
  if (docx.ok()) {
    Require(StartsWith(*docx, "PK\x03\x04"));
  } else {
    Require(docx.status().code() == jixiao::Status::Code::kInvalidArgument);
  }
  jixiao::Result<std::string> xlsx = jixiao::WriteXlsxBytes(*doc, png);
  if (xlsx.ok()) {
    Require(StartsWith(*xlsx, "PK\x03\x04"));
  } else {
    Require(xlsx.status().code() == jixiao::Status::Code::kInvalidArgument);
  }
  const std::string html = jixiao::WriteHtml(*doc, svg);
  Require(StartsWith(html, "<!DOCTYPE html>"));
  const std::string json = jixiao::WritePackageJson(prepared.package);
  Require(jixiao::ParsePackageJson(json, "prepared.json").ok());
  return 0;
}
