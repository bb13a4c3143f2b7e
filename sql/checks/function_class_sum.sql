-- function_class_sum: every 类 of the structure lines = the sum of its 项 lines
-- (grain: document × 类).
with classes as (
    select doc_id, source_file, class_name, amount_wan
    from fact_function_class
    where doc_id = $doc_id
),

lines as (
    select doc_id, class_name, sum(amount_wan) as found, count(*) as terms
    from fact_function_expenditure
    where doc_id = $doc_id
    group by doc_id, class_name
),

final as (
    select
        classes.doc_id,
        classes.source_file,
        classes.class_name as subject,
        classes.amount_wan as expected,
        coalesce(lines.found, 0) as found,
        greatest(coalesce(lines.terms, 0), 1) as terms
    from classes
    left join lines on lines.doc_id = classes.doc_id and lines.class_name = classes.class_name
)

select * from final
