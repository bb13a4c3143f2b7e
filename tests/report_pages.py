"""Shared by the report tests: the sample warehouse they build the report from, and a reader of
the report's HTML tables (the standard library's HTML parser; no browser)."""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import FIXTURES, SEED, TEXT_FIXTURES, load_into

STANDARD_TABLES = FIXTURES / "standard_tables" / "standard_tables_wan.pdf"
FAILED_FILE = TEXT_FIXTURES / "bad_empty.txt"
PARTIAL_FILE = TEXT_FIXTURES / "bad_truncated_mid_table.txt"
EXPECTED = json.loads((FIXTURES / "report" / "sample_report.expected.json").read_text(encoding="utf-8"))


def build_sample_warehouse(folder: Path) -> tuple[Path, Path]:
    """The five seeds, 商务厅 2024's standard tables (PDF) and a file that fails, loaded through the
    plain ingest functions; returns (warehouse file, raw folder)."""
    conn = load_into(folder, *SEED.values(), STANDARD_TABLES, FAILED_FILE)
    conn.close()
    return folder / "w.duckdb", folder / "raw"


@functools.cache
def sample_warehouse() -> tuple[Path, Path]:
    """The sample warehouse, built once per test session (both report test modules read it; nothing
    writes to it: a test that changes a warehouse copies it first)."""
    folder = Path(tempfile.mkdtemp(prefix="report-sample-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return build_sample_warehouse(folder)


def build_quality_warehouse(folder: Path) -> tuple[Path, Path]:
    """Seed 000, a file that fails and one that loads partially (a copy of seed 004 cut inside a
    project table: it would double the seed's figures, so it is not in the sample warehouse)."""
    conn = load_into(folder, SEED["000"], FAILED_FILE, PARTIAL_FILE)
    conn.close()
    return folder / "w.duckdb", folder / "raw"


@dataclass
class Cell:
    attrs: dict[str, str]
    text: str = ""
    links: list[str] = field(default_factory=list)


@dataclass
class Row:
    attrs: dict[str, str]
    cells: list[Cell] = field(default_factory=list)

    def field(self, name: str) -> str:
        """Text of the cell with data-field=name."""
        [cell] = [c for c in self.cells if c.attrs.get("data-field") == name]
        return cell.text

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    attrs: dict[str, str]
    rows: list[Row] = field(default_factory=list)

    def body(self) -> list[Row]:
        return [r for r in self.rows if r.cells and r.attrs.get("_section") != "thead"]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.stack: list[Table] = []
        self.section = ""
        self.cell: Cell | None = None
        self.scripts: list[str] = []
        self.in_script = False
        self.chart_divs: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.stack.append(Table(values))
            self.tables.append(self.stack[-1])
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr" and self.stack:
            self.stack[-1].rows.append(Row({**values, "_section": self.section}))
        elif tag in ("td", "th") and self.stack and self.stack[-1].rows:
            self.cell = Cell(values)
            self.stack[-1].rows[-1].cells.append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.cell.links.append(values.get("href", ""))
        elif tag == "script":
            self.in_script = True
            self.scripts.append(values.get("src", ""))
        elif tag == "div" and "data-chart" in values:
            self.chart_divs.append(values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.stack:
            self.stack.pop()
        elif tag in ("td", "th"):
            if self.cell is not None:
                self.cell.text = " ".join(self.cell.text.split())
            self.cell = None
        elif tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data


@dataclass
class Page:
    tables: list[Table]
    scripts: list[str]
    chart_divs: list[dict[str, str]]
    html: str

    def table(self, **attrs: str) -> Table:
        """The one table whose attributes include these (id='totals', data_status='failed', …)."""
        wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
        found = [t for t in self.tables if all(t.attrs.get(k) == v for k, v in wanted.items())]
        assert len(found) == 1, f"{len(found)} tables with {wanted}"
        return found[0]

    def has_table(self, **attrs: str) -> bool:
        wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
        return any(all(t.attrs.get(k) == v for k, v in wanted.items()) for t in self.tables)


def read_page(path: Path) -> Page:
    html = path.read_text(encoding="utf-8")
    parser = _Parser()
    parser.feed(html)
    return Page(parser.tables, [s for s in parser.scripts if s], parser.chart_divs, html)
