"""OCR reader for PDF pages without a text layer (scanned paper), into the same document model.

For each such page (see :func:`read_scanned_page`):

1. the page is rendered at the resolution of its scan, between 150 and 300 dpi, in grey; the
   red channel is kept, so a red seal is as light as the paper and the ink under it stays dark;
2. the skew is measured (the angle at which the ink's rows line up best, within ±2°) and undone;
3. the ruling lines are found with OpenCV morphology (long thin runs of ink; a vertical rule
   must reach from one horizontal rule to another, so characters' strokes are not rules) and
   given, as explicit lines in PDF points, to pdfplumber's own table finder: the grid, its merged
   cells and its rows come out exactly as for a text-layer page (a horizontally merged cell is
   one cell; a vertically merged one leaves empty cells below, as ``pdf._table_rows`` does);
4. in each cell, and outside the tables, the text lines are found from the ink, and each line is
   read by the PP-OCR recognition model alone (no detection model: that is what makes it fast);
5. in a column of figures a cell read as letters is read again with digits only, and an unsure
   line one or two characters from a title or heading the recognisers look for is scored
   against that term (``lexicon``); punctuation widths and dashes are set as printed (``text``);
   a table line still unsure, or a value not of its column's shape, is read again from six
   variants of its ink, and what most of them read alike is taken when they are surer of it
   (``_second_look``);
6. the text outside the tables becomes paragraphs in reading order, as on text-layer pages.

Every cell and paragraph gets a ``confidence`` (0–1): the least sure decision of the model on
its lines, lowered when a figure is not of the shape its column prints (see ``shapes``). A value
(a cell with a digit) below ``FIGURE_FLOOR`` is not passed on: its cell is left empty and an
unread part says what was read there and why it was withheld; below ``TRUSTED`` it is kept and
named in the page's warning. A page on which nothing can be read, or too much is unsure, is an
unread page, never a page of guessed figures. A progress line per page goes to standard error
(``PIPELINES_OCR_PROGRESS=0`` silences it); ``PIPELINES_OCR=off`` turns OCR off.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from pipelines.model import Cell, Paragraph, Row, Table, UnreadPart, excerpt, tidy_cjk

from .engine import INSTALL_HINT, OcrUnavailable, recogniser
from .shapes import check_table
from .text import dash, tidy

# A value (a cell that prints a digit: an amount, a percentage, a target like >=90%, a code, a
# date) read with less confidence than this is withheld: left empty, and recorded as an unread
# part with what was read. Text cells keep their text and their confidence.
FIGURE_FLOOR = float(os.environ.get("PIPELINES_OCR_FIGURE_FLOOR", "0.6"))
# Below this a cell or paragraph is listed in the page's warning (it is kept: see FIGURE_FLOOR).
TRUSTED = 0.9
# A page where more than this share of the non-empty cells and lines is below FIGURE_FLOOR is
# not read at all.
PAGE_UNSURE_SHARE = 0.25
MIN_DPI, MAX_DPI, DEFAULT_DPI = 150, 300, 200
_EPS = 1.0


@dataclass
class ScannedPage:
    """What OCR read from one page: blocks in reading order, or the problem that stopped it."""

    blocks: list = field(default_factory=list)
    problem: str | None = None
    unread: list[UnreadPart] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skew: float = 0.0
    dpi: int = 0
    lines_read: int = 0


def available() -> str | None:
    """None when OCR can run here, else what to install."""
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
        import onnxruntime  # noqa: F401

        from .engine import model_path

        model_path()
    except ImportError as exc:
        return f"OCR is not installed ({exc.name} is missing): {INSTALL_HINT}"
    except OcrUnavailable as exc:
        return str(exc)
    return None


def read_scanned_page(page, number: int) -> ScannedPage:
    """Read a pdfplumber page that has no text layer. Never raises for what is on the page: a
    problem is returned as ``problem`` (the page is then an unread part)."""
    started = time.monotonic()
    if os.environ.get("PIPELINES_OCR", "on").lower() in ("off", "0", "no", "false"):
        return ScannedPage(problem="no text layer (scanned images); OCR is turned off (PIPELINES_OCR=off)")
    missing = available()
    if missing:
        return ScannedPage(problem=f"no text layer (scanned images); {missing}")
    try:
        result = _read(page, number)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of OCR costs this page only
        return ScannedPage(problem=f"no text layer (scanned images); OCR failed: {type(exc).__name__}: {exc}")
    result.seconds = round(time.monotonic() - started, 2)
    if not result.problem:
        result.warnings = _warnings(result, number)
    if os.environ.get("PIPELINES_OCR_PROGRESS", "1") not in ("0", "off", "no"):
        name = Path(str(getattr(getattr(page.pdf, "stream", None), "name", "") or "")).name
        print(
            f"OCR {name + ' ' if name else ''}page {number}: {result.seconds:.1f} s, {result.dpi} dpi, "
            f"skew {result.skew:+.2f}°, {result.lines_read} text lines"
            + (f"; not read: {result.problem}" if result.problem else ""),
            file=sys.stderr,
            flush=True,
        )
    return result


def _warnings(result: ScannedPage, number: int) -> list[str]:
    """One line for the page: that it was read by OCR, and what it was unsure of."""
    unsure: list[tuple[float, str]] = []
    cells = 0
    for block in result.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    if cell.value:
                        cells += 1
                        if cell.confidence is not None and cell.confidence < TRUSTED:
                            unsure.append((cell.confidence, cell.value))
        elif block.confidence is not None and block.confidence < TRUSTED:
            unsure.append((block.confidence, block.text))
    line = f"page {number}: read by OCR ({result.dpi} dpi, {cells} table cells)"
    if result.unread:
        line += f"; {len(result.unread)} figures withheld (see the unread parts)"
    if unsure:
        unsure.sort()
        shown = ", ".join(f"{excerpt(text, 24)!r} ({confidence:.2f})" for confidence, text in unsure[:5])
        more = f" and {len(unsure) - 5} more" if len(unsure) > 5 else ""
        line += f"; read with confidence below {TRUSTED:g}: {shown}{more}"
    return [line]


@dataclass
class _Line:
    box: tuple[int, int, int, int]  # px
    text: str = ""
    confidence: float = 1.0


def _read(page, number: int) -> ScannedPage:
    import numpy as np

    from . import image

    dpi = int(round(min(MAX_DPI, max(MIN_DPI, image.native_dpi(page) or DEFAULT_DPI))))
    grey, seal = image.render(page, dpi)
    skew = image.skew_angle(image.ink_mask(grey))
    grey = image.rotate(grey, skew)
    paper = int(np.percentile(grey, 90))
    if seal is not None:
        seal = image.rotate(seal.astype(np.uint8) * 255, skew) > 127
    rules, rule_pixels = image.ruling_lines(image.rule_mask(grey), dpi)
    grey = image.without_seal(grey, seal, paper)
    mask = image.ink_mask(grey)
    scale = 72.0 / dpi  # px → points
    thickness = max(2, int(round(dpi / 100)))
    text_mask = image.remove_dust(image.erase_rules(mask, rule_pixels), dpi)
    clean = grey.copy()
    clean[rule_pixels > 0] = paper  # the rules painted over, for the crops

    tables = _find_tables(page, rules, scale)
    # lines of text: in every cell, and outside the tables
    cell_lines: dict[tuple[int, int], list[_Line]] = {}
    all_lines: list[_Line] = []
    inset = thickness + 1
    for t, table in enumerate(tables):
        for cell in table.cells:
            x0, top, x1, bottom = (v / scale for v in cell)
            box = (int(x0) + inset, int(top) + inset, int(x1) - inset, int(bottom) - inset)
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            lines = [_Line(tl.box) for tl in image.text_lines(text_mask, box, dpi)]
            cell_lines[(t, cell)] = lines
            all_lines.extend(lines)
    outside = text_mask.copy()
    for table in tables:
        x0, top, x1, bottom = (int(v / scale) for v in table.bbox)
        outside[max(0, top - thickness) : bottom + thickness + 1, max(0, x0 - thickness) : x1 + thickness + 1] = 0
    h, w = outside.shape
    free_lines = [_Line(tl.box) for tl in image.text_lines(outside, (0, 0, w, h), dpi, split_gap=24)]
    all_lines.extend(free_lines)

    engine = recogniser()
    heights = [line.box[3] - line.box[1] for line in all_lines]
    line_height = median(heights) if heights else 10 * dpi / 72
    crops = [image.crop_line(clean, line.box, line_height, paper) for line in all_lines]
    for line, reading in zip(all_lines, engine.first_reading(crops)):
        line.text, line.confidence = reading.text, reading.confidence
        stroke = dash(line.text, line.box[2] - line.box[0], line_height)
        if stroke:
            line.text = stroke

    _reread_numbers(engine, tables, cell_lines, lambda box: image.crop_line(clean, box, line_height, paper))
    _read_against_lexicon(engine, all_lines, lambda box: image.crop_line(clean, box, line_height, paper))
    result = ScannedPage(skew=skew, dpi=dpi, lines_read=len(all_lines))
    variants = lambda box: image.line_variants(clean, box, line_height, paper)  # noqa: E731
    placed: list[tuple[float, object]] = []
    open_top = _open_top(rules, scale)
    for t, table in enumerate(tables):
        rows = _table_rows(table, t, cell_lines, number, scale)
        rows, problems = check_table(rows)
        if _second_look(engine, t, rows, problems, cell_lines, variants):
            rows, problems = check_table(_table_rows(table, t, cell_lines, number, scale))
        rows = _withhold_unsure_figures(rows, problems, number, result.unread)
        if rows:
            bbox = tuple(round(v, 2) for v in table.bbox)
            continues = open_top is not None and abs(table.bbox[1] - open_top) <= 3
            placed.append(
                (table.bbox[1], Table(rows=tuple(rows), page=number, bbox=bbox, first_row_continues=continues))
            )
    placed.extend(_paragraphs(free_lines, number, scale, float(page.height)))
    placed.sort(key=lambda item: item[0])
    result.blocks = [block for _, block in placed]

    read = [line for line in all_lines if line.text.strip()]
    if not read:
        result.problem = "no text layer (scanned images); OCR found no text on it"
        result.blocks = []
        return result
    unsure = [line for line in read if line.confidence < FIGURE_FLOOR]
    if len(unsure) > PAGE_UNSURE_SHARE * len(read):
        result.problem = (
            f"no text layer (scanned images); OCR is too unsure of this page to read it "
            f"({len(unsure)} of {len(read)} text lines below confidence {FIGURE_FLOOR:g}; "
            f"median confidence {median(line.confidence for line in read):.2f})"
        )
        result.blocks = []
        result.unread = []
    return result


def _read_against_lexicon(engine, lines: list[_Line], crop) -> None:
    """An unsure line one or two characters away from a title or heading the recognisers look
    for is read against that term (see lexicon): taken when the image supports it."""
    from .lexicon import candidates, correct

    unsure = [line for line in lines if line.confidence < TRUSTED and candidates(tidy(line.text))]
    if not unsure:
        return
    for line, probabilities in zip(unsure, engine.probabilities([crop(line.box) for line in unsure])):
        found = correct(tidy(line.text), probabilities, engine.index())
        if found:
            line.text, line.confidence = found[0], round(found[1], 3)


_NUMBER_CHARACTERS = "0123456789,.%-"


def _reread_numbers(engine, tables, cell_lines, crop) -> None:
    """In a column of figures, a cell read as letters and marks (``O`` for ``0``, ``1O0``) is read
    again with digits and number marks only: the column says what it prints."""
    import re

    from .shapes import is_figure

    for t, table in enumerate(tables):
        columns: dict[int, list] = {}
        for cell in table.cells:
            lines = cell_lines.get((t, cell))
            if lines:
                columns.setdefault(int(round((cell[0] + cell[2]) / 2 / 4)), []).append(lines)
        for cells in columns.values():
            texts = ["".join(line.text for line in lines).strip() for lines in cells]
            figures = sum(1 for text in texts if is_figure(text))
            filled = sum(1 for text in texts if text)
            if figures < 3 or figures < 0.6 * filled:
                continue
            for lines, text in zip(cells, texts):
                if not text or is_figure(text) or re.search(r"[\u3400-\u9fff—]", text) or len(text) > 16:
                    continue
                again = engine.recognise([crop(line.box) for line in lines], allowed=_NUMBER_CHARACTERS)
                if is_figure("".join(a.text for a in again)):
                    for line, a in zip(lines, again):
                        line.text, line.confidence = a.text, min(line.confidence, a.confidence)


# A second reading is taken when at least this many of the six variants of a line agree on it.
SECOND_LOOK_AGREE = 4
# Text lines (not values) longer than this are not read again: a name or a heading is shorter,
# and the lines of long paragraphs cost the most and gain the least from it.
SECOND_LOOK_TEXT = 16
_HALF_WIDTH = str.maketrans("（）：；，！？", "():;,!?")
_DOTS_FOR_COMMAS = re.compile(r"^-?\d{1,3}(\.\d{3})+\.\d+$")


def _as_printed(text: str) -> str:
    """``1.920.90`` → ``1,920.90``: a number can have one decimal point only, so dots at the
    places of the thousands marks before it are those marks (the model often reads a faint
    comma as a full stop). ``224.`` → ``224``: no number ends with its decimal point, so a dot
    after the last digit is a speck of dust (the column's shape checks then judge the rest)."""
    text = tidy(text)
    if re.fullmatch(r"-?[\d,]+\.", text):
        text = text[:-1]
    if _DOTS_FOR_COMMAS.match(text):
        whole, _, decimals = text.rpartition(".")
        return whole.replace(".", ",") + "." + decimals
    return text


def _second_look(engine, t: int, rows: list[Row], problems: dict[tuple[int, int], str], cell_lines, variants) -> bool:
    """A line of table ``t`` OCR was unsure of (confidence below TRUSTED, or in a value not of
    the shape its column prints) is read again from six variants of the same ink
    (``image.line_variants``). When at least SECOND_LOOK_AGREE of them read the same text (for
    a value: of a value's shape), that text is taken, with the median confidence of the
    readings that agree (never more sure than the model was on them), when that is surer than
    the first reading; otherwise the first reading stands, to be withheld or flagged as before.
    The identities still vouch for every figure. True when a line changed."""
    from .shapes import is_value

    by_box = {tuple(round(v, 2) for v in bbox): lines for (k, bbox), lines in cell_lines.items() if k == t}
    todo: list[tuple[_Line, bool, float]] = []  # line, in a value, how sure the first reading is
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if not cell.value:
                continue
            value = is_value(cell.value)
            for line in by_box.get(cell.bbox or (), []):
                if not line.text or (not value and len(line.text) > SECOND_LOOK_TEXT):
                    continue
                if value and (r, c) in problems:
                    todo.append((line, value, min(line.confidence, cell.confidence or 0)))
                elif line.confidence < TRUSTED:
                    todo.append((line, value, line.confidence))
    changed = False
    images = [variants(line.box) for line, _, _ in todo]
    found: list[tuple[str, float] | None] = [None] * len(todo)
    for allowed in (None, _NUMBER_CHARACTERS):
        # digits only: a line first read as digits and number marks, not agreed on as read,
        # is read again with those characters only (a speck beside a figure is then not read
        # as an asterisk or a letter)
        asked = [
            i
            for i, (line, value, _) in enumerate(todo)
            if found[i] is None and (allowed is None or (value and _digits_only(line.text)))
        ]
        if not asked:
            continue
        readings = engine.recognise([im for i in asked for im in images[i]], allowed=allowed)
        for k, i in enumerate(asked):
            line, value, first = todo[i]
            n = len(images[i])
            reading = _agreed(readings[k * n : (k + 1) * n], line.text, value)
            # taken only when the variants are surer than the first reading
            found[i] = reading if reading is not None and reading[1] > first else None
    for (line, _, _), reading in zip(todo, found):
        if reading is None:
            continue
        text, confidence = reading
        if text.translate(_HALF_WIDTH) == line.text.translate(_HALF_WIDTH):
            # the same characters: the width of a bracket or a colon is not in the ink, and the
            # first reading has had it set (``text.tidy``) with the rest of its cell in view
            text, confidence = line.text, max(confidence, line.confidence)
        if (text, confidence) != (line.text, line.confidence):
            line.text, line.confidence, changed = text, confidence, True
    return changed


def _digits_only(text: str) -> bool:
    """Whether ``text`` holds digits and number marks only (a figure as the model reads one)."""
    return set(text) <= set(_NUMBER_CHARACTERS)


def _agreed(readings: list, first: str, value: bool) -> tuple[str, float] | None:
    """The text at least SECOND_LOOK_AGREE of the ``readings`` give alike, with the median
    confidence of those readings; None when too few agree, or for a ``value`` when the text is
    not of a value's shape (and, for a line ``first`` read as a figure, not a figure)."""
    from collections import Counter

    from .shapes import is_value, text_problem

    texts = [(_as_printed(r.text), r.confidence) for r in readings]
    text, agree = Counter(text for text, _ in texts).most_common(1)[0]
    if agree < SECOND_LOOK_AGREE or not text:
        return None
    if value and _digits_only(first) and not _digits_only(text):
        return None  # a figure read again must still be a figure (``145:75`` is not one)
    if value and (not is_value(text) or text_problem(text)):
        return None
    return text, round(median(c for t, c in texts if t == text), 3)


def _find_tables(page, rules, scale: float) -> list:
    """pdfplumber tables on the page from the ruling lines found in the image."""
    if not rules:
        return []
    vertical, horizontal = [], []
    for r in rules:
        if r.horizontal:
            y = r.at * scale
            horizontal.append(_edge(r.start * scale, y, r.end * scale, y))
        else:
            x = r.at * scale
            vertical.append(_edge(x, r.start * scale, x, r.end * scale))
    # a table cut by the page break has vertical rules open at its top (or bottom): close them,
    # as the text-layer reader does
    for y in _open_ends(rules, scale):
        xs = [
            r.at * scale
            for r in rules
            if not r.horizontal and (abs(r.start * scale - y) <= 3 or abs(r.end * scale - y) <= 3)
        ]
        if len(xs) >= 2:
            horizontal.append(_edge(min(xs), y, max(xs), y))
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical,
        "explicit_horizontal_lines": horizontal,
    }
    tables = page.find_tables(settings)
    # a table must be at least two cells; thin slivers between double lines are not cells
    return [t for t in tables if len(t.cells) >= 2]


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _open_ends(rules, scale: float) -> list[float]:
    """Ends (points) of the vertical rules' span that no horizontal rule closes."""
    vertical = [r for r in rules if not r.horizontal]
    horizontal = [r.at * scale for r in rules if r.horizontal]
    if not vertical:
        return []
    top = min(r.start for r in vertical) * scale
    bottom = max(r.end for r in vertical) * scale
    return [y for y in (top, bottom) if not any(abs(h - y) <= 3 for h in horizontal)]


def _open_top(rules, scale: float) -> float | None:
    vertical = [r for r in rules if not r.horizontal]
    horizontal = [r.at * scale for r in rules if r.horizontal]
    if not vertical:
        return None
    top = min(r.start for r in vertical) * scale
    return None if any(abs(h - top) <= 3 for h in horizontal) else top


def _cell_text(lines: list[_Line]) -> tuple[str, float | None]:
    if not lines:
        return "", None
    text = tidy(tidy_cjk("\n".join(line.text for line in lines if line.text)))
    return text, round(min(line.confidence for line in lines), 3)


def _table_rows(table, t: int, cell_lines, number: int, scale: float) -> list[Row]:
    """A pdfplumber table of the image's grid → rows of the model, with the merged cells treated
    as ``pdf._table_rows`` treats them on text-layer pages."""
    grid = table.rows
    rows: list[Row] = []
    for r, group in enumerate(grid):
        present = [c for c in group.cells if c is not None]
        if not present:
            continue
        row_top = min(c[1] for c in present)
        row_bottom = max(c[3] for c in present)
        cells: list[Cell] = []
        for c, bbox in enumerate(group.cells):
            if bbox is None:
                above = next((grid[k].cells[c] for k in range(r - 1, -1, -1) if grid[k].cells[c] is not None), None)
                if above is not None and above[3] > row_top + _EPS:
                    merged = (round(above[0], 2), round(row_top, 2), round(above[2], 2), round(row_bottom, 2))
                    cells.append(Cell(text="", row=len(rows), col=len(cells), page=number, bbox=merged, confidence=1.0))
                continue
            text, confidence = _cell_text(cell_lines.get((t, bbox), []))
            cells.append(
                Cell(
                    text=text,
                    row=len(rows),
                    col=len(cells),
                    page=number,
                    bbox=tuple(round(v, 2) for v in bbox),
                    confidence=1.0 if confidence is None else confidence,
                )
            )
        if cells:
            rows.append(Row(cells=tuple(cells), index=len(rows), page=number))
    return rows


def _withhold_unsure_figures(
    rows: list[Row], problems: dict[tuple[int, int], str], number: int, unread: list[UnreadPart]
) -> list[Row]:
    from dataclasses import replace

    from .shapes import is_value

    out = []
    for r, row in enumerate(rows):
        cells = []
        for c, cell in enumerate(row.cells):
            if cell.value and is_value(cell.value) and (cell.confidence or 0) < FIGURE_FLOOR:
                why = problems.get((r, c))
                unread.append(
                    UnreadPart(
                        part="value",
                        reason=(
                            f"OCR read {cell.value!r} here but is unsure of it "
                            + (f"({why})" if why else f"(confidence {cell.confidence:.2f}, below {FIGURE_FLOOR:g})")
                            + "; left empty rather than guessed"
                        ),
                        source_page=number,
                        text=cell.value,
                    )
                )
                cell = replace(cell, text="", withheld=cell.value)
            cells.append(cell)
        out.append(replace(row, cells=tuple(cells)))
    return out


def _paragraphs(lines: list[_Line], number: int, scale: float, page_height: float) -> list[tuple[float, Paragraph]]:
    """Text lines outside the tables → paragraphs: lines side by side on one baseline are one
    line of text; a line that reaches the right margin goes on in the next one."""
    import re

    furniture = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页)?(\s*/\s*\d+|\s*共\s*\d+\s*页)?[-—–\s]*$")
    items: list[dict[str, Any]] = []
    for line in lines:
        if not line.text.strip():
            continue
        x0, y0, x1, y1 = (v * scale for v in line.box)
        if furniture.match(line.text) and (y0 < 0.08 * page_height or y1 > 0.92 * page_height):
            continue
        items.append({"text": line.text, "x0": x0, "top": y0, "x1": x1, "bottom": y1, "confidence": line.confidence})
    items.sort(key=lambda d: (round(d["top"]), d["x0"]))
    # pieces of one visual line (their vertical extents overlap by half) are kept apart, as
    # pdfplumber keeps 部门：… and 单位：万元 in one text line but they are separate here; join them
    visual: list[list[dict]] = []
    for item in items:
        if visual:
            last = visual[-1]
            top = max(d["top"] for d in last)
            bottom = min(d["bottom"] for d in last)
            overlap = min(bottom, item["bottom"]) - max(top, item["top"])
            if overlap > 0.5 * min(item["bottom"] - item["top"], bottom - top):
                last.append(item)
                continue
        visual.append([item])
    joined = []
    for group in visual:
        group.sort(key=lambda d: d["x0"])
        joined.append(
            {
                "text": " ".join(d["text"] for d in group),
                "x0": group[0]["x0"],
                "x1": group[-1]["x1"],
                "top": min(d["top"] for d in group),
                "bottom": max(d["bottom"] for d in group),
                "confidence": min(d["confidence"] for d in group),
            }
        )
    if not joined:
        return []
    right = max(d["x1"] for d in joined)
    out: list[tuple[float, Paragraph]] = []
    current: list[dict] = []
    for entry in joined:
        current.append(entry)
        height = entry["bottom"] - entry["top"]
        if entry["x1"] < right - 1.5 * height:
            out.append(_paragraph(current, number))
            current = []
    if current:
        out.append(_paragraph(current, number))
    return out


def _paragraph(lines: list[dict], number: int) -> tuple[float, Paragraph]:
    text = tidy(tidy_cjk("".join(line["text"] for line in lines)))
    bbox = (
        round(min(line["x0"] for line in lines), 2),
        round(lines[0]["top"], 2),
        round(max(line["x1"] for line in lines), 2),
        round(lines[-1]["bottom"], 2),
    )
    confidence = round(min(line["confidence"] for line in lines), 3)
    return lines[0]["top"], Paragraph(text=text, page=number, bbox=bbox, confidence=confidence)
