-- project_execution_rate: 执行率 = 全年执行数 / 全年预算数, in percent, for each project's
-- 年度资金总额 row that prints a rate (grain: document × project table). Unit: percent.
with totals as (
    select doc_id, source_file, table_no, project_name, budget_full_year, executed, execution_rate
    from fact_project_fund
    where doc_id = $doc_id and fund_source = 'total' and execution_rate is not null
        and budget_full_year > 0
),

final as (
    select
        doc_id,
        source_file,
        project_name as subject,
        execution_rate as expected,
        round(executed / budget_full_year * 100, 2) as found,
        1 as terms
    from totals
)

select * from final
