-- ingest_attempt: one row per attempt to read a file (grain: run_id × source_file), whatever its
-- outcome; the history behind dim_document. A version whose latest attempt says retry is read
-- again by the next run (a failed re-read of a loaded file, a time or memory limit, an I/O error).
create table if not exists ingest_attempt (
    run_id         varchar   not null,
    attempted_at   timestamp not null,
    source_file    varchar   not null,
    doc_id         varchar,
    size_bytes     bigint,
    parser_version varchar   not null,
    outcome        varchar   not null,
    reason         varchar,
    retry          boolean   not null,
    kept_doc_id    varchar
);

comment on table ingest_attempt is 'Every attempt to read a file, with its outcome: the history behind dim_document.';
comment on column ingest_attempt.run_id is 'The ingest run (its Dagster run id).';
comment on column ingest_attempt.attempted_at is 'When the attempt was recorded (UTC).';
comment on column ingest_attempt.source_file is 'File name in the raw folder.';
comment on column ingest_attempt.doc_id is 'sha256 of the bytes read; null when the file could not be read at all.';
comment on column ingest_attempt.size_bytes is 'Bytes read (or the size listed when the file could not be read).';
comment on column ingest_attempt.parser_version is 'Version of the pipeline that made the attempt.';
comment on column ingest_attempt.outcome is '''loaded'', ''partial'', ''failed'', ''unreadable'' (the file could not be opened or read), ''superseded'', ''duplicate'' (see dim_document.status) or ''removed'' (by python -m pipelines remove-file).';
comment on column ingest_attempt.reason is 'Why, for a person: the failure, or the file that counts instead; null when loaded.';
comment on column ingest_attempt.retry is 'true when the next run reads this version again (a failed re-read of a loaded file, a time or memory limit, an I/O error).';
comment on column ingest_attempt.kept_doc_id is 'The version of this file whose facts the warehouse holds after the attempt (dim_document.doc_id when loaded or partial); null when none.';
