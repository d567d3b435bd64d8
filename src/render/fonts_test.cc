// Tests of font choice and glyph coverage against the fonts installed here (fontconfig).
// fonts-noto-cjk is a build dependency, so Noto Serif/Sans CJK SC are expected; the tests skip
// with the reason where it is absent.
#include "render/fonts.h"

#include "base/lang.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

constexpr const char* kSerif = "Noto Serif CJK SC";

bool NotoInstalled() { return CheckGlyphs(kSerif, "").installed; }

TEST(Fonts, InstalledFamilyCoversChineseAndDigits) {
  if (!NotoInstalled()) GTEST_SKIP() << "Noto Serif CJK SC is not installed (fonts-noto-cjk)";
  const GlyphCoverage c = CheckGlyphs(kSerif, "零陵区科学技术协会 2024年度 98.25% ≧8次 ——");
  EXPECT_TRUE(c.installed);
  EXPECT_TRUE(c.missing.empty());
}

TEST(Fonts, ReportsEachMissingCharacterOnce) {
  if (!NotoInstalled()) GTEST_SKIP() << "Noto Serif CJK SC is not installed (fonts-noto-cjk)";
  // U+E000 and U+F8FF are private-use code points no font of ours maps.
  const GlyphCoverage c = CheckGlyphs(kSerif, "科\uE000协\uE000\uF8FF");
  ASSERT_EQ(c.missing.size(), 2u);
  EXPECT_EQ(c.missing[0], U'\uE000');
  EXPECT_EQ(c.missing[1], U'\uF8FF');
}

TEST(Fonts, SubstitutedFamilyIsNotInstalled) {
  const GlyphCoverage c = CheckGlyphs("No Such Family Jixiao", "科协");
  EXPECT_FALSE(c.installed);
  EXPECT_EQ(c.missing.size(), 2u);
}

Block Text(Block::Kind kind, std::string text, int level = 0) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  b.level = level;
  return b;
}

TableRow Row(std::string text, bool header) {
  TableCell cell;
  cell.text = std::move(text);
  cell.header = header;
  TableRow row;
  row.cells.push_back(cell);
  return row;
}

RenderDocument SmallDocument() {
  RenderDocument doc;
  doc.title = "2024年度部门整体支出绩效自评报告";
  doc.cover.title_lines = {"永州市零陵区科学技术协会"};
  doc.body.push_back(Text(Block::Kind::kHeading, "一、基本情况", 1));
  doc.body.push_back(Text(Block::Kind::kParagraph, "本年支出124.88万元。"));
  RenderTable t;
  t.rows.push_back(Row("项目", true));
  t.rows.push_back(Row("98.25%", false));
  doc.tables.push_back(t);
  const std::vector<std::string> chain = {"No Such Family Jixiao", kSerif};
  for (FontRole* r : {&doc.fonts.title, &doc.fonts.heading1, &doc.fonts.heading2, &doc.fonts.body,
                      &doc.fonts.table, &doc.fonts.table_header}) {
    r->families = chain;
  }
  return doc;
}

TEST(Fonts, ResolveSkipsAbsentCandidates) {
  if (!NotoInstalled()) GTEST_SKIP() << "Noto Serif CJK SC is not installed (fonts-noto-cjk)";
  RenderDocument doc = SmallDocument();
  ASSERT_TRUE(ResolveFonts(&doc).ok());
  EXPECT_EQ(doc.fonts.body.family, kSerif);
  EXPECT_EQ(doc.fonts.table_header.chosen(), kSerif);
}

TEST(Fonts, ResolveFailsWithTheMissingCharacters) {
  if (!NotoInstalled()) GTEST_SKIP() << "Noto Serif CJK SC is not installed (fonts-noto-cjk)";
  RenderDocument doc = SmallDocument();
  doc.body.push_back(Text(Block::Kind::kParagraph, "自造字\uE000"));
  const Status s = ResolveFonts(&doc);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            "body: no installed font has every character; No Such Family Jixiao: not "
            "installed; Noto Serif CJK SC: missing U+E000 \uE000\n"
            "  U+E000 \uE000 occurs in paragraph 2 under \"一、基本情况\" of the report, "
            "\"自造字\uE000\"\n"
            "  What to do: install a font that has these characters and list it under this role's "
            "fonts in the form (--form); or replace the characters in the package with common ones "
            "(private-use characters usually come from copying and pasting or a special input "
            "method).");
  {
    ScopedMessageLanguage zh(Lang::kZh);
    RenderDocument again = SmallDocument();
    again.body.push_back(Text(Block::Kind::kParagraph, "自造字\uE000"));
    const std::string m = ResolveFonts(&again).message();
    EXPECT_EQ(m.rfind("正文（body）：没有一种已安装的字体含有全部字符；No Such Family Jixiao：未安装；"
                      "Noto Serif CJK SC：缺 U+E000 \uE000\n  U+E000 \uE000 出现在报告“一、基本情况”下第 2 段 "
                      "“自造字\uE000”\n  办法：",
                      0),
              0u)
        << m;
  }
  EXPECT_EQ(doc.fonts.title.family, kSerif);  // the other roles are still resolved
  EXPECT_TRUE(doc.fonts.body.family.empty());
}

TEST(Fonts, RoleTextsFollowTheBlocks) {
  const RoleTexts t = CollectRoleTexts(SmallDocument());
  EXPECT_NE(t.heading1.find("一、基本情况"), std::string::npos);
  EXPECT_NE(t.body.find("124.88"), std::string::npos);
  EXPECT_NE(t.table_header.find("项目"), std::string::npos);
  EXPECT_NE(t.table.find("98.25%"), std::string::npos);
  EXPECT_EQ(t.body.find("项目"), std::string::npos);
}

}  // namespace
}  // namespace jixiao
