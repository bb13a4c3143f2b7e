"""pipelines.readers.pdf_content reads a content stream object for object as pdfminer does: on
every stream of PDFs of each producer the project has, on byte strings made to hit each of
pdfminer's odd readings, and on seeded random token soup. A page read with it has the same
characters, lines and rectangles as one read with pdfminer's own ``execute``."""

from __future__ import annotations

import random

import pdfplumber
import pytest
from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, resolve1, stream_value
from pdfminer.psexceptions import PSEOF
from pdfminer.psparser import PSKeyword, PSLiteral

from pipelines.readers import pdf_clip
from pipelines.readers.pdf_content import Unusual, content_objects
from pipelines.readers.pdf_objects import page_objects
from tests.conftest import FIXTURES

PDFS = [
    FIXTURES / "real" / "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf",  # the 决算 software's export
    FIXTURES / "pdf" / "seed003_libreoffice_portrait.pdf",  # Writer: ActualText dictionaries, <FEFF00A0>>>
    FIXTURES / "pdf" / "seed003_reportlab_portrait.pdf",  # reportlab
    FIXTURES / "layouts" / "closing_quote_past_the_text_area.pdf",  # Chromium (clipping paths)
    FIXTURES / "layouts" / "cell_rest_alone_on_a_page_without_rules.pdf",
    FIXTURES / "scanned" / "standard_tables_wan_scanned.pdf",  # images only
]


def pdfminers(*streams: bytes) -> list:
    """The top-level objects of ``streams`` as pdfminer's ``PDFContentParser`` reads them."""
    parser = PDFContentParser([PDFStream({}, data) for data in streams])
    objects = []
    while True:
        try:
            objects.append(parser.nextobject()[1])
        except PSEOF:
            return objects


def same(a, b) -> bool:
    """Equal and of the same types all the way down (1 == 1.0 in Python, not here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, PSLiteral | PSKeyword):
        return a is b
    return a == b


def read_alike(*streams: bytes) -> bool:
    """Whether the fast reading of ``streams`` equals pdfminer's, or hands them back."""
    try:
        fast = content_objects(streams)
    except Unusual:
        return True
    slow = pdfminers(*streams)
    return len(fast) == len(slow) and all(same(a, b) for a, b in zip(fast, slow, strict=True))


def streams_of(path):
    """Each page's content streams and each form XObject's, of the PDF at ``path``."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            yield page.page_number, [stream_value(s).get_data() for s in page.page_obj.contents]
            resources = resolve1(page.page_obj.resources) or {}
            for xobject in (resolve1(resources.get("XObject")) or {}).values():
                stream = resolve1(xobject)
                if isinstance(stream, PDFStream) and getattr(stream.get("Subtype"), "name", None) == "Form":
                    yield page.page_number, [stream.get_data()]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_every_stream_reads_as_pdfminer_reads_it(path):
    read = 0
    for page, streams in streams_of(path):
        fast = content_objects(streams)  # none of these streams is left to pdfminer
        slow = pdfminers(*streams)
        assert len(fast) == len(slow), f"{path.name} page {page}"
        for n, (a, b) in enumerate(zip(fast, slow, strict=True)):
            assert same(a, b), f"{path.name} page {page}, object {n}: {a!r} read, pdfminer {b!r}"
        read += 1
    assert read


@pytest.mark.parametrize(
    "data",
    [
        # strings: nested parentheses, every escape, octal of one to three digits, an unknown
        # escape (dropped), a line end after a backslash (dropped), bytes of a CJK font
        rb"(a(b)c) Tj (\n\r\t\b\f\(\)\\) Tj (\1\12\123\1234) Tj (\q\
x) Tj (a\
b) Tj (\x00\xff\x80) Tj",
        # hex strings: spaces inside, an odd digit at the end, empty, one ending a dictionary
        rb"<4E 6F 7> Tj <> Tj /Span<</ActualText<FEFF00A0>>> BDC /P <</A <41> /B 2>> BDC",
        # numbers: a sign or a point alone (dropped), 1.2.3, signs before points, digits then words
        rb"- + . -. 1.2.3 -.5 +5 5. 007 12abc 1-2 0 0 m",
        # names: #xx escapes, a # before no hex digit, one or two digits, bytes that are not UTF-8
        rb"/A#20B /C# /D#4g /E#2 /F#E4#B8#AD /G#ff /",
        # keywords: ' and \" (text operators), T*, true and false, NUL between tokens, a comment
        b"(x) ' 1 2 (y) \" T* true false \x00 q % a comment\nQ",
        # arrays and dictionaries, nested; a keyword inside an array; a null value left out
        rb"[1 [2 (3)] <41> /N] TJ << /A 1 /B [2] /C << /D null >> >> BDC [ q ] x",
        # bytes that are no token; a lone > (passed over); ) alone
        b"\x80 \xff ) > ~ ; q",
    ],
    ids=["strings", "hex-strings", "numbers", "names", "keywords", "arrays-dictionaries", "stray-bytes"],
)
def test_odd_readings_are_pdfminers(data):
    assert read_alike(data)
    content_objects([data])  # and they are read here, not handed back


@pytest.mark.parametrize(
    "data",
    [
        b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",  # an inline image
        b"{ 1 } q",  # a procedure
        b"[ 1 2 >> q",  # brackets that do not pair
        b"<< /A >> q",  # an odd dictionary
        b"(no end",  # a string without its end
        b"<41 q",  # a hex string without its >
        b"[ 1 2",  # an array without its end
        b"/F1#2",  # a name's escape cut by the stream's end (pdfminer drops the name)
    ],
)
def test_streams_it_does_not_read_are_left_to_pdfminer(data):
    with pytest.raises(Unusual):
        content_objects([data])


def test_random_token_soup_reads_as_pdfminer_reads_it():
    """10,000 seeded pages of one to three streams of tokens and bytes drawn from what content
    streams hold, and some that they should not: each read as pdfminer reads it, or handed back."""
    common = [
        b" ", b"\n", b"\r\n", b"\x00", b"q", b"Q", b"Tj", b"TJ", b"T*", b"'", b'"', b"1", b"-2.5", b".5", b"-",
        b"+", b".", b"12.3.4", b"/F1", b"/A#20", b"/B#4g", b"/", b"(a)", b"(\\n\\12\\\n\\q)", b"(()\\))",
        b"<4E6F>", b"<41 4>", b"<>", b"%c\n", b"true", b"null", b"\xe4\xb8\xad", b"[1 (x)]", b"<</A 1>>", b")", b"~",
    ]  # fmt: skip
    rare = [b"(", b"\\", b"<", b">", b"<<", b">>", b"[", b"]", b"{", b"BI", b"/C#", b"(\\"]
    rng = random.Random(20261123)
    handed_back = 0
    for n in range(10000):
        streams = [
            b"".join(rng.choice(rare if rng.random() < 0.01 else common) for _ in range(rng.randint(1, 30)))
            + (b"\n" if rng.random() < 0.8 else b"")  # producers end a stream with a line end
            for _ in range(rng.randint(1, 3))
        ]
        try:
            fast = content_objects(streams)
        except Unusual:
            handed_back += 1
            continue
        slow = pdfminers(*streams)
        assert len(fast) == len(slow) and all(same(a, b) for a, b in zip(fast, slow, strict=True)), (n, streams)
    assert handed_back < 4000, handed_back  # most of them are read here


@pytest.mark.parametrize("path", PDFS[:5], ids=lambda p: p.stem)
def test_pages_read_with_it_have_pdfminers_objects(path, monkeypatch):
    def objects(pdf_path):
        with pdfplumber.open(pdf_path) as pdf:
            return [(pdf_clip.lay_out(page), page_objects(page))[1] for page in pdf.pages[:6]]

    fast = objects(path)
    monkeypatch.setattr(pdf_clip.ClipInterpreter, "execute", PDFPageInterpreter.execute)
    slow = objects(path)
    assert [list(page) for page in fast] == [list(page) for page in slow]
    assert fast == slow
    assert any(page["char"] for page in fast)
