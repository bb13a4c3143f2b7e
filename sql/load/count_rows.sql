-- count_rows: rows per fact table and per load status (grain: one row per table name).
with facts as (
    select 'fact_indicator' as table_name, count(*) as row_count from fact_indicator
    union all
    select 'fact_project_fund', count(*) from fact_project_fund
    union all
    select 'fact_project_score', count(*) from fact_project_score
    union all
    select 'fact_evaluation_score', count(*) from fact_evaluation_score
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
