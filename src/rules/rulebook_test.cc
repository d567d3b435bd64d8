// Tests of rulebook loading: the two bundled rulebooks and their values, every validation
// message of docs/rulebook-format.md (pinned word for word), ordinal levels, grade bands, and
// resolving a --rulebook argument to a bundled id or a file.
#include "rules/rulebook.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <string>

#include "base/lang.h"

namespace jixiao {
namespace {

// A complete, valid rulebook. Tests derive bad ones from it by replacing one piece of text, so
// the line numbers below stay put: [weights] is line 6, output line 9, [qualitative] line 31,
// the four [[grades]] start on lines 37, 43, 49 and 55, [three_public] is line 61.
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
scale = [["高", "好"], ["较高", "较好"], ["一般"], ["差"]]
achieved = [80, 100]
partial = [60, 80]
not_achieved = [0, 60]

[[grades]]
name = "优"
min = 90
max = 100
max_inclusive = true

[[grades]]
name = "良"
min = 80
max = 90
max_inclusive = false

[[grades]]
name = "中"
min = 60
max = 80
max_inclusive = false

[[grades]]
name = "差"
min = 0
max = 60
max_inclusive = false

[three_public]
basis = "final"

[policy]
overshoot_percent = 130
qualitative_share_percent = 40
score_above_execution_points = 10
rough_flat_percent = "5"
)toml";

// kBase with `from` (which must occur exactly once) replaced by `to`.
std::string Replace(std::string_view from, std::string_view to, std::string text = "") {
  if (text.empty()) text = std::string(kBase);
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "not in the text: " << from;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "more than once: " << from;
  text.replace(at, from.size(), to);
  return text;
}

// The message of a parse that must fail with InvalidArgument.
std::string ErrorOf(std::string_view text) {
  Result<Rulebook> rb = ParseRulebook(text, "t.toml");
  if (rb.ok()) return "(parsed without error)";
  EXPECT_EQ(rb.status().code(), Status::Code::kInvalidArgument);
  return rb.status().message();
}

Decimal D(std::string_view text) { return *Decimal::Parse(text); }

// ---------------------------------------------------------------------------------------------
// Bundled rulebooks

TEST(RulebookBundled, IdsAreTheFileStems) {
  EXPECT_EQ(BundledRulebookIds(),
            (std::vector<std::string>{"anhui", "chongqing", "guizhou", "hunan-2016",
                                      "hunan-lingling", "national-project", "national"}));
}

TEST(RulebookBundled, NationalHasTheNationalDefaults) {
  Result<Rulebook> rb = BundledRulebook("national");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->id, "national");
  EXPECT_EQ(rb->source, "bundled:national");
  EXPECT_FALSE(rb->name.empty());
  EXPECT_FALSE(rb->description.empty());
  EXPECT_EQ(rb->satisfaction_layout, SatisfactionLayout::kTopLevel);
  EXPECT_EQ(rb->execution_weight, D("10"));
  EXPECT_EQ(rb->output_weight, D("50"));
  EXPECT_EQ(rb->effect_weight, D("30"));
  EXPECT_EQ(rb->satisfaction_weight, D("10"));
  EXPECT_EQ(rb->total_weight, D("100"));
  EXPECT_EQ(rb->execution_cap_percent, D("100"));
  EXPECT_EQ(rb->execution_decimals, 2);
  EXPECT_EQ(rb->execution_rounding, Rounding::kHalfUp);
  EXPECT_EQ(rb->explain_below_percent, D("90"));
  EXPECT_EQ(rb->score_decimals, 2);
  EXPECT_EQ(rb->score_rounding, Rounding::kHalfUp);
  EXPECT_EQ(rb->rate_decimals, 2);
  EXPECT_EQ(rb->rate_rounding, Rounding::kHalfUp);
  EXPECT_EQ(rb->reverse, ReverseVariant::kRatio);
  EXPECT_EQ(rb->achieved.lo_percent, D("80"));
  EXPECT_EQ(rb->achieved.hi_percent, D("100"));
  EXPECT_EQ(rb->partial.lo_percent, D("60"));
  EXPECT_EQ(rb->partial.hi_percent, D("80"));
  EXPECT_EQ(rb->not_achieved.lo_percent, D("0"));
  EXPECT_EQ(rb->not_achieved.hi_percent, D("60"));
  ASSERT_EQ(rb->ordinal_scale.size(), 4u);
  EXPECT_EQ(rb->three_public_basis, ThreePublicBasis::kFinal);

  ASSERT_EQ(rb->grades.size(), 4u);
  EXPECT_EQ(rb->grades[0].name, "优");
  EXPECT_EQ(rb->grades[0].min, D("90"));
  EXPECT_EQ(rb->grades[0].max, D("100"));
  EXPECT_TRUE(rb->grades[0].max_inclusive);
  EXPECT_EQ(rb->grades[1].name, "良");
  EXPECT_EQ(rb->grades[1].min, D("80"));
  EXPECT_EQ(rb->grades[1].max, D("90"));
  EXPECT_FALSE(rb->grades[1].max_inclusive);
  EXPECT_EQ(rb->grades[2].name, "中");
  EXPECT_EQ(rb->grades[2].min, D("60"));
  EXPECT_EQ(rb->grades[2].max, D("80"));
  EXPECT_FALSE(rb->grades[2].max_inclusive);
  EXPECT_EQ(rb->grades[3].name, "差");
  EXPECT_EQ(rb->grades[3].min, D("0"));
  EXPECT_EQ(rb->grades[3].max, D("60"));
  EXPECT_FALSE(rb->grades[3].max_inclusive);
}

TEST(RulebookBundled, LinglingPutsSatisfactionUnderEffectAndPrintsOneDecimal) {
  Result<Rulebook> rb = BundledRulebook("hunan-lingling");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->id, "hunan-lingling");
  EXPECT_EQ(rb->source, "bundled:hunan-lingling");
  EXPECT_EQ(rb->satisfaction_layout, SatisfactionLayout::kUnderEffect);
  EXPECT_EQ(rb->execution_weight, D("10"));
  EXPECT_EQ(rb->output_weight, D("50"));
  EXPECT_EQ(rb->effect_weight, D("40"));
  EXPECT_EQ(rb->satisfaction_weight, D("10"));
  EXPECT_EQ(rb->total_weight, D("100"));
  EXPECT_EQ(rb->execution_decimals, 1);
  EXPECT_EQ(rb->execution_rounding, Rounding::kHalfUp);
  // The worked example: 10 × 98.25% = 9.825 prints as 9.8.
  EXPECT_EQ(D("9.825").Format(rb->execution_decimals, rb->execution_rounding), "9.8");
}

TEST(RulebookBundled, LinglingDiffersFromNationalOnlyWhereStated) {
  Result<Rulebook> national = BundledRulebook("national");
  Result<Rulebook> lingling = BundledRulebook("hunan-lingling");
  ASSERT_TRUE(national.ok() && lingling.ok());
  const Rulebook& n = *national;
  const Rulebook& l = *lingling;
  EXPECT_EQ(l.execution_weight, n.execution_weight);
  EXPECT_EQ(l.output_weight, n.output_weight);
  EXPECT_EQ(l.satisfaction_weight, n.satisfaction_weight);
  EXPECT_EQ(l.effect_weight, n.effect_weight + n.satisfaction_weight);
  EXPECT_EQ(l.total_weight, n.total_weight);
  EXPECT_EQ(l.execution_cap_percent, n.execution_cap_percent);
  EXPECT_EQ(l.explain_below_percent, n.explain_below_percent);
  EXPECT_EQ(l.score_decimals, n.score_decimals);
  EXPECT_EQ(l.score_rounding, n.score_rounding);
  EXPECT_EQ(l.rate_decimals, n.rate_decimals);
  EXPECT_EQ(l.rate_rounding, n.rate_rounding);
  EXPECT_EQ(l.reverse, n.reverse);
  EXPECT_EQ(l.ordinal_scale, n.ordinal_scale);
  EXPECT_EQ(l.three_public_basis, n.three_public_basis);
  ASSERT_EQ(l.grades.size(), n.grades.size());
  for (size_t i = 0; i < l.grades.size(); ++i) {
    EXPECT_EQ(l.grades[i].name, n.grades[i].name);
    EXPECT_EQ(l.grades[i].min, n.grades[i].min);
    EXPECT_EQ(l.grades[i].max, n.grades[i].max);
    EXPECT_EQ(l.grades[i].max_inclusive, n.grades[i].max_inclusive);
  }
}

TEST(RulebookBundled, FilesInTheSourceTreeMatchTheBundledText) {
  for (const std::string& id : BundledRulebookIds()) {
    const std::string path = std::string(JIXIAO_SOURCE_DIR) + "/rulebooks/" + id + ".toml";
    Result<Rulebook> file = LoadRulebookFile(path);
    ASSERT_TRUE(file.ok()) << file.status().message();
    EXPECT_EQ(file->id, id);
    EXPECT_EQ(file->description, BundledRulebook(id)->description);
  }
}

TEST(RulebookBundled, UnknownIdIsNotFound) {
  Result<Rulebook> rb = BundledRulebook("hunan");
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(rb.status().message(),
            "no bundled rulebook \"hunan\" (bundled: anhui, chongqing, guizhou, hunan-2016, "
            "hunan-lingling, national-project, national)");
}

// ---------------------------------------------------------------------------------------------
// Parsing: what is accepted

TEST(RulebookParse, BaseIsValid) {
  Result<Rulebook> rb = ParseRulebook(kBase, "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->id, "test");
  EXPECT_EQ(rb->name, "Test");
  EXPECT_EQ(rb->description, "");
  EXPECT_EQ(rb->source, "t.toml");
  EXPECT_EQ(rb->ordinal_scale, (std::vector<std::vector<std::string>>{
                                   {"高", "好"}, {"较高", "较好"}, {"一般"}, {"差"}}));
}

TEST(RulebookParse, DecimalStringsKeepTheirWrittenDecimals) {
  std::string text = Replace("output = 50", "output = \"49.50\"");
  text = Replace("effect = 30", "effect = \"30.5\"", text);
  text = Replace("explain_below_percent = 90", "explain_below_percent = \"87.5\"", text);
  Result<Rulebook> rb = ParseRulebook(text, "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_TRUE(rb->output_weight.Identical(D("49.50")));
  EXPECT_TRUE(rb->effect_weight.Identical(D("30.5")));
  EXPECT_TRUE(rb->explain_below_percent.Identical(D("87.5")));
  EXPECT_TRUE(rb->total_weight.Identical(D("100")));
}

TEST(RulebookParse, OtherChoices) {
  std::string text = Replace("variant = \"ratio\"", "variant = \"linear_to_zero_at_double\"");
  text = Replace("basis = \"final\"", "basis = \"budget\"", text);
  text = Replace("[scores]\ndecimals = 2\nrounding = \"half_up\"",
                 "[scores]\ndecimals = 0\nrounding = \"half_even\"", text);
  text = Replace("[rates]\ndecimals = 2\nrounding = \"half_up\"",
                 "[rates]\ndecimals = 6\nrounding = \"truncate\"", text);
  Result<Rulebook> rb = ParseRulebook(text, "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->reverse, ReverseVariant::kLinearToZeroAtDouble);
  EXPECT_EQ(rb->three_public_basis, ThreePublicBasis::kBudget);
  EXPECT_EQ(rb->score_decimals, 0);
  EXPECT_EQ(rb->score_rounding, Rounding::kHalfEven);
  EXPECT_EQ(rb->rate_decimals, 6);
  EXPECT_EQ(rb->rate_rounding, Rounding::kTruncate);
}

TEST(RulebookParse, UnderEffectCountsSatisfactionInsideEffect) {
  std::string text = Replace("layout = \"top_level\"", "layout = \"under_effect\"");
  text = Replace("effect = 30", "effect = 40", text);
  Result<Rulebook> rb = ParseRulebook(text, "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->satisfaction_layout, SatisfactionLayout::kUnderEffect);
  // Satisfaction may take all of effect.
  text = Replace("satisfaction = 10", "satisfaction = 40", text);
  EXPECT_TRUE(ParseRulebook(text, "t.toml").ok());
}

TEST(RulebookParse, InlineTablesAndDottedKeysAreTables) {
  const std::string text =
      "reverse.variant = \"ratio\"\n" + Replace("[reverse]\nvariant = \"ratio\"\n", "");
  EXPECT_EQ(ErrorOf(text), "(parsed without error)");
  const std::string inline_table = "three_public = { basis = \"budget\" }\n" +
                                   Replace("[three_public]\nbasis = \"final\"\n", "");
  Result<Rulebook> rb = ParseRulebook(inline_table, "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->three_public_basis, ThreePublicBasis::kBudget);
}

TEST(RulebookParse, GradesMayUseDecimalEdges) {
  std::string text = Replace("min = 90\nmax = 100", "min = \"89.5\"\nmax = 100");
  text = Replace("min = 80\nmax = 90", "min = 80\nmax = \"89.5\"", text);
  Result<Rulebook> rb = ParseRulebook(text, "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(GradeOf(*rb, D("89.5")), "优");
  EXPECT_EQ(GradeOf(*rb, D("89.49")), "良");
}

TEST(RulebookParse, ASingleGradeCoveringEverythingIsEnough) {
  const size_t begin = kBase.find("[[grades]]");
  const size_t end = kBase.find("[three_public]");
  std::string text(kBase);
  text.replace(begin, end - begin,
               "[[grades]]\nname = \"合格\"\nmin = 0\nmax = 100\nmax_inclusive = true\n\n");
  Result<Rulebook> rb = ParseRulebook(text, "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(GradeOf(*rb, D("0")), "合格");
  EXPECT_EQ(GradeOf(*rb, D("100")), "合格");
}

// ---------------------------------------------------------------------------------------------
// Syntax errors: toml++'s description at its position

TEST(RulebookSyntax, MissingValue) {
  EXPECT_EQ(ErrorOf(Replace("id = \"test\"", "id =")),
            "t.toml:2:5: Error while parsing key-value pair: expected value, saw '\\n'");
}

TEST(RulebookSyntax, RedefinedKey) {
  EXPECT_EQ(ErrorOf(Replace("output = 50", "output = 50\noutput = 50")),
            "t.toml:10:10: Error while parsing key-value pair: cannot redefine existing integer "
            "'output'");
}

TEST(RulebookSyntax, UnterminatedString) {
  EXPECT_EQ(ErrorOf(Replace("name = \"Test\"", "name = \"Test")),
            "t.toml:3:13: Error while parsing string: unescaped control characters other than TAB "
            "(U+0009) are explicitly prohibited");
}

TEST(RulebookSyntax, InvalidUtf8) {
  EXPECT_EQ(ErrorOf("name = \"\xff\"\n"), "t.toml:1:8: Encountered invalid utf-8 sequence");
}

TEST(RulebookSyntax, EmptyTextLacksTheFirstTable) {
  EXPECT_EQ(ErrorOf(""), "t.toml:1:1: rulebook: missing table");
}

TEST(RulebookSyntax, UsesTheSourceName) {
  Result<Rulebook> rb = ParseRulebook("[[x", "rulebooks/x.toml");
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().message().rfind("rulebooks/x.toml:1:", 0), 0u) << rb.status().message();
}

// ---------------------------------------------------------------------------------------------
// Structure: unknown, missing and mistyped tables and keys

TEST(RulebookStructure, UnknownKeySuggestsTheNearestName) {
  EXPECT_EQ(ErrorOf(Replace("output = 50", "outptu = 50")),
            "t.toml:9:1: weights.outptu: unknown key (did you mean output?)");
}

TEST(RulebookStructure, UnknownKeyWithoutSuggestion) {
  EXPECT_EQ(ErrorOf(Replace("basis = \"final\"", "basis = \"final\"\nweird_thing = 1")),
            "t.toml:63:1: three_public.weird_thing: unknown key");
}

TEST(RulebookStructure, FirstUnknownKeyInDocumentOrder) {
  std::string text = Replace("effect = 30", "effect = 30\nzzz = 1");
  text = Replace("layout = \"top_level\"", "layout = \"top_level\"\naaa = 2\nmmm = 3", text);
  EXPECT_EQ(ErrorOf(text), "t.toml:8:1: weights.aaa: unknown key");
}

TEST(RulebookStructure, UnknownTable) {
  EXPECT_EQ(ErrorOf(std::string(kBase) + "\n[weigths]\nx = 1\n"),
            "t.toml:70:2: weigths: unknown table (did you mean weights?)");
}

TEST(RulebookStructure, UnknownArrayOfTables) {
  EXPECT_EQ(ErrorOf(std::string(kBase) + "[[grade]]\nname = \"x\"\n"),
            "t.toml:69:3: grade: unknown table (did you mean grades?)");
}

TEST(RulebookStructure, UnknownSubTable) {
  EXPECT_EQ(ErrorOf(Replace("[reverse]", "[weights.extra]\nx = 1\n\n[reverse]")),
            "t.toml:28:10: weights.extra: unknown table");
  EXPECT_EQ(ErrorOf(Replace("variant = \"ratio\"", "variant = \"ratio\"\nextra = { x = 1 }")),
            "t.toml:30:1: reverse.extra: unknown key");
}

TEST(RulebookStructure, UnknownTopLevelKey) {
  EXPECT_EQ(ErrorOf("version = 2\n" + std::string(kBase)), "t.toml:1:1: version: unknown key");
}

TEST(RulebookStructure, UnknownKeyInAGrade) {
  EXPECT_EQ(ErrorOf(Replace("name = \"良\"", "nmae = \"良\"")),
            "t.toml:44:1: grades[1].nmae: unknown key (did you mean name?)");
}

TEST(RulebookStructure, MissingKeyPointsAtItsTable) {
  EXPECT_EQ(ErrorOf(Replace("total = 100\n", "")), "t.toml:6:1: weights.total: missing key");
  EXPECT_EQ(ErrorOf(Replace("description = \"\"\n", "")),
            "t.toml:1:1: rulebook.description: missing key");
  EXPECT_EQ(ErrorOf(Replace("not_achieved = [0, 60]\n", "")),
            "t.toml:31:1: qualitative.not_achieved: missing key");
  EXPECT_EQ(ErrorOf(Replace("name = \"中\"\nmin = 60\nmax = 80\nmax_inclusive = false\n",
                            "name = \"中\"\nmin = 60\nmax = 80\n")),
            "t.toml:49:1: grades[2].max_inclusive: missing key");
}

TEST(RulebookStructure, MissingTable) {
  EXPECT_EQ(ErrorOf(Replace("[three_public]\nbasis = \"final\"\n", "")),
            "t.toml:1:1: three_public: missing table");
  EXPECT_EQ(ErrorOf(Replace("[rates]\ndecimals = 2\nrounding = \"half_up\"\n", "")),
            "t.toml:1:1: rates: missing table");
}

TEST(RulebookStructure, Policy) {
  Result<Rulebook> rb = ParseRulebook(kBase, "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->overshoot_percent.ToString(), "130");
  EXPECT_EQ(rb->rough_flat_percent.ToString(), "5");
  EXPECT_EQ(ErrorOf(Replace("overshoot_percent = 130\n", "")),
            "t.toml:64:1: policy.overshoot_percent: missing key");
  EXPECT_EQ(ErrorOf(Replace("overshoot_percent = 130", "overshoot_percent = -1")),
            "t.toml:65:21: policy.overshoot_percent: must not be negative");
}

TEST(RulebookStructure, RiskIsOptionalAndEachKeyToo) {
  Result<Rulebook> rb = ParseRulebook(kBase, "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->risk.error_weight.ToString(), "3");  // the defaults of docs/review.md
  EXPECT_EQ(rb->risk.execution_low_percent.ToString(), "80");
  rb = ParseRulebook(
      std::string(kBase) + "\n[risk]\nerror_weight = 10\nexecution_low_percent = \"85.5\"\n",
      "t.toml");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->risk.error_weight.ToString(), "10");
  EXPECT_EQ(rb->risk.execution_low_percent.ToString(), "85.5");
  EXPECT_EQ(rb->risk.inconsistency_weight.ToString(), "2");  // not given: the default
  EXPECT_NE(ErrorOf(std::string(kBase) + "\n[risk]\nlate_weight = -1\n")
                .find("risk.late_weight: must not be negative"),
            std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kBase) + "\n[risk]\nerror_weigth = 1\n")
                .find("risk.error_weigth: unknown key"),
            std::string::npos)
      << ErrorOf(std::string(kBase) + "\n[risk]\nerror_weigth = 1\n");
}

TEST(RulebookStructure, MissingGrades) {
  const size_t begin = kBase.find("[[grades]]");
  const size_t end = kBase.find("[three_public]");
  std::string text(kBase);
  text.erase(begin, end - begin);
  EXPECT_EQ(ErrorOf(text), "t.toml:1:1: grades: missing [[grades]] tables");
}

TEST(RulebookStructure, TableOfTheWrongType) {
  EXPECT_EQ(ErrorOf("reverse = \"ratio\"\n" + Replace("[reverse]\nvariant = \"ratio\"\n", "")),
            "t.toml:1:11: reverse: expected a table, found a string");
  EXPECT_EQ(ErrorOf(Replace("[reverse]", "[[reverse]]")),
            "t.toml:28:1: reverse: expected a table, found an array");
}

// ---------------------------------------------------------------------------------------------
// Values: types

TEST(RulebookValues, FloatIsRejectedWithTheTextToQuote) {
  EXPECT_EQ(ErrorOf(Replace("output = 50", "output = 50.50")),
            "t.toml:9:10: weights.output: 50.50 is a TOML float, which loses its written "
            "decimals; write it as a string: \"50.50\"");
  EXPECT_EQ(ErrorOf(Replace("achieved = [80, 100]", "achieved = [80.0, 100]")),
            "t.toml:33:13: qualitative.achieved[0]: 80.0 is a TOML float, which loses its "
            "written decimals; write it as a string: \"80.0\"");
  EXPECT_EQ(ErrorOf(Replace("min = 60", "min = 60.5 # sixty and a half")),
            "t.toml:51:7: grades[2].min: 60.5 is a TOML float, which loses its written "
            "decimals; write it as a string: \"60.5\"");
}

TEST(RulebookValues, FloatThatIsNoDecimalIsRejected) {
  const std::string message =
      "a TOML float loses its written decimals; write the number as a string, such as \"87.5\"";
  EXPECT_EQ(ErrorOf(Replace("output = 50", "output = 5e1")),
            "t.toml:9:10: weights.output: " + message);
  EXPECT_EQ(ErrorOf(Replace("output = 50", "output = inf")),
            "t.toml:9:10: weights.output: " + message);
  EXPECT_EQ(ErrorOf(Replace("output = 50", "output = nan")),
            "t.toml:9:10: weights.output: " + message);
  EXPECT_EQ(ErrorOf(Replace("output = 50", "output = 5_0.0")),
            "t.toml:9:10: weights.output: " + message);
}

TEST(RulebookValues, DecimalStringMustBeADecimal) {
  EXPECT_EQ(ErrorOf(Replace("output = 50", "output = \"50%\"")),
            "t.toml:9:10: weights.output: \"50%\" is not a decimal number (digits with an "
            "optional '-' and '.', such as \"87.5\")");
  EXPECT_EQ(ErrorOf(Replace("output = 50", "output = \"\"")),
            "t.toml:9:10: weights.output: \"\" is not a decimal number (digits with an optional "
            "'-' and '.', such as \"87.5\")");
}

TEST(RulebookValues, DecimalOfTheWrongType) {
  EXPECT_EQ(
      ErrorOf(Replace("output = 50", "output = true")),
      "t.toml:9:10: weights.output: expected a decimal string or an integer, found a boolean");
  EXPECT_EQ(ErrorOf(Replace("output = 50", "output = [50]")),
            "t.toml:9:10: weights.output: expected a decimal string or an integer, found an array");
  EXPECT_EQ(ErrorOf(Replace("output = 50", "output = 2024-01-01")),
            "t.toml:9:10: weights.output: expected a decimal string or an integer, found a date");
}

TEST(RulebookValues, StringOfTheWrongType) {
  EXPECT_EQ(ErrorOf(Replace("name = \"Test\"", "name = 5")),
            "t.toml:3:8: rulebook.name: expected a string, found an integer");
  EXPECT_EQ(ErrorOf(Replace("layout = \"top_level\"", "layout = 1")),
            "t.toml:7:10: weights.layout: expected a string, found an integer");
}

TEST(RulebookValues, BooleanOfTheWrongType) {
  EXPECT_EQ(ErrorOf(Replace("max_inclusive = true", "max_inclusive = \"yes\"")),
            "t.toml:41:17: grades[0].max_inclusive: expected true or false, found a string");
}

// ---------------------------------------------------------------------------------------------
// Values: [rulebook]

TEST(RulebookValues, Id) {
  EXPECT_EQ(ErrorOf(Replace("id = \"test\"", "id = \"\"")),
            "t.toml:2:6: rulebook.id: must not be empty");
  EXPECT_EQ(ErrorOf(Replace("id = \"test\"", "id = \"Hunan_Lingling\"")),
            "t.toml:2:6: rulebook.id: \"Hunan_Lingling\" may use only a-z, 0-9 and '-'");
}

TEST(RulebookValues, Name) {
  EXPECT_EQ(ErrorOf(Replace("name = \"Test\"", "name = \"　\"")),
            "t.toml:3:8: rulebook.name: must not be empty");
}

// ---------------------------------------------------------------------------------------------
// Values: [weights]

TEST(RulebookWeights, UnknownLayout) {
  EXPECT_EQ(ErrorOf(Replace("layout = \"top_level\"", "layout = \"toplevel\"")),
            "t.toml:7:10: weights.layout: \"toplevel\" is not one of top_level, under_effect");
}

TEST(RulebookWeights, NegativeWeight) {
  EXPECT_EQ(ErrorOf(Replace("execution = 10", "execution = -10")),
            "t.toml:8:13: weights.execution: must not be negative, found -10");
  EXPECT_EQ(ErrorOf(Replace("satisfaction = 10", "satisfaction = \"-0.5\"")),
            "t.toml:11:16: weights.satisfaction: must not be negative, found -0.5");
}

TEST(RulebookWeights, TotalMustBePositive) {
  std::string text =
      Replace("execution = 10\noutput = 50\neffect = 30\nsatisfaction = 10\ntotal = 100",
              "execution = 0\noutput = 0\neffect = 0\nsatisfaction = 0\ntotal = 0");
  EXPECT_EQ(ErrorOf(text), "t.toml:12:9: weights.total: must be above 0, found 0");
}

TEST(RulebookWeights, TopLevelSumMustEqualTotal) {
  EXPECT_EQ(ErrorOf(Replace("effect = 30", "effect = \"29.5\"")),
            "t.toml:12:9: weights.total: 100 does not equal execution + output + effect + "
            "satisfaction = 10 + 50 + 29.5 + 10 = 99.5");
}

TEST(RulebookWeights, UnderEffectSumMustEqualTotal) {
  // The national weights read as under_effect: 10 + 50 + 30 = 90, satisfaction inside effect.
  EXPECT_EQ(ErrorOf(Replace("layout = \"top_level\"", "layout = \"under_effect\"")),
            "t.toml:12:9: weights.total: 100 does not equal execution + output + effect = 10 + 50 "
            "+ 30 = 90 (under_effect: effect includes satisfaction)");
}

TEST(RulebookWeights, UnderEffectSatisfactionWithinEffect) {
  std::string text = Replace("layout = \"top_level\"", "layout = \"under_effect\"");
  text = Replace("effect = 30", "effect = 40", text);
  text = Replace("satisfaction = 10", "satisfaction = \"40.5\"", text);
  EXPECT_EQ(ErrorOf(text),
            "t.toml:11:16: weights.satisfaction: 40.5 is above effect 40 (under_effect: effect "
            "includes satisfaction)");
}

// ---------------------------------------------------------------------------------------------
// Values: [execution], [scores], [rates], [reverse], [three_public]

TEST(RulebookRounding, DecimalsRange) {
  EXPECT_EQ(ErrorOf(Replace("[scores]\ndecimals = 2", "[scores]\ndecimals = 7")),
            "t.toml:21:12: scores.decimals: expected an integer from 0 to 6, found 7");
  EXPECT_EQ(ErrorOf(Replace("[rates]\ndecimals = 2", "[rates]\ndecimals = -1")),
            "t.toml:25:12: rates.decimals: expected an integer from 0 to 6, found -1");
  EXPECT_EQ(ErrorOf(Replace("[execution]\ncap_percent = 100\ndecimals = 2",
                            "[execution]\ncap_percent = 100\ndecimals = \"2\"")),
            "t.toml:16:12: execution.decimals: expected an integer from 0 to 6, found a string");
  EXPECT_EQ(ErrorOf(Replace("[rates]\ndecimals = 2", "[rates]\ndecimals = 2.0")),
            "t.toml:25:12: rates.decimals: expected an integer from 0 to 6, found a float");
}

TEST(RulebookRounding, RoundingNames) {
  EXPECT_EQ(ErrorOf(Replace("[scores]\ndecimals = 2\nrounding = \"half_up\"",
                            "[scores]\ndecimals = 2\nrounding = \"half_down\"")),
            "t.toml:22:12: scores.rounding: \"half_down\" is not one of half_up, half_even, "
            "truncate");
  // floor and ceiling are for interval bounds, not for a region's printed figures.
  EXPECT_EQ(ErrorOf(Replace("[rates]\ndecimals = 2\nrounding = \"half_up\"",
                            "[rates]\ndecimals = 2\nrounding = \"floor\"")),
            "t.toml:26:12: rates.rounding: \"floor\" is not one of half_up, half_even, truncate");
  EXPECT_EQ(ErrorOf(Replace("cap_percent = 100\ndecimals = 2\nrounding = \"half_up\"",
                            "cap_percent = 100\ndecimals = 2\nrounding = \"HALF_UP\"")),
            "t.toml:17:12: execution.rounding: \"HALF_UP\" is not one of half_up, half_even, "
            "truncate");
}

TEST(RulebookExecution, CapPercent) {
  EXPECT_EQ(ErrorOf(Replace("cap_percent = 100", "cap_percent = 0")),
            "t.toml:15:15: execution.cap_percent: must be above 0 and at most 100, found 0");
  EXPECT_EQ(ErrorOf(Replace("cap_percent = 100", "cap_percent = \"100.01\"")),
            "t.toml:15:15: execution.cap_percent: must be above 0 and at most 100, found 100.01");
  EXPECT_TRUE(ParseRulebook(Replace("cap_percent = 100", "cap_percent = \"0.01\""), "t").ok());
}

TEST(RulebookExecution, ExplainBelowPercent) {
  EXPECT_EQ(ErrorOf(Replace("explain_below_percent = 90", "explain_below_percent = 101")),
            "t.toml:18:25: execution.explain_below_percent: must be from 0 to 100, found 101");
  EXPECT_EQ(ErrorOf(Replace("explain_below_percent = 90", "explain_below_percent = -1")),
            "t.toml:18:25: execution.explain_below_percent: must be from 0 to 100, found -1");
  EXPECT_TRUE(
      ParseRulebook(Replace("explain_below_percent = 90", "explain_below_percent = 0"), "t").ok());
}

TEST(RulebookChoices, ReverseVariant) {
  EXPECT_EQ(ErrorOf(Replace("variant = \"ratio\"", "variant = \"linear\"")),
            "t.toml:29:11: reverse.variant: \"linear\" is not one of ratio, "
            "linear_to_zero_at_double");
}

TEST(RulebookChoices, ThreePublicBasis) {
  EXPECT_EQ(ErrorOf(Replace("basis = \"final\"", "basis = \"决算\"")),
            "t.toml:62:9: three_public.basis: \"决算\" is not one of final, budget");
}

// ---------------------------------------------------------------------------------------------
// Values: [qualitative]

TEST(RulebookQualitative, ScaleShape) {
  const std::string_view scale =
      "scale = [[\"高\", \"好\"], [\"较高\", \"较好\"], [\"一般\"], [\"差\"]]";
  EXPECT_EQ(ErrorOf(Replace(scale, "scale = \"高\"")),
            "t.toml:32:9: qualitative.scale: expected an array of levels (arrays of words), found "
            "a string");
  EXPECT_EQ(ErrorOf(Replace(scale, "scale = []")),
            "t.toml:32:9: qualitative.scale: must list at least one level");
  EXPECT_EQ(ErrorOf(Replace(scale, "scale = [[\"高\"], \"一般\"]")),
            "t.toml:32:17: qualitative.scale[1]: expected an array of words, found a string");
  EXPECT_EQ(ErrorOf(Replace(scale, "scale = [[\"高\"], []]")),
            "t.toml:32:17: qualitative.scale[1]: a level must list at least one word");
  EXPECT_EQ(ErrorOf(Replace(scale, "scale = [[\"高\", 1]]")),
            "t.toml:32:16: qualitative.scale[0][1]: expected a string, found an integer");
}

TEST(RulebookQualitative, ScaleWords) {
  const std::string_view scale =
      "scale = [[\"高\", \"好\"], [\"较高\", \"较好\"], [\"一般\"], [\"差\"]]";
  EXPECT_EQ(ErrorOf(Replace(scale, "scale = [[\"高\", \"\"]]")),
            "t.toml:32:16: qualitative.scale[0][1]: a word must not be empty");
  EXPECT_EQ(ErrorOf(Replace(scale, "scale = [[\"高\", \" 好\"]]")),
            "t.toml:32:16: qualitative.scale[0][1]: \" 好\" begins or ends with a blank");
  EXPECT_EQ(ErrorOf(Replace(scale, "scale = [[\"高\", \"好\"], [\"较高\", \"好\"]]")),
            "t.toml:32:29: qualitative.scale[1][1]: \"好\" is already listed at "
            "qualitative.scale[0][1]");
}

TEST(RulebookQualitative, ASingleLevelIsAccepted) {
  const std::string_view scale =
      "scale = [[\"高\", \"好\"], [\"较高\", \"较好\"], [\"一般\"], [\"差\"]]";
  EXPECT_TRUE(ParseRulebook(Replace(scale, "scale = [[\"是\"]]"), "t").ok());
}

TEST(RulebookQualitative, BandShape) {
  EXPECT_EQ(
      ErrorOf(Replace("achieved = [80, 100]", "achieved = 80")),
      "t.toml:33:12: qualitative.achieved: expected [lo, hi], two percents, found an integer");
  EXPECT_EQ(ErrorOf(Replace("achieved = [80, 100]", "achieved = [80, 90, 100]")),
            "t.toml:33:12: qualitative.achieved: expected [lo, hi], two percents, found an array "
            "of 3");
  EXPECT_EQ(
      ErrorOf(Replace("partial = [60, 80]", "partial = [\"60\", \"八十\"]")),
      "t.toml:34:18: qualitative.partial[1]: \"八十\" is not a decimal number (digits with an "
      "optional '-' and '.', such as \"87.5\")");
}

TEST(RulebookQualitative, BandRange) {
  EXPECT_EQ(ErrorOf(Replace("achieved = [80, 100]", "achieved = [80, 101]")),
            "t.toml:33:17: qualitative.achieved[1]: must be from 0 to 100, found 101");
  EXPECT_EQ(ErrorOf(Replace("not_achieved = [0, 60]", "not_achieved = [-1, 60]")),
            "t.toml:35:17: qualitative.not_achieved[0]: must be from 0 to 100, found -1");
  EXPECT_EQ(ErrorOf(Replace("achieved = [80, 100]", "achieved = [100, 80]")),
            "t.toml:33:12: qualitative.achieved: lo 100 is above hi 80");
}

TEST(RulebookQualitative, BandsMustNotOverlap) {
  EXPECT_EQ(ErrorOf(Replace("partial = [60, 80]", "partial = [60, 85]")),
            "t.toml:34:11: qualitative.partial: [60, 85] overlaps achieved [80, 100]");
  EXPECT_EQ(ErrorOf(Replace("not_achieved = [0, 60]", "not_achieved = [0, \"60.5\"]")),
            "t.toml:35:16: qualitative.not_achieved: [0, 60.5] overlaps partial [60, 80]");
  // The 80/50 variant some regions use, with a gap, is fine.
  std::string text = Replace("partial = [60, 80]", "partial = [50, 80]");
  text = Replace("not_achieved = [0, 60]", "not_achieved = [0, 50]", text);
  EXPECT_TRUE(ParseRulebook(text, "t").ok());
}

// ---------------------------------------------------------------------------------------------
// Values: [[grades]]

std::string WithoutGrades() {
  const size_t begin = kBase.find("[[grades]]");
  const size_t end = kBase.find("[three_public]");
  std::string text(kBase);
  text.erase(begin, end - begin);
  return text;
}

TEST(RulebookGrades, Shape) {
  EXPECT_EQ(ErrorOf("grades = 5\n" + WithoutGrades()),
            "t.toml:1:10: grades: expected an array of tables ([[grades]]), found an integer");
  EXPECT_EQ(ErrorOf("grades = []\n" + WithoutGrades()),
            "t.toml:1:10: grades: must list at least one grade");
  EXPECT_EQ(ErrorOf("grades = [1]\n" + WithoutGrades()),
            "t.toml:1:11: grades[0]: expected a table, found an integer");
}

TEST(RulebookGrades, Names) {
  EXPECT_EQ(ErrorOf(Replace("name = \"良\"", "name = \"\"")),
            "t.toml:44:8: grades[1].name: must not be empty");
  EXPECT_EQ(ErrorOf(Replace("name = \"中\"", "name = \"优\"")),
            "t.toml:50:8: grades[2].name: \"优\" is already the name of grades[0]");
}

TEST(RulebookGrades, EachBand) {
  EXPECT_EQ(ErrorOf(Replace("min = 80\nmax = 90", "min = 95\nmax = 90")),
            "t.toml:43:1: grades[1]: min 95 is above max 90");
  EXPECT_EQ(ErrorOf(Replace("min = 80\nmax = 90", "min = 90\nmax = 90")),
            "t.toml:43:1: grades[1]: [90, 90) is empty");
}

TEST(RulebookGrades, BestFirst) {
  EXPECT_EQ(
      ErrorOf(Replace("min = 80\nmax = 90", "min = 90\nmax = \"90.5\"")),
      "t.toml:45:7: grades[1].min: 90 is not below grades[0].min 90 (list grades best first)");
}

TEST(RulebookGrades, BestReachesTotalInclusive) {
  EXPECT_EQ(ErrorOf(Replace("max = 100", "max = 99")),
            "t.toml:40:7: grades[0].max: the best grade must end at total 100, found 99");
  EXPECT_EQ(ErrorOf(Replace("max_inclusive = true", "max_inclusive = false")),
            "t.toml:41:17: grades[0].max_inclusive: the best grade must include total 100: set "
            "max_inclusive = true");
}

TEST(RulebookGrades, NoGap) {
  EXPECT_EQ(ErrorOf(Replace("min = 80\nmax = 90", "min = 80\nmax = \"89.99\"")),
            "t.toml:46:7: grades[1].max: 89.99 leaves a gap below grades[0].min 90");
}

TEST(RulebookGrades, NoOverlap) {
  EXPECT_EQ(ErrorOf(Replace("min = 60\nmax = 80", "min = 60\nmax = 85")),
            "t.toml:52:7: grades[2].max: 85 overlaps grades[1], which starts at 80");
  EXPECT_EQ(ErrorOf(Replace("max = 60\nmax_inclusive = false", "max = 60\nmax_inclusive = true")),
            "t.toml:59:17: grades[3].max_inclusive: 60 is also in grades[2]: set max_inclusive "
            "= false");
}

TEST(RulebookGrades, LowestStartsAtZero) {
  EXPECT_EQ(ErrorOf(Replace("min = 0\n", "min = 10\n")),
            "t.toml:57:7: grades[3].min: the lowest grade must start at 0, found 10");
}

// ---------------------------------------------------------------------------------------------
// Robustness

TEST(RulebookRobustness, GarbageNeverThrows) {
  const std::string inputs[] = {
      std::string("\0\0\0", 3),
      "[",
      "[[",
      "]]",
      "= 1",
      "a = [[[[[[[[[[[[",
      "\xef\xbb\xbf",
      "a = {b = {c = {d = 1}}}",
      "a.b.c.d.e = 1",
      "\"\\u0000\" = 1",
      std::string(100000, '['),
  };
  for (const std::string& input : inputs) {
    Result<Rulebook> rb = ParseRulebook(input, "t");
    EXPECT_FALSE(rb.ok());
    EXPECT_EQ(rb.status().code(), Status::Code::kInvalidArgument);
  }
}

// ---------------------------------------------------------------------------------------------
// OrdinalLevel

TEST(RulebookOrdinal, BundledScaleLevels) {
  Result<Rulebook> rb = BundledRulebook("national");
  ASSERT_TRUE(rb.ok());
  const std::pair<std::string_view, int> cases[] = {
      // level 0
      {"高", 0},
      {"很高", 0},
      {"显著", 0},
      {"明显", 0},
      {"认可", 0},
      {"充分认可", 0},
      {"浓厚", 0},
      {"满意", 0},
      {"好", 0},
      {"良好", 0},
      {"优秀", 0},
      {"完成", 0},
      {"达到", 0},
      {"达标", 0},
      {"是", 0},
      // level 1: contains a level-0 word, but the longer level-1 word wins
      {"较高", 1},
      {"较为明显", 1},
      {"较明显", 1},
      {"较为认可", 1},
      {"较认可", 1},
      {"较为浓厚", 1},
      {"较浓厚", 1},
      {"较为满意", 1},
      {"较满意", 1},
      {"较好", 1},
      {"基本完成", 1},
      {"基本达到", 1},
      {"基本达标", 1},
      {"较为显著", 1},
      // level 2
      {"一般", 2},
      {"基本认可", 2},
      {"部分完成", 2},
      {"基本满意", 2},
      // level 3
      {"较差", 3},
      {"差", 3},
      {"低", 3},
      {"较低", 3},
      {"不明显", 3},
      {"不认可", 3},
      {"未完成", 3},
      {"否", 3},
      {"不满意", 3},
      {"未达标", 3},
      // a negation outweighs the word it negates
      {"不高", 3},
      {"不好", 3},
      {"不显著", 3},
      {"不浓厚", 3},
      // in a longer phrase
      {"群众满意度高", 0},
      {"社会效益较为明显", 1},
      {"科普氛围浓厚", 0},
      {"效果一般", 2},
      {"≥95%满意", 0},
      // nothing listed
      {"", -1},
      {"95%", -1},
      {"≧8次", -1},
      {"持续", -1},
  };
  for (const auto& [word, level] : cases) {
    EXPECT_EQ(OrdinalLevel(*rb, word), level) << word;
  }
}

TEST(RulebookOrdinal, LongestWordIsCountedInCodePoints) {
  Rulebook rb;
  rb.ordinal_scale = {{"ab"}, {"好坏"}, {"x"}};
  EXPECT_EQ(OrdinalLevel(rb, "ab"), 0);
  EXPECT_EQ(OrdinalLevel(rb, "好坏"), 1);
  // "ab" and "好坏" are both two code points long: a tie keeps the better level.
  EXPECT_EQ(OrdinalLevel(rb, "好坏ab"), 0);
  EXPECT_EQ(OrdinalLevel(rb, "xy"), 2);
  EXPECT_EQ(OrdinalLevel(Rulebook{}, "高"), -1);
}

// ---------------------------------------------------------------------------------------------
// GradeOf

TEST(RulebookGradeOf, BandEdges) {
  Result<Rulebook> rb = BundledRulebook("national");
  ASSERT_TRUE(rb.ok());
  EXPECT_EQ(GradeOf(*rb, D("100")), "优");
  EXPECT_EQ(GradeOf(*rb, D("100.00")), "优");
  EXPECT_EQ(GradeOf(*rb, D("99.8")), "优");
  EXPECT_EQ(GradeOf(*rb, D("90")), "优");
  EXPECT_EQ(GradeOf(*rb, D("90.00")), "优");
  EXPECT_EQ(GradeOf(*rb, D("89.99")), "良");
  EXPECT_EQ(GradeOf(*rb, D("89.999999")), "良");
  EXPECT_EQ(GradeOf(*rb, D("80")), "良");
  EXPECT_EQ(GradeOf(*rb, D("79.99")), "中");
  EXPECT_EQ(GradeOf(*rb, D("60")), "中");
  EXPECT_EQ(GradeOf(*rb, D("59.99")), "差");
  EXPECT_EQ(GradeOf(*rb, D("0")), "差");
  EXPECT_EQ(GradeOf(*rb, D("100.01")), "");
  EXPECT_EQ(GradeOf(*rb, D("-0.01")), "");
  EXPECT_EQ(GradeOf(*rb, Decimal::Invalid()), "");
}

// ---------------------------------------------------------------------------------------------
// LoadRulebookFile and ResolveRulebook

class RulebookFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("jixiao_rulebook_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  std::string Write(const std::string& name, std::string_view text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(RulebookFileTest, ResolvesABundledId) {
  Result<Rulebook> rb = ResolveRulebook("hunan-lingling");
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->source, "bundled:hunan-lingling");
}

TEST_F(RulebookFileTest, ResolvesAFile) {
  const std::string path = Write("mine.toml", kBase);
  Result<Rulebook> rb = ResolveRulebook(path);
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->id, "test");
  EXPECT_EQ(rb->source, path);
  Result<Rulebook> loaded = LoadRulebookFile(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->id, "test");
}

TEST_F(RulebookFileTest, FileErrorsNameThePath) {
  const std::string path = Write("bad.toml", Replace("output = 50", "output = 50.0"));
  Result<Rulebook> rb = ResolveRulebook(path);
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(rb.status().message(),
            path +
                ":9:10: weights.output: 50.0 is a TOML float, which loses its written "
                "decimals; write it as a string: \"50.0\"");
}

TEST_F(RulebookFileTest, MissingFile) {
  const std::string path = (dir_ / "absent.toml").string();
  Result<Rulebook> rb = ResolveRulebook(path);
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kIOError);
  EXPECT_EQ(rb.status().message(), "cannot read " + path + ": No such file or directory");
  EXPECT_EQ(LoadRulebookFile(path).status().message(),
            "cannot read " + path + ": No such file or directory");
}

TEST_F(RulebookFileTest, ADirectoryIsUnreadable) {
  Result<Rulebook> rb = LoadRulebookFile(dir_.string());
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kIOError);
  EXPECT_EQ(rb.status().message(), "cannot read " + dir_.string() + ": Is a directory");
}

TEST_F(RulebookFileTest, ABareNameThatIsNoFileListsTheBundledIds) {
  Result<Rulebook> rb = ResolveRulebook("natinal");
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kIOError);
  EXPECT_EQ(rb.status().message(),
            "cannot read natinal: No such file or directory (bundled rulebooks: anhui, chongqing, "
            "guizhou, hunan-2016, hunan-lingling, national-project, national)");
}

// ---------------------------------------------------------------------------------------------
// ResolveRulebookForPackage: the rulebook a package names is data from a stranger.

// Runs `resolve` on another thread and returns its result. Should it still run after a generous
// wait (blocked reading a FIFO or a pipe), the test fails and `unblock` lets it finish.
Result<Rulebook> WithoutBlocking(const std::function<Result<Rulebook>()>& resolve,
                                 const std::function<void()>& unblock) {
  std::future<Result<Rulebook>> done = std::async(std::launch::async, resolve);
  if (done.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    ADD_FAILURE() << "reading the rulebook blocked";
    unblock();
  }
  return done.get();
}

class PackageRulebookTest : public RulebookFileTest {
 protected:
  void SetUp() override {
    RulebookFileTest::SetUp();
    std::filesystem::create_directories(dir_ / "in");
    package_ = (dir_ / "in" / "p.json").string();
  }
  std::string package_;
};

TEST_F(PackageRulebookTest, APathOutsideThePackagesFolderIsRefused) {
  for (const char* outside : {"/dev/zero", "/etc/passwd", "../rules.toml"}) {
    Result<Rulebook> rb = ResolveRulebookForPackage(outside, package_);
    ASSERT_FALSE(rb.ok());
    EXPECT_EQ(rb.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(rb.status().message(),
              package_ + " names rulebook \"" + outside +
                  "\": a package may name only a bundled id or a file in its own folder (a "
                  "relative path without \"..\"); to use a file from elsewhere, give it on the "
                  "command line with --rulebook or --form");
  }
}

TEST_F(PackageRulebookTest, ADeviceIsRefusedWithoutReadingIt) {
  const std::string link = (dir_ / "in" / "zero.toml").string();
  std::filesystem::create_symlink("/dev/zero", link);
  Result<Rulebook> rb = ResolveRulebookForPackage("zero.toml", package_);
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kIOError);
  EXPECT_EQ(rb.status().message(), package_ + " names rulebook \"zero.toml\": cannot read " + link +
                                       ": is a device, not a regular file");
  ScopedMessageLanguage zh(Lang::kZh);
  rb = ResolveRulebookForPackage("zero.toml", package_);
  EXPECT_EQ(rb.status().message(), package_ + " 指定的评分规则（rulebook）“zero.toml”：无法读取 " +
                                       link + "：是设备文件，不是普通文件");
}

TEST_F(PackageRulebookTest, StandardInputIsNeverWaitedFor) {
  // Standard input is a pipe whose writer stays open and silent: reading it would wait forever.
  std::filesystem::create_symlink("/dev/stdin", dir_ / "in" / "stdin.toml");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const int saved_stdin = ::dup(0);
  ASSERT_GE(saved_stdin, 0);
  ::dup2(fds[0], 0);
  bool writer_open = true;
  Result<Rulebook> rb =
      WithoutBlocking([&] { return ResolveRulebookForPackage("stdin.toml", package_); },
                      [&] {
                        ::close(fds[1]);
                        writer_open = false;
                      });
  ::dup2(saved_stdin, 0);
  ::close(saved_stdin);
  ::close(fds[0]);
  if (writer_open) ::close(fds[1]);
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().message(), package_ + " names rulebook \"stdin.toml\": cannot read " +
                                       (dir_ / "in" / "stdin.toml").string() +
                                       ": is a pipe (FIFO), not a regular file");
}

TEST_F(PackageRulebookTest, AFifoIsRefusedWithoutBlocking) {
  const std::string fifo = (dir_ / "in" / "rules.toml").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Result<Rulebook> rb =
      WithoutBlocking([&] { return ResolveRulebookForPackage("rules.toml", package_); },
                      [&] {
                        // A writer lets a blocked open return; closing it ends
                        // the read.
                        const int w = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
                        if (w >= 0) ::close(w);
                      });
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kIOError);
  EXPECT_EQ(rb.status().message(), package_ + " names rulebook \"rules.toml\": cannot read " +
                                       fifo + ": is a pipe (FIFO), not a regular file");
}

TEST_F(PackageRulebookTest, AFolderIsRefused) {
  std::filesystem::create_directories(dir_ / "in" / "rules.d");
  Result<Rulebook> rb = ResolveRulebookForPackage("rules.d", package_);
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().message(), package_ + " names rulebook \"rules.d\": cannot read " +
                                       (dir_ / "in" / "rules.d").string() + ": Is a directory");
  ScopedMessageLanguage zh(Lang::kZh);
  rb = ResolveRulebookForPackage("rules.d", package_);
  EXPECT_EQ(rb.status().message(), package_ + " 指定的评分规则（rulebook）“rules.d”：无法读取 " +
                                       (dir_ / "in" / "rules.d").string() + "：是文件夹，不是文件");
}

TEST_F(PackageRulebookTest, AHugeFileIsRefusedWithoutReadingIt) {
  const std::string path = (dir_ / "in" / "huge.toml").string();
  { std::ofstream create(path); }
  std::filesystem::resize_file(path, 100'000'000);  // sparse: takes no room on disk
  Result<Rulebook> rb = ResolveRulebookForPackage("huge.toml", package_);
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kIOError);
  EXPECT_EQ(rb.status().message(), package_ + " names rulebook \"huge.toml\": cannot read " + path +
                                       ": is larger than 1 MiB (100000000 bytes)");
  ScopedMessageLanguage zh(Lang::kZh);
  rb = ResolveRulebookForPackage("huge.toml", package_);
  EXPECT_EQ(rb.status().message(), package_ + " 指定的评分规则（rulebook）“huge.toml”：无法读取 " +
                                       path + "：超过 1 MiB（100000000 字节）");
}

TEST_F(PackageRulebookTest, ARelativePathIsTakenFromThePackagesFolder) {
  std::filesystem::create_directories(dir_ / "in" / "rules");
  const std::string beside = Write("in/rules/mine.toml", kBase);
  Write("shared.toml", kBase);
  // The working directory holds a different rulebook of the same name, which must not be read.
  const std::filesystem::path cwd = std::filesystem::current_path();
  std::filesystem::create_directories(dir_ / "cwd" / "rules");
  Write("cwd/rules/mine.toml", "not a rulebook");
  std::filesystem::current_path(dir_ / "cwd");
  Result<Rulebook> rb = ResolveRulebookForPackage("rules/mine.toml", package_);
  Result<Rulebook> up = ResolveRulebookForPackage("../shared.toml", package_);
  std::filesystem::current_path(cwd);
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->source, beside);
  // Above the package's folder, or an absolute path: not the package's to name.
  EXPECT_FALSE(up.ok());
  EXPECT_FALSE(ResolveRulebookForPackage(beside, "p.json").ok());
}

TEST_F(PackageRulebookTest, ABundledNameShadowsAFileOfTheSameName) {
  Write("in/national", "not a rulebook");
  Result<Rulebook> rb = ResolveRulebookForPackage("national", package_);
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(rb->source, "bundled:national");
}

TEST_F(PackageRulebookTest, ErrorsInTheFileNameThePackageAndThePlace) {
  const std::string path = Write("in/bad.toml", Replace("output = 50", "output = 50.0"));
  Result<Rulebook> rb = ResolveRulebookForPackage("bad.toml", package_);
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(rb.status().message(),
            package_ + " names rulebook \"bad.toml\": " + path +
                ":9:10: weights.output: 50.0 is a TOML float, which loses its written decimals; "
                "write it as a string: \"50.0\"");
}

TEST_F(PackageRulebookTest, AnUnknownBareNameListsTheBundledIds) {
  Result<Rulebook> rb = ResolveRulebookForPackage("mars-2024", package_);
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().code(), Status::Code::kIOError);
  EXPECT_EQ(rb.status().message(), package_ + " names rulebook \"mars-2024\": cannot read " +
                                       (dir_ / "in" / "mars-2024").string() +
                                       ": No such file or directory (bundled rulebooks: "
                                       "anhui, chongqing, guizhou, hunan-2016, hunan-lingling, "
                                       "national-project, national)");
  EXPECT_EQ(ResolveRulebookForPackage("", package_).status().message(),
            package_ + " names an empty rulebook");
}

TEST_F(RulebookFileTest, TheCommandLineRulebookGetsTheSameChecks) {
  Result<Rulebook> rb = ResolveRulebook("/dev/zero");
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().message(), "cannot read /dev/zero: is a device, not a regular file");
}

// ---------------------------------------------------------------------------------------------
// Messages in Chinese (the English ones are pinned above)

TEST(RulebookMessagesInChinese, ValidationMessages) {
  ScopedMessageLanguage zh(Lang::kZh);
  EXPECT_EQ(ParseRulebook(Replace("output = 50", "outptu = 50"), "t.toml").status().message(),
            "t.toml:9:1：weights.outptu：未知的键（是否应为 output？）");
  EXPECT_EQ(ParseRulebook(Replace("output = 50", "output = 50.0"), "t.toml").status().message(),
            "t.toml:9:10：weights.output：50.0 是 TOML 浮点数，会丢失所写的小数位；请写成字符串："
            "\"50.0\"");
  EXPECT_EQ(ParseRulebook(Replace("output = 50\n", ""), "t.toml").status().message(),
            "t.toml:6:1：weights.output：缺少此键");
  EXPECT_EQ(ParseRulebook(
                Replace("cap_percent = 100\ndecimals = 2", "cap_percent = 100\ndecimals = \"2\""),
                "t.toml")
                .status()
                .message(),
            "t.toml:16:12：execution.decimals：应为 0 到 6 之间的整数，实为字符串");
  const std::string syntax = ParseRulebook("a = [", "t.toml").status().message();
  EXPECT_EQ(syntax.rfind("t.toml:1:6：TOML 语法错误：", 0), 0u) << syntax;
}

}  // namespace
}  // namespace jixiao
