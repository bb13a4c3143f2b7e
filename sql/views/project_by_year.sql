-- project_by_year: one row per project and fiscal year (grain: project_key × fiscal_year): its
-- printed name, funds (年度资金总额, 万元), score and how its indicators did.
create or replace view project_by_year as
with funds as (
    select project_key, fiscal_year, sum(budget_full_year) as budget_full_year, sum(executed) as executed,
        max(execution_rate) as execution_rate_printed
    from fact_project_fund
    where fund_source = 'total' and project_key is not null
    group by project_key, fiscal_year
),

scores as (
    select project_key, fiscal_year, max(total_score) as total_score
    from fact_project_score
    where project_key is not null
    group by project_key, fiscal_year
),

evaluations as (
    select project_key, fiscal_year, max(score) as evaluation_score, max(grade) as evaluation_grade
    from fact_evaluation_score
    where is_total and project_key is not null
    group by project_key, fiscal_year
),

indicators as (
    select project_key, fiscal_year, count(*) as indicators,
        count(*) filter (where target_met = 'met') as indicators_met,
        count(*) filter (where target_met = 'missed') as indicators_missed,
        count(*) filter (where target_met = 'unknown') as indicators_unknown
    from fact_indicator
    where project_key is not null
    group by project_key, fiscal_year
),

final as (
    select
        dim_project.project_key,
        dim_project.canonical_name,
        dim_project.department_key,
        dim_project.fiscal_year,
        dim_project.printed_name,
        dim_project.match_score,
        funds.budget_full_year,
        funds.executed,
        coalesce(funds.execution_rate_printed,
            round(funds.executed / nullif(funds.budget_full_year, 0) * 100, 2)) as execution_rate,
        scores.total_score,
        evaluations.evaluation_score,
        evaluations.evaluation_grade,
        coalesce(indicators.indicators, 0) as indicators,
        coalesce(indicators.indicators_met, 0) as indicators_met,
        coalesce(indicators.indicators_missed, 0) as indicators_missed,
        coalesce(indicators.indicators_unknown, 0) as indicators_unknown
    from dim_project
    left join funds using (project_key, fiscal_year)
    left join scores using (project_key, fiscal_year)
    left join evaluations using (project_key, fiscal_year)
    left join indicators using (project_key, fiscal_year)
)

select * from final
;

comment on view project_by_year is 'One row per project and year: funds (万元), score, evaluation and indicators.';
comment on column project_by_year.execution_rate is '执行率 in percent: as printed, else 全年执行数 / 全年预算数 × 100.';
comment on column project_by_year.evaluation_score is '合计 得分 of the project''s 绩效评价报告 评分表, in points.';
comment on column project_by_year.evaluation_grade is 'Grade the evaluation report states (优/良/中/差).';
comment on column project_by_year.indicators is 'Indicator rows of the project that year.';
comment on column project_by_year.indicators_met is 'Indicators whose target was met.';
comment on column project_by_year.indicators_missed is 'Indicators whose target was missed.';
comment on column project_by_year.indicators_unknown is 'Indicators that cannot be judged (qualitative target, units differ, …).';
comment on column project_by_year.project_key is 'The project''s key (dim_project.project_key): the same project in every year.';
comment on column project_by_year.canonical_name is 'The project''s name in its earliest year in the warehouse (dim_project.canonical_name).';
comment on column project_by_year.department_key is 'The department the project belongs to (dim_department.department_key).';
comment on column project_by_year.fiscal_year is 'The fiscal year of this row.';
comment on column project_by_year.printed_name is '项目名称 as printed in that year''s documents.';
comment on column project_by_year.match_score is 'How sure the match of this year''s name to the project is (0–1; dim_project.match_score).';
comment on column project_by_year.budget_full_year is '全年预算数 of the project''s 年度资金总额 (2018: 预算数), 万元.';
comment on column project_by_year.executed is '全年执行数 of the project''s 年度资金总额 (2018: 执行数), 万元.';
comment on column project_by_year.total_score is '总分 of the project''s 绩效自评表, in points.';
