// The readable diff of two package JSONs (package_ops.h): one entry per changed value, removed
// and added subtrees as one entry each, in a stable order, with escaped pointers.
#include "server/package_ops.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jixiao::server {
namespace {

using nlohmann::json;

std::vector<std::string> Lines(const json& diff) {
  std::vector<std::string> out;
  for (const json& d : diff) {
    out.push_back(d.at("pointer").get<std::string>() + " | " + d.at("before").get<std::string>() +
                  " -> " + d.at("after").get<std::string>());
  }
  return out;
}

TEST(DiffPackages, EveryChangeOnceInOrder) {
  const json before = json::parse(R"({
    "evaluation": {"funds": {"executed": "124.88", "weight": "10"},
                   "indicators": [{"name": "受众人数", "actual": "900"},
                                  {"name": "活动场次", "actual": "12"}]},
    "unit": {"name": "区科协", "short_name": ""},
    "a/b": {"c~d": "1"},
    "gone": {"name": "旧表"}
  })");
  const json after = json::parse(R"({
    "evaluation": {"funds": {"executed": "124.98", "weight": "10", "reason": "追加"},
                   "indicators": [{"name": "受众人数", "actual": "950"}]},
    "unit": {"name": "区科协", "short_name": ""},
    "a/b": {"c~d": "2"},
    "added": [1, 2, 3],
    "zz": null
  })");
  EXPECT_EQ(Lines(DiffPackages(before, after)),
            (std::vector<std::string>{
                "/a~1b/c~0d | 1 -> 2",
                "/evaluation/funds/executed | 124.88 -> 124.98",
                "/evaluation/funds/reason | （新增） -> 追加",
                "/evaluation/indicators/0/actual | 900 -> 950",
                "/evaluation/indicators/1 | 活动场次 -> （删除）",
                "/gone | 旧表 -> （删除）",
                "/added | （新增） -> 3 项",
                "/zz | （新增） -> ",
            }));
  EXPECT_TRUE(DiffPackages(before, before).empty());
  // A value that changes type is one entry, whatever it holds.
  EXPECT_EQ(Lines(DiffPackages(json{{"x", json::array()}}, json{{"x", "n/a"}})),
            (std::vector<std::string>{"/x | 0 项 -> n/a"}));
  EXPECT_EQ(Lines(DiffPackages(json("a"), json("b"))), (std::vector<std::string>{"/ | a -> b"}));
}

}  // namespace
}  // namespace jixiao::server
