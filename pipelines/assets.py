"""Dagster assets, one per stage: raw → extracted → normalized → warehouse. Thin on purpose:
the work is in :mod:`pipelines.ingest`, which tests call directly."""


from pathlib import Path

import dagster as dg

from pipelines import dimensions, ingest, warehouse


class PipelineSettings(dg.ConfigurableResource):
    """Where the raw files are and where the warehouse file goes (relative to the repo root)."""

    raw_dir: str = "data/raw"
    warehouse_path: str = "data/warehouse/budget.duckdb"


@dg.asset(group_name="raw", description="Files in the raw folder, with their sha256.")
def raw_files(context: dg.AssetExecutionContext, settings: PipelineSettings) -> list[ingest.RawFile]:
    files = ingest.list_raw_files(Path(settings.raw_dir))
    context.log.info(f"{len(files)} files in {settings.raw_dir}")
    context.add_output_metadata({"files": len(files)})
    return files


@dg.asset(group_name="extracted", description="Tables recognised in each file, as printed.")
def extracted_documents(
    context: dg.AssetExecutionContext, raw_files: list[ingest.RawFile]
) -> list[ingest.ExtractedFile]:
    results = []
    for index, raw in enumerate(raw_files, start=1):
        result = ingest.extract_file(raw)
        tables = len(result.extraction.tables) if result.extraction else 0
        status = f"{tables} tables" if result.error is None else f"failed: {result.error}"
        context.log.info(f"[{index}/{len(raw_files)}] extracted {raw.name}: {status}")
        results.append(result)
    failed = sum(1 for r in results if r.error)
    context.add_output_metadata({"files": len(results), "failed": failed})
    return results


@dg.asset(group_name="normalized", description="Typed fact frames per file (amounts in 万元).")
def normalized_facts(
    context: dg.AssetExecutionContext, extracted_documents: list[ingest.ExtractedFile]
) -> list[ingest.NormalizedFile]:
    results = [ingest.normalise_file(item) for item in extracted_documents]
    context.add_output_metadata(
        {"files": len(results), "loadable": sum(1 for r in results if r.loaded)}
    )
    return results


@dg.asset(group_name="warehouse", description="Fact and dimension tables in the DuckDB warehouse.")
def warehouse_tables(
    context: dg.AssetExecutionContext,
    settings: PipelineSettings,
    normalized_facts: list[ingest.NormalizedFile],
) -> ingest.LoadSummary:
    conn = warehouse.connect(settings.warehouse_path)
    try:
        summary = ingest.load_files(conn, normalized_facts, progress=context.log.info)
    finally:
        conn.close()
    context.add_output_metadata(
        {
            "loaded": len(summary.loaded),
            "failed": len(summary.failed),
            **{f"rows_{t}": n for t, n in summary.warehouse_rows.items()},
        }
    )
    return summary


@dg.asset(
    group_name="warehouse",
    deps=[warehouse_tables],
    description="dim_department and dim_project rebuilt from the facts; project_key filled in the facts.",
)
def warehouse_dimensions(context: dg.AssetExecutionContext, settings: PipelineSettings) -> dict[str, int]:
    conn = warehouse.connect(settings.warehouse_path)
    try:
        counts = dimensions.rebuild(conn)
    finally:
        conn.close()
    context.log.info(f"dimensions rebuilt: {counts}")
    context.add_output_metadata(counts)
    return counts


def _make_check(rule: str) -> dg.AssetChecksDefinition:
    header = warehouse.sql(f"checks/{rule}").splitlines()[0].lstrip("- ")

    @dg.asset_check(asset=warehouse_tables, name=rule, description=header, blocking=False)
    def _check(settings: PipelineSettings) -> dg.AssetCheckResult:
        conn = warehouse.connect(settings.warehouse_path, read_only=True)
        try:
            rows = conn.execute(warehouse.sql("load/check_summary"), {"rule": rule}).fetchall()
        finally:
            conn.close()
        failures = [r for r in rows if not r[5]]
        return dg.AssetCheckResult(
            passed=not failures,
            metadata={
                "checked": len(rows),
                "failed": len(failures),
                "failures": dg.MetadataValue.md(
                    "\n".join(
                        f"- {f[0]}: {f[1]}: printed {f[2]}, computed {f[3]}, difference {f[4]}"
                        for f in failures[:50]
                    )
                    or "none"
                ),
            },
        )

    return _check


ACCOUNTING_CHECKS = [_make_check(rule) for rule in warehouse.CHECK_RULES]
