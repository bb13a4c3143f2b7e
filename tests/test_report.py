"""The HTML report, without a browser: built from a real warehouse of the sample data (plus 商务厅
2024's standard tables, a failed and a partial file), its pages show every department and year,
and their figures equal both the views' and what a person read in the documents
(tests/fixtures/report/sample_report.expected.json)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import dagster as dg
import duckdb
import pytest

from pipelines.assets import PipelineSettings
from pipelines.definitions import build_definitions
from pipelines.report.build import (
    SourceLinks,
    build_report,
    department_page,
    fmt_amount,
    fmt_signed,
    project_page,
    reason_zh,
)
from pipelines.report.data import WarehouseUnreadable, open_warehouse
from tests.conftest import ROOT, SEED
from tests.report_pages import (
    EXPECTED,
    FAILED_FILE,
    PARTIAL_FILE,
    build_quality_warehouse,
    read_page,
    sample_warehouse,
)


@pytest.fixture(scope="module")
def sample() -> dict[str, Path]:
    db, raw = sample_warehouse()
    out = raw.parent / "report"  # beside the raw folder, as data/warehouse/report is
    summary = build_report(db, out, raw)
    assert summary.index == out.resolve() / "index.html"
    return {"db": db, "raw": raw, "out": out}


@pytest.fixture(scope="module")
def views(sample: dict[str, Path]) -> duckdb.DuckDBPyConnection:
    conn = open_warehouse(sample["db"])
    yield conn
    conn.close()


def _index_rows(out: Path) -> dict[tuple[str, int], object]:
    table = read_page(out / "index.html").table(id="departments")
    return {(r.attrs["data-department"], int(r.attrs["data-year"])): r for r in table.body()}


# --- plain functions ---------------------------------------------------------------------------------


def test_amounts_are_formatted_as_printed_never_rounded_away():
    assert fmt_amount(Decimal("19191.970000")) == "19,191.97"
    assert fmt_amount(Decimal("3275.100000")) == "3,275.10"
    assert fmt_amount(Decimal("1.234567")) == "1.234567"  # 12,345.67 元 in 万元: all its digits
    assert fmt_amount(Decimal("100")) == "100.00" and fmt_amount(87.5) == "87.50"
    assert fmt_amount(None) == "—"
    assert fmt_signed(Decimal("-2.24")) == "-2.24" and fmt_signed(Decimal("18.16")) == "+18.16"


def test_reasons_are_shown_in_chinese_and_unknown_ones_unchanged():
    assert reason_zh("the target is qualitative (improved), not a number") == "目标值为定性描述（improved），不是数字"
    assert reason_zh("the target is in 万元 but the actual value in %") == "目标值单位为万元，实际值单位为%"
    assert reason_zh("something new") == "something new"


def test_source_links_open_the_file_at_its_page(tmp_path: Path):
    raw, out = tmp_path / "data" / "raw", tmp_path / "data" / "warehouse" / "report"
    raw.mkdir(parents=True)
    (raw / "a b#1.pdf").write_bytes(b"%PDF")
    (raw / "seed.txt").write_text("x", encoding="utf-8")
    links = SourceLinks(raw, out)
    pdf = links("a b#1.pdf", page=5)
    assert pdf["text"] == "a b#1.pdf 第5页"
    assert pdf["href"] == "../../raw/a b%231.pdf#page=5"
    assert (out / unquote(pdf["href"].split("#page=")[0])).resolve() == (raw / "a b#1.pdf").resolve()
    assert links("seed.txt", line=107) == {
        "text": "seed.txt 第107行",
        "href": "../../raw/seed.txt",
        "file": "seed.txt",
        "where": "第107行",
    }
    assert links("gone.pdf", page=2)["href"] is None  # not in the raw folder: named, not linked


def test_page_names_are_stable_and_safe():
    assert department_page("商务厅", 2024) == department_page("商务厅", 2024)
    assert department_page("商务厅", 2024) != department_page("科学技术厅", 2024)
    assert department_page("商务厅", 2024).isascii() and project_page("P28634901c4") == "project-P28634901c4.html"


# --- the sample report -------------------------------------------------------------------------------


def test_index_shows_both_seeds_departments_and_years(sample: dict[str, Path]):
    rows = _index_rows(sample["out"])
    assert sorted(rows) == sorted((d, y) for d, y in EXPECTED["department_years"])
    for (department, year), row in rows.items():
        [link] = [link for cell in row.cells for link in cell.links]
        assert link == department_page(department, year)
        assert (sample["out"] / link).is_file()


def test_index_figures_are_the_documents_and_the_views(sample: dict[str, Path], views):
    rows = _index_rows(sample["out"])
    for label, fields in EXPECTED["index"].items():
        department, year = label.split()
        row = rows[(department, int(year))]
        for name, printed in fields.items():
            if not name.startswith("_"):
                assert row.field(name) == printed, (label, name)
    # every figure of the index equals report_department_year, and the analysts' department_by_year
    for (department, year), row in rows.items():
        [view] = views.execute(
            "select * from report_department_year where department_key = $d and fiscal_year = $y",
            {"d": department, "y": year},
        ).fetchall()
        names = [d[0] for d in views.description]
        record = dict(zip(names, view))
        for name in ("income_total", "expenditure_current_year", "basic_expenditure", "project_expenditure"):
            assert row.field(name) == fmt_amount(record[name])
        assert row.field("indicators") == str(record["indicators"])
        assert row.field("checks_failed") == f"{record['checks_failed']} / {record['checks_run']}"
        analysts = views.execute(
            "select income_total, expenditure_current_year, three_public_actual, indicators from department_by_year "
            "where department_key = $d and fiscal_year = $y",
            {"d": department, "y": year},
        ).fetchall()
        if analysts:
            income, expenditure, three_public, indicators = analysts[0]
            assert (row.field("income_total"), row.field("expenditure_current_year")) == (
                fmt_amount(income),
                fmt_amount(expenditure),
            )
            assert row.field("three_public_actual") == fmt_amount(three_public)
            assert row.field("indicators") == str(indicators)


def test_department_year_page_shows_totals_charts_tables_and_failed_checks(sample: dict[str, Path]):
    page = read_page(sample["out"] / department_page("商务厅", 2024))
    expected = EXPECTED["department_page_商务厅_2024"]
    totals = {r.attrs["data-measure"]: r for r in page.table(id="totals").body()}
    for measure, (amount, where) in expected["totals"].items():
        assert totals[measure].field("amount_wan") == amount
        assert where in " ".join(totals[measure].texts)
    # charts: a plotly div each, drawn by the plotly.js written beside the pages (no network)
    assert {d["data-chart"] for d in page.chart_divs} == {"function-class", "three-public"}
    assert page.scripts == ["plotly.min.js"] and (sample["out"] / "plotly.min.js").stat().st_size > 1_000_000
    assert page.html.count("Plotly.newPlot(") == 2
    name, amount, where = expected["function_class"]
    [line] = [r for r in page.table(id="function-classes").body() if r.texts[0] == name]
    assert line.texts[1] == amount and where in line.texts[3]
    item, column, amount, where = expected["standard_table_5"]
    standard = page.table(id="standard-tables").body()
    assert any(item in r.texts and column in r.texts and amount in r.texts and where in r.texts[-1] for r in standard)
    assert any("空表" in " ".join(r.texts) for r in standard)  # tables 7 and 8 are printed empty
    failure = expected["check_failure"]
    rows = [r for r in page.table(id="check-failures").body() if r.attrs["data-rule"] == failure["rule"]]
    [row] = [r for r in rows if r.texts[1] == failure["subject"]]
    assert (row.field("expected"), row.field("found"), row.field("difference")) == (
        failure["expected"],
        failure["found"],
        failure["difference"],
    )
    assert failure["where"] in row.texts[-1]
    assert row.cells[-1].links == ["../raw/004_5fc9b849d2858d9d.txt"]
    missed = EXPECTED["missed_indicator"]
    assert any(
        [missed["project"], missed["indicator"], missed["target"], missed["actual"]] == r.texts[:4]
        for r in page.table(id="missed-indicators").body()
    )


def test_failed_check_of_a_year_without_narrative_points_at_its_line(sample: dict[str, Path]):
    page = read_page(sample["out"] / department_page("商务厅", 2018))
    failure = EXPECTED["department_page_商务厅_2018"]["check_failure"]
    [row] = page.table(id="check-failures").body()
    assert row.attrs["data-rule"] == failure["rule"] and row.texts[1] == failure["subject"]
    assert [row.field("expected"), row.field("found"), row.field("difference")] == [
        failure["expected"],
        failure["found"],
        failure["difference"],
    ]
    assert failure["where"] in row.texts[-1]
    # 2018 prints no 功能分类 (no bar chart); the 三公 line chart shows the department's other years
    assert [d["data-chart"] for d in page.chart_divs] == ["three-public"]
    assert not page.has_table(id="three-public") and page.has_table(id="projects")


def test_pdf_sources_link_to_their_page(sample: dict[str, Path]):
    page = read_page(sample["out"] / department_page("商务厅", 2024))
    links = {link for r in page.table(id="standard-tables").body() for c in r.cells for link in c.links}
    assert "../raw/standard_tables_wan.pdf#page=5" in links
    for link in links:
        assert (sample["out"] / link.split("#")[0]).resolve().is_file()


def test_project_page_across_years_with_funds_scores_and_indicators(sample: dict[str, Path], views):
    [(key,)] = views.execute(
        "select distinct project_key from report_project_year where canonical_name = '机关服务中心财政补助经费'"
    ).fetchall()
    page = read_page(sample["out"] / project_page(key))
    years = {r.attrs["data-year"]: r for r in page.table(id="project-years").body()}
    for year, fields in EXPECTED["project_机关服务中心财政补助经费"].items():
        for name, printed in fields.items():
            assert years[year].field(name) == printed, (year, name)
    assert {d["data-chart"] for d in page.chart_divs} == {"project-funds"}
    # every indicator of the project is listed with its judgement; an unknown one says why
    counted = views.execute(
        "select fiscal_year, count(*) from report_project_indicator where project_key = $k group by all", {"k": key}
    ).fetchall()
    for year, count in counted:
        rows = page.table(data_year=str(year)).body()
        assert len(rows) == count
        for row in rows:
            assert row.texts[5] in ("达到", "未达到", "无法判断")
            if row.attrs["data-target-met"] == "unknown":
                assert row.texts[6], row.texts


def test_missed_indicator_shows_on_its_project_page(sample: dict[str, Path], views):
    missed = EXPECTED["missed_indicator"]
    [(key,)] = views.execute(
        "select distinct project_key from report_project_indicator where project_name = $p", {"p": missed["project"]}
    ).fetchall()
    page = read_page(sample["out"] / project_page(key))
    [row] = [r for r in page.table(data_year="2024").body() if r.texts[2] == missed["indicator"]]
    assert row.texts[3:6] == [missed["target"], missed["actual"], "未达到"]


def test_quality_page_groups_files_by_status_with_reasons_and_unread_parts(tmp_path: Path):
    db, raw = build_quality_warehouse(tmp_path)
    build_report(db, tmp_path / "report", raw)
    page = read_page(tmp_path / "report" / "quality.html")
    statuses = {r.attrs["data-status"]: r for r in page.table(id="statuses").body()}
    assert [r.attrs["data-status"] for r in page.table(id="statuses").body()] == ["loaded", "partial", "failed"]
    assert statuses["loaded"].field("files") == "1"
    assert statuses["failed"].field("files") == "1" and statuses["partial"].field("files") == "1"
    assert statuses["partial"].field("unread_parts") == "1"
    [failed] = page.table(data_status="failed").body()
    assert failed.attrs["data-file"] == FAILED_FILE.name and "the file is empty" in failed.texts[-2]
    [partial] = page.table(data_status="partial").body()
    assert partial.attrs["data-file"] == PARTIAL_FILE.name
    [unread] = page.table(id="unread-parts").body()
    assert unread.texts[0].startswith(f"{PARTIAL_FILE.name} 第") and unread.texts[0].endswith("行")
    assert "ends before its 总分 row" in unread.texts[5]


def test_any_status_shows_grouped_superseded_included(sample: dict[str, Path], tmp_path: Path):
    """Another status (a file replaced by a newer one) gets its own group, with its reason."""
    db = tmp_path / "w.duckdb"
    shutil.copy(sample["db"], db)
    conn = duckdb.connect(str(db))
    conn.execute(
        "insert into dim_document (doc_id, source_file, file_type, fiscal_year, department, status, error, "
        "parser_version, ingested_at) values ('ab12', 'old_004.txt', 'text', 2024, '自治区商务厅', 'superseded', "
        "'replaced by 004_5fc9b849d2858d9d.txt (same department, year and kind)', 'x', $t)",
        {"t": datetime(2025, 1, 1)},
    )
    conn.close()
    build_report(db, tmp_path / "report", sample["raw"])
    page = read_page(tmp_path / "report" / "quality.html")
    statuses = [r.attrs["data-status"] for r in page.table(id="statuses").body()]
    assert statuses == ["loaded", "failed", "superseded"]
    [row] = page.table(data_status="superseded").body()
    assert row.attrs["data-file"] == "old_004.txt" and "replaced by 004_5fc9b849d2858d9d.txt" in row.texts[-2]
    # a version set aside is not counted on the department's pages
    with_superseded = _index_rows(tmp_path / "report")[("商务厅", 2024)]
    assert with_superseded.field("documents") == _index_rows(sample["out"])[("商务厅", 2024)].field("documents")


def test_no_page_loads_anything_from_the_network(sample: dict[str, Path]):
    pages = sorted(sample["out"].glob("*.html"))
    assert len(pages) == 1 + 4 + 1 + len(list(sample["out"].glob("project-*.html")))
    for path in pages:
        page = read_page(path)
        assert page.scripts == ["plotly.min.js"], path.name
        assert "https://" not in page.html and "http://" not in page.html, path.name


def test_rebuilding_replaces_the_report_whole(sample: dict[str, Path], tmp_path: Path):
    out = tmp_path / "report"
    build_report(sample["db"], out, sample["raw"])
    (out / "stale.html").write_text("old", encoding="utf-8")
    build_report(sample["db"], out, sample["raw"])
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert [p.name for p in tmp_path.glob(".report*")] == [".report.lock"]  # no staging folder left behind


def test_a_missing_warehouse_is_refused_clearly(tmp_path: Path):
    with pytest.raises(WarehouseUnreadable, match="does not exist"):
        build_report(tmp_path / "none.duckdb", tmp_path / "report")
    assert not (tmp_path / "report").exists()


def test_report_command(sample: dict[str, Path], tmp_path: Path):
    out = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "report", "--warehouse", str(sample["db"]), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert f"Open {out.resolve() / 'index.html'}" in done.stdout and (out / "index.html").is_file()
    missing = subprocess.run(
        [sys.executable, "-m", "pipelines", "report", "--warehouse", str(tmp_path / "no.duckdb")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    busy = tmp_path / "busy.duckdb"  # a warehouse a writer holds, without a published copy
    shutil.copy(sample["db"], busy)
    writer = duckdb.connect(str(busy))
    try:
        held = subprocess.run(
            [sys.executable, "-m", "pipelines", "report", "--warehouse", str(busy), "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        writer.close()
    assert held.returncode == 2 and f"cannot read the warehouse {busy}" in held.stderr, held.stderr
    assert (out / "index.html").is_file()  # the report built before is kept


def test_the_dagster_jobs_rebuild_the_report_after_each_load(tmp_path: Path):
    """ingest_job (the folder) and ingest_file_job (one file, as the sensor starts it) both end
    with the report, built from what they loaded."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED["000"], raw)
    settings = PipelineSettings(raw_dir=str(raw), warehouse_path=str(tmp_path / "warehouse" / "budget.duckdb"))
    definitions = build_definitions(settings)
    report = tmp_path / "warehouse" / "report"
    with dg.DagsterInstance.ephemeral() as instance:
        result = definitions.resolve_job_def("ingest_job").execute_in_process(instance=instance)
        assert result.success
        assert set(_index_rows(report)) == {("科学技术厅", 2018)}

        shutil.copy(SEED["002"], raw)
        instance.add_dynamic_partitions("raw_file", [SEED["002"].name])
        result = definitions.resolve_job_def("ingest_file_job").execute_in_process(
            instance=instance, partition_key=SEED["002"].name
        )
        assert result.success
        [materialization] = [
            e.materialization for e in result.get_asset_materialization_events() if e.asset_key.path == ["report_site"]
        ]
    assert set(_index_rows(report)) == {("科学技术厅", 2018), ("科学技术厅", 2024)}
    assert materialization.metadata["index"].value == str((report / "index.html").resolve())
