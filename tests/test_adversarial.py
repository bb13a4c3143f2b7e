"""Input as an adversary would write it, each case with a good file beside it.

Every case starts from the same warehouse, holding seed 000 (12 indicator rows), then puts the
adversarial entry and a good file into the raw folder and runs the real command
(``python -m pipelines ingest``: in-process through ``main`` where that is enough, in a process of
its own where the case needs one: a user without rights, a FIFO, a second writer). Each asserts
the exit code, the reason recorded or printed, the good file's rows, that no old row was lost, and
that the record and the rows agree (sql/load/record_violations.sql).

Slow cases (a 5,000-page PDF read whole, a 100,000-row table) are marked ``slow``: ``make test``
leaves them out, ``make test-slow`` (run by .ci/run) runs them.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipelines import ingest, publish, warehouse
from pipelines.__main__ import main
from pipelines.model import squash
from pipelines.readers import pdf
from tests.conftest import FIXTURES, ROOT, SEED
from tests.pdf_maker import bomb, many_pages

ADVERSARIAL = FIXTURES / "adversarial"
BASE = SEED["000"].name  # in the warehouse before every case: 12 indicator rows
GOOD = SEED["001"]  # the good file beside each case: 25 indicator rows


@dataclass
class World:
    folder: Path
    raw: Path
    db: Path

    def run(self, *extra: str) -> tuple[int, str, str]:
        """``python -m pipelines ingest`` in this process; (exit code, stdout, stderr)."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(
                ["ingest", "--raw-dir", str(self.raw), "--warehouse", str(self.db), "--log-level", "ERROR", *extra]
            )
        return code, out.getvalue(), err.getvalue()

    def command(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        """The command in a process of its own."""
        env = {**os.environ, "DAGSTER_HOME": str(self.folder / "dagster_home"), **kwargs.pop("env", {})}
        return subprocess.run(
            [sys.executable, "-m", "pipelines", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=kwargs.pop("timeout", 600),
            env=env,
            **kwargs,
        )

    def ingest_command(self, *extra: str, **kwargs) -> subprocess.CompletedProcess:
        return self.command("ingest", "--raw-dir", str(self.raw), "--warehouse", str(self.db), *extra, **kwargs)

    def query(self, sql: str, params: dict | None = None, published: bool = False) -> list[tuple]:
        path = publish.published_path(self.db) if published else self.db
        conn = duckdb.connect(str(path), read_only=True)
        try:
            return conn.execute(sql, params or {}).fetchall()
        finally:
            conn.close()

    def rows(self, source_file: str, table: str = "fact_indicator", published: bool = False) -> int:
        return self.query(f"select count(*) from {table} where source_file = $f", {"f": source_file}, published)[0][0]

    def record(self, source_file: str) -> dict:
        """The file's dim_document row, by column name."""
        conn = duckdb.connect(str(self.db), read_only=True)
        try:
            cursor = conn.execute("select * from dim_document where source_file = $f", {"f": source_file})
            names = [d[0] for d in cursor.description]
            (row,) = cursor.fetchall()
            return dict(zip(names, row))
        finally:
            conn.close()

    def assert_kept(self) -> None:
        """No old row lost, in the warehouse and in its published copy; the record and rows agree."""
        for published in (False, True):
            assert self.rows(BASE, published=published) == 12, f"seed 000 lost rows (published={published})"
        conn = duckdb.connect(str(self.db), read_only=True)
        try:
            assert warehouse.violations(conn) == []
        finally:
            conn.close()

    def add(self, source: Path, name: str | None = None) -> Path:
        target = self.raw / (name or source.name)
        shutil.copy(source, target)
        return target


@pytest.fixture(scope="module")
def base_world(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("base")
    raw = folder / "raw"
    raw.mkdir()
    shutil.copy(SEED["000"], raw / BASE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DAGSTER_HOME", str(folder / "dagster_home"))
        patch.setenv("PIPELINES_DAGSTER_HISTORY", "0")
        world = World(folder, raw, folder / "warehouse" / "budget.duckdb")
        code, out, err = world.run()
    assert code == 0, err
    return folder


@pytest.fixture
def world(base_world: Path, tmp_path: Path, monkeypatch) -> World:
    folder = tmp_path / "world"
    shutil.copytree(base_world, folder, symlinks=True)
    monkeypatch.setenv("DAGSTER_HOME", str(folder / "dagster_home"))
    # the runs keep no Dagster run history (it costs seconds a run; the record under test is the
    # warehouse's own; tests/test_operations.py covers the history)
    monkeypatch.setenv("PIPELINES_DAGSTER_HISTORY", "0")
    return World(folder, folder / "raw", folder / "warehouse" / "budget.duckdb")


def _good_loaded(world: World, out: str) -> None:
    assert world.rows(GOOD.name) == 25 and world.rows(GOOD.name, published=True) == 25, out


# --- names ------------------------------------------------------------------------------------


def test_odd_file_names_load_and_the_printed_remove_command_works_in_a_shell(world: World):
    dash = "-rf 'quoted' \"double\" 商务厅 2018, 自评.txt"
    newline = "line\nbreak.txt"
    long_name = "长" * 60 + ".txt"  # 180 bytes of UTF-8
    world.add(SEED["001"], dash)
    world.add(SEED["002"], newline)
    world.add(SEED["003"], long_name)
    code, out, err = world.run()
    assert code == 0, err
    assert "Files loaded: 3; failed: 0" in out
    assert world.rows(dash) == 25 and world.rows(newline, "fact_evaluation_score") == 5 and world.rows(long_name) == 37
    world.assert_kept()

    (world.raw / dash).unlink()
    code, out, err = world.run()
    assert code == 0, err
    [line] = [line for line in out.splitlines() if line.startswith("  REMOVED")]
    hint = line.split("(delete them with: ", 1)[1].removesuffix(")")
    assert hint == f"python -m pipelines remove-file --warehouse {shlex.quote(str(world.db))} -- {shlex.quote(dash)}"
    shell = subprocess.run(
        ["bash", "-c", f'python() {{ "{sys.executable}" "$@"; }}; {hint}'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DAGSTER_HOME": str(world.folder / "dagster_home")},
    )
    assert shell.returncode == 0, shell.stderr
    assert world.rows(dash) == 0 and world.rows(dash, published=True) == 0
    world.assert_kept()
    # a name with a line break is quoted as one word too
    words = shlex.split(ingest.remove_hint(newline, world.db))
    assert words[-2:] == ["--", newline]


# --- content ----------------------------------------------------------------------------------


def test_sql_in_cells_and_in_a_file_name_is_stored_as_text(world: World):
    text = SEED["000"].read_text(encoding="utf-8")
    injected = text.replace("\t参会人次\n", "\t参会人次'); drop table fact_indicator; --\n", 1).replace(
        "项目名称：", "项目名称：x'; delete from dim_document; --", 1
    )
    assert injected != text
    name = "x'; drop table dim_document; --.txt"
    (world.raw / name).write_text(injected, encoding="utf-8")
    world.add(GOOD)
    code, out, err = world.run()
    assert code == 0, err
    assert world.query(
        "select count(*) from fact_indicator where indicator_name = $n and source_file = $f",
        {"n": squash("参会人次'); drop table fact_indicator; --"), "f": name},
    ) == [(1,)]
    [(project,)] = world.query("select distinct project_name from fact_indicator where source_file = $f", {"f": name})
    assert squash(project).startswith(squash("x'; delete from dim_document; --"))
    assert world.query("select count(*) from dim_document") == [(3,)]
    _good_loaded(world, out)
    world.assert_kept()


def _table_rows(count: int) -> str:
    text = SEED["000"].read_text(encoding="utf-8")
    block = "\t\n\t参会人次\n\t6名\n\t6名\n\n"
    rows = "".join(f"\t\n\t参会人次{i}\n\t{i}名\n\t{i}名\n\n" for i in range(count))
    return text.replace(block, rows + block, 1).replace("项目名称：", f"项目名称：{count}行", 1)


@pytest.mark.parametrize("count", [5_000, pytest.param(100_000, marks=pytest.mark.slow)])
def test_a_table_of_many_rows_loads_whole(world: World, count: int):
    (world.raw / f"rows_{count}.txt").write_text(_table_rows(count), encoding="utf-8")
    world.add(GOOD)
    code, out, err = world.run()
    assert code == 0, err
    assert world.rows(f"rows_{count}.txt") == count + 12
    _good_loaded(world, out)
    world.assert_kept()


def test_a_decompression_bomb_stops_at_the_memory_limit(world: World, monkeypatch):
    baseline = pdf._Workers(processes=1, memory_limit_mb=1 << 20)
    try:
        floor = baseline.executor().submit(pdf._worker_vm_mb).result(timeout=120)
    finally:
        baseline.close()
    limit = int(floor) + 64
    pdf.WORKER_POOL.close()
    monkeypatch.setattr(pdf.WORKER_POOL, "memory_limit_mb", limit)
    (world.raw / "bomb.pdf").write_bytes(bomb(256))  # 256 KiB on disk, 256 MiB inflated
    world.add(GOOD)
    start = time.monotonic()
    code, out, err = world.run()
    assert code == 0, err
    assert time.monotonic() - start < 300
    record = world.record("bomb.pdf")
    assert record["status"] == "failed"
    assert record["error"] == (
        f"bomb.pdf: parsing needed more than the memory limit of {limit} MiB (PIPELINES_PDF_MEMORY_LIMIT_MB); stopped"
    )
    assert world.query("select retry from ingest_attempt where source_file = 'bomb.pdf'") == [(True,)]
    _good_loaded(world, out)
    world.assert_kept()


def test_a_pdf_of_5000_pages_over_the_time_limit_is_stopped_and_retried(world: World, monkeypatch):
    monkeypatch.setattr(pdf, "TIME_LIMIT_S", 3.0)
    (world.raw / "pages_5000.pdf").write_bytes(many_pages(5000))
    world.add(GOOD)
    start = time.monotonic()
    code, out, err = world.run()
    assert code == 0, err
    assert time.monotonic() - start < 120
    record = world.record("pages_5000.pdf")
    assert record["status"] == "failed"
    assert "took longer than the time limit of 3 s" in record["error"]
    plan = ingest.plan(world.raw, world.db)
    assert [f.name for f in plan.to_read] == ["pages_5000.pdf"]  # a limit, not the file: read again
    _good_loaded(world, out)
    world.assert_kept()


@pytest.mark.slow
def test_a_pdf_of_5000_pages_is_read_whole(world: World):
    (world.raw / "pages_5000.pdf").write_bytes(many_pages(5000))
    world.add(GOOD)
    code, out, err = world.run()
    assert code == 0, err
    record = world.record("pages_5000.pdf")
    assert record["status"] == "failed" and "no tables found: 5000 paragraphs of text" in record["error"]
    _good_loaded(world, out)
    world.assert_kept()


def test_text_in_utf16_utf32_big5_and_gb18030_is_decoded_and_named(world: World):
    (world.raw / "utf16.txt").write_bytes(GOOD.read_text(encoding="utf-8").encode("utf-16"))  # BOM, LE
    text_002 = SEED["002"].read_text(encoding="utf-8")
    (world.raw / "utf32.txt").write_bytes(b"\x00\x00\xfe\xff" + text_002.encode("utf-32-be"))
    world.add(ADVERSARIAL / "big5_traditional.txt")
    world.add(FIXTURES / "text" / "gb18030_encoded.txt")
    code, out, err = world.run()
    assert code == 0, err
    encodings = dict(world.query("select source_file, encoding from dim_document"))
    assert encodings["utf16.txt"] == "utf-16" and encodings["utf32.txt"] == "utf-32"
    assert encodings["gb18030_encoded.txt"] == "gb18030"
    assert world.rows("utf16.txt") == 25 and world.rows("utf32.txt", "fact_evaluation_score") == 5
    big5 = world.record("big5_traditional.txt")
    assert big5["status"] == "failed" and big5["error"].endswith("(the text was decoded as big5)")
    world.assert_kept()


def test_a_pdf_with_a_broken_cross_reference_table_is_repaired_and_read(world: World):
    world.add(ADVERSARIAL / "seed001_broken_xref.pdf")
    world.add(SEED["002"])
    code, out, err = world.run()
    assert code == 0, err
    assert world.rows("seed001_broken_xref.pdf") == 25  # every row of seed 001
    [(warnings,)] = world.query("select warnings from dim_document where source_file = 'seed001_broken_xref.pdf'")
    assert "cross-reference table) is damaged; it was repaired with pypdf and all 3 pages read" in warnings
    assert world.rows(SEED["002"].name, "fact_evaluation_score") == 5
    world.assert_kept()


def test_office_files_and_unknown_types_fail_with_a_reason(world: World):
    (world.raw / "report.docx").write_bytes(b"PK\x03\x04" + os.urandom(512))
    (world.raw / "noextension").write_bytes(b"\t\n")
    world.add(GOOD)
    code, out, err = world.run()
    assert code == 0, err
    assert world.record("report.docx")["error"].startswith("report.docx: unsupported file type .docx; expected ")
    assert "unsupported file type (no extension)" in world.record("noextension")["error"]
    _good_loaded(world, out)
    world.assert_kept()


# --- the folder: links, special files, hidden files, rights -------------------------------------


def test_links_fifos_folders_and_hidden_files_are_reported_and_never_followed_out(world: World):
    world.add(GOOD, "real.txt")
    (world.raw / "alias.txt").symlink_to("real.txt")  # inside the folder: read (the same facts)
    (world.raw / "passwd.txt").symlink_to("/etc/passwd")  # out of the folder: not followed
    (world.raw / "dangling.txt").symlink_to(world.folder / "nowhere.txt")
    os.mkfifo(world.raw / "pipe.txt")  # opening it would block the run
    (world.raw / "sub").mkdir()
    shutil.copy(SEED["002"], world.raw / "sub" / "inside.txt")
    world.add(SEED["002"], ".hidden.txt")
    result = world.ingest_command(timeout=300)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "  NOT READ 'passwd.txt': a symbolic link to /etc/passwd, outside the raw folder: not followed" in out
    assert f"  NOT READ 'dangling.txt': a broken symbolic link (to {world.folder / 'nowhere.txt'})" in out
    assert "  NOT READ 'pipe.txt': a FIFO (named pipe), not a regular file: not read" in out
    assert "  NOT READ 'sub': a folder: files in sub-folders are not read" in out
    assert "  NOT READ '.hidden.txt': a hidden file (its name starts with '.'); hidden files are not read" in out
    names = {name for (name,) in world.query("select source_file from dim_document")}
    assert names == {BASE, "real.txt", "alias.txt"}
    statuses = dict(world.query("select source_file, status from dim_document"))
    # the link and its file are one document: the newer name counts, the other is its duplicate
    assert sorted([statuses["real.txt"], statuses["alias.txt"]]) == ["duplicate", "loaded"]
    assert world.query("select count(*) from fact_indicator where source_file in ('real.txt', 'alias.txt')") == [(25,)]
    world.assert_kept()


def test_a_file_without_read_permission_is_reported_and_the_others_load(world: World):
    secret = world.add(SEED["002"], "secret.txt")
    secret.chmod(0)
    world.add(GOOD)
    command = [sys.executable, "-m", "pipelines", "ingest", "--raw-dir", str(world.raw), "--warehouse", str(world.db)]
    if os.geteuid() == 0:  # root reads anything: run the command without the capabilities that allow it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: no way to make a file unreadable")
        drop = "-dac_override,-dac_read_search"
        command = [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}", "--", *command]
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "DAGSTER_HOME": str(world.folder / "dagster_home")},
    )
    assert result.returncode == 0, result.stderr
    assert "  FAILED  secret.txt: secret.txt: cannot be read: Permission denied (EACCES)" in result.stdout
    [(outcome, retry, doc_id)] = world.query(
        "select outcome, retry, doc_id from ingest_attempt where source_file = 'secret.txt'"
    )
    assert (outcome, retry, doc_id) == ("unreadable", True, None)
    _good_loaded(world, result.stdout)
    world.assert_kept()


# --- runs: failures, changes, writers ----------------------------------------------------------


def test_a_failed_reread_keeps_the_loaded_version_is_retried_and_a_removal_is_reported(world: World, monkeypatch):
    report = world.add(FIXTURES / "pdf" / "seed001_reportlab_portrait.pdf", "report.pdf")
    loaded_id = hashlib.sha256(report.read_bytes()).hexdigest()
    code, out, err = world.run()
    assert code == 0 and world.rows("report.pdf") == 25, err

    monkeypatch.setattr(pdf, "TIME_LIMIT_S", 0.01)  # a tighter limit: the forced re-read fails
    code, out, err = world.run("--force")
    assert code == 0, err
    assert "FAILED  report.pdf: report.pdf: parsing took longer than the time limit of 0.01 s" in out
    assert "the warehouse keeps the version read before" in out
    assert world.query("select doc_id, status from dim_document where source_file = 'report.pdf'") == [
        (loaded_id, "loaded")
    ]
    assert world.rows("report.pdf") == 25 and world.rows("report.pdf", published=True) == 25
    assert world.query(
        "select outcome, retry, kept_doc_id from ingest_attempt where source_file = 'report.pdf' "
        "order by attempted_at desc limit 1"
    ) == [("failed", True, loaded_id)]

    monkeypatch.setattr(pdf, "TIME_LIMIT_S", 600.0)
    code, out, err = world.run()  # not forced: the failed version is read again, and loads
    assert code == 0, err
    assert "loaded  report.pdf" in out
    report.unlink()
    code, out, err = world.run()
    assert code == 0 and "  REMOVED report.pdf: no longer in the raw folder; its rows are kept" in out
    world.assert_kept()


def test_a_file_that_changes_during_the_run_is_recorded_as_the_version_read(world: World):
    target = world.add(SEED["001"], "moving.txt")
    plan = ingest.plan(world.raw, world.db)
    [listed] = [f for f in plan.to_read if f.name == "moving.txt"]
    shutil.copy(SEED["003"], target)  # the file changes after it was listed, before it is read
    new_id = hashlib.sha256(target.read_bytes()).hexdigest()
    assert listed.doc_id != new_id
    items = [ingest.normalise_file(ingest.extract_file(raw)) for raw in plan.to_read]
    ingest.load_run(world.db, items, progress=lambda _: None)
    assert world.query("select doc_id from dim_document where source_file = 'moving.txt'") == [(new_id,)]
    assert world.query("select distinct doc_id from fact_indicator where source_file = 'moving.txt'") == [(new_id,)]
    assert world.rows("moving.txt") == 37  # seed 003's rows: the bytes that were hashed were parsed
    [(warnings,)] = world.query("select warnings from dim_document where source_file = 'moving.txt'")
    assert "the file changed while this run read it" in warnings
    world.assert_kept()


def test_an_unreadable_record_stops_the_run_instead_of_reading_everything_again(world: World):
    publish.published_path(world.db).write_bytes(b"not a database" * 100)
    world.add(GOOD)
    code, out, err = world.run()
    assert code == 2
    assert "cannot open" in err and str(publish.published_path(world.db)) in err
    assert world.rows(GOOD.name) == 0
    assert world.rows(BASE) == 12


def _wait_for(process: subprocess.Popen, marker: str) -> None:
    deadline = time.monotonic() + 300
    for line in process.stderr:
        if marker in line:
            return
        assert time.monotonic() < deadline
    raise AssertionError(f"the ingest ended early: {process.wait()}")


def test_two_writers_and_a_remove_file_during_an_ingest_wait_for_each_other(world: World):
    world.add(GOOD)
    env = {**os.environ, "DAGSTER_HOME": str(world.folder / "dagster_home"), "PIPELINES_FAULT_PAUSE_IN_LOAD": "5"}
    first = subprocess.Popen(
        [sys.executable, "-m", "pipelines", "ingest", "--raw-dir", str(world.raw), "--warehouse", str(world.db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        _wait_for(first, "pausing inside the load transaction")
        second = world.ingest_command("--wait", "1")  # a second writer that will not wait
        assert second.returncode == 2 and "is being written by ingest pid" in second.stderr
        removal = world.command("remove-file", "--warehouse", str(world.db), "--wait", "300", "--", BASE)
        assert first.wait(timeout=300) == 0, first.stderr.read()
    finally:
        if first.poll() is None:
            first.kill()
    assert removal.returncode == 0, removal.stderr  # it waited for the ingest, then removed
    assert world.rows(BASE) == 0 and world.rows(BASE, published=True) == 0
    assert world.rows(GOOD.name) == 25 and world.rows(GOOD.name, published=True) == 25
    conn = duckdb.connect(str(world.db), read_only=True)
    assert warehouse.violations(conn) == []
    conn.close()


# --- a full disk ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _tmpfs(path: Path, size: str):
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith((".tmp", ".tmp.wal")))


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs to fill needs root")
def test_a_full_disk_says_where_and_how_much_leaves_nothing_behind_and_the_next_run_works(world: World):
    data = world.folder / "disk"
    with _tmpfs(data, "32m"):
        warehouse_dir = data / "warehouse"
        shutil.copytree(world.db.parent, warehouse_dir)
        world.db = warehouse_dir / "budget.duckdb"
        world.add(GOOD)

        # 1. the load itself does not fit: nothing changes, one line says why
        free = shutil.disk_usage(data).free
        (data / "ballast").write_bytes(b"\0" * (free - 16 * 1024))
        code, out, err = world.run()
        assert code == 2
        line = err.strip().splitlines()[-1]
        assert re.fullmatch(
            rf"error: cannot load the run into the warehouse \({re.escape(str(world.db))}\): no space left on its "
            r"disk \(\d+\.\d MiB free; about \d+\.\d MiB needed\)\. Nothing of this run was loaded: the warehouse "
            r"is as it was; run again once there is room\.",
            line,
        ), line
        assert world.rows(GOOD.name) == 0 and _leftovers(data) == []
        world.assert_kept()
        (data / "ballast").unlink()

        # 2. the load fits, its published copy does not: the load stays, the copy is published later
        published = publish.published_path(world.db).parent
        old_copy = publish.published_path(world.db).read_bytes()
        with _tmpfs(published, f"{len(old_copy) // 1024 + 256}k"):  # room for the old copy, not a new one
            publish.published_path(world.db).write_bytes(old_copy)
            code, out, err = world.run()
            assert code == 2
            line = err.strip().splitlines()[-1]
            target = publish.published_path(world.db)
            assert line.startswith(f"error: cannot write the read-only copy ({target}): no space left on its disk ("), (
                line
            )
            assert "The load itself is committed; readers keep the previous copy" in line
            assert _leftovers(data) == [] and world.rows(GOOD.name) == 25
            assert world.rows(GOOD.name, published=True) == 0  # readers keep the old copy
            world.assert_kept()

        # 3. with room again, the next run publishes what was loaded
        code, out, err = world.run()
        assert code == 0, err
        assert "unchanged (read before, skipped): 2" in out
        assert world.rows(GOOD.name, published=True) == 25
        world.assert_kept()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_the_worker_processes_are_gone_when_the_command_returns_or_is_stopped(world: World, stop: int):
    marker = f"ops-adversarial-{os.getpid()}-{time.monotonic_ns()}"
    world.add(FIXTURES / "pdf" / "seed001_reportlab_portrait.pdf", "report.pdf")
    env = {"PIPELINES_TEST_MARK": marker}
    result = world.ingest_command(env=env)
    assert result.returncode == 0, result.stderr
    assert _marked(marker) == []  # normal return

    world.add(FIXTURES / "pdf" / "big_500_pages.pdf")
    log = world.folder / "stopped.log"
    with open(log, "w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "pipelines", "ingest", "--raw-dir", str(world.raw), "--warehouse", str(world.db)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "DAGSTER_HOME": str(world.folder / "dagster_home"), **env},
        )
    try:
        deadline = time.monotonic() + 300
        while len(_marked(marker)) < 2 and time.monotonic() < deadline:  # the command and its workers
            assert process.poll() is None, log.read_text()
            time.sleep(0.2)
        assert len(_marked(marker)) >= 2, f"the workers never started: {_marked(marker)}\n{log.read_text()[-3000:]}"
        process.send_signal(stop)  # stopped in the middle of a parse
        assert process.wait(timeout=60) != 0
    finally:
        if process.poll() is None:
            process.kill()
    deadline = time.monotonic() + 30
    while _marked(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _marked(marker) == []


def _marked(marker: str) -> list[int]:
    """Processes whose environment carries ``marker`` (the command and the workers it started)."""
    found = []
    needle = f"PIPELINES_TEST_MARK={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found
