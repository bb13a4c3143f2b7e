-- fiscal_total_identity: 财政拨款收入总计 = 年初财政拨款结转和结余 + 本年财政拨款收入, and
-- 财政拨款支出总计 = 本年财政拨款支出 + 年末财政拨款结转和结余, with the figures the
-- 财政拨款收入支出决算总体情况说明 states (财政拨款收入支出总计 where one figure is printed for
-- both sides); a side is evaluated when both its parts are stated (grain: document × side).
with stated as (
    select doc_id, source_file, item_key, max(amount_wan) as amount_wan
    from fact_budget_total
    where doc_id = $doc_id and measure = 'amount' and amount_wan is not null
        and section like '财政拨款收入支出决算总体%'
    group by doc_id, source_file, item_key
),

income as (
    select
        doc_id,
        source_file,
        '财政拨款收入总计' as subject,
        coalesce(
            max(amount_wan) filter (where item_key = '财政拨款收入总计'),
            max(amount_wan) filter (where item_key = '财政拨款收入支出总计')
        ) as expected,
        sum(amount_wan) filter (where item_key in ('年初财政拨款结转和结余', '本年财政拨款收入')) as found,
        count(*) filter (where item_key in ('年初财政拨款结转和结余', '本年财政拨款收入')) as terms
    from stated
    group by doc_id, source_file
),

expenditure as (
    select
        doc_id,
        source_file,
        '财政拨款支出总计' as subject,
        coalesce(
            max(amount_wan) filter (where item_key = '财政拨款支出总计'),
            max(amount_wan) filter (where item_key = '财政拨款收入支出总计')
        ) as expected,
        sum(amount_wan) filter (where item_key in ('年末财政拨款结转和结余', '本年财政拨款支出')) as found,
        count(*) filter (where item_key in ('年末财政拨款结转和结余', '本年财政拨款支出')) as terms
    from stated
    group by doc_id, source_file
),

final as (
    select * from income where expected is not null and terms = 2
    union all
    select * from expenditure where expected is not null and terms = 2
)

select * from final
