-- insert_check_results: evaluates one check of sql/checks on one document and records each of
-- its rows (grain: document × rule × subject). The check's query is filled in by
-- pipelines/warehouse.py from sql/checks; the rule name (its file name there) is bound as $rule, the
-- document as $doc_id and its file as $source_file. A check returns subject, expected, found and terms (the number of
-- summed lines, for the rounding tolerance of 0.01 万元 per line).
insert into fact_check_result by name
with evaluated as (
    {check}
),

final as (
    select
        $doc_id as doc_id,
        $source_file as source_file,
        $rule as rule,
        subject,
        expected,
        found,
        found - expected as difference,
        0.01 * terms as tolerance,
        coalesce(abs(found - expected) <= 0.01 * terms, false) as passed,
        now()::timestamp as checked_at
    from evaluated
)

select * from final
