// DOCX importer: finds the main document part through the package relationships and reads its
// body in one pass of the pull reader (import/xml_pull.h), without building a tree: building
// pugixml's tree of a 200-page report cost more than reading it. pugixml still parses the small
// parts (relationships, numbering, styles), converts a main part in UTF-16, and gives the
// message for a malformed one. Element names are matched by namespace, not by prefix: the
// reader keeps the xmlns declarations in scope and resolves each element's prefix to
// WordprocessingML (transitional or strict), markup compatibility, or something else.
#include "import/docx_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <new>
#include <pugixml.hpp>
#include <utility>
#include <vector>

#include "base/lang.h"
#include "import/docx_numbering.h"
#include "import/xml_error.h"
#include "import/xml_pull.h"

namespace jixiao {
namespace {

constexpr std::string_view kDefaultMainPart = "word/document.xml";

// Stands for a page or column break while a paragraph is read (XML text cannot hold it).
constexpr char kPageBreak = '\f';

// Page breaks at the start or end of a paragraph dropped, those between its text made '\n'.
void PageBreaksToLines(std::string* text) {
  if (text->find(kPageBreak) == std::string::npos) return;
  const size_t begin = text->find_first_not_of(kPageBreak);
  if (begin == std::string::npos) {
    text->clear();
    return;
  }
  const size_t end = text->find_last_not_of(kPageBreak) + 1;
  *text = text->substr(begin, end - begin);
  for (char& c : *text) {
    if (c == kPageBreak) c = '\n';
  }
}

// ---------------------------------------------------------------------------------------------
// Element names.

enum class Ns : uint8_t { kOther, kWord, kMc };

enum class Tag : uint8_t {
  kOther,
  // WordprocessingML.
  kDocument,
  kBody,
  kP,
  kPPr,
  kRPr,
  kR,
  kT,
  kTab,
  kPtab,
  kBr,
  kCr,
  kNoBreakHyphen,
  kFldChar,
  kFldSimple,
  kIns,
  kDel,
  kMoveTo,
  kMoveFrom,
  kSdt,
  kSdtPr,
  kSdtContent,
  kShowingPlcHdr,
  kSmartTag,
  kCustomXml,
  kHyperlink,
  kDir,
  kBdo,
  kRuby,
  kRubyBase,
  kTbl,
  kTr,
  kTrPr,
  kTc,
  kTcPr,
  kGridSpan,
  kGridBefore,
  kGridAfter,
  kVMerge,
  kHMerge,
  kPStyle,
  kNumPr,
  kIlvl,
  kNumId,
  // Markup compatibility.
  kAlternateContent,
  kFallback,
};

// The tag of a WordprocessingML element's local name: a switch on the first letter, then the
// few names that begin with it (called for every element, so no hashing).
Tag WordTag(std::string_view local) {
  if (local.empty()) return Tag::kOther;
  struct Name {
    std::string_view name;
    Tag tag;
  };
  auto among = [local](std::initializer_list<Name> names) {
    for (const Name& n : names) {
      if (n.name == local) return n.tag;
    }
    return Tag::kOther;
  };
  switch (local[0]) {
    case 'b':
      return among({{"body", Tag::kBody}, {"br", Tag::kBr}, {"bdo", Tag::kBdo}});
    case 'c':
      return among({{"cr", Tag::kCr}, {"customXml", Tag::kCustomXml}});
    case 'd':
      return among({{"document", Tag::kDocument}, {"del", Tag::kDel}, {"dir", Tag::kDir}});
    case 'f':
      return among({{"fldChar", Tag::kFldChar}, {"fldSimple", Tag::kFldSimple}});
    case 'g':
      return among({{"gridSpan", Tag::kGridSpan},
                    {"gridBefore", Tag::kGridBefore},
                    {"gridAfter", Tag::kGridAfter}});
    case 'h':
      return among({{"hyperlink", Tag::kHyperlink}, {"hMerge", Tag::kHMerge}});
    case 'i':
      return among({{"ins", Tag::kIns}, {"ilvl", Tag::kIlvl}});
    case 'm':
      return among({{"moveTo", Tag::kMoveTo}, {"moveFrom", Tag::kMoveFrom}});
    case 'n':
      return among(
          {{"noBreakHyphen", Tag::kNoBreakHyphen}, {"numPr", Tag::kNumPr}, {"numId", Tag::kNumId}});
    case 'p':
      return among(
          {{"p", Tag::kP}, {"pPr", Tag::kPPr}, {"ptab", Tag::kPtab}, {"pStyle", Tag::kPStyle}});
    case 'r':
      return among(
          {{"rPr", Tag::kRPr}, {"r", Tag::kR}, {"ruby", Tag::kRuby}, {"rubyBase", Tag::kRubyBase}});
    case 's':
      return among({{"sdt", Tag::kSdt},
                    {"sdtPr", Tag::kSdtPr},
                    {"sdtContent", Tag::kSdtContent},
                    {"showingPlcHdr", Tag::kShowingPlcHdr},
                    {"smartTag", Tag::kSmartTag}});
    case 't':
      return among({{"t", Tag::kT},
                    {"tab", Tag::kTab},
                    {"tbl", Tag::kTbl},
                    {"tr", Tag::kTr},
                    {"trPr", Tag::kTrPr},
                    {"tc", Tag::kTc},
                    {"tcPr", Tag::kTcPr}});
    case 'v':
      return among({{"vMerge", Tag::kVMerge}});
    default:
      return Tag::kOther;
  }
}

Ns NamespaceOf(std::string_view uri) {
  if (uri == "http://schemas.openxmlformats.org/wordprocessingml/2006/main" ||
      uri == "http://purl.oclc.org/ooxml/wordprocessingml/main") {
    return Ns::kWord;
  }
  if (uri == "http://schemas.openxmlformats.org/markup-compatibility/2006") return Ns::kMc;
  return Ns::kOther;
}

// The xmlns declarations in scope while walking down the tree.
class Namespaces {
 public:
  // Adds the declarations made on the start tag `xml` has just read; returns the mark to pass
  // to Leave.
  size_t Enter(const XmlPull& xml) {
    const size_t mark = bindings_.size();
    for (size_t i = 0; i < xml.attribute_count(); ++i) {
      const std::string_view name = xml.attribute_name(i);
      if (name.size() < 5 || name.compare(0, 5, "xmlns") != 0) continue;
      if (name.size() == 5) {
        bindings_.push_back({"", NamespaceOf(xml.attribute_value(i))});
      } else if (name[5] == ':') {
        bindings_.push_back({name.substr(6), NamespaceOf(xml.attribute_value(i))});
      }
    }
    if (bindings_.size() != mark) cached_ = false;
    return mark;
  }
  void Leave(size_t mark) {
    if (bindings_.size() != mark) {
      bindings_.resize(mark);
      cached_ = false;
    }
  }
  Ns Resolve(std::string_view prefix) {
    if (cached_ && prefix == cached_prefix_) return cached_ns_;
    Ns ns = Ns::kOther;
    for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
      if (it->prefix == prefix) {
        ns = it->ns;
        break;
      }
    }
    cached_ = true;
    cached_prefix_ = prefix;
    cached_ns_ = ns;
    return ns;
  }

 private:
  struct Binding {
    std::string_view prefix;
    Ns ns;
  };
  std::vector<Binding> bindings_;
  bool cached_ = false;
  std::string_view cached_prefix_;
  Ns cached_ns_ = Ns::kOther;
};

std::string_view LocalName(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// An integer attribute's text clamped to [lo, hi]; `fallback` when it is not a number.
int IntValue(std::string_view text, int fallback, int lo, int hi) {
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ptr == text.data()) return fallback;
  if (ec == std::errc::result_out_of_range) return text[0] == '-' ? lo : hi;
  return static_cast<int>(std::clamp<int64_t>(value, lo, hi));
}

// True when `xml` holds more than `limit` tags ('<'). Counted 64 bytes at a time, a loop with a
// fixed count the compiler turns into vector compares (std::count byte by byte was 2 % of a
// large import).
bool MoreTagsThan(std::string_view xml, int64_t limit) {
  const auto* p = reinterpret_cast<const unsigned char*>(xml.data());
  const size_t n = xml.size();
  int64_t tags = 0;
  size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    unsigned block = 0;
    for (size_t k = 0; k < 64; ++k) block += p[i + k] == '<' ? 1u : 0u;
    tags += block;
  }
  for (; i < n; ++i) tags += p[i] == '<' ? 1 : 0;
  return tags > limit;
}

// ---------------------------------------------------------------------------------------------
// Where the paragraphs and tables of a container go: the body's blocks or a cell's text.
// Holds back a paragraph whose mark is a tracked deletion so that it joins the next one.

class BlockSink {
 public:
  virtual ~BlockSink() = default;

  void AddParagraph(std::string text, bool mark_deleted) {
    if (has_pending_) {
      // Appended to the held-back text, not inserted before this one: a long run of joined
      // paragraphs is copied once, not once per paragraph.
      pending_ += text;
      text = std::move(pending_);
      pending_.clear();
      has_pending_ = false;
    }
    if (mark_deleted) {
      pending_ = std::move(text);
      has_pending_ = true;
      return;
    }
    OnParagraph(std::move(text));
  }
  void AddTable(FlatTable table) {
    Flush();
    OnTable(std::move(table));
  }
  // Emits a held-back paragraph if it has text (a wholly deleted one disappears).
  void Flush() {
    if (!has_pending_) return;
    has_pending_ = false;
    if (!pending_.empty()) OnParagraph(std::move(pending_));
    pending_.clear();
  }

 protected:
  virtual void OnParagraph(std::string text) = 0;
  virtual void OnTable(FlatTable table) = 0;

 private:
  std::string pending_;
  bool has_pending_ = false;
};

class BodySink : public BlockSink {
 public:
  explicit BodySink(std::vector<FlatBlock>* blocks) : blocks_(blocks) {}

 protected:
  void OnParagraph(std::string text) override {
    FlatBlock& b = blocks_->emplace_back();
    b.kind = FlatBlock::Kind::kParagraph;
    b.paragraph.text = std::move(text);
    b.paragraph.origin.paragraph = ++paragraphs_;
  }
  void OnTable(FlatTable table) override {
    if (table.rows.empty()) return;
    FlatBlock& b = blocks_->emplace_back();
    b.kind = FlatBlock::Kind::kTable;
    b.table = std::move(table);
    b.table.index = ++tables_;
  }

 private:
  std::vector<FlatBlock>* blocks_;
  int paragraphs_ = 0;
  int tables_ = 0;
};

// Rows joined by '\n', grid positions by '\t'.
std::string FlattenTable(const FlatTable& table) {
  std::string out;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (r > 0) out += '\n';
    const std::vector<FlatCell>& cells = table.rows[r].cells;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out += '\t';
      out += cells[c].text;
    }
  }
  return out;
}

class CellSink : public BlockSink {
 public:
  // The cell's text; drops the empty paragraph Word requires after a table ending a cell.
  std::string Finish() {
    Flush();
    if (pieces_.size() >= 2 && pieces_.back().empty() && !pieces_.back().table &&
        pieces_[pieces_.size() - 2].table) {
      pieces_.pop_back();
    }
    std::string out;
    for (size_t i = 0; i < pieces_.size(); ++i) {
      if (i > 0) out += '\n';
      out += pieces_[i].text;
    }
    return out;
  }

 protected:
  void OnParagraph(std::string text) override { pieces_.push_back({std::move(text), false}); }
  void OnTable(FlatTable table) override {
    if (table.rows.empty()) return;
    pieces_.push_back({FlattenTable(table), true});
  }

 private:
  struct Piece {
    std::string text;
    bool table;
    bool empty() const { return text.empty(); }
  };
  std::vector<Piece> pieces_;
};

// ---------------------------------------------------------------------------------------------
// The walk over the main document part, as the pull reader gives it: each reading function is
// called with its element's start tag just read and returns when its end tag has been read.
// Properties (w:pPr, w:trPr, w:tcPr, w:sdtPr) are read where the schema puts them, before the
// content they govern.

class BodyReader {
 public:
  // `numbering` (may be null: no labels) gives the list labels of numbered paragraphs.
  BodyReader(XmlPull* xml, const std::string& file, const std::string& part,
             const DocxLimits& limits, DocxNumbering* numbering)
      : x_(*xml), file_(file), part_(part), limits_(limits), numbering_(numbering) {}

  Status Read(FlatDocument* out) {
    Walk(out);
    // Malformed XML anywhere in the part, after the root too, is told before what the walk met
    // on its way (a foreign root, a limit), as a parser reading the part whole would tell it.
    if (!syntax_error_ && !x_.ReadToEnd()) {
      status_ = Status::Ok();
      SyntaxError();
    }
    return status_;
  }

  // True when Read failed because the XML is malformed (not for a limit or a foreign root).
  bool syntax_error() const { return syntax_error_; }

 private:
  void Walk(FlatDocument* out) {
    if (x_.Next() != XmlPull::Event::kStart) {
      SyntaxError();
      return;
    }
    const size_t mark = ns_.Enter(x_);
    if (Classify() != Tag::kDocument) {
      status_ = Status::InvalidArgument(TrF(
          "{}：{}：不是 Word 文档的正文（根元素是 <{}>）",
          "{}: {}: not a WordprocessingML document (root element <{}>)", file_, part_, x_.name()));
      return;
    }
    BodySink sink(&out->blocks);
    Children([&](Tag tag) {
      if (tag == Tag::kBody) Blocks(&sink);
    });
    sink.Flush();
    ns_.Leave(mark);
  }

  // Enters the namespace scope of the element just begun and the reader's depth budget.
  class Scope {
   public:
    explicit Scope(BodyReader* reader) : reader_(reader), mark_(reader->ns_.Enter(reader->x_)) {
      if (++reader_->depth_ > reader_->limits_.max_element_depth) {
        reader_->Fail(reader_->x_.offset(),
                      TrF("元素嵌套超过 {} 层", "elements nested more than {} deep",
                          reader_->limits_.max_element_depth));
      }
    }
    ~Scope() {
      --reader_->depth_;
      reader_->ns_.Leave(mark_);
    }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    BodyReader* reader_;
    size_t mark_;
  };

  // A field's state: before its separator the text is its code, after it its result.
  struct Fields {
    std::vector<bool> separated;  // one per open field, innermost last
    int in_code = 0;              // open fields not yet separated
  };

  // The tag of the element just begun.
  Tag Classify() {
    const std::string_view name = x_.name();
    const size_t colon = name.find(':');
    const std::string_view prefix =
        colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
    const std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    switch (ns_.Resolve(prefix)) {
      case Ns::kWord:
        return WordTag(local);
      case Ns::kMc:
        if (local == "AlternateContent") return Tag::kAlternateContent;
        if (local == "Fallback") return Tag::kFallback;
        return Tag::kOther;
      case Ns::kOther:
        break;
    }
    return Tag::kOther;
  }

  void Fail(size_t offset, const std::string& what) {
    if (!status_.ok()) return;
    status_ = Status::Corruption(
        TrF("{}：{}：第 {} 字节：{}", "{}: {}: byte {}: {}", file_, part_, offset, what));
  }

  // The pull reader met malformed XML. ReadMainPart replaces this message by pugixml's.
  void SyntaxError() {
    if (!status_.ok()) return;
    syntax_error_ = true;
    Fail(x_.error_offset(), TrF("XML 有误（{}）", "malformed XML ({})", x_.error()));
  }

  bool failed() const { return !status_.ok(); }

  void Append(std::string* out, char c) const {
    if (fields_.in_code == 0 && placeholder_ == 0) out->push_back(c);
  }

  // The value of the element's attribute named `local` (w:val, w:type); "" when absent.
  std::string Attribute(std::string_view local) const {
    std::string value;
    x_.FindAttribute(local, &value);
    return value;
  }
  // Its w:val as an integer clamped to [lo, hi]; `fallback` when absent or not a number.
  int ValInt(int fallback, int lo, int hi) const {
    std::string value;
    if (!x_.FindAttribute("val", &value)) return fallback;
    return IntValue(value, fallback, lo, hi);
  }

  // Reads the content of the element just begun through its end tag, calling visit(tag) for
  // each child element with the child's start tag read and its scope entered. Whatever of
  // the child visit leaves unread is skipped.
  template <typename Visit>
  void Children(Visit&& visit) {
    const int depth = x_.depth();
    while (!failed()) {
      switch (x_.Next()) {
        case XmlPull::Event::kStart: {
          Scope scope(this);
          if (failed()) return;
          visit(Classify());
          if (!failed() && !x_.SkipTo(depth)) SyntaxError();
          break;
        }
        case XmlPull::Event::kEnd:
          return;
        case XmlPull::Event::kText:
          break;
        default:
          SyntaxError();
          return;
      }
    }
  }

  // The text of the w:t just begun (its child elements, which Word never writes, skipped).
  void Text(std::string* out) {
    const int depth = x_.depth();
    while (!failed()) {
      switch (x_.Next()) {
        case XmlPull::Event::kText:
          if (fields_.in_code == 0 && placeholder_ == 0) x_.AppendText(out);
          break;
        case XmlPull::Event::kStart:
          if (!x_.SkipTo(depth)) SyntaxError();
          break;
        case XmlPull::Event::kEnd:
          return;
        default:
          SyntaxError();
          return;
      }
    }
  }

  // Calls visit() for the w:sdtContent of the w:sdt just begun, with placeholder text
  // suppressed when its w:sdtPr says it shows its placeholder (w:showingPlcHdr).
  template <typename Visit>
  void SdtContent(Visit visit) {
    bool placeholder = false;
    Children([&](Tag tag) {
      if (tag == Tag::kSdtPr) {
        Children([&](Tag p) { placeholder = placeholder || p == Tag::kShowingPlcHdr; });
      } else if (tag == Tag::kSdtContent) {
        placeholder_ += placeholder ? 1 : 0;
        visit();
        placeholder_ -= placeholder ? 1 : 0;
      }
    });
  }

  // Calls visit() for the mc:Fallback of the mc:AlternateContent just begun.
  template <typename Visit>
  void Fallback(Visit visit) {
    Children([&](Tag tag) {
      if (tag == Tag::kFallback) visit();
    });
  }

  // Block-level content: body, cell, block-level sdtContent and customXml.
  void Blocks(BlockSink* sink) {
    Children([&](Tag tag) { Block(tag, sink); });
  }

  // One child of block-level content, begun and in scope.
  void Block(Tag tag, BlockSink* sink) {
    if (Wrapper(tag, [&] { Blocks(sink); })) return;
    switch (tag) {
      case Tag::kP:
        Paragraph(sink);
        break;
      case Tag::kTbl: {
        FlatTable table;
        Table(&table);
        if (!failed()) sink->AddTable(std::move(table));
        break;
      }
      case Tag::kIns:
      case Tag::kMoveTo:
        Blocks(sink);
        break;
      default:
        break;
    }
  }

  // The wrappers content may stand in at any level — a content control (w:sdt), custom XML, an
  // mc:AlternateContent — read through `again`, which reads a wrapper's content as the content
  // of the level it stands in. False when `tag` is no wrapper.
  template <typename Again>
  bool Wrapper(Tag tag, Again again) {
    switch (tag) {
      case Tag::kSdt:
        SdtContent(again);
        return true;
      case Tag::kCustomXml:
        again();
        return true;
      case Tag::kAlternateContent:
        Fallback(again);
        return true;
      default:
        return false;
    }
  }

  // The w:pPr just begun: whether the paragraph mark is a tracked deletion (w:rPr/w:del), and
  // the paragraph style and numbering (its w:pPrChange, the properties before a tracked
  // change, is not read).
  void ParagraphProperties(bool* mark_deleted, ParagraphNumbering* out) {
    Children([&](Tag tag) {
      switch (tag) {
        case Tag::kRPr:
          Children([&](Tag c) {
            *mark_deleted = *mark_deleted || c == Tag::kDel || c == Tag::kMoveFrom;
          });
          break;
        case Tag::kPStyle:
          if (numbering_ != nullptr) out->style = Attribute("val");
          break;
        case Tag::kNumPr:
          if (numbering_ == nullptr) break;
          Children([&](Tag n) {
            std::string value;
            if (!x_.FindAttribute("val", &value)) return;  // an empty w:numId changes nothing
            if (n == Tag::kNumId) out->num_id = IntValue(value, 0, INT32_MIN, INT32_MAX);
            if (n == Tag::kIlvl) out->level = IntValue(value, 0, 0, DocxNumbering::kLevels - 1);
          });
          break;
        default:
          break;
      }
    });
  }

  void Paragraph(BlockSink* sink) {
    std::string text;
    bool mark_deleted = false;
    ParagraphNumbering numbering;
    Children([&](Tag tag) {
      if (tag == Tag::kPPr) {
        ParagraphProperties(&mark_deleted, &numbering);
      } else {
        InlineChild(tag, &text);
      }
    });
    if (failed()) return;
    PageBreaksToLines(&text);
    if (numbering_ != nullptr && !numbering_->empty()) text.insert(0, numbering_->Next(numbering));
    sink->AddParagraph(std::move(text), mark_deleted);
  }

  // Paragraph content: runs and the containers that hold runs.
  void Inline(std::string* out) {
    Children([&](Tag tag) { InlineChild(tag, out); });
  }

  // One child of paragraph content, begun and in scope.
  void InlineChild(Tag tag, std::string* out) {
    if (Wrapper(tag, [&] { Inline(out); })) return;
    switch (tag) {
      case Tag::kR:
        Run(out);
        break;
      case Tag::kIns:
      case Tag::kMoveTo:
      case Tag::kHyperlink:
      case Tag::kSmartTag:
      case Tag::kFldSimple:
      case Tag::kDir:
      case Tag::kBdo:
        Inline(out);
        break;
      default:  // w:del, w:moveFrom, bookmarks, comments, proofErr, equations, …
        break;
    }
  }

  void Run(std::string* out) {
    Children([&](Tag tag) {
      switch (tag) {
        case Tag::kT:
          Text(out);
          break;
        case Tag::kTab:
        case Tag::kPtab:
          Append(out, '\t');
          break;
        case Tag::kBr: {
          // A page or column break marks where a page ends, not a line: kept as a marker
          // until the paragraph is complete (Paragraph turns it into '\n' between text).
          const std::string type = Attribute("type");
          Append(out, type == "page" || type == "column" ? kPageBreak : '\n');
          break;
        }
        case Tag::kCr:
          Append(out, '\n');
          break;
        case Tag::kNoBreakHyphen:
          Append(out, '-');
          break;
        case Tag::kFldChar:
          FieldChar(Attribute("fldCharType"));
          break;
        case Tag::kRuby:
          Ruby(out);
          break;
        case Tag::kAlternateContent:
          Fallback([&] { Run(out); });
          break;
        default:  // w:instrText, w:delText, w:sym, references, drawings, …
          break;
      }
    });
  }

  // Phonetic guides: the base text is read, the guide (w:rt) is not.
  void Ruby(std::string* out) {
    Children([&](Tag tag) {
      if (tag == Tag::kRubyBase) Inline(out);
    });
  }

  void FieldChar(std::string_view kind) {
    if (kind == "begin") {
      fields_.separated.push_back(false);
      ++fields_.in_code;
    } else if (kind == "separate") {
      if (!fields_.separated.empty() && !fields_.separated.back()) {
        fields_.separated.back() = true;
        --fields_.in_code;
      }
    } else if (kind == "end") {
      if (!fields_.separated.empty()) {
        if (!fields_.separated.back()) --fields_.in_code;
        fields_.separated.pop_back();
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Tables.

  struct CellRef {
    int row = -1;  // index into FlatTable::rows
    int cell = -1;
  };

  struct TableState {
    FlatTable* table;
    std::vector<CellRef> open;  // per grid column: the origin of a vertical merge still open
  };

  struct RowState {
    FlatRow row;
    int index = 0;              // the row's index in the table
    int column = 0;             // next free grid column
    int last_origin = -1;       // the previous cell, for w:hMerge continuation
    std::vector<CellRef> open;  // vertical merges open after this row
  };

  // Counts `n` grid positions against the document's cap; `at` is the offending element.
  bool CountCells(size_t at, int64_t n) {
    cells_ += n;
    if (cells_ > limits_.max_cells) {
      Fail(at, TrF("表格单元格超过 {} 个", "more than {} table cells", limits_.max_cells));
      return false;
    }
    return true;
  }

  void Table(FlatTable* table) {
    const size_t at = x_.offset();
    if (++table_depth_ > limits_.max_table_depth) {
      Fail(at,
           TrF("表格嵌套超过 {} 层", "tables nested more than {} deep", limits_.max_table_depth));
    }
    TableState state{table, {}};
    if (!failed()) Rows(&state);
    --table_depth_;
    if (failed()) return;
    size_t width = 0;
    int64_t missing = 0;
    for (const FlatRow& row : table->rows) width = std::max(width, row.cells.size());
    for (const FlatRow& row : table->rows)
      missing += static_cast<int64_t>(width - row.cells.size());
    if (!CountCells(at, missing)) return;
    for (FlatRow& row : table->rows) {
      for (size_t c = row.cells.size(); c < width; ++c) {
        row.cells.emplace_back().column = static_cast<int>(c);
      }
    }
  }

  // The rows of a table, or of a row-level sdtContent or customXml inside it.
  void Rows(TableState* state) {
    Children([&](Tag tag) {
      if (tag == Tag::kTr) {
        Row(state);
      } else {
        Wrapper(tag, [&] { Rows(state); });
      }
    });
  }

  // A w:tr: its w:trPr (grid positions before and after the cells, a tracked deletion), then
  // its cells. The positions before are placed when the first cell is met.
  void Row(TableState* state) {
    const size_t at = x_.offset();
    int before = 0;
    int after = 0;
    bool deleted = false;
    bool begun = false;
    RowState row;
    row.index = static_cast<int>(state->table->rows.size());
    const auto begin_cells = [&] {
      if (begun) return true;
      begun = true;
      return EmptyCells(at, before, &row);
    };
    Children([&](Tag tag) {
      if (tag == Tag::kTrPr) {
        Children([&](Tag p) {
          switch (p) {
            case Tag::kGridBefore:
              before = ValInt(0, 0, limits_.max_grid_columns + 1);
              break;
            case Tag::kGridAfter:
              after = ValInt(0, 0, limits_.max_grid_columns + 1);
              break;
            case Tag::kDel:
              deleted = true;
              break;
            default:
              break;
          }
        });
        return;
      }
      if (deleted || !CellsHolder(tag) || !begin_cells()) return;
      CellsChild(tag, state, &row);
    });
    if (failed() || deleted || !begin_cells() || !EmptyCells(at, after, &row)) return;
    state->open = std::move(row.open);
    state->table->rows.push_back(std::move(row.row));
  }

  // Grid positions without a cell (w:gridBefore, w:gridAfter); `at` is the row.
  bool EmptyCells(size_t at, int n, RowState* row) {
    if (n <= 0) return true;
    if (!Fits(at, *row, n) || !CountCells(at, n)) return false;
    for (int i = 0; i < n; ++i) row->row.cells.emplace_back().column = row->column++;
    row->last_origin = -1;
    return true;
  }

  bool Fits(size_t at, const RowState& row, int span) {
    if (row.column + span > limits_.max_grid_columns) {
      Fail(at, TrF("表格的一行超过 {} 列", "a table row wider than {} grid columns",
                   limits_.max_grid_columns));
      return false;
    }
    return true;
  }

  // Whether a row's child holds cells: a cell, or a cell-level sdt, customXml or alternate.
  static bool CellsHolder(Tag tag) {
    return tag == Tag::kTc || tag == Tag::kSdt || tag == Tag::kCustomXml ||
           tag == Tag::kAlternateContent;
  }

  // The cells of a cell-level sdtContent, customXml or mc:Fallback just begun.
  void Cells(TableState* state, RowState* row) {
    Children([&](Tag tag) { CellsChild(tag, state, row); });
  }

  void CellsChild(Tag tag, TableState* state, RowState* row) {
    if (tag == Tag::kTc) {
      Cell(state, row);
    } else {
      Wrapper(tag, [&] { Cells(state, row); });
    }
  }

  enum class Merge { kNone, kRestart, kContinue };

  Merge MergeValue() const {
    return Attribute("val") == "restart" ? Merge::kRestart : Merge::kContinue;
  }

  // A w:tc: its w:tcPr (span and merges), then its paragraphs and tables.
  void Cell(TableState* state, RowState* row) {
    const size_t at = x_.offset();
    int span = 1;
    Merge vmerge = Merge::kNone;
    Merge hmerge = Merge::kNone;
    // The cell's text, read with fields of its own (a field cannot cross a cell boundary).
    Fields outer = std::move(fields_);
    fields_ = Fields();
    CellSink sink;
    Children([&](Tag tag) {
      if (tag != Tag::kTcPr) {
        Block(tag, &sink);
        return;
      }
      Children([&](Tag p) {
        switch (p) {
          case Tag::kGridSpan:
            span = ValInt(1, 1, limits_.max_grid_columns + 1);
            break;
          case Tag::kVMerge:
            vmerge = MergeValue();
            break;
          case Tag::kHMerge:
            hmerge = MergeValue();
            break;
          default:
            break;
        }
      });
    });
    fields_ = std::move(outer);
    if (failed() || !Fits(at, *row, span) || !CountCells(at, span)) return;

    const int column = row->column;
    row->column += span;
    std::vector<FlatCell>& cells = row->row.cells;
    const auto add_covered = [&](int from, int n) {
      for (int i = 0; i < n; ++i) {
        FlatCell& c = cells.emplace_back();
        c.column = from + i;
        c.covered = true;
      }
    };
    const auto open_merge = [&](int from, int n, CellRef ref) {
      if (row->open.size() < static_cast<size_t>(from + n)) row->open.resize(from + n);
      for (int i = 0; i < n; ++i) row->open[from + i] = ref;
    };

    if (hmerge == Merge::kContinue && row->last_origin >= 0) {
      // The legacy horizontal merge: this cell widens the one before it.
      cells[row->last_origin].column_span += span;
      const size_t origin_column = static_cast<size_t>(cells[row->last_origin].column);
      add_covered(column, span);  // invalidates references into `cells`
      if (origin_column < row->open.size() && row->open[origin_column].row == row->index) {
        open_merge(column, span, row->open[origin_column]);
      }
      return;
    }
    if (vmerge == Merge::kContinue) {
      const CellRef ref =
          static_cast<size_t>(column) < state->open.size() ? state->open[column] : CellRef();
      // A continuation covers exactly its origin's columns, so that every merge stays a
      // rectangle; one that does not, or has nothing open above it, starts a merge (as Word
      // does for the latter).
      if (ref.row >= 0) {
        FlatCell& origin = state->table->rows[ref.row].cells[ref.cell];
        if (origin.column == column && origin.column_span == span) {
          origin.row_span = row->index - ref.row + 1;
          add_covered(column, span);
          open_merge(column, span, ref);
          row->last_origin = -1;
          return;
        }
      }
      vmerge = Merge::kRestart;
    }
    const int index = static_cast<int>(cells.size());
    FlatCell& cell = cells.emplace_back();
    cell.text = sink.Finish();
    cell.column = column;
    cell.column_span = span;
    add_covered(column + 1, span - 1);
    if (vmerge == Merge::kRestart) open_merge(column, span, CellRef{row->index, index});
    row->last_origin = index;
  }

  XmlPull& x_;
  const std::string& file_;
  const std::string& part_;
  const DocxLimits& limits_;
  DocxNumbering* numbering_;
  Namespaces ns_;
  Status status_;
  bool syntax_error_ = false;
  Fields fields_;
  int placeholder_ = 0;  // > 0 inside content controls showing their placeholder
  int depth_ = -1;       // the root's children (w:body) are not counted against the depth budget
  int table_depth_ = 0;
  int64_t cells_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The package around the main part.

enum class Kind { kUnknown, kWord, kExcel, kPowerPoint };

Kind KindOfContentType(std::string_view type) {
  if (type.find("wordprocessingml") != std::string_view::npos ||
      type.find("application/vnd.ms-word") != std::string_view::npos) {
    return Kind::kWord;
  }
  if (type.find("spreadsheetml") != std::string_view::npos ||
      type.find("application/vnd.ms-excel") != std::string_view::npos) {
    return Kind::kExcel;
  }
  if (type.find("presentationml") != std::string_view::npos ||
      type.find("application/vnd.ms-powerpoint") != std::string_view::npos) {
    return Kind::kPowerPoint;
  }
  return Kind::kUnknown;
}

Kind KindOfPath(std::string_view path) {
  if (path.rfind("word/", 0) == 0) return Kind::kWord;
  if (path.rfind("xl/", 0) == 0) return Kind::kExcel;
  if (path.rfind("ppt/", 0) == 0) return Kind::kPowerPoint;
  return Kind::kUnknown;
}

// Parses a small package part (relationships, content types); false when absent or malformed.
bool LoadSmallPart(ZipArchive* archive, const std::string& name, std::string* storage,
                   pugi::xml_document* doc) {
  if (!archive->Has(name)) return false;
  Result<std::string> bytes = archive->Read(name);
  if (!bytes.ok()) return false;
  *storage = std::move(bytes).value();
  return doc->load_buffer_inplace(storage->data(), storage->size(), pugi::parse_default).status ==
         pugi::status_ok;
}

// Finds `name` among the members ignoring ASCII case (part names are case-insensitive).
std::string FindMemberIgnoringCase(const ZipArchive& archive, const std::string& name) {
  for (const std::string& member : archive.Members()) {
    if (member.size() == name.size() &&
        std::equal(member.begin(), member.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return member;
    }
  }
  return "";
}

// The target of the first internal relationship in `rels_part` whose type ends with
// `type_suffix` ("/officeDocument", "/numbering"), as a part name: relative targets are taken
// from `base_dir` ("" or "word/"), "../" steps resolved; "" when there is none.
std::string RelationshipTarget(ZipArchive* archive, const std::string& rels_part,
                               const std::string& base_dir, std::string_view type_suffix) {
  std::string storage;
  pugi::xml_document doc;
  if (!LoadSmallPart(archive, rels_part, &storage, &doc)) return "";
  for (pugi::xml_node rel : doc.document_element().children()) {
    if (LocalName(rel.name()) != "Relationship") continue;
    const std::string_view type = rel.attribute("Type").value();
    if (type.size() < type_suffix.size() ||
        type.substr(type.size() - type_suffix.size()) != type_suffix) {
      continue;
    }
    if (std::string_view(rel.attribute("TargetMode").value()) == "External") continue;
    std::string target = rel.attribute("Target").value();
    if (target.find("://") != std::string::npos) continue;
    if (!target.empty() && target.front() == '/') {
      while (!target.empty() && target.front() == '/') target.erase(0, 1);
    } else {
      std::string dir = base_dir;
      while (target.rfind("../", 0) == 0) {
        target.erase(0, 3);
        if (!dir.empty()) dir.pop_back();
        const size_t slash = dir.rfind('/');
        dir = slash == std::string::npos ? "" : dir.substr(0, slash + 1);
      }
      target = dir + target;
    }
    if (!target.empty()) return target;
  }
  return "";
}

// The target of the package's officeDocument relationship ("word/document.xml"), or "".
std::string MainPartFromRelationships(ZipArchive* archive) {
  return RelationshipTarget(archive, "_rels/.rels", "", "/officeDocument");
}

// The list numbering of the document whose main part is `main`: its numbering and styles
// parts found through the main part's relationships (word/numbering.xml, word/styles.xml
// when they say nothing). Errors: a part that cannot be read (zip caps), is too large or is
// malformed.
Result<DocxNumbering> ReadNumbering(ZipArchive* archive, const std::string& file,
                                    const std::string& main, const DocxLimits& limits) {
  const size_t slash = main.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : main.substr(0, slash + 1);
  const std::string rels = dir + "_rels/" + main.substr(dir.size()) + ".rels";
  std::array<std::string, 2> parts = {RelationshipTarget(archive, rels, dir, "/numbering"),
                                      RelationshipTarget(archive, rels, dir, "/styles")};
  std::array<std::string, 2> xml;
  const std::array<std::string_view, 2> fallback = {"numbering.xml", "styles.xml"};
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty() || !archive->Has(parts[i])) {
      parts[i] = FindMemberIgnoringCase(*archive, dir + std::string(fallback[i]));
    }
    if (parts[i].empty()) {
      parts[i] = dir + std::string(fallback[i]);
      continue;
    }
    Result<std::string> bytes = archive->Read(parts[i]);
    if (!bytes.ok()) return bytes.status();
    if (MoreTagsThan(*bytes, limits.max_xml_tags)) {
      return Status::Corruption(TrF("{}：{}：XML 标记超过 {} 个，太多，不予读取",
                                    "{}: {}: more than {} XML tags, too many to read", file,
                                    parts[i], limits.max_xml_tags));
    }
    xml[i] = std::move(bytes).value();
  }
  return DocxNumbering::Parse(file, std::move(xml[0]), parts[0], std::move(xml[1]), parts[1]);
}

// The content type [Content_Types].xml gives the part, or "".
std::string ContentTypeOf(ZipArchive* archive, const std::string& part) {
  std::string storage;
  pugi::xml_document doc;
  if (!LoadSmallPart(archive, "[Content_Types].xml", &storage, &doc)) return "";
  const std::string wanted = "/" + part;
  for (pugi::xml_node entry : doc.document_element().children()) {
    if (LocalName(entry.name()) != "Override") continue;
    if (wanted == entry.attribute("PartName").value()) {
      return entry.attribute("ContentType").value();
    }
  }
  return "";
}

// What a zip that is not a Word document looks like, as "; it looks like ...", or "".
std::string LooksLike(ZipArchive* archive, Kind kind) {
  if (kind == Kind::kExcel || archive->Has("xl/workbook.xml")) {
    return std::string(Tr("；看起来是 Excel 工作簿", "; it looks like an Excel workbook"));
  }
  if (kind == Kind::kPowerPoint || archive->Has("ppt/presentation.xml")) {
    return std::string(
        Tr("；看起来是 PowerPoint 演示文稿", "; it looks like a PowerPoint presentation"));
  }
  if (archive->Has("mimetype")) {
    Result<std::string> mime = archive->Read("mimetype");
    if (mime.ok()) {
      if (*mime == "application/vnd.oasis.opendocument.text") {
        return std::string(Tr("；看起来是 OpenDocument 文本（.odt），请另存为 .docx",
                              "; it looks like an OpenDocument text (.odt); save it as .docx"));
      }
      if (*mime == "application/vnd.oasis.opendocument.spreadsheet") {
        return std::string(Tr("；看起来是 OpenDocument 电子表格（.ods）",
                              "; it looks like an OpenDocument spreadsheet (.ods)"));
      }
    }
  }
  return "";
}

Result<FlatDocument> ReadMainPart(std::string xml, const std::string& file_name,
                                  const std::string& part_name, const DocxLimits& limits,
                                  DocxNumbering* numbering);

Result<FlatDocument> ReadPackage(std::string_view bytes, const std::string& file,
                                 const DocxLimits& limits) {
  Result<std::unique_ptr<ZipArchive>> opened = ZipArchive::Open(bytes, file, limits.zip);
  if (!opened.ok()) return opened.status();
  ZipArchive* archive = opened->get();

  std::string main = MainPartFromRelationships(archive);
  if (main.empty()) main = std::string(kDefaultMainPart);
  Kind kind = KindOfContentType(ContentTypeOf(archive, main));
  if (kind == Kind::kUnknown) kind = KindOfPath(main);
  if (kind == Kind::kExcel || kind == Kind::kPowerPoint) {
    return Status::InvalidArgument(TrF("{}：不是 Word 文档（缺少 {}）{}",
                                       "{}: not a Word document (no {}){}", file, kDefaultMainPart,
                                       LooksLike(archive, kind)));
  }
  if (!archive->Has(main)) {
    std::string found = FindMemberIgnoringCase(*archive, main);
    if (found.empty() && main != kDefaultMainPart) {
      found = FindMemberIgnoringCase(*archive, std::string(kDefaultMainPart));
    }
    if (found.empty()) {
      return Status::InvalidArgument(TrF("{}：不是 Word 文档（缺少 {}）{}",
                                         "{}: not a Word document (no {}){}", file,
                                         kDefaultMainPart, LooksLike(archive, kind)));
    }
    main = found;
  }
  Result<std::string> xml = archive->Read(main);
  if (!xml.ok()) return xml.status();
  Result<DocxNumbering> numbering = ReadNumbering(archive, file, main, limits);
  if (!numbering.ok()) return numbering.status();
  return ReadMainPart(std::move(xml).value(), file, main, limits, &*numbering);
}

}  // namespace

Result<FlatDocument> ReadDocxDocumentXml(std::string xml, const std::string& file_name,
                                         const std::string& part_name, const DocxLimits& limits) {
  return ReadMainPart(std::move(xml), file_name, part_name, limits, nullptr);
}

Result<FlatDocument> ReadDocxDocumentXmlWithNumbering(std::string xml, const std::string& file_name,
                                                      DocxNumbering* numbering) {
  return ReadMainPart(std::move(xml), file_name, std::string(kDefaultMainPart), DocxLimits{},
                      numbering);
}

namespace {

// The main part parsed whole into pugixml's tree (a copy of `xml`); Corruption with pugixml's
// offset and description when it does not parse.
Status ParseWhole(const std::string& xml, const std::string& file_name,
                  const std::string& part_name, pugi::xml_document* doc) {
  const pugi::xml_parse_result parsed =
      doc->load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (parsed) return Status::Ok();
  return Status::Corruption(TrF("{}：{}：第 {} 字节：{}", "{}: {}: byte {}: {}", file_name,
                                part_name, parsed.offset, XmlErrorText(parsed)));
}

// The main part in another encoding than UTF-8 (UTF-16 from some converters) as UTF-8: pugixml
// reads it and writes it back.
Result<std::string> MainPartAsUtf8(const std::string& xml, const std::string& file_name,
                                   const std::string& part_name) {
  pugi::xml_document doc;
  if (Status s = ParseWhole(xml, file_name, part_name, &doc); !s.ok()) return s;
  struct Writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override {
      out.append(static_cast<const char*>(data), size);
    }
  } writer;
  doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return std::move(writer.out);
}

// The message for malformed XML: pugixml's offset and description, as for every other part
// (the pull reader's own when pugixml, more lenient, reads the part).
Status MalformedPart(const std::string& xml, const std::string& file_name,
                     const std::string& part_name, Status pull_reader_says) {
  pugi::xml_document doc;
  Status s = ParseWhole(xml, file_name, part_name, &doc);
  return s.ok() ? pull_reader_says : s;
}

Result<FlatDocument> ReadMainPart(std::string xml, const std::string& file_name,
                                  const std::string& part_name, const DocxLimits& limits,
                                  DocxNumbering* numbering) {
  try {
    if (MoreTagsThan(xml, limits.max_xml_tags)) {
      return Status::Corruption(TrF("{}：{}：XML 标记超过 {} 个，太多，不予读取",
                                    "{}: {}: more than {} XML tags, too many to read", file_name,
                                    part_name, limits.max_xml_tags));
    }
    if (XmlPull::NeedsConversion(xml)) {
      Result<std::string> utf8 = MainPartAsUtf8(xml, file_name, part_name);
      if (!utf8.ok()) return utf8.status();
      xml = std::move(utf8).value();
    }
    FlatDocument out;
    out.file = file_name;
    out.format = "docx";
    XmlPull pull(xml);
    BodyReader reader(&pull, file_name, part_name, limits, numbering);
    if (Status s = reader.Read(&out); !s.ok()) {
      return reader.syntax_error() ? MalformedPart(xml, file_name, part_name, std::move(s)) : s;
    }
    return out;
  } catch (const std::bad_alloc&) {
    return Status::IOError(TrF("{}：{}：内存不足", "{}: {}: out of memory", file_name, part_name));
  }
}

}  // namespace

Result<FlatDocument> ReadDocx(std::string_view bytes, const std::string& file_name,
                              const DocxLimits& limits) {
  try {
    return ReadPackage(bytes, file_name, limits);
  } catch (const std::bad_alloc&) {
    return Status::IOError(TrF("{}：内存不足", "{}: out of memory", file_name));
  }
}

}  // namespace jixiao
