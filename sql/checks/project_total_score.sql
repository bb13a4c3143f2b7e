-- project_total_score: 总分 = the sum of the indicators' 指标得分 + the funds row's 得分
-- (grain: document × project table).
with totals as (
    select doc_id, source_file, table_no, project_name, total_score
    from fact_project_score
    where doc_id = $doc_id and total_score is not null
),

indicators as (
    select doc_id, table_no, sum(score) as points, count(*) as terms
    from fact_indicator
    where doc_id = $doc_id and scope = 'project'
    group by doc_id, table_no
),

funds as (
    select doc_id, table_no, max(score) as points
    from fact_project_fund
    where doc_id = $doc_id and fund_source = 'total'
    group by doc_id, table_no
),

final as (
    select
        totals.doc_id,
        totals.source_file,
        totals.project_name as subject,
        totals.total_score as expected,
        coalesce(indicators.points, 0) + coalesce(funds.points, 0) as found,
        coalesce(indicators.terms, 0) + 1 as terms
    from totals
    left join indicators on indicators.doc_id = totals.doc_id and indicators.table_no = totals.table_no
    left join funds on funds.doc_id = totals.doc_id and funds.table_no = totals.table_no
)

select * from final
