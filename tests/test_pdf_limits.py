"""The PDF reader's limits: a parse over its time limit is killed at the limit, a parse that needs
more memory than its limit stops with that reason (and the same parse succeeds under a limit that
suffices), a limit that cannot be set is never silently missing, and every reason reads the same
in every run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from pipelines.readers.pdf import RunLimitError, _worker_vm_mb, _Workers, parse_pdf, parse_pdf_pages
from tests.conftest import FIXTURES, ROOT
from tests.pdf_maker import bomb

PDF = FIXTURES / "pdf"
SMALL = PDF / "seed000_reportlab_portrait.pdf"
BIG = PDF / "big_500_pages.pdf"  # 500 pages: its parse takes far longer than a second


def test_a_parse_over_its_time_limit_is_killed_at_the_limit_and_the_pool_recovers():
    workers = _Workers(processes=2)
    try:
        assert len(parse_pdf_pages(SMALL, time_limit=120, workers=workers)) == 3  # the pool is up
        before = workers.pids()
        assert before, "the pool has workers before the slow parse"
        limit = 1.0
        start = time.monotonic()
        with pytest.raises(RunLimitError, match=r"took longer than the time limit of 1 s"):
            parse_pdf_pages(BIG, time_limit=limit, workers=workers)
        elapsed = time.monotonic() - start
        # stopped at the limit (the 500-page parse itself takes over 10 s), not when it finished
        assert limit <= elapsed < limit + 4.0, elapsed
        assert not set(before) & set(workers.pids())  # the workers that ran it were killed
        assert len(parse_pdf_pages(SMALL, time_limit=120, workers=workers)) == 3  # new workers
    finally:
        workers.close()


def _baseline_mb() -> float:
    """A worker's address space once it has imported what parsing needs, in MiB."""
    workers = _Workers(processes=1, memory_limit_mb=1 << 20)
    try:
        return workers.executor().submit(_worker_vm_mb).result(timeout=120)
    finally:
        workers.close()


def test_a_parse_that_needs_more_memory_stops_with_that_reason_and_a_parse_within_it_succeeds():
    # A page whose content stream is 65 KiB packed and 64 MiB inflated needs 64 MiB more than the
    # limit allows; a real 3-page PDF parses within the same limit. So the reason is the parse's
    # need, not a worker that cannot start or import its libraries under the limit.
    baseline = _baseline_mb()
    limit = int(baseline) + 24
    data = bomb(64)
    workers = _Workers(processes=1, memory_limit_mb=limit)
    try:
        assert len(parse_pdf_pages(SMALL, time_limit=120, workers=workers)) == 3
        reasons = []
        for _ in range(2):
            start = time.monotonic()
            with pytest.raises(RunLimitError) as error:
                parse_pdf(data, "bomb.pdf", time_limit=120, workers=workers)
            assert time.monotonic() - start < 60  # stopped by the memory limit, not the time limit
            reasons.append(str(error.value))
        assert len(parse_pdf_pages(SMALL, time_limit=120, workers=workers)) == 3  # the pool recovers
    finally:
        workers.close()
    assert reasons[0] == (
        f"bomb.pdf: parsing needed more than the memory limit of {limit} MiB (PIPELINES_PDF_MEMORY_LIMIT_MB); stopped"
    )
    assert reasons[1] == reasons[0]  # the same words in every run: no addresses, no exception text


def test_a_memory_limit_that_cannot_be_set_stops_the_parse_with_that_reason():
    # A process whose hard limit is below the limit asked for cannot set it: its workers must
    # refuse to parse, not parse without a limit.
    script = textwrap.dedent(
        f"""
        import resource, sys
        hard = 8 * 1024 ** 3
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        from pathlib import Path
        from pipelines.readers.pdf import _Workers, parse_pdf_pages
        from pipelines.model import DocumentError
        workers = _Workers(processes=1, memory_limit_mb=16 * 1024)
        try:
            parse_pdf_pages(Path({str(SMALL)!r}), time_limit=120, workers=workers)
        except DocumentError as exc:
            print(exc)
            sys.exit(0)
        finally:
            workers.close()
        print("parsed without its memory limit")
        sys.exit(1)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the memory limit of 16384 MiB could not be set in the parsing process" in result.stdout
    assert "not parsed without it" in result.stdout
