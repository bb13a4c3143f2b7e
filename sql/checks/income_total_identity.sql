-- income_total_identity: 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余, with the
-- figures the 收入支出决算总体情况说明 states (收入总计, or 收入支出总计 where one figure is printed
-- for both); evaluated when it states 本年收入合计 and 年初结转和结余 beside it
-- (grain: one row per such document). Columns: subject, expected, found, terms.
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
        '收入总计' as subject,
        coalesce(
            max(amount_wan) filter (where item_key = '收入总计'),
            max(amount_wan) filter (where item_key = '收入支出总计')
        ) as expected,
        sum(amount_wan) filter (
            where item_key in ('本年收入合计', '使用非财政拨款结余', '年初结转和结余')
        ) as found,
        3 as terms
    from stated
    group by doc_id, source_file
    having expected is not null
        and count(*) filter (where item_key in ('本年收入合计', '年初结转和结余')) = 2
)

select * from final
