"""Pieces every producer shares: the drawn tables of a source, cell widths, digit runs."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pipelines.model import Paragraph, Row, Table
from scripts.render.layout import Layout
from scripts.render.source import (
    Source,
    grid_of,
    is_indicator_heading,
    merged_down,
    runs_of_equal_width,
    sections,
)

DIGITS = re.compile(r"[0-9][0-9,.%]*")


@dataclass
class DrawnTable:
    """One table as a producer draws it: rows of cells on a grid of ``len(widths)`` columns.
    ``cells[r]`` lists (text, first grid column, last grid column + 1) of row r; ``merged`` the
    (row, cell index) positions drawn as part of the cell above; ``heading`` whether the first row
    repeats at the top of the next page."""

    rows: list[Row]
    cells: list[list[tuple[str, int, int]]]
    widths: list[float]
    heading: bool
    merged: set[tuple[int, int]]


def min_column(layout: Layout) -> float:
    left, right, _, _ = layout.padding()
    return layout.cell_pt * 1.15 + left + right + 1


def drawn_tables(table: Table, layout: Layout, width: float) -> list[DrawnTable]:
    """The tables a text table is drawn as, touching one another (see source.sections)."""
    boxed = all(c.bbox is not None for row in table.rows for c in row.cells)  # read from a PDF: its own grid
    if layout.grid == "runs" and not boxed:
        parts = runs_of_equal_width(table.rows) if layout.extra.get("classic") else _runs(table.rows)
    else:
        parts = sections(table.rows)
    out = []
    for rows in parts:
        n, columns = grid_of(rows)
        widths = layout.widths(n, width * layout.table_width, min_column(layout))
        cells = [[(c.text, a, b) for c, (a, b) in zip(row.cells, spans)] for row, spans in zip(rows, columns)]
        heading = layout.repeat_headings and is_indicator_heading(rows[0]) and len(rows) > 1
        merged = merged_down(rows) if layout.merge_down else set()
        out.append(DrawnTable(rows=list(rows), cells=cells, widths=widths, heading=heading, merged=merged))
    return out


def _runs(rows: Sequence[Row]) -> list[list[Row]]:
    """Runs of equal width within each section (so a run never crosses a title row)."""
    return [run for section in sections(rows) for run in runs_of_equal_width(section)]


def blocks(source: Source) -> Iterator[Paragraph | Table]:
    yield from source.blocks


def digit_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (part, is_digits) runs."""
    out: list[tuple[str, bool]] = []
    at = 0
    for m in DIGITS.finditer(text):
        if m.start() > at:
            out.append((text[at : m.start()], False))
        out.append((m.group(0), True))
        at = m.end()
    if at < len(text):
        out.append((text[at:], False))
    return out
