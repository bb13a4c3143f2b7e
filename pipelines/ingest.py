"""The pipeline's steps as plain functions: list raw files, extract, normalise, load.

Dagster assets call these; tests call them directly. A file that cannot be read never raises
out of here: it becomes a failed result with a reason, and the other files go on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb
import polars as pl

from pipelines import warehouse
from pipelines.model import DocumentError
from pipelines.normalize import document_frame, normalise
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
        return self.document["status"][0] == "loaded"


@dataclass
class LoadSummary:
    loaded: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warehouse_rows: dict[str, int] = field(default_factory=dict)
    # (source_file, rule, subject, expected, found, difference) of the checks that failed
    failed_checks: list[tuple] = field(default_factory=list)


def list_raw_files(raw_dir: Path) -> list[RawFile]:
    """Every file in ``raw_dir`` (not recursive), sorted by name, with its content hash."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist")
    files = []
    for path in sorted(p for p in raw_dir.iterdir() if p.is_file()):
        if path.name in IGNORED_NAMES or path.name.startswith("."):
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
        facts, warnings = normalise(item.extraction)
    except Exception as exc:
        error = f"{raw.name}: values could not be normalised: {type(exc).__name__}: {exc}"
        return NormalizedFile(raw=raw, document=document_frame(item.extraction, status="failed", error=error, **common))
    document = document_frame(
        item.extraction, status="loaded", warnings=item.extraction.warnings + warnings, **common
    )
    return NormalizedFile(raw=raw, document=document, facts=facts)


def load_files(
    conn: duckdb.DuckDBPyConnection, files: list[NormalizedFile], progress: Progress = print
) -> LoadSummary:
    """Load each file in its own transaction; a file whose load fails is recorded as failed."""
    summary = LoadSummary()
    for index, item in enumerate(files, start=1):
        prefix = f"[{index}/{len(files)}] {item.raw.name}"
        if not item.loaded:
            error = item.document["error"][0]
            warehouse.record_failure(conn, item.document)
            summary.failed.append((item.raw.name, error))
            progress(f"{prefix}: FAILED: {error}")
            continue
        try:
            warehouse.load_document(conn, item.document, item.facts)
        except duckdb.Error as exc:
            error = f"{item.raw.name}: the warehouse refused its rows: {exc}"
            warehouse.record_failure(
                conn, item.document.with_columns(pl.lit("failed").alias("status"), pl.lit(error).alias("error"))
            )
            summary.failed.append((item.raw.name, error))
            progress(f"{prefix}: FAILED: {error}")
            continue
        counts = {table: item.facts[table].height for table in warehouse.FACT_TABLES}
        summary.loaded.append((item.raw.name, counts))
        shown = ", ".join(f"{n} {t}" for t, n in counts.items() if n)
        failed_checks = warehouse.failed_checks(conn, item.raw.name)
        summary.failed_checks.extend(failed_checks)
        checks = f"; {len(failed_checks)} checks failed" if failed_checks else ""
        progress(f"{prefix}: loaded {shown or 'no facts'}{checks}")
    summary.warehouse_rows = warehouse.row_counts(conn)
    return summary
