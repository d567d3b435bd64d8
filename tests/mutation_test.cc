// The mutation test: one error at a time — a number, a unit, a direction word, a figure that
// no longer agrees across the documents, a score — is injected into the corrected example,
// and the checker must find each with the code that names it. Prints the detection rate;
// requires at least 95% and no error or inconsistency on the unmutated package.
#include <gtest/gtest.h>

#include <functional>
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
  std::string kind;  // number, unit, direction, cross-document, score
  std::string what;
  std::function<bool(Package*)> apply;  // false when the mutation could not be applied
  std::string expected_code;
};

std::vector<Mutation> Mutations() {
  const auto prose = [](std::string from, std::string to) {
    return [from, to](Package* p) { return ReplaceInReport(p, from, to); };
  };
  return {
      // Numbers in the tables.
      {"number", "执行率 98.25 → 98.52",
       [](Package* p) {
         p->evaluation.funds.execution_rate = Cell::Number(D("98.52"));
         return true;
       },
       "R202"},
      {"number", "执行率得分 9.8 → 9.6",
       [](Package* p) {
         p->evaluation.funds.score = Cell::Number(D("9.6"));
         return true;
       },
       "S301"},
      {"number", "公务接待 2024 决算 0.68 → 0.78",
       [](Package* p) {
         Row(p, "reception")->at(ExpenseColumn::kFinal) = Cell::Number(D("0.78"));
         return true;
       },
       "A101"},
      {"number", "控制率 87.5% → 85.7%",
       [](Package* p) {
         p->basic_data.staffing.control_rate = Cell::Number(D("85.7"), true);
         return true;
       },
       "R201"},
      {"number", "总分 99.8 → 98.8",
       [](Package* p) {
         p->evaluation.total_score = Cell::Number(D("98.8"));
         return true;
       },
       "S306"},
      {"number", "一般公共预算 124.88 → 120.88",
       [](Package* p) {
         p->evaluation.funds.general_public = Cell::Number(D("120.88"));
         return true;
       },
       "A104"},
      {"number", "基本支出 2024 决算 124.88 → 37.00 (below its parts together)",
       [](Package* p) {
         Row(p, "basic")->at(ExpenseColumn::kFinal) = Cell::Number(D("37.00"));
         return true;
       },
       "A103"},
      {"number", "基本支出 2024 决算 124.88 → 30.00 (below one part)",
       [](Package* p) {
         Row(p, "basic")->at(ExpenseColumn::kFinal) = Cell::Number(D("30.00"));
         return true;
       },
       "A102"},
      {"number", "项目支出小计 2023 29.56 → 30.56",
       [](Package* p) {
         Row(p, "projects")->at(ExpenseColumn::kPriorFinal) = Cell::Number(D("30.56"));
         return true;
       },
       "A101"},
      // Numbers in the prose.
      {"number", "报告：减少23.52万元 → 减少25.52万元",
       prose("同比减少23.52万元", "同比减少25.52万元"), "N801"},
      {"number", "报告：多出12.18万元 → 多出13.18万元", prose("多出12.18万元", "多出13.18万元"),
       "N801"},
      {"number", "报告：减少6.14万元 → 减少6.41万元", prose("减少6.14万元", "减少6.41万元"),
       "N801"},
      // Units.
      {"unit", "报告：减少6.14万元 → 减少6.14元", prose("减少6.14万元", "减少6.14元"), "N802"},
      {"unit", "报告：多出12.18万元 → 多出12.18元", prose("多出12.18万元", "多出12.18元"), "N802"},
      {"unit", "报告：同比减少23.52万元 → 同比减少23.52",
       prose("同比减少23.52万元", "同比减少23.52"), "N804"},
      {"unit", "报告：公用经费36.70万元 → 36.70元", prose("公用经费36.70万元", "公用经费36.70元"),
       "N802"},
      // Directions.
      {"direction", "报告：减少6.14万元 → 增加6.14万元", prose("减少6.14万元", "增加6.14万元"),
       "N803"},
      {"direction", "报告：多出12.18万元 → 减少12.18万元", prose("多出12.18万元", "减少12.18万元"),
       "N803"},
      {"direction", "报告：三公 增加0.01万元 → 与上年持平",
       prose("比上年增加0.01万元，增长1.49%", "与上年持平"), "N803"},
      {"direction", "报告：同比减少23.52万元 → 同比增加23.52万元",
       prose("同比减少23.52万元", "同比增加23.52万元"), "N803"},
      // Across the documents.
      {"cross-document", "报告：编制8名 → 9名", prose("核定编制8名", "核定编制9名"), "X701"},
      {"cross-document", "报告：在职7人 → 6人", prose("在职7人", "在职6人"), "X701"},
      {"cross-document", "报告：公用经费36.70万元 → 38.70万元",
       prose("公用经费36.70万元", "公用经费38.70万元"), "X701"},
      {"cross-document", "表：公用经费 2024 决算 36.70 → 4.13",
       [](Package* p) {
         Row(p, "public_funds")->at(ExpenseColumn::kFinal) = Cell::Number(D("4.13"));
         return true;
       },
       "X701"},
      {"cross-document", "报告：目标3不再提机器人竞赛",
       prose("和第5届青少年机器人竞赛，加大", "，加大"), "X704"},
      {"cross-document", "指标：科普活动实际完成 29 → 25",
       [](Package* p) {
         Leaf(p, 0, 0, 0).actual = "25";
         return true;
       },
       "X705"},
      {"cross-document", "表：预算调整行清空",
       [](Package* p) {
         ExpenseRow* r = Row(p, "basic_adjustment");
         r->at(ExpenseColumn::kBudget) = Cell::Blank();
         r->at(ExpenseColumn::kFinal) = Cell::Blank();
         return true;
       },
       "X702"},
      // Scores.
      {"score", "受众人数 actual 25000 → 15000 (score stays 10)",
       [](Package* p) {
         Leaf(p, 0, 0, 1).actual = "15000";
         return true;
       },
       "S302"},
      {"score", "上级部门认可程度 score 5 → 3 (band 4–5)",
       [](Package* p) {
         Leaf(p, 0, 1, 0).score = Cell::Number(D("3"));
         return true;
       },
       "S303"},
      {"score", "科普氛围 score 10 → 12",
       [](Package* p) {
         Leaf(p, 0, 1, 2).score = Cell::Number(D("12"));
         return true;
       },
       "S305"},
      {"score", "产出指标 weight 50 → 55",
       [](Package* p) {
         p->evaluation.indicators[0].weight = Cell::Number(D("55"));
         return true;
       },
       "W401"},
      {"score", "等级 printed 良",
       [](Package* p) {
         p->evaluation.grade = "良";
         return true;
       },
       "S307"},
  };
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
  for (const Mutation& m : Mutations()) {
    Package p = base;
    ASSERT_TRUE(m.apply(&p)) << "could not apply: " << m.what;
    ++applied;
    bool found = false;
    for (const Diagnostic& d : CheckPackage(p, rb)) found |= d.code == m.expected_code;
    if (found) {
      ++detected;
    } else {
      ADD_FAILURE() << "not found (" << m.kind << "): " << m.what << " — expected "
                    << m.expected_code;
    }
  }
  const int percent = applied == 0 ? 0 : detected * 100 / applied;
  std::cout << "mutation test: " << detected << " of " << applied << " injected errors found ("
            << percent << "%)\n";
  EXPECT_GE(detected * 100, applied * 95);
}

}  // namespace
}  // namespace jixiao
