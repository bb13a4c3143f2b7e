"""The DuckDB warehouse: schema from ``sql/tables``, loads, checks, and the record invariant.

The record and the rows agree (see ``sql/tables/dim_document.sql``): a file's facts are in the
fact tables if and only if its dim_document row says so (loaded or partial), for the version they
came from. Loading a version replaces every row of its file in the caller's transaction; a version
that fails leaves the file's loaded version, if any, as it was, and is recorded in ingest_attempt.
``violations`` lists every place where the invariant does not hold; a load checks it before it
commits, and a Dagster asset check after.
"""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
FACT_TABLES = (
    "fact_indicator",
    "fact_project_fund",
    "fact_project_score",
    "fact_evaluation_score",
    "fact_budget_total",
    "fact_stated_figure",
    "fact_function_expenditure",
    "fact_function_class",
    "fact_three_public",
    "fact_standard_table",
    "fact_standard_value",
    "fact_document_unit",
    "fact_unread_part",
)
# Views for analysts, one a file in sql/views (each reads the tables above or an earlier view).
VIEWS: tuple[str, ...] = (
    "identity_row_total_part",  # first: the checks and ocr_figure_review read it
    "project_by_year",
    "indicators_missed",
    "department_by_year",
    "project_year_over_year",
    "three_public_by_year",
)
# The report's views (pipelines/report), in dependency order: every number of its pages comes from them.
REPORT_VIEWS = (
    "report_document",
    "report_document_status",
    "report_unread_part",
    "report_department_total",
    "report_department_year",
    "report_function_class",
    "report_three_public",
    "report_standard_table",
    "report_check_failure",
    "report_project_year",
    "report_project_indicator",
)
# Lists for a person to review what OCR read (sql/views/ocr_*.sql); they read dim_subject.
OCR_VIEWS = ("ocr_figure_review", "ocr_name_review")
VIEWS = (*VIEWS, *REPORT_VIEWS, *OCR_VIEWS)
# Facts whose rows belong to a project: dim_project fills their project_key.
PROJECT_FACTS = ("fact_indicator", "fact_project_fund", "fact_project_score", "fact_evaluation_score")
DIMENSIONS = ("dim_department", "dim_department_member", "dim_project", "dim_subject")
CHECK_TABLE = "fact_check_result"
ATTEMPT_TABLE = "ingest_attempt"
TABLES = ("dim_document", ATTEMPT_TABLE, *FACT_TABLES, CHECK_TABLE, *DIMENSIONS)
# Statuses of dim_document whose version has facts in the fact tables.
CURRENT = ("loaded", "partial")
# The accounting checks: one query a file in sql/checks, run on each document as it loads.
CHECK_RULES = tuple(sorted(p.stem for p in (SQL_DIR / "checks").glob("*.sql")))


@cache
def sql(name: str) -> str:
    """The text of ``sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file, creating it and its tables when needed."""
    path = Path(path)
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(str(path))
    apply_schema(conn)
    return conn


class SchemaMismatch(RuntimeError):
    """The warehouse file was built by another version of the pipeline."""


def _columns(conn: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    rows = conn.execute(
        "select table_name, column_name, data_type from duckdb_columns() "
        "where database_name = current_database() and schema_name = 'main' and not internal "
        "order by table_name, column_index"
    ).fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        out.setdefault(table, []).append((column, kind))
    return out


def _views(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = conn.execute(
        "select view_name, sql from duckdb_views() "
        "where database_name = current_database() and schema_name = 'main' and not internal"
    ).fetchall()
    return dict(rows)


@cache
def _expected() -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    memory = duckdb.connect()
    for table in TABLES:
        memory.execute(sql(f"tables/{table}"))
    for view in VIEWS:
        memory.execute(sql(f"views/{view}"))
    columns, views = _columns(memory), _views(memory)
    memory.close()
    return {t: c for t, c in columns.items() if t in TABLES}, views


def expected_columns() -> dict[str, list[tuple[str, str]]]:
    return _expected()[0]


def apply_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the tables that are missing; refuse a file whose tables differ from sql/tables;
    create the views that are missing or differ from sql/views."""
    existing = set(_columns(conn))
    for table in TABLES:
        if table not in existing:
            conn.execute(sql(f"tables/{table}"))
    actual = _columns(conn)
    stale = sorted(t for t, columns in expected_columns().items() if actual.get(t) != columns)
    if stale:
        raise SchemaMismatch(
            f"the warehouse's tables {', '.join(stale)} differ from sql/tables (it was built by another "
            "version of the pipeline); it is derived from data/raw, so delete the file and ingest again"
        )
    current, wanted = _views(conn), _expected()[1]
    for view in VIEWS:  # (re)created only when missing or changed: opening writes nothing otherwise
        if current.get(view) != wanted[view]:
            conn.execute(sql(f"views/{view}"))


def insert_frame(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    assert table in TABLES, table
    conn.register("staged", frame.to_arrow())
    try:
        conn.execute(sql("load/insert_staged").format(table=table))
    finally:
        conn.unregister("staged")


def delete_file_rows(conn: duckdb.DuckDBPyConnection, source_file: str) -> None:
    """Delete every fact and check row of one file (all its versions); the caller holds a transaction."""
    for table in (*FACT_TABLES, CHECK_TABLE):
        conn.execute(sql("load/delete_file_facts").format(table=table), {"source_file": source_file})


def replace_document(conn: duckdb.DuckDBPyConnection, document: pl.DataFrame, facts: dict[str, pl.DataFrame]) -> None:
    """Replace all rows of the document's source file with these, and its record with ``document``
    (one row, status loaded or partial); the caller holds a transaction."""
    source_file = document["source_file"][0]
    delete_file_rows(conn, source_file)
    for table in FACT_TABLES:
        insert_frame(conn, table, facts[table])
    run_checks(conn, document["doc_id"][0], source_file)
    set_record(conn, document)


def set_record(conn: duckdb.DuckDBPyConnection, document: pl.DataFrame) -> None:
    """Make ``document`` (one row) the file's record in dim_document; the caller holds a transaction."""
    conn.execute(sql("load/delete_file_documents"), {"source_file": document["source_file"][0]})
    insert_frame(conn, "dim_document", document)


def file_record(conn: duckdb.DuckDBPyConnection, source_file: str) -> dict | None:
    """The file's dim_document row (doc_id, status, subject, facts_sha256, file_modified_at), if any."""
    cursor = conn.execute(sql("load/file_record"), {"source_file": source_file})
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    return dict(zip(names, rows[0])) if rows else None


def same_document(conn: duckdb.DuckDBPyConnection, document: dict) -> list[dict]:
    """The loaded files other than ``document``'s (a dim_document row) of the same department, year
    and kind, or with the same facts: the candidates for being the same document."""
    cursor = conn.execute(
        sql("load/same_document"),
        {key: document[key] for key in ("source_file", "department_key", "fiscal_year", "doc_kind", "facts_sha256")},
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def mark_superseded(
    conn: duckdb.DuckDBPyConnection, source_file: str, status: str, superseded_by: str, reason: str
) -> None:
    """The file no longer counts: delete its rows, record why; the caller holds a transaction."""
    delete_file_rows(conn, source_file)
    conn.execute(
        sql("load/mark_superseded"),
        {"source_file": source_file, "status": status, "superseded_by": superseded_by, "reason": reason},
    )


def superseded_by(conn: duckdb.DuckDBPyConnection, source_file: str) -> list[str]:
    """The files that do not count because of ``source_file``."""
    return [name for (name,) in conn.execute(sql("load/superseded_by_file"), {"source_file": source_file}).fetchall()]


def forget_record(conn: duckdb.DuckDBPyConnection, source_file: str) -> None:
    """Delete a file's record and rows, so that the next run reads it again; the caller holds a
    transaction."""
    delete_file_rows(conn, source_file)
    conn.execute(sql("load/delete_file_documents"), {"source_file": source_file})


def record_attempts(conn: duckdb.DuckDBPyConnection, attempts: pl.DataFrame) -> None:
    """Append rows to ingest_attempt; the caller holds a transaction."""
    insert_frame(conn, ATTEMPT_TABLE, attempts)


class RecordViolation(RuntimeError):
    """The record and the rows disagree (a bug): the load that caused it is rolled back."""


def violations(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(source_file, doc_id, problem) for every place where dim_document and the rows disagree."""
    facts = "\n    union all\n    ".join(
        f"select source_file, doc_id, '{table}' as table_name from {table}" for table in (*FACT_TABLES, CHECK_TABLE)
    )
    return conn.execute(sql("load/record_violations").format(facts=facts)).fetchall()


def assert_record_matches_rows(conn: duckdb.DuckDBPyConnection) -> None:
    """Raise RecordViolation when the invariant does not hold (call inside the load transaction)."""
    found = violations(conn)
    if found:
        listed = "; ".join(f"{name} ({doc_id and doc_id[:12]}): {problem}" for name, doc_id, problem in found[:5])
        raise RecordViolation(f"the load was rolled back: the record and the rows would disagree: {listed}")


@contextlib.contextmanager
def transaction(conn: duckdb.DuckDBPyConnection):
    conn.begin()
    try:
        yield
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def load_document(conn: duckdb.DuckDBPyConnection, document: pl.DataFrame, facts: dict[str, pl.DataFrame]) -> None:
    """Replace all rows of the document's source file with these, in one transaction."""
    with transaction(conn):
        replace_document(conn, document, facts)


def run_checks(conn: duckdb.DuckDBPyConnection, doc_id: str, source_file: str) -> None:
    """Evaluate every rule of sql/checks on one document into fact_check_result."""
    for rule in CHECK_RULES:
        statement = sql("load/insert_check_results").format(check=sql(f"checks/{rule}"))
        conn.execute(statement, {"doc_id": doc_id, "source_file": source_file, "rule": rule})


def failed_checks(conn: duckdb.DuckDBPyConnection, source_file: str | None = None) -> list[tuple]:
    """(source_file, rule, subject, expected, found, difference) of every failed check."""
    return conn.execute(sql("load/failed_checks"), {"source_file": source_file}).fetchall()


def remove_file(conn: duckdb.DuckDBPyConnection, source_file: str) -> int:
    """Delete every row of one source file and its record, in one transaction; the files that did
    not count because of it lose their record too, so the next run reads them again. Return how many
    records it had (0 or 1)."""
    with transaction(conn):
        (known,) = conn.execute(sql("load/count_file_documents"), {"source_file": source_file}).fetchall()[0]
        for other in superseded_by(conn, source_file):
            forget_record(conn, other)
        forget_record(conn, source_file)
        assert_record_matches_rows(conn)
    return known


def recorded_versions(conn: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(source_file, doc_id, status, parser_version, attempt_parser, retry, settled) of every file
    version ingest recorded (see sql/load/recorded_versions.sql)."""
    return conn.execute(sql("load/recorded_versions")).fetchall()


def row_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows in every table: facts, check results, dimensions, then dim_document and ingest_attempt."""
    order = (*FACT_TABLES, CHECK_TABLE, *DIMENSIONS, "dim_document", ATTEMPT_TABLE)
    return {table: len(conn.table(table)) for table in order}


def export_parquet(conn: duckdb.DuckDBPyConnection, out: Path) -> dict[str, int]:
    """Write every table and view as ``out/<name>/part-0.parquet``. Each folder is written beside
    its final place and renamed over it, so a BI tool reading the export never sees a half-written
    table."""
    import shutil

    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in (*TABLES, *VIEWS):
        staging = out / f".{table}.writing"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        relation = conn.table(table)
        relation.write_parquet(str(staging / "part-0.parquet"))
        counts[table] = len(relation)
        final = out / table
        retired = out / f".{table}.old"
        shutil.rmtree(retired, ignore_errors=True)
        if final.exists():
            final.rename(retired)
        staging.rename(final)
        shutil.rmtree(retired, ignore_errors=True)
    return counts
