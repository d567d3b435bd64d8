// Text importer: a line-oriented state machine over paragraphs and table rows.
#include "import/text_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

#include "base/lang.h"
#include "base/number_text.h"
#include "base/text.h"
#include "import/figure_stream.h"
#include "import/glued_cells.h"
#include "import/glued_indicators.h"
#include "import/indicator_runs.h"
#include "import/inline_headings.h"
#include "import/loose_tables.h"
#include "import/text_encoding.h"
#include "import/text_noise.h"
#include "import/weighted_labels.h"

namespace jixiao {
namespace {

struct Line {
  std::string_view text;  // into the decoded text, or into SplitLines' store
  int number = 0;         // 1-based
};

// Removes Word's "[bookmark: NAME]" markers.
std::string DropBookmarks(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t at = s.find("[bookmark:", pos);
    if (at == std::string_view::npos) break;
    const size_t close = s.find(']', at);
    if (close == std::string_view::npos) break;
    out.append(s.substr(pos, at - pos));
    pos = close + 1;
  }
  out.append(s.substr(pos));
  return out;
}

// Longer than any figure can be once trimmed (24 digits, 18 decimals, separators, sign and
// '%', each up to 3 bytes in full width): such a text is never a figure, unparsed.
constexpr size_t kLongestFigure = 256;

// A text, trimmed of blanks, that is a figure or an empty marker: a line that is not one does
// not continue a figure cell (it is the next paragraph: "99.8" then the report's title).
bool IsFigureOrEmptyTrimmed(std::string_view t) {
  if (t.empty() || t == "——" || t == "—" || t == "/" || t == "-") return true;
  return t.size() <= kLongestFigure && ParseDocumentNumber(t).ok;
}

bool IsFigureOrEmpty(std::string_view text) { return IsFigureOrEmptyTrimmed(TrimBlank(text)); }

std::vector<std::string> SplitPipes(std::string_view line) {
  std::vector<std::string> cells;
  std::string_view s = TrimBlank(line);
  if (!s.empty() && s.front() == '|') s.remove_prefix(1);
  if (!s.empty() && s.back() == '|') s.remove_suffix(1);
  size_t start = 0;
  while (true) {
    const size_t bar = s.find('|', start);
    cells.emplace_back(s.substr(start, bar == std::string_view::npos ? bar : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return cells;
}

bool IsPipeRow(std::string_view line) {
  size_t bars = 0;
  for (char c : line) bars += c == '|';
  return bars >= 2;
}

bool IsMarkdownRule(const std::vector<std::string>& cells) {
  for (const std::string& c : cells) {
    const std::string_view t = TrimBlank(c);
    if (t.empty()) continue;
    for (char ch : t) {
      if (ch != '-' && ch != ':') return false;
    }
  }
  return true;
}

// "编制数    8    7    87.5%": three or more short cells separated by runs of ≥2 spaces.
bool SplitSpaceRuns(std::string_view line, std::vector<std::string>* cells) {
  const std::string_view s = TrimBlank(line);
  if (s.find("。") != std::string_view::npos || s.find('\t') != std::string_view::npos) {
    return false;
  }
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size()) {
      if (s[j] == ' ' && j + 1 < s.size() && s[j + 1] == ' ') break;
      if (s.substr(j, 6) == "　　") break;  // two ideographic spaces
      ++j;
    }
    out.emplace_back(s.substr(i, j - i));
    while (j < s.size() && (s[j] == ' ' || s.substr(j, 3) == "　")) j += s[j] == ' ' ? 1 : 3;
    i = j;
  }
  if (out.size() < 3) return false;
  for (const std::string& c : out) {
    if (DisplayWidth(c) > 40) return false;
  }
  *cells = std::move(out);
  return true;
}

class Builder {
 public:
  explicit Builder(FlatDocument* doc) : doc_(doc) {}

  void Paragraph(const Line& line) {
    CloseTable();
    FlatBlock block;
    block.kind = FlatBlock::Kind::kParagraph;
    block.paragraph.text = std::string(line.text);
    block.paragraph.origin.line = line.number;
    doc_->blocks.push_back(std::move(block));
  }

  // Starts a cell (a tab line); `text` may hold further tab-separated cells.
  void TabCell(const Line& line, std::string_view text) {
    OpenRow(line.number);
    size_t start = 0;
    while (true) {
      const size_t tab = text.find('\t', start);
      AddCell(std::string(text.substr(start, tab == std::string_view::npos ? tab : tab - start)),
              line.number);
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
  }

  // A whole row on one line ('|' or space runs).
  // `written`: the row as written when the reader gives it in other words (a header whose
  // words OCR scrambled), kept on its first cell.
  void WholeRow(const Line& line, std::vector<std::string> cells, std::string written = "") {
    OpenRow(line.number);
    for (std::string& c : cells) AddCell(std::move(c), line.number);
    if (!written.empty() && !CurrentRow().cells.empty()) {
      CurrentRow().cells.front().written = std::move(written);
    }
    EndRow();
  }

  // The header row of rows that came without one (import/indicator_runs.h): a row of its own
  // table, marked as supplied by the reader.
  void SuppliedHeader(const Line& line, std::vector<std::string> cells) {
    CloseTable();
    WholeRow(line, std::move(cells));
    doc_->blocks.back().table.rows.back().supplied = true;
  }

  // A row of a table read from a stream of words (import/figure_stream.h), its repairs and
  // whether its figures' columns are unknown kept.
  void StreamRow(const Line& line, const jixiao::StreamRow& row) {
    OpenRow(line.number);
    for (const StreamCell& c : row.cells) {
      AddCell(c.text, line.number);
      CurrentRow().cells.back().written = c.written;
    }
    CurrentRow().unaligned = row.unaligned;
    EndRow();
  }

  bool InRow() const { return row_open_; }
  bool InTable() const { return table_open_; }

  // Whether the last cell holds a figure (not blank, and a number or an empty marker): kept
  // as the cell grows, so that a cell of many lines is not read again for every line.
  bool LastCellIsFigure() const {
    if (last_core_begin_ == std::string::npos) return false;
    const std::string& text = doc_->blocks.back().table.rows.back().cells.back().text;
    return IsFigureOrEmptyTrimmed(
        std::string_view(text).substr(last_core_begin_, last_core_end_ - last_core_begin_));
  }

  // Continues the last cell with another line.
  void ContinueLastCell(std::string_view line) {
    std::string& text = CurrentRow().cells.back().text;
    text += '\n';
    NoteCore(text.size(), line);
    text += line;
  }

  void EndRow() { row_open_ = false; }

  void CloseTable() {
    row_open_ = false;
    table_open_ = false;
  }

 private:
  FlatRow& CurrentRow() { return doc_->blocks.back().table.rows.back(); }

  void OpenRow(int line) {
    if (!table_open_) {
      FlatBlock block;
      block.kind = FlatBlock::Kind::kTable;
      block.table.index = ++tables_;
      doc_->blocks.push_back(std::move(block));
      table_open_ = true;
    }
    if (!row_open_) {
      FlatRow row;
      row.origin.line = line;
      doc_->blocks.back().table.rows.push_back(std::move(row));
      row_open_ = true;
    }
  }

  void AddCell(std::string text, int line) {
    FlatRow& row = CurrentRow();
    FlatCell cell;
    cell.text = std::move(text);
    cell.column = static_cast<int>(row.cells.size());
    cell.origin.line = line;
    last_core_begin_ = std::string::npos;
    NoteCore(0, cell.text);
    row.cells.push_back(std::move(cell));
  }

  // The last cell's text without its leading and trailing blanks is [begin, end): `piece`,
  // placed at byte `at` of the cell, extends it when it is not blank.
  void NoteCore(size_t at, std::string_view piece) {
    const std::string_view core = TrimBlank(piece);
    if (core.empty()) return;
    const size_t begin = at + static_cast<size_t>(core.data() - piece.data());
    if (last_core_begin_ == std::string::npos) last_core_begin_ = begin;
    last_core_end_ = begin + core.size();
  }

  FlatDocument* doc_;
  bool table_open_ = false;
  bool row_open_ = false;
  int tables_ = 0;
  size_t last_core_begin_ = std::string::npos;  // the last cell's non-blank part; npos: blank
  size_t last_core_end_ = 0;
};

// An empty paragraph at the end of a cell flattens to an empty line, which reads as the end
// of a row: the row breaks in two. Two adjacent rows that are each shorter than a neighbour
// and together exactly as long are joined back into one (never an unaligned row: its
// shortness is how it was written). One pass, rows moved once.
void RejoinBrokenRows(FlatTable* table) {
  std::vector<FlatRow>& rows = table->rows;
  std::vector<FlatRow> out;
  out.reserve(rows.size());
  for (size_t r = 0; r < rows.size();) {
    if (r + 1 < rows.size()) {
      const size_t a = rows[r].cells.size();
      const size_t b = rows[r + 1].cells.size();
      const size_t before = out.empty() ? 0 : out.back().cells.size();
      const size_t after = r + 2 < rows.size() ? rows[r + 2].cells.size() : 0;
      const size_t joined = a + b;
      const bool whole = rows[r].unaligned || rows[r + 1].unaligned;  // kept as read
      if (!whole && ((joined == before && a < before && b < before) ||
                     (joined == after && a < after && b < after))) {
        for (FlatCell& cell : rows[r + 1].cells) {
          cell.column = static_cast<int>(rows[r].cells.size());
          rows[r].cells.push_back(std::move(cell));
        }
        out.push_back(std::move(rows[r]));
        r += 2;
        continue;
      }
    }
    out.push_back(std::move(rows[r]));
    ++r;
  }
  rows = std::move(out);
}

// The text's lines, without Word's bookmarks and without the '\r' of a CRLF: views into
// `text`, or into `store` for a line whose bookmarks were dropped.
std::vector<Line> SplitLines(std::string_view text, std::deque<std::string>* store) {
  std::vector<Line> lines;
  int number = 0;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (raw.find("[bookmark:") != std::string_view::npos) {
      store->push_back(DropBookmarks(raw));
      raw = store->back();
    }
    lines.push_back(Line{raw, ++number});
    start = end + 1;
  }
  return lines;
}

// Page headers are told by repetition: a line that stands next to a page number (the nearest
// non-blank line before or after it) at least twice, with the same text. Shorter texts are too
// likely to be table cells that happen to end a page.
constexpr size_t kShortestPageHeader = 12;  // bytes: four Chinese characters
constexpr size_t kLongestPageHeader = 240;

// Marks the lines that are not content (text_noise.h) and lists them in `skipped`.
std::vector<bool> SkipNotContent(const std::vector<Line>& lines,
                                 std::vector<FlatSkipped>* skipped) {
  std::vector<std::optional<FlatSkipped::Why>> why(lines.size());
  std::vector<size_t> page_numbers;
  for (size_t k = 0; k < lines.size(); ++k) {
    why[k] = NotContent(lines[k].text);
    if (why[k] == FlatSkipped::Why::kPageNumber) page_numbers.push_back(k);
  }
  // The nearest content line on each side of every page number.
  const auto neighbours = [&](size_t p, auto&& visit) {
    for (int dir : {-1, 1}) {
      for (size_t k = p; dir < 0 ? k > 0 : k + 1 < lines.size();) {
        k = dir < 0 ? k - 1 : k + 1;
        if (IsBlank(lines[k].text)) continue;
        if (!why[k]) visit(k);
        break;
      }
    }
  };
  const auto header_text = [&](size_t k) -> std::string_view {
    const std::string_view t = TrimBlank(lines[k].text);
    if (lines[k].text[0] == '\t' || t.size() < kShortestPageHeader ||
        t.size() > kLongestPageHeader || IsFigureOrEmptyTrimmed(t)) {
      return {};
    }
    return t;
  };
  std::unordered_map<std::string_view, int> seen;
  for (size_t p : page_numbers) {
    neighbours(p, [&](size_t k) {
      if (const std::string_view t = header_text(k); !t.empty()) ++seen[t];
    });
  }
  for (size_t p : page_numbers) {
    neighbours(p, [&](size_t k) {
      const std::string_view t = header_text(k);
      if (!t.empty() && seen[t] >= 2) why[k] = FlatSkipped::Why::kPageHeader;
    });
  }
  std::vector<bool> skip(lines.size(), false);
  for (size_t k = 0; k < lines.size(); ++k) {
    if (!why[k]) continue;
    skip[k] = true;
    skipped->push_back(
        FlatSkipped{lines[k].number, std::string(TrimBlank(lines[k].text)), *why[k]});
  }
  return skip;
}

// How many lines after lines[k] (a '|' row that does not end with '|') continue it: up to the
// first that ends with '|', at most kWrappedPipeLines; 0 when none does, or when a blank line,
// a tab line or another '|' row comes first.
constexpr size_t kWrappedPipeLines = 6;
size_t WrappedPipeRow(const std::vector<Line>& lines, const std::vector<bool>& skip, size_t k) {
  const std::string_view first = TrimBlank(lines[k].text);
  if (first.empty() || first.front() != '|' || first.back() == '|') return 0;
  for (size_t w = k + 1; w < lines.size() && w <= k + kWrappedPipeLines; ++w) {
    if (skip[w]) continue;
    const std::string_view t = TrimBlank(lines[w].text);
    if (t.empty() || lines[w].text[0] == '\t' || t.front() == '|') return 0;
    if (t.back() == '|') return w - k;
  }
  return 0;
}

// Whether a cell holds what a repair changes: a look-alike letter, a blank inside it, or an '='
// ("=<", "＝＜"). Most cells do not, and are not read further.
bool MayNeedRepair(std::string_view text) {
  bool blank = false;
  for (char c : text) {
    if (c == 'O' || c == 'o' || c == 'l' || c == 'I' || c == '=') return true;
    blank = blank || c == ' ';
  }
  if (text.find("\xef\xbc\x9d") != std::string_view::npos) return true;  // ＝
  // A blank inside the cell, not only around it (U+3000 too).
  if (!blank && text.find("\xe3\x80\x80") == std::string_view::npos) return false;
  const std::string_view t = TrimBlank(text);
  return t.find(' ') != std::string_view::npos || t.find("\xe3\x80\x80") != std::string_view::npos;
}

// A cell that starts with a comparator or a digit: a target or a result ("≥9O%", "1O次").
bool StartsLikeTarget(std::string_view text) {
  const std::string head = FoldWidth(TrimBlank(text).substr(0, 6));
  if (head.empty()) return false;
  if (head[0] >= '0' && head[0] <= '9') return true;
  for (std::string_view op : {"≥", "≤", "≧", "≦", ">", "<", "="}) {
    if (head.rfind(op, 0) == 0) return true;
  }
  return false;
}

// OCR noise in table cells, repaired where one reading is possible (text_noise.h): a figure
// ("1OO%", "2 5"), or a target or result ("=>6次", "≥9O%", "1O次"). The written text is kept.
void RepairCells(FlatTable* table) {
  for (FlatRow& row : table->rows) {
    for (FlatCell& cell : row.cells) {
      if (!MayNeedRepair(cell.text)) continue;
      std::optional<std::string> fixed = RepairFigure(cell.text, /*delimited=*/true);
      if (!fixed && StartsLikeTarget(cell.text)) fixed = RepairTarget(cell.text);
      if (!fixed) continue;
      cell.written = std::move(cell.text);
      cell.text = std::move(*fixed);
    }
  }
}

}  // namespace

Result<FlatDocument> ReadText(std::string_view bytes, const std::string& file_name) {
  if (bytes.empty()) {
    return Status::InvalidArgument(TrF("{}：文件是空的", "{}: empty file", file_name));
  }
  Result<DecodedText> decoded = DecodeText(bytes, file_name);
  if (!decoded.ok()) return decoded.status();
  const std::string_view text = decoded->text();

  FlatDocument doc;
  doc.file = file_name;
  doc.format = "text";
  doc.encoding = std::string(TextEncodingName(decoded->encoding));
  std::deque<std::string> store;
  const std::vector<Line> lines = SplitLines(text, &store);
  std::vector<bool> skip = SkipNotContent(lines, &doc.skipped);
  Builder b(&doc);
  bool headings_on_lines = false;  // a line has started with 一、
  for (size_t k = 0; k < lines.size(); ++k) {
    if (skip[k]) continue;
    const Line& line = lines[k];
    const std::string_view t = line.text;
    if (!t.empty() && t[0] == '\t') {
      b.TabCell(line, std::string_view(t).substr(1));
      continue;
    }
    // Only an empty line ends a row: a line holding just U+3000 is an empty paragraph of a
    // cell, which Word writes as the ideographic space.
    if (t.find_first_not_of(" \t\r") == std::string::npos) {
      b.EndRow();
      continue;
    }
    if (b.InRow()) {
      // A line without a tab continues the cell above, unless that cell is a figure and this
      // line is not: then the table has ended.
      if (!b.LastCellIsFigure() || IsFigureOrEmpty(t)) {
        b.ContinueLastCell(t);
        continue;
      }
      b.Paragraph(line);
      continue;
    }
    if (IsPipeRow(t)) {
      // A long cell wrapped: the row goes on over the next lines up to one that ends with '|'.
      const size_t wrapped = WrappedPipeRow(lines, skip, k);
      std::string joined(t);
      for (size_t w = k + 1; w <= k + wrapped; ++w) {
        if (!skip[w]) (joined += '\n') += lines[w].text;
      }
      std::vector<std::string> cells = SplitPipes(joined);
      if (IsMarkdownRule(cells)) continue;
      b.WholeRow(line, std::move(cells));
      k += wrapped;
      continue;
    }
    // A table run together on one line: one cell per paragraph, as if each had its own line
    // (import/loose_tables.h rebuilds the rows).
    if (HoldsRunTogetherTable(t)) {
      for (std::string_view cell : RunTogetherCells(t)) b.Paragraph(Line{cell, line.number});
      continue;
    }
    // A table whose cells are glued without separators (a document-sharing site's text):
    // cut by the forms' words and the arithmetic of the rows (import/glued_cells.h).
    if (const std::vector<std::string_view> glued = GluedTableCells(t); !glued.empty()) {
      for (std::string_view cell : glued) b.Paragraph(Line{cell, line.number});
      continue;
    }
    // A rubric's score table whose 分值 stand in its labels, run on over lines (a PDF's text):
    // rebuilt by the labels' 分值 (import/weighted_labels.h).
    // The lines from k on that are content, at most `most` of them, and where each stands.
    std::vector<std::string_view> ahead;
    std::vector<size_t> at;
    const auto look_ahead = [&](size_t most) {
      ahead.clear();
      at.clear();
      for (size_t n = k; n < lines.size() && ahead.size() < most; ++n) {
        if (skip[n]) continue;
        ahead.push_back(lines[n].text);
        at.push_back(n);
      }
    };
    // Whether the lines looked ahead reach the document's end.
    const auto ahead_to_end = [&]() {
      return at.empty() || std::find(skip.begin() + at.back() + 1, skip.end(), false) == skip.end();
    };
    // A table rebuilt from the lines looked ahead ends on ahead-line `taken - 1`, with `rest` of
    // it left as text.
    const auto table_ends = [&](size_t taken, std::string_view rest) {
      const size_t last = at[taken - 1];
      if (!rest.empty()) {
        b.Paragraph(Line{rest, lines[last].number});
      } else {
        b.CloseTable();
      }
      k = last;
    };
    // A basic data table run on as a stream of labels and figures (a PDF's text): rebuilt
    // row by row (import/figure_stream.h).
    // The words that may open the tables below, found in one pass over the line.
    static const WordSet kOpeners({"经费控制情况", "编制", "指标名称", "三级指"});
    const uint64_t opens = kOpeners.Find(t);
    std::vector<std::string> space_cells;  // a row of cells apart by space runs is read below
    if ((opens & 0b11) != 0 && MayOpenFigureStream(t) && !SplitSpaceRuns(t, &space_cells)) {
      look_ahead(kMostStreamLines);
      const FigureStreamTable table = ReadFigureStream(ahead);
      if (!table.rows.empty()) {
        if (!table.before.empty()) b.Paragraph(Line{table.before, line.number});
        b.CloseTable();
        for (const StreamRow& row : table.rows) b.StreamRow(lines[at[row.line]], row);
        table_ends(table.lines, table.rest);
        continue;
      }
    }
    // 重庆's flat indicator list with its cells glued (OCR of a preview): rows told by how they
    // end (import/glued_indicators.h).
    if ((opens & 0b100) != 0 && t.find("是否核心指标") != std::string_view::npos) {
      look_ahead(kMostGluedListLines);
      const GluedIndicatorList list = ReadGluedIndicatorList(ahead, ahead_to_end());
      if (!list.rows.empty()) {
        if (!list.before.empty()) b.Paragraph(Line{list.before, line.number});
        b.CloseTable();
        const GluedListRow& header = GluedListHeader();
        b.WholeRow(line, {header.begin(), header.end()}, std::string(list.header_written));
        for (size_t i = 0; i < list.rows.size(); ++i) {
          b.WholeRow(lines[at[list.row_lines[i]]], {list.rows[i].begin(), list.rows[i].end()});
        }
        if (!list.cut.empty()) {
          GluedListRow cut;
          cut[0] = list.cut;
          b.WholeRow(lines[at[list.lines - 1]], {cut.begin(), cut.end()});
        }
        table_ends(list.lines, list.rest);
        continue;
      }
    }
    if ((opens & 0b1000) != 0) {
      look_ahead(kMostWeightedLines);
      const WeightedScoreTable table = ReadWeightedScoreTable(ahead, ahead_to_end());
      if (!table.rows.empty()) {
        if (!table.before.empty()) b.Paragraph(Line{table.before, line.number});
        b.CloseTable();
        b.WholeRow(line, {table.header.begin(), table.header.end()});
        for (size_t i = 0; i < table.rows.size(); ++i) {
          b.WholeRow(lines[at[table.row_lines[i]]],
                     {table.rows[i].begin(), table.rows[i].end()});
        }
        table_ends(table.lines, table.rest);
        continue;
      }
    }
    // Indicator rows run together without the table's header (a page that kept only the
    // tail of a 自评表): a table under a header the reader supplies (import/indicator_runs.h).
    if (const IndicatorRun run = ReadIndicatorRun(t); !run.rows.empty()) {
      if (!run.before.empty()) b.Paragraph(Line{run.before, line.number});
      b.SuppliedHeader(line, {"一级指标", "二级指标", "三级指标", "年度指标值", "分值"});
      for (const IndicatorRunRow& row : run.rows) {
        b.WholeRow(line, {std::string(row.level1), std::string(row.level2), std::string(row.name),
                          std::string(row.target), std::string(row.weight)});
      }
      if (!run.after.empty()) {
        b.Paragraph(Line{run.after, line.number});
      } else {
        b.CloseTable();
      }
      continue;
    }
    // A report run together on one line: cut before its headings (import/inline_headings.h),
    // unless the document's headings so far stood on lines of their own.
    if (!headings_on_lines) {
      const std::vector<std::string_view> parts = InlineHeadingParts(t);
      if (!parts.empty()) {
        for (std::string_view part : parts) b.Paragraph(Line{part, line.number});
        continue;
      }
    }
    std::vector<std::string> cells;
    if (SplitSpaceRuns(t, &cells)) {
      b.WholeRow(line, std::move(cells));
      continue;
    }
    headings_on_lines = headings_on_lines || StartsWithFirstHeading(t);
    b.Paragraph(line);
  }
  for (FlatBlock& block : doc.blocks) {
    if (block.kind != FlatBlock::Kind::kTable) continue;
    RejoinBrokenRows(&block.table);
    RepairCells(&block.table);
  }
  RebuildLooseTables(&doc);
  return doc;
}

}  // namespace jixiao
