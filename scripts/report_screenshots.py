"""Screenshots of the report for the README (docs/report-*.png): one page of each kind, taken by
headless Chromium from a report of the sample data (data/raw), 商务厅 2024's standard tables
(tests/fixtures/standard_tables/standard_tables_wan.pdf) and one file that fails to read; the
data-quality page from a warehouse that also has a file read only in part.

    .venv/bin/python scripts/report_screenshots.py [--out docs]

Needs Debian's chromium and chromium-driver, and selenium (the dev extra)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIDTH = 1280
MAX_HEIGHT = 1600  # the top of a long page is enough to show what it is


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from pipelines.report.build import build_report, department_page, project_page
    from pipelines.report.data import open_warehouse
    from tests.report_pages import build_quality_warehouse, build_sample_warehouse

    work = Path(tempfile.mkdtemp(prefix="report-screenshots-"))
    try:
        db, raw = build_sample_warehouse(work)
        out = work / "report"
        build_report(db, out, raw)
        conn = open_warehouse(db)
        [(project,)] = conn.execute(
            "select distinct project_key from report_project_year where canonical_name = '机关服务中心财政补助经费'"
        ).fetchall()
        conn.close()
        (work / "quality").mkdir()
        quality_db, quality_raw = build_quality_warehouse(work / "quality")
        build_report(quality_db, work / "quality" / "report", quality_raw)
        pages = {
            "report-index.png": "index.html",
            "report-department-year.png": department_page("商务厅", 2024),
            "report-project.png": project_page(project),
            "report-quality.png": "../quality/report/quality.html",
        }
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={work / 'profile'}",
            f"--window-size={WIDTH},900",
        ):
            options.add_argument(flag)
        driver = webdriver.Chrome(
            options=options, service=Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
        )
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            for name, page in pages.items():
                driver.set_window_size(WIDTH, 900)
                driver.get((out / page).resolve().as_uri())
                charts = len(driver.find_elements(By.CSS_SELECTOR, "div.chart"))

                def drawn(d: webdriver.Chrome, n: int = charts) -> bool:
                    return len(d.find_elements(By.CSS_SELECTOR, "div.chart svg.main-svg")) >= n

                WebDriverWait(driver, 30).until(drawn)
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(WIDTH, min(height + 20, MAX_HEIGHT))
                driver.save_screenshot(str(args.out / name))
                print(f"{args.out / name}: {page}, {(args.out / name).stat().st_size // 1024} KiB")
        finally:
            driver.quit()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
