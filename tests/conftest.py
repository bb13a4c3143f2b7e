from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# The property tests draw the same examples on every run, so CI is reproducible: a red run is the
# code's, never the draw's. HYPOTHESIS_PROFILE=explore draws new, and more, examples to look further.
settings.register_profile("reproducible", derandomize=True, database=None)
settings.register_profile("explore", max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "reproducible"))

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEXT_FIXTURES = FIXTURES / "text"

SEED = {
    "000": RAW / "000_e607e492ee22c235.txt",
    "001": RAW / "001_f7c5a2ed548badfc.txt",
    "002": RAW / "002_948c53cac7854245.txt",
    "003": RAW / "003_97dab50193e5e838.txt",
    "004": RAW / "004_5fc9b849d2858d9d.txt",
}


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A fresh raw folder holding the five seeds."""
    folder = tmp_path / "raw"
    folder.mkdir()
    for path in SEED.values():
        shutil.copy(path, folder / path.name)
    return folder


def load_into(folder: Path, *files: Path, separate: bool = False):
    """A warehouse in ``folder`` holding ``files``, loaded through the plain ingest functions
    (one transaction, checks and dimensions included); returns its open connection. ``separate``:
    every file counts as a document of its own (as a ``separate`` line of
    data/reference/document_overrides.csv says), for renderings of one document side by side."""
    from pipelines import ingest, warehouse

    raw = folder / "raw"
    raw.mkdir(exist_ok=True)
    for path in files:
        shutil.copy(path, raw / path.name)
    conn = warehouse.connect(folder / "w.duckdb")
    items = [ingest.normalise_file(ingest.extract_file(r)) for r in ingest.list_raw_files(raw)]
    overrides = [ingest.Override(path.name, "separate", None, "") for path in files] if separate else []
    ingest.load_files(conn, items, progress=lambda _: None, overrides=overrides)
    return conn
