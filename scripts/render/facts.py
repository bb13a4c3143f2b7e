"""The property every rendering must have: its facts equal the facts of its text form.

Facts are every fact table ``normalise`` makes (``fact_indicator``, ``fact_project_fund`` …),
without the position columns (doc_id, source_file, source_page, source_line) and the columns that
say how a value was read (``read_method``, ``read_confidence``, ``amount_confidence``: a PDF's text
layer and a text file read the same figure differently), compared as sorted rows; unread parts
are a table of their own, so a rendering that loses a row or a value differs.

A rendering that differs is judged by :func:`judge` into one of three outcomes:

- ``unread``: nothing it loaded contradicts the text form. Every fact it holds is a fact of the
  text form, or one with parsed values left null (a value that did not fit its column); every fact it
  lacks is made up for by an unread part it recorded that the text form does not have, naming the
  fact's project (or no project: the reader's, which cannot tell), or by a warning.
- ``lost``: nothing it loaded contradicts the text form, but printed values are missing from its
  facts (left null where the text form has them) or facts are missing, and no unread part says so.
- ``wrong``: it loaded a figure or a name the text form does not have (a value that differs, a
  row that is not there). This is the one outcome that must never happen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipelines.normalize import READ_COLUMNS

# where a fact was printed, and how it was read: not part of the fact
POSITION = {"doc_id", "source_file", "source_page", "source_line", *READ_COLUMNS}
UNREAD = "fact_unread_part"


@dataclass(frozen=True)
class Facts:
    """The fact tables of one file: per table its columns and rows (positions left out), and the
    recognisers' warnings (without file and position)."""

    columns: dict[str, tuple[str, ...]]
    rows: dict[str, list[tuple]]
    warnings: list[str]

    def reprs(self) -> dict[str, list[str]]:
        out = {name: sorted(map(repr, rows)) for name, rows in self.rows.items()}
        out["warnings"] = sorted(self.warnings)
        return out


def read_facts(path: Path) -> Facts:
    """Every fact table of the file at ``path``, positions left out."""
    from pipelines.normalize import normalise
    from pipelines.readers import read_document
    from pipelines.recognise import extract

    extraction = extract(read_document(path))
    frames, _ = normalise(extraction)
    columns: dict[str, tuple[str, ...]] = {}
    rows: dict[str, list[tuple]] = {}
    for name, frame in frames.items():
        kept = [c for c in frame.columns if c not in POSITION]
        columns[name] = tuple(kept)
        rows[name] = list(frame.select(kept).rows())
    # warnings read "file: page 3: …" or "file: line 120: …": compared without file and position
    return Facts(columns, rows, [w.split(": ", 2)[-1] for w in extraction.warnings])


def facts(path: Path) -> dict[str, list[str]]:
    """Every fact table of the file at ``path`` as sorted rows (reprs), positions left out."""
    return read_facts(path).reprs()


def differences(found: dict[str, list[str]], expected: dict[str, list[str]], limit: int = 6) -> list[str]:
    """What differs, table by table: rows only in the rendering (+) and only in the text form (-)."""
    out: list[str] = []
    for name in sorted(set(found) | set(expected)):
        a, b = Counter(found.get(name, [])), Counter(expected.get(name, []))
        extra, missing = list((a - b).elements()), list((b - a).elements())
        if not extra and not missing:
            continue
        out.append(f"{name}: {len(extra)} rows only in the PDF, {len(missing)} only in the text form")
        out.extend(f"  + {row[:300]}" for row in extra[:limit])
        out.extend(f"  - {row[:300]}" for row in missing[:limit])
    return out


def _parsed_pairs() -> dict[str, dict[str, str]]:
    """Per fact table: printed-text column → the parsed column it feeds (normalize._PARSED)."""
    from pipelines.normalize import _PARSED

    out: dict[str, dict[str, str]] = {}
    for table, text_column, value_column in _PARSED:
        out.setdefault(table, {})[text_column] = value_column
    return out


def _within(row: tuple, of: tuple, columns: tuple[str, ...], pairs: dict[str, str], strict: bool = True) -> bool:
    """True when ``row`` is ``of`` with some values left null. ``strict``: only values that did
    not fit their column (what ``normalise`` does, recording each as an unread part: the parsed
    value null, its printed text anything); else any value."""
    index = {c: i for i, c in enumerate(columns)}
    nullable = set(pairs.values())
    for i, (a, b) in enumerate(zip(row, of)):
        if a == b or (a is None and (columns[i] in nullable or not strict)):
            continue
        value_column = pairs.get(columns[i])
        if value_column is not None and row[index[value_column]] is None:
            continue
        return False
    return True


# Columns that count what was read of a table (fact_standard_table.body_rows, value_count): lower
# than the text form's where figures of that table went unread, which its unread parts say.
_READ_COUNTS = {"fact_standard_table": ("body_rows", "value_count")}


def _counts_of_unread(found: Facts, name: str, columns: tuple[str, ...], extra: list, missing: list) -> list:
    """``extra`` without the rows that differ from a row of ``missing`` only in counting fewer rows
    and figures read, of a table with unread parts (``standard_NN``): not a wrong fact, the count of
    what was read. Those rows are taken from ``missing`` too."""
    counts = [columns.index(c) for c in _READ_COUNTS[name]]
    number = columns.index("table_no")
    kind = found.columns[UNREAD].index("table_kind")
    kinds = {row[kind] for row in found.rows.get(UNREAD, [])}
    out = []
    for row in extra:
        match = next(
            (
                m
                for m in missing
                if f"standard_{row[number]:02d}" in kinds
                and all(a == b for i, (a, b) in enumerate(zip(row, m)) if i not in counts)
                and all((row[i] or 0) <= (m[i] or 0) for i in counts)
            ),
            None,
        )
        if match is None:
            out.append(row)
        else:
            missing.remove(match)
    return out


@dataclass(frozen=True)
class Verdict:
    outcome: str  # "agree", "unread", "lost" or "wrong" (see the module's docstring)
    lines: list[str]  # for a person: what differs


OUTCOMES = ("agree", "unread", "lost", "wrong")


def judge(found: Facts, expected: Facts, limit: int = 6) -> Verdict:
    """Agree exactly; values recorded as unread (nothing loaded contradicts the text form); lost
    (printed values or facts missing with nothing recorded, nothing wrong loaded); or loaded
    wrong (a fact or value the text form does not have)."""
    lines = differences(found.reprs(), expected.reprs(), limit)
    if not lines:
        return Verdict("agree", [])
    pairs = _parsed_pairs()
    wrong: list[str] = []
    lost: list[str] = []
    missing_of: Counter = Counter()  # facts of the text form missing, by project (None: no project)
    for name in sorted(set(found.rows) | set(expected.rows)):
        if name == UNREAD:
            continue
        columns = found.columns.get(name) or expected.columns[name]
        extra = list((Counter(found.rows.get(name, [])) - Counter(expected.rows.get(name, []))).elements())
        missing = list((Counter(expected.rows.get(name, [])) - Counter(found.rows.get(name, []))).elements())
        for strict in (True, False):
            unmatched = []
            for row in extra:
                match = next((m for m in missing if _within(row, m, columns, pairs.get(name, {}), strict)), None)
                if match is None:
                    unmatched.append(row)
                    continue
                missing.remove(match)
                if not strict:
                    lost.append(f"{name}: a row loaded with printed values missing: {repr(row)[:300]}")
            extra = unmatched
        if name in _READ_COUNTS:
            extra = _counts_of_unread(found, name, columns, extra, missing)
        wrong.extend(f"{name}: loaded a row the text form does not have: {repr(row)[:300]}" for row in extra)
        at = columns.index("project_name") if "project_name" in columns else None
        missing_of.update(row[at] if at is not None else None for row in missing)
    # what the rendering reported that the text form did not: unread parts (naming their project,
    # or none when the reader could not tell), and warnings (a table that matched no known layout)
    at = found.columns[UNREAD].index("project_name")
    unread = Counter(found.rows.get(UNREAD, [])) - Counter(expected.rows.get(UNREAD, []))
    named = {row[at] for row in unread}
    anywhere = None in named or bool(Counter(found.warnings) - Counter(expected.warnings))
    for project, count in sorted(missing_of.items(), key=lambda kv: str(kv[0])):
        if project not in named and not anywhere:
            lost.append(f"{count} facts of {project or 'the document'} lost, and no unread part or warning says so")
    if wrong:
        return Verdict("wrong", [*wrong, *lost, *lines])
    if lost:
        return Verdict("lost", [*lost, *lines])
    return Verdict("unread", lines)
