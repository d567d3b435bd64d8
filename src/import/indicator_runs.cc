// Indicator rows run together on one line without a header (see indicator_runs.h).
#include "import/indicator_runs.h"

#include <string>

#include "base/lines.h"
#include "base/text.h"

namespace jixiao {
namespace {

// Group names as the forms write them, longest first where one starts another.
constexpr std::string_view kLevel1[] = {"满意度指标", "产出指标", "效益指标", "成本指标"};
constexpr std::string_view kLevel2[] = {
    "服务对象满意度指标", "可持续影响指标", "经济效益指标", "社会效益指标", "生态效益指标",
    "满意度指标",         "数量指标",       "质量指标",     "时效指标",     "成本指标"};

bool Starts(std::string_view text, std::string_view word) {
  return text.substr(0, word.size()) == word;
}

// The group word `text` opens with, from `words`, or empty.
template <size_t N>
std::string_view Opening(std::string_view text, const std::string_view (&words)[N]) {
  for (std::string_view w : words) {
    if (Starts(text, w)) return w;
  }
  return {};
}

// The operators a target opens with, in both widths; their length in bytes, or 0.
size_t OperatorAt(std::string_view text, size_t pos) {
  const std::string_view rest = text.substr(pos);
  for (std::string_view op : {"≥", "≤", "≧", "≦", "＝", "＞", "＜"}) {
    if (Starts(rest, op)) return op.size();
  }
  return !rest.empty() && (rest[0] == '=' || rest[0] == '>' || rest[0] == '<') ? 1 : 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A target after its operator: a figure (digits, one point) and a unit of at most four
// characters that holds no digit, no operator and no sentence punctuation ("%", "次", "万人次").
bool TargetFigure(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && IsDigit(text[i])) ++i;
  if (i == 0) return false;
  if (i < text.size() && text[i] == '.') {
    const size_t point = ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i == point) return false;
  }
  int unit = 0;
  while (i < text.size()) {
    if (IsDigit(text[i]) || OperatorAt(text, i) > 0) return false;
    const size_t at = i;
    const char32_t cp = NextCodePoint(text, &i);
    if (cp == U'。' || cp == U'，' || cp == U'；' || cp == U'：' || cp == U',' || cp == U';' ||
        cp == U':' || i == at) {
      return false;
    }
    if (++unit > 4) return false;
  }
  return true;
}

// A 分值: a figure from 0 to 100 with at most two decimals, "分" after it or not.
bool Weight(std::string_view token) {
  if (token.size() >= 3 && token.substr(token.size() - 3) == "分") {
    token.remove_suffix(3);
  }
  size_t i = 0;
  while (i < token.size() && IsDigit(token[i])) ++i;
  if (i == 0 || i > 3) return false;
  const int whole = std::stoi(std::string(token.substr(0, i)));
  if (i == token.size()) return whole <= 100;
  if (token[i] != '.' || token.size() - i - 1 < 1 || token.size() - i - 1 > 2) return false;
  for (size_t k = i + 1; k < token.size(); ++k) {
    if (!IsDigit(token[k])) return false;
  }
  return whole < 100;
}

// An indicator's cell: groups, name and target glued. False when `token` is not one.
bool ReadItem(std::string_view token, IndicatorRunRow* row) {
  std::string_view rest = token;
  row->level1 = Opening(rest, kLevel1);
  rest.remove_prefix(row->level1.size());
  row->level2 = Opening(rest, kLevel2);
  rest.remove_prefix(row->level2.size());
  // The name runs to the first operator; it holds no digit before it (a figure belongs to the
  // target) and no sentence's full stop.
  size_t op = 0, at = 0;
  for (size_t i = 0; i < rest.size();) {
    if ((op = OperatorAt(rest, i)) > 0) {
      at = i;
      break;
    }
    if (IsDigit(rest[i])) return false;
    const size_t before = i;
    if (NextCodePoint(rest, &i) == U'。' || i == before) return false;
  }
  if (op == 0 || at == 0) return false;
  row->name = rest.substr(0, at);
  row->target = rest.substr(at);
  return TargetFigure(rest.substr(at + op));
}

}  // namespace

IndicatorRun ReadIndicatorRun(std::string_view line) {
  IndicatorRun run;
  // Cheap refusals first: a run has an operator and a group name.
  if (!ContainsAny(line, {"指标"}) || !ContainsAny(line, {"≥", "≤", "≧", "≦", "=", "＝", ">",
                                                          "<", "＞", "＜"})) {
    return run;
  }
  const std::vector<BlankSeparatedWord> tokens = BlankSeparatedWords(line);
  for (size_t start = 0; start + 1 < tokens.size(); ++start) {
    IndicatorRunRow first;
    if (!ReadItem(tokens[start].text, &first) || (first.level1.empty() && first.level2.empty()) ||
        !Weight(tokens[start + 1].text)) {
      continue;
    }
    std::vector<IndicatorRunRow> rows;
    size_t k = start;
    IndicatorRunRow row;
    while (k + 1 < tokens.size() && ReadItem(tokens[k].text, &row) && Weight(tokens[k + 1].text)) {
      row.weight = tokens[k + 1].text;
      rows.push_back(row);
      k += 2;
    }
    if (rows.size() < kFewestRunRows) continue;
    run.rows = std::move(rows);
    run.before = TrimBlank(line.substr(0, tokens[start].at));
    run.after = k < tokens.size() ? TrimBlank(line.substr(tokens[k].at)) : std::string_view();
    return run;
  }
  return run;
}

}  // namespace jixiao
