"""LibreOffice Writer: the source as a .docx (python-docx), converted by ``soffice --convert-to pdf``.

Each drawn table is one Word table on a grid of N columns (N = its widest row); a row of k cells
gives cell i the grid columns floor(i*N/k) … (``w:gridSpan``). LibreOffice joins Word tables that
touch and then repeats only the first one's heading row, so the Word tables of one text table are
kept apart by an empty paragraph 1 pt high: a 1.5 pt gap, which pdfplumber's 3 pt snapping closes.
Word rows may break across pages (no ``w:cantSplit``), so LibreOffice cuts tall rows at page ends,
over as many pages as they need.
"""

from __future__ import annotations

import datetime as dt

from pipelines.model import Paragraph, Table
from scripts.render.common import DrawnTable, digit_runs, drawn_tables
from scripts.render.layout import Layout, font
from scripts.render.libreoffice import convert
from scripts.render.source import Source

EMU_PER_PT = 12700


def new_document(layout: Layout, author: str = "make_pdf_fixtures.py"):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Emu, Pt

    document = Document()
    section = document.sections[0]
    w, h = layout.pagesize
    section.orientation = WD_ORIENT.LANDSCAPE if layout.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Emu(int(w * EMU_PER_PT)), Emu(int(h * EMU_PER_PT))
    top, right, bottom, left = layout.margins
    for side, value in (("top_margin", top), ("right_margin", right), ("bottom_margin", bottom), ("left_margin", left)):
        setattr(section, side, Emu(int(value * EMU_PER_PT)))
    # Core properties fixed, so the .docx itself does not depend on the clock.
    props = document.core_properties
    props.author = author
    props.created = props.modified = dt.datetime(2024, 6, 1)
    props.last_modified_by = author
    props.revision = 1

    family = font(layout.font).family
    normal = document.styles["Normal"]
    normal.font.name = family
    normal.font.size = Pt(layout.body_pt)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), family)
    normal.paragraph_format.space_after = Pt(layout.body_pt * 0.4)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    return document


def text_width(document) -> int:
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _add_runs(paragraph, text: str, layout: Layout, size: float | None) -> None:
    """``text`` as runs of ``paragraph``; digits in another font, raised or lowered, when the
    layout says so (w:position, in half points)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    parts = digit_runs(text) if layout.digit_font else [(text, False)]
    for part, digits in parts:
        run = paragraph.add_run(part)
        if size is not None:
            run.font.size = Pt(size)
        if digits:
            rpr = run._r.get_or_add_rPr()
            rfonts = rpr.get_or_add_rFonts()
            for attr in ("w:ascii", "w:hAnsi"):
                rfonts.set(qn(attr), layout.digit_font)
            position = OxmlElement("w:position")
            position.set(qn("w:val"), str(int(round(layout.digit_shift_pt * 2))))
            rpr.append(position)


def fill(paragraph, text: str, size: float, leading: float = 1.0) -> None:
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(0)
    fmt.space_before = Pt(0)
    fmt.line_spacing = leading
    lines = text.split("\n")
    run = paragraph.add_run(lines[0])
    run.font.size = Pt(size)
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)


def _borders(table, layout: Layout) -> None:
    """Table borders: all of them (the Table Grid style), or none between columns."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        drawn = layout.vertical_rules or side != "insideV"
        element.set(qn("w:val"), "single" if drawn else "nil")
        if drawn:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    tblpr.append(borders)


def _margins(table, layout: Layout) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    left, right, top, bottom = layout.padding()
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(round(value * 20))))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def add_table(document, drawn: DrawnTable, layout: Layout, classic: bool = False) -> None:
    """One Word table on the drawn table's grid, cells spread with w:gridSpan."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu
    from docx.table import _Cell

    n = len(drawn.widths)
    if classic:
        col = Emu(text_width(document) // n)
        widths = [col] * n
    else:
        widths = [Emu(int(w * EMU_PER_PT)) for w in drawn.widths]
    table = document.add_table(rows=0, cols=n)
    table.style = "Table Grid"
    table.autofit = False
    if not classic:
        _borders(table, layout)
        if layout.padding_pt is not None:
            _margins(table, layout)
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        grid_col.w = width
    leading = 1.0 if classic else round(layout.cell_leading / 1.2, 2)
    for index, cells in enumerate(drawn.cells):
        tr = table.add_row()._tr
        tcs = list(tr.tc_lst)
        for tc in tcs[len(cells) :]:
            tr.remove(tc)
        for i, ((text, start, end), tc) in enumerate(zip(cells, tcs)):
            tcpr = tc.get_or_add_tcPr()
            if end - start > 1:
                tcpr.grid_span = end - start
            tc.width = Emu(sum(widths[start:end]))
            if (index, i) in drawn.merged or (index + 1, i) in drawn.merged:
                merge = OxmlElement("w:vMerge")
                if (index, i) not in drawn.merged:
                    merge.set(qn("w:val"), "restart")
                tcpr.append(merge)
            fill(_Cell(tc, table).paragraphs[0], text, layout.cell_pt, leading)
        if index == 0 and drawn.heading:
            trpr = tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            trpr.append(header)


def hairline_paragraph(document) -> None:
    """An empty paragraph 1 pt high between two Word tables of one text table (see the module)."""
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


def docx(source: Source, layout: Layout):
    classic = bool(layout.extra.get("classic"))
    document = new_document(layout)
    width = text_width(document) / EMU_PER_PT
    blocks = source.blocks
    first_table = next((b for b in blocks if isinstance(b, Table)), None)
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            if layout.digit_font:
                paragraph = document.add_paragraph()
                _add_runs(paragraph, block.text, layout, None)
            else:
                paragraph = document.add_paragraph(block.text)
            if layout.justify:
                from docx.enum.text import WD_ALIGN_PARAGRAPH

                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            continue
        spacer = layout.extra.get("spacer_pt") if block is first_table else None
        if spacer:  # push the table down (a fixture placing a page break)
            from docx.shared import Pt

            filler = document.add_paragraph("")
            filler.paragraph_format.space_before = Pt(spacer)
        for n, drawn in enumerate(drawn_tables(block, layout, width)):
            if n:
                hairline_paragraph(document)
            add_table(document, drawn, layout, classic)
        # A paragraph between two text tables keeps them apart (Word would join them).
        if i + 1 == len(blocks) or isinstance(blocks[i + 1], Table):
            document.add_paragraph("")
    return document


def render(source: Source, layout: Layout, stem: str | None = None) -> bytes:
    return convert(lambda path: docx(source, layout).save(path), stem or layout.name(), ".docx")
