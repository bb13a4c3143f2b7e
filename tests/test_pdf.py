"""PDF input: every rendering of every seed gives the facts of its text form, pages are traced,
and bad PDFs fail with a reason (the time and memory limits: tests/test_pdf_limits.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipelines.ingest import RawFile, extract_file, normalise_file
from pipelines.model import Cell, Row, Table, tidy_cjk
from pipelines.normalize import READ_COLUMNS, normalise
from pipelines.readers import read_document
from pipelines.readers.pdf import PageResult, merge_continued_tables
from pipelines.readers.pdf_geometry import (
    char_text,
    gap_closers,
    horizontal,
    open_cells,
    rule_gaps,
    rule_less_columns,
    text_lines,
)
from pipelines.recognise import extract
from tests.conftest import FIXTURES, SEED

PDF = FIXTURES / "pdf"
RENDERINGS = sorted(PDF.glob("seed*.pdf"))
POSITION = {"doc_id", "source_file", "source_page", "source_line", *READ_COLUMNS}  # where, and how read


def _facts(path: Path) -> dict[str, list]:
    frames, warnings = normalise(extract(read_document(path)))
    assert warnings == []
    return {
        name: sorted(map(repr, frame.select([c for c in frame.columns if c not in POSITION]).rows()))
        for name, frame in frames.items()
    }


@pytest.fixture(scope="module")
def text_facts() -> dict[str, dict[str, list]]:
    return {key: _facts(path) for key, path in SEED.items()}


def test_every_seed_has_two_independent_renderings():
    for key in SEED:
        methods = {p.name.split("_")[1] for p in RENDERINGS if p.name.startswith(f"seed{key}_")}
        assert methods == {"reportlab", "libreoffice"}, key
    orientations = {p.stem.rsplit("_", 1)[1] for p in RENDERINGS}
    assert orientations == {"portrait", "landscape"}


@pytest.mark.parametrize("rendering", RENDERINGS, ids=lambda p: p.stem)
def test_pdf_rendering_gives_the_facts_of_the_text_form(rendering: Path, text_facts):
    key = rendering.name[4:7]
    assert _facts(rendering) == text_facts[key]


@pytest.mark.parametrize("rendering", [p for p in RENDERINGS if p.name.startswith("seed004")], ids=lambda p: p.stem)
def test_every_fact_from_a_pdf_has_its_page(rendering: Path):
    document = read_document(rendering)
    frames, _ = normalise(extract(document))
    for name, frame in frames.items():
        assert frame["source_page"].null_count() == 0, name
        assert frame["source_page"].is_between(1, len(document.pages)).all(), name


def test_cells_keep_page_and_position_and_cjk_wraps_are_joined():
    document = read_document(PDF / "seed004_reportlab_landscape.pdf")
    cells = [c for t in document.tables() for r in t.rows for c in r.cells]
    assert all(c.page is not None and c.bbox is not None for c in cells if c.text)
    values = {c.value for c in cells}
    assert "新疆自贸试验区条例立法工作完成率" in values or any("新疆自贸试验区条例立法" in v for v in values)
    assert "<=200万元" in values


BAD = {
    "bad_zero_bytes.pdf": "the file is empty",
    "bad_truncated.pdf": "truncated",
    "bad_encrypted.pdf": "encrypted",
    "bad_random_bytes.pdf": "not a PDF",
    "bad_no_tables.pdf": "no tables found",
    "bad_cid_garbage.pdf": "does not decode",
}


@pytest.mark.parametrize("name, reason", BAD.items())
def test_bad_pdf_fails_with_a_reason(name: str, reason: str):
    path = PDF / name
    data = path.read_bytes()
    import hashlib

    raw = RawFile(path=path, name=name, doc_id=hashlib.sha256(data).hexdigest(), size_bytes=len(data), file_type="pdf")
    result = normalise_file(extract_file(raw))
    assert result.document["status"][0] == "failed"
    error = result.document["error"][0]
    assert error.startswith(name) and reason in error, error


@pytest.mark.parametrize("name", ["table_row_split_across_pages.pdf", "table_row_split_across_pages_libreoffice.pdf"])
def test_a_row_cut_by_a_page_break_is_one_row_and_the_repeated_heading_is_dropped(name: str):
    document = read_document(PDF / name)
    (table,) = list(document.tables())  # one table across the two pages
    headings = [r for r in table.rows if r.values[3:4] == ["三级指标"]]
    assert len(headings) == 1
    rows = {r.values[3]: r for r in table.rows if len(r) == 14}
    cut = rows["境外参展企业数量（家）"]
    text_rows = [r for t in read_document(SEED["004"]).tables() for r in t.rows if len(r) == 14]
    expected = next(r for r in text_rows if r.values[3] == "境外参展企业数量（家）")
    assert cut.values == expected.values
    assert cut.page == 1 and {c.page for c in cut.cells} == {1}
    assert len([r for r in table.rows if len(r) == 14 and r.values[3]]) == 9 + 1  # 9 indicators + heading


# --------------------------------------------------------------------------------------------
# Page geometry and tables across pages, on plain data (pipelines/readers/pdf_geometry.py, pdf.py)


def _char(text: str, x0: float, top: float, size: float = 10.0, width: float | None = None) -> dict:
    width = size if width is None else width
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "size": size, "upright": True}


def test_characters_off_the_baseline_by_two_points_stay_in_their_line():
    # 年初预算为1560.05万元 with the digits 2.5 pt lower (another font), the next line 14 pt below
    line = [_char(ch, 10 * i, 100) for i, ch in enumerate("年初预算为")]
    line += [_char(ch, 50 + 5 * i, 102.5, width=5) for i, ch in enumerate("1560.05")]
    line += [_char(ch, 85 + 10 * i, 100) for i, ch in enumerate("万元")]
    below = [_char(ch, 10 * i, 114) for i, ch in enumerate("支出")]
    lines = text_lines(below + line[::-1])
    assert [tidy_cjk(item.text) for item in lines] == ["年初预算为1560.05万元", "支出"]


def test_a_quoted_word_at_the_start_of_a_line_would_not_have_fitted_the_line_before():
    # sweep layout 199: "…绩效等级评" ended 22 pt short of the margin and the next line began
    # "“良”。": an opening quote may not end a line, so the first piece that would have had to fit
    # is “良” (30 pt), not “ alone (10 pt); the grade had been cut off its sentence
    from pipelines.readers.pdf_geometry import lead

    (line,) = text_lines([_char(ch, 10 * i, 100) for i, ch in enumerate("“良”。")])
    assert lead(line, quotes=True) == 40.0  # “良”。: 。 may not start a line either
    assert lead(line) == 10.0
    (line,) = text_lines([_char(ch, 10 * i, 100) for i, ch in enumerate("良好")])
    assert lead(line, quotes=True) == 10.0

    from pipelines.readers.pdf import _paragraphs

    def line_of(text: str, top: float, x1: float) -> dict:
        (found,) = text_lines([_char(ch, 50 + 10 * i, top) for i, ch in enumerate(text)])
        return {"text": text, "x0": 50.0, "x1": x1, "top": top, "bottom": top + 10.0, "lead": lead(found),
                "lead_quoted": lead(found, quotes=True)}  # fmt: skip

    wide = line_of("（一）综合评价结论：该专项得分87.50分，其中项目决策得分9.00分，", 100.0, 600.0)
    cut = line_of("项目管理得分22.00分，绩效等级评", 114.0, 578.0)  # 22 pt short of the margin
    assert len(_paragraphs([wide, cut, line_of("“良”。", 128.0, 90.0)], 1, 842.0)) == 1
    # after a sentence's end the quote alone decides: a heading, then a paragraph of its own
    heading = line_of("（二）“三公”经费财政拨款支出决算具体情况说明。", 114.0, 578.0)
    quoted = line_of("“三公”经费财政拨款支出决算中，", 128.0, 300.0)
    assert len(_paragraphs([heading, quoted, {**wide, "top": 142.0, "bottom": 152.0}], 1, 842.0)) == 3


def test_a_numbered_heading_after_a_sentence_ending_at_the_margin_starts_a_paragraph():
    # real-PDF variant 146 (Writer, justified): "…减少了培训费支出等。" ends flush at the margin and
    # "（二）政府采购支出情况" followed with no larger gap: the procurement figures were filed
    # under （一）机关运行经费支出情况
    from pipelines.readers.pdf import _paragraphs
    from pipelines.readers.pdf_geometry import lead

    def line_of(text: str, top: float, x1: float) -> dict:
        (found,) = text_lines([_char(ch, 50 + 10 * i, top) for i, ch in enumerate(text)])
        return {"text": text, "x0": 50.0, "x1": x1, "top": top, "bottom": top + 10.0, "lead": lead(found),
                "lead_quoted": lead(found, quotes=True)}  # fmt: skip

    before = line_of("机关运行经费支出142.80万元，比2023年度减少13.52万元，下降8.65%。主", 100.0, 600.0)
    end = line_of("要原因是勤俭节约，合理支出。较上一年度减少了培训费支出等。", 114.0, 600.0)
    heading = line_of("（二）政府采购支出情况", 128.0, 160.0)
    body = line_of("政府采购金额为2319.21万元，其中：货物采购金额122.43万元。", 142.0, 600.0)
    paragraphs = _paragraphs([before, end, heading, body], 1, 842.0)
    assert [p.text[:6] for _, p in paragraphs] == ["机关运行经费", "（二）政府采", "政府采购金额"]


def test_a_year_alone_on_a_pages_last_line_is_text_not_a_page_number():
    # real-PDF variant 156 (Chromium): "…主要原因：单位" / "2024" (the page's last line) / "年新成立"
    from pipelines.readers.pdf import _PAGE_FURNITURE

    assert _PAGE_FURNITURE.match("2024") is None
    assert all(_PAGE_FURNITURE.match(text) for text in ("12", "- 3 -", "第 5 页", "7 / 30", "123"))


def test_figures_cut_short_of_their_two_decimals_join_their_row():
    # real-PDF variants 146 and 162 (Writer, ruled, one line on the first page): 2200150 事业 | 44
    # | 2339.5 | 20 over 运行 | 16.67 | 8 | 77.09 (had loaded 44 as an amount), and 20805 / 05
    from pipelines.readers.pdf import _finishes_a_figure

    cut = _row(["2200150", "事业", "44", "2339.5", "20"], 1)
    assert _finishes_a_figure(_row(["", "运行", "16.67", "8", "77.09"], 2), cut)
    assert _finishes_a_figure(_row(["", "", "", "", "00"], 2), _row(["21011", "行政", "23", "236.64", "0."], 1))
    assert _finishes_a_figure(_row(["05", "业单位基本养老保险缴费支出"], 2), _row(["20805", "机关事"], 1))
    # whole figures over the next row's, an integer (得分 100 over 95.56) and a 款 over its 项 tell
    # nothing
    whole = _row(["20805", "行政事业单位养老支出", "754.75", "754.75", "0.00"], 1)
    assert not _finishes_a_figure(_row(["2080501", "行政单位离退休", "54.53", "54.53", "0.00"], 2), whole)
    assert not _finishes_a_figure(_row(["", "", "", "", "5"], 2), _row(["总分", "100", "", "", "100."], 1))
    assert not _finishes_a_figure(_row(["场次", "95.56", "2.67"], 2), _row(["开幕式", "100", "5"], 1))


def test_radicals_and_compatibility_code_points_read_as_the_characters_they_draw():
    assert "".join(char_text(ch) for ch in "⾃治区⼈⺠⻓期\u00a0") == "自治区人民长期 "
    assert "".join(char_text(ch) for ch in "中国\u2015亚欧") == "中国\u2014亚欧"


def test_a_cut_row_is_known_by_its_cells_open_at_the_cut_not_by_a_merged_cell_going_on():
    row = [(0.0, 100.0, 50.0, 120.0), (50.0, 100.0, 150.0, 120.0)]
    closed = [horizontal(120.0, 0.0, 150.0)]
    assert not open_cells(closed, row, "bottom")
    assert open_cells([], row, "bottom")
    # only the merged first column goes on over the break: the row itself is closed
    assert not open_cells([horizontal(120.0, 50.0, 150.0)], row, "bottom")


def _row(values: list[str], page: int, index: int = 0, xs: list[float] | None = None) -> Row:
    xs = xs or [100.0 * i for i in range(len(values) + 1)]
    cells = tuple(
        Cell(text=v, row=index, col=i, page=page, bbox=(xs[i], 0.0, xs[i + 1], 10.0)) for i, v in enumerate(values)
    )
    return Row(cells=cells, index=index, page=page)


def _table(rows: list[Row], page: int, **flags) -> Table:
    return Table(rows=tuple(rows), page=page, bbox=(0.0, 0.0, rows[0].cells[-1].bbox[2], 700.0), **flags)


def test_a_cell_over_three_pages_is_joined_back_into_its_row():
    heading = _row(["年度总体目标", "预期目标", "实际完成情况"], 1)
    first = _row(["", "（一）发挥博览会平台作用", "在党中央"], 1, 1)
    pages = [
        PageResult(1, blocks=[_table([heading, first], 1, last_row_continues=True)]),
        PageResult(
            2,
            blocks=[
                _table([_row(["", "", "国务院的亲切关怀"], 2)], 2, first_row_continues=True, last_row_continues=True)
            ],
        ),
        PageResult(3, blocks=[_table([_row(["", "", "下自2011年起"], 3)], 3, first_row_continues=True)]),
    ]
    merged = merge_continued_tables(pages)
    (table,) = [b for page in merged for b in page.blocks]
    assert [r.values for r in table.rows] == [
        ["年度总体目标", "预期目标", "实际完成情况"],
        ["", "（一）发挥博览会平台作用", "在党中央国务院的亲切关怀下自2011年起"],
    ]
    assert [page.blocks for page in merged[1:]] == [[], []]


def test_a_row_at_the_top_of_a_page_is_a_new_row_unless_the_break_cut_it():
    fund_header = _row(["项目资金（万元）", "", "年初预算数", "全年预算数"], 1)
    total = _row(["", "年度资金总额", "528.60", "528.60"], 2)
    pages = [PageResult(1, blocks=[_table([fund_header], 1)]), PageResult(2, blocks=[_table([total], 2)])]
    (table,) = [b for page in merge_continued_tables(pages) for b in page.blocks]
    assert [r.values for r in table.rows] == [fund_header.values, total.values]


def test_the_rest_of_a_row_drawn_closed_is_joined_when_its_text_is_where_the_row_ran_to_the_page_bottom():
    heading = _row(["", "一级指标", "二级指标", "三级指标", "权重"], 1)
    last = _row(["总分", "100", "", "", "100."], 1, 1)
    rest = _row(["", "", "", "", "00分"], 2)
    before = _table([heading, last], 1, last_row_full=(False, False, False, False, True))
    # the heading row repeated at the top of the next page, above the rest of the cut row
    pages = [PageResult(1, blocks=[before]), PageResult(2, blocks=[_table([heading, rest], 2)])]
    (table,) = [b for page in merge_continued_tables(pages) for b in page.blocks]
    assert [r.values for r in table.rows] == [heading.values, ["总分", "100", "", "", "100.00分"]]
    # a row of its own (text where the row before did not run to the bottom) is not joined
    other = _row(["", "", "", "开幕式", "5"], 2)
    pages = [PageResult(1, blocks=[before]), PageResult(2, blocks=[_table([other], 2)])]
    (table,) = [b for page in merge_continued_tables(pages) for b in page.blocks]
    assert len(table.rows) == 3


def test_a_page_of_a_table_without_vertical_rules_takes_the_columns_of_its_heading():
    xs = [0.0, 40.0, 80.0, 120.0, 160.0]
    heading = _row(["一级指标", "二级指标", "三级指标", "偏差原因分析"], 1, 0, xs)
    # on the next page no row has text in the last column: it shows three columns
    short = _row(["产出指标", "数量指标", "开幕式"], 2, 0, [0.0, 40.0, 80.0, 160.0])
    pages = [
        PageResult(1, blocks=[_table([heading], 1, columns_from_text=True)]),
        PageResult(2, blocks=[_table([short], 2, columns_from_text=True)]),
    ]
    (table,) = [b for page in merge_continued_tables(pages) for b in page.blocks]
    assert table.rows[1].values == ["产出指标", "数量指标", "开幕式", ""]


def test_a_table_without_inner_vertical_rules_gets_its_columns_from_where_its_text_starts():
    frame = (0.0, 0.0, 300.0, 60.0)
    bands = [(0.0, 20.0), (20.0, 40.0), (40.0, 60.0)]
    chars = [_char(ch, 4 + 10 * i, 5) for i, ch in enumerate("一级指标")]
    chars += [_char(ch, 104 + 10 * i, 5) for i, ch in enumerate("三级指标")]
    chars += [_char(ch, 204 + 10 * i, 5) for i, ch in enumerate("目标值")]
    # the second row leaves its first column empty (merged), the third its middle one
    chars += [_char(ch, 104 + 10 * i, 25) for i, ch in enumerate("开幕式")]
    chars += [_char(ch, 204 + 5 * i, 25, width=5) for i, ch in enumerate(">=1场")]
    chars += [_char(ch, 4 + 10 * i, 45) for i, ch in enumerate("效益指标")]
    edges = rule_less_columns(frame, bands, chars)
    assert sorted({round(e["x0"]) for e in edges}) == [100, 200]
    assert len(edges) == 6  # a rule at each column's left edge, in each row


def test_where_a_row_rule_stops_is_a_columns_edge_where_its_pieces_meet_is_not():
    # the rest of a row cut on the page before (更新 alone) over rows whose left cells are
    # merged down: the rule under it stops at 100 and starts again at 200 (a cell merged over
    # the break), and is drawn in pieces that meet at 250 (a column of the row under it only)
    frame = (0.0, 0.0, 300.0, 40.0)
    bands = [(0.0, 20.0), (20.0, 40.0)]
    chars = [_char(ch, 264 + 10 * i, 5) for i, ch in enumerate("更新")]
    chars += [_char(ch, 204 + 5 * i, 25, width=5) for i, ch in enumerate("31013")]
    chars += [_char(ch, 264 + 10 * i, 25) for i, ch in enumerate("公务用车")]
    under = [horizontal(20.0, 0.0, 100.0), horizontal(20.0, 200.0, 250.0), horizontal(20.0, 250.0, 300.0)]
    open_top = rule_less_columns(frame, bands, chars, under, continued=True)
    assert sorted({round(e["x0"]) for e in open_top if e["top"] == 0.0}) == [100, 200, 263]
    # a table closed at the top: the rule's gap (100-200) is a cell merged over it, so where the
    # gap starts is a column's edge in the row above it too; where it ends, the column of 31013
    # has its edge already (at its padding), and where two pieces meet (250) divides nothing
    closed = rule_less_columns(frame, bands, chars, under, continued=False)
    assert sorted({round(e["x0"]) for e in closed if e["top"] == 0.0}) == [100, 203, 263]
    # where the rule stops just left of a text, that text's column has its edge already (at its
    # padding): no second edge, which would make an empty column of the padding
    named = chars + [_char(ch, 204 + 10 * i, 5) for i, ch in enumerate("援疆")]
    edges = rule_less_columns(frame, bands, named, under, continued=True)
    assert sorted({round(e["x0"]) for e in edges if e["top"] == 0.0}) == [100, 203, 263]
    # a rule inside a row, under 序号 and a narrow 单位名称 only, ends at an empty column
    # merged over the rows it divides (备注)
    one_band = [(0.0, 40.0)]
    inside = [horizontal(20.0, 0.0, 100.0)]
    texts = [_char("3", 4, 5), _char("上", 24, 5), _char("4", 4, 25), _char("上", 24, 25)]
    edges = rule_less_columns(frame, one_band, texts, inside)
    assert sorted({round(e["x0"]) for e in edges}) == [20, 100]


def test_a_cell_merged_over_a_row_rule_or_drawn_open_at_a_cut_is_one_cell():
    # a table without inner vertical rules, two rows; the name column (100-120) is merged over the
    # rule between them and drawn open at the page's bottom, the cells beside it closed there
    frame = (0.0, 0.0, 300.0, 40.0)
    bands = [(0.0, 20.0), (20.0, 40.0)]
    drawn = [horizontal(y, 0.0, 100.0) for y in (0.0, 20.0, 40.0)]
    drawn += [horizontal(y, 120.0, 300.0) for y in (20.0, 40.0)] + [horizontal(0.0, 100.0, 300.0)]
    assert rule_gaps(drawn, 20.0, 0.0, 300.0) == [(100.0, 120.0)]
    assert rule_gaps(drawn, 0.0, 0.0, 300.0) == []
    # only the cut is closed (the gap between the rows is the merged cell), and only the gap
    assert [(e["top"], e["x0"], e["x1"]) for e in gap_closers(frame, bands, drawn)] == [(40.0, 100.0, 120.0)]
    # the name is in the first row only, a figure in each row right of it
    chars = [_char(ch, 4 + 10 * i, 5) for i, ch in enumerate("30399")]
    chars += [_char("其", 104, 5), _char("他", 104, 15)]
    chars += [_char(ch, 204 + 5 * i, 5, width=5) for i, ch in enumerate("0.00")]
    chars += [_char(ch, 204 + 5 * i, 25, width=5) for i, ch in enumerate("28.86")]
    edges = rule_less_columns(frame, bands, chars, drawn)
    # the gap's sides are columns' edges in both rows, though the second shows no text there
    assert sorted(round(e["x0"]) for e in edges if e["top"] == 20.0) == [100, 120, 200]
    # not where text runs across the gap's side
    crossing = [_char(ch, 96 + 10 * i, 25) for i, ch in enumerate("名称")]
    edges = rule_less_columns(frame, bands, chars + crossing, drawn)
    assert 100 not in [round(e["x0"]) for e in edges if e["top"] == 20.0]


def test_a_row_cut_by_a_page_break_whose_rest_is_lost_is_not_read_with_half_a_value():
    heading = _row(["三级指标", "目标值", "业绩值"], 1)
    cut = _row(["服务企业满意度", "≥9", "90%"], 1, 1)  # ≥90% printed as ≥9 / 0%: the rest is lost
    unread: list = []
    pages = [
        PageResult(1, blocks=[_table([heading, cut], 1, last_row_continues=True)]),
        PageResult(2, blocks=[]),
    ]
    (table,) = [b for page in merge_continued_tables(pages, unread) for b in page.blocks]
    assert [r.values for r in table.rows] == [heading.values]
    (part,) = unread
    assert (part.part, part.source_page) == ("row", 1) and "cut by the page break" in part.reason


def test_two_rows_at_a_page_break_that_may_be_one_row_cut_in_two_are_not_read():
    # drawn closed, the first part one line tall (every cell ran to the page bottom), the part on
    # the next page empty where the first part had whole values: 251.50 may be 251.50 / 50, a
    # value cut after two decimals (one cut short of them tells, below)
    fund = _row(["", "年度资金总额", "251.50", "251.50", "9.97"], 1)
    rest = _row(["", "", "", "50", ""], 2)
    before = _table([fund], 1, last_row_full=(False, True, True, True, True))
    before = replace(before, bbox=(0.0, 0.0, 500.0, 780.0))
    after = replace(_table([rest], 2), bbox=(0.0, 40.0, 500.0, 300.0))
    unread: list = []
    pages = merge_continued_tables([PageResult(1, blocks=[before]), PageResult(2, blocks=[after])], unread)
    assert [b.rows for page in pages for b in page.blocks] == [()]
    assert [(p.part, p.source_page) for p in unread] == [("row", 1), ("row", 2)]
    # a rest that makes the row's label whole tells: 年 / 度资金总额, so 9.9 / 7 is 9.97
    cut = replace(before, rows=(_row(["", "年", "251.50", "251.50", "9.9"], 1),))
    after = replace(_table([_row(["", "度资金总额", "", "", "7"], 2)], 2), bbox=(0.0, 40.0, 500.0, 300.0))
    pages = merge_continued_tables([PageResult(1, blocks=[cut]), PageResult(2, blocks=[after])], unread := [])
    assert [r.values for page in pages for b in page.blocks for r in b.rows] == [
        ["", "年度资金总额", "251.50", "251.50", "9.97"]
    ]
    assert unread == []
    # a figure cut short of its two decimals tells: 251. / 50 is 251.50
    cut = replace(before, rows=(_row(["", "年度资金总额", "251.50", "251.", "9.97"], 1),))
    after = replace(_table([_row(["", "", "", "50", ""], 2)], 2), bbox=(0.0, 40.0, 500.0, 300.0))
    pages = merge_continued_tables([PageResult(1, blocks=[cut]), PageResult(2, blocks=[after])], unread := [])
    assert [r.values for page in pages for b in page.blocks for r in b.rows] == [
        ["", "年度资金总额", "251.50", "251.50", "9.97"]
    ]
    assert unread == []
    # the next row of its own (the same cells filled) is kept
    other = _row(["", "其中：当年财政拨款", "250.00", "250.00", "—"], 2)
    after = replace(_table([other], 2), bbox=(0.0, 40.0, 500.0, 300.0))
    pages = merge_continued_tables([PageResult(1, blocks=[before]), PageResult(2, blocks=[after])], [])
    assert [len(b.rows) for page in pages for b in page.blocks] == [2]


def test_a_blank_fund_row_after_a_one_line_row_at_a_page_break_is_a_row_of_its_own():
    # layout 93 of the sweep (Calc, which never cuts a row): 其他资金 with no figures at the top of
    # the page leaves the value columns empty, as the rest of a row cut after one line would, and
    # was joined into "其中：财政拨款其他资金". A whole row label is a row of its own.
    heading = _row(["", "预算数：", "10万元", "执行数：", "10万元"], 1)
    fiscal = _row(["", "其中：财政拨款", "10万元", "其中：财政拨款", "10万元"], 1, 1)
    other = _row(["", "其他资金", "", "其他资金", ""], 2)
    before = replace(
        _table([heading, fiscal], 1, last_row_full=(False, True, True, True, True)), bbox=(0.0, 0.0, 500.0, 780.0)
    )
    after = replace(_table([other], 2), bbox=(0.0, 40.0, 500.0, 300.0))
    unread: list = []
    pages = merge_continued_tables([PageResult(1, blocks=[before]), PageResult(2, blocks=[after])], unread)
    (table,) = [b for page in pages for b in page.blocks]
    assert [r.values for r in table.rows] == [heading.values, fiscal.values, other.values]
    assert unread == []
    # a label cut in two (sweep layout 94, Writer): under "其中：" the label 当年财政拨款 is the rest
    cut = _row(["", "其中：", "0.00", "0.00", "0."], 1, 1)
    rest = _row(["", "当年财政拨款", "", "", "00"], 2)
    before = replace(_table([heading, cut], 1, last_row_full=(False, True, True, True, True)), bbox=before.bbox)
    after = replace(_table([rest], 2), bbox=after.bbox)
    pages = merge_continued_tables([PageResult(1, blocks=[before]), PageResult(2, blocks=[after])], [])
    (table,) = [b for page in pages for b in page.blocks]
    assert [r.values for r in table.rows] == [heading.values, ["", "其中：当年财政拨款", "0.00", "0.00", "0.00"]]
    # the same drawing with text that is no row label is the rest of the row (Writer cuts rows)
    head = _row(["年度总体目标", "预期目标", "实际完成情况"], 1)
    first = _row(["", "完成3项商务工作目标", "完成了3项目标。"], 1, 1)
    goal = _row(["", "根据《关于申请配置国有资产的复函》文件", "已购置办公设备69台。"], 1, 2)
    rest = _row(["", "相关要求，购置办公设备。", ""], 2)
    before = _table([head, first, goal], 1, last_row_full=(False, True, True))
    before = replace(before, bbox=(0.0, 0.0, 300.0, 780.0))
    after = replace(_table([rest], 2), bbox=(0.0, 40.0, 300.0, 300.0))
    pages = merge_continued_tables([PageResult(1, blocks=[before]), PageResult(2, blocks=[after])], [])
    (table,) = [b for page in pages for b in page.blocks]
    assert [r.values for r in table.rows][2:] == [
        ["", "根据《关于申请配置国有资产的复函》文件相关要求，购置办公设备。", "已购置办公设备69台。"]
    ]


def test_a_cut_heading_row_whose_rest_is_all_labels_is_joined_by_place():
    # sweep layout 17 (Chromium, no vertical rules): the heading row cut by the page break, its
    # rest on the next page found on columns of its own ("依据" under 指标值设定)
    xs = [0.0, 40.0, 80.0, 120.0, 160.0]
    heading = _row(["三级指标", "权重", "指标值设定", "偏差原因分"], 1, 0, xs)
    # (its text starts a little right of the heading's cells: not on the heading's columns)
    rest = _row(["", "依据", "析及改进措施"], 2, 0, [0.0, 95.0, 135.0, 160.0])
    row = _row(["开幕式", "10", "计划标准", ""], 2, 1, xs)
    pages = [
        PageResult(1, blocks=[_table([heading], 1, columns_from_text=True, last_row_continues=True)]),
        PageResult(2, blocks=[_table([rest, row], 2, columns_from_text=True)]),
    ]
    (table,) = [b for page in merge_continued_tables(pages) for b in page.blocks]
    assert [r.values for r in table.rows] == [
        ["三级指标", "权重", "指标值设定依据", "偏差原因分析及改进措施"],
        row.values,
    ]


def test_a_row_drawn_cut_whose_rest_cannot_be_placed_is_not_read_with_half_its_values():
    # sweep layout 17: "自贸 | 计划 | 工作资" at the page bottom, drawn open; its rest on the next
    # page has a piece of text under no cell of it (at the right edge of the frame)
    xs = [0.0, 40.0, 80.0, 120.0]
    heading = _row(["三级指标", "指标值设定依据", "佐证资料"], 1, 0, xs)
    cut = _row(["自贸", "计划", "工作资"], 1, 1, xs)
    rest = _row(["试验区电子围栏", "标准", "料", "原始凭证"], 2, 0, [0.0, 40.0, 80.0, 119.5, 120.0])
    unread: list = []
    pages = [
        PageResult(1, blocks=[_table([heading, cut], 1, columns_from_text=True, last_row_continues=True)]),
        PageResult(2, blocks=[_table([rest], 2, columns_from_text=True)]),
    ]
    (table,) = [b for page in merge_continued_tables(pages, unread) for b in page.blocks]
    assert cut.values not in [r.values for r in table.rows]
    (part,) = unread
    assert (part.part, part.source_page) == ("row", 1) and "cut by the page break" in part.reason


def test_a_heading_with_a_column_fewer_than_the_rows_under_it_takes_their_columns():
    # sweep layout 34 (Calc, no vertical rules): the 项目资金 heading at a page bottom shows no
    # label column (empty in it); its rows on the next page do
    heading = _row(["项目资金（万元）", "年初预算数", "全年预算数"], 1, 0, [0.0, 120.0, 200.0, 280.0])
    total = _row(["", "年度资金总额", "528.60", "528.60"], 2, 0, [0.0, 40.0, 120.0, 200.0, 280.0])
    pages = [
        PageResult(1, blocks=[_table([heading], 1, columns_from_text=True)]),
        PageResult(2, blocks=[_table([total], 2, columns_from_text=True)]),
    ]
    (table,) = [b for page in merge_continued_tables(pages) for b in page.blocks]
    assert [r.values for r in table.rows] == [["项目资金（万元）", "", "年初预算数", "全年预算数"], total.values]


def test_a_row_under_merged_label_cells_at_the_top_of_a_page_is_a_row_of_its_own():
    # sweep layout 105 (Calc, rules drawn, every row closed): the next indicator at the top of
    # the page leaves 一级/二级 empty (merged cells carried down), every other cell filled; it was
    # taken for the rest of the row before, and two weights of 30 read as 3030
    heading = _row(["一级指标", "二级指标", "三级指标", "分值权重", "得分"], 1)
    first = _row(["产出指标", "数量指标", "开幕式", "20", "20"], 1, 1)
    second = _row(["履职效能", "质量指标", "社会消费品零售总额增长", "30", "30"], 1, 2)
    top = _row(["", "", "进出口总额增长", "30", "30"], 2)
    pages = [PageResult(1, blocks=[_table([heading, first, second], 1)]), PageResult(2, blocks=[_table([top], 2)])]
    (table,) = [b for page in merge_continued_tables(pages) for b in page.blocks]
    assert [r.values for r in table.rows][-2:] == [second.values, top.values]
    # the rest of a cut row, empty where whole rows are filled, is still joined
    rest = _row(["", "", "长", "", ""], 2)
    pages = [PageResult(1, blocks=[_table([heading, first, second], 1)]), PageResult(2, blocks=[_table([rest], 2)])]
    (table,) = [b for page in merge_continued_tables(pages) for b in page.blocks]
    assert table.rows[-1].values == ["履职效能", "质量指标", "社会消费品零售总额增长长", "30", "30"]


def test_the_rest_of_a_cut_total_row_filling_one_cell_is_joined():
    # sweep layouts 33 and 53 (Writer): "总分 | 100 | 10" at the page bottom, "0.00分" alone on
    # the next page, left of the middle: not a row of its own under merged label cells
    heading = _row(["一级指标", "二级指标", "得分", "三级指标", "权重", "依据"], 1)
    first = _row(["产出指标", "数量指标", "20", "开幕式", "20", "计划"], 1, 1)
    second = _row(["", "质量指标", "80", "合格率", "80", "计划"], 1, 2)
    total = _row(["总分", "100", "10", "", "", ""], 1, 3)
    rest = _row(["", "", "0.00分", "", "", ""], 2)
    pages = [
        PageResult(1, blocks=[_table([heading, first, second, total], 1)]),
        PageResult(2, blocks=[_table([rest], 2)]),
    ]
    (table,) = [b for page in merge_continued_tables(pages) for b in page.blocks]
    assert table.rows[-1].values == ["总分", "100", "100.00分", "", "", ""]


def test_text_a_clipping_path_hides_is_not_read():
    # as Chromium draws a table row cut by a page break: the row's line painted on both pages,
    # each clipped to its page's text area (sweep layout 163 read "，" twice); after Q the clip
    # is gone; a clip narrowed twice keeps the intersection
    import io

    import pdfplumber

    from pipelines.readers.pdf_clip import lay_out
    from tests.pdf_maker import make_pdf

    content = (
        b"q 20 20 160 150 re W n BT /F1 10 Tf 30 180 Td (HIDDEN) Tj ET"  # above the clip
        b" BT /F1 10 Tf 30 100 Td (SHOWN) Tj ET"
        b" q 0 0 100 200 re W n BT /F1 10 Tf 120 60 Td (RIGHT) Tj ET Q Q"  # outside the narrowed clip
        b" BT /F1 10 Tf 30 185 Td (AFTER) Tj ET"  # after Q: no clip
    )
    data = make_pdf([content], compress=False)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].extract_text().split() == ["AFTER", "HIDDEN", "SHOWN", "RIGHT"]  # pdfminer alone
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        lay_out(page)
        assert page.extract_text().split() == ["AFTER", "SHOWN"]


def test_the_rest_of_a_row_found_on_other_columns_is_joined_by_place():
    # sweep layouts 122 and 161 (Writer, no vertical rules inside the table, so each page finds
    # its columns from its own text): the rest of a row cut by the page break has fewer cells
    # than the row before it, and was loaded as a row of its own (实施单位 "新疆维吾尔"; "=1" as
    # 目标值 where the page printed "=100%")
    from pipelines.readers.pdf import _continue_table

    def cont(before: Row, first: Row, at_bottom: bool = True) -> list[list[str]]:
        table = _table([before], 1, columns_from_text=True)
        more = _table([first], 2, columns_from_text=True)
        return [r.values for r in _continue_table(table, more, at_bottom=at_bottom, unread=[]).rows]

    unit = _row(["主管部门", "新疆维吾尔自治区商务信息中心", "实施单位", "新疆维吾尔"], 1)
    rest = _row(["", "自治区商务信息中心"], 2, xs=[0.0, 305.0, 400.0])
    assert cont(unit, rest) == [
        ["主管部门", "新疆维吾尔自治区商务信息中心", "实施单位", "新疆维吾尔自治区商务信息中心"]
    ]
    # a table that did not run to the bottom of its page cut no row
    assert len(cont(unit, rest, at_bottom=False)) == 2

    xs = [0.0, 100.0, 200.0, 300.0, 400.0, 500.0, 600.0, 700.0, 800.0]
    cut = _row(["", "", "质", "改", "5", "=1", "100", "5"], 1, xs=xs)
    rest = _row(["", "量指标", "造工程验收合格率", "", "00%"], 2, xs=[0.0, 205.0, 305.0, 405.0, 505.0, 800.0])
    assert cont(cut, rest) == [["", "", "质量指标", "改造工程验收合格率", "5", "=100%", "100", "5"]]
    # a row of its own fills its figures; a 总分 row is a row of its own
    own = _row(
        ["", "质量指标", "验收合格率", "5", "=100%", "100", "5"],
        2,
        xs=[0.0, 205.0, 305.0, 405.0, 505.0, 605.0, 705.0, 800.0],
    )
    assert len(cont(cut, own)) == 2
    total = _row(["总分", "100", "96.95分"], 2, xs=[0.0, 305.0, 405.0, 800.0])
    assert len(cont(cut, total)) == 2


def test_a_heading_row_or_a_total_row_cut_by_a_page_break_is_joined():
    # a heading row's rest fills most cells, as a row of its own would: it makes the column
    # labels whole (sweep layout 94: 年初预 / 算数). A 总分 row's rest leaves its label cell
    # empty ("总分 10 10" / "0 0.00分": 100.00分 had been loaded as 10).
    from pipelines.readers.pdf import _continue_table

    def cont(before: Row, first: Row) -> list[list[str]]:
        table = _table([before], 1, columns_from_text=True)
        more = _table([first], 2, columns_from_text=True)
        return [r.values for r in _continue_table(table, more, at_bottom=True, unread=[]).rows]

    heading = _row(["项目", "年初预", "全年", "全", "分值", "执行率", "得分"], 1)
    rest = _row(["资金（万元）", "算数", "预算数", "年执行数", "", "", ""], 2)
    assert cont(heading, rest) == [
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    ]
    # a row of labels under it that makes no label whole is a row of its own
    other = _row(["年度资金总额", "说明", "依据", "备注", "", "", ""], 2)
    assert len(cont(heading, other)) == 2

    total = _row(["总分", "10", "", "10", ""], 1)
    assert cont(total, _row(["", "0", "", "0.00分", ""], 2)) == [["总分", "100", "", "100.00分", ""]]
    # what follows a 总分 row with a label of its own is no rest
    assert len(cont(total, _row(["项目名称", "招商引资", "", "", ""], 2))) == 2


def test_the_cells_that_ran_to_the_bottom_are_those_of_the_rest_after_a_join():
    # sweep layout 94: a row cut at a page break is joined with its rest, which ends its page
    # with only the 偏差原因分析 cell running to the bottom. The next page's first row, a row of
    # its own, was taken for a possible rest of the row before (by the first page's cells) and
    # both were recorded unread.
    xs = [100.0 * i for i in range(6)]
    heading = _row(["一级指标", "三级指标", "权重", "目标值", "偏差原因分析"], 1, 0, xs)
    cut = _row(["产出", "开展经贸", "10", ">=8场", "双方合作"], 1, 1, xs)
    rest = _row(["交流活动", "热情高"], 2, 0, [100.0, 400.0, 500.0])  # found on its own columns
    own = _row(["", "商务活动完成率", "10", ">=90%", ""], 3, 0, xs)
    pages = merge_continued_tables(
        [
            PageResult(1, blocks=[_table([heading, cut], 1, columns_from_text=True, last_row_full=(True,) * 5)]),
            PageResult(2, blocks=[_table([rest], 2, columns_from_text=True, last_row_full=(False, True))]),
            PageResult(3, blocks=[_table([own], 3, columns_from_text=True, last_row_full=(False,) * 5)]),
        ],
        unread := [],
    )
    assert unread == []
    assert [r.values for r in pages[0].blocks[0].rows] == [
        ["一级指标", "三级指标", "权重", "目标值", "偏差原因分析"],
        ["产出", "开展经贸交流活动", "10", ">=8场", "双方合作热情高"],
        ["", "商务活动完成率", "10", ">=90%", ""],
    ]


def test_the_next_line_of_a_numbered_list_is_a_row_of_its_own():
    # a real document drawn again (table 4, names in a narrow column): 十九、住房保障支出 ran to the
    # bottom of the page in four lines while its figures ended higher, and the next page starts
    # with 二十、粮油物资储备支出 and no figures, as the rest of a cut row would. The numbering says
    # it is the next line of the list: it had been joined, 29.42 loaded for "住房保障支出二十、…".
    from pipelines.readers.pdf import _continue_table

    xs = [0.0, 100.0, 130.0, 200.0]
    rows = [
        _row(["", "十八、自然资源海\n洋气象等支出", ""], 1, 0, xs),
        _row(["", "十九、住\n房保障\n支出", "29.42"], 1, 1, xs),
    ]
    table = _table(rows, 1, last_row_full=(False, True, False))
    more = _table([_row(["", "二十、粮油物\n资储备支出", ""], 2, 0, xs)], 2)
    joined = _continue_table(table, more, at_bottom=True, unread=(unread := []))
    assert [r.values[1] for r in joined.rows] == [
        "十八、自然资源海洋气象等支出",
        "十九、住房保障支出",
        "二十、粮油物资储备支出",
    ]
    assert unread == []
    # without the numbering it is the rest: the name ran to the bottom, taller than its figure
    more = _table([_row(["", "储备支出", ""], 2, 0, xs)], 2)
    assert [r.values[1] for r in _continue_table(table, more, at_bottom=True, unread=[]).rows][-1] == (
        "十九、住房保障支出储备支出"
    )


def test_a_table_title_under_a_note_that_fills_its_line_is_a_paragraph_of_its_own():
    # two empty standard tables on one page: the first one's note runs to the right margin (the
    # longest line of the page), and the next table's title was read as its last line
    from pipelines.readers.pdf import _paragraphs

    def line(text: str, top: float, x1: float) -> dict:
        return {"text": text, "x0": 50.0, "x1": x1, "top": top, "bottom": top + 10.0, "lead": 10.0}

    lines = [
        line("说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。", 100.0, 560.0),
        line("国有资本经营预算财政拨款收入支出决算表", 114.0, 250.0),
        line("单位：万元", 128.0, 110.0),
    ]
    texts = [p.text for _, p in _paragraphs(lines, 1, 842.0)]
    assert texts == [
        "说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
        "国有资本经营预算财政拨款收入支出决算表",
        "单位：万元",
    ]
    # a sentence that names a table and wraps is one paragraph
    lines = [
        line("本年度收支情况详见一般公共预算财政拨款支出决算表和政府性基金预算财政拨款", 100.0, 560.0),
        line("收入支出决算表。", 114.0, 130.0),
    ]
    assert len(_paragraphs(lines, 1, 842.0)) == 1
    # real-PDF variant 19: the last table's note fills its line, then the next part's heading
    lines = [
        line("说明：本部门本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。", 100.0, 560.0),
        line("第三部分本部门2024年度部门决算情况说明", 114.0, 250.0),
    ]
    assert [p.text for _, p in _paragraphs(lines, 1, 842.0)] == [lines[0]["text"], lines[1]["text"]]
    # a sentence that goes on with the words 第三部分 is one paragraph
    lines = [
        line("本部门2024年度部门决算的收入支出情况详见本公开的", 100.0, 560.0),
        line("第三部分。", 114.0, 110.0),
    ]
    assert len(_paragraphs(lines, 1, 842.0)) == 1


def test_a_cut_row_label_or_a_sentence_cut_in_the_middle_is_joined_across_a_drawn_closed_break():
    # sweep layout 191 (Writer, ruled, every page's part drawn closed)
    from pipelines.readers.pdf import _continue_table

    # a 总分 row whose label is cut "总" / "分", the indicator heading repeated between its parts
    xs = [100.0 * i for i in range(5)]
    heading = _row(["", "一级指标", "三级指标", "权重"], 1, 0, xs[:5])
    total = _row(["总", "10", "", "10"], 1, 1, xs[:5])
    table = _table([heading, total], 1, last_row_full=(False,) * 4)
    more = _table(
        [_row(["", "一级指标", "三级指标", "权重"], 2, 0, xs[:5]), _row(["分", "0", "", "0.00分"], 2, 1, xs[:5])], 2
    )
    assert [r.values for r in _continue_table(table, more, at_bottom=True, unread=[]).rows] == [
        ["", "一级指标", "三级指标", "权重"],
        ["总分", "100", "", "100.00分"],
    ]

    # the goals cut in the middle of a sentence, both cells ran to the bottom (nothing in the
    # drawing tells): the rest goes on with the sentence
    goal = _row(
        ["", "1、通过完成承办任务；\n5、通过职业技能大赛，", "1、完成了承办任务；\n2、提升了水平。"], 1, 0, xs[:4]
    )
    table = _table(
        [_row(["年度总体目标", "预期目标", "实际完成情况"], 1, 0, xs[:4]), goal], 1, last_row_full=(False, True, True)
    )
    more = _table([_row(["", "大力弘扬劳模精神。", ""], 2, 0, xs[:4])], 2)
    rows = _continue_table(table, more, at_bottom=True, unread=(unread := [])).rows
    assert [r.values[1] for r in rows] == ["预期目标", "1、通过完成承办任务；5、通过职业技能大赛，大力弘扬劳模精神。"]
    assert unread == []
    # a sentence that ended is no such evidence: not joined (the rows stay apart, or are unread)
    ended = replace(
        goal, cells=(goal.cells[0], replace(goal.cells[1], text="1、通过完成承办任务；\n5、通过大赛。"), goal.cells[2])
    )
    table = replace(table, rows=(table.rows[0], ended))
    texts = [r.values[1] for r in _continue_table(table, more, at_bottom=True, unread=[]).rows]
    assert not any(t.endswith("大赛。大力弘扬劳模精神。") for t in texts)


def test_a_cell_of_a_table_without_vertical_rules_keeps_where_its_text_lies():
    # its box is found from where the texts of its row start; its text is the figure's own place
    doc = read_document(FIXTURES / "layouts" / "table_without_vertical_rules.pdf")
    rule_less = [b for page in doc.pages for b in page.blocks if isinstance(b, Table) and b.columns_from_text]
    cells = [c for t in rule_less for r in t.rows for c in r.cells if c.text]
    assert cells and all(c.ink is not None for c in cells)
    assert all(c.bbox[0] - 1 <= c.ink[0] < c.ink[1] <= c.bbox[2] + 1 for c in cells)
    assert all(not c.text for t in rule_less for r in t.rows for c in r.cells if c.ink is None)
    ruled = read_document(FIXTURES / "layouts" / "layout22_seed001_writer.pdf")
    assert not any(
        c.ink
        for p in ruled.pages
        for b in p.blocks
        if isinstance(b, Table) and not b.columns_from_text
        for r in b.rows
        for c in r.cells
    )


def test_a_heading_row_at_a_page_bottom_is_not_cut_by_a_row_of_figures_under_it():
    # real-PDF variant 4 (Calc, ruled, drawn closed): 收入支出决算总表's heading 项目 | 决算数 | 项目 |
    # 决算数 ended page 3, one line tall, every cell to the bottom. The first row of page 4 could
    # not be told from its rest, so both rows went to unread and the table lost its heading. The
    # rest of a heading holds labels, not figures.
    from pipelines.readers.pdf import _continue_table

    heading = _row(["项目", "决算数", "项目", "决算数"], 1)
    table = _table([_row(["收入", "", "支出", ""], 1), heading], 1, last_row_full=(True, True, True, True))
    first = _row(["一、一般公共预算财政拨款收入", "9746.50", "一、一般公共服务支出", ""], 2)
    rows = _continue_table(table, _table([first], 2), at_bottom=True, unread=(unread := [])).rows
    assert [r.values for r in rows][1:] == [heading.values, first.values]
    assert unread == []
    # a row of labels under it may still be its rest: nothing tells, both are unread
    labels = _row(["", "（万元）", "", ""], 2)
    rows = _continue_table(table, _table([labels], 2), at_bottom=True, unread=(unread := [])).rows
    assert len(rows) == 1 and len(unread) == 2


def test_a_total_row_at_the_top_of_a_page_is_not_the_rest_of_a_code_row():
    # real-PDF variant 11 (Chromium, no vertical rules): the 合计 row of 一般公共预算财政拨款支出决算表
    # alone at the top of page 6 leaves 科目名称 empty, as the rest of a cut row would, and was
    # joined to 2210203 购房补贴: 202.24 was loaded as 购房补贴's 项目支出. A 科目编码 is a whole code.
    from pipelines.readers.pdf import _continue_table

    rows = [
        _row(["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"], 1, 0),
        _row(["201", "一般公共服务支出", "264.87", "62.63", "202.24"], 1, 1),
        _row(["2210201", "住房公积金", "17.70", "17.70", ""], 1, 2),
        _row(["2210203", "购房补贴", "11.72", "11.72", ""], 1, 3),
    ]
    total = _row(["合计", "", "307.82", "105.58", "202.24"], 2)
    joined = _continue_table(_table(rows, 1), _table([total], 2), unread=(unread := []))
    assert [r.values for r in joined.rows][-2:] == [rows[-1].values, total.values]
    assert unread == []


def test_a_code_row_at_the_top_of_a_page_is_a_row_of_its_own():
    # real-PDF variant 17 (Calc, no vertical rules, table run to the page bottom): 2013901 行政运行
    # stands under the texts of 20139 社会工作事务 and leaves its 项目支出 empty, as the rest of a
    # cut row would; it was joined into "201392013901" and both rows were lost. A 科目编码 does not
    # go on with another.
    from pipelines.readers.pdf import _continue_table

    xs = [0.0, 100.0, 200.0, 300.0, 400.0, 500.0]
    before = _row(["20139", "社会工作事务", "264.87", "62.63", "202.24"], 1, 1, xs)
    first = _row(["2013901", "行政运行", "51.32", "51.32", ""], 2, 0, xs)
    table = _table(
        [_row(["功能分类科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"], 1, 0, xs), before],
        1,
        columns_from_text=True,
    )
    more = _table([first], 2, columns_from_text=True)
    rows = _continue_table(table, more, at_bottom=True, unread=(unread := [])).rows
    assert [r.values for r in rows][1:] == [before.values, first.values]
    assert unread == []


def test_a_figure_cut_at_its_decimal_point_is_joined_across_a_drawn_closed_break():
    # real-PDF variant 7 (Writer, ruled, one line on the first page): 10.82 wrapped in a narrow
    # cell as 10 / .82 with the page break between. Both rows went to unread, and every later row
    # of the table had its row_no one off. No figure starts with its decimal point.
    from pipelines.readers.pdf import _continue_table

    heading = _row(["项目", "决算数", "项目", "合计", "一般公共预算财政拨款"], 1, 0)
    cut = _row(["", "", "八、社会", "10.82", "10"], 1, 1)
    rest = _row(["", "", "保障和就业支出", "", ".82"], 2)
    table = _table([heading, cut], 1, last_row_full=(False, False, True, True, True))
    rows = _continue_table(table, _table([rest], 2), at_bottom=True, unread=(unread := [])).rows
    assert [r.values for r in rows][-1] == ["", "", "八、社会保障和就业支出", "10.82", "10.82"]
    assert unread == []


def test_a_box_of_one_label_at_the_bottom_of_a_page_heads_the_table_that_starts_the_next():
    # real-PDF variant 1 (reportlab, ruled): 三公's first heading row, 财政拨款“三公”经费 over every
    # column, alone at the bottom of page 9, was read as a paragraph; the columns lost it
    from pipelines.model import Paragraph

    def box(text: str) -> Table:
        cell = Cell(text=text, row=0, col=0, page=1, bbox=(0.0, 790.0, 400.0, 808.0), ink=(5.0, 90.0))
        return Table(rows=(Row(cells=(cell,), index=0, page=1),), page=1, bbox=(0.0, 790.0, 400.0, 808.0))

    heading = _row(["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"], 2)
    figures = _row(["2.85", "0.00", "0.00", "2.85"], 2, 1)
    title = Paragraph("财政拨款“三公”经费支出决算表", page=1, bbox=(0.0, 760.0, 200.0, 772.0))

    def merged(label: str) -> list[list[list[str]]]:
        first = PageResult(
            1,
            blocks=[title, Paragraph(label, page=1, bbox=(5.0, 792.0, 90.0, 806.0))],
            bottom_box_as_row=[title, box(label)],
        )
        pages = [first, PageResult(2, blocks=[_table([heading, figures], 2)])]
        return [
            [r.values for r in b.rows] for p in merge_continued_tables(pages) for b in p.blocks if isinstance(b, Table)
        ]

    assert merged("财政拨款“三公”经费") == [[["财政拨款“三公”经费"], heading.values, figures.values]]
    # a title, a 单位 line or a sentence in a box stays a paragraph
    for text in ("一般公共预算财政拨款基本支出决算表", "单位：万元", "本表无数据。"):
        assert merged(text) == [[heading.values, figures.values]]


def test_a_box_of_texts_in_the_columns_of_the_table_before_is_its_next_row():
    # real-PDF variant 17 (Calc, no vertical rules): the last unit of the units table, 2 |
    # 上海市普陀区社会工作发展服务中心, alone in a box at the top of page 2, was read as a paragraph
    # and the unit was lost. Read as a row, its texts stand under the columns of the table.
    from pipelines.model import Paragraph

    xs = [0.0, 60.0, 400.0]
    units = _table([_row(["序号", "单位名称"], 1, 0, xs), _row(["1", "中共上海市普陀区委社会工作部"], 1, 1, xs)], 1)
    units = replace(units, bbox=(0.0, 600.0, 400.0, 700.0))  # not run to the bottom of its page
    below = Paragraph("收入支出决算总表", page=2, bbox=(0.0, 770.0, 200.0, 790.0))

    def merged(row: Row) -> list:
        box = replace(_table([row], 2), bbox=(0.0, 40.0, 400.0, 60.0))
        para = Paragraph("".join(row.values), page=2, bbox=(4.0, 42.0, 300.0, 58.0))
        pages = [PageResult(1, blocks=[units]), PageResult(2, blocks=[para, below], top_box_as_row=[box, below])]
        return [b for page in merge_continued_tables(pages) for b in page.blocks]

    table, _ = merged(_row(["2", "上海市普陀区社会工作发展服务中心"], 2, 0, [0.0, 62.0, 400.0]))
    assert [r.values for r in table.rows][-1] == ["2", "上海市普陀区社会工作发展服务中心"]
    # one text in a box is a box of text
    table, para, _ = merged(_row(["另见附件。", ""], 2, 0, xs))
    assert len(table.rows) == 2 and para.text == "另见附件。"


def test_rows_of_the_total_tables_at_a_drawn_closed_break_are_told_by_their_labels_and_codes():
    # real-PDF variants 22, 24, 28 and 35 (Writer, ruled, one line on the first page: where the
    # text ended tells nothing)
    from pipelines.readers.pdf import _continue_table

    def cont(last: list[str], first: list[str]) -> tuple[list[list[str]], list]:
        heading = _row(["项目", "", "项目", "合计", "一般公共预算财政拨款"][: len(last)], 1, 0)
        table = _table([heading, _row(last, 1, 1)], 1, last_row_full=tuple(bool(v) for v in last))
        rows = _continue_table(table, _table([_row(first, 2)], 2), at_bottom=True, unread=(unread := [])).rows
        return [r.values for r in rows][1:], unread

    # a line label of tables 1 and 4 cut in two is joined (二十六、抗 / 疫特别国债安排的支出 had made
    # a row of each part, and every later row_no one off)
    assert cont(["", "", "二十六、抗", "", ""], ["", "", "疫特别国债安排的支出", "", ""]) == (
        [["", "", "二十六、抗疫特别国债安排的支出", "", ""]],
        [],
    )
    # a numbered line under a label without punctuation is a row of its own (年初财政拨款结转和结余
    # and 一、一般公共预算财政拨款 had been joined into one)
    rows, unread = cont(
        ["年初财政拨款结转和结余", "", "年末财政拨款结转和结余", "", ""], ["一、一般公共预算财政拨款", "", "", "", ""]
    )
    assert [r[0] for r in rows] == ["年初财政拨款结转和结余", "一、一般公共预算财政拨款"] and unread == []
    # a 科目编码 cut in two (21 / 202) is joined with its row (both had gone to unread)
    assert cont(["21", "城乡社区规划", "2739.56", "48", "22"], ["202", "与管理", "", "8.68", "50.88"]) == (
        [["21202", "城乡社区规划与管理", "2739.56", "488.68", "2250.88"]],
        [],
    )
    # 序号 9 / 10 makes no code
    assert cont(["9", "本级", "", "", ""], ["10", "下属单位", "", "", ""]) == (
        [["9", "本级", "", "", ""], ["10", "下属单位", "", "", ""]],
        [],
    )


def test_the_total_lines_of_table_6_at_a_page_break():
    # real-PDF variants 69, 78, 87 (reportlab, Writer; no vertical rules): 人员经费合计 at the top
    # of a page under 31099 其他资本性支出, whose 人员经费 cells are empty, leaves the name columns
    # empty as a rest would; it was joined: "31099公用经费合计" and "0.00480.66"
    from pipelines.readers.pdf import _continue_table

    heading = _row(["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"], 1, 0)
    full = _row(["30399", "其他对个人和家庭的补助", "0.00", "31022", "无形资产购置", "0.00"], 1, 1)
    last = _row(["", "", "", "31099", "其他资本性支出", "0.00"], 1, 2)
    table = _table([heading, full, last], 1, last_row_full=(False,) * 6)
    totals = _row(["人员经费合计", "", "4884.09", "公用经费合计", "", "480.66"], 2)
    rows = _continue_table(table, _table([totals], 2), at_bottom=True, unread=(unread := [])).rows
    assert [r.values for r in rows][2:] == [last.values, totals.values] and unread == []
    # variant 104 (Writer, ruled): 公用经费 / 合计, a total line's label cut in two, is joined
    # (one line tall: every cell ran to the bottom; its cells merged across the code columns)
    six, four = [70.0, 139.0, 234.0, 413.0, 445.0, 460.0, 503.0], [70.0, 234.0, 413.0, 460.0, 503.0]
    above = _row(["", "", "", "31099", "其他资本性支出", "0.00"], 1, 0, six)
    cut = _row(["人员经费合计", "4884.09", "公用经费", "480.66"], 1, 1, four)
    table = _table([above, cut], 1, last_row_full=(True,) * 4)
    rest = _row(["", "", "合计", ""], 2, 0, four)
    rows = _continue_table(table, _table([rest], 2), at_bottom=True, unread=(unread := []))
    assert [r.values for r in rows.rows][1:] == [["人员经费合计", "4884.09", "公用经费合计", "480.66"]] and unread == []


def test_the_rest_of_a_total_label_in_a_table_without_vertical_rules_is_joined():
    # real-PDF variant 161 (Writer, no vertical rules): 合计, the rest of 公用经费合计, alone at
    # the top of a page; a row label is never a rest, but for the label it makes whole
    from pipelines.readers.pdf import _rest_under_cells_at_bottom

    before = _row(["人员经费合计", "", "4884.09", "公用经费", "", "480.66"], 1, 0)
    rest = _row(["", "", "", "合计", "", ""], 2)
    more = _table([rest], 2, columns_from_text=True)
    joined = _rest_under_cells_at_bottom(rest, before, more, at_bottom=True)
    assert joined is not None and joined.values == ["人员经费合计", "", "4884.09", "公用经费合计", "", "480.66"]
    # a row label that makes nothing whole is a row of its own
    assert _rest_under_cells_at_bottom(_row(["", "", "", "其他资金", "", ""], 2), before, more, True) is None


def test_the_rest_of_a_cut_heading_of_the_label_columns_is_joined():
    # real-PDF variant 117 (Writer, ruled): 功能分类科目编码 and 科目名称 cut by a page break after
    # their first character (功 / 能分类科目编码): two heading rows that name no column, and every
    # line of table 3 lost its name
    from pipelines.readers.pdf import _continue_table

    heading = _row(["项目", "本年支出合计", "基本支出"], 1, 0)
    cut = _row(["功", "科", ""], 1, 1)
    table = _table([heading, cut], 1, last_row_full=(True, True, False))
    rest = _row(["能分类科目编码", "目名称", ""], 2)
    rows = _continue_table(table, _table([rest], 2), at_bottom=True, unread=(unread := [])).rows
    assert [r.values for r in rows][1:] == [["功能分类科目编码", "科目名称", ""]] and unread == []


def test_the_rest_of_a_cut_heading_of_the_figure_columns_is_joined():
    # real-PDF variant 159 (Writer, ruled, drawn closed): table 3's first heading row cut after
    # 基本支 / 上缴 / 对; both parts had gone unread and the figures lost their columns
    from pipelines.readers.pdf import _continue_table

    cut = _row(["项目", "本年支出合计", "基本支", "项目支出", "上缴", "经营支出", "对"], 1, 0)
    table = _table([cut], 1, last_row_full=(True,) * 7)  # one line tall: every cell ran to the bottom
    rest = _row(["", "", "出", "", "上级支出", "", "附属单位补助支出"], 2)
    under = _row(["功能分类科目编码", "科目名称", "", "", "", "", ""], 2, 1)
    total = _row(["合计", "307.82", "105.58", "202.24", "", "", ""], 2, 2)
    rows = _continue_table(table, _table([rest, under, total], 2), at_bottom=True, unread=(unread := [])).rows
    assert [r.values for r in rows][0] == [
        "项目",
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ]
    assert unread == []


def test_the_rest_of_a_name_in_a_cell_reaching_from_the_frame_goes_under_the_name():
    # real-PDF variant 83 (Chromium, no vertical rules): "费支出", the rest of 机关事业单位基本养老保险缴,
    # alone at the top of a page, finds one column there, from the frame's left edge: by its box
    # it stood under the 科目编码 (2080505费支出); its text stands under the name
    from pipelines.readers.pdf import _join_by_place

    xs = [34.0, 50.0, 66.0, 385.0, 614.0]
    top = _row(["2080505", "机关事业单位基本养老保险缴", "6.18", "6.18"], 1, 0, xs)
    top = replace(top, cells=tuple(replace(c, ink=(c.bbox[0] + 4, c.bbox[0] + 11)) for c in top.cells))
    rest = Row(
        cells=(Cell(text="费支出", row=0, col=0, page=2, bbox=(34.0, 0.0, 614.0, 10.0), ink=(54.0, 61.0)),),
        index=0,
        page=2,
    )
    joined = _join_by_place(top, rest)
    assert joined is not None and joined.values[:2] == ["2080505", "机关事业单位基本养老保险缴费支出"]


def test_digits_drawn_low_in_another_font_at_a_small_size_stay_on_their_line():
    # real-PDF variant 83 (Chromium, 7 pt Noto Serif CJK, digits in Liberation Serif 2 pt low): the
    # digits of 2024 share 3.2 of their 7 pt with the line; the title had read
    # "中共上海市普陀区委社会工作部年度部门决算" and "2024" apart, and the department was lost
    chars = [_char(ch, 33.7 + 7 * i, 48.5, size=7.0) for i, ch in enumerate("社会工作部")]
    chars += [_char(d, 70.0 + 3.5 * i, 52.27, size=7.0, width=3.5) for i, d in enumerate("2024")]
    chars += [_char(ch, 85.0 + 7 * i, 48.5, size=7.0) for i, ch in enumerate("年度部门决算")]
    lines = text_lines(chars)
    assert [line.text for line in lines] == ["社会工作部2024年度部门决算"]


def test_a_whole_line_label_under_another_is_a_row_of_its_own():
    # real-PDF variant 53 (Chromium, ruled, drawn closed): 本年收入合计 ran to the bottom of page
    # 10 and its figure did not, so 年初财政拨款结转和结余 at the top of page 11 was taken for its rest
    # and loaded as "本年收入合计年初财政拨款结转和结余 9746.50"
    from pipelines.readers.pdf import _continue_table

    heading = _row(["项目", "决算数", "项目", "合计", "一般公共预算财政拨款"], 1, 0)
    totals = _row(["本年收入合计", "9746.50", "本年支出合计", "9746.50", "9746.50"], 1, 1)
    table = _table([heading, totals], 1, last_row_full=(True, False, True, False, False))
    carried = _row(["年初财政拨款结转和结余", "", "年末财政拨款结转和结余", "", ""], 2)
    rows = _continue_table(table, _table([carried], 2), at_bottom=True, unread=(unread := [])).rows
    assert [r.values for r in rows][1:] == [totals.values, carried.values] and unread == []
    # the rest of a label cut in two is still joined
    cut = _row(["本年收入合计", "9746.50", "年末财政拨款结", "", ""], 1, 1)
    table = _table([heading, cut], 1, last_row_full=(True, False, True, False, False))
    rest = _row(["", "", "转和结余", "", ""], 2)
    rows = _continue_table(table, _table([rest], 2), at_bottom=True, unread=[]).rows
    assert [r.values for r in rows][-1] == ["本年收入合计", "9746.50", "年末财政拨款结转和结余", "", ""]


def test_a_row_drawn_cut_whose_rest_has_as_many_cells_at_other_places_is_joined_by_place():
    # a row drawn open at the page's bottom, its rest drawn open at the next page's top with the
    # same number of cells at other places (项目 over two columns before the break; 科目编码 and
    # 科目名称 apart after it): each piece goes to the cell it stands under, not to the cell of the
    # same index (which made 基本支 / 项目支出 / 上缴上出); a piece under no cell leaves both parts unread
    from pipelines.readers.pdf import _continue_table

    before = _row(["项目", "基本支", "项目支", "上缴上"], 1, xs=[0.0, 200.0, 260.0, 320.0, 380.0])
    table = _table([_row(["x", "1.00", "2.00", "3.00"], 1), before], 1, last_row_continues=True)
    after = _row(["208", "社会保障和就业支出", "1.00", "2.00"], 2)

    def cont(rest: Row, unread: list) -> list[list[str]]:
        more = _table([rest, after], 2, first_row_continues=True)
        return [r.values for r in _continue_table(table, more, unread=unread).rows]

    rows = cont(_row(["", "", "出", "出"], 2, xs=[0.0, 150.0, 200.0, 260.0, 380.0]), unread := [])
    assert rows[1] == ["项目", "基本支出", "项目支出", "上缴上"] and len(rows) == 3 and not unread
    # a piece beyond every cell of the row before the break: neither part can be told whole
    rows = cont(_row(["", "", "", "出"], 2, xs=[0.0, 150.0, 200.0, 400.0, 460.0]), unread := [])
    assert rows == [["x", "1.00", "2.00", "3.00"], after.values] and len(unread) == 2
