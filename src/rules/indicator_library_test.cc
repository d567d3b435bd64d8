// Tests of the rulebook's indicator library ([[indicator_library]]): the bundled entries,
// reading and refusing entries (messages pinned), and matching by name, group, unit and
// `except`.
#include <gtest/gtest.h>

#include <string>

#include "base/lang.h"
#include "rules/rulebook.h"

namespace jixiao {
namespace {

// A valid rulebook without a library; tests append [[indicator_library]] tables to it.
constexpr std::string_view kBase = R"toml([rulebook]
id = "test"
name = "Test"
description = ""

[weights]
layout = "top_level"
execution = 10
output = 50
effect = 30
satisfaction = 10
total = 100

[execution]
cap_percent = 100
decimals = 2
rounding = "half_up"
explain_below_percent = 90

[scores]
decimals = 2
rounding = "half_up"

[rates]
decimals = 2
rounding = "half_up"

[reverse]
variant = "ratio"

[qualitative]
scale = [["高"], ["较高"], ["一般"], ["差"]]
achieved = [80, 100]
partial = [60, 80]
not_achieved = [0, 60]

[[grades]]
name = "优"
min = 90
max = 100
max_inclusive = true

[[grades]]
name = "差"
min = 0
max = 90
max_inclusive = false

[three_public]
basis = "final"

[policy]
overshoot_percent = 130
qualitative_share_percent = 40
score_above_execution_points = 10
rough_flat_percent = 5
)toml";

std::string ErrorOf(const std::string& library) {
  ScopedMessageLanguage english(Lang::kEn);
  Result<Rulebook> rb = ParseRulebook(std::string(kBase) + library, "t.toml");
  if (rb.ok()) return "(parsed without error)";
  EXPECT_EQ(rb.status().code(), Status::Code::kInvalidArgument);
  return rb.status().message();
}

TEST(IndicatorLibrary, BundledRulebooksCarryTheLibrary) {
  for (const char* id : {"national", "hunan-lingling"}) {
    Result<Rulebook> rb = BundledRulebook(id);
    ASSERT_TRUE(rb.ok()) << rb.status().message();
    std::vector<std::string> ids;
    for (const IndicatorPattern& e : rb->indicator_library) ids.push_back(e.id);
    EXPECT_EQ(ids,
              (std::vector<std::string>{"staff_control", "budget_adjustment", "carryover",
                                        "public_funds_control", "three_public_control", "cost"}))
        << id;
    for (const IndicatorPattern& e : rb->indicator_library) {
      EXPECT_EQ(e.direction, Direction::kLowerBetter) << e.id;
    }
  }
}

TEST(IndicatorLibrary, WithoutTheTableTheLibraryIsEmpty) {
  Result<Rulebook> rb = ParseRulebook(kBase, "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_TRUE(rb->indicator_library.empty());
  std::string matched;
  EXPECT_EQ(MatchIndicatorLibrary(*rb, "预算调整率", {}, "%", &matched), nullptr);
}

TEST(IndicatorLibrary, Matching) {
  Result<Rulebook> rb = ParseRulebook(std::string(kBase) + R"toml(
[[indicator_library]]
id = "rate"
names = ["控制率"]
units = ["%"]
direction = "lower"

[[indicator_library]]
id = "staff"
names = ["人员控制率"]
units = ["%"]
direction = "equal"

[[indicator_library]]
id = "cost"
names = ["成本"]
groups = ["成本指标"]
except = ["节约"]
direction = "lower"

[[indicator_library]]
id = "coverage"
groups = ["覆盖"]
direction = "higher"
)toml",
                                      "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  std::string m;
  // The longest name pattern wins.
  const IndicatorPattern* e = MatchIndicatorLibrary(*rb, "财政供养人员控制率", {}, "%", &m);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->id, "staff");
  EXPECT_EQ(m, "人员控制率");
  EXPECT_EQ(e->direction, Direction::kEqual);
  // A unit the entries do not list rules them out; no unit rules nothing out.
  EXPECT_EQ(MatchIndicatorLibrary(*rb, "人员控制率", {}, "人", &m), nullptr);
  EXPECT_NE(MatchIndicatorLibrary(*rb, "人员控制率", {}, "", &m), nullptr);
  // A group word, when no name matches.
  e = MatchIndicatorLibrary(*rb, "单次培训费用", {"产出指标", "成本指标"}, "元", &m);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->id, "cost");
  EXPECT_EQ(m, "成本指标");
  // A name match beats a longer group match.
  e = MatchIndicatorLibrary(*rb, "公用经费控制率", {"成本指标"}, "%", &m);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->id, "rate");
  // `except` words in the name.
  EXPECT_EQ(MatchIndicatorLibrary(*rb, "成本节约率", {"成本指标"}, "%", &m), nullptr);
}

TEST(IndicatorLibrary, BadEntriesAreRefusedWithTheirPlace) {
  EXPECT_EQ(ErrorOf("\n[[indicator_library]]\nid = \"a\"\ndirection = \"lower\"\n"),
            "t.toml:58:1: indicator_library[0]: list at least one of names or groups");
  EXPECT_EQ(ErrorOf("\n[[indicator_library]]\nid = \"a\"\nnames = [\"率\"]\n"
                    "direction = \"down\"\n"),
            "t.toml:61:13: indicator_library[0].direction: \"down\" is not one of lower, higher, "
            "equal");
  EXPECT_EQ(ErrorOf("\n[[indicator_library]]\nid = \"a\"\nnames = [\"率\", 3]\n"
                    "direction = \"lower\"\n"),
            "t.toml:60:15: indicator_library[0].names[1]: expected a non-empty string");
  EXPECT_EQ(ErrorOf("\n[[indicator_library]]\nid = \"a\"\nnames = \"率\"\ndirection = \"lower\"\n"),
            "t.toml:60:9: indicator_library[0].names: expected an array of strings, found a "
            "string");
  EXPECT_EQ(ErrorOf("\n[[indicator_library]]\nid = \"a\"\nnames = [\"率\"]\ndirection = "
                    "\"lower\"\n\n[[indicator_library]]\nid = \"a\"\nnames = [\"额\"]\n"
                    "direction = \"lower\"\n"),
            "t.toml:63:1: indicator_library[1].id: \"a\" is already the id of another entry");
  EXPECT_EQ(ErrorOf("\n[[indicator_library]]\nid = \"a\"\nname = [\"率\"]\n"
                    "direction = \"lower\"\n"),
            "t.toml:60:1: indicator_library[0].name: unknown key (did you mean names?)");
}

}  // namespace
}  // namespace jixiao
