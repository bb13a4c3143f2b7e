"""Unattended ingestion: exactly once, idempotent, and safe against kills, readers, bad files and
a second writer. Every test runs the real command in its own process on a real DuckDB file."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb

from pipelines import publish, warehouse
from tests.conftest import FIXTURES, ROOT, SEED, TEXT_FIXTURES

STAMPS = {"dim_document": "ingested_at", "fact_check_result": "checked_at"}


def checksum(db: Path) -> str:
    """A digest of every table's rows (timestamps left out), independent of row order."""
    conn = duckdb.connect(str(db), read_only=True)
    digest = hashlib.sha256()
    try:
        for table in warehouse.TABLES:
            if table == warehouse.ATTEMPT_TABLE:  # the history of attempts grows with every run
                continue
            exclude = f" exclude ({STAMPS[table]})" if table in STAMPS else ""
            for row in conn.execute(f"select *{exclude} from {table} order by all").fetchall():
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()


def ingest(raw: Path, db: Path, *extra: str, env: dict | None = None, wait: bool = True):
    command = [sys.executable, "-m", "pipelines", "ingest", "--raw-dir", str(raw), "--warehouse", str(db), *extra]
    # each test its own Dagster instance folder, beside its raw folder (not the repo's .dagster_home),
    # and no run history kept in it: the record under test is the warehouse's own
    environment = {
        **os.environ,
        "DAGSTER_HOME": str(raw.parent / "dagster_home"),
        "PIPELINES_DAGSTER_HISTORY": "0",
        **(env or {}),
    }
    if wait:
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, env=environment)
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment
    )


def wait_for_marker(process: subprocess.Popen, marker: str = "pausing inside the load transaction") -> None:
    deadline = time.monotonic() + 300
    for line in process.stderr:
        if marker in line:
            return
        assert time.monotonic() < deadline, "the ingest never reached its load"
    raise AssertionError(f"the ingest ended before its load: {process.wait()}")


def raw_with(tmp: Path, *files: Path) -> Path:
    raw = tmp / "raw"
    raw.mkdir(exist_ok=True)
    for path in files:
        shutil.copy(path, raw / path.name)
    return raw


def test_reingesting_n_times_leaves_identical_tables(tmp_path):
    raw = raw_with(tmp_path, *SEED.values())
    db = tmp_path / "w" / "budget.duckdb"
    sums = []
    for run in range(1, 4):
        result = ingest(raw, db, "--force")
        assert result.returncode == 0, result.stderr
        # a forced run reads every file again: five new attempts each time
        assert "Files loaded: 5; failed: 0; unchanged (read before, skipped): 0" in result.stdout
        assert _attempts(db) == 5 * run
        sums.append(checksum(db))
    assert len(set(sums)) == 1
    again = ingest(raw, db)  # without --force: nothing is read again
    assert "unchanged (read before, skipped): 5" in again.stdout
    assert _attempts(db) == 15
    assert checksum(db) == sums[0] and checksum(publish.published_path(db)) == sums[0]


def _attempts(db: Path) -> int:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute("select count(*) from ingest_attempt").fetchall()[0][0]
    finally:
        conn.close()


def test_a_run_killed_inside_its_load_leaves_the_warehouse_as_it_was_and_the_next_run_completes(tmp_path):
    raw = raw_with(tmp_path, SEED["000"], SEED["001"])
    db = tmp_path / "w" / "budget.duckdb"
    assert ingest(raw, db).returncode == 0
    before, published_before = checksum(db), checksum(publish.published_path(db))

    raw_with(tmp_path, SEED["003"], SEED["004"])
    victim = ingest(raw, db, env={"PIPELINES_FAULT_PAUSE_IN_LOAD": "120"}, wait=False)
    wait_for_marker(victim)
    victim.send_signal(signal.SIGKILL)  # a real kill, in the middle of the load transaction
    victim.wait(timeout=60)
    assert victim.returncode == -signal.SIGKILL

    assert checksum(db) == before
    assert checksum(publish.published_path(db)) == published_before

    finished = ingest(raw, db)
    assert finished.returncode == 0, finished.stderr
    assert "Files loaded: 2; failed: 0; unchanged (read before, skipped): 2" in finished.stdout
    clean = tmp_path / "clean" / "budget.duckdb"
    assert ingest(raw, clean).returncode == 0
    assert checksum(db) == checksum(clean)


def test_a_reader_holding_the_published_copy_sees_old_or_new_never_a_mix(tmp_path):
    raw = raw_with(tmp_path, SEED["000"])
    db = tmp_path / "w" / "budget.duckdb"
    assert ingest(raw, db).returncode == 0
    reader = duckdb.connect(str(publish.published_path(db)), read_only=True)
    query = "select (select count(*) from fact_indicator), (select count(*) from dim_document)"
    old = reader.execute(query).fetchall()
    assert old == [(12, 1)]

    raw_with(tmp_path, SEED["003"], SEED["004"])
    writer = ingest(raw, db, env={"PIPELINES_FAULT_PAUSE_IN_LOAD": "2"}, wait=False)
    wait_for_marker(writer)
    assert reader.execute(query).fetchall() == old  # mid-load: the old state
    assert writer.wait(timeout=300) == 0, writer.stderr.read()
    assert reader.execute(query).fetchall() == old  # still its own consistent copy
    reader.close()
    fresh = duckdb.connect(str(publish.published_path(db)), read_only=True)
    assert fresh.execute(query).fetchall() == [(12 + 37 + 235, 3)]  # reconnecting: the new state
    fresh.close()


def test_every_bad_file_with_good_files_in_one_run(tmp_path):
    raw = raw_with(tmp_path, SEED["002"])
    db = tmp_path / "w" / "budget.duckdb"
    assert ingest(raw, db).returncode == 0
    kept = duckdb.connect(str(db), read_only=True).execute("select count(*) from fact_evaluation_score").fetchall()

    bad_text = sorted(TEXT_FIXTURES.glob("bad_*.txt"))
    # bad_scanned_page.pdf has no text layer: OCR reads it now (tests/test_ocr.py)
    bad_pdf = sorted(p for p in (FIXTURES / "pdf").glob("bad_*.pdf") if p.name != "bad_scanned_page.pdf")
    good = [
        SEED["000"],
        FIXTURES / "pdf" / "seed003_reportlab_portrait.pdf",
        FIXTURES / "pdf" / "big_500_pages.pdf",
    ]
    raw_with(tmp_path, *bad_text, *bad_pdf, *good)
    result = ingest(raw, db)
    assert result.returncode == 0, result.stderr
    conn = duckdb.connect(str(db), read_only=True)
    status = dict(conn.execute("select source_file, status from dim_document").fetchall())
    errors = dict(conn.execute("select source_file, error from dim_document where status = 'failed'").fetchall())
    assert conn.execute("select count(*) from fact_evaluation_score where source_file like '002%'").fetchall() == kept
    conn.close()
    # a copy of seed 004's document cut short: big_500_pages.pdf prints the same document whole, so
    # the whole one counts (test_end_to_end loads the cut one alone, as partial)
    cut = TEXT_FIXTURES / "bad_truncated_mid_table.txt"
    assert status[cut.name] == "superseded"
    for path in [*bad_text, *bad_pdf]:
        if path != cut:
            assert status[path.name] == "failed" and errors[path.name].startswith(path.name), path.name
    for path in good:
        assert status[path.name] == "loaded", path.name


def test_two_ingests_at_once_one_waits_or_refuses_and_nothing_is_corrupted(tmp_path):
    raw = raw_with(tmp_path, *SEED.values())
    db = tmp_path / "w" / "budget.duckdb"
    first = ingest(raw, db, env={"PIPELINES_FAULT_PAUSE_IN_LOAD": "5"}, wait=False)
    wait_for_marker(first)
    second = ingest(raw, db, "--wait", "1")
    assert second.returncode == 2
    assert "is being written by ingest pid" in second.stderr and "giving up" in second.stderr
    assert first.wait(timeout=300) == 0
    patient = ingest(raw, db, "--wait", "300")  # one that waits: it runs after, with nothing new
    assert patient.returncode == 0 and "unchanged (read before, skipped): 5" in patient.stdout
    clean = tmp_path / "clean" / "budget.duckdb"
    assert ingest(raw, clean).returncode == 0
    assert checksum(db) == checksum(clean)


def test_removed_file_is_reported_and_its_rows_kept_until_remove_file(tmp_path):
    raw = raw_with(tmp_path, SEED["000"], SEED["001"])
    db = tmp_path / "w" / "budget.duckdb"
    assert ingest(raw, db).returncode == 0
    (raw / SEED["001"].name).unlink()
    result = ingest(raw, db)
    assert f"REMOVED {SEED['001'].name}" in result.stdout
    assert duckdb.connect(str(db), read_only=True).execute(
        "select count(*) from fact_indicator where source_file = $f", {"f": SEED["001"].name}
    ).fetchall() == [(25,)]
    removed = subprocess.run(
        [sys.executable, "-m", "pipelines", "remove-file", SEED["001"].name, "--warehouse", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert removed.returncode == 0, removed.stderr
    conn = duckdb.connect(str(publish.published_path(db)), read_only=True)
    assert conn.execute(
        "select count(*) from fact_indicator where source_file = $f", {"f": SEED["001"].name}
    ).fetchall() == [(0,)]
    assert conn.execute("select count(*) from dim_document").fetchall() == [(1,)]
    conn.close()
    assert "REMOVED" not in ingest(raw, db).stdout


def test_sensor_requests_one_run_per_new_file_version(tmp_path):
    from pipelines.assets import PipelineSettings
    from pipelines.definitions import build_definitions

    raw = raw_with(tmp_path, SEED["000"], SEED["002"])
    db = tmp_path / "w" / "budget.duckdb"
    settings = PipelineSettings(raw_dir=str(raw), warehouse_path=str(db))
    defs = build_definitions(settings)
    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    with dg.instance_for_test() as instance:

        def tick() -> dg.SensorResult:
            with dg.build_sensor_context(
                instance=instance, resources={"settings": settings}, definitions=defs
            ) as context:
                return sensor(context)

        first = tick()
        keys = {r.run_key for r in first.run_requests}
        sha = hashlib.sha256(SEED["000"].read_bytes()).hexdigest()
        assert f"{SEED['000'].name}@{sha}" in keys and len(keys) == 2
        (added,) = first.dynamic_partitions_requests
        instance.add_dynamic_partitions("raw_file", list(added.partition_keys))

        # one run of the partitioned job: the file version is loaded
        job = defs.resolve_job_def("ingest_file_job")
        run = job.execute_in_process(instance=instance, partition_key=SEED["000"].name)
        assert run.success
        assert {r.run_key for r in tick().run_requests} == keys - {f"{SEED['000'].name}@{sha}"}

        (raw / SEED["000"].name).write_bytes(SEED["000"].read_bytes() + b"\n")  # a changed file
        changed = {r.run_key for r in tick().run_requests}
        new_sha = hashlib.sha256((raw / SEED["000"].name).read_bytes()).hexdigest()
        assert f"{SEED['000'].name}@{new_sha}" in changed


def test_a_file_whose_name_a_partition_cannot_hold_is_still_found_by_its_partition(tmp_path):
    from pipelines import ingest

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED["000"], raw / "商务厅 2018, 自评.txt")
    shutil.copy(SEED["001"], raw / "other.txt")
    key = ingest.file_key("商务厅 2018, 自评.txt")
    assert key != "商务厅 2018, 自评.txt"
    plan = ingest.plan(raw, tmp_path / "w.duckdb", key=key)
    assert [f.name for f in plan.to_read] == ["商务厅 2018, 自评.txt"] and plan.removed == []


def test_before_anything_is_published_planning_waits_for_the_writer_instead_of_failing(tmp_path):
    # the sensor starts one run per file at once; before the first publish, their plans read the
    # warehouse itself, which a loading run holds: they wait for its writer lock
    import threading

    from pipelines import ingest

    raw = raw_with(tmp_path, SEED["000"])
    db = tmp_path / "w" / "budget.duckdb"
    conn = warehouse.connect(db)
    items = [ingest.normalise_file(ingest.extract_file(r)) for r in ingest.list_raw_files(raw)]
    ingest.load_files(conn, items, progress=lambda _: None)
    conn.close()
    assert not publish.published_path(db).exists()
    holding, released = threading.Event(), threading.Event()

    def writer() -> None:
        with publish.writer_lock(db, 10):
            busy = duckdb.connect(str(db))  # a run loading: the file is open for writing
            holding.set()
            time.sleep(2)
            busy.close()
            released.set()

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait(10)
    plan = ingest.plan(raw, db)
    thread.join()
    assert released.is_set()
    assert [f.name for f in plan.unchanged] == [SEED["000"].name] and plan.to_read == []
