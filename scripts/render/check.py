"""The pdfplumber check of the committed PDF fixtures: every seed rendering prints all of its
seed's characters, paragraphs and table rows (whole, or as the two parts of a row cut by a page
break), and the bad ones fail as they should. Printed after every fixture rebuild."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipelines.model import Paragraph, Table
from scripts.render.source import is_indicator_heading, seed_source


def seed_blocks(seed: int) -> list:
    return list(seed_source(f"{seed:03d}").blocks)


def seed_of(name: str) -> int | None:
    """Which seed a good fixture renders in full (seedNNN_…), if any."""
    match = re.match(r"seed(\d{3})_", name)
    return int(match.group(1)) if match else None


def _squash(text: str | None) -> str:
    return re.sub(r"[\s\u3000\u00a0\u200b\ufeff]+", "", text or "")


def seed_char_counts(seed: int) -> Counter:
    counts: Counter = Counter()
    for block in seed_blocks(seed):
        if isinstance(block, Paragraph):
            counts.update(_squash(block.text))
        else:
            for row in block.rows:
                for c in row.cells:
                    counts.update(_squash(c.text))
    return counts


def _key(row: Sequence[str | None]) -> tuple[str, ...]:
    """The non-empty cell values of an extracted row, white space removed, in order."""
    return tuple(v for v in (_squash(c) for c in row if c is not None) if v)


def _join_cut_row(a: Sequence[str | None], b: Sequence[str | None]) -> tuple[str, ...] | None:
    """The row cut by a page break, from its part at the bottom of page N (``a``) and its rest
    at the top of page N+1 (``b``): cell by cell, over the cells that are not None."""
    a_cells = [_squash(c) for c in a if c is not None]
    b_cells = [_squash(c) for c in b if c is not None]
    if len(a_cells) != len(b_cells):
        return None
    return tuple(v for v in (x + y for x, y in zip(a_cells, b_cells)) if v)


_SECTION_END = re.compile(
    r"^(总分|年度总体目标|项目名称|主管部门|项目资金|部门（单位）名称|部门资金|预算执行情况|[（(]\d{4}年度)"
    r"|自评表"
)


def _continues_section(rows: Sequence[Sequence[str | None]], heading_keys: set) -> bool:
    """True when the table at the bottom of a page ends inside an indicator section: it holds
    a heading row and no row after the last one is a 总分, title, 项目名称, funds or 年度总体目标
    row. A heading row at the top of the next page is then a repeated one, not the start of
    the next section."""
    marks = [i for i, r in enumerate(rows) if _key(r) in heading_keys]
    if not marks:
        return False
    return not any(_key(r) and _SECTION_END.search(_key(r)[0]) for r in rows[marks[-1] + 1 :])


def check_fixture(path: Path, sample: int | None = None) -> dict:
    """Open every page with pdfplumber; count pages, tables, chars; compare with the seed.

    For a seed rendering also: characters of the seed missing from the text, paragraphs found
    whole, table rows found exactly in ``extract_tables`` (non-empty cells in order), rows cut
    by a page break (found by joining the last row of page N with the first row of page N+1,
    after a repeated heading row), and pages that begin with a repeated heading row."""
    import pdfplumber

    result: dict = {"name": path.name, "size": path.stat().st_size}
    seed = seed_of(path.name)
    text_chars: Counter = Counter()
    tables = pages_with_tables = chars = cid = 0
    page_rows: dict[int, list[list[list[str | None]]]] = {}
    full_text: list[str] = []
    with pdfplumber.open(path) as pdf:
        result["pages"] = len(pdf.pages)
        indices = range(len(pdf.pages))
        if sample and len(pdf.pages) > sample:
            indices = range(0, len(pdf.pages), len(pdf.pages) // sample)
        for i in indices:
            page = pdf.pages[i]
            text = page.extract_text() or ""
            full_text.append(text)
            cid += text.count("(cid:")
            text_chars.update(_squash(text))
            chars += len(page.chars)
            found = page.find_tables()
            tables += len(found)
            pages_with_tables += bool(found)
            page_rows[i + 1] = [t.extract() for t in found]
            page.close()  # free the page's cached objects
    result.update(tables=tables, table_pages=pages_with_tables, chars=chars, cid=cid)
    if seed is None:
        return result
    want = seed_char_counts(seed)
    result["missing_chars"] = sum((want - text_chars).values())
    flat = _squash("".join(full_text))
    paragraphs = [_squash(b.text) for b in seed_blocks(seed) if isinstance(b, Paragraph)]
    result["paragraphs_found"] = (sum(1 for p in paragraphs if p in flat), len(paragraphs))

    heading_keys = {
        tuple(row.values[i] for i in range(len(row.cells)) if row.values[i])
        for b in seed_blocks(seed)
        if isinstance(b, Table)
        for row in b.rows
        if is_indicator_heading(row)
    }
    seen: Counter = Counter()
    for tables_on_page in page_rows.values():
        for table_rows in tables_on_page:
            seen.update(_key(r) for r in table_rows)
    joined: dict[tuple[str, ...], int] = {}  # a cut row -> the page its first part is on
    repeated: list[int] = []
    for number in sorted(page_rows):
        nxt = page_rows.get(number + 1)
        if not page_rows[number] or not nxt:
            continue
        last, first = page_rows[number][-1], nxt[0]
        if not last or not first:
            continue
        rest = first
        if _key(first[0]) in heading_keys and _continues_section(last, heading_keys):
            repeated.append(number + 1)
            rest = first[1:]
        if rest:
            join = _join_cut_row(last[-1], rest[0])
            if join:
                joined.setdefault(join, number)
    rows = [
        tuple(v for v in row.values if v)
        for b in seed_blocks(seed)
        if isinstance(b, Table)
        for row in b.rows
        if any(row.values)
    ]
    exact = [r for r in rows if seen[r] > 0]
    cut = [r for r in rows if not seen[r] and r in joined]
    result["rows_exact"] = (len(exact), len(rows))
    result["rows_cut"] = len(cut)
    result["rows_lost"] = len(rows) - len(exact) - len(cut)
    result["repeated_heading_pages"] = repeated
    result["cut_rows"] = [(joined[r], r[:2]) for r in cut]
    if seed == 4:
        ind = [r for r in rows if len(r) >= 12]
        result["rows14_exact"] = (sum(1 for r in ind if seen[r] > 0), len(ind))
    return result


def print_check(results: list[dict]) -> None:
    header = (
        f"{'fixture':46} {'bytes':>9} {'pages':>5} {'tables':>6} {'tblpg':>5} {'chars':>7} "
        f"{'cid':>5} {'miss':>4} {'paras':>9} {'rows':>9} {'cut':>3} {'lost':>4} {'rows14':>7} "
        f"{'rep.head':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        if "error" in r:
            print(f"{r['name']:46} {r['size']:>9} {'error: ' + r['error']}")
            continue

        def pair(key, r=r):
            v = r.get(key)
            return f"{v[0]}/{v[1]}" if v else "-"

        rep = r.get("repeated_heading_pages")
        print(
            f"{r['name']:46} {r['size']:>9} {r['pages']:>5} {r['tables']:>6} {r['table_pages']:>5} "
            f"{r['chars']:>7} {r['cid']:>5} {r.get('missing_chars', '-'):>4} "
            f"{pair('paragraphs_found'):>9} {pair('rows_exact'):>9} {r.get('rows_cut', '-'):>3} "
            f"{r.get('rows_lost', '-'):>4} {pair('rows14_exact'):>7} "
            f"{(len(rep) if rep is not None else '-'):>8}"
        )


def spot_check_14(path: Path) -> None:
    """Print one 14-column indicator row as extract_tables gives it."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[8:]:
            for rows in page.extract_tables():
                for row in rows:
                    if len([c for c in row if c is not None]) == 14 and "产出指标" in row:
                        print(f"\n{path.name} page {page.page_number}, extract_tables row:")
                        print(f"  {row}")
                        return


def check_all(out: Path, names: Iterable[str]) -> bool:
    import pdfplumber

    results: list[dict] = []
    ok = True
    unreadable = {"bad_zero_bytes.pdf", "bad_truncated.pdf", "bad_encrypted.pdf", "bad_random_bytes.pdf"}
    for name in names:
        path = out / name
        if not path.exists():
            continue
        if name in unreadable:
            try:
                with pdfplumber.open(path) as pdf:
                    n = len(pdf.pages)
                    pdf.pages[0].extract_text()
                results.append({"name": name, "size": path.stat().st_size, "error": f"UNEXPECTEDLY opened ({n} pages)"})
                ok = False
            except Exception as exc:  # the point of these files
                inner = exc.args[0] if exc.args else exc
                results.append(
                    {"name": name, "size": path.stat().st_size, "error": f"{type(exc).__name__}({inner!r}) as expected"}
                )
            continue
        r = check_fixture(path, sample=50 if name.startswith("big_") else None)
        results.append(r)
        if seed_of(name) is not None and (r["cid"] or r["missing_chars"] or r["rows_lost"]):
            ok = False
        if name == "bad_cid_garbage.pdf" and not r["cid"]:
            ok = False
        if name in ("bad_scanned_page.pdf", "bad_no_tables.pdf") and r["tables"]:
            ok = False
    print_check(results)
    print("\ncut = rows cut in two by a page break (found by joining both parts); lost = rows")
    print("neither found whole nor joined; rep.head = pages that begin with a repeated heading row")
    for r in results:
        if r.get("repeated_heading_pages") or r.get("cut_rows"):
            print(f"\n{r['name']}: heading repeated on pages {r['repeated_heading_pages']}")
            for page, cells in r["cut_rows"]:
                print(f"  row cut between pages {page}/{page + 1}: {' | '.join(cells)[:60]}")
    for name in names:
        if name.startswith("seed004_") and (out / name).exists():
            spot_check_14(out / name)
    for name in ("table_row_split_across_pages.pdf", "table_row_split_across_pages_libreoffice.pdf"):
        if name in names and (out / name).exists():
            describe_split(out / name)
    return ok


def describe_split(path: Path) -> None:
    """Print the last table row of page 1 and the first rows of page 2."""
    import pdfplumber

    print(f"\n{path.name}:")
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages[:2], 1):
            tables = page.extract_tables()
            if not tables:
                print(f"  page {number}: no table")
                continue
            rows = tables[0]
            pick = rows[-1:] if number == 1 else rows[:2]
            where = "last row" if number == 1 else "first rows"
            for row in pick:
                print(f"  page {number} {where}: {row}")


# --------------------------------------------------------------------------------------------
