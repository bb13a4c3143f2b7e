-- fact_function_expenditure: one row per 支出功能分类 line of the narrative, in the Xinjiang
-- phrasing (…（类）…（款）…（项）：支出决算数为X万元，比上年决算减少…) or the national one
-- (…（项）。主要用于：…。全年预算为X万元，支出决算为Y万元，完成全年预算数的Z%。…主要原因：…)
-- (grain: doc_id × line).
create table if not exists fact_function_expenditure (
    doc_id       varchar not null,
    source_file  varchar not null,
    source_page  integer,
    source_line  integer,
    fiscal_year  integer,
    department   varchar,
    department_key       varchar,
    line_no      varchar,
    class_name   varchar not null,
    section_name varchar,
    item_name    varchar,
    subject_code varchar,
    amount_wan   decimal(18, 6),
    budget_wan   decimal(18, 6),
    budget_kind  varchar,
    completion_pct decimal(18, 6),
    change_wan   decimal(18, 6),
    change_pct   decimal(18, 6),
    purpose      varchar,
    reason       varchar,
    printed_text varchar,
    read_method  varchar,
    read_confidence double
);

comment on table fact_function_expenditure is '一般公共预算财政拨款支出 by 支出功能分类 (类/款/项), as stated line by line.';
comment on column fact_function_expenditure.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_function_expenditure.source_file is 'File name the line was read from.';
comment on column fact_function_expenditure.source_page is 'PDF page (from 1); null for text files.';
comment on column fact_function_expenditure.source_line is 'Text files: line number of the line.';
comment on column fact_function_expenditure.fiscal_year is 'Fiscal year of the document.';
comment on column fact_function_expenditure.department is 'Publishing department, 自治区… form.';
comment on column fact_function_expenditure.line_no is 'The line''s printed number (1, 2, …).';
comment on column fact_function_expenditure.class_name is '类 name, without （类）.';
comment on column fact_function_expenditure.section_name is '款 name, without （款）.';
comment on column fact_function_expenditure.item_name is '项 name, without （项）, as printed (even when truncated, e.g. 中等职业教).';
comment on column fact_function_expenditure.subject_code is '科目编码 when printed (3, 5 or 7 digits); null otherwise.';
comment on column fact_function_expenditure.amount_wan is '支出决算数, 万元.';
comment on column fact_function_expenditure.budget_wan is 'The budget printed beside it (年初预算为 or 全年预算为), 万元; budget_kind says which.';
comment on column fact_function_expenditure.budget_kind is 'Which budget budget_wan is: 年初预算 or 全年预算 (预算 when the line says neither); null when none is printed.';
comment on column fact_function_expenditure.completion_pct is '完成…预算的 Z%: 支出决算 / the budget, percent, as printed.';
comment on column fact_function_expenditure.change_wan is 'Change against last year''s 决算, 万元, signed (减少 is negative; 无变化 is 0).';
comment on column fact_function_expenditure.change_pct is 'Change against last year, percent, signed (下降 is negative).';
comment on column fact_function_expenditure.purpose is 'What the money was for (主要用于：…), as printed.';
comment on column fact_function_expenditure.reason is 'The 主要原因 text as printed (against last year, or against the budget).';
comment on column fact_function_expenditure.printed_text is 'The whole line as printed.';
comment on column fact_function_expenditure.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
comment on column fact_function_expenditure.read_method is 'How the figure was read: ''text'' (a text file), ''pdf_text_layer'' (the characters of a PDF page), ''excel'' (the cells of a workbook) or ''ocr'' (a scanned page read by OCR; see read_confidence and the view ocr_figure_review).';
comment on column fact_function_expenditure.read_confidence is 'OCR only: how sure OCR was, 0–1, the least confidence of the paragraph the line starts in; below 0.9 means unsure (figures below 0.6 are never loaded). Null for the other methods, which read exactly what the file holds.';
