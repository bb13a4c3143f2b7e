-- fact_project_score: one row per project table that prints a 总分 row (grain: doc_id × table_no).
create table if not exists fact_project_score (
    doc_id           varchar not null,
    source_file      varchar not null,
    source_page      integer,
    source_line      integer,
    table_no         integer not null,
    table_kind       varchar not null,
    fiscal_year      integer,
    department       varchar,
    department_key       varchar,
    unit_name        varchar,
    project_name     varchar,
    project_key          varchar,
    total_weight     decimal(18, 6),
    total_score      decimal(18, 6),
    total_score_text varchar,
    read_method  varchar,
    read_confidence double
);

comment on table fact_project_score is 'The 总分 of each project table.';
comment on column fact_project_score.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_project_score.source_file is 'File name the row was read from.';
comment on column fact_project_score.source_page is 'PDF page (from 1); null for text files.';
comment on column fact_project_score.source_line is 'Text files: line number of the 总分 row.';
comment on column fact_project_score.table_no is 'Ordinal of the project table within its document (joins fact_project_fund.table_no).';
comment on column fact_project_score.table_kind is 'Layout read (project_2024).';
comment on column fact_project_score.fiscal_year is 'Fiscal year printed on the table, else the document''s.';
comment on column fact_project_score.department is 'Publishing department, 自治区… form.';
comment on column fact_project_score.unit_name is '实施单位 as printed.';
comment on column fact_project_score.project_name is '项目名称 as printed.';
comment on column fact_project_score.total_weight is 'Total weight printed in the 总分 row, in points (normally 100).';
comment on column fact_project_score.total_score is '总分, in points (89.34 for 89.34分).';
comment on column fact_project_score.total_score_text is '总分 as printed.';
comment on column fact_project_score.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
comment on column fact_project_score.project_key is 'The project across years (dim_project.project_key); filled when the dimensions are rebuilt after a load.';
comment on column fact_project_score.read_method is 'How the figure was read: ''text'' (a text file), ''pdf_text_layer'' (the characters of a PDF page), ''excel'' (the cells of a workbook) or ''ocr'' (a scanned page read by OCR; see read_confidence and the view ocr_figure_review).';
comment on column fact_project_score.read_confidence is 'OCR only: how sure OCR was, 0–1, the least confidence of the 总分 row''s cells; below 0.9 means unsure (figures below 0.6 are never loaded). Null for the other methods, which read exactly what the file holds.';
