"""Every committed PDF fixture, by name, and the command that rebuilds them.

* ``tests/fixtures/pdf/``: the first fixtures (scripts.render.classic; described in its README).
* ``tests/fixtures/layouts/``: the layout fixtures (scripts.render.layouts): PDFs of seeds and
  parts of seeds in layouts nobody here chose (random, from ``draw_layout``), and one fixture
  for each defect class of issue 9 and 14, each with the text form it must read as.

    .venv/bin/python scripts/make_pdf_fixtures.py                 # everything, then the check
    .venv/bin/python scripts/make_pdf_fixtures.py --only 'seed004_*' --only goal_cell_longer_than_a_page
    .venv/bin/python scripts/make_pdf_fixtures.py --skip-big --check-only --list
"""

from __future__ import annotations

import argparse
import fnmatch
from collections.abc import Callable
from pathlib import Path

from scripts.render.source import ROOT, Source

PDF_DIR = ROOT / "tests" / "fixtures" / "pdf"
LAYOUT_DIR = ROOT / "tests" / "fixtures" / "layouts"


def registry() -> dict[str, tuple[Path, Callable[[], bytes]]]:
    """fixture file name → (folder, builder)."""
    from scripts.render import classic, layouts

    out: dict[str, tuple[Path, Callable[[], bytes]]] = {}
    for name, build in classic.FIXTURES.items():
        out[name] = (PDF_DIR, build)
    for name, build in layouts.FIXTURES.items():
        out[name] = (LAYOUT_DIR, build)
    return out


def fixture_source(name: str) -> Source:
    """A fixture source by name (the parts of seeds the layout fixtures draw)."""
    from scripts.render.layouts import SOURCES

    if name not in SOURCES:
        raise SystemExit(f"render: no source {name!r}; one of seed000 … seed004, {', '.join(SOURCES)}")
    return SOURCES[name]()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the committed PDF fixtures (tests/fixtures/pdf, layouts).")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="only this fixture (file name, with or without .pdf; shell patterns allowed); may be repeated",
    )
    parser.add_argument("--skip-big", action="store_true", help="leave big_500_pages.pdf out (faster)")
    parser.add_argument("--no-check", action="store_true", help="skip the checks")
    parser.add_argument("--check-only", action="store_true", help="only check the files that are there")
    parser.add_argument("--list", action="store_true", help="list the fixture names and exit")
    parser.add_argument("--out", type=Path, help="write here instead of the fixture folders")
    args = parser.parse_args(argv)

    fixtures = registry()
    if args.list:
        for name, (folder, _) in fixtures.items():
            print(f"{folder.relative_to(ROOT)}/{name}")
        return 0
    names = list(fixtures)
    if args.only:
        patterns = [p if p.endswith(".pdf") or "*" in p else p + ".pdf" for p in args.only]
        names = [n for n in names if any(fnmatch.fnmatch(n, p) for p in patterns)]
        if not names:
            parser.error(f"no fixture matches {args.only}; see --list")
    elif args.skip_big:
        names = [n for n in names if n != "big_500_pages.pdf"]

    def target(name: str) -> Path:
        return (args.out or fixtures[name][0]) / name

    if not args.check_only:
        if any(fixtures[n][0] == LAYOUT_DIR for n in names):
            from scripts.render.layouts import write_texts

            write_texts(args.out or LAYOUT_DIR)
        for name in names:
            data = fixtures[name][1]()
            path = target(name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path} ({len(data):,} bytes)", flush=True)
    if args.no_check:
        return 0
    from scripts.render import check, layouts

    ok = True
    classic_names = [n for n in names if fixtures[n][0] == PDF_DIR]
    if classic_names:
        print()
        ok = check.check_all((args.out or PDF_DIR), classic_names) and ok
    layout_names = [n for n in names if fixtures[n][0] == LAYOUT_DIR]
    if layout_names:
        print()
        ok = layouts.check_all(args.out or LAYOUT_DIR, layout_names) and ok
    return 0 if ok else 1
