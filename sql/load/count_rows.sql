-- count_rows: rows per fact table and per load status (grain: one row per table name).
with facts as (
    select 'fact_indicator' as table_name, count(*) as row_count from fact_indicator
    union all
    select 'fact_project_fund', count(*) from fact_project_fund
    union all
    select 'fact_project_score', count(*) from fact_project_score
    union all
    select 'fact_evaluation_score', count(*) from fact_evaluation_score
    union all
    select 'fact_budget_total', count(*) from fact_budget_total
    union all
    select 'fact_stated_figure', count(*) from fact_stated_figure
    union all
    select 'fact_function_expenditure', count(*) from fact_function_expenditure
    union all
    select 'fact_function_class', count(*) from fact_function_class
    union all
    select 'fact_three_public', count(*) from fact_three_public
    union all
    select 'fact_standard_table', count(*) from fact_standard_table
    union all
    select 'fact_standard_value', count(*) from fact_standard_value
    union all
    select 'fact_check_result', count(*) from fact_check_result
),

documents as (
    select 'dim_document' as table_name, count(*) as row_count from dim_document
),

final as (
    select * from facts
    union all
    select * from documents
)

select * from final
