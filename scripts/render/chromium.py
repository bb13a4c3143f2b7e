"""Headless Chromium printing HTML: paragraphs and tables with CSS borders (drawn as thin filled
rectangles, not lines), ``<thead>`` heading rows repeated on every page, rows fragmented across
pages, vertical merges as ``rowspan``."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipelines.model import Paragraph
from scripts.render.common import DrawnTable, digit_runs, drawn_tables
from scripts.render.layout import Layout, font
from scripts.render.source import Source

RULE_PT = 0.6


def binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("render: Chromium is missing. Install it with: apt-get install -y chromium")


def _text(text: str, layout: Layout, digits: bool) -> str:
    if not (digits and layout.digit_font):
        return html.escape(text)
    parts = digit_runs(text)
    return "".join(f'<span class="dg">{html.escape(run)}</span>' if d else html.escape(run) for run, d in parts)


def _table(drawn: DrawnTable, layout: Layout) -> str:
    cols = "".join(f'<col style="width:{w:.2f}pt">' for w in drawn.widths)
    covered: set[tuple[int, int]] = set(drawn.merged)
    body: list[str] = []
    head = ""
    for r, cells in enumerate(drawn.cells):
        tds = []
        for i, (text, a, b) in enumerate(cells):
            if (r, i) in covered:
                continue
            span = 1
            while (r + span, i) in covered:
                span += 1
            attrs = (f' colspan="{b - a}"' if b - a > 1 else "") + (f' rowspan="{span}"' if span > 1 else "")
            tds.append(f"<td{attrs}>{_text(text, layout, False)}</td>")
        tr = "<tr>" + "".join(tds) + "</tr>"
        if r == 0 and drawn.heading:
            head = f"<thead>{tr}</thead>"
        else:
            body.append(tr)
    width = sum(drawn.widths)
    rules = "" if layout.vertical_rules else ' class="nov"'
    rows = "".join(body)
    return f'<table{rules} style="width:{width:.2f}pt"><colgroup>{cols}</colgroup>{head}<tbody>{rows}</tbody></table>'


def page_html(source: Source, layout: Layout) -> str:
    top, right, bottom, left = layout.margins
    w, h = layout.pagesize
    pad_l, pad_r, pad_t, pad_b = layout.padding()
    family = font(layout.font).family
    width = w - left - right
    style = f"""
@page {{ size: {w:.2f}pt {h:.2f}pt; margin: {top:.2f}pt {right:.2f}pt {bottom:.2f}pt {left:.2f}pt; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: '{family}'; font-size: {layout.body_pt}pt; line-height: 1.4; }}
p {{ margin: 0 0 {layout.body_pt * 0.4:.2f}pt 0; white-space: pre-wrap; overflow-wrap: anywhere;
    text-align: {"justify" if layout.justify else "left"}; }}
table {{ border-collapse: collapse; table-layout: fixed; margin: 0; }}
td {{ vertical-align: top; padding: {pad_t}pt {pad_r}pt {pad_b}pt {pad_l}pt; font-size: {layout.cell_pt}pt;
      line-height: {layout.cell_leading}; border: {RULE_PT}pt solid #000; white-space: pre-wrap;
      overflow-wrap: anywhere; word-break: break-all; }}
table.nov td {{ border-left: none; border-right: none; }}
table.nov {{ border-left: {RULE_PT}pt solid #000; border-right: {RULE_PT}pt solid #000; }}
.gap {{ height: 6pt; }}
.dg {{ font-family: '{layout.digit_font or family}'; position: relative; top: {-layout.digit_shift_pt}pt; }}
"""
    parts = []
    spacer = layout.extra.get("spacer_pt")  # push the first table down (a fixture placing a page break)
    for block in source.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{_text(block.text, layout, True)}</p>")
        else:
            parts.append(f'<div class="gap" style="height:{6 + (spacer or 0):.2f}pt"></div>')
            spacer = None
            parts.extend(_table(d, layout) for d in drawn_tables(block, layout, width))
            parts.append('<div class="gap"></div>')
    body = "\n".join(parts)
    head = f'<head><meta charset="utf-8"><style>{style}</style></head>'
    return f'<!doctype html><html lang="zh-CN">{head}<body>\n{body}\n</body></html>\n'


def normalise(pdf: bytes) -> bytes:
    """Chromium writes the time of printing: overwrite it in place (same length)."""
    return re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}", rb"/\1 (D:20240601000000", pdf)


def render(source: Source, layout: Layout, timeout: float = 600) -> bytes:
    chrome = binary()
    with tempfile.TemporaryDirectory(prefix="render_chromium_") as tmp:
        folder = Path(tmp)
        page = folder / "page.html"
        page.write_text(page_html(source, layout), encoding="utf-8")
        out = folder / "out.pdf"
        cmd = [
            chrome,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if not out.exists():
            raise RuntimeError(f"Chromium failed to print {source.name}:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
        return normalise(out.read_bytes())
