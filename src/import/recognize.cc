// The recognizer: a pass over the document's tables row by row, driven by header wording,
// then a pass over the paragraphs after the tables for the report.
#include "import/recognize.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "base/lang.h"
#include "base/lines.h"
#include "base/number_text.h"
#include "base/text.h"
#include "check/codes.h"
#include "compute/funds_method.h"
#include "model/target.h"
#include "model/walk.h"

namespace jixiao {
namespace {

bool Has(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// A header cell with its folded text ("（万元）" → "(万元)").
std::string Key(std::string_view text) { return FoldWording(text); }

enum class CellRead { kOk, kBlank, kUnreadable };

// The unit of money of a column: stated as 万元 or 元, or not stated at all (then 万元 is
// assumed, as the forms print it).
enum class MoneyUnit { kUnstated, kWan, kYuan };

// Reads a figure cell: blank markers, "——" (not applicable), numbers (with line breaks inside
// removed: "95.\n10%"; thousands separators accepted) with an optional unit written after
// them ("124.88万元", "3,724,055.00元", "10分"), which is dropped; `suffix` receives the unit of
// money so written and `grouped` whether thousands separators were present.
CellRead ReadCell(std::string_view text, Cell* out, MoneyUnit* suffix = nullptr,
                  bool* grouped = nullptr) {
  if (suffix != nullptr) *suffix = MoneyUnit::kUnstated;
  if (grouped != nullptr) *grouped = false;
  std::string joined = JoinTrimmedLines(text);
  // Spaces inside a number ("1 234.5") are kept out; full-width forms are folded by the parser.
  const std::string_view t = TrimBlank(joined);
  if (t.empty() || t == "-" || t == "－") {
    *out = Cell::Blank();
    return CellRead::kBlank;
  }
  if (t == "——" || t == "—" || t == "/" || t == "／" || t == "－－" || t == "--") {
    *out = Cell::NotApplicable();
    return CellRead::kOk;
  }
  std::string_view number = t;
  for (std::string_view unit : {"万元", "元", "分", "人"}) {
    if (number.size() > unit.size() && number.substr(number.size() - unit.size()) == unit) {
      number.remove_suffix(unit.size());
      if (suffix != nullptr && unit == "万元") *suffix = MoneyUnit::kWan;
      if (suffix != nullptr && unit == "元") *suffix = MoneyUnit::kYuan;
      break;
    }
  }
  const DocumentNumber n = ParseDocumentNumber(number);
  if (!n.ok) return CellRead::kUnreadable;
  if (grouped != nullptr) *grouped = n.grouped;
  *out = Cell::Number(n.value, n.percent);
  return CellRead::kOk;
}

// An amount in 元 as 万元, exactly: divided by 10,000 with four more decimals than written
// (3,724,055.00 元 → 372.405500 万元: a figure written to the 分 stays exact to the 分, and its
// rounding interval, ±½ of its last written digit, is the same amount of money).
Decimal YuanToWan(const Decimal& yuan) {
  return Decimal::Divide(yuan, Decimal::FromInt(10000),
                         std::min(yuan.scale() + 4, Decimal::kMaxScale), Rounding::kHalfUp);
}

// Skips blanks at the front.
std::string_view LeftTrim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// The unit of money a text states, folded (Key): "单位:元", "金额单位:万元", "(单位:元)",
// "单位为元"; with `bare`, a unit in parentheses too, as a header writes it: "金额(元)",
// "经费控制情况(万元)". "编制单位:某某" states none.
MoneyUnit StatedMoneyUnit(std::string_view folded, bool bare) {
  for (std::string_view lead : {"单位:", "单位为", "单位是"}) {
    for (size_t at = folded.find(lead); at != std::string_view::npos;
         at = folded.find(lead, at + lead.size())) {
      const std::string_view rest = LeftTrim(folded.substr(at + lead.size()));
      if (StartsWith(rest, "万元")) return MoneyUnit::kWan;
      if (StartsWith(rest, "元")) return MoneyUnit::kYuan;
    }
  }
  if (bare) {
    if (Has(folded, "(万元)")) return MoneyUnit::kWan;
    if (Has(folded, "(元)")) return MoneyUnit::kYuan;
  }
  return MoneyUnit::kUnstated;
}

// A short line that states a unit of money ("单位：元", "（单位：万元）", "编制单位：某协会
// 金额单位：元"), not prose that happens to mention one.
constexpr size_t kLongestUnitLine = 180;  // bytes: 60 Chinese characters
// A table's title among the tables ("附件2：某单位2024年度部门整体支出绩效自评表（单位：万元）").
constexpr size_t kLongestTitleLine = 300;  // bytes: 100 Chinese characters

// The first `bytes` of `text` or a little less, cut before a UTF-8 character that would not fit:
// enough to test how a paragraph starts ("说明", "注1", "单位：") without folding all of it.
std::string_view Head(std::string_view text, size_t bytes = 48) {
  if (text.size() <= bytes) return text;
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// The Chinese numeral 1–99 that `text` starts with ("一", "十", "十二", "二十", "九十九"), or
// an empty view. Digits are 一…九; 十 stands alone, after a digit (二十) or before one (十一).
std::string_view LeadingNumeral(std::string_view text) {
  constexpr std::array<std::string_view, 9> kDigits = {"一", "二", "三", "四", "五",
                                                       "六", "七", "八", "九"};
  constexpr std::string_view kTen = "十";
  const auto digit_at = [&](size_t at) {
    for (std::string_view d : kDigits) {
      if (text.substr(at, d.size()) == d) return d.size();
    }
    return size_t{0};
  };
  size_t n = digit_at(0);
  if (text.substr(n, kTen.size()) == kTen) {
    n += kTen.size();
    n += digit_at(n);
  }
  return text.substr(0, n);
}

// "一、基本情况" → ("一", "基本情况"); "十、其他" → ("十", …); "十一、…" → ("十一", …).
bool SectionHeading(std::string_view line, std::string* number, std::string* title) {
  const std::string_view t = TrimBlank(line);
  const std::string_view n = LeadingNumeral(t);
  // The numeral is followed by 、 (or, in some reports, a full-width or ASCII full stop).
  std::string_view rest = t.substr(n.size());
  size_t mark = 0;
  for (std::string_view m : {"、", "．", "."}) {
    if (StartsWith(rest, m)) mark = m.size();
  }
  if (n.empty() || mark == 0) return false;
  *number = std::string(n);
  *title = std::string(TrimBlank(rest.substr(mark)));
  return StartsWith(rest, "、") || !title->empty();  // "一." alone is no heading
}

// "（一）单位基本情况" / "(一)单位基本情况" → ("（一）", "单位基本情况"); "（十二）…" too.
bool SubsectionHeading(std::string_view line, std::string* number, std::string* title) {
  const std::string folded = FoldWidth(TrimBlank(line));
  if (!StartsWith(folded, "(")) return false;
  const std::string_view n = LeadingNumeral(std::string_view(folded).substr(1));
  if (n.empty() || !StartsWith(std::string_view(folded).substr(1 + n.size()), ")")) return false;
  *number = "（" + std::string(n) + "）";
  // Title: the rest of the original line after the closing parenthesis.
  const std::string_view t = TrimBlank(line);
  const size_t close = t.find("）") != std::string_view::npos ? t.find("）") + 3 : t.find(')') + 1;
  *title = std::string(TrimBlank(t.substr(close)));
  return true;
}

std::string StripFinalStop(std::string s) {
  const std::string_view stop = "。";
  if (s.size() >= stop.size() && s.compare(s.size() - stop.size(), stop.size(), stop) == 0) {
    s.resize(s.size() - stop.size());
  }
  return s;
}

// "产出指标\n(50分)" → ("产出指标", "50"); "效益指标（40分）" → ("效益指标", "40").
void SplitWeight(std::string_view text, std::string* name, std::string* weight) {
  const std::string joined = JoinTrimmedLines(text);
  const std::string folded = FoldWidth(joined);
  const size_t open = folded.find('(');
  const size_t close = open == std::string::npos ? open : folded.find(')', open);
  const std::string_view inner = close == std::string::npos
                                     ? std::string_view()
                                     : std::string_view(folded).substr(open + 1, close - open - 1);
  // "(50分)", and a range: "(≥60分)", "(不低于60分)", "(60分以上)".
  if (close != std::string::npos && inner.find("分") != std::string_view::npos &&
      FindAsciiDigit(inner, 0) != inner.size()) {
    std::string w(TrimBlank(inner));
    if (w.size() > 3 && w.compare(w.size() - 3, 3, "分") == 0) w.resize(w.size() - 3);
    *weight = std::string(TrimBlank(w));
    // The name is the folded text before '(' mapped back: folding keeps CJK unchanged.
    *name = std::string(TrimBlank(std::string_view(folded).substr(0, open)));
    return;
  }
  *name = joined;
  weight->clear();
}

// A group's weight as written into the group: a number ("50", "50分") → weight; a floor, a
// ceiling or a range ("≥60", "不低于60分", "60分以上", "50-60分") → weight_min / weight_max, with
// weight left blank. False when it is neither.
bool ReadGroupWeight(std::string_view text, Indicator* group) {
  Cell plain;
  if (ReadCell(text, &plain) == CellRead::kOk) {
    group->weight = plain;
    return true;
  }
  const Target t = ParseTarget(JoinTrimmedLines(text));
  const bool points = !t.quantity.percent && (t.quantity.unit.empty() || t.quantity.unit == "分");
  if (!points || !t.operator_written) {
    if (t.comparison != Comparison::kRange || !points) return false;
  }
  const auto number = [](const Decimal& v) { return Cell::Number(v); };
  switch (t.comparison) {
    case Comparison::kAtLeast:
      group->weight_min = number(t.quantity.written);
      return true;
    case Comparison::kAtMost:
      group->weight_min = number(Decimal::FromInt(0));
      group->weight_max = number(t.quantity.written);
      return true;
    case Comparison::kRange:
      group->weight_min = number(t.quantity.written);
      group->weight_max = number(t.upper.written);
      return true;
    default:
      return false;
  }
}

// ---- rows of 经费控制情况, by meaning ----
//
// A row is placed by its label (ExpenseKey), then by the table's own structure: the 其中
// marker, the numbering (一、 / 1. / （1）) and the indentation of the label. Where the rows
// stand in the table does not matter (三公经费 may come before or after 项目支出). A row whose
// label names nothing the model knows keeps its label and figures under the key "other", in
// the parent the structure gives it (docs/package-format.md).

// Expense-row keys by label, most specific first; "" when the label names nothing known.
// 运行维护 alone is not a vehicle's running cost (公用经费 has a 运行维护经费 too): only with 车,
// or right under a vehicle row (ExpenseRowValues decides that).
std::string ExpenseKey(std::string_view label) {
  struct Rule {
    std::string_view word;
    std::string_view key;
  };
  static constexpr Rule kRules[] = {
      {"预算调整", "basic_adjustment"},  {"政府采购", "procurement"},
      {"公车购置和维护", "vehicles"},    {"购置和维护", "vehicles"},
      {"购置及运行", "vehicles"},        {"公务用车", "vehicles"},
      {"公车购置", "vehicle_purchase"},  {"车辆购置", "vehicle_purchase"},
      {"车运行", "vehicle_operation"},  // 公车运行维护, 公务用车运行维护费
      {"车辆运行", "vehicle_operation"}, {"出国", "overseas"},
      {"因公出境", "overseas"},          {"公务接待", "reception"},
      {"三公", "three_public"},          {"办公费", "office"},
      {"办公经费", "office"},            {"水费", "utilities_travel"},      {"电费", "utilities_travel"},
      {"水电费", "utilities_travel"},    {"差旅", "utilities_travel"},
      {"会议费", "meetings_training"},   {"培训费", "meetings_training"},
      {"公用经费", "public_funds"},      {"人员经费", "personnel"},
      {"项目支出", "projects"},          {"基本支出", "basic"},
  };
  for (const Rule& r : kRules) {
    if (Has(label, r.word)) return std::string(r.key);
  }
  return "";
}

// The parent a known row belongs to, whatever its place in the table.
const std::map<std::string, std::string>& ExpenseParents() {
  static const std::map<std::string, std::string> parents = {
      {"personnel", "basic"},
      {"public_funds", "basic"},
      {"three_public", "basic"},
      {"office", "public_funds"},
      {"utilities_travel", "public_funds"},
      {"meetings_training", "public_funds"},
      {"vehicles", "three_public"},
      {"overseas", "three_public"},
      {"reception", "three_public"},
      {"vehicle_purchase", "vehicles"},
      {"vehicle_operation", "vehicles"},
      {"project", "projects"},
  };
  return parents;
}

ChildRelation RelationOf(const std::string& key) {
  if (key == "basic" || key == "public_funds") return ChildRelation::kParts;
  if (key == "three_public" || key == "vehicles" || key == "projects") return ChildRelation::kTotal;
  return ChildRelation::kNone;
}

// Rows that close the project block: a known row that is not a project.
bool EndsProjects(const std::string& key) {
  return key == "basic" || key == "public_funds" || key == "three_public" || key == "personnel" ||
         key == "procurement" || key == "basic_adjustment" || key == "total";
}

// How a label is marked: "其中：…", numbered "一、…" (a top row) or "1." / "（1）" / "①" (an item),
// a total (合计 / 总计) or a subtotal (小计) standing alone.
struct LabelMarks {
  int indent = 0;  // leading spaces (U+3000 counts 2)
  bool of_which = false;
  bool top_numbered = false;
  bool item_numbered = false;
  bool total = false;     // 合计 / 总计 / 支出合计
  bool subtotal = false;  // 小计 alone
};

LabelMarks MarksOf(std::string_view raw) {
  LabelMarks m;
  // Only the first line's indentation counts.
  size_t i = 0;
  while (i < raw.size()) {
    if (raw[i] == ' ') {
      ++m.indent;
      ++i;
    } else if (raw.substr(i, 3) == "\u3000") {
      m.indent += 2;
      i += 3;
    } else if (raw.substr(i, 2) == "\u00a0") {
      ++m.indent;
      i += 2;
    } else {
      break;
    }
  }
  const std::string folded = FoldWidth(TrimBlank(raw));
  const std::string_view t = folded;
  m.of_which = StartsWith(t, "其中");
  const std::string_view numeral = LeadingNumeral(t);
  m.top_numbered = !numeral.empty() && StartsWith(t.substr(numeral.size()), "、");
  size_t digits = 0;
  while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
  m.item_numbered = (digits > 0 && digits < t.size() &&
                     (t[digits] == '.' || StartsWith(t.substr(digits), "、"))) ||
                    (StartsWith(t, "(") && t.size() > 1 && (t[1] >= '0' && t[1] <= '9')) ||
                    StartsWith(t, "①") || StartsWith(t, "②") || StartsWith(t, "③") ||
                    StartsWith(t, "④") || StartsWith(t, "⑤");
  std::string bare;  // the label without blanks, numbering or 其中
  for (char c : folded) {
    if (c != ' ') bare.push_back(c);
  }
  m.total = bare == "合计" || bare == "总计" || bare == "支出合计" || bare == "合计数" ||
            EndsWith(bare, "、合计") || EndsWith(bare, "、总计");
  m.subtotal = bare == "小计" || EndsWith(bare, "、小计") || EndsWith(bare, ".小计");
  return m;
}

bool IsPlaceholderLabel(std::string_view label) {
  const std::string_view t = TrimBlank(label);
  return t.empty() || t == "……" || t == "..." || Has(t, "一个专项一行") || Has(t, "一个项目一行");
}

// The label of a spare line a form prints for more indicators: "……", "...", "指标2", "指标3：".
bool IsSpareIndicatorLabel(std::string_view label) {
  std::string_view t = TrimBlank(label);
  if (t == "……" || t == "..." || t == "…") return true;
  if (!StartsWith(t, "指标")) return false;
  t.remove_prefix(std::string_view("指标").size());
  size_t digits = 0;
  while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
  if (digits == 0) return false;
  t.remove_prefix(digits);
  return t.empty() || t == "：" || t == ":";
}

// ---------------------------------------------------------------------------------------

class Recognizer {
 public:
  Recognizer(const FlatDocument& doc, ImportResult* out, const ReadingSpec* spec = nullptr)
      : doc_(doc), out_(out), p_(out->package), spec_(spec) {}

  void Run() {
    FindUnitStatements();
    table_recognised_.assign(doc_.blocks.size(), false);
    for (size_t b = 0; b < doc_.blocks.size(); ++b) {
      const FlatBlock& block = doc_.blocks[b];
      if (block.kind == FlatBlock::Kind::kTable) {
        if (!first_table_block_) first_table_block_ = b;
        last_table_block_ = b;
        Table(block.table, b);
      }
    }
    FindTableOfContents();
    FindReport();
    Paragraphs();
    BuildExpenseTree();
    ChooseFiscalYear();
    Summarise();
    FindCutEvaluation();
    SkippedLinesNote();
  }

 private:
  struct Pending {  // an expense row waiting for the tree
    ExpenseRow row;
    int parent = -1;  // index in pending_ of the row it goes under; -1 for a top row
    LabelMarks marks;
    std::vector<std::pair<std::string, SourceRef>> sources;  // column key → source
  };

  // A unit of money stated somewhere, and where, for the import note.
  struct UnitStatement {
    MoneyUnit unit = MoneyUnit::kUnstated;
    std::string zh, en;  // where: "表头“经费控制情况（元）”" / "the table header \"…\""
  };

  // A column of amounts: its unit, and what reading it did (for notes I605 and I606).
  struct MoneyColumn {
    std::string header;     // the column's header text, joined
    std::string header_en;  // the same (the document's words) or an English name
    UnitStatement unit;
    int converted = 0;  // figures converted from 元
    std::string example_from, example_to;
    int by_cell = 0;          // of which: the cell itself said 元 ("5,000元")
    int looks_like_yuan = 0;  // unit unstated, figures that look like 元
    std::string looks_text;
    SourceRef looks_at;
  };

  // The money columns under one header (the expense table, the funds, the buildings).
  struct MoneyGroup {
    std::string zh, en;              // "经费控制情况" / "the expense table"
    std::string table_zh, table_en;  // "表1" / "table 1"
    SourceRef header;                // the header row
    std::vector<MoneyColumn> columns;
  };

  // ---- provenance and notes ----

  // The table's name as provenance records it ("表2", or the sheet's name) and as English
  // messages say it ("table 2").
  std::string TableName(const FlatTable& t) const {
    return t.name.empty() ? fmt::format("表{}", t.index) : t.name;
  }
  std::string TableNameEn(const FlatTable& t) const {
    return t.name.empty() ? fmt::format("table {}", t.index) : t.name;
  }

  // The row's number as the document counts it: a sheet's own row number (from the cell
  // reference of its column A: rows above the first filled one are not in the table, and a
  // long run of empty rows is kept as one), else its position in the table.
  static int RowNumber(const FlatTable& t, size_t row) {
    const std::string& ref = t.rows[row].origin.cell_ref;
    int number = 0;
    for (char c : ref) {
      if (c >= '0' && c <= '9' && number < 100000000) number = number * 10 + (c - '0');
    }
    return number > 0 ? number : static_cast<int>(row) + 1;
  }

  SourceRef Source(const FlatTable& t, size_t row, const FlatCell& cell) const {
    SourceRef s;
    s.file = doc_.file;
    s.table = TableName(t);
    s.row = RowNumber(t, row);
    s.column = cell.column + 1;
    s.line = cell.origin.line;
    s.text = cell.written.empty() ? cell.text : cell.written;  // as written, before a repair
    return s;
  }

  SourceRef Source(const FlatParagraph& para) const {
    SourceRef s;
    s.file = doc_.file;
    s.line = para.origin.line;
    s.paragraph = para.origin.paragraph;
    s.text = para.text;
    return s;
  }

  void Note(std::string_view code, const SourceRef& where, std::string zh, std::string en) {
    Diagnostic d;
    d.code = std::string(code);
    const CodeInfo* info = FindCode(code);
    d.severity = info ? info->severity : Severity::kWarning;
    d.location.document = "source";
    // The place as printed, in the language in force ("表1 › 第6行 › 第2列" / "table 1 › row 6
    // › column 2"); `source` keeps it as data.
    d.location.table = where.table;
    if (!MessagesInChinese() && StartsWith(where.table, "表")) {
      const std::string_view number = std::string_view(where.table).substr(3);  // after "表"
      if (!number.empty() && number.find_first_not_of("0123456789") == std::string_view::npos) {
        d.location.table = fmt::format("table {}", number);  // an unnamed table: "表2"
      }
    }
    d.location.row = where.row > 0 ? TrF("第{}行", "row {}", where.row) : "";
    if (where.column > 0) d.location.column = TrF("第{}列", "column {}", where.column);
    d.location.source = where;
    d.reported = std::string(TrimBlank(JoinTrimmedLines(where.text)));
    d.message_zh = std::move(zh);
    d.message_en = std::move(en);
    out_->notes.push_back(std::move(d));
  }

  // Places a figure cell; reports an unreadable one.
  void Place(const FlatTable& t, size_t r, const FlatCell& cell, const std::string& pointer,
             Cell* target, MoneyColumn* money = nullptr) {
    Use(t, r, cell);
    const CellRead read = money != nullptr ? ReadMoney(t, r, cell, cell.text, money, target)
                                           : ReadCell(cell.text, target);
    const SourceRef src = Source(t, r, cell);
    if (read == CellRead::kUnreadable) {
      *target = Cell::Blank();
      Note("I602", src,
           fmt::format("“{}”应为数字，无法读取，已按空白处理。", TrimBlank(JoinTrimmedLines(cell.text))),
           fmt::format("\"{}\" should be a figure and cannot be read; taken as blank.",
                       TrimBlank(JoinTrimmedLines(cell.text))));
      return;
    }
    p_.provenance[pointer] = src;  // blank cells too: a diagnostic may point at them
  }

  // ---- units of money ----

  // Reads an amount of `column` (the text of `cell`, or the part of it after a colon): a figure
  // in 元 — the column's unit, or the cell's own "元" — is converted to 万元 exactly; one whose
  // unit is not stated anywhere is taken as 万元 and remembered when it looks like 元.
  CellRead ReadMoney(const FlatTable& t, size_t r, const FlatCell& cell, std::string_view text,
                     MoneyColumn* column, Cell* out) {
    MoneyUnit suffix;
    bool grouped;
    const CellRead read = ReadCell(text, out, &suffix, &grouped);
    if (read != CellRead::kOk || !out->has_number() || out->percent) return read;
    const MoneyUnit unit = suffix != MoneyUnit::kUnstated ? suffix : column->unit.unit;
    if (unit == MoneyUnit::kYuan) {
      const std::string written(TrimBlank(JoinTrimmedLines(text)));
      out->value = YuanToWan(out->value);
      if (column->converted++ == 0) {
        column->example_from = written;
        column->example_to = out->Display();
      }
      if (suffix == MoneyUnit::kYuan && column->unit.unit != MoneyUnit::kYuan) ++column->by_cell;
    } else if (unit == MoneyUnit::kUnstated) {
      const Decimal size = out->value.Abs();
      if (size >= Decimal::FromInt(100000) || (grouped && size >= Decimal::FromInt(10000))) {
        if (column->looks_like_yuan++ == 0) {
          column->looks_text = std::string(TrimBlank(JoinTrimmedLines(text)));
          column->looks_at = Source(t, r, cell);
        }
      }
    }
    return read;
  }

  // The unit of a money column: its own header ("2024年预算数（元）"), else the table header's
  // label cell ("经费控制情况（元）"), else the statement above the table ("单位：元"), else a
  // note below it ("说明：金额单位为元").
  // The keys are folded (Key); the texts, as written, are quoted in the note.
  UnitStatement ColumnUnit(std::string_view column_key, std::string_view column_text,
                           std::string_view label_key, std::string_view label_text) const {
    UnitStatement u;
    if ((u.unit = StatedMoneyUnit(column_key, true)) != MoneyUnit::kUnstated) {
      u.zh = fmt::format("列标题“{}”", column_text);
      u.en = fmt::format("the column header \"{}\"", column_text);
      return u;
    }
    if ((u.unit = StatedMoneyUnit(label_key, true)) != MoneyUnit::kUnstated) {
      u.zh = fmt::format("表头“{}”", label_text);
      u.en = fmt::format("the table header \"{}\"", label_text);
      return u;
    }
    if (statement_.unit != MoneyUnit::kUnstated) return statement_;
    if (table_note_.unit == MoneyUnit::kUnstated && spec_ != nullptr && !spec_->money_unit.empty()) {
      u.unit = spec_->money_unit == "元" ? MoneyUnit::kYuan : MoneyUnit::kWan;  // the form's [import]
      u.zh = fmt::format("版式 {} 的金额单位", spec_->form_id);
      u.en = fmt::format("the money unit of form {}", spec_->form_id);
      return u;
    }
    return table_note_;
  }

  // A new group of money columns under the header in row `r`; its index in money_.
  int MoneyHeader(const FlatTable& t, size_t r, std::string zh, std::string en,
                  const std::vector<std::string>& keys, const std::vector<int>& columns) {
    MoneyGroup g;
    g.zh = std::move(zh);
    g.en = std::move(en);
    g.header.file = doc_.file;
    g.header.table = TableName(t);
    g.header.row = RowNumber(t, r);
    g.table_zh = TableName(t);
    g.table_en = TableNameEn(t);
    const std::vector<FlatCell>& cells = t.rows[r].cells;
    const std::string label = keys.empty() ? "" : keys[0];
    const std::string label_text = cells.empty() ? "" : JoinTrimmedLines(cells[0].text);
    for (int c : columns) {
      MoneyColumn column;
      const bool exists =
          c > 0 && c < static_cast<int>(keys.size()) && c < static_cast<int>(cells.size());
      column.header = exists ? JoinTrimmedLines(cells[c].text) : "";
      column.header_en = column.header;
      column.unit = ColumnUnit(exists ? keys[c] : "", column.header, label, label_text);
      g.columns.push_back(std::move(column));
    }
    money_.push_back(std::move(g));
    return static_cast<int>(money_.size()) - 1;
  }

  // Notes I605 (amounts converted from 元) and I606 (no unit stated, figures that look like
  // 元) for the table's money columns, one of each per header at most.
  void MoneyNotes() {
    for (const MoneyGroup& g : money_) {
      std::vector<std::string> names, names_en, sources_zh, sources_en;
      int converted = 0, by_cell = 0;
      const MoneyColumn* example = nullptr;
      const MoneyColumn* looks = nullptr;
      int looking = 0;
      for (const MoneyColumn& c : g.columns) {
        if (c.looks_like_yuan > 0) {
          if (looks == nullptr) looks = &c;
          looking += c.looks_like_yuan;
        }
        if (c.converted == 0) continue;
        converted += c.converted;
        by_cell += c.by_cell;
        if (example == nullptr) example = &c;
        names.push_back(c.header.empty() ? "—" : c.header);
        names_en.push_back(c.header_en.empty() ? "—" : c.header_en);
        if (c.converted > c.by_cell) {
          if (std::find(sources_zh.begin(), sources_zh.end(), c.unit.zh) == sources_zh.end()) {
            sources_zh.push_back(c.unit.zh);
            sources_en.push_back(c.unit.en);
          }
        }
      }
      if (converted > 0) {
        if (by_cell > 0) {
          sources_zh.push_back(fmt::format("{} 个单元格自带“元”", by_cell));
          sources_en.push_back(fmt::format("{} cells written with yuan", by_cell));
        }
        SourceRef where = g.header;
        where.text = fmt::format("{} → {}", example->example_from, example->example_to);
        Note("I605", where,
             fmt::format("{}“{}”的金额以元填写（{}），已换算为万元（除以 10000，数字不作舍入）："
                         "{}，共 {} 个数；如 {} 元 → {} 万元。",
                         g.table_zh, g.zh, fmt::join(sources_zh, "；"), fmt::join(names, "、"),
                         converted, example->example_from, example->example_to),
             fmt::format("{}, {}: the amounts are in yuan ({}) and were converted to 10,000 yuan "
                         "(divided by 10,000 exactly): {}, {} figures; e.g. {} yuan → {}.",
                         g.table_en, g.en, fmt::join(sources_en, "; "), fmt::join(names_en, ", "),
                         converted, example->example_from, example->example_to));
      }
      if (looks != nullptr) {
        SourceRef where = looks->looks_at;
        const std::string which_zh =
            looking == 1 ? fmt::format("“{}”", looks->looks_text)
                         : fmt::format("“{}”等 {} 个数", looks->looks_text, looking);
        const std::string which_en =
            looking == 1 ? fmt::format("\"{}\" looks", looks->looks_text)
                         : fmt::format("\"{}\" and {} more look", looks->looks_text, looking - 1);
        Note("I606", where,
             fmt::format(
                 "{}“{}”没有注明金额单位，已按万元导入；但{}像是以元为单位。请核对：如果是元，"
                 "请在表格上方注明“单位：元”（或在列标题写“金额（元）”）后重新导入；如果确是"
                 "万元，请注明“单位：万元”。",
                 g.table_zh, g.zh, which_zh),
             fmt::format("{}, {}: no unit of money is stated, so the figures were taken as 10,000 "
                         "yuan, but {} like yuan. Check them: if they are in yuan, state the unit "
                         "above the table or in the column header and import again; if they are in "
                         "10,000 yuan, state that.",
                         g.table_en, g.en, which_en));
      }
    }
    money_.clear();
  }

  // The units stated around each table: by short paragraphs since the previous table
  // ("单位：元" above it) and by notes below it (paragraphs starting 说明 or 注, up to the
  // next table).
  void FindUnitStatements() {
    unit_above_.assign(doc_.blocks.size(), UnitStatement{});
    unit_below_.assign(doc_.blocks.size(), UnitStatement{});
    UnitStatement above;
    std::optional<size_t> last_table;
    for (size_t b = 0; b < doc_.blocks.size(); ++b) {
      const FlatBlock& block = doc_.blocks[b];
      if (block.kind == FlatBlock::Kind::kTable) {
        unit_above_[b] = above;
        above = UnitStatement{};
        last_table = b;
        continue;
      }
      const std::string_view text = TrimBlank(block.paragraph.text);
      if (text.empty() || text.size() > kLongestUnitLine) continue;
      const std::string key = Key(text);
      const MoneyUnit unit = StatedMoneyUnit(key, false);
      if (unit == MoneyUnit::kUnstated) continue;
      if (IsNote(key)) {
        if (last_table && unit_below_[*last_table].unit == MoneyUnit::kUnstated) {
          unit_below_[*last_table] = {unit, fmt::format("表下说明“{}”", text),
                                      fmt::format("the note \"{}\"", text)};
        }
      } else {
        above = {unit, fmt::format("“{}”", text), fmt::format("\"{}\"", text)};
      }
    }
  }

  // A note (folded): "说明…", "备注…", "注:…", "注1:…", "注 …".
  static bool IsNote(std::string_view key) {
    if (StartsWith(key, "说明") || StartsWith(key, "备注")) return true;
    if (!StartsWith(key, "注")) return false;
    const std::string_view rest = key.substr(std::string_view("注").size());
    return !rest.empty() &&
           (rest[0] == ':' || rest[0] == ' ' || (rest[0] >= '0' && rest[0] <= '9'));
  }

  // A row that states a unit of money and holds no figure ("单位：元", "编制单位：某协会 |
  // 金额单位：元"): the statement applies to the headers below it. Marks the stating cells used.
  bool UnitStatementRow(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    UnitStatement found;
    std::vector<const FlatCell*> stating;
    for (const FlatCell& c : row.cells) {
      if (c.covered || IsBlank(c.text)) continue;
      Cell probe;
      if (ReadCell(c.text, &probe) == CellRead::kOk) return false;  // a figure: a value row
      const std::string_view text = TrimBlank(c.text);
      if (text.size() > kLongestUnitLine) continue;
      const std::string key = Key(text);
      if (IsNote(key)) continue;  // taken for the whole table already
      const MoneyUnit unit = StatedMoneyUnit(key, false);
      if (unit == MoneyUnit::kUnstated) continue;
      const std::string joined = JoinTrimmedLines(text);
      found = {unit, fmt::format("“{}”", joined), fmt::format("\"{}\"", joined)};
      stating.push_back(&c);
    }
    if (stating.empty()) return false;
    statement_ = found;
    for (const FlatCell* c : stating) Use(t, r, *c);
    return true;
  }

  void PlaceText(const FlatTable& t, size_t r, const FlatCell& cell, const std::string& pointer,
                 std::string* target, bool keep_lines = false) {
    Use(t, r, cell);
    *target = keep_lines ? TrimmedNonEmptyLines(cell.text) : JoinTrimmedLines(cell.text);
    if (!target->empty()) p_.provenance[pointer] = Source(t, r, cell);
  }

  // Marks a cell of the table being read as placed (ReportUnused reports the others).
  void Use(const FlatTable& t, size_t r, const FlatCell& cell) {
    if (used_.size() < t.rows.size()) used_.resize(t.rows.size());
    std::vector<bool>& row = used_[r];
    const size_t c = static_cast<size_t>(std::max(cell.column, 0));
    if (row.size() <= c) row.resize(std::max(c + 1, t.rows[r].cells.size()));
    row[c] = true;
  }
  bool Used(size_t r, const FlatCell& cell) const {
    const size_t c = static_cast<size_t>(std::max(cell.column, 0));
    return r < used_.size() && c < used_[r].size() && used_[r][c];
  }
  void UseRow(const FlatTable& t, size_t r) {
    for (const FlatCell& c : t.rows[r].cells) Use(t, r, c);
  }

  // ---- tables ----

  // Texts of a row, covered cells as "".
  static std::vector<std::string> Keys(const FlatRow& row) {
    std::vector<std::string> keys;
    for (const FlatCell& c : row.cells) keys.push_back(c.covered ? "" : Key(c.text));
    return keys;
  }

  static int FindColumn(const std::vector<std::string>& keys,
                        std::initializer_list<std::string_view> words) {
    for (size_t i = 0; i < keys.size(); ++i) {
      for (std::string_view w : words) {
        if (Has(keys[i], w)) return static_cast<int>(i);
      }
    }
    return -1;
  }

  // The form's reading spec (import/reading_spec.h), consulted before the built-in wording.
  const SpecWords& SpecTable(SpecWords ReadingSpec::*table) const {
    static const SpecWords kNone;
    return spec_ != nullptr ? spec_->*table : kNone;
  }
  // Each column of `cols` (by `fields`' order) that the spec's wording finds in `keys`.
  void SpecColumns(SpecWords ReadingSpec::*table, const std::vector<std::string>& fields,
                   const std::vector<std::string>& keys, std::vector<int>* cols) const {
    for (size_t k = 0; k < fields.size() && k < cols->size(); ++k) {
      const int c = SpecColumn(spec_, SpecTable(table), fields[k], keys);
      if (c >= 0) (*cols)[k] = c;
    }
  }

  static bool RowBlank(const FlatRow& row) {
    for (const FlatCell& c : row.cells) {
      if (!c.covered && !IsBlank(c.text)) return false;
    }
    return true;
  }

  static int NonBlankCells(const FlatRow& row) {
    int n = 0;
    for (const FlatCell& c : row.cells) n += !c.covered && !IsBlank(c.text);
    return n;
  }

  // The first non-blank cell's key.
  static std::string FirstKey(const FlatRow& row) {
    for (const FlatCell& c : row.cells) {
      if (!c.covered && !IsBlank(c.text)) return Key(c.text);
    }
    return "";
  }

  enum class Mode { kNone, kStaffing, kExpenses, kBuildings, kFunds, kGoals, kIndicators };

  void Table(const FlatTable& t, size_t block) {
    mode_ = Mode::kNone;
    statement_ = unit_above_[block];
    table_note_ = unit_below_[block];
    // A note inside the table (a sheet has no paragraphs) stating the unit covers all of it.
    for (const FlatRow& row : t.rows) {
      if (NonBlankCells(row) != 1) continue;
      const std::string first = FirstKey(row);
      if (first.size() > kLongestUnitLine || !IsNote(first)) continue;
      const MoneyUnit unit = StatedMoneyUnit(first, false);
      if (unit == MoneyUnit::kUnstated) continue;
      table_note_ = {unit, fmt::format("表内说明“{}”", first),
                     fmt::format("the note \"{}\"", first)};
      break;
    }
    used_.clear();
    const int parts_before = PartsSeen();
    bool hit = false;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const Mode before = mode_;
      Row(t, r);
      hit = hit || mode_ != Mode::kNone;
      if (!RowBlank(t.rows[r])) NoteTableEnd(t, r, before);
    }
    hit = hit || PartsSeen() != parts_before;
    table_recognised_[block] = hit;
    MoneyNotes();
    if (!hit) return TableNotRecognised(t);
    ReportUnused(t);
  }

  // ---- a 自评表 the document stops inside ----
  //
  // A page copied from the web is often cut short (a fixed number of characters, a "more"
  // link): the text ends inside the 自评表, in its funds, its goals or its indicator rows, and
  // the 总分 row never comes. What is missing then is not blank in the document, it is not
  // there: the part is recorded as cut (PartState::kCut) and the checks ask nothing of what
  // would have followed. The signs, all needed: no 总分/合计 row was read; the last row with
  // anything in it is a row of the 自评表 (a funds row, a goal, the indicator header or an
  // indicator row); nothing follows that table but blank lines or stray pieces of it that are
  // not the report (text the reader could not set in rows); and the table does not
  // close — it has no indicator rows yet, its last indicator (down the last group) has no
  // score (a group named with nothing under it, or a row cut before its 得分 cell), or its
  // last row is one of the form's spare lines ("指标2", "……"), which no form ends with.

  static bool EvaluationMode(Mode m) {
    return m == Mode::kFunds || m == Mode::kGoals || m == Mode::kIndicators;
  }

  // After each non-blank row: whether the document, if it stopped here, would stop inside
  // the 自评表.
  void NoteTableEnd(const FlatTable& t, size_t r, Mode before) {
    ends_in_evaluation_ = !other_project_ && (EvaluationMode(before) || EvaluationMode(mode_));
    const FlatRow& row = t.rows[r];
    for (const FlatCell& c : row.cells) {
      if (c.covered || IsBlank(c.text)) continue;
      end_row_ = Source(t, r, c);
      end_row_.column = 0;
      end_row_.text = "";
      for (const FlatCell& d : row.cells) {
        if (!d.covered && !IsBlank(d.text)) {
          end_row_.text += (end_row_.text.empty() ? "" : " | ") + JoinTrimmedLines(d.text);
        }
      }
      break;
    }
  }

  // Whether the indicator table is left open: no indicator yet, or the last one (down the
  // last group) has no score.
  bool IndicatorsOpen() const {
    const std::vector<Indicator>& tops = p_.evaluation.indicators;
    if (tops.empty()) return true;
    const Indicator* node = &tops.back();
    while (!node->children.empty()) node = &node->children.back();
    return node->score.blank();
  }

  // Indicator rows that came without the table's header (import/indicator_runs.h): the
  // 自评表 is a piece (PartState::kPiece), said once (I628).
  void PieceOfIndicators(const FlatTable& t, size_t r) {
    if (piece_) return;
    piece_ = true;
    SourceRef src = Source(t, r, t.rows[r].cells.front());
    src.column = 0;
    src.text = "";
    Note("I628", src,
         "指标行没有表头，前后也没有年度资金和总分（只留下自评表的一部分）：按各格的文字读作"
         "一级指标、二级指标、三级指标、年度指标值和分值，自评表记为片段：已有的行照常检查，"
         "空白不作为漏填，分值合计不作比较。",
         "Indicator rows stand without the table's header, its funds or its total (only a "
         "piece of the self-evaluation table is there): read by their wording as 一级, 二级 "
         "and 三级 indicator, target and weight; the table is recorded as a piece: its rows are "
         "checked, blanks are not taken as left blank, and no sum of weights is compared.");
  }

  // Marks the 自评表 cut (see above) and says so once (I626).
  void FindCutEvaluation() {
    if (p_.parts.evaluation != PartState::kPresent || total_read_ || !ends_in_evaluation_ ||
        !last_table_block_) {
      return;
    }
    // After the table, nothing of the document's own: blank lines, or pieces of the table
    // the text reader could not set in rows (not the report; they are noted as I601).
    bool spare_line = IsSpareIndicatorLabel(end_row_.text);
    for (size_t b = *last_table_block_ + 1; b < doc_.blocks.size(); ++b) {
      const FlatBlock& block = doc_.blocks[b];
      if (block.kind != FlatBlock::Kind::kParagraph) return;
      // (Text that was not recognised as a report either — OCR text with the rest of the table
      // glued — is a piece the reader could not set in rows: noted as I601.)
      if (!IsBlank(block.paragraph.text) && in_report_[b] && recognised_report_) return;
      spare_line = spare_line || IsSpareIndicatorLabel(TrimBlank(block.paragraph.text));
    }
    // (A spare line of the form, "指标2" or "……", is never a table's last row: the rest of
    // the form, its 总分 row at least, is not there.)
    if (!IndicatorsOpen() && !spare_line) return;
    p_.parts.evaluation = PartState::kCut;
    const std::string quoted = Clip(end_row_.text, 40);
    Note("I626", end_row_,
         fmt::format("文件在自评表中途结束，或其后的文字未能读成表格行（最后一行“{}”，其后没有总分"
                     "行），自评表记为不完整：已有内容照常检查，总分、被截断的指标组和截断处的一行"
                     "不作为漏填。",
                     quoted),
         fmt::format("The file stops inside the self-evaluation table, or what follows could not "
                     "be read as its rows (last row \"{}\", no total row after it); the table is "
                     "recorded as cut: what it holds is checked, and the total, the group cut "
                     "through and the row cut are not taken as left blank.",
                     quoted));
  }

  // A line left after the last table that is a piece of it, not the start of a report: short
  // words without a sentence's 。, no section heading or report title ("满意度指标(10分)",
  // "公众满" where the text stops).
  bool TablePiece(std::string_view paragraph) const {
    const std::string_view text = TrimBlank(paragraph);
    std::string number, heading;
    return DisplayWidth(text) <= 40 && !Has(text, "。") && !Has(text, "报告") &&
           !SectionHeading(text, &number, &heading);
  }

  // The first `n` characters of `text`, with "…" when it is longer.
  static std::string Clip(std::string_view text, size_t n) {
    size_t pos = 0;
    for (size_t k = 0; k < n && pos < text.size(); ++k) NextCodePoint(text, &pos);
    return pos < text.size() ? std::string(text.substr(0, pos)) + "…" : std::string(text);
  }

  // How many of the recognised_* flags are set (a table that sets one was recognised).
  int PartsSeen() const {
    return recognised_staffing_ + recognised_expenses_ + recognised_buildings_ +
           recognised_evaluation_ + recognised_indicators_;
  }

  // A table none of whose rows names a part of the package: one note that says where it is,
  // what it begins with and what was looked for (I613), rather than one note per row.
  void TableNotRecognised(const FlatTable& t) {
    size_t first = 0;
    while (first < t.rows.size() && RowBlank(t.rows[first])) ++first;
    if (first == t.rows.size()) return;  // an empty table
    const FlatRow& row = t.rows[first];
    std::string text;
    for (const FlatCell& c : row.cells) {
      if (c.covered || IsBlank(c.text)) continue;
      text += (text.empty() ? "" : " | ") + JoinTrimmedLines(c.text);
    }
    SourceRef src = Source(t, first, row.cells.front());
    src.column = 0;
    src.text = text;
    // The 佐证材料清单 that `render` prints for a package kept by the server: the list belongs to
    // the system that keeps the files, so it is left aside on purpose, and said so.
    const bool evidence_list =
        Has(text, "材料名称") && (Has(text, "对应指标") || Has(text, "佐证"));
    const std::string why_zh =
        evidence_list
            ? "是佐证材料清单，未导入：清单由保存佐证材料的系统按上传的文件生成，请在系统中上传佐证"
              "材料"
            : "未能识别为基础数据表或自评表的任何部分，未导入：没有找到含“编制数”、“预算数”与"
              "“决算数”、“批复规模”、“年初预算数”与“执行数”、“年度总体目标”或“一级指标”与"
              "“三级指标”的表头行";
    const std::string why_en =
        evidence_list
            ? "is a list of evidence (佐证材料清单) and was not imported: the list is made by the "
              "system that keeps the evidence files, from the files uploaded to it"
            : "was not recognised as any part of the package and was not imported: no header "
              "row names 编制数, 预算数 and 决算数, 批复规模, 年初预算数 and 执行数, 年度总体目标, "
              "or 一级指标 and 三级指标";
    Note("I613", src,
         fmt::format("{}（{} 行）{}。首行：“{}”。", TableName(t), t.rows.size(), why_zh, text),
         fmt::format("{} ({} rows) {}. First row: \"{}\".", TableNameEn(t), t.rows.size(),
                     why_en, text));
  }

  void Row(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    if (other_project_) return UseRow(t, r);  // a second project (NextProject)
    if (row.unaligned) return Unaligned(t, r);
    const std::vector<std::string> keys = Keys(row);
    const std::string first = FirstKey(row);

    // Inside the indicator table a data row is read as one, whatever words its cells hold (an
    // indicator may be named 厉行节约…, …编制数…, 合计…, …决算数与预算数…): only a row that
    // is not a data row can start another part. The total row is told by where its label
    // stands, not by its word alone.
    if (mode_ == Mode::kIndicators && IndicatorDataRow(t, r)) {
      if (IndicatorTotalRow(t, r, first)) return Total(t, r);
      return IndicatorRow(t, r);
    }

    // Header rows switch the mode, whatever mode we are in.
    if (FindColumn(keys, {"编制数", "编制人数", "人员编制"}) >= 0) {
      return StaffingHeader(t, r, keys);
    }
    // 经费控制情况: 决算数 and 预算数 columns (also written 上年决算 / 本年预算 / 本年决算), but
    // not the funds block's 年初预算数 / 全年预算数.
    if (FindColumn(keys, {"决算"}) >= 0 && FindColumn(keys, {"预算"}) >= 0 &&
        FindColumn(keys, {"年初预算", "全年预算"}) < 0) {
      return ExpenseHeader(t, r, keys);
    }
    if (FindColumn(keys, {"批复规模"}) >= 0) return BuildingHeader(t, r, keys);
    if (Has(first, "厉行节约")) return Frugality(t, r);
    if ((FindColumn(keys, {"年初预算数", "年初预算"}) >= 0 &&
         FindColumn(keys, {"全年执行数", "执行数"}) >= 0) ||
        FundsHeaderWithoutInitial(keys) ||
        (SpecColumn(spec_, SpecTable(&ReadingSpec::funds_columns), "initial_budget", keys) >= 0 &&
         SpecColumn(spec_, SpecTable(&ReadingSpec::funds_columns), "executed", keys) >= 0)) {
      return FundsHeader(t, r, keys);
    }
    if (ProjectRow(t, r, keys)) return;  // project tables: 项目名称 / 主管部门 / 实施单位
    if (FindColumn(keys, {"预算部门名称", "预算部门", "部门(单位)名称", "单位名称"}) >= 0 &&
        mode_ != Mode::kIndicators) {
      return UnitName(t, r, keys);
    }
    if (FindColumn(keys, {"年度总体目标"}) >= 0 ||
        (FindColumn(keys, {"预期目标"}) >= 0 && FindColumn(keys, {"实际完成"}) >= 0)) {
      return GoalsHeader(t, r, keys);
    }
    if (FindColumn(keys, {"三级指标"}) >= 0 && FindColumn(keys, {"一级指标"}) >= 0) {
      return IndicatorHeader(t, r, keys);
    }
    // A flat list (重庆): 指标名称 … 权重 … 得分系数, no 一级/三级 columns.
    if (FindColumn(keys, {"指标名称", "绩效指标", "三级指标"}) >= 0 &&
        FindColumn(keys, {"一级指标"}) < 0 &&
        (FindColumn(keys, {"得分系数"}) >= 0 ||
         (FindColumn(keys, {"权重"}) >= 0 && FindColumn(keys, {"指标值"}) >= 0))) {
      return IndicatorHeader(t, r, keys);
    }
    if (first == "总分" || StartsWith(first, "总分") ||
        (StartsWith(first, "合计") && mode_ != Mode::kExpenses && mode_ != Mode::kBuildings)) {
      return Total(t, r);  // (a 合计 row of the expense table is one of its rows)
    }
    if (GradeRow(t, r, first)) return;
    if (first == "绩效指标" || first == "绩效" || first == "指标") {
      UseRow(t, r);
      return;
    }
    // "单位：元" on a row of its own, or beside the title: for the headers below.
    const bool states_unit = UnitStatementRow(t, r);
    // Titles and notes written into the sheet (Excel has no paragraphs).
    if (NonBlankCells(row) == 1) {
      if (StartsWith(first, "说明")) {
        for (const FlatCell& c : row.cells) {
          if (!c.covered && !IsBlank(c.text)) {
            PlaceText(t, r, c, "/basic_data/notes", &p_.basic_data.notes, true);
          }
        }
        UseRow(t, r);
        return;
      }
      if (Has(first, "基础数据表") || Has(first, "自评表")) {
        for (const FlatCell& c : row.cells) {
          if (!c.covered && !IsBlank(c.text)) {
            AddYear(YearSource::kTableTitle, YearOf(first), Source(t, r, c));
          }
        }
        UseRow(t, r);
        mode_ = Mode::kNone;
        return;
      }
    }
    if (states_unit) return;
    switch (mode_) {
      case Mode::kStaffing:
        return StaffingValues(t, r);
      case Mode::kExpenses:
        return ExpenseRowValues(t, r);
      case Mode::kBuildings:
        return BuildingValues(t, r);
      case Mode::kFunds:
        return FundsValues(t, r, keys);
      case Mode::kGoals:
        return GoalsValues(t, r);
      case Mode::kIndicators:
        return IndicatorRow(t, r);
      case Mode::kNone:
        return;
    }
  }

  // Year of a header like "2023年决算数".
  // The year a text names: a run of exactly four digits (not part of a longer number, such as
  // an id "zlnb210061"), the first one followed by 年 ("（2022年度）") when there is one, else
  // the first; 0 when none.
  // The year a text names: a run of exactly four digits followed by 年 (blanks between
  // allowed: "2017 年"), else the first four-digit run that stands alone as a year would — not
  // a piece of a decimal ("1922.76"), a serial or a date stamp ("11500111709318024F/2021-00230",
  // "2021-08-03") — from 1990 to 2099. 0 when there is none.
  static int YearOf(std::string_view key) {
    const auto serial = [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
             c == '.' || c == '/' || c == '-' || c == '_' || c == ':';
    };
    int first = 0;
    for (size_t i = 0; i < key.size();) {
      if (key[i] < '0' || key[i] > '9') {
        ++i;
        continue;
      }
      size_t j = i;
      int value = 0;
      // (Only four digits make a year: a longer run is read to its end, not added up.)
      for (; j < key.size() && key[j] >= '0' && key[j] <= '9'; ++j) {
        if (j - i < 4) value = value * 10 + (key[j] - '0');
      }
      if (j - i == 4) {
        size_t k = j;
        while (k < key.size() && key[k] == ' ') ++k;
        if (key.substr(k, std::string_view("年").size()) == "年") return value;
        const bool alone = (i == 0 || !serial(key[i - 1])) && (j == key.size() || !serial(key[j]));
        if (first == 0 && alone && value >= 1990 && value <= 2099) first = value;
      }
      i = j;
    }
    return first;
  }

  void StaffingHeader(const FlatTable& t, size_t r, const std::vector<std::string>& keys) {
    UseRow(t, r);
    mode_ = Mode::kStaffing;
    // 人员编制 is 岳阳's word for 编制数. 实有人数 beside 在职 and 退休 counts both; with no 在职
    // column it is the staff on the payroll ("人员编制 | 实有人数").
    staffing_cols_ = {FindColumn(keys, {"编制数", "编制人数", "人员编制"}),
                      FindColumn(keys, {"在职"}), FindColumn(keys, {"控制率"}),
                      FindColumn(keys, {"退休"}), FindColumn(keys, {"实有"})};
    if (staffing_cols_[1] < 0 && staffing_cols_[3] < 0) std::swap(staffing_cols_[1], staffing_cols_[4]);
    for (size_t c = 0; c < keys.size(); ++c) {
      if (YearOf(keys[c]) != 0 && c < t.rows[r].cells.size()) {
        AddYear(YearSource::kTableHeader, YearOf(keys[c]), Source(t, r, t.rows[r].cells[c]));
        break;
      }
    }
    recognised_staffing_ = true;
  }

  void StaffingValues(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    Staffing& s = p_.basic_data.staffing;
    Cell* cells[] = {&s.authorized, &s.on_payroll, &s.control_rate, &s.retired, &s.total_actual};
    const char* names[] = {"authorized", "on_payroll", "control_rate", "retired", "total_actual"};
    for (size_t k = 0; k < staffing_cols_.size(); ++k) {
      const int c = staffing_cols_[k];
      if (c < 0 || c >= static_cast<int>(row.cells.size())) continue;
      Place(t, r, row.cells[c], std::string("/basic_data/staffing/") + names[k], cells[k]);
    }
    for (const FlatCell& cell : row.cells) {
      if (IsBlank(cell.text)) Use(t, r, cell);
    }
    mode_ = Mode::kNone;
  }

  void ExpenseHeader(const FlatTable& t, size_t r, const std::vector<std::string>& keys) {
    UseRow(t, r);
    mode_ = Mode::kExpenses;
    expense_cols_ = {-1, -1, -1};
    int budget_year = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (Has(keys[i], "预算")) {
        expense_cols_[1] = static_cast<int>(i);
        budget_year = YearOf(keys[i]);
        if (budget_year != 0 && i < t.rows[r].cells.size()) {
          AddYear(YearSource::kTableHeader, budget_year, Source(t, r, t.rows[r].cells[i]));
        }
      }
    }
    for (size_t i = 0; i < keys.size(); ++i) {
      if (!Has(keys[i], "决算")) continue;
      const int year = YearOf(keys[i]);
      const bool prior =
          Has(keys[i], "上年") || (budget_year != 0 && year == budget_year - 1) ||
          (budget_year == 0 && expense_cols_[0] < 0 && static_cast<int>(i) < expense_cols_[1]);
      expense_cols_[prior ? 0 : 2] = static_cast<int>(i);
    }
    in_projects_ = false;
    recognised_expenses_ = true;
    expense_money_ = MoneyHeader(t, r, "经费控制情况", "the expense table", keys,
                                 {expense_cols_[0], expense_cols_[1], expense_cols_[2]});
  }

  void ExpenseRowValues(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    if (RowBlank(row) || row.cells.empty()) {
      UseRow(t, r);
      return;
    }
    const FlatCell& label_cell = row.cells[0];
    const std::string label(TrimBlank(JoinTrimmedLines(label_cell.text)));
    const LabelMarks marks = MarksOf(label_cell.text);
    // Values present? Figures, or "——"?
    bool has_values = false, has_figures = false;
    for (int c : expense_cols_) {
      if (c > 0 && c < static_cast<int>(row.cells.size()) && !IsBlank(row.cells[c].text)) {
        has_values = true;
        Cell probe;
        has_figures = has_figures || ReadCell(row.cells[c].text, &probe) == CellRead::kOk;
      }
    }
    if (IsPlaceholderLabel(label) && !has_values) {
      UseRow(t, r);
      return;
    }
    std::string key = ExpenseKey(label);
    const int previous = pending_.empty() ? -1 : static_cast<int>(pending_.size()) - 1;
    const std::string previous_key = previous >= 0 ? pending_[previous].row.key : "";
    // 运行维护(费) right under a vehicle row is the vehicle's running cost; elsewhere (under
    // 公用经费) it is not.
    if (key.empty() && Has(label, "运行维护") &&
        (previous_key == "vehicles" || previous_key == "vehicle_purchase")) {
      key = "vehicle_operation";
    }
    if (marks.total) key = "total";
    if (in_projects_) {
      // Inside the project block, a row is a project — also one whose name mentions a 三公
      // part or an item of 公用经费 (公务接待专项, 会议费补助项目) — unless it is a known row
      // that closes the block, a subtotal, or a top row of its own (三、…).
      if (marks.subtotal) {
        key = "subtotal";
      } else if (!EndsProjects(key) && key != "projects" && !marks.top_numbered) {
        key = "project";
      }
    }
    if (key.empty()) {
      if (marks.subtotal) {
        key = "subtotal";
      } else if (!has_figures && !LooksLikeExpense(label)) {
        return;  // not a row of money: left for the unplaced report (I601)
      } else {
        key = "other";
      }
    }
    if (key == "projects") in_projects_ = true;
    if (EndsProjects(key) || (key == "other" && marks.top_numbered)) in_projects_ = false;
    Pending pending;
    pending.row.key = key;
    pending.row.label = label;
    pending.row.children_are = RelationOf(key);
    pending.marks = marks;
    pending.parent = ExpenseParentOf(key, marks);
    Use(t, r, label_cell);
    pending.sources.emplace_back("label", Source(t, r, label_cell));
    for (int k = 0; k < 3; ++k) {
      const int c = expense_cols_[k];
      if (c < 0 || c >= static_cast<int>(row.cells.size())) continue;
      const FlatCell& cell = row.cells[c];
      Use(t, r, cell);
      const CellRead read = ReadMoney(t, r, cell, cell.text, &money_[expense_money_].columns[k],
                                      &pending.row.values[k]);
      if (read == CellRead::kUnreadable) {
        pending.row.values[k] = Cell::Blank();
        Note("I602", Source(t, r, cell),
             fmt::format("“{}”的“{}”应为金额，无法读取，已按空白处理。", label,
                         TrimBlank(JoinTrimmedLines(cell.text))),
             fmt::format("{}: \"{}\" should be an amount and cannot be read; taken as blank.",
                         label, TrimBlank(JoinTrimmedLines(cell.text))));
      } else {
        pending.sources.emplace_back("values/" + std::string(ExpenseColumnKey(kExpenseColumns[k])),
                                     Source(t, r, cell));
      }
    }
    for (const FlatCell& cell : row.cells) {
      if (IsBlank(cell.text)) Use(t, r, cell);
    }
    // What ExpenseParentOf looks up, kept as rows come (a long table stays linear).
    latest_of_key_[key] = static_cast<int>(pending_.size());
    min_indent_ = pending_.empty() ? marks.indent : std::min(min_indent_, marks.indent);
    max_indent_ = pending_.empty() ? marks.indent : std::max(max_indent_, marks.indent);
    pending_.push_back(std::move(pending));
  }

  // A label that reads like a line of spending (…费, …支出, …经费, …资金), for rows whose
  // figures are all blank.
  static bool LooksLikeExpense(std::string_view label) {
    return Has(label, "费") || Has(label, "支出") || Has(label, "资金") || Has(label, "款");
  }

  // The row (index in pending_) that a new row with `key` and `marks` goes under, or -1.
  // A known row goes under the latest row of its parent's key; a row with no known parent
  // follows the table's structure: a 其中 row goes under the row above it (or beside the
  // 其中 row above it), a more indented row under the nearest less indented one, a numbered
  // item beside the previous item of the same numbering; a top row (一、…), a total, a
  // subtotal and an unmarked row stay at the top, or beside the previous row when that row
  // is a part of something (an item of 公用经费: parts may only add up to less, never more).
  int ExpenseParentOf(const std::string& key, const LabelMarks& marks) const {
    const auto latest = [&](const std::string& k) {
      const auto it = latest_of_key_.find(k);
      return it == latest_of_key_.end() ? -1 : it->second;
    };
    if (const auto it = ExpenseParents().find(key); it != ExpenseParents().end()) {
      const int parent = latest(it->second);
      if (parent >= 0) return parent;
      if (key == "project") return -1;
    }
    if (key == "total" || key == "subtotal" || key == "procurement" || key == "basic_adjustment" ||
        key == "basic" || key == "projects" || marks.top_numbered) {
      return -1;
    }
    if (pending_.empty()) return -1;
    const int previous = static_cast<int>(pending_.size()) - 1;
    const Pending& above = pending_[previous];
    if (marks.of_which) {
      return above.marks.of_which && above.parent >= 0 ? above.parent : previous;
    }
    // Indentation, when the table uses it (labels indented differently).
    const bool indented = min_indent_ != marks.indent || max_indent_ != marks.indent;
    if (indented) {
      for (int i = previous; i >= 0; --i) {
        const Pending& p = pending_[i];
        if (p.marks.indent == marks.indent) return p.parent;
        if (p.marks.indent < marks.indent) return i;
      }
      return -1;
    }
    if (marks.item_numbered) {
      for (int i = previous; i >= 0; --i) {
        if (pending_[i].marks.item_numbered) return pending_[i].parent;
        if (pending_[i].marks.top_numbered) return i;
      }
      return -1;
    }
    // Unmarked: beside the row above when that row is a part (a 其中 item), else at the top.
    if (above.parent >= 0 && pending_[above.parent].row.children_are == ChildRelation::kParts) {
      return above.parent;
    }
    return -1;
  }

  void BuildingHeader(const FlatTable& t, size_t r, const std::vector<std::string>& keys) {
    UseRow(t, r);
    mode_ = Mode::kBuildings;
    building_cols_ = {
        FindColumn(keys, {"批复规模"}),   FindColumn(keys, {"实际规模"}),
        FindColumn(keys, {"规模控制率"}), FindColumn(keys, {"预算投资"}),
        FindColumn(keys, {"实际投资"}),   FindColumn(keys, {"投资概算控制率", "概算控制率"})};
    recognised_buildings_ = true;
    building_money_ = MoneyHeader(t, r, "楼堂馆所", "the buildings table", keys,
                                  {building_cols_[3], building_cols_[4]});
  }

  void BuildingValues(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    Building b;
    const size_t index = p_.basic_data.buildings.size();
    const std::string base = fmt::format("/basic_data/buildings/{}/", index);
    Cell* cells[] = {&b.approved_area,     &b.actual_area,       &b.area_control_rate,
                     &b.budget_investment, &b.actual_investment, &b.investment_control_rate};
    const char* names[] = {"approved_area",     "actual_area",       "area_control_rate",
                           "budget_investment", "actual_investment", "investment_control_rate"};
    if (!row.cells.empty() && !IsBlank(row.cells[0].text) &&
        std::find(building_cols_.begin(), building_cols_.end(), 0) == building_cols_.end()) {
      PlaceText(t, r, row.cells[0], base + "name", &b.name);
    }
    for (size_t k = 0; k < building_cols_.size(); ++k) {
      const int c = building_cols_[k];
      if (c < 0 || c >= static_cast<int>(row.cells.size())) continue;
      MoneyColumn* money = k == 3 || k == 4 ? &money_[building_money_].columns[k - 3] : nullptr;
      Place(t, r, row.cells[c], base + names[k], cells[k], money);
    }
    UseRow(t, r);
    p_.basic_data.buildings.push_back(std::move(b));
  }

  void Frugality(const FlatTable& t, size_t r) {
    UseRow(t, r);
    mode_ = Mode::kNone;
    std::string text;
    const FlatRow& row = t.rows[r];
    for (size_t c = 1; c < row.cells.size(); ++c) {
      const std::string part = TrimmedNonEmptyLines(row.cells[c].text);
      if (part.empty()) continue;
      if (!text.empty()) text += "\n";
      text += part;
      p_.provenance["/basic_data/frugality_measures"] = Source(t, r, row.cells[c]);
    }
    p_.basic_data.frugality_measures = text;
  }

  void UnitName(const FlatTable& t, size_t r, const std::vector<std::string>& keys) {
    const FlatRow& row = t.rows[r];
    const int label = FindColumn(keys, {"预算部门名称", "预算部门", "部门(单位)名称", "单位名称"});
    Use(t, r, row.cells[label]);
    for (size_t c = label + 1; c < row.cells.size(); ++c) {
      if (row.cells[c].covered || IsBlank(row.cells[c].text)) continue;
      PlaceText(t, r, row.cells[c], "/evaluation/unit_name", &p_.evaluation.unit_name);
      break;
    }
    UseRow(t, r);
    recognised_evaluation_ = true;
  }

  // ==== Project tables (项目支出绩效自评表) ====================================================
  // A project's table names the project, its 主管部门 and its 实施单位 where a department's
  // names the department: "项目名称 | 委托业务项目", "主管部门 | 某镇人民政府 | 实施单位 | 某镇
  // 人民政府". The 项目名称 row makes the package a project package. The rest of the table (资金,
  // 年度总体目标, 绩效指标) is the department table's and is read as it is.
  bool ProjectRow(const FlatTable& t, size_t r, const std::vector<std::string>& keys) {
    if (mode_ == Mode::kStaffing || mode_ == Mode::kExpenses || mode_ == Mode::kBuildings ||
        mode_ == Mode::kIndicators) {
      return false;
    }
    struct Label {
      std::string_view word;
      const char* pointer;
      std::string ProjectInfo::*field;
    };
    static constexpr Label kLabels[] = {
        {"项目名称", "/project/name", &ProjectInfo::name},
        {"主管部门", "/project/department", &ProjectInfo::department},
        {"实施单位", "/project/implementing_unit", &ProjectInfo::implementing_unit},
    };
    const auto label_of = [](const std::string& key) -> const Label* {
      for (const Label& l : kLabels) {
        if (StartsWith(key, l.word) && key.size() <= l.word.size() + 12) return &l;
      }
      return nullptr;
    };
    const FlatRow& row = t.rows[r];
    // The row must start with a label whose value is text, not a figure (a 项目名称 column
    // header of a project list is followed by other headers, not by a name).
    size_t first = 0;
    while (first < row.cells.size() && (row.cells[first].covered || IsBlank(row.cells[first].text))) {
      ++first;
    }
    if (first >= row.cells.size() || label_of(keys[first]) == nullptr) return false;
    std::vector<std::pair<const Label*, size_t>> pairs;  // label → the cell of its value
    for (size_t c = first; c < row.cells.size(); ++c) {
      const FlatCell& cell = row.cells[c];
      if (cell.covered || IsBlank(cell.text)) continue;
      const Label* label = label_of(keys[c]);
      if (label == nullptr) continue;
      size_t v = c + 1;
      while (v < row.cells.size() && (row.cells[v].covered || IsBlank(row.cells[v].text))) ++v;
      if (v >= row.cells.size() || label_of(keys[v]) != nullptr) {
        pairs.emplace_back(label, row.cells.size());  // a label with a blank value
        continue;
      }
      Cell figure;
      if (ReadCell(row.cells[v].text, &figure) == CellRead::kOk && figure.has_number()) {
        return false;
      }
      if (FindColumn({keys[v]}, {"预算", "执行", "分值", "得分"}) >= 0) return false;
      pairs.emplace_back(label, v);
      c = v;
    }
    // Only 项目名称 makes a project's table: a 主管部门 row alone (some department forms have
    // one) is left to the department's reading.
    bool names_project = p_.kind == PackageKind::kProject;
    bool gives_name = false;  // a 项目名称 with its value: a project's table begins here
    for (const auto& pair : pairs) {
      names_project = names_project || pair.first == &kLabels[0];
      gives_name = gives_name || (pair.first == &kLabels[0] && pair.second < row.cells.size());
    }
    if (!names_project) return false;
    if (gives_name && EvaluationRead()) {
      // A package holds one project: a named one already read ends here; an unnamed one
      // read so far was the tail of another project's table.
      if (!p_.project.name.empty()) return NextProject(t, r);
      DropProjectTail(t, r);
    }
    for (const auto& [label, v] : pairs) {
      if (v < row.cells.size()) {
        PlaceText(t, r, row.cells[v], label->pointer, &(p_.project.*(label->field)));
      }
    }
    UseRow(t, r);
    p_.kind = PackageKind::kProject;
    if (!p_.project.implementing_unit.empty()) {
      p_.evaluation.unit_name = p_.project.implementing_unit;
    }
    recognised_project_ = true;
    recognised_evaluation_ = true;
    return true;
  }
  bool recognised_project_ = false;

  // ---- two projects in one document ----
  //
  // A 项目名称 row with a name starts a project's table. What of the 自评表 was read before it
  // belongs to another project: to the one named earlier (then the document goes on to a
  // second project, which the package cannot hold: it is left out, said once), or to none (a
  // page that begins with the tail of the previous project's table — its indicators, its 合计
  // — whose 项目名称 is not in the file: dropped, said once, and the import starts again at the
  // name). Either way one project's figures are never mixed with another's.

  bool EvaluationRead() const {
    const Evaluation& ev = p_.evaluation;
    const Funds& f = ev.funds;
    return total_read_ || !ev.indicators.empty() || f.initial_budget.has_number() ||
           f.full_year_budget.has_number() || f.executed.has_number() || !f.rows.empty();
  }

  // The text of a row's non-blank cells, " | "-joined, cut to 40 characters.
  static std::string RowText(const FlatRow& row) {
    std::string text;
    for (const FlatCell& c : row.cells) {
      if (!c.covered && !IsBlank(c.text)) text += (text.empty() ? "" : " | ") + JoinTrimmedLines(c.text);
    }
    return Clip(text, 40);
  }

  void DropProjectTail(const FlatTable& t, size_t r) {
    const size_t indicators = p_.evaluation.indicators.size();
    p_.evaluation = Evaluation{};
    for (auto it = p_.provenance.begin(); it != p_.provenance.end();) {
      it = StartsWith(it->first, "/evaluation") ? p_.provenance.erase(it) : std::next(it);
    }
    total_read_ = false;
    funds_done_ = false;
    level1_ = -1;
    level2_ = -1;
    SourceRef src = Source(t, r, t.rows[r].cells.front());
    src.column = 0;
    src.text = RowText(t.rows[r]);
    Note("I627", src,
         fmt::format("“{}”之前的自评表内容（{} 个一级指标及其合计）属于另一个项目，该项目的名称"
                     "不在文件中，已舍弃；导入从这一行的项目开始。",
                     src.text, indicators),
         fmt::format("The self-evaluation content before \"{}\" ({} top-level groups and their "
                     "total) belongs to another project, whose name is not in the file: it was "
                     "dropped, and the import starts with this row's project.",
                     src.text, indicators));
  }

  bool NextProject(const FlatTable& t, size_t r) {
    other_project_ = true;
    UseRow(t, r);
    SourceRef src = Source(t, r, t.rows[r].cells.front());
    src.column = 0;
    src.text = RowText(t.rows[r]);
    Note("I627", src,
         fmt::format("文件在项目“{}”之后又有一个项目（“{}”）；一个数据包只容纳一个项目，后一个项目"
                     "的表格未导入。",
                     p_.project.name, src.text),
         fmt::format("After the project \"{}\" the file holds another one (\"{}\"); a package "
                     "holds one project, and the later one's tables were not imported.",
                     p_.project.name, src.text));
    return true;
  }
  bool other_project_ = false;  // rows from here on are another project's: not read
  // ==== end of project tables ==============================================================

  // A funds header of a form without 年初预算数 (湖南's 县级专项资金 form: 全年预算数(A) |
  // 全年执行数(B) | 执行率(B/A)): 全年预算数 and 全年执行数 side by side with 执行率.
  static bool FundsHeaderWithoutInitial(const std::vector<std::string>& keys) {
    int full = FindColumn(keys, {"全年预算数"});
    int executed = FindColumn(keys, {"全年执行数"});
    if (full < 0 && executed < 0) {
      // "预算数(A) | 执行数(B) | 执行率(B/A) | 得分" (a project form whose note says 预算数 is
      // the adjusted budget): the 全年 words left out.
      full = BareColumn(keys, "预算数");
      executed = BareColumn(keys, "执行数");
    }
    return full >= 0 && executed == full + 1 && FindColumn(keys, {"执行率"}) > executed &&
           FindColumn(keys, {"决算"}) < 0;
  }

  // The first column whose key is `word` alone, or `word` and a bracketed mark ("预算数(A)").
  static int BareColumn(const std::vector<std::string>& keys, std::string_view word) {
    for (size_t i = 0; i < keys.size(); ++i) {
      const std::string_view k = keys[i];
      if (k == word || (StartsWith(k, word) && k.substr(word.size(), 1) == "(")) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  void FundsHeader(const FlatTable& t, size_t r, const std::vector<std::string>& keys) {
    UseRow(t, r);
    mode_ = Mode::kFunds;
    // 得分 is the first column saying so that is not the 得分计算方法 column.
    int score = -1;
    for (size_t i = 0; i < keys.size() && score < 0; ++i) {
      if (Has(keys[i], "得分") && !Has(keys[i], "方法") && !Has(keys[i], "标准")) {
        score = static_cast<int>(i);
      }
    }
    int full = FindColumn(keys, {"全年预算", "调整后预算"});
    // 全年（调整）预算数 (重庆), whatever OCR made of the note: "全年(If整)预算数".
    for (size_t i = 0; i < keys.size() && full < 0; ++i) {
      const std::string k = FoldWidth(keys[i]);
      const size_t close = k.find(')');
      if (StartsWith(k, "全年(") && close != std::string::npos && close <= 24 &&
          StartsWith(std::string_view(k).substr(close + 1), "预算")) {
        full = static_cast<int>(i);
      }
    }
    funds_cols_ = {FindColumn(keys, {"年初预算"}),
                   full >= 0 || FindColumn(keys, {"年初预算"}) >= 0 ? full
                                                                   : BareColumn(keys, "预算数"),
                   FindColumn(keys, {"全年执行", "执行数"}),
                   FindColumn(keys, {"分值", "权重"}),
                   FindColumn(keys, {"执行率"}),
                   score};
    SpecColumns(&ReadingSpec::funds_columns, SpecFundsFields(), keys, &funds_cols_);
    funds_method_col_ = FindColumn(keys, {"计算方法", "评分方法", "评分标准"});
    // 四川's 原因 column (the reasons for a low rate or a changed budget, often only the
    // form's instructions): the total row's cell is kept as printed (Funds::reason); a row's
    // text standing under it still fits the header.
    funds_reason_col_ = FindColumn(keys, {"原因", "偏差"});
    funds_width_ = keys.size();
    funds_header_row_ = r;
    funds_seen_ = true;
    // No 分值 column: the weight may stand in the 得分 header ("得分(20分*执行率)").
    funds_header_weight_.reset();
    if (funds_cols_[3] < 0 && score >= 0 && static_cast<size_t>(score) < t.rows[r].cells.size()) {
      const std::string& key = keys[score];
      const size_t open = key.find('(');
      const size_t unit = open == std::string::npos ? open : key.find("分", open);
      if (unit != std::string::npos) {
        if (std::optional<Decimal> w = Decimal::Parse(key.substr(open + 1, unit - open - 1))) {
          funds_header_weight_ = std::make_pair(*w, Source(t, r, t.rows[r].cells[score]));
        }
      }
    }
    recognised_evaluation_ = true;
    // The three amounts, then the splits ("一般公共预算：124.88"), in the unit of 全年执行数.
    funds_money_ = MoneyHeader(t, r, "年度资金", "the funds", keys,
                               {funds_cols_[0], funds_cols_[1], funds_cols_[2], funds_cols_[2]});
    MoneyColumn& splits = money_[funds_money_].columns[3];
    splits.header = "资金分列";
    splits.header_en = "the splits by source and kind";
  }

  // A rate written without '%' as the ratio itself ("1" under 执行率(B/A) for 1.56 of 1.56):
  // read as the percentage when the ratio of the amounts, rounded as the rate is written,
  // gives it and the percentage would not (1 is 100 %, not 1 %). Noted (I631).
  void RateWrittenAsRatio(Funds* f) {
    Cell& rate = f->execution_rate;
    if (!rate.has_number() || rate.percent || rate.value.sign() <= 0) return;
    const Cell& budget = f->full_year_budget.has_number() ? f->full_year_budget : f->initial_budget;
    if (!budget.has_number() || budget.value.is_zero() || !f->executed.has_number()) return;
    const int decimals = rate.value.scale();
    const Decimal ratio = Decimal::Divide(f->executed.value, budget.value, 12, Rounding::kHalfUp);
    const Decimal hundred = Decimal::FromInt(100);
    if (ratio.Rounded(decimals).Compare(rate.value) != 0 ||
        (ratio * hundred).Rounded(decimals).Compare(rate.value) == 0) {
      return;
    }
    const std::string written = rate.value.ToString();
    rate = Cell::Number((rate.value * hundred).Normalized(), true);
    const auto where = p_.provenance.find("/evaluation/funds/execution_rate");
    Note("I631", where == p_.provenance.end() ? SourceRef{} : where->second,
         fmt::format("执行率写作比值 {}（执行数 ÷ 预算数），按 {}% 读。", written,
                     rate.value.ToString()),
         fmt::format("The execution rate is written as the ratio {} (executed ÷ budget) and "
                     "read as {}%.",
                     written, rate.value.ToString()));
  }

  // The first column of the funds header holding a figure (年初预算数 on every form).
  int FirstFundsField() const {
    int first = -1;
    for (int c : funds_cols_) {
      if (c >= 0 && (first < 0 || c < first)) first = c;
    }
    return first;
  }

  // Whether the row, read `shift` columns off its header, fits it: the label ends before the
  // first figure column and every other filled cell stands under a column of the header.
  bool FundsRowFits(const FlatRow& row, int label, int shift) const {
    const int first = FirstFundsField();
    if (first < 0) return false;
    if (label + row.cells[label].column_span > first + shift) return false;
    for (size_t c = static_cast<size_t>(label) + 1; c < row.cells.size(); ++c) {
      const FlatCell& cell = row.cells[c];
      if (cell.covered || IsBlank(cell.text)) continue;
      const int header_column = static_cast<int>(c) - shift;
      bool under = header_column == funds_method_col_ ||
                   (funds_reason_col_ >= 0 && header_column == funds_reason_col_);
      for (int f : funds_cols_) under = under || (f >= 0 && f == header_column);
      if (!under) return false;
    }
    return true;
  }

  // How the row's columns stand to the header's. A table on a grid (DOCX, XLSX) has the
  // header's columns: 0, or nothing when the row does not fit. A text table has no grid: its
  // row may also be aligned by the label's end or by the right edge (a label split over extra
  // cells), when every figure then stands under a header.
  std::optional<int> FundsShift(const FlatRow& row, int label) const {
    if (FundsRowFits(row, label, 0)) return 0;
    const bool text = row.cells[label].origin.line > 0;
    if (!text) return std::nullopt;
    const int first = FirstFundsField();
    const int after_label = label + row.cells[label].column_span;
    for (int shift : {static_cast<int>(row.cells.size()) - static_cast<int>(funds_width_),
                      after_label - first}) {
      if (shift != 0 && FundsRowFits(row, label, shift)) return shift;
    }
    return std::nullopt;
  }

  // I632: a row of a table read from a stream of words whose figures are fewer than its
  // header's columns, with no way to tell where they stand (import/figure_stream.h): none of
  // them is placed, so that no figure lands in another column.
  void Unaligned(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    std::string figures;
    for (size_t c = 1; c < row.cells.size(); ++c) {
      figures += (figures.empty() ? "" : " ") + JoinTrimmedLines(row.cells[c].text);
    }
    const std::string label = row.cells.empty() ? "" : JoinTrimmedLines(row.cells[0].text);
    SourceRef where = Source(t, r, row.cells.empty() ? FlatCell{} : row.cells[0]);
    where.text = label + " " + figures;
    // The columns: as many as the nearest whole row above has cells after its label.
    size_t whole = r;
    while (whole > 0 && t.rows[whole].unaligned) --whole;
    const size_t wanted = t.rows[whole].cells.empty() ? 0 : t.rows[whole].cells.size() - 1;
    Note("I632", where,
         fmt::format("“{}”一行只有{}个数字（{}），表头有{}栏，空白的栏目在复制时丢失，无法判断各数字"
                     "属于哪一栏，该行未导入；请在原表中核对后补录。",
                     label, row.cells.size() - 1, figures, wanted),
         fmt::format("The row \"{}\" has {} figures ({}) for {} columns: the blank cells were "
                     "lost in copying and which column each figure belongs to cannot be told; the "
                     "row was not imported. Check it against the original table and enter it.",
                     label, row.cells.size() - 1, figures, wanted));
    UseRow(t, r);
  }

  // I622: a funds row whose cells do not stand under its header's columns; nothing of it is
  // read, so that no figure lands in another column.
  void FundsMisfit(const FlatTable& t, size_t r, int label) {
    const FlatRow& row = t.rows[r];
    std::string cells;
    for (const FlatCell& c : row.cells) {
      if (c.covered || IsBlank(c.text)) continue;
      cells += (cells.empty() ? "" : " | ") + JoinTrimmedLines(c.text);
    }
    SourceRef where = Source(t, r, row.cells[label]);
    where.text = cells;
    Note("I622", where,
         fmt::format("年度资金行“{}”的数字与表头（第{}行）的栏目对不上，该行未导入；请把各数字放在"
                     "对应的栏目下（标签单元格可合并），再导入。",
                     JoinTrimmedLines(row.cells[label].text), RowNumber(t, funds_header_row_)),
         fmt::format("The funds row \"{}\" does not fit the columns of its header (row {}); it "
                     "was not read. Put each figure under its column (the label cells may be "
                     "merged) and import again.",
                     JoinTrimmedLines(row.cells[label].text), RowNumber(t, funds_header_row_)));
    UseRow(t, r);
  }

  // 年初预算数 on a form that has only 全年预算数 and 全年执行数, and 分值 and 得分 on a form that
  // scores nothing (湖南's 县级专项资金 form): not applicable when the header has no such column.
  bool FundsColumnNotOnForm(size_t k) const {
    if (k == 0) return funds_cols_[1] >= 0;
    if (k == 3 || k == 5) return funds_cols_[3] < 0 && funds_cols_[5] < 0;
    return false;
  }

  // The six cells of a funds row (the total or one under it) from the header's columns.
  // Columns the form does not have (全年预算数, 执行率 on 贵州's) are not applicable.
  void PlaceFundsCells(const FlatTable& t, size_t r, int shift, const std::string& base,
                       const std::array<Cell*, 6>& cells) {
    const FlatRow& row = t.rows[r];
    static constexpr const char* kNames[] = {"initial_budget", "full_year_budget", "executed",
                                             "weight",         "execution_rate",   "score"};
    for (size_t k = 0; k < funds_cols_.size(); ++k) {
      if (funds_cols_[k] < 0) {
        if (k == 1 || k == 4 || FundsColumnNotOnForm(k)) *cells[k] = Cell::NotApplicable();
        continue;
      }
      const int c = funds_cols_[k] + shift;
      if (c < 0 || c >= static_cast<int>(row.cells.size())) continue;
      MoneyColumn* money = k < 3 ? &money_[funds_money_].columns[k] : nullptr;
      Place(t, r, row.cells[c], base + kNames[k], cells[k], money);
    }
  }

  // What a row under 年度资金总额 stands for, by its label.
  static std::string FundsRowKey(std::string_view label) {
    std::string_view l = label;
    for (std::string_view prefix : {"其中:", "其中", "其中："}) {
      if (StartsWith(l, prefix)) l.remove_prefix(prefix.size());
    }
    if (Has(l, "上年结转") || Has(l, "结转资金")) return "prior_carryover";
    if (Has(l, "当年财政拨款") || Has(l, "财政拨款") || l == "财政资金") {
      return "current_appropriation";
    }
    if (Has(l, "基本支出")) return "basic";
    if (Has(l, "项目支出")) return "project";
    if (StartsWith(l, "其他资金") || l == "其他") return "other";
    return "";
  }

  // A row under 年度资金总额 with its own figures (其中：当年财政拨款 …, 基本支出 …): its label
  // stands left of the figure columns and its figures under them. Returns false when the row
  // is something else (the 零陵 splits "一般公共预算：124.88", a heading).
  bool FundsSubRow(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    int label = -1;
    for (size_t c = 0; c < row.cells.size() && label < 0; ++c) {
      if (!row.cells[c].covered && !IsBlank(row.cells[c].text)) label = static_cast<int>(c);
    }
    if (label < 0) return false;
    const std::string text = Key(row.cells[label].text);
    Cell probe;
    if (ReadCell(text, &probe) == CellRead::kOk || Has(text, "性质分")) return false;
    const int first = FirstFundsField();
    if (first < 0 || label >= first) return false;
    std::string key = SpecFundsRowKey(spec_, text);  // the form's wording first
    if (key.empty()) key = FundsRowKey(text);
    // A split written into its label ("其中：一般公共预算：124.88") is not a row of figures.
    const size_t colon = text.rfind(':');
    if (colon != std::string::npos && ReadCell(text.substr(colon + 1), &probe) == CellRead::kOk) {
      return false;
    }
    // "政府性基金拨款： | 项目支出：" (the 零陵 splits left blank) is no row either: a row's
    // cells are figures ("—" included). A known row keeps an unreadable figure for I602.
    if (!text.empty() && text.back() == ':') return false;
    int figures = 0;
    for (size_t c = label + 1; c < row.cells.size(); ++c) {
      const FlatCell& cell = row.cells[c];
      if (cell.covered || IsBlank(cell.text) || static_cast<int>(c) == funds_method_col_) continue;
      if (ReadCell(cell.text, &probe) == CellRead::kUnreadable && key.empty()) return false;
      ++figures;
    }
    if (figures == 0 && key.empty()) return false;
    const std::optional<int> shift = FundsShift(row, label);
    if (!shift) {
      if (figures == 0) return false;
      FundsMisfit(t, r, label);
      return true;
    }
    Funds& f = p_.evaluation.funds;
    const size_t i = f.rows.size();
    FundsRow& out = f.rows.emplace_back();
    out.key = key;
    const std::string base = fmt::format("/evaluation/funds/rows/{}/", i);
    PlaceText(t, r, row.cells[label], base + "label", &out.label);
    PlaceFundsCells(t, r, *shift, base,
                    {&out.initial_budget, &out.full_year_budget, &out.executed, &out.weight,
                     &out.execution_rate, &out.score});
    UseRow(t, r);
    if (key.empty()) {
      Note(
          "I623", Source(t, r, row.cells[label]),
          fmt::format("年度资金下的“{}”行不是已知的分项（当年财政拨款、上年结转资金、其他资金、基本"
                      "支出、项目支出），已按原标签保留，计入按资金来源分列的各行。",
                      out.label),
          fmt::format(
              "The funds row \"{}\" is none of the known parts (当年财政拨款, 上年结转资金, "
              "其他资金, 基本支出, 项目支出); kept with its label, among the rows by source.",
              out.label));
    }
    return true;
  }

  // "得分计算方法 | 执行率×该指标分值…" on a row of its own (how jixiao renders a form's method).
  bool FundsMethodRow(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    const FlatCell* label = nullptr;
    const FlatCell* text = nullptr;
    for (const FlatCell& c : row.cells) {
      if (c.covered || IsBlank(c.text)) continue;
      if (label == nullptr) {
        label = &c;
      } else if (text == nullptr) {
        text = &c;
      } else {
        return false;
      }
    }
    if (label == nullptr || text == nullptr || Key(label->text) != "得分计算方法") return false;
    Use(t, r, *label);
    PlaceText(t, r, *text, "/evaluation/funds/method", &p_.evaluation.funds.method);
    FundsMethodNote(t, r, *text);
    UseRow(t, r);
    return true;
  }

  // I620 / I621: how the form's 得分计算方法 was read.
  void FundsMethodNote(const FlatTable& t, size_t r, const FlatCell& cell) {
    const FundsMethod m = ReadFundsMethod(p_.evaluation.funds.method);
    if (!m.present) return;
    if (m.understood) {
      Note("I620", Source(t, r, cell),
           fmt::format("表内得分计算方法“{}”读作：{}；年度资金各行按此计分。",
                       p_.evaluation.funds.method, m.how_zh),
           fmt::format("The form's scoring method \"{}\" was read as: {}; the funds rows are "
                       "scored by it.",
                       p_.evaluation.funds.method, m.how_en));
    } else {
      Note("I621", Source(t, r, cell),
           fmt::format("表内得分计算方法“{}”未能理解，已原样保留；年度资金按评分规则计分（分值 × "
                       "执行率，执行率上限按评分规则）。",
                       p_.evaluation.funds.method),
           fmt::format("The form's scoring method \"{}\" was not understood and is kept as "
                       "written; the funds are scored by the rulebook (weight × execution rate, "
                       "the rate capped as the rulebook says).",
                       p_.evaluation.funds.method));
    }
  }

  // How many cells after the first hold a figure.
  static int FiguresAfterLabel(const FlatRow& row) {
    int figures = 0;
    for (size_t c = 1; c < row.cells.size(); ++c) {
      Cell probe;
      if (!row.cells[c].covered && ReadCell(row.cells[c].text, &probe) == CellRead::kOk) {
        ++figures;
      }
    }
    return figures;
  }

  // The 原因 cell of the funds' total row, on a form that has the column (Funds::reason).
  void FundsReason(const FlatTable& t, size_t r, int shift) {
    if (funds_reason_col_ < 0) return;
    Funds& f = p_.evaluation.funds;
    f.asks_reason = true;
    const FlatRow& row = t.rows[r];
    const int reason = funds_reason_col_ + shift;
    if (reason < 0 || reason >= static_cast<int>(row.cells.size())) return;
    const FlatCell& cell = row.cells[reason];
    if (cell.covered || IsBlank(cell.text)) return;
    PlaceText(t, r, cell, "/evaluation/funds/reason", &f.reason);
  }

  void FundsValues(const FlatTable& t, size_t r, const std::vector<std::string>& keys) {
    const FlatRow& row = t.rows[r];
    Funds& f = p_.evaluation.funds;
    // The total row: 年度资金总额, or 总额 alone (四川's form).
    int label = FindColumn(keys, {"年度资金总额", "资金总额", "合计"});
    if (label < 0 && !keys.empty() && keys[0] == "总额") label = 0;
    // 重庆's block has one row of figures under its header and no label of its own (the
    // header's first cell, 部门预算执行情况, names it): the row right under the header whose
    // label names no row of the funds is the total.
    if (label < 0 && !funds_done_ && r == funds_header_row_ + 1 && !row.cells.empty() &&
        SpecFundsRowKey(spec_, Key(row.cells[0].text)).empty() &&
        FundsRowKey(Key(row.cells[0].text)).empty() && FiguresAfterLabel(row) >= 2) {
      label = 0;
    }
    if (label >= 0 && !funds_done_) {
      // Columns come from the header (FundsShift); a row that does not fit it is a note.
      funds_done_ = true;
      const std::optional<int> shift = FundsShift(row, label);
      if (!shift) return FundsMisfit(t, r, label);
      PlaceFundsCells(t, r, *shift, "/evaluation/funds/",
                      {&f.initial_budget, &f.full_year_budget, &f.executed, &f.weight,
                       &f.execution_rate, &f.score});
      const int method = funds_method_col_ < 0 ? -1 : funds_method_col_ + *shift;
      if (method >= 0 && method < static_cast<int>(row.cells.size()) &&
          !IsBlank(row.cells[method].text)) {
        PlaceText(t, r, row.cells[method], "/evaluation/funds/method", &f.method);
        FundsMethodNote(t, r, row.cells[method]);
      }
      FundsReason(t, r, *shift);
      if (f.weight.blank() && funds_header_weight_) {
        f.weight = Cell::Number(funds_header_weight_->first);
        p_.provenance["/evaluation/funds/weight"] = funds_header_weight_->second;
      }
      RateWrittenAsRatio(&f);
      UseRow(t, r);
      return;
    }
    if (funds_done_ && FundsMethodRow(t, r)) return;
    if (funds_done_ && FundsSubRow(t, r)) return;
    // The splits: "一般公共预算：124.88", "基本支出：124.88", headers "按收入性质分：".
    struct Split {
      std::string_view word;
      Cell Funds::*cell;
      const char* name;
    };
    static constexpr Split kSplits[] = {
        {"一般公共预算", &Funds::general_public, "general_public"},
        {"政府性基金", &Funds::government_fund, "government_fund"},
        {"非税收入", &Funds::special_account, "special_account"},
        {"其他资金", &Funds::other_funds, "other_funds"},
        {"基本支出", &Funds::basic, "basic"},
        {"项目支出", &Funds::project, "project"},
    };
    bool any = false;
    for (size_t c = 0; c < row.cells.size(); ++c) {
      const FlatCell& cell = row.cells[c];
      if (cell.covered || IsBlank(cell.text)) {
        Use(t, r, cell);
        continue;
      }
      const std::string key = Key(cell.text);
      if (Has(key, "性质分")) {
        Use(t, r, cell);
        any = true;
        continue;
      }
      for (const Split& s : kSplits) {
        if (!Has(key, s.word)) continue;
        any = true;
        Use(t, r, cell);
        // The figure follows the last ':' in the cell, or sits in the next cell.
        const size_t colon = key.rfind(':');
        std::string value = colon == std::string::npos ? "" : key.substr(colon + 1);
        const FlatCell* value_cell = &cell;
        if (IsBlank(value) && colon == std::string::npos) {
          // The figure in the next cell (past the positions a merged label covers).
          size_t next = c + 1;
          while (next < row.cells.size() && row.cells[next].covered) ++next;
          if (next < row.cells.size()) {
            value_cell = &row.cells[next];
            value = Key(value_cell->text);
          }
        }
        Cell parsed;
        const CellRead read =
            ReadMoney(t, r, *value_cell, value, &money_[funds_money_].columns[3], &parsed);
        if (read == CellRead::kOk) {
          f.*(s.cell) = parsed;
          p_.provenance[std::string("/evaluation/funds/") + s.name] = Source(t, r, *value_cell);
          Use(t, r, *value_cell);
        } else if (read == CellRead::kUnreadable) {
          Note("I602", Source(t, r, cell),
               fmt::format("资金分列“{}”中的金额无法读取。", JoinTrimmedLines(cell.text)),
               fmt::format("The amount in the funds split \"{}\" cannot be read.",
                           JoinTrimmedLines(cell.text)));
        }
        break;
      }
    }
    if (!any && !RowBlank(row)) mode_ = Mode::kNone;
  }

  void GoalsHeader(const FlatTable& t, size_t r, const std::vector<std::string>& keys) {
    UseRow(t, r);
    mode_ = Mode::kGoals;
    goal_cols_ = {FindColumn(keys, {"预期目标"}), FindColumn(keys, {"实际完成"})};
    for (size_t k = 0; k < goal_cols_.size(); ++k) {
      const int c = SpecColumn(spec_, SpecTable(&ReadingSpec::goals_columns),
                               SpecGoalsFields()[k], keys);
      if (c >= 0) goal_cols_[k] = c;
    }
    goals_width_ = keys.size();
    // A form may put the goals in the same row as the label ("年度总体目标 | 1：… | …").
    if (goal_cols_[0] < 0) {
      goal_cols_ = {1, 2};
      mode_ = Mode::kGoals;
      GoalsValues(t, r);
    }
  }

  void GoalsValues(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    const int shift = static_cast<int>(row.cells.size()) - static_cast<int>(goals_width_);
    const int planned = goal_cols_[0] < 0 ? -1 : goal_cols_[0] + (shift > 0 ? shift : 0);
    const int achieved = goal_cols_[1] < 0 ? -1 : goal_cols_[1] + (shift > 0 ? shift : 0);
    if (planned >= 0 && planned < static_cast<int>(row.cells.size())) {
      const FlatCell& cell = row.cells[planned];
      Use(t, r, cell);
      SplitGoals(TrimmedNonEmptyLines(cell.text), Source(t, r, cell));
    }
    if (achieved >= 0 && achieved < static_cast<int>(row.cells.size())) {
      PlaceText(t, r, row.cells[achieved], "/evaluation/goals/achieved",
                &p_.evaluation.goals.achieved, true);
    }
    for (const FlatCell& cell : row.cells) {
      if (IsBlank(cell.text)) Use(t, r, cell);
    }
    mode_ = Mode::kNone;
  }

  // "1：…\n2：…" or "（1）…（2）…" → numbered goals.
  void SplitGoals(const std::string& text, const SourceRef& src) {
    std::vector<Goal>& goals = p_.evaluation.goals.planned;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string line = text.substr(start, end - start);
      const std::string folded = FoldWidth(line);
      size_t digits = 0;
      while (digits < folded.size() && folded[digits] >= '0' && folded[digits] <= '9') ++digits;
      if (digits > 0 && digits < folded.size() &&
          (folded[digits] == ':' || folded[digits] == '.' ||
           StartsWith(folded.substr(digits), "、"))) {
        Goal g;
        g.number = folded.substr(0, digits);
        // Skip the number and separator in the original line (full-width '：' is 3 bytes).
        size_t skip = 0;
        size_t pos = 0;
        int seen = 0;
        while (pos < line.size() && seen < static_cast<int>(digits) + 1) {
          NextCodePoint(line, &pos);
          ++seen;
        }
        skip = pos;
        g.text = std::string(TrimBlank(std::string_view(line).substr(skip)));
        goals.push_back(std::move(g));
      } else if (!goals.empty()) {
        goals.back().text += "\n" + line;
      } else if (!IsBlank(line)) {
        goals.push_back(Goal{"", line});
      }
      if (end == text.size()) break;
      start = end + 1;
    }
    for (size_t i = 0; i < goals.size(); ++i) {
      p_.provenance[fmt::format("/evaluation/goals/planned/{}/text", i)] = src;
    }
  }

  void IndicatorHeader(const FlatTable& t, size_t r, const std::vector<std::string>& keys) {
    UseRow(t, r);
    mode_ = Mode::kIndicators;
    if (t.rows[r].supplied) PieceOfIndicators(t, r);
    // A rubric's score table (得分表: names, 分值 and 得分, judged against 评分标准, no target
    // or actual): budget execution is one of its rows, so the form has no funds block.
    score_table_ = FindColumn(keys, {"年度指标值", "指标值", "目标值"}) < 0 &&
                   FindColumn(keys, {"实际完成值", "实际完成", "实际值", "完成值"}) < 0 &&
                   FindColumn(keys, {"得分", "自评得分"}) >= 0;
    // 得分系数 contains 得分 and 年初指标值 contains 指标值: the score column is a 得分 column
    // that is not the coefficient's, the target the adjusted one when the form has both.
    const int coefficient = FindColumn(keys, {"得分系数"});
    int score = -1;
    for (size_t i = 0; i < keys.size() && score < 0; ++i) {
      if (static_cast<int>(i) == coefficient) continue;
      if (Has(keys[i], "自评得分") || Has(keys[i], "得分")) score = static_cast<int>(i);
    }
    const int level3 = FindColumn(keys, {"三级指标"});
    ind_cols_ = {FindColumn(keys, {"一级指标"}),
                 FindColumn(keys, {"二级指标"}),
                 level3 >= 0 ? level3 : FindColumn(keys, {"指标名称", "绩效指标"}),
                 FindColumn(keys, {"年度指标值", "指标值", "目标值"}),
                 FindColumn(keys, {"实际完成值", "实际完成", "实际值", "完成值"}),
                 FindColumn(keys, {"分值", "权重"}),
                 score,
                 FindColumn(keys, {"偏差原因", "偏差"}),
                 coefficient,
                 FindColumn(keys, {"调整指标值", "调整后指标值", "全年指标值"}),
                 FindColumn(keys, {"计量单位"})};
    // The form's wording first: ind_cols_[3 …] are target, actual, weight, score, deviation,
    // coefficient, the order of SpecLeafFields.
    std::vector<int> leaf(ind_cols_.begin() + 3, ind_cols_.begin() + 9);
    SpecColumns(&ReadingSpec::leaf_columns, SpecLeafFields(), keys, &leaf);
    std::copy(leaf.begin(), leaf.end(), ind_cols_.begin() + 3);
    if (ind_cols_[9] == ind_cols_[3]) ind_cols_[9] = -1;
    ind_flat_ = ind_cols_[0] < 0 && ind_cols_[1] < 0;
    ind_width_ = keys.size();
    level1_ = -1;
    level2_ = -1;
    recognised_indicators_ = true;
  }

  // 成本指标 written in the 一级 column with no 分值 of its own, while the 一级 group above
  // states a 分值 its leaves do not fill yet: a 二级 of that group, whose 一级 cell the flattened
  // row left out (安徽's project form: 产出指标(50分) over 数量/质量/时效/成本指标). A 成本指标
  // that states its own 分值, or comes under a group that is full, stays a 一级.
  bool CostUnderGroupAbove(const std::string& l1_text, const std::string& l2) const {
    if (l1_text.empty() || !l2.empty() || level1_ < 0) return false;
    std::string name, weight;
    SplitWeight(l1_text, &name, &weight);
    if (!weight.empty() || JoinTrimmedLines(name) != "成本指标") return false;
    const Indicator& above = p_.evaluation.indicators[level1_];
    if (!above.weight.has_number()) return false;
    Decimal leaves;
    for (const Indicator& l2_group : above.children) {
      for (const Indicator& leaf : l2_group.children) {
        if (leaf.weight.has_number()) leaves = leaves + leaf.weight.value;
      }
    }
    return leaves < above.weight.value;
  }

  void IndicatorRow(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    std::vector<Indicator>& tops = p_.evaluation.indicators;
    // Value rows may be wider than the header (a merged label column on the left).
    const int shift =
        std::max(0, static_cast<int>(row.cells.size()) - static_cast<int>(ind_width_));
    const auto at = [&](int k) -> const FlatCell* {
      if (ind_cols_[k] < 0) return nullptr;
      const int c = ind_cols_[k] + shift;
      return c < static_cast<int>(row.cells.size()) ? &row.cells[c] : nullptr;
    };
    const auto text_at = [&](int k) -> std::string {
      const FlatCell* c = at(k);
      return c == nullptr || c->covered ? "" : c->text;
    };
    UseRow(t, r);
    if (ind_flat_) return FlatIndicatorRow(t, r, at);
    std::string l1 = JoinTrimmedLines(text_at(0));
    std::string l2 = JoinTrimmedLines(text_at(1));
    std::string l1_text = text_at(0), l2_text = text_at(1);
    const FlatCell* l2_cell = at(1);
    if (CostUnderGroupAbove(l1_text, l2)) {
      // (It stands in the 一级 column; it is the 二级 of the group above.)
      l2 = std::move(l1);
      l2_text = std::move(l1_text);
      l2_cell = at(0);
      l1.clear();
      l1_text.clear();
    }
    if (!l1.empty()) {
      Indicator group;
      std::string weight;
      SplitWeight(l1_text, &group.name, &weight);
      group.kind = InferIndicatorKind(group.name);
      const std::string pointer = fmt::format("/evaluation/indicators/{}", tops.size());
      if (!weight.empty() && ReadGroupWeight(weight, &group)) {
        p_.provenance[pointer + "/weight"] = Source(t, r, *at(0));
      }
      p_.provenance[pointer + "/name"] = Source(t, r, *at(0));
      tops.push_back(std::move(group));
      level1_ = static_cast<int>(tops.size()) - 1;
      level2_ = -1;
    }
    // A row that names a group and no leaf: its 分值 is the group's ("效益指标 … 不低于20分").
    const FlatCell* weight_cell = at(5);
    if ((!l1.empty() || !l2.empty()) && IsBlank(text_at(2)) && IsBlank(text_at(3)) &&
        IsBlank(text_at(4)) && weight_cell != nullptr && !weight_cell->covered &&
        !IsBlank(weight_cell->text) && level1_ >= 0) {
      Indicator& top = tops[level1_];
      Indicator* group = &top;
      std::string group_pointer = fmt::format("/evaluation/indicators/{}", level1_);
      if (!l2.empty()) {
        Indicator named;
        std::string weight;
        SplitWeight(l2_text, &named.name, &weight);
        if (InferIndicatorKind(named.name) == IndicatorKind::kSatisfaction) {
          named.kind = IndicatorKind::kSatisfaction;
        }
        group_pointer += fmt::format("/children/{}", top.children.size());
        p_.provenance[group_pointer + "/name"] = Source(t, r, *l2_cell);
        top.children.push_back(std::move(named));
        level2_ = static_cast<int>(top.children.size()) - 1;
        group = &top.children.back();
      }
      if (group->weight.blank() && group->weight_min.blank() &&
          ReadGroupWeight(weight_cell->text, group)) {
        p_.provenance[group_pointer + "/weight"] = Source(t, r, *weight_cell);
        return;
      }
      if (!l2.empty()) return;  // the 二级 is named; its 分值 cell is not a weight
    }
    if (level1_ < 0) {
      // A row before any 一级 indicator: make an unnamed group to hold it.
      tops.push_back(Indicator{});
      level1_ = static_cast<int>(tops.size()) - 1;
    }
    Indicator& top = tops[level1_];
    if (!l2.empty()) {
      Indicator group;
      std::string weight;
      SplitWeight(l2_text, &group.name, &weight);
      // Only 满意度 is worth naming at this level: it decides the layout.
      if (InferIndicatorKind(group.name) == IndicatorKind::kSatisfaction) {
        group.kind = IndicatorKind::kSatisfaction;
      }
      if (!weight.empty()) ReadGroupWeight(weight, &group);
      const std::string pointer =
          fmt::format("/evaluation/indicators/{}/children/{}", level1_, top.children.size());
      p_.provenance[pointer + "/name"] = Source(t, r, *l2_cell);
      top.children.push_back(std::move(group));
      level2_ = static_cast<int>(top.children.size()) - 1;
    }
    if (level2_ < 0) {
      top.children.push_back(Indicator{});
      level2_ = static_cast<int>(top.children.size()) - 1;
    }
    Indicator& parent = top.children[level2_];
    Indicator leaf;
    const std::string pointer = fmt::format("/evaluation/indicators/{}/children/{}/children/{}",
                                            level1_, level2_, parent.children.size());
    const auto text_field = [&](int k, const char* name, std::string* out) {
      const FlatCell* c = at(k);
      if (c == nullptr || c->covered) return;
      *out = JoinTrimmedLines(c->text);
      if (!out->empty()) p_.provenance[pointer + "/" + name] = Source(t, r, *c);
    };
    const auto cell_field = [&](int k, const char* name, Cell* out) {
      const FlatCell* c = at(k);
      if (c == nullptr || c->covered) return;
      Place(t, r, *c, pointer + "/" + name, out);
    };
    text_field(2, "name", &leaf.name);
    text_field(3, "target", &leaf.target);
    text_field(4, "actual", &leaf.actual);
    cell_field(5, "weight", &leaf.weight);
    cell_field(6, "score", &leaf.score);
    if (const FlatCell* c = at(7); c != nullptr && !c->covered) {
      leaf.deviation = TrimmedNonEmptyLines(c->text);
      if (!leaf.deviation.empty()) p_.provenance[pointer + "/deviation"] = Source(t, r, *c);
    }
    cell_field(8, "coefficient", &leaf.coefficient);
    // A row that only names a group (no leaf cells) adds no leaf; nor does a spare line the
    // form prints for more indicators ("指标2", "……") left empty.
    const bool empty = leaf.target.empty() && leaf.actual.empty() && leaf.weight.blank() &&
                       leaf.score.blank() && leaf.deviation.empty();
    const bool leafless = empty && leaf.name.empty() && (!l1.empty() || !l2.empty());
    if (empty && IsSpareIndicatorLabel(leaf.name)) {
      for (auto it = p_.provenance.lower_bound(pointer + "/");
           it != p_.provenance.end() && it->first.rfind(pointer + "/", 0) == 0;) {
        it = p_.provenance.erase(it);
      }
      return;
    }
    if (!leafless) parent.children.push_back(std::move(leaf));
  }

  // A row of a flat list (重庆: 指标名称, 计量单位, 年初/调整指标值, 全年完成值, 得分系数, 权重,
  // 得分): a leaf at the top level. The adjusted target stands when filled; a bare number takes
  // the unit of the 计量单位 column.
  template <typename At>
  void FlatIndicatorRow(const FlatTable& t, size_t r, const At& at) {
    std::vector<Indicator>& tops = p_.evaluation.indicators;
    const std::string pointer = fmt::format("/evaluation/indicators/{}", tops.size());
    Indicator leaf;
    std::string unit;
    if (const FlatCell* c = at(10); c != nullptr && !c->covered) {
      unit = std::string(TrimBlank(JoinTrimmedLines(c->text)));
    }
    const auto with_unit = [&](std::string text) {
      Quantity q;
      const std::string folded = FoldWidth(TrimBlank(text));
      if (!unit.empty() && !folded.empty() && ParseQuantity(folded, &q) == folded.size() &&
          q.unit.empty() && !q.percent) {
        text = std::string(TrimBlank(text)) + unit;
      }
      return text;
    };
    const auto text_field = [&](int k, const char* name, std::string* out) {
      const FlatCell* c = at(k);
      if (c == nullptr || c->covered || IsBlank(c->text)) return false;
      *out = with_unit(JoinTrimmedLines(c->text));
      p_.provenance[pointer + "/" + name] = Source(t, r, *c);
      return true;
    };
    const auto cell_field = [&](int k, const char* name, Cell* out) {
      const FlatCell* c = at(k);
      if (c == nullptr || c->covered) return;
      Place(t, r, *c, pointer + "/" + name, out);
    };
    if (const FlatCell* c = at(2); c != nullptr && !c->covered) {
      leaf.name = JoinTrimmedLines(c->text);
      if (!leaf.name.empty()) p_.provenance[pointer + "/name"] = Source(t, r, *c);
    }
    if (!text_field(9, "target", &leaf.target)) text_field(3, "target", &leaf.target);
    text_field(4, "actual", &leaf.actual);
    cell_field(5, "weight", &leaf.weight);
    cell_field(6, "score", &leaf.score);
    cell_field(8, "coefficient", &leaf.coefficient);
    if (const FlatCell* c = at(7); c != nullptr && !c->covered) {
      leaf.deviation = TrimmedNonEmptyLines(c->text);
      if (!leaf.deviation.empty()) p_.provenance[pointer + "/deviation"] = Source(t, r, *c);
    }
    if (IsBlank(leaf.name) && IsBlank(leaf.target) && IsBlank(leaf.actual) && leaf.weight.blank() &&
        leaf.score.blank() && leaf.coefficient.blank()) {
      return;
    }
    tops.push_back(std::move(leaf));
  }

  // The cell of indicator column `k` in row `r`, aligned as IndicatorRow aligns it.
  const FlatCell* IndicatorCell(const FlatRow& row, int k) const {
    if (k >= static_cast<int>(ind_cols_.size()) || ind_cols_[k] < 0) return nullptr;
    const int shift =
        std::max(0, static_cast<int>(row.cells.size()) - static_cast<int>(ind_width_));
    const int c = ind_cols_[k] + shift;
    return c < static_cast<int>(row.cells.size()) ? &row.cells[c] : nullptr;
  }
  static bool CellBlank(const FlatCell* c) {
    return c == nullptr || c->covered || IsBlank(c->text);
  }

  // The column of the row's first filled cell; -1 for a blank row.
  static int LabelColumn(const FlatRow& row) {
    for (size_t i = 0; i < row.cells.size(); ++i) {
      if (!row.cells[i].covered && !IsBlank(row.cells[i].text)) return static_cast<int>(i);
    }
    return -1;
  }

  // A row of the indicator table that holds an indicator's figures: a number in its 分值,
  // 得分 or 得分系数 column, a target or an actual that reads as a figure or a date, or cells
  // that begin at the indicator-name column (the group columns to its left blank or merged).
  // A header of another part has none of these.
  bool IndicatorDataRow(const FlatTable& t, size_t r) const {
    const FlatRow& row = t.rows[r];
    for (int k : {5, 6, 8}) {
      const FlatCell* c = IndicatorCell(row, k);
      Cell probe;
      if (!CellBlank(c) && ReadCell(c->text, &probe) == CellRead::kOk && probe.has_number()) {
        return true;
      }
    }
    for (int k : {3, 4, 9}) {
      const FlatCell* c = IndicatorCell(row, k);
      if (CellBlank(c)) continue;
      const std::string text = JoinTrimmedLines(c->text);
      const Target target = ParseTarget(text);
      // A header cell of another part reads as a number with a long unit ("2024年决算数"):
      // not a figure.
      const std::string& unit = target.quantity.unit;
      bool header_words = false;
      for (std::string_view w : {"预算", "决算", "执行", "指标", "完成值", "得分"}) {
        header_words = header_words || Has(unit, w);
      }
      if (header_words) continue;
      if (target.comparison != Comparison::kWord) return true;
      const Actual actual = ParseActual(text);
      if (actual.kind == Actual::Kind::kNumber || actual.dated) return true;
    }
    const FlatCell* name = IndicatorCell(row, 2);
    const int label = LabelColumn(row);
    return name != nullptr && label > 0 && &row.cells[label] == name;
  }

  // The total row of the indicator table: "总分"/"合计" standing left of the indicator names
  // (in a group column), or — in a flat list, where names start at the left — with no target
  // and no actual.
  bool IndicatorTotalRow(const FlatTable& t, size_t r, const std::string& first) const {
    if (!(StartsWith(first, "总分") || StartsWith(first, "合计") || StartsWith(first, "总计"))) {
      return false;
    }
    const FlatRow& row = t.rows[r];
    const FlatCell* name = IndicatorCell(row, 2);
    const int label = LabelColumn(row);
    const int name_column = name == nullptr ? -1 : static_cast<int>(name - row.cells.data());
    if (label < name_column) return true;
    return CellBlank(IndicatorCell(row, 3)) && CellBlank(IndicatorCell(row, 4)) &&
           CellBlank(IndicatorCell(row, 9));
  }

  // A total row of the indicator table with one figure, standing in the 分值 / 权重 column:
  // the total weight, its score left blank (四川's 合计 | 100 | | ).
  bool TotalIsWeightOnly(const FlatRow& row, const FlatCell& number) const {
    if (mode_ != Mode::kIndicators) return false;
    const FlatCell* weight = IndicatorCell(row, 5);
    return weight != nullptr && weight == &number && IndicatorCell(row, 6) != nullptr;
  }

  void Total(const FlatTable& t, size_t r) {
    const FlatRow& row = t.rows[r];
    UseRow(t, r);
    total_read_ = true;
    std::vector<const FlatCell*> numbers;
    for (const FlatCell& c : row.cells) {
      Cell probe;
      if (!c.covered && ReadCell(c.text, &probe) == CellRead::kOk && probe.has_number()) {
        numbers.push_back(&c);
      }
    }
    if (numbers.size() >= 2) {
      Place(t, r, *numbers[0], "/evaluation/total_weight", &p_.evaluation.total_weight);
      Place(t, r, *numbers[1], "/evaluation/total_score", &p_.evaluation.total_score);
    } else if (numbers.size() == 1) {
      Place(t, r, *numbers[0],
            TotalIsWeightOnly(row, *numbers[0]) ? "/evaluation/total_weight"
                                                : "/evaluation/total_score",
            TotalIsWeightOnly(row, *numbers[0]) ? &p_.evaluation.total_weight
                                                : &p_.evaluation.total_score);
    }
    for (const FlatCell& c : row.cells) {
      const std::string k = Key(c.text);
      for (std::string_view grade : {"优", "良", "中", "差"}) {
        if (k == grade) {
          p_.evaluation.grade = k;
          p_.provenance["/evaluation/grade"] = Source(t, r, c);
        }
      }
    }
    mode_ = Mode::kNone;
  }

  // The grade on a row of its own ("自评等级 | 优", "评价等级 | 良"), under the 总分 row.
  bool GradeRow(const FlatTable& t, size_t r, const std::string& first) {
    if (!EndsWith(first, "等级") || first.size() > 5 * 3) return false;
    const FlatRow& row = t.rows[r];
    const FlatCell* grade = nullptr;
    for (const FlatCell& c : row.cells) {
      if (c.covered || IsBlank(c.text)) continue;
      const std::string k = Key(c.text);
      if (k == first) continue;
      for (std::string_view word : {"优", "良", "中", "差"}) {
        if (k == word) grade = &c;
      }
      if (grade != &c) return false;  // a row that says more than a grade is something else
    }
    UseRow(t, r);
    if (grade != nullptr) {
      p_.evaluation.grade = Key(grade->text);
      p_.provenance["/evaluation/grade"] = Source(t, r, *grade);
    }
    return true;
  }

  void ReportUnused(const FlatTable& t) {
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const FlatRow& row = t.rows[r];
      std::vector<const FlatCell*> unused;
      for (const FlatCell& c : row.cells) {
        if (c.covered || IsBlank(c.text)) continue;
        if (!Used(r, c)) unused.push_back(&c);
      }
      if (unused.empty()) continue;
      std::string text;
      for (const FlatCell* c : unused) text += (text.empty() ? "" : " | ") + JoinTrimmedLines(c->text);
      SourceRef src = Source(t, r, *unused.front());
      src.text = text;
      if (unused.size() > 1) src.column = 0;
      Note("I601", src,
           fmt::format("{}第{}行有内容未能识别，未导入：“{}”。", TableName(t), src.row, text),
           fmt::format("{}, row {}: content not recognised and not imported: \"{}\".",
                       TableNameEn(t), src.row, text));
    }
  }

  // ---- the expense tree ----

  void BuildExpenseTree() {
    std::vector<ExpenseRow>& roots = p_.basic_data.expenses;
    // A row with no stated relation whose children came as 其中 rows has them as parts.
    for (const Pending& pending : pending_) {
      if (pending.parent >= 0 && pending.marks.of_which &&
          pending_[pending.parent].row.children_are == ChildRelation::kNone &&
          pending_[pending.parent].row.key == "other") {
        pending_[pending.parent].row.children_are = ChildRelation::kParts;
      }
    }
    // Children come after their parent: insert in document order.
    std::vector<std::vector<int>> paths;  // index path of each pending row in the tree
    paths.reserve(pending_.size());
    for (Pending& pending : pending_) {
      std::vector<int> path;
      std::vector<ExpenseRow>* siblings = &roots;
      if (pending.parent >= 0) {
        path = paths[pending.parent];
        ExpenseRow* parent = &roots[path[0]];
        for (size_t i = 1; i < path.size(); ++i) parent = &parent->children[path[i]];
        siblings = &parent->children;
      }
      path.push_back(static_cast<int>(siblings->size()));
      std::string pointer = "/basic_data/expenses";
      for (size_t i = 0; i < path.size(); ++i) {
        pointer += (i ? "/children/" : "/") + std::to_string(path[i]);
      }
      for (const auto& [field, src] : pending.sources) p_.provenance[pointer + "/" + field] = src;
      paths.push_back(std::move(path));
      siblings->push_back(std::move(pending.row));
    }
  }

  // ---- paragraphs: titles, notes, the report ----

  // ---- the table of contents ----

  // A table of contents before the report: a line 目录 (目 录, 目次) followed by heading-like
  // entries — numbered (一、… （一）… 第一部分 … 1.…) or ending in a page number, with or
  // without dot leaders ("一、基本情况……3", "一、基本情况\t3", "… PAGEREF _Toc123 \h 3").
  // The entries recur later as the report's headings: the contents end at the first line
  // that repeats an entry, or at the first line that is not entry-like. Its lines are
  // skipped (one I611 note), so its entries are not taken for sections.
  void FindTableOfContents() {
    toc_.assign(doc_.blocks.size(), false);
    for (size_t b = 0; b < doc_.blocks.size(); ++b) {
      const FlatBlock& block = doc_.blocks[b];
      if (block.kind != FlatBlock::Kind::kParagraph) continue;
      // "目录" spaced out ("目　　录", "目 录") is a few characters: longer lines are not folded.
      const std::string_view line = TrimBlank(block.paragraph.text);
      if (line.size() > 32) continue;
      std::string compact;
      for (char c : FoldWidth(line)) {
        if (c != ' ') compact.push_back(c);
      }
      if (compact != "目录" && compact != "目次") continue;
      std::set<std::string> entries;
      size_t end = b + 1;
      for (; end < doc_.blocks.size(); ++end) {
        const FlatBlock& next = doc_.blocks[end];
        if (next.kind != FlatBlock::Kind::kParagraph) break;
        const std::string_view text = TrimBlank(next.paragraph.text);
        if (text.empty()) continue;
        bool paged = false;
        const std::string entry = TocEntry(text, &paged);
        if (entry.empty()) continue;  // a page number alone, or 公开日期-like noise
        if (entries.count(entry) != 0) break;
        std::string number, title;
        const bool numbered = SectionHeading(entry, &number, &title) ||
                              SubsectionHeading(entry, &number, &title) ||
                              StartsWith(entry, "第") || (entry[0] >= '0' && entry[0] <= '9');
        if (!(paged || numbered) || Has(entry, "。") || entry.size() > kLongestUnitLine) break;
        entries.insert(entry);
      }
      if (entries.size() < 2) continue;  // a word 目录 alone, not a table of contents
      for (size_t k = b; k < end; ++k) toc_[k] = true;
      Note("I611", Source(block.paragraph),
           fmt::format("第{}段起是目录（{} 个条目），已跳过；其条目不作为报告的部分。",
                       ParagraphNumber(block.paragraph), entries.size()),
           fmt::format("A table of contents begins at {} ({} entries) and was skipped; its "
                       "entries are not taken for sections of the report.",
                       ParagraphPlaceEn(block.paragraph), entries.size()));
      b = end - 1;
    }
  }

  // A table-of-contents line without its page number, dot leaders and field codes;
  // `paged` tells whether it had a page number.
  static std::string TocEntry(std::string_view text, bool* paged) {
    std::string t(text);
    const size_t field = t.find("PAGEREF");
    if (field != std::string::npos) {
      t.resize(field);
      *paged = true;
    }
    // Trailing page number, then leaders and blanks.
    for (bool changed = true; changed;) {
      changed = false;
      while (!t.empty() && (t.back() >= '0' && t.back() <= '9')) {
        t.pop_back();
        *paged = true;
        changed = true;
      }
      for (std::string_view tail : {"…", "·", "．", ".", " ", "\t", "\u3000", "-", "—"}) {
        while (EndsWith(t, tail)) {
          t.resize(t.size() - tail.size());
          changed = true;
        }
      }
    }
    return std::string(TrimBlank(t));
  }

  static int ParagraphNumber(const FlatParagraph& para) {
    return para.origin.paragraph > 0 ? para.origin.paragraph : para.origin.line;
  }
  static std::string ParagraphPlaceEn(const FlatParagraph& para) {
    return para.origin.paragraph > 0 ? fmt::format("paragraph {}", para.origin.paragraph)
                                     : fmt::format("line {}", para.origin.line);
  }

  // ---- where the report is ----

  // The report is every paragraph that is not furniture of a recognised table: the title
  // lines right above it (附件…, …表, 单位：…), the notes right below it (说明…, 注…), and what
  // lies between two recognised tables when no section heading (一、…) stands there. So the
  // report may come before the tables, after them or between them, and a table inside the
  // report (one not recognised as a part) does not cut it.
  void FindReport() {
    const size_t n = doc_.blocks.size();
    in_report_.assign(n, false);
    std::vector<bool> heading(n, false);
    for (size_t b = 0; b < n; ++b) {
      const FlatBlock& block = doc_.blocks[b];
      if (block.kind != FlatBlock::Kind::kParagraph || toc_[b]) continue;
      std::string number, title;
      heading[b] = SectionHeading(TrimBlank(block.paragraph.text), &number, &title);
    }
    // Whether a paragraph (not in the contents) next to a table could be its title or its note;
    // asked only of the paragraphs that touch a table.
    auto text_of = [&](size_t b) { return TrimBlank(doc_.blocks[b].paragraph.text); };
    // A short line stating the unit of money ("金额单位：元") belongs to the table.
    auto unit_line = [&](std::string_view text) {
      return text.size() <= kLongestUnitLine &&
             StatedMoneyUnit(Key(text), false) != MoneyUnit::kUnstated;
    };
    auto titleish = [&](size_t b) {
      if (toc_[b]) return false;
      const std::string_view text = text_of(b);
      return text.empty() ||
             (!heading[b] && (Has(text, "附件") || Has(text, "表") ||
                              StartsWith(FoldWidth(Head(text)), "单位:") || unit_line(text)));
    };
    auto noteish = [&](size_t b) {
      if (toc_[b]) return false;
      const std::string_view text = text_of(b);
      return text.empty() || (!heading[b] && (IsNote(Key(Head(text))) || unit_line(text)));
    };
    std::vector<bool> furniture(n, false);
    // Between two recognised tables, with no section heading in the gap.
    std::optional<size_t> previous;
    for (size_t b = 0; b < n; ++b) {
      if (doc_.blocks[b].kind != FlatBlock::Kind::kTable || !table_recognised_[b]) continue;
      if (previous) {
        bool gap_heading = false;
        for (size_t k = *previous + 1; k < b; ++k) gap_heading = gap_heading || heading[k];
        if (!gap_heading) {
          for (size_t k = *previous + 1; k < b; ++k) furniture[k] = true;
        }
      }
      // Title lines above, notes below.
      for (size_t k = b;
           k > 0 && doc_.blocks[k - 1].kind == FlatBlock::Kind::kParagraph && titleish(k - 1);
           --k) {
        furniture[k - 1] = true;
      }
      for (size_t k = b + 1;
           k < n && doc_.blocks[k].kind == FlatBlock::Kind::kParagraph && noteish(k); ++k) {
        furniture[k] = true;
      }
      previous = b;
    }
    // Short lines after a last table that stops inside the 自评表 (a file cut short): pieces of
    // it the reader could not set in rows, not a report.
    if (ends_in_evaluation_ && last_table_block_ && table_recognised_[*last_table_block_]) {
      bool pieces = true, any = false;
      for (size_t b = *last_table_block_ + 1; b < n && pieces; ++b) {
        const FlatBlock& block = doc_.blocks[b];
        if (block.kind != FlatBlock::Kind::kParagraph) {
          pieces = false;
        } else if (!IsBlank(block.paragraph.text)) {
          any = true;
          pieces = TablePiece(block.paragraph.text);
        }
      }
      if (pieces && any) {
        for (size_t b = *last_table_block_ + 1; b < n; ++b) furniture[b] = true;
      }
    }
    for (size_t b = 0; b < n; ++b) {
      in_report_[b] =
          doc_.blocks[b].kind == FlatBlock::Kind::kParagraph && !furniture[b] && !toc_[b];
    }
  }

  // ---- the fiscal year ----

  // Where a year was read. The fiscal year comes from the report's title, a year line of the
  // cover ("（2023年度）"), a table's title ("2023年度部门整体支出绩效自评表") or a table's
  // header ("2023年预算数"), in that order of preference — never from a date (报告日期,
  // 填报日期, 发布日期 are the year after).
  struct YearSource {
    enum Kind { kTitle, kCover, kTableTitle, kTableHeader, kReportBody };
    Kind kind;
    int year;
    SourceRef where;
  };

  void AddYear(YearSource::Kind kind, int year, SourceRef where) {
    if (year < 1900 || year > 2199) return;
    years_.push_back(YearSource{kind, year, std::move(where)});
  }

  static std::string YearPlaceZh(const YearSource& y) {
    static constexpr const char* kNames[] = {"报告标题", "封面", "表格标题", "表头", "报告正文"};
    const std::string text(TrimBlank(JoinTrimmedLines(y.where.text)));
    if (!y.where.table.empty()) {
      return fmt::format("{}（{}第{}行）“{}”", kNames[y.kind], y.where.table, y.where.row, text);
    }
    return fmt::format("{}（第{}{}）“{}”", kNames[y.kind],
                       y.where.paragraph > 0 ? y.where.paragraph : y.where.line,
                       y.where.paragraph > 0 ? "段" : "行", text);
  }
  static std::string YearPlaceEn(const YearSource& y) {
    static constexpr const char* kNames[] = {"the report's title", "the cover", "a table's title",
                                             "a table header", "the report's text"};
    const std::string text(TrimBlank(JoinTrimmedLines(y.where.text)));
    if (!y.where.table.empty()) {
      return fmt::format("{} ({}, row {}) \"{}\"", kNames[y.kind], y.where.table, y.where.row,
                         text);
    }
    return fmt::format("{} ({} {}) \"{}\"", kNames[y.kind],
                       y.where.paragraph > 0 ? "paragraph" : "line",
                       y.where.paragraph > 0 ? y.where.paragraph : y.where.line, text);
  }

  // Picks the fiscal year by the order of preference, records where it came from
  // (provenance "/fiscal_year"), and notes (I612) a source that gives another year.
  void ChooseFiscalYear() {
    if (years_.empty()) BodyYear();
    if (years_.empty()) return;
    const YearSource* chosen = &years_.front();
    for (const YearSource& y : years_) {
      if (y.kind < chosen->kind) chosen = &y;
    }
    p_.fiscal_year = chosen->year;
    p_.provenance["/fiscal_year"] = chosen->where;
    fiscal_year_from_zh_ = YearPlaceZh(*chosen);
    fiscal_year_from_en_ = YearPlaceEn(*chosen);
    for (const YearSource& y : years_) {
      if (y.year == chosen->year) continue;
      Note("I612", y.where,
           fmt::format(
               "财年说法不一致：{}为 {} 年，而{}为 {} 年；已取 {} 年。请核对并改正其中之一。",
               YearPlaceZh(*chosen), chosen->year, YearPlaceZh(y), y.year, chosen->year),
           fmt::format("The fiscal year differs between sources: {} says {}, but {} says {}; "
                       "{} was taken. Check which is right and correct the other.",
                       YearPlaceEn(*chosen), chosen->year, YearPlaceEn(y), y.year, chosen->year));
      Diagnostic& d = out_->notes.back();
      d.related.push_back(d.location);
      d.related.back().source = chosen->where;
      d.related.back().table = chosen->where.table;
      d.related.back().row =
          chosen->where.row > 0 ? TrF("第{}行", "row {}", chosen->where.row) : "";
      d.related.back().column.clear();
      break;  // one note: the first source that disagrees
    }
  }

  // A report whose title, cover and tables name no year (a page titled "部门整体支出绩效评价
  // 报告"): the year its opening part gives its accounts for — "2021年部门决算收支完成情况",
  // "2020年度部门整体支出…" — the first such line of the unnumbered opening or the first
  // numbered section (基本情况). Used only when nothing else names a year.
  void BodyYear() {
    static constexpr std::string_view kAccounts[] = {"部门决算", "决算", "部门整体支出",
                                                     "部门收支"};
    const auto scan = [&](const ReportSection& section, const std::string& pointer) {
      size_t line = 0, start = 0;
      const std::string& text = section.text;
      while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string_view l = std::string_view(text).substr(start, end - start);
        for (size_t at = l.find("年"); at != std::string_view::npos; at = l.find("年", at + 1)) {
          if (at < 4) continue;
          std::string_view after = l.substr(at + std::string_view("年").size());
          if (StartsWith(after, "度")) after.remove_prefix(std::string_view("度").size());
          bool accounts = false;
          for (std::string_view w : kAccounts) accounts = accounts || StartsWith(after, w);
          const std::string_view digits = l.substr(at - 4, 4);
          if (!accounts || (at > 4 && l[at - 5] >= '0' && l[at - 5] <= '9')) continue;
          const int year = YearOf(std::string(digits) + "年");
          const auto it = p_.provenance.find(pointer + "/" + std::to_string(line));
          if (year == 0 || it == p_.provenance.end()) continue;
          SourceRef where = it->second;
          where.text = std::string(TrimBlank(l));
          AddYear(YearSource::kReportBody, year, std::move(where));
          return true;
        }
        if (end == text.size()) break;
        start = end + 1;
        ++line;
      }
      return false;
    };
    const std::vector<ReportSection>& sections = p_.report.sections;
    for (size_t i = 0; i < sections.size(); ++i) {
      const std::string pointer = fmt::format("/report/sections/{}", i);
      if (scan(sections[i], pointer + "/text")) return;
      for (size_t j = 0; j < sections[i].subsections.size(); ++j) {
        if (scan(sections[i].subsections[j], fmt::format("{}/subsections/{}/text", pointer, j))) {
          return;
        }
      }
      if (!sections[i].number.empty()) return;  // up to the first numbered section
    }
  }

  // ---- the report's paragraphs ----

  // The cover's lines by their label (folded, blanks removed): the unit, the date of the
  // report, page furniture of a web page (not the cover's: never a year).
  static constexpr std::string_view kUnitLabels[] = {
      "部门(单位)名称", "部门(单位)全称", "单位(部门)名称", "部门名称", "单位名称",    "单位全称",
      "项目单位",       "报送单位",       "填报单位",       "预算单位", "预算部门名称"};
  static constexpr std::string_view kDateLabels[] = {"报告日期", "填报日期", "报送日期", "编制日期",
                                                     "日期"};
  static constexpr std::string_view kPageLabels[] = {"发布日期", "发布时间", "发布机构", "索引号",
                                                     "来源",     "浏览",     "信息来源", "文号",
                                                     "时效性",   "公开日期"};

  // The text after `label` in `text` (as written), past a colon if any; `label` is matched on
  // the folded text without blanks. nullopt when the line does not start with it.
  static std::optional<std::string> AfterLabel(std::string_view text, std::string_view label) {
    // Walk the original text, matching the label's characters and skipping blanks.
    const std::string folded_label(label);
    size_t i = 0, matched = 0;
    while (i < text.size() && matched < folded_label.size()) {
      size_t next = i;
      const char32_t cp = NextCodePoint(text, &next);
      if (IsBlankCodePoint(cp)) {
        i = next;
        continue;
      }
      const std::string folded = FoldWidth(text.substr(i, next - i));
      if (folded_label.compare(matched, folded.size(), folded) != 0) return std::nullopt;
      matched += folded.size();
      i = next;
    }
    if (matched < folded_label.size()) return std::nullopt;
    std::string_view rest = TrimBlank(text.substr(i));
    for (std::string_view colon : {"：", ":"}) {
      if (StartsWith(rest, colon)) rest = TrimBlank(rest.substr(colon.size()));
    }
    return std::string(rest);
  }

  // "（2023年度）", "(2023年)", "2023年度" alone on its line: the year, else 0.
  static int YearLine(std::string_view text) {
    std::string compact;
    for (char c : FoldWidth(TrimBlank(text))) {
      if (c != ' ') compact.push_back(c);
    }
    std::string_view t = compact;
    if (StartsWith(t, "(") && EndsWith(t, ")")) t = t.substr(1, t.size() - 2);
    if (EndsWith(t, "年度")) {
      t.remove_suffix(std::string_view("年度").size());
    } else if (EndsWith(t, "年")) {
      t.remove_suffix(std::string_view("年").size());
    } else {
      return 0;
    }
    if (t.size() != 4 || t.find_first_not_of("0123456789") != std::string_view::npos) return 0;
    return YearOf(t);
  }

  void Paragraphs() {
    Report& report = p_.report;
    bool in_body = false;
    bool cover_done = false;
    bool numbered_seen = false;  // a numbered section (一、…) has begun
    ReportSection* section = nullptr;
    ReportSection* sub = nullptr;
    std::string section_pointer;
    size_t lines = 0;  // lines of the text being filled so far (counted, not recounted)
    for (size_t b = 0; b < doc_.blocks.size(); ++b) {
      const FlatBlock& block = doc_.blocks[b];
      if (block.kind != FlatBlock::Kind::kParagraph || toc_[b]) continue;
      const FlatParagraph& para = block.paragraph;
      const std::string_view text = TrimBlank(para.text);
      if (text.empty()) continue;
      if (!in_report_[b]) {
        // Titles and notes around the tables.
        if (StartsWith(text, "说明")) {
          p_.basic_data.notes = std::string(text);
          p_.provenance["/basic_data/notes"] = Source(para);
        } else if (text.size() <= kLongestTitleLine &&
                   (Has(text, "基础数据表") || Has(text, "自评表") || Has(text, "附件") ||
                    Has(text, "得分表") || Has(text, "评分表"))) {
          // A table's title; prose that mentions a table is not one (noted below).
          AddYear(YearSource::kTableTitle, YearOf(text), Source(para));
        } else {
          const SourceRef src = Source(para);
          if (text.size() <= kLongestUnitLine &&
              StatedMoneyUnit(Key(text), false) != MoneyUnit::kUnstated) {
            continue;  // "单位：元": the unit of the table below or above
          }
          // The message quotes its start; the 原文 line of the note quotes all of it.
          const std::string quoted = Clip(text, 30);
          Note("I601", src, fmt::format("表格之间的段落未能识别，未导入：“{}”。", quoted),
               fmt::format("A paragraph among the tables was not recognised and not imported: "
                           "\"{}\".",
                           quoted));
        }
        continue;
      }
      std::string number, heading;
      const bool heading_line = SectionHeading(text, &number, &heading);
      if (!heading_line && !numbered_seen) {
        TitleOrUnitLine(para, text, /*on_cover=*/!in_body && !cover_done);
      }
      if (heading_line) {
        numbered_seen = true;
        in_body = true;
        cover_done = true;
        report.sections.push_back(ReportSection{number, StripFinalStop(heading), "", {}});
        section = &report.sections.back();
        sub = nullptr;
        lines = 0;
        section_pointer = fmt::format("/report/sections/{}", report.sections.size() - 1);
        p_.provenance[section_pointer + "/title"] = Source(para);
        continue;
      }
      if (in_body && section != nullptr && SubsectionHeading(text, &number, &heading)) {
        section->subsections.push_back(ReportSection{number, StripFinalStop(heading), "", {}});
        sub = &section->subsections.back();
        lines = 0;
        p_.provenance[fmt::format("{}/subsections/{}/title", section_pointer,
                                  section->subsections.size() - 1)] = Source(para);
        continue;
      }
      // The cover ends at the first line of prose (a sentence, or a long line): what follows
      // before any numbered heading is the report's unnumbered opening.
      if (!in_body && !cover_done && (Has(text, "。") || text.size() > kLongestUnitLine)) {
        cover_done = true;
      }
      if (!in_body && cover_done) {
        report.sections.push_back(ReportSection{"", "", "", {}});
        section = &report.sections.back();
        sub = nullptr;
        lines = 0;
        section_pointer = fmt::format("/report/sections/{}", report.sections.size() - 1);
        in_body = true;
      }
      if (in_body) {
        ReportSection* target = sub != nullptr ? sub : section;
        const std::string pointer = sub != nullptr
                                        ? fmt::format("{}/subsections/{}/text", section_pointer,
                                                      section->subsections.size() - 1)
                                        : section_pointer + "/text";
        const size_t line = lines;
        if (!target->text.empty()) target->text += "\n";
        target->text += para.text;
        lines += 1 + static_cast<size_t>(std::count(para.text.begin(), para.text.end(), '\n'));
        // One entry per line of the text, so a sentence can point at its own line.
        p_.provenance[pointer + "/" + std::to_string(line)] = Source(para);
        continue;
      }
      Cover(para, text);
    }
    // The report is there when it has numbered sections, or a title that names it.
    bool numbered = false;
    for (const ReportSection& s : report.sections) numbered = numbered || !s.number.empty();
    if (numbered || Has(report.cover.title, "报告")) recognised_report_ = true;
    UnitFromTitle();
    if (!recognised_report_ && !report.sections.empty()) {
      // Prose with neither headings nor a title: not a report. Say where it is, not imported.
      const SourceRef& first = p_.provenance[section_pointer + "/text/0"];
      Note("I601", first,
           fmt::format("第{}行（段）起的文字既没有报告标题（…自评报告），也没有编号的部分"
                       "（一、…），未作为自评报告导入。",
                       first.paragraph > 0 ? first.paragraph : first.line),
           fmt::format("The text from {} {} has neither a report title (…自评报告) nor numbered "
                       "sections (一、…) and was not imported as the report.",
                       first.paragraph > 0 ? "paragraph" : "line",
                       first.paragraph > 0 ? first.paragraph : first.line));
      report.sections.clear();
      for (auto it = p_.provenance.lower_bound("/report/sections/");
           it != p_.provenance.end() && StartsWith(it->first, "/report/sections/");) {
        it = p_.provenance.erase(it);
      }
    }
    StaffingFromReport();
  }

  // A line of the cover: title lines, the unit, the date, a year line, "（此页为封面）".
  // ---- the report's title line and the unit it names ----
  //
  // A report published on the web seldom has a cover: its title is one line,
  // "南县住房和城乡建设局2018年度整体支出绩效评价报告", "2021年茂名市发展和改革局部门整体支出绩效
  // 自评报告", sometimes after a long run of the site's chrome (so that it falls in the report's
  // unnumbered opening), sometimes with the unit on a line of its own beside it. The title gives
  // the fiscal year (never the page's 发布日期 or 成文日期) and, when the cover states none, the
  // unit: the name before the year, or after it up to 部门整体支出 / 整体支出 / 项目支出 / 绩效.

  // Whether `name` reads as the name of a public body: 2–40 characters ending in what such
  // names end in (局, 委员会, 中心, 政府, 办公室 …), with no figure and no punctuation.
  static bool BodyName(std::string_view name) {
    name = TrimBlank(name);
    size_t chars = 0;
    for (size_t pos = 0; pos < name.size();) {
      const char32_t c = NextCodePoint(name, &pos);
      if (c < 0x80 || c == U'，' || c == U'。' || c == U'：' || c == U'、' || c == U'（' ||
          c == U'）' || c == U'【' || c == U'】' || c == U'《' || c == U'》' || c == U'“' ||
          c == U'”' || c == U'\u3000') {
        return false;
      }
      ++chars;
    }
    if (chars < 3 || chars > 40 || Has(name, "报告") || Has(name, "绩效")) return false;
    static constexpr std::string_view kEnds[] = {
        "委员会", "联合会", "协会", "办公室", "中心", "政府", "局", "委", "办", "院", "所", "站",
        "馆",     "队",     "处",   "社",     "厅",   "街道", "镇", "乡", "学校", "医院"};
    for (std::string_view end : kEnds) {
      if (EndsWith(name, end)) return true;
    }
    return false;
  }

  // A report's title line: one line (no sentence end), at most 60 characters, that names a
  // 报告 and a year (2020年度, 2021 年, or 2018 right before the words); the year, or 0. `unit`
  // receives the body the title names, if any.
  static int TitleLineYear(std::string_view text, std::string* unit) {
    const std::string folded = FoldWidth(TrimBlank(text));
    if (!Has(folded, "报告") || Has(folded, "。") || folded.size() > kLongestUnitLine) return 0;
    for (size_t at = 0; at + 4 <= folded.size(); ++at) {
      if (folded.compare(at, 2, "20") != 0 && folded.compare(at, 2, "19") != 0) continue;
      if (at > 0 && folded[at - 1] >= '0' && folded[at - 1] <= '9') continue;
      size_t end = at;
      while (end < folded.size() && folded[end] >= '0' && folded[end] <= '9') ++end;
      if (end - at != 4) continue;
      size_t after = end;
      while (after < folded.size() && folded[after] == ' ') ++after;
      // A date ("2021-08-03", "2021年7月") is no fiscal year.
      if (after < folded.size() && (folded[after] == '-' || folded[after] == '/' ||
                                    folded[after] == '.' || folded[after] == ':')) {
        continue;
      }
      if (folded.compare(after, 3, "年") == 0) {
        size_t month = after + 3;
        while (month < folded.size() && folded[month] >= '0' && folded[month] <= '9') ++month;
        if (month > after + 3 && folded.compare(month, 3, "月") == 0) continue;
        after += folded.compare(after, 6, "年度") == 0 ? 6 : 3;
      } else if (after < folded.size() && static_cast<unsigned char>(folded[after]) < 0x80) {
        continue;  // "2018" must stand before words (2018绩效…), not before other characters
      }
      const int year = YearOf(folded.substr(at, 4));
      if (unit != nullptr) {
        unit->clear();
        const std::string before(TrimBlank(std::string_view(folded).substr(0, at)));
        if (BodyName(before)) {
          *unit = before;
        } else {
          std::string rest(TrimBlank(std::string_view(folded).substr(after)));
          size_t cut = std::string::npos;
          for (std::string_view w : {"部门整体支出", "整体支出", "项目支出", "部门", "绩效"}) {
            cut = std::min(cut, rest.find(w));
          }
          if (cut != std::string::npos && BodyName(rest.substr(0, cut))) {
            *unit = std::string(TrimBlank(rest.substr(0, cut)));
          }
        }
      }
      return year;
    }
    return 0;
  }

  // A line before the report's first numbered section: its title line gives the year and,
  // when the cover states none, the unit.
  // `on_cover`: the line is the cover's (Cover reads it too, and keeps the title).
  void TitleOrUnitLine(const FlatParagraph& para, std::string_view text, bool on_cover) {
    Report& report = p_.report;
    std::string unit;
    if (const int year = TitleLineYear(text, &unit); year != 0) {
      AddYear(YearSource::kTitle, year, Source(para));
      if (!on_cover && report.cover.title.empty()) {
        report.cover.title = std::string(TrimBlank(text));
        p_.provenance["/report/cover/title"] = Source(para);
      }
    }
    if (!unit.empty() && title_unit_.empty()) {
      title_unit_ = unit;
      title_unit_at_ = Source(para);
    }
  }
  // The unit a title line or a line of its own names (TitleOrUnitLine), for a cover that has
  // no 单位 line.
  std::string title_unit_;
  SourceRef title_unit_at_;

  void UnitFromTitle() {
    Report& report = p_.report;
    if (!report.cover.unit.empty() || title_unit_.empty() || !recognised_report_) return;
    report.cover.unit = title_unit_;
    p_.provenance["/report/cover/unit"] = title_unit_at_;  // quotes the title line
  }

  void Cover(const FlatParagraph& para, std::string_view text) {
    Report& report = p_.report;
    const std::string folded = FoldWidth(text);
    for (std::string_view label : kUnitLabels) {
      if (std::optional<std::string> rest = AfterLabel(text, label)) {
        if (rest->empty() || !report.cover.unit.empty()) return;
        report.cover.unit = *rest;
        p_.provenance["/report/cover/unit"] = Source(para);
        return;
      }
    }
    for (std::string_view label : kDateLabels) {
      if (std::optional<std::string> rest = AfterLabel(text, label)) {
        if (rest->empty() || !report.cover.date.empty()) return;
        report.cover.date = *rest;
        p_.provenance["/report/cover/date"] = Source(para);
        return;
      }
    }
    for (std::string_view label : kPageLabels) {
      if (AfterLabel(text, label)) return;  // a web page's stamp, not the report's
    }
    if (IsDate(folded)) {
      if (report.cover.date.empty()) {
        report.cover.date = std::string(text);
        p_.provenance["/report/cover/date"] = Source(para);
      }
      return;
    }
    if (Has(text, "封面")) return;  // "（此页为封面）"
    if (const int year = YearLine(text); year != 0) {
      AddYear(YearSource::kCover, year, Source(para));
      return;
    }
    // Another field of the cover ("预算编码：906017", "评价方式：自评"): not the title.
    const size_t colon = std::min(folded.find(':'), folded.find("："));
    if (colon != std::string::npos && colon <= 30) {
      Note("I601", Source(para), fmt::format("封面上的“{}”未能识别，未导入。", text),
           fmt::format("The cover line \"{}\" was not recognised and not imported.", text));
      return;
    }
    // A line that only names a body ("益阳市赫山区城市管理和综合执法局") is the unit, not a
    // piece of the title; a title line a page repeats is the title already.
    if (BodyName(text)) {
      if (report.cover.unit.empty()) {
        report.cover.unit = std::string(TrimBlank(text));
        p_.provenance["/report/cover/unit"] = Source(para);
      }
      return;
    }
    if (!report.cover.title.empty() && Has(report.cover.title, TrimBlank(text))) return;
    report.cover.title += text;
    p_.provenance["/report/cover/title"] = Source(para);
    AddYear(YearSource::kTitle, YearOf(text), Source(para));
  }

  // 退休 and 实有 are usually given only in the report's 基本情况 ("实有干部职工17人，其中在职
  // 人员7人，退休人员10人"); take them from there when the table has no cell for them.
  // The staff counts the report states in its opening part (the unnumbered opening and the
  // first numbered section, where 基本情况 / 部门概况 stand): "编制数 63 人", "行政事业编制共249个",
  // "在职人员246人", "2021 年末在职人数 57 人", "离退休人员85人", "实有人员12人". A count is the
  // number right after the word — with at most a filler between (数, 人数, 人员, 共, 为, 有,
  // a colon, spaces) — followed by 人 or 名 (编制 also 个). Only cells the tables left blank
  // are filled.
  void StaffingFromReport() {
    Staffing& st = p_.basic_data.staffing;
    if (p_.report.sections.empty()) return;
    std::string text;
    for (size_t i = 0; i < p_.report.sections.size() && i < 2; ++i) {
      const ReportSection& s = p_.report.sections[i];
      if (i == 1 && !p_.report.sections[0].number.empty()) break;  // the first is numbered
      text += s.text;
      for (const ReportSection& sub : s.subsections) text += "\n" + sub.text;
      text += "\n";
    }
    const auto number_after = [&](std::initializer_list<std::string_view> words,
                                  bool posts) -> std::string {
      for (std::string_view w : words) {
        for (size_t at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) {
          size_t pos = at + w.size();
          // A filler between the word and its number.
          for (std::string_view filler : {"人数", "人员", "数", "共", "为", "有", ":", "："}) {
            while (pos < text.size() && text[pos] == ' ') ++pos;
            if (text.compare(pos, filler.size(), filler) == 0) pos += filler.size();
          }
          while (pos < text.size() && text[pos] == ' ') ++pos;
          std::string digits;
          while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits.size() < 6) {
            digits.push_back(text[pos++]);
          }
          while (pos < text.size() && text[pos] == ' ') ++pos;
          if (digits.empty()) continue;
          if (text.compare(pos, 3, "人") == 0 || text.compare(pos, 3, "名") == 0 ||
              (posts && text.compare(pos, 3, "个") == 0)) {
            return digits;
          }
        }
      }
      return "";
    };
    const struct {
      Cell* cell;
      std::initializer_list<std::string_view> words;
      const char* name;
      bool posts;
    } fields[] = {
        {&st.authorized, {"核定编制", "编制数", "编制人数", "编制"}, "authorized", true},
        {&st.on_payroll, {"在职人员", "在职人数", "在职职工", "在职干部", "在职"}, "on_payroll",
         false},
        {&st.retired, {"退休人员", "退休干部", "退休职工", "退休"}, "retired", false},
        {&st.total_actual, {"实有干部职工", "实有人员", "实有人数", "实有"}, "total_actual", false},
    };
    for (const auto& f : fields) {
      if (!f.cell->blank()) continue;
      const std::string n = number_after(f.words, f.posts);
      if (n.empty()) continue;
      *f.cell = Cell::Number(*Decimal::Parse(n));
      SourceRef src;
      src.file = doc_.file;
      src.text = n + "人";
      p_.provenance[std::string("/basic_data/staffing/") + f.name] = src;
    }
  }

  static bool IsDate(std::string_view folded) {
    // "2025年7月10日" or "2025-07-10" alone on its line.
    int digits = 0;
    for (char c : folded) digits += (c >= '0' && c <= '9');
    return digits >= 5 && folded.size() <= 24 && (Has(folded, "年") || Has(folded, "-")) &&
           (Has(folded, "日") || std::count(folded.begin(), folded.end(), '-') == 2);
  }

  void Summarise() {
    std::vector<std::string>& s = out_->recognised;
    const Staffing& st = p_.basic_data.staffing;
    if (recognised_staffing_) {
      s.push_back(TrF("基础数据表 · 财政供养人员：编制 {}，在职 {}，控制率 {}",
                      "basic data table · staff: posts {}, on payroll {}, control rate {}",
                      st.authorized.Display(), st.on_payroll.Display(), st.control_rate.Display()));
    }
    if (recognised_expenses_) {
      int rows = 0;
      ForEachExpenseRow(p_.basic_data.expenses, [&](const ExpenseVisit&) { ++rows; });
      s.push_back(
          TrF("基础数据表 · 经费控制情况：{} 行", "basic data table · expenses: {} rows", rows));
    }
    if (recognised_buildings_) {
      s.push_back(TrF("基础数据表 · 楼堂馆所：{} 行", "basic data table · buildings: {} rows",
                      p_.basic_data.buildings.size()));
    }
    if (recognised_project_) {  // project tables
      s.push_back(TrF("项目支出绩效自评表 · 项目：{}（主管部门 {}，实施单位 {}）",
                      "project self-evaluation table · project: {} (department {}, implemented "
                      "by {})",
                      p_.project.name, p_.project.department, p_.project.implementing_unit));
    }
    if (recognised_evaluation_) {
      const Funds& f = p_.evaluation.funds;
      s.push_back(TrF("自评表 · 资金：年初 {} / 全年 {} / 执行 {} / 分值 {} / 执行率 {} / 得分 {}",
                      "self-evaluation table · funds: initial budget {} / full-year budget {} / "
                      "executed {} / weight {} / execution rate {} / score {}",
                      f.initial_budget.Display(), f.full_year_budget.Display(),
                      f.executed.Display(), f.weight.Display(), f.execution_rate.Display(),
                      f.score.Display()));
      if (!f.rows.empty()) {
        std::string labels;
        for (const FundsRow& row : f.rows) labels += (labels.empty() ? "" : "、") + row.label;
        s.push_back(TrF("自评表 · 资金分项：{} 行（{}）",
                        "self-evaluation table · funds rows: {} ({})", f.rows.size(), labels));
      }
      s.push_back(TrF("自评表 · 年度总体目标：{} 项", "self-evaluation table · goals: {}",
                      p_.evaluation.goals.planned.size()));
    }
    if (recognised_indicators_) {
      int leaves = 0;
      ForEachIndicator(p_.evaluation.indicators, [&](const IndicatorVisit& v) {
        if (v.node->is_leaf() && v.depth >= 3) ++leaves;
      });
      s.push_back(TrF("自评表 · 绩效指标：{} 个一级指标，{} 行三级指标；总分 {} / {}",
                      "self-evaluation table · indicators: {} top-level groups, {} third-level "
                      "rows; total {} / {}",
                      p_.evaluation.indicators.size(), leaves, p_.evaluation.total_weight.Display(),
                      p_.evaluation.total_score.Display()));
    }
    if (!fiscal_year_from_zh_.empty()) {
      s.push_back(TrF("财年 {}：取自{}", "fiscal year {}: from {}", p_.fiscal_year,
                      MessagesInChinese() ? fiscal_year_from_zh_ : fiscal_year_from_en_));
    }
    if (recognised_report_) {
      s.push_back(TrF("自评报告：封面（{}，{}），{} 个部分", "report: cover ({}, {}), {} sections",
                      p_.report.cover.unit, p_.report.cover.date, p_.report.sections.size()));
    }
    // A part not found is absent: one note, and the package says so (Package::parts), so
    // that `check` judges the parts that are there instead of every blank of the missing one.
    const struct {
      bool found;
      PartState* state;
      const char* zh;
      const char* en;
    } parts[] = {
        {recognised_expenses_ || recognised_staffing_ || recognised_buildings_,
         &p_.parts.basic_data, "基础数据表", "basic data table"},
        {recognised_evaluation_ || recognised_indicators_, &p_.parts.evaluation, "自评表",
         "self-evaluation table"},
        {recognised_report_, &p_.parts.report, "自评报告", "report"},
    };
    // A rubric's score table without a funds table beside it: the form has no funds block,
    // its cells are not applicable (not left blank).
    if (score_table_ && !funds_seen_) {
      Funds& f = p_.evaluation.funds;
      for (Cell* c : {&f.initial_budget, &f.full_year_budget, &f.executed, &f.weight,
                      &f.execution_rate, &f.score}) {
        if (c->blank()) *c = Cell::NotApplicable();
      }
    }
    for (const auto& part : parts) {
      *part.state = part.found ? PartState::kPresent : PartState::kAbsent;
      if (part.found && part.state == &p_.parts.evaluation && piece_) {
        *part.state = PartState::kPiece;
      }
      if (part.found) continue;
      // A project table has no 基础数据表: absent, and nothing to note (project tables).
      if (recognised_project_ && part.state == &p_.parts.basic_data) continue;
      SourceRef src;
      src.file = doc_.file;
      Note("I603", src,
           fmt::format("文件中没有{}，记为缺失；检查只针对文件中已有的部分。", part.zh),
           fmt::format("The file holds no {}; it is recorded as absent, and only the parts "
                       "that are there are checked.",
                       part.en));
    }
  }

  // One note (I607) listing the lines the text reader left out as not content (page numbers,
  // page headers, site chrome, a table header repeated on a new page), so that nothing is
  // dropped unsaid.
  void SkippedLinesNote() {
    if (doc_.skipped.empty()) return;
    constexpr size_t kListed = 8;
    std::vector<std::string> zh, en;
    for (size_t i = 0; i < doc_.skipped.size() && i < kListed; ++i) {
      const FlatSkipped& s = doc_.skipped[i];
      const char* why_zh = "网页栏目";
      const char* why_en = "web page chrome";
      if (s.why == FlatSkipped::Why::kPageNumber) why_zh = "页码", why_en = "page number";
      if (s.why == FlatSkipped::Why::kPageHeader) why_zh = "页眉", why_en = "page header";
      if (s.why == FlatSkipped::Why::kRepeatedHeader) {
        why_zh = "换页后重复的表头";
        why_en = "table header repeated on a new page";
      }
      if (s.why == FlatSkipped::Why::kFiller) why_zh = "点线", why_en = "leader dots";
      zh.push_back(fmt::format("第{}行“{}”（{}）", s.line, s.text, why_zh));
      en.push_back(fmt::format("line {} \"{}\" ({})", s.line, s.text, why_en));
    }
    const size_t more = doc_.skipped.size() - zh.size();
    SourceRef where;
    where.file = doc_.file;
    where.line = doc_.skipped.front().line;
    where.text = doc_.skipped.front().text;
    Note("I607", where,
         fmt::format("有 {} 行不是正文（页码、页眉、网页栏目、换页重复的表头或点线），未导入：{}{}。",
                     doc_.skipped.size(), fmt::join(zh, "；"),
                     more > 0 ? fmt::format("；另有 {} 行", more) : ""),
         fmt::format("{} lines are not content (page numbers, page headers, web page chrome, "
                     "table headers repeated on a new page or leader dots) and were left out: {}{}.",
                     doc_.skipped.size(), fmt::join(en, "; "),
                     more > 0 ? fmt::format("; and {} more", more) : ""));
  }

  const FlatDocument& doc_;
  ImportResult* out_;
  Package& p_;
  const ReadingSpec* spec_ = nullptr;  // the chosen form's wording, or none
  Mode mode_ = Mode::kNone;
  std::optional<size_t> first_table_block_;
  std::optional<size_t> last_table_block_;
  std::vector<bool> in_report_;         // by block: a paragraph of the report
  std::vector<bool> toc_;               // by block: a line of the table of contents
  std::vector<bool> table_recognised_;  // by block: a table in which a part was found
  std::vector<YearSource> years_;       // where a fiscal year was read, in document order
  std::string fiscal_year_from_zh_, fiscal_year_from_en_;
  std::vector<std::vector<bool>> used_;  // of the table being read: [row][column]
  std::vector<int> staffing_cols_;
  // The funds weight a 得分 header states when there is no 分值 column, and where.
  std::optional<std::pair<Decimal, SourceRef>> funds_header_weight_;
  std::array<int, 3> expense_cols_ = {-1, -1, -1};
  // Units of money: the statements around each table (by block), the one in force and the
  // table's note; the money columns of the table's headers, for their notes.
  std::vector<UnitStatement> unit_above_, unit_below_;
  UnitStatement statement_, table_note_;
  std::vector<MoneyGroup> money_;
  int expense_money_ = -1, building_money_ = -1, funds_money_ = -1;
  bool in_projects_ = false;
  std::vector<Pending> pending_;
  std::map<std::string, int> latest_of_key_;  // key → index in pending_ of its latest row
  int min_indent_ = 0, max_indent_ = 0;       // of the labels in pending_
  std::vector<int> building_cols_;
  std::vector<int> funds_cols_;
  int funds_method_col_ = -1;  // 得分计算方法 (贵州)
  int funds_reason_col_ = -1;  // 原因 (四川)
  size_t funds_header_row_ = 0;
  size_t funds_width_ = 0;
  bool funds_done_ = false;
  std::array<int, 2> goal_cols_ = {-1, -1};
  size_t goals_width_ = 0;
  // 一级, 二级, 三级/指标名称, target, actual, 分值/权重, 得分, 偏差, 得分系数, 调整指标值,
  // 计量单位
  std::vector<int> ind_cols_;
  bool ind_flat_ = false;  // no 一级/二级 columns: leaves at the top level
  size_t ind_width_ = 0;
  int level1_ = -1;
  int level2_ = -1;
  // The 自评表 cut short (FindCutEvaluation): a 总分 row was read; the last non-blank row
  // read was one of the 自评表, and which.
  bool total_read_ = false;
  bool piece_ = false;  // indicator rows under a header the reader supplied (I628)
  bool funds_seen_ = false;   // a funds header was read
  bool score_table_ = false;  // the indicator header is a rubric's score table's
  bool ends_in_evaluation_ = false;
  SourceRef end_row_;
  bool recognised_staffing_ = false, recognised_expenses_ = false, recognised_buildings_ = false,
       recognised_evaluation_ = false, recognised_indicators_ = false, recognised_report_ = false;
};

// Where 满意度 sits decides the rulebook when none is given; a project table takes the project
// rulebook.
std::string ChooseRulebook(const Package& p, std::string* reason) {
  if (p.kind == PackageKind::kProject) {  // project tables
    *reason = Tr("表中有“项目名称”，是项目支出绩效自评表，评分规则取 national-project",
                 "the table names a 项目名称, so it is a project's table and the rulebook is "
                 "national-project");
    return "national-project";
  }
  bool under_effect = false;
  ForEachIndicator(p.evaluation.indicators, [&](const IndicatorVisit& v) {
    if (v.depth == 2 && KindOf(*v.node) == IndicatorKind::kSatisfaction &&
        KindOf(*v.top) == IndicatorKind::kEffect) {
      under_effect = true;
    }
  });
  if (under_effect) {
    *reason = Tr("满意度位于效益指标之下（零陵区表样），评分规则取 hunan-lingling",
                 "satisfaction sits under effect (the Lingling form), so the rulebook is "
                 "hunan-lingling");
    return "hunan-lingling";
  }
  *reason = Tr("满意度为一级指标或未出现，评分规则取 national",
               "satisfaction is a top-level indicator or absent, so the rulebook is national");
  return "national";
}

}  // namespace

ImportResult Recognize(const FlatDocument& document, const std::string& rulebook,
                       const ReadingSpec* spec) {
  ImportResult result;
  result.encoding = document.encoding;
  Recognizer(document, &result, spec).Run();
  Package& p = result.package;
  if (p.unit.name.empty()) {
    p.unit.name = !p.evaluation.unit_name.empty() ? p.evaluation.unit_name : p.report.cover.unit;
  }
  if (rulebook.empty()) {
    p.rulebook = ChooseRulebook(p, &result.rulebook_reason);
  } else {
    p.rulebook = rulebook;
    result.rulebook_reason = Tr("由 --rulebook 指定", "given by --rulebook");
  }
  return result;
}

}  // namespace jixiao
