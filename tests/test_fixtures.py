"""Each text fixture is read and recognised into the values a person read off its text (the
``hand_written`` part of its expected file), and into exactly its reviewed snapshot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.readers import read_document
from pipelines.recognise import extract
from tests.conftest import TEXT_FIXTURES
from tests.golden import expected_path, extraction_as_json, hand_view, read_expected, write_snapshot

GOOD = sorted(p for p in TEXT_FIXTURES.glob("*.txt") if not p.name.startswith("bad_"))


@pytest.mark.parametrize("fixture", GOOD, ids=lambda p: p.stem)
def test_fixture_gives_the_values_a_person_read_off_it(fixture: Path) -> None:
    assert expected_path(fixture).exists(), f"no expected output for {fixture.name}"
    hand = {k: v for k, v in read_expected(fixture)["hand_written"].items() if not k.startswith("_")}  # _notes
    assert hand, f"{expected_path(fixture).name} has no hand-written values"
    assert hand_view(extract(read_document(fixture)), hand) == hand


@pytest.mark.parametrize("fixture", GOOD, ids=lambda p: p.stem)
def test_fixture_extracts_to_its_reviewed_snapshot(fixture: Path) -> None:
    actual = extraction_as_json(extract(read_document(fixture)))
    expected = read_expected(fixture)["snapshot"]
    if actual != expected and os.environ.get("UPDATE_GOLDEN") == "1":
        write_snapshot(fixture, actual)
        pytest.fail(f"rewrote the snapshot of {fixture.name}: review the diff, commit it, and run the tests again")
    assert actual == expected
