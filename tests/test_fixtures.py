"""Each text fixture is read and recognised into exactly its expected output (beside it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.readers import read_document
from pipelines.recognise import extract
from tests.conftest import TEXT_FIXTURES
from tests.golden import (
    expected_path,
    extraction_as_json,
    read_expected,
    write_expected,
)

GOOD = sorted(p for p in TEXT_FIXTURES.glob("*.txt") if not p.name.startswith("bad_"))


@pytest.mark.parametrize("fixture", GOOD, ids=lambda p: p.stem)
def test_fixture_extracts_to_expected(fixture: Path) -> None:
    actual = extraction_as_json(extract(read_document(fixture)))
    if os.environ.get("UPDATE_GOLDEN") == "1":
        write_expected(fixture, actual)
    assert expected_path(fixture).exists(), f"no expected output for {fixture.name}"
    assert actual == read_expected(fixture)
