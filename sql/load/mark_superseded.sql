-- mark_superseded: one file ($source_file) no longer counts: another file ($superseded_by) covers
-- the same document. Its status becomes $status ('superseded' or 'duplicate') with the reason; the
-- caller deleted its facts in the same transaction.
update dim_document
set
    status = $status,
    superseded_by = $superseded_by,
    superseded_reason = $reason,
    fact_rows = 0
where source_file = $source_file
