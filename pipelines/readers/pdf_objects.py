"""A page's objects as pdfplumber gives them, made faster for characters.

pdfplumber turns each object of pdfminer's layout into a dict (``Page.process_object``) by looking at
every attribute of the object and resolving each value recursively. A page of a 决算 table has
thousands of characters, and that generic pass was about a fifth of the time a page took to read.
A character's attributes are plain values (numbers, strings, a tuple of numbers), so
:func:`page_objects` builds the same dict for each character directly; any object that is not a
plain character as pdfminer makes it today (another kind, another set of attributes, a value that
is not plain) goes through pdfplumber's own ``process_object``. The result equals pdfplumber's
``Page.objects`` key for key (``tests/test_pdf_objects.py`` compares them page by page).
"""

from __future__ import annotations

from typing import Any

from pdfminer.layout import LTChar, LTContainer

# the attributes of a pdfminer character (pdfminer.six 2024–2026) that pdfplumber copies as they are
_COPIED = ("matrix", "fontname", "adv", "upright", "x0", "y0", "x1", "y1", "width", "height", "size", "mcid", "tag")
_CHAR_ATTRIBUTES = frozenset((*_COPIED, "_text", "ncs", "graphicstate", "bbox"))
# values pdfplumber's recursive resolving leaves as they are (a tuple: when its items are)
_PLAIN = frozenset((float, int, str, bool, type(None)))
_PLAIN_OR_TUPLE = _PLAIN | {tuple}


def _plain(values: list[Any]) -> bool:
    if not set(map(type, values)) <= _PLAIN_OR_TUPLE:
        return False
    return all(set(map(type, v)) <= _PLAIN for v in values if type(v) is tuple)


def page_objects(page) -> dict[str, list[dict[str, Any]]]:
    """The objects of a pdfplumber ``page`` by kind (char, line, rect, curve, image …), in the order
    and with the keys and values ``page.objects`` gives; also kept as the page's objects."""
    if hasattr(page, "_objects"):
        return page._objects
    height, top0 = page.height, page.mediabox[1]
    x_shift = page.mediabox[0]
    doctop = page.initial_doctop
    number = page.page_number
    norm = page.pdf.unicode_norm
    with_containers = page.pdf.laparams is not None
    spaces: dict[Any, Any] = {}
    objects: dict[str, list[dict[str, Any]]] = {}

    def char(obj: LTChar) -> dict[str, Any] | None:
        held = obj.__dict__
        if held.keys() != _CHAR_ATTRIBUTES or norm is not None:
            return None
        values = [held[k] for k in _COPIED]
        if not _plain(values):
            return None
        attr = dict(zip(_COPIED, values))
        attr["object_type"] = "char"
        attr["page_number"] = number
        space = held["ncs"]
        if space not in spaces:
            spaces[space] = page.process_object(obj)["ncs"]  # pdfplumber's own decoding of its name
        attr["ncs"] = spaces[space]
        attr["text"] = obj.get_text()
        state = held["graphicstate"]
        attr["stroking_color"] = state.scolor if isinstance(state.scolor, tuple) else (state.scolor,)
        attr["non_stroking_color"] = state.ncolor if isinstance(state.ncolor, tuple) else (state.ncolor,)
        attr["top"] = (height - attr["y1"]) + top0
        attr["bottom"] = (height - attr["y0"]) + top0
        attr["doctop"] = doctop + attr["top"]
        if x_shift != 0:
            attr["x0"] += x_shift
            attr["x1"] += x_shift
        return attr

    def walk(items) -> None:
        for obj in items:
            if isinstance(obj, LTContainer):
                if with_containers:
                    add(page.process_object(obj))
                walk(obj._objs)
                continue
            made = char(obj) if type(obj) is LTChar else None
            add(made if made is not None else page.process_object(obj))

    def add(attr: dict[str, Any]) -> None:
        kind = attr["object_type"]
        if kind != "anno":
            objects.setdefault(kind, []).append(attr)

    walk(page.layout._objs)
    page._objects = objects
    return objects
