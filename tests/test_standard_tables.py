"""The nine standard tables: every fixture (each layout, as .xlsx, .xls and PDF by two producers)
gives exactly the figures it was drawn from, each with its full label (the *.facts.json beside
the fixtures, written from the same data); the workbook and its PDFs give the same facts; the
identities hold on the fixtures and the altered figure fails exactly its checks."""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.model import Cell, Document, Page, Paragraph, Row, Table, UnreadPart
from pipelines.normalize import READ_COLUMNS, normalise
from pipelines.readers import read_document
from pipelines.recognise import extract
from pipelines.recognise.standard_tables import match_title, printed_number, read_standard_tables, title_number
from scripts.measure_standard_tables import KEYS  # what a figure with its full label is
from tests.conftest import FIXTURES, SEED, load_into

FOLDER = FIXTURES / "standard_tables"
VARIANTS = ("wan", "yuan", "national", "blocks3", "funds")
FILES = [f"standard_tables_{v}{ext}" for v in VARIANTS for ext in (".xlsx", ".xls", ".pdf", "_reportlab.pdf")]


def _truth(variant: str) -> dict:
    return json.loads((FOLDER / f"standard_tables_{variant}.facts.json").read_text(encoding="utf-8"))


def _expected(variant: str) -> Counter:
    return Counter(
        tuple(Decimal(f[k]).quantize(Decimal("0.000001")) if k == "amount_wan" else f[k] for k in KEYS)
        for f in _truth(variant)["facts"]
    )


@functools.cache
def _read(path: Path):
    """Each fixture is read once for all the tests of this file."""
    extraction = extract(read_document(path))
    frames, _ = normalise(extraction)
    return extraction, frames


def _loaded(frames) -> Counter:
    return Counter(tuple(r[k] for k in KEYS) for r in frames["fact_standard_value"].iter_rows(named=True))


@pytest.mark.parametrize("name", FILES)
def test_every_printed_figure_is_loaded_with_its_label_and_nothing_else(name: str):
    variant = name.removeprefix("standard_tables_").split(".")[0].removesuffix("_reportlab")
    extraction, frames = _read(FOLDER / name)
    want, got = _expected(variant), _loaded(frames)
    missing = want - got
    wrong = got - want
    shown = f"missing {sorted(missing, key=repr)[:5]}; loaded wrong {sorted(wrong, key=repr)[:5]}"
    assert not missing and not wrong, shown
    assert frames["fact_unread_part"].is_empty()
    tables = {t.number: t for t in extraction.standard_tables}
    truth = {t["no"]: t for t in _truth(variant)["table_list"]}
    assert sorted(tables) == sorted(truth)  # each standard table once
    for number, entry in truth.items():
        table = tables[number]
        assert (table.printed_no, table.label, table.empty, table.note) == (
            entry["printed_no"],
            entry["label"],
            entry["empty"],
            entry["note"],
        ), number


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_workbook_and_its_pdfs_give_the_same_facts(variant: str):
    def facts(name: str) -> set:
        frame = _read(FOLDER / name)[1]["fact_standard_value"]
        return set(frame.drop("source_page", "source_line", "doc_id", "source_file", *READ_COLUMNS).rows())

    stem = f"standard_tables_{variant}"
    workbook = facts(f"{stem}.xlsx")
    assert workbook == facts(f"{stem}.xls") == facts(f"{stem}.pdf") == facts(f"{stem}_reportlab.pdf")


def test_table_6_in_blocks_files_each_figure_under_its_own_blocks_code():
    """The issue's case: in 人员经费 | 公用经费 | 公用经费 (continued), 办公费 is 30201 公用经费, never
    under 30101 基本工资, and 公用经费合计 is not 人员经费合计."""
    frames = _read(FOLDER / "standard_tables_blocks3.xlsx")[1]["fact_standard_value"]
    six = {(r["subject_code"], r["item_name"]): r for r in frames.filter(frames["table_no"] == 6).iter_rows(named=True)}
    assert six[("30201", "办公费")]["column_key"] == "公用经费"
    assert six[("30201", "办公费")]["amount_text"] == "1,684,200.00"
    assert six[("30101", "基本工资")]["amount_text"] == "13,564,800.00"
    assert six[(None, "人员经费合计")]["amount_wan"] == Decimal("7410.26")
    assert six[(None, "公用经费合计")]["amount_wan"] == Decimal("1192.80")
    assert six[(None, "公用经费合计")]["block_no"] == 3  # its figure under the third block
    assert {r["block_no"] for r in six.values() if r["subject_code"] and r["subject_code"].startswith("310")} == {3}
    # no subject code is ever an amount
    assert not any(r["amount_text"] == r["subject_code"] for r in six.values())


def test_a_sub_line_keeps_its_parent():
    frames = _read(FOLDER / "standard_tables_wan.pdf")[1]["fact_standard_value"]
    four = frames.filter((frames["table_no"] == 4) & (frames["item_name"] == "一般公共预算财政拨款"))
    assert sorted((r["line_no"], r["parent_item"], str(r["amount_wan"])) for r in four.iter_rows(named=True)) == [
        ("1", None, "18380.130000"),
        ("29", "年初财政拨款结转和结余", "69.940000"),
    ]


def _identities(tmp_path, *files: Path):
    conn = load_into(tmp_path, SEED["004"], *files, separate=True)
    rows = conn.execute(
        "select source_file, rule, subject, passed from fact_check_result where source_file like 'standard%'"
    ).fetchall()
    return conn, rows


def test_identities_hold_on_every_layout_and_agree_with_the_narrative(tmp_path):
    files = [FOLDER / f"standard_tables_{v}.xlsx" for v in VARIANTS]
    conn, rows = _identities(tmp_path, *files)
    # the funds workbook prints tables 7 and 8 only: its completeness warnings are right
    funds = [
        subject
        for file, rule, subject, _ in rows
        if file == "standard_tables_funds.xlsx" and rule == "standard_table_completeness"
    ]
    assert len(funds) == 7
    rows = [r for r in rows if r[1] != "standard_table_completeness"]
    assert {
        (r[1], r[3]) for r in rows if r[0] == "standard_tables_funds.xlsx" and r[1] != "standard_table_misread"
    } == {
        ("standard_hierarchy_sum", True),
        ("standard_row_total", True),
    }
    rules = Counter(rule for _, rule, _, _ in rows)
    for rule in (
        "standard_hierarchy_sum",
        "standard_row_total",
        "standard_total_identity",
        "standard_three_public",
        "standard_table_agreement",
        "standard_table_misread",
        "narrative_table_agreement",
    ):
        assert rules[rule] > 0, rule
    assert [r for r in rows if not r[3]] == []
    agreement = conn.execute(
        "select subject, expected, found from fact_check_result where rule = 'narrative_table_agreement' "
        "and source_file = 'standard_tables_yuan.xlsx' and subject like '表5 合计%' order by subject"
    ).fetchall()
    assert agreement == [
        ("表5 合计 / 说明 一般公共预算财政拨款支出", Decimal("18078.44"), Decimal("18078.44")),
        ("表5 合计 基本支出 / 说明 一般公共预算财政拨款基本支出", Decimal("8603.06"), Decimal("8603.06")),
    ]
    # table 6's total agrees with table 5's 基本支出, whether table 6 is plain or in blocks
    basic = conn.execute(
        "select source_file, found from fact_check_result where rule = 'standard_table_agreement' "
        "and subject = '表6 合计 = 表5 合计 基本支出' order by source_file"
    ).fetchall()
    assert [found for _, found in basic] == [Decimal("8603.06")] * 4


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


# --- titles, numbering, completeness --------------------------------------------------------


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
        ("表7 “三公”经费及会议费、培训费支出决算表", 9),
        ("国有资本经营预算财政拨款支出决算表", 8),
        ("七、财政拨款“三公”经费支出决算表", 9),
        ("中共上海市普陀区委社会工作部2024年度一般公共预算财政拨款基本支出决算表", 6),
        (
            "本部门本年度无政府性基金预算财政拨款收入、支出及结转和结余，政府性基金预算财政拨款收入支出决算表为空表。",
            None,
        ),
        ("八、政府性基金预算财政拨款收入支出决算情况说明", None),
    ],
)
def test_titles_are_recognised_however_they_are_worded(title: str, number: int | None):
    assert title_number(title) == number


@pytest.mark.parametrize(
    "title, label, printed",
    [
        ("公开07表 政府性基金预算财政拨款收入支出决算表", "公开07表", 7),
        ("表九 财政拨款“三公”经费支出决算表", "表九", 9),
        ("附表7 财政拨款“三公”经费支出决算表", "附表7", 7),
        ("2024年度部门决算表一、收入支出决算总表", None, None),  # 决算表一 is not a label
    ],
)
def test_the_printed_label_and_number_are_kept(title: str, label: str | None, printed: int | None):
    found = match_title(title)
    assert found.label == label
    assert printed_number(found.label) == printed


def _doc(*blocks) -> Document:
    return Document(doc_id="x", source_file="toc.txt", file_type="text", pages=[Page(None, list(blocks))])


def _table(*rows: list[str]) -> Table:
    return Table(
        rows=tuple(
            Row(cells=tuple(Cell(text=t, row=i, col=j) for j, t in enumerate(r)), index=i) for i, r in enumerate(rows)
        )
    )


def test_a_list_of_titles_is_not_a_table_and_gives_the_printed_numbers():
    doc = _doc(
        Paragraph("目录"),
        Paragraph("七、财政拨款“三公”经费支出决算表"),
        Paragraph("八、政府性基金预算财政拨款收入支出决算表"),
        Paragraph("财政拨款“三公”经费支出决算表"),
        Paragraph("单位：万元"),
        _table(["项目", "预算数", "决算数"], ["合计", "2.85", "0.39"]),
        Paragraph("政府性基金预算财政拨款收入支出决算表"),
        _table(["项目", "本年收入", "本年支出"], ["合计", "", ""]),
        Paragraph("说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"),
    )
    tables = read_standard_tables(doc, [])
    assert [(t.number, t.printed_no, t.empty) for t in tables] == [(9, 7, False), (7, 8, True)]
    assert tables[1].note == "说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"


def test_an_empty_tables_note_is_found_after_any_short_paragraphs_before_the_next_title():
    # real-PDF variant 45 (Chromium): the table's last heading row read outside its rules, then
    # its 注, the template's instruction and at last the note (the fourth paragraph after it)
    doc = _doc(
        Paragraph("政府性基金预算财政拨款收入支出决算表"),
        Paragraph("单位：万元"),
        _table(["项目", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"]),
        Paragraph("合计合计基本支出项目支出"),
        Paragraph("注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。"),
        Paragraph("无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明："),
        Paragraph("说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"),
        Paragraph("国有资本经营预算财政拨款收入支出决算表"),
    )
    (table,) = read_standard_tables(doc, [])
    assert (table.number, table.empty) == (7, True)
    assert table.note == "说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"


def test_a_figure_under_no_column_heading_is_never_loaded():
    # real-PDF variant 159: table 3's first heading row lost, the figures stood under no heading
    # and were loaded with an empty column
    doc = _doc(
        Paragraph("支出决算表"),
        _table(
            ["功能分类科目编码", "科目名称", "", ""],
            ["201", "一般公共服务支出", "264.87", "62.63"],
        ),
    )
    unread: list = []
    (table,) = read_standard_tables(doc, unread)
    assert table.values == [] and not table.empty  # it printed figures, which are unread
    assert [u.text for u in unread] == ["264.87", "62.63"]
    assert all("no column heading" in u.reason for u in unread)


def test_codes_and_percentages_are_never_amounts():
    doc = _doc(
        Paragraph("一般公共预算财政拨款支出决算表"),
        _table(
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["201", "一般公共服务支出", "12.50", "2011301", "10.00"],
            ["2011301", "行政运行", "12.50", "12.5%", "10.00"],
            ["", "", "3.00", "", ""],
        ),
    )
    unread = []
    table = read_standard_tables(doc, unread)[0]
    assert [(v.code, v.column, v.text) for v in table.values] == [
        ("201", "合计", "12.50"),
        ("201", "项目支出", "10.00"),
        ("2011301", "合计", "12.50"),
        ("2011301", "项目支出", "10.00"),
    ]
    assert [u.text for u in unread] == ["2011301", "12.5%", "3.00"]
    assert "科目编码" in unread[0].reason and "percentage" in unread[1].reason and "no item" in unread[2].reason


def test_a_document_that_lacks_standard_tables_is_warned_by_name(tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(FOLDER / "standard_tables_national.xlsx")
    for sheet in book.worksheets[3:]:  # keep the first three tables
        book.remove(sheet)
    partial = tmp_path / "partial.xlsx"
    book.save(partial)
    (tmp_path / "w").mkdir()
    conn = load_into(tmp_path / "w", partial, FOLDER / "standard_tables_wan.xlsx", separate=True)
    missing = conn.execute(
        "select source_file, subject from fact_check_result "
        "where rule = 'standard_table_completeness' and not passed order by subject"
    ).fetchall()
    assert {file for file, _ in missing} == {"partial.xlsx"}  # all nine: no warning
    assert [subject for _, subject in missing] == [
        f"missing standard table {n} {name} (warning: the document prints 3 of the nine)"
        for n, name in [
            (4, "财政拨款收入支出决算总表"),
            (5, "一般公共预算财政拨款支出决算表"),
            (6, "一般公共预算财政拨款基本支出决算表"),
            (7, "政府性基金预算财政拨款收入支出决算表"),
            (8, "国有资本经营预算财政拨款收入支出决算表"),
            (9, "财政拨款“三公”经费支出决算表"),
        ]
    ]


def test_a_table_whose_identities_fail_on_most_lines_is_reported_as_misread(tmp_path):
    """Table 5 of a workbook with its 基本支出 and 项目支出 columns shifted down one line (each line
    then holds the split of the line above, as a reading off by one row would give): its identities
    fail on most lines, and the table is named as misread; the other tables are not."""
    import openpyxl

    book = openpyxl.load_workbook(FOLDER / "standard_tables_wan.xlsx")
    sheet = book.worksheets[4]
    assert sheet.title == "公开05表" and sheet["A7"].value == "合计"  # the first row of figures
    for column in (3, 4):  # D 基本支出, E 项目支出
        cells = [row[column] for row in sheet.iter_rows(min_row=7, max_row=sheet.max_row)]
        values = [cell.value for cell in cells]
        for cell, value in zip(cells[1:], values):
            cell.value = value
    shifted = tmp_path / "shifted.xlsx"
    book.save(shifted)
    (tmp_path / "w").mkdir()
    conn = load_into(tmp_path / "w", shifted)
    misread = conn.execute(
        "select subject, expected, found from fact_check_result where rule = 'standard_table_misread' and not passed"
    ).fetchall()
    ((subject, checked, holding),) = misread
    assert subject.startswith("表5 一般公共预算财政拨款支出决算表: ") and subject.endswith("(misread)")
    assert holding < checked / 2


def test_a_table_cut_by_a_footer_note_goes_on_after_it():
    doc = _doc(
        Paragraph("收入决算表"),
        _table(["科目编码", "科目名称", "本年收入合计"], ["合计", "", "3.00"], ["201", "一般公共服务支出", "1.00"]),
        Paragraph("注：本表反映部门本年度取得的各项收入情况。"),
        _table(["科目编码", "科目名称", "本年收入合计"], ["205", "教育支出", "2.00"]),
        Paragraph("注：本表反映部门本年度取得的各项收入情况。"),
        _table(["序号", "单位名称"], ["1", "本级"]),
    )
    (table,) = read_standard_tables(doc, [])
    assert [(v.code, v.item, v.text) for v in table.values] == [
        (None, "合计", "3.00"),
        ("201", "一般公共服务支出", "1.00"),
        ("205", "教育支出", "2.00"),
    ]


def _placed_row(index: int, page: int, cells: list[tuple[str, float, float, tuple[float, float] | None]]) -> Row:
    """A row of a table drawn without vertical rules: each cell (text, box left, box right, where
    its text lies)."""
    top = 100.0 + 20 * index
    return Row(
        cells=tuple(
            Cell(text=t, row=index, col=j, page=page, bbox=(x0, top, x1, top + 20), ink=ink)
            for j, (t, x0, x1, ink) in enumerate(cells)
        ),
        index=index,
        page=page,
    )


def test_a_column_empty_on_the_page_of_the_figures_is_read_where_the_figures_stand():
    # layout 10 of the real-PDF sweep: 支出决算表 without vertical rules, its heading on one page and
    # its figures on the next, where 上缴上级支出 … are empty: the last cell found from the figures'
    # text reaches from 项目支出 to the frame. The 0.00 under 项目支出 was loaded as 上缴上级支出.
    heading = _placed_row(
        0,
        4,
        [
            ("项目", 69, 249, None),
            ("本年支出合计", 249, 334, None),
            ("基本支出", 334, 434, None),
            ("项目支出", 434, 497, None),
            ("上缴上级支出", 497, 596, None),
            ("经营支出", 596, 622, None),
            ("对附属单位补助支出", 622, 680, None),
        ],
    )
    figures = [
        ("合计", "", "9759.38", "5377.64", "4381.74"),
        ("208", "社会保障和就业支出", "754.75", "754.75", "0.00"),
    ]
    rows = [
        _placed_row(
            i,
            5,
            [
                (code, 69, 170, (72, 90)),
                (name, 170, 249, (173, 240) if name else None),
                (total, 249, 334, (252, 280)),
                (basic, 334, 434, (337, 365)),
                (project, 434, 680, (437, 460)),
            ],
        )
        for i, (code, name, total, basic, project) in enumerate(figures, start=1)
    ]
    names = _placed_row(
        0,
        5,
        [
            ("功能分类科目编码", 69, 170, (72, 140)),
            ("科目名称", 170, 249, (173, 210)),
            ("", 249, 334, None),
            ("", 334, 434, None),
            ("", 434, 680, None),
        ],
    )
    doc = Document(
        doc_id="x",
        source_file="x.pdf",
        file_type="pdf",
        pages=[
            Page(4, [Paragraph("支出决算表", page=4), Table(rows=(heading,), page=4, columns_from_text=True)]),
            Page(5, [Table(rows=(names, *rows), page=5, columns_from_text=True)]),
        ],
    )
    (table,) = read_standard_tables(doc, [])
    found = {(v.code, v.item, v.column): v.text for v in table.values}
    assert found[("208", "社会保障和就业支出", "项目支出")] == "0.00"
    assert found[(None, "合计", "项目支出")] == "4381.74"
    assert not any(v.column == "上缴上级支出" for v in table.values)


def test_a_heading_cell_found_from_text_ends_at_the_columns_of_the_heading_above_it():
    # layout 5 of the real-PDF sweep: 收入决算表 without vertical rules. Its second heading row
    # holds 功能分类科目编码 and 科目名称 only, so the box of 科目名称 found from the text reaches to
    # the frame, over every column of figures: they all read as names, and the table as empty.
    starts = [28, 101, 167, 197, 227, 285, 314, 343, 426]
    labels = [
        "项目",
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ]
    heading = _placed_row(0, 5, [(t, a, b, (a + 3, a + 20)) for t, a, b in zip(labels, starts, starts[1:])])
    names = _placed_row(1, 5, [("功能分类科目编码", 28, 57, (31, 54)), ("科目名称", 57, 426, (60, 90))])
    figures = [("合计", "", "307.82", "307.82"), ("201", "一般公共服务支出", "264.87", "264.87")]
    rows = [
        _placed_row(
            i,
            5,
            [
                (code, 28, 57, (31, 45)),
                (name, 57, 101, (60, 98) if name else None),
                (total, 101, 167, (104, 130)),
                (fiscal, 167, 426, (170, 194)),  # 上级补助收入 … 其他收入 are empty on the page
            ],
        )
        for i, (code, name, total, fiscal) in enumerate(figures, start=2)
    ]
    doc = Document(
        doc_id="x",
        source_file="x.pdf",
        file_type="pdf",
        pages=[
            Page(
                5,
                [Paragraph("收入决算表", page=5), Table(rows=(heading, names, *rows), page=5, columns_from_text=True)],
            )
        ],
    )
    (table,) = read_standard_tables(doc, [])
    assert not table.empty
    assert {(v.code, v.item, v.column, v.text) for v in table.values} == {
        (None, "合计", "本年收入合计", "307.82"),
        (None, "合计", "财政拨款收入", "307.82"),
        ("201", "一般公共服务支出", "本年收入合计", "264.87"),
        ("201", "一般公共服务支出", "财政拨款收入", "264.87"),
    }


def _rule_less_total_table(rows: list[Row], page: int) -> Document:
    """A PDF's 收入支出决算总表 on ``page``: its title and ``rows``, a table without vertical rules."""
    table = Table(rows=tuple(rows), page=page, columns_from_text=True)
    return Document(
        doc_id="x",
        source_file="x.pdf",
        file_type="pdf",
        pages=[Page(page, [Paragraph("收入支出决算总表", page=page), table])],
    )


def test_a_heading_label_over_two_columns_without_rules_heads_both():
    # real-PDF variant 5 (Calc, no vertical rules): 收入 over 项目 and 决算数 shows as a text and an
    # empty cell; the figures of 决算数 lost their side (收入 / 支出) and the 类 of their lines
    xs = [28, 130, 227, 314, 426]

    def row(index: int, texts: list[str]) -> Row:
        return _placed_row(index, 2, [(t, a, b, (a + 3, a + 30) if t else None) for t, a, b in zip(texts, xs, xs[1:])])

    rows = [
        row(0, ["收入", "", "支出", ""]),
        row(1, ["项目", "决算数", "项目", "决算数"]),
        row(2, ["一、一般公共预算财政拨款收入", "307.82", "一、一般公共服务支出", "264.87"]),
        row(3, ["本年收入合计", "307.82", "本年支出合计", "307.82"]),
    ]
    doc = _rule_less_total_table(rows, 2)
    (table,) = read_standard_tables(doc, [])
    assert {(v.side, v.item, v.text) for v in table.values} == {
        ("收入", "一般公共预算财政拨款收入", "307.82"),
        ("支出", "一般公共服务支出", "264.87"),
        ("收入", "本年收入合计", "307.82"),
        ("支出", "本年支出合计", "307.82"),
    }


def test_a_label_flush_left_over_its_columns_begins_at_its_first_column():
    # real-PDF variant 121 (Writer, no vertical rules): 支出 printed flush left over 项目 … ; its
    # cell, found from its text less a padding, began left of 收入's 决算数, whose figures were
    # loaded as 支出's
    def row(index: int, cells: list[tuple[str, float, float]]) -> Row:
        return _placed_row(index, 11, [(t, a, b, (a + 4, a + 16) if t else None) for t, a, b in cells])

    rows = [
        row(0, [("收入", 56, 121), ("支出", 121, 415), ("", 415, 512)]),
        row(1, [("项目", 56, 114), ("决算数", 114, 132), ("项目", 132, 151), ("合计", 151, 512)]),
        row(2, [("本年收入合计", 56, 114), ("9746.50", 114, 132), ("本年支出合计", 132, 151), ("9746.50", 151, 512)]),
    ]
    # (the texts of 支出 and of the second 项目 start together, 4 pt into 项目's cell)
    rows[0] = replace(
        rows[0], cells=(rows[0].cells[0], replace(rows[0].cells[1], ink=(136.0, 152.0)), rows[0].cells[2])
    )
    doc = _rule_less_total_table(rows, 11)
    (table,) = read_standard_tables(doc, [])
    assert {(v.side, v.item, v.column, v.text) for v in table.values} == {
        ("收入", "本年收入合计", "决算数", "9746.50"),
        ("支出", "本年支出合计", "合计", "9746.50"),
    }


def test_a_part_the_pdf_reader_could_not_read_is_named_for_the_table_whose_pages_hold_it():
    # a row cut by a page break inside table 3, and text in no cell on the page where table 3 ends
    # and table 5 starts (which names neither): the reader knows the page, not the table
    def rows(page: int, *values: list[str]) -> tuple[Row, ...]:
        return tuple(
            Row(cells=tuple(Cell(text=t, row=i, col=j, page=page) for j, t in enumerate(r)), index=i, page=page)
            for i, r in enumerate(values)
        )

    heading = ["功能分类科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]
    doc = Document(
        doc_id="x",
        source_file="x.pdf",
        file_type="pdf",
        pages=[
            Page(3, [Paragraph("支出决算表", page=3), Table(rows=rows(3, heading, ["合计", "", "9.00", "9.00", ""]))]),
            Page(4, [Table(rows=rows(4, ["201", "一般公共服务支出", "9.00", "9.00", ""]))]),
            Page(
                5,
                [
                    Table(rows=rows(5, ["20101", "人大事务", "9.00", "9.00", ""])),
                    Paragraph("一般公共预算财政拨款支出决算表", page=5),
                    Table(rows=rows(5, heading, ["合计", "", "9.00", "9.00", ""])),
                ],
            ),
        ],
    )
    cut = UnreadPart(part="row", reason="a row cut by the page break", source_page=4, text="2010101 | 行政运行")
    stray = UnreadPart(part="table", reason="text in no cell", source_page=5, text="年末")
    elsewhere = UnreadPart(part="row", reason="a row cut by the page break", source_page=9, text="1 | 项目")
    unread = [cut, stray, elsewhere]
    read_standard_tables(doc, unread)
    assert [(u.text, u.table_kind, u.table_no) for u in unread] == [
        ("2010101 | 行政运行", "standard_03", 3),
        ("年末", None, None),
        ("1 | 项目", None, None),
    ]


def test_an_empty_tables_note_on_the_line_of_the_templates_instruction_starts_at_its_own_label():
    # held-out real-PDF variant 1225 (Calc, letter): the template's instruction and the note share
    # a paragraph (…并在本表下方作下述说明：说明：…), and the note had loaded as 说明：说明：…
    doc = _doc(
        Paragraph("政府性基金预算财政拨款收入支出决算表"),
        Paragraph("单位：万元"),
        _table(["项目", "本年收入", "本年支出"], ["合计", "", ""]),
        Paragraph("注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。"),
        Paragraph(
            "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明："
            "说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
        ),
    )
    (table,) = read_standard_tables(doc, [])
    assert table.empty
    assert table.note == "说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
