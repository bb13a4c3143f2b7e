-- fact_standard_value: one row per figure printed in a standard table (grain: doc_id × table_no
-- × row × column). Amounts in 万元; tables printed in 元 are converted, the printed text kept.
create table if not exists fact_standard_value (
    doc_id       varchar not null,
    source_file  varchar not null,
    source_page  integer,
    source_line  integer,
    fiscal_year  integer,
    department   varchar,
    department_key       varchar,
    table_no     integer not null,
    table_key    varchar not null,
    side         varchar,
    line_no      varchar,
    subject_code varchar,
    level        varchar,
    item_name    varchar,
    class_name   varchar,
    section_name varchar,
    column_name  varchar not null,
    amount_wan   decimal(18, 6),
    amount_text  varchar not null,
    unit_printed varchar
);

comment on table fact_standard_value is 'Every figure of the nine standard tables, one row per printed cell.';
comment on column fact_standard_value.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_standard_value.source_file is 'File name the figure was read from.';
comment on column fact_standard_value.source_page is 'PDF page (from 1) of the figure''s row.';
comment on column fact_standard_value.source_line is 'Text files: line number of the row.';
comment on column fact_standard_value.fiscal_year is 'Fiscal year of the document.';
comment on column fact_standard_value.department is 'Publishing department, 自治区… form.';
comment on column fact_standard_value.table_no is 'Standard number 1–9 (see fact_standard_table).';
comment on column fact_standard_value.table_key is 'Standard title of the table.';
comment on column fact_standard_value.side is 'Tables 1 and 4: 收入 or 支出 (the half the figure is in); null otherwise.';
comment on column fact_standard_value.line_no is '行次 as printed (tables 1 and 4).';
comment on column fact_standard_value.subject_code is '科目编码, all parts joined (201, 20113, 2011301; 301, 30101), whether printed as one code or as 类/款/项 columns.';
comment on column fact_standard_value.level is '类, 款 or 项 (from the code''s length), 合计 for the total row; null for named lines.';
comment on column fact_standard_value.item_name is '科目名称 / 项目 as printed, without 其中： or 一、 numbering.';
comment on column fact_standard_value.class_name is 'Name of the 类 the line belongs to (coded tables).';
comment on column fact_standard_value.section_name is 'Name of the 款 the line belongs to (coded tables, 项 and 款 lines).';
comment on column fact_standard_value.column_name is 'The column''s heading path, /-joined (本年支出/小计, 金额, 预算数).';
comment on column fact_standard_value.amount_wan is 'The figure in 万元.';
comment on column fact_standard_value.amount_text is 'The figure as printed (in unit_printed).';
comment on column fact_standard_value.unit_printed is '单位 printed on the table: 万元 or 元.';
comment on column fact_standard_value.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
