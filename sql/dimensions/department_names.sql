-- department_names: every printed department name with its key, from the documents and facts
-- (grain: department_key × printed name).
with printed as (
    select department from dim_document where status in ('loaded', 'partial')
    union
    select department from fact_indicator
    union
    select department from fact_budget_total
),

final as (
    select distinct
        regexp_replace(department, '^(新疆维吾尔自治区|新疆|自治区)', '') as department_key,
        department as printed_name
    from printed
    where department is not null
)

select * from final order by department_key, printed_name
