"""One way to draw a seed as a PDF.

``render(layout)`` draws the source a :class:`Layout` names (a whole seed, ``seed000`` …
``seed004``, or a part of one kept as a fixture source) with the layout's producer: reportlab,
LibreOffice Writer (from .docx), LibreOffice Calc (from .xlsx) or headless Chromium (from HTML).
``draw_layout(n)`` draws a random layout from the number ``n`` alone: the committed fixtures
(``scripts/make_pdf_fixtures.py``) and the sweep (``scripts/fuzz_layouts.py``) both go through
here.
"""

from __future__ import annotations

from collections.abc import Callable

from scripts.render.layout import FONTS, PAGES, PRODUCERS, Layout, draw_layout
from scripts.render.source import REAL_SOURCES, SEEDS, Source, real_source, seed_source


def source_of(layout: Layout) -> Source:
    if layout.source.startswith("seed") and layout.source[4:] in SEEDS:
        return seed_source(layout.source[4:])
    if layout.source in REAL_SOURCES:
        return real_source(layout.source)
    from scripts.render.fixtures import fixture_source

    return fixture_source(layout.source)


def render(layout: Layout, source: Source | None = None) -> bytes:
    """The PDF of ``source`` (by default the one the layout names) drawn as ``layout`` says."""
    source = source or source_of(layout)
    draw: Callable[[Source, Layout], bytes]
    if layout.producer == "reportlab":
        from scripts.render.reportlab_pdf import render as draw
    elif layout.producer == "writer":
        from scripts.render.writer import render as draw
    elif layout.producer == "calc":
        from scripts.render.calc import render as draw
    elif layout.producer == "chromium":
        from scripts.render.chromium import render as draw
    else:
        raise ValueError(f"unknown producer {layout.producer!r}; one of {', '.join(PRODUCERS)}")
    return draw(source, layout)


__all__ = ["FONTS", "PAGES", "PRODUCERS", "SEEDS", "Layout", "Source", "draw_layout", "render", "seed_source"]
