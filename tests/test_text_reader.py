"""The text reader: decoding, rows, cells, and the damage DOMAIN.md lists."""

from __future__ import annotations

import pytest

from pipelines.model import DocumentError, Paragraph, Table
from pipelines.readers.text import decode_text, parse_text
from tests.conftest import TEXT_FIXTURES


def _doc(text: str):
    return parse_text(text, "case.txt", "0" * 64)


def test_utf8_gb18030_and_bom_decode_to_the_same_text():
    utf8 = (TEXT_FIXTURES / "indicator_4col_project_from_header.txt").read_bytes()
    gb = (TEXT_FIXTURES / "gb18030_encoded.txt").read_bytes()
    assert gb != utf8
    assert decode_text(gb, "gb.txt") == (utf8.decode("utf-8"), "gb18030")
    assert decode_text(b"\xef\xbb\xbf" + utf8, "bom.txt") == (utf8.decode("utf-8"), "utf-8")


@pytest.mark.parametrize(
    "name, reason",
    [
        ("bad_empty.txt", "the file is empty"),
        ("bad_binary_garbage.txt", "binary"),
        ("bad_truncated_mid_character.txt", "truncated"),
    ],
)
def test_undecodable_files_fail_with_a_reason_naming_the_file(name, reason):
    with pytest.raises(DocumentError) as error:
        decode_text((TEXT_FIXTURES / name).read_bytes(), name)
    assert name in str(error.value) and reason in str(error.value)


def test_cells_rows_and_wrapped_text():
    doc = _doc("标题\n\t项目名称\n\t第一行\n续行\n\n\t\n\t值\n")
    blocks = doc.pages[0].blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "标题"
    table = blocks[1]
    assert isinstance(table, Table)
    assert [r.values for r in table.rows] == [["项目名称", "第一行续行"], ["", "值"]]
    assert table.rows[0].cells[1].text == "第一行\n续行"
    assert (table.rows[1].cells[1].row, table.rows[1].cells[1].col, table.rows[1].cells[1].line) == (1, 1, 7)


def test_a_row_glued_to_the_one_before_starts_a_new_row():
    doc = _doc("\t甲\n\t乙\n \t丙\n\t丁\n")
    (table,) = doc.tables()
    assert [r.values for r in table.rows] == [["甲", "乙"], ["丙", "丁"]]


def test_a_heading_after_a_cell_ends_the_table_instead_of_wrapping_into_it():
    doc = _doc("\t甲\n\t90%\n 项目名称：专项业务费\n")
    blocks = doc.pages[0].blocks
    assert blocks[0].rows[0].values == ["甲", "90%"]
    assert isinstance(blocks[1], Paragraph) and blocks[1].text == "项目名称：专项业务费"


def test_full_width_indentation_is_not_part_of_a_value():
    doc = _doc("\t项目名称\n\t\u3000机关服务中心财政补助经费\u3000\u3000\n")
    (table,) = doc.tables()
    assert table.rows[0].values == ["项目名称", "机关服务中心财政补助经费"]
