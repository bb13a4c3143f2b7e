#!/usr/bin/env python
"""OCR speed and accuracy on the scanned fixtures (tests/fixtures/scanned).

Run from the repository root::

    .venv/bin/python scripts/benchmark_ocr.py              # all scanned fixtures
    .venv/bin/python scripts/benchmark_ocr.py --only standard_tables_wan_scanned

It prints, for every scanned page: the seconds it took in one process (wall and CPU), its dpi and
skew, and how its table cells compare with the text layer of the same page of the source PDF
(equal, withheld as unsure, read differently with a confidence below 0.9 = flagged, read
differently with a confidence of 0.9 or more = silent). Then the totals, and the speed of the
real reader: every fixture read by ``read_document`` in the worker pool (2 processes), in OCR
pages per second. The machine is shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCANNED = ROOT / "tests" / "fixtures" / "scanned"


def compare_page(source_page, scanned_page, number: int, stats: dict, flagged: bool = False) -> str:
    from pipelines.model import Table
    from pipelines.readers.ocr import TRUSTED, read_scanned_page
    from pipelines.readers.ocr.shapes import is_value
    from pipelines.readers.pdf import _parse_page

    truth = _parse_page(source_page, number)
    wall, cpu = time.monotonic(), time.process_time()
    got = read_scanned_page(scanned_page, number)
    wall, cpu = time.monotonic() - wall, time.process_time() - cpu
    stats["pages"] += 1
    stats["wall"] += wall
    stats["cpu"] += cpu
    notes = []
    if got.problem:
        stats["unread_pages"] += 1
        return f"{wall:6.1f} s wall {cpu:6.1f} s cpu  NOT READ: {got.problem}"
    a = [b for b in truth.blocks if isinstance(b, Table)]
    b = [b for b in got.blocks if isinstance(b, Table)]
    shapes_a = [[len(r.cells) for r in t.rows] for t in a]
    shapes_b = [[len(r.cells) for r in t.rows] for t in b]
    if shapes_a != shapes_b:
        stats["grid_differs"] += 1
        notes.append("grid differs from the text layer")
    else:
        for ta, tb in zip(a, b):
            for ra, rb in zip(ta.rows, tb.rows):
                for ca, cb in zip(ra.cells, rb.cells):
                    if not (ca.value or cb.value):
                        continue
                    kind = "values" if is_value(ca.value) else "text"
                    stats[f"{kind}"] += 1
                    if ca.value == cb.value:
                        stats[f"{kind}_equal"] += 1
                    elif kind == "values" and cb.value == "":
                        stats["values_withheld"] += 1
                    elif (cb.confidence or 0) < TRUSTED:
                        stats[f"{kind}_flagged"] += 1
                        if flagged:
                            notes.append(f"flagged: {ca.value!r} read as {cb.value!r} ({cb.confidence:.2f})")
                    else:
                        stats[f"{kind}_silent"] += 1
                        notes.append(f"silent: {ca.value!r} read as {cb.value!r} ({cb.confidence:.2f})")
    return f"{wall:6.1f} s wall {cpu:6.1f} s cpu  {got.dpi} dpi, skew {got.skew:+.2f}°, {got.lines_read} lines" + (
        "; " + "; ".join(notes) if notes else ""
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="fixture name (repeatable)")
    parser.add_argument("--no-pool", action="store_true", help="skip the worker-pool pass")
    parser.add_argument("--flagged", action="store_true", help="also list the cells misread and flagged")
    args = parser.parse_args(argv)
    os.environ.setdefault("PIPELINES_OCR_PROGRESS", "0")
    import pdfplumber

    from pipelines.readers.ocr import available
    from pipelines.readers.ocr.engine import fast_recogniser, model_path

    missing = available()
    if missing:
        print(f"error: {missing}", file=sys.stderr)
        return 1
    manifest = json.loads((SCANNED / "manifest.json").read_text(encoding="utf-8"))
    names = [n for n in manifest if not args.only or n in args.only]
    fast = fast_recogniser()
    first = f"{fast.model} ({fast.path})" if fast else "none (PIPELINES_OCR_FAST=off or not installed)"
    print(f"model: {model_path().name}; fast model for the first reading of short lines: {first}")
    print(f"cores: {os.cpu_count()}; load average at start: {os.getloadavg()[0]:.2f}")
    keys = ["pages", "wall", "cpu", "unread_pages", "grid_differs"]
    keys += [f"{k}{s}" for k in ("values", "text") for s in ("", "_equal", "_flagged", "_silent")]
    stats: dict[str, float] = dict.fromkeys([*keys, "values_withheld"], 0)
    stats["wall"] = stats["cpu"] = 0.0
    for name in names:
        made = manifest[name]
        with pdfplumber.open(ROOT / made["source"]) as source, pdfplumber.open(SCANNED / f"{name}.pdf") as scan:
            for page in made["scanned"]:
                n = page["page"]
                line = compare_page(source.pages[n - 1], scan.pages[n - 1], n, stats, args.flagged)
                print(
                    f"{name} p{n} ({page['dpi']} dpi, {page['angle']:+.2f}°{', seal' if page['stamp'] else ''}): {line}"
                )
    pages = stats["pages"]
    print()
    print(f"one process: {pages} scanned pages in {stats['wall']:.1f} s wall, {stats['cpu']:.1f} s CPU")
    print(f"  = {stats['wall'] / pages:.2f} s wall and {stats['cpu'] / pages:.2f} s CPU per page (model loaded once)")
    for kind, label in (("values", "cells with a value (figures, targets, codes)"), ("text", "text cells")):
        total = stats[kind] or 1
        line = (
            f"{label}: {stats[kind]}; equal {stats[kind + '_equal']} ({stats[kind + '_equal'] / total:.1%})"
            + (f"; withheld {stats['values_withheld']}" if kind == "values" else "")
            + f"; misread and flagged (confidence < 0.9) {stats[kind + '_flagged']}"
            + f"; misread silently {stats[kind + '_silent']}"
        )
        print(line)
    print(
        f"pages not read: {stats['unread_pages']}; "
        f"pages whose grid differs from the text layer: {stats['grid_differs']}"
    )
    if args.no_pool:
        return 0
    from pipelines.readers import read_document
    from pipelines.readers.pdf import WORKERS

    ocr_pages = sum(len(manifest[n]["scanned"]) for n in names)
    all_pages = sum(manifest[n]["pages"] for n in names)
    read_document(ROOT / manifest[names[0]]["source"])  # start the pool
    started = time.monotonic()
    for name in names:
        begun = time.monotonic()
        read_document(SCANNED / f"{name}.pdf")
        took = time.monotonic() - begun
        scanned = len(manifest[name]["scanned"])
        print(
            f"  {name}: {manifest[name]['pages']} pages of which {scanned} scanned, {took:.1f} s "
            f"({took / scanned:.2f} s a scanned page, text-layer pages included)"
        )
    elapsed = time.monotonic() - started
    print(
        f"worker pool ({WORKERS} processes): {len(names)} files, {all_pages} pages of which {ocr_pages} scanned, "
        f"read in {elapsed:.1f} s = {ocr_pages / elapsed:.2f} scanned pages/s ({elapsed / ocr_pages:.2f} s a page, "
        f"text-layer pages included); load average now {os.getloadavg()[0]:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
