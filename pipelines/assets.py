"""Dagster assets, one per stage: raw → extracted → normalized → warehouse. Thin on purpose:
the work is in :mod:`pipelines.ingest`, which tests call directly.

Two jobs share these steps:

* ``ingest_job`` reads every new or changed file of the raw folder in one run (``python -m
  pipelines ingest`` runs it in-process; the daily schedule runs it too);
* ``ingest_file_job`` reads one file version: its assets are partitioned by file (a dynamic
  partition per file name) and the sensor starts one run per new file version, with the
  version's sha256 in the run key, so each version is read exactly once.

The warehouse asset of each job evaluates its checks itself, in the same step (no process per
check): one per accounting rule of ``sql/checks``, on the documents the run covers, and
``record_matches_rows``, the invariant that the record (dim_document) and the rows agree.
"""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from pipelines import ingest, publish, warehouse


class PipelineSettings(dg.ConfigurableResource):
    """Where the raw files are and where the warehouse file goes (relative to the repo root)."""

    raw_dir: str = "data/raw"
    warehouse_path: str = "data/warehouse/budget.duckdb"
    force: bool = False  # read every file again, also versions read before
    lock_wait_s: float = publish.DEFAULT_WAIT_S


INVARIANT_CHECK = "record_matches_rows"
INVARIANT_DESCRIPTION = (
    "The record and the rows agree: a file's facts are in the warehouse if and only if its "
    "dim_document row says so (loaded or partial), for the version they came from; one loaded file "
    "per document."
)


def _check_specs(asset: str) -> list[dg.AssetCheckSpec]:
    rules = [
        dg.AssetCheckSpec(rule, asset=asset, description=warehouse.sql(f"checks/{rule}").splitlines()[0].lstrip("- "))
        for rule in warehouse.CHECK_RULES
    ]
    return [*rules, dg.AssetCheckSpec(INVARIANT_CHECK, asset=asset, description=INVARIANT_DESCRIPTION)]


def check_results(warehouse_path: str, source_files: list[str] | None = None) -> Iterator[dg.AssetCheckResult]:
    """One result per accounting rule (on the loaded documents, or on ``source_files`` only) and
    one for the record invariant, read from the published copy in one connection."""
    path = publish.published_path(warehouse_path)
    if not path.exists():
        for rule in (*warehouse.CHECK_RULES, INVARIANT_CHECK):
            yield dg.AssetCheckResult(
                check_name=rule, passed=True, metadata={"checked": 0, "note": "nothing published yet"}
            )
        return
    conn = warehouse.connect(path, read_only=True)
    try:
        for rule in warehouse.CHECK_RULES:
            rows = conn.execute(warehouse.sql("load/check_summary"), {"rule": rule, "files": source_files}).fetchall()
            failures = [r for r in rows if not r[5]]
            yield dg.AssetCheckResult(
                check_name=rule,
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
        problems = warehouse.violations(conn)
        yield dg.AssetCheckResult(
            check_name=INVARIANT_CHECK,
            passed=not problems,
            metadata={
                "documents": conn.execute("select count(*) from dim_document").fetchall()[0][0],
                "violations": len(problems),
                "details": dg.MetadataValue.md(
                    "\n".join(f"- {name} ({(doc or '')[:12]}): {problem}" for name, doc, problem in problems[:50])
                    or "none"
                ),
            },
        )
    finally:
        conn.close()


# --- ingest_job: the raw folder in one run ------------------------------------------------------


@dg.asset(group_name="raw", description="New and changed files of the raw folder, with their sha256.")
def raw_files(context: dg.AssetExecutionContext, settings: PipelineSettings) -> ingest.Plan:
    plan = ingest.plan(Path(settings.raw_dir), settings.warehouse_path, settings.force)
    context.log.info(
        f"{ingest.plural(len(plan.to_read), 'file')} to read, {len(plan.unchanged)} unchanged since they were read"
        + (f"; removed from {settings.raw_dir} (rows kept): {', '.join(plan.removed)}" if plan.removed else "")
    )
    for entry in plan.skipped:
        context.log.info(f"not read: {entry.name!r}: {entry.reason}")
    context.add_output_metadata(
        {
            "to_read": len(plan.to_read),
            "unchanged": len(plan.unchanged),
            "removed": len(plan.removed),
            "skipped": len(plan.skipped),
        }
    )
    return plan


@dg.asset(group_name="extracted", description="Tables and figures recognised in each file, as printed.")
def extracted_documents(context: dg.AssetExecutionContext, raw_files: ingest.Plan) -> list[ingest.ExtractedFile]:
    results = []
    files = raw_files.to_read
    for index, (raw, result) in enumerate(zip(files, ingest.extract_files(files, context.log.info)), start=1):
        tables = len(result.extraction.tables) if result.extraction else 0
        status = ingest.plural(tables, "table") if result.error is None else f"failed: {result.error}"
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
    check_specs=_check_specs("warehouse_tables"),
)
def warehouse_tables(
    context: dg.AssetExecutionContext,
    settings: PipelineSettings,
    raw_files: ingest.Plan,
    normalized_facts: list[ingest.NormalizedFile],
) -> Iterator:
    summary = _load_or_publish(context, settings, normalized_facts)
    if not normalized_facts:
        summary.warehouse_rows = ingest.published_row_counts(settings.warehouse_path)
        context.log.info("nothing new to load")
    summary.unchanged = [f.name for f in raw_files.unchanged]
    summary.removed = raw_files.removed
    summary.skipped = [(s.name, s.reason) for s in raw_files.skipped]
    _report(context, summary, settings.warehouse_path)
    yield dg.Output(summary, metadata=_metadata(summary))
    yield from check_results(settings.warehouse_path)


def _load_or_publish(
    context: dg.AssetExecutionContext, settings: PipelineSettings, files: list[ingest.NormalizedFile]
) -> ingest.LoadSummary:
    """Load the run's files in one transaction; with none, publish a load that could not be
    published before (both warehouse assets)."""
    if files:
        return ingest.load_run(
            settings.warehouse_path, files, context.log.info, settings.lock_wait_s, context.run.run_id
        )
    ingest.publish_if_needed(settings.warehouse_path, settings.lock_wait_s, context.log.info)
    return ingest.LoadSummary()


def _report(context: dg.AssetExecutionContext, summary: ingest.LoadSummary, warehouse_path: str) -> None:
    for name in summary.removed:
        context.log.warning(
            f"{name} is no longer in the raw folder; its rows are kept. Remove them with: "
            + ingest.remove_hint(name, warehouse_path)
        )
    for name, status, _by, why in summary.superseded:
        context.log.warning(f"{name} is {status}: {why}")


def _metadata(summary: ingest.LoadSummary) -> dict:
    return {
        "loaded": len(summary.loaded),
        "failed": len(summary.failed),
        "unchanged": len(summary.unchanged),
        "removed": len(summary.removed),
        "skipped": len(summary.skipped),
        "superseded": len(summary.superseded),
        "failed_checks": len(summary.failed_checks),
        **{f"rows_{t}": n for t, n in summary.warehouse_rows.items()},
    }


# --- ingest_file_job: one file version a run, started by the sensor ------------------------------

RAW_FILE_PARTITIONS_NAME = "raw_file"
RAW_FILE_PARTITIONS = dg.DynamicPartitionsDefinition(name=RAW_FILE_PARTITIONS_NAME)


@dg.asset(
    group_name="raw",
    partitions_def=RAW_FILE_PARTITIONS,
    description="One file of the raw folder (the partition is its name), with its sha256.",
)
def raw_file_version(context: dg.AssetExecutionContext, settings: PipelineSettings) -> ingest.Plan:
    name = context.partition_key
    mine = ingest.plan(Path(settings.raw_dir), settings.warehouse_path, settings.force, key=name)
    if not mine.to_read and not mine.unchanged:
        reasons = "; ".join(f"{s.name!r}: {s.reason}" for s in mine.skipped)
        context.log.warning(f"{name} is not read: " + (reasons or f"it is no longer in {settings.raw_dir}"))
    elif mine.unchanged:
        context.log.info(f"{name}: this version was read before; nothing to do")
    return mine


@dg.asset(
    group_name="extracted", partitions_def=RAW_FILE_PARTITIONS, description="What one file version holds, as printed."
)
def extracted_file_version(
    context: dg.AssetExecutionContext, raw_file_version: ingest.Plan
) -> list[ingest.ExtractedFile]:
    return list(ingest.extract_files(raw_file_version.to_read, context.log.info))


@dg.asset(group_name="normalized", partitions_def=RAW_FILE_PARTITIONS, description="One file version's typed facts.")
def normalized_file_version(extracted_file_version: list[ingest.ExtractedFile]) -> list[ingest.NormalizedFile]:
    return [ingest.normalise_file(item) for item in extracted_file_version]


@dg.asset(
    group_name="warehouse",
    partitions_def=RAW_FILE_PARTITIONS,
    description="One file version loaded into the warehouse (replacing the file's earlier rows); its "
    "checks are evaluated on that file's document.",
    check_specs=_check_specs("warehouse_file_version"),
)
def warehouse_file_version(
    context: dg.AssetExecutionContext,
    settings: PipelineSettings,
    raw_file_version: ingest.Plan,
    normalized_file_version: list[ingest.NormalizedFile],
) -> Iterator:
    summary = _load_or_publish(context, settings, normalized_file_version)
    _report(context, summary, settings.warehouse_path)
    yield dg.Output(summary, metadata=_metadata(summary))
    names = [f.name for f in [*raw_file_version.to_read, *raw_file_version.unchanged]]
    names += [name for name, *_ in summary.superseded]
    yield from check_results(settings.warehouse_path, sorted(set(names)))
