"""Shared pieces of the recognisers: segments, header maps, and the indicator-row reader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pipelines.model import Cell, Paragraph, Row, UnreadPart, excerpt, squash
from pipelines.recognise.metadata import Context, printed
from pipelines.recognise.records import Extraction, IndicatorRecord, read_by
from pipelines.text_patterns import FISCAL_YEAR_ROW, INDICATOR_HEADERS

_ALIASES = sorted(INDICATOR_HEADERS, key=len, reverse=True)


# Labels of the label–value rows at the head of a table.
LABELS = ("项目名称", "主管部门", "实施单位", "预算单位", "部门（单位）名称")


def header_map(row: Row) -> dict[int, str]:
    """Column index → fact_indicator column, for a row of indicator headings; {} otherwise."""
    mapping: dict[int, str] = {}
    for index, value in enumerate(row.values):
        alias = next((a for a in _ALIASES if value.startswith(a)), None)
        if alias:
            mapping[index] = INDICATOR_HEADERS[alias]
    return mapping if "indicator_name" in mapping.values() else {}


def is_total_row(row: Row) -> bool:
    return bool(row.values) and row.values[0].startswith("总分")


def is_blank_row(row: Row) -> bool:
    return not any(row.values)


@dataclass
class Segment:
    """The rows of one table instance, from its anchor row to its end, in reading order."""

    rows: list[Row]
    context: Context
    items: list[Row | Paragraph] = field(default_factory=list)  # the whole document, in order
    start: int = 0  # index of the anchor row in ``items``

    @property
    def preamble(self) -> list[Row | Paragraph]:
        """The few rows and paragraphs just before the anchor: titles, "(2024年度)"."""
        return self.items[max(0, self.start - 4) : self.start]

    @property
    def anchor(self) -> Row:
        return self.rows[0]

    def fiscal_year(self) -> int | None:
        """The year the table prints ("(2024年度)"), else the document's."""
        for item in [*self.preamble, *self.rows[:4]]:
            texts = item.values if isinstance(item, Row) else [squash(item.text)]
            for text in texts:
                match = FISCAL_YEAR_ROW.match(text)
                if match:
                    return int(match.group(1))
        return self.context.fiscal_year

    def value_after(self, label: str) -> str | None:
        """The text right of the first cell that starts with ``label``, as printed (a name: see
        metadata.printed): the next cell, or the first non-empty one after it when that is not
        another label (a table drawn without vertical rules shows a wide value cell as empty
        columns and the value)."""
        for row in self.rows:
            values = row.values
            for index, value in enumerate(values[:-1]):
                if value.startswith(label):
                    if values[index + 1]:
                        return printed(row.cells[index + 1].text)
                    after = next((i for i in range(index + 1, len(values)) if values[i]), None)
                    if after is None or values[after].startswith(LABELS):
                        return None
                    return printed(row.cells[after].text)
        return None


class Recogniser:
    """One table kind. ``starts`` spots the row a table of this kind begins with; ``accepts``
    decides, once the segment is complete, whether the segment is of this kind; ``read`` turns
    the segment into records."""

    kind: str = ""

    def starts(self, row: Row) -> bool:
        raise NotImplementedError

    def accepts(self, segment: Segment) -> bool:
        return True

    def ends_after(self, row: Row) -> bool:
        return False

    def read(self, segment: Segment, table_no: int, out: Extraction) -> int:
        """Append records to ``out``; return how many rows of the segment were read."""
        raise NotImplementedError

    def provenance(self, segment: Segment, table_no: int, row: Row, *, unit: str | None, project: str | None) -> dict:
        return dict(
            table_no=table_no,
            table_kind=self.kind,
            fiscal_year=segment.fiscal_year(),
            unit_name=unit,
            project_name=project,
            source_page=row.page,
            source_line=row.line,
            **read_by(row.cells),
        )


def unread_row(
    out: Extraction,
    provenance: dict[str, Any],
    row: Row,
    reason: str,
    part: Literal["page", "table", "row", "paragraph", "value"] = "row",
) -> None:
    """Record a printed row that was not read (see :class:`~pipelines.model.UnreadPart`)."""
    out.unread.append(
        UnreadPart(
            part=part,
            reason=reason,
            source_page=row.page,
            source_line=row.line,
            table_kind=provenance.get("table_kind"),
            project_name=provenance.get("project_name"),
            table_no=provenance.get("table_no"),
            text=excerpt(" | ".join(row.nonempty())),
        )
    )


def read_indicator_rows(
    rows: list[Row],
    header: dict[int, str],
    width: int,
    make: Callable[[Row], dict[str, Any]],
    scope: str,
    out: Extraction,
    heading: Row | None = None,
) -> list[IndicatorRecord]:
    """Read indicator rows of ``width`` cells laid out as ``header`` says. Merged 一级/二级
    cells arrive empty and are carried down within the table. A row that does not fit the heading
    (more or fewer cells, no 三级指标) is not read: it is recorded as an unread part; but in a
    table drawn without vertical rules, a row whose every text stands inside a cell of the
    ``heading`` row of its own is read on the heading's cells (see :func:`on_heading_cells`)."""
    records: list[IndicatorRecord] = []
    level1 = level2 = None
    for row in rows:
        if is_total_row(row):
            break
        values = row.values
        if is_blank_row(row) or header_map(row) or len(row.nonempty()) == 1 and values[0]:
            continue  # an empty row, a heading row, or a title printed inside the table (a row
            # whose only text is in its first cell: a 三级指标 is never there)
        if len(values) != width and heading is not None and len(heading) == width:
            row = on_heading_cells(row, heading) or row
            values = row.values
        if len(values) != width:
            unread_row(out, make(row), row, f"a row of {len(values)} cells in an indicator table of {width} columns")
            continue
        # the keys are IndicatorRecord's printed-text fields (INDICATOR_HEADERS' values)
        fields: dict[str, Any] = {name: (values[i] or None) for i, name in header.items()}
        if not fields.get("indicator_name"):
            if any(fields.values()):
                unread_row(out, make(row), row, "an indicator row without a 三级指标")
            continue
        level1 = fields.get("level1") or level1
        level2 = fields.get("level2") or level2
        fields["level1"], fields["level2"] = level1, level2
        records.append(IndicatorRecord(**make(row), scope=scope, **fields))
    return records


def on_heading_cells(row: Row, heading: Row) -> Row | None:
    """``row`` on the cells of ``heading``, for a table drawn without vertical rules whose columns
    are found from the text of each page (a row may be cut into more cells than its heading, or
    fewer): each cell with text goes to the heading cell its ink stands in (the middle of where its
    characters lie), the others are empty. None when a text has no ink recorded (a table with
    vertical rules), stands in no heading cell, or two stand in one: then nothing says where they
    belong. ``heading`` may also be a row of the same table that has the table's cells."""
    cells: list[Cell | None] = [None] * len(heading)
    for cell in row.cells:
        if not cell.value:
            continue
        if cell.ink is None:
            return None
        middle = (cell.ink[0] + cell.ink[1]) / 2
        at = [i for i, h in enumerate(heading.cells) if h.bbox is not None and h.bbox[0] <= middle <= h.bbox[2]]
        if len(at) != 1 or cells[at[0]] is not None:
            return None
        cells[at[0]] = replace(cell, col=at[0])
    return replace(
        row,
        cells=tuple(
            c if c is not None else Cell(text="", row=row.index, col=i, page=row.page) for i, c in enumerate(cells)
        ),
    )


def read_indicator_table(
    rows: list[Row], make: Callable[[Row], dict[str, Any]], scope: str, out: Extraction
) -> int | None:
    """Find the indicator heading row among ``rows`` and read the indicator rows under it into
    ``out``; return how many were read, or None when there is no heading row."""
    header_index = next((i for i, r in enumerate(rows) if header_map(r)), None)
    if header_index is None:
        return None
    header_row = rows[header_index]
    records = read_indicator_rows(
        rows[header_index + 1 :], header_map(header_row), len(header_row), make, scope, out, header_row
    )
    out.indicators.extend(records)
    return len(records)
