"""Loads into a real DuckDB file: idempotent, one transaction per file, failures keep old rows."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
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
            if table != warehouse.ATTEMPT_TABLE  # the history of attempts grows with every run
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
    attempts = (first.warehouse_rows.pop("ingest_attempt"), second.warehouse_rows.pop("ingest_attempt"))
    assert first.warehouse_rows == second.warehouse_rows
    assert _table_contents(db) == before
    assert first.warehouse_rows["dim_document"] == 5
    assert attempts == (5, 10)  # the second load read every file again, and says so


def test_a_changed_file_replaces_its_rows_and_a_failed_version_keeps_them(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    target = raw / "report.txt"
    shutil.copy(SEED["003"], target)
    db = tmp_path / "w.duckdb"
    assert _ingest(raw, db).warehouse_rows["fact_indicator"] == 37

    shutil.copy(SEED["000"], target)  # same name, new content
    assert _ingest(raw, db).warehouse_rows["fact_indicator"] == 12

    loaded_id = hashlib.sha256(SEED["000"].read_bytes()).hexdigest()
    target.write_bytes(b"")  # a broken new version: the loaded one stays, and keeps its record
    summary = _ingest(raw, db)
    assert summary.failed and "empty" in summary.failed[0][1]
    assert summary.warehouse_rows["fact_indicator"] == 12
    conn = duckdb.connect(str(db), read_only=True)
    records = conn.execute("select doc_id, status, fact_rows from dim_document").fetchall()
    attempt = conn.execute(
        "select outcome, retry, kept_doc_id from ingest_attempt order by attempted_at desc limit 1"
    ).fetchall()
    facts = conn.execute("select distinct doc_id from fact_indicator").fetchall()
    assert warehouse.violations(conn) == []
    conn.close()
    assert records == [(loaded_id, "loaded", 12)] and facts == [(loaded_id,)]
    assert attempt == [("failed", True, loaded_id)]  # recorded as an attempt, retried next run
    plan = ingest.plan(raw, db)  # the failed re-read is read again by the next run
    assert [f.name for f in plan.to_read] == ["report.txt"]


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


# --- one document, counted once -------------------------------------------------------------------


def _load(raw: Path, db: Path, overrides: list | None = None) -> ingest.LoadSummary:
    """Read the files the plan says (as a run does) and load them."""
    plan = ingest.plan(raw, db)
    files = [ingest.normalise_file(ingest.extract_file(r)) for r in plan.to_read]
    conn = warehouse.connect(db)
    try:
        return ingest.load_files(conn, files, progress=lambda _: None, overrides=overrides or [])
    finally:
        conn.close()


def _copy(source: Path, target: Path, *replacements: tuple[str, str], later_by: float = 0) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    if later_by:  # modified later than every file copied now
        os.utime(target, (time.time() + later_by, time.time() + later_by))
    return target


def _views(db: Path) -> tuple:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        project = conn.execute(
            "select indicators from project_by_year where printed_name like '中俄哈蒙%' and fiscal_year = 2018"
        ).fetchall()
        department = conn.execute(
            "select indicators from department_by_year where department_key = '科学技术厅' and fiscal_year = 2018"
        ).fetchall()
        records = conn.execute("select source_file, status, superseded_by from dim_document order by all").fetchall()
        assert warehouse.violations(conn) == []
        return project, department, records
    finally:
        conn.close()


def test_a_copy_under_another_name_is_reported_and_not_counted_twice(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED["000"], raw / SEED["000"].name)
    shutil.copy(SEED["001"], raw / SEED["001"].name)
    db = tmp_path / "w.duckdb"
    _load(raw, db)
    assert _views(db)[:2] == ([(12,)], [(37,)])
    # the same report, one character of a paragraph changed, under another name
    _copy(SEED["000"], raw / "科技厅自评（转存）.txt", ("按照前期制定的目标", "按照前期制订的目标"), later_by=60)
    summary = _load(raw, db)
    project, department, records = _views(db)
    assert (project, department) == ([(12,)], [(37,)])  # not 24 and 49
    assert ("科技厅自评（转存）.txt", "duplicate", SEED["000"].name) in records
    [(name, status, by, why)] = summary.superseded
    assert (name, status, by) == ("科技厅自评（转存）.txt", "duplicate", SEED["000"].name)
    assert why.startswith(f"the same facts as {SEED['000'].name}")


def test_a_corrected_file_supersedes_the_older_and_removing_it_brings_the_older_back(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    old = shutil.copy(SEED["000"], raw / SEED["000"].name)
    db = tmp_path / "w.duckdb"
    _load(raw, db)
    # a corrected republication (更正版) under a new name: one actual value differs
    corrected = _copy(SEED["000"], raw / "更正版.txt", ("\t26万元\n\t26万元\n", "\t26万元\n\t25万元\n"), later_by=60)
    summary = _load(raw, db)
    project, department, records = _views(db)
    assert project == [(12,)] and department == [(12,)]
    assert (Path(old).name, "superseded", "更正版.txt") in records
    [(name, status, by, why)] = summary.superseded
    assert (name, status, by) == (Path(old).name, "superseded", "更正版.txt")
    assert "covers the same document (科学技术厅 2018 self_evaluation: 中俄哈蒙" in why and "newer file" in why
    conn = duckdb.connect(str(db), read_only=True)
    actual = conn.execute(
        "select source_file, actual_text from fact_indicator where indicator_name = '开展科技交流科技支出'"
    ).fetchall()
    conn.close()
    assert actual == [("更正版.txt", "25万元")]  # the newer file's facts replace the older ones

    conn = warehouse.connect(db)
    assert warehouse.remove_file(conn, corrected.name) == 1
    conn.close()
    corrected.unlink()
    assert [f.name for f in ingest.plan(raw, db).to_read] == [Path(old).name]  # read again
    _load(raw, db)
    assert _views(db)[2] == [(Path(old).name, "loaded", None)]


def test_a_person_decides_which_file_counts_or_keeps_both(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    old = Path(shutil.copy(SEED["000"], raw / SEED["000"].name))
    _copy(SEED["000"], raw / "newer.txt", ("\t26万元\n\t26万元\n", "\t26万元\n\t25万元\n"), later_by=60)
    db = tmp_path / "w.duckdb"
    keep_old = [ingest.Override(old.name, "supersedes", "newer.txt", "the newer file is a draft")]
    summary = _load(raw, db, keep_old)
    assert _views(db)[2] == [(old.name, "loaded", None), ("newer.txt", "superseded", old.name)]
    assert "document_overrides.csv: " + old.name + " supersedes newer.txt" in summary.superseded[0][3]

    both = tmp_path / "both.duckdb"
    _load(raw, both, [ingest.Override("newer.txt", "separate", None, "two reports of two units")])
    project, department, records = _views(both)
    assert [status for _, status, _ in records] == ["loaded", "loaded"] and department == [(24,)]


def test_the_override_file_is_read_and_refuses_an_unknown_decision(tmp_path):
    path = tmp_path / "document_overrides.csv"
    path.write_text(
        "# comment\nsource_file,decision,other_file,note\na.txt,supersedes,b.txt,draft\nc.txt,separate,,\n",
        encoding="utf-8",
    )
    assert ingest.read_document_overrides(path) == [
        ingest.Override("a.txt", "supersedes", "b.txt", "draft"),
        ingest.Override("c.txt", "separate", None, ""),
    ]
    path.write_text("source_file,decision,other_file,note\na.txt,wins,b.txt,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="decision must be 'supersedes' or 'separate'"):
        ingest.read_document_overrides(path)


# --- the record and the rows agree ------------------------------------------------------------------


def test_the_invariant_names_every_way_the_record_and_the_rows_can_disagree(raw_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    _ingest(raw_copy, db)
    conn = warehouse.connect(db)
    try:
        assert warehouse.violations(conn) == []
        conn.execute("update dim_document set status = 'failed' where source_file = $f", {"f": SEED["000"].name})
        conn.execute("update dim_document set fact_rows = 1 where source_file = $f", {"f": SEED["001"].name})
        conn.execute(
            "update dim_document set subject = (select subject from dim_document where source_file = $a) "
            "where source_file = $b",
            {"a": SEED["003"].name, "b": SEED["002"].name},
        )
        problems = {(name, problem.split(":")[0].split(" (")[0]) for name, _, problem in warehouse.violations(conn)}
    finally:
        conn.close()
    assert (
        SEED["000"].name,
        "the fact tables hold rows of this version, but dim_document does not list it as loaded or partial",
    ) in problems
    assert (SEED["001"].name, "dim_document says 1 fact rows and 0 unread parts") in problems
    assert (SEED["002"].name, "another loaded file covers the same document") in problems
    assert (SEED["003"].name, "another loaded file covers the same document") in problems


def test_a_load_that_would_break_the_record_is_rolled_back(raw_copy, tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    _ingest(raw_copy, db)
    before = _table_contents(db)
    target = raw_copy / SEED["000"].name
    target.write_bytes(SEED["000"].read_bytes() + b"\n")  # a new version of one file

    def buggy_replace(conn, document, facts):  # a load that forgets to delete the earlier rows
        for table in warehouse.FACT_TABLES:
            warehouse.insert_frame(conn, table, facts[table])
        warehouse.set_record(conn, document)

    monkeypatch.setattr(warehouse, "replace_document", buggy_replace)
    item = ingest.normalise_file(ingest.extract_file(ingest.list_raw_files(raw_copy, ingest.file_key(target.name))[0]))
    conn = warehouse.connect(db)
    try:
        with pytest.raises(warehouse.RecordViolation, match="the record and the rows would disagree"):
            ingest.load_files(conn, [item], progress=lambda _: None)
    finally:
        conn.close()
    assert _table_contents(db) == before
