-- fact_document_unit: one row per unit a 决算公开说明 lists as covered by the department's 决算
-- (纳入…决算编制范围的下属预算单位包括：1.… 2.…, or the national template's table 序号 | 单位名称 | 备注)
-- (grain: doc_id × unit_name).
create table if not exists fact_document_unit (
    doc_id         varchar not null,
    source_file    varchar not null,
    source_page    integer,
    source_line    integer,
    fiscal_year    integer,
    department     varchar,
    department_key varchar,
    unit_name      varchar not null
);

comment on table fact_document_unit is 'Units a department''s 决算 says it covers (feeds dim_department.units).';
comment on column fact_document_unit.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_document_unit.source_file is 'File name the list was read from.';
comment on column fact_document_unit.source_page is 'PDF page (from 1); null for text files.';
comment on column fact_document_unit.source_line is 'Text files: line number of the list item.';
comment on column fact_document_unit.fiscal_year is 'Fiscal year of the document.';
comment on column fact_document_unit.department is 'Publishing department, 自治区… form.';
comment on column fact_document_unit.department_key is 'The department''s short name (dim_department.department_key).';
comment on column fact_document_unit.unit_name is 'The unit as printed (新疆国际博览事务局, 上海市普陀区土地发展中心（下属事业单位）).';
