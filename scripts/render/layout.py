"""How a source is drawn: page, fonts, column widths, rules, producer. ``draw_layout(n)`` draws
one at random from the integer ``n`` alone, so a layout is reproduced from its number."""

from __future__ import annotations

import math
import os
import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from scripts.render.source import SEEDS

MM = 72 / 25.4
PAGES = {"A4": (210 * MM, 297 * MM), "A3": (297 * MM, 420 * MM), "letter": (612.0, 792.0)}
PRODUCERS = ("reportlab", "writer", "calc", "chromium")


@dataclass(frozen=True)
class Font:
    family: str  # the name fontconfig (LibreOffice, Chromium) finds it by
    path: str
    index: int  # sub-font of a .ttc
    truetype: bool  # TrueType outlines: reportlab can embed it (not the CFF Noto CJK fonts)


FONTS = {
    "wqy-zenhei": Font("WenQuanYi Zen Hei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, True),
    "wqy-microhei": Font("WenQuanYi Micro Hei", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, True),
    "ar-pl-uming": Font("AR PL UMing CN", "/usr/share/fonts/truetype/arphic/uming.ttc", 0, True),
    "ar-pl-ukai": Font("AR PL UKai CN", "/usr/share/fonts/truetype/arphic/ukai.ttc", 0, True),
    "noto-sans-cjk": Font("Noto Sans CJK SC", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, False),
    "noto-serif-cjk": Font("Noto Serif CJK SC", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2, False),
}
# Fonts the digits of a sentence may be drawn in when a producer sets them apart (issue 14.4).
DIGIT_FONTS = {
    "reportlab": ("Helvetica", "Times-Roman", "Courier"),
    "other": ("DejaVu Sans", "Liberation Serif", "DejaVu Serif"),
}


def font(key: str) -> Font:
    spec = FONTS[key]
    override = os.environ.get("PDF_FIXTURE_FONT") if key == "wqy-zenhei" else None
    path = override or spec.path
    if not Path(path).is_file():
        raise SystemExit(
            f"render: the font {spec.family} ({spec.path}) is missing. Install Debian's fonts-wqy-zenhei, "
            "fonts-wqy-microhei, fonts-arphic-uming, fonts-arphic-ukai and fonts-noto-cjk "
            "(apt-get install -y …)."
        )
    return replace(spec, path=path)


@dataclass(frozen=True)
class Layout:
    """Everything that decides how a source looks on paper. The defaults are the layout of the
    first committed fixtures (A4, 15 mm margins, WenQuanYi Zen Hei, ruled tables)."""

    source: str = "seed000"  # seedNNN, or the name of a fixture source (scripts.render.fixtures)
    producer: str = "reportlab"
    page: str = "A4"
    landscape: bool = False
    margins_mm: tuple[float, float, float, float] = (15, 15, 15, 15)  # top, right, bottom, left
    font: str = "wqy-zenhei"
    body_pt: float = 10
    cell_pt: float = 9
    cell_leading: float = 1.25  # line height of cell text, in font sizes
    # cell padding in pt: left, right, top, bottom; None: each producer's default (reportlab:
    # 2, font size + 1.5, 1.5, 2.5)
    padding_pt: tuple[float, float, float, float] | None = None
    # "runs": every run of rows with the same number of cells is its own table with its own
    # columns, stacked; "common": every drawn table has one grid, wider cells span grid columns
    grid: str = "runs"
    # relative widths of grid columns: None for equal widths, else drawn from this number
    widths_seed: int | None = None
    widths_spread: float = 0.0  # how unequal the widths are (0 equal … 1.6 very unequal)
    table_width: float = 1.0  # share of the text width the tables take
    vertical_rules: bool = True  # False: rows ruled, the frame drawn, no vertical rule inside
    repeat_headings: bool = True
    merge_down: bool = False  # draw empty cells under 一级指标 … as one merged cell
    # reportlab: a row cut by a page break is drawn open at the cut (no border there), as Word,
    # LibreOffice and Chromium draw it; False draws both parts closed (the first fixtures)
    open_cuts: bool = False
    justify: bool = False  # paragraphs justified (两端对齐), as Word documents mostly are
    digit_shift_pt: float = 0.0  # digits of paragraphs in another font, raised (+) or lowered (-)
    digit_font: str | None = None
    number: int | None = None  # the number it was drawn from (draw_layout), if it was
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def pagesize(self) -> tuple[float, float]:
        w, h = PAGES[self.page]
        return (h, w) if self.landscape else (w, h)

    @property
    def margins(self) -> tuple[float, float, float, float]:
        top, right, bottom, left = self.margins_mm
        return (top * MM, right * MM, bottom * MM, left * MM)

    def padding(self) -> tuple[float, float, float, float]:
        if self.padding_pt is not None:
            return self.padding_pt
        return (2.0, self.cell_pt + 1.5, 1.5, 2.5)

    def widths(self, n: int, total: float, minimum: float) -> list[float]:
        """Widths of the n grid columns of a table ``total`` points wide, none under ``minimum``."""
        chosen = self.extra.get("weights", {}).get(n)  # a fixture's own column widths
        if chosen is not None:
            weights = list(chosen)
        elif self.widths_seed is None or self.widths_spread == 0 or n == 1:
            return [total / n] * n
        else:
            rng = random.Random(self.widths_seed * 1000 + n)
            weights = [math.exp(self.widths_spread * rng.gauss(0, 1)) for _ in range(n)]
        minimum = min(minimum, total / n)
        widths = [total * w / sum(weights) for w in weights]
        for _ in range(n):  # lift the narrow ones to the minimum, taking it from the others
            short = sum(minimum - w for w in widths if w < minimum)
            if short <= 1e-6:
                break
            wide = sum(w for w in widths if w > minimum)
            widths = [minimum if w <= minimum else w - short * w / wide for w in widths]
        return widths

    def name(self) -> str:
        orient = "landscape" if self.landscape else "portrait"
        if self.number is not None:
            return f"{self.source}_{self.producer}_{self.number}"
        return f"{self.source}_{self.producer}_{orient}"

    def describe(self) -> str:
        d = {k: v for k, v in asdict(self).items() if k not in ("extra",)}
        return ", ".join(f"{k}={v}" for k, v in d.items())


SEED_SOURCES = tuple(f"seed{k}" for k in SEEDS)


def _four(values: Iterable[float]) -> tuple[float, float, float, float]:
    top, right, bottom, left = values
    return (top, right, bottom, left)


def draw_layout(number: int, sources: tuple[str, ...] = SEED_SOURCES) -> Layout:
    """A random layout, the same for the same ``number``."""
    rng = random.Random(number)
    source = rng.choice(sources)
    producer = rng.choice(PRODUCERS)
    page = rng.choice(tuple(PAGES))
    landscape = rng.random() < 0.5
    fonts = [k for k, f in FONTS.items() if f.truetype or producer != "reportlab"]
    body = rng.choice((7, 7.5, 8, 9, 10, 10.5, 11, 12))
    cell = rng.choice((7, 7.5, 8, 9, 10, 10.5, 11, 12))
    vertical_rules = rng.random() < 0.75
    # without vertical rules, columns are told apart by their white space: at least 0.4 em a side
    pad_h = round(rng.uniform(0.5 if vertical_rules else max(2.0, 0.4 * cell), 6), 1)
    pad_v = round(rng.uniform(0.5, 6), 1)
    padding = (pad_h, round(pad_h + (cell if producer == "reportlab" else 0), 1), pad_v, pad_v)
    digit = rng.random() < 0.3 and producer != "calc"
    shift = rng.choice((-2, -1.5, -1, 1, 1.5, 2)) if digit else 0.0
    return Layout(
        source=source,
        producer=producer,
        page=page,
        landscape=landscape,
        margins_mm=_four(round(rng.uniform(8, 30)) for _ in range(4)),
        font=rng.choice(fonts),
        body_pt=body,
        cell_pt=cell,
        cell_leading=round(rng.uniform(1.1, 1.5), 2),
        padding_pt=padding,
        grid=rng.choice(("runs", "common")) if producer in ("reportlab", "chromium") else "common",
        widths_seed=rng.randrange(1 << 30),
        widths_spread=round(rng.uniform(0, 1.6), 2),
        table_width=round(rng.uniform(0.75, 1.0), 2),
        vertical_rules=vertical_rules,
        repeat_headings=rng.random() < 0.5 and producer != "calc",
        # Calc draws a merged cell that runs over a page break on both pages, clipped: the text
        # lies in the next page's margin, and a reader that ignores clipping reads it twice
        merge_down=rng.random() < 0.5 and producer in ("writer", "chromium"),
        open_cuts=True,
        justify=rng.random() < 0.5,
        digit_shift_pt=shift,
        digit_font=rng.choice(DIGIT_FONTS["reportlab" if producer == "reportlab" else "other"]) if digit else None,
        number=number,
    )
