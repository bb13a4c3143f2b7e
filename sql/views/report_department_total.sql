-- report_department_total: a department's headline totals by year, each with where it is printed
-- and its change on the department's previous year in the warehouse (grain: department_key ×
-- fiscal_year × measure). A total is taken from the narrative of a 决算公开说明 when it states it
-- (by fact_budget_total.item_key, measure 'amount'), else from the standard table that prints it (表1 总计 / 本年收入合计 / 本年支出合计, 表3 合计,
-- 表5 合计, 表9 合计); among several current documents, the most recently ingested one.
create or replace view report_department_total as
with measures(measure, label, sort_order) as (
    values
        ('income_total', '收入总计', 1),
        ('income_current_year', '本年收入合计', 2),
        ('expenditure_total', '支出总计', 3),
        ('expenditure_current_year', '本年支出合计', 4),
        ('basic_expenditure', '基本支出', 5),
        ('project_expenditure', '项目支出', 6),
        ('general_budget_expenditure', '一般公共预算财政拨款支出', 7),
        ('three_public_actual', '“三公”经费决算数', 8),
        ('three_public_budget', '“三公”经费预算数', 9)
),

-- the narrative's figures by their key (fact_budget_total.item_key), whatever the phrasing; a
-- document that prints 收入支出总计 as one figure gives it for both totals, after the figure itself
narrative_items(measure, item_key, preference) as (
    values
        ('income_total', '收入总计', 1),
        ('income_total', '收入支出总计', 2),
        ('income_current_year', '本年收入合计', 1),
        ('expenditure_total', '支出总计', 1),
        ('expenditure_total', '收入支出总计', 2),
        ('expenditure_current_year', '本年支出合计', 1),
        ('basic_expenditure', '基本支出', 1),
        ('project_expenditure', '项目支出', 1),
        ('general_budget_expenditure', '一般公共预算财政拨款支出', 1)
),

table_items(measure, table_no, side, item_name, column_name) as (
    values
        ('income_total', 1, '收入', '总计', null),
        ('income_current_year', 1, '收入', '本年收入合计', null),
        ('expenditure_total', 1, '支出', '总计', null),
        ('expenditure_current_year', 1, '支出', '本年支出合计', null),
        ('basic_expenditure', 3, null, '合计', '基本支出'),
        ('project_expenditure', 3, null, '合计', '项目支出'),
        ('general_budget_expenditure', 5, null, '合计', '本年支出/小计'),
        ('general_budget_expenditure', 5, null, '合计', '合计'),
        ('three_public_actual', 9, null, '合计', '决算数'),
        ('three_public_budget', 9, null, '合计', '预算数')
),

current_documents as (
    select doc_id, source_file, ingested_at from report_document where is_current
),

narrative as (
    select
        b.department_key, b.fiscal_year, n.measure, b.amount_wan, '说明' as source, n.preference as priority,
        b.doc_id, b.source_file, b.source_page, b.source_line
    from fact_budget_total as b
    inner join narrative_items as n on n.item_key = b.item_key
    where b.measure = 'amount' and b.amount_wan is not null
    union all
    select
        department_key, fiscal_year, 'three_public_actual', actual_wan, '说明', 1,
        doc_id, source_file, source_page, source_line
    from fact_three_public
    where category = 'total' and actual_wan is not null
    union all
    select
        department_key, fiscal_year, 'three_public_budget', budget_wan, '说明', 1,
        doc_id, source_file, source_page, source_line
    from fact_three_public
    where category = 'total' and budget_wan is not null
),

tables as (
    -- table 1 prints one amount column per half (金额, or 决算数 in some templates)
    select
        v.department_key, v.fiscal_year, t.measure, v.amount_wan, '表' || v.table_no as source, 3 as priority,
        v.doc_id, v.source_file, v.source_page, v.source_line
    from fact_standard_value as v
    inner join table_items as t
        on t.table_no = v.table_no
        and t.item_name = v.item_name
        and (t.side is null or t.side = v.side)
        and (t.column_name = v.column_name or (t.column_name is null and v.column_name in ('金额', '决算数')))
    where v.amount_wan is not null
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
            partition by department_key, fiscal_year, measure
            order by priority, ingested_at desc, source_file, source_page nulls last, source_line nulls last
        ) as rank,
        count(distinct amount_wan) over (partition by department_key, fiscal_year, measure) > 1 as values_differ
    from candidates
),

chosen as (
    select * from ranked where rank = 1
),

final as (
    select
        chosen.department_key,
        chosen.fiscal_year,
        chosen.measure,
        measures.label,
        measures.sort_order,
        chosen.amount_wan,
        chosen.source,
        chosen.source_file,
        chosen.source_page,
        chosen.source_line,
        chosen.values_differ,
        lag(chosen.fiscal_year) over by_measure as previous_year,
        lag(chosen.amount_wan) over by_measure as previous_amount_wan,
        -- cast: DuckDB 1.x types this difference decimal(18, 6), 2.x decimal(19, 6); the published
        -- copy's view must bind the same in both
        cast(chosen.amount_wan - lag(chosen.amount_wan) over by_measure as decimal(19, 6)) as change_wan,
        round((chosen.amount_wan - lag(chosen.amount_wan) over by_measure)
            / nullif(lag(chosen.amount_wan) over by_measure, 0) * 100, 2)::double as change_pct
    from chosen
    inner join measures using (measure)
    window by_measure as (partition by chosen.department_key, chosen.measure order by chosen.fiscal_year)
)

select * from final
;

comment on view report_department_total is 'A department''s headline totals by year (万元), where each is printed, and its change on the previous year in the warehouse.';
comment on column report_department_total.measure is 'income_total (收入总计), income_current_year (本年收入合计), expenditure_total (支出总计), expenditure_current_year (本年支出合计), basic_expenditure (基本支出), project_expenditure (项目支出), general_budget_expenditure (一般公共预算财政拨款支出), three_public_actual / three_public_budget (“三公”经费 决算数 / 预算数).';
comment on column report_department_total.label is 'The measure''s name as documents print it.';
comment on column report_department_total.sort_order is 'Order of the measure on the report''s pages.';
comment on column report_department_total.amount_wan is 'The total, 万元, as printed.';
comment on column report_department_total.source is '说明 (the narrative of a 决算公开说明) or 表N (standard table N) where the figure was taken from.';
comment on column report_department_total.source_file is 'File name the figure was read from.';
comment on column report_department_total.source_page is 'PDF page (from 1); null for text files.';
comment on column report_department_total.source_line is 'Text files: line number of the paragraph or table row.';
comment on column report_department_total.values_differ is 'true when another current document, or the other of narrative and table, prints a different figure for the same department, year and measure.';
comment on column report_department_total.previous_year is 'The department''s previous fiscal year in the warehouse with this measure (not always the year before).';
comment on column report_department_total.previous_amount_wan is 'The measure in that year, 万元.';
comment on column report_department_total.change_wan is 'amount_wan − previous_amount_wan, 万元.';
comment on column report_department_total.change_pct is 'change_wan / previous_amount_wan × 100, percent (2 decimals); null without a previous year or when it was 0.';
comment on column report_department_total.department_key is 'The department (dim_department.department_key).';
comment on column report_department_total.fiscal_year is 'The fiscal year of the total.';
