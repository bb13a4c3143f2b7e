-- project_fund_sources: a project's 年度资金总额 (total) = 当年财政拨款 (fiscal) + 其他资金
-- (other), for 全年预算数 and 全年执行数 (grain: document × project table × measure).
with funds as (
    select doc_id, source_file, table_no, project_name, fund_source, budget_full_year, executed
    from fact_project_fund
    where doc_id = $doc_id
),

by_table as (
    select
        doc_id,
        source_file,
        table_no,
        any_value(project_name) as project_name,
        max(budget_full_year) filter (where fund_source = 'total') as budget_total,
        sum(budget_full_year) filter (where fund_source <> 'total') as budget_parts,
        max(executed) filter (where fund_source = 'total') as executed_total,
        sum(executed) filter (where fund_source <> 'total') as executed_parts
    from funds
    group by doc_id, source_file, table_no
),

final as (
    select doc_id, source_file, project_name || ' 全年预算数' as subject,
        budget_total as expected, coalesce(budget_parts, 0) as found, 2 as terms
    from by_table where budget_total is not null
    union all
    select doc_id, source_file, project_name || ' 全年执行数' as subject,
        executed_total as expected, coalesce(executed_parts, 0) as found, 2 as terms
    from by_table where executed_total is not null
)

select * from final
