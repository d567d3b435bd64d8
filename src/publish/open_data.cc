// Open data of a year's published packages (see open_data.h, docs/open-data.md).
#include "publish/open_data.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/csv.h"

namespace jixiao {
namespace {

using ordered_json = nlohmann::ordered_json;

void Line(std::string* out, const std::vector<std::string>& fields) {
  for (size_t k = 0; k < fields.size(); ++k) *out += (k > 0 ? "," : "") + CsvField(fields[k]);
  *out += "\r\n";
}

// A number cell as the CSV holds it: the exact decimal, or empty (blank, "n/a").
std::string Amount(const Cell& c) {
  return c.has_number() && c.value.valid() ? c.value.Normalized().ToString() : "";
}

// The classifications of amounts.csv: code, name, where the figures come from.
struct Classification {
  const char* code;
  const char* name;
};
constexpr Classification kFundsTotal = {"total", "年度资金总额"};
constexpr Classification kFromFunds[] = {{"basic", "基本支出"}, {"project", "项目支出"}};
constexpr Classification kFromExpenses[] = {
    {"three_public", "三公经费"},         {"vehicles", "公务用车购置和维护"},
    {"vehicle_purchase", "公务用车购置"}, {"vehicle_operation", "公务用车运行维护"},
    {"overseas", "因公出国（境）"},       {"reception", "公务接待"}};

const ExpenseRow* FindExpense(const std::vector<ExpenseRow>& rows, std::string_view key) {
  for (const ExpenseRow& r : rows) {
    if (r.key == key) return &r;
    if (const ExpenseRow* found = FindExpense(r.children, key)) return found;
  }
  return nullptr;
}

ordered_json Field(const char* name, const char* type, const char* title,
                   const char* description = nullptr) {
  ordered_json f = {{"name", name}, {"type", type}, {"title", title}};
  if (description != nullptr) f["description"] = description;
  return f;
}

ordered_json Measure(const char* source, const char* phase) {
  return {{"source", source}, {"resource", "amounts"},      {"currency", "CNY"},
          {"factor", 10000},  {"direction", "expenditure"}, {"phase", phase}};
}

}  // namespace

OpenData BuildOpenData(const std::string& region, const std::string& slug, int fiscal_year,
                       const std::vector<PublishedEntry>& entries) {
  OpenData out;
  const std::vector<std::string> amount_fields = {
      "fiscal_year",         "unit_id", "unit_code", "unit_name", "department", "classification",
      "classification_name", "source",  "approved",  "adjusted",  "executed"};
  Line(&out.amounts_csv, amount_fields);
  const std::vector<std::string> score_fields = {"fiscal_year", "unit_id",    "unit_code",
                                                 "unit_name",   "department", "execution_rate",
                                                 "total",       "grade",      "published"};
  Line(&out.scores_csv, score_fields);
  const std::string year = std::to_string(fiscal_year);
  for (const PublishedEntry& e : entries) {
    if (e.package == nullptr) continue;
    const std::string id = std::to_string(e.unit_id);
    auto row = [&](const Classification& c, const char* source, const std::string& approved,
                   const std::string& adjusted, const std::string& executed) {
      if (approved.empty() && adjusted.empty() && executed.empty()) return;
      Line(&out.amounts_csv, {year, id, e.unit_code, e.unit_name, e.department, c.code, c.name,
                              source, approved, adjusted, executed});
    };
    const Funds& f = e.package->evaluation.funds;
    row(kFundsTotal, "自评表", Amount(f.initial_budget), Amount(f.full_year_budget),
        Amount(f.executed));
    for (const Classification& c : kFromFunds) {
      // The funds' rows by nature when the form has them (three columns), else the one figure
      // the form prints for each (the year's execution).
      const FundsRow* by_row = nullptr;
      for (const FundsRow& r : f.rows) {
        if (r.key == c.code) by_row = &r;
      }
      if (by_row != nullptr) {
        row(c, "自评表", Amount(by_row->initial_budget), Amount(by_row->full_year_budget),
            Amount(by_row->executed));
      } else {
        row(c, "自评表", "", "", Amount(std::string_view(c.code) == "basic" ? f.basic : f.project));
      }
    }
    for (const Classification& c : kFromExpenses) {
      const ExpenseRow* r = FindExpense(e.package->basic_data.expenses, c.code);
      if (r == nullptr) continue;
      row(c, "基础数据表", Amount(r->at(ExpenseColumn::kBudget)), "",
          Amount(r->at(ExpenseColumn::kFinal)));
    }
    Line(&out.scores_csv, {year, id, e.unit_code, e.unit_name, e.department, e.execution_rate,
                           e.total, e.grade, e.published_date});
  }

  ordered_json amounts_schema = {
      {"fields",
       {Field("fiscal_year", "integer", "年度"), Field("unit_id", "integer", "单位编号"),
        Field("unit_code", "string", "单位编码"), Field("unit_name", "string", "单位名称"),
        Field("department", "string", "主管部门"), Field("classification", "string", "分类代码"),
        Field("classification_name", "string", "分类"),
        Field("source", "string", "来源表", "自评表（年度资金）或基础数据表（经费控制情况）"),
        Field("approved", "number", "年初预算数（万元）"),
        Field("adjusted", "number", "全年预算数（万元）"),
        Field("executed", "number", "全年执行数 / 决算数（万元）")}},
      {"primaryKey", {"fiscal_year", "unit_id", "classification"}},
      {"missingValues", {""}}};
  ordered_json scores_schema = {
      {"fields",
       {Field("fiscal_year", "integer", "年度"), Field("unit_id", "integer", "单位编号"),
        Field("unit_code", "string", "单位编码"), Field("unit_name", "string", "单位名称"),
        Field("department", "string", "主管部门"),
        Field("execution_rate", "number", "预算执行率（%）"), Field("total", "number", "自评得分"),
        Field("grade", "string", "等级"), Field("published", "date", "公开日期")}},
      {"primaryKey", {"fiscal_year", "unit_id"}},
      {"missingValues", {""}}};
  auto resource = [](const char* name, const char* path, const char* title, ordered_json schema) {
    return ordered_json{{"profile", "tabular-data-resource"},
                        {"name", name},
                        {"path", path},
                        {"title", title},
                        {"format", "csv"},
                        {"mediatype", "text/csv"},
                        {"encoding", "utf-8"},
                        {"schema", std::move(schema)}};
  };
  ordered_json dp = {
      // The Fiscal Data Package's JSON Schema extends the Tabular Data Package's, whose profile
      // it keeps: a package is fiscal by its `model`.
      {"profile", "tabular-data-package"},
      {"name", fmt::format("jixiao-{}-{}", slug, fiscal_year)},
      {"title", fmt::format("{} {} 年度部门整体支出绩效自评公开数据", region, fiscal_year)},
      {"description",
       "已公开的部门整体支出绩效自评：各单位的预算、调整后预算与执行数（万元），以及执行率、"
       "自评得分和等级。"},
      {"fiscalPeriod",
       {{"start", fmt::format("{}-01-01", fiscal_year)},
        {"end", fmt::format("{}-12-31", fiscal_year)}}},
      {"countryCode", "CN"},
      {"resources",
       {resource("amounts", "amounts.csv", "预算与执行（万元）", std::move(amounts_schema)),
        resource("scores", "scores.csv", "执行率、自评得分与等级", std::move(scores_schema))}},
      {"model",
       {{"measures",
         {{"approved", Measure("approved", "approved")},
          {"adjusted", Measure("adjusted", "adjusted")},
          {"executed", Measure("executed", "executed")}}},
        {"dimensions",
         {{"fiscal_year",
           {{"attributes", {{"fiscal_year", {{"source", "fiscal_year"}}}}},
            {"primaryKey", "fiscal_year"},
            {"dimensionType", "datetime"}}},
          {"unit",
           {{"attributes",
             {{"unit_id", {{"source", "unit_id"}}},
              {"unit_code", {{"source", "unit_code"}}},
              {"unit_name", {{"source", "unit_name"}, {"labelfor", "unit_id"}}},
              {"department", {{"source", "department"}}}}},
            {"primaryKey", "unit_id"},
            {"dimensionType", "entity"}}},
          {"classification",
           {{"attributes",
             {{"classification", {{"source", "classification"}}},
              {"classification_name",
               {{"source", "classification_name"}, {"labelfor", "classification"}}}}},
            {"primaryKey", "classification"},
            {"dimensionType", "classification"},
            {"classificationType", "economic"}}},
          {"source",
           {{"attributes", {{"source", {{"source", "source"}}}}},
            {"primaryKey", "source"},
            {"dimensionType", "other"}}}}}}}};
  out.datapackage_json = dp.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
  return out;
}

}  // namespace jixiao
