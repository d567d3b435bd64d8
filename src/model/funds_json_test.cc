// The rows under 年度资金总额 and the form's 得分计算方法 in the package's JSON: written only when
// present (a one-row form's package reads and writes as before), read back exactly, and
// refused with the place of the mistake.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/package_json.h"

namespace jixiao {
namespace {

Cell N(const char* s, bool pct = false) { return Cell::Number(*Decimal::Parse(s), pct); }

Package WithRows() {
  Package p;
  p.fiscal_year = 2023;
  Funds& f = p.evaluation.funds;
  f.initial_budget = N("1051.00");
  f.full_year_budget = Cell::NotApplicable();
  f.executed = N("1053.48");
  f.weight = N("10");
  f.execution_rate = Cell::NotApplicable();
  f.score = N("10");
  f.method = "执行率×该指标分值，最高不得超过分值上限。";
  FundsRow basic;
  basic.key = "basic";
  basic.label = "基本支出";
  basic.initial_budget = N("836.40");
  basic.full_year_budget = Cell::NotApplicable();
  basic.executed = N("802.15");
  basic.weight = N("10");
  basic.execution_rate = N("95.91", true);
  basic.score = N("9.59");
  FundsRow unnamed;
  unnamed.label = "单位资金";  // a row we have no name for
  unnamed.initial_budget = N("0.00");
  f.rows = {basic, unnamed};
  return p;
}

TEST(FundsJson, RowsAndMethodRoundTrip) {
  const std::string out = WritePackageJson(WithRows());
  const auto j = nlohmann::ordered_json::parse(out);
  const auto& funds = j["evaluation"]["funds"];
  EXPECT_EQ(funds.size(), 14u);
  EXPECT_EQ(funds["method"], "执行率×该指标分值，最高不得超过分值上限。");
  ASSERT_EQ(funds["rows"].size(), 2u);
  EXPECT_EQ(
      funds["rows"][0].dump(),
      R"({"key":"basic","label":"基本支出","initial_budget":"836.40","full_year_budget":"n/a",)"
      R"("executed":"802.15","weight":"10","execution_rate":"95.91%","score":"9.59"})");
  EXPECT_EQ(funds["rows"][1]["key"], "");
  EXPECT_TRUE(funds["rows"][1]["executed"].is_null());

  const Result<Package> back = ParsePackageJson(out, "x.json");
  ASSERT_TRUE(back.ok()) << back.status().message();
  const Funds& f = back->evaluation.funds;
  EXPECT_EQ(f.method, WithRows().evaluation.funds.method);
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.rows[0].label, "基本支出");
  EXPECT_EQ(f.rows[0].full_year_budget.kind, Cell::Kind::kNotApplicable);
  EXPECT_TRUE(f.rows[0].execution_rate.percent);
  EXPECT_EQ(f.rows[0].execution_rate.value.ToString(), "95.91");
  EXPECT_EQ(f.rows[1].initial_budget.Display(), "0.00");
  EXPECT_EQ(WritePackageJson(*back), out);
}

TEST(FundsJson, AOneRowPackageHasNeitherKey) {
  const auto j = nlohmann::ordered_json::parse(WritePackageJson(Package{}));
  EXPECT_FALSE(j["evaluation"]["funds"].contains("rows"));
  EXPECT_FALSE(j["evaluation"]["funds"].contains("method"));
}

TEST(FundsJson, MistakesInARowArePlaced) {
  const Result<Package> typo = ParsePackageJson(
      R"({"schema": "jixiao.package/1", "evaluation": {"funds": {"rows": [{"key": "basic", "exectued": "1"}]}}})",
      "x.json");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(
      typo.status().message().find(
          R"(/evaluation/funds/rows/0/exectued: unknown key "exectued"; did you mean "executed"?)"),
      std::string::npos)
      << typo.status().message();
  const Result<Package> cell = ParsePackageJson(
      R"({"schema": "jixiao.package/1", "evaluation": {"funds": {"rows": [{"score": 9.5}]}}})",
      "x.json");
  ASSERT_FALSE(cell.ok());
  EXPECT_NE(cell.status().message().find("/evaluation/funds/rows/0/score"), std::string::npos)
      << cell.status().message();
}

}  // namespace
}  // namespace jixiao
