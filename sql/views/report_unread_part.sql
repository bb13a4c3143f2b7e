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
