"""Figures stated in the narrative of a 决算公开说明, and the accounting checks on them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipelines.normalize import normalise
from pipelines.readers import read_document
from pipelines.recognise import extract
from tests.conftest import SEED, TEXT_FIXTURES, load_into


@pytest.fixture(scope="module")
def facts():
    frames, warnings = normalise(extract(read_document(SEED["004"])))
    assert warnings == []
    return frames


def _amount(frame, **where) -> Decimal:
    rows = frame
    for column, value in where.items():
        rows = rows.filter(rows[column] == value)
    assert rows.height == 1, where
    return rows["amount_wan"][0]


def test_stated_totals_are_exact(facts):
    totals = facts["fact_budget_total"]
    overall = "收入支出决算总体情况说明"
    assert _amount(totals, section=overall, item="收入总计") == Decimal("19191.97")
    assert _amount(totals, section=overall, item="本年收入合计") == Decimal("19118.04")
    assert _amount(totals, section=overall, item="本年支出合计") == Decimal("18751.58")
    assert _amount(totals, section="支出决算情况说明", item="基本支出") == Decimal("8779.08")
    assert _amount(totals, section="支出决算情况说明", item="项目支出") == Decimal("9972.51")
    assert _amount(totals, section="财政拨款收入支出决算总体情况说明", item="年初预算数") == Decimal("9216.40")
    rate = totals.filter((totals["item"] == "预决算差异率") & (totals["section"] == "财政拨款收入支出决算总体情况说明"))
    assert rate["percent"].to_list() == [Decimal("100.19")]
    change = totals.filter(totals["item"] == "收入支出总体比上年增减率")
    assert change["percent"].to_list() == [Decimal("13.28")]


def test_twenty_function_lines_add_to_the_stated_total_within_rounding(facts):
    lines = facts["fact_function_expenditure"]
    assert lines.height == 20
    assert lines["amount_wan"].sum() == Decimal("18078.45")
    stated = _amount(facts["fact_budget_total"], item="一般公共预算财政拨款支出")
    assert stated == Decimal("18078.44")
    first = lines.row(0, named=True)
    assert (first["class_name"], first["section_name"], first["item_name"]) == (
        "一般公共服务支出",
        "商贸事务",
        "行政运行",
    )
    assert (first["amount_wan"], first["change_wan"], first["change_pct"]) == (
        Decimal("3275.10"),
        Decimal("-318.14"),
        Decimal("-8.85"),
    )
    assert first["subject_code"] is None and first["reason"].startswith("商务厅本级在职人员较上年减少11人")
    unchanged = lines.filter(lines["item_name"] == "其他企业改革发展补助").row(0, named=True)
    assert (unchanged["change_wan"], unchanged["change_pct"]) == (0, 0)
    classes = facts["fact_function_class"]
    assert classes.height == 8 and classes["amount_wan"].sum() == Decimal("18078.44")


def test_three_public_total_and_counts(facts):
    rows = {r["category"]: r for r in facts["fact_three_public"].iter_rows(named=True)}
    assert rows["total"]["actual_wan"] == Decimal("124.03") == rows["total"]["budget_wan"]
    parts = [rows[c]["actual_wan"] for c in ("overseas", "vehicle_purchase", "vehicle_operation", "reception")]
    assert parts == [Decimal("59.30"), Decimal("0.00"), Decimal("62.73"), Decimal("2.00")]
    assert sum(parts) == Decimal("124.03")
    assert (rows["overseas"]["groups"], rows["overseas"]["person_trips"]) == (7, 22)
    assert rows["vehicle_operation"]["vehicles_held"] == 32
    assert (rows["reception"]["batches"], rows["reception"]["person_trips"]) == (22, 130)
    assert rows["total"]["change_wan"] == Decimal("41.35")


def test_other_stated_figures(facts):
    stated = {(r["item"], r["unit"]): r["value"] for r in facts["fact_stated_figure"].iter_rows(named=True)}
    assert stated[("政府采购支出总额", "万元")] == Decimal("4473.45")
    assert stated[("政府采购货物支出", "万元")] + stated[("政府采购工程支出", "万元")] + stated[
        ("政府采购服务支出", "万元")
    ] == Decimal("4473.45")
    assert stated[("授予中小企业合同金额占政府采购支出总额的", "%")] == Decimal("96.15")
    assert stated[("房屋", "平方米")] == Decimal("91006.81")
    assert stated[("车辆价值", "万元")] == Decimal("977.25")
    assert stated[("预算绩效评价项目", "个")] == 26
    assert stated[("全年执行数", "万元")] == Decimal("9342.15")
    assert stated[("（行政单位和参照公务员法管理事业单位）机关运行经费支出比上年增减", "万元")] == Decimal("-50.29")


def test_identities_hold_on_seed_004(tmp_path):
    conn = load_into(tmp_path, SEED["004"])
    results = {
        (rule, subject): (passed, difference)
        for rule, subject, passed, difference in conn.execute(
            "select rule, subject, passed, difference from fact_check_result"
        ).fetchall()
    }
    rules = {rule for rule, _ in results}
    assert rules >= {
        "income_total_identity",
        "expenditure_total_identity",
        "expenditure_parts_identity",
        "income_parts_identity",
        "fiscal_total_identity",
        "function_lines_total",
        "function_class_sum",
        "three_public_total",
        "project_execution_rate",
        "project_total_score",
        "evaluated_projects_executed",
    }
    # 18,078.45 (20 lines) against 18,078.44 stated: a difference of 0.01, inside 20 × 0.01
    assert results[("function_lines_total", "一般公共预算财政拨款支出")] == (True, Decimal("0.01"))
    # 8,779.08 + 9,972.51 = 18,751.59 against 18,751.58: rounding, inside 5 × 0.01
    assert results[("expenditure_parts_identity", "本年支出合计")] == (True, Decimal("0.01"))
    assert results[("evaluated_projects_executed", "项目支出绩效自评 全年执行数")] == (True, Decimal("0"))
    identities = [r for r in results if not r[0].startswith("project_fund")]
    assert all(results[r][0] for r in identities), [r for r in identities if not results[r][0]]


def test_an_altered_figure_fails_its_checks_and_still_loads(tmp_path):
    conn = load_into(tmp_path, TEXT_FIXTURES / "final_accounts_narrative_altered.txt")
    failed = conn.execute(
        "select rule, subject, difference from fact_check_result where not passed order by rule, subject"
    ).fetchall()
    assert failed == [
        ("function_class_sum", "一般公共服务支出", Decimal("10.01")),  # 0.01 of rounding in the file
        ("function_lines_total", "一般公共预算财政拨款支出", Decimal("10.01")),
        ("three_public_total", "三公经费决算数", Decimal("0.50")),
    ]
    status = conn.execute("select status from dim_document").fetchall()
    assert status == [("loaded",)]
