// Form: the official layout of one region and year, as data (forms/*.toml, specified in
// docs/form-format.md) — page set-up, fonts per typographic role, the cover lines, the outline
// of the ten report sections, the wording, column order and widths of the 附件1 基础数据表 and
// of the 部门整体支出绩效自评表, and the charts to draw. The composer (render/compose.h) lays a
// package out with a form; nothing in the code branches on a form's id, so a new region or
// year is a new TOML file.
//
// Six forms are bundled into the binary: "lingling-2024" (the layout of the worked example,
// 满意度 under 效益, for the hunan-lingling rulebook), "national-2024" (满意度 as a 一级指标
// of its own, for the national rulebook), "national-101-2021" (财预〔2021〕101号's template),
// "anhui-2022", "guizhou-2021" and "chongqing-2021" (the regional layouts of those rulebooks).
// The 自评表's funds and indicator columns are named by field (FormColumn), so a layout with
// other columns (贵州's 年初预算数(A) / 全年执行数(B), 重庆's 权重 / 得分系数) is data too.
//
// A form also says how a document in its layout is read back ([import], Form::reading, see
// import/reading_spec.h): `jixiao import` chooses among the bundled forms by the document's
// layout and reads it with the chosen form's wording.
//
// Templates: several strings are templates with {placeholders}; each key lists the ones it
// accepts (docs/form-format.md), and the loader rejects any other.
//
// A loaded Form is immutable and may be shared between threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "import/reading_spec.h"
#include "model/package.h"
#include "render/document.h"

namespace jixiao {

// A report section of the outline: bare number ("一", "二" for "（二）", "1" for "1.").
struct FormSection {
  std::string number;
  std::string title;
  std::vector<FormSection> subsections;
};

struct FormCover {
  // Lines of the cover title and the lines under it; placeholders {title} {unit} {short_unit}
  // {year} {prior_year} {next_year} {date}. A line whose placeholders are all empty is left
  // out (no "单位名称：" without a unit).
  std::vector<std::string> title_lines;
  std::vector<std::string> details;
  // What {title} is when the package's cover has no title (no {title} inside).
  std::string default_title;
  // A title line is broken before the first of these words found after its start, as the
  // official covers print a long title on two lines ("2024年度零陵区科协整体支出" /
  // "绩效自评报告"). Optional; none when absent.
  std::vector<std::string> title_break_before;
};

struct FormReport {
  // Heading per level (1: "一、", 2: "（一）", 3: "1."): placeholders {n} (the bare number)
  // and {title}.
  std::vector<std::string> heading_formats;
  std::string empty_text;             // the paragraph of a section with nothing written: "无。"
  std::vector<FormSection> sections;  // the outline, in order
};

// A standard row of 经费控制情况: printed when the package has no row with this key, and the
// label used when a package row's label is blank.
struct FormExpenseRow {
  std::string key;     // "basic", "public_funds", … (docs/package-format.md)
  std::string label;   // "一、部门基本支出"
  std::string parent;  // key of the row it sits under; "" for a top-level row
};

struct FormBasicData {
  std::string title;  // template, e.g. "附件1 {year}年度部门整体支出绩效评价基础数据表"
  std::string subtitle;  // template; "" for none
  std::string sheet_name;
  bool landscape = false;
  int header_rows = 0;
  std::vector<int> column_widths;  // mm × 10, exactly 7: label + 6 value columns
  std::string label_indent;        // repeated once per depth below the top for expense labels
  std::vector<std::string> staffing_header;  // 4: label, 编制数, 在职, 控制率
  std::vector<std::string> expense_header;   // 4: label, 上年决算, 本年预算, 本年决算
  std::vector<std::string> building_header;  // 7: label, then the six building columns
  std::string frugality_label;               // 厉行节约保障措施
  std::string default_note;  // 说明 printed when the package has none ("" for no row)
  bool rate_percent = true;  // a blank 控制率 is shown as a percent
  std::vector<FormExpenseRow> expense_rows;  // the standard rows, parents before children
};

// A column of the 自评表 named by the field it prints, and its header as printed:
// funds columns { "initial_budget", "年初预算数(A)" }, indicator leaf columns
// { "coefficient", "得分系数" }.
struct FormColumn {
  std::string field;
  std::string header;
};

// The fields a funds column may print (a cell of Funds and of each FundsRow), and those an
// indicator leaf column may print (of Indicator), in their usual order.
const std::vector<std::string>& FormFundsFields();
const std::vector<std::string>& FormLeafFields();

// One figure of the 资金 splits: `field` names a Funds cell ("general_public", …).
struct FormFundsSplit {
  std::string field;
  std::string label;
};

// A 一级指标 of the skeleton printed when the package has no indicators.
struct FormSkeletonGroup {
  std::string name;
  IndicatorKind kind = IndicatorKind::kUnspecified;  // for the weight, from the rulebook
  std::vector<std::string> children;                 // the 二级 names
};

struct FormEvaluation {
  std::string title;     // template
  std::string subtitle;  // template; "" for none
  std::string sheet_name;
  bool landscape = false;
  int header_rows = 0;
  // mm × 10, 4 + leaf_columns.size(): section label, 一级, 二级, 三级, then one per leaf column.
  // A deeper indicator tree gets more level columns, as wide as the 二级 column, and the whole
  // is scaled back to the same total width.
  std::vector<int> column_widths;
  std::string unit_label;                  // 区级预算部门名称
  std::string funds_label;                 // 年度预算申请（万元）
  std::string funds_corner;                // over the label column of 年度资金总额 ("" or 资金来源)
  // The figure columns of the funds rows, left to right, at the right edge of the table
  // (零陵: 年初预算数 … 得分, six; 贵州: 年初预算数(A), 全年执行数(B), 分值, 执行率(B/A), 得分).
  // The old key funds_header (7 strings) is read as the corner and the six usual fields.
  std::vector<FormColumn> funds_columns;
  // The label of the 得分计算方法 row. "" (the default): the row is printed, labelled
  // 得分计算方法, only when the package carries a method; else always, blank when it has none.
  std::string funds_method_label;
  std::string funds_total_label;           // 年度资金总额
  std::string income_label;                // 按收入性质分：
  std::vector<FormFundsSplit> income;      // 一般公共预算 …
  std::string spending_label;              // 按支出性质分：
  std::vector<FormFundsSplit> spending;    // 基本支出, 项目支出
  std::string goals_label;                 // 年度总体目标
  std::vector<std::string> goals_header;   // 2: 预期目标, 实际完成情况
  std::string goal_format;                 // "{number}：{text}" ({number} {text})
  std::string indicators_label;            // 绩效指标
  std::vector<std::string> level_headers;  // 一级指标, 二级指标, 三级指标
  // The columns right of the levels, left to right (零陵: 年度指标值, 实际完成值, 分值, 得分,
  // 偏差原因分析及改进措施; 重庆: 指标值, 实际完成值, 权重, 得分系数, 得分). `weight` and
  // `score` are always among them (the 总分 row sums them). The old key leaf_header (5
  // strings) is read as target, actual, weight, score, deviation.
  std::vector<FormColumn> leaf_columns;
  // Group cells per level (1, 2, …): {name} and {weight}; a format with {weight} falls back
  // to "{name}" when the group has no weight. Levels beyond the list print "{name}".
  std::vector<std::string> group_formats;
  std::string total_label;    // 总分
  // The label of the 等级 row under the 总分 row (自评等级); "" for a form that prints no
  // grade. Optional, "自评等级" when absent.
  std::string grade_label = "自评等级";
  bool rate_percent = false;  // a blank 执行率 is shown as a percent
  std::vector<FormSkeletonGroup> skeleton;
};

struct FormChartCategory {
  std::string label;
  std::vector<std::string> plus;   // expense-row keys added
  std::vector<std::string> minus;  // expense-row keys subtracted
};

// A chart; `id` says what it shows: "budget_execution" (年初预算, 全年预算, 执行数),
// "year_on_year" (the expense rows of `categories`, last year's and this year's final
// accounts) or "scores" (分值 and 得分 of each 二级 group).
struct FormChart {
  std::string id;
  Chart::Kind kind = Chart::Kind::kGroupedBars;
  std::string title;                          // template
  std::string unit;                           // "万元", "分"
  std::vector<std::string> series;            // series names (templates)
  std::vector<std::string> labels;            // budget_execution: the three category labels
  std::vector<FormChartCategory> categories;  // year_on_year
  std::string after_section;  // number of the report section it follows; "" = the end
};

// The parts of the document, each once, in the form's order: "cover", "report", "basic_data"
// (附件1), "evaluation" (自评表). The 佐证材料 list and the charts placed at the end follow them.
const std::vector<std::string>& FormPartNames();

struct Form {
  std::string id;           // "lingling-2024"
  std::string name;         // human title
  std::string region;       // "湖南省永州市零陵区"
  int year = 0;             // the fiscal year the form is for
  std::string rulebook;     // the rulebook it goes with ("hunan-lingling")
  std::string description;  // what differs from the other forms
  std::string source;       // file path or "bundled:<id>", for messages
  // The order of the parts ([form] parts, optional; FormPartNames, the cover and the report
  // first when absent).
  std::vector<std::string> parts = FormPartNames();

  PageSetup page;
  DocumentFonts fonts;
  FormCover cover;
  FormReport report;
  FormBasicData basic_data;
  FormEvaluation evaluation;
  std::vector<FormChart> charts;
  // How documents in this layout are read back ([import]; optional): header and row-label
  // wordings, the unit of money, the signature words. Empty lists when the form has none;
  // form_id, source, rulebook and year are always the form's own.
  ReadingSpec reading;
};

// Parses a form from TOML text; `source_name` prefixes error messages
// ("forms/x.toml:12:3: evaluation.level_headers: expected an array of strings, found an
// integer"). Returns InvalidArgument on any syntax error, unknown or missing key, wrong type
// or bad value; the message forms are listed in docs/form-format.md.
Result<Form> ParseForm(std::string_view toml_text, const std::string& source_name);
// Only the [form] and [import] tables of a form's TOML text, cut out by their header lines
// (a line starting with "[form]", "[import]" or "[import."), with the lines before the first
// header; every other line left empty, so that lines keep their numbers. What ParseFormReading
// parses: a bundled form's [form] and [import] are about a tenth of its text.
std::string ReadingSections(std::string_view toml_text);
// The reading spec of a form (Form::reading) from its [form] and [import] tables alone, the
// rest of the text not parsed or checked; the errors are ParseForm's for those tables, at the
// same lines. Used for the bundled forms, whose whole text the tests check (and which are
// read whole should this fail); ParseForm for any other.
Result<ReadingSpec> ParseFormReading(std::string_view toml_text, const std::string& source_name);
// Reads and parses a file, which must be a regular file of at most 1 MiB (base/toml_reader.h:
// a device, a FIFO, a socket or a folder is refused without being read, and nothing blocks);
// IOError "cannot read <path>: <why>" otherwise.
Result<Form> LoadFormFile(const std::string& path);
// A form bundled into the binary ("lingling-2024", "guizhou-2021", …); NotFound otherwise.
Result<Form> BundledForm(std::string_view id);
std::vector<std::string> BundledFormIds();
// `--form` argument: a bundled id, or else a path to a TOML file (relative to the working
// directory), read as LoadFormFile reads it. A bare name that is neither gives IOError listing
// the bundled ids.
// Example: ResolveForm("national-2024")->evaluation.unit_label == "部门（单位）名称";
// ResolveForm("my-forms/x.toml") loads that file.
Result<Form> ResolveForm(const std::string& id_or_path);
// The form a package names, for the package read from `package_path`: a bundled id first (a
// file of the same name does not shadow it), else a path taken relative to the package's
// folder (not the working directory), read as LoadFormFile reads it. Every failure names the
// package and the value it gives, keeping the failure's code:
//   "in/p.json names form \"/dev/stdin\": cannot read /dev/stdin: is a pipe (FIFO), not a
//   regular file"
// Example: for "in/p.json" naming "forms/x.toml", in/forms/x.toml is read.
Result<Form> ResolveFormForPackage(const std::string& id_or_path, const std::string& package_path);
// The reading specs of every bundled form (Form::reading), for import's choice of layout
// (import/importer.h, ImportOptions::layouts), in bundled order; parsed once a process.
Result<std::vector<ReadingSpec>> BundledReadingSpecs();

// The bundled form for a package: the one for its rulebook and fiscal year; else the one for
// its rulebook whose year is nearest (the latest not after the fiscal year first); else, for a
// rulebook no form names, the same choice among the forms of the "national" rulebook.
// NotFound only when no form is bundled at all.
// Example: a package with rulebook "hunan-lingling" and fiscal_year 2024 gets
// "lingling-2024"; one with rulebook "national" (or a custom rulebook) gets "national-2024".
Result<Form> DefaultFormFor(const Package& package);

}  // namespace jixiao
