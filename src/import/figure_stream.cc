// A basic data table run on as a stream of words (see figure_stream.h).
#include "import/figure_stream.h"

#include <optional>

#include "base/decimal.h"
#include "base/lines.h"
#include "base/number_text.h"
#include "base/text.h"
#include "import/text_noise.h"

namespace jixiao {
namespace {

struct Word {
  std::string_view text;
  size_t line = 0;  // index into the lines read
  size_t at = 0;    // byte offset in its line
  bool first_on_line = false;
  bool last_on_line = false;
};

bool Starts(std::string_view text, std::string_view word) {
  return text.substr(0, word.size()) == word;
}
bool Ends(std::string_view text, std::string_view word) {
  return text.size() >= word.size() && text.substr(text.size() - word.size()) == word;
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "95." / "7.50.": a figure with a point left after it.
bool PointAfterFigure(std::string_view text) {
  return text.size() >= 2 && text.back() == '.' && IsDigit(text[text.size() - 2]) &&
         IsFigure(text.substr(0, text.size() - 1));
}

// A word that stands in a figure's cell: a figure, an empty marker ("—", "/"), or a figure
// with a point left after it.
bool FigureWord(std::string_view text) {
  return IsFigure(text) || IsEmptyMarker(text) || PointAfterFigure(text);
}

// Digits alone, or digits and a '%': what follows a figure cut at its point.
bool Fraction(std::string_view text) {
  if (Ends(text, "%")) text.remove_suffix(1);
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// A word of another part, or of a sentence: the table has ended.
bool EndsTable(std::string_view text) {
  return text.size() > kLongestStreamLabel ||
         ContainsAny(text, {"指标表", "一级指标", "二级指标", "三级指标", "楼堂馆所", "批复规模",
                            "厉行节约", "得分", "评价表", "自评表", "说明", "。", "，", "；",
                            ",", ";"});
}

bool StaffingColumnWord(std::string_view text) {
  return ContainsAny(text, {"编制", "在职", "实有", "退休", "控制率", "人数"});
}
bool ExpenseColumnWord(std::string_view text) { return ContainsAny(text, {"决算", "预算"}); }

// "2017年", "2017年度": a year cut off the column word after it.
bool YearWord(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && IsDigit(text[i])) ++i;
  return i == 4 && (text.substr(i) == "年" || text.substr(i) == "年度");
}

// How a label is marked, for the 其中 runs that place a short row.
struct Marks {
  bool of_which = false;  // 其中…
  bool numbered = false;  // 1、 / 1. / (1) / 一、 / （一）
  bool colon = false;     // 项目支出:
};

Marks MarksOf(std::string_view label) {
  Marks m;
  m.of_which = Starts(label, "其中");
  m.colon = Ends(label, ":") || Ends(label, "：");
  size_t i = 0;
  if (Starts(label, "(") || Starts(label, "（")) i = label[0] == '(' ? 1 : 3;
  const size_t digits_from = i;
  while (i < label.size() && IsDigit(label[i])) ++i;
  if (i > digits_from) {
    const std::string_view after = label.substr(i);
    m.numbered = Starts(after, "、") || Starts(after, ".") || Starts(after, "．") ||
                 Starts(after, ")") || Starts(after, "）");
    return m;
  }
  for (std::string_view n : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}) {
    if (Starts(label.substr(i), n)) {
      const std::string_view after = label.substr(i + n.size());
      m.numbered = Starts(after, "、") || Starts(after, ")") || Starts(after, "）");
    }
  }
  return m;
}

// Whether `next` carries on the label `label` (a label broken by a blank), rather than
// starting a row of its own.
bool CarriesOn(std::string_view label, std::string_view next) {
  for (std::string_view end : {"、", "和", "及", "与", "(", "（", "其中:", "其中：", "其中"}) {
    if (Ends(label, end)) return true;
  }
  for (std::string_view start : {")", "）", "、"}) {
    if (Starts(next, start)) return true;
  }
  return false;
}

class StreamReader {
 public:
  explicit StreamReader(const std::vector<std::string_view>& lines)
      : lines_(lines), last_line_(std::min(lines.size(), kMostStreamLines)) {}

  FigureStreamTable Read() {
    FigureStreamTable out;
    // The table opens on the first line, with either block.
    size_t w = 0;
    for (; Has(w) && words_[w].line == 0; ++w) {
      if (StaffingHeaderAt(w) || ExpenseHeaderAt(w)) break;
    }
    // A header of one word on its line is a table of one cell per line (import/loose_tables.h).
    if (!Has(w + 1) || words_[w + 1].line != 0) return out;
    const size_t start = w;
    size_t figures = 0;
    while (Has(w)) {
      size_t next = w;
      if (StaffingHeaderAt(w)) {
        next = ReadStaffing(w, &figures);
      } else if (ExpenseHeaderAt(w)) {
        next = ReadExpenses(w, &figures);
      }
      if (next == w) break;
      w = next;
    }
    if (figures < 2) return out;
    out.before = TrimBlank(lines_[0].substr(0, words_[start].at));
    out.rows = std::move(rows_);
    if (!Has(w)) {
      out.lines = words_.back().line + 1;
    } else if (words_[w].first_on_line) {
      out.lines = words_[w].line;
    } else {
      out.lines = words_[w].line + 1;
      out.rest = TrimBlank(lines_[words_[w].line].substr(words_[w].at));
    }
    return out;
  }

 private:
  // Whether there is a word `w`: the lines are split into words as the reading reaches them,
  // so that a line that opens no table costs no more than its own words.
  bool Has(size_t w) const {
    while (w >= words_.size() && next_line_ < last_line_) {
      const std::vector<BlankSeparatedWord> words = BlankSeparatedWords(lines_[next_line_]);
      for (size_t k = 0; k < words.size(); ++k) {
        words_.push_back({words[k].text, next_line_, words[k].at, k == 0, k + 1 == words.size()});
      }
      ++next_line_;
    }
    return w < words_.size();
  }

  bool Figure(size_t w) const { return Has(w) && FigureWord(words_[w].text); }

  // 财政供养人员情况 编制数 … 在职 … : the header's first word at `w` (the title, or the
  // first column).
  bool StaffingHeaderAt(size_t w) const { return StaffingHeader(w).has_value(); }

  struct Header {
    std::string title;
    std::vector<std::string> columns;
    size_t end = 0;  // the word after the header
  };

  std::optional<Header> StaffingHeader(size_t w) const {
    Header h;
    size_t k = w;
    if (Has(k) && !Figure(k) && !StaffingColumnWord(words_[k].text) &&
        ContainsAny(words_[k].text, {"人员", "情况"})) {
      h.title = std::string(words_[k].text);
      ++k;
    }
    if (!Has(k) || !ContainsAny(words_[k].text, {"编制数", "编制人数"})) {
      return std::nullopt;
    }
    bool on_payroll = false;
    std::string year;  // a year cut off the next column word
    for (; Has(k) && !Figure(k); ++k) {
      const std::string_view t = words_[k].text;
      if (EndsTable(t)) return std::nullopt;
      if (YearWord(t)) {
        year += t;
      } else if (StaffingColumnWord(t) || h.columns.empty()) {
        h.columns.push_back(year + std::string(t));
        year.clear();
      } else {
        h.columns.back() += t;
      }
      on_payroll = on_payroll || ContainsAny(t, {"在职", "实有"});
      if (h.columns.size() > 6) return std::nullopt;
    }
    if (!on_payroll || h.columns.size() < 2 || !year.empty() || !Figure(k)) return std::nullopt;
    h.end = k;
    return h;
  }

  // 经费控制情况(万元) 2017年决算数 2018年预算数 2018年决算数, then a label.
  bool ExpenseHeaderAt(size_t w) const { return ExpenseHeader(w).has_value(); }

  std::optional<Header> ExpenseHeader(size_t w) const {
    if (!Has(w) || !ContainsAny(words_[w].text, {"经费控制情况"})) return std::nullopt;
    Header h;
    h.title = std::string(words_[w].text);
    std::string year;
    size_t k = w + 1;
    for (; Has(k) && !Figure(k); ++k) {
      const std::string_view t = words_[k].text;
      if (YearWord(t)) {
        year += t;
        continue;
      }
      if (!ExpenseColumnWord(t)) break;
      h.columns.push_back(year + std::string(t));
      year.clear();
    }
    if (h.columns.size() < 2 || h.columns.size() > 4 || !year.empty() || Figure(k)) {
      return std::nullopt;
    }
    h.end = k;
    return h;
  }

  // The figures from `w` for `columns` cells: their count, and the words they take. A figure
  // cut at its point at a line's end is joined to the digits opening the next line when there
  // is one figure too many.
  struct Figures {
    std::vector<StreamCell> cells;
    size_t end = 0;
  };

  Figures ReadFigures(size_t w, size_t columns) const {
    Figures f;
    size_t k = w;
    while (Figure(k)) ++k;
    f.end = k;
    size_t extra = k - w > columns ? k - w - columns : 0;
    for (size_t i = w; i < k; ++i) {
      const Word& word = words_[i];
      if (extra > 0 && i + 1 < k && word.last_on_line && words_[i + 1].first_on_line &&
          Ends(word.text, ".") && Fraction(words_[i + 1].text) && IsFigure(word.text.substr(
                                                                      0, word.text.size() - 1))) {
        StreamCell cell;
        cell.text = std::string(word.text) + std::string(words_[i + 1].text);
        cell.written = std::string(word.text) + "\n" + std::string(words_[i + 1].text);
        f.cells.push_back(std::move(cell));
        ++i;
        --extra;
        continue;
      }
      StreamCell cell;
      if (PointAfterFigure(word.text)) {
        cell.text = std::string(word.text.substr(0, word.text.size() - 1));
        cell.written = std::string(word.text);
      } else {
        cell.text = std::string(word.text);
      }
      f.cells.push_back(std::move(cell));
    }
    return f;
  }

  size_t ReadStaffing(size_t w, size_t* figures) {
    const std::optional<Header> h = StaffingHeader(w);
    const Figures f = ReadFigures(h->end, h->columns.size());
    if (f.cells.size() != h->columns.size()) return w;
    StreamRow header;
    header.line = words_[w].line;
    header.cells.push_back({h->title, ""});
    for (const std::string& c : h->columns) header.cells.push_back({c, ""});
    StreamRow values;
    values.line = words_[h->end].line;
    values.cells.push_back({});
    values.cells.insert(values.cells.end(), f.cells.begin(), f.cells.end());
    rows_.push_back(std::move(header));
    rows_.push_back(std::move(values));
    *figures += f.cells.size();
    return f.end;
  }

  struct Pending {
    StreamRow row;
    std::string label;
    Marks marks;
    std::vector<StreamCell> figures;
    size_t first_word = 0;
  };

  size_t ReadExpenses(size_t w, size_t* figures) {
    const std::optional<Header> h = ExpenseHeader(w);
    const size_t columns = h->columns.size();
    StreamRow header;
    header.line = words_[w].line;
    header.cells.push_back({h->title, ""});
    for (const std::string& c : h->columns) header.cells.push_back({c, ""});
    std::vector<Pending> rows;
    size_t k = h->end;
    size_t without_figures = 0;  // rows in a row so far with no figure
    while (Has(k) && !StaffingHeaderAt(k) && !ExpenseHeaderAt(k)) {
      if (Figure(k) || EndsTable(words_[k].text)) break;
      Pending p;
      p.first_word = k;
      p.label = std::string(words_[k].text);
      ++k;
      while (Has(k) && !Figure(k) && !EndsTable(words_[k].text) &&
             CarriesOn(p.label, words_[k].text)) {
        p.label += words_[k].text;
        ++k;
      }
      const Figures f = ReadFigures(k, columns);
      if (f.cells.size() > columns) {
        k = p.first_word;
        break;
      }
      p.figures = f.cells;
      k = f.end;
      without_figures = p.figures.empty() ? without_figures + 1 : 0;
      if (without_figures > kMostLabelsWithoutFigures) {
        k = rows[rows.size() - kMostLabelsWithoutFigures].first_word;
        rows.resize(rows.size() - kMostLabelsWithoutFigures);
        break;
      }
      p.marks = MarksOf(p.label);
      p.row.line = words_[p.first_word].line;
      rows.push_back(std::move(p));
    }
    // Rows with no figure at the end are not rows of this table.
    while (!rows.empty() && rows.back().figures.empty()) {
      k = rows.back().first_word;
      rows.pop_back();
    }
    if (rows.empty()) return w;
    rows_.push_back(std::move(header));
    for (size_t i = 0; i < rows.size(); ++i) {
      Pending& p = rows[i];
      p.row.cells.push_back({p.label, ""});
      *figures += p.figures.size();
      if (p.figures.size() == columns || p.figures.empty()) {
        p.row.cells.insert(p.row.cells.end(), p.figures.begin(), p.figures.end());
        p.row.cells.resize(columns + 1);
      } else if (const std::vector<int> at = Placement(rows, i, columns); !at.empty()) {
        p.row.cells.resize(columns + 1);
        for (size_t f = 0; f < at.size(); ++f) p.row.cells[at[f] + 1] = p.figures[f];
      } else {
        p.row.cells.insert(p.row.cells.end(), p.figures.begin(), p.figures.end());
        p.row.unaligned = true;
      }
      rows_.push_back(std::move(p.row));
    }
    return k;
  }

  // A figure's value (an empty marker is 0), or nullopt.
  static std::optional<Decimal> Value(const StreamCell& cell) {
    if (IsEmptyMarker(cell.text)) return Decimal();
    const DocumentNumber n = ParseDocumentNumber(cell.text);
    if (!n.ok || n.percent) return std::nullopt;
    return n.value;
  }

  static std::optional<std::vector<Decimal>> Values(const Pending& p, size_t columns) {
    if (p.figures.size() != columns) return std::nullopt;
    std::vector<Decimal> v;
    for (const StreamCell& c : p.figures) {
      std::optional<Decimal> d = Value(c);
      if (!d) return std::nullopt;
      v.push_back(*d);
    }
    return v;
  }

  // The columns the short row `i`'s figures stand in, told by its 其中 run (see the header),
  // or empty.
  static std::vector<int> Placement(const std::vector<Pending>& rows, size_t i, size_t columns) {
    // The run: from a 其中 row at or above i through unmarked rows.
    size_t a = i;
    while (!rows[a].marks.of_which) {
      const Marks& m = rows[a].marks;
      if (m.numbered || m.colon || a == 0) return {};
      --a;
    }
    if (a == 0) return {};
    const std::optional<std::vector<Decimal>> parent = Values(rows[a - 1], columns);
    if (!parent) return {};
    std::vector<Decimal> short_values;
    for (const StreamCell& c : rows[i].figures) {
      const std::optional<Decimal> d = Value(c);
      if (!d) return {};
      short_values.push_back(*d);
    }
    std::vector<int> found;
    int ways = 0;
    std::vector<Decimal> others(columns);
    // Siblings from a through b, for each b from i on while the run goes.
    for (size_t s = a; s < i; ++s) {
      const std::optional<std::vector<Decimal>> v = Values(rows[s], columns);
      if (!v) return {};
      for (size_t c = 0; c < columns; ++c) others[c] = others[c] + (*v)[c];
    }
    for (size_t b = i; b < rows.size(); ++b) {
      if (b > i) {
        const Marks& m = rows[b].marks;
        if (m.of_which || m.numbered || m.colon) break;
        const std::optional<std::vector<Decimal>> v = Values(rows[b], columns);
        if (!v) break;
        for (size_t c = 0; c < columns; ++c) others[c] = others[c] + (*v)[c];
      }
      // Each way to place the figures in order: a bit mask of `columns` bits with as many
      // set as there are figures.
      for (unsigned mask = 0; mask < (1u << columns); ++mask) {
        if (static_cast<size_t>(__builtin_popcount(mask)) != short_values.size()) continue;
        std::vector<int> at;
        bool fits = true;
        for (size_t c = 0; c < columns && fits; ++c) {
          const Decimal left = (*parent)[c] - others[c];
          if (mask & (1u << c)) {
            fits = left == short_values[at.size()];
            at.push_back(static_cast<int>(c));
          } else {
            fits = left.is_zero();
          }
        }
        if (!fits) continue;
        if (ways > 0 && at == found) continue;
        ++ways;
        found = at;
      }
    }
    return ways == 1 ? found : std::vector<int>{};
  }

  const std::vector<std::string_view>& lines_;
  const size_t last_line_;
  mutable std::vector<Word> words_;  // the words of lines [0, next_line_)
  mutable size_t next_line_ = 0;
  std::vector<StreamRow> rows_;
};

}  // namespace

bool MayOpenFigureStream(std::string_view line) {
  // Asked of every line of a text: plain searches, the rarer words first.
  const auto has = [&](std::string_view w) { return line.find(w) != std::string_view::npos; };
  if (has("经费控制情况")) return true;
  return has("编制") && (has("编制数") || has("编制人数")) && (has("在职") || has("实有"));
}

FigureStreamTable ReadFigureStream(const std::vector<std::string_view>& lines) {
  if (lines.empty() || !MayOpenFigureStream(lines[0])) return {};
  return StreamReader(lines).Read();
}

}  // namespace jixiao
