// Names of documents, tables and columns.
#include "model/names.h"

#include <fmt/format.h>

#include <array>

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

constexpr std::array<Name, 32> kColumns = {{
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
}};

}  // namespace

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
