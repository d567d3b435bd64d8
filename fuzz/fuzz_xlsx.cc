// libFuzzer target for the XLSX importer: ReadXlsx on any bytes returns a FlatDocument or a
// Status whose message names the file — never a crash, a hang or an unbounded allocation —
// and every table it returns keeps the grid invariants (cells[i].column == i, covered cells
// empty, spans at least 1 and inside the table).
//
// Two kinds of input:
//  * bytes starting with "PK" are the workbook itself (zip level: damaged archives, bombs);
//  * anything else is a workbook's XML parts separated by "\n=====\n" — worksheet,
//    sharedStrings, styles, workbook, workbook rels; missing parts get a minimal default — zipped
//    here (stored, with correct CRCs, by render/zip_writer.h), so mutations reach the XML readers
//    instead of dying on a checksum. The first two parts also go to FormatXlsxNumber as value and
//    format code.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "import/xlsx_reader.h"
#include "render/zip_writer.h"

namespace {

constexpr std::string_view kSeparator = "\n=====\n";
constexpr char kRel[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string ZipStored(const std::vector<std::pair<const char*, std::string>>& members) {
  jixiao::ZipWriter zip("the fuzz input");
  for (const auto& [name, data] : members) {
    if (!zip.Add(name, data, false).ok()) return "";
  }
  jixiao::Result<std::string> bytes = zip.Finish();
  return bytes.ok() ? std::move(bytes).value() : std::string();
}

std::string FromParts(std::string_view text) {
  std::vector<std::string> parts;
  while (parts.size() < 5) {
    const size_t at = text.find(kSeparator);
    parts.emplace_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + kSeparator.size());
  }
  const std::string rels = std::string("<Relationships><Relationship Id=\"rId1\" Type=\"") + kRel +
                           "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
  const std::string defaults[5] = {
      "<worksheet><sheetData/></worksheet>", "<sst/>",
      "<styleSheet><cellXfs><xf numFmtId=\"0\"/></cellXfs></styleSheet>",
      std::string("<workbook xmlns:r=\"") + kRel +
          "\"><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>",
      rels};
  for (size_t i = parts.size(); i < 5; ++i) parts.push_back(defaults[i]);
  return ZipStored({{"xl/worksheets/sheet1.xml", parts[0]},
                    {"xl/sharedStrings.xml", parts[1]},
                    {"xl/styles.xml", parts[2]},
                    {"xl/workbook.xml", parts[3]},
                    {"xl/_rels/workbook.xml.rels", parts[4]}});
}

void Check(const jixiao::Result<jixiao::FlatDocument>& result) {
  if (!result.ok()) {
    if (result.status().message().rfind("fuzz.xlsx: ", 0) != 0) __builtin_trap();
    return;
  }
  for (const jixiao::FlatBlock& block : result->blocks) {
    const jixiao::FlatTable& t = block.table;
    if (block.kind != jixiao::FlatBlock::Kind::kTable) __builtin_trap();
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const std::vector<jixiao::FlatCell>& cells = t.rows[r].cells;
      for (size_t i = 0; i < cells.size(); ++i) {
        const jixiao::FlatCell& c = cells[i];
        if (c.column != static_cast<int>(i)) __builtin_trap();
        if (c.covered && !c.text.empty()) __builtin_trap();
        if (c.row_span < 1 || c.column_span < 1) __builtin_trap();
        if (r + static_cast<size_t>(c.row_span) > t.rows.size()) __builtin_trap();
        if (c.origin.cell_ref.empty()) __builtin_trap();
        // Every position an origin spans is a covered cell.
        for (int dr = 0; dr < c.row_span; ++dr) {
          const std::vector<jixiao::FlatCell>& row = t.rows[r + static_cast<size_t>(dr)].cells;
          for (int dc = 0; dc < c.column_span; ++dc) {
            if (dr == 0 && dc == 0) continue;
            const size_t k = i + static_cast<size_t>(dc);
            if (k >= row.size() || !row[k].covered) __builtin_trap();
          }
        }
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.substr(0, 2) == "PK") {
    Check(jixiao::ReadXlsx(input, "fuzz.xlsx"));
    return 0;
  }
  const std::string bytes = FromParts(input);
  if (bytes.empty()) return 0;
  Check(jixiao::ReadXlsx(bytes, "fuzz.xlsx"));
  const size_t at = input.find(kSeparator);
  if (at != std::string_view::npos && at <= 64) {
    const std::string_view code = input.substr(at + kSeparator.size(), 256);
    (void)jixiao::FormatXlsxNumber(input.substr(0, at), code.substr(0, code.find('\n')));
    (void)jixiao::FormatXlsxNumber(input.substr(0, at), code.substr(0, code.find('\n')), true);
  }
  return 0;
}
