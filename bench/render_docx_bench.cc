// Benchmark of rendering the worked example (examples/lingling-kexie-2024-corrected.json,
// prepared with PrepareForRender and the lingling-2024 form) to Word:
//   BM_RenderDocx      ComposeDocument + WriteDocx (charts as native chart parts) — the figure
//                      compared with python-docxtpl (bench/compare_render_docx.sh);
//   BM_WriteDocx       WriteDocx alone on the composed document;
//   BM_RenderDocxFull  PrepareForRender + ComposeDocument + WriteDocx: everything
//                      `jixiao render --to docx` does in memory after the fonts are chosen.
// With $JIXIAO_BENCH_RENDER_DIR set, BM_RenderDocx first writes there what it renders, for the
// peer (bench/peer_render_docx.py): content.json (cover, report blocks, tables as the rows and
// cells a DOCX holds, with spans, vertical merges and widths in twips) and chartN.png, the charts
// drawn beforehand (untimed) for the peer to insert as pictures: the peer does not draw them.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "render/compose.h"
#include "render/docx_writer.h"
#include "render_example.h"

namespace jixiao {
namespace {

int Twips(int mm10) { return (mm10 * 1440 + 127) / 254; }

// The content the peer puts into its template: what WriteDocx writes, block by block.
void DumpForPeer(const Example& e, const std::string& dir) {
  using nlohmann::json;
  const RenderDocument& doc = e.doc;
  json out;
  out["cover"] = {{"title_lines", doc.cover.title_lines}, {"details", doc.cover.details}};
  const auto role = [](const FontRole& r) {
    return json{{"family", r.chosen()}, {"size", r.size_half_points}, {"bold", r.bold}};
  };
  out["fonts"] = {
      {"title", role(doc.fonts.title)},       {"heading1", role(doc.fonts.heading1)},
      {"heading2", role(doc.fonts.heading2)}, {"body", role(doc.fonts.body)},
      {"table", role(doc.fonts.table)},       {"table_header", role(doc.fonts.table_header)}};
  out["page"] = {{"width", doc.page.width},      {"height", doc.page.height},
                 {"top", doc.page.margin_top},   {"bottom", doc.page.margin_bottom},
                 {"left", doc.page.margin_left}, {"right", doc.page.margin_right}};
  json report = json::array(), tail = json::array();
  json charts = json::array();
  for (size_t c = 0; c < e.png.size(); ++c) {
    const std::string path = dir + "/chart" + std::to_string(c + 1) + ".png";
    std::ofstream(path, std::ios::binary) << e.png[c];
    charts.push_back(e.png[c].empty() ? "" : path);
  }
  bool after_tables = false;
  std::vector<int> table_order;
  for (const Block& b : doc.body) {
    json block;
    switch (b.kind) {
      case Block::Kind::kHeading:
        block = {{"kind", "h" + std::to_string(std::clamp(b.level, 1, 3))}, {"text", b.text}};
        break;
      case Block::Kind::kParagraph:
        block = {{"kind", "p"}, {"text", b.text}, {"indent", b.first_line_indent}};
        break;
      case Block::Kind::kChart:
        if (charts[b.chart] == "") continue;
        block = {{"kind", "chart"}, {"chart", charts[b.chart]}};
        break;
      case Block::Kind::kTable:
        after_tables = true;
        table_order.push_back(b.table);
        continue;
      case Block::Kind::kPageBreak:
      case Block::Kind::kCover:  // the peer prints the cover first
        continue;
    }
    (after_tables ? tail : report).push_back(block);
  }
  out["report"] = report;
  out["tail"] = tail;
  json tables = json::array();
  for (int t : table_order) {
    const RenderTable& table = doc.tables[t];
    json rows = json::array();
    std::vector<int> widths;
    for (int w : table.column_widths) widths.push_back(Twips(w));
    // Which origin covers each position (the grid is consistent: WriteDocx checked it).
    const size_t columns = table.column_widths.size();
    std::vector<std::pair<int, int>> owner(table.rows.size() * columns, {-1, -1});
    for (size_t r = 0; r < table.rows.size(); ++r) {
      for (size_t c = 0; c < columns; ++c) {
        const TableCell& cell = table.rows[r].cells[c];
        if (cell.covered) continue;
        for (int dr = 0; dr < cell.row_span; ++dr) {
          for (int dc = 0; dc < cell.column_span; ++dc) {
            owner[(r + dr) * columns + c + dc] = {static_cast<int>(r), static_cast<int>(c)};
          }
        }
      }
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
      json cells = json::array();
      for (size_t c = 0; c < columns;) {
        const auto [orow, ocol] = owner[r * columns + c];
        if (ocol != static_cast<int>(c)) {
          ++c;
          continue;
        }
        const TableCell& cell = table.rows[orow].cells[ocol];
        int width = 0;
        for (int k = 0; k < cell.column_span; ++k) width += widths[c + k];
        cells.push_back({{"text", orow == static_cast<int>(r) ? cell.text : ""},
                         {"span", cell.column_span},
                         {"vm", orow == static_cast<int>(r) ? "restart" : "continue"},
                         {"width", width},
                         {"header", cell.header}});
        c += cell.column_span;
      }
      rows.push_back({{"cells", cells},
                      {"header", static_cast<int>(r) < table.header_rows},
                      {"cant_split", table.rows[r].cant_split}});
    }
    tables.push_back({{"title", table.title},
                      {"subtitle", table.subtitle},
                      {"landscape", table.landscape},
                      {"widths", widths},
                      {"rows", rows}});
  }
  out["tables"] = tables;
  std::ofstream(dir + "/content.json") << out.dump();
}

void BM_RenderDocx(benchmark::State& state) {
  const Example& e = LoadExample();
  if (!e.error.empty()) {
    state.SkipWithError(e.error.c_str());
    return;
  }
  if (const char* dir = std::getenv("JIXIAO_BENCH_RENDER_DIR"); dir != nullptr && *dir != '\0') {
    DumpForPeer(e, dir);
  }
  size_t bytes = 0;
  for (auto _ : state) {
    Result<RenderDocument> doc = ComposeDocument(e.prepared, e.rulebook, e.form);
    Result<std::string> docx = doc.ok() ? WriteDocx(*doc) : doc.status();
    if (!docx.ok()) {
      state.SkipWithError(docx.status().message().c_str());
      return;
    }
    bytes = docx->size();
    benchmark::DoNotOptimize(docx->data());
  }
  state.counters["docx_bytes"] = static_cast<double>(bytes);
  state.counters["docs_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RenderDocx)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

void BM_WriteDocx(benchmark::State& state) {
  const Example& e = LoadExample();
  if (!e.error.empty()) {
    state.SkipWithError(e.error.c_str());
    return;
  }
  for (auto _ : state) {
    Result<std::string> docx = WriteDocx(e.doc);
    if (!docx.ok()) {
      state.SkipWithError(docx.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(docx->data());
  }
}
BENCHMARK(BM_WriteDocx)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

void BM_RenderDocxFull(benchmark::State& state) {
  const Example& e = LoadExample();
  if (!e.error.empty()) {
    state.SkipWithError(e.error.c_str());
    return;
  }
  for (auto _ : state) {
    const PreparedPackage prepared = PrepareForRender(e.package, e.rulebook);
    Result<RenderDocument> doc = ComposeDocument(prepared, e.rulebook, e.form);
    if (!doc.ok()) {
      state.SkipWithError(doc.status().message().c_str());
      return;
    }
    Result<std::string> docx = WriteDocx(*doc);
    if (!docx.ok()) {
      state.SkipWithError(docx.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(docx->data());
  }
}
BENCHMARK(BM_RenderDocxFull)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

}  // namespace
}  // namespace jixiao
