// Font choice and glyph coverage through fontconfig (see fonts.h).
#include "render/fonts.h"

#include <fmt/format.h>
#include <fontconfig/fontconfig.h>

#include <cstdint>
#include <mutex>
#include <set>

#include "base/text.h"

namespace jixiao {
namespace {

FcConfig* Config() {
  static FcConfig* config = [] {
    FcInit();
    return FcConfigGetCurrent();
  }();
  return config;
}

// fontconfig's configuration is not documented as safe for concurrent queries.
std::mutex& FontconfigMutex() {
  static std::mutex m;
  return m;
}

std::vector<char32_t> DistinctCodePoints(std::string_view text) {
  std::vector<char32_t> out;
  std::set<char32_t> seen;
  size_t i = 0;
  while (i < text.size()) {
    const char32_t c = NextCodePoint(text, &i);
    if (c <= 0x20 || c == 0x7F || c == 0x3000 || (c >= 0x80 && c < 0xA0)) continue;
    if (seen.insert(c).second) out.push_back(c);
  }
  return out;
}

std::string Describe(char32_t c) {
  std::string s = fmt::format("U+{:04X} ", static_cast<uint32_t>(c));
  AppendUtf8(c, &s);
  return s;
}

}  // namespace

GlyphCoverage CheckGlyphs(std::string_view family, std::string_view text) {
  GlyphCoverage result;
  result.family = std::string(family);
  std::lock_guard<std::mutex> lock(FontconfigMutex());
  FcConfig* config = Config();
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(result.family.c_str()));
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult match_result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(config, pattern, &match_result);
  FcPatternDestroy(pattern);
  if (match == nullptr) {
    result.missing = DistinctCodePoints(text);
    return result;
  }
  // Installed only when one of the matched font's family names is the one asked for.
  FcChar8* name = nullptr;
  for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &name) == FcResultMatch; ++i) {
    if (FcStrCmpIgnoreCase(name, reinterpret_cast<const FcChar8*>(result.family.c_str())) == 0) {
      result.installed = true;
      break;
    }
  }
  FcCharSet* charset = nullptr;
  if (!result.installed || FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) != FcResultMatch) {
    result.missing = DistinctCodePoints(text);
  } else {
    for (char32_t c : DistinctCodePoints(text)) {
      if (!FcCharSetHasChar(charset, static_cast<FcChar32>(c))) result.missing.push_back(c);
    }
  }
  FcPatternDestroy(match);
  return result;
}

RoleTexts CollectRoleTexts(const RenderDocument& doc) {
  RoleTexts t;
  t.title = doc.title + "\n";
  for (const std::string& line : doc.cover.title_lines) t.title += line + "\n";
  for (const std::string& line : doc.cover.details) t.body += line + "\n";
  for (const Block& b : doc.body) {
    if (b.kind == Block::Kind::kHeading) {
      (b.level <= 1 ? t.heading1 : b.level == 2 ? t.heading2 : t.body) += b.text + "\n";
    } else if (b.kind == Block::Kind::kParagraph) {
      t.body += b.text + "\n";
    }
  }
  for (const RenderTable& table : doc.tables) {
    t.table += table.title + "\n" + table.subtitle + "\n";
    for (const TableRow& row : table.rows) {
      for (const TableCell& cell : row.cells) {
        (cell.header ? t.table_header : t.table) += cell.text + "\n";
      }
    }
  }
  return t;
}

Status ResolveFonts(RenderDocument* doc) {
  const RoleTexts texts = CollectRoleTexts(*doc);
  struct RoleRef {
    const char* name;
    FontRole* role;
    const std::string* text;
  };
  DocumentFonts& f = doc->fonts;
  const RoleRef roles[] = {
      {"title (标题)", &f.title, &texts.title},
      {"heading1 (一级标题)", &f.heading1, &texts.heading1},
      {"heading2 (二级标题)", &f.heading2, &texts.heading2},
      {"body (正文)", &f.body, &texts.body},
      {"table (表格)", &f.table, &texts.table},
      {"table_header (表头)", &f.table_header, &texts.table_header},
  };
  std::string problems;
  for (const RoleRef& r : roles) {
    r.role->family.clear();
    std::string tried;
    for (const std::string& candidate : r.role->families) {
      const GlyphCoverage c = CheckGlyphs(candidate, *r.text);
      if (c.installed && c.missing.empty()) {
        r.role->family = candidate;
        break;
      }
      tried += "; " + candidate + ": ";
      if (!c.installed) {
        tried += "not installed";
        continue;
      }
      tried += "missing";
      for (size_t i = 0; i < c.missing.size() && i < 40; ++i) tried += " " + Describe(c.missing[i]);
      if (c.missing.size() > 40) tried += " …";
    }
    if (r.role->family.empty()) {
      if (!problems.empty()) problems += "\n";
      problems += std::string(r.name) + ": no installed font has every character" +
                  (r.role->families.empty() ? std::string("; no candidate fonts listed") : tried);
    }
  }
  if (!problems.empty()) return Status::InvalidArgument(problems);
  return Status::Ok();
}

}  // namespace jixiao
