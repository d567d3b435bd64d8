// Cross-document checks: the same fact in the data table, the score table and the report —
// budget adjustments disclosed, budgeted projects executed or explained, the goals of the
// score table and of the report, event counts of indicators and of the report.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

#include "base/text.h"
#include "check/check_context.h"
#include "check/narrative.h"
#include "model/target.h"
#include "model/walk.h"
#include "narrative/claims.h"

namespace jixiao::internal {

using namespace std::string_view_literals;  // literal lists of words: sizes known, no strlen

namespace {

// Whether the text of a reason cell gives a reason, rather than being blank or only the form's
// instructions for filling it in ("1.预算执行率=预算执行数/调整后预算数,执行率不足90%的须写明原因
// (100字以内);2.年度中间追加或调减预算的,须另行说明理由"). Instructions tell the filler what
// to write: an obligation (须, 应当, 请) with 说明, 写明 or 填写, or a length limit (字以内).
bool GivesReason(std::string_view text) {
  if (TrimBlank(text).empty()) return false;
  const bool obliges = HasWord(text, "须") || HasWord(text, "应当") || HasWord(text, "请");
  const bool asks = HasWord(text, "说明") || HasWord(text, "写明") || HasWord(text, "填写") ||
                    HasWord(text, "填列");
  return !((obliges && asks) || HasWord(text, "字以内"));
}

Location FundsCell(const char* column) {
  Location loc;
  loc.document = "evaluation";
  loc.table = "funds";
  loc.row = "年度资金总额";
  loc.column = column;
  loc.pointer = std::string("/evaluation/funds/") + column;
  return loc;
}

// A part of a goal's number mark at text[p] as FoldWidth folds it: '(' for "(" or "（", ')'
// for ")" or "）", a digit for an ASCII or a full-width one; its length in bytes in `size`.
// 0 when there is none.
char MarkPartAt(std::string_view text, size_t p, size_t* size) {
  const auto is_part = [](char c) { return c == '(' || c == ')' || (c >= '0' && c <= '9'); };
  if (is_part(text[p])) {
    *size = 1;
    return text[p];
  }
  const char folded = FoldedAt(text, p);
  if (!is_part(folded)) return 0;
  *size = 3;
  return folded;
}

// A goal's number mark "(1)" … "(21)", in any mix of ASCII and full-width forms: its bytes.
struct GoalMark {
  size_t at, end;
};
constexpr int kMostGoals = 20;
using GoalMarks = std::array<std::vector<GoalMark>, kMostGoals + 2>;  // by number, 1…21

// The goal marks of `text`, by number, each list in the order of the text; found from its
// opening brackets.
GoalMarks FindGoalMarks(std::string_view text) {
  GoalMarks marks;
  const auto read_mark = [&](size_t open) {
    size_t size = 0;
    if (MarkPartAt(text, open, &size) != '(') return;
    size_t p = open + size;
    int n = 0;  // one or two digits, not starting with 0
    for (int digits = 0; digits < 2 && p < text.size(); ++digits) {
      const char d = MarkPartAt(text, p, &size);
      if (d < (n > 0 ? '0' : '1') || d > '9') break;
      n = n * 10 + (d - '0');
      p += size;
    }
    if (n >= 1 && n <= kMostGoals + 1 && p < text.size() && MarkPartAt(text, p, &size) == ')') {
      marks[n].push_back({open, p + size});
    }
  };
  for (size_t open = text.find('('); open != std::string_view::npos;
       open = text.find('(', open + 1)) {
    read_mark(open);
  }
  for (size_t open = FindWord(text, "（"); open != std::string_view::npos;
       open = FindWord(text, "（", open + 3)) {
    read_mark(open);
  }
  for (std::vector<GoalMark>& list : marks) {
    std::sort(list.begin(), list.end(),
              [](const GoalMark& a, const GoalMark& b) { return a.at < b.at; });
  }
  return marks;
}

// The goals the report lists as (1)…(2)… or （1）…（2）… (full-width digits too), by number,
// their texts with full-width forms folded (FoldWidth): from the first text, in document
// order, with a mark (1) after the word 目标. Goal n runs from the first "(n)" to the first
// "(n+1)" after it, or else to the end of its line. Only the goals' texts are folded (a
// bracket, a digit or a line break never lies inside a character FoldWidth folds, so folding
// a piece gives that piece of the folded text).
std::vector<std::pair<std::string, std::string>> ReportGoals(const Report& report) {
  std::vector<const ReportSection*> order;
  for (const ReportSection& s : report.sections) {
    order.push_back(&s);
    for (const ReportSection& sub : s.subsections) order.push_back(&sub);
  }
  std::string_view text;
  GoalMarks marks;
  for (const ReportSection* s : order) {
    GoalMarks found = FindGoalMarks(s->text);
    if (!found[1].empty() && s->text.rfind("目标", found[1].back().at) != std::string::npos) {
      text = s->text;
      marks = std::move(found);
      break;
    }
  }
  std::vector<std::pair<std::string, std::string>> goals;
  for (int n = 1; n <= kMostGoals && !marks[n].empty(); ++n) {
    const GoalMark first = marks[n].front();
    const std::vector<GoalMark>& next = marks[n + 1];
    const auto after =
        std::find_if(next.begin(), next.end(), [&](const GoalMark& m) { return m.at >= first.at; });
    const size_t end = after != next.end() ? after->at : text.find('\n', first.at);
    goals.emplace_back(
        std::to_string(n),
        FoldWidth(text.substr(
            first.end, end == std::string_view::npos ? std::string_view::npos : end - first.end)));
  }
  return goals;
}

// The named items of a goal: its phrases (split at punctuation and 和/及/与) that hold a digit
// or a quoted name — contests, plans, programmes — which a paraphrase would still keep.
std::vector<std::string> NamedItems(const std::string& goal) {
  std::vector<std::string> items;
  const std::string folded = FoldWidth(goal);
  size_t start = 0;  // of the current phrase
  const auto flush = [&](size_t end) {
    const std::string_view t = TrimBlank(std::string_view(folded).substr(start, end - start));
    bool named = false;
    for (char c : t) named |= c >= '0' && c <= '9';
    named |= HasWord(t, "《") || HasWord(t, "“");
    if (named && t.size() >= 9) items.emplace_back(t);
  };
  size_t pos = 0;
  while (pos < folded.size()) {
    const size_t at = pos;
    const char32_t cp = NextCodePoint(folded, &pos);
    if (cp == U'，' || cp == U'。' || cp == U'、' || cp == U'；' || cp == ',' || cp == ';' ||
        cp == U'和' || cp == U'及' || cp == U'与' || cp == '\n') {
      flush(at);
      start = pos;
    }
  }
  flush(folded.size());
  return items;
}

// The longest common substring of two strings, in bytes, at code point boundaries.
size_t CommonRun(std::string_view a, std::string_view b) {
  size_t best = 0;
  for (size_t i = 0; i < a.size();) {
    for (size_t len = best + 3; i + len <= a.size(); len += 3) {
      if (FindWord(b, a.substr(i, len)) == std::string_view::npos) break;
      best = len;
    }
    size_t next = i;
    NextCodePoint(a, &next);
    i = next;
  }
  return best;
}

// Whether a sentence speaks of what an indicator names: most of the indicator's characters,
// less the verbs and modifiers such names carry (积极, 开展, 各类 …), occur in the sentence.
class SpokenOf {
 public:
  explicit SpokenOf(std::string_view name) : key_(name) {
    for (std::string_view stop : {"积极"sv, "开展"sv, "各类"sv, "各项"sv, "组织"sv, "推进"sv,
                                  "加强"sv, "完成"sv, "情况"sv, "数量"sv, "次数"sv, "举办"sv}) {
      for (size_t at; (at = key_.find(stop)) != std::string::npos;) key_.erase(at, stop.size());
    }
    size_t pos = 0;
    while (pos < key_.size()) {
      const size_t at = pos;
      const char32_t cp = NextCodePoint(key_, &pos);
      if (cp >= 0x4E00 && cp <= 0x9FFF) characters_.push_back({at, pos - at});
    }
  }

  bool In(std::string_view sentence) const {
    const size_t total = characters_.size();
    size_t found = 0;
    for (const auto& [at, size] : characters_) {
      found +=
          FindWord(sentence, std::string_view(key_).substr(at, size)) != std::string_view::npos;
    }
    return total >= 2 && found * 4 >= total * 3;
  }

 private:
  std::string key_;
  std::vector<std::pair<size_t, size_t>> characters_;  // the CJK characters of key_
};

}  // namespace

void CheckCrossDocument(CheckContext& cx) {
  const Package& p = cx.package;
  const Funds& f = p.evaluation.funds;
  const std::vector<Sentence>& sentences = cx.sentences;

  // X702: 年初预算 ≠ 全年预算 must be disclosed (the 预算调整 row, and no denial in the report).
  const auto initial = FigureOf(f.initial_budget);
  const auto full = FigureOf(f.full_year_budget);
  if (initial && full && Disagree(initial->range, full->range)) {
    const ExpenseRow* adjustment = FindExpenseRow(p.basic_data.expenses, "basic_adjustment");
    // A project package has no 基础数据表, so no 预算调整 row to fill (project tables); nor has
    // a data table the document did not hold.
    const bool row_blank =
        p.kind != PackageKind::kProject && Held(p.parts.basic_data) &&
        (adjustment == nullptr || (!adjustment->at(ExpenseColumn::kFinal).has_number() &&
                                   !adjustment->at(ExpenseColumn::kBudget).has_number()));
    // A form with a 原因 column beside the funds (四川) asks for the change there: blank, or
    // only the form's own instructions, is no reason.
    const bool reason_missing = f.asks_reason && !GivesReason(f.reason);
    // The sentences saying the budget was not adjusted: 调整 with a word of denial.
    std::vector<const Sentence*> denials;
    constexpr uint32_t kDenies = kWordAdjustment | kWordDenial;
    for (size_t k = 0; k < sentences.size(); ++k) {
      if ((cx.words[k] & kDenies) == kDenies) denials.push_back(&sentences[k]);
    }
    if (row_blank || reason_missing || !denials.empty()) {
      Diagnostic& d = cx.Add("X702", FundsCell("full_year_budget"));
      d.related.push_back(FundsCell("initial_budget"));
      if (adjustment != nullptr) {
        Location row;
        row.document = "basic_data";
        row.table = "expenses";
        row.row = adjustment->label;
        row.column = "final";
        d.related.push_back(row);
      }
      for (const Sentence* s : denials) {
        const size_t at = FindWord(s->text, "调整");
        d.related.push_back(
            SentenceLocation(p, *s, static_cast<int>(at), static_cast<int>(at + 6)));
      }
      const Figure change = *full - *initial;
      const auto pct = PercentOf(change, *initial);
      d.reported = f.initial_budget.Display() + " → " + f.full_year_budget.Display();
      // No rate of change from an initial budget of 0.
      d.computed = pct ? fmt::format("{}万元 ({}%)", change.value.Normalized().ToString(),
                                     pct->value.Format(2))
                       : fmt::format("{}万元", change.value.Normalized().ToString());
      std::vector<std::string> why_zh, why_en;
      if (row_blank) {
        why_zh.push_back("基础数据表的预算调整行未填");
        why_en.push_back("the budget-adjustment row is blank");
      }
      if (reason_missing) {
        why_zh.push_back(f.reason.empty() ? "资金栏的原因未填" : "资金栏的原因只有表样的填表说明");
        why_en.push_back(f.reason.empty() ? "the funds' reason cell is blank"
                                          : "the funds' reason cell holds only the form's "
                                            "instructions");
      }
      if (!denials.empty()) {
        why_zh.push_back("报告称预算未调整");
        why_en.push_back("the report says nothing was adjusted");
      }
      d.message_zh = fmt::format("全年预算数 {} 与年初预算数 {} 不同（调整 {}），但{}。",
                                 f.full_year_budget.Display(), f.initial_budget.Display(),
                                 d.computed, fmt::join(why_zh, "，且"));
      d.message_en = fmt::format(
          "The full-year budget {} differs from the initial budget {} (a change of {}), but {}.",
          f.full_year_budget.Display(), f.initial_budget.Display(), d.computed,
          fmt::join(why_en, " and "));
      d.hint_zh = "在预算调整行填写调整金额，并在报告中说明调整的原因。";
      d.hint_en = "Fill in the adjustment row and explain the adjustment in the report.";
    }
  }

  // X703: a budgeted project with no execution must be explained (in the report: without
  // one, there is nothing to say it was not).
  ForEachExpenseRow(p.basic_data.expenses, [&](const ExpenseVisit& v) {
    const ExpenseRow& row = *v.row;
    if (row.key != "project" || p.parts.report == PartState::kAbsent) return;
    const Cell& budget = row.at(ExpenseColumn::kBudget);
    const Cell& final_cell = row.at(ExpenseColumn::kFinal);
    if (!budget.has_number() || budget.value.sign() <= 0) return;
    if (final_cell.has_number() && !final_cell.value.is_zero()) return;
    Location loc;
    loc.document = "basic_data";
    loc.table = "expenses";
    loc.row = row.label;
    loc.column = "final";
    loc.pointer = v.pointer() + "/values/final";
    loc.row_cells = ExpenseRowCells(row);
    loc.mark_cell = 3;
    Diagnostic& d = cx.Add("X703", std::move(loc));
    if (!f.project.has_number()) d.related.push_back(FundsCell("project"));
    const std::string name = CleanLabel(row.label);
    std::string explained;
    const std::string_view name_head = std::string_view(name).substr(0, name.size() >= 6 ? 6 : 0);
    // The sentences on project spending or on this project that give a reason.
    for (size_t k = 0; k < sentences.size(); ++k) {
      const Sentence& s = sentences[k];
      if (!(cx.words[k] & kWordExplanation)) continue;
      if ((cx.words[k] & kWordProjectSpending) ||
          (!name_head.empty() && HasWord(s.text, name_head))) {
        d.related.push_back(SentenceLocation(p, s, 0, static_cast<int>(s.text.size())));
        explained = s.section;
      }
    }
    d.reported = budget.Display();
    d.computed = final_cell.has_number() ? final_cell.Display() : "";
    d.message_zh = fmt::format(
        "项目“{}”预算 {} 万元，但决算{}，自评表的项目支出{}。{}", name, budget.Display(),
        final_cell.has_number() ? "为 0" : "未填", f.project.has_number() ? "已填" : "也未填",
        explained.empty() ? "报告中没有说明。"
                          : "报告第" + explained + "部分有说明，请在表中一并反映。");
    d.message_en = fmt::format(
        "Project {} was budgeted {} but has {} final figure, and the score table's project "
        "spending is {}. {}",
        name, budget.Display(), final_cell.has_number() ? "a zero" : "no",
        f.project.has_number() ? "filled" : "blank too",
        explained.empty() ? "The report does not explain it."
                          : "The report explains it in section " + explained +
                                "; the tables should show it too.");
    d.hint_zh = "填写项目决算数（含 0），并说明未执行或并入其他科目的原因。";
    d.hint_en = "Fill in the project's final figure (0 included) and explain why it was not spent.";
  });

  // X704: the score table's goals and the report's goals name the same things.
  const auto report_goals = ReportGoals(p.report);
  const auto& planned = p.evaluation.goals.planned;
  for (size_t i = 0; i < planned.size(); ++i) {
    const std::string& number = planned[i].number;
    const auto it = std::find_if(report_goals.begin(), report_goals.end(),
                                 [&](const auto& g) { return g.first == TrimBlank(number); });
    if (it == report_goals.end()) continue;
    std::vector<std::string> missing;
    for (const std::string& item : NamedItems(planned[i].text)) {
      if (!HasWord(it->second, item) && CommonRun(item, it->second) * 10 < item.size() * 8) {
        missing.push_back(item);
      }
    }
    if (missing.empty()) continue;
    Location loc;
    loc.document = "evaluation";
    loc.table = "goals";
    loc.row = "目标" + number;
    loc.column = "planned";
    loc.pointer = fmt::format("/evaluation/goals/planned/{}/text", i);
    Diagnostic& d = cx.Add("X704", std::move(loc));
    std::string list;
    for (const std::string& m : missing) list += (list.empty() ? "" : "、") + ("“" + m + "”");
    d.reported = list;
    const std::string wide = "（" + it->first + "）";
    const std::string narrow = "(" + it->first + ")";
    for (size_t k = 0; k < sentences.size(); ++k) {
      if (HasWord(sentences[k].text, wide) || HasWord(sentences[k].text, narrow)) {
        d.related.push_back(SentenceLocation(p, sentences[k], 0, 0));
        break;
      }
    }
    d.message_zh = fmt::format("自评表的年度目标{}包含{}，而自评报告中的目标{}没有提到。", number,
                               list, it->first);
    d.message_en = fmt::format(
        "Goal {} of the score table names {}, which the report's goal {} "
        "leaves out.",
        number, list, it->first);
    d.hint_zh = "自评表与报告中的年度目标应一致。";
    d.hint_en = "The goals in the score table and in the report must be the same.";
  }

  // X705: an indicator counting events, against the events the report counts.
  struct EventCount {  // the events (次, 场, 场次) a sentence counts, and where
    Decimal total;
    int counted = 0;
    int begin = -1, end = -1;
  };
  // The sentences that count events, in reading order, with their counts: the same for every
  // indicator, found once, so that each indicator is compared with these alone.
  std::vector<std::pair<size_t, EventCount>> counting;
  bool counted_sentences = false;
  for (const LeafScore& s : cx.sheet.leaves) {
    if (s.actual.kind != Actual::Kind::kNumber) continue;
    const std::string unit = s.target.quantity.base_unit.empty() ? s.actual.quantity.base_unit
                                                                 : s.target.quantity.base_unit;
    if (unit != "次" && unit != "场" && unit != "场次") continue;
    if (!counted_sentences) {
      counted_sentences = true;
      for (size_t k = 0; k < sentences.size(); ++k) {
        EventCount n;
        for (const Mention& m : cx.claims[k].mentions) {
          if (m.unit != "次" && m.unit != "场" && m.unit != "场次") continue;
          n.total = n.total + m.value;
          ++n.counted;
          if (n.begin < 0) n.begin = m.begin;
          n.end = m.end;
        }
        if (n.counted > 0) counting.emplace_back(k, std::move(n));
      }
    }
    const std::string name(TrimBlank(s.indicator->name));
    const SpokenOf spoken_of(name);
    for (const auto& [k, count] : counting) {
      const Sentence& sentence = sentences[k];
      const auto& [total, counted, begin, end] = count;
      if (!spoken_of.In(sentence.text) || total == s.actual.quantity.value) continue;
      Location loc;
      loc.document = "evaluation";
      loc.table = "indicators";
      loc.row = s.path;
      loc.column = "actual";
      loc.pointer = s.pointer + "/actual";
      loc.row_cells = IndicatorRowCells(*s.indicator);
      loc.mark_cell = 2;
      Diagnostic& d = cx.Add("X705", std::move(loc));
      d.related.push_back(SentenceLocation(p, sentence, begin, end));
      d.reported = std::string(TrimBlank(s.indicator->actual));
      d.computed = total.ToString();
      d.message_zh = fmt::format("指标“{}”实际完成值为 {}，而报告第{}部分所述合计为 {}{}。", name,
                                 d.reported, sentence.section, d.computed, unit);
      d.message_en = fmt::format(
          "Indicator {} reports {} as done, but the report (section {}) "
          "counts {} {}.",
          name, d.reported, sentence.section, d.computed, unit);
      d.hint_zh = "实际完成值应与报告中的统计一致；口径不同时请说明。";
      d.hint_en = "The actual must match the report's count, or the difference be explained.";
      break;
    }
  }
}

}  // namespace jixiao::internal
