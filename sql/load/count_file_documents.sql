-- count_file_documents: how many versions of one file ($source_file) dim_document knows
-- (grain: one row).
with versions as (
    select doc_id from dim_document where source_file = $source_file
),

final as (
    select count(*) as versions from versions
)

select * from final
