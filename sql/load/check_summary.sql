-- check_summary: every result of one rule ($rule) on the documents loaded now, of every file or of
-- the files in the list $files only (grain: document × subject), for the Dagster asset check of
-- that rule.
with results as (
    select source_file, subject, expected, found, difference, passed
    from fact_check_result
    where rule = $rule
),

loaded as (
    select distinct source_file
    from dim_document
    where status in ('loaded', 'partial') and ($files is null or list_contains($files, source_file))
),

final as (
    select results.*
    from results
    inner join loaded on loaded.source_file = results.source_file
    order by results.source_file, results.subject
)

select * from final
