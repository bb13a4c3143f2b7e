-- function_lines_total: the 支出功能分类 lines add up to the stated 一般公共预算财政拨款支出
-- (grain: one row per document with such lines).
with stated as (
    select doc_id, source_file, max(amount_wan) as expected
    from fact_budget_total
    where doc_id = $doc_id and item_key = '一般公共预算财政拨款支出' and measure = 'amount'
        and amount_wan is not null
    group by doc_id, source_file
),

lines as (
    select doc_id, sum(amount_wan) as found, count(*) as terms
    from fact_function_expenditure
    where doc_id = $doc_id
    group by doc_id
),

final as (
    select stated.doc_id, stated.source_file, '一般公共预算财政拨款支出' as subject, expected, found, terms
    from stated
    inner join lines on lines.doc_id = stated.doc_id
)

select * from final
