#!/usr/bin/env python
"""Layout sweep: render seeds with random layouts and check that each gives the facts of its text form.

    .venv/bin/python scripts/fuzz_layouts.py --n 200 --seed 1          # layouts 1 … 200
    .venv/bin/python scripts/fuzz_layouts.py --only 17 --only 42 --keep /tmp/layouts   # two, PDFs kept

Layout number k is drawn by ``scripts.render.draw_layout(k)`` from k alone (seed, producer, page
size and orientation, margins, font, font sizes, column widths, padding, rules, repeated headings,
merged cells, digits in another font), so a seed that does not agree is reproduced alone with
``--only k``. Prints one line per layout, then "N of M agree" and the numbers that do not.
Needs the ``fixtures`` extra, LibreOffice (writer, calc), Chromium and the CJK fonts (see README).
Exits 1 when some layout does not agree.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.render import draw_layout, render, source_of  # noqa: E402
from scripts.render.facts import differences, facts  # noqa: E402


def check(number: int, folder: Path, sources: tuple[str, ...] | None) -> tuple[bool, list[str], str]:
    """Render layout ``number`` into ``folder`` and compare its facts with the text form's."""
    layout = draw_layout(number, sources) if sources else draw_layout(number)
    source = source_of(layout)
    if source.text_file is None:
        return False, [f"the source {source.name} has no text form to compare the PDF with"], layout.describe()
    path = folder / f"layout{number}_{layout.source}_{layout.producer}.pdf"
    started = time.perf_counter()
    try:
        path.write_bytes(render(layout, source))
    except Exception as exc:  # a producer that fails is reported, not a disagreement of the reader
        return False, [f"could not render: {type(exc).__name__}: {exc}"], layout.describe()
    rendered = time.perf_counter()
    try:
        found = facts(path)
    except Exception as exc:
        return False, [f"reading failed: {type(exc).__name__}: {exc}"], layout.describe()
    diff = differences(found, facts(source.text_file))
    read = time.perf_counter()
    timing = f"render {rendered - started:.1f} s, read {read - rendered:.1f} s"
    return not diff, diff, f"{layout.describe()} ({timing})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="how many layouts (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="number of the first layout (default 1)")
    parser.add_argument("--only", type=int, action="append", default=[], metavar="K", help="just layout K (repeatable)")
    parser.add_argument("--sources", nargs="*", help="draw only these sources (seed000 … seed004)")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    parser.add_argument("--quiet", action="store_true", help="print only the layouts that do not agree")
    args = parser.parse_args(argv)

    numbers = args.only or list(range(args.seed, args.seed + args.n))
    sources = tuple(args.sources) if args.sources else None
    failing: list[int] = []
    with tempfile.TemporaryDirectory(prefix="fuzz_layouts_") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for number in numbers:
            try:
                ok, diff, description = check(number, folder, sources)
            except Exception:
                ok, diff, description = False, traceback.format_exc().splitlines()[-3:], f"layout {number}"
            if not ok:
                failing.append(number)
            if not ok or not args.quiet:
                print(f"{number}: {'agrees' if ok else 'DIFFERS'}: {description}", flush=True)
                for line in diff[:40]:
                    print(f"    {line}", flush=True)
    agree = len(numbers) - len(failing)
    print(f"\n{agree} of {len(numbers)} agree")
    if failing:
        print("do not agree: " + " ".join(map(str, failing)))
        print("reproduce one: .venv/bin/python scripts/fuzz_layouts.py --only " + str(failing[0]))
    return 0 if not failing else 1


if __name__ == "__main__":
    sys.exit(main())
