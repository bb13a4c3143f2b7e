"""Expected outputs of the text fixtures, committed beside each fixture as ``<name>.expected.json``
with two parts:

* ``hand_written``: the values a person read off the fixture's text for the fields that matter
  (year, department, kind, tables and projects, how many indicator rows, chosen indicators, funds,
  total scores, evaluation scores, narrative figures). Written by hand, never by the code: the
  test compares the extraction with them, field by field.
* ``snapshot``: the whole extraction as the code gave it when a person last reviewed it, to catch
  any other change. ``UPDATE_GOLDEN=1 pytest tests/test_fixtures.py`` rewrites a snapshot that
  differs and then fails, so an update never passes its own comparison: review the diff, commit,
  and run the tests again.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from pipelines.recognise.records import Extraction

# How a value was read (OCR's method and confidence): None for every text fixture, so left out of the
# snapshot while None (tests/test_ocr.py covers them).
_READ_KEYS = ("read_method", "read_confidence", "amount_confidence", "confidence")


def _without_unset_read_keys(value):
    if isinstance(value, dict):
        return {k: _without_unset_read_keys(v) for k, v in value.items() if not (k in _READ_KEYS and v is None)}
    if isinstance(value, list):
        return [_without_unset_read_keys(v) for v in value]
    return value


def extraction_as_json(ex: Extraction) -> dict:
    return _without_unset_read_keys(_extraction_as_json(ex))


def _extraction_as_json(ex: Extraction) -> dict:
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


def read_expected(fixture: Path) -> dict:
    return json.loads(expected_path(fixture).read_text(encoding="utf-8"))


def write_snapshot(fixture: Path, snapshot: dict) -> None:
    """Replace the snapshot part of the expected file; the hand-written part is kept as it is."""
    data = read_expected(fixture) if expected_path(fixture).exists() else {"hand_written": {}}
    data["snapshot"] = snapshot
    expected_path(fixture).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _fields(record: dict, wanted: dict) -> dict:
    return {field: record.get(field) for field in wanted}


def hand_view(ex: Extraction, spec: dict) -> dict:
    """The extraction's values for exactly the fields ``spec`` (a hand_written part) names, in its
    shape, so that the two compare with ==."""
    snapshot = extraction_as_json(ex)
    view: dict = {}
    for key in ("fiscal_year", "department", "doc_kind"):
        if key in spec:
            view[key] = snapshot[key]
    if "tables" in spec:
        view["tables"] = [[t["kind"], t["project_name"]] for t in snapshot["tables"]]
    if "indicators" in spec:
        wanted = spec["indicators"]
        rows = snapshot["indicators"]
        view["indicators"] = {"count": len(rows)} if "count" in wanted else {}
        by_name = {}
        for row in rows:
            by_name.setdefault(row["indicator_name"], row)
        view["indicators"]["rows"] = {
            name: _fields(by_name.get(name, {}), fields) for name, fields in wanted.get("rows", {}).items()
        }
    if "funds" in spec:
        by_key = {f"{f['project_name']}|{f['fund_source']}": f for f in snapshot["funds"]}
        view["funds"] = {key: _fields(by_key.get(key, {}), fields) for key, fields in spec["funds"].items()}
    if "project_scores" in spec:
        by_project = {s["project_name"]: s for s in snapshot["project_scores"]}
        view["project_scores"] = {
            name: _fields(by_project.get(name, {}), fields) for name, fields in spec["project_scores"].items()
        }
    if "evaluation_scores" in spec:
        by_indicator = {s["indicator"]: s for s in snapshot["evaluation_scores"]}
        view["evaluation_scores"] = {
            name: _fields(by_indicator.get(name, {}), fields) for name, fields in spec["evaluation_scores"].items()
        }
    if "narrative" in spec:
        narrative = snapshot["narrative"] or {}
        wanted = spec["narrative"]
        view["narrative"] = {}
        if "budget_totals" in wanted:
            totals = {}
            for figure in narrative.get("budget_totals", []):
                totals.setdefault(figure["item"], figure["value"])
            view["narrative"]["budget_totals"] = {item: totals.get(item) for item in wanted["budget_totals"]}
        if "function_line_count" in wanted:
            view["narrative"]["function_line_count"] = len(narrative.get("function_lines", []))
        if "function_lines" in wanted:
            lines = {line["item_name"]: line for line in narrative.get("function_lines", [])}
            view["narrative"]["function_lines"] = {
                name: _fields(lines.get(name, {}), fields) for name, fields in wanted["function_lines"].items()
            }
        if "three_public" in wanted:
            categories = {t["category"]: t["values"] for t in narrative.get("three_public", [])}
            view["narrative"]["three_public"] = {
                name: _fields(categories.get(name, {}), fields) for name, fields in wanted["three_public"].items()
            }
    return view
