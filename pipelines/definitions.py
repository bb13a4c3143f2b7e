"""Dagster definitions: ``dagster dev`` loads ``defs`` through workspace.yaml.

Both jobs run their steps in one process (the in-process executor) and hand data between steps
in memory: a run costs one process, not one per step, and the checks are evaluated inside the
warehouse step (see :mod:`pipelines.assets`).
"""

from __future__ import annotations

import dagster as dg

from pipelines.assets import (
    PipelineSettings,
    extracted_documents,
    extracted_file_version,
    normalized_facts,
    normalized_file_version,
    raw_file_version,
    raw_files,
    warehouse_file_version,
    warehouse_tables,
)
from pipelines.report.asset import report_site
from pipelines.sensors import build_schedule, build_sensor

ASSETS = [raw_files, extracted_documents, normalized_facts, warehouse_tables]
FILE_ASSETS = [raw_file_version, extracted_file_version, normalized_file_version, warehouse_file_version]

ingest_job = dg.define_asset_job(
    "ingest_job",
    selection=dg.AssetSelection.assets(*ASSETS, report_site),
    description="Read every new or changed file of the raw folder into the warehouse.",
    executor_def=dg.in_process_executor,
)
ingest_file_job = dg.define_asset_job(
    "ingest_file_job",
    selection=dg.AssetSelection.assets(*FILE_ASSETS, report_site),
    description="Read one file version (a partition of raw_file) into the warehouse.",
    executor_def=dg.in_process_executor,
)


def build_definitions(settings: PipelineSettings | None = None) -> dg.Definitions:
    return dg.Definitions(
        assets=[*ASSETS, *FILE_ASSETS, report_site],
        jobs=[ingest_job, ingest_file_job],
        sensors=[build_sensor(ingest_file_job)],
        schedules=[build_schedule(ingest_job)],
        resources={"settings": settings or PipelineSettings(), "io_manager": dg.mem_io_manager},
    )


defs = build_definitions()
