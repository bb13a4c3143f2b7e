-- fact_unread_part: one row per part of a document that was printed but not read into facts
-- (grain: doc_id × part, in reading order): a page without a text layer, a table cut short or of a
-- layout that broke its reader, a row with more or fewer cells than its heading, a paragraph's
-- figures, or one value that does not fit its column. A document with unread parts is loaded with
-- status 'partial': everything else in it is in the fact tables, and nothing here is.
create table if not exists fact_unread_part (
    doc_id         varchar not null,
    source_file    varchar not null,
    source_page    integer,
    source_line    integer,
    fiscal_year    integer,
    department     varchar,
    department_key varchar,
    part           varchar not null,
    table_no       integer,
    table_kind     varchar,
    project_name   varchar,
    column_name    varchar,
    row_no         integer,
    block_no       integer,
    column_key     varchar,
    reason         varchar not null,
    printed_text   varchar
);

comment on table fact_unread_part is 'What was printed but not read, with where and why (a document with any is partial).';
comment on column fact_unread_part.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_unread_part.source_file is 'File name the part is in.';
comment on column fact_unread_part.source_page is 'PDF page (from 1) of the part; null for text files.';
comment on column fact_unread_part.source_line is 'Text files: line number of the part.';
comment on column fact_unread_part.fiscal_year is 'Fiscal year of the document.';
comment on column fact_unread_part.department is 'Publishing department, 自治区… form.';
comment on column fact_unread_part.department_key is 'The department''s short name (dim_department.department_key).';
comment on column fact_unread_part.part is '''page'', ''table'', ''row'', ''paragraph'' or ''value''.';
comment on column fact_unread_part.table_no is 'Ordinal of the table within its document (fact_*.table_no), when the part is in one.';
comment on column fact_unread_part.table_kind is 'Kind of the table the part is in (project_2024, standard_06, …), when known.';
comment on column fact_unread_part.project_name is 'Project whose table the part is in, when known.';
comment on column fact_unread_part.column_name is 'For a value: the warehouse column it was meant for (executed, amount_wan, …).';
comment on column fact_unread_part.row_no is 'A standard table''s figure OCR withheld: the row_no of its line (as fact_standard_value.row_no).';
comment on column fact_unread_part.block_no is 'A standard table''s figure OCR withheld: the block_no of its line (as fact_standard_value.block_no).';
comment on column fact_unread_part.column_key is 'A standard table''s figure OCR withheld: its column (as fact_standard_value.column_key); with table_no, row_no and block_no it says which figure of the table is missing.';
comment on column fact_unread_part.reason is 'Why it was not read, for a person (what was expected, what was found).';
comment on column fact_unread_part.printed_text is 'The start of what is printed there, one line.';
