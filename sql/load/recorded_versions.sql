-- recorded_versions: what ingest knows of every file version, for planning the next run
-- (grain: source_file × doc_id). A version is read again unless the record holds it (dim_document,
-- by this parser version) and its latest attempt did not ask for a retry. `settled` counts the
-- attempts that ended in a record (loaded, partial, superseded, duplicate): the sensor's run key
-- changes with it, so a version whose record was reset is read again.
with attempts as (
    select
        source_file,
        doc_id,
        parser_version,
        retry,
        outcome,
        row_number() over (partition by source_file, doc_id order by attempted_at desc, run_id desc) as recency
    from ingest_attempt
    where doc_id is not null
),

latest as (
    select source_file, doc_id, parser_version as attempt_parser, retry
    from attempts
    where recency = 1
),

settled as (
    select source_file, doc_id, count(*) as settled
    from attempts
    where outcome in ('loaded', 'partial', 'superseded', 'duplicate')
    group by source_file, doc_id
),

versions as (
    select source_file, doc_id from dim_document
    union
    select source_file, doc_id from latest
),

final as (
    select
        versions.source_file,
        versions.doc_id,
        dim_document.status,
        dim_document.parser_version,
        latest.attempt_parser,
        coalesce(latest.retry, false) as retry,
        coalesce(settled.settled, 0) as settled
    from versions
    left join dim_document using (source_file, doc_id)
    left join latest using (source_file, doc_id)
    left join settled using (source_file, doc_id)
)

select * from final order by source_file, doc_id
