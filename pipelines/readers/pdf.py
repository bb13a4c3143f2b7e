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
import gc
import hashlib
import io
import multiprocessing
import os
import re
import threading
import time
import traceback
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
# In the calling process: the worker pool, its limits, and the reasons a PDF cannot be read


class RunLimitError(DocumentError):
    """The file could not be read within this run's limits (time, memory), or its parsing process
    was killed: the next run tries it again."""


class _WorkerError(Exception):
    """What went wrong in a worker, as a kind the caller explains (never the text of an exception)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind  # 'limit_not_set', 'memory', 'encrypted', 'damaged', 'other'
        self.detail = detail


class _Workers:
    """Worker processes, made when first needed and made anew after a time-out or a crash. Each
    worker imports the PDF libraries, then limits its address space to ``memory_limit_mb`` (so the
    limit applies to parsing, never to an import) and ends itself when the process that made it
    ends."""

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
                    initargs=(self.memory_limit_mb, os.getpid()),
                )
            return self._executor

    def pids(self) -> list[int]:
        """The ids of the worker processes running now."""
        with self._lock:
            executor = self._executor
        processes = (getattr(executor, "_processes", None) or {}) if executor else {}
        return [p.pid for p in list(processes.values()) if p.pid is not None and p.is_alive()]

    def exit_codes(self) -> list[int]:
        """Exit codes of worker processes that have ended (negative: killed by that signal)."""
        with self._lock:
            executor = self._executor
        processes = list(((getattr(executor, "_processes", None) or {}) if executor else {}).values())
        for process in processes:
            process.join(timeout=2)  # a process that just died has its exit code once reaped
        return [p.exitcode for p in processes if p.exitcode is not None]

    def reset(self) -> None:
        """Stop every worker now: a parse over its time limit is killed, not waited for."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        for process in processes:
            if process.is_alive():
                process.kill()
        executor.shutdown(wait=True, cancel_futures=True)
        for process in processes:
            process.join(timeout=5)

    close = reset  # on every way out, the workers go at once (no parse is waited for)


WORKER_POOL = _Workers()
atexit.register(WORKER_POOL.close)

_MIB = 1024 * 1024
# Set in a worker whose memory limit could not be set: every job there refuses to run.
_LIMIT_PROBLEM: str | None = None
_LIMIT_BYTES: int | None = None
# Memory a worker keeps aside under its limit and gives back when a parse fails, so that it can
# still classify the failure and send the reason back.
_RESERVE_BYTES = 4 * _MIB
_RESERVE: bytearray | None = None


def _die_with_parent(parent: int) -> None:
    """A worker ends itself within a second of the process that made it (``parent``) ending,
    however that ended (a kill included), also when that happened while the worker was starting:
    a watchdog thread sees the worker's parent is not ``parent`` any more."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _limit_memory(megabytes: int, parent: int | None = None) -> None:
    """Worker initializer: import what parsing needs, then limit the address space. A limit that
    cannot be set is remembered, and every job of this worker then refuses to parse without it."""
    global _LIMIT_PROBLEM, _LIMIT_BYTES
    import logging

    import pdfplumber  # noqa: F401  (imported before the limit: an import never fails by it)
    import pypdf  # noqa: F401

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _die_with_parent(os.getppid() if parent is None else parent)
    try:
        import resource

        limit = megabytes * _MIB
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        if resource.getrlimit(resource.RLIMIT_AS)[0] != limit:
            raise OSError(f"the limit reads back as {resource.getrlimit(resource.RLIMIT_AS)[0]}")
        _LIMIT_BYTES = limit
        global _RESERVE
        _RESERVE = bytearray(_RESERVE_BYTES)  # room to report an out-of-memory failure in
    except (ImportError, ValueError, OSError) as exc:
        _LIMIT_PROBLEM = f"{type(exc).__name__}: {_stable(str(exc))}"


def _vm_peak_bytes() -> int | None:
    """The most address space this process has had (Linux /proc), or None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def _worker_vm_mb() -> float:
    """A worker's address space now, in MiB (for tests that set a limit just above it)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) / 1024
    raise OSError("no VmSize in /proc/self/status")


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, its causes and contexts, and exceptions it carries as arguments."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo:
        current = todo.pop()
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        todo.extend([current.__cause__, current.__context__])  # type: ignore[list-item]
        todo.extend(a for a in getattr(current, "args", ()) if isinstance(a, BaseException))
    return seen


def _classify(exc: BaseException) -> _WorkerError:
    """The kind of a worker's failure, by the types of its exceptions and by the memory it used."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFNoValidXRef, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    chain = _chain(exc)
    peak = _vm_peak_bytes()
    near_limit = _LIMIT_BYTES is not None and peak is not None and peak >= 0.9 * _LIMIT_BYTES
    if any(isinstance(e, MemoryError) for e in chain) or (
        near_limit and any(isinstance(e, SystemError) for e in chain)
    ):
        return _WorkerError("memory")
    if any(isinstance(e, PDFPasswordIncorrect | PDFEncryptionError | FileNotDecryptedError) for e in chain):
        return _WorkerError("encrypted")
    structural = [e for e in chain if isinstance(e, PDFSyntaxError | PDFNoValidXRef | PSException | PdfReadError)]
    if structural:
        return _WorkerError("damaged", f"{type(structural[-1]).__name__}: {_stable(str(structural[-1]))}")
    if near_limit:
        return _WorkerError("memory")
    return _WorkerError("other", f"{type(exc).__name__}: {_stable(str(exc))}")


_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


def _stable(text: str, limit: int = 160) -> str:
    """An exception's text without what changes from run to run (memory addresses), one line, short."""
    flat = " ".join(_ADDRESS.sub("0x…", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _job(kind: str, data: bytes, first: int = 0, last: int = 0):
    """One piece of work in a worker: 'count' the pages, parse 'pages' first..last, or 'repair' the
    file's structure. Every failure is raised as a _WorkerError of a known kind."""
    if _LIMIT_PROBLEM is not None:
        raise _WorkerError("limit_not_set", _LIMIT_PROBLEM)
    try:
        if kind == "count":
            import pdfplumber

            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return len(pdf.pages)
        if kind == "pages":
            return _parse_pages(io.BytesIO(data), first, last)  # type: ignore[arg-type]
        if kind == "repair":
            return _repair(data)
        raise ValueError(f"unknown job {kind}")
    except _WorkerError:
        raise
    except BaseException as exc:  # noqa: BLE001  (classified, then raised as a known kind)
        _free_after_failure(exc)
        raise _classify(exc) from None


def _free_after_failure(exc: BaseException) -> None:
    """Give back what a failed parse held, so that the worker can still say why it failed: the
    frames of the traceback (the parse's pages and objects) and the reserve kept for this."""
    global _RESERVE
    _RESERVE = None
    for error in _chain(exc):
        if error.__traceback__ is not None:
            traceback.clear_frames(error.__traceback__)
    gc.collect()


def _repair(data: bytes) -> bytes:
    """Rebuild a PDF whose cross-reference table is damaged: pypdf reads the objects where they
    are and writes the file anew. Raises _WorkerError('damaged') when it finds no page."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise _WorkerError("encrypted")
    if len(reader.pages) == 0:
        raise _WorkerError("damaged", "no page could be found in it")
    writer = pypdf.PdfWriter(clone_from=reader)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _check_bytes(data: bytes, name: str) -> None:
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{name}: not a PDF (no %PDF- header in its first bytes)")
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError(f"{name}: the PDF is truncated (it has no %%EOF end marker)")


def _explain(error: _WorkerError, name: str, memory_limit_mb: int) -> DocumentError:
    """The reason a person reads, the same words for the same cause in every run."""
    if error.kind == "memory":
        return RunLimitError(
            f"{name}: parsing needed more than the memory limit of {memory_limit_mb} MiB "
            "(PIPELINES_PDF_MEMORY_LIMIT_MB); stopped"
        )
    if error.kind == "limit_not_set":
        return RunLimitError(
            f"{name}: the memory limit of {memory_limit_mb} MiB could not be set in the parsing process "
            f"({error.detail}); the PDF is not parsed without it"
        )
    if error.kind == "encrypted":
        return DocumentError(f"{name}: the PDF is encrypted (password protected); it cannot be read")
    if error.kind == "damaged":
        return DocumentError(f"{name}: the PDF is damaged and could not be repaired ({error.detail})")
    return DocumentError(f"{name}: the PDF could not be parsed: {error.detail}")


def _died(workers: _Workers, name: str) -> DocumentError:
    """The reason when a parsing process died, from its exit code."""
    import signal

    codes = [c for c in workers.exit_codes() if c != 0]
    code = codes[0] if codes else None
    if code is not None and code < 0:
        number = -code
        try:
            signame = signal.Signals(number).name
        except ValueError:
            signame = f"signal {number}"
        if number == signal.SIGKILL:
            return RunLimitError(
                f"{name}: the parsing process was killed ({signame}): the system ran out of memory, "
                "or it was stopped from outside; the next run tries again"
            )
        return DocumentError(f"{name}: the parsing process crashed ({signame}): the PDF library fails on this file")
    return RunLimitError(f"{name}: the parsing process ended unexpectedly (exit code {code}); the next run tries again")


@dataclass
class ParsedPdf:
    pages: list[PageResult]
    repaired: bool = False  # the structure was damaged and rebuilt before parsing


def _run_jobs(data: bytes, name: str, deadline: float, time_limit: float, workers: _Workers) -> list[PageResult]:
    executor = workers.executor()
    pages = executor.submit(_job, "count", data).result(timeout=max(0.0, deadline - time.monotonic()))
    if pages == 0:
        return []
    chunks = max(1, min(workers.processes, pages // PAGES_PER_WORKER_MIN))
    size = -(-pages // chunks)
    jobs = [
        executor.submit(_job, "pages", data, first, min(first + size - 1, pages)) for first in range(1, pages + 1, size)
    ]
    results: list[PageResult] = []
    for job in jobs:
        results.extend(job.result(timeout=max(0.0, deadline - time.monotonic())))
    return results


def parse_pdf(data: bytes, name: str, time_limit: float | None = None, workers: _Workers | None = None) -> ParsedPdf:
    """Parse every page of a PDF's bytes in the worker pool (WORKER_POOL unless given), within
    ``time_limit`` seconds in all (TIME_LIMIT_S unless given). A PDF whose structure is damaged
    (broken cross-reference table) or that shows no page is repaired with pypdf and parsed again.
    Raises DocumentError (RunLimitError for a limit)."""
    time_limit = TIME_LIMIT_S if time_limit is None else time_limit
    workers = WORKER_POOL if workers is None else workers
    deadline = time.monotonic() + time_limit
    try:
        try:
            results = _run_jobs(data, name, deadline, time_limit, workers)
            if results:
                return ParsedPdf(results)
        except _WorkerError as error:
            if error.kind != "damaged":
                raise
        repaired = workers.executor().submit(_job, "repair", data).result(timeout=max(0.0, deadline - time.monotonic()))
        results = _run_jobs(repaired, name, deadline, time_limit, workers)
        return ParsedPdf(results, repaired=True)
    except FutureTimeout:
        workers.reset()
        raise RunLimitError(
            f"{name}: parsing took longer than the time limit of {time_limit:g} s (PIPELINES_PDF_TIME_LIMIT); stopped"
        ) from None
    except BrokenProcessPool:
        reason = _died(workers, name)
        workers.reset()
        raise reason from None
    except _WorkerError as error:
        if error.kind in ("memory", "limit_not_set"):
            workers.reset()  # a worker that ran out of memory is not trusted with the next file
        raise _explain(error, name, workers.memory_limit_mb) from None


def parse_pdf_pages(
    path: Path | bytes, time_limit: float | None = None, workers: _Workers | None = None
) -> list[PageResult]:
    """Parse every page of a PDF (a path, read once, or its bytes) in the worker pool."""
    if isinstance(path, bytes):
        data, name = path, "the PDF"
    else:
        data, name = path.read_bytes(), path.name
    return parse_pdf(data, name, time_limit, workers).pages


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


def read_pdf(path: Path, data: bytes | None = None, time_limit: float | None = None) -> Document:
    """Read a PDF into a :class:`Document`, from ``data`` (the file's bytes, read once by the
    caller; the workers parse these same bytes). Raises DocumentError with a reason."""
    if data is None:
        data = path.read_bytes()
    _check_bytes(data, path.name)
    parsed = parse_pdf(data, path.name, time_limit)
    results = parsed.pages
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
    if parsed.repaired:
        document.warnings.append(
            f"{path.name}: the PDF's structure (cross-reference table) is damaged; it was repaired with pypdf "
            f"and all {len(results)} pages read"
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
