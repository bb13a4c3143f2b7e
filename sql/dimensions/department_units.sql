-- department_units: every unit named in a department's documents: the implementing units of its
-- tables and the units its 决算 lists (grain: department_key × unit_name).
with named as (
    select department_key, unit_name from fact_indicator
    union
    select department_key, unit_name from fact_project_fund
    union
    select department_key, unit_name from fact_project_score
    union
    select department_key, unit_name from fact_evaluation_score
    union
    select department_key, unit_name from fact_document_unit
),

final as (
    select distinct department_key, unit_name
    from named
    where department_key is not null and unit_name is not null
)

select * from final order by department_key, unit_name
