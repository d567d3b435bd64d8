#!/usr/bin/python3
"""Rebuilds as Word files the two 项目支出绩效自评表 (2022年度) of 池州市贵池区棠溪镇人民政府 that the
corpus holds as flattened text (anhui-tangxi-weituo-2022-project.txt,
anhui-tangxi-cunji-2022-project.txt): the page shows they were DOCX files made with WPS (their
document properties come first in the text). The table is the 安徽 project form as the text
gives it, cell by cell, with the merges such forms have (项目资金 down four rows, 年度资金总额's
label across two columns, 绩效指标 down the indicator rows, the 一级 and 二级 labels down their
rows); it stops where the stored page stops (the last row is cut inside its third cell). The
goals are in our own words, as in the text files; every figure is the page's.

Usage: make_tangxi_docx.py [OUTDIR]   (default: the folder of this script)

Writes OUTDIR/anhui-tangxi-weituo-2022-project-word.docx and
OUTDIR/anhui-tangxi-cunji-2022-project-word.docx. The output is committed; run this again only
to change it.
"""
import datetime
import os
import sys

import docx

UNIT = "219-池州市贵池区棠溪镇人民政府"
IMPL = "219001-池州市贵池区棠溪镇人民政府"

WEITUO = {
    "name": "委托业务项目",
    "funds": [("年度资金总额:", "0", "0", "0", "10", "0", "0"),
              ("其中:本年财政拨款", "90", "89.974", "89.974", "", "", ""),
              ("上年结转资金", "", "", "", "", "", ""),
              ("其他资金", "", "", "", "", "", "")],
    "planned": "项目计划使用预算资金90万元:基建工程项目预算编制30万元,基建工程项目审计30万元,"
               "基建工程项目设计、规划、测绘30万元。",
    "achieved": "项目实际使用预算资金89.97万元:基建工程项目预算编制30万元,基建工程项目审计30万元,"
                "基建工程项目设计、规划、测绘29.99万元。",
    # (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分)
    "indicators": [
        ("产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", "8", "8"),
        ("产出指标(50分)", "质量指标", "委托业务报告合格率", "≥100百分比", "100", "8", "8"),
        ("产出指标(50分)", "质量指标", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", "8", "8"),
        ("产出指标(50分)", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "达成预期指标", "8", "8"),
        ("产出指标(50分)", "成本指标", "项目总成本", "≤90万元", "90", "8", "8"),
        ("产出指标(50分)", "成本指标", "单项业务成本", "符合相关规定", "达成预期指标", "10", "10"),
        ("效益指标(30分)", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显", "达成预期指标", "10", "10"),
        ("效益指标(30分)", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", "达成预期指标", "10", "10"),
        ("效益指标(30分)", "可持续影响指标", "对推动基建项目“四项制度”健全和落实的持续性影响", "效果明显",
         "达成预期指标", "10", "10"),
        ("效益指标(30分)", "经济效益指标", "", "", "", "", ""),
        ("满意度指标(10分)", "满意度指标", "公众满", None, None, None, None),
    ],
}

CUNJI = {
    "name": "村级补助及运转经费",
    "funds": [("年度资金总额:", "0", "0", "0", "10", "0", "0"),
              ("其中:本年财政拨款", "202.64", "132.912", "132.912", "", "", ""),
              ("上年结转资金", "", "", "", "", "", ""),
              ("其他资金", "", "", "", "", "", "")],
    "planned": "项目申请预算资金2026400元,用于:村级组织运转400000元,村民组长、党小组长基本报酬252000元,"
               "村民监督委员会工资28000元,村级事务补助960000元,村级工作目标奖励100000元。",
    "achieved": "项目实际使用预算资金1329120.67元,用于:村级组织运转439120.67元,村民组长、党小组长基本报酬"
                "152000元,村民监督委员会工资28000元,村级事务补助660000元,村级工作目标奖励50000元。",
    "indicators": [
        ("产出指标(50分)", "数量指标", "补助村(社区)数量", "=8个", "8", "8", "8"),
        ("产出指标(50分)", "数量指标", "保障村干部人数", "=42个", "42", "8", "8"),
        ("产出指标(50分)", "质量指标", "补助资格合规性", "合规", "达成预期指标", "8", "8"),
        ("产出指标(50分)", "质量指标", "经费审批流程规范性", "严格执行相关制度规定", "达成预期指标", "8", "8"),
        ("产出指标(50分)", "时效指标", "补助经费到位及时性", "及时", "达成预期指标", "8", "8"),
        ("产出指标(50分)", "成本指标", "项目总成本", "≤202.6万元", "132.9", "10", "10"),
        ("效益指标(30分)", "经济效益指标", "对保障村(社区)两委机构正常运行的影响程度", "效果明显", "达成预期指标",
         "10", "10"),
        ("效益指标(30分)", "社会效益指标", "提高村(社区)干部工作积极性的影响程度", "效果明显", "达成预期指标",
         "10", "10"),
        ("效益指标(30分)", "可持续影响", None, None, None, None, None),
    ],
}

COLS = 9  # 绩效指标 | 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施


def merge_down(table, col, first, last, text):
    """Merges column `col` from row `first` to `last` and writes `text` once."""
    cell = table.cell(first, col).merge(table.cell(last, col)) if last > first else table.cell(first, col)
    cell.text = text


def build(spec, path):
    d = docx.Document()
    props = d.core_properties
    props.author = "安福全"
    props.last_modified_by = "zlnb210061"
    props.revision = 1
    props.created = datetime.datetime(2019, 5, 22, 4, 56, 35)
    props.modified = datetime.datetime(2022, 5, 16, 6, 53, 23)
    d.add_paragraph("附件:")
    d.add_paragraph("项目支出绩效自评表")
    d.add_paragraph("(2022年度)")

    indicators = spec["indicators"]
    rows = 2 + 1 + 4 + 2 + 1 + len(indicators)
    t = d.add_table(rows=rows, cols=COLS)
    t.style = "Table Grid"
    r = 0
    t.cell(r, 0).merge(t.cell(r, 1)).text = "项目名称"
    t.cell(r, 2).merge(t.cell(r, COLS - 1)).text = spec["name"]
    r += 1
    t.cell(r, 0).merge(t.cell(r, 1)).text = "主管部门"
    t.cell(r, 2).merge(t.cell(r, 4)).text = UNIT
    t.cell(r, 5).text = "实施单位"
    t.cell(r, 6).merge(t.cell(r, COLS - 1)).text = IMPL
    r += 1
    # 项目资金 (万元): a header row and four rows of funds, the label merged down the five rows.
    merge_down(t, 0, r, r + 4, "项目资金\n(万元)")
    t.cell(r, 1).merge(t.cell(r, 2)).text = ""
    for i, head in enumerate(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        t.cell(r, 3 + i).text = head
    r += 1
    for label, *values in spec["funds"]:
        t.cell(r, 1).merge(t.cell(r, 2)).text = label
        for i, v in enumerate(values):
            t.cell(r, 3 + i).text = v
        r += 1
    merge_down(t, 0, r, r + 1, "年度总体目标")
    t.cell(r, 1).merge(t.cell(r, 4)).text = "预期目标"
    t.cell(r, 5).merge(t.cell(r, COLS - 1)).text = "实际完成情况"
    r += 1
    t.cell(r, 1).merge(t.cell(r, 4)).text = spec["planned"]
    t.cell(r, 5).merge(t.cell(r, COLS - 1)).text = spec["achieved"]
    r += 1
    first_indicator_row = r
    for i, head in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                              "偏差原因分析及改进措施"]):
        t.cell(r, 1 + i).text = head
    r += 1
    # Indicator rows; the 一级 and 二级 labels merged down the rows they head.
    start = r
    for level in (1, 2):
        run_start = start
        for k in range(len(indicators) + 1):
            key = indicators[k][:level] if k < len(indicators) else None
            if k > 0 and (k == len(indicators) or key != indicators[k - 1][:level]):
                merge_down(t, level, run_start, start + k - 1, indicators[k - 1][level - 1])
                run_start = start + k
    for k, (_, _, third, target, actual, weight, score) in enumerate(indicators):
        row = start + k
        for col, value in ((3, third), (4, target), (5, actual), (6, weight), (7, score)):
            if value is not None:
                t.cell(row, col).text = value
    merge_down(t, 0, first_indicator_row, rows - 1, "绩效指标")
    d.save(path)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    build(WEITUO, os.path.join(out, "anhui-tangxi-weituo-2022-project-word.docx"))
    build(CUNJI, os.path.join(out, "anhui-tangxi-cunji-2022-project-word.docx"))


if __name__ == "__main__":
    main()
