-- project_year_over_year: a project's funds and execution against its previous year in the
-- warehouse (grain: project_key × fiscal_year, for years that have an earlier one).
create or replace view project_year_over_year as
with yearly as (
    select
        *,
        lag(fiscal_year) over by_project as previous_year,
        lag(budget_full_year) over by_project as previous_budget,
        lag(executed) over by_project as previous_executed,
        lag(execution_rate) over by_project as previous_execution_rate,
        lag(printed_name) over by_project as previous_name
    from project_by_year
    window by_project as (partition by project_key order by fiscal_year)
),

final as (
    select
        project_key,
        canonical_name,
        department_key,
        previous_year,
        fiscal_year,
        previous_name,
        printed_name,
        match_score,
        previous_budget,
        budget_full_year,
        budget_full_year - previous_budget as budget_change,
        previous_executed,
        executed,
        executed - previous_executed as executed_change,
        previous_execution_rate,
        execution_rate,
        execution_rate - previous_execution_rate as execution_rate_change
    from yearly
    where previous_year is not null
)

select * from final
;

comment on view project_year_over_year is 'A project''s funds and execution against its previous year in the warehouse.';
comment on column project_year_over_year.previous_year is 'The project''s previous fiscal year in the warehouse.';
comment on column project_year_over_year.previous_name is 'Its printed name in that year.';
comment on column project_year_over_year.previous_budget is '全年预算数 that year, 万元.';
comment on column project_year_over_year.budget_change is 'budget_full_year − previous_budget, 万元.';
comment on column project_year_over_year.previous_executed is '全年执行数 that year, 万元.';
comment on column project_year_over_year.executed_change is 'executed − previous_executed, 万元.';
comment on column project_year_over_year.previous_execution_rate is '执行率 that year, percent.';
comment on column project_year_over_year.execution_rate_change is 'execution_rate − previous_execution_rate, percentage points.';
comment on column project_year_over_year.project_key is 'The project''s key (dim_project.project_key).';
comment on column project_year_over_year.canonical_name is 'The project''s name in its earliest year in the warehouse.';
comment on column project_year_over_year.department_key is 'The department the project belongs to (dim_department.department_key).';
comment on column project_year_over_year.fiscal_year is 'The later of the two years compared.';
comment on column project_year_over_year.printed_name is '项目名称 as printed in fiscal_year.';
comment on column project_year_over_year.match_score is 'How sure the match of fiscal_year''s name to the project is (0–1).';
comment on column project_year_over_year.budget_full_year is '全年预算数 in fiscal_year, 万元.';
comment on column project_year_over_year.executed is '全年执行数 in fiscal_year, 万元.';
comment on column project_year_over_year.execution_rate is '执行率 in fiscal_year, percent.';
