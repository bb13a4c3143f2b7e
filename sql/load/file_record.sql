-- file_record: the dim_document row of one file ($source_file), if any (grain: one row).
with record as (
    select doc_id, status, subject, facts_sha256, file_modified_at
    from dim_document
    where source_file = $source_file
),

final as (
    select * from record
)

select * from final
