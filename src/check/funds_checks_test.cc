// Tests of the checks of the rows under 年度资金总额: a right 安徽-style block (其中：当年财政拨款
// / 上年结转资金 / 其他资金, the rows carrying parts of the 分值) and a right 贵州-style block
// (基本支出 / 项目支出 each on the full 分值, no 全年预算数) are silent; one wrong figure at a
// time fires its code (S308, S309, S310, C515, A104) at the row's cell.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "base/lang.h"
#include "check/checker.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

Cell N(const char* s, bool pct = false) { return Cell::Number(*Decimal::Parse(s), pct); }

FundsRow Row(const char* key, const char* label, const char* initial, const char* full_year,
             const char* executed, const char* weight, const char* rate, const char* score) {
  FundsRow r;
  r.key = key;
  r.label = label;
  r.initial_budget = N(initial);
  r.full_year_budget = N(full_year);
  r.executed = N(executed);
  r.weight = *weight ? N(weight) : Cell::NotApplicable();
  r.execution_rate = N(rate, true);
  r.score = *score ? N(score) : Cell::NotApplicable();
  return r;
}

class FundsRowChecks : public ::testing::Test {
 protected:
  FundsRowChecks() {
    Funds& f = anhui_.evaluation.funds;
    f.initial_budget = N("1520.00");
    f.full_year_budget = N("1683.40");
    f.executed = N("1598.27");
    f.weight = N("10");
    f.execution_rate = N("94.94", true);
    f.score = N("9.49");
    // The rows share the 分值: 6 + 2 + 2.
    f.rows = {
        Row("current_appropriation", "其中：当年财政拨款", "1420.00", "1563.40", "1502.11", "6",
            "96.08", "5.76"),
        Row("prior_carryover", "上年结转资金", "60.00", "80.00", "68.16", "2", "85.20", "1.70"),
        Row("other", "其他资金", "40.00", "40.00", "28.00", "2", "70.00", "1.40")};

    Funds& g = guizhou_.evaluation.funds;
    g.initial_budget = N("1051.00");
    g.full_year_budget = Cell::NotApplicable();
    g.executed = N("1053.48");
    g.weight = N("10");
    g.execution_rate = Cell::NotApplicable();
    g.score = N("10");
    g.method = "执行率×该指标分值，最高不得超过分值上限。";
    FundsRow basic = Row("basic", "基本支出", "836.40", "0", "802.15", "10", "0", "9.59");
    FundsRow project = Row("project", "项目支出", "214.60", "0", "251.33", "10", "0", "10");
    for (FundsRow* r : {&basic, &project}) {
      r->full_year_budget = Cell::NotApplicable();
      r->execution_rate = Cell::NotApplicable();
    }
    g.rows = {basic, project};
  }

  // The codes the funds checks give (the others need a whole package).
  std::vector<Diagnostic> Findings(const Package& p) {
    std::vector<Diagnostic> out;
    for (Diagnostic& d : CheckPackage(p, rb_)) {
      static const std::set<std::string> kFundsCodes = {"C501", "R202", "S301", "S308",
                                                        "S309", "S310", "C515", "A104"};
      // C501 of the package's other blanks (unit, goals …) is not the funds'.
      if (d.code == "C501" && d.location.table != "funds") continue;
      if (kFundsCodes.count(d.code) != 0) out.push_back(std::move(d));
    }
    return out;
  }
  static std::vector<std::string> Codes(const std::vector<Diagnostic>& ds) {
    std::vector<std::string> codes;
    for (const Diagnostic& d : ds) codes.push_back(d.code);
    return codes;
  }

  Package anhui_;
  Package guizhou_;
  Rulebook rb_ = testing::LoadRulebook("national");
};

TEST_F(FundsRowChecks, RightBlocksAreSilent) {
  EXPECT_EQ(Codes(Findings(anhui_)), std::vector<std::string>{});
  // No C501 for the columns 贵州's form does not have.
  EXPECT_EQ(Codes(Findings(guizhou_)), std::vector<std::string>{});
}

// A form that scores nothing and has no 年初预算数 (湖南's 县级专项资金 form): the importer marks
// those cells not applicable, and neither they nor the total score are asked for.
TEST_F(FundsRowChecks, AFormWithoutScoresAsksForNone) {
  Funds& f = guizhou_.evaluation.funds;
  f.initial_budget = Cell::NotApplicable();
  f.full_year_budget = N("1051.00");
  f.execution_rate = N("100.24", true);
  f.weight = Cell::NotApplicable();
  f.score = Cell::NotApplicable();
  f.method.clear();
  f.rows.clear();
  bool total_asked = false;
  for (const Diagnostic& d : CheckPackage(guizhou_, rb_)) {
    total_asked =
        total_asked || (d.code == "C501" && d.location.pointer == "/evaluation/total_score");
  }
  EXPECT_FALSE(total_asked);
  EXPECT_EQ(Codes(Findings(guizhou_)), std::vector<std::string>{});
  // A blank cell is still asked for.
  f.executed = Cell::Blank();
  EXPECT_EQ(Codes(Findings(guizhou_)), std::vector<std::string>{"C501"});
}

TEST_F(FundsRowChecks, ARowsRateAgainstItsOwnFigures) {
  const ScopedMessageLanguage zh(Lang::kZh);
  anhui_.evaluation.funds.rows[1].execution_rate = N("87.50", true);
  const auto ds = Findings(anhui_);
  ASSERT_EQ(Codes(ds), std::vector<std::string>{"S308"});
  EXPECT_EQ(ds[0].location.pointer, "/evaluation/funds/rows/1/execution_rate");
  EXPECT_EQ(ds[0].reported, "87.50%");
  EXPECT_EQ(ds[0].computed, "85.20");
  EXPECT_EQ(ds[0].message_zh,
            "年度资金“上年结转资金”行执行率填报 87.50%，按该行全年执行数 68.16 ÷ 全年预算数 80.00 "
            "计算应为 85.20%。");
}

TEST_F(FundsRowChecks, ARowsScoreAgainstItsOwnRateAndWeight) {
  const ScopedMessageLanguage en(Lang::kEn);
  // 贵州: the unit gave 基本支出 the full 10 although it spent 95.9% of its initial budget.
  guizhou_.evaluation.funds.rows[0].score = N("10");
  const auto ds = Findings(guizhou_);
  ASSERT_EQ(Codes(ds), std::vector<std::string>{"S309"});
  EXPECT_EQ(ds[0].location.pointer, "/evaluation/funds/rows/0/score");
  EXPECT_EQ(ds[0].computed, "9.59");
  EXPECT_EQ(ds[0].message_en,
            "Funds row \"基本支出\": score reported 10, but its weight 10 × rate 95.91% (capped at "
            "100%) gives 9.59. (the form's method read as: score = weight × execution rate, at "
            "most the weight)");
}

TEST_F(FundsRowChecks, RowWeightsThatDoNotAddUpToTheTotals) {
  anhui_.evaluation.funds.rows[2].weight = N("3");
  anhui_.evaluation.funds.rows[2].score = N("2.10");
  const auto ds = Findings(anhui_);
  ASSERT_EQ(Codes(ds), std::vector<std::string>{"S310"});
  EXPECT_EQ(ds[0].reported, "11");
  EXPECT_EQ(ds[0].computed, "10");
  EXPECT_EQ(ds[0].location.pointer, "/evaluation/funds/rows/0/weight");
}

TEST_F(FundsRowChecks, RowAmountsThatDoNotAddUpToTheTotal) {
  const ScopedMessageLanguage zh(Lang::kZh);
  anhui_.evaluation.funds.rows[1].executed = N("78.16");  // a slip of 10
  anhui_.evaluation.funds.rows[1].execution_rate = N("97.70", true);
  anhui_.evaluation.funds.rows[1].score = N("1.95");
  const auto ds = Findings(anhui_);
  ASSERT_EQ(Codes(ds), std::vector<std::string>{"A104"});
  EXPECT_EQ(ds[0].location.pointer, "/evaluation/funds/rows/0/executed");
  EXPECT_EQ(ds[0].reported, "1608.27");
  EXPECT_EQ(ds[0].computed, "1598.27");
  EXPECT_EQ(ds[0].message_zh,
            "年度资金总额下按资金来源分列各行的全年执行数之和为 1608.27，与年度资金总额的 1598.27 "
            "不符。");
}

// A form that fills one 其中 row only: it need not add up to the total (the other sources may
// be left out), but it cannot exceed it. A total of 0 / 0 / 0 above a row that carries the
// money is the slip.
TEST_F(FundsRowChecks, ALoneRowMoreThanTheTotal) {
  const ScopedMessageLanguage zh(Lang::kZh);
  Funds& f = anhui_.evaluation.funds;
  f.initial_budget = N("0");
  f.full_year_budget = N("0");
  f.executed = N("0");
  f.execution_rate = N("0", true);
  f.score = N("0");
  f.rows = {Row("current_appropriation", "其中：本年财政拨款", "75.30", "61.25", "61.25", "", "",
                "")};
  f.rows[0].execution_rate = Cell::Blank();
  FundsRow empty;
  empty.key = "prior_carryover";
  empty.label = "上年结转资金";
  f.rows.push_back(empty);
  const auto ds = Findings(anhui_);
  ASSERT_EQ(Codes(ds), (std::vector<std::string>{"A104", "A104", "A104"}));
  EXPECT_EQ(ds[0].location.pointer, "/evaluation/funds/rows/0/initial_budget");
  EXPECT_EQ(ds[2].location.pointer, "/evaluation/funds/rows/0/executed");
  EXPECT_EQ(ds[2].message_zh,
            "年度资金总额下“其中：本年财政拨款”行的全年执行数为 61.25，大于年度资金总额的 0。");
}

TEST_F(FundsRowChecks, ALoneRowWithinTheTotalIsNoSplit) {
  Funds& f = anhui_.evaluation.funds;
  f.rows.resize(1);
  f.rows[0].weight = N("10");
  f.rows[0].score = N("9.61");
  // 1502.11 of the 1598.27 executed: the other sources are not printed, nothing is wrong.
  EXPECT_EQ(Codes(Findings(anhui_)), std::vector<std::string>{});
}

TEST_F(FundsRowChecks, ARowWithoutTheFiguresItsRateNeeds) {
  anhui_.evaluation.funds.rows[2].executed = Cell::Blank();
  const auto ds = Findings(anhui_);
  // The blank is the row's finding, not a sum that does not meet (no A104).
  ASSERT_EQ(Codes(ds), std::vector<std::string>{"C515"});
  EXPECT_EQ(ds[0].location.pointer, "/evaluation/funds/rows/2/executed");
}

}  // namespace
}  // namespace jixiao
