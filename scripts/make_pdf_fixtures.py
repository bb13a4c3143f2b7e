#!/usr/bin/env python
"""Rebuild the committed PDF fixtures (tests/fixtures/pdf/ and tests/fixtures/layouts/) with the
rendering package ``scripts.render``, then check them. See ``scripts/render/fixtures.py``.

    .venv/bin/python scripts/make_pdf_fixtures.py [--only NAME] [--skip-big] [--check-only] [--list]

Needs the ``fixtures`` extra and Debian's LibreOffice (writer, calc), Chromium and CJK fonts.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.render.fixtures import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
