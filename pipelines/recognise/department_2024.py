"""部门（单位）整体支出绩效目标自评表: the department-wide table, with 8-column indicators
(一级/二级/三级/预期指标值/指标值设定依据/分值权重/实际完成指标值/得分)."""

from __future__ import annotations

from pipelines.model import Row
from pipelines.recognise.base import Recogniser, Segment, read_indicator_table
from pipelines.recognise.records import Extraction


class Department2024(Recogniser):
    kind = "department_2024"

    def starts(self, row: Row) -> bool:
        return bool(row.values) and row.values[0].startswith("部门（单位）名称")

    def read(self, segment: Segment, table_no: int, out: Extraction) -> int:
        unit = segment.value_after("部门（单位）名称") or segment.context.unit_name

        def make(row: Row) -> dict:
            return self.provenance(segment, table_no, row, unit=unit, project=None)

        read = read_indicator_table(segment.rows, make, "department", out)
        if read is None:
            out.warnings.append(
                f"{out.source_file}: {segment.anchor.where}: the department table has no "
                "indicator heading row; its indicators were not read"
            )
        return read or 0
