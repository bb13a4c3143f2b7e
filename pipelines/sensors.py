"""The sensor that starts one run per new file version, and the daily schedule.

The sensor lists the raw folder on every tick. Each file is a dynamic partition named after it;
each version of it (the sha256 of its bytes) is a run key, so Dagster starts one run per version
and never a second one for the same version. A changed file is a new version, and its run
replaces the file's rows. A file that disappeared is reported, and its rows are kept until a
person removes them (``python -m pipelines remove-file NAME``).
"""

from __future__ import annotations

import re
from pathlib import Path

import dagster as dg

from pipelines import ingest
from pipelines.assets import RAW_FILE_PARTITIONS, PipelineSettings

_UNSAFE = re.compile(r"[^\w.\-\u3000-\u9fff（）()]")


def partition_key(file_name: str) -> str:
    """The partition of a file: its name, with characters partitions cannot hold replaced."""
    return _UNSAFE.sub("_", file_name)


def file_run_requests(raw_dir: Path, known: set[str], warehouse_path: str) -> dg.SensorResult:
    plan = ingest.plan(raw_dir, warehouse_path)
    present = {partition_key(f.name): f for f in [*plan.to_read, *plan.unchanged]}
    new_partitions = sorted(set(present) - known)
    requests = [
        dg.RunRequest(
            run_key=f"{partition_key(f.name)}@{f.doc_id}",
            partition_key=partition_key(f.name),
            tags={"raw_file": f.name, "raw_file_sha256": f.doc_id},
        )
        for f in plan.to_read
    ]
    removed = [name for name in plan.removed]
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[RAW_FILE_PARTITIONS.build_add_request(new_partitions)] if new_partitions else [],
        skip_reason=None if requests else "no new or changed file"
        + (f"; removed from the raw folder, rows kept: {', '.join(removed)}" if removed else ""),
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
        result = file_run_requests(Path(settings.raw_dir), known, settings.warehouse_path)
        for name in ingest.plan(Path(settings.raw_dir), settings.warehouse_path).removed:
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
