"""项目支出绩效自评表 (2024 layout): 项目名称, 主管部门/实施单位, 项目资金 (年初预算数, 全年预算数,
全年执行数, 分值, 执行率, 得分), 年度总体目标, 14-column indicators, 总分."""

from __future__ import annotations

import re
from typing import Any

from pipelines.model import DocumentError, Row
from pipelines.recognise.base import (
    Recogniser,
    Segment,
    is_total_row,
    on_heading_cells,
    read_indicator_rows,
    read_indicator_table,
    unread_row,
)
from pipelines.recognise.records import Extraction, FundRecord, ProjectScoreRecord

_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _on_heading(row: Row, heading: Row, columns: dict[int, str]) -> bool:
    """Whether ``row`` stands on the cells of the 项目资金 heading: the same cells, or, in a table
    drawn without vertical rules, fewer where the heading's last cells are empty (columns found
    from the 实施单位 row above) and the text of each amount cell of ``row`` stands inside the
    heading's cell of the same number (its last cell reaching over the empty ones)."""
    if len(row) == len(heading):
        return True
    if len(row) > len(heading) or any(heading.values[len(row) :]) or max(columns) >= len(row):
        return False
    for i in columns:
        ink, box = row.cells[i].ink, heading.cells[i].bbox
        if ink is None or box is None:
            return False
        if row.values[i] and not box[0] - 1 <= (ink[0] + ink[1]) / 2 <= box[2] + 1:
            return False
    return True


FUND_COLUMNS = {
    "年初预算数": "budget_initial",
    "全年预算数": "budget_full_year",
    "全年执行数": "executed",
    "分值": "weight",
    "执行率": "execution_rate",
    "得分": "score",
}

# The standard layout, used when a table lost its heading row (seen in seed 004).
DEFAULT_INDICATOR_HEADER = {
    1: "level1",
    2: "level2",
    3: "indicator_name",
    4: "weight",
    5: "target_text",
    6: "actual_text",
    7: "completion_rate",
    8: "score",
    9: "basis",
    10: "prior_year_text",
    11: "scoring_rule",
    12: "evidence",
    13: "deviation_reason",
}


def fund_source_of(label: str) -> str | None:
    """The fund source a 项目资金 row's label names, from the label's start (a label cut by a
    page break, 度资金总额, names none: its row is not read)."""
    label = re.sub(r"^其中[：:]", "", label)
    if label.startswith(("年度资金总额", "年度总资金", "资金总额", "预算数")):
        return "total"
    if label.startswith(("当年财政拨款", "财政拨款")):
        return "fiscal"
    if label.startswith("其他资金"):
        return "other"
    return None


def total_tokens(row: Row) -> list[str]:
    """The non-empty values of a 总分 row, also when its TABs were lost and the values arrive
    as the lines of its one cell (``总分\\n100\\n96.95分``). A row of several cells is read cell
    by cell: a cell's own line breaks are wrapping (a narrow 100 printed as 10 / 0)."""
    if len(row.nonempty()) > 1:
        return row.nonempty()
    tokens: list[str] = []
    for cell in row.cells:
        tokens.extend(t for t in (line.strip() for line in cell.text.splitlines()) if t)
    return [t.replace(" ", "").replace("\u3000", "") for t in tokens]


class Project2024(Recogniser):
    kind = "project_2024"

    def starts(self, row: Row) -> bool:
        return bool(row.values) and row.values[0] == "项目名称"

    def accepts(self, segment: Segment) -> bool:
        return any("年初预算数" in row.values for row in segment.rows)

    def ends_after(self, row: Row) -> bool:
        return is_total_row(row)

    def read(self, segment: Segment, table_no: int, out: Extraction) -> int:
        source = out.source_file
        project = segment.value_after("项目名称") or segment.context.project_name
        unit = segment.value_after("实施单位") or segment.context.unit_name

        def make(row: Row) -> dict:
            return self.provenance(segment, table_no, row, unit=unit, project=project)

        rows = segment.rows
        read = 0
        fund_header_at = next(i for i, r in enumerate(rows) if "年初预算数" in r.values)
        fund_header = rows[fund_header_at]
        columns = {i: FUND_COLUMNS[v] for i, v in enumerate(fund_header.values) if v in FUND_COLUMNS}
        first_amount = min(columns)
        indicator_at = None
        for offset, row in enumerate(rows[fund_header_at + 1 :], start=fund_header_at + 1):
            # the block ends at a row of another width, or at the 年度总体目标 row (which a table
            # drawn without vertical rules may show on the block's columns)
            if not _on_heading(row, fund_header, columns) or (row.nonempty() or [""])[0].startswith("年度总体目标"):
                indicator_at = offset
                break
            # the label: the cell left of the amounts that names a fund source (the cell before it
            # may hold the rest of the 项目资金（万元） label, merged down and cut by a page break)
            labels = [v for v in row.values[:first_amount] if v]
            label = next((v for v in labels if fund_source_of(v)), labels[0] if labels else "")
            source_kind = fund_source_of(label)
            if source_kind is None:
                unread_row(out, make(row), row, f"a row of the 项目资金 block with an unknown label {label!r}")
                continue
            values: dict[str, Any] = {name: (row.values[i] or None) for i, name in columns.items()}
            out.funds.append(FundRecord(**make(row), fund_source=source_kind, fund_label=label, **values))
            read += 1

        goals_at = None
        if indicator_at is not None:
            # rows of the block of another width than its heading (a column the layout lost on
            # one of them): their amounts cannot be placed under their headings
            goals_at = next(
                (
                    i
                    for i in range(indicator_at, len(rows))
                    if (rows[i].nonempty() or [""])[0].startswith("年度总体目标")
                ),
                None,
            )
            for r in rows[indicator_at:goals_at] if goals_at is not None else []:
                if r.nonempty():
                    unread_row(
                        out,
                        make(r),
                        r,
                        f"a row of the 项目资金 block of {len(r)} cells where its heading has {len(fund_header)}: "
                        "its amounts cannot be placed under their headings",
                    )
        start = goals_at if goals_at is not None else indicator_at
        rest = rows[start:] if start is not None else []
        indicators = read_indicator_table(rest, make, "project", out)
        if indicators is None:
            data = []
            width = len(DEFAULT_INDICATOR_HEADER) + 1
            # in a table drawn without vertical rules, a row of the standard width whose 权重 is a
            # number stands for the heading: a row its page found other columns for (more, fewer,
            # or as many but cut elsewhere) is read on its cells, where each text stands in
            # exactly one of them
            reference = next((r for r in rest if len(r) == width and r.values[3] and _NUMBER.match(r.values[4])), None)
            for r in rest:
                misplaced = len(r) != width or bool(r.values[3] and not _NUMBER.match(r.values[4]))
                if misplaced and len(r) > 4 and reference is not None and not is_total_row(r):
                    r = on_heading_cells(r, reference) or r
                if len(r) != width:
                    # a row of indicator width with a cell more or less (a column the layout
                    # lost, cells merged): without a heading nothing says which one, so not read
                    if len(r) > 4 and r.nonempty() and not is_total_row(r):
                        unread_row(
                            out,
                            make(r),
                            r,
                            f"an indicator row of {len(r)} cells in a table without a heading row: "
                            f"the standard layout has {len(DEFAULT_INDICATOR_HEADER) + 1}, and nothing "
                            "says which column is missing or extra",
                        )
                    continue
                # without a heading nothing vouches for the columns: a row is read only when its
                # 权重 stands where the layout has it (a number), else its cells may be shifted
                if r.values[3] and not _NUMBER.match(r.values[4]):
                    unread_row(
                        out,
                        make(r),
                        r,
                        "an indicator row that does not fit the standard 14-column layout (its 权重 is not a number)",
                    )
                    continue
                data.append(r)
            out.warnings.append(
                f"{source}: {segment.anchor.where}: the indicator table of {project!r} has "
                "no heading row; read with the standard 14-column layout"
            )
            records = read_indicator_rows(data, DEFAULT_INDICATOR_HEADER, 14, make, "project", out)
            out.indicators.extend(records)
            indicators = len(records)
        read += indicators

        total = next((r for r in rows if is_total_row(r)), None)
        if total is not None:
            tokens = total_tokens(total)[1:]
            out.project_scores.append(
                ProjectScoreRecord(
                    **make(total),
                    total_weight=tokens[0] if len(tokens) > 1 else None,
                    total_score=tokens[-1] if tokens else None,
                )
            )
            read += 1
        else:
            raise DocumentError(
                f"{source}: the project table {project!r} ({segment.anchor.where}) ends "
                "before its 总分 row: the file looks truncated"
            )
        return read
