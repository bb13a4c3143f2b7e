"""Normalise extracted records into typed fact frames (polars), one frame per warehouse table.

Printed values become numbers here: amounts in 万元 (``元`` amounts are divided by 10,000; the
printed text is kept beside them), percentages as numbers of percent (``90.58%`` → 90.58),
scores and weights as numbers (``89.34分`` → 89.34). Dashes (``—``, ``-``) and blanks are null.
A value that is printed but is not a number is null, and the document gets a warning naming it.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import UTC, datetime

import polars as pl

from pipelines.model import UnreadPart, excerpt
from pipelines.recognise.records import OCR as OCR_METHOD
from pipelines.recognise.records import (
    EvaluationScoreRecord,
    Extraction,
    FundRecord,
    IndicatorRecord,
    ProjectScoreRecord,
    record_columns,
)
from pipelines.values import LEVEL1, LEVEL2, parse_value, standard_category, target_met

PARSER_VERSION = "0.1.0"
DECIMAL = pl.Decimal(18, 6)
# the column types of a frame, as polars' DataFrame(schema=...) takes them
ColumnTypes = dict[str, type[pl.DataType] | pl.DataType]

_FULL_WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "－": "-", "％": "%"}
_NUMBER = r"(-?\d+(?:\.\d+)?)"
_NOT_A_VALUE = r"^[-—–－/无]*$"
# What a value of each kind may look like, whole (white space and thousands separators removed).
# Anything else printed in such a column is not loaded: it is recorded as an unread part.
SHAPES = {
    "amount": r"^-?\d+(\.\d+)?(万元|元)?$",
    "percent": r"^-?\d+(\.\d+)?%?$",
    "points": r"^-?\d+(\.\d+)?分?$",
}


def _cleaned(column: str) -> pl.Expr:
    return (
        pl.col(column)
        .str.replace_many(list(_FULL_WIDTH), list(_FULL_WIDTH.values()))
        .str.replace_all(r"[\s\u3000,，]", "")
    )


def _shaped(column: str, shape: str) -> pl.Expr:
    """The number printed in ``column`` when the whole text has the ``shape`` of SHAPES, else null."""
    text = _cleaned(column)
    return pl.when(text.str.contains(SHAPES[shape])).then(text.str.extract(_NUMBER, 1).cast(DECIMAL, strict=False))


def number(column: str) -> pl.Expr:
    """A score or weight: ``89.34分`` → 89.34; null unless the whole text is such a number."""
    return _shaped(column, "points")


def amount_wan(column: str, unit: str | None = None) -> pl.Expr:
    """An amount in 万元: ``428万元`` → 428, ``5,000元`` → 0.5, ``478.78`` → 478.78 (the tables'
    unit is 万元). ``unit`` names a column holding the unit printed for the whole table (元 or
    万元), for amounts printed without one. Null unless the whole text is an amount."""
    text = _cleaned(column)
    value = _shaped(column, "amount")
    in_yuan = text.str.ends_with("元") & ~text.str.ends_with("万元")
    if unit is not None:
        in_yuan = in_yuan | (pl.col(unit) == "元")
    return pl.when(in_yuan).then((value / 10000).cast(DECIMAL)).otherwise(value)


def percent(column: str) -> pl.Expr:
    """A percentage as a number of percent: ``98.08%`` → 98.08; null unless the whole text is one."""
    return _shaped(column, "percent")


def _unparsed(frame: pl.DataFrame, table: str, text_column: str, value_column: str) -> list[UnreadPart]:
    """Values printed in ``text_column`` that are not of their column's shape (stored as null)."""
    bad = frame.filter(
        pl.col(text_column).is_not_null()
        & ~_cleaned(text_column).str.contains(_NOT_A_VALUE)
        & pl.col(value_column).is_null()
    )
    context = [c for c in ("table_no", "table_kind", "project_name") if c in bad.columns]
    return [
        UnreadPart(
            part="value",
            reason=f"{table}.{value_column}: {row[text_column]!r} is not a {_KIND_OF.get(value_column, 'number')}; "
            "stored as null",
            source_page=row["source_page"],
            source_line=row["source_line"],
            table_no=row.get("table_no"),
            table_kind=row.get("table_kind"),
            project_name=row.get("project_name"),
            column_name=value_column,
            text=excerpt(row[text_column]),
        )
        for row in bad.select("source_page", "source_line", text_column, *context).iter_rows(named=True)
    ]


def _records_frame(records: list, cls: type) -> pl.DataFrame:
    columns = record_columns(cls)
    schema: ColumnTypes = {name: pl.String for name in columns}
    schema |= {
        "table_no": pl.Int32,
        "fiscal_year": pl.Int32,
        "source_page": pl.Int32,
        "source_line": pl.Int32,
    }
    if "is_total" in schema:
        schema["is_total"] = pl.Boolean
    schema["read_confidence"] = pl.Float64
    return pl.DataFrame([asdict(r) for r in records], schema=schema, orient="row")


# Columns that say how a fact was read, not what it says (left out where two files are compared).
READ_COLUMNS = ("read_method", "read_confidence", "amount_confidence")
# How a document's values were read when not by OCR, by file type (see read_method below).
DOCUMENT_METHOD = {"text": "text", "pdf": "pdf_text_layer", "excel": "excel"}
READ_METHODS = (*DOCUMENT_METHOD.values(), OCR_METHOD)


def document_method(file_type: str) -> str:
    """How the values of a file of ``file_type`` are read when not by OCR: 'text' (a text file),
    'pdf_text_layer' (the characters a PDF page prints), 'excel' (the cells of a workbook)."""
    return DOCUMENT_METHOD.get(file_type, file_type)


def read_columns(ex: Extraction) -> list[pl.Expr]:
    """``read_method`` and ``read_confidence`` of a fact row: 'ocr' with the least OCR confidence
    (0–1) of the cells or text its values came from, or the document's method and null (the
    other readers read exactly what the file says, with no notion of confidence). Needs a
    ``read_confidence`` column (set only by OCR)."""
    return [
        pl.when(pl.col("read_confidence").is_not_null())
        .then(pl.lit(OCR_METHOD))
        .otherwise(pl.lit(document_method(ex.file_type)))
        .alias("read_method"),
        pl.col("read_confidence").cast(pl.Float64),
    ]


def department_key(department: str | None) -> str | None:
    """The short form that names a department across its printed forms: 新疆维吾尔自治区商务厅,
    自治区商务厅 and 商务厅 are all 商务厅."""
    if not department:
        return None
    return re.sub(r"^(新疆维吾尔自治区|新疆|自治区)", "", department) or department


def _with_document(frame: pl.DataFrame, ex: Extraction) -> pl.DataFrame:
    return frame.with_columns(
        pl.lit(ex.doc_id).alias("doc_id"),
        pl.lit(ex.source_file).alias("source_file"),
        pl.lit(ex.department, dtype=pl.String).alias("department"),
        pl.lit(department_key(ex.department), dtype=pl.String).alias("department_key"),
        pl.col("fiscal_year").fill_null(pl.lit(ex.fiscal_year, dtype=pl.Int32)),
    )


# Where every fact row comes from: the file, its position, and the table it was read from.
PROVENANCE = ("doc_id", "source_file", "source_page", "source_line", "table_no")


def _parsed_values(ex: Extraction) -> pl.DataFrame:
    """Operator, number and unit of every target and actual, and whether the target was met."""
    rows = []
    for record in ex.indicators:
        target, actual = parse_value(record.target_text), parse_value(record.actual_text)
        level2 = standard_category(record.level2, LEVEL2)
        met, reason = target_met(target, actual, record.indicator_name, level2)
        rows.append(
            {
                "target_op": target.op,
                "target_value": target.value,
                "target_unit": target.unit,
                "target_category": target.category,
                "actual_op": actual.op,
                "actual_value": actual.value,
                "actual_unit": actual.unit,
                "actual_category": actual.category,
                "target_met": met,
                "target_met_reason": reason,
                "level1_std": standard_category(record.level1, LEVEL1),
                "level2_std": level2,
            }
        )
    schema: ColumnTypes = {
        name: pl.String
        for name in (
            "target_op",
            "target_unit",
            "target_category",
            "actual_op",
            "actual_unit",
            "actual_category",
            "target_met",
            "target_met_reason",
            "level1_std",
            "level2_std",
        )
    }
    schema |= {"target_value": DECIMAL, "actual_value": DECIMAL}
    return pl.DataFrame(rows, schema=schema, orient="row")


def indicator_frame(ex: Extraction) -> pl.DataFrame:
    frame = _with_document(_records_frame(ex.indicators, IndicatorRecord), ex)
    frame = pl.concat([frame, _parsed_values(ex)], how="horizontal")
    return frame.select(
        *PROVENANCE,
        "table_kind",
        "fiscal_year",
        "department",
        "department_key",
        "unit_name",
        "scope",
        pl.when(pl.col("scope") == "project").then(pl.col("project_name")).alias("project_name"),
        pl.lit(None, dtype=pl.String).alias("project_key"),
        "level1",
        "level2",
        "level1_std",
        "level2_std",
        "indicator_name",
        number("weight").alias("weight"),
        "target_text",
        "actual_text",
        percent("completion_rate").alias("completion_rate"),
        number("score").alias("score"),
        "basis",
        "prior_year_text",
        "scoring_rule",
        "evidence",
        "deviation_reason",
        "target_op",
        "target_value",
        "target_unit",
        "target_category",
        "actual_op",
        "actual_value",
        "actual_unit",
        "actual_category",
        "target_met",
        "target_met_reason",
        pl.col("weight").alias("weight_text"),
        pl.col("completion_rate").alias("completion_rate_text"),
        pl.col("score").alias("score_text"),
        *read_columns(ex),
    )


def _project_context() -> list:
    """The columns that place a project row: year, department, unit, project (its key is filled
    when the dimensions are rebuilt)."""
    return [
        "fiscal_year",
        "department",
        "department_key",
        "unit_name",
        "project_name",
        pl.lit(None, dtype=pl.String).alias("project_key"),
    ]


def fund_frame(ex: Extraction) -> pl.DataFrame:
    frame = _with_document(_records_frame(ex.funds, FundRecord), ex)
    return frame.select(
        *PROVENANCE,
        "table_kind",
        *_project_context(),
        "fund_source",
        "fund_label",
        amount_wan("budget_initial").alias("budget_initial"),
        amount_wan("budget_full_year").alias("budget_full_year"),
        amount_wan("executed").alias("executed"),
        number("weight").alias("weight"),
        percent("execution_rate").alias("execution_rate"),
        number("score").alias("score"),
        pl.col("budget_initial").alias("budget_initial_text"),
        pl.col("budget_full_year").alias("budget_full_year_text"),
        pl.col("executed").alias("executed_text"),
        pl.col("execution_rate").alias("execution_rate_text"),
        *read_columns(ex),
    )


def project_score_frame(ex: Extraction) -> pl.DataFrame:
    frame = _with_document(_records_frame(ex.project_scores, ProjectScoreRecord), ex)
    return frame.select(
        *PROVENANCE,
        "table_kind",
        *_project_context(),
        number("total_weight").alias("total_weight"),
        number("total_score").alias("total_score"),
        pl.col("total_score").alias("total_score_text"),
        *read_columns(ex),
    )


def evaluation_score_frame(ex: Extraction) -> pl.DataFrame:
    frame = _with_document(_records_frame(ex.evaluation_scores, EvaluationScoreRecord), ex)
    return frame.select(
        *PROVENANCE,
        *_project_context(),
        "indicator",
        "is_total",
        number("weight").alias("weight"),
        number("score").alias("score"),
        percent("score_rate").alias("score_rate"),
        "grade",
        pl.col("score").alias("score_text"),
        pl.col("score_rate").alias("score_rate_text"),
        *read_columns(ex),
    )


def document_frame(
    ex: Extraction | None,
    *,
    doc_id: str,
    source_file: str,
    file_type: str,
    status: str,
    error: str | None = None,
    size_bytes: int | None = None,
    warnings: list[str] | None = None,
    unread_parts: int = 0,
) -> pl.DataFrame:
    """The dim_document row of one file version: loaded, partial (loaded, with unread parts) or
    failed."""
    row = {
        "doc_id": doc_id,
        "source_file": source_file,
        "file_type": file_type,
        "fiscal_year": ex.fiscal_year if ex else None,
        "department": ex.department if ex else None,
        "doc_kind": ex.doc_kind if ex else None,
        "pages": ex.pages if ex else None,
        "encoding": ex.encoding if ex else None,
        "size_bytes": size_bytes,
        "tables_recognised": len(ex.tables) if ex else 0,
        "unread_parts": unread_parts,
        "status": status,
        "error": error,
        "warnings": "\n".join(warnings or []) or None,
        "parser_version": PARSER_VERSION,
        "ingested_at": datetime.now(UTC).replace(tzinfo=None),
    }
    schema: ColumnTypes = {
        "doc_id": pl.String,
        "source_file": pl.String,
        "file_type": pl.String,
        "fiscal_year": pl.Int32,
        "department": pl.String,
        "doc_kind": pl.String,
        "pages": pl.Int32,
        "encoding": pl.String,
        "size_bytes": pl.Int64,
        "tables_recognised": pl.Int32,
        "unread_parts": pl.Int32,
        "status": pl.String,
        "error": pl.String,
        "warnings": pl.String,
        "parser_version": pl.String,
        "ingested_at": pl.Datetime("us"),
    }
    return pl.DataFrame([row], schema=schema, orient="row")


def _narrative_frame(ex: Extraction, rows: list[dict], schema: dict) -> pl.DataFrame:
    """A frame of narrative facts: document columns first, then ``schema``'s columns."""
    base = {
        "doc_id": pl.String,
        "source_file": pl.String,
        "source_page": pl.Int32,
        "source_line": pl.Int32,
        "fiscal_year": pl.Int32,
        "department": pl.String,
    }
    full = base | {name: (pl.String if kind is DECIMAL else kind) for name, kind in schema.items()}
    document = {
        "doc_id": ex.doc_id,
        "source_file": ex.source_file,
        "fiscal_year": ex.fiscal_year,
        "department": ex.department,
    }
    frame = pl.DataFrame([document | row for row in rows], schema=full, orient="row")
    frame = frame.with_columns(*(pl.col(name).cast(DECIMAL) for name, kind in schema.items() if kind is DECIMAL))
    columns = frame.columns
    at = columns.index("department") + 1
    key = pl.lit(department_key(ex.department), dtype=pl.String).alias("department_key")
    return frame.select(*columns[:at], key, *columns[at:])


def _figure_rows(figures) -> list[dict]:
    return [
        dict(
            source_page=f.source_page,
            source_line=f.source_line,
            section=f.section,
            item=f.item,
            item_key=f.key,
            measure=f.measure,
            value=f.value,
            unit=f.unit,
            text=f.text,
            sentence=f.sentence,
            read_confidence=f.confidence,
        )
        for f in figures
    ]


_FIGURE_SCHEMA = {
    "section": pl.String,
    "item": pl.String,
    "item_key": pl.String,
    "measure": pl.String,
    "value": DECIMAL,
    "unit": pl.String,
    "text": pl.String,
    "sentence": pl.String,
    "read_confidence": pl.Float64,
}


def budget_total_frame(ex: Extraction) -> pl.DataFrame:
    """fact_budget_total: the department totals of the narrative, each with our key for it
    (item_key) and what the number measures (measure); amounts in 万元 (a 元 figure is divided by
    10,000), percentages as numbers of percent."""
    figures = ex.narrative.budget_totals if ex.narrative else []
    frame = _narrative_frame(ex, _figure_rows(figures), _FIGURE_SCHEMA)
    return frame.select(
        "doc_id",
        "source_file",
        "source_page",
        "source_line",
        "fiscal_year",
        "department",
        "department_key",
        "section",
        "item",
        "item_key",
        "measure",
        pl.when(pl.col("unit") == "万元")
        .then(pl.col("value"))
        .when(pl.col("unit") == "元")
        .then((pl.col("value") / 10000).cast(DECIMAL))
        .alias("amount_wan"),
        pl.when(pl.col("unit") == "%").then(pl.col("value")).alias("percent"),
        "unit",
        pl.col("text").alias("printed_text"),
        pl.col("sentence").alias("printed_sentence"),
        *read_columns(ex),
    )


def stated_figure_frame(ex: Extraction) -> pl.DataFrame:
    figures = ex.narrative.stated_figures if ex.narrative else []
    frame = _narrative_frame(ex, _figure_rows(figures), _FIGURE_SCHEMA)
    return frame.select(
        "doc_id",
        "source_file",
        "source_page",
        "source_line",
        "fiscal_year",
        "department",
        "department_key",
        pl.col("section").alias("topic"),
        "item",
        "item_key",
        "measure",
        "value",
        "unit",
        pl.col("text").alias("printed_text"),
        pl.col("sentence").alias("printed_sentence"),
        *read_columns(ex),
    )


def function_expenditure_frame(ex: Extraction) -> pl.DataFrame:
    lines = ex.narrative.function_lines if ex.narrative else []
    rows = [
        dict(
            source_page=line.source_page,
            source_line=line.source_line,
            line_no=line.line_no,
            class_name=line.class_name,
            section_name=line.section_name,
            item_name=line.item_name,
            subject_code=line.subject_code,
            amount_wan=line.amount,
            budget_wan=line.budget,
            budget_kind=line.budget_kind,
            completion_pct=line.completion_pct,
            change_wan=line.change,
            change_pct=line.change_pct,
            purpose=line.purpose,
            reason=line.reason,
            printed_text=line.text,
            read_confidence=line.confidence,
        )
        for line in lines
    ]
    frame = _narrative_frame(
        ex,
        rows,
        {
            "line_no": pl.String,
            "class_name": pl.String,
            "section_name": pl.String,
            "item_name": pl.String,
            "subject_code": pl.String,
            "amount_wan": DECIMAL,
            "budget_wan": DECIMAL,
            "budget_kind": pl.String,
            "completion_pct": DECIMAL,
            "change_wan": DECIMAL,
            "change_pct": DECIMAL,
            "purpose": pl.String,
            "reason": pl.String,
            "printed_text": pl.String,
            "read_confidence": pl.Float64,
        },
    )
    return frame.with_columns(*read_columns(ex))


def function_class_frame(ex: Extraction) -> pl.DataFrame:
    classes = ex.narrative.function_classes if ex.narrative else []
    rows = [
        dict(
            source_page=c.source_page,
            source_line=c.source_line,
            class_name=c.class_name,
            amount_wan=c.amount,
            share_pct=c.share_pct,
            read_confidence=c.confidence,
        )
        for c in classes
    ]
    schema = {"class_name": pl.String, "amount_wan": DECIMAL, "share_pct": DECIMAL, "read_confidence": pl.Float64}
    return _narrative_frame(ex, rows, schema).with_columns(*read_columns(ex))


THREE_PUBLIC_COLUMNS = {
    "budget_wan": DECIMAL,
    "budget_kind": pl.String,
    "actual_wan": DECIMAL,
    "completion_pct": DECIMAL,
    "budget_variance_pct": DECIMAL,
    "change_wan": DECIMAL,
    "change_pct": DECIMAL,
    "share_pct": DECIMAL,
    "groups": pl.Int32,
    "person_trips": pl.Int32,
    "batches": pl.Int32,
    "vehicles_purchased": pl.Int32,
    "vehicles_held": pl.Int32,
}


def three_public_frame(ex: Extraction) -> pl.DataFrame:
    items = ex.narrative.three_public if ex.narrative else []
    rows = [
        dict(
            source_page=t.source_page,
            source_line=t.source_line,
            category=t.category,
            **{column: t.values.get(column) for column in THREE_PUBLIC_COLUMNS},
            read_confidence=t.confidence,
        )
        for t in items
    ]
    counts = [c for c, kind in THREE_PUBLIC_COLUMNS.items() if kind is pl.Int32]
    schema = {"category": pl.String} | {c: (pl.String if c in counts else k) for c, k in THREE_PUBLIC_COLUMNS.items()}
    frame = _narrative_frame(ex, rows, schema | {"read_confidence": pl.Float64})
    return frame.with_columns(*(pl.col(c).cast(pl.Int32) for c in counts), *read_columns(ex))


def standard_table_frame(ex: Extraction) -> pl.DataFrame:
    rows = [
        dict(
            source_page=t.source_page,
            source_line=t.source_line,
            table_no=t.number,
            table_key=t.key,
            title_printed=t.title,
            label_printed=t.label,
            unit_printed=t.unit,
            is_empty=t.empty,
            note=t.note,
            body_rows=t.body_rows,
            value_count=len(t.values),
            printed_no=t.printed_no,
            blocks=t.blocks,
        )
        for t in ex.standard_tables
    ]
    return _narrative_frame(
        ex,
        rows,
        {
            "table_no": pl.Int32,
            "table_key": pl.String,
            "title_printed": pl.String,
            "label_printed": pl.String,
            "unit_printed": pl.String,
            "is_empty": pl.Boolean,
            "note": pl.String,
            "body_rows": pl.Int32,
            "value_count": pl.Int32,
            "printed_no": pl.Int32,
            "blocks": pl.Int32,
        },
    )


def standard_value_frame(ex: Extraction) -> pl.DataFrame:
    rows = [
        dict(
            source_page=v.source_page,
            source_line=v.source_line,
            table_no=t.number,
            table_key=t.key,
            side=v.side,
            line_no=v.line_no,
            subject_code=v.code,
            level=v.level,
            item_name=v.item,
            class_name=v.class_name,
            section_name=v.section_name,
            column_name=v.column,
            amount_text=v.text,
            unit_printed=t.unit,
            column_key=v.column_key,
            parent_item=v.parent_item,
            block_no=v.block_no,
            row_no=v.row_no,
            read_confidence=v.read_confidence,
            amount_confidence=v.amount_confidence,
        )
        for t in ex.standard_tables
        for v in t.values
    ]
    frame = _narrative_frame(
        ex,
        rows,
        {
            "table_no": pl.Int32,
            "table_key": pl.String,
            "side": pl.String,
            "line_no": pl.String,
            "subject_code": pl.String,
            "level": pl.String,
            "item_name": pl.String,
            "class_name": pl.String,
            "section_name": pl.String,
            "column_name": pl.String,
            "amount_text": pl.String,
            "unit_printed": pl.String,
            "column_key": pl.String,
            "parent_item": pl.String,
            "block_no": pl.Int32,
            "row_no": pl.Int32,
            "read_confidence": pl.Float64,
            "amount_confidence": pl.Float64,
        },
    )
    return frame.with_columns(amount_wan("amount_text", unit="unit_printed").alias("amount_wan")).select(
        "doc_id",
        "source_file",
        "source_page",
        "source_line",
        "fiscal_year",
        "department",
        "department_key",
        "table_no",
        "table_key",
        "side",
        "line_no",
        "subject_code",
        "level",
        "item_name",
        "class_name",
        "section_name",
        "column_name",
        "amount_wan",
        "amount_text",
        "unit_printed",
        "column_key",
        "parent_item",
        "block_no",
        "row_no",
        *read_columns(ex),
        "amount_confidence",
    )


def document_unit_frame(ex: Extraction) -> pl.DataFrame:
    units = ex.narrative.units if ex.narrative else []
    rows = [dict(source_page=u.page, source_line=u.line, unit_name=u.text) for u in units]
    return _narrative_frame(ex, rows, {"unit_name": pl.String})


FACT_BUILDERS = {
    "fact_indicator": indicator_frame,
    "fact_project_fund": fund_frame,
    "fact_project_score": project_score_frame,
    "fact_evaluation_score": evaluation_score_frame,
    "fact_budget_total": budget_total_frame,
    "fact_stated_figure": stated_figure_frame,
    "fact_function_expenditure": function_expenditure_frame,
    "fact_function_class": function_class_frame,
    "fact_three_public": three_public_frame,
    "fact_standard_table": standard_table_frame,
    "fact_standard_value": standard_value_frame,
    "fact_document_unit": document_unit_frame,
}

# (table, printed-text column, parsed column) pairs checked for values that did not parse.
_PARSED = [
    ("fact_indicator", "weight_text", "weight"),
    ("fact_indicator", "completion_rate_text", "completion_rate"),
    ("fact_indicator", "score_text", "score"),
    ("fact_project_fund", "budget_initial_text", "budget_initial"),
    ("fact_project_fund", "budget_full_year_text", "budget_full_year"),
    ("fact_project_fund", "executed_text", "executed"),
    ("fact_project_fund", "execution_rate_text", "execution_rate"),
    ("fact_project_score", "total_score_text", "total_score"),
    ("fact_evaluation_score", "score_text", "score"),
    ("fact_evaluation_score", "score_rate_text", "score_rate"),
    ("fact_standard_value", "amount_text", "amount_wan"),
]
_KIND_OF = {
    "budget_initial": "amount",
    "budget_full_year": "amount",
    "executed": "amount",
    "amount_wan": "amount",
    "completion_rate": "percentage",
    "execution_rate": "percentage",
    "score_rate": "percentage",
    "weight": "number of points",
    "score": "number of points",
    "total_score": "number of points",
}

UNREAD_TABLE = "fact_unread_part"


def unread_part_frame(ex: Extraction, parts: list[UnreadPart]) -> pl.DataFrame:
    """fact_unread_part: every part of the document that was printed but not read, and why."""
    rows = [
        dict(
            source_page=p.source_page,
            source_line=p.source_line,
            part=p.part,
            table_no=p.table_no,
            table_kind=p.table_kind,
            project_name=p.project_name,
            column_name=p.column_name,
            row_no=p.row_no,
            block_no=p.block_no,
            column_key=p.column_key,
            reason=p.reason,
            printed_text=p.text,
        )
        for p in parts
    ]
    return _narrative_frame(
        ex,
        rows,
        {
            "part": pl.String,
            "table_no": pl.Int32,
            "table_kind": pl.String,
            "project_name": pl.String,
            "column_name": pl.String,
            "row_no": pl.Int32,
            "block_no": pl.Int32,
            "column_key": pl.String,
            "reason": pl.String,
            "printed_text": pl.String,
        },
    )


def normalise(ex: Extraction) -> tuple[dict[str, pl.DataFrame], list[UnreadPart]]:
    """Typed frames for every fact table of one document (fact_unread_part included), and the
    values that were printed but are not of their column's shape (stored as null, and recorded in
    fact_unread_part beside what the recognisers could not read)."""
    frames = {name: build(ex) for name, build in FACT_BUILDERS.items()}
    values = [
        part
        for table, text_column, value_column in _PARSED
        for part in _unparsed(frames[table], table, text_column, value_column)
    ]
    frames[UNREAD_TABLE] = unread_part_frame(ex, [*ex.unread, *values])
    return frames, values
