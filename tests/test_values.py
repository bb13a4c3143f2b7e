"""Parsing printed targets and actual values, and deciding whether a target was met."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipelines.values import (
    LEVEL1,
    LEVEL2,
    chinese_number,
    parse_value,
    standard_category,
    target_met,
)


@pytest.mark.parametrize(
    "printed, op, value, unit",
    [
        (">=90%", ">=", "90", "%"),
        ("≥95％", ">=", "95", "%"),
        ("＞3个", ">", "3", "个"),
        ("=275吨", "=", "275", "吨"),
        ("<=78.81万元", "<=", "78.81", "万元"),
        ("2万亩以上", ">=", "2", "万亩"),
        ("不低于90%", ">=", "90", "%"),
        ("不超过5万元", "<=", "5", "万元"),
        ("100%", None, "100", "%"),
        (">=90百分比", ">=", "90", "%"),
        ("≥.95", ">=", "0.95", None),  # a number printed without its leading 0: it had been read as 95
        ("-01", None, "-1", None),
        ("60个工作日", None, "60", "个工作日"),
        ("2018年12月前", "<=", "20181200", "date"),
        ("2018年12月15日以前", "<=", "20181215", "date"),
        ("6月", None, "6", "月"),
        ("三个", None, "3", "个"),
        ("十二次", None, "12", "次"),
        ("1,500万美元", None, "1500", "万美元"),
        ("＝１２３．５万元", "=", "123.5", "万元"),
    ],
)
def test_values_with_a_number(printed, op, value, unit):
    parsed = parse_value(printed)
    assert (parsed.op, parsed.value, parsed.unit, parsed.category) == (op, Decimal(value), unit, None)
    assert parsed.text == printed


@pytest.mark.parametrize(
    "printed, category",
    [
        ("稳步推进", "improved"),
        ("中长期", "duration"),
        ("有效提升", "improved"),
        ("达到预期效果", "achieved"),
        ("下降", "reduced"),
        ("≥上年", "relative"),
        ("无", "none"),
        ("积极有效", "improved"),
        ("良好", "other"),
    ],
)
def test_qualitative_values_get_a_category_not_a_number(printed, category):
    parsed = parse_value(printed)
    assert (parsed.value, parsed.category) == (None, category)


def test_numbers_of_lists_and_titles():
    from pipelines.text_patterns import cn_number

    assert [cn_number(t) for t in ("七", "十九", "二十", "07", "12", "", "表")] == [7, 19, 20, 7, 12, None, None]


def test_chinese_numerals():
    assert [chinese_number(t) for t in ("一", "十", "十二", "二十", "一百零五", "三千", "两")] == [
        1,
        10,
        12,
        20,
        105,
        3000,
        2,
    ]


@pytest.mark.parametrize(
    "target, actual, expected",
    [
        (">=45场", "=43场", "missed"),
        (">=8%", "2%", "missed"),
        (">=90%", "=100%", "met"),
        ("<=134.60万元", "=121.91万元", "met"),
        ("60个工作日", "=7个工作日", "met"),  # a time limit printed without an operator is an upper bound
        ("2018年12月底", "2018年12月前", "met"),
        ("=1场", "=1场", "met"),
    ],
)
def test_target_met(target, actual, expected):
    assert target_met(parse_value(target), parse_value(actual))[0] == expected


@pytest.mark.parametrize(
    "target, actual, reason",
    [
        ("稳步推进", "稳步推进", "qualitative"),
        ("7套", "100%", "套 but the actual value in %"),
        (">=90%", None, "no actual value"),
        ("=40个", "=41个", "exact value"),
    ],
)
def test_unknown_says_why(target, actual, reason):
    met, why = target_met(parse_value(target), parse_value(actual))
    assert met == "unknown" and reason in why


OPERATORS = {
    ">=": [">=", "≥", "不低于", "不少于"],
    "<=": ["<=", "≤", "不超过", "不高于"],
    ">": [">", "＞", "大于"],
    "<": ["<", "小于", "低于"],
    "=": ["=", "＝"],
}
UNITS = ["%", "％", "万元", "个", "人次", "吨", "个工作日", "场", "家", ""]


@given(
    op=st.sampled_from(sorted(OPERATORS)),
    spelling=st.integers(min_value=0, max_value=3),
    value=st.decimals(min_value=0, max_value=Decimal("9999999"), places=2, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(UNITS),
    full_width=st.booleans(),
    separators=st.booleans(),
    spaces=st.booleans(),
)
def test_generated_values_parse_to_their_operator_number_and_unit(
    op, spelling, value, unit, full_width, separators, spaces
):
    word = OPERATORS[op][spelling % len(OPERATORS[op])]
    number = f"{value:,}" if separators else f"{value}"
    if full_width:
        number = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    printed = f"{word}{' ' if spaces else ''}{number}{unit}"
    parsed = parse_value(printed)
    assert parsed.op == op
    assert parsed.value == value
    assert parsed.unit == ({"％": "%", "": None}.get(unit, unit))


_OPERATORS = {None, ">=", "<=", ">", "<", "="}
_CHINESE_NUMERALS = set("零〇一二两三四五六七八九十百千万")


@given(
    st.text(min_size=1, max_size=20) | st.from_regex(r"[<>=≥≤不低于以上前]{0,3}[0-9０-９.,-]{1,6}[万元个%％次人]{0,2}")
)
@example("0꯱")  # a Meetei Mayek digit, which NFKC keeps: it had been read as part of the number (1)
@example("-01")  # a leading zero after a sign: -1 is the number printed, though "-1" is not in the text
@example(".1")  # a number without its leading 0: it had been read as 1, with the unit ".1"
def test_any_text_parses_to_a_number_taken_from_it_or_a_category(text):
    parsed = parse_value(text)
    if not text.strip():
        assert parsed == parse_value(None)
        return
    normal = unicodedata.normalize("NFKC", "".join(text.split())).replace(",", "")
    assert parsed.text == "".join(text.split())  # the printed text is kept, white space removed
    assert (parsed.value is None) != (parsed.category is None)  # a number or a category, never both
    assert parsed.op in _OPERATORS
    if parsed.value is not None and parsed.unit != "date" and any(c.isascii() and c.isdigit() for c in normal):
        with_commas = unicodedata.normalize("NFKC", "".join(text.split()))
        printed = {  # read with its commas as thousands separators, or as ends of a number
            Decimal(n) for form in (normal, with_commas) for n in re.findall(r"[0-9]+\.?[0-9]*|\.[0-9]+", form)
        }
        assert parsed.value.copy_abs() in printed  # the number is one printed in the text
    if not any(c.isdigit() for c in normal) and not _CHINESE_NUMERALS & set(normal):
        assert parsed.value is None  # nothing to read a number from: no number made up
    if parsed.unit == "%":
        assert "%" in normal or "百分" in normal


def test_standard_categories():
    assert [
        standard_category(x, LEVEL1)
        for x in ("产出指标", "项目完成指标", "项目效果指标", "满意度指", "成本指标", "履职效能")
    ] == ["产出", "产出", "效益", "满意度", "成本", "履职效能"]
    assert [
        standard_category(x, LEVEL2)
        for x in ("数量指标", "经济成本指标", "社会效益\n指标", "可持续影响指标", "满意度指标")
    ] == ["数量", "经济成本", "社会效益", "可持续影响", "满意度"]
