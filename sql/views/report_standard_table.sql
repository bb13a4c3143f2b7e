-- report_standard_table: the headline figures of each standard table (部门决算公开报表) of a
-- department's current documents (grain: document × table × headline line × column): every
-- table found, with its 合计 / 总计 line and the 本年收入合计 / 本年支出合计 lines (tables 1 and 4),
-- column by column; an empty table (7, 8) has one row without figure.
create or replace view report_standard_table as
with current_documents as (
    select doc_id, source_file from report_document where is_current
),

tables as (
    select t.*
    from fact_standard_table as t
    inner join current_documents as d on d.doc_id = t.doc_id and d.source_file = t.source_file
),

headlines as (
    select
        doc_id, source_file, table_no, side, line_no, item_name, column_name, amount_wan, amount_text,
        source_page, source_line
    from fact_standard_value
    where level = '合计'
        or item_name in ('本年收入合计', '本年支出合计', '人员经费合计', '公用经费合计')
),

final as (
    select
        tables.department_key,
        tables.fiscal_year,
        tables.source_file,
        tables.table_no,
        tables.table_key,
        tables.title_printed,
        tables.unit_printed,
        tables.is_empty,
        tables.note,
        tables.value_count,
        headlines.side,
        headlines.line_no,
        headlines.item_name,
        headlines.column_name,
        headlines.amount_wan,
        headlines.amount_text,
        coalesce(headlines.source_page, tables.source_page) as source_page,
        coalesce(headlines.source_line, tables.source_line) as source_line,
        row_number() over (
            partition by tables.doc_id, tables.source_file, tables.table_no
            order by case headlines.side when '收入' then 1 when '支出' then 2 else 0 end,
                try_cast(headlines.line_no as integer) nulls first,
                headlines.source_page nulls first,
                headlines.source_line nulls first,
                headlines.item_name,
                headlines.column_name
        ) as sort_order
    from tables
    left join headlines
        on headlines.doc_id = tables.doc_id
        and headlines.source_file = tables.source_file
        and headlines.table_no = tables.table_no
)

select * from final
;

comment on view report_standard_table is 'The headline figures (合计, 总计, 本年收入合计, 本年支出合计) of each standard table, column by column (report: department-year page).';
comment on column report_standard_table.table_no is 'Standard table number, 1–9 (公开01表 … 公开09表, 表一 … 表九).';
comment on column report_standard_table.value_count is 'Figures read from the table (fact_standard_value rows).';
comment on column report_standard_table.side is '收入 or 支出 for the two halves of tables 1 and 4; null elsewhere.';
comment on column report_standard_table.item_name is 'The headline line: 合计, 总计, 本年收入合计, 本年支出合计, 人员经费合计 or 公用经费合计; null for a table without one.';
comment on column report_standard_table.column_name is 'The column''s heading path, /-joined (本年支出/小计, 金额, 预算数).';
comment on column report_standard_table.amount_wan is 'The figure in 万元.';
comment on column report_standard_table.amount_text is 'The figure as printed (in unit_printed).';
comment on column report_standard_table.source_page is 'PDF page (from 1) of the line, else of the table; null for text files.';
comment on column report_standard_table.sort_order is 'Order of the line within its table on the report''s page: 收入 half before 支出, then by 行次 and place.';
comment on column report_standard_table.source_line is 'Text files: line number of the line, else of the table.';
comment on column report_standard_table.department_key is 'The department (dim_department.department_key).';
comment on column report_standard_table.fiscal_year is 'The fiscal year of the table.';
comment on column report_standard_table.source_file is 'File the table was read from.';
comment on column report_standard_table.table_key is 'Standard title of the table (fact_standard_table.table_key).';
comment on column report_standard_table.title_printed is 'Title as printed.';
comment on column report_standard_table.unit_printed is '单位 as printed on the table: 万元 or 元.';
comment on column report_standard_table.is_empty is 'true when the table prints no figures (the department has none of that fund).';
comment on column report_standard_table.note is 'The note that the table is empty, as printed; null otherwise.';
comment on column report_standard_table.line_no is '行次 as printed (tables 1 and 4); null elsewhere.';
