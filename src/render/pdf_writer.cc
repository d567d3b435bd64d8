// The native PDF writer (pdf_writer.h): a cursor that fills A4 pages from the top, block by
// block, with cairo's PDF surface and pango layouts.
#include "render/pdf_writer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <memory>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "base/lang.h"
#include "render/charts.h"
#include "render/table_grid.h"

namespace jixiao {
namespace {

// Lengths: the document's are in mm × 10, the PDF's in points (1/72 inch).
double Pt(int mm10) { return mm10 * 72.0 / 254.0; }
constexpr double kPitch = 28.0;                // paragraphs and headings: fixed 28-point lines
constexpr double kCellPadX = 72.0 / 25.4;      // 1 mm left and right in a cell, as the DOCX
constexpr double kCellPadY = 2.0;              // above and below a cell's text
constexpr double kBorder = 0.5;                // table rules (the DOCX's w:sz="4": ½ point)
constexpr double kCoverTitleBefore = 156.0;    // the cover title about a third down the page
constexpr double kCoverDetailsBefore = 168.0;  // and its details three double lines lower
constexpr double kPageNumberSize = 14.0;       // 四号
constexpr double kChartPointsPerPixel = 0.75;  // a chart's CSS pixel as a point (96 dpi)
constexpr char kCreateDate[] = "2000-01-01T00:00:00Z";  // fixed: the same document, the same bytes
constexpr std::string_view kContinued = "（续）";

Status Invalid(const std::string& where, const std::string& what) {
  return Status::InvalidArgument(
      TrF("无法写出 PDF：{}：{}", "cannot write the PDF: {}: {}", where, what));
}

Status CheckUtf8(std::string_view text, const std::string& where) {
  const gchar* end = nullptr;
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), &end)) return Status::Ok();
  return Invalid(where, TrF("文字在第 {} 字节处不是 UTF-8", "the text is not UTF-8 at byte {}",
                            end - text.data()));
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Adds `entry` to the PDF's catalog dictionary and moves every cross-reference offset behind it
// (cairo writes a classic xref table of fixed-width entries). Leaves the PDF as it was when its
// structure is not the one expected.
void AddToCatalog(std::string* pdf, std::string_view entry) {
  const std::string_view kCatalog = "/Type /Catalog";
  const size_t at = pdf->find(kCatalog);
  const size_t xref = pdf->rfind("\nxref\n");
  const size_t startxref = pdf->rfind("startxref\n");
  if (at == std::string::npos || xref == std::string::npos || startxref == std::string::npos ||
      xref < at || startxref < xref) {
    return;
  }
  const size_t insert = at + kCatalog.size();
  const size_t delta = entry.size();
  // "xref\n0 N\n" then N entries of 20 bytes: "oooooooooo ggggg n \n".
  size_t p = xref + 6;
  const size_t line_end = pdf->find('\n', p);
  if (line_end == std::string::npos) return;
  const std::string_view header(pdf->data() + p, line_end - p);
  const size_t space = header.find(' ');
  if (space == std::string_view::npos) return;
  size_t count = 0;
  if (std::from_chars(header.data() + space + 1, header.data() + header.size(), count).ec !=
      std::errc()) {
    return;
  }
  p = line_end + 1;
  if (p + count * 20 > startxref) return;
  std::vector<std::pair<size_t, size_t>> moved;  // entry position, new offset
  for (size_t i = 0; i < count; ++i, p += 20) {
    size_t offset = 0;
    if (std::from_chars(pdf->data() + p, pdf->data() + p + 10, offset).ec != std::errc()) return;
    if ((*pdf)[p + 17] == 'n' && offset > insert) moved.emplace_back(p, offset + delta);
  }
  size_t start = 0;
  const size_t number_at = startxref + 10;
  const size_t number_end = pdf->find_first_not_of("0123456789", number_at);
  if (number_end == std::string::npos ||
      std::from_chars(pdf->data() + number_at, pdf->data() + number_end, start).ec != std::errc())
    return;
  for (const auto& [pos, offset] : moved) pdf->replace(pos, 10, fmt::format("{:010d}", offset));
  pdf->replace(number_at, number_end - number_at, std::to_string(start + delta));
  pdf->insert(insert, entry);
}

using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

PangoAlignment PangoAlign(Align a) {
  switch (a) {
    case Align::kCenter:
      return PANGO_ALIGN_CENTER;
    case Align::kRight:
      return PANGO_ALIGN_RIGHT;
    case Align::kLeft:
    case Align::kJustify:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

double Height(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

class Writer {
 public:
  explicit Writer(const RenderDocument& doc) : doc_(doc) {}

  ~Writer() {
    for (auto& [key, desc] : fonts_) pango_font_description_free(desc);
    if (context_ != nullptr) g_object_unref(context_);
    if (cr_ != nullptr) cairo_destroy(cr_);
    if (surface_ != nullptr) cairo_surface_destroy(surface_);
  }

  Result<std::string> Write() {
    if (Status s = Validate(); !s.ok()) return s;
    const double short_side = Pt(std::min(doc_.page.width, doc_.page.height));
    const double long_side = Pt(std::max(doc_.page.width, doc_.page.height));
    portrait_w_ = doc_.page.landscape ? long_side : short_side;
    portrait_h_ = doc_.page.landscape ? short_side : long_side;
    surface_ = cairo_pdf_surface_create_for_stream(AppendToString, &out_, portrait_w_, portrait_h_);
    cairo_pdf_surface_restrict_to_version(surface_, CAIRO_PDF_VERSION_1_5);
    const auto meta = [&](cairo_pdf_metadata_t key, const std::string& value) {
      if (!value.empty()) cairo_pdf_surface_set_metadata(surface_, key, value.c_str());
    };
    meta(CAIRO_PDF_METADATA_TITLE, doc_.title);
    meta(CAIRO_PDF_METADATA_AUTHOR, doc_.unit_name);
    meta(CAIRO_PDF_METADATA_CREATOR, "jixiao");
    meta(CAIRO_PDF_METADATA_CREATE_DATE, kCreateDate);
    cr_ = cairo_create(surface_);
    context_ = pango_cairo_create_context(cr_);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_, options);
    cairo_font_options_destroy(options);
    pango_context_set_language(context_, pango_language_from_string("zh-cn"));

    // The cover first unless the body places it; its page carries no number.
    const bool cover_first = HasCover(doc_) && (!CoverInBody(doc_) || doc_.body.front().kind ==
                                                                          Block::Kind::kCover);
    StartPage(false, !cover_first);
    if (HasCover(doc_) && !CoverInBody(doc_)) Cover();
    for (const Block& block : doc_.body) {
      const bool landscape =
          block.kind == Block::Kind::kTable && doc_.tables[block.table].landscape;
      // A page with nothing on it yet turns; one with text ends.
      if (landscape != landscape_ && block.kind != Block::Kind::kPageBreak) {
        if (page_empty_) {
          Orient(landscape);
        } else {
          NewPage(landscape);
        }
      }
      switch (block.kind) {
        case Block::Kind::kParagraph:
          Paragraph(block);
          break;
        case Block::Kind::kHeading:
          Heading(block);
          break;
        case Block::Kind::kTable:
          Table(static_cast<size_t>(block.table));
          break;
        case Block::Kind::kChart:
          if (Status s = ChartBlock(static_cast<size_t>(block.chart)); !s.ok()) return s;
          break;
        case Block::Kind::kPageBreak:
          if (!page_empty_) NewPage(landscape_);
          break;
        case Block::Kind::kCover:
          if (!HasCover(doc_)) break;
          if (!page_empty_) NewPage(false);
          number_ = 0;  // unnumbered; the page after it is — 1 —
          Cover();
          break;
      }
    }
    Footer();
    cairo_status_t status = cairo_status(cr_);
    cairo_destroy(cr_);
    cr_ = nullptr;
    cairo_surface_finish(surface_);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface_);
    if (status != CAIRO_STATUS_SUCCESS) {
      return Status::IOError(
          TrF("PDF：cairo 绘图失败：{}", "PDF: cairo: {}", cairo_status_to_string(status)));
    }
    AddToCatalog(&out_, " /Lang (zh-CN)");
    return std::move(out_);
  }

 private:
  // ---- checks before anything is drawn

  Status Validate() {
    grids_.resize(doc_.tables.size());
    for (size_t t = 0; t < doc_.tables.size(); ++t) {
      const Status s = BuildTableGrid(doc_, t, &grids_[t]);
      if (!s.ok()) {
        return Status::InvalidArgument(
            TrF("无法写出 PDF：{}", "cannot write the PDF: {}", s.message()));
      }
      const RenderTable& table = doc_.tables[t];
      const std::string name = TableName(doc_, t);
      if (Status u = CheckUtf8(table.title, name); !u.ok()) return u;
      if (Status u = CheckUtf8(table.subtitle, name); !u.ok()) return u;
      for (size_t r = 0; r < table.rows.size(); ++r) {
        for (size_t c = 0; c < table.rows[r].cells.size(); ++c) {
          const std::string where =
              TrF("{}，第 {} 行第 {} 列", "{}, row {}, column {}", name, r + 1, c + 1);
          if (Status u = CheckUtf8(table.rows[r].cells[c].text, where); !u.ok()) return u;
        }
      }
    }
    for (size_t i = 0; i < doc_.body.size(); ++i) {
      const Block& b = doc_.body[i];
      const std::string where = TrF("第 {} 段", "block {}", i + 1);
      if (Status u = CheckUtf8(b.text, where); !u.ok()) return u;
      if (b.kind == Block::Kind::kTable &&
          (b.table < 0 || static_cast<size_t>(b.table) >= doc_.tables.size())) {
        return Invalid(where, TrF("没有第 {} 张表", "there is no table {}", b.table + 1));
      }
      if (b.kind == Block::Kind::kChart &&
          (b.chart < 0 || static_cast<size_t>(b.chart) >= doc_.charts.size())) {
        return Invalid(where, TrF("没有第 {} 个图表", "there is no chart {}", b.chart + 1));
      }
    }
    for (size_t i = 0; i < doc_.cover.title_lines.size(); ++i) {
      const std::string where = TrF("封面标题第 {} 行", "cover title line {}", i + 1);
      if (Status u = CheckUtf8(doc_.cover.title_lines[i], where); !u.ok()) return u;
    }
    for (size_t i = 0; i < doc_.cover.details.size(); ++i) {
      const std::string where = TrF("封面第 {} 项", "cover detail {}", i + 1);
      if (Status u = CheckUtf8(doc_.cover.details[i], where); !u.ok()) return u;
    }
    for (const std::string* s : {&doc_.title, &doc_.unit_name}) {
      if (Status u = CheckUtf8(*s, std::string(Tr("文档信息", "document information"))); !u.ok())
        return u;
    }
    return Status::Ok();
  }

  // ---- pages

  // Begins a page (after the first, the previous one has been finished by NewPage).
  void StartPage(bool landscape, bool numbered) {
    Orient(landscape);
    ++pages_;
    number_ = numbered ? number_ + 1 : 0;
  }

  // The current page's orientation and text area; only while nothing is drawn on it.
  void Orient(bool landscape) {
    landscape_ = landscape;
    page_w_ = landscape ? portrait_h_ : portrait_w_;
    page_h_ = landscape ? portrait_w_ : portrait_h_;
    cairo_pdf_surface_set_size(surface_, page_w_, page_h_);
    left_ = Pt(doc_.page.margin_left);
    right_ = page_w_ - Pt(doc_.page.margin_right);
    top_ = Pt(doc_.page.margin_top);
    bottom_ = page_h_ - Pt(doc_.page.margin_bottom);
    y_ = top_;
    page_empty_ = true;
  }

  void NewPage(bool landscape) {
    Footer();
    cairo_show_page(cr_);
    StartPage(landscape, true);
  }

  // Starts a new page when `height` does not fit below the cursor (unless the page is empty:
  // what is taller than a page goes on one anyway).
  void EnsureSpace(double height) {
    if (y_ + height > bottom_ + 0.01 && !page_empty_) NewPage(landscape_);
  }

  void Footer() {
    if (number_ == 0 || !doc_.page.page_numbers) return;
    FontRole role = doc_.fonts.body;
    LayoutPtr layout = Layout(role, false, fmt::format("— {} —", number_), page_w_,
                              PANGO_ALIGN_CENTER, false, 0, kPageNumberSize);
    // The footer's foot at the DOCX's footer distance: half the bottom margin, at most 17.5 mm.
    const double distance = std::min(49.6, Pt(doc_.page.margin_bottom) / 2);
    cairo_move_to(cr_, 0, page_h_ - distance - Height(layout.get()));
    pango_cairo_show_layout(cr_, layout.get());
  }

  // ---- text

  PangoFontDescription* Font(const FontRole& role, bool bold, double size) {
    const std::string& family = role.chosen();
    auto key = std::make_tuple(family, bold, static_cast<int>(size * 100));
    auto it = fonts_.find(key);
    if (it != fonts_.end()) return it->second;
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, family.c_str());
    if (bold) pango_font_description_set_weight(desc, PANGO_WEIGHT_BOLD);
    pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
    fonts_.emplace(key, desc);
    return desc;
  }

  // A layout of `text` in the role's font (at `size` points when given), `width` wide.
  LayoutPtr Layout(const FontRole& role, bool bold, std::string_view text, double width,
                   PangoAlignment align, bool justify, double indent, double size = 0) {
    LayoutPtr layout(pango_layout_new(context_), g_object_unref);
    const double points = size > 0 ? size : role.size_half_points / 2.0;
    pango_layout_set_font_description(layout.get(), Font(role, bold, points));
    pango_layout_set_width(layout.get(), static_cast<int>(std::max(width, 1.0) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align);
    pango_layout_set_justify(layout.get(), justify);
    if (indent > 0) pango_layout_set_indent(layout.get(), static_cast<int>(indent * PANGO_SCALE));
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

  static int LineCount(PangoLayout* layout) { return pango_layout_get_line_count(layout); }

  // Draws the layout's lines at the fixed pitch from the cursor, each centred in its line box,
  // starting a new page when a line does not fit.
  void Lines(PangoLayout* layout, double x, double pitch) {
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double ascent =
          static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
      const double height = static_cast<double>(logical.height) / PANGO_SCALE;
      EnsureSpace(pitch);
      cairo_move_to(cr_, x + static_cast<double>(logical.x) / PANGO_SCALE,
                    y_ + (pitch - height) / 2 + ascent);
      pango_cairo_show_layout_line(cr_, line);
      y_ += pitch;
      page_empty_ = false;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void Cover() {
    const DocumentFonts& f = doc_.fonts;
    const double width = right_ - left_;
    const double title_pitch = std::max(kPitch, f.title.size_half_points / 2.0 * 1.5);
    y_ = top_ + kCoverTitleBefore;
    for (const std::string& line : doc_.cover.title_lines) {
      LayoutPtr l = Layout(f.title, f.title.bold, line, width, PANGO_ALIGN_CENTER, false, 0);
      Lines(l.get(), left_, title_pitch);
    }
    y_ += kCoverDetailsBefore;
    for (const std::string& line : doc_.cover.details) {
      LayoutPtr l = Layout(f.body, f.body.bold, line, width, PANGO_ALIGN_CENTER, false, 0);
      Lines(l.get(), left_, kPitch);
    }
    NewPage(false);
  }

  void Paragraph(const Block& block) {
    const FontRole& role = doc_.fonts.body;
    const double indent = block.first_line_indent ? role.size_half_points : 0;  // two characters
    LayoutPtr l = Layout(role, role.bold, block.text, right_ - left_, PangoAlign(block.align),
                         block.align == Align::kJustify, indent);
    Lines(l.get(), left_, kPitch);
  }

  void Heading(const Block& block) {
    const int level = std::clamp(block.level, 1, 3);
    const DocumentFonts& f = doc_.fonts;
    const FontRole& role = level == 1 ? f.heading1 : level == 2 ? f.heading2 : f.body;
    const bool bold = level >= 3 ? true : role.bold;
    const double indent = block.first_line_indent ? role.size_half_points : 0;
    LayoutPtr l = Layout(role, bold, block.text, right_ - left_, PangoAlign(block.align),
                         block.align == Align::kJustify, indent);
    // Kept with two lines of what follows.
    EnsureSpace(kPitch * (LineCount(l.get()) + 2));
    Outline(block.text, level);
    Lines(l.get(), left_, kPitch);
  }

  // A bookmark in the PDF's outline at the cursor (levels 1 and 2, and table titles).
  void Outline(const std::string& text, int level) {
    if (level > 2 || text.empty()) return;
    const std::string link = fmt::format("page={} pos=[{:.1f} {:.1f}]", pages_, left_, y_);
    const int parent = level == 1 ? CAIRO_PDF_OUTLINE_ROOT : outline_parent_;
    const int id = cairo_pdf_surface_add_outline(surface_, parent, text.c_str(), link.c_str(),
                                                 static_cast<cairo_pdf_outline_flags_t>(0));
    if (level == 1) outline_parent_ = id;
  }

  // ---- tables

  void Table(size_t t) {
    const RenderTable& table = doc_.tables[t];
    const Grid& grid = grids_[t];
    const DocumentFonts& f = doc_.fonts;
    const double text_width = right_ - left_;

    // Column widths: as given, else shared equally; narrowed together to the text width.
    std::vector<double> widths(static_cast<size_t>(grid.columns));
    double total = 0;
    for (int c = 0; c < grid.columns; ++c) {
      widths[c] = table.column_widths.empty() ? text_width / std::max(1, grid.columns)
                                              : Pt(table.column_widths[c]);
      total += widths[c];
    }
    if (total > text_width && total > 0) {
      for (double& w : widths) w *= text_width / total;
      total = text_width;
    }
    std::vector<double> xs(widths.size() + 1, left_ + (text_width - total) / 2);
    for (size_t c = 0; c < widths.size(); ++c) xs[c + 1] = xs[c] + widths[c];

    // Every origin cell's text, laid out in its width; then the rows' heights.
    const size_t n = static_cast<size_t>(grid.rows) * grid.columns;
    std::vector<LayoutPtr> cells;
    cells.reserve(n);
    std::vector<double> heights(static_cast<size_t>(grid.rows), 0);
    for (int r = 0; r < grid.rows; ++r) {
      for (int c = 0; c < grid.columns; ++c) {
        const TableCell& cell = table.rows[r].cells[c];
        if (cell.covered) {
          cells.emplace_back(nullptr, g_object_unref);
          continue;
        }
        cells.push_back(CellLayout(cell, cell.text, xs[c + cell.column_span] - xs[c]));
        if (cell.row_span == 1) {
          heights[r] = std::max(heights[r], Height(cells.back().get()) + 2 * kCellPadY);
        }
      }
    }
    for (int r = 0; r < grid.rows; ++r) {
      for (int c = 0; c < grid.columns; ++c) {
        const TableCell& cell = table.rows[r].cells[c];
        if (cell.covered || cell.row_span == 1) continue;
        const double need =
            Height(cells[static_cast<size_t>(r) * grid.columns + c].get()) + 2 * kCellPadY;
        double have = 0;
        for (int k = 0; k < cell.row_span; ++k) have += heights[r + k];
        if (have < need) heights[r + cell.row_span - 1] += need - have;
      }
    }

    // The title and subtitle, kept with the header rows and the first row.
    FontRole title_role = f.table;
    title_role.size_half_points = f.heading1.size_half_points;
    LayoutPtr title =
        Layout(title_role, true, table.title, text_width, PANGO_ALIGN_CENTER, false, 0);
    LayoutPtr subtitle =
        Layout(f.table, f.table.bold, table.subtitle, text_width, PANGO_ALIGN_LEFT, false, 0);
    const double title_h = table.title.empty() ? 0 : Height(title.get()) + 6;
    const double subtitle_h = table.subtitle.empty() ? 0 : Height(subtitle.get()) + 3;
    const int header_rows = std::clamp(table.header_rows, 0, grid.rows);
    double header_h = 0;
    for (int r = 0; r < header_rows; ++r) header_h += heights[r];
    const double first_row = header_rows < grid.rows ? heights[header_rows] : 0;
    EnsureSpace(title_h + subtitle_h + header_h + first_row);
    if (!table.title.empty()) {
      Outline(table.title, 2);
      cairo_move_to(cr_, left_, y_);
      pango_cairo_show_layout(cr_, title.get());
      y_ += title_h;
      page_empty_ = false;
    }
    if (!table.subtitle.empty()) {
      cairo_move_to(cr_, left_, y_);
      pango_cairo_show_layout(cr_, subtitle.get());
      y_ += subtitle_h;
      page_empty_ = false;
    }
    if (grid.rows == 0 || grid.columns == 0) return;

    // Page by page: the rows that fit (at least one), after the repeated header rows.
    int r = 0;
    bool first_page = true;
    while (r < grid.rows) {
      std::vector<int> rows;
      if (!first_page) {
        for (int h = 0; h < header_rows; ++h) rows.push_back(h);
        for (const RowHeading& heading : table.row_headings) {
          const int body = heading.first + heading.count;
          if (heading.first < header_rows || heading.count < 1 || body > r || r >= heading.until ||
              body > grid.rows)
            continue;
          for (int h = heading.first; h < body; ++h) rows.push_back(h);
        }
      }
      double y = y_;
      for (int row : rows) y += heights[row];
      const size_t fixed = rows.size();
      // A page with nothing but the repeated headers above takes at least one row.
      const bool fresh = !first_page || page_empty_;
      while (r < grid.rows) {
        const bool fits = y + heights[r] <= bottom_ + 0.01;
        if (!fits && (rows.size() > fixed || !fresh)) break;
        rows.push_back(r);
        y += heights[r];
        ++r;
      }
      if (rows.size() > fixed) {
        DrawRows(table, grid, cells, xs, heights, rows);
        y_ = y;
        page_empty_ = false;
      }
      if (r < grid.rows) NewPage(landscape_);
      first_page = false;
    }
    y_ += 6;  // a little air below a table
  }

  LayoutPtr CellLayout(const TableCell& cell, std::string_view text, double width) {
    const FontRole& role = cell.header ? doc_.fonts.table_header : doc_.fonts.table;
    return Layout(role, cell.header || role.bold, text, width - 2 * kCellPadX,
                  PangoAlign(cell.align), cell.align == Align::kJustify, 0,
                  cell.size_half_points > 0 ? cell.size_half_points / 2.0 : 0);
  }

  // Draws the cells of `rows` (grid rows, top to bottom, as stacked on this page) from the
  // cursor: each merge once per run of its rows on the page, its text in the run holding its
  // origin, or, for a label whose origin is on an earlier page, again with “（续）”.
  void DrawRows(const RenderTable& table, const Grid& grid, const std::vector<LayoutPtr>& cells,
                const std::vector<double>& xs, const std::vector<double>& heights,
                const std::vector<int>& rows) {
    std::vector<double> tops(rows.size());
    double y = y_;
    for (size_t i = 0; i < rows.size(); ++i) {
      tops[i] = y;
      y += heights[rows[i]];
    }
    cairo_set_line_width(cr_, kBorder);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    std::map<std::pair<int, size_t>, bool> drawn;  // (origin, run start) already drawn
    for (size_t i = 0; i < rows.size(); ++i) {
      for (int c = 0; c < grid.columns; ++c) {
        const int origin = grid.at(rows[i], c);
        const int orow = origin / grid.columns;
        const int ocol = origin % grid.columns;
        if (ocol != c) continue;
        // The run of page rows, from i, that this merge covers: the neighbouring slots whose
        // rows it spans (a repeated heading row and the rows it heads are neighbours on the
        // page though not in the grid).
        const TableCell& cell = table.rows[orow].cells[ocol];
        const auto inside = [&](int row) { return row >= orow && row < orow + cell.row_span; };
        size_t start = i;
        while (start > 0 && inside(rows[start - 1])) --start;
        if (!drawn.emplace(std::make_pair(origin, start), true).second) continue;
        size_t end = start;
        while (end + 1 < rows.size() && inside(rows[end + 1])) ++end;
        bool has_origin = false;
        for (size_t k = start; k <= end; ++k) has_origin = has_origin || rows[k] == orow;
        const double x0 = xs[ocol];
        const double x1 = xs[ocol + cell.column_span];
        const double y0 = tops[start];
        const double y1 = tops[end] + heights[rows[end]];
        cairo_rectangle(cr_, x0, y0, x1 - x0, y1 - y0);
        cairo_stroke(cr_);
        PangoLayout* text = cells[origin].get();
        LayoutPtr continued(nullptr, g_object_unref);
        if (!has_origin) {  // the merge began on an earlier page
          if (cell.role != CellRole::kLabel || cell.text.empty()) continue;
          continued = CellLayout(cell, cell.text + std::string(kContinued), x1 - x0);
          text = continued.get();
        }
        const double h = Height(text);
        cairo_save(cr_);
        cairo_rectangle(cr_, x0, y0, x1 - x0, y1 - y0);
        cairo_clip(cr_);
        cairo_move_to(cr_, x0 + kCellPadX, y0 + std::max(kCellPadY, (y1 - y0 - h) / 2));
        pango_cairo_show_layout(cr_, text);
        cairo_restore(cr_);
      }
    }
  }

  // ---- charts

  Status ChartBlock(size_t i) {
    ChartStyle style;
    style.font_family = doc_.fonts.table.chosen();
    const double width = std::min(right_ - left_, style.width * kChartPointsPerPixel);
    const double scale = width / style.width;
    const double height = style.height * scale;
    EnsureSpace(height + 6);
    cairo_save(cr_);
    cairo_translate(cr_, left_ + (right_ - left_ - width) / 2, y_);
    cairo_scale(cr_, scale, scale);
    const Status s = DrawChart(cr_, doc_.charts[i], style);
    cairo_restore(cr_);
    if (!s.ok()) return Invalid(ChartName(doc_, i), s.message());
    y_ += height + 6;
    page_empty_ = false;
    return Status::Ok();
  }

  const RenderDocument& doc_;
  std::vector<Grid> grids_;
  std::string out_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* context_ = nullptr;
  std::map<std::tuple<std::string, bool, int>, PangoFontDescription*> fonts_;
  double portrait_w_ = 0, portrait_h_ = 0;              // the document's page, in points
  double page_w_ = 0, page_h_ = 0;                      // this page's
  double left_ = 0, right_ = 0, top_ = 0, bottom_ = 0;  // this page's text area
  double y_ = 0;                                        // the cursor: the top of free space
  bool landscape_ = false;
  bool page_empty_ = true;
  int pages_ = 0;   // pages begun
  int number_ = 0;  // this page's printed number; 0 on the cover
  int outline_parent_ = CAIRO_PDF_OUTLINE_ROOT;
};

}  // namespace

Result<std::string> WritePdf(const RenderDocument& doc) { return Writer(doc).Write(); }

}  // namespace jixiao
