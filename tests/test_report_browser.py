"""The report in a real browser: headless Chromium (Debian's, driven by its chromedriver through
selenium) opens the index from disk, follows the link to a department-year page, and checks that
the charts render (plotly's SVG, one bar per 类, one line per 三公 category), that the browser
logged no error, and that the figures shown equal the warehouse's.

Skipped, with the reason, where Chromium or chromedriver is not installed (``make test`` passes
without them); run only these with ``pytest -m browser``."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.report.build import build_report, department_page, fmt_amount
from pipelines.report.data import open_warehouse
from tests.report_pages import EXPECTED, sample_warehouse

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1000",
)


def _skip_reason() -> str | None:
    if CHROMIUM is None:
        return "Chromium is not installed (apt-get install chromium chromium-driver to run the browser tests)"
    if CHROMEDRIVER is None:
        return "chromedriver is not installed (apt-get install chromium-driver to run the browser tests)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


if _skip_reason():
    pytest.skip(_skip_reason(), allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def report() -> dict[str, Path]:
    db, raw = sample_warehouse()
    out = raw.parent / "report_browser"
    build_report(db, out, raw)
    return {"db": db, "out": out}


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    profile = tempfile.mkdtemp(prefix="chromium-profile-")  # a fresh profile: nothing cached, nothing synced
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _errors(driver: webdriver.Chrome) -> list[str]:
    """Console entries of level SEVERE (script errors, files that failed to load)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _warehouse_value(db: Path, query: str, **params) -> object:
    conn = open_warehouse(db)
    try:
        [(value,)] = conn.execute(query, params).fetchall()
    finally:
        conn.close()
    return value


def test_index_opens_without_errors_and_shows_the_warehouses_figures(browser, report):
    browser.get((report["out"] / "index.html").as_uri())
    assert browser.title.startswith("部门 × 年度")
    rows = browser.find_elements(By.CSS_SELECTOR, "#departments tbody tr")
    assert {(r.get_attribute("data-department"), r.get_attribute("data-year")) for r in rows} == {
        (d, str(y)) for d, y in EXPECTED["department_years"]
    }
    cell = browser.find_element(
        By.CSS_SELECTOR, '#departments tr[data-department="商务厅"][data-year="2024"] td[data-field="income_total"]'
    )
    income = _warehouse_value(
        report["db"],
        "select income_total from department_by_year where department_key = $d and fiscal_year = $y",
        d="商务厅",
        y=2024,
    )
    assert cell.text == fmt_amount(income) == EXPECTED["index"]["商务厅 2024"]["income_total"]
    assert _errors(browser) == []


def test_department_year_page_renders_its_charts_and_figures(browser, report):
    browser.get((report["out"] / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, '#departments tr[data-department="商务厅"][data-year="2024"] a').click()
    WebDriverWait(browser, 30).until(lambda d: d.current_url.endswith(department_page("商务厅", 2024)))
    # plotly draws each chart as SVG once plotly.min.js (beside the page, not from the network) has run
    WebDriverWait(browser, 30).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "div.chart .js-plotly-plot svg.main-svg")) >= 2
    )
    bars = browser.find_elements(By.CSS_SELECTOR, '[data-chart="function-class"] .barlayer .point')
    classes = _warehouse_value(
        report["db"],
        "select count(*) from report_function_class where department_key = $d and fiscal_year = $y",
        d="商务厅",
        y=2024,
    )
    assert len(bars) == classes == 8
    lines = browser.find_elements(By.CSS_SELECTOR, '[data-chart="three-public"] .scatterlayer .trace')
    categories = _warehouse_value(
        report["db"], "select count(distinct category) from report_three_public where department_key = $d", d="商务厅"
    )
    assert len(lines) == categories == 6  # 合计, the vehicle subtotal and the four categories
    legend = browser.find_element(By.CSS_SELECTOR, '[data-chart="three-public"] .legend').text
    assert "因公出国（境）费" in legend and "公务接待费" in legend
    # a figure on the page equals the warehouse's
    shown = browser.find_element(By.CSS_SELECTOR, '#totals tr[data-measure="expenditure_current_year"] td.num').text
    expenditure = _warehouse_value(
        report["db"],
        "select expenditure_current_year from department_by_year where department_key = $d and fiscal_year = $y",
        d="商务厅",
        y=2024,
    )
    assert shown == fmt_amount(expenditure) == "18,751.58"
    difference = browser.find_element(
        By.CSS_SELECTOR, '#check-failures tr[data-rule="project_fund_score"] td[data-field="difference"]'
    ).text
    assert difference.startswith("-")
    assert _errors(browser) == []
