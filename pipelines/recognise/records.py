"""What recognisers produce: records of printed strings, with their source position.

Values stay as printed here (white space removed); the normalize stage turns them into numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, TypedDict

from pipelines.model import Cell, UnreadPart

if TYPE_CHECKING:
    from pipelines.recognise.narrative import Narrative
    from pipelines.recognise.standard_tables import StandardTable


@dataclass
class Provenance:
    table_no: int  # ordinal of the recognised table within its document, from 1
    table_kind: str
    fiscal_year: int | None
    unit_name: str | None
    project_name: str | None
    source_page: int | None
    source_line: int | None
    # how the row's values were read: 'ocr' when any of its cells was read by OCR, else None (the
    # document's own method, filled in by normalize); the least OCR confidence of its cells (0–1)
    read_method: str | None = None
    read_confidence: float | None = None


OCR = "ocr"


class ReadBy(TypedDict):
    read_method: str | None
    read_confidence: float | None


def read_by(cells: Iterable[Cell | None]) -> ReadBy:
    """``read_method`` and ``read_confidence`` of a value read from ``cells``: 'ocr' and the least
    confidence of the cells when any of them was read by OCR (the only reader that has a
    confidence), else both None (the document's method: see normalize.read_method)."""
    confidences = [c.confidence for c in cells if c is not None and c.confidence is not None]
    if not confidences:
        return {"read_method": None, "read_confidence": None}
    return {"read_method": OCR, "read_confidence": round(min(confidences), 3)}


@dataclass
class IndicatorRecord(Provenance):
    scope: str = "project"  # 'project' or 'department'
    level1: str | None = None
    level2: str | None = None
    indicator_name: str | None = None
    weight: str | None = None
    target_text: str | None = None
    actual_text: str | None = None
    completion_rate: str | None = None
    score: str | None = None
    basis: str | None = None
    prior_year_text: str | None = None
    scoring_rule: str | None = None
    evidence: str | None = None
    deviation_reason: str | None = None


@dataclass
class FundRecord(Provenance):
    fund_source: str = "total"  # 'total', 'fiscal' or 'other'
    fund_label: str | None = None  # the row label as printed
    budget_initial: str | None = None
    budget_full_year: str | None = None
    executed: str | None = None
    weight: str | None = None
    execution_rate: str | None = None
    score: str | None = None


@dataclass
class ProjectScoreRecord(Provenance):
    total_weight: str | None = None
    total_score: str | None = None


@dataclass
class EvaluationScoreRecord(Provenance):
    indicator: str = ""
    weight: str | None = None
    score: str | None = None
    score_rate: str | None = None
    is_total: bool = False
    grade: str | None = None


@dataclass
class RecognisedTable:
    table_no: int
    kind: str
    project_name: str | None
    source_page: int | None
    source_line: int | None
    rows: int


@dataclass
class Extraction:
    """Everything one document yields, before normalisation."""

    doc_id: str
    source_file: str
    file_type: str
    pages: int | None
    encoding: str | None
    fiscal_year: int | None
    department: str | None
    doc_kind: str
    tables: list[RecognisedTable] = field(default_factory=list)
    indicators: list[IndicatorRecord] = field(default_factory=list)
    funds: list[FundRecord] = field(default_factory=list)
    project_scores: list[ProjectScoreRecord] = field(default_factory=list)
    evaluation_scores: list[EvaluationScoreRecord] = field(default_factory=list)
    narrative: Narrative | None = None
    standard_tables: list[StandardTable] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unread: list[UnreadPart] = field(default_factory=list)  # printed but not read (see UnreadPart)


def record_columns(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]
