"""A faster reading of a page's content stream, object for object as pdfminer reads it.

pdfminer (under pdfplumber) reads a content stream byte by byte through a state machine in Python,
and that reading is about half of the time a page of a 决算 PDF costs (``scripts/benchmark_pdf.py``).
:func:`content_objects` reads the same bytes with one regular expression and gives the same
top-level objects in the same order (numbers, strings, names, arrays, dictionaries, booleans and
operators as pdfminer's ``PSKeyword``), following pdfminer's reading also where it departs from the
PDF reference (streams joined as by a line end, an unknown escape in a string dropped, a lone hex
digit at a hex string's end read as a byte of its own, ``<41>>`` read as a hex string and ``>>``).

What it does not read it hands back: a stream with an inline image (``BI … ID … EI``), a
procedure (``{ }``), brackets that do not pair, a dictionary of an odd number of items, a string or
a hex string without its end, a ``<`` that opens nothing, a stream that ends without white space
before another or in a name's ``#`` escape raises :class:`Unusual`, and the caller reads the
streams with pdfminer itself. ``tests/test_pdf_content.py`` compares the two readings on every
stream of PDFs of each producer, on odd byte strings and on seeded random pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pdfminer.psparser import ESC_STRING, KWD, LIT, PSKeyword


class Unusual(Exception):  # noqa: N818 - not an error: the stream is read the slow way instead
    """A stream this reader leaves to pdfminer."""


_TOKEN = re.compile(
    rb"""
    [\s\x00]+                                   # white space (pdfminer skips a NUL between tokens)
    | ([-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)     # 1: a number
    | ([A-Za-z][^#/%\[\]()<>{}\s]*)             # 2: an operator (or true, false)
    | /([^/%\[\]()<>{}\s]*)                     # 3: a name, #xx escapes in it
    | (\()                                      # 4: a string
    | (<<|>>|\[|\])                             # 5: a dictionary's or an array's bounds
    | <([\s0-9a-fA-F]*)>(>?)                    # 6: a hex string; 7: a > after it ends a dictionary
    | %[^\r\n]*                                 # a comment
    | (.)                                       # 8: any other byte
    """,
    re.S | re.X,
)
_STRING_END = re.compile(rb"[()\\]")
_OCTAL = re.compile(rb"[0-7]{1,3}")
_ESCAPES = {k[0]: v for k, v in ESC_STRING.items()}  # pdfminer's: \n, \(, \\ …
_NAME_HEX = re.compile(rb"#([0-9a-fA-F]{0,2})")
_NAME_HEX_AT_END = re.compile(rb"#[0-9a-fA-F]{0,2}\Z")
_SPACE = re.compile(rb"\s")
_HEX_PAIR = re.compile(rb"[0-9a-fA-F]{2}|.", re.S)
_KEYWORDS: dict[bytes, Any] = {b"true": True, b"false": False}
_LITERALS: dict[bytes, Any] = {}


def _number(token: bytes) -> int | float | None:
    try:
        return float(token) if b"." in token else int(token)
    except ValueError:  # a sign or a point alone: pdfminer drops it
        return None


def _name(raw: bytes):
    literal = _LITERALS.get(raw)
    if literal is None:
        name = _NAME_HEX.sub(lambda m: bytes((int(m[1], 16),)) if m[1] else b"", raw) if b"#" in raw else raw
        try:
            literal = LIT(str(name, "utf-8"))
        except UnicodeDecodeError:
            literal = LIT(name)
        _LITERALS[raw] = literal
    return literal


def _string(data: bytes, i: int) -> tuple[bytes, int]:
    """The literal string that starts at ``data[i]`` (after its ``(``) and where it ends."""
    depth = 1
    out = bytearray()
    search = _STRING_END.search
    while True:
        m = search(data, i)
        if m is None:
            raise Unusual("a string without its end")
        j = m.start()
        out += data[i:j]
        c = data[j]
        if c == 0x5C:  # a backslash
            k = j + 1
            octal = _OCTAL.match(data, k)
            if octal is not None:
                code = int(octal.group(), 8)
                if code > 255:
                    raise Unusual("an octal escape over 255")
                out.append(code)
                i = octal.end()
            elif k >= len(data):
                raise Unusual("a string without its end")
            elif data[k] in _ESCAPES:
                out.append(_ESCAPES[data[k]])
                i = k + 1
            elif data[k] == 0x0D and data[k + 1 : k + 2] == b"\n":
                i = k + 2
            else:  # pdfminer drops an escaped byte it does not know (and a line end after \)
                i = k + 1
        elif c == 0x28:
            depth += 1
            out.append(c)
            i = j + 1
        else:
            depth -= 1
            if depth == 0:
                return bytes(out), j + 1
            out.append(c)
            i = j + 1


def content_objects(streams: Sequence[bytes]) -> list:
    """The top-level objects of a page's content streams (their data, in order) in pdfminer's
    reading (``PDFContentParser``'s ``nextobject``), or :class:`Unusual` for streams this reader
    leaves to pdfminer.

    pdfminer ends a token cut by the end of a stream, or by the end of the last, as if a line end
    followed; so does this reading, where that gives pdfminer's objects: streams that end with
    white space, and a last stream that does not end in a name's ``#`` escape (pdfminer drops
    that name)."""
    for n, stream in enumerate(streams):
        if n < len(streams) - 1 and stream and not stream[-1:].isspace():
            raise Unusual("a stream that ends without white space before another")
        if _NAME_HEX_AT_END.search(stream[-3:]):  # (the escape is at most 3 bytes)
            raise Unusual("a stream that ends in a name's # escape")
    data = b"\n".join(streams) + b"\n"
    objects: list = []
    current = objects
    outer: list[tuple[list, str]] = []  # the lists holding the open arrays and dictionaries
    kind = ""
    match = _TOKEN.match
    keywords = _KEYWORDS
    i, end = 0, len(data)
    while i < end:
        m = match(data, i)
        i = m.end()  # type: ignore[union-attr]  # the last alternative takes any byte
        group = m.lastindex  # type: ignore[union-attr]
        if group is None:  # white space or a comment
            continue
        if group == 2:
            word = m.group(2)  # type: ignore[union-attr]
            token = keywords.get(word)
            if token is None:
                token = keywords[word] = KWD(word)
            if word == b"BI" or word == b"ID":
                raise Unusual("an inline image")
            current.append(token)
            continue
        if group == 1:
            number = _number(m.group(1))  # type: ignore[union-attr]
            if number is not None:
                current.append(number)
            continue
        if group == 3:
            current.append(_name(m.group(3)))  # type: ignore[union-attr]
            continue
        if group == 4:
            text, i = _string(data, i)
            current.append(text)
            continue
        if group == 7:
            digits = _SPACE.sub(b"", m.group(6))  # type: ignore[union-attr]
            current.append(_HEX_PAIR.sub(lambda p: bytes((int(p.group(0), 16),)), digits))
            if not m.group(7):  # type: ignore[union-attr]
                continue
            bound = b">>"  # pdfminer reads the hex string's > and the one after it as >>
        elif group == 5:
            bound = m.group(5)  # type: ignore[union-attr]
        else:
            byte = m.group(8)  # type: ignore[union-attr]
            if byte == b">":  # pdfminer passes over a > that is not >>
                continue
            if byte in b"<{}":
                raise Unusual(f"a {byte!r} this reading leaves to pdfminer")
            current.append(KWD(byte))
            continue
        if bound == b"[" or bound == b"<<":
            outer.append((current, kind))
            current, kind = [], ("a" if bound == b"[" else "d")
            continue
        if kind != ("a" if bound == b"]" else "d") or not outer:
            raise Unusual("a bracket that pairs with none")
        items = current
        current, kind = outer.pop()
        if bound == b"]":
            current.append(items)
        elif len(items) % 2:
            raise Unusual("a dictionary of an odd number of items")
        else:
            current.append({_key(items[n]): items[n + 1] for n in range(0, len(items), 2) if items[n + 1] is not None})
    if outer:
        raise Unusual("an array or a dictionary without its end")
    return objects


def _key(key) -> str:
    name = getattr(key, "name", None)
    if name is None or isinstance(key, PSKeyword):
        raise Unusual("a dictionary key that is not a name")
    return name if isinstance(name, str) else str(name)  # as pdfminer's literal_name
