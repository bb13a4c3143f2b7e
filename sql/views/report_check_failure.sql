-- report_check_failure: every accounting check that failed on a current document, with the page
-- or line to open (grain: document × rule × subject, as fact_check_result). The place is found
-- from the check's subject, which names what was checked: the standard table line (表5 2011301
-- 行政运行 …) or else the table (表5 …), the project (its table), the 类 (its structure line), the
-- 功能分类 line, the narrative item (收入总计, …; printed or by item_key) or “三公”经费 (合计, the
-- vehicle subtotal); the most specific name wins. located_at says which;
-- null when the subject names nothing the document's facts print (then only the file is known).
create or replace view report_check_failure as
with failures as (
    select c.*, d.department_key, d.fiscal_year
    from fact_check_result as c
    inner join report_document as d on d.doc_id = c.doc_id and d.source_file = c.source_file
    where not c.passed and d.is_current
),

places(doc_id, name, located_at, source_page, source_line) as (
    select doc_id, '表' || table_no || ' ' || coalesce(subject_code || ' ', '') || item_name, 'table_line',
        source_page, source_line
    from fact_standard_value
    where item_name is not null
    union all
    select doc_id, '表' || table_no, 'table', source_page, source_line from fact_standard_table
    union all
    select doc_id, project_name, 'project_table', source_page, source_line
    from fact_project_fund where project_name is not null
    union all
    select doc_id, project_name, 'project_table', source_page, source_line
    from fact_project_score where project_name is not null
    union all
    select doc_id, coalesce(project_name, '评分表'), 'score_table', source_page, source_line
    from fact_evaluation_score
    union all
    select doc_id, class_name, 'function_class', source_page, source_line from fact_function_class
    union all
    select doc_id, coalesce(line_no || '、', '') || class_name || '（类）' || coalesce(section_name || '（款）', '')
        || coalesce(item_name || '（项）', ''), 'function_line', source_page, source_line
    from fact_function_expenditure
    union all
    select doc_id, item, 'narrative', source_page, source_line from fact_budget_total
    union all
    select doc_id, item_key, 'narrative', source_page, source_line
    from fact_budget_total where item_key is not null
    union all
    select doc_id, '三公经费', 'three_public', source_page, source_line
    from fact_three_public where category = 'total'
    union all
    select doc_id, '公务用车购置及运行维护费', 'three_public', source_page, source_line
    from fact_three_public where category = 'vehicle'
),

matches as (
    select
        failures.doc_id,
        failures.source_file,
        failures.rule,
        failures.subject,
        places.located_at,
        places.source_page,
        places.source_line,
        row_number() over (
            partition by failures.doc_id, failures.source_file, failures.rule, failures.subject
            -- a name the subject starts with beats one that starts with the subject; longer beats shorter
            order by starts_with(failures.subject, places.name) desc, length(places.name) desc,
                places.source_page nulls last, places.source_line nulls last
        ) as rank
    from failures
    inner join places
        on places.doc_id = failures.doc_id
        and (
            failures.subject = places.name
            or starts_with(failures.subject, places.name || ' ')
            or starts_with(failures.subject, places.name || '决算数')
            or starts_with(failures.subject, places.name || '预算数')
            or starts_with(places.name, failures.subject)
        )
),

final as (
    select
        failures.department_key,
        failures.fiscal_year,
        failures.source_file,
        failures.doc_id,
        failures.rule,
        failures.subject,
        failures.expected,
        failures.found,
        failures.difference,
        failures.tolerance,
        matches.located_at,
        matches.source_page,
        matches.source_line
    from failures
    left join matches
        on matches.doc_id = failures.doc_id
        and matches.source_file = failures.source_file
        and matches.rule = failures.rule
        and matches.subject = failures.subject
        and matches.rank = 1
)

select * from final
;

comment on view report_check_failure is 'Every failed accounting check of a current document, with the page or line to open (report: department-year page).';
comment on column report_check_failure.expected is 'The figure as printed (the total side of the identity).';
comment on column report_check_failure.found is 'The figure computed from its parts.';
comment on column report_check_failure.difference is 'found − expected, in the figures'' unit (万元 unless the rule says otherwise).';
comment on column report_check_failure.located_at is 'What the page or line points at: table_line, table, project_table, score_table, function_class, function_line, narrative or three_public; null when the subject names nothing printed in the document.';
comment on column report_check_failure.source_page is 'PDF page (from 1) to open; null for text files or when not located.';
comment on column report_check_failure.source_line is 'Text files: line number to open; null for PDFs or when not located.';
comment on column report_check_failure.department_key is 'The department (dim_department.department_key) of the document checked.';
comment on column report_check_failure.fiscal_year is 'The fiscal year of the document checked.';
comment on column report_check_failure.source_file is 'File name the checked figures were read from.';
comment on column report_check_failure.doc_id is 'sha256 of the file version checked (dim_document.doc_id).';
comment on column report_check_failure.rule is 'The rule that failed: the name of its file in sql/checks (e.g. income_total_identity).';
comment on column report_check_failure.subject is 'What was checked, as fact_check_result names it (the project, the 类, the table line or the document).';
comment on column report_check_failure.tolerance is 'Allowed |difference| of the check (fact_check_result.tolerance), 万元 or points.';
