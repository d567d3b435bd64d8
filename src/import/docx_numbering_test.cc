// Tests of Word list numbering labels: the number formats, the counters (levels, restarts,
// instances sharing a list, overrides), style-linked numbering, and the DOCX reader putting
// the labels in front of paragraphs.
#include "import/docx_numbering.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "import/docx_reader.h"

namespace jixiao {
namespace {

constexpr char kW[] = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

std::string NumberingXml(const std::string& body) {
  return std::string("<w:numbering ") + kW + ">" + body + "</w:numbering>";
}
std::string StylesXml(const std::string& body) {
  return std::string("<w:styles ") + kW + ">" + body + "</w:styles>";
}
std::string Level(int ilvl, const std::string& format, const std::string& text,
                  const std::string& extra = "") {
  return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) + "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" +
         format + "\"/><w:lvlText w:val=\"" + text + "\"/>" + extra + "</w:lvl>";
}

// The outline most reports use: 一、 then （一） then 1. then （1）.
const std::string kReportList =
    "<w:abstractNum w:abstractNumId=\"7\">" + Level(0, "chineseCounting", "%1、") +
    Level(1, "chineseCounting", "（%2）", "<w:suff w:val=\"nothing\"/>") +
    Level(2, "decimal", "%3.", "<w:suff w:val=\"space\"/>") +
    Level(3, "decimal", "（%4）", "<w:suff w:val=\"nothing\"/>") +
    "</w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/></w:num>";

DocxNumbering Make(const std::string& numbering, const std::string& styles = "") {
  Result<DocxNumbering> n =
      DocxNumbering::Parse("a.docx", numbering, "word/numbering.xml", styles, "word/styles.xml");
  EXPECT_TRUE(n.ok()) << n.status().message();
  return n.ok() ? std::move(n).value() : DocxNumbering();
}

ParagraphNumbering At(int num_id, int level) { return {"", num_id, level}; }
ParagraphNumbering Styled(const std::string& style) { return {style, std::nullopt, std::nullopt}; }

TEST(DocxNumberingFormat, ChineseCounting) {
  const std::vector<std::pair<int, std::string>> cases = {{1, "一"},
                                                          {9, "九"},
                                                          {10, "十"},
                                                          {11, "十一"},
                                                          {19, "十九"},
                                                          {20, "二十"},
                                                          {21, "二十一"},
                                                          {99, "九十九"},
                                                          {100, "一百"},
                                                          {101, "一百零一"},
                                                          {110, "一百一十"},
                                                          {1001, "一千零一"},
                                                          {1010, "一千零一十"},
                                                          {10000, "一万"},
                                                          {10010, "一万零一十"},
                                                          {23456, "二万三千四百五十六"}};
  for (const auto& [n, text] : cases) {
    EXPECT_EQ(DocxNumbering::Format(n, "chineseCounting"), text) << n;
  }
  EXPECT_EQ(DocxNumbering::Format(101, "chineseCountingThousand"), "一百〇一");
  EXPECT_EQ(DocxNumbering::Format(12, "taiwaneseCountingThousand"), "十二");
  EXPECT_EQ(DocxNumbering::Format(0, "chineseCounting"), "0");
  EXPECT_EQ(DocxNumbering::Format(100'000'000, "chineseCounting"), "100000000");
}

TEST(DocxNumberingFormat, LegalDigitsAndCycles) {
  EXPECT_EQ(DocxNumbering::Format(10, "chineseLegalSimplified"), "壹拾");
  EXPECT_EQ(DocxNumbering::Format(23, "chineseLegalSimplified"), "贰拾叁");
  EXPECT_EQ(DocxNumbering::Format(3, "ideographLegalTraditional"), "參");
  EXPECT_EQ(DocxNumbering::Format(2024, "ideographDigital"), "二〇二四");
  EXPECT_EQ(DocxNumbering::Format(1, "ideographTraditional"), "甲");
  EXPECT_EQ(DocxNumbering::Format(11, "ideographTraditional"), "甲");
  EXPECT_EQ(DocxNumbering::Format(12, "ideographZodiac"), "亥");
}

TEST(DocxNumberingFormat, EnclosedLettersRomanAndFallbacks) {
  EXPECT_EQ(DocxNumbering::Format(1, "decimalEnclosedCircle"), "①");
  EXPECT_EQ(DocxNumbering::Format(20, "decimalEnclosedCircleChinese"), "⑳");
  EXPECT_EQ(DocxNumbering::Format(21, "decimalEnclosedCircle"), "21");
  EXPECT_EQ(DocxNumbering::Format(3, "decimalEnclosedParen"), "⑶");
  EXPECT_EQ(DocxNumbering::Format(3, "decimalEnclosedFullstop"), "⒊");
  EXPECT_EQ(DocxNumbering::Format(2, "ideographEnclosedCircle"), "㈡");
  EXPECT_EQ(DocxNumbering::Format(12, "decimalFullWidth"), "１２");
  EXPECT_EQ(DocxNumbering::Format(5, "decimalZero"), "05");
  EXPECT_EQ(DocxNumbering::Format(27, "lowerLetter"), "aa");
  EXPECT_EQ(DocxNumbering::Format(2, "upperLetter"), "B");
  EXPECT_EQ(DocxNumbering::Format(1994, "upperRoman"), "MCMXCIV");
  EXPECT_EQ(DocxNumbering::Format(4, "lowerRoman"), "iv");
  EXPECT_EQ(DocxNumbering::Format(4000, "upperRoman"), "4000");
  EXPECT_EQ(DocxNumbering::Format(3, "ordinal"), "3");
  EXPECT_EQ(DocxNumbering::Format(3, "none"), "");
}

TEST(DocxNumbering, ReportOutlineCountsAndRestarts) {
  DocxNumbering n = Make(NumberingXml(kReportList));
  EXPECT_EQ(n.Next(At(3, 0)), "一、\t");
  EXPECT_EQ(n.Next(At(3, 1)), "（一）");
  EXPECT_EQ(n.Next(At(3, 2)), "1. ");
  EXPECT_EQ(n.Next(At(3, 3)), "（1）");
  EXPECT_EQ(n.Next(At(3, 3)), "（2）");
  EXPECT_EQ(n.Next(At(3, 2)), "2. ");
  EXPECT_EQ(n.Next(At(3, 3)), "（1）");
  EXPECT_EQ(n.Next(At(3, 1)), "（二）");
  EXPECT_EQ(n.Next(At(3, 2)), "1. ");
  EXPECT_EQ(n.Next(At(3, 0)), "二、\t");
  EXPECT_EQ(n.Next(At(3, 1)), "（一）");
  for (int i = 0; i < 9; ++i) n.Next(At(3, 0));
  EXPECT_EQ(n.Next(At(3, 0)), "十二、\t");
}

TEST(DocxNumbering, MultiLevelTextUsesEachLevelsFormatUnlessLegal) {
  DocxNumbering n = Make(
      NumberingXml("<w:abstractNum w:abstractNumId=\"1\">" + Level(0, "chineseCounting", "第%1章") +
                   Level(1, "decimal", "%1.%2") + Level(2, "decimal", "%1.%2.%3", "<w:isLgl/>") +
                   "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>"));
  EXPECT_EQ(n.Next(At(1, 0)), "第一章\t");
  EXPECT_EQ(n.Next(At(1, 1)), "一.1\t");
  EXPECT_EQ(n.Next(At(1, 2)), "1.1.1\t");
  EXPECT_EQ(n.Next(At(1, 0)), "第二章\t");
  EXPECT_EQ(n.Next(At(1, 2)), "2.1.1\t");  // level 1 not used since the restart: its start
}

TEST(DocxNumbering, InstancesOfOneListContinueUnlessOverridden) {
  DocxNumbering n = Make(NumberingXml(
      "<w:abstractNum w:abstractNumId=\"0\">" + Level(0, "decimal", "%1.") +
      "</w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
      "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>"
      "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/>"
      "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>"
      "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\">" +
      Level(0, "upperLetter", "%1)", "<w:suff w:val=\"nothing\"/>") + "</w:lvlOverride></w:num>"));
  EXPECT_EQ(n.Next(At(1, 0)), "1.\t");
  EXPECT_EQ(n.Next(At(2, 0)), "2.\t");  // same abstract list: continues
  EXPECT_EQ(n.Next(At(3, 0)), "5.\t");  // restarted at 5
  EXPECT_EQ(n.Next(At(3, 0)), "6.\t");
  EXPECT_EQ(n.Next(At(1, 0)), "3.\t");
  EXPECT_EQ(n.Next(At(4, 0)), "A)");
}

TEST(DocxNumbering, LevelRestartZeroNeverRestarts) {
  DocxNumbering n = Make(
      NumberingXml("<w:abstractNum w:abstractNumId=\"0\">" + Level(0, "decimal", "%1.") +
                   Level(1, "decimal", "(%2)", "<w:lvlRestart w:val=\"0\"/>") +
                   "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"));
  EXPECT_EQ(n.Next(At(1, 1)), "(1)\t");
  EXPECT_EQ(n.Next(At(1, 0)), "1.\t");
  EXPECT_EQ(n.Next(At(1, 1)), "(2)\t");
}

TEST(DocxNumbering, StylesCarryNumberingThroughBasedOnAndLinkedLevels) {
  const std::string numbering = NumberingXml(
      "<w:abstractNum w:abstractNumId=\"4\">" +
      Level(0, "chineseCounting", "%1、", "<w:pStyle w:val=\"1\"/><w:suff w:val=\"nothing\"/>") +
      Level(1, "chineseCounting", "（%2）", "<w:pStyle w:val=\"2\"/><w:suff w:val=\"nothing\"/>") +
      "</w:abstractNum><w:num w:numId=\"9\"><w:abstractNumId w:val=\"4\"/></w:num>");
  const std::string styles = StylesXml(
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name "
      "w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:basedOn w:val=\"a\"/>"
      "<w:pPr><w:numPr><w:numId w:val=\"9\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:basedOn w:val=\"a\"/>"
      "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"9\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"MyHeading\"><w:basedOn w:val=\"1\"/></w:style>");
  DocxNumbering n = Make(numbering, styles);
  EXPECT_EQ(n.Next(Styled("1")), "一、");
  EXPECT_EQ(n.Next(Styled("2")), "（一）");
  EXPECT_EQ(n.Next(Styled("2")), "（二）");
  EXPECT_EQ(n.Next(Styled("MyHeading")), "二、");  // inherits style 1's numbering and level
  EXPECT_EQ(n.Next(Styled("")), "");               // Normal: not numbered
  EXPECT_EQ(n.Next(ParagraphNumbering{"1", 0, std::nullopt}), "");  // numId 0 removes it
  EXPECT_EQ(n.Next(ParagraphNumbering{"a", std::nullopt, 1}), "");  // a level alone is no list
  EXPECT_EQ(n.Next(Styled("2")), "（一）");
}

// The default paragraph style (w:default="1", an attribute of w:style) numbers the paragraphs
// that name no style, as Word draws them; a style with w:default="0" is not the default.
TEST(DocxNumbering, TheDefaultParagraphStyleNumbersUnstyledParagraphs) {
  const std::string numbering = NumberingXml(
      "<w:abstractNum w:abstractNumId=\"0\">" + Level(0, "chineseCounting", "%1、") +
      "</w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>");
  const std::string styles = StylesXml(
      "<w:style w:type=\"paragraph\" w:default=\"0\" w:styleId=\"x\"/>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Body\">"
      "<w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>");
  DocxNumbering n = Make(numbering, styles);
  EXPECT_EQ(n.Next(Styled("")), "一、\t");
  EXPECT_EQ(n.Next(Styled("")), "二、\t");
  EXPECT_EQ(n.Next(Styled("x")), "");
}

TEST(DocxNumbering, NumberingStyleLinkFollowed) {
  DocxNumbering n =
      Make(NumberingXml("<w:abstractNum w:abstractNumId=\"0\"><w:styleLink w:val=\"Outline\"/>" +
                        Level(0, "chineseCounting", "%1、") +
                        "</w:abstractNum><w:abstractNum w:abstractNumId=\"1\">"
                        "<w:numStyleLink w:val=\"Outline\"/></w:abstractNum>"
                        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
                        "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"),
           StylesXml("<w:style w:type=\"numbering\" w:styleId=\"Outline\">"
                     "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"));
  EXPECT_EQ(n.Next(At(2, 0)), "一、\t");
  EXPECT_EQ(n.Next(At(1, 0)), "二、\t");  // both draw on abstract list 0
}

TEST(DocxNumbering, BulletsUndefinedListsAndOddValuesGiveNoLabel) {
  DocxNumbering n = Make(NumberingXml(
      "<w:abstractNum w:abstractNumId=\"0\">" + Level(0, "bullet", "\xEF\x82\xB7") +
      Level(1, "decimal", "") +
      "</w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
      "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"99\"/></w:num>"
      "<w:num w:numId=\"x\"><w:abstractNumId w:val=\"0\"/></w:num>"
      "<w:abstractNum w:abstractNumId=\"5\"><w:lvl w:ilvl=\"12\"/><w:lvl w:ilvl=\"-1\"/>"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"99999999999\"/><w:lvlText w:val=\"%9%1%\"/></w:lvl>"
      "</w:abstractNum><w:num w:numId=\"5\"><w:abstractNumId w:val=\"5\"/></w:num>"));
  EXPECT_EQ(n.Next(At(1, 0)), "");  // bullet
  EXPECT_EQ(n.Next(At(1, 1)), "");  // empty level text
  EXPECT_EQ(n.Next(At(1, 4)), "");  // undefined level
  EXPECT_EQ(n.Next(At(2, 0)), "");  // list without definition
  EXPECT_EQ(n.Next(At(8, 0)), "");  // no such num
  EXPECT_EQ(n.Next(At(5, 0)),
            "132767%\t");  // %9 unused: its start 1; then the start clamped to 32767
}

TEST(DocxNumbering, MalformedPartsNameThePartAndByte) {
  Result<DocxNumbering> n = DocxNumbering::Parse("a.docx", "<w:numbering><w:num></w:numbering>",
                                                 "word/numbering.xml", "", "word/styles.xml");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().message(), "a.docx: word/numbering.xml: byte 22: Start-end tags mismatch");
  n = DocxNumbering::Parse("a.docx", "", "word/numbering.xml", "<a>", "word/styles.xml");
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("a.docx: word/styles.xml: byte"), std::string::npos);
}

TEST(DocxNumbering, ReaderPutsLabelsInFrontOfParagraphsAndCells) {
  DocxNumbering n = Make(NumberingXml(kReportList));
  const std::string numbered =
      "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>";
  const std::string sub =
      "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>";
  const std::string xml = std::string("<w:document ") + kW + "><w:body>" + "<w:p>" + numbered +
                          "<w:r><w:t>基本情况</w:t></w:r></w:p>" + "<w:p>" + sub +
                          "<w:r><w:t>单位概况</w:t></w:r></w:p>" + "<w:tbl><w:tr><w:tc><w:p>" +
                          sub + "<w:r><w:t>表中</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" +
                          "<w:p><w:r><w:t>正文</w:t></w:r></w:p>" + "<w:p>" + numbered +
                          "<w:r><w:t>绩效目标</w:t></w:r></w:p>" + "</w:body></w:document>";
  Result<FlatDocument> doc = ReadDocxDocumentXmlWithNumbering(xml, "a.docx", &n);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->blocks.size(), 5u);
  EXPECT_EQ(doc->blocks[0].paragraph.text, "一、\t基本情况");
  EXPECT_EQ(doc->blocks[1].paragraph.text, "（一）单位概况");
  EXPECT_EQ(doc->blocks[2].table.rows[0].cells[0].text, "（二）表中");
  EXPECT_EQ(doc->blocks[3].paragraph.text, "正文");
  EXPECT_EQ(doc->blocks[4].paragraph.text, "二、\t绩效目标");
  // Without numbering the text is as written.
  doc = ReadDocxDocumentXml(xml, "a.docx");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->blocks[0].paragraph.text, "基本情况");
}

}  // namespace
}  // namespace jixiao
