-- report_function_class: a department's 一般公共预算财政拨款支出 by 功能分类 类, by year, with where
-- each is printed (grain: department_key × fiscal_year × class_name). From the narrative's
-- structure lines (1.一般公共服务支出（类）12,634.73万元，占69.89%) when a current document states
-- them, else from the 类 lines of 表5 (本年支出 小计).
create or replace view report_function_class as
with current_documents as (
    select doc_id, source_file, ingested_at from report_document where is_current
),

narrative as (
    select
        c.department_key, c.fiscal_year, c.class_name, null::varchar as subject_code, c.amount_wan, c.share_pct,
        '说明' as source, 1 as priority, c.doc_id, c.source_file, c.source_page, c.source_line
    from fact_function_class as c
),

tables as (
    select
        v.department_key, v.fiscal_year, v.item_name as class_name, v.subject_code, v.amount_wan,
        null::decimal(18, 6) as share_pct, '表5' as source, 2 as priority,
        v.doc_id, v.source_file, v.source_page, v.source_line
    from fact_standard_value as v
    where v.table_no = 5 and v.level = '类' and v.column_name in ('本年支出/小计', '合计')
),

candidates as (
    select candidates.*, current_documents.ingested_at
    from (select * from narrative union all select * from tables) as candidates
    inner join current_documents
        on current_documents.doc_id = candidates.doc_id and current_documents.source_file = candidates.source_file
    where candidates.department_key is not null and candidates.fiscal_year is not null
        and candidates.amount_wan is not null
),

-- one source per department and year: the narrative's lines if it has any, else table 5's
chosen_source as (
    select department_key, fiscal_year, doc_id, source_file, source
    from candidates
    qualify row_number() over (
        partition by department_key, fiscal_year order by priority, ingested_at desc, source_file
    ) = 1
),

final as (
    select
        candidates.department_key,
        candidates.fiscal_year,
        candidates.class_name,
        candidates.subject_code,
        candidates.amount_wan,
        candidates.share_pct,
        candidates.source,
        candidates.source_file,
        candidates.source_page,
        candidates.source_line
    from candidates
    inner join chosen_source
        on chosen_source.department_key = candidates.department_key
        and chosen_source.fiscal_year = candidates.fiscal_year
        and chosen_source.doc_id = candidates.doc_id
        and chosen_source.source_file = candidates.source_file
        and chosen_source.source = candidates.source
)

select * from final
;

comment on view report_function_class is 'A department''s 一般公共预算财政拨款支出 by 功能分类 类 and year (万元), from the narrative or else 表5 (report: bar chart).';
comment on column report_function_class.class_name is '支出功能分类 类 name as printed (一般公共服务支出, …).';
comment on column report_function_class.subject_code is '科目编码 of the 类 (3 digits) when read from 表5; null from the narrative.';
comment on column report_function_class.amount_wan is 'The 类''s 一般公共预算财政拨款支出, 万元.';
comment on column report_function_class.share_pct is 'Its share as the narrative states it, percent; null from 表5.';
comment on column report_function_class.source is '说明 (narrative structure lines) or 表5 (一般公共预算财政拨款支出决算表).';
comment on column report_function_class.source_file is 'File name the line was read from.';
comment on column report_function_class.source_page is 'PDF page (from 1); null for text files.';
comment on column report_function_class.source_line is 'Text files: line number of the paragraph or table row.';
comment on column report_function_class.department_key is 'The department (dim_department.department_key).';
comment on column report_function_class.fiscal_year is 'The fiscal year of this row.';
