"""Normalisation of printed values with polars expressions."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from pipelines.normalize import amount_wan, number, percent


def _apply(expr, values):
    return pl.DataFrame({"v": values}, schema={"v": pl.String}).select(expr.alias("out"))["out"].to_list()


def test_amounts_in_wan_yuan_with_separators_and_full_width():
    values = ["478.78", "428万元\u3000", "1,234.50", "5000元", "１２.５万元", "—", "-", "", None]
    assert _apply(amount_wan("v"), values) == [
        Decimal("478.78"),
        Decimal("428"),
        Decimal("1234.5"),
        Decimal("0.5"),
        Decimal("12.5"),
        None,
        None,
        None,
        None,
    ]


def test_percentages_and_scores():
    assert _apply(percent("v"), ["90.58%", "100", "87.50％", "—"]) == [
        Decimal("90.58"),
        Decimal("100"),
        Decimal("87.5"),
        None,
    ]
    assert _apply(number("v"), ["89.34分", "100.00分", "10"]) == [Decimal("89.34"), Decimal("100"), Decimal("10")]


@given(
    st.decimals(min_value=0, max_value=Decimal("999999999"), places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "万元", "元"]),
    st.booleans(),
)
def test_any_printed_amount_round_trips(value, unit, separators):
    printed = f"{value:,.2f}" if separators else f"{value:.2f}"
    expected = value / 10000 if unit == "元" else value
    (parsed,) = _apply(amount_wan("v"), [printed + unit])
    assert parsed == expected.quantize(Decimal("0.000001"))
