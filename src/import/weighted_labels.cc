// A rubric's score table whose 分值 stand in its labels (see weighted_labels.h).
#include "import/weighted_labels.h"

#include <cstdint>
#include <optional>

#include "base/lines.h"
#include "base/text.h"

namespace jixiao {
namespace {

constexpr std::string_view kHeader[] = {"一级指标", "二级指标", "三级指标", "得分"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A word of the lines, with the line it stands on.
struct Token {
  std::string_view text;
  size_t line;  // index into the lines
  size_t at;    // byte offset in its line
};

void Tokenize(std::string_view line, size_t index, std::vector<Token>* out) {
  for (const BlankSeparatedWord& w : BlankSeparatedWords(line)) {
    out->push_back({w.text, index, w.at});
  }
}

// A figure in hundredths ("5" → 500, "2.5" → 250): at most four whole digits and two decimals.
std::optional<int64_t> Hundredths(std::string_view text) {
  size_t i = 0;
  int64_t whole = 0;
  while (i < text.size() && IsDigit(text[i]) && i < 4) whole = whole * 10 + (text[i++] - '0');
  if (i == 0) return std::nullopt;
  int64_t cents = 0;
  if (i < text.size() && text[i] == '.') {
    const size_t point = ++i;
    while (i < text.size() && IsDigit(text[i]) && i - point < 2) {
      cents = cents * 10 + (text[i++] - '0');
    }
    if (i == point) return std::nullopt;
    if (i - point == 1) cents *= 10;
  }
  if (i != text.size()) return std::nullopt;
  return whole * 100 + cents;
}

// A closed label "name(N分)" / "name（N 分）" (blanks already left out): its name and 分值.
bool ClosedLabel(const std::string& label, std::string* name, std::string* weight,
                 int64_t* hundredths) {
  std::string_view s = label;
  for (std::string_view close : {")", "）"}) {
    if (s.size() > close.size() && s.substr(s.size() - close.size()) == close) {
      s.remove_suffix(close.size());
      if (s.size() < 3 || s.substr(s.size() - 3) != "分") return false;
      s.remove_suffix(3);
      size_t open = std::string_view::npos;
      for (std::string_view o : {"(", "（"}) {
        const size_t at = s.rfind(o);
        if (at != std::string_view::npos && (open == std::string_view::npos || at > open)) {
          open = at;
          *weight = std::string(s.substr(at + o.size()));
        }
      }
      if (open == std::string_view::npos || open == 0) return false;
      const std::optional<int64_t> w = Hundredths(*weight);
      if (!w || *w == 0) return false;
      *name = std::string(s.substr(0, open));
      *hundredths = *w;
      return true;
    }
  }
  return false;
}

// Where the header ends in `tokens` (one past its last token), or 0 when the line has none;
// `start` is set to its first token.
size_t HeaderEnd(const std::vector<Token>& tokens, size_t* start) {
  std::string target;
  for (std::string_view w : kHeader) target += w;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string joined;
    for (size_t j = i; j < tokens.size() && joined.size() < target.size(); ++j) {
      joined += tokens[j].text;
      if (joined == target) {
        *start = i;
        return j + 1;
      }
      if (target.compare(0, joined.size(), joined) != 0) break;
    }
  }
  return 0;
}

std::string_view DropLeaders(std::string_view s) {
  while (true) {
    if (!s.empty() && s.back() == '.') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && (s.substr(s.size() - 3) == "…" || s.substr(s.size() - 3) == "。")) {
      s.remove_suffix(3);
    } else {
      return s;
    }
  }
}

}  // namespace

WeightedScoreTable ReadWeightedScoreTable(const std::vector<std::string_view>& lines,
                                          bool to_end) {
  WeightedScoreTable table;
  if (lines.empty() || !ContainsAny(lines[0], {"三级指"})) return table;
  std::vector<Token> tokens;
  Tokenize(lines[0], 0, &tokens);
  size_t header_start = 0;
  const size_t header_end = HeaderEnd(tokens, &header_start);
  if (header_end == 0) return table;
  const size_t last_line = std::min(lines.size(), kMostWeightedLines);
  for (size_t l = 1; l < last_line; ++l) Tokenize(lines[l], l, &tokens);

  struct Group {
    int64_t remaining;
  };
  std::vector<Group> stack;
  std::string cell[2];  // group names (with their 分值) waiting for the next row
  struct Pending {
    std::string name, weight;
    int64_t hundredths = 0;
    bool open = false;
  } pending;
  std::string buffer;            // a label being read
  size_t unplaced = header_end;  // the first token not yet in a row
  std::vector<std::array<std::string, 5>> rows;
  std::vector<size_t> row_lines;
  bool stopped = false;

  // A group's or a leaf's 分值 taken from its parent; false when it overruns it.
  const auto take = [&](int64_t w) {
    if (stack.empty()) return true;
    if (w > stack.back().remaining) return false;
    stack.back().remaining -= w;
    return true;
  };
  const auto close_full = [&] {
    while (!stack.empty() && stack.back().remaining == 0) stack.pop_back();
  };
  size_t t = header_end;
  for (; t < tokens.size() && !stopped; ++t) {
    const std::string_view text = tokens[t].text;
    const bool figure = buffer.empty() && Hundredths(text).has_value();
    if (pending.open) {
      if (figure) {  // a 三级指标 and its 得分
        if (stack.size() != 2 || !take(pending.hundredths)) {
          stopped = true;
          break;
        }
        rows.push_back({cell[0], cell[1], pending.name, pending.weight, std::string(text)});
        row_lines.push_back(tokens[t].line);
        cell[0].clear();
        cell[1].clear();
        pending.open = false;
        unplaced = t + 1;
        close_full();
        continue;
      }
      // A label after a label: the first is a group.
      if (stack.size() >= 2 || !take(pending.hundredths)) {
        stopped = true;
        break;
      }
      cell[stack.size()] = pending.name + "(" + pending.weight + "分)";
      stack.push_back({pending.hundredths});
      pending.open = false;
    }
    if (figure) {  // a figure with no label before it
      stopped = true;
      break;
    }
    // The 总分 row after the last group closed: the table's last row.
    if (stack.empty() && (text == "总分" || text == "合计") && t + 1 < tokens.size() &&
        Hundredths(tokens[t + 1].text)) {
      rows.push_back({std::string(text), "", "", "", std::string(tokens[t + 1].text)});
      row_lines.push_back(tokens[t + 1].line);
      unplaced = t + 2;
      stopped = true;
      break;
    }
    buffer += text;
    if (buffer.size() > kLongestWeightedLabel || ContainsAny(buffer, {"。"})) {
      stopped = true;
      break;
    }
    std::string name, weight;
    int64_t hundredths = 0;
    if (ClosedLabel(buffer, &name, &weight, &hundredths)) {
      pending = {std::move(name), std::move(weight), hundredths, true};
      buffer.clear();
    }
  }
  if (rows.size() < kFewestWeightedRows) return table;
  // The document ends inside a label: the row cut through.
  if (!stopped && t == tokens.size() && to_end && last_line == lines.size() && !buffer.empty() &&
      !pending.open && stack.size() == 2) {
    const std::string_view name = DropLeaders(buffer);
    if (!name.empty()) {
      rows.push_back({cell[0], cell[1], std::string(name), "", ""});
      row_lines.push_back(tokens.back().line);
      unplaced = tokens.size();
    }
  }
  table.before = TrimBlank(lines[0].substr(0, tokens[header_start].at));
  table.header = {"一级指标", "二级指标", "三级指标", "分值", "得分"};
  table.rows = std::move(rows);
  table.row_lines = std::move(row_lines);
  if (unplaced >= tokens.size()) {
    table.lines = last_line;
  } else {
    const Token& first = tokens[unplaced];
    table.lines = first.at == 0 ? first.line : first.line + 1;
    if (first.at > 0) table.rest = TrimBlank(lines[first.line].substr(first.at));
  }
  return table;
}

}  // namespace jixiao
