"""The README's example queries: each ```sql block under "## Querying" is followed by a ```text
block with its output on the sample data, rendered by ``render``. tests/test_readme.py runs them."""

from __future__ import annotations

import re
from decimal import Decimal

EXAMPLE = re.compile(r"```sql\n(?P<sql>.*?)```\n+```text\n(?P<output>.*?)```", re.S)


def render(columns: list[str], rows: list[tuple]) -> str:
    def cell(value) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    lines = [" | ".join(columns)] + [" | ".join(cell(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def examples(readme: str) -> list[tuple[str, str]]:
    section = readme.split("## Querying", 1)[1].split("\n## ", 1)[0]
    return [(m.group("sql"), m.group("output")) for m in EXAMPLE.finditer(section)]
