// A whole package flattened to text as Word's "save as text" leaves it (the seed's layout:
// a tab starts a cell, an empty line ends a row), written for jixiao's tests and benchmarks —
// a made-up unit, our own prose — and the same package grown to any size by repeating its
// table rows and report paragraphs, as a large real file grows (more projects, more
// indicators, longer sections).
//
// No test framework needed: the import benchmark (bench/import_text_bench.cc) includes it too.
#pragma once

#include <cstddef>
#include <string>

namespace jixiao::testing {

// The package's parts, in document order. kPackageText is their concatenation.
inline constexpr const char* kPackageTextTables =
    "附件1 2023年度部门整体支出绩效评价基础数据表\n"
    "\t财政供养人员情况（人）\n\t编制数\n\t2023年实际在职人数\n\t控制率\n\n"
    "\t\n\t12\n\t11\n\t91.67%\n\n"
    "\t经费控制情况（万元）\n\t2022年决算数\n\t2023年预算数\n\t2023年决算数\n\n"
    "\t一、部门基本支出\n\t210.40\n\t220.00\n\t215.30\n\n"
    "\t其中：公用经费\n\t30.10\n\t31.00\n\t29.80\n\n"
    "\t三公经费\n\t1.20\n\t1.10\n\t1.05\n\n"
    "\t      3.公务接待\n\t1.20\n\t1.10\n\t1.05\n\n"
    "\t二、项目支出小计\n\t40.00\n\t42.00\n\t41.50\n\n";

// One project row of the expense table (repeated by RepeatedPackageText).
inline constexpr const char* kPackageTextProjectRow =
    "\t  1.群众文化活动专项经费\n\t20.00\n\t21.00\n\t20.75\n\n";

inline constexpr const char* kPackageTextMiddle =
    "\t政府采购金额\n\t——\n\t　\n\t　\n\n"
    "\n2023年度部门整体支出绩效自评表\n"
    "\t区级预算部门名称\n\t某县文化馆\n\n"
    "\t年度预\n算申请\n（万元）\n\t\n\t年初预算数\n\t全年预算数\n\t全年执行数\n\t分值\n\t执行率\n"
    "\t得分\n\n"
    "\t\n\t年度资金总额\n\t262.00\n\t258.00\n\t256.80\n\t10\n\t99.53\n\t9.95\n\n"
    "\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n"
    "\t偏差原因分析及改进措施\n\n"
    "\t产出指标（50分）\n\t重点工作任务完成\n\t举办公益展览\n\t≧6次\n\t7次\n\t25\n\t25\n\t　\n\n";

// One indicator row of the 自评表 (repeated).
inline constexpr const char* kPackageTextIndicatorRow =
    "\t\n\t\n\t开展文化下乡演出\n\t≧20场\n\t22场\n\t5\n\t5\n\t　\n\n";

inline constexpr const char* kPackageTextEnd =
    "\t效益指标（40分）\n\t满意度\n\t群众满意度\n\t≧90%\n\t95%\n\t40\n\t40\n\t　\n\n"
    "\t总分\n\t100\n\t99.95\n"
    " 2023年度某县文化馆整体支出绩效自评报告\n"
    "单位名称：某县文化馆\n"
    "2024年4月2日\n"
    "一、基本情况\n"
    "（一）单位基本情况\n"
    "县文化馆为公益一类事业单位，核定编制12名，实有干部职工15人，其中在职人员11人，退休人员4人。\n";

// One paragraph of report prose (repeated into every section).
inline constexpr const char* kPackageTextParagraph =
    "本年度共举办公益展览7次、文化下乡演出22场，服务群众3.2万人次；全年执行数256.80万元，"
    "较上年增加5.20万元，主要是群众文化活动专项经费增加。\n";

inline constexpr const char* kPackageTextSections[] = {
    "二、一般公共预算支出情况\n",
    "三、政府性基金预算支出情况\n我单位无政府性基金预算支出。\n",
    "四、国有资本经营预算支出情况\n我单位无国有资本经营预算支出。\n",
    "五、社会保险基金预算支出情况\n我单位无社会保险基金预算支出。\n",
    "六、部门整体支出绩效情况\n",
    "七、存在的问题及原因分析\n",
    "八、下一步改进措施\n",
    "九、部门整体支出绩效自评结果拟应用和公开情况\n自评结果在县文化馆门户网站公开。\n",
    "十、其他需要说明的情况\n",
};

// The package as it is: one project row, one extra indicator row, one paragraph per section.
inline std::string PackageText() {
  std::string text = kPackageTextTables;
  text += kPackageTextProjectRow;
  text += kPackageTextMiddle;
  text += kPackageTextIndicatorRow;
  text += kPackageTextEnd;
  text += kPackageTextParagraph;
  for (const char* section : kPackageTextSections) {
    text += section;
    text += kPackageTextParagraph;
  }
  return text;
}

// The package grown to at least `bytes` bytes: about a tenth of the growth is project rows, a
// tenth indicator rows, the rest report paragraphs spread over the ten sections (so every
// section is long) or, with `one_section`, all in the first section. Deterministic.
inline std::string RepeatedPackageText(size_t bytes, bool one_section = false) {
  const std::string base = PackageText();
  const size_t grow = bytes > base.size() ? bytes - base.size() : 0;
  const std::string project = kPackageTextProjectRow;
  const std::string indicator = kPackageTextIndicatorRow;
  const std::string paragraph = kPackageTextParagraph;
  const size_t projects = grow / 10 / project.size() + 1;
  const size_t indicators = grow / 10 / indicator.size() + 1;
  const size_t per_section = (grow * 8 / 10) / paragraph.size() / 10 + 1;
  const size_t first_section = one_section ? per_section * 10 : per_section;
  const size_t other_sections = one_section ? 1 : per_section;
  std::string text;
  text.reserve(bytes + 4096);
  text += kPackageTextTables;
  for (size_t i = 0; i < projects; ++i) text += project;
  text += kPackageTextMiddle;
  for (size_t i = 0; i < indicators; ++i) text += indicator;
  text += kPackageTextEnd;
  for (size_t i = 0; i < first_section; ++i) text += paragraph;
  for (const char* section : kPackageTextSections) {
    text += section;
    for (size_t i = 0; i < other_sections; ++i) text += paragraph;
  }
  while (text.size() < bytes) text += paragraph;  // the last section makes up the rest
  return text;
}

}  // namespace jixiao::testing
