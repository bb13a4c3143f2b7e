-- report_document: every file version ingest recorded, with its department, its checks and what
-- was not read, for the report's data-quality page (grain: source_file × doc_id, as dim_document).
-- Any status value shows (loaded, partial, failed, superseded, …); is_current tells the versions
-- whose facts the other report_* views use.
create or replace view report_document as
with documents as (
    select * from dim_document
),

aliases as (
    select name, any_value(department_key) as department_key
    from dim_department_member
    where kind = 'alias'
    group by name
),

fact_departments as (
    select doc_id, source_file, department_key from fact_indicator
    union all
    select doc_id, source_file, department_key from fact_project_fund
    union all
    select doc_id, source_file, department_key from fact_evaluation_score
    union all
    select doc_id, source_file, department_key from fact_budget_total
    union all
    select doc_id, source_file, department_key from fact_standard_table
    union all
    select doc_id, source_file, department_key from fact_three_public
),

by_facts as (
    select doc_id, source_file, mode(department_key) as department_key
    from fact_departments
    where department_key is not null
    group by doc_id, source_file
),

checks as (
    select doc_id, source_file, count(*) as checks_run, count(*) filter (where not passed) as checks_failed
    from fact_check_result
    group by doc_id, source_file
),

final as (
    select
        documents.doc_id,
        documents.source_file,
        documents.file_type,
        documents.status,
        documents.status in ('loaded', 'partial') as is_current,
        coalesce(aliases.department_key, by_facts.department_key) as department_key,
        documents.department,
        documents.fiscal_year,
        documents.doc_kind,
        documents.pages,
        documents.tables_recognised,
        documents.unread_parts,
        coalesce(checks.checks_run, 0) as checks_run,
        coalesce(checks.checks_failed, 0) as checks_failed,
        documents.error as reason,
        documents.warnings,
        documents.ingested_at
    from documents
    left join aliases on aliases.name = documents.department
    left join by_facts on by_facts.doc_id = documents.doc_id and by_facts.source_file = documents.source_file
    left join checks on checks.doc_id = documents.doc_id and checks.source_file = documents.source_file
)

select * from final
;

comment on view report_document is 'Every recorded file version with its department, checks and unread parts (report: data quality).';
comment on column report_document.status is 'dim_document.status as recorded: loaded, partial, failed, or any status ingest adds (superseded, …).';
comment on column report_document.is_current is 'true for loaded and partial versions: the ones whose facts the report_* views show.';
comment on column report_document.department_key is 'The department (dim_department.department_key): from the printed name, else from the document''s facts; null when not recognised.';
comment on column report_document.checks_run is 'Accounting checks evaluated on this version (fact_check_result rows).';
comment on column report_document.checks_failed is 'Of them, checks that failed.';
comment on column report_document.reason is 'Why the version failed or was set aside (dim_document.error), for a person; null when loaded.';
comment on column report_document.doc_id is 'sha256 of the bytes that were read (dim_document.doc_id).';
comment on column report_document.source_file is 'File name in the raw folder.';
comment on column report_document.file_type is '''text'', ''pdf'', ''xlsx'' or ''xls'' (dim_document.file_type).';
comment on column report_document.department is 'Publishing department as recorded in dim_document (自治区… form for Xinjiang departments).';
comment on column report_document.fiscal_year is 'Fiscal year the document reports on.';
comment on column report_document.doc_kind is 'dim_document.doc_kind: final_accounts, self_evaluation, evaluation_report or unknown.';
comment on column report_document.pages is 'Number of pages (PDF); null for text files.';
comment on column report_document.tables_recognised is 'Number of tables of a known kind read from the file.';
comment on column report_document.unread_parts is 'Parts printed but not read (rows of fact_unread_part); 0 when everything was read.';
comment on column report_document.warnings is 'Things read with a repair or skipped, one a line; null when none.';
comment on column report_document.ingested_at is 'When this version was ingested (UTC).';
