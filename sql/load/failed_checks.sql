-- failed_checks: the checks that failed, of one file ($source_file) or of all files when it is
-- null (grain: document × rule × subject).
with results as (
    select source_file, rule, subject, expected, found, difference
    from fact_check_result
    where not passed and ($source_file is null or source_file = $source_file)
),

final as (
    select * from results order by source_file, rule, subject
)

select * from final
