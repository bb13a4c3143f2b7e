-- expenditure_parts_identity: 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出
-- + 对附属单位补助支出, with the parts the 支出决算情况说明 states
-- (grain: one row per document with a 支出决算情况说明 that states 本年支出合计 and a part).
with stated as (
    select doc_id, source_file, item_key, max(amount_wan) as amount_wan
    from fact_budget_total
    where doc_id = $doc_id and measure = 'amount' and amount_wan is not null and section like '支出决算%'
    group by doc_id, source_file, item_key
),

final as (
    select
        doc_id,
        source_file,
        '本年支出合计' as subject,
        max(amount_wan) filter (where item_key = '本年支出合计') as expected,
        sum(amount_wan) filter (
            where item_key in ('基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出')
        ) as found,
        count(*) filter (
            where item_key in ('基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出')
        ) as terms
    from stated
    group by doc_id, source_file
    having expected is not null and terms > 0
)

select * from final
