-- same_document: the loaded files (other than $source_file) that may cover the same document: of
-- the same department, year and kind ($department_key, $fiscal_year, $doc_kind), or with the same
-- facts ($facts_sha256) (grain: source_file). pipelines/ingest.py decides from their subjects
-- whether they do (the same parts; for a 决算公开, a shared 说明 or standard table).
with current as (
    select source_file, doc_id, subject, department_key, fiscal_year, doc_kind, facts_sha256,
        file_modified_at, unread_parts
    from dim_document
    where status in ('loaded', 'partial') and source_file <> $source_file
),

final as (
    select
        source_file,
        doc_id,
        subject,
        facts_sha256 = $facts_sha256 as same_facts,
        file_modified_at,
        unread_parts
    from current
    where facts_sha256 = $facts_sha256
        or (department_key = $department_key and fiscal_year = $fiscal_year and doc_kind = $doc_kind)
)

select * from final order by source_file
