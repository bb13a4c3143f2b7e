"""The nine standard tables: read from the fixture PDFs into exactly the figures the fixtures were
built from (tests/fixtures/standard_tables/expected.json), and their identities checked."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from pipelines.normalize import normalise
from pipelines.readers import read_document
from pipelines.recognise import extract
from pipelines.recognise.standard_tables import title_number
from tests.conftest import FIXTURES, SEED, load_into

FOLDER = FIXTURES / "standard_tables"
TRUTH = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))


def _expected_values(table: dict, scale: Decimal) -> set[tuple]:
    """(side, line_no, code, item, column, 万元) of every figure printed in one expected table."""
    out = set()
    columns = table["columns"]
    for row in table["rows"]:
        side = row.get("side")
        item = row.get("item") or row.get("name")
        for column, value in row["values"].items():
            if value is None:
                continue
            if table["layout"] == "sangong_horizontal":
                measure, *rest = column.split("/")
                if rest and rest[-1] == "小计" and len(rest) > 1:
                    rest = rest[:-1]
                key, name = measure, rest[-1]
            else:
                listed = columns[side] if isinstance(columns, dict) else columns
                path = next(c["path"] for c in listed if c["key"] == column)
                key = "/".join(path[1:] if side and path[0] == side else path)
                name = item
                if table["layout"] == "sangong_vertical":  # the truth names 其中 lines by their path
                    parts = item.split("/")
                    name = parts[-2] if parts[-1] == "小计" and len(parts) > 1 else parts[-1]
            amount = (Decimal(str(value)) / scale).quantize(Decimal("0.000001"))
            # tables 1 and 4 print no 科目编码 (the truth file knows the 类 code, the page does not)
            code = None if table["layout"] == "halves" else row.get("code")
            out.add((side, row.get("line_no"), code, name, key, amount))
    return out


@pytest.mark.parametrize("pdf", ["standard_tables_wan.pdf", "standard_tables_yuan.pdf"])
def test_nine_tables_read_into_the_figures_they_were_built_from(pdf: str):
    variant = TRUTH["variants"][TRUTH["fixtures"][pdf]["variant"]]
    scale = Decimal(variant["scale_from_wan"])
    extraction = extract(read_document(FOLDER / pdf))
    frames, warnings = normalise(extraction)
    assert warnings == []
    tables = {t.number: t for t in extraction.standard_tables}
    assert sorted(tables) == list(range(1, 10))
    values = frames["fact_standard_value"]
    for expected in variant["tables"]:
        number = expected["no"]
        table = tables[number]
        assert (table.key, table.unit, table.empty) == (
            expected["key"].replace("“", "").replace("”", ""),
            expected["unit"],
            expected["empty"],
        ), number
        assert table.label == expected["table_number"]
        mine = values.filter(values["table_no"] == number)
        found = {
            (
                r["side"],
                r["line_no"],
                r["subject_code"],
                r["item_name"],
                r["column_key"] if number == 9 else r["column_name"],
                r["amount_wan"],
            )
            for r in mine.iter_rows(named=True)
        }
        assert found == _expected_values(expected, scale), f"table {number}"
        # the printed text is kept, in the printed unit
        if number == 5 and scale != 1:
            total = mine.filter((mine["level"] == "合计") & (mine["column_name"] == "本年支出/小计"))
            assert total["amount_text"].to_list() == ["180,784,400.00"]
            assert total["amount_wan"].to_list() == [Decimal("18078.44")]
    assert tables[7].note.startswith("注：本单位无政府性基金预算财政拨款收入")
    assert tables[8].empty and tables[8].note


def test_codes_printed_as_one_column_and_as_three_give_the_same_lines():
    def lines(pdf: str) -> set:
        values = normalise(extract(read_document(FOLDER / pdf)))[0]["fact_standard_value"]
        return {
            (r["table_no"], r["subject_code"], r["level"], r["class_name"], r["section_name"])
            for r in values.iter_rows(named=True)
            if r["subject_code"]
        }

    assert lines("standard_tables_wan.pdf") == lines("standard_tables_yuan.pdf")


@pytest.mark.parametrize(
    "title, number",
    [
        ("收入支出决算总表", 1),
        ("《收入支出决算总表》", 1),
        ("公开01表 收入支出决算总表", 1),
        ("表五 一般公共预算财政拨款支出决算表", 5),
        ("2024年度财政拨款收入支出决算总表", 4),
        ("财政拨款“三公”经费支出决算表", 9),
        ('财政拨款"三公"经费支出决算表', 9),
        (
            "本部门本年度无政府性基金预算财政拨款收入、支出及结转和结余，政府性基金预算财政拨款收入支出决算表为空表。",
            None,
        ),
    ],
)
def test_titles_are_recognised_however_they_are_worded(title: str, number: int | None):
    assert title_number(title) == number


def test_identities_hold_on_the_tables_and_agree_with_the_narrative(tmp_path):
    conn = load_into(tmp_path, SEED["004"], FOLDER / "standard_tables_wan.pdf", FOLDER / "standard_tables_yuan.pdf")
    rules = dict(
        conn.execute(
            "select rule, count(*) from fact_check_result where source_file like 'standard%' group by rule"
        ).fetchall()
    )
    assert set(rules) >= {
        "standard_hierarchy_sum",
        "standard_row_total",
        "standard_total_identity",
        "standard_three_public",
        "narrative_table_agreement",
    }
    failed = conn.execute(
        "select source_file, rule, subject from fact_check_result where not passed and source_file like 'standard%'"
    ).fetchall()
    assert failed == []
    agreement = conn.execute(
        "select subject, expected, found from fact_check_result where rule = 'narrative_table_agreement' "
        "and source_file = 'standard_tables_yuan.pdf' and subject like '表5 合计%'"
    ).fetchall()
    assert agreement == [("表5 合计 / 说明 一般公共预算财政拨款支出", Decimal("18078.44"), Decimal("18078.44"))]


def test_the_altered_figure_makes_exactly_its_checks_fail(tmp_path):
    conn = load_into(tmp_path, SEED["004"], FOLDER / "standard_tables_altered.pdf")
    failed = conn.execute(
        "select rule, subject, difference from fact_check_result "
        "where not passed and source_file = 'standard_tables_altered.pdf' order by rule"
    ).fetchall()
    assert failed == [
        (
            "narrative_table_agreement",
            "表5 2011301 行政运行 / 说明 一般公共服务支出（类）商贸事务（款）行政运行（项）",
            Decimal("10.00"),
        ),
        ("standard_hierarchy_sum", "表5 20113 商贸事务 本年支出/小计", Decimal("10.01")),
        ("standard_row_total", "表5 2011301 行政运行", Decimal("-10.00")),
    ]
    assert conn.execute(
        "select status from dim_document where source_file = 'standard_tables_altered.pdf'"
    ).fetchall() == [("loaded",)]
