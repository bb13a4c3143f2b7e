"""The document model every reader produces and every recogniser consumes.

A file becomes a :class:`Document`: pages, each holding blocks in reading order. A block is
either a :class:`Paragraph` of running text or a :class:`Table` grid of :class:`Row` s of
:class:`Cell` s. Every paragraph and cell keeps where it came from (page, text line, and for
PDFs the bounding box), so every fact derived from it can be traced back to its source.

Text files have one page whose ``number`` is ``None`` (a text file has no pages); PDF pages are
numbered from 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

BBox = tuple[float, float, float, float]
FileType = Literal["text", "pdf", "excel"]

# Every kind of white space a Chinese document uses, including the full-width space U+3000.
_WHITESPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’《》、"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")


def tidy_cjk(text: str) -> str:
    """Remove spaces next to CJK characters and punctuation (a PDF's glyph gaps, a typist's
    stray space before ，), keep line breaks and spaces between Latin words."""
    return "\n".join(_SPACE_BY_CJK.sub("", line).strip() for line in text.splitlines())


def excerpt(text: str | None, limit: int = 80) -> str | None:
    """The start of a printed text, one line, for messages and unread parts."""
    if not text:
        return None
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def squash(text: str) -> str:
    """Remove all white space, as the warehouse stores printed values ("whitespace removed")."""
    return _WHITESPACE.sub("", text)


@dataclass(frozen=True)
class Cell:
    """One cell of a table grid, with its position in the grid and in the source file."""

    text: str
    row: int
    col: int
    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    # how sure the reader is of the text, 0–1: set by OCR; None for a text layer or a text file
    confidence: float | None = None
    # PDF, a table drawn without vertical rules inside: where the cell's text lies across the page
    # (x0, x1). Its box is found from where the text of its row starts, so a cell whose neighbours
    # are empty on that page reaches over their columns; its text does not.
    ink: tuple[float, float] | None = None
    # OCR: the value read here and withheld as unsure (the cell's text is then empty; the page's
    # unread parts say why), so that a recogniser can say where it stood
    withheld: str | None = None

    @property
    def value(self) -> str:
        """The cell's text with all white space removed (line breaks of wrapped cells too)."""
        return squash(self.text)


@dataclass(frozen=True)
class Row:
    """One row of a table grid."""

    cells: tuple[Cell, ...]
    index: int
    page: int | None = None
    line: int | None = None

    @property
    def values(self) -> list[str]:
        return [c.value for c in self.cells]

    def nonempty(self) -> list[str]:
        return [v for v in self.values if v]

    def __len__(self) -> int:
        return len(self.cells)

    @property
    def where(self) -> str:
        """Where the row is printed, for messages: "page 3" (PDF) or "line 120" (text)."""
        return f"page {self.page}" if self.page is not None else f"line {self.line}"


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None  # as Cell.confidence


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    # PDF: the first row is the rest of a row cut by the page break before (its cells are open
    # at the top of the page), to be joined to the last row of the table on the page before.
    first_row_continues: bool = False
    # PDF: the last row is cut by the page break after it (its cells are open at the bottom of
    # the page) and goes on in the first row of the table at the top of the next page.
    last_row_continues: bool = False
    # PDF: drawn without vertical rules inside; its columns were found from where its text starts
    columns_from_text: bool = False
    # PDF: for each cell of the last row, whether its text runs down to the cell's bottom edge (a
    # row cut by a page break drawn closed shows it in the cells that go on over the break)
    last_row_full: tuple[bool, ...] = ()


Block = Paragraph | Table


@dataclass(frozen=True)
class UnreadPart:
    """A part of a document that was printed but could not be read into facts: a page (no text
    layer), a table (cut short, of a layout that broke its recogniser), a row (more or fewer cells
    than its heading), a paragraph's figures, or one value that does not fit its column. It is
    recorded with where it is and why, and the rest of the document still loads: one bad table
    costs that table, and a value that does not fit is never loaded as a figure."""

    part: Literal["page", "table", "row", "paragraph", "value"]
    reason: str  # for a person: what was expected and what was found
    source_page: int | None = None
    source_line: int | None = None
    table_kind: str | None = None
    project_name: str | None = None
    column_name: str | None = None  # for a value: the warehouse column it was meant for
    text: str | None = None  # an excerpt of what is printed there
    table_no: int | None = None
    # a standard table's figure: where it stands (fact_standard_value's row_no, block_no, column_key)
    row_no: int | None = None
    block_no: int | None = None
    column_key: str | None = None


@dataclass
class Page:
    number: int | None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    """A parsed file. ``doc_id`` is the sha256 of the file's bytes."""

    doc_id: str
    source_file: str
    file_type: FileType
    pages: list[Page]
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    # parts the reader could not read (pages without a text layer, …); the recognisers add theirs
    unread: list[UnreadPart] = field(default_factory=list)

    def blocks(self) -> Iterator[Block]:
        for page in self.pages:
            yield from page.blocks

    def paragraphs(self) -> Iterator[Paragraph]:
        for block in self.blocks():
            if isinstance(block, Paragraph):
                yield block

    def tables(self) -> Iterator[Table]:
        for block in self.blocks():
            if isinstance(block, Table):
                yield block

    def text(self) -> str:
        """All running text and cell text in reading order, one block a line."""
        parts: list[str] = []
        for block in self.blocks():
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                for row in block.rows:
                    parts.append("\t".join(c.text for c in row.cells))
        return "\n".join(parts)

    @property
    def page_count(self) -> int | None:
        """Pages for a PDF; ``None`` for a text file, which has no pages."""
        if self.file_type == "text":
            return None
        return len(self.pages)


class DocumentError(Exception):
    """A file cannot be turned into a document or into facts. The message is for a person."""
