"""What is drawn: a seed (or a part of one) as the project's own text reader reads it.

Every rendering prints every paragraph and every table row and cell of its source, in order and
with the same text: an empty cell stays an empty cell, a cell's line break stays a line break. So
the facts read back from a rendering must equal the facts of the text form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.model import Paragraph, Row, Table
from pipelines.readers.text import read_text

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
SEEDS = ("000", "001", "002", "003", "004")

Block = Paragraph | Table


@dataclass(frozen=True)
class Source:
    """The blocks to draw, and the text file they come from (for the facts to compare with)."""

    name: str
    blocks: tuple[Block, ...]
    # the file whose facts a full rendering must give: the seed's text form, or the real PDF the
    # blocks were read from
    facts_file: Path | None = None


def seed_file(key: str) -> Path:
    found = sorted(RAW.glob(f"{key}_*.txt"))
    if not found:
        raise SystemExit(f"render: no seed {key}_*.txt in {RAW}")
    return found[0]


@cache
def seed_source(key: str) -> Source:
    """The whole seed ``key`` ("000" … "004")."""
    path = seed_file(key)
    document = read_text(path)
    return Source(name=f"seed{key}", blocks=tuple(document.blocks()), facts_file=path)


# Real published 决算 PDFs of another region (tests/fixtures/real/), drawn again in other layouts:
# the blocks the project's PDF reader reads from them, and their facts to compare with.
REAL = ROOT / "tests" / "fixtures" / "real"
REAL_SOURCES = {
    "real_planning": "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf",
    "real_social": "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",
    "real_template": "附件2：部门决算模板.pdf",
}


@cache
def real_source(name: str) -> Source:
    """A real PDF (``REAL_SOURCES``) as the blocks the project's PDF reader reads from it."""
    from pipelines.readers import read_document

    if name not in REAL_SOURCES:
        raise SystemExit(f"render: no real source {name!r}; one of {', '.join(REAL_SOURCES)}")
    path = REAL / REAL_SOURCES[name]
    return Source(name=name, blocks=tuple(read_document(path).blocks()), facts_file=path)


def is_indicator_heading(row: Row) -> bool:
    values = row.values
    return "一级指标" in values and "二级指标" in values and "三级指标" in values


def is_title_row(row: Row) -> bool:
    return len(row.cells) == 1 and "自评表" in row.values[0]


def sections(rows: Sequence[Row]) -> list[list[Row]]:
    """Cut a text table into the tables a producer draws, touching one another: right before each
    indicator heading row (so that it is the first row of its table and can be repeated on the
    next page) and right before a one-cell title row (项目支出绩效自评表) that follows a wider row."""
    out: list[list[Row]] = []
    for row in rows:
        title = len(row.cells) == 1 and out and len(out[-1][-1].cells) > 1
        if not out or is_indicator_heading(row) or title:
            out.append([row])
        else:
            out[-1].append(row)
    return out


def runs_of_equal_width(rows: Sequence[Row]) -> list[list[Row]]:
    """Consecutive rows with the same number of cells; a new run also starts at an indicator
    heading row, so that the heading is the first row of its run (and can be repeated)."""
    runs: list[list[Row]] = []
    for row in rows:
        if runs and len(runs[-1][0].cells) == len(row.cells) and not is_indicator_heading(row):
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def spans(k: int, n: int) -> list[tuple[int, int]]:
    """Grid columns [start, end) of each of k cells spread over a common grid of n columns."""
    return [((i * n) // k, ((i + 1) * n) // k) for i in range(k)]


def grid_of(rows: Sequence[Row], tolerance: float = 4.0) -> tuple[int, list[list[tuple[int, int]]]]:
    """The number of grid columns and each cell's columns [start, end): from the cells' boxes when
    every cell has one (a table read from a PDF, whose heading cells span their own columns: 决算数
    over 合计 | 基本支出 | 项目支出), else each row's cells spread evenly over the widest row's."""
    boxes = [c.bbox for row in rows for c in row.cells]
    if rows and all(b is not None for b in boxes):
        edges: list[float] = []
        for x in sorted(x for b in boxes if b is not None for x in (b[0], b[2])):
            if not edges or x - edges[-1] > tolerance:
                edges.append(x)

        def at(x: float) -> int:
            return min(range(len(edges)), key=lambda i: abs(edges[i] - x))

        out = [[(at(c.bbox[0]), at(c.bbox[2])) for c in row.cells if c.bbox is not None] for row in rows]
        if all(a < b for row in out for a, b in row):
            return len(edges) - 1, out
    n = max(len(row.cells) for row in rows)
    return n, [spans(len(row.cells), n) for row in rows]


def merged_down(rows: Sequence[Row], columns: int = 3) -> set[tuple[int, int]]:
    """(row, cell) positions of empty cells a producer may draw as part of the cell above (a
    vertical merge, 一级指标 over its rows): in the first ``columns`` cells, under a label (text
    without digits) or a cell merged into one, in a row with the same number of cells, not in or
    under a heading row. A figure is never merged over the empty cells below it."""
    out: set[tuple[int, int]] = set()
    for r in range(1, len(rows)):
        row, above = rows[r], rows[r - 1]
        if len(row.cells) != len(above.cells) or is_indicator_heading(row) or not any(row.values):
            continue
        if not any(above.values) or is_indicator_heading(above):
            continue
        for c in range(min(columns, len(row.cells))):
            label = above.values[c] and not re.search(r"\d", above.values[c])
            if not row.values[c] and (label or (r - 1, c) in out):
                out.add((r, c))
    return out


def rows_of(source: Source) -> list[Row]:
    return [row for block in source.blocks if isinstance(block, Table) for row in block.rows]


def to_text(source: Source) -> str:
    """The source in the seeds' text form (each cell a line starting with a TAB, its wrapped
    lines after it, a blank line after each row), which the project's text reader reads back as
    the same blocks. The text form a part of a seed is compared with."""
    lines: list[str] = []
    for block in source.blocks:
        if isinstance(block, Paragraph):
            if lines and lines[-1].startswith("\t"):
                lines.append("")
            lines.append(block.text)
            continue
        if lines and lines[-1] != "":
            lines.append("")
        for row in block.rows:
            for cell in row.cells:
                first, *rest = cell.text.split("\n")
                lines.append("\t" + first)
                lines.extend(rest)
            lines.append("")
    return "\n".join(lines) + "\n"


def part(name: str, key: str, blocks: Sequence[Block]) -> Source:
    """A source made of some blocks of seed ``key``; checked to read back from its text form."""
    source = Source(name=name, blocks=tuple(blocks))
    from pipelines.readers.text import parse_text

    back = parse_text(to_text(source), name, "check").blocks()
    if [_shape(b) for b in back] != [_shape(b) for b in source.blocks]:
        raise SystemExit(f"render: the part {name} of seed {key} does not read back from its text form")
    return source


def _shape(block: Block):
    if isinstance(block, Paragraph):
        return block.text
    return [[c.text for c in row.cells] for row in block.rows]
