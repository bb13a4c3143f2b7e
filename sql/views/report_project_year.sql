-- report_project_year: a project by year for the report's project page: its funds, 执行率, 总分,
-- evaluation and indicators (from project_by_year) and where its table is printed (grain:
-- project_key × fiscal_year × printed_name, as project_by_year).
create or replace view report_project_year as
with places as (
    select project_key, fiscal_year, source_file, source_page, source_line, 1 as priority
    from fact_project_fund where project_key is not null
    union all
    select project_key, fiscal_year, source_file, source_page, source_line, 2
    from fact_project_score where project_key is not null
    union all
    select project_key, fiscal_year, source_file, source_page, source_line, 3
    from fact_indicator where project_key is not null
    union all
    select project_key, fiscal_year, source_file, source_page, source_line, 4
    from fact_evaluation_score where project_key is not null
),

first_place as (
    select project_key, fiscal_year, source_file, source_page, source_line
    from places
    qualify row_number() over (
        partition by project_key, fiscal_year
        order by priority, source_file, source_page nulls last, source_line nulls last
    ) = 1
),

final as (
    select
        p.project_key,
        p.canonical_name,
        p.department_key,
        p.fiscal_year,
        p.printed_name,
        p.match_score,
        p.budget_full_year,
        p.executed,
        p.execution_rate,
        p.total_score,
        p.evaluation_score,
        p.evaluation_grade,
        p.indicators,
        p.indicators_met,
        p.indicators_missed,
        p.indicators_unknown,
        first_place.source_file,
        first_place.source_page,
        first_place.source_line
    from project_by_year as p
    left join first_place on first_place.project_key = p.project_key and first_place.fiscal_year = p.fiscal_year
)

select * from final
;

comment on view report_project_year is 'A project by year: funds (万元), 执行率, 总分, evaluation, indicators, and where its table is printed (report: project page).';
comment on column report_project_year.canonical_name is 'The name the project was first printed with (its earliest year).';
comment on column report_project_year.execution_rate is '执行率 in percent: as printed, else 全年执行数 / 全年预算数 × 100.';
comment on column report_project_year.evaluation_score is '合计 得分 of the project''s 绩效评价报告 评分表, in points.';
comment on column report_project_year.evaluation_grade is 'Grade the evaluation report states (优/良/中/差).';
comment on column report_project_year.indicators is 'Indicator rows of the project that year.';
comment on column report_project_year.indicators_met is 'Indicators whose target was met.';
comment on column report_project_year.indicators_missed is 'Indicators whose target was missed.';
comment on column report_project_year.indicators_unknown is 'Indicators that cannot be judged (qualitative target, units differ, …).';
comment on column report_project_year.source_file is 'File of the project''s table that year (its funds table, else its score, indicator or evaluation table).';
comment on column report_project_year.source_page is 'PDF page (from 1) where that table starts; null for text files.';
comment on column report_project_year.source_line is 'Text files: line number where that table starts.';
comment on column report_project_year.project_key is 'The project (dim_project.project_key).';
comment on column report_project_year.department_key is 'The department the project belongs to (dim_department.department_key).';
comment on column report_project_year.fiscal_year is 'The fiscal year of this row.';
comment on column report_project_year.printed_name is '项目名称 as printed that year.';
comment on column report_project_year.match_score is 'How sure the match of this year''s name to the project is (0–1; dim_project.match_score).';
comment on column report_project_year.budget_full_year is '全年预算数 of the project''s 年度资金总额 (2018: 预算数), 万元.';
comment on column report_project_year.executed is '全年执行数 of the project''s 年度资金总额 (2018: 执行数), 万元.';
comment on column report_project_year.total_score is '总分 of the project''s 绩效自评表, in points.';
