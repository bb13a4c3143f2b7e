"""Reader for PDF files, with pdfplumber, into the same document model as the text reader.

* Ruled tables come from pdfplumber's table finder, as grids whose cells keep their page and
  bounding box. A cell spanned over from the left (a horizontal merge) is dropped, as the text
  form has no cell there; a cell spanned over from above (a vertical merge, 一级指标 over several
  rows) is an empty cell, as in the text form.
* Text outside tables becomes paragraphs in reading order; lines that run to the right margin are
  joined with the next line, and white space between CJK characters is removed.
* A table that goes on at the top of the next page is one table: a repeated heading row is
  dropped, and a row cut in two by the page break is joined back into one row.
* Pages without a text layer (scanned) and pages whose text is ``(cid:…)`` or U+FFFD garbage are
  not read; they are reported as warnings, or as the error when no page can be read.
* Pages are parsed in worker processes, in parallel, under a time limit and a memory limit, so
  one pathological file cannot stall or kill the run.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import io
import multiprocessing
import os
import re
import sys
import tempfile
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipelines.model import (
    BBox,
    Block,
    Cell,
    Document,
    DocumentError,
    Page,
    Paragraph,
    Row,
    Table,
    UnreadPart,
    excerpt,
    squash,
    tidy_cjk,
)
from pipelines.readers.pdf_clip import lay_out
from pipelines.readers.pdf_geometry import (
    MIN_RULE,
    NEAR,
    band_runs,
    block_text,
    centre_in,
    coverage,
    gap_closers,
    horizontal,
    lead,
    open_cells,
    open_ends,
    rule_less_columns,
    rules,
    text_lines,
)
from pipelines.readers.pdf_objects import page_objects
from pipelines.text_patterns import (
    FIGURE_HEADINGS,
    INDICATOR_HEADERS,
    LIST_NUMBER,
    PART_HEADING,
    ROW_LABEL,
    SUBJECT_HEADINGS,
    TABLE_TITLE_LINE,
    THREE_PUBLIC_HEADINGS,
    cn_number,
    is_line_label,
    plain_title,
)

# Limits, overridable with environment variables (seconds, MiB, processes).
TIME_LIMIT_S = float(os.environ.get("PIPELINES_PDF_TIME_LIMIT", "600"))
MEMORY_LIMIT_MB = int(os.environ.get("PIPELINES_PDF_MEMORY_LIMIT_MB", "3072"))
WORKERS = int(os.environ.get("PIPELINES_PDF_WORKERS", str(min(2, os.cpu_count() or 1))))
# Below this many pages one worker parses the whole file: splitting costs more than it saves.
PAGES_PER_WORKER_MIN = 2
# A page whose characters are more than this share of (cid:…) or U+FFFD is garbage.
GARBAGE_SHARE = 0.05

# a page number (of up to 3 digits: a year alone on the last line of a page is text, 单位 / 2024 /
# 年新成立) or "第 N 页", "N / M", "N 共 M 页"
_PAGE_FURNITURE = re.compile(r"^[-—–\s]*(第\s*)?\d{1,3}\s*(页)?(\s*/\s*\d+|\s*共\s*\d+\s*页)?[-—–\s]*$")
_EPS = 1.0


@dataclass
class PageResult:
    number: int
    blocks: list = field(default_factory=list)
    problem: str | None = None  # why the page was not read, the same words for the same cause
    unread: list = field(default_factory=list)  # UnreadParts of a page read in part (OCR: figures withheld)
    warnings: list = field(default_factory=list)  # for dim_document.warnings (OCR: what it was unsure of)
    ocr_seconds: float | None = None  # a page without a text layer: how long OCR took (None: not OCR'd)
    # the blocks again with a one-row box of text at the top of the page read as a table row:
    # the rest of the last row of the table on the page before, when it goes on with it
    top_box_as_row: list | None = None
    # the blocks again with a box of one or two texts at the bottom of the page read as a table
    # row: the first heading row of the table at the top of the next page, when it has its width
    bottom_box_as_row: list | None = None


# ---------------------------------------------------------------------------------------------
# In the worker process


def _cell_chars(table, chars: list[dict]) -> dict[tuple[int, int], list[dict]]:
    """The characters of each cell (row, column of pdfplumber's grid), by their centre."""
    step = 8.0
    buckets: dict[int, list] = {}
    for r, group in enumerate(table.rows):
        for c, bbox in enumerate(group.cells):
            if bbox is None:
                continue
            for k in range(int(bbox[1] // step), int(bbox[3] // step) + 1):
                buckets.setdefault(k, []).append((r, c, bbox))
    out: dict[tuple[int, int], list[dict]] = {}
    for ch in chars:
        y = (ch["top"] + ch["bottom"]) / 2
        holding = [(r, c, bbox) for r, c, bbox in buckets.get(int(y // step), ()) if centre_in(ch, bbox)]
        if holding:
            # cells overlap where a cell merged down reaches over columns found from the text of
            # the rows beside it: a character goes to the smallest cell that holds it
            r, c, _ = min(holding, key=lambda h: (h[2][2] - h[2][0]) * (h[2][3] - h[2][1]))
            out.setdefault((r, c), []).append(ch)
    return out


def _table_rows(
    table,
    number: int,
    chars: list[dict] | None = None,
    ink: bool = False,
    stray: list[dict] | None = None,
    overflow: dict[tuple[int, int], list[dict]] | None = None,
) -> list[Row]:
    """Turn a pdfplumber table into rows of the model (see the module docstring for merges).
    A cell's text is its characters grouped into lines by vertical overlap (pdf_geometry).
    ``ink``: the table has no vertical rules inside; each cell keeps where its text lies.
    ``stray``, when given, receives the printed characters inside the table that stand in no cell
    of its grid (a cell drawn without one of its rules is no cell to pdfplumber). ``overflow``:
    characters below the table that belong to a cell at its bottom, by the cell's row and column
    in the grid (see _overflow)."""
    grid = table.rows
    x0, top, x1, bottom = table.bbox
    frame = (x0, top, x1 + 0.01, bottom + 0.01)
    inside = [c for c in (chars if chars is not None else table.page.chars) if centre_in(c, frame)]
    texts = _cell_chars(table, inside)
    for place, more in (overflow or {}).items():
        texts.setdefault(place, []).extend(more)
    if stray is not None:
        held = {id(ch) for group in texts.values() for ch in group}
        stray.extend(ch for ch in inside if id(ch) not in held and ch["text"].strip())
    rows: list[Row] = []
    for r, group in enumerate(grid):
        row_top = min(c[1] for c in group.cells if c is not None)
        row_bottom = max(c[3] for c in group.cells if c is not None)
        cells: list[Cell] = []
        for c, bbox in enumerate(group.cells):
            if bbox is None:
                above = _cell_above(grid, r, c)[1]
                if above is not None and above[3] > row_top + _EPS:
                    # under a cell merged downwards: an empty cell, as in the text form
                    merged = (round(above[0], 2), round(row_top, 2), round(above[2], 2), round(row_bottom, 2))
                    cells.append(Cell(text="", row=len(rows), col=len(cells), page=number, bbox=merged))
                continue
            own = texts.get((r, c), [])
            cells.append(
                Cell(
                    text=tidy_cjk(block_text(own)),
                    row=len(rows),
                    col=len(cells),
                    page=number,
                    bbox=tuple(round(v, 2) for v in bbox),
                    ink=(round(min(ch["x0"] for ch in own), 2), round(max(ch["x1"] for ch in own), 2))
                    if ink and own
                    else None,
                )
            )
        if cells:
            rows.append(Row(cells=tuple(_apart(cells)), index=len(rows), page=number))
    return rows


def _cell_above(grid, r: int, c: int) -> tuple[int, Any]:
    """The nearest cell above row ``r`` in column ``c`` of pdfplumber's grid (the cell merged down
    over it) and its row; (0, None) when there is none."""
    return next(((k, grid[k].cells[c]) for k in range(r - 1, -1, -1) if grid[k].cells[c] is not None), (0, None))


def _apart(cells: list[Cell]) -> list[Cell]:
    """The cells of a row, a cell that reaches over the next one's start ended there: where
    columns are found from the text beside a cell merged down, pdfplumber may give a row a cell
    over two columns and a cell of the second (its characters go to the smaller, see
    _cell_chars), and a figure is placed in its column by its cell's box."""
    out = list(cells)
    for i in range(len(out) - 1):
        a, b = out[i].bbox, out[i + 1].bbox
        if a is not None and b is not None and a[0] < b[0] < a[2] - _EPS:
            out[i] = replace(out[i], bbox=(a[0], a[1], b[0], a[3]))
    return out


def _paragraphs(
    lines: list[dict], number: int, page_height: float, tables: list | None = None
) -> list[tuple[float, Paragraph]]:
    """Text lines → paragraphs. A line goes on in the next one when the next one's first word (a
    character, or a run of digits and Latin letters with the punctuation that may not start a
    line) would not have fitted in the room left at its end, the next line follows at the usual
    line distance (not after the larger gap that separates paragraphs), and no table lies
    between them."""
    lines = [
        line
        for line in lines
        if not (
            _PAGE_FURNITURE.match(line["text"])
            and (line["top"] < 0.08 * page_height or line["bottom"] > 0.92 * page_height)
        )
    ]
    if not lines:
        return []
    # the right margin: where the longest line or the widest table ends
    right = max([line["x1"] for line in lines] + [t[2] for t in tables or []])
    pitch = _line_pitch(lines, right)
    table_tops = [t[1] for t in tables or []]
    titles = [_is_title_line(line["text"]) for line in lines]
    # 第三部分…, or a numbered heading (（二）政府采购支出情况, 十一、…): after a sentence that ends
    # at the margin, such a line starts a paragraph
    parts = [
        PART_HEADING.match(line["text"].strip()) is not None or LIST_NUMBER.match(line["text"].strip()) is not None
        for line in lines
    ]
    out: list[tuple[float, Paragraph]] = []
    current: list[dict] = []
    for index, line in enumerate(lines):
        current.append(line)
        height = line["bottom"] - line["top"]
        after = lines[index + 1] if index + 1 < len(lines) else None
        lead = after.get("lead", height) if after is not None else height
        if after is not None and not line["text"].rstrip().endswith(_SENTENCE_END):
            # mid-sentence, a line that starts with an opening quote could not have started with
            # less than the quote and the character after it (“良”); after a sentence's end (a
            # heading "（二）…说明。" then "“三公”经费…") the quote alone decides, as any character
            lead = after.get("lead_quoted", lead)
        ends = right - line["x1"] > max(lead, 0.5 * height) + 0.25 * height
        ends = ends or titles[index] or (after is not None and titles[index + 1])  # a table's title
        # a sentence's end at the margin, then 第三部分… (an empty table's note, then the next part)
        # or a numbered heading
        ends = ends or (after is not None and parts[index + 1] and line["text"].rstrip().endswith(_SENTENCE_END))
        if after is not None and not ends:
            gap = after["top"] - line["top"]
            if pitch is not None and gap > pitch + 0.2 * height:
                ends = True  # the space between paragraphs
            elif any(line["bottom"] <= y <= after["top"] for y in table_tops):
                ends = True
        if ends:
            out.append(_paragraph(current, number))
            current = []
    if current:
        out.append(_paragraph(current, number))
    return out


# where a sentence ends; a line ending with a colon goes on in a list under it, not in its sentence
_SENTENCE_STOP = tuple("。！？；!?;")
_SENTENCE_END = (*_SENTENCE_STOP, "：", ":")


def _is_title_line(text: str) -> bool:
    """A line that is the whole title of a standard table (text_patterns.TABLE_TITLE_LINE)."""
    return TABLE_TITLE_LINE.fullmatch(plain_title(text)) is not None


def _line_pitch(lines: list[dict], right: float) -> float | None:
    """The usual distance from one line of a paragraph to the next on this page: the median over
    pairs whose first line runs to the right margin, when there are at least two."""
    pitches = sorted(
        b["top"] - a["top"]
        for a, b in zip(lines, lines[1:])
        if a["x1"] >= right - 1.5 * (a["bottom"] - a["top"])
        and 0 < b["top"] - a["top"] < 3 * (a["bottom"] - a["top"])
        and abs((b["bottom"] - b["top"]) - (a["bottom"] - a["top"])) < 0.25 * (a["bottom"] - a["top"])
    )
    if len(pitches) < 2:
        return None
    return pitches[len(pitches) // 2]


def _paragraph(lines: list[dict], number: int) -> tuple[float, Paragraph]:
    text = tidy_cjk("".join(line["text"] for line in lines))
    bbox = (
        round(min(line["x0"] for line in lines), 2),
        round(lines[0]["top"], 2),
        round(max(line["x1"] for line in lines), 2),
        round(lines[-1]["bottom"], 2),
    )
    return lines[0]["top"], Paragraph(text=text, page=number, bbox=bbox)


def _find_tables(page, h: list[dict], v: list[dict], lone: list | None = None) -> list:
    """pdfplumber's tables made of these rules. ``lone``, when given, receives the cells that
    belong to no table (pdfplumber makes no table of one cell: a table drawn without vertical
    rules inside, one row on this page, is one)."""
    if len(h) < 2 or len(v) < 2:
        return []
    from pdfplumber.table import TableFinder

    finder = TableFinder(
        page,
        {
            "vertical_strategy": "explicit",
            "horizontal_strategy": "explicit",
            "explicit_vertical_lines": v,
            "explicit_horizontal_lines": h,
        },
    )
    if lone is not None:
        used = {cell for table in finder.tables for cell in table.cells}
        lone.extend(_OneCell(cell) for cell in finder.cells if cell not in used)
    return finder.tables


class _OneCell:
    """A lone cell, shaped as a pdfplumber table of one row of one cell."""

    def __init__(self, bbox: tuple) -> None:
        self.bbox = bbox
        self.rows = [type("Row", (), {"cells": [bbox]})()]


def _frame_span(v: list[dict], x: float, top: float, bottom: float) -> tuple[float, float] | None:
    """The run of vertical rules at ``x`` that overlaps top–bottom. Pieces less than 5 pt apart
    are one run: a doubled row border (Chromium draws each row's box, 3 pt apart) leaves a piece of
    the frame shorter than a rule between them, which is not taken as one."""
    pieces = sorted((e["top"], e["bottom"]) for e in v if abs(e["x0"] - x) <= NEAR)
    runs: list[list[float]] = []
    for a, b in pieces:
        if runs and a <= runs[-1][1] + MIN_RULE + 2:
            runs[-1][1] = max(runs[-1][1], b)
        else:
            runs.append([a, b])
    return next(((a, b) for a, b in runs if a < bottom and b > top), None)


def _rule_less_bands(table, h: list[dict], v: list[dict]) -> tuple[tuple, list[tuple[float, float]]] | None:
    """For a table drawn without inner vertical rules (every row of pdfplumber's grid is one
    cell): its frame (x0, top, x1, bottom), which runs as far as its left and right rules do
    (rows under merged cells have rules drawn in part, which pdfplumber does not make cells of),
    and its rows as (top, bottom) between horizontal rules. None for a table with columns."""
    if any(sum(1 for c in row.cells if c is not None) > 1 for row in table.rows):
        return None
    x0, top, x1, bottom = table.bbox
    left, right = _frame_span(v, x0, top, bottom), _frame_span(v, x1, top, bottom)
    if left and right:
        top, bottom = max(left[0], right[0]), min(left[1], right[1])
    # rules at one height, added up: under a merged cell a row's rule has gaps
    covered: list[list[float]] = []  # [y, length]
    for e in sorted((e for e in h if top - NEAR <= e["top"] <= bottom + NEAR), key=lambda e: e["top"]):
        length = max(0.0, min(e["x1"], x1) - max(e["x0"], x0))
        if covered and e["top"] - covered[-1][0] <= 1.5:
            covered[-1][1] += length
        else:
            covered.append([e["top"], length])
    levels = [y for y, length in covered if length >= 0.3 * (x1 - x0)]
    if not levels or levels[0] - top > NEAR:
        levels.insert(0, top)
    if bottom - levels[-1] > NEAR:
        levels.append(bottom)
    if len(levels) < 2:
        return None
    return (x0, top, x1, bottom), list(zip(levels, levels[1:]))


def _to_frame(h: list[dict], v: list[dict]) -> list[dict]:
    """Horizontal rules that stop short of any vertical rule (in a table without inner vertical
    rules, at a cell merged over several rows), carried on to the nearest vertical rule on that
    side. Only to find such tables' frames and rows."""
    out: list[dict] = []

    def on_rule(x: float, y: float) -> bool:
        return any(abs(e["x0"] - x) <= NEAR and e["top"] - NEAR <= y <= e["bottom"] + NEAR for e in v)

    for e in h:
        y = e["top"]
        x0, x1 = e["x0"], e["x1"]
        if not on_rule(x0, y):
            left = [r["x0"] for r in v if r["x0"] < x0 - NEAR and r["top"] - NEAR <= y <= r["bottom"] + NEAR]
            x0 = max(left) if left else x0
        if not on_rule(x1, y):
            right = [r["x0"] for r in v if r["x0"] > x1 + NEAR and r["top"] - NEAR <= y <= r["bottom"] + NEAR]
            x1 = min(right) if right else x1
        if (x0, x1) != (e["x0"], e["x1"]):
            out.append(horizontal(y, x0, x1))
    return out


def _inside(bbox, frame) -> bool:
    return (
        bbox[0] >= frame[0] - NEAR
        and bbox[2] <= frame[2] + NEAR
        and bbox[1] >= frame[1] - NEAR
        and bbox[3] <= frame[3] + NEAR
    )


def _text_at_bottom(row: Row, chars: list[dict]) -> tuple[bool, ...]:
    """For each cell of ``row``: whether its text's last line ends within a line (and 2 pt) of
    the cell's bottom edge."""
    out = []
    chars = _of_height(chars, [cell.bbox for cell in row.cells if cell.bbox])
    for cell in row.cells:
        inside = [c for c in chars if cell.bbox and centre_in(c, cell.bbox)] if cell.text else []
        if not inside or cell.bbox is None:
            out.append(False)
            continue
        last = text_lines(inside)[-1]
        out.append(cell.bbox[3] - last.bottom <= last.height + 2.0)
    return tuple(out)


def _row_open(table, drawn: list[dict], index: int, chars: list[dict]) -> bool:
    """Whether the first (``index`` 0) or last (-1) row of a table is cut by the page break: its
    own cells (not one merged from the rows before, which may go on over the next page without
    cutting this row) are drawn without their rule at the top or the bottom. Only the cells with
    text decide when the row has any: an empty cell merged with the row on the next page is drawn
    open over a row whose texts are closed and whole (Chromium: 二、政府性基金预算财政拨款 beside
    the empty 支出 cell it shares with 三、…)."""
    grid = table.rows
    if not grid:
        return False
    cells = [c for c in grid[index].cells if c is not None]
    if not cells:
        return False
    printed = [ch for ch in _of_height(chars, cells) if ch["text"].strip()]
    with_text = [c for c in cells if any(centre_in(ch, c) for ch in printed)]
    return open_cells(drawn, with_text or cells, "top" if index == 0 else "bottom")


def _of_height(chars: list[dict], boxes: list) -> list[dict]:
    """The characters whose centre lies within the height the boxes span (a row's cells): the only
    ones :func:`centre_in` can place in any of them. All of them when there are no boxes."""
    if not boxes:
        return chars
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    return [c for c in chars if top <= (c["top"] + c["bottom"]) / 2 < bottom]


def _visible(ch: dict, bbox) -> bool:
    """Whether a character is printed on the page: producers leave text outside it (Calc draws a
    merged cell that continues from the page before at its place above the page's top)."""
    x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _parse_page(page, number: int) -> PageResult:
    lay_out(page)  # pdfminer's layout without the text clipping paths hide
    page_objects(page)  # its objects as pdfplumber gives them, characters converted faster
    chars = [ch for ch in page.chars if _visible(ch, page.bbox)]
    if not chars:
        if page.images:
            from pipelines.readers.ocr import read_scanned_page  # pages without a text layer: OCR

            scanned = read_scanned_page(page, number)
            return PageResult(
                number,
                blocks=scanned.blocks,
                problem=scanned.problem,
                unread=scanned.unread,
                warnings=scanned.warnings,
                ocr_seconds=scanned.seconds,
            )
        return PageResult(number)  # an empty page
    garbage = sum(1 for ch in chars if ch["text"].startswith("(cid:") or "\ufffd" in ch["text"])
    if garbage > GARBAGE_SHARE * len(chars):
        return PageResult(
            number,
            problem="the text does not decode to characters ((cid:…) or U+FFFD: a font without a Unicode map)",
        )
    drawn, v = rules(page)
    h = drawn + open_ends(drawn, v)
    lone: list = []
    tables = _find_tables(page, h, v, lone)
    # tables drawn without inner vertical rules: their frames, found with the row rules that
    # stop at a merged cell carried on to the frame (else a page of such rows is one cell, and
    # pdfplumber makes no table of one cell); their columns, found from the text
    reaching = _to_frame(h, v)
    if reaching:
        lone = []
        candidates = _find_tables(page, h + reaching, v, lone) + lone
    else:  # the same rules: the same tables and lone cells (not found twice)
        candidates = tables + lone
    columns: list[dict] = []
    closers: list[dict] = []  # cells of those tables drawn open, in part, at a cut
    frames: list[tuple] = []
    # a box of text at the top of the page, read as a row: its frame and its columns
    top_box: tuple[tuple, list[dict]] | None = None
    # a box of one or two texts at the bottom of the page: its frame and its columns
    bottom_box: tuple[tuple, list[dict]] | None = None
    for table in candidates:
        frame = _rule_less_bands(table, h, v)
        if not frame:
            continue
        closers.extend(gap_closers(frame[0], frame[1], drawn))
        one_row = len(frame[1]) == 1
        continued = coverage(drawn, frame[0][1], frame[0][0], frame[0][2]) < 0.5  # open at the top
        if one_row and not continued and len(band_runs(frame[0], frame[1][0], chars)) < 3:
            # one row: a table of three cells or more (or the rest of a cut row), else a framed
            # box of text. At the top of the page it may also be the rest of the last row of a
            # table on the page before, which Writer draws closed: that reading is kept beside.
            if not any(ch["bottom"] <= frame[0][1] + NEAR for ch in chars):
                top_box = (frame[0], rule_less_columns(frame[0], frame[1], chars, drawn, continued))
            elif not any(ch["top"] >= frame[0][3] - NEAR for ch in chars):
                bottom_box = (frame[0], rule_less_columns(frame[0], frame[1], chars, drawn, continued))
            continue
        frames.append(frame[0])
        columns.extend(rule_less_columns(frame[0], frame[1], chars, drawn, continued))
    h = h + closers
    stray: list[dict] = []
    blocks = _blocks(page, number, chars, drawn, h, v, tables if not columns else None, frames, columns, stray=stray)
    as_row = None
    if top_box is not None:
        as_row = _blocks(
            page, number, chars, drawn, h, v, None, [*frames, top_box[0]], columns + top_box[1], top_box[0]
        )
    heading = None
    if bottom_box is not None:
        heading = _blocks(
            page, number, chars, drawn, h, v, None, [*frames, bottom_box[0]], columns + bottom_box[1], bottom_box[0]
        )
    return PageResult(
        number, blocks=blocks, top_box_as_row=as_row, bottom_box_as_row=heading, unread=_stray_parts(stray, number)
    )


def _overflow(table, chars: list[dict], drawn: list[dict], boxes: list) -> dict[tuple[int, int], list[dict]]:
    """The characters of a cell at the table's bottom printed below the table's bottom rule, by
    the cell's place in the grid (row, column): the cell drawn open at the bottom (cut by the page
    break), its text running on past where the table's frame ends (Chromium: 三、国有资本经营 in a
    narrow column, 经 and 营 below the frame's end). The cell is the last row's, or one of a row
    above merged down to the bottom (Chromium: 30399's name, one character a line in a narrow
    column, merged down beside the other side's rows, its 庭 below the frame: held by no cell, it
    had been read as a paragraph, and the name's rest on the next page was lost). Only lines that
    go on from the cell's text without a gap, the first across the frame's bottom edge, inside the
    cell's column, and nothing else below them in it."""
    grid = getattr(table, "rows", None)
    if not grid or isinstance(table, _OneCell):
        return {}
    bottom = table.bbox[3]
    loose = [
        ch
        for ch in chars
        if ch["text"].strip()
        and (ch["top"] + ch["bottom"]) / 2 > bottom
        and not any(centre_in(ch, (b[0], b[1], b[2] + 0.01, b[3] + 0.01)) for b in boxes)
    ]
    if not loose:
        return {}
    out: dict[tuple[int, int], list[dict]] = {}
    for c, cell in enumerate(grid[-1].cells):
        r = len(grid) - 1
        if cell is None:  # under a cell merged down: that cell
            r, cell = _cell_above(grid, r, c)
        if cell is None or abs(cell[3] - bottom) > NEAR or coverage(drawn, cell[3], cell[0], cell[2]) >= 0.5:
            continue
        mine = sorted((ch for ch in loose if cell[0] <= (ch["x0"] + ch["x1"]) / 2 <= cell[2]), key=lambda ch: ch["top"])
        if not mine or any(ch["x0"] < cell[0] - NEAR or ch["x1"] > cell[2] + NEAR for ch in mine):
            continue
        if mine[0]["top"] >= bottom:  # the first line must cross the frame's bottom edge
            continue
        taken = [mine[0]]
        height = mine[0]["bottom"] - mine[0]["top"]
        for ch in mine[1:]:
            if ch["top"] - max(t["bottom"] for t in taken) > 0.6 * height:
                break
            taken.append(ch)
        # nothing else of the page below it in its column, and no line of it going on past the
        # column (a paragraph under the table, such as its 注, is no cell's)
        beside = [
            o
            for o in loose
            if not cell[0] <= (o["x0"] + o["x1"]) / 2 <= cell[2]
            and any(o["top"] < t["bottom"] and o["bottom"] > t["top"] for t in taken)
        ]
        if len(taken) == len(mine) and not beside:
            out[(r, c)] = taken
    return out


def _stray_parts(stray: list[dict], number: int) -> list[UnreadPart]:
    """Text printed inside a table that stands in no cell of its grid: not read, so recorded (a
    name merged down in a narrow column and drawn open at the page's bottom is no cell to
    pdfplumber, and its text had been dropped with nothing said)."""
    if not stray:
        return []
    return [
        UnreadPart(
            part="table",
            reason="text inside a table that stands in no cell of its grid (a cell drawn without one of its "
            "rules): it was not read",
            source_page=number,
            text=excerpt(tidy_cjk(block_text(stray).replace("\n", " "))),
        )
    ]


def _blocks(
    page,
    number: int,
    chars: list[dict],
    drawn: list[dict],
    h: list[dict],
    v: list[dict],
    tables: list | None,
    frames: list[tuple],
    columns: list[dict],
    box: tuple | None = None,
    stray: list[dict] | None = None,
) -> list:
    """The page's tables and paragraphs, top to bottom. ``tables``: pdfplumber's tables of the
    rules (None: find them with ``columns`` added, the columns found from the text of the tables
    drawn without inner vertical rules, whose frames are ``frames``). ``box``: a frame read as a
    table of one row too. ``stray`` receives the characters inside a table that stand in no cell."""
    if tables is None:
        tables = _find_tables(page, h, v + columns)
    # a frame with nothing dividing it is a table of one cell (pdfplumber makes none): the rest
    # of a one-cell row cut by the page break before (open at the top), or ``box``
    for frame in [*frames, box] if box is not None else frames:
        if not any(_inside(t.bbox, frame) for t in tables):
            tables = [*tables, _OneCell(frame)]
    placed: list[tuple[float, object]] = []
    boxes = [t.bbox for t in tables]
    overflows = {id(t): _overflow(t, chars, drawn, boxes) for t in tables}
    held = {id(ch) for more in overflows.values() for chs in more.values() for ch in chs}
    for table in tables:
        rule_less = any(_inside(table.bbox, frame) for frame in frames)
        rows = _table_rows(table, number, chars, ink=rule_less, stray=stray, overflow=overflows[id(table)])
        if rows:
            bbox = tuple(round(v, 2) for v in table.bbox)
            placed.append(
                (
                    table.bbox[1],
                    Table(
                        rows=tuple(rows),
                        page=number,
                        bbox=bbox,
                        first_row_continues=_row_open(table, drawn, 0, chars),
                        last_row_continues=_row_open(table, drawn, -1, chars),
                        columns_from_text=rule_less,
                        last_row_full=_text_at_bottom(rows[-1], chars),
                    ),
                )
            )

    def outside(ch) -> bool:
        if id(ch) in held:
            return False
        return not any(centre_in(ch, (x0, top, x1 + 0.01, bottom + 0.01)) for x0, top, x1, bottom in boxes)

    lines: list[dict[str, Any]] = [
        {
            "text": line.text,
            "x0": line.x0,
            "x1": line.x1,
            "top": line.top,
            "bottom": line.bottom,
            "lead": lead(line),
            "lead_quoted": lead(line, quotes=True),
        }
        for line in text_lines(ch for ch in chars if outside(ch))
    ]
    lines = [line for line in lines if line["text"].strip()]
    placed.extend(_paragraphs(lines, number, float(page.height), boxes))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


# The PDFs this worker reads now: path of the staged copy → the open pdfplumber PDF, the one used
# last at the end. Pages of a file come to a worker one by one, and two files parsing at once
# share the workers page by page: each file is opened (its cross-reference table and page tree
# parsed) once per worker, not once per page nor again each time the other file had a page.
# A staged copy is known by its path and its file's identity (a removed copy's name and inode may
# be given to a later one).
_OPEN: OrderedDict[tuple, Any] = OrderedDict()
_OPEN_FILES = 3  # more than the files parsing at once (ingest.FILES_AT_ONCE); the oldest is closed


def _open_pdf(path: str):
    stat = os.stat(path)
    key = (path, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    if key in _OPEN:
        _OPEN.move_to_end(key)
        return _OPEN[key]
    import pdfplumber

    pdf = pdfplumber.open(path)
    _OPEN[key] = pdf
    while len(_OPEN) > _OPEN_FILES:
        _close(_OPEN.popitem(last=False)[1])
    return pdf


def _close(pdf) -> None:
    try:
        pdf.close()
    except Exception:  # noqa: BLE001  (a file that failed to parse may fail to close: nothing to keep)
        pass


def _close_pdf() -> None:
    """Close every PDF this worker holds open."""
    while _OPEN:
        _close(_OPEN.popitem()[1])


def _parse_one(path: str, number: int) -> PageResult:
    """Parse page ``number`` (1-based) of the staged PDF at ``path``. Runs in a worker process."""
    page = _open_pdf(path).pages[number - 1]
    try:
        return _parse_page(page, number)
    finally:
        page.close()  # its objects are dropped: a worker holds one page's objects at a time


# ---------------------------------------------------------------------------------------------
# In the calling process: the worker pool, its limits, and the reasons a PDF cannot be read


class RunLimitError(DocumentError):
    """The file could not be read within this run's limits (time, memory), or its parsing process
    was killed: the next run tries it again."""


class _WorkerError(Exception):
    """What went wrong in a worker, as a kind the caller explains (never the text of an exception)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind  # 'limit_not_set', 'memory', 'encrypted', 'damaged', 'other'
        self.detail = detail


class _Workers:
    """Worker processes, made when first needed and made anew after a time-out or a crash. Each
    worker imports the PDF libraries, then limits its address space to ``memory_limit_mb`` (so the
    limit applies to parsing, never to an import) and ends itself when the process that made it
    ends."""

    def __init__(self, processes: int = WORKERS, memory_limit_mb: int = MEMORY_LIMIT_MB) -> None:
        self.processes = processes
        self.memory_limit_mb = memory_limit_mb
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        # Files parse at once in one pool (the ingest reads two files at a time): each pool made
        # is a generation; a generation stopped on purpose (a file over its time or memory limit)
        # cost the other files only their pages in progress, which they ask again.
        self.generation = 0
        self._stopped_on_purpose: set[int] = set()
        self.active = 0  # files being parsed in the pool now

    def executor(self) -> ProcessPoolExecutor:
        return self.current()[0]

    def current(self) -> tuple[ProcessPoolExecutor, int]:
        """The pool (made when needed) and its generation."""
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self.processes,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_limit_memory,
                    initargs=(self.memory_limit_mb, os.getpid()),
                )
            return self._executor, self.generation

    def pids(self) -> list[int]:
        """The ids of the worker processes running now."""
        with self._lock:
            executor = self._executor
        processes = (getattr(executor, "_processes", None) or {}) if executor else {}
        return [p.pid for p in list(processes.values()) if p.pid is not None and p.is_alive()]

    def exit_codes(self) -> list[int]:
        """Exit codes of worker processes that have ended (negative: killed by that signal)."""
        with self._lock:
            executor = self._executor
        processes = list(((getattr(executor, "_processes", None) or {}) if executor else {}).values())
        for process in processes:
            process.join(timeout=2)  # a process that just died has its exit code once reaped
        return [p.exitcode for p in processes if p.exitcode is not None]

    def stopped_on_purpose(self, generation: int) -> bool:
        """Whether the pool of ``generation`` was stopped for another file's limit (not a crash)."""
        with self._lock:
            return generation in self._stopped_on_purpose

    def reset(self, generation: int | None = None, on_purpose: bool = True) -> None:
        """Stop every worker now: a parse over its time limit is killed, not waited for. With
        ``generation``: only if the pool is still that generation (another file may have made a
        new one already)."""
        with self._lock:
            if generation is not None and generation != self.generation:
                return
            executor, self._executor = self._executor, None
            if on_purpose:
                self._stopped_on_purpose.add(self.generation)
            self.generation += 1
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        for process in processes:
            if process.is_alive():
                process.kill()
        executor.shutdown(wait=True, cancel_futures=True)
        for process in processes:
            process.join(timeout=5)

    close = reset  # on every way out, the workers go at once (no parse is waited for)


WORKER_POOL = _Workers()
atexit.register(WORKER_POOL.close)

_MIB = 1024 * 1024
# Set in a worker whose memory limit could not be set: every job there refuses to run.
_LIMIT_PROBLEM: str | None = None
_LIMIT_BYTES: int | None = None
# Memory a worker keeps aside under its limit and gives back when a parse fails, so that it can
# still classify the failure and send the reason back.
_RESERVE_BYTES = 4 * _MIB
_RESERVE: bytearray | None = None


def _die_with_parent(parent: int) -> None:
    """A worker ends itself within a second of the process that made it (``parent``) ending,
    however that ended (a kill included), also when that happened while the worker was starting:
    a watchdog thread sees the worker's parent is not ``parent`` any more."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _limit_memory(megabytes: int, parent: int | None = None) -> None:
    """Worker initializer: import what parsing needs, then limit the address space. A limit that
    cannot be set is remembered, and every job of this worker then refuses to parse without it."""
    global _LIMIT_PROBLEM, _LIMIT_BYTES
    import logging

    import pdfplumber  # noqa: F401  (imported before the limit: an import never fails by it)
    import pypdf  # noqa: F401

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _quiet_pdfminer()
    # the calling process reports each page read by OCR, with the file's name (see parse_pdf)
    os.environ["PIPELINES_OCR_PROGRESS"] = "0"
    _die_with_parent(os.getppid() if parent is None else parent)
    try:
        import resource

        limit = megabytes * _MIB
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        if resource.getrlimit(resource.RLIMIT_AS)[0] != limit:
            raise OSError(f"the limit reads back as {resource.getrlimit(resource.RLIMIT_AS)[0]}")
        _LIMIT_BYTES = limit
        global _RESERVE
        _RESERVE = bytearray(_RESERVE_BYTES)  # room to report an out-of-memory failure in
    except (ImportError, ValueError, OSError) as exc:
        _LIMIT_PROBLEM = f"{type(exc).__name__}: {_stable(str(exc))}"


def _nothing(*_args, **_kwargs) -> None:
    return None


def _quiet_pdfminer() -> None:
    """pdfminer logs at debug level per token it parses (over a million calls for 36 pages), and
    its loggers are set to errors only: in a worker, their debug and info calls do nothing at
    once instead of asking the logging machinery each time. Nothing was logged either way."""
    import logging

    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if (name == "pdfminer" or name.startswith("pdfminer.")) and isinstance(logger, logging.Logger):
            logger.debug = _nothing  # type: ignore[method-assign]
            logger.info = _nothing  # type: ignore[method-assign]


def _vm_peak_bytes() -> int | None:
    """The most address space this process has had (Linux /proc), or None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def _worker_vm_mb() -> float:
    """A worker's address space now, in MiB (for tests that set a limit just above it)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) / 1024
    raise OSError("no VmSize in /proc/self/status")


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, its causes and contexts, and exceptions it carries as arguments."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo:
        current = todo.pop()
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        todo.extend([current.__cause__, current.__context__])  # type: ignore[list-item]
        todo.extend(a for a in getattr(current, "args", ()) if isinstance(a, BaseException))
    return seen


def _classify(exc: BaseException) -> _WorkerError:
    """The kind of a worker's failure, by the types of its exceptions and by the memory it used."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFNoValidXRef, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    chain = _chain(exc)
    peak = _vm_peak_bytes()
    near_limit = _LIMIT_BYTES is not None and peak is not None and peak >= 0.9 * _LIMIT_BYTES
    if any(isinstance(e, MemoryError) for e in chain) or (
        near_limit and any(isinstance(e, SystemError) for e in chain)
    ):
        return _WorkerError("memory")
    if any(isinstance(e, PDFPasswordIncorrect | PDFEncryptionError | FileNotDecryptedError) for e in chain):
        return _WorkerError("encrypted")
    structural = [e for e in chain if isinstance(e, PDFSyntaxError | PDFNoValidXRef | PSException | PdfReadError)]
    if structural:
        return _WorkerError("damaged", f"{type(structural[-1]).__name__}: {_stable(str(structural[-1]))}")
    if near_limit:
        return _WorkerError("memory")
    return _WorkerError("other", f"{type(exc).__name__}: {_stable(str(exc))}")


_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


def _stable(text: str, limit: int = 160) -> str:
    """An exception's text without what changes from run to run (memory addresses), one line, short."""
    flat = " ".join(_ADDRESS.sub("0x…", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _job(kind: str, source, number: int = 0):
    """One piece of work in a worker: 'count' the pages of the staged PDF at ``source``, parse its
    'page' ``number``, or 'repair' the structure of the file whose bytes are ``source``. Every
    failure is raised as a _WorkerError of a known kind."""
    if _LIMIT_PROBLEM is not None:
        raise _WorkerError("limit_not_set", _LIMIT_PROBLEM)
    try:
        if kind == "count":
            return len(_open_pdf(source).pages)
        if kind == "page":
            return _parse_one(source, number)
        if kind == "repair":
            return _repair(source)
        raise ValueError(f"unknown job {kind}")
    except _WorkerError:
        _close_pdf()
        raise
    except BaseException as exc:  # noqa: BLE001  (classified, then raised as a known kind)
        _close_pdf()  # every file: after running out of memory, nothing held is kept
        _free_after_failure(exc)
        raise _classify(exc) from None


def _free_after_failure(exc: BaseException) -> None:
    """Give back what a failed parse held, so that the worker can still say why it failed: the
    frames of the traceback (the parse's pages and objects) and the reserve kept for this."""
    global _RESERVE
    _RESERVE = None
    for error in _chain(exc):
        if error.__traceback__ is not None:
            traceback.clear_frames(error.__traceback__)
    gc.collect()


def _repair(data: bytes) -> bytes:
    """Rebuild a PDF whose cross-reference table is damaged: pypdf reads the objects where they
    are and writes the file anew. Raises _WorkerError('damaged') when it finds no page."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise _WorkerError("encrypted")
    if len(reader.pages) == 0:
        raise _WorkerError("damaged", "no page could be found in it")
    writer = pypdf.PdfWriter(clone_from=reader)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _check_bytes(data: bytes, name: str) -> None:
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{name}: not a PDF (no %PDF- header in its first bytes)")
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError(f"{name}: the PDF is truncated (it has no %%EOF end marker)")


def _explain(error: _WorkerError, name: str, memory_limit_mb: int) -> DocumentError:
    """The reason a person reads, the same words for the same cause in every run."""
    if error.kind == "memory":
        return RunLimitError(
            f"{name}: parsing needed more than the memory limit of {memory_limit_mb} MiB "
            "(PIPELINES_PDF_MEMORY_LIMIT_MB); stopped"
        )
    if error.kind == "limit_not_set":
        return RunLimitError(
            f"{name}: the memory limit of {memory_limit_mb} MiB could not be set in the parsing process "
            f"({error.detail}); the PDF is not parsed without it"
        )
    if error.kind == "encrypted":
        return DocumentError(f"{name}: the PDF is encrypted (password protected); it cannot be read")
    if error.kind == "damaged":
        return DocumentError(f"{name}: the PDF is damaged and could not be repaired ({error.detail})")
    return DocumentError(f"{name}: the PDF could not be parsed: {error.detail}")


def _died(workers: _Workers, name: str) -> DocumentError:
    """The reason when a parsing process died, from its exit code."""
    import signal

    codes = [c for c in workers.exit_codes() if c != 0]
    code = codes[0] if codes else None
    if code is not None and code < 0:
        number = -code
        try:
            signame = signal.Signals(number).name
        except ValueError:
            signame = f"signal {number}"
        if number == signal.SIGKILL:
            return RunLimitError(
                f"{name}: the parsing process was killed ({signame}): the system ran out of memory, "
                "or it was stopped from outside; the next run tries again"
            )
        return DocumentError(f"{name}: the parsing process crashed ({signame}): the PDF library fails on this file")
    return RunLimitError(f"{name}: the parsing process ended unexpectedly (exit code {code}); the next run tries again")


@dataclass
class ParsedPdf:
    pages: list[PageResult]
    repaired: bool = False  # the structure was damaged and rebuilt before parsing


# What a parse reports as it goes: (file name, pages done, pages in all, the page just read).
PageProgress = Callable[[str, int, int, PageResult], None]
_PROGRESS: ContextVar[PageProgress | None] = ContextVar("pdf_page_progress", default=None)


@contextmanager
def page_progress(report: PageProgress | None) -> Iterator[None]:
    """Within this block (in this thread), every PDF parse calls ``report`` after each page."""
    token = _PROGRESS.set(report)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


@contextmanager
def _staged(data: bytes) -> Iterator[str]:
    """The bytes to parse, in a private temporary file the workers open (each worker opens it once,
    however many of its pages it parses); removed on the way out."""
    handle, path = tempfile.mkstemp(prefix="pipelines-pdf-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        yield path
    finally:
        with suppress(OSError):
            os.unlink(path)


def _ocr_to_stderr(name: str, done: int, total: int, page: PageResult) -> None:
    """Progress when the caller asked for none: a line on standard error per page read by OCR
    (seconds each; ``PIPELINES_OCR_PROGRESS=0`` silences it)."""
    if page.ocr_seconds is None or os.environ.get("PIPELINES_OCR_PROGRESS", "1") in ("0", "off", "no"):
        return
    what = f"not read: {page.problem}" if page.problem else f"{page.ocr_seconds:.1f} s"
    print(f"OCR {name} page {page.number} ({done} of {total} pages done): {what}", file=sys.stderr, flush=True)


class _Broken(Exception):
    """A worker of the pool of ``generation`` died (not stopped on purpose) while it had this file's
    work."""

    def __init__(self, generation: int) -> None:
        super().__init__(generation)
        self.generation = generation


def _call(workers: _Workers, deadline: float, *job):
    """Run one job in the pool and wait for it, until ``deadline``."""
    while True:
        executor, generation = workers.current()
        try:
            return executor.submit(_job, *job).result(timeout=max(0.0, deadline - time.monotonic()))
        except (BrokenProcessPool, CancelledError, RuntimeError) as exc:
            if workers.stopped_on_purpose(generation):
                continue  # stopped for another file's limit: ask again
            if isinstance(exc, RuntimeError) and not isinstance(exc, BrokenProcessPool):
                raise
            raise _Broken(generation) from None


def _run_pages(
    path: str, name: str, deadline: float, workers: _Workers, report: PageProgress | None
) -> list[PageResult]:
    """Every page of the staged PDF at ``path``, one job per page, at most one more page in flight
    than there are workers (so that two files parsing at once share the workers page by page, and a
    file's time limit counts its own pages). Pages come back in any order; scanned pages (OCR, seconds
    each) go to whichever worker is free, wherever they are in the file."""
    count = _call(workers, deadline, "count", path)
    done: dict[int, PageResult] = {}
    todo = list(range(count, 0, -1))  # popped from the end: page 1 first
    running: dict[Future, tuple[int, int]] = {}
    window = workers.processes + 1
    while todo or running:
        while todo and len(running) < window:
            executor, generation = workers.current()
            try:
                future = executor.submit(_job, "page", path, todo[-1])
            except (BrokenProcessPool, RuntimeError):  # stopped between current() and submit()
                if workers.stopped_on_purpose(generation):
                    continue
                raise _Broken(generation) from None
            running[future] = (todo.pop(), generation)
        # (a future cancelled when the pool was stopped for another file never wakes wait(): look
        # at least every second)
        wait(running, timeout=min(1.0, max(0.0, deadline - time.monotonic())), return_when=FIRST_COMPLETED)
        finished = [future for future in running if future.done()]
        if not finished:
            if time.monotonic() >= deadline:
                raise FutureTimeout()
            continue
        for future in finished:
            number, generation = running.pop(future)
            try:
                result = future.result()
            except (BrokenProcessPool, CancelledError):
                if not workers.stopped_on_purpose(generation):
                    raise _Broken(generation) from None
                todo.append(number)  # stopped for another file's limit: this page again
                continue
            done[number] = result
            if report is not None:
                report(name, len(done), count, result)
    return [done[n] for n in range(1, count + 1)]


def _parse_staged(data: bytes, name: str, deadline: float, workers: _Workers, report: PageProgress | None) -> ParsedPdf:
    with _staged(data) as path:
        try:
            results = _run_pages(path, name, deadline, workers, report)
            if results:
                return ParsedPdf(results)
        except _WorkerError as error:
            if error.kind != "damaged":
                raise
    repaired = _call(workers, deadline, "repair", data)
    with _staged(repaired) as path:
        return ParsedPdf(_run_pages(path, name, deadline, workers, report), repaired=True)


def parse_pdf(
    data: bytes,
    name: str,
    time_limit: float | None = None,
    workers: _Workers | None = None,
    report: PageProgress | None = None,
) -> ParsedPdf:
    """Parse every page of a PDF's bytes in the worker pool (WORKER_POOL unless given), within
    ``time_limit`` seconds in all (TIME_LIMIT_S unless given), calling ``report`` (else the one set
    with :func:`page_progress`) after each page. A PDF whose structure is damaged (broken
    cross-reference table) or that shows no page is repaired with pypdf and parsed again. Raises
    DocumentError (RunLimitError for a limit).

    Several files may parse at once in one pool (from several threads). A file over its time or
    memory limit stops the pool; the other files ask their pages in progress again. A worker that
    dies while another file parses too is not blamed on either: the file is parsed again alone, in
    a pool of its own, and blamed only if it kills that one too."""
    time_limit = TIME_LIMIT_S if time_limit is None else time_limit
    workers = WORKER_POOL if workers is None else workers
    report = report or _PROGRESS.get() or _ocr_to_stderr
    deadline = time.monotonic() + time_limit
    with workers._lock:
        workers.active += 1
    try:
        return _within_limits(lambda: _parse_staged(data, name, deadline, workers, report), name, time_limit, workers)
    except _Broken as broken:
        with workers._lock:
            shared = workers.active > 1
        if not shared:
            reason = _died(workers, name)
            workers.reset(broken.generation, on_purpose=False)
            raise reason from None
        # a worker died while other files parsed too: which file killed it is not known; this one
        # is parsed again, alone, in a pool of its own
        workers.reset(broken.generation, on_purpose=False)
    finally:
        with workers._lock:
            workers.active -= 1
    solo = _Workers(processes=1, memory_limit_mb=workers.memory_limit_mb)
    try:
        try:
            return _within_limits(lambda: _parse_staged(data, name, deadline, solo, report), name, time_limit, solo)
        except _Broken:
            raise _died(solo, name) from None
    finally:
        solo.close()


def _within_limits(parse: Callable[[], ParsedPdf], name: str, time_limit: float, workers: _Workers) -> ParsedPdf:
    """``parse()``, its failures as the reasons a person reads; the pool stopped when a limit was hit."""
    try:
        return parse()
    except FutureTimeout:
        workers.reset()
        raise RunLimitError(
            f"{name}: parsing took longer than the time limit of {time_limit:g} s (PIPELINES_PDF_TIME_LIMIT); stopped"
        ) from None
    except _WorkerError as error:
        if error.kind in ("memory", "limit_not_set"):
            workers.reset()  # a worker that ran out of memory is not trusted with the next file
        raise _explain(error, name, workers.memory_limit_mb) from None


def parse_pdf_pages(
    path: Path | bytes, time_limit: float | None = None, workers: _Workers | None = None
) -> list[PageResult]:
    """Parse every page of a PDF (a path, read once, or its bytes) in the worker pool."""
    if isinstance(path, bytes):
        data, name = path, "the PDF"
    else:
        data, name = path.read_bytes(), path.name
    return parse_pdf(data, name, time_limit, workers).pages


def _same_columns(a: Table, b: Table) -> bool:
    """Whether table ``b`` (top of a page) may continue table ``a`` (bottom of the page before):
    they have the same left and right edges. (Their rows may differ: the page may hold nothing
    but the rest of one cell of ``a``'s last row.)"""
    if a.bbox and b.bbox and (abs(a.bbox[0] - b.bbox[0]) > 3 or abs(a.bbox[2] - b.bbox[2]) > 3):
        return False
    return True


def _on_columns_of(held: Table, block: Table) -> Table | None:
    """``block``, a table at the top of a page narrower than ``held`` (the table on the page
    before), read on the columns of ``held``'s last row when it is the part of ``held`` whose frame
    was drawn: its sides stand at edges of ``held``'s cells, and each of its texts under one cell
    of that row. (A producer draws no rule over cells merged down, so the 人员经费 half of table 6,
    empty beside the 公用经费 rows that go on, leaves the frame of the other half only.) None when
    it is not such a part."""
    if held.bbox is None or block.bbox is None or not held.rows or not block.rows:
        return None
    on = held.rows[-1]
    if any(c.bbox is None for c in on.cells):
        return None
    lefts = [c.bbox[0] for c in on.cells if c.bbox]
    rights = [c.bbox[2] for c in on.cells if c.bbox]
    if not any(abs(block.bbox[0] - x) <= 3 for x in lefts) or not any(abs(block.bbox[2] - x) <= 3 for x in rights):
        return None
    rows = []
    for row in block.rows:
        placed = _placed(row, on)
        if placed is None:
            return None
        rows.append(placed)
    full = [False] * len(on.cells)
    for cell, runs_down in zip(block.rows[-1].cells, block.last_row_full):
        if runs_down and cell.text and (i := _under(cell, on)) is not None:
            full[i] = True
    return replace(
        block,
        rows=tuple(rows),
        bbox=(held.bbox[0], block.bbox[1], held.bbox[2], block.bbox[3]),
        last_row_full=tuple(full) if block.last_row_full else (),
    )


def _cells_align(a: Row, b: Row, tolerance: float = 3.0) -> bool:
    """Whether row ``b`` has the cells of row ``a`` at the same places (the rest of a cut row)."""
    if len(a) != len(b):
        return False
    return all(
        ca.bbox is None
        or cb.bbox is None
        or (abs(ca.bbox[0] - cb.bbox[0]) <= tolerance and abs(ca.bbox[2] - cb.bbox[2]) <= tolerance)
        for ca, cb in zip(a.cells, b.cells)
    )


def _is_cut_row(candidate: Row, before: Row, rows: list[Row], tolerance: float = 3.0) -> bool:
    """For a page break drawn closed (a border under the last row and over the first, as when the
    producer drew the two parts as two rows): the row at the top of the continued table is the
    rest of the row cut by the page break when it has the same cells as the row before the break
    but leaves empty a column that every other row of that width fills (权重, 目标值, …) — not
    only its first columns, which merged 一级/二级 label cells leave empty in a row of its own."""
    if not _cells_align(candidate, before, tolerance):
        return False
    if candidate.nonempty() and all(_is_column_label(v) for v in candidate.nonempty()):
        return False  # a heading row drawn again (功能分类科目编码 | 科目名称), not a rest
    # the rows of the table's body, 总分 rows left out (spread over the columns of a table without
    # vertical rules, they leave empty what every indicator row fills) unless the cut row is one
    # (or holds no text)
    under_total = _is_total_row(before) or not any(before.values)
    peers = [
        r.values
        for r in rows
        if len(r) == len(candidate)
        and any(r.values)
        and not _is_label_row(r)
        and not all(_is_column_label(v) for v in r.nonempty())  # a heading row (功能分类科目编码 | 科目名称)
        and (under_total or not _is_total_row(r))
    ]
    if len(peers) < 2:
        return False
    always = [i for i in range(len(candidate)) if all(values[i] for values in peers)]
    filled = [i for i, v in enumerate(candidate.values) if v]
    if not filled:
        return bool(always)
    # empty only in its first columns, filled from there on and in most of its cells: a row of
    # its own under merged 一级/二级 label cells (carried down). (The rest of a cut 总分 row,
    # "0.00分" alone, fills one cell.)
    mostly = len(filled) * 2 > len(candidate)
    if mostly and filled[0] * 2 < len(candidate) and all(candidate.values[i] for i in always if i >= filled[0]):
        return False
    return any(not candidate.values[i] for i in always)


def _rest_of_closed_cut(candidate: Row, before: Row, full: tuple[bool, ...], tolerance: float = 3.0) -> bool:
    """For a page break drawn closed: the row at the top of the page is the rest of the row before
    the break when it has the same cells, its text is only in cells whose text ran down to the
    bottom of the page (the ones that went on), and the row before had a cell with text that
    ended higher (so it was taller than one line, and the test tells something)."""
    if not _cells_align(candidate, before, tolerance) or len(full) != len(before) or _is_label_row(candidate):
        return False
    filled = [i for i, v in enumerate(candidate.values) if v]
    if not filled or not all(full[i] for i in filled):
        return False
    return any(v and not full[i] for i, v in enumerate(before.values))


def _repeats_a_heading(row: Row, before: list[Row], same_cells: bool = False) -> bool:
    """A row of labels only, equal to a row before it in the table (with ``same_cells``: on as
    many cells as that row, as a heading drawn again is)."""
    values = row.nonempty()
    if not values or any(re.search(r"\d", v) for v in values):
        return False
    return any(r.nonempty() == values and (not same_cells or len(r) == len(row)) for r in before)


def _cut(table: Table, more: Table, rows: list[Row], extra: list[Row]) -> bool:
    """Whether the first of ``extra`` is the rest of the last of ``rows``, cut by the page break."""
    tolerance = _TEXT_EDGE if more.columns_from_text else 3.0
    # drawn open at the bottom of the page before (a row at the top of a page may be drawn open
    # at the top without being cut: Chromium draws the border between two rows on the first page)
    if _next_line_label(extra[0], rows[-1]):
        # a whole line of tables 1 and 4, then the next line in its cell (三、国防支出 / 四、公共安全
        # 支出): a row of its own, even where a label merged down beside it is drawn open
        return False
    if table.last_row_continues and (_new_lines_under_codes(extra[0], rows[-1]) or _headings_apart(extra[0], rows[-1])):
        return False
    if table.last_row_continues and len(extra[0]) == len(rows[-1]):
        return True
    if _next_line_of_a_list(extra[0], rows[-1]):
        return False
    if _cells_align(extra[0], rows[-1], tolerance) and (
        _finishes_a_figure(extra[0], rows[-1])  # 10 / .82: no figure starts with its decimal point
        or _makes_a_label_whole(extra[0], rows[-1])  # 总 / 分 (a heading repeated between), 年初预 / 算数
    ):
        return True
    # a row label under a whole row label is a row of its own (其他资金 with no figures, under
    # 其中：财政拨款, leaves the columns empty that the rest of a cut row leaves empty)
    if _starts_a_row(extra[0], rows[-1]):
        return False
    if _is_cut_row(extra[0], rows[-1], rows + extra[1:], tolerance):
        return True
    return _rest_of_closed_cut(extra[0], rows[-1], table.last_row_full, tolerance) or _sentence_goes_on(
        extra[0], rows[-1], table.last_row_full, tolerance
    )


def _finishes_a_figure(candidate: Row, before: Row) -> bool:
    """Whether a cell of ``candidate`` starts with a decimal point and digits under a cell of
    ``before`` that ends with a digit (a figure wrapped in a narrow cell and cut by the page break:
    10 / .82), starts with digits under one that has its decimal point and less than two decimals
    and that they give two (2339.5 / 8, 0. / 00), or holds
    digits that make the digits above them a 科目编码 they were not (21 / 202, 20805 / 05)."""
    return any(
        (_DECIMALS.match(rest) and above[-1:].isdigit())
        # a decimal point and less than two decimals over the rest that gives them two (2339.5 /
        # 8, 0. / 00)
        or (_SHORT_OF_CENTS.fullmatch(above) and _CENTS.fullmatch(above + rest) and rest[:1].isdigit())
        or (
            rest.isdigit()
            and above.isdigit()
            # (a code of 2 or 4 digits is no code: 20805 / 05 is 2080505)
            and (not _SUBJECT_CODE.fullmatch(above) or len(rest) in (2, 4))
            and _CUT_CODE.fullmatch(above + rest)
        )
        for above, rest in zip(before.values, candidate.values)
    )


_DECIMALS = re.compile(r"[.．]\d")
# an amount printed with two decimals, and the digits of one cut short of them
_CENTS = re.compile(r"\d+\.\d\d")
_SHORT_OF_CENTS = re.compile(r"\d+\.\d?")  # (an integer may be whole: 得分 100 over 95.56)
# a 款 or 项 code of the 功能分类 (2xx) or the 经济分类 (3xx): what two cut pieces of digits make
# (a 序号 column's 9 / 10 makes no such code)
_CUT_CODE = re.compile(r"(?:2[0-3]\d|3\d\d)\d{2}(?:\d{2})?")


_AMOUNT = re.compile(r"-?[\d,]*\.\d+")  # an amount printed with its decimals (0.39): no words of a sentence


def _sentence_goes_on(candidate: Row, before: Row, full: tuple[bool, ...], tolerance: float = 3.0) -> bool:
    """For a page break drawn closed under a row of prose (年度总体目标: every cell of it ran to the
    bottom, so where the cells ended tells nothing): the row at the top of the page is its rest
    when it has text only under cells of several lines that ran to the bottom and stopped in the
    middle of a sentence ("…5、通过职业技能大赛，" / "大力弘扬劳模精神…"). Not under labels of
    the forms, nor when every text is an amount: a heading of one character a line (预 / 算 / 数)
    that ran to the bottom stops no sentence, and the figures under it are a row of their own."""
    if not _cells_align(candidate, before, tolerance) or len(full) != len(before) or _is_label_row(candidate):
        return False
    filled = [i for i, v in enumerate(candidate.values) if v]
    if not filled or ROW_LABEL.fullmatch(candidate.values[filled[0]]):
        return False
    if all(_AMOUNT.fullmatch(candidate.values[i]) for i in filled):
        return False
    texts = [before.cells[i].text.strip() for i in filled]
    return all(
        full[i]
        and len(text.splitlines()) >= 2
        and not text.endswith(_SENTENCE_STOP)
        and not ROW_LABEL.fullmatch(squash(text))
        and not _whole_label(squash(text))
        for i, text in zip(filled, texts)
    )


def _is_total_row(row: Row) -> bool:
    """A 总分 / 合计 row: its first text is that label."""
    first = next((v for v in row.values if v), None)
    return first is not None and _TOTAL_LABEL.fullmatch(first) is not None


_TOTAL_LABEL = re.compile(r"总分|合计|总计|分值合计")


def _total_under_empty(candidate: Row, before: Row) -> bool:
    """Whether the first text of ``candidate`` (on the cells of ``before``) is a total row's label
    (人员经费合计, 本年收入合计, 总计) under an empty cell of ``before``: no rest of that row, whose
    cell there holds nothing to go on."""
    if len(candidate) != len(before):
        return False
    first = next((i for i, v in enumerate(candidate.values) if v), None)
    return first is not None and not before.values[first] and _TOTAL_LINE.fullmatch(candidate.values[first]) is not None


# a total line's label: 合计, 总计 or a name of a few characters before them (人员经费合计)
_TOTAL_LINE = re.compile(r"[\u4e00-\u9fff（）()“”\"]{0,12}(合计|总计)")


# the first characters of a list number, the page break cutting it before its 、 (二十 / 三、其他支出)
_CUT_NUMBER = re.compile(r"[一二三四五六七八九十]{1,2}")


def _starts_a_row(candidate: Row, before: Row) -> bool:
    """Whether the first cell with text of ``candidate`` is the whole label of a row of the forms
    (``text_patterns.ROW_LABEL``: 其他资金, 总分, 合计 …) under a cell of ``before`` that is a whole
    label too (其中：财政拨款) or a 科目编码, a 科目编码 under a 科目编码, a whole line label of tables
    1 and 4 or heading of table 9 under another, a numbered label (一、…) under a label without
    punctuation, or a total line (人员经费合计) under an empty cell: a row of its own. (Under
    "其中：" the label 当年财政拨款 is its rest.)"""
    filled = [i for i, v in enumerate(candidate.values) if v]
    if not filled or len(candidate) != len(before):
        return False
    first = filled[0]
    text, above = candidate.values[first], before.values[first]
    if _total_under_empty(candidate, before):
        return True  # 人员经费合计 under the empty cell of a 公用经费 line (31099)
    if _SUBJECT_CODE.fullmatch(text) and _SUBJECT_CODE.fullmatch(above):
        return True  # 20139 / 2013901: a code does not go on with a code (a cut one leaves 2 or 4 digits)
    if _whole_label(text) and _whole_label(above):
        return True  # 本年收入合计 / 年初财政拨款结转和结余, 公务用车购置及运行维护费 / 公务用车购置费
    if (
        LIST_NUMBER.match(text)
        and above
        and not _NUMBERED.match(above)
        and not _PROSE.search(above)
        and not _CUT_NUMBER.fullmatch(above)
    ):
        # a numbered label under a label that is no list and no sentence (年初财政拨款结转和结余 /
        # 一、一般公共预算财政拨款); a list cut in a cell of prose goes on, and so does a line
        # whose number the break cut (二十 / 三、其他支出)
        return True
    return ROW_LABEL.fullmatch(text) is not None and (
        not above or ROW_LABEL.fullmatch(above) is not None or _SUBJECT_CODE.fullmatch(above) is not None
    )


def _whole_label(text: str) -> bool:
    """A whole line label of tables 1 and 4, or a column heading of table 9."""
    return is_line_label(text) or text in THREE_PUBLIC_HEADINGS


# punctuation of prose: a cell without any is a label
_PROSE = re.compile(r"[。；，、：,;:！？!?]")
# a 科目编码 of 类, 款 or 项: a whole code, which goes on with no label (2210203 / 合计 are two rows)
_SUBJECT_CODE = re.compile(r"\d{3}(?:\d{2}){0,2}")


def _rest_of_cut_figures(candidate: Row, before: Row) -> Row | None:
    """``before`` with ``candidate`` joined in by place when ``candidate`` is the rest of its
    figures and nothing else: a row with no label whose every text is digits (and a decimal point)
    standing under a cell of ``before`` that holds an amount cut short of its two decimals, the
    two together one amount (合计 | 97 over | 46.50: 9746.50; 0.0 over 0: a figure wrapped in a
    narrow cell and cut by the page break). No row of a table is figures without a label, and an
    amount column prints 97.00, not 97, so this holds however the break is drawn and whether or
    not the two pages found the same column edges; None otherwise."""
    texts = [(cell, value) for cell, value in zip(candidate.cells, candidate.values) if value]
    if not texts:
        return None
    for cell, value in texts:
        i = _under(cell, before)
        if i is None or not _DIGITS_AND_POINT.fullmatch(value):
            return None
        above = before.values[i]
        if _CENTS.fullmatch(above) or not _CENTS.fullmatch(above + value):
            return None
    return _join_by_place(before, candidate)


_DIGITS_AND_POINT = re.compile(r"[\d.]+")


def _rest_of_labels_above(rows: list[Row], extra: list[Row]) -> None:
    """For label cells merged down over several rows and cut by the page break, their text printed
    on the first of them (年末财政拨款结转和结 / 余, beside the rows 一、… 二、… 三、… of table 4's
    other side): moves each text of ``extra[0]`` under an empty cell of the last row to the row above
    whose cell in that column has text (the nearest), when it makes that text a whole label it was
    not. The first row on the new page then keeps only its own texts."""
    candidate = extra[0]
    if len(candidate) != len(rows[-1]):
        return
    moved = False
    cells = list(candidate.cells)
    for col, (cell, value) in enumerate(zip(candidate.cells, candidate.values)):
        if not value or rows[-1].values[col]:
            continue
        for at in range(len(rows) - 2, max(len(rows) - 5, -1), -1):
            if len(rows[at]) != len(candidate):
                break
            label = rows[at].values[col]
            if not label:
                continue
            if _is_column_label(label + value) and not _is_column_label(label):
                mine = rows[at].cells[col]
                joined = replace(mine, text=f"{mine.text}\n{cell.text}", ink=_joined_ink(mine, cell))
                rows[at] = replace(
                    rows[at], cells=tuple(joined if i == col else c for i, c in enumerate(rows[at].cells))
                )
                cells[col] = replace(cell, text="")
                moved = True
            break
    if moved:
        extra[0] = replace(candidate, cells=tuple(cells))


def _label_rest_beside_a_row_of_quantities(candidate: Row, before: Row) -> tuple[Row, Row] | None:
    """For 一级/二级 label cells merged down over several indicator rows and cut by a page break
    drawn closed (项目完 / 成指标 beside 购财务软件及票据软件 | 2套 | 2套, then 办公桌椅 | 7套 |
    100%): ``before`` with the rest of those labels, and ``candidate`` without it, a row of its own,
    when at least two cells of each row hold a whole quantity (a number with its unit: no rest of
    a cut cell is one, nor is a cell whose rest follows), and a label cell of ``before`` has nothing
    under it (merged down further: 数量指标) right of the rests and left of the quantities. None
    otherwise."""
    if len(candidate) != len(before):
        return None
    pairs = list(zip(before.values, candidate.values))
    whole = [i for i, (b, c) in enumerate(pairs) if _QUANTITY.fullmatch(b) and _QUANTITY.fullmatch(c)]
    if len(whole) < 2:
        return None
    merged = next((i for i, (b, c) in enumerate(pairs) if b and not c), None)
    if merged is None or merged > whole[0]:
        return None
    rests = [i for i, (b, c) in enumerate(pairs[:merged]) if b and c and not re.search(r"\d", b + c)]
    if not rests or any(c for i, (_, c) in enumerate(pairs[:merged]) if i not in rests):
        return None
    return _split_off(candidate, before, rests)


def _split_off(candidate: Row, before: Row, rests: list[int]) -> tuple[Row, Row]:
    """``before`` with the texts of ``candidate``'s cells ``rests`` joined in, and ``candidate``
    without them (the rest of a cut label moved up; the row of its own kept)."""
    rest = replace(
        candidate, cells=tuple(c if i in rests else replace(c, text="") for i, c in enumerate(candidate.cells))
    )
    after = replace(
        candidate, cells=tuple(replace(c, text="") if i in rests else c for i, c in enumerate(candidate.cells))
    )
    return _join_rows(before, rest), after


# a whole quantity: a number with its unit (2套, 100%, 39个, 4.5万元)
_QUANTITY = re.compile(r"[<>≥≤=＞＜]?\d+(?:\.\d+)?(?:%|％|[\u4e00-\u9fff]{1,3})")


def _next_line_label(candidate: Row, before: Row) -> bool:
    """Whether a cell of ``candidate`` holds the line numbered next after the whole line label of
    tables 1 and 4 in the same cell of ``before`` (三、国防支出 / 四、公共安全支出). A row found on
    other columns (a table without vertical rules) is read on ``before``'s by place."""
    if len(candidate) != len(before):
        placed = _placed(candidate, before)
        if placed is None:
            return False
        candidate = placed
    return any(is_line_label(b) and _numbered_next(b, c) for b, c in zip(before.values, candidate.values))


def _whole_beside_a_next_line(candidate: Row, before: Row) -> bool:
    """Whether ``before``, drawn open at the page break, holds nothing that could be cut: each of
    its texts a whole line label of tables 1 and 4 or an amount with its two decimals, and the
    first row on the next page the next line of its list (三、国有资本经营预算财政拨款, merged down
    and so drawn open, | 三、国防支出, then 四、公共安全支出)."""
    return _only_whole(before.nonempty()) and _next_line_label(candidate, before)


def _only_whole(values: list[str]) -> bool:
    """Whether there are values and each is a whole line label of tables 1 and 4 or an amount with
    its two decimals: nothing in them can be cut."""
    return bool(values) and all(_whole_label(v) or _CENTS.fullmatch(v) for v in values)


def _whole_lines_apart(candidate: Row, before: Row) -> bool:
    """Whether ``before`` and ``candidate`` each hold only whole line labels of tables 1 and 4 and
    amounts with their two decimals, ``candidate`` at least one label: two lines, though ``before``
    is drawn open at the page break (年初财政拨款结转和结余 | 年末财政拨款结转和结余, beside a cell merged
    down, then 一、一般公共预算财政拨款 on the next page). No two line labels make one."""
    below = candidate.nonempty()
    return _only_whole(before.nonempty()) and _only_whole(below) and any(map(_whole_label, below))


def _headings_apart(candidate: Row, before: Row) -> bool:
    """Whether ``before`` is a heading row, each text a whole column label of the forms, and no
    text of ``candidate`` makes one of them a longer label (本年支出 / 合计 is one label cut): then
    nothing in it is cut, though it is drawn open at the page's bottom by a cell merged down.
    Table 2's 项目 | 本年收入合计 | 财政拨款收入 …, then 功能分类科目编码 | 科目名称; the units'
    序号 | 单位名称 | 备注 (备注 merged down over the units), then 1 | …（本级）."""
    above, below = before.nonempty(), candidate.nonempty()

    def label(text: str) -> bool:
        return text in _HEADING_WORDS or _is_column_label(text)

    return (
        bool(above)
        and bool(below)
        and all(map(label, above))
        and not any(_is_column_label(b + c) or b + c in _HEADING_WORDS for b in above for c in below)
    )


# headings of the forms that are no column of figures: 项目, and the units table's
_HEADING_WORDS = frozenset({"项目", "序号", "单位名称", "备注"})


def _new_lines_under_codes(candidate: Row, before: Row) -> bool:
    """Whether ``candidate`` starts a line of its own under each 科目编码 of ``before`` (a table of
    codes whose last row on the page is drawn open, Chromium drawing its bottom border on the next
    page: 30309 奖励金 0.00 | 30229 福利费 1.48, then 30310 … | 30231 …). A code cut by the break
    leaves no whole code under it (20805 / 05), and no code starts with 0."""
    if len(candidate) != len(before):
        return False
    coded = [i for i, v in enumerate(before.values) if _SUBJECT_CODE.fullmatch(v)]
    return bool(coded) and all(
        _SUBJECT_CODE.fullmatch(candidate.values[i]) and not candidate.values[i].startswith("0") for i in coded
    )


def _rest_beside_a_new_row(candidate: Row, before: Row) -> tuple[Row, Row] | None:
    """For a label cell merged down over several rows and cut by the page break (三、 / 国有资本经营预算
    财政拨款 on the left, each side of table 4 its own rows): ``before`` with the rest of that label,
    and ``candidate`` without it, when the rest makes the label whole and another cell of
    ``candidate`` holds the next line of a numbered list after a whole line of ``before`` (三、国防支出
    / 四、公共安全支出: a row of its own, not the rest of one), or a whole line label under a whole
    line label (年末财政拨款结转 / 和结余 beside 一、一般公共预算财政拨款 under 年初财政拨款结转和结余).
    None otherwise."""
    if len(candidate) != len(before):
        return None
    pairs = list(zip(before.values, candidate.values))
    rests = [i for i, (b, c) in enumerate(pairs) if b and c and _is_column_label(b + c) and not _is_column_label(b)]
    # (a rest's cell is not a whole label above, so the next line stands in another cell)
    if not rests:
        return None
    own = any(i not in rests and _whole_label(b) and _whole_label(c) for i, (b, c) in enumerate(pairs))
    if not own and not _next_line_label(candidate, before):
        return None
    return _split_off(candidate, before, rests)


def _rest_in_a_name_merged_down(candidate: Row, rows: list[Row]) -> tuple[int, Row, Row] | None:
    """For a 科目名称 merged down over the rest of its side of the table and cut by the page break
    (30399 其他对个人和家庭 / 的补助 on the left of table 6, each side its own rows): the index of
    the row whose name it is, that row with the rest of its name, and ``candidate`` without it,
    when the rest (no digit in it) stands in a cell that reaches below its row, under a name whose
    科目编码 is left of it (in the last row, or in a row above over which the name's cell is
    merged down: those rows empty in both columns) with nothing under the code, and another cell
    of ``candidate`` holds a 科目编码 under a 科目编码 (30299 under 30240, 31001 under 310: a row of
    its own on the other side). None otherwise."""
    before = rows[-1]
    if len(candidate) != len(before) or any(c.bbox is None for c in candidate.cells):
        return None
    row_bottom = min(c.bbox[3] for c in candidate.cells if c.bbox is not None)
    c = candidate.values
    rests: dict[int, int] = {}  # column of a rest → the row whose name it is
    for i in range(1, len(c)):
        box = candidate.cells[i].bbox
        if not c[i] or re.search(r"\d", c[i]) or c[i - 1] or box is None or box[3] <= row_bottom + NEAR:
            continue
        at = len(rows) - 1
        while at > 0 and len(rows[at]) == len(c) and not rows[at].values[i] and not rows[at].values[i - 1]:
            at -= 1
        if len(rows[at]) == len(c) and rows[at].values[i] and _SUBJECT_CODE.fullmatch(rows[at].values[i - 1]):
            rests[i] = at
    own = [
        i
        for i in range(len(c))
        if i not in rests and _SUBJECT_CODE.fullmatch(before.values[i]) and _SUBJECT_CODE.fullmatch(c[i])
    ]
    if not rests or not own or len(set(rests.values())) != 1:
        return None
    at = next(iter(rests.values()))
    joined, after = _split_off(candidate, rows[at], list(rests))
    return at, joined, after


def _rest_of_a_cell_merged_through(candidate: Row, rows: list[Row]) -> tuple[int, Row, Row] | None:
    """For a cell merged down through the last row before the page break and cut by it (30399's
    科目名称 其他对个人和家庭的 over the row of 30299 on the other side of table 6, its 补助 on the
    next page, where 30299's own name goes on too): the index of the row whose cell it is, that
    row with the rest joined in, and ``candidate`` without it. The cell is known from the drawing:
    in a row above the last, with text, reaching down to the last row's bottom, the last row empty
    there (and ``candidate`` drawn open at its top, which the caller asks). Only a 科目名称 (its
    科目编码 left of it) has such a rest: a 一级指标 merged down to a page's bottom ends there, and
    the label at the next page's top is the next one's. Only texts without a
    digit move (a name's rest); None when there is none."""
    last = rows[-1]
    if len(candidate) != len(last) or len(rows) < 2:
        return None
    rests: dict[int, int] = {}  # column of a rest → the row whose cell it is
    for i, text in enumerate(candidate.values):
        box = last.cells[i].bbox
        if not text or re.search(r"\d", text) or last.values[i] or box is None:
            continue
        at = len(rows) - 2
        while at > 0 and len(rows[at]) == len(last) and not rows[at].values[i]:
            at -= 1
        owner = rows[at].cells[i] if len(rows[at]) == len(last) and i > 0 else None
        if (
            owner is not None
            and _SUBJECT_CODE.fullmatch(rows[at].values[i - 1])  # a 科目名称, its code left of it
            and owner.text
            and owner.bbox is not None
            and abs(owner.bbox[0] - box[0]) <= NEAR
            and abs(owner.bbox[2] - box[2]) <= NEAR
            and owner.bbox[3] >= box[3] - NEAR
        ):
            rests[i] = at
    if not rests or len(set(rests.values())) != 1:
        return None
    at = next(iter(rests.values()))
    joined, after = _split_off(candidate, rows[at], list(rests))
    return at, joined, after


def _maybe_rest(candidate: Row, before: Row, full: tuple[bool, ...]) -> bool:
    """Whether ``candidate`` could be the rest of ``before`` although nothing proves it: the same
    cells, text only where the row before ran to the bottom, and empty right of its first text
    where the row before has text (a cut row's cells that ended on the first page are empty in
    its rest; a row of its own has the same cells filled)."""
    if not _cells_align(candidate, before) or len(full) != len(before) or _is_label_row(candidate):
        return False
    filled = [i for i, v in enumerate(candidate.values) if v]
    if not filled or not all(full[i] for i in filled) or _starts_a_row(candidate, before):
        return False
    if _next_line_of_a_list(candidate, before):
        return False
    if _is_label_row(before) and any(_FIGURE.fullmatch(v) for v in candidate.values):
        return False  # the rest of a heading holds labels, not figures (项目 | 决算数 / 一、… | 9746.50)
    return any(v and not candidate.values[i] for i, v in enumerate(before.values) if i > filled[0])


def _next_line_of_a_list(candidate: Row, before: Row) -> bool:
    """Whether the first text of ``candidate`` is numbered next after the text of ``before`` in
    the same cell (十九、住房保障支出 / 二十、粮油物资储备支出): a row of its own, not a rest."""
    if len(candidate) != len(before):
        return False
    first = next((i for i, v in enumerate(candidate.values) if v), None)
    return first is not None and _numbered_next(before.values[first], candidate.values[first])


_NUMBERED = re.compile(r"^[（(]?([一二三四五六七八九十]{1,3}|\d{1,2})[、.．）)]")


def _numbered_next(before: str, text: str) -> bool:
    """Whether ``text`` starts with the number after the one ``before`` starts with (十九、 / 二十、,
    （三） / （四）, 2、 / 3、), in the same style."""
    a, b = _NUMBERED.match(before), _NUMBERED.match(text)
    if a is None or b is None or a.group(0).replace(a.group(1), "") != b.group(0).replace(b.group(1), ""):
        return False
    first, second = cn_number(a.group(1)), cn_number(b.group(1))
    return first is not None and second == first + 1


def _is_repeated_heading(row: Row, before: list[Row]) -> bool:
    """A heading row repeated at the top of the page: a row of labels only, equal to the last
    such row before the break, with nothing but rows of its width printed since."""
    values = row.nonempty()  # (a table without vertical rules may show the repeat on other columns)
    if not values or any(re.search(r"\d", v) for v in values):
        return False
    for index in range(len(before) - 1, -1, -1):
        if before[index].nonempty() == values:
            return all(len(r) == len(before[index]) for r in before[index + 1 :])
    return False


_FIGURE = re.compile(r"[-+]?[\d,]*\.?\d+%?")


def _rest_under_cells_at_bottom(candidate: Row, before: Row, more: Table, at_bottom: bool) -> Row | None:
    """For a table without vertical rules (columns found from the text of each page) that ran to
    the bottom of its page: ``before`` joined with ``candidate``, the first row of the next page
    (on the same columns), when each text of ``candidate`` stands under a cell of ``before`` with
    text, and it leaves empty a cell where ``before`` has a figure or fills at most half as many
    cells: the rest of the cells the page break cut (实施单位 "新疆维吾尔" / "自治区商务信息中心"; an
    indicator row "质 改 5 =1 =1 100 5 …" / "量指标 造工程验收合格率 00% 00% …", its 权重 and 得分
    whole on the first page). So is a row that makes a column label whole (a heading row's rest:
    年初预 / 算数) or that leaves the label cell of a 总分 row empty (总分 10 10 / 0 0.00分: a
    narrow 100 and 100.00分 wrapped). An indicator row of its own fills its figures. None
    otherwise; a row label (其他资金, 总分) or a heading never is a rest. (Where each cell's text
    ended does not decide: cell padding hides a text that ran to the bottom.)"""
    # (the rest of a row may hold no digit: it is no heading when every text stands under a text)
    if not at_bottom or not more.columns_from_text or len(candidate) != len(before):
        return None
    filled = [i for i, v in enumerate(candidate.values) if v]
    if not filled or any(not before.values[i] for i in filled):
        return None
    completes = _makes_a_label_whole(candidate, before)
    # (a row label is no rest, but for the rest of a label it makes whole: 公用经费 / 合计)
    if (ROW_LABEL.fullmatch(candidate.values[filled[0]]) and not completes) or _next_line_of_a_list(candidate, before):
        return None
    if _starts_a_row(candidate, before):
        return None
    figure_left = any(_FIGURE.fullmatch(v) and not candidate.values[i] for i, v in enumerate(before.values))
    # a 总分 row's rest leaves its label cell empty (what follows a 总分 row of its own has a
    # label there: the next table's title or 项目名称)
    total = _is_total_row(before)
    if total and filled[0] <= next(i for i, v in enumerate(before.values) if v):
        return None
    if not (figure_left or completes or total) and len(filled) * 2 > len([v for v in before.values if v]):
        return None
    return _join_rows(before, candidate)


def _makes_a_label_whole(candidate: Row, before: Row) -> bool:
    """Whether ``candidate`` (on the cells of ``before``) has text only under cells of ``before``
    with text, and makes one of them a whole label of the forms that was not one: the rest of a
    cut heading ("年初预" + "算数", "一" + "级指标") or of a cut row label ("总" + "分")."""
    pairs = list(zip(before.values, candidate.values))
    if len(pairs) != len(candidate) or any(c and not b for b, c in pairs):
        return False
    # (公用经费 is a heading of its own, and 公用经费合计 the line under it that a break may cut;
    # 本年支出 too, and 本年支出合计 the heading of table 3's first column of figures, cut after 出)
    return any(
        _is_column_label(b + c) and (not _is_column_label(b) or b + c in _BASIC_TOTALS or c == "合计")
        for b, c in pairs
        if b and c
    )


def _is_column_label(text: str) -> bool:
    """A whole label of the forms: a column heading of the 项目资金 block (年初预算数 …) or of an
    indicator table (一级指标 … 偏差原因分析及改进措施), a line of tables 1 and 4 (二十六、抗疫特别
    国债安排的支出, 二、政府性基金预算财政拨款), a total line of table 6 (公用经费合计) or the
    heading of a standard table's column (功能分类科目编码, 科目名称, 基本支出, 因公出国（境）费)."""
    return (
        ROW_LABEL.fullmatch(text) is not None
        or text in INDICATOR_HEADERS
        or is_line_label(text)
        or text in _BASIC_TOTALS
        or text in SUBJECT_HEADINGS
        or text in FIGURE_HEADINGS
        or text in THREE_PUBLIC_HEADINGS
    )


# the total lines of table 6 (基本支出), under its two blocks
_BASIC_TOTALS = frozenset({"人员经费合计", "公用经费合计"})


def _placed(row: Row, on: Row) -> Row | None:
    """``row`` on the cells of ``on``: each text in the cell of ``on`` it starts under, the other
    cells empty. None when a text stands under no cell of ``on``, or two under one."""
    placed: list[Cell | None] = [None] * len(on.cells)
    for cell in row.cells:
        if not cell.text:
            continue
        i = _under(cell, on)
        if i is None or placed[i] is not None:
            return None
        placed[i] = cell
    boxes = [c.bbox for c in row.cells if c.bbox]
    top, bottom = (min(b[1] for b in boxes), max(b[3] for b in boxes)) if boxes else (0.0, 0.0)
    cells = []
    for col, (mine, theirs) in enumerate(zip(placed, on.cells)):
        # the cell spans its column (the edges of ``on``) on this row's page
        bbox: BBox | None = (theirs.bbox[0], top, theirs.bbox[2], bottom) if theirs.bbox and boxes else None
        if mine is not None:
            cells.append(replace(mine, row=row.index, col=col, bbox=bbox or mine.bbox))
        else:
            cells.append(Cell(text="", row=row.index, col=col, page=row.page, line=row.line, bbox=bbox))
    return replace(row, cells=tuple(cells))


def _under(cell: Cell, row: Row) -> int | None:
    """The cell of ``row`` that ``cell`` starts under (the last when the edges found from the text
    leave two), or None. A cell that knows where its text lies starts there: a row alone at the
    top of a page finds its columns from its own text, and its one cell may reach from the frame
    over columns its text is not in (费支出, the rest of a 科目名称, in a cell from the 科目编码's edge)."""
    if cell.bbox is None:
        return None
    # (a text starts inside its cell; a cell's edge found from the text may stand off its column's)
    start, slack = (cell.ink[0], NEAR) if cell.ink is not None else (cell.bbox[0], _TEXT_EDGE)
    under = [i for i, t in enumerate(row.cells) if t.bbox and t.bbox[0] - slack <= start < t.bbox[2] - 1]
    return under[-1] if under else None


def _join_by_place(top: Row, rest: Row) -> Row | None:
    """``top`` with the text of each cell of ``rest`` appended to the cell of ``top`` it starts
    under; None when a piece of text stands under no cell. (``rest`` may be all labels: the rest
    of a cut heading row, or of a row whose cells that went on hold text only.)"""
    cells = list(top.cells)
    for cell in rest.cells:
        if not cell.text:
            continue
        i = _under(cell, top)
        if i is None:
            return None
        mine = cells[i]
        cells[i] = replace(mine, text="\n".join(t for t in (mine.text, cell.text) if t), ink=_joined_ink(mine, cell))
    return replace(top, cells=tuple(cells))


def _join_rows(top: Row, rest: Row) -> Row:
    cells = tuple(
        replace(
            a,
            text="\n".join(t for t in (a.text, b.text) if t),
            confidence=_joined_confidence(a, b),
            ink=_joined_ink(a, b),
            withheld=_joined_withheld(a, b),
        )
        for a, b in zip(top.cells, rest.cells)
    )
    return replace(top, cells=cells)


def _joined_withheld(a: Cell, b: Cell) -> str | None:
    """What OCR withheld in a cell joined from two (see Cell.withheld): each part's withheld value,
    or its text where the other part's was withheld (a figure cut by the page break, one part
    unsure), joined; None when neither part withheld anything."""
    if a.withheld is None and b.withheld is None:
        return None
    return "".join(c.withheld or squash(c.text) for c in (a, b) if c.withheld or c.text)


def _joined_ink(a: Cell, b: Cell) -> tuple[float, float] | None:
    """Where the text of a cell joined from two lies: across both parts' text."""
    inks = [c.ink for c in (a, b) if c.ink is not None]
    return (min(i[0] for i in inks), max(i[1] for i in inks)) if inks else None


def _joined_confidence(a: Cell, b: Cell) -> float | None:
    """OCR's confidence of a cell joined from two: the least of the parts that bring text (None when
    none of them was read by OCR)."""
    known = [c.confidence for c in (a, b) if c.text and c.confidence is not None]
    return min(known) if known else (a.confidence if not b.text else None)


def _continue_table(
    table: Table, more: Table, at_bottom: bool = False, unread: list[UnreadPart] | None = None
) -> Table:
    """``table`` with the rows of ``more`` (the same table at the top of the next page) after its
    own: a repeated heading row dropped, and the row cut by the page break joined back into one.
    The cut is known from the drawing (cells open at the page's bottom or top) or, for a break
    drawn closed, from the first row leaving empty a column every other row fills, or having text
    only where the row before ran to the page bottom. When ``at_bottom`` (the table ran to the
    bottom of the page) and the first row could be such a rest but nothing tells (the row before
    is one line tall: every cell ran to the bottom), both rows go to ``unread``: either reading
    could load a value cut in two."""
    rows = list(table.rows)
    extra = list(more.rows)
    if more.columns_from_text:  # the rows on the new page under the heading of the page before
        both = _aligned(rows + extra)
        rows, extra = both[: len(rows)], both[len(rows) :]
    while extra and _is_repeated_heading(extra[0], rows):
        extra.pop(0)
    # a heading repeated above the rest of a row cut by the page break (on the heading's cells: the
    # rest 收入 | 支出 of 四、上级补助 / 收入 and 四、公共安全 / 支出, on the row's four cells, is
    # no repeat of the heading 收入 | 支出 over two)
    if (
        len(extra) > 1
        and rows
        and _repeats_a_heading(extra[0], rows, same_cells=not more.columns_from_text)
        and _cut(table, more, rows, extra[1:])
    ):
        extra.pop(0)
    joined = False  # the last row before the break joined with its rest
    if extra and rows:
        _rest_of_labels_above(rows, extra)
        # (a name merged down beside a row of its own on the other side: that case's own test first)
        if (
            more.first_row_continues
            and _rest_in_a_name_merged_down(extra[0], rows) is None
            and (owned := _rest_of_a_cell_merged_through(extra[0], rows)) is not None
        ):
            at, rows[at], extra[0] = owned
            if not any(extra[0].values):
                extra.pop(0)
                joined = True
    if extra and rows:
        # a row found on other columns than the row before the break is read on that row's
        # columns, by place, to ask whether it is its rest
        candidate = extra[0]
        if more.columns_from_text and (
            len(candidate) != len(rows[-1]) or not _cells_align(candidate, rows[-1], _TEXT_EDGE)
        ):
            candidate = _placed(candidate, rows[-1]) or candidate
        if (named := _rest_in_a_name_merged_down(extra[0], rows)) is not None:
            at, rows[at], extra[0] = named
            joined = True
        elif (split := _rest_beside_a_new_row(candidate, rows[-1])) is not None:
            # (first: a numbered next line beside the rest is a row of its own, whatever else may
            # look like a rest; on the row before's cells when the next page found other columns:
            # 三、国有资本经营 / 预算财政拨款 beside 四、公共安全支出)
            rows[-1], extra[0] = split
            joined = True
        elif (rest := _rest_under_cells_at_bottom(candidate, rows[-1], more, at_bottom)) is not None:
            rows[-1] = rest
            extra.pop(0)
            joined = True
        elif (rest := _rest_of_cut_figures(extra[0], rows[-1])) is not None:
            rows[-1] = rest
            extra.pop(0)
            joined = True
        elif _cut(table, more, rows, extra):
            tolerance = _TEXT_EDGE if more.columns_from_text else 3.0
            if _cells_align(extra[0], rows[-1], tolerance):
                rows[-1] = _join_rows(rows[-1], extra.pop(0))
                joined = True
            elif (by_place := _join_by_place(rows[-1], extra[0])) is not None:
                # the same number of cells at other places (a heading cut by the break: 项目 over two
                # columns before it, 科目编码 and 科目名称 after): each piece to the cell it stands under
                rows[-1] = by_place
                extra.pop(0)
                joined = True
            else:  # a piece stands under no cell: neither part can be told whole
                _cut_row_unread(rows.pop(), unread)
                _cut_row_unread(extra.pop(0), unread)
        elif table.last_row_continues and (
            _whole_lines_apart(extra[0], rows[-1])
            or _new_lines_under_codes(extra[0], rows[-1])
            or _headings_apart(extra[0], rows[-1])
        ):
            pass  # drawn open by a cell merged down beside it, but nothing in it is cut: two lines
        elif (
            table.last_row_continues
            and more.columns_from_text
            and not _repeats_a_heading(extra[0], rows)
            and not _next_line_label(extra[0], rows[-1])
        ):
            # the rest drawn on other columns (a table without inner vertical rules finds its
            # columns on each page): each piece goes to the cell it stands under
            by_place = _join_by_place(rows[-1], extra[0])
            if by_place is not None:
                rows[-1] = by_place
                extra.pop(0)
                joined = True
            else:
                _cut_row_unread(rows.pop(), unread)
        elif table.last_row_continues and not _whole_beside_a_next_line(extra[0], rows[-1]):
            # drawn cut, and the first row on the next page is not its rest: the cut row's values
            # may be cut in two
            _cut_row_unread(rows.pop(), unread)
        elif at_bottom and (split := _label_rest_beside_a_row_of_quantities(extra[0], rows[-1])) is not None:
            rows[-1], extra[0] = split
            joined = True
        elif at_bottom and _maybe_rest(extra[0], rows[-1], table.last_row_full):
            for row in (rows.pop(), extra.pop(0)):
                if unread is not None:
                    unread.append(
                        UnreadPart(
                            part="row",
                            reason="a row at a page break that may be cut in two (drawn closed, one line on the "
                            "first page): its values cannot be told whole, so it is not read",
                            source_page=row.page,
                            text=excerpt(" | ".join(row.nonempty())),
                        )
                    )
    # which cells of the last row ran to the bottom of its page: the new page's when its rows
    # end the table (its one row joined as a rest, on that row's cells)
    ends_on_more = bool(extra) or joined
    rows.extend(extra)
    full = more.last_row_full if ends_on_more else table.last_row_full
    if ends_on_more and len(full) != len(rows[-1]):
        full = _full_on(more, rows[-1])
    reindexed = tuple(
        replace(row, index=i, cells=tuple(replace(c, row=i) for c in row.cells)) for i, row in enumerate(rows)
    )
    return replace(
        table,
        rows=reindexed,
        last_row_continues=more.last_row_continues,
        last_row_full=full,
        columns_from_text=table.columns_from_text or more.columns_from_text,
    )


def _full_on(more: Table, row: Row) -> tuple[bool, ...]:
    """``more.last_row_full`` (a one-row table found on its own columns) on the cells of ``row``,
    by place: a cell ran to the bottom when a cell of ``more`` under it did."""
    full = [False] * len(row)
    for cell, ran in zip(more.rows[-1].cells, more.last_row_full):
        if ran and (i := _under(cell, row)) is not None:
            full[i] = True
    return tuple(full)


def _is_label_row(row: Row) -> bool:
    values = row.values
    return (
        len(values) >= 3
        and sum(1 for v in values if v) * 2 >= len(values)
        and not any(re.search(r"\d", v) for v in values)
    )


# Column edges found from the text on two pages differ by up to the cells' padding (the edge is
# placed a padding left of where the text starts, and a page without text in the first column
# does not show the padding).
_TEXT_EDGE = 12.0


def _spread_to(row: Row, heading: Row) -> Row | None:
    """``row`` on the columns of ``heading`` when each of its cells starts where a heading cell
    starts, covers at most two heading columns, and its last cell ends where the heading ends:
    a column left empty on a whole page of a table without vertical rules does not show. A
    cell's text stays in its first column; the column it covers besides is empty. None when the
    row does not fit the heading so."""
    heading_boxes = [c.bbox for c in heading.cells if c.bbox]
    row_boxes = [c.bbox for c in row.cells if c.bbox is not None]
    starts = [b[0] for b in heading_boxes]
    if len(starts) != len(heading.cells) or len(row_boxes) != len(row.cells):
        return None
    if abs(row_boxes[-1][2] - heading_boxes[-1][2]) > 3:
        return None
    cells: list[Cell] = []
    for cell, box in zip(row.cells, row_boxes):
        covered = [i for i, x in enumerate(starts) if box[0] - _TEXT_EDGE <= x < box[2] - _TEXT_EDGE]
        too_wide = cell.text and len(covered) > 2  # an empty cell may cover several columns
        if not covered or too_wide or abs(starts[covered[0]] - box[0]) > _TEXT_EDGE:
            return None
        for k, i in enumerate(covered):
            h = heading_boxes[i]
            bbox = (h[0], box[1], h[2], box[3])
            text, ink = (cell.text, cell.ink) if k == 0 else ("", None)
            cells.append(replace(cell, text=text, col=len(cells), bbox=bbox, ink=ink))
    if len(cells) != len(heading.cells):
        return None
    return replace(row, cells=tuple(cells))


def align_text_columns(table: Table, headings: list[Row] | None = None) -> Table:
    """A table whose columns were found from its text (no vertical rules inside): a row under a
    heading row (labels only) with fewer cells than the heading is spread over the heading's
    columns when it fits them (``_spread_to``): a column that is empty on a whole page shows no
    text to find it by. The heading holds for the rows that follow it until one that neither has
    its number of cells nor fits it (a title, the next table's head). Rows under no heading of
    their own (a table printed without one) are spread over a heading of an earlier table of the
    document (``headings``, which this adds to) when they fit its columns exactly."""
    if not table.columns_from_text:
        return table
    return replace(table, rows=tuple(_aligned(list(table.rows), headings)))


def _aligned(rows: list[Row], headings: list[Row] | None = None) -> list[Row]:
    """The rows of a table without vertical rules, spread over their heading's columns (above),
    and a heading spread over the columns of the row under it when that row has more."""
    rows = list(rows)
    heading: Row | None = None
    earlier = list(headings or [])
    for index, row in enumerate(rows):
        spread = _spread_to(row, heading) if heading is not None and len(row) < len(heading) else None
        if spread is None and (heading is None or len(row) > len(heading)) and not _is_label_row(row):
            # no heading of its own above it: an earlier heading (of this table or an earlier one)
            # it fits cell for cell (the same grid; a column empty in the whole table shows no
            # text to find it by)
            for other in reversed(earlier):
                spread = _spread_to(row, other) if len(row) < len(other) else None
                if spread is not None:
                    break
        if spread is not None:
            rows[index] = spread
        elif _is_label_row(row):
            # a heading with fewer cells than the row under it (a column empty in the heading,
            # found on the rows' page only: 项目资金（万元） over the label column and its own)
            # is spread over the row's columns the same way
            after = rows[index + 1] if index + 1 < len(rows) else None
            if after is not None and len(after) > len(row) and not _is_label_row(after):
                row = rows[index] = _spread_to(row, after) or row
            heading = row
            if headings is not None:  # the rows of the whole table, joined over its pages
                headings.append(row)
                earlier.append(row)  # (a table may hold two projects' tables: a page break joined them)
        elif heading is not None and len(row) != len(heading):
            heading = None
    return rows


# A table part that ends less than a line of text above the lowest block of the document ran to
# the bottom of its page: the page break may have cut its last row.
_LINE_ROOM = 18.0


def merge_continued_tables(results: list[PageResult], unread: list[UnreadPart] | None = None) -> list[Page]:
    """Pages of the model, with tables continued across page breaks joined into one, over as many
    pages as they run (a page may hold nothing but the rest of one cell). A row cut by a page
    break whose rest is not found at the top of the next page is not kept: its values may be cut
    in two (a 90% printed as 9 / 0%); it goes to ``unread`` with its page and why."""
    pages: list[Page] = []
    open_table: tuple[Page, int] | None = None  # the table that ended the page before, if any
    open_until = 0  # the page its last rows are on
    last_bottom: float | None = None  # where that table's part on the page before ends
    # the bottom of the text area: where the lowest block of the document ends
    bottom = max((b.bbox[3] for r in results for b in r.blocks if b.bbox), default=0.0)
    heading_box = False  # the table open is a box of text at the bottom of the page before: a heading row
    for number, result in enumerate(results):
        page = Page(number=result.number, blocks=[])
        blocks = result.blocks
        if result.top_box_as_row and open_table is not None and open_until == result.number - 1:
            before = open_table[0].blocks[open_table[1]]
            at_bottom = last_bottom is not None and bottom - last_bottom <= _LINE_ROOM
            if isinstance(before, Table) and _row_in_box(before, result.top_box_as_row[0], at_bottom):
                blocks = result.top_box_as_row
        boxed = False
        if blocks is result.blocks and result.bottom_box_as_row and number + 1 < len(results):
            after = results[number + 1]
            if after.number == result.number + 1 and _heads(result.bottom_box_as_row[-1], after.blocks[:1]):
                blocks, boxed = result.bottom_box_as_row, True
        for block in blocks:
            held = open_table[0].blocks[open_table[1]] if open_table is not None else None
            if (
                isinstance(block, Table)
                and isinstance(held, Table)
                and not page.blocks
                and open_until == result.number - 1
                and not _same_columns(held, block)
            ):
                block = _on_columns_of(held, block) or block
            if (
                heading_box
                and isinstance(block, Table)
                and not page.blocks
                and open_table is not None
                and isinstance(held, Table)
                and open_until == result.number - 1
            ):
                holder, index = open_table
                holder.blocks[index] = _under_heading(held, block)
                open_until, last_bottom = result.number, (block.bbox[3] if block.bbox else None)
                heading_box = False
                continue
            if (
                isinstance(block, Table)
                and not page.blocks
                and open_table is not None
                and isinstance(held, Table)
                and open_until == result.number - 1
                and _same_columns(held, block)
            ):
                holder, index = open_table
                at_bottom = last_bottom is not None and bottom - last_bottom <= _LINE_ROOM
                holder.blocks[index] = _continue_table(held, block, at_bottom, unread)
                open_until, last_bottom = result.number, (block.bbox[3] if block.bbox else None)
                continue
            page.blocks.append(block)
            if isinstance(block, Table):
                open_table, open_until = (page, len(page.blocks) - 1), result.number
                last_bottom = block.bbox[3] if block.bbox else None
            else:
                open_table = None  # running text after a table ends it
        heading_box = boxed
        pages.append(page)
    headings: list[Row] = []  # the headings of the tables without vertical rules so far
    for page in pages:
        page.blocks = [
            _without_cut_row(align_text_columns(b, headings), unread) if isinstance(b, Table) else b
            for b in page.blocks
        ]
    return pages


def _heads(box: Block, after: list[Block]) -> bool:
    """Whether ``box``, a box of one or two texts at the bottom of a page read as a one-row table,
    is the first heading row of the table that starts the next page (``after``: its first block):
    labels of its width that are no title, 单位 line or sentence (财政拨款“三公”经费 over the
    columns of 三公 on the next page; 收入 | 支出 over those of table 4)."""
    if not isinstance(box, Table) or len(box.rows) != 1 or box.bbox is None:
        return False
    texts = [c.value for c in box.rows[0].cells if c.value]
    if not 1 <= len(texts) <= 2:
        return False
    table = after[0] if after else None
    if not isinstance(table, Table) or table.bbox is None or table.first_row_continues:
        return False
    # (its first row may be the box's own rest: one empty cell over the width, where the break cut it)
    first = 1 if _rest_of_a_box(table) else 0
    if len(table.rows[first].cells) < 2 or abs(table.bbox[0] - box.bbox[0]) > 3 or abs(table.bbox[2] - box.bbox[2]) > 3:
        return False
    return all(not _is_title_line(text) and "单位" not in text and not text.endswith(_SENTENCE_END) for text in texts)


def _under_heading(box: Table, table: Table) -> Table:
    """``table`` with the box of text at the bottom of the page before as its first row (in place
    of the box's empty rest at the top of ``table``, where the page break cut it)."""
    rows = (box.rows[0], *table.rows[1 if _rest_of_a_box(table) else 0 :])
    reindexed = tuple(
        replace(row, index=i, cells=tuple(replace(c, row=i) for c in row.cells)) for i, row in enumerate(rows)
    )
    return replace(table, rows=reindexed, page=box.page, line=box.line)


def _rest_of_a_box(table: Table) -> bool:
    """Whether the first row of ``table`` is one empty cell over its width and more rows follow:
    the rest of a box of text (a heading row of one cell) that the page break before cut."""
    return len(table.rows) > 1 and len(table.rows[0].cells) == 1 and not any(table.rows[0].values)


def _row_in_box(held: Table, box: Block, at_bottom: bool) -> bool:
    """Whether ``box``, a box of text at the top of a page read as a one-row table, is a row of
    ``held``, the table on the page before: a row of the forms (its first line a row label: a
    总分 row of one cell, "总分 / 100 / 96.95分"), a row of two texts or more each under a cell
    of ``held``'s last row, or the rest of that row when the table ran to the bottom of its page
    (each text under a cell of it, as ``_continue_table`` decides, nothing recorded unread).
    A row of one text that starts a row under ``held``'s last (a whole line label under a whole
    line label, alone on its page) is one too. A box ruled in part into rows (the rules stop at an
    empty cell merged over them) is judged by its first row; its other rows follow it."""
    if not isinstance(box, Table) or not box.rows or not _same_columns(held, box):
        return False
    first = next((c.text.strip() for c in box.rows[0].cells if c.text.strip()), "")
    if ROW_LABEL.fullmatch(first.splitlines()[0] if first else ""):
        return True
    texts = sum(1 for c in box.rows[0].cells if c.text.strip())
    if held.rows and texts >= 2 and _placed(box.rows[0], held.rows[-1]) is not None:
        return True  # texts in the columns of the table (2 | 上海市普陀区社会工作发展服务中心)
    if held.rows and texts == 1 and (placed := _placed(box.rows[0], held.rows[-1])) is not None:
        if _starts_a_row(placed, held.rows[-1]):
            return True  # a row alone on its page (二、政府性基金预算财政拨款 under 一、一般公共预算财政拨款)
    if not at_bottom:
        return False
    unread: list[UnreadPart] = []
    joined = _continue_table(held, box, at_bottom, unread)
    return (
        not unread
        and len(joined.rows) == len(held.rows) + len(box.rows) - 1
        and len("".join(joined.rows[len(held.rows) - 1].values)) > len("".join(held.rows[-1].values))
    )


def _cut_row_unread(row: Row, unread: list[UnreadPart] | None) -> None:
    """Record a row drawn cut by a page break whose rest was not found (not read)."""
    if unread is not None:
        unread.append(
            UnreadPart(
                part="row",
                reason="a row cut by the page break after it, whose rest is not at the top of the next page: "
                "its values may be cut in two, so it is not read",
                source_page=row.page,
                text=excerpt(" | ".join(row.nonempty())),
            )
        )


def _without_cut_row(table: Table, unread: list[UnreadPart] | None) -> Table:
    """The table without its last row when that row is drawn cut by a page break and nothing on
    the next page went on with it."""
    if not table.last_row_continues or len(table.rows) < 2:
        return table
    _cut_row_unread(table.rows[-1], unread)
    return replace(table, rows=table.rows[:-1], last_row_continues=False)


def _pages(numbers: list[int]) -> str:
    """[1, 2, 3, 7] → "pages 1–3, 7"."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(f"{a}–{b}" if a != b else f"{a}" for a, b in spans)
    return f"page {text}" if len(numbers) == 1 else f"pages {text}"


def read_pdf(path: Path, data: bytes | None = None, time_limit: float | None = None) -> Document:
    """Read a PDF into a :class:`Document`, from ``data`` (the file's bytes, read once by the
    caller; the workers parse these same bytes). Raises DocumentError with a reason."""
    if data is None:
        data = path.read_bytes()
    _check_bytes(data, path.name)
    parsed = parse_pdf(data, path.name, time_limit)
    results = parsed.pages
    if not results:
        raise DocumentError(f"{path.name}: the PDF has no pages")
    problems: dict[str, list[int]] = {}
    for result in results:
        if result.problem:
            problems.setdefault(result.problem, []).append(result.number)
    reasons = "; ".join(f"{_pages(numbers)}: {problem}" for problem, numbers in problems.items())
    if sum(len(n) for n in problems.values()) == len(results):
        raise DocumentError(f"{path.name}: no page can be read: {reasons}")
    unread: list[UnreadPart] = []
    document = Document(
        doc_id=hashlib.sha256(data).hexdigest(),
        source_file=path.name,
        file_type="pdf",
        pages=merge_continued_tables(results, unread),
    )
    document.unread.extend(unread)
    if parsed.repaired:
        document.warnings.append(
            f"{path.name}: the PDF's structure (cross-reference table) is damaged; it was repaired with pypdf "
            f"and all {len(results)} pages read"
        )
    document.unread.extend(
        UnreadPart(part="page", reason=result.problem, source_page=result.number)
        for result in results
        if result.problem
    )
    for result in results:
        document.unread.extend(result.unread)
        document.warnings.extend(result.warnings)
    return document
