-- three_public_total: 三公 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, for
-- the 决算数 and for the 预算数, and 公务用车购置及运行维护费 = 公务用车购置费 + 公务用车运行维护费
-- (grain: document × identity × measure). Where the vehicle subtotal is not stated, its two parts
-- stand for it. A category the narrative does not state is not a term.
with categories as (
    select category, max(actual_wan) as actual_wan, max(budget_wan) as budget_wan
    from fact_three_public
    where doc_id = $doc_id
    group by category
),

measures as (
    select '决算数' as measure, category, actual_wan as amount from categories
    union all
    select '预算数' as measure, category, budget_wan as amount from categories
),

by_measure as (
    select
        measure,
        max(amount) filter (where category = 'total') as total,
        max(amount) filter (where category = 'overseas') as overseas,
        max(amount) filter (where category = 'vehicle') as vehicle,
        max(amount) filter (where category = 'vehicle_purchase') as vehicle_purchase,
        max(amount) filter (where category = 'vehicle_operation') as vehicle_operation,
        max(amount) filter (where category = 'reception') as reception
    from measures
    group by measure
),

totals as (
    select
        '三公经费' || measure as subject,
        total as expected,
        coalesce(overseas, 0)
        + coalesce(vehicle, vehicle_purchase + vehicle_operation, vehicle_purchase, vehicle_operation, 0)
        + coalesce(reception, 0) as found,
        (overseas is not null)::integer
        + case
            when vehicle is not null then 1
            else (vehicle_purchase is not null)::integer + (vehicle_operation is not null)::integer
        end
        + (reception is not null)::integer as terms
    from by_measure
    where total is not null
),

vehicles as (
    select
        '公务用车购置及运行维护费' || measure as subject,
        vehicle as expected,
        vehicle_purchase + vehicle_operation as found,
        2 as terms
    from by_measure
    where vehicle is not null and vehicle_purchase is not null and vehicle_operation is not null
),

final as (
    select $doc_id as doc_id, $source_file as source_file, subject, expected, found, terms
    from totals
    where terms > 0
    union all
    select $doc_id as doc_id, $source_file as source_file, subject, expected, found, terms
    from vehicles
)

select * from final
