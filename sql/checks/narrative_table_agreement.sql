-- narrative_table_agreement: the same figure agrees between the narrative of a 决算公开说明 and
-- the standard tables of the same department and year (grain: document × figure). A document's
-- own narrative and tables are compared with each other; a document that has only one of them is
-- compared with the other from the documents of the same department and year. expected is the
-- narrative's figure, found the table's.
with this_document as (
    select distinct department, fiscal_year from fact_budget_total where doc_id = $doc_id
    union
    select distinct department, fiscal_year from fact_standard_value where doc_id = $doc_id
),

has as (
    select
        exists (select 1 from fact_budget_total where doc_id = $doc_id) as narrative,
        exists (select 1 from fact_standard_value where doc_id = $doc_id) as tables
),

narrative_documents as (
    select distinct doc_id
    from fact_budget_total
    inner join this_document using (department, fiscal_year)
    where doc_id = $doc_id or not (select narrative from has)
),

table_documents as (
    select distinct doc_id
    from fact_standard_value
    inner join this_document using (department, fiscal_year)
    where doc_id = $doc_id or not (select tables from has)
),

narrative as (
    select n.doc_id, n.section, n.item, n.amount_wan
    from fact_budget_total as n
    where n.unit = '万元' and n.doc_id in (select doc_id from narrative_documents)
),

tables as (
    select t.doc_id, t.table_no, t.side, t.subject_code, t.level,
        t.item_name, t.class_name, t.section_name, t.column_key, t.amount_wan
    from fact_standard_value as t
    where t.doc_id in (select doc_id from table_documents)
),

pairs(narrative_section, narrative_item, table_no, side, table_item, table_column) as (
    values
        ('收入支出决算总体%', '收入总计', 1, '收入', '总计', '金额'),
        ('收入支出决算总体%', '本年收入合计', 1, '收入', '本年收入合计', '金额'),
        ('收入支出决算总体%', '年初结转和结余', 1, '收入', '年初结转和结余', '金额'),
        ('收入支出决算总体%', '支出总计', 1, '支出', '总计', '金额'),
        ('收入支出决算总体%', '本年支出合计', 1, '支出', '本年支出合计', '金额'),
        ('收入支出决算总体%', '结余分配', 1, '支出', '结余分配', '金额'),
        ('收入支出决算总体%', '年末结转和结余', 1, '支出', '年末结转和结余', '金额'),
        ('收入决算%', '其他收入', 2, null, '合计', '其他收入'),
        ('支出决算%', '基本支出', 3, null, '合计', '基本支出'),
        ('支出决算%', '项目支出', 3, null, '合计', '项目支出'),
        ('财政拨款收入支出决算总体%', '财政拨款收入总计', 4, '收入', '总计', '金额'),
        ('财政拨款收入支出决算总体%', '年末财政拨款结转和结余', 4, '支出', '年末财政拨款结转和结余', '合计'),
        ('一般公共预算财政拨款支出决算%', '一般公共预算财政拨款支出', 5, null, '合计', '合计'),
        ('一般公共预算财政拨款基本支出%', '一般公共预算财政拨款基本支出', 6, null, '合计', '合计'),
        ('一般公共预算财政拨款基本支出%', '人员经费', 6, null, '合计', '人员经费'),
        ('一般公共预算财政拨款基本支出%', '公用经费', 6, null, '合计', '公用经费')
),

totals as (
    select
        '表' || pairs.table_no || ' ' || coalesce(pairs.side || ' ', '') || pairs.table_item || ' / 说明 '
            || pairs.narrative_item as subject,
        max(narrative.amount_wan) as expected,
        max(tables.amount_wan) as found
    from pairs
    inner join narrative
        on narrative.section like pairs.narrative_section and narrative.item = pairs.narrative_item
    inner join tables
        on tables.table_no = pairs.table_no
        and tables.side is not distinct from pairs.side
        and tables.item_name = pairs.table_item
        and tables.column_key = pairs.table_column
    group by all
),

lines as (
    select
        '表5 ' || t.subject_code || ' ' || t.item_name || ' / 说明 ' || n.class_name || '（类）'
            || n.section_name || '（款）' || n.item_name || '（项）' as subject,
        n.amount_wan as expected,
        t.amount_wan as found
    from fact_function_expenditure as n
    inner join tables as t
        on t.table_no = 5 and t.level = '项' and t.column_key = '合计'
        and t.class_name = n.class_name and t.section_name = n.section_name
        and starts_with(t.item_name, n.item_name)
    where n.doc_id in (select doc_id from narrative_documents)
),

three_public as (
    select
        '表9 ' || t.column_key || ' ' || t.item_name || ' / 说明 三公 ' || p.category as subject,
        case when t.column_key = '预算数' then p.budget_wan else p.actual_wan end as expected,
        t.amount_wan as found
    from fact_three_public as p
    inner join tables as t
        on t.table_no = 9
        and t.item_name = case p.category
            when 'total' then '合计' when 'overseas' then '因公出国（境）费'
            when 'vehicle_purchase' then '公务用车购置费' when 'vehicle_operation' then '公务用车运行费'
            when 'reception' then '公务接待费' end
    where p.doc_id in (select doc_id from narrative_documents)
),

final as (
    select subject, expected, found, 1 as terms from totals
    union all
    select subject, expected, found, 1 as terms from lines
    union all
    select subject, expected, found, 1 as terms from three_public where expected is not null
)

select * from final
