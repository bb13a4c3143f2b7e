#!/usr/bin/env python
"""OCR on pages nobody here chose: random table pages scanned at random, read with and without
the fast model, every cell compared with the page's text layer.

Run from the repository root::

    .venv/bin/python scripts/sweep_ocr.py --n 30 --seed 1

Pages are drawn (seeded, reproducible) from the text-layer PDFs of ``tests/fixtures/pdf``, the
standard-table fixtures and the real published PDFs of ``../shared/real`` (when present), among
the pages on which the text-layer reader finds a table. Each is scanned as
``scripts/make_scanned_fixtures.py`` scans its fixtures (150–300 dpi, grey, turned up to ±1°,
noise, dust, JPEG; a red seal on one page in four when a CJK font is installed), then read by
the OCR reader twice: with the fast model giving the first reading of short lines (the default)
and with ``PIPELINES_OCR_FAST=off`` (the full model reads every line). For each run it prints
the cells equal to the text layer, withheld, misread and flagged, and misread silently, and
the seconds it took in one process. Needs Pillow and reportlab (``pip install -e '.[fixtures]'``).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOURCES = [
    *sorted(p for p in (ROOT / "tests/fixtures/pdf").glob("seed*.pdf")),
    *sorted((ROOT / "tests/fixtures/standard_tables").glob("*.pdf")),
    *sorted((ROOT.parent / "shared/real").glob("*.pdf")),
]
MODES = {"fast": "on", "full": "off"}


def table_pages(path: Path) -> list[int]:
    import pdfplumber

    from pipelines.model import Table
    from pipelines.readers.pdf import _parse_page

    out = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            if page.chars and any(isinstance(b, Table) for b in _parse_page(page, n).blocks):
                out.append(n)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=30, help="pages to draw (default 30)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    os.environ.setdefault("PIPELINES_OCR_PROGRESS", "0")
    import pdfplumber
    import pypdfium2 as pdfium

    from scripts.benchmark_ocr import compare_page
    from scripts.make_scanned_fixtures import FONT_FILES, ScannedPage, _image_pdf, scan_page

    rng = random.Random(args.seed)
    seal = any(Path(f).exists() for f in FONT_FILES)
    pages = {path: table_pages(path) for path in SOURCES}
    pool = [(path, n) for path, ns in pages.items() for n in ns]
    print(f"{len(pool)} table pages in {len(SOURCES)} PDFs; drawing {args.n} (seed {args.seed})", flush=True)
    keys = ["pages", "wall", "cpu", "unread_pages", "grid_differs", "values_withheld"]
    keys += [f"{k}{s}" for k in ("values", "text") for s in ("", "_equal", "_flagged", "_silent")]
    totals = {mode: dict.fromkeys(keys, 0.0) for mode in MODES}
    for i, (path, n) in enumerate(rng.sample(pool, min(args.n, len(pool))), 1):
        source = pdfium.PdfDocument(str(path))
        width, height = source[n - 1].get_size()
        spec = ScannedPage(
            page=n,
            dpi=rng.choice((150, 200, 200, 250, 300)),
            angle=round(rng.uniform(-1.0, 1.0), 2),
            jpeg_quality=rng.choice((40, 50, 60)),
            noise=round(rng.uniform(2.0, 6.0), 1),
            specks=rng.randrange(20, 80),
            stamp=seal and rng.random() < 0.25,
        )
        if spec.stamp:
            spec.stamp_centre = (round(width * rng.uniform(0.45, 0.75), 1), round(height * rng.uniform(0.3, 0.6), 1))
        data = scan_page(source[n - 1], spec, rng, "新疆维吾尔自治区财政厅")
        scanned = _image_pdf([(data, width, height)])
        line = f"[{i}/{args.n}] {path.name} p{n} ({spec.dpi} dpi, {spec.angle:+.2f}°{', seal' if spec.stamp else ''})"
        for mode, setting in MODES.items():
            os.environ["PIPELINES_OCR_FAST"] = setting
            stats = totals[mode]
            before = {k: stats[k] for k in ("values_silent", "text_silent")}
            with pdfplumber.open(path) as src, pdfplumber.open(io.BytesIO(scanned)) as scan:
                result = compare_page(src.pages[n - 1], scan.pages[0], n, stats)
            wall = result.split(" s wall")[0].strip()
            silent = {k: int(stats[k] - before[k]) for k in before}
            line += f"\n    {mode}: {wall} s" + (f"; silent {silent}" if any(silent.values()) else "")
            if "silent:" in result or "NOT READ" in result or "grid differs" in result:
                line += "\n      " + result.split("  ", 1)[-1]
        print(line, flush=True)
    print()
    for mode, stats in totals.items():
        count = stats["pages"] or 1
        print(
            f"{mode}: {int(stats['pages'])} pages in {stats['wall']:.1f} s wall, {stats['cpu']:.1f} s CPU "
            f"({stats['wall'] / count:.2f} s a page); values {int(stats['values'])}: equal "
            f"{int(stats['values_equal'])}, withheld {int(stats['values_withheld'])}, flagged "
            f"{int(stats['values_flagged'])}, silent {int(stats['values_silent'])}; text {int(stats['text'])}: "
            f"equal {int(stats['text_equal'])}, flagged {int(stats['text_flagged'])}, silent "
            f"{int(stats['text_silent'])}; pages not read {int(stats['unread_pages'])}, grid differs "
            f"{int(stats['grid_differs'])}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
