"""Benchmark: the whole PDF ingest against a bare pdfplumber ``extract_tables()`` pass.

    .venv/bin/python scripts/benchmark_pdf.py [--pdf-dir DIR ...] [--runs 3] [--big FILE] [--no-memory]

Over the same PDFs (every ``*.pdf`` of the folders not named ``bad_*``; by default the PDF
fixtures of ``tests/fixtures/pdf``), each as a process of its own, timed from start to exit:

* **bare**: one process opening each file with pdfplumber and calling ``page.extract_tables()``
  on every page, one page after the other (the issue's baseline);
* **ingest**: ``python -m pipelines ingest`` into a new warehouse, as a person runs it (Dagster
  job, PDF workers, recognition, normalisation, load, publishing, checks, report), with its own
  Dagster instance in a temporary folder;
* **rerun**: the same command again, with nothing new to read.

Runs are paired (bare then ingest, then ingest then bare, alternating) so that the load of other
jobs on the machine hits both alike; the medians of ``--runs`` pairs are reported: wall time and
CPU time (user + system, the processes' children included), their ratios (goals: wall at most
0.5, CPU at most 1.1 of the bare pass) and the rerun's wall time (goal: under 3 s). The load
average before and after is printed: on a busy machine the wall figures say little.

Then the peak memory of reading the big PDF (500 pages) alone, in a fresh process: the largest
resident set of the calling process and of any worker process (goal: under 1 GiB).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = """
import sys, pdfplumber
pages = 0
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
            pages += 1
print(pages)
"""


def timed(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Run ``command`` to its end: (wall seconds, CPU seconds of it and its children, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} … failed ({done.returncode}):\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def bare_pass(files: list[Path]) -> tuple[float, float, int]:
    wall, cpu, out = timed([sys.executable, "-c", BARE, *map(str, files)])
    return wall, cpu, int(out.strip().splitlines()[-1])


def ingest_pass(files: list[Path]) -> tuple[float, float, float, str]:
    """(wall, CPU) of a first ingest of ``files`` into a new warehouse, the wall time of the rerun
    with nothing new, and the first run's summary."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for path in files:
            shutil.copy(path, raw / path.name)
        env = {**os.environ, "DAGSTER_HOME": str(Path(tmp) / "dagster")}
        command = [
            sys.executable,
            "-m",
            "pipelines",
            "ingest",
            "--raw-dir",
            str(raw),
            "--warehouse",
            str(Path(tmp) / "warehouse" / "budget.duckdb"),
        ]
        wall, cpu, out = timed(command, env)
        rerun, _, again = timed(command, env)
        if f"unchanged (read before, skipped): {len(files)}" not in again:
            raise SystemExit(f"the rerun read files again:\n{again[-2000:]}")
        return wall, cpu, rerun, out


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


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdf-dir", type=Path, action="append", help="a folder of PDFs (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="paired runs (median reported; at least 3)")
    parser.add_argument("--big", type=Path, default=None, help="the big PDF for the memory figure")
    parser.add_argument("--no-memory", action="store_true", help="leave out the memory figure")
    parser.add_argument("--memory-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        print(json.dumps(memory_of(args.memory_of)))
        return 0

    folders = args.pdf_dir or [ROOT / "tests" / "fixtures" / "pdf"]
    files = sorted(p for folder in folders for p in folder.glob("*.pdf") if not p.name.startswith("bad_"))
    if not files:
        print(f"no PDFs in {', '.join(map(str, folders))}", file=sys.stderr)
        return 2
    names = [p.name for p in files]
    if len(set(names)) != len(names):
        print("two PDFs share a name; the ingest reads one folder", file=sys.stderr)
        return 2
    print(f"{len(files)} PDFs in {', '.join(str(f) for f in folders)}; {os.cpu_count()} cores; load {_load()}")
    for path in files:  # warm the file cache for both passes alike
        path.read_bytes()

    bare_walls, bare_cpus, walls, cpus, reruns = [], [], [], [], []
    pages = 0
    summary = ""
    for run in range(max(1, args.runs)):
        order = ("bare", "ingest") if run % 2 == 0 else ("ingest", "bare")
        for which in order:
            if which == "bare":
                wall, cpu, pages = bare_pass(files)
                bare_walls.append(wall)
                bare_cpus.append(cpu)
            else:
                wall, cpu, rerun, summary = ingest_pass(files)
                walls.append(wall)
                cpus.append(cpu)
                reruns.append(rerun)
        print(
            f"  pair {run + 1}: bare {bare_walls[-1]:.2f} s wall, {bare_cpus[-1]:.2f} s CPU; ingest {walls[-1]:.2f} s "
            f"wall, {cpus[-1]:.2f} s CPU (ratios {walls[-1] / bare_walls[-1]:.2f}, {cpus[-1] / bare_cpus[-1]:.2f}); "
            f"rerun {reruns[-1]:.2f} s; load {_load()}",
            flush=True,
        )

    med = statistics.median
    bw, bc, iw, ic = med(bare_walls), med(bare_cpus), med(walls), med(cpus)
    print(f"median of {len(walls)} paired runs, {pages} pages:")
    print(f"bare pdfplumber extract_tables(): {bw:.2f} s wall, {bc:.2f} s CPU = {pages / bw:.1f} pages/s")
    print(f"whole ingest (python -m pipelines ingest): {iw:.2f} s wall, {ic:.2f} s CPU = {pages / iw:.1f} pages/s")
    print(f"ingest / bare: wall {iw / bw:.2f} (goal: at most 0.50), CPU {ic / bc:.2f} (goal: at most 1.10)")
    # the ratio of each pair, whose two runs met the same load, then their median
    wall_ratio = med(w / b for w, b in zip(walls, bare_walls))
    cpu_ratio = med(c / b for c, b in zip(cpus, bare_cpus))
    print(f"median of the paired ratios: wall {wall_ratio:.2f}, CPU {cpu_ratio:.2f}")
    print(f"rerun with nothing new: {med(reruns):.2f} s wall (goal: under 3 s)")
    loaded = next((line for line in summary.splitlines() if line.startswith("Files loaded")), "")
    print(f"first run: {loaded}; load average now {_load()}")

    big = args.big or next((p for p in files if "500" in p.name), None)
    if big is not None and not args.no_memory:
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
