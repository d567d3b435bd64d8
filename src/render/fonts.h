// Fonts: choosing, for every typographic role of a RenderDocument, a font that is installed on
// this machine and has a glyph for every character that role prints — the check that runs
// before a PDF is made, so that a missing glyph fails with the list of characters instead of
// printing empty boxes. Uses fontconfig (the font database LibreOffice and cairo use too).
//
// A form lists candidates per role in order of preference (方正小标宋简体, 宋体, …, Noto Serif
// CJK SC); the first installed candidate that covers the role's text wins. A candidate counts as
// installed only when fontconfig's best match for it *is* that family (fontconfig otherwise
// silently substitutes another font).
//
// Thread-safety: fontconfig's default configuration is initialised once, on first use; calls
// may come from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "render/document.h"

namespace jixiao {

// What one family lacks for a text.
struct GlyphCoverage {
  std::string family;
  bool installed = false;
  std::vector<char32_t> missing;  // distinct code points without a glyph, in text order
};

// Checks `family` against the distinct characters of `text` (spaces and control characters are
// not checked).
GlyphCoverage CheckGlyphs(std::string_view family, std::string_view text);

// The characters each role prints: cover and title → title; headings by level; paragraphs →
// body; table header cells → table_header; other cells and table titles → table.
struct RoleTexts {
  std::string title, heading1, heading2, body, table, table_header;
};
RoleTexts CollectRoleTexts(const RenderDocument& doc);

// Sets FontRole::family of every role of doc.fonts to its first installed candidate with every
// glyph. Fails with InvalidArgument when no candidate of a role covers its text; the message
// names the role, the candidates tried and the missing characters (as "U+XXXX 字" pairs, at most
// 40), e.g. "body (正文): no installed font has every character; 仿宋_GB2312: not installed;
// Noto Serif CJK SC: missing U+2FF0 ⿰".
// Then, for each character the best installed candidate lacks (at most five), where it first
// occurs ("报告“一、基本情况”下第 2 段 “…”" / "table "自评表", row 5, column 2, "…""), and what to
// do. Messages are in the language in force (base/lang.h).
Status ResolveFonts(RenderDocument* doc);

// Where `c` first occurs in the document, for people: the cover, a heading, a paragraph under a
// heading, or a table cell by row and column, with a few characters around it.
std::string WhereCharacterOccurs(const RenderDocument& doc, char32_t c);

}  // namespace jixiao
