// 抽评 re-scoring and its document (see spot_check.h, docs/spot-check.md).
#include "review/spot_check.h"

#include <fmt/format.h>

#include <map>

#include "base/lang.h"

namespace jixiao {
namespace {

std::string Printed(const std::optional<Decimal>& d) { return d ? d->Normalized().ToString() : ""; }

std::optional<Decimal> Reported(const Cell& c) {
  if (!c.has_number() || !c.value.valid()) return std::nullopt;
  return c.value;
}

TableCell Label(std::string text, bool header = false, Align align = Align::kCenter) {
  TableCell c;
  c.text = std::move(text);
  c.header = header;
  c.align = align;
  return c;
}

TableCell NumberCell(const std::optional<Decimal>& d) {
  TableCell c;
  c.text = Printed(d);
  c.role = CellRole::kComputed;
  if (d) c.number = *d;
  c.align = Align::kRight;
  return c;
}

}  // namespace

SpotCheck ComputeSpotCheck(const Package& package, const Rulebook& rulebook,
                           const ScoreSheet& sheet, const std::vector<SpotScore>& scores) {
  SpotCheck out;
  std::map<std::string, const SpotScore*> by_pointer;
  for (const SpotScore& s : scores) by_pointer[s.pointer] = &s;
  auto line = [&](std::string pointer, std::string name, std::optional<Decimal> weight,
                  std::optional<Decimal> self) {
    SpotLine l;
    l.pointer = std::move(pointer);
    l.name = std::move(name);
    l.weight = weight;
    l.self = self;
    if (auto it = by_pointer.find(l.pointer); it != by_pointer.end()) {
      l.spot = it->second->score;
      l.reason = it->second->reason;
      ++out.scored;
    }
    out.lines.push_back(std::move(l));
  };
  const Funds& funds = package.evaluation.funds;
  line(kExecutionLine, "预算执行率", sheet.execution.weight, Reported(funds.score));
  for (const LeafScore& leaf : sheet.leaves) {
    if (leaf.indicator == nullptr || IsEmptyIndicator(*leaf.indicator)) continue;
    line(leaf.pointer, leaf.path, leaf.weight, Reported(leaf.indicator->score));
  }
  out.self_total = sheet.total;
  out.self_grade = sheet.grade;
  if (out.scored == static_cast<int>(out.lines.size()) && !out.lines.empty()) {
    Decimal total = Decimal::FromInt(0);
    for (const SpotLine& l : out.lines) total = total + *l.spot;
    out.spot_total = total.Normalized();
    out.spot_grade = GradeOf(rulebook, total);
    out.difference = (total - sheet.total).Normalized();
  }
  return out;
}

Status ValidateSpotScores(const SpotCheck& check, const std::vector<SpotScore>& scores) {
  std::map<std::string, const SpotLine*> lines;
  for (const SpotLine& l : check.lines) lines[l.pointer] = &l;
  for (const SpotScore& s : scores) {
    auto it = lines.find(s.pointer);
    if (it == lines.end()) {
      return Status::InvalidArgument(TrF("{} 不是可抽评的一行（预算执行率或末级指标）",
                                         "{} is not a line to re-score (the execution rate or a "
                                         "leaf indicator)",
                                         s.pointer));
    }
    const SpotLine& l = *it->second;
    if (!s.score.valid() || s.score.sign() < 0 || (l.weight && s.score > *l.weight)) {
      return Status::InvalidArgument(TrF("{}：抽评得分 {} 应在 0 到分值 {} 之间",
                                         "{}: the score {} must lie between 0 and the weight {}",
                                         l.name, s.score.ToString(), Printed(l.weight)));
    }
    const bool differs = !l.self || *l.self != s.score;
    if (differs && s.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Status::InvalidArgument(TrF("{}：抽评得分 {} 与自评得分 {} 不同，请写明理由",
                                         "{}: the score {} differs from the self score {}; give "
                                         "the reason",
                                         l.name, s.score.ToString(), Printed(l.self)));
    }
  }
  return Status::Ok();
}

RenderDocument SpotCheckDocument(const Package& package, const SpotCheck& check,
                                 const SpotCheckSigning& signing, const Form& form) {
  RenderDocument doc;
  doc.form_id = form.id;
  doc.page = form.page;
  doc.fonts = form.fonts;
  const std::string unit =
      package.unit.name.empty() ? package.evaluation.unit_name : package.unit.name;
  doc.unit_name = unit;
  doc.fiscal_year = package.fiscal_year;
  doc.title = fmt::format("{}{}年度部门整体支出绩效抽评结果", unit, package.fiscal_year);
  auto paragraph = [&](std::string text, Align align = Align::kJustify, bool indent = true) {
    Block b;
    b.kind = Block::Kind::kParagraph;
    b.text = std::move(text);
    b.align = align;
    b.first_line_indent = indent;
    doc.body.push_back(std::move(b));
  };
  Block heading;
  heading.kind = Block::Kind::kHeading;
  heading.level = 1;
  heading.align = Align::kCenter;
  heading.text = fmt::format("{}年度部门整体支出绩效抽评结果表", package.fiscal_year);
  doc.body.push_back(heading);
  paragraph(fmt::format("被抽评单位：{}", unit), Align::kLeft, false);
  if (!signing.sample_reason.empty()) {
    paragraph(fmt::format("抽取理由：{}", signing.sample_reason), Align::kLeft, false);
  }
  paragraph(
      fmt::format("自评得分 {}（{}）；抽评得分 {}（{}）；差异 {}。", Printed(check.self_total),
                  check.self_grade, check.spot_total ? Printed(check.spot_total) : "未完成",
                  check.spot_total ? check.spot_grade : "—",
                  check.difference ? Printed(check.difference) : "—"),
      Align::kLeft, false);

  RenderTable t;
  t.id = "spot_check";
  t.title = "抽评评分表";
  t.sheet_name = "抽评";
  t.column_widths = {70, 540, 110, 130, 130, 110, 460};
  t.header_rows = 1;
  TableRow head;
  for (const char* h : {"序号", "评价内容", "分值", "自评得分", "抽评得分", "差异", "扣分理由"}) {
    head.cells.push_back(Label(h, true));
  }
  t.rows.push_back(head);
  int n = 0;
  for (const SpotLine& l : check.lines) {
    TableRow r;
    r.cells.push_back(Label(std::to_string(++n)));
    r.cells.push_back(Label(l.name, false, Align::kLeft));
    r.cells.push_back(NumberCell(l.weight));
    r.cells.push_back(NumberCell(l.self));
    r.cells.push_back(NumberCell(l.spot));
    std::optional<Decimal> diff;
    if (l.self && l.spot) diff = (*l.spot - *l.self).Normalized();
    r.cells.push_back(NumberCell(diff));
    r.cells.push_back(Label(l.reason, false, Align::kLeft));
    t.rows.push_back(std::move(r));
  }
  TableRow total;
  total.cells.push_back(Label("合计", false));
  total.cells.push_back(Label(fmt::format("等级：自评 {}，抽评 {}", check.self_grade,
                                          check.spot_total ? check.spot_grade : "—"),
                              false, Align::kLeft));
  std::optional<Decimal> weights = Decimal::FromInt(0);
  for (const SpotLine& l : check.lines) {
    if (l.weight && weights) {
      weights = *weights + *l.weight;
    } else {
      weights.reset();
    }
  }
  total.cells.push_back(NumberCell(weights ? std::optional<Decimal>(weights->Normalized()) : weights));
  total.cells.push_back(NumberCell(check.self_total));
  total.cells.push_back(NumberCell(check.spot_total));
  total.cells.push_back(NumberCell(check.difference));
  total.cells.push_back(Label(""));
  t.rows.push_back(std::move(total));
  doc.tables.push_back(std::move(t));
  Block table;
  table.kind = Block::Kind::kTable;
  table.table = 0;
  doc.body.push_back(table);
  paragraph(fmt::format("抽评单位：{}　　抽评人：{}　　日期：{}", signing.bureau, signing.reviewer,
                        signing.date),
            Align::kRight, false);
  return doc;
}

}  // namespace jixiao
