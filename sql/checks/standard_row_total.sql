-- standard_row_total: on every line of tables 2, 3, 5 and 6 the total column = the sum of the
-- other columns (本年收入合计, 本年支出合计, 本年支出/小计, 合计 = 人员经费 + 公用经费)
-- (grain: document × table × line).
with totals(table_no, total_column) as (
    values (2, '本年收入合计'), (3, '本年支出合计'), (5, '本年支出/小计'), (6, '合计')
),

figures as (
    select table_no, coalesce(subject_code, '') as code, item_name, column_name, amount_wan
    from fact_standard_value
    where doc_id = $doc_id and table_no in (2, 3, 5, 6)
),

by_line as (
    select
        figures.table_no,
        figures.code,
        figures.item_name,
        max(amount_wan) filter (where column_name = totals.total_column) as expected,
        sum(amount_wan) filter (where column_name <> totals.total_column) as found,
        count(amount_wan) filter (where column_name <> totals.total_column) as terms
    from figures
    inner join totals on totals.table_no = figures.table_no
    group by figures.table_no, figures.code, figures.item_name
),

final as (
    select
        '表' || table_no || ' ' || trim(code || ' ' || item_name) as subject,
        expected,
        coalesce(found, 0) as found,
        greatest(terms, 1) as terms
    from by_line
    where expected is not null
)

select * from final
