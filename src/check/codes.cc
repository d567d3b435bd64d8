// The code catalogue.
#include "check/codes.h"

#include <algorithm>

#include "base/lang.h"

namespace jixiao {

const std::vector<CodeInfo>& AllCodes() {
  static const std::vector<CodeInfo> codes = {
      {"A101", "total-mismatch", Severity::kInconsistency, "合计数不等于各组成项之和",
       "a total does not equal the sum of its parts"},
      {"A102", "part-exceeds-parent", Severity::kInconsistency, "“其中”项大于其所属项",
       "an 'of which' row exceeds the row it belongs to"},
      {"A103", "parts-exceed-parent", Severity::kInconsistency, "“其中”各项之和大于其所属项",
       "the 'of which' rows together exceed the row they belong to"},
      {"A104", "funds-split-mismatch", Severity::kInconsistency,
       "资金按性质分列之和与年度资金总额不符", "a split of the year's funds does not add up"},
      {"A105", "negative-amount", Severity::kError, "金额或人数为负数",
       "an amount or a count that cannot be negative is negative"},
      {"A106", "spending-without-budget", Severity::kInconsistency, "全年预算数为0或空白却有支出",
       "money was spent against a full-year budget of 0 or none"},
      {"R201", "staff-control-rate-mismatch", Severity::kInconsistency,
       "人员控制率与编制数、在职人数不符",
       "the staff control rate does not follow from posts and staff"},
      {"R202", "execution-rate-mismatch", Severity::kInconsistency,
       "执行率与全年预算数、执行数不符",
       "the execution rate does not follow from budget and execution"},
      {"R203", "building-rate-mismatch", Severity::kInconsistency, "楼堂馆所控制率与规模或投资不符",
       "a building control rate does not follow from its figures"},
      {"S301", "execution-score-mismatch", Severity::kInconsistency, "执行率得分与复算不符",
       "the execution score differs from the recomputed one"},
      {"S302", "indicator-score-mismatch", Severity::kInconsistency, "指标得分与复算不符",
       "an indicator's score differs from the recomputed one"},
      {"S303", "qualitative-score-outside-band", Severity::kInconsistency,
       "定性指标得分超出评价档次的分值区间", "a qualitative score lies outside its band"},
      {"S304", "indicator-not-assessable", Severity::kWarning, "指标无法评价",
       "an indicator cannot be assessed"},
      {"S305", "score-exceeds-weight", Severity::kError, "得分超过分值",
       "a score exceeds its weight"},
      {"S306", "total-score-mismatch", Severity::kInconsistency, "总分不等于各项得分之和",
       "the total score is not the sum of the scores"},
      {"S307", "grade-mismatch", Severity::kInconsistency, "等级与总分不符",
       "the grade does not follow from the total"},
      {"S308", "funds-row-rate-mismatch", Severity::kInconsistency,
       "年度资金分项行的执行率与该行数字不符",
       "a funds row's execution rate does not follow from its own figures"},
      {"S309", "funds-row-score-mismatch", Severity::kInconsistency,
       "年度资金分项行的得分与该行分值、执行率不符",
       "a funds row's score does not follow from its weight and rate"},
      {"S310", "funds-row-weights-mismatch", Severity::kInconsistency,
       "年度资金分项行的分值之和与总额行分值不符",
       "the funds rows' weights do not add up to the total's"},
      {"S313", "deadline-score-mismatch", Severity::kInconsistency, "时限指标得分与完成时间不符",
       "a deadline indicator's score does not follow from its date"},
      {"S314", "coefficient-score-mismatch", Severity::kInconsistency, "得分不等于权重乘以得分系数",
       "a score is not its weight times its coefficient"},
      {"S315", "coefficient-out-of-range", Severity::kError, "得分系数超过 1（100%）",
       "a score coefficient is above 1 (100%)"},
      {"W401", "group-weight-mismatch", Severity::kInconsistency, "上级指标分值不等于下级分值之和",
       "a group's weight is not the sum of its children's"},
      {"W402", "total-weight-mismatch", Severity::kError, "分值合计不等于总分",
       "the weights do not add up to the total"},
      {"W403", "weight-differs-from-rulebook", Severity::kWarning, "分值与评分规则不同",
       "a weight differs from the rulebook"},
      {"W404", "layout-differs-from-rulebook", Severity::kWarning, "满意度指标的位置与评分规则不同",
       "the satisfaction indicator sits elsewhere than the rulebook says"},
      {"W405", "group-weight-outside-range", Severity::kInconsistency,
       "下级指标分值之和不在上级指标规定的分值范围内",
       "a group's children weigh outside the range its weight allows"},
      {"C501", "required-value-missing", Severity::kError, "必填项为空",
       "a required value is missing"},
      {"C502", "blank-subtotal-row", Severity::kWarning, "小计（合计）行未填",
       "a subtotal row is blank"},
      {"C503", "empty-indicator-row", Severity::kWarning, "空白指标行",
       "an indicator row is empty"},
      {"C504", "deviation-reason-missing", Severity::kWarning, "未得满分但未说明偏差原因",
       "a score below its weight has no deviation analysis"},
      {"C505", "unit-missing", Severity::kInfo, "指标值未写计量单位",
       "a numeric target has no unit"},
      {"C506", "row-partly-filled", Severity::kWarning, "同一行部分栏目未填",
       "a row is only partly filled"},
      {"C507", "report-section-missing", Severity::kWarning, "自评报告缺少章节或章节为空",
       "a report section is missing or empty"},
      {"C515", "funds-row-incomplete", Severity::kWarning, "年度资金分项行缺少计算执行率所需的数字",
       "a funds row lacks a figure its execution rate needs"},
      {"C508", "report-date-implausible", Severity::kError, "报告日期不可能或早于年度结束",
       "the report's date is impossible, before the year ends, or outside the window"},
      {"N801", "number-error", Severity::kInconsistency, "报告中的差额或变动率与数据不符",
       "a difference or rate of change in the report does not follow"},
      {"N802", "unit-error", Severity::kInconsistency, "报告中金额的单位有误",
       "an amount in the report has the wrong unit"},
      {"N803", "direction-error", Severity::kInconsistency, "报告中的增减方向与数据不符",
       "a direction word in the report contradicts the figures"},
      {"N804", "unit-missing", Severity::kWarning, "报告中的金额没有写单位",
       "an amount in the report has no unit"},
      {"N805", "rate-misstated", Severity::kInconsistency, "报告中的比率与表中数据不符",
       "a rate the report states does not follow from the tables"},
      {"N806", "adjustment-misstated", Severity::kInconsistency, "报告中的预算调整与表中不符",
       "the report's budget-adjustment sentence disagrees with the tables"},
      {"N807", "change-and-percent-disagree", Severity::kInconsistency,
       "报告中同时写明的增减额与增减率互相矛盾",
       "a difference and a percentage stated together disagree"},
      {"N808", "count-differs-from-list", Severity::kInconsistency, "报告所述个数与所列名称不符",
       "a count the report states differs from the names it lists"},
      {"N809", "report-contradicts-itself", Severity::kInconsistency, "报告对同一数据前后说法不一",
       "the report states the same fact twice with different figures"},
      {"N810", "stated-balance-fails", Severity::kInconsistency, "报告所述各部分与总数不平衡",
       "parts and a total the report states do not balance"},
      {"N811", "staff-composition-wrong", Severity::kInconsistency, "报告中人员构成口径有误",
       "the report's staff figures are composed wrongly"},
      {"X701", "figure-differs-between-documents", Severity::kInconsistency,
       "同一数据在报告与表中不一致", "the report and the tables give the same fact differently"},
      {"X702", "budget-adjustment-undisclosed", Severity::kInconsistency, "预算调整未如实反映",
       "a budget adjustment is not disclosed"},
      {"X703", "project-not-executed", Severity::kWarning, "预算安排的项目没有执行数",
       "a budgeted project has no execution"},
      {"X704", "goals-differ", Severity::kWarning, "自评表与报告的年度目标不一致",
       "the goals of the score table and the report differ"},
      {"X705", "count-differs", Severity::kInconsistency, "指标完成数与报告所述不一致",
       "an indicator's count differs from the report's"},
      {"X706", "unit-name-differs", Severity::kInconsistency, "各文件中的单位名称不一致",
       "the documents name different units"},
      {"X707", "fiscal-year-differs", Severity::kInconsistency, "各文件中的年度不一致",
       "the documents name different fiscal years"},
      {"P901", "low-execution-unexplained", Severity::kWarning, "预算执行率偏低且未说明原因",
       "a low execution rate is not explained"},
      {"P902", "target-set-too-low", Severity::kWarning, "绩效目标可能定得过低",
       "a target was overshot by far"},
      {"P903", "all-full-marks", Severity::kWarning, "全部指标满分",
       "every indicator has full marks"},
      {"P904", "qualitative-evidence", Severity::kInfo, "定性指标占比较高",
       "many indicators rest on qualitative words"},
      {"P905", "score-above-execution", Severity::kWarning, "得分率远高于预算执行率",
       "the score rate is far above the execution rate"},
      {"P906", "staff-over-establishment", Severity::kWarning, "实际在职人数超过编制",
       "staff exceed the authorized posts"},
      {"P907", "three-public-rising", Severity::kInfo, "“三公”经费增加",
       "the three public expenses rose"},
      {"P908", "satisfaction-without-survey", Severity::kWarning, "满意度指标缺少调查依据",
       "a satisfaction figure has no survey behind it"},
      {"P909", "spending-above-budget", Severity::kWarning, "支出超过预算",
       "spending exceeds its budget"},
      {"P910", "full-marks-without-evidence", Severity::kWarning, "定性指标满分但没有佐证材料",
       "a qualitative indicator has full marks and no evidence"},
      {"I601", "content-not-recognised", Severity::kWarning, "导入时有内容未能识别",
       "content of the document could not be placed"},
      {"I602", "figure-unreadable", Severity::kWarning, "导入时数字无法读取",
       "a cell that should hold a figure cannot be read"},
      {"I603", "document-part-missing", Severity::kInfo, "文件中缺少基础数据表、自评表或自评报告",
       "the file lacks the data table, the self-evaluation table or the report"},
      {"I604", "formula-without-value", Severity::kWarning, "导入的工作簿中公式没有计算结果",
       "formula cells of the workbook hold no saved result"},
      {"I605", "amounts-converted-from-yuan", Severity::kInfo, "以元填写的金额已换算为万元",
       "amounts written in yuan were converted to 10,000 yuan"},
      {"I606", "money-unit-unknown", Severity::kWarning, "金额没有注明单位，数字像是以元填写",
       "no unit of money is stated and the figures look like yuan"},
      {"I607", "lines-not-content", Severity::kInfo, "页码、页眉、网页栏目等非正文行未导入",
       "lines that are not content (page numbers, page headers, web page chrome) left out"},
      {"I611", "table-of-contents-skipped", Severity::kInfo, "目录已跳过",
       "a table of contents was skipped"},
      {"I612", "fiscal-year-sources-disagree", Severity::kWarning, "标题、封面与表头的年度不一致",
       "the title, the cover and the table headers give different fiscal years"},
      {"I613", "table-not-recognised", Severity::kWarning, "表格未能识别为任何部分",
       "a table was not recognised as any part of the package"},
      {"I620", "funds-method-read", Severity::kInfo, "已读取自评表的得分计算方法",
       "the form's scoring method for the funds was read"},
      {"I621", "funds-method-not-understood", Severity::kInfo,
       "自评表的得分计算方法未能理解，按评分规则计分",
       "the form's scoring method was not understood; the rulebook's rule applies"},
      {"I622", "funds-row-misfit", Severity::kWarning, "年度资金行与表头的栏目对不上，未导入",
       "a funds row does not fit its header and was not read"},
      {"I623", "funds-row-unnamed", Severity::kInfo, "年度资金分项行的名称未能识别，按原标签保留",
       "a funds row's label has no known meaning; kept with its label"},
      {"I625", "deadline-cannot-tell", Severity::kInfo, "完成时间无法判断是否在时限内",
       "whether a date meets its deadline cannot be told"},
      {"I630", "form-chosen", Severity::kInfo, "导入时选定了版式",
       "the form (layout) the document is in was chosen"},
      {"I626", "evaluation-cut", Severity::kInfo, "文件在自评表中途结束，自评表不完整",
       "the file stops inside the self-evaluation table"},
      {"I628", "evaluation-piece", Severity::kInfo, "只有自评表的一部分指标行，记为片段",
       "only some indicator rows of the self-evaluation table are there: recorded as a piece"},
      {"I627", "other-project", Severity::kWarning, "文件中有另一个项目的表格内容，未导入",
       "the file holds another project's table content, which was not imported"},
      {"I632", "figures-unplaced", Severity::kWarning, "一行的数字少于表头栏数，无法判断所属栏目，未导入",
       "a row has fewer figures than its header has columns and their columns cannot be told"},
      {"I631", "rate-written-as-ratio", Severity::kInfo, "执行率写作比值，按百分比读",
       "the execution rate is written as a ratio and read as a percentage"},
  };
  return codes;
}

const CodeInfo* FindCode(std::string_view code) {
  // Every diagnostic looks its code up: a sorted index, built once.
  static const std::vector<const CodeInfo*> by_code = [] {
    std::vector<const CodeInfo*> index;
    for (const CodeInfo& info : AllCodes()) index.push_back(&info);
    std::sort(index.begin(), index.end(),
              [](const CodeInfo* a, const CodeInfo* b) { return a->code < b->code; });
    return index;
  }();
  const auto it =
      std::lower_bound(by_code.begin(), by_code.end(), code,
                       [](const CodeInfo* info, std::string_view c) { return info->code < c; });
  return it != by_code.end() && (*it)->code == code ? *it : nullptr;
}

}  // namespace jixiao

namespace jixiao {

extern const char kDiagnosticsDoc[];    // docs/diagnostics.md
extern const char kDiagnosticsDocZh[];  // docs/diagnostics.zh.md

namespace {

// The body of the section headed "### CODE slug" in a Markdown document, up to the next
// heading, without the heading and the blank lines around it; "" when the document has none.
std::string CodeSection(std::string_view doc, const CodeInfo& info) {
  const std::string heading = "### " + std::string(info.code) + " " + std::string(info.slug) + "\n";
  size_t at = doc.find(heading);
  // The heading starts a line.
  while (at != std::string_view::npos && at != 0 && doc[at - 1] != '\n') {
    at = doc.find(heading, at + 1);
  }
  if (at == std::string_view::npos) return "";
  const size_t body = at + heading.size();
  size_t end = doc.find("\n#", body);
  if (end == std::string_view::npos) end = doc.size();
  std::string text(doc.substr(body, end - body));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  while (!text.empty() && text.front() == '\n') text.erase(0, 1);
  return text;
}

}  // namespace

std::string ExplainCode(std::string_view code, bool zh) {
  const CodeInfo* info = FindCode(code);
  if (info == nullptr) return "";
  if (zh) {
    std::string text = CodeSection(kDiagnosticsDocZh, *info);
    if (!text.empty()) return text;
    // A code documented in English only (a section not yet translated): English, not nothing.
  }
  return CodeSection(kDiagnosticsDoc, *info);
}

std::string ExplainCode(std::string_view code) { return ExplainCode(code, MessagesInChinese()); }

}  // namespace jixiao
