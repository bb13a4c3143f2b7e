-- income_parts_identity: 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入
-- + 附属单位上缴收入 + 其他收入, with the parts the 收入决算情况说明 states
-- (grain: one row per document with a 收入决算情况说明 that states 本年收入合计 and a part).
with stated as (
    select doc_id, source_file, item_key, max(amount_wan) as amount_wan
    from fact_budget_total
    where doc_id = $doc_id and measure = 'amount' and amount_wan is not null and section like '收入决算%'
    group by doc_id, source_file, item_key
),

final as (
    select
        doc_id,
        source_file,
        '本年收入' as subject,
        max(amount_wan) filter (where item_key = '本年收入合计') as expected,
        sum(amount_wan) filter (
            where item_key in ('财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入')
        ) as found,
        count(*) filter (
            where item_key in ('财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入')
        ) as terms
    from stated
    group by doc_id, source_file
    having expected is not null and terms > 0
)

select * from final
