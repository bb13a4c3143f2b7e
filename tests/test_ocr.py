"""OCR of pages without a text layer: the scanned fixtures (tests/fixtures/scanned, made by
scripts/make_scanned_fixtures.py from the repository's PDF fixtures) give the facts of their
source pages; no figure is read wrong without a flag; the checks on what OCR read; and a page OCR
cannot read is an unread part, never guessed figures.

The truth of a scanned page is its source: the text layer of the source PDF, which the other tests
hold equal to the document's truth (tests/test_standard_tables.py: the nine standard tables against
the figures the sheets were built from, *.facts.json; tests/test_pdf.py: the seeds' renderings
against the seed text). Shares are printed (pytest -s) for the record.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest

from pipelines.model import Document, Table
from pipelines.normalize import normalise
from pipelines.readers import read_document
from pipelines.readers.ocr import TRUSTED, read_scanned_page
from pipelines.readers.ocr.shapes import check_table, is_value, text_problem
from pipelines.readers.ocr.text import dash, tidy
from pipelines.readers.pdf import _parse_page
from pipelines.recognise import extract
from tests.conftest import FIXTURES

SCANNED = FIXTURES / "scanned"
MANIFEST = json.loads((SCANNED / "manifest.json").read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parent.parent


def _read(path: Path):
    document = read_document(path)
    extraction = extract(document)
    frames, _ = normalise(extraction)
    return document, extraction, frames


@pytest.fixture(scope="module")
def read():
    """Each scanned fixture and its source, read once: name → (ocr, source), each a
    (document, extraction, frames) triple. All are read at once, from threads, so that both
    worker processes of the PDF reader stay busy (a file's pages go to one or two of them)."""
    from concurrent.futures import ThreadPoolExecutor

    paths = {(name, kind): SCANNED / f"{name}.pdf" if kind == "ocr" else ROOT / made["source"]
             for name, made in MANIFEST.items() for kind in ("ocr", "source")}  # fmt: skip
    with ThreadPoolExecutor(4) as pool:
        done = dict(zip(paths, pool.map(_read, paths.values())))
    return lambda name: (done[(name, "ocr")], done[(name, "source")])


def _confidences(document: Document, page: int) -> dict[str, float]:
    """Cell text → the lowest confidence it was read with on ``page``."""
    out: dict[str, float] = {}
    for table in document.tables():
        for row in table.rows:
            for cell in row.cells:
                if cell.page == page and cell.value and cell.confidence is not None:
                    out[cell.value] = min(out.get(cell.value, 1.0), cell.confidence)
    return out


def _withheld(document: Document, page: int) -> list[str]:
    return [u.text for u in document.unread if u.part == "value" and u.source_page == page]


# ---------------------------------------------------------------------------------------------
# The scanned fixtures give the facts of their source


def test_scanned_standard_tables_give_the_printed_figures(read):
    """Every figure OCR loads from the nine scanned standard tables is the printed one; a figure
    not loaded was withheld (an unread part), or its line's name was misread and flagged."""
    (document, extraction, frames), (_, _, source_frames) = read("standard_tables_wan_scanned")
    assert sorted(t.number for t in extraction.standard_tables) == list(range(1, 10))

    def figures(values) -> dict[tuple, dict]:
        return {
            (
                r["table_no"],
                r["side"],
                r["row_no"],
                r["subject_code"],
                r["item_name"],
                r["column_key"],
                r["amount_wan"],
            ): r
            for r in values.iter_rows(named=True)
            if r["amount_wan"] is not None
        }

    expected = set(figures(source_frames["fact_standard_value"]))
    assert len(expected) == 478  # every figure the nine tables print (standard_tables_wan.facts.json)
    found = figures(frames["fact_standard_value"])
    equal = expected & set(found)
    misnamed, uncoded, wrong = [], [], []
    for key in set(found) - expected:
        table, side, row, code, item, column, amount = key
        if any(k[:4] == (table, side, row, code) and k[5:] == (column, amount) for k in expected - equal):
            misnamed.append(key)  # the figure is right; the line's name was misread
        elif code is None and any(k[:3] == (table, side, row) and k[4:] == key[4:] for k in expected - equal):
            uncoded.append(key)  # the figure is right; the line's code was withheld
        else:
            wrong.append(key)
    print(
        f"\nstandard tables (scanned): {len(equal)} of {len(expected)} printed figures read equal "
        f"({len(equal) / len(expected):.1%}); {len(misnamed)} under a misread line name, {len(uncoded)} under a "
        "withheld code; "
        f"{len(wrong)} wrong; {sum(1 for u in document.unread if u.part == 'value')} withheld"
    )
    assert wrong == []
    for key in misnamed:
        assert _confidences(document, found[key]["source_page"]).get(key[4], 1.0) < TRUSTED, key
    for key in uncoded:
        withheld = _withheld(document, found[key]["source_page"])
        assert any(re.fullmatch(r"\d{3,7}\.?", text or "") for text in withheld), key
    assert len(equal) >= 0.95 * len(expected)


@pytest.mark.parametrize("name", ["seed000_scanned", "seed004_pages_10_11_scanned", "seed003_pages_12_13_scanned"])
def test_scanned_indicator_rows_equal_the_text_layer_or_are_flagged(name: str, read):
    """Indicator rows (name, target, actual) on scanned pages equal those of the text layer; a
    row that differs has the differing value withheld or read with a confidence below TRUSTED."""
    (document, _, frames), (_, _, source_frames) = read(name)
    pages = [s["page"] for s in MANIFEST[name]["scanned"]]
    columns = ["source_page", "indicator_name", "target_text", "actual_text"]

    def rows(f):
        return sorted(r for r in f["fact_indicator"].select(columns).rows() if r[0] in pages)

    mine, truth = rows(frames), rows(source_frames)
    equal = sorted(set(mine) & set(truth))
    print(f"\n{name}: {len(equal)} of {len(truth)} indicator rows on scanned pages equal the text layer")
    assert len(truth) > 0
    for page, *values in sorted(set(mine) - set(truth)):
        confidences = _confidences(document, page)
        withheld = _withheld(document, page)
        flagged = [v for v in values if v is None or confidences.get(v, 1.0) < TRUSTED or v in withheld]
        assert flagged, f"page {page}: {values} differs from the text layer without a flag"
    assert len(equal) >= 0.8 * len(truth)


def test_a_file_mixing_text_and_scanned_pages_reads_across_them(read):
    """seed 004 with pages 10 and 11 scanned: its project tables run from text-layer page 9
    through the scanned pages onto page 12, and every fund figure and total score is the source's."""
    (document, extraction, frames), (source, _, source_frames) = read("seed004_pages_10_11_scanned")
    assert len(document.pages) == len(source.pages) == 36
    for table in ("fact_project_fund", "fact_project_score", "fact_indicator"):
        assert frames[table].height == source_frames[table].height, table
    position = {"doc_id", "source_file", "source_line"}
    for table in ("fact_project_fund", "fact_project_score"):
        keep = [c for c in source_frames[table].columns if c not in position]
        assert sorted(frames[table].select(keep).rows()) == sorted(source_frames[table].select(keep).rows()), table
    ocr_cells = [c for t in document.tables() for r in t.rows for c in r.cells if c.confidence is not None]
    assert ocr_cells and {c.page for c in ocr_cells} == {10, 11}
    assert all(0 <= c.confidence <= 1 and c.bbox is not None for c in ocr_cells)
    assert any(w.startswith("page 10: read by OCR") for w in document.warnings)


def test_a_whole_scanned_report_reads_its_narrative_and_metadata(read):
    """seed 000 scanned whole (narrative and table): the year, unit and project name come from
    OCR'd paragraphs, as from the text layer."""
    (document, extraction, _), (_, source_extraction, _) = read("seed000_scanned")
    assert all(p.confidence is not None for p in document.paragraphs())
    for field in ("fiscal_year", "department", "doc_kind"):
        assert getattr(extraction, field) == getattr(source_extraction, field), field
    names = {r.project_name for r in extraction.indicators}
    assert names == {r.project_name for r in source_extraction.indicators}


# ---------------------------------------------------------------------------------------------
# When OCR cannot read a page


def _page(path: Path, number: int = 1):
    pdf = pdfplumber.open(path)
    return pdf, pdf.pages[number - 1]


def test_without_ocr_a_scanned_page_is_an_unread_page_saying_what_to_install(monkeypatch):
    from pipelines.readers.ocr import engine

    def missing():
        raise engine.OcrUnavailable(f"OCR is not installed: {engine.INSTALL_HINT}")

    monkeypatch.setattr(engine, "model_path", missing)
    pdf, page = _page(FIXTURES / "pdf" / "bad_scanned_page.pdf")
    with pdf:
        result = _parse_page(page, 1)
    assert result.blocks == []
    assert result.problem.startswith("no text layer (scanned images); OCR is not installed: pip install")

    monkeypatch.setenv("PIPELINES_OCR", "off")
    pdf, page = _page(FIXTURES / "pdf" / "bad_scanned_page.pdf")
    with pdf:
        assert "OCR is turned off" in _parse_page(page, 1).problem


def test_a_page_of_noise_is_an_unread_page_not_guessed_text(tmp_path):
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(7)
    speckled = np.full((1169, 827), 235, dtype=np.uint8)
    ys, xs = rng.integers(0, 1169, 400), rng.integers(0, 827, 400)
    speckled[ys, xs] = 40
    path = tmp_path / "noise.pdf"
    Image.fromarray(speckled).save(path, resolution=100)
    pdf, page = _page(path)
    with pdf:
        result = read_scanned_page(page, 1)
    assert result.blocks == [] and "OCR found no text" in result.problem


def test_the_scanned_page_fixture_that_was_unreadable_is_now_read():
    """bad_scanned_page.pdf (150 dpi, seed 000's first paragraphs and 6 table rows) used to fail
    for lack of a text layer; OCR reads its rows."""
    document = read_document(FIXTURES / "pdf" / "bad_scanned_page.pdf")
    rows = [r.values for t in document.tables() for r in t.rows]
    assert ["", "参会国家", "4个", "4个"] in rows
    assert any("中俄哈蒙阿尔泰区域合作" in p.text for p in document.paragraphs())


# ---------------------------------------------------------------------------------------------
# Checks on what OCR read (plain functions)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("18,380.13", None),
        ("18.380.13", "not a number"),
        ("12,6347.73", "digits not grouped by three"),
        ("1O0", "a letter inside a number"),
        ("2018年13月", "month 13"),
        ("2018年12月底", None),
        ("98.08%", None),
        (">=90%", None),
        (">=9.8.0%", "not a percentage"),
    ],
)
def test_text_shapes(text: str, problem: str | None):
    assert text_problem(text) == problem


def _column(values: list[str]):
    from pipelines.model import Cell, Row

    return [
        Row(cells=(Cell(text=v, row=i, col=0, page=1, bbox=(10, 10 * i, 60, 10 * i + 10), confidence=0.99),), index=i)
        for i, v in enumerate(values)
    ]


def test_a_figure_not_printed_like_its_column_is_made_unsure():
    rows, problems = check_table(_column(["1,053.70", "2,300.16", "379.26", "3275.10", "5.0", "1"]))
    assert problems == {
        (3, 0): "digits not grouped by three where the column groups them",
        (4, 0): "1 decimals where the column prints 2",
    }
    assert [r.cells[0].confidence for r in rows] == [0.99, 0.99, 0.99, 0.3, 0.3, 0.99]


def test_codes_must_have_3_5_or_7_digits_and_sit_under_their_parent():
    _, problems = check_table(_column(["201", "20113", "2011301", "201130", "205", "20503", "2080505"]))
    assert problems == {(3, 0): "a 科目编码 of 6 digits", (6, 0): "科目编码 2080505 is not under 20503"}


def test_values_are_told_from_names():
    assert is_value(">=90%") and is_value("=43场") and is_value("2018年12月底") and is_value("3,275.10")
    assert not is_value("推动区域内6方面合作形式") and not is_value("稳步推进")


def test_punctuation_is_set_as_the_documents_print_it():
    assert tidy("其中:当年财政拨款") == "其中：当年财政拨款"
    assert tidy("项目资金(万元)") == "项目资金（万元）"
    assert tidy("参会企业满意度（%)") == "参会企业满意度（%）"
    assert tidy("(2024年度)") == "(2024年度)"
    assert tidy("1,000.00") == "1,000.00"
    assert tidy(",商贸事务") == "商贸事务" and tidy(".5") == ".5"
    assert dash("一", 30, 30) == "—" and dash("一", 8, 30) == "-" and dash("一般", 60, 30) is None


def test_skew_is_measured_to_a_hundredth_of_a_degree():
    import cv2
    import numpy as np

    from pipelines.readers.ocr import image

    page = np.full((1100, 850), 235, dtype=np.uint8)
    for y in range(100, 1000, 40):
        cv2.rectangle(page, (80, y), (770, y + 2), 30, -1)  # rules
        cv2.putText(page, "1,234.56  7,890.12", (100, y + 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 30, 2)
    from PIL import Image

    turned = np.asarray(Image.fromarray(page).rotate(0.7, resample=Image.BICUBIC, fillcolor=235))
    angle = image.skew_angle(image.ink_mask(turned))
    assert abs(angle - 0.7) <= 0.05
    assert abs(image.skew_angle(image.ink_mask(image.rotate(turned, angle)))) <= 0.05


def test_every_scanned_fixture_is_image_only_on_its_scanned_pages():
    for name, made in MANIFEST.items():
        with pdfplumber.open(SCANNED / f"{name}.pdf") as pdf:
            assert len(pdf.pages) == made["pages"]
            for scanned in made["scanned"]:
                page = pdf.pages[scanned["page"] - 1]
                assert not page.chars and len(page.images) == 1, (name, scanned["page"])
                assert 150 <= scanned["dpi"] <= 300 and abs(scanned["angle"]) <= 1


def test_the_ocr_tables_have_the_grid_of_the_text_layer():
    """The grid cut from the ruling lines is pdfplumber's: on a scanned page of seed 004 every
    row has the cells of the text-layer row (merged cells included)."""
    name = "seed004_pages_10_11_scanned"
    with pdfplumber.open(SCANNED / f"{name}.pdf") as scan, pdfplumber.open(ROOT / MANIFEST[name]["source"]) as src:
        ocr = read_scanned_page(scan.pages[9], 10)
        text = _parse_page(src.pages[9], 10)
    shape = [[len(r.cells) for r in b.rows] for b in ocr.blocks if isinstance(b, Table)]
    assert shape == [[len(r.cells) for r in b.rows] for b in text.blocks if isinstance(b, Table)]
    assert re.search(r"page 10: read by OCR \(200 dpi, \d+ table cells\)", ocr.warnings[0])
