-- department_by_year: one row per department and fiscal year (grain: department_key ×
-- fiscal_year): its stated totals (万元), 三公经费 and how its indicators did.
create or replace view department_by_year as
with totals as (
    -- the narrative's figures by our key (fact_budget_total.item_key), whatever the phrasing; a
    -- document that prints 收入支出总计 as one figure gives it as both totals
    select
        department_key,
        fiscal_year,
        coalesce(
            max(amount_wan) filter (where item_key = '收入总计'),
            max(amount_wan) filter (where item_key = '收入支出总计')
        ) as income_total,
        max(amount_wan) filter (where item_key = '本年收入合计') as income_current_year,
        coalesce(
            max(amount_wan) filter (where item_key = '支出总计'),
            max(amount_wan) filter (where item_key = '收入支出总计')
        ) as expenditure_total,
        max(amount_wan) filter (where item_key = '本年支出合计') as expenditure_current_year,
        max(amount_wan) filter (where item_key = '基本支出') as basic_expenditure,
        max(amount_wan) filter (where item_key = '项目支出') as project_expenditure,
        max(amount_wan) filter (where item_key = '一般公共预算财政拨款支出') as general_budget_expenditure
    from fact_budget_total
    where measure = 'amount'
    group by department_key, fiscal_year
),

office_running as (
    select department_key, fiscal_year, max(value) as office_running_cost
    from fact_stated_figure
    where item_key = '机关运行经费' and measure = 'amount' and unit = '万元'
    group by department_key, fiscal_year
),

three_public as (
    select department_key, fiscal_year, max(actual_wan) as three_public_actual,
        max(budget_wan) as three_public_budget
    from fact_three_public
    where category = 'total'
    group by department_key, fiscal_year
),

indicators as (
    select department_key, fiscal_year, count(*) as indicators,
        count(*) filter (where target_met = 'missed') as indicators_missed,
        count(distinct project_key) as projects
    from fact_indicator
    group by department_key, fiscal_year
),

keys as (
    select department_key, fiscal_year from totals
    union
    select department_key, fiscal_year from office_running
    union
    select department_key, fiscal_year from three_public
    union
    select department_key, fiscal_year from indicators
),

final as (
    select *
    from keys
    left join totals using (department_key, fiscal_year)
    left join office_running using (department_key, fiscal_year)
    left join three_public using (department_key, fiscal_year)
    left join indicators using (department_key, fiscal_year)
)

select * from final
;

comment on view department_by_year is 'One row per department and year: stated totals (万元), 三公经费, indicators.';
comment on column department_by_year.income_total is '收入总计, 万元 (收入支出总计 where the document prints one figure for both).';
comment on column department_by_year.income_current_year is '本年收入合计, 万元.';
comment on column department_by_year.expenditure_total is '支出总计, 万元 (收入支出总计 where the document prints one figure for both).';
comment on column department_by_year.expenditure_current_year is '本年支出合计, 万元.';
comment on column department_by_year.basic_expenditure is '基本支出, 万元.';
comment on column department_by_year.project_expenditure is '项目支出, 万元.';
comment on column department_by_year.general_budget_expenditure is '一般公共预算财政拨款支出, 万元.';
comment on column department_by_year.office_running_cost is '机关运行经费, 万元.';
comment on column department_by_year.three_public_actual is '三公经费 决算数, 万元.';
comment on column department_by_year.three_public_budget is '三公经费 全年预算数, 万元.';
comment on column department_by_year.indicators is 'Indicator rows of the department''s documents that year.';
comment on column department_by_year.indicators_missed is 'Of them, indicators whose target was missed.';
comment on column department_by_year.projects is 'Distinct projects with indicators that year.';
comment on column department_by_year.department_key is 'The department (dim_department.department_key).';
comment on column department_by_year.fiscal_year is 'The fiscal year of this row.';
