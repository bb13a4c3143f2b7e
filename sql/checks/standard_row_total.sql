-- standard_row_total: on every line of a standard table, its total column = the sum of its part
-- columns: table 2 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 +
-- 其他收入; table 3 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出;
-- table 4 (支出) 合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款; table 5 合计 = 基本支出 +
-- 项目支出; table 6 合计 = 人员经费 + 公用经费; tables 7 and 8 本年支出 合计 = 基本支出 + 项目支出
-- (grain: document × table × line). The terms are the view identity_row_total_part.
with parts as (
    select table_no, total_key, part_key from identity_row_total_part
),

totals as (
    select distinct table_no, total_key from parts
),

figures as (
    select table_no, row_no, block_no, subject_code, item_name, column_key, amount_wan
    from fact_standard_value
    where doc_id = $doc_id and table_no in (2, 3, 4, 5, 6, 7, 8)
),

line_totals as (
    select figures.table_no, figures.row_no, figures.block_no, figures.subject_code, figures.item_name,
        figures.column_key, figures.amount_wan
    from figures
    inner join totals on totals.table_no = figures.table_no and totals.total_key = figures.column_key
),

by_line as (
    select
        line_totals.table_no,
        line_totals.subject_code,
        line_totals.item_name,
        any_value(line_totals.amount_wan) as expected,
        sum(part.amount_wan) as found,
        count(part.amount_wan) as terms
    from line_totals
    inner join parts
        on parts.table_no = line_totals.table_no and parts.total_key = line_totals.column_key
    left join figures as part
        on part.table_no = line_totals.table_no
        and part.row_no = line_totals.row_no
        and part.block_no = line_totals.block_no
        and part.column_key = parts.part_key
    group by line_totals.table_no, line_totals.row_no, line_totals.block_no, line_totals.subject_code,
        line_totals.item_name
),

final as (
    select
        '表' || table_no || ' ' || trim(coalesce(subject_code, '') || ' ' || coalesce(item_name, '')) as subject,
        expected,
        coalesce(found, 0) as found,
        greatest(terms, 1) as terms
    from by_line
)

select * from final
