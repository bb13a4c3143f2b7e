"""The pipeline's steps as plain functions: plan, extract, normalise, load.

Dagster assets call these; tests call them directly. A file that cannot be read never raises
out of here: it becomes a failed result with a reason, and the other files go on.

* Every entry of the raw folder is read or reported with a reason: hidden files, folders, special
  files (FIFOs, sockets, devices), broken symbolic links and links that lead out of the folder are
  listed as skipped; a file that cannot be opened or read is recorded as an unreadable attempt.
* A file's bytes are read once per step that needs them, and the version recorded is the sha256
  of the very bytes that were parsed (a file that changes during the run is recorded as the
  version that was read, with a warning).
* ``plan`` leaves out the versions the warehouse has recorded by this parser version, unless their
  latest attempt asks for a retry (a failed re-read of a loaded file, a time or memory limit, an
  I/O error).
* A run's load is one transaction (all its files, their checks, the rebuilt dimensions, and the
  check that the record and the rows agree), taken under the writer lock and followed by
  publishing the read-only copy (see :mod:`pipelines.publish`).
* One document is counted once: files that cover the same document (the same department, year,
  kind and parts; or the same facts) are one document, and one of them counts (the newest; of
  files with the same facts, the first loaded); see :func:`decide`.
  ``data/reference/document_overrides.csv`` lets a person decide otherwise.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import os
import re
import shlex
import stat
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipelines import dimensions, publish, warehouse
from pipelines.model import DocumentError, squash
from pipelines.normalize import (
    PARSER_VERSION,
    READ_COLUMNS,
    UNREAD_TABLE,
    ColumnTypes,
    department_key,
    document_frame,
    normalise,
)
from pipelines.readers import file_type_of, read_document
from pipelines.readers.pdf import RunLimitError, page_progress
from pipelines.recognise import extract
from pipelines.recognise.records import Extraction

Progress = Callable[[str], None]

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"
DOCUMENT_OVERRIDES = REFERENCE / "document_overrides.csv"
# A file larger than this is not read into memory (PIPELINES_MAX_FILE_MB, MiB).
MAX_FILE_BYTES = int(float(os.environ.get("PIPELINES_MAX_FILE_MB", "512")) * 1024 * 1024)
_README = re.compile(r"^readme(\.(md|txt|rst))?$", re.I)


@dataclass(frozen=True)
class RawFile:
    """A file of the raw folder as listed: its sha256 (for planning) and where it is."""

    path: Path
    name: str
    doc_id: str | None  # sha256 of the bytes when listed; None when the file could not be read
    size_bytes: int
    file_type: str
    modified_at: float | None = None  # st_mtime, seconds
    read_error: str | None = None  # why the file could not be read when listed


@dataclass(frozen=True)
class Skipped:
    """An entry of the raw folder that is not read, and why."""

    name: str
    reason: str


@dataclass
class ExtractedFile:
    raw: RawFile
    extraction: Extraction | None = None
    error: str | None = None
    doc_id: str | None = None  # sha256 of the bytes that were read and parsed
    size_bytes: int | None = None
    retry: bool = False  # the failure depends on this run (a limit, an I/O error), not on the file
    unreadable: bool = False  # not even the bytes could be read

    def __post_init__(self) -> None:
        if self.doc_id is None and not self.unreadable:
            self.doc_id = self.raw.doc_id
        if self.size_bytes is None:
            self.size_bytes = self.raw.size_bytes


@dataclass
class NormalizedFile:
    raw: RawFile
    document: pl.DataFrame  # the dim_document row of the version read (status loaded, partial or failed)
    facts: dict[str, pl.DataFrame] = field(default_factory=dict)
    retry: bool = False
    unreadable: bool = False

    @property
    def loaded(self) -> bool:
        """Whether the file has facts to load: status loaded, or partial (loaded with unread parts)."""
        return self.document["status"][0] in warehouse.CURRENT

    @property
    def error(self) -> str | None:
        return self.document["error"][0]


@dataclass
class LoadSummary:
    loaded: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # versions read before: not read again
    removed: list[str] = field(default_factory=list)  # gone from the raw folder, rows kept
    skipped: list[tuple[str, str]] = field(default_factory=list)  # entries not read, and why
    # files that do not count: (file, 'superseded' or 'duplicate', the file that counts, why)
    superseded: list[tuple[str, str, str, str]] = field(default_factory=list)
    # per file loaded with unread parts (status partial): where and why each part was not read
    unread: dict[str, list[str]] = field(default_factory=dict)
    warehouse_rows: dict[str, int] = field(default_factory=dict)
    # (source_file, rule, subject, expected, found, difference) of the checks that failed
    failed_checks: list[tuple] = field(default_factory=list)
    # (source_file, doc_id, problem): where the record and the rows disagree (always empty)
    violations: list[tuple] = field(default_factory=list)


_UNSAFE_IN_KEY = re.compile(r"[^\w.\-\u3000-\u9fff（）()]")


def file_key(file_name: str) -> str:
    """A file's stable id (its Dagster partition): its name, with characters partition keys cannot
    hold replaced."""
    return _UNSAFE_IN_KEY.sub("_", file_name)


def _os_reason(exc: OSError) -> str:
    """An OSError for a person: its errno's name and text (never a memory address)."""
    name = errno.errorcode.get(exc.errno or 0, "error")
    return f"{os.strerror(exc.errno) if exc.errno else type(exc).__name__} ({name})"


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def list_raw_folder(raw_dir: Path, key: str | None = None) -> tuple[list[RawFile], list[Skipped]]:
    """Every entry of ``raw_dir`` (not recursive), sorted by name: the files to consider, with the
    sha256 of their bytes, and the entries that are not read, with the reason. Only the entry whose
    ``file_key`` is ``key`` when given (the others are not read). Never raises for one entry."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist")
    root = raw_dir.resolve()
    files: list[RawFile] = []
    skipped: list[Skipped] = []
    with os.scandir(raw_dir) as entries:
        names = sorted(entry.name for entry in entries)
    for name in names:
        if key is not None and file_key(name) != key:
            continue
        path = raw_dir / name
        if name.startswith("."):
            skipped.append(Skipped(name, "a hidden file (its name starts with '.'); hidden files are not read"))
            continue
        if _README.match(name):
            skipped.append(Skipped(name, "the raw folder's README, not a document"))
            continue
        try:
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                target = Path(os.path.realpath(path))
                if not target.exists():
                    skipped.append(Skipped(name, f"a broken symbolic link (to {os.readlink(path)})"))
                    continue
                if not target.is_relative_to(root):
                    skipped.append(Skipped(name, f"a symbolic link to {target}, outside the raw folder: not followed"))
                    continue
                info = os.stat(path)
        except OSError as exc:
            files.append(
                RawFile(path, name, None, 0, file_type_of(path), None, f"cannot be examined: {_os_reason(exc)}")
            )
            continue
        if stat.S_ISDIR(info.st_mode):
            skipped.append(Skipped(name, "a folder: files in sub-folders are not read"))
            continue
        if not stat.S_ISREG(info.st_mode):
            skipped.append(Skipped(name, f"{_kind_of(info.st_mode)}, not a regular file: not read"))
            continue
        try:
            doc_id = _sha256_of(path)
            error = None
        except OSError as exc:
            doc_id, error = None, f"cannot be read: {_os_reason(exc)}"
        files.append(RawFile(path, name, doc_id, info.st_size, file_type_of(path), info.st_mtime, error))
    return files, skipped


def list_raw_files(raw_dir: Path, key: str | None = None) -> list[RawFile]:
    """The files of ``raw_dir`` to consider (see :func:`list_raw_folder`)."""
    return list_raw_folder(raw_dir, key)[0]


def _read_once(raw: RawFile) -> bytes:
    size = os.stat(raw.path).st_size
    if size > MAX_FILE_BYTES:
        raise DocumentError(
            f"{raw.name}: the file is {size / 1024 / 1024:.0f} MiB, more than the limit of "
            f"{MAX_FILE_BYTES / 1024 / 1024:.0f} MiB (PIPELINES_MAX_FILE_MB); not read"
        )
    return raw.path.read_bytes()


# Files read at once: while the workers parse one file's pages, the calling process recognises
# the tables of the file before (PIPELINES_FILES_AT_ONCE).
FILES_AT_ONCE = max(1, int(os.environ.get("PIPELINES_FILES_AT_ONCE", "2")))
# A line of progress for pages read from the text layer at most this often (seconds); a page read
# by OCR (seconds each) always gets its line.
PAGE_PROGRESS_EVERY_S = 5.0


def page_reporter(progress: Progress) -> Callable[[str, int, int, object], None]:
    """Progress of a PDF parse for a person: a line per page read by OCR, and for the other pages a
    line at most every PAGE_PROGRESS_EVERY_S seconds."""
    last = [time.monotonic()]

    def report(name: str, done: int, total: int, page) -> None:
        now = time.monotonic()
        ocr = getattr(page, "ocr_seconds", None)
        if ocr is not None:
            what = f"not read ({page.problem})" if page.problem else f"read by OCR in {ocr:.1f} s"
            progress(f"{name}: page {page.number} ({done} of {total} pages done) {what}")
        elif now - last[0] >= PAGE_PROGRESS_EVERY_S and done < total:
            progress(f"{name}: {done} of {total} pages read")
        else:
            return
        last[0] = now

    return report


def extract_files(raws: list[RawFile], progress: Progress | None = None) -> Iterator[ExtractedFile]:
    """:func:`extract_file` for each file, in order, FILES_AT_ONCE at a time: the PDF workers parse
    the pages of the next file while this process recognises the tables of the one before (each
    file's pages are shared by the workers page by page, see pipelines.readers.pdf.parse_pdf)."""
    if len(raws) <= 1 or FILES_AT_ONCE == 1:
        for raw in raws:
            yield extract_file(raw, progress)
        return
    lock = threading.Lock()

    def said(message: str) -> None:
        with lock:  # one line at a time, from either thread
            if progress is not None:
                progress(message)

    with ThreadPoolExecutor(FILES_AT_ONCE, thread_name_prefix="extract") as pool:
        yield from pool.map(lambda raw: extract_file(raw, said), raws)


def extract_file(raw: RawFile, progress: Progress | None = None) -> ExtractedFile:
    """Read one file once and recognise its tables; any failure becomes ``error``. The version is
    the sha256 of the bytes read here, which are the bytes parsed. ``progress`` gets the progress
    of a PDF's pages (see :func:`page_reporter`)."""
    with page_progress(page_reporter(progress) if progress is not None else None):
        return _extract_file(raw)


def _extract_file(raw: RawFile) -> ExtractedFile:
    if raw.read_error is not None:
        return ExtractedFile(raw=raw, error=f"{raw.name}: {raw.read_error}", retry=True, unreadable=True)
    try:
        data = _read_once(raw)
    except DocumentError as exc:
        return ExtractedFile(raw=raw, error=str(exc))
    except OSError as exc:
        return ExtractedFile(
            raw=raw, error=f"{raw.name}: cannot be read: {_os_reason(exc)}", retry=True, unreadable=True
        )
    doc_id = hashlib.sha256(data).hexdigest()
    changed = raw.doc_id is not None and doc_id != raw.doc_id
    document = None
    try:
        document = read_document(raw.path, data)
        extraction = extract(document)
    except RunLimitError as exc:
        return ExtractedFile(raw=raw, error=str(exc), doc_id=doc_id, size_bytes=len(data), retry=True)
    except DocumentError as exc:
        error = str(exc)
        if document is not None and document.encoding not in (None, "utf-8"):
            error += f" (the text was decoded as {document.encoding})"
        return ExtractedFile(raw=raw, error=error, doc_id=doc_id, size_bytes=len(data))
    except MemoryError:
        return ExtractedFile(
            raw=raw, error=f"{raw.name}: reading it ran out of memory", doc_id=doc_id, size_bytes=len(data), retry=True
        )
    except Exception as exc:  # a bug or an unexpected file must not stop the other files
        return ExtractedFile(
            raw=raw,
            error=f"{raw.name}: unexpected error: {type(exc).__name__}: {_stable(str(exc))}",
            doc_id=doc_id,
            size_bytes=len(data),
        )
    if changed:
        extraction.warnings.append(
            f"{raw.name}: the file changed while this run read it; the version read (sha256 {doc_id[:12]}…) "
            "is the one recorded"
        )
    return ExtractedFile(raw=raw, extraction=extraction, doc_id=doc_id, size_bytes=len(data))


_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


def _stable(text: str, limit: int = 200) -> str:
    """An exception's text, one line, without memory addresses (they change from run to run)."""
    flat = " ".join(_ADDRESS.sub("0x…", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# Tables whose rows are the narrative (说明) of a 决算公开.
_NARRATIVE_TABLES = (
    "fact_budget_total",
    "fact_stated_figure",
    "fact_function_expenditure",
    "fact_function_class",
    "fact_three_public",
    "fact_document_unit",
)
_PROJECT_TABLES = ("fact_indicator", "fact_project_fund", "fact_project_score", "fact_evaluation_score")
# Columns that say where a fact is printed, or how it was read, not what it says: left out of the
# facts' digest (a workbook, its PDF and a scan of it say the same).
_POSITION = ("doc_id", "source_file", "source_page", "source_line", *READ_COLUMNS)


def document_parts(facts: dict[str, pl.DataFrame]) -> list[str]:
    """What a document holds, as parts: 说明 (the narrative's figures), 表N (standard table N),
    部门整体 (the department's own indicators) and each project (its name without white space)."""
    parts: set[str] = set()
    if any(facts[t].height for t in _NARRATIVE_TABLES if t in facts):
        parts.add("说明")
    if "fact_standard_table" in facts:
        parts.update(f"表{n}" for n in facts["fact_standard_table"]["table_no"].drop_nulls().unique().to_list())
    indicators = facts.get("fact_indicator")
    if indicators is not None and indicators.filter(pl.col("scope") == "department").height:
        parts.add("部门整体")
    for table in _PROJECT_TABLES:
        frame = facts.get(table)
        if frame is not None and "project_name" in frame.columns:
            parts.update(squash(n) for n in frame["project_name"].drop_nulls().unique().to_list() if squash(n))
    return sorted(parts, key=lambda p: (not p.startswith(("说明", "表", "部门整体")), p))


def subject_of(document: pl.DataFrame, facts: dict[str, pl.DataFrame]) -> str | None:
    """What the document is about, apart from its file name and bytes: department, fiscal year,
    kind and parts (for a 决算公开: its 说明 and its standard tables; for an evaluation: its
    projects, and 部门整体 for the department's own indicators). None when the department, the
    year or the kind is unknown."""
    row = document.row(0, named=True)
    key = department_key(row["department"])
    if not key or row["fiscal_year"] is None or row["doc_kind"] in (None, "unknown"):
        return None
    parts = document_parts(facts)
    if row["doc_kind"] == "final_accounts":
        # A 决算公开 is its 说明 and its tables; its project tables come with them (a corrected
        # republication with a project renamed is still the same 决算).
        parts = [p for p in parts if p == "说明" or re.fullmatch(r"表\d", p)] or parts
    return f"{key} {row['fiscal_year']} {row['doc_kind']}: {'; '.join(parts) or '(no parts)'}"


_KEPT_APART = " [kept apart: "


def subject_parts(subject: str) -> tuple[str, set[str]]:
    """'商务厅 2024 final_accounts: 说明; 表6' → ('商务厅 2024 final_accounts', {'说明', '表6'})."""
    head, _, parts = subject.partition(": ")
    return head, set(parts.split("; "))


def same_subject(a: str | None, b: str | None) -> bool:
    """Whether two subjects are one document: the same department, year, kind and parts; for a
    决算公开, one 说明 or standard table in common is enough (a corrected republication with a table
    more is still the same 决算; its 说明 and its tables published apart are not)."""
    if a is None or b is None or _KEPT_APART in a or _KEPT_APART in b:
        return False
    (head_a, parts_a), (head_b, parts_b) = subject_parts(a), subject_parts(b)
    if head_a != head_b:
        return False
    if head_a.endswith(" final_accounts"):
        return bool(parts_a & parts_b)
    return parts_a == parts_b


def facts_digest(facts: dict[str, pl.DataFrame]) -> str:
    """sha256 of what the facts say (every fact table but fact_unread_part, without file name and
    positions, rows in order): equal for two files that say the same."""
    digest = hashlib.sha256()
    for table in sorted(facts):
        if table == UNREAD_TABLE:
            continue
        frame = facts[table].drop([c for c in _POSITION if c in facts[table].columns])
        if frame.width:
            frame = frame.sort(frame.columns, nulls_last=True)
        digest.update(f"{table}:{frame.height}\n".encode())
        digest.update(frame.write_csv().encode())
    return digest.hexdigest()


def _modified(raw: RawFile) -> datetime | None:
    if raw.modified_at is None:
        return None
    return datetime.fromtimestamp(raw.modified_at, UTC).replace(tzinfo=None)


def normalise_file(item: ExtractedFile) -> NormalizedFile:
    raw = item.raw
    common: dict[str, Any] = dict(
        doc_id=item.doc_id or "", source_file=raw.name, file_type=raw.file_type, size_bytes=item.size_bytes
    )
    extra = {"file_modified_at": _modified(raw)}
    if item.extraction is None:
        document = document_frame(None, status="failed", error=item.error, **common)
        return NormalizedFile(raw, _with(document, **extra), retry=item.retry, unreadable=item.unreadable)
    try:
        facts, _ = normalise(item.extraction)
    except Exception as exc:
        error = f"{raw.name}: values could not be normalised: {type(exc).__name__}: {_stable(str(exc))}"
        document = document_frame(item.extraction, status="failed", error=error, **common)
        return NormalizedFile(raw, _with(document, **extra))
    unread = facts[UNREAD_TABLE].height
    document = document_frame(
        item.extraction,
        status="partial" if unread else "loaded",
        warnings=item.extraction.warnings,
        unread_parts=unread,
        **common,
    )
    document = _with(
        document,
        department_key=department_key(item.extraction.department),
        subject=subject_of(document, facts),
        facts_sha256=facts_digest(facts),
        fact_rows=sum(facts[t].height for t in warehouse.FACT_TABLES),
        **extra,
    )
    return NormalizedFile(raw, document, facts)


_EXTRA_TYPES: ColumnTypes = {
    "department_key": pl.String,
    "subject": pl.String,
    "facts_sha256": pl.String,
    "fact_rows": pl.Int64,
    "file_modified_at": pl.Datetime("us"),
    "superseded_by": pl.String,
    "superseded_reason": pl.String,
}


def _with(document: pl.DataFrame, **values) -> pl.DataFrame:
    return document.with_columns(pl.lit(v, dtype=_EXTRA_TYPES[k]).alias(k) for k, v in values.items())


# --- planning ---------------------------------------------------------------------------------


@dataclass
class Plan:
    to_read: list[RawFile]
    unchanged: list[RawFile]
    removed: list[str]
    skipped: list[Skipped] = field(default_factory=list)
    # (file, sha256) → attempts that ended in a record: part of the sensor's run key, so that a
    # version whose record was reset (the file that superseded it changed) is read again
    settled: dict[tuple[str, str], int] = field(default_factory=dict)


class RecordUnreadable(RuntimeError):
    """The warehouse's record of what was read cannot be read: planning would be a guess."""


def recorded_versions(warehouse_path: Path | str, wait_s: float = publish.DEFAULT_WAIT_S) -> list[tuple]:
    """The file versions the warehouse has recorded (see warehouse.recorded_versions), read from
    its published copy (which a writer never holds). Before anything was published, from the
    warehouse itself, under the writer lock (a run loading now is waited for, up to ``wait_s``).
    Raises RecordUnreadable, naming the file and the reason, when the record cannot be read."""
    published, path = publish.published_path(warehouse_path), Path(warehouse_path)
    if published.exists():
        return _read_record(published)
    if not path.exists():
        return []
    with publish.writer_lock(path, wait_s):
        return _read_record(path)


def _read_record(path: Path) -> list[tuple]:
    try:
        conn = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise RecordUnreadable(f"cannot open {path} to see which files were read: {_stable(str(exc))}") from None
    try:
        return warehouse.recorded_versions(conn)
    except duckdb.Error as exc:
        raise RecordUnreadable(
            f"cannot read the record of {path} (dim_document, ingest_attempt): {_stable(str(exc))}; "
            "if it was built by another version of the pipeline, delete data/warehouse and ingest again"
        ) from None
    finally:
        conn.close()


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
    """Which files of ``raw_dir`` to read: new and changed versions, versions read by another parser
    version, and versions whose latest attempt asked for a retry (all with ``force``); only the
    file with ``file_key`` ``key`` when given, and then no file counts as removed."""
    files, skipped = list_raw_folder(raw_dir, key)
    versions = recorded_versions(warehouse_path)
    record = {(r[0], r[1]): r for r in versions}
    current = {r[0] for r in versions if r[2] in warehouse.CURRENT}
    to_read: list[RawFile] = []
    unchanged: list[RawFile] = []
    for f in files:
        known = record.get((f.name, f.doc_id)) if f.doc_id else None
        settled = (
            known is not None
            and known[2] is not None  # the version has the file's record in dim_document
            and known[3] == PARSER_VERSION
            and not known[5]  # its latest attempt did not ask for a retry (a limit, an I/O error)
        )
        (unchanged if settled and not force else to_read).append(f)
    present = {f.name for f in files}
    removed = sorted(current - present) if key is None else []
    settled_counts = {(r[0], r[1]): r[6] for r in versions}
    return Plan(to_read, unchanged, removed, skipped, settled_counts)


# --- loading --------------------------------------------------------------------------------


def _fault_pause(progress: Progress) -> None:
    """Fault injection for the reliability tests: stop inside the load transaction for
    PIPELINES_FAULT_PAUSE_IN_LOAD seconds, so a test can kill the process there."""
    seconds = float(os.environ.get("PIPELINES_FAULT_PAUSE_IN_LOAD", "0") or 0)
    if seconds > 0:
        print("fault injection: pausing inside the load transaction", file=sys.stderr, flush=True)
        progress("fault injection: pausing inside the load transaction")
        time.sleep(seconds)


@dataclass(frozen=True)
class Override:
    source_file: str
    decision: str  # 'supersedes' (over other_file, or every file of the same subject) or 'separate'
    other_file: str | None
    note: str


def read_document_overrides(path: Path = DOCUMENT_OVERRIDES) -> list[Override]:
    """The decisions a person wrote in data/reference/document_overrides.csv."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    out = []
    for row in rows:
        decision = (row.get("decision") or "").strip()
        if decision not in ("supersedes", "separate"):
            raise ValueError(f"{path}: decision must be 'supersedes' or 'separate', not {decision!r} ({row})")
        out.append(
            Override(row["source_file"], decision, (row.get("other_file") or "").strip() or None, row.get("note") or "")
        )
    return out


@dataclass
class _Outcome:
    name: str
    outcome: str  # loaded, partial, failed, unreadable, superseded, duplicate
    reason: str | None
    retry: bool
    doc_id: str | None
    kept_doc_id: str | None
    superseded: list[tuple[str, str, str, str]] = field(default_factory=list)


def decide(
    name: str,
    modified: datetime | None,
    unread: int,
    other: dict,
    overrides: list[Override],
) -> tuple[str, str]:
    """Which of two files covering the same document counts: returns ('new' | 'other' | 'both',
    reason). A person's override decides first; of two files with the same facts, the one loaded
    first stays (the other is a duplicate, not loaded twice); a file read whole counts over one with
    unread parts (a newer file cut short must not replace a whole one); else the newer file
    (modification time, then name) counts."""
    by = {(o.source_file, o.other_file) for o in overrides if o.decision == "supersedes"}
    anyone = {o.source_file for o in overrides if o.decision == "supersedes" and o.other_file is None}
    separate = {o.source_file for o in overrides if o.decision == "separate"}
    theirs = other["source_file"]
    if name in separate or theirs in separate:
        return "both", "kept apart by data/reference/document_overrides.csv"
    if (name, theirs) in by or (name in anyone and theirs not in anyone):
        return "new", f"data/reference/document_overrides.csv: {name} supersedes {theirs}"
    if (theirs, name) in by or (theirs in anyone and name not in anyone):
        return "other", f"data/reference/document_overrides.csv: {theirs} supersedes {name}"
    if other["same_facts"]:
        return "other", f"{theirs} was loaded first; a file with the same facts is not loaded twice"
    if (unread > 0) != (other["unread_parts"] > 0):
        whole, cut = (theirs, name) if unread else (name, theirs)
        verdict = "other" if unread else "new"
        return verdict, f"{whole} was read whole, {cut} has parts that could not be read (see fact_unread_part)"
    ours = (modified or datetime.min, name)
    other_key = (other["file_modified_at"] or datetime.min, theirs)
    newer = "new" if ours > other_key else "other"
    winner = name if newer == "new" else theirs
    return newer, f"{winner} is the newer file (modified later, or the same time and a later name)"


def _separate_subject(document: pl.DataFrame, overrides: list[Override]) -> pl.DataFrame:
    """A file a person keeps apart gets a subject of its own."""
    name = document["source_file"][0]
    subject = document["subject"][0]
    if subject is not None and any(o.decision == "separate" and o.source_file == name for o in overrides):
        return _with(document, subject=f"{subject}{_KEPT_APART}{name}]")
    return document


def _still_valid(conn: duckdb.DuckDBPyConnection, dependent: str, winner: str, overrides: list[Override]) -> bool:
    """Whether ``dependent`` is still rightly superseded by ``winner``'s current version."""
    theirs = warehouse.file_record(conn, dependent)
    mine = warehouse.file_record(conn, winner)
    if theirs is None or mine is None or mine["status"] not in warehouse.CURRENT:
        return False
    if any(o.decision == "supersedes" and o.source_file == winner and o.other_file == dependent for o in overrides):
        return True
    return same_subject(theirs["subject"], mine["subject"]) or theirs["facts_sha256"] == mine["facts_sha256"]


def _load_one(
    conn: duckdb.DuckDBPyConnection, item: NormalizedFile, overrides: list[Override], progress: Progress
) -> _Outcome:
    """Load one file's version in the caller's transaction, and say what became of it."""
    name = item.raw.name
    record = warehouse.file_record(conn, name)
    kept = record["doc_id"] if record and record["status"] in warehouse.CURRENT else None
    doc_id = item.document["doc_id"][0] or None
    if item.unreadable:
        return _Outcome(name, "unreadable", item.error, True, None, kept)
    if not item.loaded:
        if record is not None and record["status"] != "failed":
            reason = f"{item.error} (the warehouse keeps the version read before; this one is read again next run)"
            return _Outcome(name, "failed", reason, True, doc_id, kept)
        warehouse.set_record(conn, item.document)
        return _Outcome(name, "failed", item.error, item.retry, doc_id, None)

    document = _separate_subject(item.document, overrides)
    dependents = warehouse.superseded_by(conn, name)
    others = [
        other
        for other in warehouse.same_document(conn, document.row(0, named=True))
        if other["same_facts"] or same_subject(document["subject"][0], other["subject"])
    ]
    modified = document["file_modified_at"][0]
    unread = document["unread_parts"][0]
    verdicts = [(other, *decide(name, modified, unread, other, overrides)) for other in others]
    winners = [(other, reason) for other, verdict, reason in verdicts if verdict == "other"]
    outcome = _Outcome(name, document["status"][0], None, False, doc_id, None)
    if winners:
        other, reason = winners[0]
        status = "duplicate" if other["same_facts"] else "superseded"
        why = _why(status, name, other["source_file"], document["subject"][0], reason)
        warehouse.delete_file_rows(conn, name)
        warehouse.set_record(conn, _with(document, fact_rows=0))
        warehouse.mark_superseded(conn, name, status, other["source_file"], why)
        outcome = _Outcome(name, status, why, False, doc_id, None, [(name, status, other["source_file"], why)])
    else:
        for other, verdict, reason in verdicts:
            if verdict != "new":
                continue
            status = "duplicate" if other["same_facts"] else "superseded"
            why = _why(status, other["source_file"], name, document["subject"][0], reason)
            for orphan in warehouse.superseded_by(conn, other["source_file"]):
                warehouse.forget_record(conn, orphan)
                progress(f"{orphan}: will be read again next run (the file that counted instead no longer does)")
            warehouse.mark_superseded(conn, other["source_file"], status, name, why)
            outcome.superseded.append((other["source_file"], status, name, why))
        warehouse.replace_document(conn, document, item.facts)
        outcome.kept_doc_id = doc_id
    for dependent in dependents:
        if not _still_valid(conn, dependent, name, overrides):
            warehouse.forget_record(conn, dependent)
            progress(f"{dependent}: will be read again next run ({name}, which counted instead, changed)")
    return outcome


def _why(status: str, loser: str, winner: str, subject: str | None, reason: str) -> str:
    if status == "duplicate":
        return f"the same facts as {winner}, which counts instead ({reason})"
    return f"{winner} covers the same document ({subject}) and counts instead ({reason})"


def _attempts(outcomes: list[_Outcome], sizes: dict[str, int | None], run_id: str) -> pl.DataFrame:
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {
            "run_id": run_id,
            "attempted_at": now,
            "source_file": o.name,
            "doc_id": o.doc_id,
            "size_bytes": sizes.get(o.name),
            "parser_version": PARSER_VERSION,
            "outcome": o.outcome,
            "reason": o.reason,
            "retry": o.retry,
            "kept_doc_id": o.kept_doc_id,
        }
        for o in outcomes
    ]
    schema: ColumnTypes = {
        "run_id": pl.String,
        "attempted_at": pl.Datetime("us"),
        "source_file": pl.String,
        "doc_id": pl.String,
        "size_bytes": pl.Int64,
        "parser_version": pl.String,
        "outcome": pl.String,
        "reason": pl.String,
        "retry": pl.Boolean,
        "kept_doc_id": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


# DuckDB errors that mean the file could not be written (the disk, not the rows): no per-file
# fallback is tried; the load stops with a storage error.
_STORAGE_ERRORS = (duckdb.IOException, duckdb.FatalException, duckdb.InternalException, duckdb.TransactionException)


def load_files(
    conn: duckdb.DuckDBPyConnection,
    files: list[NormalizedFile],
    progress: Progress = print,
    run_id: str | None = None,
    overrides: list[Override] | None = None,
) -> LoadSummary:
    """Load a run's files, their attempts, checks and the rebuilt dimensions in one transaction,
    after checking that the record and the rows agree. Files are taken oldest first (modification
    time, then name), so that of two files covering the same document the newer counts. Should the
    warehouse refuse one file's rows, the run falls back to one transaction per file, so that file
    is recorded as failed and costs nothing else."""
    run_id = run_id or uuid.uuid4().hex
    overrides = read_document_overrides() if overrides is None else overrides
    ordered = sorted(files, key=lambda f: (f.raw.modified_at or 0.0, f.raw.name))
    sizes = {f.raw.name: f.document["size_bytes"][0] for f in files}
    try:
        with warehouse.transaction(conn):
            outcomes = []
            for index, item in enumerate(ordered):
                outcomes.append(_load_one(conn, item, overrides, progress))
                if index == 0:
                    _fault_pause(progress)
            warehouse.record_attempts(conn, _attempts(outcomes, sizes, run_id))
            dimensions.rebuild_rows(conn)
            warehouse.assert_record_matches_rows(conn)
    except _STORAGE_ERRORS:
        raise
    except duckdb.Error:
        outcomes = []
        for item in ordered:
            try:
                with warehouse.transaction(conn):
                    outcome = _load_one(conn, item, overrides, progress)
                    warehouse.record_attempts(conn, _attempts([outcome], sizes, run_id))
                    warehouse.assert_record_matches_rows(conn)
            except _STORAGE_ERRORS:
                raise
            except duckdb.Error as exc:
                record = warehouse.file_record(conn, item.raw.name)
                kept = record["doc_id"] if record and record["status"] in warehouse.CURRENT else None
                reason = f"{item.raw.name}: the warehouse refused its rows: {_stable(str(exc))}"
                outcome = _Outcome(item.raw.name, "failed", reason, kept is not None, None, kept)
                with warehouse.transaction(conn):
                    if record is None or record["status"] == "failed":
                        failed = item.document.with_columns(
                            pl.lit("failed").alias("status"),
                            pl.lit(reason).alias("error"),
                            pl.lit(0).alias("fact_rows"),
                        )
                        warehouse.set_record(conn, failed)
                    warehouse.record_attempts(conn, _attempts([outcome], sizes, run_id))
            outcomes.append(outcome)
        with warehouse.transaction(conn):
            dimensions.rebuild_rows(conn)
            warehouse.assert_record_matches_rows(conn)
    return _summarise(conn, ordered, outcomes, progress)


def _summarise(conn, files: list[NormalizedFile], outcomes: list[_Outcome], progress: Progress) -> LoadSummary:
    summary = LoadSummary()
    by_name = {o.name: o for o in outcomes}
    for index, item in enumerate(files, start=1):
        prefix = f"[{index}/{len(files)}] {item.raw.name}"
        outcome = by_name[item.raw.name]
        summary.superseded.extend(outcome.superseded)
        for name, status, _by, why in outcome.superseded:
            if name != item.raw.name:
                progress(f"{prefix}: {name} is now {status.upper()}: {why}")
        if outcome.outcome in ("failed", "unreadable"):
            summary.failed.append((item.raw.name, outcome.reason or "failed"))
            progress(f"{prefix}: FAILED: {outcome.reason}")
            continue
        if outcome.outcome in ("superseded", "duplicate"):
            progress(f"{prefix}: {outcome.outcome.upper()}: {outcome.reason}")
            continue
        counts = {table: item.facts[table].height for table in warehouse.FACT_TABLES}
        summary.loaded.append((item.raw.name, counts))
        shown = ", ".join(f"{n} {t}" for t, n in counts.items() if n and t != UNREAD_TABLE)
        failed_checks = warehouse.failed_checks(conn, item.raw.name)
        summary.failed_checks.extend(failed_checks)
        checks = f"; {plural(len(failed_checks), 'check')} failed" if failed_checks else ""
        unread = describe_unread(item.facts[UNREAD_TABLE])
        if unread:
            summary.unread[item.raw.name] = unread
        partial = f"; PARTIAL: {plural(len(unread), 'part')} not read" if unread else ""
        progress(f"{prefix}: loaded {shown or 'no facts'}{partial}{checks}")
    summary.warehouse_rows = warehouse.row_counts(conn)
    summary.violations = warehouse.violations(conn)
    return summary


def remove_hint(name: str, warehouse_path: Path | str | None = None) -> str:
    """The command that removes a file's rows, ready to paste into a shell: quoted, and after
    ``--`` so that a name starting with '-' is not taken for an option."""
    where = f"--warehouse {shlex.quote(str(warehouse_path))} " if warehouse_path is not None else ""
    return f"python -m pipelines remove-file {where}-- {shlex.quote(name)}"


def plural(count: int, noun: str) -> str:
    """'1 table', '2 tables'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


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
    run_id: str | None = None,
) -> LoadSummary:
    """Take the writer lock, load the run in one transaction, close, publish the read-only copy.
    Raises publish.StorageError (one line: the path, the free space needed) when a file cannot be
    written; the warehouse is then as it was, or loaded and not yet published (the next run
    publishes it)."""
    with publish.writer_lock(warehouse_path, wait_s, progress):
        was_published = not publish.needs_publishing(warehouse_path)
        publish.mark_unpublished(warehouse_path)
        try:
            conn = warehouse.connect(warehouse_path)
        except (duckdb.Error, OSError) as exc:
            raise publish.storage_error(warehouse_path, exc, "open the warehouse") from None
        try:
            summary = load_files(conn, files, progress, run_id)
        except _STORAGE_ERRORS + (OSError,) as exc:
            if was_published:  # rolled back: the published copy is still the warehouse's state
                publish.unpublished_marker(warehouse_path).unlink(missing_ok=True)
            raise publish.storage_error(
                warehouse_path,
                exc,
                "load the run into the warehouse",
                _staged_bytes(files),
                "Nothing of this run was loaded: the warehouse is as it was; run again once there is room.",
            ) from None
        finally:
            _close(conn)
        publish.publish(warehouse_path)
    return summary


def publish_if_needed(
    warehouse_path: Path | str, wait_s: float = publish.DEFAULT_WAIT_S, progress: Progress = print
) -> bool:
    """Publish the warehouse when its published copy is missing or older than it (a run that loaded
    but could not publish, e.g. on a full disk). Returns whether it published."""
    if not Path(warehouse_path).exists() or not publish.needs_publishing(warehouse_path):
        return False
    with publish.writer_lock(warehouse_path, wait_s, progress):
        if not publish.needs_publishing(warehouse_path):
            return False
        publish.publish(warehouse_path)
    progress(f"published {publish.published_path(warehouse_path)} (it was older than the warehouse)")
    return True


def _close(conn: duckdb.DuckDBPyConnection) -> None:
    try:
        conn.close()
    except duckdb.Error:
        pass  # the load's own error says what went wrong


def _staged_bytes(files: list[NormalizedFile]) -> int:
    return int(sum(frame.estimated_size() for f in files for frame in f.facts.values()))


def remove_file(warehouse_path: Path | str, source_file: str, wait_s: float = publish.DEFAULT_WAIT_S) -> int:
    """Delete a file's rows and record, rebuild the dimensions, publish; return how many records it
    had (0 or 1). Files that did not count because of it are read again by the next run."""
    with publish.writer_lock(warehouse_path, wait_s):
        publish.mark_unpublished(warehouse_path)
        conn = warehouse.connect(warehouse_path)
        try:
            versions = warehouse.remove_file(conn, source_file)
            if versions:
                with warehouse.transaction(conn):
                    warehouse.record_attempts(
                        conn,
                        _attempts(
                            [
                                _Outcome(
                                    source_file,
                                    "removed",
                                    "removed with python -m pipelines remove-file",
                                    False,
                                    None,
                                    None,
                                )
                            ],
                            {},
                            f"remove-file-{uuid.uuid4().hex}",
                        ),
                    )
            dimensions.rebuild(conn)
        finally:
            conn.close()
        publish.publish(warehouse_path)
    return versions
