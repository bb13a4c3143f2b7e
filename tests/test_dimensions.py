"""Departments, projects across years, the analyst views and the Parquet export, on the seeds."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from pipelines import dimensions, warehouse
from pipelines.dimensions import ProjectName, match_projects, similarity


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    from tests.conftest import SEED, load_into

    connection = load_into(tmp_path_factory.mktemp("dims"), *SEED.values())
    yield connection
    connection.close()


def _keys(conn, name: str) -> dict[int, str]:
    return dict(
        conn.execute("select fiscal_year, project_key from dim_project where printed_name = $n", {"n": name}).fetchall()
    )


def test_same_project_across_years_shares_a_key(conn):
    service = _keys(conn, "机关服务中心财政补助经费")
    assert set(service) == {2018, 2024} and len(set(service.values())) == 1
    innovation = _keys(conn, "自治区区域协同创新专项")
    assert set(innovation) == {2018, 2024} and len(set(innovation.values())) == 1
    # and the facts carry it
    fund_key = conn.execute(
        "select distinct project_key from fact_project_fund where project_name = '机关服务中心财政补助经费'"
    ).fetchall()
    assert fund_key == [(service[2018],)]
    evaluation_key = conn.execute(
        "select distinct project_key from fact_evaluation_score where fiscal_year = 2024 "
        "and project_name = '自治区区域协同创新专项'"
    ).fetchall()
    assert evaluation_key == [(innovation[2018],)]


def test_no_two_projects_of_seed_004_share_a_key(conn):
    rows = conn.execute(
        "select project_key, count(distinct project_name) from fact_project_fund "
        "where source_file like '004%' group by project_key"
    ).fetchall()
    assert len(rows) == 25 and all(count == 1 for _, count in rows)
    unkeyed = conn.execute(
        "select count(*) from fact_indicator where scope = 'project' and project_key is null"
    ).fetchall()[0]
    assert unkeyed == (0,)


def test_similar_names_match_across_years_but_never_within_a_year():
    names = [
        ProjectName("商务厅", 2018, "区域协同创新专项"),
        ProjectName("商务厅", 2024, "2024年自治区区域协同创新专项"),
        ProjectName("商务厅", 2024, "第八届中国—亚欧博览会经费"),
        ProjectName("商务厅", 2024, "第八届中国—亚欧博览会纺织服装企业参展补贴"),
        ProjectName("商务厅", 2023, "第七届中国—亚欧博览会经费"),
    ]
    matches = {(m.name.fiscal_year, m.name.printed_name): m for m in match_projects(names)}
    assert (
        matches[(2024, "2024年自治区区域协同创新专项")].project_key == matches[(2018, "区域协同创新专项")].project_key
    )
    assert matches[(2024, "2024年自治区区域协同创新专项")].method == "similar"
    expo = matches[(2024, "第八届中国—亚欧博览会经费")]
    textile = matches[(2024, "第八届中国—亚欧博览会纺织服装企业参展补贴")]
    assert expo.project_key != textile.project_key
    assert 0 < similarity("第八届中国—亚欧博览会经费", "第七届中国—亚欧博览会经费") < 1


def test_an_override_confirms_or_splits_a_match(tmp_path):
    names = [ProjectName("商务厅", 2018, "专项业务费"), ProjectName("商务厅", 2024, "专项业务费")]
    assert len({m.project_key for m in match_projects(names)}) == 1
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(
        "# a person split these\ndepartment_key,fiscal_year,printed_name,project_key,note\n"
        "商务厅,2024,专项业务费,P-split-2024,a different office's budget line\n",
        encoding="utf-8",
    )
    split = match_projects(names, dimensions.read_overrides(overrides))
    assert {m.name.fiscal_year: (m.project_key, m.method) for m in split}[2024] == ("P-split-2024", "override")
    assert len({m.project_key for m in split}) == 2


def test_department_aliases_and_units(conn):
    aliases, units = conn.execute(
        "select aliases, units from dim_department where department_key = '商务厅'"
    ).fetchall()[0]
    assert {"新疆维吾尔自治区商务厅", "自治区商务厅", "商务厅"} <= set(aliases)
    assert {"新疆国际博览事务局", "新疆商贸经济学校"} <= set(units)
    member = conn.execute(
        "select department_key from dim_department_member where name = '新疆国际博览事务局'"
    ).fetchall()
    assert member == [("商务厅",)]
    keys = {k for (k,) in conn.execute("select distinct department_key from fact_indicator").fetchall()}
    assert keys == {"商务厅", "科学技术厅"}


def test_views_answer_the_questions(conn):
    missed = conn.execute(
        "select indicator_name, target_text, actual_text from indicators_missed order by indicator_name"
    ).fetchall()
    assert ("境内招商招展及贸促活动场次", ">=45场", "=43场") in missed
    assert ("社会消费品零售总额增长", ">=8%", "2%") in missed
    change = conn.execute(
        "select previous_year, fiscal_year, previous_budget, budget_full_year, budget_change "
        "from project_year_over_year where canonical_name = '机关服务中心财政补助经费'"
    ).fetchall()
    assert change == [(2018, 2024, Decimal("428"), Decimal("625"), Decimal("197"))]
    department = conn.execute(
        "select income_total, expenditure_current_year, three_public_actual from department_by_year "
        "where department_key = '商务厅' and fiscal_year = 2024"
    ).fetchall()[0]
    assert department == (Decimal("19191.97"), Decimal("18751.58"), Decimal("124.03"))
    grew = conn.execute(
        "select department_key, fiscal_year from three_public_by_year where category = 'total' and grew"
    ).fetchall()
    assert grew == [("商务厅", 2024)]
    qualitative = conn.execute(
        "select count(*) from fact_indicator where target_met = 'unknown' and target_met_reason is null"
    ).fetchall()[0]
    assert qualitative == (0,)


def test_every_seed_indicator_has_target_and_actual_parsed_or_categorised(conn):
    rows = conn.execute(
        "select count(*) filter (where target_text is not null and target_value is null and target_category is null), "
        "count(*) filter (where actual_text is not null and actual_value is null and actual_category is null), "
        "count(*) from fact_indicator"
    ).fetchall()[0]
    assert rows == (0, 0, 309)


def test_export_parquet_writes_one_folder_per_table_and_view(conn, tmp_path):
    counts = warehouse.export_parquet(conn, tmp_path / "parquet")
    assert set(counts) == set(warehouse.TABLES) | set(warehouse.VIEWS)
    assert counts["project_by_year"] == conn.execute("select count(*) from project_by_year").fetchall()[0][0] > 0
    for table, rows in counts.items():
        assert (tmp_path / "parquet" / table / "part-0.parquet").exists()
        assert pl.read_parquet(tmp_path / "parquet" / table).height == rows
    assert counts["fact_indicator"] == 309


def test_names_are_kept_as_printed_and_spellings_share_one_key(tmp_path):
    from tests.conftest import TEXT_FIXTURES, load_into

    one = TEXT_FIXTURES / "project_2024_one_table.txt"
    text = one.read_text(encoding="utf-8")
    # the same table, its project name printed with a space and wrapped over two lines, its unit
    # with a space, under another name and with another figure (so that both files count)
    spaced = (
        text.replace("\t2024港澳·投资新疆经贸文化交流活动\n", "\t2024港澳·投资新疆 经贸文化\n交流活动\n", 1)
        .replace("\t新疆维吾尔自治区商务厅\n", "\t新疆维吾尔自治区 商务厅\n", 1)
        .replace("\t89.34分", "\t88.34分", 1)
    )
    variant = tmp_path / "variant.txt"
    variant.write_text(spaced, encoding="utf-8")
    (tmp_path / "w").mkdir()
    conn = load_into(tmp_path / "w", variant)
    names = conn.execute("select distinct project_name, unit_name, project_key from fact_project_fund").fetchall()
    assert names == [("2024港澳·投资新疆 经贸文化交流活动", "新疆维吾尔自治区 商务厅", names[0][2])]
    assert names[0][2] is not None
    rows = conn.execute("select printed_name, name_key from dim_project").fetchall()
    assert rows == [("2024港澳·投资新疆 经贸文化交流活动", "2024港澳·投资新疆经贸文化交流活动")]
    member = conn.execute("select name, name_key from dim_department_member where kind = 'unit'").fetchall()
    assert ("新疆维吾尔自治区 商务厅", "新疆维吾尔自治区商务厅") in member
    conn.close()


def test_spellings_that_differ_only_in_white_space_are_one_project(tmp_path):
    from pipelines.recognise.metadata import printed

    conn = warehouse.connect(tmp_path / "w.duckdb")
    for name in ("县域商业 建设行动", "县域商业建设行动"):  # e.g. a self-evaluation and its evaluation report
        conn.execute(
            "insert into fact_project_score (doc_id, source_file, table_no, table_kind, fiscal_year, "
            "department_key, project_name) values ('d', $f, 1, 'project_2024', 2024, '商务厅', $n)",
            {"f": name + ".txt", "n": name},
        )
    dimensions.rebuild(conn)
    rows = conn.execute("select printed_name, name_key, project_key from dim_project order by all").fetchall()
    keys = conn.execute("select distinct project_key from fact_project_score").fetchall()
    conn.close()
    assert [r[:2] for r in rows] == [
        ("县域商业 建设行动", "县域商业建设行动"),
        ("县域商业建设行动", "县域商业建设行动"),
    ]
    assert len({r[2] for r in rows}) == 1 and keys == [(rows[0][2],)]

    assert printed("　机关服务中心\n财政补助经费　") == "机关服务中心财政补助经费"
    assert printed("Silk Road\nExpo  2024 项目") == "Silk Road Expo 2024 项目"
    assert printed(" \n ") is None
