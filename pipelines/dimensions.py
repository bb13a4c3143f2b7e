"""Dimensions rebuilt from the loaded facts: departments and projects across years.

* ``dim_department``: one row per department (its key is the short name, 商务厅), with the forms
  it is printed in (新疆维吾尔自治区商务厅, 自治区商务厅, 商务厅) and its units (新疆国际博览事务局,
  新疆商贸经济学校, …: every unit that reports in its documents or that its 决算 lists).
* ``dim_project``: the same project across years gets one key. Printed names are matched on
  meaning: jieba tokens without the words every project name has (经费, 项目, 资金, years),
  compared by Jaccard similarity; a name joins the most similar project of the same department
  from other years when the score reaches ``MATCH_THRESHOLD``, never a project that already has a
  name in that year. Every row keeps its score for review, and ``data/reference/project_overrides.csv``
  lets a person confirm or split a match.

The rebuild runs in one transaction after each load and also fills ``project_key`` in the facts.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import jieba
import polars as pl

from pipelines import warehouse
from pipelines.model import squash

jieba.setLogLevel(logging.WARNING)

OVERRIDES = Path(__file__).resolve().parent.parent / "data" / "reference" / "project_overrides.csv"
MATCH_THRESHOLD = 0.6
# Words that every project name may carry and that say nothing about which project it is.
GENERIC = {
    "经费",
    "项目",
    "资金",
    "专项资金",
    "专项经费",
    "工作经费",
    "费",
    "的",
    "和",
    "及",
    "与",
    "年度",
    "追加",
    "自治区",
    "新疆",
    "新疆维吾尔自治区",
    "—",
    "-",
    "·",
    "（",
    "）",
    "(",
    ")",
}


def tokens(name: str) -> frozenset[str]:
    text = re.sub(r"(19|20)\d{2}年?度?", "", name)
    text = re.sub(r"[（(][^）)]*追加[^）)]*[）)]", "", text)
    return frozenset(t for t in jieba.lcut(text) if t.strip() and t not in GENERIC)


def similarity(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 1.0 if a == b else 0.0
    return len(ta & tb) / len(ta | tb)


def project_key(department_key: str | None, name: str) -> str:
    digest = hashlib.sha1(f"{department_key}|{''.join(sorted(tokens(name))) or name}".encode()).hexdigest()
    return f"P{digest[:10]}"


@dataclass
class ProjectName:
    department_key: str | None
    fiscal_year: int | None
    printed_name: str


@dataclass
class Match:
    name: ProjectName
    project_key: str
    canonical_name: str
    score: float
    method: str  # 'first' (the project's first name), 'exact', 'similar', 'override'


def read_overrides(path: Path = OVERRIDES) -> dict[tuple, str]:
    """(department_key, fiscal_year, printed_name) → project_key, from the committed CSV."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(line for line in handle if not line.startswith("#"))]
    return {
        (r["department_key"], int(r["fiscal_year"]) if r["fiscal_year"] else None, r["printed_name"]): r["project_key"]
        for r in rows
    }


def match_projects(names: list[ProjectName], overrides: dict[tuple, str] | None = None) -> list[Match]:
    """Group printed names into projects (see the module docstring)."""
    overrides = overrides or {}
    projects: list[dict] = []  # {key, canonical, department, years: {year: name}}
    matches: list[Match] = []
    ordered = sorted(names, key=lambda n: (n.department_key or "", n.fiscal_year or 0, n.printed_name))
    for name in ordered:
        forced = overrides.get((name.department_key, name.fiscal_year, name.printed_name))
        candidates = [p for p in projects if p["department"] == name.department_key]
        if forced:
            project = next((p for p in candidates if p["key"] == forced), None)
            if project is None:
                project = {
                    "key": forced,
                    "canonical": name.printed_name,
                    "department": name.department_key,
                    "years": {},
                }
                projects.append(project)
            score = max((similarity(name.printed_name, n) for n in project["years"].values()), default=1.0)
            project["years"][name.fiscal_year] = name.printed_name
            matches.append(Match(name, forced, project["canonical"], round(score, 3), "override"))
            continue
        best, best_score, best_exact = None, 0.0, False
        for project in candidates:
            if name.fiscal_year in project["years"]:
                continue  # one name per project and year: two names in one year are two projects
            exact = name.printed_name in project["years"].values()
            score = 1.0 if exact else max(similarity(name.printed_name, n) for n in project["years"].values())
            if score > best_score:
                best, best_score, best_exact = project, score, exact
        if best is not None and best_score >= MATCH_THRESHOLD:
            best["years"][name.fiscal_year] = name.printed_name
            method = "exact" if best_exact else "similar"
            matches.append(Match(name, best["key"], best["canonical"], round(best_score, 3), method))
            continue
        key = project_key(name.department_key, name.printed_name)
        while any(p["key"] == key for p in projects):  # the same tokens in one year: keep them apart
            key = project_key(name.department_key, key + name.printed_name)
        projects.append(
            {
                "key": key,
                "canonical": name.printed_name,
                "department": name.department_key,
                "years": {name.fiscal_year: name.printed_name},
            }
        )
        matches.append(Match(name, key, name.printed_name, 1.0, "first"))
    return matches


def _canonical_department(key: str, printed: set[str]) -> str:
    """The department's full name: 新疆维吾尔自治区 + its short name for an autonomous-region
    department (printed 自治区商务厅 or 新疆维吾尔自治区商务厅), else the longest form printed
    (上海市普陀区规划和自然资源局: a department of another region keeps its own name)."""
    if any(p.startswith(("自治区", "新疆")) for p in printed) or printed <= {key}:
        return f"新疆维吾尔自治区{key}"
    return max(sorted(printed), key=len)


def _department_rows(conn: duckdb.DuckDBPyConnection) -> tuple[pl.DataFrame, pl.DataFrame]:
    names = conn.execute(warehouse.sql("dimensions/department_names")).fetchall()
    units = conn.execute(warehouse.sql("dimensions/department_units")).fetchall()
    by_key: dict[str, dict] = {}
    for key, printed in names:
        entry = by_key.setdefault(key, {"aliases": set(), "units": set(), "printed": set()})
        entry["aliases"].update({printed, key})
        entry["printed"].add(printed)
    for key, entry in by_key.items():
        entry["canonical"] = _canonical_department(key, entry["printed"])
        if entry["canonical"].startswith("新疆维吾尔自治区"):
            entry["aliases"].update({f"自治区{key}", f"新疆维吾尔自治区{key}"})
    for key, unit in units:
        if key in by_key and unit not in by_key[key]["aliases"]:
            by_key[key]["units"].add(unit)
    departments = pl.DataFrame(
        [
            {
                "department_key": key,
                "canonical_name": entry["canonical"],
                "short_name": key,
                "aliases": sorted(entry["aliases"], key=len),
                "units": sorted(entry["units"]),
            }
            for key, entry in sorted(by_key.items())
        ],
        schema={
            "department_key": pl.String,
            "canonical_name": pl.String,
            "short_name": pl.String,
            "aliases": pl.List(pl.String),
            "units": pl.List(pl.String),
        },
        orient="row",
    )
    members = pl.DataFrame(
        [
            {"name": name, "name_key": squash(name), "kind": kind, "department_key": key}
            for key, entry in sorted(by_key.items())
            for kind, values in (("alias", entry["aliases"]), ("unit", entry["units"]))
            for name in sorted(values)
        ],
        schema={"name": pl.String, "name_key": pl.String, "kind": pl.String, "department_key": pl.String},
        orient="row",
    )
    return departments, members


def subject_rows(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """dim_subject: the 科目编码 → 科目名称 reference of the loaded documents (see
    sql/dimensions/subject_reference.sql)."""
    rows = conn.execute(warehouse.sql("dimensions/subject_reference")).fetchall()
    schema: dict[str, pl.DataType | type[pl.DataType]] = {
        "classification": pl.String,
        "subject_code": pl.String,
        "level": pl.String,
        "subject_name": pl.String,
        "parent_code": pl.String,
        "documents": pl.Int32,
        "name_documents": pl.Int32,
        "name_documents_not_ocr": pl.Int32,
        "name_lines": pl.Int32,
        "other_names": pl.List(pl.String),
        "first_year": pl.Int32,
        "last_year": pl.Int32,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def rebuild(conn: duckdb.DuckDBPyConnection, overrides: Path = OVERRIDES) -> dict[str, int]:
    """Rebuild the dimensions (see ``rebuild_rows``) in one transaction."""
    with warehouse.transaction(conn):
        return rebuild_rows(conn, overrides)


def rebuild_rows(conn: duckdb.DuckDBPyConnection, overrides: Path = OVERRIDES) -> dict[str, int]:
    """Rebuild dim_department, dim_department_member, dim_project and dim_subject from the facts, and fill
    project_key in the facts; the caller holds a transaction."""
    printed = [ProjectName(*row) for row in conn.execute(warehouse.sql("dimensions/project_names")).fetchall()]
    # One name per department, year and name without white space: its printed spellings (which may
    # differ in white space only) are matched once and share its key.
    spellings: dict[tuple, list[ProjectName]] = {}
    for name in printed:
        spellings.setdefault((name.department_key, name.fiscal_year, squash(name.printed_name)), []).append(name)
    names = [min(group, key=lambda n: n.printed_name) for group in spellings.values()]
    matches = match_projects(names, read_overrides(overrides))
    projects = pl.DataFrame(
        [
            {
                "project_key": m.project_key,
                "canonical_name": m.canonical_name,
                "department_key": m.name.department_key,
                "fiscal_year": m.name.fiscal_year,
                "printed_name": spelling.printed_name,
                "name_key": squash(spelling.printed_name),
                "match_score": m.score,
                "match_method": m.method,
            }
            for m in matches
            for spelling in spellings[(m.name.department_key, m.name.fiscal_year, squash(m.name.printed_name))]
        ],
        schema={
            "project_key": pl.String,
            "canonical_name": pl.String,
            "department_key": pl.String,
            "fiscal_year": pl.Int32,
            "printed_name": pl.String,
            "name_key": pl.String,
            "match_score": pl.Float64,
            "match_method": pl.String,
        },
        orient="row",
    )
    departments, members = _department_rows(conn)
    subjects = subject_rows(conn)
    for table, frame in (
        ("dim_project", projects),
        ("dim_department", departments),
        ("dim_department_member", members),
        ("dim_subject", subjects),
    ):
        conn.execute(f"delete from {table}")  # the table names are this module's constants
        warehouse.insert_frame(conn, table, frame)
    for table in warehouse.PROJECT_FACTS:
        conn.execute(warehouse.sql("dimensions/fill_project_key").format(table=table))
    return {"dim_project": projects.height, "dim_department": departments.height, "dim_subject": subjects.height}
