"""Shape checks on what OCR read: a figure whose text is not of its shape is made unsure.

The model's confidence says how sure it is of each character; the shape says whether the whole
reads as what such a cell prints. Checked here, on the grid alone (before any recogniser):

* amounts: ``18,380.13``, ``0.00``, ``-5.00``, ``428``: digits grouped by three when the column
  groups them, and the column's number of decimals (a column of ``#,##0.00`` amounts prints two);
* 科目编码: 3, 5 or 7 digits (类, 款, 项), or the 2-digit 款/项 of a code printed in columns; a 款
  code must begin with the 类 above it, a 项 code with the 款;
* percentages: a number then ``%`` (``98.08%``, ``>=90%``);
* dates: ``2018年12月``: a year between 1949 and 2100, a month 1–12, a day 1–31;
* no letters inside a number (``1O0``, ``3l5``: an O or l read for a digit).

A cell that fails gets its confidence lowered to at most ``SHAPE_PENALTY`` (so a figure is then
withheld by the reader), and keeps the text that was read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from pipelines.model import Row

SHAPE_PENALTY = 0.3

_FIGURE = re.compile(r"^[-+]?[\d,，.．]+(%|％|万元|元|分)?$")
_AMOUNT_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_CODE = re.compile(r"^\d{2,7}$")
_PERCENT_TOKEN = re.compile(r"[\d.]+\s*[%％]")
_DATE = re.compile(r"(\d{2,4})年(?:(\d{1,2})月)?(?:(\d{1,2})日)?")
_LETTER_IN_NUMBER = re.compile(r"\d[OoIlSBZ]|[OoIlSBZ]\d(?![A-Za-z])")


_VALUE = re.compile(r"^(>=|<=|≥|≤|=|<|>|＞|＜|≧|≦|不低于|不高于|不少于|不超过)?[-+]?\d[\d,，.．]*\S{0,8}$")


def is_value(value: str) -> bool:
    """A cell that prints a value: a figure, or a short text with a number in it (``>=90%``,
    ``=43场``, ``2018年12月底``, also as misread: ``廿100%``), as targets and actual values are
    printed. Names with a number in them are longer."""
    return is_figure(value) or bool(_VALUE.match(value)) or (len(value) <= 8 and any(c.isdigit() for c in value))


def is_figure(value: str) -> bool:
    """A cell that is a number only (an amount, a percentage, a score, a code)."""
    return bool(value) and bool(_FIGURE.match(value)) and any(ch.isdigit() for ch in value)


def _decimals(value: str) -> int | None:
    number = value.rstrip("%％万元分")
    if not (_AMOUNT_GROUPED.match(number) or _PLAIN_NUMBER.match(number)):
        return None
    return len(number.split(".", 1)[1]) if "." in number else 0


def text_problem(value: str) -> str | None:
    """What is wrong with the shape of a cell's text taken alone, or None."""
    if not value:
        return None
    if _LETTER_IN_NUMBER.search(value):
        return "a letter inside a number"
    for year, month, day in _DATE.findall(value):
        if len(year) == 4 and not 1949 <= int(year) <= 2100:
            return f"year {year}"
        if month and not 1 <= int(month) <= 12:
            return f"month {month}"
        if day and not 1 <= int(day) <= 31:
            return f"day {day}"
    if is_figure(value):
        number = value.rstrip("%％万元分")
        if "," in number and not _AMOUNT_GROUPED.match(number):
            return "digits not grouped by three"
        if not ("," in number or _PLAIN_NUMBER.match(number)):
            return "not a number"
    for token in _PERCENT_TOKEN.findall(value):
        if not re.fullmatch(r"\d+(\.\d+)?\s*[%％]", token):
            return "not a percentage"
    return None


def _column_problems(values: list[tuple[int, str]]) -> dict[int, str]:
    """Problems of figures that do not print like the rest of their column."""
    figures = [(i, v) for i, v in values if is_figure(v) and not v.endswith(("%", "％"))]
    problems: dict[int, str] = {}
    if len(figures) < 3:
        return problems
    codes = [(i, v) for i, v in figures if _CODE.match(v)]
    if len(codes) >= 0.8 * len(figures) and all("," not in v and "." not in v for _, v in figures):
        lengths = Counter(len(v) for _, v in codes)
        code_column = set(lengths) <= {2, 3, 5, 7} or sum(lengths[n] for n in (3, 5, 7)) >= 0.8 * len(codes)
        if code_column and any(n in lengths for n in (3, 5, 7)):
            parent: dict[int, str] = {}
            for i, v in codes:
                if len(v) not in (3, 5, 7):
                    problems[i] = f"a 科目编码 of {len(v)} digits"
                    continue
                if len(v) > 3 and parent.get(len(v) - 2) and not v.startswith(parent[len(v) - 2]):
                    problems[i] = f"科目编码 {v} is not under {parent[len(v) - 2]}"
                parent[len(v)] = v
                for longer in (5, 7):
                    if longer > len(v):
                        parent.pop(longer, None)
        return problems
    figures = [(i, v) for i, v in figures if not re.fullmatch(r"\d{1,2}", v)]  # 栏次 / 行次 numbers
    decimals = Counter(d for _, v in figures if (d := _decimals(v)) is not None)
    if decimals:
        usual, count = decimals.most_common(1)[0]
        if count >= 0.8 * len(figures) and usual > 0:
            for i, v in figures:
                d = _decimals(v)
                if d is not None and d != usual and not re.fullmatch(r"\d{1,2}", v):  # 栏次 / 行次 numbers
                    problems[i] = f"{d} decimals where the column prints {usual}"
    grouped = [v for _, v in figures if "," in v]
    if len(grouped) >= 0.5 * len([v for _, v in figures if len(v.split(".")[0].lstrip("-")) > 3]) and grouped:
        for i, v in figures:
            whole = v.split(".")[0].lstrip("-")
            if len(whole) > 3 and "," not in whole:
                problems[i] = "digits not grouped by three where the column groups them"
    return problems


def check_table(rows: list[Row]) -> tuple[list[Row], dict[tuple[int, int], str]]:
    """The rows with the confidence of each cell whose text is not of its shape lowered, and
    what is wrong with each such cell, by (row, column) position in ``rows``."""
    problems: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            problem = text_problem(cell.value)
            if problem:
                problems[(r, c)] = problem
    # columns: cells whose horizontal centre falls in the same place
    columns: dict[int, list[tuple[tuple[int, int], str]]] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if cell.bbox is None:
                continue
            key = int(round((cell.bbox[0] + cell.bbox[2]) / 2 / 4))
            columns.setdefault(key, []).append(((r, c), cell.value))
    for entries in columns.values():
        index = {k: pos for k, (pos, _) in enumerate(entries)}
        for k, problem in _column_problems([(k, v) for k, (_, v) in enumerate(entries)]).items():
            problems.setdefault(index[k], problem)
    if not problems:
        return rows, problems
    out = []
    for r, row in enumerate(rows):
        cells = tuple(
            replace(cell, confidence=min(cell.confidence if cell.confidence is not None else 1.0, SHAPE_PENALTY))
            if (r, c) in problems
            else cell
            for c, cell in enumerate(row.cells)
        )
        out.append(replace(row, cells=cells))
    return out, problems
