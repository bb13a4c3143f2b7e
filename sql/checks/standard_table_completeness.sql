-- standard_table_completeness: a warning, per standard table a 决算公开 document lacks: a document
-- that prints any of the nine standard tables should print all nine (an empty one with its note);
-- one row per table missing, named (grain: document × missing table). A document without any
-- standard table (a 说明 alone, tables published in another file) is not checked. expected 1 (the
-- table), found 0: a missing table always fails.
with nine(table_no, table_key) as (
    values
        (1, '收入支出决算总表'), (2, '收入决算表'), (3, '支出决算表'), (4, '财政拨款收入支出决算总表'),
        (5, '一般公共预算财政拨款支出决算表'), (6, '一般公共预算财政拨款基本支出决算表'),
        (7, '政府性基金预算财政拨款收入支出决算表'), (8, '国有资本经营预算财政拨款收入支出决算表'),
        (9, '财政拨款“三公”经费支出决算表')
),

printed as (
    select distinct table_no from fact_standard_table where doc_id = $doc_id
),

final as (
    select
        'missing standard table ' || nine.table_no || ' ' || nine.table_key || ' (warning: the document prints '
            || (select count(*) from printed) || ' of the nine)' as subject,
        1 as expected,
        0 as found,
        0 as terms
    from nine
    where exists (select 1 from printed)
        and nine.table_no not in (select table_no from printed)
)

select * from final
