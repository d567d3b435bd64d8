// Tests of the form loader: the bundled forms load with the values the layout relies on,
// every kind of mistake in a form file is reported with its file:line:column and key (the
// messages are pinned, in English and some in Chinese), the default form is picked by rulebook
// and year, and the form a package names is resolved beside it and never read from a device,
// a FIFO, a folder or a huge file.
#include "render/form.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>

#include "base/lang.h"
#include "base/text.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string LinglingText() { return ReadText(testing::SourceDir() + "/forms/lingling-2024.toml"); }

// "line:column" of the first occurrence of `needle` (columns in code points, as toml++ counts).
std::string PositionOf(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  const LineColumn lc = LineColumnAt(text, at);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

// The lingling form with `from` replaced by `to` (which must occur exactly once).
std::string Edited(const std::string& from, const std::string& to) {
  std::string text = LinglingText();
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from << " occurs twice";
  text.replace(at, from.size(), to);
  return text;
}

std::string ErrorOf(const std::string& text) {
  Result<Form> form = ParseForm(text, "x.toml");
  EXPECT_FALSE(form.ok());
  if (form.ok()) return "";
  EXPECT_EQ(form.status().code(), Status::Code::kInvalidArgument);
  return form.status().message();
}

TEST(FormBundled, BothFormsLoad) {
  const std::vector<std::string> ids = BundledFormIds();
  EXPECT_NE(std::find(ids.begin(), ids.end(), "lingling-2024"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "national-2024"), ids.end());
  for (const std::string& id : ids) {
    Result<Form> form = BundledForm(id);
    ASSERT_TRUE(form.ok()) << form.status().message();
    EXPECT_EQ(form->id, id);
    EXPECT_EQ(form->source, "bundled:" + id);
    // Every bundled form goes with a bundled rulebook.
    EXPECT_TRUE(BundledRulebook(form->rulebook).ok()) << form->rulebook;
  }
}

void ExpectSameSpec(const ReadingSpec& a, const ReadingSpec& b) {
  EXPECT_EQ(a.form_id, b.form_id);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.rulebook, b.rulebook);
  EXPECT_EQ(a.year, b.year);
  EXPECT_EQ(a.signature, b.signature);
  EXPECT_EQ(a.money_unit, b.money_unit);
  EXPECT_EQ(a.funds_columns, b.funds_columns);
  EXPECT_EQ(a.funds_rows, b.funds_rows);
  EXPECT_EQ(a.goals_columns, b.goals_columns);
  EXPECT_EQ(a.leaf_columns, b.leaf_columns);
}

TEST(FormBundled, BundledReadingSpecsAreThoseOfTheWholeForms) {
  Result<std::vector<ReadingSpec>> bundled = BundledReadingSpecs();
  ASSERT_TRUE(bundled.ok()) << bundled.status().message();
  const std::vector<std::string> ids = BundledFormIds();
  ASSERT_EQ(bundled->size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    SCOPED_TRACE(ids[i]);
    Result<Form> whole = BundledForm(ids[i]);
    ASSERT_TRUE(whole.ok()) << whole.status().message();
    EXPECT_FALSE(whole->reading.signature.empty());
    ExpectSameSpec((*bundled)[i], whole->reading);
    // From the [form] and [import] tables alone, not by falling back on the whole form.
    const std::string text = ReadText(testing::SourceDir() + "/forms/" + ids[i] + ".toml");
    Result<ReadingSpec> cut = ParseFormReading(text, "bundled:" + ids[i]);
    ASSERT_TRUE(cut.ok()) << cut.status().message();
    ExpectSameSpec(*cut, whole->reading);
  }
}

TEST(FormParse, ReadingSectionsKeepFormAndImportAtTheirLines) {
  const std::string text =
      "# a form\n[form]\nid = \"x\"\n[page]\npaper = \"A4\"\n[import]\nmoney_unit = \"元\"\n"
      "  [import.funds_rows]\nbasic = [\"基本支出\"]\n[[charts]]\nkind = \"bar\"\n[ importer ]\n"
      "a = 1";
  EXPECT_EQ(ReadingSections(text),
            "# a form\n[form]\nid = \"x\"\n\n\n[import]\nmoney_unit = \"元\"\n"
            "  [import.funds_rows]\nbasic = [\"基本支出\"]\n\n\n\n");
  // An error in [import] is reported at its line in the whole text.
  const std::string bad = Edited("[import]\n", "[import]\nmoney_unit = \"亿元\"\n");
  Result<ReadingSpec> spec = ParseFormReading(bad, "x.toml");
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.status().message(), ErrorOf(bad));
}

TEST(FormBundled, LinglingValues) {
  Result<Form> f = BundledForm("lingling-2024");
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->rulebook, "hunan-lingling");
  EXPECT_EQ(f->year, 2024);
  EXPECT_EQ(f->page.width, 2100);
  EXPECT_EQ(f->page.height, 2970);
  EXPECT_FALSE(f->page.landscape);
  EXPECT_EQ(f->page.margin_top, 370);
  EXPECT_EQ(f->page.margin_right, 260);
  EXPECT_EQ(f->fonts.title.size_half_points, 44);  // 二号 22 pt
  EXPECT_EQ(f->fonts.body.size_half_points, 32);   // 三号 16 pt
  EXPECT_EQ(f->fonts.table.size_half_points, 21);  // 五号 10.5 pt
  EXPECT_EQ(f->fonts.title.families.front(), "方正小标宋简体");
  EXPECT_EQ(f->fonts.heading2.families.front(), "楷体_GB2312");
  EXPECT_TRUE(f->fonts.table_header.bold);
  ASSERT_EQ(f->report.sections.size(), 10u);
  EXPECT_EQ(f->report.sections[0].subsections.size(), 2u);
  EXPECT_EQ(f->report.sections[9].title, "其他需要说明的情况");
  EXPECT_EQ(f->basic_data.column_widths.size(), 7u);
  EXPECT_EQ(f->basic_data.column_widths[0], 500);
  EXPECT_EQ(f->basic_data.expense_rows.size(), 14u);
  EXPECT_EQ(f->basic_data.expense_rows[1].parent, "basic");
  EXPECT_EQ(f->evaluation.unit_label, "区级预算部门名称");
  EXPECT_EQ(f->evaluation.level_headers[2], "三级指标");
  EXPECT_EQ(f->evaluation.skeleton.size(), 2u);  // 满意度 under 效益
  ASSERT_EQ(f->charts.size(), 3u);
  EXPECT_EQ(f->charts[2].kind, Chart::Kind::kHorizontalBars);
  EXPECT_EQ(f->charts[1].categories[1].minus, std::vector<std::string>{"public_funds"});
  // The parts as the units hand them in; the cover title on two lines; the grade row.
  EXPECT_EQ(f->parts,
            (std::vector<std::string>{"basic_data", "evaluation", "cover", "report"}));
  EXPECT_EQ(f->cover.title_break_before, std::vector<std::string>{"绩效自评报告"});
  EXPECT_EQ(f->evaluation.grade_label, "自评等级");
  // Without the optional keys: the cover and the report first, one title line.
  Result<Form> n = BundledForm("national-2024");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->parts, FormPartNames());
  EXPECT_TRUE(n->cover.title_break_before.empty());
}

TEST(FormBundled, NationalHasSatisfactionAsLevelOne) {
  Result<Form> f = BundledForm("national-2024");
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->rulebook, "national");
  ASSERT_EQ(f->evaluation.skeleton.size(), 3u);
  EXPECT_EQ(f->evaluation.skeleton[2].kind, IndicatorKind::kSatisfaction);
  EXPECT_TRUE(f->evaluation.landscape);
}

// The columns of the 自评表 by field: the older keys of lingling-2024 read as the usual six
// funds fields and five leaf fields; 贵州's and 重庆's own columns.
TEST(FormBundled, ColumnsByField) {
  Result<Form> l = BundledForm("lingling-2024");
  ASSERT_TRUE(l.ok()) << l.status().message();
  ASSERT_EQ(l->evaluation.funds_columns.size(), 6u);
  EXPECT_EQ(l->evaluation.funds_corner, "");
  EXPECT_EQ(l->evaluation.funds_columns[1].field, "full_year_budget");
  EXPECT_EQ(l->evaluation.funds_columns[1].header, "全年预算数");
  ASSERT_EQ(l->evaluation.leaf_columns.size(), 5u);
  EXPECT_EQ(l->evaluation.leaf_columns[4].field, "deviation");
  EXPECT_TRUE(l->evaluation.funds_method_label.empty());

  Result<Form> g = BundledForm("guizhou-2021");
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g->rulebook, "guizhou");
  ASSERT_EQ(g->evaluation.funds_columns.size(), 5u);
  EXPECT_EQ(g->evaluation.funds_columns[0].header, "年初预算数(A)");
  EXPECT_EQ(g->evaluation.funds_columns[3].field, "execution_rate");
  EXPECT_EQ(g->evaluation.funds_method_label, "得分计算方法");
  EXPECT_EQ(g->reading.signature.front(), "年初预算数(A)");  // folded
  EXPECT_EQ(g->reading.form_id, "guizhou-2021");

  Result<Form> c = BundledForm("chongqing-2021");
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_EQ(c->evaluation.leaf_columns.size(), 5u);
  EXPECT_EQ(c->evaluation.leaf_columns[3].field, "coefficient");
  EXPECT_EQ(c->evaluation.column_widths.size(), 9u);
}

TEST(FormParse, ColumnsByFieldAreChecked) {
  const std::string leaf = "leaf_header = [\"年度指标值\", \"实际完成值\", \"分值\", \"得分\", "
                           "\"偏差原因分析及改进措施\"]";
  // Without a score column the 总分 row has nothing to sum.
  EXPECT_NE(ErrorOf(Edited(leaf, "leaf_columns = [{ field = \"target\", header = \"指标值\" }, "
                                 "{ field = \"weight\", header = \"权重\" }]"))
                .find("evaluation.leaf_columns: has no score column"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited(leaf, "leaf_columns = [{ field = \"weight\", header = \"a\" }, "
                                 "{ field = \"scores\", header = \"b\" }]"))
                .find("evaluation.leaf_columns[1].field: \"scores\" is not a field"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited(leaf, "leaf_columns = [{ field = \"weight\", header = \"a\" }, "
                                 "{ field = \"weight\", header = \"b\" }]"))
                .find("\"weight\" is listed twice"),
            std::string::npos);
  // Both the older key and the newer one.
  EXPECT_NE(ErrorOf(Edited(leaf, leaf + "\nleaf_columns = []"))
                .find("evaluation.leaf_columns: give either this or leaf_header, not both"),
            std::string::npos);
  const std::string funds =
      "funds_header = [\"\", \"年初预算数\", \"全年预算数\", \"全年执行数\", \"分值\", "
      "\"执行率\", \"得分\"]";
  EXPECT_NE(ErrorOf(Edited(funds, funds + "\nfunds_corner = \"\""))
                .find("evaluation.funds_corner: give either this or funds_header, not both"),
            std::string::npos);
  // The leaf columns decide how many widths there are.
  const std::string three_leaves =
      "leaf_columns = [{ field = \"target\", header = \"指标值\" }, "
      "{ field = \"weight\", header = \"权重\" }, { field = \"score\", header = \"得分\" }]";
  std::string text = Edited(leaf, three_leaves);
  EXPECT_NE(ErrorOf(text).find("evaluation.column_widths_mm: expected 7 column widths, found 9"),
            std::string::npos);
  text.replace(text.find("column_widths_mm = [11, 14, 15, 27, 18, 18, 13, 13, 27]"),
               std::string("column_widths_mm = [11, 14, 15, 27, 18, 18, 13, 13, 27]").size(),
               "column_widths_mm = [11, 14, 15, 27, 18, 18, 13]");
  // Six funds columns need at least four leaf columns (two label columns left of them).
  EXPECT_NE(ErrorOf(text).find("at most 2 more funds columns (6) than leaf columns (3)"),
            std::string::npos);
}

// The older keys and the newer ones say the same: lingling-2024 rewritten with funds_columns
// and leaf_columns loads to the same columns.
TEST(FormParse, OldAndNewColumnKeysAgree) {
  std::string text = LinglingText();
  const auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("funds_header = [\"\", \"年初预算数\", \"全年预算数\", \"全年执行数\", \"分值\", "
          "\"执行率\", \"得分\"]",
          "funds_corner = \"\"\nfunds_columns = [{ field = \"initial_budget\", header = "
          "\"年初预算数\" }, { field = \"full_year_budget\", header = \"全年预算数\" }, { field = "
          "\"executed\", header = \"全年执行数\" }, { field = \"weight\", header = \"分值\" }, { "
          "field = \"execution_rate\", header = \"执行率\" }, { field = \"score\", header = "
          "\"得分\" }]");
  replace("leaf_header = [\"年度指标值\", \"实际完成值\", \"分值\", \"得分\", "
          "\"偏差原因分析及改进措施\"]",
          "leaf_columns = [{ field = \"target\", header = \"年度指标值\" }, { field = \"actual\", "
          "header = \"实际完成值\" }, { field = \"weight\", header = \"分值\" }, { field = "
          "\"score\", header = \"得分\" }, { field = \"deviation\", header = "
          "\"偏差原因分析及改进措施\" }]");
  Result<Form> a = ParseForm(text, "new.toml");
  ASSERT_TRUE(a.ok()) << a.status().message();
  Result<Form> b = BundledForm("lingling-2024");
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(a->evaluation.funds_columns.size(), b->evaluation.funds_columns.size());
  for (size_t i = 0; i < a->evaluation.funds_columns.size(); ++i) {
    EXPECT_EQ(a->evaluation.funds_columns[i].field, b->evaluation.funds_columns[i].field);
    EXPECT_EQ(a->evaluation.funds_columns[i].header, b->evaluation.funds_columns[i].header);
  }
  ASSERT_EQ(a->evaluation.leaf_columns.size(), b->evaluation.leaf_columns.size());
  for (size_t i = 0; i < a->evaluation.leaf_columns.size(); ++i) {
    EXPECT_EQ(a->evaluation.leaf_columns[i].field, b->evaluation.leaf_columns[i].field);
    EXPECT_EQ(a->evaluation.leaf_columns[i].header, b->evaluation.leaf_columns[i].header);
  }
}

TEST(FormBundled, UnknownIdAndMissingFile) {
  Result<Form> f = BundledForm("nowhere-1999");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(f.status().message(),
            "no bundled form \"nowhere-1999\" (bundled: anhui-2022, chongqing-2021, guizhou-2021, lingling-2024, national-101-2021, national-2024)");
  Result<Form> r = ResolveForm("nowhere");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_NE(r.status().message().find("(bundled forms: anhui-2022, chongqing-2021, guizhou-2021, lingling-2024, national-101-2021, national-2024)"),
            std::string::npos)
      << r.status().message();
  EXPECT_EQ(LoadFormFile("/nonexistent/x.toml").status().code(), Status::Code::kIOError);
}

TEST(FormBundled, ResolveByIdAndByPath) {
  Result<Form> by_id = ResolveForm("national-2024");
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->source, "bundled:national-2024");
  const std::string path = testing::SourceDir() + "/forms/lingling-2024.toml";
  Result<Form> by_path = ResolveForm(path);
  ASSERT_TRUE(by_path.ok()) << by_path.status().message();
  EXPECT_EQ(by_path->id, "lingling-2024");
  EXPECT_EQ(by_path->source, path);
}

TEST(FormBundled, DefaultFormByRulebookAndYear) {
  Package p;
  p.rulebook = "hunan-lingling";
  p.fiscal_year = 2024;
  EXPECT_EQ(DefaultFormFor(p)->id, "lingling-2024");
  p.fiscal_year = 2031;  // the latest form not after the year
  EXPECT_EQ(DefaultFormFor(p)->id, "lingling-2024");
  p.fiscal_year = 2019;  // none before: the earliest after
  EXPECT_EQ(DefaultFormFor(p)->id, "lingling-2024");
  p.rulebook = "national";  // 2019: the earliest after it, 财预〔2021〕101号's template
  EXPECT_EQ(DefaultFormFor(p)->id, "national-101-2021");
  p.fiscal_year = 2023;  // the latest not after it
  EXPECT_EQ(DefaultFormFor(p)->id, "national-101-2021");
  p.fiscal_year = 2024;
  EXPECT_EQ(DefaultFormFor(p)->id, "national-2024");
  p.rulebook = "some-custom-rulebook";  // no form names it: the national layout
  EXPECT_EQ(DefaultFormFor(p)->id, "national-2024");
  p.rulebook = "";
  EXPECT_EQ(DefaultFormFor(p)->id, "national-2024");
  // Each regional rulebook has its form.
  for (const auto& [rulebook, form] : {std::pair{"anhui", "anhui-2022"},
                                       std::pair{"guizhou", "guizhou-2021"},
                                       std::pair{"chongqing", "chongqing-2021"}}) {
    p.rulebook = rulebook;
    EXPECT_EQ(DefaultFormFor(p)->id, form);
  }
}

TEST(FormParse, EditedCopyStillLoads) {
  // The edits below are made on this text; it must load as it is.
  Result<Form> f = ParseForm(LinglingText(), "x.toml");
  ASSERT_TRUE(f.ok()) << f.status().message();
}

TEST(FormParse, SyntaxError) {
  const std::string text = Edited("paper = \"A4\"", "paper = \"A4");
  const std::string message = ErrorOf(text);
  EXPECT_EQ(
      message.rfind("x.toml:" + std::to_string(LineColumnAt(text, text.find("paper")).line), 0), 0u)
      << message;
}

TEST(FormParse, UnknownKeyWithSuggestion) {
  const std::string text = Edited("page_numbers = true", "page_number = true");
  EXPECT_EQ(ErrorOf(text), "x.toml:" + PositionOf(text, "page_number") +
                               ": page.page_number: unknown key (did you mean page_numbers?)");
}

TEST(FormParse, UnknownTable) {
  const std::string text = Edited("[cover]", "[covers]");
  EXPECT_EQ(ErrorOf(text), "x.toml:" + PositionOf(text, "covers") +
                               ": covers: unknown table (did you mean cover?)");
}

TEST(FormParse, WrongTypes) {
  {
    const std::string text = Edited("year = 2024", "year = \"2024\"");
    EXPECT_EQ(ErrorOf(text), "x.toml:" + PositionOf(text, "\"2024\"") +
                                 ": form.year: expected an integer from 2000 to 2100, found a "
                                 "string");
  }
  {
    const std::string text = Edited("level_headers = [\"一级指标\", \"二级指标\", \"三级指标\"]",
                                    "level_headers = [\"一级指标\", 2, \"三级指标\"]");
    EXPECT_EQ(ErrorOf(text), "x.toml:" + PositionOf(text, "2, \"三级") +
                                 ": evaluation.level_headers[1]: expected a string, found an "
                                 "integer");
  }
  {
    const std::string text = Edited("page_numbers = true", "page_numbers = \"yes\"");
    EXPECT_EQ(ErrorOf(text), "x.toml:" + PositionOf(text, "\"yes\"") +
                                 ": page.page_numbers: expected true or false, found a string");
  }
}

TEST(FormParse, MissingKey) {
  const std::string text = Edited("sheet_name = \"基础数据表\"\n", "");
  EXPECT_EQ(ErrorOf(text),
            "x.toml:" + PositionOf(text, "[basic_data]") + ": basic_data.sheet_name: missing key");
}

TEST(FormParse, BadValues) {
  struct Case {
    std::string from, to, at, message;
  };
  const Case cases[] = {
      {"id = \"lingling-2024\"", "id = \"Lingling 2024\"", "\"Lingling",
       "form.id: \"Lingling 2024\" may use only a-z, 0-9 and '-'"},
      {"paper = \"A4\"", "paper = \"Letter\"", "\"Letter\"",
       "page.paper: \"Letter\" is not one of A4, A3, B5"},
      {"margin_left_mm = 28", "margin_left_mm = \"28.25\"", "\"28.25\"",
       "page.margin_left_mm: \"28.25\" is not a length in millimetres with at most one decimal, "
       "such as \"26.5\""},
      {"margin_left_mm = 28", "margin_left_mm = 28.5", "28.5",
       "page.margin_left_mm: expected millimetres (an integer or a decimal string), found a "
       "float"},
      {"size = \"二号\"", "size = \"特大号\"", "\"特大号\"",
       "fonts.title.size: \"特大号\" is neither a 字号 (初号 … 小六) nor a size in points"},
      {"size = \"二号\"", "size = \"10.25\"", "\"10.25\"",
       "fonts.title.size: 10.25 pt is not a size from 4 to 72 pt in steps of 0.5"},
      {"column_widths_mm = [50, 17, 17, 18, 18, 18, 18]",
       "column_widths_mm = [50, 17, 17, 18, 18, 18]", "[50",
       "basic_data.column_widths_mm: expected 7 column widths, found 6"},
      {"column_widths_mm = [50, 17, 17, 18, 18, 18, 18]",
       "column_widths_mm = [50, 17, 0, 18, 18, 18, 18]", "0, 18",
       "basic_data.column_widths_mm[2]: must be from 1 to 500 mm, found 0"},
      {"goals_header = [\"预期目标\", \"实际完成情况\"]", "goals_header = [\"预期目标\"]",
       "[\"预期目标\"]", "evaluation.goals_header: expected 2 strings, found 1"},
      {"default_title = \"{year}年度{short_unit}整体支出绩效自评报告\"",
       "default_title = \"{year}年度{shortunit}整体支出绩效自评报告\"", "\"{year}",
       "cover.default_title: unknown placeholder {shortunit} (did you mean short_unit?) "
       "(allowed: unit, short_unit, year, prior_year, next_year, date)"},
      {"goal_format = \"{number}：{text}\"", "goal_format = \"{number}：{year}\"", "\"{number}",
       "evaluation.goal_format: unknown placeholder {year} (allowed: number, text)"},
      {"{ key = \"office\", label = \"其中：办公费\", parent = \"public_funds\" }",
       "{ key = \"office\", label = \"其中：办公费\", parent = \"reception\" }", "\"reception\" }",
       "basic_data.expense_rows[2].parent: \"reception\" is not the key of an "
       "earlier row"},
      {"{ key = \"procurement\", label = \"政府采购金额\", parent = \"\" }",
       "{ key = \"purchases\", label = \"政府采购金额\", parent = \"\" }", "\"purchases\"",
       "basic_data.expense_rows[12].key: \"purchases\" is not a standard row key "
       "(docs/package-format.md; project rows come from the package)"},
      {"{ field = \"other_funds\", label = \"其他资金\" }",
       "{ field = \"others\", label = \"其他资金\" }", "\"others\"",
       "evaluation.income[3].field: \"others\" is not one of initial_budget, full_year_budget, "
       "executed, weight, execution_rate, score, general_public, government_fund, "
       "special_account, other_funds, basic, project"},
      {"kind = \"output\"\nchildren = [\"重点工作任务完成\"",
       "kind = \"outputs\"\nchildren = [\"重点工作任务完成\"", "\"outputs\"",
       "evaluation.skeleton[0].kind: \"outputs\" is not one of output, effect, satisfaction, "
       "other"},
      {"parts = [\"basic_data\", \"evaluation\", \"cover\", \"report\"]",
       "parts = [\"basic_data\", \"evaluation\", \"cover\", \"basic_data\"]",
       "\"basic_data\"]", "form.parts[3]: \"basic_data\" appears twice"},
      {"parts = [\"basic_data\", \"evaluation\", \"cover\", \"report\"]",
       "parts = [\"basic_data\", \"evaluation\", \"cover\", \"reports\"]", "\"reports\"",
       "form.parts[3]: unknown part \"reports\" (known: cover, report, basic_data, evaluation)"},
      {"parts = [\"basic_data\", \"evaluation\", \"cover\", \"report\"]",
       "parts = [\"basic_data\", \"evaluation\", \"report\"]", "[\"basic_data\", \"evaluation\", \"report",
       "form.parts: expected 4 strings, found 3"},
      {"title_break_before = [\"绩效自评报告\"]", "title_break_before = [\" \"]", "\" \"]",
       "cover.title_break_before[0]: must not be empty"},
      {"{ label = \"三公经费\", plus = [\"three_public\"], minus = [] }",
       "{ label = \"三公经费\", plus = [\"three_publics\"], minus = [] }", "{ label = \"三公经费\"",
       "charts[1].categories[4]: \"three_publics\" is not an expense-row key"},
  };
  for (const Case& c : cases) {
    const std::string text = Edited(c.from, c.to);
    EXPECT_EQ(ErrorOf(text), "x.toml:" + PositionOf(text, c.at) + ": " + c.message) << c.to;
  }
}

TEST(FormParse, KeysDependOnTheChart) {
  // labels belong to budget_execution only.
  const std::string text = Edited("id = \"scores\"\nkind = \"horizontal_bars\"",
                                  "id = \"scores\"\nlabels = [\"a\"]\nkind = \"horizontal_bars\"");
  EXPECT_EQ(ErrorOf(text),
            "x.toml:" + PositionOf(text, "labels = [\"a\"]") + ": charts[2].labels: unknown key");
  const std::string twice = Edited("id = \"scores\"", "id = \"budget_execution\"");
  EXPECT_EQ(ErrorOf(twice), "x.toml:" + PositionOf(twice, "\"budget_execution\"\nkind = \"horiz") +
                                ": charts[2].id: \"budget_execution\" is already the id of "
                                "another chart");
}

TEST(FormParse, DuplicateSectionNumber) {
  const std::string text = Edited("number = \"十\"", "number = \"九\"");
  const std::string message = ErrorOf(text);
  EXPECT_NE(message.find("report.sections[9].number: \"九\" is already the number of another "
                         "section"),
            std::string::npos)
      << message;
}

TEST(FormParse, SizesInPointsAndLengthsWithADecimal) {
  const std::string text = Edited("size = \"二号\"", "size = \"10.5\"");
  Result<Form> f = ParseForm(text, "x.toml");
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->fonts.title.size_half_points, 21);
  Result<Form> g = ParseForm(Edited("margin_left_mm = 28", "margin_left_mm = \"27.5\""), "x");
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g->page.margin_left, 275);
}

TEST(FormParse, MessagesInChinese) {
  ScopedMessageLanguage zh(Lang::kZh);
  const std::string key = Edited("page_numbers = true", "page_number = true");
  EXPECT_EQ(ErrorOf(key), "x.toml:" + PositionOf(key, "page_number") +
                              "：page.page_number：未知的键（是否应为 page_numbers？）");
  const std::string year = Edited("year = 2024", "year = \"2024\"");
  EXPECT_EQ(ErrorOf(year), "x.toml:" + PositionOf(year, "\"2024\"") +
                               "：form.year：应为 2000 到 2100 之间的整数，实为字符串");
  const std::string size = Edited("size = \"二号\"", "size = \"10.25\"");
  EXPECT_EQ(ErrorOf(size),
            "x.toml:" + PositionOf(size, "\"10.25\"") +
                "：fonts.title.size：10.25 磅不是 4 到 72 磅之间、以 0.5 为步长的字号");
  const std::string placeholder =
      Edited("goal_format = \"{number}：{text}\"", "goal_format = \"{number}：{year}\"");
  EXPECT_EQ(ErrorOf(placeholder),
            "x.toml:" + PositionOf(placeholder, "\"{number}") +
                "：evaluation.goal_format：未知的占位符 {year}（允许：number, "
                "text）");
  EXPECT_EQ(BundledForm("nowhere-1999").status().message(),
            "没有内置的版式“nowhere-1999”（内置：anhui-2022, chongqing-2021, guizhou-2021, lingling-2024, national-101-2021, national-2024）");
}

// The form a package names is data from a stranger: a bundled id first, a path beside the
// package, and never a device, a FIFO, a folder or a huge file read.
class PackageFormTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("jixiao-form-paths-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "in");
    package_ = (dir_ / "in" / "p.json").string();
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  std::filesystem::path dir_;
  std::string package_;
};

TEST_F(PackageFormTest, ADeviceIsRefused) {
  const std::string link = (dir_ / "in" / "zero.toml").string();
  std::filesystem::create_symlink("/dev/zero", link);
  Result<Form> f = ResolveFormForPackage("zero.toml", package_);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), Status::Code::kIOError);
  EXPECT_EQ(f.status().message(), package_ + " names form \"zero.toml\": cannot read " + link +
                                      ": is a device, not a regular file");
  ScopedMessageLanguage zh(Lang::kZh);
  EXPECT_EQ(
      ResolveFormForPackage("zero.toml", package_).status().message(),
      package_ + " 指定的版式（form）“zero.toml”：无法读取 " + link + "：是设备文件，不是普通文件");
}

TEST_F(PackageFormTest, APathOutsideThePackagesFolderIsRefused) {
  for (const char* outside : {"/dev/zero", "/etc/passwd", "../form.toml"}) {
    Result<Form> f = ResolveFormForPackage(outside, package_);
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.status().code(), Status::Code::kInvalidArgument) << outside;
  }
}

TEST_F(PackageFormTest, AFifoIsRefusedWithoutBlocking) {
  const std::string fifo = (dir_ / "in" / "form.toml").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::future<Result<Form>> done =
      std::async(std::launch::async, [&] { return ResolveFormForPackage("form.toml", package_); });
  if (done.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    ADD_FAILURE() << "reading the form blocked";
    const int w = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);  // lets a blocked open return
    if (w >= 0) ::close(w);
  }
  Result<Form> f = done.get();
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().message(), package_ + " names form \"form.toml\": cannot read " + fifo +
                                      ": is a pipe (FIFO), not a regular file");
}

TEST_F(PackageFormTest, AFolderAndAHugeFileAreRefused) {
  std::filesystem::create_directories(dir_ / "in" / "forms");
  EXPECT_EQ(ResolveFormForPackage("forms", package_).status().message(),
            package_ + " names form \"forms\": cannot read " + (dir_ / "in" / "forms").string() +
                ": Is a directory (bundled forms: anhui-2022, chongqing-2021, guizhou-2021, lingling-2024, national-101-2021, national-2024)");
  const std::string huge = (dir_ / "in" / "huge.toml").string();
  { std::ofstream create(huge); }
  std::filesystem::resize_file(huge, 100'000'000);  // sparse
  EXPECT_EQ(ResolveFormForPackage("huge.toml", package_).status().message(),
            package_ + " names form \"huge.toml\": cannot read " + huge +
                ": is larger than 1 MiB (100000000 bytes)");
}

TEST_F(PackageFormTest, ARelativePathIsTakenFromThePackagesFolder) {
  std::filesystem::create_directories(dir_ / "in" / "forms");
  const std::string beside = (dir_ / "in" / "forms" / "mine.toml").string();
  std::ofstream(beside, std::ios::binary) << LinglingText();
  const std::filesystem::path cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir_);  // where forms/mine.toml does not exist
  Result<Form> f = ResolveFormForPackage("forms/mine.toml", package_);
  std::filesystem::current_path(cwd);
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->source, beside);
  EXPECT_EQ(f->id, "lingling-2024");
}

TEST_F(PackageFormTest, ABundledNameShadowsAFileOfTheSameName) {
  std::ofstream(dir_ / "in" / "national-2024", std::ios::binary) << "not a form";
  Result<Form> f = ResolveFormForPackage("national-2024", package_);
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->source, "bundled:national-2024");
  Result<Form> bad = ResolveFormForPackage("", package_);
  EXPECT_EQ(bad.status().message(), package_ + " names an empty form");
}

TEST(FormBundled, TheCommandLineFormGetsTheSameChecks) {
  EXPECT_EQ(ResolveForm("/dev/zero").status().message(),
            "cannot read /dev/zero: is a device, not a regular file");
}

}  // namespace
}  // namespace jixiao
