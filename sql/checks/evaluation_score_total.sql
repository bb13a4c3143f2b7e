-- evaluation_score_total: a 评分表's 合计 得分 = the sum of its lines' 得分
-- (grain: document × score table).
with scores as (
    select doc_id, source_file, table_no, project_name, is_total, score
    from fact_evaluation_score
    where doc_id = $doc_id
),

final as (
    select
        doc_id,
        source_file,
        coalesce(any_value(project_name), '评分表') as subject,
        max(score) filter (where is_total) as expected,
        sum(score) filter (where not is_total) as found,
        count(*) filter (where not is_total) as terms
    from scores
    group by doc_id, source_file, table_no
    having max(score) filter (where is_total) is not null
)

select * from final
