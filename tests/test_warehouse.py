"""Loads into a real DuckDB file: idempotent, one transaction per file, failures keep old rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines import ingest, warehouse
from tests.conftest import SEED


def _ingest(raw_dir: Path, db: Path) -> ingest.LoadSummary:
    files = [ingest.normalise_file(ingest.extract_file(r)) for r in ingest.list_raw_files(raw_dir)]
    conn = warehouse.connect(db)
    try:
        return ingest.load_files(conn, files, progress=lambda _: None)
    finally:
        conn.close()


def _table_contents(db: Path) -> dict[str, list]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        stamped = {"dim_document": "ingested_at", "fact_check_result": "checked_at"}
        return {
            table: conn.execute(
                f"select * exclude ({stamped[table]}) from {table} order by all"
                if table in stamped
                else f"select * from {table} order by all"
            ).fetchall()
            for table in warehouse.TABLES
        }
    finally:
        conn.close()


def test_every_column_of_every_table_and_view_is_documented(tmp_path):
    from pipelines.__main__ import data_dictionary

    rows = [line for line in data_dictionary().splitlines() if line.startswith("| `")]
    assert rows and all(not line.endswith("|  |") for line in rows), [r for r in rows if r.endswith("|  |")]


def test_every_column_is_documented_in_sql(tmp_path):
    conn = warehouse.connect(tmp_path / "w.duckdb")
    undocumented = conn.execute(
        "select table_name, column_name from duckdb_columns() "
        "where database_name = current_database() and schema_name = 'main' and not internal "
        "and (comment is null or comment = '') "
        "and table_name in (select table_name from duckdb_tables())"
    ).fetchall()
    documented_tables = {
        r[0]
        for r in conn.execute(
            "select table_name from duckdb_tables() where database_name = current_database()"
        ).fetchall()
    }
    assert documented_tables == set(warehouse.TABLES)
    assert undocumented == []


def test_reingesting_the_same_files_leaves_identical_tables(raw_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    first = _ingest(raw_copy, db)
    before = _table_contents(db)
    second = _ingest(raw_copy, db)
    assert first.warehouse_rows == second.warehouse_rows
    assert _table_contents(db) == before
    assert first.warehouse_rows["dim_document"] == 5


def test_a_changed_file_replaces_its_rows_and_a_failed_version_keeps_them(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    target = raw / "report.txt"
    shutil.copy(SEED["003"], target)
    db = tmp_path / "w.duckdb"
    assert _ingest(raw, db).warehouse_rows["fact_indicator"] == 37

    shutil.copy(SEED["000"], target)  # same name, new content
    assert _ingest(raw, db).warehouse_rows["fact_indicator"] == 12

    target.write_bytes(b"")  # a broken new version: the loaded one stays
    summary = _ingest(raw, db)
    assert summary.failed and "empty" in summary.failed[0][1]
    assert summary.warehouse_rows["fact_indicator"] == 12
    conn = duckdb.connect(str(db), read_only=True)
    statuses = sorted(conn.execute("select status from dim_document").fetchall())
    conn.close()
    assert statuses == [("failed",), ("loaded",)]


def test_a_load_that_fails_midway_rolls_back_the_whole_file(raw_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    _ingest(raw_copy, db)
    before = _table_contents(db)
    item = ingest.normalise_file(ingest.extract_file(ingest.list_raw_files(raw_copy)[4]))
    # The fact tables load first; a broken dim_document frame makes the last insert fail.
    broken = item.document.with_columns(pl.lit(None, dtype=pl.String).alias("status"))
    conn = warehouse.connect(db)
    with pytest.raises(duckdb.Error):
        warehouse.load_document(conn, broken, item.facts)
    conn.close()
    assert _table_contents(db) == before
