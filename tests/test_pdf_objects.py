"""pipelines.readers.pdf_objects gives a page's objects exactly as pdfplumber's ``Page.objects``
does (every kind, every key, every value, in order), for PDFs of every producer the project has:
the faster conversion of characters changes nothing that is read."""

from __future__ import annotations

import pdfplumber
import pytest

from pipelines.readers.pdf_clip import lay_out
from pipelines.readers.pdf_objects import page_objects
from tests.conftest import FIXTURES

PDFS = [
    FIXTURES / "real" / "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf",  # the 决算 software's export
    FIXTURES / "pdf" / "seed004_libreoffice_landscape.pdf",  # LibreOffice Writer
    FIXTURES / "pdf" / "seed003_reportlab_portrait.pdf",  # reportlab
    FIXTURES / "layouts" / "closing_quote_past_the_text_area.pdf",  # Chromium
    FIXTURES / "layouts" / "cell_rest_alone_on_a_page_without_rules.pdf",
]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_page_objects_equal_pdfplumbers(path):
    with pdfplumber.open(path) as ours, pdfplumber.open(path) as theirs:
        pages = list(zip(ours.pages, theirs.pages))[:6]
        for mine, plumbers in pages:
            lay_out(mine)
            lay_out(plumbers)
            got, expected = page_objects(mine), plumbers.objects
            assert got["char"], f"{path.name} page {mine.page_number}: no characters"
            assert list(got) == list(expected)
            for kind in expected:
                assert got[kind] == expected[kind], f"{path.name} page {mine.page_number}: {kind}"
            assert mine.chars is got["char"]  # the page answers with them from now on


def test_a_character_that_is_not_plain_goes_through_pdfplumber():
    """A character with an attribute pdfplumber would resolve (here a list where pdfminer gives a
    tuple) is converted by pdfplumber itself, so the two can never differ."""
    from pdfminer.layout import LTChar

    path = PDFS[2]
    with pdfplumber.open(path) as ours, pdfplumber.open(path) as theirs:
        mine, plumbers = ours.pages[0], theirs.pages[0]
        for page in (mine, plumbers):
            lay_out(page)
            first = next(o for o in page.layout._objs if isinstance(o, LTChar))
            first.matrix = list(first.matrix)  # type: ignore[assignment]
        got, expected = page_objects(mine), plumbers.objects
        assert isinstance(got["char"][0]["matrix"], list)
        assert got["char"] == expected["char"]
