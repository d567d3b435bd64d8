// Word (DOCX) writer: builds each part of the package as a pugixml tree (pugixml escapes every
// text and attribute), serialises it without indentation and stores the parts in a zip made in
// memory (render/zip_writer.h) with a fixed timestamp, so that the same document always gives
// the same bytes.
//
// Layout, in WordprocessingML terms:
//   - Sections: the cover is a section of its own (w:titlePg with an empty first-page footer,
//     so the cover carries no number); the report starts the next section with page numbering
//     restarted at 1. A landscape table gets a section of its own (w:orient="landscape", the
//     A4 sizes swapped); consecutive blocks of the same orientation share a section. A
//     section's w:sectPr rides on its last paragraph; an empty paragraph is added only when
//     the section ends with a table.
//   - Every run carries w:rFonts with w:ascii, w:hAnsi, w:eastAsia and w:cs set to the role's
//     FontRole::chosen(), its size (w:sz and w:szCs, half-points) and w:b/w:bCs when bold.
//     word/fontTable.xml describes each family named, with the form's other candidates for its
//     role as w:altName, for a reader that lacks it.
//     Roles: cover title lines → title; cover details → body; headings of level 1 → heading1,
//     level 2 → heading2, level 3 and deeper → body in bold; paragraphs → body; table titles
//     and subtitles → table (the title at heading1's size, in bold); header cells →
//     table_header in bold; other cells → table. This is the same mapping as render/fonts.h's
//     CollectRoleTexts, so the glyph check covers every character printed in each font.
//   - Body paragraphs and headings: fixed 28-point line spacing (w:line="560"
//     w:lineRule="exact"), the two-character first-line indent (w:firstLineChars="200", with
//     w:firstLine in twips for readers that ignore character units) when Block::
//     first_line_indent. Headings use the styles Heading1..3 (outline levels 0..2).
//   - '\n' in a paragraph is a line break (w:br), '\t' a tab (w:tab); in a table cell '\n'
//     starts a new paragraph. Our reader (import/docx_reader.h) reads both back as written.
//   - A page break (Block::kPageBreak) becomes w:pageBreakBefore on the next paragraph (the
//     table title, for a table), or a paragraph holding a page-break run when the next block
//     has no paragraph to carry it; it is dropped where a new section starts a page anyway.
//   - Tables: the leading header rows repeat on every page (w:tblHeader). A table with rows
//     that head a later part of it (RenderTable::row_headings) is written as one w:tbl per
//     part, joined by a point-high paragraph, each part repeating its heading rows; a label
//     merged from a heading row down is written as two merges with no border between them.
//   - The cover (Block::kCover, else first) is a section of its own; see Sections above.
//   - Charts: native Word charts (word/charts/chartN.xml, render/docx_chart.h) inline, centred
//     in their own paragraph, 640 × 360 pixels at 96 dpi (16.9 × 9.5 cm) scaled down to the
//     text width; the chart title is the frame's description (alt text). A chart without data
//     to draw (CheckChartData) is left out.
//
// Errors (InvalidArgument), each naming the place with 1-based numbers, e.g.
//   "cannot write the Word document: table 1 (basic_data), row 3, column 2: character U+0001
//    at byte 4 is not allowed in XML"
// for text that is not UTF-8 or holds characters XML 1.0 forbids, table grids that are not
// rectangular or whose merges do not match their covered cells, and blocks naming a table or
// chart that does not exist.
//
// Pure function of its inputs; safe from any thread.
#include "render/docx_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <new>
#include <pugixml.hpp>
#include <string_view>
#include <utility>

#include "base/lang.h"
#include "render/docx_chart.h"
#include "render/table_grid.h"
#include "render/zip_writer.h"

namespace jixiao {
namespace {

// ---------------------------------------------------------------------------------------------
// Names of the package.

constexpr const char* kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kNsWp =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
constexpr const char* kNsA = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr const char* kRelBase =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr const char* kTypeBase = "application/vnd.openxmlformats-officedocument.";

constexpr const char* kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

// Relationship ids of word/document.xml; charts follow from kFirstChartRel.
constexpr const char* kRelStyles = "rId1";
constexpr const char* kRelSettings = "rId2";
constexpr const char* kRelFooter = "rId3";
constexpr const char* kRelFirstFooter = "rId4";
constexpr const char* kRelFontTable = "rId5";
constexpr int kFirstChartRel = 6;

// ---------------------------------------------------------------------------------------------
// Units.

// Millimetres × 10 → twentieths of a point (1 inch = 254 mm×10 = 1440 twips), rounded.
int Twips(int mm10) {
  const int64_t v = static_cast<int64_t>(mm10) * 1440;
  return static_cast<int>(v >= 0 ? (v + 127) / 254 : (v - 127) / 254);
}
constexpr int64_t kEmuPerTwip = 635;  // 914400 EMU an inch
constexpr int kBodyLineTwips = 560;   // 28 points, fixed

// ---------------------------------------------------------------------------------------------
// Text XML can hold.

// "" when `text` is UTF-8 holding only characters XML 1.0 allows, else what is wrong.
std::string XmlTextProblem(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      if (b0 < 0x20 && b0 != '\t' && b0 != '\n' && b0 != '\r') {
        return TrF("字符 U+{:04X}（第 {} 字节）不能出现在 XML 中",
                   "character U+{:04X} at byte {} is not allowed in XML", b0, i);
      }
      ++i;
      continue;
    }
    int len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
      len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
      return TrF("第 {} 字节处不是有效的 UTF-8", "invalid UTF-8 at byte {}", i);
    }
    if (i + len > text.size())
      return TrF("第 {} 字节处不是有效的 UTF-8", "invalid UTF-8 at byte {}", i);
    for (int k = 1; k < len; ++k) {
      const unsigned char b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80)
        return TrF("第 {} 字节处不是有效的 UTF-8", "invalid UTF-8 at byte {}", i);
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return TrF("第 {} 字节处不是有效的 UTF-8", "invalid UTF-8 at byte {}", i);
    }
    if (cp == 0xFFFE || cp == 0xFFFF) {
      return TrF("字符 U+{:04X}（第 {} 字节）不能出现在 XML 中",
                 "character U+{:04X} at byte {} is not allowed in XML", static_cast<uint32_t>(cp),
                 i);
    }
    i += len;
  }
  return "";
}

Status Invalid(const std::string& where, const std::string& what) {
  return Status::InvalidArgument(
      TrF("无法写出 Word 文档：{}：{}", "cannot write the Word document: {}: {}", where, what));
}

Status CheckText(std::string_view text, const std::string& where) {
  const std::string problem = XmlTextProblem(text);
  return problem.empty() ? Status() : Invalid(where, problem);
}

std::string_view BlockKindName(Block::Kind kind) {
  switch (kind) {
    case Block::Kind::kParagraph:
      return Tr("段落", "paragraph");
    case Block::Kind::kHeading:
      return Tr("标题", "heading");
    case Block::Kind::kTable:
      return Tr("表格", "table");
    case Block::Kind::kChart:
      return Tr("图表", "chart");
    case Block::Kind::kPageBreak:
      return Tr("分页符", "page break");
    case Block::Kind::kCover:
      return Tr("封面", "cover");
  }
  return Tr("块", "block");
}

// ---------------------------------------------------------------------------------------------
// Table grids: which merge covers each grid position.

Status BuildGrid(const RenderDocument& doc, size_t t, Grid* grid) {
  const Status s = BuildTableGrid(doc, t, grid);
  return s.ok() ? s
                : Status::InvalidArgument(TrF("无法写出 Word 文档：{}",
                                              "cannot write the Word document: {}", s.message()));
}

// ---------------------------------------------------------------------------------------------
// XML output.

struct StringWriter : pugi::xml_writer {
  explicit StringWriter(std::string* out) : out(out) {}
  void write(const void* data, size_t size) override {
    out->append(static_cast<const char*>(data), size);
  }
  std::string* out;
};

std::string Serialize(const pugi::xml_document& doc) {
  std::string out = kXmlDeclaration;
  StringWriter writer(&out);
  doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return out;
}

// Appends <name attr="value"/>.
pugi::xml_node Add(pugi::xml_node parent, const char* name) { return parent.append_child(name); }
pugi::xml_node AddVal(pugi::xml_node parent, const char* name, const char* value) {
  pugi::xml_node n = parent.append_child(name);
  n.append_attribute("w:val") = value;
  return n;
}
pugi::xml_node AddVal(pugi::xml_node parent, const char* name, int value) {
  pugi::xml_node n = parent.append_child(name);
  n.append_attribute("w:val") = value;
  return n;
}

const char* Justification(Align align) {
  switch (align) {
    case Align::kLeft:
      return "left";
    case Align::kCenter:
      return "center";
    case Align::kRight:
      return "right";
    case Align::kJustify:
      return "both";
  }
  return "both";
}

// Run properties of a role: the four font slots, bold, size.
void AddRunProperties(pugi::xml_node run, const FontRole& role, bool bold) {
  pugi::xml_node rpr = Add(run, "w:rPr");
  const std::string& family = role.chosen();
  if (!family.empty()) {
    pugi::xml_node fonts = Add(rpr, "w:rFonts");
    fonts.append_attribute("w:ascii") = family.c_str();
    fonts.append_attribute("w:hAnsi") = family.c_str();
    fonts.append_attribute("w:eastAsia") = family.c_str();
    fonts.append_attribute("w:cs") = family.c_str();
  }
  if (bold) {
    Add(rpr, "w:b");
    Add(rpr, "w:bCs");
  }
  AddVal(rpr, "w:sz", role.size_half_points);
  AddVal(rpr, "w:szCs", role.size_half_points);
}

void AddT(pugi::xml_node run, std::string_view text) {
  pugi::xml_node t = Add(run, "w:t");
  if (text.front() == ' ' || text.back() == ' ') t.append_attribute("xml:space") = "preserve";
  t.text().set(std::string(text).c_str());
}

// One run holding `text`, '\t' as w:tab and '\n' (or "\r\n", '\r') as w:br. Nothing when the
// text is empty.
void AddRun(pugi::xml_node paragraph, std::string_view text, const FontRole& role, bool bold) {
  if (text.empty()) return;
  pugi::xml_node run = Add(paragraph, "w:r");
  AddRunProperties(run, role, bold);
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch != '\t' && ch != '\n' && ch != '\r') continue;
    if (i > start) AddT(run, text.substr(start, i - start));
    if (ch == '\t') {
      Add(run, "w:tab");
    } else if (!(ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      Add(run, "w:br");
    }
    start = i + 1;
  }
  if (start < text.size()) AddT(run, text.substr(start));
}

// Paragraph properties, written in the schema's order.
struct ParagraphFormat {
  const char* style = nullptr;
  bool keep_next = false;
  bool page_break_before = false;
  int before = 0;  // twips
  int after = 0;
  int line = 0;  // twips, exact; 0: single (auto)
  bool indent = false;
  int indent_twips = 0;  // w:firstLine, the fallback for w:firstLineChars="200"
  const char* jc = nullptr;
};

pugi::xml_node AddParagraph(pugi::xml_node parent, const ParagraphFormat& f) {
  pugi::xml_node p = Add(parent, "w:p");
  pugi::xml_node ppr = Add(p, "w:pPr");
  if (f.style != nullptr) AddVal(ppr, "w:pStyle", f.style);
  if (f.keep_next) Add(ppr, "w:keepNext");
  if (f.page_break_before) Add(ppr, "w:pageBreakBefore");
  pugi::xml_node spacing = Add(ppr, "w:spacing");
  spacing.append_attribute("w:before") = f.before;
  spacing.append_attribute("w:after") = f.after;
  if (f.line > 0) {
    spacing.append_attribute("w:line") = f.line;
    spacing.append_attribute("w:lineRule") = "exact";
  } else {
    spacing.append_attribute("w:line") = 240;
    spacing.append_attribute("w:lineRule") = "auto";
  }
  if (f.indent) {
    pugi::xml_node ind = Add(ppr, "w:ind");
    ind.append_attribute("w:firstLineChars") = 200;
    ind.append_attribute("w:firstLine") = f.indent_twips;
  }
  if (f.jc != nullptr) AddVal(ppr, "w:jc", f.jc);
  return p;
}

// ---------------------------------------------------------------------------------------------
// The document.

struct Section {
  bool landscape = false;
  bool cover = false;              // title page: the empty first-page footer
  bool restart_numbering = false;  // page numbers start at 1
};

class DocxWriter {
 public:
  explicit DocxWriter(const RenderDocument& doc) : doc_(doc) {
    const PageSetup& page = doc.page;
    short_side_ = Twips(std::min(page.width, page.height));
    long_side_ = Twips(std::max(page.width, page.height));
  }

  Result<std::string> Write() {
    if (Status s = Validate(); !s.ok()) return s;
    ZipWriter zip(std::string(Tr("Word 文档", "the Word document")));
    std::string document;
    if (Status s = Document(&document); !s.ok()) return s;
    const bool footers = doc_.page.page_numbers;
    // [Content_Types].xml first, as Word writes it.
    const struct {
      const char* name;
      std::string data;
    } parts[] = {
        {"[Content_Types].xml", ContentTypes()},
        {"_rels/.rels", PackageRelationships()},
        {"docProps/core.xml", CoreProperties()},
        {"docProps/app.xml", AppProperties()},
        {"word/document.xml", std::move(document)},
        {"word/styles.xml", Styles()},
        {"word/settings.xml", Settings()},
        {"word/fontTable.xml", FontTable()},
        {"word/_rels/document.xml.rels", DocumentRelationships()},
    };
    for (const auto& part : parts) {
      if (Status s = zip.Add(part.name, part.data, true); !s.ok()) return s;
    }
    if (footers) {
      if (Status s = zip.Add("word/footer1.xml", Footer(true), true); !s.ok()) return s;
      if (Status s = zip.Add("word/footer2.xml", Footer(false), true); !s.ok()) return s;
    }
    for (const auto& [chart, rel] : charts_) {
      pugi::xml_document xml;
      BuildDocxChartPart(doc_.charts[chart], doc_.fonts.table.chosen(), &xml);
      if (Status s = zip.Add("word/" + ChartPartName(chart), Serialize(xml), true); !s.ok()) {
        return s;
      }
    }
    return zip.Finish();
  }

 private:
  // ---- checks made before anything is written ----

  Status Validate() {
    struct Named {
      const std::string* text;
      std::string_view where;
    };
    for (const Named& n : {Named{&doc_.title, Tr("文档标题", "the document title")},
                           Named{&doc_.unit_name, Tr("单位名称", "the unit name")}}) {
      if (Status s = CheckText(*n.text, std::string(n.where)); !s.ok()) return s;
    }
    const DocumentFonts& f = doc_.fonts;
    for (const auto& [role, name] : std::initializer_list<std::pair<const FontRole*, const char*>>{
             {&f.title, "title"},
             {&f.heading1, "heading1"},
             {&f.heading2, "heading2"},
             {&f.body, "body"},
             {&f.table, "table"},
             {&f.table_header, "table_header"}}) {
      if (Status s = CheckText(role->chosen(), TrF("{} 字体的名称", "the {} font's name", name));
          !s.ok()) {
        return s;
      }
    }
    for (size_t i = 0; i < doc_.cover.title_lines.size(); ++i) {
      if (Status s = CheckText(doc_.cover.title_lines[i],
                               TrF("封面标题第 {} 行", "cover title line {}", i + 1));
          !s.ok()) {
        return s;
      }
    }
    for (size_t i = 0; i < doc_.cover.details.size(); ++i) {
      if (Status s =
              CheckText(doc_.cover.details[i], TrF("封面信息第 {} 项", "cover detail {}", i + 1));
          !s.ok()) {
        return s;
      }
    }
    for (size_t i = 0; i < doc_.body.size(); ++i) {
      const Block& b = doc_.body[i];
      const std::string where =
          TrF("正文第 {} 块（{}）", "body block {} ({})", i + 1, BlockKindName(b.kind));
      if (Status s = CheckText(b.text, where); !s.ok()) return s;
      if (b.kind == Block::Kind::kTable &&
          (b.table < 0 || static_cast<size_t>(b.table) >= doc_.tables.size())) {
        return Invalid(where,
                       TrF("没有表 {}（文档共有 {} 个表）", "no table {} (the document has {})",
                           b.table + 1, doc_.tables.size()));
      }
      if (b.kind == Block::Kind::kChart &&
          (b.chart < 0 || static_cast<size_t>(b.chart) >= doc_.charts.size())) {
        return Invalid(where,
                       TrF("没有图表 {}（文档共有 {} 个图表）", "no chart {} (the document has {})",
                           b.chart + 1, doc_.charts.size()));
      }
    }
    grids_.resize(doc_.tables.size());
    for (size_t t = 0; t < doc_.tables.size(); ++t) {
      const RenderTable& table = doc_.tables[t];
      const std::string name = TableName(doc_, t);
      if (Status s = CheckText(table.title, TrF("{}，标题", "{}, title", name)); !s.ok()) return s;
      if (Status s = CheckText(table.subtitle, TrF("{}，副标题", "{}, subtitle", name)); !s.ok())
        return s;
      for (size_t r = 0; r < table.rows.size(); ++r) {
        for (size_t c = 0; c < table.rows[r].cells.size(); ++c) {
          const std::string& text = table.rows[r].cells[c].text;
          if (const std::string problem = XmlTextProblem(text); !problem.empty()) {
            return Invalid(TrF("{}，第 {} 行第 {} 列", "{}, row {}, column {}", name, r + 1, c + 1),
                           problem);
          }
        }
      }
      if (Status s = BuildGrid(doc_, t, &grids_[t]); !s.ok()) return s;
    }
    for (size_t c = 0; c < doc_.charts.size(); ++c) {
      if (Status s =
              CheckText(doc_.charts[c].title, TrF("{}，标题", "{}, title", ChartName(doc_, c)));
          !s.ok()) {
        return s;
      }
      const Chart& chart = doc_.charts[c];
      for (size_t i = 0; i < chart.categories.size(); ++i) {
        if (Status s = CheckText(chart.categories[i], TrF("{}，第 {} 个类别", "{}, category {}",
                                                          ChartName(doc_, c), i + 1));
            !s.ok()) {
          return s;
        }
      }
      for (size_t i = 0; i < chart.series.size(); ++i) {
        if (Status s = CheckText(chart.series[i].name, TrF("{}，第 {} 个系列", "{}, series {}",
                                                           ChartName(doc_, c), i + 1));
            !s.ok()) {
          return s;
        }
      }
      if (Status s = CheckText(chart.unit, TrF("{}，单位", "{}, unit", ChartName(doc_, c)));
          !s.ok()) {
        return s;
      }
    }
    return Status();
  }

  // ---- word/document.xml ----

  Status Document(std::string* out) {
    pugi::xml_document xml;
    pugi::xml_node root = Add(xml, "w:document");
    root.append_attribute("xmlns:w") = kNsW;
    root.append_attribute("xmlns:r") = kNsR;
    root.append_attribute("xmlns:wp") = kNsWp;
    root.append_attribute("xmlns:a") = kNsA;
    root.append_attribute("xmlns:c") = kNsChart;
    body_ = Add(root, "w:body");

    Section section;
    section.landscape = doc_.page.landscape;
    pugi::xml_node section_start = body_.last_child();  // the section's content follows it
    if (HasCover(doc_) && !CoverInBody(doc_)) CoverSection(&section, &section_start);
    for (size_t i = 0; i < doc_.body.size(); ++i) {
      const Block& block = doc_.body[i];
      const bool landscape = doc_.page.landscape || (block.kind == Block::Kind::kTable &&
                                                     doc_.tables[block.table].landscape);
      if (block.kind != Block::Kind::kPageBreak && block.kind != Block::Kind::kCover &&
          landscape != section.landscape) {
        if (body_.last_child() != section_start) {
          EndSection(section);
          section = Section{landscape, false, false};
          section_start = body_.last_child();
          page_break_ = false;  // a new section starts a page
        } else {
          section.landscape = landscape;
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
          Table(static_cast<size_t>(block.table), section.landscape);
          break;
        case Block::Kind::kChart:
          ChartFrame(static_cast<size_t>(block.chart), section.landscape);
          break;
        case Block::Kind::kPageBreak:
          // Carried by the next paragraph; nothing at the very start of a section.
          page_break_ = body_.last_child() != section_start;
          break;
        case Block::Kind::kCover:
          if (HasCover(doc_)) CoverSection(&section, &section_start);
          break;
      }
    }
    // The body must not end with a table: Word expects a paragraph before the final sectPr.
    if (pugi::xml_node last = body_.last_child(); last && std::strcmp(last.name(), "w:tbl") == 0) {
      AddParagraph(body_, ParagraphFormat{});
    }
    AddSectionProperties(body_, section);
    *out = Serialize(xml);
    return Status();
  }

  // The cover as a section of its own (its page unnumbered), ending the section before it if
  // that has content; the section after it numbers its pages from 1.
  void CoverSection(Section* section, pugi::xml_node* section_start) {
    if (body_.last_child() != *section_start) EndSection(*section);
    Cover();
    EndSection(Section{doc_.page.landscape, true, false});
    *section = Section{doc_.page.landscape, false, true};
    *section_start = body_.last_child();
    page_break_ = false;  // a new section starts a page
  }

  // Takes a pending page break for the paragraph about to be written.
  bool TakePageBreak() { return std::exchange(page_break_, false); }

  // Ends the section with its last paragraph (or an empty one after a table).
  void EndSection(const Section& section) {
    pugi::xml_node last = body_.last_child();
    if (!last || std::strcmp(last.name(), "w:p") != 0)
      last = AddParagraph(body_, ParagraphFormat{});
    pugi::xml_node ppr = last.child("w:pPr");
    if (!ppr) ppr = last.prepend_child("w:pPr");
    AddSectionProperties(ppr, section);
  }

  void AddSectionProperties(pugi::xml_node parent, const Section& s) {
    pugi::xml_node sect = Add(parent, "w:sectPr");
    if (doc_.page.page_numbers) {
      pugi::xml_node ref = Add(sect, "w:footerReference");
      ref.append_attribute("w:type") = "default";
      ref.append_attribute("r:id") = kRelFooter;
      if (s.cover) {
        pugi::xml_node first = Add(sect, "w:footerReference");
        first.append_attribute("w:type") = "first";
        first.append_attribute("r:id") = kRelFirstFooter;
      }
    }
    pugi::xml_node size = Add(sect, "w:pgSz");
    size.append_attribute("w:w") = s.landscape ? long_side_ : short_side_;
    size.append_attribute("w:h") = s.landscape ? short_side_ : long_side_;
    if (s.landscape) size.append_attribute("w:orient") = "landscape";
    const PageSetup& page = doc_.page;
    const int bottom = Twips(page.margin_bottom);
    pugi::xml_node margins = Add(sect, "w:pgMar");
    margins.append_attribute("w:top") = Twips(page.margin_top);
    margins.append_attribute("w:right") = Twips(page.margin_right);
    margins.append_attribute("w:bottom") = bottom;
    margins.append_attribute("w:left") = Twips(page.margin_left);
    margins.append_attribute("w:header") = std::min(851, Twips(page.margin_top) / 2);
    margins.append_attribute("w:footer") = std::min(992, bottom / 2);
    margins.append_attribute("w:gutter") = 0;
    if (s.restart_numbering && page.page_numbers) {
      Add(sect, "w:pgNumType").append_attribute("w:start") = 1;
    }
    Add(sect, "w:cols").append_attribute("w:space") = 425;
    if (s.cover && page.page_numbers) Add(sect, "w:titlePg");
  }

  // Width and height of the text area of a section, in twips.
  int TextWidth(bool landscape) const {
    return (landscape ? long_side_ : short_side_) - Twips(doc_.page.margin_left) -
           Twips(doc_.page.margin_right);
  }
  int TextHeight(bool landscape) const {
    return (landscape ? short_side_ : long_side_) - Twips(doc_.page.margin_top) -
           Twips(doc_.page.margin_bottom);
  }

  void Cover() {
    const DocumentFonts& f = doc_.fonts;
    const int title_line = std::max(kBodyLineTwips, f.title.size_half_points * 15);
    for (size_t i = 0; i < doc_.cover.title_lines.size(); ++i) {
      ParagraphFormat format;
      format.style = "Title";
      format.before = i == 0 ? 3120 : 0;  // about a third down the page
      format.line = title_line;
      format.jc = "center";
      pugi::xml_node p = AddParagraph(body_, format);
      AddRun(p, doc_.cover.title_lines[i], f.title, f.title.bold);
    }
    for (size_t i = 0; i < doc_.cover.details.size(); ++i) {
      ParagraphFormat format;
      format.before = i == 0 ? 3 * kBodyLineTwips * 2 : 0;
      format.line = kBodyLineTwips;
      format.jc = "center";
      pugi::xml_node p = AddParagraph(body_, format);
      AddRun(p, doc_.cover.details[i], f.body, f.body.bold);
    }
  }

  int IndentTwips(const FontRole& role) const { return 2 * role.size_half_points * 10; }

  void Paragraph(const Block& block) {
    const FontRole& role = doc_.fonts.body;
    ParagraphFormat format;
    format.page_break_before = TakePageBreak();
    format.line = kBodyLineTwips;
    format.indent = block.first_line_indent;
    format.indent_twips = IndentTwips(role);
    format.jc = Justification(block.align);
    AddRun(AddParagraph(body_, format), block.text, role, role.bold);
  }

  void Heading(const Block& block) {
    static const char* const kStyles[] = {"Heading1", "Heading2", "Heading3"};
    const int level = std::clamp(block.level, 1, 3);
    const DocumentFonts& f = doc_.fonts;
    const FontRole& role = level == 1 ? f.heading1 : level == 2 ? f.heading2 : f.body;
    const bool bold = level >= 3 ? true : role.bold;
    ParagraphFormat format;
    format.style = kStyles[level - 1];
    format.keep_next = true;
    format.page_break_before = TakePageBreak();
    format.line = kBodyLineTwips;
    format.indent = block.first_line_indent;
    format.indent_twips = IndentTwips(role);
    format.jc = Justification(block.align);
    AddRun(AddParagraph(body_, format), block.text, role, bold);
  }

  void Table(size_t t, bool landscape) {
    const RenderTable& table = doc_.tables[t];
    const Grid& grid = grids_[t];
    const DocumentFonts& f = doc_.fonts;

    // The title and subtitle, kept with the table.
    const auto caption = [&](const std::string& text, const FontRole& role, bool bold,
                             const char* jc, int after) {
      if (text.empty()) return;
      ParagraphFormat format;
      format.keep_next = true;
      format.page_break_before = TakePageBreak();
      format.after = after;
      format.jc = jc;
      AddRun(AddParagraph(body_, format), text, role, bold);
    };
    FontRole title_role = f.table;
    title_role.size_half_points = f.heading1.size_half_points;
    caption(table.title, title_role, true, "center", 120);
    caption(table.subtitle, f.table, f.table.bold, "left", 60);
    // A table without rows or columns is only its caption (w:tbl needs a row, w:tr a cell).
    if (grid.rows == 0 || grid.columns == 0) return;
    if (TakePageBreak()) {  // no caption to carry it
      pugi::xml_node run = Add(AddParagraph(body_, ParagraphFormat{}), "w:r");
      AddRunProperties(run, f.body, false);
      Add(run, "w:br").append_attribute("w:type") = "page";
    }

    // Column widths in twips: as given, else the text width shared equally.
    std::vector<int> widths(static_cast<size_t>(grid.columns));
    for (int c = 0; c < grid.columns; ++c) {
      widths[c] = table.column_widths.empty() ? TextWidth(landscape) / std::max(1, grid.columns)
                                              : Twips(table.column_widths[c]);
    }
    int total = 0;
    for (int w : widths) total += w;

    // One w:tbl per part (render/table_grid.h: TableParts), joined by a paragraph a point high.
    const std::vector<TablePart> parts = TableParts(table, grid);
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) Joint();
      TableRows(table, grid, widths, total, parts[i].first, parts[i].end, parts[i].header_end);
    }
  }

  // The paragraph between two parts of one table: a point high, no space around it.
  void Joint() {
    ParagraphFormat format;
    format.line = 20;  // exact
    pugi::xml_node run = Add(AddParagraph(body_, format), "w:r");
    FontRole tiny = doc_.fonts.table;
    tiny.size_half_points = 2;
    AddRunProperties(run, tiny, false);
  }

  // Rows [from, to) of the table as a w:tbl of their own, rows before `header_end` repeated on
  // every page it runs onto.
  void TableRows(const RenderTable& table, const Grid& grid, const std::vector<int>& widths,
                 int total, int from, int to, int header_end) {
    pugi::xml_node tbl = Add(body_, "w:tbl");
    pugi::xml_node tpr = Add(tbl, "w:tblPr");
    pugi::xml_node tw = Add(tpr, "w:tblW");
    tw.append_attribute("w:w") = total;
    tw.append_attribute("w:type") = "dxa";
    AddVal(tpr, "w:jc", "center");
    pugi::xml_node borders = Add(tpr, "w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
      pugi::xml_node b = AddVal(borders, side, "single");
      b.append_attribute("w:sz") = 4;
      b.append_attribute("w:space") = 0;
      b.append_attribute("w:color") = "auto";
    }
    Add(tpr, "w:tblLayout").append_attribute("w:type") = "fixed";
    pugi::xml_node margins = Add(tpr, "w:tblCellMar");
    for (const char* side : {"w:left", "w:right"}) {
      pugi::xml_node m = Add(margins, side);
      m.append_attribute("w:w") = 57;  // 1 mm
      m.append_attribute("w:type") = "dxa";
    }
    pugi::xml_node look = AddVal(tpr, "w:tblLook", "0000");
    look.append_attribute("w:firstRow") = 0;
    look.append_attribute("w:lastRow") = 0;
    look.append_attribute("w:firstColumn") = 0;
    look.append_attribute("w:lastColumn") = 0;
    look.append_attribute("w:noHBand") = 1;
    look.append_attribute("w:noVBand") = 1;
    pugi::xml_node grid_node = Add(tbl, "w:tblGrid");
    for (int w : widths) Add(grid_node, "w:gridCol").append_attribute("w:w") = w;

    for (int r = from; r < to; ++r) {
      const TableRow& row = table.rows[r];
      pugi::xml_node tr = Add(tbl, "w:tr");
      if (row.cant_split || r < header_end) {
        pugi::xml_node trpr = Add(tr, "w:trPr");
        if (row.cant_split) Add(trpr, "w:cantSplit");
        if (r < header_end) Add(trpr, "w:tblHeader");
      }
      int c = 0;
      while (c < grid.columns) {
        const int origin = grid.at(r, c);
        const int orow = origin / grid.columns;
        const int ocol = origin % grid.columns;
        if (ocol != c) {  // covered from the left: not written
          ++c;
          continue;
        }
        const TableCell& cell = table.rows[orow].cells[ocol];
        int width = 0;
        for (int k = 0; k < cell.column_span; ++k) width += widths[c + k];
        pugi::xml_node tc = Add(tr, "w:tc");
        pugi::xml_node tcpr = Add(tc, "w:tcPr");
        pugi::xml_node tcw = Add(tcpr, "w:tcW");
        tcw.append_attribute("w:w") = width;
        tcw.append_attribute("w:type") = "dxa";
        if (cell.column_span > 1) AddVal(tcpr, "w:gridSpan", cell.column_span);
        // A merge from the repeated rows into the rows below is written as two, the label in
        // the upper one, with no border between them: Word and LibreOffice cannot repeat a
        // row merged with rows that are not repeated.
        int top = orow, span = cell.row_span;
        const bool cut = orow >= from && orow < header_end && orow + cell.row_span > header_end;
        if (cut && r < header_end) span = header_end - orow;
        if (cut && r >= header_end) {
          top = header_end;
          span = orow + cell.row_span - header_end;
        }
        if (top != r) {
          Add(tcpr, "w:vMerge");
        } else if (span > 1) {
          AddVal(tcpr, "w:vMerge", "restart");
        }
        if (cut) {
          AddVal(Add(tcpr, "w:tcBorders"), r < header_end ? "w:bottom" : "w:top", "nil");
        }
        AddVal(tcpr, "w:vAlign", "center");
        CellParagraphs(tc, orow == r ? std::string_view(cell.text) : std::string_view(), cell);
        c += cell.column_span;
      }
    }
  }

  void CellParagraphs(pugi::xml_node tc, std::string_view text, const TableCell& cell) {
    FontRole role = cell.header ? doc_.fonts.table_header : doc_.fonts.table;
    if (cell.size_half_points > 0) role.size_half_points = cell.size_half_points;
    const bool bold = cell.header || role.bold;
    ParagraphFormat format;
    format.jc = Justification(cell.align);
    size_t start = 0;
    while (true) {
      size_t end = text.find('\n', start);
      const bool last = end == std::string_view::npos;
      if (last) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      AddRun(AddParagraph(tc, format), line, role, bold);
      if (last) break;
      start = end + 1;
    }
  }

  static std::string ChartPartName(size_t chart) {
    return fmt::format("charts/chart{}.xml", chart + 1);
  }

  // The chart as a native chart in a paragraph of its own, at 640 × 360 pixels (96 dpi) or the
  // text width, whichever is narrower.
  void ChartFrame(size_t chart, bool landscape) {
    if (!CheckChartData(doc_.charts[chart]).ok()) return;
    auto [it, added] = charts_.try_emplace(chart, "");
    if (added) it->second = fmt::format("rId{}", kFirstChartRel + charts_.size() - 1);
    const std::string& rel = it->second;

    constexpr int64_t kEmuPerPixel = 9525;  // 96 dpi
    const int64_t cx = std::min<int64_t>(640 * kEmuPerPixel, TextWidth(landscape) * kEmuPerTwip);
    const int64_t cy = std::min<int64_t>(cx * 360 / 640, TextHeight(landscape) * kEmuPerTwip);

    ParagraphFormat format;
    format.page_break_before = TakePageBreak();
    format.keep_next = false;
    format.jc = "center";
    pugi::xml_node p = AddParagraph(body_, format);
    pugi::xml_node run = Add(p, "w:r");
    AddRunProperties(run, doc_.fonts.body, false);
    pugi::xml_node inline_node = Add(Add(run, "w:drawing"), "wp:inline");
    for (const char* d : {"distT", "distB", "distL", "distR"}) inline_node.append_attribute(d) = 0;
    pugi::xml_node extent = Add(inline_node, "wp:extent");
    extent.append_attribute("cx") = static_cast<long long>(cx);
    extent.append_attribute("cy") = static_cast<long long>(cy);
    pugi::xml_node effect = Add(inline_node, "wp:effectExtent");
    for (const char* side : {"l", "t", "r", "b"}) effect.append_attribute(side) = 0;
    pugi::xml_node props = Add(inline_node, "wp:docPr");
    props.append_attribute("id") = ++drawings_;
    props.append_attribute("name") = fmt::format("Chart {}", chart + 1).c_str();
    props.append_attribute("descr") = doc_.charts[chart].title.c_str();
    Add(inline_node, "wp:cNvGraphicFramePr");
    pugi::xml_node data = Add(Add(inline_node, "a:graphic"), "a:graphicData");
    data.append_attribute("uri") = kNsChart;
    Add(data, "c:chart").append_attribute("r:id") = rel.c_str();
  }

  // ---- the other parts ----

  std::string ContentTypes() const {
    pugi::xml_document xml;
    pugi::xml_node types = Add(xml, "Types");
    types.append_attribute("xmlns") =
        "http://schemas.openxmlformats.org/package/2006/content-types";
    const auto add_default = [&](const char* ext, const char* type) {
      pugi::xml_node d = Add(types, "Default");
      d.append_attribute("Extension") = ext;
      d.append_attribute("ContentType") = type;
    };
    add_default("rels", "application/vnd.openxmlformats-package.relationships+xml");
    add_default("xml", "application/xml");
    const auto add_override = [&](const char* part, const std::string& type) {
      pugi::xml_node o = Add(types, "Override");
      o.append_attribute("PartName") = part;
      o.append_attribute("ContentType") = type.c_str();
    };
    const std::string office = kTypeBase;
    add_override("/word/document.xml", office + "wordprocessingml.document.main+xml");
    add_override("/word/styles.xml", office + "wordprocessingml.styles+xml");
    add_override("/word/settings.xml", office + "wordprocessingml.settings+xml");
    add_override("/word/fontTable.xml", office + "wordprocessingml.fontTable+xml");
    if (doc_.page.page_numbers) {
      add_override("/word/footer1.xml", office + "wordprocessingml.footer+xml");
      add_override("/word/footer2.xml", office + "wordprocessingml.footer+xml");
    }
    for (const auto& [chart, rel] : charts_) {
      add_override(("/word/" + ChartPartName(chart)).c_str(), kDocxChartContentType);
    }
    add_override("/docProps/core.xml",
                 "application/vnd.openxmlformats-package.core-properties+xml");
    add_override("/docProps/app.xml", office + "extended-properties+xml");
    return Serialize(xml);
  }

  static pugi::xml_node Relationships(pugi::xml_document* xml) {
    pugi::xml_node rels = Add(*xml, "Relationships");
    rels.append_attribute("xmlns") = "http://schemas.openxmlformats.org/package/2006/relationships";
    return rels;
  }
  static void AddRelationship(pugi::xml_node rels, const std::string& id, const std::string& type,
                              const std::string& target) {
    pugi::xml_node r = Add(rels, "Relationship");
    r.append_attribute("Id") = id.c_str();
    r.append_attribute("Type") = type.c_str();
    r.append_attribute("Target") = target.c_str();
  }

  std::string PackageRelationships() const {
    pugi::xml_document xml;
    pugi::xml_node rels = Relationships(&xml);
    AddRelationship(rels, "rId1", std::string(kRelBase) + "officeDocument", "word/document.xml");
    AddRelationship(
        rels, "rId2",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml");
    AddRelationship(rels, "rId3", std::string(kRelBase) + "extended-properties",
                    "docProps/app.xml");
    return Serialize(xml);
  }

  std::string DocumentRelationships() const {
    pugi::xml_document xml;
    pugi::xml_node rels = Relationships(&xml);
    const std::string base = kRelBase;
    AddRelationship(rels, kRelStyles, base + "styles", "styles.xml");
    AddRelationship(rels, kRelSettings, base + "settings", "settings.xml");
    AddRelationship(rels, kRelFontTable, base + "fontTable", "fontTable.xml");
    if (doc_.page.page_numbers) {
      AddRelationship(rels, kRelFooter, base + "footer", "footer1.xml");
      AddRelationship(rels, kRelFirstFooter, base + "footer", "footer2.xml");
    }
    for (const auto& [chart, rel] : charts_) {
      AddRelationship(rels, rel, kDocxChartRelationship, ChartPartName(chart));
    }
    return Serialize(xml);
  }

  std::string CoreProperties() const {
    pugi::xml_document xml;
    pugi::xml_node core = Add(xml, "cp:coreProperties");
    core.append_attribute("xmlns:cp") =
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    core.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    core.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
    core.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    if (!doc_.title.empty()) Add(core, "dc:title").text().set(doc_.title.c_str());
    if (!doc_.unit_name.empty()) Add(core, "dc:creator").text().set(doc_.unit_name.c_str());
    Add(core, "dc:language").text().set("zh-CN");
    return Serialize(xml);
  }

  std::string AppProperties() const {
    pugi::xml_document xml;
    pugi::xml_node props = Add(xml, "Properties");
    props.append_attribute("xmlns") =
        "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    props.append_attribute("xmlns:vt") =
        "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
    Add(props, "Application").text().set("jixiao");
    if (!doc_.unit_name.empty()) Add(props, "Company").text().set(doc_.unit_name.c_str());
    return Serialize(xml);
  }

  // word/fontTable.xml: each family the runs name, with what a reader's Word or WPS needs to
  // stand in for it when it is not installed (仿宋_GB2312 is often missing where 仿宋 is not):
  // w:altName lists the form's other candidates for the role in order ("仿宋,FangSong,Noto Serif
  // CJK SC"; ECMA-376 §17.8.3.1 allows a comma-separated list), w:charset 86 (GB2312) marks a
  // family with a Chinese name as Chinese, w:family says serif (roman) or sans (swiss).
  std::string FontTable() const {
    pugi::xml_document xml;
    pugi::xml_node fonts = Add(xml, "w:fonts");
    fonts.append_attribute("xmlns:w") = kNsW;
    std::vector<std::string> named;
    const DocumentFonts& f = doc_.fonts;
    for (const FontRole* role :
         {&f.body, &f.title, &f.heading1, &f.heading2, &f.table, &f.table_header}) {
      const std::string& family = role->chosen();
      if (family.empty() || std::find(named.begin(), named.end(), family) != named.end()) continue;
      named.push_back(family);
      pugi::xml_node font = Add(fonts, "w:font");
      font.append_attribute("w:name") = family.c_str();
      std::string alternates;
      for (const std::string& other : role->families) {
        // A name with a comma would split; one XML cannot hold is left out (the writer refuses
        // such a chosen name in Validate).
        if (other == family || other.find(',') != std::string::npos ||
            !XmlTextProblem(other).empty()) {
          continue;
        }
        alternates += (alternates.empty() ? "" : ",") + other;
      }
      if (!alternates.empty()) AddVal(font, "w:altName", alternates.c_str());
      const bool chinese = std::any_of(family.begin(), family.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x80;
      });
      if (chinese) AddVal(font, "w:charset", "86");
      AddVal(font, "w:family", FontLooksSans(family) ? "swiss" : "roman");
      AddVal(font, "w:pitch", "variable");
    }
    return Serialize(xml);
  }

  std::string Settings() const {
    pugi::xml_document xml;
    pugi::xml_node settings = Add(xml, "w:settings");
    settings.append_attribute("xmlns:w") = kNsW;
    Add(settings, "w:zoom").append_attribute("w:percent") = 100;
    AddVal(settings, "w:defaultTabStop", 420);
    AddVal(settings, "w:characterSpacingControl", "compressPunctuation");
    pugi::xml_node compat = Add(Add(settings, "w:compat"), "w:compatSetting");
    compat.append_attribute("w:name") = "compatibilityMode";
    compat.append_attribute("w:uri") = "http://schemas.microsoft.com/office/word";
    compat.append_attribute("w:val") = 15;
    return Serialize(xml);
  }

  std::string Styles() const {
    const DocumentFonts& f = doc_.fonts;
    pugi::xml_document xml;
    pugi::xml_node styles = Add(xml, "w:styles");
    styles.append_attribute("xmlns:w") = kNsW;
    pugi::xml_node defaults = Add(styles, "w:docDefaults");
    pugi::xml_node rdefault = Add(defaults, "w:rPrDefault");
    AddRunProperties(rdefault, f.body, false);
    pugi::xml_node lang = Add(rdefault.child("w:rPr"), "w:lang");
    lang.append_attribute("w:val") = "en-US";
    lang.append_attribute("w:eastAsia") = "zh-CN";
    lang.append_attribute("w:bidi") = "ar-SA";
    Add(Add(defaults, "w:pPrDefault"), "w:pPr");

    const auto style = [&](const char* id, const char* name, bool is_default) {
      pugi::xml_node s = Add(styles, "w:style");
      s.append_attribute("w:type") = "paragraph";
      if (is_default) s.append_attribute("w:default") = 1;
      s.append_attribute("w:styleId") = id;
      AddVal(s, "w:name", name);
      if (!is_default) {
        AddVal(s, "w:basedOn", "Normal");
        AddVal(s, "w:next", "Normal");
      }
      return s;
    };
    pugi::xml_node normal = style("Normal", "Normal", true);
    Add(normal, "w:qFormat");
    pugi::xml_node normal_ppr = Add(normal, "w:pPr");
    Add(normal_ppr, "w:widowControl").append_attribute("w:val") = 0;
    AddVal(normal_ppr, "w:jc", "both");

    pugi::xml_node title = style("Title", "Title", false);
    Add(title, "w:qFormat");
    pugi::xml_node title_ppr = Add(title, "w:pPr");
    pugi::xml_node title_spacing = Add(title_ppr, "w:spacing");
    title_spacing.append_attribute("w:line") =
        std::max(kBodyLineTwips, f.title.size_half_points * 15);
    title_spacing.append_attribute("w:lineRule") = "exact";
    AddVal(title_ppr, "w:jc", "center");
    AddRunProperties(title, f.title, f.title.bold);

    const FontRole* roles[] = {&f.heading1, &f.heading2, &f.body};
    for (int level = 1; level <= 3; ++level) {
      const std::string id = fmt::format("Heading{}", level);
      const std::string name = fmt::format("heading {}", level);
      pugi::xml_node h = style(id.c_str(), name.c_str(), false);
      AddVal(h, "w:uiPriority", 9);
      Add(h, "w:qFormat");
      pugi::xml_node ppr = Add(h, "w:pPr");
      Add(ppr, "w:keepNext");
      Add(ppr, "w:keepLines");
      pugi::xml_node spacing = Add(ppr, "w:spacing");
      spacing.append_attribute("w:before") = 0;
      spacing.append_attribute("w:after") = 0;
      spacing.append_attribute("w:line") = kBodyLineTwips;
      spacing.append_attribute("w:lineRule") = "exact";
      AddVal(ppr, "w:outlineLvl", level - 1);
      AddRunProperties(h, *roles[level - 1], level >= 3 || roles[level - 1]->bold);
    }

    pugi::xml_node footer = style("Footer", "footer", false);
    pugi::xml_node footer_ppr = Add(footer, "w:pPr");
    AddVal(footer_ppr, "w:jc", "center");
    return Serialize(xml);
  }

  // The page-number footer ("— 1 —", centred), or the empty one of the cover's first page.
  std::string Footer(bool numbered) const {
    pugi::xml_document xml;
    pugi::xml_node ftr = Add(xml, "w:ftr");
    ftr.append_attribute("xmlns:w") = kNsW;
    ftr.append_attribute("xmlns:r") = kNsR;
    ParagraphFormat format;
    format.style = "Footer";
    format.jc = "center";
    pugi::xml_node p = AddParagraph(ftr, format);
    if (!numbered) return Serialize(xml);
    FontRole role = doc_.fonts.body;
    role.size_half_points = 28;  // 四号
    const auto run = [&]() {
      pugi::xml_node r = Add(p, "w:r");
      AddRunProperties(r, role, false);
      return r;
    };
    const auto field_char = [&](const char* type) {
      Add(run(), "w:fldChar").append_attribute("w:fldCharType") = type;
    };
    AddT(run(), "— ");
    field_char("begin");
    pugi::xml_node instr = Add(run(), "w:instrText");
    instr.append_attribute("xml:space") = "preserve";
    instr.text().set(" PAGE ");
    field_char("separate");
    AddT(run(), "1");
    field_char("end");
    AddT(run(), " —");
    return Serialize(xml);
  }

  const RenderDocument& doc_;
  int short_side_ = 0;  // twips
  int long_side_ = 0;
  std::vector<Grid> grids_;
  pugi::xml_node body_;
  bool page_break_ = false;
  int drawings_ = 0;
  std::map<size_t, std::string> charts_;  // chart index → relationship id of its part
};

}  // namespace

Result<std::string> WriteDocx(const RenderDocument& doc) {
  try {
    return DocxWriter(doc).Write();
  } catch (const std::bad_alloc&) {
    return Status::IOError(
        TrF("无法写出 Word 文档：内存不足", "cannot write the Word document: out of memory"));
  }
}

}  // namespace jixiao
