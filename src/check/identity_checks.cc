// Checks of who, when and what sign: the unit each document names (X706), the fiscal year the
// report's titles name (X707), the report's date (C508), figures that cannot be negative
// (A105), money spent without a budget (A106) and expense rows spent above their budget (P909).
//
// The name and date readers are deliberately strict: a name or a date they cannot read says
// nothing, because a false alarm costs a reviewer more than a missed one.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "base/text.h"
#include "check/check_context.h"
#include "check/report_date.h"
#include "model/walk.h"

namespace jixiao::internal {
namespace {

// ---- text as code points ----

std::string Utf8(std::u32string_view chars) {
  std::string out;
  for (char32_t c : chars) AppendUtf8(c, &out);
  return out;
}

// Width folded (全角 digits and brackets to ASCII) and every blank removed: "零 陵 区" is 零陵区.
std::u32string Compact(std::string_view text) {
  const std::string folded = FoldWidth(text);
  std::u32string out;
  out.reserve(folded.size());
  size_t pos = 0;
  while (pos < folded.size()) {
    const char32_t c = NextCodePoint(folded, &pos);
    if (!IsBlankCodePoint(c)) out.push_back(c);
  }
  return out;
}

bool StartsWith(std::u32string_view s, std::u32string_view w) {
  return s.size() >= w.size() && s.substr(0, w.size()) == w;
}
bool EndsWith(std::u32string_view s, std::u32string_view w) {
  return s.size() >= w.size() && s.substr(s.size() - w.size()) == w;
}
bool Contains(std::u32string_view s, std::u32string_view w) {
  return s.find(w) != std::u32string_view::npos;
}

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

// ---- unit names (X706) ----

// Long forms and the short forms reviewers read as the same unit, longest first.
constexpr std::array<std::pair<std::u32string_view, std::u32string_view>, 17> kShortForms = {{
    {U"中国人民政治协商会议", U"政协"},
    {U"人民代表大会常务委员会", U"人大常委会"},
    {U"中国共产党", U"中共"},
    {U"科学技术协会", U"科协"},
    {U"文学艺术界联合会", U"文联"},
    {U"归国华侨联合会", U"侨联"},
    {U"工商业联合会", U"工商联"},
    {U"残疾人联合会", U"残联"},
    {U"妇女联合会", U"妇联"},
    {U"共产主义青年团", U"团"},
    {U"共青团", U"团"},
    {U"人民检察院", U"检察院"},
    {U"人民法院", U"法院"},
    {U"人民政府", U"政府"},
    {U"科学技术", U"科技"},
    {U"委员会", U"委"},
    {U"办公室", U"办"},
}};

// Region suffixes at the head of a name, multi-character ones first, with their level:
// 1 province, 2 prefecture, 3 county, 4 township.
struct RegionSuffix {
  std::u32string_view text;
  int level;
};
constexpr std::array<RegionSuffix, 15> kRegionSuffixes = {{
    {U"自治区", 1},
    {U"自治州", 2},
    {U"自治县", 3},
    {U"地区", 2},
    {U"新区", 3},
    {U"街道", 4},
    {U"省", 1},
    {U"市", 2},
    {U"州", 2},
    {U"盟", 2},
    {U"区", 3},
    {U"县", 3},
    {U"旗", 3},
    {U"镇", 4},
    {U"乡", 4},
}};

struct Region {
  int level = 0;
  std::u32string name;  // without its suffix; empty for a bare 区 / 县
};

// The region segment at the head of `s` ("永州市", "零陵区", a bare "区"), or nullopt. The
// segment's name has at most 8 characters, none of them a joining word. A misreading (市场监督
// 管理局 as 市 + 场监督管理局) is harmless: both names compared are read the same way.
std::optional<std::pair<Region, size_t>> LeadingRegion(std::u32string_view s) {
  for (size_t p = 0; p < s.size() && p <= 8; ++p) {
    const char32_t c = s[p];
    if (c == U'和' || c == U'与' || c == U'及' || c == U'的' || c == U'、' || c == U'(' ||
        c == U'局' || c == U'委' || c == U'办' || c == U'会') {
      return std::nullopt;
    }
    for (const RegionSuffix& r : kRegionSuffixes) {
      if (r.text[0] != c || !StartsWith(s.substr(p), r.text)) continue;
      size_t end = p + r.text.size();
      size_t name_end = p;
      if (r.text == U"州" && end < s.size() && s[end] == U'市') {  // 永州市: the city of 永州
        name_end = end;
        ++end;
      }
      if (end >= s.size()) return std::nullopt;  // nothing after it: the name is the region
      return std::make_pair(Region{r.level, std::u32string(s.substr(0, name_end))}, end);
    }
  }
  return std::nullopt;
}

// A unit name read for comparison: the canonical text, the names it may be shortened to (less
// 中共 and its leading regions, one at a time), and the regions and core of the full reading.
struct UnitName {
  std::string shown;  // as written, trimmed
  std::u32string canonical;
  std::vector<std::u32string> candidates;
  std::vector<Region> regions;
  std::u32string core;
};

// Words that never stand in a unit's name: the text is something else (a sentence, a title, a
// form's instruction).
bool NoName(std::u32string_view s) {
  static constexpr std::u32string_view kWords[] = {
      U"报告", U"年度", U"绩效", U"自评", U"预算", U"支出", U"情况", U"说明",
      U"金额", U"名称", U"填报", U"盖章", U"项目", U"万元", U"合计", U"指标"};
  for (std::u32string_view w : kWords) {
    if (Contains(s, w)) return true;
  }
  for (char32_t c : s) {
    if (c < 0x80 && c != '(' && c != ')') return true;  // digits, Latin letters, ASCII marks
    if (c == U'，' || c == U'。' || c == U'；' || c == U'、' || c == U'“' || c == U'”' ||
        c == U'《' || c == U'》' || c == U'：' || c == U'？' || c == U'！' || c == U'…') {
      return true;
    }
  }
  return false;
}

// Reads a unit name as a form or a cover writes it: "单位名称：永州市零陵区科学技术协会（盖章）".
// nullopt when it does not read as a name.
std::optional<UnitName> ReadUnitName(std::string_view written) {
  std::u32string s = Compact(written);
  // A label before a colon: 单位名称： 填报单位： 部门名称： 区级预算部门名称：
  const size_t colon = s.rfind(U':');
  if (colon != std::u32string::npos) {
    const std::u32string_view label = std::u32string_view(s).substr(0, colon);
    if (label.size() > 12 ||
        !(Contains(label, U"单位") || Contains(label, U"名称") || Contains(label, U"部门"))) {
      return std::nullopt;
    }
    s = s.substr(colon + 1);
  }
  // A seal after it: （盖章） （公章） (章) （单位盖章）
  while (!s.empty() && s.back() == U')') {
    const size_t open = s.rfind(U'(');
    if (open == std::u32string::npos || !Contains(std::u32string_view(s).substr(open), U"章")) {
      break;
    }
    s.resize(open);
  }
  for (std::u32string_view seal : {std::u32string_view(U"盖章"), std::u32string_view(U"公章")}) {
    if (EndsWith(s, seal)) s.resize(s.size() - seal.size());
  }
  if (s.size() < 2 || s.size() > 40 || NoName(s)) return std::nullopt;

  UnitName name;
  name.shown = std::string(TrimBlank(written));
  for (const auto& [long_form, short_form] : kShortForms) {
    for (size_t at = s.find(long_form); at != std::u32string::npos;
         at = s.find(long_form, at + short_form.size())) {
      s.replace(at, long_form.size(), short_form);
    }
  }
  name.canonical = s;
  // The shortenings, and the full reading of regions.
  std::u32string_view rest = s;
  name.candidates.emplace_back(rest);
  bool stripped = true;
  while (stripped && !rest.empty()) {
    stripped = false;
    for (std::u32string_view party : {std::u32string_view(U"中共"), std::u32string_view(U"政协")}) {
      if (StartsWith(rest, party) && rest.size() > party.size()) {
        rest.remove_prefix(party.size());
        name.candidates.emplace_back(rest);
        stripped = true;
      }
    }
    if (const auto region = LeadingRegion(rest)) {
      name.regions.push_back(region->first);
      rest.remove_prefix(region->second);
      name.candidates.emplace_back(rest);
      stripped = true;
    }
  }
  name.core = std::u32string(rest);
  return name;
}

// Whether `shorter` is `longer` with characters left out, starting alike (科协 of 科学技术协会,
// 住建局 of 住房和城乡建设局): how units shorten their names.
bool Abbreviates(std::u32string_view shorter, std::u32string_view longer) {
  if (shorter.size() < 2 || shorter.size() > longer.size() || shorter[0] != longer[0]) {
    return false;
  }
  size_t i = 0;
  for (char32_t c : longer) {
    if (i < shorter.size() && shorter[i] == c) ++i;
  }
  return i == shorter.size();
}

// Whether two names can be read as naming the same unit. Lenient on purpose: different only
// when no shortening of one is a shortening of the other, or when both name a region of the
// same level and the regions differ.
bool SameUnit(const UnitName& a, const UnitName& b) {
  // The same words (blanks aside) are the same reading, which names the same unit.
  if (a.shown == b.shown) return true;
  bool alike = false;
  for (const std::u32string& x : a.candidates) {
    for (const std::u32string& y : b.candidates) {
      alike = alike || x == y || Abbreviates(x, y) || Abbreviates(y, x);
    }
  }
  if (!alike) return false;
  if (a.core != b.core) return true;
  // The same unit in two regions of the same level: 冷水滩区科协 and 零陵区科协.
  for (int level = 1; level <= 4; ++level) {
    const Region* ra = nullptr;
    const Region* rb = nullptr;
    for (const Region& r : a.regions) {
      if (r.level == level && !r.name.empty()) ra = &r;
    }
    for (const Region& r : b.regions) {
      if (r.level == level && !r.name.empty()) rb = &r;
    }
    if (ra && rb && ra->name != rb->name) return false;
  }
  return true;
}

// The unit a report's title names: "2024年度零陵区科协整体支出绩效自评报告" → 零陵区科协. nullopt
// when the title is not one of a self-evaluation report or names no unit.
std::optional<UnitName> TitleUnit(std::string_view title) {
  std::u32string s = Compact(title);
  if (!EndsWith(s, U"报告")) return std::nullopt;
  size_t cut = std::u32string::npos;
  for (std::u32string_view w : {std::u32string_view(U"整体支出"), std::u32string_view(U"支出绩效"),
                                std::u32string_view(U"绩效自评"), std::u32string_view(U"绩效评价"),
                                std::u32string_view(U"自评报告")}) {
    cut = std::min(cut, s.find(w));
  }
  if (cut == std::u32string::npos) return std::nullopt;
  s.resize(cut);
  for (std::u32string_view tail : {std::u32string_view(U"(部门)"), std::u32string_view(U"部门"),
                                   std::u32string_view(U"(单位)"), std::u32string_view(U"单位")}) {
    if (EndsWith(s, tail)) s.resize(s.size() - tail.size());
  }
  if (StartsWith(s, U"关于")) s.erase(0, 2);
  // The year before or after the name: 2024年度 / 2024年
  const auto strip_year = [](std::u32string& t, bool at_start) {
    for (std::u32string_view mark : {std::u32string_view(U"年度"), std::u32string_view(U"年")}) {
      if (at_start) {
        if (t.size() >= 4 + mark.size() && IsAsciiDigit(t[0]) && IsAsciiDigit(t[1]) &&
            IsAsciiDigit(t[2]) && IsAsciiDigit(t[3]) && t.substr(4, mark.size()) == mark) {
          t.erase(0, 4 + mark.size());
          return;
        }
      } else if (EndsWith(t, mark) && t.size() >= 4 + mark.size()) {
        const size_t y = t.size() - mark.size() - 4;
        if (IsAsciiDigit(t[y]) && IsAsciiDigit(t[y + 1]) && IsAsciiDigit(t[y + 2]) &&
            IsAsciiDigit(t[y + 3])) {
          t.resize(y);
          return;
        }
      }
    }
  };
  strip_year(s, true);
  strip_year(s, false);
  if (s.empty()) return std::nullopt;
  return ReadUnitName(Utf8(s));
}

struct NamePlace {
  const char* pointer;
  const char* document;
  const char* table;
  const char* column;
  const char* zh;
  const char* en;
  std::optional<UnitName> name;
};

Location PlaceLocation(const NamePlace& p) {
  Location loc;
  loc.document = p.document;
  loc.table = p.table;
  loc.column = p.column;
  loc.pointer = p.pointer;
  return loc;
}

void CheckUnitNames(CheckContext& cx) {
  const Package& p = cx.package;
  // A project's table and report name the project and its 实施单位 or 主管部门: not one unit.
  if (p.kind == PackageKind::kProject) return;
  const bool report = Held(p.parts.report);
  const bool evaluation = Held(p.parts.evaluation);
  // The forms usually write the very same name: it is read once.
  const std::optional<UnitName> unit = ReadUnitName(p.unit.name);
  const auto read = [&](const std::string& written) {
    return written == p.unit.name ? unit : ReadUnitName(written);
  };
  std::vector<NamePlace> places = {
      {"/unit/name", "package", "", "unit_name", "单位名称", "the unit's name", unit},
      {"/report/cover/unit", "report", "cover", "unit", "报告封面的单位", "the report cover's unit",
       report ? read(p.report.cover.unit) : std::nullopt},
      {"/evaluation/unit_name", "evaluation", "", "unit_name", "自评表的单位名称",
       "the self-evaluation table's unit",
       evaluation ? read(p.evaluation.unit_name) : std::nullopt},
      {"/report/cover/title", "report", "cover", "title", "报告标题中的单位",
       "the unit in the report's title", report ? TitleUnit(p.report.cover.title) : std::nullopt},
  };
  std::erase_if(places, [](const NamePlace& n) { return !n.name; });
  if (places.size() < 2) return;
  // The reference: the name most others agree with (the first, on a tie).
  size_t reference = 0;
  int best = -1;
  for (size_t i = 0; i < places.size(); ++i) {
    int agree = 0;
    for (size_t j = 0; j < places.size(); ++j) agree += SameUnit(*places[i].name, *places[j].name);
    if (agree > best) {
      best = agree;
      reference = i;
    }
  }
  const NamePlace& ref = places[reference];
  for (size_t i = 0; i < places.size(); ++i) {
    const NamePlace& n = places[i];
    if (i == reference || SameUnit(*n.name, *ref.name)) continue;
    Diagnostic& d = cx.Add("X706", PlaceLocation(n));
    d.related.push_back(PlaceLocation(ref));
    d.reported = n.name->shown;
    d.computed = ref.name->shown;
    d.message_zh =
        fmt::format("{}“{}”与{}“{}”不是同一单位。", n.zh, n.name->shown, ref.zh, ref.name->shown);
    std::string subject = n.en;
    subject[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(subject[0])));
    d.message_en = fmt::format("{} ({}) is not the same unit as {} ({}).", subject, n.name->shown,
                               ref.en, ref.name->shown);
    d.hint_zh = "各文件应写同一单位的名称（全称或规范简称）；核对是否套用了其他单位的材料。";
    d.hint_en =
        "Every document names the same unit (in full or by its usual short name); check "
        "whether another unit's material was copied.";
  }
}

// ---- years in titles (X707) ----

int CjkDigit(char32_t c) {
  static constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
  if (c == U'零' || c == U'○' || c == U'O') return 0;
  const size_t at = kDigits.find(c);
  return at == std::u32string_view::npos ? -1 : static_cast<int>(at);
}

// The four-digit year (ASCII or 二〇二四) ending just before `at`, not part of a longer number
// or of a range (2022-2024): -1 when there is none.
int YearBefore(std::u32string_view s, size_t at) {
  if (at < 4) return -1;
  int year = 0;
  bool ascii = true, cjk = true;
  for (size_t i = at - 4; i < at; ++i) {
    ascii = ascii && IsAsciiDigit(s[i]);
    cjk = cjk && CjkDigit(s[i]) >= 0;
    year = year * 10 + (IsAsciiDigit(s[i]) ? static_cast<int>(s[i] - '0') : CjkDigit(s[i]));
  }
  if (!ascii && !cjk) return -1;
  if (at > 4) {
    const char32_t before = s[at - 5];
    if (IsAsciiDigit(before) || CjkDigit(before) >= 0 || before == '-' || before == U'—' ||
        before == U'–' || before == '~' || before == U'～' || before == U'至' || before == U'到' ||
        before == '.' || before == '/') {
      return -1;
    }
  }
  return year >= 1990 && year <= 2100 ? year : -1;
}

// The fiscal year a title names as the year evaluated: "2024年度…绩效自评报告", "2024年度部门整体
// 支出绩效情况". -1 when the title names none, or more than one, or may name another year on
// purpose: a plan, a comparison, last year's findings and their rectification.
int TitleYear(std::string_view title, bool cover) {
  // The compact title must hold 绩效, 自评 or 整体支出 below: without their first characters the
  // written one cannot (compacting only folds ASCII forms and drops blanks).
  if (!HasWord(title, "绩") && !HasWord(title, "自") && !HasWord(title, "整")) return -1;
  const std::u32string s = Compact(title);
  // A section "title" of more than a line is prose the import could not cut.
  if (!cover && s.size() > 30) return -1;
  if (!(Contains(s, U"绩效") || Contains(s, U"自评") || Contains(s, U"整体支出"))) return -1;
  for (std::u32string_view w : {U"上年", U"上一年", U"下年", U"下一年", U"明年", U"计划", U"打算",
                                U"对比", U"比较", U"同期", U"以来", U"以前", U"至今",
                                // last year's findings and what became of them
                                U"整改", U"问题", U"反馈", U"应用", U"结果"}) {
    if (Contains(s, w)) return -1;
  }
  int found = -1;
  for (size_t at = s.find(U"年度"); at != std::u32string::npos; at = s.find(U"年度", at + 2)) {
    const int year = YearBefore(s, at);
    if (year < 0) continue;
    if (found >= 0 && found != year) return -1;
    found = year;
  }
  if (found >= 0 || !cover) return found;
  // A cover title may write "2024年" at its head or before 部门整体.
  const size_t at = s.find(U"年");
  if (at == std::u32string::npos) return -1;
  const int year = YearBefore(s, at);
  if (year < 0) return -1;
  const std::u32string_view after = std::u32string_view(s).substr(at + 1);
  if (at == 4 || StartsWith(after, U"部门整体") || StartsWith(after, U"整体支出") ||
      StartsWith(after, U"单位整体")) {
    return year;
  }
  return -1;
}

void FiscalYearDiagnostic(CheckContext& cx, Location loc, std::string_view where_zh,
                          std::string_view where_en, std::string_view title, int year) {
  const int fy = cx.package.fiscal_year;
  Diagnostic& d = cx.Add("X707", std::move(loc));
  d.reported = std::to_string(year);
  d.computed = std::to_string(fy);
  d.message_zh = fmt::format("{}“{}”写的是 {} 年度，而本材料评价的是 {} 年度。", where_zh,
                             TrimBlank(title), year, fy);
  d.message_en = fmt::format("{} ({}) names the year {}, but the package evaluates {}.", where_en,
                             TrimBlank(title), year, fy);
  d.hint_zh = "核对报告标题中的年度；套用上年材料时常忘记修改。";
  d.hint_en = "Check the year in the title; it is often left over from last year's material.";
}

void CheckSectionYears(CheckContext& cx, const std::vector<ReportSection>& sections,
                       const std::string& pointer, const std::string& path) {
  for (size_t i = 0; i < sections.size(); ++i) {
    const ReportSection& s = sections[i];
    const int year = TitleYear(s.title, /*cover=*/false);
    const bool other_year = year > 0 && year != cx.package.fiscal_year;
    if (!other_year && s.subsections.empty()) continue;  // nothing to name, nothing below
    const std::string here = fmt::format("{}/{}", pointer, i);
    const std::string section = path + std::string(TrimBlank(s.number));
    if (other_year) {
      Location loc;
      loc.document = "report";
      loc.table = "sections";
      loc.section = section;
      loc.row = std::string(TrimBlank(s.title));
      loc.column = "title";
      loc.pointer = here + "/title";
      FiscalYearDiagnostic(cx, std::move(loc), fmt::format("报告第{}部分标题", section),
                           fmt::format("The title of section {}", section), s.title, year);
    }
    CheckSectionYears(cx, s.subsections, here + "/subsections", section);
  }
}

void CheckFiscalYears(CheckContext& cx) {
  const Package& p = cx.package;
  if (p.fiscal_year <= 0 || !Held(p.parts.report)) return;
  const int year = TitleYear(p.report.cover.title, /*cover=*/true);
  if (year > 0 && year != p.fiscal_year) {
    Location loc;
    loc.document = "report";
    loc.table = "cover";
    loc.column = "title";
    loc.pointer = "/report/cover/title";
    FiscalYearDiagnostic(cx, std::move(loc), "报告标题", "The report's title", p.report.cover.title,
                         year);
  }
  CheckSectionYears(cx, p.report.sections, "/report/sections", "");
}

// ---- the report's date (C508) ----

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  bool has_day = false;  // false: the date gives only year and month
};

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// A number of one or two ASCII digits, or written in Chinese (七, 十, 十二, 二十一, 三十); -1 for
// anything else. Advances *pos past it.
int SmallNumber(std::u32string_view s, size_t* pos) {
  size_t i = *pos;
  if (i < s.size() && IsAsciiDigit(s[i])) {
    int n = 0;
    size_t digits = 0;
    while (i < s.size() && IsAsciiDigit(s[i]) && digits < 3) n = n * 10 + (s[i++] - '0'), ++digits;
    if (digits > 2) return -1;
    *pos = i;
    return n;
  }
  int tens = 0, units = -1;
  if (i < s.size() && CjkDigit(s[i]) > 0 && s[i] != U'O') units = CjkDigit(s[i++]);
  if (i < s.size() && s[i] == U'十') {
    tens = units < 0 ? 1 : units;
    units = 0;
    ++i;
    if (i < s.size() && CjkDigit(s[i]) > 0 && s[i] != U'O') units = CjkDigit(s[i++]);
  }
  if (units < 0) return -1;
  *pos = i;
  return tens * 10 + units;
}

// "2025年7月10日", "2025-07-10", "2025.7.10", "2025/07/10", "二〇二五年七月十日", "2025年7月",
// with an optional label ("报告日期：") before it. nullopt when it does not read as a date (the
// month and day are not checked here).
std::optional<Date> ReadDate(std::string_view written) {
  std::u32string s = Compact(written);
  const size_t colon = s.rfind(U':');
  if (colon != std::u32string::npos) {
    const std::u32string_view label = std::u32string_view(s).substr(0, colon);
    if (label.size() > 8 || !(Contains(label, U"日期") || Contains(label, U"时间"))) {
      return std::nullopt;
    }
    s = s.substr(colon + 1);
  }
  if (s.size() < 6) return std::nullopt;
  Date d;
  d.year = YearBefore(s, 4);
  if (d.year < 0) return std::nullopt;
  size_t pos = 4;
  const char32_t sep = s[pos];
  if (sep == U'年') {
    ++pos;
    d.month = SmallNumber(s, &pos);
    if (d.month < 0 || pos >= s.size() || s[pos] != U'月') return std::nullopt;
    ++pos;
    if (pos == s.size()) return d;
    d.day = SmallNumber(s, &pos);
    d.has_day = true;
    if (d.day < 0 || pos + 1 != s.size() || (s[pos] != U'日' && s[pos] != U'号')) {
      return std::nullopt;
    }
    return d;
  }
  if (sep != '-' && sep != '.' && sep != '/') return std::nullopt;
  ++pos;
  if (pos >= s.size() || !IsAsciiDigit(s[pos])) return std::nullopt;
  d.month = SmallNumber(s, &pos);
  if (d.month < 0 || pos >= s.size() || s[pos] != sep) return std::nullopt;
  ++pos;
  if (pos >= s.size() || !IsAsciiDigit(s[pos])) return std::nullopt;
  d.day = SmallNumber(s, &pos);
  d.has_day = true;
  if (d.day < 0 || pos != s.size()) return std::nullopt;
  return d;
}

int Compare(const Date& a, int year, int month, int day) {
  if (a.year != year) return a.year < year ? -1 : 1;
  if (a.month != month) return a.month < month ? -1 : 1;
  if (!a.has_day || a.day == day) return 0;
  return a.day < day ? -1 : 1;
}

void CheckReportDate(CheckContext& cx) {
  const Package& p = cx.package;
  if (!Held(p.parts.report)) return;
  const std::optional<Date> date = ReadDate(p.report.cover.date);
  if (!date) return;
  const Rulebook& rb = cx.rulebook;
  const int fy = p.fiscal_year;
  std::string why_zh, why_en, computed;
  if (date->month < 1 || date->month > 12) {
    why_zh = fmt::format("没有{}月", date->month);
    why_en = fmt::format("there is no month {}", date->month);
  } else if (date->has_day && (date->day < 1 || date->day > DaysIn(date->year, date->month))) {
    why_zh = fmt::format("{}年{}月没有{}日", date->year, date->month, date->day);
    why_en = fmt::format("{}-{:02} has no day {}", date->year, date->month, date->day);
  } else if (fy > 0 && Compare(*date, fy, 12, 31) <= 0) {
    why_zh = fmt::format("早于 {} 年度结束（{}年12月31日之后才能自评）", fy, fy);
    why_en = fmt::format("it is not after the end of fiscal year {} ({}-12-31)", fy, fy);
    computed = fmt::format("> {}-12-31", fy);
  } else if (fy > 0 && rb.submit_from &&
             Compare(*date, fy + 1, rb.submit_from->month, rb.submit_from->day) < 0) {
    why_zh = fmt::format("早于评分规则规定的报送期（{}年{}月{}日起）", fy + 1,
                         rb.submit_from->month, rb.submit_from->day);
    why_en = fmt::format("it is before the submission window, which opens on {}-{:02}-{:02}",
                         fy + 1, rb.submit_from->month, rb.submit_from->day);
    computed = fmt::format("≥ {}-{:02}-{:02}", fy + 1, rb.submit_from->month, rb.submit_from->day);
  } else if (fy > 0 && rb.submit_until &&
             Compare(*date, fy + 1, rb.submit_until->month, rb.submit_until->day) > 0) {
    why_zh = fmt::format("晚于评分规则规定的报送期（{}年{}月{}日止）", fy + 1,
                         rb.submit_until->month, rb.submit_until->day);
    why_en = fmt::format("it is after the submission window, which closes on {}-{:02}-{:02}",
                         fy + 1, rb.submit_until->month, rb.submit_until->day);
    computed =
        fmt::format("≤ {}-{:02}-{:02}", fy + 1, rb.submit_until->month, rb.submit_until->day);
  } else {
    return;
  }
  Location loc;
  loc.document = "report";
  loc.table = "cover";
  loc.column = "date";
  loc.pointer = "/report/cover/date";
  Diagnostic& d = cx.Add("C508", std::move(loc));
  d.reported = std::string(TrimBlank(p.report.cover.date));
  d.computed = computed;
  d.message_zh = fmt::format("报告日期“{}”不合理：{}。", d.reported, why_zh);
  d.message_en = fmt::format("The report's date {} is implausible: {}.", d.reported, why_en);
  d.hint_zh = "写明报告实际完成的日期：在年度结束之后；评分规则规定了报送期的，在报送期之内。";
  d.hint_en =
      "Write the date the report was finished: after the year's end, and within the submission "
      "window if the rulebook sets one.";
}

// ---- signs (A105) ----

Location FundsCell(const std::string& pointer, const std::string& row, const char* column) {
  Location loc;
  loc.document = "evaluation";
  loc.table = "funds";
  loc.row = row;
  loc.column = column;
  loc.pointer = pointer + "/" + column;
  return loc;
}

bool IsNegative(const Cell& cell) { return cell.has_number() && cell.value.sign() < 0; }

void Negative(CheckContext& cx, const Cell& cell, Location loc, std::string_view what_zh,
              std::string_view what_en) {
  if (!cell.has_number() || cell.value.sign() >= 0) return;
  const std::string column_zh = cx.Column(loc.column, true);
  const std::string column_en = cx.Column(loc.column, false);
  Diagnostic& d = cx.Add("A105", std::move(loc));
  d.reported = cell.Display();
  d.computed = "≥0";
  d.message_zh = fmt::format("{}的{}为负数 {}，不可能为负。", what_zh, column_zh, d.reported);
  d.message_en =
      fmt::format("{}, {}: {} is negative, which it cannot be.", what_en, column_en, d.reported);
  if (d.location.table == "expenses") {
    d.hint_zh = "核对该数；减少额应体现在相应的调整行或说明中，而不是写成负数。";
    d.hint_en = "Check the figure; a reduction belongs in an adjustment row or a note, not here.";
  } else {
    d.hint_zh = "核对该数：人数、预算数、执行数、执行率、分值和得分都不能为负。";
    d.hint_en =
        "Check the figure: counts, budgets, spending, rates, weights and scores are never "
        "negative.";
  }
}

void CheckSigns(CheckContext& cx) {
  const Package& p = cx.package;
  if (Held(p.parts.basic_data)) {
    const Staffing& st = p.basic_data.staffing;
    const std::pair<const Cell*, const char*> staff[] = {{&st.authorized, "authorized"},
                                                         {&st.on_payroll, "on_payroll"},
                                                         {&st.control_rate, "control_rate"},
                                                         {&st.retired, "retired"},
                                                         {&st.total_actual, "total_actual"}};
    for (const auto& [cell, column] : staff) {
      if (!IsNegative(*cell)) continue;  // the common case: nothing to build
      Location loc;
      loc.document = "basic_data";
      loc.table = "staffing";
      loc.column = column;
      loc.pointer = std::string("/basic_data/staffing/") + column;
      Negative(cx, *cell, std::move(loc), "财政供养人员情况", "Staffing");
    }
    ForEachExpenseRow(p.basic_data.expenses, [&](const ExpenseVisit& v) {
      if (std::none_of(kExpenseColumns.begin(), kExpenseColumns.end(),
                       [&](ExpenseColumn c) { return IsNegative(v.row->at(c)); })) {
        return;
      }
      // An adjustment or a reduction may be negative.
      const std::string& label = v.row->label;
      if (v.row->key == "basic_adjustment" || HasWord(label, "调减") || HasWord(label, "调整") ||
          HasWord(label, "结余") || HasWord(label, "减少")) {
        return;
      }
      const std::string name = CleanLabel(label);
      for (ExpenseColumn c : kExpenseColumns) {
        if (!IsNegative(v.row->at(c))) continue;
        Negative(cx, v.row->at(c), ExpenseLocation(v, c), fmt::format("“{}”", name), name);
      }
    });
  }
  if (!Held(p.parts.evaluation)) return;
  const auto funds_cells = [&](const std::string& pointer, const std::string& row,
                               const Cell& initial, const Cell& full_year, const Cell& executed,
                               const Cell& weight, const Cell& rate, const Cell& score) {
    const std::pair<const Cell*, const char*> cells[] = {
        {&initial, "initial_budget"}, {&full_year, "full_year_budget"}, {&executed, "executed"},
        {&weight, "weight"},          {&rate, "execution_rate"},        {&score, "score"}};
    for (const auto& [cell, column] : cells) {
      if (!IsNegative(*cell)) continue;
      Negative(cx, *cell, FundsCell(pointer, row, column), fmt::format("资金“{}”", row),
               fmt::format("Funds {}", row));
    }
  };
  const Funds& f = p.evaluation.funds;
  funds_cells("/evaluation/funds", "年度资金总额", f.initial_budget, f.full_year_budget, f.executed,
              f.weight, f.execution_rate, f.score);
  for (size_t i = 0; i < f.rows.size(); ++i) {
    const FundsRow& r = f.rows[i];
    funds_cells(fmt::format("/evaluation/funds/rows/{}", i), std::string(TrimBlank(r.label)),
                r.initial_budget, r.full_year_budget, r.executed, r.weight, r.execution_rate,
                r.score);
  }
  ForEachIndicator(p.evaluation.indicators, [&](const IndicatorVisit& v) {
    for (const auto& [cell, column] :
         {std::pair<const Cell*, const char*>{&v.node->weight, "weight"},
          {&v.node->score, "score"}}) {
      if (!cell->has_number() || cell->value.sign() >= 0) continue;
      Location loc;
      loc.document = "evaluation";
      loc.table = "indicators";
      loc.row = v.path();
      loc.column = column;
      loc.pointer = v.pointer() + "/" + column;
      if (v.node->is_leaf()) {
        loc.row_cells = IndicatorRowCells(*v.node);
        loc.mark_cell = std::string_view(column) == "weight" ? 3 : 4;
      }
      Negative(cx, *cell, std::move(loc), fmt::format("指标“{}”", TrimBlank(v.node->name)),
               fmt::format("Indicator {}", TrimBlank(v.node->name)));
    }
  });
}

// ---- money without a budget (A106) ----

// One funds line: its budget (全年预算数, or 年初预算数 on a form without that column) is 0 or
// blank while money was executed.
void CheckBudgetedLine(CheckContext& cx, const std::string& pointer, const std::string& row,
                       const Cell& initial, const Cell& full_year, const Cell& executed) {
  if (!executed.has_number() || executed.value.sign() <= 0) return;
  const bool no_column = full_year.kind == Cell::Kind::kNotApplicable;
  const Cell& budget = no_column ? initial : full_year;
  const char* column = no_column ? "initial_budget" : "full_year_budget";
  const auto none = [](const Cell& c) {
    return c.blank() || (c.has_number() && c.value.is_zero());
  };
  bool without = budget.has_number() && budget.value.is_zero();
  // A blank full-year budget stands for the initial one when that is given.
  if (!no_column && budget.blank()) without = none(initial);
  if (!without) return;
  Location loc = FundsCell(pointer, row, column);
  Diagnostic& d = cx.Add("A106", loc);
  d.related.push_back(FundsCell(pointer, row, "executed"));
  d.reported = budget.blank() ? "" : budget.Display();
  d.computed = executed.Display();
  const std::string budget_zh = budget.blank() ? "空白" : "为 " + budget.Display();
  const std::string budget_en = budget.blank() ? "blank" : budget.Display();
  d.message_zh = fmt::format("“{}”的{}{}，但{}为 {}：有支出却没有预算，执行率无法计算。", row,
                             cx.Column(column, true), budget_zh, cx.Column("executed", true),
                             executed.Display());
  d.message_en = fmt::format(
      "{}: the {} is {} but {} was executed: money was spent without a budget, and the execution "
      "rate cannot be computed.",
      row, cx.Column(column, false), budget_en, executed.Display());
  d.hint_zh = "填写调整后的全年预算数；确无预算的支出应说明资金来源和依据。";
  d.hint_en = "Fill in the adjusted full-year budget; spending with no budget needs its basis.";
}

void CheckSpendingWithoutBudget(CheckContext& cx) {
  const Package& p = cx.package;
  if (!Held(p.parts.evaluation) || EvaluationIsPiece(p)) return;
  const Funds& f = p.evaluation.funds;
  CheckBudgetedLine(cx, "/evaluation/funds", "年度资金总额", f.initial_budget, f.full_year_budget,
                    f.executed);
  for (size_t i = 0; i < f.rows.size(); ++i) {
    const FundsRow& r = f.rows[i];
    CheckBudgetedLine(cx, fmt::format("/evaluation/funds/rows/{}", i),
                      std::string(TrimBlank(r.label)), r.initial_budget, r.full_year_budget,
                      r.executed);
  }
}

// ---- spending above budget (P909) ----

void CheckSpendingAboveBudget(CheckContext& cx) {
  const Package& p = cx.package;
  if (!Held(p.parts.basic_data)) return;
  // A form whose budget column holds nothing at all has no budgets to compare with.
  bool any_budget = false;
  ForEachExpenseRow(p.basic_data.expenses, [&](const ExpenseVisit& v) {
    any_budget = any_budget || v.row->at(ExpenseColumn::kBudget).has_number();
  });
  static constexpr std::string_view kKeys[] = {"basic",    "public_funds", "three_public",
                                               "vehicles", "overseas",     "reception",
                                               "projects", "project"};
  const Decimal hundred = Decimal::FromInt(100);
  ForEachExpenseRow(p.basic_data.expenses, [&](const ExpenseVisit& v) {
    const ExpenseRow& row = *v.row;
    if (std::find(std::begin(kKeys), std::end(kKeys), row.key) == std::end(kKeys)) return;
    const Cell& budget = row.at(ExpenseColumn::kBudget);
    const Cell& final = row.at(ExpenseColumn::kFinal);
    if (!final.has_number() || final.value.sign() <= 0) return;
    if (budget.kind == Cell::Kind::kNotApplicable || (budget.blank() && !any_budget)) return;
    // A blank subtotal whose parts have budgets is a row left unfilled (C502), not spending
    // without a budget.
    if (budget.blank()) {
      bool parts_budgeted = false;
      ForEachExpenseRow(row.children, [&](const ExpenseVisit& c) {
        parts_budgeted = parts_budgeted || c.row->at(ExpenseColumn::kBudget).has_number();
      });
      if (parts_budgeted) return;
    }
    if (budget.has_number() && budget.value.sign() < 0) return;  // A105's
    const bool no_budget = budget.blank() || budget.value.is_zero();
    const Decimal rate =
        no_budget ? Decimal()
                  : Decimal::Divide(final.value * hundred, budget.value, 2, Rounding::kHalfUp);
    if (!no_budget && !(rate > cx.rulebook.over_budget_percent)) return;
    const std::string name = CleanLabel(row.label);
    const std::string budget_zh = cx.Column("budget", true);
    const std::string final_zh = cx.Column("final", true);
    if (no_budget) {
      Diagnostic& d = cx.Add("P909", ExpenseLocation(v, ExpenseColumn::kFinal));
      d.reported = final.Display();
      d.computed = budget.blank() ? "" : budget.Display();
      d.message_zh =
          fmt::format("“{}”{}为 {}，但{}{}：支出没有预算。", name, final_zh, final.Display(),
                      budget_zh, budget.blank() ? "空白" : "为 " + budget.Display());
      d.message_en =
          fmt::format("{}: {} was spent with no budget (the {} is {}).", name, final.Display(),
                      cx.Column("budget", false), budget.blank() ? "blank" : budget.Display());
      d.hint_zh = "说明无预算支出的原因和依据，或补填预算数。";
      d.hint_en = "Explain the spending without a budget, or fill in the budget.";
      return;
    }
    Diagnostic& d = cx.Add("P909", ExpenseLocation(v, ExpenseColumn::kFinal));
    d.reported = final.Display();
    d.computed = rate.ToString() + "%";
    d.message_zh = fmt::format("“{}”{} {} 超过{} {}，预算控制率 {}%。", name, final_zh,
                               final.Display(), budget_zh, budget.Display(), rate.ToString());
    d.message_en = fmt::format("{}: the {} ({}) exceed the {} ({}): control rate {}%.", name,
                               cx.Column("final", false), final.Display(),
                               cx.Column("budget", false), budget.Display(), rate.ToString());
    d.hint_zh = "说明超预算支出的原因；超支应履行预算调整程序。";
    d.hint_en = "Explain the overspending; spending above budget needs a budget adjustment.";
  });
}

}  // namespace

void CheckIdentity(CheckContext& cx) {
  CheckUnitNames(cx);
  CheckFiscalYears(cx);
  CheckReportDate(cx);
  CheckSigns(cx);
  CheckSpendingWithoutBudget(cx);
  CheckSpendingAboveBudget(cx);
}

}  // namespace jixiao::internal

namespace jixiao {

std::optional<ReportDate> ReadReportDate(std::string_view written) {
  std::optional<internal::Date> d = internal::ReadDate(written);
  if (!d || d->month < 1 || d->month > 12) return std::nullopt;
  if (d->has_day && (d->day < 1 || d->day > internal::DaysIn(d->year, d->month)))
    return std::nullopt;
  return ReportDate{d->year, d->month, d->has_day ? d->day : 0};
}

}  // namespace jixiao
