"""The property every rendering must have: its facts equal the facts of its text form.

Facts are every fact table ``normalise`` makes (``fact_indicator``, ``fact_project_fund`` …),
without the position columns (doc_id, source_file, source_page, source_line), compared as sorted
rows; unread parts are a table of their own, so a rendering that loses a row or a value differs.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

POSITION = {"doc_id", "source_file", "source_page", "source_line"}


def facts(path: Path) -> dict[str, list[str]]:
    """Every fact table of the file at ``path`` as sorted rows (reprs), positions left out."""
    from pipelines.normalize import normalise
    from pipelines.readers import read_document
    from pipelines.recognise import extract

    extraction = extract(read_document(path))
    frames, _ = normalise(extraction)
    out = {
        name: sorted(map(repr, frame.select([c for c in frame.columns if c not in POSITION]).rows()))
        for name, frame in frames.items()
    }
    # warnings read "file: page 3: …" or "file: line 120: …": compared without file and position
    out["warnings"] = sorted(w.split(": ", 2)[-1] for w in extraction.warnings)
    return out


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
