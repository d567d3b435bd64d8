// HTML writer (see html_writer.h).
//
// The page is HTML5 written so that it is also well-formed XML (void elements closed with
// "/>", every attribute quoted, the DOCTYPE in capitals), which lets the tests read it with an
// XML parser. Nothing in it refers outside the page: the style is inline, the charts are inline
// SVG whose glyphs are outlines, and the SVG namespace declarations (which are URIs, though
// never fetched) are dropped because the HTML parser puts <svg> in its namespace by itself.
//
// Screen: the body is at most 50em wide, text sizes are in rem, scaled from the form's point
// sizes relative to the body text; tables scroll sideways inside `div.table-wrap`.
// Print: the form's point sizes and page margins (@page, A4), header rows repeated
// (thead as table-header-group; a table whose rows head a later part of it is one <table> per
// part, so that the 自评表's indicator headings repeat over the indicators), rows kept on one
// page, a page break at each kPageBreak block, landscape tables on a landscape named page, page numbers "— n —" in the bottom margin. On
// screen and on paper every row is at least one line high, an empty one too.
//
// Pure function; safe from any thread.
#include "render/html_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <pugixml.hpp>
#include <sstream>
#include <string_view>

#include "base/xml_escape.h"
#include "render/table_grid.h"

namespace jixiao {
namespace {

// ---------------------------------------------------------------------------------------------
// Escaping.

// Text and attribute values (base/xml_escape.h).
void AppendEscaped(std::string* out, std::string_view text) { AppendXmlEscaped(out, text); }

std::string Escape(std::string_view text) {
  std::string out;
  AppendEscaped(&out, text);
  return out;
}

// Text content in which a line break is a <br/>.
std::string EscapeLines(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    AppendEscaped(&out, text.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos) break;
    out += "<br/>";
    start = nl + 1;
  }
  return out;
}

// A font family name as a CSS string: characters that could end the string, the declaration
// or the style element are dropped.
std::string CssString(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == ';' || c == '{' ||
        c == '}' || static_cast<unsigned char>(c) < 0x20) {
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// An id or class fragment: ASCII letters, digits, '-' and '_' only.
std::string Token(std::string_view text) {
  std::string out;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_') {
      out += c;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Style.

// "chosen", then the form's candidates, then the generic family.
std::string FontStack(const FontRole& role) {
  std::vector<std::string> names;
  auto add = [&](const std::string& name) {
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  };
  add(role.family);
  for (const std::string& name : role.families) add(name);
  std::string stack;
  bool sans = false;
  for (const std::string& name : names) {
    std::string quoted = CssString(name);
    if (quoted.size() <= 2) continue;
    stack += quoted + ", ";
    sans = sans || FontLooksSans(name);
  }
  // Only the first candidate decides the generic fallback (the form lists look-alikes).
  if (!names.empty()) sans = FontLooksSans(names.front());
  return stack + (sans ? "sans-serif" : "serif");
}

int HalfPoints(const FontRole& role) {
  return role.size_half_points > 0 ? role.size_half_points : 24;
}

// On screen the body text is 1.125rem; the other roles keep their ratio to it.
std::string ScreenSize(const FontRole& role, const FontRole& body) {
  double rem = 1.125 * HalfPoints(role) / HalfPoints(body);
  return fmt::format("{:.4g}rem", rem);
}

std::string PrintSize(const FontRole& role) {
  int hp = HalfPoints(role);
  return hp % 2 == 0 ? fmt::format("{}pt", hp / 2) : fmt::format("{}.5pt", hp / 2);
}

std::string Mm(int tenths) {
  return tenths % 10 == 0 ? fmt::format("{}mm", tenths / 10)
                          : fmt::format("{}.{}mm", tenths / 10, std::abs(tenths % 10));
}

std::string PageSize(const PageSetup& page, bool landscape) {
  if (page.width == 2100 && page.height == 2970) return landscape ? "A4 landscape" : "A4";
  int w = page.width, h = page.height;
  if (landscape != (w > h)) std::swap(w, h);
  return Mm(w) + " " + Mm(h);
}

std::string Margins(const PageSetup& page) {
  return fmt::format("{} {} {} {}", Mm(page.margin_top), Mm(page.margin_right),
                     Mm(page.margin_bottom), Mm(page.margin_left));
}

std::string Weight(const FontRole& role) { return role.bold ? "bold" : "normal"; }

std::string Style(const RenderDocument& doc) {
  const DocumentFonts& f = doc.fonts;
  const PageSetup& page = doc.page;
  std::string css;
  auto rule = [&](std::string_view text) {
    css += text;
    css += '\n';
  };
  rule(":root { color-scheme: light; }");
  rule("html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }");
  rule(fmt::format(
      "body {{ margin: 0 auto; padding: 1rem; max-width: 50em; box-sizing: border-box; "
      "font-family: {}; font-size: {}; line-height: 1.75; color: #111; background: #fff; }}",
      FontStack(f.body), ScreenSize(f.body, f.body)));
  rule("p { margin: 0 0 .4em; text-align: justify; }");
  rule(
      "p.indent, h1.indent, h2.indent, h3.indent, h4.indent, h5.indent, h6.indent "
      "{ text-indent: 2em; }");
  rule(
      ".al { text-align: left; } .ac { text-align: center; } .ar { text-align: right; } "
      ".aj { text-align: justify; }");
  rule(fmt::format("h1, h2, h3, h4, h5, h6 {{ margin: .8em 0 .4em; line-height: 1.5; }}"));
  rule(fmt::format("h1 {{ font-family: {}; font-size: {}; font-weight: {}; }}",
                   FontStack(f.heading1), ScreenSize(f.heading1, f.body), Weight(f.heading1)));
  rule(fmt::format("h2 {{ font-family: {}; font-size: {}; font-weight: {}; }}",
                   FontStack(f.heading2), ScreenSize(f.heading2, f.body), Weight(f.heading2)));
  rule(fmt::format("h3, h4, h5, h6 {{ font-family: {}; font-size: {}; font-weight: bold; }}",
                   FontStack(f.body), ScreenSize(f.body, f.body)));
  // Cover.
  rule(
      "header.cover { text-align: center; padding: 2em 0 3em; margin-bottom: 2em; "
      "border-bottom: 1px solid #ccc; }");
  rule(fmt::format(
      ".cover-title p {{ font-family: {}; font-size: {}; font-weight: {}; margin: 0 0 .3em; "
      "text-align: center; line-height: 1.4; }}",
      FontStack(f.title), ScreenSize(f.title, f.body), Weight(f.title)));
  rule(".cover-details { margin-top: 3em; } .cover-details p { text-align: center; }");
  // Generated paragraphs: a quiet bar in the margin, on screen only.
  rule(
      "@media screen { p.generated { border-left: .2em solid #c8d4e6; padding-left: .5em; "
      "margin-left: -.7em; } }");
  // Tables.
  rule(".table-block { margin: 1.5em 0; }");
  rule(
      fmt::format(".table-title {{ font-family: {}; font-size: {}; font-weight: bold; "
                  "text-align: left; margin-bottom: .3em; }}",
                  FontStack(f.heading1), ScreenSize(f.body, f.body)));
  rule(".table-subtitle { text-align: left; font-size: .85em; margin-bottom: .3em; }");
  rule(".table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }");
  rule(fmt::format(
      "table {{ border-collapse: collapse; width: 100%; font-family: {}; font-size: {}; "
      "line-height: 1.4; }}",
      FontStack(f.table), ScreenSize(f.table, f.body)));
  rule(
      "th, td { border: 1px solid #333; padding: .25em .35em; vertical-align: middle; "
      "text-align: center; overflow-wrap: anywhere; height: 1.4em; }");
  rule(fmt::format(
      "th {{ font-family: {}; font-size: {}; font-weight: {}; background: #f3f3f3; "
      "}}",
      FontStack(f.table_header), ScreenSize(f.table_header, f.body), Weight(f.table_header)));
  rule("td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }");
  rule("thead { display: table-header-group; }");
  // The parts of one table (one <table> each, render/table_grid.h) print as one: no double
  // border where they meet, no line inside a merge carried on from the heading rows.
  rule("table.part { margin-top: -1px; }");
  rule("th.cont, td.cont { border-top-style: hidden; }");
  rule("tr { break-inside: avoid; page-break-inside: avoid; }");
  rule("tr.split { break-inside: auto; page-break-inside: auto; }");
  // Charts.
  rule("figure.chart { margin: 1.5em 0; text-align: center; }");
  rule("figure.chart svg { max-width: 100%; height: auto; }");
  rule("figcaption { font-size: .9em; margin-top: .3em; }");
  rule("hr.page-break { border: 0; border-top: 1px dashed #bbb; margin: 2em 0; }");
  // Print.
  std::string page_rule =
      fmt::format("@page {{ size: {}; margin: {};", PageSize(page, page.landscape), Margins(page));
  if (page.page_numbers) {
    page_rule += fmt::format(
        " @bottom-center {{ content: \"— \" counter(page) \" —\"; font-family: {}; "
        "font-size: 14pt; }}",
        FontStack(f.body));
  }
  rule(page_rule + " }");
  if (page.page_numbers) rule("@page :first { @bottom-center { content: none; } }");
  rule(fmt::format("@page wide {{ size: {}; margin: {}; }}", PageSize(page, !page.landscape),
                   Margins(page)));
  rule("@media print {");
  rule(fmt::format("  body {{ max-width: none; padding: 0; font-size: {}; line-height: 1.5; }}",
                   PrintSize(f.body)));
  rule(
      fmt::format("  h1 {{ font-size: {}; }} h2 {{ font-size: {}; }} h3, h4, h5, h6 {{ "
                  "font-size: {}; }}",
                  PrintSize(f.heading1), PrintSize(f.heading2), PrintSize(f.body)));
  rule(fmt::format("  .cover-title p {{ font-size: {}; }}", PrintSize(f.title)));
  rule(
      "  header.cover { border: 0; padding-top: 30%; break-before: page; break-after: page; "
      "page-break-after: always; }");
  rule(fmt::format("  table {{ font-size: {}; }} th {{ font-size: {}; background: none; }}",
                   PrintSize(f.table), PrintSize(f.table_header)));
  rule("  .table-wrap { overflow: visible; } table { min-width: 0 !important; }");
  rule(
      "  hr.page-break { border: 0; margin: 0; height: 0; break-after: page; "
      "page-break-after: always; }");
  rule("  .table-block.landscape { page: wide; }");
  rule("  figure.chart { break-inside: avoid; }");
  rule("  h1, h2, h3, h4, h5, h6, .table-title { break-after: avoid; }");
  rule("}");
  return css;
}

// ---------------------------------------------------------------------------------------------
// Body.

const char* AlignClass(Align align) {
  switch (align) {
    case Align::kLeft:
      return "al";
    case Align::kCenter:
      return "ac";
    case Align::kRight:
      return "ar";
    case Align::kJustify:
      return "aj";
  }
  return "aj";
}

// ` class="a b"`, or nothing when there is no class.
std::string ClassAttribute(const std::vector<std::string>& classes) {
  std::string joined;
  for (const std::string& c : classes) {
    if (c.empty()) continue;
    if (!joined.empty()) joined += ' ';
    joined += c;
  }
  return joined.empty() ? "" : " class=\"" + joined + "\"";
}

void WriteCover(const RenderCover& cover, std::string* out) {
  if (cover.title_lines.empty() && cover.details.empty()) return;
  *out += "<header class=\"cover\">\n";
  if (!cover.title_lines.empty()) {
    *out += "<div class=\"cover-title\">\n";
    for (const std::string& line : cover.title_lines) *out += "<p>" + EscapeLines(line) + "</p>\n";
    *out += "</div>\n";
  }
  if (!cover.details.empty()) {
    *out += "<div class=\"cover-details\">\n";
    for (const std::string& line : cover.details) *out += "<p>" + EscapeLines(line) + "</p>\n";
    *out += "</div>\n";
  }
  *out += "</header>\n";
}

void WriteHeading(const Block& block, std::string* out) {
  int level = std::clamp(block.level, 1, 6);
  std::vector<std::string> classes;
  if (block.align != Align::kJustify && block.align != Align::kLeft) {
    classes.push_back(AlignClass(block.align));
  }
  if (block.first_line_indent) classes.push_back("indent");
  *out += fmt::format("<h{}{}>{}</h{}>\n", level, ClassAttribute(classes), EscapeLines(block.text),
                      level);
}

void WriteParagraph(const Block& block, std::string* out) {
  std::vector<std::string> classes;
  if (block.generated) classes.push_back("generated");
  if (block.first_line_indent) classes.push_back("indent");
  if (block.align != Align::kJustify) classes.push_back(AlignClass(block.align));
  *out += "<p" + ClassAttribute(classes);
  if (block.generated) *out += " title=\"此段由 jixiao 根据填报数据生成\"";
  *out += ">" + EscapeLines(block.text) + "</p>\n";
}

// For a table whose merges do not match its grid (render/table_grid.h), the number of leading
// rows that go into <thead>: the table's header rows, extended so that no merge crosses from
// the header into the body (a rowspan cannot leave its row group).
int HeadRows(const RenderTable& table) {
  const int n = static_cast<int>(table.rows.size());
  int head = std::clamp(table.header_rows, 0, n);
  if (head == 0) return 0;
  bool grew = true;
  while (grew) {
    grew = false;
    for (int r = 0; r < head; ++r) {
      for (const TableCell& cell : table.rows[r].cells) {
        if (cell.covered) continue;
        int end = std::min(n, r + std::max(1, cell.row_span));
        if (end > head) {
          head = end;
          grew = true;
        }
      }
    }
  }
  return head;
}

// A cell spanning `row_span` rows and `column_span` columns; `classes` are added to its own.
void WriteCell(const TableCell& cell, int row_span, int column_span,
               std::vector<std::string> classes, std::string* out) {
  const char* tag = cell.header ? "th" : "td";
  if (cell.align != Align::kCenter) classes.push_back(AlignClass(cell.align));
  if (cell.number) classes.push_back("num");
  if (cell.role == CellRole::kComputed) classes.push_back("computed");
  if (cell.role == CellRole::kInput) classes.push_back("input");
  *out += "<";
  *out += tag;
  if (row_span > 1) *out += fmt::format(" rowspan=\"{}\"", row_span);
  if (column_span > 1) *out += fmt::format(" colspan=\"{}\"", column_span);
  *out += ClassAttribute(classes);
  if (!cell.pointer.empty()) *out += " data-pointer=\"" + Escape(cell.pointer) + "\"";
  *out += ">" + EscapeLines(cell.text) + "</" + tag + ">";
}

// Rows [from, to) of `table`, rows before `head_end` in <thead>. A merge is cut at the end of
// the row group it starts in (a rowspan cannot leave its group): a merge from the heading rows
// into the body goes on below as an empty cell without a top border ("cont"), so that the
// heading rows alone repeat on every printed page.
void WriteRowGroups(const RenderTable& table, int from, int to, int head_end, std::string* out) {
  head_end = std::clamp(head_end, from, to);
  struct Carried {
    int rows = 0;
    int columns = 1;
    bool header = false;
  };
  std::vector<Carried> carried;  // per column: a merge carried on into the body's first row
  const auto write = [&](int begin, int end) {
    for (int r = begin; r < end; ++r) {
      const TableRow& row = table.rows[r];
      const int columns = static_cast<int>(row.cells.size());
      *out += "<tr";
      if (!row.cant_split) *out += " class=\"split\"";
      *out += ">";
      for (int c = 0; c < columns; ++c) {
        if (r == head_end && c < static_cast<int>(carried.size()) && carried[c].rows > 0 &&
            row.cells[c].covered) {
          const Carried& k = carried[c];
          TableCell empty;
          empty.header = k.header;
          WriteCell(empty, k.rows, k.columns, {"cont"}, out);
          continue;
        }
        const TableCell& cell = row.cells[c];
        if (cell.covered) continue;
        const int want = std::max(1, cell.row_span);
        const int row_span = std::min(want, end - r);
        const int column_span = std::clamp(cell.column_span, 1, std::max(1, columns - c));
        if (row_span < want && end == head_end && head_end < to) {
          if (carried.size() < static_cast<size_t>(columns)) carried.resize(columns);
          carried[c] = {std::min(want - row_span, to - head_end), column_span, cell.header};
        }
        WriteCell(cell, row_span, column_span, {}, out);
      }
      *out += "</tr>\n";
    }
  };
  if (head_end > from) {
    *out += "<thead>\n";
    write(from, head_end);
    *out += "</thead>\n";
  }
  if (to > head_end) {
    *out += "<tbody>\n";
    write(head_end, to);
    *out += "</tbody>\n";
  }
}

void WriteTable(const RenderDocument& doc, size_t t, std::string* out) {
  const RenderTable& table = doc.tables[t];
  std::vector<std::string> classes = {"table-block"};
  if (table.landscape) classes.push_back("landscape");
  *out += "<section" + ClassAttribute(classes);
  if (std::string id = Token(table.id); !id.empty()) *out += " id=\"table-" + id + "\"";
  *out += ">\n";
  if (!table.title.empty())
    *out += "<p class=\"table-title\">" + EscapeLines(table.title) + "</p>\n";
  if (!table.subtitle.empty()) {
    *out += "<p class=\"table-subtitle\">" + EscapeLines(table.subtitle) + "</p>\n";
  }
  int total = 0;
  for (int w : table.column_widths) total += std::max(0, w);
  // One <table> per part (render/table_grid.h); a table whose merges do not match its grid
  // is one part, its <thead> grown over any merge that reaches below the header rows.
  const int n = static_cast<int>(table.rows.size());
  std::vector<TablePart> parts;
  if (Grid grid; BuildTableGrid(doc, t, &grid).ok()) {
    parts = TableParts(table, grid);
  } else {
    parts.push_back({0, n, HeadRows(table)});
  }
  *out += "<div class=\"table-wrap\">";
  for (size_t i = 0; i < parts.size(); ++i) {
    *out += i == 0 ? "<table" : "<table class=\"part\"";
    // So that a phone scrolls the table rather than squeezing its columns to a character each:
    // 0.26em (of the table's text) for each millimetre of the printed width, so that a 156 mm
    // form is about 41em, some 480 px.
    if (total > 0) *out += fmt::format(" style=\"min-width: {}em\"", (total * 26 + 500) / 1000);
    *out += ">\n";
    if (total > 0) {
      *out += "<colgroup>";
      for (int w : table.column_widths) {
        *out += fmt::format("<col style=\"width: {:.2f}%\"/>", 100.0 * std::max(0, w) / total);
      }
      *out += "</colgroup>\n";
    }
    WriteRowGroups(table, parts[i].first, parts[i].end, parts[i].header_end, out);
    *out += "</table>";
  }
  *out += "</div>\n</section>\n";
}

// ---------------------------------------------------------------------------------------------
// Inline SVG.

// Rewrites "#id" and "url(#id)" references in `value` to the prefixed ids.
std::string PrefixReferences(std::string_view value, const std::string& prefix) {
  std::string out;
  size_t at = 0;
  while (at < value.size()) {
    size_t hash = value.find('#', at);
    if (hash == std::string_view::npos) break;
    size_t k = hash;
    while (k > 0 && (value[k - 1] == ' ' || value[k - 1] == '\'' || value[k - 1] == '"')) --k;
    bool reference = k >= 4 && value.substr(k - 4, 4) == "url(";
    out.append(value.substr(at, hash + 1 - at));
    if (reference) out += prefix;
    at = hash + 1;
  }
  out.append(value.substr(std::min(at, value.size())));
  return out;
}

bool IsReferenceAttribute(std::string_view name) { return name == "href" || name == "xlink:href"; }

// Makes a chart's SVG safe and self-contained inside the page: ids prefixed so that several
// charts do not share them (cairo numbers glyphs from 1 in each chart), namespace declarations
// dropped, xlink:href spelled href (SVG 2), and anything active or external removed — scripts,
// foreign objects, event handlers, and links that do not point inside the chart.
void SanitizeSvg(pugi::xml_node node, const std::string& prefix) {
  for (pugi::xml_node child = node.first_child(); child;) {
    pugi::xml_node next = child.next_sibling();
    std::string_view name = child.name();
    if (child.type() == pugi::node_element &&
        (name == "script" || name == "foreignObject" || name == "a" || name == "iframe" ||
         name == "style")) {
      node.remove_child(child);
    } else if (child.type() == pugi::node_element) {
      SanitizeSvg(child, prefix);
    } else if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) {
      node.remove_child(child);  // comments, processing instructions
    }
    child = next;
  }
  if (node.type() != pugi::node_element) return;
  for (pugi::xml_attribute a = node.first_attribute(); a;) {
    pugi::xml_attribute next = a.next_attribute();
    std::string_view name = a.name();
    std::string_view value = a.value();
    if (name == "xmlns" || name.starts_with("xmlns:") || name.starts_with("on") ||
        name.starts_with("On") || name.starts_with("ON")) {
      node.remove_attribute(a);
    } else if (name == "id") {
      a.set_value((prefix + std::string(value)).c_str());
    } else if (IsReferenceAttribute(name)) {
      if (!value.starts_with("#")) {
        node.remove_attribute(a);
      } else {
        std::string target = "#" + prefix + std::string(value.substr(1));
        if (name == "xlink:href" && node.attribute("href")) {
          node.remove_attribute(a);  // the SVG 2 spelling wins
        } else {
          a.set_name("href");
          a.set_value(target.c_str());
        }
      }
    } else if (value.find("url(") != std::string_view::npos) {
      // Only references inside the chart: url(#…). Anything else (a file, a web address, a
      // data: URI in a style) is dropped with its attribute.
      bool external = false;
      for (size_t at = value.find("url("); at != std::string_view::npos;
           at = value.find("url(", at + 4)) {
        size_t start = value.find_first_not_of(" '\"", at + 4);
        if (start == std::string_view::npos || value[start] != '#') external = true;
      }
      if (external) {
        node.remove_attribute(a);
      } else {
        a.set_value(PrefixReferences(value, prefix).c_str());
      }
    }
    a = next;
  }
}

struct StringWriter : pugi::xml_writer {
  std::string* out;
  explicit StringWriter(std::string* o) : out(o) {}
  void write(const void* data, size_t size) override {
    out->append(static_cast<const char*>(data), size);
  }
};

// The chart's SVG as an inline element, or "" when it is empty or not XML.
std::string InlineSvg(const std::string& svg, int index) {
  if (svg.empty()) return "";
  pugi::xml_document doc;
  if (!doc.load_buffer(svg.data(), svg.size(), pugi::parse_default, pugi::encoding_utf8)) {
    return "";
  }
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "svg") return "";
  SanitizeSvg(root, fmt::format("chart{}-", index));
  std::string out;
  StringWriter writer(&out);
  root.print(writer, "", pugi::format_raw, pugi::encoding_utf8);
  return out;
}

void WriteChart(const Chart& chart, const std::string& svg, int index, std::string* out) {
  std::string inline_svg = InlineSvg(svg, index);
  if (inline_svg.empty()) return;
  *out += "<figure class=\"chart\"";
  if (std::string id = Token(chart.id); !id.empty()) *out += " id=\"chart-" + id + "\"";
  *out += ">\n" + inline_svg + "\n";
  if (!chart.title.empty()) *out += "<figcaption>" + EscapeLines(chart.title) + "</figcaption>\n";
  *out += "</figure>\n";
}

std::string PageTitle(const RenderDocument& doc) {
  if (!doc.title.empty()) return doc.title;
  std::string joined;
  for (const std::string& line : doc.cover.title_lines) joined += line;
  return joined.empty() ? "绩效自评报告" : joined;
}

}  // namespace

std::string WriteHtml(const RenderDocument& doc, const std::vector<std::string>& chart_svg) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += "<title>" + Escape(PageTitle(doc)) + "</title>\n";
  out += "<style>\n" + Style(doc) + "</style>\n</head>\n<body>\n<main>\n";
  if (!CoverInBody(doc)) WriteCover(doc.cover, &out);
  for (const Block& block : doc.body) {
    switch (block.kind) {
      case Block::Kind::kHeading:
        WriteHeading(block, &out);
        break;
      case Block::Kind::kParagraph:
        WriteParagraph(block, &out);
        break;
      case Block::Kind::kTable:
        if (block.table >= 0 && block.table < static_cast<int>(doc.tables.size())) {
          WriteTable(doc, block.table, &out);
        }
        break;
      case Block::Kind::kChart:
        if (block.chart >= 0 && block.chart < static_cast<int>(doc.charts.size()) &&
            block.chart < static_cast<int>(chart_svg.size())) {
          WriteChart(doc.charts[block.chart], chart_svg[block.chart], block.chart, &out);
        }
        break;
      case Block::Kind::kPageBreak:
        out += "<hr class=\"page-break\"/>\n";
        break;
      case Block::Kind::kCover:
        WriteCover(doc.cover, &out);
        break;
    }
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace jixiao
