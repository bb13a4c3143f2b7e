-- superseded_by_file: the files that do not count because of one file ($source_file): they are
-- read again when that file changes or is removed (grain: source_file).
with replaced as (
    select source_file from dim_document
    where status in ('superseded', 'duplicate') and superseded_by = $source_file
),

final as (
    select source_file from replaced
)

select * from final order by source_file
