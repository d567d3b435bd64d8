#!/usr/bin/python3
"""Writes N varied packages (JSON) for the benchmark of `jixiao review` (bench/review.sh).

Usage: make_review_packages.py OUT_DIR [--count N] [--seed S] [--dirty FRACTION] [--base FILE]

Every package starts from the bundled worked example (examples/lingling-kexie-2024-corrected.json,
which `check` finds no error or inconsistency in) and is varied by a seeded generator, so the
same arguments write the same bytes:

- the unit: a county-level district of Hunan × a department (科协, 林业局, 人民医院 …), its
  names replaced everywhere (unit, 自评表, cover, title, report prose); a unit code (county
  number + department number) names the file, `CODE-YEAR.json` (the package format has no
  field for a code);
- the fiscal year: 2024, or 2023 (every year written in the report moved back by one); about a
  third of the units hand in both years, so that the year-over-year signal (`year_jump`) has
  pairs to compare, and some of those pairs move a lot;
- the amounts: every money figure (tables and the 万元 figures of the report) multiplied by an
  integer factor, which keeps them exact decimal strings with their written decimals and keeps
  every sum, difference and rate of the example; then the 全年预算数 set anew (execution rates
  of 90–100 %, the 执行率, its score, the budget adjustment row, the total and the adjustment
  sentence of the report following it);
- the indicators: the actual values of the quantitative ones (at or above their targets) and
  the scores of the qualitative ones (80–100 % of their weight, as an achieved qualitative
  indicator may be scored), with the total score following them;
- a seeded fraction (`--dirty`, 0.25 by default) is then made inconsistent on purpose, one to
  three edits each: a figure changed in one place only (执行数, 执行率, 得分, 总分, a 三公 row,
  实有人数, a figure of the report), spending far below the budget, or a budget raised much with
  the report's words of an adjustment (调减 …) replaced — so that `review`'s risk signals fire.

The clean packages carry only the example's warnings and notes (and some overshoot warnings of
their own); `check` finds errors or inconsistencies only in the dirty ones.
"""
import argparse
import copy
import json
import os
import random
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(os.path.dirname(HERE), "examples", "lingling-kexie-2024-corrected.json")
BASE_YEAR = 2024

# City → its county-level districts (湖南省).
COUNTIES = {
    "长沙市": "芙蓉区 天心区 岳麓区 开福区 雨花区 望城区 长沙县 浏阳市 宁乡市",
    "株洲市": "荷塘区 芦淞区 石峰区 天元区 渌口区 攸县 茶陵县 炎陵县 醴陵市",
    "湘潭市": "雨湖区 岳塘区 湘潭县 湘乡市 韶山市",
    "衡阳市": "珠晖区 雁峰区 石鼓区 蒸湘区 南岳区 衡阳县 衡南县 衡山县 衡东县 祁东县 耒阳市 常宁市",
    "邵阳市": "双清区 大祥区 北塔区 新邵县 邵阳县 隆回县 洞口县 绥宁县 新宁县 城步苗族自治县 武冈市 邵东市",
    "岳阳市": "岳阳楼区 云溪区 君山区 岳阳县 华容县 湘阴县 平江县 汨罗市 临湘市",
    "常德市": "武陵区 鼎城区 安乡县 汉寿县 澧县 临澧县 桃源县 石门县 津市市",
    "张家界市": "永定区 武陵源区 慈利县 桑植县",
    "益阳市": "资阳区 赫山区 南县 桃江县 安化县 沅江市",
    "郴州市": "北湖区 苏仙区 桂阳县 宜章县 永兴县 嘉禾县 临武县 汝城县 桂东县 安仁县 资兴市",
    "永州市": "零陵区 冷水滩区 东安县 双牌县 道县 江永县 宁远县 蓝山县 新田县 江华瑶族自治县 祁阳市",
    "怀化市": "鹤城区 中方县 沅陵县 辰溪县 溆浦县 会同县 麻阳苗族自治县 新晃侗族自治县 芷江侗族自治县 "
              "靖州苗族侗族自治县 通道侗族自治县 洪江市",
    "娄底市": "娄星区 双峰县 新化县 冷水江市 涟源市",
    "湘西土家族苗族自治州": "吉首市 泸溪县 凤凰县 花垣县 保靖县 古丈县 永顺县 龙山县",
}
# Department: full name, short name (as the report names it after the county's 区/县/市).
DEPARTMENTS = [
    ("科学技术协会", "科协"), ("林业局", "林业局"), ("教育局", "教育局"), ("财政局", "财政局"),
    ("农业农村局", "农业农村局"), ("水利局", "水利局"), ("卫生健康局", "卫健局"), ("民政局", "民政局"),
    ("司法局", "司法局"), ("文化旅游广电体育局", "文旅广体局"), ("自然资源局", "自然资源局"),
    ("住房和城乡建设局", "住建局"), ("交通运输局", "交通运输局"), ("商务局", "商务局"),
    ("统计局", "统计局"), ("审计局", "审计局"), ("市场监督管理局", "市场监管局"),
    ("医疗保障局", "医保局"), ("退役军人事务局", "退役军人事务局"), ("应急管理局", "应急管理局"),
    ("人力资源和社会保障局", "人社局"), ("发展和改革局", "发改局"), ("工业和信息化局", "工信局"),
    ("科学技术局", "科技局"), ("档案馆", "档案馆"), ("妇女联合会", "妇联"), ("总工会", "总工会"),
    ("残疾人联合会", "残联"), ("工商业联合会", "工商联"), ("红十字会", "红十字会"),
    ("机关事务服务中心", "机关事务中心"), ("政务服务中心", "政务中心"), ("信访局", "信访局"),
    ("城市管理和综合执法局", "城管局"), ("第一中学", "一中"), ("第二中学", "二中"),
    ("第三中学", "三中"), ("实验小学", "实验小学"), ("人民医院", "人民医院"),
    ("中医医院", "中医院"), ("妇幼保健院", "妇幼保健院"), ("疾病预防控制中心", "疾控中心"),
    ("图书馆", "图书馆"), ("文化馆", "文化馆"), ("博物馆", "博物馆"), ("融媒体中心", "融媒体中心"),
    ("公共资源交易中心", "交易中心"), ("供销合作社联合社", "供销社"), ("气象局", "气象局"),
    ("地方志编纂室", "方志室"), ("机关幼儿园", "机关幼儿园"), ("职业中等专业学校", "职业中专"),
    ("党校", "党校"), ("科技馆", "科技馆"), ("农业技术推广中心", "农技中心"),
    ("畜牧水产事务中心", "畜牧水产中心"), ("林业综合执法大队", "林业执法大队"),
    ("城乡规划服务中心", "规划中心"), ("不动产登记中心", "不动产登记中心"),
    ("住房公积金管理部", "公积金管理部"), ("就业服务中心", "就业中心"),
    ("社会保险服务中心", "社保中心"), ("医疗保障事务中心", "医保中心"), ("殡葬管理所", "殡葬管理所"),
    ("救助管理站", "救助站"), ("社会福利院", "福利院"), ("水文水资源勘测中心", "水文中心"),
    ("农村经营服务站", "农经站"), ("国有林场", "国有林场"), ("乡村振兴服务中心", "乡村振兴中心"),
]

# Why a qualitative indicator lost points (the 偏差原因分析 a deduction asks for).
DEVIATIONS = [
    "部分工作受疫情和天气影响进度滞后，下一步加强统筹调度。",
    "宣传覆盖面不够广，下一步拓展线上线下宣传渠道。",
    "工作成效尚未完全显现，下一步加强跟踪问效。",
    "基层参与度不高，下一步完善激励机制。",
]

CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def dec(s):
    return Decimal(s)


def half_up(x, q):
    return x.quantize(q, rounding=ROUND_HALF_UP)


def walk_strings(node, fn):
    """Applies fn to every string value of a JSON tree, in place."""
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str):
                node[k] = fn(v, k)
            else:
                walk_strings(v, fn)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if isinstance(v, str):
                node[i] = fn(v, None)
            else:
                walk_strings(v, fn)


def units_list(rng, needed):
    combos = []
    ci = 0
    for city, counties in COUNTIES.items():
        for county in counties.split():
            ci += 1
            for di, (full, short) in enumerate(DEPARTMENTS):
                combos.append((f"43{ci:03d}{di + 1:03d}", city, county, full, short))
    if needed > len(combos):
        sys.exit(f"at most {len(combos)} units can be named; ask for fewer packages")
    rng.shuffle(combos)
    return combos[:needed]


def leaves(indicators):
    for ind in indicators:
        if ind.get("children"):
            yield from leaves(ind["children"])
        elif ind.get("name"):
            yield ind


def expense(rows, key):
    for r in rows:
        if r["key"] == key:
            return r
        found = expense(r.get("children", []), key)
        if found:
            return found
    return None


class Variant:
    """One package made from the base: unit, year, amounts, indicators; then maybe dirtied."""

    def __init__(self, base, rng):
        self.p = copy.deepcopy(base)
        self.rng = rng

    # -- the unit and the year --

    def rename(self, city, county, full, short):
        suffix = county[-1]          # 区, 县 or 市
        stem = county[:-1] if len(county) > 2 else county
        city_stem = city[:-1] if city.endswith("市") else city[:2]
        pairs = [
            ("永州市零陵区科学技术协会", city + county + full),
            ("永州市零陵区", city + county),
            ("零陵区科协", county + short),
            ("区科协", suffix + short),
            ("零陵区", county),
            ("零陵", stem),
            ("永州市", city),
            ("永州", city_stem),
        ]
        pattern = re.compile("|".join(re.escape(a) for a, _ in pairs))
        table = dict(pairs)
        walk_strings(self.p, lambda s, _k: pattern.sub(lambda m: table[m.group(0)], s))
        self.p["unit"]["name"] = city + county + full
        self.p["unit"]["short_name"] = suffix + short
        self.p["evaluation"]["unit_name"] = city + county + full

    def set_year(self, year):
        shift = year - BASE_YEAR
        self.p["fiscal_year"] = year
        if shift:
            moved = re.compile(r"20[0-9]{2}(?=年)")
            walk_strings(self.p["report"],
                         lambda s, _k: moved.sub(lambda m: str(int(m.group(0)) + shift), s))
        cover = self.p["report"]["cover"]
        cover["date"] = f"{year + 1}年{self.rng.randint(3, 7)}月{self.rng.randint(1, 28)}日"

    # -- the amounts --

    def scale(self, factor):
        """Every money figure × an integer factor: exact, and every sum and rate is kept."""
        def times(s):
            if s is None or s == "n/a":
                return s
            return str(dec(s) * factor)

        def scale_rows(rows):
            for r in rows:
                for col, v in r["values"].items():
                    r["values"][col] = times(v)
                scale_rows(r.get("children", []))
        scale_rows(self.p["basic_data"]["expenses"])
        funds = self.p["evaluation"]["funds"]
        for k in ("initial_budget", "full_year_budget", "executed", "general_public",
                  "government_fund", "special_account", "other_funds", "basic", "project"):
            funds[k] = times(funds[k])
        money = re.compile(r"([0-9]+(?:\.[0-9]+)?)(?=万元)")
        walk_strings(self.p["report"], lambda s, _k: money.sub(lambda m: times(m.group(1)), s))

    def set_budget(self, rate_low, rate_high):
        """A new 全年预算数 giving an execution rate in [rate_low, rate_high] %, with what follows
        from it: 执行率, its score, the basic row's budget, the adjustment row and sentence."""
        funds = self.p["evaluation"]["funds"]
        executed, initial = dec(funds["executed"]), dec(funds["initial_budget"])
        old_budget = funds["full_year_budget"]
        old_cut = str(initial - dec(old_budget))
        rate = Decimal(self.rng.randint(int(rate_low * 100), int(rate_high * 100))) / 100
        budget = half_up(executed * 100 / rate, CENT)
        budget = min(max(budget, executed), initial)
        exact = executed * 100 / budget
        funds["full_year_budget"] = str(budget)
        funds["execution_rate"] = str(half_up(exact, CENT))
        weight = dec(funds["weight"])
        funds["score"] = str(half_up(weight * min(exact, Decimal(100)) / 100, TENTH))
        rows = self.p["basic_data"]["expenses"]
        expense(rows, "basic")["values"]["budget"] = str(budget)
        adjustment = expense(rows, "basic_adjustment")["values"]
        adjustment["budget"] = adjustment["final"] = str(budget - initial)
        cut = str(initial - budget)
        walk_strings(self.p["report"], lambda s, _k: s.replace(
            f"调减为{old_budget}万元，减少{old_cut}万元", f"调减为{budget}万元，减少{cut}万元"))

    # -- the indicators --

    def vary_indicators(self):
        rng = self.rng
        for leaf in leaves(self.p["evaluation"]["indicators"]):
            target, actual = leaf.get("target", ""), leaf.get("actual", "")
            weight = dec(leaf["weight"]) if leaf.get("weight") else None
            if target.startswith("≧") and target.endswith("次") and "万" not in target:
                # The report counts them: 志愿服务活动 a 场次 and 讲座 b 场次.
                a, b = rng.randint(4, 20), rng.randint(4, 20)
                walk_strings(self.p["report"], lambda s, _k: s.replace(
                    "科普志愿服务活动13场次、科普讲座16场次",
                    f"科普志愿服务活动{a}场次、科普讲座{b}场次"))
                leaf["actual"] = str(a + b)
            elif "万人次" in target:
                leaf["actual"] = str(rng.randint(20000, 30000))
            elif target.endswith("项"):
                leaf["actual"] = str(rng.randint(1, 6))
            elif target == "95%":
                leaf["actual"] = f"{rng.randint(95, 100)}%"
            elif weight is not None and target and target == actual and not re.search(r"[0-9]", target):
                # A qualitative indicator achieved: 80–100 % of its weight, in half points.
                steps = int(weight * Decimal("0.2") * 2)
                cut = rng.randint(0, steps)
                leaf["score"] = format((weight - Decimal(cut) / 2).normalize(), "f")
                if cut:
                    leaf["deviation"] = rng.choice(DEVIATIONS)
        self.retotal()

    def retotal(self):
        ev = self.p["evaluation"]
        total = sum((dec(l["score"]) for l in leaves(ev["indicators"]) if l.get("score")),
                    Decimal(0)) + dec(ev["funds"]["score"])
        ev["total_score"] = str(total)

    # -- inconsistencies on purpose --

    def dirty(self, edits):
        rng = self.rng
        ev, funds = self.p["evaluation"], self.p["evaluation"]["funds"]
        rows = self.p["basic_data"]["expenses"]
        made = []
        for kind in rng.sample(EDITS, edits):
            if kind == "executed":
                funds["executed"] = str(dec(funds["executed"]) + Decimal(rng.randint(1, 500)) / 100)
            elif kind == "rate":
                funds["execution_rate"] = str(dec(funds["execution_rate"]) - Decimal(rng.randint(50, 300)) / 100)
            elif kind == "funds_score":
                funds["score"] = str(dec(funds["weight"]))
            elif kind == "total":
                ev["total_score"] = str(dec(ev["total_score"]) + Decimal(rng.randint(5, 50)) / 10)
            elif kind == "leaf_score":
                leaf = rng.choice([l for l in leaves(ev["indicators"]) if l.get("weight")])
                leaf["score"] = str(dec(leaf["weight"]) + rng.randint(1, 5))
            elif kind == "three_public":
                row = expense(rows, "reception")["values"]
                row["final"] = str(dec(row["final"]) + Decimal(rng.randint(1, 90)) / 100)
            elif kind == "staffing":
                st = self.p["basic_data"]["staffing"]
                st["total_actual"] = str(int(st["total_actual"]) + rng.randint(1, 5))
            elif kind == "report_figure":
                text = self.p["report"]["sections"][0]["subsections"][1]
                text["text"] = text["text"].replace(
                    f"决算均为{funds['executed']}万元",
                    f"决算均为{dec(funds['executed']) + rng.randint(1, 20)}万元", 1)
            elif kind == "spent_little":
                # Spending far under the budget, written in the 自评表 only.
                budget = dec(funds["full_year_budget"])
                executed = half_up(budget * rng.randint(50, 79) / 100, CENT)
                exact = executed * 100 / budget
                funds["executed"] = str(executed)
                funds["execution_rate"] = str(half_up(exact, CENT))
                funds["score"] = str(half_up(dec(funds["weight"]) * exact / 100, TENTH))
                self.retotal()
            elif kind == "silent_adjustment":
                # The initial budget raised much, and no word of an adjustment left in the report.
                funds["initial_budget"] = str(half_up(dec(funds["initial_budget"]) * rng.randint(130, 160) / 100, CENT))
                words = re.compile("调减|调增|调整|追加|调剂")
                walk_strings(self.p["report"], lambda s, _k: words.sub("变动", s))
            made.append(kind)
        return made


EDITS = ["executed", "rate", "funds_score", "total", "leaf_score", "three_public", "staffing",
         "report_figure", "spent_little", "silent_adjustment"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--dirty", type=float, default=0.25)
    ap.add_argument("--base", default=BASE)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with open(args.base, encoding="utf-8") as f:
        base = json.load(f)

    # Units: about a third hand in two years (2023 and 2024); the others 2024 (four in five) or 2023.
    plan = []   # the years of each unit
    planned = 0
    while planned < args.count:
        if args.count - planned >= 2 and rng.random() < 0.35:
            years = [BASE_YEAR - 1, BASE_YEAR]
        else:
            years = [BASE_YEAR if rng.random() < 0.8 else BASE_YEAR - 1]
        plan.append(years)
        planned += len(years)
    units = units_list(rng, len(plan))

    os.makedirs(args.out_dir, exist_ok=True)
    counts = {"clean": 0, "dirty": 0, "two_years": 0}
    for years, (code, city, county, full, short) in zip(plan, units):
        factor = rng.randint(1, 40)
        jump = len(years) == 2 and rng.random() < 0.3
        counts["two_years"] += len(years) == 2
        for k, year in enumerate(years):
            v = Variant(base, rng)
            v.rename(city, county, full, short)
            v.set_year(year)
            # The second year of a jumping unit spends twice or three times the first, or a third.
            f = factor
            if jump and k == 1:
                f = factor * rng.choice([2, 3]) if factor < 20 else max(1, factor // 3)
            v.scale(f)
            v.set_budget(Decimal(90), Decimal(100))
            v.vary_indicators()
            if rng.random() < args.dirty:
                v.dirty(rng.randint(1, 3))
                counts["dirty"] += 1
            else:
                counts["clean"] += 1
            path = os.path.join(args.out_dir, f"{code}-{year}.json")
            with open(path, "w", encoding="utf-8") as out:
                json.dump(v.p, out, ensure_ascii=False, indent=2)
                out.write("\n")
    print(f"{args.count} packages in {args.out_dir}: {counts['clean']} clean, {counts['dirty']} "
          f"made inconsistent; {len(plan)} units, {counts['two_years']} of them with two years",
          file=sys.stderr)


if __name__ == "__main__":
    main()
