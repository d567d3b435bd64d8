// The engine as the server uses it: validation, patches, check and score, field diffs and
// the new year's package (package_ops.h).
#include "server/package_ops.h"

#include <fmt/format.h>

#include <map>
#include <mutex>

#include "check/checker.h"
#include "model/package_json.h"
#include "present/diagnostic_format.h"
#include "present/score_format.h"
#include "review/review.h"

namespace jixiao::server {
namespace {

using nlohmann::json;

// Chinese names of the keys of the package format, for readable field names in diffs.
const std::map<std::string, std::string, std::less<>>& KeyNames() {
  static const std::map<std::string, std::string, std::less<>> names = {
      {"basic_data", "基础数据表"},
      {"evaluation", "自评表"},
      {"report", "自评报告"},
      {"unit", "单位"},
      {"name", "名称"},
      {"short_name", "简称"},
      {"fiscal_year", "年度"},
      {"staffing", "人员编制"},
      {"authorized", "编制数"},
      {"on_payroll", "实际在职人数"},
      {"control_rate", "控制率"},
      {"retired", "退休人数"},
      {"total_actual", "实有人数"},
      {"expenses", "经费控制情况"},
      {"prior_final", "上年决算数"},
      {"budget", "预算数"},
      {"final", "决算数"},
      {"buildings", "楼堂馆所"},
      {"approved_area", "批复规模"},
      {"actual_area", "实际规模"},
      {"area_control_rate", "规模控制率"},
      {"budget_investment", "预算投资"},
      {"actual_investment", "实际投资"},
      {"investment_control_rate", "投资概算控制率"},
      {"frugality_measures", "厉行节约保障措施"},
      {"notes", "说明"},
      {"unit_name", "单位名称"},
      {"funds", "预算执行情况"},
      {"initial_budget", "年初预算数"},
      {"full_year_budget", "全年预算数"},
      {"executed", "全年执行数"},
      {"weight", "分值"},
      {"execution_rate", "执行率"},
      {"score", "得分"},
      {"general_public", "一般公共预算"},
      {"government_fund", "政府性基金"},
      {"special_account", "专户管理非税收入"},
      {"other_funds", "其他资金"},
      {"basic", "基本支出"},
      {"project", "项目支出"},
      {"goals", "年度总体目标"},
      {"planned", "预期目标"},
      {"achieved", "实际完成情况"},
      {"indicators", "绩效指标"},
      {"target", "年度指标值"},
      {"actual", "实际完成值"},
      {"deviation", "偏差原因分析及改进措施"},
      {"total_weight", "总分值"},
      {"total_score", "总得分"},
      {"grade", "等级"},
      {"cover", "封面"},
      {"title", "标题"},
      {"date", "日期"},
      {"sections", "章节"},
      {"text", "正文"},
      {"subsections", "小节"},
      {"values", ""},
      {"children", ""},
  };
  return names;
}

std::string Scalar(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// A subtree's own name for diff lines: an indicator's or a row's name, else its summary.
std::string NodeName(const json& v) {
  if (v.is_object()) {
    for (const char* key : {"name", "label", "title", "number", "text"}) {
      auto it = v.find(key);
      if (it != v.end() && it->is_string() && !it->get<std::string>().empty()) {
        std::string s = it->get<std::string>();
        if (s.size() > 60) {
          size_t cut = 60;  // at a character boundary, not inside a UTF-8 sequence
          while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
          s = s.substr(0, cut) + "…";
        }
        return s;
      }
    }
    return "{…}";
  }
  if (v.is_array()) return fmt::format("{} 项", v.size());
  return Scalar(v);
}

// Appends "/" and `key` escaped as a JSON pointer token (~ as ~0, / as ~1).
void AppendToken(std::string* pointer, std::string_view key) {
  pointer->push_back('/');
  for (char ch : key) {
    if (ch == '~') {
      *pointer += "~0";
    } else if (ch == '/') {
      *pointer += "~1";
    } else {
      pointer->push_back(ch);
    }
  }
}

// The diff of `a` and `b` at `pointer`, which it extends and restores as it descends (one
// string for the whole walk). Objects are walked side by side in their keys' order, as both
// keep them sorted: no lookup of one's keys in the other.
void Diff(const json& a, const json& b, std::string* pointer, const json& root_after,
          const json& root_before, json* out) {
  const size_t mark = pointer->size();
  if (a.type() == b.type() && a.is_object()) {
    // First what `a` has (changed or removed), then what only `b` has (added).
    auto jt = b.begin();
    for (auto it = a.begin(); it != a.end(); ++it) {
      while (jt != b.end() && jt.key() < it.key()) ++jt;
      AppendToken(pointer, it.key());
      if (jt == b.end() || jt.key() != it.key()) {
        out->push_back({{"pointer", *pointer},
                        {"field", FieldName(root_before, *pointer)},
                        {"before", NodeName(*it)},
                        {"after", "（删除）"}});
      } else {
        Diff(*it, *jt, pointer, root_after, root_before, out);
      }
      pointer->resize(mark);
    }
    auto it = a.begin();
    for (jt = b.begin(); jt != b.end(); ++jt) {
      while (it != a.end() && it.key() < jt.key()) ++it;
      if (it != a.end() && it.key() == jt.key()) continue;
      AppendToken(pointer, jt.key());
      out->push_back({{"pointer", *pointer},
                      {"field", FieldName(root_after, *pointer)},
                      {"before", "（新增）"},
                      {"after", NodeName(*jt)}});
      pointer->resize(mark);
    }
    return;
  }
  if (a.type() == b.type() && a.is_array()) {
    const size_t common = std::min(a.size(), b.size());
    const auto at = [&](size_t i) {
      pointer->resize(mark);
      *pointer += '/';
      *pointer += std::to_string(i);
    };
    for (size_t i = 0; i < common; ++i) {
      at(i);
      Diff(a[i], b[i], pointer, root_after, root_before, out);
    }
    for (size_t i = common; i < a.size(); ++i) {
      at(i);
      out->push_back({{"pointer", *pointer},
                      {"field", FieldName(root_before, *pointer)},
                      {"before", NodeName(a[i])},
                      {"after", "（删除）"}});
    }
    for (size_t i = common; i < b.size(); ++i) {
      at(i);
      out->push_back({{"pointer", *pointer},
                      {"field", FieldName(root_after, *pointer)},
                      {"before", "（新增）"},
                      {"after", NodeName(b[i])}});
    }
    pointer->resize(mark);
    return;
  }
  if (a == b) return;
  out->push_back({{"pointer", pointer->empty() ? "/" : *pointer},
                  {"field", FieldName(root_after, *pointer)},
                  {"before", a.is_structured() ? NodeName(a) : Scalar(a)},
                  {"after", b.is_structured() ? NodeName(b) : Scalar(b)}});
}

bool Within(const std::string& inner, const std::string& outer) {
  return inner == outer ||
         (inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 &&
          inner[outer.size()] == '/');
}

// A cell emptied for the new year; "not applicable" stays (it is the form's, not the year's).
Cell Cleared(const Cell& c) { return c.kind == Cell::Kind::kNotApplicable ? c : Cell::Blank(); }

void ClearFunds(Cell* initial, Cell* full_year, Cell* executed, Cell* rate, Cell* score) {
  for (Cell* c : {initial, full_year, executed, rate, score}) *c = Cleared(*c);
}

void EmptyCells(Indicator* node) {
  node->actual.clear();
  node->score = Cell::Blank();
  node->deviation.clear();
  for (Indicator& child : node->children) EmptyCells(&child);
}

void CarryPrior(ExpenseRow* row) {
  row->at(ExpenseColumn::kPriorFinal) = row->at(ExpenseColumn::kFinal);
  row->at(ExpenseColumn::kBudget) = Cell::Blank();
  row->at(ExpenseColumn::kFinal) = Cell::Blank();
  for (ExpenseRow& child : row->children) CarryPrior(&child);
}

}  // namespace

std::shared_ptr<const Rulebook> RulebookFor(const std::string& id, const std::string& fallback) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const Rulebook>> cache;
  std::lock_guard<std::mutex> lock(mu);
  for (const std::string& want : {id, fallback, std::string("national")}) {
    if (want.empty()) continue;
    auto it = cache.find(want);
    if (it != cache.end()) return it->second;
    Result<Rulebook> r = BundledRulebook(want);
    if (!r.ok()) continue;
    auto shared = std::make_shared<const Rulebook>(std::move(r).value());
    cache.emplace(want, shared);
    return shared;
  }
  return nullptr;  // the bundled "national" always parses (rulebook_test pins it)
}

Result<Validated> ValidatePackage(std::string_view text, const std::string& source_name) {
  Result<Package> p = ParsePackageJson(text, source_name);
  if (!p.ok()) return p.status();
  Validated v{std::move(p).value(), ""};
  v.canonical = WritePackageJson(v.package);
  return v;
}

Result<json> ApplyPatch(json doc, const json& patch) {
  // Applied one operation at a time, in place (the document is not copied for each), so the
  // message names the one that failed; a failed patch leaves a document nobody uses.
  for (size_t i = 0; i < patch.size(); ++i) {
    try {
      doc.patch_inplace(json::array({patch[i]}));
    } catch (const json::exception& e) {
      const json& op = patch[i];
      const std::string what =
          op.is_object() ? Scalar(op.value("op", json())) + " " + Scalar(op.value("path", json()))
                         : op.dump();
      std::string reason = e.id == 403 || e.id == 404 ? "路径不存在 / no such path"
                           : e.id == 501              ? "test 不成立 / test failed"
                                                      : e.what();
      return Status::InvalidArgument(fmt::format("第 {} 个操作（{}）：{}", i + 1, what, reason));
    }
  }
  return doc;
}

Evaluation EvaluatePackage(const Package& package, const Rulebook& rulebook) {
  Evaluation e;
  const ScoreSheet sheet = ScorePackage(package, rulebook);
  // A save that leaves the report as it was reads it again from the checker's cache.
  CheckOptions options;
  options.remember_report = true;
  e.diagnostics = CheckPackage(package, rulebook, sheet, options);
  const FormatOptions fo{true, package.fiscal_year};
  e.diagnostics_json = "[";
  std::vector<Diagnostic> notes;
  for (const Diagnostic& d : e.diagnostics) {
    if (e.diagnostics_json.size() > 1) e.diagnostics_json += ',';
    AppendDiagnosticJson(&e.diagnostics_json, d, fo);
    ++e.summary.findings[static_cast<size_t>(d.severity)];
    if (d.code == "W403" || d.code == "W404") notes.push_back(d);
  }
  e.diagnostics_json += ']';
  e.summary.unit_name =
      package.unit.name.empty() ? package.evaluation.unit_name : package.unit.name;
  // As `jixiao score` prints them (the rulebook's decimals): its "total" and "execution_rate".
  e.summary.total = sheet.total.Normalized().ToString();
  e.summary.grade = sheet.grade;
  e.summary.execution_rate =
      sheet.execution.rate
          ? sheet.execution.rate->value.Format(rulebook.rate_decimals, rulebook.rate_rounding)
          : std::string();
  // The risk as `jixiao review` explains it (docs/review.md), from the package alone: the
  // dashboard adds what needs other rows (late submission against the year's deadline).
  const ReviewedPackage reviewed = ReviewPackage(package, rulebook, sheet, e.diagnostics, {});
  e.summary.risk = reviewed.risk.ToString();
  json signals = json::array();
  for (const RiskSignal& s : reviewed.signals) {
    signals.push_back({{"key", s.key},
                       {"name", s.name_zh},
                       {"weight", s.weight.ToString()},
                       {"evidence", s.evidence_zh}});
  }
  e.summary.risk_signals = signals.dump(-1, ' ', false, json::error_handler_t::replace);
  // Kept as text only, written directly (no tree to build, keep or free).
  e.score_json = ScoreJsonText(package, rulebook, sheet, notes, fo);
  return e;
}

json DiffPackages(const json& before, const json& after) {
  json out = json::array();
  std::string pointer;
  pointer.reserve(128);
  Diff(before, after, &pointer, after, before, &out);
  return out;
}

std::string FieldName(const json& package, const std::string& pointer) {
  std::vector<std::string> parts;
  const json* node = &package;
  size_t pos = 1;
  while (pos <= pointer.size() && pointer.size() > 1) {
    size_t next = pointer.find('/', pos);
    if (next == std::string::npos) next = pointer.size();
    std::string token = pointer.substr(pos, next - pos);
    // Unescape ~1 and ~0.
    for (size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      if (i + 1 < token.size()) token.replace(i, 2, token[i + 1] == '1' ? "/" : "~");
    }
    const json* child = nullptr;
    if (node && node->is_object() && node->contains(token)) child = &(*node)[token];
    if (node && node->is_array() && !token.empty() &&
        token.find_first_not_of("0123456789") == std::string::npos &&
        std::stoul(token.substr(0, 9)) < node->size()) {
      child = &(*node)[std::stoul(token.substr(0, 9))];
    }
    if (node && node->is_array()) {
      std::string n = child ? NodeName(*child) : "";
      parts.push_back(n.empty() || n == "{…}" ? fmt::format("第 {} 项", token) : n);
    } else {
      auto it = KeyNames().find(token);
      if (it == KeyNames().end()) {
        parts.push_back(token);
      } else if (!it->second.empty()) {
        parts.push_back(it->second);
      }
    }
    node = child;
    pos = next + 1;
  }
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += " › ";
    out += p;
  }
  return out;
}

std::vector<std::string> ConflictingFields(const json& ours, const json& theirs) {
  std::vector<std::string> out;
  for (const json& a : ours) {
    const std::string pa = a.value("pointer", "");
    for (const json& b : theirs) {
      const std::string pb = b.value("pointer", "");
      if (Within(pa, pb) || Within(pb, pa)) {
        out.push_back(pa);
        break;
      }
    }
  }
  return out;
}

Package StartFromLastYear(const Package& last, int fiscal_year) {
  Package p = last;
  p.fiscal_year = fiscal_year;
  p.provenance.clear();
  p.parts = PartStates();
  p.evidence.emplace();  // last year's evidence proves last year's figures
  Staffing& s = p.basic_data.staffing;
  s.on_payroll = Cell::Blank();
  s.control_rate = Cell::Blank();
  s.retired = Cell::Blank();
  s.total_actual = Cell::Blank();
  for (ExpenseRow& row : p.basic_data.expenses) CarryPrior(&row);
  p.basic_data.buildings.clear();
  Funds& f = p.evaluation.funds;
  ClearFunds(&f.initial_budget, &f.full_year_budget, &f.executed, &f.execution_rate, &f.score);
  for (Cell* c : {&f.general_public, &f.government_fund, &f.special_account, &f.other_funds,
                  &f.basic, &f.project}) {
    *c = Cleared(*c);
  }
  f.reason.clear();
  for (FundsRow& row : f.rows) {
    ClearFunds(&row.initial_budget, &row.full_year_budget, &row.executed, &row.execution_rate,
               &row.score);
  }
  p.evaluation.goals.achieved.clear();
  for (Indicator& i : p.evaluation.indicators) EmptyCells(&i);
  p.evaluation.total_score = Cell::Blank();
  p.evaluation.grade.clear();
  p.report.cover.date.clear();
  p.report.cover.title = fmt::format("{}年度{}整体支出绩效自评报告", fiscal_year,
                                     p.unit.short_name.empty() ? p.unit.name : p.unit.short_name);
  return p;
}

Package BlankPackage(const std::string& unit_name, int fiscal_year, const std::string& rulebook) {
  Package p;
  p.rulebook = rulebook;
  p.fiscal_year = fiscal_year;
  p.unit.name = unit_name;
  p.evaluation.unit_name = unit_name;
  p.report.cover.unit = unit_name;
  p.report.cover.title = fmt::format("{}年度{}整体支出绩效自评报告", fiscal_year, unit_name);
  return p;
}

}  // namespace jixiao::server
