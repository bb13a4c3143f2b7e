"""What the recognition model returns, put in the typography of the documents.

The model cannot always tell a full-width mark from its ASCII twin (``：`` / ``:``, ``（`` /
``(``): they look alike and differ in the space around them. Chinese typesetting settles it: a
colon, semicolon, comma, exclamation or question mark right after a Chinese character is
full-width, and so is a bracket opened right after one (and the bracket that closes it). A pair
printed half one way and half the other (``（%)``) is made one way. Digits and Latin text keep
their ASCII marks (``1,000.00``, ``(2024年度)`` at the start of a line).

A cell holding one horizontal stroke only is a dash (``—`` when it is as wide as a character,
``-`` when shorter): the model reads it as the character 一, which never stands alone in a
table cell.
"""

from __future__ import annotations

import re

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_AFTER_CJK = {":": "：", ";": "；", ",": "，", "!": "！", "?": "？"}
_PUNCT_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])([:;,!?])(?!\d)")
_DASHES = {"一", "-", "－", "—", "―", "–", "ー", "_", "一一", "--", "——"}
_LEADING_JUNK = re.compile(r"^(?:[,，。、·•'`:：;；]|\.(?!\d))+(?=\S)")
_TRAILING_JUNK = re.compile(r"(?<=\S)[·•'`]+$")


def tidy(text: str) -> str:
    """The text with the widths of its punctuation set as the documents print them."""
    if not text:
        return text
    text = _PUNCT_AFTER_CJK.sub(lambda m: _AFTER_CJK[m.group(1)], text)
    # a mark before the first character or a dot after the last one is a speck of dust read as
    # punctuation: no cell or line begins with a comma
    text = _LEADING_JUNK.sub("", _TRAILING_JUNK.sub("", text))
    return _brackets(text)


def _brackets(text: str) -> str:
    chars = list(text)
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch in "(（":
            before = "".join(chars[:i]).rstrip()
            if ch == "(" and before and re.match(rf"[{_CJK}]", before[-1]):
                chars[i] = "（"
            stack.append(i)
        elif ch in ")）" and stack:
            opening = stack.pop()
            if chars[opening] == "（" or ch == "）":
                chars[opening], chars[i] = "（", "）"
    return "".join(chars)


def dash(text: str, width: float, height: float) -> str | None:
    """``—`` or ``-`` when ``text`` is a lone horizontal stroke read by the model (``width`` and
    ``height``: the stroke's ink and the page's text line height, in the same unit); else None."""
    if text.strip() not in _DASHES:
        return None
    return "—" if width >= 0.7 * height else "-"
