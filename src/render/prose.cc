// Generated prose: reading the figures (tables first, then the unit's own statements), writing
// the paragraphs, and splicing them into the report's sections in place of the unit's money
// sentences. The wording is documented in docs/generated-prose.md; change both together.
#include "render/prose.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "base/interval.h"
#include "base/text.h"
#include "model/walk.h"
#include "narrative/claims.h"

namespace jixiao {
namespace {

// ---- Reading the figures ----

bool IsMoneyUnit(std::string_view unit) {
  return unit == "万元" || unit == "元" || unit == "亿元" || unit == "千元";
}

// The factor bringing an amount in `unit` to 万元.
Decimal ToWan(std::string_view unit) {
  if (unit == "元") return Decimal::FromUnits(1, 4);
  if (unit == "千元") return Decimal::FromUnits(1, 1);
  if (unit == "亿元") return Decimal::FromInt(10000);
  return Decimal::FromInt(1);
}

bool IsMoneySubject(Subject s) {
  switch (s) {
    case Subject::kTotalSpending:
    case Subject::kAppropriation:
    case Subject::kBasic:
    case Subject::kPersonnel:
    case Subject::kPublicFunds:
    case Subject::kProjects:
    case Subject::kThreePublic:
    case Subject::kOverseas:
    case Subject::kVehicles:
    case Subject::kReception:
      return true;
    default:
      return false;
  }
}

// The three figures of a subject, as slots.
enum class Slot { kCurrent, kBudget, kPrior };
constexpr Slot kSlots[] = {Slot::kCurrent, Slot::kBudget, Slot::kPrior};

std::optional<ProseAmount>& SlotOf(ProseSubject& s, Slot slot) {
  return slot == Slot::kCurrent ? s.current : (slot == Slot::kBudget ? s.budget : s.prior);
}

std::string_view SlotName(Slot slot) {
  return slot == Slot::kCurrent ? "本年决算" : (slot == Slot::kBudget ? "本年预算" : "上年决算");
}

std::string Wan(const Decimal& v) { return v.Format(2, Rounding::kHalfUp) + "万元"; }

// The amounts the unit states in its report: the first one for each (subject, slot).
class ReportStatements {
 public:
  explicit ReportStatements(const Package& p) {
    for (const Sentence& s : SplitSentences(p.report)) {
      const SentenceClaims claims = ExtractClaims(s, p.fiscal_year);
      for (const Mention& m : claims.mentions) {
        if (m.is_difference || m.approximate || !IsMoneyUnit(m.unit) ||
            !IsMoneySubject(m.subject)) {
          continue;
        }
        const Slot slot = m.year == Year::kPrior
                              ? Slot::kPrior
                              : (m.column == Column::kBudget ? Slot::kBudget : Slot::kCurrent);
        stated_.emplace(std::pair(m.subject, slot),
                        ProseAmount{m.value * ToWan(m.unit), s.pointer});
      }
    }
  }

  const ProseAmount* Find(Subject subject, Slot slot) const {
    const auto it = stated_.find(std::pair(subject, slot));
    return it == stated_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::pair<Subject, Slot>, ProseAmount> stated_;
};

std::optional<ProseAmount> CellAmount(const Cell& cell, std::string pointer) {
  if (!cell.has_number() || !cell.value.valid()) return std::nullopt;
  return ProseAmount{cell.value, std::move(pointer)};
}

// A row's figure in a column: its cell, or for a blank total row the sum of the children that
// have a figure (as the checks read it).
std::optional<ProseAmount> RowAmount(const ExpenseRow& row, const std::string& pointer,
                                     ExpenseColumn column) {
  const std::string key(ExpenseColumnKey(column));
  if (auto a = CellAmount(row.at(column), pointer + "/values/" + key)) return a;
  if (row.children_are != ChildRelation::kTotal) return std::nullopt;
  std::optional<Decimal> sum;
  for (const ExpenseRow& child : row.children) {
    const Cell& c = child.at(column);
    if (c.has_number() && c.value.valid()) sum = sum ? *sum + c.value : c.value;
  }
  if (!sum) return std::nullopt;
  return ProseAmount{*sum, "derived:" + pointer + "/children/*/values/" + key};
}

ProseSubject RowFigures(const Package& p, std::string_view key) {
  ProseSubject s;
  ForEachExpenseRow(p.basic_data.expenses, [&](const ExpenseVisit& v) {
    if (v.row->key != key || s.current || s.budget || s.prior) return;
    const std::string pointer = v.pointer();
    s.current = RowAmount(*v.row, pointer, ExpenseColumn::kFinal);
    s.budget = RowAmount(*v.row, pointer, ExpenseColumn::kBudget);
    s.prior = RowAmount(*v.row, pointer, ExpenseColumn::kPriorFinal);
  });
  return s;
}

bool Differ(const Decimal& a, const Decimal& b) {
  return !Interval::Written(a).Meets(Interval::Written(b));
}

// Fills the slots the tables leave empty with what the report states, and notes where the
// report states something else than the tables.
void Complete(ProseSubject* s, Subject subject, const ReportStatements& report,
              std::vector<std::string>* notes) {
  const std::string name(SubjectName(subject, true));
  for (Slot slot : kSlots) {
    const ProseAmount* stated = report.Find(subject, slot);
    if (stated == nullptr) continue;
    std::optional<ProseAmount>& have = SlotOf(*s, slot);
    if (!have) {
      have = *stated;
      notes->push_back(fmt::format("{}{} {} 表中没有，取自报告（{}）", name, SlotName(slot),
                                   Wan(stated->value), stated->source));
    } else if (Differ(have->value, stated->value)) {
      notes->push_back(fmt::format("{}{}：表中 {}（{}），报告中 {}（{}）；按表中数生成", name,
                                   SlotName(slot), Wan(have->value), have->source,
                                   Wan(stated->value), stated->source));
    }
  }
}

// ---- Writing ----

struct Change {
  std::string text;  // "比上年减少23.52万元，下降15.85%" / "与上年持平"
  int direction = 0;
};

// `now` against `before`, both as printed (2 decimals), so that the sentence's own figures
// give its difference exactly.
Change Compare(const Decimal& now, const Decimal& before, const Rulebook& rb,
               std::string_view lead = "比上年", std::string_view flat = "与上年持平") {
  const Decimal a = now.Rounded(2, Rounding::kHalfUp);
  const Decimal b = before.Rounded(2, Rounding::kHalfUp);
  const Decimal d = a - b;
  Change c;
  c.direction = d.sign();
  if (d.is_zero()) {
    c.text = std::string(flat);
    return c;
  }
  c.text = fmt::format("{}{}{}", lead, d.sign() > 0 ? "增加" : "减少", Wan(d.Abs()));
  if (b.sign() > 0) {
    const Decimal pct =
        Decimal::Divide(d.Abs() * Decimal::FromInt(100), b, rb.rate_decimals, rb.rate_rounding);
    if (pct.is_zero()) {
      c.text +=
          fmt::format("，变动幅度不足{}%", Decimal::FromUnits(1, rb.rate_decimals).ToString());
    } else {
      c.text += fmt::format("，{}{}%", d.sign() > 0 ? "增长" : "下降", pct.ToString());
    }
  }
  return c;
}

struct Writer {
  const ProseFigures& f;
  const Rulebook& rb;
  std::vector<ProseParagraph> out;

  ProseParagraph& Add(ProsePlace place, ProseTopic topic, std::string text,
                      std::optional<int> direction = std::nullopt) {
    ProseParagraph p;
    p.place = place;
    p.topic = topic;
    p.text = std::move(text);
    p.direction = direction;
    out.push_back(std::move(p));
    return out.back();
  }

  // "{label}本年X万元，上年Y万元，比上年…。"
  void YearOnYear(ProseTopic topic, std::string_view label, const ProseSubject& s) {
    if (!s.current) return;
    if (!s.prior) {
      Add(ProsePlace::kSpending, topic, fmt::format("{}本年{}。", label, Wan(s.current->value)));
      return;
    }
    const Change c = Compare(s.current->value, s.prior->value, rb);
    Add(ProsePlace::kSpending, topic,
        fmt::format("{}本年{}，上年{}，{}。", label, Wan(s.current->value), Wan(s.prior->value),
                    c.text),
        c.direction);
  }

  void Spending() {
    const ProseSubject& s = f.spending;
    if (!s.current) return;
    if (!s.prior) {
      Add(ProsePlace::kSpending, ProseTopic::kSpending,
          fmt::format("{}年度支出决算{}。", f.fiscal_year, Wan(s.current->value)));
      return;
    }
    const Change c = Compare(s.current->value, s.prior->value, rb);
    Add(ProsePlace::kSpending, ProseTopic::kSpending,
        fmt::format("{}年度支出决算{}，上年（{}年）为{}，{}。", f.fiscal_year,
                    Wan(s.current->value), f.fiscal_year - 1, Wan(s.prior->value), c.text),
        c.direction);
  }

  void Income() {
    std::string text;
    std::optional<int> direction;
    const ProseSubject& a = f.appropriation;
    if (a.current) {
      if (a.prior) {
        const Change c = Compare(a.current->value, a.prior->value, rb);
        text = fmt::format("一般公共预算财政拨款收入本年{}，上年{}，{}。", Wan(a.current->value),
                           Wan(a.prior->value), c.text);
        direction = c.direction;
      } else {
        text = fmt::format("一般公共预算财政拨款收入本年{}。", Wan(a.current->value));
      }
    }
    // The other income natures, when the unit has any.
    for (const auto& [label, amount] : {std::pair{"政府性基金拨款收入", &f.government_fund},
                                        std::pair{"纳入专户管理的非税收入拨款", &f.special_account},
                                        std::pair{"其他资金", &f.other_funds}}) {
      if (*amount && (*amount)->value.sign() > 0) {
        text += fmt::format("{}本年{}。", label, Wan((*amount)->value));
      }
    }
    if (!text.empty()) Add(ProsePlace::kSpending, ProseTopic::kAppropriation, text, direction);
  }

  void ThreePublic() {
    const ProseSubject& t = f.three_public;
    std::string text;
    std::optional<int> direction;
    if (t.current || t.budget) {
      const bool budget_basis = rb.three_public_basis == ThreePublicBasis::kBudget;
      // The figure compared is stated last before last year's, as readers (and the checks)
      // take the latest one.
      std::string now;
      if (t.budget && t.current) {
        now = budget_basis
                  ? fmt::format("本年决算{}、预算{}", Wan(t.current->value), Wan(t.budget->value))
                  : fmt::format("本年预算{}、决算{}", Wan(t.budget->value), Wan(t.current->value));
      } else if (t.current) {
        now = fmt::format("本年决算{}", Wan(t.current->value));
      } else {
        now = fmt::format("本年预算{}", Wan(t.budget->value));
      }
      const std::optional<ProseAmount>& compared = budget_basis ? t.budget : t.current;
      if (t.prior && compared) {
        const Change c = budget_basis ? Compare(compared->value, t.prior->value, rb,
                                                "本年预算比上年决算", "本年预算与上年决算持平")
                                      : Compare(compared->value, t.prior->value, rb);
        text = fmt::format("“三公”经费{}，上年决算{}，{}。", now, Wan(t.prior->value), c.text);
        direction = c.direction;
      } else if (t.prior) {
        text = fmt::format("“三公”经费{}，上年决算{}。", now, Wan(t.prior->value));
      } else {
        text = fmt::format("“三公”经费{}。", now);
      }
    }
    bool first = true;
    for (const auto& [label, part] :
         {std::pair{"因公出国（境）费", &f.overseas},
          std::pair{"公务用车购置及运行费", &f.vehicles}, std::pair{"公务接待费", &f.reception}}) {
      if (!part->current) continue;
      const std::string lead = first && !text.empty() ? "其中，" : "";
      first = false;
      if (part->prior) {
        const Change c = Compare(part->current->value, part->prior->value, rb);
        text += fmt::format("{}{}本年决算{}，上年决算{}，{}。", lead, label,
                            Wan(part->current->value), Wan(part->prior->value), c.text);
        if (!direction) direction = c.direction;
      } else {
        text += fmt::format("{}{}本年决算{}。", lead, label, Wan(part->current->value));
      }
    }
    if (!text.empty()) Add(ProsePlace::kSpending, ProseTopic::kThreePublic, text, direction);
  }

  void BasicBreakdown() {
    std::vector<std::string> parts;
    if (f.personnel.current) parts.push_back("人员经费" + Wan(f.personnel.current->value));
    if (f.public_funds.current) parts.push_back("公用经费" + Wan(f.public_funds.current->value));
    std::string text;
    if (f.basic.current) {
      text = fmt::format("{}年度基本支出决算{}", f.fiscal_year, Wan(f.basic.current->value));
      if (!parts.empty()) text += "，其中";
    } else if (!parts.empty()) {
      text = fmt::format("{}年度基本支出中，", f.fiscal_year);
    } else {
      return;
    }
    for (size_t i = 0; i < parts.size(); ++i) text += (i ? "、" : "") + parts[i];
    Add(ProsePlace::kBasicSpending, ProseTopic::kBasicBreakdown, text + "。");
  }

  static std::string BudgetAndFinal(const ProseSubject& s) {
    if (s.budget && s.current) {
      return fmt::format("预算{}，决算{}", Wan(s.budget->value), Wan(s.current->value));
    }
    if (s.budget) return "预算" + Wan(s.budget->value);
    if (s.current) return "决算" + Wan(s.current->value);
    return "";
  }

  void ProjectList() {
    std::string text;
    const std::string total = BudgetAndFinal(f.projects);
    if (!total.empty()) text = fmt::format("{}年度项目支出{}。", f.fiscal_year, total);
    std::vector<std::string> names;
    for (const ProseProject& project : f.project_rows) {
      const std::string figures = BudgetAndFinal(project.figures);
      if (figures.empty() || project.name.empty()) continue;
      text += fmt::format("{}{}。", project.name, figures);
      names.push_back(project.name);
    }
    if (text.empty()) return;
    Add(ProsePlace::kProjectSpending, ProseTopic::kProjectList, text).names = std::move(names);
  }

  void OtherBudgets() {
    const auto& g = f.government_fund;
    if (g && g->value.sign() > 0) {
      Add(ProsePlace::kGovernmentFund, ProseTopic::kGovernmentFund,
          fmt::format("本单位{}年度政府性基金预算支出{}。", f.fiscal_year, Wan(g->value)));
    } else {
      Add(ProsePlace::kGovernmentFund, ProseTopic::kGovernmentFund,
          fmt::format("本单位{}年度无政府性基金预算支出。", f.fiscal_year))
          .presumed = !g.has_value();
    }
    Add(ProsePlace::kStateCapital, ProseTopic::kStateCapital,
        fmt::format("本单位{}年度无国有资本经营预算支出。", f.fiscal_year))
        .presumed = true;
    Add(ProsePlace::kSocialInsurance, ProseTopic::kSocialInsurance,
        fmt::format("本单位{}年度无社会保险基金预算支出。", f.fiscal_year))
        .presumed = true;
  }
};

// ---- Splicing ----

// A section's number without its punctuation: "（二）" → "二", "一、" → "一".
std::string BareNumber(std::string_view number) {
  std::string out;
  size_t pos = 0;
  while (pos < number.size()) {
    const size_t at = pos;
    const char32_t cp = NextCodePoint(number, &pos);
    if (IsBlankCodePoint(cp) || cp == U'、' || cp == U'.' || cp == U'．' || cp == U'（' ||
        cp == U'）' || cp == U'(' || cp == U')') {
      continue;
    }
    out.append(number, at, pos - at);
  }
  return out;
}

struct Target {
  ReportSection* section = nullptr;
  std::string pointer;  // of its text
  std::vector<ProsePlace> places;
};

// The section text each place goes to, found by title words (numbers only as a fallback).
std::map<ProsePlace, Target> FindTargets(Report* report) {
  std::map<ProsePlace, Target> out;
  auto& sections = report->sections;
  const auto set = [&](ProsePlace place, ReportSection* s, std::string pointer) {
    out[place] = Target{s, std::move(pointer) + "/text", {}};
  };
  const auto top = [&](const std::function<bool(const ReportSection&)>& pred) -> int {
    for (size_t i = 0; i < sections.size(); ++i) {
      if (pred(sections[i])) return static_cast<int>(i);
    }
    return -1;
  };
  using Words = std::vector<std::string_view>;
  const auto titled = [](Words words) {
    return [words = std::move(words)](const ReportSection& s) {
      for (std::string_view w : words) {
        if (s.title.find(w) != std::string::npos) return true;
      }
      return false;
    };
  };
  const auto numbered = [](std::string_view n) {
    return [n](const ReportSection& s) { return BareNumber(s.number) == n; };
  };
  const auto other_budget = titled({"政府性基金", "国有资本", "社会保险", "社保"});

  // 一（二）: under 基本情况 (or 一).
  int first = top(titled({"基本情况"}));
  if (first < 0) first = top(numbered("一"));
  if (first >= 0) {
    ReportSection& s = sections[first];
    const std::string base = fmt::format("/report/sections/{}", first);
    int sub = -1;
    const auto spending = titled({"支出规模", "整体支出", "收支", "支出情况", "经费"});
    for (size_t j = 0; j < s.subsections.size() && sub < 0; ++j) {
      if (spending(s.subsections[j])) sub = static_cast<int>(j);
    }
    for (size_t j = 0; j < s.subsections.size() && sub < 0; ++j) {
      if (numbered("二")(s.subsections[j])) sub = static_cast<int>(j);
    }
    if (sub >= 0) {
      set(ProsePlace::kSpending, &s.subsections[sub], fmt::format("{}/subsections/{}", base, sub));
    } else if (s.subsections.empty()) {
      set(ProsePlace::kSpending, &s, base);
    }
  }

  // 二: 一般公共预算, its 基本支出 and 项目支出 subsections.
  int general = top(titled({"一般公共预算"}));
  if (general < 0) {
    general = top([&](const ReportSection& s) { return numbered("二")(s) && !other_budget(s); });
  }
  if (general >= 0) {
    ReportSection& s = sections[general];
    const std::string base = fmt::format("/report/sections/{}", general);
    for (const auto& [place, words] : {std::pair{ProsePlace::kBasicSpending, Words{"基本支出"}},
                                       std::pair{ProsePlace::kProjectSpending, Words{"项目"}}}) {
      int sub = -1;
      for (size_t j = 0; j < s.subsections.size() && sub < 0; ++j) {
        if (titled(words)(s.subsections[j])) sub = static_cast<int>(j);
      }
      if (sub >= 0) {
        set(place, &s.subsections[sub], fmt::format("{}/subsections/{}", base, sub));
      } else {
        set(place, &s, base);
      }
    }
  }

  for (const auto& [place, words] :
       {std::pair{ProsePlace::kGovernmentFund, Words{"政府性基金"}},
        std::pair{ProsePlace::kStateCapital, Words{"国有资本"}},
        std::pair{ProsePlace::kSocialInsurance, Words{"社会保险", "社保"}}}) {
    const int i = top(titled(words));
    if (i >= 0) set(place, &sections[i], fmt::format("/report/sections/{}", i));
  }
  return out;
}

bool IsOtherBudget(ProsePlace p) {
  return p == ProsePlace::kGovernmentFund || p == ProsePlace::kStateCapital ||
         p == ProsePlace::kSocialInsurance;
}

// The topic a claim subject belongs to in a place, if any.
std::optional<ProseTopic> TopicOf(ProsePlace place, Subject s) {
  switch (place) {
    case ProsePlace::kSpending:
      switch (s) {
        case Subject::kTotalSpending:
          return ProseTopic::kSpending;
        case Subject::kAppropriation:
          return ProseTopic::kAppropriation;
        case Subject::kBasic:
          return ProseTopic::kBasic;
        case Subject::kPersonnel:
          return ProseTopic::kPersonnel;
        case Subject::kPublicFunds:
          return ProseTopic::kPublicFunds;
        case Subject::kProjects:
          return ProseTopic::kProjects;
        case Subject::kThreePublic:
        case Subject::kOverseas:
        case Subject::kVehicles:
        case Subject::kReception:
          return ProseTopic::kThreePublic;
        default:
          return std::nullopt;
      }
    case ProsePlace::kBasicSpending:
      if (s == Subject::kBasic || s == Subject::kPersonnel || s == Subject::kPublicFunds) {
        return ProseTopic::kBasicBreakdown;
      }
      return std::nullopt;
    case ProsePlace::kProjectSpending:
      if (s == Subject::kProjects) return ProseTopic::kProjectList;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// Whether a sentence states money figures: an amount in a money unit, a difference or
// percentage change of a money subject, or a comparison (持平 included) of one.
bool StatesMoney(const SentenceClaims& c) {
  for (const Mention& m : c.mentions) {
    if (IsMoneyUnit(m.unit)) return true;
    if (m.is_difference && IsMoneySubject(m.subject)) return true;
  }
  for (const DirectionClaim& d : c.directions) {
    if (IsMoneySubject(d.subject)) return true;
  }
  return false;
}

// A sentence of the unit that only says a budget type is absent ("没有政府性基金预算支出").
bool StatesAbsence(std::string_view sentence) {
  return ContainsAny(sentence, {"无", "没有", "未发生", "未安排"});
}

// The words that open a reason, longest first where one contains another.
constexpr std::string_view kReasonMarkers[] = {
    "主要原因是", "主要原因为", "主要原因在于", "主要原因：", "原因是",   "原因为",
    "原因在于",   "主要是由于", "主要是因为",   "主要由于",   "主要因为", "主要是",
    "这是由于",   "是由于",     "由于",         "因为"};

std::string_view TrimEnd(std::string_view s) {
  for (bool more = true; more && !s.empty();) {
    more = false;
    s = TrimBlank(s);
    for (std::string_view p : {"。", "；", "！", "？", "，", ",", ";"}) {
      if (s.size() >= p.size() && s.substr(s.size() - p.size()) == p) {
        s.remove_suffix(p.size());
        more = true;
      }
    }
  }
  return s;
}

// The reason clause of a money sentence: from a reason word after its first figure to the
// end ("…减少23.52万元，原因是人员减少。" → "原因是人员减少"), or a leading one up to the comma
// before the first figure ("由于人员减少，支出减少…" → "由于人员减少"). "" when none.
std::string ReasonClause(std::string_view sentence, const SentenceClaims& c) {
  size_t first = sentence.size();
  for (const Mention& m : c.mentions) first = std::min(first, static_cast<size_t>(m.begin));
  for (const DirectionClaim& d : c.directions)
    first = std::min(first, static_cast<size_t>(d.begin));
  size_t at = std::string_view::npos;
  for (std::string_view marker : kReasonMarkers) {
    const size_t found = sentence.find(marker);
    if (found < at) at = found;
  }
  if (at == std::string_view::npos) return "";
  if (at > first) return std::string(TrimEnd(sentence.substr(at)));
  const size_t comma = sentence.rfind("，", first);
  if (comma == std::string_view::npos || comma <= at) return "";
  return std::string(TrimEnd(sentence.substr(at, comma - at)));
}

// The pieces of a paragraph, each ending at 。！？； (kept) or at the paragraph's end.
std::vector<std::string> Pieces(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t pos = 0; pos < text.size();) {
    const char32_t cp = NextCodePoint(text, &pos);
    if (cp == U'。' || cp == U'！' || cp == U'？' || cp == U'；') {
      out.emplace_back(text.substr(start, pos - start));
      start = pos;
    }
  }
  if (start < text.size()) out.emplace_back(text.substr(start));
  return out;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string_view::npos; start = nl + 1) {
    out.emplace_back(text.substr(start, nl - start));
  }
  out.emplace_back(text.substr(start));
  return out;
}

// The paragraph's text with the unit's reason clause after its first sentence.
std::string WithReason(const std::string& text, const std::string& reason) {
  if (reason.empty()) return text;
  const size_t end = text.find("。");
  if (end == std::string::npos) return text + "，" + reason + "。";
  return text.substr(0, end) + "，" + reason + text.substr(end);
}

class Splicer {
 public:
  Splicer(int fiscal_year, const std::vector<ProseParagraph>& paragraphs, SplicedReport* out)
      : fiscal_year_(fiscal_year), paragraphs_(paragraphs), out_(out) {}

  // Rewrites one section text with the paragraphs of `places`; returns whether any went in.
  bool Splice(ReportSection* section, const std::vector<ProsePlace>& places) {
    std::vector<size_t> mine;
    for (size_t i = 0; i < paragraphs_.size(); ++i) {
      if (std::find(places.begin(), places.end(), paragraphs_[i].place) != places.end()) {
        mine.push_back(i);
      }
    }
    if (mine.empty()) return false;
    std::vector<std::string> lines = Lines(section->text);
    // A presumed 无 yields to a unit that states money figures in the section.
    std::erase_if(mine, [&](size_t i) {
      if (!paragraphs_[i].presumed) return false;
      for (const std::string& line : lines) {
        for (const std::string& piece : Pieces(line)) {
          if (StatesMoney(Claims(piece))) return true;
        }
      }
      return false;
    });
    if (mine.empty()) return false;
    std::set<size_t> emitted;
    for (std::string& line : lines) {
      std::string rebuilt;
      bool changed = false;
      for (const std::string& piece : Pieces(line)) {
        const SentenceClaims claims = Claims(piece);
        const std::optional<size_t> p = Classify(piece, claims, mine);
        if (!p) {
          rebuilt += piece;
          continue;
        }
        changed = true;
        const ProseParagraph& para = paragraphs_[*p];
        std::string reason = ReasonClause(piece, claims);
        if (!reason.empty() && para.direction) {
          const std::optional<int> said = StatedDirection(claims, para);
          if (said && *said != *para.direction) {
            out_->notes.push_back(fmt::format("“{}”的原因说明与生成的变动方向不一致，未保留：{}",
                                              ProseTopicKey(para.topic), reason));
            reason.clear();
          }
        }
        if (emitted.insert(*p).second) {
          rebuilt += WithReason(para.text, reason);
        } else if (!reason.empty()) {
          rebuilt += reason + "。";
        }
      }
      if (changed) line = rebuilt;
    }
    std::string text;
    for (size_t i = 0; i < lines.size(); ++i) text += (i ? "\n" : "") + lines[i];
    for (size_t i : mine) {
      if (emitted.count(i)) continue;
      text = IsBlank(text) ? paragraphs_[i].text : text + "\n" + paragraphs_[i].text;
      emitted.insert(i);
    }
    section->text = std::move(text);
    return true;
  }

 private:
  SentenceClaims Claims(const std::string& piece) const {
    Sentence s;
    s.text = piece;
    return ExtractClaims(s, fiscal_year_);
  }

  // The paragraph (of `mine`) a sentence of the unit is replaced by, if any.
  std::optional<size_t> Classify(const std::string& piece, const SentenceClaims& claims,
                                 const std::vector<size_t>& mine) const {
    const bool money = StatesMoney(claims);
    for (size_t i : mine) {
      const ProseParagraph& p = paragraphs_[i];
      if (IsOtherBudget(p.place) && (money || StatesAbsence(piece))) return i;
    }
    if (!money) return std::nullopt;
    for (size_t i : mine) {
      for (const std::string& name : paragraphs_[i].names) {
        if (piece.find(name) != std::string::npos) return i;
      }
    }
    // The first money claim whose subject has a paragraph here.
    std::vector<std::pair<int, Subject>> subjects;
    for (const Mention& m : claims.mentions) {
      if (IsMoneyUnit(m.unit) || m.is_difference) subjects.emplace_back(m.begin, m.subject);
    }
    for (const DirectionClaim& d : claims.directions) subjects.emplace_back(d.begin, d.subject);
    std::stable_sort(subjects.begin(), subjects.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [begin, subject] : subjects) {
      for (size_t i : mine) {
        const std::optional<ProseTopic> t = TopicOf(paragraphs_[i].place, subject);
        if (t && *t == paragraphs_[i].topic) return i;
      }
    }
    return std::nullopt;
  }

  // The direction the unit's sentence states for the paragraph's topic, if it states one.
  static std::optional<int> StatedDirection(const SentenceClaims& claims, const ProseParagraph& p) {
    for (const DirectionClaim& d : claims.directions) {
      const std::optional<ProseTopic> t = TopicOf(p.place, d.subject);
      if ((t && *t == p.topic) || d.subject == Subject::kNone) return d.direction;
    }
    return std::nullopt;
  }

  int fiscal_year_;
  const std::vector<ProseParagraph>& paragraphs_;
  SplicedReport* out_;
};

}  // namespace

std::string_view ProseTopicKey(ProseTopic topic) {
  switch (topic) {
    case ProseTopic::kSpending:
      return "spending";
    case ProseTopic::kAppropriation:
      return "appropriation";
    case ProseTopic::kBasic:
      return "basic";
    case ProseTopic::kPersonnel:
      return "personnel";
    case ProseTopic::kPublicFunds:
      return "public_funds";
    case ProseTopic::kProjects:
      return "projects";
    case ProseTopic::kThreePublic:
      return "three_public";
    case ProseTopic::kBasicBreakdown:
      return "basic_breakdown";
    case ProseTopic::kProjectList:
      return "project_list";
    case ProseTopic::kGovernmentFund:
      return "government_fund";
    case ProseTopic::kStateCapital:
      return "state_capital";
    case ProseTopic::kSocialInsurance:
      return "social_insurance";
  }
  return "";
}

ProseFigures CollectProseFigures(const Package& p) {
  ProseFigures f;
  f.fiscal_year = p.fiscal_year;
  const Funds& funds = p.evaluation.funds;
  const ReportStatements report(p);

  f.spending.current = CellAmount(funds.executed, "/evaluation/funds/executed");
  f.spending.budget = CellAmount(funds.full_year_budget, "/evaluation/funds/full_year_budget");
  f.appropriation.current = CellAmount(funds.general_public, "/evaluation/funds/general_public");
  f.government_fund = CellAmount(funds.government_fund, "/evaluation/funds/government_fund");
  f.special_account = CellAmount(funds.special_account, "/evaluation/funds/special_account");
  f.other_funds = CellAmount(funds.other_funds, "/evaluation/funds/other_funds");

  f.basic = RowFigures(p, "basic");
  if (!f.basic.current) f.basic.current = CellAmount(funds.basic, "/evaluation/funds/basic");
  f.projects = RowFigures(p, "projects");
  if (!f.projects.current) {
    f.projects.current = CellAmount(funds.project, "/evaluation/funds/project");
  }
  f.public_funds = RowFigures(p, "public_funds");
  f.three_public = RowFigures(p, "three_public");
  f.overseas = RowFigures(p, "overseas");
  f.vehicles = RowFigures(p, "vehicles");
  f.reception = RowFigures(p, "reception");
  ForEachExpenseRow(p.basic_data.expenses, [&](const ExpenseVisit& v) {
    if (v.row->key != "project") return;
    ProseProject project;
    project.name = CleanLabel(v.row->label);
    const std::string pointer = v.pointer();
    project.figures.current = RowAmount(*v.row, pointer, ExpenseColumn::kFinal);
    project.figures.budget = RowAmount(*v.row, pointer, ExpenseColumn::kBudget);
    project.figures.prior = RowAmount(*v.row, pointer, ExpenseColumn::kPriorFinal);
    f.project_rows.push_back(std::move(project));
  });

  for (const auto& [subject, figures] :
       {std::pair{Subject::kTotalSpending, &f.spending},
        std::pair{Subject::kAppropriation, &f.appropriation}, std::pair{Subject::kBasic, &f.basic},
        std::pair{Subject::kPersonnel, &f.personnel},
        std::pair{Subject::kPublicFunds, &f.public_funds},
        std::pair{Subject::kProjects, &f.projects},
        std::pair{Subject::kThreePublic, &f.three_public},
        std::pair{Subject::kOverseas, &f.overseas}, std::pair{Subject::kVehicles, &f.vehicles},
        std::pair{Subject::kReception, &f.reception}}) {
    Complete(figures, subject, report, &f.notes);
  }
  // 人员经费 = 基本支出 − 公用经费, when nobody states it.
  for (Slot slot : kSlots) {
    std::optional<ProseAmount>& personnel = SlotOf(f.personnel, slot);
    const std::optional<ProseAmount>& basic = SlotOf(f.basic, slot);
    const std::optional<ProseAmount>& pub = SlotOf(f.public_funds, slot);
    if (personnel || !basic || !pub) continue;
    personnel = ProseAmount{basic->value - pub->value, "derived:基本支出 − 公用经费"};
    f.notes.push_back(fmt::format("人员经费{} {} 按基本支出 − 公用经费计算", SlotName(slot),
                                  Wan(personnel->value)));
  }
  // 基本支出 = 人员经费 + 公用经费: say so when the figures read do not add up.
  for (Slot slot : kSlots) {
    const auto& b = SlotOf(f.basic, slot);
    const auto& pe = SlotOf(f.personnel, slot);
    const auto& pu = SlotOf(f.public_funds, slot);
    if (!b || !pe || !pu) continue;
    const Decimal parts = pe->value + pu->value;
    if (parts.Rounded(2, Rounding::kHalfUp) != b->value.Rounded(2, Rounding::kHalfUp)) {
      f.notes.push_back(fmt::format("基本支出{} {} 不等于人员经费 {} 与公用经费 {} 之和 {}",
                                    SlotName(slot), Wan(b->value), Wan(pe->value), Wan(pu->value),
                                    Wan(parts)));
    }
  }
  return f;
}

std::vector<ProseParagraph> WriteProse(const ProseFigures& figures, const Rulebook& rulebook) {
  Writer w{figures, rulebook, {}};
  w.Spending();
  w.Income();
  w.YearOnYear(ProseTopic::kBasic, "基本支出", figures.basic);
  w.YearOnYear(ProseTopic::kPersonnel, "人员经费", figures.personnel);
  w.YearOnYear(ProseTopic::kPublicFunds, "公用经费", figures.public_funds);
  w.YearOnYear(ProseTopic::kProjects, "项目支出", figures.projects);
  w.ThreePublic();
  w.BasicBreakdown();
  w.ProjectList();
  w.OtherBudgets();
  return std::move(w.out);
}

SplicedReport SpliceProse(const Report& report, int fiscal_year,
                          const std::vector<ProseParagraph>& paragraphs) {
  SplicedReport out;
  out.report = report;
  std::map<ProsePlace, Target> targets = FindTargets(&out.report);
  // Places sharing a section text are spliced together.
  std::map<std::string, Target> by_text;
  for (auto& [place, target] : targets) {
    Target& t = by_text[target.pointer];
    t.section = target.section;
    t.pointer = target.pointer;
    t.places.push_back(place);
  }
  std::set<ProsePlace> missing;
  for (const ProseParagraph& p : paragraphs) {
    if (!targets.count(p.place)) missing.insert(p.place);
  }
  for (ProsePlace place : missing) {
    out.notes.push_back(fmt::format("报告中没有找到第{}部分，其生成段落未写入",
                                    place == ProsePlace::kSpending          ? "一（二）"
                                    : place == ProsePlace::kBasicSpending   ? "二（一）"
                                    : place == ProsePlace::kProjectSpending ? "二（二）"
                                    : place == ProsePlace::kGovernmentFund  ? "三"
                                    : place == ProsePlace::kStateCapital    ? "四"
                                                                            : "五"));
  }
  Splicer splicer(fiscal_year, paragraphs, &out);
  std::set<std::string> generated;
  for (auto& [pointer, target] : by_text) {
    if (splicer.Splice(target.section, target.places)) generated.insert(pointer);
  }
  // In report order.
  for (size_t i = 0; i < out.report.sections.size(); ++i) {
    const std::string base = fmt::format("/report/sections/{}", i);
    if (generated.count(base + "/text")) out.generated_sections.push_back(base + "/text");
    for (size_t j = 0; j < out.report.sections[i].subsections.size(); ++j) {
      const std::string sub = fmt::format("{}/subsections/{}/text", base, j);
      if (generated.count(sub)) out.generated_sections.push_back(sub);
    }
  }
  return out;
}

}  // namespace jixiao
