#!/usr/bin/env python
"""Generate the PDF fixtures in ``tests/fixtures/pdf/`` from the five seed text files.

Run from the repository root::

    .venv/bin/python scripts/make_pdf_fixtures.py                 # everything (about a minute)
    .venv/bin/python scripts/make_pdf_fixtures.py --skip-big      # all but big_500_pages.pdf
    .venv/bin/python scripts/make_pdf_fixtures.py --only seed004_reportlab_landscape
    .venv/bin/python scripts/make_pdf_fixtures.py --check-only    # only the pdfplumber check

Needs (Debian): ``apt-get install -y fonts-wqy-zenhei libreoffice-writer``; the script stops with
a clear message when the font or LibreOffice is missing. The seeds are parsed with the project's
own text reader (``pipelines.readers.text.read_text``), so every fixture prints exactly the
paragraphs and the table cells of the text form, in the same order.

What each fixture covers
------------------------
``seedNNN_reportlab_{portrait,landscape}.pdf``
    The whole seed drawn with reportlab (platypus), CJK font WenQuanYi Zen Hei embedded as a
    subset. Paragraphs are text; tables are RULED (a grid line on every cell border). Layout of
    a text table whose rows have different cell counts: every run of consecutive rows with the
    same number of cells is one reportlab ``Table`` with equal-width columns over the full text
    width; the runs are stacked with no gap, so their ruled lines touch and form one ruled
    table on the page (column lines of different runs do not line up). Long tables continue on
    the next page; a run that starts with an indicator heading row (一级指标 二级指标 三级指标 …)
    repeats that row at the top of the next page (``repeatRows=1``), and the row that meets the
    page end is cut in two (each cell's text split at the page end, at least two lines on the
    first page; done by ``RuledTable.split`` below, as reportlab's own ``splitInRow`` misplaces
    rows when combined with ``repeatRows``). Seeds 000-003 portrait, 002 also landscape, 004
    landscape and portrait.
``seedNNN_libreoffice_{portrait,landscape}.pdf``
    The whole seed written as a .docx with python-docx (paragraphs + Word tables, style 'Table
    Grid') and converted by ``libreoffice --headless --convert-to pdf``. Layout: a common grid
    of N equal columns (N = the largest cell count of the Word table) in which a row of k cells
    gives cell i the grid columns floor(i*N/k) .. floor((i+1)*N/k)-1 (horizontal spans,
    ``w:gridSpan``). A text table is cut into Word tables right before each indicator heading
    row and each one-cell title row (项目支出绩效自评表) that follows a wider row, with an empty
    1-pt paragraph between them (LibreOffice would join Word tables that touch and then repeat
    only the first one's heading): a 1.5 pt gap that pdfplumber's 3 pt snapping closes, so
    they print as one ruled table (a double line at the cut). The indicator heading row is the
    first row of its Word table and is marked as a repeating header row (``w:tblHeader``).
    Word rows may break across pages (no ``w:cantSplit``), so LibreOffice cuts tall rows at
    page ends. Seeds 000-003 portrait, 002 also landscape, 004 landscape.
``table_row_split_across_pages.pdf`` (reportlab) and ``table_row_split_across_pages_libreoffice.pdf``
    A few rows of one 14-column 项目支出绩效自评表 of seed 004 (project 第八届中国—亚欧博览会经费:
    its indicator heading row and 9 indicator rows), landscape; blank space above the table puts
    the row 境外参展企业数量（家）, whose 偏差原因分析及改进措施 cell is long, at the bottom of page 1
    so that the page break cuts it; page 2 begins with the repeated heading row and then the
    rest of the cut row. For LibreOffice the space is measured on a first rendering and
    checked. The script prints where the cut fell.
``bad_zero_bytes.pdf``       an empty file.
``bad_truncated.pdf``        the first 60% of the bytes of seed000_reportlab_portrait.pdf.
``bad_encrypted.pdf``        seed000_reportlab_portrait.pdf encrypted by pypdf with the user
                             password ``secret`` (owner password ``owner``), RC4-128.
``bad_random_bytes.pdf``     4096 random bytes (random.Random(20240601)).
``bad_no_tables.pdf``        a real text PDF (reportlab) of seed 000's paragraphs only, no table.
``bad_scanned_page.pdf``     one A4 page that is only a grey-scale image (Pillow, 150 dpi) of seed
                             000's first paragraphs and the first rows of its table; no text
                             layer, no vector lines.
``bad_cid_garbage.pdf``      seed000_reportlab_portrait.pdf with the /ToUnicode maps of its fonts
                             removed (pypdf): pdfplumber extracts ``(cid:NN)`` instead of text.
``big_500_pages.pdf``        exactly 500 landscape pages (reportlab) of seed 004's paragraphs
                             and ruled tables, repeated: each page is one chunk (10 paragraphs,
                             or one project table) shrunk to fit the page if needed. It is about
                             1.5 MB, under the 4 MB limit for committing it.

Deterministic where possible: reportlab runs with ``invariant=1``, the random bytes use a fixed
seed, and LibreOffice's creation date, /DocChecksum and file /ID are overwritten in place
(same length) with fixed or content-derived values, so regenerating on the same machine gives
byte-identical files (pypdf's random second half of the file /ID in ``bad_encrypted.pdf`` is
set to the first half). Another LibreOffice, reportlab or font version changes the files.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipelines.model import Paragraph, Row, Table  # noqa: E402
from pipelines.readers.text import read_text  # noqa: E402

RAW = ROOT / "data" / "raw"
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "pdf"

FONT_CANDIDATES = [
    os.environ.get("PDF_FIXTURE_FONT", ""),
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
]
FONT_FAMILY = "WenQuanYi Zen Hei"  # the family name LibreOffice finds through fontconfig
RL_FONT = "WQYZenHei"  # the name registered with reportlab

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
MARGIN = 15 * MM
FRAME_PADDING = 6

RANDOM_SEED = 20240601
ENCRYPT_USER_PASSWORD = "secret"
ENCRYPT_OWNER_PASSWORD = "owner"
BIG_PAGES = 500
BIG_MAX_BYTES = 4 * 1024 * 1024


# --------------------------------------------------------------------------------------------
# Environment


def font_path() -> Path:
    for candidate in FONT_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise SystemExit(
        "make_pdf_fixtures: the CJK font WenQuanYi Zen Hei (wqy-zenhei.ttc) is missing.\n"
        "  Install it with: apt-get update && apt-get install -y fonts-wqy-zenhei\n"
        "  (or point PDF_FIXTURE_FONT at a wqy-zenhei.ttc)."
    )


def libreoffice_binary() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit(
        "make_pdf_fixtures: LibreOffice is missing (no soffice / libreoffice on PATH).\n"
        "  Install it with: apt-get update && apt-get install -y libreoffice-writer"
    )


_registered = False


def register_font() -> None:
    global _registered
    if _registered:
        return
    from reportlab import rl_config

    rl_config.useA85 = 0  # binary streams: ASCII85 would add a quarter to every file
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(RL_FONT, str(font_path()), subfontIndex=0))
    _registered = True


# --------------------------------------------------------------------------------------------
# Seeds


def seed_file(n: int) -> Path:
    found = sorted(RAW.glob(f"{n:03d}_*.txt"))
    if not found:
        raise SystemExit(f"make_pdf_fixtures: no seed {n:03d}_*.txt in {RAW}")
    return found[0]


_seed_cache: dict[int, list] = {}


def seed_blocks(n: int) -> list[Paragraph | Table]:
    """The seed's blocks (paragraphs and tables) as the project's text reader reads them."""
    if n not in _seed_cache:
        doc = read_text(seed_file(n))
        _seed_cache[n] = [b for page in doc.pages for b in page.blocks]
    return _seed_cache[n]


def is_indicator_heading(row: Row) -> bool:
    values = row.values
    return "一级指标" in values and "二级指标" in values and "三级指标" in values


def runs_of_equal_width(rows: Sequence[Row]) -> list[list[Row]]:
    """Consecutive rows with the same number of cells; a new run also starts at an indicator
    heading row, so that the heading is the first row of its run (and can be repeated)."""
    runs: list[list[Row]] = []
    for row in rows:
        if runs and len(runs[-1][0].cells) == len(row.cells) and not is_indicator_heading(row):
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def spans(k: int, n: int) -> list[tuple[int, int]]:
    """Grid columns [start, end) of each of k cells spread over a common grid of n columns."""
    return [((i * n) // k, ((i + 1) * n) // k) for i in range(k)]


# --------------------------------------------------------------------------------------------
# reportlab


class Layout:
    def __init__(self, landscape: bool, body_size: float, cell_size: float):
        self.landscape = landscape
        self.pagesize = (A4[1], A4[0]) if landscape else A4
        # The frame of SimpleDocTemplate keeps a padding of 6 pt on every side.
        self.width = self.pagesize[0] - 2 * MARGIN - 2 * FRAME_PADDING
        self.height = self.pagesize[1] - 2 * MARGIN - 2 * FRAME_PADDING
        self.body_size = body_size
        self.cell_size = cell_size


def layout_for(seed: int, landscape: bool) -> Layout:
    if seed == 4:
        return Layout(landscape, 9, 7 if landscape else 6)
    if seed == 3:
        return Layout(landscape, 9, 8)
    return Layout(landscape, 10, 9)


def _styles(layout: Layout):
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle(
        "body",
        fontName=RL_FONT,
        fontSize=layout.body_size,
        leading=layout.body_size * 1.4,
        wordWrap="CJK",
        spaceAfter=layout.body_size * 0.4,
    )
    cell = ParagraphStyle(
        "cell",
        fontName=RL_FONT,
        fontSize=layout.cell_size,
        leading=layout.cell_size * CELL_LEADING,
        wordWrap="CJK",
    )
    return body, cell


def _markup(text: str) -> str:
    # Keep the full-width indentation; reportlab collapses ordinary runs of spaces only.
    return "<br/>".join(escape(line) for line in text.split("\n"))


PAD_LEFT, PAD_TOP, PAD_BOTTOM = 2.0, 1.5, 2.5
CELL_LEADING = 1.25  # line height of cell text, in font sizes


def pad_right(font_size: float) -> float:
    return font_size + 1.5


def _grid_style(font_size: float):
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_LEFT),
            # reportlab's CJK wrapping hangs closing punctuation (、，）。) past the line's
            # width; a right padding of one character keeps it inside the cell, so that
            # pdfplumber does not give it to the next cell.
            ("RIGHTPADDING", (0, 0), (-1, -1), pad_right(font_size)),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
            ("FONTNAME", (0, 0), (-1, -1), RL_FONT),
            ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ]
    )


_RULED_TABLE_CLASS = None


def ruled_table_class():
    """A reportlab Table that repeats its heading row and cuts a row in two at a page break.

    reportlab's own ``splitInRow=1`` combined with ``repeatRows`` misplaces rows in reportlab
    5.x (the repeated heading lands in the middle of page 1 and the rest of the cut row is
    drawn inside the heading row of page 2), so the cut is done here: the rows that fit stay
    on this page, the first row that does not fit is cut (each cell's paragraph split at the
    room left, at least two lines a cell), and the next page starts with the heading row (if
    any) and the rest of the cut row.
    """
    global _RULED_TABLE_CLASS
    if _RULED_TABLE_CLASS is not None:
        return _RULED_TABLE_CLASS
    from reportlab.platypus import Table as RLTable

    class RuledTable(RLTable):
        def __init__(self, data, col_widths, font_size: float, heading: bool):
            self._fixture_data = data
            self._fixture_widths = col_widths
            self._fixture_size = font_size
            self._fixture_heading = heading
            super().__init__(
                data,
                colWidths=col_widths,
                repeatRows=1 if heading else 0,
                splitByRow=1,
                splitInRow=0,
                style=_grid_style(font_size),
                hAlign="LEFT",
                spaceBefore=0,
                spaceAfter=0,
            )

        def _again(self, data, heading):
            return RuledTable(data, self._fixture_widths, self._fixture_size, heading)

        def split(self, availWidth, availHeight):
            self._calc(availWidth, availHeight)
            heights = self._rowHeights
            used, i = 0.0, 0
            while i < len(heights) and used + heights[i] <= availHeight + 1e-6:
                used += heights[i]
                i += 1
            if i >= len(heights):
                return [self]
            data = self._fixture_data
            head = 1 if self._fixture_heading else 0
            room = availHeight - used
            first, rest = self._cut_row(data[i], room)
            if first is None:
                # No room to cut this row: plain split between rows.
                if i <= head:
                    return []  # nothing but the heading would fit: the whole table moves on
                return [
                    self._again(data[:i], self._fixture_heading),
                    self._again(data[:head] + data[i:], self._fixture_heading),
                ]
            return [
                self._again(data[:i] + [first], self._fixture_heading),
                self._again(data[:head] + [rest] + data[i + 1 :], self._fixture_heading),
            ]

        def _cut_row(self, row, room):
            """Cut one row's cells at ``room`` points; (None, None) when it cannot be cut."""
            pad_v = PAD_TOP + PAD_BOTTOM
            min_height = 2 * self._fixture_size * CELL_LEADING  # two lines of text
            if room - pad_v < min_height:
                return None, None
            first, rest = [], []
            for cell, width in zip(row, self._fixture_widths):
                if isinstance(cell, str):
                    first.append(cell)
                    rest.append("")
                    continue
                inner_w = width - PAD_LEFT - pad_right(self._fixture_size)
                _, h = cell.wrap(inner_w, room - pad_v)
                if h <= room - pad_v + 1e-6:
                    first.append(cell)
                    rest.append("")
                    continue
                parts = cell.split(inner_w, room - pad_v)
                if len(parts) == 2:
                    first.append(parts[0])
                    rest.append(parts[1])
                else:
                    first.append("")
                    rest.append(cell)
            if all(c == "" for c in first):
                return None, None
            return first, rest

    _RULED_TABLE_CLASS = RuledTable
    return RuledTable


def rl_table_runs(rows: Sequence[Row], layout: Layout, cell_style) -> list:
    """One ruled table per run of equal-width rows, stacked with no gap."""
    from reportlab.platypus import Paragraph as RLParagraph

    table_class = ruled_table_class()
    out = []
    for run in runs_of_equal_width(rows):
        k = len(run[0].cells)
        data = [[RLParagraph(_markup(c.text), cell_style) if c.text else "" for c in row.cells] for row in run]
        heading = is_indicator_heading(run[0]) and len(run) > 1
        out.append(table_class(data, [layout.width / k] * k, layout.cell_size, heading))
    return out


def rl_flowables(blocks: Iterable[Paragraph | Table], layout: Layout, tables: bool = True) -> list:
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Spacer

    body, cell = _styles(layout)
    out: list = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(RLParagraph(_markup(block.text), body))
        elif tables:
            out.append(Spacer(1, 3))
            out.extend(rl_table_runs(block.rows, layout, cell))
            out.append(Spacer(1, 6))
    return out


def rl_build(flowables: list, layout: Layout, title: str) -> bytes:
    from reportlab.platypus import SimpleDocTemplate

    register_font()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=layout.pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="make_pdf_fixtures.py",
        creator="reportlab",
        invariant=1,
    )
    doc.build(flowables)
    return buf.getvalue()


def rl_seed(seed: int, landscape: bool) -> bytes:
    register_font()
    layout = layout_for(seed, landscape)
    return rl_build(rl_flowables(seed_blocks(seed), layout), layout, seed_file(seed).name)


# --------------------------------------------------------------------------------------------
# python-docx + LibreOffice


def _docx_new(landscape: bool, body_size: float):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Emu, Pt

    document = Document()
    section = document.sections[0]
    width, height = Emu(int(A4[0] * 12700)), Emu(int(A4[1] * 12700))
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Emu(int(MARGIN * 12700)))
    # Core properties fixed, so the .docx itself does not depend on the clock.
    import datetime as _dt

    props = document.core_properties
    props.author = "make_pdf_fixtures.py"
    props.created = props.modified = _dt.datetime(2024, 6, 1)
    props.last_modified_by = "make_pdf_fixtures.py"
    props.revision = 1

    normal = document.styles["Normal"]
    normal.font.name = FONT_FAMILY
    normal.font.size = Pt(body_size)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT_FAMILY)
    normal.paragraph_format.space_after = Pt(body_size * 0.4)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    return document


def _docx_text_width(document) -> int:
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _docx_fill(cell_or_par, text: str, size: float) -> None:
    from docx.shared import Pt

    paragraph = cell_or_par.paragraphs[0] if hasattr(cell_or_par, "paragraphs") else cell_or_par
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(0)
    fmt.space_before = Pt(0)
    fmt.line_spacing = 1.0
    lines = text.split("\n")
    run = paragraph.add_run(lines[0])
    run.font.size = Pt(size)
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)


def docx_table_segments(rows: Sequence[Row]) -> list[list[Row]]:
    """Cut a text table into Word tables: right before every indicator heading row, and right
    before a one-cell title row (项目支出绩效自评表) that follows a row of several cells, so that
    a repeated heading row never lands above the next table's title and fund rows."""
    segments: list[list[Row]] = []
    for row in rows:
        title = len(row.cells) == 1 and segments and len(segments[-1][-1].cells) > 1
        if not segments or is_indicator_heading(row) or title:
            segments.append([row])
        else:
            segments[-1].append(row)
    return segments


def docx_add_table(document, rows: Sequence[Row], cell_size: float, header_first: bool) -> None:
    """One Word table on a common grid of N equal columns, cells spread with w:gridSpan."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu
    from docx.table import _Cell

    n = max(len(r.cells) for r in rows)
    width = _docx_text_width(document)
    col = Emu(width // n)
    table = document.add_table(rows=0, cols=n)
    table.style = "Table Grid"
    table.autofit = False
    for grid_col in table._tbl.tblGrid.gridCol_lst:
        grid_col.w = col
    for index, row in enumerate(rows):
        word_row = table.add_row()
        tr = word_row._tr
        tcs = list(tr.tc_lst)
        k = len(row.cells)
        for tc in tcs[k:]:
            tr.remove(tc)
        for cell, tc, (start, end) in zip(row.cells, tcs, spans(k, n)):
            tcpr = tc.get_or_add_tcPr()
            if end - start > 1:
                tcpr.grid_span = end - start
            tc.width = Emu(col * (end - start))
            if cell.text:
                _docx_fill(_Cell(tc, table), cell.text, cell_size)
            else:
                _docx_fill(_Cell(tc, table), "", cell_size)
        if index == 0 and header_first:
            trpr = tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            trpr.append(header)


def docx_hairline_paragraph(document) -> None:
    """An empty paragraph 1 pt high between two Word tables of one text table.

    LibreOffice joins Word tables that follow each other with nothing between them into one
    table, and then repeats only the first table's heading row; this paragraph keeps them apart
    with a gap of 1.5 pt, which pdfplumber's snapping (3 pt) closes: one ruled table."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    rpr = OxmlElement("w:rPr")  # the paragraph mark's own size: 1 pt
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    rpr.append(size)
    paragraph._p.get_or_add_pPr().append(rpr)


def docx_seed(seed: int, landscape: bool):
    layout = layout_for(seed, landscape)
    document = _docx_new(landscape, layout.body_size)
    blocks = seed_blocks(seed)
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
            continue
        for n, segment in enumerate(docx_table_segments(block.rows)):
            if n:
                docx_hairline_paragraph(document)
            header = is_indicator_heading(segment[0]) and len(segment) > 1
            docx_add_table(document, segment, layout.cell_size, header)
        # A paragraph between two text tables keeps them apart (Word would join them).
        if i + 1 == len(blocks) or isinstance(blocks[i + 1], Table):
            document.add_paragraph("")
    return document


def libreoffice_pdf(document, stem: str) -> bytes:
    soffice = libreoffice_binary()
    font_path()
    with tempfile.TemporaryDirectory(prefix="pdf_fixtures_") as tmp:
        tmpdir = Path(tmp)
        source = tmpdir / f"{stem}.docx"
        document.save(source)
        profile = (tmpdir / "lo_profile").as_uri()
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(tmpdir),
            str(source),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        target = tmpdir / f"{stem}.pdf"
        if proc.returncode != 0 or not target.exists():
            raise SystemExit(
                f"make_pdf_fixtures: LibreOffice failed to convert {source.name}:\n{proc.stdout}\n{proc.stderr}"
            )
        return normalise_libreoffice(target.read_bytes())


def normalise_libreoffice(pdf: bytes) -> bytes:
    """Make LibreOffice's output repeatable: its creation date, document checksum and file ID
    change on every run. Each is overwritten in place with a value of the same length (a fixed
    date; the ID and checksum from the md5 of the rest), so the cross-reference offsets hold."""
    pdf = re.sub(rb"/(CreationDate|ModDate)\(D:\d{14}", rb"/\1(D:20240601000000", pdf)
    blank = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, pdf)
    blank = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]", b"", blank)
    digest = hashlib.md5(blank).hexdigest().upper().encode()
    pdf = re.sub(rb"(/DocChecksum /)[0-9A-F]{32}", rb"\g<1>" + digest, pdf)
    pdf = re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + digest + b">", pdf)
    return pdf


def lo_seed(seed: int, landscape: bool, stem: str) -> bytes:
    return libreoffice_pdf(docx_seed(seed, landscape), stem)


# --------------------------------------------------------------------------------------------
# The row split across a page break


SPLIT_LONG_INDICATOR = "境外参展企业数量（家）"
SPLIT_ROOM_LINES = 5  # lines of the long row's tallest cell that fit on page 1
SPLIT_START_TEXT = "预估有120家"  # the long cell's first and last words
SPLIT_END_TEXT = "明显提高"


def split_rows() -> list[Row]:
    """The indicator heading row and the indicator rows of the project table that holds the
    row 境外参展企业数量（家） in seed 004, up to two rows after it."""
    for block in seed_blocks(4):
        if not isinstance(block, Table):
            continue
        rows = list(block.rows)
        for i, row in enumerate(rows):
            if len(row.cells) == 14 and SPLIT_LONG_INDICATOR in row.values:
                start = max(j for j in range(i) if is_indicator_heading(rows[j]))
                chosen = [rows[start]]
                chosen += [r for r in rows[start + 1 : i + 3] if any(r.values)]
                return chosen
    raise SystemExit("make_pdf_fixtures: seed 004 has no row 境外参展企业数量（家）")


def split_layout() -> Layout:
    return Layout(True, 10, 7)


def rl_split_fixture() -> bytes:
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Spacer

    register_font()
    layout = split_layout()
    body, cell = _styles(layout)
    rows = split_rows()
    title = RLParagraph(_markup("项目支出绩效自评表（一行跨页）"), body)
    tables = rl_table_runs(rows, layout, cell)
    assert len(tables) == 1
    table = tables[0]
    table.wrap(layout.width, layout.height)
    heights = table._rowHeights
    long_index = next(i for i, r in enumerate(rows) if SPLIT_LONG_INDICATOR in r.values)
    _, title_h = title.wrap(layout.width, layout.height)
    room = SPLIT_ROOM_LINES * cell.leading + 4
    used = title_h + body.spaceAfter + sum(heights[:long_index])
    spacer = layout.height - used - room
    return rl_build([title, Spacer(1, spacer), table], layout, "table_row_split_across_pages")


def _lo_split_pdf(spacer: float) -> bytes:
    from docx.shared import Pt

    layout = split_layout()
    document = _docx_new(True, layout.body_size)
    document.add_paragraph("项目支出绩效自评表（一行跨页）")
    # Push the table down so that the long row starts near the bottom of page 1.
    filler = document.add_paragraph("")
    filler.paragraph_format.space_before = Pt(spacer)
    docx_add_table(document, split_rows(), layout.cell_size, header_first=True)
    document.add_paragraph("")
    return libreoffice_pdf(document, "table_row_split_across_pages_libreoffice")


def _where(pdf_bytes: bytes, needle: str) -> tuple[int, float] | None:
    """(page number, top) of ``needle`` in the last column of the table (the long cell's
    column, 偏差原因分析及改进措施), read with pdfplumber: the characters right of the last
    column line, in reading order, hold that column's cells one after the other."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            tables = page.find_tables()
            if not tables:
                continue
            last_col = max(c[0] for c in tables[0].cells)
            chars = sorted(
                (c for c in page.chars if c["x0"] >= last_col and c["text"].strip()),
                key=lambda c: (round(c["top"]), c["x0"]),
            )
            text = "".join(c["text"] for c in chars)
            at = text.find(needle)
            if at >= 0:
                return number, chars[at]["top"]
    return None


def lo_split_fixture() -> bytes:
    """LibreOffice lays the rows out itself: render once without a spacer, see where the long
    row starts, then push it down to leave a few lines of it on page 1 (checked, retried)."""
    layout = split_layout()
    room = SPLIT_ROOM_LINES * layout.cell_size * 1.25 + 6
    bottom = layout.pagesize[1] - MARGIN
    start = _where(_lo_split_pdf(0), SPLIT_START_TEXT)
    if start is None or start[0] != 1:
        raise SystemExit("make_pdf_fixtures: the long row does not start on page 1 without spacer")
    spacer = max(0.0, bottom - room - start[1])
    for _ in range(6):
        data = _lo_split_pdf(spacer)
        head, tail = _where(data, SPLIT_START_TEXT), _where(data, SPLIT_END_TEXT)
        if head and tail and head[0] == 1 and tail[0] == 2:
            return data
        spacer += -12 if head and head[0] == 2 else 12
    raise SystemExit("make_pdf_fixtures: could not make LibreOffice cut the long row")


# --------------------------------------------------------------------------------------------
# Bad inputs


def bad_truncated() -> bytes:
    good = rl_seed(0, False)
    return good[: int(len(good) * 0.6)]


def bad_encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(rl_seed(0, False)))
    writer = PdfWriter(clone_from=reader)
    writer.encrypt(
        user_password=ENCRYPT_USER_PASSWORD,
        owner_password=ENCRYPT_OWNER_PASSWORD,
        algorithm="RC4-128",
    )
    buf = io.BytesIO()
    writer.write(buf)
    # pypdf draws the second half of the file /ID at random on every write; the key comes
    # from the first half only, so repeat that (same length: the offsets hold).
    return re.sub(
        rb"/ID\s*\[\s*<([0-9a-fA-F]{32})>\s*<[0-9a-fA-F]{32}>",
        lambda m: m.group(0)[:-34] + b"<" + m.group(1) + b">",
        buf.getvalue(),
    )


def bad_random_bytes() -> bytes:
    return random.Random(RANDOM_SEED).randbytes(4096)


def bad_no_tables() -> bytes:
    register_font()
    layout = layout_for(0, False)
    return rl_build(rl_flowables(seed_blocks(0), layout, tables=False), layout, "bad_no_tables")


def bad_scanned_page() -> bytes:
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    dpi = 150
    px = lambda pt: int(round(pt * dpi / 72))  # noqa: E731
    w, h = px(A4[0]), px(A4[1])
    image = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(image)
    draw.fontmode = "1"  # no anti-aliasing: two grey levels compress far better
    font = ImageFont.truetype(str(font_path()), size=px(11), index=0)
    small = ImageFont.truetype(str(font_path()), size=px(9), index=0)
    left, right = px(MARGIN), w - px(MARGIN)
    y = px(MARGIN)
    line_h = px(11 * 1.5)

    def wrap(text: str, f, width: int) -> list[str]:
        lines, current = [], ""
        for ch in text:
            if f.getlength(current + ch) > width:
                lines.append(current)
                current = ch
            else:
                current += ch
        return lines + [current] if current else lines

    blocks = seed_blocks(0)
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    for p in paragraphs[:12]:
        for line in wrap(p.text, font, right - left):
            draw.text((left, y), line, font=font, fill=0)
            y += line_h
        y += px(3)
    table = next(b for b in blocks if isinstance(b, Table))
    y += px(6)
    col_w = (right - left) // 4
    for row in table.rows[:6]:
        cell_lines = [wrap(c.text.replace("\n", ""), small, col_w - px(4)) for c in row.cells]
        row_h = max(1, max(len(x) for x in cell_lines)) * px(9 * 1.3) + px(4)
        if y + row_h > h - px(MARGIN):
            break
        for i, lines in enumerate(cell_lines):
            x0 = left + i * col_w
            draw.rectangle([x0, y, x0 + col_w, y + row_h], outline=0, width=2)
            for j, line in enumerate(lines):
                draw.text((x0 + px(2), y + px(2) + j * px(9 * 1.3)), line, font=small, fill=0)
        y += row_h
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=True)
    png.seek(0)

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("bad_scanned_page")
    c.drawImage(ImageReader(png), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return buf.getvalue()


def bad_cid_garbage() -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(io.BytesIO(rl_seed(0, False)))
    writer = PdfWriter(clone_from=reader)
    seen = set()
    for page in writer.pages:
        fonts = page["/Resources"].get_object().get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            if NameObject("/ToUnicode") in font:
                del font[NameObject("/ToUnicode")]
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# 500 pages


def big_500_pages() -> bytes:
    from reportlab.platypus import KeepInFrame, PageBreak

    register_font()
    layout = layout_for(4, True)
    body, cell = _styles(layout)
    chunks: list[list] = []
    paragraphs: list = []
    for block in seed_blocks(4):
        if isinstance(block, Paragraph):
            paragraphs.append(block)
            if len(paragraphs) == 10:
                chunks.append(rl_flowables(paragraphs, layout))
                paragraphs = []
            continue
        if paragraphs:
            chunks.append(rl_flowables(paragraphs, layout))
            paragraphs = []
        # One chunk per project table: cut before every one-cell title row that follows rows.
        part: list[Row] = []
        for row in block.rows:
            title = len(row.cells) == 1 and "自评表" in row.values[0]
            if title and part and len(part) > 3:
                chunks.append(rl_table_runs(part, layout, cell))
                part = []
            part.append(row)
        if part:
            chunks.append(rl_table_runs(part, layout, cell))
    if paragraphs:
        chunks.append(rl_flowables(paragraphs, layout))
    flowables: list = []
    for page in range(BIG_PAGES):
        content = chunks[page % len(chunks)]
        # Flowables are consumed by a build: give each page fresh copies.
        import copy

        flowables.append(KeepInFrame(layout.width, layout.height - 2, copy.deepcopy(content), mode="shrink"))
        if page + 1 < BIG_PAGES:
            flowables.append(PageBreak())
    return rl_build(flowables, layout, "big_500_pages")


# --------------------------------------------------------------------------------------------
# Registry


def _seed_fixtures() -> dict[str, Callable[[], bytes]]:
    out: dict[str, Callable[[], bytes]] = {}
    variants = [(0, False), (1, False), (2, False), (3, False), (2, True), (4, True), (4, False)]
    for seed, landscape in variants:
        orient = "landscape" if landscape else "portrait"
        out[f"seed{seed:03d}_reportlab_{orient}.pdf"] = lambda s=seed, wide=landscape: rl_seed(s, wide)
    for seed, landscape in variants:
        if seed == 4 and not landscape:
            continue  # 14 columns in portrait through LibreOffice: too narrow to be useful
        orient = "landscape" if landscape else "portrait"
        stem = f"seed{seed:03d}_libreoffice_{orient}"
        out[f"{stem}.pdf"] = lambda s=seed, wide=landscape, st=stem: lo_seed(s, wide, st)
    return out


FIXTURES: dict[str, Callable[[], bytes]] = {
    **_seed_fixtures(),
    "table_row_split_across_pages.pdf": rl_split_fixture,
    "table_row_split_across_pages_libreoffice.pdf": lo_split_fixture,
    "bad_zero_bytes.pdf": lambda: b"",
    "bad_truncated.pdf": bad_truncated,
    "bad_encrypted.pdf": bad_encrypted,
    "bad_random_bytes.pdf": bad_random_bytes,
    "bad_no_tables.pdf": bad_no_tables,
    "bad_scanned_page.pdf": bad_scanned_page,
    "bad_cid_garbage.pdf": bad_cid_garbage,
    "big_500_pages.pdf": big_500_pages,
}

# Which seed each good fixture renders in full (for the check).
SEED_OF = {name: int(m.group(1)) for name in FIXTURES if (m := re.match(r"seed(\d{3})_", name))}


# --------------------------------------------------------------------------------------------
# Check with pdfplumber


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
    seed = SEED_OF.get(path.name)
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
        for rows in tables_on_page:
            seen.update(_key(r) for r in rows)
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

    results = []
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
        if name in SEED_OF and (r["cid"] or r["missing_chars"] or r["rows_lost"]):
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="only this fixture (file name, with or without .pdf; shell patterns allowed); may be repeated",
    )
    parser.add_argument("--skip-big", action="store_true", help="leave big_500_pages.pdf out (faster)")
    parser.add_argument("--no-check", action="store_true", help="skip the pdfplumber check")
    parser.add_argument("--check-only", action="store_true", help="only check existing files")
    parser.add_argument("--list", action="store_true", help="list the fixture names and exit")
    args = parser.parse_args(argv)

    if args.list:
        print("\n".join(FIXTURES))
        return 0

    names = list(FIXTURES)
    if args.only:
        patterns = [p if p.endswith(".pdf") or "*" in p else p + ".pdf" for p in args.only]
        names = [n for n in names if any(fnmatch.fnmatch(n, p) for p in patterns)]
        if not names:
            parser.error(f"no fixture matches {args.only}; see --list")
    elif args.skip_big:
        names = [n for n in names if n != "big_500_pages.pdf"]

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    if not args.check_only:
        font_path()
        if any("libreoffice" in n for n in names):
            libreoffice_binary()
        for name in names:
            data = FIXTURES[name]()
            (out / name).write_bytes(data)
            print(f"wrote {out / name} ({len(data):,} bytes)", flush=True)
            if name == "big_500_pages.pdf" and len(data) > BIG_MAX_BYTES:
                print(
                    f"  note: {name} is over {BIG_MAX_BYTES:,} bytes: too big to commit",
                    flush=True,
                )
    if args.no_check:
        return 0
    print()
    return 0 if check_all(out, names) else 1


if __name__ == "__main__":
    sys.exit(main())
