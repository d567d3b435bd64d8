// The recognizer: turns a FlatDocument (from any importer) into a Package by *meaning*, not
// position. Tables and rows are found by their header wording and row labels, with the
// variants real forms use (区级预算部门名称 / 预算部门 / 部门（单位）名称; 得分 / 自评得分;
// 年度预算申请 / 年度资金总额; line breaks inside header cells), so a form that differs a
// little still imports. The report is split into its cover and numbered sections (一、…,
// （一）…) with the text kept exactly.
//
// Rows of 经费控制情况 are placed by their labels, 其中 markers, numbering and indentation,
// wherever they stand; a row the model has no name for is kept as "other". A part of the
// package that is not in the document is recorded as absent (Package::parts). A table of
// contents before the report is skipped. The fiscal year comes from the report's title, the
// cover, a table's title or a table header, never from a date; the source is recorded.
//
// Every value placed remembers where it came from (Package::provenance, keyed by JSON
// pointer). Nothing is dropped silently: every non-empty row, cell or paragraph that could
// not be placed, and every cell that should hold a figure but does not, is reported as a
// diagnostic (codes I601–I603 and I611–I613 in docs/diagnostics.md).
//
// Pure function; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "check/diagnostic.h"
#include "import/flat_document.h"
#include "import/reading_spec.h"
#include "model/package.h"

namespace jixiao {

struct ImportResult {
  Package package;
  std::vector<Diagnostic> notes;        // what could not be placed or read, units converted
  std::vector<std::string> recognised;  // one line per part recognised, for the summary
  std::string rulebook_reason;          // why package.rulebook was chosen
  // The encoding a text file was read in (FlatDocument::encoding: "UTF-8", "UTF-8 (BOM)",
  // "GB18030", "UTF-16LE", "UTF-16BE"), for the summary; empty for Word and Excel files.
  std::string encoding;
};

// `rulebook`: the rulebook id to record in the package; empty to choose by the form's layout
// (a project table, one that names a 项目名称 → national-project; 满意度 under 效益 →
// hunan-lingling; else national). A table with 项目名称 / 主管部门 / 实施单位 rows makes the
// package a project package (Package::kind, Package::project). The recognised lines and the rulebook
// reason are in the language in force (base/lang.h); notes carry both languages.
//
// Amounts in 元 (a table, header or column that says 单位：元, （元）, 金额（元）…) are
// converted to 万元 exactly and noted (I605); amounts whose unit is stated nowhere are taken
// as 万元, and noted (I606) when they look like 元. Linear in the size of the document.
//
// `spec`: the reading spec of the form the document is in (import/reading_spec.h), or null.
// Its header wordings (funds, goals and indicator columns), funds row labels and money unit
// are tried before the built-in wording; the rest of the reading is the same.
ImportResult Recognize(const FlatDocument& document, const std::string& rulebook = "",
                       const ReadingSpec* spec = nullptr);

}  // namespace jixiao
