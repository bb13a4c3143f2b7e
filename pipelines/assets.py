"""Dagster assets, one per stage: raw → extracted → normalized → warehouse. Thin on purpose:
the work is in :mod:`pipelines.ingest`, which tests call directly.

Two jobs share these steps:

* ``ingest_job`` reads every new or changed file of the raw folder in one run (``python -m
  pipelines ingest`` runs it in-process; the daily schedule runs it too);
* ``ingest_file_job`` reads one file version: its assets are partitioned by file (a dynamic
  partition per file name) and the sensor starts one run per new file version, with the
  version's sha256 in the run key, so each version is read exactly once.
"""

from pathlib import Path

import dagster as dg

from pipelines import ingest, publish, warehouse


class PipelineSettings(dg.ConfigurableResource):
    """Where the raw files are and where the warehouse file goes (relative to the repo root)."""

    raw_dir: str = "data/raw"
    warehouse_path: str = "data/warehouse/budget.duckdb"
    force: bool = False  # read every file again, also versions read before
    lock_wait_s: float = publish.DEFAULT_WAIT_S


# --- ingest_job: the raw folder in one run ------------------------------------------------------


@dg.asset(group_name="raw", description="New and changed files of the raw folder, with their sha256.")
def raw_files(context: dg.AssetExecutionContext, settings: PipelineSettings) -> ingest.Plan:
    plan = ingest.plan(Path(settings.raw_dir), settings.warehouse_path, settings.force)
    context.log.info(
        f"{len(plan.to_read)} files to read, {len(plan.unchanged)} unchanged since they were read"
        + (f"; removed from {settings.raw_dir} (rows kept): {', '.join(plan.removed)}" if plan.removed else "")
    )
    context.add_output_metadata(
        {"to_read": len(plan.to_read), "unchanged": len(plan.unchanged), "removed": len(plan.removed)}
    )
    return plan


@dg.asset(group_name="extracted", description="Tables and figures recognised in each file, as printed.")
def extracted_documents(context: dg.AssetExecutionContext, raw_files: ingest.Plan) -> list[ingest.ExtractedFile]:
    results = []
    for index, raw in enumerate(raw_files.to_read, start=1):
        result = ingest.extract_file(raw)
        tables = len(result.extraction.tables) if result.extraction else 0
        status = f"{tables} tables" if result.error is None else f"failed: {result.error}"
        context.log.info(f"[{index}/{len(raw_files.to_read)}] extracted {raw.name}: {status}")
        results.append(result)
    context.add_output_metadata({"files": len(results), "failed": sum(1 for r in results if r.error)})
    return results


@dg.asset(group_name="normalized", description="Typed fact frames per file (amounts in 万元).")
def normalized_facts(
    context: dg.AssetExecutionContext, extracted_documents: list[ingest.ExtractedFile]
) -> list[ingest.NormalizedFile]:
    results = [ingest.normalise_file(item) for item in extracted_documents]
    context.add_output_metadata({"files": len(results), "loadable": sum(1 for r in results if r.loaded)})
    return results


@dg.asset(
    group_name="warehouse",
    description="Facts, checks and dimensions in the DuckDB warehouse, loaded in one transaction, "
    "then published as a read-only copy.",
)
def warehouse_tables(
    context: dg.AssetExecutionContext,
    settings: PipelineSettings,
    raw_files: ingest.Plan,
    normalized_facts: list[ingest.NormalizedFile],
) -> ingest.LoadSummary:
    if normalized_facts:
        summary = ingest.load_run(settings.warehouse_path, normalized_facts, context.log.info, settings.lock_wait_s)
    else:
        summary = ingest.LoadSummary(warehouse_rows=ingest.published_row_counts(settings.warehouse_path))
        context.log.info("nothing new to load")
    summary.unchanged = [f.name for f in raw_files.unchanged]
    summary.removed = raw_files.removed
    _report(context, summary)
    return summary


def _report(context: dg.AssetExecutionContext, summary: ingest.LoadSummary) -> None:
    for name in summary.removed:
        context.log.warning(
            f"{name} is no longer in the raw folder; its rows are kept. Remove them with: "
            f"python -m pipelines remove-file {name}"
        )
    context.add_output_metadata(
        {
            "loaded": len(summary.loaded),
            "failed": len(summary.failed),
            "unchanged": len(summary.unchanged),
            "removed": len(summary.removed),
            "failed_checks": len(summary.failed_checks),
            **{f"rows_{t}": n for t, n in summary.warehouse_rows.items()},
        }
    )


# --- ingest_file_job: one file version a run, started by the sensor ------------------------------

RAW_FILE_PARTITIONS = dg.DynamicPartitionsDefinition(name="raw_file")


@dg.asset(
    group_name="raw",
    partitions_def=RAW_FILE_PARTITIONS,
    description="One file of the raw folder (the partition is its name), with its sha256.",
)
def raw_file_version(context: dg.AssetExecutionContext, settings: PipelineSettings) -> ingest.Plan:
    name = context.partition_key
    mine = ingest.plan(Path(settings.raw_dir), settings.warehouse_path, settings.force, key=name)
    if not mine.to_read and not mine.unchanged:
        context.log.warning(f"{name} is no longer in {settings.raw_dir}; nothing to read")
    elif mine.unchanged:
        context.log.info(f"{name}: this version was read before; nothing to do")
    return mine


@dg.asset(
    group_name="extracted", partitions_def=RAW_FILE_PARTITIONS, description="What one file version holds, as printed."
)
def extracted_file_version(raw_file_version: ingest.Plan) -> list[ingest.ExtractedFile]:
    return [ingest.extract_file(raw) for raw in raw_file_version.to_read]


@dg.asset(group_name="normalized", partitions_def=RAW_FILE_PARTITIONS, description="One file version's typed facts.")
def normalized_file_version(extracted_file_version: list[ingest.ExtractedFile]) -> list[ingest.NormalizedFile]:
    return [ingest.normalise_file(item) for item in extracted_file_version]


@dg.asset(
    group_name="warehouse",
    partitions_def=RAW_FILE_PARTITIONS,
    description="One file version loaded into the warehouse (replacing the file's earlier rows).",
)
def warehouse_file_version(
    context: dg.AssetExecutionContext, settings: PipelineSettings, normalized_file_version: list[ingest.NormalizedFile]
) -> ingest.LoadSummary:
    if not normalized_file_version:
        return ingest.LoadSummary()
    summary = ingest.load_run(settings.warehouse_path, normalized_file_version, context.log.info, settings.lock_wait_s)
    _report(context, summary)
    return summary


# --- accounting checks -----------------------------------------------------------------------------


def _make_check(rule: str) -> dg.AssetChecksDefinition:
    header = warehouse.sql(f"checks/{rule}").splitlines()[0].lstrip("- ")

    @dg.asset_check(asset=warehouse_tables, name=rule, description=header, blocking=False)
    def _check(settings: PipelineSettings) -> dg.AssetCheckResult:
        path = publish.published_path(settings.warehouse_path)
        if not path.exists():
            return dg.AssetCheckResult(passed=True, metadata={"checked": 0, "note": "nothing published yet"})
        conn = warehouse.connect(path, read_only=True)
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
                        f"- {f[0]}: {f[1]}: printed {f[2]}, computed {f[3]}, difference {f[4]}" for f in failures[:50]
                    )
                    or "none"
                ),
            },
        )

    return _check


ACCOUNTING_CHECKS = [_make_check(rule) for rule in warehouse.CHECK_RULES]
