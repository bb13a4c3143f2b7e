"""Reader for the text form of the documents (the seeds' tab-cell format).

The format, as DOMAIN.md describes it: a table row begins after a blank line; each cell is a line
that starts with a TAB; a line without a TAB right after a cell continues that cell (wrapped
text); a merged cell shows up as an empty cell. Real files are damaged, and this reader repairs
what it can:

* a row glued to the one before it (a line starting with spaces then a TAB) starts a new row;
* a heading or a ``项目名称：`` line that follows a cell without a blank line ends the table
  instead of being swallowed as wrapped text of the last cell;
* rows whose TABs were lost (``总分\\n100\\n96.95分``) stay as the wrapped lines of one cell, and
  the recognisers read them line by line.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from charset_normalizer import from_bytes

from pipelines.model import Cell, Document, DocumentError, Page, Paragraph, Row, Table
from pipelines.text_patterns import TABLE_BREAK

_GLUED_ROW = re.compile(r"^[ \u3000]+\t")

# Share of characters that may be control characters before a "text" file is called binary.
_MAX_CONTROL_SHARE = 0.01

# Byte-order marks, longest first (a UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# The legacy encodings a Chinese text file comes in when it is not UTF-8: GB18030 (a superset of
# GBK and GB2312, simplified Chinese) and Big5 (traditional Chinese). GB18030 decodes almost any
# bytes without an error, so the two are told apart by charset_normalizer, not by trying.
_LEGACY = ("gb18030", "big5")


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Decode a text file's bytes and name the encoding: a byte-order mark decides (UTF-8, UTF-16,
    UTF-32); else UTF-8; else GB18030 or Big5, as charset_normalizer finds. Raises DocumentError
    for an empty file, binary content, a file cut in the middle of a character, or bytes that are
    text in none of these encodings."""
    if not data.strip():
        raise DocumentError(f"{source}: the file is empty")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"{source}: the file starts with a {name.upper()} byte-order mark but is not valid {name.upper()} "
                    f"from byte {exc.start + len(bom)} on (cut or damaged)"
                ) from None
            return _checked(text, name, source)
    if b"\x00" in data[:65536]:
        raise DocumentError(f"{source}: the file is binary (it contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8", source)
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            raise DocumentError(
                f"{source}: the file is truncated: it ends in the middle of a UTF-8 character"
            ) from None
    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is None or best.encoding not in _LEGACY:
        raise DocumentError(f"{source}: the file is not text in any known encoding (tried UTF-8, GB18030, Big5)")
    try:
        text = data.decode(best.encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{source}: the file looks like {best.encoding.upper()} but is not valid {best.encoding.upper()} "
            f"from byte {exc.start} on"
        ) from None
    return _checked(text, best.encoding, source)


def _checked(text: str, encoding: str, source: str) -> tuple[str, str]:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise DocumentError(f"{source}: the file looks binary ({controls} control characters in {len(text)}), not text")
    return text, encoding


def parse_text(text: str, source_file: str, doc_id: str, encoding: str | None = None) -> Document:
    """Turn decoded text in the tab-cell format into a one-page :class:`Document`."""
    blocks: list[Paragraph | Table] = []
    rows: list[Row] = []
    cells: list[list] = []  # [text, line] of the row being read
    row_line: int | None = None

    def end_row() -> None:
        nonlocal cells, row_line
        if cells:
            index = len(rows)
            rows.append(
                Row(
                    cells=tuple(Cell(text=t.strip("\n"), row=index, col=i, line=ln) for i, (t, ln) in enumerate(cells)),
                    index=index,
                    line=row_line,
                )
            )
        cells, row_line = [], None

    def end_table() -> None:
        nonlocal rows
        end_row()
        if rows:
            blocks.append(Table(rows=tuple(rows), line=rows[0].line))
        rows = []

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip(" \u3000\t") and "\t" not in line:
            end_row()  # a blank line ends a row; the table goes on until running text
            continue
        if _GLUED_ROW.match(line):
            end_row()
            line = line.lstrip(" \u3000")
        if line.startswith("\t"):
            if not cells:
                row_line = number
            cells.append([line[1:], number])
        elif cells and not TABLE_BREAK.match(line):
            cells[-1][0] += "\n" + line  # wrapped text of the last cell
        else:
            end_table()
            if line.strip():
                blocks.append(Paragraph(text=line.strip(" \u3000"), line=number))
    end_table()
    return Document(
        doc_id=doc_id,
        source_file=source_file,
        file_type="text",
        pages=[Page(number=None, blocks=blocks)],
        encoding=encoding,
    )


def read_text(path: Path, data: bytes | None = None) -> Document:
    """Read a text file into a :class:`Document` from ``data`` (its bytes, read once by the caller).
    Raises DocumentError with a reason. A file in Big5 (traditional Chinese) says so in a warning."""
    if data is None:
        data = path.read_bytes()
    text, encoding = decode_text(data, path.name)
    document = parse_text(text, path.name, hashlib.sha256(data).hexdigest(), encoding)
    if encoding == "big5":
        document.warnings.append(
            f"{path.name}: the text is in Big5 (traditional Chinese), decoded as such; tables are recognised "
            "by their simplified-Chinese headings"
        )
    return document
