// libFuzzer target for form parsing (render/form.h): any bytes given to ParseForm must yield a
// Form or an InvalidArgument naming the file, never a crash, a hang or an escaped exception. A
// form that parses is then used to lay out a small package, so that whatever the parser lets
// through is something the composer can handle. The same bytes go through ParseFormReading
// (the [form] and [import] tables cut out by their header lines), under the same rule.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "render/compose.h"
#include "render/form.h"
#include "rules/rulebook.h"

namespace {

jixiao::Package SmallPackage() {
  using jixiao::Cell;
  using jixiao::Decimal;
  jixiao::Package p;
  p.rulebook = "hunan-lingling";
  p.fiscal_year = 2024;
  p.unit.name = "某区某单位";
  p.basic_data.staffing.authorized = Cell::Number(*Decimal::Parse("8"));
  p.basic_data.staffing.on_payroll = Cell::Number(*Decimal::Parse("7"));
  jixiao::ExpenseRow basic;
  basic.key = "basic";
  basic.label = "一、部门基本支出";
  basic.at(jixiao::ExpenseColumn::kFinal) = Cell::Number(*Decimal::Parse("88.18"));
  p.basic_data.expenses.push_back(basic);
  p.evaluation.funds.full_year_budget = Cell::Number(*Decimal::Parse("127.10"));
  p.evaluation.funds.executed = Cell::Number(*Decimal::Parse("124.88"));
  jixiao::Indicator leaf;
  leaf.name = "活动次数";
  leaf.target = "≧8次";
  leaf.actual = "10";
  leaf.weight = Cell::Number(*Decimal::Parse("10"));
  jixiao::Indicator group;
  group.name = "产出指标";
  group.children.push_back(leaf);
  p.evaluation.indicators.push_back(group);
  jixiao::ReportSection s;
  s.number = "一";
  s.title = "基本情况";
  s.text = "本单位……";
  p.report.sections.push_back(s);
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const jixiao::Package package = SmallPackage();
  static const jixiao::Rulebook rulebook = *jixiao::BundledRulebook("hunan-lingling");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const jixiao::Result<jixiao::ReadingSpec> reading = jixiao::ParseFormReading(text, "fuzz.toml");
  if (!reading.ok() && (reading.status().code() != jixiao::Status::Code::kInvalidArgument ||
                        reading.status().message().rfind("fuzz.toml", 0) != 0)) {
    __builtin_trap();
  }
  jixiao::Result<jixiao::Form> form = jixiao::ParseForm(text, "fuzz.toml");
  if (!form.ok()) {
    if (form.status().code() != jixiao::Status::Code::kInvalidArgument) __builtin_trap();
    if (form.status().message().rfind("fuzz.toml", 0) != 0) __builtin_trap();
    return 0;
  }
  jixiao::Result<jixiao::RenderDocument> doc =
      jixiao::ComposeDocument(jixiao::PreparedPackage{package, {}, {}}, rulebook, *form);
  if (doc.ok()) {
    // Every grid is rectangular.
    for (const jixiao::RenderTable& t : doc->tables) {
      for (const jixiao::TableRow& row : t.rows) {
        if (!t.rows.empty() && row.cells.size() != t.rows.front().cells.size()) __builtin_trap();
      }
    }
  }
  return 0;
}
