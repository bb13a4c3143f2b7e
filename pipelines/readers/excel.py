"""Reader for Excel workbooks (``.xlsx`` with openpyxl, ``.xls`` with xlrd) into the same document
model as the PDF reader, so the same recognisers read the same facts from a workbook as from its
PDF export.

* A sheet is a page (numbered from 1 in workbook order); hidden sheets, rows and columns are not
  printed, so they are not read.
* Ruled cells (cells with a border) form the tables: consecutive rows with ruled cells are one
  table. Rows without ruled cells are running text: their cells' texts, left to right, are one
  paragraph (the title, ``单位：万元``, a note). A sheet without any border is read by layout
  instead: consecutive rows with two or more filled cells are a table.
* Merged cells are expanded as the PDF reader does: a horizontal merge is one cell spanning its
  columns; below a vertical merge, each covered row has an empty cell.
* Every value is its text *as displayed*, by the cell's number format: ``18380.13`` formatted
  ``#,##0.00`` is ``18,380.13``, a zero under a format whose zero section is empty is blank,
  ``0.9058`` formatted ``0.00%`` is ``90.58%``. Rounding is half away from zero, as Excel rounds.
* Each cell keeps its sheet (``page``), its row number in the sheet (``line``) and its position
  as a box in column and row units (``bbox``), which the recognisers use as they use PDF points.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from pipelines.model import Cell, Document, DocumentError, Page, Paragraph, Row, Table, tidy_cjk

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# ---------------------------------------------------------------------------------------------
# Numbers as displayed


def _sections(fmt: str) -> list[str]:
    """A number format's sections (positive;negative;zero;text), split on ; outside quotes."""
    out, current, quoted, escaped = [], [], False, False
    for ch in fmt:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            current.append(ch)
            escaped = True
        elif ch == '"':
            quoted = not quoted
            current.append(ch)
        elif ch == ";" and not quoted:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return out


_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|.', re.S)


def _literal_and_code(section: str) -> list[tuple[str, str]]:
    """The section as (kind, text) pieces: 'lit' for literal text, 'code' for format characters."""
    pieces = []
    for token in _TOKEN.findall(section):
        if token.startswith('"'):
            pieces.append(("lit", token[1:-1]))
        elif token.startswith("\\"):
            pieces.append(("lit", token[1:]))
        elif token.startswith("[") or token.startswith("*"):
            continue  # colour, locale, condition; fill character
        elif token.startswith("_"):
            pieces.append(("lit", " "))  # space the width of a character
        elif token in "0#?.,%":
            pieces.append(("code", token))
        elif token.lower() in "ymdhs" or token in "Ee":
            pieces.append(("date" if token.lower() in "ymdhs" else "code", token))
        else:
            pieces.append(("lit", token))
    return pieces


def _round(value: float, decimals: int) -> Decimal:
    try:
        return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return Decimal(value)


def _general(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".15g")


def display_number(value: float, fmt: str | None) -> str:
    """A number as Excel displays it under ``fmt`` (the common formats of financial sheets: ``0``,
    ``0.00``, ``#,##0.00``, ``0.00%``, sections with an empty zero part, quoted units)."""
    if not fmt or fmt.lower() == "general" or fmt == "@":
        return _general(value)
    sections = _sections(fmt)
    if value < 0 and len(sections) >= 2:
        section, number = sections[1], -value  # the negative section prints its own sign
    elif value == 0 and len(sections) >= 3:
        section, number = sections[2], value
    else:
        section, number = sections[0], value
    pieces = _literal_and_code(section)
    if any(kind == "date" for kind, _ in pieces):
        return _date_text(value)
    codes = "".join(text for kind, text in pieces if kind == "code")
    if not codes:
        return "".join(text for _, text in pieces).strip()
    if "%" in codes:
        number *= 100
    integer, _, fraction = codes.replace("%", "").partition(".")
    decimals = sum(1 for ch in fraction if ch in "0#?")
    grouped = "," in integer.strip(",")
    rounded = _round(number, decimals)
    text = f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}"
    if not any(ch == "0" for ch in integer) and text.startswith(("0.", "-0.")):
        text = text.replace("0.", ".", 1)  # #.## shows .5, not 0.5
    before, after, seen_code = [], [], False
    for kind, piece in pieces:
        if kind == "code":
            seen_code = True
            if piece == "%":
                after.append("%")
        elif not seen_code:
            before.append(piece)
        else:
            after.append(piece)
    return ("".join(before) + text + "".join(after)).strip()


def _date_text(value: float) -> str:
    day = dt.datetime(1899, 12, 30) + dt.timedelta(days=value)
    return day.date().isoformat() if day.time() == dt.time(0) else day.isoformat(sep=" ")


# ---------------------------------------------------------------------------------------------
# A sheet, whatever the file format


@dataclass
class _Sheet:
    name: str
    texts: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col), 0-based: as displayed
    ruled: set[tuple[int, int]] = field(default_factory=set)  # cells with a border
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 inclusive
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    rows: int = 0
    cols: int = 0


def _xlsx_sheets(data: bytes) -> list[_Sheet]:
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)  # formulas: their saved values
    sheets = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        sheet = _Sheet(ws.title)
        # the cells the file holds (iter_rows would make every cell of the used range, which a
        # style applied to whole columns stretches to a million rows)
        for cell in list(ws._cells.values()):
            if cell.row is None or cell.column is None:  # a merged cell not placed (never so in a loaded sheet)
                continue
            r, c = cell.row - 1, cell.column - 1
            border = cell.border
            if border is not None and any(
                side is not None and side.style for side in (border.left, border.right, border.top, border.bottom)
            ):
                sheet.ruled.add((r, c))
            value = cell.value
            if value is None:
                continue
            if isinstance(value, bool):
                text = "TRUE" if value else "FALSE"
            elif isinstance(value, int | float):
                text = display_number(float(value), cell.number_format)
            elif isinstance(value, dt.datetime) and value.time() == dt.time(0):
                text = str(value.date())  # a date typed as a date and time: midnight
            elif isinstance(value, dt.datetime | dt.date):
                text = value.isoformat()
            else:
                text = str(value)
            if text:
                sheet.texts[(r, c)] = text
        for merged in ws.merged_cells.ranges:
            sheet.merges.append((merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1))
        _set_extent(sheet)
        sheet.hidden_rows = {r - 1 for r, d in ws.row_dimensions.items() if d.hidden}
        sheet.hidden_cols = {c for c in range(sheet.cols) if ws.column_dimensions[get_column_letter(c + 1)].hidden}
        sheets.append(sheet)
    return sheets


def _xls_sheets(data: bytes) -> list[_Sheet]:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    sheets = []
    for index in range(book.nsheets):
        ws = book.sheet_by_index(index)
        if ws.visibility != 0:
            continue
        sheet = _Sheet(ws.name, rows=ws.nrows, cols=ws.ncols)
        for r in range(ws.nrows):
            for c in range(ws.row_len(r)):
                cell = ws.cell(r, c)
                xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
                if (
                    xf is not None
                    and xf.border is not None
                    and any(
                        (
                            xf.border.left_line_style,
                            xf.border.right_line_style,
                            xf.border.top_line_style,
                            xf.border.bottom_line_style,
                        )
                    )
                ):
                    sheet.ruled.add((r, c))
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                if cell.ctype == xlrd.XL_CELL_NUMBER:
                    known = book.format_map.get(xf.format_key) if xf is not None else None
                    fmt = known.format_str if known is not None else None
                    text = display_number(float(cell.value), fmt)
                elif cell.ctype == xlrd.XL_CELL_DATE:
                    text = _date_text(float(cell.value))
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    text = "TRUE" if cell.value else "FALSE"
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    text = xlrd.error_text_from_code.get(int(cell.value), "#ERROR")
                else:
                    text = str(cell.value)
                if text:
                    sheet.texts[(r, c)] = text
        sheet.merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in ws.merged_cells]
        _set_extent(sheet)
        sheet.hidden_rows = {r for r, info in ws.rowinfo_map.items() if info.hidden}
        sheet.hidden_cols = {c for c, info in ws.colinfo_map.items() if info.hidden}
        sheets.append(sheet)
        book.unload_sheet(index)
    return sheets


def _set_extent(sheet: _Sheet) -> None:
    """Rows and columns up to the last cell with a value or a border (or a merge)."""
    cells = [*sheet.texts, *sheet.ruled, *((r1, c1) for _, _, r1, c1 in sheet.merges)]
    sheet.rows = max((r for r, _ in cells), default=-1) + 1
    sheet.cols = max((c for _, c in cells), default=-1) + 1


# ---------------------------------------------------------------------------------------------
# Sheet → page


@dataclass
class _Placed:
    """A cell as printed: its text, its visible columns and rows, whether it is ruled."""

    text: str
    c0: int
    c1: int  # exclusive
    r0: int
    r1: int  # exclusive
    ruled: bool


def _row_cells(sheet: _Sheet, r: int, columns: list[int], merge_at: dict) -> list[_Placed]:
    """The printed cells of sheet row ``r``: a merge's top-left cell spans its columns; under it,
    one empty cell per covered row; cells covered from the left are dropped."""
    position = {c: i for i, c in enumerate(columns)}
    cells = []
    for c in columns:
        merge = merge_at.get((r, c))
        if merge is None:
            text = sheet.texts.get((r, c), "")
            cells.append(_Placed(text, position[c], position[c] + 1, r, r + 1, (r, c) in sheet.ruled))
            continue
        r0, c0, r1, c1 = merge
        visible = [position[x] for x in range(c0, c1 + 1) if x in position]
        if c != next(x for x in range(c0, c1 + 1) if x in position):
            continue  # covered from the left
        ruled = any((rr, cc) in sheet.ruled for rr in range(r0, r1 + 1) for cc in range(c0, c1 + 1))
        text = sheet.texts.get((r0, c0), "") if r == r0 else ""
        cells.append(_Placed(text, visible[0], visible[-1] + 1, r, r + 1, ruled))
    return cells


def _page(number: int, sheet: _Sheet) -> Page:
    columns = [c for c in range(sheet.cols) if c not in sheet.hidden_cols]
    rows = [r for r in range(sheet.rows) if r not in sheet.hidden_rows]
    merge_at = {}
    for merge in sheet.merges:
        r0, c0, r1, c1 = merge
        for rr in range(r0, r1 + 1):
            for cc in range(c0, c1 + 1):
                merge_at[(rr, cc)] = merge
    printed = {r: _row_cells(sheet, r, columns, merge_at) for r in rows}
    any_rule = any(cell.ruled for cells in printed.values() for cell in cells)

    def in_table(r: int) -> bool:
        cells = printed[r]
        if any_rule:
            return any(cell.ruled for cell in cells)
        return sum(1 for cell in cells if cell.text.strip()) >= 2

    page = Page(number=number)
    run: list[int] = []

    def close_run() -> None:
        if run:
            page.blocks.append(_table(number, run, printed))
            run.clear()

    for r in rows:
        if in_table(r):
            run.append(r)
            continue
        filled = [cell for cell in printed[r] if cell.text.strip()]
        if not any_rule and run and len(filled) == 1 and any(in_table(x) for x in rows if x > r):
            run.append(r)  # a row with one filled cell inside a table without rules (合计 alone)
            continue
        close_run()
        if filled:
            text = tidy_cjk(" ".join(cell.text.strip() for cell in filled))
            bbox = (float(filled[0].c0), float(r), float(filled[-1].c1), float(r + 1))
            page.blocks.append(Paragraph(text=text, page=number, line=r + 1, bbox=bbox))
    close_run()
    return page


def _table(number: int, run: list[int], printed: dict[int, list[_Placed]]) -> Table:
    ruled = [cell for r in run for cell in printed[r] if cell.ruled]
    if ruled:
        first, last = min(c.c0 for c in ruled), max(c.c1 for c in ruled)
    else:
        filled = [cell for r in run for cell in printed[r] if cell.text.strip()]
        first, last = min(c.c0 for c in filled), max(c.c1 for c in filled)
    rows = []
    for index, r in enumerate(run):
        cells = tuple(
            Cell(
                text=tidy_cjk(cell.text),
                row=index,
                col=col,
                page=number,
                line=r + 1,
                bbox=(float(cell.c0), float(r), float(cell.c1), float(r + 1)),
            )
            for col, cell in enumerate(c for c in printed[r] if c.c0 >= first and c.c1 <= last)
        )
        rows.append(Row(cells=cells, index=index, page=number, line=r + 1))
    bbox = (float(first), float(run[0]), float(last), float(run[-1] + 1))
    return Table(rows=tuple(rows), page=number, line=run[0] + 1, bbox=bbox)


def read_excel(path: Path, data: bytes | None = None) -> Document:
    """Read a workbook into a :class:`Document`, a sheet a page. Raises DocumentError naming the
    file and the reason (empty, not a workbook, encrypted, corrupt, nothing in it)."""
    if data is None:
        data = path.read_bytes()
    name = path.name
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty")
    try:
        if data.startswith(_ZIP):
            sheets = _xlsx_sheets(data)
        elif data.startswith(_OLE):
            sheets = _xls_sheets(data)
        else:
            kind = "an HTML page" if data.lstrip()[:1] == b"<" else "not a workbook"
            raise DocumentError(
                f"{name}: not an Excel workbook ({kind}: it has neither the .xlsx (zip) nor the .xls header)"
            )
    except DocumentError:
        raise
    except Exception as exc:
        reason = str(exc) or type(exc).__name__
        if "encrypt" in reason.lower() or "password" in reason.lower():
            raise DocumentError(f"{name}: the workbook is encrypted (password protected); it cannot be read") from None
        raise DocumentError(f"{name}: the workbook could not be read: {type(exc).__name__}: {reason}") from None
    pages = [_page(number, sheet) for number, sheet in enumerate(sheets, start=1)]
    if not any(page.blocks for page in pages):
        raise DocumentError(f"{name}: no visible sheet of the workbook has a value in any cell")
    return Document(
        doc_id=hashlib.sha256(data).hexdigest(),
        source_file=name,
        file_type="excel",
        pages=pages,
    )
