"""Operations as a user meets them: the published copy opens in DuckDB 1.x clients, runs and checks
are recorded in the Dagster instance the UI shows, the sensor's runs evaluate their checks in their
own step, and the smaller promises (make clean, make dev, the column reference of the views, the
Parquet export, --help, one warning per removed file, the raw folder's README)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines import ingest, publish, warehouse
from pipelines.__main__ import main
from tests.conftest import ROOT, SEED

DUCKDB_1X = "1.1.*"  # the oldest 1.x line the README promises


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The published copy of a warehouse holding the five seeds, made by the command."""
    folder = tmp_path_factory.mktemp("published")
    raw = folder / "raw"
    raw.mkdir()
    for path in SEED.values():
        shutil.copy(path, raw / path.name)
    db = folder / "warehouse" / "budget.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DAGSTER_HOME", str(folder / "dagster_home"))
        patch.setenv("PIPELINES_DAGSTER_HISTORY", "0")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert main(["ingest", "--raw-dir", str(raw), "--warehouse", str(db), "--log-level", "ERROR"]) == 0
    return publish.published_path(db)


def test_the_published_copy_is_in_the_storage_format_duckdb_1_reads(published: Path):
    header = published.read_bytes()[:20]
    assert header[8:12] == b"DUCK"
    assert int.from_bytes(header[12:20], "little") == 64  # storage version 64: DuckDB 1.0 and later


def _duckdb_1x_python() -> Path:
    """A Python with DuckDB 1.1 in an environment of its own (made once, kept in the temp folder);
    the test is skipped, saying why, when the package registry cannot be reached."""
    venv = Path(tempfile.gettempdir()) / "xj-final-accounts-duckdb-1.1"
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import duckdb, sys; sys.exit(0 if duckdb.__version__.startswith('1.1.') else 1)"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"duckdb=={DUCKDB_1X}"], capture_output=True, text=True
    )
    if installed.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        pytest.skip(f"cannot install duckdb=={DUCKDB_1X} from the package registry: {installed.stderr.strip()[-300:]}")
    return python


def test_a_duckdb_1x_client_opens_the_published_copy_and_queries_every_table_and_view(published: Path):
    python = _duckdb_1x_python()
    script = (
        "import duckdb, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "print(duckdb.__version__)\n"
        "for name in sys.argv[2:]:\n"
        "    print(name, con.execute(f'select count(*) from {name}').fetchall()[0][0])\n"
    )
    names = [*warehouse.TABLES, *warehouse.VIEWS]
    result = subprocess.run(
        [str(python), "-c", script, str(published), *names], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    version, *counts = result.stdout.splitlines()
    assert version.startswith("1.1.")
    seen = dict(line.rsplit(" ", 1) for line in counts)
    conn = duckdb.connect(str(published), read_only=True)
    try:
        for name in names:  # the 1.x client sees what the pipeline's own DuckDB sees
            assert int(seen[name]) == conn.execute(f"select count(*) from {name}").fetchall()[0][0], name
    finally:
        conn.close()
    assert int(seen["fact_indicator"]) == 309


def test_the_command_records_its_run_assets_and_checks_in_the_instance_the_ui_shows(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED["000"], raw / SEED["000"].name)
    home = tmp_path / "dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.delenv("PIPELINES_DAGSTER_HISTORY", raising=False)
    db = tmp_path / "warehouse" / "budget.duckdb"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["ingest", "--raw-dir", str(raw), "--warehouse", str(db), "--log-level", "ERROR"]) == 0
    assert (home / "dagster.yaml").exists()
    with dg.DagsterInstance.get() as instance:  # a new process's view of the same folder
        runs = instance.get_runs()
        assert [r.job_name for r in runs] == ["ingest_job"] and runs[0].is_success
        evaluations = instance.all_logs(runs[0].run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)
        names = {e.dagster_event.event_specific_data.check_name for e in evaluations}
        assert names == {*warehouse.CHECK_RULES, "record_matches_rows"}
        assert instance.get_latest_materialization_event(dg.AssetKey("warehouse_tables")) is not None


def test_the_sensor_job_evaluates_the_checks_of_the_file_it_loaded_in_its_own_step(tmp_path):
    from pipelines.assets import PipelineSettings
    from pipelines.definitions import build_definitions

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED["003"], raw / SEED["003"].name)
    shutil.copy(SEED["000"], raw / SEED["000"].name)
    settings = PipelineSettings(raw_dir=str(raw), warehouse_path=str(tmp_path / "w" / "budget.duckdb"))
    defs = build_definitions(settings)
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("raw_file", [SEED["003"].name])
        result = defs.resolve_job_def("ingest_file_job").execute_in_process(
            instance=instance, partition_key=SEED["003"].name
        )
        assert result.success
        steps = [e.step_key for e in result.all_events if e.is_step_start]
        # one step a stage, then the report; the checks are evaluated inside the warehouse step
        assert steps == [
            "raw_file_version",
            "extracted_file_version",
            "normalized_file_version",
            "warehouse_file_version",
            "report_site",
        ]
        evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert set(evaluations) == {*warehouse.CHECK_RULES, "record_matches_rows"}
    assert evaluations["record_matches_rows"].passed
    # seed 003 prints 267 where its sources add to 285.16: its check fails, on its own document
    failed = evaluations["project_fund_sources"]
    assert not failed.passed and "003_97dab50193e5e838.txt: 商贸事务工作经费" in failed.metadata["failures"].value


def test_make_clean_removes_what_readers_see_and_make_dev_keeps_history_on_a_port():
    clean = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True).stdout
    for target in ("data/warehouse/published", "data/warehouse/parquet", "data/warehouse/*.lock", "*.duckdb"):
        assert target in clean, target
    assert ".dagster_home" not in clean  # the run history stays
    dev = subprocess.run(["make", "-n", "dev", "PORT=3123"], cwd=ROOT, capture_output=True, text=True).stdout
    assert f"DAGSTER_HOME={ROOT}/.dagster_home" in dev and "dagster dev --port 3123" in dev
    run = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True).stdout
    assert f"DAGSTER_HOME={ROOT}/.dagster_home" in run


def test_every_view_column_is_described_by_the_view_itself():
    from pipelines.__main__ import data_dictionary

    conn = duckdb.connect()
    warehouse.apply_schema(conn)
    missing = conn.execute(
        "select table_name, column_name from duckdb_columns() where (comment is null or comment = '') "
        "and table_name in (select view_name from duckdb_views() where not internal)"
    ).fetchall()
    conn.close()
    assert missing == []
    text = data_dictionary()
    view = text.split("### `project_by_year` (view)", 1)[1].split("###", 1)[0]
    assert "| `canonical_name` | varchar | The project's name in its earliest year" in view
    assert "新疆维吾尔自治区商务厅" not in view  # not the department's canonical_name


def test_help_is_plain_text_and_the_summary_counts_in_good_english(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    assert "``" not in capsys.readouterr().out
    assert [ingest.plural(n, "table") for n in (0, 1, 2)] == ["0 tables", "1 table", "2 tables"]
    assert ingest.plural(1, "check") + " failed" == "1 check failed"


def test_a_removed_file_is_reported_once_not_on_every_sensor_tick():
    from pipelines.sensors import new_reports

    plan = ingest.Plan(to_read=[], unchanged=[], removed=["gone.txt"], skipped=[ingest.Skipped(".x", "a hidden file")])
    first, cursor = new_reports(plan, None, "w.duckdb")
    assert len(first) == 2 and "gone.txt was removed" in first[0]
    again, cursor = new_reports(plan, cursor, "w.duckdb")
    assert again == []
    back, cursor = new_reports(ingest.Plan([], [], []), cursor)  # the file came back
    assert back == []
    removed_again, _ = new_reports(plan, cursor)
    assert len(removed_again) == 2


def test_the_raw_folder_readme_points_only_to_files_in_the_repo():
    readme = ROOT / "data" / "raw" / "README.md"
    paths = re.findall(r"`([^`]+\.(?:md|txt|csv|py))`", readme.read_text(encoding="utf-8"))
    assert paths
    for path in paths:
        assert (readme.parent / path).resolve().exists(), path


def test_the_cli_uses_the_repo_instance_unless_dagster_home_says_otherwise(monkeypatch, tmp_path):
    from pipelines.__main__ import DEFAULT_DAGSTER_HOME, dagster_home

    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    assert DEFAULT_DAGSTER_HOME == ROOT / ".dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "elsewhere"))
    assert dagster_home() == tmp_path / "elsewhere" and os.environ["DAGSTER_HOME"] == str(tmp_path / "elsewhere")
    assert ".dagster_home/" in (ROOT / ".gitignore").read_text(encoding="utf-8")


def test_a_rerun_with_nothing_new_answers_without_starting_a_run(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED["000"], raw / SEED["000"].name)
    home = tmp_path / "dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.delenv("PIPELINES_DAGSTER_HISTORY", raising=False)
    db = tmp_path / "warehouse" / "budget.duckdb"
    command = ["ingest", "--raw-dir", str(raw), "--warehouse", str(db), "--log-level", "ERROR"]
    outputs = []
    for _ in range(2):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert main(command) == 0
        outputs.append(out.getvalue())
    assert "Files loaded: 0; failed: 0; unchanged (read before, skipped): 1" in outputs[1]
    assert "Nothing new in" in outputs[1] and "fact_indicator             12" in outputs[1]
    with dg.DagsterInstance.get() as instance:
        assert len(instance.get_runs()) == 1  # the rerun started none
    # a changed file, a report older than the published copy, or --force: a run again
    (tmp_path / "warehouse" / "report" / "index.html").unlink()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(command) == 0
        assert main([*command, "--force"]) == 0
    with dg.DagsterInstance.get() as instance:
        assert len(instance.get_runs()) == 3
