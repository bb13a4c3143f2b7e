-- function_line_completion: each 支出功能分类 line that prints a 完成率 (完成全年预算数的 Z%) has
-- Z = 支出决算 / its budget × 100 (grain: document × line). Unit: percent. The amounts are
-- printed to 0.01 万元, which moves the quotient by up to 0.5 × (1/budget + 支出决算/budget²)
-- points, and Z is rounded to 0.01: terms is that allowance in units of 0.01 points.
with lines as (
    select
        doc_id, source_file, line_no, class_name, section_name, item_name,
        amount_wan::double as amount, budget_wan::double as budget, completion_pct
    from fact_function_expenditure
    where doc_id = $doc_id and completion_pct is not null and budget_wan > 0 and amount_wan is not null
),

final as (
    select
        doc_id,
        source_file,
        coalesce(line_no || '、', '') || class_name || '（类）' || coalesce(section_name || '（款）', '')
            || coalesce(item_name || '（项）', '') as subject,
        completion_pct as expected,
        round(amount / budget * 100, 2)::decimal(18, 6) as found,
        ceil((0.01 + 0.5 * (1 / budget + amount / (budget * budget))) / 0.01 - 1e-9)::integer as terms
    from lines
)

select * from final
