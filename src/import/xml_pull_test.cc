// XmlPull: its events on hand-written XML, its errors, and its reading held to pugixml's on
// every kind of construct and on the Word parts of the fuzz corpus (fuzz/xml_events.h).
#include "import/xml_pull.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/xml_events.h"

namespace jixiao {
namespace {

// The events as xml_events::Pull prints them, and whether the reader reached the end.
std::vector<std::string> Events(std::string_view xml, bool* ok = nullptr) {
  bool reached = false;
  std::vector<std::string> events = xml_events::Pull(xml, &reached);
  if (ok != nullptr) *ok = reached;
  return events;
}

using Strings = std::vector<std::string>;

TEST(XmlPull, ReadsElementsAttributesAndText) {
  bool ok = false;
  EXPECT_EQ(Events("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\r\n"
                   "<w:p w:rsidR=\"00A1\" k='a &amp; b'><w:r><w:t xml:space=\"preserve\"> x "
                   "</w:t></w:r><w:br/></w:p>",
                   &ok),
            (Strings{"<w:p w:rsidR=00A1 k=a & b>", "<w:r>", "<w:t xml:space=preserve>", "\" x ",
                     "</w:t>", "</w:r>", "<w:br>", "</w:br>", "</w:p>"}));
  EXPECT_TRUE(ok);
}

TEST(XmlPull, DecodesEntitiesCharacterReferencesAndLineEnds) {
  XmlPull x(
      "<t a='1&#9;2\r\n3'>&lt;&gt;&amp;&quot;&apos; &#x4E2D;&#25991; a\r\nb\rc &nbsp; & x"
      "<![CDATA[&amp;\r\n]]></t>");
  ASSERT_EQ(x.Next(), XmlPull::Event::kStart);
  // Line ends written in a value read as spaces; a tab written as a reference stays a tab.
  EXPECT_EQ(x.attribute_value(0), "1\t2 3");
  ASSERT_EQ(x.Next(), XmlPull::Event::kText);
  std::string text;
  x.AppendText(&text);
  // An entity pugixml does not know (&nbsp;) and a lone '&' are kept as written.
  EXPECT_EQ(text, "<>&\"' 中文 a\nb\nc &nbsp; & x");
  ASSERT_EQ(x.Next(), XmlPull::Event::kText);
  text.clear();
  x.AppendText(&text);
  EXPECT_EQ(text, "&amp;\n");  // CDATA as written, its line end read as "\n"
  EXPECT_EQ(x.Next(), XmlPull::Event::kEnd);
  EXPECT_EQ(x.Next(), XmlPull::Event::kDone);
  EXPECT_EQ(x.Next(), XmlPull::Event::kDone);
}

TEST(XmlPull, SkipsWhatIsNotContent) {
  bool ok = false;
  EXPECT_EQ(Events("\xEF\xBB\xBF<!DOCTYPE d [ <!ENTITY e \"]>\"> ]><!-- a <b> -->"
                   "<d><?pi x?><!-- c --><e/>tail</d>after<!-- end -->",
                   &ok),
            (Strings{"<d>", "<e>", "</e>", "\"tail", "</d>"}));
  EXPECT_TRUE(ok);
}

TEST(XmlPull, OffsetsDepthAndSkipping) {
  const std::string xml = "<a><b><c x='1'/><c/></b><d/></a>";
  XmlPull x(xml);
  ASSERT_EQ(x.Next(), XmlPull::Event::kStart);
  EXPECT_EQ(x.offset(), 1u);
  ASSERT_EQ(x.Next(), XmlPull::Event::kStart);  // <b>
  EXPECT_EQ(x.depth(), 2);
  EXPECT_TRUE(x.SkipTo(1));  // the rest of <b>
  EXPECT_EQ(x.event(), XmlPull::Event::kEnd);
  EXPECT_EQ(x.name(), "b");
  ASSERT_EQ(x.Next(), XmlPull::Event::kStart);
  EXPECT_EQ(x.name(), "d");
  EXPECT_EQ(x.offset(), xml.find("<d/>") + 1);
  std::string value;
  EXPECT_FALSE(x.FindAttribute("x", &value));
  EXPECT_TRUE(x.ReadToEnd());
}

TEST(XmlPull, FindsAttributesByLocalName) {
  XmlPull x("<w:br xmlns:w='u' w:type=\"page\"/>");
  ASSERT_EQ(x.Next(), XmlPull::Event::kStart);
  std::string value;
  ASSERT_TRUE(x.FindAttribute("type", &value));
  EXPECT_EQ(value, "page");
  EXPECT_EQ(x.attribute_name(0), "xmlns:w");
}

TEST(XmlPull, NamesEachErrorAndWhere) {
  struct Case {
    std::string xml;
    size_t offset;
    std::string what;
  };
  const std::vector<Case> cases = {
      {"", 0, "no document element"},
      {"<!-- only -->", 0, "no document element"},
      {"<a><b></a>", 8, "end tag </a> does not match its start tag"},
      {"<a>", 3, "the text ends inside <a>"},
      {"<a><!-- x", 3, "unterminated comment"},
      {"<a><![CDATA[x", 3, "unterminated CDATA section"},
      {"<a><?pi", 3, "unterminated processing instruction"},
      {"<a b='1></a>", 5, "unterminated value of attribute b"},
      {"<a b></a>", 4, "attribute b without a value"},
      {"<a b=1></a>", 5, "attribute b without quotes"},
      {"<a>< b/></a>", 3, "a '<' that begins no tag"},
      {"<a/ >", 2, "a '/' inside the start tag <a>"},
      {"<a></a", 5, "unterminated end tag"},
  };
  for (const Case& c : cases) {
    XmlPull x(c.xml);
    EXPECT_FALSE(x.ReadToEnd()) << c.xml;
    EXPECT_EQ(x.event(), XmlPull::Event::kError) << c.xml;
    EXPECT_EQ(x.error(), c.what) << c.xml;
    EXPECT_EQ(x.error_offset(), c.offset) << c.xml;
    EXPECT_EQ(x.Next(), XmlPull::Event::kError) << c.xml;  // stays at the error
  }
}

TEST(XmlPull, TellsWhichTextsNeedConverting) {
  EXPECT_FALSE(XmlPull::NeedsConversion("<a/>"));
  EXPECT_FALSE(XmlPull::NeedsConversion("\xEF\xBB\xBF<?xml version='1.0' encoding='UTF-8'?><a/>"));
  EXPECT_FALSE(XmlPull::NeedsConversion("<?xml version=\"1.0\" encoding=\"utf8\"?><a/>"));
  EXPECT_TRUE(XmlPull::NeedsConversion(std::string("\xFF\xFE<\0a\0", 6)));
  EXPECT_TRUE(XmlPull::NeedsConversion(std::string("\0<\0a", 4)));
  EXPECT_TRUE(XmlPull::NeedsConversion("<?xml version='1.0' encoding='ISO-8859-1'?><a/>"));
}

// What pugixml reads, XmlPull reads the same.
void ExpectAsPugixml(const std::string& xml) {
  bool pugi_ok = false, pull_ok = false;
  const Strings pugi = xml_events::Pugixml(xml, &pugi_ok);
  const Strings pull = xml_events::Pull(xml, &pull_ok);
  ASSERT_TRUE(pugi_ok) << xml.substr(0, 200);
  EXPECT_TRUE(pull_ok) << xml.substr(0, 200);
  EXPECT_EQ(pull, pugi) << xml.substr(0, 200);
}

TEST(XmlPull, ReadsAsPugixmlReads) {
  for (const std::string xml : {
           "<a/>",
           "<a x='1' y=\"2\"  z = '3' ><b>t</b>u<c/>v</a>",
           "<a>\n  <b> </b>\n  <c>x<![CDATA[ y ]]>z</c>\n</a>",
           "<a>&#65;&#x42;&lt;tag&gt; &amp;amp; &unknown; &#xZZ; &</a>",
           "<a>one<!-- c -->two<?p?>three</a>",
           "<?xml version='1.0'?>\n<!DOCTYPE a>\n<a>\r\nline\r\n</a>\n",
           "<a></a><b>second root</b>",
           "<a t='x&#10;y &quot;q&quot;\r\nz'/>",
           // References XML forbids, decoded as pugixml decodes them; "&#0;" ends its text.
           "<a v='&#x41;&#0;b'>&#xD800;&#x110000;&#00065;&#4294967361;&#;&#x;&#x4g;x&#0;y</a>",
           "<w:document xmlns:w='urn:w'><w:body><w:p><w:r><w:t>中文</w:t></w:r></w:p></w:body>"
           "</w:document>",
       }) {
    ExpectAsPugixml(xml);
  }
}

TEST(XmlPull, ReadsTheWordPartsOfTheFuzzCorpusAsPugixml) {
  const std::filesystem::path dir =
      std::filesystem::path(JIXIAO_SOURCE_DIR) / "fuzz" / "corpus" / "fuzz_xml_pull";
  int read = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    SCOPED_TRACE(entry.path().filename().string());
    ExpectAsPugixml(bytes.str());
    ++read;
  }
  EXPECT_GE(read, 4);
}

}  // namespace
}  // namespace jixiao
