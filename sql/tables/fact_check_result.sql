-- fact_check_result: one row per accounting check evaluated on a loaded document
-- (grain: doc_id × rule × subject). The rules are the identities of DOMAIN.md, one SQL file each
-- in sql/checks; a failed check never stops a document from loading.
create table if not exists fact_check_result (
    doc_id      varchar not null,
    source_file varchar not null,
    rule        varchar not null,
    subject     varchar not null,
    expected    decimal(18, 6),
    found       decimal(18, 6),
    difference  decimal(18, 6),
    tolerance   decimal(18, 6),
    passed      boolean not null,
    checked_at  timestamp not null
);

comment on table fact_check_result is 'Accounting identities checked on each loaded document.';
comment on column fact_check_result.doc_id is 'sha256 of the checked file (dim_document.doc_id).';
comment on column fact_check_result.source_file is 'File name of the checked document.';
comment on column fact_check_result.rule is 'The rule: the name of its file in sql/checks (e.g. income_total_identity).';
comment on column fact_check_result.subject is 'What was checked (e.g. the project, the 类, or the document).';
comment on column fact_check_result.expected is 'The figure as printed (the total side of the identity).';
comment on column fact_check_result.found is 'The figure computed from its parts.';
comment on column fact_check_result.difference is 'found − expected, in the figures'' unit (万元 unless the rule says otherwise).';
comment on column fact_check_result.tolerance is 'Allowed |difference|: 0.01 per summed line (万元 rounding).';
comment on column fact_check_result.passed is 'true when |difference| <= tolerance.';
comment on column fact_check_result.checked_at is 'When the check ran (UTC).';
