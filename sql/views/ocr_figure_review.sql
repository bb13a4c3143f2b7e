-- ocr_figure_review: every figure read by OCR that is a term of a failed accounting identity, with
-- what the identity says its value should be when it can tell (grain: failed check × figure).
-- The identities covered are those whose terms are single figures: standard_row_total,
-- standard_hierarchy_sum and standard_three_public (fact_standard_value) and project_fund_sources
-- (fact_project_fund). A figure is unsure when its confidence is below 0.9 (a standard table's
-- figure: its own cell, amount_confidence; a fund row: the row's read_confidence), or when OCR
-- withheld it (a standard table's figure fact_unread_part places by table, line and column: a term
-- with no amount). Where exactly one term of the failed identity is unsure, every other term is
-- present and no other figure was withheld on the pages of its terms, the identity determines that
-- figure: suggested_amount_wan is the value that makes it hold (the total: the sum of the parts; a
-- part: the total less the other parts). What was read is never changed: amount_wan stays as read
-- in its fact table, and a withheld figure stays out of it.
create or replace view ocr_figure_review as
with read_figures as (
    select
        doc_id, source_file, source_page, table_no, row_no, block_no, side, subject_code, item_name,
        level, parent_item, column_name, column_key, amount_wan, amount_text, read_method,
        amount_confidence as read_confidence, false as withheld
    from fact_standard_value
),

-- a figure OCR withheld (fact_unread_part names its table, line and column), as a term with no
-- amount: its line (code, name, level) is taken from the other figures of the same line, when
-- they all name the same line (in table 9 printed wide, each column is an item: not placed), and
-- its column's name from the other figures of its column
withheld_lines as (
    select
        w.doc_id, w.source_file, w.source_page, w.table_no, w.row_no, w.block_no,
        any_value(line.side) as side,
        any_value(line.subject_code) as subject_code,
        any_value(line.item_name) as item_name,
        any_value(line.level) as level,
        any_value(line.parent_item) as parent_item,
        (select any_value(c.column_name) from fact_standard_value as c
         where c.doc_id = w.doc_id and c.table_no = w.table_no and c.column_key = w.column_key) as column_name,
        w.column_key,
        null::decimal(18, 6) as amount_wan,
        w.printed_text as amount_text,
        'ocr' as read_method,
        null::double as read_confidence,
        true as withheld
    from fact_unread_part as w
    inner join fact_standard_value as line
        on line.doc_id = w.doc_id and line.table_no = w.table_no and line.row_no = w.row_no
        and line.block_no = w.block_no
    where w.part = 'value' and w.row_no is not null and w.column_key is not null
    group by all
    having count(distinct coalesce(line.subject_code, '') || '|' || coalesce(line.item_name, '')) = 1
),

withheld_figures as (
    select * from withheld_lines where column_name is not null
),

standard as (
    select * from read_figures
    union all
    select * from withheld_figures
),

row_total_parts as (
    select table_no, total_key, part_key from identity_row_total_part
),

-- standard_row_total: the line's total column and its part columns (subject as the check names it)
row_total_lines as (
    select standard.*
    from standard
    where exists (
        select 1 from row_total_parts as p where p.table_no = standard.table_no and p.total_key = standard.column_key
    )
),

row_total_terms as (
    select
        'standard_row_total' as rule,
        t.doc_id,
        '表' || t.table_no || ' ' || trim(coalesce(t.subject_code, '') || ' ' || coalesce(t.item_name, ''))
            as subject,
        'total' as role,
        t.*
    from row_total_lines as t
    union all
    select
        'standard_row_total' as rule,
        t.doc_id,
        '表' || t.table_no || ' ' || trim(coalesce(t.subject_code, '') || ' ' || coalesce(t.item_name, ''))
            as subject,
        'part' as role,
        part.*
    from row_total_lines as t
    inner join row_total_parts as p on p.table_no = t.table_no and p.total_key = t.column_key
    inner join standard as part
        on part.doc_id = t.doc_id
        and part.table_no = t.table_no
        and part.row_no = t.row_no
        and part.block_no = t.block_no
        and part.column_key = p.part_key
),

-- standard_hierarchy_sum: a 类/款 (or a total line) and the lines under it, column by column
coded as (
    select *
    from standard
    where table_no in (2, 3, 5, 6, 7, 8) and (subject_code is not null or level = '合计')
),

hierarchy_parents as (
    select * from coded where level in ('类', '款') or (level = '合计' and subject_code is null)
),

hierarchy_pairs as (
    select
        parent.doc_id,
        '表' || parent.table_no || ' ' || coalesce(parent.subject_code || ' ', '') || coalesce(parent.item_name, '')
            || ' ' || parent.column_name as subject,
        parent.table_no,
        parent.row_no as parent_row,
        parent.block_no as parent_block,
        parent.column_name as parent_column,
        child.row_no as child_row,
        child.block_no as child_block,
        child.column_name as child_column
    from hierarchy_parents as parent
    inner join coded as child
        on child.doc_id = parent.doc_id
        and child.table_no = parent.table_no
        and child.column_key = parent.column_key
        and child.subject_code is not null
        and (
            (parent.subject_code is null and child.level = '类')
            or (parent.subject_code is not null
                and length(child.subject_code) = length(parent.subject_code) + 2
                and starts_with(child.subject_code, parent.subject_code))
        )
),

hierarchy_terms as (
    select 'standard_hierarchy_sum' as rule, s.doc_id, pairs.subject, 'total' as role, s.*
    from (select distinct doc_id, subject, table_no, parent_row, parent_block, parent_column from hierarchy_pairs)
        as pairs
    inner join standard as s
        on s.doc_id = pairs.doc_id and s.table_no = pairs.table_no and s.row_no = pairs.parent_row
        and s.block_no = pairs.parent_block and s.column_name = pairs.parent_column
    union all
    select 'standard_hierarchy_sum' as rule, s.doc_id, pairs.subject, 'part' as role, s.*
    from hierarchy_pairs as pairs
    inner join standard as s
        on s.doc_id = pairs.doc_id and s.table_no = pairs.table_no and s.row_no = pairs.child_row
        and s.block_no = pairs.child_block and s.column_name = pairs.child_column
),

-- standard_three_public: table 9's 合计 and its three parts; the vehicle subtotal and its two parts
three_public_terms as (
    select
        'standard_three_public' as rule,
        doc_id,
        column_key || ' 合计' as subject,
        case when item_name = '合计' then 'total' else 'part' end as role,
        standard.*
    from standard
    where table_no = 9
        and (item_name = '合计'
            or (parent_item is null
                and (item_name in ('因公出国（境）费', '公务接待费') or item_name like '公务用车购置及运行%')))
    union all
    select
        'standard_three_public' as rule,
        s.doc_id,
        s.column_key || ' ' || vehicle.item_name as subject,
        case when s.parent_item is null then 'total' else 'part' end as role,
        s.*
    from standard as s
    inner join standard as vehicle
        on vehicle.doc_id = s.doc_id
        and vehicle.table_no = 9
        and vehicle.column_key = s.column_key
        and vehicle.parent_item is null
        and vehicle.item_name like '公务用车购置及运行%'
    where s.table_no = 9
        and ((s.parent_item is null and s.item_name = vehicle.item_name) or s.parent_item like '公务用车购置及运行%')
),

standard_terms as (
    select
        rule,
        doc_id,
        subject,
        role,
        'fact_standard_value' as fact_table,
        source_page,
        '表' || table_no || ' ' || trim(coalesce(subject_code, '') || ' ' || coalesce(item_name, '')) || ' / '
            || column_name as figure,
        subject_code,
        item_name,
        amount_wan,
        amount_text as printed_text,
        read_method,
        read_confidence,
        withheld,
        table_no,
        row_no,
        block_no,
        column_key
    from (
        select rule, doc_id, subject, role, source_page, table_no, row_no, block_no, column_key, subject_code,
            item_name, column_name, amount_wan, amount_text, read_method, read_confidence, withheld
        from row_total_terms
        union all
        select rule, doc_id, subject, role, source_page, table_no, row_no, block_no, column_key, subject_code,
            item_name, column_name, amount_wan, amount_text, read_method, read_confidence, withheld
        from hierarchy_terms
        union all
        select rule, doc_id, subject, role, source_page, table_no, row_no, block_no, column_key, subject_code,
            item_name, column_name, amount_wan, amount_text, read_method, read_confidence, withheld
        from three_public_terms
    )
    where amount_wan is not null or withheld
),

-- project_fund_sources: a project's 年度资金总额 and its fund sources, for 全年预算数 and 全年执行数
fund_terms as (
    select
        'project_fund_sources' as rule,
        f.doc_id,
        (any_value(f.project_name) over (partition by f.doc_id, f.table_no)) || ' ' || m.measure as subject,
        case when f.fund_source = 'total' then 'total' else 'part' end as role,
        'fact_project_fund' as fact_table,
        f.source_page,
        coalesce(f.project_name, '') || ' ' || coalesce(f.fund_label, f.fund_source) || ' / ' || m.measure as figure,
        null::varchar as subject_code,
        f.fund_label as item_name,
        case when m.measure = '全年预算数' then f.budget_full_year else f.executed end as amount_wan,
        case when m.measure = '全年预算数' then f.budget_full_year_text else f.executed_text end as printed_text,
        f.read_method,
        f.read_confidence,
        false as withheld,
        null::integer as table_no,
        null::integer as row_no,
        null::integer as block_no,
        null::varchar as column_key
    from fact_project_fund as f
    cross join (values ('全年预算数'), ('全年执行数')) as m(measure)
),

terms as (
    select * from standard_terms
    union all
    select * from fund_terms where amount_wan is not null
),

failed as (
    select doc_id, source_file, rule, subject, expected, found, difference
    from fact_check_result
    where not passed and expected is not null and found is not null
),

identity_terms as (
    select
        failed.*,
        terms.role,
        terms.fact_table,
        terms.source_page,
        terms.figure,
        terms.subject_code,
        terms.item_name,
        terms.amount_wan,
        terms.printed_text,
        terms.read_method,
        terms.read_confidence,
        terms.withheld,
        terms.withheld or coalesce(terms.read_confidence < 0.9, false) as unsure,
        terms.table_no,
        terms.row_no,
        terms.block_no,
        terms.column_key
    from failed
    inner join terms on terms.doc_id = failed.doc_id and terms.rule = failed.rule and terms.subject = failed.subject
),

by_identity as (
    select
        doc_id,
        rule,
        subject,
        count(*) filter (where unsure) as unsure_terms,
        count(*) filter (where role = 'total') as totals,
        max(amount_wan) filter (where role = 'total') as total_amount,
        coalesce(sum(amount_wan) filter (where role = 'part'), 0) as parts_amount,
        list(distinct source_page) as pages
    from identity_terms
    group by doc_id, rule, subject
),

-- the values not read on the pages of an identity's terms whose place is not known (one of them
-- may be a term the identity does not know it has); a withheld figure placed in withheld_figures
-- is a term of the identities it belongs to, and known not to be one of the others
identity_withheld as (
    select b.doc_id, b.rule, b.subject, count(w.doc_id) as withheld
    from by_identity as b
    left join fact_unread_part as w
        on w.doc_id = b.doc_id
        and w.part = 'value'
        and list_contains(b.pages, w.source_page)
        and not exists (
            select 1
            from withheld_figures as placed
            where placed.doc_id = w.doc_id and placed.table_no = w.table_no and placed.row_no = w.row_no
                and placed.block_no = w.block_no and placed.column_key = w.column_key
        )
    group by b.doc_id, b.rule, b.subject
),

final as (
    select
        t.doc_id,
        t.source_file,
        t.rule,
        t.subject,
        t.expected,
        t.found,
        t.difference,
        t.role,
        t.fact_table,
        t.source_page,
        t.figure,
        t.subject_code,
        t.item_name,
        t.amount_wan,
        t.printed_text,
        t.read_confidence,
        t.unsure,
        t.withheld,
        b.unsure_terms,
        case
            when t.unsure and b.unsure_terms = 1 and b.totals = 1 and w.withheld = 0
                and b.total_amount = t.expected and b.parts_amount = t.found
                then case when t.role = 'total' then t.found else t.expected - (t.found - coalesce(t.amount_wan, 0)) end
        end::decimal(18, 6) as suggested_amount_wan,
        case
            when w.withheld > 0
                then 'a figure on the page of its terms was withheld (see fact_unread_part): a term may be missing'
            when b.totals <> 1 or b.total_amount <> t.expected or b.parts_amount <> t.found
                then 'the figures found for this identity are not exactly its terms (a line printed twice?)'
            when b.unsure_terms = 0
                then 'OCR was sure of every term: a misread OCR did not notice, or the figures as printed do not add up'
            when b.unsure_terms > 1 then 'more than one term is unsure: the identity cannot tell which is wrong'
            when not t.unsure then 'another term is the unsure one'
            when t.role = 'total' then 'the only unsure term: the sum of the parts'
            when t.withheld then 'withheld by OCR, the only unsure term: the total less the other parts'
            else 'the only unsure term: the total less the other parts'
        end as suggestion_reason
    from identity_terms as t
    inner join by_identity as b on b.doc_id = t.doc_id and b.rule = t.rule and b.subject = t.subject
    inner join identity_withheld as w on w.doc_id = t.doc_id and w.rule = t.rule and w.subject = t.subject
    where t.read_method = 'ocr'
)

select * from final;

comment on view ocr_figure_review is 'Figures read by OCR that are terms of a failed accounting identity, with the value the identity gives where it can tell; what was read is never changed.';
comment on column ocr_figure_review.doc_id is 'sha256 of the document (dim_document.doc_id).';
comment on column ocr_figure_review.source_file is 'File name of the document.';
comment on column ocr_figure_review.rule is 'The failed check (fact_check_result.rule): standard_row_total, standard_hierarchy_sum, standard_three_public or project_fund_sources.';
comment on column ocr_figure_review.subject is 'What the check checked (fact_check_result.subject).';
comment on column ocr_figure_review.expected is 'The identity''s total as read (fact_check_result.expected), 万元.';
comment on column ocr_figure_review.found is 'The sum of its parts as read (fact_check_result.found), 万元.';
comment on column ocr_figure_review.difference is 'found − expected, 万元.';
comment on column ocr_figure_review.role is '''total'' (the figure is the identity''s total) or ''part'' (one of the figures summed).';
comment on column ocr_figure_review.fact_table is 'The fact table the figure is in: fact_standard_value or fact_project_fund.';
comment on column ocr_figure_review.source_page is 'PDF page (from 1) the figure was read on.';
comment on column ocr_figure_review.figure is 'Which figure: table, code and name of its line, and column (a fund row: project, fund label and measure).';
comment on column ocr_figure_review.subject_code is '科目编码 of the figure''s line, where it has one.';
comment on column ocr_figure_review.item_name is '科目名称 / 项目 of the figure''s line (a fund row: its label).';
comment on column ocr_figure_review.amount_wan is 'The figure as read and loaded, 万元; null for a withheld figure.';
comment on column ocr_figure_review.printed_text is 'The figure''s text as OCR read it.';
comment on column ocr_figure_review.read_confidence is 'How sure OCR was of the figure, 0–1 (a standard table: its own cell, amount_confidence; a fund row: the row''s read_confidence).';
comment on column ocr_figure_review.unsure is 'true when read_confidence < 0.9, or the figure was withheld.';
comment on column ocr_figure_review.withheld is 'true when OCR withheld the figure (too unsure to load it; fact_unread_part says what it read): amount_wan and read_confidence are null, printed_text is what OCR read.';
comment on column ocr_figure_review.unsure_terms is 'How many terms of the identity are unsure.';
comment on column ocr_figure_review.suggested_amount_wan is 'The value the identity gives this figure, 万元, when it is the one unsure (or withheld) term, every other term was read and no other figure withheld on their pages; null otherwise. For a person to confirm against the scan; never loaded.';
comment on column ocr_figure_review.suggestion_reason is 'Why there is, or is not, a suggestion.';
