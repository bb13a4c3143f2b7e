-- indicators_missed: every indicator whose actual value missed its target (grain: one indicator
-- row), with where it is printed.
create or replace view indicators_missed as
with indicators as (
    select * from fact_indicator where target_met = 'missed'
),

final as (
    select
        department_key,
        fiscal_year,
        scope,
        project_key,
        project_name,
        unit_name,
        level1_std,
        level2_std,
        indicator_name,
        target_text,
        actual_text,
        target_op,
        target_value,
        actual_value,
        coalesce(target_unit, actual_unit) as unit,
        completion_rate,
        score,
        deviation_reason,
        source_file,
        source_page,
        source_line
    from indicators
)

select * from final
;

comment on view indicators_missed is 'Every indicator whose actual value missed its target.';
comment on column indicators_missed.unit is 'Unit of the target (or of the actual value when the target prints none).';
