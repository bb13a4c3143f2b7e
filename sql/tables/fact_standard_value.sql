-- fact_standard_value: one row per figure printed in a standard table (grain: doc_id × table_no
-- × row_no × block_no × column_name). Amounts in 万元; tables printed in 元 are converted, the
-- printed text kept. Every figure has its item (item_name or subject_code) and its column.
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
    unit_printed varchar,
    column_key   varchar not null,
    parent_item  varchar,
    block_no     integer not null,
    row_no       integer not null,
    read_method  varchar,
    read_confidence double,
    amount_confidence double
);

comment on table fact_standard_value is 'Every figure of the nine standard tables, one row per printed cell.';
comment on column fact_standard_value.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_standard_value.source_file is 'File name the figure was read from.';
comment on column fact_standard_value.source_page is 'PDF page (from 1) of the figure''s row; Excel workbooks: the sheet''s number in the workbook (from 1).';
comment on column fact_standard_value.source_line is 'Text files: line number of the row; Excel workbooks: row number in the sheet.';
comment on column fact_standard_value.fiscal_year is 'Fiscal year of the document.';
comment on column fact_standard_value.department is 'Publishing department, 自治区… form.';
comment on column fact_standard_value.table_no is 'Standard number 1–9 (see fact_standard_table).';
comment on column fact_standard_value.table_key is 'Standard title of the table.';
comment on column fact_standard_value.side is 'Tables 1 and 4: 收入 or 支出 (the half the figure is in); null otherwise.';
comment on column fact_standard_value.block_no is 'The block the figure is printed in, from the left, for tables printed in blocks side by side (1 收入 | 2 支出 in tables 1 and 4; 1 人员经费 | 2 公用经费 | 3 公用经费 continued in table 6); 1 otherwise.';
comment on column fact_standard_value.row_no is 'The row of figures the figure is on, counted from the table''s first row of figures (1); heading rows not counted.';
comment on column fact_standard_value.line_no is '行次 as printed (tables 1 and 4).';
comment on column fact_standard_value.subject_code is '科目编码, all parts joined (201, 20113, 2011301; 301, 30101), whether printed as one code or as 类/款/项 columns.';
comment on column fact_standard_value.level is '类, 款 or 项 (from the code''s length: 3, 5, 7 digits; 经济分类 301 类, 30101 款); 类 also for the named 类 lines of tables 1 and 4 (一般公共服务支出); 合计 for the total lines of coded tables (合计, 人员经费合计, 公用经费合计) and of table 9; null for other named lines.';
comment on column fact_standard_value.item_name is '科目名称 / 项目 as printed, without 其中： or 一、 numbering; in table 9 printed across, the category from the column heading (因公出国（境）费).';
comment on column fact_standard_value.parent_item is 'The line a sub-line belongs to: in table 4 the 一般公共预算财政拨款 line under 年初财政拨款结转和结余 has parent 年初财政拨款结转和结余 (income line 1 has none); 其中： lines their line above; 公务用车购置费 / 公务用车运行费 their 公务用车购置及运行费. Null for lines of their own.';
comment on column fact_standard_value.class_name is 'Name of the 类 the line belongs to (coded tables).';
comment on column fact_standard_value.section_name is 'Name of the 款 the line belongs to (coded tables, 项 and 款 lines).';
comment on column fact_standard_value.column_name is 'The column''s heading path as printed, /-joined (本年支出/小计, 金额, 决算数, 财政拨款“三公”经费/公务接待费/预算数); the 收入/支出 heading of tables 1 and 4 is in side.';
comment on column fact_standard_value.column_key is 'Our standard name of the column, the same whatever the layout: table 1 and the 收入 half of 4 金额 (printed 金额 or 决算数); 2 本年收入合计 … 其他收入; 3 本年支出合计, 基本支出 …; 4 支出 合计, 一般公共预算财政拨款, 政府性基金预算财政拨款, 国有资本经营预算财政拨款; 5 合计 (printed 合计 or 本年支出/小计), 基本支出, 项目支出; 6 合计, 人员经费, 公用经费 (in blocks: the block''s 人员经费 or 公用经费); 7/8 the heading path (本年支出/合计); 9 预算数 or 决算数.';
comment on column fact_standard_value.amount_wan is 'The figure in 万元.';
comment on column fact_standard_value.amount_text is 'The figure as printed (in unit_printed).';
comment on column fact_standard_value.unit_printed is '单位 printed on the table: 万元 or 元.';
comment on column fact_standard_value.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
comment on column fact_standard_value.read_method is 'How the figure was read: ''text'' (a text file), ''pdf_text_layer'' (the characters of a PDF page), ''excel'' (the cells of a workbook) or ''ocr'' (a scanned page read by OCR; see read_confidence and the view ocr_figure_review).';
comment on column fact_standard_value.read_confidence is 'OCR only: how sure OCR was, 0–1, the least confidence of the figure''s cell and the code and name cells of its line; below 0.9 means unsure (figures below 0.6 are never loaded). Null for the other methods, which read exactly what the file holds.';
comment on column fact_standard_value.amount_confidence is 'OCR only: how sure OCR was of the figure''s own cell, 0–1 (read_confidence also counts its code and name cells). ocr_figure_review judges figures by it. Null for the other methods.';
