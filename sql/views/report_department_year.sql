-- report_department_year: one row per department and fiscal year the warehouse has facts for
-- (grain: department_key × fiscal_year), for the report's index: headline totals (万元, from
-- report_department_total), the 基本/项目 split, 三公, failed checks, projects and indicators.
create or replace view report_department_year as
with current_documents as (
    select * from report_document
    where is_current and department_key is not null and fiscal_year is not null
),

documents as (
    select
        department_key,
        fiscal_year,
        count(*) as documents,
        sum(checks_run) as checks_run,
        sum(checks_failed) as checks_failed,
        sum(unread_parts) as unread_parts
    from current_documents
    group by department_key, fiscal_year
),

totals as (
    select
        department_key,
        fiscal_year,
        max(amount_wan) filter (where measure = 'income_total') as income_total,
        max(amount_wan) filter (where measure = 'expenditure_current_year') as expenditure_current_year,
        max(amount_wan) filter (where measure = 'basic_expenditure') as basic_expenditure,
        max(amount_wan) filter (where measure = 'project_expenditure') as project_expenditure,
        max(amount_wan) filter (where measure = 'three_public_actual') as three_public_actual
    from report_department_total
    group by department_key, fiscal_year
),

indicators as (
    select
        i.department_key,
        i.fiscal_year,
        count(*) as indicators,
        count(*) filter (where i.target_met = 'met') as indicators_met,
        count(*) filter (where i.target_met = 'missed') as indicators_missed,
        count(*) filter (where i.target_met = 'unknown') as indicators_unknown
    from fact_indicator as i
    inner join current_documents as d on d.doc_id = i.doc_id and d.source_file = i.source_file
    group by i.department_key, i.fiscal_year
),

projects as (
    select department_key, fiscal_year, count(distinct project_key) as projects
    from dim_project
    group by department_key, fiscal_year
),

final as (
    select
        documents.department_key,
        coalesce(dim_department.canonical_name, documents.department_key) as department_name,
        documents.fiscal_year,
        documents.documents,
        totals.income_total,
        totals.expenditure_current_year,
        totals.basic_expenditure,
        totals.project_expenditure,
        round(totals.basic_expenditure / nullif(totals.basic_expenditure + totals.project_expenditure, 0) * 100, 2)
            ::double as basic_share_pct,
        round(totals.project_expenditure / nullif(totals.basic_expenditure + totals.project_expenditure, 0) * 100, 2)
            ::double as project_share_pct,
        totals.three_public_actual,
        documents.checks_run,
        documents.checks_failed,
        coalesce(projects.projects, 0) as projects,
        coalesce(indicators.indicators, 0) as indicators,
        coalesce(indicators.indicators_met, 0) as indicators_met,
        coalesce(indicators.indicators_missed, 0) as indicators_missed,
        coalesce(indicators.indicators_unknown, 0) as indicators_unknown,
        documents.unread_parts
    from documents
    left join dim_department on dim_department.department_key = documents.department_key
    left join totals on totals.department_key = documents.department_key
        and totals.fiscal_year = documents.fiscal_year
    left join indicators on indicators.department_key = documents.department_key
        and indicators.fiscal_year = documents.fiscal_year
    left join projects on projects.department_key = documents.department_key
        and projects.fiscal_year = documents.fiscal_year
)

select * from final
;

comment on view report_department_year is 'One row per department and year with facts: totals (万元), 基本/项目 split, 三公, failed checks, projects, indicators (report: index).';
comment on column report_department_year.department_name is 'The department''s full name (dim_department.canonical_name).';
comment on column report_department_year.documents is 'Current file versions (loaded or partial) of the department and year.';
comment on column report_department_year.income_total is '收入总计, 万元 (report_department_total).';
comment on column report_department_year.expenditure_current_year is '本年支出合计, 万元 (report_department_total).';
comment on column report_department_year.basic_expenditure is '基本支出, 万元 (report_department_total).';
comment on column report_department_year.project_expenditure is '项目支出, 万元 (report_department_total).';
comment on column report_department_year.basic_share_pct is '基本支出 / (基本支出 + 项目支出) × 100, percent (2 decimals).';
comment on column report_department_year.project_share_pct is '项目支出 / (基本支出 + 项目支出) × 100, percent (2 decimals).';
comment on column report_department_year.three_public_actual is '“三公”经费 决算数 合计, 万元 (report_department_total).';
comment on column report_department_year.checks_run is 'Accounting checks evaluated on the department''s documents of that year.';
comment on column report_department_year.checks_failed is 'Of them, checks that failed (identities that do not hold).';
comment on column report_department_year.projects is 'Distinct projects (dim_project.project_key) printed in that year''s documents.';
comment on column report_department_year.indicators is 'Indicator rows (fact_indicator) of that year''s documents.';
comment on column report_department_year.indicators_met is 'Of them, indicators whose target was met.';
comment on column report_department_year.indicators_missed is 'Of them, indicators whose target was missed.';
comment on column report_department_year.indicators_unknown is 'Of them, indicators that cannot be judged (the reason is in fact_indicator.target_met_reason).';
comment on column report_department_year.unread_parts is 'Parts printed but not read in that year''s documents.';
comment on column report_department_year.department_key is 'The department (dim_department.department_key).';
comment on column report_department_year.fiscal_year is 'The fiscal year of this row.';
