-- standard_three_public: table 9, for 预算数 and 决算数: 合计 = 因公出国（境）费 + 公务用车购置及运行费
-- + 公务接待费, and 公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费 (grain: document × column × total).
with figures as (
    select column_name, item_name, amount_wan
    from fact_standard_value
    where doc_id = $doc_id and table_no = 9
),

total as (
    select
        column_name || ' 合计' as subject,
        max(amount_wan) filter (where item_name = '合计') as expected,
        sum(amount_wan) filter (where item_name in ('因公出国（境）费', '公务用车购置及运行费', '公务接待费')) as found,
        3 as terms
    from figures
    group by column_name
),

vehicles as (
    select
        column_name || ' 公务用车购置及运行费' as subject,
        max(amount_wan) filter (where item_name = '公务用车购置及运行费') as expected,
        sum(amount_wan) filter (where item_name in ('公务用车购置费', '公务用车运行费')) as found,
        2 as terms
    from figures
    group by column_name
),

final as (
    select * from total where expected is not null
    union all
    select * from vehicles where expected is not null
)

select * from final
