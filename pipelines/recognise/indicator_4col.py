"""The 4-column indicator table of 2018 self-evaluation reports (seeds 000 and 001):
年度绩效指标完成情况 | 三级指标 | 预期指标值 | 实际完成指标值. The project comes from the report."""

from __future__ import annotations

from pipelines.model import Row
from pipelines.recognise.base import (
    Recogniser,
    Segment,
    header_map,
    read_indicator_table,
)
from pipelines.recognise.records import Extraction


class Indicator4Col(Recogniser):
    kind = "indicator_4col"

    def starts(self, row: Row) -> bool:
        mapping = header_map(row)
        return len(row) == 4 and bool(mapping) and "level1" not in mapping.values()

    def read(self, segment: Segment, table_no: int, out: Extraction) -> int:
        project = segment.context.project_name
        unit = segment.context.unit_name or segment.context.department

        def make(row: Row) -> dict:
            return self.provenance(segment, table_no, row, unit=unit, project=project)

        return read_indicator_table(segment.rows, make, "project", out) or 0
