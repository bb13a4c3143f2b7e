-- standard_three_public: table 9 (财政拨款“三公”经费), for 预算数 and 决算数: 合计 = 因公出国（境）费 +
-- 公务用车购置及运行（维护）费 + 公务接待费, and 公务用车购置及运行（维护）费 = 公务用车购置费 + 公务用车运行
-- （维护）费, whether the table is printed across or down (grain: document × column × total).
with figures as (
    select column_key, item_name, parent_item, amount_wan
    from fact_standard_value
    where doc_id = $doc_id and table_no = 9
),

total as (
    select
        column_key || ' 合计' as subject,
        max(amount_wan) filter (where item_name = '合计') as expected,
        sum(amount_wan) filter (
            where parent_item is null
                and (item_name in ('因公出国（境）费', '公务接待费') or item_name like '公务用车购置及运行%')
        ) as found,
        3 as terms
    from figures
    group by column_key
),

vehicles as (
    select
        column_key || ' ' || any_value(item_name) filter (where item_name like '公务用车购置及运行%') as subject,
        max(amount_wan) filter (where item_name like '公务用车购置及运行%' and parent_item is null) as expected,
        sum(amount_wan) filter (where parent_item like '公务用车购置及运行%') as found,
        2 as terms
    from figures
    group by column_key
),

final as (
    select * from total where expected is not null
    union all
    select * from vehicles where expected is not null and found is not null
)

select * from final
