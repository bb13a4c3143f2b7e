-- project_names: every printed project name with its department and year, from every fact that
-- belongs to a project (grain: department_key × fiscal_year × printed name).
with named as (
    select department_key, fiscal_year, project_name from fact_indicator where scope = 'project'
    union
    select department_key, fiscal_year, project_name from fact_project_fund
    union
    select department_key, fiscal_year, project_name from fact_project_score
    union
    select department_key, fiscal_year, project_name from fact_evaluation_score
),

final as (
    select distinct department_key, fiscal_year, project_name
    from named
    where project_name is not null
)

select * from final order by department_key, fiscal_year, project_name
