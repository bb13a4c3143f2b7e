"""Benchmark: the whole PDF ingest against a bare pdfplumber ``extract_tables()`` pass.

    .venv/bin/python scripts/benchmark_pdf.py [--pdf-dir tests/fixtures/pdf] [--big FILE]

Prints, over the same good PDF fixtures (every ``*.pdf`` not named ``bad_*``):

* the bare pass: one process opening each file with pdfplumber and calling
  ``page.extract_tables()`` on every page;
* the whole ingest: the Dagster ``ingest_job`` (extraction in worker processes, normalisation,
  load into a new DuckDB file), run in-process as ``python -m pipelines ingest`` does;

both in pages per second, and their ratio (the goal: the ingest takes no longer than the bare
pass). Then the peak memory of reading the big PDF (500 pages) alone, in a fresh process: the
largest resident set of the calling process and of any worker process (goal: under 1 GiB).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.ingest import LoadSummary

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bare_pass(files: list[Path]) -> tuple[int, float]:
    import pdfplumber

    pages = 0
    start = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
                pages += 1
    return pages, time.perf_counter() - start


def ingest_pass(files: list[Path]) -> tuple[float, LoadSummary]:
    import dagster as dg

    from pipelines.assets import PipelineSettings
    from pipelines.definitions import build_definitions
    from pipelines.readers.pdf import WORKER_POOL

    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for path in files:
            shutil.copy(path, raw / path.name)
        settings = PipelineSettings(raw_dir=str(raw), warehouse_path=str(Path(tmp) / "bench.duckdb"))
        job = build_definitions(settings).resolve_job_def("ingest_job")
        run_config = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
        start = time.perf_counter()
        with dg.DagsterInstance.ephemeral() as instance:
            result = job.execute_in_process(instance=instance, run_config=run_config)
        elapsed = time.perf_counter() - start
        WORKER_POOL.close()
        return elapsed, result.output_for_node("warehouse_tables")


def memory_of(path: Path) -> dict:
    """Run in a fresh process: read one PDF, then report peak resident sets in MiB."""
    from pipelines.readers import read_document
    from pipelines.readers.pdf import WORKER_POOL
    from pipelines.recognise import extract

    start = time.perf_counter()
    document = read_document(path)
    extraction = extract(document)
    elapsed = time.perf_counter() - start
    WORKER_POOL.close()  # workers exit and are waited for, so their peak counts in RUSAGE_CHILDREN
    return {
        "pages": len(document.pages),
        "seconds": round(elapsed, 2),
        "indicator_rows": len(extraction.indicators),
        "main_peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_peak_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdf-dir", type=Path, default=ROOT / "tests" / "fixtures" / "pdf")
    parser.add_argument("--big", type=Path, default=None, help="the big PDF for the memory figure")
    parser.add_argument("--memory-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        print(json.dumps(memory_of(args.memory_of)))
        return 0

    files = sorted(p for p in args.pdf_dir.glob("*.pdf") if not p.name.startswith("bad_"))
    if not files:
        print(f"no PDF fixtures in {args.pdf_dir}", file=sys.stderr)
        return 2
    big = args.big or next((p for p in files if "500" in p.name), None)
    print(f"{len(files)} PDFs in {args.pdf_dir}, {os.cpu_count()} cores")
    for path in files:  # warm the file cache for both passes alike
        path.read_bytes()

    pages, bare = bare_pass(files)
    ingest, summary = ingest_pass(files)
    print(f"bare pdfplumber extract_tables(): {pages} pages in {bare:.2f} s = {pages / bare:.1f} pages/s")
    print(f"whole ingest (Dagster job):      {pages} pages in {ingest:.2f} s = {pages / ingest:.1f} pages/s")
    print(f"ingest / bare time: {ingest / bare:.2f} (goal: at most 1.00)")
    print(f"files loaded {len(summary.loaded)}, failed {len(summary.failed)}")
    for _name, reason in summary.failed:
        print(f"  failed: {reason}")

    if big is not None:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-of", str(big)], capture_output=True, text=True, check=True
        )
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{big.name}: {figures['pages']} pages read in {figures['seconds']} s; peak memory: "
            f"main process {figures['main_peak_mib']} MiB, largest worker {figures['worker_peak_mib']} MiB "
            "(goal: under 1024 MiB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
