"""The DuckDB warehouse: schema from ``sql/tables``, one transaction per file.

Loading a file replaces every row of that source file (all its earlier versions) in one
transaction, so re-ingesting changes nothing and a failure in the middle leaves the warehouse as
it was. A file that failed to parse only gets its dim_document row; its earlier loaded version,
if any, keeps its facts.
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
VIEWS = ("project_by_year", "indicators_missed", "department_by_year", "project_year_over_year", "three_public_by_year")
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
VIEWS = (*VIEWS, *REPORT_VIEWS)
# Facts whose rows belong to a project: dim_project fills their project_key.
PROJECT_FACTS = ("fact_indicator", "fact_project_fund", "fact_project_score", "fact_evaluation_score")
DIMENSIONS = ("dim_department", "dim_department_member", "dim_project")
CHECK_TABLE = "fact_check_result"
TABLES = ("dim_document", *FACT_TABLES, CHECK_TABLE, *DIMENSIONS)
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


@cache
def expected_columns() -> dict[str, list[tuple[str, str]]]:
    memory = duckdb.connect()
    for table in TABLES:
        memory.execute(sql(f"tables/{table}"))
    columns = _columns(memory)
    memory.close()
    return columns


def apply_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the tables that are missing; refuse a file whose tables differ from sql/tables."""
    for table in TABLES:
        conn.execute(sql(f"tables/{table}"))
    actual = _columns(conn)
    stale = sorted(t for t, columns in expected_columns().items() if actual.get(t) != columns)
    if stale:
        raise SchemaMismatch(
            f"the warehouse's tables {', '.join(stale)} differ from sql/tables (it was built by another "
            "version of the pipeline); it is derived from data/raw, so delete the file and ingest again"
        )
    for view in VIEWS:
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


def replace_document(conn: duckdb.DuckDBPyConnection, document: pl.DataFrame, facts: dict[str, pl.DataFrame]) -> None:
    """Replace all rows of the document's source file with these; the caller holds a transaction."""
    source_file = document["source_file"][0]
    for table in (*FACT_TABLES, CHECK_TABLE):
        conn.execute(sql("load/delete_file_facts").format(table=table), {"source_file": source_file})
    for table in FACT_TABLES:
        insert_frame(conn, table, facts[table])
    run_checks(conn, document["doc_id"][0], source_file)
    conn.execute(sql("load/delete_file_documents"), {"source_file": source_file})
    insert_frame(conn, "dim_document", document)


def record_failure_rows(conn: duckdb.DuckDBPyConnection, document: pl.DataFrame) -> None:
    """Record a failed file version; the caller holds a transaction. Loaded facts stay."""
    params = {"source_file": document["source_file"][0], "doc_id": document["doc_id"][0]}
    conn.execute(sql("load/delete_document_version"), params)
    insert_frame(conn, "dim_document", document)


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
        statement = sql("load/insert_check_results").format(check=sql(f"checks/{rule}"), rule=rule)
        conn.execute(statement, {"doc_id": doc_id, "source_file": source_file})


def failed_checks(conn: duckdb.DuckDBPyConnection, source_file: str | None = None) -> list[tuple]:
    """(source_file, rule, subject, expected, found, difference) of every failed check."""
    return conn.execute(sql("load/failed_checks"), {"source_file": source_file}).fetchall()


def record_failure(conn: duckdb.DuckDBPyConnection, document: pl.DataFrame) -> None:
    """Record a failed file version in its own transaction; every fact already loaded stays."""
    with transaction(conn):
        record_failure_rows(conn, document)


def remove_file(conn: duckdb.DuckDBPyConnection, source_file: str) -> int:
    """Delete every row of one source file (all versions), in one transaction; return how many
    dim_document rows it had."""
    with transaction(conn):
        (known,) = conn.execute(sql("load/count_file_documents"), {"source_file": source_file}).fetchall()[0]
        for table in (*FACT_TABLES, CHECK_TABLE):
            conn.execute(sql("load/delete_file_facts").format(table=table), {"source_file": source_file})
        conn.execute(sql("load/delete_file_documents"), {"source_file": source_file})
    return known


def recorded_versions(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str]]:
    """(source_file, doc_id, status, parser_version) of every file version ingest recorded."""
    return conn.execute(sql("load/loaded_versions")).fetchall()


def row_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows in every table: facts, check results, dimensions, then dim_document."""
    order = (*FACT_TABLES, CHECK_TABLE, *DIMENSIONS, "dim_document")
    return {table: len(conn.table(table)) for table in order}


def export_parquet(conn: duckdb.DuckDBPyConnection, out: Path) -> dict[str, int]:
    """Write every table as ``out/<table>/part-0.parquet``. Each folder is written beside its final
    place and renamed over it, so a BI tool reading the export never sees a half-written table."""
    import shutil

    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in TABLES:
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
