#!/usr/bin/env python
"""Build fixture PDFs of the nine standard tables (部门决算公开报表) of 商务厅 2024.

Run from the repository root::

    .venv/bin/python scripts/make_standard_table_fixtures.py            # build + check
    .venv/bin/python scripts/make_standard_table_fixtures.py --check-only

The tables are made the way departments make them: an Excel workbook (openpyxl, one sheet per
table, ruled cells, WenQuanYi Zen Hei) exported to PDF by ``libreoffice --headless
--convert-to pdf``. Needs (Debian): ``apt-get install -y libreoffice-calc fonts-wqy-zenhei`` and
``.venv/bin/pip install openpyxl``.

Output, in ``tests/fixtures/standard_tables/``:

``standard_tables_wan.pdf``      the nine tables, 单位：万元, ``公开01表`` … ``公开09表``, one 科目编码
                                 column (2011301), one table per page.
``standard_tables_yuan.pdf``     the same figures ×10000, 单位：元, titles in 《》, ``表一`` … ``表九``,
                                 科目编码 in three columns 类/款/项 ("201" "13" "01"), 三公 table
                                 printed vertically; 支出决算表 runs over two pages with its
                                 heading rows repeated.
``standard_tables_altered.pdf``  the 万元 workbook with ONE printed cell changed: table 5, line
                                 2011301 行政运行, 小计 3,275.10 -> 3,285.10.
``expected.json``                the truth: every table as printed (written from the same data
                                 structure the sheets are built from).

With ``--layouts-only`` (also part of a full build): every variant (wan, yuan, national, blocks3,
funds; see the fixtures' README) as ``.xlsx``, ``.xls`` (saved by LibreOffice), PDF by LibreOffice
and by reportlab, and ``<stem>.facts.json`` with every printed figure's expected label.

All figures agree with the narrative of data/raw/004_5fc9b849d2858d9d.txt (商务厅 2024年度部门
决算公开说明); see the README beside the fixtures for the rounding differences that the narrative
itself forces.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from pipelines.text_patterns import TITLES as STANDARD_TITLES  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "standard_tables"
FONT = "WenQuanYi Zen Hei"
FONT_FILES = ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"]
DEPARTMENT = "新疆维吾尔自治区商务厅"
YEAR = 2024
CENT = Decimal("0.01")


def D(text: str | int) -> Decimal:
    return Decimal(str(text)).quantize(CENT)


ZERO = D(0)

# ============================================================================================
# 1. The figures (万元), all from or consistent with seed 004's narrative
# ============================================================================================

# 支出功能分类科目 (2024 政府收支分类科目). 2080699 and 2220403 are from memory of the 2024
# classification (see README); the others are certain.
FUNC_NAMES = {
    "201": "一般公共服务支出",
    "20113": "商贸事务",
    "2011301": "行政运行",
    "2011303": "机关服务",
    "2011308": "招商引资",
    "2011350": "事业运行",
    "2011399": "其他商贸事务支出",
    "205": "教育支出",
    "20503": "职业教育",
    "2050302": "中等职业教育",
    "2050303": "技校教育",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "20806": "企业改革补助",
    "2080699": "其他企业改革发展补助",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "216": "商业服务业等支出",
    "21602": "商业流通事务",
    "2160299": "其他商业流通事务支出",
    "21699": "其他商业服务业等支出",
    "2169999": "其他商业服务业等支出",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "222": "粮油物资储备支出",
    "22204": "重要商品储备",
    "2220403": "肉类储备",
    "224": "灾害防治及应急管理支出",
    "22401": "应急管理事务",
    "2240106": "安全监管",
    # invented lines of the "funds" fixture (tables 7 and 8 with figures)
    "223": "国有资本经营预算支出",
    "22301": "解决历史遗留问题及改革成本支出",
    "2230105": "国有企业退休人员社会化管理补助支出",
    "229": "其他支出",
    "22960": "彩票公益金安排的支出",
    "2296002": "用于社会福利的彩票公益金支出",
    "2296003": "用于体育事业的彩票公益金支出",
}

# The 20 项 lines of narrative 五（三）: code -> (支出决算数, of which 基本支出). 项目支出 = rest.
T5_LINES = {
    "2011301": ("3275.10", "3275.10"),
    "2011303": ("479.51", "371.83"),
    "2011308": ("778.59", "0"),
    "2011350": ("1053.70", "1053.70"),
    "2011399": ("7047.84", "0"),
    "2050302": ("1920.90", "1602.35"),
    "2050303": ("379.26", "0"),
    "2080501": ("817.00", "817.00"),
    "2080502": ("74.59", "74.59"),
    "2080505": ("476.87", "476.87"),
    "2080506": ("126.15", "126.15"),
    "2080699": ("6.59", "0"),
    "2101101": ("163.75", "163.75"),
    "2101102": ("75.54", "75.54"),
    "2101103": ("190.22", "190.22"),
    "2160299": ("99.92", "0"),
    "2169999": ("45.83", "0"),
    "2210201": ("375.96", "375.96"),
    "2220403": ("686.13", "0"),
    "2240106": ("5.00", "0"),
}

# narrative 五（二）: 类 totals
NARRATIVE_CLASS = {
    "201": D("12634.73"),
    "205": D("2300.16"),
    "208": D("1501.20"),
    "210": D("429.51"),
    "216": D("145.75"),
    "221": D("375.96"),
    "222": D("686.13"),
    "224": D("5.00"),
}

N = {  # narrative totals
    "收入总计": D("19191.97"),
    "本年收入合计": D("19118.04"),
    "财政拨款收入": D("18380.13"),
    "其他收入": D("737.91"),
    "使用非财政拨款结余": ZERO,
    "年初结转和结余": D("73.93"),
    "支出总计": D("19191.97"),
    "本年支出合计": D("18751.58"),
    "结余分配": D("28.38"),
    "年末结转和结余": D("412.01"),
    "基本支出": D("8779.08"),
    "项目支出": D("9972.51"),
    "财政拨款收入支出总计": D("18450.07"),
    "年初财政拨款结转和结余": D("69.94"),
    "本年财政拨款支出": D("18078.44"),
    "年末财政拨款结转和结余": D("371.64"),
    "一般公共预算财政拨款支出": D("18078.44"),
    "一般公共预算财政拨款基本支出": D("8603.06"),
    "人员经费": D("7410.26"),
    "公用经费": D("1192.80"),
    "三公合计": D("124.03"),
    "因公出国（境）费": D("59.30"),
    "公务用车购置及运行费": D("62.73"),
    "公务用车购置费": ZERO,
    "公务用车运行费": D("62.73"),
    "公务接待费": D("2.00"),
}

# Non-fiscal (其他收入) money: 机关服务中心 rent income. Spending: 基本 on 2011303, 项目 on 2011399.
NONFISCAL_BASIC = {"2011303": D("176.02")}  # 8779.08 - 8603.06
NONFISCAL_PROJECT = {"2011399": D("497.13")}  # 9972.51 - 9475.38
OTHER_INCOME = {"2011303": D("240.78"), "2011399": D("497.13")}  # = 737.91
# 财政拨款收入 by line = spending, except 2011399 which also carries the carry-over movement
# (年末 371.64 - 年初 69.94 = 301.70, less 0.02 so that the lines add to 18,380.13 exactly).
FISCAL_INCOME_ADJUST = {"2011399": D("301.68")}

# 经济分类科目 of 一般公共预算财政拨款基本支出: code -> (name, 人员经费, 公用经费)
ECON_NAMES = {
    "301": "工资福利支出",
    "302": "商品和服务支出",
    "303": "对个人和家庭的补助",
    "310": "资本性支出",
}
T6_LINES = [
    ("30101", "基本工资", "1356.48", None),
    ("30102", "津贴补贴", "2012.37", None),
    ("30103", "奖金", "412.66", None),
    ("30107", "绩效工资", "1105.20", None),
    ("30108", "机关事业单位基本养老保险缴费", "476.87", None),
    ("30109", "职业年金缴费", "126.15", None),
    ("30110", "职工基本医疗保险缴费", "239.29", None),
    ("30111", "公务员医疗补助缴费", "190.22", None),
    ("30112", "其他社会保障缴费", "42.18", None),
    ("30113", "住房公积金", "375.96", None),
    ("30199", "其他工资福利支出", "150.34", None),
    ("30201", "办公费", None, "168.42"),
    ("30204", "手续费", None, "1.26"),
    ("30205", "水费", None, "18.35"),
    ("30206", "电费", None, "64.71"),
    ("30207", "邮电费", None, "32.18"),
    ("30208", "取暖费", None, "96.40"),
    ("30209", "物业管理费", None, "152.63"),
    ("30211", "差旅费", None, "88.95"),
    ("30213", "维修（护）费", None, "45.27"),
    ("30216", "培训费", None, "6.80"),
    ("30217", "公务接待费", None, "2.00"),
    ("30218", "专用材料费", None, "12.44"),
    ("30226", "劳务费", None, "28.90"),
    ("30227", "委托业务费", None, "35.60"),
    ("30228", "工会经费", None, "78.52"),
    ("30229", "福利费", None, "63.10"),
    ("30231", "公务用车运行维护费", None, "62.73"),
    ("30239", "其他交通费用", None, "120.35"),
    ("30299", "其他商品和服务支出", None, "104.31"),
    ("30301", "离休费", "96.52", None),
    ("30302", "退休费", "795.07", None),
    ("30304", "抚恤金", "18.60", None),
    ("30399", "其他对个人和家庭的补助", "12.35", None),
    ("31003", "专用设备购置", None, "9.88"),
]

# The 类 of the 2024 支出功能分类 printed on the 支出 side of tables 1 and 4.
ALL_CLASSES = [
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("234", "抗疫特别国债安排的支出"),
]

CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


# --------------------------------------------------------------------------------------------
# Hierarchical 科目 rows: 类 -> 款 -> 项, aggregates = sums of children unless overridden.


def hierarchy(
    lines: Mapping[str, Mapping[str, Decimal | None]],
    columns: list[str],
    overrides: dict[str, dict[str, Decimal]] | None = None,
    balance: str | None = None,
) -> list[dict]:
    """``lines``: 项 code -> {column: value}. Returns ordered rows 类, 款, 项… with each
    aggregate the exact sum of its children, except the codes in ``overrides`` whose given
    columns are set as printed and whose ``balance`` column is then total - the other columns
    (the narrative's own rounding, see README)."""
    overrides = overrides or {}
    codes = sorted(lines)
    out: list[dict] = []
    for cls in sorted({c[:3] for c in codes}):
        cls_rows = []
        for kuan in sorted({c[:5] for c in codes if c.startswith(cls)}):
            items = [c for c in codes if c.startswith(kuan)]
            item_rows = [{"code": c, "name": FUNC_NAMES[c], "level": "项", "values": dict(lines[c])} for c in items]
            cls_rows.append(aggregate(kuan, "款", item_rows, columns, overrides, balance))
            cls_rows.extend(item_rows)
        kuan_rows = [r for r in cls_rows if r["level"] == "款"]
        out.append(aggregate(cls, "类", kuan_rows, columns, overrides, balance))
        out.extend(cls_rows)
    return out


def aggregate(code, level, children, columns, overrides, balance):
    values: dict[str, Any] = {}
    for col in columns:
        vals = [r["values"].get(col) for r in children]
        values[col] = sum(v for v in vals if v is not None) if any(v is not None for v in vals) else None
    if code in overrides:
        values.update(overrides[code])
        if balance:
            total = values[columns[0]]
            values[balance] = total - sum(values[c] or ZERO for c in columns[1:] if c != balance)
    return {"code": code, "name": FUNC_NAMES[code], "level": level, "values": values}


def total_row(rows, columns, name="合计"):
    classes = [r for r in rows if r["level"] == "类"]
    values = {c: sum((r["values"].get(c) or ZERO) for r in classes) for c in columns}
    return {"code": None, "name": name, "level": "合计", "values": values}


def build_figures() -> dict:
    """The nine tables as logical data, amounts in 万元 (Decimal). Also checks every identity."""
    t: dict[int, dict[str, Any]] = {}
    # ---- table 5: 一般公共预算财政拨款支出决算表
    cols5 = ["小计", "基本支出", "项目支出"]
    lines5 = {c: {"小计": D(a), "基本支出": D(b), "项目支出": D(a) - D(b)} for c, (a, b) in T5_LINES.items()}
    fix = {"小计": NARRATIVE_CLASS["201"]}  # 项 of 20113 add to 12,634.74; narrative prints 12,634.73
    rows5 = hierarchy(lines5, cols5, {"20113": fix, "201": fix}, balance="项目支出")
    total5 = total_row(rows5, cols5)
    t[5] = {"columns": cols5, "total": total5, "rows": rows5}

    # ---- table 3: 支出决算表
    cols3 = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    lines3 = {}
    for c, v in lines5.items():
        basic = v["基本支出"] + NONFISCAL_BASIC.get(c, ZERO)
        project = v["项目支出"] + NONFISCAL_PROJECT.get(c, ZERO)
        lines3[c] = {
            "本年支出合计": basic + project,
            "基本支出": basic,
            "项目支出": project,
            "上缴上级支出": None,
            "经营支出": None,
            "对附属单位补助支出": None,
        }
    nonfiscal = sum(NONFISCAL_BASIC.values()) + sum(NONFISCAL_PROJECT.values())
    fix3 = {"本年支出合计": NARRATIVE_CLASS["201"] + nonfiscal}
    rows3 = hierarchy(lines3, cols3, {"20113": fix3, "201": fix3}, balance="项目支出")
    total3 = {
        "code": None,
        "name": "合计",
        "level": "合计",
        "values": {
            "本年支出合计": N["本年支出合计"],
            "基本支出": N["基本支出"],
            "项目支出": N["项目支出"],
            "上缴上级支出": ZERO,
            "经营支出": ZERO,
            "对附属单位补助支出": ZERO,
        },
    }
    t[3] = {"columns": cols3, "total": total3, "rows": rows3}

    # ---- table 2: 收入决算表
    cols2 = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    lines2 = {}
    for c, v in lines5.items():
        fiscal = v["小计"] + FISCAL_INCOME_ADJUST.get(c, ZERO)
        other = OTHER_INCOME.get(c)
        lines2[c] = {
            "本年收入合计": fiscal + (other or ZERO),
            "财政拨款收入": fiscal,
            "上级补助收入": None,
            "事业收入": None,
            "经营收入": None,
            "附属单位上缴收入": None,
            "其他收入": other,
        }
    rows2 = hierarchy(lines2, cols2)
    total2 = total_row(rows2, cols2)
    t[2] = {"columns": cols2, "total": total2, "rows": rows2}

    # ---- table 6: 一般公共预算财政拨款基本支出决算表
    cols6 = ["合计", "人员经费", "公用经费"]
    rows6: list[dict[str, Any]] = []
    for cls in ["301", "302", "303", "310"]:
        items: list[dict[str, Any]] = []
        for code, name, staff, public in T6_LINES:
            if code.startswith(cls):
                s = D(staff) if staff else None
                p = D(public) if public else None
                items.append(
                    {
                        "code": code,
                        "name": name,
                        "level": "款",
                        "values": {"合计": (s or ZERO) + (p or ZERO), "人员经费": s, "公用经费": p},
                    }
                )
        agg: dict[str, Any] = {}
        for col in cols6:
            vals = [r["values"][col] for r in items if r["values"][col] is not None]
            agg[col] = sum(vals) if vals else None
        rows6.append({"code": cls, "name": ECON_NAMES[cls], "level": "类", "values": agg})
        rows6.extend(items)
    total6 = {
        "code": None,
        "name": "合计",
        "level": "合计",
        "values": {c: sum((r["values"][c] or ZERO) for r in rows6 if r["level"] == "类") for c in cols6},
    }
    t[6] = {"columns": cols6, "total": total6, "rows": rows6}

    # ---- table 1: 收入支出决算总表 (halves)
    class3 = {r["code"]: r["values"]["本年支出合计"] for r in rows3 if r["level"] == "类"}
    class5 = {r["code"]: r["values"]["小计"] for r in rows5 if r["level"] == "类"}
    t[1] = {
        "income": [
            ("一般公共预算财政拨款收入", N["财政拨款收入"]),
            ("政府性基金预算财政拨款收入", ZERO),
            ("国有资本经营预算财政拨款收入", ZERO),
            ("上级补助收入", ZERO),
            ("事业收入", ZERO),
            ("经营收入", ZERO),
            ("附属单位上缴收入", ZERO),
            ("其他收入", N["其他收入"]),
        ],
        "income_bottom": [
            ("本年收入合计", N["本年收入合计"]),
            ("使用非财政拨款结余", N["使用非财政拨款结余"]),
            ("年初结转和结余", N["年初结转和结余"]),
            ("总计", N["收入总计"]),
        ],
        "classes": [(code, name, class3.get(code)) for code, name in ALL_CLASSES],
        "spend_bottom": [
            ("本年支出合计", N["本年支出合计"]),
            ("结余分配", N["结余分配"]),
            ("年末结转和结余", N["年末结转和结余"]),
            ("总计", N["支出总计"]),
        ],
    }
    # ---- table 4: 财政拨款收入支出决算总表 (halves)
    cols4 = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    t[4] = {
        "columns": cols4,
        "income": [
            ("一般公共预算财政拨款", N["财政拨款收入"]),
            ("政府性基金预算财政拨款", ZERO),
            ("国有资本经营预算财政拨款", ZERO),
        ],
        "income_bottom": [
            ("本年收入合计", N["财政拨款收入"], None),
            ("年初财政拨款结转和结余", N["年初财政拨款结转和结余"], None),
            ("一般公共预算财政拨款", N["年初财政拨款结转和结余"], "年初财政拨款结转和结余"),
            ("政府性基金预算财政拨款", ZERO, "年初财政拨款结转和结余"),
            ("国有资本经营预算财政拨款", ZERO, "年初财政拨款结转和结余"),
            ("总计", N["财政拨款收入支出总计"], None),
        ],
        "classes": [(code, name, class5.get(code)) for code, name in ALL_CLASSES],
        "spend_bottom": [
            ("本年支出合计", N["本年财政拨款支出"]),
            ("年末财政拨款结转和结余", N["年末财政拨款结转和结余"]),
            ("总计", N["财政拨款收入支出总计"]),
        ],
    }
    # ---- tables 7, 8: empty
    cols78 = ["年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"]
    t[7] = {"columns": cols78, "note": "注：本单位无政府性基金预算财政拨款收入、支出及结转和结余，故本表为空表。"}
    t[8] = {"columns": cols78, "note": "注：本单位无国有资本经营预算财政拨款收入、支出及结转和结余，故本表为空表。"}
    # ---- table 9: 三公
    sg = {
        "合计": N["三公合计"],
        "因公出国（境）费": N["因公出国（境）费"],
        "公务用车购置及运行费/小计": N["公务用车购置及运行费"],
        "公务用车购置及运行费/公务用车购置费": N["公务用车购置费"],
        "公务用车购置及运行费/公务用车运行费": N["公务用车运行费"],
        "公务接待费": N["公务接待费"],
    }
    t[9] = {"预算数": dict(sg), "决算数": dict(sg)}
    check_identities(t)
    return t


def close(a: Decimal | int, b: Decimal | int, tol: str = "0.01") -> bool:
    return abs(Decimal(a) - Decimal(b)) <= Decimal(tol)


def check_identities(t: dict) -> None:
    problems = []

    def need(ok, what):
        if not ok:
            problems.append(what)

    for no, _key in [(2, "本年收入合计"), (3, "本年支出合计"), (5, "小计")]:
        rows = t[no]["rows"]
        for r in rows:
            if r["level"] == "项":
                continue
            kids = [
                k
                for k in rows
                if k["level"] == {"类": "款", "款": "项"}[r["level"]] and k["code"].startswith(r["code"])
            ]
            for col in t[no]["columns"]:
                if r["values"][col] is None:
                    continue
                s = sum((k["values"][col] or ZERO) for k in kids)
                need(close(s, r["values"][col]), f"table {no} {r['code']} {col}: {r['values'][col]} vs sum {s}")
        classes = [r for r in rows if r["level"] == "类"]
        for col in t[no]["columns"]:
            s = sum((r["values"][col] or ZERO) for r in classes)
            need(close(s, t[no]["total"]["values"][col]), f"table {no} 合计 {col}")
    # row identities
    for r in t[3]["rows"] + [t[3]["total"]]:
        v = r["values"]
        need(close(v["本年支出合计"], v["基本支出"] + v["项目支出"]), f"table 3 row {r['code']}")
    for r in t[5]["rows"] + [t[5]["total"]]:
        v = r["values"]
        need(v["小计"] == v["基本支出"] + v["项目支出"], f"table 5 row {r['code']}")
    for r in t[2]["rows"] + [t[2]["total"]]:
        v = r["values"]
        need(v["本年收入合计"] == v["财政拨款收入"] + (v["其他收入"] or ZERO), f"table 2 row {r['code']}")
    # narrative figures
    need(t[5]["total"]["values"]["小计"] == N["一般公共预算财政拨款支出"], "table 5 合计")
    need(t[5]["total"]["values"]["基本支出"] == N["一般公共预算财政拨款基本支出"], "table 5 基本")
    for r in t[5]["rows"]:
        if r["level"] == "类":
            need(r["values"]["小计"] == NARRATIVE_CLASS[r["code"]], f"table 5 类 {r['code']}")
        if r["level"] == "项":
            need(r["values"]["小计"] == D(T5_LINES[r["code"]][0]), f"table 5 项 {r['code']}")
    tv2 = t[2]["total"]["values"]
    need(
        tv2["本年收入合计"] == N["本年收入合计"]
        and tv2["财政拨款收入"] == N["财政拨款收入"]
        and tv2["其他收入"] == N["其他收入"],
        "table 2 合计",
    )
    tv6 = t[6]["total"]["values"]
    need(
        tv6 == {"合计": N["一般公共预算财政拨款基本支出"], "人员经费": N["人员经费"], "公用经费": N["公用经费"]},
        f"table 6 {tv6}",
    )
    for r in t[6]["rows"]:
        v = r["values"]
        need(v["合计"] == (v["人员经费"] or ZERO) + (v["公用经费"] or ZERO), f"table 6 row {r['code']}")
    # table 1
    t1 = t[1]
    inc = sum(a for _, a in t1["income"])
    need(inc == N["本年收入合计"], "table 1 income")
    need(N["本年收入合计"] + N["使用非财政拨款结余"] + N["年初结转和结余"] == N["收入总计"], "收入总计")
    need(N["本年支出合计"] + N["结余分配"] + N["年末结转和结余"] == N["支出总计"], "支出总计")
    need(close(sum(a or ZERO for _, _, a in t1["classes"]), N["本年支出合计"]), "table 1 classes")
    need(close(N["基本支出"] + N["项目支出"], N["本年支出合计"]), "基本+项目")
    # table 4
    need(N["财政拨款收入"] + N["年初财政拨款结转和结余"] == N["财政拨款收入支出总计"], "table 4 income")
    need(close(N["本年财政拨款支出"] + N["年末财政拨款结转和结余"], N["财政拨款收入支出总计"]), "table 4 spend")
    need(sum(a or ZERO for _, _, a in t[4]["classes"]) == N["本年财政拨款支出"], "table 4 classes")
    # table 9
    for k in ("预算数", "决算数"):
        v = t[9][k]
        need(v["合计"] == v["因公出国（境）费"] + v["公务用车购置及运行费/小计"] + v["公务接待费"], "三公 合计")
        need(
            v["公务用车购置及运行费/小计"]
            == v["公务用车购置及运行费/公务用车购置费"] + v["公务用车购置及运行费/公务用车运行费"],
            "三公 车",
        )
    if problems:
        raise SystemExit("identity check failed:\n  " + "\n  ".join(problems))


# ============================================================================================
# 2. Rendering a variant: a printed grid per table (+ the matching expected.json entry)
# ============================================================================================

# the standard titles, table 9's with its quotes as the template prints it
TITLES = {**STANDARD_TITLES, 9: "财政拨款“三公”经费支出决算表"}

VARIANTS: dict[str, dict[str, Any]] = {
    "wan": {
        "unit": "万元",
        "scale": Decimal(1),
        "codes": "one",
        "title": "{t}",
        "number": "公开{n:02d}表",
        "numbered_names": True,
        "fit_height": True,
        "sangong": "horizontal",
    },
    "yuan": {
        "unit": "元",
        "scale": Decimal(10000),
        "codes": "three",
        "title": "《{t}》",
        "number": "表{cn}",
        "numbered_names": False,
        "fit_height": False,
        "sangong": "vertical",
    },
}


class Grid:
    """A printed table: cells placed like HTML (text, colspan, rowspan)."""

    def __init__(self, ncols: int):
        self.ncols = ncols
        self.cells: list[list] = []  # printed text; None = covered by a merge
        self.kinds: list[list] = []  # 'head' | 'text' | 'num' | 'center'
        self.merges: list[tuple] = []  # (r0, c0, r1, c1) 0-based inclusive
        self.header_rows = 0
        self.row_kinds: list[str] = []
        self.taken: set[tuple[int, int]] = set()
        self.started = 0  # rows begun by add_row (rowspans create rows ahead)

    def add_row(self, spec: list, kind: str = "body") -> int:
        """spec: list of (text, colspan, rowspan, cellkind) filling the free slots of the next
        row left to right (slots taken by a rowspan from above are skipped), as in HTML."""
        r = self.started
        self.started += 1
        while len(self.cells) <= r:
            self.cells.append([""] * self.ncols)
            self.kinds.append(["text"] * self.ncols)
            self.row_kinds.append(kind)
        c = 0
        for text, cs, rs, ck in spec:
            while c < self.ncols and (r, c) in self.taken:
                c += 1
            if c + cs > self.ncols:
                raise ValueError(f"row {r}: {spec} does not fit {self.ncols} columns")
            while len(self.cells) < r + rs:
                self.cells.append([""] * self.ncols)
                self.kinds.append(["text"] * self.ncols)
                self.row_kinds.append(kind)
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    self.cells[rr][cc] = None
                    self.kinds[rr][cc] = ck
                    self.taken.add((rr, cc))
            self.cells[r][c] = text
            if cs > 1 or rs > 1:
                self.merges.append((r, c, r + rs - 1, c + cs - 1))
            c += cs
        if any((r, cc) not in self.taken for cc in range(self.ncols)):
            raise ValueError(f"row {r}: {spec} leaves slots empty")
        return r


def fmt(value: Decimal | None, scale: Decimal) -> str:
    if value is None:
        return ""
    return format((value * scale).quantize(CENT), ",.2f")


def num(value: Decimal | None, scale: Decimal) -> float | None:
    if value is None:
        return None
    return float((value * scale).quantize(CENT))


def code_parts(code: str | None, style: str) -> list[str]:
    if style == "one":
        return [code or ""]
    if code is None:
        return ["", "", ""]
    return [code[:3], code[3:5], code[5:7]]


def econ_parts(code: str | None, style: str) -> list[str]:
    if style == "one":
        return [code or ""]
    if code is None:
        return ["", ""]
    return [code[:3], code[3:5]]


def render_coded(no, fig, var, *, group=None, empty=False, econ=False, printed=None):
    """Tables 2, 3, 5, 6, 7, 8: 科目编码 | 科目名称 | amounts. Layout options of the variant:
    ``code_heading`` (科目编码 / 功能分类科目编码), ``column_numbers`` (the 栏次 row), ``total_last``
    (合计 printed as the last row, as the national template prints table 5); ``printed`` maps a
    column key to the heading printed for it (小计 → 合计)."""
    scale = var["scale"]
    ncode = 1 if var["codes"] == "one" else (2 if econ else 3)
    cols = fig["columns"]
    printed = printed or {}
    code_heading = var.get("code_heading", "科目编码")
    if econ and code_heading != "科目编码":
        code_heading = "经济分类科目编码"
    numbers = var.get("column_numbers", True)
    grouped = set(group[1]) if group else set()
    ncols = ncode + 1 + len(cols)
    g = Grid(ncols)
    hr = 2 if ncode == 1 else 3  # heading rows above 栏次
    head = [("项目", ncode + 1, 1, "head")]
    done_group = False
    for col in cols:
        if col in grouped:
            if not done_group:
                head.append((group[0], len(group[1]), 1, "head"))
                done_group = True
        else:
            head.append((printed.get(col, col), 1, hr, "head"))
    g.add_row(head, "head")
    second = [(code_heading, ncode, 1, "head")] + [("科目名称", 1, hr - 1, "head")]
    second += [(printed.get(col, col), 1, hr - 1, "head") for col in cols if col in grouped]
    g.add_row(second, "head")
    if ncode > 1:
        g.add_row([(x, 1, 1, "head") for x in (["类", "款"] if econ else ["类", "款", "项"])], "head")
    if numbers:
        g.add_row([("栏次", ncode + 1, 1, "head")] + [(str(i + 1), 1, 1, "head") for i in range(len(cols))], "head")
    g.header_rows = len(g.cells)
    columns = []
    for i, col in enumerate(cols):
        path = [group[0], printed.get(col, col)] if col in grouped else [printed.get(col, col)]
        columns.append({"key": col, "path": path, "column_no": str(i + 1)})

    rows: list[dict[str, Any]] = []
    body: list[dict[str, Any]] = (
        ([fig["total"]] + fig["rows"] if not var.get("total_last") else fig["rows"] + [fig["total"]])
        if not empty
        else [{"code": None, "name": "合计", "level": "合计", "values": {c: None for c in cols}}]
    )
    for r in body:
        vals = r["values"]
        amounts = [(fmt(vals[c], scale), 1, 1, "num") for c in cols]
        if r["code"] is None:
            g.add_row([(r["name"], ncode + 1, 1, "center")] + amounts, "total")
        else:
            parts = (econ_parts if econ else code_parts)(r["code"], var["codes"])
            if ncode > 1 and r["level"] != "项" and not econ:
                parts = [p if i < {"类": 1, "款": 2}[r["level"]] else "" for i, p in enumerate(parts)]
            if econ and ncode > 1 and r["level"] == "类":
                parts = [parts[0], ""]
            g.add_row([(p, 1, 1, "center") for p in parts] + [(r["name"], 1, 1, "text")] + amounts, "body")
        row = {
            "code": r["code"],
            "name": r["name"],
            "level": r["level"],
            "values": {c: num(vals[c], scale) for c in cols},
        }
        if r["code"] is not None and ncode > 1:
            row["code_parts"] = [p for p in g.cells[-1][:ncode]]
        rows.append(row)
    if empty:
        for _ in range(2):
            g.add_row([("", 1, 1, "center")] * ncode + [("", 1, 1, "text")] + [("", 1, 1, "num")] * len(cols), "body")
    widths = [10] if ncode == 1 else [6] * ncode
    widths += [34] + [14 if scale == 1 else 17] * len(cols)
    return {
        "grid": g,
        "columns": columns,
        "rows": rows,
        "widths": widths,
        "landscape": ncols > 5,
        "note": fig.get("note"),
        "empty": empty,
    }


def render_halves(no, fig, var):
    """Tables 1 and 4: 收入 项目/行次/金额 | 支出 项目/行次/金额 (table 4: 4 amount columns)."""
    scale = var["scale"]
    prefix = var["numbered_names"]
    lines = var.get("line_numbers", True)  # the 行次 columns and the 栏次 row
    amount_head = var.get("amount_heading", "金额")
    right_cols = ["金额"] if no == 1 else fig["columns"]
    ncols = (3 + 2 if lines else 2 + 1) + len(right_cols)
    g = Grid(ncols)
    g.add_row(
        [("收入", 3 if lines else 2, 1, "head"), ("支出", (2 if lines else 1) + len(right_cols), 1, "head")], "head"
    )
    heads = ["项目", "行次", amount_head, "项目", "行次"] if lines else ["项目", amount_head, "项目"]
    heads += [amount_head if c == "金额" else c for c in right_cols]
    g.add_row([(x, 1, 1, "head") for x in heads], "head")
    if lines:
        g.add_row(
            [("栏次", 1, 1, "head"), ("", 1, 1, "head"), ("1", 1, 1, "head"), ("栏次", 1, 1, "head")]
            + [("", 1, 1, "head")]
            + [(str(i + 2), 1, 1, "head") for i in range(len(right_cols))],
            "head",
        )
    g.header_rows = len(g.cells)
    rows: list[dict[str, Any]] = []

    def name_of(i, name):
        return f"{cn_number(i)}、{name}" if prefix else name

    n_class = len(fig["classes"])
    left_no, right_no = 0, 30 if no == 1 else 32
    body_left: list[tuple[Any, ...]] = []
    body_right: list[tuple[Any, ...]] = []
    for i in range(n_class):
        left_no += 1
        if i < len(fig["income"]):
            name, amount = fig["income"][i]
            body_left.append((name_of(i + 1, name), str(left_no), amount, None, name))
        else:
            body_left.append(("", str(left_no), None, None, None))
    for i, (code, name, amount) in enumerate(fig["classes"]):
        right_no += 1
        body_right.append((name_of(i + 1, name), str(right_no), amount, code, name))
    for item in fig["income_bottom"]:
        name, amount = item[0], item[1]
        parent = item[2] if len(item) > 2 else None
        left_no += 1
        body_left.append((name, str(left_no), amount, None, name, parent))
    bottom_right = list(fig["spend_bottom"])
    # align 支出 bottom rows: 本年支出合计 with 本年收入合计, 总计 with 总计, the rest in order
    nb = len(fig["income_bottom"])
    right_bottom_rows = [None] * nb
    right_bottom_rows[0] = bottom_right[0]
    right_bottom_rows[-1] = bottom_right[-1]
    for j, item in enumerate(bottom_right[1:-1]):
        right_bottom_rows[1 + j] = item
    for item in right_bottom_rows:
        if item is None:
            body_right.append(("", "", None, None, None))
        else:
            right_no += 1
            body_right.append((item[0], str(right_no), item[1], None, item[0]))

    def right_values(amount, code, name):
        if no == 1:
            return {"金额": amount}
        if name is None:
            return {c: None for c in right_cols}
        if code is not None:  # a 类 row: all money is 一般公共预算
            return {
                "合计": amount,
                "一般公共预算财政拨款": amount,
                "政府性基金预算财政拨款": None,
                "国有资本经营预算财政拨款": None,
            }
        return {
            "合计": amount,
            "一般公共预算财政拨款": amount,
            "政府性基金预算财政拨款": ZERO,
            "国有资本经营预算财政拨款": ZERO,
        }

    for left, right in zip(body_left, body_right):
        lname, lno, lamount = left[0], left[1], left[2]
        rname, rno, ramount, rcode, rbase = right
        rv = right_values(ramount, rcode, rbase)
        lkind = "indent" if len(left) > 5 and left[5] else "text"
        if not lines:
            lno = rno = None
        spec = [
            (lname, 1, 1, lkind),
            *([(lno, 1, 1, "center")] if lines else []),
            (fmt(lamount, scale), 1, 1, "num"),
            (rname, 1, 1, "text"),
            *([(rno, 1, 1, "center")] if lines else []),
        ] + [(fmt(rv[c], scale), 1, 1, "num") for c in right_cols]
        g.add_row(spec, "total" if lname in ("总计",) else "body")
        if lname:
            row = {
                "side": "收入",
                "line_no": lno,
                "code": None,
                "name": lname,
                "item": left[4],
                "values": {"金额": num(lamount, scale)},
            }
            if len(left) > 5 and left[5]:
                row["parent"] = left[5]
            rows.append(row)
        if rname:
            rows.append(
                {
                    "side": "支出",
                    "line_no": rno,
                    "code": rcode,
                    "name": rname,
                    "item": rbase,
                    "values": {c: num(rv[c], scale) for c in right_cols},
                }
            )
    columns = {
        "收入": [{"key": "金额", "path": ["收入", amount_head], "column_no": "1"}],
        "支出": [
            {"key": c, "path": ["支出", amount_head if c == "金额" else c], "column_no": str(i + 2)}
            for i, c in enumerate(right_cols)
        ],
    }
    amount_w = 14 if scale == 1 else 17
    widths = [30, 6, amount_w, 30, 6] if lines else [30, amount_w, 30]
    widths += [amount_w if no == 1 else (amount_w + 8)] * len(right_cols)
    if lines:
        rows.sort(key=lambda r: (r["side"] != "收入", int(r["line_no"])))
    return {
        "grid": g,
        "columns": columns,
        "rows": rows,
        "widths": widths,
        "landscape": no == 4,
        "note": None,
        "empty": False,
    }


SANGONG_ITEMS = [
    ("合计", ["合计"]),
    ("因公出国（境）费", ["因公出国（境）费"]),
    ("公务用车购置及运行费/小计", ["公务用车购置及运行费", "小计"]),
    ("公务用车购置及运行费/公务用车购置费", ["公务用车购置及运行费", "公务用车购置费"]),
    ("公务用车购置及运行费/公务用车运行费", ["公务用车购置及运行费", "公务用车运行费"]),
    ("公务接待费", ["公务接待费"]),
]


def render_sangong(no, fig, var):
    scale = var["scale"]
    facts = {k: {item: num(v, scale) for item, v in fig[k].items()} for k in ("预算数", "决算数")}
    if var["sangong"] == "horizontal":
        g = Grid(12)
        g.add_row([("预算数", 6, 1, "head"), ("决算数", 6, 1, "head")], "head")
        one = [
            ("合计", 1, 2, "head"),
            ("因公出国（境）费", 1, 2, "head"),
            ("公务用车购置及运行费", 3, 1, "head"),
            ("公务接待费", 1, 2, "head"),
        ]
        g.add_row(one + one, "head")
        two = [("小计", 1, 1, "head"), ("公务用车购置费", 1, 1, "head"), ("公务用车运行费", 1, 1, "head")]
        g.add_row(two + two, "head")
        g.add_row([(str(i + 1), 1, 1, "head") for i in range(12)], "head")
        g.header_rows = 4
        columns: list[dict[str, Any]] = []
        values: dict[str, Any] = {}
        for k in ("预算数", "决算数"):
            for key, path in SANGONG_ITEMS:
                columns.append({"key": f"{k}/{key}", "path": [k] + path, "column_no": str(len(columns) + 1)})
                values[f"{k}/{key}"] = num(fig[k][key], scale)
        g.add_row(
            [(fmt(fig[k][key], scale), 1, 1, "num") for k in ("预算数", "决算数") for key, _ in SANGONG_ITEMS], "body"
        )
        rows: list[dict[str, Any]] = [{"code": None, "name": None, "values": values}]
        widths = [15, 17, 13, 16, 16, 12] * 2 if scale == 1 else [17, 17, 17, 17, 17, 17] * 2
        return {
            "grid": g,
            "columns": columns,
            "rows": rows,
            "widths": widths,
            "landscape": True,
            "note": None,
            "empty": False,
            "facts": facts,
            "layout": "sangong_horizontal",
        }
    g = Grid(3)
    g.add_row([("项目", 1, 1, "head"), ("预算数", 1, 1, "head"), ("决算数", 1, 1, "head")], "head")
    g.header_rows = 1
    printed = {
        "合计": "合计",
        "因公出国（境）费": "因公出国（境）费",
        "公务用车购置及运行费/小计": "公务用车购置及运行费",
        "公务用车购置及运行费/公务用车购置费": "其中：公务用车购置费",
        "公务用车购置及运行费/公务用车运行费": "公务用车运行费",
        "公务接待费": "公务接待费",
    }
    rows = []
    for key, _ in SANGONG_ITEMS:
        kind = (
            "indent"
            if key in ("公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费")
            else "text"
        )
        g.add_row(
            [
                (printed[key], 1, 1, kind),
                (fmt(fig["预算数"][key], scale), 1, 1, "num"),
                (fmt(fig["决算数"][key], scale), 1, 1, "num"),
            ],
            "total" if key == "合计" else "body",
        )
        rows.append(
            {
                "code": None,
                "name": printed[key],
                "item": key,
                "values": {"预算数": num(fig["预算数"][key], scale), "决算数": num(fig["决算数"][key], scale)},
            }
        )
    columns = [
        {"key": "预算数", "path": ["预算数"], "column_no": None},
        {"key": "决算数", "path": ["决算数"], "column_no": None},
    ]
    return {
        "grid": g,
        "columns": columns,
        "rows": rows,
        "widths": [40, 24, 24],
        "landscape": False,
        "note": None,
        "empty": False,
        "facts": facts,
        "layout": "sangong_vertical",
    }


def render_variant(figs: dict, name: str) -> list[dict]:
    var = VARIANTS[name]
    tables = []
    for no in range(1, 10):
        if no in (1, 4):
            r = render_halves(no, figs[no], var)
        elif no == 5:
            r = render_coded(no, figs[no], var, group=("本年支出", ["小计", "基本支出", "项目支出"]))
        elif no == 6:
            r = render_coded(no, figs[no], var, econ=True)
        elif no in (7, 8):
            r = render_coded(no, figs[no], var, group=("本年支出", ["小计", "基本支出", "项目支出"]), empty=True)
        elif no == 9:
            r = render_sangong(no, figs[no], var)
        else:
            r = render_coded(no, figs[no], var)
        r["no"] = no
        r["key"] = TITLES[no]
        r["title"] = var["title"].format(t=TITLES[no])
        r["table_number"] = var["number"].format(n=no, cn=cn_number(no))
        r["department"] = f"部门：{DEPARTMENT}　　{YEAR}年度"
        r["unit"] = var["unit"]
        r["unit_text"] = f"单位：{var['unit']}"
        tables.append(r)
    return tables


# ============================================================================================
# 3. Workbook (openpyxl) and PDF (LibreOffice)
# ============================================================================================


def write_workbook(tables: list[dict], variant: str, path: Path, alter: dict | None = None) -> None:
    """One sheet per table, as the 决算 software exports them (see the module docstring)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    var = ALL_VARIANTS[variant]
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the new workbook's empty sheet
    for t in tables:
        g: Grid = t["grid"]
        ws = wb.create_sheet(t["table_number"])
        ncols = g.ncols
        last = get_column_letter(ncols)
        f_title = Font(name=FONT, size=16, bold=True)
        f_text = Font(name=FONT, size=10)
        f_head = Font(name=FONT, size=10, bold=True)
        # preamble: number / title / department + unit (variants place the number differently)
        first = var.get("number_first", variant != "wan")
        if not t["table_number"]:
            pre = [("title", t["title"]), ("dept", None)]
        elif not first:
            pre = [("title", t["title"]), ("number", t["table_number"]), ("dept", None)]
        else:
            pre = [("number", t["table_number"]), ("title", t["title"]), ("dept", None)]
        r = 1
        for kind, text in pre:
            if kind == "title":
                ws.merge_cells(f"A{r}:{last}{r}")
                c = ws.cell(r, 1, text)
                c.font, c.alignment = f_title, Alignment(horizontal="center", vertical="center")
                ws.row_dimensions[r].height = 30
            elif kind == "number":
                col = 1 if first else ncols
                c = ws.cell(r, col, text)
                c.font = f_text
                c.alignment = Alignment(horizontal="left" if first else "right")
                ws.row_dimensions[r].height = 16
            else:
                split = max(1, ncols - 2)
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=split)
                c = ws.cell(r, 1, t["department"])
                c.font, c.alignment = f_text, Alignment(horizontal="left", vertical="center")
                ws.merge_cells(
                    start_row=r, start_column=split + 1, end_row=r, end_column=ncols
                ) if ncols - split > 1 else None
                c = ws.cell(r, split + 1, t["unit_text"])
                c.font, c.alignment = f_text, Alignment(horizontal="right", vertical="center")
                ws.row_dimensions[r].height = 18
            r += 1
        top = r  # first row of the ruled table
        for i, row in enumerate(g.cells):
            excel_row = top + i
            head = g.row_kinds[i] == "head"
            ws.row_dimensions[excel_row].height = 30 if head and any(len(x or "") > 7 for x in row) else 18
            for j, text in enumerate(row):
                cell = ws.cell(excel_row, j + 1)
                cell.border = box
                kind = g.kinds[i][j]
                if text is None:
                    continue
                if kind == "num" and text != "":
                    value = float(text.replace(",", ""))
                    if alter and alter["table"] == t["no"] and alter["row"] == i and alter["col"] == j:
                        value = alter["new_value"]
                    cell.value = value
                    cell.number_format = "#,##0.00"
                    cell.alignment = Alignment(horizontal="right", vertical="center")
                    cell.font = f_text
                else:
                    cell.value = text if text != "" else None
                    cell.font = f_head if (head or g.row_kinds[i] == "total") and kind != "num" else f_text
                    cell.alignment = Alignment(
                        horizontal="center" if kind in ("head", "center") else "left",
                        vertical="center",
                        wrap_text=head,
                        indent=2 if kind == "indent" else 0,
                    )
        for r0, c0, r1, c1 in g.merges:
            ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
            for rr in range(top + r0, top + r1 + 1):  # borders on every covered cell
                for cc in range(c0 + 1, c1 + 2):
                    ws.cell(rr, cc).border = box
        end = top + len(g.cells) - 1
        if t.get("note"):
            nr = end + 2
            ws.merge_cells(start_row=nr, start_column=1, end_row=nr, end_column=ncols)
            c = ws.cell(nr, 1, t["note"])
            c.font, c.alignment = f_text, Alignment(horizontal="left", vertical="center")
            ws.row_dimensions[nr].height = 18
        for j, w in enumerate(t["widths"]):
            ws.column_dimensions[get_column_letter(j + 1)].width = w
        # page setup
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if t["landscape"] else "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1 if var["fit_height"] else 0
        ws.print_options.horizontalCentered = True
        ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6, header=0.3, footer=0.3)
        ws.print_area = f"A1:{last}{end + (2 if t.get('note') else 0)}"
        ws.print_title_rows = f"{top}:{top + g.header_rows - 1}"
        ws.sheet_view.showGridLines = False
        t["excel_top_row"] = top
    wb.save(path)


def libreoffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("LibreOffice is missing: apt-get update && apt-get install -y libreoffice-calc fonts-wqy-zenhei")


def to_pdf(xlsx: Path, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="std_tables_lo_") as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        cmd = [
            libreoffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:calc_pdf_Export",
            "--outdir",
            str(outdir),
            str(xlsx),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    pdf = outdir / (xlsx.stem + ".pdf")
    if proc.returncode != 0 or not pdf.exists():
        raise SystemExit(f"LibreOffice failed on {xlsx}:\n{proc.stdout}\n{proc.stderr}")
    pdf.write_bytes(normalise(pdf.read_bytes()))
    return pdf


def normalise(pdf: bytes) -> bytes:
    """Fixed creation date and a content-derived /ID and /DocChecksum (same lengths), so that
    regenerating on the same machine gives the same bytes."""
    pdf = re.sub(rb"/(CreationDate|ModDate)\(D:\d{14}", rb"/\1(D:20250101000000", pdf)
    blank = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, pdf)
    blank = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]", b"", blank)
    digest = hashlib.md5(blank).hexdigest().upper().encode()
    pdf = re.sub(rb"(/DocChecksum /)[0-9A-F]{32}", rb"\g<1>" + digest, pdf)
    pdf = re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + digest + b">", pdf)
    return pdf


# ============================================================================================
# 4. Check with pdfplumber; expected.json
# ============================================================================================


def check_pdf(pdf_path: Path, tables: list[dict] | None = None, verbose: bool = True) -> dict:
    """Print, for every page, the tables pdfplumber finds and their first two rows; return the
    pages on which each table title appears. Fails on (cid:) text or a missing title."""
    import pdfplumber

    pages_of: dict[int, list[int]] = {}
    problems = []
    with pdfplumber.open(pdf_path) as pdf:
        print(f"\n== {pdf_path.name}: {len(pdf.pages)} pages, {pdf_path.stat().st_size:,} bytes")
        current = None
        for pno, page in enumerate(pdf.pages, start=1):
            text = page.extract_text() or ""
            if "(cid:" in text:
                problems.append(f"page {pno}: (cid:) in text")
            found = page.find_tables()
            extracted = page.extract_tables()
            if tables:
                for t in tables:
                    if t["title"] in text and t["table_number"] in text:
                        current = t["no"]
                if current is not None:
                    pages_of.setdefault(current, []).append(pno)
            if verbose:
                first = text.splitlines()[:3]
                print(f"  page {pno}: table {current}, {len(found)} table(s) found; top text: {first}")
                for k, tb in enumerate(extracted):
                    ncols = max(len(r) for r in tb) if tb else 0
                    print(f"    table {k + 1}: {len(tb)} rows x {ncols} cols")
                    for row in tb[:2]:
                        print(f"      {row}")
            if tables and current is not None:
                t = next(x for x in tables if x["no"] == current)
                if not found:
                    problems.append(f"page {pno}: no ruled table found")
                else:
                    tb = extracted[0]
                    if max(len(r) for r in tb) != t["grid"].ncols:
                        problems.append(
                            f"page {pno} (table {current}): {max(len(r) for r in tb)} columns, "
                            f"expected {t['grid'].ncols}"
                        )
    if tables:
        for t in tables:
            if t["no"] not in pages_of:
                problems.append(f"table {t['no']} ({t['title']}) not found")
    if problems:
        print("  PROBLEMS:\n    " + "\n    ".join(problems))
    return {"pages": pages_of, "problems": problems}


def compare_cells(pdf_path: Path, tables: list[dict], alter: dict | None = None) -> list[str]:
    """Compare pdfplumber's extract_tables() with the printed grid: every printed cell text must
    come out in its own cell, in place (heading rows repeated on continuation pages)."""
    import pdfplumber

    problems = []
    with pdfplumber.open(pdf_path) as pdf:
        by_table: dict[int, list] = {}
        for t in tables:
            for pno in t["pages"]:
                rows = pdf.pages[pno - 1].extract_tables()[0]
                if by_table.get(t["no"]):  # continuation page: drop the repeated heading rows
                    rows = rows[t["grid"].header_rows :]
                by_table.setdefault(t["no"], []).extend(rows)
        for t in tables:
            want = [list(r) for r in t["grid"].cells]
            if alter and alter["table"] == t["no"]:
                want[alter["row"]][alter["col"]] = alter["new_text"]
            got = by_table.get(t["no"], [])
            got = [[(c or "").replace("\n", "") if c is not None else None for c in r] for r in got]
            if len(got) != len(want):
                problems.append(f"table {t['no']}: {len(got)} rows extracted, {len(want)} printed")
            for i, (w, gr) in enumerate(zip(want, got)):
                if w != gr:  # strict: None (covered by a merge) and '' (empty cell) must match too
                    problems.append(f"table {t['no']} row {i}: printed {w} extracted {gr}")
    return problems


def expected_table(t: dict) -> dict:
    g: Grid = t["grid"]
    out = {
        "no": t["no"],
        "key": t["key"],
        "title": t["title"],
        "table_number": t["table_number"],
        "department": t["department"],
        "unit": t["unit"],
        "unit_text": t["unit_text"],
        "layout": t.get("layout", "halves" if t["no"] in (1, 4) else "coded"),
        "orientation": "landscape" if t["landscape"] else "portrait",
        "pages": t.get("pages", []),
        "empty": t["empty"],
        "note": t["note"],
        "columns": t["columns"],
        "header_rows": g.cells[: g.header_rows],
        "rows": t["rows"],
        "cells": g.cells,
    }
    if "facts" in t:
        out["facts"] = t["facts"]
    return out


def dump_json(value, indent: int = 0, key: str | None = None) -> str:
    """Indented JSON with each table row / cell row / column on one line (readable diffs)."""
    one_line = key in ("rows", "cells", "header_rows", "columns", "收入", "支出", "alterations", "facts", "table_list")
    pad = " " * indent
    if isinstance(value, dict) and value and not (key in ("values", "facts") and indent > 8):
        items = [f"{pad} {json.dumps(k, ensure_ascii=False)}: {dump_json(v, indent + 1, k)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value and one_line:
        items = [pad + " " + json.dumps(v, ensure_ascii=False) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(value, list) and value and any(isinstance(v, (dict, list)) for v in value):
        items = [pad + " " + dump_json(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def locate(tables: list[dict], no: int, code: str, column: str) -> tuple[int, int]:
    t = tables[no - 1]
    g: Grid = t["grid"]
    ncode = 1
    row_index = next(i for i, r in enumerate(t["rows"]) if r["code"] == code)
    col_index = ncode + 1 + [c["key"] for c in t["columns"]].index(column)
    return g.header_rows + row_index, col_index


# ============================================================================================
# 5. More published layouts, and the facts every fixture must give
# ============================================================================================

# The national template (上海's 2024 部门决算, tests/fixtures/real/): no 行次, 决算数 headings,
# 功能分类科目编码, table 5's 合计 last, table 6 in two blocks, 三公 across under one heading, and the
# numbering 三公 7, 政府性基金 8, 国有资本经营 9. "blocks3": 元 with 类/款/项 columns, table 6 in three
# blocks (公用经费 continued), table 9 as “三公”经费及会议费、培训费支出决算表 (down, with 会议费 and
# 培训费), table 8 titled 国有资本经营预算财政拨款支出决算表.
LAYOUT_VARIANTS: dict[str, dict[str, Any]] = {
    "national": {
        "unit": "万元",
        "scale": Decimal(1),
        "codes": "one",
        "title": "{t}",
        "number": "表{p}",
        "number_first": True,
        "numbered_names": True,
        "fit_height": True,
        "line_numbers": False,
        "amount_heading": "决算数",
        "code_heading": "功能分类科目编码",
        "column_numbers": False,
        "order": [1, 2, 3, 4, 5, 6, 9, 7, 8],
        "blocks6": 2,
        "sangong": "national",
        "note": "说明：{d}本年度没有{what}，故本表无数据。",
    },
    "funds": {
        "unit": "万元",
        "scale": Decimal(1),
        "codes": "one",
        "title": "{t}",
        "number": "公开{n:02d}表",
        "number_first": False,
        "numbered_names": False,
        "fit_height": True,
        "order": [7, 8],
    },
    "blocks3": {
        "unit": "元",
        "scale": Decimal(10000),
        "codes": "three",
        "title": "《{t}》",
        "number": "公开{n:02d}表",
        "number_first": False,
        "numbered_names": False,
        "fit_height": False,
        "order": list(range(1, 10)),
        "blocks6": 3,
        "sangong": "meetings",
        "titles": {8: "国有资本经营预算财政拨款支出决算表", 9: "“三公”经费及会议费、培训费支出决算表"},
    },
}
ALL_VARIANTS = {**VARIANTS, **LAYOUT_VARIANTS}
MEETINGS = {"会议费": (D("5.00"), ZERO), "培训费": (D("8.00"), D("6.80"))}  # 预算数, 决算数 (invented)


def render_blocks6(fig: dict, var: dict, blocks: int) -> dict:
    """Table 6 in blocks side by side: 人员经费 | 公用经费 (two blocks, headings 经济分类科目编码 /
    科目名称 / 决算数 in each, as the national template), or 人员经费 | 公用经费 | 公用经费 continued
    (three blocks under the headings 人员经费 and 公用经费). The last row holds 人员经费合计 and
    公用经费合计, the latter's label merged across the 公用经费 blocks in the three-block form."""
    scale = var["scale"]
    staff = [r for r in fig["rows"] if r["values"]["人员经费"] is not None]
    office = [r for r in fig["rows"] if r["values"]["公用经费"] is not None]
    lists = [(staff, "人员经费"), (office, "公用经费")]
    if blocks == 3:
        half = (len(office) + 1) // 2
        lists = [(staff, "人员经费"), (office[:half], "公用经费"), (office[half:], "公用经费")]
    amount = "决算数" if blocks == 2 else "金额"
    code_head = "经济分类科目编码" if blocks == 2 else "科目编码"
    g = Grid(3 * blocks)
    if blocks == 3:
        g.add_row([("人员经费", 3, 1, "head"), ("公用经费", 6, 1, "head")], "head")
    g.add_row([(x, 1, 1, "head") for _ in range(blocks) for x in (code_head, "科目名称", amount)], "head")
    g.header_rows = len(g.cells)
    facts = []
    height = max(len(rows) for rows, _ in lists)
    for i in range(height):
        spec = []
        for b, (rows, label) in enumerate(lists, start=1):
            if i < len(rows):
                r = rows[i]
                value = r["values"][label]
                spec += [(r["code"], 1, 1, "center"), (r["name"], 1, 1, "text"), (fmt(value, scale), 1, 1, "num")]
                facts.append(
                    fact(6, None, None, r["code"], r["level"], r["name"], None, amount, label, value, scale, block=b)
                )
            else:
                spec += [("", 1, 1, "center"), ("", 1, 1, "text"), ("", 1, 1, "num")]
        g.add_row(spec, "body")
    staff_total, office_total = fig["total"]["values"]["人员经费"], fig["total"]["values"]["公用经费"]
    last = [("人员经费合计", 2, 1, "center"), (fmt(staff_total, scale), 1, 1, "num")]
    last += [("公用经费合计", 2 if blocks == 2 else 5, 1, "center"), (fmt(office_total, scale), 1, 1, "num")]
    g.add_row(last, "total")
    facts.append(fact(6, None, None, None, "合计", "人员经费合计", None, amount, "人员经费", staff_total, scale))
    facts.append(
        fact(6, None, None, None, "合计", "公用经费合计", None, amount, "公用经费", office_total, scale, block=blocks)
    )
    facts[-2]["block_no"] = 1
    return {
        "grid": g,
        "columns": [],
        "rows": [],
        "widths": [10, 26, 13 if scale == 1 else 16] * blocks,
        "landscape": blocks == 3,
        "note": None,
        "empty": False,
        "layout": f"blocks{blocks}",
        "facts_list": facts,
    }


def render_sangong_national(fig: dict, var: dict) -> dict:
    """Table 9 across, as the national template: one heading 财政拨款“三公”经费 over all, the
    categories, 小计 / 公务用车购置费 / 公务用车运行维护费 under the vehicles, 预算数 | 决算数 under each."""
    scale = var["scale"]
    names = [
        ("合计", None, "合计"),
        ("因公出国（境）费", None, "因公出国（境）费"),
        ("公务用车购置及运行维护费", "小计", "公务用车购置及运行费/小计"),
        ("公务用车购置及运行维护费", "公务用车购置费", "公务用车购置及运行费/公务用车购置费"),
        ("公务用车购置及运行维护费", "公务用车运行维护费", "公务用车购置及运行费/公务用车运行费"),
        ("公务接待费", None, "公务接待费"),
    ]
    g = Grid(12)
    g.add_row([("财政拨款“三公”经费", 12, 1, "head")], "head")
    g.add_row(
        [("合计", 2, 2, "head"), ("因公出国（境）费", 2, 2, "head"), ("公务用车购置及运行维护费", 6, 1, "head")]
        + [("公务接待费", 2, 2, "head")],
        "head",
    )
    g.add_row([("小计", 2, 1, "head"), ("公务用车购置费", 2, 1, "head"), ("公务用车运行维护费", 2, 1, "head")], "head")
    g.add_row([(m, 1, 1, "head") for _ in names for m in ("预算数", "决算数")], "head")
    g.header_rows = 4
    spec, facts = [], []
    for top, sub, key in names:
        for measure in ("预算数", "决算数"):
            value = fig[measure][key]
            spec.append((fmt(value, scale), 1, 1, "num"))
            path = ["财政拨款“三公”经费", top] + ([sub] if sub else []) + [measure]
            item = top if sub in (None, "小计") else sub
            parent = top if sub not in (None, "小计") else None
            level = "合计" if item == "合计" else None
            facts.append(fact(9, None, None, None, level, item, parent, "/".join(path), measure, value, scale))
    g.add_row(spec, "body")
    return {
        "grid": g,
        "columns": [],
        "rows": [],
        "widths": [11] * 12 if scale == 1 else [14] * 12,
        "landscape": True,
        "note": None,
        "empty": False,
        "layout": "sangong_national",
        "facts_list": facts,
    }


def render_sangong_meetings(fig: dict, var: dict) -> dict:
    """Table 9 as “三公”经费及会议费、培训费支出决算表: down, 项目 | 预算数 | 决算数, the 三公 lines then
    会议费 and 培训费."""
    scale = var["scale"]
    lines = [
        ("合计", "合计", None, "合计"),
        ("因公出国（境）费", "因公出国（境）费", None, "因公出国（境）费"),
        ("公务用车购置及运行费", "公务用车购置及运行费", None, "公务用车购置及运行费/小计"),
        ("其中：公务用车购置费", "公务用车购置费", "公务用车购置及运行费", "公务用车购置及运行费/公务用车购置费"),
        ("公务用车运行费", "公务用车运行费", "公务用车购置及运行费", "公务用车购置及运行费/公务用车运行费"),
        ("公务接待费", "公务接待费", None, "公务接待费"),
    ]
    g = Grid(3)
    g.add_row([("项目", 1, 1, "head"), ("预算数", 1, 1, "head"), ("决算数", 1, 1, "head")], "head")
    g.header_rows = 1
    facts = []
    rows = [(printed, item, parent, fig["预算数"][key], fig["决算数"][key]) for printed, item, parent, key in lines]
    rows += [(name, name, None, budget, actual) for name, (budget, actual) in MEETINGS.items()]
    for printed, item, parent, budget, actual in rows:
        kind = "indent" if parent else "text"
        g.add_row(
            [(printed, 1, 1, kind), (fmt(budget, scale), 1, 1, "num"), (fmt(actual, scale), 1, 1, "num")],
            "total" if item == "合计" else "body",
        )
        level = "合计" if item == "合计" else None
        facts.append(fact(9, None, None, None, level, item, parent, "预算数", "预算数", budget, scale))
        facts.append(fact(9, None, None, None, level, item, parent, "决算数", "决算数", actual, scale))
    return {
        "grid": g,
        "columns": [],
        "rows": [],
        "widths": [40, 24, 24],
        "landscape": False,
        "note": None,
        "empty": False,
        "layout": "sangong_meetings",
        "facts_list": facts,
    }


def fact(no, side, line_no, code, level, item, parent, column_name, column_key, value, scale, block=1) -> dict:
    """One printed figure as fact_standard_value must hold it."""
    return {
        "table_no": no,
        "side": side,
        "line_no": line_no,
        "subject_code": code,
        "level": level,
        "item_name": item,
        "parent_item": parent,
        "column_name": column_name,
        "column_key": column_key,
        "amount_text": fmt(value, scale),
        "amount_wan": str(value.quantize(CENT)),
        "block_no": block,
    }


CLASS_NAMES = {name for _, name in ALL_CLASSES}


def facts_of(t: dict, var: dict) -> list[dict]:
    """Every figure printed in table ``t``, with its label, from the data the table was drawn from."""
    if "facts_list" in t:
        return t["facts_list"]
    scale, no = var["scale"], t["no"]
    out: list[dict] = []
    if t["empty"]:
        return out
    layout = t.get("layout", "halves" if no in (1, 4) else "coded")
    for row in t["rows"]:
        for key, value in row["values"].items():
            if value is None:
                continue
            amount = (Decimal(str(value)) / scale).quantize(CENT)
            side = row.get("side")
            if layout == "halves":
                path = next(c["path"] for c in t["columns"][side] if c["key"] == key)[1:]
                level = "类" if side == "支出" and row["item"] in CLASS_NAMES else None
                column_key = "金额" if key == "金额" else key
                out.append(
                    fact(
                        no,
                        side,
                        row["line_no"],
                        None,
                        level,
                        row["item"],
                        row.get("parent"),
                        "/".join(path),
                        column_key,
                        amount,
                        scale,
                        block=1 if side == "收入" else 2,
                    )
                )
            elif layout == "sangong_horizontal":
                measure, *rest = key.split("/")
                if rest and rest[-1] == "小计" and len(rest) > 1:
                    rest = rest[:-1]
                path = next(c["path"] for c in t["columns"] if c["key"] == key)
                parent = rest[-2] if len(rest) > 1 else None
                level = "合计" if rest[-1] == "合计" else None
                out.append(fact(no, None, None, None, level, rest[-1], parent, "/".join(path), measure, amount, scale))
            elif layout == "sangong_vertical":
                parts = row["item"].split("/")
                item = parts[-2] if parts[-1] == "小计" and len(parts) > 1 else parts[-1]
                parent = parts[0] if len(parts) > 1 and parts[-1] != "小计" else None
                level = "合计" if item == "合计" else None
                out.append(fact(no, None, None, None, level, item, parent, key, key, amount, scale))
            else:
                path = next(c["path"] for c in t["columns"] if c["key"] == key)
                column_key = "合计" if no == 5 and key == "小计" else key
                if no in (7, 8):
                    column_key = "/".join("合计" if p == "小计" else p for p in path)
                out.append(
                    fact(
                        no,
                        None,
                        None,
                        row["code"],
                        row["level"],
                        row["name"],
                        None,
                        "/".join(path),
                        column_key,
                        amount,
                        scale,
                    )
                )
    return out


# Tables 7 and 8 with lines (invented; a department with 政府性基金 and 国有资本经营 money that
# publishes these two tables as their own attachment): code -> 年初, 本年收入, 基本支出, 项目支出.
FUND_LINES = {
    7: {"2296002": ("10.00", "50.00", "0", "45.00"), "2296003": ("0", "20.00", "0", "20.00")},
    8: {"2230105": ("0", "12.00", "3.50", "8.50")},
}


def fund_figures(no: int) -> dict:
    cols = ["年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"]
    lines = {}
    for code, (start, income, basic, project) in FUND_LINES[no].items():
        spent = D(basic) + D(project)
        lines[code] = {
            "年初结转和结余": D(start),
            "本年收入": D(income),
            "小计": spent,
            "基本支出": D(basic),
            "项目支出": D(project),
            "年末结转和结余": D(start) + D(income) - spent,
        }
    rows = hierarchy(lines, cols)
    return {"columns": cols, "total": total_row(rows, cols), "rows": rows}


def render_layout_variant(figs: dict, name: str) -> list[dict]:
    var = LAYOUT_VARIANTS[name]
    tables = []
    for printed_no, no in enumerate(var["order"], start=1):
        if name == "funds":
            r = render_coded(no, fund_figures(no), var, group=("本年支出", ["小计", "基本支出", "项目支出"]))
        elif no in (1, 4):
            r = render_halves(no, figs[no], var)
        elif no == 5:
            if name == "national":
                r = render_coded(no, figs[no], {**var, "total_last": True}, printed={"小计": "合计"})
            else:
                r = render_coded(no, figs[no], var, group=("本年支出", ["小计", "基本支出", "项目支出"]))
        elif no in (2, 3):
            r = render_coded(no, figs[no], var)
        elif no == 6:
            r = render_blocks6(figs[no], var, var["blocks6"])
        elif no in (7, 8):
            r = render_coded(no, figs[no], var, group=("本年支出", ["小计", "基本支出", "项目支出"]), empty=True)
            if var.get("note"):
                what = TITLES[no].removesuffix("收入支出决算表") + "收入和支出"
                r["note"] = var["note"].format(d=DEPARTMENT, what=what)
        elif var["sangong"] == "national":
            r = render_sangong_national(figs[no], var)
        else:
            r = render_sangong_meetings(figs[no], var)
        r["no"] = no
        r["key"] = TITLES[no]
        r["title"] = var["title"].format(t=var.get("titles", {}).get(no, TITLES[no]))
        r["table_number"] = var["number"].format(n=no, p=printed_no, cn=cn_number(no))
        r["printed_no"] = printed_no if "{p" in var["number"] else no
        r["department"] = f"部门：{DEPARTMENT}　　{YEAR}年度"
        r["unit"] = var["unit"]
        r["unit_text"] = f"单位：{var['unit']}"
        tables.append(r)
    return tables


# --------------------------------------------------------------------------------------------
# A second producer: the same sheets drawn by reportlab (its own fonts, geometry, page breaks)


def write_reportlab(tables: list[dict], variant: str, path: Path) -> None:
    """Each table on its own A4 page(s): title, number, 部门 / 单位 line, the ruled grid (merged
    cells drawn as one box), heading rows repeated on a continuation page, the note below."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    rl_config.useA85 = 0
    rl_config.invariant = 1  # no dates or random IDs: the same bytes every time
    font_file = next(f for f in FONT_FILES if Path(f).is_file())
    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", font_file, subfontIndex=0))
    var = ALL_VARIANTS[variant]
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for t in tables:
        g: Grid = t["grid"]
        size = landscape(A4) if t["landscape"] else A4
        width, height = size
        margin = 36
        scale_x = (width - 2 * margin) / sum(t["widths"])
        xs = [margin]
        for w in t["widths"]:
            xs.append(xs[-1] + w * scale_x)
        row_h = 16 if len(g.cells) < 40 else 13
        head_h = [24 if any(len(c or "") > 6 for c in g.cells[i]) else row_h for i in range(g.header_rows)]
        body = list(range(g.header_rows, len(g.cells)))
        first = True
        while body or first:
            pdf.setPageSize(size)
            y = height - margin
            if first:
                pdf.setFont("WQY", 15)
                pdf.drawCentredString(width / 2, y - 15, t["title"])
                y -= 24
                if t["table_number"]:
                    pdf.setFont("WQY", 9)
                    if var.get("number_first", variant != "wan"):
                        pdf.drawString(margin, y - 9, t["table_number"])
                    else:
                        pdf.drawRightString(width - margin, y - 9, t["table_number"])
                    y -= 14
                pdf.setFont("WQY", 9)
                pdf.drawString(margin, y - 9, t["department"])
                pdf.drawRightString(width - margin, y - 9, t["unit_text"])
                y -= 16
            room = int((y - margin - sum(head_h) - 30) // row_h)
            page_rows = list(range(g.header_rows)) + body[:room]
            body = body[room:]
            tops, cursor = {}, y
            for i in page_rows:
                tops[i] = cursor
                cursor -= head_h[i] if i < g.header_rows else row_h
            bottom_of = {i: tops[i] - (head_h[i] if i < g.header_rows else row_h) for i in page_rows}
            for r0, c0, r1, c1 in [(i, j, i, j) for i in page_rows for j in range(g.ncols)] + g.merges:
                if r0 not in tops or r1 not in tops:
                    continue
                if (r0, c0, r1, c1) not in g.merges and g.cells[r0][c0] is None:
                    continue  # covered by a merge: drawn with it
                if (r0, c0, r1, c1) not in g.merges and any(
                    m[0] <= r0 <= m[2] and m[1] <= c0 <= m[3] for m in g.merges
                ):
                    continue  # the top-left cell of a merge: drawn as the merge
                x0, x1, top, bottom = xs[c0], xs[c1 + 1], tops[r0], bottom_of[r1]
                pdf.setLineWidth(0.5)
                pdf.rect(x0, bottom, x1 - x0, top - bottom, stroke=1, fill=0)
                text = g.cells[r0][c0] or ""
                if not text:
                    continue
                kind = g.kinds[r0][c0]
                font = 8 if r0 >= g.header_rows else 8.5
                while pdfmetrics.stringWidth(text, "WQY", font) > (x1 - x0) - 4 and font > 4:
                    font -= 0.5
                pdf.setFont("WQY", font)
                mid = (top + bottom) / 2 - font / 3
                if kind == "num":
                    pdf.drawRightString(x1 - 2, mid, text)
                elif kind in ("head", "center"):
                    pdf.drawCentredString((x0 + x1) / 2, mid, text)
                else:
                    pdf.drawString(x0 + (10 if kind == "indent" else 2), mid, text)
            if not body and t.get("note"):
                pdf.setFont("WQY", 9)
                pdf.drawString(margin, bottom_of[page_rows[-1]] - 18, t["note"])
            pdf.showPage()
            first = False
    pdf.save()


def convert(source: Path, outdir: Path, target: str) -> Path:
    """LibreOffice: the workbook as ``target`` (pdf:calc_pdf_Export, xls)."""
    if target.startswith("pdf"):
        return to_pdf(source, outdir)
    with tempfile.TemporaryDirectory(prefix="std_tables_lo_") as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        cmd = [libreoffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        cmd += ["--convert-to", target, "--outdir", str(outdir), str(source)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    made = outdir / f"{source.stem}.{target.split(':')[0]}"
    if proc.returncode != 0 or not made.exists():
        raise SystemExit(f"LibreOffice failed on {source}:\n{proc.stdout}\n{proc.stderr}")
    return made


def build_layouts(figs: dict, variants: dict, check_only: bool) -> list[str]:
    """For every variant (wan, yuan, national, blocks3): the workbook (.xlsx, and .xls saved by
    LibreOffice), its PDF by LibreOffice Calc (wan and yuan: the PDFs above) and by reportlab, and
    ``<stem>.facts.json``: every printed figure with its label, as fact_standard_value must hold it."""
    problems: list[str] = []
    everything = {name: render_variant(figs, name) for name in variants}  # copies: their pages are their own
    everything |= {name: render_layout_variant(figs, name) for name in LAYOUT_VARIANTS}
    with tempfile.TemporaryDirectory(prefix="std_layouts_") as tmp:
        for name, tables in everything.items():
            stem = f"standard_tables_{name}"
            var = ALL_VARIANTS[name]
            xlsx = OUT / f"{stem}.xlsx"
            pdfs = [OUT / f"{stem}_reportlab.pdf"] + ([OUT / f"{stem}.pdf"] if name in LAYOUT_VARIANTS else [])
            if not check_only:
                write_workbook(tables, name, xlsx)
                shutil.copyfile(convert(xlsx, Path(tmp), "xls"), OUT / f"{stem}.xls")
                write_reportlab(tables, name, pdfs[0])
                if name in LAYOUT_VARIANTS:
                    shutil.copyfile(convert(xlsx, Path(tmp), "pdf"), pdfs[1])
            for pdf in pdfs:
                result = check_pdf(pdf, tables, verbose=False)
                problems += [f"{pdf.name}: {p}" for p in result["problems"]]
                for t in tables:
                    t["pages"] = result["pages"].get(t["no"], [])
                probs = compare_cells(pdf, tables)
                print(
                    f"  {pdf.name}: cell-by-cell comparison with the printed grid: {'OK' if not probs else 'DIFFERENT'}"
                )
                for p in probs[:10]:
                    print("    " + p)
                problems += [f"{pdf.name}: {p}" for p in probs]
            facts = {
                "about": f"Every figure printed in {stem}.xlsx / .xls / .pdf / _reportlab.pdf, with the label "
                "fact_standard_value must give it (written by scripts/make_standard_table_fixtures.py from the "
                "data the sheets are drawn from). amount_wan is in 万元; amount_text as printed, in the unit.",
                "variant": name,
                "unit": var["unit"],
                "files": [f"{stem}.xlsx", f"{stem}.xls", f"{stem}.pdf", f"{stem}_reportlab.pdf"],
                "table_list": [
                    {
                        "no": t["no"],
                        "title": t["title"],
                        "label": t["table_number"] or None,
                        "printed_no": t.get("printed_no", t["no"]),
                        "empty": t["empty"],
                        "note": t["note"],
                        "layout": t.get("layout", "halves" if t["no"] in (1, 4) else "coded"),
                    }
                    for t in tables
                ],
                "facts": [f for t in tables for f in facts_of(t, var)],
            }
            (OUT / f"{stem}.facts.json").write_text(dump_json(facts) + "\n", encoding="utf-8")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check-only", action="store_true", help="only run the pdfplumber check")
    ap.add_argument("--keep-xlsx", action="store_true", help="also keep the .xlsx workbooks")
    ap.add_argument(
        "--layouts-only",
        action="store_true",
        help="only (re)build the workbooks, the reportlab PDFs, the national / blocks3 layouts and the *.facts.json",
    )
    args = ap.parse_args()
    if not any(Path(f).is_file() for f in FONT_FILES):
        raise SystemExit("font WenQuanYi Zen Hei missing: apt-get install -y fonts-wqy-zenhei")
    OUT.mkdir(parents=True, exist_ok=True)
    figs = build_figures()
    variants = {name: render_variant(figs, name) for name in VARIANTS}
    row, col = locate(variants["wan"], 5, "2011301", "小计")
    old_text = variants["wan"][4]["grid"].cells[row][col]
    alter = {"table": 5, "row": row, "col": col, "new_value": 3285.10, "new_text": "3,285.10"}
    assert old_text == "3,275.10", old_text
    jobs = [
        ("standard_tables_wan", "wan", None),
        ("standard_tables_yuan", "yuan", None),
        ("standard_tables_altered", "wan", alter),
    ]
    all_problems = build_layouts(figs, variants, args.check_only)
    if args.layouts_only:
        for p in all_problems:
            print("  PROBLEM " + p)
        sys.exit(1 if all_problems else 0)
    with tempfile.TemporaryDirectory(prefix="std_tables_") as tmp:
        for stem, variant, alt in jobs:
            pdf = OUT / f"{stem}.pdf"
            if not args.check_only:
                xlsx = Path(tmp) / f"{stem}.xlsx"
                write_workbook(variants[variant], variant, xlsx, alt)
                made = to_pdf(xlsx, Path(tmp))
                shutil.copyfile(made, pdf)
                if args.keep_xlsx:
                    shutil.copyfile(xlsx, OUT / xlsx.name)
            result = check_pdf(pdf, variants[variant])
            all_problems += [f"{pdf.name}: {p}" for p in result["problems"]]
            if alt is None:
                for t in variants[variant]:
                    t["pages"] = result["pages"].get(t["no"], [])
            else:
                for t in variants[variant]:
                    t.setdefault("pages_altered", result["pages"].get(t["no"], []))
            probs = compare_cells(pdf, variants[variant], alt)
            print(f"  cell-by-cell comparison with the printed grid: {'OK' if not probs else 'DIFFERENT'}")
            for p in probs[:20]:
                print("    " + p)
            all_problems += [f"{pdf.name}: {p}" for p in probs]
            if pdf.stat().st_size > 300 * 1024:
                all_problems.append(f"{pdf.name}: {pdf.stat().st_size} bytes > 300 KB")
    expected = {
        "about": "Truth for tests/fixtures/standard_tables/*.pdf, written by "
        "scripts/make_standard_table_fixtures.py from the same data the sheets are built from. "
        "Amounts are numbers in the sheet's unit; null = the cell is printed blank. "
        "'cells' is the printed ruled table row by row (header rows included): '' = empty cell, "
        "null = covered by a merged cell (the text sits in the merge's top-left cell).",
        "department": DEPARTMENT,
        "year": 2024,
        "narrative_source": "data/raw/004_5fc9b849d2858d9d.txt",
        "fixtures": {
            "standard_tables_wan.pdf": {"variant": "wan", "alterations": []},
            "standard_tables_yuan.pdf": {"variant": "yuan", "alterations": []},
            "standard_tables_altered.pdf": {
                "variant": "wan",
                "alterations": [
                    {
                        "table": 5,
                        "code": "2011301",
                        "name": "行政运行",
                        "column": "小计",
                        "true_value": 3275.10,
                        "printed_value": 3285.10,
                        "printed_text": "3,285.10",
                        "cell": [row, col],
                        "breaks": [
                            "款 20113 = sum of its 项 (12,634.73 vs 12,644.74)",
                            "row 2011301: 小计 = 基本支出 + 项目支出 (3,285.10 vs 3,275.10)",
                            "narrative 五（三） line 1 (3,275.10) = table 5 line 2011301",
                        ],
                    }
                ],
            },
        },
        "variants": {
            name: {
                "unit": VARIANTS[name]["unit"],
                "scale_from_wan": int(VARIANTS[name]["scale"]),
                "code_columns": "one column (2011301)"
                if VARIANTS[name]["codes"] == "one"
                else "three columns 类/款/项 (201 | 13 | 01); table 6 two columns 类/款 (301 | 01)",
                "tables": [expected_table(t) for t in variants[name]],
            }
            for name in VARIANTS
        },
        "rounding_notes": ROUNDING_NOTES,
    }
    (OUT / "expected.json").write_text(dump_json(expected) + "\n", encoding="utf-8")
    print("\nwrote", OUT / "expected.json")
    for path in sorted(OUT.iterdir()):
        print(f"  {path.name:32s} {path.stat().st_size:>9,} bytes")
    if all_problems:
        print("\nPROBLEMS:")
        for p in all_problems:
            print("  " + p)
        sys.exit(1)
    print("\nall checks passed")


ROUNDING_NOTES = [
    "Narrative: 基本支出 8,779.08 + 项目支出 9,972.51 = 18,751.59, printed 本年支出合计 18,751.58 "
    "(table 3 合计 row and table 1 keep the printed figures).",
    "Narrative: the 20 项 lines of 五（三） add to 18,078.45; 一般公共预算财政拨款支出 18,078.44. "
    "The 5 项 of 20113 商贸事务 add to 12,634.74 while 类 201 is 12,634.73 (五（二）): tables 5 and 3 "
    "print 款 20113 and 类 201 with the narrative's 12,634.73 (项目支出 column 0.01 below the sum of its 项).",
    "Narrative: 本年财政拨款支出 18,078.44 + 年末财政拨款结转和结余 371.64 = 18,450.08, "
    "printed 总计 18,450.07 (table 4).",
    "Table 3 类 totals add to 18,751.59 (13,307.88 + 5,443.71), 合计 row 18,751.58; table 1's 支出 类 rows "
    "are table 3's 类 totals.",
    "In the 元 variant every amount is the 万元 figure ×10000, so these differences are 100.00 元.",
]


if __name__ == "__main__":
    main()
