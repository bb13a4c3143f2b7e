"""reportlab (platypus): paragraphs and ruled tables, drawn directly as PDF.

A row that meets the page end is cut: the part of each cell's text that fits stays at the bottom
of the page, the rest goes on at the top of the next (again, if it is longer than a page), under
the repeated heading row if there is one. reportlab's own ``splitInRow`` misplaces rows when
combined with ``repeatRows``, so ``RuledTable.split`` does the cut itself.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from pipelines.model import Paragraph, Table
from scripts.render.common import DrawnTable, digit_runs, drawn_tables
from scripts.render.layout import Layout, font
from scripts.render.source import Source

FRAME_PADDING = 6  # SimpleDocTemplate's frame keeps 6 pt on every side
RULE_PT = 0.6
# names registered with reportlab; WQYZenHei is the name the first fixtures were made with
RL_NAMES = {"wqy-zenhei": "WQYZenHei"}

_registered: set[str] = set()


def register(key: str) -> str:
    name = RL_NAMES.get(key, key.replace("-", ""))
    if name in _registered:
        return name
    from reportlab import rl_config

    rl_config.useA85 = 0  # binary streams: ASCII85 would add a quarter to every file
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    spec = font(key)
    if not spec.truetype:
        raise SystemExit(f"render: reportlab cannot embed {spec.family} (PostScript outlines)")
    pdfmetrics.registerFont(TTFont(name, spec.path, subfontIndex=spec.index))
    _registered.add(name)
    return name


def markup(text: str, layout: Layout | None = None) -> str:
    """reportlab paragraph markup of ``text``: line breaks kept, and digits in another font and
    raised or lowered when the layout says so."""

    def shifted(run: str) -> str:
        assert layout is not None  # only called when the layout has a digit font
        tag = "super" if layout.digit_shift_pt >= 0 else "sub"  # sub's rise lowers
        rise = abs(layout.digit_shift_pt)
        inner = f'<{tag} rise="{rise}" size="{layout.body_pt}">{escape(run)}</{tag}>'
        return f'<font face="{layout.digit_font}">{inner}</font>'

    def line(part: str) -> str:
        if layout is None or not layout.digit_font:
            return escape(part)
        return "".join(shifted(run) if digits else escape(run) for run, digits in digit_runs(part))

    # Keep the full-width indentation; reportlab collapses ordinary runs of spaces only.
    return "<br/>".join(line(part) for part in text.split("\n"))


def styles(layout: Layout):
    from reportlab.lib.styles import ParagraphStyle

    name = register(layout.font)
    body = ParagraphStyle(
        "body",
        alignment=4 if layout.justify else 0,  # TA_JUSTIFY, TA_LEFT
        fontName=name,
        fontSize=layout.body_pt,
        leading=layout.body_pt * 1.4,
        wordWrap="CJK",
        spaceAfter=layout.body_pt * 0.4,
    )
    cell = ParagraphStyle(
        "cell",
        fontName=name,
        fontSize=layout.cell_pt,
        leading=layout.cell_pt * layout.cell_leading,
        wordWrap="CJK",
    )
    return body, cell


def _table_style(layout: Layout, drawn: DrawnTable, open_top: int | None = None, open_bottom: bool = False):
    """Padding, font and rules. ``open_top``: a row drawn without its top border (the rest of a
    row cut by the page break before); ``open_bottom``: the last row drawn without its bottom
    border (cut by the page break after), when the layout draws cuts open."""
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    left, right, top, bottom = layout.padding()
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), left),
        # reportlab's CJK wrapping hangs closing punctuation (、，）。) past the line's width; a
        # right padding of one character keeps it inside the cell, so that pdfplumber does not
        # give it to the next cell.
        ("RIGHTPADDING", (0, 0), (-1, -1), right),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ("FONTNAME", (0, 0), (-1, -1), register(layout.font)),
        ("FONTSIZE", (0, 0), (-1, -1), layout.cell_pt),
    ]
    black = colors.black
    if not layout.open_cuts:
        if layout.vertical_rules:
            commands.insert(0, ("GRID", (0, 0), (-1, -1), RULE_PT, black))
        else:
            commands.insert(0, ("BOX", (0, 0), (-1, -1), RULE_PT, black))
            commands.insert(0, ("LINEBELOW", (0, 0), (-1, -1), RULE_PT, black))
    else:
        rules: list[tuple[Any, ...]] = [("LINEAFTER", (-1, 0), (-1, -1), RULE_PT, black)]
        rules.append(("LINEBEFORE", (0, 0), (-1 if layout.vertical_rules else 0, -1), RULE_PT, black))
        for r in range(len(drawn.cells)):
            # the rest of a cut row is open at the top, unless a repeated heading row is above
            # it (that row's bottom border is drawn, as every producer draws it)
            if r != open_top or r > 0:
                rules.append(("LINEABOVE", (0, r), (-1, r), RULE_PT, black))
        if not open_bottom:
            rules.append(("LINEBELOW", (0, -1), (-1, -1), RULE_PT, black))
        commands[:0] = rules
    for r, row in enumerate(drawn.cells):
        for _, a, b in row:
            if b - a > 1:
                commands.append(("SPAN", (a, r), (b - 1, r)))
    return TableStyle(commands)


_RULED_TABLE_CLASS = None


def ruled_table_class():
    """A reportlab Table that repeats its heading row and cuts a row at a page break."""
    global _RULED_TABLE_CLASS
    if _RULED_TABLE_CLASS is not None:
        return _RULED_TABLE_CLASS
    from reportlab.platypus import Table as RLTable

    class RuledTable(RLTable):
        def __init__(self, data, drawn: DrawnTable, layout: Layout, open_top=None, open_bottom=False):
            self._data_cells = data
            self._drawn = drawn
            self._layout = layout
            self._open_top = open_top
            super().__init__(
                data,
                colWidths=drawn.widths,
                repeatRows=1 if drawn.heading else 0,
                splitByRow=1,
                splitInRow=0,
                style=_table_style(layout, drawn, open_top, open_bottom),
                hAlign="LEFT",
                spaceBefore=0,
                spaceAfter=0,
            )

        def _again(self, data, cells, open_top=None, open_bottom=False):
            drawn = DrawnTable(
                rows=self._drawn.rows,
                cells=cells,
                widths=self._drawn.widths,
                heading=self._drawn.heading,
                merged=set(),
            )
            return RuledTable(data, drawn, self._layout, open_top, open_bottom)

        def split(self, availWidth, availHeight):
            # reportlab's own layout pass and its result: private, so not in its stubs
            self._calc(availWidth, availHeight)  # type: ignore[attr-defined]
            heights = self._rowHeights  # type: ignore[attr-defined]
            used, i = 0.0, 0
            while i < len(heights) and used + heights[i] <= availHeight + 1e-6:
                used += heights[i]
                i += 1
            if i >= len(heights):
                return [self]
            data, cells = self._data_cells, self._drawn.cells
            head = 1 if self._drawn.heading else 0
            if i < head:
                return []  # a heading row that repeats is never cut: the table moves on
            room = availHeight - used
            first, rest = self._cut_row(data[i], cells[i], room)
            if first is None:
                # No room to cut this row: plain split between rows.
                if i <= head:
                    return []  # nothing but the heading would fit: the whole table moves on
                top = self._open_top if self._open_top is not None and self._open_top < i else None
                return [
                    self._again(data[:i], cells[:i], top),
                    self._again(data[:head] + data[i:], cells[:head] + cells[i:]),
                ]
            top = self._open_top if self._open_top is not None and self._open_top <= i else None
            return [
                self._again(data[:i] + [first], cells[: i + 1], top, open_bottom=True),
                self._again(data[:head] + [rest] + data[i + 1 :], cells[:head] + cells[i:], open_top=head),
            ]

        def _cut_row(self, row, cells, room):
            """Cut one row's cells at ``room`` points; (None, None) when it cannot be cut."""
            left, right, top, bottom = self._layout.padding()
            pad_v = top + bottom
            size = self._layout.cell_pt
            min_height = 2 * size * self._layout.cell_leading  # two lines of text
            if room - pad_v < min_height:
                return None, None
            widths = self._drawn.widths
            first, rest = list(row), list(row)
            for _, a, b in cells:
                cell = row[a]
                if isinstance(cell, str):
                    first[a], rest[a] = cell, ""
                    continue
                inner_w = sum(widths[a:b]) - left - right
                _, h = cell.wrap(inner_w, room - pad_v)
                if h <= room - pad_v + 1e-6:
                    first[a], rest[a] = cell, ""
                    continue
                parts = cell.split(inner_w, room - pad_v)
                if len(parts) == 2:
                    first[a], rest[a] = parts
                else:
                    first[a], rest[a] = "", cell
            if all(first[a] == "" for _, a, _ in cells) or all(rest[a] == "" for _, a, _ in cells):
                return None, None  # nothing fits, or everything does (no cut: the row moves on whole)
            return first, rest

    _RULED_TABLE_CLASS = RuledTable
    return RuledTable


def table_flowables(table: Table, layout: Layout, width: float) -> list:
    from reportlab.platypus import Paragraph as RLParagraph

    _, cell_style = styles(layout)
    table_class = ruled_table_class()
    out = []
    for drawn in drawn_tables(table, layout, width):
        n = len(drawn.widths)
        data = []
        for row in drawn.cells:
            line: list[Any] = [""] * n
            for text, a, _ in row:
                line[a] = RLParagraph(markup(text), cell_style) if text else ""
            data.append(line)
        out.append(table_class(data, drawn, layout))
    return out


def flowables(blocks, layout: Layout, width: float, tables: bool = True) -> list:
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Spacer

    body, _ = styles(layout)
    out: list = []
    spacer = layout.extra.get("spacer_pt")  # push the first table down (a fixture placing a page break)
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(RLParagraph(markup(block.text, layout), body))
        elif tables:
            out.append(Spacer(1, 3 + (spacer or 0)))
            spacer = None
            out.extend(table_flowables(block, layout, width))
            out.append(Spacer(1, 6))
    return out


def frame_size(layout: Layout) -> tuple[float, float]:
    top, right, bottom, left = layout.margins
    w, h = layout.pagesize
    return w - left - right - 2 * FRAME_PADDING, h - top - bottom - 2 * FRAME_PADDING


def build(items: list, layout: Layout, title: str, author: str = "make_pdf_fixtures.py") -> bytes:
    from reportlab.platypus import SimpleDocTemplate

    top, right, bottom, left = layout.margins
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=layout.pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=author,
        creator="reportlab",
        invariant=1,
    )
    doc.build(items)
    return buf.getvalue()


def render(source: Source, layout: Layout, title: str | None = None) -> bytes:
    width, _ = frame_size(layout)
    items = flowables(source.blocks, layout, width)
    return build(items, layout, title or source.name)
