-- income_parts_identity: 本年收入 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入
-- + 附属单位上缴收入 + 其他收入 (grain: one row per document with a 收入决算情况说明).
with figures as (
    select doc_id, source_file, item, amount_wan
    from fact_budget_total
    where doc_id = $doc_id and unit = '万元' and section like '收入决算%'
),

final as (
    select
        doc_id,
        source_file,
        '本年收入' as subject,
        max(amount_wan) filter (where item in ('本年收入', '本年收入合计')) as expected,
        sum(amount_wan) filter (
            where item in ('财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入')
        ) as found,
        count(*) filter (
            where item in ('财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入')
        ) as terms
    from figures
    group by doc_id, source_file
    having max(amount_wan) filter (where item in ('本年收入', '本年收入合计')) is not null
)

select * from final
