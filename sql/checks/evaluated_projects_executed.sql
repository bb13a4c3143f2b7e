-- evaluated_projects_executed: the 全年执行数 the narrative states for the evaluated projects =
-- the sum of the project tables' 年度资金总额 全年执行数 (grain: one row per document).
with stated as (
    select doc_id, source_file, max(value) as expected
    from fact_stated_figure
    where doc_id = $doc_id and item_key = '预算绩效评价项目' and measure = 'executed' and unit = '万元'
    group by doc_id, source_file
),

projects as (
    select doc_id, sum(executed) as found, count(*) as terms
    from fact_project_fund
    where doc_id = $doc_id and fund_source = 'total' and table_kind = 'project_2024'
    group by doc_id
),

final as (
    select stated.doc_id, stated.source_file, '项目支出绩效自评 全年执行数' as subject, expected, found, terms
    from stated
    inner join projects on projects.doc_id = stated.doc_id
)

select * from final
