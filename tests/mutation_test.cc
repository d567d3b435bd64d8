// The mutation test: one error at a time is injected into the corrected example — in the
// basic data table, the 自评表, the report's prose or its cover — and the checker must find each
// with the code of its kind (another check firing by the way does not count). Every mutant is
// the smallest change that is still provably an error: one unit in the last digit where a
// restatement must be exact, just past the rounding interval where a figure is worked out.
// Neutral mutants — the same facts written another way (127.10 → 127.1, 万元 → 元, 约125万元,
// full-width digits, synonyms, a true rate added, sentences reordered) — must raise nothing
// new. Prints the rates by kind; requires ≥ 150 real mutants of ≥ 35 kinds with ≥ 98% found,
// ≥ 60 neutral ones with none flagged, and nothing wrong on the unmutated package.
#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "check/checker.h"
#include "model/package_json.h"
#include "model/walk.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }

Package Corrected() {
  Result<Package> p =
      LoadPackageFile(testing::SourceDir() + "/examples/lingling-kexie-2024-corrected.json");
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? std::move(p).value() : Package{};
}

// Replaces `from` (which must occur) by `to` in every report text.
bool ReplaceInReport(Package* p, const std::string& from, const std::string& to) {
  bool done = false;
  std::function<void(ReportSection&)> walk = [&](ReportSection& s) {
    if (!done) {
      const size_t at = s.text.find(from);
      if (at != std::string::npos) {
        s.text.replace(at, from.size(), to);
        done = true;
      }
    }
    for (ReportSection& sub : s.subsections) walk(sub);
  };
  for (ReportSection& s : p->report.sections) walk(s);
  return done;
}

ExpenseRow* Row(Package* p, const std::string& key) {
  ExpenseRow* found = nullptr;
  std::function<void(std::vector<ExpenseRow>&)> walk = [&](std::vector<ExpenseRow>& rows) {
    for (ExpenseRow& r : rows) {
      if (!found && r.key == key) found = &r;
      walk(r.children);
    }
  };
  walk(p->basic_data.expenses);
  return found;
}

Indicator& Leaf(Package* p, int a, int b, int c) {
  return p->evaluation.indicators[a].children[b].children[c];
}

struct Mutation {
  std::string kind;  // what class of error (one code each)
  std::string what;
  std::function<bool(Package*)> apply;  // false when the mutation could not be applied
  std::string expected_code;            // "" for a neutral mutant
};

using Apply = std::function<bool(Package*)>;

// Replaces the first `from` of the report by `to`.
Apply Prose(std::string from, std::string to) {
  return [from, to](Package* p) { return ReplaceInReport(p, from, to); };
}
// Adds a sentence at the end of section 六.
Apply Add(std::string sentence) {
  return [sentence](Package* p) {
    if (p->report.sections.size() < 6) return false;
    p->report.sections[5].text += "\n" + sentence;
    return true;
  };
}
// Sets an expense row's cell (blank for "").
Apply Expense(std::string key, ExpenseColumn column, std::string value) {
  return [key, column, value](Package* p) {
    ExpenseRow* r = Row(p, key);
    if (r == nullptr) return false;
    r->at(column) = value.empty() ? Cell::Blank() : Cell::Number(D(value.c_str()));
    return true;
  };
}
Apply Set(std::function<void(Package*)> f) {
  return [f](Package* p) {
    f(p);
    return true;
  };
}

constexpr ExpenseColumn kPrior = ExpenseColumn::kPriorFinal;
constexpr ExpenseColumn kBudget = ExpenseColumn::kBudget;
constexpr ExpenseColumn kFinal = ExpenseColumn::kFinal;

std::vector<Mutation> Mutations() {
  std::vector<Mutation> m;
  const auto prose = [&](const char* kind, std::string from, std::string to, const char* code) {
    m.push_back({kind, "报告：" + from + " → " + to, Prose(from, to), code});
  };
  const auto add = [&](const char* kind, std::string sentence, const char* code) {
    m.push_back({kind, "报告加一句：" + sentence, Add(sentence), code});
  };
  const auto table = [&](const char* kind, std::string what, Apply apply, const char* code) {
    m.push_back({kind, what, std::move(apply), code});
  };

  // ---- the basic data table ----
  table("table-total", "公务接待 2024 决算 0.68 → 0.78", Expense("reception", kFinal, "0.78"), "A101");
  table("table-total", "公务接待 2023 决算 0.67 → 0.57", Expense("reception", kPrior, "0.57"), "A101");
  table("table-total", "项目支出小计 2023 29.56 → 30.56", Expense("projects", kPrior, "30.56"), "A101");
  table("table-total", "项目支出小计 2024 决算 0 → 2", Expense("projects", kFinal, "2"), "A101");
  table("table-part-exceeds", "基本支出 2024 决算 124.88 → 30.00", Expense("basic", kFinal, "30.00"), "A102");
  table("table-part-exceeds", "基本支出 2023 决算 118.84 → 20.00", Expense("basic", kPrior, "20.00"), "A102");
  table("table-parts-exceed", "基本支出 2024 决算 124.88 → 37.00", Expense("basic", kFinal, "37.00"), "A103");
  table("staff-control-rate", "控制率 87.5% → 85.7%",
        Set([](Package* p) { p->basic_data.staffing.control_rate = Cell::Number(D("85.7"), true); }), "R201");
  table("staff-control-rate", "控制率 87.5% → 88.5%",
        Set([](Package* p) { p->basic_data.staffing.control_rate = Cell::Number(D("88.5"), true); }), "R201");
  table("negative-amount", "在职 7 → -7",
        Set([](Package* p) { p->basic_data.staffing.on_payroll = Cell::Number(D("-7")); }), "A105");
  table("negative-amount", "公用经费 2024 决算 36.70 → -36.70", Expense("public_funds", kFinal, "-36.70"), "A105");
  table("negative-amount", "公务接待 2023 决算 0.67 → -0.67", Expense("reception", kPrior, "-0.67"), "A105");
  table("negative-amount", "全年执行数 124.88 → -124.88",
        Set([](Package* p) { p->evaluation.funds.executed = Cell::Number(D("-124.88")); }), "A105");
  table("above-budget", "公用经费 2024 决算 36.70 → 37.70", Expense("public_funds", kFinal, "37.70"), "P909");
  table("above-budget", "基本支出 2024 决算 124.88 → 128.88", Expense("basic", kFinal, "128.88"), "P909");
  table("above-budget", "三公经费 2024 预算 0.68 → 0.58", Expense("three_public", kBudget, "0.58"), "P909");
  table("above-budget", "公务接待 2024 预算 0.68 → 0.60", Expense("reception", kBudget, "0.60"), "P909");

  // ---- the 自评表 ----
  const auto funds = [](std::function<void(Funds&)> f) {
    return Set([f](Package* p) { f(p->evaluation.funds); });
  };
  table("execution-rate", "执行率 98.25 → 98.52", funds([](Funds& f) { f.execution_rate = Cell::Number(D("98.52")); }), "R202");
  table("execution-rate", "执行率 98.25 → 98.28", funds([](Funds& f) { f.execution_rate = Cell::Number(D("98.28")); }), "R202");
  table("execution-score", "执行率得分 9.8 → 9.6", funds([](Funds& f) { f.score = Cell::Number(D("9.6")); }), "S301");
  table("execution-score", "执行率得分 9.8 → 9.5", funds([](Funds& f) { f.score = Cell::Number(D("9.5")); }), "S301");
  table("funds-split", "一般公共预算 124.88 → 120.88", funds([](Funds& f) { f.general_public = Cell::Number(D("120.88")); }), "A104");
  table("funds-split", "基本支出（按支出性质）124.88 → 125.88", funds([](Funds& f) { f.basic = Cell::Number(D("125.88")); }), "A104");
  table("spending-without-budget", "全年预算数 127.10 → 0", funds([](Funds& f) { f.full_year_budget = Cell::Number(D("0")); }), "A106");
  table("spending-without-budget", "年初、全年预算数都清空",
        funds([](Funds& f) {
          f.full_year_budget = Cell::Blank();
          f.initial_budget = Cell::Blank();
        }),
        "A106");
  const auto leaf = [](int a, int b, int c, std::function<void(Indicator&)> f) {
    return Set([a, b, c, f](Package* p) { f(Leaf(p, a, b, c)); });
  };
  table("indicator-score", "受众人数 实际 25000 → 15000（得分仍为 10）", leaf(0, 0, 1, [](Indicator& i) { i.actual = "15000"; }), "S302");
  table("indicator-score", "活动开展率 实际 100% → 80%（得分仍为 10）", leaf(0, 0, 2, [](Indicator& i) { i.actual = "80%"; }), "S302");
  table("qualitative-band", "上级部门认可程度 得分 5 → 3", leaf(0, 1, 0, [](Indicator& i) { i.score = Cell::Number(D("3")); }), "S303");
  table("qualitative-band", "科普氛围 得分 10 → 7", leaf(0, 1, 2, [](Indicator& i) { i.score = Cell::Number(D("7")); }), "S303");
  table("score-above-weight", "科普氛围 得分 10 → 12", leaf(0, 1, 2, [](Indicator& i) { i.score = Cell::Number(D("12")); }), "S305");
  table("score-above-weight", "受众人数 得分 10 → 11", leaf(0, 0, 1, [](Indicator& i) { i.score = Cell::Number(D("11")); }), "S305");
  const auto evaluation = [](std::function<void(Evaluation&)> f) {
    return Set([f](Package* p) { f(p->evaluation); });
  };
  table("total-score", "总分 99.8 → 98.8", evaluation([](Evaluation& e) { e.total_score = Cell::Number(D("98.8")); }), "S306");
  table("total-score", "总分 99.8 → 99.9", evaluation([](Evaluation& e) { e.total_score = Cell::Number(D("99.9")); }), "S306");
  table("total-score", "总分 99.8 → 99.7", evaluation([](Evaluation& e) { e.total_score = Cell::Number(D("99.7")); }), "S306");
  table("grade", "等级 填“良”", evaluation([](Evaluation& e) { e.grade = "良"; }), "S307");
  table("grade", "等级 填“差”", evaluation([](Evaluation& e) { e.grade = "差"; }), "S307");
  table("group-weight", "产出指标 分值 50 → 55", evaluation([](Evaluation& e) { e.indicators[0].weight = Cell::Number(D("55")); }), "W401");
  table("group-weight", "效益指标 分值 40 → 45", evaluation([](Evaluation& e) { e.indicators[1].weight = Cell::Number(D("45")); }), "W401");
  table("indicator-count", "科普活动 实际完成 29 → 25", leaf(0, 0, 0, [](Indicator& i) { i.actual = "25"; }), "X705");
  table("indicator-count", "科普活动 实际完成 29 → 30", leaf(0, 0, 0, [](Indicator& i) { i.actual = "30"; }), "X705");
  table("adjustment-undisclosed", "预算调整行清空",
        Set([](Package* p) {
          ExpenseRow* r = Row(p, "basic_adjustment");
          r->at(kBudget) = Cell::Blank();
          r->at(kFinal) = Cell::Blank();
        }),
        "X702");

  // ---- the cover ----
  const auto cover = [](std::function<void(Package&)> f) {
    return Set([f](Package* p) { f(*p); });
  };
  table("unit-name", "封面单位 → 永州市零陵区文化馆", cover([](Package& p) { p.report.cover.unit = "永州市零陵区文化馆"; }), "X706");
  table("unit-name", "自评表单位 → 永州市冷水滩区科学技术协会", cover([](Package& p) { p.evaluation.unit_name = "永州市冷水滩区科学技术协会"; }), "X706");
  table("unit-name", "报告标题 → 零陵区文化馆", cover([](Package& p) { p.report.cover.title = "2024年度零陵区文化馆整体支出绩效自评报告"; }), "X706");
  table("unit-name", "单位名称 → 永州市零陵区妇女联合会", cover([](Package& p) { p.unit.name = "永州市零陵区妇女联合会"; }), "X706");
  table("fiscal-year", "报告标题 2024年度 → 2023年度", cover([](Package& p) { p.report.cover.title = "2023年度零陵区科协整体支出绩效自评报告"; }), "X707");
  table("fiscal-year", "报告标题 2024年度 → 2025年度", cover([](Package& p) { p.report.cover.title = "2025年度零陵区科协整体支出绩效自评报告"; }), "X707");
  table("report-date", "日期 2025年7月10日 → 2024年7月10日", cover([](Package& p) { p.report.cover.date = "2024年7月10日"; }), "C508");
  table("report-date", "日期 → 2024年12月31日", cover([](Package& p) { p.report.cover.date = "2024年12月31日"; }), "C508");
  table("report-date", "日期 → 2025年2月30日", cover([](Package& p) { p.report.cover.date = "2025年2月30日"; }), "C508");
  table("report-date", "日期 → 2025年13月1日", cover([](Package& p) { p.report.cover.date = "2025年13月1日"; }), "C508");

  // ---- the report: a figure of the tables restated (exact at the same precision) ----
  prose("restated-count", "核定编制8名", "核定编制9名", "X701");
  prose("restated-count", "实有人员17人", "实有人员18人", "X701");
  prose("restated-count", "在职7人", "在职8人", "X701");
  prose("restated-count", "退休10人", "退休11人", "X701");
  add("restated-count", "编制数为7名。", "X701");
  prose("restated-amount", "基本支出本年为124.88万元", "基本支出本年为124.89万元", "X701");
  prose("restated-amount", "上年为118.84万元", "上年为118.85万元", "X701");
  prose("restated-amount", "日常公用经费本年为36.70万元", "日常公用经费本年为36.71万元", "X701");
  prose("restated-amount", "上年为24.52万元", "上年为24.53万元", "X701");
  prose("restated-amount", "项目支出本年为0万元", "项目支出本年为1万元", "X701");
  prose("restated-amount", "上年为29.56万元", "上年为29.57万元", "X701");
  prose("restated-amount", "公务接待费0.68万元；本年决算", "公务接待费0.69万元；本年决算", "X701");
  prose("restated-amount", "公务接待费0.68万元；上年", "公务接待费0.69万元；上年", "X701");
  prose("restated-amount", "公务接待费0.67万元", "公务接待费0.66万元", "X701");
  prose("restated-amount", "基本支出合计124.88万元", "基本支出合计124.87万元", "X701");
  prose("restated-amount", "公用经费36.70万元两部分", "公用经费36.69万元两部分", "X701");
  prose("restated-amount", "项目支出37万元", "项目支出38万元", "X701");
  prose("restated-amount", "（一般公共预算）本年为124.88万元", "（一般公共预算）本年为124.89万元", "X701");
  prose("restated-amount", "决算均为124.88万元", "决算均为124.89万元", "X701");
  prose("restated-amount", "公用经费36.70万元两部分", "公用经费367,100元两部分", "X701");
  add("restated-amount", "年初预算为153.54万元。", "X701");
  add("restated-amount", "全年预算为127.11万元。", "X701");
  add("restated-amount", "2023年基本支出118.85万元。", "X701");
  add("restated-amount", "公用经费决算36.71万元。", "X701");
  add("restated-amount", "三公经费决算0.69万元。", "X701");
  add("restated-amount", "项目支出预算38万元。", "X701");
  add("restated-amount", "基本支出预算127.11万元。", "X701");
  add("restated-amount", "2023年公务接待费0.68万元。", "X701");
  prose("prior-total", "2023年为148.40万元", "2023年为148.42万元", "X701");
  prose("prior-total", "2023年为148.40万元", "2023年为148.50万元", "X701");
  prose("prior-total", "2023年为148.40万元", "2023年为138.40万元", "X701");

  // ---- differences, units, directions ----
  prose("difference", "同比减少23.52万元，原因", "同比减少23.54万元，原因", "N801");
  prose("difference", "同比减少23.52万元。", "同比减少23.50万元。", "N801");
  prose("difference", "较上年增加6.04万元", "较上年增加6.06万元", "N801");
  prose("difference", "相比减少6.14万元", "相比减少6.16万元", "N801");
  prose("difference", "多出12.18万元", "多出12.20万元", "N801");
  prose("difference", "同比减少29.56万元", "同比减少30.56万元", "N801");
  prose("difference", "比上年增加0.01万元，增长1.49%", "比上年增加0.03万元，增长1.49%", "N801");
  prose("change-and-percent", "增长1.49%", "增长2.49%", "N807");
  prose("difference", "总额比上年增加0.01万元", "总额比上年增加0.03万元", "N801");
  add("difference", "基本支出较上年增加6.06万元。", "N801");
  prose("unit", "减少6.14万元", "减少6.14元", "N802");
  prose("unit", "多出12.18万元", "多出12.18元", "N802");
  prose("unit", "公用经费36.70万元两部分", "公用经费36.70元两部分", "N802");
  prose("unit", "较上年增加6.04万元", "较上年增加6.04元", "N802");
  prose("unit", "项目支出37万元", "项目支出37元", "N802");
  prose("unit", "2023年为148.40万元", "2023年为148.40元", "N802");
  prose("unit-missing", "同比减少23.52万元，原因", "同比减少23.52，原因", "N804");
  prose("unit-missing", "相比减少6.14万元", "相比减少6.14", "N804");
  prose("unit-missing", "多出12.18万元", "多出12.18", "N804");
  prose("unit-missing", "同比减少29.56万元", "同比减少29.56", "N804");
  prose("direction", "减少6.14万元", "增加6.14万元", "N803");
  prose("direction", "多出12.18万元", "减少12.18万元", "N803");
  prose("direction", "比上年增加0.01万元，增长1.49%", "与上年持平", "N803");
  prose("direction", "同比减少23.52万元，原因", "同比增加23.52万元，原因", "N803");
  prose("direction", "较上年增加6.04万元", "较上年减少6.04万元", "N803");
  prose("direction", "同比减少29.56万元", "同比增加29.56万元", "N803");
  add("direction", "项目支出比上年增加29.56万元。", "N803");
  add("between-columns", "基本支出决算数与预算数持平。", "N803");
  add("between-columns", "公用经费决算数比预算数增加1万元。", "N803");
  add("between-columns", "三公经费决算数比预算数减少0.01万元。", "N803");

  // ---- rates in prose ----
  add("rate-execution", "预算执行率为98.26%。", "N805");
  add("rate-execution", "预算执行率为98.24%。", "N805");
  add("rate-execution", "全年预算执行率为98.4%。", "N805");
  add("rate-execution", "执行率达到99.25%。", "N805");
  add("rate-execution", "资金执行率为97.25%。", "N805");
  add("rate-execution", "预算执行率为98.15%。", "N805");
  add("rate-execution", "年初预算执行率为81.44%。", "N805");
  add("rate-staff", "人员控制率为87.6%。", "N805");
  add("rate-staff", "人员控制率为89%。", "N805");
  add("rate-staff", "编制控制率为85.7%。", "N805");
  add("rate-control", "公用经费控制率为101%。", "N805");
  add("rate-control", "“三公”经费控制率为103%。", "N805");
  add("rate-adjustment", "预算调整率为17.25%。", "N805");
  add("rate-adjustment", "预算调减幅度为16.21%。", "N805");

  // ---- the budget-adjustment sentence ----
  prose("adjustment", "由年初的153.53万元", "由年初的153.54万元", "N806");
  prose("adjustment", "由年初的153.53万元", "由年初的163.53万元", "N806");
  prose("adjustment", "调减为127.10万元", "调减为127.11万元", "N806");
  prose("adjustment", "调减为127.10万元", "调减为127.00万元", "N806");
  prose("adjustment", "调减为127.10万元", "调增为127.10万元", "N806");
  prose("adjustment", "，减少26.43万元", "，减少26.45万元", "N806");
  prose("adjustment", "，减少26.43万元", "，增加26.43万元", "N806");

  // ---- a difference and its percentage ----
  prose("change-and-percent", "同比减少23.52万元，原因", "同比减少23.52万元，下降15.95%，原因", "N807");
  prose("change-and-percent", "同比减少23.52万元，原因", "同比减少23.52万元，下降15.86%，原因", "N807");
  prose("change-and-percent", "较上年增加6.04万元", "较上年增加6.04万元，增长5.18%", "N807");
  prose("change-and-percent", "相比减少6.14万元", "相比减少6.14万元，下降6.61%", "N807");
  prose("change-and-percent", "多出12.18万元", "多出12.18万元，增长48.67%", "N807");
  prose("change-and-percent", "同比减少23.52万元。", "同比减少23.52万元，下降15.75%。", "N807");

  // ---- counts against lists, the report against itself, balances, composition ----
  prose("count-list", "3个股室", "4个股室", "N808");
  prose("count-list", "3个股室", "2个股室", "N808");
  prose("count-list", "三所学校", "四所学校", "N808");
  prose("count-list", "三所学校", "两所学校", "N808");
  prose("count-list", "办公室、学会工作部和普及工作部", "办公室、学会工作部和办公室", "N808");
  add("count-list", "下设4个股室：办公室、学会工作部、普及工作部。", "N808");
  prose("contradiction", "由人员经费88.18万元", "由人员经费88.28万元", "N809");
  add("contradiction", "人员经费本年为86.18万元。", "N809");
  add("contradiction", "在职人员8人。", "N809");
  add("contradiction", "核定编制数为9名。", "N809");
  prose("contradiction", "日常公用经费本年为36.70万元", "日常公用经费本年为36.80万元", "N809");
  prose("balance", "基本支出合计124.88万元", "基本支出合计124.98万元", "N810");
  add("balance", "本年收入124.88万元，支出120.00万元，结余结转4.00万元。", "N810");
  add("balance", "年初预算153.53万元，调减26.43万元，全年预算128.10万元。", "N810");
  add("balance", "公用经费36.70万元，其中办公费20万元、差旅费20万元。", "N810");
  add("composition", "核定编制8名，其中退休人员2人。", "N811");
  prose("composition", "实有人员17人", "实有人员16人", "N811");
  add("composition", "实有人员17人，其中在职7人、退休10人、离休1人。", "N811");
  add("composition", "单位实有人员17人，其中在职人员8人、退休人员10人。", "N811");

  // ---- the goals ----
  prose("goals", "和第5届青少年机器人竞赛，加大", "，加大", "X704");
  // ---- the 自评表's own text ----
  table("evaluation-text", "年度目标完成情况写“全年共支出89.97万元，其中30、30、29.99”",
        Set([](Package* p) { p->evaluation.goals.achieved = "全年共支出89.97万元，其中30、30、29.99。"; }),
        "N801");
  table("evaluation-text", "科普活动偏差原因写“经费共32万元：场地10万元，宣传10万元，资料10万元”",
        leaf(0, 0, 0, [](Indicator& i) { i.deviation = "经费共32万元：场地10万元，宣传10万元，资料10万元。"; }),
        "N801");
  return m;
}

// The same facts written another way: nothing new may be raised.
std::vector<Mutation> Neutral() {
  std::vector<Mutation> m;
  const auto prose = [&](std::string from, std::string to) {
    m.push_back({"neutral", "报告：" + from + " → " + to, Prose(from, to), ""});
  };
  const auto add = [&](std::string sentence) {
    m.push_back({"neutral", "报告加一句：" + sentence, Add(sentence), ""});
  };
  const auto set = [&](std::string what, std::function<void(Package*)> f) {
    m.push_back({"neutral", what, Set(std::move(f)), ""});
  };
  // Trailing zeros, other units, lower precision, approximations.
  prose("调减为127.10万元", "调减为127.1万元");
  prose("由年初的153.53万元", "由年初的1,535,300元");
  prose("决算均为124.88万元", "决算均为1,248,800元");
  prose("公用经费36.70万元两部分", "公用经费36.7万元两部分");
  prose("公用经费36.70万元两部分", "公用经费367,000元两部分");
  prose("基本支出本年为124.88万元", "基本支出本年为124.9万元");
  prose("基本支出合计124.88万元", "基本支出合计约125万元");
  prose("决算均为124.88万元", "决算均为124.880万元");
  prose("公务接待费0.68万元；本年决算", "公务接待费6,800元；本年决算");
  prose("公务接待费0.67万元", "公务接待费6700元");
  prose("2023年为148.40万元", "2023年为148.4万元");
  prose("项目支出本年为0万元", "项目支出本年为0.00万元");
  prose("项目支出37万元", "项目支出37.00万元");
  prose("增长1.49%", "增长1.5%");
  prose("减少26.43万元", "减少了26.43万元");
  // Full-width digits, thousands separators, blanks.
  prose("核定编制8名", "核定编制８名");
  prose("基本支出合计124.88万元", "基本支出合计１２４.８８万元");
  prose("13555人", "13,555人");
  prose("公用经费36.70万元两部分", "公用经费 36.70 万元两部分");
  prose("在职7人、", "在职 7 人、");
  // Synonyms and rewording.
  prose("较上年增加6.04万元", "较上年增长6.04万元");
  prose("同比减少23.52万元，原因", "同比下降23.52万元，原因");
  prose("多出12.18万元", "增加12.18万元");
  prose("同比减少23.52万元。", "比上年减少23.52万元。");
  prose("核定编制8名", "核定编制数8名");
  prose("在职7人", "在职人员7人");
  prose("退休10人", "退休人员10人");
  prose("原因是人员经费支出下降", "主要是人员经费支出有所下降");
  prose("截至2024年末", "截至2024年12月31日");
  prose("增长1.49%", "增幅1.49%");
  // True figures added.
  add("预算执行率为98.25%。");
  add("全年预算执行率98.25%。");
  add("预算执行率为98.3%。");
  add("预算执行率为98%。");
  add("人员控制率为87.5%。");
  add("人员控制率为87.50%。");
  add("单位编制控制率为87.5%。");
  add("公用经费控制率为100%。");
  add("“三公”经费控制率为100%。");
  add("预算调整率为17.21%。");
  add("预算调减幅度为17.21%。");
  add("全年预算执行率为98.25%，年初预算执行率为81.34%。");
  add("三公经费决算数与预算数持平。");
  add("公用经费决算数与预算数持平。");
  add("三公经费本年预算0.68万元，决算0.68万元，决算数与预算数持平。");
  add("收入支出决算较上年减少23.52万元，下降15.85%。");
  add("公务接待费本年决算0.68万元，上年决算0.67万元，比上年增加0.01万元。");
  add("本年收入124.88万元，支出124.88万元，结余结转0万元。");
  add("年初预算153.53万元，调减26.43万元，全年预算127.10万元。");
  add("全年预算由153.53万元调整为127.10万元。");
  add("单位内设办公室、学会工作部、普及工作部3个股室。");
  add("实有人员17人，其中在职7人、退休10人、离休0人。");
  add("另有协管员2人、临聘人员3人。");
  add("在职人员中党员5人。");
  add("下设办公室、学会工作部和普及工作部。");
  add("组织开展科技活动周、全国科普日和科技下乡等活动。");
  add("2024年基本支出124.88万元，占总支出的100%。");
  add("本年支出决算124.88万元，与全年预算127.10万元相比，执行率为98.25%。");
  // Sentence order.
  set("报告：人员经费一句移到基本支出一句之前", [](Package* p) {
    std::string& text = p->report.sections[0].subsections[1].text;
    const std::string basic = "基本支出本年为";
    const std::string personnel = "人员经费本年为";
    const size_t b = text.find(basic), q = text.find(personnel);
    if (b == std::string::npos || q == std::string::npos || q < b) return;
    const size_t q_end = text.find("。", q) + std::string("。").size();
    const std::string moved = text.substr(q, q_end - q);
    text.erase(q, q_end - q);
    text.insert(b, moved);
  });
  // The cover in other words.
  set("封面单位 → 零陵区科协", [](Package* p) { p->report.cover.unit = "零陵区科协"; });
  set("报告标题 → 永州市零陵区科学技术协会2024年度部门整体支出绩效自评报告",
      [](Package* p) { p->report.cover.title = "永州市零陵区科学技术协会2024年度部门整体支出绩效自评报告"; });
  set("日期 → 2025-07-10", [](Package* p) { p->report.cover.date = "2025-07-10"; });
  set("日期 → 二〇二五年七月十日", [](Package* p) { p->report.cover.date = "二〇二五年七月十日"; });
  set("日期 → 2025年7月1日", [](Package* p) { p->report.cover.date = "2025年7月1日"; });
  set("年度目标完成情况写“全年共支出89.99万元，其中30、30、29.99”",
      [](Package* p) { p->evaluation.goals.achieved = "全年共支出89.99万元，其中30、30、29.99。"; });
  add("实有人员17人，其中在职7人、退休10人，另有协管员2人。");
  add("科普专项经费执行率为0%，科普项目预算执行率为0%。");
  // Shapes of real budget prose read wrongly before (see src/narrative/claims_test.cc).
  add("一般公共预算收入累计完成24627万元，完成年初预算数60999万元的40.4%，比上年减收1070万元，下降4.2%。");
  add("政府性基金收入2236万元，比上年增收367万元，增长19.6%;非税收入16524万元，比上年减收2354万元，下降12.5%。");
  add("其中：事业收入100万元，其他收入20万元；上缴上级支出5万元。");
  add("会议费3万元，比上年减少2 万元。");
  add("预算数与决算数的差值为0.9万元。");
  return m;
}

// The codes a package raises, with their counts.
std::multiset<std::string> Codes(const std::vector<Diagnostic>& found) {
  std::multiset<std::string> codes;
  for (const Diagnostic& d : found) codes.insert(d.code);
  return codes;
}

TEST(Mutation, UnmutatedCorrectedExampleHasNoErrorOrInconsistency) {
  const Package p = Corrected();
  const auto found = CheckPackage(p, testing::LoadRulebook("hunan-lingling"));
  for (const Diagnostic& d : found) {
    EXPECT_NE(d.severity, Severity::kError) << d.code << " " << d.message_en;
    EXPECT_NE(d.severity, Severity::kInconsistency) << d.code << " " << d.message_en;
  }
}

TEST(Mutation, FindsInjectedErrors) {
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const Package base = Corrected();
  int applied = 0, detected = 0;
  std::map<std::string, std::pair<int, int>> by_kind;  // kind → found, applied
  for (const Mutation& m : Mutations()) {
    Package p = base;
    ASSERT_TRUE(m.apply(&p)) << "could not apply: " << m.what;
    ++applied;
    auto& [kind_found, kind_applied] = by_kind[m.kind];
    ++kind_applied;
    bool found = false;
    for (const Diagnostic& d : CheckPackage(p, rb)) found |= d.code == m.expected_code;
    if (found) {
      ++detected;
      ++kind_found;
    } else {
      ADD_FAILURE() << "not found (" << m.kind << "): " << m.what << " — expected "
                    << m.expected_code;
    }
  }
  std::cout << "mutation test: " << detected << " of " << applied << " injected errors of "
            << by_kind.size() << " kinds found by their own code ("
            << (applied == 0 ? 0 : detected * 100 / applied) << "%)\n";
  for (const auto& [kind, counts] : by_kind) {
    std::cout << "  " << kind << ": " << counts.first << "/" << counts.second << "\n";
  }
  EXPECT_GE(applied, 150);
  EXPECT_GE(by_kind.size(), 35u);
  EXPECT_GE(detected * 100, applied * 98);
}

TEST(Mutation, NeutralChangesRaiseNothingNew) {
  const Rulebook rb = testing::LoadRulebook("hunan-lingling");
  const Package base = Corrected();
  const std::multiset<std::string> before = Codes(CheckPackage(base, rb));
  int applied = 0, flagged = 0;
  for (const Mutation& m : Neutral()) {
    Package p = base;
    ASSERT_TRUE(m.apply(&p)) << "could not apply: " << m.what;
    ++applied;
    const std::vector<Diagnostic> found = CheckPackage(p, rb);
    const std::multiset<std::string> after = Codes(found);
    if (after == before) continue;
    ++flagged;
    std::string raised;
    for (const Diagnostic& d : found) {
      if (before.count(d.code) < after.count(d.code)) raised += " " + d.code + ": " + d.message_zh;
    }
    ADD_FAILURE() << "neutral change flagged: " << m.what << " —" << raised;
  }
  std::cout << "mutation test: " << flagged << " of " << applied
            << " neutral changes flagged\n";
  EXPECT_GE(applied, 60);
  EXPECT_EQ(flagged, 0);
}

}  // namespace
}  // namespace jixiao
