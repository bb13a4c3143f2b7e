-- three_public_total: 三公 合计 = 因公出国（境）费 + 公务用车购置费 + 公务用车运行维护费
-- + 公务接待费, for the actual and for the budget (grain: document × measure).
with categories as (
    select doc_id, source_file, category, actual_wan, budget_wan
    from fact_three_public
    where doc_id = $doc_id
),

actual as (
    select
        doc_id,
        source_file,
        '三公经费决算数' as subject,
        max(actual_wan) filter (where category = 'total') as expected,
        sum(actual_wan) filter (where category <> 'total') as found,
        count(actual_wan) filter (where category <> 'total') as terms
    from categories
    group by doc_id, source_file
),

budget as (
    select
        doc_id,
        source_file,
        '三公经费预算数' as subject,
        max(budget_wan) filter (where category = 'total') as expected,
        sum(budget_wan) filter (where category <> 'total') as found,
        count(budget_wan) filter (where category <> 'total') as terms
    from categories
    group by doc_id, source_file
),

final as (
    select * from actual where expected is not null and terms > 0
    union all
    select * from budget where expected is not null and terms > 0
)

select * from final
