"""Build the static HTML report from the warehouse: an index of departments × years, a page per
department and year, a page per project, and a data-quality page, in Chinese.

Every number on a page is read from a view of ``sql/views`` (``report_*`` and the analysts'
views), so the report and an analyst's SQL agree. The pages are written into a fresh folder beside
the target, which then replaces the previous report, so a reader never sees a half-built one.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import jinja2

from pipelines.report import charts
from pipelines.report.data import open_warehouse

TEMPLATES = Path(__file__).resolve().parent / "templates"

STATUS_LABELS = {"loaded": "已载入", "partial": "部分载入", "failed": "失败", "superseded": "已被取代"}
STATUS_ORDER = ("loaded", "partial", "failed", "superseded")
DOC_KIND_LABELS = {
    "final_accounts": "部门决算公开说明",
    "self_evaluation": "绩效自评报告",
    "evaluation_report": "绩效评价报告",
    "unknown": "未识别",
}
TARGET_MET_LABELS = {"met": "达到", "missed": "未达到", "unknown": "无法判断"}
PART_LABELS = {"page": "页", "table": "表", "row": "行", "paragraph": "段落", "value": "数值"}
RULE_LABELS = {
    "evaluated_projects_executed": "说明所述评价项目全年执行数 = 各项目表全年执行数之和",
    "evaluation_score_total": "评分表合计得分 = 各行得分之和",
    "expenditure_parts_identity": "本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出",
    "expenditure_total_identity": "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
    "fiscal_total_identity": "财政拨款收入（支出）总计 = 结转和结余 + 本年财政拨款收入（支出）",
    "function_class_sum": "每个类 = 其各项之和（说明）",
    "function_lines_total": "支出功能分类各行之和 = 一般公共预算财政拨款支出",
    "income_parts_identity": (
        "本年收入 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入"
    ),
    "income_total_identity": "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
    "narrative_table_agreement": "说明与公开报表所印数字一致",
    "project_execution_rate": "执行率 = 全年执行数 / 全年预算数",
    "project_fund_score": "资金得分 = 分值 × min(执行率, 100%)",
    "project_fund_sources": "年度资金总额 = 当年财政拨款 + 其他资金",
    "project_total_score": "总分 = 各指标得分 + 资金得分",
    "standard_hierarchy_sum": "公开报表：类 = 各款之和，款 = 各项之和，合计 = 各类之和",
    "standard_row_total": "公开报表：每行合计栏 = 其余各栏之和",
    "standard_three_public": "表9：“三公”合计 = 各项之和",
    "standard_total_identity": "表1、表4：总计 = 本年合计 + 结转结余等",
    "three_public_total": "“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费",
}
_REASONS = (
    (re.compile(r"^the target is qualitative \((.+)\), not a number$"), "目标值为定性描述（{0}），不是数字"),
    (re.compile(r"^the actual value is qualitative \((.+)\), not a number$"), "实际值为定性描述（{0}），不是数字"),
    (re.compile(r"^the target is in (.+) but the actual value in (.+)$"), "目标值单位为{0}，实际值单位为{1}"),
    (re.compile(r"^no target printed$"), "未印目标值"),
    (re.compile(r"^no actual value printed$"), "未印实际值"),
    (
        re.compile(r"^the target is an exact value and the actual value differs from it$"),
        "目标为确切值，实际值与之不同",
    ),
)


@dataclass
class ReportSummary:
    """What a build wrote."""

    out_dir: Path
    index: Path
    pages: dict[str, int] = field(default_factory=dict)  # page kind → number of pages

    @property
    def total_pages(self) -> int:
        return sum(self.pages.values())


# --- formatting (numbers are formatted, never computed, here) -------------------------------------


def fmt_amount(value: Decimal | float | int | None, digits: int = 2) -> str:
    """19191.97 → '19,191.97', with ``digits`` decimals, or more when the figure has more (an
    amount printed in 元 is 1.234567 万元): a figure is never rounded on a page. None → '—'."""
    if value is None:
        return "—"
    number = Decimal(str(value))
    exponent = number.normalize().as_tuple().exponent
    shown = max(digits, -exponent) if isinstance(exponent, int) else digits
    return f"{number:,.{shown}f}"


def fmt_signed(value: Decimal | float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    return ("+" if Decimal(str(value)) > 0 else "") + fmt_amount(value, digits)


def fmt_percent(value: Decimal | float | None) -> str:
    return "—" if value is None else f"{fmt_amount(value)}%"


def fmt_signed_percent(value: Decimal | float | None) -> str:
    return "—" if value is None else f"{fmt_signed(value)}%"


def fmt_plain(value: Decimal | float | int | None) -> str:
    """A figure as it reads best: 87.5 → '87.5', 100.000000 → '100'."""
    if value is None:
        return "—"
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def reason_zh(reason: str | None) -> str:
    if not reason:
        return ""
    for pattern, template in _REASONS:
        match = pattern.match(reason)
        if match:
            return template.format(*match.groups())
    return reason


def department_page(department_key: str, fiscal_year: int) -> str:
    digest = hashlib.sha1(department_key.encode("utf-8")).hexdigest()[:10]
    return f"department-{digest}-{fiscal_year}.html"


def project_page(project_key: str) -> str:
    return f"project-{project_key}.html"


class SourceLinks:
    """Where a figure is printed, for a person: the file, its page (PDF) or line (text), and a
    link to the file in the raw folder when it is there (PDFs open at the page)."""

    def __init__(self, raw_dir: Path | None, out_dir: Path):
        self.raw_dir = raw_dir
        self.out_dir = out_dir

    def __call__(self, source_file: str | None, page: int | None = None, line: int | None = None) -> dict[str, Any]:
        if not source_file:
            return {"text": "—", "href": None}
        where = f"第{page}页" if page is not None else (f"第{line}行" if line is not None else "")
        href = None
        if self.raw_dir is not None and (self.raw_dir / source_file).is_file():
            href = Path(os.path.relpath(self.raw_dir / source_file, self.out_dir)).as_posix()
            href = href.replace("%", "%25").replace("#", "%23").replace("?", "%3F")
            if page is not None and source_file.lower().endswith(".pdf"):
                href += f"#page={page}"
        return {"text": f"{source_file} {where}".strip(), "href": href, "file": source_file, "where": where}


# --- reading the views -----------------------------------------------------------------------------


def _rows(conn: duckdb.DuckDBPyConnection, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    cursor = conn.execute(query, params or {})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        amount=fmt_amount,
        signed=fmt_signed,
        percent=fmt_percent,
        signed_percent=fmt_signed_percent,
        plain=fmt_plain,
        reason_zh=reason_zh,
    )
    env.globals.update(
        status_label=lambda s: STATUS_LABELS.get(s, s),
        doc_kind_label=lambda k: DOC_KIND_LABELS.get(k or "unknown", k),
        target_met_label=lambda m: TARGET_MET_LABELS.get(m, m or "—"),
        part_label=lambda p: PART_LABELS.get(p, p),
        rule_label=lambda r: RULE_LABELS.get(r, r),
        department_page=department_page,
        project_page=project_page,
    )
    return env


def _status_rank(status: str) -> tuple[int, str]:
    return (STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER), status)


class _Builder:
    def __init__(self, conn: duckdb.DuckDBPyConnection, staging: Path, out_dir: Path, raw_dir: Path | None):
        self.conn = conn
        self.staging = staging
        self.env = _environment()
        self.source = SourceLinks(raw_dir, out_dir)
        self.env.globals["source"] = self.source
        self.built_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        self.summary = ReportSummary(out_dir=out_dir, index=out_dir / "index.html")

    def rows(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return _rows(self.conn, query, params)

    def write(self, kind: str, name: str, template: str, **context: Any) -> None:
        html = self.env.get_template(template).render(built_at=self.built_at, plotly_js=charts.PLOTLY_JS, **context)
        (self.staging / name).write_text(html, encoding="utf-8")
        self.summary.pages[kind] = self.summary.pages.get(kind, 0) + 1

    def grouped(self, query: str, *keys: str) -> dict[Any, list[dict[str, Any]]]:
        """Rows of a view in the query's order, grouped by the value(s) of ``keys``: each view is read
        once per build, not once per page."""
        groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for row in self.rows(query):
            groups[tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]].append(row)
        return groups

    def build(self) -> ReportSummary:
        (self.staging / charts.PLOTLY_JS).write_text(charts.plotly_js(), encoding="utf-8")
        departments = self.rows("select * from report_department_year order by department_key, fiscal_year")
        statuses = sorted(self.rows("select * from report_document_status"), key=lambda r: _status_rank(r["status"]))
        self.write("index", "index.html", "index.html", departments=departments, statuses=statuses)
        by_year = ("department_key", "fiscal_year")
        views = {
            "totals": self.grouped("select * from report_department_total order by sort_order", *by_year),
            "classes": self.grouped(
                "select * from report_function_class order by amount_wan desc, class_name", *by_year
            ),
            "three_public": self.grouped(
                "select * from report_three_public order by sort_order, fiscal_year", "department_key"
            ),
            "standard": self.grouped(
                "select * from report_standard_table order by source_file, table_no, sort_order", *by_year
            ),
            "failures": self.grouped(
                "select * from report_check_failure order by source_file, rule, subject", *by_year
            ),
            "projects": self.grouped("select * from report_project_year order by printed_name", *by_year),
            "missed": self.grouped(
                "select * from indicators_missed order by scope, project_name nulls first, indicator_name", *by_year
            ),
            "documents": self.grouped("select * from report_document where is_current order by source_file", *by_year),
        }
        years: dict[str, list[int]] = defaultdict(list)
        for row in departments:
            years[row["department_key"]].append(row["fiscal_year"])
        for row in departments:
            self.department_year(row, years[row["department_key"]], views)
        project_years = self.grouped(
            "select * from report_project_year order by project_key, fiscal_year, printed_name", "project_key"
        )
        indicators = self.grouped(
            "select * from report_project_indicator order by project_key, fiscal_year, source_file, table_no, "
            "source_page nulls last, source_line nulls last",
            "project_key",
        )
        for project_key, rows in project_years.items():
            self.project(rows, indicators.get(project_key, []))
        self.quality(statuses)
        return self.summary

    def department_year(self, row: dict[str, Any], years: list[int], views: dict[str, dict]) -> None:
        key, year = row["department_key"], row["fiscal_year"]
        classes = views["classes"].get((key, year), [])
        three_public_all = views["three_public"].get(key, [])
        series: dict[str, list[tuple[int, Decimal | None]]] = defaultdict(list)
        for item in three_public_all:
            series[item["label"]].append((item["fiscal_year"], item["actual_wan"]))
        standard_tables: dict[tuple[str, int], dict[str, Any]] = {}
        for item in views["standard"].get((key, year), []):
            table = standard_tables.setdefault((item["source_file"], item["table_no"]), {**item, "figures": []})
            if item["item_name"] is not None:
                table["figures"].append(item)
        self.write(
            "department_year",
            department_page(key, year),
            "department_year.html",
            row=row,
            years=years,
            totals=views["totals"].get((key, year), []),
            classes=classes,
            class_chart=charts.function_class_bars(
                [c["class_name"] for c in classes], [c["amount_wan"] for c in classes], "chart-function-class"
            )
            if classes
            else None,
            three_public=[item for item in three_public_all if item["fiscal_year"] == year],
            three_public_chart=charts.three_public_lines(dict(series), "chart-three-public") if series else None,
            standard_tables=list(standard_tables.values()),
            failures=views["failures"].get((key, year), []),
            projects=views["projects"].get((key, year), []),
            missed=views["missed"].get((key, year), []),
            documents=views["documents"].get((key, year), []),
        )

    def project(self, years: list[dict[str, Any]], indicators: list[dict[str, Any]]) -> None:
        by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for item in indicators:
            by_year[item["fiscal_year"]].append(item)
        funded = [y for y in years if y["budget_full_year"] is not None or y["executed"] is not None]
        chart = (
            charts.project_fund_bars(
                [y["fiscal_year"] for y in funded],
                [y["budget_full_year"] for y in funded],
                [y["executed"] for y in funded],
                "chart-project-funds",
            )
            if funded
            else None
        )
        self.write(
            "project",
            project_page(years[0]["project_key"]),
            "project.html",
            project=years[0],
            years=years,
            indicators_by_year=dict(sorted(by_year.items())),
            chart=chart,
        )

    def quality(self, statuses: list[dict[str, Any]]) -> None:
        documents = self.rows("select * from report_document order by source_file, ingested_at desc")
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for document in documents:
            grouped[document["status"]].append(document)
        unread = self.rows(
            "select * from report_unread_part order by source_file, source_page nulls last, source_line nulls last"
        )
        unplaced = [
            d for d in documents if d["is_current"] and (d["department_key"] is None or d["fiscal_year"] is None)
        ]
        self.write(
            "quality",
            "quality.html",
            "quality.html",
            statuses=statuses,
            grouped=[(status, grouped[status]) for status in sorted(grouped, key=_status_rank)],
            unread=unread,
            unplaced=unplaced,
        )


def build_report(warehouse_path: Path | str, out_dir: Path | str, raw_dir: Path | str | None = None) -> ReportSummary:
    """Build the report of the warehouse file ``warehouse_path`` (opened read-only) into
    ``out_dir`` (replaced whole); link figures to their files in ``raw_dir`` when given."""
    out_dir = Path(out_dir).resolve()
    raw = Path(raw_dir).resolve() if raw_dir is not None else None
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.with_name(f".{out_dir.name}.building-{os.getpid()}")
    retired = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    conn = open_warehouse(warehouse_path)
    try:
        summary = _Builder(conn, staging, out_dir, raw).build()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        conn.close()
    # two runs may finish at once (the sensor starts one per file): swap one report at a time
    with open(out_dir.with_name(f".{out_dir.name}.lock"), "a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            shutil.rmtree(retired, ignore_errors=True)
            if out_dir.exists():
                out_dir.rename(retired)
            staging.rename(out_dir)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    shutil.rmtree(retired, ignore_errors=True)
    return summary


def report_source(warehouse_path: Path | str) -> Path:
    """The file the report reads for the warehouse ``warehouse_path``: its published read-only copy
    when there is one (a writer never holds it), else the file itself."""
    from pipelines import publish

    published = publish.published_path(warehouse_path)
    return published if published.exists() else Path(warehouse_path)
