// Tests for the placement of a funds row short of figures (import/funds_placement.h). Figures
// made up.
#include "import/funds_placement.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jixiao {
namespace {

const std::vector<std::string> kHeader = {"(万元)", "年初预算数", "全年预算数(A)", "全年执行数(B)",
                                          "分值",   "执行率(B/A)", "得分"};

std::vector<FundsFigure> Row(std::vector<std::string> texts, std::vector<int> columns) {
  std::vector<FundsFigure> out;
  for (size_t i = 0; i < texts.size(); ++i) out.push_back({texts[i], columns[i]});
  return out;
}

TEST(FundsPlacement, RolesByTheHeadersWords) {
  const std::vector<FundsRole> roles = FundsRoles(kHeader);
  EXPECT_EQ(roles, (std::vector<FundsRole>{FundsRole::kNone, FundsRole::kInitial, FundsRole::kFull,
                                           FundsRole::kExecuted, FundsRole::kWeight,
                                           FundsRole::kRate, FundsRole::kScore}));
  EXPECT_TRUE(IsFundsHeader(roles));
  EXPECT_EQ(FundsRoles({"预算执行率", "执行率得分（分）", "执行率权重", "调整后预算数", "预算执行数"}),
            (std::vector<FundsRole>{FundsRole::kRate, FundsRole::kScore, FundsRole::kWeight,
                                    FundsRole::kFull, FundsRole::kExecuted}));
  EXPECT_FALSE(IsFundsHeader(FundsRoles({"项目", "上年决算数", "本年预算数", "本年决算数"})));
}

// 880 880 880 10 10 under six columns: the rate left blank is the only placement that adds up
// (10 is not 880 ÷ 880, and 880 cannot be a 分值).
TEST(FundsPlacement, MovesAFigureOutOfAColumnItCannotHold) {
  const std::vector<FundsRole> roles = FundsRoles(kHeader);
  const auto placed =
      PlaceFundsFigures(roles, Row({"880", "880", "880", "10", "10"}, {1, 2, 3, 4, 5}));
  ASSERT_TRUE(placed.has_value());
  EXPECT_EQ(*placed, (std::vector<int>{1, 2, 3, 4, 6}));
}

// A placement that adds up is kept; so is one that no placement mends with the arithmetic
// confirming it (what is wrong in the row is the checks' to say: 80 of 100 is not 90 %, and
// leaving 执行数 blank to hide it is no reading).
TEST(FundsPlacement, KeepsWhatFitsAndWhatNothingMends) {
  const std::vector<FundsRole> roles = FundsRoles(kHeader);
  EXPECT_FALSE(
      PlaceFundsFigures(roles, Row({"100", "90", "10", "90%"}, {2, 3, 4, 5})).has_value());
  // 80 of 100 is 80 %, and the row says 90 %: no placement helps.
  EXPECT_FALSE(
      PlaceFundsFigures(roles, Row({"100", "80", "10", "90%"}, {2, 3, 4, 5})).has_value());
  // Markers carry no figure: "880 880 880 - -" fits as aligned.
  EXPECT_FALSE(
      PlaceFundsFigures(roles, Row({"880", "880", "880", "-", "-"}, {1, 2, 3, 4, 5})).has_value());
  // A whole row is not this one's business.
  EXPECT_FALSE(PlaceFundsFigures(roles, Row({"1", "1", "1", "10", "100%", "10"}, {1, 2, 3, 4, 5, 6}))
                   .has_value());
}

// Two placements that put the figures in different columns are both confirmed by the
// arithmetic: the row cannot be placed.
TEST(FundsPlacement, SaysWhenSeveralPlacementsDisagree) {
  const std::vector<FundsRole> roles = FundsRoles(kHeader);
  // 100 and 100 may be 年初 and 执行 or 全年 and 执行: 100 % either way.
  const auto placed = PlaceFundsFigures(roles, Row({"100", "100", "100%", "10"}, {1, 2, 3, 4}));
  ASSERT_TRUE(placed.has_value());
  EXPECT_TRUE(placed->empty());
}

}  // namespace
}  // namespace jixiao
