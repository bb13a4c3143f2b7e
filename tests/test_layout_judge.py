"""The sweep's judgement of a rendering against its text form (scripts/render/facts.py): agree,
values recorded as unread, printed values lost without a record, or loaded wrong."""

from __future__ import annotations

from decimal import Decimal

from scripts.render.facts import UNREAD, Facts, judge

FUND = ("project_name", "fund_source", "executed", "executed_text", "fund_label")
PARTS = ("part", "project_name", "reason")
ROW = ("港澳", "total", Decimal("478.78"), "478.78", "年度资金总额")
OTHER = ("港澳", "other", Decimal("0"), "0.00", "其他资金")


def _facts(funds: list[tuple], unread: list[tuple] = (), warnings: list[str] = ()) -> Facts:
    return Facts(
        columns={"fact_project_fund": FUND, UNREAD: PARTS},
        rows={"fact_project_fund": list(funds), UNREAD: list(unread)},
        warnings=list(warnings),
    )


TEXT = _facts([ROW, OTHER])


def test_the_same_facts_agree():
    assert judge(_facts([OTHER, ROW]), TEXT).outcome == "agree"


def test_a_value_that_did_not_fit_left_null_and_recorded_is_unread():
    nulled = ("港澳", "total", None, "478.7 8", "年度资金总额")
    found = _facts([nulled, OTHER], [("value", "港澳", "not an amount")])
    assert judge(found, TEXT).outcome == "unread"


def test_a_row_missing_with_an_unread_part_of_its_project_is_unread():
    assert judge(_facts([OTHER], [("row", "港澳", "cut")]), TEXT).outcome == "unread"


def test_a_row_missing_with_unread_parts_of_another_project_only_is_lost():
    verdict = judge(_facts([OTHER], [("row", "职业技能大赛", "cut")]), TEXT)
    assert verdict.outcome == "lost"
    assert "港澳" in verdict.lines[0]


def test_a_printed_name_left_null_is_lost_not_unread():
    no_label = ("港澳", "total", Decimal("478.78"), "478.78", None)
    assert judge(_facts([no_label, OTHER], [("row", "港澳", "x")]), TEXT).outcome == "lost"


def test_a_figure_that_differs_is_wrong_whatever_was_recorded():
    half = ("港澳", "total", Decimal("478"), "478", "年度资金总额")
    verdict = judge(_facts([half, OTHER], [("row", "港澳", "x")]), TEXT)
    assert verdict.outcome == "wrong"
    assert verdict.lines[0].startswith("fact_project_fund: loaded a row the text form does not have")


TABLE = ("table_no", "title_printed", "body_rows", "value_count")
STANDARD_PARTS = ("part", "project_name", "table_kind", "reason")


def _tables(table: tuple, unread: list[tuple] = ()) -> Facts:
    return Facts(
        columns={"fact_standard_table": TABLE, UNREAD: STANDARD_PARTS},
        rows={"fact_standard_table": [table], UNREAD: list(unread)},
        warnings=[],
    )


def test_a_table_counting_fewer_figures_read_with_its_unread_parts_is_unread():
    # body_rows and value_count count what was read: with figures of table 4 recorded unread they
    # are lower than the text form's, and that is no wrong fact (real-PDF variant 411)
    text = _tables((4, "财政拨款收入支出决算总表", 8, 17))
    found = _tables((4, "财政拨款收入支出决算总表", 0, 0), [("value", None, "standard_04", "no item")])
    assert judge(found, text).outcome == "unread"


def test_a_table_counting_fewer_figures_read_without_its_unread_parts_is_wrong():
    text = _tables((4, "财政拨款收入支出决算总表", 8, 17))
    other = [("value", None, "standard_02", "no item")]
    assert judge(_tables((4, "财政拨款收入支出决算总表", 0, 0), other), text).outcome == "wrong"
    more = _tables((4, "财政拨款收入支出决算总表", 9, 17), [("value", None, "standard_04", "x")])
    assert judge(more, text).outcome == "wrong"  # more rows read than printed
