-- fact_function_class: one row per 类 of the 一般公共预算财政拨款支出决算结构 lines
-- (1.一般公共服务支出（类）12,634.73万元，占69.89%) (grain: doc_id × class_name).
create table if not exists fact_function_class (
    doc_id      varchar not null,
    source_file varchar not null,
    source_page integer,
    source_line integer,
    fiscal_year integer,
    department  varchar,
    department_key       varchar,
    class_name  varchar not null,
    amount_wan  decimal(18, 6),
    share_pct   decimal(18, 6),
    read_method  varchar,
    read_confidence double
);

comment on table fact_function_class is 'The structure of 一般公共预算财政拨款支出 by 类, with its share.';
comment on column fact_function_class.doc_id is 'sha256 of the source file (dim_document.doc_id).';
comment on column fact_function_class.source_file is 'File name the line was read from.';
comment on column fact_function_class.source_page is 'PDF page (from 1); null for text files.';
comment on column fact_function_class.source_line is 'Text files: line number of the line.';
comment on column fact_function_class.fiscal_year is 'Fiscal year of the document.';
comment on column fact_function_class.department is 'Publishing department, 自治区… form.';
comment on column fact_function_class.class_name is '类 name, without （类）.';
comment on column fact_function_class.amount_wan is 'The 类 total, 万元.';
comment on column fact_function_class.share_pct is 'Its share of the total, percent (69.89 for 69.89%).';
comment on column fact_function_class.department_key is 'The department''s short name, the key that joins its printed forms (商务厅 for 新疆维吾尔自治区商务厅 and 自治区商务厅); see dim_department.';
comment on column fact_function_class.read_method is 'How the figure was read: ''text'' (a text file), ''pdf_text_layer'' (the characters of a PDF page), ''excel'' (the cells of a workbook) or ''ocr'' (a scanned page read by OCR; see read_confidence and the view ocr_figure_review).';
comment on column fact_function_class.read_confidence is 'OCR only: how sure OCR was, 0–1, the least confidence of the paragraph the figure is printed in; below 0.9 means unsure (figures below 0.6 are never loaded). Null for the other methods, which read exactly what the file holds.';
