// Names of documents, tables and columns.
#include "model/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

namespace jixiao {
namespace {

struct Name {
  std::string_view key;
  std::string_view zh;
  std::string_view en;
};

template <size_t N>
std::string Lookup(const std::array<Name, N>& names, std::string_view key, bool zh) {
  for (const Name& n : names) {
    if (n.key == key) return std::string(zh ? n.zh : n.en);
  }
  return std::string(key);
}

constexpr std::array<Name, 5> kDocuments = {{
    {"source", "原文件", "source document"},
    {"basic_data", "附件1 基础数据表", "basic data table"},
    {"evaluation", "部门整体支出绩效自评表", "self-evaluation table"},
    {"report", "自评报告", "self-evaluation report"},
    {"package", "自评材料", "package"},
}};

constexpr std::array<Name, 9> kTables = {{
    {"staffing", "财政供养人员情况", "staffing"},
    {"expenses", "经费控制情况", "expense control"},
    {"buildings", "楼堂馆所控制情况", "office buildings"},
    {"funds", "年度资金", "funds"},
    {"goals", "年度总体目标", "annual goals"},
    {"indicators", "绩效指标", "performance indicators"},
    {"total", "总分", "total"},
    {"cover", "封面", "cover"},
    {"sections", "正文", "sections"},
}};

constexpr std::array<Name, 35> kColumns = {{
    {"authorized", "编制数", "authorized posts"},
    {"on_payroll", "实际在职人数", "staff on payroll"},
    {"control_rate", "控制率", "control rate"},
    {"retired", "退休人数", "retired staff"},
    {"total_actual", "实有人数", "staff in total"},
    {"initial_budget", "年初预算数", "initial budget"},
    {"full_year_budget", "全年预算数", "full-year budget"},
    {"executed", "全年执行数", "executed"},
    {"weight", "分值", "weight"},
    {"execution_rate", "执行率", "execution rate"},
    {"score", "得分", "score"},
    {"general_public", "一般公共预算", "general public budget"},
    {"government_fund", "政府性基金拨款", "government funds"},
    {"special_account", "纳入专户管理的非税收入拨款", "special-account non-tax revenue"},
    {"other_funds", "其他资金", "other funds"},
    {"basic", "基本支出", "basic expenditure"},
    {"project", "项目支出", "project expenditure"},
    {"target", "年度指标值", "target"},
    {"actual", "实际完成值", "actual"},
    {"deviation", "偏差原因分析及改进措施", "deviation analysis"},
    {"approved_area", "批复规模（㎡）", "approved area (m²)"},
    {"actual_area", "实际规模（㎡）", "actual area (m²)"},
    {"area_control_rate", "规模控制率", "area control rate"},
    {"budget_investment", "预算投资（万元）", "budgeted investment"},
    {"actual_investment", "实际投资（万元）", "actual investment"},
    {"investment_control_rate", "投资概算控制率", "investment control rate"},
    {"unit_name", "单位名称", "unit name"},
    {"total_score", "总分得分", "total score"},
    {"total_weight", "总分分值", "total weight"},
    {"grade", "等级", "grade"},
    {"title", "标题", "title"},
    {"date", "日期", "date"},
    {"planned", "预期目标", "planned"},
    {"achieved", "实际完成情况", "achieved"},
    {"unit", "单位", "unit"},
}};

std::vector<std::string> Tokens(std::string_view pointer) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < pointer.size() && pointer[at] == '/') {
    const size_t end = std::min(pointer.find('/', at + 1), pointer.size());
    std::string token(pointer.substr(at + 1, end - at - 1));
    for (size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      if (i + 1 < token.size()) token.replace(i, 2, token[i + 1] == '1' ? "/" : "~");
    }
    out.push_back(std::move(token));
    at = end;
  }
  return out;
}

// The index a token names, or -1.
long Index(const std::string& token, size_t size) {
  if (token.empty() || token.size() > 9 ||
      token.find_first_not_of("0123456789") != std::string::npos) {
    return -1;
  }
  const long i = std::stol(token);
  return static_cast<size_t>(i) < size ? i : -1;
}

std::string SectionHeading(const ReportSection& s) {
  if (s.number.empty()) return s.title;
  const bool bracketed = s.number.rfind("（", 0) == 0 || s.number.rfind("(", 0) == 0;
  return s.number + (bracketed ? "" : "、") + s.title;
}

}  // namespace

std::string PlaceOfPointer(const Package& package, std::string_view pointer, bool zh) {
  const std::vector<std::string> t = Tokens(pointer);
  const int year = package.fiscal_year;
  const std::string sep = " › ";
  auto column = [&](size_t i) { return i < t.size() ? sep + ColumnName(t[i], year, zh) : ""; };
  if (t.size() < 2) return std::string(pointer);
  std::string out = DocumentName(t[0], zh);
  if (t[0] == "basic_data") {
    out += sep + TableName(t[1], zh);
    if (t[1] == "staffing") return out + column(2);
    if (t[1] == "expenses") {
      const std::vector<ExpenseRow>* rows = &package.basic_data.expenses;
      size_t i = 2;
      const ExpenseRow* row = nullptr;
      while (i < t.size()) {
        const long at = Index(t[i], rows->size());
        if (at < 0) break;
        row = &(*rows)[at];
        out += sep + row->label;
        if (i + 2 < t.size() && t[i + 1] == "children") {
          rows = &row->children;
          i += 2;
          continue;
        }
        i += 1;
        break;
      }
      if (i < t.size() && t[i] == "values") ++i;
      return out + column(i);
    }
    if (t[1] == "buildings" && t.size() > 2) {
      const long at = Index(t[2], package.basic_data.buildings.size());
      if (at >= 0) out += sep + package.basic_data.buildings[at].name;
      return out + column(3);
    }
    return out + column(2);
  }
  if (t[0] == "evaluation") {
    if (t[1] == "funds") {
      out += sep + TableName("funds", zh);
      // A row under 年度资金总额: "/evaluation/funds/rows/1/executed" → its label, its column.
      if (t.size() > 3 && t[2] == "rows") {
        const long at = Index(t[3], package.evaluation.funds.rows.size());
        if (at >= 0) return out + sep + package.evaluation.funds.rows[at].label + column(4);
      }
      return out + column(2);
    }
    if (t[1] == "goals") {
      out += sep + TableName("goals", zh);
      if (t.size() > 3 && t[2] == "planned") {
        const long at = Index(t[3], package.evaluation.goals.planned.size());
        if (at >= 0)
          return out + sep + (zh ? fmt::format("目标{}", at + 1) : fmt::format("goal {}", at + 1));
      }
      return out + column(2);
    }
    if (t[1] == "indicators") {
      out += sep + TableName("indicators", zh);
      const std::vector<Indicator>* level = &package.evaluation.indicators;
      size_t i = 2;
      while (i < t.size()) {
        const long at = Index(t[i], level->size());
        if (at < 0) break;
        const Indicator& ind = (*level)[at];
        out += sep + ind.name;
        if (i + 2 < t.size() && t[i + 1] == "children") {
          level = &ind.children;
          i += 2;
          continue;
        }
        i += 1;
        break;
      }
      return out + column(i);
    }
    if (t[1] == "total_score" || t[1] == "total_weight" || t[1] == "grade") {
      return out + sep + TableName("total", zh) + column(1);
    }
    return out + column(1);
  }
  if (t[0] == "report") {
    if (t[1] == "cover") return out + sep + TableName("cover", zh) + column(2);
    if (t[1] == "sections") {
      const std::vector<ReportSection>* level = &package.report.sections;
      size_t i = 2;
      while (i < t.size()) {
        const long at = Index(t[i], level->size());
        if (at < 0) break;
        out += sep + SectionHeading((*level)[at]);
        if (i + 2 < t.size() && t[i + 1] == "subsections") {
          level = &(*level)[at].subsections;
          i += 2;
          continue;
        }
        break;
      }
      return out;
    }
  }
  return std::string(pointer);
}

std::string DocumentName(std::string_view key, bool zh) { return Lookup(kDocuments, key, zh); }

std::string TableName(std::string_view key, bool zh) { return Lookup(kTables, key, zh); }

std::string ColumnName(std::string_view key, int fiscal_year, bool zh) {
  if (key == "prior_final") {
    return zh ? fmt::format("{}年决算数", fiscal_year - 1)
              : fmt::format("{} final accounts", fiscal_year - 1);
  }
  if (key == "budget") {
    return zh ? fmt::format("{}年预算数", fiscal_year) : fmt::format("{} budget", fiscal_year);
  }
  if (key == "final") {
    return zh ? fmt::format("{}年决算数", fiscal_year)
              : fmt::format("{} final accounts", fiscal_year);
  }
  return Lookup(kColumns, key, zh);
}

}  // namespace jixiao
