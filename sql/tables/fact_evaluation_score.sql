-- fact_evaluation_score: one row per line of the 评分表 / 得分表 of a 绩效评价报告, the 合计 line
-- included with is_total = true (grain: doc_id × table_no × indicator).
create table if not exists fact_evaluation_score (
    doc_id          varchar not null,
    source_file     varchar not null,
    source_page     integer,
    source_line     integer,
    table_no        integer not null,
    fiscal_year     integer,
    department      varchar,
    department_key       varchar,
    unit_name       varchar,
    project_name    varchar,
    project_key          varchar,
    indicator       varchar not null,
    is_total        boolean not null,
    weight          decimal(18, 6),
    score           decimal(18, 6),
    score_rate      decimal(18, 6),
    grade           varchar,
    score_text      varchar,
    score_rate_text varchar,
    read_method  varchar,
    read_confidence double
);

comment on table fact_evaluation_score is 'Lines of the 评分表 of a 绩效评价报告, with its 合计.';
comment on column fact_evaluation_score.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_evaluation_score.source_file is 'File name the row was read from.';
comment on column fact_evaluation_score.source_page is 'PDF page (from 1); null for text files.';
comment on column fact_evaluation_score.source_line is 'Text files: line number of the row (of the heading row for a transposed table).';
comment on column fact_evaluation_score.table_no is 'Ordinal of the table within its document, from 1.';
comment on column fact_evaluation_score.fiscal_year is 'Fiscal year of the evaluated spending.';
comment on column fact_evaluation_score.department is 'Publishing department, 自治区… form.';
comment on column fact_evaluation_score.unit_name is 'Evaluated unit (被评价单位 / 部门单位名称) as printed.';
comment on column fact_evaluation_score.project_name is 'Evaluated project, from the table title (“…”评分表) or the report.';
comment on column fact_evaluation_score.indicator is '一级指标 as printed (A.项目决策); 合计 for the total line.';
comment on column fact_evaluation_score.is_total is 'true for the 合计 / 合计分值 line.';
comment on column fact_evaluation_score.weight is '权重, in points.';
comment on column fact_evaluation_score.score is '得分, in points.';
comment on column fact_evaluation_score.score_rate is '得分率, in percent (90.00 for 90.00%).';
comment on column fact_evaluation_score.grade is 'Grade the report states (优/良/中/差), on the total line only.';
comment on column fact_evaluation_score.score_text is '得分 as printed.';
comment on column fact_evaluation_score.score_rate_text is '得分率 as printed.';
comment on column fact_evaluation_score.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
comment on column fact_evaluation_score.project_key is 'The project across years (dim_project.project_key); filled when the dimensions are rebuilt after a load.';
comment on column fact_evaluation_score.read_method is 'How the figure was read: ''text'' (a text file), ''pdf_text_layer'' (the characters of a PDF page), ''excel'' (the cells of a workbook) or ''ocr'' (a scanned page read by OCR; see read_confidence and the view ocr_figure_review).';
comment on column fact_evaluation_score.read_confidence is 'OCR only: how sure OCR was, 0–1, the least confidence of the row''s cells; below 0.9 means unsure (figures below 0.6 are never loaded). Null for the other methods, which read exactly what the file holds.';
