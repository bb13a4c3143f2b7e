-- report_three_public: a department's “三公”经费 by category and year, with where each is
-- printed (grain: department_key × fiscal_year × category). From the narrative (fact_three_public)
-- when a current document states the category, else from 表9; among several current documents,
-- the most recently ingested one.
create or replace view report_three_public as
with categories(category, label, sort_order, table_item) as (
    values
        ('total', '合计', 1, '合计'),
        ('overseas', '因公出国（境）费', 2, '因公出国（境）费'),
        ('vehicle', '公务用车购置及运行维护费', 3, '公务用车购置及运行费'),
        ('vehicle_purchase', '公务用车购置费', 4, '公务用车购置费'),
        ('vehicle_operation', '公务用车运行维护费', 5, '公务用车运行费'),
        ('reception', '公务接待费', 6, '公务接待费')
),

current_documents as (
    select doc_id, source_file, ingested_at from report_document where is_current
),

narrative as (
    select
        p.department_key, p.fiscal_year, p.category, p.budget_wan, p.actual_wan, p.change_wan as stated_change_wan,
        '说明' as source, 1 as priority, p.doc_id, p.source_file, p.source_page, p.source_line
    from fact_three_public as p
    where p.actual_wan is not null or p.budget_wan is not null
),

tables as (
    select
        v.department_key, v.fiscal_year, c.category,
        max(v.amount_wan) filter (where v.column_name = '预算数') as budget_wan,
        max(v.amount_wan) filter (where v.column_name = '决算数') as actual_wan,
        null::decimal(18, 6) as stated_change_wan,
        '表9' as source, 2 as priority, v.doc_id, v.source_file, min(v.source_page) as source_page,
        min(v.source_line) as source_line
    from fact_standard_value as v
    inner join categories as c on c.table_item = v.item_name
    where v.table_no = 9 and v.column_name in ('预算数', '决算数')
    group by all
),

candidates as (
    select candidates.*, current_documents.ingested_at
    from (select * from narrative union all select * from tables) as candidates
    inner join current_documents
        on current_documents.doc_id = candidates.doc_id and current_documents.source_file = candidates.source_file
    where candidates.department_key is not null and candidates.fiscal_year is not null
),

ranked as (
    select
        *,
        row_number() over (
            partition by department_key, fiscal_year, category
            order by priority, ingested_at desc, source_file, source_page nulls last, source_line nulls last
        ) as rank,
        count(distinct actual_wan) over (partition by department_key, fiscal_year, category) > 1 as values_differ
    from candidates
),

final as (
    select
        ranked.department_key,
        ranked.fiscal_year,
        ranked.category,
        categories.label,
        categories.sort_order,
        ranked.budget_wan,
        ranked.actual_wan,
        ranked.stated_change_wan,
        ranked.source,
        ranked.source_file,
        ranked.source_page,
        ranked.source_line,
        ranked.values_differ
    from ranked
    inner join categories using (category)
    where ranked.rank = 1
)

select * from final
;

comment on view report_three_public is 'A department''s “三公”经费 by category and year (万元), from the narrative or else 表9 (report: line chart).';
comment on column report_three_public.category is '''total'' (合计), ''overseas'' (因公出国（境）费), ''vehicle'' (公务用车购置及运行维护费, the subtotal), ''vehicle_purchase'' (公务用车购置费), ''vehicle_operation'' (公务用车运行维护费), ''reception'' (公务接待费).';
comment on column report_three_public.label is 'The category''s name as documents print it.';
comment on column report_three_public.sort_order is 'Order of the category on the report''s pages.';
comment on column report_three_public.budget_wan is '全年预算数, 万元.';
comment on column report_three_public.actual_wan is '决算数 (支出), 万元.';
comment on column report_three_public.stated_change_wan is 'Change against last year as the narrative states it, 万元, signed; null from 表9.';
comment on column report_three_public.source is '说明 (the narrative) or 表9 (财政拨款“三公”经费支出决算表).';
comment on column report_three_public.source_file is 'File name the figure was read from.';
comment on column report_three_public.source_page is 'PDF page (from 1); null for text files.';
comment on column report_three_public.source_line is 'Text files: line number of the paragraph or table row.';
comment on column report_three_public.values_differ is 'true when another current document, or the other of narrative and 表9, prints a different 决算数 for the same category.';
comment on column report_three_public.department_key is 'The department (dim_department.department_key).';
comment on column report_three_public.fiscal_year is 'The fiscal year of this row.';
