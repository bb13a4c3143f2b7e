"""The sensor that starts one run per new file version, and the daily schedule.

The sensor lists the raw folder on every tick. Each file is a dynamic partition named after it;
each version of it (the sha256 of its bytes) is a run key, so Dagster starts one run per version
and never a second one for the same version. A changed file is a new version, and its run
replaces the file's rows. A file that disappeared is reported, and its rows are kept until a
person removes them (``python -m pipelines remove-file NAME``).
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines import ingest
from pipelines.assets import RAW_FILE_PARTITIONS, PipelineSettings


def file_run_requests(plan: ingest.Plan, known: set[str]) -> dg.SensorResult:
    """One run request per file version to read, and the partitions not yet known."""
    present = {ingest.file_key(f.name) for f in [*plan.to_read, *plan.unchanged]}
    new_partitions = sorted(present - known)
    requests = [
        dg.RunRequest(
            run_key=f"{ingest.file_key(f.name)}@{f.doc_id}",
            partition_key=ingest.file_key(f.name),
            tags={"raw_file": f.name, "raw_file_sha256": f.doc_id},
        )
        for f in plan.to_read
    ]
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[RAW_FILE_PARTITIONS.build_add_request(new_partitions)] if new_partitions else [],
        skip_reason=None
        if requests
        else "no new or changed file"
        + (f"; removed from the raw folder, rows kept: {', '.join(plan.removed)}" if plan.removed else ""),
    )


def build_sensor(job: dg.UnresolvedAssetJobDefinition) -> dg.SensorDefinition:
    @dg.sensor(
        job=job,
        minimum_interval_seconds=30,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="One run per new or changed file version in the raw folder.",
    )
    def raw_folder_sensor(context: dg.SensorEvaluationContext, settings: PipelineSettings) -> dg.SensorResult:
        known = set(context.instance.get_dynamic_partitions(RAW_FILE_PARTITIONS.name))
        plan = ingest.plan(Path(settings.raw_dir), settings.warehouse_path)
        result = file_run_requests(plan, known)
        for name in plan.removed:
            context.log.warning(
                f"{name} was removed from {settings.raw_dir}; its rows are kept until "
                f"`python -m pipelines remove-file {name}`"
            )
        return result

    return raw_folder_sensor


def build_schedule(job: dg.UnresolvedAssetJobDefinition) -> dg.ScheduleDefinition:
    return dg.ScheduleDefinition(
        name="daily_ingest",
        job=job,
        cron_schedule="0 6 * * *",
        execution_timezone="Asia/Urumqi",
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description="A daily pass over the raw folder (new and changed files only).",
    )
