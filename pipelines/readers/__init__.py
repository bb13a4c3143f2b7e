"""Readers turn a file into the shared document model. One reader per input format."""

from __future__ import annotations

from pathlib import Path

from pipelines.model import Document, DocumentError
from pipelines.readers.excel import EXCEL_SUFFIXES, read_excel
from pipelines.readers.pdf import read_pdf
from pipelines.readers.text import read_text

TEXT_SUFFIXES = {".txt", ".text"}


def file_type_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == ".pdf":
        return "pdf"
    if suffix in EXCEL_SUFFIXES:
        return "excel"
    return "unknown"


def read_document(path: Path, data: bytes | None = None) -> Document:
    """Read any supported file. Raises DocumentError naming the file and the reason."""
    kind = file_type_of(path)
    if data is None:
        data = path.read_bytes()
    if kind == "text":
        return read_text(path, data)
    if kind == "pdf":
        return read_pdf(path, data)
    if kind == "excel":
        return read_excel(path, data)
    raise DocumentError(
        f"{path.name}: unsupported file type {path.suffix or '(no extension)'}; expected .txt, .pdf, .xlsx or .xls"
    )
