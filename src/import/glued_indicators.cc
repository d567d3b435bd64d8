// 重庆's flat indicator list with its cells glued (see glued_indicators.h).
#include "import/glued_indicators.h"

#include <optional>

#include "base/decimal.h"
#include "base/text.h"

namespace jixiao {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool Ends(std::string_view s, std::string_view w) {
  return s.size() >= w.size() && s.substr(s.size() - w.size()) == w;
}

// The start of the code point that ends at `end` (exclusive).
size_t PreviousCodePoint(std::string_view s, size_t end) {
  size_t i = end;
  while (i > 0) {
    --i;
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) break;
  }
  return i;
}

// "12", "0.5", "72.74": digits with at most one point, no leading zero before more digits.
bool PlainFigure(std::string_view s) {
  if (s.empty() || !IsDigit(s[0]) || !IsDigit(s.back())) return false;
  size_t points = 0;
  for (char c : s) {
    if (c == '.') {
      ++points;
    } else if (!IsDigit(c)) {
      return false;
    }
  }
  return points <= 1 && !(s.size() > 1 && s[0] == '0' && s[1] != '.');
}

// The start of the figure (digits and points) that ends at `end`, or `end` when none.
size_t FigureStart(std::string_view s, size_t end) {
  size_t i = end;
  while (i > 0 && (IsDigit(s[i - 1]) || s[i - 1] == '.')) --i;
  while (i < end && s[i] == '.') ++i;
  return i;
}

// Words of judgement a qualitative target and result are written with.
constexpr std::string_view kJudgements[] = {"完成", "达标", "合格", "有效", "及时", "规范",
                                            "健全", "满意", "高",   "好",   "优",   "良",
                                            "中",   "低",   "差",   "是",   "否"};

// One value glued at the end of `body` (before `end`): its start, or `end` when none.
size_t ValueStart(std::string_view body, size_t end) {
  if (end == 0) return end;
  const std::string_view s = body.substr(0, end);
  if (s.back() == '%') {
    const size_t f = FigureStart(s, end - 1);
    return f < end - 1 && PlainFigure(s.substr(f, end - 1 - f)) ? f : end;
  }
  if (IsDigit(s.back())) {
    const size_t f = FigureStart(s, end);
    return PlainFigure(s.substr(f, end - f)) ? f : end;
  }
  // A unit of one or two characters after a figure.
  size_t u = end;
  for (int chars = 0; chars < 2 && u > 0; ++chars) {
    const size_t p = PreviousCodePoint(s, u);
    if (static_cast<unsigned char>(s[p]) < 0x80) break;
    u = p;
    const size_t f = FigureStart(s, u);
    if (f < u && PlainFigure(s.substr(f, u - f))) return f;
  }
  return end;
}

// A weight and a score glued ("22", "1010"), cut where score = weight × coefficient.
std::optional<std::pair<std::string, std::string>> CutWeightAndScore(std::string_view run,
                                                                     const Decimal& percent) {
  std::optional<std::pair<std::string, std::string>> found;
  for (size_t i = 1; i < run.size(); ++i) {
    const std::string_view w = run.substr(0, i), sc = run.substr(i);
    if (!PlainFigure(w) || !PlainFigure(sc)) continue;
    const std::optional<Decimal> wv = Decimal::Parse(w), sv = Decimal::Parse(sc);
    if (!wv || !sv || *wv > Decimal::FromInt(100) || *sv > *wv || sv->scale() > 2) continue;
    const Decimal exact = Decimal::Divide(*wv * percent, Decimal::FromInt(100), sv->scale() + 6,
                                          Rounding::kHalfUp);
    if (!exact.RoundsTo(*sv)) continue;
    if (found) return std::nullopt;  // two cuts: not guessed
    found = std::make_pair(std::string(w), std::string(sc));
  }
  return found;
}

// The row that ends somewhere in s[pos, pos + kLongestGluedRow): its end (after 是 / 否) and
// cells; nullopt when there is none.
struct RowRead {
  size_t end = 0;
  GluedListRow row;
};

std::optional<RowRead> ReadRow(std::string_view s, size_t pos) {
  const size_t limit = std::min(s.size(), pos + kLongestGluedRow);
  for (size_t q = pos; q < limit;) {
    const size_t yes = s.find("是", q), no = s.find("否", q);
    const size_t at = std::min(yes, no);
    if (at == std::string_view::npos || at >= limit) return std::nullopt;
    q = at + 3;
    // Backwards: the glued weight and score, '%', the coefficient.
    size_t w = at;
    while (w > pos && (IsDigit(s[w - 1]) || s[w - 1] == '.')) --w;
    if (at - w < 2 || w == pos || s[w - 1] != '%') continue;
    // The coefficient is at most 100 with its decimals; digits before it are the result's
    // ("3%0100%": a result of 0, then 100 %).
    size_t c = FigureStart(s, w - 1);
    while (c < w - 1 && !(PlainFigure(s.substr(c, w - 1 - c)) &&
                          Decimal::Parse(s.substr(c, w - 1 - c)).value_or(Decimal()) <=
                              Decimal::FromInt(100))) {
      ++c;
    }
    const std::string_view coefficient = s.substr(c, w - 1 - c);
    if (c <= pos || coefficient.empty()) continue;
    const std::optional<Decimal> percent = Decimal::Parse(coefficient);
    if (!percent) continue;
    const auto cut = CutWeightAndScore(s.substr(w, at - w), *percent);
    if (!cut) return std::nullopt;
    std::string_view body = s.substr(pos, c - pos);
    if (body.find("。") != std::string_view::npos) return std::nullopt;
    if (body.substr(0, 12) == "绩效指标") body.remove_prefix(12);  // the form's left label
    RowRead r;
    r.end = at + 3;
    r.row[6] = std::string(coefficient) + "%";
    r.row[7] = cut->first;
    r.row[8] = cut->second;
    r.row[9] = std::string(s.substr(at, 3));
    // The values glued at the end of the body, from the right.
    std::vector<std::string_view> values;
    size_t end = body.size();
    while (values.size() < 3) {
      bool doubled = false;
      for (std::string_view j : kJudgements) {
        const std::string twice = std::string(j) + std::string(j);
        if (Ends(body.substr(0, end), twice) && values.empty()) {
          values.push_back(j);
          values.push_back(j);
          end -= twice.size();
          doubled = true;
          break;
        }
      }
      if (doubled) break;
      const size_t v = ValueStart(body, end);
      if (v == end) break;
      values.insert(values.begin(), body.substr(v, end - v));
      end = v;
    }
    std::string_view rest = body.substr(0, end);
    for (std::string_view nature : {"定量指标", "定性指标"}) {
      if (Ends(rest, nature)) {
        r.row[2] = std::string(nature);
        rest.remove_suffix(nature.size());
        break;
      }
    }
    // The unit: '%', or the values' own unit.
    std::string unit;
    if (Ends(rest, "%")) {
      unit = "%";
    } else if (!values.empty()) {
      const std::string_view last = values.back();
      size_t f = 0;
      while (f < last.size() && (IsDigit(last[f]) || last[f] == '.')) ++f;
      if (f > 0 && f < last.size() && last.back() != '%' && Ends(rest, last.substr(f))) {
        unit = std::string(last.substr(f));
      }
    }
    rest.remove_suffix(unit.size());
    r.row[1] = unit;
    r.row[0] = std::string(TrimBlank(rest));
    if (r.row[0].empty()) return std::nullopt;
    if (values.size() == 1) {
      r.row[5] = std::string(values[0]);
    } else if (values.size() == 2) {
      r.row[3] = std::string(values[0]);
      r.row[5] = std::string(values[1]);
    } else if (values.size() == 3) {
      r.row[3] = std::string(values[0]);
      r.row[4] = std::string(values[1]);
      r.row[5] = std::string(values[2]);
    }
    return r;
  }
  return std::nullopt;
}

// A sharing site's page number opening a line: "3、".
size_t PageNumberLength(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && i < 3 && IsDigit(line[i])) ++i;
  return i > 0 && line.substr(i, 3) == "、" ? i + 3 : 0;
}

}  // namespace

const GluedListRow& GluedListHeader() {
  static const GluedListRow header = {"指标名称",     "计量单位",     "指标性质",
                                      "年初指标值",   "调整指标值",   "全年完成值",
                                      "得分系数(%)",  "指标权重(分)", "指标得分(分)",
                                      "是否核心指标"};
  return header;
}

GluedIndicatorList ReadGluedIndicatorList(const std::vector<std::string_view>& lines,
                                          bool to_end) {
  GluedIndicatorList out;
  if (lines.empty()) return out;
  const std::string_view first = lines[0];
  const size_t name = first.find("指标名称");
  if (name == std::string_view::npos) return out;
  const size_t core = first.find("是否核心指标", name);
  const size_t coefficient = first.find("得分系数", name);
  if (core == std::string_view::npos || coefficient == std::string_view::npos ||
      coefficient > core || core - name > kLongestGluedRow) {
    return out;
  }
  const size_t header_end = core + std::string_view("是否核心指标").size();
  // One stream of the rows' text, each line's part remembered.
  struct Part {
    size_t line;    // index into `lines`
    size_t from;    // where in the stream it starts
    size_t offset;  // where in its line
  };
  std::string stream(first.substr(header_end));
  std::vector<Part> parts = {{0, 0, header_end}};
  const size_t most = std::min(lines.size(), kMostGluedListLines);
  size_t pos = 0;
  size_t taken_parts = 1;  // parts joined so far
  const auto part_of = [&](size_t at) {
    size_t p = 0;
    while (p + 1 < parts.size() && parts[p + 1].from <= at) ++p;
    return p;
  };
  while (true) {
    std::optional<RowRead> row = ReadRow(stream, pos);
    if (!row && taken_parts < most && stream.size() - pos <= kLongestGluedRow) {
      // The row may go on over the next line.
      const std::string_view next = lines[taken_parts];
      const size_t marker = PageNumberLength(next);
      parts.push_back({taken_parts, stream.size(), marker});
      stream += next.substr(marker);
      ++taken_parts;
      continue;
    }
    if (!row) break;
    out.rows.push_back(std::move(row->row));
    out.row_lines.push_back(parts[part_of(row->end - 1)].line);  // where the row ends
    pos = row->end;
  }
  if (out.rows.empty()) return out;
  out.before = TrimBlank(first.substr(0, name));
  out.header_written = first.substr(name, header_end - name);
  // Where the list ends: `pos` in the stream, at the end of a line rather than at the start
  // of the next (a line joined and not used is not taken).
  size_t end_part = part_of(pos);
  if (end_part > 0 && parts[end_part].from == pos) --end_part;
  const Part& last = parts[end_part];
  const std::string_view left = TrimBlank(std::string_view(stream).substr(pos));
  const bool all_lines = taken_parts == lines.size();
  if (to_end && all_lines && !left.empty() && left.size() <= 60 &&
      left.find_first_of("0123456789。，,") == std::string_view::npos) {
    out.cut = std::string(left);
    out.lines = lines.size();
    return out;
  }
  // The text after the last row, on the line it ends on.
  const size_t in_line = last.offset + (pos - last.from);
  out.lines = last.line + 1;
  out.rest = TrimBlank(lines[last.line].substr(std::min(in_line, lines[last.line].size())));
  return out;
}

}  // namespace jixiao
