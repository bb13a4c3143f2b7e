-- fact_project_fund: one row per project table and fund source (grain: doc_id × table_no ×
-- fund_source). Amounts are in 万元; amounts printed in 元 are converted, the printed text kept.
create table if not exists fact_project_fund (
    doc_id                varchar not null,
    source_file           varchar not null,
    source_page           integer,
    source_line           integer,
    table_no              integer not null,
    table_kind            varchar not null,
    fiscal_year           integer,
    department            varchar,
    department_key       varchar,
    unit_name             varchar,
    project_name          varchar,
    project_key          varchar,
    fund_source           varchar not null,
    fund_label            varchar,
    budget_initial        decimal(18, 6),
    budget_full_year      decimal(18, 6),
    executed              decimal(18, 6),
    weight                decimal(18, 6),
    execution_rate        decimal(18, 6),
    score                 decimal(18, 6),
    budget_initial_text   varchar,
    budget_full_year_text varchar,
    executed_text         varchar,
    execution_rate_text   varchar,
    read_method  varchar,
    read_confidence double
);

comment on table fact_project_fund is 'One row per project table and fund source; amounts in 万元.';
comment on column fact_project_fund.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_project_fund.source_file is 'File name the row was read from.';
comment on column fact_project_fund.source_page is 'PDF page (from 1); null for text files.';
comment on column fact_project_fund.source_line is 'Text files: line number where the row starts.';
comment on column fact_project_fund.table_no is 'Ordinal of the project table within its document, from 1.';
comment on column fact_project_fund.table_kind is 'project_2024 or project_2018.';
comment on column fact_project_fund.fiscal_year is 'Fiscal year printed on the table, else the document''s.';
comment on column fact_project_fund.department is 'Publishing department, 自治区… form.';
comment on column fact_project_fund.unit_name is '实施单位 / 预算单位 as printed.';
comment on column fact_project_fund.project_name is '项目名称 as printed.';
comment on column fact_project_fund.fund_source is '''total'' (年度资金总额; 2018: 预算数/执行数 row), ''fiscal'' (当年财政拨款 / 财政拨款), ''other'' (其他资金).';
comment on column fact_project_fund.fund_label is 'The row label as printed (e.g. 其中：当年财政拨款).';
comment on column fact_project_fund.budget_initial is '年初预算数, 万元 (null in 2018 tables, which do not print it).';
comment on column fact_project_fund.budget_full_year is '全年预算数 (2018: 预算数), 万元.';
comment on column fact_project_fund.executed is '全年执行数 (2018: 执行数), 万元.';
comment on column fact_project_fund.weight is '分值, in points (total row only).';
comment on column fact_project_fund.execution_rate is '执行率 in percent (90.58 for 90.58%), as printed.';
comment on column fact_project_fund.score is '得分 of the funds row, in points.';
comment on column fact_project_fund.budget_initial_text is '年初预算数 as printed.';
comment on column fact_project_fund.budget_full_year_text is '全年预算数 / 预算数 as printed (may carry a unit, e.g. 428万元).';
comment on column fact_project_fund.executed_text is '全年执行数 / 执行数 as printed.';
comment on column fact_project_fund.execution_rate_text is '执行率 as printed.';
comment on column fact_project_fund.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
comment on column fact_project_fund.project_key is 'The project across years (dim_project.project_key); filled when the dimensions are rebuilt after a load.';
comment on column fact_project_fund.read_method is 'How the figure was read: ''text'' (a text file), ''pdf_text_layer'' (the characters of a PDF page), ''excel'' (the cells of a workbook) or ''ocr'' (a scanned page read by OCR; see read_confidence and the view ocr_figure_review).';
comment on column fact_project_fund.read_confidence is 'OCR only: how sure OCR was, 0–1, the least confidence of the row''s cells (label and figures); below 0.9 means unsure (figures below 0.6 are never loaded). Null for the other methods, which read exactly what the file holds.';
