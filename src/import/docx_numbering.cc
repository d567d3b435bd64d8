// Word's list numbering labels: numbering.xml and styles.xml read, counters kept as Word keeps
// them. See docx_numbering.h.
#include "import/docx_numbering.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <initializer_list>
#include <pugixml.hpp>
#include <string_view>
#include <utility>

#include "base/lang.h"
#include "base/text.h"
#include "import/xml_error.h"

namespace jixiao {
namespace {

constexpr int kMaxChain = 16;  // w:basedOn and w:numStyleLink steps followed
constexpr int kMaxStart = 32767;

std::string_view Local(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The attribute whose local name is `local`, or nullptr.
const char* Attr(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (Local(a.name()) == local) return a.value();
  }
  return nullptr;
}

// The first element child with local name `local`.
pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && Local(c.name()) == local) return c;
  }
  return {};
}

std::optional<int64_t> Integer(const char* text) {
  if (text == nullptr) return std::nullopt;
  const char* end = text + std::strlen(text);
  while (text < end && *text == ' ') ++text;
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text, end, value);
  if (ptr == text) return std::nullopt;
  if (ec == std::errc::result_out_of_range) return *text == '-' ? INT32_MIN : INT32_MAX;
  return std::clamp<int64_t>(value, INT32_MIN, INT32_MAX);
}

// The w:val of child `local` as an integer in [lo, hi], or nullopt when absent or unreadable.
std::optional<int> ChildInt(pugi::xml_node node, std::string_view local, int lo, int hi) {
  const pugi::xml_node c = Child(node, local);
  if (!c) return std::nullopt;
  const std::optional<int64_t> v = Integer(Attr(c, "val"));
  if (!v) return std::nullopt;
  return static_cast<int>(std::clamp<int64_t>(*v, lo, hi));
}

std::string ChildVal(pugi::xml_node node, std::string_view local) {
  const pugi::xml_node c = Child(node, local);
  const char* v = c ? Attr(c, "val") : nullptr;
  return v == nullptr ? std::string() : std::string(v);
}

// An on/off property (w:isLgl, w:isLgl w:val="0").
bool ChildOn(pugi::xml_node node, std::string_view local) {
  const pugi::xml_node c = Child(node, local);
  if (!c) return false;
  const char* v = Attr(c, "val");
  if (v == nullptr) return true;
  const std::string_view s(v);
  return !(s == "0" || s == "false" || s == "off");
}

// An on/off attribute (w:default="1"); absent is off.
bool AttrOn(pugi::xml_node node, std::string_view local) {
  const char* v = Attr(node, local);
  if (v == nullptr) return false;
  const std::string_view s(v);
  return !(s == "0" || s == "false" || s == "off");
}

Status Load(const std::string& file, const std::string& part, std::string* xml,
            pugi::xml_document* doc) {
  if (xml->empty()) return Status::Ok();
  const pugi::xml_parse_result parsed =
      doc->load_buffer_inplace(xml->data(), xml->size(), pugi::parse_default);
  if (!parsed) {
    return Status::Corruption(TrF("{}：{}：第 {} 字节：{}", "{}: {}: byte {}: {}", file, part,
                                  parsed.offset, XmlErrorText(parsed)));
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Number formats.

constexpr std::array<std::string_view, 10> kChineseDigits = {"〇", "一", "二", "三", "四",
                                                             "五", "六", "七", "八", "九"};
constexpr std::array<std::string_view, 10> kLegalDigits = {"零", "壹", "贰", "叁", "肆",
                                                           "伍", "陆", "柒", "捌", "玖"};
constexpr std::array<std::string_view, 10> kLegalTraditionalDigits = {"零", "壹", "貳", "參", "肆",
                                                                      "伍", "陸", "柒", "捌", "玖"};

struct NumeralSet {
  const std::array<std::string_view, 10>* digits;
  std::string_view zero;                  // written for a run of zeros inside the number
  std::array<std::string_view, 3> units;  // 十 百 千
  std::string_view ten_thousand;          // 万
  bool bare_ten;                          // 10–19 written 十, 十一 (not 一十)
};

const NumeralSet kCounting{&kChineseDigits, "零", {"十", "百", "千"}, "万", true};
const NumeralSet kCountingThousand{&kChineseDigits, "〇", {"十", "百", "千"}, "万", true};
const NumeralSet kLegal{&kLegalDigits, "零", {"拾", "佰", "仟"}, "万", false};
const NumeralSet kLegalTraditional{&kLegalTraditionalDigits, "零", {"拾", "佰", "仟"}, "萬", false};

// 0 < n < 10000 in the set's numerals; `leading` says whether it starts the whole number
// (where 10–19 may drop the 一).
std::string FourDigits(int n, const NumeralSet& set, bool leading) {
  std::string out;
  bool zero_pending = false;
  bool written = false;
  for (int place = 3; place >= 0; --place) {
    int power = 1;
    for (int i = 0; i < place; ++i) power *= 10;
    const int d = (n / power) % 10;
    if (d == 0) {
      zero_pending = written;
      continue;
    }
    if (zero_pending) out += set.zero;
    zero_pending = false;
    const bool bare = set.bare_ten && leading && !written && place == 1 && d == 1;
    if (!bare) out += (*set.digits)[d];
    if (place > 0) out += set.units[place - 1];
    written = true;
  }
  return out;
}

std::string Chinese(int64_t n, const NumeralSet& set) {
  if (n <= 0 || n >= 100'000'000) return std::to_string(n);
  const int high = static_cast<int>(n / 10000);
  const int low = static_cast<int>(n % 10000);
  if (high == 0) return FourDigits(low, set, true);
  std::string out = FourDigits(high, set, true);
  out += set.ten_thousand;
  if (low > 0) {
    if (low < 1000) out += set.zero;
    out += FourDigits(low, set, false);
  }
  return out;
}

std::string Digits(int64_t n, const std::array<std::string_view, 10>& digits) {
  std::string out;
  for (char c : std::to_string(n)) {
    if (c >= '0' && c <= '9') out += digits[static_cast<size_t>(c - '0')];
  }
  return out;
}

std::string Cycle(int64_t n, std::initializer_list<std::string_view> symbols) {
  if (n <= 0) return std::to_string(n);
  const auto count = static_cast<int64_t>(symbols.size());
  return std::string(*(symbols.begin() + (n - 1) % count));
}

std::string Enclosed(int64_t n, char32_t first, int64_t last) {
  if (n < 1 || n > last) return std::to_string(n);
  std::string out;
  AppendUtf8(first + static_cast<char32_t>(n - 1), &out);
  return out;
}

std::string Letters(int64_t n, char first) {
  if (n <= 0 || n > 26 * 1000) return std::to_string(n);
  return std::string(static_cast<size_t>((n - 1) / 26 + 1),
                     static_cast<char>(first + (n - 1) % 26));
}

std::string Roman(int64_t n, bool upper) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static constexpr std::pair<int, std::string_view> kParts[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& [value, text] : kParts) {
    while (n >= value) {
      out += text;
      n -= value;
    }
  }
  if (upper) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

std::string DocxNumbering::Format(int64_t n, const std::string& format) {
  if (format == "decimal" || format.empty()) return std::to_string(n);
  if (format == "decimalZero")
    return n >= 0 && n < 10 ? "0" + std::to_string(n) : std::to_string(n);
  if (format == "decimalFullWidth" || format == "decimalFullWidth2") {
    static constexpr std::array<std::string_view, 10> kFull = {"０", "１", "２", "３", "４",
                                                               "５", "６", "７", "８", "９"};
    return n < 0 ? std::to_string(n) : Digits(n, kFull);
  }
  if (format == "decimalEnclosedCircle" || format == "decimalEnclosedCircleChinese") {
    return Enclosed(n, U'\u2460', 20);
  }
  if (format == "decimalEnclosedParen") return Enclosed(n, U'\u2474', 20);
  if (format == "decimalEnclosedFullstop") return Enclosed(n, U'\u2488', 20);
  if (format == "ideographEnclosedCircle") return Enclosed(n, U'\u3220', 10);
  if (format == "chineseCounting" || format == "taiwaneseCounting" ||
      format == "japaneseCounting") {
    return Chinese(n, kCounting);
  }
  if (format == "chineseCountingThousand" || format == "taiwaneseCountingThousand") {
    return Chinese(n, kCountingThousand);
  }
  if (format == "chineseLegalSimplified") return Chinese(n, kLegal);
  if (format == "ideographLegalTraditional") return Chinese(n, kLegalTraditional);
  if (format == "ideographDigital" || format == "taiwaneseDigital" ||
      format == "japaneseDigitalTenThousand") {
    return n < 0 ? std::to_string(n) : Digits(n, kChineseDigits);
  }
  if (format == "ideographTraditional") {
    return Cycle(n, {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"});
  }
  if (format == "ideographZodiac") {
    return Cycle(n, {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"});
  }
  if (format == "lowerLetter") return Letters(n, 'a');
  if (format == "upperLetter") return Letters(n, 'A');
  if (format == "lowerRoman") return Roman(n, false);
  if (format == "upperRoman") return Roman(n, true);
  if (format == "none") return "";
  return std::to_string(n);
}

Result<DocxNumbering> DocxNumbering::Parse(const std::string& file, std::string numbering_xml,
                                           const std::string& numbering_part,
                                           std::string styles_xml, const std::string& styles_part) {
  pugi::xml_document numbering_doc;
  pugi::xml_document styles_doc;
  if (Status s = Load(file, numbering_part, &numbering_xml, &numbering_doc); !s.ok()) return s;
  if (Status s = Load(file, styles_part, &styles_xml, &styles_doc); !s.ok()) return s;

  DocxNumbering out;
  const auto read_level = [](pugi::xml_node lvl, Level* level) {
    level->defined = true;
    level->start = ChildInt(lvl, "start", 0, kMaxStart).value_or(1);
    const std::string format = ChildVal(lvl, "numFmt");
    if (!format.empty()) level->format = format;
    level->text = ChildVal(lvl, "lvlText");
    level->legal = ChildOn(lvl, "isLgl");
    level->restart = ChildInt(lvl, "lvlRestart", 0, kLevels).value_or(-1);
    const std::string suffix = ChildVal(lvl, "suff");
    level->suffix = suffix == "space" ? " " : suffix == "nothing" ? "" : "\t";
    level->style = ChildVal(lvl, "pStyle");
  };
  const auto level_index = [](pugi::xml_node lvl) -> std::optional<int> {
    const std::optional<int64_t> i = Integer(Attr(lvl, "ilvl"));
    if (!i || *i < 0 || *i >= kLevels) return std::nullopt;
    return static_cast<int>(*i);
  };

  for (pugi::xml_node n = numbering_doc.document_element().first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element) continue;
    const std::string_view name = Local(n.name());
    if (name == "abstractNum") {
      const std::optional<int64_t> id = Integer(Attr(n, "abstractNumId"));
      if (!id) continue;
      Abstract& a = out.abstracts_[static_cast<int>(*id)];
      a = Abstract{};
      a.num_style_link = ChildVal(n, "numStyleLink");
      for (pugi::xml_node lvl = n.first_child(); lvl; lvl = lvl.next_sibling()) {
        if (lvl.type() != pugi::node_element || Local(lvl.name()) != "lvl") continue;
        if (const std::optional<int> i = level_index(lvl)) read_level(lvl, &a.levels[*i]);
      }
    } else if (name == "num") {
      const std::optional<int64_t> id = Integer(Attr(n, "numId"));
      const std::optional<int> abstract_id = ChildInt(n, "abstractNumId", INT32_MIN, INT32_MAX);
      if (!id || !abstract_id) continue;
      Num& num = out.nums_[static_cast<int>(*id)];
      num = Num{};
      num.abstract_id = *abstract_id;
      for (pugi::xml_node o = n.first_child(); o; o = o.next_sibling()) {
        if (o.type() != pugi::node_element || Local(o.name()) != "lvlOverride") continue;
        const std::optional<int> i = level_index(o);
        if (!i) continue;
        if (const std::optional<int> start = ChildInt(o, "startOverride", 0, kMaxStart)) {
          num.start_override[*i] = *start;
          num.overrides = true;
        }
        if (const pugi::xml_node lvl = Child(o, "lvl")) {
          Level level;
          read_level(lvl, &level);
          num.level_override[*i] = level;
          num.overrides = true;
        }
      }
    }
  }

  for (pugi::xml_node s = styles_doc.document_element().first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || Local(s.name()) != "style") continue;
    const char* id = Attr(s, "styleId");
    if (id == nullptr) continue;
    const std::string_view type = Attr(s, "type") ? Attr(s, "type") : "paragraph";
    if (type != "paragraph" && type != "numbering") continue;
    Style& style = out.styles_[id];
    style = Style{};
    style.based_on = ChildVal(s, "basedOn");
    if (const pugi::xml_node num_pr = Child(Child(s, "pPr"), "numPr")) {
      style.num_id = ChildInt(num_pr, "numId", INT32_MIN, INT32_MAX);
      style.level = ChildInt(num_pr, "ilvl", 0, kLevels - 1);
    }
    if (type == "paragraph" && AttrOn(s, "default")) {
      if (out.default_style_.empty()) out.default_style_ = id;
    }
  }
  return out;
}

const DocxNumbering::Abstract* DocxNumbering::AbstractOf(const Num& num, int* id) const {
  auto it = abstracts_.find(num.abstract_id);
  for (int step = 0; it != abstracts_.end() && step < kMaxChain; ++step) {
    const Abstract& a = it->second;
    *id = it->first;
    if (a.num_style_link.empty()) return &a;
    // The numbering style names the num whose abstract list holds the levels.
    const auto style = styles_.find(a.num_style_link);
    if (style == styles_.end() || !style->second.num_id) return &a;
    const auto linked = nums_.find(*style->second.num_id);
    if (linked == nums_.end()) return &a;
    const auto next = abstracts_.find(linked->second.abstract_id);
    if (next == it) return &a;
    it = next;
  }
  return it == abstracts_.end() ? nullptr : &it->second;
}

void DocxNumbering::StyleNumbering(const std::string& style, std::optional<int>* num_id,
                                   std::optional<int>* level) const {
  std::string id = style;
  for (int step = 0; step < kMaxChain && !id.empty(); ++step) {
    const auto it = styles_.find(id);
    if (it == styles_.end()) return;
    if (!*level && it->second.level) *level = it->second.level;
    if (!*num_id && it->second.num_id) *num_id = it->second.num_id;
    if (*num_id && *level) return;
    id = it->second.based_on;
  }
}

std::string DocxNumbering::Next(const ParagraphNumbering& paragraph) {
  if (nums_.empty()) return "";
  const std::string& style = paragraph.style.empty() ? default_style_ : paragraph.style;
  std::optional<int> num_id = paragraph.num_id;
  std::optional<int> level = paragraph.level;
  if (!num_id || !level) {
    std::optional<int> style_num;
    std::optional<int> style_level;
    StyleNumbering(style, &style_num, &style_level);
    if (!num_id) num_id = style_num;
    if (!level && num_id == style_num) level = style_level;
  }
  if (!num_id || *num_id == 0) return "";
  const auto num_it = nums_.find(*num_id);
  if (num_it == nums_.end()) return "";
  const Num& num = num_it->second;
  int abstract_id = num.abstract_id;
  const Abstract* abstract = AbstractOf(num, &abstract_id);
  if (abstract == nullptr) return "";
  if (!level) {
    // A style linked to a level (w:lvl/w:pStyle) numbers at that level.
    level = 0;
    for (int i = 0; i < kLevels; ++i) {
      if (!style.empty() && abstract->levels[i].style == style) {
        level = i;
        break;
      }
    }
  }
  const int at = std::clamp(*level, 0, kLevels - 1);
  const auto level_of = [&](int i) -> const Level& {
    return num.level_override[i] ? *num.level_override[i] : abstract->levels[i];
  };
  const auto start_of = [&](int i) {
    return num.start_override[i] ? *num.start_override[i] : level_of(i).start;
  };
  const Level& lvl = level_of(at);
  if (!lvl.defined) return "";

  const std::string key =
      num.overrides ? "n" + std::to_string(*num_id) : "a" + std::to_string(abstract_id);
  Counters& c = counters_[key];
  c.value[at] = c.used[at] ? c.value[at] + 1 : start_of(at);
  c.used[at] = true;
  for (int deeper = at + 1; deeper < kLevels; ++deeper) {
    const int restart = level_of(deeper).restart;
    // Default: restart whenever a level above is used; n: only when level n-1 or above is.
    if (restart < 0 || (restart > 0 && at <= restart - 1)) c.used[deeper] = false;
  }
  if (lvl.format == "bullet") return "";

  std::string label;
  const std::string& text = lvl.text;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
      const int ref = text[i + 1] - '1';
      const int64_t value = c.used[ref] ? c.value[ref] : start_of(ref);
      label += Format(value, lvl.legal ? "decimal" : level_of(ref).format);
      ++i;
    } else {
      label += text[i];
    }
  }
  if (label.empty()) return "";
  return label + lvl.suffix;
}

}  // namespace jixiao
