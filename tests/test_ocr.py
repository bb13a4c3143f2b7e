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
from collections import Counter
from pathlib import Path

import pdfplumber
import polars as pl
import pytest

from pipelines.model import Document, Table
from pipelines.normalize import READ_COLUMNS, normalise
from pipelines.readers import read_document
from pipelines.readers.ocr import FIGURE_FLOOR, TRUSTED, read_scanned_page
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
    position = {"doc_id", "source_file", "source_line", *READ_COLUMNS}  # how it was read differs, not what
    for table in ("fact_project_fund", "fact_project_score"):
        keep = [c for c in source_frames[table].columns if c not in position]
        assert sorted(frames[table].select(keep).rows()) == sorted(source_frames[table].select(keep).rows()), table
    ocr_cells = [c for t in document.tables() for r in t.rows for c in r.cells if c.confidence is not None]
    # OCR'd cells are on the scanned pages, and on page 9 where a row cut by the page break goes on
    # onto scanned page 10 (the joined cell's text is partly OCR's)
    assert ocr_cells and {10, 11} <= {c.page for c in ocr_cells} <= {9, 10, 11}
    for cell in (c for c in ocr_cells if c.page == 9):
        assert cell.text and cell.confidence is not None
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


def test_a_number_is_read_as_a_number_can_be_printed():
    from pipelines.readers.ocr import _as_printed

    assert _as_printed("1.920.90") == "1,920.90"  # one decimal point: the other dots are commas
    assert _as_printed("12.345.678.00") == "12,345,678.00"
    assert _as_printed("224.") == "224"  # no number ends with its decimal point: a speck
    assert _as_printed("18,380.13") == "18,380.13" and _as_printed("1.92") == "1.92"
    assert _as_printed("1.9200.90") == "1.9200.90"  # not thousands marks: left for the shape checks


def test_a_second_look_takes_what_most_variants_read_alike():
    from pipelines.readers.ocr import _agreed
    from pipelines.readers.ocr.engine import LineText

    def readings(*pairs):
        return [LineText(text, confidence) for text, confidence in pairs]

    four = readings(("1,920.90", 0.86), ("1.920.90", 0.79), ("1,920.90", 0.78), ("1,920.90", 0.72),
                    ("1,920.90", 0.49), ("1,900.90", 0.95))  # fmt: skip
    assert _agreed(four, "1,920.90", value=True) == ("1,920.90", 0.78)  # the median of the five alike
    three = readings(("孜育支出", 0.36), ("孜育支出", 0.38), ("教育支出", 0.67), ("孜育支出", 0.47),
                     ("敦育支出", 0.48), ("教育支出", 0.83))  # fmt: skip
    assert _agreed(three, "孜育支出", value=False) is None  # three of six agree: not enough
    colon = readings(*[("145:75", 0.99)] * 6)
    assert _agreed(colon, "14575", value=True) is None  # a figure read again must be a figure
    assert _agreed(readings(*[("14575", 0.99)] * 6), "145.75", value=True) == ("14575", 0.99)
    assert _agreed(readings(*[("1O0", 0.99)] * 6), "100", value=True) is None  # not of a value's shape


def test_figures_ocr_was_unsure_of_at_first_are_read_from_variants_of_their_ink(read):
    """In the scanned standard tables, 18,380.13 (page 4, first read with a speck beside it at
    confidence 0.36), 1,920.90 (page 5, 0.48) and the code 224 (page 5, read 224.) used to be
    withheld; six variants of each line agree on the printed text. 145.75 (page 3, read 14575,
    then 145:75 by the variants) stays withheld: read with digits only, the variants cannot tell
    its point from a comma (confidence 0.45)."""
    (document, _, _), _ = read("standard_tables_wan_scanned")
    assert len([u for u in document.unread if u.part == "value"]) <= 1
    for page, text in [(4, "18,380.13"), (5, "1,920.90"), (5, "224")]:
        confidence = _confidences(document, page).get(text)
        assert confidence is not None and confidence >= FIGURE_FLOOR, (page, text)


def test_the_fast_model_may_stand_only_for_a_plain_figure_or_chinese_characters():
    from pipelines.readers.ocr.engine import _plain

    for text in ("18,380.13", "0.00", "95%", "2010301", "-12.5", "商贸事务", "一般公共服务支出"):
        assert _plain(text), text
    # a mix, a dash, a lone character, marks, letters: the full model reads these again
    for text in ("中100%", "=100%", "—", "一", "数量指标.", "(二)项目", "1O0", "18.380.13", "≥95%", ""):
        assert not _plain(text), text


def test_the_fast_models_first_reading_is_text_the_page_prints(monkeypatch):
    """The lines of a scanned page read first by the fast model (its reading kept where it is
    sure and the text is plain, see engine.first_reading): every reading it kept is printed on
    the source page (its text layer), it kept the reading of a good share of the lines, and of no
    line wider than FAST_COLUMNS. (On this page the fast model reads 决算数 where the full model
    alone reads 決算数.)"""
    from pipelines.readers.ocr import engine

    lines: list = []
    first_reading = engine.Recogniser.first_reading

    def keep(self, images):
        lines.extend(images)
        return first_reading(self, images)

    monkeypatch.setattr(engine.Recogniser, "first_reading", keep)
    with pdfplumber.open(SCANNED / "standard_tables_wan_scanned.pdf") as pdf:
        read_scanned_page(pdf.pages[8], 9)
    source = ROOT / MANIFEST["standard_tables_wan_scanned"]["source"]
    with pdfplumber.open(source) as pdf:
        printed = _parse_page(pdf.pages[8], 9)
    text = "|".join(
        [cell.value for table in printed.blocks if isinstance(table, Table) for row in table.rows for cell in row.cells]
        + [block.text for block in printed.blocks if not isinstance(block, Table)]
    )
    assert len(lines) > 30
    both = engine.recogniser().first_reading(lines)
    full = engine.recogniser().recognise(lines)
    fast = [(r, im) for r, im in zip(both, lines) if r.model != full[0].model]
    assert len(fast) >= len(lines) // 3, "the fast model's reading was kept for too few lines"
    for reading, image in fast:
        assert reading.text in text, reading
        assert reading.confidence >= engine.FAST_TRUST and engine._columns(image) <= engine.FAST_COLUMNS


def test_a_line_one_character_from_a_class_name_is_read_against_it():
    from pipelines.readers.ocr.lexicon import candidates, correct

    assert candidates("孜育支出") == ["教育支出"]
    assert "抗疫特别国债安排的支出" in candidates("抗疫特别圍债安排的支出")
    assert "工资福利支出" in candidates("工资福利支山")
    # a term read as such is never read as another, however unsure (其他支出 / 其他收入)
    assert correct("其他支出", None, {}) is None


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


# ---------------------------------------------------------------------------------------------
# Trust: how each fact was read, the identities vouching for OCR figures, names against codes


def test_every_fact_row_says_how_it_was_read(read):
    """A row read from a scanned page says 'ocr' and the least confidence of its cells; a row of a
    text-layer page says 'pdf_text_layer' and has no confidence, in the same file."""
    (document, _, frames), (_, _, source_frames) = read("seed004_pages_10_11_scanned")
    least: dict[tuple, float] = {}  # (page, 三级指标) → the least confidence of its row's cells
    for table in document.tables():
        for row in table.rows:
            known = [c.confidence for c in row.cells if c.confidence is not None]
            if known:
                for cell in row.cells:
                    key = (row.page, cell.value)
                    least[key] = min(least.get(key, 1.0), *known)
    for table in ("fact_indicator", "fact_project_fund", "fact_project_score"):
        rows = frames[table].select("source_page", "read_method", "read_confidence").rows()
        scanned = [r for r in rows if r[0] in (10, 11)]
        assert scanned and all(m == "ocr" and 0 <= c <= 1 for _, m, c in scanned), table
        text = [r for r in rows if r[0] not in (9, 10, 11, 12)]  # 9 and 12: a row may run onto a scan
        assert text and all(m == "pdf_text_layer" and c is None for _, m, c in text), table
        assert set(source_frames[table]["read_method"]) == {"pdf_text_layer"}, table
        assert source_frames[table]["read_confidence"].null_count() == source_frames[table].height, table
    checked = 0
    for page, name, confidence in (
        frames["fact_indicator"]
        .filter(pl.col("source_page") == 10)
        .select("source_page", "indicator_name", "read_confidence")
    ).rows():
        if (page, name) in least:
            assert confidence == pytest.approx(least[(page, name)], abs=1e-3), name
            checked += 1
    assert checked >= 10
    (_, _, standard), (_, _, standard_source) = read("standard_tables_wan_scanned")
    values = standard["fact_standard_value"]
    assert set(values["read_method"]) == {"ocr"} and set(standard_source["fact_standard_value"]["read_method"]) == {
        "pdf_text_layer"
    }
    # a loaded figure was read at FIGURE_FLOOR or better; the row's least counts its code and name too
    assert values["amount_confidence"].min() >= FIGURE_FLOOR
    assert (values["read_confidence"] <= values["amount_confidence"]).all()


def test_narrative_figures_carry_the_confidence_of_their_paragraph():
    """The narrative's figures take the least confidence of the paragraphs they were read from
    (a 功能分类 line read by OCR at 0.8 says so; the lines of the text stay 'text')."""
    from dataclasses import replace

    from pipelines.model import Paragraph
    from tests.conftest import SEED

    document = read_document(SEED["004"])
    for page in document.pages:
        page.blocks = [
            replace(b, confidence=0.8) if isinstance(b, Paragraph) and "行政运行（项）" in b.text else b
            for b in page.blocks
        ]
    frames, _ = normalise(extract(document))
    lines = frames["fact_function_expenditure"]
    ocr = lines.filter(pl.col("read_method") == "ocr")
    assert ocr.height >= 1 and set(ocr["read_confidence"]) == {0.8}
    assert all("行政运行" in (name or "") for name in ocr["item_name"])
    others = lines.filter(pl.col("read_method") != "ocr")
    assert others.height >= 10 and set(others["read_method"]) == {"text"}
    assert others["read_confidence"].null_count() == others.height
    assert set(frames["fact_budget_total"]["read_method"]) == {"text"}


def _load(folder: Path, path: Path, document: Document):
    """A warehouse in ``folder`` holding ``document`` (read from ``path``), loaded through the
    ingest functions (checks and dimensions included); returns its open connection."""
    import hashlib

    from pipelines import ingest, warehouse

    data = path.read_bytes()
    raw = ingest.RawFile(path, path.name, hashlib.sha256(data).hexdigest(), len(data), "pdf")
    item = ingest.ExtractedFile(raw=raw, extraction=extract(document))
    conn = warehouse.connect(folder / "w.duckdb")
    ingest.load_files(conn, [ingest.normalise_file(item)], progress=lambda _: None)
    return conn


@pytest.fixture(scope="module")
def table_9(tmp_path_factory):
    """Page 9 of the scanned standard tables (财政拨款“三公”经费, 决算数 124.03 = 59.30 + 62.73 +
    2.00) as its own file, read by OCR once."""
    import pypdfium2

    folder = tmp_path_factory.mktemp("table_9")
    source = pypdfium2.PdfDocument(SCANNED / "standard_tables_wan_scanned.pdf")
    page = pypdfium2.PdfDocument.new()
    page.import_pages(source, [8])
    path = folder / "table_9_scanned.pdf"
    page.save(path)
    return path, read_document(path)


def _misread(
    document: Document, cells: dict[tuple[int, str], tuple[str, float]], page_no: int | None = None
) -> Document:
    """``document`` with the given cells (row index, text) read as another text with another
    confidence: OCR's output with one digit wrong, as a misread digit comes out. With
    ``page_no``, only the tables of that page."""
    from copy import deepcopy
    from dataclasses import replace

    changed = deepcopy(document)
    left = dict(cells)
    for page in changed.pages:
        blocks = []
        for block in page.blocks:
            if isinstance(block, Table) and page_no in (None, block.page):
                rows = []
                for row in block.rows:
                    out = []
                    for cell in row.cells:
                        key = (row.index, cell.value)
                        if key in left and cell.col == max(c.col for c in row.cells if c.value == cell.value):
                            text, confidence = left.pop(key)
                            cell = replace(cell, text=text, confidence=confidence)
                        out.append(cell)
                    rows.append(replace(row, cells=tuple(out)))
                block = replace(block, rows=tuple(rows))
            blocks.append(block)
        page.blocks = blocks
    assert not left, f"cells not found: {left}"
    return changed


def _review(conn) -> list[dict]:
    cursor = conn.execute(
        "select rule, subject, role, item_name, amount_wan, read_confidence, unsure, unsure_terms, "
        "suggested_amount_wan, suggestion_reason from ocr_figure_review order by rule, subject, role, item_name"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_a_misread_digit_the_identity_determines_is_suggested_beside_the_read_one(table_9, tmp_path):
    """决算数 公务接待费 2.00 misread as 8.00 with confidence 0.72: 三公 合计 fails (124.03 against
    130.03); the misread figure is its only unsure term, so the identity gives 2.00, reported beside
    the 8.00 that stays loaded as read. The three other terms are flagged without a suggestion."""
    from decimal import Decimal

    path, document = table_9
    row = next(r for t in document.tables() for r in t.rows if "124.03" in r.values)
    assert row.values[-1] == "2.00"  # the real OCR output: 决算数 公务接待费
    conn = _load(tmp_path, path, _misread(document, {(row.index, "2.00"): ("8.00", 0.72)}))
    failed = conn.execute(
        "select rule, subject from fact_check_result where not passed and rule <> 'standard_table_completeness'"
    ).fetchall()
    assert failed == [("standard_three_public", "决算数 合计")]
    review = _review(conn)
    assert len(review) == 4  # 合计 and its three parts, each read by OCR
    suggested = [r for r in review if r["suggested_amount_wan"] is not None]
    assert [(r["item_name"], r["amount_wan"], r["suggested_amount_wan"]) for r in suggested] == [
        ("公务接待费", Decimal("8"), Decimal("2"))
    ]
    assert suggested[0]["unsure"] and suggested[0]["read_confidence"] == 0.72
    assert {r["unsure_terms"] for r in review} == {1}
    # never overwritten: the warehouse holds what was read
    assert conn.execute(
        "select amount_wan from fact_standard_value where table_no = 9 and column_key = '决算数' "
        "and item_name = '公务接待费'"
    ).fetchall() == [(Decimal("8"),)]


def test_no_value_is_suggested_when_ocr_was_sure_or_two_terms_are_unsure(table_9, tmp_path):
    """The same misread read with confidence 0.97 (OCR did not notice): flagged, nothing suggested.
    Two unsure terms (the total too): flagged, nothing suggested (the identity cannot tell which)."""
    path, document = table_9
    row = next(r for t in document.tables() for r in t.rows if "124.03" in r.values)
    sure = _load(tmp_path / "sure", path, _misread(document, {(row.index, "2.00"): ("8.00", 0.97)}))
    review = _review(sure)
    assert len(review) == 4 and all(r["suggested_amount_wan"] is None for r in review)
    assert {r["suggestion_reason"] for r in review} == {
        "OCR was sure of every term: a misread OCR did not notice, or the figures as printed do not add up"
    }
    both = {(row.index, "2.00"): ("8.00", 0.72), (row.index, "124.03"): ("124.03", 0.8)}
    two = _load(tmp_path / "two", path, _misread(document, both))
    review = _review(two)
    assert len(review) == 4 and all(r["suggested_amount_wan"] is None for r in review)
    assert {r["unsure_terms"] for r in review} == {2}
    assert sum(r["unsure"] for r in review) == 2


def test_identities_flag_ocr_figures_of_the_scanned_standard_tables_and_never_suggest_a_wrong_value(read, tmp_path):
    """On the nine scanned standard tables (real OCR: a figure withheld): every failed identity of
    the covered rules lists its OCR figures; a suggested value, if any, is the printed one; and a
    misread 科目名称, if any, is named with the name its code stands for, from the same document's
    other tables (dim_subject)."""
    (document, _, frames), (_, _, source_frames) = read("standard_tables_wan_scanned")
    conn = _load(tmp_path, SCANNED / "standard_tables_wan_scanned.pdf", document)
    covered = ("standard_row_total", "standard_hierarchy_sum", "standard_three_public", "project_fund_sources")
    failed = set(
        conn.execute(
            "select rule, subject from fact_check_result where not passed and rule in ? "
            "and expected is not null and found is not null",
            [list(covered)],
        ).fetchall()
    )
    review = _review(conn)
    assert failed and {(r["rule"], r["subject"]) for r in review} == failed
    truth = {
        (r["table_no"], r["subject_code"], r["column_key"], r["row_no"]): r["amount_wan"]
        for r in source_frames["fact_standard_value"].iter_rows(named=True)
    }
    for row in conn.execute(
        "select v.table_no, v.subject_code, v.column_key, v.row_no, r.suggested_amount_wan "
        "from ocr_figure_review as r join fact_standard_value as v on v.doc_id = r.doc_id "
        "and r.figure = '表' || v.table_no || ' ' || trim(coalesce(v.subject_code, '') || ' ' || "
        "coalesce(v.item_name, '')) || ' / ' || v.column_name where r.suggested_amount_wan is not null"
    ).fetchall():
        assert truth[row[:4]] == row[4], row
    # names: every OCR name that is not the printed one, where the code's reference is the printed
    # name, is listed with that name; no name read right is listed
    printed = {
        r["subject_code"]: r["item_name"]
        for r in source_frames["fact_standard_value"].iter_rows(named=True)
        if r["subject_code"]
    }
    listed = set(conn.execute("select subject_code, name_read, expected_name from ocr_name_review").fetchall())
    assert all(name != printed[code] and expected == printed[code] for code, name, expected in listed)
    reference = dict(conn.execute("select subject_code, subject_name from dim_subject").fetchall())
    misread = {
        (r["subject_code"], r["item_name"])
        for r in frames["fact_standard_value"].iter_rows(named=True)
        if r["subject_code"] in printed and r["item_name"] and r["item_name"] != printed[r["subject_code"]]
    }
    wanted = {(code, name, printed[code]) for code, name in misread if reference.get(code) == printed[code]}
    print(
        f"\nscanned standard tables: {len(review)} OCR figures in {len(failed)} failed identities; "
        f"names misread {len(misread)}, listed {len(listed)}"
    )
    assert wanted <= listed
    # a figure OCR withheld, placed by fact_unread_part, gets the printed value when suggested
    printed_figures = Counter(
        (f"表{r['table_no']} " + " ".join(filter(None, (r["subject_code"], r["item_name"]))) + f" / {r['column_name']}")
        for r in source_frames["fact_standard_value"].iter_rows(named=True)
    )
    amounts = {
        f"表{r['table_no']} "
        + " ".join(filter(None, (r["subject_code"], r["item_name"])))
        + f" / {r['column_name']}": r["amount_wan"]
        for r in source_frames["fact_standard_value"].iter_rows(named=True)
    }
    for figure, suggested in conn.execute(
        "select figure, suggested_amount_wan from ocr_figure_review where withheld and suggested_amount_wan is not null"
    ).fetchall():
        assert printed_figures[figure] == 1 and amounts[figure] == suggested, figure


def _read_as(document: Document, page: int, printed: str, read_as: str, confidence: float) -> Document:
    """A copy of ``document`` in which the first row of ``page`` printing ``printed`` reads
    ``read_as`` there with ``confidence``, as OCR once read it."""
    row = next(r for t in document.tables() if t.page == page for r in t.rows if printed in r.values)
    return _misread(document, {(row.index, printed): (read_as, confidence)}, page)


def _withhold(document: Document, page: int, printed: str, confidence: float) -> Document:
    """A copy of ``document`` in which OCR read the first cell of ``page`` printing ``printed``
    with ``confidence`` and, below FIGURE_FLOOR, withheld it by the reader's own rule."""
    from dataclasses import replace

    from pipelines.readers.ocr import _withhold_unsure_figures

    copy = _read_as(document, page, printed, printed, confidence)
    for p in copy.pages:
        for b, block in enumerate(p.blocks):
            if isinstance(block, Table) and block.page == page:
                rows = _withhold_unsure_figures(list(block.rows), {}, page, copy.unread)
                p.blocks[b] = replace(block, rows=tuple(rows))
    return copy


def test_a_figure_ocr_withheld_is_placed_and_the_identity_gives_its_value(read, tmp_path):
    """OCR reads 697.81 (table 3, 205 教育支出, 项目支出) at confidence 0.45 and withholds it: no
    fact row, and fact_unread_part says which figure of which table is missing (table_no, row_no,
    block_no, column_key). Its line's total (本年支出合计 2,300.16 = 1,602.35 + 项目支出) fails, the
    withheld figure is the identity's only unsure term, and ocr_figure_review gives 697.81 beside
    it. Nothing is loaded: the suggestion is for a person to confirm against the scan."""
    from decimal import Decimal

    (document, _, _), (_, _, source_frames) = read("standard_tables_wan_scanned")
    conn = _load(tmp_path, SCANNED / "standard_tables_wan_scanned.pdf", _withhold(document, 3, "697.81", 0.45))
    truth = source_frames["fact_standard_value"].filter(
        (pl.col("table_no") == 3) & (pl.col("subject_code") == "205") & (pl.col("column_key") == "项目支出")
    )
    assert truth["amount_wan"].to_list() == [Decimal("697.81")]
    placed = conn.execute(
        "select table_no, row_no, block_no, column_key, printed_text, reason from fact_unread_part "
        "where printed_text = '697.81'"
    ).fetchall()
    assert [p[:5] for p in placed] == [(3, truth["row_no"][0], truth["block_no"][0], "项目支出", "697.81")]
    assert placed[0][5].startswith("支出决算表: 205 教育支出 / 项目支出: OCR read '697.81' here but is unsure of it")
    assert conn.execute(
        "select count(*) from fact_standard_value where table_no = 3 and subject_code = '205' "
        "and column_key = '项目支出'"
    ).fetchone() == (0,)
    review = conn.execute(
        "select rule, subject, amount_wan, printed_text, withheld, unsure, suggested_amount_wan, suggestion_reason "
        "from ocr_figure_review where withheld and printed_text = '697.81'"
    ).fetchall()
    assert ("standard_row_total", "表3 205 教育支出", None, "697.81", True, True, Decimal("697.81"),
            "withheld by OCR, the only unsure term: the total less the other parts") in review  # fmt: skip
    assert all(r[6] in (None, Decimal("697.81")) for r in review)


def test_a_line_name_ocr_misreads_is_listed_with_the_name_its_code_stands_for(read, tmp_path):
    """Before the 类 names were in OCR's lexicon, 205 教育支出 of table 3 was read 孜育支出
    (confidence 0.38), so its three figures loaded under that name. ocr_name_review names such a
    line with the name its code prints elsewhere in the document (tables 5 and 7), and lists no
    name read right."""
    (document, _, _), _ = read("standard_tables_wan_scanned")
    conn = _load(
        tmp_path, SCANNED / "standard_tables_wan_scanned.pdf", _read_as(document, 3, "教育支出", "孜育支出", 0.38)
    )
    listed = conn.execute(
        "select source_page, subject_code, name_read, expected_name from ocr_name_review order by all"
    ).fetchall()
    assert listed == [(3, "205", "孜育支出", "教育支出")]


def test_the_subject_reference_names_each_code_once_with_its_level_and_parent(read, tmp_path):
    """dim_subject from the text layer of the nine standard tables: 2011301 is 行政运行, a 项 under
    20113; table 6's codes are 经济分类 (301 工资福利支出), kept apart from the 功能分类 codes."""
    _, (source, _, _) = read("standard_tables_wan_scanned")
    conn = _load(tmp_path, ROOT / MANIFEST["standard_tables_wan_scanned"]["source"], source)
    rows = {
        (c, code): (name, level, parent, docs, others)
        for c, code, name, level, parent, docs, others in conn.execute(
            "select classification, subject_code, subject_name, level, parent_code, documents, other_names "
            "from dim_subject"
        ).fetchall()
    }
    assert rows[("功能分类", "2011301")] == ("行政运行", "项", "20113", 1, [])
    assert rows[("功能分类", "201")][:3] == ("一般公共服务支出", "类", None)
    assert rows[("经济分类", "301")][:2] == ("工资福利支出", "类")
    assert ("功能分类", "301") not in rows
    assert conn.execute("select count(*) from ocr_name_review").fetchone() == (0,)


def test_a_digit_ocr_misreads_and_is_sure_of_is_caught_by_the_identity(tmp_path):
    """Real OCR of a scan with a speck of dust inside the last 0 of 决算数 公务接待费 2.00
    (scripts/make_misread_fixture.py): PP-OCR reads 2.06 and is sure of it. It is loaded as read,
    the 三公 identity fails (124.03 against 124.09) and ocr_figure_review lists its four figures,
    the misread one among them; no value is suggested, for OCR was not unsure of any of them."""
    from decimal import Decimal

    path = SCANNED / "table9_speck_in_zero_scanned.pdf"
    document = read_document(path)
    row = next(r for t in document.tables() for r in t.rows if "124.03" in r.values)
    misread = row.cells[-1]
    assert misread.value == "2.06" and misread.confidence >= TRUSTED  # silent, as far as OCR goes
    conn = _load(tmp_path, path, document)
    failed = conn.execute(
        "select subject, expected, found from fact_check_result where not passed "
        "and rule <> 'standard_table_completeness'"
    ).fetchall()
    assert failed == [("决算数 合计", Decimal("124.03"), Decimal("124.09"))]
    review = _review(conn)
    assert sorted((r["item_name"], r["amount_wan"]) for r in review) == [
        ("公务接待费", Decimal("2.06")),
        ("公务用车购置及运行费", Decimal("62.73")),
        ("合计", Decimal("124.03")),
        ("因公出国（境）费", Decimal("59.3")),
    ]
    assert all(r["suggested_amount_wan"] is None and r["unsure_terms"] == 0 for r in review)


def test_a_cell_joined_across_a_page_break_keeps_what_ocr_withheld_in_either_part():
    # a figure cut by the page break whose lower part OCR withheld: the joined cell says what was
    # withheld, both parts together, so that its line and column can be named (it had kept the
    # upper part's withheld value only, and here none)
    from pipelines.model import Cell, Row
    from pipelines.readers.pdf import _join_rows

    def row(*cells: Cell) -> Row:
        return Row(cells=cells, index=0)

    top = row(Cell(text="合计", row=0, col=0), Cell(text="", row=0, col=1, withheld="1,2"))
    rest = row(Cell(text="", row=0, col=0), Cell(text="", row=0, col=1, withheld="34.56"))
    assert [c.withheld for c in _join_rows(top, rest).cells] == [None, "1,234.56"]
    read_top = row(Cell(text="合计", row=0, col=0), Cell(text="1,2", row=0, col=1))
    joined = _join_rows(read_top, rest).cells[1]
    assert (joined.text, joined.withheld) == ("1,2", "1,234.56")  # the text alone is no figure: unread
    plain = _join_rows(read_top, row(Cell(text="", row=0, col=0), Cell(text="34.56", row=0, col=1)))
    assert plain.cells[1].withheld is None
