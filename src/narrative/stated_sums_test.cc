// Tests of stated sums: an amount and the amounts it is said to be made of. Sums that hold
// (exactly, or within the rounding of how they are written) are found and hold; sums that do
// not are found and fail; sentences that only look like a breakdown (a count or rate among the
// parts, a comparison, a per-unit amount, a remark in brackets, a single part) are no stated
// sum at all. The sentences are our own.
#include "narrative/stated_sums.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(StatedSums, AWholeBreakdownThatAddsUp) {
  const auto sums = FindStatedSums("本年安排资金50万元：设备购置20万元，人员培训18万元，宣传12万元。");
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_TRUE(sums[0].whole);
  EXPECT_TRUE(sums[0].holds);
  EXPECT_EQ(sums[0].total.written(), "50万元");
  ASSERT_EQ(sums[0].parts.size(), 3u);
  EXPECT_EQ(sums[0].sum.ToString(), "50");
}

// A bare list of figures after 其中 takes the total's unit, or the unit its last figure names.
TEST(StatedSums, ABareListOfFigures) {
  auto sums = FindStatedSums("共支出89.97万元，其中30、30、29.99。");
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_FALSE(sums[0].whole);
  EXPECT_FALSE(sums[0].holds);  // 89.99 is more than 89.97
  ASSERT_EQ(sums[0].parts.size(), 3u);
  EXPECT_EQ(sums[0].parts[2].written(), "29.99万元");
  sums = FindStatedSums("共支出89.99万元，其中30、30、29.99万元");
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_TRUE(sums[0].holds);
  // Not a bare list: a figure with another word after it, or one figure only.
  EXPECT_TRUE(FindStatedSums("共支出89.97万元，其中30、30、29.99人次。").empty());
  EXPECT_TRUE(FindStatedSums("共支出89.97万元，其中30。").empty());
}

TEST(StatedSums, AWholeBreakdownThatDoesNotAddUp) {
  const auto sums =
      FindStatedSums("申请资金1,250,000元，用于：道路养护600000元，路灯维修350000元，绿化200000元。");
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_FALSE(sums[0].holds);
  EXPECT_EQ(sums[0].sum.ToString(), "1150000");
  EXPECT_EQ(sums[0].total.unit, "元");
}

TEST(StatedSums, WrittenToTheSameFinePrecision) {
  // 40.00 + 25.00 + 14.97 = 79.97 holds; 14.99 makes 79.99, which no rounding of the parts
  // written to 0.01 brings to 79.97.
  EXPECT_TRUE(FindStatedSums("实际支出79.97万元：监理40万元，检测25万元，复核14.97万元。")[0].holds);
  EXPECT_FALSE(FindStatedSums("实际支出79.97万元：监理40万元，检测25万元，复核14.99万元。")[0].holds);
  // Within rounding: 33.3 × 3 written for a third each of 100.
  EXPECT_TRUE(FindStatedSums("资金100万元：甲村33.3万元，乙村33.3万元，丙村33.3万元。")[0].holds);
}

TEST(StatedSums, UnitsAreConverted) {
  const auto sums = FindStatedSums("资金1.2万元：材料8000元，人工4000元。");
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_TRUE(sums[0].holds);
  EXPECT_EQ(sums[0].sum.ToString(), "1.2");
}

TEST(StatedSums, ASelectionMayBeLessButNotMore) {
  EXPECT_TRUE(FindStatedSums("支出80万元，其中：办公费10万元，差旅费5万元。")[0].holds);
  const auto more = FindStatedSums("支出80万元，其中：办公费60万元，差旅费30万元。");
  ASSERT_EQ(more.size(), 1u);
  EXPECT_FALSE(more[0].whole);
  EXPECT_FALSE(more[0].holds);
}

TEST(StatedSums, WhatIsNoStatedSum) {
  for (const char* text : {
           "资金50万元，完成率96%，设备30万元，培训10万元。",          // no breakdown follows
           "资金50万元：培训3期，设备30万元，培训10万元。",            // a count among the parts
           "资金50万元：设备30万元，比上年增加10万元。",              // a comparison
           "资金50万元：每村5万元，共10个村。",                       // per-unit amounts
           "资金50万元：设备30万元（含运费2万元）。",                 // one part and a remark
           "资金约50万元：设备30万元，培训10万元。",                  // an approximate total
           "资金50万元：设备30万元，培训10万元，其中培训5万元为上年结转。",  // nested
       }) {
    EXPECT_TRUE(FindStatedSums(text).empty()) << text;
  }
}

TEST(StatedSums, RemarksInBracketsAreNotParts) {
  const auto sums = FindStatedSums("资金50万元：设备30万元（含运费2万元），培训20万元。");
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_EQ(sums[0].parts.size(), 2u);
  EXPECT_TRUE(sums[0].holds);
}

TEST(StatedSums, OnePerSentenceWithOffsetsIntoTheText) {
  const std::string text = "计划资金20万元：甲10万元，乙10万元。\n实际资金18万元：甲10万元，乙10万元。";
  const auto sums = FindStatedSums(text);
  ASSERT_EQ(sums.size(), 2u);
  EXPECT_TRUE(sums[0].holds);
  EXPECT_FALSE(sums[1].holds);
  EXPECT_EQ(text.substr(sums[1].total.begin, sums[1].total.end - sums[1].total.begin), "18万元");
}

}  // namespace
}  // namespace jixiao
