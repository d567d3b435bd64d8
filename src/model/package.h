// The package: one budget unit's self-evaluation for one fiscal year, as the unit reported
// it — the 基础数据表 (basic data table), the 自评表 (scored self-evaluation table) and the
// 自评报告 (narrative report). See DOMAIN.md §1 and docs/package-format.md.
//
// Everything here is *reported*: the figures the unit wrote, with their written decimals.
// Figures jixiao derives (rates, scores, totals, grades) live in compute/ and are never
// stored back into a Package. Plain value types; no invariants beyond their fields, so a
// half-filled package (as imported from a messy document) is representable.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"

namespace jixiao {

// One cell of a form. Blank ("not filled") and not applicable ("——") are different facts.
struct Cell {
  enum class Kind { kBlank, kNotApplicable, kNumber };
  Kind kind = Kind::kBlank;
  Decimal value;         // kNumber only; percent cells keep percent units ("87.5%" → 87.5)
  bool percent = false;  // written with a percent sign

  static Cell Blank() { return Cell{}; }
  static Cell NotApplicable() { return Cell{Kind::kNotApplicable, Decimal(), false}; }
  static Cell Number(Decimal v, bool pct = false) { return Cell{Kind::kNumber, v, pct}; }
  bool has_number() const { return kind == Kind::kNumber; }
  bool blank() const { return kind == Kind::kBlank; }
  // "4.72", "87.5%", "——" or "" for blank.
  std::string Display() const;
};

// ---- 附件1 基础数据表 ----

// 财政供养人员情况 (persons). retired and total_actual come from the report's 基本情况 when
// the data table has no cell for them.
struct Staffing {
  Cell authorized;    // 编制数
  Cell on_payroll;    // 实际在职人数
  Cell control_rate;  // 控制率 as printed (percent)
  Cell retired;       // 退休人数
  Cell total_actual;  // 实有人数 (在职 + 退休)
};

// The three columns of 经费控制情况.
enum class ExpenseColumn { kPriorFinal = 0, kBudget = 1, kFinal = 2 };
inline constexpr std::array<ExpenseColumn, 3> kExpenseColumns = {
    ExpenseColumn::kPriorFinal, ExpenseColumn::kBudget, ExpenseColumn::kFinal};

// How a row's children relate to it: "其中" rows are *parts* (each ≤ parent, Σ ≤ parent);
// 三公经费 and 公务用车 are *totals* (parent = Σ children).
enum class ChildRelation { kNone, kParts, kTotal };

// One row of 经费控制情况. `key` names what the row means, whatever its printed label:
//   basic, public_funds, office, utilities_travel, meetings_training, three_public,
//   vehicles, vehicle_purchase, vehicle_operation, overseas, reception, projects, project,
//   procurement, basic_adjustment, other
// (see docs/package-format.md). Several rows may share the key "project".
struct ExpenseRow {
  std::string key;
  std::string label;  // as printed, e.g. "其中：公用经费"
  ChildRelation children_are = ChildRelation::kNone;
  std::array<Cell, 3> values;  // indexed by ExpenseColumn
  std::vector<ExpenseRow> children;

  const Cell& at(ExpenseColumn c) const { return values[static_cast<int>(c)]; }
  Cell& at(ExpenseColumn c) { return values[static_cast<int>(c)]; }
};

// 楼堂馆所控制情况: one office building completed in the fiscal year.
struct Building {
  std::string name;
  Cell approved_area;            // 批复规模 ㎡
  Cell actual_area;              // 实际规模 ㎡
  Cell area_control_rate;        // 规模控制率 as printed
  Cell budget_investment;        // 预算投资 万元
  Cell actual_investment;        // 实际投资 万元
  Cell investment_control_rate;  // 投资概算控制率 as printed
};

struct BasicData {
  Staffing staffing;
  std::vector<ExpenseRow> expenses;  // top-level rows in printed order
  std::vector<Building> buildings;
  std::string frugality_measures;  // 厉行节约保障措施
  std::string notes;               // 说明
};

// ---- 部门整体支出绩效自评表 ----

// One row of the funds table under 年度资金总额, with its own six cells: 其中：当年财政拨款 /
// 上年结转资金 / 其他资金 (安徽, the national 2021 template), or 基本支出 / 项目支出 (贵州).
// `key` names what the row means whatever its printed label:
//   current_appropriation, prior_carryover, other, basic, project, or "" (a row we have no
//   name for, kept with its label). See docs/package-format.md.
struct FundsRow {
  std::string key;
  std::string label;      // as printed, e.g. "其中：当年财政拨款"
  Cell initial_budget;    // 年初预算数
  Cell full_year_budget;  // 全年预算数; not applicable when the form has no such column
  Cell executed;          // 全年执行数
  Cell weight;            // 分值 ("/" when the row is not scored)
  Cell execution_rate;    // 执行率 as printed; not applicable when the form has no such column
  Cell score;             // 得分 as printed
};

// 资金 block. Its own cells are the 年度资金总额 row; `rows` are the rows printed under it. The
// two splits are of the year's money as the 零陵 form prints them (one figure each).
struct Funds {
  Cell initial_budget;    // 年初预算数
  Cell full_year_budget;  // 全年预算数 (after adjustments)
  Cell executed;          // 全年执行数
  Cell weight;            // 分值
  Cell execution_rate;    // 执行率 as printed (percent, with or without '%')
  Cell score;             // 得分 as printed
  // 按收入性质
  Cell general_public;   // 一般公共预算
  Cell government_fund;  // 政府性基金拨款
  Cell special_account;  // 纳入专户管理的非税收入拨款
  Cell other_funds;      // 其他资金
  // 按支出性质
  Cell basic;    // 基本支出
  Cell project;  // 项目支出
  // The rows under 年度资金总额, in printed order (empty on forms with the one row).
  std::vector<FundsRow> rows;
  // 得分计算方法 as the form prints it ("执行率×该指标分值，最高不得超过分值上限"), or "".
  std::string method;
  // Whether the form has a 原因 column beside the funds (四川's: the reasons for a low rate
  // and for a budget changed during the year), and that cell of the total row as printed
  // ("" when blank; it often holds only the form's instructions).
  bool asks_reason = false;
  std::string reason;
};

struct Goal {
  std::string number;  // "1", "（一）" … as written
  std::string text;
};

struct Goals {
  std::vector<Goal> planned;  // 预期目标
  std::string achieved;       // 实际完成情况
};

// What a 一级/二级 group stands for; inferred from the name when not given.
enum class IndicatorKind { kUnspecified, kOutput, kEffect, kSatisfaction, kOther };

// Score direction of a leaf; inferred from the target's operator when not given.
enum class Direction { kUnspecified, kHigherBetter, kLowerBetter, kEqual };

// A node of the 绩效指标 tree. Groups (一级, 二级) have children; leaves (三级) carry the
// target, the actual and the score. The tree may be of any depth.
struct Indicator {
  std::string name;
  IndicatorKind kind = IndicatorKind::kUnspecified;
  Cell weight;         // 分值; for groups, as printed ("产出指标(50分)" → 50) or blank
  std::string target;  // 年度指标值 as written: "≧8次", "≧2万人次", "100%", "较为认可"
  std::string actual;     // 实际完成值 as written: "10", "25000", "较为认可"
  Cell score;             // 得分 as printed
  std::string deviation;  // 偏差原因分析及改进措施
  Direction direction = Direction::kUnspecified;
  // A weight written as a range ("≥60", "不低于60分", "60分以上", "50-60分"): its bounds, and
  // `weight` stays blank. weight_max is blank when the range is open above.
  Cell weight_min;
  Cell weight_max;
  // 得分系数 (重庆's flat lists: 得分 = 权重 × 得分系数) as printed: 0–1, or a percent.
  Cell coefficient;
  std::vector<Indicator> children;

  bool is_leaf() const { return children.empty(); }
};

struct Evaluation {
  std::string unit_name;  // 区级预算部门名称 as printed
  Funds funds;
  Goals goals;
  std::vector<Indicator> indicators;  // the 一级 indicators
  Cell total_weight;                  // 总分 分值 (100)
  Cell total_score;                   // 总分 得分
  std::string grade;                  // 等级 if printed ("优"), else empty
};

// ---- 自评报告 ----

struct Cover {
  std::string title;
  std::string unit;
  std::string date;  // as written, e.g. "2025年7月10日"
};

// A numbered section: "一、基本情况", "（一）单位基本情况", "1.人员编制". `text` is the body
// before the first subsection, exactly as written (paragraphs separated by '\n').
struct ReportSection {
  std::string number;  // "一", "（一）", "1"
  std::string title;
  std::string text;
  std::vector<ReportSection> subsections;
};

struct Report {
  Cover cover;
  std::vector<ReportSection> sections;  // normally ten: 一 … 十
};

// Where an imported value came from (filled by importers; empty for hand-made packages).
struct SourceRef {
  std::string file;
  std::string table;    // table name or sheet
  int row = 0;          // 1-based; 0 when not applicable
  int column = 0;       // 1-based
  int line = 0;         // 1-based line of a text file; 0 otherwise
  int paragraph = 0;    // 1-based
  int span_begin = -1;  // byte span in the paragraph
  int span_end = -1;
  std::string text;  // the original text of the cell or span
};

struct Unit {
  std::string name;        // 永州市零陵区科学技术协会
  std::string short_name;  // 区科协 (how the report names itself)
};

// ---- package kind: a department's self-evaluation, or a project's ----
// A 项目支出绩效自评表 evaluates one project, not a department: it has no 基础数据表 and its
// table names the project, its 主管部门 and its 实施单位 in place of the department. A package
// without a kind is a department package.
enum class PackageKind { kDepartment, kProject };

struct ProjectInfo {
  std::string name;               // 项目名称
  std::string department;         // 主管部门
  std::string implementing_unit;  // 实施单位
};

inline constexpr const char* kPackageSchema = "jixiao.package/1";

// Whether a part of the package was in the document it was imported from. An absent part is
// not checked field by field (its blanks are not errors: the part is not there); a present
// part is checked in full. A cut part is there but the document stops inside it (a web page
// truncated mid-table): what it holds is checked, what would have come after the cut (the
// total row, the rest of the last group, the cells of the row cut through) is not asked for.
// A piece is some rows of the part without its head — a page that shows a few indicator rows
// of a 自评表, without its header, its funds block or its total: the rows are checked where
// they are complete (a score against its target and actual), nothing is asked for as blank,
// and no sum is compared (the rows around the piece are not there).
// A hand-made package states nothing and has all three present.
enum class PartState { kPresent, kAbsent, kCut, kPiece };
struct PartStates {
  PartState basic_data = PartState::kPresent;  // 基础数据表
  PartState evaluation = PartState::kPresent;  // 自评表
  PartState report = PartState::kPresent;      // 自评报告
  bool all_present() const {
    return basic_data == PartState::kPresent && evaluation == PartState::kPresent &&
           report == PartState::kPresent;
  }
};
std::string_view PartStateKey(PartState s);  // "present", "absent", "cut", "piece"
// The document held the part (in full or cut).
inline bool Held(PartState s) { return s != PartState::kAbsent; }

// A file of evidence (佐证材料) attached to the package: to an indicator, a goal or a report
// section (its JSON pointer), or to the whole package (""). The server keeps the bytes, by
// their SHA-256; the package lists them.
struct Evidence {
  std::string target;
  std::string name;    // the file name as uploaded
  std::string mime;    // the type told by its content
  int64_t size = 0;    // bytes
  std::string sha256;  // hex
};

struct Package {
  std::string schema = kPackageSchema;
  std::string rulebook;  // rulebook id, e.g. "hunan-lingling"
  // The form (layout) the package was imported in, or that it is to be printed in: a bundled
  // form id ("guizhou-2021") or a path beside the package; "" for none (render/form.h).
  std::string form;
  PackageKind kind = PackageKind::kDepartment;
  ProjectInfo project;  // kProject only
  int fiscal_year = 0;
  Unit unit;
  BasicData basic_data;
  Evaluation evaluation;
  Report report;
  PartStates parts;  // which parts the source document held (all, unless imported)
  // The evidence attached, when the package keeps track of it (packages kept by the server);
  // nullopt for a document imported or typed by hand, of which no check expects evidence.
  std::optional<std::vector<Evidence>> evidence;
  // JSON pointer of a value (e.g. "/evaluation/funds/executed") → where it was imported from.
  std::map<std::string, SourceRef> provenance;
};

// Names used in JSON and messages.
std::string_view ExpenseColumnKey(ExpenseColumn c);  // "prior_final", "budget", "final"
std::string_view ChildRelationKey(ChildRelation r);  // "", "parts", "total"
std::string_view IndicatorKindKey(IndicatorKind k);  // "", "output", "effect", …
std::string_view DirectionKey(Direction d);          // "", "higher", "lower", "equal"
std::string_view PackageKindKey(PackageKind k);      // "department", "project"
// Infers the kind of a group from its printed name (产出 → output, 效益 → effect, 满意 →
// satisfaction); kUnspecified when the name says nothing.
IndicatorKind InferIndicatorKind(std::string_view name);
// The kind given, or inferred from the name.
IndicatorKind KindOf(const Indicator& indicator);

}  // namespace jixiao
