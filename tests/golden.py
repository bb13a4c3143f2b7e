"""Golden files: the expected extraction of each text fixture, committed beside it.

Regenerate after a deliberate change with ``UPDATE_GOLDEN=1 pytest tests/test_fixtures.py`` and
review the diff: each expected file is what a person checked against the fixture's text.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from pipelines.recognise.records import Extraction


def extraction_as_json(ex: Extraction) -> dict:
    return {
        "fiscal_year": ex.fiscal_year,
        "department": ex.department,
        "doc_kind": ex.doc_kind,
        "tables": [asdict(t) for t in ex.tables],
        "indicators": [asdict(r) for r in ex.indicators],
        "funds": [asdict(r) for r in ex.funds],
        "project_scores": [asdict(r) for r in ex.project_scores],
        "evaluation_scores": [asdict(r) for r in ex.evaluation_scores],
        "narrative": asdict(ex.narrative) if ex.narrative else None,
        "standard_tables": [asdict(t) for t in ex.standard_tables],
        "warnings": [w.split(": ", 1)[1] for w in ex.warnings],
    }


def expected_path(fixture: Path) -> Path:
    return fixture.with_name(fixture.stem + ".expected.json")


def write_expected(fixture: Path, data: dict) -> None:
    expected_path(fixture).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_expected(fixture: Path) -> dict:
    return json.loads(expected_path(fixture).read_text(encoding="utf-8"))
