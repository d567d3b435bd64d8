// Text and JSON views of a score sheet.
#include "present/score_format.h"

#include <fmt/format.h>

#include "base/json_text.h"
#include "base/text.h"
#include "compute/derived.h"
#include "model/walk.h"
#include "present/text_table.h"

namespace jixiao {
namespace {

std::string Computed(const LeafScore& s, const Rulebook& rb, bool zh) {
  switch (s.method) {
    case ScoreMethod::kNotAssessable:
      return zh ? "无法评价" : "not assessable";
    case ScoreMethod::kQualitative: {
      const std::string lo = s.computed.lo().Rounded(rb.score_decimals).Normalized().ToString();
      const std::string hi = s.computed.hi().Rounded(rb.score_decimals).Normalized().ToString();
      return fmt::format("[{}, {}] {}", lo, hi, BandName(s.band, zh));
    }
    case ScoreMethod::kDeadline:
      if (s.met) return s.point ? s.point->Normalized().ToString() : "";
      return fmt::format("[{}, {}] {}",
                         s.computed.lo().Rounded(rb.score_decimals).Normalized().ToString(),
                         s.computed.hi().Rounded(rb.score_decimals).Normalized().ToString(),
                         zh ? "未按时" : "late");
    default:
      return s.point ? s.point->Normalized().ToString() : "";
  }
}

// How a leaf's direction was decided, when it was not written in the target: "指标库
// staff_control（名称含“人员控制率”）：越低越好，按 ≤ 计" / "default: ≥".
std::string DirectionText(const LeafScore& s, bool zh) {
  const std::string_view op = s.direction == Direction::kLowerBetter ? "≤"
                              : s.direction == Direction::kEqual     ? "="
                                                                     : "≥";
  switch (s.direction_source) {
    case DirectionSource::kLibrary:
      return zh ? fmt::format("年度指标值未写比较符，按评分规则指标库“{}”（匹配“{}”）按 {} 计",
                              s.library->id, s.library_match, op)
                : fmt::format(
                      "the target has no operator; the rulebook's indicator library entry "
                      "\"{}\" (matching \"{}\") reads it as {}",
                      s.library->id, s.library_match, op);
    case DirectionSource::kDefault:
      return zh ? "年度指标值未写比较符，指标库无此指标，按 ≥ 计"
                : "the target has no operator and the library does not know the indicator: ≥";
    case DirectionSource::kOperator:
      return zh ? fmt::format("年度指标值写明了比较符，按 {} 计", op)
                : fmt::format("the operator written in the target: {}", op);
    case DirectionSource::kPackage:
      return zh ? fmt::format("按指标自身的方向（direction）按 {} 计", op)
                : fmt::format("the indicator's own direction: {}", op);
    default:
      return "";
  }
}

std::string RangeText(const Interval& r, int decimals) {
  return fmt::format("[{}, {}]", r.lo().Rounded(decimals).Normalized().ToString(),
                     r.hi().Rounded(decimals).Normalized().ToString());
}

std::string Cleaned(const std::string& s) { return std::string(TrimBlank(s)); }

nlohmann::ordered_json DerivedJson(const Package& package, const Rulebook& rb,
                                   const FormatOptions& o) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const DerivedFigure& d : DeriveFigures(package, rb)) {
    all.push_back({{"key", d.key},
                   {"name", o.zh ? d.name_zh : d.name_en},
                   {"formula", d.formula},
                   {"value", d.value.value.Normalized().ToString()},
                   {"shown", d.shown},
                   {"percent", d.percent}});
  }
  return all;
}

}  // namespace

std::string FormatScoreText(const Package& package, const Rulebook& rb, const ScoreSheet& sheet,
                            const std::vector<Diagnostic>& notes, const FormatOptions& o) {
  const Funds& f = package.evaluation.funds;
  const ExecutionResult& ex = sheet.execution;
  std::string out;
  const std::string unit = Cleaned(
      package.evaluation.unit_name.empty() ? package.unit.name : package.evaluation.unit_name);
  if (package.kind == PackageKind::kProject) {  // project tables: the project, then the unit
    out += o.zh ? fmt::format("{} · {} {}年度项目支出绩效自评 · 评分规则 {}\n\n",
                              Cleaned(package.project.name), unit, package.fiscal_year, rb.id)
                : fmt::format("{} ({}), fiscal year {}: project scores under rulebook {}\n\n",
                              Cleaned(package.project.name), unit, package.fiscal_year, rb.id);
  } else {
    out += o.zh ? fmt::format("{} {}年度部门整体支出绩效自评 · 评分规则 {}\n\n", unit,
                              package.fiscal_year, rb.id)
                : fmt::format("{}, fiscal year {}: scores under rulebook {}\n\n", unit,
                              package.fiscal_year, rb.id);
  }

  const std::string rate = ex.rate ? ex.rate->value.Format(rb.rate_decimals, rb.rate_rounding) + "%"
                                   : (o.zh ? "无法计算" : "cannot compute");
  const std::string score =
      ex.score ? ex.score->ToString() : (o.zh ? "无法计算" : "cannot compute");
  out += o.zh ? "预算执行\n" : "Budget execution\n";
  out +=
      RenderTextTable({{o.zh ? "年初预算数" : "initial budget", f.initial_budget.Display(),
                        o.zh ? "全年预算数" : "full-year budget", f.full_year_budget.Display(),
                        o.zh ? "全年执行数" : "executed", f.executed.Display()},
                       {o.zh ? "执行率" : "execution rate", rate, o.zh ? "填报" : "reported",
                        f.execution_rate.Display()},
                       {o.zh ? "执行率得分" : "execution score", score, o.zh ? "填报" : "reported",
                        f.score.Display(), o.zh ? "分值" : "weight", f.weight.Display()}},
                      "  ");
  // The rows under 年度资金总额, each scored on its own figures, and the form's method.
  if (!f.rows.empty()) {
    std::vector<std::vector<std::string>> fund_rows = {
        {o.zh ? "资金分项" : "funds row", o.zh ? "执行率" : "rate", o.zh ? "填报" : "reported",
         o.zh ? "分值" : "weight", o.zh ? "复算得分" : "recomputed",
         o.zh ? "填报得分" : "reported"}};
    for (size_t i = 0; i < f.rows.size() && i < sheet.fund_rows.size(); ++i) {
      const ExecutionResult& r = sheet.fund_rows[i];
      fund_rows.push_back(
          {Cleaned(f.rows[i].label),
           r.rate ? r.rate->value.Format(rb.rate_decimals, rb.rate_rounding) + "%" : "",
           f.rows[i].execution_rate.Display(), f.rows[i].weight.Display(),
           r.score ? r.score->ToString() : "", f.rows[i].score.Display()});
    }
    out += RenderTextTable(fund_rows, "  ");
  }
  if (!f.method.empty()) {
    const FundsMethod& m = sheet.funds_method;
    out += o.zh ? fmt::format("  得分计算方法：{}（{}）\n", Cleaned(f.method),
                              m.understood ? "读作：" + m.how_zh : "未能理解，按评分规则")
                : fmt::format("  scoring method: {} ({})\n", Cleaned(f.method),
                              m.understood ? "read as: " + m.how_en
                                           : "not understood; the rulebook applies");
  }
  out += "\n";

  std::vector<std::vector<std::string>> rows;
  rows.push_back({o.zh ? "绩效指标" : "indicator", o.zh ? "年度指标值" : "target",
                  o.zh ? "实际完成值" : "actual", o.zh ? "分值" : "weight",
                  o.zh ? "填报得分" : "reported", o.zh ? "复算得分" : "recomputed"});
  size_t leaf = 0;
  ForEachIndicator(package.evaluation.indicators, [&](const IndicatorVisit& v) {
    const std::string indent(static_cast<size_t>((v.depth - 1) * 2), ' ');
    const Indicator& n = *v.node;
    if (leaf < sheet.leaves.size() && sheet.leaves[leaf].indicator == &n) {
      const LeafScore& s = sheet.leaves[leaf++];
      rows.push_back({indent + Cleaned(n.name), Cleaned(n.target), Cleaned(n.actual),
                      n.weight.Display(), n.score.Display(), Computed(s, rb, o.zh)});
    } else if (!n.is_leaf()) {
      // A weight written as a range shows as such ("≥60", "50–60").
      std::string weight = n.weight.Display();
      if (n.weight.blank() && n.weight_min.has_number()) {
        weight = n.weight_max.has_number() ? n.weight_min.Display() + "–" + n.weight_max.Display()
                                           : "≥" + n.weight_min.Display();
      }
      rows.push_back({indent + Cleaned(n.name), "", "", weight, "", ""});
    }
  });
  out += RenderTextTable(rows, "  ");
  for (const LeafScore& s : sheet.leaves) {
    const std::string& note = o.zh ? s.note_zh : s.note_en;
    if (!note.empty()) out += fmt::format("  * {}: {}\n", Cleaned(s.indicator->name), note);
    // A direction not written in the target, and where it came from (the library, ≥ by default).
    if (s.direction_source == DirectionSource::kLibrary ||
        s.direction_source == DirectionSource::kPackage) {
      out += fmt::format("  * {}: {}\n", Cleaned(s.indicator->name), DirectionText(s, o.zh));
    }
  }
  out += "\n";

  const Cell& reported_total = package.evaluation.total_score;
  out +=
      o.zh ? fmt::format("总分 {}（填报 {}；复算区间 {}）\n", sheet.total.Normalized().ToString(),
                         reported_total.Display(), RangeText(sheet.total_range, rb.score_decimals))
           : fmt::format("Total {} (reported {}; recomputed range {})\n",
                         sheet.total.Normalized().ToString(), reported_total.Display(),
                         RangeText(sheet.total_range, rb.score_decimals));
  if (sheet.not_assessable > 0) {
    out += o.zh
               ? fmt::format("其中 {} 项指标无法评价，未计入总分\n", sheet.not_assessable)
               : fmt::format("{} indicator(s) not assessable, not counted\n", sheet.not_assessable);
  }
  out += fmt::format("{} {}\n", o.zh ? "等级" : "Grade", sheet.grade);
  const std::vector<DerivedFigure> derived = DeriveFigures(package, rb);
  if (!derived.empty()) {
    out += o.zh ? "\n派生指标\n" : "\nDerived figures\n";
    std::vector<std::vector<std::string>> drows;
    for (const DerivedFigure& d : derived) {
      drows.push_back({o.zh ? d.name_zh : d.name_en, d.shown, d.formula});
    }
    out += RenderTextTable(drows, "  ");
  }
  if (!notes.empty()) {
    out += o.zh ? "\n评分规则提示\n" : "\nRulebook notes\n";
    for (const Diagnostic& d : notes) out += fmt::format("  {} {}\n", d.code, d.message(o.zh));
  }
  return out;
}

namespace {

// A member whose value is a string, or null when there is none.
void StringOrNull(JsonObjectWriter& w, std::string_view key,
                  const std::optional<std::string>& value) {
  if (value) return w.String(key, *value);
  *w.Key(key) += "null";
}

// A member whose value is a range written as two strings, [lo, hi].
void StringPair(JsonObjectWriter& w, std::string_view key, const std::string& lo,
                const std::string& hi) {
  std::string* to = w.Key(key);
  to->push_back('[');
  AppendJsonString(to, lo);
  to->push_back(',');
  AppendJsonString(to, hi);
  to->push_back(']');
}

std::optional<std::string> Printed(const std::optional<Decimal>& d) {
  return d ? std::optional<std::string>(d->Normalized().ToString()) : std::nullopt;
}

}  // namespace

std::string ScoreJsonText(const Package& package, const Rulebook& rb, const ScoreSheet& sheet,
                          const std::vector<Diagnostic>& notes, const FormatOptions& o) {
  const ExecutionResult& ex = sheet.execution;
  const Funds& f = package.evaluation.funds;
  std::string out;
  out.reserve(1024 + 768 * sheet.leaves.size());
  JsonObjectWriter w(&out);
  w.String("rulebook", rb.id);
  w.String("unit", Cleaned(package.evaluation.unit_name.empty() ? package.unit.name
                                                                : package.evaluation.unit_name));
  w.Int("fiscal_year", package.fiscal_year);
  StringOrNull(w, "execution_rate",
               ex.rate ? std::optional<std::string>(
                             ex.rate->value.Format(rb.rate_decimals, rb.rate_rounding))
                       : std::nullopt);
  StringOrNull(
      w, "execution_rate_exact",
      ex.rate ? std::optional<std::string>(ex.rate->value.Normalized().ToString()) : std::nullopt);
  w.String("execution_weight", f.weight.Display());
  StringOrNull(w, "execution_score",
               ex.score ? std::optional<std::string>(ex.score->ToString()) : std::nullopt);
  std::string* list = w.Key("indicators");
  list->push_back('[');
  for (size_t i = 0; i < sheet.leaves.size(); ++i) {
    const LeafScore& s = sheet.leaves[i];
    const Indicator& n = *s.indicator;
    if (i > 0) out.push_back(',');
    JsonObjectWriter j(&out);
    j.String("path", s.path);
    j.String("pointer", s.pointer);
    j.String("name", Cleaned(n.name));
    j.String("target", Cleaned(n.target));
    j.String("actual", Cleaned(n.actual));
    j.String("weight", n.weight.Display());
    j.String("reported_score", n.score.Display());
    j.String("method", ScoreMethodKey(s.method));
    *j.Key("met") += s.met ? "true" : "false";
    j.String("band", BandKey(s.band));
    StringOrNull(j, "computed_score", Printed(s.point));
    if (s.method == ScoreMethod::kNotAssessable) {
      *j.Key("computed_range") += "null";
    } else {
      StringPair(j, "computed_range",
                 s.computed.lo().Rounded(rb.score_decimals + 2).Normalized().ToString(),
                 s.computed.hi().Rounded(rb.score_decimals + 2).Normalized().ToString());
    }
    StringOrNull(j, "accepted_score", Printed(s.accepted));
    j.String("note", o.zh ? s.note_zh : s.note_en);
    // The direction scored with and why; only for comparisons (not words, dates, ranges).
    if (s.direction_source != DirectionSource::kNone) {
      j.String("direction", DirectionKey(s.direction));
      j.String("direction_source", DirectionSourceKey(s.direction_source));
      if (s.library != nullptr) {
        j.String("library_entry", s.library->id);
        j.String("library_match", s.library_match);
      }
      j.String("direction_reason", DirectionText(s, o.zh));
    }
    if (!n.coefficient.blank()) {
      j.String("coefficient", n.coefficient.Display());
      StringOrNull(j, "coefficient_score", Printed(s.coefficient_score));
    }
    j.Close();
  }
  out.push_back(']');
  w.String("total", sheet.total.Normalized().ToString());
  StringPair(w, "total_range",
             sheet.total_range.lo().Rounded(rb.score_decimals).Normalized().ToString(),
             sheet.total_range.hi().Rounded(rb.score_decimals).Normalized().ToString());
  w.Int("not_assessable", sheet.not_assessable);
  w.String("grade", sheet.grade);
  {
    JsonObjectWriter r(w.Key("reported"));
    r.String("execution_rate", f.execution_rate.Display());
    r.String("execution_score", f.score.Display());
    r.String("total", package.evaluation.total_score.Display());
    r.String("grade", package.evaluation.grade);
    r.Close();
  }
  std::string* to = w.Key("notes");
  to->push_back('[');
  for (size_t i = 0; i < notes.size(); ++i) {
    if (i > 0) to->push_back(',');
    AppendDiagnosticJson(to, notes[i], o);
  }
  to->push_back(']');
  *w.Key("derived") += DerivedJson(package, rb, o)
                           .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  w.Close();
  return out;
}

nlohmann::ordered_json ScoreJson(const Package& package, const Rulebook& rb,
                                 const ScoreSheet& sheet, const std::vector<Diagnostic>& notes,
                                 const FormatOptions& o) {
  return nlohmann::ordered_json::parse(ScoreJsonText(package, rb, sheet, notes, o));
}

}  // namespace jixiao
