-- report_document_status: how many file versions have each status (grain: status; every status
-- value present in dim_document shows, superseded included when ingest records it).
create or replace view report_document_status as
with documents as (
    select * from report_document
),

final as (
    select
        status,
        count(*) as files,
        count(*) filter (where unread_parts > 0) as files_with_unread_parts,
        coalesce(sum(unread_parts), 0) as unread_parts,
        count(*) filter (where department_key is null or fiscal_year is null) as files_without_department_year
    from documents
    group by status
)

select * from final
;

comment on view report_document_status is 'File versions by status (report: data quality).';
comment on column report_document_status.status is 'dim_document.status: loaded, partial, failed, or any other status ingest records.';
comment on column report_document_status.files is 'File versions with this status.';
comment on column report_document_status.files_with_unread_parts is 'Of them, versions with parts printed but not read.';
comment on column report_document_status.unread_parts is 'Parts printed but not read in these versions (dim_document.unread_parts).';
comment on column report_document_status.files_without_department_year is 'Of them, versions whose department or fiscal year was not recognised (not on any department page).';
