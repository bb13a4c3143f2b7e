"""Parse printed target and actual values into operator, number and unit, and decide whether a
target was met.

Values are written as people write them: ``>=90%``, ``≥95％``, ``=275吨``, ``<=78.81万元``,
``2万亩以上`` (≥), ``不低于90%``, ``不超过5万元``, ``>=90百分比``, ``60个工作日``, ``6月``,
``2018年12月前`` (≤ a date), Chinese numerals (``三个``), thousands separators and full-width
characters. A value without a number (``稳步推进``, ``中长期``, ``达到预期效果``) gets a category
instead of a number.

Dates are numbers of the form YYYYMMDD, with 00 for a day or month not printed
(``2018年12月`` → 20181200), so that they compare in order; their unit is ``date``. A month
alone (``6月``) is the number 6 with the unit ``月``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Longest first, so that ">=" wins over ">" and "不低于" over "低于".
_PREFIX_OPERATORS = [
    (">=", ">="),
    ("≥", ">="),
    ("=>", ">="),
    ("大于等于", ">="),
    ("大于或等于", ">="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("至少", ">="),
    ("<=", "<="),
    ("≤", "<="),
    ("=<", "<="),
    ("小于等于", "<="),
    ("小于或等于", "<="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("不多于", "<="),
    ("不大于", "<="),
    ("控制在", "<="),
    (">", ">"),
    ("大于", ">"),
    ("高于", ">"),
    ("超过", ">"),
    ("<", "<"),
    ("小于", "<"),
    ("低于", "<"),
    ("=", "="),
    ("等于", "="),
]
_SUFFIX_OPERATORS = [
    ("以上", ">="),
    ("及以上", ">="),
    ("以下", "<="),
    ("及以下", "<="),
    ("以内", "<="),
    ("以前", "<="),
    ("之前", "<="),
    ("前", "<="),
    ("以后", ">="),
    ("之后", ">="),
]
_UNIT_ALIASES = {"百分比": "%", "％": "%", "个百分点": "%"}
# ASCII digits only (re.ASCII): NFKC makes full-width digits ASCII, and a digit of another script
# that NFKC keeps (Meetei Mayek ꯱) is no digit of a 决算 document (Decimal would read "0꯱" as 1)
_NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)", re.ASCII)  # .95 is 0.95, never 95
_DATE = re.compile(r"(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?)?(?:底|末)?", re.ASCII)
_CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CHINESE_NUMBER = re.compile(r"^[零〇一二两三四五六七八九十百千]+")

# Categories of values without a number, by the words they contain (first match wins).
QUALITATIVE = [
    ("relative", ("上年", "去年", "同期", "往年")),
    (
        "achieved",
        (
            "达到",
            "完成",
            "实现",
            "符合",
            "合格",
            "满足",
            "保障",
            "按时",
            "按期",
            "及时",
            "到位",
            "规范",
            "严格",
            "按程序",
        ),
    ),
    (
        "improved",
        (
            "提升",
            "提高",
            "促进",
            "推进",
            "改善",
            "增强",
            "增加",
            "增长",
            "扩大",
            "优化",
            "显著",
            "有效",
            "积极",
            "稳步",
            "明显",
        ),
    ),
    ("reduced", ("下降", "降低", "减少", "压缩", "节约")),
    ("duration", ("长期", "中期", "短期", "持续", "常态")),
    ("none", ("无", "—", "-", "/")),
]


@dataclass(frozen=True)
class ParsedValue:
    text: str | None  # as printed, white space removed
    op: str | None = None  # '>=', '<=', '>', '<', '=' or None when none is printed
    value: Decimal | None = None
    unit: str | None = None
    category: str | None = None  # for values without a number: achieved, improved, …, other


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 三千 → 3000."""
    if not text:
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _CHINESE_DIGITS:
            current = _CHINESE_DIGITS[ch]
        elif ch in _CHINESE_UNITS:
            total += (current or 1) * _CHINESE_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)  # full-width digits, ％, ＞, ＝ → ASCII
    text = re.sub(r"\s+", "", text)
    return re.sub(r"(?<=\d),(?=\d{3})", "", text, flags=re.ASCII)


def parse_value(printed: str | None) -> ParsedValue:
    if printed is None or not printed.strip():
        return ParsedValue(text=None)
    original = re.sub(r"\s+", "", printed)
    text = _normalise(printed)
    op = None
    for word, symbol in _PREFIX_OPERATORS:
        if text.startswith(word):
            op, text = symbol, text[len(word) :]
            break
    for word, symbol in _SUFFIX_OPERATORS:
        if text.endswith(word) and len(text) > len(word):
            op, text = op or symbol, text[: -len(word)]
            break

    value: Decimal | None
    date = _DATE.search(text)
    if date:
        day = int(date.group("y")) * 10000 + int(date.group("m") or 0) * 100 + int(date.group("d") or 0)
        return ParsedValue(original, op, Decimal(day), "date")

    number = _NUMBER.search(text)
    if number:
        try:
            value = Decimal(number.group())
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            value = None
        unit = text[number.end() :] or None
        if unit and unit[0] == "万" and len(unit) > 1 and unit not in ("万元",):
            pass  # 万亩, 万人: the unit keeps its 万
        if unit:
            unit = _UNIT_ALIASES.get(unit, unit)
        if number.start() > 0 and op is None:
            # a number inside words (提前3个月开始): keep the number, the words are the unit
            unit = text or None
        return ParsedValue(original, op, value, unit)

    chinese = _CHINESE_NUMBER.match(text)
    amount = chinese_number(chinese.group()) if chinese else None
    if chinese and amount is not None and len(text) > len(chinese.group()):
        return ParsedValue(original, op, Decimal(amount), text[chinese.end() :] or None)

    category = next((name for name, words in QUALITATIVE if any(w in text for w in words)), "other")
    return ParsedValue(original, op, None, None, category)


def _comparable(target: ParsedValue, actual: ParsedValue) -> bool:
    if target.unit == actual.unit:
        return True
    return target.unit is None or actual.unit is None


_AT_MOST_UNITS = ("日", "天", "月", "工作日", "小时", "date")
_AT_MOST_WORDS = ("时限", "时间", "周期", "成本", "费用", "控制", "单价")


def default_operator(target: ParsedValue, indicator: str | None = None, category: str | None = None) -> str:
    """The operator a target printed without one means: at most (<=) for a time limit or a cost,
    at least (>=) otherwise."""
    unit = target.unit or ""
    if unit.endswith(_AT_MOST_UNITS) or any(w in (indicator or "") for w in _AT_MOST_WORDS):
        return "<="
    if category in ("时效", "经济成本", "成本", "社会成本", "生态环境成本"):
        return "<="
    return ">="


def target_met(
    target: ParsedValue, actual: ParsedValue, indicator: str | None = None, category: str | None = None
) -> tuple[str, str | None]:
    """('met' | 'missed' | 'unknown', reason when unknown). ``indicator`` and ``category`` (the
    standard 二级 category) tell what a target printed without an operator means."""
    if target.text is None:
        return "unknown", "no target printed"
    if actual.text is None:
        return "unknown", "no actual value printed"
    if target.value is None:
        return "unknown", f"the target is qualitative ({target.category}), not a number"
    if actual.value is None:
        return "unknown", f"the actual value is qualitative ({actual.category}), not a number"
    if not _comparable(target, actual):
        return "unknown", f"the target is in {target.unit} but the actual value in {actual.unit}"
    op = target.op or default_operator(target, indicator, category)
    a, t = actual.value, target.value
    met = {">=": a >= t, "<=": a <= t, ">": a > t, "<": a < t, "=": a == t}[op]
    if op == "=" and not met:
        return "unknown", "the target is an exact value and the actual value differs from it"
    return ("met" if met else "missed"), None


# Standard indicator categories: every printed 一级 / 二级 label (2018's 项目完成指标 / 项目效果指标,
# 2024's 产出 / 成本 / 效益 / 满意度, truncated labels like 满意度指) onto one set.
LEVEL1 = [
    ("满意度", ("满意",)),
    ("成本", ("成本",)),
    ("效益", ("效益", "效果", "影响")),
    ("产出", ("产出", "完成", "数量", "质量", "时效")),
    ("履职效能", ("履职", "效能")),
    ("管理效率", ("管理",)),
]
LEVEL2 = [
    ("数量", ("数量",)),
    ("质量", ("质量",)),
    ("时效", ("时效", "及时")),
    ("经济成本", ("经济成本",)),
    ("社会成本", ("社会成本",)),
    ("生态环境成本", ("生态环境成本", "生态成本")),
    ("成本", ("成本",)),
    ("经济效益", ("经济效益",)),
    ("社会效益", ("社会效益",)),
    ("生态效益", ("生态效益", "生态环境效益")),
    ("可持续影响", ("可持续",)),
    ("满意度", ("满意",)),
]


def standard_category(label: str | None, table: list[tuple[str, tuple[str, ...]]]) -> str | None:
    """The standard category of a printed indicator label; '其他' when none fits."""
    if not label:
        return None
    text = re.sub(r"\s+", "", label)
    return next((name for name, words in table if any(w in text for w in words)), "其他")
