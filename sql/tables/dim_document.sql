-- dim_document: one row per file version seen by ingest (grain: source_file × doc_id).
-- A file whose facts are in the warehouse has status 'loaded', or 'partial' when some of its parts
-- could not be read (listed in fact_unread_part); a file of which nothing could be read has status
-- 'failed' and the reason in error, and its earlier loaded version (if any) keeps its row.
create table if not exists dim_document (
    doc_id            varchar   not null,
    source_file       varchar   not null,
    file_type         varchar   not null,
    fiscal_year       integer,
    department        varchar,
    doc_kind          varchar,
    pages             integer,
    encoding          varchar,
    size_bytes        bigint,
    tables_recognised integer,
    unread_parts      integer   not null default 0,
    status            varchar   not null,
    error             varchar,
    warnings          varchar,
    parser_version    varchar   not null,
    ingested_at       timestamp not null,
    primary key (source_file, doc_id)
);

comment on table dim_document is 'One row per file version seen by ingest; status loaded, partial or failed.';
comment on column dim_document.doc_id is 'sha256 of the file''s bytes (hex); the key facts refer to.';
comment on column dim_document.source_file is 'File name in the raw folder.';
comment on column dim_document.file_type is '''text'' or ''pdf''.';
comment on column dim_document.fiscal_year is 'Fiscal year the document reports on (e.g. 2024).';
comment on column dim_document.department is 'Publishing department, 自治区… form (e.g. 自治区商务厅).';
comment on column dim_document.doc_kind is '''final_accounts'' (部门决算公开说明), ''self_evaluation'' (绩效自评报告), ''evaluation_report'' (绩效评价报告) or ''unknown''.';
comment on column dim_document.pages is 'Number of pages (PDF); null for text files, which have no pages.';
comment on column dim_document.encoding is 'Text encoding detected for text files (utf-8, gb18030, …).';
comment on column dim_document.size_bytes is 'File size in bytes.';
comment on column dim_document.tables_recognised is 'Number of tables of a known kind read from the file.';
comment on column dim_document.unread_parts is 'Parts printed but not read (rows of fact_unread_part); 0 when everything was read.';
comment on column dim_document.status is '''loaded'' (facts in the warehouse), ''partial'' (loaded, with unread_parts > 0) or ''failed'' (nothing could be read; see error).';
comment on column dim_document.error is 'Why the file failed, written for a person; null when loaded.';
comment on column dim_document.warnings is 'Things read with a repair or skipped, one a line; null when none.';
comment on column dim_document.parser_version is 'Version of the pipeline that read the file.';
comment on column dim_document.ingested_at is 'When this version was ingested (UTC).';
