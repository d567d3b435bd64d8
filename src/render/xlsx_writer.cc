// Excel writer (see xlsx_writer.h): lays each RenderTable out on a worksheet with
// libxlsxwriter.
//
// Sheet layout: the table's title on the first row and its subtitle (when given) on the next,
// each merged across the grid's width; the grid starts on the row after them, in column A.
// So grid position {r,c} is the sheet cell at row r + title_rows, column c.
//
// Percentages are stored the way Excel itself stores them: a cell printed "87.5%"
// (TableCell::percent, the number in percent units 87.5) holds the fraction 0.875 under the
// number format "0.0%", so Excel, LibreOffice, openpyxl and our own reader all show "87.5%"
// and a clerk can type "90%" (or 90) into it. The composer's formulas are written in percent
// units, so the writer rescales at the edges: a reference to a percent cell becomes
// "(D7*100)" (except as a range end or a direct argument of COUNT, ISNUMBER and the like,
// which test what the cell holds), and the result of a percent cell's formula is divided by
// 100 when it is a number — "ROUND({1,2}/{1,1}*100,2)" in a percent cell is stored as
// "IF(ISNUMBER(ROUND(C3/B3*100,2)),ROUND(C3/B3*100,2)/100,ROUND(C3/B3*100,2))" with the
// cached value 0.875. A cell printed "98.25" without '%' holds 98.25 and is referenced as is.
//
// Row heights are estimated from the text (Excel does not fit rows holding merged wrapped
// cells), so the printed form shows every line.
#include "render/xlsx_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/lang.h"
#include "base/text.h"
#include "render/list_workbook.h"

namespace jixiao {
namespace {

constexpr double kPixelsPerMm = 96.0 / 25.4;
constexpr int kDefaultColumnWidth = 200;  // mm × 10, for a column without a width
constexpr int kChartDisplayWidth = 640;   // pixels on the 图表 sheet
constexpr int kDefaultRowPixels = 20;
constexpr char kChartSheet[] = "图表";

std::string CellName(int row, int col) { return SheetColumnName(col) + std::to_string(row + 1); }

// The decimal value (scaled by 10^-shift) as the nearest double.
double ToDouble(const Decimal& d, int shift = 0) {
  std::string text = d.ToString();
  if (shift != 0) text += "e-" + std::to_string(shift);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string NumberFormat(const TableCell& cell) {
  const int decimals = std::clamp(cell.decimals, 0, 15);
  std::string format = "0";
  if (decimals > 0) format += "." + std::string(decimals, '0');
  if (cell.percent) format += "%";
  return format;
}

uint8_t HorizontalAlign(Align a) {
  switch (a) {
    case Align::kLeft:
      return LXW_ALIGN_LEFT;
    case Align::kRight:
      return LXW_ALIGN_RIGHT;
    case Align::kJustify:
      return LXW_ALIGN_JUSTIFY;
    case Align::kCenter:
      break;
  }
  return LXW_ALIGN_CENTER;
}

// Width and height of a PNG from its IHDR, and its resolution from pHYs (96 dpi when absent,
// as libxlsxwriter assumes). False when the bytes are not a PNG.
struct PngSize {
  double width = 0;  // pixels at 96 dpi, as Excel shows the picture unscaled
  double height = 0;
};
bool ProbePng(const std::string& png, PngSize* size) {
  static constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (png.size() < 33 || std::memcmp(png.data(), kSignature, 8) != 0) return false;
  const auto u32 = [&](size_t at) {
    const auto* p = reinterpret_cast<const unsigned char*>(png.data() + at);
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
  };
  double width = u32(16), height = u32(20), x_dpi = 96, y_dpi = 96;
  for (size_t at = 8; at + 12 <= png.size();) {
    const uint32_t length = u32(at);
    const std::string_view type(png.data() + at + 4, 4);
    if (type == "pHYs" && length >= 9 && at + 17 <= png.size() && png[at + 16] == 1) {
      if (u32(at + 8) > 0) x_dpi = u32(at + 8) * 0.0254;
      if (u32(at + 12) > 0) y_dpi = u32(at + 12) * 0.0254;
    }
    if (type == "IDAT" || length > png.size()) break;
    at += 12 + static_cast<size_t>(length);
  }
  size->width = width * 96 / x_dpi;
  size->height = height * 96 / y_dpi;
  return width > 0 && height > 0;
}

class WorkbookWriter {
 public:
  // Writes to `path`, naming the workbook `name` in messages; libxlsxwriter's own temporary
  // files go to `tmpdir` (the system's when empty).
  WorkbookWriter(const RenderDocument& doc, const std::string& path, const std::string& name,
                 const std::string& tmpdir = "")
      : doc_(doc), path_(name), tmpdir_(tmpdir) {
    lxw_workbook_options options = {};
    options.tmpdir = tmpdir_.empty() ? nullptr : tmpdir_.data();
    workbook_ = workbook_new_opt(path.c_str(), &options);
  }
  ~WorkbookWriter() {
    if (workbook_ != nullptr) lxw_workbook_free(workbook_);
  }

  Status Write(const std::vector<std::string>& chart_png) {
    if (workbook_ == nullptr) {
      return Status::IOError(TrF("无法写出 {}：libxlsxwriter 无法新建工作簿",
                                 "cannot write {}: libxlsxwriter could not start a workbook",
                                 path_));
    }
    Status s = SetProperties();
    for (size_t i = 0; s.ok() && i < doc_.tables.size(); ++i) s = WriteTable(doc_.tables[i], i);
    if (s.ok()) s = WriteCharts(chart_png);
    if (!s.ok()) return s;  // the destructor frees the workbook without writing a file
    const lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    if (error != LXW_NO_ERROR) {
      return Status::IOError(
          TrF("无法写出 {}：{}", "cannot write {}: {}", path_, lxw_strerror(error)));
    }
    return Status::Ok();
  }

 private:
  // One format per distinct look; libxlsxwriter owns them.
  struct Look {
    const FontRole* font = nullptr;
    int size_half_points = 0;
    bool bold = false;
    uint8_t align = LXW_ALIGN_CENTER;
    bool border = true;
    bool unlocked = false;
    std::string number_format;
  };

  lxw_format* Format(const Look& look) {
    const std::string key = look.font->chosen() + '\x1f' + std::to_string(look.size_half_points) +
                            '\x1f' + std::to_string(look.bold) + std::to_string(look.align) +
                            std::to_string(look.border) + std::to_string(look.unlocked) + '\x1f' +
                            look.number_format;
    auto [it, inserted] = formats_.try_emplace(key, nullptr);
    if (!inserted) return it->second;
    lxw_format* f = workbook_add_format(workbook_);
    if (!look.font->chosen().empty()) format_set_font_name(f, look.font->chosen().c_str());
    format_set_font_size(f, look.size_half_points / 2.0);
    if (look.bold) format_set_bold(f);
    format_set_align(f, look.align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    if (look.border) format_set_border(f, LXW_BORDER_THIN);
    if (look.unlocked) format_set_unlocked(f);
    if (!look.number_format.empty()) format_set_num_format(f, look.number_format.c_str());
    it->second = f;
    return f;
  }

  lxw_format* CellFormat(const TableCell& cell) {
    const FontRole& font = cell.header ? doc_.fonts.table_header : doc_.fonts.table;
    Look look;
    look.font = &font;
    look.size_half_points = font.size_half_points;
    look.bold = cell.header || font.bold;
    look.align = cell.header ? uint8_t{LXW_ALIGN_CENTER} : HorizontalAlign(cell.align);
    look.unlocked = cell.role == CellRole::kInput;
    // Figures, and percent cells even while blank (a clerk typing 90 there means 90%).
    if ((cell.number && cell.number->valid()) || cell.percent) {
      look.number_format = NumberFormat(cell);
    }
    return Format(look);
  }

  Status SetProperties() {
    lxw_doc_properties properties = {};
    std::string subject;
    for (const RenderTable& t : doc_.tables) {
      if (!subject.empty()) subject += "、";
      subject += t.sheet_name;
    }
    properties.title = const_cast<char*>(doc_.title.c_str());
    properties.subject = const_cast<char*>(subject.c_str());
    properties.author = const_cast<char*>(doc_.unit_name.c_str());
    properties.company = const_cast<char*>(doc_.unit_name.c_str());
    properties.comments = const_cast<char*>("jixiao");
    const lxw_error error = workbook_set_properties(workbook_, &properties);
    if (error != LXW_NO_ERROR) {
      return Status::InvalidArgument(
          TrF("{}：工作簿属性：{}", "{}: workbook properties: {}", path_, lxw_strerror(error)));
    }
    return Status::Ok();
  }

  Status Fail(const RenderTable& t, int row, int col, const std::string& what) const {
    return Status::InvalidArgument(TrF("{}：工作表“{}”单元格 {}：{}",
                                       "{}: sheet \"{}\" cell {}: {}", path_, t.sheet_name,
                                       CellName(row, col), what));
  }
  Status Check(lxw_error error, const RenderTable& t, int row, int col) const {
    if (error == LXW_NO_ERROR) return Status::Ok();
    return Fail(t, row, col, lxw_strerror(error));
  }

  // Every row as wide as the grid; every origin's span inside the grid and covering only
  // positions marked covered; every covered position inside some span.
  Status CheckGrid(const RenderTable& t, int columns, int first_row) const {
    const int rows = static_cast<int>(t.rows.size());
    std::vector<std::vector<int>> owner(rows, std::vector<int>(columns, 0));
    for (int r = 0; r < rows; ++r) {
      if (static_cast<int>(t.rows[r].cells.size()) != columns) {
        return Status::InvalidArgument(
            TrF("{}：工作表“{}”第 {} 行：有 {} 个单元格，而网格有 {} 列",
                "{}: sheet \"{}\" row {}: {} cells in a grid of {} columns", path_, t.sheet_name,
                r + first_row + 1, t.rows[r].cells.size(), columns));
      }
    }
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < columns; ++c) {
        const TableCell& cell = t.rows[r].cells[c];
        if (cell.covered) continue;
        if (cell.row_span < 1 || cell.column_span < 1 || r + cell.row_span > rows ||
            c + cell.column_span > columns) {
          return Fail(
              t, r + first_row, c,
              TrF("{}×{} 的合并区域超出网格", "merge of {}×{} cells reaches outside the grid",
                  cell.row_span, cell.column_span));
        }
        for (int rr = r; rr < r + cell.row_span; ++rr) {
          for (int cc = c; cc < c + cell.column_span; ++cc) {
            if ((rr != r || cc != c) && !t.rows[rr].cells[cc].covered) {
              return Fail(t, rr + first_row, cc,
                          TrF("位于从 {} 开始的合并区域内，却未标为被合并",
                              "inside the merge starting at {} but not marked covered",
                              CellName(r + first_row, c)));
            }
            if (++owner[rr][cc] > 1) {
              return Fail(t, rr + first_row, cc,
                          std::string(Tr("被两个合并区域覆盖", "covered by two merges")));
            }
          }
        }
      }
    }
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < columns; ++c) {
        if (owner[r][c] == 0) {
          return Fail(t, r + first_row, c,
                      std::string(Tr("标为被合并，但没有合并区域覆盖它",
                                     "marked covered but no merge covers it")));
        }
      }
    }
    return Status::Ok();
  }

  // The composer's formula with {row,col} references as A1 addresses and percent cells brought
  // to percent units (see the file comment). Text in double quotes is copied as it is. A
  // reference stays a bare address where a value in percent units would change the meaning:
  // as the end of a range ("{3,4}:{9,4}") and as a direct argument of a function that tests
  // what a cell holds (COUNT of an empty cell is 0, of "(D7*100)" 1).
  Status TranslateFormula(const RenderTable& t, int row, int col, int first_row,
                          std::string* out) const {
    static constexpr std::string_view kTests[] = {"COUNT",    "COUNTA", "COUNTBLANK", "ISBLANK",
                                                  "ISNUMBER", "ISTEXT", "ISNONTEXT",  "ISERROR",
                                                  "ISERR",    "ISNA",   "N",          "T"};
    const TableCell& cell = t.rows[row].cells[col];
    const std::string& f = cell.formula;
    std::string a1;
    std::vector<std::string> calls;  // enclosing parentheses: the function's name, or ""
    std::string name;                // the identifier just read
    for (size_t i = 0; i < f.size(); ++i) {
      const char ch = f[i];
      if (ch == '"') {  // a string literal ("" inside is an escaped quote)
        const size_t close = f.find('"', i + 1);
        const size_t end = close == std::string::npos ? f.size() : close + 1;
        a1.append(f, i, end - i);
        i = end - 1;
        name.clear();
        continue;
      }
      if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.') {
        name += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        a1 += ch;
        continue;
      }
      if (ch == '(') calls.push_back(name);
      if (ch == ')' && !calls.empty()) calls.pop_back();
      name.clear();
      if (ch != '{') {
        a1 += ch;
        continue;
      }
      int ref[2] = {0, 0};
      size_t j = i + 1;
      bool ok = true;
      for (int k = 0; k < 2 && ok; ++k) {
        const char* begin = f.data() + j;
        const auto [end, ec] = std::from_chars(begin, f.data() + f.size(), ref[k]);
        ok = ec == std::errc() && end != begin;
        j += end - begin;
        if (ok) ok = j < f.size() && f[j] == (k == 0 ? ',' : '}');
        ++j;
      }
      if (!ok) {
        return Fail(t, row + first_row, col,
                    TrF("公式“{}”中的引用格式不对", "malformed reference in formula \"{}\"", f));
      }
      const std::string ref_text = f.substr(i, j - i);
      if (ref[0] < 0 || ref[0] >= static_cast<int>(t.rows.size()) || ref[1] < 0 ||
          ref[1] >= static_cast<int>(t.rows[ref[0]].cells.size())) {
        return Fail(t, row + first_row, col,
                    TrF("公式“{}”引用了 {}，在网格之外",
                        "formula \"{}\" refers to {}, outside the grid", f, ref_text));
      }
      const TableCell& target = t.rows[ref[0]].cells[ref[1]];
      if (target.covered) {
        return Fail(t, row + first_row, col,
                    TrF("公式“{}”引用了 {}，该位置被合并区域覆盖",
                        "formula \"{}\" refers to {}, covered by a merge", f, ref_text));
      }
      const std::string address = CellName(ref[0] + first_row, ref[1]);
      const bool range_end = (!a1.empty() && a1.back() == ':') || (j < f.size() && f[j] == ':');
      const bool tested = !calls.empty() && std::find(std::begin(kTests), std::end(kTests),
                                                      calls.back()) != std::end(kTests);
      a1 += target.percent && !range_end && !tested ? "(" + address + "*100)" : address;
      i = j - 1;
    }
    // A percent cell's result in fraction units; a text result ("" when inputs are missing)
    // passes unchanged.
    *out = cell.percent ? "IF(ISNUMBER(" + a1 + ")," + a1 + "/100," + a1 + ")" : a1;
    return Status::Ok();
  }

  Status WriteCell(lxw_worksheet* ws, const RenderTable& t, int r, int c, int first_row) {
    const TableCell& cell = t.rows[r].cells[c];
    const int row = r + first_row;
    lxw_format* format = CellFormat(cell);
    if (cell.row_span > 1 || cell.column_span > 1) {
      const lxw_error e = worksheet_merge_range(ws, row, c, row + cell.row_span - 1,
                                                c + cell.column_span - 1, "", format);
      if (Status s = Check(e, t, row, c); !s.ok()) return s;
    }
    const bool numeric = cell.number.has_value() && cell.number->valid();
    const double value = numeric ? ToDouble(*cell.number, cell.percent ? 2 : 0) : 0;
    lxw_error e = LXW_NO_ERROR;
    if (cell.role == CellRole::kComputed && !cell.formula.empty()) {
      std::string formula;
      if (Status s = TranslateFormula(t, r, c, first_row, &formula); !s.ok()) return s;
      e = numeric
              ? worksheet_write_formula_num(ws, row, c, formula.c_str(), format, value)
              : worksheet_write_formula_str(ws, row, c, formula.c_str(), format, cell.text.c_str());
    } else if (numeric) {
      e = worksheet_write_number(ws, row, c, value, format);
    } else if (!cell.text.empty()) {
      e = worksheet_write_string(ws, row, c, cell.text.c_str(), format);
    } else {
      e = worksheet_write_blank(ws, row, c, format);
    }
    if (Status s = Check(e, t, row, c); !s.ok()) return s;
    if (!cell.choices.empty()) {
      std::vector<char*> list;
      for (const std::string& choice : cell.choices)
        list.push_back(const_cast<char*>(choice.c_str()));
      list.push_back(nullptr);
      lxw_data_validation validation = {};
      validation.validate = LXW_VALIDATION_TYPE_LIST;
      validation.value_list = list.data();
      validation.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
      e = worksheet_data_validation_cell(ws, row, c, &validation);
      if (e != LXW_NO_ERROR) {
        return Fail(t, row, c, TrF("下拉列表：{}", "drop-down list: {}", lxw_strerror(e)));
      }
    }
    return Status::Ok();
  }

  // Points needed to show `text` in a box `width_px` wide with the font `font`.
  static double TextHeight(const std::string& text, const FontRole& font, double width_px) {
    const double size_pt = font.size_half_points / 2.0;
    const double column_px = size_pt * 96 / 72 / 2;  // one terminal column: half an em
    const double usable = std::max(width_px - 6, column_px * 2);
    int lines = 0;
    size_t start = 0;
    while (true) {
      const size_t end = text.find('\n', start);
      const std::string_view line =
          std::string_view(text).substr(start, end == std::string::npos ? end : end - start);
      lines += std::max(1, static_cast<int>(std::ceil(DisplayWidth(line) * column_px / usable)));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return lines * size_pt * 1.3 + 4;
  }

  static double ColumnPixels(const RenderTable& t, int c) {
    const int width = c < static_cast<int>(t.column_widths.size()) && t.column_widths[c] > 0
                          ? t.column_widths[c]
                          : kDefaultColumnWidth;
    return width / 10.0 * kPixelsPerMm;
  }

  // Row heights in points for the grid: single-row cells first, then each taller merged cell
  // spreads what it still lacks over its rows.
  static std::vector<double> RowHeights(const RenderTable& t, const DocumentFonts& fonts,
                                        int columns) {
    std::vector<double> heights(t.rows.size(), 0);
    const auto need = [&](size_t r, int c) {
      const TableCell& cell = t.rows[r].cells[c];
      double width = 0;
      for (int k = c; k < c + cell.column_span; ++k) width += ColumnPixels(t, k);
      return TextHeight(cell.text, cell.header ? fonts.table_header : fonts.table, width);
    };
    for (size_t r = 0; r < t.rows.size(); ++r) {
      for (int c = 0; c < columns; ++c) {
        const TableCell& cell = t.rows[r].cells[c];
        if (!cell.covered && cell.row_span == 1) heights[r] = std::max(heights[r], need(r, c));
      }
    }
    for (size_t r = 0; r < t.rows.size(); ++r) {
      for (int c = 0; c < columns; ++c) {
        const TableCell& cell = t.rows[r].cells[c];
        if (cell.covered || cell.row_span == 1) continue;
        double have = 0;
        for (int k = 0; k < cell.row_span; ++k) have += heights[r + k];
        const double lack = need(r, c) - have;
        if (lack <= 0) continue;
        for (int k = 0; k < cell.row_span; ++k) heights[r + k] += lack / cell.row_span;
      }
    }
    return heights;
  }

  Status WriteTable(const RenderTable& t, size_t index) {
    const std::string name = t.sheet_name.empty() ? "表" + std::to_string(index + 1) : t.sheet_name;
    if (const lxw_error e = workbook_validate_sheet_name(workbook_, name.c_str());
        e != LXW_NO_ERROR) {
      return Status::InvalidArgument(
          TrF("{}：工作表“{}”：{}", "{}: sheet \"{}\": {}", path_, name, lxw_strerror(e)));
    }
    lxw_worksheet* ws = workbook_add_worksheet(workbook_, name.c_str());
    if (ws == nullptr) {
      return Status::InvalidArgument(
          TrF("{}：无法添加工作表“{}”", "{}: sheet \"{}\" cannot be added", path_, name));
    }
    int columns = static_cast<int>(t.column_widths.size());
    for (const TableRow& row : t.rows)
      columns = std::max(columns, static_cast<int>(row.cells.size()));
    columns = std::max(columns, 1);

    // Title rows above the grid.
    int first_row = 0;
    double grid_px = 0;
    for (int c = 0; c < columns; ++c) grid_px += ColumnPixels(t, c);
    const auto title_row = [&](const std::string& text, const FontRole& font, int size, bool bold,
                               uint8_t align) -> Status {
      Look look;
      look.font = &font;
      look.size_half_points = size;
      look.bold = bold;
      look.align = align;
      look.border = false;
      lxw_format* format = Format(look);
      const lxw_error e = columns > 1
                              ? worksheet_merge_range(ws, first_row, 0, first_row, columns - 1,
                                                      text.c_str(), format)
                              : worksheet_write_string(ws, first_row, 0, text.c_str(), format);
      if (Status s = Check(e, t, first_row, 0); !s.ok()) return s;
      FontRole sized = font;
      sized.size_half_points = size;
      worksheet_set_row(ws, first_row, TextHeight(text, sized, grid_px) + 4, nullptr);
      ++first_row;
      return Status::Ok();
    };
    if (!t.title.empty()) {
      const FontRole& font = doc_.fonts.title;
      if (Status s =
              title_row(t.title, font, std::min(font.size_half_points, 36), true, LXW_ALIGN_CENTER);
          !s.ok()) {
        return s;
      }
    }
    if (!t.subtitle.empty()) {
      const FontRole& font = doc_.fonts.table;
      if (Status s = title_row(t.subtitle, font, font.size_half_points, font.bold, LXW_ALIGN_LEFT);
          !s.ok()) {
        return s;
      }
    }

    if (Status s = CheckGrid(t, columns, first_row); !s.ok()) return s;
    for (int c = 0; c < columns; ++c) {
      const uint32_t px = static_cast<uint32_t>(std::lround(ColumnPixels(t, c)));
      if (Status s = Check(worksheet_set_column_pixels(ws, c, c, px, nullptr), t, first_row, c);
          !s.ok()) {
        return s;
      }
    }
    const std::vector<double> heights = RowHeights(t, doc_.fonts, columns);
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const int row = static_cast<int>(r) + first_row;
      if (Status s = Check(worksheet_set_row(ws, row, heights[r], nullptr), t, row, 0); !s.ok()) {
        return s;
      }
      for (int c = 0; c < columns; ++c) {
        if (t.rows[r].cells[c].covered) continue;
        if (Status s = WriteCell(ws, t, static_cast<int>(r), c, first_row); !s.ok()) return s;
      }
    }

    // Print set-up.
    worksheet_set_paper(ws, 9);  // A4
    if (t.landscape) {
      worksheet_set_landscape(ws);
    } else {
      worksheet_set_portrait(ws);
    }
    const PageSetup& page = doc_.page;
    const auto inches = [](int mm10) { return mm10 / 254.0; };
    worksheet_set_margins(ws, inches(page.margin_left), inches(page.margin_right),
                          inches(page.margin_top), inches(page.margin_bottom));
    if (page.page_numbers) {
      if (Status s = Check(worksheet_set_footer(ws, "&C— &P —"), t, 0, 0); !s.ok()) return s;
    }
    if (t.header_rows > 0 && !t.rows.empty()) {
      const int last = first_row + std::min<int>(t.header_rows, t.rows.size()) - 1;
      if (Status s = Check(worksheet_repeat_rows(ws, first_row, last), t, first_row, 0); !s.ok()) {
        return s;
      }
    }
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);

    // Input cells are unlocked by their format; everything else is protected (no password:
    // the lock guards against slips, not against people).
    lxw_protection protection = {};
    protection.format_columns = 1;
    protection.format_rows = 1;
    worksheet_protect(ws, nullptr, &protection);
    return Status::Ok();
  }

  Status WriteCharts(const std::vector<std::string>& chart_png) {
    lxw_worksheet* ws = nullptr;
    int row = 1;
    for (size_t i = 0; i < chart_png.size() && i < doc_.charts.size(); ++i) {
      const std::string& png = chart_png[i];
      if (png.empty()) continue;
      PngSize size;
      if (!ProbePng(png, &size)) {
        return Status::InvalidArgument(TrF("{}：图表 {}（{}）不是 PNG 图片",
                                           "{}: chart {} ({}) is not a PNG picture", path_, i + 1,
                                           doc_.charts[i].id));
      }
      if (ws == nullptr) {
        ws = workbook_add_worksheet(workbook_, kChartSheet);
        if (ws == nullptr) {
          return Status::InvalidArgument(
              TrF("{}：无法添加工作表“{}”（是否已有表格用了这个名字？）",
                  "{}: sheet \"{}\" cannot be added (a table has that name?)", path_, kChartSheet));
        }
        worksheet_set_paper(ws, 9);
        worksheet_set_portrait(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        worksheet_center_horizontally(ws);
      }
      const double scale = kChartDisplayWidth / size.width;
      lxw_image_options options = {};
      options.x_scale = scale;
      options.y_scale = scale;
      options.description = const_cast<char*>(doc_.charts[i].title.c_str());
      const lxw_error e = worksheet_insert_image_buffer_opt(
          ws, row, 1, reinterpret_cast<const unsigned char*>(png.data()), png.size(), &options);
      if (e != LXW_NO_ERROR) {
        return Status::InvalidArgument(TrF("{}：工作表“{}”图表 {}：{}",
                                           "{}: sheet \"{}\" chart {}: {}", path_, kChartSheet,
                                           doc_.charts[i].id, lxw_strerror(e)));
      }
      row += static_cast<int>(std::ceil(size.height * scale / kDefaultRowPixels)) + 2;
    }
    return Status::Ok();
  }

  const RenderDocument& doc_;
  const std::string path_;  // as named in messages
  std::string tmpdir_;
  lxw_workbook* workbook_ = nullptr;
  std::map<std::string, lxw_format*> formats_;
};

}  // namespace

Status WriteXlsx(const RenderDocument& doc, const std::vector<std::string>& chart_png,
                 const std::string& path) {
  return WorkbookWriter(doc, path, path).Write(chart_png);
}

// In a private temporary folder (libxlsxwriter 1.1.4, Debian 12, writes files only).
Result<std::string> WriteXlsxBytes(const RenderDocument& doc,
                                   const std::vector<std::string>& chart_png) {
  return ReadWorkbookInTemporaryFolder(
      " Excel 工作簿", "the Excel workbook",
      [&](const std::string& path, const std::string& folder) {
        return WorkbookWriter(doc, path, std::string(Tr("Excel 工作簿", "the Excel workbook")),
                              folder)
            .Write(chart_png);
      });
}

}  // namespace jixiao
