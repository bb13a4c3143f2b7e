"""Page geometry for the PDF reader: rules, text lines, cell text, and the columns of tables
drawn without inner vertical rules. Plain functions on pdfplumber's objects (dicts), so that
they can be tested on their own.

* **Rules.** Producers draw a table's borders as lines (LibreOffice, reportlab), as thin filled
  rectangles (Chromium, WPS) or as the sides of boxes. Every one becomes one horizontal or
  vertical rule; a thin rectangle is one rule along its length, not four edges.
* **Open ends.** A table cut by a page break is usually drawn without its border at the cut: the
  vertical rules stop at the page's top or bottom text edge with no horizontal rule there. A rule
  is added to close them, and the cut is remembered, so that the row can be joined back.
* **Lines of text** are grouped by the vertical overlap of their characters, not by equal
  baselines: a figure drawn in another font, raised or lowered by a point or two, stays in its
  sentence ("年初预算为1560.05万元", not "年初预算为万元" and "1560.05" on a line of its own).
* **Tables without inner vertical rules** (rows ruled, columns told apart by white space): the
  columns are found from the text. Consecutive rows whose cells start at consistent positions
  share one grid of columns (the union of their cell starts), so an empty cell stays an empty
  cell; a row whose text crosses the start of another row's cell has a grid of its own.
"""

from __future__ import annotations

import unicodedata
from bisect import insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Edge = dict  # pdfplumber's edge: x0, x1, top, bottom, width, height, orientation, object_type

# A rectangle this thin (pt) is a rule along its length.
THIN = 2.5
# Rules shorter than this are glyph parts or tick marks, not borders.
MIN_RULE = 3.0
# Two rules (or a rule and a rule's end) this close are at the same place.
NEAR = 2.0


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> Edge:
    return {
        "object_type": "rule_edge",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def horizontal(y: float, x0: float, x1: float) -> Edge:
    return _edge("h", x0, x1, y, y)


def vertical(x: float, top: float, bottom: float) -> Edge:
    return _edge("v", x, x, top, bottom)


def rules(page) -> tuple[list[Edge], list[Edge]]:
    """The page's horizontal and vertical rules, from its lines, rectangles and curves."""
    h: list[Edge] = []
    v: list[Edge] = []

    def add_segment(x0: float, top: float, x1: float, bottom: float) -> None:
        if abs(bottom - top) <= THIN and abs(x1 - x0) > abs(bottom - top):
            if x1 - x0 >= MIN_RULE:
                h.append(horizontal((top + bottom) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= THIN and abs(bottom - top) > abs(x1 - x0):
            if bottom - top >= MIN_RULE:
                v.append(vertical((x0 + x1) / 2, min(top, bottom), max(top, bottom)))

    for line in page.lines:
        add_segment(line["x0"], line["top"], line["x1"], line["bottom"])
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        if x1 - x0 <= THIN or bottom - top <= THIN:
            add_segment(x0, top, x1, bottom)
        else:  # a box: its four sides
            add_segment(x0, top, x1, top)
            add_segment(x0, bottom, x1, bottom)
            add_segment(x0, top, x0, bottom)
            add_segment(x1, top, x1, bottom)
    for curve in page.curves:
        points = curve.get("pts") or []
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            add_segment(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
    return h, v


def _covers(rule: Edge, x: float) -> bool:
    return rule["x0"] - NEAR <= x <= rule["x1"] + NEAR


def coverage(h: Sequence[Edge], y: float, x0: float, x1: float) -> float:
    """The share of x0–x1 that horizontal rules at height ``y`` cover."""
    spans = sorted((max(e["x0"], x0), min(e["x1"], x1)) for e in h if abs(e["top"] - y) <= NEAR)
    covered, reach = 0.0, x0
    for a, b in spans:
        if b <= reach:
            continue
        covered += b - max(a, reach)
        reach = b
    return covered / (x1 - x0) if x1 > x0 else 1.0


def open_ends(h: Sequence[Edge], v: Sequence[Edge]) -> list[Edge]:
    """Rules that close tables cut by a page break, drawn open at the cut.

    The topmost and bottommost ends of the vertical rules on the page are where a page break
    cuts; where at least two vertical rules end there and horizontal rules do not cover the
    width between them (none at all, or in part under merged cells), a closing rule is added
    across them, so that the table finder sees the cells of the cut rows."""
    if len(v) < 2:
        return []
    closers: list[Edge] = []
    for side in ("top", "bottom"):
        extreme = min(e["top"] for e in v) if side == "top" else max(e["bottom"] for e in v)
        ends = [e for e in v if abs(e[side] - extreme) <= NEAR]
        if len(ends) < 2:
            continue
        x0, x1 = min(e["x0"] for e in ends), max(e["x0"] for e in ends)
        if x1 - x0 > MIN_RULE and coverage(h, extreme, x0, x1) < 0.98:
            closers.append(horizontal(extreme, x0, x1))
            continue
        # one narrow cell drawn open there (a name merged down, beside cells closed at the cut)
        xs = sorted({round(e["x0"], 1) for e in ends})
        for a, b in zip(xs, xs[1:]):
            if b - a > MIN_RULE and coverage(h, extreme, a, b) < 0.5:
                closers.append(horizontal(extreme, a, b))
    # the same above the page's extreme: where Chromium draws the start of the next row's frame
    # below the cut, in the page's margin, the cut is not where the vertical rules end lowest. A
    # gap in a row's rule between two vertical rules that both end there, and go on neither
    # below it nor (at the top) above it, is a cell drawn open at the cut
    for y in sorted({round(e["top"], 1) for e in h}):
        for a, b in rule_gaps(h, y, min(e["x0"] for e in h), max(e["x1"] for e in h)):
            for side, ahead in (("bottom", 1.0), ("top", -1.0)):
                if all(
                    any(abs(e["x0"] - x) <= NEAR and abs(e[side] - y) <= NEAR for e in v)
                    and not any(
                        abs(e["x0"] - x) <= NEAR and e["top"] - NEAR < y + ahead * 2 * NEAR < e["bottom"] + NEAR
                        for e in v
                    )
                    for x in (a, b)
                ) and not any(
                    abs(c["top"] - y) <= NEAR and c["x0"] <= a + NEAR and c["x1"] >= b - NEAR for c in closers
                ):
                    closers.append(horizontal(y, a, b))
    return closers


def rule_gaps(h: Sequence[Edge], y: float, x0: float, x1: float) -> list[tuple[float, float]]:
    """The gaps in the rule at height ``y`` between x0 and x1: stretches that no rule covers
    between a piece of it that ends and one that starts (a cell merged over the rule, or drawn
    open where a page break cuts it, beside cells closed there). Not at the ends: a rule that
    stops short of the frame is one carried on to it."""
    spans = sorted((max(e["x0"], x0), min(e["x1"], x1)) for e in h if abs(e["top"] - y) <= 1.5)
    merged: list[list[float]] = []
    for a, b in spans:
        if b <= a:
            continue
        if merged and a <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(m[1], n[0]) for m, n in zip(merged, merged[1:]) if n[0] - m[1] > MIN_RULE]


def gap_closers(frame: tuple[float, float, float, float], bands: Sequence[tuple[float, float]], h: Sequence[Edge]):
    """Rules that close the cells of a table drawn without inner vertical rules whose first row
    is drawn open at its top, or last row at its bottom, in part only: a cell merged down in a
    narrow column and cut by the page break, beside cells closed there (Chromium draws each cell's
    border, so the rule at the cut has a gap where that cell goes on). Without it the cell is no
    cell to the table finder, and its text no cell's."""
    if not bands:
        return []
    x0, _, x1, _ = frame
    return [
        horizontal(y, a, b)
        for y in {bands[0][0], bands[-1][1]}
        if coverage(h, y, x0, x1) >= 0.5
        for a, b in rule_gaps(h, y, x0, x1)
    ]


def open_cells(h: Sequence[Edge], bboxes: Iterable[tuple[float, float, float, float]], side: str) -> bool:
    """Whether these cells (one row's) are drawn without their rule along the top (``side``
    "top") or the bottom over most of their width: the row is cut by a page break there. (A
    merged cell that goes on over the break is open too, but the cells beside it are closed.)"""
    total = covered = 0.0
    for x0, top, x1, bottom in bboxes:
        y = top if side == "top" else bottom
        total += x1 - x0
        covered += coverage(h, y, x0, x1) * (x1 - x0)
    return total > 0 and covered < 0.5 * total


# ---------------------------------------------------------------------------------------------
# Text lines


@dataclass
class Line:
    chars: list[dict]
    top: float
    bottom: float

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def size(self) -> float:
        sizes = sorted(c.get("size") or (c["bottom"] - c["top"]) for c in self.chars)
        return sizes[len(sizes) // 2]

    @property
    def text(self) -> str:
        return line_text(self.chars)


def _overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    return min(a_bottom, b_bottom) - max(a_top, b_top)


# How much of the smaller height a character and a line must share for the character to be on it.
# Lines of text a leading of at least 1 apart do not overlap at all; digits drawn in another font
# on a shifted baseline may share little more than a third (Liberation Serif 2 pt low beside 7 pt
# Noto Serif CJK: 3.2 of 7 pt).
_LINE_SHARE = 0.3


def text_lines(chars: Iterable[dict]) -> list[Line]:
    """Group characters into lines by vertical overlap: a character belongs to the line it shares
    most of its height with, at least ``_LINE_SHARE`` of the smaller one. Lines in reading order."""
    ordered = sorted(
        (c for c in chars if c.get("upright", True) and c["text"] != ""),
        key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]),
    )
    lines: list[Line] = []
    extents: list[tuple[list[float], list[float]]] = []  # each line's tops and bottoms, sorted
    for ch in ordered:
        top, bottom = ch["top"], ch["bottom"]
        height = max(bottom - top, 0.1)
        best, best_share = None, _LINE_SHARE
        # the lines just above: characters come sorted by height
        for index in range(max(0, len(lines) - 4), len(lines)):
            line = lines[index]
            share = _overlap(top, bottom, line.top, line.bottom) / min(height, max(line.height, 0.1))
            if share >= best_share:
                best, best_share = index, share
        if best is None:
            lines.append(Line([ch], top, bottom))
            extents.append(([top], [bottom]))
        else:
            line = lines[best]
            line.chars.append(ch)
            # the line's extent is that of its characters of the most common height (its body):
            # the median top and bottom of its characters (kept sorted as they come)
            tops, bottoms = extents[best]
            insort(tops, top)
            insort(bottoms, bottom)
            line.top, line.bottom = tops[len(tops) // 2], bottoms[len(bottoms) // 2]
    lines.sort(key=lambda line: (line.top + line.bottom) / 2)
    return lines


# CJK radicals supplement (U+2E80–U+2EF3) → the character whose glyph Noto Sans/Serif CJK SC draw
# for it (derived from those fonts' cmaps: the two code points share one glyph). NFKC maps only
# two of these; Kangxi radicals and compatibility ideographs are mapped by NFKC (with ⼾ → 户,
# the glyph of the SC fonts, not NFKC's 戶).
_SUPPLEMENT = (
    "2E82乛2E83乚2E85亻2E89刂2E8B㔾2E8F尣2E90尢2E92巳2E93幺2E94彑2E95彐2E96忄2E98扌2E99攵2E9B旡"
    "2E9E歺2E9F母2EA0民2EA1氵2EA3灬2EA4爫2EA6丬2EA8犭2EAD礻2EAF糹2EB0纟2EB1罓2EB3㓁2EB9耂2EBA肀"
    "2EBE艹2EC2衤2EC5见2EC6角2EC8讠2EC9贝2ECB车2ECC辶2ED0钅2ED1長2ED2镸2ED3长2ED4门2ED6阝2ED8青"
    "2ED9韦2EDA页2EDB风2EDC飞2EDD食2EDF飠2EE0饣2EE2马2EE3骨2EE4鬼2EE5鱼2EE6鸟2EE7卤2EE8麦2EE9黄"
    "2EEA黾2EEB斉2EEC齐2EEE齿2EEF竜2EF0龙2EF1龜2EF2亀2EF3龟"
)
RADICALS = {chr(int(_SUPPLEMENT[i : i + 4], 16)): _SUPPLEMENT[i + 4] for i in range(0, len(_SUPPLEMENT), 5)}
RADICALS["\u2f3e"] = "户"
# The dash of Chinese text (破折号 ——, GB 0xA1AA) is U+2014 in GB 18030 but U+2015 in the code
# page 936 table, and the CJK fonts draw both with one glyph, so a PDF's ToUnicode map may name
# either, even page by page in one file (Chromium with Noto Serif CJK SC): read U+2015 as U+2014.
SAME_GLYPH = {**RADICALS, "\u2015": "\u2014"}


def char_text(text: str) -> str:
    """A character's text as the document means it. Some producers (Chromium with Noto CJK, some
    WPS fonts) write a radical or compatibility code point in the PDF's ToUnicode map for the glyph
    of an ordinary character (⼈ U+2F08 for 人, ⻓ U+2ED3 for 长), or U+2015 for the dash U+2014:
    read as that character. White space reads as a space."""
    if text.isspace():
        return " "
    if len(text) == 1:
        code = ord(text)
        if text in SAME_GLYPH:
            return SAME_GLYPH[text]
        if 0x2F00 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF:
            return unicodedata.normalize("NFKC", text)
    return text


def line_text(chars: Sequence[dict], x_tolerance: float = 1.5) -> str:
    """The characters of one line left to right; a gap wider than ``x_tolerance`` (and not
    already a space) becomes one space."""
    out: list[str] = []
    last_x1 = None
    for ch in sorted(chars, key=lambda c: c["x0"]):
        text = char_text(ch["text"])
        if text == " " and out and out[-1] == " ":
            continue
        if last_x1 is not None and ch["x0"] - last_x1 > x_tolerance and out and out[-1] != " " and text != " ":
            out.append(" ")
        out.append(text)
        last_x1 = ch["x1"] if last_x1 is None else max(last_x1, ch["x1"])
    return "".join(out)


# Characters that do not start a line (CJK line breaking keeps them with the one before).
_NO_START = set("，。、；：？！）》」』】〕’”%％,.;:?!)]}")
# an opening quote may not end a line: it goes to the next line with the character after it
_NO_END = set("‘“")


def lead(line: Line, quotes: bool = False) -> float:
    """Width of the line's first unbreakable piece: a character with the punctuation after it
    that may not start a line, or a run of digits and Latin letters (a number wraps whole).
    ``quotes``: with an opening quote before it, which may not end a line (“良”)."""
    chars = sorted((c for c in line.chars if not c["text"].isspace()), key=lambda c: c["x0"])
    if not chars:
        return 0.0
    start = 0
    while quotes and start < len(chars) - 1 and chars[start]["text"] in _NO_END:
        start += 1
    end = start + 1
    if chars[start]["text"].isascii() and chars[start]["text"].isalnum():
        while end < len(chars) and chars[end]["text"].isascii() and not chars[end]["text"].isspace():
            end += 1
    while end < len(chars) and chars[end]["text"] in _NO_START:
        end += 1
    return chars[end - 1]["x1"] - chars[0]["x0"]


def block_text(chars: Iterable[dict]) -> str:
    """Text of a cell or box: its lines top to bottom, one ``\\n`` between lines."""
    return "\n".join(line.text.strip() for line in text_lines(chars))


def centre_in(ch: dict, bbox: tuple[float, float, float, float]) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return bbox[0] <= x < bbox[2] and bbox[1] <= y < bbox[3]


# ---------------------------------------------------------------------------------------------
# Columns of a table drawn without inner vertical rules


# A gap between two characters of a row wider than this share of the font size separates two
# cells: cells of a table without vertical rules are told apart by their padding (a word space
# is about a third of the font size).
CELL_GAP = 0.6
# The first column's text never starts further than this (pt) from the table's left frame.
FIRST_COLUMN_MAX = 24.0
# the widest cell padding a producer draws (left of a cell's text)
_PADDING_MAX = 8.0


def _runs(band_chars: list[dict]) -> list[tuple[float, float]]:
    """(start, end) of the runs of ink of one row: characters of its lines, cut at gaps wider
    than CELL_GAP font sizes; runs that overlap on different lines are one run (a wrapped cell)."""
    pieces: list[tuple[float, float]] = []
    for line in text_lines(band_chars):
        # a space is part of its cell's text: only white space without characters separates cells
        chars = sorted(line.chars, key=lambda c: c["x0"])
        if not chars:
            continue
        gap = CELL_GAP * line.size
        start, end = chars[0]["x0"], chars[0]["x1"]
        for ch in chars[1:]:
            if ch["x0"] - end > gap:
                pieces.append((start, end))
                start = ch["x0"]
            end = max(end, ch["x1"])
        pieces.append((start, end))
    pieces.sort()
    merged: list[list[float]] = []
    for start, end in pieces:
        if merged and start <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][0] = min(merged[-1][0], start)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _consistent(a: list[tuple[float, float]], b: list[tuple[float, float]], padding: float = 0.0) -> bool:
    """Whether two rows can share a grid: no cell of one starts inside a cell of the other, or
    less than a padding after its text (in one grid a cell's text ends before the next cell's
    edge, which is a padding left of the next cell's text)."""
    for runs, others in ((a, b), (b, a)):
        for start, _ in runs:
            if any(s + 1.0 < start < e + padding + 0.5 for s, e in others):
                return False
    return True


def band_runs(frame: tuple[float, float, float, float], band: tuple[float, float], chars: Sequence[dict]) -> list:
    """The runs of text (cells) of one row of a table drawn without inner vertical rules."""
    x0, _, x1, _ = frame
    top, bottom = band
    return _runs([c for c in chars if top <= (c["top"] + c["bottom"]) / 2 < bottom and x0 <= c["x0"] < x1])


def rule_less_columns(
    frame: tuple[float, float, float, float],
    bands: Sequence[tuple[float, float]],
    chars: Sequence[dict],
    h: Sequence[Edge] = (),
    continued: bool = False,
) -> list[Edge]:
    """Vertical rules for a table drawn without inner ones: its rows (``bands``, top and bottom)
    are ruled, its frame is ``frame``. Returns, in each row, a rule at each column's left edge:
    where a row rule broken by a merged cell ends, else the column's text start less the
    padding the first column shows. ``continued``: the table is open at the top (the first row
    is the rest of a row cut on the page before)."""
    x0, _, x1, _ = frame
    runs = []
    for top, bottom in bands:
        inside = [c for c in chars if top <= (c["top"] + c["bottom"]) / 2 < bottom and x0 <= c["x0"] < x1]
        runs.append(_runs(inside))
    inside_frame = [e for e in h if frame[1] - NEAR <= e["top"] <= frame[3] + NEAR]
    ends = sorted(x for e in inside_frame for x in (e["x0"], e["x1"]) if x0 + NEAR < x < x1 - NEAR)
    # the padding: how far the first column's text stands from the frame (the nearest such)
    offsets = [row[0][0] - x0 for row in runs if row and row[0][0] - x0 < FIRST_COLUMN_MAX]
    pad = min(offsets) if offsets else 0.0
    # group consecutive rows that can share a grid (an empty row goes with the rows around it)
    groups: list[list[int]] = []
    for i, row in enumerate(runs):
        # the first row of a table open at the top is the rest of a row cut on the page before:
        # its columns are that row's, not those of the rows under it
        together = all(_consistent(row, runs[j], pad) for j in groups[-1]) if groups else False
        if together and not (continued and i == 1):
            groups[-1].append(i)
        else:
            groups.append([i])
    grids: list[tuple[list[int], list[float]]] = []
    paddings: list[float] = []
    for group in groups:
        starts: list[float] = []
        for start in sorted(s for i in group for s, _ in runs[i]):
            if not starts or start - starts[-1] > 1.5:
                starts.append(start)
        # the first start is the first column's text after its padding when it is nearer the
        # frame than half the narrowest column (a column holds its padding and a character)
        narrow = min((b - a for a, b in zip(starts, starts[1:])), default=x1 - x0)
        if starts and starts[0] - x0 < min(narrow / 2, FIRST_COLUMN_MAX):
            paddings.append(starts[0] - x0)
            starts = starts[1:]
        grids.append((group, starts))
    padding = min(paddings) if paddings else 1.0
    edges: list[Edge] = []
    for group, starts in grids:
        for start in starts:
            near = [x for x in ends if start - padding - NEAR <= x <= start + 0.5]
            x = near[-1] if near else start - padding
            for i in group:
                top, bottom = bands[i]
                edges.append(vertical(x, top, bottom))
    # a rule drawn across part of a row (too short to divide rows of the whole width) ends at a
    # cell merged over the rows it divides: that end is a column's edge even where the column
    # holds no text (units table: 序号 and a one-character 单位名称 ruled per unit, an empty 备注
    # merged over all of them). So are the ends of the rule under the first row of a table open
    # at the top: that row, the rest of one cut on the page before, shows too little text to find
    # its columns by (更新 alone, over codes wrapped in a narrow column under cells merged down).
    # So are the ends of a row's rules past all of its text: an empty column merged over the rows
    # (备注 beside the units). Only where the rule stops: Chromium draws a rule in pieces, one per
    # cell of the rows on either side, and where two pieces meet may be a column of the other row
    # only.
    for i, (top, bottom) in enumerate(bands):
        for e in inside_frame:
            inside = top + NEAR < e["top"] < bottom - NEAR
            under_rest = continued and i == 0 and abs(e["top"] - bottom) <= NEAR
            on_border = abs(e["top"] - top) <= NEAR or abs(e["top"] - bottom) <= NEAR
            past_text = on_border and runs[i] and e["x1"] >= max(b for _, b in runs[i]) + NEAR
            ends_here: list[tuple[float, float]]
            if inside or under_rest:
                ends_here = [(e["x0"], -1.0), (e["x1"], 1.0)]
            elif past_text:
                ends_here = [(e["x1"], 1.0)]
            else:
                continue
            for x, ahead in ends_here:
                if not x0 + NEAR < x < x1 - NEAR or any(a < x - 0.5 and b > x + 0.5 for a, b in runs[i]):
                    continue  # at the frame, or text runs across it
                # a text starting just after it has its column's edge already (at its padding)
                if any(x - 0.5 <= a <= x + _PADDING_MAX for a, _ in runs[i]) or any(
                    abs(edge["x0"] - x) <= NEAR and abs(edge["top"] - top) <= NEAR for edge in edges
                ):
                    continue
                # another piece at that height runs on past the end (a piece drawn twice does not)
                if not any(
                    abs(o["top"] - e["top"]) <= 1.5
                    and o["x0"] - NEAR <= x <= o["x1"] + NEAR
                    and (o["x1"] if ahead > 0 else -o["x0"]) > ahead * x + NEAR
                    for o in inside_frame
                ):
                    edges.append(vertical(x, top, bottom))
    # a gap in a row's rule is a cell merged over it (or drawn open at a cut): its sides are
    # columns' edges in the rows on both sides of the rule, so that the cell is one cell over them
    # even where it holds no text in a row (a name merged down beside rows of the other half)
    for i, (top, bottom) in enumerate(bands):
        for y, rows in ((top, (i,)), (bottom, (i, i + 1))) if i == 0 else ((bottom, (i, i + 1)),):
            for a, b in rule_gaps(h, y, x0, x1):
                for j in (j for j in rows if j < len(bands)):
                    band_top, band_bottom = bands[j]
                    for x in (a, b):
                        # not where text runs across it, nor where a column's edge is already
                        # there or a padding to its right (the edge of a text starting there)
                        if any(s < x - 0.5 and e > x + 0.5 for s, e in runs[j]) or any(
                            x - NEAR <= edge["x0"] <= x + _PADDING_MAX and abs(edge["top"] - band_top) <= NEAR
                            for edge in edges
                        ):
                            continue
                        edges.append(vertical(x, band_top, band_bottom))
    return edges
