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
