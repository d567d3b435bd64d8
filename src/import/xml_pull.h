// A pull reader of XML text: start tags, end tags and text, one event at a time, without
// building a tree. For the large parts of an Office file (the body of a Word document), where
// building pugixml's tree cost more than the walk that reads it.
//
// What it checks is what makes its events trustworthy: every tag and every construct closed,
// each end tag matching its start tag, a root element present. The finer points of XML it
// leaves to pugixml: a reader that meets an error here asks pugixml for the precise message
// (XmlErrorText), so both readers describe a malformed part the same way.
//
// What it reads:
//   - UTF-8 text (a UTF-8 byte order mark is skipped). Other encodings are converted by the
//     caller (see docx_reader.cc); NeedsConversion() tells which.
//   - The XML declaration, processing instructions, comments and a DOCTYPE are skipped; text
//     outside the root element is ignored; further top-level elements are read as pugixml
//     reads them.
//   - Text: CDATA sections as written; elsewhere the five named entities and numeric
//     character references decoded as pugixml decodes them (any value, even one XML forbids,
//     written as its UTF-8 bytes; any other '&' kept as written), line ends "\r\n" and "\r"
//     read as "\n". Attribute values likewise, with tabs and line ends read as spaces. What
//     pugixml reads, this reader reads the same (fuzz_xml_pull holds it to that).
//   - Names are not checked against the XML name rules; attributes are not checked for
//     repeats.
//
// Untrusted input: any bytes give events or an error, never a crash; memory is the open
// elements' names (views into the text) and the current tag's attributes. The text must
// outlive the reader.
//
// Example:
//   XmlPull x("<a k='1'><b>x &amp; y</b></a>");
//   x.Next() == kStart, name "a", attribute "k" = "1"; kStart "b"; kText (AppendText gives
//   "x & y"); kEnd "b"; kEnd "a"; kDone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

class XmlPull {
 public:
  enum class Event : uint8_t { kStart, kEnd, kText, kDone, kError };

  explicit XmlPull(std::string_view xml);

  // True when `xml` is not UTF-8 as pugixml would detect it: a UTF-16 or UTF-32 byte order
  // mark or zero bytes in its first four, or an XML declaration naming another encoding.
  static bool NeedsConversion(std::string_view xml);

  // The next event; after kDone or kError, the same again.
  Event Next();
  Event event() const { return event_; }

  // kStart, kEnd: the element's qualified name ("w:p"); offset() is its name's byte offset.
  std::string_view name() const { return name_; }
  size_t offset() const { return offset_; }
  // Elements open: after a kStart it counts the element begun, after a kEnd not the one ended.
  int depth() const { return static_cast<int>(open_.size()); }

  // kStart: the tag's attributes, names as written ("w:val", "xmlns:w") and values decoded.
  size_t attribute_count() const { return attributes_.size(); }
  std::string_view attribute_name(size_t i) const { return attributes_[i].name; }
  std::string attribute_value(size_t i) const;
  // The value of the first attribute whose local name (after any prefix) is `local`; false
  // when there is none.
  bool FindAttribute(std::string_view local, std::string* value) const;

  // kText: appends the text, decoded.
  void AppendText(std::string* out) const;

  // Reads on until depth() is `depth` (the rest of an element begun deeper); false when the
  // text ends or an error is met first.
  bool SkipTo(int depth);

  // Reads on to the end of the text; false when an error is met (error() says which).
  bool ReadToEnd();

  // kError: what is wrong ("unterminated comment") and its byte offset (error_offset()).
  const std::string& error() const { return error_; }
  size_t error_offset() const { return error_offset_; }

 private:
  struct Attribute {
    std::string_view name;
    std::string_view raw;
  };

  Event Fail(size_t offset, std::string what);
  Event StartTag();
  Event EndTag();
  // Skips "<!DOCTYPE …>" with its internal subset; false when it is not closed.
  bool SkipDeclaration();
  bool Find(std::string_view what, size_t from, size_t* at) const;

  std::string_view text_;  // the whole input
  size_t pos_ = 0;
  Event event_ = Event::kDone;
  bool started_ = false;
  bool seen_root_ = false;
  bool self_closing_ = false;  // the kStart just read was <x/>: its kEnd comes next
  bool cdata_ = false;         // the kText is a CDATA section
  std::string_view name_;
  size_t offset_ = 0;
  std::string_view chars_;  // kText: the raw text
  std::vector<std::string_view> open_;
  std::vector<Attribute> attributes_;
  std::string error_;
  size_t error_offset_ = 0;
};

}  // namespace jixiao
