"""The nine standard tables of a 部门决算公开 (公开01表 … 公开09表), recognised by their title.

A title is a short paragraph naming one of the nine tables, worded as departments word it
(``收入支出决算总表``, ``《收入支出决算总表》``, ``表一``/``公开01表``/``七、`` before or after it, a
department and year in front), or one of the variants regions use (``“三公”经费及会议费、培训费支出决算表``,
``国有资本经营预算财政拨款支出决算表``). The table is keyed by its title, never by its printed number:
regions number them differently (上海 prints 三公 as 7, 政府性基金 as 8, 国有资本经营 as 9); the printed
label and number are kept beside our standard number. A list of the titles (目录: titles that follow each
other with no table between them) is not a table; its numbering is kept as the tables' printed number
when the table page prints none. Each standard table is read once.

The ruled table after a title is read into one value per printed figure, each with its full label:
its row (科目编码 printed as one code or as 类/款/项 columns, 科目名称 or 项目, 行次) and its column (the
heading path above it, e.g. ``本年支出/小计``, and our standard key of that column, e.g. ``合计``).
A table printed in blocks side by side — the 收入 and 支出 halves of tables 1 and 4, the 人员经费 and
公用经费 blocks of table 6 (two or three of them) — is read block by block: each block's code and
name belong to that block's figures only. A sub-line keeps its parent (in table 4 the 一般公共预算财政拨款
line under 年初财政拨款结转和结余; ``其中：`` lines). Codes, 行次 and percentages are never figures: a
printed value that is not an amount is recorded as an unread part with its page and reason, and so is
a figure with no item on its line. Tables 7 and 8 printed empty, with a note that the department has
none, are recorded as empty: an empty table is a fact, not an error.

Columns are found from the cells' positions (PDF points; for workbooks, column numbers), so a heading
spanning several columns (``本年支出`` over ``小计 / 基本支出 / 项目支出``) names each of them and a
label merged across blocks (``公用经费合计`` over two blocks) labels the figure under its end. A text
file has no positions; there the cells are matched by their index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipelines.model import Cell, Document, Paragraph, Row, Table, UnreadPart, excerpt, squash
from pipelines.recognise.records import read_by
from pipelines.text_patterns import (
    CLASS_NAMES,
    FUND_KINDS,
    PART_HEADING,
    TITLE_VARIANTS,
    TITLES,
    cn_number,
    plain_title,
)

_BY_LENGTH = sorted(TITLE_VARIANTS.items(), key=lambda item: len(item[0]), reverse=True)
_NUMBER_LABEL = re.compile(r"(公开\d{1,2}表|(?<!算)表(?:十[一二]?|[一二三四五六七八九])|附表\d{1,2}|(?<!算)表\d{1,2})")
_TOC_NUMBER = re.compile(r"([一二三四五六七八九十]{1,3})、$")
_UNIT = re.compile(r"(?:金额)?单位[：:]\s*(万元|元)")
# A note saying the table is empty: 故本表为空表 / 故本表无数据 / 本表为空.
_EMPTY_NOTE = re.compile(r"空表|无数据|本表为空|本表无")
_NOTE_END = ("。", "！", ".")
_NOTE_REST = 12  # characters: the end of a note's sentence (数据。), not a paragraph of its own
_NOTE = re.compile(r"(?:注|说明)[：:]")
_AMOUNT = re.compile(r"^-?[\d,]*\d(\.\d+)?$")
_BRACKETED_AMOUNT = re.compile(r"^\((\d[\d,]*(?:\.\d+)?)\)$")
_DASH = re.compile(r"^[-—–－/]+$")
_CODE = re.compile(r"^\d{3}$|^\d{5}$|^\d{7}$")
_CODE_AND_NAME = re.compile(r"^(\d{3}|\d{5}|\d{7})([^\d].*)$")
# a run of three digits or more inside a 科目名称 or item: no name of the nine tables prints one,
# so it is text of another cell read into the name (the 科目编码 of the lines beside it)
_NUMBER_IN_NAME = re.compile(r"\d{3,}", re.ASCII)
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[、.．](?!\d))")
_SUB_LINE = re.compile(r"^其中[：:]")
_TOTAL_NAMES = ("合计", "总计")
_BLOCK_TOTAL = re.compile(r"^(人员经费|公用经费|收入|支出)合计$")
_CODE_PARTS = ("类", "款", "项")
_NAME_HEADINGS = ("科目名称", "项目", "项目名称", "科目", "名称", "项目（科目）")
_MEASURES = re.compile(r"^(年初预算数|全年预算数|预算数|决算数|本年决算数|实际数|金额)$")
# 经济分类 类 of 人员经费 and of 公用经费 (for table 6 printed in blocks without their headings)
_STAFF_CLASSES = ("301", "303")
_OFFICE_CLASSES = ("302", "307", "309", "310", "399")


def _plain(text: str) -> str:
    return plain_title(squash(text))


@dataclass(frozen=True)
class TitleMatch:
    number: int  # our standard number
    label: str | None  # 公开01表 / 表一 / 附表1 as printed
    numbering: str | None  # 七 of "七、财政拨款“三公”经费支出决算表" (a 目录 entry or a numbered title)


def match_title(text: str) -> TitleMatch | None:
    """Which standard table a paragraph is the title of, or None. A sentence that merely mentions
    a table (…决算表为空表。) is not a title."""
    plain = _plain(text)
    if not plain or any(mark in plain for mark in "。，；"):
        return None
    for name, number in _BY_LENGTH:
        at = plain.find(name)
        if at < 0:
            continue
        before, after = plain[:at], plain[at + len(name) :]
        if len(after) > 8 or len(before) > 40:
            return None
        label = _NUMBER_LABEL.search(after) or _NUMBER_LABEL.search(before)
        numbering = _TOC_NUMBER.search(before)
        return TitleMatch(number, label.group(1) if label else None, numbering.group(1) if numbering else None)
    return None


def title_number(text: str) -> int | None:
    """The standard number (1–9) of the table a title paragraph names, or None."""
    found = match_title(text)
    return found.number if found else None


def printed_number(label: str | None) -> int | None:
    """The number a printed label gives the table: 公开07表 → 7, 表七 → 7, 附表7 → 7, 七 → 7."""
    if not label:
        return None
    match = re.search(r"(\d{1,2}|[一二三四五六七八九十]{1,3})", label)
    return cn_number(match.group(1)) if match else None


@dataclass
class StandardValue:
    side: str | None  # 收入 or 支出 (tables 1 and 4)
    line_no: str | None  # 行次
    code: str | None  # 科目编码, all its parts joined
    level: str | None  # 类, 款, 项 (from the code; 类 for the named 类 lines of tables 1 and 4), 合计
    item: str | None  # 科目名称 / 项目 as printed (其中： and 一、 numbering removed)
    class_name: str | None
    section_name: str | None
    column: str  # the heading path, "/"-joined
    text: str  # the amount as printed
    source_page: int | None
    source_line: int | None
    column_key: str = ""  # our standard name of the column (合计, 基本支出, 人员经费, 预算数 …)
    parent_item: str | None = None  # the line a sub-line belongs to (年初财政拨款结转和结余, …)
    block_no: int = 1  # which block of a table printed in blocks side by side (1 = leftmost)
    row_no: int = 0  # the row of figures it is on, counted from the table's first such row (1)
    read_method: str | None = None  # 'ocr', or None for the document's method (see records.read_by)
    read_confidence: float | None = None  # least OCR confidence of its cell, code and name cells
    amount_confidence: float | None = None  # OCR confidence of the figure's own cell


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
    printed_no: int | None = None  # the number the document gives the table (三公 is 7 in 上海's numbering)
    blocks: int = 1  # blocks printed side by side


def _center(cell: Cell) -> float | None:
    return (cell.bbox[0] + cell.bbox[2]) / 2 if cell.bbox else None


def _covering(row: Row, x: float | None, index: int, bounds: tuple[float, ...] = ()) -> Cell | None:
    """The cell of ``row`` at ``x`` (by place when the cells have boxes, else by index).
    ``bounds``: where the columns of the heading rows above ``row`` start (see ``_reach``)."""
    if x is None or not any(c.bbox for c in row.cells):
        return row.cells[index] if index < len(row.cells) else None
    return next((c for c in row.cells if c.bbox and c.bbox[0] < x < _reach(c, bounds)), None)


def _reach(cell: Cell, bounds: tuple[float, ...]) -> float:
    """Where ``cell`` ends. A cell of a table drawn without vertical rules (one that knows where
    its text lies) has a box found from where the texts of its row start: with its neighbours
    empty on its page it reaches over their columns. It ends at the first column of the heading
    rows above it (``bounds``) that starts after its text: a heading's columns nest, and a figure
    stands in one of them (科目名称 over 57–426 pt is the name column, not the figures')."""
    assert cell.bbox is not None
    if cell.ink is None:
        return cell.bbox[2]
    return min([cell.bbox[2], *(b for b in bounds if b > cell.ink[1] - 1.0 and b > cell.bbox[0] + 1.0)])


def _starts(rows: list[Row]) -> tuple[float, ...]:
    """Where the columns of ``rows`` start: the left edges of their cells that hold text."""
    return tuple(sorted({c.bbox[0] for r in rows for c in r.cells if c.bbox and c.text}))


def _is_amount(text: str) -> bool:
    return bool(_AMOUNT.match(text) or _BRACKETED_AMOUNT.match(text))


def _is_body(row: Row) -> bool:
    """The first row of figures: an amount, a 科目编码, a numbered line (一、…), or a 合计 row
    printed blank (tables 7, 8)."""
    values = row.values
    if not values or values[0] == "栏次":
        return False
    if any(_AMOUNT.match(v) and ("." in v or "," in v) for v in values):
        return True
    if any(_CODE.match(v) or _CODE_AND_NAME.match(v) for v in values[:3]):
        return True
    if any(_NUMBERING.match(v) and len(v) > 3 for v in values):
        return True
    return values[0] in _TOTAL_NAMES and not any(values[1:])


def _is_column_numbers(row: Row) -> bool:
    values = [v for v in row.values if v]
    return bool(values) and (values[0] == "栏次" or all(re.fullmatch(r"\d{1,2}", v) for v in values))


@dataclass
class _Slot:
    index: int
    x: float | None
    path: list[str]
    role: str = "value"  # code, code_part, name, line_no or value

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""


def _role(path: list[str]) -> str:
    leaf = path[-1] if path else ""
    if leaf in _CODE_PARTS:
        return "code_part"
    if "编码" in leaf or "代码" in leaf:
        return "code"
    if leaf in _NAME_HEADINGS or leaf.endswith("科目名称"):
        return "name"
    if leaf == "行次":
        return "line_no"
    return "value"


def _columns(cell: Cell) -> tuple[float, float] | None:
    return (cell.bbox[0], cell.bbox[2]) if cell.bbox else None


def _slot_x(cell: Cell, index: int, widest: Row, body: list[Row]) -> float | None:
    """Where a column of the body stands across the page: the middle of its text in a table
    drawn without vertical rules (a cell's box found from the text reaches over the columns
    left empty on its page; the text stays in its own), else the middle of its box."""
    if cell.ink is None:  # empty in the widest row: the text of the column in a row of that grid
        columns = _columns(cell)
        same = (r.cells[index] for r in body if len(r) == len(widest) and _columns(r.cells[index]) == columns)
        cell = next((c for c in same if c.ink is not None), cell)
    if cell.ink is not None:
        return (cell.ink[0] + cell.ink[1]) / 2
    return _center(cell)


def _slots(header: list[Row], body: list[Row]) -> list[_Slot]:
    widest = max(body, key=len)
    spans = _heading_spans(header)
    bounds = [_starts(header[:k]) for k in range(len(header))]  # the columns above each heading row
    slots = []
    for index, cell in enumerate(widest.cells):
        x = _slot_x(cell, index, widest, body)
        path: list[str] = []
        for k, row in enumerate(header):
            row_spans = spans[k]
            if row_spans is not None and x is not None:
                label = next((text for text, a, b in row_spans if a < x < b), "")
            else:
                covering = _covering(row, x, index, bounds[k])
                label = covering.value if covering is not None else ""
            if label and label not in path:
                path.append(label)
        slots.append(_Slot(index, x, path, _role(path)))
    return slots


def _heading_spans(header: list[Row]) -> list[list[tuple[str, float, float]] | None]:
    """For each heading row of a table drawn without vertical rules but its last, the columns
    each label spans: from its cell to the next label of its row, within the span of the label
    above it. Such a row shows no merged cells: a label over two columns (收入 over 项目 and
    决算数, 公务用车购置及运行维护费 over 小计, 购置费 and 运行维护费) is a text with empty cells
    after it. None for a ruled row and for the last row (its cells are the columns')."""
    out: list[list[tuple[str, float, float]] | None] = []
    above: list[tuple[str, float, float]] = []
    for k, row in enumerate(header):
        boxes = [(c.value, c.bbox, c.ink) for c in row.cells if c.bbox is not None]
        labelled = sorted(((v, b, ink) for v, b, ink in boxes if v), key=lambda item: item[1][0])
        if k == len(header) - 1 or not labelled or any(ink is None for v, _, ink in labelled):
            out.append(None)
            above = []
            continue
        right = max(b[2] for _, b, _ in boxes)
        # where each label begins: its cell, or the column of the last heading row whose text
        # starts where its text does (a label printed flush left over its columns: 支出 over 项目
        # …, its cell found from the text a padding left of it reached over 收入's 决算数)
        columns = [(c.bbox[0], c.ink[0]) for c in header[-1].cells if c.ink is not None and c.bbox is not None]
        begins = [
            next((left for left, text in columns if ink is not None and abs(text - ink[0]) <= 1.0), box[0])
            for _, box, ink in labelled
        ]
        spans: list[tuple[str, float, float]] = []
        for i, (value, box, ink) in enumerate(labelled):
            end = begins[i + 1] if i + 1 < len(labelled) else right
            # its parent is the label above where its text starts: the rows of a table cut by a
            # page break find their columns on each page, and a cell's box may begin a little
            # left of the span above it (小计 at 197 under 公务用车购置及运行维护费 from 198)
            start = ink[0] if ink is not None else box[0]
            parent = next((b for _, a, b in above if a - 1.0 <= start < b), end)
            spans.append((value, begins[i], min(end, parent)))
        out.append(spans)
        above = spans
    return out


@dataclass
class _Block:
    slots: list[_Slot]
    label: str | None = None  # 收入 / 支出 / 人员经费 / 公用经费

    def role(self, role: str) -> list[_Slot]:
        return [s for s in self.slots if s.role == role]


def _blocks(slots: list[_Slot]) -> list[_Block]:
    """Split the columns into blocks printed side by side: a block is its label columns (code,
    name, 行次) followed by its figure columns; a label column after a figure column starts the next."""
    blocks: list[_Block] = []
    for slot in slots:
        starts = slot.role != "value" and (not blocks or blocks[-1].slots[-1].role == "value")
        if starts or not blocks:
            blocks.append(_Block([]))
        blocks[-1].slots.append(slot)
    if len(blocks) > 1:
        for block in blocks:
            heads = {s.path[0] for s in block.slots if len(s.path) > 1}
            if len(heads) == 1 and all(len(s.path) > 1 for s in block.slots):
                head = heads.pop()
                if _role([head]) == "value":
                    block.label = head
    return blocks


def _measure_and_item(path: list[str]) -> tuple[str, str | None, str | None]:
    """Table 9 printed across: the measure (预算数 / 决算数), the item and its parent from the
    heading path (``预算数/公务用车购置及运行费/公务用车购置费`` or
    ``财政拨款“三公”经费/公务用车购置及运行维护费/小计/预算数``)."""
    measure = next((p for p in path if _MEASURES.match(p)), path[-1] if path else "")
    rest = [p for p in path if p != measure and "三公" not in p]
    if not rest:
        return measure, None, None
    if rest[-1] == "小计" and len(rest) > 1:
        rest = rest[:-1]
    return measure, rest[-1], (rest[-2] if len(rest) > 1 else None)


def _column_key(number: int, path: list[str], block_label: str | None) -> str:
    """Our standard name of a column, the same whichever way the table prints it."""
    leaf = path[-1] if path else ""
    if number == 9:
        return _measure_and_item(path)[0]
    if number == 6:
        if block_label in ("人员经费", "公用经费") and leaf not in ("人员经费", "公用经费"):
            return block_label
        return "合计" if leaf in ("合计", "小计") else leaf
    if number in (1, 4) and _MEASURES.match(leaf):
        return "金额"
    if number == 2 and leaf in ("合计", "小计"):
        return "本年收入合计"
    if number == 3 and leaf in ("合计", "小计"):
        return "本年支出合计"
    if number == 5 and leaf in ("合计", "小计", "本年支出", "本年支出合计"):
        return "合计"
    if number in (7, 8):
        parts = ["合计" if p == "小计" else p for p in path]
        return "/".join(parts)
    return leaf


def _clean_name(name: str) -> str:
    name = _SUB_LINE.sub("", name)
    return _NUMBERING.sub("", name)


def _level(number: int, code: str | None, name: str | None, side: str | None) -> str | None:
    if code is not None:
        return {3: "类", 5: "款", 7: "项"}.get(len(code))
    if not name:
        return None
    if name in _TOTAL_NAMES or _BLOCK_TOTAL.match(name):
        return "合计" if number not in (1, 4) else None
    if number in (1, 4) and side == "支出" and name in CLASS_NAMES:
        return "类"
    return None


class _Reader:
    """Reads the body rows of one standard table into values."""

    def __init__(self, out: StandardTable, unread: list[UnreadPart]) -> None:
        self.out = out
        self.unread = unread
        self.names: dict[str, str] = {}
        self.decimals = False  # the table prints its figures with decimals (18,380.13)

    def skip(self, row: Row, reason: str, text: str | None, column: str | None = None, **place: Any) -> None:
        """Record a value of ``row`` not read, and why; ``place``: UnreadPart's table_no, row_no,
        block_no and column_key, for a figure whose place in the table is known."""
        self.unread.append(
            UnreadPart(
                part="value",
                reason=f"{self.out.key}: {reason}",
                source_page=row.page,
                source_line=row.line,
                table_kind=f"standard_{self.out.number:02d}",
                column_name=column,
                text=excerpt(text),
                **place,
            )
        )


def _block_labels(number: int, blocks: list[_Block], body: list[Row], bounds: tuple[float, ...] = ()) -> None:
    """Label the blocks of table 6 printed without 人员经费 / 公用经费 headings: by the block's
    total line (人员经费合计), else by the 经济分类 of its codes, else as the block before it."""
    if len(blocks) < 2:
        return
    for block in blocks:
        if block.label:
            continue
        names = [s for s in block.slots if s.role in ("name", "code")]
        codes: set[str] = set()
        for row in body:
            for slot in names:
                cell = _covering(row, slot.x, slot.index, bounds)
                value = cell.value if cell is not None else ""
                total = _BLOCK_TOTAL.match(value)
                if total:
                    block.label = total.group(1)
                if _CODE.match(value):
                    codes.add(value[:3])
            if block.label:
                break
        if block.label is None and number == 6 and codes:
            if codes <= set(_STAFF_CLASSES):
                block.label = "人员经费"
            elif codes <= set(_OFFICE_CLASSES):
                block.label = "公用经费"
    for before, block in zip(blocks, blocks[1:]):
        if block.label is None and number == 6 and before.label:
            block.label = before.label


def read_table(
    number: int,
    title: Paragraph,
    preamble: list[Paragraph],
    tables: list[Table],
    label_before: str | None,
    trailing: list[Paragraph] | None = None,
    unread: list[UnreadPart] | None = None,
    numbering: str | None = None,
) -> StandardTable:
    """Read one standard table: its title paragraph, the paragraphs between the title and the
    ruled table (number, 部门, 单位, a note), the ruled grid(s) and the paragraphs after them (the
    note of an empty table). Values that are printed but cannot be figures go to ``unread``."""
    unread = unread if unread is not None else []
    trailing = trailing or []
    text = squash(" ".join(p.text for p in preamble))
    found = match_title(title.text)
    label = (found.label if found else None) or label_before or (_NUMBER_LABEL.search(text) or [None, None])[1]
    unit = _UNIT.search(text) or _UNIT.search(squash(title.text))
    # (the note may come after the table's 注, the template's instruction and a heading row the
    # reader found outside the table's rules: any short paragraph before the next title)
    notes = [squash(p.text) for p in [*preamble, *trailing]]
    at = next((i for i, n in enumerate(notes) if _EMPTY_NOTE.search(n)), None)
    note = None
    if at is not None and at > 0 and _NOTE.search(notes[at]) is None and 0 < len(notes[at]) <= _NOTE_REST:
        # the note's last words, read as a paragraph of their own, are what says the table is
        # empty (说明：…故本 / 表无数据。): the note is the paragraph before with them
        before = notes[at - 1]
        if _NOTE.search(before) and not before.endswith(_NOTE_END):
            notes[at - 1 : at + 1] = [before + notes[at]]
            at -= 1
    if at is not None:
        note = notes[at]
        # a note whose last words went to a line read as a paragraph of its own (故本表无 / 数据。:
        # a line ended short of a margin that other lines overrun)
        rest = notes[at + 1] if at + 1 < len(notes) else ""
        if not note.endswith(_NOTE_END) and 0 < len(rest) <= _NOTE_REST and rest.endswith(_NOTE_END):
            note += rest
        # from the last 说明： / 注： before the words that say so (the template's instruction may
        # end with one on the same line: …并在本表下方作下述说明：说明：本单位…故本表无数据。)
        empty = _EMPTY_NOTE.search(note)
        cuts = [m for m in _NOTE.finditer(note) if empty is None or m.start() < empty.start()]
        note = note[cuts[-1].start() :] if cuts else note
    out = StandardTable(
        number=number,
        key=TITLES[number],
        title=squash(title.text),
        label=label,
        unit=unit.group(1) if unit else None,
        empty=False,
        note=note,
        source_page=title.page,
        source_line=title.line,
        printed_no=printed_number(label) or printed_number(numbering or (found.numbering if found else None)),
    )
    rows = _rows(tables)
    if unit is None:  # 单位 printed inside the ruled area, above the headings
        for row in rows[:3]:
            inside = _UNIT.search("".join(row.values))
            if inside:
                out.unit = inside.group(1)
    start = next((i for i, row in enumerate(rows) if _is_body(row)), None)
    if start is None:
        out.empty = True
        return out
    header = [r for r in rows[:start] if not _is_column_numbers(r) and not _UNIT.search("".join(r.values))]
    headings = {tuple(r.values) for r in rows[:start]}
    body = [  # a heading repeated on a continuation page is not a row of figures
        r for r in rows[start:] if any(r.values) and not _is_column_numbers(r) and tuple(r.values) not in headings
    ]
    slots = _slots(header, body)
    blocks = _blocks(slots)
    bounds = _starts(header)  # a figure stands in one column of the heading
    _block_labels(number, blocks, body, bounds)
    out.blocks = len(blocks)
    reader = _Reader(out, unread)
    unread_before = len(unread)
    figures = [v for r in body for v in r.values if _is_amount(v)]
    reader.decimals = sum(1 for v in figures if "." in v) > len(figures) / 2
    states = [_BlockState() for _ in blocks]
    for row_no, row in enumerate(body, start=1):
        cells = {s.index: _covering(row, s.x, s.index, bounds) for s in slots}
        read_any = False
        for block_no, (block, state) in enumerate(zip(blocks, states), start=1):
            read_any |= _read_block_row(reader, number, row, row_no, block_no, block, cells, state)
        out.body_rows += read_any
        # a figure in a cell that stands in no column of the heading is never read: say so
        placed = {id(c) for c in cells.values() if c is not None}
        for cell in row.cells:
            if id(cell) not in placed and _is_amount(cell.value):
                reader.skip(row, f"the figure {cell.value} stands in no column of the table's heading", cell.value)
    # empty: no figure read and none that could not be (a table whose figures went unread is not
    # empty: they are unread parts)
    out.empty = not out.values and len(unread) == unread_before
    return out


def _rows(tables: list[Table]) -> list[Row]:
    """The rows of the table's grids, a heading repeated at the top of a later grid dropped."""
    rows = list(tables[0].rows) if tables else []
    for table in tables[1:]:
        more = list(table.rows)
        while more and any(more[0].values) and any(more[0].values == r.values for r in rows[:6]):
            more.pop(0)
        rows.extend(more)
    return rows


@dataclass
class _BlockState:
    code_parts: list[str] = field(default_factory=lambda: ["", "", ""])
    parent: str | None = None  # the line 其中 lines belong to
    carry_over: str | None = None  # an open 结转和结余 line, whose fund kinds follow it


def _read_block_row(
    reader: _Reader,
    number: int,
    row: Row,
    row_no: int,
    block_no: int,
    block: _Block,
    cells: dict[int, Cell | None],
    state: _BlockState,
) -> bool:
    """Read one block of one body row; return whether it held a figure."""
    out = reader.out
    label_cells = {id(cells[s.index]) for s in block.slots if s.role != "value" and cells[s.index] is not None}
    labels = [cells[s.index] for s in block.slots if s.role != "value"]

    def text_of(slot: _Slot) -> str:
        cell = cells[slot.index]
        return cell.value if cell is not None else ""

    parts = [text_of(s) for s in block.role("code_part")]
    code_slots = block.role("code")
    name_slots = block.role("name")
    code_text = text_of(code_slots[0]) if code_slots else ""
    name: str | None = text_of(name_slots[0]) if name_slots else ""
    line_slots = block.role("line_no")
    line_no = (text_of(line_slots[0]) if line_slots else "") or None
    code: str | None = None
    if code_slots and name_slots and cells[code_slots[0].index] is cells[name_slots[0].index]:
        code_text = ""  # one cell over code and name: 合计, 人员经费合计
    if parts and all(not p or p.isdigit() for p in parts) and any(parts):
        last = max(i for i, p in enumerate(parts) if p)
        for i, part in enumerate(parts[: last + 1]):
            if part:
                state.code_parts[i] = part
        state.code_parts[last + 1 :] = [""] * (len(state.code_parts) - last - 1)
        code = "".join(state.code_parts[: last + 1])
    elif parts and not name:
        name = next((p for p in parts if p), "")
    elif code_text:
        both = _CODE_AND_NAME.match(code_text)
        if code_text.isdigit():
            code = code_text
        elif both and not name:
            code, name = both.group(1), both.group(2)
        elif not name:
            name = code_text
    if code is not None and not _CODE.match(code):
        reader.skip(row, f"科目编码 {code!r} is not a code of 3, 5 or 7 digits; its line is not read", code)
        return False
    printed_name = name or ""
    name = _clean_name(printed_name) or None
    if name and _NUMBER_IN_NAME.search(name):
        reader.skip(
            row,
            f"the name {name!r} holds a number of three digits or more, which no name of the table prints "
            "(the text of other cells read into it); its line is not read",
            name,
        )
        return False
    side = block.label if block.label in ("收入", "支出") else None
    level = _level(number, code, name, side)
    if code and name and level in ("类", "款"):
        reader.names[code] = name
    parent = None
    if name:
        if _SUB_LINE.match(printed_name) and state.parent:
            parent = state.parent
        elif state.carry_over and name in FUND_KINDS:
            parent = state.carry_over
        elif number == 9 and re.match(r"公务用车(购置费|运行)", name) and state.parent:
            parent = state.parent
        else:
            state.carry_over = name if "结转和结余" in name or "结转结余" in name else None
            state.parent = name
    class_name = reader.names.get(code[:3]) if code else (name if level == "类" else None)
    section_name = reader.names.get(code[:5]) if code and len(code) >= 5 else None
    read = False
    seen: set[int] = set()
    for slot in block.role("value"):
        cell = cells[slot.index]
        if cell is None or id(cell) in label_cells or id(cell) in seen:
            continue
        seen.add(id(cell))
        value = cell.value
        path = slot.path[1:] if block.label and slot.path and slot.path[0] == block.label else slot.path
        column = "/".join(path)
        if not value and cell.withheld and column and (name or code):
            # OCR withheld the figure here: say which one it is, so that the identities can name it
            line = " ".join(filter(None, (code, name)))
            key = _column_key(number, path, block.label)
            reader.skip(row, f"{line} / {column}: ", cell.withheld, "amount_wan", table_no=number, row_no=row_no,
                        block_no=block_no, column_key=key)  # fmt: skip
            continue
        if not value or _DASH.match(value):
            continue
        if not _is_amount(value):
            what = "a percentage" if value.endswith(("%", "％")) else "not an amount"
            reader.skip(row, f"{value!r} in column {column or '?'} is {what}; not loaded", value, column)
            continue
        if reader.decimals and "." not in value and (value in (code, line_no) or _CODE.match(value.replace(",", ""))):
            reader.skip(
                row,
                f"{value!r} in column {column or '?'} is a 科目编码 or 行次 (an integer among figures printed "
                "with decimals), not an amount",
                value,
                column,
            )
            continue
        item, item_parent = name, parent
        if number == 9 and not name_slots:
            _, item, item_parent = _measure_and_item(path)
        if item is None and code is None:
            reader.skip(row, f"the figure {value} in column {column or '?'} has no item on its line", value, column)
            continue
        if not column:
            # no heading over its column (a heading row the reader could not read): what the
            # figure is cannot be told
            reader.skip(row, f"the figure {value} of {item or code} has no column heading above it; not loaded", value)
            continue
        bracketed = _BRACKETED_AMOUNT.match(value)
        out.values.append(
            StandardValue(
                side=side,
                line_no=line_no,
                code=code,
                level=_level(number, code, item, side),
                item=item,
                class_name=class_name,
                section_name=section_name,
                column=column,
                text="-" + bracketed.group(1) if bracketed else value,
                source_page=row.page,
                source_line=row.line,
                column_key=_column_key(number, path, block.label),
                parent_item=item_parent,
                block_no=block_no,
                row_no=row_no,
                **read_by([*labels, cell]),
                amount_confidence=cell.confidence,
            )
        )
        read = True
    return read


def read_standard_tables(doc: Document, unread: list[UnreadPart] | None = None) -> list[StandardTable]:
    """Every standard table of the document, each once: a title paragraph, the paragraphs after
    it (the table number, 部门, 单位, a note), the ruled table(s) up to the next title, and the
    paragraphs after them (an empty table's note). Titles listed one after another with no table
    between them are a 目录, not tables. A table that cannot be read is left out and recorded in
    ``unread``; the other tables are read."""
    sections = _sections(doc)
    toc: dict[int, str] = {}
    found: list[StandardTable] = []
    seen: dict[int, StandardTable] = {}
    spans: list[tuple[int, int, int]] = []  # the pages each table read is printed on: first, last, number
    for section in sections:
        has_note = any(_EMPTY_NOTE.search(squash(p.text)) for p in [*section.preamble[:3], *section.trailing])
        if not section.tables and not has_note:
            if section.match.numbering:
                toc.setdefault(section.match.number, section.match.numbering)
            continue
        number = section.match.number
        if number in seen:
            first = seen[number]
            if unread is not None:
                unread.append(
                    UnreadPart(
                        part="table",
                        reason=f"{TITLES[number]} is printed a second time (first on {_where(first)}); "
                        "only the first is read",
                        source_page=section.title.page,
                        source_line=section.title.line,
                        table_kind=f"standard_{number:02d}",
                        text=excerpt(section.title.text),
                    )
                )
            continue
        mine: list[UnreadPart] = []
        try:
            table = read_table(
                number,
                section.title,
                section.preamble,
                section.tables,
                section.label_before,
                section.trailing,
                mine,
                section.match.numbering or toc.get(number),
            )
        except Exception as exc:
            if unread is None:
                raise
            unread.append(
                UnreadPart(
                    part="table",
                    reason=f"{TITLES[number]} could not be read: {type(exc).__name__}: {exc}",
                    source_page=section.title.page,
                    source_line=section.title.line,
                    table_kind=f"standard_{number:02d}",
                    text=excerpt(section.title.text),
                )
            )
            continue
        if unread is not None:
            unread.extend(_placed(unread, mine))
        seen[number] = table
        found.append(table)
        pages = [p for p in (section.title.page, *(r.page for t in section.tables for r in t.rows)) if p is not None]
        if pages:
            spans.append((min(pages), max(pages), number))
    if unread is not None:
        unread[:] = _of_their_tables(unread, spans)
    return found


def _of_their_tables(unread: list[UnreadPart], spans: list[tuple[int, int, int]]) -> list[UnreadPart]:
    """``unread`` with each part the PDF reader recorded in a table (a row cut by a page break,
    text in no cell), which it could not name, given the standard table it is in: the one whose
    pages hold its page, when only one does (a page holding the end of one table and the start of
    the next names neither)."""
    from dataclasses import replace

    out = []
    for part in unread:
        if part.table_kind is None and part.part in ("row", "table") and part.source_page is not None:
            numbers = {n for first, last, n in spans if first <= part.source_page <= last}
            if len(numbers) == 1:
                number = numbers.pop()
                part = replace(part, table_kind=f"standard_{number:02d}", table_no=number)
        out.append(part)
    return out


def _placed(unread: list[UnreadPart], mine: list[UnreadPart]) -> list[UnreadPart]:
    """``mine`` with each figure OCR withheld in the table given the reason the OCR reader
    recorded for it; that page-level record is taken out of ``unread`` (one part per figure)."""
    from dataclasses import replace

    out = []
    for part in mine:
        if part.row_no is not None:
            i = next(
                (
                    i
                    for i, u in enumerate(unread)
                    if u.part == "value" and u.table_no is None and u.column_name is None
                    and u.source_page == part.source_page and u.text == part.text
                ),
                None,
            )  # fmt: skip
            why = unread.pop(i).reason if i is not None else f"OCR read {part.text!r} here and withheld it"
            part = replace(part, reason=part.reason + why)
        out.append(part)
    return out


def _continues(tables: list[Table], grid: Table) -> bool:
    """A grid after a note (a page footer ``注：…`` between the parts of a table the reader did not
    join) goes on with the table when it has the table's width and starts with its heading
    repeated or with a row of figures."""
    if not tables or not grid.rows:
        return False
    width = max(len(r) for r in tables[-1].rows)
    if max(len(r) for r in grid.rows) != width:
        return False
    first = grid.rows[0]
    return _is_body(first) or any(first.values == r.values for r in tables[0].rows[:6])


def _where(table: StandardTable) -> str:
    return f"page {table.source_page}" if table.source_page is not None else f"line {table.source_line}"


@dataclass
class _Section:
    match: TitleMatch
    title: Paragraph
    label_before: str | None
    preamble: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    trailing: list[Paragraph] = field(default_factory=list)
    closed: bool = False


def _sections(doc: Document) -> list[_Section]:
    """Title paragraphs with what follows each: preamble paragraphs, the ruled grids that follow
    one another, the paragraphs after them. A long paragraph (the narrative) or a grid after such
    paragraphs ends a section."""
    sections: list[_Section] = []
    current: _Section | None = None
    before: Paragraph | None = None
    for block in doc.blocks():
        if isinstance(block, Paragraph):
            match = match_title(block.text)
            if match is not None:
                label = _NUMBER_LABEL.fullmatch(_plain(before.text)) if before is not None else None
                current = _Section(match, block, label.group(1) if label else None)
                sections.append(current)
            elif current is not None and not current.closed:
                if not current.tables:
                    long = len(squash(block.text)) > 60 and not _EMPTY_NOTE.search(squash(block.text))
                    if long or len(current.preamble) >= 6 or PART_HEADING.match(squash(block.text)):
                        current.closed = True  # a 目录 entry or a mention: no table follows
                    current.preamble.append(block)
                elif len(squash(block.text)) > 60 and not _EMPTY_NOTE.search(squash(block.text)):
                    current.closed = True
                else:
                    current.trailing.append(block)
            before = block
        else:
            if current is not None and not current.closed:
                if current.trailing and not _continues(current.tables, block):
                    current.closed = True
                else:
                    current.tables.append(block)
            before = None
    return sections
