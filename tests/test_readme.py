"""The README agrees with the code: its column reference is the generated one, and its quick
start is the two make targets CI runs."""

from __future__ import annotations

import re

from pipelines.__main__ import data_dictionary
from tests.conftest import ROOT


def test_readme_column_reference_matches_the_sql():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- data-dictionary:start -->\n(.*)<!-- data-dictionary:end -->", readme, re.S)
    assert section, "README lost its data-dictionary markers"
    assert section.group(1).strip() == data_dictionary().strip()


def test_quick_start_is_make_run_and_make_test_and_ci_runs_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.strip().splitlines()]
    assert commands == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci.splitlines()[-1]


def test_readme_example_queries_give_the_outputs_shown(tmp_path):

    from tests.conftest import SEED, load_into
    from tests.readme_examples import examples, render

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pairs = examples(readme)
    assert len(pairs) >= 5
    conn = load_into(tmp_path, *SEED.values())
    for sql, shown in pairs:
        result = conn.execute(sql)
        assert render([d[0] for d in result.description], result.fetchall()) == shown, sql
    conn.close()


def test_readme_names_every_command_the_cli_has():
    from pipelines.__main__ import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("ingest", "export-parquet", "remove-file", "data-dictionary"):
        assert f"-m pipelines {command}" in readme
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
