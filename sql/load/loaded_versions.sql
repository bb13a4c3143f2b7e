-- loaded_versions: every file version ingest has recorded, loaded or failed, with the parser
-- version that read it (grain: source_file × doc_id). A version listed here is not read again.
with versions as (
    select source_file, doc_id, status, parser_version from dim_document
),

final as (
    select distinct * from versions
)

select * from final
