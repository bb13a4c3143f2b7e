"""The main job as a user runs it: ``python -m pipelines ingest`` over seeds and bad files,
in a subprocess, through the real Dagster job and a real DuckDB file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

from pipelines import warehouse
from tests.conftest import ROOT, TEXT_FIXTURES

BAD = {
    "bad_empty.txt": "the file is empty",
    "bad_binary_garbage.txt": "binary",
    "bad_no_tables.txt": "no tables found",
    "bad_truncated_mid_character.txt": "truncated",
}
# A file cut in the middle of its one project table: its narrative loads, the cut table is one
# unread part (status partial), not a reason to refuse the whole file.
TRUNCATED = "bad_truncated_mid_table.txt"


def _run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m pipelines ingest ARGS``: with ``home``, recording its runs in that Dagster
    instance folder; else keeping no run history (never in the repo's .dagster_home)."""
    with tempfile.TemporaryDirectory(prefix="dagster_home_") as scratch:  # removed afterwards
        env = {**os.environ, "DAGSTER_HOME": str(home or scratch)}
        if home is None:
            env["PIPELINES_DAGSTER_HISTORY"] = "0"
        return subprocess.run(
            [sys.executable, "-m", "pipelines", "ingest", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
        )


def test_ingest_loads_good_files_records_bad_ones_and_is_idempotent(raw_copy: Path, tmp_path: Path):
    db = tmp_path / "warehouse" / "budget.duckdb"
    first = _run("--raw-dir", str(raw_copy), "--warehouse", str(db))
    assert first.returncode == 0, first.stderr
    assert "Files loaded: 5; failed: 0; unchanged (read before, skipped): 0" in first.stdout
    conn = duckdb.connect(str(db), read_only=True)
    counts_before = warehouse.row_counts(conn)
    conn.close()
    assert counts_before["fact_indicator"] == 12 + 25 + 37 + 235

    for name in [*BAD, TRUNCATED]:  # bad files join the good ones in the next run
        shutil.copy(TEXT_FIXTURES / name, raw_copy / name)
    second = _run("--raw-dir", str(raw_copy), "--warehouse", str(db))
    assert second.returncode == 0, second.stderr
    # the seeds were read before: only the new (bad) files are read; the file cut short is a copy
    # of seed 004's document, read whole before: it does not replace it
    assert f"Files loaded: 0; failed: {len(BAD)}; unchanged (read before, skipped): 5" in second.stdout
    conn = duckdb.connect(str(db), read_only=True)
    failed = dict(conn.execute("select source_file, error from dim_document where status = 'failed'").fetchall())
    cut = conn.execute(
        "select status, superseded_by, superseded_reason, fact_rows from dim_document where source_file = $f",
        {"f": TRUNCATED},
    ).fetchall()
    cut_facts = conn.execute("select count(*) from fact_budget_total where source_file = $f", {"f": TRUNCATED})
    cut_facts = cut_facts.fetchall()[0][0]
    counts_after = warehouse.row_counts(conn)
    conn.close()
    assert set(failed) == set(BAD)
    for name, reason in BAD.items():
        assert name in failed[name] and reason in failed[name], failed[name]
        assert f"FAILED  {name}" in second.stdout
    [(status, by, why, fact_rows)] = cut
    assert (status, by, fact_rows, cut_facts) == ("superseded", "004_5fc9b849d2858d9d.txt", 0, 0)
    assert "004_5fc9b849d2858d9d.txt was read whole" in why and TRUNCATED in second.stdout
    assert counts_after["dim_document"] == counts_before["dim_document"] + len(BAD) + 1
    for table in warehouse.FACT_TABLES:  # nothing of the bad files or of the copy cut short counts
        assert counts_after[table] == counts_before[table], table

    third = _run("--raw-dir", str(raw_copy), "--warehouse", str(db), "--force")  # read everything again
    assert third.returncode == 0, third.stderr
    assert f"Files loaded: 5; failed: {len(BAD)}; unchanged (read before, skipped): 0" in third.stdout
    conn = duckdb.connect(str(db), read_only=True)
    counts_forced = warehouse.row_counts(conn)
    conn.close()
    attempts = counts_forced.pop("ingest_attempt"), counts_after.pop("ingest_attempt")
    assert counts_forced == counts_after
    assert attempts == (5 + 5 + 10, 5 + 5)  # every file was read again


def test_a_file_cut_short_loads_what_it_can_as_partial(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TEXT_FIXTURES / TRUNCATED, raw / TRUNCATED)
    db = tmp_path / "warehouse" / "budget.duckdb"
    result = _run("--raw-dir", str(raw), "--warehouse", str(db))
    assert result.returncode == 0, result.stderr
    assert "Files loaded: 1; failed: 0" in result.stdout
    conn = duckdb.connect(str(db), read_only=True)
    partial = conn.execute(
        "select d.status, d.unread_parts, u.part, u.table_kind, u.reason from dim_document d "
        "join fact_unread_part u using (doc_id) where d.source_file = $f",
        {"f": TRUNCATED},
    ).fetchall()
    truncated_facts = conn.execute(
        "select count(*) from fact_budget_total where source_file = $f", {"f": TRUNCATED}
    ).fetchall()[0][0]
    projects = {
        p
        for (p,) in conn.execute(
            "select distinct project_name from fact_project_score where source_file = $f", {"f": TRUNCATED}
        ).fetchall()
    }
    conn.close()
    [(status, unread, part, kind, reason)] = partial
    assert (status, unread, part, kind) == ("partial", 1, "table", "project_2024")
    assert "ends before its 总分 row" in reason
    assert f"PARTIAL {TRUNCATED}" in result.stdout and "ends before its 总分 row" in result.stdout
    assert truncated_facts > 0  # the narrative before the cut table is loaded
    # the three whole project tables before the cut one load; the cut one adds no row
    assert projects == {
        "2024港澳·投资新疆经贸文化交流活动",
        "2024年新疆自贸试验区建设工作经费",
        "报废机动车回收企业资质认定专家评审经费（追加）",
    }


def test_ingest_refuses_clearly_when_it_cannot_run(tmp_path: Path, raw_copy: Path):
    missing = _run("--raw-dir", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr

    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        locked = _run("--raw-dir", str(raw_copy), "--warehouse", str(db))
    finally:
        holder.kill()
    assert locked.returncode == 2 and "cannot open the warehouse" in locked.stderr


def test_dagster_definitions_load_with_assets_grouped_by_stage():
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    groups = {key.to_user_string(): graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert groups == {
        "raw_files": "raw",
        "extracted_documents": "extracted",
        "normalized_facts": "normalized",
        "warehouse_tables": "warehouse",
        "raw_file_version": "raw",
        "extracted_file_version": "extracted",
        "normalized_file_version": "normalized",
        "warehouse_file_version": "warehouse",
        "report_site": "report",
    }
    assert defs.resolve_job_def("ingest_job") is not None
    assert defs.resolve_job_def("ingest_file_job").partitions_def.name == "raw_file"


def test_the_summary_prints_a_check_whose_figures_are_null(capsys):
    from decimal import Decimal

    from pipelines import ingest
    from pipelines.__main__ import _print_summary

    summary = ingest.LoadSummary(
        failed_checks=[
            ("a.txt", "project_fund_score", "某项目", None, Decimal("8.210000"), None),
            ("a.txt", "project_total_score", "某项目", Decimal("90.000000"), None, None),
        ]
    )
    _print_summary(summary, ingest, Path("w.duckdb"))
    out = capsys.readouterr().out
    assert "Accounting checks failed in this run: 2" in out
    assert "  a.txt: project_fund_score: 某项目: printed null, computed 8.210000, difference null" in out
    assert "  a.txt: project_total_score: 某项目: printed 90.000000, computed null, difference null" in out
