// The composer: lays a prepared package out as a RenderDocument (render/document.h) following a
// form (render/form.h) — the cover, the report's sections with their headings (the form's
// outline supplies the sections the package lacks, printed with "无。"), then 附件1 基础数据表
// and the 部门整体支出绩效自评表 as rectangular grids, then — when the package lists evidence
// (packages kept by the server) — the 佐证材料清单 (each file with the indicator, goal or report
// section it supports, its type, size and the start of its SHA-256), then the charts.
//
// Tables carry, for every cell, what a writer needs without knowing budgets: the printed text,
// merges (an origin with its spans, `covered` cells elsewhere), the role (form wording, a
// reported input, a derived figure), the number with its printed decimals, the JSON pointer of
// the package value, the drop-down words of qualitative actuals, and for derived figures an
// Excel formula over other cells ({row,col}) whose rounding is the rulebook's (ROUND for
// half_up, ROUNDDOWN for truncate, an IF on MOD for half_even). The cached number of a derived
// cell is the package's own figure: the composer computes nothing that PrepareForRender
// (render/prepare.h) has not already written. A subtotal row gets a SUM formula only when its
// children add up to it; otherwise its reported figure is kept as an input.
//
// The layout is driven by the data: expense rows in package order (the form's standard rows
// the package lacks are added blank, in the form's order), the 绩效指标 tree at whatever depth
// and shape it has (a 一级/二级 cell spans exactly the leaf rows below it), and the charts the
// form asks for whose data is present. Nothing branches on the form's id.
//
// Pure function of its inputs; safe from any thread.
#pragma once

#include "base/status.h"
#include "render/document.h"
#include "render/form.h"
#include "render/prepare.h"
#include "rules/rulebook.h"

namespace jixiao {

// The document for `prepared.package` in the layout of `form`, with formulas rounding as
// `rulebook` does. Fails with InvalidArgument only when the package cannot be laid out (an
// indicator tree deeper than 6 levels).
//
// Example: ComposeDocument(PrepareForRender(pkg, rb), rb, *BundledForm("lingling-2024"))
// gives a document whose tables[1] (自评表) has 9 columns and whose 执行率 cell holds 98.25
// with the formula IF(COUNT({2,5},{2,4})<2,"",IFERROR(ROUND({2,5}/{2,4}*100,2),"")).
Result<RenderDocument> ComposeDocument(const PreparedPackage& prepared, const Rulebook& rulebook,
                                       const Form& form);

}  // namespace jixiao
