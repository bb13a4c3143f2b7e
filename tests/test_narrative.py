"""Figures stated in the narrative of a 决算公开说明, and the accounting checks on them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from pipelines.model import Document, Page, Paragraph, UnreadPart
from pipelines.normalize import normalise
from pipelines.readers import read_document
from pipelines.recognise import extract
from pipelines.recognise.narrative import (
    Located,
    clean_label,
    function_line,
    item_key,
    read_narrative,
    sections,
)
from tests.conftest import SEED, TEXT_FIXTURES, load_into

NATIONAL = TEXT_FIXTURES / "final_accounts_national_phrasing.txt"


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


def _keyed(frame, key: str, measure: str, column: str = "amount_wan") -> list:
    rows = frame.filter((frame["item_key"] == key) & (frame["measure"] == measure))
    return rows[column].to_list()


def test_seed_004_totals_carry_our_keys_and_measures(facts):
    totals = facts["fact_budget_total"]
    # every figure of the Xinjiang phrasing has a key: the labels are all in the key list
    assert totals.filter(totals["item_key"].is_null())["item"].to_list() == []
    assert _keyed(totals, "收入总计", "amount") == [Decimal("19191.97")]
    assert _keyed(totals, "支出总计", "amount") == [Decimal("19191.97")]
    # 本年收入合计 is printed in section 一 and, as 本年收入, in section 二: one key
    assert _keyed(totals, "本年收入合计", "amount") == [Decimal("19118.04"), Decimal("19118.04")]
    assert _keyed(totals, "使用非财政拨款结余", "amount") == [Decimal("0.00")]
    # "收入支出总体与上年相比，增加2,250.46万元，增长13.28%": the change of the 收入支出总计
    assert _keyed(totals, "收入支出总计", "change") == [Decimal("2250.46")]
    assert _keyed(totals, "收入支出总计", "change_rate", "percent") == [Decimal("13.28")]
    assert _keyed(totals, "财政拨款收入", "share", "percent") == [Decimal("96.14")]
    # "与年初预算相比，年初预算数9,216.40万元，决算数18,450.07万元，预决算差异率100.19%"
    assert _keyed(totals, "财政拨款收入支出总计", "budget_initial") == [Decimal("9216.40")]
    assert _keyed(totals, "财政拨款收入支出总计", "budget_variance_rate", "percent") == [Decimal("100.19")]
    assert _keyed(totals, "一般公共预算财政拨款支出", "budget_variance_rate", "percent") == [Decimal("96.16")]
    assert _keyed(totals, "一般公共预算财政拨款支出", "amount") == [Decimal("18078.44"), Decimal("18078.44")]
    assert _keyed(totals, "人员经费", "amount") == [Decimal("7410.26")]
    # a percentage is never stored without its number
    percents = totals.filter(totals["unit"] == "%")
    # 13.28; six 占 of 收入; five 占 of 支出; 18.67, 100.19; 96.41, 16.32, 96.16
    assert percents.height == 17 and percents["percent"].null_count() == 0
    sentence = totals.filter(totals["item"] == "财政拨款收入占比")["printed_sentence"][0]
    assert sentence.startswith("本年收入19,118.04万元，其中：财政拨款收入18,380.13万元,占96.14%")


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
    # the vehicle subtotal is stated with its own change: "公务用车购置及运行维护费支出62.73万元，占50.58%，
    # 比上年增加7.11万元，增长12.78%"; its budget is stated only by its two parts
    vehicle = rows["vehicle"]
    assert (vehicle["actual_wan"], vehicle["share_pct"], vehicle["change_wan"], vehicle["change_pct"]) == (
        Decimal("62.73"),
        Decimal("50.58"),
        Decimal("7.11"),
        Decimal("12.78"),
    )
    assert vehicle["budget_wan"] is None
    assert rows["total"]["budget_kind"] == "全年预算" and rows["total"]["budget_variance_pct"] == 0


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
    keyed = {
        (r["item_key"], r["measure"], r["unit"]): r["value"] for r in facts["fact_stated_figure"].iter_rows(named=True)
    }
    assert keyed[("机关运行经费", "amount", "万元")] == Decimal("582.14")
    assert keyed[("机关运行经费", "change_rate", "%")] == Decimal("-7.95")
    assert keyed[("车辆", "value", "万元")] == Decimal("977.25")
    assert keyed[("预算绩效评价项目", "executed", "万元")] == Decimal("9342.15")
    assert keyed[("预算绩效评价项目", "budget_full_year", "万元")] == Decimal("9358.35")


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


# --- the national template's phrasing -------------------------------------------------------


@pytest.fixture(scope="module")
def national():
    frames, values = normalise(extract(read_document(NATIONAL)))
    truth = json.loads(NATIONAL.with_suffix(".truth.json").read_text(encoding="utf-8"))
    return frames, values, truth


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def test_national_phrasing_function_lines_are_all_read_exactly(national):
    frames, values, truth = national
    assert values == []
    lines = frames["fact_function_expenditure"]
    expected = [
        (
            t["no"],
            t["class"],
            t["section"],
            t["item"],
            t["budget_kind"],
            _decimal(t["budget"]),
            _decimal(t["amount"]),
            _decimal(t["completion_pct"]),
            t["purpose"],
            t["reason"],
        )
        for t in truth["function_lines"]
    ]
    found = lines.select(
        "line_no",
        "class_name",
        "section_name",
        "item_name",
        "budget_kind",
        "budget_wan",
        "amount_wan",
        "completion_pct",
        "purpose",
        "reason",
    ).rows()
    assert found == expected
    assert lines["amount_wan"].sum() == Decimal(truth["function_lines_sum"])
    # no change against last year is printed in this phrasing, and none is invented
    assert lines["change_wan"].null_count() == lines["change_pct"].null_count() == 9
    classes = {
        r["class_name"]: [str(r["amount_wan"].normalize()), str(r["share_pct"].normalize())]
        for r in frames["fact_function_class"].iter_rows(named=True)
    }
    assert classes == {
        k: [str(Decimal(a).normalize()), str(Decimal(p).normalize())] for k, (a, p) in truth["function_classes"].items()
    }


def test_national_phrasing_totals_have_keys_without_the_department_name(national):
    frames, _, truth = national
    totals = frames["fact_budget_total"]
    for expected in truth["totals"]:
        column = "percent" if expected["measure"] in ("share", "change_rate", "completion_rate") else "amount_wan"
        found = _keyed(totals, expected["key"], expected["measure"], column)
        assert Decimal(expected["value"]) in found, expected
        if "item" in expected:
            items = totals.filter((totals["item_key"] == expected["key"]) & (totals["measure"] == "amount"))["item"]
            assert items.to_list() == [expected["item"]]
    # the department's name is in no item: "中共上海市普陀区委社会工作部2024年度收入支出总计" → 收入支出总计
    assert not any("社会工作部" in item for item in totals["item"].to_list())
    stated = frames["fact_stated_figure"]
    for expected in truth["stated"]:
        rows = stated.filter((stated["item_key"] == expected["key"]) & (stated["measure"] == expected["measure"]))
        assert Decimal(expected["value"]) in rows["value"].to_list(), expected
    assert frames["fact_budget_total"]["department"].unique().to_list() == [truth["department"]]


def test_national_phrasing_three_public_reads_the_initial_budget_as_the_budget(national):
    frames, _, truth = national
    rows = {r["category"]: r for r in frames["fact_three_public"].iter_rows(named=True)}
    assert list(rows) == list(truth["three_public"])
    for category, values in truth["three_public"].items():
        for column, value in values.items():
            found = rows[category][column]
            assert (str(found) if column == "budget_kind" else found) == (
                value if column == "budget_kind" else Decimal(value)
            ), (category, column)


def test_national_phrasing_identities_hold(tmp_path):
    conn = load_into(tmp_path, NATIONAL)
    results = conn.execute("select rule, subject, passed from fact_check_result order by rule, subject").fetchall()
    rules = {rule for rule, _, _ in results}
    assert {"function_lines_total", "function_class_sum", "function_line_completion", "three_public_total"} <= rules
    assert [r for r in results if not r[2]] == []
    assert ("function_lines_total", "一般公共预算财政拨款支出", True) in results
    assert ("three_public_total", "三公经费决算数", True) in results
    completion = [subject for rule, subject, _ in results if rule == "function_line_completion"]
    assert completion == [
        "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）",
        "6、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）",
        "8、住房保障支出（类）住房改革支出（款）住房公积金（项）",
    ]
    assert conn.execute("select status from dim_document").fetchall() == [("loaded",)]


def test_a_completion_rate_that_does_not_follow_from_its_figures_fails(tmp_path):
    altered = tmp_path / "national_altered.txt"
    text = NATIONAL.read_text(encoding="utf-8").replace("完成全年预算数的99.55%", "完成全年预算数的95.55%")
    altered.write_text(text, encoding="utf-8")
    conn = load_into(tmp_path, altered)
    failed = conn.execute("select rule, subject, expected, found from fact_check_result where not passed").fetchall()
    assert failed == [
        (
            "function_line_completion",
            "6、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）",
            Decimal("95.55"),
            Decimal("99.55"),
        )
    ]


def _where() -> Located:
    return Located("", 21, None)


def test_a_line_in_either_phrasing_is_one_function_line():
    xinjiang = function_line(
        "12.社会保障和就业支出（类）企业改革补助（款）其他企业改革发展补助（项）：支出决算数为6.59万元，"
        "与上年相比无变化，主要原因是：人数较上年无变化。",
        _where(),
    )
    assert (xinjiang.amount, xinjiang.change, xinjiang.change_pct, xinjiang.budget, xinjiang.reason) == (
        "6.59",
        "0",
        "0",
        None,
        "人数较上年无变化。",
    )
    national = function_line(
        "3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。主要用于："
        "行政事业单位养老保险支出。年初预算为452.40万元，支出决算为446.11万元，完成年初预算的98.61%。"
        "决算数小于预算数的主要原因：机构改革人员变动。",
        _where(),
    )
    assert (national.budget_kind, national.budget, national.amount, national.completion_pct) == (
        "年初预算",
        "452.40",
        "446.11",
        "98.61",
    )
    assert (national.purpose, national.reason, national.change) == (
        "行政事业单位养老保险支出",
        "机构改革人员变动。",
        None,
    )


def test_a_line_whose_amount_cannot_be_read_is_an_unread_part_not_a_guess():
    unread: list[UnreadPart] = []
    # one producer draws the digits apart from their sentence: "支出决算为 万1560.05 1511.89元"
    text = "1、城乡社区支出（类）城乡社区管理事务（款）行政运行（项）。年初预算为万元，支出决算为万1560.051511.89元。"
    assert function_line(text, _where(), unread) is None
    assert len(unread) == 1
    assert unread[0].part == "paragraph" and unread[0].source_page == 21
    assert "支出决算 amount" in unread[0].reason and "行政运行（项）" in unread[0].reason
    # the template's placeholders are not figures, and not an unread part either
    template = (
        "1、教育支出（类）普通教育（款）初中教育（项）。主要用于：XXXXXXXX。年初预算为XXX万元，支出决算为XXX万元。"
    )
    assert function_line(template, _where(), unread) is None and len(unread) == 1


def _document(*texts: str) -> Document:
    return Document("x", "x.pdf", "pdf", [Page(21, [Paragraph(t, page=21) for t in texts])])


def test_a_rate_printed_without_its_unit_is_an_unread_part():
    # 上海市普陀区规划和自然资源局, page 21: "…一般公共预算财政拨款支出增加1193.20万元，增长13.95。"
    unread: list[UnreadPart] = []
    narrative = read_narrative(
        _document(
            "五、一般公共预算财政拨款支出决算情况说明",
            "（一）一般公共预算财政拨款支出决算总体情况",
            "一般公共预算财政拨款支出9746.50万元，占本年支出合计的99.86%。与2023年度相比，一般公共预算财政拨款"
            "支出增加1193.20万元，增长13.95。主要原因：项目支出增加，较上一度增加1133.95万元。",
        ),
        unread,
    )
    figures = [(f.key, f.measure, f.value) for f in narrative.budget_totals]
    assert figures == [
        ("一般公共预算财政拨款支出", "amount", "9746.50"),
        ("一般公共预算财政拨款支出", "share", "99.86"),
        ("一般公共预算财政拨款支出", "change", "1193.20"),
    ]  # and not the 1133.95 of the reason
    assert [(u.part, u.source_page, u.column_name) for u in unread] == [("value", 21, "percent")]
    assert "'增长13.95'" in unread[0].reason


def test_a_heading_glued_to_the_paragraph_before_starts_its_section():
    found = sections(
        _document(
            "六、一般公共预算财政拨款基本支出决算情况说明",
            "一般公共预算财政拨款基本支出105.58万元。七、财政拨款“三公”经费支出决算情况说明",
            "本部门2024年度无“三公”经费财政拨款支出。",
        )
    )
    assert [(heading, [p.text for p in paragraphs]) for heading, paragraphs in found] == [
        ("一般公共预算财政拨款基本支出决算情况说明", ["一般公共预算财政拨款基本支出105.58万元。"]),
        ("财政拨款“三公”经费支出决算情况说明", ["本部门2024年度无“三公”经费财政拨款支出。"]),
    ]


@pytest.mark.parametrize(
    ("printed", "label", "key"),
    [
        ("中共上海市普陀区委社会工作部2024年度收入支出总计", "收入支出总计", "收入支出总计"),
        ("上海市普陀区规划和自然资源局2024年度财政拨款收入支出总计", "财政拨款收入支出总计", "财政拨款收入支出总计"),
        ("2024年度收入总计", "收入总计", "收入总计"),
        ("本年收入", "本年收入", "本年收入合计"),
        ("使用非财政拨款结余（含专用结余）", "使用非财政拨款结余（含专用结余）", "使用非财政拨款结余"),
        ("2024年度一般公共预算财政拨款基本支出", "一般公共预算财政拨款基本支出", "一般公共预算财政拨款基本支出"),
        ("副部（省）级及以上领导用车", "副部（省）级及以上领导用车", None),
    ],
)
def test_labels_lose_the_department_and_year_and_get_our_key(printed, label, key):
    assert clean_label(printed) == label
    assert item_key(label) == key


def test_figures_drawn_apart_from_their_sentence_are_unread_parts_not_wrong_figures():
    # issue 14: one producer draws a sentence's digits on another baseline, and text extraction gives
    # "年初预算为 万元，支出决算为 万1560.05 1511.89元". Read as it stands, "万1511.89元" would load 0.151189
    # 万元, and "本年收入合计 万1560.05 1511.89元" 1511.89 元: a wrong figure each. None is loaded.
    unread: list[UnreadPart] = []
    narrative = read_narrative(
        _document(
            "一、收入支出决算总体情况说明",
            "本部门2024年度收入支出总计万元。",
            "二、收入决算情况说明",
            "本年收入合计 万1560.05 1511.89元，其中：财政拨款收入 1511.89 万元。",
            "三、支出决算情况说明",
            "本年支出合计万1511.89元。",
            "七、财政拨款“三公”经费支出决算情况说明",
            "“三公”经费财政拨款支出年初预算为 万元，支出决算为 万2.85 0.39元。",
        ),
        unread,
    )
    assert [(f.key, f.value, f.unit) for f in narrative.budget_totals] == [("财政拨款收入", "1511.89", "万元")]
    assert narrative.three_public == []
    assert [u.reason.split(": ")[1] for u in unread] == [
        "'本部门2024年度收入支出总计万元'",
        "'本年收入合计万1560.05 1511.89元'",
        "'本年支出合计万1511.89元'",
        "'“三公”经费财政拨款支出年初预算为万元'",
        "'支出决算为万2.85 0.39元'",
    ]
    assert all(u.part == "value" and u.source_page == 21 for u in unread)
