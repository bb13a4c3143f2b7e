"""The sensor that starts one run per new file version, and the daily schedule.

The sensor lists the raw folder on every tick. Each file is a dynamic partition named after it;
each version of it (the sha256 of its bytes) is a run key, so Dagster starts one run per version
and never a second one for the same version. A changed file is a new version, and its run
replaces the file's rows. A version whose record was reset (the file that superseded it changed
or was removed) gets a new run key and is read again. A failed version is retried by the daily
schedule, not by the sensor. A file that disappeared, and an entry of the folder that is not read
(hidden, a folder, a special file, a link out of the folder), is reported once, not on every tick;
the rows of a removed file are kept until a person removes them (``python -m pipelines remove-file``).
"""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg

from pipelines import ingest
from pipelines.assets import RAW_FILE_PARTITIONS, RAW_FILE_PARTITIONS_NAME, PipelineSettings


def run_key(name: str, doc_id: str | None, settled: int = 0) -> str:
    """The run key of a file version: its partition and sha256, and how often its record was reset."""
    key = f"{ingest.file_key(name)}@{doc_id}"
    return f"{key}#{settled}" if settled else key


def file_run_requests(plan: ingest.Plan, known: set[str]) -> dg.SensorResult:
    """One run request per file version to read, and the partitions not yet known."""
    present = {ingest.file_key(f.name) for f in [*plan.to_read, *plan.unchanged]}
    new_partitions = sorted(present - known)
    requests = [
        dg.RunRequest(
            run_key=run_key(f.name, f.doc_id, plan.settled.get((f.name, f.doc_id or ""), 0)),
            partition_key=ingest.file_key(f.name),
            tags={"raw_file": f.name.replace("\n", " "), "raw_file_sha256": f.doc_id or "unreadable"},
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


def new_reports(plan: ingest.Plan, cursor: str | None, warehouse_path: str | None = None) -> tuple[list[str], str]:
    """The warnings this tick adds (removed files and skipped entries not reported before), and the
    cursor that remembers what has been reported."""
    told = set(json.loads(cursor)) if cursor else set()
    now = {f"removed:{name}" for name in plan.removed} | {f"skipped:{s.name}:{s.reason}" for s in plan.skipped}
    lines = []
    for name in plan.removed:
        if f"removed:{name}" not in told:
            lines.append(
                f"{name} was removed from the raw folder; its rows are kept until "
                f"`{ingest.remove_hint(name, warehouse_path)}`"
            )
    for entry in plan.skipped:
        if f"skipped:{entry.name}:{entry.reason}" not in told:
            lines.append(f"not read: {entry.name!r}: {entry.reason}")
    return lines, json.dumps(sorted(now), ensure_ascii=False)


def build_sensor(job: dg.UnresolvedAssetJobDefinition) -> dg.SensorDefinition:
    @dg.sensor(
        job=job,
        minimum_interval_seconds=30,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="One run per new or changed file version in the raw folder.",
    )
    def raw_folder_sensor(context: dg.SensorEvaluationContext, settings: PipelineSettings) -> dg.SensorResult:
        known = set(context.instance.get_dynamic_partitions(RAW_FILE_PARTITIONS_NAME))
        plan = ingest.plan(Path(settings.raw_dir), settings.warehouse_path)
        result = file_run_requests(plan, known)
        lines, cursor = new_reports(plan, context.cursor, settings.warehouse_path)
        for line in lines:
            context.log.warning(line)
        return dg.SensorResult(
            run_requests=result.run_requests,
            dynamic_partitions_requests=result.dynamic_partitions_requests,
            skip_reason=result.skip_reason,
            cursor=cursor,
        )

    return raw_folder_sensor


def build_schedule(job: dg.UnresolvedAssetJobDefinition) -> dg.ScheduleDefinition:
    return dg.ScheduleDefinition(
        name="daily_ingest",
        job=job,
        cron_schedule="0 6 * * *",
        execution_timezone="Asia/Urumqi",
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description="A daily pass over the raw folder: new and changed files, and failed versions retried.",
    )
