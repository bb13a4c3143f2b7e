"""Layouts nobody here chose: every committed layout fixture (tests/fixtures/layouts/, made by
scripts/render) gives the facts of its text form, and each defect class of issues 9 and 14 is in
its fixture (checked on the PDF itself) and read right. The sweep over many more random layouts
is scripts/fuzz_layouts.py."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from pipelines.model import Table
from pipelines.normalize import normalise
from pipelines.readers import read_document
from pipelines.readers.pdf import parse_pdf_pages
from pipelines.recognise import extract
from pipelines.recognise.standard_tables import read_standard_tables
from scripts.render.facts import POSITION, judge, read_facts
from tests.conftest import FIXTURES, SEED, load_into

LAYOUTS = FIXTURES / "layouts"
MANIFEST = json.loads((LAYOUTS / "fixtures.json").read_text(encoding="utf-8"))


def _frames(path: Path):
    frames, _ = normalise(extract(read_document(path)))
    return frames


def _facts_of(frames) -> dict[str, list]:
    return {
        name: sorted(map(repr, frame.select([c for c in frame.columns if c not in POSITION]).rows()))
        for name, frame in frames.items()
    }


def _facts(path: Path) -> dict[str, list]:
    return _facts_of(_frames(path))


def _text_of(name: str) -> Path:
    return (LAYOUTS / MANIFEST[name]["text"]).resolve()


@pytest.mark.parametrize(
    "name", sorted(n for n, e in MANIFEST.items() if e.get("expect") != "unread"), ids=lambda n: n.removesuffix(".pdf")
)
def test_layout_fixture_gives_the_facts_of_its_text_form(name: str):
    text, pdf = read_facts(_text_of(name)), read_facts(LAYOUTS / name)  # each file read once
    expected = {table: rows for table, rows in text.reprs().items() if table != "warnings"}
    assert sum(len(rows) for table, rows in expected.items() if table != "fact_unread_part"), (
        "a text form without facts"
    )
    assert {table: rows for table, rows in pdf.reprs().items() if table != "warnings"} == expected
    # and the sweep's judge, which scripts/fuzz_layouts.py reports with, says so too
    verdict = judge(pdf, text)
    assert verdict.outcome == "agree", "\n".join(verdict.lines[:20])


def test_the_sample_covers_every_producer_and_both_orientations():
    layouts = [entry["layout"] for entry in MANIFEST.values() if "layout" in entry]
    assert {layout["producer"] for layout in layouts} == {"reportlab", "writer", "calc", "chromium"}
    assert {layout["landscape"] for layout in layouts} == {True, False}
    assert {layout["vertical_rules"] for layout in layouts} == {True, False}
    assert len({layout["font"] for layout in layouts}) >= 3


# --------------------------------------------------------------------------------------------
# Each defect class: in the PDF, and read right


def _page_words(path: Path) -> list[list[str]]:
    with pdfplumber.open(path) as pdf:
        return [[w["text"] for w in page.extract_words(x_tolerance=1.5)] for page in pdf.pages]


def test_a_goals_cell_longer_than_a_page_costs_nothing():
    path = LAYOUTS / "goal_cell_longer_than_a_page.pdf"
    # the defect: pages that hold nothing but the continuation of the one cell (LibreOffice draws
    # each part of the cut row closed: the reader knows the cut from the row's empty columns)
    only_cell = [
        page.number
        for page in parse_pdf_pages(path)
        if [type(b) for b in page.blocks] == [Table] and [len(row) for row in page.blocks[0].rows] == [3]
    ]
    assert only_cell, "the fixture lost its page of one cell's continuation"
    # read as one table: its funds and score, as printed (a person read them off the seed)
    frames = _frames(path)
    funds = {r["fund_source"]: r for r in frames["fact_project_fund"].iter_rows(named=True)}
    assert funds["total"]["executed"] == Decimal("5154.34")
    assert funds["fiscal"]["executed"] == Decimal("5099.38")
    assert funds["other"]["executed"] == Decimal("54.96")
    assert frames["fact_project_score"]["total_score"].to_list() == [Decimal("96.95")]
    assert frames["fact_indicator"].height == 21  # 开幕式 … 专业观众参会满意度
    assert frames["fact_unread_part"].height == 0


@pytest.mark.parametrize(
    "name, first_on_next_page",
    [("fund_block_cut_before_total_row.pdf", "total"), ("fund_rows_split_off.pdf", "fiscal")],
)
def test_a_fund_block_cut_by_a_page_break_keeps_every_row(name: str, first_on_next_page: str):
    frames = _frames(LAYOUTS / name)
    funds = {r["fund_source"]: r for r in frames["fact_project_fund"].iter_rows(named=True)}
    assert set(funds) == {"total", "fiscal", "other"}
    # the defect: the page break falls inside the block
    assert funds[first_on_next_page]["source_page"] == 2
    assert min(r["source_page"] for r in funds.values()) == 1 or first_on_next_page == "total"
    assert (funds["total"]["budget_full_year"], funds["total"]["executed"]) == (Decimal("528.6"), Decimal("478.78"))
    assert (funds["fiscal"]["budget_full_year"], funds["fiscal"]["executed"]) == (Decimal("528.6"), Decimal("478.78"))
    assert funds["other"]["executed"] == Decimal("0")
    assert frames["fact_project_score"]["total_score"].to_list() == [Decimal("89.34")]


def _widths_of_rows_with(path: Path, text: str) -> set[int]:
    """How many cells the rows holding ``text`` have on their pages, before any page is joined."""
    return {
        len(row)
        for page in parse_pdf_pages(path)
        for t in page.blocks
        if isinstance(t, Table)
        for row in t.rows
        if any(text in c.text.replace("\n", "") for c in row.cells)
    }


def test_indicator_rows_a_cell_short_without_a_heading_are_recorded_as_unread_not_dropped():
    """Sweep layout 5's defect: a heading-less indicator table whose last column is empty in every
    row, drawn without vertical rules, comes out 12-13 cells wide. Nothing says which column is
    missing, so no indicator is loaded; each row is an unread part, and the rest loads as printed."""
    name = "indicator_rows_a_cell_short_without_heading.pdf"
    assert MANIFEST[name]["expect"] == "unread"
    pdf, text = _frames(LAYOUTS / name), _frames(_text_of(name))
    assert text["fact_indicator"].height == 10  # 赛项设备购置数量 … 参赛选手满意度
    widths = _widths_of_rows_with(LAYOUTS / name, "满意度")
    assert widths and max(widths) < 14, "the fixture's rows are as wide as the standard layout"
    assert pdf["fact_indicator"].height == 0
    unread = pdf["fact_unread_part"].filter(pdf["fact_unread_part"]["part"] == "row")
    assert unread.height == 10
    assert set(unread["project_name"].to_list()) == {"职业技能大赛"}
    assert all("without a heading row" in r for r in unread["reason"].to_list())
    for table in ("fact_project_fund", "fact_project_score"):
        assert _facts_of(pdf)[table] == _facts_of(text)[table]


def test_indicator_rows_a_cell_short_are_read_on_the_columns_of_an_earlier_heading():
    """Sweep layouts 5, 17 and 34: the heading-less table comes after a project table of the same
    grid with its heading row. Its rows, a cell short on the page, fit that heading's columns cell
    for cell, and are read as printed: all 10 indicators of 职业技能大赛, nothing unread."""
    name = "indicator_rows_a_cell_short_under_an_earlier_heading.pdf"
    widths = _widths_of_rows_with(LAYOUTS / name, "参赛选手")
    assert widths and max(widths) < 14, "the fixture's rows are as wide as the standard layout"
    pdf = _frames(LAYOUTS / name)
    indicators = pdf["fact_indicator"].filter(pdf["fact_indicator"]["project_name"] == "职业技能大赛")
    assert indicators.height == 10
    assert pdf["fact_unread_part"].height == 0
    assert _facts_of(pdf) == _facts(_text_of(name))


def test_fund_rows_wider_than_their_heading_are_recorded_as_unread_not_dropped():
    """Sweep layout 34's defect (Calc, no vertical rules, a page break between the 项目资金 heading
    and its rows): the heading, on the page before, lost its empty second column, so it has 7
    cells over rows of 8. The amounts cannot be placed under their headings: each row is an
    unread part (they were dropped without a word before); the indicators and score still load."""
    from pipelines.readers.text import parse_text

    text = (LAYOUTS / "project_funds.txt").read_text(encoding="utf-8")
    heading = "\t项目资金\n（万元）\n\t\n\t年初预算数"
    assert heading in text
    frames, _ = normalise(
        extract(parse_text(text.replace(heading, "\t项目资金\n（万元）\n\t年初预算数"), "f.txt", "d"))
    )
    whole, _ = normalise(extract(parse_text(text, "f.txt", "d")))
    assert whole["fact_project_fund"].height == 3 and whole["fact_unread_part"].height == 0
    assert frames["fact_project_fund"].height == 0
    unread = frames["fact_unread_part"]
    assert unread.height == 3
    assert all("项目资金 block of 8 cells where its heading has 7" in r for r in unread["reason"].to_list())
    assert _facts_of(frames)["fact_indicator"] == _facts_of(whole)["fact_indicator"]
    assert frames["fact_project_score"]["total_score"].to_list() == [Decimal("89.34")]


def test_a_narrative_item_name_wrapped_at_a_line_end_keeps_every_character():
    path = LAYOUTS / "narrative_item_name_wrapped.pdf"
    with pdfplumber.open(path) as pdf:
        lines = [line["text"] for page in pdf.pages for line in page.extract_text_lines(x_tolerance=1.5)]
    # the defect: item names cut by the line end before their last character
    assert any(line.replace(" ", "").endswith("（款）行政运") for line in lines)
    items = set(_frames(path)["fact_function_expenditure"]["item_name"].to_list())
    assert {"行政运行", "机关服务", "招商引资", "事业运行", "住房公积金", "公务员医疗补助"} <= items
    assert len(items) == 20


def test_digits_in_another_font_off_the_baseline_rejoin_their_sentence():
    path = LAYOUTS / "digits_lowered_in_another_font.pdf"
    with pdfplumber.open(path) as pdf:
        baseline_lines = [line["text"] for line in pdf.pages[0].extract_text_lines(x_tolerance=1.5)]
    # the defect: grouped by baselines, the figures leave their sentence
    assert "年度收入总计 万元，其中：本年收入合计 万元" in " ".join(baseline_lines)
    paragraphs = [p.text for p in read_document(path).paragraphs()]
    assert any(p.startswith("2024年度收入总计19,191.97万元，其中：本年收入合计19,118.04万元") for p in paragraphs)
    totals = _frames(path)["fact_budget_total"]
    assert Decimal("19191.97") in totals["amount_wan"].to_list()


def test_a_table_without_vertical_rules_is_read_by_its_columns():
    path = LAYOUTS / "table_without_vertical_rules.pdf"
    with pdfplumber.open(path) as pdf:
        inner = [e for page in pdf.pages for e in page.edges if e["orientation"] == "v" and 60 < e["x0"] < 780]
    assert inner == [], "the fixture has vertical rules inside its table"
    frames = _frames(path)
    assert frames["fact_indicator"].height == 13
    assert frames["fact_project_score"]["total_score"].to_list() == [Decimal("99.97")]
    assert frames["fact_unread_part"].height == 0


def test_the_accounting_checks_give_the_text_forms_results_on_a_rendering(tmp_path: Path):
    """On a correct reading the identities vouch: every check has the result it has on the text."""
    rendering = FIXTURES / "pdf" / "seed004_libreoffice_landscape.pdf"

    def results(folder: Path, path: Path) -> list[tuple]:
        conn = load_into(folder, path)
        rows = conn.execute(
            "select rule, subject, expected, found, passed from fact_check_result order by all"
        ).fetchall()
        conn.close()
        return rows

    (tmp_path / "pdf").mkdir()
    (tmp_path / "text").mkdir()
    from_pdf = results(tmp_path / "pdf", rendering)
    from_text = results(tmp_path / "text", SEED["004"])
    assert from_pdf and from_pdf == from_text


def test_the_real_variants_hold_their_defects():
    # (their facts are the real PDF's: test_layout_fixture_gives_the_facts_of_its_text_form)
    # 1: the first heading row of 三公 alone in a box at the bottom of a page, the rest of the
    # table on the next page
    results = parse_pdf_pages(LAYOUTS / "layout1_real_planning_reportlab.pdf")
    boxed = [r for r in results if r.bottom_box_as_row]
    assert [r.bottom_box_as_row[-1].rows[0].cells[0].value for r in boxed] == ["财政拨款“三公”经费"]
    assert [b.text for b in boxed[0].blocks[-1:]] == ["财政拨款“三公”经费"]  # a paragraph, read alone
    # 5: no vertical rules; 收入 / 支出 each a text over two columns, 科目名称 alone in its row
    words = _page_words(LAYOUTS / "layout5_real_social_calc.pdf")
    with pdfplumber.open(LAYOUTS / "layout5_real_social_calc.pdf") as pdf:
        page = pdf.pages[1]
        inner = [e for e in page.edges if e["orientation"] == "v" and 40 < e["x0"] < 400]
    assert inner == [] and "收入" in words[1] and "支出" in words[1]
    # 7: 10.82 cut at its decimal point by a page break
    words = _page_words(LAYOUTS / "layout7_real_social_writer.pdf")
    cut = [i for i, w in enumerate(words) if w[-2:] == ["10.82", "10"]]
    assert len(cut) == 1 and words[cut[0] + 1][:2] == ["保障和就", ".8"]  # the rest, wrapped again


def _tables_of(path: Path) -> list[Table]:
    return [b for page in read_document(path).pages for b in page.blocks if isinstance(b, Table)]


def test_an_empty_cell_drawn_open_beside_a_closed_row_does_not_join_it_to_the_next_page():
    # pages 12-13 of real-PDF variant 46 (Chromium): at the page break the empty 支出 cell of
    # 二、政府性基金预算财政拨款, merged with the row under it, is drawn open (it is most of the
    # row's width); the label and figure cells beside it are closed
    path = LAYOUTS / "empty_cell_open_beside_a_closed_row.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        label = next(w for w in page.extract_words() if w["text"] == "款" and w["top"] > 780)
        under = [e for e in page.edges if e["orientation"] == "h" and label["bottom"] < e["top"] < label["bottom"] + 15]
    assert any(e["x0"] < label["x0"] < e["x1"] for e in under)  # the label cell: closed
    assert not any(e["x0"] < 200 < e["x1"] for e in under)  # the empty 支出 cell: open
    rows = [r.values[0] for r in _tables_of(path)[0].rows]
    at = rows.index("二、政府性基金预算财政拨款")
    assert rows[at + 1 : at + 3] == ["三、国有资本经营预算财政拨款", "总计"]


def test_a_heading_cut_by_a_page_break_without_rules_keeps_its_middle_level():
    # pages 23-24 of real-PDF variant 51 (Writer, no vertical rules): 三公's heading rows
    # 财政拨款“三公”经费 and 合计 … 公务接待费 end page 23; 小计 starts page 24, its cell (found
    # from that page's text) beginning a point left of 公务用车购置及运行维护费's
    path = LAYOUTS / "three_public_heading_cut_without_rules.pdf"
    words = _page_words(path)
    assert "公务用车购置及运行维护费" in words[0] and "小计" not in words[0] and words[1][0] == "小计"
    (table,) = [t for t in read_standard_tables(read_document(path), []) if t.number == 9]
    columns = {v.column: v.text for v in table.values}
    assert columns["财政拨款“三公”经费/公务用车购置及运行维护费/小计/预算数"] == "0.00"
    assert columns["财政拨款“三公”经费/公务用车购置及运行维护费/小计/决算数"] == "0.00"
    assert columns["财政拨款“三公”经费/公务接待费/预算数"] == "2.85"


def test_rows_ruled_in_part_beside_an_empty_cell_merged_over_them_are_rows():
    # pages 2-4 of real-PDF variant 51 (Writer, no vertical rules): the units table's rules run
    # under 序号 and a one-character 单位名称 only, 备注 is one empty cell over them all; page 3
    # holds nothing but such rows (it was read as one box of text, and three units were lost)
    path = LAYOUTS / "units_ruled_in_part_over_pages.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[1]
        inner = [e for e in page.edges if e["orientation"] == "h" and 60 < e["top"] < 770]
    assert inner and all(e["x1"] - e["x0"] < 0.2 * page.width for e in inner)
    units = [r.values[1] for r in _tables_of(path)[0].rows[1:]]
    assert units == [
        "上海市普陀区规划和自然资源局（本级）",
        "上海市普陀区规划和自然资源局执法大队（下属参公事业单位）",
        "上海市普陀区土地发展中心（下属事业单位）",
        "上海市普陀区自然资源确权登记事务中心（下属事业单位）",
        "上海市普陀区规划和自然资源管理事务中心（下属事业单位）",
    ]


def test_codes_under_the_rest_of_a_cut_row_stay_on_their_rows():
    # pages 9-10 of real-PDF variant 10 (Chromium, no vertical rules): page 10 starts with the
    # rest of 31007 信息网络及软件购置更新 ("更新" alone), over 科目编码 wrapped in a narrow column
    # (3101 / 3) beside 人员经费 cells merged down (they were read as one code, 3101331019…)
    path = LAYOUTS / "codes_under_the_rest_of_a_cut_row.pdf"
    assert _page_words(path)[1][:2] == ["更新", "3101"]
    rows = [[v for v in r.values if v] for r in _tables_of(path)[0].rows]
    at = rows.index(["31007", "信息网络及软件购置更新", "0.00"])
    assert [r[0] for r in rows[at + 1 : at + 6]] == ["31013", "31019", "31021", "31022", "31099"]


def test_a_heading_of_two_labels_alone_at_a_page_bottom_heads_the_table_on_the_next():
    # pages 16-17 of real-PDF variant 89 (Calc, no vertical rules): table 4's first heading row,
    # 收入 | 支出, is all the page's last box holds (it was read as the paragraph 收入支出, and
    # every line of table 4 lost its side)
    path = LAYOUTS / "heading_of_two_labels_in_a_box_at_a_page_bottom.pdf"
    words = _page_words(path)
    assert words[0][-2:] == ["收入", "支出"] and "收入" not in words[1]
    (table,) = [t for t in read_standard_tables(read_document(path), []) if t.number == 4]
    # (the pages hold one figure of it: 9746.50, the 收入 of 一般公共预算财政拨款)
    assert [(v.side, v.item, v.text) for v in table.values] == [("收入", "一般公共预算财政拨款", "9746.50")]


def test_units_beside_an_empty_column_merged_down_are_rows():
    # pages 2-3 of real-PDF variant 91 (Writer, no vertical rules): the row rules run across 序号
    # and 单位名称 and stop at 备注, one empty cell merged down beside them; the names stand in a
    # narrow column (three units had been read as one cell with unit 2)
    path = LAYOUTS / "units_beside_an_empty_column_merged_down.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[1]
        rules = [e for e in page.edges if e["orientation"] == "h" and 60 < e["top"] < 300]
    assert rules and all(e["x1"] < max(r["x1"] for r in page.edges if r["orientation"] == "h") - 10 for e in rules)
    units = [r.values[1] for r in _tables_of(path)[0].rows[1:]]
    assert units[2:] == [
        "上海市普陀区土地发展中心（下属事业单位）",
        "上海市普陀区自然资源确权登记事务中心（下属事业单位）",
        "上海市普陀区规划和自然资源管理事务中心（下属事业单位）",
    ]


def _standard(path: Path, number: int):
    unread: list = []
    (table,) = [t for t in read_standard_tables(read_document(path), unread) if t.number == number]
    return table, unread


def test_a_figure_wrapped_and_cut_by_a_page_break_is_one_figure():
    # pages 5-6 of real-PDF variant 229 (Writer): table 2's 合计 row wraps 9746.50 in a narrow
    # cell, and the page break, drawn closed, falls inside it (97 / 46.50); the rest has no label.
    # It had been recorded unread as a row that may be cut in two (variant 229), or read as a
    # heading row of "97" with every figure of the table unread (variant 216)
    path = LAYOUTS / "figure_wrapped_and_cut_by_a_page_break.pdf"
    words = _page_words(path)
    assert words[0][-3:] == ["合计", "97", "9746.50"] and words[1][:3] == ["46", ".5", "0"]
    table, unread = _standard(path, 2)
    totals = {v.column: v.text for v in table.values if v.item == "合计"}
    assert totals == {"本年收入合计": "9746.50", "财政拨款收入": "9746.50"}
    assert unread == [] and len(table.values) == 18


def test_a_figure_cut_short_of_its_last_decimal_on_other_columns_is_one_figure():
    # pages 11-12 of real-PDF variant 190 (Writer): 30111 公务员医疗补助缴费's 0.00 cut 0.0 / 0,
    # the next page's column edges a little off the first's (it was loaded as 0.0, the 0 dropped)
    path = LAYOUTS / "figure_cut_short_of_its_last_decimal.pdf"
    words = _page_words(path)
    assert words[0][-5:-3] == ["公务员医疗补助缴费", "0.0"] and words[1][0] == "0"
    rows = [r.values for t in _tables_of(path) for r in t.rows]
    assert ["30111", "公务员医疗补助缴费", "0.00", "30209", "物业管理费", "82.20"] in rows
    assert not any(r[:3] == ["", "", "0"] for r in rows)


def test_a_label_merged_down_and_cut_beside_a_new_row_goes_to_its_own_row():
    # pages 12-13 of real-PDF variant 229 (Writer): table 4's 三、国有资本经营预算财政拨款, merged
    # down beside 三、国防支出 … 十三、交通运输支出, is cut by the page break after 三、; the next
    # page starts with its rest beside 四、公共安全支出, a row of its own (the two had been joined:
    # 三、国防支出四、公共安全支出, and every line under it read one row up)
    path = LAYOUTS / "label_merged_down_cut_beside_a_new_row.pdf"
    assert _page_words(path)[1][:2] == ["国", "四、公"]
    rows = [r.values[:3] for t in _tables_of(path) for r in t.rows]
    at = rows.index(["三、国有资本经营预算财政拨款", "", "三、国防支出"])
    assert rows[at + 1 : at + 3] == [["", "", "四、公共安全支出"], ["", "", "五、教育支出"]]


def test_a_label_merged_down_and_cut_rows_under_its_first_is_made_whole():
    # pages 15-16 of real-PDF variant 225 (Writer): table 4's 年末财政拨款结转和结余, merged down
    # beside 一、… 二、… 三、…, is cut by the page break two rows under the row it is printed on
    # (年末财政拨款结转和结 / 余); 一、一 / 般公共预算财政拨款 is cut on the same break (the rest
    # had been read as a row of its own, and 总计 one row down)
    path = LAYOUTS / "label_merged_down_cut_rows_under_its_first.pdf"
    assert _page_words(path)[1][:2] == ["般公共", "余"]
    rows = [r.values[:3] for t in _tables_of(path) for r in t.rows]
    at = rows.index(["年初财政拨款结转和结余", "", "年末财政拨款结转和结余"])
    assert [r[0] for r in rows[at + 1 : at + 5]] == [
        "一、一般公共预算财政拨款",
        "二、政府性基金预算财政拨款",
        "三、国有资本经营预算财政拨款",
        "总计",
    ]


def test_a_closing_quote_hanging_past_the_text_area_is_read():
    # page 42 of real-PDF variant 213 (Chromium): “不合格” ends a line, its ” hanging past the
    # text area; Chromium clips the text to that area, and the quote's box has its centre outside
    # the clip while its ink (the left half of the box) is inside and printed. It was dropped
    # (绩效评级为“不合格的项目0个: every 预算绩效管理情况 figure of the sentence loaded with it)
    path = LAYOUTS / "closing_quote_past_the_text_area.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        quote = next(c for c in page.chars if c["text"] == "”" and c["x1"] > 0.9 * page.width)
    text = "".join(p.text for p in read_document(path).blocks() if not isinstance(p, Table))
    assert quote and "绩效评级为“不合格”的项目0个" in text


def test_a_three_public_heading_cut_in_a_label_is_made_whole():
    # pages 11-12 of real-PDF variant 283 (Writer): 三公's heading row ends page 11 with 因公出国,
    # its （境）费 on page 12, the break drawn closed (the row was recorded unread, and the figures
    # loaded under a heading without 合计 and 公务用车购置及运行维护费)
    path = LAYOUTS / "three_public_heading_cut_in_a_label.pdf"
    words = _page_words(path)
    assert words[0][-3:] == ["因公出国", "公务用车购置及运行维护费", "公务接待费"] and words[1][0] == "（境）费"
    table, unread = _standard(path, 9)
    columns = {v.column: v.text for v in table.values}
    assert columns["财政拨款“三公”经费/合计/预算数"] == "2.85"
    assert columns["财政拨款“三公”经费/因公出国（境）费/决算数"] == "0.00"
    assert columns["财政拨款“三公”经费/公务用车购置及运行维护费/小计/预算数"] == "0.00"
    assert len(columns) == 12 and not [u for u in unread if u.table_kind == "standard_09"]


def test_an_empty_tables_note_ending_on_a_line_of_its_own_is_whole():
    # pages 12-13 of real-PDF variant 276 (reportlab): table 8's note wraps short of a margin
    # that other lines overrun (故本表无 / 数据。), so its last words are a paragraph of their own
    path = LAYOUTS / "empty_table_note_ending_on_a_line_of_its_own.pdf"
    table, _ = _standard(path, 8)
    assert table.empty
    department = "中共上海市普陀区委社会工作部"
    assert table.note == f"说明：{department}本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"


def test_indicator_labels_merged_down_and_cut_beside_a_row_of_their_own_are_made_whole():
    # pages 18-19 of seed layout 159 (Writer): the 一级指标 项目完成指标, merged down over the
    # project's indicators, is cut by the page break (项目完 / 成指标); the row beside it ends on
    # the first page (2套 | 2套), and the next page's first row is one of its own (办公桌椅 | 7套 |
    # 100%). Both rows had been recorded unread, and the later rows lost their 一级指标
    path = LAYOUTS / "indicator_label_merged_down_cut_beside_a_new_row.pdf"
    words = _page_words(path)
    assert "项目完" in words[0] and "成指标" in words[1]
    rows = [r.values for t in _tables_of(path) for r in t.rows]
    at = rows.index(["", "项目完成指标", "数量指标", "购财务软件及票据软件", "2套", "2套"])
    assert rows[at + 1] == ["", "", "", "办公桌椅", "7套", "100%"]


@pytest.mark.parametrize(
    "name", ["line_labels_drawn_open_beside_a_label_merged_down.pdf", "line_labels_drawn_open_without_rules.pdf"]
)
def test_line_labels_drawn_open_beside_a_label_merged_down_are_whole_rows(name: str):
    # pages 9-10 of real-PDF variants 337 and 359 (Chromium; 359 without vertical rules, the next
    # page's rows found on columns of their own): table 4's 三、国有资本经营预算财政拨款 is merged
    # down beside the 支出 lines, so its row is drawn open at the page break though nothing in it is
    # cut; 四、公共安全支出 starts the next page (they had been joined, 三、国防支出四、公共安全支出;
    # read as a cut row, it would be recorded unread and every line after it one row up)
    path = LAYOUTS / name
    first = [b for b in parse_pdf_pages(path)[0].blocks if isinstance(b, Table)][-1]
    assert first.last_row_continues and first.rows[-1].values[0] == "三、国有资本经营预算财政拨款"
    rows = [r.values[:3] for t in _tables_of(path) for r in t.rows]
    at = rows.index(["三、国有资本经营预算财政拨款", "", "三、国防支出"])
    assert rows[at + 1 : at + 3] == [["", "", "四、公共安全支出"], ["", "", "五、教育支出"]]


def test_figures_standing_in_no_column_of_the_heading_are_unread_parts():
    # real-PDF variant 411 (reportlab, A3, no vertical rules), the whole file: table 4's pages find
    # their columns from their own text, and its 支出 figures stand where no column of the heading
    # reaches. They were dropped with nothing recorded; each is now an unread part, and whatever of
    # table 4 is loaded is what the real PDF prints
    path = LAYOUTS / "figures_in_no_column_of_the_heading.pdf"
    printed = {  # table 4 of the real PDF: (item, column, figure)
        ("一般公共预算财政拨款", "决算数", "9746.50"),
        *(
            (item, column, figure)
            for item, figure in [
                ("社会保障和就业支出", "754.75"),
                ("卫生健康支出", "236.63"),
                ("城乡社区支出", "3832.36"),
                ("自然资源海洋气象等支出", "4461.67"),
                ("住房保障支出", "461.08"),
                ("本年支出合计", "9746.50"),
                ("总计", "9746.50"),
            ]
            for column in ("合计", "一般公共预算财政拨款")
        ),
        ("本年收入合计", "决算数", "9746.50"),
        ("总计", "决算数", "9746.50"),
    }
    unread: list = []
    (table,) = [t for t in read_standard_tables(read_document(path), unread) if t.number == 4]
    loaded = [(v.item, v.column, v.text) for v in table.values]
    assert set(loaded) <= printed
    not_read = Counter(u.text for u in unread if u.table_kind == "standard_04")
    assert Counter(figure for *_, figure in printed) - Counter(figure for *_, figure in loaded) == not_read
    assert any("stands in no column" in u.reason for u in unread)


def test_text_standing_in_no_cell_of_a_table_is_an_unread_part():
    # held-out real-PDF variant 1159 (Chromium), page 12: the 合计 of an empty table's heading is
    # drawn where pdfplumber's grid has no cell (a cell drawn without one of its rules). Its text is
    # not read, and the page records it as an unread part, not dropped with nothing said
    document = read_document(LAYOUTS / "heading_text_in_no_cell_of_an_empty_table.pdf")
    stray = [(u.source_page, u.text, u.part) for u in document.unread if "stands in no cell" in u.reason]
    assert stray == [(1, "合计", "table")]
    assert len(document.unread) == 1  # nothing else of the page is unread


def test_a_name_merged_down_and_drawn_open_at_a_cut_without_vertical_rules_is_one_cell():
    # real-PDF variant 128 (Chromium, table 6 without vertical rules), pages 17–18: 30399's 科目名称
    # 其他对个人和家庭的补助, merged down in a narrow column, is drawn open at the page's bottom
    # (Chromium draws each cell's border: the rule there has a gap where the name goes on) and is
    # merged down on the next page beside rows of the other half, where the rules have the same
    # gap. No cell of pdfplumber's grid held it: the name loaded as null and its text was recorded
    # as an unread part on each page. The gap's sides are now columns' edges in the rows on both
    # sides of each rule, and the gap at the cut is closed for the table finder
    document = read_document(LAYOUTS / "name_merged_down_drawn_open_at_the_page_bottom.pdf")
    rows = [r.values for block in document.blocks() if isinstance(block, Table) for r in block.rows]
    assert ["30399", "其他对个人和家庭的补助", "0.00", "30240", "税金及附加费用", "0.00"] in rows
    assert not document.unread


def test_codes_beside_a_name_merged_down_stay_in_their_own_cells():
    # held-out real-PDF variant 498 (Chromium, no vertical rules), table 6 from its title: 30399's
    # name, merged down in a narrow column over the next page, is found there in a column without
    # the empty 决算数 column beside it, so pdfplumber gives each row there a cell over three columns
    # (name, 决算数 and the right half's code) beside a cell of the code column. The codes had been
    # read into the name (其他对个人和家庭的30299补助31031001310023100331007, then an unread part, the
    # codes of the right half lost); a character goes to the smallest cell that holds it, and a
    # cell reaching over the next one's start ends there
    unread: list = []
    tables = read_standard_tables(read_document(LAYOUTS / "codes_read_into_a_name_merged_down.pdf"), unread)
    (table,) = [t for t in tables if t.number == 6]
    assert not [v.item for v in table.values if v.item and any(ch.isdigit() for ch in v.item)]
    read = {(v.code, v.item, v.text) for v in table.values}
    assert ("30399", "其他对个人和家庭的补助", "0.00") in read
    assert {r for r in read if r[0] in ("30299", "310", "31001", "31007", "30311", "30240")} == {
        ("30299", "其他商品和服务支出", "0.20"),
        ("310", "资本性支出", "0.00"),
        ("31001", "房屋建筑物购建", "0.00"),
        ("31007", "信息网络及软件购置更新", "0.00"),
        ("30311", "代缴社会保险费", "0.00"),
        ("30240", "税金及附加费用", "0.00"),
    }
    assert not unread


def test_whole_line_labels_drawn_open_at_a_page_bottom_stay_apart_from_the_next_line():
    # held-out real-PDF variant 512 (Chromium, no vertical rules), pages 24–26: table 4's
    # 年初财政拨款结转和结余 | 年末财政拨款结转和结余 ends page 24 drawn open (a cell merged down beside
    # it), and 一、一般公共预算财政拨款 starts page 25. They had been joined into one row, a line with
    # no figures, so every line after it (总计) carried a row_no one less than printed
    document = read_document(LAYOUTS / "whole_line_labels_drawn_open_at_a_page_bottom.pdf")
    rows = [r.nonempty() for b in document.blocks() if isinstance(b, Table) for r in b.rows]
    assert ["年初财政拨款结转和结余", "年末财政拨款结转和结余"] in rows
    assert ["一、一般公共预算财政拨款"] in rows
    assert not any("结余一、" in v for row in rows for v in row)
    assert not document.unread


def test_fund_labels_side_by_side_without_rules_leave_the_amounts_empty():
    # sweep layout 153 (reportlab, no vertical rules), the 2018 table of 开办费: its 其他资金 row
    # prints no amount, so without rules no empty cell stands between its two labels (其他资金 |
    # 其他资金). The second label had been read as the first's 预算数 (an unread value, 其他资金 is
    # not an amount); both amounts are empty, as printed
    path = LAYOUTS / "fund_labels_side_by_side_without_rules.pdf"
    rows = [r.values for t in _tables_of(path) for r in t.rows]
    assert ["", "其他资金", "其他资金"] in rows
    frames = _frames(path)
    funds = {
        r["fund_label"]: (r["budget_full_year_text"], r["executed_text"])
        for r in frames["fact_project_fund"].iter_rows(named=True)
        if r["project_name"] == "开办费"
    }
    assert funds == {"预算数": ("10万元", "10万元"), "其中：财政拨款": ("10万元", "10万元"), "其他资金": (None, None)}
    assert frames["fact_unread_part"].height == 0


def test_rows_with_doubled_borders_in_a_table_without_rules_keep_their_columns():
    # seed sweep layout 142 (Chromium, no vertical rules), pages 20-21: each indicator row is drawn
    # as a box of its own, so every row border is doubled (two rules 3 pt apart) and the sides of
    # the table's frame are pieces with a gap at each border, too short to be rules. The frame had
    # ended at the heading: the heading was read as one cell, and the rows under it were dropped
    # in the whole document (37 indicator rows lost) or read as one cell each
    path = LAYOUTS / "doubled_row_borders_without_rules.pdf"
    with pdfplumber.open(path) as pdf:
        sides = sorted((r["top"], r["bottom"]) for r in pdf.pages[0].rects if r["x1"] - r["x0"] < 1 and r["x0"] < 60)
    assert any(b - a < 3 for a, b in sides)  # a piece of the frame between doubled borders
    rows = [r.values[:6] for t in _tables_of(path) for r in t.rows]
    assert rows[0][:4] == ["", "一级指标", "二级指标", "三级指标"]
    assert rows[1] == ["年度绩效指标完成情况", "产出指标", "数量指标", "召开新疆自贸试验区专题新闻发布会", "7", ">=1场"]
    assert ["", "", "数量指标", "新疆自贸试验区标识征集", "7", ">=1个"] in rows


def test_a_heading_cut_inside_a_total_label_is_made_whole():
    # held-out real-PDF variant 608 (Writer, no vertical rules), pages 16-17: table 3's heading row
    # is cut by the page break inside 本年支出合计, wrapped a character a line (本年支出 / 合计).
    # 本年支出 is a heading of its own (table 4's), so the rest had been read as a heading row
    # under it, and every figure of the column loaded under 本年支出/合计
    path = LAYOUTS / "heading_cut_inside_a_total_label.pdf"
    assert _page_words(path)[1][:2] == ["合", "计"]  # the rest, at the next page's top
    rows = [r.values for t in _tables_of(path) for r in t.rows]
    assert ["项目", "本年支出合计", "基本支出"] in [r[:3] for r in rows]
    assert ["", "", "合计"] not in [r[:3] for r in rows]
    table, _ = _standard(path, 3)
    assert {v.column for v in table.values if v.item == "合计"} == {"本年支出合计", "基本支出", "项目支出"}


def test_a_line_whose_number_the_page_break_cut_is_one_row():
    # the same layout, pages 22-23: table 4's 二十三、其他支出 is cut after 二十 (二十 / 三、其他支出).
    # 三、其他支出 had been read as a row of its own (a numbered label under a label that is no list),
    # so 本年收入合计 and 总计 carried a row_no one more than printed
    path = LAYOUTS / "line_number_cut_by_a_page_break.pdf"
    rows = [[v for v in r.values if v] for t in _tables_of(path) for r in t.rows]
    assert ["二十三、其他支出"] in rows
    assert ["二十"] not in rows and ["三、其他支出"] not in rows


def test_a_name_merged_down_and_cut_beside_a_new_row_is_made_whole():
    # held-out real-PDF variant 611 (Writer), pages 17-18: table 6's 30399 其他对个人和家庭的补助,
    # merged down over the rest of the left half, is cut by the page break (其他对个人和家庭 /
    # 的补助) beside 30299 其他商品和服务支出, a row of its own on the right half. The name had loaded
    # as 其他对个人和家庭, its rest a row of its own
    path = LAYOUTS / "name_merged_down_cut_beside_a_new_row.pdf"
    assert "的补助" in " ".join(_page_words(path)[1][:3])
    rows = [r.values for t in _tables_of(path) for r in t.rows]
    at = next(i for i, r in enumerate(rows) if r[0] == "30399")
    assert rows[at][:3] == ["30399", "其他对个人和家庭的补助", "0.00"]
    assert rows[at + 1][:4] == ["", "", "", "30299"]


def test_fund_rows_narrower_than_their_heading_are_read_where_their_figures_stand():
    # seed sweep layout 81 (Chromium, no vertical rules), pages 6-8: the 项目资金 heading row has two
    # empty cells more than its fund rows (its columns found from the 实施单位 row above), whose last
    # cell reaches over them. The three rows had been recorded unread (8 cells under a heading of
    # 10); each figure stands inside the heading cell of its own number, so they are read
    extraction = extract(read_document(LAYOUTS / "fund_rows_narrower_than_their_heading.pdf"))
    funds = {
        f.fund_label: (f.budget_initial, f.budget_full_year, f.executed, f.weight, f.execution_rate, f.score)
        for f in extraction.funds
        if f.project_name == "2024年新疆自贸试验区建设工作经费"
    }
    assert funds == {
        "年度资金总额": ("542.00", "542.00", "542.00", "10.00", "100.00%", "10.00"),
        "其中：当年财政拨款": ("542.00", "542.00", "542.00", "—", "—", "—"),
        "其他资金": ("0.00", "0.00", "0.00", "—", "—", "—"),
    }
    assert not [u for u in extraction.unread if "项目资金" in u.reason]


def test_indicator_rows_wider_than_their_heading_are_read_where_their_texts_stand():
    # seed sweep layout 74 (reportlab, no vertical rules), pages 22-24: on page 24 the columns found
    # from the page's own text cut the 三级指标 column in two, so its indicator rows have 15 cells
    # under a heading of 14 (they had been recorded unread). Each text stands inside one heading
    # cell, so the row is read on the heading's cells
    extraction = extract(read_document(LAYOUTS / "indicator_rows_wider_than_their_heading.pdf"))
    read = {
        (i.indicator_name, i.weight, i.target_text, i.actual_text, i.score)
        for i in extraction.indicators
        if i.project_name == "招商引资专项资金"
    }
    assert ("参会工作经费", "7", "<=110万元", "=110万元", "7") in read
    assert ("参展参会企业满意度", "10", ">=85%", "=100%", "10") in read
    assert len(read) == 13
    assert not [u for u in extraction.unread if "indicator table of" in u.reason]


def test_a_row_is_not_placed_on_heading_cells_when_two_texts_stand_in_one():
    from pipelines.model import Cell, Row
    from pipelines.recognise.base import on_heading_cells

    heading = Row(
        cells=tuple(
            Cell(text=t, row=0, col=i, bbox=(x, 0, x + 10, 5)) for i, (t, x) in enumerate([("a", 0), ("b", 10)])
        ),
        index=0,
    )

    def row(*texts: tuple[str, tuple[float, float] | None]) -> Row:
        return Row(cells=tuple(Cell(text=t, row=1, col=i, ink=ink) for i, (t, ink) in enumerate(texts)), index=1)

    placed = on_heading_cells(row(("1", (1, 3)), ("", None), ("2", (12, 14))), heading)
    assert placed is not None and placed.values == ["1", "2"]
    assert on_heading_cells(row(("1", (1, 3)), ("2", (5, 7)), ("", None)), heading) is None  # two in one
    assert on_heading_cells(row(("1", (1, 3)), ("2", (25, 27))), heading) is None  # in no heading cell
    assert on_heading_cells(row(("1", None), ("2", (12, 14))), heading) is None  # ruled: no ink


def test_indicator_rows_on_other_columns_in_a_table_without_a_heading_are_read_on_a_standard_row():
    # seed sweep layout 74 (reportlab, no vertical rules), pages 56-61: the indicator table of
    # 职业技能大赛 has no heading row (as in the seed), and on its last page the columns found from
    # the text cut 三级指标 in two (in this excerpt: in two, and 佐证资料 joined with the empty column
    # after it). Those rows had been recorded unread (15 cells, or a 权重 that is not a number); a
    # row of the table on the standard 14 columns stands for the heading, and each text of theirs
    # stands in one of its cells
    extraction = extract(read_document(LAYOUTS / "indicator_rows_wider_without_a_heading.pdf"))
    read = {
        (i.level2, i.indicator_name, i.weight, i.target_text, i.actual_text, i.score, i.basis)
        for i in extraction.indicators
        if i.project_name == "职业技能大赛"
    }
    assert len(read) == 10
    assert ("经济成本指标", "承办赛项宣传成本", "5", "≤10万元", "=100%", "5", "预算支出标准") in read
    assert ("满意度指标", "参赛选手满意度", "10", ">=95%", "=95%", "10", "计划标准") in read
    assert not [u for u in extraction.unread if u.project_name == "职业技能大赛"]


def test_an_empty_tables_note_cut_before_what_says_so_is_whole():
    # held-out real-PDF variant 775 (reportlab), pages 10-11: the note under table 8 (国有资本经营预算
    # 财政拨款收入支出决算表, empty) wraps so that what says the table is empty is a paragraph of its
    # own (说明：…故本 / 表无数据。). The note had loaded as 表无数据。
    unread: list = []
    tables = read_standard_tables(read_document(LAYOUTS / "empty_table_note_cut_before_what_says_so.pdf"), unread)
    notes = {t.number: t.note for t in tables if t.empty}
    assert notes[8] == "说明：中共上海市普陀区委社会工作部本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"
    assert all(note and note.startswith("说明：") for note in notes.values())


def test_a_coded_row_drawn_open_at_a_page_bottom_is_not_joined_with_the_next_line():
    # held-out real-PDF variant 776 (Chromium), pages 13-14: table 6's last row on page 13 (30309
    # 奖励金 0.00 | 30229 福利费 1.48) is drawn open at the bottom, Chromium drawing its border on the
    # next page, whose first row is a line of its own (30310 … | 30231 …). They had been joined
    # (3030930310, 0.000.00: unread values, and every later line's row_no one less than printed)
    rows = [r.values for t in _tables_of(LAYOUTS / "coded_row_drawn_open_at_a_page_bottom.pdf") for r in t.rows]
    assert ["30309", "奖励金", "0.00", "30229", "福利费", "1.48"] in rows
    assert ["30310", "个人农业生产补贴", "0.00", "30231", "公务用车运行维护费", "0.00"] in rows


def test_a_heading_row_drawn_open_at_a_page_bottom_stays_the_heading():
    # the same layout, pages 4-5: table 2's first heading row (项目 | 本年收入合计 | 财政拨款收入 …) ends
    # page 4, drawn open by 项目 merged down over 功能分类科目编码 | 科目名称 on page 5. It had been
    # recorded unread as a row cut in two, and every figure of the table with it (no heading above)
    table, unread = _standard(LAYOUTS / "heading_row_drawn_open_at_a_page_bottom.pdf", 2)
    assert not unread
    figures = {(v.item, v.column, v.text) for v in table.values}
    assert ("合计", "本年收入合计", "307.82") in figures and ("合计", "财政拨款收入", "307.82") in figures
    assert ("行政运行", "财政拨款收入", "51.32") in figures


def test_a_units_heading_drawn_open_at_a_page_bottom_is_not_joined_with_the_first_unit():
    # held-out real-PDF variant 799 (Chromium), pages 1-2: the units table's heading (序号 | 单位名称 |
    # 备注) ends page 1, drawn open by 备注 merged down over the units on page 2. The first unit had
    # been joined into it (序号1 | 单位名称上海市普陀区规划和自然资源局（本级）), so no heading was found
    # and the five units were lost with nothing recorded
    from pipelines.recognise.narrative import unit_tables

    document = read_document(LAYOUTS / "units_heading_drawn_open_at_a_page_bottom.pdf")
    assert [u.text for u in unit_tables(document)] == [
        "上海市普陀区规划和自然资源局（本级）",
        "上海市普陀区规划和自然资源局执法大队（下属参公事业单位）",
        "上海市普陀区土地发展中心（下属事业单位）",
        "上海市普陀区自然资源确权登记事务中心（下属事业单位）",
        "上海市普陀区规划和自然资源管理事务中心（下属事业单位）",
    ]


def test_a_name_merged_down_over_rows_and_cut_beside_a_new_row_is_made_whole():
    # held-out real-PDF variant 893 (Writer), pages 23-24: table 6's 30399 name is merged down over
    # three rows of the left half (30399, and the empty rows beside 30299 and 310) and cut by the
    # page break (其他对个人和家庭的 / 补助) beside 31001, a row of its own on the right half. The name
    # had loaded as 其他对个人和家庭的 (the rest stands under the empty cell of the last row, not
    # under the name)
    rows = [
        r.values for t in _tables_of(LAYOUTS / "name_merged_down_over_rows_cut_beside_a_new_row.pdf") for r in t.rows
    ]
    at = next(i for i, r in enumerate(rows) if r[0] == "30399")
    assert rows[at][:3] == ["30399", "其他对个人和家庭的补助", "0.00"]
    assert ["", "", "", "31001", "房屋建筑物购建", "0.00"] in rows


def test_a_label_running_past_the_frame_at_a_page_bottom_is_made_whole_beside_a_new_row():
    # held-out real-PDF variant 895 (Chromium, no vertical rules), pages 10-11: table 4's
    # 三、国有资本经营预算财政拨款 is merged down and cut by the page break; its text runs past the
    # frame's bottom rule (经, 营 below it, read as paragraphs, which ended the table there: its
    # last row went unread and every later row_no was one less than printed), and its rest
    # (预算财政拨款) stands beside 四、公共安全支出 on a page whose columns are found from its text
    path = LAYOUTS / "label_running_past_the_frame_at_a_page_bottom.pdf"
    document = read_document(path)
    assert not [b for b in document.pages[0].blocks if not isinstance(b, Table) and b.text in ("经", "营")]
    rows = [r.values[:3] for t in _tables_of(path) for r in t.rows]
    at = rows.index(["三、国有资本经营预算财政拨款", "", "三、国防支出"])
    assert rows[at + 1] == ["", "", "四、公共安全支出"]
    assert not document.unread


def test_only_a_cells_own_text_running_past_the_frame_is_taken_into_it():
    from types import SimpleNamespace

    from pipelines.readers.pdf import _overflow

    # a table ending at y=50, its last row's first cell (x 0–20) drawn open at the bottom
    table = SimpleNamespace(bbox=(0, 0, 100, 50), rows=[SimpleNamespace(cells=[(0, 30, 20, 50), (20, 30, 100, 50)])])
    drawn = [{"x0": 20, "x1": 100, "top": 50, "bottom": 50}]  # the rule under the second cell only

    def ch(text: str, x0: float, top: float) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + 9, "top": top, "bottom": top + 9}

    running = [ch("经", 5, 46), ch("营", 5, 56)]  # across the frame's edge, then the next line
    assert _overflow(table, running, drawn, [table.bbox]) == {(0, 0): running}
    # a line under the table that goes on past the column is a paragraph (its 注), not the cell's
    note = [ch("注", 5, 46), ch("本", 25, 46)]
    assert _overflow(table, note, drawn, [table.bbox]) == {}
    # text that starts below the frame's edge, not across it, is not the cell's either
    assert _overflow(table, [ch("经", 5, 52)], drawn, [table.bbox]) == {}
    # the cell of a row above merged down to the bottom (the last row has none in its column)
    merged = SimpleNamespace(
        bbox=(0, 0, 100, 50),
        rows=[
            SimpleNamespace(cells=[(0, 10, 20, 50), (20, 10, 100, 30)]),
            SimpleNamespace(cells=[None, (20, 30, 100, 50)]),
        ],
    )
    assert _overflow(merged, running, drawn, [merged.bbox]) == {(0, 0): running}
    # not when that cell ends above the bottom (the last row's cell in its column is no one's)
    short = SimpleNamespace(
        bbox=(0, 0, 100, 50),
        rows=[SimpleNamespace(cells=[(0, 10, 20, 30), (20, 10, 100, 30)]), merged.rows[1]],
    )
    assert _overflow(short, running, drawn, [short.bbox]) == {}


def test_a_line_label_cut_beside_a_whole_line_label_is_made_whole():
    # held-out real-PDF variant 690 (Chromium), pages 11-12: table 4's 年末财政拨款结转和结余 is cut by
    # the page break (年末财政拨款结转 / 和结余) beside 一、一般公共预算财政拨款, a row of its own under
    # 年初财政拨款结转和结余. Once a cut cell's text running past the frame kept the table open over
    # the break (3153cde), the two rows had been joined (年初财政拨款结转和结余一、一般公共预算财政拨款)
    # and 总计's row_no was one less than printed
    rows = [r.values[:3] for t in _tables_of(LAYOUTS / "line_label_cut_beside_a_whole_line_label.pdf") for r in t.rows]
    at = rows.index(["年初财政拨款结转和结余", "", "年末财政拨款结转和结余"])
    assert rows[at + 1][0] == "一、一般公共预算财政拨款"


def test_a_half_frame_at_a_page_top_goes_on_with_the_table_of_two_halves_before_it():
    # held-out real-PDF variant 941 (Chromium, no vertical rules, cells merged down), pages 27-29:
    # table 6's 人员经费 half ends before its 公用经费 half, and no rule is drawn over the empty half,
    # so the second page's frame is the 公用经费 half's alone. It had been read as a table of its
    # own, which the third page's full-width frame did not go on, so 31099's 其他资本性支出, cut at
    # the second page's bottom, was recorded unread and table 6 had one row fewer than printed
    rows = [r.values for t in _tables_of(LAYOUTS / "half_frame_under_a_table_of_two_halves.pdf") for r in t.rows]
    codes = [r[3] for r in rows if len(r) == 6 and r[3].startswith("310")]
    assert codes == ["310", "31001", "31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099"]
    assert ["", "", "", "31007", "信息网络及软件购置更新", "0.00"] in rows  # on the 公用经费 half's columns
    assert ["", "", "", "31099", "其他资本性支出", "0.00"] in rows


def test_a_line_label_alone_on_a_page_is_a_row_of_the_table():
    # held-out real-PDF variant 1011 (Calc, A4 landscape, no vertical rules), pages 18-21: table 4's
    # row 二、政府性基金预算财政拨款, its label one character a line, fills a page of its own in a
    # frame of one cell. It had been read as a paragraph, which ended the table: the row was lost
    # with nothing recorded, and 总计's row_no was one less than printed
    labels = [r.values[0] for t in _tables_of(LAYOUTS / "line_label_alone_on_a_page.pdf") for r in t.rows]
    at = labels.index("一、一般公共预算财政拨款")
    assert labels[at + 1 : at + 4] == ["二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款", "总计"]


def test_figures_under_a_heading_of_one_character_a_line_closed_at_a_page_bottom_are_a_row():
    # held-out real-PDF variant 1179 (ReportLab, letter portrait), pages 23-24: table 9's last
    # heading row 预算数 | 决算数 …, one character a line, ran to the bottom of its cells, drawn closed
    # at the page's bottom; its figures start the next page. They had been joined to the heading as
    # the rest of a sentence cut by the break (预算数2.85), and table 9 loaded as empty
    path = LAYOUTS / "figures_under_a_heading_closed_at_a_page_bottom.pdf"
    rows = [r.values for t in _tables_of(path) for r in t.rows]
    at = rows.index(["预算数", "决算数"] * 6)
    assert rows[at + 1] == ["2.85", "0.39", *["0.00"] * 8, "2.85", "0.39"]


def test_a_narrow_name_drawn_open_at_a_page_bottom_beside_closed_cells_is_a_cell():
    # held-out real-PDF variant 1106 (Chromium, A3 landscape, cells merged down), pages 7-8: 30399's
    # 科目名称, merged down in a narrow column, is drawn open at the page's bottom while the cells
    # beside it are closed there, so the bottom rule covers nearly all the width and was not closed
    # for the table finder. pdfplumber made no cell of it: the name loaded as null, its text an
    # unread part (as in layouts 128 and 356)
    document = read_document(LAYOUTS / "narrow_name_open_at_a_page_bottom.pdf")
    rows = [r.values for page in document.pages for b in page.blocks if isinstance(b, Table) for r in b.rows]
    assert ["30399", "其他对个人和家庭的补助", "0.00", "30240", "税金及附加费用", "0.00"] in rows
    assert not [u for u in document.unread if "stands in no cell" in u.reason]


def test_a_name_merged_down_through_a_row_cut_by_a_page_break_keeps_its_rest():
    # held-out real-PDF variant 1381 (Chromium, A4 landscape, cells merged down), pages 21-22:
    # 30399's 科目名称 is merged down through the row of 30299 on the other side of table 6, and the
    # page break cuts both. The name's rest 补助 had been joined to that row's empty left half, so
    # 30399's name loaded as 其他对个人和家庭的 and the 补助 was lost with nothing recorded
    rows = [r.values for t in _tables_of(LAYOUTS / "name_merged_through_a_row_cut_by_a_page_break.pdf") for r in t.rows]
    assert ["30399", "其他对个人和家庭的补助", "0.00", "30240", "税金及附加费用", "0.00"] in rows
    assert ["", "", "", "30299", "其他商品和服务支出", "28.86"] in rows


def test_a_heading_box_at_a_page_bottom_heads_the_table_whose_first_row_is_its_empty_rest():
    # held-out real-PDF variant 1421 (Writer, A4 landscape), pages 11-12: table 9's top heading
    # 财政拨款“三公”经费, a cell over the table's width, is alone at the page's bottom; its empty rest
    # is the first row of the table on the next page. The box had been left a paragraph, and the 12
    # figures of table 9 loaded without the heading at the top of their column paths
    document = read_document(LAYOUTS / "heading_box_with_its_empty_rest_on_the_next_page.pdf")
    (table,) = [t for t in read_standard_tables(document) if t.number == 9]
    assert len(table.values) == 12
    assert all(v.column.startswith("财政拨款“三公”经费/") for v in table.values)
    rows = [r.values for page in document.pages for b in page.blocks if isinstance(b, Table) for r in b.rows]
    at = rows.index(["财政拨款“三公”经费"])
    assert rows[at + 1] == ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"]


def test_a_row_cut_at_a_break_drawn_closed_is_joined_though_a_heading_row_leaves_figures_empty():
    # held-out real-PDF variant 1478 (Writer, letter portrait), pages 21-24: 22102 住房改革支出 is
    # cut by a page break drawn closed, its 461.08 wrapped as 46 / 1.08. The heading row
    # 功能分类科目编码 | 科目名称, which leaves the figures' columns empty, had been counted among the
    # rows of figures, so no column was one every row fills and the cut was not seen: both parts
    # were recorded unread, and the rows after lost their 款
    path = LAYOUTS / "closed_cut_row_under_a_heading_row_of_labels.pdf"
    document = read_document(path)
    rows = [r.values for page in document.pages for b in page.blocks if isinstance(b, Table) for r in b.rows]
    assert ["22102", "住房改革支出", "461.08", "461.08", "0.00"] in rows
    assert not [u for u in document.unread if "住房改" in (u.text or "")]


def test_a_heading_row_cut_by_a_page_break_onto_other_columns_is_joined_by_place():
    # held-out real-PDF variant 1544 (Writer, A4 portrait, no vertical rules), pages 9-10: table 3's
    # heading row is cut by the page break (基本支 / 出); the next page finds as many columns at
    # other places (科目编码 and 科目名称 apart, where 项目 spans both above the break). The rest had
    # been joined cell by cell, one column off: 基本支, 上缴上出, 经营支出级支出, and 25 figures
    # loaded under the column 基本支
    rows = [r.values for t in _tables_of(LAYOUTS / "heading_row_cut_onto_other_columns.pdf") for r in t.rows]
    assert ["项目", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"] in rows


def test_a_first_level_label_merged_down_to_a_page_bottom_takes_no_label_from_the_next_page():
    # seed layout 171 (Chromium, cells merged down), pages 36-37: 一级指标 效益指标, merged down to
    # the page's bottom, is drawn open there; 满意度指标 starts the next page, drawn open at its top.
    # It is a label of its own: the rest of a cell merged down through a cut row is a 科目名称's only
    # (a first version of that fix joined it: 效益指标满意度指标, and 3 indicators lost their 一级指标)
    path = LAYOUTS / "first_level_label_merged_down_to_a_page_bottom.pdf"
    rows = [r.values[:4] for t in _tables_of(path) for r in t.rows]
    assert ["", "效益指标", "经济效益指标", "参会交流企业数量"] in rows
    assert ["", "满意度指标", "满意度指标", "出访成员单位满意度"] in rows


def test_the_rest_of_a_cut_row_equal_to_a_heading_row_is_no_repeated_heading():
    # held-out real-PDF variant 1782 (ReportLab, A4 portrait, narrow columns), pages 2-3: table 1's
    # 四、上级补助收入 and 四、公共安全支出 are cut by the page break, their rest 收入 | 支出 at the
    # next page's top: the words of the heading's first row, on the row's four cells. It had been
    # dropped as a repeated heading and the row 五、… joined as the rest (四、上级补助五、事业收入),
    # so every later line's row_no was one less than printed
    rows = [r.values for t in _tables_of(LAYOUTS / "rest_of_a_cut_row_equal_to_a_heading.pdf") for r in t.rows]
    at = rows.index(["四、上级补助收入", "", "四、公共安全支出", ""])
    assert rows[at + 1] == ["五、事业收入", "", "五、教育支出", ""]


def test_a_name_merged_down_and_run_past_the_table_frame_at_a_page_break_is_read_whole():
    # held-out real-PDF variant 1853 (Chromium, A3 portrait, cells merged down), pages 11-12:
    # 30399's 科目名称, one character a line in a narrow column, is merged down beside the other
    # side's rows to the page's bottom; Chromium prints its 庭 below the table's bottom rule and
    # 的补助 at the next page's top, beside 31007. 庭 had been read as a paragraph between the
    # two pages' tables, the name loaded as 其他对个人和家 and 的补助 lost with nothing recorded
    rows = [
        r.values
        for t in _tables_of(LAYOUTS / "name_merged_down_run_past_the_frame_at_a_page_break.pdf")
        for r in t.rows
    ]
    assert ["30399", "其他对个人和家庭的补助", "0.00", "30240", "税金及附加费用", "0.00"] in rows
    assert ["", "", "", "31007", "信息网络及软件购置更新", "0.00"] in rows
    assert not any("家" in v and "补助" not in v for r in rows for v in r)
