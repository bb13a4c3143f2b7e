-- three_public_by_year: each department's 三公经费 by category and year, with the change the
-- document states and the change against the previous year in the warehouse
-- (grain: department_key × fiscal_year × category; 'vehicle' is the 公务用车购置及运行维护费
-- subtotal, 'vehicle_purchase' and 'vehicle_operation' its two parts).
create or replace view three_public_by_year as
with stated as (
    select department_key, fiscal_year, category, budget_wan, actual_wan, change_wan, change_pct
    from fact_three_public
),

final as (
    select
        department_key,
        fiscal_year,
        category,
        budget_wan,
        actual_wan,
        change_wan as stated_change_wan,
        change_pct as stated_change_pct,
        -- cast: DuckDB 1.x types this difference decimal(18, 6), 2.x decimal(19, 6); the published
        -- copy's view must bind the same in both
        cast(actual_wan - lag(actual_wan) over (partition by department_key, category order by fiscal_year)
            as decimal(19, 6)) as change_since_previous_year_in_warehouse,
        coalesce(change_wan > 0, false) as grew
    from stated
)

select * from final
;

comment on view three_public_by_year is 'Each department''s 三公经费 by category and year, with its change.';
comment on column three_public_by_year.stated_change_wan is 'Change against last year as the document states it, 万元, signed.';
comment on column three_public_by_year.stated_change_pct is 'Change against last year as stated, percent, signed.';
comment on column three_public_by_year.change_since_previous_year_in_warehouse is 'actual_wan − the same category''s actual_wan in the department''s previous year in the warehouse.';
comment on column three_public_by_year.grew is 'true when the document states an increase against last year.';
comment on column three_public_by_year.department_key is 'The department (dim_department.department_key).';
comment on column three_public_by_year.fiscal_year is 'The fiscal year of this row.';
comment on column three_public_by_year.category is '''total'' (合计), ''overseas'' (因公出国（境）费), ''vehicle'' (公务用车购置及运行维护费, the subtotal), ''vehicle_purchase'' (公务用车购置费), ''vehicle_operation'' (公务用车运行维护费) or ''reception'' (公务接待费).';
comment on column three_public_by_year.budget_wan is 'The budget printed beside the category (年初预算为 or 全年预算为), 万元.';
comment on column three_public_by_year.actual_wan is '决算数 of the category, 万元.';
