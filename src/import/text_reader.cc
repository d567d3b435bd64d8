// Text importer: a line-oriented state machine over paragraphs and table rows.
#include "import/text_reader.h"

#include <fmt/format.h>

#include <vector>

#include "base/number_text.h"
#include "base/text.h"

namespace jixiao {
namespace {

struct Line {
  std::string text;
  int number = 0;  // 1-based
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

// A cell whose text so far is a figure or an empty marker: a following line that is not a
// figure does not continue it (it is the next paragraph: "99.8" then the report's title).
bool IsFigureOrEmpty(std::string_view cell) {
  const std::string_view t = TrimBlank(cell);
  if (t.empty() || t == "——" || t == "—" || t == "/" || t == "-") return true;
  return ParseDocumentNumber(t).ok;
}

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
    block.paragraph.text = line.text;
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
  void WholeRow(const Line& line, std::vector<std::string> cells) {
    OpenRow(line.number);
    for (std::string& c : cells) AddCell(std::move(c), line.number);
    EndRow();
  }

  bool InRow() const { return row_open_; }
  bool InTable() const { return table_open_; }
  std::string& LastCell() { return CurrentRow().cells.back().text; }

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
    row.cells.push_back(std::move(cell));
  }

  FlatDocument* doc_;
  bool table_open_ = false;
  bool row_open_ = false;
  int tables_ = 0;
};

// An empty paragraph at the end of a cell flattens to an empty line, which reads as the end
// of a row: the row breaks in two. Two adjacent rows that are each shorter than a neighbour
// and together exactly as long are joined back into one.
void RejoinBrokenRows(FlatTable* table) {
  std::vector<FlatRow>& rows = table->rows;
  for (size_t i = 0; i + 1 < rows.size(); ++i) {
    const size_t a = rows[i].cells.size();
    const size_t b = rows[i + 1].cells.size();
    const size_t before = i > 0 ? rows[i - 1].cells.size() : 0;
    const size_t after = i + 2 < rows.size() ? rows[i + 2].cells.size() : 0;
    const size_t joined = a + b;
    if (!((joined == before && a < before && b < before) ||
          (joined == after && a < after && b < after))) {
      continue;
    }
    for (FlatCell& cell : rows[i + 1].cells) {
      cell.column = static_cast<int>(rows[i].cells.size());
      rows[i].cells.push_back(std::move(cell));
    }
    rows.erase(rows.begin() + static_cast<long>(i) + 1);
  }
}

}  // namespace

Result<FlatDocument> ReadText(std::string_view bytes, const std::string& file_name) {
  if (bytes.empty()) return Status::InvalidArgument(file_name + ": empty file");
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xff' && bytes[1] == '\xfe') || (bytes[0] == '\xfe' && bytes[1] == '\xff'))) {
    return Status::InvalidArgument(file_name + ": UTF-16 text; save it as UTF-8");
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xef\xbb\xbf") bytes.remove_prefix(3);
  // Binary input: a NUL byte, or too many bytes that are not UTF-8.
  size_t bad = 0, first_bad = std::string_view::npos;
  for (size_t pos = 0; pos < bytes.size();) {
    const size_t at = pos;
    const char32_t cp = NextCodePoint(bytes, &pos);
    if (cp == 0 || (cp == 0xFFFD && bytes.substr(at, 3) != "\xef\xbf\xbd")) {
      ++bad;
      if (first_bad == std::string_view::npos) first_bad = at;
      if (cp == 0) {
        return Status::InvalidArgument(fmt::format(
            "{}: byte {}: not UTF-8 text (a NUL byte; is this a binary file?)", file_name, at));
      }
    }
  }
  if (bad > 0) {
    return Status::InvalidArgument(
        fmt::format("{}: byte {}: not UTF-8 text ({} invalid sequences; convert the file to UTF-8)",
                    file_name, first_bad, bad));
  }

  FlatDocument doc;
  doc.file = file_name;
  doc.format = "text";
  std::vector<Line> lines;
  int number = 0;
  size_t start = 0;
  while (start <= bytes.size()) {
    size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view raw = bytes.substr(start, end - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    lines.push_back(Line{DropBookmarks(raw), ++number});
    if (end == bytes.size()) break;
    start = end + 1;
  }

  Builder b(&doc);
  for (const Line& line : lines) {
    const std::string& t = line.text;
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
      std::string& cell = b.LastCell();
      const bool figure_cell = !TrimBlank(cell).empty() && IsFigureOrEmpty(cell);
      if (!figure_cell || IsFigureOrEmpty(t)) {
        cell += "\n" + t;
        continue;
      }
      b.Paragraph(line);
      continue;
    }
    if (IsPipeRow(t)) {
      std::vector<std::string> cells = SplitPipes(t);
      if (IsMarkdownRule(cells)) continue;
      b.WholeRow(line, std::move(cells));
      continue;
    }
    std::vector<std::string> cells;
    if (SplitSpaceRuns(t, &cells)) {
      b.WholeRow(line, std::move(cells));
      continue;
    }
    b.Paragraph(line);
  }
  for (FlatBlock& block : doc.blocks) {
    if (block.kind == FlatBlock::Kind::kTable) RejoinBrokenRows(&block.table);
  }
  return doc;
}

}  // namespace jixiao
