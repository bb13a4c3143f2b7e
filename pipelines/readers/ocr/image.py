"""Page images: render, straighten, separate ink from paper, find ruling lines and text lines.

All functions take and return numpy arrays (uint8 grey images, boolean-like uint8 masks with
255 for ink) and plain tuples; coordinates are pixels unless a name says points.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

POINTS_PER_INCH = 72.0


def render(page, dpi: int):
    """A pdfplumber page → (grey image at ``dpi``, the zone of a red seal or None).

    The grey image is the red channel, in which a red seal is nearly as light as the paper and
    black ink under it stays dark; the seal's own strokes are made paper. JPEG keeps colour at
    half resolution, so the seal's colour also smears into the black ink under it, and its
    strokes keep soft edges of less red: a pixel counts as seal only where it is red and light,
    and the zone around the seal's strokes is returned, for :func:`without_seal`."""
    image = page.to_image(resolution=dpi, antialias=True).original.convert("RGB")
    rgb = np.asarray(image)
    red = np.ascontiguousarray(rgb[:, :, 0])
    redness = red.astype(np.int16) - np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    paper = int(np.percentile(red, 90))
    seal = (redness > 40) & (red > 0.7 * paper)
    if seal.sum() < (dpi / 25) ** 2:  # no seal (a few reddish pixels are not one)
        return red, None
    grey = red.copy()
    grey[seal] = paper
    k = max(3, int(dpi / 12)) | 1
    zone = cv2.dilate(seal.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))) > 0
    return grey, zone


def without_seal(grey, zone, paper: int):
    """For reading text: inside the seal's zone, whatever is lighter than 70% of the paper (the
    soft edges of the seal's strokes) is paper too; the ink there is darker."""
    if zone is None:
        return grey
    out = grey.copy()
    out[zone & (grey > 0.7 * paper)] = paper
    return out


def native_dpi(page) -> float | None:
    """The resolution of the largest image on the page, in dots per inch of the page."""
    best = None
    for image in page.images:
        width_pt = float(image["x1"]) - float(image["x0"])
        src = image.get("srcsize") or (0, 0)
        if width_pt > 0 and src[0]:
            dpi = src[0] * POINTS_PER_INCH / width_pt
            area = width_pt * (float(image["bottom"]) - float(image["top"]))
            if best is None or area > best[0]:
                best = (area, dpi)
    return best[1] if best else None


def ink_mask(grey):
    """255 where there is ink: darker than the paper around it (adaptive, so uneven paper and a
    faded seal stay paper), and darker than the midpoint between paper and ink overall."""
    blur = cv2.GaussianBlur(grey, (3, 3), 0)
    otsu, _ = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    local = cv2.adaptiveThreshold(blur, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 18)
    mask = np.where(blur < otsu + 10, local, 0).astype(np.uint8)
    return mask


def skew_angle(mask, limit: float = 2.0) -> float:
    """The page's rotation in degrees (counter-clockwise positive, as PIL turns an image): the
    angle at which the ink's rows line up best (the sharpest horizontal projection)."""
    scale = min(1.0, 1200 / mask.shape[1])
    small = cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(small > 64)
    if len(ys) < 100:
        return 0.0
    if len(ys) > 200_000:
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs.astype(np.float64) - small.shape[1] / 2
    ys = ys.astype(np.float64)

    def sharpness(angle: float) -> float:
        t = np.radians(angle)
        # a point of the turned page at (x, y) was at y - x*tan(angle) before the page was turned
        rows = np.round(ys + xs * np.tan(t)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    # of equally sharp angles, the smallest turn
    best = max(np.arange(-limit, limit + 1e-9, 0.1), key=lambda a: (sharpness(a), -abs(a)))
    fine = max(np.arange(best - 0.1, best + 0.1 + 1e-9, 0.01), key=lambda a: (sharpness(a), -abs(a)))
    return float(round(fine, 2)) + 0.0


def rotate(grey, angle: float):
    """Turn the image by ``-angle`` about its centre (undo a skew of ``angle``)."""
    if abs(angle) < 0.01:
        return grey
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    paper = int(np.percentile(grey, 90))
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=paper)


@dataclass(frozen=True)
class Rule:
    """A ruling line: horizontal (y fixed, from x0 to x1) or vertical (x fixed, y0 to y1), px."""

    horizontal: bool
    at: float
    start: float
    end: float
    thickness: float = 1.0


def rule_mask(grey):
    """A more permissive ink mask for finding rules: a thin rule at 150 dpi, turned and
    compressed, is faint and broken; gaps of a few pixels along it are closed."""
    blur = cv2.GaussianBlur(grey, (3, 3), 0)
    return cv2.adaptiveThreshold(blur, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 10)


def ruling_lines(mask, dpi: float):
    """The table rules on the page, and the mask of their pixels (to erase them from the text).

    Horizontal rules are runs of ink at least 18 pt long in one pixel row (no character is that
    wide); a faint rule comes out in pieces, which are joined when they lie on one line with
    small gaps between them. A vertical rule is kept only if it reaches from one horizontal rule
    to another (a row can be as short as a character is tall, so a shorter run is accepted): a
    character's stroke does not touch the rules around it. A rule that reaches a horizontal rule
    at one end only is kept when it is long (a table cut by the page break is open there)."""
    px = dpi / POINTS_PER_INCH
    rect = cv2.getStructuringElement
    long_h = max(15, int(18 * px))
    gap = max(3, int(round(1.5 * px)))
    horizontal = cv2.morphologyEx(mask, cv2.MORPH_OPEN, rect(cv2.MORPH_RECT, (long_h, 1)))
    anchors = [r for r in _segments(horizontal, True) if r.end - r.start >= long_h]
    if not anchors:
        return [], np.zeros_like(mask)
    # pieces of a faint rule: shorter runs on the same line, joined across small gaps
    shorter = cv2.morphologyEx(mask, cv2.MORPH_OPEN, rect(cv2.MORPH_RECT, (max(5, long_h // 3), 1)))
    horizontals = [r for r in _join(_segments(shorter, True), gap, anchors) if r.end - r.start >= long_h]
    # a row of bold characters can make a long run too: their strokes cross it
    horizontals = [r for r in horizontals if not _crossed(mask, r, None)]
    short_v = max(9, int(7 * px))
    vertical = cv2.morphologyEx(mask, cv2.MORPH_OPEN, rect(cv2.MORPH_RECT, (1, short_v)))
    verticals = _join(_segments(vertical, False), gap, None)

    def touches(x: float, y: float) -> bool:
        # a rule crossing or meeting a horizontal rule ends inside that rule's stroke
        return any(abs(y - h.at) <= h.thickness / 2 + 1 and h.start - 2 <= x <= h.end + 2 for h in horizontals)

    bands = np.zeros(mask.shape[0], dtype=bool)
    for h in horizontals:
        bands[max(0, int(h.at - h.thickness / 2 - 2)) : int(h.at + h.thickness / 2 + 3)] = True

    rules = list(horizontals)
    for v in verticals:
        if _crossed(mask, v, bands):
            continue
        top_ok, bottom_ok = touches(v.at, v.start), touches(v.at, v.end)
        if top_ok and bottom_ok and v.end - v.start >= short_v:
            rules.append(v)
        elif (top_ok or bottom_ok) and v.end - v.start >= 18 * px:
            rules.append(v)
    # the rules' own pixels: the runs found above, where a kept rule lies
    keep = np.zeros_like(mask)
    for r in rules:
        half = int(np.ceil(r.thickness / 2)) + 1
        if r.horizontal:
            y = int(round(r.at))
            keep[max(0, y - half) : y + half + 1, int(r.start) : int(r.end) + 1] = 255
        else:
            x = int(round(r.at))
            keep[int(r.start) : int(r.end) + 1, max(0, x - half) : x + half + 1] = 255
    lines = cv2.bitwise_and(cv2.bitwise_or(shorter, vertical), keep)
    lines = cv2.dilate(lines, rect(cv2.MORPH_RECT, (3, 3)))
    return rules, lines


def _crossed(mask, r: Rule, skip) -> bool:
    """Whether ``r`` is a character's stroke rather than a rule: a stroke is crossed by the
    character's other strokes (主, 十, 中; a row of bold characters), so there is ink on both
    sides of it at many places along it; a rule has paper beside it (text may touch one side).
    ``skip``: positions along the line to leave out (where other rules cross it); without it,
    only the line's ends (where the rules it meets cross) are left out."""
    half = int(np.ceil(r.thickness / 2)) + 1
    at = int(round(r.at))
    limit = mask.shape[0] if r.horizontal else mask.shape[1]
    if at - half - 1 < 0 or at + half + 1 >= limit:
        return False
    along = np.arange(int(r.start), int(r.end))
    if skip is not None:
        along = along[~skip[along]]
    else:
        margin = 2 * half + 3
        along = along[(along > r.start + margin) & (along < r.end - margin)]
    if len(along) < 3:
        return False
    if r.horizontal:
        before, after = mask[at - half - 1, along] > 0, mask[at + half + 1, along] > 0
    else:
        before, after = mask[along, at - half - 1] > 0, mask[along, at + half + 1] > 0
    return bool(np.count_nonzero(before & after) > 0.12 * len(along))


def _join(segments: list[Rule], gap: int, anchors: list[Rule] | None) -> list[Rule]:
    """Segments on one line (within 2 px) with gaps of at most ``gap`` joined into one; with
    ``anchors``, only the joined lines that hold an anchor segment are kept."""
    out: list[Rule] = []
    for r in sorted(segments, key=lambda r: (r.start, r.at)):
        same = next(
            (i for i in range(len(out) - 1, -1, -1) if abs(out[i].at - r.at) <= 2 and r.start - out[i].end <= gap),
            None,
        )
        if same is None:
            out.append(r)
            continue
        q = out[same]
        weight_q, weight_r = q.end - q.start, r.end - r.start
        at = (q.at * weight_q + r.at * weight_r) / max(1.0, weight_q + weight_r)
        out[same] = Rule(q.horizontal, at, q.start, max(q.end, r.end), max(q.thickness, r.thickness))
    if anchors is None:
        return out
    return [
        r for r in out if any(abs(a.at - r.at) <= 2 and r.start - 1 <= a.start and a.end <= r.end + 1 for a in anchors)
    ]


def _segments(lines_mask, horizontal: bool) -> list[Rule]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines_mask, connectivity=8)
    out = []
    for x, y, w, h, _area in stats[1:count]:
        if horizontal:
            if w < 3 * h:
                continue
            out.append(Rule(True, y + h / 2, float(x), float(x + w), float(h)))
        else:
            if h < 3 * w:
                continue
            out.append(Rule(False, x + w / 2, float(y), float(y + h), float(w)))
    return out


def erase_rules(mask, lines):
    """The ink mask without the ruling lines' pixels (what remains is text)."""
    return cv2.bitwise_and(mask, cv2.bitwise_not(lines))


def remove_dust(text_mask, dpi: float):
    """The text mask without dust: specks no larger than 2.5 pt with no other ink within 4 pt
    (a full stop or a comma sits next to its digits, so it stays)."""
    px = dpi / POINTS_PER_INCH
    count, labels, stats, _ = cv2.connectedComponentsWithStats(text_mask, connectivity=8)
    if count <= 1:
        return text_mask
    small = (stats[:, cv2.CC_STAT_WIDTH] <= 2.5 * px) & (stats[:, cv2.CC_STAT_HEIGHT] <= 2.5 * px)
    small[0] = False
    if not small.any():
        return text_mask
    is_small = small[labels]
    big = np.where(is_small, 0, text_mask).astype(np.uint8)
    reach = max(3, int(round(4 * px)))
    near_big = cv2.dilate(big, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * reach + 1, 2 * reach + 1))) > 0
    # a speck touching the neighbourhood of real ink is kept; so are specks clustered together
    keep = np.zeros(count, dtype=bool)
    keep[np.unique(labels[is_small & near_big])] = True
    dust = small & ~keep
    out = text_mask.copy()
    out[dust[labels]] = 0
    return out


@dataclass(frozen=True)
class TextLine:
    """A line of text found in a region: its box in pixels (x0, y0, x1, y1)."""

    box: tuple[int, int, int, int]


def text_lines(text_mask, box: tuple[int, int, int, int], dpi: float, split_gap: float | None = None) -> list[TextLine]:
    """Lines of text inside ``box`` of ``text_mask`` (ruling lines already erased), top to
    bottom; with ``split_gap`` (points), a line is also cut where its ink leaves a gap that wide
    (two pieces of text on one line, e.g. 部门：… and 单位：万元)."""
    x0, y0, x1, y1 = box
    region = text_mask[y0:y1, x0:x1]
    if region.size == 0:
        return []
    px = dpi / POINTS_PER_INCH
    rows = np.count_nonzero(region, axis=1)
    bands = _runs(rows > 0)
    # bands too close together are parts of one line (a character with a gap inside, 二 or 三)
    merged: list[list[int]] = []
    for a, b in bands:
        if merged and a - merged[-1][1] <= max(1, int(0.8 * px)) and b - merged[-1][0] <= 14 * px:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    out: list[TextLine] = []
    for a, b in merged:
        band = region[a:b]
        cols = np.count_nonzero(band, axis=0)
        pieces = _runs(cols > 0)
        if not pieces:
            continue
        height = b - a
        # drop dust on the line: a speck no larger than 2.5 pt, set apart from the rest of the
        # line by more than half the line's height (a full stop or a comma is closer)
        kept = []
        for i, (c0, c1) in enumerate(pieces):
            sub = np.nonzero(np.count_nonzero(band[:, c0:c1], axis=1))[0]
            tall = int(sub[-1] - sub[0] + 1) if len(sub) else 0
            tiny = (c1 - c0) <= 2.5 * px and tall <= 2.5 * px
            if tiny:
                gaps = [q0 - c1 for q0, _ in pieces[i + 1 : i + 2]] + [c0 - q1 for _, q1 in pieces[max(0, i - 1) : i]]
                if not gaps or min(gaps) > 0.5 * height:
                    continue
            kept.append((c0, c1))
        if not kept:
            continue
        if (kept[-1][1] - kept[0][0]) <= 3 * px and height <= 3 * px:
            continue  # a line of dust: no character is that small alone
        if height < 1.5 * px and (kept[-1][1] - kept[0][0]) > 14 * px:
            continue  # a long thin stroke is what is left of a rule, not text (a dash is shorter)
        groups = [list(kept[0])]
        gap = split_gap * px if split_gap else None
        for c0, c1 in kept[1:]:
            if gap is not None and c0 - groups[-1][1] > gap:
                groups.append([c0, c1])
            else:
                groups[-1][1] = c1
        for c0, c1 in groups:
            # the band's rows inside this piece only (another piece may be taller)
            sub = np.count_nonzero(band[:, c0:c1], axis=1)
            inked = np.nonzero(sub)[0]
            top, bottom = a + int(inked[0]), a + int(inked[-1]) + 1
            out.append(TextLine((x0 + c0, y0 + top, x0 + c1, y0 + bottom)))
    return out


def _runs(flags) -> list[tuple[int, int]]:
    """[(start, end)] of the runs of True in a 1-d boolean array (end exclusive)."""
    padded = np.concatenate(([False], np.asarray(flags, dtype=bool), [False]))
    changes = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(a), int(b)) for a, b in zip(changes[::2], changes[1::2])]


def crop_line(grey, box: tuple[int, int, int, int], line_height: float, paper: int):
    """The grey image of one text line with a margin of paper around it, as the model expects.
    A line of low marks only (一, —, a full stop) is given the height of the page's text lines,
    so that the model sees it at the size of the text around it."""
    x0, y0, x1, y1 = box
    h = max(y1 - y0, int(round(line_height)))
    centre = (y0 + y1) / 2
    top, bottom = int(round(centre - h / 2)), int(round(centre + h / 2))
    pad_y = max(2, int(round(0.25 * h)))
    pad_x = max(2, int(round(0.3 * h)))
    out = np.full((bottom - top + 2 * pad_y, x1 - x0 + 2 * pad_x), paper, dtype=np.uint8)
    # the line's own ink box and a rim of 2 px (the soft edges of the strokes) are copied; a
    # neighbouring line stays out
    rim = 2
    H, W = grey.shape
    a0, b0 = max(0, y0 - rim), min(H, y1 + rim)
    c0, d0 = max(0, x0 - rim), min(W, x1 + rim)
    out[a0 - top + pad_y : b0 - top + pad_y, c0 - x0 + pad_x : d0 - x0 + pad_x] = grey[a0:b0, c0:d0]
    return out


def line_variants(grey, box: tuple[int, int, int, int], line_height: float, paper: int) -> list:
    """The same text line drawn six other ways, for a second reading of a line the model was
    unsure of: smaller and larger, with more paper around it, cut as a taller line, and with
    the strokes a pixel thinner and a pixel thicker. A misread that comes from the exact pixels
    of one crop (a stroke touching the edge, a size between two the model knows) rarely
    survives all of them; what the ink really prints does."""
    base = crop_line(grey, box, line_height, paper)
    kernel = np.ones((2, 2), np.uint8)
    return [
        cv2.resize(base, None, fx=0.75, fy=0.75, interpolation=cv2.INTER_AREA),
        cv2.resize(base, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC),
        np.pad(base, 6, constant_values=paper),
        crop_line(grey, box, 1.3 * line_height, paper),
        cv2.dilate(base, kernel),  # dark ink on light paper: dilating thins the strokes
        cv2.erode(base, kernel),
    ]
