#!/usr/bin/env python
"""Layout sweep: render seeds with random layouts and check that each gives the facts of its text form.

    .venv/bin/python scripts/fuzz_layouts.py --n 200 --seed 1          # layouts 1 … 200
    .venv/bin/python scripts/fuzz_layouts.py --only 17 --only 42 --keep /tmp/layouts   # two, PDFs kept

Layout number k is drawn by ``scripts.render.draw_layout(k)`` from k alone (seed, producer, page
size and orientation, margins, font, font sizes, column widths, padding, rules, repeated headings,
merged cells, digits in another font), so a seed that does not agree is reproduced alone with
``--only k``. Prints one line per layout, then "N of M agree" and, for the others, how many
recorded values as unread without loading anything wrong, how many lost printed values with
nothing recorded (nothing wrong loaded), how many loaded a wrong fact (the one outcome that must be
0; see scripts/render/facts.py) and how many could not be rendered or read, with their numbers.
Needs the ``fixtures`` extra, LibreOffice (writer, calc), Chromium and the CJK fonts (see README).
Exits 1 when some layout does not agree exactly.

    .venv/bin/python scripts/fuzz_layouts.py --n 200 --keep /tmp/layouts --reuse   # judge again, no rendering
    .venv/bin/python scripts/fuzz_layouts.py --n 20 --sources real_planning real_social real_template

The last draws the real PDFs of tests/fixtures/real again, as the PDF reader reads them, each table
on its own grid (a cell spans the columns its box spans), and compares each rendering's facts with
the real PDF's own.
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
from scripts.render.facts import judge, read_facts  # noqa: E402

VERDICT = {
    "agree": "agrees",
    "unread": "UNREAD (values recorded as unread, none loaded wrong)",
    "lost": "LOST (printed values missing, nothing recorded; none loaded wrong)",
    "wrong": "WRONG (loaded a fact the text form does not have)",
    "failed": "FAILED",
}


def check(
    number: int, folder: Path, sources: tuple[str, ...] | None, reuse: bool = False
) -> tuple[str, list[str], str]:
    """Render layout ``number`` into ``folder`` (or, with ``reuse``, read the PDF already there)
    and judge its facts against the text form's: "agree", "unread", "wrong", or "failed" when
    it could not be rendered or read."""
    layout = draw_layout(number, sources) if sources else draw_layout(number)
    source = source_of(layout)
    if source.facts_file is None:
        return "failed", [f"the source {source.name} has no text form to compare the PDF with"], layout.describe()
    path = folder / f"layout{number}_{layout.source}_{layout.producer}.pdf"
    started = time.perf_counter()
    if not (reuse and path.exists()):
        try:
            path.write_bytes(render(layout, source))
        except Exception as exc:  # a producer that fails is reported, not a disagreement of the reader
            return "failed", [f"could not render: {type(exc).__name__}: {exc}"], layout.describe()
    rendered = time.perf_counter()
    try:
        found = read_facts(path)
    except Exception as exc:
        return "failed", [f"reading failed: {type(exc).__name__}: {exc}"], layout.describe()
    verdict = judge(found, read_facts(source.facts_file))
    read = time.perf_counter()
    timing = f"render {rendered - started:.1f} s, read {read - rendered:.1f} s"
    return verdict.outcome, verdict.lines, f"{layout.describe()} ({timing})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="how many layouts (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="number of the first layout (default 1)")
    parser.add_argument("--only", type=int, action="append", default=[], metavar="K", help="just layout K (repeatable)")
    parser.add_argument(
        "--sources",
        nargs="*",
        help="draw only these sources: seed000 … seed004, or the real PDFs of tests/fixtures/real "
        "(real_planning, real_social, real_template), whose renderings are compared with the facts "
        "of the real PDF itself",
    )
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    parser.add_argument(
        "--reuse", action="store_true", help="read the PDFs already in --keep instead of rendering them again"
    )
    parser.add_argument("--quiet", action="store_true", help="print only the layouts that do not agree")
    args = parser.parse_args(argv)

    numbers = args.only or list(range(args.seed, args.seed + args.n))
    sources = tuple(args.sources) if args.sources else None
    outcomes: dict[str, list[int]] = {"agree": [], "unread": [], "lost": [], "wrong": [], "failed": []}
    with tempfile.TemporaryDirectory(prefix="fuzz_layouts_") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for number in numbers:
            try:
                outcome, diff, description = check(number, folder, sources, reuse=args.reuse)
            except Exception:
                outcome, diff, description = "failed", traceback.format_exc().splitlines()[-3:], f"layout {number}"
            outcomes[outcome].append(number)
            if outcome != "agree" or not args.quiet:
                print(f"{number}: {VERDICT[outcome]}: {description}", flush=True)
                for line in diff[:40]:
                    print(f"    {line}", flush=True)
    n = len(numbers)
    print(f"\n{len(outcomes['agree'])} of {n} agree")
    print(
        f"{len(outcomes['unread'])} of {n} recorded values as unread (nothing loaded wrong), "
        f"{len(outcomes['lost'])} of {n} lost printed values without a record (none loaded wrong), "
        f"{len(outcomes['wrong'])} of {n} loaded wrong, {len(outcomes['failed'])} of {n} not rendered or not read"
    )
    for outcome in ("unread", "lost", "wrong", "failed"):
        if outcomes[outcome]:
            print(f"{outcome}: " + " ".join(map(str, outcomes[outcome])))
    others = [k for outcome, numbers in outcomes.items() if outcome != "agree" for k in numbers]
    if others:
        print("reproduce one: .venv/bin/python scripts/fuzz_layouts.py --only " + str(sorted(others)[0]))
    return 0 if not others else 1


if __name__ == "__main__":
    sys.exit(main())
