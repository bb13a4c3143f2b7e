#!/usr/bin/env python
"""Build the scanned fixture of a figure OCR misreads: a speck of dust inside a zero.

Run from the repository root::

    .venv/bin/python scripts/make_misread_fixture.py

Page 9 of ``tests/fixtures/standard_tables/standard_tables_wan.pdf`` (财政拨款“三公”经费: 决算数
合计 124.03 = 因公出国（境）费 59.30 + 公务用车购置及运行费 62.73 + 公务接待费 2.00) is scanned as
``scripts/make_scanned_fixtures.py`` scans a page (200 dpi, grey, turned by -0.4°, noise, specks,
JPEG), with one speck more: a short dark bar across the middle of the last 0 of 决算数 公务接待费
``2.00``, where dust or a toner spot would sit. The PP-OCR model reads that cell as ``2.06`` and is
sure of it (confidence 0.985), so the reader loads the wrong figure; the 三公 identity (合计 = the
sum of its three parts) fails by 0.06 and ``ocr_figure_review`` lists the four figures (see
tests/test_ocr.py). A larger speck is read as ``2.08`` with confidence 0.51 and withheld.

Output: ``tests/fixtures/scanned/table9_speck_in_zero_scanned.pdf``. Needs what
make_scanned_fixtures.py needs (``pip install -e '.[fixtures]'``).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.make_scanned_fixtures import ScannedPage, _image_pdf, scan_page  # noqa: E402

SOURCE = ROOT / "tests/fixtures/standard_tables/standard_tables_wan.pdf"
OUT = ROOT / "tests/fixtures/scanned/table9_speck_in_zero_scanned.pdf"
PAGE = 9
SPECK = 0.2  # half the bar's height is SPECK × 0.5 pt, its half-width SPECK × 1.6 pt


def _last_zero() -> dict:
    """The last character of the rightmost ``2.00`` on the page (决算数 公务接待费)."""
    import pdfplumber

    with pdfplumber.open(SOURCE) as pdf:
        page = pdf.pages[PAGE - 1]
        word = max((w for w in page.extract_words() if w["text"] == "2.00"), key=lambda w: w["x0"])
        chars = [c for c in page.chars if word["x0"] - 0.1 <= c["x0"] and c["x1"] <= word["x1"] + 0.1]
        return max((c for c in chars if abs(c["top"] - word["top"]) < 1), key=lambda c: c["x0"])


class _WithSpeck:
    """A pypdfium2 page whose rendering has the speck drawn in (what scan_page renders)."""

    def __init__(self, page, zero: dict) -> None:
        self.page, self.zero = page, zero

    def render(self, scale: float, grayscale: bool):
        from PIL import ImageDraw

        image = self.page.render(scale=scale, grayscale=grayscale).to_pil().convert("L")
        x = (self.zero["x0"] + self.zero["x1"]) / 2 * scale
        y = (self.zero["top"] + self.zero["bottom"]) / 2 * scale
        r = SPECK * scale
        ImageDraw.Draw(image).rectangle([x - 1.6 * r, y - 0.5 * r, x + 1.6 * r, y + 0.5 * r], fill=0)

        class _Rendered:
            def to_pil(self):
                return image

        return _Rendered()


def main() -> int:
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(SOURCE))[PAGE - 1]
    width, height = page.get_size()
    spec = ScannedPage(page=PAGE, dpi=200, angle=-0.4, jpeg_quality=50, noise=3.0, specks=30, stamp=False)
    data = scan_page(_WithSpeck(page, _last_zero()), spec, random.Random(PAGE), "新疆维吾尔自治区商务厅")
    OUT.write_bytes(_image_pdf([(data, width, height)]))
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
