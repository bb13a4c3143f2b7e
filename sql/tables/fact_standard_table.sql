-- fact_standard_table: one row per standard table (公开01表 … 公开09表) found in a document
-- (grain: doc_id × table_no). table_no is our standard number, found from the title whatever
-- number the document prints; tables printed empty are recorded with is_empty = true.
create table if not exists fact_standard_table (
    doc_id        varchar not null,
    source_file   varchar not null,
    source_page   integer,
    source_line   integer,
    fiscal_year   integer,
    department    varchar,
    department_key       varchar,
    table_no      integer not null,
    table_key     varchar not null,
    title_printed varchar,
    label_printed varchar,
    unit_printed  varchar,
    is_empty      boolean not null,
    note          varchar,
    body_rows     integer,
    value_count   integer,
    printed_no    integer,
    blocks        integer
);

comment on table fact_standard_table is 'The nine standard tables of a 部门决算公开 found in each document.';
comment on column fact_standard_table.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_standard_table.source_file is 'File name the table was read from.';
comment on column fact_standard_table.source_page is 'PDF page (from 1) of the title; null for text files.';
comment on column fact_standard_table.source_line is 'Text files: line number of the title.';
comment on column fact_standard_table.fiscal_year is 'Fiscal year of the document.';
comment on column fact_standard_table.department is 'Publishing department, 自治区… form.';
comment on column fact_standard_table.table_no is 'Our standard number 1–9, from the title (1 收入支出决算总表, 2 收入决算表, 3 支出决算表, 4 财政拨款收入支出决算总表, 5 一般公共预算财政拨款支出决算表, 6 一般公共预算财政拨款基本支出决算表, 7 政府性基金预算财政拨款收入支出决算表, 8 国有资本经营预算财政拨款收入支出决算表, 9 财政拨款“三公”经费支出决算表), whatever number the document prints.';
comment on column fact_standard_table.table_key is 'Standard title (财政拨款三公经费支出决算表 without quotes); variants map to it (“三公”经费及会议费、培训费支出决算表 → 9, 国有资本经营预算财政拨款支出决算表 → 8).';
comment on column fact_standard_table.title_printed is 'Title as printed (e.g. 《收入支出决算总表》).';
comment on column fact_standard_table.label_printed is 'Table number as printed with the title (公开01表, 表一, 附表1), if any.';
comment on column fact_standard_table.unit_printed is '单位 as printed: 万元 or 元.';
comment on column fact_standard_table.is_empty is 'true when the table has no figures (the department has none of that fund).';
comment on column fact_standard_table.note is 'The note that the table is empty, as printed above or below it (注：本单位无…，故本表为空表。 / 说明：…故本表无数据。).';
comment on column fact_standard_table.body_rows is 'Rows of figures read (heading rows not counted).';
comment on column fact_standard_table.value_count is 'Figures read into fact_standard_value.';
comment on column fact_standard_table.printed_no is 'The number the document gives the table: from its label (公开07表 → 7, 表七 → 7) or else its entry in the document''s list of tables (七、财政拨款“三公”经费支出决算表 → 7); 上海 numbers 三公 7, 政府性基金 8, 国有资本经营 9.';
comment on column fact_standard_table.blocks is 'Blocks printed side by side: 2 for the 收入 | 支出 halves of tables 1 and 4 and for table 6 as 人员经费 | 公用经费, 3 when 公用经费 continues in a third block; 1 otherwise.';
comment on column fact_standard_table.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
