"""The layout fixtures (tests/fixtures/layouts/): small PDFs that the reader must read as their text
form, checked in ``make test`` by tests/test_layouts.py.

* One fixture for each defect class of issues 9 and 14, each drawn from a part of seed 004 (its
  text form is committed beside it as ``<name>.txt``, a verbatim excerpt of the seed read back by
  the project's text reader) by a producer and layout chosen to reproduce the defect, which the
  builder checks is in the PDF (a page break placed by pushing the table down, found by trying).
* A sample of the random layouts of the sweep (``draw_layout(n)``), whole seeds: their text form
  is the seed in data/raw.

``fixtures.json`` beside them says, for each PDF, its text form and its layout.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from pipelines.model import Paragraph, Row, Table
from scripts.render import render
from scripts.render.layout import SEED_SOURCES, Layout, draw_layout
from scripts.render.source import REAL_SOURCES, ROOT, Source, part, seed_file, seed_source, to_text

LAYOUT_DIR = ROOT / "tests" / "fixtures" / "layouts"

# --------------------------------------------------------------------------------------------
# Parts of seed 004


def _seed4() -> Source:
    return seed_source("004")


def _head() -> list:
    """The document's first paragraphs: department and year (what the recognisers take them from)."""
    return list(_seed4().blocks[:2])


def project_rows(project: str) -> list[Row]:
    """The rows of one 项目支出绩效自评表 of seed 004: from its title row to its 总分 row."""
    for block in _seed4().blocks:
        if not isinstance(block, Table):
            continue
        rows = list(block.rows)
        for i, row in enumerate(rows):
            if row.values[:1] == ["项目名称"] and len(row) > 1 and row.values[1].startswith(project):
                titles = [j for j in range(max(0, i - 3), i) if rows[j].values[0].endswith("自评表")]
                start = titles[-1] if titles else i
                end = next(j for j in range(i, len(rows)) if rows[j].values[0].startswith("总分"))
                return rows[start : end + 1]
    raise SystemExit(f"render: seed 004 has no project {project!r}")


def project_part(name: str, project: str) -> Source:
    return part(name, "004", [*_head(), Table(rows=tuple(project_rows(project)))])


def paragraphs_part(name: str, first: str, last: str) -> Source:
    """Seed 004's paragraphs from the one starting ``first`` to the one starting ``last``."""
    blocks = list(_seed4().blocks)
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text.startswith(first))
    end = next(i for i, b in enumerate(blocks) if i > start and isinstance(b, Paragraph) and b.text.startswith(last))
    return part(name, "004", [*_head(), *blocks[start : end + 1]])


SOURCES: dict[str, Callable[[], Source]] = {
    # the 年度总体目标 of 第八届中国—亚欧博览会经费 is the seed's longest cell (661 characters)
    "project_long_goal": lambda: project_part("project_long_goal", "第八届中国—亚欧博览会经费"),
    "project_funds": lambda: project_part("project_funds", "2024港澳·投资新疆经贸文化交流活动"),
    "project_rules": lambda: project_part("project_rules", "招商引资专项资金"),
    # the one project table of seed 004 without a heading row over its indicators (and an empty
    # 偏差原因分析 column)
    "project_no_heading": lambda: project_part("project_no_heading", "职业技能大赛"),
    # the same, after a project table of the same grid with its heading row
    "projects_no_heading_second": lambda: part(
        "projects_no_heading_second",
        "004",
        [
            *_head(),
            Table(rows=(*project_rows("新疆国际博览事务会展服务中心运行经费"), *project_rows("职业技能大赛"))),
        ],
    ),
    # a project table after another: where the page break falls in the second one's head
    "projects_fund_heading_second": lambda: part(
        "projects_fund_heading_second",
        "004",
        [
            *_head(),
            Table(
                rows=(
                    *project_rows("派员赴哈萨克斯坦参加中哈政府间经贸合作委员会第十三次会议"),
                    *project_rows("商务厅办公用房维修改造工程质量保证金"),
                )
            ),
        ],
    ),
    "function_lines": lambda: paragraphs_part(
        "function_lines", "五、一般公共预算财政拨款支出决算情况说明", "20.灾害防治"
    ),
    "budget_totals": lambda: paragraphs_part(
        "budget_totals", "第二部分 部门决算情况说明", "财政拨款收入支出总体与上年相比"
    ),
}


# --------------------------------------------------------------------------------------------
# Where things land in a PDF


def _pages_text(data: bytes) -> list[list[dict]]:
    """Per page, its words as pdfplumber finds them with their positions (text without white space)."""
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            out.append(page.extract_words(keep_blank_chars=False, x_tolerance=1.5))
    return out


def locate(data: bytes, needle: str) -> tuple[int, float] | None:
    """(page from 1, top) of the first word that starts with ``needle``."""
    for number, words in enumerate(_pages_text(data), start=1):
        for word in words:
            if word["text"].startswith(needle):
                return number, word["top"]
    return None


def _first_table_rows(data: bytes, page: int) -> list[list[str]]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        tables = pdf.pages[page - 1].extract_tables()
    return [[re.sub(r"\s", "", c or "") for c in row] for row in tables[0]] if tables else []


def place_break(layout: Layout, source: Source, target: str, keep: str) -> bytes:
    """Render with the first table pushed down so that the row whose cell starts with ``target``
    is the first row of the next page, and the row with ``keep`` (a cell starting with it) stays
    on the page before: measured on a rendering without push, then checked, nudged if need be."""

    def draw(spacer: float) -> bytes:
        return render(replace(layout, extra={**layout.extra, "spacer_pt": spacer}), source)

    def verdict(data: bytes) -> bool:
        a, b = locate(data, keep), locate(data, target)
        if a is None or b is None or b[0] != a[0] + 1:
            return False
        rows = _first_table_rows(data, b[0])
        return bool(rows) and any(c.startswith(target) for c in rows[0] if c)

    first = locate(draw(0.0), target)
    if first is None or first[0] != 1:
        raise SystemExit(f"render: {target} is not on page 1 of {source.name} drawn without push")
    bottom = layout.pagesize[1] - layout.margins[2]
    guess = bottom - first[1] - 2
    for delta in (0, 3, -3, 6, -6, 10, -10, 15, -15, 22, -22, 30, -30):
        data = draw(max(0.0, guess + delta))
        if verdict(data):
            return data
    raise SystemExit(f"render: could not place the page break before {target} in {source.name} ({layout.producer})")


# --------------------------------------------------------------------------------------------
# The defect classes


def goal_cell_longer_than_a_page() -> bytes:
    """A 年度总体目标 cell that runs over more than a page (issue 9): the table's head drawn on 8
    grid columns, the last three narrow, so the goals row's third cell (第八届中国—亚欧博览会经费,
    661 characters) wraps into some 120 lines of 12 pt; LibreOffice Writer breaks the row over
    three pages, the middle one holding nothing but that cell's continuation."""
    layout = Layout(
        source="project_long_goal",
        producer="writer",
        font="noto-serif-cjk",
        body_pt=10,
        cell_pt=12,
        grid="common",
        padding_pt=(2, 2, 1, 1),
        repeat_headings=True,
        extra={"weights": {8: [3, 4, 3, 3, 3, 0.8, 0.8, 0.8]}},
    )
    data = render(layout, SOURCES["project_long_goal"]())
    pages = _pages_text(data)
    only_cell = [n for n, words in enumerate(pages, start=1) if words and len({round(w["x0"]) for w in words}) == 1]
    if not only_cell:
        raise SystemExit("render: goal_cell_longer_than_a_page has no page holding only the goals cell")
    return data


def fund_block_cut_before_total_row() -> bytes:
    """The 项目资金 block cut by a page break right after its heading row: the 年度资金总额 row
    starts the next page (issue 9: that project lost its 年度资金总额 row). LibreOffice Writer."""
    layout = Layout(source="project_funds", producer="writer", font="ar-pl-uming", grid="common", cell_pt=9)
    return place_break(layout, SOURCES["project_funds"](), "年度资金", "年初预")


def fund_rows_split_off() -> bytes:
    """The 当年财政拨款 and 其他资金 rows split off from 年度资金总额 by a page break (issue 9: that
    project lost them). Headless Chromium, borders as thin rectangles."""
    layout = Layout(
        source="project_funds", producer="chromium", font="wqy-microhei", grid="common", cell_pt=9, page="letter"
    )
    return place_break(layout, SOURCES["project_funds"](), "其中", "年度资金")


def narrative_item_name_wrapped() -> bytes:
    """The 功能分类 lines of seed 004 at a width (273 pt of 12 pt WenQuanYi Zen Hei) where eleven
    of the twenty lines wrap inside their 项 name, five of them before its last character
    ("…行政运" / "行（项）…"): issue 9's 项 name that lost its last character. reportlab."""
    layout = Layout(source="function_lines", producer="reportlab", body_pt=12, margins_mm=(15, 54.7, 15, 54.7))
    return render(layout, SOURCES["function_lines"]())


def digits_lowered_in_another_font() -> bytes:
    """Issue 14.4: the digits of every sentence drawn in another font (Times-Roman, beside AR PL
    UMing) and lowered by 2 pt. Grouping characters into lines by equal baselines (pdfplumber's
    extract_text_lines, 3 pt tolerance) puts them on a line of their own: "年初预算为 万元，支出
    决算为 万元" and "1560.05 1511.89". reportlab."""
    layout = Layout(
        source="budget_totals",
        producer="reportlab",
        font="ar-pl-uming",
        body_pt=11,
        digit_font="Times-Roman",
        digit_shift_pt=-2,
    )
    return render(layout, SOURCES["budget_totals"]())


def digits_raised_in_another_font() -> bytes:
    """As digits_lowered_in_another_font, with LibreOffice Writer: the digits in Liberation Serif
    raised by 2 pt beside Noto Sans CJK, the sentences justified."""
    layout = Layout(
        source="budget_totals",
        producer="writer",
        font="noto-sans-cjk",
        body_pt=10.5,
        digit_font="Liberation Serif",
        digit_shift_pt=2,
        justify=True,
    )
    return render(layout, SOURCES["budget_totals"]())


def table_without_vertical_rules() -> bytes:
    """A project table drawn with its rows ruled and its frame, but no vertical rule inside
    (columns told apart by white space), over two pages, with merged 一级指标 cells. Writer."""
    layout = Layout(
        source="project_rules",
        producer="writer",
        page="A4",
        landscape=True,
        font="wqy-zenhei",
        body_pt=10,
        cell_pt=8,
        grid="common",
        padding_pt=(3.5, 3.5, 1, 1),
        vertical_rules=False,
        merge_down=True,
        repeat_headings=False,
    )
    return render(layout, SOURCES["project_rules"]())


def indicator_rows_a_cell_short_without_heading() -> bytes:
    """Sweep layout 5 (LibreOffice Calc, no vertical rules) on the one project table of seed 004
    whose indicators have no heading row: the last column (偏差原因分析) is empty in every row,
    so nothing on the page shows it and the rows come out 12 or 13 cells wide where the standard
    layout has 14. Without a heading nothing says which column is missing: the rows are recorded as
    unread (they were dropped without a word before)."""
    layout = replace(draw_layout(5), source="project_no_heading")
    return render(layout, SOURCES["project_no_heading"]())


def indicator_rows_a_cell_short_under_an_earlier_heading() -> bytes:
    """The same layout with the project table before it, of the same grid and with its heading
    row: the rows a cell short fit that heading's columns cell for cell (the last one covers the
    empty 偏差原因分析 column), so they are read as printed (sweep layouts 5, 17, 34)."""
    layout = replace(draw_layout(5), source="projects_no_heading_second")
    return render(layout, SOURCES["projects_no_heading_second"]())


def _page_only_right_cell(data: bytes) -> bool:
    """Whether a page holds nothing but text far right of its table's left edge (one column's rest)."""
    pages = _pages_text(data)
    left = min(w["x0"] for words in pages for w in words)
    return any(words and min(w["x0"] for w in words) - left > 200 for words in pages)


def cell_rest_alone_on_a_page_without_rules() -> bytes:
    """Sweep layout 122 (Writer, letter, no vertical rules inside) on 第八届中国—亚欧博览会经费: the
    偏差原因分析 of 境外参展企业数量 runs over a page break, and the next page holds nothing but
    its rest, in a box Writer draws closed at the top. Read as a box of text, the rest was lost and
    the cell loaded cut short (sweep layouts 94, 122: loaded wrong)."""
    layout = replace(draw_layout(122), source="project_long_goal")
    data = render(layout, SOURCES["project_long_goal"]())
    if not _page_only_right_cell(data):
        raise SystemExit("render: cell_rest_alone_on_a_page_without_rules has no page holding only a cell's rest")
    return data


def _layout94_bottom(bottom_mm: float) -> bytes:
    """Sweep layout 94 (Writer, A4, no vertical rules inside) on two project tables of seed 004,
    with the bottom margin moved (where the page breaks fall)."""
    layout = draw_layout(94)
    top, right, _, left = layout.margins_mm
    layout = replace(layout, source="projects_fund_heading_second", margins_mm=(top, right, bottom_mm, left))
    return render(layout, SOURCES["projects_fund_heading_second"]())


def total_row_cut_into_a_box_of_text() -> bytes:
    """Layout 94 with a 20 mm bottom margin: the 总分 row of 商务厅办公用房维修改造工程质量保证金,
    its narrow cells wrapped (10 / 0, 10 / 0.00分), is cut by the page break, and the next page
    holds only "0 0.00分" in a closed box. Read as a box of text, 总分 100.00 loaded as 10."""
    data = _layout94_bottom(20)
    last = _pages_text(data)[-1]
    if not last or any(not re.fullmatch(r"[\d.分]+", w["text"]) for w in last):
        raise SystemExit("render: total_row_cut_into_a_box_of_text does not end with a page of the 总分 row's rest")
    return data


def indicator_heading_cut_without_rules() -> bytes:
    """Layout 94 with an 8 mm bottom margin: the heading row of the first project's indicators
    (一级指标 … 偏差原因分析及改进措施) is cut by the page break ("一 | 二 | 三 | 权 …" and "级指标 |
    级指标 | 级指标 | 重 …"). Its rest fills most cells, as a row of its own would: that it makes
    the column labels whole tells it is the rest (its indicator rows were recorded unread)."""
    data = _layout94_bottom(8)
    if not any([w["text"][:1] for w in words[:3]] == ["级"] * 3 for words in _pages_text(data)):
        raise SystemExit("render: indicator_heading_cut_without_rules has no heading row cut at a page break")
    return data


def _layout181_bottom(bottom_mm: float) -> bytes:
    """Sweep layout 181 (reportlab, A4 landscape, no vertical rules inside) on 第八届中国—亚欧博览会经费,
    whose 总分 row seed 004 prints as one cell (总分 / 100 / 96.95分), with the bottom margin moved."""
    layout = draw_layout(181)
    top, right, _, left = layout.margins_mm
    layout = replace(layout, source="project_long_goal", margins_mm=(top, right, bottom_mm, left))
    return render(layout, SOURCES["project_long_goal"]())


def one_cell_total_row_alone_on_the_last_page() -> bytes:
    """Layout 181 with a 22 mm bottom margin: the one-cell 总分 row is all the last page holds, a
    closed box of text. Read as paragraphs, the project table ended before its 总分 row and the
    whole file was refused (sweep layouts 141, 181)."""
    data = _layout181_bottom(22)
    if [w["text"] for w in _pages_text(data)[-1]] != ["总分", "100", "96.95分"]:
        raise SystemExit("render: one_cell_total_row_alone_on_the_last_page: the last page is not the 总分 row")
    return data


def one_cell_total_row_cut_by_a_page_break() -> bytes:
    """Layout 181 with a 34 mm bottom margin: the one-cell 总分 row is cut by the last page break,
    "总分 / 100" drawn open at the bottom, "96.95分" alone on the last page, open at the top (a
    frame of one cell, which pdfplumber makes no table of: the file was refused)."""
    data = _layout181_bottom(34)
    if [w["text"] for w in _pages_text(data)[-1]] != ["96.95分"]:
        raise SystemExit("render: one_cell_total_row_cut_by_a_page_break: the last page is not the 总分 row's rest")
    return data


DEFECTS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "goal_cell_longer_than_a_page.pdf": ("project_long_goal", goal_cell_longer_than_a_page),
    "fund_block_cut_before_total_row.pdf": ("project_funds", fund_block_cut_before_total_row),
    "fund_rows_split_off.pdf": ("project_funds", fund_rows_split_off),
    "narrative_item_name_wrapped.pdf": ("function_lines", narrative_item_name_wrapped),
    "digits_lowered_in_another_font.pdf": ("budget_totals", digits_lowered_in_another_font),
    "digits_raised_in_another_font.pdf": ("budget_totals", digits_raised_in_another_font),
    "table_without_vertical_rules.pdf": ("project_rules", table_without_vertical_rules),
    "indicator_rows_a_cell_short_without_heading.pdf": (
        "project_no_heading",
        indicator_rows_a_cell_short_without_heading,
    ),
    "indicator_rows_a_cell_short_under_an_earlier_heading.pdf": (
        "projects_no_heading_second",
        indicator_rows_a_cell_short_under_an_earlier_heading,
    ),
    "cell_rest_alone_on_a_page_without_rules.pdf": ("project_long_goal", cell_rest_alone_on_a_page_without_rules),
    "total_row_cut_into_a_box_of_text.pdf": ("projects_fund_heading_second", total_row_cut_into_a_box_of_text),
    "indicator_heading_cut_without_rules.pdf": ("projects_fund_heading_second", indicator_heading_cut_without_rules),
    "one_cell_total_row_alone_on_the_last_page.pdf": ("project_long_goal", one_cell_total_row_alone_on_the_last_page),
    "one_cell_total_row_cut_by_a_page_break.pdf": ("project_long_goal", one_cell_total_row_cut_by_a_page_break),
}

# Fixtures whose facts are not those of their text form: what cannot be read is recorded as unread
# (tests/test_layouts.py checks what), nothing is loaded wrong.
RECORDED_AS_UNREAD = {"indicator_rows_a_cell_short_without_heading.pdf"}

# Random layouts of the sweep committed as a sample (numbers for draw_layout): every producer,
# page size and orientation, fonts, with and without vertical rules, merged cells, headings
# repeated or not, digits shifted.
SAMPLE: tuple[int, ...] = (18, 22, 32, 45, 51, 56, 70)


# The real PDFs of tests/fixtures/real drawn again (issue 14): layouts of the sweep over
# ``--sources``, as (number, sources); their facts must be the real PDF's own.
REAL_SAMPLE: tuple[tuple[int, tuple[str, ...]], ...] = (
    (3, ("real_social", "real_planning")),  # Writer, A3 portrait, AR PL UKai, ruled
    (20, ("real_planning",)),  # Calc, letter portrait, WenQuanYi Micro Hei
    # reportlab, A3 landscape: 三公's first heading row alone in a box at the bottom of a page
    (1, ("real_planning", "real_social")),
    # Calc, letter, no vertical rules: 收入 / 支出 over two columns, 科目名称 reaching over the figures
    (5, ("real_planning", "real_social")),
    # Writer, A3, ruled: 10.82 cut by a page break at its decimal point
    (7, ("real_planning", "real_social")),
)


def _sample_fixture(number: int, sources: tuple[str, ...] | None = None) -> tuple[str, Callable[[], bytes]]:
    layout = draw_layout(number, sources) if sources else draw_layout(number)
    return f"layout{number}_{layout.source}_{layout.producer}.pdf", lambda: render(layout)


# Pages of real-PDF variants of the sweep, each holding one defect the reader got wrong (issue 14),
# as (layout number, sources, first page, last page). Parts of a document have no text form:
# tests/test_layouts.py checks what the reader makes of each.
REAL_PAGES: dict[str, tuple[int, tuple[str, ...], int, int]] = {
    # Chromium: the empty 支出 cell beside 二、政府性基金预算财政拨款 merged with the row under it,
    # drawn open at the page break over a row whose texts are closed
    "empty_cell_open_beside_a_closed_row.pdf": (46, ("real_planning", "real_social"), 12, 13),
    # Writer, no vertical rules: 三公's heading cut after its second row (小计 on the next page)
    "three_public_heading_cut_without_rules.pdf": (51, ("real_planning", "real_social"), 23, 24),
    # Writer, no vertical rules: units ruled in part (序号 and a one-character 单位名称), an empty
    # 备注 merged over all of them, over three pages
    "units_ruled_in_part_over_pages.pdf": (51, ("real_planning", "real_social"), 2, 4),
    # Chromium, no vertical rules: the rest of a cut row (更新) over 科目编码 wrapped in a narrow
    # column beside cells merged down
    "codes_under_the_rest_of_a_cut_row.pdf": (10, ("real_planning", "real_social"), 9, 10),
    # Calc, no vertical rules: table 4's first heading row (收入 | 支出) alone in a box at the bottom
    # of a page, the rest of the table on the next
    "heading_of_two_labels_in_a_box_at_a_page_bottom.pdf": (89, ("real_planning", "real_social"), 16, 17),
    # Writer, no vertical rules: units ruled across 序号 and 单位名称 only, an empty 备注 merged
    # down beside them, the names in a narrow column
    "units_beside_an_empty_column_merged_down.pdf": (91, ("real_planning", "real_social"), 2, 3),
    # Writer: table 2's 合计 figure wrapped in a narrow cell and cut by the page break (97 / 46.50),
    # the break drawn closed
    "figure_wrapped_and_cut_by_a_page_break.pdf": (229, ("real_planning", "real_social"), 5, 6),
    # Writer: a figure cut short of its last decimal (0.0 / 0), the next page's columns a little off
    "figure_cut_short_of_its_last_decimal.pdf": (190, ("real_planning", "real_social"), 11, 12),
    # Writer: table 4's 三、国有资本经营预算财政拨款 merged down beside 三、国防支出, 四、… and cut
    # by the page break (三、 / 国有资本经营预算财政拨款 beside 四、公共安全支出)
    "label_merged_down_cut_beside_a_new_row.pdf": (229, ("real_planning", "real_social"), 12, 13),
    # Writer: table 4's 年末财政拨款结转和结余 merged down beside 一、… 二、… 三、… and cut by the
    # page break two rows under its first (年末财政拨款结转和结 / 余)
    "label_merged_down_cut_rows_under_its_first.pdf": (225, ("real_planning", "real_social"), 15, 16),
    # Chromium: a closing quote hanging past the text area (“不合格” at a line's end)
    "closing_quote_past_the_text_area.pdf": (213, ("real_planning", "real_social"), 42, 42),
    # Writer: 三公's heading row cut in a label (因公出国 / （境）费), the break drawn closed
    "three_public_heading_cut_in_a_label.pdf": (283, ("real_planning", "real_social"), 11, 12),
    # reportlab: an empty table's note whose last words go to a line of their own (故本表无 / 数据。)
    "empty_table_note_ending_on_a_line_of_its_own.pdf": (276, ("real_planning", "real_social"), 12, 13),
    # Chromium: table 4's 三、国有资本经营预算财政拨款 merged down beside the 支出 lines, so its row
    # is drawn open at the page break although nothing in it is cut; 四、公共安全支出 starts the next
    "line_labels_drawn_open_beside_a_label_merged_down.pdf": (337, ("real_planning", "real_social"), 9, 10),
    # the same without vertical rules: the next page's rows found on columns of their own
    "line_labels_drawn_open_without_rules.pdf": (359, ("real_planning", "real_social"), 9, 10),
    # reportlab, no vertical rules: table 4 on pages whose columns are found from their own text,
    # some of its figures standing where no column of the heading reaches
    "figures_in_no_column_of_the_heading.pdf": (411, ("real_planning", "real_social"), 1, 26),
    # Writer, a seed's layout: an indicator table's 一级指标 项目完成指标, merged down, cut by the
    # page break (项目完 / 成指标) beside rows of their own (2套 | 2套, then 办公桌椅 | 7套 | 100%)
    "indicator_label_merged_down_cut_beside_a_new_row.pdf": (159, SEED_SOURCES, 18, 19),
    # Chromium, table 6 without vertical rules: 30399's 科目名称, merged down in a narrow column,
    # drawn open at the page's bottom and on over the next page: no cell of the grid holds it
    "name_merged_down_drawn_open_at_the_page_bottom.pdf": (128, ("real_planning", "real_social"), 17, 18),
    # the same in another layout (held-out variant 498): the name's column found on the next page
    # without the empty 决算数 column beside it, so its merged cell reaches over the codes of the
    # right half (30299, 310, 31001 …), which were read into the name
    "codes_read_into_a_name_merged_down.pdf": (498, ("real_planning", "real_social"), 22, 27),
    # Chromium, no vertical rules (held-out variant 512): table 4's 年初财政拨款结转和结余 |
    # 年末财政拨款结转和结余 at the page's bottom, drawn open by a cell merged down beside it, then
    # 一、一般公共预算财政拨款 at the next page's top
    "whole_line_labels_drawn_open_at_a_page_bottom.pdf": (512, ("real_planning", "real_social"), 24, 26),
    # reportlab, a seed's layout without vertical rules (sweep layout 153): the 2018 table of 开办费,
    # whose 其他资金 row prints no amount (at the top of the next page), so its two labels stand side by
    # side (其他资金 | 其他资金)
    "fund_labels_side_by_side_without_rules.pdf": (153, SEED_SOURCES, 29, 30),
    # Chromium, a seed's layout without vertical rules (sweep layout 142): each indicator row drawn
    # as a box of its own, so the rows' borders are doubled (3 pt apart) and the frame's sides are
    # pieces with a gap at each border
    "doubled_row_borders_without_rules.pdf": (142, SEED_SOURCES, 20, 21),
    # Writer, no vertical rules (held-out variant 608): table 3's heading row cut by the page break
    # inside 本年支出合计, wrapped a character a line (本年支出 / 合计)
    "heading_cut_inside_a_total_label.pdf": (608, ("real_planning", "real_social"), 16, 17),
    # the same layout: table 4's 二十三、其他支出 cut after 二十 (二十 / 三、其他支出)
    "line_number_cut_by_a_page_break.pdf": (608, ("real_planning", "real_social"), 22, 23),
    # Writer (held-out variant 611): table 6's 30399 其他对个人和家庭的补助, merged down over the rest
    # of the left half, cut by the page break (其他对个人和家庭 / 的补助) beside 30299, a row of its own
    "name_merged_down_cut_beside_a_new_row.pdf": (611, ("real_planning", "real_social"), 17, 18),
    # Chromium, a seed's layout without vertical rules (sweep layout 81): the 项目资金 heading row has
    # two empty cells more than its fund rows (columns found from the 实施单位 row above it)
    "fund_rows_narrower_than_their_heading.pdf": (81, SEED_SOURCES, 6, 8),
    # reportlab, a seed's layout without vertical rules (sweep layout 74): indicator rows on a page
    # whose columns, found from its own text, cut the 三级指标 column in two (15 cells, heading 14)
    "indicator_rows_wider_than_their_heading.pdf": (74, SEED_SOURCES, 22, 24),
    # the same layout, pages 59-61: the indicator table of 职业技能大赛 has no heading row (as in the
    # seed), and on its last page the columns found from the text cut 三级指标 in two
    "indicator_rows_wider_without_a_heading.pdf": (74, SEED_SOURCES, 56, 61),
    # reportlab (held-out variant 775): table 9's note of an empty table read as two paragraphs,
    # the second what says it is empty (说明：…故本 / 表无数据。)
    "empty_table_note_cut_before_what_says_so.pdf": (775, ("real_planning", "real_social"), 10, 11),
    # Chromium (held-out variant 776): table 6's last row on a page drawn open (Chromium draws its
    # bottom border on the next page), a row of its own with new codes at the next page's top
    "coded_row_drawn_open_at_a_page_bottom.pdf": (776, ("real_planning", "real_social"), 13, 14),
    # the same layout: table 2's first heading row at a page's bottom, drawn open by 项目 merged down,
    # then 功能分类科目编码 | 科目名称 on the next page
    "heading_row_drawn_open_at_a_page_bottom.pdf": (776, ("real_planning", "real_social"), 4, 5),
    # Chromium (held-out variant 799): the units table's heading (序号 | 单位名称 | 备注) alone at the
    # bottom of page 1, drawn open by 备注 merged down over the units on page 2
    "units_heading_drawn_open_at_a_page_bottom.pdf": (799, ("real_planning", "real_social"), 1, 2),
    # Writer (held-out variant 893): table 6's 30399 name merged down over three rows of the left
    # half and cut by the page break (其他对个人和家庭的 / 补助) beside 31001, a row of its own
    "name_merged_down_over_rows_cut_beside_a_new_row.pdf": (893, ("real_planning", "real_social"), 23, 24),
    # Chromium, no vertical rules (held-out variant 895): table 4's 三、国有资本经营预算财政拨款, merged
    # down and cut by the page break, its text running past the frame's bottom (经, 营 below it),
    # its rest beside 四、公共安全支出 on a page whose columns are found from its own text
    "label_running_past_the_frame_at_a_page_bottom.pdf": (895, ("real_planning", "real_social"), 10, 11),
    # Chromium (held-out variant 690): table 4's 年末财政拨款结转和结余 cut by the page break (…结转 /
    # 和结余) beside 一、一般公共预算财政拨款, a row of its own under 年初财政拨款结转和结余
    "line_label_cut_beside_a_whole_line_label.pdf": (690, ("real_planning", "real_social"), 11, 12),
    # Chromium, no vertical rules, cells merged down (held-out variant 941): table 6's 人员经费 half
    # ends a page before its 公用经费 half; over the empty half no rule is drawn, so the next page's
    # frame is the 公用经费 half's only, and 31099's 其他资本性支出 is cut at that page's bottom
    "half_frame_under_a_table_of_two_halves.pdf": (941, ("real_planning", "real_social"), 27, 29),
    # Calc, A4 landscape, narrow label column (held-out variant 1011): table 4's row
    # 二、政府性基金预算财政拨款, its label one character a line, fills a page of its own
    "line_label_alone_on_a_page.pdf": (1011, ("real_planning", "real_social"), 18, 21),
    # ReportLab, letter portrait, narrow columns (held-out variant 1179): table 9's heading row
    # 预算数 | 决算数 …, one character a line, closed at a page's bottom; its figures start the next
    "figures_under_a_heading_closed_at_a_page_bottom.pdf": (1179, ("real_planning", "real_social"), 23, 24),
    # Chromium, A3 landscape, cells merged down (held-out variant 1106): 30399's 科目名称, merged
    # down in a narrow column, drawn open at the page's bottom beside cells drawn closed there
    "narrow_name_open_at_a_page_bottom.pdf": (1106, ("real_planning", "real_social"), 7, 8),
    # Chromium: 30399's 科目名称 merged down through the row of 30299 on the other side and cut by
    # the page break with it; both names go on at the top of the next page, drawn open there
    "name_merged_through_a_row_cut_by_a_page_break.pdf": (1381, ("real_planning", "real_social"), 21, 22),
    # Writer: the heading cell 财政拨款“三公”经费 alone at a page's bottom, its empty rest the first
    # row of the table on the next page
    "heading_box_with_its_empty_rest_on_the_next_page.pdf": (1421, ("real_planning", "real_social"), 11, 12),
    # Writer: 22102 住房改革支出 cut by a page break drawn closed, 461.08 wrapped as 46 / 1.08, under
    # the heading row 功能分类科目编码 | 科目名称 that leaves the figures' columns empty
    "closed_cut_row_under_a_heading_row_of_labels.pdf": (1478, ("real_planning", "real_social"), 21, 24),
    # Writer, no vertical rules: table 3's heading row cut by a page break (基本支 / 出); the next
    # page finds the same number of columns at other places (科目编码 and 科目名称 apart)
    "heading_row_cut_onto_other_columns.pdf": (1544, ("real_planning", "real_social"), 9, 10),
    # Chromium: the 合计 of an empty table's heading drawn where no cell of pdfplumber's grid is
    "heading_text_in_no_cell_of_an_empty_table.pdf": (1159, ("real_planning", "real_social"), 12, 12),
    # ReportLab, narrow columns (held-out variant 1782): table 1's 四、上级补助收入 and 四、公共安全支出
    # cut by a page break, their rest 收入 | 支出 the words of the heading's first row
    "rest_of_a_cut_row_equal_to_a_heading.pdf": (1782, ("real_planning", "real_social"), 2, 3),
    # Chromium, A3 portrait, cells merged down (held-out variant 1853): 30399's 科目名称, one
    # character a line in a narrow column, merged down beside the other side's rows to the page's
    # bottom, 庭 below the table's frame, 的补助 at the next page's top beside 31007
    "name_merged_down_run_past_the_frame_at_a_page_break.pdf": (1853, ("real_planning", "real_social"), 11, 12),
    # Chromium, seed layout 171: 一级指标 效益指标 merged down to a page's bottom, drawn open there;
    # 满意度指标 starts the next page, drawn open at its top (a label of its own, not a rest)
    "first_level_label_merged_down_to_a_page_bottom.pdf": (
        171,
        ("seed000", "seed001", "seed002", "seed003", "seed004"),
        36,
        37,
    ),
}


def _pages_fixture(number: int, sources: tuple[str, ...], first: int, last: int) -> Callable[[], bytes]:
    def build() -> bytes:
        from pypdf import PdfReader, PdfWriter

        reader = PdfReader(io.BytesIO(render(draw_layout(number, sources))))
        out = PdfWriter()
        for index in range(first - 1, last):
            out.add_page(reader.pages[index])
        buf = io.BytesIO()
        out.write(buf)
        whole = buf.getvalue()
        if len(whole) > _BIG_FIXTURE:
            whole = _without_font_programs(whole)
        # pypdf draws the file /ID at random on every write: the same bytes for the same pages
        return re.sub(rb"/ID\s*\[\s*<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*\]", b"", whole)

    return build


# a fixture larger than this has its embedded font programs left out (Chromium embeds a whole
# CJK font, 16 MB, when it does not subset it)
_BIG_FIXTURE = 2_000_000


def _without_font_programs(whole: bytes) -> bytes:
    """The PDF ``whole`` without its embedded font programs. pdfplumber reads a character's code,
    width and Unicode text from the font's dictionaries (/W, /ToUnicode), never from its program,
    which only draws the glyphs: checked here, character by character."""
    import pdfplumber
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(io.BytesIO(whole))
    for page in reader.pages:
        resources: Any = page["/Resources"]  # (pypdf types a dictionary's values loosely)
        fonts = resources["/Font"]
        for font in fonts.values():
            font = font.get_object()
            for descendant in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                descriptor = descendant.get("/FontDescriptor")
                if descriptor is not None:
                    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                        descriptor.get_object().pop(NameObject(key), None)
    out = PdfWriter()
    for page in reader.pages:
        out.add_page(page)  # (only what the pages use is written)
    buf = io.BytesIO()
    out.write(buf)
    keys = ("text", "x0", "top", "x1", "bottom", "fontname", "size")

    def chars(data: bytes) -> list:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [[tuple(ch[k] for k in keys) for ch in page.chars] for page in pdf.pages]

    if chars(buf.getvalue()) != chars(whole):
        return whole
    return buf.getvalue()


FIXTURES: dict[str, Callable[[], bytes]] = {name: build for name, (_, build) in DEFECTS.items()}
FIXTURES.update(dict(_sample_fixture(n) for n in SAMPLE))
FIXTURES.update(dict(_sample_fixture(n, sources) for n, sources in REAL_SAMPLE))
FIXTURES.update({name: _pages_fixture(*spec) for name, spec in REAL_PAGES.items()})


def manifest() -> dict:
    """fixtures.json: each layout fixture's text form (a path from the fixtures' folder) and layout."""
    out: dict[str, dict] = {}
    for name, (source, _) in DEFECTS.items():
        out[name] = {"text": f"{source}.txt", "source": source}
        if name in RECORDED_AS_UNREAD:
            out[name]["expect"] = "unread"
    for number, sources in [(n, None) for n in SAMPLE] + list(REAL_SAMPLE):
        layout = draw_layout(number, sources) if sources else draw_layout(number)
        name = f"layout{number}_{layout.source}_{layout.producer}.pdf"
        if layout.source in REAL_SOURCES:  # compared with the real PDF itself
            text = "../real/" + REAL_SOURCES[layout.source]
        else:
            text = "../../../" + seed_file(layout.source[4:]).relative_to(ROOT).as_posix()
        out[name] = {
            "text": text,
            "source": layout.source,
            "layout": {k: v for k, v in asdict(layout).items() if k != "extra"},
        }
    return out


def write_texts(folder: Path = LAYOUT_DIR) -> None:
    """The text forms of the parts and fixtures.json."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted({source for source, _ in DEFECTS.values()}):
        (folder / f"{source}.txt").write_text(to_text(SOURCES[source]()), encoding="utf-8")
    (folder / "fixtures.json").write_text(json.dumps(manifest(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def check_all(folder: Path, names: list[str]) -> bool:
    """Read each layout fixture and compare its facts with its text form's; print the verdicts."""
    from scripts.render.facts import judge, read_facts

    entries = (
        json.loads((folder / "fixtures.json").read_text(encoding="utf-8"))
        if (folder / "fixtures.json").exists()
        else manifest()
    )
    ok = True
    for name in names:
        path = folder / name
        if not path.exists() or name not in entries:
            continue
        text = folder / entries[name]["text"]
        verdict = judge(read_facts(path), read_facts(text))
        expected = entries[name].get("expect", "agree")
        if verdict.outcome == "agree":
            said = "agrees with " + entries[name]["text"]
        elif verdict.outcome == "unread":
            said = "values recorded as unread, none loaded wrong"
        elif verdict.outcome == "lost":
            said = "PRINTED VALUES LOST without a record"
        else:
            said = "LOADED WRONG"
        if verdict.outcome != expected:
            said += f" (expected: {expected})"
        print(f"{name} ({path.stat().st_size:,} bytes): {said}")
        for line in verdict.lines[:12]:
            print(f"    {line}")
        ok = ok and verdict.outcome == expected
    return ok
