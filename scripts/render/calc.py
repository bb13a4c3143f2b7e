"""LibreOffice Calc: the source as one .xlsx sheet (openpyxl), converted by ``soffice --convert-to pdf``.

As the 决算 software's Excel exports: one grid for the whole sheet, N columns (N = the widest
row of the source); a row of k cells spans its cells over the grid (merged cells); a paragraph
is one merged cell over the whole width, wrapped, without borders. Calc sizes neither merged
cells nor wrapped text by itself when it prints, so every row gets a height estimated from its
text (generously: too short a row would hide text). Calc cannot break a row across pages: when a
row would be taller than the page, the widths are made equal and then the cell font smaller
until every row fits (the layout is otherwise kept). Pages are fitted to the page width.
"""

from __future__ import annotations

from dataclasses import replace

from pipelines.model import Paragraph
from scripts.render.common import DrawnTable, drawn_tables
from scripts.render.layout import Layout, font
from scripts.render.libreoffice import convert
from scripts.render.source import Source

PAPER = {"A4": 9, "A3": 8, "letter": 1}


def text_width_em(text: str) -> float:
    """Width of ``text`` in em, erring on the wide side."""
    return sum(0.62 if ord(ch) < 0x2E80 else 1.0 for ch in text)


# LibreOffice reads an .xlsx column width of one character as 7 pt, and indents text by 10.5 pt
# a level (measured on its output).
PT_PER_CHAR = 7.0
INDENT_PT = 10.5


def lines(text: str, width_pt: float, size: float, indent: float = 0.0) -> int:
    """Lines the text wraps into, erring on the high side (one more when it wraps at all): a row
    too short for its text lets the text run into the row below."""
    usable = max(width_pt - 6 - indent, size)
    count = 0
    for line in text.split("\n") or [""]:
        # wrapped character by character: a character does not fit a line in part (a column
        # 1.2 characters wide holds one character a line, not 1.2)
        wrapped, used = 1, 0.0
        for ch in line:
            w = text_width_em(ch) * size * 1.12
            if used and used + w > usable:
                wrapped, used = wrapped + 1, 0.0
            used += w
        count += 1 if wrapped <= 1 else wrapped + 1
    return count


def _plan(source: Source, layout: Layout, width: float):
    """The sheet's rows: ("p", text) or ("t", drawn table, index of its row)."""
    out: list[tuple[str, str] | tuple[str, DrawnTable, int]] = []
    grid = 1
    for block in source.blocks:
        if isinstance(block, Paragraph):
            out.append(("p", block.text))
            continue
        drawn = drawn_tables(block, layout, width)
        grid = max(grid, *(len(d.widths) for d in drawn))
        out.append(("gap", ""))
        for d in drawn:
            out.extend(("t", d, r) for r in range(len(d.cells)))
        out.append(("gap", ""))
    return out, grid


# Calc sets wrapped lines at the font's own line height, which is up to 1.45 em (Noto CJK).
LINE_EM = 1.5


def _heights(plan, widths: list[float], layout: Layout, n: int) -> list[float]:
    out = []
    total = sum(widths)
    for item in plan:
        if item[0] == "p":
            out.append(lines(item[1], total, layout.body_pt) * layout.body_pt * LINE_EM + 4)
        elif item[0] == "gap":
            out.append(layout.body_pt)
        else:
            _, drawn, r = item
            spans = _respan(drawn, n)[r]
            indent = 0.0 if layout.vertical_rules else INDENT_PT
            tallest = max(lines(text, sum(widths[a:b]), layout.cell_pt, indent) for text, a, b in spans)
            out.append(tallest * layout.cell_pt * max(layout.cell_leading, LINE_EM) + 5)
    return out


def _respan(drawn: DrawnTable, n: int) -> list[list[tuple[str, int, int]]]:
    """The drawn table's cells on the sheet's grid of n columns."""
    m = len(drawn.widths)
    if m == n:
        return drawn.cells
    return [[(text, a * n // m, b * n // m) for text, a, b in row] for row in drawn.cells]


def workbook(source: Source, layout: Layout):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.styles import Font as XFont
    from openpyxl.utils import get_column_letter

    top, right, bottom, left = layout.margins
    page_w, page_h = layout.pagesize
    width = (page_w - left - right) * layout.table_width
    printable_h = page_h - top - bottom - 4
    plan, n = _plan(source, layout, width)
    # a column holds a character of its font, its margins and (without vertical rules) the indent
    minimum = max(layout.cell_pt * 1.6, 14) + (0.0 if layout.vertical_rules else INDENT_PT)
    widths = layout.widths(n, width, minimum)
    heights = _heights(plan, widths, layout, n)
    if max(heights) > printable_h:  # Calc cannot break a row across pages
        layout = replace(layout, widths_spread=0.0)
        widths = layout.widths(n, width, minimum)
        heights = _heights(plan, widths, layout, n)
        while max(heights) > printable_h and layout.cell_pt > 5:
            layout = replace(layout, cell_pt=layout.cell_pt - 0.5)
            heights = _heights(plan, widths, layout, n)

    family = font(layout.font).family
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook's one sheet
    sheet.title = "Sheet1"
    for j, w in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = round(w / PT_PER_CHAR, 2)
    thin = Side(style="thin", color="000000")
    none = Side(style=None)
    body_font = XFont(name=family, size=layout.body_pt)
    body_wrap = Alignment(wrap_text=True, vertical="top", horizontal="justify" if layout.justify else "left")
    cell_font = XFont(name=family, size=layout.cell_pt)
    # without vertical rules, a column's text keeps off the one before it (indent: one character)
    wrap = Alignment(wrap_text=True, vertical="top", horizontal="left", indent=0 if layout.vertical_rules else 1)
    for r, (item, height) in enumerate(zip(plan, heights), start=1):
        sheet.row_dimensions[r].height = round(height, 1)
        if item[0] == "gap":
            continue
        if item[0] == "p":
            cell = sheet.cell(row=r, column=1, value=item[1])
            cell.font, cell.alignment = body_font, body_wrap
            if n > 1:
                sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
            continue
        _, drawn, index = item
        cells = _respan(drawn, n)[index]
        for i, (text, a, b) in enumerate(cells):
            if (index, i) in drawn.merged:
                continue
            for j in range(a, b):
                c = sheet.cell(row=r, column=j + 1)
                c.border = Border(
                    left=thin if (layout.vertical_rules or j == 0) and j == a else none,
                    right=thin if (layout.vertical_rules or j == n - 1) and j == b - 1 else none,
                    top=thin,
                    bottom=thin,
                )
            cell = sheet.cell(row=r, column=a + 1, value=text or None)
            cell.font, cell.alignment = cell_font, wrap
            if text.startswith("="):
                cell.data_type = "s"  # a printed "=1个" is text, not a formula
            span_down = 0
            while (index + span_down + 1, i) in drawn.merged:
                span_down += 1
            if b - a > 1 or span_down:
                sheet.merge_cells(start_row=r, start_column=a + 1, end_row=r + span_down, end_column=b)
    sheet.page_setup.paperSize = PAPER[layout.page]
    sheet.page_setup.orientation = "landscape" if layout.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    setup = sheet.sheet_properties.pageSetUpPr
    assert setup is not None  # a new sheet has its page set-up properties
    setup.fitToPage = True
    inch = 72.0
    sheet.page_margins.left, sheet.page_margins.right = left / inch, right / inch
    sheet.page_margins.top, sheet.page_margins.bottom = top / inch, bottom / inch
    sheet.page_margins.header = sheet.page_margins.footer = 0
    sheet.print_options.gridLines = False
    return book


def render(source: Source, layout: Layout, stem: str | None = None) -> bytes:
    return convert(lambda path: workbook(source, layout).save(path), stem or layout.name(), ".xlsx")
