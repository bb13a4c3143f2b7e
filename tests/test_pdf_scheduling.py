"""The PDF worker pool's scheduling: pages go to the workers one by one (each worker opens a file
once), two files may parse at once in one pool, and neither changes what is read; a file stopped
at its time limit costs the file parsing beside it nothing; progress comes page by page."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from pipelines.readers.pdf import PageResult, RunLimitError, _parse_page, _Workers, parse_pdf
from tests.conftest import FIXTURES

PDF = FIXTURES / "pdf"
SMALL = PDF / "seed000_reportlab_portrait.pdf"  # 3 pages
TABLES = PDF / "table_row_split_across_pages_libreoffice.pdf"  # a table over pages
LONGER = PDF / "seed004_reportlab_landscape.pdf"  # 39 pages: still parsing when 2 s are up
BIG = PDF / "big_500_pages.pdf"


def _in_process(path) -> list[PageResult]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [_parse_page(page, number) for number, page in enumerate(pdf.pages, start=1)]


def test_two_files_parsed_at_once_read_as_each_parsed_alone_in_this_process():
    workers = _Workers(processes=2)
    try:
        with ThreadPoolExecutor(2) as threads:
            small, tables = threads.map(
                lambda path: parse_pdf(path.read_bytes(), path.name, 300, workers).pages, [SMALL, TABLES]
            )
    finally:
        workers.close()
    assert [p.number for p in tables] == list(range(1, len(tables) + 1))  # in page order
    assert small == _in_process(SMALL)
    assert tables == _in_process(TABLES)


def test_a_file_stopped_at_its_time_limit_costs_the_file_beside_it_nothing():
    workers = _Workers(processes=2)
    started = threading.Event()

    def parse(path, limit):
        report = lambda *_: started.set()  # noqa: E731
        return parse_pdf(path.read_bytes(), path.name, limit, workers, report).pages

    try:
        with ThreadPoolExecutor(2) as threads:
            beside = threads.submit(parse, LONGER, 300)
            assert started.wait(120)  # its pages are in the workers
            big = threads.submit(parse, BIG, 2.0)  # 500 pages take far longer than 2 s
            with pytest.raises(RunLimitError, match="took longer than the time limit of 2 s"):
                big.result()
            assert not beside.done()  # it was parsing when the pool was stopped
            pages = beside.result()
    finally:
        workers.close()
    assert pages == _in_process(LONGER)


def test_progress_comes_after_each_page():
    seen: list[tuple[str, int, int, int]] = []
    workers = _Workers(processes=2)
    try:
        parse_pdf(
            SMALL.read_bytes(),
            SMALL.name,
            120,
            workers,
            lambda name, done, total, page: seen.append((name, done, total, page.number)),
        )
    finally:
        workers.close()
    assert [(name, done, total) for name, done, total, _ in seen] == [(SMALL.name, n, 3) for n in (1, 2, 3)]
    assert sorted(number for *_, number in seen) == [1, 2, 3]


def test_a_worker_keeps_each_file_open_while_two_files_take_turns(tmp_path):
    """Two files parsing at once send their pages to a worker in turns: each file is opened once
    (it had been opened again at every turn, its page tree parsed anew, which made a whole ingest
    take twice the CPU of reading its pages), and a new file staged under a removed one's name is
    opened anew, never answered from the file that was there before."""
    import shutil

    from pipelines.readers import pdf as reader

    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    shutil.copy(SMALL, first)
    shutil.copy(TABLES, second)
    try:
        a = reader._open_pdf(str(first))
        b = reader._open_pdf(str(second))
        assert reader._open_pdf(str(first)) is a
        assert reader._open_pdf(str(second)) is b
        assert reader._parse_one(str(first), 1) == _in_process(SMALL)[0]
        assert reader._parse_one(str(second), 2) == _in_process(TABLES)[1]
        first.unlink()
        shutil.copy(LONGER, first)  # another file under the same name
        assert reader._open_pdf(str(first)) is not a
        assert len(reader._open_pdf(str(first)).pages) == len(_in_process(LONGER)) != len(_in_process(SMALL))
        for name in "cdef":  # the least recently used file is closed beyond _OPEN_FILES
            path = tmp_path / f"{name}.pdf"
            shutil.copy(SMALL, path)
            reader._open_pdf(str(path))
        assert len(reader._OPEN) == reader._OPEN_FILES
        assert reader._open_pdf(str(second)) is not b
    finally:
        reader._close_pdf()
    assert not reader._OPEN
