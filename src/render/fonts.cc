// Font choice and glyph coverage through fontconfig (see fonts.h).
//
// fontconfig is opened with dlopen on the first question, not linked, so that the commands of the
// light `jixiao` binary that never choose fonts (check, score, import) do not load it with
// FreeType, expat and libpng at every start; jixiao-full has it loaded by pango already.
#include "render/fonts.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <fontconfig/fontconfig.h>

#include <cstdint>
#include <mutex>
#include <set>

#include "base/lang.h"
#include "base/text.h"

namespace jixiao {
namespace {

#define JIXIAO_FONTCONFIG_FUNCTIONS(X) \
  X(FcInit)                            \
  X(FcConfigGetCurrent)                \
  X(FcPatternCreate)                   \
  X(FcPatternAddString)                \
  X(FcConfigSubstitute)                \
  X(FcDefaultSubstitute)               \
  X(FcFontMatch)                       \
  X(FcPatternDestroy)                  \
  X(FcPatternGetString)                \
  X(FcStrCmpIgnoreCase)                \
  X(FcPatternGetCharSet)               \
  X(FcCharSetHasChar)

// The functions of fontconfig this file calls and its initialised configuration, loaded once;
// `error` says why when they are not.
struct Fontconfig {
#define JIXIAO_DECLARE(f) decltype(&::f) f = nullptr;
  JIXIAO_FONTCONFIG_FUNCTIONS(JIXIAO_DECLARE)
#undef JIXIAO_DECLARE
  FcConfig* config = nullptr;
  std::string error;
};

const Fontconfig& Lib() {
  static const Fontconfig lib = [] {
    Fontconfig fc;
    void* handle = ::dlopen(JIXIAO_FONTCONFIG_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = ::dlerror();
      fc.error = why != nullptr ? why : JIXIAO_FONTCONFIG_SONAME;
      return fc;
    }
#define JIXIAO_LOAD(f)                                                      \
  fc.f = reinterpret_cast<decltype(&::f)>(::dlsym(handle, #f));             \
  if (fc.f == nullptr) {                                                    \
    fc.error = std::string(JIXIAO_FONTCONFIG_SONAME ": no function ") + #f; \
    return fc;                                                              \
  }
    JIXIAO_FONTCONFIG_FUNCTIONS(JIXIAO_LOAD)
#undef JIXIAO_LOAD
    fc.FcInit();
    fc.config = fc.FcConfigGetCurrent();
    return fc;
  }();
  return lib;
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
  const Fontconfig& fc = Lib();
  if (!fc.error.empty()) {  // no font database: nothing counts as installed
    result.missing = DistinctCodePoints(text);
    return result;
  }
  FcConfig* config = fc.config;
  FcPattern* pattern = fc.FcPatternCreate();
  fc.FcPatternAddString(pattern, FC_FAMILY,
                        reinterpret_cast<const FcChar8*>(result.family.c_str()));
  fc.FcConfigSubstitute(config, pattern, FcMatchPattern);
  fc.FcDefaultSubstitute(pattern);
  FcResult match_result = FcResultNoMatch;
  FcPattern* match = fc.FcFontMatch(config, pattern, &match_result);
  fc.FcPatternDestroy(pattern);
  if (match == nullptr) {
    result.missing = DistinctCodePoints(text);
    return result;
  }
  // Installed only when one of the matched font's family names is the one asked for.
  FcChar8* name = nullptr;
  for (int i = 0; fc.FcPatternGetString(match, FC_FAMILY, i, &name) == FcResultMatch; ++i) {
    if (fc.FcStrCmpIgnoreCase(name, reinterpret_cast<const FcChar8*>(result.family.c_str())) == 0) {
      result.installed = true;
      break;
    }
  }
  FcCharSet* charset = nullptr;
  if (!result.installed ||
      fc.FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) != FcResultMatch) {
    result.missing = DistinctCodePoints(text);
  } else {
    for (char32_t c : DistinctCodePoints(text)) {
      if (!fc.FcCharSetHasChar(charset, static_cast<FcChar32>(c))) result.missing.push_back(c);
    }
  }
  fc.FcPatternDestroy(match);
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

std::string WhereCharacterOccurs(const RenderDocument& doc, char32_t c) {
  std::string needle;
  AppendUtf8(c, &needle);
  // "…前后各几个字…" around the first occurrence.
  auto context = [&](const std::string& text) {
    const size_t at = text.find(needle);
    size_t begin = at, end = at + needle.size();
    for (int n = 0; n < 8 && begin > 0; ++n) {
      do --begin;
      while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80);
    }
    for (int n = 0; n < 8 && end < text.size(); ++n) {
      size_t i = end;
      NextCodePoint(text, &i);
      end = i;
    }
    std::string shown = text.substr(begin, end - begin);
    for (char& ch : shown) {
      if (ch == '\n') ch = ' ';
    }
    return TrF("“{}”", "\"{}\"", shown);
  };
  for (const std::string& line : doc.cover.title_lines) {
    if (line.find(needle) != std::string::npos)
      return TrF("封面标题 {}", "the cover title {}", context(line));
  }
  for (const std::string& line : doc.cover.details) {
    if (line.find(needle) != std::string::npos)
      return TrF("封面 {}", "the cover {}", context(line));
  }
  std::string heading;
  int paragraph = 0;
  for (const Block& b : doc.body) {
    if (b.kind == Block::Kind::kHeading) {
      heading = b.text;
      paragraph = 0;
      if (b.text.find(needle) != std::string::npos) {
        return TrF("报告标题 {}", "the report heading {}", context(b.text));
      }
    } else if (b.kind == Block::Kind::kParagraph) {
      ++paragraph;
      if (b.text.find(needle) != std::string::npos) {
        return heading.empty()
                   ? TrF("报告正文第 {} 段 {}", "paragraph {} of the report, {}", paragraph,
                         context(b.text))
                   : TrF("报告“{}”下第 {} 段 {}", "paragraph {1} under \"{0}\" of the report, {2}",
                         heading, paragraph, context(b.text));
      }
    }
  }
  for (const RenderTable& table : doc.tables) {
    const std::string name = table.title.empty() ? table.sheet_name : table.title;
    if (table.title.find(needle) != std::string::npos ||
        table.subtitle.find(needle) != std::string::npos) {
      return TrF("表“{}”的标题", "the title of table \"{}\"", name);
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const auto& cells = table.rows[r].cells;
      for (size_t k = 0; k < cells.size(); ++k) {
        if (cells[k].text.find(needle) != std::string::npos) {
          return TrF("表“{}”第 {} 行第 {} 列 {}", "table \"{}\", row {}, column {}, {}", name,
                     r + 1, k + 1, context(cells[k].text));
        }
      }
    }
  }
  return std::string(Tr("文档中", "the document"));
}

Status ResolveFonts(RenderDocument* doc) {
  const RoleTexts texts = CollectRoleTexts(*doc);
  struct RoleRef {
    const char* zh;
    const char* en;
    FontRole* role;
    const std::string* text;
  };
  DocumentFonts& f = doc->fonts;
  const RoleRef roles[] = {
      {"标题", "title", &f.title, &texts.title},
      {"一级标题", "heading1", &f.heading1, &texts.heading1},
      {"二级标题", "heading2", &f.heading2, &texts.heading2},
      {"正文", "body", &f.body, &texts.body},
      {"表格", "table", &f.table, &texts.table},
      {"表头", "table_header", &f.table_header, &texts.table_header},
  };
  std::string problems;
  for (const RoleRef& r : roles) {
    r.role->family.clear();
    std::string tried;
    std::vector<char32_t> missing;  // what the last installed candidate lacks
    for (const std::string& candidate : r.role->families) {
      const GlyphCoverage c = CheckGlyphs(candidate, *r.text);
      if (c.installed && c.missing.empty()) {
        r.role->family = candidate;
        break;
      }
      tried += std::string(Tr("；", "; ")) + candidate + std::string(Tr("：", ": "));
      if (!c.installed) {
        tried += std::string(Tr("未安装", "not installed"));
        continue;
      }
      tried += std::string(Tr("缺", "missing"));
      for (size_t i = 0; i < c.missing.size() && i < 40; ++i) tried += " " + Describe(c.missing[i]);
      if (c.missing.size() > 40) tried += " …";
      if (missing.empty() || c.missing.size() < missing.size()) missing = c.missing;
    }
    if (!r.role->family.empty()) continue;
    if (!problems.empty()) problems += "\n";
    problems += MessagesInChinese()
                    ? fmt::format("{}（{}）：没有一种已安装的字体含有全部字符", r.zh, r.en)
                    : fmt::format("{}: no installed font has every character", r.en);
    problems += r.role->families.empty()
                    ? std::string(Tr("；版式没有列出候选字体", "; no candidate fonts listed"))
                    : tried;
    for (size_t i = 0; i < missing.size() && i < 5; ++i) {
      problems += TrF("\n  {} 出现在{}", "\n  {} occurs in {}", Describe(missing[i]),
                      WhereCharacterOccurs(*doc, missing[i]));
    }
    if (!missing.empty()) {
      problems += std::string(Tr(
          "\n  办法：安装含有这些字符的字体，并在版式文件（--form）该角色的 fonts 中列出；"
          "或在数据包中把这些字符改为常用字（私用区字符多来自复制粘贴或专用输入法）。",
          "\n  What to do: install a font that has these characters and list it under this "
          "role's fonts in the form (--form); or replace the characters in the package with common "
          "ones (private-use characters usually come from copying and pasting or a special input "
          "method)."));
    }
  }
  if (!problems.empty() && !Lib().error.empty()) {
    problems +=
        TrF("\n（无法载入 fontconfig：{}）", "\n(fontconfig could not be loaded: {})", Lib().error);
  }
  if (!problems.empty()) return Status::InvalidArgument(problems);
  return Status::Ok();
}

}  // namespace jixiao
