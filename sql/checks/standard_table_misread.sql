-- standard_table_misread: a standard table whose identities fail on most of its lines was misread
-- (or printed wrong throughout), and is named. Per table, of the lines checked by
-- standard_hierarchy_sum and standard_row_total on this document (checks run in the order of their
-- names, so both have run), expected is the number of lines checked and found the number that
-- hold; it fails when more than half fail (tolerance: half the lines) (grain: document × table).
with results as (
    select try_cast(nullif(regexp_extract(subject, '^表(\d+) ', 1), '') as integer) as table_no, passed
    from fact_check_result
    where doc_id = $doc_id and rule in ('standard_hierarchy_sum', 'standard_row_total')
),

by_table as (
    select table_no, count(*) as checked, count(*) filter (where passed) as holding
    from results
    where table_no is not null
    group by table_no
),

final as (
    select
        '表' || by_table.table_no || ' ' || t.table_key || ': ' || (checked - holding) || ' of ' || checked
            || ' lines fail their identities'
            || case when 2 * (checked - holding) > checked then ' (misread)' else '' end as subject,
        checked as expected,
        holding as found,
        50 * checked as terms
    from by_table
    inner join fact_standard_table as t on t.doc_id = $doc_id and t.table_no = by_table.table_no
    where checked >= 3
)

select * from final
