"""Converting a .docx or .xlsx to PDF with headless LibreOffice, with repeatable output."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path


def binary() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit(
        "render: LibreOffice is missing (no soffice / libreoffice on PATH).\n"
        "  Install it with: apt-get update && apt-get install -y libreoffice-writer libreoffice-calc"
    )


def convert(write: Callable[[Path], None], stem: str, suffix: str, timeout: float = 900) -> bytes:
    """Write the document with ``write(path)``, convert it to PDF, return the PDF's bytes."""
    soffice = binary()
    with tempfile.TemporaryDirectory(prefix="render_") as tmp:
        folder = Path(tmp)
        source = folder / f"{stem}{suffix}"
        write(source)
        # one profile per conversion: two conversions at once must not share one
        profile = Path(os.environ.get("RENDER_LO_PROFILE", folder / "lo_profile")).as_uri()
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:calc_pdf_Export" if suffix == ".xlsx" else "pdf:writer_pdf_Export",
            "--outdir",
            str(folder),
            str(source),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        target = folder / f"{stem}.pdf"
        if proc.returncode != 0 or not target.exists():
            raise RuntimeError(f"LibreOffice failed to convert {source.name}:\n{proc.stdout}\n{proc.stderr}")
        return normalise(target.read_bytes())


def normalise(pdf: bytes) -> bytes:
    """Make LibreOffice's output repeatable: its creation date, document checksum and file ID
    change on every run. Each is overwritten in place with a value of the same length (a fixed
    date; the ID and checksum from the md5 of the rest), so the cross-reference offsets hold."""
    pdf = re.sub(rb"/(CreationDate|ModDate)\(D:\d{14}", rb"/\1(D:20240601000000", pdf)
    blank = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, pdf)
    blank = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]", b"", blank)
    digest = hashlib.md5(blank).hexdigest().upper().encode()
    pdf = re.sub(rb"(/DocChecksum /)[0-9A-F]{32}", rb"\g<1>" + digest, pdf)
    pdf = re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + digest + b">", pdf)
    return pdf
