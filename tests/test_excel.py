"""Excel input: workbooks (.xlsx with openpyxl, .xls with xlrd) are read into the document model
as their PDF export is: a sheet a page, ruled cells as tables, merges expanded as the PDF reader
does, numbers as displayed; hidden sheets, rows and columns are not read; bad files fail with a
reason; a workbook goes through ingest like any file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.model import DocumentError, Paragraph, Table
from pipelines.readers import file_type_of, read_document
from pipelines.readers.excel import display_number
from tests.conftest import FIXTURES, load_into

EXCEL = FIXTURES / "excel"


def _expected(name: str) -> dict:
    return json.loads((EXCEL / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_numbers_are_read_as_the_sheet_displays_them(suffix: str):
    doc = read_document(EXCEL / f"number_formats{suffix}")
    assert doc.file_type == "excel" and doc.page_count == 1
    (table,) = list(doc.tables())
    assert [row.values for row in table.rows] == _expected("number_formats")["rows"]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_merges_expand_and_hidden_parts_are_not_read(suffix: str):
    doc = read_document(EXCEL / f"merges_hidden{suffix}")
    want = _expected("merges_hidden")["pages"]
    assert len(doc.pages) == len(want)  # the hidden sheet is not a page
    for page, blocks in zip(doc.pages, want):
        got = []
        for block in page.blocks:
            if isinstance(block, Paragraph):
                got.append({"paragraph": block.text, "line": block.line})
            else:
                entry = {"table": [row.values for row in block.rows]}
                if "lines" in blocks[len(got)]:
                    entry["lines"] = [row.line for row in block.rows]
                got.append(entry)
        assert got == blocks


def test_a_merged_cell_spans_its_columns_as_in_a_pdf():
    doc = read_document(EXCEL / "merges_hidden.xlsx")
    table = next(b for b in doc.pages[0].blocks if isinstance(b, Table))
    heading, below = table.rows[0], table.rows[1]
    spanning = heading.cells[2]
    assert spanning.value == "本年收入"
    assert (spanning.bbox[0], spanning.bbox[2]) == (below.cells[2].bbox[0], below.cells[3].bbox[2])
    assert below.cells[0].value == "" and below.cells[0].bbox[1] == heading.cells[0].bbox[3]
    assert (spanning.page, spanning.line) == (1, 3)


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (18380.13, "#,##0.00", "18,380.13"),
        (0.0, "#,##0.00;-#,##0.00;", ""),
        (-0.5, "#,##0.00", "-0.50"),
        (-1234.5, "#,##0.00;[Red]\\-#,##0.00", "-1,234.50"),
        (0.125, "0.0%", "12.5%"),
        (1.005, "0.00", "1.01"),
        (3, "0", "3"),
        (1e16, "General", "1e+16"),
        (1234.5, "#,##0.00_);(#,##0.00)", "1,234.50"),
        (2.5, '"约"0.0"万元"', "约2.5万元"),
    ],
)
def test_number_formats(value: float, fmt: str, shown: str):
    assert display_number(value, fmt) == shown


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.xlsx", "the file is empty"),
        ("not_a_workbook.xls", "not an Excel workbook (an HTML page"),
        ("truncated.xlsx", "the workbook could not be read"),
    ],
)
def test_a_bad_workbook_fails_with_its_name_and_reason(name: str, reason: str):
    with pytest.raises(DocumentError) as failure:
        read_document(EXCEL / name)
    assert str(failure.value).startswith(f"{name}: {reason}")


def test_suffixes_are_dispatched():
    assert [file_type_of(Path(n)) for n in ("a.xlsx", "b.XLS", "c.xlsm", "d.pdf", "e.txt", "f.csv")] == [
        "excel",
        "excel",
        "excel",
        "pdf",
        "text",
        "unknown",
    ]


def test_a_workbook_is_ingested_with_its_sheet_and_row(tmp_path):
    workbook = FIXTURES / "standard_tables" / "standard_tables_national.xlsx"
    conn = load_into(tmp_path, workbook, EXCEL / "empty.xlsx")
    documents = dict(conn.execute("select source_file, file_type || ' ' || status from dim_document").fetchall())
    assert documents == {"standard_tables_national.xlsx": "excel loaded", "empty.xlsx": "excel failed"}
    # 一般公共预算财政拨款支出决算表 is the fifth sheet; its 合计 row the last of the sheet's table
    where = conn.execute(
        "select source_page, source_line, amount_text from fact_standard_value "
        "where table_no = 5 and item_name = '合计' and column_key = '合计'"
    ).fetchall()
    assert where == [(5, 44, "18,078.44")]  # sheet 表5, row 44: 合计 | | 18078.44 (read with openpyxl)
