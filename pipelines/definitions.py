"""Dagster definitions: ``dagster dev`` loads ``defs`` through workspace.yaml."""

from __future__ import annotations

import dagster as dg

from pipelines.assets import (
    ACCOUNTING_CHECKS,
    PipelineSettings,
    extracted_documents,
    normalized_facts,
    raw_files,
    warehouse_dimensions,
    warehouse_tables,
)

ASSETS = [raw_files, extracted_documents, normalized_facts, warehouse_tables, warehouse_dimensions]
ingest_job = dg.define_asset_job(
    "ingest_job", selection=dg.AssetSelection.assets(*ASSETS), description="Ingest data/raw into the warehouse."
)


def build_definitions(settings: PipelineSettings | None = None) -> dg.Definitions:
    return dg.Definitions(
        assets=ASSETS,
        asset_checks=ACCOUNTING_CHECKS,
        jobs=[ingest_job],
        resources={"settings": settings or PipelineSettings()},
    )


defs = build_definitions()
