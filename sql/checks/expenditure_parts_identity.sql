-- expenditure_parts_identity: 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出
-- + 对附属单位补助支出 (grain: one row per document with a 支出决算情况说明).
with figures as (
    select doc_id, source_file, item, amount_wan
    from fact_budget_total
    where doc_id = $doc_id and unit = '万元' and section like '支出决算%'
),

final as (
    select
        doc_id,
        source_file,
        '本年支出合计' as subject,
        max(amount_wan) filter (where item in ('本年支出', '本年支出合计')) as expected,
        sum(amount_wan) filter (
            where item in ('基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出')
        ) as found,
        count(*) filter (
            where item in ('基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出')
        ) as terms
    from figures
    group by doc_id, source_file
    having max(amount_wan) filter (where item in ('本年支出', '本年支出合计')) is not null
)

select * from final
