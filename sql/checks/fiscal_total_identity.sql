-- fiscal_total_identity: 财政拨款收入总计 = 年初财政拨款结转和结余 + 本年财政拨款收入, and
-- 财政拨款支出总计 = 本年财政拨款支出 + 年末财政拨款结转和结余 (grain: document × side).
with figures as (
    select doc_id, source_file, item, amount_wan
    from fact_budget_total
    where doc_id = $doc_id and unit = '万元' and section like '财政拨款收入支出决算总体%'
),

income as (
    select
        doc_id,
        source_file,
        '财政拨款收入总计' as subject,
        max(amount_wan) filter (where item = '财政拨款收入总计') as expected,
        sum(amount_wan) filter (where item in ('年初财政拨款结转和结余', '本年财政拨款收入')) as found,
        2 as terms
    from figures
    group by doc_id, source_file
),

expenditure as (
    select
        doc_id,
        source_file,
        '财政拨款支出总计' as subject,
        max(amount_wan) filter (where item = '财政拨款支出总计') as expected,
        sum(amount_wan) filter (where item in ('年末财政拨款结转和结余', '本年财政拨款支出')) as found,
        2 as terms
    from figures
    group by doc_id, source_file
),

final as (
    select * from income where expected is not null
    union all
    select * from expenditure where expected is not null
)

select * from final
