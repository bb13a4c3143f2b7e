"""Patterns of the documents' own structure, shared by readers and recognisers."""

from __future__ import annotations

import re

from pipelines.values import chinese_number

_STRONG = (
    r"项目名称[：:]"
    r"|[一二三四五六七八九十]{1,3}、"
    r"|第[一二三四五六七八九十]+部分"
    r"|《?(自治区财政)?项目支出绩效(目标)?自评表》?[ \u3000]*$"
    r"|《?部门（单位）整体支出绩效(目标)?自评表》?[ \u3000]*$"
)

# A heading of the narrative, which cannot be wrapped text of a table cell: a text reader ends
# the table there, and a table instance that has not ended by itself ends there. ("（二）…" is
# not one of them: it does occur inside the wrapped text of a cell.)
TABLE_BREAK = re.compile(rf"^[ \u3000]*({_STRONG})")

# A table's own year line: "(2024年度)", "（ 2018年度）".
FISCAL_YEAR_ROW = re.compile(r"^[（(]\s*(20\d{2})\s*年度?\s*[)）]$")

# A cell that is the whole label of a row of the forms' tables (fund rows, 总分, 合计): under another
# whole label it is the text of a row of its own, not the rest of a row cut by a page break (the
# PDF reader asks this where the drawing alone would join 其他资金 to 其中：财政拨款).
ROW_LABEL = re.compile(
    r"[ \u3000]*(其中[：:])?[ \u3000]*"
    r"(预算数|执行数|年度资金总额|资金总额|年初预算数|全年预算数|全年执行数|当年财政拨款|财政拨款|上年结转"
    r"|其他资金|总分|合计|总计)"
    r"([（(][^）)]*[）)])?[：:]?[ \u3000]*"
)

# The nine standard tables of a 决算公开 (our numbering), and their titles as regions print them
# (quotes removed), mapped to the standard table they are.
TITLES = {
    1: "收入支出决算总表",
    2: "收入决算表",
    3: "支出决算表",
    4: "财政拨款收入支出决算总表",
    5: "一般公共预算财政拨款支出决算表",
    6: "一般公共预算财政拨款基本支出决算表",
    7: "政府性基金预算财政拨款收入支出决算表",
    8: "国有资本经营预算财政拨款收入支出决算表",
    9: "财政拨款三公经费支出决算表",
}
TITLE_VARIANTS = {
    **{title: number for number, title in TITLES.items()},
    "政府性基金预算财政拨款支出决算表": 7,
    "国有资本经营预算财政拨款支出决算表": 8,
    "一般公共预算财政拨款三公经费支出决算表": 9,
    "三公经费及会议费、培训费支出决算表": 9,
    "财政拨款三公经费及会议费、培训费支出决算表": 9,
    "三公经费支出决算表": 9,
}

# A line that is the whole title of a standard table, quotes and spaces left out: a title of
# TITLE_VARIANTS with its number as printed before or after it (七、, 公开07表, 表七, 附表7, (表7)).
# It is a paragraph of its own, never the last line of the sentence above it (an empty table's
# note ending "故本表无数据。" at the margin, the next table's title right under it).
_TITLE_LABEL = r"[（(]?(?:公开\d{1,2}表|附表\d{1,2}|表(?:\d{1,2}|[一二三四五六七八九十]{1,3}))[）)]?[：:]?"
# The 类 of the 2024 支出功能分类, as tables 1 and 4 name them on their 支出 side (without codes).
CLASS_NAMES = (
    "一般公共服务支出",
    "外交支出",
    "国防支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "社会保障和就业支出",
    "卫生健康支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "资源勘探工业信息等支出",
    "商业服务业等支出",
    "金融支出",
    "援助其他地区支出",
    "自然资源海洋气象等支出",
    "住房保障支出",
    "粮油物资储备支出",
    "国有资本经营预算支出",
    "灾害防治及应急管理支出",
    "预备费",
    "其他支出",
    "转移性支出",
    "债务还本支出",
    "债务付息支出",
    "债务发行费用支出",
    "抗疫特别国债安排的支出",
)
FUND_KINDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
# The lines of tables 1 and 4 (收入支出决算总表, 财政拨款收入支出决算总表) besides the 类: the template
# prints each whole in its cell, numbered (一、一般公共预算财政拨款收入) or not.
LINE_LABELS = frozenset(
    {
        *CLASS_NAMES,
        *FUND_KINDS,
        *(f"{kind}收入" for kind in FUND_KINDS),
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
        "本年收入合计",
        "本年支出合计",
        "年初结转和结余",
        "年末结转和结余",
        "年初财政拨款结转和结余",
        "年末财政拨款结转和结余",
        "使用非财政拨款结余",
    }
)
# the number of an item of a list: 一、 （二） 十九、
LIST_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十]{1,3}[、）)]")


# The column headings of table 9 (财政拨款“三公”经费支出决算表).
THREE_PUBLIC_HEADINGS = frozenset(
    {"因公出国（境）费", "公务用车购置及运行维护费", "小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"}
)


# The headings of the label columns of the standard tables (科目编码 and 科目名称, as printed).
SUBJECT_HEADINGS = frozenset({"功能分类科目编码", "经济分类科目编码", "科目编码", "科目名称"})

# The headings of the figure columns of standard tables 2, 3, 5, 6, 7 and 8, as printed.
FIGURE_HEADINGS = frozenset(
    {
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
        "年初结转和结余",
        "本年收入",
        "本年支出",
        "年末结转和结余",
        "人员经费",
        "公用经费",
    }
)


def is_line_label(text: str) -> bool:
    """A whole line label of tables 1 and 4, with or without its number (二十六、抗疫特别国债安排的支出)."""
    return LIST_NUMBER.sub("", text, count=1) in LINE_LABELS


# The heading of a part of a 决算公开 (第二部分 …决算表, 第三部分 …情况说明): after a sentence's end, a
# line that starts with it starts a paragraph.
PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")

TABLE_TITLE_LINE = re.compile(
    rf"(?:[一二三四五六七八九十]{{1,3}}、|{_TITLE_LABEL})?"
    rf"(?:{'|'.join(sorted(map(re.escape, TITLE_VARIANTS), key=len, reverse=True))})"
    rf"(?:{_TITLE_LABEL})?"
)


# Printed column headings of indicator tables, mapped to fact_indicator columns. Matched by
# prefix on the heading without white space, longest alias first.
INDICATOR_HEADERS: dict[str, str] = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "indicator_name",
    "分值权重": "weight",
    "权重": "weight",
    "目标值": "target_text",
    "预期指标值": "target_text",
    "业绩值": "actual_text",
    "实际完成指标值": "actual_text",
    "指标完成值": "actual_text",
    "完成率": "completion_rate",
    "指标完成率": "completion_rate",
    "指标得分": "score",
    "得分": "score",
    "指标值设定依据": "basis",
    "上年完成情况": "prior_year_text",
    "赋分规则": "scoring_rule",
    "佐证资料": "evidence",
    "偏差原因分析及改进措施": "deviation_reason",
}


def plain_title(text: str) -> str:
    """A title as matched: white space and quotes (《》“”‘’"') left out."""
    return re.sub(r"[《》“”\"'‘’\s]", "", text)


def cn_number(text: str) -> int | None:
    """A number as printed in a list or a title: 七 → 7, 十九 → 19, 二十 → 20, 07 → 7; None for
    anything else."""
    return int(text) if text.isdigit() else chinese_number(text)
