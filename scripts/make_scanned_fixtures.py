#!/usr/bin/env python
"""Build scanned renderings of the repository's PDF fixtures, for the OCR reader's tests.

Run from the repository root::

    .venv/bin/python scripts/make_scanned_fixtures.py            # all fixtures
    .venv/bin/python scripts/make_scanned_fixtures.py --only seed000_scanned
    .venv/bin/python scripts/make_scanned_fixtures.py --list

A scanned page is made the way a scanner makes one from printed paper: the source page is
rasterised (pypdfium2, which comes with pdfplumber) at 150–300 dpi in grey, put on slightly grey
paper with ink that is not quite black, turned by up to ±1° about its centre, blurred a little,
given sensor noise and dust specks, optionally stamped with a red seal (multiplied over the
ink, as a real seal is), and stored as one JPEG image per page in a PDF with no text layer
(Pillow). Pages not listed for scanning are copied unchanged (pypdf), so a fixture may mix
text-layer and scanned pages, as a real file does when one page was scanned in.

Every random choice comes from ``random.Random(seed)`` of the fixture, so the output is
byte-identical from run to run on the same machine (Pillow's and pypdf's dates and IDs are
fixed). Needs Pillow, numpy, reportlab and pypdf (``pip install -e '.[fixtures]'``) and, for the
seal's text, a CJK font (Debian ``fonts-wqy-zenhei``); the tests do not need any of these.

Output, in ``tests/fixtures/scanned/``: the PDFs and ``manifest.json`` (for each fixture its
source PDF, and for each scanned page the dpi, angle, JPEG quality, noise and whether it has a
seal). The truth of a scanned page is its source page: the tests compare what the OCR reader
reads with what the text-layer reader reads from the source PDF.
"""

from __future__ import annotations

import argparse
import fnmatch
import io
import json
import math
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "scanned"
PDF = ROOT / "tests" / "fixtures" / "pdf"
STANDARD = ROOT / "tests" / "fixtures" / "standard_tables"
FONT_FILES = ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"]
FIXED_DATE = (2024, 6, 1, 0, 0, 0, 0, 0, 0)


@dataclass(frozen=True)
class Fixture:
    name: str
    source: Path
    scan: tuple[int, ...]  # 1-based pages to scan; the others are copied with their text layer
    seed: int
    stamp: tuple[int, ...] = ()  # pages that get a red seal
    dpi: tuple[int, ...] = (200,)  # choices, one drawn per page
    what: str = ""


FIXTURES = [
    Fixture(
        "seed000_scanned",
        PDF / "seed000_reportlab_portrait.pdf",
        scan=(1, 2, 3),
        seed=1000,
        stamp=(2,),
        dpi=(200, 300),
        what="seed 000 (2018 自评报告, 4-column indicator table) scanned whole: narrative and table",
    ),
    Fixture(
        "standard_tables_wan_scanned",
        STANDARD / "standard_tables_wan.pdf",
        scan=(1, 2, 3, 4, 5, 6, 7, 8, 9),
        seed=2000,
        stamp=(1, 5),
        dpi=(200, 250),
        what="the nine standard tables (万元) scanned whole, one table a page",
    ),
    Fixture(
        "seed004_pages_10_11_scanned",
        PDF / "seed004_libreoffice_landscape.pdf",
        scan=(10, 11),
        seed=4000,
        stamp=(11,),
        dpi=(200,),
        what="seed 004 (2024 决算公开说明, 14-column project tables) with pages 10 and 11 scanned; "
        "their tables continue from page 9 and onto page 12 (text layer)",
    ),
    Fixture(
        "seed003_pages_12_13_scanned",
        PDF / "seed003_libreoffice_portrait.pdf",
        scan=(12, 13),
        seed=3000,
        dpi=(150,),
        what="seed 003 (2018, 6-column 自评表) with pages 12 and 13 scanned: one table over the page break",
    ),
]


@dataclass
class ScannedPage:
    page: int
    dpi: int
    angle: float  # degrees, counter-clockwise
    jpeg_quality: int
    noise: float  # standard deviation of the grey-level noise
    specks: int
    stamp: bool
    stamp_centre: tuple[float, float] | None = None  # in PDF points from the top left
    size_bytes: int = 0


@dataclass
class Made:
    name: str
    source: str
    what: str
    pages: int
    scanned: list[ScannedPage] = field(default_factory=list)
    size_bytes: int = 0


def _font(size: int):
    from PIL import ImageFont

    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    sys.exit("error: the seal needs a CJK font: apt-get install -y fonts-wqy-zenhei")


def _seal(diameter: int, text: str):
    """A round red seal (RGBA): a ring, a five-pointed star and the department's name on an arc."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (diameter, diameter), 0)
    draw = ImageDraw.Draw(img)
    ring = max(3, diameter // 28)
    draw.ellipse((ring, ring, diameter - ring, diameter - ring), outline=255, width=ring)
    c = diameter / 2
    r = diameter * 0.15
    star = [
        (
            c + r * (1 if k % 2 == 0 else 0.4) * math.sin(k * math.pi / 5),
            c - r * (1 if k % 2 == 0 else 0.4) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=255)
    font = _font(int(diameter * 0.11))
    radius = diameter / 2 - ring * 2 - diameter * 0.08
    span = math.radians(250)
    for i, ch in enumerate(text):
        a = -span / 2 + span * i / max(1, len(text) - 1)
        glyph = Image.new("L", (int(diameter * 0.14),) * 2, 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, fill=255, font=font, anchor="mm")
        glyph = glyph.rotate(-math.degrees(a), resample=Image.Resampling.BICUBIC)
        x = c + radius * math.sin(a) - glyph.width / 2
        y = c - radius * math.cos(a) - glyph.height / 2
        img.paste(255, (int(x), int(y)), glyph)
    return img


def scan_page(pdf_page, spec: ScannedPage, rng: random.Random, seal_text: str):
    """One page → the JPEG bytes of its scan (see the module docstring)."""
    import numpy as np
    from PIL import Image, ImageFilter

    grey = pdf_page.render(scale=spec.dpi / 72, grayscale=True).to_pil().convert("L")
    ink = rng.uniform(25, 45)
    paper = rng.uniform(228, 242)
    a = np.asarray(grey, dtype=np.float32) / 255.0
    a = ink + (paper - ink) * a  # white → paper grey, black → ink grey
    img = Image.fromarray(a.clip(0, 255).astype(np.uint8), "L")
    img = img.rotate(spec.angle, resample=Image.Resampling.BICUBIC, fillcolor=int(paper))
    nrng = np.random.default_rng(rng.randrange(2**32))
    a = np.asarray(img, dtype=np.float32)
    a += nrng.normal(0, spec.noise, a.shape)  # sensor noise, softened by the optics below
    h, w = a.shape
    for _ in range(spec.specks):  # dust: small dark dots
        y, x = nrng.integers(0, h), nrng.integers(0, w)
        r = int(nrng.integers(1, 3))
        a[max(0, y - r) : y + r, max(0, x - r) : x + r] = ink + 30
    img = Image.fromarray(a.clip(0, 255).astype(np.uint8), "L")
    a = np.asarray(img.filter(ImageFilter.GaussianBlur(radius=0.6 * spec.dpi / 200)), dtype=np.float32)
    rgb = np.repeat(a.clip(0, 255)[:, :, None], 3, axis=2)
    if spec.stamp and spec.stamp_centre is not None:
        diameter = int(1.6 * spec.dpi)  # a 4 cm seal
        seal = np.asarray(_seal(diameter, seal_text).rotate(rng.uniform(-20, 20)), dtype=np.float32) / 255.0
        seal *= rng.uniform(0.65, 0.85)  # ink density
        cx, cy = spec.stamp_centre
        x0, y0 = int(cx * spec.dpi / 72 - diameter / 2), int(cy * spec.dpi / 72 - diameter / 2)
        x0, y0 = max(0, min(w - diameter, x0)), max(0, min(h - diameter, y0))
        red = np.array([200.0, 35.0, 45.0]) / 255.0
        region = rgb[y0 : y0 + diameter, x0 : x0 + diameter]
        region *= 1 - seal[:, :, None] * (1 - red)  # multiply: the ink shows through
    out = io.BytesIO()
    mode = "RGB" if spec.stamp else "L"
    image = Image.fromarray(rgb.clip(0, 255).astype(np.uint8), "RGB").convert(mode)
    image.save(out, "JPEG", quality=spec.jpeg_quality, dpi=(spec.dpi, spec.dpi), optimize=True)
    return out.getvalue()


def _image_pdf(jpegs: list[tuple[bytes, float, float]]) -> bytes:
    """A PDF of one page per JPEG, each page of the given size in points, no text layer."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1, pageCompression=0)
    for data, width, height in jpegs:
        c.setPageSize((width, height))
        c.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width=width, height=height)
        c.showPage()
    c.save()
    return out.getvalue()


def make(fixture: Fixture) -> Made:
    import pypdfium2 as pdfium
    from pypdf import PdfReader, PdfWriter

    rng = random.Random(fixture.seed)
    source = pdfium.PdfDocument(str(fixture.source))
    reader = PdfReader(str(fixture.source))
    made = Made(fixture.name, str(fixture.source.relative_to(ROOT)), fixture.what, len(reader.pages))
    writer = PdfWriter()
    for number in range(1, len(reader.pages) + 1):
        if number not in fixture.scan:
            writer.add_page(reader.pages[number - 1])
            continue
        page = source[number - 1]
        width, height = page.get_size()
        spec = ScannedPage(
            page=number,
            dpi=rng.choice(fixture.dpi),
            angle=round(rng.uniform(-1.0, 1.0), 2),
            jpeg_quality=rng.choice((40, 50, 60)),
            noise=round(rng.uniform(2.0, 6.0), 1),
            specks=rng.randrange(20, 80),
            stamp=number in fixture.stamp,
        )
        if spec.stamp:
            spec.stamp_centre = (round(width * rng.uniform(0.45, 0.75), 1), round(height * rng.uniform(0.3, 0.6), 1))
        data = scan_page(page, spec, rng, "新疆维吾尔自治区商务厅")
        spec.size_bytes = len(data)
        made.scanned.append(spec)
        scanned = PdfReader(io.BytesIO(_image_pdf([(data, width, height)])))
        writer.add_page(scanned.pages[0])
    writer.add_metadata({"/Producer": "scripts/make_scanned_fixtures.py", "/CreationDate": "D:20240601000000Z"})
    writer._ID = None  # noqa: SLF001 - no random /ID: the output must not change from run to run
    out = io.BytesIO()
    writer.write(out)
    target = OUT / f"{fixture.name}.pdf"
    target.write_bytes(out.getvalue())
    made.size_bytes = target.stat().st_size
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="fixture name (shell patterns allowed); repeatable")
    parser.add_argument("--list", action="store_true", help="print the fixture names and stop")
    args = parser.parse_args(argv)
    if args.list:
        for f in FIXTURES:
            print(f"{f.name}: {f.what}")
        return 0
    chosen = [f for f in FIXTURES if not args.only or any(fnmatch.fnmatch(f.name, p) for p in args.only)]
    if not chosen:
        print("error: no fixture matches --only", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    manifest_path = OUT / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    for fixture in chosen:
        made = make(fixture)
        manifest[made.name] = asdict(made) | {"name": None}
        del manifest[made.name]["name"]
        pages = ", ".join(f"{s.page} ({s.dpi} dpi, {s.angle:+.2f}°{', seal' if s.stamp else ''})" for s in made.scanned)
        print(f"{made.name}.pdf: {made.size_bytes:,} bytes; scanned pages {pages}")
    manifest = {k: manifest[k] for k in sorted(manifest)}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
    total = sum(p.stat().st_size for p in OUT.glob("*.pdf"))
    print(f"total: {total:,} bytes in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
