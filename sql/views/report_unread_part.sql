-- report_unread_part: every part printed but not read, with where it is and why
-- (grain: one row of fact_unread_part), for the report's data-quality page.
create or replace view report_unread_part as
with parts as (
    select * from fact_unread_part
),

final as (
    select
        parts.source_file,
        parts.doc_id,
        documents.status,
        parts.department_key,
        parts.fiscal_year,
        parts.source_page,
        parts.source_line,
        parts.part,
        parts.table_no,
        parts.table_kind,
        parts.project_name,
        parts.column_name,
        parts.reason,
        parts.printed_text
    from parts
    left join report_document as documents
        on documents.doc_id = parts.doc_id and documents.source_file = parts.source_file
)

select * from final
;

comment on view report_unread_part is 'Parts printed but not read, with page or line and reason (report: data quality).';
comment on column report_unread_part.status is 'Status of the file version the part is in (dim_document.status).';
comment on column report_unread_part.source_file is 'File the part is printed in.';
comment on column report_unread_part.doc_id is 'sha256 of the file version (dim_document.doc_id).';
comment on column report_unread_part.department_key is 'The department (dim_department.department_key) of the document; null when not recognised.';
comment on column report_unread_part.fiscal_year is 'Fiscal year of the document; null when not recognised.';
comment on column report_unread_part.source_page is 'PDF page (from 1) of the part; null for text files.';
comment on column report_unread_part.source_line is 'Text files: line number of the part.';
comment on column report_unread_part.part is '''page'', ''table'', ''row'', ''paragraph'' or ''value'' (fact_unread_part.part).';
comment on column report_unread_part.table_no is 'Ordinal of the part''s table within its document, from 1; null outside tables.';
comment on column report_unread_part.table_kind is 'Kind of the part''s table (project_2024, standard_5, …); null when unknown.';
comment on column report_unread_part.project_name is 'Project of the part''s table, as printed; null when unknown.';
comment on column report_unread_part.column_name is 'For a value: the warehouse column it was meant for (executed, amount_wan, …).';
comment on column report_unread_part.reason is 'Why it was not read, for a person (what was expected, what was found).';
comment on column report_unread_part.printed_text is 'The part''s text as printed (an excerpt).';
