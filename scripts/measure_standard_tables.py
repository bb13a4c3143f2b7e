#!/usr/bin/env python
"""Per standard table, how many printed figures the pipeline loads with their full label, and how
many loaded figures are wrong, on every fixture workbook and PDF of the standard tables.

Run from the repository root::

    .venv/bin/python scripts/measure_standard_tables.py [FILE …]

For each fixture (``tests/fixtures/standard_tables/standard_tables_*.{xlsx,xls,pdf}`` and
``*_reportlab.pdf``, or the files given) it reads the file with the pipeline's reader and
recognisers, normalises it, and compares fact_standard_value with the ``*.facts.json`` written
beside the fixtures by ``scripts/make_standard_table_fixtures.py`` from the data the sheets were
drawn from:

* printed  — figures printed in the table (the truth file's facts)
* labelled — of them, loaded with exactly their label (table, side, 行次, 科目编码, level, item,
  parent, column heading path and key, block) and amount (as printed and in 万元)
* wrong    — loaded figures that are not a printed figure with its label (a wrong label or amount)

and the unread parts recorded for the table. Exits 1 if any figure is missing or wrong.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FOLDER = ROOT / "tests" / "fixtures" / "standard_tables"
KEYS = (
    "table_no",
    "side",
    "line_no",
    "subject_code",
    "level",
    "item_name",
    "parent_item",
    "column_name",
    "column_key",
    "amount_text",
    "amount_wan",
    "block_no",
)


def truth_for(path: Path) -> dict:
    stem = path.name.split(".")[0].removesuffix("_reportlab")
    return json.loads((FOLDER / f"{stem}.facts.json").read_text(encoding="utf-8"))


def expected_facts(truth: dict) -> Counter:
    return Counter(
        tuple(Decimal(f[k]).quantize(Decimal("0.000001")) if k == "amount_wan" else f[k] for k in KEYS)
        for f in truth["facts"]
    )


def loaded_facts(path: Path) -> tuple[Counter, list, list]:
    from pipelines.normalize import normalise
    from pipelines.readers import read_document
    from pipelines.recognise import extract

    extraction = extract(read_document(path))
    frames, _ = normalise(extraction)
    values = frames["fact_standard_value"]
    found = Counter(tuple(row[k] for k in KEYS) for row in values.iter_rows(named=True))
    unread = frames["fact_unread_part"].to_dicts()
    return found, extraction.standard_tables, unread


def measure(path: Path) -> tuple[list[tuple], bool]:
    truth = truth_for(path)
    want = expected_facts(truth)
    got, tables, unread = loaded_facts(path)
    rows, ok = [], True
    recognised = {t.number: t for t in tables}
    for entry in truth["table_list"]:
        no = entry["no"]
        printed = sum(n for f, n in want.items() if f[0] == no)
        labelled = sum(min(n, got.get(f, 0)) for f, n in want.items() if f[0] == no)
        wrong = sum(max(0, n - want.get(f, 0)) for f, n in got.items() if f[0] == no)
        parts = sum(1 for u in unread if u["table_kind"] == f"standard_{no:02d}")
        table = recognised.get(no)
        found = "yes" if table is not None else "NO"
        if table is not None and (table.printed_no, table.empty) != (entry["printed_no"], entry["empty"]):
            found = f"printed_no {table.printed_no} empty {table.empty}"
        ok &= printed == labelled and wrong == 0 and found == "yes"
        rows.append((no, entry["title"], found, printed, labelled, wrong, parts))
    return rows, ok


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(
        p for p in FOLDER.glob("standard_tables_*") if p.suffix in (".xlsx", ".xls", ".pdf") and "altered" not in p.name
    )
    all_ok = True
    totals: Counter[str] = Counter()
    for path in files:
        rows, ok = measure(path)
        all_ok &= ok
        print(f"\n{path.name}")
        print(f"  {'table':<44} {'found':>5} {'printed':>8} {'labelled':>9} {'wrong':>6} {'unread':>7}")
        for no, title, found, printed, labelled, wrong, parts in rows:
            print(f"  {no} {title:<42} {found:>5} {printed:>8} {labelled:>9} {wrong:>6} {parts:>7}")
            totals.update(printed=printed, labelled=labelled, wrong=wrong)
    print(
        f"\n{len(files)} files: {totals['printed']} figures printed, {totals['labelled']} loaded with their label, "
        f"{totals['wrong']} loaded wrong"
    )
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
