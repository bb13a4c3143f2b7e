-- expenditure_total_identity: 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余, with the figures
-- the 收入支出决算总体情况说明 states (支出总计, or 收入支出总计 where one figure is printed for
-- both); evaluated when it states 本年支出合计 and 年末结转和结余 beside it
-- (grain: one row per such document).
with stated as (
    select doc_id, source_file, item_key, max(amount_wan) as amount_wan
    from fact_budget_total
    where doc_id = $doc_id and measure = 'amount' and amount_wan is not null
        and section like '收入支出决算总体%'
    group by doc_id, source_file, item_key
),

final as (
    select
        doc_id,
        source_file,
        '支出总计' as subject,
        coalesce(
            max(amount_wan) filter (where item_key = '支出总计'),
            max(amount_wan) filter (where item_key = '收入支出总计')
        ) as expected,
        sum(amount_wan) filter (where item_key in ('本年支出合计', '结余分配', '年末结转和结余')) as found,
        3 as terms
    from stated
    group by doc_id, source_file
    having expected is not null
        and count(*) filter (where item_key in ('本年支出合计', '年末结转和结余')) = 2
)

select * from final
