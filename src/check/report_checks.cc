// Checks of the 自评报告's shape: the cover's unit and date, and the ten numbered sections.
// (The numbers and claims inside the prose are checked by the narrative checks.)
#include <fmt/format.h>

#include <array>

#include "base/text.h"
#include "check/check_context.h"

namespace jixiao::internal {
namespace {

constexpr std::array<std::string_view, 10> kNumerals = {"一", "二", "三", "四", "五",
                                                        "六", "七", "八", "九", "十"};
constexpr std::array<std::string_view, 10> kTitles = {"基本情况",
                                                      "一般公共预算支出情况",
                                                      "政府性基金预算支出情况",
                                                      "国有资本经营预算支出情况",
                                                      "社会保险基金预算支出情况",
                                                      "部门整体支出绩效情况",
                                                      "存在的问题及原因分析",
                                                      "下一步改进措施",
                                                      "绩效自评结果拟应用和公开情况",
                                                      "其他需要说明的情况"};

bool SectionEmpty(const ReportSection& s) {
  if (!IsBlank(s.text)) return false;
  for (const ReportSection& sub : s.subsections) {
    if (!SectionEmpty(sub)) return false;
  }
  return true;
}

}  // namespace

void CheckReport(CheckContext& cx) {
  const Report& report = cx.package.report;
  const struct {
    const char* key;
    const std::string* value;
  } cover_fields[] = {{"unit_name", &report.cover.unit}, {"date", &report.cover.date}};
  // A report whose cover shows neither the unit nor the date has no cover in what arrived (a
  // web page or a copy that starts at the report's text): nothing of it is judged blank.
  // (A present report with nothing at all, as a hand-made package has it, is still blank.)
  // A unit that only the title names ("某局2020年度部门整体支出绩效自评报告", read for a page
  // without a cover) is no cover line either.
  // The import quotes the title line as the unit's source then (a line that names a 报告).
  // Nor is a name on a line of its own, which a web page prints under its title (the import
  // quotes the name alone): a cover says what its lines are (部门名称：…) or carries a date.
  const auto unit_source = cx.package.provenance.find("/report/cover/unit");
  const bool unit_from_title = unit_source != cx.package.provenance.end() &&
                               unit_source->second.text.find("报告") != std::string::npos;
  const bool unit_alone = unit_source != cx.package.provenance.end() &&
                          TrimBlank(unit_source->second.text) == TrimBlank(report.cover.unit);
  const bool unit_on_cover = !IsBlank(report.cover.unit) && !unit_from_title && !unit_alone;
  const bool has_cover = unit_on_cover || !IsBlank(report.cover.date) || report.sections.empty();
  for (const auto& f : cover_fields) {
    if (!has_cover || !IsBlank(*f.value)) continue;
    Location loc;
    loc.document = "report";
    loc.table = "cover";
    loc.column = f.key;
    loc.pointer =
        std::string("/report/cover/") + (f.key == std::string("unit_name") ? "unit" : "date");
    Diagnostic& d = cx.Add("C501", std::move(loc));
    d.message_zh = fmt::format("自评报告封面的{}未填。", cx.Column(f.key, true));
    d.message_en = fmt::format("The report's cover has no {}.", cx.Column(f.key, false));
    d.hint_zh = "封面应写明单位名称和报告日期。";
    d.hint_en = "The cover names the unit and the date of the report.";
  }

  // The ten sections are the department report's outline; a project's report has its own.
  if (cx.package.kind == PackageKind::kProject) return;
  for (size_t i = 0; i < kNumerals.size(); ++i) {
    const ReportSection* found = nullptr;
    size_t index = 0;
    for (size_t k = 0; k < report.sections.size(); ++k) {
      if (TrimBlank(report.sections[k].number) == kNumerals[i]) {
        found = &report.sections[k];
        index = k;
        break;
      }
    }
    if (found && !SectionEmpty(*found)) continue;
    Location loc;
    loc.document = "report";
    loc.table = "sections";
    loc.section = std::string(kNumerals[i]);
    loc.row = fmt::format("{}、{}", kNumerals[i], kTitles[i]);
    loc.pointer = found ? fmt::format("/report/sections/{}", index) : "/report/sections";
    Diagnostic& d = cx.Add("C507", std::move(loc));
    d.message_zh = found ? fmt::format("自评报告第{}部分“{}”没有内容。", kNumerals[i], kTitles[i])
                         : fmt::format("自评报告缺少第{}部分“{}”。", kNumerals[i], kTitles[i]);
    d.message_en =
        found ? fmt::format("Section {} ({}) of the report is empty.", i + 1, kTitles[i])
              : fmt::format("Section {} ({}) of the report is missing.", i + 1, kTitles[i]);
    d.hint_zh = "按报告提纲补写该部分；没有相关情况时写“无”。";
    d.hint_en = "Write the section as the outline asks; write 无 when there is nothing to say.";
  }
}

}  // namespace jixiao::internal
