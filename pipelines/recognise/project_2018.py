"""自治区财政项目支出绩效自评表 (2018 layout): 项目名称, 预算单位, 预算执行情况 (预算数 / 执行数,
其中：财政拨款, 其他资金), 年度目标, 6-column indicators (一级/二级/三级/预期/实际)."""

from __future__ import annotations

import re

from pipelines.model import Row
from pipelines.recognise.base import (
    Recogniser,
    Segment,
    header_map,
    read_indicator_table,
)
from pipelines.recognise.project_2024 import fund_source_of
from pipelines.recognise.records import Extraction, FundRecord

_FUND_LABEL = re.compile(r"^(其中[：:])?(预算数|执行数|财政拨款|其他资金)")


class Project2018(Recogniser):
    kind = "project_2018"

    def starts(self, row: Row) -> bool:
        return bool(row.values) and row.values[0] == "项目名称"

    def accepts(self, segment: Segment) -> bool:
        return any(v.startswith("预算数") for row in segment.rows for v in row.values)

    def read(self, segment: Segment, table_no: int, out: Extraction) -> int:
        project = segment.value_after("项目名称") or segment.context.project_name
        unit = segment.value_after("预算单位") or segment.context.unit_name

        def make(row: Row) -> dict:
            return self.provenance(segment, table_no, row, unit=unit, project=project)

        read = 0
        for row in segment.rows:
            if header_map(row):
                break
            values = row.values
            labels = [i for i, v in enumerate(values) if _FUND_LABEL.match(v)]
            if len(labels) != 2:
                continue
            budget_at, executed_at = labels
            # the two labels side by side: no amount printed after the first (a table drawn without
            # vertical rules shows no empty cell between them: 其他资金 | 其他资金)
            budget = values[budget_at + 1] if budget_at + 1 < executed_at else ""
            source_kind = fund_source_of(re.sub(r"^其中[：:]", "", values[budget_at]))
            out.funds.append(
                FundRecord(
                    **make(row),
                    fund_source=source_kind or "other",
                    fund_label=values[budget_at].rstrip("：:"),
                    budget_full_year=budget or None,
                    executed=(values[executed_at + 1] if executed_at + 1 < len(values) else "") or None,
                )
            )
            read += 1
        indicators = read_indicator_table(segment.rows, make, "project", out)
        if indicators is None:
            out.warnings.append(
                f"{out.source_file}: {segment.anchor.where}: the table of {project!r} has no "
                "indicator heading row; its indicators were not read"
            )
        return read + (indicators or 0)
