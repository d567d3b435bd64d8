// Tests of the package JSON format: every cell form, every enumeration value, the canonical
// writer (pinned byte for byte), read → write → read round trips, and every error message with
// its exact line:column and JSON pointer.
#include "model/package_json.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "model/json_locate.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

constexpr std::string_view kHead = R"({"schema": "jixiao.package/1", )";  // next column: 32

Decimal D(std::string_view text) {
  auto d = Decimal::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Decimal::Invalid());
}

Cell N(std::string_view text, bool percent = false) { return Cell::Number(D(text), percent); }

Result<Package> Parse(std::string_view text) { return ParsePackageJson(text, "x.json"); }

// The error message of parsing `text`, or "(ok)".
std::string Err(std::string_view text) {
  const Result<Package> r = Parse(text);
  if (r.ok()) return "(ok)";
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  return r.status().message();
}

// A package reading `body` (members after "schema"), which must parse.
Package Read(std::string_view body) {
  const std::string text = std::string(kHead) + std::string(body);
  Result<Package> r = Parse(text);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : Package{};
}

// The executed cell of a package whose funds/executed is `json_value`.
Cell Executed(std::string_view json_value) {
  return Read(std::string(R"("evaluation": {"funds": {"executed": )") + std::string(json_value) +
              "}}}")
      .evaluation.funds.executed;
}

void ExpectNumber(const Cell& cell, std::string_view value, bool percent = false) {
  ASSERT_EQ(cell.kind, Cell::Kind::kNumber) << value;
  EXPECT_TRUE(cell.value.Identical(D(value))) << cell.value.ToString() << " vs " << value;
  EXPECT_EQ(cell.percent, percent) << value;
}

// A small package exercising every part of the format; its canonical text is kSampleJson.
Package Sample() {
  Package p;
  p.rulebook = "hunan-lingling";
  p.fiscal_year = 2024;
  p.unit = {"永州市零陵区科学技术协会", "区科协"};
  p.basic_data.staffing.authorized = Cell::Number(Decimal::FromInt(8));
  p.basic_data.staffing.control_rate = N("87.5", true);
  ExpenseRow basic;
  basic.key = "basic";
  basic.label = "一、部门基本支出";
  basic.children_are = ChildRelation::kParts;
  basic.at(ExpenseColumn::kBudget) = Cell::NotApplicable();
  basic.at(ExpenseColumn::kFinal) = N("4.13");
  ExpenseRow office;
  office.key = "office";
  office.label = "办公费";
  office.at(ExpenseColumn::kPriorFinal) = N("0.50");
  basic.children.push_back(office);
  ExpenseRow procurement;
  procurement.key = "procurement";
  procurement.label = "政府采购金额";
  procurement.at(ExpenseColumn::kPriorFinal) = Cell::NotApplicable();
  p.basic_data.expenses = {basic, procurement};
  Building building;
  building.name = "办公楼";
  building.approved_area = Cell::Number(Decimal::FromInt(100));
  p.basic_data.buildings.push_back(building);
  p.basic_data.frugality_measures = "严格执行\n“八项规定”";
  p.evaluation.unit_name = "永州市零陵区科学技术协会";
  p.evaluation.funds.executed = N("124.88");
  p.evaluation.funds.execution_rate = N("98.25");
  p.evaluation.goals.planned.push_back({"1", "开展科普活动"});
  p.evaluation.goals.achieved = "完成";
  Indicator leaf;
  leaf.name = "科普活动";
  leaf.direction = Direction::kHigherBetter;
  leaf.target = "≧8次";
  leaf.actual = "10";
  leaf.weight = N("10");
  leaf.score = N("10");
  Indicator group;
  group.name = "产出指标";
  group.kind = IndicatorKind::kOutput;
  group.weight = N("50");
  group.children.push_back(leaf);
  p.evaluation.indicators.push_back(group);
  p.evaluation.total_weight = N("100");
  p.evaluation.grade = "优";
  p.report.cover = {"自评报告", "区科协", "2025年7月10日"};
  ReportSection sub{"（一）", "单位基本情况", "1.人员编制。", {}};
  p.report.sections.push_back({"一", "基本情况", "", {sub}});
  SourceRef ref;
  ref.file = "x.docx";
  ref.table = "自评表";
  ref.row = 2;
  ref.column = 5;
  ref.text = "124.88";
  p.provenance["/evaluation/funds/executed"] = ref;
  return p;
}

constexpr std::string_view kSampleJson = R"({
  "schema": "jixiao.package/1",
  "rulebook": "hunan-lingling",
  "fiscal_year": 2024,
  "unit": {
    "name": "永州市零陵区科学技术协会",
    "short_name": "区科协"
  },
  "basic_data": {
    "staffing": {
      "authorized": "8",
      "on_payroll": null,
      "control_rate": "87.5%",
      "retired": null,
      "total_actual": null
    },
    "expenses": [
      {
        "key": "basic",
        "label": "一、部门基本支出",
        "children_are": "parts",
        "values": {
          "prior_final": null,
          "budget": "n/a",
          "final": "4.13"
        },
        "children": [
          {
            "key": "office",
            "label": "办公费",
            "values": {
              "prior_final": "0.50",
              "budget": null,
              "final": null
            }
          }
        ]
      },
      {
        "key": "procurement",
        "label": "政府采购金额",
        "values": {
          "prior_final": "n/a",
          "budget": null,
          "final": null
        }
      }
    ],
    "buildings": [
      {
        "name": "办公楼",
        "approved_area": "100",
        "actual_area": null,
        "area_control_rate": null,
        "budget_investment": null,
        "actual_investment": null,
        "investment_control_rate": null
      }
    ],
    "frugality_measures": "严格执行\n“八项规定”",
    "notes": ""
  },
  "evaluation": {
    "unit_name": "永州市零陵区科学技术协会",
    "funds": {
      "initial_budget": null,
      "full_year_budget": null,
      "executed": "124.88",
      "weight": null,
      "execution_rate": "98.25",
      "score": null,
      "general_public": null,
      "government_fund": null,
      "special_account": null,
      "other_funds": null,
      "basic": null,
      "project": null
    },
    "goals": {
      "planned": [
        {
          "number": "1",
          "text": "开展科普活动"
        }
      ],
      "achieved": "完成"
    },
    "indicators": [
      {
        "name": "产出指标",
        "kind": "output",
        "weight": "50",
        "children": [
          {
            "name": "科普活动",
            "direction": "higher",
            "target": "≧8次",
            "actual": "10",
            "weight": "10",
            "score": "10",
            "deviation": ""
          }
        ]
      }
    ],
    "total_weight": "100",
    "total_score": null,
    "grade": "优"
  },
  "report": {
    "cover": {
      "title": "自评报告",
      "unit": "区科协",
      "date": "2025年7月10日"
    },
    "sections": [
      {
        "number": "一",
        "title": "基本情况",
        "text": "",
        "subsections": [
          {
            "number": "（一）",
            "title": "单位基本情况",
            "text": "1.人员编制。",
            "subsections": []
          }
        ]
      }
    ]
  },
  "provenance": {
    "/evaluation/funds/executed": {
      "file": "x.docx",
      "table": "自评表",
      "row": 2,
      "column": 5,
      "line": 0,
      "paragraph": 0,
      "span": [
        -1,
        -1
      ],
      "text": "124.88"
    }
  }
}
)";

// ---- the writer ----

TEST(PackageJsonWrite, SampleIsCanonical) { EXPECT_EQ(WritePackageJson(Sample()), kSampleJson); }

TEST(PackageJsonWrite, DefaultPackageWritesEveryField) {
  const std::string out = WritePackageJson(Package{});
  const auto j = nlohmann::ordered_json::parse(out);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"schema", "rulebook", "fiscal_year", "unit",
                                            "basic_data", "evaluation", "report", "provenance"}));
  EXPECT_EQ(j["fiscal_year"], 0);
  EXPECT_EQ(j["basic_data"]["staffing"].size(), 5u);
  EXPECT_EQ(j["evaluation"]["funds"].size(), 12u);
  for (const auto& [k, v] : j["evaluation"]["funds"].items()) EXPECT_TRUE(v.is_null()) << k;
  EXPECT_EQ(j["report"]["cover"].size(), 3u);
  EXPECT_TRUE(j["provenance"].is_object());
  EXPECT_EQ(out.back(), '\n');
  const Result<Package> back = Parse(out);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(WritePackageJson(*back), out);
}

TEST(PackageJsonWrite, SchemaIsAlwaysTheOneWritten) {
  Package p;
  p.schema = "something else";
  EXPECT_NE(WritePackageJson(p).find(R"("schema": "jixiao.package/1")"), std::string::npos);
}

TEST(PackageJsonWrite, CellForms) {
  Package p;
  Funds& f = p.evaluation.funds;
  f.initial_budget = Cell::Blank();
  f.full_year_budget = Cell::NotApplicable();
  f.executed = N("124.88");
  f.weight = Cell::Number(Decimal::FromInt(10));
  f.execution_rate = N("98.25", true);
  f.score = N("-0.5");
  f.general_public = N("127.10");
  f.government_fund = N("0.000");
  const auto j = nlohmann::json::parse(WritePackageJson(p))["evaluation"]["funds"];
  EXPECT_TRUE(j["initial_budget"].is_null());
  EXPECT_EQ(j["full_year_budget"], "n/a");
  EXPECT_EQ(j["executed"], "124.88");
  EXPECT_EQ(j["weight"], "10");
  EXPECT_EQ(j["execution_rate"], "98.25%");
  EXPECT_EQ(j["score"], "-0.5");
  EXPECT_EQ(j["general_public"], "127.10");
  EXPECT_EQ(j["government_fund"], "0.000");
}

TEST(PackageJsonWrite, IndicatorMembers) {
  Package p;
  Indicator leaf;  // a leaf always has target, actual, weight, score and deviation
  leaf.name = "满意度";
  Indicator other_leaf;
  other_leaf.name = "x";
  other_leaf.kind = IndicatorKind::kOther;
  other_leaf.direction = Direction::kEqual;
  Indicator bare_group;  // a group has name, weight and children only when the rest is empty
  bare_group.name = "效益指标";
  bare_group.children = {leaf};
  Indicator full_group;
  full_group.name = "g";
  full_group.kind = IndicatorKind::kSatisfaction;
  full_group.direction = Direction::kLowerBetter;
  full_group.target = "t";
  full_group.actual = "a";
  full_group.score = N("9.5");
  full_group.deviation = "d";
  full_group.children = {other_leaf};
  p.evaluation.indicators = {bare_group, full_group};
  const auto j = nlohmann::ordered_json::parse(WritePackageJson(p))["evaluation"]["indicators"];
  const auto keys = [](const nlohmann::ordered_json& o) {
    std::vector<std::string> out;
    for (const auto& [k, v] : o.items()) out.push_back(k);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(keys(j[0]), (V{"name", "weight", "children"}));
  EXPECT_EQ(keys(j[0]["children"][0]),
            (V{"name", "target", "actual", "weight", "score", "deviation"}));
  EXPECT_EQ(keys(j[1]), (V{"name", "kind", "direction", "target", "actual", "weight", "score",
                           "deviation", "children"}));
  EXPECT_EQ(keys(j[1]["children"][0]),
            (V{"name", "kind", "direction", "target", "actual", "weight", "score", "deviation"}));
  EXPECT_EQ(j[1]["kind"], "satisfaction");
  EXPECT_EQ(j[1]["direction"], "lower");
  EXPECT_EQ(j[1]["children"][0]["kind"], "other");
  EXPECT_EQ(j[1]["children"][0]["direction"], "equal");
  EXPECT_TRUE(j[0]["weight"].is_null());
}

TEST(PackageJsonWrite, StringsAreKeptExactlyAndUnescaped) {
  Package p;
  p.unit.name = "  区科协　";
  p.unit.short_name = "a\"b\\c\x01\td\n";
  p.basic_data.notes = "😀 ≧ ％";
  const std::string out = WritePackageJson(p);
  EXPECT_NE(out.find(R"("name": "  区科协　")"), std::string::npos);
  EXPECT_NE(out.find(R"("short_name": "a\"b\\c\u0001\td\n")"), std::string::npos);
  EXPECT_NE(out.find(R"("notes": "😀 ≧ ％")"), std::string::npos);
  const Result<Package> back = Parse(out);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->unit.name, p.unit.name);
  EXPECT_EQ(back->unit.short_name, p.unit.short_name);
  EXPECT_EQ(back->basic_data.notes, p.basic_data.notes);
}

TEST(PackageJsonWrite, InvalidUtf8IsReplaced) {
  Package p;
  p.unit.name =
      "a\xff"
      "b";
  const std::string out = WritePackageJson(p);
  EXPECT_NE(out.find("\"name\": \"a\xEF\xBF\xBD"
                     "b\""),
            std::string::npos);
  EXPECT_TRUE(Parse(out).ok());
}

TEST(PackageJsonWrite, IsDeterministic) {
  EXPECT_EQ(WritePackageJson(Sample()), WritePackageJson(Sample()));
}

// ---- reading ----

TEST(PackageJsonRead, SampleReadsBack) {
  const Result<Package> r = Parse(kSampleJson);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Package& p = *r;
  EXPECT_EQ(p.schema, "jixiao.package/1");
  EXPECT_EQ(p.rulebook, "hunan-lingling");
  EXPECT_EQ(p.fiscal_year, 2024);
  EXPECT_EQ(p.unit.short_name, "区科协");
  ExpectNumber(p.basic_data.staffing.authorized, "8");
  ExpectNumber(p.basic_data.staffing.control_rate, "87.5", true);
  EXPECT_TRUE(p.basic_data.staffing.on_payroll.blank());
  ASSERT_EQ(p.basic_data.expenses.size(), 2u);
  const ExpenseRow& basic = p.basic_data.expenses[0];
  EXPECT_EQ(basic.children_are, ChildRelation::kParts);
  EXPECT_TRUE(basic.at(ExpenseColumn::kPriorFinal).blank());
  EXPECT_EQ(basic.at(ExpenseColumn::kBudget).kind, Cell::Kind::kNotApplicable);
  ExpectNumber(basic.at(ExpenseColumn::kFinal), "4.13");
  ASSERT_EQ(basic.children.size(), 1u);
  ExpectNumber(basic.children[0].at(ExpenseColumn::kPriorFinal), "0.50");
  EXPECT_EQ(p.basic_data.expenses[1].children_are, ChildRelation::kNone);
  EXPECT_TRUE(p.basic_data.expenses[1].children.empty());
  EXPECT_EQ(p.basic_data.frugality_measures, "严格执行\n“八项规定”");
  const Indicator& group = p.evaluation.indicators.at(0);
  EXPECT_EQ(group.kind, IndicatorKind::kOutput);
  EXPECT_EQ(group.children.at(0).direction, Direction::kHigherBetter);
  EXPECT_EQ(group.children.at(0).target, "≧8次");
  EXPECT_EQ(p.report.sections.at(0).subsections.at(0).number, "（一）");
  const SourceRef& ref = p.provenance.at("/evaluation/funds/executed");
  EXPECT_EQ(ref.table, "自评表");
  EXPECT_EQ(ref.row, 2);
  EXPECT_EQ(ref.column, 5);
  EXPECT_EQ(ref.paragraph, 0);
  EXPECT_EQ(ref.span_begin, -1);
  EXPECT_EQ(ref.span_end, -1);
}

// The example of the brief and of docs/package-format.md, hand-written (not canonical).
constexpr std::string_view kHandWritten = R"({
  "schema": "jixiao.package/1",
  "rulebook": "hunan-lingling",
  "fiscal_year": 2024,
  "unit": {"name": "永州市零陵区科学技术协会", "short_name": "区科协"},
  "basic_data": {
    "staffing": {"authorized": "8", "on_payroll": "7", "control_rate": "87.5%", "retired": "10", "total_actual": "17"},
    "expenses": [
      {"key": "basic", "label": "一、部门基本支出", "children_are": "parts",
       "values": {"prior_final": null, "budget": null, "final": null},
       "children": [
         {"key": "public_funds", "label": "其中：公用经费", "children_are": "parts",
          "values": {"prior_final": "4.72", "budget": "4.13", "final": "4.13"}, "children": []},
         {"key": "three_public", "label": "三公经费", "children_are": "total",
          "values": {"prior_final": "0.67", "final": "0.68"}}
       ]},
      {"key": "projects", "label": "二、项目支出小计", "values": {"budget": 37}},
      {"key": "procurement", "label": "政府采购金额", "values": {"prior_final": "——", "budget": null, "final": null}}
    ],
    "buildings": [{"name": "", "approved_area": null, "actual_area": null, "area_control_rate": null,
                   "budget_investment": null, "actual_investment": null, "investment_control_rate": null}],
    "frugality_measures": "",
    "notes": ""
  },
  "evaluation": {
    "unit_name": "永州市零陵区科学技术协会",
    "funds": {"initial_budget": "153.53", "full_year_budget": "127.10", "executed": "124.88", "weight": "10",
              "execution_rate": "98.25", "score": "9.8",
              "general_public": "124.88", "government_fund": null, "special_account": null, "other_funds": null,
              "basic": "124.88", "project": null},
    "goals": {"planned": [{"number": "1", "text": "普及科学知识"}], "achieved": "全面完成"},
    "indicators": [
      {"name": "产出指标", "kind": "output", "weight": "50", "children": [
        {"name": "重点工作任务完成", "children": [
          {"name": "积极开展各类科普活动", "target": "≧8次", "actual": "10", "weight": "10", "score": "10", "deviation": ""}
        ]}
      ]}
    ],
    "total_weight": "100", "total_score": "99.8", "grade": ""
  },
  "report": {
    "cover": {"title": "部门整体支出绩效自评报告", "unit": "永州市零陵区科学技术协会", "date": "2025年7月10日"},
    "sections": [{"number": "一", "title": "基本情况", "text": "", "subsections": [
        {"number": "（一）", "title": "单位基本情况", "text": "1.人员编制。……", "subsections": []}]}]
  },
  "provenance": {"/evaluation/funds/executed": {"file": "x.docx", "table": "自评表", "row": 2, "column": 5,
                 "paragraph": 0, "span": [-1, -1], "text": "124.88"}}
}
)";

TEST(PackageJsonRead, HandWrittenExample) {
  const Result<Package> r = Parse(kHandWritten);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Package& p = *r;
  ExpectNumber(p.basic_data.staffing.on_payroll, "7");
  ExpectNumber(p.basic_data.staffing.total_actual, "17");
  const ExpenseRow& basic = p.basic_data.expenses.at(0);
  EXPECT_TRUE(basic.children.at(0).children.empty());
  EXPECT_EQ(basic.children.at(1).children_are, ChildRelation::kTotal);
  EXPECT_TRUE(basic.children.at(1).at(ExpenseColumn::kBudget).blank());  // missing = blank
  ExpectNumber(basic.children.at(1).at(ExpenseColumn::kFinal), "0.68");
  // A JSON integer is a figure written without decimals.
  const Cell& projects = p.basic_data.expenses.at(1).at(ExpenseColumn::kBudget);
  ExpectNumber(projects, "37");
  EXPECT_TRUE(projects.value.Identical(Decimal::FromUnits(37, 0)));
  EXPECT_EQ(p.basic_data.expenses.at(2).at(ExpenseColumn::kPriorFinal).kind,
            Cell::Kind::kNotApplicable);
  EXPECT_TRUE(p.evaluation.funds.full_year_budget.value.Identical(Decimal::FromUnits(12710, 2)));
  EXPECT_FALSE(p.evaluation.funds.full_year_budget.value.Identical(Decimal::FromUnits(1271, 1)));
  const Indicator& leaf = p.evaluation.indicators.at(0).children.at(0).children.at(0);
  EXPECT_EQ(leaf.name, "积极开展各类科普活动");
  EXPECT_EQ(leaf.kind, IndicatorKind::kUnspecified);
  EXPECT_EQ(leaf.direction, Direction::kUnspecified);
  ExpectNumber(p.evaluation.total_score, "99.8");
  EXPECT_EQ(p.provenance.size(), 1u);

  // Read → write → read keeps everything, and the second writing is the same text.
  const std::string once = WritePackageJson(p);
  const Result<Package> again = Parse(once);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(WritePackageJson(*again), once);
  EXPECT_TRUE(again->evaluation.funds.full_year_budget.value.Identical(D("127.10")));
  EXPECT_TRUE(again->basic_data.expenses.at(1).at(ExpenseColumn::kBudget).value.Identical(D("37")));
  EXPECT_EQ(again->basic_data.expenses.at(2).at(ExpenseColumn::kPriorFinal).kind,
            Cell::Kind::kNotApplicable);
  EXPECT_NE(once.find(R"("prior_final": "n/a")"), std::string::npos);  // "——" is written "n/a"
}

TEST(PackageJsonRead, EverythingIsOptionalButTheSchema) {
  const Package p = Read("\"rulebook\": \"r\"}");
  EXPECT_EQ(p.rulebook, "r");
  EXPECT_EQ(p.fiscal_year, 0);
  EXPECT_TRUE(p.basic_data.expenses.empty());
  EXPECT_TRUE(p.evaluation.funds.executed.blank());
  const Result<Package> minimal = Parse(R"({"schema": "jixiao.package/1"})");
  ASSERT_TRUE(minimal.ok());
  EXPECT_EQ(WritePackageJson(*minimal), WritePackageJson(Package{}));
  const Package empty_objects =
      Read(R"("unit": {}, "basic_data": {"staffing": {}, "expenses": [{}], "buildings": [{}]},)"
           R"( "evaluation": {"funds": {}, "goals": {"planned": [{}]}, "indicators": [{}]},)"
           R"( "report": {"cover": {}, "sections": [{}]}, "provenance": {"/x": {}}})");
  EXPECT_EQ(empty_objects.basic_data.expenses.size(), 1u);
  EXPECT_EQ(empty_objects.provenance.at("/x").span_begin, -1);
  EXPECT_EQ(empty_objects.provenance.at("/x").row, 0);
}

TEST(PackageJsonRead, ByteOrderMarkIsIgnored) {
  const Result<Package> r =
      Parse("\xEF\xBB\xBF{\"schema\": \"jixiao.package/1\", \"fiscal_year\": 2023}");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->fiscal_year, 2023);
  // Columns do not count the mark.
  EXPECT_EQ(Err("\xEF\xBB\xBF{\"schema\": \"jixiao.package/1\", \"fiscal_year\": \"2023\"}"),
            "x.json:1:47: /fiscal_year: expected an integer like 2024");
}

TEST(PackageJsonRead, FiscalYearRange) {
  EXPECT_EQ(Read("\"fiscal_year\": -1}").fiscal_year, -1);
  EXPECT_EQ(Read("\"fiscal_year\": 2147483647}").fiscal_year, 2147483647);
  EXPECT_EQ(Read("\"fiscal_year\": -2147483648}").fiscal_year, -2147483648LL);
}

// ---- cells ----

TEST(PackageJsonCell, Blank) {
  EXPECT_TRUE(Executed("null").blank());
  EXPECT_TRUE(Executed(R"("")").blank());  // an empty string is read as blank, written null
}

TEST(PackageJsonCell, NotApplicable) {
  for (const char* text : {R"("n/a")", R"("——")", R"("—")", R"("－－")"}) {
    EXPECT_EQ(Executed(text).kind, Cell::Kind::kNotApplicable) << text;
  }
}

TEST(PackageJsonCell, NumberStrings) {
  ExpectNumber(Executed(R"("4.72")"), "4.72");
  ExpectNumber(Executed(R"("127.10")"), "127.10");
  ExpectNumber(Executed(R"("37")"), "37");
  ExpectNumber(Executed(R"("0.000")"), "0.000");
  ExpectNumber(Executed(R"("-0.5")"), "-0.5");
  ExpectNumber(Executed(R"("+3")"), "3");
  ExpectNumber(Executed(R"("87.5%")"), "87.5", true);
  ExpectNumber(Executed(R"("3,724,055.00")"), "3724055.00");
  ExpectNumber(Executed(R"("８７．５％")"), "87.5", true);
  ExpectNumber(Executed(R"("－３")"), "-3");
  ExpectNumber(Executed(R"(" 12 ")"), "12");
  ExpectNumber(Executed(R"("　98.25　")"), "98.25");
  ExpectNumber(Executed(R"("\u0031\u0032.5")"), "12.5");  // escapes are decoded first
  ExpectNumber(Executed(R"("123456789012345678901234")"), "123456789012345678901234");
  ExpectNumber(Executed(R"("0.123456789012345678")"), "0.123456789012345678");
}

TEST(PackageJsonCell, Integers) {
  ExpectNumber(Executed("37"), "37");
  ExpectNumber(Executed("0"), "0");
  ExpectNumber(Executed("-12"), "-12");
  ExpectNumber(Executed("18446744073709551615"), "18446744073709551615");
  ExpectNumber(Executed("-9223372036854775808"), "-9223372036854775808");
}

TEST(PackageJsonCell, WrittenFormsRoundTrip) {
  for (const char* text : {R"("4.72")", R"("87.5%")", R"("３,７２４.００")", R"("n/a")", R"("—")",
                           "null", "37", R"("-0.50")", R"("100%")"}) {
    Package p;
    p.evaluation.funds.executed = Executed(text);
    const std::string once = WritePackageJson(p);
    const Result<Package> back = Parse(once);
    ASSERT_TRUE(back.ok()) << back.status().message();
    const Cell& a = p.evaluation.funds.executed;
    const Cell& b = back->evaluation.funds.executed;
    EXPECT_EQ(a.kind, b.kind) << text;
    EXPECT_TRUE(a.value.Identical(b.value)) << text;
    EXPECT_EQ(a.percent, b.percent) << text;
    EXPECT_EQ(WritePackageJson(*back), once) << text;
  }
}

// Funds cells on their own line, so that the value is at column 19 of line 5.
std::string FundsDoc(std::string_view value) {
  return std::string(
             "{\n  \"schema\": \"jixiao.package/1\",\n  \"evaluation\": {\n    \"funds\": {\n"
             "      \"executed\": ") +
         std::string(value) + "\n    }\n  }\n}\n";
}

TEST(PackageJsonCell, WrongTypes) {
  const std::string type_error =
      R"(x.json:5:19: /evaluation/funds/executed: expected a number string like "124.88", null or "n/a")";
  EXPECT_EQ(Err(FundsDoc("true")), type_error);
  EXPECT_EQ(Err(FundsDoc("false")), type_error);
  EXPECT_EQ(Err(FundsDoc("[]")), type_error);
  EXPECT_EQ(Err(FundsDoc(R"({"value": "1"})")), type_error);
}

TEST(PackageJsonCell, JsonDecimalsAreRejected) {
  const std::string float_error =
      R"(x.json:5:19: /evaluation/funds/executed: write decimals as strings ("124.88") so their written decimals are kept)";
  EXPECT_EQ(Err(FundsDoc("124.88")), float_error);
  EXPECT_EQ(Err(FundsDoc("37.0")), float_error);
  EXPECT_EQ(Err(FundsDoc("1e3")), float_error);
  EXPECT_EQ(Err(FundsDoc("-0.5")), float_error);
  // Beyond 64 bits nlohmann::json only has a binary float.
  EXPECT_EQ(Err(FundsDoc("123456789012345678901234567890")), float_error);
  EXPECT_EQ(Err(FundsDoc("1e400")), "x.json:5:19: number overflow parsing '1e400'");
}

TEST(PackageJsonCell, NonNumberStrings) {
  // The column is that of the offending character inside the string.
  EXPECT_EQ(
      Err(FundsDoc(R"("abc")")),
      R"(x.json:5:20: /evaluation/funds/executed: "abc" is not a number: not a number character)");
  EXPECT_EQ(
      Err(FundsDoc(R"("12.3.4")")),
      R"(x.json:5:24: /evaluation/funds/executed: "12.3.4" is not a number: malformed or too long number (at most 24 digits and 18 decimals))");
  EXPECT_EQ(
      Err(FundsDoc(R"("1,23")")),
      R"(x.json:5:23: /evaluation/funds/executed: "1,23" is not a number: misplaced thousands separator)");
  EXPECT_EQ(
      Err(FundsDoc(R"("12万")")),
      R"(x.json:5:22: /evaluation/funds/executed: "12万" is not a number: not a number character)");
  EXPECT_EQ(
      Err(FundsDoc(R"("%")")),
      R"(x.json:5:20: /evaluation/funds/executed: "%" is not a number: '%' without a number)");
  EXPECT_EQ(
      Err(FundsDoc(R"("N/A")")),
      R"(x.json:5:20: /evaluation/funds/executed: "N/A" is not a number: not a number character)");
  EXPECT_EQ(Err(FundsDoc(R"("　")")),
            R"(x.json:5:20: /evaluation/funds/executed: "　" is not a number: no number)");
  EXPECT_EQ(
      Err(FundsDoc(R"("1.")")),
      R"(x.json:5:21: /evaluation/funds/executed: "1." is not a number: malformed or too long number (at most 24 digits and 18 decimals))");
  // With escapes the bytes differ from the text, so the column is that of the string.
  EXPECT_EQ(
      Err(FundsDoc(R"("\u0031x")")),
      R"(x.json:5:19: /evaluation/funds/executed: "1x" is not a number: not a number character)");
  EXPECT_EQ(
      Err(FundsDoc(R"("a\"b")")),
      R"(x.json:5:19: /evaluation/funds/executed: "a\"b" is not a number: not a number character)");
  // Long values are cut in the message.
  EXPECT_EQ(
      Err(FundsDoc(R"("12345678901234567890123456789012345678901234567890")")),
      R"(x.json:5:20: /evaluation/funds/executed: "1234567890123456789012345678901234567890…" is not a number: malformed or too long number (at most 24 digits and 18 decimals))");
  EXPECT_EQ(
      Err(FundsDoc(R"("0.1234567890123456789")")),
      R"(x.json:5:20: /evaluation/funds/executed: "0.1234567890123456789" is not a number: malformed or too long number (at most 24 digits and 18 decimals))");
}

// ---- enumerations ----

TEST(PackageJsonEnum, ChildRelationValues) {
  const auto relation = [](std::string_view value) {
    return Read(std::string(R"("basic_data": {"expenses": [{"children_are": )") +
                std::string(value) + "}]}}")
        .basic_data.expenses.at(0)
        .children_are;
  };
  EXPECT_EQ(relation(R"("parts")"), ChildRelation::kParts);
  EXPECT_EQ(relation(R"("total")"), ChildRelation::kTotal);
  EXPECT_EQ(relation(R"("")"), ChildRelation::kNone);
}

TEST(PackageJsonEnum, KindAndDirectionValues) {
  const auto indicator = [](std::string_view members) {
    return Read(std::string(R"("evaluation": {"indicators": [{)") + std::string(members) + "}]}}")
        .evaluation.indicators.at(0);
  };
  EXPECT_EQ(indicator(R"("kind": "output")").kind, IndicatorKind::kOutput);
  EXPECT_EQ(indicator(R"("kind": "effect")").kind, IndicatorKind::kEffect);
  EXPECT_EQ(indicator(R"("kind": "satisfaction")").kind, IndicatorKind::kSatisfaction);
  EXPECT_EQ(indicator(R"("kind": "other")").kind, IndicatorKind::kOther);
  EXPECT_EQ(indicator(R"("kind": "")").kind, IndicatorKind::kUnspecified);
  EXPECT_EQ(indicator(R"("name": "x")").kind, IndicatorKind::kUnspecified);
  EXPECT_EQ(indicator(R"("direction": "higher")").direction, Direction::kHigherBetter);
  EXPECT_EQ(indicator(R"("direction": "lower")").direction, Direction::kLowerBetter);
  EXPECT_EQ(indicator(R"("direction": "equal")").direction, Direction::kEqual);
  EXPECT_EQ(indicator(R"("direction": "")").direction, Direction::kUnspecified);
}

TEST(PackageJsonEnum, EveryValueRoundTrips) {
  Package p;
  for (ChildRelation r : {ChildRelation::kNone, ChildRelation::kParts, ChildRelation::kTotal}) {
    ExpenseRow row;
    row.children_are = r;
    p.basic_data.expenses.push_back(row);
  }
  for (IndicatorKind k :
       {IndicatorKind::kUnspecified, IndicatorKind::kOutput, IndicatorKind::kEffect,
        IndicatorKind::kSatisfaction, IndicatorKind::kOther}) {
    for (Direction d : {Direction::kUnspecified, Direction::kHigherBetter, Direction::kLowerBetter,
                        Direction::kEqual}) {
      Indicator i;
      i.kind = k;
      i.direction = d;
      p.evaluation.indicators.push_back(i);
    }
  }
  const Result<Package> back = Parse(WritePackageJson(p));
  ASSERT_TRUE(back.ok()) << back.status().message();
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back->basic_data.expenses[i].children_are, p.basic_data.expenses[i].children_are);
  }
  ASSERT_EQ(back->evaluation.indicators.size(), 20u);
  for (size_t i = 0; i < 20; ++i) {
    EXPECT_EQ(back->evaluation.indicators[i].kind, p.evaluation.indicators[i].kind) << i;
    EXPECT_EQ(back->evaluation.indicators[i].direction, p.evaluation.indicators[i].direction) << i;
  }
}

TEST(PackageJsonEnum, UnknownValues) {
  EXPECT_EQ(
      Err(std::string(kHead) + R"("basic_data": {"expenses": [{"children_are": "part"}]}})"),
      R"(x.json:1:77: /basic_data/expenses/0/children_are: unknown value "part"; expected "parts" or "total")");
  EXPECT_EQ(Err(std::string(kHead) + R"("basic_data": {"expenses": [{"children_are": 1}]}})"),
            R"(x.json:1:77: /basic_data/expenses/0/children_are: expected "parts" or "total")");
  EXPECT_EQ(
      Err(std::string(kHead) + R"("evaluation": {"indicators": [{"kind": "outcome"}]}})"),
      R"(x.json:1:71: /evaluation/indicators/0/kind: unknown value "outcome"; expected "output", "effect", "satisfaction" or "other")");
  EXPECT_EQ(
      Err(std::string(kHead) + R"("evaluation": {"indicators": [{"direction": "up"}]}})"),
      R"(x.json:1:76: /evaluation/indicators/0/direction: unknown value "up"; expected "higher", "lower" or "equal")");
  EXPECT_EQ(
      Err(std::string(kHead) + R"("evaluation": {"indicators": [{"kind": null}]}})"),
      R"(x.json:1:71: /evaluation/indicators/0/kind: expected "output", "effect", "satisfaction" or "other")");
}

// ---- a rich package round trip ----

Package Rich() {
  Package p = Sample();
  p.unit.name = " 永州市零陵区科学技术协会　";  // kept exactly, blanks included
  p.basic_data.staffing.on_payroll = N("7");
  p.basic_data.staffing.retired = Cell::NotApplicable();
  p.basic_data.staffing.total_actual = N("17.000");
  ExpenseRow three;
  three.key = "three_public";
  three.label = "三公经费";
  three.children_are = ChildRelation::kTotal;
  three.at(ExpenseColumn::kPriorFinal) = N("0.67");
  three.at(ExpenseColumn::kBudget) = N("0.70");
  three.at(ExpenseColumn::kFinal) = N("0.68");
  ExpenseRow vehicles;
  vehicles.key = "vehicles";
  vehicles.label = "1.公务用车购置和维护";
  vehicles.children_are = ChildRelation::kTotal;
  for (const char* key : {"vehicle_purchase", "vehicle_operation"}) {
    ExpenseRow leaf;
    leaf.key = key;
    leaf.label = key;
    leaf.at(ExpenseColumn::kFinal) = Cell::Number(Decimal::FromInt(0));
    vehicles.children.push_back(leaf);
  }
  three.children = {vehicles};
  p.basic_data.expenses[0].children.push_back(three);
  for (int i = 0; i < 2; ++i) {
    ExpenseRow project;
    project.key = "project";  // several rows may share the key
    project.label = i == 0 ? "科普专项经费" : "学会补助";
    project.at(ExpenseColumn::kBudget) = Cell::Number(Decimal::FromInt(37 + i));
    p.basic_data.expenses.push_back(project);
  }
  Building second;
  second.investment_control_rate = N("102.59", true);
  second.actual_investment = N("3724055.00");
  p.basic_data.buildings.push_back(second);
  p.basic_data.notes = "说明：\"引号\" \\ 反斜杠\t制表\r\n换行";
  Funds& f = p.evaluation.funds;
  f.initial_budget = N("153.53");
  f.full_year_budget = N("127.10");
  f.weight = N("10");
  f.score = N("9.8");
  f.general_public = N("124.88");
  f.government_fund = Cell::NotApplicable();
  f.basic = N("124.88");
  f.project = N("0");
  p.evaluation.goals.planned.push_back({"（二）", "举办机器人竞赛"});
  Indicator effect;
  effect.name = "效益指标";
  effect.kind = IndicatorKind::kEffect;
  effect.weight = N("40");
  effect.score = N("40");
  effect.target = "组别目标";
  Indicator sub;
  sub.name = "满意度";
  sub.kind = IndicatorKind::kSatisfaction;
  Indicator q;
  q.name = "服务对象满意度";
  q.target = "≥95%";
  q.actual = "较为认可";
  q.weight = N("10");
  q.score = Cell::Blank();
  q.deviation = "无";
  q.direction = Direction::kEqual;
  Indicator r = q;
  r.direction = Direction::kLowerBetter;
  r.kind = IndicatorKind::kOther;
  sub.children = {q, r};
  effect.children = {sub};
  p.evaluation.indicators.push_back(effect);
  p.evaluation.total_score = N("99.8");
  ReportSection deep{"1", "人员编制", "第一段\n第二段", {}};
  p.report.sections[0].subsections[0].subsections.push_back(deep);
  for (const char* n : {"二", "三", "四"}) p.report.sections.push_back({n, "标题", "无", {}});
  SourceRef span;
  span.file = "报告.docx";
  span.paragraph = 12;
  span.span_begin = 3;
  span.span_end = 17;
  span.text = "减少23.52万元";
  p.provenance["/report/sections/0/text"] = span;
  p.provenance["/a~1b/~0c"] = SourceRef{};
  p.provenance[""] = SourceRef{};
  return p;
}

TEST(PackageJsonRoundTrip, RichPackage) {
  const Package p = Rich();
  const std::string once = WritePackageJson(p);
  const Result<Package> back = Parse(once);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(WritePackageJson(*back), once);

  const Package& b = *back;
  EXPECT_EQ(b.unit.name, " 永州市零陵区科学技术协会　");
  EXPECT_EQ(b.basic_data.notes, p.basic_data.notes);
  EXPECT_EQ(b.basic_data.staffing.retired.kind, Cell::Kind::kNotApplicable);
  ExpectNumber(b.basic_data.staffing.total_actual, "17.000");
  const ExpenseRow& three = b.basic_data.expenses.at(0).children.at(1);
  EXPECT_EQ(three.children_are, ChildRelation::kTotal);
  ExpectNumber(three.at(ExpenseColumn::kBudget), "0.70");
  EXPECT_EQ(three.children.at(0).children.at(1).key, "vehicle_operation");
  ExpectNumber(three.children.at(0).children.at(1).at(ExpenseColumn::kFinal), "0");
  ASSERT_EQ(b.basic_data.expenses.size(), 4u);
  EXPECT_EQ(b.basic_data.expenses[2].key, "project");
  EXPECT_EQ(b.basic_data.expenses[3].key, "project");
  ExpectNumber(b.basic_data.expenses[3].at(ExpenseColumn::kBudget), "38");
  ExpectNumber(b.basic_data.buildings.at(1).investment_control_rate, "102.59", true);
  ExpectNumber(b.basic_data.buildings.at(1).actual_investment, "3724055.00");
  EXPECT_TRUE(b.evaluation.funds.full_year_budget.value.Identical(Decimal::FromUnits(12710, 2)));
  EXPECT_TRUE(b.evaluation.funds.weight.value.Identical(Decimal::FromUnits(10, 0)));
  EXPECT_EQ(b.evaluation.funds.government_fund.kind, Cell::Kind::kNotApplicable);
  EXPECT_TRUE(b.evaluation.funds.other_funds.blank());
  EXPECT_EQ(b.evaluation.goals.planned.at(1).number, "（二）");
  const Indicator& effect = b.evaluation.indicators.at(1);
  EXPECT_EQ(effect.target, "组别目标");
  ExpectNumber(effect.score, "40");
  EXPECT_EQ(effect.children.at(0).kind, IndicatorKind::kSatisfaction);
  EXPECT_EQ(effect.children.at(0).children.at(0).direction, Direction::kEqual);
  EXPECT_TRUE(effect.children.at(0).children.at(0).score.blank());
  EXPECT_EQ(effect.children.at(0).children.at(1).direction, Direction::kLowerBetter);
  EXPECT_EQ(effect.children.at(0).children.at(1).kind, IndicatorKind::kOther);
  EXPECT_EQ(b.report.sections.size(), 4u);
  EXPECT_EQ(b.report.sections[0].subsections[0].subsections.at(0).text, "第一段\n第二段");
  const SourceRef& span = b.provenance.at("/report/sections/0/text");
  EXPECT_EQ(span.paragraph, 12);
  EXPECT_EQ(span.span_begin, 3);
  EXPECT_EQ(span.span_end, 17);
  EXPECT_EQ(span.text, "减少23.52万元");
  EXPECT_EQ(b.provenance.count("/a~1b/~0c"), 1u);
  EXPECT_EQ(b.provenance.count(""), 1u);
  EXPECT_EQ(b.provenance.size(), 4u);
}

// ---- errors ----

constexpr std::string_view kNotAPackage =
    R"(expected a package object ({"schema": "jixiao.package/1", ...}))";

TEST(PackageJsonError, EmptyAndNotAnObject) {
  EXPECT_EQ(Err(""), std::string("x.json:1:1: empty document; ") + std::string(kNotAPackage));
  EXPECT_EQ(Err(" \n\t\r\n"),
            std::string("x.json:1:1: empty document; ") + std::string(kNotAPackage));
  EXPECT_EQ(Err("[]"), std::string("x.json:1:1: ") + std::string(kNotAPackage));
  EXPECT_EQ(Err("\n  \"jixiao.package/1\""),
            std::string("x.json:2:3: ") + std::string(kNotAPackage));
  EXPECT_EQ(Err("null"), std::string("x.json:1:1: ") + std::string(kNotAPackage));
  EXPECT_EQ(Err("2024"), std::string("x.json:1:1: ") + std::string(kNotAPackage));
}

TEST(PackageJsonError, Syntax) {
  EXPECT_EQ(Err("{"),
            "x.json:1:2: syntax error while parsing object key - unexpected end of input; "
            "expected string literal");
  EXPECT_EQ(Err(R"({"schema": "jixiao.package/1",})"),
            "x.json:1:31: syntax error while parsing object key - unexpected '}'; expected string "
            "literal");
  EXPECT_EQ(
      Err("{\n  \"schema\": \"jixiao.package/1\",\n  \"rulebook\": tru\n}"),
      "x.json:3:18: syntax error while parsing value - invalid literal; last read: '\"rulebook\": "
      "tru<U+000A>'");
  EXPECT_EQ(
      Err(R"({"schema": "jixiao.package/1"} {})"),
      "x.json:1:32: syntax error while parsing value - unexpected '{'; expected end of input");
  EXPECT_EQ(Err("{'schema': 1}"),
            "x.json:1:2: syntax error while parsing object key - invalid literal; last read: "
            "'{''; expected string literal");
  EXPECT_EQ(Err("// comment\n{}"),
            "x.json:1:1: syntax error while parsing value - invalid literal; last read: '/'");
}

TEST(PackageJsonError, NulBytesAndUtf16) {
  // nlohmann::json would stop at the NUL and accept the package before it.
  EXPECT_EQ(Err(std::string(R"({"schema": "jixiao.package/1"})") + std::string(1, '\0') + "junk"),
            "x.json:1:31: NUL byte; a package must be UTF-8 text (write \\u0000 inside a string)");
  EXPECT_EQ(Err(std::string("{\0\"\0", 4)),
            "x.json:1:2: NUL byte; a package must be UTF-8 text (write \\u0000 inside a string)");
  EXPECT_EQ(Err("\xFF\xFE{\0"), "x.json:1:1: the text is UTF-16; a package must be UTF-8");
  EXPECT_EQ(Err("\xFE\xFF\0{"), "x.json:1:1: the text is UTF-16; a package must be UTF-8");
  // An escaped NUL inside a string is fine and kept.
  EXPECT_EQ(Read(R"("rulebook": "a\u0000b"})").rulebook, std::string("a\0b", 3));
}

TEST(PackageJsonError, SyntaxColumnsCountCodePoints) {
  EXPECT_EQ(Err(R"({"schema": "jixiao.package/1", "rulebook": "区科协" x})"),
            "x.json:1:50: syntax error while parsing object - invalid literal; last read: "
            "'\"区科协\" x'; expected '}'");
}

TEST(PackageJsonError, InvalidUtf8AndControlCharacters) {
  EXPECT_EQ(Err(std::string(kHead) + "\"rulebook\": \"a\xff\"}"),
            "x.json:1:46: syntax error while parsing value - invalid string: ill-formed UTF-8 "
            "byte; last read: '\"a\xEF\xBF\xBD'");
  EXPECT_EQ(Err(std::string(kHead) + "\"rulebook\": \"a\x01\"}"),
            "x.json:1:46: syntax error while parsing value - invalid string: control character "
            "U+0001 (SOH) must be escaped to \\u0001; last read: '\"a<U+0001>'");
  // A long token is cut to its last 40 code points.
  EXPECT_EQ(Err(std::string(kHead) + "\"rulebook\": \"" + std::string(100, 'a') + "\x01\"}"),
            "x.json:1:145: syntax error while parsing value - invalid string: control character "
            "U+0001 (SOH) must be escaped to \\u0001; last read: '…" +
                std::string(32, 'a') + "<U+0001>'");
  EXPECT_EQ(Err(std::string(kHead) + R"("rulebook": "\ud800"})"),
            "x.json:1:51: syntax error while parsing value - invalid string: surrogate "
            "U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\ud800\"'");
}

TEST(PackageJsonError, DeepGarbage) {
  const int depth = 100000;
  EXPECT_EQ(Err(std::string(depth, '[')),
            "x.json:1:100001: syntax error while parsing value - unexpected end of input; "
            "expected '[', '{', or a literal");
  EXPECT_EQ(Err(std::string(depth, '{')),
            "x.json:1:2: syntax error while parsing object key - unexpected '{'; expected string "
            "literal");
  // Well-formed but deep, where a string is expected: neither the parser, the reader nor the
  // destructor recurses.
  const std::string deep = std::string(kHead) + R"("basic_data": {"notes": )" +
                           std::string(depth, '[') + std::string(depth, ']') + "}}";
  EXPECT_EQ(Err(deep), "x.json:1:56: /basic_data/notes: expected a string");
  const std::string deep_objects = std::string(kHead) + R"("unit": )" + [&] {
    std::string s;
    for (int i = 0; i < depth; ++i) s += "{\"a\": ";
    s += "1";
    s += std::string(depth, '}');
    return s;
  }() + "}";
  EXPECT_EQ(Err(deep_objects),
            R"(x.json:1:46: /unit/a: unknown key "a"; expected one of: name, short_name)");
}

TEST(PackageJsonError, TreesDeeperThanTheLimit) {
  // 65 levels of expense rows: the 65th is one level too deep.
  std::string text = std::string(kHead) + R"("basic_data": {"expenses": [)";
  std::string pointer = "/basic_data/expenses/0";
  for (int i = 1; i < 65; ++i) {
    text += R"({"children": [)";
    pointer += "/children/0";
  }
  text += "{}";
  for (int i = 1; i < 65; ++i) text += "]}";
  text += "]}}";
  const size_t at = LocateJsonPointer(text, pointer).value();
  EXPECT_EQ(Err(text), "x.json:1:" + std::to_string(at + 1) + ": " + pointer +
                           ": nested deeper than 64 levels");
  // 64 levels are fine.
  const std::string fine = std::string(kHead) + R"("basic_data": {"expenses": [)" + [] {
    std::string s;
    for (int i = 1; i < 64; ++i) s += R"({"children": [)";
    s += "{}";
    for (int i = 1; i < 64; ++i) s += "]}";
    return s;
  }() + "]}}";
  EXPECT_EQ(Err(fine), "(ok)");

  std::string indicators = std::string(kHead) + R"("evaluation": {"indicators": [)";
  for (int i = 1; i < 65; ++i) indicators += R"({"children": [)";
  indicators += "{}";
  for (int i = 1; i < 65; ++i) indicators += "]}";
  indicators += "]}}";
  EXPECT_NE(Err(indicators).find(": nested deeper than 64 levels"), std::string::npos);

  std::string sections = std::string(kHead) + R"("report": {"sections": [)";
  for (int i = 1; i < 65; ++i) sections += R"({"subsections": [)";
  sections += "{}";
  for (int i = 1; i < 65; ++i) sections += "]}";
  sections += "]}}";
  EXPECT_NE(Err(sections).find(": nested deeper than 64 levels"), std::string::npos);
}

TEST(PackageJsonError, Schema) {
  EXPECT_EQ(Err("{}"), R"(x.json:1:1: /schema: missing; expected "jixiao.package/1")");
  EXPECT_EQ(Err("\n\n  {\"rulebook\": \"x\"}"),
            R"(x.json:3:3: /schema: missing; expected "jixiao.package/1")");
  EXPECT_EQ(Err(R"({"schema": 1})"), R"(x.json:1:12: /schema: expected "jixiao.package/1")");
  EXPECT_EQ(Err(R"({"schema": null})"), R"(x.json:1:12: /schema: expected "jixiao.package/1")");
  EXPECT_EQ(
      Err(R"({"schema": "jixiao.package/2"})"),
      R"(x.json:1:12: /schema: unsupported schema "jixiao.package/2"; expected "jixiao.package/1")");
  // The schema is checked before anything else, so another format gives this message alone.
  EXPECT_EQ(Err(R"({"foo": 1, "schema": "other/1"})"),
            R"(x.json:1:22: /schema: unsupported schema "other/1"; expected "jixiao.package/1")");
  EXPECT_EQ(Err(R"({"foo": 1})"), R"(x.json:1:1: /schema: missing; expected "jixiao.package/1")");
}

TEST(PackageJsonError, UnknownKeys) {
  EXPECT_EQ(Err(std::string(kHead) + R"("rulebok": "x"})"),
            R"(x.json:1:43: /rulebok: unknown key "rulebok"; did you mean "rulebook"?)");
  EXPECT_EQ(
      Err("{\n  \"schema\": \"jixiao.package/1\",\n  \"basic_data\": {\n    \"expenses\": [\n"
          "      {\"key\": \"basic\", \"values\": {\"prior_final\": \"1\", \"current\": \"2\"}}\n"
          "    ]\n  }\n}\n"),
      R"(x.json:5:66: /basic_data/expenses/0/values/current: unknown key "current"; expected one of: prior_final, budget, final)");
  EXPECT_EQ(
      Err(std::string(kHead) + R"("evaluation": {"indicators": [{"traget": "x"}]}})"),
      R"(x.json:1:73: /evaluation/indicators/0/traget: unknown key "traget"; did you mean "target"?)");
  EXPECT_EQ(Err(std::string(kHead) + R"("evaluation": {"fund": {}}})"),
            R"(x.json:1:55: /evaluation/fund: unknown key "fund"; did you mean "funds"?)");
  EXPECT_EQ(Err(std::string(kHead) + R"("unit": {"a/b~": 1}})"),
            R"(x.json:1:49: /unit/a~1b~0: unknown key "a/b~"; expected one of: name, short_name)");
  EXPECT_EQ(
      Err(std::string(kHead) + R"("provenance": {"/x": {"cell": 1}}})"),
      R"(x.json:1:62: /provenance/~1x/cell: unknown key "cell"; expected one of: file, table, row, column, line, paragraph, span, text)");
  EXPECT_EQ(
      Err(std::string(kHead) + R"("report": {"cover": {"subtitle": ""}}})"),
      R"(x.json:1:65: /report/cover/subtitle: unknown key "subtitle"; expected one of: title, unit, date)");
}

TEST(PackageJsonError, UnknownKeysFarFromAnyKnownOne) {
  const auto err = [](std::string_view body) {
    return Err(std::string(kHead) + std::string(body));
  };
  EXPECT_EQ(
      err(R"("version": 1})"),
      R"(x.json:1:43: /version: unknown key "version"; expected one of: schema, rulebook, form, kind, project, fiscal_year, unit, basic_data, evaluation, report, parts, evidence, provenance)");
  EXPECT_EQ(
      err(R"("evaluation": {"indicators": [{"value": "x"}]}})"),
      R"(x.json:1:72: /evaluation/indicators/0/value: unknown key "value"; expected one of: name, kind, direction, target, actual, weight, weight_min, weight_max, coefficient, score, deviation, children)");
  EXPECT_EQ(
      err(R"("evaluation": {"funds": {"budget": "1"}}})"),
      R"(x.json:1:67: /evaluation/funds/budget: unknown key "budget"; expected one of: initial_budget, full_year_budget, executed, weight, execution_rate, score, general_public, government_fund, special_account, other_funds, basic, project, rows, method, reason)");
  EXPECT_EQ(
      err(R"("evaluation": {"funds": {"execution": "1"}}})"),
      R"(x.json:1:70: /evaluation/funds/execution: unknown key "execution"; expected one of: initial_budget, full_year_budget, executed, weight, execution_rate, score, general_public, government_fund, special_account, other_funds, basic, project, rows, method, reason)");
  EXPECT_EQ(
      err(R"("basic_data": {"staffing": {"on-payroll": "7", "retried": "1"}}})"),
      R"(x.json:1:74: /basic_data/staffing/on-payroll: unknown key "on-payroll"; did you mean "on_payroll"?)");
  EXPECT_EQ(
      err(R"("basic_data": {"staffing": {"retried": "1"}}})"),
      R"(x.json:1:71: /basic_data/staffing/retried: unknown key "retried"; did you mean "retired"?)");
  // Of several unknown keys, the one written first is reported.
  EXPECT_EQ(err(R"("unit": {"zzz": 1, "aaa": 2}})"),
            R"(x.json:1:48: /unit/zzz: unknown key "zzz"; expected one of: name, short_name)");
  EXPECT_EQ(err(R"("unit": {"Name": "x"}})"),
            R"(x.json:1:49: /unit/Name: unknown key "Name"; did you mean "name"?)");
}

TEST(PackageJsonError, WrongTypes) {
  const auto err = [](std::string_view body) {
    return Err(std::string(kHead) + std::string(body));
  };
  EXPECT_EQ(err(R"("rulebook": 5})"), "x.json:1:44: /rulebook: expected a string");
  EXPECT_EQ(err(R"("rulebook": null})"), "x.json:1:44: /rulebook: expected a string");
  EXPECT_EQ(err(R"("fiscal_year": "2024"})"),
            "x.json:1:47: /fiscal_year: expected an integer like 2024");
  EXPECT_EQ(err(R"("fiscal_year": 2024.0})"),
            "x.json:1:47: /fiscal_year: expected an integer like 2024");
  EXPECT_EQ(err(R"("fiscal_year": 3000000000})"),
            "x.json:1:47: /fiscal_year: expected an integer like 2024");
  EXPECT_EQ(err(R"("fiscal_year": -3000000000})"),
            "x.json:1:47: /fiscal_year: expected an integer like 2024");
  EXPECT_EQ(err(R"("fiscal_year": 99999999999999999999999})"),
            "x.json:1:47: /fiscal_year: expected an integer like 2024");
  EXPECT_EQ(err(R"("unit": []})"), "x.json:1:40: /unit: expected an object");
  EXPECT_EQ(err(R"("unit": null})"), "x.json:1:40: /unit: expected an object");
  EXPECT_EQ(err(R"("basic_data": {"expenses": {}}})"),
            "x.json:1:59: /basic_data/expenses: expected an array");
  EXPECT_EQ(err(R"("basic_data": {"expenses": [{"values": []}]}})"),
            "x.json:1:71: /basic_data/expenses/0/values: expected an object");
  EXPECT_EQ(err(R"("basic_data": {"expenses": [{"children": null}]}})"),
            "x.json:1:73: /basic_data/expenses/0/children: expected an array");
  EXPECT_EQ(err(R"("basic_data": {"buildings": [1]}})"),
            "x.json:1:61: /basic_data/buildings/0: expected an object");
  EXPECT_EQ(
      err(R"("basic_data": {"staffing": {"authorized": 8.0}}})"),
      R"(x.json:1:74: /basic_data/staffing/authorized: write decimals as strings ("124.88") so their written decimals are kept)");
  EXPECT_EQ(err(R"("evaluation": {"indicators": ["x"]}})"),
            "x.json:1:62: /evaluation/indicators/0: expected an object");
  EXPECT_EQ(err(R"("evaluation": {"goals": {"planned": [{"text": 5}]}}})"),
            "x.json:1:78: /evaluation/goals/planned/0/text: expected a string");
  EXPECT_EQ(err(R"("evaluation": {"goals": "x"}})"),
            "x.json:1:56: /evaluation/goals: expected an object");
  EXPECT_EQ(err(R"("report": {"cover": "x"}})"), "x.json:1:52: /report/cover: expected an object");
  EXPECT_EQ(err(R"("report": {"sections": [{"subsections": {}}]}})"),
            "x.json:1:72: /report/sections/0/subsections: expected an array");
  EXPECT_EQ(err(R"("provenance": []})"), "x.json:1:46: /provenance: expected an object");
}

TEST(PackageJsonError, Provenance) {
  const auto err = [](std::string_view body) {
    return Err(std::string(kHead) + std::string(body));
  };
  EXPECT_EQ(
      err(R"("provenance": {"evaluation/x": {}}})"),
      R"(x.json:1:63: /provenance/evaluation~1x: key "evaluation/x" is not a JSON pointer (it must start with "/"))");
  EXPECT_EQ(err(R"("provenance": {"/evaluation/funds/executed": {"row": "2"}}})"),
            "x.json:1:85: /provenance/~1evaluation~1funds~1executed/row: expected an integer");
  EXPECT_EQ(err(R"("provenance": {"/x": {"span": [1]}}})"),
            "x.json:1:62: /provenance/~1x/span: expected [begin, end], two integers");
  EXPECT_EQ(err(R"("provenance": {"/x": {"span": "1-2"}}})"),
            "x.json:1:62: /provenance/~1x/span: expected [begin, end], two integers");
  EXPECT_EQ(err(R"("provenance": {"/x": {"span": [1, "2"]}}})"),
            "x.json:1:66: /provenance/~1x/span/1: expected [begin, end], two integers");
  EXPECT_EQ(err(R"("provenance": {"/x": {"paragraph": 1.5}}})"),
            "x.json:1:67: /provenance/~1x/paragraph: expected an integer");
  EXPECT_EQ(err(R"("provenance": {"/x": "x.docx"}})"),
            "x.json:1:53: /provenance/~1x: expected an object");
}

TEST(PackageJsonError, RepeatedKeys) {
  EXPECT_EQ(
      Err(std::string(kHead) + R"("unit": {"name": "a", "name": "b"}})"),
      R"(x.json:1:62: /unit/name: repeated key "name"; a key may appear only once in an object)");
  EXPECT_EQ(
      Err(R"({"schema": "jixiao.package/1", "schema": "jixiao.package/1"})"),
      R"(x.json:1:42: /schema: repeated key "schema"; a key may appear only once in an object)");
  EXPECT_EQ(
      Err(std::string(kHead) +
          R"("evaluation": {"indicators": [{"name": "a"}, {"name": "b", "name": "c"}]}})"),
      R"(x.json:1:99: /evaluation/indicators/1/name: repeated key "name"; a key may appear only once in an object)");
  EXPECT_EQ(
      Err(std::string(kHead) + R"("provenance": {"/a~b": {}, "/a~b": {}}})"),
      R"(x.json:1:67: /provenance/~1a~0b: repeated key "/a~b"; a key may appear only once in an object)");
  // Equal after decoding escapes is equal.
  EXPECT_EQ(
      Err(std::string(kHead) + R"("unit": {"name": "a", "n\u0061me": "b"}})"),
      R"(x.json:1:67: /unit/name: repeated key "name"; a key may appear only once in an object)");
}

// simdjson keeps both of a repeated key; the reader must find it in every kind of object it
// reads, or the fast way would take a text the strict way refuses.
TEST(PackageJsonError, RepeatedKeysInEveryKindOfObject) {
  for (
      const char* body : {
          R"("basic_data": {"expenses": [{"key": "a", "values": {"final": "1", "final": "2"}}]}})",
          R"("basic_data": {"staffing": {"authorized": 8, "authorized": 9}}})",
          R"("basic_data": {"buildings": [{"name": "a", "name": "b"}]}})",
          R"("evaluation": {"funds": {"rows": [{"key": "a", "key": "b"}]}}})",
          R"("evaluation": {"goals": {"planned": [{"number": "1", "number": "2"}]}}})",
          R"("report": {"cover": {"title": "a", "title": "b"}}})",
          R"("report": {"sections": [{"title": "a", "subsections": [{"text": "", "text": ""}]}]}})",
          R"("parts": {"report": "present", "report": "absent"}})",
          R"("project": {"name": "a", "name": "b"}})",
          R"("provenance": {"/x": {"file": "a.docx", "file": "b.docx"}}})",
          R"("evidence": [{"name": "a.pdf", "name": "b.pdf"}]})",
      }) {
    SCOPED_TRACE(body);
    EXPECT_NE(Err(std::string(kHead) + body).find("repeated key"), std::string::npos);
  }
}

TEST(PackageJsonError, ColumnsCountCodePoints) {
  EXPECT_EQ(Err(std::string(kHead) + R"("unit": {"name": "区科协", "short_name": 3}})"),
            "x.json:1:70: /unit/short_name: expected a string");
}

TEST(PackageJsonError, SourceNameIsUsedAsGiven) {
  const Result<Package> r = ParsePackageJson("[]", "examples/零陵/2024.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            std::string("examples/零陵/2024.json:1:1: ") + std::string(kNotAPackage));
}

// ---- files ----

TEST(PackageJsonFile, LoadsAWrittenFile) {
  const std::string path = ::testing::TempDir() + "jixiao_package_json_test.json";
  const std::string text = WritePackageJson(Sample());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  const Result<Package> r = LoadPackageFile(path);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(WritePackageJson(*r), text);
  std::remove(path.c_str());
}

TEST(PackageJsonFile, ErrorsNameThePath) {
  const std::string path = ::testing::TempDir() + "jixiao_package_json_bad.json";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fputs("{\"schema\": \"jixiao.package/1\",\n \"fiscal_year\": \"x\"}", f);
  std::fclose(f);
  const Result<Package> r = LoadPackageFile(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), path + ":2:17: /fiscal_year: expected an integer like 2024");
  std::remove(path.c_str());
}

TEST(PackageJsonFile, MissingFileAndDirectory) {
  const std::string missing = std::string(JIXIAO_SOURCE_DIR) + "/no-such-package.json";
  Result<Package> r = LoadPackageFile(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_EQ(r.status().message(), "cannot read " + missing + ": No such file or directory");
  const std::string dir = std::string(JIXIAO_SOURCE_DIR) + "/src";
  r = LoadPackageFile(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_EQ(r.status().message(), "cannot read " + dir + ": Is a directory");
}

// PackageFromJson reads a value as ParsePackageJson reads its text: the same package for a good
// one, the same message (line, column, pointer) for a bad one.
TEST(PackageFromJson, AsFromTheText) {
  const nlohmann::json doc = nlohmann::json::parse(kSampleJson);
  const Result<Package> from_value = PackageFromJson(doc, "x.json");
  ASSERT_TRUE(from_value.ok()) << from_value.status().message();
  EXPECT_EQ(WritePackageJson(*from_value), kSampleJson);

  nlohmann::json bad = doc;
  bad["evaluation"]["funds"]["executed"] = 124.88;  // a JSON number, not a decimal string
  const Result<Package> a = PackageFromJson(bad, "x.json");
  const Result<Package> b = ParsePackageJson(bad.dump(), "x.json");
  ASSERT_FALSE(a.ok());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(a.status().message(), b.status().message());
  EXPECT_NE(a.status().message().find("/evaluation/funds/executed"), std::string::npos)
      << a.status().message();

  EXPECT_FALSE(PackageFromJson(nlohmann::json::array(), "x.json").ok());
  EXPECT_FALSE(PackageFromJson(nlohmann::json(), "x.json").ok());
}

// ParsePackageJson reads a valid text through simdjson and anything else again through the strict
// nlohmann reader; PackageFromJson reads nlohmann's tree. Both ways must take the same texts and
// give the same packages, including at the edges where the two parsers differ (integers beyond
// 64 bits, escapes, repeated keys deep down, lone surrogates).
void ExpectBothWaysAgree(const std::string& text) {
  SCOPED_TRACE(text.size() > 200 ? text.substr(0, 200) + "…" : text);
  const Result<Package> fast = ParsePackageJson(text, "x.json");
  nlohmann::json tree;
  bool tree_ok = true;
  bool repeated = false;
  try {
    tree = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    tree_ok = false;
  }
  if (!fast.ok()) {
    repeated = fast.status().message().find("repeated key") != std::string::npos ||
               fast.status().message().find("重复") != std::string::npos;
  }
  if (!tree_ok) {
    EXPECT_FALSE(fast.ok());
    return;
  }
  if (repeated) return;  // nlohmann keeps the last of repeated keys; the text reader refuses them
  const Result<Package> slow = PackageFromJson(tree, "x.json");
  ASSERT_EQ(fast.ok(), slow.ok()) << (fast.ok() ? slow.status().message()
                                                : fast.status().message());
  if (fast.ok()) {
    EXPECT_EQ(WritePackageJson(*fast), WritePackageJson(*slow));
  } else {
    // PackageFromJson names the line and column of the tree written on one line; the rest of the
    // message (pointer and reason) is the same.
    const auto reason = [](const std::string& m) {
      size_t at = 0;
      for (int colons = 0; colons < 3 && at != std::string::npos; ++colons)
        at = m.find(':', at + 1);
      return at == std::string::npos ? m : m.substr(at);
    };
    EXPECT_EQ(reason(fast.status().message()), reason(slow.status().message()));
  }
}

TEST(PackageJsonRead, FastAndStrictReadersAgree) {
  ExpectBothWaysAgree(std::string(kSampleJson));
  ExpectBothWaysAgree(std::string(kHandWritten));
  ExpectBothWaysAgree(WritePackageJson(Rich()));
  for (const char* name : {"lingling-kexie-2024.json", "lingling-kexie-2024-corrected.json"}) {
    std::FILE* f = std::fopen((testing::SourceDir() + "/examples/" + name).c_str(), "rb");
    ASSERT_NE(f, nullptr) << name;
    std::string text;
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
    std::fclose(f);
    ExpectBothWaysAgree(text);
  }
  const std::string head(kHead);
  for (
      const std::string body : {
          R"("fiscal_year": 2024})",
          R"("fiscal_year": -0})",
          R"("fiscal_year": 2024.0})",
          R"("fiscal_year": 2e3})",
          R"("fiscal_year": 9223372036854775807})",
          R"("fiscal_year": 9223372036854775808})",
          R"("fiscal_year": 18446744073709551615})",
          R"("fiscal_year": 18446744073709551616})",
          R"("fiscal_year": -9223372036854775809})",
          R"("fiscal_year": 1e400})",
          R"("evaluation": {"funds": {"executed": 18446744073709551615}}})",
          R"("evaluation": {"funds": {"executed": -9223372036854775808}}})",
          R"("evaluation": {"funds": {"executed": "１２.５"}}})",
          R"("unit": {"name": "a\u0000b\ud83d\ude00\n"}})",
          R"("unit": {"name": "\ud800"}})",
          R"("unit": {"name": "\udc00\ud800"}})",
          R"("unit": {"name": "x", "name": "y"}})",
          R"("provenance": {"/a": {"row": 1}, "/a": {"row": 2}}})",
          R"("evaluation": {"indicators": [{"name": "a", "children": [{"name": "b", "weight": "1", "weight": "2"}]}]}})",
          R"("provenance": {"/unit/name": {"span": [1, 2, 3]}}})",
          R"("provenance": {"/unit/name": {"span": [1, -2]}}})",
          R"("provenance": {"/unit/name": {"span": [1, 2.0]}}})",
          R"("provenance": {"unit": {"row": 1}}})",
          R"("evidence": [{"size": -1}]})",
          R"("evidence": [{"size": 3, "sha256": "ab"}, {"name": 4}]})",
          R"("basic_data": {"expenses": [{"values": {"final": "1", "budget": null}}]}})",
          R"("basic_data": {"expenses": {}}})",
          R"("report": {"sections": [{"subsections": [{"subsections": []}]}]}})",
          R"("report": {"sections": [{"nubmer": "一"}]}})",
          R"("kind": "project", "project": {"name": "x"}})",
          R"("kind": 1})",
          R"("parts": {"report": "cut"}, "evidence": []})",
          R"("unit": {"name": "x"}} )",
          R"("unit": {"name": "x"}} x)",
          R"("unit": {"name": "x"},})",
      }) {
    ExpectBothWaysAgree(head + body);
  }
  // Repeated keys anywhere are refused, with the strict reader's message.
  EXPECT_EQ(Err(head + R"("provenance": {"/a": {"row": 1}, "/a": {"row": 2}}})"),
            "x.json:1:71: /provenance/~1a: repeated key \"/a\"; a key may appear only once in an "
            "object");
  EXPECT_NE(Err(head + R"("evaluation": {"indicators": [{"children": [{"weight": "1", )"
                       R"("weight": "2"}]}]}})")
                .find("repeated key \"weight\""),
            std::string::npos);
  std::string many = head + R"("provenance": {)";
  for (int i = 0; i < 40; ++i) many += "\"/k" + std::to_string(i) + "\": {},";
  EXPECT_NE(Err(many + R"("/k7": {}}})").find("repeated key \"/k7\""), std::string::npos);
  many.pop_back();
  ExpectBothWaysAgree(many + "}}");
}

// The same value and the same JSON types all the way down (== alone takes 3u for 3).
void ExpectSameValue(const nlohmann::json& a, const nlohmann::json& b, const std::string& at) {
  ASSERT_EQ(a.type(), b.type()) << at;
  if (a.is_object()) {
    ASSERT_EQ(a.size(), b.size()) << at;
    for (auto it = a.begin(); it != a.end(); ++it) {
      ASSERT_TRUE(b.contains(it.key())) << at << "/" << it.key();
      ExpectSameValue(it.value(), b.at(it.key()), at + "/" + it.key());
    }
  } else if (a.is_array()) {
    ASSERT_EQ(a.size(), b.size()) << at;
    for (size_t i = 0; i < a.size(); ++i) ExpectSameValue(a[i], b[i], at + "/" + std::to_string(i));
  } else {
    ASSERT_EQ(a, b) << at;
  }
}

// The tree a save keeps is the value of the text it stores.
TEST(PackageJsonTree, IsTheParsedCanonicalText) {
  Package odd;
  odd.unit.name =
      "a\xff"
      "b\xed\xa0\x80"
      "c";  // not UTF-8: replaced in the text and the tree
  odd.basic_data.notes = "\"引号\"\t\u0001 😀";
  odd.provenance["/unit/name"].row = -1;  // a negative integer stays signed
  odd.evidence = std::vector<Evidence>{};
  for (const Package& p : {Package(), Sample(), Rich(), odd}) {
    const std::string text = WritePackageJson(p);
    ExpectSameValue(nlohmann::json::parse(text), PackageJsonTree(p), "");
  }
}

}  // namespace
}  // namespace jixiao
