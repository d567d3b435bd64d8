// Tests of the derived figures on the example (DOMAIN.md §2 and §4's passing figures).
#include "compute/derived.h"

#include <gtest/gtest.h>

#include <map>

#include "tests/test_support.h"

namespace jixiao {
namespace {

std::map<std::string, std::string> Shown(const Package& p, const Rulebook& rb) {
  std::map<std::string, std::string> m;
  for (const DerivedFigure& f : DeriveFigures(p, rb)) m[f.key] = f.shown;
  return m;
}

TEST(Derived, ExampleFigures) {
  const Package p = testing::LoadExample();
  const auto m = Shown(p, testing::LoadRulebook("hunan-lingling"));
  EXPECT_EQ(m.at("staff_control_rate"), "87.50%");
  EXPECT_EQ(m.at("execution_rate"), "98.25%");
  EXPECT_EQ(m.at("budget_adjustment"), "-26.43");
  EXPECT_EQ(m.at("budget_adjustment_rate"), "-17.21%");
  EXPECT_EQ(m.at("public_funds_control_rate"), "100.00%");
  EXPECT_EQ(m.at("three_public_change:amount"), "0.01");
  EXPECT_EQ(m.at("three_public_change:rate"), "1.49%");
  EXPECT_EQ(m.count("procurement_rate"), 0u) << "blank inputs give no figure";
}

TEST(Derived, BuildingsProcurementAndBasis) {
  Package p = testing::LoadExample();
  Building& b = p.basic_data.buildings[0];
  b.approved_area = Cell::Number(*Decimal::Parse("920"));
  b.actual_area = Cell::Number(*Decimal::Parse("1000"));
  b.budget_investment = Cell::Number(*Decimal::Parse("390.00"));
  b.actual_investment = Cell::Number(*Decimal::Parse("400.10"));
  Rulebook rb = testing::LoadRulebook("national");
  rb.three_public_basis = ThreePublicBasis::kBudget;
  const auto m = Shown(p, rb);
  EXPECT_EQ(m.at("building:0:area"), "108.70%");          // 108.6957 → 108.70
  EXPECT_EQ(m.at("building:0:investment"), "102.59%");    // 102.5897 → 102.59
  EXPECT_EQ(m.at("three_public_change:amount"), "0.01");  // budget 0.68 vs prior 0.67
}

}  // namespace
}  // namespace jixiao
