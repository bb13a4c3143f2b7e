"""评分表 / 得分表 of a 绩效评价报告: 一级指标 × 权重, 得分, 得分率 and the 合计 row, printed
either one indicator a row (seed 002) or transposed, one indicator a column (seed 004)."""

from __future__ import annotations

import re

from pipelines.model import Paragraph, Row, squash
from pipelines.recognise.base import Recogniser, Segment
from pipelines.recognise.metadata import score_table_project
from pipelines.recognise.records import EvaluationScoreRecord, Extraction

_GRADE = re.compile(r"绩效(?:等级|级别)(?:评定)?为[“\"]?([优良中差])")
_TOTAL = ("合计", "总计", "总分")


def _is_total(label: str) -> bool:
    return label.startswith(_TOTAL) or "合计" in label


class EvaluationScore(Recogniser):
    kind = "evaluation_score"

    def starts(self, row: Row) -> bool:
        values = row.values
        by_row = len(values) == 4 and values[0] == "一级指标" and values[1:] == ["权重", "得分", "得分率"]
        transposed = len(values) >= 3 and values[0] == "指标" and _is_total(values[-1])
        return by_row or transposed

    def _project(self, segment: Segment) -> str | None:
        titles = [p.text for p in segment.preamble if isinstance(p, Paragraph)]
        found = next((score_table_project(t) for t in reversed(titles) if score_table_project(t)), None)
        return found or segment.context.project_name

    def _grade(self, segment: Segment) -> str | None:
        """The grade (优/良/中/差) the report states, from the statement nearest the table."""
        found = [
            (abs(index - segment.start), match.group(1))
            for index, item in enumerate(segment.items)
            if isinstance(item, Paragraph) and (match := _GRADE.search(squash(item.text)))
        ]
        return min(found)[1] if found else None

    def read(self, segment: Segment, table_no: int, out: Extraction) -> int:
        project = self._project(segment)
        unit = segment.context.unit_name or segment.context.department
        grade = self._grade(segment)

        def record(row: Row, indicator: str, weight, score, rate) -> EvaluationScoreRecord:
            total = _is_total(indicator)
            return EvaluationScoreRecord(
                **self.provenance(segment, table_no, row, unit=unit, project=project),
                indicator=indicator,
                weight=weight or None,
                score=score or None,
                score_rate=rate or None,
                is_total=total,
                grade=grade if total else None,
            )

        anchor = segment.anchor.values
        records: list[EvaluationScoreRecord] = []
        if anchor[0] == "一级指标":
            for row in segment.rows[1:]:
                values = row.values
                if len(values) != 4 or not values[0]:
                    continue
                records.append(record(row, *values))
        else:
            by_label = {r.values[0]: r for r in segment.rows[1:] if r.values and r.values[0]}
            weights, scores, rates = (by_label.get(k) for k in ("权重", "得分", "得分率"))
            for col, indicator in enumerate(anchor[1:], start=1):
                if not indicator:
                    continue

                def at(row: Row | None, col: int = col) -> str | None:
                    return row.values[col] if row is not None and col < len(row) else None

                records.append(record(segment.anchor, indicator, at(weights), at(scores), at(rates)))
        out.evaluation_scores.extend(records)
        return len(records)
