"""Small PDFs written byte by byte, for the adversarial and limit tests: pages of text in a
standard font, content streams that inflate to any size (decompression bombs), any number of
pages, and a broken cross-reference table. No PDF library is needed to make them."""

from __future__ import annotations

import zlib


def _stream(content: bytes, compress: bool) -> bytes:
    if not compress:
        return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    packed = zlib.compress(content, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"


def text_content(lines: list[str]) -> bytes:
    """A content stream printing ``lines`` (ASCII) down the page in Helvetica 12 pt."""
    body = [b"BT /F1 12 Tf 72 760 Td 14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        body.append(b"(" + escaped + b") Tj T*")
    body.append(b"ET")
    return b"\n".join(body)


def make_pdf(contents: list[bytes], compress: bool = True, packed: dict[int, bytes] | None = None) -> bytes:
    """A PDF with one page per content stream, every page sharing the font F1 (Helvetica).
    ``packed`` gives pages whose content stream is already Flate-compressed."""
    packed = packed or {}
    objects: list[bytes] = []
    font = 3
    first_page = 4
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(contents)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(contents)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, content in enumerate(contents):
        page = first_page + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> "
            f"/Contents {page + 1} 0 R >>".encode()
        )
        if i in packed:
            objects.append(
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed[i]) + packed[i] + b"\nendstream"
            )
        else:
            objects.append(_stream(content, compress))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def bomb(inflated_mib: int, text: str = "decompression bomb") -> bytes:
    """One page whose content stream is about 1/1000 of ``inflated_mib`` MiB compressed and
    ``inflated_mib`` MiB inflated (a comment of spaces), then prints ``text``. Compressed in
    pieces, so making it never holds the inflated stream."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    parts = [packer.compress(b"%")]
    parts += [packer.compress(chunk) for _ in range(inflated_mib)]
    parts += [packer.compress(b"\n" + text_content([text])), packer.flush()]
    return make_pdf([b""], compress=False, packed={0: b"".join(parts)})


def many_pages(count: int) -> bytes:
    """``count`` pages, each printing its number."""
    return make_pdf([text_content([f"page {n} of {count}"]) for n in range(1, count + 1)])


def break_xref(data: bytes, shift: int = 7) -> bytes:
    """The same PDF with every offset of its cross-reference table wrong by ``shift`` bytes."""
    import re

    start = data.rindex(b"\nxref\n")
    end = data.index(b"trailer", start)
    table = re.sub(
        rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (int(m.group(1)) + shift, m.group(2)), data[start:end]
    )
    return data[:start] + table + data[end:]
