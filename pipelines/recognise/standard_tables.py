"""The nine standard tables of a 部门决算公开 (公开01表 … 公开09表), recognised by their title.

A title is a short paragraph naming one of the nine tables, worded as departments word it
(``收入支出决算总表``, ``《收入支出决算总表》``, ``表一``/``公开01表`` before or after it). The ruled
table after it is read into one value per printed cell: its row (科目编码 printed as one code or as
类/款/项 columns, 科目名称 or 项目, 行次, the 收入/支出 half of tables 1 and 4) and its column (the
heading path above it, e.g. ``本年支出/小计``). Amounts printed in 元 are stored in 万元, the printed
text kept. Tables 7 and 8 printed empty, with the note that the department has none, are recorded
as empty: an empty table is a fact, not an error.

Columns are found from the cells' positions, so a heading spanning several columns (``本年支出``
over ``小计 / 基本支出 / 项目支出``) names each of them. A text file has no positions; there the
heading rows are read by cell index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.model import Cell, Document, Paragraph, Row, Table, UnreadPart, excerpt, squash

TITLES = {
    1: "收入支出决算总表",
    2: "收入决算表",
    3: "支出决算表",
    4: "财政拨款收入支出决算总表",
    5: "一般公共预算财政拨款支出决算表",
    6: "一般公共预算财政拨款基本支出决算表",
    7: "政府性基金预算财政拨款收入支出决算表",
    8: "国有资本经营预算财政拨款收入支出决算表",
    9: "财政拨款三公经费支出决算表",
}
_BY_LENGTH = sorted(TITLES.items(), key=lambda item: len(item[1]), reverse=True)
_NUMBER_LABEL = re.compile(r"(公开\d{1,2}表|表(?:十[一二]?|[一二三四五六七八九])|附表\d+)")
_UNIT = re.compile(r"(?:金额)?单位[：:]\s*(万元|元)")
_EMPTY_NOTE = re.compile(r"(空表|无.{0,30}(收入|支出).{0,20}(结余|数据))")
_AMOUNT = re.compile(r"^-?[\d,]*\d(\.\d+)?$")
_CODE = re.compile(r"^\d{2,7}$")
_TOTAL_NAMES = ("合计", "总计")
_CODE_PARTS = ("类", "款", "项")
_NAME_HEADINGS = ("科目名称", "项目", "项目名称")
_CODE_HEADINGS = ("科目编码", "功能分类科目编码", "经济分类科目编码")


def _plain(text: str) -> str:
    return re.sub(r"[《》“”\"'‘’\s]", "", squash(text))


def title_number(text: str) -> int | None:
    """Which of the nine tables a title paragraph names, or None. A long sentence that merely
    mentions a table (…决算表为空表。) is not a title."""
    plain = re.sub(r"^\d{4}年度?", "", _plain(text))
    for number, title in _BY_LENGTH:
        if title in plain and len(plain) <= len(title) + 6:  # room for 公开01表 / 表五 / 附表1
            return number
    return None


@dataclass
class StandardValue:
    side: str | None  # 收入 or 支出 (tables 1 and 4)
    line_no: str | None  # 行次
    code: str | None  # 科目编码, all its parts joined
    level: str | None  # 类, 款, 项, 合计 (coded tables)
    item: str | None  # 科目名称 / 项目 as printed (其中： removed)
    class_name: str | None
    section_name: str | None
    column: str  # the heading path, "/"-joined
    text: str  # the amount as printed
    source_page: int | None
    source_line: int | None


@dataclass
class StandardTable:
    number: int
    key: str
    title: str  # as printed
    label: str | None  # 公开01表 / 表一 as printed
    unit: str | None  # 万元 or 元, as printed
    empty: bool
    note: str | None
    source_page: int | None
    source_line: int | None
    body_rows: int = 0
    values: list[StandardValue] = field(default_factory=list)


def _center(cell: Cell) -> float | None:
    return (cell.bbox[0] + cell.bbox[2]) / 2 if cell.bbox else None


def _covering(row: Row, x: float | None, index: int) -> Cell | None:
    if x is None:
        return row.cells[index] if index < len(row.cells) else None
    return next((c for c in row.cells if c.bbox and c.bbox[0] - 0.5 <= x <= c.bbox[2] + 0.5), None)


def _is_body(row: Row) -> bool:
    """The first row of figures: an amount, a 科目编码, or a 合计 row printed blank (tables 7, 8)."""
    values = row.values
    if not values or values[0] == "栏次":
        return False
    if any(_AMOUNT.match(v) and ("." in v or "," in v) for v in values):
        return True
    if any(_CODE.match(v) and len(v) in (3, 5, 7) for v in values[:3]):
        return True
    return values[0] in _TOTAL_NAMES and not any(values[1:])


def _is_column_numbers(row: Row) -> bool:
    values = [v for v in row.values if v]
    return bool(values) and (values[0] == "栏次" or all(re.fullmatch(r"\d{1,2}", v) for v in values))


@dataclass
class _Column:
    index: int
    x: float | None
    path: list[str]

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""


def _columns(header: list[Row], body: list[Row]) -> list[_Column]:
    widest = max(body, key=len)
    columns = []
    for index, cell in enumerate(widest.cells):
        x = _center(cell)
        path: list[str] = []
        for row in header:
            covering = _covering(row, x, index)
            if covering is not None and covering.value and covering.value not in path:
                path.append(covering.value)
        columns.append(_Column(index, x, path))
    return columns


def _role(column: _Column) -> str:
    leaf, path = column.leaf, column.path
    if leaf in _CODE_PARTS and any(p in _CODE_HEADINGS for p in path) or leaf in _CODE_PARTS:
        return "code_part"
    if leaf in _CODE_HEADINGS:
        return "code"
    if leaf in _NAME_HEADINGS:
        return "name"
    if leaf == "行次":
        return "line_no"
    return "value"


def _level(code: str | None, name: str | None) -> str | None:
    if code is None:
        return "合计" if name in _TOTAL_NAMES else None
    return {3: "类", 5: "款", 7: "项"}.get(len(code))


def _sangong_item(path: list[str]) -> tuple[str, str]:
    """Table 9 printed across: ('预算数', '公务用车购置费') from 预算数/公务用车购置及运行费/公务用车购置费."""
    measure, rest = path[0], path[1:]
    if rest and rest[-1] == "小计" and len(rest) > 1:
        rest = rest[:-1]
    return measure, rest[-1] if rest else measure


def read_table(
    number: int, title: Paragraph, preamble: list[Paragraph], tables: list[Table], label_before: str | None
) -> StandardTable:
    text = squash(" ".join(p.text for p in preamble))
    label = _NUMBER_LABEL.search(_plain(title.text) + text)
    unit = _UNIT.search(text)
    note = re.search(r"注[：:].*$", text) or _EMPTY_NOTE.search(text)
    out = StandardTable(
        number=number,
        key=TITLES[number],
        title=squash(title.text),
        label=label.group(1) if label else label_before,
        unit=unit.group(1) if unit else None,
        empty=False,
        note=note.group(0) if note and _EMPTY_NOTE.search(note.group(0)) else None,
        source_page=title.page,
        source_line=title.line,
    )
    rows = [row for table in tables for row in table.rows]
    start = next((i for i, row in enumerate(rows) if _is_body(row)), None)
    if start is None:
        out.empty = True
        return out
    header = [r for r in rows[:start] if not _is_column_numbers(r)]
    body = [r for r in rows[start:] if any(r.values) and not _is_column_numbers(r)]
    columns = _columns(header, body)
    roles = {c.index: _role(c) for c in columns}
    sides = [c.path[0] if c.path and c.path[0] in ("收入", "支出") else None for c in columns]
    names: dict[str, str] = {}
    parent_code = ""
    for row in body:
        by_column: dict[int, str] = {}
        for column in columns:
            cell = _covering(row, column.x, column.index)
            by_column[column.index] = cell.value if cell is not None else ""
        for side in dict.fromkeys(sides):
            mine = [c for c, s in zip(columns, sides) if s == side]
            parts = [by_column[c.index] for c in mine if roles[c.index] == "code_part"]
            code_cell = next((by_column[c.index] for c in mine if roles[c.index] == "code"), "")
            name = next((by_column[c.index] for c in mine if roles[c.index] == "name"), "")
            line_no = next((by_column[c.index] for c in mine if roles[c.index] == "line_no"), "") or None
            if parts and all(not p or p.isdigit() for p in parts) and any(parts):
                if parts[0]:
                    parent_code = parts[0]
                code = (parts[0] or parent_code) + "".join(parts[1:])
            elif parts and not name:
                name, code = next((p for p in parts if p), ""), None
            else:
                code = code_cell if _CODE.match(code_cell or "") else None
                if code is None and code_cell and not name:
                    name = code_cell
            name = re.sub(r"^(其中[：:])|^[一二三四五六七八九十]+、", "", name) or None
            level = _level(code, name)
            if code and level in ("类", "款") and name:
                names[code] = name
            class_name = names.get(code[:3]) if code else None
            section_name = names.get(code[:5]) if code and len(code) >= 5 else None
            for column in mine:
                if roles[column.index] != "value":
                    continue
                value = by_column[column.index]
                if not value or not _AMOUNT.match(value):
                    continue
                path = column.path[1:] if side and column.path and column.path[0] == side else column.path
                item = name
                column_name = "/".join(path)
                if number == 9 and not name and path:
                    column_name, item = _sangong_item(path)
                out.values.append(
                    StandardValue(
                        side=side,
                        line_no=line_no,
                        code=code,
                        level=_level(code, item),
                        item=item,
                        class_name=class_name,
                        section_name=section_name,
                        column=column_name,
                        text=value,
                        source_page=row.page,
                        source_line=row.line,
                    )
                )
        out.body_rows += 1
    out.empty = not out.values
    return out


def read_standard_tables(doc: Document, unread: list[UnreadPart] | None = None) -> list[StandardTable]:
    """Every standard table of the document: a title paragraph, the paragraphs after it (the
    table number, 部门, 单位, a note), and the ruled table(s) up to the next title. A table that
    cannot be read is left out and recorded in ``unread``; the other tables are read."""
    found: list[StandardTable] = []
    pending: tuple[int, Paragraph, list[Paragraph], list[Table], str | None] | None = None
    before: Paragraph | None = None

    def close() -> None:
        if pending is not None and (pending[3] or _EMPTY_NOTE.search(" ".join(p.text for p in pending[2]))):
            try:
                found.append(read_table(*pending))
            except Exception as exc:
                if unread is None:
                    raise
                title = pending[1]
                unread.append(
                    UnreadPart(
                        part="table",
                        reason=f"standard table {pending[0]} could not be read: {type(exc).__name__}: {exc}",
                        source_page=title.page,
                        source_line=title.line,
                        table_kind=f"standard_{pending[0]:02d}",
                        text=excerpt(title.text),
                    )
                )

    for block in doc.blocks():
        if isinstance(block, Paragraph):
            number = title_number(block.text)
            if number is not None:
                close()
                label = _NUMBER_LABEL.fullmatch(_plain(before.text)) if before is not None else None
                pending = (number, block, [], [], label.group(1) if label else None)
            elif pending is not None and not pending[3]:
                pending[2].append(block)
            elif pending is not None and pending[3] and len(block.text) > 60:
                close()
                pending = None
        elif pending is not None:
            pending[3].append(block)
        before = block if isinstance(block, Paragraph) else None
    close()
    return found
