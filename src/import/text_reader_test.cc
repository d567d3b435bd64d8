// Tests of the text importer on the layouts of DOMAIN.md §6, written for these tests.
#include "import/text_reader.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

FlatDocument Read(const std::string& text) {
  Result<FlatDocument> r = ReadText(text, "t.txt");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : FlatDocument{};
}

std::vector<std::string> Cells(const FlatRow& row) {
  std::vector<std::string> out;
  for (const FlatCell& c : row.cells) out.push_back(c.text);
  return out;
}

TEST(TextReader, OneCellPerLineRows) {
  const FlatDocument d = Read(
      "标题一行\n"
      "\t人员情况\n\t编制数\n\t在职人数\n\n"
      "\t\n\t12\n\t11　\n\n"
      "后记一段\n");
  ASSERT_EQ(d.blocks.size(), 3u);
  EXPECT_EQ(d.blocks[0].kind, FlatBlock::Kind::kParagraph);
  EXPECT_EQ(d.blocks[0].paragraph.origin.line, 1);
  const FlatTable& t = d.blocks[1].table;
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Cells(t.rows[0]), (std::vector<std::string>{"人员情况", "编制数", "在职人数"}));
  EXPECT_EQ(Cells(t.rows[1]), (std::vector<std::string>{"", "12", "11　"}));
  EXPECT_EQ(t.rows[1].origin.line, 6);
  EXPECT_EQ(t.rows[1].cells[2].origin.line, 8);
  EXPECT_EQ(t.rows[1].cells[2].column, 2);
  EXPECT_EQ(d.blocks[2].paragraph.text, "后记一段");
}

TEST(TextReader, LinesWithoutTabContinueTheCell) {
  const FlatDocument d = Read("\t楼宇情况\n（本年完工）\n\t批复面积\n\n\t　\n\t300\n");
  const FlatTable& t = d.blocks[0].table;
  EXPECT_EQ(t.rows[0].cells[0].text, "楼宇情况\n（本年完工）");
  // A line holding only U+3000 is an empty paragraph of the cell, not a row break.
  const FlatDocument e = Read("\t效益\n（30分）\n　\n\t下一格\n");
  EXPECT_EQ(e.blocks[0].table.rows[0].cells.size(), 2u);
  EXPECT_EQ(e.blocks[0].table.rows[0].cells[0].text, "效益\n（30分）\n　");
}

TEST(TextReader, AFigureCellIsNotContinuedByProse) {
  const FlatDocument d = Read("\t总分\n\t100\n\t　96.5\n 某单位绩效自评报告\n正文第一段\n");
  ASSERT_EQ(d.blocks.size(), 3u);
  EXPECT_EQ(d.blocks[0].table.rows[0].cells[2].text, "　96.5");
  EXPECT_EQ(d.blocks[1].paragraph.text, " 某单位绩效自评报告");
  // But a number split across lines stays in its cell.
  const FlatDocument n = Read("\t满意度\n\t95.\n10%\n");
  EXPECT_EQ(n.blocks[0].table.rows[0].cells[1].text, "95.\n10%");
}

TEST(TextReader, SeveralCellsOnOneLine) {
  const FlatDocument d = Read("\t总分\t100\t98\n");
  EXPECT_EQ(Cells(d.blocks[0].table.rows[0]), (std::vector<std::string>{"总分", "100", "98"}));
}

TEST(TextReader, PipeRows) {
  const FlatDocument d =
      Read("| 项目 | 预算 | 决算 |\n|---|---|---|\n| 专项 | 10 | 9.5 |\n\n说明\n");
  ASSERT_EQ(d.blocks.size(), 2u);
  const FlatTable& t = d.blocks[0].table;
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Cells(t.rows[1]), (std::vector<std::string>{" 专项 ", " 10 ", " 9.5 "}));
}

TEST(TextReader, SpaceRunRows) {
  const FlatDocument d =
      Read("编制数    在职人数    控制率\n10    9    90%\n这是一句正常的话，  中间有两个空格。\n");
  ASSERT_EQ(d.blocks.size(), 2u);
  EXPECT_EQ(d.blocks[0].table.rows.size(), 2u);
  EXPECT_EQ(Cells(d.blocks[0].table.rows[1]), (std::vector<std::string>{"10", "9", "90%"}));
  EXPECT_EQ(d.blocks[1].kind, FlatBlock::Kind::kParagraph);
}

TEST(TextReader, BrokenRowsAreRejoined) {
  // The third row lost its tail to an empty paragraph inside a cell.
  const FlatDocument d = Read(
      "\ta\n\tb\n\tc\n\td\n\n"
      "\t1\n\t2\n\t3\n\t4\n\n"
      "\t效益\n（30分）\n\n\t5\n\t6\n\t7\n\n"
      "\t7\n\t8\n\t9\n\t10\n");
  const FlatTable& t = d.blocks[0].table;
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[2].cells.size(), 4u);
  EXPECT_EQ(t.rows[2].cells[3].text, "7");
  EXPECT_EQ(t.rows[2].cells[3].column, 3);
}

TEST(TextReader, BookmarksCrlfAndBom) {
  const FlatDocument d =
      Read("\xef\xbb\xbf[bookmark: OLE_LINK1]第一段\r\n[bookmark: a][bookmark: b]第二段\r\n");
  ASSERT_EQ(d.blocks.size(), 2u);
  EXPECT_EQ(d.blocks[0].paragraph.text, "第一段");
  EXPECT_EQ(d.blocks[1].paragraph.text, "第二段");
}

TEST(TextReader, BadInput) {
  EXPECT_EQ(ReadText("", "e.txt").status().message(), "e.txt: empty file");
  EXPECT_EQ(ReadText(std::string("ab\0cd", 5), "b.bin").status().message(),
            "b.bin: byte 2: not UTF-8 text (a NUL byte; is this a binary file?)");
  // Neither UTF-8 nor GB18030: the encoding cannot be told.
  EXPECT_EQ(ReadText("ok\xc3\x28 and \xa0", "g.txt").status().message(),
            "g.txt: byte 2: the encoding cannot be told: not UTF-8 (2 invalid sequences) and not "
            "GB18030 (invalid at byte 2); save the file as UTF-8 text (Notepad: Save As, Encoding "
            "UTF-8) and import it again");
}

// UTF-16 with a byte order mark (Notepad's "Unicode") and GB18030 are read, and say so.
TEST(TextReader, OtherEncodingsAreConverted) {
  Result<FlatDocument> d = ReadText(std::string("\xff\xfe"
                                                "a\0\n\0\t\0b\0",
                                                10),
                                    "u.txt");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->encoding, "UTF-16LE");
  ASSERT_EQ(d->blocks.size(), 2u);
  EXPECT_EQ(d->blocks[0].paragraph.text, "a");
  EXPECT_EQ(d->blocks[1].table.rows[0].cells[0].text, "b");
  // "编制数\t8" in GB18030.
  d = ReadText("\xb1\xe0\xd6\xc6\xca\xfd\n\t8\n", "gb.txt");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->encoding, "GB18030");
  EXPECT_EQ(d->blocks[0].paragraph.text, "编制数");
  EXPECT_EQ(Read("编制数\n").encoding, "UTF-8");
  EXPECT_EQ(Read("\xef\xbb\xbf编制数\n").encoding, "UTF-8 (BOM)");
}

// A cell continued by many lines, a long section and many broken rows are read in time linear
// in their length (each of these was once read again for every line).
TEST(TextReader, LongCellsAndManyBrokenRowsStayLinear) {
  std::string cell = "\t长单元格\n";
  for (int i = 0; i < 200000; ++i) cell += "续行\n";
  const FlatDocument d = Read(cell);
  ASSERT_EQ(d.blocks.size(), 1u);
  EXPECT_EQ(d.blocks[0].table.rows[0].cells[0].text.size(), 12u + 200000u * 7u);

  // 40,000 rows of four cells, each broken in two by an empty line: joined back, one pass.
  std::string rows = "\ta\n\tb\n\tc\n\td\n\n";
  for (int i = 0; i < 40000; ++i) rows += "\t1\n\t2\n\n\t3\n\t4\n\n";
  const FlatDocument r = Read(rows);
  ASSERT_EQ(r.blocks.size(), 1u);
  ASSERT_EQ(r.blocks[0].table.rows.size(), 40001u);
  EXPECT_EQ(r.blocks[0].table.rows[40000].cells.size(), 4u);
  EXPECT_EQ(r.blocks[0].table.rows[40000].cells[3].column, 3);
}

}  // namespace
}  // namespace jixiao
