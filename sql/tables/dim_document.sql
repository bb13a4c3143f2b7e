-- dim_document: the record of every file of the raw folder that ingest read (grain: source_file):
-- the version whose facts the warehouse holds, or why it holds none.
-- Invariant (sql/load/record_violations.sql, checked inside every load and as a Dagster asset
-- check): a file's facts are in the fact tables if and only if its row here says so, for the
-- version they came from: status 'loaded' or 'partial' (loaded, with parts listed in
-- fact_unread_part), doc_id that version, fact_rows their number. 'failed' (nothing could be read),
-- 'superseded' (a newer file covers the same document) and 'duplicate' (another file has the same
-- facts) rows have no facts. A new version that fails keeps the earlier loaded row: the failure is
-- an attempt in ingest_attempt, and the version is read again by the next run.
create table if not exists dim_document (
    doc_id            varchar   not null,
    source_file       varchar   not null primary key,
    file_type         varchar   not null,
    fiscal_year       integer,
    department        varchar,
    department_key    varchar,
    doc_kind          varchar,
    subject           varchar,
    pages             integer,
    encoding          varchar,
    size_bytes        bigint,
    file_modified_at  timestamp,
    tables_recognised integer,
    unread_parts      integer   not null default 0,
    fact_rows         bigint    not null default 0,
    facts_sha256      varchar,
    status            varchar   not null,
    error             varchar,
    superseded_by     varchar,
    superseded_reason varchar,
    warnings          varchar,
    parser_version    varchar   not null,
    ingested_at       timestamp not null
);

comment on table dim_document is 'One row per file read by ingest: the version whose facts the warehouse holds (loaded, partial), or why none (failed, superseded, duplicate).';
comment on column dim_document.doc_id is 'sha256 of the bytes that were read (hex); the key facts refer to.';
comment on column dim_document.source_file is 'File name in the raw folder.';
comment on column dim_document.file_type is '''text'', ''pdf'' or ''excel'' (.xlsx, .xls).';
comment on column dim_document.fiscal_year is 'Fiscal year the document reports on (e.g. 2024).';
comment on column dim_document.department is 'Publishing department, 自治区… form (e.g. 自治区商务厅).';
comment on column dim_document.department_key is 'The department''s short name (dim_department.department_key).';
comment on column dim_document.doc_kind is '''final_accounts'' (部门决算公开说明), ''self_evaluation'' (绩效自评报告), ''evaluation_report'' (绩效评价报告) or ''unknown''.';
comment on column dim_document.subject is 'What the document is about, apart from its file name and bytes: department, year, kind and parts (a 决算公开: 说明 and 表N; an evaluation: its projects, 部门整体). No two loaded files cover the same document (the same parts; for a 决算公开 one part in common). Null when department, year or kind is unknown.';
comment on column dim_document.pages is 'Number of pages (PDF); null for text files, which have no pages.';
comment on column dim_document.encoding is 'Text encoding detected for text files (utf-8, gb18030, big5, utf-16, …).';
comment on column dim_document.size_bytes is 'File size in bytes.';
comment on column dim_document.file_modified_at is 'Modification time of the file when it was read (UTC).';
comment on column dim_document.tables_recognised is 'Number of tables of a known kind read from the file.';
comment on column dim_document.unread_parts is 'Parts printed but not read; 0 when everything was read. While the file is loaded or partial they are its rows of fact_unread_part.';
comment on column dim_document.fact_rows is 'Rows of this version in the fact tables (fact_unread_part included, fact_check_result not); 0 unless loaded or partial.';
comment on column dim_document.facts_sha256 is 'sha256 of the version''s facts without file name and positions: equal for files that say the same.';
comment on column dim_document.status is '''loaded'' (facts in the warehouse), ''partial'' (loaded, with unread_parts > 0), ''failed'' (nothing could be read; see error), ''superseded'' (another file covers the same document and counts instead; see superseded_by) or ''duplicate'' (another file with the same facts was loaded first); only loaded and partial files have facts.';
comment on column dim_document.error is 'Why the file failed, written for a person; null unless failed.';
comment on column dim_document.superseded_by is 'For superseded and duplicate files: the file whose facts count instead.';
comment on column dim_document.superseded_reason is 'Why that file counts instead: the same facts, read whole (this one has unread parts), newer, or a person''s decision in data/reference/document_overrides.csv.';
comment on column dim_document.warnings is 'Things read with a repair or skipped, one a line; null when none.';
comment on column dim_document.parser_version is 'Version of the pipeline that read the file.';
comment on column dim_document.ingested_at is 'When this version was ingested (UTC).';
