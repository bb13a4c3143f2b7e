-- count_file_documents: whether dim_document has a row for one file ($source_file) (grain: one row).
with versions as (
    select doc_id from dim_document where source_file = $source_file
),

final as (
    select count(*) as versions from versions
)

select * from final
