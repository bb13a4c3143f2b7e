-- record_violations: every place where the record (dim_document) and the rows disagree
-- (grain: source_file × doc_id × problem); empty when the invariant holds. The invariant: a file's
-- rows are in the fact tables if and only if its dim_document row says they are, for the version
-- they came from (status loaded or partial, that doc_id, fact_rows of them); no other file's rows
-- count for the same document (one loaded file per subject: the same department, year, kind and
-- parts, or for a 决算公开 a shared 说明 or standard table); a superseded or duplicate file names
-- a loaded file that counts instead. The facts CTE is filled in by pipelines/warehouse.py: one
-- select of source_file, doc_id and the table's name per fact table of its fixed list
-- (fact_check_result included), joined with union all.
with facts as (
    {facts}
),

counted as (
    select
        source_file,
        doc_id,
        count(*) filter (where table_name <> 'fact_check_result') as fact_rows,
        count(*) filter (where table_name = 'fact_unread_part') as unread_parts
    from facts
    group by source_file, doc_id
),

current as (
    select * from dim_document where status in ('loaded', 'partial')
),

orphans as (
    select
        counted.source_file,
        counted.doc_id,
        'the fact tables hold rows of this version, but dim_document does not list it as loaded or partial' as problem
    from counted
    left join current using (source_file, doc_id)
    where current.doc_id is null
),

miscounted as (
    select
        dim_document.source_file,
        dim_document.doc_id,
        printf(
            'dim_document says %d fact rows and %d unread parts (%s); the tables hold %d and %d',
            dim_document.fact_rows, dim_document.unread_parts, dim_document.status,
            coalesce(counted.fact_rows, 0), coalesce(counted.unread_parts, 0)
        ) as problem
    from dim_document
    left join counted using (source_file, doc_id)
    where dim_document.fact_rows <> coalesce(counted.fact_rows, 0)
        or (dim_document.status in ('loaded', 'partial')
            and dim_document.unread_parts <> coalesce(counted.unread_parts, 0))
),

unknown_status as (
    select source_file, doc_id, 'unknown status ' || status as problem
    from dim_document
    where status not in ('loaded', 'partial', 'failed', 'superseded', 'duplicate')
),

subjects as (
    select
        source_file,
        doc_id,
        subject,
        split_part(subject, ': ', 1) as head,
        string_split(split_part(subject, ': ', 2), '; ') as parts,
        doc_kind
    from current
    where subject is not null and subject not like '%[kept apart: %'
),

counted_twice as (
    select one.source_file, one.doc_id,
        'another loaded file covers the same document: ' || other.source_file || ' (' || one.subject || ')' as problem
    from subjects as one
    inner join subjects as other
        on one.source_file <> other.source_file
        and one.head = other.head
        and (one.subject = other.subject or (one.doc_kind = 'final_accounts' and list_has_any(one.parts, other.parts)))
),

dangling as (
    select replaced.source_file, replaced.doc_id,
        printf('%s names %s as the file that counts instead, but that file is not loaded',
            replaced.status, coalesce(replaced.superseded_by, 'no file')) as problem
    from dim_document as replaced
    left join current on current.source_file = replaced.superseded_by
    where replaced.status in ('superseded', 'duplicate') and current.source_file is null
),

final as (
    select * from orphans
    union all
    select * from miscounted
    union all
    select * from unknown_status
    union all
    select * from counted_twice
    union all
    select * from dangling
)

select * from final order by source_file, doc_id, problem
