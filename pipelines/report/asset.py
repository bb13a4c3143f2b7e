"""The report as a Dagster asset: downstream of the warehouse, rebuilt after every load, both by the
folder job (``ingest_job``, after ``warehouse_tables``) and by each per-file run (``ingest_file_job``,
after ``warehouse_file_version``). It reads the published read-only copy, so it never waits for or
blocks a writer."""

from pathlib import Path

import dagster as dg

from pipelines.assets import PipelineSettings, warehouse_file_version, warehouse_tables
from pipelines.report.build import build_report, report_source


def report_dir(settings: PipelineSettings) -> Path:
    """Where the report of this warehouse goes: ``report/`` beside the warehouse file."""
    return Path(settings.warehouse_path).parent / "report"


@dg.asset(
    group_name="report",
    deps=[warehouse_tables, warehouse_file_version],
    description="Static HTML report in Chinese (departments × years, department-year pages, project pages, "
    "data quality), built from the report_* views of the published warehouse; opens from disk.",
)
def report_site(context: dg.AssetExecutionContext, settings: PipelineSettings) -> dg.MaterializeResult:
    source = report_source(settings.warehouse_path)
    if not source.exists():
        context.log.info(f"no warehouse at {source} yet; nothing to report")
        return dg.MaterializeResult(metadata={"pages": 0})
    summary = build_report(source, report_dir(settings), settings.raw_dir)
    index = summary.index.resolve()
    context.log.info(f"report: {summary.total_pages} pages, open {index}")
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.path(str(index)),
            "open": dg.MetadataValue.url(index.as_uri()),
            "pages": summary.total_pages,
            **{f"pages_{kind}": count for kind, count in summary.pages.items()},
        }
    )
