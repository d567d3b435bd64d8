#!/usr/bin/python3
"""Writes the DOCX the reader benchmark and the python-docx agreement test read.

Usage: make_docx_fixture.py OUT.docx [SCALE]

A realistic self-evaluation report of about ten pages, made with python-docx: 100 paragraphs
of Chinese prose full of figures, and two tables of 40 rows by 6 columns (a 绩效指标 table
with merged 一级/二级指标 cells, and a 经费控制 table). Deterministic: the same file every run.
SCALE (default 1) repeats that body SCALE times under the one title: 20 gives a report of about
200 pages, for the growth and whole-process benchmarks (bench/compare_import.sh).
"""
import random
import sys

import docx

PHRASES = [
    "本年度部门整体支出预算执行情况良好", "全年预算数为127.10万元", "全年执行数为124.88万元",
    "预算执行率为98.25%", "较上年减少23.52万元", "主要原因是压减一般性支出",
    "三公经费支出与去年相比持平", "科普专项经费全部用于科普宣传活动", "开展科普活动≧8次",
    "受众人数达到2.5万人次", "群众满意度达到95%以上", "严格执行厉行节约各项规定",
    "政府采购金额为12.30万元", "公务用车运行维护费3.20万元", "办公费、水电费控制在预算以内",
]
LEVEL1 = ["产出指标", "效益指标", "满意度指标"]
LEVEL2 = ["重点工作任务完成", "履职目标实现", "履职效益", "社会公众满意度"]


def sentence(rng):
    return "，".join(rng.choice(PHRASES) for _ in range(rng.randint(4, 8))) + "。"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    scale = int(sys.argv[2]) if len(sys.argv) == 3 else 1
    rng = random.Random(2024)
    d = docx.Document()
    d.add_heading("零陵区科学技术协会2024年度部门整体支出绩效自评报告", 0)
    for _ in range(scale):
        add_body(d, rng)
    d.save(sys.argv[1])


def add_body(d, rng):
    for i in range(50):
        d.add_paragraph("".join(sentence(rng) for _ in range(2)))

    t = d.add_table(rows=40, cols=6)
    for c, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"]):
        t.cell(0, c).text = h
    for r in range(1, 40):
        t.cell(r, 2).text = "指标%d：%s" % (r, rng.choice(PHRASES))
        t.cell(r, 3).text = rng.choice(["≧8次", "≧2万人次", "100%", "95%", "较为认可"])
        t.cell(r, 4).text = "%d" % rng.randint(1, 30000)
        t.cell(r, 5).text = "%.1f" % rng.uniform(0, 10)
    # 一级指标 merged down in blocks of 13 rows, 二级指标 in blocks of 6 or 7.
    for start, end, name in [(1, 13, LEVEL1[0]), (14, 26, LEVEL1[1]), (27, 39, LEVEL1[2])]:
        t.cell(start, 0).merge(t.cell(end, 0)).text = name
        mid = start + 6
        t.cell(start, 1).merge(t.cell(mid - 1, 1)).text = rng.choice(LEVEL2)
        t.cell(mid, 1).merge(t.cell(end, 1)).text = rng.choice(LEVEL2)

    for i in range(25):
        d.add_paragraph("".join(sentence(rng) for _ in range(2)))

    t2 = d.add_table(rows=40, cols=6)
    t2.cell(0, 0).merge(t2.cell(0, 2)).text = "经费控制情况"
    t2.cell(0, 3).text = "上年决算数"
    t2.cell(0, 4).text = "本年预算数"
    t2.cell(0, 5).text = "本年决算数"
    for r in range(1, 40):
        t2.cell(r, 0).text = "%d" % r
        t2.cell(r, 1).merge(t2.cell(r, 2)).text = rng.choice(
            ["部门基本支出", "公用经费", "办公费", "三公经费", "公务接待", "项目支出小计"])
        for c in range(3, 6):
            t2.cell(r, c).text = "%.2f" % rng.uniform(0, 200)

    for i in range(25):
        d.add_paragraph("".join(sentence(rng) for _ in range(2)))


if __name__ == "__main__":
    main()
