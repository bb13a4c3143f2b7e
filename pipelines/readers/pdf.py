"""Reader for PDF files, with pdfplumber, into the same document model as the text reader.

* Ruled tables come from pdfplumber's table finder, as grids whose cells keep their page and
  bounding box. A cell spanned over from the left (a horizontal merge) is dropped, as the text
  form has no cell there; a cell spanned over from above (a vertical merge, 一级指标 over several
  rows) is an empty cell, as in the text form.
* Text outside tables becomes paragraphs in reading order; lines that run to the right margin are
  joined with the next line, and white space between CJK characters is removed.
* A table that goes on at the top of the next page is one table: a repeated heading row is
  dropped, and a row cut in two by the page break is joined back into one row.
* Pages without a text layer (scanned) and pages whose text is ``(cid:…)`` or U+FFFD garbage are
  not read; they are reported as warnings, or as the error when no page can be read.
* Pages are parsed in worker processes, in parallel, under a time limit and a memory limit, so
  one pathological file cannot stall or kill the run.
"""

from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import os
import re
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipelines.model import (
    Cell,
    Document,
    DocumentError,
    Page,
    Paragraph,
    Row,
    Table,
    UnreadPart,
    tidy_cjk,
)

# Limits, overridable with environment variables (seconds, MiB, processes).
TIME_LIMIT_S = float(os.environ.get("PIPELINES_PDF_TIME_LIMIT", "600"))
MEMORY_LIMIT_MB = int(os.environ.get("PIPELINES_PDF_MEMORY_LIMIT_MB", "3072"))
WORKERS = int(os.environ.get("PIPELINES_PDF_WORKERS", str(min(2, os.cpu_count() or 1))))
# Below this many pages one worker parses the whole file: splitting costs more than it saves.
PAGES_PER_WORKER_MIN = 2
# A page whose characters are more than this share of (cid:…) or U+FFFD is garbage.
GARBAGE_SHARE = 0.05

_PAGE_FURNITURE = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页)?(\s*/\s*\d+|\s*共\s*\d+\s*页)?[-—–\s]*$")
_EPS = 1.0


@dataclass
class PageResult:
    number: int
    blocks: list = field(default_factory=list)
    problem: str | None = None  # why the page was not read, the same words for the same cause
    unread: list = field(default_factory=list)  # UnreadParts of a page read in part (OCR: figures withheld)
    warnings: list = field(default_factory=list)  # for dim_document.warnings (OCR: what it was unsure of)


# ---------------------------------------------------------------------------------------------
# In the worker process


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the time limit remains
        pass


def _table_rows(table, number: int) -> list[Row]:
    """Turn a pdfplumber table into rows of the model (see the module docstring for merges)."""
    texts = table.extract(x_tolerance=1.5)
    grid = table.rows
    rows: list[Row] = []
    for r, (group, values) in enumerate(zip(grid, texts)):
        row_top = min(c[1] for c in group.cells if c is not None)
        row_bottom = max(c[3] for c in group.cells if c is not None)
        cells: list[Cell] = []
        for c, (bbox, text) in enumerate(zip(group.cells, values)):
            if bbox is None:
                above = next(
                    (grid[k].cells[c] for k in range(r - 1, -1, -1) if grid[k].cells[c] is not None),
                    None,
                )
                if above is not None and above[3] > row_top + _EPS:
                    # under a cell merged downwards: an empty cell, as in the text form
                    merged = (round(above[0], 2), round(row_top, 2), round(above[2], 2), round(row_bottom, 2))
                    cells.append(Cell(text="", row=len(rows), col=len(cells), page=number, bbox=merged))
                continue
            cells.append(
                Cell(
                    text=tidy_cjk(text or ""),
                    row=len(rows),
                    col=len(cells),
                    page=number,
                    bbox=tuple(round(v, 2) for v in bbox),
                )
            )
        if cells:
            rows.append(Row(cells=tuple(cells), index=len(rows), page=number))
    return rows


def _paragraphs(lines: list[dict], number: int, page_height: float) -> list[tuple[float, Paragraph]]:
    """Text lines → paragraphs: a line that reaches the right margin goes on in the next line."""
    lines = [
        line
        for line in lines
        if not (
            _PAGE_FURNITURE.match(line["text"])
            and (line["top"] < 0.08 * page_height or line["bottom"] > 0.92 * page_height)
        )
    ]
    if not lines:
        return []
    right = max(line["x1"] for line in lines)
    out: list[tuple[float, Paragraph]] = []
    current: list[dict] = []
    for line in lines:
        current.append(line)
        height = line["bottom"] - line["top"]
        if line["x1"] < right - 1.5 * height:
            out.append(_paragraph(current, number))
            current = []
    if current:
        out.append(_paragraph(current, number))
    return out


def _paragraph(lines: list[dict], number: int) -> tuple[float, Paragraph]:
    text = tidy_cjk("".join(line["text"] for line in lines))
    bbox = (
        round(min(line["x0"] for line in lines), 2),
        round(lines[0]["top"], 2),
        round(max(line["x1"] for line in lines), 2),
        round(lines[-1]["bottom"], 2),
    )
    return lines[0]["top"], Paragraph(text=text, page=number, bbox=bbox)


def _open_ends(page) -> tuple[float | None, list[float]]:
    """Ruled cells cut by a page break are often drawn without their border at the page edge,
    so the table finder would not see them. Find the topmost and bottommost ends of the
    vertical rules that no horizontal rule closes; return the open top (if any) and the lines
    that close both ends."""
    vertical = [e for e in page.edges if e["orientation"] == "v"]
    horizontal = [e["top"] for e in page.edges if e["orientation"] == "h"]
    if not vertical:
        return None, []
    top = min(e["top"] for e in vertical)
    bottom = max(e["bottom"] for e in vertical)
    open_top = top if not any(abs(y - top) <= 2 for y in horizontal) else None
    lines = [y for y in (top, bottom) if not any(abs(h - y) <= 2 for h in horizontal)]
    return open_top, lines


def _parse_page(page, number: int) -> PageResult:
    chars = page.chars
    if not chars:
        if page.images:
            from pipelines.readers.ocr import read_scanned_page  # pages without a text layer: OCR

            scanned = read_scanned_page(page, number)
            return PageResult(
                number, blocks=scanned.blocks, problem=scanned.problem, unread=scanned.unread, warnings=scanned.warnings
            )
        return PageResult(number)  # an empty page
    garbage = sum(1 for ch in chars if ch["text"].startswith("(cid:") or "\ufffd" in ch["text"])
    if garbage > GARBAGE_SHARE * len(chars):
        return PageResult(
            number,
            problem="the text does not decode to characters ((cid:…) or U+FFFD: a font without a Unicode map)",
        )
    open_top, closing_lines = _open_ends(page)
    tables = page.find_tables({"explicit_horizontal_lines": closing_lines} if closing_lines else None)
    placed: list[tuple[float, object]] = []
    for table in tables:
        rows = _table_rows(table, number)
        if rows:
            bbox = tuple(round(v, 2) for v in table.bbox)
            continues = open_top is not None and abs(table.bbox[1] - open_top) <= _EPS
            placed.append(
                (table.bbox[1], Table(rows=tuple(rows), page=number, bbox=bbox, first_row_continues=continues))
            )
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    lines = text_page.extract_text_lines(return_chars=False, x_tolerance=1.5)
    placed.extend(_paragraphs(lines, number, float(page.height)))
    placed.sort(key=lambda item: item[0])
    return PageResult(number, blocks=[block for _, block in placed])


def _parse_pages(path: str, first: int, last: int) -> list[PageResult]:
    """Parse pages first..last (1-based, inclusive). Runs in a worker process."""
    import pdfplumber

    results = []
    with pdfplumber.open(path) as pdf:
        for number in range(first, last + 1):
            page = pdf.pages[number - 1]
            try:
                results.append(_parse_page(page, number))
            finally:
                page.close()
    return results


def _count_pages(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


# ---------------------------------------------------------------------------------------------
# In the calling process


class _Workers:
    """Worker processes, made when first needed and made anew after a time-out or a crash."""

    def __init__(self, processes: int = WORKERS, memory_limit_mb: int = MEMORY_LIMIT_MB) -> None:
        self.processes = processes
        self.memory_limit_mb = memory_limit_mb
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self.processes,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_limit_memory,
                    initargs=(self.memory_limit_mb,),
                )
            return self._executor

    def reset(self) -> None:
        """Stop every worker now (a parse over its time limit is killed, not waited for)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            for process in list((getattr(executor, "_processes", None) or {}).values()):
                process.kill()
            executor.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


WORKER_POOL = _Workers()
atexit.register(WORKER_POOL.close)


def _check_bytes(data: bytes, name: str) -> None:
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{name}: not a PDF (no %PDF- header in its first bytes)")
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError(f"{name}: the PDF is truncated (it has no %%EOF end marker)")


def _explain(exc: BaseException, name: str, memory_limit_mb: int) -> str:
    kind = type(exc).__name__
    inner = " ".join(type(a).__name__ for a in getattr(exc, "args", ()) if isinstance(a, BaseException))
    if any(word in f"{kind} {inner} {exc}" for word in ("Password", "Encrypt", "encrypt")):
        return f"{name}: the PDF is encrypted (password protected); it cannot be read"
    if isinstance(exc, MemoryError) or any(
        sign in str(exc) for sign in ("failed to map segment", "Cannot allocate memory")
    ):
        return f"{name}: parsing needed more than the memory limit of {memory_limit_mb} MiB"
    return f"{name}: the PDF could not be parsed: {kind}: {inner or exc}".rstrip(": ")


def parse_pdf_pages(path: Path, time_limit: float = TIME_LIMIT_S, workers: _Workers = WORKER_POOL) -> list[PageResult]:
    """Parse every page of ``path`` in the worker pool, within ``time_limit`` seconds."""
    name = path.name
    deadline = time.monotonic() + time_limit
    executor = workers.executor()
    try:
        pages = executor.submit(_count_pages, str(path)).result(timeout=time_limit)
        chunks = max(1, min(workers.processes, pages // PAGES_PER_WORKER_MIN))
        size = -(-pages // chunks) if pages else 1
        jobs = [
            executor.submit(_parse_pages, str(path), first, min(first + size - 1, pages))
            for first in range(1, pages + 1, size)
        ]
        results: list[PageResult] = []
        for job in jobs:
            results.extend(job.result(timeout=max(0.0, deadline - time.monotonic())))
        return results
    except FutureTimeout:
        workers.reset()
        raise DocumentError(f"{name}: parsing took longer than the time limit of {time_limit:g} s; stopped") from None
    except BrokenProcessPool:
        workers.reset()
        raise DocumentError(
            f"{name}: the parsing process died: it went over the memory limit of "
            f"{workers.memory_limit_mb} MiB, or the PDF library crashed on this file"
        ) from None
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(_explain(exc, name, workers.memory_limit_mb)) from None


def _same_columns(a: Table, b: Table) -> bool:
    """Whether table ``b`` (top of a page) continues table ``a`` (bottom of the page before)."""
    if a.bbox and b.bbox and (abs(a.bbox[0] - b.bbox[0]) > 3 or abs(a.bbox[2] - b.bbox[2]) > 3):
        return False
    return max(len(r) for r in a.rows) == max(len(r) for r in b.rows)


def _is_cut_row(candidate: Row, before: Row, rows: list[Row]) -> bool:
    """A row at the top of a continued table is the rest of the row cut by the page break when
    it has the same cells as the row before the break but leaves empty a column that every other
    row of that width fills (权重, 目标值, …)."""
    if len(candidate) != len(before):
        return False
    peers = [r for r in rows if len(r) == len(candidate) and any(r.values)]
    if len(peers) < 2:
        return False
    always = [i for i in range(len(candidate)) if all(r.values[i] for r in peers)]
    return any(not candidate.values[i] for i in always)


def _is_repeated_heading(row: Row, before: list[Row]) -> bool:
    """A heading row repeated at the top of the page: a row of labels only, equal to the last
    such row before the break, with nothing but rows of its width printed since."""
    values = row.values
    if not any(values) or any(re.search(r"\d", v) for v in values):
        return False
    for index in range(len(before) - 1, -1, -1):
        if before[index].values == values:
            return all(len(r) == len(row) for r in before[index + 1 :])
    return False


def _join_rows(top: Row, rest: Row) -> Row:
    cells = tuple(replace(a, text="\n".join(t for t in (a.text, b.text) if t)) for a, b in zip(top.cells, rest.cells))
    return replace(top, cells=cells)


def _continue_table(table: Table, more: Table) -> Table:
    rows = list(table.rows)
    extra = list(more.rows)
    while extra and _is_repeated_heading(extra[0], rows):
        extra.pop(0)
    cut = more.first_row_continues or (extra and rows and _is_cut_row(extra[0], rows[-1], rows + extra[1:]))
    if extra and rows and cut and len(extra[0]) == len(rows[-1]):
        rows[-1] = _join_rows(rows[-1], extra.pop(0))
    rows.extend(extra)
    reindexed = tuple(
        replace(row, index=i, cells=tuple(replace(c, row=i) for c in row.cells)) for i, row in enumerate(rows)
    )
    return replace(table, rows=reindexed)


def merge_continued_tables(results: list[PageResult]) -> list[Page]:
    """Pages of the model, with tables continued across page breaks joined into one."""
    pages: list[Page] = []
    open_table: tuple[Page, int] | None = None  # the table that ended the page before, if any
    open_until = 0  # the page its last rows are on
    for result in results:
        page = Page(number=result.number, blocks=[])
        for block in result.blocks:
            if (
                isinstance(block, Table)
                and not page.blocks
                and open_table is not None
                and open_until == result.number - 1
                and _same_columns(open_table[0].blocks[open_table[1]], block)
            ):
                holder, index = open_table
                holder.blocks[index] = _continue_table(holder.blocks[index], block)
                open_until = result.number
                continue
            page.blocks.append(block)
            if isinstance(block, Table):
                open_table, open_until = (page, len(page.blocks) - 1), result.number
            else:
                open_table = None  # running text after a table ends it
        pages.append(page)
    return pages


def _pages(numbers: list[int]) -> str:
    """[1, 2, 3, 7] → "pages 1–3, 7"."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(f"{a}–{b}" if a != b else f"{a}" for a, b in spans)
    return f"page {text}" if len(numbers) == 1 else f"pages {text}"


def read_pdf(path: Path, data: bytes | None = None, time_limit: float = TIME_LIMIT_S) -> Document:
    """Read a PDF into a :class:`Document`. Raises DocumentError with a reason."""
    if data is None:
        data = path.read_bytes()
    _check_bytes(data, path.name)
    results = parse_pdf_pages(path, time_limit)
    if not results:
        raise DocumentError(f"{path.name}: the PDF has no pages")
    problems: dict[str, list[int]] = {}
    for result in results:
        if result.problem:
            problems.setdefault(result.problem, []).append(result.number)
    reasons = "; ".join(f"{_pages(numbers)}: {problem}" for problem, numbers in problems.items())
    if sum(len(n) for n in problems.values()) == len(results):
        raise DocumentError(f"{path.name}: no page can be read: {reasons}")
    document = Document(
        doc_id=hashlib.sha256(data).hexdigest(),
        source_file=path.name,
        file_type="pdf",
        pages=merge_continued_tables(results),
    )
    document.unread.extend(
        UnreadPart(part="page", reason=result.problem, source_page=result.number)
        for result in results
        if result.problem
    )
    for result in results:
        document.unread.extend(result.unread)
        document.warnings.extend(result.warnings)
    return document
