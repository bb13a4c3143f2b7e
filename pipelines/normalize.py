"""Normalise extracted records into typed fact frames (polars), one frame per warehouse table.

Printed values become numbers here: amounts in 万元 (``元`` amounts are divided by 10,000; the
printed text is kept beside them), percentages as numbers of percent (``90.58%`` → 90.58),
scores and weights as numbers (``89.34分`` → 89.34). Dashes (``—``, ``-``) and blanks are null.
A value that is printed but is not a number is null, and the document gets a warning naming it.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timezone

import polars as pl

from pipelines.recognise.records import (
    EvaluationScoreRecord,
    Extraction,
    FundRecord,
    IndicatorRecord,
    ProjectScoreRecord,
    record_columns,
)

PARSER_VERSION = "0.1.0"
DECIMAL = pl.Decimal(18, 6)

_FULL_WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "－": "-", "％": "%"}
_NUMBER = r"(-?\d+(?:\.\d+)?)"
_NOT_A_VALUE = r"^[-—–－/无]*$"


def _cleaned(column: str) -> pl.Expr:
    return (
        pl.col(column)
        .str.replace_many(list(_FULL_WIDTH), list(_FULL_WIDTH.values()))
        .str.replace_all(r"[\s\u3000,，]", "")
    )


def number(column: str) -> pl.Expr:
    """The first number printed in ``column`` (``89.34分`` → 89.34, ``98.08%`` → 98.08)."""
    return _cleaned(column).str.extract(_NUMBER, 1).cast(DECIMAL, strict=False)


def amount_wan(column: str) -> pl.Expr:
    """An amount in 万元: ``428万元`` → 428, ``5,000元`` → 0.5, ``478.78`` → 478.78 (the tables'
    unit is 万元)."""
    text = _cleaned(column)
    value = text.str.extract(_NUMBER, 1).cast(DECIMAL, strict=False)
    in_yuan = text.str.ends_with("元") & ~text.str.ends_with("万元")
    return pl.when(in_yuan).then((value / 10000).cast(DECIMAL)).otherwise(value)


def percent(column: str) -> pl.Expr:
    return number(column)


def _unparsed(frame: pl.DataFrame, text_column: str, value_column: str) -> list[str]:
    bad = frame.filter(
        pl.col(text_column).is_not_null()
        & ~_cleaned(text_column).str.contains(_NOT_A_VALUE)
        & pl.col(value_column).is_null()
    )
    return [
        f"line {line}: {value_column} {text!r} is not a number; stored as null"
        for line, text in bad.select("source_line", text_column).iter_rows()
    ]


def _records_frame(records: list, cls: type) -> pl.DataFrame:
    columns = record_columns(cls)
    schema = {name: pl.String for name in columns}
    schema |= {
        "table_no": pl.Int32,
        "fiscal_year": pl.Int32,
        "source_page": pl.Int32,
        "source_line": pl.Int32,
    }
    if "is_total" in schema:
        schema["is_total"] = pl.Boolean
    return pl.DataFrame([asdict(r) for r in records], schema=schema, orient="row")


def _with_document(frame: pl.DataFrame, ex: Extraction) -> pl.DataFrame:
    return frame.with_columns(
        pl.lit(ex.doc_id).alias("doc_id"),
        pl.lit(ex.source_file).alias("source_file"),
        pl.lit(ex.department, dtype=pl.String).alias("department"),
        pl.col("fiscal_year").fill_null(pl.lit(ex.fiscal_year, dtype=pl.Int32)),
    )


# Where every fact row comes from: the file, its position, and the table it was read from.
PROVENANCE = ("doc_id", "source_file", "source_page", "source_line", "table_no")


def indicator_frame(ex: Extraction) -> pl.DataFrame:
    frame = _with_document(_records_frame(ex.indicators, IndicatorRecord), ex)
    return frame.select(
        *PROVENANCE, "table_kind",
        "fiscal_year", "department", "unit_name", "scope",
        pl.when(pl.col("scope") == "project").then(pl.col("project_name")).alias("project_name"),
        "level1", "level2", "indicator_name",
        number("weight").alias("weight"),
        "target_text", "actual_text",
        percent("completion_rate").alias("completion_rate"),
        number("score").alias("score"),
        "basis", "prior_year_text", "scoring_rule", "evidence", "deviation_reason",
        pl.col("weight").alias("weight_text"),
        pl.col("completion_rate").alias("completion_rate_text"),
        pl.col("score").alias("score_text"),
    )


def fund_frame(ex: Extraction) -> pl.DataFrame:
    frame = _with_document(_records_frame(ex.funds, FundRecord), ex)
    return frame.select(
        *PROVENANCE, "table_kind",
        "fiscal_year", "department", "unit_name", "project_name", "fund_source", "fund_label",
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
    )


def project_score_frame(ex: Extraction) -> pl.DataFrame:
    frame = _with_document(_records_frame(ex.project_scores, ProjectScoreRecord), ex)
    return frame.select(
        *PROVENANCE, "table_kind",
        "fiscal_year", "department", "unit_name", "project_name",
        number("total_weight").alias("total_weight"),
        number("total_score").alias("total_score"),
        pl.col("total_score").alias("total_score_text"),
    )


def evaluation_score_frame(ex: Extraction) -> pl.DataFrame:
    frame = _with_document(_records_frame(ex.evaluation_scores, EvaluationScoreRecord), ex)
    return frame.select(
        *PROVENANCE,
        "fiscal_year", "department", "unit_name", "project_name", "indicator", "is_total",
        number("weight").alias("weight"),
        number("score").alias("score"),
        percent("score_rate").alias("score_rate"),
        "grade",
        pl.col("score").alias("score_text"),
        pl.col("score_rate").alias("score_rate_text"),
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
) -> pl.DataFrame:
    """The dim_document row of one file version, loaded or failed."""
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
        "status": status,
        "error": error,
        "warnings": "\n".join(warnings or []) or None,
        "parser_version": PARSER_VERSION,
        "ingested_at": datetime.now(timezone.utc).replace(tzinfo=None),
    }
    schema = {
        "doc_id": pl.String, "source_file": pl.String, "file_type": pl.String,
        "fiscal_year": pl.Int32, "department": pl.String, "doc_kind": pl.String,
        "pages": pl.Int32, "encoding": pl.String, "size_bytes": pl.Int64,
        "tables_recognised": pl.Int32, "status": pl.String, "error": pl.String,
        "warnings": pl.String, "parser_version": pl.String, "ingested_at": pl.Datetime("us"),
    }
    return pl.DataFrame([row], schema=schema, orient="row")


FACT_BUILDERS = {
    "fact_indicator": indicator_frame,
    "fact_project_fund": fund_frame,
    "fact_project_score": project_score_frame,
    "fact_evaluation_score": evaluation_score_frame,
}

# (table, printed-text column, parsed column) pairs checked for values that did not parse.
_PARSED = [
    ("fact_indicator", "weight_text", "weight"),
    ("fact_indicator", "completion_rate_text", "completion_rate"),
    ("fact_indicator", "score_text", "score"),
    ("fact_project_fund", "budget_full_year_text", "budget_full_year"),
    ("fact_project_fund", "executed_text", "executed"),
    ("fact_project_fund", "execution_rate_text", "execution_rate"),
    ("fact_project_score", "total_score_text", "total_score"),
    ("fact_evaluation_score", "score_text", "score"),
]


def normalise(ex: Extraction) -> tuple[dict[str, pl.DataFrame], list[str]]:
    """Typed frames for every fact table of one document, and warnings for unparsed values."""
    frames = {name: build(ex) for name, build in FACT_BUILDERS.items()}
    warnings = [
        f"{ex.source_file}: {table}: {message}"
        for table, text_column, value_column in _PARSED
        for message in _unparsed(frames[table], text_column, value_column)
    ]
    return frames, warnings
