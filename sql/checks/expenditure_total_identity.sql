-- expenditure_total_identity: 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余
-- (grain: one row per document that states 支出总计).
with figures as (
    select doc_id, source_file, item, amount_wan
    from fact_budget_total
    where doc_id = $doc_id and unit = '万元' and section like '收入支出决算总体%'
),

final as (
    select
        doc_id,
        source_file,
        '支出总计' as subject,
        max(amount_wan) filter (where item = '支出总计') as expected,
        sum(amount_wan) filter (where item in ('本年支出合计', '结余分配', '年末结转和结余')) as found,
        3 as terms
    from figures
    group by doc_id, source_file
    having max(amount_wan) filter (where item = '支出总计') is not null
)

select * from final
