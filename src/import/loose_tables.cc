// Loose tables: header words found among paragraphs, then one alignment (dynamic programming
// over cells × columns) of the cells that follow against the header's column kinds.
#include "import/loose_tables.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "import/funds_placement.h"
#include "import/text_noise.h"

namespace jixiao {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool Has(std::string_view s, std::string_view w) { return s.find(w) != std::string_view::npos; }

// What a column holds.
enum class Col {
  kLabel,      // a row label (the column before the figures)
  kLevel1,     // 一级指标
  kLevel2,     // 二级指标
  kLevel3,     // 三级指标
  kValue,      // 年度指标值, 实际完成值: a target or a result, words or figures
  kMoney,      // amounts and counts
  kScore,      // 分值, 得分, 权重
  kRate,       // 执行率, 控制率, 得分系数
  kDeviation,  // 偏差原因…
  kText,       // other words (得分计算方法)
};

bool IsFigureColumn(Col c) { return c == Col::kMoney || c == Col::kScore || c == Col::kRate; }

struct Word {
  std::string_view word;
  Col col;
};

// Header words, compared with a cell's compact text without "(…)" and a leading year.
constexpr std::array<Word, 60> kHeaderWords = {{
    {"年初预算数", Col::kMoney},
    {"年初预算", Col::kMoney},
    {"全年预算数", Col::kMoney},
    {"全年预算", Col::kMoney},
    {"调整后预算数", Col::kMoney},
    {"全年执行数", Col::kMoney},
    {"全年执行", Col::kMoney},
    {"执行数", Col::kMoney},
    {"分值", Col::kScore},
    {"执行率", Col::kRate},
    {"得分", Col::kScore},
    {"自评得分", Col::kScore},
    {"权重", Col::kScore},
    {"权重(分)", Col::kScore},
    {"得分系数", Col::kRate},
    {"一级指标", Col::kLevel1},
    {"二级指标", Col::kLevel2},
    {"三级指标", Col::kLevel3},
    {"年度指标值", Col::kValue},
    {"指标值", Col::kValue},
    {"目标值", Col::kValue},
    {"年度目标值", Col::kValue},
    {"预期指标值", Col::kValue},
    {"实际完成值", Col::kValue},
    {"实际完成", Col::kValue},
    {"实际值", Col::kValue},
    {"完成值", Col::kValue},
    {"全年实际值", Col::kValue},
    {"偏差原因分析及改进措施", Col::kDeviation},
    {"偏差原因分析", Col::kDeviation},
    {"偏差原因", Col::kDeviation},
    {"偏差原因及改进措施", Col::kDeviation},
    {"未完成原因分析", Col::kDeviation},
    {"原因分析及改进措施", Col::kDeviation},
    {"得分计算方法", Col::kText},
    {"编制数", Col::kMoney},
    {"编制人数", Col::kMoney},
    {"实际在职人数", Col::kMoney},
    {"在职人数", Col::kMoney},
    {"实有人数", Col::kMoney},
    {"控制率", Col::kRate},
    {"预算数", Col::kMoney},
    {"决算数", Col::kMoney},
    {"上年决算数", Col::kMoney},
    {"批复规模", Col::kMoney},
    {"实际规模", Col::kMoney},
    {"规模控制率", Col::kRate},
    {"预算投资", Col::kMoney},
    {"实际投资", Col::kMoney},
    {"投资概算控制率", Col::kRate},
    {"概算控制率", Col::kRate},
    {"实际执行数", Col::kMoney},
    // 四川's project form: 年初预算 / 调整后预算数 / 预算执行数 / 预算执行率 / 权重 / 得分 / 原因,
    // and indicators with 指标性质 ("=", "≥") and 度量单位 in cells of their own.
    {"预算执行数", Col::kMoney},
    {"预算执行率", Col::kRate},
    {"原因", Col::kDeviation},
    {"指标性质", Col::kValue},
    {"度量单位", Col::kValue},
    {"计量单位", Col::kValue},
    // 重庆's funds block: 执行率权重 / 执行率得分.
    {"执行率权重", Col::kScore},
    {"执行率得分", Col::kScore},
}};

// Labels whose value follows them (a pair), as one line each or on one line: the first row
// of a 自评表. Not 单位名称 / 部门名称, which covers write the same way (the cover is the
// report's, and a table there would move where the report is found).
constexpr std::array<std::string_view, 5> kNameLabels = {
    "预算部门名称", "区级预算部门名称", "部门(单位)名称", "预算部门、单位名称", "预算单位名称",
};
constexpr std::array<std::string_view, 6> kStaffLabels = {
    "编制数", "编制人数", "人员编制", "实际在职人数", "在职人数", "实有人数",
};

// "2023年预算数（万元）" → "预算数": compact, without parenthesised parts and a leading year.
std::string HeaderCore(std::string_view compact) {
  std::string s;
  int depth = 0;
  for (char c : compact) {
    if (c == '(') {
      ++depth;
      continue;
    }
    if (c == ')' && depth > 0) {
      --depth;
      continue;
    }
    if (depth == 0) s.push_back(c);
  }
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 4) {
    std::string_view rest = std::string_view(s).substr(4);
    if (StartsWith(rest, "年度")) {
      rest.remove_prefix(6);
    } else if (StartsWith(rest, "年")) {
      rest.remove_prefix(3);
    }
    s = std::string(rest);
  }
  return s;
}

std::optional<Col> HeaderWord(std::string_view compact) {
  if (compact.size() > 60) return std::nullopt;
  const std::string core = HeaderCore(compact);
  for (const Word& w : kHeaderWords) {
    if (core == w.word) return w.col;
  }
  return std::nullopt;
}

bool IsNameLabel(std::string_view compact) {
  return std::find(kNameLabels.begin(), kNameLabels.end(), compact) != kNameLabels.end();
}
// The first rows of a project's 自评表: 项目名称 / 主管部门 / 实施单位, each followed by its value.
bool IsProjectLabel(std::string_view compact) {
  for (std::string_view w : {"项目名称", "主管部门", "实施单位", "主管部门及代码", "实施单位名称"}) {
    if (compact == w) return true;
  }
  return false;
}
bool IsStaffLabel(std::string_view compact) {
  return std::find(kStaffLabels.begin(), kStaffLabels.end(), compact) != kStaffLabels.end();
}

// What a cell is.
enum class Kind { kEmpty, kFigure, kPercent, kTarget, kText };

struct Cell {
  std::string text;
  std::string written;  // as written when repaired or joined
  int line = 0;
  Kind kind = Kind::kText;
  bool must_start = false;  // begins a line holding a whole row
  bool no_break = false;    // inside such a line
  bool total = false;       // a figure of a 总分 / 合计 row
  bool blank = false;       // an empty cell written as such ("|" alone): it fills any column
};

// A web table flattened to one cell per line, each line ending with a bar ("总额 |", and "|"
// alone for an empty cell): the line's text without its bar. Only a line whose one bar is its
// last character; `*bar` says whether there was one.
std::string_view WithoutTrailingBar(std::string_view text, bool* bar) {
  const std::string_view t = TrimBlank(text);
  *bar = !t.empty() && t.back() == '|' && t.find('|') == t.size() - 1;
  return *bar ? TrimBlank(t.substr(0, t.size() - 1)) : t;
}

// A paragraph, read as one cell or, when it holds a row, as the row's cells.
struct Item {
  size_t block = 0;
  size_t last_block = 0;  // the last paragraph it was read from (joined items span several)
  std::vector<Cell> cells;
  bool row = false;           // several cells from one line
  std::string compact;        // empty for a sentence
  bool sentence = false;      // a line with a 。 or a long one: its cell's text is not copied
                              // (Rebuilder::TextOf reads it when a table takes it)
  bool long_text = false;     // longer than any row or cell: never in a table
  std::optional<Col> header;  // a single cell that is a header word
  bool bar = false;           // the line ended with a bar: its cell is delimited
};

bool StartsWithComparator(std::string_view t) {
  for (std::string_view op : {"≥", "≤", "≧", "≦", ">", "<", "=", "＞", "＜", "＝", "大于", "小于",
                              "不低于", "不少于", "不高于", "不超过", "不大于", "不小于"}) {
    if (StartsWith(t, op)) return true;
  }
  return false;
}

Kind KindOf(std::string_view text) {
  const std::string_view t = TrimBlank(text);
  if (IsEmptyMarker(t)) return Kind::kEmpty;
  if (IsFigure(t)) return EndsWith(t, "%") || EndsWith(t, "％") ? Kind::kPercent : Kind::kFigure;
  if (StartsWithComparator(t)) return Kind::kTarget;
  const int width = DisplayWidth(t);
  // "7次", "3.2万人次", "95%以上", "9月前": a figure with its unit or a date target.
  size_t pos = 0;
  for (int k = 0; k < 2 && pos < t.size(); ++k) {
    const size_t at = pos;
    const char32_t cp = NextCodePoint(t, &pos);
    if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)) {
      if (width <= 16) return Kind::kTarget;
      break;
    }
    if (at == 0 && cp != U'约') break;
  }
  for (std::string_view end : {"以上", "以下", "以内", "前"}) {
    if (EndsWith(t, end) && width <= 16) return Kind::kTarget;
  }
  return Kind::kText;
}

Cell MakeCell(std::string_view text, int line) {
  Cell c;
  c.line = line;
  const std::string_view t = TrimBlank(text);
  if (std::optional<std::string> fixed = RepairFigure(t)) {
    c.written = std::string(t);
    c.text = std::move(*fixed);
  } else {
    c.text = std::string(t);
  }
  c.kind = KindOf(c.text);
  return c;
}

// Splits a line on blanks (spaces, U+3000).
std::vector<std::string_view> Tokens(std::string_view t) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < t.size()) {
    size_t pos = i;
    const char32_t cp = NextCodePoint(t, &pos);
    if (IsBlankCodePoint(cp)) {
      i = pos;
      continue;
    }
    size_t j = i;
    while (j < t.size()) {
      size_t next = j;
      if (IsBlankCodePoint(NextCodePoint(t, &next))) break;
      j = next;
    }
    out.push_back(t.substr(i, j - i));
    i = j;
  }
  return out;
}

// The longest line read as a row on one line, and the widest token of one.
constexpr size_t kLongestRowLine = 600;
constexpr int kWidestToken = 40;

Item ReadItem(const FlatParagraph& p, size_t block) {
  Item item;
  item.block = block;
  item.last_block = block;
  bool bar = false;
  const std::string_view t = WithoutTrailingBar(p.text, &bar);
  item.bar = bar;
  const int line = p.origin.line;
  if (bar && t.empty()) {  // "|" alone: an empty cell of a flattened web table
    Cell c;
    c.line = line;
    c.kind = Kind::kEmpty;
    c.blank = true;
    c.written = "|";
    item.cells.push_back(std::move(c));
    return item;
  }
  // A sentence or a long line is one cell of words, whatever it holds (read cheaply: most
  // paragraphs of a report are such).
  if (t.size() > kLongestRowLine || Has(t, "。")) {
    item.sentence = true;
    item.long_text = t.size() > kLongestRowLine;
    Cell c;
    c.line = line;
    item.cells.push_back(std::move(c));
    return item;
  }
  item.compact = Compact(t);
  if (HeaderWord(item.compact) || IsNameLabel(item.compact) || IsStaffLabel(item.compact)) {
    item.header = HeaderWord(item.compact);
    Cell c;
    c.line = line;
    c.text = item.compact;
    if (item.compact != t) c.written = std::string(t);
    c.kind = Kind::kText;
    item.cells.push_back(std::move(c));
    return item;
  }
  Cell whole = MakeCell(t, line);
  if (whole.kind != Kind::kText && whole.kind != Kind::kTarget) {
    item.cells.push_back(std::move(whole));
    return item;
  }
  if (!Has(t, "，")) {
    const std::vector<std::string_view> tokens = Tokens(t);
    if (tokens.size() >= 2) {
      std::vector<Cell> cells;
      int figures = 0, headers = 0;
      bool narrow = true;
      for (std::string_view tok : tokens) {
        const std::string c = Compact(tok);
        Cell cell;
        if (HeaderWord(c)) {
          ++headers;
          cell.text = std::string(tok);
          cell.line = line;
        } else {
          cell = MakeCell(tok, line);
          figures += cell.kind == Kind::kFigure || cell.kind == Kind::kPercent ||
                     cell.kind == Kind::kEmpty;
        }
        narrow = narrow && DisplayWidth(tok) <= kWidestToken;
        cells.push_back(std::move(cell));
      }
      const int n = static_cast<int>(tokens.size());
      const bool header_line = headers >= 2 && headers >= n - 1;
      const bool value_line =
          figures >= 2 || (n == 2 && figures == 1 && IsStaffLabel(Compact(tokens[0]))) ||
          (n == 2 && IsNameLabel(Compact(tokens[0])) && cells[1].kind == Kind::kText);
      if (narrow && (header_line || value_line)) {
        item.row = true;
        // A line that starts with its label is a row of its own; one that starts with a
        // figure may finish the row whose label is the line before ("年度资金总额" / "262.00
        // 258.00 …"). Either way the line is not broken, and the next line starts a row.
        cells.front().must_start = cells.front().kind == Kind::kText;
        for (size_t k = 1; k < cells.size(); ++k) cells[k].no_break = true;
        item.cells = std::move(cells);
        return item;
      }
    }
  }
  item.cells.push_back(std::move(whole));
  return item;
}

// ---- the alignment ----

// The widest header read (forms have at most a dozen columns): a longer run of header words is
// read as several headers, so that the alignment stays linear in the number of cells.
constexpr size_t kMaxColumns = 16;

constexpr int kInf = 1 << 26;
constexpr int kNewRow = 1;
constexpr int kMargin = 3;  // an alternative this close to the best makes a cell unsure

int SkipCost(Col c) {
  switch (c) {
    case Col::kLabel:
      return 15;
    case Col::kLevel1:
    case Col::kLevel2:
      return 2;
    case Col::kLevel3:
      return 25;
    case Col::kValue:
      return 15;
    case Col::kMoney:
      return 15;
    case Col::kScore:
      return 10;
    case Col::kRate:
      return 12;
    case Col::kDeviation:
      return 1;
    case Col::kText:
      return 5;
  }
  return 10;
}
// Cells missing at a row's end are more common than in its middle (a row stops at its last
// filled cell).
// Only 分值, 执行率 and 得分 are commonly left out of a row's end (a sub-row of the funds is not
// scored): amounts missing at the end are as doubtful as anywhere else.
int TrailingSkipCost(Col c) {
  return c == Col::kScore || c == Col::kRate ? SkipCost(c) - 3 : SkipCost(c);
}

// Names of 一级 and 二级 indicators as the forms write them.
bool LooksLevel1(std::string_view core) {
  for (std::string_view w : {"产出指标", "效益指标", "满意度指标", "成本指标", "投入指标",
                             "过程指标", "管理指标", "决策指标", "产出", "效益", "成本", "投入",
                             "过程", "履职效能", "管理效率", "运行成本", "社会效应"}) {
    if (core == w) return true;
  }
  return false;
}
bool LooksLevel2(std::string_view core) {
  if (LooksLevel1(core) && core != "成本指标") return false;
  if (core.size() > 36) return false;
  return EndsWith(core, "指标") || Has(core, "满意度") || Has(core, "效益") || Has(core, "可持续");
}

// The name of a 一级 or 二级 indicator, with or without its last word 指标 ("可持续影响",
// "社会效益指标").
bool NamesIndicatorGroup(std::string_view core) {
  if (LooksLevel1(core) || (EndsWith(core, "指标") && core.size() <= 36)) return true;
  for (std::string_view w : {"数量", "质量", "时效", "经济效益", "社会效益", "生态效益",
                             "可持续影响", "满意度", "服务对象满意度"}) {
    if (core == w) return true;
  }
  return false;
}

int Fit(const Cell& cell, Col col, int column) {
  const Kind k = cell.kind;
  // A cell written empty is a cell of the row, whatever its column.
  if (cell.blank) return 1;
  // An empty marker carries no figure: where several columns could hold it, the leftmost.
  if (k == Kind::kEmpty) return col == Col::kLabel ? 20 : 5 + 3 * std::min(column, 8);
  // The figures of a 总分 / 合计 row are the weight and the score, never a target.
  if (cell.total && col == Col::kValue) return kInf;
  switch (col) {
    case Col::kMoney:
    case Col::kScore:
      return k == Kind::kFigure ? 0 : k == Kind::kPercent ? 30 : kInf;
    case Col::kRate:
      return k == Kind::kPercent ? 0 : k == Kind::kFigure ? 2 : kInf;
    case Col::kValue:
      return k == Kind::kTarget ? 0 : k == Kind::kText ? 5 : 2;
    case Col::kLabel:
    case Col::kText:
      return k == Kind::kText ? 0 : k == Kind::kTarget ? 10 : kInf;
    case Col::kLevel3:
      return k == Kind::kText ? 0 : k == Kind::kTarget ? 5 : 40;
    case Col::kDeviation:
      // An indicator group's name is the next row's, never a reason (the last row of a table
      // cut short: "… 10 10 可持续影响").
      if (k == Kind::kText && NamesIndicatorGroup(HeaderCore(Compact(cell.text)))) return kInf;
      // "0" or "无" where no deviation is explained: a figure is possible, if unlikely.
      return k == Kind::kText ? 3 : k == Kind::kTarget ? 10 : 12;
    case Col::kLevel1:
    case Col::kLevel2: {
      if (k != Kind::kText) return kInf;
      const std::string core = HeaderCore(Compact(cell.text));
      if (col == Col::kLevel1) return LooksLevel1(core) ? 0 : 30;
      // 成本指标 is a 一级 indicator in the national template, a 二级 one in some others.
      if (core == "成本指标") return 3;
      return LooksLevel2(core) ? 0 : 20;
    }
  }
  return kInf;
}

// Starting a row with a cell. A flattened web table leaves a merged cell out of the rows below
// its first: a cell written empty ends a row rather than starts one.
constexpr int kBlankRowStart = 6;
int RowStartCost(const Cell& cell) { return kNewRow + (cell.blank ? kBlankRowStart : 0); }

struct Placed {
  int column = 0;
  bool starts_row = false;
};

// Aligns `cells` with `cols`; returns the placement of the cells before the first unsure one
// (rounded down to a row start). Linear in cells.size() for a fixed number of columns.
std::vector<Placed> Align(const std::vector<Cell>& cells, const std::vector<Col>& cols) {
  const int n = static_cast<int>(cols.size());
  const size_t m = cells.size();
  if (m == 0 || n == 0) return {};
  // Prefix sums of skip costs: mid(a, b) = cost of skipping columns [a, b).
  std::vector<int> mid(n + 1, 0), trail(n + 1, 0);
  for (int c = 0; c < n; ++c) {
    mid[c + 1] = mid[c] + SkipCost(cols[c]);
    trail[c + 1] = trail[c] + TrailingSkipCost(cols[c]);
  }
  const auto skip_mid = [&](int a, int b) { return a >= b ? 0 : mid[b] - mid[a]; };
  const auto skip_trail = [&](int a) { return a >= n ? 0 : trail[n] - trail[a]; };
  // F[i][c][s]: cells 0..i placed, cell i at column c, s = it starts a row.
  std::vector<int> f(m * n * 2, kInf), b(m * n, kInf);
  const auto F = [&](size_t i, int c, int s) -> int& { return f[(i * n + c) * 2 + s]; };
  const auto B = [&](size_t i, int c) -> int& { return b[i * n + c]; };
  std::vector<int> fit(m * n);
  for (size_t i = 0; i < m; ++i) {
    for (int c = 0; c < n; ++c) fit[i * n + c] = Fit(cells[i], cols[c], c);
  }
  for (size_t i = 0; i < m; ++i) {
    // The cheapest way to have closed a row before cell i, and the cheapest continuation.
    int closed = i == 0 ? 0 : kInf;
    std::vector<int> best_before(n + 1, kInf);  // min over c' < c of F[i-1][c'] - mid[c'+1]
    std::vector<int> plain_before(n + 1, kInf);  // min over c' < c of F[i-1][c']
    if (i > 0) {
      for (int c = 0; c < n; ++c) {
        const int here = std::min(F(i - 1, c, 0), F(i - 1, c, 1));
        if (here >= kInf) continue;
        closed = std::min(closed, here + skip_trail(c + 1));
        best_before[c + 1] = std::min(best_before[c], here - mid[c + 1]);
        plain_before[c + 1] = here;
      }
      for (int c = 1; c <= n; ++c) {
        best_before[c] = std::min(best_before[c], best_before[c - 1]);
        plain_before[c] = std::min(plain_before[c], plain_before[c - 1]);
      }
    }
    for (int c = 0; c < n; ++c) {
      const int fc = fit[i * n + c];
      if (fc >= kInf) continue;
      if (!cells[i].no_break && closed < kInf) {
        F(i, c, 1) = closed + RowStartCost(cells[i]) + skip_mid(0, c) + fc;
      }
      // A figure of a 总分 / 合计 row skips the columns a total leaves empty (the targets) at
      // no cost.
      if (i > 0 && !cells[i].must_start && cells[i].total && plain_before[c] < kInf) {
        F(i, c, 0) = plain_before[c] + fc;
      } else if (i > 0 && !cells[i].must_start && best_before[c] < kInf / 2) {
        F(i, c, 0) = best_before[c] + mid[c] + fc;
      }
    }
  }
  for (int c = 0; c < n; ++c) B(m - 1, c) = skip_trail(c + 1);
  for (size_t i = m - 1; i-- > 0;) {
    // Cheapest future when cell i+1 is at c2: fit + B.
    std::vector<int> ahead(n, kInf);
    int fresh = kInf;  // cell i+1 starts a row: min over c2 of mid(0,c2) + fit + B
    for (int c2 = 0; c2 < n; ++c2) {
      const int fc = fit[(i + 1) * n + c2];
      if (fc >= kInf || B(i + 1, c2) >= kInf) continue;
      ahead[c2] = fc + B(i + 1, c2);
      if (!cells[i + 1].no_break) {
        fresh = std::min(fresh, RowStartCost(cells[i + 1]) - kNewRow + skip_mid(0, c2) + ahead[c2]);
      }
    }
    // suffix minimum of ahead[c2] + mid[c2] for c2 > c
    std::vector<int> after(n + 1, kInf);
    const bool total = cells[i + 1].total;  // skips before it are free (above)
    for (int c2 = n - 1; c2 >= 0; --c2) {
      const int add = total ? 0 : mid[c2];
      after[c2] = std::min(after[c2 + 1], ahead[c2] >= kInf ? kInf : ahead[c2] + add);
    }
    for (int c = 0; c < n; ++c) {
      int best = kInf;
      if (!cells[i + 1].must_start && after[c + 1] < kInf) {
        best = after[c + 1] - (total ? 0 : mid[c + 1]);
      }
      if (fresh < kInf) best = std::min(best, skip_trail(c + 1) + kNewRow + fresh);
      B(i, c) = best;
    }
  }
  int total = kInf;
  for (int c = 0; c < n; ++c) {
    for (int s = 0; s < 2; ++s) {
      if (F(0, c, s) < kInf && B(0, c) < kInf) total = std::min(total, F(0, c, s) + B(0, c));
    }
  }
  std::vector<Placed> out;
  if (total >= kInf) return out;
  size_t row_start = 0;  // index in `out` of the current row's first cell
  for (size_t i = 0; i < m; ++i) {
    Placed best;
    int found = 0;
    int second = kInf;
    for (int c = 0; c < n; ++c) {
      for (int s = 0; s < 2; ++s) {
        if (F(i, c, s) >= kInf || B(i, c) >= kInf) continue;
        const int through = F(i, c, s) + B(i, c);
        if (through == total && found == 0) {
          best = {c, s == 1};
          found = 1;
        } else {
          second = std::min(second, through);
        }
      }
    }
    if (found == 0 || second < total + kMargin) {
      out.resize(row_start);
      return out;
    }
    if (best.starts_row) row_start = out.size();
    out.push_back(best);
  }
  return out;
}

// Align over windows of kWindow cells, so that memory stays small on a long table: each window
// keeps the rows that start at least kTail cells before its end (the end of a window is not the
// end of the table) and the next window starts at the row after them. A cut for an unsure cell
// before the tail ends the whole alignment, as it would without windows.
constexpr size_t kWindow = 2048;
constexpr size_t kTail = 64;

std::vector<Placed> AlignInWindows(const std::vector<Cell>& cells, const std::vector<Col>& cols) {
  std::vector<Placed> placed;
  size_t start = 0;
  while (start < cells.size()) {
    const size_t stop = std::min(cells.size(), start + kWindow);
    const std::vector<Cell> window(cells.begin() + static_cast<std::ptrdiff_t>(start),
                                   cells.begin() + static_cast<std::ptrdiff_t>(stop));
    std::vector<Placed> part = Align(window, cols);
    const size_t safe = window.size() - std::min(window.size(), kTail);
    if (stop == cells.size() || part.size() < safe) {
      placed.insert(placed.end(), part.begin(), part.end());
      break;
    }
    size_t keep = 0;  // the last row start within the safe part
    for (size_t k = 1; k < part.size() && k <= safe; ++k) {
      if (part[k].starts_row) keep = k;
    }
    if (keep == 0) {  // one row longer than the window: not a row of a form
      break;
    }
    placed.insert(placed.end(), part.begin(), part.begin() + static_cast<std::ptrdiff_t>(keep));
    start += keep;
  }
  return placed;
}

// A row under a funds header with fewer figures than figure columns: moved to the one placement
// its arithmetic allows, or marked unaligned — its label and figures in order — when several
// disagree (import/funds_placement.h). `row` has a cell at every column.
void PlaceByArithmetic(const std::vector<FundsRole>& roles, FlatRow* row) {
  std::vector<FundsFigure> figures;
  std::vector<int> at;  // the cells holding them
  for (size_t c = 0; c < row->cells.size() && c < roles.size(); ++c) {
    if (IsBlank(row->cells[c].text)) continue;
    if (roles[c] == FundsRole::kNone) continue;
    figures.push_back({row->cells[c].text, static_cast<int>(c)});
    at.push_back(static_cast<int>(c));
  }
  const std::optional<std::vector<int>> placed = PlaceFundsFigures(roles, figures);
  if (!placed) return;
  std::vector<FlatCell> moved;
  for (int c : at) {
    moved.push_back(std::move(row->cells[c]));
    row->cells[c] = FlatCell{};
    row->cells[c].column = c;
    row->cells[c].origin.line = row->origin.line;
  }
  if (placed->empty()) {
    // The label (the first cell with words, left of the figures) and the figures in order.
    std::vector<FlatCell> cells;
    for (FlatCell& c : row->cells) {
      if (!IsBlank(c.text)) {
        cells.push_back(std::move(c));
        break;
      }
    }
    if (cells.empty()) cells.emplace_back();
    for (FlatCell& c : moved) cells.push_back(std::move(c));
    for (size_t k = 0; k < cells.size(); ++k) cells[k].column = static_cast<int>(k);
    row->cells = std::move(cells);
    row->unaligned = true;
    return;
  }
  for (size_t k = 0; k < moved.size(); ++k) {
    moved[k].column = (*placed)[k];
    row->cells[(*placed)[k]] = std::move(moved[k]);
  }
}

// ---- runs of paragraphs ----

// A section heading of the report ("一、基本情况", "（一）…", "第一部分"): not a row label unless
// figures follow it.
bool LooksLikeHeading(std::string_view compact) {
  for (std::string_view n : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}) {
    if (StartsWith(compact, n) && Has(compact.substr(0, 12), "、")) return true;
    if (StartsWith(compact, std::string("(") + std::string(n))) return true;
  }
  return StartsWith(compact, "第") && Has(compact.substr(0, 15), "部分");
}

bool LooksLikeTitle(std::string_view compact) {
  return Has(compact, "自评表") || Has(compact, "基础数据表") || Has(compact, "附件") ||
         Has(compact, "自评报告") || Has(compact, "评价报告");
}

// Whether a paragraph may start a table: it is, or holds among blank-separated words, a header
// word or a pair's label. A cheap look first: a sentence never does.
bool MayStartTable(std::string_view text) {
  bool bar = false;
  const std::string_view t = WithoutTrailingBar(text, &bar);
  if (t.empty() || t.size() > kLongestRowLine || Has(t, "。")) return false;
  const auto starts = [](std::string_view c) {
    return HeaderWord(c) || IsNameLabel(c) || IsStaffLabel(c);
  };
  if (starts(Compact(t))) return true;
  for (std::string_view token : Tokens(t)) {
    if (token.size() < t.size() && starts(Compact(token))) return true;
  }
  return false;
}

bool HasFigure(const Item& item) {
  for (const Cell& c : item.cells) {
    if (c.kind == Kind::kFigure || c.kind == Kind::kPercent || c.kind == Kind::kEmpty) return true;
  }
  return false;
}

// A short line of words (not a sentence).
bool SingleText(const Item& item) {
  return !item.row && !item.sentence && item.cells.size() == 1 && item.cells[0].kind == Kind::kText;
}

// A spare row of the form, left blank: "……", or "指标2" with nothing after it in its cells.
bool IsSpareRow(const Item& item) {
  if (!SingleText(item)) return false;
  const std::string& c = item.compact;
  if (c == "……" || c == "…" || c == "..." || c == "......") return true;
  if (!StartsWith(c, "指标") || c.size() == 6) return false;
  return std::all_of(c.begin() + 6, c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// A sub-row of the funds that the form prints and the unit left without figures ("上年结转资金",
// "其他资金" under 年度资金总额): still a row of the table.
bool IsFundsRowLabel(const Item& item) {
  if (!SingleText(item) || DisplayWidth(item.compact) > 24) return false;
  for (std::string_view w : {"上年结转", "其他资金", "财政拨款", "基本支出", "项目支出"}) {
    if (Has(item.compact, w)) return true;
  }
  return false;
}

// A split of the funds written as label and amount in one cell ("按收入性质分:2030.12", "其中:
// 基本支出:900.47", "纳入专户管理的非税收入拨款:" left blank): a row of the funds table.
bool IsFundsSplitLine(const Item& item) {
  if (!SingleText(item) || DisplayWidth(item.compact) > 40) return false;
  const std::string folded = FoldWidth(item.compact);
  const size_t colon = folded.rfind(':');
  if (colon == std::string::npos) return false;
  const std::string value = folded.substr(colon + 1);
  if (!value.empty() && !IsFigure(value)) return false;
  for (std::string_view w : {"性质分", "一般公共预算", "政府性基金", "非税收入", "其他资金",
                             "基本支出", "项目支出", "财政拨款"}) {
    if (Has(folded.substr(0, colon), w)) return true;
  }
  return false;
}

// Rows of labels alone (the form's lines the unit left blank: "1、业务工作经费", "……") with
// figures again after them, within a few lines: the table goes on.
bool FiguresResume(const std::vector<Item>& items, size_t k) {
  constexpr size_t kLookahead = 8;
  for (size_t j = k; j < items.size() && j < k + kLookahead; ++j) {
    const Item& it = items[j];
    if (HasFigure(it)) return true;
    if (IsSpareRow(it)) continue;
    if (!SingleText(it) || it.header || DisplayWidth(it.compact) > 30 ||
        LooksLikeHeading(it.compact) || LooksLikeTitle(it.compact) || IsNameLabel(it.compact) ||
        IsStaffLabel(it.compact) || IsProjectLabel(it.compact)) {
      return false;
    }
  }
  return false;
}

class Rebuilder {
 public:
  Rebuilder(FlatDocument* doc) : doc_(doc) {}

  void Run() {
    // A document without a paragraph that may start a table (the usual tab-separated text) is
    // left as it is.
    bool any = false;
    for (size_t b = 0; b < doc_->blocks.size() && !any; ++b) {
      const FlatBlock& block = doc_->blocks[b];
      if (block.kind == FlatBlock::Kind::kParagraph) {
        any = MayStartTable(block.paragraph.text);
      } else if (b + 1 < doc_->blocks.size() && !block.table.rows.empty()) {
        any = doc_->blocks[b + 1].kind == FlatBlock::Kind::kParagraph &&
              HeaderOfRow(block.table.rows.back());
      }
    }
    if (!any) return;
    std::vector<FlatBlock> in = std::move(doc_->blocks);
    doc_->blocks.clear();
    out_.reserve(in.size());
    size_t b = 0;
    while (b < in.size()) {
      if (in[b].kind == FlatBlock::Kind::kTable) {
        out_.push_back(std::move(in[b++]));
        continue;
      }
      size_t e = b;
      while (e < in.size() && in[e].kind == FlatBlock::Kind::kParagraph) ++e;
      Run(in, b, e);
      b = e;
    }
    std::stable_sort(doc_->skipped.begin(), doc_->skipped.end(),
                     [](const FlatSkipped& a, const FlatSkipped& b) { return a.line < b.line; });
    int index = 0;
    for (FlatBlock& block : out_) {
      if (block.kind == FlatBlock::Kind::kTable) block.table.index = ++index;
    }
    doc_->blocks = std::move(out_);
  }

 private:
  struct Header {
    std::vector<Col> cols;
    FlatRow row;                     // the header row as it will stand in the table
    std::vector<std::string> words;  // its header words, compact: to know it again
    std::string corner;              // the label column's header, compact, when written
  };

  void Paragraph(std::vector<FlatBlock>& in, size_t block) { out_.push_back(std::move(in[block])); }

  // The paragraphs [b, e) of `in`.
  void Run(std::vector<FlatBlock>& in, size_t b, size_t e) {
    in_ = &in;
    run_ends_document_ = e == in.size();
    // Most runs (a report's paragraphs) hold no header word at all: they are passed on as they
    // are, without being read further.
    const bool under_header = !out_.empty() && out_.back().kind == FlatBlock::Kind::kTable &&
                              !out_.back().table.rows.empty() &&
                              HeaderOfRow(out_.back().table.rows.back());
    bool trigger = under_header;
    for (size_t k = b; k < e && !trigger; ++k) trigger = MayStartTable(in[k].paragraph.text);
    if (!trigger) {
      Flush(in, b, e);
      return;
    }
    std::vector<Item> items;
    items.reserve(e - b);
    for (size_t k = b; k < e; ++k) {
      if (IsBlank(in[k].paragraph.text)) continue;
      items.push_back(ReadItem(in[k].paragraph, k));
    }
    JoinSplitFigures(&items);
    JoinWrappedNames(&items);
    size_t i = 0;
    size_t pending = b;  // blocks [pending, …) not yet emitted
    // Rows right under a table whose last row is a header.
    if (!items.empty() && under_header) {
      FlatTable& prev = out_.back().table;
      if (std::optional<Header> h = HeaderOfRow(prev.rows.back())) {
        size_t scanned = 0;
        i = Rows(in, items, 0, *h, &prev, &scanned);
        if (i > 0) pending = items[i - 1].last_block + 1;
      }
    }
    while (i < items.size()) {
      if (const size_t used = Goals(items, i); used > 0) {
        // (Goals emitted its table; the paragraphs before it go first.)
        FlatBlock table = std::move(out_.back());
        out_.pop_back();
        Flush(in, pending, items[i].block);
        out_.push_back(std::move(table));
        i += used;
        pending = items[i - 1].last_block + 1;
        continue;
      }
      if (Pairs(items, i, /*probe=*/true) > 0) {
        Flush(in, pending, items[i].block);
        i += Pairs(items, i);
        pending = items[i - 1].last_block + 1;
        continue;
      }
      size_t header_end = 0;
      std::optional<Header> h = HeaderAt(items, i, &header_end);
      if (!h) {
        ++i;
        continue;
      }
      // The label column's header: the line before, when it is a short title of its own.
      size_t first = i;
      if (h->cols.front() == Col::kLabel && h->row.cells.front().text.empty() && i > 0 &&
          items[i - 1].block >= pending && IsCorner(items[i - 1])) {
        const Cell& corner = items[i - 1].cells[0];
        h->row.cells.front().text = corner.text;
        h->row.cells.front().written = corner.written;
        h->row.cells.front().origin.line = corner.line;
        h->corner = items[i - 1].compact;
        first = i - 1;
      }
      FlatBlock block;
      block.kind = FlatBlock::Kind::kTable;
      block.table.rows.push_back(h->row);
      size_t scanned = header_end;
      const size_t end = Rows(in, items, header_end, *h, &block.table, &scanned);
      if (end == header_end) {
        // A header and no row: not a table. What was read under it stays paragraphs (read
        // once: the next header is looked for after it).
        i = std::max(header_end, scanned);
        continue;
      }
      Flush(in, pending, items[first].block);
      out_.push_back(std::move(block));
      i = end;
      pending = items[end - 1].last_block + 1;
    }
    Flush(in, pending, e);
  }

  // Emits the paragraphs [from, to) of `in` as they were (blank ones too).
  void Flush(std::vector<FlatBlock>& in, size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) Paragraph(in, k);
  }

  // "95." then "10%" (a figure broken at its decimal point), and "95.10" then "%": one cell.
  static void JoinSplitFigures(std::vector<Item>* items) {
    std::vector<Item>& v = *items;
    std::vector<Item> out;
    out.reserve(v.size());
    for (size_t k = 0; k < v.size(); ++k) {
      // (Not cells a bar delimits: "100 |" then "% |" are a value and its unit.)
      if (k + 1 < v.size() && !v[k].row && !v[k + 1].row && !v[k].sentence && !v[k + 1].sentence &&
          !v[k].bar && !v[k + 1].bar && v[k].cells.size() == 1 && v[k + 1].cells.size() == 1) {
        const std::string& a = v[k].compact;
        const std::string& next = v[k + 1].compact;
        const bool at_point = EndsWith(a, ".") && !next.empty() && next[0] >= '0' &&
                              next[0] <= '9' && IsFigure(a + next);
        const bool at_percent = next == "%" && IsFigure(a);
        if (at_point || at_percent) {
          std::string both = a + next;  // before v[k] is moved: `a` is its text
          Item joined = JoinedItems(std::move(v[k]), v[k + 1], std::move(both));
          joined.cells[0].kind = KindOf(joined.cells[0].text);
          out.push_back(std::move(joined));
          ++k;
          continue;
        }
      }
      out.push_back(std::move(v[k]));
    }
    v = std::move(out);
  }

  // The one-cell item `a` with the one-cell item `b` joined onto it: its text becomes `text`,
  // and the words as written keep both, a line each.
  static Item JoinedItems(Item a, const Item& b, std::string text) {
    Cell& c = a.cells[0];
    const Cell& tail = b.cells[0];
    c.written = (c.written.empty() ? c.text : c.written) + "\n" +
                (tail.written.empty() ? tail.text : tail.written);
    c.text = text;
    a.compact = std::move(text);
    a.last_block = b.last_block;
    return a;
  }

  // "经济效益" then "指标", "满意度" then "指标": a 一级 / 二级 indicator's name wrapped before its
  // last word is one cell.
  static void JoinWrappedNames(std::vector<Item>* items) {
    std::vector<Item>& v = *items;
    std::vector<Item> out;
    out.reserve(v.size());
    for (size_t k = 0; k < v.size(); ++k) {
      if (k + 1 < v.size() && SingleText(v[k]) && SingleText(v[k + 1]) && !v[k].header &&
          v[k + 1].compact == "指标" && !EndsWith(v[k].compact, "指标")) {
        const std::string both = v[k].compact + "指标";
        const std::string core = HeaderCore(both);
        if (LooksLevel1(core) || LooksLevel2(core)) {
          out.push_back(JoinedItems(std::move(v[k]), v[k + 1], both));
          ++k;
          continue;
        }
      }
      out.push_back(std::move(v[k]));
    }
    v = std::move(out);
  }

  static bool IsCorner(const Item& item) {
    if (!SingleText(item) || item.header) return false;
    const std::string& c = item.compact;
    return DisplayWidth(c) <= 40 && !Has(c, "。") && !EndsWith(c, ":") && !LooksLikeHeading(c) &&
           !LooksLikeTitle(c) && !IsNameLabel(c) && !IsStaffLabel(c);
  }

  // A header starting at items[i]: at least two header words, each a line of its own (a word
  // wrapped over up to three lines joined), or a line of header words.
  static std::optional<Header> HeaderAt(const std::vector<Item>& items, size_t i, size_t* end) {
    if (items[i].row) {
      const Item& it = items[i];
      Header h;
      size_t k = 0;
      if (!HeaderWord(Compact(it.cells[0].text))) {
        h.cols.push_back(Col::kLabel);
        h.row.cells.push_back(CellAt(it.cells[0].text, "", it.cells[0].line, 0));
        k = 1;
      }
      int words = 0;
      for (; k < it.cells.size(); ++k) {
        const std::string c = Compact(it.cells[k].text);
        const std::optional<Col> col = HeaderWord(c);
        if (!col) return std::nullopt;
        ++words;
        h.cols.push_back(*col);
        h.words.push_back(c);
        h.row.cells.push_back(CellAt(c, c == it.cells[k].text ? "" : it.cells[k].text,
                                         it.cells[k].line, static_cast<int>(h.cols.size()) - 1));
      }
      if (words < 2 || h.cols.size() >= kMaxColumns) return std::nullopt;
      AddLabelColumn(&h, it.cells[0].line);
      h.row.origin.line = it.cells[0].line;
      *end = i + 1;
      return h;
    }
    Header h;
    size_t k = i;
    while (k < items.size() && h.cols.size() + 1 < kMaxColumns) {
      size_t used = 0;
      std::string text, written;
      std::optional<Col> col = WrappedHeaderWord(items, k, &used, &text, &written);
      if (!col) break;
      h.cols.push_back(*col);
      h.words.push_back(Compact(text));
      h.row.cells.push_back(
          CellAt(text, written, items[k].cells[0].line, static_cast<int>(h.cols.size()) - 1));
      k += used;
    }
    if (h.cols.size() < 2) return std::nullopt;
    AddLabelColumn(&h, items[i].cells[0].line);
    h.row.origin.line = items[i].cells[0].line;
    *end = k;
    return h;
  }

  // A cell of a rebuilt row: its text, as written when that differs, line and column.
  static FlatCell CellAt(std::string text, std::string written, int line, int column) {
    FlatCell c;
    c.text = std::move(text);
    c.written = std::move(written);
    c.column = column;
    c.origin.line = line;
    return c;
  }

  // Figures need a label column before them; a header that starts with a figure column gets one
  // (its header empty until the line before is taken as it).
  static void AddLabelColumn(Header* h, int line) {
    if (!IsFigureColumn(h->cols.front())) return;
    h->cols.insert(h->cols.begin(), Col::kLabel);
    h->row.cells.insert(h->row.cells.begin(), CellAt("", "", line, 0));
    for (size_t c = 0; c < h->row.cells.size(); ++c) h->row.cells[c].column = static_cast<int>(c);
  }

  // A header word on items[k], or wrapped over items[k..k+2] ("偏差原因分析及" / "改进措施",
  // "年初" / "预算数").
  static std::optional<Col> WrappedHeaderWord(const std::vector<Item>& items, size_t k,
                                              size_t* used, std::string* text,
                                              std::string* written) {
    std::string joined, lines;
    for (size_t n = 0; n < 3 && k + n < items.size(); ++n) {
      const Item& it = items[k + n];
      if (!SingleText(it)) return std::nullopt;
      joined += it.compact;
      // A header word of its own goes on a word only when they make one together ("年初" /
      // "预算数"), never after one ("分值" / "得分").
      if (n > 0 && it.header && !HeaderWord(joined)) return std::nullopt;
      const std::string& w = it.cells[0].written.empty() ? it.cells[0].text : it.cells[0].written;
      lines += (n > 0 ? "\n" : "") + w;
      if (std::optional<Col> col = HeaderWord(joined)) {
        *used = n + 1;
        *text = n == 0 ? it.cells[0].text : lines;
        *written = n == 0 ? it.cells[0].written : "";
        return col;
      }
    }
    return std::nullopt;
  }

  // The header a table row stands for, when its cells are header words (the first may be the
  // label column's header).
  static std::optional<Header> HeaderOfRow(const FlatRow& row) {
    Header h;
    int words = 0;
    for (size_t c = 0; c < row.cells.size(); ++c) {
      const std::string compact = Compact(row.cells[c].text);
      if (std::optional<Col> col = HeaderWord(compact)) {
        h.cols.push_back(*col);
        h.words.push_back(compact);
        ++words;
      } else if (c == 0) {
        h.cols.push_back(Col::kLabel);
      } else {
        return std::nullopt;
      }
    }
    if (words < 2 || h.cols.size() > kMaxColumns) return std::nullopt;
    return h;
  }

  // 项目名称 / 主管部门 / 实施单位 each followed by its value ("219-池州市某镇人民政府"): one
  // table, a row per pair. The value is a line of words that is no label or header word of
  // its own (a 项目名称 column over a list of projects is followed by other headers).
  size_t ProjectPairs(const std::vector<Item>& items, size_t i) {
    FlatBlock block;
    block.kind = FlatBlock::Kind::kTable;
    size_t k = i;
    while (k + 1 < items.size() && !items[k].row && IsProjectLabel(items[k].compact)) {
      const Item& value = items[k + 1];
      if (value.row || value.sentence || value.cells.size() != 1 || value.header ||
          IsProjectLabel(value.compact) || IsNameLabel(value.compact) ||
          IsStaffLabel(value.compact) || DisplayWidth(value.cells[0].text) > 80) {
        break;
      }
      FlatRow row;
      for (const Item* it : {&items[k], &value}) {
        const Cell& c = it->cells[0];
        row.cells.push_back(CellAt(c.text, c.written, c.line, static_cast<int>(row.cells.size())));
      }
      row.origin.line = items[k].cells[0].line;
      block.table.rows.push_back(std::move(row));
      k += 2;
    }
    if (k == i) return 0;
    out_.push_back(std::move(block));
    return k - i;
  }

  // Label / value pairs at items[i]: the number of items used, 0 when none. Staffing labels
  // with figures become a header row and a value row; a name label and its value, one row.
  size_t Pairs(const std::vector<Item>& items, size_t i) {
    const Item& first = items[i];
    if (!first.row && IsProjectLabel(first.compact)) return ProjectPairs(items, i);
    if (!first.row && !IsNameLabel(first.compact) && !IsStaffLabel(first.compact)) return 0;
    FlatBlock block;
    block.kind = FlatBlock::Kind::kTable;
    FlatRow labels, values;
    const auto add = [](FlatRow* row, const Cell& cell) {
      FlatCell c;
      c.text = cell.text;
      c.written = cell.written;
      c.column = static_cast<int>(row->cells.size());
      c.origin.line = cell.line;
      if (row->cells.empty()) row->origin.line = cell.line;
      row->cells.push_back(std::move(c));
    };
    const auto is_value = [](const Cell& c) {
      return c.kind == Kind::kFigure || c.kind == Kind::kPercent || c.kind == Kind::kEmpty;
    };
    // "预算部门名称 某县文化馆" on one line.
    if (first.row && first.cells.size() == 2 && IsNameLabel(Compact(first.cells[0].text))) {
      FlatRow row;
      add(&row, first.cells[0]);
      add(&row, first.cells[1]);
      block.table.rows = {std::move(row)};
      out_.push_back(std::move(block));
      return 1;
    }
    // "编制数 8 实际在职人数 7 控制率 87.5%" on one line.
    if (first.row && first.cells.size() % 2 == 0) {
      for (size_t k = 0; k < first.cells.size(); k += 2) {
        const std::string label = Compact(first.cells[k].text);
        if (!(IsStaffLabel(label) || label == "控制率") || !is_value(first.cells[k + 1])) return 0;
        add(&labels, first.cells[k]);
        add(&values, first.cells[k + 1]);
      }
      block.table.rows = {std::move(labels), std::move(values)};
      out_.push_back(std::move(block));
      return 1;
    }
    if (first.row || first.cells.size() != 1 || i + 1 >= items.size()) return 0;
    const Item& second = items[i + 1];
    if (second.row || second.cells.size() != 1) return 0;
    if (IsNameLabel(first.compact)) {
      const Cell& v = second.cells[0];
      if (!SingleText(second) || second.header || IsNameLabel(second.compact) ||
          IsStaffLabel(second.compact) || DisplayWidth(v.text) > 80) {
        return 0;
      }
      FlatRow row;
      add(&row, first.cells[0]);
      add(&row, v);
      block.table.rows = {std::move(row)};
      out_.push_back(std::move(block));
      return 2;
    }
    size_t k = i;
    while (k + 1 < items.size() && !items[k].row && !items[k + 1].row &&
           (IsStaffLabel(items[k].compact) || (k > i && items[k].compact == "控制率")) &&
           items[k + 1].cells.size() == 1 && is_value(items[k + 1].cells[0])) {
      add(&labels, items[k].cells[0]);
      add(&values, items[k + 1].cells[0]);
      k += 2;
    }
    if (k == i) return 0;
    block.table.rows = {std::move(labels), std::move(values)};
    out_.push_back(std::move(block));
    return k - i;
  }

  // Where the rows under a header end: before another header, a pair, a heading or title with
  // no figure after it, a long line, or a long run of words with no figure among them.
  // A header repeated at the top of the next page (with the line before it when that is the
  // label column's header again) is not a new table: its items are marked in `repeated`.
  size_t StreamEnd(const std::vector<Item>& items, size_t from, const Header& h,
                   std::vector<bool>* repeated, size_t* stop) {
    const std::vector<Col>& cols = h.cols;
    int non_figure_cols = 0, trailing = 0;
    bool wordy = false;
    for (Col c : cols) {
      if (IsFigureColumn(c)) {
        trailing = 0;
      } else {
        ++non_figure_cols;
        ++trailing;
      }
      wordy = wordy || c == Col::kDeviation || c == Col::kText;
    }
    const int widest = wordy ? 160 : 60;
    const bool money = std::find(cols.begin(), cols.end(), Col::kMoney) != cols.end();
    size_t last_figure = from;  // one past the last item holding a figure
    bool any_figure = false;
    bool blank_tail = false;  // cells written empty end the row of the last figure
    int words = 0;            // items in a row without a figure
    size_t k = from;
    for (; k < items.size(); ++k) {
      const Item& it = items[k];
      size_t header_end = 0;
      if (std::optional<Header> again = HeaderAt(items, k, &header_end)) {
        if (again->words != h.words) break;
        for (size_t r = k; r < header_end; ++r) (*repeated)[r] = true;
        if (k > from && !h.corner.empty() && items[k - 1].compact == h.corner) {
          (*repeated)[k - 1] = true;
        }
        k = header_end - 1;
        continue;
      }
      if (it.compact == h.corner && k + 1 < items.size() && HeaderAt(items, k + 1, &header_end) &&
          HeaderAt(items, k + 1, &header_end)->words == h.words) {
        continue;  // marked with the header after it
      }
      if (Pairs(items, k, /*probe=*/true)) break;
      if (it.long_text) break;
      if (!it.row && it.cells.size() == 1 && it.cells[0].kind != Kind::kFigure &&
          it.cells[0].kind != Kind::kPercent && it.cells[0].kind != Kind::kEmpty) {
        const bool figure_next = k + 1 < items.size() && HasFigure(items[k + 1]);
        const std::string compact = it.sentence ? Compact(TextOf(it)) : it.compact;
        if ((LooksLikeHeading(compact) || LooksLikeTitle(compact)) && !figure_next) break;
        if (DisplayWidth(compact) > widest) break;
      }
      // A blank row of the form, or a cell written empty, is neither a figure nor a word;
      // cells written empty right after a figure are the rest of its row.
      if (it.cells.size() == 1 && it.cells[0].blank) {
        if (k == last_figure && any_figure) {
          last_figure = k + 1;
          blank_tail = true;
        }
        continue;
      }
      if (IsSpareRow(it)) continue;
      if (HasFigure(it) ||
          (money && any_figure && (IsFundsRowLabel(it) || IsFundsSplitLine(it)))) {
        last_figure = k + 1;
        blank_tail = false;
        any_figure = true;
        words = 0;
      } else if (++words > non_figure_cols + 1 && !(money && FiguresResume(items, k))) {
        break;
      }
    }
    *stop = k;
    if (!any_figure) return from;
    return std::min(k, last_figure + static_cast<size_t>(blank_tail ? 0 : trailing));
  }

  size_t Pairs(const std::vector<Item>& items, size_t i, bool /*probe*/) {
    const size_t before = out_.size();
    const size_t used = Pairs(items, i);
    out_.resize(before);
    return used;
  }

  // Aligns the items from `from` under `h` and appends the rows to `table`; returns the index
  // of the first item not placed (== from when none was).
  // `scanned`: where the reading of candidates stopped (past repeated headers).
  size_t Rows(std::vector<FlatBlock>& in, const std::vector<Item>& items, size_t from,
              const Header& h, FlatTable* table, size_t* scanned) {
    (void)in;
    std::vector<bool> repeated(items.size(), false);
    const size_t end = StreamEnd(items, from, h, &repeated, scanned);
    if (end == from) return from;
    std::vector<Cell> cells;
    std::vector<size_t> item_of;
    // The form's spare rows ("指标2" and "……" with nothing in their cells) are not aligned:
    // each becomes a row of its own, where it stands.
    struct Spare {
      size_t cell;  // the index in `cells` of the cell after it
      size_t item;
    };
    std::vector<Spare> spares;
    bool in_total = false;
    for (size_t k = from; k < end; ++k) {
      if (repeated[k]) continue;
      if (IsSpareRow(items[k])) {
        spares.push_back({cells.size(), k});
        continue;
      }
      const bool after_row = k > from && items[k - 1].row;
      for (const Cell& c : items[k].cells) {
        const std::string compact = Compact(c.text);
        const bool figure = c.kind == Kind::kFigure || c.kind == Kind::kPercent;
        if (compact == "总分" || compact == "合计" || compact == "总计") {
          in_total = true;
        } else if (!figure) {
          in_total = false;
        }
        cells.push_back(c);
        if (items[k].sentence) cells.back().text = std::string(TextOf(items[k]));
        cells.back().total = in_total && figure;
        if (after_row && &c == &items[k].cells.front()) cells.back().must_start = true;
        item_of.push_back(k);
      }
    }
    const std::vector<Placed> placed = AlignInWindows(cells, h.cols);
    if (placed.empty()) return from;
    const int n = static_cast<int>(h.cols.size());
    // A funds header: a row short of figures is placed by its arithmetic, not by the kinds of
    // its cells alone (import/funds_placement.h).
    std::vector<std::string> header_texts;
    for (const FlatCell& c : h.row.cells) header_texts.push_back(Compact(c.text));
    header_texts.resize(n);
    const std::vector<FundsRole> roles = FundsRoles(header_texts);
    const bool funds = IsFundsHeader(roles);
    FlatRow row;
    const auto close = [&]() {
      if (row.cells.empty()) return;
      // Every column gets a cell: the ones the text left out, empty.
      std::vector<FlatCell> full(n);
      for (int c = 0; c < n; ++c) {
        full[c].column = c;
        full[c].origin.line = row.origin.line;
      }
      for (FlatCell& c : row.cells) full[c.column] = std::move(c);
      row.cells = std::move(full);
      if (funds) PlaceByArithmetic(roles, &row);
      table->rows.push_back(std::move(row));
      row = FlatRow{};
    };
    const size_t next = item_of[placed.size() - 1] + 1;
    int spare_column = 0;
    for (int c = 0; c < n; ++c) {
      if (h.cols[c] == Col::kLevel3) spare_column = c;
    }
    size_t spare = 0;
    const auto spares_before = [&](size_t cell) {
      for (; spare < spares.size() && spares[spare].cell <= cell && spares[spare].item < next;
           ++spare) {
        close();
        const Cell& src = items[spares[spare].item].cells[0];
        FlatCell c;
        c.text = src.text;
        c.written = src.written;
        c.column = spare_column;
        c.origin.line = src.line;
        row.origin.line = src.line;
        row.cells.push_back(std::move(c));
        close();
      }
    };
    for (size_t k = 0; k < placed.size(); ++k) {
      if (placed[k].starts_row) {
        close();
        spares_before(k);
      }
      const Cell& src = cells[k];
      FlatCell c;
      c.text = src.text;
      c.written = src.written;
      c.column = placed[k].column;
      c.origin.line = src.line;
      if (h.cols[c.column] == Col::kValue) {
        if (std::optional<std::string> fixed = RepairTarget(c.text)) {
          if (c.written.empty()) c.written = c.text;
          c.text = std::move(*fixed);
        }
      }
      if (row.cells.empty()) row.origin.line = src.line;
      row.cells.push_back(std::move(c));
    }
    close();
    spares_before(placed.size());
    for (size_t k = from; k < next; ++k) {
      if (!repeated[k]) continue;
      for (const Cell& c : items[k].cells) {
        doc_->skipped.push_back(FlatSkipped{c.line, c.written.empty() ? c.text : c.written,
                                            FlatSkipped::Why::kRepeatedHeader});
      }
    }
    return next;
  }

  // Leader dots left by a text box or a form's fill-in line ("..", "……", "·····"): no content.
  static bool IsFiller(const Item& item) {
    if (!SingleText(item) && !(item.cells.size() == 1 && item.cells[0].kind == Kind::kEmpty)) {
      return false;
    }
    const std::string& c = item.compact;
    if (c.size() < 2) return false;
    size_t pos = 0;
    while (pos < c.size()) {
      const char32_t cp = NextCodePoint(c, &pos);
      if (cp != U'.' && cp != U'·' && cp != U'…' && cp != U'．' && cp != U'-' && cp != U'_') {
        return false;
      }
    }
    return true;
  }

  // The number a goal line starts with ("1." "1、" "（1）" "(1)" "一、"), "" when none.
  static std::string GoalNumber(std::string_view text) {
    const std::string folded = FoldWidth(TrimBlank(text));
    std::string_view t = folded;
    const bool paren = StartsWith(t, "(");
    if (paren) t.remove_prefix(1);
    size_t digits = 0;
    while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
    if (digits > 0 && digits < t.size() &&
        (paren ? t[digits] == ')'
               : (t[digits] == '.' || t[digits] == ':' || StartsWith(t.substr(digits), "、")))) {
      return std::string(t.substr(0, digits));
    }
    for (std::string_view n : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}) {
      if (StartsWith(t, n) && StartsWith(t.substr(n.size()), "、")) return std::string(n);
    }
    return "";
  }

  // The goals block of a 自评表 flattened: "年度总体目标" (the label column's header, when
  // written), "预期目标", "实际完成情况", then the planned and the achieved text up to the next
  // table header or the end of the run — one paragraph each, or numbered lines of each, the
  // achieved ones numbered from the first number again. Leader dots among them are left out
  // and listed. Emits the table (a header row and a value row) and returns the number of items
  // used; 0 when this is no such block or the two texts cannot be told apart (they then stay
  // paragraphs: never a guess). A file that stops after the planned text (the last run of
  // paragraphs, one text) gives the planned text and an empty achieved cell.
  size_t Goals(const std::vector<Item>& items, size_t i) {
    size_t k = i;
    const Item* corner = nullptr;
    if (SingleText(items[k]) && items[k].compact == "年度总体目标") corner = &items[k++];
    if (k + 1 >= items.size() || !SingleText(items[k]) || items[k].compact != "预期目标" ||
        !SingleText(items[k + 1]) ||
        !(items[k + 1].compact == "实际完成情况" || items[k + 1].compact == "实际完成" ||
          items[k + 1].compact == "全年实际完成情况")) {
      return 0;
    }
    const Item& planned_head = items[k];
    const Item& achieved_head = items[k + 1];
    k += 2;
    std::vector<size_t> texts, fillers;
    for (; k < items.size(); ++k) {
      const Item& it = items[k];
      size_t header_end = 0;
      if (HeaderAt(items, k, &header_end) || it.compact == "绩效指标" || it.row) break;
      if (IsFiller(it)) {
        fillers.push_back(k);
        continue;
      }
      if (HasFigure(it)) return 0;
      const std::string compact = it.sentence ? Compact(TextOf(it)) : it.compact;
      if (LooksLikeHeading(compact) || LooksLikeTitle(compact)) return 0;
      texts.push_back(k);
    }
    // The file stops after the planned text (a page cut short): the achieved one is not there.
    const bool cut = texts.size() == 1 && k == items.size() && run_ends_document_;
    if (texts.size() < 2 && !cut) return 0;
    size_t split = 1;
    if (texts.size() > 2) {
      // Numbered lines: the achieved ones start at the planned ones' first number again.
      const std::string first = GoalNumber(ItemText(items[texts[0]]));
      if (first.empty()) return 0;
      split = 0;
      for (size_t t = 1; t < texts.size(); ++t) {
        if (GoalNumber(ItemText(items[texts[t]])) != first) continue;
        if (split != 0) return 0;  // restarts twice: which is which cannot be told
        split = t;
      }
      if (split == 0) return 0;
    }
    const auto cell = CellAt;
    const auto joined = [&](size_t from, size_t to) {
      std::string s;
      for (size_t t = from; t < to; ++t) {
        s += (t > from ? "\n" : "") + std::string(ItemText(items[texts[t]]));
      }
      return s;
    };
    FlatBlock block;
    block.kind = FlatBlock::Kind::kTable;
    FlatRow head, values;
    const int head_line = (corner ? corner : &planned_head)->cells[0].line;
    head.origin.line = head_line;
    head.cells.push_back(cell(corner ? corner->cells[0].text : "", "", head_line, 0));
    head.cells.push_back(
        cell(planned_head.cells[0].text, planned_head.cells[0].written, planned_head.cells[0].line, 1));
    head.cells.push_back(cell(achieved_head.cells[0].text, achieved_head.cells[0].written,
                              achieved_head.cells[0].line, 2));
    const int line = items[texts[0]].cells[0].line;
    values.origin.line = line;
    values.cells.push_back(cell("", "", line, 0));
    values.cells.push_back(cell(joined(0, split), "", line, 1));
    values.cells.push_back(
        cut ? cell("", "", line, 2)
            : cell(joined(split, texts.size()), "", items[texts[split]].cells[0].line, 2));
    block.table.rows = {std::move(head), std::move(values)};
    out_.push_back(std::move(block));
    for (size_t f : fillers) {
      const Cell& c = items[f].cells[0];
      doc_->skipped.push_back(
          FlatSkipped{c.line, c.written.empty() ? c.text : c.written, FlatSkipped::Why::kFiller});
    }
    return k - i;
  }

  // An item's text as written on its line (a sentence's read from its paragraph).
  std::string ItemText(const Item& item) const {
    if (item.sentence) return std::string(TextOf(item));
    const Cell& c = item.cells[0];
    return c.written.empty() ? c.text : c.written;
  }

  // The trimmed text of a sentence item (its paragraph is not emitted yet when this is asked).
  std::string_view TextOf(const Item& item) const {
    bool bar = false;
    return WithoutTrailingBar((*in_)[item.block].paragraph.text, &bar);
  }

  FlatDocument* doc_;
  std::vector<FlatBlock>* in_ = nullptr;  // the blocks being rebuilt
  bool run_ends_document_ = false;         // the run of paragraphs being read is the last
  std::vector<FlatBlock> out_;
};

}  // namespace

// A whole table run together on one line ("项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率
// 得分 年度资金总额: 0 0 0 10 …", a Word file's text saved without its line breaks): a line too
// long to be one row that holds, as blank-separated words, at least three header words.
bool HoldsRunTogetherTable(std::string_view line) {
  const std::string_view t = TrimBlank(line);
  if (t.size() <= kLongestRowLine) return false;
  int words = 0;
  for (std::string_view token : Tokens(t)) {
    if (HeaderWord(Compact(token)) && ++words >= 3) return true;
  }
  return false;
}

// What comes before the first header word or label (a title such as "项目支出绩效自评表
// (2022年度)", a file's properties) stays one paragraph, so that its words are read together.
std::vector<std::string_view> RunTogetherCells(std::string_view line) {
  std::vector<std::string_view> tokens = Tokens(line);
  size_t first = 0;
  while (first < tokens.size()) {
    const std::string c = Compact(tokens[first]);
    if (HeaderWord(c) || IsNameLabel(c) || IsStaffLabel(c) || c == "项目名称") break;
    ++first;
  }
  if (first < 2 || first == tokens.size()) return tokens;
  std::vector<std::string_view> out;
  const char* begin = tokens.front().data();
  const char* end = tokens[first - 1].data() + tokens[first - 1].size();
  out.emplace_back(begin, static_cast<size_t>(end - begin));
  out.insert(out.end(), tokens.begin() + static_cast<std::ptrdiff_t>(first), tokens.end());
  return out;
}

void RebuildLooseTables(FlatDocument* doc) { Rebuilder(doc).Run(); }

}  // namespace jixiao
