"""The DuckDB warehouse: schema from ``sql/tables``, one transaction per file.

Loading a file replaces every row of that source file (all its earlier versions) in one
transaction, so re-ingesting changes nothing and a failure in the middle leaves the warehouse as
it was. A file that failed to parse only gets its dim_document row; its earlier loaded version,
if any, keeps its facts.
"""

from __future__ import annotations

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
)
CHECK_TABLE = "fact_check_result"
TABLES = ("dim_document", *FACT_TABLES, CHECK_TABLE)
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


def apply_schema(conn: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        conn.execute(sql(f"tables/{table}"))


def _insert(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    assert table in TABLES, table
    conn.register("staged", frame.to_arrow())
    try:
        conn.execute(sql("load/insert_staged").format(table=table))
    finally:
        conn.unregister("staged")


def load_document(
    conn: duckdb.DuckDBPyConnection, document: pl.DataFrame, facts: dict[str, pl.DataFrame]
) -> None:
    """Replace all rows of the document's source file with these, in one transaction."""
    source_file = document["source_file"][0]
    conn.begin()
    try:
        for table in (*FACT_TABLES, CHECK_TABLE):
            conn.execute(sql("load/delete_file_facts").format(table=table), {"source_file": source_file})
        for table in FACT_TABLES:
            _insert(conn, table, facts[table])
        run_checks(conn, document["doc_id"][0], source_file)
        conn.execute(sql("load/delete_file_documents"), {"source_file": source_file})
        _insert(conn, "dim_document", document)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def run_checks(conn: duckdb.DuckDBPyConnection, doc_id: str, source_file: str) -> None:
    """Evaluate every rule of sql/checks on one document into fact_check_result."""
    for rule in CHECK_RULES:
        statement = sql("load/insert_check_results").format(check=sql(f"checks/{rule}"), rule=rule)
        conn.execute(statement, {"doc_id": doc_id, "source_file": source_file})


def failed_checks(conn: duckdb.DuckDBPyConnection, source_file: str | None = None) -> list[tuple]:
    """(source_file, rule, subject, expected, found, difference) of every failed check."""
    return conn.execute(sql("load/failed_checks"), {"source_file": source_file}).fetchall()


def record_failure(conn: duckdb.DuckDBPyConnection, document: pl.DataFrame) -> None:
    """Record a failed file version; every fact already loaded stays as it was."""
    params = {"source_file": document["source_file"][0], "doc_id": document["doc_id"][0]}
    conn.begin()
    try:
        conn.execute(sql("load/delete_document_version"), params)
        _insert(conn, "dim_document", document)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def row_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(conn.execute(sql("load/count_rows")).fetchall())
