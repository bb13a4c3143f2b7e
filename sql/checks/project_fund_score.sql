-- project_fund_score: the funds row's 得分 = 分值 × min(执行率, 100%) (grain: document × project
-- table). DOMAIN.md: this holds "in most tables"; a failure is a finding, not an error.
with totals as (
    select doc_id, source_file, project_name, weight, score, execution_rate
    from fact_project_fund
    where doc_id = $doc_id and fund_source = 'total' and weight is not null and score is not null
        and execution_rate is not null
),

final as (
    select
        doc_id,
        source_file,
        project_name as subject,
        score as expected,
        round(weight * least(execution_rate / 100, 1), 2) as found,
        1 as terms
    from totals
)

select * from final
