-- standard_total_identity: tables 1 and 4, each half: 总计 = 本年收入合计 + 使用非财政拨款结余 +
-- 年初结转和结余 (收入) and 总计 = 本年支出合计 + 结余分配 + 年末结转和结余 (支出); table 4 with
-- its 财政拨款 结转和结余 lines; and the two halves' 总计 agree (grain: document × table × half).
with figures as (
    select table_no, side, item_name, amount_wan
    from fact_standard_value
    where doc_id = $doc_id and table_no in (1, 4)
        and column_name in ('金额', '合计')
),

halves as (
    select
        table_no,
        side,
        max(amount_wan) filter (where item_name = '总计') as expected,
        sum(amount_wan) filter (
            where item_name in ('本年收入合计', '本年支出合计', '结余分配', '年初结转和结余', '年末结转和结余',
                                '年初财政拨款结转和结余', '年末财政拨款结转和结余')
                or item_name like '使用非财政拨款结余%'
        ) as found,
        count(amount_wan) filter (
            where item_name in ('本年收入合计', '本年支出合计', '结余分配', '年初结转和结余', '年末结转和结余',
                                '年初财政拨款结转和结余', '年末财政拨款结转和结余')
                or item_name like '使用非财政拨款结余%'
        ) as terms
    from figures
    group by table_no, side
),

balance as (
    select
        table_no,
        '收入总计 = 支出总计' as side,
        max(amount_wan) filter (where side = '收入' and item_name = '总计') as expected,
        max(amount_wan) filter (where side = '支出' and item_name = '总计') as found,
        1 as terms
    from figures
    group by table_no
),

final as (
    select '表' || table_no || ' ' || side || ' 总计' as subject, expected, found, terms
    from halves
    where expected is not null and terms > 0
    union all
    select '表' || table_no || ' ' || side as subject, expected, found, terms
    from balance
    where expected is not null and found is not null
)

select * from final
