// The report's numeric sentences, written from the package's figures (docs/generated-prose.md):
// section 一（二） (the year's spending and income against the year before, basic, personnel,
// public and project spending, the 三公经费 and each of its parts), section 二 (basic spending
// by 人员经费 and 公用经费; project spending, project by project) and sections 三–五 (政府性基金,
// 国有资本经营, 社会保险基金: the amount, or 无).
//
// Three steps, each usable alone:
//   1. CollectProseFigures reads the figures: a table cell first (基础数据表, 自评表); for a
//      figure the tables do not hold (last year's total spending, 人员经费 …) the amount the
//      unit itself states in its report; 人员经费 last, as 基本支出 − 公用经费.
//   2. WriteProse turns them into paragraphs: money in 万元 with 2 decimals, differences with
//      增加 / 减少 and the percentage change (the rulebook's rate decimals and rounding), 与上年
//      持平 for a zero difference; never 元, never 基本持平.
//   3. SpliceProse puts the paragraphs into the report: in each section it covers, a sentence
//      stating money figures of a generated topic is replaced by that topic's paragraph (the
//      unit's reason clause — 原因是… / 主要是… — is kept after it); every other sentence and
//      paragraph (functions, achievements, problems, measures, explanations) stays as written.
//
// Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "model/package.h"
#include "rules/rulebook.h"

namespace jixiao {

// An amount in 万元 and where it was read: a JSON pointer of a table cell
// ("/evaluation/funds/executed"), of the report text that states it
// ("/report/sections/0/subsections/1/text"), or "derived:" and the formula.
struct ProseAmount {
  Decimal value;
  std::string source;
};

// One subject's figures: this year's final accounts, this year's budget, last year's final.
struct ProseSubject {
  std::optional<ProseAmount> current;
  std::optional<ProseAmount> budget;
  std::optional<ProseAmount> prior;
};

struct ProseProject {
  std::string name;  // the row's label without numbering: "科普专项经费"
  ProseSubject figures;
};

struct ProseFigures {
  int fiscal_year = 0;
  ProseSubject spending;       // 支出决算 (全年执行数)
  ProseSubject appropriation;  // 一般公共预算财政拨款收入
  ProseSubject basic;          // 基本支出
  ProseSubject personnel;      // 人员经费
  ProseSubject public_funds;   // 公用经费
  ProseSubject projects;       // 项目支出
  std::vector<ProseProject> project_rows;
  ProseSubject three_public;  // 三公经费
  ProseSubject overseas;      // 因公出国（境）费
  ProseSubject vehicles;      // 公务用车购置及运行费
  ProseSubject reception;     // 公务接待费
  // 自评表 funds by income nature (this year): other than 一般公共预算.
  std::optional<ProseAmount> government_fund;  // 政府性基金; nullopt when blank
  std::optional<ProseAmount> special_account;  // 纳入专户管理的非税收入
  std::optional<ProseAmount> other_funds;      // 其他资金
  // What a reader of the generated prose should know: figures taken from the report rather
  // than the tables, and report figures that differ from the tables (the tables' are used).
  std::vector<std::string> notes;
};

// Reads the figures of `package` (its tables as they stand, and its report for what the tables
// lack). Never fails; a figure nobody states is nullopt.
ProseFigures CollectProseFigures(const Package& package);

// Where a generated paragraph goes.
enum class ProsePlace {
  kSpending,         // 一（二） the unit's spending (整体支出规模 / 收支情况)
  kBasicSpending,    // 二（一） 基本支出 (or 二 itself when it has no subsections)
  kProjectSpending,  // 二（二） 项目支出 (or 二 itself)
  kGovernmentFund,   // 三 政府性基金预算支出
  kStateCapital,     // 四 国有资本经营预算支出
  kSocialInsurance,  // 五 社会保险基金预算支出
};

// What a paragraph is about; a report sentence stating money figures of the same topic is
// replaced by it.
enum class ProseTopic {
  kSpending,        // 支出决算, this year against last
  kAppropriation,   // 一般公共预算财政拨款收入 (and the other income natures)
  kBasic,           // 基本支出, this year against last
  kPersonnel,       // 人员经费, this year against last
  kPublicFunds,     // 公用经费, this year against last
  kProjects,        // 项目支出, this year against last
  kThreePublic,     // 三公经费 and its parts
  kBasicBreakdown,  // 二: 基本支出 = 人员经费 + 公用经费
  kProjectList,     // 二: 项目支出 and each project
  kGovernmentFund,  // 三
  kStateCapital,    // 四
  kSocialInsurance  // 五
};
std::string_view ProseTopicKey(ProseTopic topic);  // "spending", "three_public", …

struct ProseParagraph {
  ProsePlace place = ProsePlace::kSpending;
  ProseTopic topic = ProseTopic::kSpending;
  std::string text;  // one or more sentences, each ending in "。"
  // The direction of the paragraph's first comparison (+1 增加, −1 减少, 0 持平); nullopt
  // when it compares nothing. A unit's reason clause is kept only when the unit's sentence
  // said the same direction (or none): a reason for a rise does not explain a fall.
  std::optional<int> direction;
  // Words naming the topic besides the claim subjects (project names): a money sentence
  // holding one belongs to this paragraph.
  std::vector<std::string> names;
  // Stated without a figure of the package (四, 五, and 三 when its cell is blank): 无 is
  // presumed, so it yields to a unit's paragraph that states money figures.
  bool presumed = false;
};

// Writes the paragraphs, in the order of the report. A topic without figures gets none.
std::vector<ProseParagraph> WriteProse(const ProseFigures& figures, const Rulebook& rulebook);

struct SplicedReport {
  Report report;
  // JSON pointers of the section texts that now hold generated prose
  // ("/report/sections/0/subsections/1/text"), in report order.
  std::vector<std::string> generated_sections;
  std::vector<std::string> notes;  // reason clauses dropped, sections not found
};

// Puts the paragraphs into `report` (see the file comment). Sections are found by their
// titles (一（二）: a subsection of 基本情况 titled …支出规模 / 整体支出 / 收支 …; 二:
// 一般公共预算, its subsections by 基本支出 / 项目; 三: 政府性基金; 四: 国有资本; 五: 社会保险),
// not by position; a paragraph whose section is missing is left out and noted. A paragraph that
// matches no sentence of its section is appended to the section's text. Splicing spliced output
// with the same paragraphs gives it back unchanged.
SplicedReport SpliceProse(const Report& report, int fiscal_year,
                          const std::vector<ProseParagraph>& paragraphs);

}  // namespace jixiao
