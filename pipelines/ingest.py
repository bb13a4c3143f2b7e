"""The pipeline's steps as plain functions: plan, extract, normalise, load.

Dagster assets call these; tests call them directly. A file that cannot be read never raises
out of here: it becomes a failed result with a reason, and the other files go on.

A file version (its name and the sha256 of its bytes) is read once: ``plan`` leaves out the
versions the warehouse has recorded, loaded or failed, by this parser version. A run's load is one
transaction (all its files, their checks and the rebuilt dimensions), taken under the writer lock
and followed by publishing the read-only copy (see :mod:`pipelines.publish`).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipelines import dimensions, publish, warehouse
from pipelines.model import DocumentError
from pipelines.normalize import PARSER_VERSION, UNREAD_TABLE, document_frame, normalise
from pipelines.readers import file_type_of, read_document
from pipelines.recognise import extract
from pipelines.recognise.records import Extraction

Progress = Callable[[str], None]

IGNORED_NAMES = {".gitkeep", ".DS_Store", "README.md"}


@dataclass(frozen=True)
class RawFile:
    path: Path
    name: str
    doc_id: str
    size_bytes: int
    file_type: str


@dataclass
class ExtractedFile:
    raw: RawFile
    extraction: Extraction | None = None
    error: str | None = None


@dataclass
class NormalizedFile:
    raw: RawFile
    document: pl.DataFrame
    facts: dict[str, pl.DataFrame] = field(default_factory=dict)

    @property
    def loaded(self) -> bool:
        """Whether the file has facts to load: status loaded, or partial (loaded with unread parts)."""
        return self.document["status"][0] in ("loaded", "partial")


@dataclass
class LoadSummary:
    loaded: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # versions read before: not read again
    removed: list[str] = field(default_factory=list)  # gone from the raw folder, rows kept
    # per file loaded with unread parts (status partial): where and why each part was not read
    unread: dict[str, list[str]] = field(default_factory=dict)
    warehouse_rows: dict[str, int] = field(default_factory=dict)
    # (source_file, rule, subject, expected, found, difference) of the checks that failed
    failed_checks: list[tuple] = field(default_factory=list)


_UNSAFE_IN_KEY = re.compile(r"[^\w.\-\u3000-\u9fff（）()]")


def file_key(file_name: str) -> str:
    """A file's stable id (its Dagster partition): its name, with characters partition keys cannot
    hold replaced."""
    return _UNSAFE_IN_KEY.sub("_", file_name)


def list_raw_files(raw_dir: Path, key: str | None = None) -> list[RawFile]:
    """Every file in ``raw_dir`` (not recursive), sorted by name, with its content hash; only the
    file whose ``file_key`` is ``key`` when given (the others are not read)."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist")
    files = []
    for path in sorted(p for p in raw_dir.iterdir() if p.is_file()):
        if path.name in IGNORED_NAMES or path.name.startswith("."):
            continue
        if key is not None and file_key(path.name) != key:
            continue
        data = path.read_bytes()
        files.append(
            RawFile(
                path=path,
                name=path.name,
                doc_id=hashlib.sha256(data).hexdigest(),
                size_bytes=len(data),
                file_type=file_type_of(path),
            )
        )
    return files


def extract_file(raw: RawFile) -> ExtractedFile:
    """Read one file and recognise its tables; any failure becomes ``error``."""
    try:
        document = read_document(raw.path)
        return ExtractedFile(raw=raw, extraction=extract(document))
    except DocumentError as exc:
        return ExtractedFile(raw=raw, error=str(exc))
    except Exception as exc:  # a bug or an unexpected file must not stop the other files
        return ExtractedFile(raw=raw, error=f"{raw.name}: unexpected error: {type(exc).__name__}: {exc}")


def normalise_file(item: ExtractedFile) -> NormalizedFile:
    raw = item.raw
    common = dict(doc_id=raw.doc_id, source_file=raw.name, file_type=raw.file_type, size_bytes=raw.size_bytes)
    if item.extraction is None:
        return NormalizedFile(raw=raw, document=document_frame(None, status="failed", error=item.error, **common))
    try:
        facts, _ = normalise(item.extraction)
    except Exception as exc:
        error = f"{raw.name}: values could not be normalised: {type(exc).__name__}: {exc}"
        return NormalizedFile(raw=raw, document=document_frame(item.extraction, status="failed", error=error, **common))
    unread = facts[UNREAD_TABLE].height
    document = document_frame(
        item.extraction,
        status="partial" if unread else "loaded",
        warnings=item.extraction.warnings,
        unread_parts=unread,
        **common,
    )
    return NormalizedFile(raw=raw, document=document, facts=facts)


@dataclass
class Plan:
    to_read: list[RawFile]
    unchanged: list[RawFile]
    removed: list[str]


def recorded_versions(warehouse_path: Path | str) -> list[tuple[str, str, str, str]]:
    """The file versions the warehouse has recorded, read from its published copy (which a
    writer never holds), or from the warehouse itself before anything was published."""
    for path in (publish.published_path(warehouse_path), Path(warehouse_path)):
        if path.exists():
            try:
                conn = duckdb.connect(str(path), read_only=True)
            except duckdb.Error:
                continue
            try:
                return warehouse.recorded_versions(conn)
            except duckdb.Error:
                return []
            finally:
                conn.close()
    return []


def published_row_counts(warehouse_path: Path | str) -> dict[str, int]:
    path = publish.published_path(warehouse_path)
    if not path.exists():
        return {}
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return warehouse.row_counts(conn)
    finally:
        conn.close()


def plan(raw_dir: Path, warehouse_path: Path | str, force: bool = False, key: str | None = None) -> Plan:
    """Which files of ``raw_dir`` to read: new and changed versions (all with ``force``); only the
    file with ``file_key`` ``key`` when given, and then no file counts as removed."""
    files = list_raw_files(raw_dir, key)
    versions = recorded_versions(warehouse_path)
    seen = {(name, doc_id) for name, doc_id, _status, parser in versions if parser == PARSER_VERSION}
    loaded_names = {name for name, _doc_id, status, _parser in versions if status in ("loaded", "partial")}
    present = {f.name for f in files}
    to_read = [f for f in files if force or (f.name, f.doc_id) not in seen]
    unchanged = [f for f in files if f not in to_read]
    removed = sorted(loaded_names - present) if key is None else []
    return Plan(to_read, unchanged, removed)


def _fault_pause(progress: Progress) -> None:
    """Fault injection for the reliability tests: stop inside the load transaction for
    PIPELINES_FAULT_PAUSE_IN_LOAD seconds, so a test can kill the process there."""
    seconds = float(os.environ.get("PIPELINES_FAULT_PAUSE_IN_LOAD", "0") or 0)
    if seconds > 0:
        print("fault injection: pausing inside the load transaction", file=sys.stderr, flush=True)
        progress("fault injection: pausing inside the load transaction")
        time.sleep(seconds)


def _load_one(conn: duckdb.DuckDBPyConnection, item: NormalizedFile) -> None:
    if item.loaded:
        warehouse.replace_document(conn, item.document, item.facts)
    else:
        warehouse.record_failure_rows(conn, item.document)


def load_files(conn: duckdb.DuckDBPyConnection, files: list[NormalizedFile], progress: Progress = print) -> LoadSummary:
    """Load a run's files, their checks and the rebuilt dimensions in one transaction. Should the
    warehouse refuse one file's rows, the run falls back to one transaction per file, so that file
    is recorded as failed and costs nothing else."""
    try:
        with warehouse.transaction(conn):
            for index, item in enumerate(files):
                _load_one(conn, item)
                if index == 0:
                    _fault_pause(progress)
            dimensions.rebuild_rows(conn)
        outcome = {item.raw.name: None for item in files}
    except duckdb.Error:
        outcome = {}
        for item in files:
            try:
                with warehouse.transaction(conn):
                    _load_one(conn, item)
                outcome[item.raw.name] = None
            except duckdb.Error as exc:
                outcome[item.raw.name] = f"{item.raw.name}: the warehouse refused its rows: {exc}"
                warehouse.record_failure(
                    conn,
                    item.document.with_columns(
                        pl.lit("failed").alias("status"), pl.lit(outcome[item.raw.name]).alias("error")
                    ),
                )
        dimensions.rebuild(conn)
    return _summarise(conn, files, outcome, progress)


def _summarise(conn, files: list[NormalizedFile], refused: dict[str, str | None], progress: Progress) -> LoadSummary:
    summary = LoadSummary()
    for index, item in enumerate(files, start=1):
        prefix = f"[{index}/{len(files)}] {item.raw.name}"
        error = refused.get(item.raw.name) or (None if item.loaded else item.document["error"][0])
        if error:
            summary.failed.append((item.raw.name, error))
            progress(f"{prefix}: FAILED: {error}")
            continue
        counts = {table: item.facts[table].height for table in warehouse.FACT_TABLES}
        summary.loaded.append((item.raw.name, counts))
        shown = ", ".join(f"{n} {t}" for t, n in counts.items() if n and t != UNREAD_TABLE)
        failed_checks = warehouse.failed_checks(conn, item.raw.name)
        summary.failed_checks.extend(failed_checks)
        checks = f"; {len(failed_checks)} checks failed" if failed_checks else ""
        unread = describe_unread(item.facts[UNREAD_TABLE])
        if unread:
            summary.unread[item.raw.name] = unread
        partial = f"; PARTIAL: {len(unread)} parts not read" if unread else ""
        progress(f"{prefix}: loaded {shown or 'no facts'}{partial}{checks}")
    summary.warehouse_rows = warehouse.row_counts(conn)
    return summary


def describe_unread(frame: pl.DataFrame) -> list[str]:
    """One line per unread part, for a person: where it is, what it is, why it was not read."""
    lines = []
    for part in frame.iter_rows(named=True):
        where = f"page {part['source_page']}" if part["source_page"] is not None else f"line {part['source_line']}"
        what = " ".join(
            str(v)
            for v in (part["part"], part["table_kind"], part["project_name"] and f"「{part['project_name']}」")
            if v
        )
        lines.append(f"{where}: {what}: {part['reason']}")
    return lines


def load_run(
    warehouse_path: Path | str,
    files: list[NormalizedFile],
    progress: Progress = print,
    wait_s: float = publish.DEFAULT_WAIT_S,
) -> LoadSummary:
    """Take the writer lock, load the run in one transaction, close, publish the read-only copy."""
    with publish.writer_lock(warehouse_path, wait_s, progress):
        conn = warehouse.connect(warehouse_path)
        try:
            summary = load_files(conn, files, progress)
        finally:
            conn.close()
        publish.publish(warehouse_path)
    return summary


def remove_file(warehouse_path: Path | str, source_file: str, wait_s: float = publish.DEFAULT_WAIT_S) -> int:
    """Delete a file's rows (all versions), rebuild the dimensions, publish; return the number of
    versions it had."""
    with publish.writer_lock(warehouse_path, wait_s):
        conn = warehouse.connect(warehouse_path)
        try:
            versions = warehouse.remove_file(conn, source_file)
            dimensions.rebuild(conn)
        finally:
            conn.close()
        publish.publish(warehouse_path)
    return versions
