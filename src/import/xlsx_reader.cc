// ReadXlsx over ZipArchive and pugixml: the workbook's part graph (workbook.xml and its
// relationships), the shared strings, the number formats of the cell styles, and one grid per
// worksheet. Numbers are formatted from their decimal text, digit by digit, never through a
// double.
#include "import/xlsx_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <utility>
#include <vector>

#include "base/civil_date.h"
#include "base/lang.h"
#include "base/text.h"
#include "import/xml_error.h"
#include "import/zip_archive.h"

namespace jixiao {
namespace {

constexpr int kMaxRows = 1048576;
constexpr int kMaxColumns = 16384;
// Empty rows between two filled ones are kept up to this many; a longer run is kept as one.
constexpr int kKeptEmptyRows = 20;
// Whitespace-only text is kept when it is an element's only child (<t xml:space="preserve">
// holding a single space); carriage returns are normalized to '\n' by parse_eol.
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata_single;

// ---------------------------------------------------------------------------------------------
// Exact numbers.

// A number read from a <v> text: digits × 10^exponent, `digits` without leading or trailing
// zeros ("" for zero, which is never negative).
struct ExactNumber {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;
  bool is_zero() const { return digits.empty(); }
};

void Normalize(ExactNumber* n) {
  size_t end = n->digits.size();
  while (end > 0 && n->digits[end - 1] == '0') --end;
  n->exponent += static_cast<int64_t>(n->digits.size() - end);
  n->digits.resize(end);
  if (n->digits.empty()) {
    n->negative = false;
    n->exponent = 0;
  }
}

// Strict syntax: [+-] digits [. digits] [(e|E) [+-] digits], surrounding ASCII blanks allowed.
std::optional<ExactNumber> ParseExactNumber(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n'))
    text.remove_suffix(1);
  ExactNumber n;
  size_t i = 0;
  const auto digit = [&](size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) n.negative = text[i++] == '-';
  bool any = false;
  int64_t fraction_digits = 0;
  for (; digit(i); ++i, any = true) {
    if (!n.digits.empty() || text[i] != '0') n.digits.push_back(text[i]);
  }
  if (i < text.size() && text[i] == '.') {
    for (++i; digit(i); ++i, any = true) {
      ++fraction_digits;
      if (!n.digits.empty() || text[i] != '0') n.digits.push_back(text[i]);
    }
  }
  if (!any) return std::nullopt;
  int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative_exponent = text[i++] == '-';
    if (!digit(i)) return std::nullopt;
    for (; digit(i); ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 1000000) return std::nullopt;  // far beyond any double
    }
    if (negative_exponent) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  n.exponent = exponent - fraction_digits;
  Normalize(&n);
  return n;
}

// Drops the last `drop` digits, rounding half up (on the magnitude).
void DropDigits(ExactNumber* n, int64_t drop) {
  if (drop <= 0) return;
  const int64_t size = static_cast<int64_t>(n->digits.size());
  if (drop > size) {  // below a tenth of the new unit: rounds to zero
    *n = ExactNumber();
    return;
  }
  const bool round_up = n->digits[static_cast<size_t>(size - drop)] >= '5';
  n->digits.resize(static_cast<size_t>(size - drop));
  n->exponent += drop;
  if (round_up) {
    size_t k = n->digits.size();
    while (k > 0 && n->digits[k - 1] == '9') n->digits[--k] = '0';
    if (k == 0) {
      n->digits.insert(n->digits.begin(), '1');
    } else {
      ++n->digits[k - 1];
    }
  }
  Normalize(n);
}

void RoundToSignificant(ExactNumber* n, int digits) {
  DropDigits(n, static_cast<int64_t>(n->digits.size()) - digits);
}

void RoundToDecimals(ExactNumber* n, int decimals) { DropDigits(n, -decimals - n->exponent); }

constexpr int64_t kMaxPlainIntegerDigits = 21;
constexpr int64_t kMaxPlainDecimals = 20;
constexpr int kMaxFormatDecimals = 30;  // Excel's own cap

std::string Scientific(const ExactNumber& n) {
  if (n.is_zero()) return "0";
  std::string out = n.negative ? "-" : "";
  out += n.digits[0];
  if (n.digits.size() > 1) {
    out += '.';
    out.append(n.digits, 1, std::string::npos);
  }
  const int64_t exponent = n.exponent + static_cast<int64_t>(n.digits.size()) - 1;
  out += fmt::format("E{}{}", exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
  return out;
}

// The number written out with at least `min_decimals` decimals; scientific when too long.
std::string Plain(const ExactNumber& n, int min_decimals) {
  const int64_t size = static_cast<int64_t>(n.digits.size());
  const int64_t decimals = n.exponent < 0 ? -n.exponent : 0;
  const int64_t integer_digits = size + n.exponent;
  if (integer_digits > kMaxPlainIntegerDigits ||
      (decimals > kMaxPlainDecimals && decimals > min_decimals)) {
    return Scientific(n);
  }
  std::string out = n.negative ? "-" : "";
  if (n.exponent >= 0) {
    out += n.is_zero() ? "0" : n.digits;
    out.append(static_cast<size_t>(n.is_zero() ? 0 : n.exponent), '0');
  } else if (integer_digits > 0) {
    out.append(n.digits, 0, static_cast<size_t>(integer_digits));
  } else {
    out += '0';
  }
  std::string fraction;
  if (n.exponent < 0) {
    if (integer_digits < 0) fraction.append(static_cast<size_t>(-integer_digits), '0');
    fraction.append(n.digits, static_cast<size_t>(std::max<int64_t>(integer_digits, 0)),
                    std::string::npos);
  }
  if (static_cast<int64_t>(fraction.size()) < min_decimals) {
    fraction.append(static_cast<size_t>(min_decimals) - fraction.size(), '0');
  }
  if (!fraction.empty()) out += '.' + fraction;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Number formats.

// What one section of a format code shows.
struct SectionFormat {
  enum class Kind { kGeneral, kNumber, kPercent, kDateTime };
  Kind kind = Kind::kGeneral;
  int min_decimals = 0;
  int max_decimals = 0;
  int thousands_scale = 0;  // trailing ','s: each divides by 1,000
  bool year = false, month = false, day = false;
  bool hour = false, minute = false, second = false;
  bool elapsed_hours = false;  // [h]
};

struct NumberFormat {
  std::vector<SectionFormat> sections;  // positive[, negative[, zero[, text]]]
};

bool IsPlaceholder(char c) { return c == '0' || c == '#' || c == '?'; }

SectionFormat AnalyzeSection(std::string_view code) {
  SectionFormat f;
  // The format characters outside literals, ASCII lower-cased.
  std::string cleaned;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '!' || c == '_' || c == '*') {
      ++i;  // an escaped, padding or fill character (a multi-byte one leaves bytes ≥ 0x80)
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string inner = AsciiLowered(code.substr(i + 1, close - i - 1));
      // [h], [mm], [ss]: elapsed time; anything else is a colour, locale or condition.
      if (!inner.empty() && (inner[0] == 'h' || inner[0] == 'm' || inner[0] == 's') &&
          inner.find_first_not_of(inner[0]) == std::string::npos) {
        if (inner[0] == 'h') f.elapsed_hours = true;
        cleaned += inner;
      }
      i = close;
    } else if (static_cast<unsigned char>(c) < 0x80) {
      cleaned += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (cleaned.find("general") != std::string::npos) return f;
  for (std::string_view ampm : {"am/pm", "a/p"}) {
    for (size_t at; (at = cleaned.find(ampm)) != std::string::npos;) cleaned.erase(at, ampm.size());
  }
  for (size_t i = 0; i + 1 < cleaned.size(); ++i) {
    if (cleaned[i] == 'e' && (cleaned[i + 1] == '+' || cleaned[i + 1] == '-')) return f;
  }
  // Dates and times: runs of y, m, d, h, s; an m run next to h or s is minutes.
  std::vector<char> runs;
  for (size_t i = 0; i < cleaned.size(); ++i) {
    const char c = cleaned[i];
    if (c != 'y' && c != 'm' && c != 'd' && c != 'h' && c != 's') continue;
    if (i == 0 || cleaned[i - 1] != c) runs.push_back(c);
  }
  if (!runs.empty()) {
    f.kind = SectionFormat::Kind::kDateTime;
    for (size_t k = 0; k < runs.size(); ++k) {
      switch (runs[k]) {
        case 'y':
          f.year = true;
          break;
        case 'd':
          f.day = true;
          break;
        case 'h':
          f.hour = true;
          break;
        case 's':
          f.second = true;
          break;
        case 'm':
          if ((k > 0 && runs[k - 1] == 'h') || (k + 1 < runs.size() && runs[k + 1] == 's')) {
            f.minute = true;
          } else {
            f.month = true;
          }
          break;
      }
    }
    return f;
  }
  size_t last_placeholder = std::string::npos;
  for (size_t i = 0; i < cleaned.size(); ++i) {
    if (IsPlaceholder(cleaned[i])) last_placeholder = i;
  }
  // Literal-only sections ("@", "-") and fractions read as General.
  if (last_placeholder == std::string::npos || cleaned.find('/') != std::string::npos) return f;
  f.kind = cleaned.find('%') != std::string::npos ? SectionFormat::Kind::kPercent
                                                  : SectionFormat::Kind::kNumber;
  const size_t dot = cleaned.find('.');
  if (dot != std::string::npos) {
    for (size_t i = dot + 1; i < cleaned.size() && IsPlaceholder(cleaned[i]); ++i) {
      ++f.max_decimals;
      if (cleaned[i] == '0') f.min_decimals = f.max_decimals;
    }
    f.max_decimals = std::min(f.max_decimals, kMaxFormatDecimals);
    f.min_decimals = std::min(f.min_decimals, f.max_decimals);
  }
  for (size_t i = last_placeholder + 1; i < cleaned.size() && cleaned[i] == ','; ++i) {
    ++f.thousands_scale;
  }
  return f;
}

NumberFormat AnalyzeFormat(std::string_view code) {
  NumberFormat format;
  size_t start = 0;
  for (size_t i = 0; i <= code.size() && format.sections.size() < 4; ++i) {
    if (i < code.size()) {
      const char c = code[i];
      if (c == '"') {
        const size_t close = code.find('"', i + 1);
        i = close == std::string_view::npos ? code.size() - 1 : close;
        continue;
      }
      if (c == '\\') {
        ++i;
        continue;
      }
      if (c == '[') {
        const size_t close = code.find(']', i + 1);
        i = close == std::string_view::npos ? code.size() - 1 : close;
        continue;
      }
      if (c != ';') continue;
    }
    format.sections.push_back(AnalyzeSection(code.substr(start, std::min(i, code.size()) - start)));
    start = i + 1;
  }
  return format;
}

std::string DateTimeText(const CivilDate& date, int64_t seconds, int64_t whole_days,
                         const SectionFormat& f) {
  std::string out;
  if (f.year) out += fmt::format("{}年", date.year);
  if (f.month) out += fmt::format("{}月", date.month);
  if (f.day) out += fmt::format("{}日", date.day);
  if (f.hour || f.minute || f.second) {
    if (!out.empty()) out += ' ';
    std::string time;
    const int64_t hours = seconds / 3600 + (f.elapsed_hours ? whole_days * 24 : 0);
    if (f.hour) time += fmt::format("{}", hours);
    if (f.minute) time += fmt::format("{}{:02}", time.empty() ? "" : ":", seconds / 60 % 60);
    if (f.second) time += fmt::format("{}{:02}", time.empty() ? "" : ":", seconds % 60);
    out += time;
  }
  return out;
}

// A serial date under a date/time section; nullopt when Excel could not show it as a date.
std::optional<std::string> SerialText(ExactNumber n, const SectionFormat& f, bool date1904) {
  if (n.negative) return std::nullopt;
  RoundToDecimals(&n, 10);
  const int64_t size = static_cast<int64_t>(n.digits.size());
  if (size + n.exponent > 8) return std::nullopt;  // ≥ 10^8 days
  // value × 10^10 as an integer.
  int64_t scaled = 0;
  for (char c : n.digits) scaled = scaled * 10 + (c - '0');
  for (int64_t k = 0; k < n.exponent + 10 && !n.is_zero(); ++k) scaled *= 10;
  constexpr int64_t kScale = 10000000000;
  int64_t days = scaled / kScale;
  int64_t seconds = ((scaled % kScale) * 86400 + kScale / 2) / kScale;
  if (seconds == 86400) {
    ++days;
    seconds = 0;
  }
  CivilDate date;
  if (date1904) {
    if (days > 2957003) return std::nullopt;
    date = CivilFromDays(DaysFromCivil(1904, 1, 1) + days);
  } else if (days > 2958465) {
    return std::nullopt;
  } else if (days == 0) {
    date = {1900, 1, 0};  // what Excel shows for serial 0
  } else if (days == 60) {
    date = {1900, 2, 29};  // Lotus 1-2-3's leap-year bug, kept by Excel
  } else if (days < 60) {
    date = CivilFromDays(DaysFromCivil(1899, 12, 31) + days);
  } else {
    date = CivilFromDays(DaysFromCivil(1899, 12, 30) + days);
  }
  return DateTimeText(date, seconds, days, f);
}

std::string GeneralText(ExactNumber n) { return Plain(n, 0); }

std::string FormatNumber(std::string_view value, const NumberFormat& format, bool date1904) {
  std::optional<ExactNumber> parsed = ParseExactNumber(value);
  if (!parsed) return std::string(value);
  ExactNumber n = std::move(*parsed);
  RoundToSignificant(&n, 15);  // what Excel displays of a double
  static const SectionFormat kGeneral;
  const SectionFormat& first = format.sections.empty() ? kGeneral : format.sections[0];
  if (first.kind == SectionFormat::Kind::kDateTime) {
    if (std::optional<std::string> text = SerialText(n, first, date1904)) return *text;
    return GeneralText(std::move(n));
  }
  const SectionFormat* f = &first;
  if (n.negative && format.sections.size() >= 2 &&
      (format.sections[1].kind == SectionFormat::Kind::kNumber ||
       format.sections[1].kind == SectionFormat::Kind::kPercent)) {
    f = &format.sections[1];
  }
  switch (f->kind) {
    case SectionFormat::Kind::kNumber:
    case SectionFormat::Kind::kPercent: {
      if (!n.is_zero()) {
        n.exponent -= 3 * static_cast<int64_t>(f->thousands_scale);
        if (f->kind == SectionFormat::Kind::kPercent) n.exponent += 2;
      }
      RoundToDecimals(&n, f->max_decimals);
      std::string text = Plain(n, f->min_decimals);
      if (f->kind == SectionFormat::Kind::kPercent) text += '%';
      return text;
    }
    default:
      return GeneralText(std::move(n));
  }
}

// ---------------------------------------------------------------------------------------------
// XML helpers: elements are matched by local name, so a prefixed SpreadsheetML ("x:row") reads
// like the usual unprefixed one.

std::string_view LocalName(const char* name) {
  const char* colon = std::strchr(name, ':');
  return colon != nullptr ? std::string_view(colon + 1) : std::string_view(name);
}

// True when `name` is `local` or "prefix:local"; the unprefixed case is decided without a scan.
bool IsNamed(const char* name, std::string_view local) {
  if (std::strncmp(name, local.data(), local.size()) == 0 && name[local.size()] == '\0') {
    return true;
  }
  const char* colon = std::strchr(name, ':');
  return colon != nullptr && local == colon + 1;
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && IsNamed(c.name(), local)) return c;
  }
  return {};
}

template <typename F>
void ForEachChild(pugi::xml_node node, std::string_view local, F&& f) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && IsNamed(c.name(), local)) f(c);
  }
}

pugi::xml_attribute Attribute(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (IsNamed(a.name(), local)) return a;
  }
  return {};
}

// The r:id of a <sheet>: the prefixed attribute named "id".
pugi::xml_attribute RelationshipId(pugi::xml_node node) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (std::strchr(a.name(), ':') != nullptr && LocalName(a.name()) == "id") return a;
  }
  return {};
}

void AppendText(pugi::xml_node node, std::string* out) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out->append(c.value());
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the _xHHHH_ escapes of ST_Xstring and turns "\r\n" and a lone '\r' into '\n'.
void DecodeXString(std::string* text) {
  if (text->find("_x") == std::string::npos && text->find('\r') == std::string::npos) return;
  std::string out;
  out.reserve(text->size());
  const std::string& s = *text;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      int cp = 0;
      bool hex = true;
      for (size_t k = i + 2; k < i + 6 && hex; ++k) {
        const int d = HexDigit(s[k]);
        hex = d >= 0;
        cp = cp * 16 + d;
      }
      if (hex) {
        if (cp == '\r') {
          out += '\r';
        } else {
          AppendUtf8(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : static_cast<char32_t>(cp), &out);
        }
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
  std::string lines;
  lines.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r') {
      lines += '\n';
      if (i + 1 < out.size() && out[i + 1] == '\n') ++i;
    } else {
      lines += out[i];
    }
  }
  *text = std::move(lines);
}

// The text of an <si> or <is>: its <t>, or its runs' <t>s; phonetic runs (rPh) left out.
std::string RichText(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = LocalName(c.name());
    if (name == "t") {
      AppendText(c, &text);
    } else if (name == "r") {
      ForEachChild(c, "t", [&](pugi::xml_node t) { AppendText(t, &text); });
    }
  }
  DecodeXString(&text);
  return text;
}

// ---------------------------------------------------------------------------------------------
// References and part names.

// A value from the file quoted in a message, cut to 40 bytes (at a character boundary).
std::string Quoted(std::string_view text) {
  if (text.size() <= 40) return fmt::format("\"{}\"", text);
  size_t cut = 40;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("\"{}…\"", text.substr(0, cut));
}

std::string CellName(int row, int column) { return SheetColumnName(column) + std::to_string(row); }

// "B7" (also "b7", "$B$7") → row 7, column 1. False unless within 1048576 rows × 16384 columns.
bool ParseCellRef(std::string_view ref, int* row, int* column) {
  size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  int col = 0;
  size_t letters = 0;
  for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i, ++letters) {
    if (letters == 3) return false;
    col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
  }
  if (letters == 0 || col > kMaxColumns) return false;
  if (i < ref.size() && ref[i] == '$') ++i;
  if (i >= ref.size() || ref[i] < '1' || ref[i] > '9') return false;
  int r = 0;
  for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9'; ++i) {
    r = r * 10 + (ref[i] - '0');
    if (r > kMaxRows) return false;
  }
  if (i != ref.size()) return false;
  *row = r;
  *column = col - 1;
  return true;
}

bool ParsePositiveInt(std::string_view text, int max, int* value) {
  if (text.empty() || text.size() > 10) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < 1 || v > max) return false;
  *value = static_cast<int>(v);
  return true;
}

std::string Directory(const std::string& part) {
  const size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// A relationship target resolved against the directory of its source part: "/xl/x.xml" is
// absolute, "worksheets/sheet1.xml" and "../x.xml" relative; %XX escapes decoded.
std::string ResolveTarget(const std::string& source_dir, std::string_view target) {
  std::string decoded;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == '%' && i + 2 < target.size() && HexDigit(target[i + 1]) >= 0 &&
        HexDigit(target[i + 2]) >= 0) {
      decoded += static_cast<char>(HexDigit(target[i + 1]) * 16 + HexDigit(target[i + 2]));
      i += 2;
    } else {
      decoded += target[i] == '\\' ? '/' : target[i];
    }
  }
  const std::string path =
      !decoded.empty() && decoded[0] == '/' ? decoded.substr(1) : source_dir + decoded;
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

struct Relationship {
  std::string type;
  std::string target;  // resolved part name
};

// ---------------------------------------------------------------------------------------------
// The reader.

struct RawCell {
  int row = 0;
  int column = 0;
  std::string text;
};

struct Range {
  int first_row = 0, first_column = 0, last_row = 0, last_column = 0;
  int64_t area() const {
    return static_cast<int64_t>(last_row - first_row + 1) * (last_column - first_column + 1);
  }
};

class WorkbookReader {
 public:
  WorkbookReader(std::string file, const XlsxLimits& limits)
      : file_(std::move(file)), limits_(limits) {}

  Result<FlatDocument> Read(std::string_view bytes);

 private:
  std::optional<std::string> FindPart(const std::string& name);
  Status LoadXml(const std::string& part, std::string* buffer, pugi::xml_document* doc);
  Result<std::map<std::string, Relationship>> ReadRelationships(const std::string& part);
  std::optional<std::string> OfficeDocumentPart();
  Status ReadSharedStrings(const std::string& part);
  Status ReadStyles(const std::string& part);
  Status ReadSheet(const std::string& name, const std::string& part, FlatTable* table);
  Status CellText(pugi::xml_node cell, std::string_view type, int style, const std::string& part,
                  int row, int column, std::string* text);
  Status TooManyCells(const std::string& sheet) const {
    return Status::InvalidArgument(
        TrF("{}：工作表“{}”超过 {} 个单元格，工作表太大，不予读取",
            "{}: sheet \"{}\": more than {} cells; larger sheets are refused", file_, sheet,
            limits_.max_sheet_cells));
  }

  std::string file_;
  XlsxLimits limits_;
  std::unique_ptr<ZipArchive> zip_;
  std::optional<std::vector<std::string>> members_;
  bool date1904_ = false;
  std::string shared_strings_part_;
  std::vector<std::string> shared_strings_;
  std::vector<NumberFormat> formats_{NumberFormat()};  // [0] is General
  std::vector<size_t> xf_format_;                      // cellXfs index → formats_ index
  int64_t workbook_cells_ = 0;
  uint64_t text_bytes_ = 0;
  int64_t formulas_without_values_ = 0;
  std::vector<std::string> formula_cells_;
};

// Part names are case-insensitive in OPC; most files match exactly.
std::optional<std::string> WorkbookReader::FindPart(const std::string& name) {
  if (zip_->Has(name)) return name;
  if (!members_) members_ = zip_->Members();
  const std::string wanted = AsciiLowered(name);
  for (const std::string& m : *members_) {
    if (AsciiLowered(m) == wanted) return m;
  }
  return std::nullopt;
}

Status WorkbookReader::LoadXml(const std::string& part, std::string* buffer,
                               pugi::xml_document* doc) {
  Result<std::string> bytes = zip_->Read(part);
  if (!bytes.ok()) return bytes.status();
  *buffer = std::move(bytes).value();
  const pugi::xml_parse_result parsed =
      doc->load_buffer_inplace(buffer->data(), buffer->size(), kParseOptions);
  if (!parsed) {
    return Status::Corruption(TrF("{}：{}：第 {} 字节：{}", "{}: {}: byte {}: {}", file_, part,
                                  parsed.offset, XmlErrorText(parsed)));
  }
  return Status::Ok();
}

Result<std::map<std::string, Relationship>> WorkbookReader::ReadRelationships(
    const std::string& part) {
  std::string buffer;
  pugi::xml_document doc;
  if (Status s = LoadXml(part, &buffer, &doc); !s.ok()) return s;
  // The rels part sits in "<dir>_rels/"; targets are relative to "<dir>".
  std::string source_dir = Directory(part);
  if (EndsWith(source_dir, "_rels/")) source_dir.resize(source_dir.size() - 6);
  std::map<std::string, Relationship> rels;
  ForEachChild(doc.document_element(), "Relationship", [&](pugi::xml_node r) {
    if (std::string_view(Attribute(r, "TargetMode").value()) == "External") return;
    rels[Attribute(r, "Id").value()] = {Attribute(r, "Type").value(),
                                        ResolveTarget(source_dir, Attribute(r, "Target").value())};
  });
  return rels;
}

// The main part named by _rels/.rels, if the archive has it.
std::optional<std::string> WorkbookReader::OfficeDocumentPart() {
  std::optional<std::string> rels_part = FindPart("_rels/.rels");
  if (!rels_part) return std::nullopt;
  Result<std::map<std::string, Relationship>> rels = ReadRelationships(*rels_part);
  if (!rels.ok()) return std::nullopt;
  for (const auto& [id, rel] : *rels) {
    if (EndsWith(rel.type, "/officeDocument")) return FindPart(rel.target);
  }
  return std::nullopt;
}

Status WorkbookReader::ReadSharedStrings(const std::string& part) {
  std::string buffer;
  pugi::xml_document doc;
  if (Status s = LoadXml(part, &buffer, &doc); !s.ok()) return s;
  shared_strings_part_ = part;
  ForEachChild(doc.document_element(), "si",
               [&](pugi::xml_node si) { shared_strings_.push_back(RichText(si)); });
  return Status::Ok();
}

Status WorkbookReader::ReadStyles(const std::string& part) {
  std::string buffer;
  pugi::xml_document doc;
  if (Status s = LoadXml(part, &buffer, &doc); !s.ok()) return s;
  const pugi::xml_node root = doc.document_element();
  std::map<int, std::string> custom;
  ForEachChild(Child(root, "numFmts"), "numFmt", [&](pugi::xml_node f) {
    custom[Attribute(f, "numFmtId").as_int(-1)] = Attribute(f, "formatCode").value();
  });
  std::map<int, size_t> by_id;
  ForEachChild(Child(root, "cellXfs"), "xf", [&](pugi::xml_node xf) {
    const int id = Attribute(xf, "numFmtId").as_int(0);
    auto [it, inserted] = by_id.emplace(id, 0);
    if (inserted) {
      const auto c = custom.find(id);
      const std::string_view code =
          c != custom.end() ? std::string_view(c->second) : BuiltinXlsxFormat(id);
      if (code.empty() || code == "General") {
        it->second = 0;
      } else {
        it->second = formats_.size();
        formats_.push_back(AnalyzeFormat(code));
      }
    }
    xf_format_.push_back(it->second);
  });
  return Status::Ok();
}

// The text of an element: a view of its only text child (the usual case, no copy), else its
// text children joined in `scratch`.
std::string_view TextOf(pugi::xml_node node, std::string* scratch) {
  const pugi::xml_node first = node.first_child();
  if (!first) return {};
  if (!first.next_sibling() &&
      (first.type() == pugi::node_pcdata || first.type() == pugi::node_cdata)) {
    return first.value();
  }
  scratch->clear();
  AppendText(node, scratch);
  return *scratch;
}

Status WorkbookReader::CellText(pugi::xml_node cell, std::string_view type, int style,
                                const std::string& part, int row, int column, std::string* text) {
  pugi::xml_node v, is;
  for (pugi::xml_node c = cell.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (IsNamed(c.name(), "v")) {
      v = c;
    } else if (IsNamed(c.name(), "is")) {
      is = c;
    }
  }
  std::string scratch;
  const std::string_view value = v ? TextOf(v, &scratch) : std::string_view();
  if (type == "s") {
    if (!v) return Status::Ok();
    int index = 0;
    const std::string_view trimmed = TrimBlank(value);
    if (trimmed != "0" && !ParsePositiveInt(trimmed, 2147483647, &index)) {
      return Status::Corruption(TrF("{}：{}：单元格 {}：共享字符串编号 {} 不是数字",
                                    "{}: {}: cell {}: shared string index {} is not a number",
                                    file_, part, CellName(row, column), Quoted(value)));
    }
    if (static_cast<size_t>(index) >= shared_strings_.size()) {
      return Status::Corruption(TrF("{}：{}：单元格 {}：共享字符串 {} 不存在（{}只有 {} 个）",
                                    "{}: {}: cell {}: shared string {} does not exist ({} has {})",
                                    file_, part, CellName(row, column), index,
                                    shared_strings_part_.empty()
                                        ? std::string(Tr("工作簿", "the workbook"))
                                        : shared_strings_part_ + std::string(Tr(" ", "")),
                                    shared_strings_.size()));
    }
    *text = shared_strings_[static_cast<size_t>(index)];
  } else if (type == "inlineStr" && is) {
    *text = RichText(is);
  } else if (type == "str" || type == "inlineStr") {
    *text = value;
    DecodeXString(text);
  } else if (type == "b") {
    const std::string_view b = TrimBlank(value);
    *text = b == "1" || b == "true" ? "TRUE" : (b == "0" || b == "false" ? "FALSE" : value);
  } else if (type == "e") {
    *text = value;
  } else if (type == "d") {
    // ISO 8601 ("2024-01-01T00:00:00"): shown as a date, with the time when it is not midnight.
    const std::string iso(value.substr(0, 64));
    int y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0;
    const int got = std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &m, &d, &hh, &mm, &ss);
    if (got >= 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      *text = fmt::format("{}年{}月{}日", y, m, d);
      if (got == 6 && (hh != 0 || mm != 0 || ss != 0)) {
        *text += fmt::format(" {}:{:02}:{:02}", hh, mm, ss);
      }
    } else {
      *text = value;
    }
  } else if (!value.empty()) {
    const size_t format = style >= 0 && static_cast<size_t>(style) < xf_format_.size()
                              ? xf_format_[static_cast<size_t>(style)]
                              : 0;
    *text = FormatNumber(value, formats_[format], date1904_);
  }
  return Status::Ok();
}

Status WorkbookReader::ReadSheet(const std::string& name, const std::string& part,
                                 FlatTable* table) {
  std::string buffer;
  pugi::xml_document doc;
  if (Status s = LoadXml(part, &buffer, &doc); !s.ok()) return s;
  const pugi::xml_node root = doc.document_element();

  // The cells with text, in document order (a later duplicate wins).
  std::vector<RawCell> cells;
  Status failed;
  int previous_row = 0;
  ForEachChild(Child(root, "sheetData"), "row", [&](pugi::xml_node row_node) {
    if (!failed.ok()) return;
    int row = previous_row + 1;
    if (const pugi::xml_attribute r = Attribute(row_node, "r")) {
      if (!ParsePositiveInt(r.value(), kMaxRows, &row)) {
        failed =
            Status::Corruption(TrF("{}：{}：行号 {} 格式有误", "{}: {}: malformed row number {}",
                                   file_, part, Quoted(r.value())));
        return;
      }
    } else if (row > kMaxRows) {
      failed = Status::Corruption(
          TrF("{}：{}：超过 {} 行", "{}: {}: more than {} rows", file_, part, kMaxRows));
      return;
    }
    previous_row = row;
    int previous_column = -1;
    ForEachChild(row_node, "c", [&](pugi::xml_node c) {
      if (!failed.ok()) return;
      int cell_row = row;
      int column = previous_column + 1;
      pugi::xml_attribute r, s, t;  // one pass over the attributes
      for (pugi::xml_attribute a = c.first_attribute(); a; a = a.next_attribute()) {
        const char* n = a.name();
        if (n[0] != '\0' && n[1] == '\0') {
          if (n[0] == 'r') r = a;
          if (n[0] == 's') s = a;
          if (n[0] == 't') t = a;
        }
      }
      if (r) {
        if (!ParseCellRef(r.value(), &cell_row, &column)) {
          failed = Status::Corruption(TrF("{}：{}：单元格引用 {} 格式有误",
                                          "{}: {}: malformed cell reference {}", file_, part,
                                          Quoted(r.value())));
          return;
        }
      } else if (column >= kMaxColumns) {
        failed = Status::Corruption(TrF("{}：{}：第 {} 行超过 {} 个单元格",
                                        "{}: {}: row {}: more than {} cells", file_, part, row,
                                        kMaxColumns));
        return;
      }
      previous_column = column;
      std::string text;
      failed = CellText(c, t.value(), s.as_int(0), part, cell_row, column, &text);
      if (!failed.ok()) return;
      // A formula with no <v>, or an empty <v> that is not a cached empty string (t="str"),
      // has never been calculated.
      if (text.empty() && Child(c, "f") &&
          (!Child(c, "v") ||
           (Child(c, "v").first_child().empty() && std::string_view(t.value()) != "str"))) {
        if (++formulas_without_values_ <= static_cast<int64_t>(kFormulaCellsListed)) {
          formula_cells_.push_back(name + "!" + CellName(cell_row, column));
        }
      }
      if (text.empty()) return;
      text_bytes_ += text.size();
      if (text_bytes_ > limits_.max_text_bytes) {
        failed = Status::InvalidArgument(
            TrF("{}：单元格中的文字超过 {} 字节，工作簿太大，不予读取",
                "{}: the cells hold more than {} bytes of text; larger workbooks are refused",
                file_, limits_.max_text_bytes));
        return;
      }
      if (static_cast<int64_t>(cells.size()) >= limits_.max_sheet_cells) {
        failed = TooManyCells(name);
        return;
      }
      cells.push_back({cell_row, column, std::move(text)});
    });
  });
  if (!failed.ok()) return failed;

  std::vector<Range> merges;
  int64_t merged_area = 0;
  ForEachChild(Child(root, "mergeCells"), "mergeCell", [&](pugi::xml_node m) {
    if (!failed.ok()) return;
    const std::string_view ref = Attribute(m, "ref").value();
    const size_t colon = ref.find(':');
    Range range;
    if (!ParseCellRef(ref.substr(0, colon), &range.first_row, &range.first_column) ||
        (colon != std::string_view::npos &&
         !ParseCellRef(ref.substr(colon + 1), &range.last_row, &range.last_column))) {
      failed =
          Status::Corruption(TrF("{}：{}：合并区域 {} 格式有误",
                                 "{}: {}: malformed merged range {}", file_, part, Quoted(ref)));
      return;
    }
    if (colon == std::string_view::npos) return;  // a single cell
    if (range.first_row > range.last_row) std::swap(range.first_row, range.last_row);
    if (range.first_column > range.last_column) std::swap(range.first_column, range.last_column);
    if (range.area() <= 1) return;
    merged_area += range.area();
    if (merged_area > limits_.max_sheet_cells) {
      failed = TooManyCells(name);
      return;
    }
    merges.push_back(range);
  });
  if (!failed.ok()) return failed;

  // Each row's last column, from its cells and the merged ranges crossing it.
  // Cells usually come sorted; merged ranges are few.
  std::vector<std::pair<int, int>> cell_extents, merge_extents, extents;
  cell_extents.reserve(cells.size());
  for (const RawCell& c : cells) cell_extents.emplace_back(c.row, c.column);
  if (!std::is_sorted(cell_extents.begin(), cell_extents.end())) {
    std::sort(cell_extents.begin(), cell_extents.end());
  }
  for (const Range& m : merges) {
    for (int r = m.first_row; r <= m.last_row; ++r) merge_extents.emplace_back(r, m.last_column);
  }
  std::sort(merge_extents.begin(), merge_extents.end());
  extents.reserve(cell_extents.size() + merge_extents.size());
  std::merge(cell_extents.begin(), cell_extents.end(), merge_extents.begin(), merge_extents.end(),
             std::back_inserter(extents));
  if (extents.empty()) return Status::Ok();
  std::vector<std::pair<int, int>> row_last;  // (row, last column), one per row
  for (const auto& [row, column] : extents) {
    if (!row_last.empty() && row_last.back().first == row) {
      row_last.back().second = std::max(row_last.back().second, column);
    } else {
      row_last.emplace_back(row, column);
    }
  }
  // The table's rows: every row that holds a cell or a merged range, and the empty rows
  // between two of them — all of a short run, one for a longer run (a stray cell far down
  // costs one row, not the rows above it; the row numbers stay exact in each row's origin).
  std::vector<int> sheet_rows;  // the sheet row of each table row, ascending
  sheet_rows.reserve(row_last.size());
  int64_t grid = 0;
  for (const auto& [row, column] : row_last) {
    if (!sheet_rows.empty()) {
      const int gap = row - sheet_rows.back() - 1;
      const int kept = gap <= kKeptEmptyRows ? gap : 1;
      for (int k = 1; k <= kept; ++k) sheet_rows.push_back(sheet_rows.back() + 1);
      grid += kept;
    }
    sheet_rows.push_back(row);
    grid += column + 1;
  }
  if (grid > limits_.max_sheet_cells) return TooManyCells(name);
  workbook_cells_ += grid;
  if (workbook_cells_ > limits_.max_workbook_cells) {
    return Status::InvalidArgument(
        TrF("{}：全部工作表共超过 {} 个单元格，工作簿太大，不予读取",
            "{}: more than {} cells in all; larger workbooks are refused", file_,
            limits_.max_workbook_cells));
  }
  const auto index_of = [&](int row) {
    return static_cast<size_t>(std::lower_bound(sheet_rows.begin(), sheet_rows.end(), row) -
                               sheet_rows.begin());
  };

  int widest = 0;
  for (const auto& [row, column] : row_last) widest = std::max(widest, column + 1);
  std::vector<std::string> column_names;
  column_names.reserve(static_cast<size_t>(widest));
  for (int c = 0; c < widest; ++c) column_names.push_back(SheetColumnName(c));
  table->rows.resize(sheet_rows.size());
  for (size_t i = 0; i < table->rows.size(); ++i) {
    table->rows[i].origin.cell_ref = CellName(sheet_rows[i], 0);
  }
  for (const auto& [row, last_column] : row_last) {
    std::vector<FlatCell>& row_cells = table->rows[index_of(row)].cells;
    row_cells.resize(static_cast<size_t>(last_column + 1));
    const std::string number = std::to_string(row);
    for (int c = 0; c <= last_column; ++c) {
      FlatCell& cell = row_cells[static_cast<size_t>(c)];
      cell.column = c;
      cell.origin.cell_ref.reserve(column_names[static_cast<size_t>(c)].size() + number.size());
      cell.origin.cell_ref.append(column_names[static_cast<size_t>(c)]).append(number);
    }
  }
  const auto at = [&](int row, int column) -> FlatCell& {
    return table->rows[index_of(row)].cells[static_cast<size_t>(column)];
  };
  for (RawCell& c : cells) at(c.row, c.column).text = std::move(c.text);
  for (const Range& m : merges) {
    bool free = true;
    for (int r = m.first_row; r <= m.last_row && free; ++r) {
      for (int c = m.first_column; c <= m.last_column && free; ++c) {
        const FlatCell& cell = at(r, c);
        free = !cell.covered && cell.row_span == 1 && cell.column_span == 1;
      }
    }
    if (!free) continue;
    for (int r = m.first_row; r <= m.last_row; ++r) {
      for (int c = m.first_column; c <= m.last_column; ++c) {
        FlatCell& cell = at(r, c);
        if (r == m.first_row && c == m.first_column) {
          cell.row_span = m.last_row - m.first_row + 1;
          cell.column_span = m.last_column - m.first_column + 1;
        } else {
          cell.covered = true;
          cell.text.clear();
        }
      }
    }
  }
  return Status::Ok();
}

Result<FlatDocument> WorkbookReader::Read(std::string_view bytes) {
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::Open(bytes, file_);
  if (!zip.ok()) return zip.status();
  zip_ = std::move(zip).value();

  std::optional<std::string> workbook = FindPart("xl/workbook.xml");
  if (!workbook) {
    std::optional<std::string> main = OfficeDocumentPart();
    if (FindPart("word/document.xml") || (main && main->rfind("word/", 0) == 0)) {
      return Status::InvalidArgument(TrF(
          "{}：不是 Excel 工作簿，看起来是 Word 文档（含 word/document.xml）",
          "{}: not an Excel workbook: it looks like a Word document (word/document.xml)", file_));
    }
    workbook = main;
  }
  const auto not_a_workbook = [&] {
    return Status::InvalidArgument(TrF("{}：不是 Excel 工作簿（缺少 xl/workbook.xml）",
                                       "{}: not an Excel workbook (no xl/workbook.xml)", file_));
  };
  if (!workbook) return not_a_workbook();

  std::string buffer;
  pugi::xml_document doc;
  if (Status s = LoadXml(*workbook, &buffer, &doc); !s.ok()) return s;
  const pugi::xml_node root = doc.document_element();
  if (LocalName(root.name()) != "workbook") return not_a_workbook();
  const std::string_view date1904 = Attribute(Child(root, "workbookPr"), "date1904").value();
  date1904_ = date1904 == "1" || date1904 == "true";

  const std::string dir = Directory(*workbook);
  const std::string rels_name = dir + "_rels/" + workbook->substr(dir.size()) + ".rels";
  const std::optional<std::string> rels_part = FindPart(rels_name);
  if (!rels_part) {
    return Status::Corruption(TrF("{}：缺少 {}，找不到各工作表",
                                  "{}: no {}: the sheets cannot be located", file_, rels_name));
  }
  Result<std::map<std::string, Relationship>> rels = ReadRelationships(*rels_part);
  if (!rels.ok()) return rels.status();

  const auto part_of_type = [&](std::string_view suffix, const std::string& fallback) {
    for (const auto& [id, rel] : *rels) {
      if (EndsWith(rel.type, suffix)) {
        if (std::optional<std::string> p = FindPart(rel.target)) return p;
      }
    }
    return FindPart(dir + fallback);
  };
  if (std::optional<std::string> p = part_of_type("/sharedStrings", "sharedStrings.xml")) {
    if (Status s = ReadSharedStrings(*p); !s.ok()) return s;
  }
  if (std::optional<std::string> p = part_of_type("/styles", "styles.xml")) {
    if (Status s = ReadStyles(*p); !s.ok()) return s;
  }

  FlatDocument document;
  document.file = file_;
  document.format = "xlsx";
  Status failed;
  ForEachChild(Child(root, "sheets"), "sheet", [&](pugi::xml_node sheet) {
    if (!failed.ok()) return;
    const std::string name = Attribute(sheet, "name").value();
    const std::string id = RelationshipId(sheet).value();
    const auto rel = rels->find(id);
    if (rel == rels->end()) {
      failed = Status::Corruption(
          TrF("{}：{}：工作表“{}”引用的关系“{}”在 {} 中没有定义",
              "{}: {}: sheet \"{}\" refers to relationship \"{}\", which {} does not define", file_,
              *workbook, name, id, *rels_part));
      return;
    }
    if (!EndsWith(rel->second.type, "/worksheet")) return;  // chart and dialog sheets
    const std::optional<std::string> part = FindPart(rel->second.target);
    if (!part) {
      failed =
          Status::Corruption(TrF("{}：工作表“{}”：文件中没有 {}", "{}: sheet \"{}\": no member {}",
                                 file_, name, rel->second.target));
      return;
    }
    FlatBlock block;
    block.kind = FlatBlock::Kind::kTable;
    block.table.name = name;
    block.table.index = static_cast<int>(document.blocks.size()) + 1;
    if (failed = ReadSheet(name, *part, &block.table); !failed.ok()) return;
    document.blocks.push_back(std::move(block));
  });
  if (!failed.ok()) return failed;
  document.formulas_without_values = formulas_without_values_;
  document.formula_cells = std::move(formula_cells_);
  return document;
}

}  // namespace

Result<FlatDocument> ReadXlsx(std::string_view bytes, const std::string& file_name,
                              const XlsxLimits& limits) {
  return WorkbookReader(file_name, limits).Read(bytes);
}

std::string FormatXlsxNumber(std::string_view value, std::string_view format_code, bool date1904) {
  return FormatNumber(value, AnalyzeFormat(format_code), date1904);
}

std::string_view BuiltinXlsxFormat(int id) {
  // clang-format off
  switch (id) {
    case 0: return "General";
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 5: case 6: return "\"$\"#,##0_);(\"$\"#,##0)";
    case 7: case 8: return "\"$\"#,##0.00_);(\"$\"#,##0.00)";
    case 9: return "0%";
    case 10: return "0.00%";
    case 11: return "0.00E+00";
    case 12: return "# ?/?";
    case 13: return "# ?\?/?\?";
    case 14: return "yyyy/m/d";
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "yyyy/m/d h:mm";
    case 27: case 36: case 50: case 52: case 57: return "yyyy\"年\"m\"月\"";
    case 28: case 29: case 51: case 53: case 54: case 58: return "m\"月\"d\"日\"";
    case 30: return "m-d-yy";
    case 31: return "yyyy\"年\"m\"月\"d\"日\"";
    case 32: return "h\"时\"mm\"分\"";
    case 33: return "h\"时\"mm\"分\"ss\"秒\"";
    case 34: case 55: return "上午/下午h\"时\"mm\"分\"";
    case 35: case 56: return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
    case 37: case 38: return "#,##0 ;(#,##0)";
    case 39: case 40: return "#,##0.00;(#,##0.00)";
    case 41: return "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)";
    case 42: return "_(\"$\"* #,##0_);_(\"$\"* (#,##0);_(\"$\"* \"-\"_);_(@_)";
    case 43: return "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)";
    case 44: return "_(\"$\"* #,##0.00_);_(\"$\"* (#,##0.00);_(\"$\"* \"-\"??_);_(@_)";
    case 45: return "mm:ss";
    case 46: return "[h]:mm:ss";
    case 47: return "mm:ss.0";
    case 48: return "##0.0E+0";
    case 49: return "@";
    default: return "";
  }
  // clang-format on
}

}  // namespace jixiao
