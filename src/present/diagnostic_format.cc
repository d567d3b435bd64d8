// Text and JSON views of diagnostics.
#include "present/diagnostic_format.h"

#include <fmt/format.h>

#include <iterator>

#include "base/json_text.h"
#include "base/text.h"
#include "check/codes.h"
#include "model/names.h"

namespace jixiao {
namespace {

std::string Shown(const std::string& cell, bool zh) {
  if (IsBlank(cell)) return zh ? "（空）" : "(blank)";
  return std::string(TrimBlank(cell));
}

// "  > 三公经费 | 0.67 | 0.68 | 0.69" and a caret line under the marked cell.
std::string QuoteRow(const Location& loc, bool zh) {
  if (loc.row_cells.empty()) return "";
  const std::string prefix = "  > ";
  std::string line = prefix;
  int mark_from = -1, mark_width = 0;
  for (size_t i = 0; i < loc.row_cells.size(); ++i) {
    if (i) line += " | ";
    const std::string cell = Shown(loc.row_cells[i], zh);
    if (static_cast<int>(i) == loc.mark_cell) {
      mark_from = DisplayWidth(line);
      mark_width = std::max(1, DisplayWidth(cell));
    }
    line += cell;
  }
  std::string out = line + "\n";
  if (mark_from >= 0) {
    out += std::string(static_cast<size_t>(mark_from), ' ') +
           std::string(static_cast<size_t>(mark_width), '^') + "\n";
  }
  return out;
}

std::string QuoteSentence(const Location& loc) {
  if (loc.sentence.empty()) return "";
  std::string out = "  > " + loc.sentence + "\n";
  if (loc.span_begin >= 0 && loc.span_end > loc.span_begin &&
      static_cast<size_t>(loc.span_end) <= loc.sentence.size()) {
    const int before = DisplayWidth(loc.sentence.substr(0, loc.span_begin));
    const int width =
        DisplayWidth(loc.sentence.substr(loc.span_begin, loc.span_end - loc.span_begin));
    out += "    " + std::string(static_cast<size_t>(before), ' ') +
           std::string(static_cast<size_t>(std::max(1, width)), '^') + "\n";
  }
  return out;
}

// A source's text as SourceText quotes it: trimmed (by the caller), line breaks shown as
// spaces.
void AppendQuoted(std::string* out, std::string_view shown) {
  const size_t from = out->size();
  out->append(shown);
  for (size_t i = from; i < out->size(); ++i) {
    if ((*out)[i] == '\n') (*out)[i] = ' ';
  }
}

// Whether `reported` is `shown` as AppendQuoted writes it (compared in place: a long
// paragraph is not copied to be compared).
bool SameAsQuoted(std::string_view shown, std::string_view reported) {
  if (shown.size() != reported.size()) return false;
  for (size_t i = 0; i < shown.size(); ++i) {
    if ((shown[i] == '\n' ? ' ' : shown[i]) != reported[i]) return false;
  }
  return true;
}

}  // namespace

std::string SourceText(const SourceRef& s, bool zh) {
  std::string out;
  auto part = [&out](std::string_view text) {
    if (!out.empty()) out += " › ";
    out += text;
  };
  if (!s.file.empty()) part(s.file);
  if (!s.table.empty()) {
    // Tables of a text or Word file are numbered "表1", "表2" by the importer.
    const bool numbered = s.table.rfind("表", 0) == 0 && s.table.size() > 3 &&
                          s.table.find_first_not_of("0123456789", 3) == std::string::npos;
    part(numbered && !zh ? "table " + s.table.substr(3) : s.table);
  }
  if (s.row > 0) part(zh ? fmt::format("第{}行", s.row) : fmt::format("row {}", s.row));
  if (s.column > 0) {
    part(zh ? fmt::format("第{}列", s.column) : fmt::format("column {}", s.column));
  }
  if (s.paragraph > 0) {
    part(zh ? fmt::format("第{}段", s.paragraph) : fmt::format("paragraph {}", s.paragraph));
  }
  if (s.line > 0) part(zh ? fmt::format("文本第{}行", s.line) : fmt::format("line {}", s.line));
  if (const std::string_view shown = TrimBlank(s.text); !shown.empty()) {
    out += zh ? "：“" : ": \"";
    AppendQuoted(&out, shown);
    out += zh ? "”" : "\"";
  }
  return out;
}

std::string LocationPath(const Location& loc, const FormatOptions& o) {
  std::string out;
  const auto part = [&](std::string_view text) {
    if (!out.empty()) out += " › ";
    out += text;
  };
  if (!loc.document.empty()) part(DocumentName(loc.document, o.zh));
  if (!loc.table.empty()) part(TableName(loc.table, o.zh));
  if (!loc.row.empty()) part(loc.row);
  if (!loc.column.empty()) part(ColumnName(loc.column, o.fiscal_year, o.zh));
  return out;
}

std::string FormatDiagnosticText(const Diagnostic& d, const FormatOptions& o) {
  const CodeInfo* info = FindCode(d.code);
  std::string out;
  out += fmt::format("{}{} {} [{}]\n", d.file.empty() ? "" : d.file + ": ",
                     SeverityName(d.severity, o.zh), d.code, info ? info->slug : "");
  out += fmt::format("  {}{}", o.zh ? "位置：" : "at: ", LocationPath(d.location, o));
  if (!d.location.pointer.empty()) out += fmt::format(" ({})", d.location.pointer);
  out += "\n";
  if (d.location.source) {
    out += o.zh ? "  原文：" : "  source: ";
    out += SourceText(*d.location.source, o.zh);
    out += '\n';
  }
  out += QuoteRow(d.location, o.zh);
  out += QuoteSentence(d.location);
  for (const Location& r : d.related) {
    out += fmt::format("  {}{}\n", o.zh ? "相关：" : "see also: ", LocationPath(r, o));
  }
  out += "  " + d.message(o.zh) + "\n";
  std::vector<std::string> figures;
  // "填报 X" alone would repeat what the 原文 line quotes (an importer's note on a paragraph or a
  // cell): shown once. Beside a computed figure it stays, to be read against it.
  const bool only_repeats_source = d.computed.empty() && d.tolerance.empty() && d.location.source &&
                                   SameAsQuoted(TrimBlank(d.location.source->text), d.reported);
  if (!d.reported.empty() && !only_repeats_source) {
    figures.push_back((o.zh ? "填报 " : "reported ") + d.reported);
  }
  if (!d.computed.empty()) figures.push_back((o.zh ? "复算 " : "computed ") + d.computed);
  if (!d.tolerance.empty()) figures.push_back((o.zh ? "容差 " : "tolerance ") + d.tolerance);
  if (!figures.empty()) {
    out += "  ";
    for (size_t i = 0; i < figures.size(); ++i) out += (i ? (o.zh ? "；" : "; ") : "") + figures[i];
    out += "\n";
  }
  if (!d.hint(o.zh).empty())
    out += fmt::format("  {}{}\n", o.zh ? "建议：" : "hint: ", d.hint(o.zh));
  out += "\n";
  return out;
}

std::string FormatDiagnosticBrief(const Diagnostic& d, const FormatOptions& o) {
  const CodeInfo* info = FindCode(d.code);
  std::string out;
  out.reserve(256);  // a line seldom needs more
  if (!d.file.empty()) out.append(d.file).append(": ");
  fmt::format_to(std::back_inserter(out), "{} {} [{}] ", SeverityName(d.severity, o.zh), d.code,
                 info ? info->slug : "");
  out += LocationPath(d.location, o);
  if (!d.location.pointer.empty()) out.append(" (").append(d.location.pointer).append(")");
  const Location& l = d.location;
  const auto quote = [&](std::string_view text) { out.append(" «").append(text).append("»"); };
  if (l.span_begin >= 0 && l.span_end > l.span_begin &&
      static_cast<size_t>(l.span_end) <= l.sentence.size()) {
    quote(std::string_view(l.sentence).substr(l.span_begin, l.span_end - l.span_begin));
  } else if (l.mark_cell >= 0 && static_cast<size_t>(l.mark_cell) < l.row_cells.size() &&
             !IsBlank(l.row_cells[l.mark_cell])) {
    quote(TrimBlank(l.row_cells[l.mark_cell]));
  }
  if (!d.reported.empty()) out.append(o.zh ? " 填报 " : " reported ").append(d.reported);
  if (!d.computed.empty()) out.append(o.zh ? " 复算 " : " computed ").append(d.computed);
  if (d.location.source) {
    SourceRef place = *d.location.source;  // the place only; the long view quotes the text
    place.text.clear();
    const std::string source = SourceText(place, o.zh);
    if (!source.empty()) out.append(o.zh ? " 原文：" : " source: ").append(source);
  }
  out += '\n';
  return out;
}

namespace {

void AppendLocationJson(std::string* out, const Location& loc, const FormatOptions& o) {
  JsonObjectWriter j(out);
  j.String("document", loc.document);
  j.String("table", loc.table);
  j.String("row", loc.row);
  j.String("column", loc.column);
  j.String("pointer", loc.pointer);
  j.String("path", LocationPath(loc, o));
  if (!loc.section.empty()) j.String("section", loc.section);
  if (loc.source) {
    const SourceRef& s = *loc.source;
    JsonObjectWriter src(j.Key("source"));
    src.String("file", s.file);
    src.String("table", s.table);
    src.Int("row", s.row);
    src.Int("column", s.column);
    src.Int("line", s.line);
    src.Int("paragraph", s.paragraph);
    src.String("text", s.text);
    src.Close();
  }
  if (!loc.sentence.empty()) {
    j.String("sentence", loc.sentence);
    std::string* span = j.Key("span");
    span->push_back('[');
    AppendJsonInt(span, loc.span_begin);
    span->push_back(',');
    AppendJsonInt(span, loc.span_end);
    span->push_back(']');
  }
  j.Close();
}

}  // namespace

void AppendDiagnosticJson(std::string* out, const Diagnostic& d, const FormatOptions& o) {
  const CodeInfo* info = FindCode(d.code);
  JsonObjectWriter j(out);
  j.String("code", d.code);
  j.String("slug", info ? std::string_view(info->slug) : std::string_view());
  j.String("severity", SeverityKey(d.severity));
  AppendLocationJson(j.Key("location"), d.location, o);
  std::string* related = j.Key("related");
  related->push_back('[');
  for (size_t i = 0; i < d.related.size(); ++i) {
    if (i) related->push_back(',');
    AppendLocationJson(related, d.related[i], o);
  }
  related->push_back(']');
  j.String("reported", d.reported);
  j.String("computed", d.computed);
  j.String("tolerance", d.tolerance);
  j.String("message", d.message(o.zh));
  j.String("hint", d.hint(o.zh));
  if (!d.file.empty()) j.String("file", d.file);
  j.Close();
}

nlohmann::ordered_json LocationJson(const Location& loc, const FormatOptions& o) {
  std::string text;
  AppendLocationJson(&text, loc, o);
  return nlohmann::ordered_json::parse(text);
}

nlohmann::ordered_json DiagnosticJson(const Diagnostic& d, const FormatOptions& o) {
  std::string text;
  AppendDiagnosticJson(&text, d, o);
  return nlohmann::ordered_json::parse(text);
}

}  // namespace jixiao
