"""PDF input: every rendering of every seed gives the facts of its text form, pages are traced,
and bad PDFs fail with a reason (the time and memory limits: tests/test_pdf_limits.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest import RawFile, extract_file, normalise_file
from pipelines.normalize import normalise
from pipelines.readers import read_document
from pipelines.recognise import extract
from tests.conftest import FIXTURES, SEED

PDF = FIXTURES / "pdf"
RENDERINGS = sorted(PDF.glob("seed*.pdf"))
POSITION = {"doc_id", "source_file", "source_page", "source_line"}


def _facts(path: Path) -> dict[str, list]:
    frames, warnings = normalise(extract(read_document(path)))
    assert warnings == []
    return {
        name: sorted(map(repr, frame.select([c for c in frame.columns if c not in POSITION]).rows()))
        for name, frame in frames.items()
    }


@pytest.fixture(scope="module")
def text_facts() -> dict[str, dict[str, list]]:
    return {key: _facts(path) for key, path in SEED.items()}


def test_every_seed_has_two_independent_renderings():
    for key in SEED:
        methods = {p.name.split("_")[1] for p in RENDERINGS if p.name.startswith(f"seed{key}_")}
        assert methods == {"reportlab", "libreoffice"}, key
    orientations = {p.stem.rsplit("_", 1)[1] for p in RENDERINGS}
    assert orientations == {"portrait", "landscape"}


@pytest.mark.parametrize("rendering", RENDERINGS, ids=lambda p: p.stem)
def test_pdf_rendering_gives_the_facts_of_the_text_form(rendering: Path, text_facts):
    key = rendering.name[4:7]
    assert _facts(rendering) == text_facts[key]


@pytest.mark.parametrize("rendering", [p for p in RENDERINGS if p.name.startswith("seed004")], ids=lambda p: p.stem)
def test_every_fact_from_a_pdf_has_its_page(rendering: Path):
    document = read_document(rendering)
    frames, _ = normalise(extract(document))
    for name, frame in frames.items():
        assert frame["source_page"].null_count() == 0, name
        assert frame["source_page"].is_between(1, len(document.pages)).all(), name


def test_cells_keep_page_and_position_and_cjk_wraps_are_joined():
    document = read_document(PDF / "seed004_reportlab_landscape.pdf")
    cells = [c for t in document.tables() for r in t.rows for c in r.cells]
    assert all(c.page is not None and c.bbox is not None for c in cells if c.text)
    values = {c.value for c in cells}
    assert "新疆自贸试验区条例立法工作完成率" in values or any("新疆自贸试验区条例立法" in v for v in values)
    assert "<=200万元" in values


BAD = {
    "bad_zero_bytes.pdf": "the file is empty",
    "bad_truncated.pdf": "truncated",
    "bad_encrypted.pdf": "encrypted",
    "bad_random_bytes.pdf": "not a PDF",
    "bad_no_tables.pdf": "no tables found",
    "bad_cid_garbage.pdf": "does not decode",
}


@pytest.mark.parametrize("name, reason", BAD.items())
def test_bad_pdf_fails_with_a_reason(name: str, reason: str):
    path = PDF / name
    data = path.read_bytes()
    import hashlib

    raw = RawFile(path=path, name=name, doc_id=hashlib.sha256(data).hexdigest(), size_bytes=len(data), file_type="pdf")
    result = normalise_file(extract_file(raw))
    assert result.document["status"][0] == "failed"
    error = result.document["error"][0]
    assert error.startswith(name) and reason in error, error


@pytest.mark.parametrize("name", ["table_row_split_across_pages.pdf", "table_row_split_across_pages_libreoffice.pdf"])
def test_a_row_cut_by_a_page_break_is_one_row_and_the_repeated_heading_is_dropped(name: str):
    document = read_document(PDF / name)
    (table,) = list(document.tables())  # one table across the two pages
    headings = [r for r in table.rows if r.values[3:4] == ["三级指标"]]
    assert len(headings) == 1
    rows = {r.values[3]: r for r in table.rows if len(r) == 14}
    cut = rows["境外参展企业数量（家）"]
    text_rows = [r for t in read_document(SEED["004"]).tables() for r in t.rows if len(r) == 14]
    expected = next(r for r in text_rows if r.values[3] == "境外参展企业数量（家）")
    assert cut.values == expected.values
    assert cut.page == 1 and {c.page for c in cut.cells} == {1}
    assert len([r for r in table.rows if len(r) == 14 and r.values[3]]) == 9 + 1  # 9 indicators + heading
