-- narrative_table_agreement: the same figure agrees between the narrative of a 决算公开说明 and
-- the standard tables of the same department and year (grain: document × figure). A document's
-- own narrative and tables are compared with each other; a document that has only one of them is
-- compared with the other from the documents of the same department and year. expected is the
-- narrative's figure, found the table's. Narrative figures are matched by their item_key (the
-- same whatever the phrasing), tables by their standard table_key; a column is named as either
-- layout prints it (表1 金额 or 决算数, 表5 本年支出/小计 or 合计, 表6 合计 row or 人员经费合计).
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
    select n.item_key, max(n.amount_wan) as amount_wan
    from fact_budget_total as n
    where n.measure = 'amount' and n.amount_wan is not null and n.item_key is not null
        and n.doc_id in (select doc_id from narrative_documents)
    group by n.item_key
),

tables as (
    select t.doc_id, t.table_no, t.table_key, t.side, t.subject_code, t.level,
        t.item_name, t.class_name, t.section_name, t.column_key, t.amount_wan
    from fact_standard_value as t
    where t.doc_id in (select doc_id from table_documents)
),

pairs(narrative_key, table_key, side, table_item, table_columns) as (
    values
        ('收入总计', '收入支出决算总表', '收入', '总计', ['金额', '决算数']),
        ('收入支出总计', '收入支出决算总表', '收入', '总计', ['金额', '决算数']),
        ('本年收入合计', '收入支出决算总表', '收入', '本年收入合计', ['金额', '决算数']),
        ('年初结转和结余', '收入支出决算总表', '收入', '年初结转和结余', ['金额', '决算数']),
        ('支出总计', '收入支出决算总表', '支出', '总计', ['金额', '决算数']),
        ('收入支出总计', '收入支出决算总表', '支出', '总计', ['金额', '决算数']),
        ('本年支出合计', '收入支出决算总表', '支出', '本年支出合计', ['金额', '决算数']),
        ('结余分配', '收入支出决算总表', '支出', '结余分配', ['金额', '决算数']),
        ('年末结转和结余', '收入支出决算总表', '支出', '年末结转和结余', ['金额', '决算数']),
        ('其他收入', '收入决算表', null, '合计', ['其他收入']),
        ('基本支出', '支出决算表', null, '合计', ['基本支出']),
        ('项目支出', '支出决算表', null, '合计', ['项目支出']),
        ('财政拨款收入总计', '财政拨款收入支出决算总表', '收入', '总计', ['金额', '决算数']),
        ('财政拨款收入支出总计', '财政拨款收入支出决算总表', '收入', '总计', ['金额', '决算数']),
        ('年末财政拨款结转和结余', '财政拨款收入支出决算总表', '支出', '年末财政拨款结转和结余', ['合计']),
        ('一般公共预算财政拨款支出', '一般公共预算财政拨款支出决算表', null, '合计', ['本年支出/小计', '合计']),
        ('一般公共预算财政拨款基本支出', '一般公共预算财政拨款支出决算表', null, '合计', ['基本支出']),
        ('一般公共预算财政拨款基本支出', '一般公共预算财政拨款基本支出决算表', null, '合计', ['合计']),
        ('人员经费', '一般公共预算财政拨款基本支出决算表', null, '合计', ['人员经费']),
        ('人员经费', '一般公共预算财政拨款基本支出决算表', null, '人员经费合计', ['决算数', '人员经费']),
        ('公用经费', '一般公共预算财政拨款基本支出决算表', null, '合计', ['公用经费']),
        ('公用经费', '一般公共预算财政拨款基本支出决算表', null, '公用经费合计', ['决算数', '公用经费'])
),

totals as (
    select
        '表' || tables.table_no || ' ' || coalesce(pairs.side || ' ', '') || pairs.table_item
            || case when tables.column_key in ('金额', '合计') then '' else ' ' || tables.column_key end
            || ' / 说明 ' || pairs.narrative_key as subject,
        max(narrative.amount_wan) as expected,
        max(tables.amount_wan) as found
    from pairs
    inner join narrative on narrative.item_key = pairs.narrative_key
    inner join tables
        on tables.table_key = pairs.table_key
        and tables.side is not distinct from pairs.side
        and tables.item_name = pairs.table_item
        and list_contains(pairs.table_columns, tables.column_key)
    group by all
),

narrative_lines as (
    select row_number() over () as line_id, n.*
    from fact_function_expenditure as n
    where n.doc_id in (select doc_id from narrative_documents)
),

table_lines as (
    select *
    from tables
    where table_key = '一般公共预算财政拨款支出决算表' and level = '项'
        and column_key = '合计'
),

-- a line matches the table's 项 of the same 类, 款 and (possibly truncated) 项 name; a line whose
-- 款 is printed otherwise than in the table matches by 类 and 项 name when only one 项 has them
matched_exactly as (
    select n.line_id, t.table_no, t.subject_code, t.item_name as table_item, t.amount_wan as found
    from narrative_lines as n
    inner join table_lines as t
        on t.class_name = n.class_name and t.section_name = n.section_name
        and starts_with(t.item_name, n.item_name)
),

matched_by_name as (
    select n.line_id, t.table_no, t.subject_code, t.item_name as table_item, t.amount_wan as found
    from narrative_lines as n
    inner join table_lines as t
        on t.class_name = n.class_name and starts_with(t.item_name, n.item_name)
    where n.line_id not in (select line_id from matched_exactly)
    qualify count(*) over (partition by n.line_id) = 1
),

lines as (
    select
        '表' || m.table_no || ' ' || m.subject_code || ' ' || m.table_item || ' / 说明 ' || n.class_name || '（类）'
            || coalesce(n.section_name, '') || '（款）' || coalesce(n.item_name, '') || '（项）' as subject,
        n.amount_wan as expected,
        m.found
    from narrative_lines as n
    inner join (select * from matched_exactly union all select * from matched_by_name) as m using (line_id)
),

three_public_items(category, item_name) as (
    values
        ('total', '合计'),
        ('overseas', '因公出国（境）费'),
        ('vehicle', '公务用车购置及运行费'),
        ('vehicle', '公务用车购置及运行维护费'),
        ('vehicle_purchase', '公务用车购置费'),
        ('vehicle_operation', '公务用车运行费'),
        ('vehicle_operation', '公务用车运行维护费'),
        ('reception', '公务接待费')
),

three_public as (
    select
        '表' || t.table_no || ' ' || t.column_key || ' ' || t.item_name || ' / 说明 三公 ' || p.category as subject,
        case when t.column_key = '预算数' then p.budget_wan else p.actual_wan end as expected,
        t.amount_wan as found
    from fact_three_public as p
    inner join three_public_items as i on i.category = p.category
    inner join tables as t
        on t.table_key = '财政拨款三公经费支出决算表' and t.item_name = i.item_name
        and t.column_key in ('预算数', '决算数')
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
