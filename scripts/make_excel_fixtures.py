#!/usr/bin/env python
"""Build the Excel-reader fixtures in ``tests/fixtures/excel/`` (each named for the case it covers,
with what a person reads on the sheet beside it as ``*.expected.json``).

Run from the repository root::

    .venv/bin/python scripts/make_excel_fixtures.py

Needs openpyxl (a dependency of the pipeline) and, for the ``.xls`` copies, LibreOffice Calc
(``apt-get install -y libreoffice-calc``): the ``.xls`` files are the ``.xlsx`` saved by LibreOffice
as Excel 97–2003, the format xlrd reads.

* ``number_formats.xlsx`` / ``.xls``: one ruled table, 项目 | 数值; each 数值 cell a number under a
  number format financial sheets use. The expected text is what Excel shows in the cell.
* ``merges_hidden.xlsx`` / ``.xls``: a title and a 单位 line (not ruled), a ruled table with a heading
  merged across two columns and a cell merged down two rows, a hidden row and a hidden column; a
  hidden second sheet; a third sheet with a table drawn without any border.
* ``not_a_workbook.xls``: an HTML page saved with an .xls name (as some sites publish them);
  ``empty.xlsx``: no bytes; ``truncated.xlsx``: the first 2,000 bytes of ``number_formats.xlsx``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "excel"

# (label, value, number format, what Excel shows)
NUMBER_CASES = [
    ("千分位两位小数", 18380.13, "#,##0.00", "18,380.13"),
    ("零显示为空", 0, "#,##0.00;-#,##0.00;", ""),
    ("负数括号", -1234.5, "#,##0.00;(#,##0.00)", "(1,234.50)"),
    ("百分比", 0.9058, "0.00%", "90.58%"),
    ("四舍五入", 2.675, "0.00", "2.68"),
    ("常规整数", 5, "General", "5"),
    ("常规小数", 1.5, "General", "1.5"),
    ("带单位", 428, '0"万元"', "428万元"),
    ("编码", 2011301, "0", "2011301"),
    ("零两位小数", 0, "0.00", "0.00"),
    ("大额元", 183801300, "#,##0.00", "183,801,300.00"),
    ("日期", dt.datetime(2024, 12, 31), "yyyy-mm-dd", "2024-12-31"),
]


def number_formats(path: Path) -> dict:
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    book = Workbook()
    ws = book.worksheets[0]  # a new workbook's one sheet
    ws.title = "格式"
    ws.append(["项目", "数值"])
    for label, value, fmt, _ in NUMBER_CASES:
        ws.append([label, value])
        ws.cell(ws.max_row, 2).number_format = fmt
    for row in ws.iter_rows():
        for cell in row:
            cell.border = box
    book.save(path)
    return {
        "about": "number_formats.xlsx: the 数值 column as Excel shows it (blank: shown empty).",
        "rows": [["项目", "数值"]] + [[label, shown] for label, _, _, shown in NUMBER_CASES],
    }


def merges_hidden(path: Path) -> dict:
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    book = Workbook()
    ws = book.worksheets[0]  # a new workbook's one sheet
    ws.title = "表一"
    ws["A1"] = "收入决算表"
    ws.merge_cells("A1:E1")
    ws["A2"] = "部门：测试单位"
    ws["D2"] = "单位：万元"
    table: list[list[Any]] = [
        ["科目编码", "科目名称", "本年收入", None, "备注"],  # 本年收入 merged across C3:D3
        [None, None, "财政拨款", "其他收入", None],  # A3:A4, B3:B4, E3:E4 merged down
        ["201", "一般公共服务支出", 12.5, 0, "甲"],
        ["2010101", "隐藏的行", 1, 1, "乙"],  # row 6: hidden
        ["205", "教育支出", 3.25, 1.75, "丙"],
    ]
    for r, values in enumerate(table, start=3):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c)
            cell.border = box
            if value is not None:
                cell.value = value
                if isinstance(value, int | float):
                    cell.number_format = "#,##0.00"
    ws.merge_cells("C3:D3")
    for column in "ABE":
        ws.merge_cells(f"{column}3:{column}4")
    ws.row_dimensions[6].hidden = True
    ws.column_dimensions["E"].hidden = True  # 备注: hidden
    ws["A9"] = "注：本表反映部门本年度取得的各项收入情况。"
    hidden = book.create_sheet("隐藏")
    hidden["A1"] = "不应读到的工作表"
    hidden.sheet_state = "hidden"
    plain = book.create_sheet("无框线")
    plain["A1"] = "三公经费"
    three_public: list[list[Any]] = [["项目", "预算数", "决算数"], ["合计", 2.85, 0.39], ["公务接待费", 2.85, 0.39]]
    for r, values in enumerate(three_public, start=3):
        for c, value in enumerate(values, start=1):
            plain.cell(r, c, value)
            if isinstance(value, float):
                plain.cell(r, c).number_format = "0.00"
    book.save(path)
    return {
        "about": "merges_hidden.xlsx as read: per sheet (hidden sheet, row 6 and column E not read), its "
        "paragraphs and tables in order; a table as rows of cell texts; a merge across is one cell, "
        "below a merge down an empty cell.",
        "pages": [
            [
                {"paragraph": "收入决算表", "line": 1},
                {"paragraph": "部门：测试单位单位：万元", "line": 2},
                {
                    "table": [
                        ["科目编码", "科目名称", "本年收入"],
                        ["", "", "财政拨款", "其他收入"],
                        ["201", "一般公共服务支出", "12.50", "0.00"],
                        ["205", "教育支出", "3.25", "1.75"],
                    ],
                    "lines": [3, 4, 5, 7],
                },
                {"paragraph": "注：本表反映部门本年度取得的各项收入情况。", "line": 9},
            ],
            [
                {"paragraph": "三公经费", "line": 1},
                {"table": [["项目", "预算数", "决算数"], ["合计", "2.85", "0.39"], ["公务接待费", "2.85", "0.39"]]},
            ],
        ],
    }


def to_xls(xlsx: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is missing: apt-get install -y libreoffice-calc")
    with tempfile.TemporaryDirectory() as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "xls"]
        subprocess.run([*cmd, "--outdir", tmp, str(xlsx)], check=True, capture_output=True, timeout=300)
        shutil.copyfile(Path(tmp) / f"{xlsx.stem}.xls", xlsx.with_suffix(".xls"))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in (("number_formats", number_formats), ("merges_hidden", merges_hidden)):
        xlsx = OUT / f"{name}.xlsx"
        expected = build(xlsx)
        (OUT / f"{name}.expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        to_xls(xlsx)
    (OUT / "not_a_workbook.xls").write_text(
        "<html><body><table><tr><td>收入决算表</td></tr></table></body></html>\n", encoding="utf-8"
    )
    (OUT / "empty.xlsx").write_bytes(b"")
    (OUT / "truncated.xlsx").write_bytes((OUT / "number_formats.xlsx").read_bytes()[:2000])
    for path in sorted(OUT.iterdir()):
        print(f"  {path.name:32s} {path.stat().st_size:>7,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
